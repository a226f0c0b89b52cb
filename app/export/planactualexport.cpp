#include "planactualexport.h"

#include "filebytes.h"
#include "numberformat.h"
#include "reportcontent.h"
#include "xlsxexport.h"

#include "planactual/planactualexport.h"
#include "planactual/planactualreport.h"

#include <xlsxwriter.h>

#include <cmath>

namespace roi {

using namespace Qt::StringLiterals;

PlanActualReport planActualForExport(const Workbook &workbook, const Results &results,
                                     const ReportOptions &options)
{
    if (workbook.actuals.isEmpty())
        return {};
    return buildPlanActual(workbook, results,
                           {"", headlineScenario(results, options), std::nullopt});
}

QStringList csvPlanActualPaths(const QString &outputPath)
{
    QString base = outputPath;
    if (base.endsWith(u".csv"_s, Qt::CaseInsensitive))
        base.chop(4);
    return {base + u"-planactual.csv"_s, base + u"-planactual-recalibrated.csv"_s,
            base + u"-planactual-executive.csv"_s};
}

bool writePlanActualCsv(const Workbook &workbook, const Results &results,
                        const ReportOptions &options, QString *error, QStringList *written)
{
    const PlanActualReport r = planActualForExport(workbook, results, options);
    if (!r.hasActuals)
        return true;
    const std::string files[] = {planActualMonthsCsv(r), planActualRecalibratedCsv(r),
                                 planActualExecutiveCsv(r)};
    const QStringList paths = csvPlanActualPaths(options.outputPath);
    for (int i = 0; i < 3; ++i) {
        if (!writeFileAtomically(paths[i], QByteArray::fromStdString(files[i]), false, error))
            return false;
        if (written)
            written->append(paths[i]);
    }
    return true;
}

namespace {

class Sheet
{
public:
    Sheet(lxw_workbook *book, lxw_worksheet *ws, const Workbook &wb)
        : m_ws(ws)
    {
        QString prefix = NumberFormat(QString::fromStdString(wb.settings.currency)).prefix();
        prefix.remove(QLatin1Char('"'));
        const QByteArray moneyFormat = (u"\""_s + prefix + u"\"#,##0.00"_s).toUtf8();
        m_title = workbook_add_format(book);
        format_set_bold(m_title);
        format_set_font_size(m_title, 14);
        format_set_font_color(m_title, 0x16365C);
        m_section = workbook_add_format(book);
        format_set_bold(m_section);
        format_set_font_color(m_section, 0x16365C);
        m_header = workbook_add_format(book);
        format_set_bold(m_header);
        format_set_bg_color(m_header, 0xEEF2F7);
        format_set_bottom(m_header, LXW_BORDER_THIN);
        format_set_text_wrap(m_header);
        m_money = workbook_add_format(book);
        format_set_num_format(m_money, moneyFormat.constData());
        m_percent = workbook_add_format(book);
        format_set_num_format(m_percent, "0.0%");
        m_count = workbook_add_format(book);
        format_set_num_format(m_count, "#,##0");
        m_over = workbook_add_format(book);
        format_set_num_format(m_over, "0.0%");
        format_set_font_color(m_over, 0xC0392B);
        format_set_bold(m_over);
        worksheet_set_column(ws, 0, 0, 28, nullptr);
        worksheet_set_column(ws, 1, 12, 14, nullptr);
    }

    void text(lxw_col_t c, const std::string &s, lxw_format *f = nullptr)
    {
        worksheet_write_string(m_ws, m_row, c, s.c_str(), f);
    }
    void money(lxw_col_t c, double v) { number(c, v, m_money); }
    void count(lxw_col_t c, double v) { number(c, v, m_count); }
    void number(lxw_col_t c, double v, lxw_format *f)
    {
        if (std::isfinite(v))
            worksheet_write_number(m_ws, m_row, c, v, f);
    }
    /// A percentage KPI (38.9 → 38.9%), or "n/a".
    void percent(lxw_col_t c, const Kpi &k, bool over = false)
    {
        if (k.ok())
            number(c, k.value / 100.0, over ? m_over : m_percent);
        else
            text(c, "n/a");
    }
    void headers(std::initializer_list<const char *> names)
    {
        lxw_col_t c = 0;
        for (const char *n : names)
            worksheet_write_string(m_ws, m_row, c++, n, m_header);
        next();
    }
    void title(const std::string &s)
    {
        text(0, s, m_title);
        next();
    }
    void section(const std::string &s)
    {
        next();
        text(0, s, m_section);
        next();
    }
    void next() { ++m_row; }

private:
    lxw_worksheet *m_ws;
    lxw_row_t m_row = 0;
    lxw_format *m_title, *m_section, *m_header, *m_money, *m_percent, *m_count, *m_over;
};

void months(Sheet &s, const PlanActual &pa)
{
    for (const PlanActualMonth &m : pa.months) {
        s.text(0, pa.useCase);
        s.text(1, m.month.toString());
        s.money(2, m.forecastCost);
        s.money(3, m.actualCost);
        s.money(4, m.variance);
        s.percent(5, m.variancePercent, m.aboveTolerance);
        s.money(6, m.forecastTokenCost);
        s.money(7, m.actualTokenCost);
        s.count(8, m.forecastCalls);
        s.count(9, m.actualRequests);
        s.text(10, m.aboveTolerance ? "above" : "");
        s.next();
    }
}

void executive(Sheet &s, const std::vector<ExecutivePeriod> &periods)
{
    s.headers({"Period", "Baseline cost", "Realised cost", "Savings"});
    for (const ExecutivePeriod &e : periods) {
        s.text(0, e.period);
        s.money(1, e.baselineCost);
        s.money(2, e.realisedCost);
        s.percent(3, e.savingsPercent);
        s.next();
    }
}

} // namespace

void addPlanActualSheet(lxw_workbook *book, const Workbook &workbook, const Results &results,
                        const ReportOptions &options, QSet<QString> &takenSheets)
{
    const PlanActualReport r = planActualForExport(workbook, results, options);
    if (!r.hasActuals)
        return;
    lxw_worksheet *ws = workbook_add_worksheet(
        book, sheetName(u"Plan vs actual"_s, takenSheets).toUtf8().constData());
    Sheet s(book, ws, workbook);
    s.title("Plan vs actual");
    std::string basis = "Against: " + r.basis;
    if (!r.basisTakenOn.isNull())
        basis += ", frozen on " + r.basisTakenOn.toString();
    if (!r.basisTakenBy.empty())
        basis += " by " + r.basisTakenBy;
    s.text(0, basis + "; tolerance band +"
                  + std::to_string(std::lround(r.portfolio.tolerance * 100))
                  + "% over the forecast. Actual cost: attributed token cost + other layers as "
                    "planned.");
    s.next();
    s.section("Month by month");
    s.headers({"Use case", "Month", "Forecast cost", "Actual cost", "Variance", "Variance %",
               "Forecast token cost", "Actual token cost", "Calls forecast", "Requests actual",
               "Above tolerance"});
    for (const PlanActual &pa : r.useCases)
        months(s, pa);
    months(s, r.portfolio);

    if (!r.findings.empty()) {
        s.section("Overruns");
        for (const Finding &f : r.findings) {
            s.text(0, f.message);
            s.next();
        }
    }
    s.section("Recalibrated KPIs: actual to date + forecast");
    s.headers({"Use case", "Months actual", "TCO", "Benefit", "Net", "ROI"});
    for (const Recalibrated &c : r.recalibrated) {
        s.text(0, c.series.name);
        s.text(1, actualMonthsText(c, r.startMonth));
        s.money(2, c.tco);
        s.money(3, c.benefit);
        s.money(4, c.net);
        s.percent(5, c.roiPercent);
        s.next();
    }
    if (!r.executive.empty()) {
        s.section("Executive numbers (baseline: actual tokens at " + r.premiumModel
                  + " list prices, no levers)");
        executive(s, r.executive);
        if (!r.executiveWeekly.empty()) {
            s.section("By ISO week");
            executive(s, r.executiveWeekly);
        }
    }
}

} // namespace roi
