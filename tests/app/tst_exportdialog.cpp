// The Export dialog: its defaults, the suffix following the format, the scenario choice, the
// folder and format remembered in QSettings, and an Export button only for a usable path.
#include "exportdialog.h"
#include "exporttestutil.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace roi;
using namespace roi::test;

class TestExportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void defaults();
    void suffixFollowsFormat();
    void scenarioChoice();
    void remembersFolderAndFormat();
    void exportButtonNeedsUsablePath();
    void optionsDriveAnExport();
    void sectionsChoice();

private:
    static QPushButton *exportButton(ExportDialog &dialog)
    {
        return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }

    QTemporaryDir m_dir;
    Workbook m_wb;
};

void TestExportDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("roi-workbench-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_exportdialog"));
    QVERIFY(m_dir.isValid());
    m_wb = example("support-assistant");
    QVERIFY(!m_wb.useCases.empty());
}

void TestExportDialog::init()
{
    QSettings().clear();
}

void TestExportDialog::defaults()
{
    const QString workbookPath = m_dir.filePath(QStringLiteral("support.roiwb"));
    ExportDialog dialog(m_wb, workbookPath);
    QCOMPARE(dialog.format(), ReportFormat::Pdf);
    QCOMPARE(dialog.scenario(), -1);
    // The first export goes beside the workbook, named after it.
    QCOMPARE(dialog.outputPath(), m_dir.filePath(QStringLiteral("Support assistant.pdf")));
    auto *format = dialog.findChild<QComboBox *>(QStringLiteral("format"));
    QVERIFY(format);
    QCOMPARE(format->count(), 6); // PDF, HTML, CSV, XLSX model, XLSX values, JSON
    QVERIFY(exportButton(dialog)->isEnabled());
    QCOMPARE(exportButton(dialog)->text(), QStringLiteral("Export"));
    const QByteArray dir = qgetenv("ROI_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        dialog.setFormat(ReportFormat::Csv);
        dialog.show();
        QVERIFY(
            dialog.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/export-dialog.png")));
    }
}

void TestExportDialog::suffixFollowsFormat()
{
    ExportDialog dialog(m_wb, m_dir.filePath(QStringLiteral("w.roiwb")));
    dialog.setFormat(ReportFormat::Xlsx);
    QVERIFY(dialog.outputPath().endsWith(QStringLiteral("Support assistant.xlsx")));
    dialog.setFormat(ReportFormat::Csv);
    QVERIFY(dialog.outputPath().endsWith(QStringLiteral(".csv")));
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("note"));
    QVERIFY(note);
    QVERIFY2(note->text().contains(QStringLiteral("Support assistant.csv")),
             qPrintable(note->text()));
    QVERIFY(note->text().contains(QStringLiteral("Support assistant-kpis.csv")));
    QVERIFY(note->text().contains(QStringLiteral("Support assistant-detail.csv")));
    // A name the user typed with another suffix is left alone.
    dialog.setOutputPath(m_dir.filePath(QStringLiteral("board-pack.data")));
    dialog.setFormat(ReportFormat::Json);
    QCOMPARE(dialog.outputPath(), m_dir.filePath(QStringLiteral("board-pack.data")));
}

void TestExportDialog::scenarioChoice()
{
    ExportDialog dialog(m_wb);
    auto *scenario = dialog.findChild<QComboBox *>(QStringLiteral("scenario"));
    QVERIFY(scenario);
    QCOMPARE(scenario->count(), 1 + static_cast<int>(m_wb.scenarios.size()));
    QVERIFY(scenario->itemText(0).contains(QStringLiteral("Base")));
    QCOMPARE(scenario->itemText(3), QStringLiteral("Worst"));
    dialog.setScenario(2);
    QCOMPARE(dialog.scenario(), 2);
    QCOMPARE(dialog.options().scenario, 2);
    dialog.setFormat(ReportFormat::Csv);
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("note"));
    QVERIFY(note->text().contains(QStringLiteral("Only the chosen scenario")));
}

void TestExportDialog::remembersFolderAndFormat()
{
    const QString folder = m_dir.filePath(QStringLiteral("exports"));
    QVERIFY(QDir().mkpath(folder));
    {
        ExportDialog dialog(m_wb);
        dialog.setFormat(ReportFormat::Html);
        dialog.setOutputPath(folder + QStringLiteral("/client.html"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QCOMPARE(QSettings().value(ExportDialog::lastFolderKey()).toString(), folder);
    QCOMPARE(QSettings().value(ExportDialog::lastFormatKey()).toString(), QStringLiteral("html"));
    ExportDialog again(m_wb, m_dir.filePath(QStringLiteral("elsewhere/w.roiwb")));
    QCOMPARE(again.format(), ReportFormat::Html);
    QCOMPARE(again.outputPath(), folder + QStringLiteral("/Support assistant.html"));

    // Cancel remembers nothing.
    again.setFormat(ReportFormat::Json);
    again.reject();
    QCOMPARE(QSettings().value(ExportDialog::lastFormatKey()).toString(), QStringLiteral("html"));
}

void TestExportDialog::exportButtonNeedsUsablePath()
{
    ExportDialog dialog(m_wb);
    auto *warning = dialog.findChild<QLabel *>(QStringLiteral("warning"));
    QVERIFY(warning);
    dialog.setOutputPath(QString());
    QVERIFY(!exportButton(dialog)->isEnabled());
    dialog.setOutputPath(m_dir.path());
    QVERIFY(!exportButton(dialog)->isEnabled());
    QVERIFY(warning->text().contains(QStringLiteral("folder")));
    dialog.setOutputPath(m_dir.filePath(QStringLiteral("no/such/folder/x.pdf")));
    QVERIFY(!exportButton(dialog)->isEnabled());
    dialog.accept(); // refused while the path is unusable
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QFile existing(m_dir.filePath(QStringLiteral("exists.pdf")));
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.close();
    dialog.setOutputPath(existing.fileName());
    QVERIFY(exportButton(dialog)->isEnabled());
    QVERIFY(warning->text().contains(QStringLiteral("replaced")));
}

void TestExportDialog::optionsDriveAnExport()
{
    ExportDialog dialog(m_wb);
    dialog.setFormat(ReportFormat::Json);
    dialog.setOutputPath(m_dir.filePath(QStringLiteral("from-dialog.json")));
    const ReportOptions options = dialog.options();
    QCOMPARE(options.outputPath, m_dir.filePath(QStringLiteral("from-dialog.json")));
    QCOMPARE(options.today, QDate::currentDate());
    QString error;
    QVERIFY2(exportReport(m_wb, computeAsOfReportDay(m_wb), dialog.format(), options, &error),
             qPrintable(error));
    QVERIFY(QFile::exists(options.outputPath));
}

void TestExportDialog::sectionsChoice()
{
    // Which use cases get a full section: Automatic by default; "The best" shows the count and
    // the KPI; the choice reaches the options; CSV, XLSX and JSON have no sections.
    ExportDialog dialog(m_wb);
    auto *sections = dialog.findChild<QComboBox *>(QStringLiteral("sections"));
    auto *topCount = dialog.findChild<QSpinBox *>(QStringLiteral("topCount"));
    auto *rankBy = dialog.findChild<QComboBox *>(QStringLiteral("rankBy"));
    QVERIFY(sections && topCount && rankBy);
    dialog.setFormat(ReportFormat::Pdf);
    QCOMPARE(dialog.sections(), UseCaseSections::Auto);
    QCOMPARE(dialog.options().sections, UseCaseSections::Auto);
    QVERIFY(topCount->isHidden());
    dialog.setSections(UseCaseSections::Top);
    QVERIFY(!topCount->isHidden());
    QVERIFY(!rankBy->isHidden());
    topCount->setValue(2);
    rankBy->setCurrentIndex(rankBy->findData(static_cast<int>(RankKpi::Roi)));
    const ReportOptions options = dialog.options();
    QCOMPARE(options.sections, UseCaseSections::Top);
    QCOMPARE(options.topCount, 2);
    QCOMPARE(options.rankBy, RankKpi::Roi);
    QVERIFY(sections->isEnabled() || sections->parentWidget()->isEnabled());
    dialog.setFormat(ReportFormat::Csv);
    QVERIFY(!sections->parentWidget()->isEnabled());
    const QByteArray dir = qgetenv("ROI_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        dialog.setFormat(ReportFormat::Pdf);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/export-dialog.png"));
    }
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
