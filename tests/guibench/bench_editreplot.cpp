// Measures what a user feels on every keystroke: an edit of the portfolio example goes through
// the document (undo command, recompute), refreshes the editors, tiles and tables, and the
// visible chart replots. Prints the median, 95th percentile and maximum over many edits.
//
//   QT_QPA_PLATFORM=offscreen ./roi_gui_bench [edits]
#include "chartview.h"
#include "document.h"
#include "fieldform.h"
#include "mainwindow.h"
#include "resultspanel.h"
#include "usecaseeditor.h"

#include <QUndoStack>

#include <QApplication>
#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

struct Stats
{
    double median;
    double p95;
    double max;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[v.size() * 95 / 100], v.back()};
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("roi-workbench-bench"));
    const int edits = argc > 1 ? std::max(10, std::atoi(argv[1])) : 300;
    roi::MainWindow window;
    window.resize(1920, 1080);
    window.show();
    if (!window.openFile(QStringLiteral(ROI_SOURCE_DIR "/resources/examples/portfolio.roiwb")))
        return 1;
    window.navigator()->selectUseCase(0);
    QTest::qWait(100);
    roi::ChartView *chart = window.results()->chart(roi::ChartKind::CumulativeNet);
    bool replotted = false;
    QObject::connect(chart, &QCustomPlot::afterReplot, [&] { replotted = true; });

    // 1. Document edits (what undo/redo and scripted changes do).
    std::vector<double> documentEdit;
    roi::Document *doc = window.document();
    for (int i = 0; i < edits; ++i) {
        roi::UseCase uc = doc->workbook().useCases[0];
        uc.baseline.volume = 50000 + (i % 50 + 1) * 100 * (i % 2 == 0 ? 1 : -1);
        replotted = false;
        QElapsedTimer t;
        t.start();
        doc->setUseCase(0, uc, QStringLiteral("bench"), QStringLiteral("bench"));
        while (!replotted)
            QCoreApplication::processEvents();
        documentEdit.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }

    // 2. Keystrokes into the baseline volume field (the full path a user drives).
    std::vector<double> keystroke;
    roi::NumberField *volume = window.useCaseEditor()->baselineForm()->field("volume");
    volume->setFocus();
    for (int i = 0; i < edits; ++i) {
        if (i % 5 == 0) {
            volume->selectAll();
            QTest::keyClick(volume, Qt::Key_5);
            QTest::qWait(1);
        }
        replotted = false;
        QElapsedTimer t;
        t.start();
        QTest::keyClick(volume, static_cast<Qt::Key>(Qt::Key_0 + (i % 9) + 1));
        while (!replotted)
            QCoreApplication::processEvents();
        keystroke.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }

    const Stats d = stats(documentEdit);
    const Stats k = stats(keystroke);
    std::printf("portfolio.roiwb, %d edits each, window 1920x1080, offscreen\n", edits);
    std::printf("document edit -> recompute -> refresh -> replot: median %.2f ms, p95 %.2f ms, "
                "max %.2f ms\n",
                d.median, d.p95, d.max);
    std::printf("keystroke in a form -> ... -> replot:           median %.2f ms, p95 %.2f ms, "
                "max %.2f ms\n",
                k.median, k.p95, k.max);
    std::printf("engine recompute alone (last edit): %.3f ms\n", doc->lastComputeMs());
    doc->undoStack()->setClean();
    return 0;
}
