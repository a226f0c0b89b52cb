#include "workbook.h"

namespace roi {

const PriceEntry *currentPrice(std::span<const PriceEntry> book, std::string_view model)
{
    const PriceEntry *found = nullptr;
    for (const auto &p : book) {
        if (p.model == model && (!found || p.validFrom > found->validFrom))
            found = &p;
    }
    return found;
}

bool isCurrentPrice(std::span<const PriceEntry> book, const PriceEntry &entry)
{
    return currentPrice(book, entry.model) == &entry;
}

const PriceEntry *Workbook::findPrice(std::string_view model) const
{
    return currentPrice(priceBook, model);
}

int Workbook::findUseCase(std::string_view name) const
{
    for (std::size_t i = 0; i < useCases.size(); ++i) {
        if (useCases[i].name == name)
            return static_cast<int>(i);
    }
    return -1;
}

std::vector<Scenario> defaultScenarios()
{
    using Op = AdjustmentOp;
    Scenario base{std::string(kBaseScenario), "The planning case: inputs as entered.", {}};
    Scenario best{std::string(kBestScenario),
                  "Faster adoption, more time saved, more volume, cheaper tokens, less review.",
                  {
                      {"ramp.steadyAdoption", Op::Multiply, 1.1, {}},
                      {"drivers[*].minutesWithAi", Op::Multiply, 0.8, {}},
                      {"baseline.volume", Op::Multiply, 1.15, {}},
                      {"prices[*].input", Op::Multiply, 0.8, {}},
                      {"prices[*].output", Op::Multiply, 0.8, {}},
                      {"prices[*].cachedInput", Op::Multiply, 0.8, {}},
                      {"layers[*].share", Op::Multiply, 0.7, {}},
                  }};
    Scenario worst{std::string(kWorstScenario),
                   "Slower, smaller adoption, less time saved, less volume, dearer tokens, more "
                   "review, a three-month slip.",
                   {
                       {"ramp.steadyAdoption", Op::Multiply, 0.7, {}},
                       {"drivers[*].minutesWithAi", Op::Multiply, 1.3, {}},
                       {"baseline.volume", Op::Multiply, 0.85, {}},
                       {"prices[*].input", Op::Multiply, 1.25, {}},
                       {"prices[*].output", Op::Multiply, 1.25, {}},
                       {"prices[*].cachedInput", Op::Multiply, 1.25, {}},
                       {"layers[*].share", Op::Multiply, 1.5, {}},
                       {"ramp.goLiveDelay", Op::Add, 3, {}},
                   }};
    return {std::move(base), std::move(best), std::move(worst)};
}

Workbook newWorkbook()
{
    Workbook wb;
    wb.scenarios = defaultScenarios();
    return wb;
}

UseCase newUseCase(std::string name, YearMonth goLive)
{
    UseCase uc;
    uc.name = std::move(name);
    uc.ramp.goLive = goLive;
    uc.ramp.rampMonths = 6;
    uc.ramp.curve = RampCurve::SCurve;
    CostLayer tokens;
    tokens.name = "Model tokens";
    tokens.type = LayerType::TokenUsage;
    tokens.category = CostCategory::ModelTokens;
    CostLayer infra;
    infra.name = "Hosting & retrieval";
    infra.type = LayerType::FixedMonthly;
    infra.category = CostCategory::Infrastructure;
    CostLayer staff;
    staff.name = "Engineering";
    staff.type = LayerType::Staff;
    staff.category = CostCategory::Integration;
    CostLayer review;
    review.name = "Human review";
    review.type = LayerType::HumanReview;
    review.category = CostCategory::HumanReview;
    uc.layers = {tokens, infra, staff, review};
    ValueDriver labor;
    labor.name = "Labor reclaimed";
    labor.kind = DriverKind::LaborReclaimed;
    labor.cashableShare = kDefaultCashableShare;
    uc.drivers = {labor};
    return uc;
}

} // namespace roi
