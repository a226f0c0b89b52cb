#include "credibilitychecks.h"

#include "inputs.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace roi {

namespace {

std::string whole(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    // Thousands separators keep large money figures readable in a one-line message.
    const std::string_view digits(buf);
    const std::size_t start = !digits.empty() && digits[0] == '-' ? 1 : 0;
    std::string out(digits.substr(0, start));
    for (std::size_t i = start; i < digits.size(); ++i) {
        const std::size_t left = digits.size() - i;
        if (i > start && left % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

void add(Results &res, int useCase, std::string code, std::string input, std::string message,
         std::string fix)
{
    res.findings.push_back({Severity::Warning,
                            std::move(code),
                            useCase,
                            {},
                            std::move(input),
                            std::move(message),
                            std::move(fix)});
}

/// The driver with the largest labor or capacity value in the base scenario, or -1.
int largestLaborDriver(const UseCase &uc, const CaseResult &c)
{
    int best = -1;
    double bestValue = 0;
    for (std::size_t i = 0; i < uc.drivers.size(); ++i) {
        const ValueDriver &d = uc.drivers[i];
        if (d.kind != DriverKind::LaborReclaimed && d.kind != DriverKind::AddedCapacity)
            continue;
        double total = 0;
        for (double v : c.driverGross(static_cast<int>(i)))
            total += v;
        if (best < 0 || total > bestValue) {
            best = static_cast<int>(i);
            bestValue = total;
        }
    }
    return best;
}

void checkCase(const Workbook &wb, Results &res, int base, int u, Date today)
{
    const UseCase &uc = wb.useCases[static_cast<std::size_t>(u)];
    const CaseResult &c = res.at(u, base);
    const Kpis &k = c.kpis;
    const std::string who = "'" + uc.name + "': ";
    const int months = res.months;

    // 1. An ROI no finance reviewer believes.
    if (k.roiPercent.ok() && k.roiPercent.value > kPlausibleRoiPercent) {
        add(res, u, "roi-implausible", "drivers",
            who + "ROI of " + whole(k.roiPercent.value) + "% over " + std::to_string(months)
                + " months, above the " + whole(kPlausibleRoiPercent)
                + "% a finance review takes on trust.",
            "Check the cashable shares, the baseline and missing cost layers before presenting "
            "it.");
    }

    // 2. Labor and capacity value above the whole payroll the baseline implies.
    const Baseline &b = uc.baseline;
    double payroll = 0;
    for (double units : c.row(Row::Units))
        payroll += units * b.minutesPerUnit / 60.0 * b.hourlyRate;
    double labor = 0;
    for (std::size_t i = 0; i < uc.drivers.size(); ++i) {
        const ValueDriver &d = uc.drivers[i];
        if (!d.hard
            || (d.kind != DriverKind::LaborReclaimed && d.kind != DriverKind::AddedCapacity))
            continue;
        for (double v : c.driverGross(static_cast<int>(i)))
            labor += v;
    }
    if (labor > 0 && labor > payroll * (1 + 1e-9)) {
        const int d = largestLaborDriver(uc, c);
        std::string input = "drivers";
        if (d >= 0) {
            const ValueDriver &big = uc.drivers[static_cast<std::size_t>(d)];
            const char *field = big.kind == DriverKind::LaborReclaimed           ? "minutesWithAi"
                                : big.capacityMode == CapacityMode::AvoidedHires ? "hires"
                                                                                 : "extraUnits";
            input = driverInput(big.name, field);
        }
        add(res, u, "labor-above-payroll", input,
            who + "labor and capacity value of " + whole(labor) + " is more than the team's whole "
                + "payroll implied by the baseline (volume × minutes / 60 × rate = "
                + whole(payroll) + ").",
            "Value the time at the baseline's rate and volume, or raise the baseline to the "
            "real team.");
    }

    // 3. Value counted before the build that makes it possible is done.
    int buildEnd = 0; // last month (1-based) of a one-time integration or data cost
    for (const CostLayer &l : uc.layers) {
        if (l.type != LayerType::OneTime || l.amount <= 0)
            continue;
        if (l.category != CostCategory::Integration && l.category != CostCategory::DataGovernance)
            continue;
        const int last =
            static_cast<int>(l.month) + std::max(1, static_cast<int>(l.spreadMonths)) - 1;
        buildEnd = std::max(buildEnd, std::min(last, months));
    }
    int firstValue = 0;
    const auto hard = c.row(Row::HardNet);
    const auto capacity = c.row(Row::Capacity);
    for (int m = 0; m < months; ++m) {
        if (hard[m] > 0 || capacity[m] > 0) {
            firstValue = m + 1;
            break;
        }
    }
    if (firstValue > 0 && buildEnd > 0 && firstValue <= buildEnd) {
        add(res, u, "value-before-golive", "ramp.goLive",
            who + "value is counted from month " + std::to_string(firstValue)
                + ", before the build is finished (one-time integration cost until month "
                + std::to_string(buildEnd) + ").",
            "Set go-live to the month after the build, or date the build earlier.");
    }

    // 4. Payback before adoption has even reached steady state.
    const int goLive = wb.settings.startMonth.monthsUntil(uc.ramp.goLive) + 1
                       + static_cast<int>(std::lround(uc.ramp.goLiveDelay));
    const double rampEnd = goLive - 1 + uc.ramp.rampMonths;
    if (uc.ramp.rampMonths > 0 && uc.ramp.curve != RampCurve::Immediate && k.paybackMonth.ok()
        && k.paybackMonth.value < rampEnd && k.tco > 0) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "month %.1f, before adoption is steady (month %.0f)",
                      k.paybackMonth.value, rampEnd);
        add(res, u, "payback-in-ramp", "ramp.rampMonths",
            who + "pays back in " + buf + ": the value per unit is high or costs are missing.",
            "Check the one-time costs and the value per unit; a realistic case pays back after "
            "the ramp-up.");
    }

    // 5. A baseline measured more than a year before it is used.
    if (!b.capturedOn.isNull()) {
        Date reference{uc.ramp.goLive.year, uc.ramp.goLive.month, 1};
        if (!today.isNull() && today.daysSinceEpoch() > reference.daysSinceEpoch())
            reference = today;
        const long long age = reference.daysSinceEpoch() - b.capturedOn.daysSinceEpoch();
        if (age > kStaleBaselineDays) {
            add(res, u, "stale-baseline", "baseline.capturedOn",
                who + "the baseline was measured on " + b.capturedOn.toString() + ", "
                    + std::to_string(age / 30) + " months before " + reference.toString()
                    + "; volumes, handle times and rates move in a year.",
                "Re-measure the baseline (the last full quarter) and record its source.");
        }
    }
}

} // namespace

void runCredibilityChecks(const Workbook &workbook, Results &results, Date today)
{
    const int base = std::max(0, results.findScenario(kBaseScenario));
    if (results.scenarios.empty())
        return;
    for (int u = 0; u < results.useCaseCount; ++u)
        checkCase(workbook, results, base, u, today);
}

} // namespace roi
