// A GUI smoke test for the sanitizer build: a QApplication on the offscreen platform draws a
// QCustomPlot chart to a pixmap, a PNG, an SVG and a PDF (fonts, fontconfig, freetype, the
// print pipeline), so that `cmake --workflow --preset asan` proves the Qt GUI tests run clean
// under ASan + UBSan with only the third-party suppressions of tests/lsan.supp.
#include <qcustomplot.h>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QPdfWriter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QSvgGenerator>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTimer>
#include <QUndoStack>

class TestGuiSmoke : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chartRendersEverywhere();
    void documentPrintsToPdf();
    void windowsAndDialogs();
};

void TestGuiSmoke::chartRendersEverywhere()
{
    QCustomPlot plot;
    plot.resize(640, 400);
    plot.plotLayout()->insertRow(0);
    plot.plotLayout()->addElement(0, 0, new QCPTextElement(&plot, QStringLiteral("Net (€)")));
    QVector<double> x;
    QVector<double> y;
    for (int m = 1; m <= 36; ++m) {
        x << m;
        y << (m - 12) * 5037.5;
    }
    plot.addGraph()->setData(x, y);
    plot.graph(0)->setName(QStringLiteral("Cumulative net"));
    plot.legend->setVisible(true);
    plot.xAxis->setLabel(QStringLiteral("Month"));
    plot.yAxis->setLabel(QStringLiteral("USD"));
    plot.rescaleAxes();
    plot.show();
    plot.replot();
    QVERIFY(!plot.toPixmap(640, 400).isNull());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(plot.savePng(dir.filePath(QStringLiteral("chart.png")), 640, 400));
    QVERIFY(plot.savePdf(dir.filePath(QStringLiteral("chart.pdf")), 640, 400));
    QSvgGenerator svg;
    svg.setFileName(dir.filePath(QStringLiteral("chart.svg")));
    svg.setSize(QSize(640, 400));
    QCPPainter painter;
    QVERIFY(painter.begin(&svg));
    plot.toPainter(&painter, 640, 400);
    painter.end();
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("chart.svg"))).size() > 0);
}

void TestGuiSmoke::documentPrintsToPdf()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    QTextDocument doc;
    doc.setHtml(QStringLiteral("<h1>Support assistant</h1><table border=1><tr><th>TCO</th>"
                               "<td>$5,037.50</td></tr></table><p>中文 — ünïcødé</p>"));
    doc.print(&writer);
    QVERIFY(QFileInfo(path).size() > 0);
}

void TestGuiSmoke::windowsAndDialogs()
{
    // What the window uses: menus, a table over an item model, editors, an undo stack, the
    // clipboard, icons from the theme, a modal message box and a (non-native) file dialog,
    // text in several scripts (font fallback through fontconfig).
    QMainWindow window;
    QMenu *file = window.menuBar()->addMenu(QStringLiteral("&File"));
    QUndoStack undo;
    file->addAction(undo.createUndoAction(&window));
    file->addAction(QIcon::fromTheme(QStringLiteral("document-save")), QStringLiteral("&Save"));
    auto *model = new QStandardItemModel(3, 2, &window);
    model->setItem(0, 0, new QStandardItem(QStringLiteral("Support assistant 中文 العربية ✓")));
    auto *table = new QTableView;
    table->setModel(model);
    window.setCentralWidget(table);
    window.statusBar()->showMessage(QStringLiteral("Saved"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *edit = new QLineEdit(&window);
    edit->setText(QStringLiteral("5037.50"));
    auto *combo = new QComboBox(&window);
    combo->addItems({QStringLiteral("Base"), QStringLiteral("Best"), QStringLiteral("Worst")});
    QGuiApplication::clipboard()->setText(QStringLiteral("copied"));
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("copied"));
    QVERIFY(!QFontDatabase::families().isEmpty());
    QVERIFY(!window.grab().isNull());

    QTimer::singleShot(0, [] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *box = qobject_cast<QMessageBox *>(w))
                box->accept();
            if (auto *dialog = qobject_cast<QFileDialog *>(w))
                dialog->reject();
        }
    });
    QMessageBox::warning(&window, QStringLiteral("Save failed"), QStringLiteral("No space left"));
    QTimer::singleShot(0, [] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *dialog = qobject_cast<QFileDialog *>(w))
                dialog->reject();
        }
    });
    QFileDialog::getSaveFileName(&window, QStringLiteral("Save"), QDir::tempPath(),
                                 QStringLiteral("Workbooks (*.roiwb)"), nullptr,
                                 QFileDialog::DontUseNativeDialog);
}

QTEST_MAIN(TestGuiSmoke)
#include "tst_guismoke.moc"
