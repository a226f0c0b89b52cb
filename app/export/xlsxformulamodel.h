// The XLSX export as a working model (libxlsxwriter): an Inputs sheet (every input a named,
// styled input cell with its effective value under the selected scenario), a Scenarios sheet
// (the adjustments and a selector cell), one monthly sheet per use case and the portfolio where
// every figure is a formula, and a Summary sheet with ROI, NPV, IRR, payback and cost per
// outcome as formulas. Each formula is written with the engine's result, so viewers that do not
// recalculate show the same numbers. Recalculated, it gives the engine's figures to the cent.
#pragma once

#include "reportexporter.h"

#include <QByteArray>
#include <QString>

#include <string>

namespace roi {

/// Labels (column A) of the rows of the monthly sheets and of the Summary sheet, for readers of
/// the file (the tests find the rows by them).
namespace xlsxlabels {
inline constexpr const char *kUnits = "Eligible units (volume with growth)";
inline constexpr const char *kAdoption = "Adoption (share handled by the AI)";
inline constexpr const char *kHandled = "Units handled by the AI";
inline constexpr const char *kOutcomes = "Outcomes delivered";
inline constexpr const char *kCalls = "Model calls";
inline constexpr const char *kCost = "Total cost (TCO)";
inline constexpr const char *kHardGross =
    "Hard benefit, gross (cashable part of labor and capacity)";
inline constexpr const char *kHardNet = "Hard benefit after the risk discount";
inline constexpr const char *kCashable = "Cashable value (labor and capacity, after risk)";
inline constexpr const char *kCapacity = "Capacity-only value (apart, after risk)";
inline constexpr const char *kSoft = "Soft value (apart)";
inline constexpr const char *kBenefit = "Headline benefit";
inline constexpr const char *kNet = "Net cash flow (benefit - cost)";
inline constexpr const char *kCumulative = "Cumulative net";

inline constexpr const char *kTco = "TCO (total cost of ownership)";
inline constexpr const char *kHardBenefitGross = "Hard benefit before the risk discount";
inline constexpr const char *kRiskDiscount = "Risk discount";
inline constexpr const char *kHardBenefit = "Hard benefit (after the risk discount)";
inline constexpr const char *kSoftValue = "Soft value (apart, not in the headline unless set)";
inline constexpr const char *kCapacityValue = "Capacity-only value (apart)";
inline constexpr const char *kHeadline = "Headline benefit (over the horizon)";
inline constexpr const char *kNetValue = "Net value (headline benefit - TCO)";
inline constexpr const char *kRoi = "ROI % = (benefit - TCO) / TCO x 100";
inline constexpr const char *kNpv = "NPV at the discount rate";
inline constexpr const char *kNpvHurdle = "NPV at the hurdle rate";
inline constexpr const char *kIrr = "IRR (annualised: (1 + monthly IRR)^12 - 1)";
inline constexpr const char *kLastNegative = "Last month ending below zero";
inline constexpr const char *kPayback = "Payback month";
inline constexpr const char *kOutcomesTotal = "Outcomes delivered (over the horizon)";
inline constexpr const char *kCostPerOutcome = "Cost per outcome";

/// The row of a cost layer's monthly cost (after levers where it has levers).
std::string layer(const CostLayer &layer);
/// The row of a value driver's monthly value before the risk discount.
std::string driver(const ValueDriver &driver);
} // namespace xlsxlabels

/// The .xlsx bytes of the formula model for the scenario of `options` (-1: the first, Base);
/// empty with a message in `error` on failure.
QByteArray renderXlsxFormulaModel(const Workbook &workbook, const Results &results,
                                  const ReportOptions &options, QString *error);

} // namespace roi
