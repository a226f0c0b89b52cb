#include "engine.h"

#include "checks.h"
#include "finance.h"
#include "inputs.h"

#include <algorithm>
#include <cmath>

namespace roi {

namespace {

struct ParsedAdjustment
{
    InputPath path;
    const Adjustment *source;
};

/// Inputs of one use case under one scenario, resolved once before the monthly loop.
struct Prepared
{
    const UseCase *uc = nullptr;
    std::span<const PriceEntry> prices;
    double discountRate = 0;
    bool softInHeadline = false;
    int goLive = 1; // month index (1-based) of go-live, delay included
};

/// Scratch space reused across use cases so the loop allocates only the results.
struct Workspace
{
    std::vector<double> tokenSpendPerCall; // per layer: Σ tokens × price per million
    std::vector<double> layerCost;         // per layer, one month
    std::vector<double> driverValue;       // per driver, one month
    std::vector<PriceEntry> prices;        // price book copy when a scenario adjusts prices
    UseCase useCase;                       // use-case copy when a scenario adjusts it
};

double adoptionAt(const RampUp &ramp, int goLive, int t)
{
    if (t < goLive)
        return 0.0;
    if (ramp.curve == RampCurve::Immediate || ramp.rampMonths <= 0)
        return ramp.steadyAdoption;
    const double x = static_cast<double>(t - goLive + 1) / ramp.rampMonths;
    return ramp.steadyAdoption * rampCurve(ramp.curve, x);
}

/// One month's cost per layer (into ws.layerCost) and value per driver (into ws.driverValue).
/// `rampFactor` is adoption / steady adoption: it scales the drivers not tied to handled units.
/// `t` is the month index, or 0 for the run rate (which leaves out one-time costs).
void evaluateMonth(const Prepared &p, Workspace &ws, double handled, double rampFactor,
                   double priceFactor, int t, double &calls)
{
    const UseCase &uc = *p.uc;
    const double outcomes = handled * uc.outcome.perUnit;
    calls = 0;
    for (std::size_t i = 0; i < uc.layers.size(); ++i) {
        const CostLayer &l = uc.layers[i];
        if (l.type == LayerType::TokenUsage)
            calls += handled * l.callsPerUnit;
    }
    for (std::size_t i = 0; i < uc.layers.size(); ++i) {
        const CostLayer &l = uc.layers[i];
        double cost = 0;
        switch (l.type) {
        case LayerType::TokenUsage:
            // Whole token counts times prices stay exact before the one division, so the
            // acceptance figures come out to the cent without rounding noise.
            cost = handled * l.callsPerUnit * ws.tokenSpendPerCall[i] / 1e6 * (1.0 + l.overhead)
                   * priceFactor;
            break;
        case LayerType::FixedMonthly:
            cost = l.amount;
            break;
        case LayerType::Staff:
            cost = l.fte * l.annualCost / 12.0;
            break;
        case LayerType::HumanReview:
            cost = handled * l.share * l.minutesPerReview * l.hourlyRate / 60.0;
            break;
        case LayerType::PerUnit:
            cost = l.unitCost
                   * (l.basis == UnitBasis::HandledUnit ? handled
                      : l.basis == UnitBasis::Outcome   ? outcomes
                                                        : calls);
            break;
        case LayerType::OneTime: {
            const int first = static_cast<int>(l.month);
            const int spread = std::max(1, static_cast<int>(l.spreadMonths));
            if (t >= first && t < first + spread)
                cost = l.amount / spread;
            break;
        }
        }
        ws.layerCost[i] = cost;
    }
    const Baseline &b = uc.baseline;
    for (std::size_t i = 0; i < uc.drivers.size(); ++i) {
        const ValueDriver &d = uc.drivers[i];
        double v = 0;
        switch (d.kind) {
        case DriverKind::LaborReclaimed:
            v = (b.minutesPerUnit - d.minutesWithAi) / 60.0 * b.hourlyRate * handled;
            break;
        case DriverKind::AddedCapacity:
            v = d.capacityMode == CapacityMode::PerUnit
                    ? d.extraUnits * d.valuePerUnit * rampFactor
                    : d.hires * d.annualCostPerHire / 12.0 * rampFactor;
            break;
        case DriverKind::RevenueUplift:
            v = handled * d.conversionLift * d.valuePerConversion;
            break;
        case DriverKind::Retention:
            v = d.customers * d.churnReduction * d.annualValuePerCustomer / 12.0 * rampFactor;
            break;
        case DriverKind::NewRevenue:
            v = d.unitsSold * (d.price - d.costToServe) * rampFactor;
            break;
        case DriverKind::GrossMarginGain:
            v = d.marginPoints * d.revenueBase * rampFactor;
            break;
        case DriverKind::AvoidedCost:
            v = d.avoidedMode == AvoidedMode::FixedMonthly
                    ? d.amount * rampFactor
                    : d.errorReduction * d.costPerError * handled;
            break;
        case DriverKind::SoftValue:
            v = d.moneyValue * rampFactor;
            break;
        }
        ws.driverValue[i] = v * d.shareCounted;
    }
}

bool isHard(const ValueDriver &d)
{
    return d.hard && d.kind != DriverKind::SoftValue;
}

void computeCase(const Prepared &p, int months, Workspace &ws, CaseResult &r)
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
        const PriceEntry *price = nullptr;
        for (const auto &e : p.prices) {
            if (e.model == l.model)
                price = &e;
        }
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

    Kpis &k = r.kpis;
    k = Kpis{};
    double volume = uc.baseline.volume;
    double priceFactor = 1.0;
    double running = 0;
    for (int m = 0; m < months; ++m) {
        const int t = m + 1;
        if (m > 0) {
            volume *= growth;
            priceFactor *= priceStep;
        }
        const double a = adoptionAt(ramp, p.goLive, t);
        const double handled = volume * a;
        const double rampFactor = steady > 0 ? a / steady : 0.0;
        double calls = 0;
        evaluateMonth(p, ws, handled, rampFactor, priceFactor, t, calls);

        units[m] = volume;
        adoption[m] = a;
        handledRow[m] = handled;
        outcomes[m] = handled * uc.outcome.perUnit;
        callsRow[m] = calls;
        double total = 0;
        double tokens = 0;
        double perCall = 0;
        for (std::size_t i = 0; i < nl; ++i) {
            const CostLayer &l = uc.layers[i];
            const double c = ws.layerCost[i];
            r.layerCost(static_cast<int>(i))[m] = c;
            r.categoryCost(l.category)[m] += c;
            total += c;
            if (l.type == LayerType::TokenUsage)
                tokens += c;
            else if (l.type == LayerType::PerUnit && l.basis == UnitBasis::Call)
                perCall += c;
        }
        double gross = 0;
        double softValue = 0;
        for (std::size_t i = 0; i < nd; ++i) {
            const ValueDriver &d = uc.drivers[i];
            const double v = ws.driverValue[i];
            r.driverGross(static_cast<int>(i))[m] = v;
            if (isHard(d)) {
                gross += v;
                r.driverNet(static_cast<int>(i))[m] = v * riskFactor;
                k.byTerm[static_cast<std::size_t>(d.term)] += v * riskFactor;
            } else {
                softValue += v;
                r.driverNet(static_cast<int>(i))[m] = v;
            }
        }
        tokenCost[m] = tokens;
        perCallCost[m] = perCall;
        cost[m] = total;
        hardGross[m] = gross;
        hardNet[m] = gross * riskFactor;
        soft[m] = softValue;
        benefit[m] = hardNet[m] + (p.softInHeadline ? softValue : 0.0);
        net[m] = benefit[m] - total;
        running += net[m];
        cumulative[m] = running;

        k.tco += total;
        k.hardBenefitGross += gross;
        k.hardBenefit += hardNet[m];
        k.softValue += softValue;
        k.headlineBenefit += benefit[m];
        k.units += volume;
        k.handled += handled;
        k.outcomes += outcomes[m];
        k.calls += calls;
        k.tokenCost += tokens;
    }
    k.riskDiscount = k.hardBenefitGross - k.hardBenefit;
    k.netValue = k.headlineBenefit - k.tco;
    k.roiPercent = k.tco > 0 ? Kpi::of(k.netValue / k.tco * 100.0) : Kpi::none(KpiState::Undefined);
    k.npv = npv(net, monthlyRate(p.discountRate));
    k.irrAnnual = irrAnnual(net);
    k.paybackMonth = paybackMonth(cumulative);
    k.costPerOutcome =
        k.outcomes > 0 ? Kpi::of(k.tco / k.outcomes) : Kpi::none(KpiState::Undefined);
    double perCallTotal = 0;
    for (double v : perCallCost)
        perCallTotal += v;
    k.costPerInference = k.calls > 0 ? Kpi::of((k.tokenCost + perCallTotal) / k.calls)
                                     : Kpi::none(KpiState::Undefined);
    const double revenue = k.byTerm[static_cast<std::size_t>(NumeratorTerm::Revenue)];
    k.aiGrossMargin =
        revenue > 0 ? Kpi::of((revenue - k.tco) / revenue) : Kpi::none(KpiState::NotApplicable);
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

    // The run rate: baseline volume, steady adoption, today's prices, no one-time costs.
    RunRate &rr = r.runRate;
    rr.handled = uc.baseline.volume * steady;
    double calls = 0;
    evaluateMonth(p, ws, rr.handled, steady > 0 ? 1.0 : 0.0, 1.0, 0, calls);
    rr.costByLayer.assign(ws.layerCost.begin(), ws.layerCost.end());
    rr.tco = 0;
    rr.tokenCost = 0;
    for (std::size_t i = 0; i < nl; ++i) {
        rr.tco += ws.layerCost[i];
        if (uc.layers[i].type == LayerType::TokenUsage)
            rr.tokenCost += ws.layerCost[i];
    }
    double gross = 0;
    for (std::size_t i = 0; i < nd; ++i) {
        if (isHard(uc.drivers[i]))
            gross += ws.driverValue[i];
    }
    rr.hardBenefit = gross * riskFactor;
    const double rrOutcomes = rr.handled * uc.outcome.perUnit;
    rr.costPerUnit = rr.handled > 0 ? Kpi::of(rr.tco / rr.handled) : Kpi::none(KpiState::Undefined);
    rr.invoicePerUnit =
        rr.handled > 0 ? Kpi::of(rr.tokenCost / rr.handled) : Kpi::none(KpiState::Undefined);
    rr.costPerOutcome =
        rrOutcomes > 0 ? Kpi::of(rr.tco / rrOutcomes) : Kpi::none(KpiState::Undefined);
}

void computePortfolio(const Results &res, int scenario, double discountRate, CaseResult &r)
{
    const int months = res.months;
    Kpis &k = r.kpis;
    k = Kpis{};
    static constexpr Row kSummed[] = {
        Row::Units, Row::Handled,   Row::Outcomes, Row::Calls, Row::TokenCost, Row::PerCallCost,
        Row::Cost,  Row::HardGross, Row::HardNet,  Row::Soft,  Row::Benefit,   Row::Net};
    for (int uc = 0; uc < res.useCaseCount; ++uc) {
        const CaseResult &c = res.at(uc, scenario);
        for (Row row : kSummed) {
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
        const Kpis &ck = c.kpis;
        k.tco += ck.tco;
        k.hardBenefitGross += ck.hardBenefitGross;
        k.hardBenefit += ck.hardBenefit;
        k.softValue += ck.softValue;
        k.headlineBenefit += ck.headlineBenefit;
        for (std::size_t t = 0; t < k.byTerm.size(); ++t)
            k.byTerm[t] += ck.byTerm[t];
        k.units += ck.units;
        k.handled += ck.handled;
        k.outcomes += ck.outcomes;
        k.calls += ck.calls;
        k.tokenCost += ck.tokenCost;
        r.runRate.tco += c.runRate.tco;
        r.runRate.tokenCost += c.runRate.tokenCost;
        r.runRate.hardBenefit += c.runRate.hardBenefit;
        r.runRate.handled += c.runRate.handled;
    }
    auto adoption = r.row(Row::Adoption);
    auto units = r.row(Row::Units);
    auto handled = r.row(Row::Handled);
    for (int m = 0; m < months; ++m)
        adoption[m] = units[m] > 0 ? handled[m] / units[m] : 0.0;
    auto net = r.row(Row::Net);
    auto cumulative = r.row(Row::CumulativeNet);
    double running = 0;
    for (int m = 0; m < months; ++m) {
        running += net[m];
        cumulative[m] = running;
    }
    k.riskDiscount = k.hardBenefitGross - k.hardBenefit;
    k.netValue = k.headlineBenefit - k.tco;
    k.roiPercent = k.tco > 0 ? Kpi::of(k.netValue / k.tco * 100.0) : Kpi::none(KpiState::Undefined);
    k.npv = npv(net, monthlyRate(discountRate));
    k.irrAnnual = irrAnnual(net);
    k.paybackMonth = paybackMonth(cumulative);
    // Outcomes of different use cases are different things; a portfolio cost per outcome would
    // add apples and oranges.
    k.costPerOutcome = Kpi::none(KpiState::NotApplicable);
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
    r.runRate.costPerUnit = Kpi::none(KpiState::NotApplicable);
    r.runRate.invoicePerUnit = Kpi::none(KpiState::NotApplicable);
    r.runRate.costPerOutcome = Kpi::none(KpiState::NotApplicable);
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
    std::vector<std::vector<ParsedAdjustment>> parsed(sc);
    std::vector<double> discountRates(sc, wb.settings.discountRate);
    for (std::size_t s = 0; s < sc; ++s) {
        out.scenarios[s] = scenarios[s].name;
        for (const Adjustment &a : scenarios[s].adjustments) {
            std::string error;
            auto path = InputPath::parse(a.input, &error);
            if (!path) {
                out.findings.push_back({Severity::Error, "bad-adjustment", -1, scenarios[s].name,
                                        a.input,
                                        "Scenario " + scenarios[s].name
                                            + " has an adjustment that cannot apply: " + error,
                                        "Correct the input name or remove the adjustment."});
                continue;
            }
            if (path->section == InputSection::Settings) {
                Settings scratch;
                scratch.discountRate = discountRates[s];
                UseCase none;
                applyAdjustment(*path, a.op, a.value, none, {}, scratch);
                discountRates[s] = scratch.discountRate;
                continue;
            }
            parsed[s].push_back({std::move(*path), &a});
        }
    }

    out.cases.resize(wb.useCases.size() * sc);
    Workspace ws;
    for (std::size_t u = 0; u < wb.useCases.size(); ++u) {
        const UseCase &original = wb.useCases[u];
        for (std::size_t s = 0; s < sc; ++s) {
            Prepared p;
            p.uc = &original;
            p.prices = wb.priceBook;
            p.discountRate = discountRates[s];
            p.softInHeadline = wb.settings.softValueInHeadline;
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
                const std::string &scenarioName = scenarios[s].name;
                applyAdjustment(
                    a.path, a.source->op, a.source->value, ws.useCase, ws.prices, unused,
                    [&](const std::string &path, double requested, double kept) {
                        if (!options.checks)
                            return;
                        out.findings.push_back(
                            {Severity::Warning, "scenario-clamped", static_cast<int>(u),
                             scenarioName, path,
                             "Scenario " + scenarioName + " pushes " + path + " to "
                                 + formatNumber(requested) + ", outside what the input allows; "
                                 + formatNumber(kept) + " is used.",
                             "Soften the adjustment so the value stays in range."});
                    });
            }
            const UseCase &uc = *p.uc;
            p.goLive = wb.settings.startMonth.monthsUntil(uc.ramp.goLive) + 1
                       + static_cast<int>(std::lround(uc.ramp.goLiveDelay));
            CaseResult &r = out.cases[u * sc + s];
            r.reset(months, static_cast<int>(uc.layers.size()),
                    static_cast<int>(uc.drivers.size()));
            computeCase(p, months, ws, r);
        }
    }

    out.portfolio.resize(sc);
    for (std::size_t s = 0; s < sc; ++s) {
        out.portfolio[s].reset(months, 0, 0);
        out.portfolio[s].runRate = RunRate{};
        computePortfolio(out, static_cast<int>(s), discountRates[s], out.portfolio[s]);
    }

    if (options.checks)
        runChecks(wb, out,
                  options.today.isNull()
                      ? Date{wb.settings.startMonth.year, wb.settings.startMonth.month, 1}
                      : options.today);
}

} // namespace roi
