// The plan-vs-actual charts (see planactualchart.h).
#include "planactualchart.h"

#include "actuals/actualscharts.h"
#include "chartstyle.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace roi {

namespace {

const QColor kForecast(0x1f, 0x5f, 0xa8);
const QColor kActual(0x9c, 0xc3, 0xe6);
const QColor kAbove(0xd9, 0x53, 0x4f);
const QColor kVariance(0xe0, 0x8a, 0x1e);
const QColor kBand(0x1f, 0x5f, 0xa8, 36);
const QColor kActualShade(0x2e, 0x9e, 0x5b, 30);

QString pctText(double tolerance)
{
    return QString::number(tolerance * 100, 'g', 3) + QLatin1Char('%');
}

QSharedPointer<QCPAxisTickerText> monthsTicker(const std::vector<YearMonth> &months)
{
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    int step = 1;
    for (int s : {1, 2, 3, 6, 12}) {
        step = s;
        if (static_cast<int>(months.size()) / s <= 8)
            break;
    }
    for (std::size_t i = 0; i < months.size(); i += static_cast<std::size_t>(step))
        ticker->addTick(static_cast<double>(i + 1), monthLabel(months[i], true));
    return ticker;
}

} // namespace

QString actualMonthsText(const Recalibrated &r, const YearMonth &startMonth)
{
    int first = -1, last = -1;
    for (std::size_t t = 0; t < r.actualMonth.size(); ++t) {
        if (r.actualMonth[t]) {
            if (first < 0)
                first = static_cast<int>(t);
            last = static_cast<int>(t);
        }
    }
    if (first < 0)
        return {};
    const YearMonth a = startMonth.addMonths(first);
    const YearMonth b = startMonth.addMonths(last);
    const QDate da(a.year, a.month, 1);
    const QDate db(b.year, b.month, 1);
    const QLocale locale;
    if (first == last)
        return locale.toString(da, QStringLiteral("MMM yyyy"));
    if (a.year == b.year)
        return locale.toString(da, QStringLiteral("MMM")) + QChar(0x2013)
               + locale.toString(db, QStringLiteral("MMM yyyy"));
    return locale.toString(da, QStringLiteral("MMM yyyy")) + QChar(0x2013)
           + locale.toString(db, QStringLiteral("MMM yyyy"));
}

void drawPlanVsActual(QCustomPlot &plot, const PlanActual &pa, const NumberFormat &format,
                      const QString &subject)
{
    resetChart(plot);
    const QString title = QStringLiteral("Plan vs actual — %1").arg(subject);
    if (pa.months.empty()) {
        addChartTitle(plot, title, QStringLiteral("No actuals to compare yet"));
        plot.legend->setVisible(false);
        return;
    }
    const auto n = static_cast<qsizetype>(pa.months.size());
    QVector<double> keys(n), forecast(n), lower(n), upper(n), variance(n);
    QVector<double> inKeys, inValues, aboveKeys, aboveValues;
    std::vector<YearMonth> months;
    double hi = 0, vLo = -pa.tolerance * 100, vHi = pa.tolerance * 100;
    for (qsizetype i = 0; i < n; ++i) {
        const PlanActualMonth &m = pa.months[static_cast<std::size_t>(i)];
        months.push_back(m.month);
        keys[i] = static_cast<double>(i + 1);
        forecast[i] = m.forecastCost;
        lower[i] = m.forecastCost * (1 - pa.tolerance);
        upper[i] = m.forecastCost * (1 + pa.tolerance);
        variance[i] = m.variancePercent.ok() ? m.variancePercent.value : 0.0;
        (m.aboveTolerance ? aboveKeys : inKeys).push_back(keys[i]);
        (m.aboveTolerance ? aboveValues : inValues).push_back(m.actualCost);
        hi = std::max({hi, m.actualCost, upper[i]});
        vLo = std::min(vLo, variance[i]);
        vHi = std::max(vHi, variance[i]);
    }

    // The band first, under everything else: forecast × (1 ± tolerance).
    auto *bandLow = plot.addGraph(plot.xAxis, plot.yAxis);
    bandLow->setPen(Qt::NoPen);
    bandLow->setData(keys, lower, true);
    bandLow->removeFromLegend();
    auto *bandHigh = plot.addGraph(plot.xAxis, plot.yAxis);
    bandHigh->setName(QStringLiteral("Tolerance band (±%1)").arg(pctText(pa.tolerance)));
    bandHigh->setPen(Qt::NoPen);
    bandHigh->setBrush(kBand);
    bandHigh->setChannelFillGraph(bandLow);
    bandHigh->setData(keys, upper, true);

    const auto bars = [&](const char *name, const QColor &color, const QVector<double> &k,
                          const QVector<double> &v) {
        auto *b = new QCPBars(plot.xAxis, plot.yAxis);
        b->setName(QString::fromLatin1(name));
        b->setPen(Qt::NoPen);
        b->setBrush(color);
        b->setWidth(0.55);
        b->setData(k, v, true);
        return b;
    };
    bars(kActualSeries, kActual, inKeys, inValues);
    if (!aboveKeys.isEmpty())
        bars(kActualAboveSeries, kAbove, aboveKeys, aboveValues);

    auto *line = plot.addGraph(plot.xAxis, plot.yAxis);
    line->setName(QString::fromLatin1(kForecastSeries));
    line->setPen(QPen(kForecast, 2.6));
    line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kForecast, kForecast, 6));
    line->setData(keys, forecast, true);

    auto *var = plot.addGraph(plot.xAxis, plot.yAxis2);
    var->setName(QString::fromLatin1(kVarianceSeries));
    var->setPen(QPen(kVariance, 1.6, Qt::DashLine));
    var->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, kVariance, kVariance, 7));
    var->setData(keys, variance, true);

    plot.xAxis->setTicker(monthsTicker(months));
    plot.xAxis->setRange(0.4, static_cast<double>(n) + 0.6);
    plot.yAxis->setTicker(moneyTicker(format));
    setPaddedRange(plot.yAxis, 0, hi);
    plot.yAxis->setLabel(QStringLiteral("Cost per month"));
    plot.yAxis2->setVisible(true);
    auto percent = QSharedPointer<QCPAxisTicker>::create();
    percent->setTickCount(5);
    plot.yAxis2->setTicker(percent);
    setPaddedRange(plot.yAxis2, std::min(vLo, 0.0), vHi);
    plot.yAxis2->setLabel(QStringLiteral("Variance vs forecast (%)"));
    plot.yAxis2->grid()->setVisible(false);
    addChartTitle(plot, title,
                  QStringLiteral("Against %1 — tolerance ±%2")
                      .arg(QString::fromStdString(pa.basis), pctText(pa.tolerance)));
    placeChartLegend(plot);
}

void drawRecalibrated(QCustomPlot &plot, const Recalibrated &r, const YearMonth &startMonth,
                      const NumberFormat &format, const QString &subject)
{
    resetChart(plot);
    const auto &cost = r.series.row(SnapshotRow::Cost);
    const auto &benefit = r.series.row(SnapshotRow::Benefit);
    const auto n = static_cast<qsizetype>(std::min(cost.size(), benefit.size()));
    const QString title = QStringLiteral("Actual to date + forecast — %1").arg(subject);
    if (n == 0) {
        addChartTitle(plot, title, QStringLiteral("No forecast"));
        plot.legend->setVisible(false);
        return;
    }
    QVector<double> keys(n), c(n), b(n);
    std::vector<YearMonth> months;
    double lo = 0, hi = 0;
    for (qsizetype i = 0; i < n; ++i) {
        keys[i] = static_cast<double>(i + 1);
        c[i] = cost[static_cast<std::size_t>(i)];
        b[i] = benefit[static_cast<std::size_t>(i)];
        months.push_back(startMonth.addMonths(static_cast<int>(i)));
        lo = std::min({lo, c[i], b[i]});
        hi = std::max({hi, c[i], b[i]});
    }
    // The actual months, shaded behind the lines.
    for (qsizetype i = 0; i < n; ++i) {
        if (static_cast<std::size_t>(i) >= r.actualMonth.size()
            || !r.actualMonth[static_cast<std::size_t>(i)])
            continue;
        auto *rect = new QCPItemRect(&plot);
        rect->setLayer(QStringLiteral("background"));
        rect->topLeft->setTypeX(QCPItemPosition::ptPlotCoords);
        rect->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        rect->bottomRight->setTypeX(QCPItemPosition::ptPlotCoords);
        rect->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        rect->topLeft->setCoords(keys[i] - 0.5, 0);
        rect->bottomRight->setCoords(keys[i] + 0.5, 1);
        rect->setPen(Qt::NoPen);
        rect->setBrush(kActualShade);
    }
    auto *costLine = plot.addGraph(plot.xAxis, plot.yAxis);
    costLine->setName(QStringLiteral("Cost"));
    costLine->setPen(QPen(kAbove, 2.2));
    costLine->setData(keys, c, true);
    auto *benefitLine = plot.addGraph(plot.xAxis, plot.yAxis);
    benefitLine->setName(QStringLiteral("Benefit"));
    benefitLine->setPen(QPen(kForecast, 2.2));
    benefitLine->setData(keys, b, true);
    plot.xAxis->setTicker(monthsTicker(months));
    plot.xAxis->setRange(0.4, static_cast<double>(n) + 0.6);
    plot.yAxis->setTicker(moneyTicker(format));
    setPaddedRange(plot.yAxis, lo, hi);
    plot.yAxis->setLabel(QStringLiteral("Per month"));
    const QString actual = actualMonthsText(r, startMonth);
    addChartTitle(plot, title,
                  actual.isEmpty()
                      ? QStringLiteral("No actual months: all forecast")
                      : QStringLiteral("%1 actual (shaded), forecast after").arg(actual));
    placeChartLegend(plot);
}

} // namespace roi
