// What every importer shares while it reads one file: the stats, the refused rows with file,
// line and column, the checks every value passes (finite, non-negative, not absurd), progress
// and cancel, and the sink. Internal to roi_import.
#pragma once

#include "importer.h"
#include "inputstream.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace roi::actuals::detail {

/// Largest token or request count a row may hold (a quadrillion), and the largest amount.
inline constexpr double kMaxCount = 1e15;
inline constexpr double kMaxAmount = 1e12;

class ImportContext
{
public:
    ImportContext(std::string file, const ImportOptions &options, const RecordSink &sink,
                  InputStream &in, ImportStats &stats);

    const std::string &file() const { return m_file; }
    const ImportOptions &options() const { return m_options; }
    InputStream &input() { return m_in; }
    ImportStats &stats() { return m_stats; }

    /// A data row was seen: counts it and now and then reports progress. False: cancelled.
    bool rowRead();
    /// The row is malformed: counted and (for the first kMaxIssues) kept with where it is.
    void refuse(std::uint64_t line, std::uint32_t column, std::string message);
    /// The row is well formed but not usage (tax, credit, ...).
    void skip() { ++m_stats.rowsSkipped; }
    /// The record passed every check: counted, its day widens the range, and it goes to the sink.
    void use(const UsageRecord &record);
    bool cancelled() const { return m_cancelled; }
    /// Reports the final progress (done == total).
    void finish();

private:
    std::string m_file;
    const ImportOptions &m_options;
    const RecordSink &m_sink;
    InputStream &m_in;
    ImportStats &m_stats;
    bool m_cancelled = false;
};

/// The text in double quotes, cut at 40 bytes, for messages.
std::string quoted(std::string_view text);

/// A count (tokens, requests): empty text is 0; else a number in [0, kMaxCount]. Returns the
/// problem, or nullopt when `out` is set.
std::optional<std::string> readCount(std::string_view text, double &out);
/// The same for a value already parsed (JSON numbers).
std::optional<std::string> checkCount(double value);
/// An amount of money: empty text is "no amount" (has = false); else finite, in
/// [-kMaxAmount, kMaxAmount].
std::optional<std::string> readAmount(std::string_view text, double &out, bool &has);
std::optional<std::string> checkAmount(double value);

/// "k=v;k=v" or a JSON object of strings/numbers into tags; false if neither.
bool parseTags(std::string_view text, std::vector<std::pair<std::string, std::string>> &tags);

/// A JSON object's members as text pairs (strings as they are, numbers and booleans printed,
/// nested values as JSON, nulls left out), appended to `out`; false if `text` is not a JSON
/// object. Flat objects of strings (FOCUS Tags, SkuPriceDetails) take a fast path.
bool readJsonObject(std::string_view text, std::vector<std::pair<std::string, std::string>> &out);

/// Sets the attribution keys a tag names (feature, team, customer, project, user and a few
/// spellings of them) when they are still empty.
void keysFromTags(AttributionKeys &keys);

} // namespace roi::actuals::detail
