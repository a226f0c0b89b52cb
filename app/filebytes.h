// Reading and atomically writing whole files, with size caps and clear error messages.
#pragma once

#include <QByteArray>
#include <QSaveFile>
#include <QString>

#include <optional>

namespace roi {

/// Reads at most `maxBytes`; nullopt with a message in `error` on failure or when larger.
std::optional<QByteArray> readFileBytes(const QString &path, qint64 maxBytes, QString *error);

/// Writes through a temporary file and an atomic rename (QSaveFile). With `backup`, a previous
/// file is first copied to "<path>~" (Tiled and Qt Creator keep one the same way).
bool writeFileAtomically(const QString &path, const QByteArray &bytes, bool backup, QString *error);

/// QSaveFile::commit() that also fails when the final flush fails (Qt 6.4 commits a truncated
/// file then); cancels the write and says why. Use it for every QSaveFile.
bool commitSaveFile(QSaveFile &file, QString *error);

/// Fault injection for the fault tests (tests/faults): makes writeFileAtomically fail the way a
/// full disk or a failed rename does, to check that nothing is lost. Application code never
/// sets it; the default injects nothing.
struct WriteFaults
{
    qint64 failAfterBytes = -1; // fail once this many bytes reached the temporary file; -1: never
    bool failCommit = false;    // fail the final rename
};
void setWriteFaultsForTesting(const WriteFaults &faults);

} // namespace roi
