#include "sensitivitycontroller.h"

#include "document.h"
#include "goalseekdialog.h"

#include "sensitivitypanel.h"

#include <QAction>
#include <QDialog>
#include <QMenu>
#include <QVBoxLayout>

namespace roi {

SensitivityController::SensitivityController(Document *doc, QWidget *window,
                                             std::function<int()> useCase,
                                             std::function<int()> scenario)
    : QObject(window)
    , m_doc(doc)
    , m_window(window)
    , m_useCase(std::move(useCase))
    , m_scenario(std::move(scenario))
    , m_tornadoAction(new QAction(tr("&Tornado and Spider…"), this))
    , m_goalSeekAction(new QAction(tr("&Goal Seek…"), this))
{
    m_tornadoAction->setObjectName(QStringLiteral("tornadoAction"));
    m_tornadoAction->setToolTip(
        tr("Which inputs move the NPV most: each alone between its low and high value"));
    m_goalSeekAction->setObjectName(QStringLiteral("goalSeekAction"));
    m_goalSeekAction->setToolTip(
        tr("The value of one input at which ROI, NPV, payback or cost per outcome hits a target"));
    m_goalSeekAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    connect(m_tornadoAction, &QAction::triggered, this, &SensitivityController::showTornado);
    connect(m_goalSeekAction, &QAction::triggered, this, &SensitivityController::showGoalSeek);
    // The tornado follows the workbook while it is open.
    connect(m_doc, &Document::resultsChanged, this, [this] {
        if (m_tornadoWindow && m_tornadoWindow->isVisible())
            m_panel->setWorkbook(m_doc->workbook());
    });
}

SensitivityController::~SensitivityController() = default;

void SensitivityController::addActions(QMenu *menu)
{
    menu->addAction(m_tornadoAction);
    menu->addAction(m_goalSeekAction);
}

void SensitivityController::showTornado()
{
    if (!m_tornadoWindow) {
        m_tornadoWindow = new QDialog(m_window);
        m_tornadoWindow->setObjectName(QStringLiteral("tornadoWindow"));
        m_tornadoWindow->setWindowTitle(tr("Tornado and Spider"));
        m_panel = new SensitivityPanel;
        auto *layout = new QVBoxLayout(m_tornadoWindow);
        layout->setContentsMargins(6, 6, 6, 6);
        layout->addWidget(m_panel);
        m_tornadoWindow->resize(900, 720);
    }
    m_panel->setData(m_doc->workbook(), m_useCase(), m_scenario());
    m_tornadoWindow->show();
    m_tornadoWindow->raise();
}

void SensitivityController::showGoalSeek()
{
    if (!m_goalSeek)
        m_goalSeek = new GoalSeekDialog(m_doc, m_window);
    m_goalSeek->setTarget(m_useCase(), m_scenario());
    m_goalSeek->show();
    m_goalSeek->raise();
}

} // namespace roi
