#include "export/memo.h"

#include "chartexport.h"
#include "filebytes.h"
#include "numberformat.h"
#include "stagesummary.h"

#include "analytics/tornado.h"
#include "analytics/tornadorange.h"
#include "inputs.h"
#include "stage.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace roi {

namespace {

constexpr double kDpi = 96.0;
constexpr double kMargin = 52; // CSS pixels at 96 dpi: about 14 mm

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString esc(const std::string &s)
{
    return qs(s).toHtmlEscaped();
}

/// "Steady adoption (Support assistant)" for a named input of a scenario adjustment.
QString assumptionLabel(const std::string &input, const std::string &useCase)
{
    QString text = qs(input);
    if (const auto path = InputPath::parse(input)) {
        if (const FieldInfo *info = path->info()) {
            text = qs(std::string(info->label));
            if (path->selector == InputPath::Selector::All) {
                if (path->section == InputSection::Prices)
                    text += u" (every model)"_s;
                else if (path->section == InputSection::Layers)
                    text += u" (every layer)"_s;
                else if (path->section == InputSection::Drivers)
                    text += u" (every driver)"_s;
            } else if (path->selector == InputPath::Selector::Key) {
                text += u" (%1)"_s.arg(qs(path->key));
            }
        }
    }
    if (!useCase.empty())
        text += u", %1"_s.arg(qs(useCase));
    return text.toHtmlEscaped();
}

/// One-time costs in the horizon and the steady monthly run rate of the subject.
struct Ask
{
    double upfront = 0;
    double runRate = 0;
};

Ask askOf(const Workbook &wb, const Results &res, int scenario)
{
    Ask a;
    for (int u = 0; u < res.useCaseCount; ++u) {
        const UseCase &uc = wb.useCases[static_cast<std::size_t>(u)];
        const CaseResult &c = res.at(u, scenario);
        for (std::size_t i = 0; i < uc.layers.size(); ++i) {
            if (uc.layers[i].type != LayerType::OneTime)
                continue;
            for (double v : c.layerCost(static_cast<int>(i)))
                a.upfront += v;
        }
        a.runRate += c.runRate.tco;
    }
    return a;
}

QString paybackText(const Kpi &k, const NumberFormat &fmt)
{
    return k.ok() ? u"month %1"_s.arg(fmt.number(k.value, 1))
                  : fmt.kpi(k, NumberFormat::Kind::Month);
}

QString styleSheet(double pt)
{
    return uR"(
body { color: #1d2430; }
h1 { font-size: %1pt; color: #17324d; margin: 0 0 2px 0; }
h2 { font-size: %2pt; color: #17324d; margin: 10px 0 3px 0; border-bottom: 1px solid #c9d0d9; }
p { margin: 0 0 4px 0; }
.meta { color: #5a6370; font-size: %3pt; margin-bottom: 8px; }
.box { background: #f3f6fa; }
.boxtitle { color: #5a6370; font-weight: 600; font-size: %3pt; margin: 0; }
.big { font-size: %4pt; font-weight: 700; color: #17324d; margin: 0; }
.small { font-size: %3pt; color: #3d4653; }
th { text-align: left; color: #5a6370; font-weight: 600; border-bottom: 1px solid #c9d0d9; }
td.num, th.num { text-align: right; }
.neg { color: #b3261e; }
.pass { color: #1e7a3c; font-weight: 700; }
.fail { color: #b3261e; font-weight: 700; }
.decision { background: #17324d; color: #ffffff; }
)"_s.arg(pt * 1.75)
        .arg(pt * 1.2)
        .arg(pt * 0.9)
        .arg(pt * 1.5);
}

} // namespace

QString memoHtml(const Workbook &wb, const Results &res, const MemoOptions &options)
{
    // The window's number format, so the memo carries the figures exactly as the tiles show them.
    const NumberFormat fmt(qs(wb.settings.currency));
    QString h;
    if (res.useCaseCount == 0 || res.scenarios.empty()) {
        h += u"<h1>Decision memo: %1</h1><p>The workbook has no use case yet.</p>"_s.arg(
            esc(wb.settings.name));
        return h;
    }
    const int base = std::max(0, res.findScenario(kBaseScenario));
    const int scenario =
        options.scenario >= 0 && options.scenario < static_cast<int>(res.scenarios.size())
            ? options.scenario
            : base;
    const int worst = res.findScenario(kWorstScenario);
    const int best = res.findScenario(kBestScenario);
    const int subject = res.useCaseCount == 1 ? 0 : -1;
    auto resultOf = [&](int s) -> const CaseResult & {
        return subject < 0 ? res.portfolio[static_cast<std::size_t>(s)] : res.at(0, s);
    };
    const Kpis &k = resultOf(scenario).kpis;
    const Ask ask = askOf(wb, res, scenario);
    const QDate today = options.today.isNull() ? QDate::currentDate() : options.today;
    const QString what =
        subject == 0 ? esc(wb.useCases[0].name) : u"%1 use cases"_s.arg(res.useCaseCount);

    h += u"<h1>Decision memo: %1</h1>"_s.arg(esc(wb.settings.name));
    h += u"<p class=\"meta\">%1 · %2%3 · %4 scenario, %5 months from %6</p>"_s
             .arg(today.toString(u"d MMMM yyyy"_s), what,
                  wb.settings.preparedBy.empty()
                      ? QString()
                      : u" · prepared by %1"_s.arg(esc(wb.settings.preparedBy)),
                  esc(res.scenarios[static_cast<std::size_t>(scenario)]))
             .arg(res.months)
             .arg(qs(res.startMonth.toString()));

    // The ask and the return, side by side.
    const QString roiTitleText = roiTitle(wb, subject);
    QString range;
    if (worst >= 0 && best >= 0) {
        range = u"Worst %1 – Best %2"_s.arg(
            fmt.kpi(resultOf(worst).kpis.roiPercent, NumberFormat::Kind::Percent),
            fmt.kpi(resultOf(best).kpis.roiPercent, NumberFormat::Kind::Percent));
    }
    const QString verdict = !k.irrVsHurdle.ok()   ? u"no IRR"_s
                            : k.irrPassesHurdle() ? u"<span class=\"pass\">passes</span>"_s
                                                  : u"<span class=\"fail\">fails</span>"_s;
    h += uR"(<table width="100%" cellspacing="6" cellpadding="8"><tr>
<td width="50%" class="box"><p class="boxtitle">THE ASK</p>
<p class="big">%1 up front</p><p>and <b>%2 a month</b> to run (steady state, every cost layer,
not only the model invoice). Total cost over %3 months: <b>%4</b>.</p></td>
<td width="50%" class="box"><p class="boxtitle">THE RETURN — %5</p>
<p class="big">%6</p><p>%7. NPV at the %8 hurdle: <b>%9</b>. IRR %10 %11 the hurdle.
Payback %12 (discounted: %13).</p></td></tr></table>)"_s
             .arg(fmt.money(ask.upfront, 0), fmt.money(ask.runRate, 0))
             .arg(res.months)
             .arg(fmt.money(k.tco, 0), roiTitleText.toUpper().toHtmlEscaped(),
                  fmt.kpi(k.roiPercent, NumberFormat::Kind::Percent),
                  range.isEmpty() ? u"One scenario only"_s : u"Range %1"_s.arg(range),
                  fmt.percent(k.hurdleRate), fmt.compactMoney(k.npvAtHurdle))
             .arg(fmt.kpi(k.irrAnnual, NumberFormat::Kind::Irr), verdict,
                  paybackText(k.paybackMonth, fmt), paybackText(k.discountedPaybackMonth, fmt));

    // What the number counts.
    h += u"<h2>What the return counts</h2>"_s;
    h += u"<p>Hard benefit after a %1 risk discount: <b>%2</b> over the horizon. %3</p>"_s.arg(
        fmt.percent(k.hardBenefitGross > 0 ? k.riskDiscount / k.hardBenefitGross : 0.0),
        fmt.money(k.hardBenefit, 0), cashableHtml(wb, k, fmt));
    if (k.softValue > 0)
        h += u"<p class=\"small\">Soft value of %1 (satisfaction, speed) is tracked apart%2.</p>"_s
                 .arg(fmt.money(k.softValue, 0), wb.settings.softValueInHeadline
                                                     ? u" and counted, as the workbook asks"_s
                                                     : u" and not counted"_s);

    // The assumptions that move it most.
    h += u"<h2>The three assumptions the result is most sensitive to</h2>"_s;
    // The tornado of the subject's NPV on the Base scenario: P10 to P90 of the uncertainty
    // distributions when the workbook has a set-up of its own, else Worst to Best.
    TornadoOptions tornadoOptions;
    const bool percentiles =
        !wb.uncertainty.inputs.empty() && setPercentileRange(wb, {subject, base}, tornadoOptions);
    const TornadoResult t = tornado(wb, {subject, base}, tornadoOptions);
    if (!t.ok() || t.bars.empty()) {
        h += u"<p>The workbook has no Worst scenario to test assumptions against.</p>"_s;
    } else {
        h += u"<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\"><tr><th>Assumption</th>"
             u"<th>%1</th><th class=\"num\">NPV at %2</th>"
             u"<th class=\"num\">Swing</th></tr>"_s.arg(
                 percentiles ? u"P10 to P90"_s : u"Worst to Best"_s,
                 percentiles ? u"P10 / P90"_s : u"Worst / Best"_s);
        const auto valueText = [&](const TornadoBar &b, double v) {
            const FieldInfo *info = b.input.path.info();
            switch (info ? info->unit : ValueUnit::Number) {
            case ValueUnit::Share:
                return fmt.percent(v);
            case ValueUnit::Money:
            case ValueUnit::MoneyPerHour:
            case ValueUnit::MoneyPerMillion:
                return fmt.money(v);
            default:
                return fmt.number(v, std::abs(v) >= 100 || v == std::round(v) ? 0 : 2);
            }
        };
        const auto npvText = [&](const Kpi &npv) {
            return npv.ok() ? fmt.money(npv.value, 0) : fmt.kpi(npv, NumberFormat::Kind::Money);
        };
        for (std::size_t i = 0; i < std::min<std::size_t>(3, t.bars.size()); ++i) {
            const TornadoBar &b = t.bars[i];
            const std::string useCase =
                b.input.useCase >= 0 && subject < 0
                    ? wb.useCases[static_cast<std::size_t>(b.input.useCase)].name
                    : std::string();
            h += u"<tr><td>%1. %2</td><td>%3 to %4</td><td class=\"num\">%5 / %6</td>"
                 u"<td class=\"num\">%7</td></tr>"_s.arg(i + 1)
                     .arg(assumptionLabel(b.input.path.toString(), useCase),
                          valueText(b, b.lowValue), valueText(b, b.highValue), npvText(b.atLow),
                          npvText(b.atHigh), fmt.money(b.swing, 0));
        }
        h += u"</table><p class=\"small\">From the tornado: each input moved alone between its "
             u"%1, everything else at Base; NPV of %2 at the %3 discount rate.</p>"_s.arg(
                 percentiles ? u"P10 and P90"_s : u"Worst and Best values"_s, what,
                 fmt.percent(wb.settings.discountRate));
    }

    // Top risks.
    h += u"<h2>Top risks</h2>"_s;
    QStringList risks;
    for (const Finding &f : res.findings) {
        if (risks.size() >= 3)
            break;
        if (f.severity == Severity::Info && risks.size() >= 2)
            continue;
        risks << u"<b>%1</b> %2 <i>Fix:</i> %3"_s.arg(
            f.severity == Severity::Error ? u"Error:"_s : u"Check:"_s, esc(f.message), esc(f.fix));
    }
    if (risks.isEmpty())
        risks << u"The model checks raise no red flag (baseline dated before go-live, every "
                 u"cost layer present, ROI within a plausible bound, labor inside the payroll)."_s;
    if (worst >= 0)
        risks << u"If the Worst case comes true (lower adoption, less time saved, a three-month "
                 u"slip): ROI %1, NPV at the hurdle %2."_s.arg(
                     fmt.kpi(resultOf(worst).kpis.roiPercent, NumberFormat::Kind::Percent),
                     fmt.compactMoney(resultOf(worst).kpis.npvAtHurdle));
    if (headlineIsProvisional(wb, subject))
        risks << stageSignalsHtml(wb, subject);
    h += u"<ul>"_s;
    for (const QString &r : risks)
        h += u"<li>%1</li>"_s.arg(r);
    h += u"</ul>"_s;

    // The measurement plan.
    h += u"<h2>Measurement plan</h2>"_s;
    h += u"<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\"><tr><th width=\"12%\">"
         u"Review</th><th width=\"22%\">When</th><th>What is tracked</th></tr>"_s;
    for (std::size_t r = 0; r < 3; ++r) {
        QStringList tracked;
        Date first;
        Date last;
        QString question;
        for (const UseCase &uc : wb.useCases) {
            const std::vector<PlanReview> plan = measurementPlan(uc);
            const PlanReview &review = plan[r];
            question = qs(review.question);
            if (first.isNull() || review.date.daysSinceEpoch() < first.daysSinceEpoch())
                first = review.date;
            if (last.isNull() || review.date.daysSinceEpoch() > last.daysSinceEpoch())
                last = review.date;
            QStringList metrics;
            for (ScorecardBucket b : review.buckets) {
                for (const std::string &line : metricLines(uc, b))
                    metrics << qs(line).toHtmlEscaped();
            }
            if (metrics.isEmpty())
                metrics << u"no scorecard metric yet"_s;
            tracked << (wb.useCases.size() > 1 ? u"<i>%1</i>: %2"_s.arg(esc(uc.name)) : u"%2"_s)
                           .arg(metrics.join(u"; "_s));
        }
        const QString when = first == last
                                 ? qs(first.toString())
                                 : u"%1 to %2"_s.arg(qs(first.toString()), qs(last.toString()));
        const int day = measurementPlan(wb.useCases.front())[r].day;
        h += u"<tr><td><b>Day %1</b></td><td>%2<br><span class=\"small\">%3</span></td>"
             u"<td>%4</td></tr>"_s.arg(day)
                 .arg(when, question.toHtmlEscaped(), tracked.join(u"<br>"_s));
    }
    h += u"</table>"_s;

    // The decision asked for.
    h += uR"(<table width="100%" cellspacing="0" cellpadding="8" style="margin-top: 10px"><tr>
<td class="decision"><b>Decision requested:</b> approve %1 up front and %2 a month, with a
go/no-go at the day-90 review against the plan above.</td></tr></table>)"_s.arg(
        fmt.money(ask.upfront, 0), fmt.money(ask.runRate, 0));
    return h;
}

QByteArray renderMemoPdf(const Workbook &workbook, const Results &results,
                         const MemoOptions &options, QString *error)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        *error = u"The decision memo needs a QGuiApplication for its fonts"_s;
        return {};
    }
    const QString html = memoHtml(workbook, results, options);
    const QSizeF a4 = QPageSize(QPageSize::A4).size(QPageSize::Point) * (kDpi / 72.0);
    const QSizeF body(a4.width() - 2 * kMargin, a4.height() - 2 * kMargin);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(static_cast<int>(kDpi));
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout::Point));
    writer.setTitle(u"Decision memo: "_s + QString::fromStdString(workbook.settings.name));
    writer.setCreator(u"ROI Workbench "_s + QLatin1String(ROI_VERSION));

    // The largest type that keeps the memo on one page, from 9.5 pt down to 7 pt.
    QTextDocument doc;
    doc.setUseDesignMetrics(true);
    doc.setDocumentMargin(0);
    doc.documentLayout()->setPaintDevice(&writer);
    for (double pt = 9.5; pt >= 7.0; pt -= 0.25) {
        doc.setDefaultFont(reportFont(pt));
        doc.setDefaultStyleSheet(styleSheet(pt));
        doc.setHtml(u"<html><body>%1</body></html>"_s.arg(html));
        doc.setPageSize(body);
        if (doc.pageCount() <= 1)
            break;
    }
    QPainter painter;
    if (!painter.begin(&writer)) {
        *error = u"Cannot start the PDF writer"_s;
        return {};
    }
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.translate(kMargin, kMargin);
    QAbstractTextDocumentLayout::PaintContext context;
    context.clip = QRectF(0, 0, body.width(), body.height());
    context.palette.setColor(QPalette::Text, QColor(0x1d, 0x24, 0x30));
    painter.setClipRect(context.clip);
    doc.documentLayout()->draw(&painter, context);
    if (!painter.end()) {
        *error = u"Cannot finish the PDF"_s;
        return {};
    }
    buffer.close();
    return bytes;
}

bool writeMemoPdf(const Workbook &workbook, const Results &results, const MemoOptions &options,
                  const QString &path, QString *error)
{
    const QByteArray bytes = renderMemoPdf(workbook, results, options, error);
    if (bytes.isEmpty())
        return false;
    return writeFileAtomically(path, bytes, false, error);
}

} // namespace roi
