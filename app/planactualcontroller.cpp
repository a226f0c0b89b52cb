// The window's side of plan vs actual (see planactualcontroller.h).
#include "planactualcontroller.h"

#include "document.h"
#include "kpitile.h"
#include "numberformat.h"
#include "planactual/planactualchart.h"
#include "planactual/planactualpane.h"
#include "resultspanel.h"

#include "inputs.h"
#include "planactual/planactualreport.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMessageBox>
#include <QUndoStack>

namespace roi {

bool applySuggestion(Document *doc, int useCase, const Suggestion &s, QString *error)
{
    const Workbook &wb = doc->workbook();
    if (useCase < 0 || useCase >= static_cast<int>(wb.useCases.size())) {
        if (error)
            *error = QObject::tr("There is no use case %1.").arg(useCase + 1);
        return false;
    }
    UseCase uc = wb.useCases[static_cast<std::size_t>(useCase)];
    std::vector<PriceEntry> prices = wb.priceBook;
    Settings settings = wb.settings;
    QString text;
    int changed = 0;
    if (s.input == "tokensPerCallFactor") {
        // Not one named input: the tokens of every token layer, scaled alike.
        for (const char *field : {"inputTokens", "cachedInputTokens", "outputTokens"}) {
            const auto path = InputPath::parse(std::string("layers[*].") + field);
            if (path)
                changed += applyAdjustment(*path, AdjustmentOp::Multiply, s.suggested, uc, prices,
                                           settings);
        }
        text = QObject::tr("Recalibrate: tokens per call ×%1").arg(s.suggested, 0, 'f', 2);
    } else {
        std::string why;
        const auto path = InputPath::parse(s.input, &why);
        if (!path || path->section == InputSection::Settings
            || path->section == InputSection::Prices) {
            if (error)
                *error = QObject::tr("“%1” is not an input of a use case%2")
                             .arg(QString::fromStdString(s.input),
                                  why.empty() ? QString()
                                              : QStringLiteral(": ") + QString::fromStdString(why));
            return false;
        }
        changed = applyAdjustment(*path, AdjustmentOp::Set, s.suggested, uc, prices, settings);
        text = QObject::tr("Recalibrate: %1 = %2")
                   .arg(QString::fromStdString(s.input))
                   .arg(s.suggested, 0, 'g', 6);
    }
    if (changed == 0) {
        if (error)
            *error = QObject::tr("Nothing to change: the use case has no such input.");
        return false;
    }
    doc->setUseCase(useCase, uc, text);
    return true;
}

PlanActualController::PlanActualController(Document *document, QMainWindow *window)
    : QObject(window)
    , m_doc(document)
    , m_dock(new QDockWidget(tr("Plan vs actual"), window))
{
    m_dock->setObjectName(QStringLiteral("planActualDock"));
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide();
    QAction *show = m_dock->toggleViewAction();
    show->setText(tr("&Plan vs Actual"));
    show->setObjectName(QStringLiteral("showPlanActualAction"));
    show->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    show->setToolTip(tr("Actual cost and volume against the approved forecast, recalibration "
                        "and the executive numbers (Ctrl+Shift+V)"));

    connect(m_doc, &Document::resultsChanged, this, &PlanActualController::workbookChanged);
    connect(m_dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && m_stale)
            refresh();
    });
}

PlanActualPane *PlanActualController::pane()
{
    if (m_pane)
        return m_pane;
    m_pane = new PlanActualPane;
    m_dock->setWidget(m_pane);
    connect(m_pane, &PlanActualPane::toleranceEdited, this, [this](double fraction) {
        PlanActualSettings s = m_doc->workbook().planActual;
        s.tolerance = fraction;
        m_doc->setPlanActual(s, tr("Plan vs actual tolerance"),
                             QStringLiteral("planActual.tolerance"));
    });
    connect(m_pane, &PlanActualPane::basisEdited, this, [this](const QString &label) {
        PlanActualSettings s = m_doc->workbook().planActual;
        s.basis = label.toStdString();
        m_doc->setPlanActual(s, label.isEmpty() ? tr("Compare actuals with the latest snapshot")
                                                : tr("Compare actuals with “%1”").arg(label));
    });
    connect(m_pane, &PlanActualPane::recalibrationToggled, this, [this](int useCase, bool on) {
        const Workbook &wb = m_doc->workbook();
        if (useCase < 0 || useCase >= static_cast<int>(wb.useCases.size()))
            return;
        PlanActualSettings s = wb.planActual;
        const std::string &name = wb.useCases[static_cast<std::size_t>(useCase)].name;
        s.setRecalibrates(name, on);
        m_doc->setPlanActual(
            s, on ? tr("Use actuals for past months of “%1”").arg(QString::fromStdString(name))
                  : tr("Forecast only for “%1”").arg(QString::fromStdString(name)));
    });
    connect(m_pane, &PlanActualPane::applyRequested, this, [this](int useCase, int index) {
        const PlanActualReport report = buildPlanActual(m_doc->workbook(), m_doc->results());
        if (useCase < 0 || static_cast<std::size_t>(useCase) >= report.suggestions.size()
            || index < 0
            || static_cast<std::size_t>(index)
                   >= report.suggestions[static_cast<std::size_t>(useCase)].size())
            return;
        QString error;
        if (!applySuggestion(m_doc, useCase,
                             report.suggestions[static_cast<std::size_t>(useCase)]
                                               [static_cast<std::size_t>(index)],
                             &error))
            QMessageBox::warning(m_pane, tr("Apply suggestion"), error);
    });
    return m_pane;
}

QAction *PlanActualController::showAction() const
{
    return m_dock->toggleViewAction();
}

void PlanActualController::refresh()
{
    m_stale = false;
    pane()->setData(m_doc->workbook(), buildPlanActual(m_doc->workbook(), m_doc->results()));
}

void PlanActualController::decorateResults(ResultsPanel *panel, int useCase, int scenario)
{
    KpiTile *tco = panel->tile(ResultsPanel::TcoTile);
    KpiTile *roi = panel->tile(ResultsPanel::RoiTile);
    if (m_tcoTitle.isEmpty())
        m_tcoTitle = tco->title();
    tco->setTitle(m_tcoTitle);
    const Workbook &wb = m_doc->workbook();
    if (useCase < 0 || scenario != 0 || useCase >= static_cast<int>(wb.useCases.size())
        || !wb.planActual.recalibrates(wb.useCases[static_cast<std::size_t>(useCase)].name)
        || wb.actuals.isEmpty())
        return;
    const PlanActualReport report = buildPlanActual(wb, m_doc->results());
    if (static_cast<std::size_t>(useCase) >= report.recalibrated.size())
        return;
    const Recalibrated &r = report.recalibrated[static_cast<std::size_t>(useCase)];
    if (r.actualMonths == 0)
        return;
    const NumberFormat fmt(QString::fromStdString(wb.settings.currency));
    const QString months = actualMonthsText(r, wb.settings.startMonth);
    const QString explanation =
        tr("<b>Recalibrated</b> (Plan vs actual → Use actuals for past months): %1 take their "
           "actual cost, calls and outcomes; the forecast from then on.<br>Forecast only: %2.")
            .arg(months);
    const QString range = tr("%1 actual + forecast").arg(months);
    roi->setTitle(tr("ROI (actual to date + forecast)"));
    roi->setValue(fmt.kpi(r.roiPercent, NumberFormat::Kind::Percent), range,
                  explanation.arg(roi->value()), r.roiPercent.ok() && r.roiPercent.value < 0);
    tco->setTitle(tr("%1 (actual to date + forecast)").arg(m_tcoTitle));
    tco->setValue(fmt.compactMoney(r.tco), range, explanation.arg(tco->value()));
}

void PlanActualController::workbookChanged()
{
    m_stale = true;
    if (m_dock->isVisible())
        refresh();
}

} // namespace roi
