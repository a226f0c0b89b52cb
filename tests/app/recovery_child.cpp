// A session for the crash-recovery test: opens a workbook, makes edits through the window's
// editors, prints EDITED, then keeps running until the test kills it with SIGKILL.
#include "document.h"
#include "fieldform.h"
#include "mainwindow.h"
#include "usecaseeditor.h"

#include <QApplication>
#include <QLineEdit>
#include <QTest>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: recovery_child WORKBOOK RECOVERY_DIR\n");
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("roi-workbench-test"));
    roi::MainWindow window;
    window.show();
    window.setRecoveryDirectory(QString::fromLocal8Bit(argv[2]));
    if (!window.openFile(QString::fromLocal8Bit(argv[1])))
        return 3;
    QTimer::singleShot(50, &window, [&window] {
        window.navigator()->selectUseCase(0);
        // Edit one: type a new volume into the baseline form.
        roi::NumberField *volume = window.useCaseEditor()->baselineForm()->field("volume");
        volume->setFocus();
        volume->selectAll();
        QTest::keyClicks(volume, QStringLiteral("64000"));
        // Edit two: the minutes per unit.
        roi::NumberField *minutes = window.useCaseEditor()->baselineForm()->field("minutesPerUnit");
        minutes->setFocus();
        minutes->selectAll();
        QTest::keyClicks(minutes, QStringLiteral("45"));
        // Edit three: add a use case.
        roi::UseCase extra = roi::newUseCase("Added before the crash", {2027, 6});
        window.document()->insertUseCase(1, extra, QStringLiteral("Add"));
        std::printf("EDITED\n");
        std::fflush(stdout);
    });
    return app.exec();
}
