#pragma once

#include "importcontext.h"

namespace roi::actuals::detail {

std::string importLiteLlm(ImportContext &ctx);

} // namespace roi::actuals::detail
