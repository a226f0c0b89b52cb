// Snapshots of an approved business case: the monthly forecast of one scenario frozen at a date,
// by someone, under a label, so that later edits of the assumptions never rewrite what actuals
// are compared against. A plain value stored in the workbook (format version 3).
#pragma once

#include "../calendar.h"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace roi {

class CaseResult;
struct Results;
struct Workbook;

/// The monthly series a snapshot keeps per use case.
enum class SnapshotRow {
    Units,     // eligible units of work (volume)
    Handled,   // units handled by the AI
    Calls,     // model calls (requests)
    Outcomes,  // outcomes delivered
    TokenCost, // cost of the token layers
    Cost,      // all layers (TCO)
    Benefit,   // headline benefit
    Net,       // benefit − cost
    Count
};
inline constexpr int kSnapshotRowCount = static_cast<int>(SnapshotRow::Count);
/// The JSON key of each row, e.g. "tokenCost".
std::string_view snapshotRowKey(SnapshotRow row);

/// One cost layer's monthly cost as it was forecast.
struct SnapshotLayer
{
    std::string name;
    std::vector<double> cost; // one per month

    friend bool operator==(const SnapshotLayer &, const SnapshotLayer &) = default;
};

/// One use case's frozen forecast.
struct SnapshotCase
{
    std::string name;
    std::array<std::vector<double>, kSnapshotRowCount> rows; // one value per month each
    std::vector<SnapshotLayer> layers;

    const std::vector<double> &row(SnapshotRow r) const
    {
        return rows[static_cast<std::size_t>(r)];
    }
    std::vector<double> &row(SnapshotRow r) { return rows[static_cast<std::size_t>(r)]; }
    double total(SnapshotRow r) const;

    friend bool operator==(const SnapshotCase &, const SnapshotCase &) = default;
};

struct Snapshot
{
    std::string label;    // e.g. "Approved by the board, Q3"
    std::string scenario; // the scenario frozen, e.g. "Base"
    std::string takenBy;
    Date takenOn;
    std::string currency;
    YearMonth startMonth; // month 1 of every series
    int months = 0;
    std::vector<SnapshotCase> useCases;

    /// The index of a use case by name, -1 when the snapshot has none of that name.
    int findUseCase(std::string_view name) const;
    /// The sum of every use case (layers not kept).
    SnapshotCase portfolio() const;
    /// The value of `row` of `useCase` (-1: the portfolio) in a calendar month; 0 outside.
    double valueIn(int useCase, SnapshotRow row, YearMonth month) const;

    friend bool operator==(const Snapshot &, const Snapshot &) = default;
};

/// Freezes scenario `scenario` (index into results.scenarios) of the computed workbook.
Snapshot takeSnapshot(const Workbook &workbook, const Results &results, int scenario,
                      std::string label, std::string takenBy, Date takenOn);

/// How one use case (or the portfolio, name "Portfolio") differs between two snapshots, in
/// totals over each snapshot's horizon: b − a.
struct SnapshotDifference
{
    std::string useCase;
    bool inA = false;
    bool inB = false;
    std::array<double, kSnapshotRowCount> totalA{};
    std::array<double, kSnapshotRowCount> totalB{};
};
/// Every use case of either snapshot in the order of `a` then the new ones of `b`, then the
/// portfolio.
std::vector<SnapshotDifference> compareSnapshots(const Snapshot &a, const Snapshot &b);

} // namespace roi
