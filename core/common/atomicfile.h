// Files replaced in one step: written under a temporary name in the destination's folder, flushed to
// disk, then rename()d over the old file, which is never removed first.
#pragma once

#include <memory>

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

class QIODevice;

namespace unclouded {

// A hidden name next to path (same folder, hence same file system): ".NAME.TAG-RANDOM.SUFFIX". The
// suffix is kept so GDAL and image writers still see the format.
QString atomicTempPath(const QString& path, const QString& tag = QStringLiteral("partial"));

// text (an error message) with every name atomicTempPath() makes turned back into the file it stands
// for: "/d/.out.tif.partial-1a2b3c4d.tif" reads "/d/out.tif". The user chose that name, not ours.
QString withoutTemporaryNames(const QString& text);

// Removes the temporaries atomicTempPath() made for path (and GDAL's .ovr.tmp / .aux.xml of them)
// that a killed process left behind: never one under a TemporaryLock; with olderThanSeconds 0 every
// other one (only safe where nothing else is writing path), else those not modified for that long
// (writers that take no lock write their temporaries continuously). Returns how many.
int removeStaleTemporaries(const QString& path, int olderThanSeconds = 0);

// fsyncs tempPath and renames it over path. On failure tempPath is removed, the old file at path is
// left as it was, and an Error names path and the reason.
void replaceFileAtomically(const QString& tempPath, const QString& path);

// fsyncs a written file (a full disk over NFS or a quota may only show here); throws Error naming it.
void syncFile(const QString& path);

// Marks a temporary as in use for its lifetime (a shared flock on the file, which a killed process
// loses): removeStaleTemporaries() never removes a locked one, however long its writer has been idle.
class TemporaryLock
{
public:
    explicit TemporaryLock(const QString& path);
    ~TemporaryLock();
    TemporaryLock(const TemporaryLock&) = delete;
    TemporaryLock& operator=(const TemporaryLock&) = delete;

private:
    int m_fd = -1;
};

// Removes a temporary (and GDAL's sidecars of it) when it goes out of scope: on an error path the
// file is not left behind; after replaceFileAtomically() there is nothing left to remove.
struct TemporaryFileGuard
{
    QString path;
    ~TemporaryFileGuard();
};

// Throws Error when path exists and is not a regular file (a device such as /dev/null or /dev/full, a
// pipe, a socket, through links too): a file renamed over it would replace the node itself.
void refuseSpecialFile(const QString& path);
// Empty when path may be written by the functions above, else why not (refuseSpecialFile's reason).
QString specialFileProblem(const QString& path);
// Empty when a file may be written at path before any work is done, else why not: a folder there,
// a device or pipe (specialFileProblem), a parent folder missing or not writable.
QString outputPathProblem(const QString& path);

// Empty when path can be read as a file or folder, else why not ("it is a pipe..."): a pipe (FIFO), a socket
// or a device blocks opening or reading forever, where no signal reaches the work's cancel checks.
QString unreadableSpecialFile(const QString& path);

// The kinds of file the app writes over when asked to (a checkpoint saved again, a log appended to).
enum class OutputKind {
    Checkpoint, // LibTorch's zip archive (checkpoints, optimiser state)
    Json, // a JSON document or JSON lines (sidecars, logs)
    GeoPackage, // an SQLite database with a GeoPackage application_id
    Tiff, // a TIFF or BigTIFF (GeoTIFF, COG), either byte order
};
// Whether path holds a file of another kind, by its first bytes: a GeoTIFF given as a checkpoint or
// notes as a GeoPackage are somebody's data. False for nothing there, an empty file, one of the kind
// or one that cannot be read (the write says why).
bool otherKindAt(const QString& path, OutputKind kind);

// Writes data to path through atomicTempPath() and replaceFileAtomically().
void writeFileAtomically(const QString& path, const QByteArray& data);

// Writes files that belong together (a checkpoint, its optimiser state, its description): every
// temporary is written and flushed to disk before the first rename, so a full disk or a refused
// path leaves all the old files as they were, never some new beside some old.
void writeFilesAtomically(const QList<QPair<QString, QByteArray>>& files);

// A file written through a device (XML, streamed text): the temporary is removed unless commit()
// succeeded, so an exception or a cancel leaves the old file and nothing else.
class AtomicFile
{
public:
    explicit AtomicFile(const QString& path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    QIODevice* device(); // open for writing; throws Error when it cannot be created
    QString tempPath() const;
    // Flushes what was written to the disk without replacing path yet (files that belong together
    // are all synced before the first commit); throws Error naming path, and the temporary goes.
    void sync();
    void commit(); // throws Error; the temporary is gone either way

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace unclouded
