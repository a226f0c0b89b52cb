#include "chartview.h"

#include <QDate>
#include <QToolTip>

namespace roi {

ChartView::ChartView(ChartKind kind, QWidget *parent)
    : QCustomPlot(parent)
    , m_kind(kind)
{
    setObjectName(chartId(kind));
    setMinimumSize(320, 220);
    setMouseTracking(true);
    setAntialiasedElements(QCP::aePlottables | QCP::aeItems | QCP::aeLegendItems);
}

void ChartView::setInput(const ChartInput &input)
{
    m_input = input;
    drawChart(*this, m_kind, m_input);
    ++m_draws;
    replot(QCustomPlot::rpQueuedReplot);
}

void ChartView::mouseMoveEvent(QMouseEvent *event)
{
    QCustomPlot::mouseMoveEvent(event);
    const QPointF pos = event->position();
    QCPAbstractPlottable *best = nullptr;
    double bestDistance = 10.0; // pixels
    QVariant bestDetails;
    for (int i = 0; i < plottableCount(); ++i) {
        QCPAbstractPlottable *p = plottable(i);
        if (p->name().isEmpty())
            continue;
        QVariant details;
        const double d = p->selectTest(pos, false, &details);
        if (d >= 0 && d < bestDistance) {
            bestDistance = d;
            best = p;
            bestDetails = details;
        }
    }
    if (!best || !m_input.results) {
        QToolTip::hideText();
        return;
    }
    const auto selection = bestDetails.value<QCPDataSelection>();
    if (selection.isEmpty()) {
        QToolTip::hideText();
        return;
    }
    const int index = selection.dataRange().begin();
    double key = 0;
    double value = 0;
    if (auto *graph = qobject_cast<QCPGraph *>(best)) {
        key = graph->data()->at(index)->key;
        value = graph->data()->at(index)->value;
    } else if (auto *bars = qobject_cast<QCPBars *>(best)) {
        key = bars->data()->at(index)->key;
        value = bars->data()->at(index)->value;
    } else {
        return;
    }
    QString where;
    if (m_kind != ChartKind::InvoiceVsTrueCost && m_kind != ChartKind::Comparison) {
        const QDate month =
            QDate(m_input.results->startMonth.year, m_input.results->startMonth.month, 1)
                .addMonths(static_cast<int>(key) - 1);
        where = m_input.format.locale().toString(month, QStringLiteral("MMMM yyyy"));
    }
    QString shown;
    if (best->name().startsWith(QLatin1String("Adoption")))
        shown = m_input.format.locale().toString(value, 'f', 1) + QLatin1Char('%');
    else if (best->name() == QLatin1String("Handled units"))
        shown = m_input.format.number(value, 0);
    else
        shown = m_input.format.money(value, 0);
    QToolTip::showText(event->globalPosition().toPoint(),
                       where.isEmpty()
                           ? QStringLiteral("%1: %2").arg(best->name(), shown)
                           : QStringLiteral("%1\n%2: %3").arg(where, best->name(), shown),
                       this);
}

} // namespace roi
