// File names made from user text (a workbook or use-case name), for exports and reports: no
// folder can be named or escaped through them, and they are valid on Linux, macOS and Windows.
#pragma once

#include <string>
#include <string_view>

namespace roi {

/// The longest name safeFileName returns, in bytes of UTF-8: room for a suffix and an extension
/// within the 255 bytes most file systems allow.
inline constexpr std::size_t kMaxSafeFileName = 100;

/// A file name (without folder or extension) from user text: path separators and the characters
/// Windows refuses (<>:"/\|?*) become '_'; control, bidirectional and zero-width characters and
/// invalid UTF-8 are dropped; runs of white space become one space; leading dots and spaces and
/// trailing dots and spaces are removed; a reserved Windows device name (CON, PRN, AUX, NUL,
/// COM1-9, LPT1-9, with or without extension) gets a leading '_'; at most kMaxSafeFileName
/// bytes, cut between characters. Never empty: "untitled" when nothing is left.
std::string safeFileName(std::string_view userText);

} // namespace roi
