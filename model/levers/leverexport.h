// Savings levers as text, JSON and CSV: the three numbers (baseline, optimised, savings %) and
// the per-lever table (saving, cost, net, payback, ROI), shared by the command line's `levers`
// and `compute`, the JSON and CSV exports and the reports.
#pragma once

#include "leverengine.h"
#include "results.h"
#include "workbook.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace roi {

/// One row of the lever table, formatted for people.
struct LeverTableRow
{
    std::string useCase; // empty in a single use case's table
    std::string layer;
    std::string lever;
    std::string saving; // gross: token spend avoided
    std::string cost;   // the lever's own costs
    std::string net;
    std::string payback;
    std::string roi;
};

/// The lever lines of a result as rows, in the order the engine applies them.
std::vector<LeverTableRow> leverTable(const Workbook &workbook, const CaseResult &result,
                                      bool withUseCase = false);
/// "Baseline cost $X · optimised cost $Y · savings Z%" over the horizon.
std::string leverHeadline(const LeverSummary &summary, const std::string &currency);

/// {"baseline", "optimised", "saving", "savingsPercent" (null unless ok), "savingsState",
///  "steadyMonth": {...}, "levers": [{"useCase", "layer", "lever", "saving", "cost", ...}]}.
nlohmann::ordered_json leversJson(const Workbook &workbook, const CaseResult &result);

/// The three numbers and the lever table of one result, under `title` (indented by two).
std::string leverBlockText(const Workbook &workbook, const CaseResult &result,
                           const std::string &title, bool portfolio);

/// The `levers` command's text: every use case (and the portfolio when there are several) under
/// one scenario, or every scenario when `scenario` is -1.
std::string leversText(const Workbook &workbook, const Results &results, int scenario);
std::string leversJsonText(const Workbook &workbook, const Results &results, int scenario);
/// One row per use case, scenario and lever plus a row "(all levers)" with the three numbers.
std::string leversCsv(const Workbook &workbook, const Results &results, int scenario);

} // namespace roi
