#include "export/uncertaintyexport.h"

#include "filebytes.h"
#include "numberformat.h"
#include "reportcontent.h"
#include "xlsxexport.h"

#include "analytics/summaryexport.h"
#include "format.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>

namespace roi {

using namespace Qt::StringLiterals;

PendingSimulation::PendingSimulation(const Workbook &workbook, const Results &results,
                                     const ReportOptions &options)
{
    MonteCarloOptions mc = MonteCarloOptions::fromWorkbook(workbook);
    const int scenario = headlineScenario(results, options);
    if (scenario >= 0 && scenario < static_cast<int>(results.scenarios.size()))
        mc.scenario = results.scenarios[static_cast<std::size_t>(scenario)];
    m_sim.plan = std::make_unique<MonteCarloPlan>(workbook, mc);
    if (!m_sim.plan->ok()) {
        m_sim.error = m_sim.plan->error();
        return;
    }
    if (m_sim.plan->inputs().empty()) {
        m_sim.error = "no input is uncertain (the Worst and Best scenarios move nothing and none "
                      "is set up)";
        return;
    }
    m_run = std::make_unique<BackgroundMonteCarlo>(*m_sim.plan);
}

PendingSimulation::~PendingSimulation() = default;

ExportSimulation PendingSimulation::finish()
{
    if (m_sim.error.empty() && m_run) {
        const BackgroundMonteCarlo::Outcome &done = m_run->get();
        m_sim.run = done.run;
        if (!m_sim.run || !m_sim.run->complete() || !done.summary)
            m_sim.error = "the simulation did not finish";
        else
            m_sim.summary = *done.summary;
        m_run.reset();
    }
    return std::move(m_sim);
}

ExportSimulation simulateForExport(const Workbook &workbook, const Results &results,
                                   const ReportOptions &options)
{
    PendingSimulation pending(workbook, results, options);
    return pending.finish();
}

QStringList csvUncertaintyPaths(const QString &outputPath, bool trials)
{
    QString base = outputPath;
    if (base.endsWith(u".csv"_s, Qt::CaseInsensitive))
        base.chop(4);
    QStringList paths{base + u"-uncertainty.csv"_s};
    if (trials)
        paths << base + u"-trials.csv"_s;
    return paths;
}

std::vector<std::string> uncertaintyCsvFiles(const ExportSimulation &sim, bool trials)
{
    if (!sim.ran())
        return {};
    std::vector<std::string> files{summaryCsv(sim.summary)};
    if (trials)
        files.push_back(trialsCsv(*sim.run, *sim.plan));
    return files;
}

bool writeUncertaintyCsv(const Workbook &workbook, const Results &results,
                         const ReportOptions &options, QString *error, QStringList *written)
{
    const ExportSimulation sim = simulateForExport(workbook, results, options);
    const std::vector<std::string> files = uncertaintyCsvFiles(sim, options.includeTrialSamples);
    const QStringList paths = csvUncertaintyPaths(options.outputPath, options.includeTrialSamples);
    for (std::size_t i = 0; i < files.size(); ++i) {
        const QString &path = paths[static_cast<qsizetype>(i)];
        if (!writeFileAtomically(path, QByteArray::fromStdString(files[i]), false, error))
            return false;
        if (written)
            written->append(path);
    }
    return true;
}

namespace {

struct Formats
{
    lxw_format *title = nullptr;
    lxw_format *subtitle = nullptr;
    lxw_format *header = nullptr;
    lxw_format *section = nullptr;
    lxw_format *money = nullptr;
    lxw_format *percent = nullptr;
    lxw_format *month = nullptr;
    lxw_format *count = nullptr;
    lxw_format *decimal = nullptr;
    lxw_format *state = nullptr;
};

class SheetWriter
{
public:
    SheetWriter(lxw_workbook *book, const Workbook &wb)
        : m_book(book)
    {
        auto add = [&] {
            return workbook_add_format(m_book);
        };
        // The money format of the other sheets: the currency as a quoted literal, no cents (a
        // simulated spread is wider than a cent).
        QString prefix = NumberFormat(QString::fromStdString(wb.settings.currency)).prefix();
        prefix.remove(QLatin1Char('"'));
        const QByteArray moneyFormat = (u"\""_s + prefix + u"\"#,##0"_s).toUtf8();
        f.title = add();
        format_set_bold(f.title);
        format_set_font_size(f.title, 14);
        format_set_font_color(f.title, 0x16365C);
        f.subtitle = add();
        format_set_font_color(f.subtitle, 0x5B6573);
        f.header = add();
        format_set_bold(f.header);
        format_set_bg_color(f.header, 0xEEF2F7);
        format_set_bottom(f.header, LXW_BORDER_THIN);
        format_set_text_wrap(f.header);
        format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
        f.section = add();
        format_set_bold(f.section);
        format_set_font_color(f.section, 0x16365C);
        f.money = add();
        format_set_num_format(f.money, moneyFormat.constData());
        f.percent = add();
        format_set_num_format(f.percent, "0.0%");
        f.month = add();
        format_set_num_format(f.month, "0.0");
        f.count = add();
        format_set_num_format(f.count, "#,##0");
        f.decimal = add();
        format_set_num_format(f.decimal, "0.000");
        f.state = add();
        format_set_italic(f.state);
        format_set_font_color(f.state, 0x5B6573);
        format_set_align(f.state, LXW_ALIGN_RIGHT);
    }

    lxw_worksheet *sheet(const QString &wanted, QSet<QString> &taken)
    {
        return workbook_add_worksheet(m_book, sheetName(wanted, taken).toUtf8().constData());
    }
    void text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const QString &s, lxw_format *fmt)
    {
        worksheet_write_string(ws, r, c, s.toUtf8().constData(), fmt);
    }
    void text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, std::string_view s, lxw_format *fmt)
    {
        text(ws, r, c, QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())), fmt);
    }
    /// A number, or nothing for a non-finite one (ROI without a TCO, payback never).
    void number(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *fmt)
    {
        if (std::isfinite(v))
            worksheet_write_number(ws, r, c, v, fmt);
    }
    /// A statistic in its metric's unit (ROI as a percentage), else its state in words.
    void stat(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const Kpi &k, Metric metric)
    {
        if (!k.ok()) {
            text(ws, r, c, NumberFormat::stateText(k.state), f.state);
            return;
        }
        switch (metric) {
        case Metric::RoiPercent:
            number(ws, r, c, k.value / 100.0, f.percent);
            break;
        case Metric::Payback:
            number(ws, r, c, k.value, f.month);
            break;
        default:
            number(ws, r, c, k.value, f.money);
            break;
        }
    }
    void headers(lxw_worksheet *ws, lxw_row_t r, const QStringList &names)
    {
        for (int c = 0; c < names.size(); ++c)
            text(ws, r, static_cast<lxw_col_t>(c), names[c], f.header);
    }

    Formats f;

private:
    lxw_workbook *m_book;
};

QString runText(const MonteCarloSummary &s)
{
    return u"%1 trials, seed %2, %3 sampling, scenario %4, %5 uncertain inputs; reproduce with "
           u"roi-workbench analyze FILE --trials %1 --seed %2 --sampling %6%7"_s.arg(s.trials)
               .arg(s.seed)
               .arg(QString::fromUtf8(samplingLabel(s.sampling).data(),
                                      static_cast<qsizetype>(samplingLabel(s.sampling).size())),
                    QString::fromStdString(s.scenario))
               .arg(s.inputs.size())
               .arg(QString::fromUtf8(name(s.sampling).data(),
                                      static_cast<qsizetype>(name(s.sampling).size())),
                    s.scenario == kBaseScenario
                        ? QString()
                        : u" --scenario \"%1\""_s.arg(QString::fromStdString(s.scenario)));
}

void uncertaintySheet(SheetWriter &w, lxw_worksheet *ws, const Workbook &wb,
                      const ExportSimulation &sim)
{
    w.text(ws, 0, 0, u"Uncertainty: %1"_s.arg(QString::fromStdString(wb.settings.name)), w.f.title);
    worksheet_set_row(ws, 0, 20, nullptr);
    worksheet_set_column(ws, 0, 0, 34, nullptr);
    worksheet_set_column(ws, 1, 1, 16, nullptr);
    worksheet_set_column(ws, 2, 10, 13, nullptr);
    if (!sim.ran()) {
        w.text(ws, 1, 0, u"No simulation: %1."_s.arg(QString::fromStdString(sim.error)),
               w.f.subtitle);
        return;
    }
    const MonteCarloSummary &s = sim.summary;
    w.text(ws, 1, 0, runText(s), w.f.subtitle);
    lxw_row_t r = 2;
    if (s.correlation.repaired) {
        w.text(ws, r++, 0,
               u"The rank correlations set up cannot hold together; the nearest valid matrix "
               u"was used (Frobenius distance %1)."_s.arg(s.correlation.distance, 0, 'f', 4),
               w.f.subtitle);
    }
    ++r;
    // The percentile table: one row per series and output.
    w.text(ws, r++, 0, u"Percentiles"_s, w.f.section);
    QStringList head{u"Series"_s, u"Output"_s, u"Mean"_s, u"SD"_s};
    for (std::size_t p = 0; p < kPercentiles.size(); ++p)
        head << QString::fromStdString(percentileLabel(p));
    head << u"Trials with a number"_s;
    w.headers(ws, r, head);
    worksheet_freeze_panes(ws, 0, 2);
    ++r;
    for (const SeriesSummary &ss : s.series) {
        for (int m = 0; m < kMetricCount; ++m) {
            const auto metric = static_cast<Metric>(m);
            const OutputStats &st = ss.stats(metric);
            w.text(ws, r, 0, ss.name, nullptr);
            w.text(ws, r, 1, metricLabel(metric), nullptr);
            w.stat(ws, r, 2, st.mean, metric);
            // The spread of ROI is in percentage points, shown as a percentage too.
            w.stat(ws, r, 3, st.sd, metric);
            for (std::size_t p = 0; p < st.percentiles.size(); ++p)
                w.stat(ws, r, static_cast<lxw_col_t>(4 + p), st.percentiles[p], metric);
            w.number(ws, r, static_cast<lxw_col_t>(4 + st.percentiles.size()), st.defined,
                     w.f.count);
            ++r;
        }
    }
    ++r;
    w.text(ws, r++, 0, u"Probabilities"_s, w.f.section);
    w.headers(ws, r++,
              {u"Series"_s, u"P(ROI > 0)"_s, u"P(NPV > 0)"_s,
               u"P(payback within %1 months)"_s.arg(s.months), u"Standard error of mean NPV"_s});
    for (const SeriesSummary &ss : s.series) {
        w.text(ws, r, 0, ss.name, nullptr);
        w.number(ws, r, 1, ss.pRoiPositive, w.f.percent);
        w.number(ws, r, 2, ss.pNpvPositive, w.f.percent);
        w.number(ws, r, 3, ss.pPayback, w.f.percent);
        w.number(ws, r, 4, ss.npvStandardError, w.f.money);
        ++r;
    }
    ++r;
    w.text(ws, r++, 0, u"What drives NPV"_s, w.f.section);
    w.headers(ws, r++,
              {u"Series"_s, u"Input"_s, u"Rank correlation with NPV"_s, u"Share of variance"_s});
    for (const SeriesSummary &ss : s.series) {
        for (const InputSensitivity &e : ss.sensitivity) {
            w.text(ws, r, 0, ss.name, nullptr);
            w.text(ws, r, 1, s.inputs[static_cast<std::size_t>(e.input)], nullptr);
            w.number(ws, r, 2, e.rankCorrelation, w.f.decimal);
            w.number(ws, r, 3, e.varianceShare, w.f.percent);
            ++r;
        }
    }
    // The fan chart's figures: the portfolio (or the lone use case) per month.
    const std::size_t fan = s.series.size() == 2 ? 1 : 0;
    const SeriesSummary &fs = s.series[fan];
    if (!fs.fanP50.empty()) {
        ++r;
        w.text(ws, r++, 0, u"Cumulative net per month: %1"_s.arg(QString::fromStdString(fs.name)),
               w.f.section);
        w.headers(ws, r++, {u"Month"_s, u"P10"_s, u"P50"_s, u"P90"_s});
        YearMonth month = s.startMonth;
        for (std::size_t m = 0; m < fs.fanP50.size(); ++m) {
            w.text(ws, r, 0, month.toString(), nullptr);
            w.number(ws, r, 1, fs.fanP10[m], w.f.money);
            w.number(ws, r, 2, fs.fanP50[m], w.f.money);
            w.number(ws, r, 3, fs.fanP90[m], w.f.money);
            month = month.addMonths(1);
            ++r;
        }
    }
}

void trialsSheet(SheetWriter &w, lxw_worksheet *ws, const ExportSimulation &sim)
{
    const MonteCarloPlan &plan = *sim.plan;
    QStringList head{u"Trial"_s};
    std::vector<std::vector<double>> columns;
    std::vector<lxw_format *> formats;
    for (int s = 0; s < plan.seriesCount(); ++s) {
        for (int m = 0; m < kMetricCount; ++m) {
            const auto metric = static_cast<Metric>(m);
            head << QString::fromStdString(plan.seriesName(s) + " "
                                           + std::string(metricLabel(metric)));
            std::vector<double> values = sim.run->values(s, metric);
            if (metric == Metric::RoiPercent) {
                for (double &v : values)
                    v /= 100.0;
            }
            columns.push_back(std::move(values));
            formats.push_back(metric == Metric::RoiPercent ? w.f.percent
                              : metric == Metric::Payback  ? w.f.month
                                                           : w.f.money);
        }
    }
    for (std::size_t j = 0; j < plan.inputs().size(); ++j) {
        head << QString::fromStdString(plan.inputs()[j].label);
        columns.push_back(plan.samples(static_cast<int>(j)));
        formats.push_back(nullptr);
    }
    const int shownColumns = std::min<int>(static_cast<int>(head.size()), kXlsxMaxColumns);
    const int firstRow = 2; // title, note, then the header
    const int shownTrials = std::min(plan.trials(), kXlsxMaxRows - firstRow - 1);
    QString note = u"One row per trial: the outputs of every series, then the drawn value of "
                   u"each uncertain input. An empty cell has no number (ROI without a cost, a "
                   u"payback that never comes)."_s;
    if (shownColumns < head.size() || shownTrials < plan.trials())
        note += u" Excel's sheet limits leave out %1 columns and %2 trials: the CSV export "
                u"(--trial-samples) has them all."_s.arg(head.size() - shownColumns)
                    .arg(plan.trials() - shownTrials);
    w.text(ws, 0, 0, u"Trial samples"_s, w.f.title);
    worksheet_set_row(ws, 0, 20, nullptr);
    w.text(ws, 1, 0, note, w.f.subtitle);
    w.headers(ws, firstRow, head.mid(0, shownColumns));
    worksheet_set_column(ws, 0, 0, 8, nullptr);
    worksheet_set_column(ws, 1, static_cast<lxw_col_t>(shownColumns - 1), 16, nullptr);
    worksheet_set_row(ws, firstRow, 45, nullptr);
    worksheet_freeze_panes(ws, firstRow + 1, 1);
    for (int t = 0; t < shownTrials; ++t) {
        const auto r = static_cast<lxw_row_t>(firstRow + 1 + t);
        worksheet_write_number(ws, r, 0, t + 1, nullptr);
        for (int c = 1; c < shownColumns; ++c) {
            const auto i = static_cast<std::size_t>(c - 1);
            w.number(ws, r, static_cast<lxw_col_t>(c), columns[i][static_cast<std::size_t>(t)],
                     formats[i]);
        }
    }
}

} // namespace

void addUncertaintySheets(lxw_workbook *book, const Workbook &workbook, const Results &results,
                          const ReportOptions &options, QSet<QString> &takenSheets)
{
    PendingSimulation pending(workbook, results, options);
    addUncertaintySheets(book, workbook, pending, options, takenSheets);
}

void addUncertaintySheets(lxw_workbook *book, const Workbook &workbook,
                          PendingSimulation &simulation, const ReportOptions &options,
                          QSet<QString> &takenSheets)
{
    const ExportSimulation sim = simulation.finish();
    SheetWriter w(book, workbook);
    uncertaintySheet(w, w.sheet(u"Uncertainty"_s, takenSheets), workbook, sim);
    if (options.includeTrialSamples && sim.ran())
        trialsSheet(w, w.sheet(u"Trial samples"_s, takenSheets), sim);
}

} // namespace roi
