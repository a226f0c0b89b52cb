#include "migraterevenue.h"

namespace roi {

void migrateRevenueToV4(nlohmann::ordered_json &root)
{
    const auto actuals = root.find("actuals");
    if (actuals != root.end() && actuals->is_object()) {
        const auto old = actuals->find("revenuePerCustomer");
        if (old != actuals->end() && !actuals->contains("revenue")) {
            // Moved as it is: a bad value is reported by the reader at its new path.
            nlohmann::ordered_json revenue = nlohmann::ordered_json::object();
            revenue["default"] = *old;
            revenue["customers"] = nlohmann::ordered_json::array();
            actuals->erase(old);
            (*actuals)["revenue"] = std::move(revenue);
        }
    }
    root["version"] = 4;
}

} // namespace roi
