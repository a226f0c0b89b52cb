// Revenue per customer (format version 4): each customer's monthly revenue with a default for
// the others, used by the margin-negative flags; read from a CSV of customer,revenue lines; the
// file format (round trip, errors with JSON paths) and the migration of a version 3 workbook,
// whose one revenue for every customer becomes the default. Figures by hand in the comments.
#include "../testutil.h"

#include "actuals/actualsimport.h"
#include "actuals/actualsjson.h"
#include "actuals/customerrevenue.h"
#include "actuals/report.h"
#include "actuals/rollup.h"
#include "workbookfile.h"

#include <QTest>

using namespace roi;
using namespace roi::actuals;

namespace {

UsageRecord usage(const char *d, std::string customer, double cost)
{
    UsageRecord r;
    r.day = *Date::parse(d);
    r.provider = "OpenAI";
    r.model = "m";
    r.uncachedInput = 1000;
    r.cost = cost;
    r.costKind = CostKind::Billed;
    r.keys.customer = std::move(customer);
    return r;
}

/// acme costs 30 in 2026-09 and 8 in 2026-10; globex 10 in 2026-09; one row has no customer (4).
Workbook customers()
{
    Workbook wb = newWorkbook();
    wb.settings.startMonth = {2026, 1};
    wb.useCases.push_back(newUseCase("A", {2026, 1}));
    RollupBuilder b(wb, 1);
    for (const UsageRecord &r : {usage("2026-09-03", "acme", 20), usage("2026-09-20", "acme", 10),
                                 usage("2026-10-02", "acme", 8), usage("2026-09-05", "globex", 10),
                                 usage("2026-09-06", "", 4)})
        b.add(r);
    PendingImport p;
    p.record.id = 1;
    p.record.fileName = "usage.csv";
    p.record.sha256 = std::string(64, 'c');
    p.record.format = "csv";
    p.record.providers = b.providers();
    p.record.firstDay = *Date::parse("2026-09-03");
    p.record.lastDay = *Date::parse("2026-10-02");
    p.record.rowsRead = p.record.rowsUsed = 5;
    p.table = b.finish();
    const ApplyResult r = applyImport(wb.actuals, p, OverlapChoice::Fail);
    wb.actuals = r.actuals;
    return wb;
}

QString flags(const Workbook &wb)
{
    QStringList out;
    for (const MarginNegative &n : marginNegativeCustomers(wb))
        out << QStringLiteral("%1 %2-%3 %4>%5")
                   .arg(QString::fromStdString(n.customer))
                   .arg(n.month.year)
                   .arg(n.month.month, 2, 10, QLatin1Char('0'))
                   .arg(n.cost)
                   .arg(n.revenue);
    return out.join(QStringLiteral("; "));
}

} // namespace

class TestCustomerRevenue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void marginsPerCustomer_data();
    void marginsPerCustomer();
    void revenueOfSortedEntries();
    void parseCsv_data();
    void parseCsv();
    void mergeReplacesListedCustomers();
    void roundTrip();
    void badRevenue_data();
    void badRevenue();
    void migrationFromV3();
};

void TestCustomerRevenue::marginsPerCustomer_data()
{
    QTest::addColumn<double>("fallback"); // the default; < 0: none
    QTest::addColumn<QString>("entries"); // customer=revenue;...
    QTest::addColumn<QString>("flagged");
    // Costs: acme 2026-09 30, 2026-10 8; globex 2026-09 10.
    QTest::newRow("nothing given") << -1.0 << QString() << QString();
    QTest::newRow("default 20: acme's September") << 20.0 << QString() << "acme 2026-09 30>20";
    QTest::newRow("default 5: all three months")
        << 5.0 << QString() << "acme 2026-09 30>5; acme 2026-10 8>5; globex 2026-09 10>5";
    // acme pays 35 (never over), globex 5 (September over): the default is not used.
    QTest::newRow("own revenues") << 20.0 << "acme=35;globex=5"
                                  << "globex 2026-09 10>5";
    // Only globex listed, no default: acme has no revenue, so no margin, no flag.
    QTest::newRow("listed only") << -1.0 << "globex=9.99"
                                 << "globex 2026-09 10>9.99";
    // A revenue equal to the cost is not over it.
    QTest::newRow("equal is not over") << -1.0 << "acme=30;globex=10" << QString();
}

void TestCustomerRevenue::marginsPerCustomer()
{
    QFETCH(double, fallback);
    QFETCH(QString, entries);
    QFETCH(QString, flagged);
    Workbook wb = customers();
    if (fallback >= 0)
        wb.actuals.revenuePerCustomer = fallback;
    std::vector<CustomerRevenue> list;
    for (const QString &e : entries.split(u';', Qt::SkipEmptyParts))
        list.push_back({e.section(u'=', 0, 0).toStdString(), e.section(u'=', 1).toDouble()});
    wb.actuals.customerRevenue = normalisedRevenue(list);
    QCOMPARE(flags(wb), flagged);
}

void TestCustomerRevenue::revenueOfSortedEntries()
{
    Actuals a;
    QVERIFY(!a.hasRevenue());
    QVERIFY(!a.revenueOf("acme"));
    // Unsorted, a duplicate (the later wins), blanks trimmed, an empty name dropped.
    a.customerRevenue =
        normalisedRevenue({{"zeta", 1}, {" acme ", 2}, {"beta", 3}, {"acme", 4}, {"  ", 5}});
    QCOMPARE(a.customerRevenue.size(), std::size_t(3));
    QCOMPARE(a.customerRevenue[0].customer, std::string("acme"));
    QCOMPARE(*a.revenueOf("acme"), 4.0);
    QCOMPARE(*a.revenueOf("beta"), 3.0);
    QCOMPARE(*a.revenueOf("zeta"), 1.0);
    QVERIFY(!a.revenueOf("omega"));
    a.revenuePerCustomer = 7;
    QCOMPARE(*a.revenueOf("omega"), 7.0);
    QCOMPARE(*a.revenueOf("acme"), 4.0);
    QVERIFY(a.hasRevenue());
}

void TestCustomerRevenue::parseCsv_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("entries"); // customer=revenue|...
    QTest::addColumn<QString>("errors");
    QTest::newRow("header") << QByteArray("customer,revenue\nacme,120\nglobex,80.5\n")
                            << "acme=120|globex=80.5" << QString();
    QTest::newRow("no header, CRLF, blank line")
        << QByteArray("acme,120\r\n\r\nglobex, 80.5 \r\n") << "acme=120|globex=80.5" << QString();
    QTest::newRow("columns swapped, extra column, any case")
        << QByteArray("Revenue;Region;CUSTOMER\n99;eu;initech\n") << "initech=99" << QString();
    QTest::newRow("quoted customer, byte-order mark")
        << QByteArray("\xEF\xBB\xBF"
                      "customer,revenue\n\"Acme, \"\"Inc\"\"\",1e3\n")
        << "Acme, \"Inc\"=1000" << QString();
    QTest::newRow("tab separated")
        << QByteArray("client\tmrr\nacme\t12\n") << "acme=12" << QString();
    QTest::newRow("bad lines named")
        << QByteArray("customer,revenue\nacme,12\nglobex,$80\n,5\ninitech\nhooli,-1\n") << "acme=12"
        << "line 3: revenue \"$80\" is not a number (write 1200.50, without currency signs or "
           "thousands separators)|line 4: the customer is empty|line 5: has 1 field(s); "
           "expected a customer and a revenue|line 6: revenue must be between 0 and 1e12";
    QTest::newRow("unknown header")
        << QByteArray("name,amount\nacme,1\n") << "acme=1"
        << "line 1: the header must name a customer and a revenue column (customer,revenue)";
    QTest::newRow("unclosed quote") << QByteArray("\"acme,1\n") << QString()
                                    << "line 1: a quoted customer is not closed, or text "
                                       "follows its closing quote";
}

void TestCustomerRevenue::parseCsv()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, entries);
    QFETCH(QString, errors);
    const RevenueCsv csv = parseCustomerRevenueCsv(std::string_view(text.data(), text.size()));
    QStringList got;
    for (const CustomerRevenue &e : csv.entries)
        got << QString::fromStdString(e.customer) + u'=' + QString::number(e.monthly);
    QCOMPARE(got.join(u'|'), entries);
    QStringList problems;
    for (const std::string &e : csv.errors)
        problems << QString::fromStdString(e);
    QCOMPARE(problems.join(u'|'), errors);
}

void TestCustomerRevenue::mergeReplacesListedCustomers()
{
    const std::vector<CustomerRevenue> merged =
        mergeRevenue({{"acme", 10}, {"globex", 20}}, {{"globex", 25}, {"initech", 5}});
    QCOMPARE(merged.size(), std::size_t(3));
    QCOMPARE(merged[0], (CustomerRevenue{"acme", 10}));
    QCOMPARE(merged[1], (CustomerRevenue{"globex", 25}));
    QCOMPARE(merged[2], (CustomerRevenue{"initech", 5}));
}

void TestCustomerRevenue::roundTrip()
{
    Workbook wb = customers();
    wb.actuals.revenuePerCustomer = 12.5;
    wb.actuals.customerRevenue = {{"acme", 40}, {"globex", 0.5}};
    const SaveResult saved = writeWorkbook(wb);
    QVERIFY(saved.ok());
    QVERIFY(saved.text.find("\"version\": 4") != std::string::npos);
    QVERIFY(saved.text.find("\"revenuePerCustomer\"") == std::string::npos);
    const LoadResult back = readWorkbook(saved.text);
    QVERIFY(back.ok());
    QVERIFY(back.diagnostics.empty());
    QVERIFY(back.workbook->actuals == wb.actuals);
    // Only customers of their own, no default: still written and read back.
    wb.actuals.revenuePerCustomer.reset();
    const LoadResult again = readWorkbook(writeWorkbook(wb).text);
    QVERIFY(again.ok());
    QVERIFY(again.workbook->actuals == wb.actuals);
}

void TestCustomerRevenue::badRevenue_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::newRow("negative default") << R"("default": 12.5)"
                                      << R"("default": -1)"
                                      << "/actuals/revenue/default"
                                      << "must be >= 0";
    QTest::newRow("negative monthly") << R"("monthly": 40)"
                                      << R"("monthly": -40)"
                                      << "/actuals/revenue/customers/0/monthly"
                                      << "must be >= 0";
    QTest::newRow("customer twice") << R"("customer": "globex")"
                                    << R"("customer": "acme")"
                                    << "/actuals/revenue/customers/1/customer"
                                    << "duplicate customer 'acme'";
    QTest::newRow("empty customer") << R"("customer": "acme")"
                                    << R"("customer": "")"
                                    << "/actuals/revenue/customers/0/customer"
                                    << "must not be empty";
    QTest::newRow("missing monthly") << R"(, "monthly": 40.0)"
                                     << ""
                                     << "/actuals/revenue/customers/0/monthly"
                                     << "is missing";
    QTest::newRow("unknown key") << R"("default": 12.5)"
                                 << R"("default": 12.5, "yearly": 1)"
                                 << "/actuals/revenue/yearly"
                                 << "unknown";
}

void TestCustomerRevenue::badRevenue()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, path);
    QFETCH(QString, message);
    Workbook wb = customers();
    wb.actuals.revenuePerCustomer = 12.5;
    wb.actuals.customerRevenue = {{"acme", 40}, {"globex", 0.5}};
    // Compact text with one space after ':' and ',' between members (outside strings).
    const std::string compact = nlohmann::ordered_json::parse(writeWorkbook(wb).text).dump();
    std::string text;
    bool inString = false;
    for (std::size_t i = 0; i < compact.size(); ++i) {
        const char c = compact[i];
        text.push_back(c);
        if (c == '"' && (i == 0 || compact[i - 1] != '\\'))
            inString = !inString;
        else if (!inString && (c == ':' || c == ','))
            text.push_back(' ');
    }
    const std::size_t at = text.find(from.toStdString());
    QVERIFY2(at != std::string::npos, text.c_str());
    text.replace(at, static_cast<std::size_t>(from.size()), to.toStdString());
    const LoadResult r = readWorkbook(text);
    bool found = false;
    QStringList all;
    for (const Diagnostic &d : r.diagnostics) {
        all << QString::fromStdString(d.toString());
        found = found
                || (d.path == path.toStdString()
                    && d.message.find(message.toStdString()) != std::string::npos);
    }
    QVERIFY2(found, qPrintable(all.join(u'\n')));
}

void TestCustomerRevenue::migrationFromV3()
{
    // tests/data/migration/v3-revenue-portfolio.roiwb: the portfolio example as version 3 wrote
    // it, with focus-1.3.csv.gz (globex, 2027-02: 21.5625) and litellm-spendlogs.csv (acme
    // 0.000405 and globex 0.013375, 2027-03) imported and one revenue for every customer:
    // "revenuePerCustomer": 20. It becomes the default of version 4, no customer of its own,
    // and the flags are those version 3 gave: globex's February only (21.5625 > 20).
    const std::string text = roitest::readText(
        std::string(ROI_SOURCE_DIR) + "/tests/data/migration/v3-revenue-portfolio.roiwb");
    QVERIFY(text.find("\"version\": 3") != std::string::npos);
    QVERIFY(text.find("\"revenuePerCustomer\": 20") != std::string::npos);
    const LoadResult r = readWorkbook(text);
    QVERIFY(r.ok());
    QVERIFY(r.diagnostics.empty());
    const Actuals &a = r.workbook->actuals;
    QCOMPARE(a.revenuePerCustomer, std::optional<double>(20));
    QVERIFY(a.customerRevenue.empty());
    QCOMPARE(flags(*r.workbook), QStringLiteral("globex 2027-02 21.5625>20"));
    // Saved again: version 4, the default in "revenue", the rest unchanged.
    const SaveResult saved = writeWorkbook(*r.workbook);
    QVERIFY(saved.ok());
    QVERIFY(saved.text.find("\"version\": 4") != std::string::npos);
    QVERIFY(saved.text.find("\"revenuePerCustomer\"") == std::string::npos);
    const LoadResult again = readWorkbook(saved.text);
    QVERIFY(again.ok());
    QVERIFY(*again.workbook == *r.workbook);
    // globex given its own 25 a month: no flag left; acme still under the default.
    Workbook edited = *r.workbook;
    edited.actuals.customerRevenue = {{"globex", 25}};
    QCOMPARE(flags(edited), QString());
}

QTEST_APPLESS_MAIN(TestCustomerRevenue)
#include "tst_customerrevenue.moc"
