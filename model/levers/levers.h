// Savings levers on a token-usage cost layer: semantic caching, model routing, prompt
// optimisation, output shortening, prompt caching and batch. Plain values stored in the
// workbook; model/levers/leverengine.h turns them into baseline, optimised cost and savings.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace roi {

/// The levers, in the order the engine applies them to a layer (see README "Savings levers").
enum class LeverKind {
    SemanticCache,
    Routing,
    PromptOptimisation,
    OutputShortening,
    PromptCache,
    Batch,
    Count
};
inline constexpr int kLeverCount = static_cast<int>(LeverKind::Count);

/// The JSON key and named-input segment of a lever, e.g. "semanticCache".
std::string_view leverKey(LeverKind kind);
/// The lever's name for people, e.g. "Semantic caching".
std::string_view leverLabel(LeverKind kind);

/// What every lever has: it is a project of its own, with a start, a ramp and costs.
struct LeverPlan
{
    bool enabled = false;
    double startMonth = 1;  // month of the horizon the lever starts in (1 = first)
    double rampMonths = 0;  // months from start to full effect; 0 = at once
    double oneTimeCost = 0; // in the start month
    double monthlyCost = 0; // from the start month on

    friend bool operator==(const LeverPlan &, const LeverPlan &) = default;
};

/// Calls answered from a response cache instead of the model.
struct SemanticCacheLever
{
    LeverPlan plan;
    double hitRate = 0;           // share of calls answered from the cache
    double lookupCostPerCall = 0; // embedding + vector lookup, money per call through the cache
    double falseHitRate = 0;      // share of cache hits that return a wrong answer
    double costPerFalseHit = 0;   // what fixing one wrong answer costs

    friend bool operator==(const SemanticCacheLever &, const SemanticCacheLever &) = default;
};

/// A share of calls sent to a cheaper model of the price book.
struct RoutingLever
{
    LeverPlan plan;
    std::string targetModel;   // price-book entry
    double share = 0;          // share of calls routed
    double escalationRate = 0; // share of routed calls retried on the premium model
    std::string qualityGate;   // how routed answers are checked (a note)

    friend bool operator==(const RoutingLever &, const RoutingLever &) = default;
};

struct PromptOptimisationLever
{
    LeverPlan plan;
    double inputReduction = 0; // share of input tokens removed

    friend bool operator==(const PromptOptimisationLever &,
                           const PromptOptimisationLever &) = default;
};

struct OutputShorteningLever
{
    LeverPlan plan;
    double outputReduction = 0; // share of output tokens removed

    friend bool operator==(const OutputShorteningLever &, const OutputShorteningLever &) = default;
};

/// Provider prompt caching: a share of the input read at the model's cached price.
struct PromptCacheLever
{
    LeverPlan plan;
    double share = 0;        // share of the (uncached) input tokens read from the cache
    double writeShare = 0;   // share of the input tokens written to the cache per call
    double writePremium = 0; // premium on written tokens over the input price (0.25 = 1.25x)

    friend bool operator==(const PromptCacheLever &, const PromptCacheLever &) = default;
};

/// Calls that can wait, sent through the provider's batch interface.
struct BatchLever
{
    LeverPlan plan;
    double share = 0;      // share of calls batched
    double discount = 0.5; // provider's batch discount

    friend bool operator==(const BatchLever &, const BatchLever &) = default;
};

struct LayerLevers
{
    SemanticCacheLever semanticCache;
    RoutingLever routing;
    PromptOptimisationLever promptOptimisation;
    OutputShorteningLever outputShortening;
    PromptCacheLever promptCache;
    BatchLever batch;
    /// Month of the horizon whose usage the layer's token figures describe; 0 = the use case's
    /// baseline, before the horizon. A lever starting at or before it is measured against a
    /// bill it already changed (last month), not against the baseline: a model check flags it.
    double baselineMonth = 0;

    const LeverPlan &plan(LeverKind kind) const;
    LeverPlan &plan(LeverKind kind);
    bool anyEnabled() const;

    friend bool operator==(const LayerLevers &, const LayerLevers &) = default;
};

} // namespace roi
