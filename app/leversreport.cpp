#include "leversreport.h"

#include "levers/leverengine.h"

#include <cmath>

namespace roi {

using namespace Qt::StringLiterals;

QString leversReportSection(const Workbook &wb, const Results &res, int useCase, int scenario,
                            const NumberFormat &nf, int width, std::vector<ReportChart> &charts)
{
    if (useCase < 0 || useCase >= res.useCaseCount || scenario < 0
        || scenario >= static_cast<int>(res.scenarios.size()))
        return {};
    const CaseResult &r = res.at(useCase, scenario);
    if (!r.levers.active)
        return {};
    const UseCase &uc = wb.useCases[static_cast<std::size_t>(useCase)];
    const LeverSummary s = leverSummary(r);
    auto money = [&](double v) {
        return nf.money(v).toHtmlEscaped();
    };
    auto pct = [&](const Kpi &k) {
        return nf.kpi(k, NumberFormat::Kind::Percent).toHtmlEscaped();
    };
    const YearMonth start = res.startMonth;

    QString out = u"<h2>Cost optimisation</h2>\n"_s;
    out += u"<table class=\"data\" width=\"100%\" cellspacing=\"0\" cellpadding=\"4\">\n"
           u"<thead><tr><th align=\"left\" width=\"40%\"></th><th align=\"right\">Baseline "
           u"cost</th><th align=\"right\">Optimised cost</th><th align=\"right\">Savings</th>"
           u"</tr></thead>\n<tbody>\n"_s;
    out += u"<tr class=\"total\"><td align=\"left\">Over %1 months (%2)</td><td align=\"right\" "
           u"class=\"n\">%3</td><td align=\"right\" class=\"n\">%4</td><td align=\"right\" "
           u"class=\"n\">%5</td></tr>\n"_s.arg(res.months)
               .arg(QString::fromStdString(res.scenarios[static_cast<std::size_t>(scenario)])
                        .toHtmlEscaped(),
                    money(s.baseline), money(s.optimised), pct(s.savingsPercent));
    out += u"<tr><td align=\"left\">Steady month</td><td align=\"right\" class=\"n\">%1</td>"
           u"<td align=\"right\" class=\"n\">%2</td><td align=\"right\" class=\"n\">%3</td>"
           u"</tr>\n</tbody></table>\n"_s.arg(money(s.steadyBaseline), money(s.steadyOptimised),
                                              pct(s.steadySavingsPercent));
    out += u"<p class=\"note\">Baseline: the TCO without savings levers. Optimised: the TCO with "
           u"the enabled levers and their own implementation and running costs; the headline "
           u"TCO above is this figure. Savings % = (baseline − optimised) / baseline, on the "
           u"whole TCO. Levers apply in sequence, each to what the ones before leave: semantic "
           u"caching, routing, prompt optimisation, output shortening, prompt caching, batch."
           u"</p>\n"_s;

    // The waterfall, drawn like every report chart.
    const int index = static_cast<int>(charts.size());
    const QSize logical(kReportChartWidth, 360);
    charts.push_back({ChartKind::SavingsWaterfall, useCase, scenario, logical, false});
    const int shownHeight =
        static_cast<int>(std::lround(logical.height() * double(width) / logical.width()));
    out += u"<p class=\"chart\" align=\"center\"><img src=\"%1%2\" width=\"%3\" height=\"%4\" "
           u"alt=\"Savings waterfall\"></p>\n"_s.arg(QLatin1String(kChartScheme))
               .arg(index)
               .arg(width)
               .arg(shownHeight);

    out += u"<table class=\"data\" width=\"100%\" cellspacing=\"0\" cellpadding=\"4\">\n"
           u"<thead><tr><th align=\"left\">Lever</th><th align=\"left\">Layer</th>"
           u"<th align=\"right\">Saving</th><th align=\"right\">Cost</th>"
           u"<th align=\"right\">Net saving</th><th align=\"right\">Payback</th>"
           u"<th align=\"right\">ROI</th></tr></thead>\n<tbody>\n"_s;
    for (const LeverLine &l : r.levers.lines) {
        const QString layer =
            static_cast<std::size_t>(l.layer) < uc.layers.size()
                ? QString::fromStdString(uc.layers[static_cast<std::size_t>(l.layer)].name)
                : QString();
        const std::string_view name = leverLabel(l.kind);
        out += u"<tr><td align=\"left\">%1</td><td align=\"left\">%2</td>"_s.arg(
            QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())).toHtmlEscaped(),
            layer.toHtmlEscaped());
        for (const QString &cell :
             {money(l.grossTotal), money(l.costTotal), money(l.netTotal),
              nf.kpi(leverPayback(l), NumberFormat::Kind::Month, start.year, start.month)
                  .toHtmlEscaped(),
              pct(leverRoi(l))})
            out += u"<td align=\"right\" class=\"n\">%1</td>"_s.arg(cell);
        out += u"</tr>\n"_s;
    }
    out += u"</tbody></table>\n"_s;
    out += u"<p class=\"note\">Saving: token spend the lever avoids over the horizon. Cost: its "
           u"implementation (one-time and monthly) and running costs (cache lookups, wrong "
           u"cached answers). A negative net saving is a lever that costs more than it saves."
           u"</p>\n"_s;
    return out;
}

} // namespace roi
