// Streams the records of a large JSON export without a DOM of the whole file: nlohmann_json's
// SAX parser reads the input (plain or gzip) and only one record at a time is built as a small
// DOM and handed to a callback with the line and column it starts on. Which values are records:
//   Pages:   the elements of "data" in a page object {"data": [...], "has_more": ...}, or in each
//            page of a top-level array of pages (the API's paginated responses saved together)
//   Records: the elements of a top-level array, or of "data" / "logs" in a top-level object
// JSON Lines (.jsonl / .ndjson: one JSON object a line, found by its first line being a whole
// object) are read one line at a time: a line is a record, or a page whose "data" (Records:
// also "logs") elements are records; errors and records carry the line they are on.
#pragma once

#include "inputstream.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace roi::actuals::detail {

enum class JsonLayout { Pages, Records };

/// Where a record starts, and where each object inside one of its arrays starts (in order:
/// the "results" of a bucket), 1-based.
struct JsonPosition
{
    std::uint64_t line = 0;
    std::uint32_t column = 0;
};
struct RecordPositions
{
    JsonPosition record;
    std::vector<JsonPosition> inner;
    JsonPosition innerAt(std::size_t i) const { return i < inner.size() ? inner[i] : record; }
};

using JsonRecordFn = std::function<bool(const nlohmann::json &, const RecordPositions &)>;

/// Calls `onRecord` per record (false from it stops, e.g. on cancel). Returns "" when the whole
/// input was read, else the problem: not valid JSON (with line and column), ends early
/// (truncated), a record deeper than 64 levels or larger than 64 MiB.
std::string streamJsonRecords(InputStream &in, JsonLayout layout, const JsonRecordFn &onRecord);

} // namespace roi::actuals::detail
