#include "migratecashable.h"

#include <cstdio>

namespace roi {

void migrateCashableToV2(nlohmann::ordered_json &root, std::vector<std::string> &notices)
{
    int drivers = 0;
    const auto useCases = root.find("useCases");
    if (useCases != root.end() && useCases->is_array()) {
        for (auto &uc : *useCases) {
            if (!uc.is_object())
                continue;
            const auto list = uc.find("valueDrivers");
            if (list == uc.end() || !list->is_array())
                continue;
            for (auto &d : *list) {
                if (!d.is_object() || d.contains("cashableShare"))
                    continue;
                const auto kind = d.find("kind");
                if (kind == d.end() || !kind->is_string())
                    continue;
                const auto &k = kind->get_ref<const std::string &>();
                if (k == "laborReclaimed" || k == "addedCapacity") {
                    d["cashableShare"] = 1.0;
                    ++drivers;
                }
            }
        }
    }
    if (drivers > 0) {
        notices.push_back(
            "Migrated from format version 1: " + std::to_string(drivers)
            + (drivers == 1 ? " labor or capacity driver counts"
                            : " labor or capacity drivers count")
            + " as 100% cashable, as the headline did before, so the figures are unchanged. "
              "Review each driver's cashable share: only value that releases budget belongs in "
              "the headline.");
    }

    const auto settings = root.find("settings");
    if (settings != root.end() && settings->is_object() && !settings->contains("hurdleRate")) {
        // The version-1 default discount rate was 10%.
        double rate = 0.10;
        const auto discount = settings->find("discountRate");
        if (discount != settings->end() && discount->is_number())
            rate = discount->get<double>();
        (*settings)["hurdleRate"] = rate;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.4g%%", rate * 100.0);
        notices.push_back(std::string("Migrated from format version 1: the hurdle rate is set to "
                                      "the discount rate, ")
                          + buf + "; set the company's hurdle rate in the settings.");
    }
}

} // namespace roi
