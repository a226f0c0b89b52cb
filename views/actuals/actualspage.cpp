#include "actualspage.h"

#include "actualscharts.h"
#include "attributionruleseditor.h"
#include "customerrevenueeditor.h"
#include "kpitile.h"
#include "tablemodel.h"

#include <qcustomplot.h>

#include <QDateTime>
#include <QDoubleValidator>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace roi {

using actuals::Dimension;
using actuals::Measures;
using actuals::Report;

namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

constexpr Dimension kDimensions[] = {Dimension::UseCase, Dimension::Feature, Dimension::Team,
                                     Dimension::Customer};

QString breakdownTitle(ActualsPage::Breakdown b)
{
    switch (b) {
    case ActualsPage::ByUseCase:
        return ActualsPage::tr("Actual cost by use case");
    case ActualsPage::ByFeature:
        return ActualsPage::tr("Actual cost by feature");
    case ActualsPage::ByTeam:
        return ActualsPage::tr("Actual cost by team");
    default:
        return ActualsPage::tr("Actual cost by customer");
    }
}

QString keyHeader(ActualsPage::Breakdown b)
{
    switch (b) {
    case ActualsPage::ByUseCase:
        return ActualsPage::tr("Use case");
    case ActualsPage::ByFeature:
        return ActualsPage::tr("Feature");
    case ActualsPage::ByTeam:
        return ActualsPage::tr("Team");
    default:
        return ActualsPage::tr("Customer");
    }
}

QTableView *makeTable(QWidget *parent, const QString &name)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

QCustomPlot *makePlot(QWidget *parent, const QString &name)
{
    auto *plot = new QCustomPlot(parent);
    plot->setObjectName(name);
    plot->setMinimumSize(320, 240);
    plot->setAntialiasedElements(QCP::aeAll);
    return plot;
}

/// Months of a key with any cost, for the per-month averages.
int activeMonths(const Report &r, std::size_t key)
{
    int n = 0;
    for (const Measures &m : r.cells[key])
        n += m.cost != 0 || m.requests != 0 ? 1 : 0;
    return n;
}

} // namespace

ActualsPage::ActualsPage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("actualsPage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 6, 6, 6);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    // Nothing imported yet.
    m_emptyPage = new QWidget(m_stack);
    {
        auto *layout = new QVBoxLayout(m_emptyPage);
        layout->addStretch(1);
        m_emptyHint = new QLabel(m_emptyPage);
        m_emptyHint->setObjectName(QStringLiteral("actualsEmptyHint"));
        m_emptyHint->setAlignment(Qt::AlignCenter);
        m_emptyHint->setWordWrap(true);
        m_emptyHint->setTextFormat(Qt::RichText);
        m_emptyHint->setText(
            tr("<p style='font-size:large'><b>No actuals yet</b></p>"
               "<p>Import a usage or cost export (File → Import Actuals…) — or drop the file on "
               "this window.</p><p style='color:#5a6370'>FOCUS billing files (CSV or .csv.gz), "
               "OpenAI and Anthropic usage and cost reports, LiteLLM spend logs, or any CSV "
               "through a column mapping. The workbook keeps monthly roll-ups, not the rows.</p>"));
        layout->addWidget(m_emptyHint);
        auto *button = new QPushButton(tr("Import Actuals…"), m_emptyPage);
        button->setObjectName(QStringLiteral("emptyImportButton"));
        auto *row = new QHBoxLayout;
        row->addStretch(1);
        row->addWidget(button);
        row->addStretch(1);
        layout->addLayout(row);
        layout->addStretch(2);
        connect(button, &QPushButton::clicked, this, &ActualsPage::importRequested);
    }
    m_stack->addWidget(m_emptyPage);

    auto *content = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *tiles = new QHBoxLayout;
    m_total = new KpiTile(tr("Actual cost"), content);
    m_coverage = new KpiTile(tr("Coverage"), content);
    m_perRequest = new KpiTile(tr("Cost per request"), content);
    m_perCustomer = new KpiTile(tr("Cost per customer-month"), content);
    m_unallocated = new KpiTile(tr("Unallocated"), content);
    m_total->setObjectName(QStringLiteral("actualTotalTile"));
    m_coverage->setObjectName(QStringLiteral("coverageTile"));
    m_perRequest->setObjectName(QStringLiteral("perRequestTile"));
    m_perCustomer->setObjectName(QStringLiteral("perCustomerTile"));
    m_unallocated->setObjectName(QStringLiteral("unallocatedTile"));
    for (KpiTile *t : {m_total, m_coverage, m_perRequest, m_perCustomer, m_unallocated})
        tiles->addWidget(t);
    layout->addLayout(tiles);

    m_tabs = new QTabWidget(content);
    m_tabs->setObjectName(QStringLiteral("actualsTabs"));
    layout->addWidget(m_tabs, 1);

    // By month: the stacked chart over the month table.
    {
        auto *split = new QSplitter(Qt::Vertical, m_tabs);
        m_monthChart = makePlot(split, QStringLiteral("costByMonthChart"));
        m_monthChart->setMinimumHeight(300);
        m_monthModel = new TableModel(this);
        m_monthTable = makeTable(split, QStringLiteral("monthTable"));
        m_monthTable->setModel(m_monthModel);
        split->addWidget(m_monthChart);
        split->addWidget(m_monthTable);
        split->setStretchFactor(0, 4);
        split->setStretchFactor(1, 1);
        m_tabs->addTab(split, tr("By month"));
    }
    for (int b = 0; b < BreakdownCount; ++b) {
        static const char *names[] = {QT_TR_NOOP("By use case"), QT_TR_NOOP("By feature"),
                                      QT_TR_NOOP("By team"), QT_TR_NOOP("By customer")};
        m_tabs->addTab(makeBreakdownTab(static_cast<Breakdown>(b)), tr(names[b]));
    }

    m_rules = new AttributionRulesEditor(m_tabs);
    m_tabs->addTab(m_rules, tr("Attribution rules"));
    connect(m_rules, &AttributionRulesEditor::rulesEdited, this, &ActualsPage::rulesEdited);
    connect(m_rules, &AttributionRulesEditor::allocationEdited, this,
            &ActualsPage::allocationEdited);

    {
        auto *page = new QWidget(m_tabs);
        auto *l = new QVBoxLayout(page);
        m_importsModel = new TableModel(this);
        m_importsModel->setHeaders(
            {tr("File"), tr("SHA-256"), tr("Format"), tr("From"), tr("To"), tr("Read"), tr("Used"),
             tr("Refused"), tr("Not usage"), tr("Imported")},
            {{},
             tr("The first 12 hex digits of the file's SHA-256: re-importing the same file "
                "changes nothing"),
             tr("The export's format and the mapping used for a plain CSV"),
             tr("First day of the used rows"),
             tr("Last day of the used rows"),
             tr("Data rows read"),
             tr("Rows rolled up"),
             tr("Malformed rows, refused"),
             tr("Tax, credit and adjustment rows"),
             tr("When it was imported (local time)")});
        auto *proxy = new QSortFilterProxyModel(this);
        proxy->setSourceModel(m_importsModel);
        proxy->setSortRole(TableModel::SortRole);
        m_importsTable = makeTable(page, QStringLiteral("importsTable"));
        m_importsTable->setModel(proxy);
        m_importsTable->setSortingEnabled(true);
        m_importsTable->setSelectionMode(QAbstractItemView::SingleSelection);
        l->addWidget(m_importsTable, 1);
        auto *row = new QHBoxLayout;
        auto *importButton = new QPushButton(tr("&Import Another…"), page);
        m_removeImport = new QPushButton(tr("&Remove Import"), page);
        m_removeImport->setObjectName(QStringLiteral("removeImport"));
        m_removeImport->setToolTip(tr("Remove the selected import and its usage (undoable)"));
        row->addWidget(importButton);
        row->addWidget(m_removeImport);
        row->addStretch(1);
        l->addLayout(row);
        connect(importButton, &QPushButton::clicked, this, &ActualsPage::importRequested);
        connect(m_removeImport, &QPushButton::clicked, this, [this] {
            const QModelIndex current = m_importsTable->currentIndex();
            if (!current.isValid())
                return;
            const QVariant id =
                m_importsTable->model()->index(current.row(), 0).data(TableModel::DataRole);
            if (id.isValid())
                Q_EMIT removeImportRequested(id.toUInt());
        });
        m_tabs->addTab(page, tr("Imports"));
    }
    m_stack->addWidget(content);
    m_stack->setCurrentWidget(m_emptyPage);
}

QWidget *ActualsPage::makeBreakdownTab(Breakdown b)
{
    auto *page = new QWidget(m_tabs);
    auto *l = new QVBoxLayout(page);
    if (b == ByCustomer) {
        auto *row = new QHBoxLayout;
        auto *label = new QLabel(tr("Default revenue per customer and month:"), page);
        m_revenue = new QLineEdit(page);
        m_revenue->setObjectName(QStringLiteral("revenuePerCustomer"));
        m_revenue->setPlaceholderText(tr("not set"));
        m_revenue->setMaximumWidth(140);
        m_revenue->setValidator(new QDoubleValidator(0, 1e12, 2, m_revenue));
        m_revenue->setToolTip(tr("What a customer without a row below pays a month; customers "
                                 "whose AI cost of a month exceeds their revenue are flagged. "
                                 "Empty: only the customers below are checked."));
        label->setBuddy(m_revenue);
        m_marginNote = new QLabel(page);
        m_marginNote->setObjectName(QStringLiteral("marginNote"));
        m_marginNote->setWordWrap(true);
        row->addWidget(label);
        row->addWidget(m_revenue);
        row->addWidget(m_marginNote, 1);
        l->addLayout(row);
        m_customerRevenue = new CustomerRevenueEditor(page);
        m_customerRevenue->setObjectName(QStringLiteral("customerRevenueEditor"));
        m_customerRevenue->setMaximumHeight(150);
        l->addWidget(m_customerRevenue);
        connect(m_customerRevenue, &CustomerRevenueEditor::revenueEdited, this,
                &ActualsPage::customerRevenueEdited);
        connect(m_customerRevenue, &CustomerRevenueEditor::importRequested, this,
                &ActualsPage::importRevenueRequested);
        connect(m_revenue, &QLineEdit::editingFinished, this, [this] {
            const QString text = m_revenue->text().trimmed();
            if (text.isEmpty()) {
                Q_EMIT revenueEdited(std::nullopt, tr("Clear revenue per customer"));
                return;
            }
            bool ok = false;
            const double v = QLocale().toDouble(text, &ok);
            if (ok && v >= 0)
                Q_EMIT revenueEdited(v, tr("Set revenue per customer"));
        });
    }
    // The table over its chart: the table needs the width for its unit-cost columns.
    auto *split = new QSplitter(Qt::Vertical, page);
    auto *left = new QWidget(split);
    auto *ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    auto *filter = new QLineEdit(left);
    filter->setObjectName(QStringLiteral("filter%1").arg(b));
    filter->setPlaceholderText(tr("Filter %1…").arg(keyHeader(b).toLower()));
    filter->setClearButtonEnabled(true);
    ll->addWidget(filter);
    m_models[b] = new TableModel(this);
    m_proxies[b] = new QSortFilterProxyModel(this);
    m_proxies[b]->setSourceModel(m_models[b]);
    m_proxies[b]->setSortRole(TableModel::SortRole);
    m_proxies[b]->setFilterKeyColumn(0);
    m_proxies[b]->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(filter, &QLineEdit::textChanged, m_proxies[b],
            &QSortFilterProxyModel::setFilterFixedString);
    static const char *tableNames[] = {"useCaseTable", "featureTable", "teamTable",
                                       "customerTable"};
    m_tables[b] = makeTable(left, QString::fromLatin1(tableNames[b]));
    m_tables[b]->setModel(m_proxies[b]);
    m_tables[b]->setSortingEnabled(true);
    m_tables[b]->sortByColumn(1, Qt::DescendingOrder);
    ll->addWidget(m_tables[b]);
    static const char *chartNames[] = {"useCaseChart", "featureChart", "teamChart",
                                       "customerChart"};
    m_charts[b] = makePlot(split, QString::fromLatin1(chartNames[b]));
    split->addWidget(left);
    split->addWidget(m_charts[b]);
    m_charts[b]->setMinimumHeight(220);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    l->addWidget(split, 1);
    return page;
}

bool ActualsPage::isEmptyState() const
{
    return m_stack->currentWidget() == m_emptyPage;
}

const Report &ActualsPage::report(Dimension d) const
{
    for (int b = 0; b < BreakdownCount; ++b) {
        if (kDimensions[b] == d)
            return m_reports[static_cast<std::size_t>(b)];
    }
    return m_byModel;
}

void ActualsPage::setWorkbook(const Workbook &wb)
{
    m_format = NumberFormat(QString::fromStdString(wb.settings.currency));
    QStringList useCases;
    for (const UseCase &uc : wb.useCases)
        useCases << qs(uc.name);
    // The rules stay editable even before an import, but the page shows the hint then.
    m_rules->setRules(wb.actuals.rules, wb.actuals.allocation, useCases);
    if (wb.actuals.imports.empty()) {
        m_stack->setCurrentWidget(m_emptyPage);
        m_byModel = {};
        m_reports = {};
        return;
    }
    m_stack->setCurrentIndex(1);
    m_byModel = actuals::buildReport(wb, Dimension::Model);
    for (int b = 0; b < BreakdownCount; ++b)
        m_reports[static_cast<std::size_t>(b)] = actuals::buildReport(wb, kDimensions[b]);
    m_negative = actuals::marginNegativeCustomers(wb);

    // How many roll-up rows each rule takes (the first match wins).
    std::vector<int> counts(wb.actuals.rules.size(), 0);
    for (const actuals::RollupRow &row : wb.actuals.table().rows) {
        const int i = actuals::matchRule(wb.actuals.rules, wb.actuals.table(), row);
        if (i >= 0 && i < static_cast<int>(counts.size()))
            ++counts[static_cast<std::size_t>(i)];
    }
    m_rules->setMatchCounts(counts);

    fillTiles(wb);
    drawCostByMonth(*m_monthChart, m_byModel, m_format);
    m_monthChart->replot();
    fillMonthTable();
    for (int b = 0; b < BreakdownCount; ++b)
        fillBreakdown(static_cast<Breakdown>(b), wb);
    fillImports(wb);
}

void ActualsPage::fillTiles(const Workbook &wb)
{
    const Report &uc = m_reports[ByUseCase];
    const Measures &t = uc.total;
    const QString range =
        uc.months.empty()
            ? QString()
            : tr("%1 – %2, %n import(s)", nullptr, static_cast<int>(wb.actuals.imports.size()))
                  .arg(monthLabel(uc.months.front()), monthLabel(uc.months.back()));
    QString estimate;
    if (uc.estimatedCost > 0)
        estimate = tr(" %1 of it priced from the price book (rows without a cost).")
                       .arg(m_format.money(uc.estimatedCost));
    m_total->setValue(m_format.money(t.cost), range,
                      tr("Every imported cost in %1, converted at the workbook's rates.%2")
                          .arg(m_format.currency(), estimate));
    if (uc.coverage) {
        m_coverage->setValue(
            m_format.percent(*uc.coverage),
            tr("%1 of %2 attributed by %n rule(s)", nullptr,
               static_cast<int>(wb.actuals.rules.size()))
                .arg(m_format.compactMoney(uc.attributedCost), m_format.compactMoney(t.cost)),
            tr("The share of the actual cost the attribution rules give to a use case, before "
               "any pro-rata allocation of the rest. Add rules on the Attribution rules tab."),
            *uc.coverage < 0.8);
    } else {
        m_coverage->setValue(QStringLiteral("—"), tr("no cost to attribute"),
                             tr("Coverage is the share of cost attributed; there is no cost."));
    }
    const actuals::UnitCosts units = actuals::unitCosts(t);
    m_perRequest->setValue(units.perRequest ? m_format.unitCost(*units.perRequest)
                                            : QStringLiteral("—"),
                           units.perRequest ? tr("%1 requests").arg(m_format.number(t.requests))
                                            : tr("no request counts in the imports"),
                           tr("Actual cost divided by the model calls the exports count."));
    // Per customer: the cost of usage that names a customer, per customer and active month.
    const Report &cu = m_reports[ByCustomer];
    double customerCost = 0;
    int customerMonths = 0;
    int customers = 0;
    for (std::size_t k = 0; k < cu.keys.size(); ++k) {
        if (cu.keys[k].empty() || cu.keys[k] == actuals::kNotGiven)
            continue;
        ++customers;
        customerCost += cu.keyTotals[k].cost;
        customerMonths += activeMonths(cu, k);
    }
    if (customerMonths > 0) {
        QString flagged;
        std::map<std::string, int> negative;
        for (const auto &n : m_negative)
            ++negative[n.customer];
        if (!negative.empty())
            flagged = tr(", %n margin-negative", nullptr, static_cast<int>(negative.size()));
        m_perCustomer->setValue(m_format.unitCost(customerCost / customerMonths),
                                tr("%n customer(s)", nullptr, customers) + flagged,
                                tr("Cost of the usage that names a customer, divided by the "
                                   "months each customer had usage (customer-months)."),
                                !negative.empty());
    } else {
        m_perCustomer->setValue(QStringLiteral("—"), tr("no customer in the imports"),
                                tr("No imported usage names a customer."));
    }
    m_unallocated->setValue(
        m_format.money(uc.unallocatedCost),
        uc.allocation == actuals::AllocationMode::Unallocated
            ? tr("kept apart")
            : tr("shared pro rata to %1").arg(qs(actuals::allocationName(uc.allocation))),
        tr("Cost no rule attributes and no allocation shares out."), uc.unallocatedCost > 0);
}

void ActualsPage::fillMonthTable()
{
    const Report &uc = m_reports[ByUseCase];
    m_monthModel->setHeaders({tr("Month"), tr("Cost"), tr("Requests"), tr("Tokens"),
                              tr("Cost / request"), tr("Coverage")});
    QVector<QVector<TableCell>> rows;
    for (std::size_t m = 0; m < uc.months.size(); ++m) {
        const Measures &mt = uc.monthTotals[m];
        const actuals::UnitCosts u = actuals::unitCosts(mt);
        const bool hasCov = m < uc.monthCoverage.size() && uc.monthCoverage[m].has_value();
        const double cov = hasCov ? *uc.monthCoverage[m] : -1.0;
        rows.push_back(
            {TableCell(monthLabel(uc.months[m]), uc.months[m].year * 100 + uc.months[m].month),
             TableCell(m_format.money(mt.cost), mt.cost, {}, true),
             TableCell(m_format.number(mt.requests), mt.requests, {}, true),
             TableCell(m_format.number(mt.tokens()), mt.tokens(), {}, true),
             TableCell(u.perRequest ? m_format.unitCost(*u.perRequest) : QStringLiteral("—"),
                       u.perRequest.value_or(-1), {}, true),
             TableCell(hasCov ? m_format.percent(cov) : QStringLiteral("—"), cov, {}, true)});
    }
    m_monthModel->setRows(std::move(rows));
    m_monthTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
}

void ActualsPage::fillBreakdown(Breakdown b, const Workbook &wb)
{
    const Report &r = m_reports[static_cast<std::size_t>(b)];
    QStringList headers = {keyHeader(b),           tr("Cost"),        tr("Share"),
                           tr("Requests"),         tr("Tokens"),      tr("Cost / request"),
                           tr("Cost / 1M tokens"), tr("Cost / month")};
    if (b == ByCustomer)
        headers << tr("Revenue / month") << tr("Months over revenue");
    m_models[b]->setHeaders(headers);
    std::map<std::string, std::vector<const actuals::MarginNegative *>> negative;
    if (b == ByCustomer) {
        for (const auto &n : m_negative)
            negative[n.customer].push_back(&n);
    }
    QVector<QVector<TableCell>> rows;
    for (std::size_t k = 0; k < r.keys.size(); ++k) {
        const Measures &m = r.keyTotals[k];
        const actuals::UnitCosts u = actuals::unitCosts(m);
        const int months = activeMonths(r, k);
        const QString name = r.keys[k].empty() ? qs(actuals::kNotGiven) : qs(r.keys[k]);
        QVector<TableCell> row = {
            TableCell(name, qs(r.keys[k])),
            TableCell(m_format.money(m.cost), m.cost, {}, true),
            TableCell(r.total.cost > 0 ? m_format.percent(m.cost / r.total.cost)
                                       : QStringLiteral("—"),
                      r.total.cost > 0 ? m.cost / r.total.cost : 0.0, {}, true),
            TableCell(m_format.number(m.requests), m.requests, {}, true),
            TableCell(m_format.number(m.tokens()), m.tokens(), {}, true),
            TableCell(u.perRequest ? m_format.unitCost(*u.perRequest) : QStringLiteral("—"),
                      u.perRequest.value_or(-1), {}, true),
            TableCell(u.perMillionTokens ? m_format.money(*u.perMillionTokens)
                                         : QStringLiteral("—"),
                      u.perMillionTokens.value_or(-1), {}, true),
            TableCell(months > 0 ? m_format.money(m.cost / months) : QStringLiteral("—"),
                      months > 0 ? m.cost / months : -1.0,
                      tr("Average over the %n month(s) with usage", nullptr, months), true)};
        if (b == ByCustomer) {
            const std::optional<double> revenue =
                r.keys[k].empty() || r.keys[k] == actuals::kNotGiven
                    ? std::nullopt
                    : wb.actuals.revenueOf(r.keys[k]);
            row.push_back(TableCell(revenue ? m_format.money(*revenue) : QStringLiteral("—"),
                                    revenue.value_or(-1.0), {}, true));
            const auto it = negative.find(r.keys[k]);
            if (it == negative.end()) {
                row.push_back(TableCell(QStringLiteral("—"), 0, {}, true));
            } else {
                QStringList detail;
                for (const auto *n : it->second)
                    detail << tr("%1: cost %2 against revenue %3")
                                  .arg(monthLabel(n->month), m_format.money(n->cost),
                                       m_format.money(n->revenue));
                row.push_back(TableCell(tr("⚠ %1").arg(it->second.size()),
                                        static_cast<int>(it->second.size()),
                                        detail.join(QLatin1Char('\n')), true));
                row[0].text = tr("⚠ %1").arg(name);
                row[0].toolTip = tr("Margin-negative: costs more than the revenue in %n "
                                    "month(s)",
                                    nullptr, static_cast<int>(it->second.size()));
            }
        }
        rows.push_back(row);
    }
    m_models[b]->setRows(std::move(rows));
    m_tables[b]->resizeColumnsToContents();
    drawBreakdown(*m_charts[b], r, breakdownTitle(b), m_format);
    m_charts[b]->replot();

    if (b == ByCustomer && m_revenue) {
        if (!m_revenue->hasFocus())
            m_revenue->setText(wb.actuals.revenuePerCustomer
                                   ? QLocale().toString(*wb.actuals.revenuePerCustomer, 'f', 2)
                                   : QString());
        std::map<std::string, int> flagged;
        for (const auto &n : m_negative)
            ++flagged[n.customer];
        std::vector<std::string> unlisted;
        for (const std::string &key : r.keys) {
            const auto &listed = wb.actuals.customerRevenue; // sorted by customer
            const auto at = std::lower_bound(listed.begin(), listed.end(), key,
                                             [](const actuals::CustomerRevenue &e,
                                                const std::string &k) { return e.customer < k; });
            if (!key.empty() && key != actuals::kNotGiven
                && (at == listed.end() || at->customer != key))
                unlisted.push_back(key);
        }
        m_customerRevenue->setRevenue(wb.actuals.customerRevenue, unlisted);
        if (!wb.actuals.hasRevenue())
            m_marginNote->setText(
                tr("Enter the revenue per customer to flag customers who cost more than they "
                   "pay."));
        else if (flagged.empty())
            m_marginNote->setText(tr("No customer costs more than its revenue in any month."));
        else
            m_marginNote->setText(
                tr("<span style='color:#b3261e'>⚠ %n customer(s) cost more than their revenue "
                   "in at least one month.</span>",
                   nullptr, static_cast<int>(flagged.size())));
    }
}

void ActualsPage::fillImports(const Workbook &wb)
{
    QVector<QVector<TableCell>> rows;
    for (const actuals::ImportRecord &rec : wb.actuals.imports) {
        QString format = rec.formatDetail.empty() ? qs(rec.format) : qs(rec.formatDetail);
        if (!rec.mapping.empty())
            format += tr(" — mapping “%1”").arg(qs(rec.mapping));
        const QDateTime at = QDateTime::fromString(qs(rec.importedAt), Qt::ISODate).toLocalTime();
        auto count = [&](std::uint64_t n) {
            return TableCell(m_format.number(static_cast<double>(n)), static_cast<qulonglong>(n),
                             {}, true);
        };
        QVector<TableCell> row = {
            TableCell(qs(rec.fileName), qs(rec.fileName), qs(rec.fileName), false,
                      static_cast<uint>(rec.id)),
            TableCell(qs(rec.sha256).left(12), qs(rec.sha256), qs(rec.sha256)),
            TableCell(format),
            TableCell(qs(rec.firstDay.toString())),
            TableCell(qs(rec.lastDay.toString())),
            count(rec.rowsRead),
            count(rec.rowsUsed),
            count(rec.rowsRefused),
            count(rec.rowsSkipped),
            TableCell(at.isValid() ? QLocale().toString(at, QLocale::ShortFormat)
                                   : qs(rec.importedAt),
                      qs(rec.importedAt))};
        rows.push_back(row);
    }
    m_importsModel->setRows(std::move(rows));
    m_importsTable->resizeColumnsToContents();
}

} // namespace roi
