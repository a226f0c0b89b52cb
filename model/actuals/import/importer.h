// Reading usage and cost exports (library roi_import: plain C++, streaming, no Qt): detects the
// format, parses the file in constant memory and hands every usage row to a sink as one
// normalised UsageRecord. Malformed rows are refused with file, line and column and counted,
// never dropped silently. The caller (an import into the workbook) decides what to keep: an
// import that fails or is cancelled must change nothing, so callers collect before they apply.
#pragma once

#include "../columnmapping.h"
#include "../usagerecord.h"

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roi::actuals {

enum class SourceFormat {
    Auto,
    Focus,          // FOCUS 1.0-1.4 CSV (or .csv.gz)
    OpenAiUsage,    // Usage API JSON (completions buckets) or the dashboard's usage CSV
    OpenAiCosts,    // Costs API JSON (amounts in dollars)
    AnthropicUsage, // usage report JSON (uncached_input_tokens exclude cache reads and writes)
    AnthropicCosts, // cost report JSON (amount: decimal string in cents)
    LiteLlm,        // LiteLLM_SpendLogs export, CSV or JSON
    MappedCsv       // any CSV through a ColumnMapping
};

/// "focus", "openai-usage", "openai-costs", "anthropic-usage", "anthropic-costs", "litellm", "csv".
std::string_view formatName(SourceFormat format);
/// Display label, e.g. "FOCUS 1.2 (CSV)".
std::string_view formatLabel(SourceFormat format);
/// Parses a name as above; also "openai" and "anthropic" (the kind is then detected). nullopt if
/// unknown.
std::optional<SourceFormat> formatFromName(std::string_view name);

/// One refused row (or a file-level problem when line == 0).
struct ImportIssue
{
    std::string file;
    std::uint64_t line = 0;   // 1-based physical line in the (decompressed) text; 0 = whole file
    std::uint32_t column = 0; // 1-based column (CSV field index, or character in a JSON line)
    std::string message;
};

struct ImportStats
{
    SourceFormat format = SourceFormat::Auto; // what was detected or used
    std::string formatDetail;                 // e.g. "FOCUS 1.3", "OpenAI usage CSV"
    std::uint64_t rowsRead = 0;               // data rows seen
    std::uint64_t rowsUsed = 0;               // handed to the sink
    std::uint64_t rowsRefused = 0;            // malformed: see issues
    std::uint64_t rowsSkipped = 0; // well-formed but not usage (tax, credit, adjustment rows)
    Date firstDay;                 // of the used rows
    Date lastDay;
    std::vector<ImportIssue> issues; // the first kMaxIssues refused rows; rowsRefused counts all
};

inline constexpr std::size_t kMaxIssues = 200;

struct ImportOptions
{
    SourceFormat format = SourceFormat::Auto;
    std::optional<ColumnMapping> mapping; // required for MappedCsv
    /// Called now and then with bytes consumed so far and the total (0 if unknown); return false
    /// to cancel. May be empty.
    std::function<bool(std::uint64_t done, std::uint64_t total)> progress;
};

struct ImportResult
{
    bool ok = false;        // false: the file could not be read as the format (see error)
    bool cancelled = false; // progress returned false
    std::string error;      // a file-level message, e.g. unknown format listing the known ones
    ImportStats stats;
};

using RecordSink = std::function<void(const UsageRecord &)>;

/// Guesses the format from the first bytes of the (decompressed) file and its name; Auto if
/// none fits.
SourceFormat detectFormat(std::string_view head, std::string_view fileName);

/// Imports a file on disk (plain or gzip-compressed, detected by its magic bytes).
ImportResult importFile(const std::string &path, const ImportOptions &options,
                        const RecordSink &sink);

/// Imports from a stream; `name` is used in messages and for detection. For tests and fuzzing.
ImportResult importStream(std::istream &in, std::string_view name, const ImportOptions &options,
                          const RecordSink &sink);
/// The same, with the stream's size in bytes for progress (0 if unknown).
ImportResult importStreamSized(std::istream &in, std::string_view name, std::uint64_t totalBytes,
                               const ImportOptions &options, const RecordSink &sink);

} // namespace roi::actuals
