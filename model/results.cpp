#include "results.h"

namespace roi {

CaseResult::CaseResult(int months, int layers, int drivers)
{
    reset(months, layers, drivers);
}

void CaseResult::reset(int months, int layers, int drivers)
{
    m_months = months;
    m_layers = layers;
    m_drivers = drivers;
    m_data.assign(seriesCount(static_cast<std::size_t>(layers), static_cast<std::size_t>(drivers))
                      * static_cast<std::size_t>(months),
                  0.0);
}

int Results::findScenario(std::string_view name) const
{
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        if (scenarios[i] == name)
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace roi
