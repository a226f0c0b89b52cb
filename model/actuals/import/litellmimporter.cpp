#include "litellmimporter.h"

namespace roi::actuals::detail {

std::string importLiteLlm(ImportContext &ctx)
{
    return "not implemented yet";
}

} // namespace roi::actuals::detail
