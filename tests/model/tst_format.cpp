// Plain-text formatting (format.h): money with grouping, negatives, rounding, unit costs,
// percentages and the words for KPI states.
#include "format.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace roi;

Q_DECLARE_METATYPE(roi::KpiState)
Q_DECLARE_METATYPE(roi::KpiFormat)

class TestFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void currencyPrefix_data();
    void currencyPrefix();
    void money_data();
    void money();
    void hugeMoney();
    void unitCost_data();
    void unitCost();
    void number_data();
    void number();
    void percent_data();
    void percent();
    void kpi_data();
    void kpi();
};

static QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

void TestFormat::currencyPrefix_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("USD") << QStringLiteral("USD") << QStringLiteral("$");
    QTest::newRow("EUR") << QStringLiteral("EUR") << QStringLiteral("€");
    QTest::newRow("GBP") << QStringLiteral("GBP") << QStringLiteral("£");
    QTest::newRow("JPY") << QStringLiteral("JPY") << QStringLiteral("¥");
    QTest::newRow("CHF: code and a space") << QStringLiteral("CHF") << QStringLiteral("CHF ");
}

void TestFormat::currencyPrefix()
{
    QFETCH(QString, currency);
    QFETCH(QString, prefix);
    QCOMPARE(q(roi::currencyPrefix(currency.toStdString())), prefix);
}

void TestFormat::money_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("expected");
    const QString usd = QStringLiteral("USD");
    // The acceptance figures.
    QTest::newRow("TCO") << 5037.50 << usd << 2 << QStringLiteral("$5,037.50");
    QTest::newRow("tokens") << 437.50 << usd << 2 << QStringLiteral("$437.50");
    QTest::newRow("engineering") << 3000.0 << usd << 2 << QStringLiteral("$3,000.00");
    // Sign before the symbol.
    QTest::newRow("negative") << -5037.50 << usd << 2 << QStringLiteral("-$5,037.50");
    QTest::newRow("zero") << 0.0 << usd << 2 << QStringLiteral("$0.00");
    QTest::newRow("negative zero") << -0.0 << usd << 2 << QStringLiteral("$0.00");
    // −0.004 rounds to 0.00: no "-$0.00".
    QTest::newRow("tiny negative") << -0.004 << usd << 2 << QStringLiteral("$0.00");
    QTest::newRow("millions") << 1234567.891 << usd << 2 << QStringLiteral("$1,234,567.89");
    QTest::newRow("below a thousand") << 999.99 << usd << 2 << QStringLiteral("$999.99");
    // The double nearest 999.995 is 999.99500000000000455, above the tie: it rounds up, and
    // the carry adds a thousands group.
    QTest::newRow("carry into a new group") << 999.995 << usd << 2 << QStringLiteral("$1,000.00");
    // Exact ties (0.125 and 2.5 are exact in binary) round half away from zero, as QLocale and
    // spreadsheets do: not to even.
    QTest::newRow("tie rounds up") << 0.125 << usd << 2 << QStringLiteral("$0.13");
    QTest::newRow("negative tie rounds away") << -0.125 << usd << 2 << QStringLiteral("-$0.13");
    QTest::newRow("tie to a whole number") << 2.5 << usd << 0 << QStringLiteral("$3");
    QTest::newRow("odd tie") << 3.5 << usd << 0 << QStringLiteral("$4");
    QTest::newRow("tie with grouping") << 1234.5 << usd << 0 << QStringLiteral("$1,235");
    // 1.005 is not exact: the nearest double is 1.00499999999999989..., below the tie.
    QTest::newRow("not a tie in binary") << 1.005 << usd << 2 << QStringLiteral("$1.00");
    QTest::newRow("no decimals") << 123.0 << usd << 0 << QStringLiteral("$123");
    QTest::newRow("euro") << 1e12 << QStringLiteral("EUR") << 2
                          << QStringLiteral("€1,000,000,000,000.00");
    QTest::newRow("negative euro")
        << -12.3 << QStringLiteral("EUR") << 2 << QStringLiteral("-€12.30");
    QTest::newRow("franc") << 12.3 << QStringLiteral("CHF") << 2 << QStringLiteral("CHF 12.30");
    QTest::newRow("NaN") << std::nan("") << usd << 2 << QStringLiteral("—");
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << usd << 2
                              << QStringLiteral("—");
    QTest::newRow("minus infinity")
        << -std::numeric_limits<double>::infinity() << usd << 2 << QStringLiteral("—");
    // -1: the currency's own minor unit. Yen and won have none, the Kuwaiti dinar has three.
    QTest::newRow("dollar's cents") << 5037.5 << usd << -1 << QStringLiteral("$5,037.50");
    QTest::newRow("yen: no cents")
        << 1234.5 << QStringLiteral("JPY") << -1 << QStringLiteral("¥1,235");
    QTest::newRow("won: no cents")
        << 980.0 << QStringLiteral("KRW") << -1 << QStringLiteral("KRW 980");
    QTest::newRow("dinar: fils") << 12.3456 << QStringLiteral("KWD") << -1
                                 << QStringLiteral("KWD 12.346");
}

void TestFormat::money()
{
    QFETCH(double, value);
    QFETCH(QString, currency);
    QFETCH(int, decimals);
    QFETCH(QString, expected);
    QCOMPARE(q(formatMoney(value, currency.toStdString(), decimals)), expected);
}

void TestFormat::hugeMoney()
{
    // 1e300 has 301 digits before the point: all of them, in 101 groups, none cut off.
    const std::string s = formatMoney(1e300, "USD", 2);
    QVERIFY(s.rfind("$1,000,000,000,000,000,0", 0) == 0);
    const auto digits =
        std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    QCOMPARE(static_cast<int>(digits), 301 + 2);
    QCOMPARE(static_cast<int>(std::count(s.begin(), s.end(), ',')), 100);
    QVERIFY(s.size() > 128);
    // The largest double, too.
    const std::string max = formatNumber(std::numeric_limits<double>::max(), 0);
    QVERIFY(max.rfind("179,769,313,486,231,57", 0) == 0);
    QCOMPARE(static_cast<int>(std::count_if(max.begin(), max.end(),
                                            [](char c) { return c >= '0' && c <= '9'; })),
             309);
}

void TestFormat::unitCost_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");
    // Below one currency unit: five decimals, so $0.10075 is not shown as $0.10.
    QTest::newRow("per conversation") << 0.10075 << QStringLiteral("$0.10075");
    QTest::newRow("invoice only") << 0.00875 << QStringLiteral("$0.00875");
    QTest::newRow("a cent") << 0.01 << QStringLiteral("$0.01000");
    QTest::newRow("negative") << -0.5 << QStringLiteral("-$0.50000");
    // From one unit up: two decimals.
    QTest::newRow("one") << 1.0 << QStringLiteral("$1.00");
    QTest::newRow("dollars") << 18.0444 << QStringLiteral("$18.04");
    QTest::newRow("thousands") << 1234.567 << QStringLiteral("$1,234.57");
    QTest::newRow("zero") << 0.0 << QStringLiteral("$0.00");
}

void TestFormat::unitCost()
{
    QFETCH(double, value);
    QFETCH(QString, expected);
    QCOMPARE(q(formatUnitCost(value, "USD")), expected);
    // In yen: five decimals below one yen too, none from one yen up.
    const std::string yen = formatUnitCost(value * 100, "JPY");
    if (std::abs(value * 100) >= 1.0)
        QVERIFY2(yen.find('.') == std::string::npos, yen.c_str());
}

void TestFormat::number_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("expected");
    QTest::newRow("grouping") << 1234.5 << 1 << QStringLiteral("1,234.5");
    QTest::newRow("three digits") << 100.0 << 0 << QStringLiteral("100");
    QTest::newRow("four digits") << 1000.0 << 0 << QStringLiteral("1,000");
    QTest::newRow("seven digits, negative") << -1234567.0 << 0 << QStringLiteral("-1,234,567");
    // 999,999.5 is an exact tie: up, and a new group.
    QTest::newRow("tie carries") << 999999.5 << 0 << QStringLiteral("1,000,000");
    QTest::newRow("small") << 0.5 << 3 << QStringLiteral("0.500");
    QTest::newRow("negative rounding to zero") << -0.04 << 1 << QStringLiteral("0.0");
    QTest::newRow("NaN") << std::nan("") << 1 << QStringLiteral("—");
}

void TestFormat::number()
{
    QFETCH(double, value);
    QFETCH(int, decimals);
    QFETCH(QString, expected);
    QCOMPARE(q(formatNumber(value, decimals)), expected);
}

void TestFormat::percent_data()
{
    QTest::addColumn<double>("fraction");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("expected");
    QTest::newRow("quarter") << 0.25 << 1 << QStringLiteral("25.0%");
    // −2,400 / 14,400 = −0.16667 → −16.7%
    QTest::newRow("negative") << -2400.0 / 14400.0 << 1 << QStringLiteral("-16.7%");
    QTest::newRow("above 100%") << 1.5 << 0 << QStringLiteral("150%");
    QTest::newRow("thousands of percent") << 61.481 << 1 << QStringLiteral("6,148.1%");
}

void TestFormat::percent()
{
    QFETCH(double, fraction);
    QFETCH(int, decimals);
    QFETCH(QString, expected);
    QCOMPARE(q(formatPercent(fraction, decimals)), expected);
}

void TestFormat::kpi_data()
{
    QTest::addColumn<KpiState>("state");
    QTest::addColumn<double>("value");
    QTest::addColumn<KpiFormat>("format");
    QTest::addColumn<QString>("expected");
    using F = KpiFormat;
    using S = KpiState;
    // ROI % is already a percentage.
    QTest::newRow("ROI") << S::Ok << 6148.123 << F::Percent << QStringLiteral("6,148.1%");
    QTest::newRow("negative ROI") << S::Ok << -16.6667 << F::Percent << QStringLiteral("-16.7%");
    QTest::newRow("NPV") << S::Ok << 12977179.254 << F::Money << QStringLiteral("$12,977,179.25");
    QTest::newRow("cost per unit") << S::Ok << 0.10075 << F::UnitCost << QStringLiteral("$0.10075");
    QTest::newRow("payback") << S::Ok << 3.456 << F::Month << QStringLiteral("month 3.5");
    QTest::newRow("margin") << S::Ok << 0.75 << F::Fraction << QStringLiteral("75.0%");
    // 1.1^12 − 1 = 2.138428 → 213.8%
    QTest::newRow("IRR") << S::Ok << 2.138428376721 << F::Irr << QStringLiteral("213.8%");
    QTest::newRow("IRR at 1,000%") << S::Ok << 10.0 << F::Irr << QStringLiteral("1,000.0%");
    QTest::newRow("IRR above 1,000%") << S::Ok << 10.5 << F::Irr << QStringLiteral("> 1,000%");
    QTest::newRow("negative IRR") << S::Ok << -0.717570463519 << F::Irr << QStringLiteral("-71.8%");
    // States say why there is no number, whatever the format and the stored value.
    QTest::newRow("undefined ROI")
        << S::Undefined << 0.0 << F::Percent << QStringLiteral("undefined");
    QTest::newRow("no sign change")
        << S::NoSignChange << 0.0 << F::Irr << QStringLiteral("none (no sign change)");
    QTest::newRow("no IRR found") << S::NotFound << 0.0 << F::Irr << QStringLiteral("none found");
    QTest::newRow("never pays back")
        << S::NeverPaysBack << 0.0 << F::Month << QStringLiteral("not within horizon");
    QTest::newRow("not applicable")
        << S::NotApplicable << 123.0 << F::Fraction << QStringLiteral("n/a");
}

void TestFormat::kpi()
{
    QFETCH(KpiState, state);
    QFETCH(double, value);
    QFETCH(KpiFormat, format);
    QFETCH(QString, expected);
    QCOMPARE(q(formatKpi(Kpi{value, state}, format, "USD")), expected);
    if (state == KpiState::Ok)
        QVERIFY(kpiStateText(state).empty());
    else
        QCOMPARE(q(std::string(kpiStateText(state))), expected);
}

QTEST_APPLESS_MAIN(TestFormat)
#include "tst_format.moc"
