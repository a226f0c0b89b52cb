#include "filebytes.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <cerrno>

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

namespace {

WriteFaults g_faults;

// QSaveFile leaves errorString() at "Unknown error" when a write fails on a full disk; errno
// (cleared before the call) says what happened.
QString describeError(const QFileDevice &file, int savedErrno)
{
    return savedErrno != 0 ? qt_error_string(savedErrno) : file.errorString();
}

} // namespace

// Qt 6.4's QSaveFile::commit() reports success when flushing its write buffer fails, e.g. on a
// full disk, and renames the truncated file over the old one (found by tst_filefaults: a 12 KB
// report into 8 KB of free space replaced the previous report with its first 8 KB). Flush
// first and check, so a failed flush cancels instead.
bool commitSaveFile(QSaveFile &file, QString *error)
{
    errno = 0;
    if (!file.flush() || file.error() != QFileDevice::NoError) {
        *error = describeError(file, errno);
        file.cancelWriting();
        return false;
    }
    errno = 0;
    if (!file.commit()) {
        *error = describeError(file, errno);
        return false;
    }
    return true;
}

namespace {

// Copies through a QSaveFile, so that the previous copy stays until the new one is complete
// (QFile::copy after removing the old backup lost it when the disk was full).
bool copyAtomically(const QString &from, const QString &to, QString *error)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly)) {
        *error = source.errorString();
        return false;
    }
    QSaveFile target(to);
    if (!target.open(QIODevice::WriteOnly)) {
        *error = target.errorString();
        return false;
    }
    while (!source.atEnd()) {
        const QByteArray chunk = source.read(1 << 20);
        errno = 0;
        if (chunk.isEmpty() || target.write(chunk) != chunk.size()) {
            *error = chunk.isEmpty() ? source.errorString() : describeError(target, errno);
            target.cancelWriting();
            return false;
        }
    }
    return commitSaveFile(target, error);
}

} // namespace

void setWriteFaultsForTesting(const WriteFaults &faults)
{
    g_faults = faults;
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
    const qint64 allowed = g_faults.failAfterBytes < 0
                               ? bytes.size()
                               : std::min<qint64>(g_faults.failAfterBytes, bytes.size());
    errno = 0;
    if (file.write(bytes.constData(), allowed) != allowed || allowed < bytes.size()) {
        const QString why = allowed < bytes.size()
                                ? QStringLiteral("No space left on device (injected fault)")
                                : describeError(file, errno);
        *error = QStringLiteral("Cannot write %1: %2").arg(path, why);
        file.cancelWriting();
        return false;
    }
    if (backup && info.exists()) {
        const QString backupPath = path + QLatin1Char('~');
        QString why;
        if (!copyAtomically(path, backupPath, &why)) {
            *error =
                QStringLiteral("Cannot keep a backup of %1 as %2: %3").arg(path, backupPath, why);
            file.cancelWriting();
            return false;
        }
    }
    if (g_faults.failCommit)
        file.cancelWriting(); // commit() then fails as a refused rename would
    QString why;
    if (!commitSaveFile(file, &why)) {
        *error = QStringLiteral("Cannot save %1: %2").arg(path, why);
        return false;
    }
    return true;
}

} // namespace roi
