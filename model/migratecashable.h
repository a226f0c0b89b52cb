// Format migration 1 -> 2: cashable share of labor and capacity drivers, the hurdle rate.
// Works on the parsed JSON before it is read, so the reader only knows the newest format.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace roi {

/// Upgrades a version-1 document in place so that it computes the same figures as before:
/// every labor reclaimed and added capacity driver becomes 100% cashable (the headline counted
/// all of it), and the hurdle rate takes the discount rate. Appends one sentence per change to
/// `notices`, for the user.
void migrateCashableToV2(nlohmann::ordered_json &root, std::vector<std::string> &notices);

} // namespace roi
