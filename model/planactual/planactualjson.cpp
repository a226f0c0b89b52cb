// The plan-vs-actual settings in the .roiwb file (see planactualjson.h).
#include "planactualjson.h"

#include "../workbook.h"
#include "../workbookfile.h"

#include <algorithm>
#include <cmath>

namespace roi {

using Json = nlohmann::ordered_json;

namespace {

constexpr std::size_t kMaxNameLength = 1000;

} // namespace

Json planActualToJson(const PlanActualSettings &s)
{
    Json j;
    j["tolerance"] = s.tolerance;
    j["basis"] = s.basis;
    j["recalibrated"] = s.recalibrated;
    return j;
}

std::string toleranceRangeMessage()
{
    return "must be a fraction from 0 to 1 (0% to 100%)";
}

void readPlanActual(const Json &j, const std::string &path, PlanActualSettings &s,
                    const PlanActualError &error,
                    const std::function<void(const std::string &)> &unknown)
{
    if (!j.is_object()) {
        error(path, "must be an object");
        return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string p = path + "/" + it.key();
        if (it.key() == "tolerance") {
            if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < 0
                || it->get<double>() > 1)
                error(p, toleranceRangeMessage());
            else
                s.tolerance = it->get<double>();
        } else if (it.key() == "basis") {
            if (!it->is_string() || it->get_ref<const std::string &>().size() > kMaxNameLength)
                error(p, "must be a snapshot's label (a string; empty: the latest snapshot)");
            else
                s.basis = it->get<std::string>();
        } else if (it.key() == "recalibrated") {
            if (!it->is_array()) {
                error(p, "must be an array of use case names");
                continue;
            }
            if (it->size() > limits::kMaxUseCases) {
                error(p,
                      "must list at most " + std::to_string(limits::kMaxUseCases) + " use cases");
                continue;
            }
            for (std::size_t i = 0; i < it->size(); ++i) {
                const Json &e = (*it)[i];
                const std::string ep = p + "/" + std::to_string(i);
                if (!e.is_string() || e.get_ref<const std::string &>().empty()
                    || e.get_ref<const std::string &>().size() > kMaxNameLength)
                    error(ep, "must be a use case's name");
                else if (s.recalibrates(e.get_ref<const std::string &>()))
                    error(ep, "names '" + e.get<std::string>() + "' twice");
                else
                    s.recalibrated.push_back(e.get<std::string>());
            }
        } else {
            unknown(p);
        }
    }
}

void validatePlanActual(const Workbook &wb, const PlanActualError &error)
{
    const PlanActualSettings &s = wb.planActual;
    if (!std::isfinite(s.tolerance) || s.tolerance < 0 || s.tolerance > 1)
        error("/planActual/tolerance", toleranceRangeMessage());
    if (!s.basis.empty()) {
        const bool found = std::any_of(wb.snapshots.begin(), wb.snapshots.end(),
                                       [&](const Snapshot &snap) { return snap.label == s.basis; });
        if (!found)
            error("/planActual/basis",
                  "names no snapshot ('" + s.basis + "'); leave it empty for the latest snapshot");
    }
    for (std::size_t i = 0; i < s.recalibrated.size(); ++i) {
        if (wb.findUseCase(s.recalibrated[i]) < 0)
            error("/planActual/recalibrated/" + std::to_string(i),
                  "names no use case ('" + s.recalibrated[i] + "')");
    }
}

void migratePlanActualToV4(Json &root)
{
    if (!root.contains("planActual"))
        root["planActual"] = planActualToJson(PlanActualSettings{});
    root["version"] = 4;
}

} // namespace roi
