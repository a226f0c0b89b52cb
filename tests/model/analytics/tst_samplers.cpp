// The samplers against their closed forms: mean and variance over 10^6 draws (plain random and
// Latin Hypercube strata through the inverse CDF), the engines' reference outputs, the normal
// quantile, and the Marsaglia-Tsang gamma.
#include "analytics/distribution.h"
#include "analytics/random.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace roi;

Q_DECLARE_METATYPE(roi::DistributionSpec)

class TestSamplers : public QObject
{
    Q_OBJECT

private slots:
    void engines();
    void normalQuantile_data();
    void normalQuantile();
    void gammaMoments_data();
    void gammaMoments();
    void moments_data();
    void moments();
    void pertQuantileMatchesDensity();
    void check_data();
    void check();
};

void TestSamplers::engines()
{
    // SplitMix64's first output from state 0 (reference implementation by Vigna).
    QCOMPARE(random::splitMix64(0), 0xe220a8397b1dcdafULL);
    // std::mt19937_64 default seed 5489: the 10000th output is fixed by the C++ standard.
    std::mt19937_64 engine(5489u);
    engine.discard(9999);
    QCOMPARE(engine(), 9981545732273789042ULL);
    // Different streams, different seeds; the same stream, the same seed.
    QVERIFY(random::streamSeed(1, random::kChunkStream, 0)
            != random::streamSeed(1, random::kChunkStream, 1));
    QVERIFY(random::streamSeed(1, random::kChunkStream, 0)
            != random::streamSeed(1, random::kInputStream, 0));
    QCOMPARE(random::streamSeed(7, 1, 3), random::streamSeed(7, 1, 3));
    // uniform() stays inside the open interval and below(n) inside [0, n).
    random::Rng rng(3);
    for (int i = 0; i < 100000; ++i) {
        const double u = rng.uniform();
        QVERIFY(u > 0 && u < 1);
        QVERIFY(rng.below(7) < 7);
    }
}

void TestSamplers::normalQuantile_data()
{
    QTest::addColumn<double>("p");
    QTest::addColumn<double>("z");
    // Standard normal table values.
    QTest::newRow("median") << 0.5 << 0.0;
    QTest::newRow("P90") << 0.9 << 1.2815515655446004;
    QTest::newRow("P97.5") << 0.975 << 1.959963984540054;
    QTest::newRow("P1") << 0.01 << -2.3263478740408408;
    QTest::newRow("1e-10") << 1e-10 << -6.361340902404056;
}

void TestSamplers::normalQuantile()
{
    QFETCH(double, p);
    QFETCH(double, z);
    const double q = stats::normalQuantile(p);
    QVERIFY2(std::abs(q - z) <= 1e-12 * std::max(1.0, std::abs(z)),
             qPrintable(QString::number(q, 'g', 17)));
    QVERIFY(std::abs(stats::normalCdf(q) - p) <= 1e-14 + 1e-12 * p);
}

void TestSamplers::gammaMoments_data()
{
    QTest::addColumn<double>("shape");
    QTest::newRow("shape 0.5 (boost)") << 0.5;
    QTest::newRow("shape 1") << 1.0;
    QTest::newRow("shape 3.7") << 3.7;
}

void TestSamplers::gammaMoments()
{
    // Gamma(k, 1): mean k, variance k.
    QFETCH(double, shape);
    random::Rng rng(11);
    const int n = 1'000'000;
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i) {
        const double x = rng.gamma(shape);
        sum += x;
        sum2 += x * x;
    }
    const double mean = sum / n;
    const double var = sum2 / n - mean * mean;
    // 5 standard errors: sd(mean) = sqrt(k/n); var(sample variance) ~ (m4 - k^2)/n with
    // m4 = 3k^2 + 6k for a gamma.
    QVERIFY2(std::abs(mean - shape) < 5 * std::sqrt(shape / n), qPrintable(QString::number(mean)));
    QVERIFY2(std::abs(var - shape) < 5 * std::sqrt((2 * shape * shape + 6 * shape) / n),
             qPrintable(QString::number(var)));
}

namespace {

DistributionSpec spec(DistributionKind kind, double a, double b, double c = 0)
{
    DistributionSpec s;
    s.kind = kind;
    switch (kind) {
    case DistributionKind::Pert:
    case DistributionKind::Triangular:
        s.min = a;
        s.mode = b;
        s.max = c;
        break;
    case DistributionKind::Uniform:
        s.min = a;
        s.max = b;
        break;
    case DistributionKind::Normal:
        s.mean = a;
        s.sd = b;
        break;
    case DistributionKind::LogNormal:
        s.p10 = a;
        s.p90 = b;
        break;
    }
    return s;
}

} // namespace

void TestSamplers::moments_data()
{
    QTest::addColumn<DistributionSpec>("spec");
    QTest::addColumn<double>("legalMin");
    QTest::addColumn<double>("legalMax");
    QTest::addColumn<double>("mean");
    QTest::addColumn<double>("variance");
    using K = DistributionKind;
    // PERT(2, 5, 12): mean (2 + 20 + 12)/6 = 5.6667; variance (mean-2)(12-mean)/7 = 3.3175.
    QTest::newRow("PERT") << spec(K::Pert, 2, 5, 12) << 0.0 << 100.0 << 34.0 / 6
                          << (34.0 / 6 - 2) * (12 - 34.0 / 6) / 7;
    // PERT with the mode at the minimum (Beta(1, 5)).
    QTest::newRow("PERT skewed") << spec(K::Pert, 0.1, 0.1, 0.5) << 0.0 << 1.0
                                 << (0.1 + 0.4 + 0.5) / 6
                                 << ((1.0 / 6) - 0.1) * (0.5 - 1.0 / 6) / 7;
    // Triangular(1, 3, 10): mean 14/3; variance (1 + 100 + 9 - 10 - 3 - 30)/18 = 67/18.
    QTest::newRow("triangular") << spec(K::Triangular, 1, 3, 10) << 0.0 << 100.0 << 14.0 / 3
                                << 67.0 / 18;
    // Uniform(-2, 6): mean 2, variance 64/12.
    QTest::newRow("uniform") << spec(K::Uniform, -2, 6) << -10.0 << 10.0 << 2.0 << 64.0 / 12;
    // Normal(100, 15) far inside [0, 1e6]: the truncation is invisible.
    QTest::newRow("normal") << spec(K::Normal, 100, 15) << 0.0 << 1e6 << 100.0 << 225.0;
    // Normal(0.3, 0.2) truncated to [0, 1]: alpha = -1.5, beta = 3.5;
    // Z = Phi(3.5) - Phi(-1.5) = 0.9997674 - 0.0668072 = 0.9329602;
    // mean = 0.3 + 0.2 (phi(-1.5) - phi(3.5))/Z = 0.3 + 0.2 (0.1295176 - 0.0008727)/0.9329602
    //      = 0.327578;
    // var = 0.04 (1 + (-1.5 phi(-1.5) - 3.5 phi(3.5))/Z - (0.137889)^2) = 0.030779.
    QTest::newRow("normal truncated")
        << spec(K::Normal, 0.3, 0.2) << 0.0 << 1.0 << 0.327578 << 0.030779;
    // Lognormal with P10 = 2, P90 = 8: mu = ln 4, sigma = ln 2 / 1.2815516 = 0.5408656;
    // mean = 4 exp(sigma^2/2) = 4.630025; var = (exp(sigma^2) - 1) mean^2 = 7.284774.
    QTest::newRow("lognormal") << spec(K::LogNormal, 2, 8) << 0.0 << 1e9 << 4.630025 << 7.284774;
}

void TestSamplers::moments()
{
    QFETCH(DistributionSpec, spec);
    QFETCH(double, legalMin);
    QFETCH(double, legalMax);
    QFETCH(double, mean);
    QFETCH(double, variance);
    QVERIFY(Distribution::check(spec, legalMin, legalMax).empty());
    const Distribution d(spec, legalMin, legalMax);
    // The closed forms the class gives agree with the hand figures.
    QVERIFY2(std::abs(d.mean() - mean) <= 1e-4 * std::max(1.0, std::abs(mean)),
             qPrintable(QString::number(d.mean(), 'g', 10)));
    QVERIFY2(std::abs(d.variance() - variance) <= 1e-4 * std::max(1.0, variance),
             qPrintable(QString::number(d.variance(), 'g', 10)));

    const int n = 1'000'000;
    auto check = [&](const std::vector<double> &x, const char *what) {
        double sum = 0;
        for (double v : x)
            sum += v;
        const double m = sum / n;
        double ss = 0, s4 = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
            s4 += (v - m) * (v - m) * (v - m) * (v - m);
        }
        const double var = ss / (n - 1);
        const double m4 = s4 / n;
        // Five standard errors: of the mean sqrt(var/n), of the variance sqrt((m4 - var^2)/n).
        const double seMean = std::sqrt(d.variance() / n);
        const double seVar = std::sqrt(std::max(m4 - var * var, 0.0) / n);
        QVERIFY2(std::abs(m - d.mean()) <= 5 * seMean, qPrintable(QStringLiteral("%1 mean %2 vs %3")
                                                                      .arg(QLatin1String(what))
                                                                      .arg(m, 0, 'g', 10)
                                                                      .arg(d.mean(), 0, 'g', 10)));
        QVERIFY2(std::abs(var - d.variance()) <= 5 * seVar,
                 qPrintable(QStringLiteral("%1 variance %2 vs %3")
                                .arg(QLatin1String(what))
                                .arg(var, 0, 'g', 10)
                                .arg(d.variance(), 0, 'g', 10)));
        for (double v : x)
            QVERIFY(v >= legalMin && v <= legalMax);
    };
    random::Rng rng(2024);
    std::vector<double> x(n);
    for (double &v : x)
        v = d.sample(rng);
    check(x, "random");
    // One draw in the middle of each of n strata: the inverse CDF's moments.
    for (int i = 0; i < n; ++i)
        x[static_cast<std::size_t>(i)] = d.quantile((i + 0.5) / n);
    check(x, "strata");
}

void TestSamplers::pertQuantileMatchesDensity()
{
    // The tabulated inverse CDF of PERT(0, 3, 10) against the CDF integrated from the density
    // with a fine trapezoid rule.
    DistributionSpec s = spec(DistributionKind::Pert, 0, 3, 10);
    const Distribution d(s, 0, 100);
    const int steps = 200000;
    double cdf = 0;
    double prev = d.density(0);
    double nextCheck = 0.05;
    for (int i = 1; i <= steps; ++i) {
        const double x = 10.0 * i / steps;
        const double f = d.density(x);
        cdf += (prev + f) / 2 * (10.0 / steps);
        prev = f;
        if (cdf >= nextCheck) {
            QVERIFY2(
                std::abs(d.quantile(cdf) - x) < 1e-4,
                qPrintable(QStringLiteral("u=%1: %2 vs %3").arg(cdf).arg(d.quantile(cdf)).arg(x)));
            nextCheck += 0.05;
        }
    }
}

void TestSamplers::check_data()
{
    QTest::addColumn<DistributionSpec>("spec");
    QTest::addColumn<QString>("parameter");
    using K = DistributionKind;
    QTest::newRow("min above max") << spec(K::Pert, 5, 5, 4) << QStringLiteral("min");
    QTest::newRow("mode outside") << spec(K::Triangular, 0.1, 0.9, 0.5) << QStringLiteral("mode");
    QTest::newRow("below the legal min") << spec(K::Uniform, -1, 0.5) << QStringLiteral("min");
    QTest::newRow("above the legal max") << spec(K::Uniform, 0, 1.5) << QStringLiteral("max");
    QTest::newRow("sd zero") << spec(K::Normal, 0.5, 0) << QStringLiteral("sd");
    QTest::newRow("normal far outside") << spec(K::Normal, 50, 0.1) << QStringLiteral("mean");
    QTest::newRow("p90 below p10") << spec(K::LogNormal, 0.5, 0.2) << QStringLiteral("p90");
    QTest::newRow("p10 zero") << spec(K::LogNormal, 0, 0.2) << QStringLiteral("p10");
}

void TestSamplers::check()
{
    // Every bad spec is refused for a share input (legal range [0, 1]), naming the parameter.
    QFETCH(DistributionSpec, spec);
    QFETCH(QString, parameter);
    std::string param;
    const std::string why = Distribution::check(spec, 0, 1, &param);
    QVERIFY(!why.empty());
    QCOMPARE(QString::fromStdString(param), parameter);
}

QTEST_APPLESS_MAIN(TestSamplers)
#include "tst_samplers.moc"
