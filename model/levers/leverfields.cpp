#include "leverfields.h"

#include <vector>

namespace roi {

namespace {

using U = ValueUnit;

template<LeverKind K>
LeverPlan &planOf(LayerLevers &l)
{
    return l.plan(K);
}

template<LeverKind K>
void addPlanFields(std::vector<LeverField> &out)
{
    out.push_back({K,
                   {"startMonth", "Starts in month", U::MonthNumber, 1, 120, true,
                    "Month of the horizon the lever starts in (1 = first month)."},
                   [](LayerLevers &l) {
                       return &planOf<K>(l).startMonth;
                   }});
    out.push_back({K,
                   {"rampMonths", "Months to full effect", U::Months, 0, 120, false,
                    "Months from the start until the lever has its full effect; 0 = at once."},
                   [](LayerLevers &l) {
                       return &planOf<K>(l).rampMonths;
                   }});
    out.push_back({K,
                   {"oneTimeCost", "One-time cost", U::Money, 0, 1e12, false,
                    "Implementation cost, paid in the start month."},
                   [](LayerLevers &l) {
                       return &planOf<K>(l).oneTimeCost;
                   }});
    out.push_back({K,
                   {"monthlyCost", "Monthly cost", U::Money, 0, 1e12, false,
                    "Running cost per month from the start month on (infrastructure, upkeep)."},
                   [](LayerLevers &l) {
                       return &planOf<K>(l).monthlyCost;
                   }});
}

struct Table
{
    std::vector<LeverField> all;
    // [begin, end) of each lever's fields in `all`; index kLeverCount is the layer-wide block.
    std::size_t begin[kLeverCount + 1] = {};
    std::size_t end[kLeverCount + 1] = {};
};

Table build()
{
    Table t;
    auto &v = t.all;
    auto open = [&](LeverKind k) {
        t.begin[static_cast<int>(k)] = v.size();
    };
    auto close = [&](LeverKind k) {
        t.end[static_cast<int>(k)] = v.size();
    };

    open(LeverKind::SemanticCache);
    addPlanFields<LeverKind::SemanticCache>(v);
    v.push_back({LeverKind::SemanticCache,
                 {"hitRate", "Cache hit rate", U::Share, 0, 1, false,
                  "Share of calls answered from the response cache instead of the model."},
                 [](LayerLevers &l) {
                     return &l.semanticCache.hitRate;
                 }});
    v.push_back({LeverKind::SemanticCache,
                 {"lookupCostPerCall", "Lookup cost per call", U::Money, 0, 1e6, false,
                  "Embedding and vector lookup per call that goes through the cache; net it out "
                  "before claiming savings."},
                 [](LayerLevers &l) {
                     return &l.semanticCache.lookupCostPerCall;
                 }});
    v.push_back({LeverKind::SemanticCache,
                 {"falseHitRate", "False-hit rate", U::Share, 0, 1, false,
                  "Share of cache hits that return an answer wrong for the question asked."},
                 [](LayerLevers &l) {
                     return &l.semanticCache.falseHitRate;
                 }});
    v.push_back({LeverKind::SemanticCache,
                 {"costPerFalseHit", "Cost per false hit", U::Money, 0, 1e9, false,
                  "What one wrong cached answer costs to find and fix."},
                 [](LayerLevers &l) {
                     return &l.semanticCache.costPerFalseHit;
                 }});
    close(LeverKind::SemanticCache);

    open(LeverKind::Routing);
    addPlanFields<LeverKind::Routing>(v);
    v.push_back({LeverKind::Routing,
                 {"share", "Share routed", U::Share, 0, 1, false,
                  "Share of calls sent to the cheaper model."},
                 [](LayerLevers &l) {
                     return &l.routing.share;
                 }});
    v.push_back({LeverKind::Routing,
                 {"escalationRate", "Escalation rate", U::Share, 0, 1, false,
                  "Share of routed calls retried on the premium model: paid twice."},
                 [](LayerLevers &l) {
                     return &l.routing.escalationRate;
                 }});
    close(LeverKind::Routing);

    open(LeverKind::PromptOptimisation);
    addPlanFields<LeverKind::PromptOptimisation>(v);
    v.push_back({LeverKind::PromptOptimisation,
                 {"inputReduction", "Input-token reduction", U::Share, 0, 0.99, false,
                  "Share of input tokens a shorter prompt removes (at most 99%: a call needs a "
                  "prompt)."},
                 [](LayerLevers &l) {
                     return &l.promptOptimisation.inputReduction;
                 }});
    close(LeverKind::PromptOptimisation);

    open(LeverKind::OutputShortening);
    addPlanFields<LeverKind::OutputShortening>(v);
    v.push_back({LeverKind::OutputShortening,
                 {"outputReduction", "Output-token reduction", U::Share, 0, 0.99, false,
                  "Share of output tokens shorter answers save (at most 99%: a call needs an "
                  "answer)."},
                 [](LayerLevers &l) {
                     return &l.outputShortening.outputReduction;
                 }});
    close(LeverKind::OutputShortening);

    open(LeverKind::PromptCache);
    addPlanFields<LeverKind::PromptCache>(v);
    v.push_back({LeverKind::PromptCache,
                 {"share", "Share read from cache", U::Share, 0, 1, false,
                  "Share of the uncached input tokens read from the provider's prompt cache at "
                  "the model's cached price."},
                 [](LayerLevers &l) {
                     return &l.promptCache.share;
                 }});
    v.push_back({LeverKind::PromptCache,
                 {"writeShare", "Share written to cache", U::Share, 0, 1, false,
                  "Share of the input tokens written to the cache per call (cache misses on "
                  "the cached prefix)."},
                 [](LayerLevers &l) {
                     return &l.promptCache.writeShare;
                 }});
    v.push_back({LeverKind::PromptCache,
                 {"writePremium", "Cache-write premium", U::Share, 0, 10, false,
                  "Extra charged on tokens written to the cache, over the input price (0.25 = "
                  "1.25x); 0 where the provider charges none."},
                 [](LayerLevers &l) {
                     return &l.promptCache.writePremium;
                 }});
    close(LeverKind::PromptCache);

    open(LeverKind::Batch);
    addPlanFields<LeverKind::Batch>(v);
    v.push_back({LeverKind::Batch,
                 {"share", "Share batched", U::Share, 0, 1, false,
                  "Share of calls that can wait for the provider's batch interface."},
                 [](LayerLevers &l) {
                     return &l.batch.share;
                 }});
    v.push_back({LeverKind::Batch,
                 {"discount", "Batch discount", U::Share, 0, 1, false,
                  "Discount of batch calls on the normal price (0.5 = half price)."},
                 [](LayerLevers &l) {
                     return &l.batch.discount;
                 }});
    close(LeverKind::Batch);

    t.begin[kLeverCount] = v.size();
    v.push_back({LeverKind::Count,
                 {"baselineMonth", "Token figures measured in month", U::MonthNumber, 0, 120, true,
                  "Month of the horizon whose usage the layer's token figures describe; 0 = the "
                  "use case's baseline. Savings are measured against these figures."},
                 [](LayerLevers &l) {
                     return &l.baselineMonth;
                 }});
    t.end[kLeverCount] = v.size();
    return t;
}

const Table &table()
{
    static const Table t = build();
    return t;
}

} // namespace

std::string_view leverKey(LeverKind kind)
{
    switch (kind) {
    case LeverKind::SemanticCache:
        return "semanticCache";
    case LeverKind::Routing:
        return "routing";
    case LeverKind::PromptOptimisation:
        return "promptOptimisation";
    case LeverKind::OutputShortening:
        return "outputShortening";
    case LeverKind::PromptCache:
        return "promptCache";
    case LeverKind::Batch:
        return "batch";
    case LeverKind::Count:
        break;
    }
    return {};
}

std::string_view leverLabel(LeverKind kind)
{
    switch (kind) {
    case LeverKind::SemanticCache:
        return "Semantic caching";
    case LeverKind::Routing:
        return "Model routing";
    case LeverKind::PromptOptimisation:
        return "Prompt optimisation";
    case LeverKind::OutputShortening:
        return "Output shortening";
    case LeverKind::PromptCache:
        return "Prompt caching";
    case LeverKind::Batch:
        return "Batch";
    case LeverKind::Count:
        break;
    }
    return {};
}

const LeverPlan &LayerLevers::plan(LeverKind kind) const
{
    return const_cast<LayerLevers *>(this)->plan(kind);
}

LeverPlan &LayerLevers::plan(LeverKind kind)
{
    switch (kind) {
    case LeverKind::SemanticCache:
        return semanticCache.plan;
    case LeverKind::Routing:
        return routing.plan;
    case LeverKind::PromptOptimisation:
        return promptOptimisation.plan;
    case LeverKind::OutputShortening:
        return outputShortening.plan;
    case LeverKind::PromptCache:
        return promptCache.plan;
    case LeverKind::Batch:
    case LeverKind::Count:
        break;
    }
    return batch.plan;
}

bool LayerLevers::anyEnabled() const
{
    return semanticCache.plan.enabled || routing.plan.enabled || promptOptimisation.plan.enabled
           || outputShortening.plan.enabled || promptCache.plan.enabled || batch.plan.enabled;
}

std::string LeverField::path() const
{
    if (lever == LeverKind::Count)
        return std::string(info.key);
    std::string out(leverKey(lever));
    out += '.';
    out += info.key;
    return out;
}

std::span<const LeverField> leverFields()
{
    return table().all;
}

std::span<const LeverField> leverFields(LeverKind kind)
{
    const Table &t = table();
    const auto i = static_cast<std::size_t>(kind);
    return std::span<const LeverField>(t.all).subspan(t.begin[i], t.end[i] - t.begin[i]);
}

const LeverField *findLeverField(std::string_view path)
{
    const auto dot = path.find('.');
    const std::string_view lever =
        dot == std::string_view::npos ? std::string_view{} : path.substr(0, dot);
    const std::string_view key = dot == std::string_view::npos ? path : path.substr(dot + 1);
    for (const LeverField &f : table().all) {
        if (f.info.key == key
            && (f.lever == LeverKind::Count ? lever.empty() : leverKey(f.lever) == lever))
            return &f;
    }
    return nullptr;
}

} // namespace roi
