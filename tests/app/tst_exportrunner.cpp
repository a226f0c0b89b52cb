// Exports from the window run on a worker thread (exportrunner.h): the window keeps handling
// events while a long report is written, the progress dialog's Cancel stops it, and a cancelled
// export leaves the file that was there untouched and no partial or temporary file beside it.
#include "exportrunner.h"
#include "exporttestutil.h"
#include "portfolio.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMainWindow>
#include <QProgressDialog>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace roi;
using namespace roi::test;

Q_DECLARE_METATYPE(roi::ReportFormat)

class TestExportRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cancelKeepsOldFile_data();
    void cancelKeepsOldFile();
    void windowStaysResponsive();
    void finishedExportMatchesDirectOne();

private:
    QTemporaryDir m_dir;
    Workbook m_wb;
    Results m_res;
};

void TestExportRunner::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Long enough to cancel half-way: 60 use cases in full over 60 months.
    m_wb = roiscale::scaledPortfolio(roiscale::bundledPortfolio(ROI_SOURCE_DIR), 60, 60);
    m_res = computeAsOfReportDay(m_wb);
}

void TestExportRunner::cancelKeepsOldFile_data()
{
    QTest::addColumn<ReportFormat>("format");
    QTest::newRow("pdf") << ReportFormat::Pdf;
    QTest::newRow("html") << ReportFormat::Html;
}

void TestExportRunner::cancelKeepsOldFile()
{
    QFETCH(ReportFormat, format);
    QDir folder(m_dir.filePath(reportFormatName(format)));
    QVERIFY(folder.mkpath(QStringLiteral(".")));
    const QString path = folder.filePath(QStringLiteral("report.") + reportFormatName(format));
    const QByteArray old = "the report exported last week";
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(old);
    }
    QMainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ReportOptions options;
    options.today = reportDay();
    options.outputPath = path;
    options.sections = UseCaseSections::All;
    // Press Cancel once the progress dialog shows some progress (the export is under way).
    int seenProgress = 0;
    QTimer presser;
    connect(&presser, &QTimer::timeout, this, [&] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            auto *dialog = qobject_cast<QProgressDialog *>(w);
            if (dialog && dialog->isVisible() && dialog->value() > 0) {
                seenProgress = dialog->value();
                // What the user does: click Cancel.
                auto *cancel = dialog->findChild<QPushButton *>();
                QVERIFY(cancel);
                QTest::mouseClick(cancel, Qt::LeftButton);
                presser.stop();
            }
        }
    });
    presser.start(20);
    const ExportOutcome outcome = runExport(&window, m_wb, m_res, format, options);
    QVERIFY(seenProgress > 0);
    QVERIFY(outcome.cancelled);
    QVERIFY(!outcome.ok);
    // The old file as it was, and nothing else in the folder (no temporary file left over).
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), old);
    QCOMPARE(folder.entryList(QDir::Files | QDir::Hidden | QDir::System),
             QStringList{QStringLiteral("report.") + reportFormatName(format)});
}

void TestExportRunner::windowStaysResponsive()
{
    // A timer of the window keeps firing while the PDF is written on the worker: at 50 ms, a
    // window frozen for the whole export would see it fire once at the end.
    QMainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&] { ++ticks; });
    timer.start(50);
    QElapsedTimer clock;
    clock.start();
    ReportOptions options;
    options.today = reportDay();
    options.outputPath = m_dir.filePath(QStringLiteral("responsive.pdf"));
    options.sections = UseCaseSections::All;
    const ExportOutcome outcome = runExport(&window, m_wb, m_res, ReportFormat::Pdf, options);
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.written, QStringList{options.outputPath});
    // To look at the charts the worker replayed from the GUI thread's recordings.
    const QByteArray dir = qgetenv("ROI_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QFile::copy(options.outputPath,
                    QString::fromLocal8Bit(dir) + QStringLiteral("/worker-report.pdf"));
    // Not a timing test: whatever the export took, the timer fired through it (at least a
    // third of the ticks it would have on an idle machine, and several).
    QVERIFY2(ticks >= 5 && ticks >= elapsed / 50 / 3,
             qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(elapsed)));
}

void TestExportRunner::finishedExportMatchesDirectOne()
{
    // The worker writes the same HTML as an export on the GUI thread (charts drawn for it on
    // the GUI thread).
    Workbook small = example("portfolio");
    const Results res = computeAsOfReportDay(small);
    ReportOptions options;
    options.today = reportDay();
    options.outputPath = m_dir.filePath(QStringLiteral("worker.html"));
    QMainWindow window;
    const ExportOutcome outcome = runExport(&window, small, res, ReportFormat::Html, options);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QString error;
    const QByteArray direct = reportBytes(small, res, ReportFormat::Html, options, &error);
    QFile f(options.outputPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), direct);
}

QTEST_MAIN(TestExportRunner)
#include "tst_exportrunner.moc"
