#include "actualscharts.h"

#include <qcustomplot.h>

#include <QDate>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace roi {

using actuals::Report;

namespace {

const QColor kText(0x20, 0x26, 0x33);
const QColor kMuted(0x5a, 0x63, 0x70);

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

class MoneyTicker : public QCPAxisTicker
{
public:
    explicit MoneyTicker(const NumberFormat &format)
        : m_format(format)
    {
        setTickCount(6);
    }

protected:
    QString getTickLabel(double tick, const QLocale &, QChar, int) override
    {
        // Whole amounts below a thousand without cents ("$5", not "$5.00" beside "$10").
        if (std::abs(tick) < 1e-9)
            tick = 0;
        if (std::abs(tick) < 1000 && std::abs(tick - std::round(tick)) < 1e-9)
            return m_format.money(tick, 0);
        return m_format.compactMoney(tick);
    }

private:
    NumberFormat m_format;
};

void reset(QCustomPlot &plot)
{
    plot.clearPlottables();
    plot.clearItems();
    QCPLayoutGrid *layout = plot.plotLayout();
    if (plot.legend->layout())
        plot.legend->layout()->take(plot.legend);
    for (int i = layout->elementCount() - 1; i >= 0; --i) {
        if (layout->elementAt(i) && layout->elementAt(i) != plot.axisRect())
            layout->removeAt(i);
    }
    layout->simplify();
    plot.axisRect()->insetLayout()->addElement(plot.legend, Qt::AlignTop | Qt::AlignLeft);
    plot.legend->setVisible(false);
    const QColor axisColor(0x8a, 0x93, 0xa0);
    for (QCPAxis *axis : {plot.xAxis, plot.yAxis}) {
        axis->setBasePen(QPen(axisColor));
        axis->setTickPen(QPen(axisColor));
        axis->setSubTickPen(Qt::NoPen);
        axis->setTickLabelColor(QColor(0x3a, 0x42, 0x4e));
        axis->setLabelColor(QColor(0x3a, 0x42, 0x4e));
        axis->grid()->setPen(QPen(QColor(0xe3, 0xe7, 0xec)));
        axis->grid()->setZeroLinePen(QPen(axisColor));
        axis->setLabel({});
        axis->grid()->setVisible(true);
    }
    plot.xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    plot.yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
}

void addTitle(QCustomPlot &plot, const QString &title, const QString &subtitle)
{
    plot.plotLayout()->insertRow(0);
    QFont font = plot.font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    font.setBold(true);
    auto *text = new QCPTextElement(&plot, title, font);
    text->setTextColor(kText);
    plot.plotLayout()->addElement(0, 0, text);
    if (!subtitle.isEmpty()) {
        plot.plotLayout()->insertRow(1);
        QFont small = plot.font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        auto *sub = new QCPTextElement(&plot, subtitle, small);
        sub->setTextColor(kMuted);
        plot.plotLayout()->addElement(1, 0, sub);
    }
}

/// The legend in a row under the axis rect, in columns, so it never hides a bar.
void placeLegend(QCustomPlot &plot)
{
    QCPLegend *legend = plot.legend;
    legend->setVisible(true);
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    QFont font = plot.font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    legend->setFont(font);
    legend->setWrap(4);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setColumnSpacing(18);
    legend->setMargins(QMargins(4, 0, 4, 2));
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

QString keyLabel(const std::string &key)
{
    return key.empty() ? qs(actuals::kNotGiven) : qs(key);
}

} // namespace

QColor actualsSeriesColor(int index)
{
    static const QColor colors[] = {QColor(0x1f, 0x5f, 0xa8), QColor(0xe0, 0x6c, 0x1f),
                                    QColor(0x3f, 0xa7, 0x9a), QColor(0x8e, 0x6f, 0xb8),
                                    QColor(0xc9, 0x4f, 0x6d), QColor(0x5b, 0x8d, 0xc9),
                                    QColor(0xb8, 0x9b, 0x2e), QColor(0x9a, 0xa1, 0xab)};
    constexpr int n = static_cast<int>(std::size(colors));
    return colors[std::clamp(index, 0, n - 1)];
}

QString monthLabel(const YearMonth &month, bool shortYear)
{
    return QLocale().toString(QDate(month.year, month.month, 1),
                              shortYear ? QStringLiteral("MMM yy") : QStringLiteral("MMM yyyy"));
}

void drawCostByMonth(QCustomPlot &plot, const Report &r, const NumberFormat &format)
{
    reset(plot);
    const QString title = QObject::tr("Actual cost by month, by model");
    if (r.months.empty()) {
        addTitle(plot, title, QObject::tr("No usage imported yet"));
        return;
    }
    // Contiguous months from the first to the last, so a month without usage shows as a gap.
    const YearMonth first = r.months.front();
    const int span = first.monthsUntil(r.months.back()) + 1;
    std::vector<int> slot(r.months.size());
    for (std::size_t m = 0; m < r.months.size(); ++m)
        slot[m] = first.monthsUntil(r.months[m]);

    // The largest models apart (keys are sorted by cost), the rest as "Other".
    const int keys = static_cast<int>(r.keys.size());
    const int apart = keys <= kMaxChartSeries + 1 ? keys : kMaxChartSeries;
    QCPBars *below = nullptr;
    QVector<double> xs(span);
    std::iota(xs.begin(), xs.end(), 0.0);
    auto addSeries = [&](const QString &name, const QVector<double> &values, int index) {
        auto *bars = new QCPBars(plot.xAxis, plot.yAxis);
        bars->setName(name);
        bars->setWidth(0.7);
        const QColor color = actualsSeriesColor(index);
        bars->setPen(QPen(color.darker(115)));
        bars->setBrush(color);
        bars->setData(xs, values, true);
        if (below)
            bars->moveAbove(below);
        below = bars;
    };
    for (int k = 0; k < apart; ++k) {
        QVector<double> values(span, 0.0);
        for (std::size_t m = 0; m < r.months.size(); ++m)
            values[slot[m]] = r.cells[static_cast<std::size_t>(k)][m].cost;
        addSeries(keyLabel(r.keys[static_cast<std::size_t>(k)]), values, k);
    }
    if (apart < keys) {
        QVector<double> values(span, 0.0);
        for (int k = apart; k < keys; ++k) {
            for (std::size_t m = 0; m < r.months.size(); ++m)
                values[slot[m]] += r.cells[static_cast<std::size_t>(k)][m].cost;
        }
        addSeries(QObject::tr("Other (%n model(s))", nullptr, keys - apart), values,
                  kMaxChartSeries);
    }

    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    int step = 1;
    for (int s : {1, 2, 3, 6, 12}) {
        step = s;
        if (span / s <= 12)
            break;
    }
    for (int i = 0; i < span; i += step)
        ticker->addTick(i, monthLabel(first.addMonths(i), true));
    plot.xAxis->setTicker(ticker);
    plot.xAxis->grid()->setVisible(false);
    plot.xAxis->setRange(-0.6, span - 0.4);
    double top = 0;
    for (const auto &m : r.monthTotals)
        top = std::max(top, m.cost);
    plot.yAxis->setRange(0, top > 0 ? top * 1.12 : 1);
    plot.yAxis->setTicker(QSharedPointer<MoneyTicker>::create(format));
    plot.yAxis->setLabel(QObject::tr("Cost per month (%1)").arg(format.currency()));
    addTitle(plot, title,
             QObject::tr("%1 over %n month(s), %2 to %3", nullptr, span)
                 .arg(format.money(r.total.cost), monthLabel(first), monthLabel(r.months.back())));
    placeLegend(plot);
}

void drawBreakdown(QCustomPlot &plot, const Report &r, const QString &title,
                   const NumberFormat &format)
{
    reset(plot);
    if (r.keys.empty() || !(r.total.cost > 0)) {
        addTitle(plot, title, QObject::tr("No cost to break down"));
        return;
    }
    const int keys = static_cast<int>(r.keys.size());
    const int shown = std::min(keys, kMaxBreakdownBars);
    // Largest at the top: the first key gets the highest position.
    QVector<double> pos(shown), values(shown);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int k = 0; k < shown; ++k) {
        pos[k] = shown - 1 - k;
        values[k] = r.keyTotals[static_cast<std::size_t>(k)].cost;
        QString label = keyLabel(r.keys[static_cast<std::size_t>(k)]);
        if (label.size() > 28)
            label = label.left(27) + QChar(0x2026);
        ticker->addTick(pos[k], label);
    }
    auto *bars = new QCPBars(plot.yAxis, plot.xAxis);
    bars->setWidth(0.65);
    bars->setPen(Qt::NoPen);
    bars->setBrush(actualsSeriesColor(0));
    bars->setData(pos, values);
    double top = *std::max_element(values.begin(), values.end());
    for (int k = 0; k < shown; ++k) {
        auto *label = new QCPItemText(&plot);
        label->setClipToAxisRect(false);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(values[k], pos[k]);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        label->setPadding(QMargins(4, 0, 0, 0));
        label->setColor(kText);
        const QString money =
            values[k] < 1000 ? format.money(values[k]) : format.compactMoney(values[k]);
        label->setText(
            QStringLiteral("%1 · %2").arg(money, format.percent(values[k] / r.total.cost, 0)));
    }
    plot.yAxis->setTicker(ticker);
    plot.yAxis->grid()->setVisible(false);
    plot.yAxis->setRange(-0.6, shown - 0.4);
    plot.xAxis->setTicker(QSharedPointer<MoneyTicker>::create(format));
    plot.xAxis->setRange(0, top * 1.3);
    plot.xAxis->setLabel(QObject::tr("Cost (%1)").arg(format.currency()));
    QString subtitle = QObject::tr("%1 in all").arg(format.money(r.total.cost));
    if (keys > shown)
        subtitle += QObject::tr("; the %1 largest of %2").arg(shown).arg(keys);
    addTitle(plot, title, subtitle);
}

} // namespace roi
