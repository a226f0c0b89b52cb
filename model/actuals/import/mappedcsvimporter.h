// Any CSV through a ColumnMapping (columnmapping.h): the user names the columns once.
#pragma once

#include "importcontext.h"

namespace roi::actuals::detail {

/// Reads the whole file into ctx; returns a file-level error, or "" when the file was read
/// (refused rows are in the stats).
std::string importMappedCsv(ImportContext &ctx, const ColumnMapping &mapping);

} // namespace roi::actuals::detail
