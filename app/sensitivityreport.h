// The report's "Sensitivity (tornado)" subsection: a tornado chart of the NPV and the table of
// swings, for one use case or the portfolio. Written apart from reportcontent.cpp so the
// uncertainty section can take it in as it is.
#pragma once

#include "reportcontent.h"

#include "analytics/tornado.h"

#include <QString>

#include <future>
#include <memory>
#include <vector>

namespace roi {

/// The subsection's tornado, computed on a thread of its own from when it is made, so that it
/// runs while the report writes the sections before it; result() waits for it. The destructor
/// waits for it too (a cancelled export). `workbook` must outlive it.
class TornadoRun
{
public:
    TornadoRun(const Workbook &workbook, int useCase, int scenario);
    TornadoRun(const TornadoRun &) = delete;
    TornadoRun &operator=(const TornadoRun &) = delete;

    int useCase() const { return m_useCase; }
    int scenario() const { return m_scenario; }
    const TornadoOptions &options() const { return m_options; }
    std::shared_ptr<const TornadoResult> result();

private:
    int m_useCase;
    int m_scenario;
    TornadoOptions m_options;
    std::future<TornadoResult> m_future;
    std::shared_ptr<const TornadoResult> m_result;
};

/// Appends the subsection for the tornado of `run` (see the overload below).
void appendTornadoSection(QString &html, std::vector<ReportChart> &charts, const Workbook &workbook,
                          TornadoRun &run, const NumberFormat &format, int contentWidth);

/// Appends the subsection's HTML to `html` and its chart to `charts` (placeholders as
/// ReportChart describes), with defaultTornadoOptions (P10 to P90 of the uncertainty set-up when
/// the workbook has one, else Worst and Best, else ±20%). Writes nothing when no input can be
/// varied.
void appendTornadoSection(QString &html, std::vector<ReportChart> &charts, const Workbook &workbook,
                          int useCase, int scenario, const NumberFormat &format, int contentWidth);

} // namespace roi
