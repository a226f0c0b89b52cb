#include "stagesummary.h"

#include "enumcombo.h"

#include "stage.h"

#include <QStringList>

namespace roi {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString dateText(Date d)
{
    return qs(d.toString());
}

} // namespace

bool headlineIsProvisional(const Workbook &wb, int useCase)
{
    if (useCase >= 0 && useCase < static_cast<int>(wb.useCases.size()))
        return roiIsProvisional(wb.useCases[static_cast<std::size_t>(useCase)].maturity);
    for (const UseCase &uc : wb.useCases) {
        if (roiIsProvisional(uc.maturity))
            return true;
    }
    return false;
}

QString roiTitle(const Workbook &wb, int useCase)
{
    return headlineIsProvisional(wb, useCase) ? QObject::tr("ROI (provisional)")
                                              : QObject::tr("ROI");
}

QString stageSignalsHtml(const Workbook &wb, int useCase)
{
    if (useCase < 0 || useCase >= static_cast<int>(wb.useCases.size())) {
        int provisional = 0;
        for (const UseCase &uc : wb.useCases)
            provisional += roiIsProvisional(uc.maturity) ? 1 : 0;
        if (provisional == 0)
            return QObject::tr("Every use case is in the decision or business-impact stage: ROI "
                               "and NPV lead.");
        return QObject::tr("%1 of %2 use cases are in the readiness or productivity stage: lead "
                           "with their stage signals; the portfolio ROI is <b>provisional</b> "
                           "until they reach a business-impact review.")
            .arg(provisional)
            .arg(wb.useCases.size());
    }
    const UseCase &uc = wb.useCases[static_cast<std::size_t>(useCase)];
    const MeasurementWindow window = measurementWindow(uc);
    QStringList signalLines;
    for (ScorecardBucket b : leadingBuckets(uc.maturity)) {
        const auto lines = metricLines(uc, b);
        QStringList texts;
        for (const std::string &l : lines)
            texts << qs(l).toHtmlEscaped();
        signalLines << QStringLiteral("<b>%1</b>: %2")
                           .arg(enumText(b), texts.isEmpty() ? QObject::tr("no metric yet")
                                                             : texts.join(QStringLiteral("; ")));
    }
    const QString stage = enumText(uc.maturity);
    const QString lead = roiIsProvisional(uc.maturity)
                             ? QObject::tr("<b>%1 stage</b>: lead with the stage signals; ROI is "
                                           "<b>provisional</b>.")
                                   .arg(stage)
                             : QObject::tr("<b>%1 stage</b>: ROI and NPV lead.").arg(stage);
    return lead + QStringLiteral(" ") + signalLines.join(QStringLiteral(" · "))
           + QObject::tr(". Review window (%1): %2 to %3.")
                 .arg(qs(window.what).toHtmlEscaped(), dateText(window.from), dateText(window.to));
}

QString reviewDatesHtml(const UseCase &uc)
{
    const MeasurementWindow window = measurementWindow(uc);
    QString html =
        QObject::tr("Measure %1 from <b>%2</b> to <b>%3</b>.")
            .arg(qs(window.what).toHtmlEscaped(), dateText(window.from), dateText(window.to));
    for (const PlanReview &r : measurementPlan(uc)) {
        QStringList buckets;
        for (ScorecardBucket b : r.buckets)
            buckets << enumText(b).toLower();
        html += QObject::tr("<br>Day %1 (%2): %3 — %4")
                    .arg(r.day)
                    .arg(dateText(r.date), buckets.join(QObject::tr(" and ")),
                         qs(r.question).toHtmlEscaped());
    }
    return html;
}

QString hurdleHtml(const Kpis &k, const NumberFormat &fmt)
{
    QString verdict;
    if (!k.irrVsHurdle.ok())
        verdict =
            QObject::tr("IRR %1, so no verdict").arg(fmt.kpi(k.irrAnnual, NumberFormat::Kind::Irr));
    else
        verdict = (k.irrPassesHurdle() ? QObject::tr("IRR %1 <b>passes</b> it")
                                       : QObject::tr("IRR %1 <b>fails</b> it"))
                      .arg(fmt.kpi(k.irrAnnual, NumberFormat::Kind::Irr));
    const QString payback =
        k.discountedPaybackMonth.ok()
            ? QObject::tr("month %1").arg(fmt.number(k.discountedPaybackMonth.value, 1))
            : fmt.kpi(k.discountedPaybackMonth, NumberFormat::Kind::Month);
    return QObject::tr("At the hurdle rate of %1: NPV <b>%2</b>; %3; discounted payback %4.")
        .arg(fmt.percent(k.hurdleRate), fmt.money(k.npvAtHurdle, 0), verdict, payback);
}

QString cashableHtml(const Workbook &wb, const Kpis &k, const NumberFormat &fmt)
{
    if (k.cashableValue <= 0 && k.capacityValue <= 0)
        return {};
    return (wb.settings.capacityInHeadline
                ? QObject::tr("Labor and capacity: %1 cashable (releases budget) and %2 of "
                              "capacity only, <b>both counted</b> in the headline as the workbook "
                              "asks.")
                : QObject::tr("Labor and capacity: <b>%1 cashable</b> (hires avoided, "
                              "contractors or overtime cut) is in the headline; %2 of "
                              "capacity only (time freed, no budget moves) is shown apart."))
        .arg(fmt.money(k.cashableValue, 0), fmt.money(k.capacityValue, 0));
}

} // namespace roi
