// Writes recovery snapshots off the UI thread: the UI thread serialises (fast), a worker thread
// writes atomically. Snapshots carry a sequence number so an older one never overwrites a newer.
#pragma once

#include <QByteArray>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>

namespace roi {

class Autosaver : public QObject
{
    Q_OBJECT

public:
    explicit Autosaver(QObject *parent = nullptr);
    ~Autosaver() override;

    /// Queues a snapshot for `path` (and its sidecar `info` JSON) to be written in the background.
    void post(const QString &path, const QByteArray &workbook, const QByteArray &info);
    /// Writes a snapshot now on the calling thread.
    bool writeNow(const QString &path, const QByteArray &workbook, const QByteArray &info,
                  QString *error);
    /// Waits until every posted snapshot is written.
    void waitForIdle();

Q_SIGNALS:
    void written(bool ok, const QString &error);

private:
    Q_INVOKABLE void writeQueued(const QString &path, const QByteArray &workbook,
                                 const QByteArray &info, quint64 sequence);
    bool write(const QString &path, const QByteArray &workbook, const QByteArray &info,
               quint64 sequence, QString *error);

    QThread m_thread;
    QObject *m_worker;
    QMutex m_mutex;
    quint64 m_nextSequence = 1;
    quint64 m_lastWritten = 0;
    int m_pending = 0;
};

} // namespace roi
