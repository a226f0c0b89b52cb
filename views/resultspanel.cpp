#include "resultspanel.h"

#include "chartview.h"
#include "enumcombo.h"
#include "kpitile.h"
#include "stagesummary.h"

#include "finance.h"

#include <QGridLayout>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace roi {

namespace {

struct Range
{
    double lo = 0;
    double hi = 0;
    bool any = false;
};

/// The span of a KPI over the scenarios where it has a value.
template<typename Get>
Range rangeOf(const Results &res, int useCase, Get get)
{
    Range r;
    for (std::size_t s = 0; s < res.scenarios.size(); ++s) {
        const CaseResult &c = useCase < 0 ? res.portfolio[s] : res.at(useCase, static_cast<int>(s));
        const Kpi k = get(c);
        if (!k.ok())
            continue;
        r.lo = r.any ? std::min(r.lo, k.value) : k.value;
        r.hi = r.any ? std::max(r.hi, k.value) : k.value;
        r.any = true;
    }
    return r;
}

/// "passes (IRR 45% against 12%)" or why there is no verdict.
QString hurdleVerdict(const Kpis &k, const NumberFormat &fmt)
{
    if (!k.irrVsHurdle.ok())
        return QObject::tr("has no verdict (%1)")
            .arg(fmt.kpi(k.irrAnnual, NumberFormat::Kind::Irr));
    return (k.irrPassesHurdle() ? QObject::tr("passes (%1 against %2)")
                                : QObject::tr("fails (%1 against %2)"))
        .arg(fmt.kpi(k.irrAnnual, NumberFormat::Kind::Irr), fmt.percent(k.hurdleRate));
}

QString rangeText(const Range &r, const std::function<QString(double)> &fmt, int scenarios)
{
    if (scenarios < 2)
        return {};
    if (!r.any)
        return QObject::tr("no value in any scenario");
    return QObject::tr("range %1 – %2").arg(fmt(r.lo), fmt(r.hi));
}

} // namespace

ResultsPanel::ResultsPanel(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_stage(new QLabel(this))
    , m_charts(new QTabWidget(this))
{
    setObjectName(QStringLiteral("resultsPanel"));
    m_heading->setObjectName(QStringLiteral("resultsHeading"));
    QFont f = m_heading->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    f.setBold(true);
    m_heading->setFont(f);
    const QString titles[TileCount] = {tr("ROI"),      tr("NPV"),
                                       tr("Payback"),  tr("Cost per outcome"),
                                       tr("True TCO"), tr("Hard value")};
    auto *grid = new QGridLayout;
    grid->setSpacing(8);
    for (int i = 0; i < TileCount; ++i) {
        m_tiles[i] = new KpiTile(titles[i], this);
        grid->addWidget(m_tiles[i], i / 3, i % 3);
    }
    for (int c = 0; c < 3; ++c)
        grid->setColumnStretch(c, 1);
    for (ChartKind kind : {ChartKind::CumulativeNet, ChartKind::CostVsBenefit,
                           ChartKind::InvoiceVsTrueCost, ChartKind::Adoption}) {
        auto *view = new ChartView(kind, m_charts);
        m_views << view;
        m_charts->addTab(view, chartTitle(kind));
    }
    m_charts->setDocumentMode(true);
    connect(m_charts, &QTabWidget::currentChanged, this, [this] {
        auto *view = qobject_cast<ChartView *>(m_charts->currentWidget());
        if (view && m_hasInput && m_stale.removeAll(view) > 0)
            view->setInput(m_input);
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    m_stage->setObjectName(QStringLiteral("stageLine"));
    m_stage->setWordWrap(true);
    m_stage->setTextFormat(Qt::RichText);
    m_stage->setStyleSheet(QStringLiteral("color: #3d4653;"));
    layout->addWidget(m_stage);
    layout->addLayout(grid);
    layout->addWidget(m_charts, 1);
}

ChartView *ResultsPanel::chart(ChartKind kind) const
{
    for (ChartView *v : m_views) {
        if (v->kind() == kind)
            return v;
    }
    return nullptr;
}

void ResultsPanel::setPresentation(bool on)
{
    for (KpiTile *t : m_tiles)
        t->setLarge(on);
}

void ResultsPanel::setData(const Workbook &wb, const Results &res, int useCase, int scenario,
                           bool allScenarios)
{
    const NumberFormat fmt(QString::fromStdString(wb.settings.currency));
    if (res.scenarios.empty() || useCase >= res.useCaseCount) {
        for (KpiTile *t : m_tiles)
            t->setValue(QStringLiteral("—"), {}, tr("Add a use case to see results."));
        return;
    }
    scenario = std::clamp(scenario, 0, static_cast<int>(res.scenarios.size()) - 1);
    const CaseResult &r =
        useCase < 0 ? res.portfolio[static_cast<std::size_t>(scenario)] : res.at(useCase, scenario);
    const Kpis &k = r.kpis;
    const int sc = static_cast<int>(res.scenarios.size());
    const QString scenarioName =
        QString::fromStdString(res.scenarios[static_cast<std::size_t>(scenario)]);
    const QString subject =
        useCase < 0 ? tr("Portfolio of %n use case(s)", nullptr, res.useCaseCount)
                    : QString::fromStdString(wb.useCases[static_cast<std::size_t>(useCase)].name);
    m_heading->setText(
        tr("%1 — %2 scenario, %3 months").arg(subject, scenarioName).arg(res.months));
    m_stage->setText(stageSignalsHtml(wb, useCase));
    m_tiles[RoiTile]->setTitle(roiTitle(wb, useCase));
    const int y = res.startMonth.year;
    const int m = res.startMonth.month;
    const double rev = k.byTerm[static_cast<std::size_t>(NumeratorTerm::Revenue)];
    const double gm = k.byTerm[static_cast<std::size_t>(NumeratorTerm::GrossMargin)];
    const double ac = k.byTerm[static_cast<std::size_t>(NumeratorTerm::AvoidedCost)];
    const QString softNote =
        wb.settings.softValueInHeadline
            ? tr("Soft value of %1 is <b>included</b> (workbook setting).")
                  .arg(fmt.money(k.softValue, 0))
            : tr("Soft value (%1) is kept out.").arg(fmt.money(k.softValue, 0));

    // ROI
    {
        QStringList years;
        for (std::size_t i = 0; i < k.roiPerYear.size(); ++i)
            years << tr("year %1: %2")
                         .arg(i + 1)
                         .arg(fmt.kpi(k.roiPerYear[i], NumberFormat::Kind::Percent));
        const QString explanation =
            tr("<b>ROI %</b> = (ΔRevenue + ΔGross margin + Avoided cost − TCO) / TCO × 100<br>"
               "= (%1 + %2 + %3 − %4) / %4 × 100 over %5 months, hard benefit after the risk "
               "discount. %6<br>Per year: %7.<br>TCO = 0 leaves ROI undefined.")
                .arg(fmt.money(rev, 0), fmt.money(gm, 0), fmt.money(ac, 0), fmt.money(k.tco, 0))
                .arg(res.months)
                .arg(softNote, years.join(QStringLiteral(", ")));
        const Range range =
            rangeOf(res, useCase, [](const CaseResult &c) { return c.kpis.roiPercent; });
        m_tiles[RoiTile]->setValue(
            fmt.kpi(k.roiPercent, NumberFormat::Kind::Percent),
            rangeText(
                range, [&](double v) { return fmt.number(v, 0) + QLatin1Char('%'); }, sc),
            explanation, k.roiPercent.ok() && k.roiPercent.value < 0);
    }
    // NPV
    {
        const double rm = monthlyRate(wb.settings.discountRate);
        const QString explanation =
            tr("<b>NPV</b> = Σ net(t) / (1 + r<sub>m</sub>)<sup>t</sup>, t = 1..%1, cash flows "
               "at month end; r<sub>m</sub> = (1 + %2)<sup>1/12</sup> − 1 = %3 a month.<br>"
               "Net = hard benefit after risk discount − every cost layer.<br>"
               "IRR (annualised): %4.%5")
                .arg(res.months)
                .arg(fmt.percent(wb.settings.discountRate), fmt.percent(rm, 3),
                     fmt.kpi(k.irrAnnual, NumberFormat::Kind::Irr),
                     k.irrCount > 1 ? tr("<br>The monthly flows change sign more than once and "
                                         "have %1 IRRs; the one nearest zero is shown, so judge "
                                         "the case on its NPV.")
                                          .arg(k.irrCount)
                                    : QString())
            + tr("<br><b>Against the hurdle rate</b> of %1: NPV %2; IRR %3; discounted payback "
                 "%4.")
                  .arg(fmt.percent(k.hurdleRate), fmt.money(k.npvAtHurdle, 0),
                       hurdleVerdict(k, fmt),
                       fmt.kpi(k.discountedPaybackMonth, NumberFormat::Kind::Month));
        const Range range =
            rangeOf(res, useCase, [](const CaseResult &c) { return Kpi::of(c.kpis.npv); });
        const QString rangeLine = rangeText(
            range, [&](double v) { return fmt.compactMoney(v); }, sc);
        const QString hurdleLine =
            tr("at hurdle %1: %2; IRR %3")
                .arg(fmt.percent(k.hurdleRate), fmt.compactMoney(k.npvAtHurdle),
                     !k.irrVsHurdle.ok()   ? tr("n/a")
                     : k.irrPassesHurdle() ? tr("passes")
                                           : tr("fails"));
        m_tiles[NpvTile]->setValue(
            fmt.compactMoney(k.npv),
            rangeLine.isEmpty() ? hurdleLine : rangeLine + QStringLiteral("; ") + hurdleLine,
            explanation, k.npv < 0);
    }
    // Payback
    {
        const QString explanation =
            tr("<b>Payback</b>: the point after which the cumulative net stays at or above zero, "
               "interpolated within the month it crosses. “Not within horizon” when the "
               "cumulative net still ends below zero after %1 months.")
                .arg(res.months);
        const Range range =
            rangeOf(res, useCase, [](const CaseResult &c) { return c.kpis.paybackMonth; });
        QString when;
        if (k.paybackMonth.ok()) {
            const QString full = fmt.month(k.paybackMonth.value, y, m);
            when = full.mid(full.indexOf(QLatin1Char('(')));
        }
        const QString rangeLine = rangeText(
            range, [&](double v) { return fmt.number(v, 1); }, sc);
        m_tiles[PaybackTile]->setValue(
            k.paybackMonth.ok() ? tr("month %1").arg(fmt.number(k.paybackMonth.value, 1))
                                : fmt.kpi(k.paybackMonth, NumberFormat::Kind::Month),
            when.isEmpty() ? rangeLine : when + QStringLiteral("; ") + rangeLine, explanation,
            !k.paybackMonth.ok());
    }
    // Cost per outcome
    {
        QString explanation;
        if (useCase >= 0) {
            const UseCase &uc = wb.useCases[static_cast<std::size_t>(useCase)];
            explanation =
                tr("<b>Cost per outcome</b> = TCO / outcomes delivered = %1 / %2 %3(s) over the "
                   "horizon.<br>Run rate (steady month): %4 per %3; %5 per %6 against %7 from "
                   "the model invoice alone.<br>Cost per inference = (token + per-call cost) / "
                   "calls = %8.")
                    .arg(fmt.money(k.tco, 0), fmt.number(k.outcomes, 0),
                         QString::fromStdString(uc.outcome.name).toHtmlEscaped(),
                         fmt.kpi(r.runRate.costPerOutcome, NumberFormat::Kind::UnitCost),
                         fmt.kpi(r.runRate.costPerUnit, NumberFormat::Kind::UnitCost),
                         QString::fromStdString(uc.baseline.unit).toHtmlEscaped(),
                         fmt.kpi(r.runRate.invoicePerUnit, NumberFormat::Kind::UnitCost),
                         fmt.kpi(k.costPerInference, NumberFormat::Kind::UnitCost));
        } else {
            explanation = tr("Outcomes of different use cases are different things, so the "
                             "portfolio has no cost per outcome. Cost per inference across the "
                             "portfolio: %1.")
                              .arg(fmt.kpi(k.costPerInference, NumberFormat::Kind::UnitCost));
        }
        const Range range =
            rangeOf(res, useCase, [](const CaseResult &c) { return c.kpis.costPerOutcome; });
        m_tiles[CostPerOutcomeTile]->setValue(
            fmt.kpi(k.costPerOutcome, NumberFormat::Kind::UnitCost),
            useCase < 0 ? tr("outcomes differ between use cases: see each one")
                        : rangeText(
                            range, [&](double v) { return fmt.unitCost(v); }, sc),
            explanation);
    }
    // TCO
    {
        QStringList cats;
        for (int c = 0; c < kCategoryCount; ++c) {
            double total = 0;
            for (double v : r.categoryCost(static_cast<CostCategory>(c)))
                total += v;
            if (total > 0)
                cats << tr("%1 %2").arg(enumText(static_cast<CostCategory>(c)),
                                        fmt.money(total, 0));
        }
        const double invoiceShare = r.runRate.tco > 0 ? r.runRate.tokenCost / r.runRate.tco : 0.0;
        const QString explanation =
            tr("<b>True TCO</b> = every cost layer over %1 months, not just the model invoice:<br>"
               "%2.<br>Run rate: %3 a month, of which the model invoice is %4 (%5).")
                .arg(res.months)
                .arg(cats.join(QStringLiteral(" + ")).toHtmlEscaped(), fmt.money(r.runRate.tco),
                     fmt.money(r.runRate.tokenCost), fmt.percent(invoiceShare));
        const Range range =
            rangeOf(res, useCase, [](const CaseResult &c) { return Kpi::of(c.kpis.tco); });
        m_tiles[TcoTile]->setValue(
            fmt.compactMoney(k.tco),
            tr("run rate %1/mo; %2")
                .arg(fmt.money(r.runRate.tco, 0),
                     rangeText(
                         range, [&](double v) { return fmt.compactMoney(v); }, sc)),
            explanation);
    }
    // Hard vs soft
    {
        const QString explanation =
            tr("<b>Hard value</b> (traceable money): %1 gross → %2 risk discount → %3 net.<br>"
               "<b>Soft value</b> (CSAT, speed, adoption; money value where entered): %4, "
               "reported apart. %5")
                .arg(fmt.money(k.hardBenefitGross, 0), fmt.money(k.riskDiscount, 0),
                     fmt.money(k.hardBenefit, 0), fmt.money(k.softValue, 0), softNote)
            + tr("<br><b>Cashable</b> labor and capacity value (releases budget): %1. "
                 "<b>Capacity only</b> (time freed, no budget moves): %2, %3.")
                  .arg(fmt.money(k.cashableValue, 0), fmt.money(k.capacityValue, 0),
                       wb.settings.capacityInHeadline ? tr("<b>counted</b> in the headline "
                                                           "(workbook setting)")
                                                      : tr("kept out of the headline"));
        const Range range =
            rangeOf(res, useCase, [](const CaseResult &c) { return Kpi::of(c.kpis.hardBenefit); });
        const QString rangeLine = rangeText(
            range, [&](double v) { return fmt.compactMoney(v); }, sc);
        const QString detail =
            tr("risk discount %1; capacity %2, soft %3 apart")
                .arg(
                    fmt.percent(k.hardBenefitGross > 0 ? k.riskDiscount / k.hardBenefitGross : 0.0),
                    fmt.compactMoney(k.capacityValue), fmt.compactMoney(k.softValue));
        m_tiles[HardSoftTile]->setValue(
            fmt.compactMoney(k.hardBenefit),
            rangeLine.isEmpty() ? detail : rangeLine + QStringLiteral("; ") + detail, explanation);
    }

    ChartInput in{&wb, &res, useCase, scenario, fmt};
    in.allScenarios = allScenarios;
    m_input = in;
    m_hasInput = true;
    // Only the chart on screen is drawn on every edit; the others when their tab is opened.
    m_stale.clear();
    for (ChartView *v : m_views) {
        if (v == m_charts->currentWidget())
            v->setInput(in);
        else
            m_stale << v;
    }
}

} // namespace roi
