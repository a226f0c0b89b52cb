// The closed vocabularies of the domain model, with their stable file names (used in .roiwb files
// and named inputs) and their display labels (used by forms and reports).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace roi {

enum class LayerType { TokenUsage, FixedMonthly, Staff, HumanReview, PerUnit, OneTime };
enum class CostCategory {
    ModelTokens,
    Infrastructure,
    Integration,
    DataGovernance,
    Training,
    HumanReview,
    Other
};
/// What a per-unit layer is charged on.
enum class UnitBasis { HandledUnit, Outcome, Call };
enum class DriverKind {
    LaborReclaimed,
    AddedCapacity,
    RevenueUplift,
    Retention,
    NewRevenue,
    GrossMarginGain,
    AvoidedCost,
    SoftValue
};
/// The term of the ROI numerator a hard driver adds to.
enum class NumeratorTerm { Revenue, GrossMargin, AvoidedCost };
enum class ValueArea { RevenueGrowth, OperationalEfficiency, RiskReduction, DecisionIntelligence };
/// Added capacity: valued per extra unit, or as hires that are no longer needed.
enum class CapacityMode { PerUnit, AvoidedHires };
/// Avoided cost: a fixed monthly amount, or fewer errors on handled units.
enum class AvoidedMode { FixedMonthly, ErrorReduction };
enum class RampCurve { Immediate, Linear, SCurve };
enum class MaturityStage { Readiness, Productivity, Decision, BusinessImpact };
enum class ScorecardBucket { Outcomes, Adoption, Quality, Speed, Cost };
enum class AdjustmentOp { Multiply, Set, Add };
enum class Severity { Info, Warning, Error };

inline constexpr int kCategoryCount = 7;

template<typename E>
struct EnumInfo; // specialised below: names (file) and labels (display)

#define ROI_ENUM_INFO(E, ...)                                                                      \
    template<>                                                                                     \
    struct EnumInfo<E>                                                                             \
    {                                                                                              \
        static constexpr std::array entries = {__VA_ARGS__};                                       \
    };

struct EnumEntry
{
    std::string_view name;
    std::string_view label;
};

ROI_ENUM_INFO(LayerType, EnumEntry{"tokenUsage", "Token usage"},
              EnumEntry{"fixedMonthly", "Fixed monthly"}, EnumEntry{"staff", "Staff"},
              EnumEntry{"humanReview", "Human review"}, EnumEntry{"perUnit", "Per unit"},
              EnumEntry{"oneTime", "One-time"})
ROI_ENUM_INFO(CostCategory, EnumEntry{"modelTokens", "Model & tokens"},
              EnumEntry{"infrastructure", "Infrastructure & APIs"},
              EnumEntry{"integration", "Integration & maintenance"},
              EnumEntry{"dataGovernance", "Data preparation & governance"},
              EnumEntry{"training", "Training & enablement"},
              EnumEntry{"humanReview", "Human review & quality"}, EnumEntry{"other", "Other"})
ROI_ENUM_INFO(UnitBasis, EnumEntry{"handledUnit", "per handled unit"},
              EnumEntry{"outcome", "per outcome"}, EnumEntry{"call", "per model call"})
ROI_ENUM_INFO(DriverKind, EnumEntry{"laborReclaimed", "Labor reclaimed"},
              EnumEntry{"addedCapacity", "Added capacity"},
              EnumEntry{"revenueUplift", "Revenue uplift"}, EnumEntry{"retention", "Retention"},
              EnumEntry{"newRevenue", "New revenue"},
              EnumEntry{"grossMarginGain", "Gross margin gain"},
              EnumEntry{"avoidedCost", "Avoided cost"}, EnumEntry{"softValue", "Soft value"})
ROI_ENUM_INFO(NumeratorTerm, EnumEntry{"revenue", "Δ Revenue"},
              EnumEntry{"grossMargin", "Δ Gross margin"}, EnumEntry{"avoidedCost", "Avoided cost"})
ROI_ENUM_INFO(ValueArea, EnumEntry{"revenueGrowth", "Revenue growth"},
              EnumEntry{"operationalEfficiency", "Operational efficiency"},
              EnumEntry{"riskReduction", "Risk reduction"},
              EnumEntry{"decisionIntelligence", "Decision intelligence"})
ROI_ENUM_INFO(CapacityMode, EnumEntry{"perUnit", "Value per extra unit"},
              EnumEntry{"avoidedHires", "Avoided hires"})
ROI_ENUM_INFO(AvoidedMode, EnumEntry{"fixedMonthly", "Fixed monthly amount"},
              EnumEntry{"errorReduction", "Error-rate reduction"})
ROI_ENUM_INFO(RampCurve, EnumEntry{"immediate", "Immediate"}, EnumEntry{"linear", "Linear"},
              EnumEntry{"sCurve", "S-curve"})
ROI_ENUM_INFO(MaturityStage, EnumEntry{"readiness", "Readiness"},
              EnumEntry{"productivity", "Productivity"}, EnumEntry{"decision", "Decision"},
              EnumEntry{"businessImpact", "Business impact"})
ROI_ENUM_INFO(ScorecardBucket, EnumEntry{"outcomes", "Outcomes"}, EnumEntry{"adoption", "Adoption"},
              EnumEntry{"quality", "Quality"}, EnumEntry{"speed", "Speed"},
              EnumEntry{"cost", "Cost"})
ROI_ENUM_INFO(AdjustmentOp, EnumEntry{"multiply", "×"}, EnumEntry{"set", "="},
              EnumEntry{"add", "+"})
ROI_ENUM_INFO(Severity, EnumEntry{"info", "Info"}, EnumEntry{"warning", "Warning"},
              EnumEntry{"error", "Error"})

#undef ROI_ENUM_INFO

template<typename E>
constexpr std::size_t enumCount()
{
    return EnumInfo<E>::entries.size();
}

/// The stable name written to files, e.g. "tokenUsage".
template<typename E>
constexpr std::string_view enumName(E value)
{
    return EnumInfo<E>::entries[static_cast<std::size_t>(value)].name;
}

/// The label shown to users, e.g. "Token usage".
template<typename E>
constexpr std::string_view enumLabel(E value)
{
    return EnumInfo<E>::entries[static_cast<std::size_t>(value)].label;
}

template<typename E>
constexpr std::optional<E> enumFromName(std::string_view name)
{
    const auto &entries = EnumInfo<E>::entries;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].name == name)
            return static_cast<E>(i);
    }
    return std::nullopt;
}

} // namespace roi
