// What the engine returns: per use case and scenario the monthly series and the KPIs, portfolio
// totals per scenario, and the model checks. An immutable value once computed.
#pragma once

#include "calendar.h"
#include "enums.h"
#include "levers/leverresult.h"

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace roi {

/// Why a KPI has no number. Never NaN: the state says what to display.
enum class KpiState {
    Ok,
    Undefined,     // a zero denominator, e.g. ROI with TCO = 0
    NoSignChange,  // IRR of cash flows that never change sign
    NotFound,      // IRR: flows change sign but no rate in range solves them
    NeverPaysBack, // cumulative net still below zero at the end of the horizon
    NotApplicable  // e.g. AI gross margin with no attributable revenue
};

struct Kpi
{
    double value = 0;
    KpiState state = KpiState::Ok;

    bool ok() const { return state == KpiState::Ok; }
    static Kpi of(double v) { return {v, KpiState::Ok}; }
    static Kpi none(KpiState s) { return {0, s}; }
    friend bool operator==(const Kpi &, const Kpi &) = default;
};

/// The monthly series kept per use case and scenario. Each row has one value per month.
enum class Row {
    Units,         // eligible units of work
    Adoption,      // share handled by the AI
    Handled,       // units handled by the AI
    Outcomes,      // outcomes delivered
    Calls,         // model calls
    TokenCost,     // cost of token layers
    PerCallCost,   // cost of per-unit layers charged per call
    Cost,          // all layers
    HardGross,     // hard benefit before the risk discount
    HardNet,       // hard benefit after the risk discount
    Soft,          // soft value (money value of soft drivers)
    Benefit,       // headline benefit: hard net (+ soft when the workbook counts it)
    Net,           // benefit − cost
    CumulativeNet, // running sum of net
    Cashable,      // cashable part of labor and capacity drivers, after the risk discount
    Capacity,      // capacity-only part of labor and capacity drivers, after the risk discount
    Count
};
inline constexpr int kRowCount = static_cast<int>(Row::Count);

struct Kpis
{
    double tco = 0;
    double hardBenefitGross = 0;
    double riskDiscount = 0; // gross − net
    double hardBenefit = 0;  // after the risk discount
    double softValue = 0;
    double headlineBenefit = 0;
    double netValue = 0;            // headline benefit − TCO
    std::array<double, 3> byTerm{}; // hard benefit after discount, indexed by NumeratorTerm
    double units = 0;
    double handled = 0;
    double outcomes = 0;
    double calls = 0;
    double tokenCost = 0;
    Kpi roiPercent;
    double npv = 0;
    Kpi irrAnnual;    // as a fraction: 0.25 = 25% a year
    int irrCount = 0; // rates that solve the flows; above 1, irrAnnual is the one nearest zero
    Kpi paybackMonth; // months from the start of the horizon, fractional
    Kpi costPerOutcome;
    Kpi costPerInference;
    Kpi aiGrossMargin;           // as a fraction
    std::vector<Kpi> roiPerYear; // one per (possibly partial) year of the horizon
    // Cashable vs capacity (labor reclaimed and added capacity drivers, after the risk discount):
    // cashable value is in hardBenefit; capacity value is not, unless the workbook counts it.
    double cashableValue = 0;
    double capacityValue = 0;
    // Against the workbook's hurdle rate.
    double hurdleRate = 0;      // annual, as used
    double npvAtHurdle = 0;     // monthly flows discounted at the hurdle rate
    Kpi irrVsHurdle;            // IRR − hurdle (annual fractions); >= 0 passes
    Kpi discountedPaybackMonth; // payback of the flows discounted at the hurdle rate

    bool irrPassesHurdle() const { return irrVsHurdle.ok() && irrVsHurdle.value >= 0; }
    friend bool operator==(const Kpis &, const Kpis &) = default;
};

/// The steady-state month: baseline volume at steady adoption and today's prices, no one-time
/// costs. This is the monthly run rate a finance team budgets against.
struct RunRate
{
    double handled = 0;
    double tco = 0;       // a month
    double tokenCost = 0; // the model invoice alone
    Kpi costPerUnit;      // TCO per handled unit
    Kpi invoicePerUnit;   // token cost per handled unit
    Kpi costPerOutcome;
    double hardBenefit = 0; // a month, after the risk discount
    std::vector<double> costByLayer;
    double capacityValue = 0; // a month, after the risk discount, not in hardBenefit

    friend bool operator==(const RunRate &, const RunRate &) = default;
};

/// Results of one use case (or of the portfolio) under one scenario.
class CaseResult
{
public:
    CaseResult() = default;
    CaseResult(int months, int layers, int drivers);
    /// Resizes to the given shape and zeroes every series, keeping the buffer's capacity.
    void reset(int months, int layers, int drivers);

    /// The monthly series a result of this shape keeps (rows, categories, layers, drivers).
    static std::size_t seriesCount(std::size_t layers, std::size_t drivers)
    {
        return static_cast<std::size_t>(kRowCount + kCategoryCount) + layers + 2 * drivers;
    }

    int months() const { return m_months; }
    int layerCount() const { return m_layers; }
    int driverCount() const { return m_drivers; }

    std::span<const double> row(Row r) const { return slice(static_cast<int>(r)); }
    std::span<double> row(Row r) { return slice(static_cast<int>(r)); }
    std::span<const double> categoryCost(CostCategory c) const
    {
        return slice(kRowCount + static_cast<int>(c));
    }
    std::span<double> categoryCost(CostCategory c)
    {
        return slice(kRowCount + static_cast<int>(c));
    }
    std::span<const double> layerCost(int layer) const { return slice(layerRow(layer)); }
    std::span<double> layerCost(int layer) { return slice(layerRow(layer)); }
    /// Driver value before the risk discount (soft drivers: their money value).
    std::span<const double> driverGross(int d) const { return slice(driverRow(d)); }
    std::span<double> driverGross(int d) { return slice(driverRow(d)); }
    /// Driver value after the risk discount (soft drivers: unchanged).
    std::span<const double> driverNet(int d) const { return slice(driverRow(d) + m_drivers); }
    std::span<double> driverNet(int d) { return slice(driverRow(d) + m_drivers); }

    Kpis kpis;
    RunRate runRate;
    LeverResult levers; // baseline vs optimised cost; inactive when no lever is enabled

    friend bool operator==(const CaseResult &, const CaseResult &) = default;

private:
    int layerRow(int layer) const { return kRowCount + kCategoryCount + layer; }
    int driverRow(int d) const { return kRowCount + kCategoryCount + m_layers + d; }
    std::span<const double> slice(int r) const
    {
        return {m_data.data() + static_cast<std::size_t>(r) * m_months,
                static_cast<std::size_t>(m_months)};
    }
    std::span<double> slice(int r)
    {
        return {m_data.data() + static_cast<std::size_t>(r) * m_months,
                static_cast<std::size_t>(m_months)};
    }

    int m_months = 0;
    int m_layers = 0;
    int m_drivers = 0;
    std::vector<double> m_data;
};

/// A model check: something about the business case a finance reviewer would question.
struct Finding
{
    Severity severity = Severity::Warning;
    std::string code;     // stable identifier, e.g. "baseline-after-golive"
    int useCase = -1;     // index, or -1 for the workbook
    std::string scenario; // empty: every scenario
    std::string input;    // the named input concerned, e.g. "baseline.capturedOn"
    std::string message;
    std::string fix; // one line: what to do about it

    friend bool operator==(const Finding &, const Finding &) = default;
};

struct Results
{
    YearMonth startMonth;
    int months = 0;
    std::vector<std::string> scenarios;
    int useCaseCount = 0;
    std::vector<CaseResult> cases;     // [useCase * scenarios.size() + scenario]
    std::vector<CaseResult> portfolio; // per scenario
    std::vector<Finding> findings;

    const CaseResult &at(int useCase, int scenario) const
    {
        return cases[static_cast<std::size_t>(useCase) * scenarios.size()
                     + static_cast<std::size_t>(scenario)];
    }
    int findScenario(std::string_view name) const; // -1 when absent

    friend bool operator==(const Results &, const Results &) = default;
};

} // namespace roi
