// The properties the importer fuzz targets check (model/actuals/import): reading any bytes as
// an export never throws or crashes, and whatever it accepts is sane.
#pragma once

#include <string_view>

namespace roi::fuzz {

/// Which importer a target drives.
enum class ImportTarget { Focus, OpenAi, Anthropic, LiteLlm, MappedCsv };

/// The bytes as an export of that family (plain or gzip): every record handed to the sink has a
/// real day, finite token counts in [0, 1e15] and a finite cost; the counts add up
/// (read = used + refused + skipped); every issue has a line (and a column for a row) and a
/// message; a failed import says why. For MappedCsv, the first byte picks the mapping's options.
void checkImport(std::string_view bytes, ImportTarget target);

inline void checkImportFocus(std::string_view b) { checkImport(b, ImportTarget::Focus); }
inline void checkImportOpenAi(std::string_view b) { checkImport(b, ImportTarget::OpenAi); }
inline void checkImportAnthropic(std::string_view b) { checkImport(b, ImportTarget::Anthropic); }
inline void checkImportLiteLlm(std::string_view b) { checkImport(b, ImportTarget::LiteLlm); }
inline void checkImportCsv(std::string_view b) { checkImport(b, ImportTarget::MappedCsv); }

} // namespace roi::fuzz
