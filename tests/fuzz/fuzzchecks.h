// The properties the fuzz targets check, shared by the libFuzzer targets (fuzz preset) and the
// fuzz-regression test, which replays every corpus and regression file through them with the
// normal compiler. A violated property prints what failed and aborts, so libFuzzer saves the
// input and ctest reports the file.
#pragma once

#include <string_view>

namespace roi::fuzz {

/// The bytes as a .roiwb file: reading never throws; a file that reads writes, reads back equal
/// and writes the same text again; compute() gives finite numbers everywhere, no negative cost,
/// adoption within [0, 1] and a payback month inside the horizon; the exports run.
void checkWorkbook(std::string_view bytes);

/// The first line as a named input: a parsed path prints and parses back to itself and names a
/// field; adjusting a sample use case through it keeps every input finite and in its legal
/// range. An optional second line `multiply|set|add VALUE` picks the adjustment, else several
/// (NaN and infinities among them) are tried.
void checkInputPath(std::string_view bytes);

/// The text before the first space as a date and as a month: a parsed value prints back to the
/// same text and is a real calendar day; months and days count consistently. An optional
/// integer after the space is a month offset for addMonths.
void checkDates(std::string_view bytes);

/// The bytes as user text for safeFileName: the name is never empty, at most kMaxSafeFileName
/// bytes of valid UTF-8, has no separator, forbidden or control character, no leading dot or
/// space, no trailing dot or space, is no reserved Windows name, and is its own safe name.
void checkFileName(std::string_view bytes);

/// The bytes as a revenue-per-customer CSV (actuals/customerrevenue.h): either refused with a
/// "line N: " message for every refused line and no entries, or accepted with a non-empty
/// customer and a finite revenue >= 0 for each entry; merging it into itself changes nothing and
/// gives each customer once, sorted.
void checkRevenueCsv(std::string_view bytes);

} // namespace roi::fuzz
