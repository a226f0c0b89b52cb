#include "comparisonview.h"

#include "chartview.h"
#include "numberformat.h"
#include "tablemodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>

namespace roi {

namespace {

/// Sort keys that put KPIs without a value after every number, whichever the direction.
QVariant sortKey(const Kpi &k, bool higherIsBetter)
{
    if (k.ok())
        return k.value;
    return higherIsBetter ? -std::numeric_limits<double>::max()
                          : std::numeric_limits<double>::max();
}

} // namespace

ComparisonView::ComparisonView(QWidget *parent)
    : QWidget(parent)
    , m_model(new TableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_totals(new QLabel(this))
    , m_chart(new ChartView(ChartKind::Comparison, this))
{
    setObjectName(QStringLiteral("comparisonView"));
    m_model->setHeaders({tr("Use case"), tr("ROI"), tr("NPV"), tr("Payback"), tr("Cost / outcome"),
                         tr("TCO"), tr("Hard benefit"), tr("Soft value"), tr("Run rate / month")},
                        {QString(), tr("(hard benefit − TCO) / TCO over the horizon"),
                         tr("Net present value at the workbook's discount rate"),
                         tr("Month after which the cumulative net stays ≥ 0"),
                         tr("TCO / outcomes delivered"), tr("Every cost layer over the horizon"),
                         tr("After the risk discount"), tr("Reported apart"),
                         tr("Steady-month TCO")});
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(TableModel::SortRole);
    m_table->setObjectName(QStringLiteral("comparisonTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(NpvColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    // Columns fit the rows in view and a few around them, not all 200 of a large portfolio
    // (measuring every cell on every refresh took most of a frame).
    m_table->horizontalHeader()->setResizeContentsPrecision(60);
    m_totals->setObjectName(QStringLiteral("portfolioTotals"));
    m_totals->setWordWrap(true);
    m_totals->setTextFormat(Qt::RichText);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    auto *hint = new QLabel(tr("Click a column to rank by it; double-click a use case to open "
                               "it."),
                            top);
    hint->setStyleSheet(QStringLiteral("color: #5a6370;"));
    topLayout->addWidget(hint);
    topLayout->addWidget(m_table, 1);
    topLayout->addWidget(m_totals);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QModelIndex source = m_proxy->mapToSource(index);
        Q_EMIT useCaseActivated(m_model->cell(source.row(), NameColumn).data.toInt());
    });
}

void ComparisonView::setData(const Workbook &wb, const Results &res, int scenario)
{
    const NumberFormat fmt(QString::fromStdString(wb.settings.currency));
    if (res.scenarios.empty()) {
        m_model->setRows({});
        return;
    }
    scenario = std::clamp(scenario, 0, static_cast<int>(res.scenarios.size()) - 1);
    QVector<QVector<TableCell>> rows;
    for (int u = 0; u < res.useCaseCount; ++u) {
        const CaseResult &r = res.at(u, scenario);
        const Kpis &k = r.kpis;
        QVector<TableCell> row(ColumnCount);
        const QString name = QString::fromStdString(wb.useCases[static_cast<std::size_t>(u)].name);
        row[NameColumn] = {name, name.toLower(), {}, false, u};
        row[RoiColumn] = {fmt.kpi(k.roiPercent, NumberFormat::Kind::Percent),
                          sortKey(k.roiPercent, true),
                          {},
                          true};
        row[NpvColumn] = {fmt.money(k.npv, 0), k.npv, {}, true};
        row[PaybackColumn] = {k.paybackMonth.ok() ? fmt.number(k.paybackMonth.value, 1)
                                                  : NumberFormat::stateText(k.paybackMonth.state),
                              sortKey(k.paybackMonth, false),
                              {},
                              true};
        row[CostPerOutcomeColumn] = {fmt.kpi(k.costPerOutcome, NumberFormat::Kind::UnitCost),
                                     sortKey(k.costPerOutcome, false),
                                     {},
                                     true};
        row[TcoColumn] = {fmt.money(k.tco, 0), k.tco, {}, true};
        row[HardColumn] = {fmt.money(k.hardBenefit, 0), k.hardBenefit, {}, true};
        row[SoftColumn] = {fmt.money(k.softValue, 0), k.softValue, {}, true};
        row[RunRateColumn] = {fmt.money(r.runRate.tco), r.runRate.tco, {}, true};
        rows.push_back(row);
    }
    m_model->setRows(std::move(rows));

    const Kpis &p = res.portfolio[static_cast<std::size_t>(scenario)].kpis;
    m_totals->setText(
        tr("<b>Portfolio (%1)</b>: ROI %2 · NPV %3 · payback %4 · TCO %5 · hard benefit %6 · "
           "soft value %7")
            .arg(QString::fromStdString(res.scenarios[static_cast<std::size_t>(scenario)])
                     .toHtmlEscaped(),
                 fmt.kpi(p.roiPercent, NumberFormat::Kind::Percent), fmt.money(p.npv, 0),
                 fmt.kpi(p.paybackMonth, NumberFormat::Kind::Month), fmt.money(p.tco, 0),
                 fmt.money(p.hardBenefit, 0), fmt.money(p.softValue, 0)));
    m_chart->setInput(ChartInput{&wb, &res, -1, scenario, fmt});
}

} // namespace roi
