#include "recovery.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QStandardPaths>

#include <algorithm>

namespace roi {

QString defaultRecoveryDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/recovery");
}

QString recoverySibling(const QString &recoveryFile, const QString &suffix)
{
    const int dot = recoveryFile.lastIndexOf(QLatin1Char('.'));
    return (dot < 0 ? recoveryFile : recoveryFile.left(dot)) + suffix;
}

QList<RecoveryCandidate> findRecoverable(const QString &directory)
{
    QList<RecoveryCandidate> out;
    const QDir dir(directory);
    const auto files = dir.entryInfoList({QStringLiteral("*.roiwb")}, QDir::Files);
    for (const QFileInfo &file : files) {
        const QString path = file.absoluteFilePath();
        // A live session holds the lock; a stale lock (its process died) can be taken.
        QLockFile lock(recoverySibling(path, QStringLiteral(".lock")));
        if (!lock.tryLock(0))
            continue;
        lock.unlock();
        RecoveryCandidate c;
        c.recoveryFile = path;
        c.savedAt = file.lastModified();
        QFile info(recoverySibling(path, QStringLiteral(".info")));
        if (info.open(QIODevice::ReadOnly)) {
            const QJsonObject o = QJsonDocument::fromJson(info.readAll()).object();
            c.originalPath = o.value(QStringLiteral("originalPath")).toString();
            c.workbookName = o.value(QStringLiteral("name")).toString();
        }
        out << c;
    }
    std::sort(out.begin(), out.end(), [](const RecoveryCandidate &a, const RecoveryCandidate &b) {
        return a.savedAt > b.savedAt;
    });
    return out;
}

void removeRecoveryFiles(const QString &recoveryFile)
{
    QFile::remove(recoveryFile);
    QFile::remove(recoverySibling(recoveryFile, QStringLiteral(".info")));
    QFile::remove(recoverySibling(recoveryFile, QStringLiteral(".lock")));
}

} // namespace roi
