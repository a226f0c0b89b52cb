// The radix sorts of the Monte Carlo summary (analytics/radixsort.h) against std::sort: the same
// values in the same order, and for indices the order of sorting (value, index) pairs, on data
// with ties, both zeros, infinities, subnormals and every sign, below and above the size where
// the radix sort takes over (256).
#include "analytics/radixsort.h"

#include <QTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

using namespace roi;

Q_DECLARE_METATYPE(std::vector<double>)

namespace {

/// n values of the given kind from a fixed seed.
std::vector<double> data(const QString &kind, std::size_t n)
{
    std::mt19937_64 rng(42);
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t r = rng();
        if (kind == QLatin1String("bits")) { // any finite bit pattern, subnormals included
            double x = std::bit_cast<double>(r);
            v[i] = std::isfinite(x) ? x : static_cast<double>(r % 1000) - 500.0;
        } else if (kind == QLatin1String("ties")) { // few distinct values, ±0 and ±inf among them
            constexpr double inf = std::numeric_limits<double>::infinity();
            const double pool[] = {-inf, -2.5, -0.0, 0.0, 1e-310, 3.0, 3.0, inf};
            v[i] = pool[r % 8];
        } else { // money-like amounts of both signs
            v[i] = std::round(std::ldexp(static_cast<double>(r >> 11), -40) * 100.0) / 100.0
                   * ((r & 1) ? -1.0 : 1.0);
        }
    }
    return v;
}

} // namespace

class TestRadixSort : public QObject
{
    Q_OBJECT

private slots:
    void sortsAsStdSort_data();
    void sortsAsStdSort();
    void indicesAsPairSort_data();
    void indicesAsPairSort();
};

void TestRadixSort::sortsAsStdSort_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("n");
    for (const QString &kind :
         {QStringLiteral("bits"), QStringLiteral("ties"), QStringLiteral("money")}) {
        for (int n : {0, 1, 200, 257, 10'000})
            QTest::newRow(qPrintable(kind + QLatin1Char(' ') + QString::number(n))) << kind << n;
    }
}

void TestRadixSort::sortsAsStdSort()
{
    QFETCH(QString, kind);
    QFETCH(int, n);
    std::vector<double> got = data(kind, static_cast<std::size_t>(n));
    std::vector<double> expected = got;
    std::sort(expected.begin(), expected.end());
    radix::sortDoubles(got);
    QCOMPARE(got.size(), expected.size());
    // Equal as values in the same order; −0 and +0 (equal) may come either way round in both:
    // compare the values, and the bits where no zero is involved.
    for (std::size_t i = 0; i < got.size(); ++i) {
        QCOMPARE(got[i], expected[i]);
        if (got[i] != 0)
            QCOMPARE(std::bit_cast<std::uint64_t>(got[i]),
                     std::bit_cast<std::uint64_t>(expected[i]));
    }
}

void TestRadixSort::indicesAsPairSort_data()
{
    sortsAsStdSort_data();
}

void TestRadixSort::indicesAsPairSort()
{
    QFETCH(QString, kind);
    QFETCH(int, n);
    const std::vector<double> x = data(kind, static_cast<std::size_t>(n));
    std::vector<std::uint32_t> expected(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        expected[i] = static_cast<std::uint32_t>(i);
    std::sort(expected.begin(), expected.end(), [&](std::uint32_t a, std::uint32_t b) {
        return x[a] < x[b] || (x[a] == x[b] && a < b);
    });
    std::vector<std::uint32_t> got;
    radix::sortedIndices(x, got);
    QCOMPARE(got, expected);
}

QTEST_APPLESS_MAIN(TestRadixSort)
#include "tst_radixsort.moc"
