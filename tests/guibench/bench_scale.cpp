// The window at portfolio scale (issue 15): start-up to a painted window on the bundled
// portfolio, opening a 200-use-case workbook (the portfolio copied, tests/scale), then switching
// use case in the navigator, editing a use case and toggling Compare. Prints the median and
// maximum of each.
// Times are in process from the start of main() (the dynamic loader's share before it is not
// counted; `roi-workbench --version` as a whole process shows it).
//
//   QT_QPA_PLATFORM=offscreen ./roi_scale_gui_bench [switches] [--startup-only] [--grab PNG]
// (--grab saves the window as painted at start-up, to look at.)
//
// Under callgrind each phase is dumped on its own (callgrind.out.PID.N, "phase ..."): the
// instruction counts of start-up, opening, switching, editing and Compare, for before/after
// comparisons on a loaded machine:
//   QT_QPA_PLATFORM=offscreen valgrind --tool=callgrind ./roi_scale_gui_bench 10
#include "document.h"
#include "mainwindow.h"
#include "portfolio.h"
#include "usecasenavigator.h"
#include "workbookfile.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_DUMP_STATS_AT(name)
#define CALLGRIND_ZERO_STATS
#endif

namespace {

QElapsedTimer g_clock;

/// Paint events reaching the window or any child: "painted" is the first one after a change.
class PaintWatch : public QObject
{
public:
    bool painted = false;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            painted = true;
        return false;
    }
};

/// Processes events until a paint happened and nothing is pending; milliseconds since `t`.
double untilPainted(PaintWatch &watch, const QElapsedTimer &t)
{
    while (!watch.painted)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QCoreApplication::processEvents();
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    g_clock.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("roi-workbench-bench"));
    int switches = 40;
    bool startupOnly = false;
    QString grabPath;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--startup-only") == 0)
            startupOnly = true;
        else if (std::strcmp(argv[i], "--grab") == 0 && i + 1 < argc)
            grabPath = QString::fromLocal8Bit(argv[++i]);
        else
            switches = std::max(5, std::atoi(argv[i]));
    }
    PaintWatch watch;
    app.installEventFilter(&watch);

    // 1. Start-up as main() does it: the window shown, the bundled portfolio opened, first
    // paint.
    auto *window = new roi::MainWindow;
    window->show();
    if (!window->openFile(QStringLiteral(ROI_SOURCE_DIR "/resources/examples/portfolio.roiwb")))
        return 1;
    const double startup = untilPainted(watch, g_clock);
    CALLGRIND_DUMP_STATS_AT("phase startup");
    std::printf("start-up to a painted window (portfolio.roiwb):   %8.1f ms (target 300)\n",
                startup);
    std::printf("first window size: %dx%d on a %dx%d screen\n", window->width(), window->height(),
                window->screen()->availableGeometry().width(),
                window->screen()->availableGeometry().height());
    std::printf(
        "window minimum size %dx%d: inputs %d, results %d, use case dock %d wide\n",
        window->minimumSizeHint().width(), window->minimumSizeHint().height(),
        window->findChild<QWidget *>(QStringLiteral("inputs"))->minimumSizeHint().width(),
        window->findChild<QWidget *>(QStringLiteral("resultsPanel"))->minimumSizeHint().width(),
        window->findChild<QWidget *>(QStringLiteral("navigatorDock"))->minimumSizeHint().width());
    if (!grabPath.isEmpty())
        window->grab().save(grabPath);
    if (startupOnly) {
        delete window;
        return 0;
    }

    // 2. Opening a 200-use-case workbook.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p200.roiwb"));
    {
        const roi::Workbook wb =
            roiscale::scaledPortfolio(roiscale::bundledPortfolio(ROI_SOURCE_DIR), 200, 120);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write(QByteArray::fromStdString(roi::writeWorkbook(wb).text));
    }
    std::vector<double> opening;
    QCoreApplication::processEvents();
    CALLGRIND_ZERO_STATS;
    for (int i = 0; i < 5; ++i) {
        watch.painted = false;
        QElapsedTimer t;
        t.start();
        if (!window->openFile(path))
            return 1;
        opening.push_back(untilPainted(watch, t));
    }
    CALLGRIND_DUMP_STATS_AT("phase open200 x5");
    std::printf("opening the 200-use-case workbook, to painted:    %8.1f ms median, %.1f max "
                "(target 300)\n",
                median(opening), *std::max_element(opening.begin(), opening.end()));

    // 3. Switching use case in the navigator, and Compare on and off.
    std::vector<double> switching;
    CALLGRIND_ZERO_STATS;
    for (int i = 0; i < switches; ++i) {
        watch.painted = false;
        QElapsedTimer t;
        t.start();
        window->navigator()->selectUseCase((i * 37 + 1) % 200); // never the one selected
        switching.push_back(untilPainted(watch, t));
    }
    CALLGRIND_DUMP_STATS_AT("phase switch");
    std::printf("switching use case (200 in the navigator):         %8.1f ms median, %.1f max "
                "(target 16)\n",
                median(switching), *std::max_element(switching.begin(), switching.end()));
    // 4. An edit of the selected use case: recompute, then the views repaint. The window
    // computes the scenario on screen first (Document::setVisibleScenario), the others on the
    // next turn: "to painted" is the first paint, "complete" when every scenario is computed.
    window->navigator()->selectUseCase(17);
    QCoreApplication::processEvents();
    std::vector<double> editing, complete;
    CALLGRIND_ZERO_STATS;
    for (int i = 0; i < switches; ++i) {
        roi::Document *doc = window->document();
        roi::UseCase uc = doc->workbook().useCases[17];
        uc.baseline.volume *= i % 2 == 0 ? 1.01 : 1 / 1.01;
        watch.painted = false;
        QElapsedTimer t;
        t.start();
        doc->setUseCase(17, uc, QStringLiteral("Edit volume"));
        while (!watch.painted)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        editing.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        while (!doc->resultsComplete())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QCoreApplication::processEvents();
        complete.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    CALLGRIND_DUMP_STATS_AT("phase edit");
    std::printf("edit of a use case (200 use cases), to painted:    %8.1f ms median, %.1f max "
                "(target 16); all scenarios computed and repainted %.1f ms median\n",
                median(editing), *std::max_element(editing.begin(), editing.end()),
                median(complete));
    std::vector<double> compare;
    CALLGRIND_ZERO_STATS;
    for (int i = 0; i < switches / 2; ++i) {
        watch.painted = false;
        QElapsedTimer t;
        t.start();
        window->compareAction()->trigger();
        compare.push_back(untilPainted(watch, t));
    }
    CALLGRIND_DUMP_STATS_AT("phase compare x switches/2");
    std::printf("Compare on/off (200 use cases):                    %8.1f ms median, %.1f max "
                "(target 16)\n",
                median(compare), *std::max_element(compare.begin(), compare.end()));
    delete window;
    return 0;
}
