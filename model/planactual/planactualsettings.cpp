// The stored plan-vs-actual settings (see planactualsettings.h).
#include "planactualsettings.h"

#include <algorithm>

namespace roi {

bool PlanActualSettings::recalibrates(std::string_view useCase) const
{
    return std::find(recalibrated.begin(), recalibrated.end(), useCase) != recalibrated.end();
}

void PlanActualSettings::setRecalibrates(const std::string &useCase, bool on)
{
    if (on == recalibrates(useCase))
        return;
    if (on)
        recalibrated.push_back(useCase);
    else
        std::erase(recalibrated, useCase);
}

bool PlanActualSettings::renameUseCase(const std::string &from, const std::string &to)
{
    bool changed = false;
    for (std::string &n : recalibrated) {
        if (n == from) {
            n = to;
            changed = true;
        }
    }
    return changed;
}

bool PlanActualSettings::forgetUseCase(const std::string &name)
{
    return std::erase(recalibrated, name) > 0;
}

bool PlanActualSettings::renameSnapshot(const std::string &from, const std::string &to)
{
    if (basis.empty() || basis != from)
        return false;
    basis = to;
    return true;
}

bool PlanActualSettings::forgetSnapshot(const std::string &label)
{
    if (basis.empty() || basis != label)
        return false;
    basis.clear();
    return true;
}

} // namespace roi
