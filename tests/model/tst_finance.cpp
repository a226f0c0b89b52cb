// Finance maths (finance.h) against cash flows whose NPV, IRR and payback are solved by hand.
#include "finance.h"

#include "testutil.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace roi;

Q_DECLARE_METATYPE(roi::KpiState)

class TestFinance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void monthlyRate_data();
    void monthlyRate();
    void npv_data();
    void npv();
    void npvAtAnnualRate();
    void irr_data();
    void irr();
    void irrAnnual();
    void irrRoots_data();
    void irrRoots();
    void payback_data();
    void payback();
    void rampCurve_data();
    void rampCurve();
    void sCurveIsSymmetric();
};

void TestFinance::monthlyRate_data()
{
    QTest::addColumn<double>("annual");
    QTest::addColumn<double>("monthly");
    QTest::newRow("zero") << 0.0 << 0.0;
    // ln 1.1 = 0.0953101798043249; / 12 = 0.00794251498369374;
    // e^0.00794251498369374 − 1 = 0.0079425150 + 0.0000315418 + 0.0000000835 + ... = 0.0079741404
    QTest::newRow("10% a year") << 0.10 << 0.00797414042890376;
    // 1.02^12 = 1.26824179456254 (1.02² = 1.0404, ^4 = 1.08243216, ^8 = 1.17165938819,
    // ^12 = 1.17165938819 × 1.08243216 = 1.26824179456): 2% a month.
    QTest::newRow("2% a month") << 0.26824179456254 << 0.02;
    // 1.25^12 = 14.551915228366852 (1.25² = 1.5625, ^4 = 2.44140625, ^8 = 5.9604644775,
    // ^12 = 5.9604644775 × 2.44140625 = 14.5519152284): 25% a month.
    QTest::newRow("25% a month") << 13.551915228366852 << 0.25;
    // 0.5^(1/12) = 2^(−1/12) = 1 / 1.0594630943593 = 0.9438743126817
    QTest::newRow("minus 50% a year") << -0.5 << -0.0561256873183;
}

void TestFinance::monthlyRate()
{
    QFETCH(double, annual);
    QFETCH(double, monthly);
    ROI_COMPARE_NEAR(roi::monthlyRate(annual), monthly, 1e-12);
}

void TestFinance::npv_data()
{
    QTest::addColumn<std::vector<double>>("flows");
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("expected");
    QTest::newRow("no flows") << std::vector<double>{} << 0.1 << 0.0;
    QTest::newRow("one month, zero rate") << std::vector<double>{100} << 0.0 << 100.0;
    // Flows fall at the end of the month: 125 / 1.25 = 100, not 125.
    QTest::newRow("discounted from month end") << std::vector<double>{125} << 0.25 << 100.0;
    // 100 × (0.8 + 0.64 + 0.512) = 80 + 64 + 51.2
    QTest::newRow("three months at 25%") << std::vector<double>{100, 100, 100} << 0.25 << 195.2;
    // −100 × 0.8 + 125 × 0.64 = −80 + 80
    QTest::newRow("break even") << std::vector<double>{-100, 125} << 0.25 << 0.0;
    // −100 × 0.8 + 0 + 156.25 × 0.512 = −80 + 80 = 0; plus 50 × 0.4096 (0.8⁴) = 20.48
    QTest::newRow("gap month") << std::vector<double>{-100, 0, 156.25, 50} << 0.25 << 20.48;
    // A par bond: −1000/1.1 + 100/1.21 + 100/1.331 + 1100/1.4641
    //           = −909.0909 + 82.6446 + 75.1315 + 751.3148 = 0
    QTest::newRow("par bond at 10%") << std::vector<double>{-1000, 100, 100, 1100} << 0.10 << 0.0;
    // Zero rate: a plain sum, −300 + 100 + 250 = 50
    QTest::newRow("zero rate sums") << std::vector<double>{-300, 100, 250} << 0.0 << 50.0;
}

void TestFinance::npv()
{
    QFETCH(std::vector<double>, flows);
    QFETCH(double, rate);
    QFETCH(double, expected);
    ROI_COMPARE_NEAR(roi::npv(flows, rate), expected, 1e-9);
}

void TestFinance::npvAtAnnualRate()
{
    // The spreadsheet convention with r_m = (1 + annual)^(1/12) − 1: twelve months of 110 at
    // 10% a year discount the last one by exactly 1.1, so NPV of {0 × 11, 110} = 100.
    std::vector<double> flows(12, 0.0);
    flows[11] = 110;
    ROI_COMPARE_NEAR(roi::npv(flows, roi::monthlyRate(0.10)), 100.0, 1e-9);
    // Twenty-four months: the last is discounted by 1.1² = 1.21: 121 → 100.
    std::vector<double> two(24, 0.0);
    two[23] = 121;
    ROI_COMPARE_NEAR(roi::npv(two, roi::monthlyRate(0.10)), 100.0, 1e-9);
}

void TestFinance::irr_data()
{
    QTest::addColumn<std::vector<double>>("flows");
    QTest::addColumn<KpiState>("state");
    QTest::addColumn<double>("monthly");
    // −100/x + 110/x² = 0 → x = 1.1
    QTest::newRow("-100, +110") << std::vector<double>{-100, 110} << KpiState::Ok << 0.10;
    // −100/x + 121/x³ = 0 → x² = 1.21 → x = 1.1
    QTest::newRow("-100, 0, +121") << std::vector<double>{-100, 0, 121} << KpiState::Ok << 0.10;
    // −100 + 60v + 72v² = 0 with v = 1/x → 18v² + 15v − 25 = 0
    // → v = (−15 + √(225 + 1800)) / 36 = (−15 + 45) / 36 = 5/6 → x = 1.2
    QTest::newRow("-100, 60, 72") << std::vector<double>{-100, 60, 72} << KpiState::Ok << 0.20;
    // A bond with a 10% coupon bought at par yields 10%.
    QTest::newRow("par bond") << std::vector<double>{-1000, 100, 100, 1100} << KpiState::Ok << 0.10;
    // −100x² + 230x − 132 = 0 → x = (230 ± √(52900 − 52800)) / 200 = 1.2 or 1.1: two rates;
    // the one nearest zero is reported.
    QTest::newRow("two roots, nearest zero")
        << std::vector<double>{-100, 230, -132} << KpiState::Ok << 0.10;
    // −100/x + 90/x² = 0 → x = 0.9: a loss of 10% a month.
    QTest::newRow("negative rate") << std::vector<double>{-100, 90} << KpiState::Ok << -0.10;
    // −100 + 100 = 0 at rate zero.
    QTest::newRow("zero rate") << std::vector<double>{-100, 100} << KpiState::Ok << 0.0;
    // Leading zero months do not change the rate: −100/x³ + 110/x⁴ = 0 → x = 1.1
    QTest::newRow("late investment")
        << std::vector<double>{0, 0, -100, 110} << KpiState::Ok << 0.10;
    // A loan (money in first): 100/x − 110/x² = 0 → x = 1.1
    QTest::newRow("loan") << std::vector<double>{100, -110} << KpiState::Ok << 0.10;
    QTest::newRow("all positive") << std::vector<double>{100, 100} << KpiState::NoSignChange << 0.0;
    QTest::newRow("all negative") << std::vector<double>{-5, -5} << KpiState::NoSignChange << 0.0;
    QTest::newRow("all zero") << std::vector<double>{0, 0, 0} << KpiState::NoSignChange << 0.0;
    QTest::newRow("no flows") << std::vector<double>{} << KpiState::NoSignChange << 0.0;
    // 100v − 300v² + 250v³ = v(250v² − 300v + 100): discriminant 90000 − 100000 < 0, and
    // v > 0, so the NPV is positive at every rate: no IRR although the signs change.
    QTest::newRow("sign change, no root")
        << std::vector<double>{100, -300, 250} << KpiState::NotFound << 0.0;
    // Two roots in one bracket of the old walk-out (0.05..0.13): −100,000x² + 216,000x − 116,600
    // = 0 with x = 1 + rate → x = (216,000 ± √(216,000² − 4·100,000·116,600)) / 200,000
    // = (216,000 ± √16,000,000) / 200,000 = (216,000 ± 4,000) / 200,000 → 1.06 or 1.10.
    // Both are 6% and 10% a month; 6% is nearer zero.
    QTest::newRow("two roots, one bracket")
        << std::vector<double>{-100000, 216000, -116600} << KpiState::Ok << 0.06;
    // −50,000x² + 95,000x − 44,000 = 0 → x = (95,000 ± √(9.025e9 − 8.8e9)) / 100,000
    // = (95,000 ± 15,000) / 100,000 → 1.10 or 0.80: +10% and −20% a month; +10% is nearer zero.
    QTest::newRow("a gain and a loss")
        << std::vector<double>{-50000, 95000, -44000} << KpiState::Ok << 0.10;
}

void TestFinance::irr()
{
    QFETCH(std::vector<double>, flows);
    QFETCH(KpiState, state);
    QFETCH(double, monthly);
    const Kpi k = roi::irrMonthly(flows);
    QCOMPARE(k.state, state);
    if (state == KpiState::Ok)
        ROI_COMPARE_NEAR(k.value, monthly, 1e-10);
    else
        QCOMPARE(k.value, 0.0); // never NaN, never a stale number
}

void TestFinance::irrAnnual()
{
    // 10% a month annualised: 1.1^12 − 1; 1.1² = 1.21, ^4 = 1.4641, ^8 = 2.14358881,
    // ^12 = 2.14358881 × 1.4641 = 3.138428376721 → 213.8428376721%.
    const std::vector<double> flows{-100, 110};
    const Kpi k = roi::irrAnnual(flows);
    QVERIFY(k.ok());
    ROI_COMPARE_NEAR(k.value, 2.138428376721, 1e-9);
    // −10% a month: 0.9^12 − 1; 0.9² = 0.81, ^4 = 0.6561, ^8 = 0.43046721,
    // ^12 = 0.43046721 × 0.6561 = 0.282429536481 → −71.7570463519%.
    const std::vector<double> loss{-100, 90};
    ROI_COMPARE_NEAR(roi::irrAnnual(loss).value, -0.717570463519, 1e-9);
    // The states pass through.
    const std::vector<double> none{1, 2};
    QCOMPARE(roi::irrAnnual(none).state, KpiState::NoSignChange);
    const std::vector<double> noRoot{100, -300, 250};
    QCOMPARE(roi::irrAnnual(noRoot).state, KpiState::NotFound);
}

void TestFinance::irrRoots_data()
{
    QTest::addColumn<std::vector<double>>("flows");
    QTest::addColumn<std::vector<double>>("roots"); // monthly, ascending
    QTest::addColumn<double>("reported");
    // The two cases above (solved there by hand).
    QTest::newRow("6% and 10%") << std::vector<double>{-100000, 216000, -116600}
                                << std::vector<double>{0.06, 0.10} << 0.06;
    QTest::newRow("-20% and +10%")
        << std::vector<double>{-50000, 95000, -44000} << std::vector<double>{-0.20, 0.10} << 0.10;
    // −100x² + 200x − 100 = −100(x − 1)²: the NPV touches zero at rate 0 and stays below.
    QTest::newRow("double root at zero")
        << std::vector<double>{-100, 200, -100} << std::vector<double>{0.0} << 0.0;
    // −100(x − 1.1)² = −100x² + 220x − 121: touches zero at 10% a month, off the grid's zero.
    QTest::newRow("double root at 10%")
        << std::vector<double>{-100, 220, -121} << std::vector<double>{0.10} << 0.10;
    // (x − 1.05)(x − 1.1)(x − 1.2) = x³ − 3.35x² + 3.735x − 1.386, flows −1000× that:
    // three roots, 5%, 10% and 20% a month, with 5% nearest zero.
    QTest::newRow("three roots") << std::vector<double>{-1000, 3350, -3735, 1386}
                                 << std::vector<double>{0.05, 0.10, 0.20} << 0.05;
    // One sign change: one root whatever the search (x = 1.1).
    QTest::newRow("one root") << std::vector<double>{-100, 110} << std::vector<double>{0.10}
                              << 0.10;
}

void TestFinance::irrRoots()
{
    QFETCH(std::vector<double>, flows);
    QFETCH(std::vector<double>, roots);
    QFETCH(double, reported);
    const std::vector<double> found = roi::irrRootsMonthly(flows);
    QCOMPARE(found.size(), roots.size());
    for (std::size_t i = 0; i < roots.size(); ++i)
        ROI_COMPARE_NEAR(found[i], roots[i], 1e-7); // a double root is only found to √ε
    int count = -1;
    const Kpi k = roi::irrMonthly(flows, &count);
    QVERIFY(k.ok());
    QCOMPARE(count, static_cast<int>(roots.size()));
    ROI_COMPARE_NEAR(k.value, reported, 1e-7);
    // Annualised: the same count, the same root.
    int annualCount = -1;
    const Kpi a = roi::irrAnnual(flows, &annualCount);
    QCOMPARE(annualCount, count);
    ROI_COMPARE_NEAR(a.value, std::pow(1 + reported, 12) - 1, 1e-6);
}

void TestFinance::payback_data()
{
    QTest::addColumn<std::vector<double>>("cumulative");
    QTest::addColumn<KpiState>("state");
    QTest::addColumn<double>("month");
    // Below zero at the end of month 2 (−40), above at the end of month 3 (+20): it crosses
    // 40 / (40 + 20) = 2/3 into month 3 → 2.6667.
    QTest::newRow("crosses in month 3")
        << std::vector<double>{-100, -40, 20, 80} << KpiState::Ok << 2.0 + 2.0 / 3.0;
    // Exactly zero at the end of month 2: pays back at 2.0.
    QTest::newRow("reaches zero exactly") << std::vector<double>{-100, 0} << KpiState::Ok << 2.0;
    // −100 then +25: 100 / 125 = 0.8 into month 2.
    QTest::newRow("month 1.8") << std::vector<double>{-100, 25, 150} << KpiState::Ok << 1.8;
    // Never below zero: pays back at once.
    QTest::newRow("never below zero") << std::vector<double>{10, 20} << KpiState::Ok << 0.0;
    // Dips below zero again in month 3 (−10) and recovers in month 4 (+30): the month after
    // which it stays at or above zero is 3 + 10/40 = 3.25.
    QTest::newRow("dips again") << std::vector<double>{-100, 50, -10, 30} << KpiState::Ok << 3.25;
    QTest::newRow("ends below zero")
        << std::vector<double>{-10, -5} << KpiState::NeverPaysBack << 0.0;
    QTest::newRow("one month below") << std::vector<double>{-50} << KpiState::NeverPaysBack << 0.0;
    QTest::newRow("one month above") << std::vector<double>{50} << KpiState::Ok << 0.0;
    QTest::newRow("all zero") << std::vector<double>{0, 0, 0} << KpiState::Undefined << 0.0;
    QTest::newRow("no months") << std::vector<double>{} << KpiState::Undefined << 0.0;
}

void TestFinance::payback()
{
    QFETCH(std::vector<double>, cumulative);
    QFETCH(KpiState, state);
    QFETCH(double, month);
    const Kpi k = roi::paybackMonth(cumulative);
    QCOMPARE(k.state, state);
    ROI_COMPARE_NEAR(k.value, month, 1e-12);
}

void TestFinance::rampCurve_data()
{
    QTest::addColumn<int>("curve");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("expected");
    const int immediate = static_cast<int>(RampCurve::Immediate);
    const int linear = static_cast<int>(RampCurve::Linear);
    const int s = static_cast<int>(RampCurve::SCurve);
    QTest::newRow("immediate at 0") << immediate << 0.0 << 1.0;
    QTest::newRow("immediate at 0.5") << immediate << 0.5 << 1.0;
    QTest::newRow("linear at 0") << linear << 0.0 << 0.0;
    QTest::newRow("linear at 0.25") << linear << 0.25 << 0.25;
    QTest::newRow("linear at 1") << linear << 1.0 << 1.0;
    QTest::newRow("linear above 1 is capped") << linear << 1.5 << 1.0;
    QTest::newRow("linear below 0 is 0") << linear << -0.5 << 0.0;
    QTest::newRow("s-curve at 0") << s << 0.0 << 0.0;
    // 3x² − 2x³ = 3/16 − 2/64 = 0.1875 − 0.03125
    QTest::newRow("s-curve at 0.25") << s << 0.25 << 0.15625;
    // 3/4 − 2/8 = 0.5
    QTest::newRow("s-curve at 0.5") << s << 0.5 << 0.5;
    // 3 × 0.5625 − 2 × 0.421875 = 1.6875 − 0.84375
    QTest::newRow("s-curve at 0.75") << s << 0.75 << 0.84375;
    // 3/9 − 2/27 = 7/27
    QTest::newRow("s-curve at 1/3") << s << 1.0 / 3.0 << 7.0 / 27.0;
    QTest::newRow("s-curve at 1") << s << 1.0 << 1.0;
    QTest::newRow("s-curve above 1 is capped") << s << 2.0 << 1.0;
}

void TestFinance::rampCurve()
{
    QFETCH(int, curve);
    QFETCH(double, x);
    QFETCH(double, expected);
    ROI_COMPARE_NEAR(roi::rampCurve(static_cast<RampCurve>(curve), x), expected, 1e-15);
}

void TestFinance::sCurveIsSymmetric()
{
    // Smoothstep is point-symmetric about (0.5, 0.5): f(x) + f(1 − x) = 1, and it never falls.
    double previous = 0;
    for (int i = 0; i <= 100; ++i) {
        const double x = i / 100.0;
        const double f = roi::rampCurve(RampCurve::SCurve, x);
        ROI_COMPARE_NEAR(f + roi::rampCurve(RampCurve::SCurve, 1.0 - x), 1.0, 1e-12);
        QVERIFY(f >= previous);
        previous = f;
    }
}

QTEST_APPLESS_MAIN(TestFinance)
#include "tst_finance.moc"
