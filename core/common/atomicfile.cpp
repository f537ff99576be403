#include "core/common/atomicfile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStorageInfo>

#include "core/common/error.h"

namespace unclouded {

namespace {

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

// fsync on a path: a file's data, or a folder's entries (so a rename survives a crash).
int syncPath(const QString& path, int flags)
{
    const int fd = ::open(QFile::encodeName(path).constData(), flags | O_CLOEXEC);
    if (fd < 0)
        return errno;
    const int rc = ::fsync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return rc;
}

// The file a write to path lands in: a symbolic link's target (as cp, GDAL and editors write through a
// link), so the rename replaces the target and the link stays a link.
QString throughLinks(const QString& path)
{
    const QFileInfo fi(path);
    if (!fi.isSymLink())
        return path;
    const QString target = fi.canonicalFilePath(); // empty when the link dangles: its first target then
    return target.isEmpty() ? fi.symLinkTarget() : target;
}

} // namespace

QString atomicTempPath(const QString& path, const QString& tag)
{
    const QFileInfo fi(throughLinks(path));
    const QString suffix = fi.suffix().isEmpty() ? QString() : QLatin1Char('.') + fi.suffix();
    return fi.absoluteDir().filePath(QStringLiteral(".%1.%2-%3%4")
                                         .arg(fi.fileName(), tag)
                                         .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'))
                                         .arg(suffix));
}

QString withoutTemporaryNames(const QString& text)
{
    // "/.NAME.TAG-8 hex digits" and the suffix of NAME repeated: atomicTempPath's names are absolute,
    // so one starts after a '/' (or is a bare file name at the start). NAME may hold spaces and quotes.
    static const QRegularExpression temp(
        QStringLiteral("(^|/)\\.([^/\\n]+?)\\.[a-z]+-[0-9a-f]{8}(\\.[A-Za-z0-9]+)?"));
    QString out = text;
    QRegularExpressionMatch m;
    qsizetype from = 0;
    while ((m = temp.match(out, from)).hasMatch()) {
        const QString name = m.captured(2);
        // The suffix after the tag is NAME's own (atomicTempPath keeps it for the writers): dropped.
        const bool ownSuffix = m.captured(3).isEmpty() || name.endsWith(m.captured(3));
        const QString replacement = m.captured(1) + name + (ownSuffix ? QString() : m.captured(3));
        out.replace(m.capturedStart(), m.capturedLength(), replacement);
        from = m.capturedStart() + replacement.size();
    }
    return out;
}

int removeStaleTemporaries(const QString& path, int olderThanSeconds)
{
    const QFileInfo fi(throughLinks(path));
    const QString suffix = fi.suffix().isEmpty() ? QString() : QLatin1Char('.') + fi.suffix();
    // GDAL's own files beside a temporary too: a COG's overviews in the making, PAM sidecars.
    const QRegularExpression own(
        QStringLiteral("^\\.%1\\.[a-z]+-[0-9a-f]{8}%2(\\.ovr\\.tmp|\\.ovr|\\.aux\\.xml)?$")
            .arg(QRegularExpression::escape(fi.fileName()), QRegularExpression::escape(suffix)));
    int removed = 0;
    const QDir dir = fi.absoluteDir();
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-olderThanSeconds);
    for (const QString& name : dir.entryList(QDir::Files | QDir::Hidden | QDir::System)) {
        const QString file = dir.filePath(name);
        if (!own.match(name).hasMatch()
            || (olderThanSeconds > 0 && QFileInfo(file).lastModified().toUTC() >= before))
            continue;
        // A writer alive holds a TemporaryLock on its temporary, however long it has been idle.
        const int fd = ::open(QFile::encodeName(file).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        const bool inUse = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
        ::close(fd);
        if (!inUse && QFile::remove(file))
            ++removed;
    }
    return removed;
}

TemporaryLock::TemporaryLock(const QString& path)
    : m_fd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC))
{
    if (m_fd >= 0 && ::flock(m_fd, LOCK_SH | LOCK_NB) != 0) {
        ::close(m_fd); // no lock to be had: nothing gained by keeping the file open
        m_fd = -1;
    }
}

TemporaryLock::~TemporaryLock()
{
    if (m_fd >= 0)
        ::close(m_fd); // releases the lock
}

TemporaryFileGuard::~TemporaryFileGuard()
{
    for (const char* extra : { "", ".aux.xml", "-journal", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(extra));
}

QString specialFileProblem(const QString& path)
{
    struct stat st;
    if (path.isEmpty() || ::stat(QFile::encodeName(path).constData(), &st) != 0)
        return {}; // nothing there yet (or unreadable: the write reports it)
    if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
        return {}; // a directory: the callers' own checks name it
    return QStringLiteral("%1 is a device or a pipe, not a file: choose a file to write to").arg(path);
}

QString outputPathProblem(const QString& path)
{
    if (path.endsWith(QLatin1Char('/')) || QFileInfo(path).isDir())
        return QStringLiteral("%1 is a folder; give a file name").arg(path);
    if (const QString why = specialFileProblem(path); !why.isEmpty())
        return why;
    const QFileInfo dir(QFileInfo(path).absolutePath());
    if (!dir.isDir() || !dir.isWritable())
        return QStringLiteral("the folder %1 %2")
            .arg(dir.filePath(),
                dir.isDir() ? QStringLiteral("is not writable") : QStringLiteral("does not exist"));
    return {};
}

bool otherKindAt(const QString& path, OutputKind kind)
{
    const QFileInfo fi(path);
    if (path.isEmpty() || !fi.isFile() || fi.size() == 0)
        return false;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = f.read(72);
    switch (kind) {
    case OutputKind::Checkpoint:
        return !head.startsWith("PK\x03\x04");
    case OutputKind::Json: {
        const QByteArray text = (head.startsWith("\xEF\xBB\xBF") ? head.mid(3) : head).trimmed(); // a BOM
        return !text.startsWith('{') && !text.startsWith('[');
    }
    case OutputKind::GeoPackage: {
        // SQLite with application_id "GPKG" (1.2+) or "GP10"/"GP11" at byte 68; any other SQLite file
        // is somebody's database.
        const QByteArray id = head.mid(68, 4);
        return !head.startsWith(QByteArrayLiteral("SQLite format 3\0"))
            || (id != "GPKG" && id != "GP10" && id != "GP11");
    }
    case OutputKind::Tiff: // "II*\0" / "MM\0*", BigTIFF "II+\0" / "MM\0+"
        return !head.startsWith(QByteArrayLiteral("II*\0")) && !head.startsWith(QByteArrayLiteral("MM\0*"))
            && !head.startsWith(QByteArrayLiteral("II+\0")) && !head.startsWith(QByteArrayLiteral("MM\0+"));
    }
    return false;
}

QString unreadableSpecialFile(const QString& path)
{
    struct stat st;
    if (path.isEmpty() || path.startsWith(QLatin1String("/vsi"))
        || ::stat(QFile::encodeName(path).constData(), &st) != 0)
        return {}; // remote, or not there: the open says so
    if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
        return {};
    return QStringLiteral("it is a pipe, a socket or a device, not a file");
}

void refuseSpecialFile(const QString& path)
{
    if (const QString why = specialFileProblem(path); !why.isEmpty())
        throw Error(QStringLiteral("Cannot write: %1").arg(why));
}

void replaceFileAtomically(const QString& tempPath, const QString& path)
{
    if (const QString why = specialFileProblem(path); !why.isEmpty()) {
        QFile::remove(tempPath);
        throw Error(QStringLiteral("Cannot write: %1").arg(why));
    }
    int err = syncPath(tempPath, O_RDONLY);
    QString target = throughLinks(path);
    // The file replaced keeps its permissions and group (as QSaveFile does): a private result made
    // world-readable, or a shared one no longer group-writable, by being written again. Best effort.
    if (struct stat old; ::stat(QFile::encodeName(target).constData(), &old) == 0 && S_ISREG(old.st_mode)) {
        const QByteArray temp = QFile::encodeName(tempPath);
        [[maybe_unused]] const int ownership = ::chown(temp.constData(), static_cast<uid_t>(-1), old.st_gid);
        ::chmod(temp.constData(), old.st_mode & 0777); // no set-id bits (as QSaveFile)
    }
    // rename() replaces path in one step: a reader sees the old file or the new one, never neither.
    if (err == 0
        && std::rename(QFile::encodeName(tempPath).constData(), QFile::encodeName(target).constData()) != 0)
        err = errno;
    // A temporary made away from a link's target (another file system): the link itself is replaced.
    if (err == EXDEV && target != path
        && std::rename(QFile::encodeName(tempPath).constData(), QFile::encodeName(path).constData()) == 0) {
        err = 0;
        target = path;
    }
    if (err != 0) {
        QFile::remove(tempPath);
        throw Error(QStringLiteral("Cannot write %1: %2").arg(path, errnoText(err)));
    }
    syncPath(QFileInfo(target).absolutePath(), O_RDONLY | O_DIRECTORY); // best effort: the data is in place
}

void syncFile(const QString& path)
{
    if (const int err = syncPath(path, O_RDONLY); err != 0)
        throw Error(QStringLiteral("Cannot write %1: %2").arg(path, errnoText(err)));
}

namespace {

// Qt's words for a failed write, with the disk's state when it is full (as GDAL's writes say it):
// Qt says "No space left on device" for a failed write but only "Unknown error" for a failed flush or
// close, so a disk with under 1 MiB left counts as full too.
QString writeFailureReason(const QString& qtSays, const QString& file)
{
    const QStorageInfo disk(QFileInfo(file).absolutePath());
    const bool realDisk = disk.isValid() && disk.bytesTotal() > 0;
    const bool noSpace = qtSays.contains(QLatin1String("No space left"));
    const bool otherCause = disk.isReadOnly() || qtSays.contains(QLatin1String("Read-only file system"))
        || qtSays.contains(QLatin1String("Permission denied"));
    if (!realDisk || otherCause || (!noSpace && disk.bytesAvailable() >= (1 << 20)))
        return qtSays;
    const QString full = QStringLiteral("the disk is full: %1 MiB free on %2")
                             .arg(QString::number(disk.bytesAvailable() >> 20), disk.rootPath());
    return qtSays.isEmpty() || qtSays == QLatin1String("Unknown error")
        ? full
        : QStringLiteral("%1 — %2").arg(qtSays, full);
}

} // namespace

void writeFileAtomically(const QString& path, const QByteArray& data)
{
    AtomicFile f(path);
    if (f.device()->write(data) != data.size())
        throw Error(QStringLiteral("Cannot write %1: %2")
                        .arg(path, writeFailureReason(f.device()->errorString(), f.tempPath())));
    f.commit();
}

void writeFilesAtomically(const QList<QPair<QString, QByteArray>>& files)
{
    for (const auto& f : files) { // what would make a rename fail, before the first one
        refuseSpecialFile(f.first);
        if (QFileInfo(f.first).isDir())
            throw Error(QStringLiteral("Cannot write %1: a folder has that name").arg(f.first));
    }
    std::vector<std::unique_ptr<AtomicFile>> out; // each temporary removed on the way out unless committed
    for (const auto& f : files) {
        out.push_back(std::make_unique<AtomicFile>(f.first));
        if (out.back()->device()->write(f.second) != f.second.size())
            throw Error(
                QStringLiteral("Cannot write %1: %2")
                    .arg(f.first,
                        writeFailureReason(out.back()->device()->errorString(), out.back()->tempPath())));
        out.back()->sync();
    }
    for (auto& f : out)
        f->commit();
}

struct AtomicFile::Impl
{
    QString path;
    QFile file;
    bool done = false;
};

AtomicFile::AtomicFile(const QString& path)
    : d(std::make_unique<Impl>())
{
    d->path = path;
    d->file.setFileName(atomicTempPath(path));
}

AtomicFile::~AtomicFile()
{
    if (!d->done) {
        d->file.close();
        QFile::remove(d->file.fileName());
    }
}

QIODevice* AtomicFile::device()
{
    if (!d->file.isOpen())
        refuseSpecialFile(d->path); // before any byte is written
    if (!d->file.isOpen() && !d->file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw Error(QStringLiteral("Cannot write %1: %2").arg(d->path, d->file.errorString()));
    return &d->file;
}

QString AtomicFile::tempPath() const
{
    return d->file.fileName();
}

void AtomicFile::sync()
{
    device();
    if (!d->file.flush())
        throw Error(QStringLiteral("Cannot write %1: %2")
                        .arg(d->path, writeFailureReason(d->file.errorString(), d->file.fileName())));
    try {
        syncFile(d->file.fileName()); // a quota or NFS may refuse only here
    } catch (const Error& e) {
        throw Error(withoutTemporaryNames(e.message()));
    }
}

void AtomicFile::commit()
{
    device();
    d->done = true; // from here replaceFileAtomically() owns the temporary
    const bool flushed = d->file.flush();
    const QString why = d->file.errorString();
    d->file.close();
    if (!flushed || d->file.error() != QFileDevice::NoError) {
        const QString reason = writeFailureReason(flushed ? d->file.errorString() : why, d->file.fileName());
        QFile::remove(d->file.fileName());
        throw Error(QStringLiteral("Cannot write %1: %2").arg(d->path, reason));
    }
    replaceFileAtomically(d->file.fileName(), d->path);
}

} // namespace unclouded
