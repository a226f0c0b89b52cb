#include "synthetic.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

namespace roibench {

using namespace roi;

namespace {

/// Uniform numbers from an exactly specified engine, without std:: distributions (whose output
/// differs between standard libraries).
class Random
{
public:
    explicit Random(std::uint64_t seed)
        : m_engine(seed)
    {}
    double uniform(double lo, double hi)
    {
        const double u = static_cast<double>(m_engine() >> 11) * 0x1.0p-53;
        return lo + (hi - lo) * u;
    }
    int integer(int lo, int hi) // inclusive
    {
        return lo + static_cast<int>(m_engine() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(double p) { return uniform(0, 1) < p; }

private:
    std::mt19937_64 m_engine;
};

const char *const kModels[] = {"frontier-large", "frontier-mini", "open-70b", "embed-small",
                               "reasoning-xl"};
const char *const kUnits[] = {"conversation", "lead",  "contract", "invoice",
                              "ticket",       "email", "claim",    "order"};

CostLayer layer(std::string name, LayerType type, CostCategory category)
{
    CostLayer l;
    l.name = std::move(name);
    l.type = type;
    l.category = category;
    return l;
}

UseCase makeUseCase(int index, int months, Random &rnd)
{
    const YearMonth start{2027, 1};
    UseCase uc;
    uc.name = "Use case " + std::to_string(index + 1);
    uc.description = "Synthetic use case for the benchmarks.";
    Baseline &b = uc.baseline;
    b.capturedOn = {2026, rnd.integer(1, 12), rnd.integer(1, 28)};
    b.source = "Synthetic";
    // Use cases work on their own units of work ("ticket (team 3)"); every 20th shares the
    // previous one's, so the double-count check has something to find.
    const int team = index % 20 == 19 ? index - 1 : index;
    b.unit = std::string(kUnits[team % 8]) + " (team " + std::to_string(team / 8 + 1) + ")";
    b.volume = std::round(rnd.uniform(1000, 200000));
    b.minutesPerUnit = std::round(rnd.uniform(2, 60));
    b.hourlyRate = std::round(rnd.uniform(25, 150));
    b.errorRate = rnd.uniform(0.02, 0.15);
    b.conversionRate = rnd.uniform(0, 0.2);
    b.costPerUnit = rnd.uniform(1, 40);
    uc.outcome = {"outcome", rnd.uniform(0.5, 1)};

    // The four layers every case needs, then 0-4 more of the other types: 4-8 in all.
    CostLayer tokens = layer("Model tokens", LayerType::TokenUsage, CostCategory::ModelTokens);
    tokens.model = kModels[rnd.integer(0, 4)];
    tokens.callsPerUnit = rnd.integer(1, 4);
    tokens.inputTokens = std::round(rnd.uniform(200, 8000));
    tokens.outputTokens = std::round(rnd.uniform(50, 2000));
    tokens.cachedInputTokens = rnd.chance(0.5) ? std::round(rnd.uniform(0, 20000)) : 0;
    tokens.overhead = rnd.uniform(0, 0.2);
    CostLayer infra =
        layer("Hosting & retrieval", LayerType::FixedMonthly, CostCategory::Infrastructure);
    infra.amount = std::round(rnd.uniform(100, 5000));
    CostLayer staff = layer("Engineering", LayerType::Staff, CostCategory::Integration);
    staff.fte = rnd.uniform(0.1, 2);
    staff.annualCost = std::round(rnd.uniform(90000, 220000));
    CostLayer review = layer("Human review", LayerType::HumanReview, CostCategory::HumanReview);
    review.share = rnd.uniform(0.02, 0.3);
    review.minutesPerReview = rnd.uniform(0.2, 10);
    review.hourlyRate = std::round(rnd.uniform(30, 120));
    uc.layers = {tokens, infra, staff, review};
    const int extra = rnd.integer(0, 4);
    for (int e = 0; e < extra; ++e) {
        switch (e) {
        case 0: {
            CostLayer vendor = layer("Vendor fee", LayerType::PerUnit, CostCategory::Other);
            vendor.basis = static_cast<UnitBasis>(rnd.integer(0, 2));
            vendor.unitCost = rnd.uniform(0.001, 0.2);
            uc.layers.push_back(vendor);
            break;
        }
        case 1: {
            CostLayer build =
                layer("Integration build", LayerType::OneTime, CostCategory::Integration);
            build.amount = std::round(rnd.uniform(10000, 200000));
            build.month = rnd.integer(1, std::min(6, months));
            build.spreadMonths = rnd.integer(1, 6);
            uc.layers.push_back(build);
            break;
        }
        case 2: {
            CostLayer governance =
                layer("Data governance", LayerType::Staff, CostCategory::DataGovernance);
            governance.fte = rnd.uniform(0.05, 0.5);
            governance.annualCost = std::round(rnd.uniform(100000, 200000));
            uc.layers.push_back(governance);
            break;
        }
        default: {
            CostLayer training = layer("Training", LayerType::OneTime, CostCategory::Training);
            training.amount = std::round(rnd.uniform(2000, 30000));
            training.month = rnd.integer(1, std::min(4, months));
            uc.layers.push_back(training);
            break;
        }
        }
    }

    // 2-4 drivers: labor reclaimed always, then kinds in turn so every kind appears.
    ValueDriver labor;
    labor.name = "Time reclaimed";
    labor.kind = DriverKind::LaborReclaimed;
    labor.minutesWithAi = std::round(b.minutesPerUnit * rnd.uniform(0.2, 0.8));
    labor.shareCounted = rnd.uniform(0.4, 1);
    uc.drivers = {labor};
    const int drivers = rnd.integer(2, 4);
    for (int d = 1; d < drivers; ++d) {
        ValueDriver v;
        v.kind = static_cast<DriverKind>(1 + (index + d) % 7); // every kind but labor
        v.name = "Driver " + std::to_string(d);
        v.hard = v.kind != DriverKind::SoftValue;
        switch (v.kind) {
        case DriverKind::AddedCapacity:
            v.term = NumeratorTerm::AvoidedCost;
            v.capacityMode = rnd.chance(0.5) ? CapacityMode::PerUnit : CapacityMode::AvoidedHires;
            v.extraUnits = std::round(b.volume * rnd.uniform(0.05, 0.3));
            v.valuePerUnit = rnd.uniform(0.5, 5);
            v.hires = rnd.integer(1, 5);
            v.annualCostPerHire = std::round(rnd.uniform(50000, 120000));
            break;
        case DriverKind::RevenueUplift:
            v.term = NumeratorTerm::Revenue;
            v.area = ValueArea::RevenueGrowth;
            v.conversionLift = rnd.uniform(0.001, 0.03);
            v.valuePerConversion = rnd.uniform(20, 500);
            v.shareCounted = rnd.uniform(0.3, 1);
            break;
        case DriverKind::Retention:
            v.term = NumeratorTerm::Revenue;
            v.customers = std::round(rnd.uniform(1000, 50000));
            v.churnReduction = rnd.uniform(0.001, 0.02);
            v.annualValuePerCustomer = rnd.uniform(100, 2000);
            break;
        case DriverKind::NewRevenue:
            v.term = NumeratorTerm::Revenue;
            v.unitsSold = std::round(rnd.uniform(50, 2000));
            v.price = rnd.uniform(10, 50);
            v.costToServe = rnd.uniform(1, 8);
            break;
        case DriverKind::GrossMarginGain:
            v.term = NumeratorTerm::GrossMargin;
            v.marginPoints = rnd.uniform(0.001, 0.01);
            v.revenueBase = std::round(rnd.uniform(1e5, 5e6));
            break;
        case DriverKind::AvoidedCost:
            v.avoidedMode =
                rnd.chance(0.5) ? AvoidedMode::FixedMonthly : AvoidedMode::ErrorReduction;
            v.amount = std::round(rnd.uniform(500, 20000));
            v.errorReduction = b.errorRate * rnd.uniform(0.1, 0.6);
            v.costPerError = rnd.uniform(5, 80);
            break;
        default: // SoftValue
            v.metric = "CSAT";
            v.metricBaseline = 75;
            v.metricTarget = 82;
            v.moneyValue = std::round(rnd.uniform(0, 10000));
            break;
        }
        uc.drivers.push_back(v);
    }
    uc.risk = {rnd.uniform(0, 0.08), rnd.uniform(0, 0.1), rnd.uniform(0, 0.03)};
    uc.ramp.goLive = start.addMonths(rnd.integer(0, 6));
    uc.ramp.curve = rnd.chance(0.6) ? RampCurve::SCurve : RampCurve::Linear;
    uc.ramp.rampMonths = rnd.integer(2, 9);
    uc.ramp.steadyAdoption = rnd.uniform(0.5, 0.95);
    uc.ramp.volumeGrowth = rnd.uniform(0, 0.02);
    uc.ramp.tokenPriceDecline = rnd.uniform(0.1, 0.5);
    uc.maturity = static_cast<MaturityStage>(rnd.integer(0, 3));
    uc.scorecard = {{ScorecardBucket::Outcomes, "Resolution", "%", 70, 80, std::nullopt},
                    {ScorecardBucket::Cost, "Cost per unit", "USD", b.costPerUnit,
                     b.costPerUnit / 2, std::nullopt}};
    return uc;
}

} // namespace

Workbook syntheticWorkbook(int useCases, int months, std::uint64_t seed)
{
    Random rnd(seed);
    Workbook wb = newWorkbook(); // Base, Best and Worst
    wb.settings.name = "Synthetic portfolio";
    wb.settings.startMonth = {2027, 1};
    wb.settings.horizonMonths = months;
    wb.priceBook = {{kModels[0], 2.5, 10, 1.25, Date{2026, 11, 1}},
                    {kModels[1], 0.15, 0.6, 0.075, Date{2026, 11, 1}},
                    {kModels[2], 0.6, 0.8, 0.3, Date{2026, 10, 15}},
                    {kModels[3], 0.02, 0.05, 0.01, Date{2026, 9, 1}},
                    {kModels[4], 15, 60, 7.5, Date{2026, 12, 1}}};
    wb.useCases.reserve(static_cast<std::size_t>(useCases));
    for (int i = 0; i < useCases; ++i)
        wb.useCases.push_back(makeUseCase(i, months, rnd));
    return wb;
}

} // namespace roibench
