// The plan-vs-actual settings in the .roiwb file (format version 4, "planActual" at the root):
// writing, reading with JSON-path errors, the cross-check against the workbook and the migration
// step from version 3.
#pragma once

#include "planactualsettings.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace roi {

struct Workbook;

using PlanActualError = std::function<void(const std::string &path, const std::string &message)>;

nlohmann::ordered_json planActualToJson(const PlanActualSettings &settings);

/// Reads the "planActual" object at JSON pointer `path`; problems go to `error`, unknown keys to
/// `unknown`. The names it holds are checked against the workbook by validatePlanActual.
void readPlanActual(const nlohmann::ordered_json &j, const std::string &path,
                    PlanActualSettings &settings, const PlanActualError &error,
                    const std::function<void(const std::string &)> &unknown);

/// The basis names a snapshot of the workbook and every recalibrated name a use case; the
/// tolerance lies in 0..1. Problems go to `error` with their JSON path.
void validatePlanActual(const Workbook &wb, const PlanActualError &error);

/// The tolerance's legal range as a message, for the reader and the window.
std::string toleranceRangeMessage();

/// Version 3 -> 4 (plan-vs-actual settings): a version-3 file has none; the defaults (10%, the
/// latest snapshot, no recalibration) are written out.
void migratePlanActualToV4(nlohmann::ordered_json &root);

} // namespace roi
