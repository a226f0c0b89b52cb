#include "openaiimporter.h"

namespace roi::actuals::detail {

std::string importOpenAi(ImportContext &ctx, SourceFormat)
{
    return "not implemented yet";
}

} // namespace roi::actuals::detail
