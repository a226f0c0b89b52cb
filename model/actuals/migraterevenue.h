// Format migration 3 -> 4 (revenue per customer): version 3 held one monthly revenue for every
// customer ("actuals": {"revenuePerCustomer": N}); version 4 holds a table of customers'
// monthly revenues with a default for the customers not in it ("actuals": {"revenue":
// {"default": N, "customers": [...]}}). Works on the parsed JSON before it is read.
#pragma once

#include <nlohmann/json.hpp>

namespace roi {

/// Upgrades a version-3 document in place: "revenuePerCustomer" becomes the default revenue
/// of version 4 (the same figure for every customer, so every margin reads as before), with no
/// customer of its own. Anything else in "actuals" is left as it is.
void migrateRevenueToV4(nlohmann::ordered_json &root);

} // namespace roi
