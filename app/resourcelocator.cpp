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

#if defined(ROI_BUILD_DIR) && defined(ROI_SOURCE_EXAMPLES_DIR)
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

} // namespace

QStringList examplesSearchPath(const QString &applicationDir)
{
    const QString override = qEnvironmentVariable(kDataDirEnvVar);
    if (!override.isEmpty())
        return {cleanAbsolute(override + QStringLiteral("/examples"))};

    const QDir app(applicationDir);
    QStringList dirs{
        cleanAbsolute(app.filePath(QStringLiteral("../share/roi-workbench/examples"))),
        cleanAbsolute(app.filePath(QStringLiteral("../Resources/examples"))),
    };
#if defined(ROI_BUILD_DIR) && defined(ROI_SOURCE_EXAMPLES_DIR)
    // The source tree is only a fallback for executables run from the build tree: an installed
    // binary must never pick up files from the machine it was built on.
    if (isInside(applicationDir, QStringLiteral(ROI_BUILD_DIR)))
        dirs.append(cleanAbsolute(QStringLiteral(ROI_SOURCE_EXAMPLES_DIR)));
#endif
    const QStringList dataDirs =
        QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation);
    for (const QString &dataDir : dataDirs)
        dirs.append(cleanAbsolute(dataDir + QStringLiteral("/roi-workbench/examples")));
    dirs.removeDuplicates();
    return dirs;
}

QString examplesDirectory(const QString &applicationDir)
{
    const QStringList dirs = examplesSearchPath(applicationDir);
    for (const QString &dir : dirs) {
        if (QFileInfo(dir).isDir())
            return dir;
    }
    return {};
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

} // namespace roi
