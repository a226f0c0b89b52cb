#include "resourcelocator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace roi {

namespace {

QString cleanAbsolute(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

#if defined(ROI_BUILD_DIR) && defined(ROI_SOURCE_RESOURCES_DIR)
/// True when `dir` is `root` or lies below it (both compared as canonical paths).
bool isInside(const QString &dir, const QString &root)
{
    const QString d = QFileInfo(dir).canonicalFilePath();
    const QString r = QFileInfo(root).canonicalFilePath();
    if (d.isEmpty() || r.isEmpty())
        return false;
    return d == r || d.startsWith(r + QLatin1Char('/'));
}
#endif

/// Calls `visit` with `relative` under each candidate data directory, in search order, until it
/// returns true. Lazy, so that an installed executable that finds its data never even looks at
/// the build tree.
template<typename Visit>
bool forEachCandidate(const QString &applicationDir, const QString &relative, Visit visit)
{
    const QString override = qEnvironmentVariable(kDataDirEnvVar);
    if (!override.isEmpty())
        return visit(cleanAbsolute(override + QLatin1Char('/') + relative));

    const QDir app(applicationDir);
    if (visit(cleanAbsolute(app.filePath(QStringLiteral("../share/roi-workbench/") + relative)))
        || visit(cleanAbsolute(app.filePath(QStringLiteral("../Resources/") + relative))))
        return true;
#if defined(ROI_BUILD_DIR) && defined(ROI_SOURCE_RESOURCES_DIR)
    // The source tree is only a fallback for executables run from the build tree: an installed
    // binary must never pick up files from the machine it was built on.
    if (isInside(applicationDir, QStringLiteral(ROI_BUILD_DIR))
        && visit(cleanAbsolute(QStringLiteral(ROI_SOURCE_RESOURCES_DIR "/") + relative)))
        return true;
#endif
    const QStringList dataDirs =
        QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation);
    for (const QString &dataDir : dataDirs) {
        if (visit(cleanAbsolute(dataDir + QStringLiteral("/roi-workbench/") + relative)))
            return true;
    }
    return false;
}

const QString kExamples = QStringLiteral("examples");

} // namespace

QStringList examplesSearchPath(const QString &applicationDir)
{
    QStringList dirs;
    forEachCandidate(applicationDir, kExamples, [&dirs](const QString &dir) {
        if (!dirs.contains(dir))
            dirs.append(dir);
        return false;
    });
    return dirs;
}

QString examplesDirectory(const QString &applicationDir)
{
    QString found;
    forEachCandidate(applicationDir, kExamples, [&found](const QString &dir) {
        if (!QFileInfo(dir).isDir())
            return false;
        found = dir;
        return true;
    });
    return found;
}

QString examplesDirectory()
{
    return examplesDirectory(QCoreApplication::applicationDirPath());
}

QStringList exampleFiles()
{
    const QString dir = examplesDirectory();
    if (dir.isEmpty())
        return {};
    const QDir examples(dir);
    const QStringList names =
        examples.entryList({QStringLiteral("*.roiwb")}, QDir::Files | QDir::Readable, QDir::Name);
    QStringList files;
    files.reserve(names.size());
    for (const QString &name : names)
        files.append(examples.filePath(name));
    return files;
}

QString defaultPriceBookFile(const QString &applicationDir)
{
    QString found;
    forEachCandidate(applicationDir, QStringLiteral("pricebook.json"),
                     [&found](const QString &file) {
                         if (!QFileInfo(file).isFile())
                             return false;
                         found = file;
                         return true;
                     });
    return found;
}

QString defaultPriceBookFile()
{
    return defaultPriceBookFile(QCoreApplication::applicationDirPath());
}

QString templatesDirectory(const QString &applicationDir)
{
    QString found;
    forEachCandidate(applicationDir, QStringLiteral("templates"), [&found](const QString &dir) {
        if (!QFileInfo(dir).isDir())
            return false;
        found = dir;
        return true;
    });
    return found;
}

QStringList templateFiles()
{
    const QString dir = templatesDirectory(QCoreApplication::applicationDirPath());
    if (dir.isEmpty())
        return {};
    const QDir templates(dir);
    QStringList files;
    const QStringList names =
        templates.entryList({QStringLiteral("*.roiwb")}, QDir::Files | QDir::Readable, QDir::Name);
    for (const QString &name : names)
        files.append(templates.filePath(name));
    return files;
}

} // namespace roi
