#include "uncertaintycharts.h"

#include "numberformat.h"

#include <qcustomplot.h>

#include <QDate>

#include <algorithm>
#include <cmath>

namespace roi {

namespace {

class MoneyAxis : public QCPAxisTicker
{
public:
    explicit MoneyAxis(NumberFormat format)
        : m_format(std::move(format))
    {
        setTickCount(6);
    }

protected:
    QString getTickLabel(double tick, const QLocale &, QChar, int) override
    {
        return m_format.compactMoney(std::abs(tick) < 1e-9 ? 0.0 : tick);
    }

private:
    NumberFormat m_format;
};

class PercentAxis : public QCPAxisTicker
{
public:
    explicit PercentAxis(NumberFormat format)
        : m_format(std::move(format))
    {
        setTickCount(6);
    }

protected:
    QString getTickLabel(double tick, const QLocale &, QChar, int) override
    {
        return m_format.percent((std::abs(tick) < 1e-9 ? 0.0 : tick) / 100, 0);
    }

private:
    NumberFormat m_format;
};

const QColor kInk(0x20, 0x26, 0x33);
const QColor kBlue(0x1f, 0x5f, 0xa8);
const QColor kBand(0x1f, 0x5f, 0xa8, 50);
const QColor kRed(0xc0, 0x39, 0x2b);
const QColor kGreen(0x2e, 0x8b, 0x57);

void reset(QCustomPlot &plot)
{
    plot.clearPlottables();
    plot.clearItems();
    plot.clearGraphs();
    // Drop the title and legend rows a previous draw added (this one's or another chart's, as
    // a report draws every chart on one plot) and park the legend in the axis rect.
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
    plot.yAxis2->setVisible(false);
    plot.xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    plot.yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    plot.xAxis->setLabel({});
    plot.yAxis->setLabel({});
    const QColor axis(0x8a, 0x93, 0xa0);
    for (QCPAxis *a : {plot.xAxis, plot.yAxis}) {
        a->setBasePen(QPen(axis));
        a->setTickPen(QPen(axis));
        a->setSubTickPen(Qt::NoPen);
        a->setTickLabelColor(QColor(0x3a, 0x42, 0x4e));
        a->setLabelColor(QColor(0x3a, 0x42, 0x4e));
        a->grid()->setPen(QPen(QColor(0xe3, 0xe7, 0xec)));
        a->grid()->setZeroLinePen(QPen(axis));
    }
}

void title(QCustomPlot &plot, const QString &text, const QString &subtitle)
{
    plot.plotLayout()->insertRow(0);
    QFont font = plot.font();
    font.setPointSizeF(font.pointSizeF() * 1.1);
    font.setBold(true);
    auto *t = new QCPTextElement(&plot, text, font);
    t->setTextColor(kInk);
    plot.plotLayout()->addElement(0, 0, t);
    plot.plotLayout()->insertRow(1);
    QFont small = plot.font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    auto *s = new QCPTextElement(&plot, subtitle, small);
    s->setTextColor(QColor(0x5a, 0x63, 0x70));
    plot.plotLayout()->addElement(1, 0, s);
}

void verticalLine(QCustomPlot &plot, double x, const QColor &color, const QString &label,
                  double labelY)
{
    auto *line = new QCPItemStraightLine(&plot);
    line->point1->setCoords(x, 0);
    line->point2->setCoords(x, 1);
    line->setPen(QPen(color, 1.5, Qt::DashLine));
    auto *text = new QCPItemText(&plot);
    text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    text->position->setCoords(x, labelY);
    text->setText(label);
    text->setColor(color);
    text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    text->setPadding(QMargins(3, 0, 0, 0));
}

QString subtitleOf(const MonteCarloSummary &s, int series)
{
    return QStringLiteral("%1 — %2 trials, seed %3, %4, scenario %5")
        .arg(QString::fromStdString(s.series[static_cast<std::size_t>(series)].name))
        .arg(s.trials)
        .arg(s.seed)
        .arg(s.sampling == SamplingMethod::Random ? QStringLiteral("random sampling")
                                                  : QStringLiteral("Latin Hypercube"))
        .arg(QString::fromStdString(s.scenario));
}

} // namespace

QString uncertaintyChartTitle(UncertaintyChart chart)
{
    switch (chart) {
    case UncertaintyChart::Fan:
        return QStringLiteral("Cumulative net: P10–P90 range");
    case UncertaintyChart::Histogram:
        return QStringLiteral("Distribution of NPV");
    case UncertaintyChart::RoiHistogram:
        return QStringLiteral("Distribution of ROI");
    case UncertaintyChart::Cdf:
        return QStringLiteral("NPV S-curve (cumulative probability)");
    case UncertaintyChart::Sensitivity:
        return QStringLiteral("What drives NPV (rank correlation)");
    }
    return {};
}

void drawUncertaintyChart(QCustomPlot &plot, UncertaintyChart chart,
                          const MonteCarloSummary &summary, int series, const QString &currency)
{
    reset(plot);
    if (series < 0 || series >= static_cast<int>(summary.series.size())) {
        plot.replot();
        return;
    }
    const SeriesSummary &ss = summary.series[static_cast<std::size_t>(series)];
    const NumberFormat format(currency);
    auto money = QSharedPointer<MoneyAxis>::create(format);
    QString subtitle = subtitleOf(summary, series);
    const bool roiChart = chart == UncertaintyChart::RoiHistogram;
    const auto &edges = roiChart ? ss.roiHistogramEdges : ss.npvHistogramEdges;
    // ROI % as a fraction for the labels (NumberFormat::percent takes fractions).
    auto label = [&](double v) {
        return roiChart ? format.percent(v / 100, std::abs(v) < 10 ? 1 : 0)
                        : format.compactMoney(v);
    };
    if ((chart == UncertaintyChart::Histogram || roiChart) && !edges.empty()
        && (edges.front() > 0 || edges.back() < 0)) {
        // Break-even off the chart still says where it is, so no one looks for the line.
        subtitle += QStringLiteral(" · break-even (%1) %2 every trial")
                        .arg(label(0),
                             edges.front() > 0 ? QStringLiteral("below") : QStringLiteral("above"));
    }
    if (roiChart && ss.roiUndefined > 0)
        subtitle += QStringLiteral(" · %1 of trials without a cost (no ROI) not shown")
                        .arg(format.percent(double(ss.roiUndefined) / summary.trials));
    title(plot, uncertaintyChartTitle(chart), subtitle);
    const OutputStats &npv = ss.stats(Metric::Npv);
    switch (chart) {
    case UncertaintyChart::Fan: {
        const int months = static_cast<int>(ss.fanP50.size());
        QVector<double> x(months), p10(months), p50(months), p90(months);
        for (int m = 0; m < months; ++m) {
            x[m] = m + 1;
            p10[m] = ss.fanP10[static_cast<std::size_t>(m)];
            p50[m] = ss.fanP50[static_cast<std::size_t>(m)];
            p90[m] = ss.fanP90[static_cast<std::size_t>(m)];
        }
        QCPGraph *low = plot.addGraph();
        low->setData(x, p10, true);
        low->setPen(QPen(kBlue, 1));
        low->setName(QStringLiteral("P10"));
        QCPGraph *high = plot.addGraph();
        high->setData(x, p90, true);
        high->setPen(QPen(kBlue, 1));
        high->setBrush(kBand);
        high->setChannelFillGraph(low);
        high->setName(QStringLiteral("P10–P90"));
        QCPGraph *mid = plot.addGraph();
        mid->setData(x, p50, true);
        mid->setPen(QPen(kBlue, 2.5));
        mid->setName(QStringLiteral("P50 (median)"));
        plot.yAxis->setTicker(money);
        plot.xAxis->setLabel(QStringLiteral("Month (from %1)")
                                 .arg(QString::fromStdString(summary.startMonth.toString())));
        plot.legend->setVisible(true);
        plot.legend->removeItem(0); // the P10 line is the band's edge
        plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
        plot.rescaleAxes();
        plot.xAxis->setRange(0.5, months + 0.5);
        break;
    }
    case UncertaintyChart::Histogram:
    case UncertaintyChart::RoiHistogram: {
        const auto &counts = roiChart ? ss.roiHistogramCounts : ss.npvHistogramCounts;
        if (counts.empty())
            break;
        auto *bars = new QCPBars(plot.xAxis, plot.yAxis);
        const double width = edges[1] - edges[0];
        QVector<double> keys, values;
        double top = 0;
        for (std::size_t b = 0; b < counts.size(); ++b) {
            keys << (edges[b] + edges[b + 1]) / 2;
            values << counts[b] / summary.trials * 100;
            top = std::max(top, values.back());
        }
        bars->setData(keys, values, true);
        bars->setWidth(width);
        bars->setPen(QPen(Qt::white, 0.5));
        bars->setBrush(QColor(0x7d, 0xa7, 0xd9));
        if (roiChart)
            plot.xAxis->setTicker(QSharedPointer<PercentAxis>::create(format));
        else
            plot.xAxis->setTicker(money);
        plot.yAxis->setLabel(QStringLiteral("% of trials"));
        plot.xAxis->setLabel(roiChart ? QStringLiteral("ROI") : QStringLiteral("NPV"));
        plot.xAxis->setRange(edges.front() - width, edges.back() + width);
        plot.yAxis->setRange(0, top * 1.25);
        const OutputStats &stats = roiChart ? ss.stats(Metric::RoiPercent) : npv;
        const char *names[] = {"P10", "P50", "P90"};
        const int index[] = {1, 2, 3};
        for (int i = 0; i < 3; ++i) {
            const Kpi &k = stats.percentiles[static_cast<std::size_t>(index[i])];
            if (k.ok())
                verticalLine(plot, k.value, kBlue,
                             QStringLiteral("%1 %2").arg(QLatin1String(names[i]), label(k.value)),
                             0.02 + 0.07 * i);
        }
        if (edges.front() <= 0 && edges.back() >= 0) {
            verticalLine(plot, 0, kRed, QStringLiteral("break-even"), 0.3);
        }
        break;
    }
    case UncertaintyChart::Cdf: {
        const auto &q = ss.npvQuantiles;
        QVector<double> x, y;
        for (std::size_t p = 0; p < q.size(); ++p) {
            x << q[p];
            y << static_cast<double>(p);
        }
        QCPGraph *g = plot.addGraph();
        g->setData(x, y, true);
        g->setPen(QPen(kBlue, 2.5));
        plot.xAxis->setTicker(money);
        plot.xAxis->setLabel(QStringLiteral("NPV"));
        plot.yAxis->setLabel(QStringLiteral("Probability NPV is at most this (%)"));
        plot.rescaleAxes();
        plot.yAxis->setRange(0, 100);
        const double span = std::max(1.0, x.back() - x.front());
        plot.xAxis->setRange(x.front() - span * 0.05, x.back() + span * 0.05);
        if (x.front() <= 0 && x.back() >= 0)
            verticalLine(
                plot, 0, kRed,
                QStringLiteral("break-even: P(NPV > 0) %1").arg(format.percent(ss.pNpvPositive)),
                0.05);
        break;
    }
    case UncertaintyChart::Sensitivity: {
        const std::size_t shown = std::min<std::size_t>(ss.sensitivity.size(), 10);
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        auto *pos = new QCPBars(plot.yAxis, plot.xAxis);
        auto *neg = new QCPBars(plot.yAxis, plot.xAxis);
        QVector<double> pk, pv, nk, nv;
        for (std::size_t i = 0; i < shown; ++i) {
            const InputSensitivity &e = ss.sensitivity[i];
            const double key = static_cast<double>(shown - i);
            QString label =
                QString::fromStdString(summary.inputs[static_cast<std::size_t>(e.input)]);
            if (label.size() > 48)
                label = label.left(46) + QStringLiteral("…");
            ticker->addTick(
                key, label + QStringLiteral("  (%1)").arg(format.percent(e.varianceShare, 0)));
            if (e.rankCorrelation >= 0) {
                pk << key;
                pv << e.rankCorrelation;
            } else {
                nk << key;
                nv << e.rankCorrelation;
            }
        }
        pos->setData(pk, pv, true);
        neg->setData(nk, nv, true);
        pos->setBrush(kGreen);
        neg->setBrush(kRed);
        pos->setPen(Qt::NoPen);
        neg->setPen(Qt::NoPen);
        pos->setWidth(0.6);
        neg->setWidth(0.6);
        plot.yAxis->setTicker(ticker);
        plot.yAxis->setRange(0.3, static_cast<double>(shown) + 0.7);
        plot.yAxis->grid()->setVisible(false);
        plot.xAxis->setRange(-1, 1);
        plot.xAxis->setLabel(
            QStringLiteral("Rank correlation with NPV (share of variance in brackets)"));
        break;
    }
    }
    plot.replot();
}

} // namespace roi
