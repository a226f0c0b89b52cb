#include "planactualreportsection.h"

#include "chartstyle.h"
#include "numberformat.h"

#include "planactual/planactualexport.h"
#include "workbook.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace roi {

using namespace Qt::StringLiterals;

namespace {

const QColor kInk(0x20, 0x26, 0x33);
const QColor kForecast(0x16, 0x36, 0x5c);
const QColor kBand(0xe0, 0x9a, 0x1a, 70);
const QColor kBandEdge(0xc0, 0x7a, 0x00);
const QColor kActual(0x7f, 0x9c, 0xbf);
const QColor kOver(0xc0, 0x39, 0x2b);
const QColor kUnder(0x2e, 0x8b, 0x57);
constexpr std::size_t kChartedUseCases = 12;

/// "+12.0%", "-3.5%", and "0.0%" for what rounds to zero (never "-0.0%").
QString signedPercent(double value, int decimals, bool sign, const NumberFormat &nf)
{
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(value * scale) / scale;
    if (rounded == 0)
        return nf.number(0, decimals) + u"%"_s;
    return (sign && rounded > 0 ? u"+"_s : QString()) + nf.number(rounded, decimals) + u"%"_s;
}

QString esc(const std::string &s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

QString monthLabel(YearMonth ym, const QLocale &locale)
{
    return locale.toString(QDate(ym.year, ym.month, 1), u"MMM yyyy"_s);
}

struct Html
{
    QString &out;
    const NumberFormat &nf;

    QString money(double v) const { return nf.money(v).toHtmlEscaped(); }
    QString signedMoney(double v) const
    {
        return (v > 0 ? u"+"_s : QString()) + nf.money(v).toHtmlEscaped();
    }
    QString pct(const Kpi &k, bool sign = true) const
    {
        if (!k.ok())
            return u"n/a"_s;
        return signedPercent(k.value, 1, sign, nf).toHtmlEscaped();
    }
    static QString td(const QString &text, bool numeric = true)
    {
        return numeric ? u"<td align=\"right\" class=\"n\">%1</td>"_s.arg(text)
                       : u"<td align=\"left\">%1</td>"_s.arg(text);
    }
    /// Header cells, the first `left` aligned left (text columns), the others right.
    void head(const QStringList &headers, const QList<int> &widths, int left = 1)
    {
        out += u"<table class=\"data\" width=\"100%\" cellspacing=\"0\" cellpadding=\"4\">\n"
               u"<thead><tr>"_s;
        for (int i = 0; i < headers.size(); ++i)
            out += u"<th align=\"%1\" width=\"%2%\">%3</th>"_s.arg(
                i < left ? u"left"_s : u"right"_s, QString::number(widths.value(i)), headers[i]);
        out += u"</tr></thead>\n<tbody>\n"_s;
    }
    void end() { out += u"</tbody></table>\n"_s; }

    void monthTable(const PlanActual &pa)
    {
        head({u"Month"_s, u"Forecast cost"_s, u"Actual cost"_s, u"Variance"_s, u"Variance %"_s,
              u"Calls planned"_s, u"Requests"_s},
             {13, 15, 15, 14, 14, 16, 13});
        for (const PlanActualMonth &m : pa.months) {
            const QString flag =
                m.aboveTolerance ? u" <span class=\"error\">▲</span>"_s : QString();
            out +=
                u"<tr>"_s + td(monthLabel(m.month, nf.locale()), false) + td(money(m.forecastCost))
                + td(money(m.actualCost)) + td(signedMoney(m.variance))
                + td(pct(m.variancePercent) + flag)
                + td(nf.number(m.forecastCalls, 0).toHtmlEscaped())
                + td(m.actualRequests > 0 ? nf.number(m.actualRequests, 0).toHtmlEscaped() : u"—"_s)
                + u"</tr>\n"_s;
        }
        out += u"<tr class=\"total\">"_s + td(u"Total"_s, false) + td(money(pa.forecastTotal))
               + td(money(pa.actualTotal)) + td(signedMoney(pa.varianceTotal))
               + td(pct(pa.variancePercentTotal)) + td(QString()) + td(QString()) + u"</tr>\n"_s;
        end();
        // QTextDocument drops a heading's top margin after a table: a spacer keeps them apart.
        out += u"<p style=\"margin-top: 0px; margin-bottom: 10px\">&nbsp;</p>\n"_s;
    }

    void executiveTable(const std::vector<ExecutivePeriod> &periods, const QString &first)
    {
        head({first, u"Baseline cost"_s, u"Realised cost"_s, u"Savings"_s}, {28, 24, 24, 24});
        for (const ExecutivePeriod &e : periods)
            out += u"<tr>"_s + td(esc(e.period), false) + td(money(e.baselineCost))
                   + td(money(e.realisedCost)) + td(pct(e.savingsPercent, false)) + u"</tr>\n"_s;
        end();
    }
};

void appendChart(QString &out, std::vector<ReportChart> &charts, const PlanActual &pa, int useCase,
                 int contentWidth)
{
    const int height = 300;
    ReportChart c;
    c.useCase = useCase;
    c.size = QSize(kReportChartWidth, height);
    c.draw = [pa](QCustomPlot &plot, const NumberFormat &format) {
        drawPlanActualChart(plot, pa, format);
    };
    const int index = static_cast<int>(charts.size());
    charts.push_back(std::move(c));
    out +=
        u"<p class=\"chart\" align=\"center\"><img src=\"%1%2\" width=\"%3\" height=\"%4\" "
        u"alt=\"Plan vs actual: %5\"></p>\n"_s.arg(QLatin1String(kChartScheme))
            .arg(index)
            .arg(contentWidth)
            .arg(static_cast<int>(std::lround(height * double(contentWidth) / kReportChartWidth)))
            .arg(esc(pa.useCase));
}

QString basisText(const PlanActualReport &r, const Workbook &wb)
{
    QString text = u"<b>%1</b>"_s.arg(esc(r.basis));
    for (const Snapshot &s : wb.snapshots) {
        if (s.label != r.basis)
            continue;
        text += u" (scenario %1"_s.arg(esc(s.scenario));
        text += s.takenOn.isNull() ? QString() : u", frozen on %1"_s.arg(esc(s.takenOn.toString()));
        text += s.takenBy.empty() ? QString() : u" by %1"_s.arg(esc(s.takenBy));
        text += u")"_s;
        return text;
    }
    return text
           + u": no snapshot of the approved case was taken, so the actuals are compared "
             u"with today’s forecast, which later edits of the assumptions change"_s;
}

void body(QString &out, std::vector<ReportChart> *charts, const Workbook &wb,
          const PlanActualReport &r, const Results &res, int scenario, const NumberFormat &nf,
          int contentWidth)
{
    Html h{out, nf};
    out += u"<h1 class=\"page\">Plan vs actual</h1>\n"_s;
    const PlanActual &pf = r.portfolio;
    const QString first =
        pf.months.empty() ? QString() : monthLabel(pf.months.front().month, nf.locale());
    const QString last =
        pf.months.empty() ? QString() : monthLabel(pf.months.back().month, nf.locale());
    out += u"<p>Imported actuals for %1 month%2 (%3 to %4) against %5. Actual cost is the "
           u"attributed token cost of the actuals plus every other cost layer as planned. The "
           u"tolerance band is %6 above the forecast; a month above it is marked ▲.</p>\n"_s
               .arg(pf.months.size())
               .arg(pf.months.size() == 1 ? QString() : u"s"_s, first, last, basisText(r, wb),
                    nf.percent(pf.tolerance, 0).toHtmlEscaped());

    // The executive three numbers over the whole period, then by month (and week).
    if (!r.executive.empty()) {
        out += u"<h2>Executive numbers from real usage</h2>\n"_s;
        double baseline = 0, realised = 0;
        for (const ExecutivePeriod &e : r.executive) {
            baseline += e.baselineCost;
            realised += e.realisedCost;
        }
        const Kpi savings = baseline > 0 ? Kpi::of((baseline - realised) / baseline * 100)
                                         : Kpi::none(KpiState::Undefined);
        out += u"<table width=\"100%\" cellspacing=\"6\" cellpadding=\"8\"><tr>"_s;
        const QString tiles[][2] = {{u"Baseline cost"_s, h.money(baseline)},
                                    {u"Realised cost"_s, h.money(realised)},
                                    {u"Savings"_s, h.pct(savings, false)}};
        for (const auto &t : tiles)
            out += u"<td class=\"tile\" width=\"33%\"><p class=\"tilelabel\">%1</p>"
                   u"<p class=\"tilevalue\">%2</p></td>"_s.arg(t[0], t[1]);
        out += u"</tr></table>\n"_s;
        out += u"<p class=\"note\">Baseline: the actual tokens priced as if every call had gone "
               u"to the premium model (%1) at its list prices, with no savings lever (cached "
               u"input at the full input price). Realised: what was actually paid. Savings = "
               u"(baseline − realised) / baseline.</p>\n"_s.arg(esc(r.premiumModel));
        if (!r.executiveWeekly.empty()) {
            h.executiveTable(r.executiveWeekly, u"ISO week"_s);
        }
        h.executiveTable(r.executive, u"Month"_s);
    }

    bool any = false;
    for (const Recalibrated &c : r.recalibrated)
        any = any || c.actualMonths > 0;
    if (any) {
        out += u"<h2>Recalibrated KPIs: actual to date + forecast</h2>\n"_s;
        out +=
            u"<p>Each use case with actuals, its months with actuals replaced by what was "
            u"measured (cost, calls and outcomes where imported) and the live forecast from then "
            u"on, next to the forecast alone (%1).</p>\n"_s.arg(
                esc(res.scenarios[static_cast<std::size_t>(scenario)]));
        h.head({u"Use case"_s, u"Months actual"_s, u"TCO"_s, u"Net"_s, u"ROI"_s, u"Forecast ROI"_s},
               {22, 22, 15, 15, 10, 16}, 2);
        for (const Recalibrated &c : r.recalibrated) {
            if (c.actualMonths == 0)
                continue;
            const int u = wb.findUseCase(c.series.name);
            const QString planRoi =
                u >= 0 && u < res.useCaseCount
                    ? nf.kpi(res.at(u, scenario).kpis.roiPercent, NumberFormat::Kind::Percent)
                          .toHtmlEscaped()
                    : u"—"_s;
            out += u"<tr>"_s + Html::td(esc(c.series.name), false)
                   + Html::td(esc(actualMonthsText(c, r.startMonth)), false)
                   + Html::td(h.money(c.tco)) + Html::td(h.money(c.net))
                   + Html::td(h.pct(c.roiPercent, false)) + Html::td(planRoi) + u"</tr>\n"_s;
        }
        h.end();
    }
    out += u"<h2>Overruns</h2>\n"_s;
    if (r.findings.empty()) {
        out += u"<p>No use case ran above the tolerance band for two months in a row.</p>\n"_s;
    } else {
        for (const Finding &f : r.findings)
            out += u"<p><span class=\"warning\">Warning</span> %1 <span class=\"fix\">%2</span>"
                   u"</p>\n"_s.arg(esc(f.message), esc(f.fix));
    }

    // The chart's title names the portfolio, as for the use cases below, so no heading is left
    // alone at the foot of a page; without charts the heading stands above the table.
    if (charts)
        appendChart(out, *charts, pf, -1, contentWidth);
    else
        out += u"<h2>Portfolio</h2>\n"_s;
    h.monthTable(pf);
    for (std::size_t i = 0; i < r.useCases.size(); ++i) {
        const PlanActual &pa = r.useCases[i];
        if (r.useCases.size() == 1 && pa.months.size() == pf.months.size()
            && pa.actualTotal == pf.actualTotal)
            break; // the one use case is the portfolio
        // A chart each for the first use cases (its title names the use case, so no heading is
        // left alone at the foot of a page); a large portfolio's others get a heading and their
        // table.
        if (charts && i < kChartedUseCases)
            appendChart(out, *charts, pa, static_cast<int>(i), contentWidth);
        else
            out += u"<h3>%1</h3>\n"_s.arg(esc(pa.useCase));
        h.monthTable(pa);
    }
    if (r.useCases.size() > kChartedUseCases)
        out += u"<p class=\"note\">Charts are drawn for the first %1 use cases; the others have "
               u"their month table.</p>\n"_s.arg(kChartedUseCases);
}

} // namespace

void drawPlanActualChart(QCustomPlot &plot, const PlanActual &pa, const NumberFormat &format)
{
    resetChart(plot);
    plot.legend->setVisible(false);
    plot.plotLayout()->insertRow(0);
    QFont font = plot.font();
    font.setPointSizeF(font.pointSizeF() * 1.1);
    font.setBold(true);
    auto *title = new QCPTextElement(
        &plot, u"Plan vs actual — %1"_s.arg(QString::fromStdString(pa.useCase)), font);
    title->setTextColor(kInk);
    plot.plotLayout()->addElement(0, 0, title);

    const int n = static_cast<int>(pa.months.size());
    QVector<double> x(n), forecast(n), band(n), actual(n);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    double top = 0;
    for (int i = 0; i < n; ++i) {
        const PlanActualMonth &m = pa.months[static_cast<std::size_t>(i)];
        x[i] = i + 1;
        forecast[i] = m.forecastCost;
        band[i] = m.forecastCost * (1 + pa.tolerance);
        actual[i] = m.actualCost;
        top = std::max({top, band[i], actual[i]});
        ticker->addTick(
            i + 1, format.locale().toString(QDate(m.month.year, m.month.month, 1), u"MMM yy"_s));
    }
    auto *bars = new QCPBars(plot.xAxis, plot.yAxis);
    bars->setData(x, actual, true);
    bars->setWidth(0.55);
    bars->setPen(Qt::NoPen);
    bars->setBrush(kActual);
    bars->setName(u"Actual cost"_s);
    QCPGraph *line = plot.addGraph();
    line->setData(x, forecast, true);
    line->setPen(QPen(kForecast, 2.5));
    line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kForecast, Qt::white, 6));
    line->setName(u"Forecast cost"_s);
    QCPGraph *upper = plot.addGraph();
    upper->setData(x, band, true);
    upper->setPen(QPen(kBandEdge, 1, Qt::DashLine));
    upper->setBrush(kBand);
    upper->setChannelFillGraph(line);
    upper->setName(u"Tolerance band (+%1)"_s.arg(format.percent(pa.tolerance, 0)));
    // Each month's variance over its bar.
    for (int i = 0; i < n; ++i) {
        const PlanActualMonth &m = pa.months[static_cast<std::size_t>(i)];
        auto *text = new QCPItemText(&plot);
        text->position->setCoords(x[i], std::max(actual[i], band[i]));
        text->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        text->setPadding(QMargins(0, 0, 0, 3));
        text->setText(m.variancePercent.ok()
                          ? signedPercent(m.variancePercent.value, 0, true, format)
                          : format.compactMoney(m.variance));
        text->setColor(m.aboveTolerance ? kOver : m.variance <= 0 ? kUnder : kInk);
        QFont small = plot.font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        small.setBold(m.aboveTolerance);
        text->setFont(small);
    }
    plot.xAxis->setTicker(ticker);
    plot.xAxis->setRange(0.4, n + 0.6);
    plot.yAxis->setTicker(moneyTicker(format));
    plot.yAxis->setRange(0, top > 0 ? top * 1.22 : 1);
    plot.yAxis->setLabel(u"Cost per month"_s);
    // The legend in a strip under the chart: inside, it would hide a month's label.
    QCPLegend *legend = plot.legend;
    legend->setVisible(true);
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    legend->setWrap(4);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setColumnSpacing(18);
    if (legend->layout())
        legend->layout()->take(legend);
    auto *strip = new QCPLayoutGrid;
    const int row = plot.plotLayout()->rowCount();
    plot.plotLayout()->addElement(row, 0, strip);
    plot.plotLayout()->setRowStretchFactor(row, 0.001);
    strip->addElement(0, 0, new QCPLayoutElement(&plot));
    strip->addElement(0, 1, legend);
    strip->addElement(0, 2, new QCPLayoutElement(&plot));
    strip->setColumnStretchFactors({1.0, 0.001, 1.0});
}

QString planActualSectionHtml(const Workbook &workbook, const PlanActualReport &report,
                              const Results &results, int scenario, const NumberFormat &format)
{
    QString out;
    if (report.hasActuals)
        body(out, nullptr, workbook, report, results, scenario, format, 700);
    return out;
}

void appendPlanActualSection(QString &html, std::vector<ReportChart> &charts,
                             const Workbook &workbook, const Results &results, int scenario,
                             const NumberFormat &format, int contentWidth)
{
    if (workbook.actuals.isEmpty())
        return;
    const PlanActualReport report =
        buildPlanActual(workbook, results, {"", scenario, std::nullopt});
    if (!report.hasActuals)
        return;
    body(html, &charts, workbook, report, results, scenario, format, contentWidth);
}

} // namespace roi
