// Results as machine-readable text: JSON (KPIs, run rate, first-month costs, findings) and CSV
// (monthly series; KPI table). Used by the command line and the window's exporters alike.
#pragma once

#include "results.h"
#include "workbook.h"

#include <ostream>
#include <string>

namespace roi {

/// All scenarios when `scenario` is -1, else only that one.
std::string resultsJson(const Workbook &workbook, const Results &results, int scenario = -1);
/// One row per use case, scenario and month (plus the portfolio), cost per category included,
/// then the cost without savings levers (baselineCost) and with them (optimisedCost).
std::string seriesCsv(const Workbook &workbook, const Results &results, int scenario = -1);
/// The same text written to `out` as it is made (the command line's compute --format csv).
void writeSeriesCsv(std::ostream &out, const Workbook &workbook, const Results &results,
                    int scenario = -1);
/// The parts of the totals in long form: one row per use case, scenario, cost layer or value
/// driver, and month (series "layerCost", "driverGross" before the risk discount, "driverNet"
/// after it; soft drivers are the same in both; "leverNetSaving" per lever, named
/// "layer / lever").
std::string detailCsv(const Workbook &workbook, const Results &results, int scenario = -1);
/// One row per use case and scenario (plus the portfolio) with every KPI.
std::string kpiCsv(const Workbook &workbook, const Results &results, int scenario = -1);

/// The stable name of a KPI state in machine-readable output ("ok", "undefined",
/// "noSignChange", "notFound", "neverPaysBack", "notApplicable").
std::string_view kpiStateName(KpiState state);

} // namespace roi
