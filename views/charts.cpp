#include "charts.h"

#include "chartstyle.h"
#include "leverchart.h"
#include "tornadochart.h"
#include "uncertaintycharts.h"

#include "finance.h"

#include <qcustomplot.h>

#include <QDate>

#include <algorithm>
#include <cmath>

namespace roi {

namespace {

/// Axis labels in the workbook currency, compact ("$1.2M").
class MoneyTicker : public QCPAxisTicker
{
public:
    explicit MoneyTicker(NumberFormat format)
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

/// Month indices 1..H labelled with calendar months ("Mar 27"), on a readable step.
QSharedPointer<QCPAxisTickerText> monthTicker(const Results &res, const QLocale &locale)
{
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const int months = res.months;
    int step = 1;
    for (int s : {1, 2, 3, 6, 12, 24}) {
        step = s;
        if (months / s <= 7)
            break;
    }
    const QDate start(res.startMonth.year, res.startMonth.month, 1);
    for (int m = 1; m <= months; m += step) {
        ticker->addTick(m, locale.toString(start.addMonths(m - 1), QStringLiteral("MMM yy")));
    }
    return ticker;
}

QVector<double> monthKeys(int months)
{
    QVector<double> keys(months);
    for (int m = 0; m < months; ++m)
        keys[m] = m + 1;
    return keys;
}

QVector<double> toVector(std::span<const double> values, double scale = 1.0)
{
    QVector<double> out(static_cast<qsizetype>(values.size()));
    for (std::size_t i = 0; i < values.size(); ++i)
        out[static_cast<qsizetype>(i)] = values[i] * scale;
    return out;
}

void addTitle(QCustomPlot &plot, const QString &title, const QString &subtitle)
{
    plot.plotLayout()->insertRow(0);
    QFont font = plot.font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    font.setBold(true);
    auto *text = new QCPTextElement(&plot, title, font);
    text->setTextColor(QColor(0x20, 0x26, 0x33));
    plot.plotLayout()->addElement(0, 0, text);
    if (!subtitle.isEmpty()) {
        plot.plotLayout()->insertRow(1);
        QFont small = plot.font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        auto *sub = new QCPTextElement(&plot, subtitle, small);
        sub->setTextColor(QColor(0x5a, 0x63, 0x70));
        plot.plotLayout()->addElement(1, 0, sub);
    }
}

void styleAxes(QCustomPlot &plot)
{
    const QColor axisColor(0x8a, 0x93, 0xa0);
    const QColor gridColor(0xe3, 0xe7, 0xec);
    for (QCPAxis *axis : {plot.xAxis, plot.yAxis, plot.yAxis2}) {
        axis->setBasePen(QPen(axisColor));
        axis->setTickPen(QPen(axisColor));
        axis->setSubTickPen(Qt::NoPen);
        axis->setTickLabelColor(QColor(0x3a, 0x42, 0x4e));
        axis->setLabelColor(QColor(0x3a, 0x42, 0x4e));
        axis->grid()->setPen(QPen(gridColor));
        axis->grid()->setZeroLinePen(QPen(axisColor));
    }
    plot.xAxis->grid()->setVisible(false);
}

/// The legend goes in a row under the axis rect, laid out in columns, so it never hides data.
void placeLegend(QCustomPlot &plot)
{
    QCPLegend *legend = plot.legend;
    legend->setVisible(true);
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    QFont font = plot.font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    legend->setFont(font);
    // Wrap first: setFillOrder rearranges the items, setWrap does not.
    legend->setWrap(4);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setColumnSpacing(18);
    legend->setMargins(QMargins(4, 0, 4, 2));
    if (legend->layout())
        legend->layout()->take(legend);
    // Centre it between two empty cells that take the spare width.
    auto *strip = new QCPLayoutGrid;
    const int row = plot.plotLayout()->rowCount();
    plot.plotLayout()->addElement(row, 0, strip);
    plot.plotLayout()->setRowStretchFactor(row, 0.001);
    strip->addElement(0, 0, new QCPLayoutElement(&plot));
    strip->addElement(0, 1, legend);
    strip->addElement(0, 2, new QCPLayoutElement(&plot));
    strip->setColumnStretchFactors({1.0, 0.001, 1.0});
}

const CaseResult &resultOf(const ChartInput &in, int scenario)
{
    return in.useCase < 0 ? in.results->portfolio[static_cast<std::size_t>(scenario)]
                          : in.results->at(in.useCase, scenario);
}

QString subjectName(const ChartInput &in)
{
    return in.useCase < 0 ? QStringLiteral("Portfolio")
                          : QString::fromStdString(
                              in.workbook->useCases[static_cast<std::size_t>(in.useCase)].name);
}

QString scenarioName(const ChartInput &in, int s)
{
    return QString::fromStdString(in.results->scenarios[static_cast<std::size_t>(s)]);
}

void setRange(QCPAxis *axis, double lo, double hi)
{
    if (!(hi > lo)) {
        lo = std::min(lo, 0.0);
        hi = lo + 1.0;
    }
    const double pad = (hi - lo) * 0.06;
    axis->setRange(lo - (lo < 0 ? pad : 0), hi + pad);
}

void drawCumulativeNet(QCustomPlot &plot, const ChartInput &in)
{
    const Results &res = *in.results;
    const auto keys = monthKeys(res.months);
    double lo = 0;
    double hi = 0;
    // Draw Worst and Best under Base so the planning case stays on top.
    std::vector<int> order;
    for (int s = static_cast<int>(res.scenarios.size()) - 1; s >= 0; --s)
        order.push_back(s);
    for (int s : order) {
        const CaseResult &r = resultOf(in, s);
        auto *graph = plot.addGraph();
        graph->setName(scenarioName(in, s));
        QPen pen(scenarioColor(s), s == in.scenario ? 2.6 : 1.8);
        if (s != in.scenario)
            pen.setStyle(s == 0 ? Qt::SolidLine : Qt::DashLine);
        graph->setPen(pen);
        const auto values = toVector(r.row(Row::CumulativeNet));
        graph->setData(keys, values, true);
        for (double v : values) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        const Kpi &payback = r.kpis.paybackMonth;
        if (payback.ok() && payback.value > 0) {
            auto *point = plot.addGraph();
            point->removeFromLegend();
            point->setLineStyle(QCPGraph::lsNone);
            point->setScatterStyle(
                QCPScatterStyle(QCPScatterStyle::ssCircle, scenarioColor(s), Qt::white, 9));
            point->setData({payback.value}, {0.0});
        }
    }
    // The payback months in one box rather than next to the markers, where lines cross them.
    QStringList lines;
    for (std::size_t s = 0; s < res.scenarios.size(); ++s) {
        const Kpi &payback = resultOf(in, static_cast<int>(s)).kpis.paybackMonth;
        lines << QStringLiteral("%1: %2").arg(
            scenarioName(in, static_cast<int>(s)),
            payback.ok() ? in.format.month(payback.value, res.startMonth.year, res.startMonth.month)
                         : NumberFormat::stateText(payback.state));
    }
    auto *box = new QCPItemText(&plot);
    box->position->setType(QCPItemPosition::ptAxisRectRatio);
    box->position->setCoords(0.985, 0.97);
    box->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    box->setTextAlignment(Qt::AlignLeft);
    box->setText(QStringLiteral("Payback (○)\n") + lines.join(QLatin1Char('\n')));
    box->setPadding(QMargins(8, 5, 8, 5));
    box->setBrush(QColor(255, 255, 255, 230));
    box->setPen(QPen(QColor(0xd0, 0xd5, 0xdc)));
    box->setColor(QColor(0x20, 0x26, 0x33));
    plot.xAxis->setTicker(monthTicker(res, in.format.locale()));
    plot.xAxis->setRange(0.5, res.months + 0.5);
    plot.xAxis->setLabel(QStringLiteral("Month"));
    plot.yAxis->setTicker(QSharedPointer<MoneyTicker>::create(in.format));
    plot.yAxis->setLabel(QStringLiteral("Cumulative net (%1)").arg(in.format.currency()));
    setRange(plot.yAxis, lo, hi);
    addTitle(plot, QStringLiteral("Cumulative net by scenario"),
             QStringLiteral("%1 — benefit after risk discount minus every cost layer")
                 .arg(subjectName(in)));
    placeLegend(plot);
}

void drawCostVsBenefit(QCustomPlot &plot, const ChartInput &in)
{
    const Results &res = *in.results;
    const CaseResult &r = resultOf(in, in.scenario);
    const auto keys = monthKeys(res.months);
    QCPBars *below = nullptr;
    QVector<double> stackTop(res.months, 0.0);
    for (int c = 0; c < kCategoryCount; ++c) {
        const auto cat = static_cast<CostCategory>(c);
        const auto values = toVector(r.categoryCost(cat));
        if (std::all_of(values.begin(), values.end(), [](double v) { return v == 0; }))
            continue;
        auto *bars = new QCPBars(plot.xAxis, plot.yAxis);
        bars->setName(QString::fromUtf8(enumLabel(cat).data(),
                                        static_cast<qsizetype>(enumLabel(cat).size())));
        bars->setPen(Qt::NoPen);
        bars->setBrush(categoryColor(cat));
        bars->setWidthType(QCPBars::wtPlotCoords);
        bars->setWidth(0.72);
        bars->setData(keys, values, true);
        if (below)
            bars->moveAbove(below);
        below = bars;
        for (int m = 0; m < res.months; ++m)
            stackTop[m] += values[m];
    }
    auto *benefit = plot.addGraph();
    benefit->setName(QStringLiteral("Hard benefit (after risk discount)"));
    benefit->setPen(QPen(QColor(0x1b, 0x7f, 0x4c), 2.4));
    const auto benefitValues = toVector(r.row(Row::HardNet));
    benefit->setData(keys, benefitValues, true);
    double hi = 0;
    for (int m = 0; m < res.months; ++m)
        hi = std::max({hi, stackTop[m], benefitValues[m]});
    if (in.allScenarios) {
        for (int s = 0; s < static_cast<int>(res.scenarios.size()); ++s) {
            if (s == in.scenario)
                continue;
            auto *other = plot.addGraph();
            other->setName(QStringLiteral("Hard benefit, %1").arg(scenarioName(in, s)));
            other->setPen(QPen(scenarioColor(s), 1.6, Qt::DashLine));
            const auto values = toVector(resultOf(in, s).row(Row::HardNet));
            other->setData(keys, values, true);
            for (double v : values)
                hi = std::max(hi, v);
        }
    }
    plot.xAxis->setTicker(monthTicker(res, in.format.locale()));
    plot.xAxis->setRange(0.3, res.months + 0.7);
    plot.xAxis->setLabel(QStringLiteral("Month"));
    plot.yAxis->setTicker(QSharedPointer<MoneyTicker>::create(in.format));
    plot.yAxis->setLabel(QStringLiteral("Per month (%1)").arg(in.format.currency()));
    setRange(plot.yAxis, 0, hi);
    addTitle(
        plot, QStringLiteral("Monthly cost by category vs hard benefit"),
        QStringLiteral("%1 — %2 scenario").arg(subjectName(in), scenarioName(in, in.scenario)));
    placeLegend(plot);
}

void drawInvoiceVsTrueCost(QCustomPlot &plot, const ChartInput &in)
{
    const CaseResult &r = resultOf(in, in.scenario);
    struct Slice
    {
        QString name;
        double value;
        bool invoice;
        QColor color;
    };
    std::vector<Slice> slices;
    if (in.useCase >= 0) {
        const UseCase &uc = in.workbook->useCases[static_cast<std::size_t>(in.useCase)];
        for (std::size_t i = 0; i < uc.layers.size(); ++i) {
            const CostLayer &l = uc.layers[i];
            if (l.type == LayerType::OneTime)
                continue; // the run rate leaves one-time costs out
            slices.push_back({QString::fromStdString(l.name), r.runRate.costByLayer[i],
                              l.type == LayerType::TokenUsage, categoryColor(l.category)});
        }
    } else {
        // Portfolio: the steady month by category, summed over use cases.
        for (int c = 0; c < kCategoryCount; ++c) {
            const auto cat = static_cast<CostCategory>(c);
            double total = 0;
            for (int u = 0; u < in.results->useCaseCount; ++u) {
                const UseCase &uc = in.workbook->useCases[static_cast<std::size_t>(u)];
                const CaseResult &cr = in.results->at(u, in.scenario);
                for (std::size_t i = 0; i < uc.layers.size(); ++i) {
                    if (uc.layers[i].category == cat && uc.layers[i].type != LayerType::OneTime)
                        total += cr.runRate.costByLayer[i];
                }
            }
            if (total > 0)
                slices.push_back({QString::fromUtf8(enumLabel(cat).data(),
                                                    static_cast<qsizetype>(enumLabel(cat).size())),
                                  total, cat == CostCategory::ModelTokens, categoryColor(cat)});
        }
    }
    // Largest at the top.
    std::stable_sort(slices.begin(), slices.end(),
                     [](const Slice &a, const Slice &b) { return a.value < b.value; });
    double total = 0;
    double invoice = 0;
    for (const auto &s : slices) {
        total += s.value;
        invoice += s.invoice ? s.value : 0;
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    double hi = 0;
    for (std::size_t i = 0; i < slices.size(); ++i) {
        const Slice &s = slices[i];
        const double key = static_cast<double>(i + 1);
        auto *bar = new QCPBars(plot.yAxis, plot.xAxis);
        bar->setPen(Qt::NoPen);
        bar->setBrush(s.invoice ? QColor(0xe0, 0x6c, 0x1f) : s.color);
        bar->setWidth(0.64);
        bar->setData({key}, {s.value});
        bar->removeFromLegend();
        ticker->addTick(key, s.name);
        hi = std::max(hi, s.value);
        auto *label = new QCPItemText(&plot);
        label->position->setAxes(plot.xAxis, plot.yAxis);
        label->position->setCoords(s.value, key);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        label->setPadding(QMargins(6, 0, 0, 0));
        label->setText(QStringLiteral("%1  (%2)")
                           .arg(in.format.money(s.value),
                                in.format.percent(total > 0 ? s.value / total : 0.0, 1)));
        label->setColor(QColor(0x20, 0x26, 0x33));
    }
    plot.yAxis->setTicker(ticker);
    plot.yAxis->setRange(0.4, slices.size() + 0.6);
    plot.yAxis->grid()->setVisible(false);
    plot.xAxis->grid()->setVisible(true);
    plot.xAxis->setTicker(QSharedPointer<MoneyTicker>::create(in.format));
    plot.xAxis->setLabel(QStringLiteral("Steady month (%1)").arg(in.format.currency()));
    // Room on the right for the value labels.
    plot.xAxis->setRange(0, hi > 0 ? hi * 1.45 : 1.0);
    const QString subtitle =
        total > 0 ? QStringLiteral("%1 — model invoice %2 of a true %3 a month: %4 of the TCO")
                        .arg(subjectName(in), in.format.money(invoice), in.format.money(total),
                             in.format.percent(invoice / total, 1))
                  : QStringLiteral("%1 — no recurring cost entered").arg(subjectName(in));
    addTitle(plot, QStringLiteral("Invoice vs true cost"), subtitle);
    plot.legend->setVisible(false);
}

void drawAdoption(QCustomPlot &plot, const ChartInput &in)
{
    const Results &res = *in.results;
    const CaseResult &r = resultOf(in, in.scenario);
    const auto keys = monthKeys(res.months);
    auto *handled = new QCPBars(plot.xAxis, plot.yAxis2);
    handled->setName(QStringLiteral("Handled units"));
    handled->setPen(Qt::NoPen);
    handled->setBrush(QColor(0x9c, 0xc3, 0xe6));
    handled->setWidth(0.7);
    const auto handledValues = toVector(r.row(Row::Handled));
    handled->setData(keys, handledValues, true);
    auto *adoption = plot.addGraph(plot.xAxis, plot.yAxis);
    adoption->setName(QStringLiteral("Adoption"));
    adoption->setPen(QPen(QColor(0x1f, 0x5f, 0xa8), 2.6));
    adoption->setData(keys, toVector(r.row(Row::Adoption), 100.0), true);
    if (in.allScenarios) {
        for (int s = 0; s < static_cast<int>(res.scenarios.size()); ++s) {
            if (s == in.scenario)
                continue;
            auto *other = plot.addGraph(plot.xAxis, plot.yAxis);
            other->setName(QStringLiteral("Adoption, %1").arg(scenarioName(in, s)));
            other->setPen(QPen(scenarioColor(s), 1.6, Qt::DashLine));
            other->setData(keys, toVector(resultOf(in, s).row(Row::Adoption), 100.0), true);
        }
    }
    double hiUnits = 0;
    for (double v : handledValues)
        hiUnits = std::max(hiUnits, v);
    plot.xAxis->setTicker(monthTicker(res, in.format.locale()));
    plot.xAxis->setRange(0.3, res.months + 0.7);
    plot.xAxis->setLabel(QStringLiteral("Month"));
    auto percentTicker = QSharedPointer<QCPAxisTicker>::create();
    percentTicker->setTickCount(5);
    plot.yAxis->setTicker(percentTicker);
    plot.yAxis->setRange(0, 105);
    plot.yAxis->setLabel(QStringLiteral("Adoption (% of eligible units)"));
    plot.yAxis2->setVisible(true);
    plot.yAxis2->setRange(0, hiUnits > 0 ? hiUnits * 1.05 : 1.0);
    QString unit = QStringLiteral("units");
    if (in.useCase >= 0)
        unit = QString::fromStdString(
                   in.workbook->useCases[static_cast<std::size_t>(in.useCase)].baseline.unit)
               + QLatin1Char('s');
    plot.yAxis2->setLabel(QStringLiteral("Handled %1 per month").arg(unit));
    plot.yAxis2->grid()->setVisible(false);
    addTitle(
        plot, QStringLiteral("Adoption ramp and handled units"),
        QStringLiteral("%1 — %2 scenario").arg(subjectName(in), scenarioName(in, in.scenario)));
    placeLegend(plot);
}

void drawComparison(QCustomPlot &plot, const ChartInput &in)
{
    const Results &res = *in.results;
    const int n = res.useCaseCount;
    struct Measure
    {
        QString name;
        QColor color;
        double (*value)(const Kpis &);
    };
    const Measure measures[] = {
        {QStringLiteral("TCO"), QColor(0xc0, 0x50, 0x4d),
         [](const Kpis &k) {
             return k.tco;
         }},
        {QStringLiteral("Hard benefit"), QColor(0x4f, 0x9d, 0x69),
         [](const Kpis &k) {
             return k.hardBenefit;
         }},
        {QStringLiteral("NPV"), QColor(0x1f, 0x5f, 0xa8),
         [](const Kpis &k) {
             return k.npv;
         }},
    };
    auto *group = new QCPBarsGroup(&plot);
    group->setSpacing(2);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int u = 0; u < n; ++u)
        ticker->addTick(
            u + 1, QString::fromStdString(in.workbook->useCases[static_cast<std::size_t>(u)].name));
    double lo = 0;
    double hi = 0;
    for (const Measure &m : measures) {
        auto *bars = new QCPBars(plot.xAxis, plot.yAxis);
        bars->setName(m.name);
        bars->setPen(Qt::NoPen);
        bars->setBrush(m.color);
        bars->setWidth(0.8 / 3.0);
        bars->setBarsGroup(group);
        QVector<double> keys;
        QVector<double> values;
        for (int u = 0; u < n; ++u) {
            keys << u + 1;
            const double v = m.value(res.at(u, in.scenario).kpis);
            values << v;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        bars->setData(keys, values, true);
    }
    plot.xAxis->setTicker(ticker);
    plot.xAxis->setRange(0.4, n + 0.6);
    plot.yAxis->setTicker(QSharedPointer<MoneyTicker>::create(in.format));
    plot.yAxis->setLabel(QStringLiteral("Over the horizon (%1)").arg(in.format.currency()));
    setRange(plot.yAxis, lo, hi);
    addTitle(plot, QStringLiteral("Use cases side by side"),
             QStringLiteral("%1 scenario, %2 months")
                 .arg(scenarioName(in, in.scenario))
                 .arg(res.months));
    placeLegend(plot);
}

/// A Monte Carlo chart: the workbook's own set-up run on this thread, on the chart's scenario
/// (the report draws these from the run its section made instead, see ReportChart::draw).
void drawSimulated(QCustomPlot &plot, ChartKind kind, const ChartInput &input)
{
    MonteCarloOptions options = MonteCarloOptions::fromWorkbook(*input.workbook);
    options.scenario = input.results->scenarios[static_cast<std::size_t>(input.scenario)];
    options.keepFan = kind == ChartKind::UncertaintyFan;
    std::string why;
    const auto summary = runMonteCarlo(*input.workbook, options, &why);
    if (!summary) {
        addTitle(plot, chartTitle(kind),
                 QStringLiteral("No simulation: %1").arg(QString::fromStdString(why)));
        plot.legend->setVisible(false);
        return;
    }
    drawUncertaintyChart(plot, uncertaintyChartOf(kind), *summary,
                         input.useCase < 0 ? 0 : input.useCase + 1, input.format.currency());
}

} // namespace

UncertaintyChart uncertaintyChartOf(ChartKind kind)
{
    switch (kind) {
    case ChartKind::UncertaintyHistogram:
        return UncertaintyChart::Histogram;
    case ChartKind::UncertaintyRoiHistogram:
        return UncertaintyChart::RoiHistogram;
    default:
        return UncertaintyChart::Fan;
    }
}

QString chartTitle(ChartKind kind)
{
    switch (kind) {
    case ChartKind::CumulativeNet:
        return QStringLiteral("Cumulative net");
    case ChartKind::CostVsBenefit:
        return QStringLiteral("Cost vs benefit");
    case ChartKind::InvoiceVsTrueCost:
        return QStringLiteral("Invoice vs true cost");
    case ChartKind::Adoption:
        return QStringLiteral("Adoption");
    case ChartKind::Comparison:
        return QStringLiteral("Comparison");
    case ChartKind::Tornado:
        return QStringLiteral("Tornado");
    case ChartKind::SavingsWaterfall:
        return QStringLiteral("Savings waterfall");
    case ChartKind::UncertaintyFan:
        return uncertaintyChartTitle(UncertaintyChart::Fan);
    case ChartKind::UncertaintyHistogram:
        return uncertaintyChartTitle(UncertaintyChart::Histogram);
    case ChartKind::UncertaintyRoiHistogram:
        return uncertaintyChartTitle(UncertaintyChart::RoiHistogram);
    }
    return {};
}

QString chartId(ChartKind kind)
{
    switch (kind) {
    case ChartKind::CumulativeNet:
        return QStringLiteral("cumulative-net");
    case ChartKind::CostVsBenefit:
        return QStringLiteral("cost-vs-benefit");
    case ChartKind::InvoiceVsTrueCost:
        return QStringLiteral("invoice-vs-true-cost");
    case ChartKind::Adoption:
        return QStringLiteral("adoption");
    case ChartKind::Comparison:
        return QStringLiteral("comparison");
    case ChartKind::Tornado:
        return QStringLiteral("tornado");
    case ChartKind::SavingsWaterfall:
        return QStringLiteral("savings-waterfall");
    case ChartKind::UncertaintyFan:
        return QStringLiteral("uncertainty-fan");
    case ChartKind::UncertaintyHistogram:
        return QStringLiteral("uncertainty-histogram");
    case ChartKind::UncertaintyRoiHistogram:
        return QStringLiteral("uncertainty-roi-histogram");
    }
    return {};
}

QColor scenarioColor(int scenario)
{
    static const QColor colors[] = {QColor(0x1f, 0x5f, 0xa8), QColor(0x2e, 0x9e, 0x5b),
                                    QColor(0xd0, 0x4a, 0x3a), QColor(0x8e, 0x5c, 0xc4),
                                    QColor(0xd8, 0x8c, 0x1c), QColor(0x3a, 0xa6, 0xb9)};
    return colors[static_cast<std::size_t>(scenario) % std::size(colors)];
}

QColor categoryColor(CostCategory category)
{
    switch (category) {
    case CostCategory::ModelTokens:
        return QColor(0xe0, 0x6c, 0x1f);
    case CostCategory::Infrastructure:
        return QColor(0x5b, 0x8d, 0xc9);
    case CostCategory::Integration:
        return QColor(0x2f, 0x4b, 0x7c);
    case CostCategory::DataGovernance:
        return QColor(0x8e, 0x6f, 0xb8);
    case CostCategory::Training:
        return QColor(0x3f, 0xa7, 0x9a);
    case CostCategory::HumanReview:
        return QColor(0xc9, 0x4f, 0x6d);
    case CostCategory::Other:
        return QColor(0x9a, 0xa1, 0xab);
    }
    return Qt::gray;
}

void resetChart(QCustomPlot &plot)
{
    plot.clearPlottables();
    plot.clearItems();
    plot.clearGraphs();
    // Drop the title rows a previous draw added and park the legend; keep the axis rect.
    QCPLayoutGrid *layout = plot.plotLayout();
    if (plot.legend->layout())
        plot.legend->layout()->take(plot.legend);
    {
        for (int i = layout->elementCount() - 1; i >= 0; --i) {
            if (layout->elementAt(i) && layout->elementAt(i) != plot.axisRect())
                layout->removeAt(i);
        }
        layout->simplify();
        if (!plot.axisRect()->insetLayout()->elements(false).contains(plot.legend))
            plot.axisRect()->insetLayout()->addElement(plot.legend, Qt::AlignTop | Qt::AlignLeft);
    }
    plot.yAxis2->setVisible(false);
    plot.xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    plot.yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    plot.xAxis->setLabel({});
    plot.yAxis->setLabel({});
    plot.yAxis->grid()->setVisible(true);
    styleAxes(plot);
}

void addChartTitle(QCustomPlot &plot, const QString &title, const QString &subtitle)
{
    addTitle(plot, title, subtitle);
}

void placeChartLegend(QCustomPlot &plot)
{
    placeLegend(plot);
}

QSharedPointer<QCPAxisTicker> moneyTicker(const NumberFormat &format)
{
    return QSharedPointer<MoneyTicker>::create(format);
}

void setPaddedRange(QCPAxis *axis, double lo, double hi)
{
    setRange(axis, lo, hi);
}

void drawChart(QCustomPlot &plot, ChartKind kind, const ChartInput &input)
{
    resetChart(plot);
    if (!input.workbook || !input.results || input.results->scenarios.empty()
        || (input.useCase >= input.results->useCaseCount)
        || (kind == ChartKind::Comparison && input.results->useCaseCount == 0)) {
        addTitle(plot, chartTitle(kind), QStringLiteral("No use case to show"));
        plot.legend->setVisible(false);
        return;
    }
    switch (kind) {
    case ChartKind::CumulativeNet:
        drawCumulativeNet(plot, input);
        break;
    case ChartKind::CostVsBenefit:
        drawCostVsBenefit(plot, input);
        break;
    case ChartKind::InvoiceVsTrueCost:
        drawInvoiceVsTrueCost(plot, input);
        break;
    case ChartKind::Adoption:
        drawAdoption(plot, input);
        break;
    case ChartKind::Comparison:
        drawComparison(plot, input);
        break;
    case ChartKind::Tornado: {
        // Recomputed from the workbook: the same tornado the report's table lists.
        const TornadoOptions options =
            defaultTornadoOptions(*input.workbook, {input.useCase, input.scenario});
        const TornadoResult t = tornado(*input.workbook, {input.useCase, input.scenario}, options);
        drawTornado(plot, t, input.format, subjectName(input), tornadoRangeText(options));
        break;
    }
    case ChartKind::SavingsWaterfall:
        drawWaterfall(plot, *input.workbook,
                      input.useCase < 0
                          ? input.results->portfolio[static_cast<std::size_t>(input.scenario)]
                          : input.results->at(input.useCase, input.scenario),
                      input.format);
        break;
    case ChartKind::UncertaintyFan:
    case ChartKind::UncertaintyHistogram:
    case ChartKind::UncertaintyRoiHistogram:
        drawSimulated(plot, kind, input);
        break;
    }
}

} // namespace roi
