// Correlation maths for the Monte Carlo engine: a small symmetric eigen-solver (cyclic Jacobi),
// the nearest correlation matrix (Higham's alternating projections), Cholesky, ranks and
// Spearman's coefficient, and the Iman-Conover method that imposes rank correlations on
// independently sampled columns without changing their values.
#pragma once

#include "random.h"

#include <cstdint>
#include <span>
#include <vector>

namespace roi::correlation {

/// A dense n x n matrix, row-major.
struct Matrix
{
    int n = 0;
    std::vector<double> a;

    Matrix() = default;
    explicit Matrix(int size)
        : n(size)
        , a(static_cast<std::size_t>(size) * size, 0.0)
    {}
    static Matrix identity(int size);
    double &operator()(int i, int j) { return a[static_cast<std::size_t>(i) * n + j]; }
    double operator()(int i, int j) const { return a[static_cast<std::size_t>(i) * n + j]; }
    friend bool operator==(const Matrix &, const Matrix &) = default;
};

struct Eigen
{
    std::vector<double> values; // ascending
    Matrix vectors;             // column i is the eigenvector of values[i]
};

/// Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations.
Eigen symmetricEigen(const Matrix &m);
double smallestEigenvalue(const Matrix &m);
double frobeniusDistance(const Matrix &a, const Matrix &b);

struct Repair
{
    Matrix matrix;            // the matrix used: the input when it was valid, else the repair
    bool repaired = false;    // the input was not positive semi-definite
    double distance = 0;      // Frobenius distance between input and the matrix used
    double minEigenvalue = 0; // of the input
    int iterations = 0;
};

/// The nearest correlation matrix (unit diagonal, positive semi-definite) in the Frobenius norm,
/// by Higham's (2002) alternating projections with Dykstra's correction. A valid matrix comes
/// back unchanged. Eigenvalues of the result are at least `floor` so that Cholesky succeeds.
Repair nearestCorrelation(const Matrix &m, double floor = 1e-10);

/// Lower-triangular L with L L^T = m; false when m is not positive definite.
bool cholesky(const Matrix &m, Matrix &lower);

/// Ranks 1..n (ties get their average rank).
std::vector<double> ranks(std::span<const double> x);
/// The same ranks from `order`, the indices of x in ascending order of value (for callers that
/// already know it, such as the Latin Hypercube's strata).
std::vector<double> ranksInOrder(std::span<const double> x, std::span<const std::uint32_t> order);
/// Spearman's rank correlation; 0 when either side is constant.
double spearman(std::span<const double> x, std::span<const double> y);
double pearson(std::span<const double> x, std::span<const double> y);

/// Reorders each column so that the rank correlations approach `target` (which must be a valid
/// correlation matrix, size = columns.size()). Values of each column are kept, only their order
/// changes. Columns all have the same length n >= 2.
void imanConover(std::vector<std::vector<double>> &columns, const Matrix &target, random::Rng &rng);

} // namespace roi::correlation
