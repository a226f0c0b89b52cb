// roi-workbench: the command line when given a subcommand, else the window (on FILE if given).
#include "commandline.h"
#include "mainwindow.h"
#include "montecarlostatistics.h"
#include "recovery.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace {

/// ROI_STARTUP_TRACE=1 prints the milliseconds from main() to the first painted window on
/// stderr; ROI_STARTUP_TRACE=exit then also quits, to time the whole process
/// (`time roi-workbench FILE`).
class FirstPaintTrace : public QObject
{
public:
    FirstPaintTrace(const QElapsedTimer &clock, bool quit)
        : m_clock(clock)
        , m_quit(quit)
    {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            // Once this paint pass (every widget of the window) is done.
            QTimer::singleShot(0, this, [this] {
                std::fprintf(stderr, "roi-workbench: first paint after %.1f ms\n",
                             static_cast<double>(m_clock.nsecsElapsed()) / 1e6);
                if (m_quit)
                    QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer &m_clock;
    bool m_quit;
    bool m_seen = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer clock;
    clock.start();
    std::vector<std::string> args(argv + 1, argv + argc);
    roi::registerMonteCarloStatistics();
    if (roi::isCommandLine(args))
        return roi::runCommandLine(args, std::cout, std::cerr);

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("roi-workbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("ROI Workbench"));
    QApplication::setOrganizationName(QStringLiteral("roi-workbench"));
    QApplication::setApplicationVersion(QStringLiteral(ROI_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.roiworkbench.RoiWorkbench"));
    const QByteArray trace = qgetenv("ROI_STARTUP_TRACE");
    FirstPaintTrace firstPaint(clock, trace == "exit");
    if (!trace.isEmpty())
        app.installEventFilter(&firstPaint);

    roi::MainWindow window;
    window.show();
    const QString recoveryDir = roi::defaultRecoveryDirectory();
    // Offer recovery before opening a file, so the user decides which work comes back; then
    // autosave this session's work into the same folder.
    const bool recovered = window.offerRecovery(recoveryDir);
    window.setRecoveryDirectory(recoveryDir);
    // QApplication has taken its own options (-platform, -style...) out: what is left is the
    // one file isCommandLine() let through.
    const QStringList rest = QApplication::arguments().mid(1);
    if (!recovered && !rest.isEmpty())
        window.openFile(rest.first());
    return app.exec();
}
