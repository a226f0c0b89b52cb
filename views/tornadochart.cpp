#include "tornadochart.h"

#include "analytics/tornadorange.h"

#include <algorithm>
#include <cmath>

namespace roi {

namespace {

const QColor kLowColor(0xd0, 0x5a, 0x3c);  // the low / Worst end
const QColor kHighColor(0x2f, 0x7d, 0xc1); // the high / Best end
const QColor kText(0x20, 0x26, 0x33);
const QColor kMuted(0x5a, 0x63, 0x70);

class MetricTicker : public QCPAxisTicker
{
public:
    MetricTicker(NumberFormat format, SensitivityMetric metric)
        : m_format(std::move(format))
        , m_metric(metric)
    {
        setTickCount(6);
    }

protected:
    QString getTickLabel(double tick, const QLocale &, QChar, int) override
    {
        if (std::abs(tick) < 1e-9)
            tick = 0;
        return m_metric == SensitivityMetric::Npv ? m_format.compactMoney(tick)
                                                  : m_format.number(tick, 0) + QLatin1Char('%');
    }

private:
    NumberFormat m_format;
    SensitivityMetric m_metric;
};

QString metricText(const Kpi &k, SensitivityMetric metric, const NumberFormat &f)
{
    if (!k.ok())
        return NumberFormat::stateText(k.state);
    return metric == SensitivityMetric::Npv ? f.compactMoney(k.value)
                                            : f.number(k.value, 1) + QLatin1Char('%');
}

QString metricName(SensitivityMetric metric)
{
    return metric == SensitivityMetric::Npv ? QStringLiteral("NPV") : QStringLiteral("ROI");
}

/// Clears what a previous draw left: plottables, items and the title and legend rows.
void reset(QCustomPlot &plot)
{
    plot.clearPlottables();
    plot.clearItems();
    plot.clearGraphs();
    QCPLayoutGrid *layout = plot.plotLayout();
    if (plot.legend->layout())
        plot.legend->layout()->take(plot.legend);
    for (int i = layout->elementCount() - 1; i >= 0; --i) {
        if (layout->elementAt(i) && layout->elementAt(i) != plot.axisRect())
            layout->removeAt(i);
    }
    layout->simplify();
    const QColor axis(0x8a, 0x93, 0xa0);
    for (QCPAxis *a : {plot.xAxis, plot.yAxis}) {
        a->setBasePen(QPen(axis));
        a->setTickPen(QPen(axis));
        a->setSubTickPen(Qt::NoPen);
        a->setTickLabelColor(QColor(0x3a, 0x42, 0x4e));
        a->setLabelColor(QColor(0x3a, 0x42, 0x4e));
        a->grid()->setPen(QPen(QColor(0xe3, 0xe7, 0xec)));
        a->grid()->setZeroLinePen(QPen(QColor(0xe3, 0xe7, 0xec)));
        a->setLabel({});
    }
    plot.yAxis2->setVisible(false);
    plot.xAxis2->setVisible(false);
}

void title(QCustomPlot &plot, const QString &text, const QString &subtitle)
{
    plot.plotLayout()->insertRow(0);
    QFont font = plot.font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    font.setBold(true);
    auto *t = new QCPTextElement(&plot, text, font);
    t->setTextColor(kText);
    plot.plotLayout()->addElement(0, 0, t);
    plot.plotLayout()->insertRow(1);
    QFont small = plot.font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    auto *s = new QCPTextElement(&plot, subtitle, small);
    s->setTextColor(kMuted);
    plot.plotLayout()->addElement(1, 0, s);
}

/// The legend in a row under the axis rect, centred.
void legendBelow(QCustomPlot &plot, int columns)
{
    QCPLegend *legend = plot.legend;
    legend->setVisible(true);
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    QFont font = plot.font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    legend->setFont(font);
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setColumnSpacing(18);
    auto *strip = new QCPLayoutGrid;
    const int row = plot.plotLayout()->rowCount();
    plot.plotLayout()->addElement(row, 0, strip);
    plot.plotLayout()->setRowStretchFactor(row, 0.001);
    strip->addElement(0, 0, new QCPLayoutElement(&plot));
    strip->addElement(0, 1, legend);
    strip->addElement(0, 2, new QCPLayoutElement(&plot));
    strip->setColumnStretchFactors({1.0, 0.001, 1.0});
}

QString elided(const QString &s, int max = 46)
{
    return s.size() <= max ? s : s.left(max - 1) + QChar(0x2026);
}

} // namespace

TornadoOptions defaultTornadoOptions(const Workbook &wb, const ProbeTarget &target)
{
    TornadoOptions o;
    if (!wb.uncertainty.inputs.empty() && setPercentileRange(wb, target, o))
        return o;
    o = TornadoOptions();
    bool worst = false;
    bool best = false;
    for (const Scenario &s : wb.scenarios) {
        worst = worst || s.name == kWorstScenario;
        best = best || s.name == kBestScenario;
    }
    o.range = worst && best ? TornadoRange::WorstBest : TornadoRange::Percent;
    o.percent = 0.2;
    return o;
}

QString tornadoRangeText(const TornadoOptions &o)
{
    switch (o.range) {
    case TornadoRange::WorstBest:
        return QStringLiteral("each input alone at its Worst and Best values");
    case TornadoRange::Custom:
        return QStringLiteral("each uncertain input alone at the P10 and P90 of its distribution");
    case TornadoRange::Percent:
        break;
    }
    return QStringLiteral("each input alone at ±%1%").arg(o.percent * 100);
}

QString inputValueText(const VariedInput &input, double value, const NumberFormat &f)
{
    const FieldInfo *info = input.path.info();
    switch (info ? info->unit : ValueUnit::Number) {
    case ValueUnit::Share:
        return f.percent(value, std::abs(value) < 0.1 ? 2 : 1);
    case ValueUnit::Money:
    case ValueUnit::MoneyPerHour:
        return std::abs(value) < 1000 ? f.money(value) : f.compactMoney(value);
    case ValueUnit::MoneyPerMillion:
        return f.money(value) + QStringLiteral("/M");
    default:
        if (std::abs(value) >= 10000)
            return f.number(value, 0);
        return f.number(value, value == std::round(value) ? 0 : 2);
    }
}

void drawTornado(QCustomPlot &plot, const TornadoResult &t, const NumberFormat &f,
                 const QString &subject, const QString &rangeText, int maxBars)
{
    reset(plot);
    const QString name = metricName(t.metric);
    if (!t.ok() || t.bars.empty() || !t.base.ok()) {
        title(plot, QStringLiteral("Tornado: what moves the %1").arg(name),
              !t.ok() ? QString::fromStdString(t.error)
                      : QStringLiteral("%1 — nothing to vary").arg(subject));
        plot.legend->setVisible(false);
        return;
    }
    const int n = std::min<int>(maxBars, static_cast<int>(t.bars.size()));
    auto *low = new QCPBars(plot.yAxis, plot.xAxis);
    auto *high = new QCPBars(plot.yAxis, plot.xAxis);
    for (auto [bars, color, label] : {std::tuple{low, kLowColor, QStringLiteral("Low end")},
                                      std::tuple{high, kHighColor, QStringLiteral("High end")}}) {
        bars->setPen(Qt::NoPen);
        bars->setBrush(color);
        bars->setWidth(0.62);
        bars->setBaseValue(t.base.value);
        bars->setName(label);
    }
    if (rangeText.contains(QStringLiteral("Worst"))) {
        low->setName(QStringLiteral("At the Worst value"));
        high->setName(QStringLiteral("At the Best value"));
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    double lo = t.base.value;
    double hi = t.base.value;
    for (int i = 0; i < n; ++i) {
        const TornadoBar &b = t.bars[static_cast<std::size_t>(i)];
        const double key = n - i; // largest on top
        ticker->addTick(key, elided(QString::fromStdString(b.label)));
        // The end with the lower metric is labelled on its left, the other on its right, so
        // the two labels of a short bar do not overlap.
        const bool lowOnLeft = !b.atHigh.ok() || !b.atLow.ok() || b.atLow.value <= b.atHigh.value;
        for (auto [bars, k, value, left] : {std::tuple{low, b.atLow, b.lowValue, lowOnLeft},
                                            std::tuple{high, b.atHigh, b.highValue, !lowOnLeft}}) {
            if (!k.ok())
                continue;
            bars->addData(key, k.value - t.base.value); // QCPBars draws base to base + value
            lo = std::min(lo, k.value);
            hi = std::max(hi, k.value);
            auto *label = new QCPItemText(&plot);
            label->position->setAxes(plot.xAxis, plot.yAxis);
            label->position->setCoords(k.value, key);
            label->setPositionAlignment((left ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
            label->setPadding(QMargins(5, 0, 5, 0));
            QFont small = plot.font();
            small.setPointSizeF(small.pointSizeF() * 0.85);
            label->setFont(small);
            label->setColor(kMuted);
            label->setText(inputValueText(b.input, value, f));
        }
    }
    plot.yAxis->setTicker(ticker);
    plot.yAxis->setRange(0.4, n + 0.6);
    plot.yAxis->grid()->setVisible(false);
    plot.xAxis->grid()->setVisible(true);
    plot.xAxis->setTicker(QSharedPointer<MetricTicker>::create(f, t.metric));
    plot.xAxis->setLabel(t.metric == SensitivityMetric::Npv
                             ? QStringLiteral("NPV (%1)").arg(f.currency())
                             : QStringLiteral("ROI (%)"));
    // Room either side for the value labels.
    const double span = std::max(hi - lo, std::abs(t.base.value) * 0.02 + 1e-9);
    plot.xAxis->setRange(lo - span * 0.22, hi + span * 0.22);
    auto *baseLine = new QCPItemStraightLine(&plot);
    baseLine->point1->setCoords(t.base.value, 0);
    baseLine->point2->setCoords(t.base.value, 1);
    baseLine->setPen(QPen(kText, 1.2, Qt::DashLine));
    title(plot, QStringLiteral("Tornado: what moves the %1").arg(name),
          QStringLiteral("%1 — base %2 %3; %4")
              .arg(subject, name, metricText(t.base, t.metric, f), rangeText));
    legendBelow(plot, 2);
}

void drawSpider(QCustomPlot &plot, const SpiderResult &s, const NumberFormat &f,
                const QString &subject, int maxLines)
{
    reset(plot);
    const QString name = metricName(s.metric);
    static const QColor palette[] = {QColor(0x2f, 0x7d, 0xc1), QColor(0xd0, 0x5a, 0x3c),
                                     QColor(0x3f, 0xa7, 0x5a), QColor(0x8e, 0x6f, 0xb8),
                                     QColor(0xe0, 0xa0, 0x1f), QColor(0x3f, 0xa7, 0x9a),
                                     QColor(0xc9, 0x4f, 0x6d), QColor(0x6b, 0x74, 0x80)};
    const int n = std::min<int>(maxLines, static_cast<int>(s.lines.size()));
    double lo = s.base.ok() ? s.base.value : 0;
    double hi = lo;
    for (int i = 0; i < n; ++i) {
        const SpiderLine &line = s.lines[static_cast<std::size_t>(i)];
        auto *g = plot.addGraph();
        g->setName(elided(QString::fromStdString(line.label), 40));
        const QColor c = palette[i % 8];
        g->setPen(QPen(c, 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 5));
        for (std::size_t k = 0; k < s.changes.size() && k < line.metric.size(); ++k) {
            if (!line.metric[k].ok())
                continue;
            g->addData(s.changes[k] * 100, line.metric[k].value);
            lo = std::min(lo, line.metric[k].value);
            hi = std::max(hi, line.metric[k].value);
        }
    }
    auto pct = QSharedPointer<QCPAxisTickerText>::create();
    for (double c : s.changes)
        pct->addTick(c * 100, (c > 0 ? QStringLiteral("+") : QString()) + f.number(c * 100, 0)
                                  + QLatin1Char('%'));
    plot.xAxis->setTicker(pct);
    plot.xAxis->setLabel(QStringLiteral("Change of the input from its stored value"));
    if (!s.changes.empty())
        plot.xAxis->setRange(s.changes.front() * 100 - 2, s.changes.back() * 100 + 2);
    plot.yAxis->setTicker(QSharedPointer<MetricTicker>::create(f, s.metric));
    plot.yAxis->setLabel(s.metric == SensitivityMetric::Npv
                             ? QStringLiteral("NPV (%1)").arg(f.currency())
                             : QStringLiteral("ROI (%)"));
    const double span = std::max(hi - lo, std::abs(lo) * 0.02 + 1e-9);
    plot.yAxis->setRange(lo - span * 0.08, hi + span * 0.08);
    plot.xAxis->grid()->setVisible(true);
    plot.yAxis->grid()->setVisible(true);
    title(plot, QStringLiteral("Spider: %1 against each input").arg(name),
          QStringLiteral("%1 — base %2 %3; one input at a time, others as stored")
              .arg(subject, name, metricText(s.base, s.metric, f)));
    if (n > 0)
        legendBelow(plot, 2);
    else
        plot.legend->setVisible(false);
}

TornadoChart::TornadoChart(QWidget *parent)
    : QCustomPlot(parent)
{
    setMinimumSize(480, 320);
}

void TornadoChart::showTornado(const TornadoResult &tornado, const NumberFormat &format,
                               const QString &subject, const QString &rangeText)
{
    drawTornado(*this, tornado, format, subject, rangeText);
    m_labels.clear();
    for (std::size_t i = 0; i < tornado.bars.size() && i < 12; ++i)
        m_labels << QString::fromStdString(tornado.bars[i].label);
    replot();
}

void TornadoChart::showSpider(const SpiderResult &spider, const NumberFormat &format,
                              const QString &subject)
{
    drawSpider(*this, spider, format, subject);
    m_labels.clear();
    replot();
}

} // namespace roi
