// File > New from Template: the gallery lists every installed template with its name,
// description and expected ROI range, and a workbook created from one is untitled, unmodified
// and holds the template's use case with its figures.
#include "document.h"
#include "mainwindow.h"
#include "resourcelocator.h"
#include "templategallery.h"

#include "engine.h"
#include "templates.h"

#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QTest>
#include <QUndoStack>

using namespace roi;

class TestTemplateGallery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsEveryTemplate();
    void createWorkbookFromTemplate();
    void menuHasTheAction();
    void screenshot();
};

void TestTemplateGallery::listsEveryTemplate()
{
    // The build tree reads the source tree's templates, as an installed tree reads its own.
    const QStringList files = templateFiles();
    QVERIFY(files.size() >= 8);
    const QVector<TemplateInfo> infos = readTemplates(files);
    QCOMPARE(infos.size(), files.size());
    TemplateGallery gallery(infos);
    QCOMPARE(gallery.list()->count(), files.size());
    // Each entry gives the template's name and, under it, its expected ROI range.
    QVERIFY(gallery.list()->item(0)->text().startsWith(infos[0].name + QLatin1Char('\n')));
    QVERIFY(gallery.list()->item(0)->text().contains(QLatin1String("ROI ")));
    for (const TemplateInfo &t : infos) {
        QVERIFY(!t.name.isEmpty());
        QVERIFY(!t.description.isEmpty());
        QVERIFY2(t.expected.startsWith(QLatin1String("Expected ROI: ")), qPrintable(t.name));
        QVERIFY(!t.description.contains(QLatin1String("Expected ROI")));
    }
    const QStringList names = [&] {
        QStringList n;
        for (const TemplateInfo &t : infos)
            n << t.name;
        return n;
    }();
    for (const char *expected :
         {"Support assistant", "Sales lead qualification", "Contract review", "Coding assistant",
          "Invoice extraction", "Marketing content", "Internal knowledge search",
          "Fraud and anomaly detection", "Demand forecasting"})
        QVERIFY2(names.contains(QLatin1String(expected)), expected);
    // The details pane shows the selected template's range.
    gallery.list()->setCurrentRow(2);
    auto *details = gallery.findChild<QLabel *>(QStringLiteral("templateDetails"));
    QVERIFY(details);
    QVERIFY(details->text().contains(infos[2].expected.toHtmlEscaped()));
    QCOMPARE(gallery.selectedPath(), infos[2].path);
}

void TestTemplateGallery::createWorkbookFromTemplate()
{
    const QVector<TemplateInfo> infos = readTemplates(templateFiles());
    int contract = -1;
    for (int i = 0; i < infos.size(); ++i) {
        if (infos[i].name == QLatin1String("Contract review"))
            contract = i;
    }
    QVERIFY(contract >= 0);
    TemplateGallery gallery(infos);
    gallery.list()->setCurrentRow(contract);
    MainWindow window;
    window.newFromTemplate(gallery.selectedPath());
    const Workbook &wb = window.document()->workbook();
    QCOMPARE(wb.useCases.size(), std::size_t(1));
    QCOMPARE(wb.useCases[0].name, std::string("Contract review"));
    // A new untitled workbook: saving never writes over the template.
    QVERIFY(window.document()->filePath().isEmpty());
    QVERIFY(window.document()->undoStack()->isClean());
    // Its figures are the template's: ROI inside the stated range, no model check raised.
    const auto range = expectedRoiRange(wb.useCases[0].description);
    QVERIFY(range);
    ComputeOptions o;
    o.today = {2027, 1, 1};
    const Results res = compute(wb, o);
    QVERIFY(range->contains(res.at(0, 0).kpis.roiPercent.value));
    QVERIFY(res.findings.empty());
}

void TestTemplateGallery::menuHasTheAction()
{
    MainWindow window;
    QMenu *file = window.menuBar()->actions().first()->menu();
    QVERIFY(file);
    bool found = false;
    for (QAction *a : file->actions())
        found = found || a->text().remove(QLatin1Char('&')) == QStringLiteral("New from Template…");
    QVERIFY(found);
}

void TestTemplateGallery::screenshot()
{
    // For the README (docs/screenshots/template-gallery.png) when ROI_SCREENSHOT_DIR is set.
    const QString dir = qEnvironmentVariable("ROI_SCREENSHOT_DIR");
    TemplateGallery gallery(readTemplates(templateFiles()));
    gallery.show();
    QVERIFY(QTest::qWaitForWindowExposed(&gallery));
    const QPixmap shot = gallery.grab();
    QVERIFY(!shot.isNull());
    if (!dir.isEmpty())
        QVERIFY(shot.save(dir + QStringLiteral("/template-gallery.png")));
}

QTEST_MAIN(TestTemplateGallery)
#include "tst_templategallery.moc"
