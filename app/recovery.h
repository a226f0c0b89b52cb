// Crash recovery: finding the autosaved snapshots that a dead session left behind.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace roi {

struct RecoveryCandidate
{
    QString recoveryFile; // the snapshot (.roiwb)
    QString originalPath; // the file the work belonged to; empty for an untitled workbook
    QString workbookName;
    QDateTime savedAt;
};

/// Where autosave snapshots go: the per-user data folder's "recovery" subfolder.
QString defaultRecoveryDirectory();

/// Snapshots in `directory` whose session is no longer running, newest first.
QList<RecoveryCandidate> findRecoverable(const QString &directory);

/// Removes a snapshot, its sidecar and its lock.
void removeRecoveryFiles(const QString &recoveryFile);

/// "<dir>/x.roiwb" → "<dir>/x" + suffix.
QString recoverySibling(const QString &recoveryFile, const QString &suffix);

} // namespace roi
