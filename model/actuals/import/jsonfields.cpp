#include "jsonfields.h"

#include "parsing.h"

namespace roi::actuals::detail {

std::string jsonText(const nlohmann::json &object, std::string_view key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return {};
    if (it->is_string())
        return it->get<std::string>();
    return it->dump();
}

std::optional<std::string> jsonCount(const nlohmann::json &object, std::string_view key,
                                     double &out)
{
    out = 0;
    if (!object.is_object())
        return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    if (it->is_string())
        return readCount(it->get_ref<const std::string &>(), out);
    if (!it->is_number())
        return std::string("must be a number");
    const double v = it->get<double>();
    if (auto problem = checkCount(v))
        return problem;
    out = v;
    return std::nullopt;
}

std::optional<std::string> jsonAmount(const nlohmann::json &value, double &out, bool &has)
{
    has = false;
    if (value.is_null())
        return std::nullopt;
    if (value.is_string())
        return readAmount(value.get_ref<const std::string &>(), out, has);
    if (!value.is_number())
        return std::string("must be a number or a decimal string");
    const double v = value.get<double>();
    if (auto problem = checkAmount(v))
        return problem;
    out = v;
    has = true;
    return std::nullopt;
}

} // namespace roi::actuals::detail
