#include "correlation.h"

#include "distribution.h"
#include "radixsort.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <utility>

namespace roi::correlation {

Matrix Matrix::identity(int size)
{
    Matrix m(size);
    for (int i = 0; i < size; ++i)
        m(i, i) = 1;
    return m;
}

Eigen symmetricEigen(const Matrix &input)
{
    const int n = input.n;
    Matrix a = input;
    Matrix v = Matrix::identity(n);
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0;
        for (int i = 0; i < n; ++i)
            for (int j = i + 1; j < n; ++j)
                off += a(i, j) * a(i, j);
        if (off < 1e-30)
            break;
        for (int p = 0; p < n; ++p) {
            for (int q = p + 1; q < n; ++q) {
                const double apq = a(p, q);
                if (std::abs(apq) < 1e-300)
                    continue;
                const double theta = (a(q, q) - a(p, p)) / (2 * apq);
                const double t =
                    (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1));
                const double c = 1 / std::sqrt(t * t + 1);
                const double s = t * c;
                for (int k = 0; k < n; ++k) {
                    const double akp = a(k, p);
                    const double akq = a(k, q);
                    a(k, p) = c * akp - s * akq;
                    a(k, q) = s * akp + c * akq;
                }
                for (int k = 0; k < n; ++k) {
                    const double apk = a(p, k);
                    const double aqk = a(q, k);
                    a(p, k) = c * apk - s * aqk;
                    a(q, k) = s * apk + c * aqk;
                }
                for (int k = 0; k < n; ++k) {
                    const double vkp = v(k, p);
                    const double vkq = v(k, q);
                    v(k, p) = c * vkp - s * vkq;
                    v(k, q) = s * vkp + c * vkq;
                }
            }
        }
    }
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int x, int y) { return a(x, x) < a(y, y); });
    Eigen e;
    e.values.resize(static_cast<std::size_t>(n));
    e.vectors = Matrix(n);
    for (int c = 0; c < n; ++c) {
        const int src = order[static_cast<std::size_t>(c)];
        e.values[static_cast<std::size_t>(c)] = a(src, src);
        for (int r = 0; r < n; ++r)
            e.vectors(r, c) = v(r, src);
    }
    return e;
}

double smallestEigenvalue(const Matrix &m)
{
    if (m.n == 0)
        return 1;
    return symmetricEigen(m).values.front();
}

double frobeniusDistance(const Matrix &a, const Matrix &b)
{
    double sum = 0;
    for (std::size_t i = 0; i < a.a.size(); ++i)
        sum += (a.a[i] - b.a[i]) * (a.a[i] - b.a[i]);
    return std::sqrt(sum);
}

namespace {

// Projection onto the positive semi-definite cone (eigenvalues below `floor` raised to it).
Matrix projectPsd(const Matrix &m, double floor)
{
    const Eigen e = symmetricEigen(m);
    const int n = m.n;
    Matrix out(n);
    for (int k = 0; k < n; ++k) {
        const double lambda = std::max(e.values[static_cast<std::size_t>(k)], floor);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                out(i, j) += lambda * e.vectors(i, k) * e.vectors(j, k);
    }
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j)
            out(i, j) = out(j, i) = (out(i, j) + out(j, i)) / 2;
    return out;
}

} // namespace

Repair nearestCorrelation(const Matrix &m, double floor)
{
    Repair r;
    r.minEigenvalue = smallestEigenvalue(m);
    if (r.minEigenvalue >= floor) {
        r.matrix = m;
        return r;
    }
    r.repaired = true;
    const int n = m.n;
    Matrix y = m;
    Matrix ds(n); // Dykstra's correction
    for (r.iterations = 1; r.iterations <= 1000; ++r.iterations) {
        Matrix rr = y;
        for (std::size_t i = 0; i < rr.a.size(); ++i)
            rr.a[i] -= ds.a[i];
        Matrix x = projectPsd(rr, 0);
        for (std::size_t i = 0; i < rr.a.size(); ++i)
            ds.a[i] = x.a[i] - rr.a[i];
        Matrix next = x;
        for (int i = 0; i < n; ++i)
            next(i, i) = 1;
        const double change = frobeniusDistance(next, y);
        y = std::move(next);
        if (change < 1e-12)
            break;
    }
    // Raise the smallest eigenvalues to the floor and restore the unit diagonal, so that the
    // result factorises; the move this adds is of the order of the floor.
    Matrix psd = projectPsd(y, floor);
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j) {
            if (i != j)
                psd(i, j) /= std::sqrt(psd(i, i) * psd(j, j));
        }
    }
    for (int i = 0; i < n; ++i)
        psd(i, i) = 1;
    r.matrix = std::move(psd);
    r.distance = frobeniusDistance(r.matrix, m);
    return r;
}

bool cholesky(const Matrix &m, Matrix &lower)
{
    const int n = m.n;
    lower = Matrix(n);
    for (int j = 0; j < n; ++j) {
        double d = m(j, j);
        for (int k = 0; k < j; ++k)
            d -= lower(j, k) * lower(j, k);
        if (!(d > 0))
            return false;
        lower(j, j) = std::sqrt(d);
        for (int i = j + 1; i < n; ++i) {
            double s = m(i, j);
            for (int k = 0; k < j; ++k)
                s -= lower(i, k) * lower(j, k);
            lower(i, j) = s / lower(j, j);
        }
    }
    return true;
}

std::vector<double> ranks(std::span<const double> x)
{
    // Indices by value, then index (a radix sort: this ranks 100,000 trials per input).
    std::vector<std::uint32_t> order;
    radix::sortedIndices(x, order);
    return ranksInOrder(x, order);
}

std::vector<double> ranksInOrder(std::span<const double> x, std::span<const std::uint32_t> order)
{
    const std::size_t n = x.size();
    std::vector<double> r(n);
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && x[order[j]] == x[order[i]])
            ++j;
        const double avg = (static_cast<double>(i + j - 1)) / 2 + 1;
        for (std::size_t k = i; k < j; ++k)
            r[order[k]] = avg;
        i = j;
    }
    return r;
}

double pearson(std::span<const double> x, std::span<const double> y)
{
    const std::size_t n = x.size();
    if (n < 2)
        return 0;
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < n; ++i) {
        mx += x[i];
        my += y[i];
    }
    mx /= static_cast<double>(n);
    my /= static_cast<double>(n);
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (!(sxx > 0) || !(syy > 0))
        return 0;
    return sxy / std::sqrt(sxx * syy);
}

double spearman(std::span<const double> x, std::span<const double> y)
{
    const std::vector<double> rx = ranks(x);
    const std::vector<double> ry = ranks(y);
    return pearson(rx, ry);
}

void imanConover(std::vector<std::vector<double>> &columns, const Matrix &target, random::Rng &rng)
{
    const int k = static_cast<int>(columns.size());
    if (k < 2)
        return;
    const std::size_t n = columns.front().size();
    if (n < 2)
        return;
    // Van der Waerden scores, shuffled independently per column.
    std::vector<double> scores(n);
    for (std::size_t i = 0; i < n; ++i)
        scores[i] = stats::normalQuantile(static_cast<double>(i + 1) / static_cast<double>(n + 1));
    std::vector<std::vector<double>> s(static_cast<std::size_t>(k), scores);
    for (auto &col : s) {
        for (std::size_t i = n - 1; i > 0; --i)
            std::swap(col[i], col[rng.below(i + 1)]);
    }
    // E = corr(S); T = S (F^-1)^T C^T with F = chol(E), C = chol(target).
    Matrix e(k);
    for (int i = 0; i < k; ++i) {
        e(i, i) = 1;
        for (int j = i + 1; j < k; ++j)
            e(i, j) = e(j, i) =
                pearson(s[static_cast<std::size_t>(i)], s[static_cast<std::size_t>(j)]);
    }
    // Normal scores with Pearson correlation r have rank correlation (6/pi) asin(r/2): aim the
    // scores at r = 2 sin(pi rho / 6) so that the ranks land on rho.
    Matrix normalTarget = target;
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j)
            if (i != j)
                normalTarget(i, j) = 2 * std::sin(std::numbers::pi * target(i, j) / 6);
    if (smallestEigenvalue(normalTarget) < 1e-10)
        normalTarget = nearestCorrelation(normalTarget).matrix;
    Matrix f, c;
    if (!cholesky(e, f) || !cholesky(normalTarget, c))
        return;
    // M = C F^-1 (lower triangular): solve M F = C row by row.
    Matrix finv(k);
    for (int col = 0; col < k; ++col) {
        for (int i = 0; i < k; ++i) {
            double v = (i == col) ? 1.0 : 0.0;
            for (int j = 0; j < i; ++j)
                v -= f(i, j) * finv(j, col);
            finv(i, col) = v / f(i, i);
        }
    }
    Matrix m(k);
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            double v = 0;
            for (int l = 0; l < k; ++l)
                v += c(i, l) * finv(l, j);
            m(i, j) = v;
        }
    std::vector<double> t(n);
    std::vector<double> sorted;
    std::vector<std::size_t> order(n);
    for (int col = 0; col < k; ++col) {
        for (std::size_t r = 0; r < n; ++r) {
            double v = 0;
            for (int l = 0; l <= col; ++l)
                v += m(col, l) * s[static_cast<std::size_t>(l)][r];
            t[r] = v;
        }
        // Row r gets the value of the column whose rank matches t[r]'s rank.
        std::iota(order.begin(), order.end(), std::size_t(0));
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return t[a] < t[b] || (t[a] == t[b] && a < b);
        });
        sorted = columns[static_cast<std::size_t>(col)];
        std::sort(sorted.begin(), sorted.end());
        auto &out = columns[static_cast<std::size_t>(col)];
        for (std::size_t r = 0; r < n; ++r)
            out[order[r]] = sorted[r];
    }
}

} // namespace roi::correlation
