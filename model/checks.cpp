#include "checks.h"

#include "actuals/actualschecks.h"
#include "credibilitychecks.h"
#include "inputs.h"
#include "levers/leverchecks.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <vector>

namespace roi {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string percent(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f%%", v * 100.0);
    return buf;
}

class Checker
{
public:
    Checker(const Workbook &wb, Results &res, Date today)
        : m_wb(wb)
        , m_res(res)
        , m_today(today)
    {
        m_base = std::max(0, res.findScenario(kBaseScenario));
    }

    void run()
    {
        checkWorkbook();
        for (std::size_t u = 0; u < m_wb.useCases.size(); ++u)
            checkUseCase(static_cast<int>(u));
        checkSharedUnits();
        runCredibilityChecks(m_wb, m_res, m_today);
        checkLevers(m_wb, m_res);
        actuals::checkActuals(m_wb, m_res);
        // Errors first, then warnings, then notes; stable within each severity.
        std::stable_sort(
            m_res.findings.begin(), m_res.findings.end(),
            [](const Finding &a, const Finding &b) { return a.severity > b.severity; });
    }

private:
    void add(Severity severity, std::string code, int useCase, std::string input,
             std::string message, std::string fix)
    {
        m_res.findings.push_back({severity,
                                  std::move(code),
                                  useCase,
                                  {},
                                  std::move(input),
                                  std::move(message),
                                  std::move(fix)});
    }

    void checkWorkbook()
    {
        for (const PriceEntry &p : m_wb.priceBook) {
            if (!isCurrentPrice(m_wb.priceBook, p))
                continue; // a superseded rate: only the current one prices projections
            if (p.input > 0 && p.output <= p.input) {
                add(Severity::Warning, "output-priced-low", -1, priceInput(p.model, "output"),
                    "Output tokens of " + p.model
                        + " are priced at or below input tokens; they usually cost 4-5x more, "
                          "so generation-heavy features are understated.",
                    "Check the provider's price list and enter the output price per million.");
            }
            if (p.asOf.isNull()) {
                add(Severity::Warning, "undated-price", -1, priceInput(p.model, "asOf"),
                    "The price of " + p.model + " has no quote date.",
                    "Enter the date the price was quoted.");
            } else if (!m_today.isNull()
                       && m_today.daysSinceEpoch() - p.asOf.daysSinceEpoch() > 183) {
                add(Severity::Warning, "stale-price", -1, priceInput(p.model, "asOf"),
                    "The price of " + p.model + " was quoted on " + p.asOf.toString()
                        + ", more than 6 months ago; token prices move fast.",
                    "Refresh the price from the provider's current list.");
            }
        }
        if (m_wb.settings.softValueInHeadline) {
            bool anySoft = false;
            for (const auto &uc : m_wb.useCases) {
                for (const auto &d : uc.drivers)
                    anySoft = anySoft || !d.hard || d.kind == DriverKind::SoftValue;
            }
            if (anySoft) {
                add(Severity::Warning, "soft-in-headline", -1, "settings.softValueInHeadline",
                    "Soft value is counted in the headline ROI; finance reviewers will strip it "
                    "out.",
                    "Report soft value apart: turn off 'soft value in headline'.");
            }
        }
    }

    void checkUseCase(int u)
    {
        const UseCase &uc = m_wb.useCases[static_cast<std::size_t>(u)];
        const Baseline &b = uc.baseline;
        const CaseResult &base = m_res.at(u, m_base);
        const std::string who = "'" + uc.name + "': ";

        if (b.volume <= 0) {
            add(Severity::Error, "no-baseline", u, "baseline.volume",
                who + "no baseline volume; every cost and benefit scales with it.",
                "Enter the monthly volume of the unit of work before AI.");
        }
        if (b.capturedOn.isNull()) {
            add(Severity::Warning, "undated-baseline", u, "baseline.capturedOn",
                who
                    + "the baseline has no capture date, so nobody can tell whether it was "
                      "measured before launch.",
                "Enter the date the baseline figures were measured and their source.");
        } else if (b.capturedOn.yearMonth() > uc.ramp.goLive) {
            add(Severity::Warning, "baseline-after-golive", u, "baseline.capturedOn",
                who + "the baseline is dated " + b.capturedOn.toString() + ", after go-live ("
                    + uc.ramp.goLive.toString()
                    + "): reconstructed after launch, the usual way ROI cases collapse.",
                "Use figures measured before launch, or say how they were reconstructed.");
        }

        bool anyReviewOrStaff = false;
        bool anyTokens = false;
        bool othersEmpty = true;
        bool reviewShare = false;
        for (std::size_t i = 0; i < uc.layers.size(); ++i) {
            const CostLayer &l = uc.layers[i];
            double total = 0;
            for (double v : base.layerCost(static_cast<int>(i)))
                total += v;
            if (l.type == LayerType::TokenUsage) {
                anyTokens = anyTokens || total > 0;
                if (!m_wb.findPrice(l.model)) {
                    add(Severity::Error, "missing-price", u, layerInput(l.name, "model"),
                        who + "layer '" + l.name + "' uses model '" + l.model
                            + "', which is not in the price book, so its tokens cost nothing.",
                        "Add the model to the price book or pick one that is there.");
                }
            } else if (total > 0) {
                othersEmpty = false;
            }
            if ((l.type == LayerType::HumanReview || l.type == LayerType::Staff) && total > 0)
                anyReviewOrStaff = true;
            if (l.type == LayerType::HumanReview && l.share > 0)
                reviewShare = true;
        }
        const bool live = base.kpis.handled > 0;
        if (anyTokens && othersEmpty) {
            add(Severity::Error, "invoice-only", u, "layers",
                who
                    + "only the model fee is costed; the invoice is not the cost (infrastructure, "
                      "engineering and review usually outweigh it many times).",
                "Add the infrastructure, staff and human-review layers.");
        } else if (live && !anyReviewOrStaff) {
            add(Severity::Warning, "no-review-or-staff", u, "layers",
                who + "a production use case with no human-review or staff layer.",
                "Add the engineering time that maintains it and the review of its outputs.");
        }
        const double haircut = uc.risk.hallucination + uc.risk.humanOverride + uc.risk.dataExposure;
        if (reviewShare && haircut == 0) {
            add(Severity::Warning, "no-risk-discount", u, "risk.hallucination",
                who + "outputs are reviewed, yet no risk discount is applied to the benefit.",
                "Enter hallucination and override haircuts that match the review share.");
        }

        double reclaimed = 0;
        int counts[enumCount<DriverKind>()] = {};
        for (const ValueDriver &d : uc.drivers) {
            if (d.hard && d.kind != DriverKind::SoftValue)
                ++counts[static_cast<int>(d.kind)];
            switch (d.kind) {
            case DriverKind::LaborReclaimed:
                reclaimed += b.minutesPerUnit - d.minutesWithAi;
                if (d.minutesWithAi > b.minutesPerUnit) {
                    add(Severity::Warning, "slower-with-ai", u,
                        driverInput(d.name, "minutesWithAi"),
                        who + "'" + d.name + "' takes longer with AI than the baseline ("
                            + std::to_string(static_cast<int>(std::lround(d.minutesWithAi)))
                            + " vs "
                            + std::to_string(static_cast<int>(std::lround(b.minutesPerUnit)))
                            + " minutes), so it subtracts value.",
                        "Check the minutes with AI against the baseline minutes per unit.");
                }
                break;
            case DriverKind::RevenueUplift:
                if (d.conversionLift > 1 - b.conversionRate) {
                    add(Severity::Error, "lift-exceeds-baseline", u,
                        driverInput(d.name, "conversionLift"),
                        who + "a conversion lift of " + percent(d.conversionLift)
                            + " on a baseline conversion of " + percent(b.conversionRate)
                            + " would convert more than every unit.",
                        "Lower the lift or correct the baseline conversion rate.");
                }
                break;
            case DriverKind::AvoidedCost:
                if (d.avoidedMode == AvoidedMode::ErrorReduction
                    && d.errorReduction > b.errorRate) {
                    add(Severity::Error, "errors-exceed-baseline", u,
                        driverInput(d.name, "errorReduction"),
                        who + "'" + d.name + "' removes " + percent(d.errorReduction)
                            + " errors where the baseline has only " + percent(b.errorRate) + ".",
                        "Lower the error-rate reduction or correct the baseline error rate.");
                }
                break;
            case DriverKind::AddedCapacity:
                if (d.capacityMode == CapacityMode::PerUnit && b.volume > 0
                    && d.extraUnits > b.volume) {
                    add(Severity::Warning, "capacity-exceeds-baseline", u,
                        driverInput(d.name, "extraUnits"),
                        who + "'" + d.name
                            + "' claims more extra units than the whole baseline volume.",
                        "Check the extra units against the baseline volume.");
                }
                break;
            default:
                break;
            }
        }
        if (reclaimed > b.minutesPerUnit + 1e-9) {
            add(Severity::Error, "double-count", u, "drivers",
                who + "labor drivers reclaim more minutes per unit than the baseline has ("
                    + std::to_string(static_cast<int>(std::lround(reclaimed))) + " of "
                    + std::to_string(static_cast<int>(std::lround(b.minutesPerUnit)))
                    + "): the same time is counted twice.",
                "Merge the labor drivers or split the baseline minutes between them.");
        } else {
            for (DriverKind kind :
                 {DriverKind::LaborReclaimed, DriverKind::RevenueUplift, DriverKind::Retention}) {
                if (counts[static_cast<int>(kind)] > 1) {
                    add(Severity::Warning, "double-count", u, "drivers",
                        who + std::to_string(counts[static_cast<int>(kind)]) + " '"
                            + std::string(enumLabel(kind))
                            + "' drivers claim the same units of work.",
                        "Make sure each counts different units, or merge them.");
                }
            }
        }

        const bool newWorkflow = uc.ramp.goLive >= m_wb.settings.startMonth;
        if (newWorkflow && (uc.ramp.rampMonths <= 0 || uc.ramp.curve == RampCurve::Immediate)) {
            add(Severity::Warning, "no-ramp", u, "ramp.rampMonths",
                who
                    + "full adoption from the first day of a new workflow; real adoption takes "
                      "months.",
                "Enter the months to steady state (3-12 is typical) and an S-curve.");
        }
        const int goLiveIndex = m_wb.settings.startMonth.monthsUntil(uc.ramp.goLive) + 1;
        if (goLiveIndex > m_wb.settings.horizonMonths) {
            add(Severity::Warning, "golive-after-horizon", u, "ramp.goLive",
                who + "go-live (" + uc.ramp.goLive.toString()
                    + ") falls after the end of the horizon: no benefit is counted.",
                "Move go-live earlier or lengthen the horizon.");
        }

        if (base.kpis.tco <= 0) {
            add(Severity::Warning, "zero-tco", u, "layers",
                who + "no cost at all; ROI is undefined.", "Enter the cost layers.");
        } else if (base.kpis.paybackMonth.state == KpiState::NeverPaysBack) {
            add(Severity::Info, "never-pays-back", u, "drivers",
                who
                    + "in the base scenario the benefits never catch up with the costs within "
                      "the horizon.",
                "Review the value drivers, or stop the use case.");
        }
    }

    void checkSharedUnits()
    {
        const auto &ucs = m_wb.useCases;
        auto claimsLabor = [](const UseCase &uc) {
            return std::any_of(uc.drivers.begin(), uc.drivers.end(), [](const ValueDriver &d) {
                return d.hard && d.kind == DriverKind::LaborReclaimed;
            });
        };
        // Each unit lower-cased and each labor claim found once per use case, not once per
        // pair: with a few hundred use cases there are tens of thousands of pairs, every edit.
        std::vector<std::string> units(ucs.size());
        std::vector<char> labor(ucs.size());
        for (std::size_t i = 0; i < ucs.size(); ++i) {
            units[i] = lower(ucs[i].baseline.unit);
            labor[i] = claimsLabor(ucs[i]);
        }
        for (std::size_t i = 0; i < ucs.size(); ++i) {
            const std::string &unit = units[i];
            if (unit.empty() || unit == "unit" || !labor[i])
                continue;
            for (std::size_t j = i + 1; j < ucs.size(); ++j) {
                if (unit != units[j] || !labor[j])
                    continue;
                add(Severity::Warning, "double-count-across", static_cast<int>(j), "baseline.unit",
                    "'" + ucs[i].name + "' and '" + ucs[j].name
                        + "' both claim labor reclaimed on the same unit of work ('"
                        + ucs[j].baseline.unit + "').",
                    "Make sure they handle different " + ucs[j].baseline.unit
                        + "s, or count the time once.");
            }
        }
    }

    const Workbook &m_wb;
    Results &m_res;
    Date m_today;
    int m_base = 0;
};

} // namespace

void runChecks(const Workbook &workbook, Results &results, Date today)
{
    Checker(workbook, results, today).run();
}

} // namespace roi
