// roi-workbench: the command line when given a subcommand, else the window (on FILE if given).
#include "commandline.h"
#include "mainwindow.h"
#include "montecarlostatistics.h"
#include "recovery.h"

#include <QApplication>
#include <QFileInfo>
#include <QTimer>

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char *argv[])
{
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
