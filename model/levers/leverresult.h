// What the engine returns about savings levers for one use case (or the portfolio) under one
// scenario: the cost without levers (baseline), the cost with them (optimised) and each lever's
// saving net of its own costs, month by month. Part of CaseResult.
#pragma once

#include "levers.h"

#include <vector>

namespace roi {

struct Kpi;

/// One enabled lever on one token layer.
struct LeverLine
{
    int useCase = -1; // index of the use case in the workbook
    int layer = 0;    // index of the cost layer in its use case
    LeverKind kind = LeverKind::SemanticCache;
    // Monthly: token spend the lever avoids (negative when it adds spend, e.g. cache writes),
    // the lever's own costs (implementation and running) and net = gross − cost.
    std::vector<double> gross;
    std::vector<double> cost;
    std::vector<double> net;
    double grossTotal = 0;
    double costTotal = 0;
    double netTotal = 0;
    // The steady month (full effect, monthly costs, no one-time cost), like RunRate.
    double steadyGross = 0;
    double steadyCost = 0;
    double steadyNet = 0;
    double paybackValue = 0; // months from the start of the horizon, see paybackState
    int paybackState = 0;    // a KpiState; 0 = Ok
    double roiValue = 0;     // (gross − cost) / cost × 100, see roiState
    int roiState = 0;        // a KpiState; Undefined when the lever costs nothing

    friend bool operator==(const LeverLine &, const LeverLine &) = default;
};

struct LeverResult
{
    bool active = false;          // false: no lever is enabled; optimised = baseline = the cost row
    std::vector<double> baseline; // monthly cost of every layer without levers
    std::vector<double> optimised;  // monthly cost with the levers and their costs (= Row::Cost)
    std::vector<double> tokenSpend; // monthly token invoice with the levers (= Row::TokenCost)
    std::vector<LeverLine> lines;
    double baselineTotal = 0;
    double optimisedTotal = 0;
    // Over the horizon, the layers that have levers only: their cost without levers (the
    // waterfall starts here; with levers they cost this − Σ lines' netTotal).
    double leverLayersBaseline = 0;
    double steadyBaseline = 0;  // the run-rate month without levers
    double steadyOptimised = 0; // the run-rate month with levers at full effect
    double steadyTokenSpend = 0;

    void clear()
    {
        active = false;
        baseline.clear();
        optimised.clear();
        tokenSpend.clear();
        lines.clear();
        baselineTotal = optimisedTotal = leverLayersBaseline = steadyBaseline = steadyOptimised =
            steadyTokenSpend = 0;
    }

    friend bool operator==(const LeverResult &, const LeverResult &) = default;
};

} // namespace roi
