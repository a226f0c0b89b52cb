// Plan vs actual of a whole workbook: each use case's attributed actuals (actuals/report.h)
// against a snapshot of the approved case (or the live forecast), the portfolio, the overrun
// findings, the recalibrated KPIs and the executive three numbers by month. What the command
// line, the reports and the window show. Pure function of the workbook and its results.
#pragma once

#include "planvsactual.h"

#include <optional>
#include <string>
#include <vector>

namespace roi {

struct Workbook;

/// What the caller overrides; the rest comes from the workbook's stored settings
/// (Workbook::planActual: tolerance, basis).
struct PlanActualOptions
{
    std::string snapshot; // a snapshot's label; empty: the stored basis (empty there: the latest
                          // snapshot, else the live forecast)
    int scenario = 0;     // the live forecast's scenario (index into the results)
    std::optional<double> tolerance; // unset: the stored tolerance (10% by default)
};

struct PlanActualReport
{
    bool hasActuals = false;
    std::string basis; // the snapshot's label, or "Live forecast (Base)"
    std::string basisTakenBy; // the snapshot's "who" and date (empty / null for the live one)
    Date basisTakenOn;
    std::string currency;
    YearMonth startMonth; // month 1 of the recalibrated series (the workbook's start)
    std::vector<PlanActual> useCases;       // the workbook's order, those with a forecast
    PlanActual portfolio;                   // every use case, unallocated cost included
    std::vector<Recalibrated> recalibrated; // per use case, from the live forecast
    std::vector<std::vector<Suggestion>> suggestions; // per use case (the workbook's order)
    std::vector<Finding> findings;
    std::vector<ExecutivePeriod> executive; // by month, over all usage
    std::vector<ExecutivePeriod> executiveWeekly; // by ISO week, when the usage was daily
    std::string premiumModel;               // the price-book model the baseline is priced at
    double tolerance = 0.10;                // the band used
};

PlanActualReport buildPlanActual(const Workbook &workbook, const Results &results,
                                 const PlanActualOptions &options = {});

/// The workbook's stored basis and tolerance, unless `options` overrides them.
PlanActualOptions effectiveOptions(const Workbook &workbook, const PlanActualOptions &options);

/// The plain-text section for `compute` and `report` ("Plan vs actual").
std::string planActualText(const PlanActualReport &report);

} // namespace roi
