#include "filebytes.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace roi {

std::optional<QByteArray> readFileBytes(const QString &path, qint64 maxBytes, QString *error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("%1: no such file").arg(path);
        return std::nullopt;
    }
    if (info.isDir()) {
        *error = QStringLiteral("%1: is a folder, not a file").arg(path);
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    // Read one byte past the cap so a file that grows while we read is still refused.
    QByteArray bytes = file.read(maxBytes + 1);
    if (bytes.size() > maxBytes) {
        *error = QStringLiteral("%1: larger than %2 MiB; not a workbook this version opens")
                     .arg(path)
                     .arg(maxBytes / (1024 * 1024));
        return std::nullopt;
    }
    if (file.error() != QFileDevice::NoError) {
        *error = QStringLiteral("%1: read error: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return bytes;
}

bool writeFileAtomically(const QString &path, const QByteArray &bytes, bool backup, QString *error)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        *error = QStringLiteral("%1: is a folder").arg(path);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.write(bytes) != bytes.size()) {
        *error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    if (backup && info.exists()) {
        const QString backupPath = path + QLatin1Char('~');
        QFile::remove(backupPath);
        if (!QFile::copy(path, backupPath)) {
            *error = QStringLiteral("Cannot keep a backup of %1 as %2").arg(path, backupPath);
            file.cancelWriting();
            return false;
        }
    }
    if (!file.commit()) {
        *error = QStringLiteral("Cannot save %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace roi
