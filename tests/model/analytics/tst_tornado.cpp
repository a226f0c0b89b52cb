// Tornado and spider (model/analytics/tornado.h) on the steady support assistant, whose NPV is
// solved by hand in sensitivitytestutil.h: NPV = 12 × (50,000a × 8.36725 − 3,400) − 60,000.
#include "analytics/goalseek.h"
#include "analytics/tornado.h"

#include "sensitivitytestutil.h"

#include <QTest>

#include <cstring>

using namespace roi;

class TestTornado : public QObject
{
    Q_OBJECT

private slots:
    void percentRange();
    void worstBestRange();
    void customRange();
    void defaultInputs();
    void roiMetric();
    void portfolioLabels();
    void spiderMonotonic();
    void noWorstScenario();
    void portfolioTornadoEqualsFullCompute_data();
    void portfolioTornadoEqualsFullCompute();
    void incrementalProbeEqualsFullProbe();
    void portfolioGoalSeekEqualsFullCompute();
};

namespace {

VariedInput input(const Workbook &wb, const char *name)
{
    auto in = resolveInput(wb, 0, name);
    if (!in)
        qFatal("no input %s", name);
    return *in;
}

constexpr double kBaseNpv = 4919550.0;

/// The bundled portfolio's use cases copied (renamed "<name> 2", ...) until there are
/// `useCases`, over `months` months: a small stand-in for the large portfolios of the scale
/// benchmarks (tests/scale), whose use cases are copies too.
Workbook copiedPortfolio(int useCases, int months)
{
    auto base = roitest::loadExample("portfolio.roiwb");
    if (!base)
        qFatal("the portfolio example does not load");
    Workbook wb = *base;
    wb.settings.horizonMonths = months;
    wb.useCases.clear();
    const std::size_t n = base->useCases.size();
    for (std::size_t i = 0; i < static_cast<std::size_t>(useCases); ++i) {
        UseCase uc = base->useCases[i % n];
        if (i >= n)
            uc.name += " " + std::to_string(i / n + 1);
        wb.useCases.push_back(std::move(uc));
    }
    return wb;
}

/// The portfolio metric of a full compute (every scenario, every KPI) with one input set.
Kpi fullComputeWith(const Workbook &wb, const VariedInput &in, double value, int scenario,
                    SensitivityMetric metric)
{
    Workbook copy = wb;
    setStoredValue(copy, in, value);
    const Results r = compute(copy, roitest::noChecks());
    return metricOf(r.portfolio[static_cast<std::size_t>(scenario)], metric);
}

/// Bit for bit (QCOMPARE on doubles allows a relative difference).
bool sameKpi(const Kpi &a, const Kpi &b)
{
    return a.state == b.state && std::memcmp(&a.value, &b.value, sizeof(double)) == 0;
}

} // namespace

void TestTornado::percentRange()
{
    // ±20% one at a time (rate 0, so the NPV moves by 12 × the monthly change):
    //   volume 50,000 ± 10,000: ± 12 × 10,000 × 8.36725 = ± 1,004,070 → swing 2,008,140
    //   minutes with AI 12 ± 2.4: labor (40 − m) × 0.3 moves ∓ 0.72 a conversation,
    //     ∓ 12 × 50,000 × 0.72 = ∓ 432,000 → swing 864,000 (lower minutes, higher NPV)
    //   engineering 0.2 ± 0.04 FTE: ∓ 0.04 × 180,000 = ∓ 7,200 → swing 14,400
    //   hosting $400 ± $80: ∓ 12 × 80 = ∓ 960 → swing 1,920
    // Given in the wrong order; the tornado ranks them.
    const auto wb = roitest::steadySupport();
    QVERIFY(wb);
    TornadoOptions o;
    o.range = TornadoRange::Percent;
    o.percent = 0.2;
    o.inputs = {input(*wb, "layers[\"Retrieval & hosting\"].amount"),
                input(*wb, "layers[\"Engineering maintenance\"].fte"),
                input(*wb, "drivers[\"Agent time reclaimed\"].minutesWithAi"),
                input(*wb, "baseline.volume")};
    const TornadoResult t = tornado(*wb, {0, 0}, o);
    QVERIFY(t.ok());
    QVERIFY(t.base.ok());
    ROI_COMPARE_NEAR(t.base.value, kBaseNpv, 1e-6);
    QCOMPARE(t.bars.size(), std::size_t(4));
    const char *order[] = {"baseline.volume", "drivers[\"Agent time reclaimed\"].minutesWithAi",
                           "layers[\"Engineering maintenance\"].fte",
                           "layers[\"Retrieval & hosting\"].amount"};
    const double swings[] = {2008140, 864000, 14400, 1920};
    for (std::size_t i = 0; i < 4; ++i) {
        QCOMPARE(t.bars[i].label, std::string(order[i]));
        ROI_COMPARE_NEAR(t.bars[i].swing, swings[i], 1e-6);
        QVERIFY(!t.bars[i].clamped);
    }
    const TornadoBar &volume = t.bars[0];
    QCOMPARE(volume.stored, 50000.0);
    ROI_COMPARE_NEAR(volume.lowValue, 40000.0, 1e-9);
    ROI_COMPARE_NEAR(volume.highValue, 60000.0, 1e-9);
    ROI_COMPARE_NEAR(volume.atLow.value, kBaseNpv - 1004070, 1e-6);
    ROI_COMPARE_NEAR(volume.atHigh.value, kBaseNpv + 1004070, 1e-6);
    const TornadoBar &minutes = t.bars[1];
    ROI_COMPARE_NEAR(minutes.atLow.value, kBaseNpv + 432000, 1e-6);
    ROI_COMPARE_NEAR(minutes.atHigh.value, kBaseNpv - 432000, 1e-6);
    // One base run and two per input.
    QCOMPARE(t.evaluations, 1 + 2 * 4);
}

void TestTornado::worstBestRange()
{
    // Worst: volume × 0.8 = 40,000 and minutes × 1.5 = 18; Best: × 1.1 = 55,000 and × 0.75 = 9.
    //   volume: 12 × (40,000 × 8.36725 − 3,400) − 60,000 = 3,915,480 and
    //           12 × (55,000 × 8.36725 − 3,400) − 60,000 = 5,421,585 → swing 1,506,105
    //   minutes: labor 22 × 0.3 = 6.6 (−1.8) → −1,080,000 → 3,839,550;
    //            31 × 0.3 = 9.3 (+0.9) → +540,000 → 5,459,550 → swing 1,620,000: first.
    const auto wb = roitest::steadySupport();
    QVERIFY(wb);
    const TornadoResult t = tornado(*wb, {0, 0});
    QVERIFY(t.ok());
    QCOMPARE(t.bars.size(), std::size_t(2));
    QCOMPARE(t.bars[0].label, std::string("drivers[\"Agent time reclaimed\"].minutesWithAi"));
    ROI_COMPARE_NEAR(t.bars[0].lowValue, 18.0, 1e-12);
    ROI_COMPARE_NEAR(t.bars[0].highValue, 9.0, 1e-12);
    ROI_COMPARE_NEAR(t.bars[0].atLow.value, 3839550, 1e-6);
    ROI_COMPARE_NEAR(t.bars[0].atHigh.value, 5459550, 1e-6);
    ROI_COMPARE_NEAR(t.bars[0].swing, 1620000, 1e-6);
    QCOMPARE(t.bars[1].label, std::string("baseline.volume"));
    ROI_COMPARE_NEAR(t.bars[1].atLow.value, 3915480, 1e-6);
    ROI_COMPARE_NEAR(t.bars[1].atHigh.value, 5421585, 1e-6);
    ROI_COMPARE_NEAR(t.bars[1].swing, 1506105, 1e-6);
}

void TestTornado::customRange()
{
    // A caller's bounds (as a distribution's P10/P90 would be): volume 45,000..52,000 → NPV
    // −12 × 5,000 × 8.36725 = −502,035 and +12 × 2,000 × 8.36725 = +200,814. A bound outside
    // the legal range is clamped and said so: adoption 0.5..1.2 → 0.5..1.
    const auto wb = roitest::steadySupport();
    QVERIFY(wb);
    TornadoOptions o;
    o.range = TornadoRange::Custom;
    o.inputs = {input(*wb, "baseline.volume"), input(*wb, "ramp.steadyAdoption"),
                input(*wb, "baseline.hourlyRate")};
    o.bounds = [](const VariedInput &in, double) -> std::optional<std::pair<double, double>> {
        if (in.path.field == "volume")
            return std::pair{45000.0, 52000.0};
        if (in.path.field == "steadyAdoption")
            return std::pair{0.5, 1.2};
        return std::nullopt; // no bounds for the rest: left out
    };
    const TornadoResult t = tornado(*wb, {0, 0}, o);
    QVERIFY(t.ok());
    QCOMPARE(t.bars.size(), std::size_t(2));
    // Adoption 0.5: −12 × 25,000 × 8.36725 = −2,510,175; at 1 no change → swing 2,510,175.
    QCOMPARE(t.bars[0].label, std::string("ramp.steadyAdoption"));
    QVERIFY(t.bars[0].clamped);
    QCOMPARE(t.bars[0].highValue, 1.0);
    ROI_COMPARE_NEAR(t.bars[0].swing, 2510175, 1e-6);
    QCOMPARE(t.bars[1].label, std::string("baseline.volume"));
    ROI_COMPARE_NEAR(t.bars[1].atLow.value, kBaseNpv - 502035, 1e-6);
    ROI_COMPARE_NEAR(t.bars[1].atHigh.value, kBaseNpv + 200814, 1e-6);
}

void TestTornado::defaultInputs()
{
    const auto wb = roitest::steadySupport();
    QVERIFY(wb);
    // The inputs Worst and Best move.
    const auto moved = sensitivityInputs(*wb, {0, 0}, InputSet::Scenarios);
    QCOMPARE(moved.size(), std::size_t(2));
    // Every input: the use case's own and the price book's and settings' once.
    const auto all = sensitivityInputs(*wb, {0, 0}, InputSet::All);
    QCOMPARE(all.size(), listInputs(wb->useCases[0], wb->priceBook).size());
    // No scenario moves anything: every input.
    Workbook plain = *wb;
    plain.scenarios.resize(1);
    QCOMPARE(sensitivityInputs(plain, {0, 0}, InputSet::Scenarios).size(), all.size());
}

void TestTornado::roiMetric()
{
    // ROI = net / TCO × 100 with TCO = 12 × (50,000 × 0.03275 + 3,400) + 60,000 = 120,450.
    // Hosting ± $80 a month moves TCO and net by ∓ 960 ... opposite ways:
    // low: (4,919,550 + 960) / 119,490; high: (4,919,550 − 960) / 121,410.
    const auto wb = roitest::steadySupport();
    QVERIFY(wb);
    TornadoOptions o;
    o.metric = SensitivityMetric::Roi;
    o.range = TornadoRange::Percent;
    o.inputs = {input(*wb, "layers[\"Retrieval & hosting\"].amount")};
    const TornadoResult t = tornado(*wb, {0, 0}, o);
    QCOMPARE(t.bars.size(), std::size_t(1));
    ROI_COMPARE_NEAR(t.base.value, 4919550.0 / 120450.0 * 100, 1e-9);
    ROI_COMPARE_NEAR(t.bars[0].atLow.value, 4920510.0 / 119490.0 * 100, 1e-9);
    ROI_COMPARE_NEAR(t.bars[0].atHigh.value, 4918590.0 / 121410.0 * 100, 1e-9);
}

void TestTornado::portfolioLabels()
{
    // Two copies of the use case: the portfolio doubles; each copy's volume moves half of it,
    // and the bars name their use case.
    auto wb = roitest::steadySupport();
    QVERIFY(wb);
    UseCase twin = wb->useCases[0];
    twin.name = "Twin";
    wb->useCases.push_back(twin);
    TornadoOptions o;
    o.range = TornadoRange::Percent;
    const TornadoResult t = tornado(*wb, {-1, 0}, o);
    QVERIFY(t.ok());
    ROI_COMPARE_NEAR(t.base.value, 2 * kBaseNpv, 1e-6);
    QVERIFY(t.bars.size() >= 4);
    // The two volumes tie (2,008,140 each) and rank first, in use-case order.
    QCOMPARE(t.bars[0].label, std::string("Support assistant · baseline.volume"));
    QCOMPARE(t.bars[1].label, std::string("Twin · baseline.volume"));
    ROI_COMPARE_NEAR(t.bars[0].swing, 2008140, 1e-6);
    ROI_COMPARE_NEAR(t.bars[1].swing, 2008140, 1e-6);
}

void TestTornado::spiderMonotonic()
{
    const auto wb = roitest::steadySupport();
    QVERIFY(wb);
    SpiderOptions o;
    o.inputs = {input(*wb, "baseline.volume"),
                input(*wb, "drivers[\"Agent time reclaimed\"].minutesWithAi"),
                input(*wb, "ramp.steadyAdoption")};
    const SpiderResult s = spider(*wb, {0, 0}, o);
    QCOMPARE(s.lines.size(), std::size_t(3));
    QCOMPARE(s.changes.size(), std::size_t(7));
    for (const SpiderLine &line : s.lines) {
        QCOMPARE(line.metric.size(), s.changes.size());
        // 0% change is the base.
        QCOMPARE(line.metric[3].value, s.base.value);
    }
    for (std::size_t i = 1; i < s.changes.size(); ++i) {
        // NPV rises with volume (by 12 × 5,000 × 8.36725 = 502,035 a step) and falls with the
        // minutes left after AI.
        ROI_COMPARE_NEAR(s.lines[0].metric[i].value - s.lines[0].metric[i - 1].value, 502035, 1e-6);
        QVERIFY(s.lines[1].metric[i].value < s.lines[1].metric[i - 1].value);
        // Adoption is already 100%: +10..30% are clamped to 1, so the line goes flat.
        if (s.changes[i] > 0)
            QCOMPARE(s.lines[2].metric[i].value, s.base.value);
        else
            QVERIFY(s.lines[2].metric[i].value > s.lines[2].metric[i - 1].value);
    }
    QCOMPARE(s.lines[2].values.back(), 1.0);
}

void TestTornado::noWorstScenario()
{
    auto wb = roitest::steadySupport();
    QVERIFY(wb);
    wb->scenarios.resize(1);
    const TornadoResult t = tornado(*wb, {0, 0});
    QVERIFY(!t.ok());
    QVERIFY2(t.error.find("Worst") != std::string::npos, t.error.c_str());
    QVERIFY(t.bars.empty());
}

void TestTornado::portfolioTornadoEqualsFullCompute_data()
{
    QTest::addColumn<int>("useCases");
    QTest::addColumn<int>("scenario");
    QTest::addColumn<bool>("adjustRate");
    QTest::addColumn<bool>("roi");
    QTest::newRow("bundled portfolio, NPV") << 3 << 0 << false << false;
    QTest::newRow("5 use cases, 24 months, NPV") << 5 << 0 << false << false;
    QTest::newRow("4 use cases, ROI") << 4 << 0 << false << true;
    QTest::newRow("4 use cases, scenario moves the discount rate") << 4 << 0 << true << false;
    QTest::newRow("4 use cases, Worst scenario") << 4 << 1 << false << false;
}

void TestTornado::portfolioTornadoEqualsFullCompute()
{
    // Each bar's two ends are probed by recomputing only the input's use case and adding the
    // portfolio up again; they must equal what a full compute of the whole workbook with that
    // input set gives, bit for bit.
    QFETCH(int, useCases);
    QFETCH(int, scenario);
    QFETCH(bool, adjustRate);
    QFETCH(bool, roi);
    Workbook wb = copiedPortfolio(useCases, useCases == 3 ? 36 : 24);
    QVERIFY(wb.scenarios.size() > static_cast<std::size_t>(scenario));
    if (adjustRate) {
        wb.scenarios[0].adjustments.push_back(
            {"settings.discountRate", AdjustmentOp::Multiply, 1.7, {}});
        wb.scenarios[0].adjustments.push_back(
            {"settings.discountRate", AdjustmentOp::Add, 0.01, {}});
    }
    TornadoOptions o;
    o.metric = roi ? SensitivityMetric::Roi : SensitivityMetric::Npv;
    o.range = TornadoRange::Percent; // every input with a value, shared ones included
    o.inputSet = InputSet::All;
    const TornadoResult t = tornado(wb, {-1, scenario}, o);
    QVERIFY(t.ok());
    QVERIFY(t.bars.size() > static_cast<std::size_t>(10 * useCases));
    QVERIFY(
        sameKpi(t.base, metricOf(compute(wb, roitest::noChecks()).portfolio[scenario], o.metric)));
    int perUseCase = 0;
    for (const TornadoBar &bar : t.bars) {
        perUseCase += bar.input.useCase >= 0 ? 1 : 0;
        const Kpi low = fullComputeWith(wb, bar.input, bar.lowValue, scenario, o.metric);
        const Kpi high = fullComputeWith(wb, bar.input, bar.highValue, scenario, o.metric);
        if (!sameKpi(bar.atLow, low) || !sameKpi(bar.atHigh, high))
            QFAIL(qPrintable(QString::fromStdString(bar.label)));
    }
    QVERIFY(perUseCase > 0);
    // And those probes took the incremental path: one use case recomputed per evaluation.
    ModelProbe probe(wb, {-1, scenario});
    const auto adoption = resolveInput(wb, useCases - 1, "ramp.steadyAdoption");
    QVERIFY(adoption);
    probe.evaluateAt(*adoption, 0.5);
    const long long before = probe.casesComputed();
    probe.evaluateAt(*adoption, 0.6);
    QCOMPARE(probe.casesComputed(), before + 1);
}

void TestTornado::incrementalProbeEqualsFullProbe()
{
    // The same calls on an incremental probe and on one that recomputes everything: inputs of
    // one use case (restored or left set, as goal seek leaves them), two use cases off their
    // stored values at once, shared inputs in between.
    const Workbook wb = copiedPortfolio(6, 40);
    ModelProbe fast(wb, {-1, 0});
    ModelProbe full(wb, {-1, 0});
    full.setIncremental(false);
    auto in = [&](int u, const char *name) {
        auto r = resolveInput(wb, u, name);
        if (!r)
            qFatal("no input %s", name);
        return *r;
    };
    const VariedInput adoption1 = in(1, "ramp.steadyAdoption");
    const VariedInput volume4 = in(4, "baseline.volume");
    const VariedInput rate = in(-1, "settings.discountRate");
    auto same = [](const CaseResult &a, const CaseResult &b) {
        auto bits = [](std::span<const double> x, std::span<const double> y) {
            return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size_bytes()) == 0;
        };
        return a.kpis == b.kpis && sameKpi(Kpi::of(a.kpis.npv), Kpi::of(b.kpis.npv))
               && bits(a.row(Row::Net), b.row(Row::Net))
               && bits(a.row(Row::CumulativeNet), b.row(Row::CumulativeNet));
    };
    QVERIFY(same(fast.evaluateBase(), full.evaluateBase()));
    const double adoption = *storedValue(wb, adoption1);
    const double volume = *storedValue(wb, volume4);
    QVERIFY(same(fast.evaluateAt(adoption1, adoption * 0.7),
                 full.evaluateAt(adoption1, adoption * 0.7)));
    const long long afterOne = fast.casesComputed();
    QVERIFY(same(fast.evaluateAt(adoption1, adoption * 0.5),
                 full.evaluateAt(adoption1, adoption * 0.5)));
    QCOMPARE(fast.casesComputed(), afterOne + 1); // that use case alone
    // A second use case while the first is still set: both count.
    QVERIFY(same(fast.evaluateAt(volume4, volume * 1.3), full.evaluateAt(volume4, volume * 1.3)));
    fast.restore(adoption1);
    full.restore(adoption1);
    QVERIFY(same(fast.evaluateAt(volume4, volume * 0.9), full.evaluateAt(volume4, volume * 0.9)));
    fast.restore(volume4);
    full.restore(volume4);
    QVERIFY(same(fast.evaluateAt(rate, 0.2), full.evaluateAt(rate, 0.2)));
    fast.restore(rate);
    full.restore(rate);
    const long long beforeLast = fast.casesComputed();
    QVERIFY(same(fast.evaluateAt(volume4, volume * 1.1), full.evaluateAt(volume4, volume * 1.1)));
    QCOMPARE(fast.casesComputed(), beforeLast + 1);
    QVERIFY(same(fast.evaluateBase(), full.evaluateBase())); // with volume 4 still set
    fast.restore(volume4);
    full.restore(volume4);
    QVERIFY(same(fast.evaluateBase(), full.evaluateBase()));
    QCOMPARE(fast.evaluations(), full.evaluations());
    QVERIFY(fast.casesComputed() < full.casesComputed());
}

void TestTornado::portfolioGoalSeekEqualsFullCompute()
{
    // Goal seek on one use case's input of a portfolio: the metric it reports at its answer is
    // the full compute's there.
    const Workbook wb = copiedPortfolio(5, 36);
    const auto in = resolveInput(wb, 2, "ramp.steadyAdoption");
    QVERIFY(in);
    const GoalSeekResult r = goalSeek(wb, {{-1, 0}, *in, {GoalKind::Npv, 0}});
    QVERIFY(r.ok());
    const Kpi npv = fullComputeWith(wb, *in, r.value, 0, SensitivityMetric::Npv);
    QVERIFY(sameKpi(r.metric, npv));
}

QTEST_APPLESS_MAIN(TestTornado)
#include "tst_tornado.moc"
