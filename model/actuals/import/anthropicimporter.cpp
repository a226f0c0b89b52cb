#include "anthropicimporter.h"

namespace roi::actuals::detail {

std::string importAnthropic(ImportContext &ctx, SourceFormat)
{
    return "not implemented yet";
}

} // namespace roi::actuals::detail
