#include "autosaver.h"

#include "filebytes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <QSaveFile>

namespace roi {

namespace {

bool writePrivate(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    // Recovery files hold the client's numbers: readable by the user only.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(bytes) != bytes.size()) {
        *error = file.errorString();
        file.cancelWriting();
        return false;
    }
    // commitSaveFile, not commit(): Qt 6.4 reports success when only the final flush fails,
    // which on a full disk would replace a good snapshot with a truncated one.
    return commitSaveFile(file, error);
}

} // namespace

Autosaver::Autosaver(QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
{
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("autosave"));
    m_thread.start(QThread::LowPriority);
}

Autosaver::~Autosaver()
{
    waitForIdle();
    m_thread.quit();
    m_thread.wait();
}

void Autosaver::post(const QString &path, const QByteArray &workbook, const QByteArray &info)
{
    quint64 sequence;
    {
        QMutexLocker lock(&m_mutex);
        sequence = m_nextSequence++;
        ++m_pending;
    }
    QMetaObject::invokeMethod(m_worker, [this, path, workbook, info, sequence] {
        writeQueued(path, workbook, info, sequence);
    });
}

void Autosaver::writeQueued(const QString &path, const QByteArray &workbook, const QByteArray &info,
                            quint64 sequence)
{
    QString error;
    const bool ok = write(path, workbook, info, sequence, &error);
    {
        QMutexLocker lock(&m_mutex);
        --m_pending;
    }
    Q_EMIT written(ok, error);
}

bool Autosaver::writeNow(const QString &path, const QByteArray &workbook, const QByteArray &info,
                         QString *error)
{
    quint64 sequence;
    {
        QMutexLocker lock(&m_mutex);
        sequence = m_nextSequence++;
    }
    return write(path, workbook, info, sequence, error);
}

bool Autosaver::write(const QString &path, const QByteArray &workbook, const QByteArray &info,
                      quint64 sequence, QString *error)
{
    QMutexLocker lock(&m_mutex);
    if (sequence < m_lastWritten)
        return true; // a newer snapshot is already on disk
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile::setPermissions(QFileInfo(path).absolutePath(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (!writePrivate(path, workbook, error))
        return false;
    const QString infoPath =
        path.left(path.lastIndexOf(QLatin1Char('.'))) + QStringLiteral(".info");
    if (!writePrivate(infoPath, info, error))
        return false;
    m_lastWritten = sequence;
    return true;
}

void Autosaver::waitForIdle()
{
    for (;;) {
        {
            QMutexLocker lock(&m_mutex);
            if (m_pending == 0)
                return;
        }
        QThread::msleep(2);
    }
}

} // namespace roi
