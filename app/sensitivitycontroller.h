// The window's sensitivity tools: Analysis → Tornado and Spider (a non-modal window over the
// selected use case or the portfolio, refreshed on every edit) and Analysis → Goal Seek.
#pragma once

#include <QObject>

#include <functional>

class QAction;
class QDialog;
class QMenu;
class QWidget;

namespace roi {

class Document;
class GoalSeekDialog;
class SensitivityPanel;

class SensitivityController : public QObject
{
    Q_OBJECT

public:
    /// `useCase` and `scenario` say what the window shows (use case -1: the portfolio).
    SensitivityController(Document *doc, QWidget *window, std::function<int()> useCase,
                          std::function<int()> scenario);
    ~SensitivityController() override;

    /// Adds Tornado and Spider… and Goal Seek… to `menu`.
    void addActions(QMenu *menu);

    void showTornado();
    void showGoalSeek();

    QAction *tornadoAction() const { return m_tornadoAction; }
    QAction *goalSeekAction() const { return m_goalSeekAction; }
    /// Created on first use; null before.
    QDialog *tornadoWindow() const { return m_tornadoWindow; }
    SensitivityPanel *panel() const { return m_panel; }
    GoalSeekDialog *goalSeekDialog() const { return m_goalSeek; }

private:
    Document *m_doc;
    QWidget *m_window;
    std::function<int()> m_useCase;
    std::function<int()> m_scenario;
    QAction *m_tornadoAction;
    QAction *m_goalSeekAction;
    QDialog *m_tornadoWindow = nullptr;
    SensitivityPanel *m_panel = nullptr;
    GoalSeekDialog *m_goalSeek = nullptr;
};

} // namespace roi
