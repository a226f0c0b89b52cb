// The Monte Carlo engine: the default set-up from the scenarios, Latin Hypercube strata, the
// same results whatever the number of threads, an affine case against its closed form, imposed
// correlations, common random numbers with a fixed input, and plan errors.
#include "analytics/correlation.h"
#include "analytics/montecarlo.h"
#include "inputs.h"
#include "testutil.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <thread>

using namespace roi;

namespace {

/// One use case whose NPV is affine in the amount of its one fixed cost layer: benefit $5,000
/// a month avoided, cost `amount` a month, 12 months at 10% a year.
Workbook affineWorkbook()
{
    Workbook wb = roitest::bareWorkbook(12);
    wb.settings.discountRate = 0.10;
    wb.useCases[0].layers.push_back(roitest::fixedLayer("Hosting", 2000));
    wb.useCases[0].drivers.push_back(roitest::avoidedFixed("Avoided", 5000));
    return wb;
}

UncertainInput uniformInput(std::string input, double lo, double hi, std::string useCase = {})
{
    UncertainInput in;
    in.input = std::move(input);
    in.useCase = std::move(useCase);
    in.distribution.kind = DistributionKind::Uniform;
    in.distribution.min = lo;
    in.distribution.max = hi;
    return in;
}

/// Runs the plan's chunks on `threads` threads, chunk i on thread i % threads, adding results
/// in the order they finish.
MonteCarloSummary runThreaded(const MonteCarloPlan &plan, int threads)
{
    std::vector<ChunkResult> results(static_cast<std::size_t>(plan.chunkCount()));
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (int c = t; c < plan.chunkCount(); c += threads)
                results[static_cast<std::size_t>(c)] = runChunk(plan, c);
        });
    }
    for (auto &th : pool)
        th.join();
    MonteCarloRun run(plan);
    // Add in reverse: the order of arrival must not matter.
    for (auto it = results.rbegin(); it != results.rend(); ++it)
        run.add(*it);
    return run.summary();
}

bool sameSummary(const MonteCarloSummary &a, const MonteCarloSummary &b)
{
    if (a.series.size() != b.series.size())
        return false;
    for (std::size_t s = 0; s < a.series.size(); ++s) {
        const auto &x = a.series[s];
        const auto &y = b.series[s];
        for (int m = 0; m < kMetricCount; ++m) {
            const auto &p = x.metrics[static_cast<std::size_t>(m)];
            const auto &q = y.metrics[static_cast<std::size_t>(m)];
            if (p.mean != q.mean || p.sd != q.sd || p.percentiles != q.percentiles
                || p.defined != q.defined)
                return false;
        }
        if (x.fanP10 != y.fanP10 || x.fanP50 != y.fanP50 || x.fanP90 != y.fanP90
            || x.pRoiPositive != y.pRoiPositive || x.pPayback != y.pPayback)
            return false;
        for (std::size_t i = 0; i < x.sensitivity.size(); ++i)
            if (x.sensitivity[i].rankCorrelation != y.sensitivity[i].rankCorrelation)
                return false;
    }
    return true;
}

} // namespace

class TestMonteCarlo : public QObject
{
    Q_OBJECT

private slots:
    void defaultSetupFromScenarios();
    void latinHypercubeOneDrawPerStratum_data();
    void latinHypercubeOneDrawPerStratum();
    void sameSeedSameResultsAnyThreads_data();
    void sameSeedSameResultsAnyThreads();
    void differentSeedDifferentSamples();
    void affineCaseMatchesClosedForm_data();
    void affineCaseMatchesClosedForm();
    void correlationImposedAndRepaired();
    void fixedInputCommonRandomNumbers();
    void paybackAndRoiStates();
    void histogramBins();
    void roiHistogram();
    void fanEqualsNthElement_data();
    void fanEqualsNthElement();
    void sensitivityEqualsPearsonOfRanks();
    void ranksFromStrataEqualSortedRanks_data();
    void ranksFromStrataEqualSortedRanks();
    void planErrors_data();
    void planErrors();
};

void TestMonteCarlo::defaultSetupFromScenarios()
{
    // The support example: every input Worst and Best move becomes a PERT(worst, base, best),
    // values read from the workbook itself (not hard-coded: the example may change).
    const auto wb = roitest::loadExample("support-assistant.roiwb");
    QVERIFY(wb);
    QVERIFY(wb->uncertainty.inputs.empty());
    const auto inputs = defaultUncertainInputs(*wb);
    QVERIFY(!inputs.empty());
    const UseCase &uc = wb->useCases[0];
    auto find = [&](const std::string &name) -> const UncertainInput * {
        for (const auto &in : inputs)
            if (in.input == name)
                return &in;
        return nullptr;
    };
    // Adoption: Worst x0.7, Best x1.1 (capped at 1).
    const UncertainInput *adoption = find("ramp.steadyAdoption");
    QVERIFY(adoption);
    QCOMPARE(adoption->useCase, uc.name);
    QCOMPARE(adoption->distribution.kind, DistributionKind::Pert);
    QCOMPARE(adoption->distribution.mode, uc.ramp.steadyAdoption);
    QCOMPARE(adoption->distribution.min, uc.ramp.steadyAdoption * 0.7);
    QCOMPARE(adoption->distribution.max, std::min(1.0, uc.ramp.steadyAdoption * 1.1));
    // The three-month slip: PERT(0, 0, 3) on the go-live delay.
    const UncertainInput *delay = find("ramp.goLiveDelay");
    QVERIFY(delay);
    QCOMPARE(delay->distribution.min, uc.ramp.goLiveDelay);
    QCOMPARE(delay->distribution.max, uc.ramp.goLiveDelay + 3);
    // Prices of the model the token layer uses: shared by the workbook (no use case).
    std::string model;
    for (const auto &l : uc.layers)
        if (l.type == LayerType::TokenUsage)
            model = l.model;
    const UncertainInput *output = find(priceInput(model, "output"));
    QVERIFY(output);
    QVERIFY(output->useCase.empty());
    QCOMPARE(output->distribution.mode, wb->findPrice(model)->output);
    QCOMPARE(output->distribution.max, wb->findPrice(model)->output * 1.25);
    // A price entry no layer uses is left out.
    for (const auto &p : wb->priceBook) {
        if (p.model != model)
            QVERIFY(!find(priceInput(p.model, "output")));
    }
    // And a simulation runs on it with one call.
    std::string error;
    const auto s = runMonteCarlo(*wb, MonteCarloOptions::fromWorkbook(*wb), &error);
    QVERIFY2(s, error.c_str());
    QCOMPARE(s->series.size(), std::size_t(2));
    QCOMPARE(s->inputs.size(), inputs.size());
}

void TestMonteCarlo::latinHypercubeOneDrawPerStratum_data()
{
    QTest::addColumn<int>("trials");
    QTest::newRow("1 trial") << 1;
    QTest::newRow("999 trials (one partial chunk)") << 999;
    QTest::newRow("2,500 trials (three chunks)") << 2500;
}

void TestMonteCarlo::latinHypercubeOneDrawPerStratum()
{
    // Uniform(0, 1) on the adoption and triangular(0, 200, 1000) on the hosting amount: the
    // CDF maps each draw to its stratum floor(F(x) n); every stratum holds exactly one draw.
    QFETCH(int, trials);
    Workbook wb = affineWorkbook();
    wb.uncertainty.inputs.push_back(uniformInput("ramp.steadyAdoption", 0, 1));
    UncertainInput tri;
    tri.input = layerInput("Hosting", "amount");
    tri.distribution.kind = DistributionKind::Triangular;
    tri.distribution.min = 0;
    tri.distribution.mode = 200;
    tri.distribution.max = 1000;
    wb.uncertainty.inputs.push_back(tri);
    MonteCarloOptions o;
    o.trials = trials;
    o.seed = 7;
    const MonteCarloPlan plan(wb, o);
    QVERIFY2(plan.ok(), plan.error().c_str());
    auto triCdf = [](double x) {
        // F(x) = x^2 / (1000 * 200) below the mode, 1 - (1000 - x)^2 / (1000 * 800) above.
        return x < 200 ? x * x / (1000.0 * 200) : 1 - (1000 - x) * (1000 - x) / (1000.0 * 800);
    };
    for (int j = 0; j < 2; ++j) {
        std::vector<int> count(static_cast<std::size_t>(trials), 0);
        for (double x : plan.samples(j)) {
            const double f = j == 0 ? x : triCdf(x);
            const int stratum = std::min(trials - 1, static_cast<int>(std::floor(f * trials)));
            ++count[static_cast<std::size_t>(stratum)];
        }
        QVERIFY(std::all_of(count.begin(), count.end(), [](int c) { return c == 1; }));
    }
}

void TestMonteCarlo::sameSeedSameResultsAnyThreads_data()
{
    QTest::addColumn<int>("sampling");
    QTest::newRow("latin hypercube") << static_cast<int>(SamplingMethod::LatinHypercube);
    QTest::newRow("random") << static_cast<int>(SamplingMethod::Random);
}

void TestMonteCarlo::sameSeedSameResultsAnyThreads()
{
    // The portfolio example with its default set-up, 5,500 trials (six chunks, the last one
    // partial): 1, 2 and 8 threads give bit-identical summaries.
    QFETCH(int, sampling);
    const auto wb = roitest::loadExample("portfolio.roiwb");
    QVERIFY(wb);
    MonteCarloOptions o;
    o.trials = 5500;
    o.seed = 1234;
    o.sampling = static_cast<SamplingMethod>(sampling);
    const MonteCarloPlan plan(*wb, o);
    QVERIFY2(plan.ok(), plan.error().c_str());
    const MonteCarloSummary one = runThreaded(plan, 1);
    QVERIFY(sameSummary(one, runThreaded(plan, 2)));
    QVERIFY(sameSummary(one, runThreaded(plan, 8)));
    // And a second plan from the same seed draws the same values.
    const MonteCarloPlan again(*wb, o);
    for (std::size_t j = 0; j < plan.inputs().size(); ++j)
        QCOMPARE(again.samples(static_cast<int>(j)), plan.samples(static_cast<int>(j)));
}

void TestMonteCarlo::differentSeedDifferentSamples()
{
    const auto wb = roitest::loadExample("support-assistant.roiwb");
    QVERIFY(wb);
    MonteCarloOptions a;
    a.trials = 2000;
    a.seed = 1;
    MonteCarloOptions b = a;
    b.seed = 2;
    const MonteCarloPlan pa(*wb, a);
    const MonteCarloPlan pb(*wb, b);
    for (std::size_t j = 0; j < pa.inputs().size(); ++j) {
        if (pa.inputs()[j].integer)
            continue; // a 0..3 month delay may well coincide
        QVERIFY(pa.samples(static_cast<int>(j)) != pb.samples(static_cast<int>(j)));
    }
    const auto sa = runMonteCarlo(*wb, a);
    const auto sb = runMonteCarlo(*wb, b);
    QVERIFY(sa && sb);
    QVERIFY(sa->series[0].stats(Metric::Npv).mean != sb->series[0].stats(Metric::Npv).mean);
}

void TestMonteCarlo::affineCaseMatchesClosedForm_data()
{
    QTest::addColumn<int>("sampling");
    QTest::newRow("latin hypercube") << static_cast<int>(SamplingMethod::LatinHypercube);
    QTest::newRow("random") << static_cast<int>(SamplingMethod::Random);
}

void TestMonteCarlo::affineCaseMatchesClosedForm()
{
    // NPV = c + k * amount with amount ~ Uniform(1,000, 3,000): mean c + 2,000 k, variance
    // k^2 * 2,000^2 / 12. c and k from two engine runs (exact: the NPV is affine in amount).
    QFETCH(int, sampling);
    Workbook wb = affineWorkbook();
    wb.uncertainty.inputs.push_back(uniformInput(layerInput("Hosting", "amount"), 1000, 3000));
    Workbook at0 = wb;
    at0.useCases[0].layers[0].amount = 0;
    Workbook at1 = wb;
    at1.useCases[0].layers[0].amount = 1;
    const double c = compute(at0, roitest::noChecks()).portfolio[0].kpis.npv;
    const double k = compute(at1, roitest::noChecks()).portfolio[0].kpis.npv - c;
    QVERIFY(k < 0);
    const double mean = c + 2000 * k;
    const double variance = k * k * 2000.0 * 2000.0 / 12;

    MonteCarloOptions o;
    o.trials = 20000;
    o.seed = 99;
    o.sampling = static_cast<SamplingMethod>(sampling);
    const auto s = runMonteCarlo(wb, o);
    QVERIFY(s);
    const OutputStats &npv = s->series[0].stats(Metric::Npv);
    const double n = o.trials;
    // Standard errors: of the mean sd/sqrt(n); of the variance var*sqrt(2/(n-1) + kurtosis
    // excess/n), with excess kurtosis -1.2 for a uniform: var*sqrt(0.8/n).
    const double seMean = std::sqrt(variance / n);
    const double seVar = variance * std::sqrt(0.8 / n);
    QVERIFY2(std::abs(npv.mean.value - mean) <= 3 * seMean,
             qPrintable(QStringLiteral("%1 vs %2").arg(npv.mean.value).arg(mean)));
    QVERIFY2(std::abs(npv.sd.value * npv.sd.value - variance) <= 3 * seVar,
             qPrintable(QStringLiteral("%1 vs %2").arg(npv.sd.value * npv.sd.value).arg(variance)));
    QCOMPARE(s->series[0].npvStandardError, npv.sd.value / std::sqrt(n));
    // The median of a uniform is its middle; P(NPV > 0) is all: 5,000 > 3,000 every month.
    QVERIFY(std::abs(npv.percentiles[2].value - mean) <= 4 * std::abs(k) * 2000 / std::sqrt(n));
    QCOMPARE(s->series[0].pNpvPositive, 1.0);
    // The fan's P50 ends near the median cumulative net, undiscounted: (5,000 - 2,000) x 12.
    QVERIFY(std::abs(s->series[0].fanP50.back() - 36000) < 300);
    // The one input explains all of the variance, negatively.
    QCOMPARE(s->series[0].sensitivity.size(), std::size_t(1));
    QVERIFY(s->series[0].sensitivity[0].rankCorrelation < -0.999);
    QCOMPARE(s->series[0].sensitivity[0].varianceShare, 1.0);
}

void TestMonteCarlo::correlationImposedAndRepaired()
{
    Workbook wb = affineWorkbook();
    wb.uncertainty.inputs = {uniformInput("ramp.steadyAdoption", 0.2, 1),
                             uniformInput("baseline.volume", 500, 1500),
                             uniformInput(layerInput("Hosting", "amount"), 1000, 3000)};
    wb.uncertainty.correlations = {{0, 1, 0.6}};
    MonteCarloOptions o;
    o.trials = 10000;
    {
        const MonteCarloPlan plan(wb, o);
        QVERIFY(plan.ok());
        QVERIFY(!plan.correlation().repaired);
        const double rho01 = correlation::spearman(plan.samples(0), plan.samples(1));
        QVERIFY2(std::abs(rho01 - 0.6) < 0.02, qPrintable(QString::number(rho01)));
        QVERIFY(std::abs(correlation::spearman(plan.samples(0), plan.samples(2))) < 0.02);
    }
    // An impossible set: 0.9, 0.9 and -0.9. Repaired, reported, and still imposed.
    wb.uncertainty.correlations = {{0, 1, 0.9}, {0, 2, 0.9}, {1, 2, -0.9}};
    const MonteCarloPlan plan(wb, o);
    QVERIFY(plan.ok());
    const CorrelationReport &r = plan.correlation();
    QVERIFY(r.repaired);
    QVERIFY(r.minEigenvalue < 0);
    QVERIFY(r.distance > 0.1);
    QVERIFY(correlation::smallestEigenvalue(r.used) > -1e-12);
    QCOMPARE(r.requested(1, 2), -0.9);
    QVERIFY(std::abs(correlation::spearman(plan.samples(0), plan.samples(1)) - r.used(0, 1))
            < 0.03);
}

void TestMonteCarlo::fixedInputCommonRandomNumbers()
{
    // Goal seek on P10 NPV needs a smooth, repeatable statistic: holding one input at a value
    // keeps every other draw, so the statistic moves only with that value.
    const auto wb = roitest::loadExample("support-assistant.roiwb");
    QVERIFY(wb);
    MonteCarloOptions o;
    o.trials = 2000;
    o.seed = 5;
    const std::string uc = wb->useCases[0].name;
    const FixedInput low{"ramp.steadyAdoption", uc, 0.3};
    const FixedInput high{"ramp.steadyAdoption", uc, 0.6};
    std::string error;
    const auto a = p10NpvWithInputFixed(*wb, o, low, {}, &error);
    QVERIFY2(a, error.c_str());
    QCOMPARE(*p10NpvWithInputFixed(*wb, o, low), *a); // repeatable
    const auto b = p10NpvWithInputFixed(*wb, o, high);
    QVERIFY(b && *b > *a); // more adoption, more value in this case
    // The other inputs' draws are the same with and without the hold.
    MonteCarloOptions held = o;
    held.fixed = {low};
    const MonteCarloPlan free(*wb, o);
    const MonteCarloPlan fixed(*wb, held);
    for (std::size_t j = 0; j < free.inputs().size(); ++j) {
        if (free.inputs()[j].source.input == "ramp.steadyAdoption") {
            QVERIFY(std::all_of(fixed.samples(static_cast<int>(j)).begin(),
                                fixed.samples(static_cast<int>(j)).end(),
                                [](double v) { return v == 0.3; }));
        } else {
            QCOMPARE(fixed.samples(static_cast<int>(j)), free.samples(static_cast<int>(j)));
        }
    }
}

void TestMonteCarlo::paybackAndRoiStates()
{
    // A case that never pays back in some trials and has no TCO in none: payback percentiles
    // above the share that pays back are "never", not a number; P(payback) counts the rest.
    Workbook wb = affineWorkbook();
    wb.uncertainty.inputs = {uniformInput(layerInput("Hosting", "amount"), 4000, 6000)};
    MonteCarloOptions o;
    o.trials = 4000;
    const auto s = runMonteCarlo(wb, o);
    QVERIFY(s);
    const SeriesSummary &p = s->series[0];
    // Net = 5,000 - amount: positive (pays back from month 1) for amount < 5,000, half the time.
    QVERIFY(std::abs(p.pPayback - 0.5) < 0.01);
    QVERIFY(std::abs(p.pNpvPositive - 0.5) < 0.01);
    QVERIFY(p.stats(Metric::Payback).percentiles[0].ok());
    QCOMPARE(p.stats(Metric::Payback).percentiles[4].state, KpiState::NeverPaysBack);
    QCOMPARE(p.stats(Metric::RoiPercent).defined, 4000);
    // No cost at all: ROI has no number in any trial, and is never NaN.
    Workbook free = roitest::bareWorkbook(12);
    free.useCases[0].drivers.push_back(roitest::avoidedFixed("Avoided", 100));
    free.uncertainty.inputs = {uniformInput(driverInput("Avoided", "amount"), 50, 150)};
    const auto f = runMonteCarlo(free, o);
    QVERIFY(f);
    QCOMPARE(f->series[0].stats(Metric::RoiPercent).defined, 0);
    QCOMPARE(f->series[0].stats(Metric::RoiPercent).mean.state, KpiState::Undefined);
    QCOMPARE(f->series[0].pRoiPositive, 0.0);
}

void TestMonteCarlo::histogramBins()
{
    // 4 bins over 0..4 (width 1), each from its lower edge up to its upper one, the last bin
    // with its upper edge: 0 | 1 1 | 2 | 3 4.
    std::vector<double> edges, counts;
    histogramOfSorted({0, 1, 1, 2, 3, 4}, 4, edges, counts);
    QCOMPARE(edges, (std::vector<double>{0, 1, 2, 3, 4}));
    QCOMPARE(counts, (std::vector<double>{1, 2, 1, 2}));
    // All equal: one unit wide from the value, everything in the first bin.
    histogramOfSorted({7, 7}, 2, edges, counts);
    QCOMPARE(edges, (std::vector<double>{7, 7.5, 8}));
    QCOMPARE(counts, (std::vector<double>{2, 0}));
    histogramOfSorted({}, 40, edges, counts);
    QVERIFY(edges.empty() && counts.empty());
}

void TestMonteCarlo::roiHistogram()
{
    // Benefit 5,000 a month, cost A a month, A ~ Uniform(2,500, 5,000): ROI = (5,000 / A - 1)
    // x 100, from 0% (A = 5,000) to 100% (A = 2,500). P(ROI <= 50%) = P(A >= 3,333.33) =
    // (5,000 - 3,333.33) / 2,500 = 2/3, so the 20 lower bins of 40 (0% to about 50%) hold about
    // 2/3 of the 4,000 trials. LHS puts one draw in each 1/4,000 stratum of A, so the count is
    // within a few trials of 2,666.7 (the edges are the sample's min and max, 1/8,000 inside).
    Workbook wb = affineWorkbook();
    wb.uncertainty.inputs = {uniformInput(layerInput("Hosting", "amount"), 2500, 5000)};
    MonteCarloOptions o;
    o.trials = 4000;
    const auto s = runMonteCarlo(wb, o);
    QVERIFY(s);
    const SeriesSummary &p = s->series[0];
    QCOMPARE(p.roiUndefined, 0);
    QCOMPARE(p.roiHistogramEdges.size(), std::size_t(41));
    QCOMPARE(p.roiHistogramCounts.size(), std::size_t(40));
    QVERIFY(p.roiHistogramEdges.front() >= 0 && p.roiHistogramEdges.front() < 0.1);
    QVERIFY(p.roiHistogramEdges.back() <= 100 && p.roiHistogramEdges.back() > 99.9);
    double total = 0, lower = 0;
    for (std::size_t b = 0; b < 40; ++b) {
        total += p.roiHistogramCounts[b];
        lower += b < 20 ? p.roiHistogramCounts[b] : 0;
    }
    QCOMPARE(total, 4000.0);
    QVERIFY2(std::abs(lower - 4000.0 * 2 / 3) < 5, qPrintable(QString::number(lower)));
    // The density of ROI falls with ROI (dA/dROI = -5,000 x 100 / (ROI + 100)^2): the first bin
    // holds 4x the last ((100 + 100)^2 / (0 + 100)^2), give or take the bins' width.
    const double ratio = p.roiHistogramCounts.front() / p.roiHistogramCounts.back();
    QVERIFY2(ratio > 3.6 && ratio < 4.4, qPrintable(QString::number(ratio)));

    // No cost at all: no trial has an ROI; none binned, all counted as undefined.
    Workbook free = roitest::bareWorkbook(12);
    free.useCases[0].drivers.push_back(roitest::avoidedFixed("Avoided", 100));
    free.uncertainty.inputs = {uniformInput(driverInput("Avoided", "amount"), 50, 150)};
    const auto f = runMonteCarlo(free, o);
    QVERIFY(f);
    QCOMPARE(f->series[0].roiUndefined, 4000);
    QVERIFY(f->series[0].roiHistogramEdges.empty() && f->series[0].roiHistogramCounts.empty());
}

void TestMonteCarlo::planErrors_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<int>("trials");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown scenario") << "ramp.steadyAdoption"
                                      << "Optimistic" << 100 << "no scenario named 'Optimistic'";
    QTest::newRow("no such layer")
        << R"(layers["Nope"].amount)"
        << "Base" << 100
        << R"(uncertain input 'layers["Nope"].amount' names no input of the workbook)";
    QTest::newRow("bad name") << "ramp.nothing"
                              << "Base" << 100
                              << "uncertain input 'ramp.nothing': unknown field 'nothing' in ramp";
    QTest::newRow("no trials") << "ramp.steadyAdoption"
                               << "Base" << 0 << "trials must be between 1 and 1000000";
    QTest::newRow("a billion trials")
        << "ramp.steadyAdoption"
        << "Base" << 1'000'000'000 << "trials must be between 1 and 1000000";
}

void TestMonteCarlo::planErrors()
{
    QFETCH(QString, input);
    QFETCH(QString, scenario);
    QFETCH(int, trials);
    QFETCH(QString, message);
    Workbook wb = affineWorkbook();
    wb.uncertainty.inputs = {uniformInput(input.toStdString(), 0, 1)};
    MonteCarloOptions o;
    o.trials = trials;
    o.scenario = scenario.toStdString();
    const MonteCarloPlan plan(wb, o);
    QVERIFY(!plan.ok());
    QCOMPARE(QString::fromStdString(plan.error()), message);
}

QTEST_APPLESS_MAIN(TestMonteCarlo)
void TestMonteCarlo::fanEqualsNthElement_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("trials");
    QTest::addColumn<int>("sampling");
    // From 256 trials the summary finds the fan's percentiles by bucket selection.
    QTest::newRow("support, 6,000 LHS")
        << "support-assistant.roiwb" << 6000 << static_cast<int>(SamplingMethod::LatinHypercube);
    QTest::newRow("portfolio, 1,000 random")
        << "portfolio.roiwb" << 1000 << static_cast<int>(SamplingMethod::Random);
    QTest::newRow("support, 200 (nth_element)")
        << "support-assistant.roiwb" << 200 << static_cast<int>(SamplingMethod::LatinHypercube);
}

void TestMonteCarlo::fanEqualsNthElement()
{
    // Each month's P10/P50/P90 against nth_element over that month's cumulative net of every
    // trial (type-7 interpolation between the order statistics floor(h) and floor(h) + 1,
    // h = (n - 1) p / 100), bit for bit, for every series that keeps a fan.
    QFETCH(QString, file);
    QFETCH(int, trials);
    QFETCH(int, sampling);
    const auto wb = roitest::loadExample(file.toStdString());
    QVERIFY(wb);
    MonteCarloOptions o = MonteCarloOptions::fromWorkbook(*wb);
    o.trials = trials;
    o.seed = 17;
    o.sampling = static_cast<SamplingMethod>(sampling);
    const MonteCarloPlan plan(*wb, o);
    QVERIFY(plan.ok());
    MonteCarloRun run(plan);
    std::vector<ChunkResult> chunks;
    for (int c = 0; c < plan.chunkCount(); ++c) {
        chunks.push_back(runChunk(plan, c));
        run.add(chunks.back());
    }
    const MonteCarloSummary s = run.summary();
    const std::size_t n = static_cast<std::size_t>(trials);
    const std::size_t months = static_cast<std::size_t>(plan.months());
    int checked = 0;
    for (int series = 0; series < plan.seriesCount() && plan.keepsFan(series); ++series) {
        for (std::size_t mo = 0; mo < months; ++mo) {
            std::vector<float> col;
            for (const ChunkResult &c : chunks) {
                const std::size_t count = static_cast<std::size_t>(c.count);
                const float *src =
                    &c.cumulative[(static_cast<std::size_t>(series) * months + mo) * count];
                col.insert(col.end(), src, src + count);
            }
            QCOMPARE(col.size(), n);
            const std::vector<double> *fan[3] = {&s.series[series].fanP10, &s.series[series].fanP50,
                                                 &s.series[series].fanP90};
            const double ps[3] = {10, 50, 90};
            for (int i = 0; i < 3; ++i) {
                const double h = (static_cast<double>(n) - 1) * ps[i] / 100;
                const std::size_t lo = static_cast<std::size_t>(std::floor(h));
                std::nth_element(col.begin(), col.begin() + static_cast<long>(lo), col.end());
                const double a = col[lo];
                double expected = a;
                if (lo + 1 < n && h != static_cast<double>(lo)) {
                    std::nth_element(col.begin(), col.begin() + static_cast<long>(lo) + 1,
                                     col.end());
                    const double b = col[lo + 1];
                    expected = a + (h - static_cast<double>(lo)) * (b - a);
                }
                const double got = (*fan[i])[mo];
                if (expected == 0) // +0 or -0: either is the percentile
                    QCOMPARE(got, 0.0);
                else if (std::memcmp(&got, &expected, sizeof got) != 0)
                    QFAIL(qPrintable(QStringLiteral("series %1 month %2 P%3: %4 vs %5")
                                         .arg(series)
                                         .arg(mo)
                                         .arg(ps[i])
                                         .arg(got, 0, 'g', 17)
                                         .arg(expected, 0, 'g', 17)));
                ++checked;
            }
        }
    }
    QVERIFY(checked >= 3 * static_cast<int>(months));
}

void TestMonteCarlo::ranksFromStrataEqualSortedRanks_data()
{
    QTest::addColumn<bool>("correlated");
    QTest::addColumn<bool>("fixed");
    QTest::newRow("Latin Hypercube") << false << false;
    QTest::newRow("an input held") << false << true;
    QTest::newRow("Iman-Conover reorders") << true << false;
}

void TestMonteCarlo::ranksFromStrataEqualSortedRanks()
{
    // The plan ranks Latin Hypercube samples from their strata; those ranks are the ones
    // correlation::ranks gives by sorting (ties averaged: the adoption months are whole).
    QFETCH(bool, correlated);
    QFETCH(bool, fixed);
    auto wb = roitest::loadExample("support-assistant.roiwb");
    QVERIFY(wb);
    wb->uncertainty.inputs = defaultUncertainInputs(*wb);
    QVERIFY(wb->uncertainty.inputs.size() >= 3);
    if (correlated)
        wb->uncertainty.correlations.push_back({0, 1, 0.7});
    MonteCarloOptions o = MonteCarloOptions::fromWorkbook(*wb);
    o.trials = 3000;
    o.seed = 5;
    if (fixed) {
        const UncertainInput &in = wb->uncertainty.inputs[1];
        o.fixed.push_back({in.input, in.useCase, in.distribution.min});
    }
    const MonteCarloPlan plan(*wb, o);
    QVERIFY(plan.ok());
    int fromStrata = 0;
    for (int j = 0; j < static_cast<int>(plan.inputs().size()); ++j) {
        const std::vector<double> &known = plan.sampleRanks(j);
        if (known.empty())
            continue;
        ++fromStrata;
        QVERIFY(known == correlation::ranks(plan.samples(j)));
    }
    QCOMPARE(fromStrata, correlated ? 0 : static_cast<int>(plan.inputs().size()));
}

void TestMonteCarlo::sensitivityEqualsPearsonOfRanks()
{
    // Every series' rank correlations (computed for all series together, the inputs' centred
    // ranks shared) are correlation::pearson of the input's ranks and the series' NPV ranks,
    // bit for bit; the shares are the normalised squares; most influential first.
    const auto wb = roitest::loadExample("portfolio.roiwb");
    QVERIFY(wb);
    MonteCarloOptions o = MonteCarloOptions::fromWorkbook(*wb);
    o.trials = 1500;
    o.seed = 23;
    const MonteCarloPlan plan(*wb, o);
    QVERIFY(plan.ok());
    MonteCarloRun run(plan);
    for (int c = 0; c < plan.chunkCount(); ++c)
        run.add(runChunk(plan, c));
    const MonteCarloSummary s = run.summary();
    const int inputs = static_cast<int>(plan.inputs().size());
    QVERIFY(inputs > 5); // more than one group of four sums, and a remainder
    for (int series = 0; series < plan.seriesCount(); ++series) {
        const std::vector<double> npvRanks = correlation::ranks(run.values(series, Metric::Npv));
        const auto &sens = s.series[static_cast<std::size_t>(series)].sensitivity;
        QCOMPARE(static_cast<int>(sens.size()), inputs);
        double total = 0;
        for (const InputSensitivity &e : sens) {
            const double rho =
                correlation::pearson(correlation::ranks(plan.samples(e.input)), npvRanks);
            QVERIFY(std::memcmp(&rho, &e.rankCorrelation, sizeof rho) == 0);
            total += rho * rho;
        }
        for (std::size_t i = 0; i < sens.size(); ++i) {
            ROI_COMPARE_NEAR(sens[i].varianceShare,
                             sens[i].rankCorrelation * sens[i].rankCorrelation / total, 1e-12);
            if (i > 0)
                QVERIFY(std::abs(sens[i - 1].rankCorrelation) >= std::abs(sens[i].rankCorrelation));
        }
    }
}

#include "tst_montecarlo.moc"
