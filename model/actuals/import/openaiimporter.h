#pragma once

#include "importcontext.h"

namespace roi::actuals::detail {

std::string importOpenAi(ImportContext &ctx, SourceFormat format);

} // namespace roi::actuals::detail
