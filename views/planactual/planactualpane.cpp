// The "Plan vs actual" pane (see planactualpane.h).
#include "planactualpane.h"

#include "kpitile.h"
#include "planactualchart.h"
#include "tablemodel.h"

#include "actuals/actualscharts.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace roi {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QCustomPlot *makePlot(const QString &name)
{
    auto *plot = new QCustomPlot;
    plot->setObjectName(name);
    plot->setMinimumSize(420, 280);
    plot->setAntialiasedElements(QCP::aeAll);
    return plot;
}

QTableView *makeTable(TableModel *model, const QString &name)
{
    auto *table = new QTableView;
    table->setObjectName(name);
    table->setModel(model);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return table;
}

QString signedPercent(const Kpi &k)
{
    if (!k.ok())
        return PlanActualPane::tr("n/a");
    return (k.value > 0 ? QStringLiteral("+") : QString()) + QString::number(k.value, 'f', 1)
           + QLatin1Char('%');
}

QString suggestionValue(const Suggestion &s, double v, const NumberFormat &f)
{
    if (s.input == "tokensPerCallFactor")
        return QStringLiteral("×") + QString::number(v, 'f', 2);
    return f.percent(v, 1);
}

QString suggestionTitle(const Suggestion &s)
{
    if (s.input == "ramp.volumeGrowth")
        return PlanActualPane::tr("Monthly volume growth");
    if (s.input == "ramp.steadyAdoption")
        return PlanActualPane::tr("Steady adoption");
    if (s.input == "tokensPerCallFactor")
        return PlanActualPane::tr("Tokens per call (every token layer)");
    return qs(s.input);
}

} // namespace

PlanActualPane::PlanActualPane(QWidget *parent)
    : QWidget(parent)
    , m_subjectBox(new QComboBox)
    , m_basis(new QComboBox)
    , m_tolerance(new QDoubleSpinBox)
    , m_summary(new QLabel)
    , m_findings(new QLabel)
    , m_tabs(new QTabWidget)
    , m_chart(makePlot(QStringLiteral("planActualChart")))
    , m_months(new TableModel(this))
    , m_recalibrate(new QCheckBox(tr("&Use actuals for past months")))
    , m_recalNote(new QLabel)
    , m_recalChart(makePlot(QStringLiteral("recalibratedChart")))
    , m_suggestionBox(new QWidget)
    , m_suggestionLayout(new QVBoxLayout(m_suggestionBox))
    , m_executive(new TableModel(this))
    , m_executiveNote(new QLabel)
{
    m_subjectBox->setObjectName(QStringLiteral("planActualSubject"));
    m_basis->setObjectName(QStringLiteral("planActualBasis"));
    m_basis->setToolTip(tr("The forecast the actuals are compared against: a snapshot of the "
                           "approved case (Scenario → Approve and Snapshot…), or the live "
                           "forecast when there is none"));
    m_tolerance->setObjectName(QStringLiteral("planActualTolerance"));
    m_tolerance->setRange(0, 100);
    m_tolerance->setDecimals(1);
    m_tolerance->setSingleStep(1);
    m_tolerance->setSuffix(QStringLiteral(" %"));
    m_tolerance->setToolTip(tr("A month is flagged when its actual cost runs more than this "
                               "above the forecast; two such months in a row make a finding"));
    m_recalibrate->setObjectName(QStringLiteral("planActualRecalibrate"));
    m_recalibrate->setToolTip(tr("KPIs from the actual cost, calls and outcomes of the months "
                                 "with actuals, and the forecast from then on"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show:")));
    bar->addWidget(m_subjectBox, 1);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Against:")));
    bar->addWidget(m_basis, 1);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Tolerance:")));
    bar->addWidget(m_tolerance);

    m_summary->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("planActualSummary"));
    m_findings->setWordWrap(true);
    m_findings->setObjectName(QStringLiteral("planActualFindings"));
    m_findings->setStyleSheet(QStringLiteral("color: #b3261e;"));

    // Tab 1: chart over the table.
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_chart);
    m_months->setHeaders({tr("Month"), tr("Forecast"), tr("Actual"), tr("Variance"),
                          tr("Variance %"), tr("Requests (forecast)"), tr("Requests (actual)"),
                          tr("Outcomes (forecast)"), tr("Outcomes (actual)"), tr("Flag")});
    split->addWidget(makeTable(m_months, QStringLiteral("planActualTable")));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    m_tabs->addTab(split, tr("&Plan vs actual"));

    // Tab 2: recalibration.
    auto *recal = new QWidget;
    auto *recalLayout = new QVBoxLayout(recal);
    recalLayout->addWidget(m_recalibrate);
    m_recalNote->setWordWrap(true);
    m_recalNote->setObjectName(QStringLiteral("recalibrationNote"));
    recalLayout->addWidget(m_recalNote);
    auto *tiles = new QHBoxLayout;
    const QString titles[] = {tr("Recalibrated TCO"), tr("Recalibrated benefit"),
                              tr("Recalibrated net"), tr("Recalibrated ROI")};
    for (std::size_t i = 0; i < m_tiles.size(); ++i) {
        m_tiles[i] = new KpiTile(titles[i]);
        m_tiles[i]->setObjectName(QStringLiteral("recalibratedTile%1").arg(i));
        tiles->addWidget(m_tiles[i]);
    }
    recalLayout->addLayout(tiles);
    recalLayout->addWidget(m_recalChart, 1);
    auto *suggestTitle = new QLabel(tr("<b>Suggested recalibrations</b>"));
    recalLayout->addWidget(suggestTitle);
    m_suggestionBox->setObjectName(QStringLiteral("suggestions"));
    m_suggestionLayout->setContentsMargins(0, 0, 0, 0);
    recalLayout->addWidget(m_suggestionBox);
    auto *recalScroll = new QScrollArea;
    recalScroll->setWidgetResizable(true);
    recalScroll->setFrameShape(QFrame::NoFrame);
    recalScroll->setWidget(recal);
    m_tabs->addTab(recalScroll, tr("&Recalibration"));

    // Tab 3: the executive three numbers.
    auto *exec = new QWidget;
    auto *execLayout = new QVBoxLayout(exec);
    m_executiveNote->setWordWrap(true);
    execLayout->addWidget(m_executiveNote);
    m_executive->setHeaders(
        {tr("Month"), tr("Baseline cost"), tr("Realised cost"), tr("Savings %")},
        {tr("The actual tokens priced at the premium model's list prices, with no levers"),
         tr("What was actually paid"), tr("(Baseline − realised) / baseline")});
    execLayout->addWidget(makeTable(m_executive, QStringLiteral("executiveTable")), 1);
    m_tabs->addTab(exec, tr("&Executive numbers"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_summary);
    layout->addWidget(m_findings);
    layout->addWidget(m_tabs, 1);

    connect(m_subjectBox, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (!m_updating)
            setSubject(i - 1);
    });
    connect(m_basis, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (!m_updating)
            Q_EMIT basisEdited(i <= 0 ? QString() : m_basis->itemText(i));
    });
    connect(m_tolerance, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (!m_updating)
            Q_EMIT toleranceEdited(v / 100.0);
    });
    connect(m_recalibrate, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_updating && m_subject >= 0)
            Q_EMIT recalibrationToggled(m_subject, on);
    });
}

void PlanActualPane::setData(const Workbook &workbook, const PlanActualReport &report)
{
    m_workbook = workbook;
    m_report = report;
    m_format = NumberFormat(qs(workbook.settings.currency));
    if (m_subject >= static_cast<int>(workbook.useCases.size()))
        m_subject = -1;
    refresh();
}

void PlanActualPane::setSubject(int useCase)
{
    m_subject = useCase < static_cast<int>(m_workbook.useCases.size()) ? useCase : -1;
    refresh();
}

const PlanActual *PlanActualPane::shown() const
{
    if (m_subject < 0)
        return &m_report.portfolio;
    const std::string &name = m_workbook.useCases[static_cast<std::size_t>(m_subject)].name;
    for (const PlanActual &pa : m_report.useCases) {
        if (pa.useCase == name)
            return &pa;
    }
    return nullptr;
}

QList<QWidget *> PlanActualPane::applyButtons() const
{
    QList<QWidget *> out;
    for (QPushButton *b : m_suggestionBox->findChildren<QPushButton *>())
        out.push_back(b);
    return out;
}

void PlanActualPane::refresh()
{
    m_updating = true;
    m_subjectBox->clear();
    m_subjectBox->addItem(tr("Portfolio"));
    for (const UseCase &uc : m_workbook.useCases)
        m_subjectBox->addItem(qs(uc.name));
    m_subjectBox->setCurrentIndex(m_subject + 1);
    m_basis->clear();
    m_basis->addItem(tr("Latest snapshot"));
    for (const Snapshot &s : m_workbook.snapshots)
        m_basis->addItem(qs(s.label));
    const int basis = m_basis->findText(qs(m_workbook.planActual.basis));
    m_basis->setCurrentIndex(m_workbook.planActual.basis.empty() || basis < 0 ? 0 : basis);
    m_tolerance->setValue(m_workbook.planActual.tolerance * 100);
    m_updating = false;

    const QString subject = m_subject < 0
                                ? tr("Portfolio")
                                : qs(m_workbook.useCases[static_cast<std::size_t>(m_subject)].name);
    if (!m_report.hasActuals) {
        m_summary->setText(tr("No actuals imported yet: File → Import Actuals… (Ctrl+Shift+I)."));
    } else {
        const bool live = m_workbook.snapshots.empty();
        m_summary->setText(
            tr("Compared against <b>%1</b>%2.")
                .arg(qs(m_report.basis).toHtmlEscaped(),
                     live ? tr(" — no snapshot yet: Scenario → Approve and Snapshot… freezes the "
                               "approved case")
                          : QString()));
    }
    QStringList findings;
    for (const Finding &f : m_report.findings) {
        if (f.useCase == m_subject)
            findings << QStringLiteral("⚠ ") + qs(f.message).toHtmlEscaped();
    }
    m_findings->setText(findings.join(QStringLiteral("<br>")));
    m_findings->setVisible(!findings.isEmpty());

    static const PlanActual none;
    const PlanActual *pa = shown();
    drawPlanVsActual(*m_chart, pa ? *pa : none, m_format, subject);
    m_chart->replot();
    refreshMonths(pa ? *pa : none);
    refreshRecalibration();
    refreshSuggestions();

    QVector<QVector<TableCell>> rows;
    for (const ExecutivePeriod &e : m_report.executive) {
        rows.push_back({TableCell(qs(e.period)),
                        TableCell(m_format.money(e.baselineCost), e.baselineCost, {}, true),
                        TableCell(m_format.money(e.realisedCost), e.realisedCost, {}, true),
                        TableCell(signedPercent(e.savingsPercent),
                                  e.savingsPercent.ok() ? e.savingsPercent.value : 0.0, {}, true)});
    }
    m_executive->setRows(std::move(rows));
    m_executiveNote->setText(
        m_report.premiumModel.empty()
            ? tr("The executive numbers need a price book: the baseline prices the actual "
                 "tokens at the dearest model.")
            : tr("Baseline: the actual tokens of every use case at <b>%1</b>'s list prices, "
                 "no cache discount, no levers. Realised: what was paid. By month, over all "
                 "usage.")
                  .arg(qs(m_report.premiumModel).toHtmlEscaped()));
}

void PlanActualPane::refreshMonths(const PlanActual &pa)
{
    QVector<QVector<TableCell>> rows;
    for (const PlanActualMonth &m : pa.months) {
        const auto money = [&](double v) {
            return TableCell(m_format.money(v), v, {}, true);
        };
        const auto count = [&](double v, bool measured) {
            return measured ? TableCell(m_format.number(v), v, {}, true)
                            : TableCell(tr("—"), -1.0, tr("Not measured"), true);
        };
        rows.push_back({TableCell(monthLabel(m.month), m.month.year * 100 + m.month.month),
                        money(m.forecastCost), money(m.actualCost), money(m.variance),
                        TableCell(signedPercent(m.variancePercent),
                                  m.variancePercent.ok() ? m.variancePercent.value : 0.0, {}, true),
                        count(m.forecastCalls, true), count(m.actualRequests, m.actualRequests > 0),
                        count(m.forecastOutcomes, true),
                        count(m.actualOutcomes, m.actualOutcomes > 0),
                        TableCell(m.aboveTolerance ? tr("▲ over tolerance") : QString(),
                                  m.aboveTolerance ? 1 : 0)});
    }
    if (!pa.months.empty()) {
        rows.push_back({TableCell(tr("Total")),
                        TableCell(m_format.money(pa.forecastTotal)),
                        TableCell(m_format.money(pa.actualTotal)),
                        TableCell(m_format.money(pa.varianceTotal)),
                        TableCell(signedPercent(pa.variancePercentTotal)),
                        {},
                        {},
                        {},
                        {},
                        {}});
    }
    m_months->setRows(std::move(rows));
}

void PlanActualPane::refreshRecalibration()
{
    const bool useCase = m_subject >= 0;
    m_updating = true;
    m_recalibrate->setEnabled(useCase);
    m_recalibrate->setChecked(useCase
                              && m_workbook.planActual.recalibrates(
                                  m_workbook.useCases[static_cast<std::size_t>(m_subject)].name));
    m_updating = false;
    const Recalibrated *r =
        useCase && static_cast<std::size_t>(m_subject) < m_report.recalibrated.size()
            ? &m_report.recalibrated[static_cast<std::size_t>(m_subject)]
            : nullptr;
    const bool on = r && m_recalibrate->isChecked();
    const QString subject = useCase
                                ? qs(m_workbook.useCases[static_cast<std::size_t>(m_subject)].name)
                                : tr("Portfolio");
    const QString months = r ? actualMonthsText(*r, m_workbook.settings.startMonth) : QString();
    if (!useCase)
        m_recalNote->setText(tr("Choose a use case above: recalibration is set per use case."));
    else if (months.isEmpty())
        m_recalNote->setText(tr("No month of %1 has actuals yet.").arg(subject));
    else if (on)
        m_recalNote->setText(
            tr("KPIs below: <b>%1 actual</b>, forecast from then on.").arg(months));
    else
        m_recalNote->setText(tr("Off: the KPIs are the forecast. Turn it on to use the actuals "
                                "of %1.")
                                 .arg(months));
    const QString range = on ? tr("%1 actual + forecast").arg(months) : tr("forecast only");
    const QString explain =
        tr("Actual to date + forecast from now: the months with actuals take their actual cost "
           "(tokens as measured, other layers as planned), calls and outcomes; the other months "
           "keep the live forecast.");
    for (KpiTile *t : m_tiles)
        t->setVisible(on);
    m_recalChart->setVisible(r != nullptr);
    if (on) {
        m_tiles[0]->setValue(m_format.money(r->tco, 0), range, explain);
        m_tiles[1]->setValue(m_format.money(r->benefit, 0), range, explain);
        m_tiles[2]->setValue(m_format.money(r->net, 0), range, explain, r->net < 0);
        m_tiles[3]->setValue(m_format.kpi(r->roiPercent, NumberFormat::Kind::Percent), range,
                             explain, r->roiPercent.ok() && r->roiPercent.value < 0);
    }
    if (r) {
        drawRecalibrated(*m_recalChart, *r, m_workbook.settings.startMonth, m_format, subject);
        m_recalChart->replot();
    }
}

void PlanActualPane::refreshSuggestions()
{
    // Later, not now: this may run inside the clicked signal of an Apply button it removes.
    while (QLayoutItem *item = m_suggestionLayout->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            w->hide();
            w->setParent(nullptr);
            w->deleteLater();
        }
        delete item;
    }
    const bool useCase =
        m_subject >= 0 && static_cast<std::size_t>(m_subject) < m_report.suggestions.size();
    const std::vector<Suggestion> none;
    const auto &list = useCase ? m_report.suggestions[static_cast<std::size_t>(m_subject)] : none;
    if (list.empty()) {
        auto *l = new QLabel(useCase ? tr("None: the actuals agree with the inputs, or fewer "
                                          "than three months of requests were measured.")
                                     : tr("Choose a use case above."));
        l->setWordWrap(true);
        m_suggestionLayout->addWidget(l);
        return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Suggestion &s = list[i];
        auto *row = new QFrame;
        row->setFrameShape(QFrame::StyledPanel);
        auto *h = new QHBoxLayout(row);
        auto *text = new QLabel(
            tr("<b>%1</b>: %2 → <b>%3</b><br>%4")
                .arg(suggestionTitle(s), suggestionValue(s, s.current, m_format),
                     suggestionValue(s, s.suggested, m_format), qs(s.evidence).toHtmlEscaped()));
        text->setWordWrap(true);
        h->addWidget(text, 1);
        auto *apply = new QPushButton(tr("Apply"));
        apply->setObjectName(QStringLiteral("applySuggestion%1").arg(i));
        apply->setToolTip(
            tr("Sets %1 to the suggested value; Edit → Undo takes it back").arg(qs(s.input)));
        const int index = static_cast<int>(i);
        connect(apply, &QPushButton::clicked, this,
                [this, index] { Q_EMIT applyRequested(m_subject, index); });
        h->addWidget(apply, 0, Qt::AlignTop);
        m_suggestionLayout->addWidget(row);
    }
}

} // namespace roi
