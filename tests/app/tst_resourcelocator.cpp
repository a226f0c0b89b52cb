// Tests roi::examplesDirectory(), exampleFiles() and defaultPriceBookFile(): the override, an
// installed tree, a macOS bundle and the build tree, and that an executable outside the build
// tree never reads the source tree.
#include "resourcelocator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString canonical(const QString &path)
{
    return QFileInfo(path).canonicalFilePath();
}

bool touch(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write("{}\n") == 3;
}

} // namespace

class TestResourceLocator : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void overrideWins();
    void overrideWithoutExamplesFindsNothing();
    void installedTree();
    void macBundle();
    void buildTreeReadsSourceExamples();
    void outsideBuildTreeNeverReadsSource();
    void priceBookBesideTheExamples();

private:
    QString sourceExamples() const
    {
        return canonical(QStringLiteral(ROI_SOURCE_DIR "/resources/examples"));
    }
};

void TestResourceLocator::init()
{
    qunsetenv(roi::kDataDirEnvVar);
}

void TestResourceLocator::cleanup()
{
    qunsetenv(roi::kDataDirEnvVar);
}

void TestResourceLocator::overrideWins()
{
    QTemporaryDir data;
    QVERIFY(data.isValid());
    QDir root(data.path());
    QVERIFY(root.mkpath(QStringLiteral("examples")));
    QVERIFY(touch(root.filePath(QStringLiteral("examples/b.roiwb"))));
    QVERIFY(touch(root.filePath(QStringLiteral("examples/a.roiwb"))));
    QVERIFY(touch(root.filePath(QStringLiteral("examples/notes.txt"))));
    QVERIFY(root.mkpath(QStringLiteral("examples/sub.roiwb"))); // a directory, not a workbook

    qputenv(roi::kDataDirEnvVar, QFile::encodeName(data.path()));
    QCOMPARE(canonical(roi::examplesDirectory()),
             canonical(root.filePath(QStringLiteral("examples"))));
    const QStringList files = roi::exampleFiles();
    QCOMPARE(files.size(), 2);
    QCOMPARE(QFileInfo(files.at(0)).fileName(), QStringLiteral("a.roiwb"));
    QCOMPARE(QFileInfo(files.at(1)).fileName(), QStringLiteral("b.roiwb"));
    QVERIFY(QFileInfo(files.at(0)).isAbsolute());
}

void TestResourceLocator::overrideWithoutExamplesFindsNothing()
{
    QTemporaryDir data;
    QVERIFY(data.isValid());
    qputenv(roi::kDataDirEnvVar, QFile::encodeName(data.path()));
    QCOMPARE(roi::examplesSearchPath(QCoreApplication::applicationDirPath()).size(), 1);
    QVERIFY(roi::examplesDirectory().isEmpty());
    QVERIFY(roi::exampleFiles().isEmpty());
}

void TestResourceLocator::installedTree()
{
    QTemporaryDir prefix;
    QVERIFY(prefix.isValid());
    QDir root(prefix.path());
    QVERIFY(root.mkpath(QStringLiteral("bin")));
    QVERIFY(root.mkpath(QStringLiteral("share/roi-workbench/examples")));
    QCOMPARE(canonical(roi::examplesDirectory(root.filePath(QStringLiteral("bin")))),
             canonical(root.filePath(QStringLiteral("share/roi-workbench/examples"))));
}

void TestResourceLocator::macBundle()
{
    QTemporaryDir prefix;
    QVERIFY(prefix.isValid());
    QDir root(prefix.path());
    QVERIFY(root.mkpath(QStringLiteral("roi-workbench.app/Contents/MacOS")));
    QVERIFY(root.mkpath(QStringLiteral("roi-workbench.app/Contents/Resources/examples")));
    QCOMPARE(
        canonical(roi::examplesDirectory(
            root.filePath(QStringLiteral("roi-workbench.app/Contents/MacOS")))),
        canonical(root.filePath(QStringLiteral("roi-workbench.app/Contents/Resources/examples"))));
}

void TestResourceLocator::buildTreeReadsSourceExamples()
{
    // This test runs from the build tree, where nothing is installed beside it.
    QVERIFY(!sourceExamples().isEmpty());
    QCOMPARE(canonical(roi::examplesDirectory()), sourceExamples());
    QStringList names;
    const QStringList files = roi::exampleFiles();
    for (const QString &file : files)
        names.append(QFileInfo(file).fileName());
    QVERIFY2(names.contains(QStringLiteral("support-assistant.roiwb")),
             qPrintable(names.join(u',')));
    QVERIFY2(names.contains(QStringLiteral("portfolio.roiwb")), qPrintable(names.join(u',')));
}

void TestResourceLocator::outsideBuildTreeNeverReadsSource()
{
    QTemporaryDir prefix;
    QVERIFY(prefix.isValid());
    QDir root(prefix.path());
    QVERIFY(root.mkpath(QStringLiteral("bin")));
    const QStringList dirs = roi::examplesSearchPath(root.filePath(QStringLiteral("bin")));
    for (const QString &dir : dirs)
        QVERIFY2(canonical(dir) != sourceExamples(), qPrintable(dir));
    QVERIFY(canonical(roi::examplesDirectory(root.filePath(QStringLiteral("bin"))))
            != sourceExamples());
}

void TestResourceLocator::priceBookBesideTheExamples()
{
    // From the build tree: the source tree's resources/pricebook.json.
    QCOMPARE(canonical(roi::defaultPriceBookFile()),
             canonical(QStringLiteral(ROI_SOURCE_DIR "/resources/pricebook.json")));
    // Installed: share/roi-workbench/pricebook.json; nothing when it is not there.
    QTemporaryDir prefix;
    QVERIFY(prefix.isValid());
    QDir root(prefix.path());
    QVERIFY(root.mkpath(QStringLiteral("bin")));
    QVERIFY(root.mkpath(QStringLiteral("share/roi-workbench")));
    const QString bin = root.filePath(QStringLiteral("bin"));
    const QString installed = root.filePath(QStringLiteral("share/roi-workbench/pricebook.json"));
    const QString found = roi::defaultPriceBookFile(bin);
    QVERIFY2(canonical(found)
                 != canonical(QStringLiteral(ROI_SOURCE_DIR "/resources/pricebook.json")),
             qPrintable(found));
    QVERIFY(touch(installed));
    QCOMPARE(canonical(roi::defaultPriceBookFile(bin)), canonical(installed));
    // The override is the only place looked at.
    qputenv(roi::kDataDirEnvVar, prefix.path().toLocal8Bit());
    QVERIFY(roi::defaultPriceBookFile(bin).isEmpty());
}

QTEST_GUILESS_MAIN(TestResourceLocator)
#include "tst_resourcelocator.moc"
