// Correlation maths: the Jacobi eigen-solver, the nearest correlation matrix, Spearman with
// ties, and Iman-Conover reaching its target rank correlations.
#include "analytics/correlation.h"
#include "analytics/distribution.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace roi;
using correlation::Matrix;

namespace {

Matrix make(int n, std::initializer_list<double> values)
{
    Matrix m(n);
    std::copy(values.begin(), values.end(), m.a.begin());
    return m;
}

} // namespace

class TestCorrelation : public QObject
{
    Q_OBJECT

private slots:
    void eigen();
    void validMatrixUnchanged();
    void highamExample();
    void repairedIsPsd();
    void spearmanTies();
    void imanConover();
};

void TestCorrelation::eigen()
{
    // [[2, 1], [1, 2]]: eigenvalues 1 and 3, eigenvectors (1, -1)/sqrt2 and (1, 1)/sqrt2.
    const auto e = correlation::symmetricEigen(make(2, {2, 1, 1, 2}));
    QVERIFY(std::abs(e.values[0] - 1) < 1e-12);
    QVERIFY(std::abs(e.values[1] - 3) < 1e-12);
    QVERIFY(std::abs(std::abs(e.vectors(0, 1)) - std::sqrt(0.5)) < 1e-12);
    // A 4x4 with known eigenvalues: diag(1, 2, 3, 4) rotated stays 1..4 (trace and spectrum).
    const auto d =
        correlation::symmetricEigen(make(4, {4, 1, 0, 0, 1, 4, 1, 0, 0, 1, 4, 1, 0, 0, 1, 4}));
    // Tridiagonal Toeplitz: 4 + 2 cos(k pi / 5), k = 1..4.
    std::vector<double> expected;
    for (int k = 1; k <= 4; ++k)
        expected.push_back(4 + 2 * std::cos(k * M_PI / 5));
    std::sort(expected.begin(), expected.end());
    for (int i = 0; i < 4; ++i)
        QVERIFY(
            std::abs(d.values[static_cast<std::size_t>(i)] - expected[static_cast<std::size_t>(i)])
            < 1e-12);
}

void TestCorrelation::validMatrixUnchanged()
{
    const Matrix m = make(3, {1, 0.5, 0.2, 0.5, 1, 0.3, 0.2, 0.3, 1});
    const auto r = correlation::nearestCorrelation(m);
    QVERIFY(!r.repaired);
    QCOMPARE(r.matrix, m);
    QCOMPARE(r.distance, 0.0);
}

void TestCorrelation::highamExample()
{
    // Higham (2002), section 4: the nearest correlation matrix to [[1,1,0],[1,1,1],[0,1,1]] is
    // [[1, 0.7607, 0.1573], [0.7607, 1, 0.7607], [0.1573, 0.7607, 1]], at distance 0.5278.
    const auto r = correlation::nearestCorrelation(make(3, {1, 1, 0, 1, 1, 1, 0, 1, 1}));
    QVERIFY(r.repaired);
    QVERIFY(std::abs(r.matrix(0, 1) - 0.7607) < 1e-4);
    QVERIFY(std::abs(r.matrix(0, 2) - 0.1573) < 1e-4);
    QVERIFY(std::abs(r.matrix(1, 2) - 0.7607) < 1e-4);
    QVERIFY(std::abs(r.distance - 0.5278) < 1e-4);
    QVERIFY(r.minEigenvalue < 0);
}

void TestCorrelation::repairedIsPsd()
{
    // Three inputs that cannot all be that (anti-)correlated at once: a, b and c with a~b 0.9,
    // a~c 0.9 but b~c -0.9. Smallest eigenvalue of the request: negative.
    const Matrix m = make(3, {1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1});
    QVERIFY(correlation::smallestEigenvalue(m) < 0);
    const auto r = correlation::nearestCorrelation(m);
    QVERIFY(r.repaired);
    QVERIFY(r.distance > 0);
    QVERIFY(correlation::smallestEigenvalue(r.matrix) > -1e-12);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(r.matrix(i, i), 1.0);
    Matrix lower;
    QVERIFY(correlation::cholesky(r.matrix, lower));
    QCOMPARE(correlation::frobeniusDistance(r.matrix, m), r.distance);
}

void TestCorrelation::spearmanTies()
{
    // Ranks with a tie: 10, 20, 20, 30 -> 1, 2.5, 2.5, 4.
    const std::vector<double> x = {10, 20, 20, 30};
    const auto r = correlation::ranks(x);
    QCOMPARE(r, (std::vector<double>{1, 2.5, 2.5, 4}));
    // A monotone transform has rank correlation 1; the reverse -1.
    const std::vector<double> a = {1, 2, 3, 4, 5};
    const std::vector<double> b = {1, 8, 27, 64, 125};
    const std::vector<double> c = {5, 4, 3, 2, 1};
    QCOMPARE(correlation::spearman(a, b), 1.0);
    QCOMPARE(correlation::spearman(a, c), -1.0);
}

void TestCorrelation::imanConover()
{
    // 10,000 independent draws of three inputs (PERT, uniform, lognormal); target rank
    // correlations 0.7, -0.4 and 0.2 are reached within 0.02; each column keeps its values.
    const int n = 10'000;
    DistributionSpec p;
    p.kind = DistributionKind::Pert;
    p.min = 0;
    p.mode = 3;
    p.max = 10;
    DistributionSpec u;
    u.kind = DistributionKind::Uniform;
    u.min = -1;
    u.max = 1;
    DistributionSpec l;
    l.kind = DistributionKind::LogNormal;
    l.p10 = 1;
    l.p90 = 5;
    const Distribution ds[] = {{p, 0, 100}, {u, -1, 1}, {l, 0, 1e9}};
    random::Rng rng(5);
    std::vector<std::vector<double>> cols(3, std::vector<double>(n));
    for (int j = 0; j < 3; ++j)
        for (double &v : cols[static_cast<std::size_t>(j)])
            v = ds[j].sample(rng);
    auto before = cols;
    const Matrix target = make(3, {1, 0.7, -0.4, 0.7, 1, 0.2, -0.4, 0.2, 1});
    random::Rng icRng(9);
    correlation::imanConover(cols, target, icRng);
    for (int i = 0; i < 3; ++i)
        for (int j = i + 1; j < 3; ++j) {
            const double rho = correlation::spearman(cols[static_cast<std::size_t>(i)],
                                                     cols[static_cast<std::size_t>(j)]);
            QVERIFY2(std::abs(rho - target(i, j)) < 0.02,
                     qPrintable(QStringLiteral("%1,%2: %3").arg(i).arg(j).arg(rho)));
        }
    for (int j = 0; j < 3; ++j) {
        auto a = before[static_cast<std::size_t>(j)];
        auto b = cols[static_cast<std::size_t>(j)];
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        QCOMPARE(a, b);
    }
}

QTEST_APPLESS_MAIN(TestCorrelation)
#include "tst_correlation.moc"
