#include "pricing.h"

namespace roi::actuals {

namespace {

bool isBoundary(char c)
{
    return c == '-' || c == '_' || c == '.' || c == ':' || c == '@';
}

std::string matchName(std::span<const PriceEntry> book, std::string_view name)
{
    const PriceEntry *best = nullptr;
    for (const PriceEntry &p : book) {
        if (p.model == name)
            return p.model;
        if (!p.model.empty() && p.model.size() < name.size() && name.starts_with(p.model)
            && isBoundary(name[p.model.size()])
            && (!best || p.model.size() > best->model.size()))
            best = &p;
    }
    return best ? best->model : std::string();
}

} // namespace

std::string matchPriceModel(std::span<const PriceEntry> book, std::string_view exportName)
{
    if (std::string found = matchName(book, exportName); !found.empty())
        return found;
    if (const auto slash = exportName.rfind('/'); slash != std::string_view::npos)
        return matchName(book, exportName.substr(slash + 1));
    return {};
}

const PriceEntry *priceOn(std::span<const PriceEntry> book, std::string_view priceModel, Date day)
{
    const PriceEntry *found = nullptr;
    for (const PriceEntry &p : book) {
        if (p.model != priceModel || (!p.validFrom.isNull() && p.validFrom > day))
            continue;
        if (!found || p.validFrom > found->validFrom)
            found = &p;
    }
    return found;
}

double tokenCost(const UsageRecord &r, const PriceEntry &price)
{
    return (r.uncachedInput * price.input + r.cacheReadInput * price.cachedInput
            + r.cacheWriteInput * price.input + r.outputTokens * price.output)
           / 1'000'000.0;
}

} // namespace roi::actuals
