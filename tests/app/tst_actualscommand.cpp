// Actuals through the command line and the Document: every sample export of tests/data/actuals
// imported into the portfolio example and reported with the totals worked out by hand in
// tests/data/actuals/README.md; re-import, overlap, currency and failure paths that must change
// nothing; an import as one undoable edit.
#include "actualscommands.h"
#include "actualsimport.h"
#include "commandline.h"
#include "document.h"

#include "actuals/report.h"
#include "workbookfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

using namespace roi;

namespace {

const std::string kPortfolio = ROI_SOURCE_DIR "/resources/examples/portfolio.roiwb";
const std::string kSamples = ROI_SOURCE_DIR "/tests/data/actuals/";

struct Run
{
    int code = 0;
    std::string out;
    std::string err;
};

Run run(const std::vector<std::string> &args)
{
    std::ostringstream out;
    std::ostringstream err;
    Run r;
    r.code = runCommandLine(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

std::string readAll(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

Workbook load(const std::string &path)
{
    LoadResult r = readWorkbook(readAll(path));
    return r.workbook.value_or(Workbook{});
}

/// The gateway export's mapping, as tests/data/actuals/README.md describes it.
actuals::ColumnMapping gatewayMapping()
{
    actuals::ColumnMapping m;
    m.name = "Gateway export";
    m.date = "Day";
    m.model = "Model";
    m.provider = "Vendor";
    m.uncachedInput = "Input";
    m.cacheReadInput = "Cached";
    m.outputTokens = "Output";
    m.requests = "Calls";
    m.cost = "Cost (cents)";
    m.currency = "Currency";
    m.feature = "Use case";
    m.team = "Team";
    m.customer = "Client";
    m.tags = "Labels";
    m.outcomes = "Deals closed";
    m.dateFormat = "DD/MM/YYYY";
    m.costInCents = true;
    m.delimiter = ';';
    m.inputIncludesCached = true;
    return m;
}

/// A copy of the portfolio example (its attribution rules included) with the gateway mapping
/// saved in it.
std::string portfolioCopy(const QTemporaryDir &dir)
{
    Workbook wb = load(kPortfolio);
    wb.actuals.mappings = {gatewayMapping()};
    const std::string path = dir.filePath(QStringLiteral("portfolio.roiwb")).toStdString();
    std::ofstream(path, std::ios::binary) << writeWorkbook(wb).text;
    return path;
}

/// Every usage export (not the two cost reports: they are the invoiced side of usage files).
std::vector<std::string> usageSamples()
{
    return {kSamples + "focus-1.2.csv",          kSamples + "focus-1.3.csv.gz",
            kSamples + "openai-usage.json",      kSamples + "openai-usage.csv",
            kSamples + "anthropic-usage.json",   kSamples + "litellm-spendlogs.csv",
            kSamples + "litellm-spendlogs.json", kSamples + "gateway-export.csv"};
}

bool near(double a, double b)
{
    return std::fabs(a - b) < 1e-9;
}

} // namespace

class TestActualsCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySampleIntoPortfolio();
    void reportFormats();
    void reimportChangesNothing();
    void overlapChoices();
    void overlapAcrossFormats_data();
    void overlapAcrossFormats();
    void costReport();
    void failedImportChangesNothing_data();
    void failedImportChangesNothing();
    void mixedCurrencyNeedsRate();
    void undoRedoThroughDocument();
    void headlineUnchanged();
};

void TestActualsCommand::everySampleIntoPortfolio()
{
    QTemporaryDir dir;
    const std::string wbPath = portfolioCopy(dir);
    std::vector<std::string> args{"import", wbPath};
    for (const std::string &s : usageSamples())
        args.push_back(s);
    args.insert(args.end(), {"--mapping", "Gateway export"});
    const Run imported = run(args);
    QVERIFY2(imported.code == ExitOk, (imported.out + imported.err).c_str());
    QVERIFY(imported.out.find("focus-1.2.csv: ") != std::string::npos);
    QVERIFY(imported.out.find("read 7, used 5, refused 0, skipped 2") != std::string::npos);
    QVERIFY(imported.out.find("wrote " + wbPath) != std::string::npos);
    QVERIFY(QFile::exists(QString::fromStdString(wbPath + "~"))); // the backup

    const Workbook wb = load(wbPath);
    QCOMPARE(wb.actuals.imports.size(), std::size_t(8));
    // Totals by hand (tests/data/actuals/README.md), every amount at the price book's rates:
    //   January:  FOCUS 1.2 6.905 + OpenAI JSON 3.99 + 0.345 + gateway 0.255 + 1.125 + 1.80
    //             = 14.42
    //   February: FOCUS 1.3 21.5625 + OpenAI CSV 0.51 + 4.1875 = 26.26
    //   March:    Anthropic 4.9625 + 1.60 + LiteLLM CSV 0.01378 + JSON 0.00813 = 6.58441
    //   Total 47.26441.
    // By use case (features, teams, projects and workspaces mapped by the example's rules):
    //   Support assistant: FOCUS large 3.00 + 3.00 + 0.50, OpenAI JSON large 1.50 + 0.375 +
    //     1.50, OpenAI CSV large 4.1875, Anthropic wrkspc_support 1.60, LiteLLM JSON 0.0075,
    //     gateway 1.125 = 16.795
    //   Lead qualification: FOCUS mini 0.27 + 0.135, OpenAI JSON mini 0.615 + 0.345, OpenAI
    //     CSV mini 0.51, LiteLLM 0.000405 + 0.00063, gateway 0.255 = 2.131035
    //   Contract review: FOCUS 1.3 21.5625, Anthropic 4.9625, LiteLLM 0.013375, gateway 1.80
    //     = 28.338375
    const actuals::Report r = actuals::buildReport(wb, actuals::Dimension::UseCase);
    QCOMPARE(r.months.size(), std::size_t(3));
    QVERIFY2(near(r.monthTotals[0].cost, 14.42), std::to_string(r.monthTotals[0].cost).c_str());
    QVERIFY(near(r.monthTotals[1].cost, 26.26));
    QVERIFY(near(r.monthTotals[2].cost, 6.58441));
    QVERIFY(near(r.total.cost, 47.26441));
    QStringList keys;
    for (const auto &k : r.keys)
        keys << QString::fromStdString(k);
    QVERIFY2(r.findKey("Support assistant") >= 0, qPrintable(keys.join(u',')));
    QVERIFY2(near(r.keyTotals[std::size_t(r.findKey("Support assistant"))].cost, 16.795),
             qPrintable(keys.join(u',')));
    QVERIFY(near(r.keyTotals[std::size_t(r.findKey("Lead qualification"))].cost, 2.131035));
    QVERIFY(near(r.keyTotals[std::size_t(r.findKey("Contract review"))].cost, 28.338375));
    QCOMPARE(r.findKey(actuals::kUnallocated), -1);
    QVERIFY(near(*r.coverage, 1.0));
    // Every reported cost is the price book's, but FOCUS 1.2's frontier-mini rows carry a 10%
    // discount: EffectiveCost 0.27 + 0.135 = 0.405 against 0.30 + 0.15 = 0.45 by the book.
    QVERIFY(near(r.reportedCost - r.priceBookCost, -0.045));
    // Reported: FOCUS 6.905 + 21.5625, LiteLLM 0.013375 + 0.000405 + 0.0075 + 0.00063, the
    // gateway's two costed rows 0.255 + 1.125 = 29.86941.
    QVERIFY(near(r.reportedCost, 29.86941));

    const Run text = run({"actuals", wbPath});
    QCOMPARE(text.code, int(ExitOk));
    QVERIFY2(text.out.find("Support assistant") != std::string::npos, text.out.c_str());
    QVERIFY(text.out.find("2027-01") != std::string::npos);
    QVERIFY(text.out.find("Coverage: 100.0%") != std::string::npos);
    QVERIFY(text.out.find("$47.26") != std::string::npos);
}

void TestActualsCommand::reportFormats()
{
    QTemporaryDir dir;
    const std::string wbPath = portfolioCopy(dir);
    QCOMPARE(run({"import", wbPath, kSamples + "focus-1.2.csv"}).code, int(ExitOk));
    const Run json = run({"actuals", wbPath, "--by", "model", "--format", "json"});
    QCOMPARE(json.code, int(ExitOk));
    const auto j = nlohmann::json::parse(json.out);
    QCOMPARE(j["by"].get<std::string>(), std::string("model"));
    // frontier-large 3.00 + 3.00 + 0.50 = 6.50 first, frontier-mini 0.27 + 0.135 = 0.405.
    QCOMPARE(j["rows"][0]["key"].get<std::string>(), std::string("frontier-large"));
    QVERIFY(near(j["rows"][0]["total"]["cost"].get<double>(), 6.50));
    QVERIFY(near(j["rows"][1]["total"]["cost"].get<double>(), 0.405));
    QVERIFY(near(j["total"]["cost"].get<double>(), 6.905));
    QCOMPARE(j["imports"][0]["rowsSkipped"].get<int>(), 2);
    const Run csv = run({"actuals", wbPath, "--by", "team", "--format", "csv"});
    QCOMPARE(csv.code, int(ExitOk));
    QVERIFY(csv.out.starts_with("key,month,uncachedInput"));
    QVERIFY(csv.out.find("customer-care,2027-01,") != std::string::npos);
    QCOMPARE(run({"actuals", wbPath, "--by", "colour"}).code, int(ExitUsage));
    QCOMPARE(run({"actuals", wbPath, "--format", "pdf"}).code, int(ExitUsage));
}

void TestActualsCommand::reimportChangesNothing()
{
    QTemporaryDir dir;
    const std::string wbPath = portfolioCopy(dir);
    QCOMPARE(run({"import", wbPath, kSamples + "openai-usage.json"}).code, int(ExitOk));
    const std::string before = readAll(wbPath);
    const Run again = run({"import", wbPath, kSamples + "openai-usage.json"});
    QCOMPARE(again.code, int(ExitOk));
    QVERIFY2(again.out.find("same SHA-256") != std::string::npos, again.out.c_str());
    QVERIFY(again.out.find("nothing changed") != std::string::npos);
    QCOMPARE(readAll(wbPath), before);
}

void TestActualsCommand::overlapChoices()
{
    // litellm-spendlogs.json (2027-03-15..16) and a copy of it with one byte more (another
    // SHA-256, the same days and provider): an overlap.
    QTemporaryDir dir;
    const std::string wbPath = portfolioCopy(dir);
    QCOMPARE(run({"import", wbPath, kSamples + "litellm-spendlogs.json"}).code, int(ExitOk));
    const std::string copy = dir.filePath(QStringLiteral("again.json")).toStdString();
    std::ofstream(copy, std::ios::binary) << readAll(kSamples + "litellm-spendlogs.json") << "\n";
    const std::string before = readAll(wbPath);
    const Run refused = run({"import", wbPath, copy});
    QCOMPARE(refused.code, int(ExitInvalid));
    QVERIFY2(refused.err.find("overlaps") != std::string::npos, refused.err.c_str());
    QCOMPARE(readAll(wbPath), before);

    const std::string kept = dir.filePath(QStringLiteral("kept.roiwb")).toStdString();
    QCOMPARE(run({"import", wbPath, copy, "--on-overlap", "keep", "-o", kept}).code, int(ExitOk));
    QCOMPARE(load(kept).actuals.imports.size(), std::size_t(2));
    // 0.00813 twice
    QVERIFY(near(actuals::buildReport(load(kept), actuals::Dimension::Model).total.cost, 0.01626));
    QCOMPARE(readAll(wbPath), before); // -o leaves the workbook alone

    QCOMPARE(run({"import", wbPath, copy, "--on-overlap", "replace"}).code, int(ExitOk));
    const Workbook replaced = load(wbPath);
    QCOMPARE(replaced.actuals.imports.size(), std::size_t(1));
    QCOMPARE(replaced.actuals.imports[0].fileName, std::string("again.json"));
    QVERIFY(near(actuals::buildReport(replaced, actuals::Dimension::Model).total.cost, 0.00813));
}

void TestActualsCommand::overlapAcrossFormats_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<double>("kept");     // both kept
    QTest::addColumn<double>("replaced"); // the second replaces the first
    // openai-usage.json (2027-01-20..21: 3.99 + 0.345 priced) and openai-costs.json (2027-01-20:
    // 3.99 billed) describe the same spend of 2027-01-20. Anthropic: the usage report
    // (2027-03-01..02: 1.60 + 4.9625 priced) against the cost report (2027-03-02: 5.9625).
    QTest::newRow("OpenAI usage, then costs") << "openai-usage.json"
                                              << "openai-costs.json" << 3.99 + 0.345 + 3.99 << 3.99;
    QTest::newRow("OpenAI costs, then usage")
        << "openai-costs.json"
        << "openai-usage.json" << 3.99 + 3.99 + 0.345 << 3.99 + 0.345;
    QTest::newRow("Anthropic usage, then costs")
        << "anthropic-usage.json"
        << "anthropic-costs.json" << 1.60 + 4.9625 + 5.9625 << 5.9625;
}

void TestActualsCommand::overlapAcrossFormats()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(double, kept);
    QFETCH(double, replaced);
    QTemporaryDir dir;
    const std::string wbPath = portfolioCopy(dir);
    QCOMPARE(run({"import", wbPath, kSamples + first.toStdString()}).code, int(ExitOk));
    const std::string before = readAll(wbPath);
    const std::string source = kSamples + second.toStdString();
    const Run refused = run({"import", wbPath, source});
    QCOMPARE(refused.code, int(ExitInvalid));
    QVERIFY2(refused.err.find("describe the same spend") != std::string::npos, refused.err.c_str());
    QVERIFY2(refused.err.find("counts it twice") != std::string::npos, refused.err.c_str());
    QVERIFY2(refused.err.find(first.toStdString()) != std::string::npos, refused.err.c_str());
    QCOMPARE(readAll(wbPath), before);

    const std::string both = dir.filePath(QStringLiteral("both.roiwb")).toStdString();
    QCOMPARE(run({"import", wbPath, source, "--on-overlap", "keep", "-o", both}).code, int(ExitOk));
    QCOMPARE(load(both).actuals.imports.size(), std::size_t(2));
    QVERIFY(near(actuals::buildReport(load(both), actuals::Dimension::Model).total.cost, kept));

    QCOMPARE(run({"import", wbPath, source, "--on-overlap", "replace"}).code, int(ExitOk));
    const Workbook wb = load(wbPath);
    QCOMPARE(wb.actuals.imports.size(), std::size_t(1));
    QCOMPARE(wb.actuals.imports[0].fileName, second.toStdString());
    QVERIFY(near(actuals::buildReport(wb, actuals::Dimension::Model).total.cost, replaced));
}

void TestActualsCommand::costReport()
{
    // anthropic-costs.json: 596.25 cents = 5.9625 USD, of which 1.00 for web search with no
    // model and no tokens; the other 4.9625 is frontier-large without tokens: nothing to set
    // against the price book.
    QTemporaryDir dir;
    const std::string wbPath = portfolioCopy(dir);
    const Run r = run({"import", wbPath, kSamples + "anthropic-costs.json"});
    QVERIFY2(r.code == ExitOk, (r.out + r.err).c_str());
    const actuals::Report rep = actuals::buildReport(load(wbPath), actuals::Dimension::Model);
    QVERIFY(near(rep.total.cost, 5.9625));
    QCOMPARE(rep.reportedCost, 0.0);
}

void TestActualsCommand::failedImportChangesNothing_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    const QString s = QString::fromStdString(kSamples);
    QTest::newRow("unknown format")
        << QStringList{s + QStringLiteral("focus-1.2.csv"), s + QStringLiteral("bad/unknown.csv")}
        << int(ExitInvalid) << QStringLiteral("not recognised");
    QTest::newRow("truncated gzip") << QStringList{s + QStringLiteral("bad/focus-truncated.csv.gz")}
                                    << int(ExitInvalid) << QStringLiteral("truncated");
    QTest::newRow("missing file") << QStringList{QStringLiteral("/no/such/usage.csv")}
                                  << int(ExitIo) << QStringLiteral("cannot read");
    QTest::newRow("unknown mapping")
        << QStringList{s + QStringLiteral("gateway-export.csv"), QStringLiteral("--mapping"),
                       QStringLiteral("Nope")}
        << int(ExitUsage) << QStringLiteral("no column mapping 'Nope'");
    QTest::newRow("bad rate") << QStringList{s + QStringLiteral("focus-1.2.csv"),
                                             QStringLiteral("--rate"), QStringLiteral("EUR:1")}
                              << int(ExitUsage) << QStringLiteral("--rate must be CUR=X");
    QTest::newRow("bad overlap choice")
        << QStringList{s + QStringLiteral("focus-1.2.csv"), QStringLiteral("--on-overlap"),
                       QStringLiteral("merge")}
        << int(ExitUsage) << QStringLiteral("--on-overlap must be");
}

void TestActualsCommand::failedImportChangesNothing()
{
    QFETCH(QStringList, extra);
    QFETCH(int, code);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const std::string wbPath = portfolioCopy(dir);
    const std::string before = readAll(wbPath);
    std::vector<std::string> args{"import", wbPath};
    for (const QString &e : extra)
        args.push_back(e.toStdString());
    const Run r = run(args);
    QCOMPARE(r.code, code);
    QVERIFY2(r.err.find(message.toStdString()) != std::string::npos, r.err.c_str());
    QCOMPARE(readAll(wbPath), before);
    QVERIFY(!QFile::exists(QString::fromStdString(wbPath + "~")));
}

void TestActualsCommand::mixedCurrencyNeedsRate()
{
    // The gateway export in EUR: refused without a rate, converted with one (1 EUR = 1.10 USD):
    // (0.255 + 1.125) x 1.10 + 1.80 (priced from the USD price book, no conversion) = 3.318.
    QTemporaryDir dir;
    const std::string wbPath = portfolioCopy(dir);
    std::string csv = readAll(kSamples + "gateway-export.csv");
    for (std::size_t at = csv.find("USD"); at != std::string::npos; at = csv.find("USD", at))
        csv.replace(at, 3, "EUR");
    const std::string eur = dir.filePath(QStringLiteral("gateway-eur.csv")).toStdString();
    std::ofstream(eur, std::ios::binary) << csv;
    const std::string before = readAll(wbPath);
    const Run refused = run({"import", wbPath, eur, "--mapping", "Gateway export"});
    QCOMPARE(refused.code, int(ExitInvalid));
    QVERIFY2(refused.err.find("costs in EUR and the workbook is in USD") != std::string::npos,
             refused.err.c_str());
    QVERIFY2(refused.err.find("--rate EUR=RATE") != std::string::npos, refused.err.c_str());
    QCOMPARE(readAll(wbPath), before);
    // Two currencies, GBP only on the second row (the third has no cost): both named, an
    // option for each.
    std::string two = csv;
    two.replace(two.find("EUR", two.find("EUR") + 3), 3, "GBP");
    const std::string twoPath = dir.filePath(QStringLiteral("gateway-eur-gbp.csv")).toStdString();
    std::ofstream(twoPath, std::ios::binary) << two;
    const Run refusedTwo = run({"import", wbPath, twoPath, "--mapping", "Gateway export"});
    QCOMPARE(refusedTwo.code, int(ExitInvalid));
    QVERIFY2(refusedTwo.err.find("costs in EUR, GBP") != std::string::npos, refusedTwo.err.c_str());
    QVERIFY2(refusedTwo.err.find("--rate EUR=RATE --rate GBP=RATE") != std::string::npos,
             refusedTwo.err.c_str());
    QCOMPARE(readAll(wbPath), before);
    const Run accepted =
        run({"import", wbPath, eur, "--mapping", "Gateway export", "--rate", "EUR=1.10"});
    QVERIFY2(accepted.code == ExitOk, (accepted.out + accepted.err).c_str());
    const Workbook wb = load(wbPath);
    QCOMPARE(wb.actuals.rates.size(), std::size_t(1));
    QCOMPARE(wb.actuals.rates[0].rate, 1.10);
    QVERIFY(near(actuals::buildReport(wb, actuals::Dimension::Model).total.cost, 3.318));
}

void TestActualsCommand::undoRedoThroughDocument()
{
    Document doc;
    QString error;
    QVERIFY(doc.load(QString::fromStdString(kPortfolio), &error));
    const Workbook original = doc.workbook();
    ActualsImportRequest request;
    request.path = QString::fromStdString(kSamples + "focus-1.2.csv");
    const ActualsImportOutcome o = runActualsImport(doc.workbook(), request);
    QVERIFY2(o.ok, o.error.c_str());
    QVERIFY(doc.workbook() == original); // running an import changes nothing by itself
    const auto applied = applyActualsImport(doc, o.pending, actuals::OverlapChoice::Fail);
    QCOMPARE(int(applied.outcome), int(actuals::ApplyResult::Outcome::Applied));
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Import actuals from focus-1.2.csv"));
    QVERIFY(doc.isModified());
    const Workbook imported = doc.workbook();
    QVERIFY(near(actuals::buildReport(imported, actuals::Dimension::Model).total.cost, 6.905));
    doc.undoStack()->undo();
    QVERIFY(doc.workbook() == original);
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QVERIFY(doc.workbook() == imported);
    // The same file again: nothing pushed.
    const auto duplicate = applyActualsImport(doc, o.pending, actuals::OverlapChoice::Keep);
    QCOMPARE(int(duplicate.outcome), int(actuals::ApplyResult::Outcome::Duplicate));
    QCOMPARE(doc.undoStack()->count(), 1);
    // Rules and allocation are edits of their own.
    setAllocationMode(doc, actuals::AllocationMode::Tokens);
    QCOMPARE(doc.undoStack()->count(), 2);
    doc.undoStack()->undo();
    QCOMPARE(doc.workbook().actuals.allocation, actuals::AllocationMode::Unallocated);
    saveColumnMapping(doc, gatewayMapping());
    QCOMPARE(doc.workbook().actuals.mappings.size(), std::size_t(1));
    doc.undoStack()->undo();
    QVERIFY(doc.workbook() == imported);
}

void TestActualsCommand::headlineUnchanged()
{
    // The example's rules change no projection: the same figures without its actuals.
    Workbook wb = load(kPortfolio);
    QVERIFY(!wb.actuals.rules.empty());
    Workbook bare = wb;
    bare.actuals = {};
    QVERIFY(writeWorkbook(wb).ok());
    const Run with = run({"compute", kPortfolio, "--format", "json"});
    QCOMPARE(with.code, int(ExitOk));
    QTemporaryDir dir;
    const std::string barePath = dir.filePath(QStringLiteral("bare.roiwb")).toStdString();
    std::ofstream(barePath, std::ios::binary) << writeWorkbook(bare).text;
    const Run without = run({"compute", barePath, "--format", "json"});
    QCOMPARE(with.out, without.out);
}

QTEST_MAIN(TestActualsCommand)
#include "tst_actualscommand.moc"
