#include "leverchart.h"

#include "levers/leverengine.h"

#include <qcustomplot.h>

#include <algorithm>

namespace roi {

namespace {

const QColor kTotal(0x5b, 0x6b, 0x7f);
const QColor kOptimised(0x1f, 0x5f, 0xa8);
const QColor kSaving(0x2e, 0x8b, 0x57);
const QColor kCost(0xc0, 0x50, 0x4d);
const QColor kText(0x20, 0x26, 0x33);

QString shortLever(LeverKind kind)
{
    switch (kind) {
    case LeverKind::SemanticCache:
        return QObject::tr("Response\ncache");
    case LeverKind::Routing:
        return QObject::tr("Routing");
    case LeverKind::PromptOptimisation:
        return QObject::tr("Shorter\nprompts");
    case LeverKind::OutputShortening:
        return QObject::tr("Shorter\nanswers");
    case LeverKind::PromptCache:
        return QObject::tr("Prompt\ncache");
    case LeverKind::Batch:
    case LeverKind::Count:
        break;
    }
    return QObject::tr("Batch");
}

class MoneyTicker : public QCPAxisTicker
{
public:
    explicit MoneyTicker(const NumberFormat &format)
        : m_format(format)
    {}

protected:
    QString getTickLabel(double tick, const QLocale &, QChar, int) override
    {
        return m_format.compactMoney(tick);
    }

private:
    NumberFormat m_format;
};

} // namespace

QVector<WaterfallStep> waterfallSteps(const Workbook &wb, const CaseResult &r)
{
    QVector<WaterfallStep> steps;
    if (!r.levers.active)
        return steps;
    const double start = r.levers.leverLayersBaseline;
    steps.push_back({QObject::tr("Without\nlevers"), 0, start, true});
    double level = start;
    // Several layers (or use cases) with the same lever get the layer's name to tell them apart.
    for (const LeverLine &line : r.levers.lines) {
        int same = 0;
        for (const LeverLine &other : r.levers.lines)
            same += other.kind == line.kind ? 1 : 0;
        QString label = shortLever(line.kind);
        if (same > 1 && line.useCase >= 0
            && static_cast<std::size_t>(line.useCase) < wb.useCases.size()) {
            const auto &layers = wb.useCases[static_cast<std::size_t>(line.useCase)].layers;
            if (static_cast<std::size_t>(line.layer) < layers.size())
                label += QLatin1Char('\n')
                         + QString::fromStdString(layers[static_cast<std::size_t>(line.layer)].name)
                               .left(18);
        }
        steps.push_back({label, level, level - line.netTotal, false});
        level -= line.netTotal;
    }
    steps.push_back({QObject::tr("With\nlevers"), 0, level, true});
    return steps;
}

void drawWaterfall(QCustomPlot &plot, const Workbook &wb, const CaseResult &r,
                   const NumberFormat &format)
{
    plot.clearPlottables();
    plot.clearItems();
    plot.clearGraphs();
    // Drop the title row of a previous draw; keep the axis rect.
    QCPLayoutGrid *layout = plot.plotLayout();
    for (int i = layout->elementCount() - 1; i >= 0; --i) {
        if (layout->elementAt(i) && layout->elementAt(i) != plot.axisRect())
            layout->removeAt(i);
    }
    layout->simplify();
    plot.legend->setVisible(false);

    const QVector<WaterfallStep> steps = waterfallSteps(wb, r);
    auto *title = new QCPTextElement(
        &plot, QObject::tr("Savings waterfall: cost of the layers with levers, %1 months")
                   .arg(r.months()));
    QFont font = plot.font();
    font.setBold(true);
    title->setFont(font);
    title->setTextColor(kText);
    plot.plotLayout()->insertRow(0);
    plot.plotLayout()->addElement(0, 0, title);

    for (QCPAxis *axis : {plot.xAxis, plot.yAxis}) {
        axis->setBasePen(QPen(QColor(0x8a, 0x93, 0xa0)));
        axis->setTickPen(QPen(QColor(0x8a, 0x93, 0xa0)));
        axis->setSubTickPen(Qt::NoPen);
        axis->setTickLabelColor(QColor(0x3a, 0x42, 0x4e));
        axis->setLabelColor(QColor(0x3a, 0x42, 0x4e));
        axis->grid()->setPen(QPen(QColor(0xe3, 0xe7, 0xec)));
    }
    plot.xAxis->grid()->setVisible(false);
    plot.yAxis->setLabel(QObject::tr("Cost over the horizon (%1)").arg(format.currency()));

    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    double top = 0;
    for (const WaterfallStep &s : steps)
        top = std::max({top, s.from, s.to});
    const double width = 0.62;
    for (int i = 0; i < steps.size(); ++i) {
        const WaterfallStep &s = steps[i];
        const double x = i + 1;
        ticker->addTick(x, s.label);
        QColor color =
            s.total ? (i == 0 ? kTotal : kOptimised) : (s.to <= s.from ? kSaving : kCost);
        // Every bar is a rectangle from its start level to its end level: totals from zero,
        // steps floating between the levels before and after the lever.
        auto *rect = new QCPItemRect(&plot);
        rect->topLeft->setCoords(x - width / 2, std::max(s.from, s.to));
        rect->bottomRight->setCoords(x + width / 2, std::min(s.from, s.to));
        rect->setPen(QPen(color.darker(115)));
        rect->setBrush(color);
        rect->setClipToAxisRect(true);
        // Connector to the next bar at this bar's end level.
        if (i + 1 < steps.size()) {
            auto *line = new QCPItemLine(&plot);
            line->start->setCoords(x + width / 2, s.to);
            line->end->setCoords(x + 1 - width / 2, s.to);
            line->setPen(QPen(QColor(0x8a, 0x93, 0xa0), 1, Qt::DashLine));
        }
        auto *label = new QCPItemText(&plot);
        const double value = s.total ? s.to : s.from - s.to; // a step shows its net saving
        label->setText(s.total ? format.compactMoney(value)
                               : (value >= 0 ? QStringLiteral("−") : QStringLiteral("+"))
                                     + format.compactMoney(std::abs(value)));
        label->position->setCoords(x, std::max(s.from, s.to));
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->setPadding(QMargins(0, 0, 0, 3));
        label->setColor(s.total ? kText : color.darker(130));
        QFont small = plot.font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        label->setFont(small);
    }
    plot.xAxis->setTicker(ticker);
    QFont tickFont = plot.font();
    tickFont.setPointSizeF(tickFont.pointSizeF() * 0.85);
    plot.xAxis->setTickLabelFont(tickFont);
    plot.xAxis->setRange(0.4, steps.size() + 0.6);
    plot.yAxis->setRange(0, top > 0 ? top * 1.15 : 1);
    plot.yAxis->setTicker(QSharedPointer<MoneyTicker>::create(format));
    if (steps.isEmpty()) {
        auto *none = new QCPItemText(&plot);
        none->position->setType(QCPItemPosition::ptAxisRectRatio);
        none->position->setCoords(0.5, 0.5);
        none->setText(QObject::tr("No savings lever is enabled"));
        none->setColor(QColor(0x5a, 0x63, 0x70));
    }
}

} // namespace roi
