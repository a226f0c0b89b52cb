// The .roiwb file format (JSON, see README "File format"): writing, reading and validation.
// Reading runs in two stages, parse then convert-and-validate; errors are values that name the
// JSON path and the rule (`/useCases/0/costLayers/2/inputTokens: must be >= 0`). Nothing here
// touches the file system: callers pass bytes in and take bytes out.
#pragma once

#include "enums.h"
#include "workbook.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roi {

inline constexpr std::string_view kFormatTag = "roi-workbench";
inline constexpr int kFormatVersion = 4; // 2: cashable value, levers, uncertainty; 3: actuals,
                                         // snapshots of approved cases, warehouse connection;
                                         // 4: plan-vs-actual settings, the analysis scenario,
                                         // revenue per customer, weekly actuals
/// The price book on its own (the default one that ships with the application).
inline constexpr std::string_view kPriceBookFormatTag = "roi-workbench-pricebook";
inline constexpr int kPriceBookFormatVersion = 1;

/// Limits the reader enforces (and the writer, so that every saved file opens again); documented
/// in the README. String lengths count characters (Unicode code points), not bytes.
namespace limits {
inline constexpr std::size_t kMaxFileBytes = 16 * 1024 * 1024;
inline constexpr int kMaxDepth = 32;
inline constexpr std::size_t kMaxString = 10'000;        // descriptions, notes, sources
inline constexpr std::size_t kMaxName = 200;             // names, model names, metrics, references
inline constexpr std::size_t kMaxUnit = 100;             // unit of work, scorecard unit
inline constexpr std::size_t kMaxInputName = 400;        // the named input of an adjustment
inline constexpr std::size_t kMaxLogo = 4 * 1024 * 1024; // base64 characters
inline constexpr std::size_t kMaxUseCases = 1000;
inline constexpr std::size_t kMaxLayers = 200;  // per use case
inline constexpr std::size_t kMaxDrivers = 200; // per use case
inline constexpr std::size_t kMaxPrices = 1000;
inline constexpr std::size_t kMaxScenarios = 100;
inline constexpr std::size_t kMaxAdjustments = 1000; // per scenario
inline constexpr std::size_t kMaxScorecard = 100;    // per use case
inline constexpr double kMaxAdjustmentValue = 1e15;  // |value| of an adjustment
/// Monthly series the engine keeps: per scenario, 23 for each use case (and the portfolio), one
/// per cost layer and two per value driver. Bounds the memory and time of one compute (under
/// 100 MB at 120 months) whatever the other limits allow together.
inline constexpr std::size_t kMaxSeries = 100'000;
inline constexpr std::size_t kMaxDiagnostics = 200;
} // namespace limits

/// A problem found in a file: an error refuses the file, a warning was recovered from.
struct Diagnostic
{
    Severity severity = Severity::Error;
    std::string path; // JSON pointer, e.g. "/useCases/0/name"; "" for the whole file
    std::string message;

    /// "path: message", the form the command line and the window show.
    std::string toString() const;
    friend bool operator==(const Diagnostic &, const Diagnostic &) = default;
};

struct LoadResult
{
    std::optional<Workbook> workbook; // set when there is no error
    std::vector<Diagnostic> diagnostics;
    /// What a migration from an older format version changed, in words (not a problem: the
    /// figures are kept; the window and command line show these as notes).
    std::vector<std::string> notices;

    bool ok() const { return workbook.has_value(); }
    std::vector<Diagnostic> errors() const;
};

/// Parses and validates the bytes of a .roiwb file. Never throws.
LoadResult readWorkbook(std::string_view bytes);

struct SaveResult
{
    std::string text; // the file contents, empty when there are errors
    std::vector<Diagnostic> errors;

    bool ok() const { return errors.empty(); }
};

struct PriceBookResult
{
    std::optional<std::vector<PriceEntry>> prices; // set when there is no error
    std::vector<Diagnostic> diagnostics;

    bool ok() const { return prices.has_value(); }
};

/// Parses and validates a price book file, with the limits and rules of a workbook's
/// "priceBook". Never throws.
PriceBookResult readPriceBook(std::string_view bytes);

/// The price book file for `prices` (which should be valid: see validateWorkbook).
std::string writePriceBook(const std::vector<PriceEntry> &prices);

/// Serialises a workbook. Refuses (with errors, and no text) a workbook that would not read back,
/// e.g. with NaN or infinite values, out-of-range inputs or duplicate names.
SaveResult writeWorkbook(const Workbook &workbook);

/// Every problem of an in-memory workbook, with the JSON path it would have in a file.
std::vector<Diagnostic> validateWorkbook(const Workbook &workbook);

/// The monthly series compute() keeps for the workbook (see limits::kMaxSeries).
std::size_t seriesCount(const Workbook &workbook);

} // namespace roi
