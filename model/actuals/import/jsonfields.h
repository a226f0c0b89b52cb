// Reading the fields of one JSON record for the importers: counts and amounts checked like CSV
// cells, strings that may be null, and the problems reported with the record's position.
#pragma once

#include "importcontext.h"
#include "jsonstream.h"

#include <nlohmann/json.hpp>

namespace roi::actuals::detail {

/// The text of a scalar: a string as is, a number or boolean printed, null or absent "".
std::string jsonText(const nlohmann::json &object, std::string_view key);

/// A count at `key` (absent or null = 0); the problem, or nullopt when `out` is set.
std::optional<std::string> jsonCount(const nlohmann::json &object, std::string_view key,
                                     double &out);

/// An amount given as a JSON number or a decimal string; has = false when absent or null.
std::optional<std::string> jsonAmount(const nlohmann::json &value, double &out, bool &has);

} // namespace roi::actuals::detail
