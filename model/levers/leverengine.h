// The lever arithmetic the engine runs on token layers, and the three executive numbers
// (baseline cost, optimised cost, savings %) read from a result.
//
// Order: on each token layer the enabled levers apply one after the other to what the previous
// ones left: semantic caching (a call answered from the cache reaches no model), routing (of
// the calls that remain), prompt optimisation and output shortening (on the tokens of the calls
// that remain, at the routed blend of prices), prompt caching (on the remaining uncached input)
// and batch (on what is left). Each lever's saving is the drop in spend at its step, so the
// savings add up exactly to baseline − optimised.
#pragma once

#include "leverresult.h"
#include "results.h"
#include "workbook.h"

#include <array>
#include <span>

namespace roi {

/// Whether any layer of the use case has an enabled lever (when not, the engine skips levers).
bool hasLevers(const UseCase &useCase);

/// Applies the levers of the use case's token layers over `n` months, month m being t = t0 + m
/// (t = 0: the steady run-rate month: full effect, no one-time costs). `layerRows[i]` hold each
/// layer's cost without levers and receive the cost with them (spend after levers + the levers'
/// costs). With t0 = 1 the projection: fills out.baseline, out.tokenSpend and out.lines; with
/// n = 1, t0 = 0 the steady month: fills the steady* fields of out and of its lines.
void applyLevers(const UseCase &useCase, std::span<const PriceEntry> prices, int n, int t0,
                 const double *handled, const double *priceFactor, double *const *layerRows,
                 LeverResult &out);

/// Totals and per-lever payback and ROI, once the cost row (`cost`, with levers) is final.
void finishLevers(std::span<const double> cost, LeverResult &out);

/// Portfolio levers of one scenario from its cases (each case's baseline, or its cost when it
/// has no levers); leaves `portfolio` inactive when no case has a lever.
void portfolioLevers(const Results &results, int scenario, CaseResult &portfolio);

/// For each lever of the layer (index LeverKind; 0 when disabled), the share of the layer's
/// token spend per call it would save alone at full effect. Used by the model checks.
std::array<double, kLeverCount> standaloneSavingShares(const CostLayer &layer,
                                                       std::span<const PriceEntry> prices);

Kpi leverPayback(const LeverLine &line);
Kpi leverRoi(const LeverLine &line);

/// The three numbers finance asks for. Over the horizon: baseline = the TCO without levers,
/// optimised = the TCO with them (the headline TCO), savings % = (baseline − optimised) /
/// baseline × 100, Undefined when the baseline is 0. Also for the steady run-rate month.
struct LeverSummary
{
    double baseline = 0;
    double optimised = 0;
    Kpi savingsPercent;
    double steadyBaseline = 0;
    double steadyOptimised = 0;
    Kpi steadySavingsPercent;
    double saving() const { return baseline - optimised; }
};

LeverSummary leverSummary(const CaseResult &result);

} // namespace roi
