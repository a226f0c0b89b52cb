// No data loss at the file layer: every failed save (a parent that is a file, a target that is a
// folder, a full file system, a write or rename that fails) reports the error and leaves the
// previous file, and its backup, as they were; the backup "<path>~" follows each save. The same
// through the command line's `report -o`. Permission bits do not stop root (CI), so the tests
// use failures root cannot bypass: a file system that is full, and injected faults.
#include "commandline.h"
#include "filebytes.h"

#include "workbookfile.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <sstream>
#include <string>

#include <linux/capability.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace roi;

namespace {

const QString kExample =
    QStringLiteral(ROI_SOURCE_DIR "/resources/examples/support-assistant.roiwb");

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void put(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

/// The names in a folder, temporary files of QSaveFile included.
QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

struct Cli
{
    int code = -1;
    QString out;
    QString err;
};

Cli runCli(const std::vector<std::string> &args)
{
    std::ostringstream out;
    std::ostringstream err;
    Cli r;
    r.code = runCommandLine(args, out, err);
    r.out = QString::fromStdString(out.str());
    r.err = QString::fromStdString(err.str());
    return r;
}

std::vector<std::string> report(const QString &output, const char *format = "json")
{
    return {"report", kExample.toStdString(), "--format", format, "-o", output.toStdString()};
}

/// Resets the injected faults when a test ends, whatever way it ends.
struct FaultGuard
{
    explicit FaultGuard(const WriteFaults &faults) { setWriteFaultsForTesting(faults); }
    ~FaultGuard() { setWriteFaultsForTesting({}); }
};

// A private mount namespace, entered before main() while the process has one thread (unshare
// refuses a user namespace to a threaded process, and Qt starts threads). As a plain user, a
// user namespace in which we are root grants the tmpfs mount; as root, a mount namespace alone.
struct PrivateMounts
{
    bool ok = false;
    uid_t realUid = geteuid(); // before the user namespace maps us to root
    PrivateMounts()
    {
        const uid_t uid = realUid;
        const gid_t gid = getegid();
        ok = unshare(uid == 0 ? CLONE_NEWNS : CLONE_NEWNS | CLONE_NEWUSER) == 0;
        if (ok && uid != 0) {
            auto put = [](const char *file, const std::string &text) {
                FILE *f = std::fopen(file, "w");
                const bool written =
                    f && std::fwrite(text.data(), 1, text.size(), f) == text.size();
                return (f && std::fclose(f) == 0) && written;
            };
            ok = put("/proc/self/setgroups", "deny")
                 && put("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1")
                 && put("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1");
        }
    }
};
const PrivateMounts s_namespace;

} // namespace

class TestFileFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void saveAndBackup();
    void parentIsAFile();
    void targetIsAFolder();
    void readOnlyFolder();
    void injectedWriteFailure_data();
    void injectedWriteFailure();
    void injectedRenameFailure();
    void fullFileSystem();
    void fullDiskInsideTheWriteBuffer();
    void reportOutputFailures_data();
    void reportOutputFailures();
    void reportNeverOverwritesItsWorkbook();
    void readRefusesWhatItCannotUse();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
    QString m_path;
    // A tmpfs of 64 KiB in a private mount namespace (gone with the process), when permitted.
    QString m_full;
    QString m_mountError;
};

void TestFileFaults::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // unshare() first, while the process has one thread: mounts made afterwards are private
    // to this process and disappear with it, even if the test crashes.
    const QByteArray point = QFile::encodeName(m_dir.filePath(QStringLiteral("small")));
    QDir().mkpath(m_dir.filePath(QStringLiteral("small")));
    const bool ok = s_namespace.ok;
    if (ok && mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0
        && mount("tmpfs", point.constData(), "tmpfs", 0, "size=64k") == 0)
        m_full = QString::fromLocal8Bit(point);
    else
        m_mountError = QString::fromLocal8Bit(strerror(errno));
}

void TestFileFaults::init()
{
    setWriteFaultsForTesting({});
    m_path = m_dir.filePath(
        QStringLiteral("case-%1.roiwb").arg(QLatin1String(QTest::currentTestFunction())));
    QFile::remove(m_path);
    QFile::remove(m_path + u'~');
}

void TestFileFaults::saveAndBackup()
{
    QString error;
    QVERIFY(writeFileAtomically(m_path, "one", true, &error));
    QCOMPARE(contents(m_path), QByteArray("one"));
    QVERIFY(!QFile::exists(m_path + u'~')); // nothing to back up the first time
    QVERIFY(writeFileAtomically(m_path, "two", true, &error));
    QCOMPARE(contents(m_path), QByteArray("two"));
    QCOMPARE(contents(m_path + u'~'), QByteArray("one"));
    QVERIFY(writeFileAtomically(m_path, "three", true, &error));
    QCOMPARE(contents(m_path + u'~'), QByteArray("two"));
    QVERIFY(writeFileAtomically(m_path, "four", false, &error));
    QCOMPARE(contents(m_path + u'~'), QByteArray("two")); // without backup, the old one stays
    // Nothing else: no temporary file left behind.
    const QString name = QFileInfo(m_path).fileName();
    QCOMPARE(entries(m_dir.path()).filter(name), QStringList({name, name + u'~'}));
}

void TestFileFaults::parentIsAFile()
{
    const QString parent = m_dir.filePath(QStringLiteral("regular-file"));
    put(parent, "I am a file");
    QString error;
    QVERIFY(!writeFileAtomically(parent + QStringLiteral("/out.roiwb"), "x", true, &error));
    QVERIFY2(error.contains(QStringLiteral("out.roiwb")), qPrintable(error));
    QCOMPARE(contents(parent), QByteArray("I am a file"));
}

void TestFileFaults::targetIsAFolder()
{
    const QString folder = m_dir.filePath(QStringLiteral("a-folder"));
    QVERIFY(QDir().mkpath(folder));
    put(folder + QStringLiteral("/inside"), "kept");
    QString error;
    QVERIFY(!writeFileAtomically(folder, "x", true, &error));
    QVERIFY2(error.contains(QStringLiteral("folder")), qPrintable(error));
    QVERIFY(QFileInfo(folder).isDir());
    QCOMPARE(contents(folder + QStringLiteral("/inside")), QByteArray("kept"));
    QVERIFY(!QFile::exists(folder + u'~'));
}

void TestFileFaults::readOnlyFolder()
{
    const QString folder = m_dir.filePath(QStringLiteral("read-only"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/file.roiwb");
    put(path, "old");
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup
                                      | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    bool saved = true;
    QString error;
    {
        // Permission bits do not stop root (CI runs as root) nor our root in the user
        // namespace the tmpfs needs: try the save in a child without those powers, as user
        // "nobody" or with every capability dropped, through a tree it may traverse but not
        // write.
        QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                                | QFile::ReadOther | QFile::ExeOther);
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            if (s_namespace.realUid == 0) {
                if (setgid(65534) != 0 || setuid(65534) != 0)
                    _exit(3);
            } else {
                __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
                __user_cap_data_struct none[2] = {};
                if (syscall(SYS_capset, &header, none) != 0)
                    _exit(3);
            }
            QString childError;
            const bool ok = writeFileAtomically(path, "new", true, &childError);
            _exit(ok ? 1 : (childError.isEmpty() ? 2 : 0));
        }
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0); // refused, with an error message
        saved = false;
        error = QStringLiteral("refused in the child");
    }
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QVERIFY(!saved);
    QVERIFY(!error.isEmpty());
    QCOMPARE(contents(path), QByteArray("old"));
    QVERIFY(!QFile::exists(path + u'~'));
}

void TestFileFaults::injectedWriteFailure_data()
{
    QTest::addColumn<qint64>("after");
    QTest::newRow("no byte written") << qint64(0);
    QTest::newRow("one byte") << qint64(1);
    QTest::newRow("4 KiB") << qint64(4096);
    QTest::newRow("all but the last byte") << qint64(99'999);
}

void TestFileFaults::injectedWriteFailure()
{
    QFETCH(qint64, after);
    QString error;
    QVERIFY(writeFileAtomically(m_path, "first", true, &error));
    QVERIFY(writeFileAtomically(m_path, "second", true, &error));
    const QStringList before = entries(m_dir.path());
    {
        FaultGuard guard({after, false});
        QVERIFY(!writeFileAtomically(m_path, QByteArray(100'000, 'x'), true, &error));
    }
    QVERIFY2(error.contains(QStringLiteral("No space left")), qPrintable(error));
    QCOMPARE(contents(m_path), QByteArray("second"));
    QCOMPARE(contents(m_path + u'~'), QByteArray("first"));
    QCOMPARE(entries(m_dir.path()), before); // no temporary file left behind
}

void TestFileFaults::injectedRenameFailure()
{
    QString error;
    QVERIFY(writeFileAtomically(m_path, "first", true, &error));
    QVERIFY(writeFileAtomically(m_path, "second", true, &error));
    const QStringList before = entries(m_dir.path());
    {
        FaultGuard guard({-1, true});
        QVERIFY(!writeFileAtomically(m_path, "third", true, &error));
    }
    QVERIFY(error.startsWith(QStringLiteral("Cannot save")));
    QCOMPARE(contents(m_path), QByteArray("second"));
    // The backup was refreshed from the file that is still there: it holds "second".
    QCOMPARE(contents(m_path + u'~'), QByteArray("second"));
    QCOMPARE(entries(m_dir.path()), before);
}

void TestFileFaults::fullFileSystem()
{
    QVERIFY2(!m_full.isEmpty(),
             qPrintable(QStringLiteral("cannot mount the 64 KiB tmpfs: ") + m_mountError));
    const QString path = m_full + QStringLiteral("/book.roiwb");
    QString error;
    const QByteArray first(20'000, 'a');
    const QByteArray second(20'000, 'b');
    QVERIFY(writeFileAtomically(path, first, true, &error));
    QVERIFY2(writeFileAtomically(path, second, true, &error), qPrintable(error));
    QCOMPARE(contents(path + u'~'), first);
    const QStringList before = entries(m_full);

    // Larger than what is left: the write fails, the file and its backup stay.
    QVERIFY(!writeFileAtomically(path, QByteArray(200'000, 'c'), true, &error));
    QVERIFY2(error.contains(QStringLiteral("No space left on device")), qPrintable(error));
    qInfo("full disk reported as: %s", qPrintable(error));
    QCOMPARE(contents(path), second);
    QCOMPARE(contents(path + u'~'), first);
    QCOMPARE(entries(m_full), before);

    // Room for the new file but not for the new backup as well: the backup fails, and the
    // previous backup is not lost on the way.
    // (Above the 16 KiB write buffer, so the new file takes its room before the backup does.)
    QVERIFY(!writeFileAtomically(path, QByteArray(17'000, 'd'), true, &error));
    QVERIFY2(error.contains(QStringLiteral("backup")), qPrintable(error));
    QCOMPARE(contents(path), second);
    QCOMPARE(contents(path + u'~'), first);
    QCOMPARE(entries(m_full), before);

    // The command line says so with its file-error exit code (8 KiB left for a larger report).
    put(m_full + QStringLiteral("/filler"), QByteArray(16'384, 'f'));
    QVERIFY(runCli(report(m_dir.filePath(QStringLiteral("sized.json")))).code == ExitOk);
    QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("sized.json"))).size() > 8192);
    const Cli cli = runCli(report(path));
    QCOMPARE(cli.code, int(ExitIo));
    QVERIFY2(cli.err.contains(path), qPrintable(cli.err));
    QCOMPARE(contents(path), second);
}

void TestFileFaults::fullDiskInsideTheWriteBuffer()
{
    // Qt 6.4's QSaveFile::commit() succeeded when only its final flush hit the full disk, and
    // left the truncated file in place of the old one: 12 KB fit the 16 KiB write buffer, 8 KiB
    // were free.
    QVERIFY2(!m_full.isEmpty(),
             qPrintable(QStringLiteral("cannot mount the 64 KiB tmpfs: ") + m_mountError));
    for (const QString &name : entries(m_full))
        QFile::remove(m_full + u'/' + name);
    const QString path = m_full + QStringLiteral("/buffered.json");
    const QString filler = m_full + QStringLiteral("/filler");
    QString error;
    QVERIFY(writeFileAtomically(path, QByteArray(4000, 'o'), false, &error)); // 1 page of 16
    put(filler, QByteArray(13 * 4096, 'f'));                                  // 2 pages left
    QVERIFY(!writeFileAtomically(path, QByteArray(12'000, 'n'), false, &error));
    QVERIFY2(error.contains(QStringLiteral("No space left on device")), qPrintable(error));
    QCOMPARE(contents(path), QByteArray(4000, 'o'));
    // The same through commitSaveFile, for code that drives its own QSaveFile (autosave).
    QSaveFile direct(path);
    QVERIFY(direct.open(QIODevice::WriteOnly));
    QCOMPARE(direct.write(QByteArray(12'000, 'n')), qint64(12'000)); // buffered: no error yet
    QVERIFY(!commitSaveFile(direct, &error));
    QVERIFY2(error.contains(QStringLiteral("No space left on device")), qPrintable(error));
    QCOMPARE(contents(path), QByteArray(4000, 'o'));
    QFile::remove(filler);
    QFile::remove(path);
}

void TestFileFaults::reportOutputFailures_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("parent is a file") << QStringLiteral("parent");
    QTest::newRow("output is a folder") << QStringLiteral("folder");
    QTest::newRow("write fails") << QStringLiteral("write");
    QTest::newRow("rename fails") << QStringLiteral("rename");
}

void TestFileFaults::reportOutputFailures()
{
    QFETCH(QString, kind);
    const QString out = m_dir.filePath(QStringLiteral("report-%1.json").arg(kind));
    // A first report succeeds and is what a failed second one must leave behind.
    const Cli first = runCli(report(out));
    QCOMPARE(first.code, int(ExitOk));
    const QByteArray good = contents(out);
    QVERIFY(good.contains("\"tco\""));

    QString target = out;
    WriteFaults faults;
    if (kind == u"parent") {
        target = out + QStringLiteral("/inside.json");
    } else if (kind == u"folder") {
        target = m_dir.filePath(QStringLiteral("report-folder"));
        QVERIFY(QDir().mkpath(target));
    } else if (kind == u"write") {
        faults.failAfterBytes = 10;
    } else {
        faults.failCommit = true;
    }
    Cli second;
    {
        FaultGuard guard(faults);
        second = runCli(report(target, "csv"));
    }
    QCOMPARE(second.code, int(ExitIo));
    QVERIFY2(second.err.contains(target), qPrintable(second.err));
    QVERIFY(second.out.isEmpty());
    QCOMPARE(contents(out), good);
    if (kind == u"folder")
        QVERIFY(QFileInfo(target).isDir());
}

void TestFileFaults::reportNeverOverwritesItsWorkbook()
{
    const QString copy = m_dir.filePath(QStringLiteral("own.roiwb"));
    QFile::remove(copy);
    QVERIFY(QFile::copy(kExample, copy));
    const QByteArray before = contents(copy);
    const QString alias = m_dir.filePath(QStringLiteral("sub/../own.roiwb"));
    QDir().mkpath(m_dir.filePath(QStringLiteral("sub")));
    for (const QString &out : {copy, alias}) {
        const Cli cli =
            runCli({"report", copy.toStdString(), "--format", "json", "-o", out.toStdString()});
        QCOMPARE(cli.code, int(ExitUsage));
        QVERIFY2(cli.err.contains(QStringLiteral("the workbook itself")), qPrintable(cli.err));
        QCOMPARE(contents(copy), before);
    }
}

void TestFileFaults::readRefusesWhatItCannotUse()
{
    QString error;
    QVERIFY(!readFileBytes(m_dir.filePath(QStringLiteral("missing")), 100, &error));
    QVERIFY(error.contains(QStringLiteral("no such file")));
    QVERIFY(!readFileBytes(m_dir.path(), 100, &error));
    QVERIFY(error.contains(QStringLiteral("folder")));
    const QString big = m_dir.filePath(QStringLiteral("big"));
    put(big, QByteArray(101, 'x'));
    QVERIFY(!readFileBytes(big, 100, &error));
    QVERIFY(error.contains(QStringLiteral("larger than")));
    put(big, QByteArray(100, 'x'));
    QCOMPARE(readFileBytes(big, 100, &error).value_or(QByteArray()).size(), 100);
    // An endless device is cut at the cap, not read forever.
    QVERIFY(!readFileBytes(QStringLiteral("/dev/zero"), limits::kMaxFileBytes, &error));
    // The command line maps each to exit code 3 and a message naming the file.
    const Cli cli = runCli({"compute", m_dir.path().toStdString()});
    QCOMPARE(cli.code, int(ExitIo));
    QVERIFY(cli.err.contains(m_dir.path()));
}

void TestFileFaults::cleanupTestCase()
{
    if (!m_full.isEmpty())
        umount2(QFile::encodeName(m_full).constData(), MNT_DETACH);
}

QTEST_GUILESS_MAIN(TestFileFaults)
#include "tst_filefaults.moc"
