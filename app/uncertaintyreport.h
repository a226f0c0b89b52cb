// The "Uncertainty and sensitivity" section of the PDF and HTML reports: the Monte Carlo run the
// workbook describes (its trials, seed and sampling method, printed so a reader can reproduce
// it), the percentile table, P(ROI > 0), P(NPV > 0), P(payback), the fan chart and the NPV
// histogram, and what drives NPV.
#pragma once

#include "export/backgroundmontecarlo.h"
#include "reportcontent.h"

#include <QLocale>
#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace roi {

struct Workbook;

/// The section's Monte Carlo run, started in the background when made (BackgroundMonteCarlo), so
/// that it runs while the report writes the sections before it; summary() waits for it.
/// Destroyed before that (a cancelled export), it cancels the run.
class UncertaintyRun
{
public:
    /// `workbook` must outlive the run. `scenario`: a scenario name; empty: Base.
    UncertaintyRun(const Workbook &workbook, const std::string &scenario);
    ~UncertaintyRun();
    UncertaintyRun(const UncertaintyRun &) = delete;
    UncertaintyRun &operator=(const UncertaintyRun &) = delete;

    const MonteCarloPlan &plan() const { return *m_plan; }
    /// Whether there is a simulation (the plan is valid and has uncertain inputs).
    bool runs() const;
    /// The summary of the whole run (waits for it); only when runs().
    std::shared_ptr<const MonteCarloSummary> summary();

private:
    std::unique_ptr<MonteCarloPlan> m_plan; // declared first: the run reads it
    std::unique_ptr<BackgroundMonteCarlo> m_run;
    std::shared_ptr<const MonteCarloSummary> m_summary;
};

/// The section's heading (it starts a page).
QString uncertaintyHeading();

/// Appends what follows the heading, from `run`.
void appendUncertaintyBody(QString &html, std::vector<ReportChart> &charts,
                           const Workbook &workbook, UncertaintyRun &run, const QLocale &locale,
                           int contentWidth);

/// Appends the section with the summary of `run` (see the overload below).
void appendUncertaintySection(QString &html, std::vector<ReportChart> &charts,
                              const Workbook &workbook, UncertaintyRun &run, const QLocale &locale,
                              int contentWidth);

/// Appends the section (starting on a new page) to `html`: the run on `scenario` (a scenario
/// name; empty: Base) with the workbook's trials, seed and sampling method, the percentile
/// table, the probabilities, the fan chart and the NPV histogram (pushed to `charts`, drawn from
/// this one run), what drives NPV and the use cases side by side. A short paragraph saying why
/// when there is no simulation (no uncertain input, a set-up that does not run).
void appendUncertaintySection(QString &html, std::vector<ReportChart> &charts,
                              const Workbook &workbook, const std::string &scenario,
                              const QLocale &locale, int contentWidth);

/// The section's HTML alone, on Base, without its charts (tests).
QString uncertaintySectionHtml(const Workbook &workbook, const QLocale &locale);

} // namespace roi
