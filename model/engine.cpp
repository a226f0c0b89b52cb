#include "engine.h"

#include "checks.h"
#include "finance.h"
#include "hurdle.h"
#include "inputs.h"
#include "levers/leverengine.h"
#include "portfoliokpis.h"
#include "twothreads.h"
#include "vectorclones.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

namespace roi {

namespace {

struct ParsedAdjustment
{
    const InputPath *path; // into Scratch::parsedInputs
    const Adjustment *source;
};

/// An adjustment's input name as last parsed on this thread: analytics recompute the same
/// workbook many times, and its names need parsing once.
struct ParsedInput
{
    bool done = false; // parsed at least once
    std::string text;
    std::optional<InputPath> path;
    std::string error;
};

/// Inputs of one use case under one scenario, resolved once before the monthly loop.
struct Prepared
{
    const UseCase *uc = nullptr;
    std::span<const PriceEntry> prices;
    double discountRate = 0;
    bool softInHeadline = false;
    bool capacityInHeadline = false;
    double hurdleRate = 0;
    int goLive = 1;      // month index (1-based) of go-live, delay included
    bool allKpis = true; // ComputeOptions::allKpis
};

/// Scratch space reused across use cases so the loop allocates only the results.
struct Workspace
{
    std::vector<double> tokenSpendPerCall; // per layer: Σ tokens × price per million
    std::vector<double> layerCost;         // per layer, one month
    std::vector<double> driverValue;       // per driver, one month
    std::vector<PriceEntry> prices;        // price book copy when a scenario adjusts prices
    UseCase useCase;                       // use-case copy when a scenario adjusts it
    // Where each layer's and driver's monthly values go, resolved once per case rather than
    // once per month (the month loop is the hot path of every recompute).
    std::vector<double *> layerRows;
    std::vector<double *> layerCategoryRows;
    std::vector<double *> driverGrossRows;
    std::vector<double *> driverNetRows;
    std::vector<double> rampFactor;       // per month: adoption / steady adoption
    std::vector<double> priceFactor;      // per month: token price relative to today
    std::vector<double *> runRateLayers;  // into layerCost
    std::vector<double *> runRateDrivers; // into driverValue
    std::vector<const double *> termRows; // net rows of the drivers of one numerator term
    std::vector<double> termShares;       // their cashable shares (1 for most kinds)
    // Cases whose IRR and hurdle KPIs are still to come (see solveDeferredIrrs).
    std::vector<std::pair<CaseResult *, double>> deferredIrr; // (result, hurdle rate)
    std::vector<std::span<const double>> irrFlows;
    std::vector<Kpi> irrs;
    std::vector<int> irrCounts;
};

/// The IRR and the hurdle KPIs (which compare the IRR with the hurdle) of the cases computeCase
/// left them to, solved together: irrAnnualMany takes four at a time, the same answers.
void solveDeferredIrrs(Workspace &ws)
{
    const std::size_t n = ws.deferredIrr.size();
    ws.irrFlows.resize(n);
    ws.irrs.resize(n);
    ws.irrCounts.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        ws.irrFlows[i] = std::as_const(*ws.deferredIrr[i].first).row(Row::Net);
    irrAnnualMany(ws.irrFlows, ws.irrs.data(), ws.irrCounts.data());
    for (std::size_t i = 0; i < n; ++i) {
        CaseResult &r = *ws.deferredIrr[i].first;
        r.kpis.irrAnnual = ws.irrs[i];
        r.kpis.irrCount = ws.irrCounts[i];
        computeHurdleKpis(r.kpis, r.row(Row::Net), ws.deferredIrr[i].second);
    }
    ws.deferredIrr.clear();
}

/// Everything compute() needs besides the results, per thread (see compute()).
struct Scratch
{
    Workspace ws;
    std::vector<std::vector<ParsedAdjustment>> parsed; // per scenario
    std::vector<ParsedInput> parsedInputs;             // per adjustment, scenarios in order
    std::vector<double> discountRates;                 // per scenario
    std::vector<double> hurdleRates;                   // per scenario
};

/// This thread's scratch space (a function, so that the engine's helper thread constructs its
/// own on first use).
Scratch &threadScratch()
{
    thread_local Scratch scratch;
    return scratch;
}

double adoptionAt(const RampUp &ramp, int goLive, int t)
{
    if (t < goLive)
        return 0.0;
    if (ramp.curve == RampCurve::Immediate || ramp.rampMonths <= 0)
        return ramp.steadyAdoption;
    const double x = static_cast<double>(t - goLive + 1) / ramp.rampMonths;
    return ramp.steadyAdoption * rampCurve(ramp.curve, x);
}

/// Cost per layer and value per driver over `n` months: each formula written once, for the
/// projection (n = horizon) and the run rate (n = 1). Inputs are monthly rows: handled units,
/// `rampFactor` = adoption / steady adoption (it scales the drivers not tied to handled units)
/// and the token price factor. Month m has index t = t0 + m; t = 0 is the run rate, which has
/// no one-time costs. Writes outcomes[m], calls[m], layerOut[i][m] and driverOut[i][m].
/// Layer by layer over all months rather than month by month over every layer: the loops are
/// short and branch-free, and each value is the same expression as before, so the same double.
ROI_VECTOR_CLONES void evaluate(const Prepared &p, const Workspace &ws, int n, int t0,
                                const double *handled, const double *rampFactor,
                                const double *priceFactor, double *outcomes, double *calls,
                                double *const *layerOut, double *const *driverOut)
{
    // Inputs are copied to locals before each loop and the constant left-hand part of each
    // product is formed once: the stores to the rows could otherwise alias the inputs, so the
    // compiler would reload them every month and not vectorise. Products associate to the left,
    // so a constant prefix gives the same double as the expression written out.
    const UseCase &uc = *p.uc;
    const double perUnit = uc.outcome.perUnit;
    for (int m = 0; m < n; ++m) {
        outcomes[m] = handled[m] * perUnit;
        calls[m] = 0;
    }
    for (const CostLayer &l : uc.layers) {
        if (l.type == LayerType::TokenUsage) {
            const double callsPerUnit = l.callsPerUnit;
            for (int m = 0; m < n; ++m)
                calls[m] += handled[m] * callsPerUnit;
        }
    }
    for (std::size_t i = 0; i < uc.layers.size(); ++i) {
        const CostLayer &l = uc.layers[i];
        double *out = layerOut[i];
        switch (l.type) {
        case LayerType::TokenUsage: {
            // Whole token counts times prices stay exact before the one division, so the
            // acceptance figures come out to the cent without rounding noise.
            const double spend = ws.tokenSpendPerCall[i];
            const double callsPerUnit = l.callsPerUnit;
            const double overhead = 1.0 + l.overhead;
            for (int m = 0; m < n; ++m)
                out[m] = handled[m] * callsPerUnit * spend / 1e6 * overhead * priceFactor[m];
            break;
        }
        case LayerType::FixedMonthly: {
            const double amount = l.amount;
            for (int m = 0; m < n; ++m)
                out[m] = amount;
            break;
        }
        case LayerType::Staff: {
            const double monthly = l.fte * l.annualCost / 12.0;
            for (int m = 0; m < n; ++m)
                out[m] = monthly;
            break;
        }
        case LayerType::HumanReview: {
            const double share = l.share;
            const double minutes = l.minutesPerReview;
            const double rate = l.hourlyRate;
            for (int m = 0; m < n; ++m)
                out[m] = handled[m] * share * minutes * rate / 60.0;
            break;
        }
        case LayerType::PerUnit: {
            const double *base = l.basis == UnitBasis::HandledUnit ? handled
                                 : l.basis == UnitBasis::Outcome   ? outcomes
                                                                   : calls;
            const double unitCost = l.unitCost;
            for (int m = 0; m < n; ++m)
                out[m] = unitCost * base[m];
            break;
        }
        case LayerType::OneTime: {
            const int first = static_cast<int>(l.month);
            const int spread = std::max(1, static_cast<int>(l.spreadMonths));
            const double each = l.amount / spread;
            // Zero outside months [first, first + spread), `each` inside.
            std::fill(out, out + n, 0.0);
            for (int t = std::max(first, t0); t < std::min(first + spread, t0 + n); ++t)
                out[t - t0] = each;
            break;
        }
        }
    }
    const Baseline &b = uc.baseline;
    for (std::size_t i = 0; i < uc.drivers.size(); ++i) {
        const ValueDriver &d = uc.drivers[i];
        const double share = d.shareCounted;
        double *out = driverOut[i];
        switch (d.kind) {
        case DriverKind::LaborReclaimed: {
            const double perUnit = (b.minutesPerUnit - d.minutesWithAi) / 60.0 * b.hourlyRate;
            for (int m = 0; m < n; ++m)
                out[m] = perUnit * handled[m] * share;
            break;
        }
        case DriverKind::AddedCapacity: {
            const double steady = d.capacityMode == CapacityMode::PerUnit
                                      ? d.extraUnits * d.valuePerUnit
                                      : d.hires * d.annualCostPerHire / 12.0;
            for (int m = 0; m < n; ++m)
                out[m] = steady * rampFactor[m] * share;
            break;
        }
        case DriverKind::RevenueUplift: {
            const double lift = d.conversionLift;
            const double value = d.valuePerConversion;
            for (int m = 0; m < n; ++m)
                out[m] = handled[m] * lift * value * share;
            break;
        }
        case DriverKind::Retention: {
            const double steady = d.customers * d.churnReduction * d.annualValuePerCustomer / 12.0;
            for (int m = 0; m < n; ++m)
                out[m] = steady * rampFactor[m] * share;
            break;
        }
        case DriverKind::NewRevenue: {
            const double steady = d.unitsSold * (d.price - d.costToServe);
            for (int m = 0; m < n; ++m)
                out[m] = steady * rampFactor[m] * share;
            break;
        }
        case DriverKind::GrossMarginGain: {
            const double steady = d.marginPoints * d.revenueBase;
            for (int m = 0; m < n; ++m)
                out[m] = steady * rampFactor[m] * share;
            break;
        }
        case DriverKind::AvoidedCost:
            if (d.avoidedMode == AvoidedMode::FixedMonthly) {
                const double amount = d.amount;
                for (int m = 0; m < n; ++m)
                    out[m] = amount * rampFactor[m] * share;
            } else {
                const double perUnit = d.errorReduction * d.costPerError;
                for (int m = 0; m < n; ++m)
                    out[m] = perUnit * handled[m] * share;
            }
            break;
        case DriverKind::SoftValue: {
            const double money = d.moneyValue;
            for (int m = 0; m < n; ++m)
                out[m] = money * rampFactor[m] * share;
            break;
        }
        }
    }
}

/// Shapes a result like CaseResult::reset, but a result that has the shape already keeps its
/// values: the engine writes every series it does not zero itself, so zeroing them all first
/// would only cost a pass over the memory.
void reshape(CaseResult &r, int months, int layers, int drivers)
{
    if (r.months() != months || r.layerCount() != layers || r.driverCount() != drivers)
        r.reset(months, layers, drivers);
}

/// Kpis{} but keeping the capacity of roiPerYear (no allocation per recompute).
void resetKpis(Kpis &k)
{
    std::vector<Kpi> years = std::move(k.roiPerYear);
    years.clear();
    k = Kpis{};
    k.roiPerYear = std::move(years);
}

bool isHard(const ValueDriver &d)
{
    return d.hard && d.kind != DriverKind::SoftValue;
}

/// The KPIs a use case and the portfolio derive alike from their totals and rows: cost per
/// inference, AI gross margin and ROI per (possibly partial) year.
void finishRatioKpis(CaseResult &r, int months)
{
    Kpis &k = r.kpis;
    double perCallTotal = 0;
    for (double v : r.row(Row::PerCallCost))
        perCallTotal += v;
    k.costPerInference = k.calls > 0 ? Kpi::of((k.tokenCost + perCallTotal) / k.calls)
                                     : Kpi::none(KpiState::Undefined);
    const double revenue = k.byTerm[static_cast<std::size_t>(NumeratorTerm::Revenue)];
    k.aiGrossMargin =
        revenue > 0 ? Kpi::of((revenue - k.tco) / revenue) : Kpi::none(KpiState::NotApplicable);
    const auto cost = r.row(Row::Cost);
    const auto benefit = r.row(Row::Benefit);
    const int years = (months + 11) / 12;
    k.roiPerYear.assign(static_cast<std::size_t>(years), Kpi{});
    for (int y = 0; y < years; ++y) {
        double c = 0;
        double b = 0;
        for (int m = y * 12; m < std::min(months, (y + 1) * 12); ++m) {
            c += cost[m];
            b += benefit[m];
        }
        k.roiPerYear[static_cast<std::size_t>(y)] =
            c > 0 ? Kpi::of((b - c) / c * 100.0) : Kpi::none(KpiState::Undefined);
    }
}

ROI_VECTOR_CLONES void computeCase(const Prepared &p, int months, Workspace &ws, CaseResult &r)
{
    const UseCase &uc = *p.uc;
    const std::size_t nl = uc.layers.size();
    const std::size_t nd = uc.drivers.size();
    ws.tokenSpendPerCall.assign(nl, 0.0);
    ws.layerCost.assign(nl, 0.0);
    ws.driverValue.assign(nd, 0.0);
    for (std::size_t i = 0; i < nl; ++i) {
        const CostLayer &l = uc.layers[i];
        if (l.type != LayerType::TokenUsage)
            continue;
        const PriceEntry *price = currentPrice(p.prices, l.model);
        if (price) {
            ws.tokenSpendPerCall[i] = l.inputTokens * price->input + l.outputTokens * price->output
                                      + l.cachedInputTokens * price->cachedInput;
        }
    }

    const RampUp &ramp = uc.ramp;
    const double riskFactor = uc.risk.factor();
    const double growth = 1.0 + ramp.volumeGrowth;
    const double priceStep = std::pow(1.0 - ramp.tokenPriceDecline, 1.0 / 12.0);
    const double steady = ramp.steadyAdoption;

    auto units = r.row(Row::Units);
    auto adoption = r.row(Row::Adoption);
    auto handledRow = r.row(Row::Handled);
    auto outcomes = r.row(Row::Outcomes);
    auto callsRow = r.row(Row::Calls);
    auto tokenCost = r.row(Row::TokenCost);
    auto perCallCost = r.row(Row::PerCallCost);
    auto cost = r.row(Row::Cost);
    auto hardGross = r.row(Row::HardGross);
    auto hardNet = r.row(Row::HardNet);
    auto soft = r.row(Row::Soft);
    auto benefit = r.row(Row::Benefit);
    auto net = r.row(Row::Net);
    auto cumulative = r.row(Row::CumulativeNet);
    auto cashableRow = r.row(Row::Cashable);
    auto capacityRow = r.row(Row::Capacity);

    ws.layerRows.resize(nl);
    ws.layerCategoryRows.resize(nl);
    for (std::size_t i = 0; i < nl; ++i) {
        ws.layerRows[i] = r.layerCost(static_cast<int>(i)).data();
        ws.layerCategoryRows[i] = r.categoryCost(uc.layers[i].category).data();
    }
    ws.driverGrossRows.resize(nd);
    ws.driverNetRows.resize(nd);
    for (std::size_t i = 0; i < nd; ++i) {
        ws.driverGrossRows[i] = r.driverGross(static_cast<int>(i)).data();
        ws.driverNetRows[i] = r.driverNet(static_cast<int>(i)).data();
    }

    // Volume, adoption and prices month by month (each depends on the month before).
    ws.rampFactor.resize(static_cast<std::size_t>(months));
    ws.priceFactor.resize(static_cast<std::size_t>(months));
    double volume = uc.baseline.volume;
    double priceFactor = 1.0;
    units[0] = volume; // months >= 1
    ws.priceFactor[0] = priceFactor;
    for (int m = 1; m < months; ++m) {
        volume *= growth;
        priceFactor *= priceStep;
        units[m] = volume;
        ws.priceFactor[m] = priceFactor;
    }
    // Adoption in three runs of months, each value the one adoptionAt gives: zero before
    // go-live; the ramp; then steady, where the curve's x is clamped to exactly 1, so one value.
    {
        const int preLive = std::clamp(p.goLive - 1, 0, months); // months with t < goLive
        const bool ramps = ramp.curve != RampCurve::Immediate && ramp.rampMonths > 0;
        const double zeroFactor = steady > 0 ? 0.0 / steady : 0.0;
        const double steadyA = ramps ? ramp.steadyAdoption * rampCurve(ramp.curve, 1.0) : steady;
        const double steadyFactor = steady > 0 ? steadyA / steady : 0.0;
        int m = 0;
        for (; m < preLive; ++m) {
            adoption[m] = 0.0;
            ws.rampFactor[m] = zeroFactor;
        }
        // On the ramp while t − goLive + 1 < rampMonths (x < 1; also while it is NaN).
        for (;
             ramps && m < months && !(static_cast<double>(m + 1 - p.goLive + 1) >= ramp.rampMonths);
             ++m) {
            const double a = adoptionAt(ramp, p.goLive, m + 1);
            adoption[m] = a;
            ws.rampFactor[m] = steady > 0 ? a / steady : 0.0;
        }
        for (; m < months; ++m) {
            adoption[m] = steadyA;
            ws.rampFactor[m] = steadyFactor;
        }
        for (m = 0; m < months; ++m)
            handledRow[m] = units[m] * adoption[m];
    }
    evaluate(p, ws, months, 1, handledRow.data(), ws.rampFactor.data(), ws.priceFactor.data(),
             outcomes.data(), callsRow.data(), ws.layerRows.data(), ws.driverGrossRows.data());
    // Levers rewrite the token layers' rows; a case without levers takes no step of it.
    const bool levers = hasLevers(uc);
    if (levers) {
        applyLevers(uc, p.prices, months, 1, handledRow.data(), ws.priceFactor.data(),
                    ws.layerRows.data(), r.levers);
    } else {
        r.levers.clear();
    }

    // Totals add the layers and drivers in their order, as a month-by-month sum would. The
    // result buffer is not zeroed for us (reshape()): the rows summed into are.
    std::fill(cashableRow.begin(), cashableRow.end(), 0.0);
    std::fill(capacityRow.begin(), capacityRow.end(), 0.0);
    if (p.allKpis) {
        for (int cat = 0; cat < kCategoryCount; ++cat) {
            auto row = r.categoryCost(static_cast<CostCategory>(cat));
            std::fill(row.begin(), row.end(), 0.0);
        }
    }
    for (int m = 0; m < months; ++m) {
        cost[m] = 0;
        tokenCost[m] = 0;
        perCallCost[m] = 0;
        hardGross[m] = 0;
        soft[m] = 0;
    }
    // The cost row adds the layers in order, up to four in one pass over it (a sum of left-
    // associated additions, so each month's double is the one layer-by-layer addition gives).
    {
        std::size_t i = 0;
        for (; i + 4 <= nl; i += 4) {
            const double *c0 = ws.layerRows[i];
            const double *c1 = ws.layerRows[i + 1];
            const double *c2 = ws.layerRows[i + 2];
            const double *c3 = ws.layerRows[i + 3];
            for (int m = 0; m < months; ++m)
                cost[m] = cost[m] + c0[m] + c1[m] + c2[m] + c3[m];
        }
        for (; i + 2 <= nl; i += 2) {
            const double *c0 = ws.layerRows[i];
            const double *c1 = ws.layerRows[i + 1];
            for (int m = 0; m < months; ++m)
                cost[m] = cost[m] + c0[m] + c1[m];
        }
        for (; i < nl; ++i) {
            const double *c = ws.layerRows[i];
            for (int m = 0; m < months; ++m)
                cost[m] += c[m];
        }
    }
    for (std::size_t i = 0; i < nl; ++i) {
        const CostLayer &l = uc.layers[i];
        const double *c = ws.layerRows[i];
        double *category = ws.layerCategoryRows[i];
        if (p.allKpis) {
            for (int m = 0; m < months; ++m)
                category[m] += c[m];
        }
        if (l.type == LayerType::TokenUsage) {
            for (int m = 0; m < months; ++m)
                tokenCost[m] += c[m];
        } else if (l.type == LayerType::PerUnit && l.basis == UnitBasis::Call) {
            for (int m = 0; m < months; ++m)
                perCallCost[m] += c[m];
        }
    }
    for (std::size_t i = 0; i < nd; ++i) {
        const double *v = ws.driverGrossRows[i];
        double *netOfRisk = ws.driverNetRows[i];
        if (isHard(uc.drivers[i]) && splitsCashable(uc.drivers[i])) {
            // Only the cashable part reaches the hard benefit; the rest is capacity, apart.
            const double cash = cashableFactor(uc.drivers[i]);
            for (int m = 0; m < months; ++m) {
                hardGross[m] += v[m] * cash;
                netOfRisk[m] = v[m] * riskFactor;
                cashableRow[m] += v[m] * cash * riskFactor;
                capacityRow[m] += v[m] * (1.0 - cash) * riskFactor;
            }
        } else if (isHard(uc.drivers[i])) {
            for (int m = 0; m < months; ++m) {
                hardGross[m] += v[m];
                netOfRisk[m] = v[m] * riskFactor;
            }
        } else {
            for (int m = 0; m < months; ++m) {
                soft[m] += v[m];
                netOfRisk[m] = v[m];
            }
        }
    }

    if (levers) // the invoice is the spend after levers, without the levers' own costs
        std::copy(r.levers.tokenSpend.begin(), r.levers.tokenSpend.end(), tokenCost.begin());

    // Month sums in local variables (the row stores below could alias members of r.kpis, which
    // would keep them in memory); each is added up in the same order as before.
    double tco = 0;
    double hardBenefitGross = 0;
    double hardBenefit = 0;
    double softTotal = 0;
    double headline = 0;
    double unitsTotal = 0;
    double handledTotal = 0;
    double outcomesTotal = 0;
    double callsTotal = 0;
    double tokenTotal = 0;
    double cashableTotal = 0;
    double capacityTotal = 0;
    double running = 0;
    // The rows first, in loops the compiler vectorises (the flags decided once), then the sums,
    // month by month in the same order as before.
    for (int m = 0; m < months; ++m)
        hardNet[m] = hardGross[m] * riskFactor;
    if (p.softInHeadline) {
        for (int m = 0; m < months; ++m)
            benefit[m] = hardNet[m] + soft[m];
    } else {
        for (int m = 0; m < months; ++m)
            benefit[m] = hardNet[m] + 0.0; // + 0.0 as before: it turns −0 into +0
    }
    if (p.capacityInHeadline) {
        for (int m = 0; m < months; ++m)
            benefit[m] += capacityRow[m];
    }
    for (int m = 0; m < months; ++m)
        net[m] = benefit[m] - cost[m];
    // The NPV (npv()'s sum: the same operations) and the last month below zero (paybackMonth()'s
    // search) ride along.
    const double npvStep = 1.0 / (1.0 + monthlyRate(p.discountRate));
    double npvDiscount = 1.0;
    double npvSum = 0;
    std::size_t lastNegative = static_cast<std::size_t>(months);
    for (int m = 0; m < months; ++m) {
        npvDiscount *= npvStep;
        npvSum += net[m] * npvDiscount;
        cashableTotal += cashableRow[m];
        capacityTotal += capacityRow[m];
        running += net[m];
        cumulative[m] = running;
        lastNegative = running < 0 ? static_cast<std::size_t>(m) : lastNegative;

        tco += cost[m];
        hardBenefitGross += hardGross[m];
        hardBenefit += hardNet[m];
        softTotal += soft[m];
        headline += benefit[m];
        unitsTotal += units[m];
        handledTotal += handledRow[m];
        outcomesTotal += outcomes[m];
        callsTotal += callsRow[m];
        tokenTotal += tokenCost[m];
    }
    Kpis &k = r.kpis;
    resetKpis(k);
    k.tco = tco;
    k.hardBenefitGross = hardBenefitGross;
    k.hardBenefit = hardBenefit;
    k.softValue = softTotal;
    k.headlineBenefit = headline;
    k.units = unitsTotal;
    k.handled = handledTotal;
    k.outcomes = outcomesTotal;
    k.calls = callsTotal;
    k.tokenCost = tokenTotal;
    k.cashableValue = cashableTotal;
    k.capacityValue = capacityTotal;
    // Each numerator term sums its hard drivers' net value month by month, drivers in order.
    for (std::size_t term = 0; p.allKpis && term < k.byTerm.size(); ++term) {
        ws.termRows.clear();
        ws.termShares.clear();
        for (std::size_t i = 0; i < nd; ++i) {
            const ValueDriver &d = uc.drivers[i];
            if (isHard(d) && static_cast<std::size_t>(d.term) == term) {
                ws.termRows.push_back(ws.driverNetRows[i]);
                ws.termShares.push_back(cashableFactor(d));
            }
        }
        // Summed month by month, the drivers in order within a month; the commonest cases (no
        // driver, one, two) without the inner loop.
        double sum = 0;
        if (ws.termRows.size() == 1) {
            const double *row = ws.termRows[0];
            const double share = ws.termShares[0];
            for (int m = 0; m < months; ++m)
                sum += row[m] * share;
        } else if (ws.termRows.size() == 2) {
            const double *row0 = ws.termRows[0];
            const double *row1 = ws.termRows[1];
            const double share0 = ws.termShares[0];
            const double share1 = ws.termShares[1];
            for (int m = 0; m < months; ++m) {
                sum += row0[m] * share0;
                sum += row1[m] * share1;
            }
        } else if (!ws.termRows.empty()) {
            for (int m = 0; m < months; ++m) {
                for (std::size_t j = 0; j < ws.termRows.size(); ++j)
                    sum += ws.termRows[j][m] * ws.termShares[j];
            }
        }
        k.byTerm[term] = sum;
    }
    k.riskDiscount = k.hardBenefitGross - k.hardBenefit;
    k.netValue = k.headlineBenefit - k.tco;
    k.roiPercent = k.tco > 0 ? Kpi::of(k.netValue / k.tco * 100.0) : Kpi::none(KpiState::Undefined);
    k.npv = npvSum;
    k.paybackMonth = paybackMonth(cumulative, lastNegative);
    if (p.allKpis) // the IRR and the hurdle KPIs: by solveDeferredIrrs, with other cases'
        ws.deferredIrr.emplace_back(&r, p.hurdleRate);
    k.costPerOutcome =
        k.outcomes > 0 ? Kpi::of(k.tco / k.outcomes) : Kpi::none(KpiState::Undefined);
    if (!p.allKpis)
        return; // the lean compute (ComputeOptions::allKpis) stops here
    finishRatioKpis(r, months);
    if (levers)
        finishLevers(cost, r.levers);

    // The run rate: baseline volume, steady adoption, today's prices, no one-time costs.
    RunRate &rr = r.runRate;
    rr.handled = uc.baseline.volume * steady;
    ws.runRateLayers.resize(nl);
    for (std::size_t i = 0; i < nl; ++i)
        ws.runRateLayers[i] = &ws.layerCost[i];
    ws.runRateDrivers.resize(nd);
    for (std::size_t i = 0; i < nd; ++i)
        ws.runRateDrivers[i] = &ws.driverValue[i];
    const double rrRampFactor = steady > 0 ? 1.0 : 0.0;
    const double rrPriceFactor = 1.0;
    double rrOutcomesScratch = 0;
    double rrCalls = 0;
    evaluate(p, ws, 1, 0, &rr.handled, &rrRampFactor, &rrPriceFactor, &rrOutcomesScratch, &rrCalls,
             ws.runRateLayers.data(), ws.runRateDrivers.data());
    if (levers) {
        applyLevers(uc, p.prices, 1, 0, &rr.handled, &rrPriceFactor, ws.runRateLayers.data(),
                    r.levers);
    }
    rr.costByLayer.assign(ws.layerCost.begin(), ws.layerCost.end());
    rr.tco = 0;
    rr.tokenCost = 0;
    for (std::size_t i = 0; i < nl; ++i) {
        rr.tco += ws.layerCost[i];
        if (uc.layers[i].type == LayerType::TokenUsage)
            rr.tokenCost += ws.layerCost[i];
    }
    if (levers)
        rr.tokenCost = r.levers.steadyTokenSpend;
    double gross = 0;
    double capacityGross = 0;
    for (std::size_t i = 0; i < nd; ++i) {
        if (isHard(uc.drivers[i])) {
            const double cash = cashableFactor(uc.drivers[i]);
            gross += ws.driverValue[i] * cash;
            capacityGross += ws.driverValue[i] * (1.0 - cash);
        }
    }
    rr.hardBenefit = gross * riskFactor;
    rr.capacityValue = capacityGross * riskFactor;
    const double rrOutcomes = rr.handled * uc.outcome.perUnit;
    rr.costPerUnit = rr.handled > 0 ? Kpi::of(rr.tco / rr.handled) : Kpi::none(KpiState::Undefined);
    rr.invoicePerUnit =
        rr.handled > 0 ? Kpi::of(rr.tokenCost / rr.handled) : Kpi::none(KpiState::Undefined);
    rr.costPerOutcome =
        rrOutcomes > 0 ? Kpi::of(rr.tco / rrOutcomes) : Kpi::none(KpiState::Undefined);
}

/// The portfolio rows addToPortfolio sums into (every other row is written whole).
constexpr Row kPortfolioSums[] = {Row::Units,     Row::Handled,     Row::Outcomes, Row::Calls,
                                  Row::TokenCost, Row::PerCallCost, Row::Cost,     Row::HardGross,
                                  Row::HardNet,   Row::Soft,        Row::Benefit,  Row::Net,
                                  Row::Cashable,  Row::Capacity};

/// Zeroes the rows of a reused portfolio result that the cases are added into.
void clearPortfolioSums(CaseResult &r, bool allRows)
{
    if (!allRows) {
        auto net = r.row(Row::Net);
        std::fill(net.begin(), net.end(), 0.0);
        return;
    }
    for (Row row : kPortfolioSums) {
        auto dst = r.row(row);
        std::fill(dst.begin(), dst.end(), 0.0);
    }
    for (int cat = 0; cat < kCategoryCount; ++cat) {
        auto dst = r.categoryCost(static_cast<CostCategory>(cat));
        std::fill(dst.begin(), dst.end(), 0.0);
    }
}

/// Adds one case's monthly series to its scenario's portfolio. Called right after the case is
/// computed, while its rows are still in cache; use cases are added in order, so every sum is
/// the same as adding them up afterwards.
ROI_VECTOR_CLONES void addToPortfolio(const CaseResult &c, int months, bool allRows, CaseResult &r)
{
    if (!allRows) { // the lean compute: the portfolio's NPV and payback need only its net
        auto dst = r.row(Row::Net);
        auto src = c.row(Row::Net);
        for (int m = 0; m < months; ++m)
            dst[m] += src[m];
        return;
    }
    for (Row row : kPortfolioSums) {
        auto dst = r.row(row);
        auto src = c.row(row);
        for (int m = 0; m < months; ++m)
            dst[m] += src[m];
    }
    for (int cat = 0; cat < kCategoryCount; ++cat) {
        auto dst = r.categoryCost(static_cast<CostCategory>(cat));
        auto src = c.categoryCost(static_cast<CostCategory>(cat));
        for (int m = 0; m < months; ++m)
            dst[m] += src[m];
    }
}

/// Adds cases [first, last) of scenario `s` to its portfolio as addToPortfolio would, case by
/// case, but only the series this part takes: series go alternately to parts 0 and 1, counted
/// by `task` across calls, so two threads can share the work. Each sum keeps its order.
ROI_VECTOR_CLONES void addRowsToPortfolio(Results &res, std::size_t s, std::size_t sc,
                                          std::size_t first, std::size_t last, bool allRows,
                                          int part, int &task)
{
    CaseResult &r = res.portfolio[s];
    const int months = res.months;
    auto add = [&](auto dstOf) {
        if (task++ % 2 != part)
            return;
        auto dst = dstOf(r);
        for (std::size_t u = first; u < last; ++u) {
            auto src = dstOf(std::as_const(res.cases[u * sc + s]));
            for (int m = 0; m < months; ++m)
                dst[m] += src[m];
        }
    };
    if (!allRows) {
        add([](auto &c) { return c.row(Row::Net); });
        return;
    }
    for (Row row : kPortfolioSums)
        add([row](auto &c) { return c.row(row); });
    for (int cat = 0; cat < kCategoryCount; ++cat)
        add([cat](auto &c) { return c.categoryCost(static_cast<CostCategory>(cat)); });
}

/// The portfolio's KPIs, once every case has been added with addToPortfolio.
void computePortfolio(const Results &res, int scenario, double discountRate, double hurdleRate,
                      bool allKpis, CaseResult &r)
{
    const int months = res.months;
    Kpis &k = r.kpis;
    resetKpis(k);
    for (int uc = 0; uc < res.useCaseCount; ++uc) {
        const CaseResult &c = res.at(uc, scenario);
        const Kpis &ck = c.kpis;
        addCaseKpis(k, ck);
        if (!allKpis)
            continue;
        r.runRate.capacityValue += c.runRate.capacityValue;
        r.runRate.tco += c.runRate.tco;
        r.runRate.tokenCost += c.runRate.tokenCost;
        r.runRate.hardBenefit += c.runRate.hardBenefit;
        r.runRate.handled += c.runRate.handled;
    }
    auto adoption = r.row(Row::Adoption);
    auto units = r.row(Row::Units);
    auto handled = r.row(Row::Handled);
    for (int m = 0; allKpis && m < months; ++m)
        adoption[m] = units[m] > 0 ? handled[m] / units[m] : 0.0;
    auto net = r.row(Row::Net);
    auto cumulative = r.row(Row::CumulativeNet);
    finishPortfolioTotals(net, cumulative, k);
    // A portfolio of one use case has that case's monthly flows: its NPV, IRR, payback and
    // hurdle figures, functions of those flows and the same rates, are the case's. Solving for
    // them again would double the cost of the commonest workbook. Equal flows, equal answers.
    const CaseResult *only = res.useCaseCount == 1 ? &res.at(0, scenario) : nullptr;
    const auto onlyNet = only ? only->row(Row::Net) : std::span<const double>();
    const bool sameFlows =
        only && std::equal(net.begin(), net.end(), onlyNet.begin(), onlyNet.end());
    k.npv = sameFlows ? only->kpis.npv : npv(net, monthlyRate(discountRate));
    k.paybackMonth = sameFlows ? only->kpis.paybackMonth : paybackMonth(cumulative);
    if (!allKpis) {
        k.costPerOutcome = Kpi::none(KpiState::NotApplicable);
        return;
    }
    if (sameFlows) {
        k.irrAnnual = only->kpis.irrAnnual;
        k.irrCount = only->kpis.irrCount;
        k.hurdleRate = only->kpis.hurdleRate;
        k.npvAtHurdle = only->kpis.npvAtHurdle;
        k.irrVsHurdle = only->kpis.irrVsHurdle;
        k.discountedPaybackMonth = only->kpis.discountedPaybackMonth;
    } else {
        k.irrAnnual = irrAnnual(net, &k.irrCount);
        computeHurdleKpis(k, net, hurdleRate);
    }
    // Outcomes of different use cases are different things; a portfolio cost per outcome would
    // add apples and oranges.
    k.costPerOutcome = Kpi::none(KpiState::NotApplicable);
    finishRatioKpis(r, months);
    r.runRate.costPerUnit = Kpi::none(KpiState::NotApplicable);
    r.runRate.invoicePerUnit = Kpi::none(KpiState::NotApplicable);
    r.runRate.costPerOutcome = Kpi::none(KpiState::NotApplicable);
    portfolioLevers(res, scenario, r);
}

std::string formatNumber(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

} // namespace

Results compute(const Workbook &workbook, const ComputeOptions &options)
{
    Results out;
    compute(workbook, options, out);
    return out;
}

void compute(const Workbook &wb, const ComputeOptions &options, Results &out)
{
    const int months = std::clamp(wb.settings.horizonMonths, 1, 120);
    out.startMonth = wb.settings.startMonth;
    out.months = months;
    out.useCaseCount = static_cast<int>(wb.useCases.size());
    out.findings.clear();

    // Scenarios: the workbook's, or a lone Base when it has none.
    static const std::vector<Scenario> kLoneBase = {Scenario{std::string(kBaseScenario), {}, {}}};
    const std::vector<Scenario> &scenarios = wb.scenarios.empty() ? kLoneBase : wb.scenarios;
    const std::size_t sc = scenarios.size();
    out.scenarios.resize(sc);
    // Scratch space of this thread, kept between calls so that a recompute into a reused Results
    // allocates nothing (analytics call the engine 100,000 times a run). Not state: every
    // buffer is cleared or rewritten before it is read.
    Scratch &scratchSpace = threadScratch();
    auto &parsed = scratchSpace.parsed;
    parsed.resize(std::max(parsed.size(), sc));
    for (std::size_t s = 0; s < sc; ++s)
        parsed[s].clear();
    auto &discountRates = scratchSpace.discountRates;
    auto &hurdleRates = scratchSpace.hurdleRates;
    discountRates.assign(sc, wb.settings.discountRate);
    hurdleRates.assign(sc, wb.settings.hurdleRate);
    // Each input name is parsed when it differs from the one parsed in its place last time.
    auto &parsedInputs = scratchSpace.parsedInputs;
    std::size_t adjustmentCount = 0;
    for (const Scenario &scenario : scenarios)
        adjustmentCount += scenario.adjustments.size();
    parsedInputs.resize(std::max(parsedInputs.size(), adjustmentCount)); // no moves below
    std::size_t adjustmentIndex = 0;
    for (std::size_t s = 0; s < sc; ++s) {
        out.scenarios[s] = scenarios[s].name;
        for (const Adjustment &a : scenarios[s].adjustments) {
            ParsedInput &parsedInput = parsedInputs[adjustmentIndex++];
            if (!parsedInput.done || parsedInput.text != a.input) {
                parsedInput.done = true;
                parsedInput.text = a.input;
                parsedInput.error.clear();
                parsedInput.path = InputPath::parse(a.input, &parsedInput.error);
            }
            const std::optional<InputPath> &path = parsedInput.path;
            if (!path) {
                out.findings.push_back(
                    {Severity::Error, "bad-adjustment", -1, scenarios[s].name, a.input,
                     "Scenario " + scenarios[s].name
                         + " has an adjustment that cannot apply: " + parsedInput.error,
                     "Correct the input name or remove the adjustment."});
                continue;
            }
            if (path->section == InputSection::Settings) {
                Settings scratch;
                scratch.discountRate = discountRates[s];
                scratch.hurdleRate = hurdleRates[s];
                UseCase none;
                const std::string &scenarioName = scenarios[s].name;
                applyAdjustment(
                    *path, a.op, a.value, none, {}, scratch,
                    [&](const std::string &input, double requested, double kept) {
                        if (!options.checks)
                            return;
                        out.findings.push_back(
                            {Severity::Warning, "scenario-clamped", -1, scenarioName, input,
                             "Scenario " + scenarioName + " pushes " + input + " to "
                                 + formatNumber(requested) + ", outside what the input allows; "
                                 + formatNumber(kept) + " is used.",
                             "Soften the adjustment so the value stays in range."});
                    });
                discountRates[s] = scratch.discountRate;
                hurdleRates[s] = scratch.hurdleRate;
                continue;
            }
            parsed[s].push_back({&*path, &a});
        }
    }

    out.cases.resize(wb.useCases.size() * sc);
    out.portfolio.resize(sc);
    // onlyScenario: the scenarios nobody asked for get empty results.
    auto skipped = [&](std::size_t s) {
        return options.onlyScenario >= 0 && s != static_cast<std::size_t>(options.onlyScenario);
    };
    for (std::size_t s = 0; s < sc; ++s) {
        reshape(out.portfolio[s], skipped(s) ? 0 : months, 0, 0);
        clearPortfolioSums(out.portfolio[s], options.allKpis);
        out.portfolio[s].runRate = RunRate{};
    }
    // Use cases are computed in two halves on two threads when there is work enough for it (a
    // hand-over costs microseconds). The first half adds its cases to the portfolios as it goes;
    // the second half's cases are added afterwards, in order, so every sum is the one a single
    // thread gives. Each case is computed by the same code whichever thread runs it.
    const std::size_t useCases = wb.useCases.size();
    const std::size_t computed = options.onlyScenario >= 0 ? 1 : sc;
    constexpr std::size_t kSplitWork = 12'000; // use-case months
    const bool split = useCases >= 2 && useCases * computed * months >= kSplitWork;
    const std::size_t half = split ? (useCases + 1) / 2 : useCases;
    std::vector<Finding> secondHalfFindings; // clamp reports of the second half, appended after
    auto computeCases = [&](std::size_t first, std::size_t last, bool addNow,
                            std::vector<Finding> &findings) {
        Workspace &ws = threadScratch().ws; // this thread's
        // One clamp report for every adjustment (made once: a std::function of a lambda with
        // more captures than this would allocate at each call).
        struct
        {
            int useCase = -1;
            const std::string *scenario = nullptr;
        } clampAt;
        struct ClampContext
        {
            const ComputeOptions *options;
            std::vector<Finding> *findings;
            decltype(clampAt) *at;
        } clampContext{&options, &findings, &clampAt};
        const ClampReport onClamp = [c = &clampContext](const std::string &path, double requested,
                                                        double kept) {
            if (!c->options->checks)
                return;
            const std::string &scenarioName = *c->at->scenario;
            c->findings->push_back(
                {Severity::Warning, "scenario-clamped", c->at->useCase, scenarioName, path,
                 "Scenario " + scenarioName + " pushes " + path + " to " + formatNumber(requested)
                     + ", outside what the input allows; " + formatNumber(kept) + " is used.",
                 "Soften the adjustment so the value stays in range."});
        };
        for (std::size_t u = first; u < last; ++u) {
            const UseCase &original = wb.useCases[u];
            for (std::size_t s = 0; s < sc; ++s) {
                if (skipped(s)) {
                    out.cases[u * sc + s].reset(0, 0, 0);
                    out.cases[u * sc + s].kpis = Kpis{};
                    out.cases[u * sc + s].runRate = RunRate{};
                    out.cases[u * sc + s].levers = {};
                    continue;
                }
                Prepared p;
                p.uc = &original;
                p.prices = wb.priceBook;
                p.discountRate = discountRates[s];
                p.softInHeadline = wb.settings.softValueInHeadline;
                p.capacityInHeadline = wb.settings.capacityInHeadline;
                p.hurdleRate = hurdleRates[s];
                p.allKpis = options.allKpis;
                bool copied = false;
                for (const ParsedAdjustment &a : parsed[s]) {
                    if (!a.source->useCase.empty() && a.source->useCase != original.name)
                        continue;
                    if (!copied) {
                        ws.useCase = original;
                        ws.prices.assign(wb.priceBook.begin(), wb.priceBook.end());
                        p.uc = &ws.useCase;
                        p.prices = ws.prices;
                        copied = true;
                    }
                    Settings unused;
                    clampAt = {static_cast<int>(u), &scenarios[s].name};
                    applyAdjustment(*a.path, a.source->op, a.source->value, ws.useCase, ws.prices,
                                    unused, onClamp);
                }
                const UseCase &uc = *p.uc;
                p.goLive = wb.settings.startMonth.monthsUntil(uc.ramp.goLive) + 1
                           + static_cast<int>(std::lround(uc.ramp.goLiveDelay));
                CaseResult &r = out.cases[u * sc + s];
                reshape(r, months, static_cast<int>(uc.layers.size()),
                        static_cast<int>(uc.drivers.size()));
                computeCase(p, months, ws, r);
                for (LeverLine &line : r.levers.lines)
                    line.useCase = static_cast<int>(u);
                if (addNow)
                    addToPortfolio(r, months, options.allKpis, out.portfolio[s]);
            }
        }
        solveDeferredIrrs(ws);
    };
    if (!split) {
        computeCases(0, useCases, true, out.findings);
    } else {
        auto halves = [&](int part) {
            if (part == 0)
                computeCases(0, half, true, out.findings);
            else
                computeCases(half, useCases, false, secondHalfFindings);
        };
        runOnTwoThreads(halves);
        out.findings.insert(out.findings.end(), secondHalfFindings.begin(),
                            secondHalfFindings.end());
        // The second half's cases, added in order; the rows are independent sums, so the two
        // threads take every other row.
        auto addSecondHalf = [&](int part) {
            int task = 0;
            for (std::size_t s = 0; s < sc; ++s) {
                if (skipped(s))
                    continue;
                addRowsToPortfolio(out, s, sc, half, useCases, options.allKpis, part, task);
            }
        };
        runOnTwoThreads(addSecondHalf);
    }

    for (std::size_t s = 0; s < sc; ++s) {
        if (!skipped(s))
            computePortfolio(out, static_cast<int>(s), discountRates[s], hurdleRates[s],
                             options.allKpis, out.portfolio[s]);
        else
            out.portfolio[s].kpis = Kpis{};
    }

    if (options.checks && options.onlyScenario < 0)
        runChecks(wb, out,
                  options.today.isNull()
                      ? Date{wb.settings.startMonth.year, wb.settings.startMonth.month, 1}
                      : options.today);
}

} // namespace roi
