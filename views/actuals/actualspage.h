// The Actuals page of the window: what the imported usage and cost exports say. Coverage (the
// share of cost the rules attribute) and the totals are always in view; tabs hold the cost by
// month stacked by model, the breakdowns by use case, feature, team and customer (sortable
// tables beside their charts, unit costs, margin-negative customers flagged), the attribution
// rules and the import history. Empty until something is imported, with a hint saying how.
// Emits edits; never writes the model itself.
#pragma once

#include "numberformat.h"
#include "workbook.h"

#include "actuals/report.h"

#include <QWidget>

#include <array>
#include <optional>

class QCustomPlot;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace roi {

class AttributionRulesEditor;
class CustomerRevenueEditor;
class KpiTile;
class TableModel;

class ActualsPage : public QWidget
{
    Q_OBJECT

public:
    /// The breakdown tabs, in order after the monthly chart.
    enum Breakdown { ByUseCase, ByFeature, ByTeam, ByCustomer, BreakdownCount };
    enum Tab { MonthTab, UseCaseTab, FeatureTab, TeamTab, CustomerTab, RulesTab, ImportsTab };

    explicit ActualsPage(QWidget *parent = nullptr);

    /// Recomputes every report of `workbook`'s actuals and shows them.
    void setWorkbook(const Workbook &workbook);
    bool isEmptyState() const;

    // For tests and screenshots: what a user sees and drives.
    QTabWidget *tabs() const { return m_tabs; }
    KpiTile *totalTile() const { return m_total; }
    KpiTile *coverageTile() const { return m_coverage; }
    KpiTile *perRequestTile() const { return m_perRequest; }
    KpiTile *perCustomerTile() const { return m_perCustomer; }
    QLabel *emptyHint() const { return m_emptyHint; }
    QCustomPlot *monthChart() const { return m_monthChart; }
    QTableView *breakdownTable(Breakdown b) const { return m_tables[b]; }
    TableModel *breakdownModel(Breakdown b) const { return m_models[b]; }
    QCustomPlot *breakdownChart(Breakdown b) const { return m_charts[b]; }
    QLineEdit *revenueEdit() const { return m_revenue; }
    QLabel *marginNote() const { return m_marginNote; }
    CustomerRevenueEditor *customerRevenueEditor() const { return m_customerRevenue; }
    AttributionRulesEditor *rulesEditor() const { return m_rules; }
    QTableView *importsTable() const { return m_importsTable; }
    TableModel *importsModel() const { return m_importsModel; }
    const actuals::Report &report(actuals::Dimension d) const;

Q_SIGNALS:
    void importRequested();
    void rulesEdited(const std::vector<roi::actuals::AttributionRule> &rules, const QString &text);
    void allocationEdited(roi::actuals::AllocationMode mode, const QString &text);
    /// Monthly revenue per customer; nullopt clears it.
    void revenueEdited(std::optional<double> revenue, const QString &text);
    /// The customers' own monthly revenues (sorted by customer).
    void customerRevenueEdited(const std::vector<roi::actuals::CustomerRevenue> &entries,
                               const QString &text);
    /// Import CSV… of the customer revenue table.
    void importRevenueRequested();
    void removeImportRequested(std::uint32_t importId);

private:
    QWidget *makeBreakdownTab(Breakdown b);
    void fillBreakdown(Breakdown b, const Workbook &workbook);
    void fillMonthTable();
    void fillImports(const Workbook &workbook);
    void fillTiles(const Workbook &workbook);

    NumberFormat m_format;
    actuals::Report m_byModel;
    std::array<actuals::Report, BreakdownCount> m_reports;
    std::vector<actuals::MarginNegative> m_negative;

    QStackedWidget *m_stack;
    QWidget *m_emptyPage;
    QLabel *m_emptyHint;
    QTabWidget *m_tabs;
    KpiTile *m_total;
    KpiTile *m_coverage;
    KpiTile *m_perRequest;
    KpiTile *m_perCustomer;
    KpiTile *m_unallocated;
    QCustomPlot *m_monthChart;
    TableModel *m_monthModel;
    QTableView *m_monthTable;
    std::array<TableModel *, BreakdownCount> m_models{};
    std::array<QSortFilterProxyModel *, BreakdownCount> m_proxies{};
    std::array<QTableView *, BreakdownCount> m_tables{};
    std::array<QCustomPlot *, BreakdownCount> m_charts{};
    QLineEdit *m_revenue = nullptr;
    QLabel *m_marginNote = nullptr;
    CustomerRevenueEditor *m_customerRevenue = nullptr;
    AttributionRulesEditor *m_rules;
    TableModel *m_importsModel;
    QTableView *m_importsTable;
    QPushButton *m_removeImport;
};

} // namespace roi
