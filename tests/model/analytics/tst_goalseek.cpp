// Goal seek (model/analytics/goalseek.h): the generic search on functions with known zeros, and
// break-even values on the steady support assistant solved by hand (see sensitivitytestutil.h).
#include "analytics/goalseek.h"

#include "sensitivitytestutil.h"

#include <QTest>

#include <cmath>

using namespace roi;

class TestGoalSeek : public QObject
{
    Q_OBJECT

private slots:
    void seekZero_data();
    void seekZero();
    void seekUnreachable();
    void seekFlat();
    void breakEven_data();
    void breakEven();
    void npvTargetWithDiscounting();
    void unreachableGoal();
    void inputThatDoesNotMatter();
    void badRequests_data();
    void badRequests();
    void portfolioMatchesSingleCase();
};

void TestGoalSeek::seekZero_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("zero");
    QTest::addColumn<bool>("meetsAbove");
    // x² − 2 = 0 at √2; above it g > 0.
    QTest::newRow("square root of 2") << 0 << 0.0 << 10.0 << 1.0 << std::sqrt(2.0) << true;
    // 3 − x = 0 at 3, met below.
    QTest::newRow("falling line") << 1 << -100.0 << 100.0 << 50.0 << 3.0 << false;
    // (x − 1)(x − 4): two zeros; from 3.5 the nearer one, 4.
    QTest::newRow("nearest of two") << 2 << 0.0 << 10.0 << 3.5 << 4.0 << true;
    // From 1.5 the nearer zero is 1, with g ≥ 0 below it.
    QTest::newRow("nearest of two, other side") << 2 << 0.0 << 10.0 << 1.5 << 1.0 << false;
    // A wide range: 3 − x on [0, 1e9] from 1.
    QTest::newRow("wide range") << 1 << 0.0 << 1e9 << 1.0 << 3.0 << false;
    // Start on the zero.
    QTest::newRow("start on it") << 1 << 0.0 << 10.0 << 3.0 << 3.0 << false;
}

static double testFunction(int which, double x)
{
    switch (which) {
    case 0:
        return x * x - 2;
    case 1:
        return 3 - x;
    default:
        return (x - 1) * (x - 4);
    }
}

void TestGoalSeek::seekZero()
{
    QFETCH(int, which);
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(double, start);
    QFETCH(double, zero);
    QFETCH(bool, meetsAbove);
    SeekOptions o;
    o.min = min;
    o.max = max;
    o.start = start;
    const SeekResult r = roi::seekZero([&](double x) { return testFunction(which, x); }, o);
    QVERIFY(r.reached);
    ROI_COMPARE_NEAR(r.x, zero, 1e-9 * zero);
    QCOMPARE(r.meetsAbove, meetsAbove);
    QVERIFY(!r.flat);
    QVERIFY(r.evaluations < 200);
}

void TestGoalSeek::seekUnreachable()
{
    // x² + 1 never reaches zero; the closest point in [−5, 5] is x = 0 (gap 1).
    SeekOptions o;
    o.min = -5;
    o.max = 5;
    o.start = 2;
    const SeekResult r = roi::seekZero([](double x) { return x * x + 1; }, o);
    QVERIFY(!r.reached);
    QVERIFY(std::abs(r.x) <= 2); // the walk visits 2 ± 0.1·2^k and the ends; nearest to 0
    QVERIFY(r.gap >= 1);
    QVERIFY(std::isfinite(r.x) && std::isfinite(r.gap));
    // A function that is not finite somewhere is skipped there, not trusted.
    const SeekResult nan = roi::seekZero(
        [](double x) { return x < 1 ? std::numeric_limits<double>::quiet_NaN() : x - 3; }, o);
    QVERIFY(nan.reached);
    ROI_COMPARE_NEAR(nan.x, 3.0, 3e-9);
}

void TestGoalSeek::seekFlat()
{
    SeekOptions o;
    o.min = 0;
    o.max = 1;
    o.start = 0.25;
    const SeekResult r = roi::seekZero([](double) { return -7.0; }, o);
    QVERIFY(!r.reached);
    QVERIFY(r.flat);
    QCOMPARE(r.x, 0.25); // the closest is where it started
    QCOMPARE(r.gap, -7.0);
}

void TestGoalSeek::breakEven_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<GoalKind>("kind");
    QTest::addColumn<double>("target");
    QTest::addColumn<double>("expected");
    QTest::addColumn<bool>("meetsAbove");
    // ROI = 0 ⇔ NPV (rate 0) = 0 ⇔ 12n = 60,000 ⇔ n = 5,000:
    // 50,000a × 8.36725 = 8,400 → a = 8,400 / 418,362.5.
    QTest::newRow("break-even adoption") << QStringLiteral("ramp.steadyAdoption") << GoalKind::Roi
                                         << 0.0 << 8400.0 / 418362.5 << true;
    // Output price P: tokens (3,750 + 500P) / 1e6 a conversation, so
    // n = 50,000 × (8.376 − 0.00375) − 25P − 3,400 = 415,212.5 − 25P; n = 5,000 →
    // P = 410,212.5 / 25 = $16,408.50 per million. Dearer than that loses money.
    QTest::newRow("break-even output price") << QStringLiteral("prices[\"frontier-large\"].output")
                                             << GoalKind::Roi << 0.0 << 16408.5 << false;
    // ROI = 100%: net = TCO. TCO = 12 × (50,000a × 0.03275 + 3,400) + 60,000 and net = 12 ×
    // 50,000a × 8.36725 − 100,800 → 600,000a × 8.36725 − 100,800 = 600,000a × 0.03275 + 100,800
    // → a = 201,600 / (600,000 × (8.36725 − 0.03275)) = 201,600 / 5,000,700.
    QTest::newRow("ROI of 100%") << QStringLiteral("ramp.steadyAdoption") << GoalKind::Roi << 100.0
                                 << 201600.0 / 5000700.0 << true;
    // Payback by month 6: cumulative 6n − 60,000 = 0 → n = 10,000 →
    // 50,000a × 8.36725 = 13,400 → a = 13,400 / 418,362.5.
    QTest::newRow("payback by month 6") << QStringLiteral("ramp.steadyAdoption")
                                        << GoalKind::Payback << 6.0 << 13400.0 / 418362.5 << true;
    // Cost per outcome at most $1: TCO ≤ outcomes; 600,000a × 0.03275 + 100,800 = 600,000a →
    // a = 100,800 / (600,000 × 0.96725) = 100,800 / 580,350.
    QTest::newRow("cost per outcome $1")
        << QStringLiteral("ramp.steadyAdoption") << GoalKind::CostPerOutcome << 1.0
        << 100800.0 / 580350.0 << true;
    // Break-even minutes with AI m: labor (40 − m) × 0.3 a conversation;
    // n = 50,000 × ((40 − m) × 0.3 − 0.03275) − 3,400 = 5,000 → (40 − m) × 0.3 = 0.168 + 0.03275
    // → m = 40 − 0.20075 / 0.3.
    QTest::newRow("break-even minutes with AI")
        << QStringLiteral("drivers[\"Agent time reclaimed\"].minutesWithAi") << GoalKind::Roi << 0.0
        << 40.0 - 0.20075 / 0.3 << false;
}

void TestGoalSeek::breakEven()
{
    QFETCH(QString, input);
    QFETCH(GoalKind, kind);
    QFETCH(double, target);
    QFETCH(double, expected);
    QFETCH(bool, meetsAbove);
    const auto wb = roitest::steadySupport();
    QVERIFY(wb);
    std::string error;
    const auto in = resolveInput(*wb, 0, input.toStdString(), &error);
    QVERIFY2(in, error.c_str());
    GoalSeekRequest request;
    request.target = {0, 0};
    request.input = *in;
    request.goal = {kind, target};
    const GoalSeekResult r = goalSeek(*wb, request);
    QVERIFY2(r.ok(), r.error.c_str());
    QVERIFY(r.reached);
    ROI_COMPARE_NEAR(r.value, expected, 1e-9 * std::abs(expected) + 1e-12);
    QCOMPARE(r.meetsAbove, meetsAbove);
    QVERIFY(r.metric.ok());
    if (kind == GoalKind::Payback)
        ROI_COMPARE_NEAR(r.metric.value, target, 1e-6);
    else
        ROI_COMPARE_NEAR(r.metric.value, target, 1e-6 * std::max(1.0, std::abs(target)));
    // The workbook itself is untouched.
    QCOMPARE(storedValue(*wb, *in).value(), r.stored);
}

void TestGoalSeek::npvTargetWithDiscounting()
{
    // At 10% a year, r_m = 1.1^(1/12) − 1 and the 12-month annuity factor is
    // A = (1 − 1.1^−1) / r_m. NPV = (415,212.5 − 25P) × A − 60,000 / (1 + r_m) (the integration
    // is paid at the end of month 1). NPV = 100,000 →
    // P = (415,212.5 − (100,000 + 60,000 / (1 + r_m)) / A) / 25.
    auto wb = roitest::steadySupport();
    QVERIFY(wb);
    wb->settings.discountRate = 0.10;
    const double rm = std::pow(1.1, 1.0 / 12.0) - 1;
    const double annuity = (1 - 1 / 1.1) / rm;
    const double expected = (415212.5 - (100000 + 60000 / (1 + rm)) / annuity) / 25;
    const auto in = resolveInput(*wb, 0, "prices[\"frontier-large\"].output");
    QVERIFY(in);
    const GoalSeekResult r = goalSeek(*wb, {{0, 0}, *in, {GoalKind::Npv, 100000}});
    QVERIFY(r.reached);
    ROI_COMPARE_NEAR(r.value, expected, 1e-9 * expected);
    ROI_COMPARE_NEAR(r.metric.value, 100000, 1e-3);
}

void TestGoalSeek::unreachableGoal()
{
    // ROI at full adoption: TCO = 12 × (50,000 × 0.03275 + 3,400) + 60,000 = 120,450 and net
    // value 4,919,550 (the NPV at rate 0) → ROI = 4,919,550 / 120,450 = 4,084.3%: 100,000% is
    // out of reach, and the closest adoption is the legal maximum, 100%.
    const auto wb = roitest::steadySupport();
    QVERIFY(wb);
    const auto in = resolveInput(*wb, 0, "ramp.steadyAdoption");
    QVERIFY(in);
    const GoalSeekResult r = goalSeek(*wb, {{0, 0}, *in, {GoalKind::Roi, 100000}});
    QVERIFY(r.ok());
    QVERIFY(!r.reached);
    QVERIFY(!r.flat);
    QCOMPARE(r.value, 1.0);
    QCOMPARE(r.min, 0.0);
    QCOMPARE(r.max, 1.0);
    QVERIFY(r.metric.ok());
    ROI_COMPARE_NEAR(r.metric.value, 4919550.0 / 120450.0 * 100.0, 1e-6);
}

void TestGoalSeek::inputThatDoesNotMatter()
{
    // No driver uses the conversion rate: the NPV does not move, so no value reaches 0.
    const auto wb = roitest::steadySupport();
    QVERIFY(wb);
    const auto in = resolveInput(*wb, 0, "baseline.conversionRate");
    QVERIFY(in);
    const GoalSeekResult r = goalSeek(*wb, {{0, 0}, *in, {GoalKind::Npv, 0}});
    QVERIFY(r.ok());
    QVERIFY(!r.reached);
    QVERIFY(r.flat);
    QCOMPARE(r.value, r.stored);
    ROI_COMPARE_NEAR(r.metric.value, 4919550.0, 1e-6);
}

void TestGoalSeek::badRequests_data()
{
    QTest::addColumn<int>("useCase");
    QTest::addColumn<QString>("input");
    QTest::addColumn<GoalKind>("kind");
    QTest::addColumn<double>("target");
    QTest::addColumn<QString>("fragment"); // of the message
    QTest::newRow("cost per outcome of the portfolio")
        << -1 << QStringLiteral("ramp.steadyAdoption") << GoalKind::CostPerOutcome << 1.0
        << QStringLiteral("portfolio");
    QTest::newRow("payback after the horizon")
        << 0 << QStringLiteral("ramp.steadyAdoption") << GoalKind::Payback << 13.0
        << QStringLiteral("1 to 12");
    QTest::newRow("payback in month 2.5")
        << 0 << QStringLiteral("ramp.steadyAdoption") << GoalKind::Payback << 2.5
        << QStringLiteral("whole month");
}

void TestGoalSeek::badRequests()
{
    QFETCH(int, useCase);
    QFETCH(QString, input);
    QFETCH(GoalKind, kind);
    QFETCH(double, target);
    QFETCH(QString, fragment);
    const auto wb = roitest::steadySupport();
    QVERIFY(wb);
    const auto in = resolveInput(*wb, useCase, input.toStdString());
    QVERIFY(in);
    const GoalSeekResult r = goalSeek(*wb, {{useCase, 0}, *in, {kind, target}});
    QVERIFY(!r.ok());
    QVERIFY2(QString::fromStdString(r.error).contains(fragment), r.error.c_str());
    // Names that select nothing or several inputs are refused when resolved, saying why.
    std::string error;
    QVERIFY(!resolveInput(*wb, 0, "layers[*].share", &error));
    QVERIFY2(error.find("[*]") != std::string::npos, error.c_str());
    QVERIFY(!resolveInput(*wb, 0, "layers[\"Nope\"].share", &error));
    QVERIFY2(error.find("names no input") != std::string::npos, error.c_str());
    QVERIFY(!resolveInput(*wb, 0, "baseline.colour", &error));
    QVERIFY2(error.find("unknown field") != std::string::npos, error.c_str());
}

void TestGoalSeek::portfolioMatchesSingleCase()
{
    // One use case: the portfolio's break-even is the use case's.
    const auto wb = roitest::steadySupport();
    QVERIFY(wb);
    const auto in = resolveInput(*wb, -1, "ramp.steadyAdoption");
    QVERIFY(in);
    const GoalSeekResult r = goalSeek(*wb, {{-1, 0}, *in, {GoalKind::Roi, 0}});
    QVERIFY(r.reached);
    ROI_COMPARE_NEAR(r.value, 8400.0 / 418362.5, 1e-9 * 8400.0 / 418362.5);
}

QTEST_APPLESS_MAIN(TestGoalSeek)
#include "tst_goalseek.moc"
