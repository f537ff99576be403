// The atomic replace: success replaces the old file; a failed write or rename keeps it and leaves
// no temporary behind.
#include <sys/stat.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "core/common/atomicfile.h"
#include "core/common/error.h"

using namespace unclouded;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writePlain(const QString& path, const QByteArray& data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(data), data.size());
}

// Every entry of dir, hidden ones included (temporaries start with a dot).
QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestAtomicFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tempPathIsHiddenBesideTheFile()
    {
        const QString t = atomicTempPath(QStringLiteral("/data/out/result.tif"));
        QCOMPARE(QFileInfo(t).absolutePath(), QStringLiteral("/data/out"));
        QVERIFY(QFileInfo(t).fileName().startsWith(QStringLiteral(".result.tif.partial-")));
        QCOMPARE(QFileInfo(t).suffix(), QStringLiteral("tif"));
        QVERIFY(t != atomicTempPath(QStringLiteral("/data/out/result.tif")));
    }

    void messagesNameTheFileNotItsTemporary()
    {
        const QString t = atomicTempPath(QStringLiteral("/sys/out.tif"));
        QCOMPARE(withoutTemporaryNames(
                     QStringLiteral("Attempt to create new tiff file `%1' failed: Permission denied").arg(t)),
            QStringLiteral("Attempt to create new tiff file `/sys/out.tif' failed: Permission denied"));
        // Any tag, a name without a suffix, several in one message, GDAL's sidecars of one, a bare name.
        const QString cog = atomicTempPath(QStringLiteral("/d/a b.tif"), QStringLiteral("cog"));
        const QString plain = atomicTempPath(QStringLiteral("/d/state"));
        QCOMPARE(withoutTemporaryNames(QStringLiteral("%1: %2 and %3.ovr.tmp").arg(plain, cog, t)),
            QStringLiteral("/d/state: /d/a b.tif and /sys/out.tif.ovr.tmp"));
        QCOMPARE(withoutTemporaryNames(QFileInfo(t).fileName() + QStringLiteral(" is full")),
            QStringLiteral("out.tif is full"));
        // A dot before a space is no temporary's; nor a hidden folder; quotes in a name are kept.
        QCOMPARE(withoutTemporaryNames(QStringLiteral("see .cache and %1").arg(t)),
            QStringLiteral("see .cache and /sys/out.tif"));
        const QString quoted = atomicTempPath(QStringLiteral("/d/farmer's.gpkg"));
        QCOMPARE(withoutTemporaryNames(QStringLiteral("`%1' failed").arg(quoted)),
            QStringLiteral("`/d/farmer's.gpkg' failed"));
        // Other hidden files stay as they are.
        QCOMPARE(withoutTemporaryNames(QStringLiteral("/home/u/.config/x.conf-12345678")),
            QStringLiteral("/home/u/.config/x.conf-12345678"));
    }

    // Files that belong together: all replaced, or (one refused) none, and no temporary left.
    void aSetIsWrittenWholeOrNotAtAll()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a.json")), b = dir.filePath(QStringLiteral("b.csv"));
        writePlain(a, "old a");
        writeFilesAtomically({ { a, "new a" }, { b, "new b" } });
        QCOMPARE(readAll(a), QByteArray("new a"));
        QCOMPARE(readAll(b), QByteArray("new b"));
        const QString taken = dir.filePath(QStringLiteral("c.optim"));
        QVERIFY(QDir().mkpath(taken)); // a name a rename could not take: found before any is replaced
        bool threw = false;
        try {
            writeFilesAtomically({ { a, "newer a" }, { b, "newer b" }, { taken, "c" } });
        } catch (const Error& e) {
            threw = e.message().contains(taken);
        }
        QVERIFY(threw);
        QCOMPARE(readAll(a), QByteArray("new a"));
        QCOMPARE(readAll(b), QByteArray("new b"));
        QCOMPARE(entries(dir.path()),
            (QStringList { QStringLiteral("a.json"), QStringLiteral("b.csv"), QStringLiteral("c.optim") }));
        // A device among them (/dev/null's kind) is refused alike.
        threw = false;
        try {
            writeFilesAtomically({ { a, "newest a" }, { QStringLiteral("/dev/null"), "x" } });
        } catch (const Error&) {
            threw = true;
        }
        QVERIFY(threw);
        QCOMPARE(readAll(a), QByteArray("new a"));
    }

    void successReplacesTheOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.csv"));
        writePlain(path, "old");
        writeFileAtomically(path, "new contents");
        QCOMPARE(readAll(path), QByteArray("new contents"));
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("report.csv") });
        // Its permissions stay: a private report became world-readable by being written again.
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        writeFileAtomically(path, "newer");
        QCOMPARE(QFile::permissions(path) & 0x7077, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QVERIFY(QFile::setPermissions(path,
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                | QFileDevice::WriteGroup | QFileDevice::ReadOther));
        writeFileAtomically(path, "newest");
        QCOMPARE(QFile::permissions(path) & 0x7077,
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                | QFileDevice::WriteGroup | QFileDevice::ReadOther);
        QCOMPARE(readAll(path), QByteArray("newest"));
    }

    void failedRenameKeepsTheOldOne()
    {
        // A non-empty folder cannot be replaced by a file: the rename fails (as root too).
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("out")));
        writePlain(path + QStringLiteral("/old.txt"), "old");
        QVERIFY_THROWS_EXCEPTION(Error, writeFileAtomically(path, "new"));
        QCOMPARE(readAll(path + QStringLiteral("/old.txt")), QByteArray("old"));
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("out") }); // the temporary is gone
    }

    void failedRenameAcrossFileSystemsKeepsTheOldFile()
    {
        // rename() never crosses file systems: an old regular file that must survive the failure.
        QTemporaryDir dir;
        QTemporaryDir other(QStringLiteral("/dev/shm/tst_atomicfile-XXXXXX"));
        struct stat a
        {
        }, b {};
        if (!other.isValid() || ::stat(QFile::encodeName(dir.path()).constData(), &a) != 0
            || ::stat(QFile::encodeName(other.path()).constData(), &b) != 0 || a.st_dev == b.st_dev)
            QSKIP("needs a second file system (/dev/shm)");
        const QString path = dir.filePath(QStringLiteral("export.tif"));
        writePlain(path, "old export");
        const QString temp = other.filePath(QStringLiteral("new.tif"));
        writePlain(temp, "new export");
        try {
            replaceFileAtomically(temp, path);
            QFAIL("the rename across file systems succeeded");
        } catch (const Error& ex) {
            QVERIFY2(ex.message().contains(path), qPrintable(ex.message()));
        }
        QCOMPARE(readAll(path), QByteArray("old export"));
        QVERIFY(!QFileInfo::exists(temp));
    }

    void uncommittedFileLeavesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("MTD.xml"));
        writePlain(path, "old");
        {
            AtomicFile f(path);
            f.device()->write("half written");
            QVERIFY(QFileInfo::exists(f.tempPath()));
        } // an exception or a cancel: destroyed without commit()
        QCOMPARE(readAll(path), QByteArray("old"));
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("MTD.xml") });
        AtomicFile f(path);
        f.device()->write("complete");
        f.commit();
        QCOMPARE(readAll(path), QByteArray("complete"));
    }

    // A pipe (or a device such as /dev/null) at the path is refused, never replaced by a file; a
    // link to a regular file is written as before.
    void specialFilesAreRefusedNotReplaced()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("pipe.csv"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QVERIFY(!specialFileProblem(fifo).isEmpty());
        QVERIFY_THROWS_EXCEPTION(Error, writeFileAtomically(fifo, "x"));
        const QString temp = atomicTempPath(fifo);
        writePlain(temp, "made by a writer");
        QVERIFY_THROWS_EXCEPTION(Error, replaceFileAtomically(temp, fifo));
        struct stat st;
        QCOMPARE(::stat(QFile::encodeName(fifo).constData(), &st), 0);
        QVERIFY(S_ISFIFO(st.st_mode));
        QCOMPARE(
            QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot),
            QStringList { QStringLiteral("pipe.csv") }); // no temporary left
        QVERIFY(!specialFileProblem(QStringLiteral("/dev/null")).isEmpty());
        QVERIFY(specialFileProblem(dir.filePath(QStringLiteral("new.csv"))).isEmpty());
        QVERIFY(specialFileProblem(dir.path()).isEmpty()); // a folder: the callers name it
    }

    void temporaryGuardRemovesOnError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fields.gpkg"));
        try {
            const QString tmp = atomicTempPath(path);
            const TemporaryFileGuard guard { tmp };
            writePlain(tmp, "half");
            writePlain(tmp + QStringLiteral("-journal"), "j");
            throw Error(QStringLiteral("disk full"));
        } catch (const Error&) {
        }
        QCOMPARE(entries(dir.path()), QStringList());
        {
            const QString tmp = atomicTempPath(path);
            const TemporaryFileGuard guard { tmp };
            writePlain(tmp, "whole");
            replaceFileAtomically(tmp, path);
        }
        QCOMPARE(readAll(path), QByteArray("whole"));
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("fields.gpkg") });
    }

    // A link is written through, as cp and GDAL do: the target gets the new contents, the link stays a
    // link (it used to be replaced by a file, the target left stale). A dangling link makes its target.
    void linksAreWrittenThrough()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("data")));
        const QString target = dir.filePath(QStringLiteral("data/export.tif")),
                      link = dir.filePath(QStringLiteral("export.tif"));
        writePlain(target, "old");
        QVERIFY(QFile::link(target, link));
        writeFileAtomically(link, "new");
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(readAll(target), QByteArray("new"));
        QCOMPARE(entries(dir.path()), (QStringList { QStringLiteral("data"), QStringLiteral("export.tif") }));
        QCOMPARE(entries(dir.filePath(QStringLiteral("data"))), QStringList { QStringLiteral("export.tif") });
        const QString dangling = dir.filePath(QStringLiteral("later.csv"));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("data/later.csv")), dangling));
        writeFileAtomically(dangling, "made");
        QVERIFY(QFileInfo(dangling).isSymLink());
        QCOMPARE(readAll(dir.filePath(QStringLiteral("data/later.csv"))), QByteArray("made"));
    }

    // A killed writer's temporaries: all of them for a caller that owns the path, or only those
    // untouched for a while for anyone (a live writer's stay).
    void staleTemporariesByAge()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tile.tif"));
        const QString old = atomicTempPath(path), fresh = atomicTempPath(path, QStringLiteral("cog")),
                      other = atomicTempPath(dir.filePath(QStringLiteral("other.tif")));
        for (const QString& t : { old, fresh, other })
            writePlain(t, "x");
        QFile f(old);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(
            f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-7200), QFileDevice::FileModificationTime));
        f.close();
        const QString overviews = old + QStringLiteral(".ovr.tmp"); // GDAL's, of a killed COG copy
        writePlain(overviews, "x");
        QFile o(overviews);
        QVERIFY(o.open(QIODevice::ReadWrite));
        QVERIFY(
            o.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-7200), QFileDevice::FileModificationTime));
        o.close();
        QCOMPARE(removeStaleTemporaries(path, 3600), 2);
        QVERIFY(!QFileInfo::exists(old) && !QFileInfo::exists(overviews));
        QVERIFY(QFileInfo::exists(fresh) && QFileInfo::exists(other));
        {
            // A live writer idle for hours (a long set-up, a stopped process) keeps its temporary.
            const TemporaryLock lock(fresh);
            QCOMPARE(removeStaleTemporaries(path), 0);
            QVERIFY(QFileInfo::exists(fresh));
        }
        QCOMPARE(removeStaleTemporaries(path), 1);
        QVERIFY(!QFileInfo::exists(fresh) && QFileInfo::exists(other));
    }

    void missingFolderIsAnError()
    {
        QTemporaryDir dir;
        QVERIFY_THROWS_EXCEPTION(
            Error, writeFileAtomically(dir.filePath(QStringLiteral("no/such/file.json")), "x"));
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomicfile.moc"
