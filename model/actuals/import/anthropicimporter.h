#pragma once

#include "importcontext.h"

namespace roi::actuals::detail {

std::string importAnthropic(ImportContext &ctx, SourceFormat format);

} // namespace roi::actuals::detail
