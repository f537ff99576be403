// Downloads of STAC items into a cache folder (download.h): whole assets resumed with HTTP Range and
// checked against file:checksum, or the AOI window of each COG read through GDAL's /vsicurl/; both end
// in a per-band folder with a local item.json that Product::open reads.
#include "core/stac/download.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <fcntl.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QUrl>

#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/common/paths.h"
#include "core/common/runtime.h"
#include "core/io/bandfolder_p.h"
#include "core/io/gdal_p.h"
#include "core/io/itemuse_p.h"
#include "core/stac/http_p.h"

namespace unclouded::stac {

QString partialPath(const QString& dest)
{
    const QFileInfo fi(dest);
    return fi.absolutePath() + QStringLiteral("/.") + fi.fileName() + QStringLiteral(".partial");
}

namespace {

// A multihash (https://multiformats.io/multihash/): varint code, varint length, digest.
bool readVarint(const QByteArray& b, int& pos, quint64& v)
{
    v = 0;
    for (int shift = 0; pos < b.size() && shift < 63; shift += 7) {
        const auto c = static_cast<unsigned char>(b[pos++]);
        v |= quint64(c & 0x7f) << shift;
        if (!(c & 0x80))
            return true;
    }
    return false;
}

QString mb(qint64 bytes)
{
    return QString::number(bytes / 1048576.0, 'f', bytes < 10 * 1048576 ? 1 : 0);
}

} // namespace

namespace {

// The hash a multihash names and its digest; throws Error naming `what` when it is none or unknown.
QByteArray parseMultihash(
    const QString& what, const QByteArray& multihashHex, QCryptographicHash::Algorithm& algo)
{
    const QByteArray raw = QByteArray::fromHex(multihashHex);
    int pos = 0;
    quint64 code = 0, len = 0;
    if (raw.size() < 3 || !readVarint(raw, pos, code) || !readVarint(raw, pos, len)
        || quint64(raw.size() - pos) != len)
        throw Error(QStringLiteral("%1: the checksum %2 is no multihash")
                        .arg(what, QString::fromLatin1(multihashHex)));
    switch (code) {
    case 0x11:
        algo = QCryptographicHash::Sha1;
        break;
    case 0x12:
        algo = QCryptographicHash::Sha256;
        break;
    case 0x13:
        algo = QCryptographicHash::Sha512;
        break;
    case 0xd5:
        algo = QCryptographicHash::Md5;
        break;
    default:
        throw Error(
            QStringLiteral("%1: checksum kind 0x%2 is not supported (sha1, sha2-256, sha2-512, md5 are)")
                .arg(what)
                .arg(code, 0, 16));
    }
    return raw.mid(pos);
}

} // namespace

bool checksumMatches(const QString& path, const QByteArray& multihashHex)
{
    QCryptographicHash::Algorithm algo;
    const QByteArray digest = parseMultihash(path, multihashHex, algo);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("Cannot read %1: %2").arg(path, f.errorString()));
    QCryptographicHash h(algo);
    if (!h.addData(&f))
        throw Error(QStringLiteral("Cannot read %1: %2").arg(path, f.errorString()));
    return h.result() == digest;
}

namespace {

// Drops resumed within one download at most (each one brought bytes, or waited before it).
constexpr int kMaxResumes = 20;

// got: the bytes this call wrote, kept when it throws (a partial it restarted may have shrunk).
qint64 downloadOnce(const QString& url, const QString& dest, const QByteArray& checksum, qint64 expectedSize,
    int timeoutMs, const QByteArray& authorization, const Progress& progress, bool* resumed, qint64& got)
{
    const QString part = partialPath(dest);
    const QString name = QFileInfo(dest).fileName();
    qint64 offset = QFileInfo::exists(part) ? QFileInfo(part).size() : 0;
    if (expectedSize > 0 && offset > expectedSize)
        offset = 0; // not this file's beginning
    if (resumed)
        *resumed = offset > 0;
    qint64 received = 0;
    qint64 total = expectedSize;
    bool serverSaid = false; // total from Content-Length / Content-Range, not the catalogue's file:size
    // A partial that already holds every byte: only the checks are left.
    if (!(expectedSize > 0 && offset == expectedSize)) {
        QFile out(part);
        if (!out.open(offset > 0 ? (QIODevice::WriteOnly | QIODevice::Append)
                                 : (QIODevice::WriteOnly | QIODevice::Truncate)))
            throw Error(QStringLiteral("Cannot write %1: %2").arg(part, out.errorString()));
        Http http(timeoutMs, authorization, progress);
        HttpRequest req;
        req.url = QUrl(url);
        if (offset > 0)
            req.headers.append({ "Range", "bytes=" + QByteArray::number(offset) + '-' });
        auto onHeaders = [&](const HttpResponse& r) {
            if (offset > 0 && r.status == 206) {
                static const QRegularExpression cr(QStringLiteral("^bytes (\\d+)-(\\d+)/(\\d+|\\*)"));
                const auto m = cr.match(QString::fromLatin1(r.contentRange));
                if (!m.hasMatch() || m.captured(1).toLongLong() != offset)
                    throw Error(QStringLiteral("%1: asked for the bytes from %2 on, the server sent '%3'")
                                    .arg(redactedUrl(QUrl(url)))
                                    .arg(offset)
                                    .arg(QString::fromLatin1(r.contentRange)));
                if (m.captured(3) != QLatin1String("*")) {
                    total = m.captured(3).toLongLong();
                    serverSaid = true;
                }
            } else {
                // 200: the server ignored the range (or there was none): start over.
                if (offset > 0) {
                    out.resize(0);
                    out.seek(0);
                    offset = 0;
                    if (resumed)
                        *resumed = false;
                }
                if (r.contentLength >= 0) {
                    total = r.contentLength;
                    serverSaid = true;
                }
            }
        };
        auto sink = [&](const QByteArray& chunk) {
            if (out.write(chunk) != chunk.size())
                throw Error(QStringLiteral("Cannot write %1: %2").arg(part, out.errorString()));
            received += chunk.size();
            got = received;
            const qint64 have = offset + received;
            progress.report(total > 0 ? std::min(1.0, have / double(total)) : 0.0,
                total > 0 ? QStringLiteral("%1: %2 of %3 MB").arg(name, mb(have), mb(total))
                          : QStringLiteral("%1: %2 MB").arg(name, mb(have)));
        };
        try {
            http.stream(req, onHeaders, sink);
        } catch (const HttpError& e) {
            out.close();
            // 416 to "bytes=N-" with "bytes */N": the partial already holds the whole file (a run
            // stopped between the last byte and the rename); the checks below decide.
            static const QRegularExpression whole(QStringLiteral("^bytes \\*/(\\d+)$"));
            const auto m = whole.match(QString::fromLatin1(e.contentRange()).trimmed());
            if (e.status() == 416 && offset > 0 && m.hasMatch() && m.captured(1).toLongLong() == offset
                && (expectedSize <= 0 || expectedSize == offset)) {
                total = offset;
            } else {
                // 416: the partial is not a prefix of this file: start over. An empty one (a 404 to the
                // first request) is no point to resume from either.
                if (e.status() == 416 || QFileInfo(part).size() == 0)
                    QFile::remove(part);
                throw;
            }
        } catch (const Cancelled&) {
            out.close();
            throw; // the partial stays for a later run
        } catch (const Error& e) {
            out.close();
            if (QFileInfo(part).size() == 0) { // nothing came: nothing to resume from
                QFile::remove(part);
                throw;
            }
            const QString msg = QStringLiteral("%1 (%2 of %3 bytes kept in %4: run again to resume)")
                                    .arg(e.message())
                                    .arg(offset + received)
                                    .arg(total > 0 ? QString::number(total) : QStringLiteral("?"))
                                    .arg(part);
            if (dynamic_cast<const SlowTransferError*>(&e))
                throw SlowTransferError(msg);
            if (dynamic_cast<const NetworkError*>(&e))
                throw NetworkError(msg); // downloadFile resumes it
            throw Error(msg);
        }
        if (!out.flush())
            throw Error(QStringLiteral("Cannot write %1: %2").arg(part, out.errorString()));
        out.close();
    }
    const qint64 have = QFileInfo(part).size();
    if (total > 0 && have != total) {
        const QString msg = QStringLiteral("%1: %2 of %3 bytes arrived (kept in %4: run again to resume)")
                                .arg(redactedUrl(QUrl(url)))
                                .arg(have)
                                .arg(total)
                                .arg(part);
        // The server's own length: it closed early, resumable like a drop. Only the catalogue's
        // file:size (no length sent): perhaps stale, asking again would not help.
        if (serverSaid)
            throw NetworkError(msg);
        throw Error(msg);
    }
    if (!checksum.isEmpty() && !checksumMatches(part, checksum)) {
        QFile::remove(part);
        throw Error(
            QStringLiteral("%1: the file does not match its checksum %2 (removed; run again to fetch it "
                           "anew)")
                .arg(redactedUrl(QUrl(url)), QString::fromLatin1(checksum)));
    }
    replaceFileAtomically(part, dest);
    return received;
}

} // namespace

qint64 downloadFile(const QString& url, const QString& dest, const QByteArray& checksum, qint64 expectedSize,
    int timeoutMs, const QByteArray& authorization, const Progress& progress, bool* resumed)
{
    if (!checksum.isEmpty()) { // a checksum no file could match: said before any byte comes
        QCryptographicHash::Algorithm algo;
        parseMultihash(url, checksum, algo);
    }
    const QString part = partialPath(dest);
    const QString name = QFileInfo(dest).fileName();
    qint64 earlier = 0; // bytes that came before drops this call resumed
    // busy: transient statuses so far; stalled: drops in a row that brought no byte; drops: all drops.
    bool restarted = false;
    for (int busy = 0, stalled = 0, drops = 0;;) {
        const qint64 before = QFileInfo(part).size();
        qint64 got = 0;
        try {
            return earlier
                + downloadOnce(
                    url, dest, checksum, expectedSize, timeoutMs, authorization, progress, resumed, got);
        } catch (const HttpError& e) {
            // 416 to a resume: the partial was not this file's beginning and is gone; once, from byte 0.
            if (e.status() == 416 && before > 0 && !restarted && !QFileInfo::exists(part)) {
                restarted = true;
                continue;
            }
            if (!e.transient() || busy >= Http::kRetries)
                throw;
            Http::pauseBeforeRetry(e, busy++, progress); // then on from the partial
        } catch (const NetworkError& e) {
            // What wget and curl --retry do: a connection that broke after bytes came is resumed at once
            // from the partial; one that brought nothing waits 1, 2, 4 s, then the error stands (the
            // partial is kept for a later run). The cap stops a server that sends a byte per connection;
            // one that trickles under kMinBytesPerSecond counts as bringing nothing.
            earlier += got;
            // A slow spell after real progress (a long download on a flaky link) is progress.
            const bool slow = dynamic_cast<const SlowTransferError*>(&e)
                && got < qint64(kMinBytesPerSecond) * (timeoutMs > 0 ? timeoutMs : 30000) / 1000;
            stalled = got > 0 && !slow ? 0 : stalled + 1;
            if (stalled > Http::kRetries || ++drops > kMaxResumes)
                throw;
            // The bar stays where the file is (reporting 0 would send it back to the file's start).
            const double at
                = expectedSize > 0 ? std::min(1.0, QFileInfo(part).size() / double(expectedSize)) : 0.0;
            if (got > 0 && !slow)
                progress.report(at, QStringLiteral("%1: the connection broke; resuming").arg(name));
            else
                Http::pause(1 << (stalled - 1),
                    (slow ? QStringLiteral("%1: too slow; trying again in %2 s")
                          : QStringLiteral("%1: no data came; trying again in %2 s"))
                        .arg(name)
                        .arg(1 << (stalled - 1)),
                    progress, at);
        }
    }
}

namespace {

// The files downloadItem() wrote in an item folder: its item.json, the band files it names (plain
// names in the folder, nothing a crafted href could reach outside it), the files with its own names
// (BAND.ext: an earlier download of other bands, which the rewritten item.json no longer lists) and
// their partial downloads and temporaries. A user's own files there (a result saved beside the
// bands, notes) are not among them.
QStringList downloadedFiles(const QString& folder)
{
    const QDir dir(folder);
    QStringList files { dir.filePath(QStringLiteral("item.json")) };
    static const QRegularExpression own(
        QStringLiteral("^\\.?(B0[1-9]|B1[0-2]|B8A|SCL)\\.[a-z0-9]{2,5}(\\.partial.*)?$"));
    for (const QString& name : dir.entryList(QDir::Files | QDir::Hidden))
        if (own.match(name).hasMatch())
            files << dir.filePath(name);
    QFile f(files.first());
    if (!f.open(QIODevice::ReadOnly))
        return files;
    const QJsonObject assets
        = QJsonDocument::fromJson(f.read(16 << 20)).object().value(QStringLiteral("assets")).toObject();
    for (auto it = assets.begin(); it != assets.end(); ++it) {
        const QString href = it->toObject().value(QStringLiteral("href")).toString();
        if (href.isEmpty() || href.contains(QLatin1Char('/')) || href == QLatin1String(".")
            || href == QLatin1String(".."))
            continue;
        files << dir.filePath(href) << partialPath(dir.filePath(href));
    }
    files.removeDuplicates();
    return files;
}

} // namespace

QList<CachedItem> cachedItems(const QString& cacheDir)
{
    QList<CachedItem> items;
    for (const QFileInfo& d : QDir(cacheDir).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        // Only the folders downloadItem() made: never anything else a user keeps there, nor a link
        // (evicting it would empty a folder outside the cache).
        if (d.isSymLink())
            continue;
        const QFileInfo item(d.absoluteFilePath() + QStringLiteral("/item.json"));
        if (!item.exists())
            continue;
        CachedItem e { d.absoluteFilePath(), 0, item.lastModified() };
        for (const QString& f : downloadedFiles(e.path))
            if (const QFileInfo fi(f); fi.isFile() && !fi.isSymLink())
                e.bytes += fi.size();
        items << e;
    }
    std::sort(items.begin(), items.end(),
        [](const CachedItem& a, const CachedItem& b) { return a.written < b.written; });
    return items;
}

namespace {

// The item folder's download lock (FolderLock), taken for the removal: -1 when a download (this
// process's or another's) holds it; else a descriptor to close when done (-2 where there is no lock
// to take). Held until the files are gone, a download that starts meanwhile waits, then finds the
// folder removed and makes it anew, instead of writing into a folder being emptied.
int lockAgainstDownloads(const QString& folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -2;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const bool held = errno == EWOULDBLOCK;
        ::close(fd);
        return held ? -1 : -2; // a file system without flock: as before any lock existed
    }
    return fd;
}

} // namespace

QStringList evictCache(const QString& cacheDir, qint64 limitBytes, const QStringList& keep)
{
    const QList<CachedItem> entries = cachedItems(cacheDir);
    qint64 total = 0;
    for (const CachedItem& e : entries)
        total += e.bytes;
    // An item folder in use: a kept path is the folder or lies inside it (through links too).
    auto kept = [&](const QString& folder) {
        return std::any_of(keep.begin(), keep.end(),
            [&](const QString& k) { return !k.isEmpty() && pathInside(k, folder); });
    };
    QStringList removed;
    for (const CachedItem& e : entries) {
        if (total <= limitBytes)
            break;
        if (kept(e.path))
            continue;
        const int writeLock = lockAgainstDownloads(e.path);
        if (writeLock == -1)
            continue;
        const auto unlock = qScopeGuard([writeLock] {
            if (writeLock >= 0)
                ::close(writeLock);
        });
        // Nor one a product reads (a job's input whose layer was closed, another process's run);
        // held while the files go, so no product opens it half-removed.
        const int readLock = io::lockItemForRemoval(e.path);
        if (readLock == -1)
            continue;
        const auto release = qScopeGuard([readLock] {
            if (readLock >= 0)
                ::close(readLock);
        });
        // The downloaded files only (item.json last: until it goes, the folder is still an item); the
        // folder too when nothing else is in it.
        QStringList files = downloadedFiles(e.path);
        files.append(files.takeFirst());
        bool all = true;
        for (const QString& f : files)
            all &= !QFileInfo::exists(f) || QFile::remove(f);
        if (all) {
            QFile::remove(io::itemLockPath(e.path)); // no longer an item: its lock goes with it
            QDir().rmdir(e.path);
            total -= e.bytes;
            removed << e.path;
        }
    }
    return removed;
}

namespace {

// A folder name from an item id (ids may hold '/' or ':').
QString safeName(const QString& id)
{
    QString s = id;
    static const QRegularExpression bad(QStringLiteral("[^A-Za-z0-9._-]"));
    s.replace(bad, QStringLiteral("_"));
    if (s.isEmpty() || s.startsWith(QLatin1Char('.')))
        s.prepend(QLatin1Char('_'));
    // Ids that differ only in what was replaced (a:b, a_b) get folders of their own, and a name stays
    // under the file systems' 255 bytes with room for an AOI's suffix.
    if (s != id || s.size() > 200)
        s = s.left(180) + QLatin1Char('~')
            + QString::fromLatin1(
                QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
    return s;
}

// Why mkpath failed, for the message.
QString whyNotCreated(const QString& folder)
{
    QFileInfo up(folder);
    while (!up.exists() && up.absolutePath() != up.absoluteFilePath())
        up = QFileInfo(up.absolutePath());
    if (up.exists() && !up.isDir())
        return QStringLiteral("%1 is a file, not a folder").arg(up.absoluteFilePath());
    if (up.exists() && !up.isWritable())
        return QStringLiteral("%1 is not writable (choose another folder with --out)")
            .arg(up.absoluteFilePath());
    return QStringLiteral("the file system refused it");
}

// An AOI download has a folder of its own (ITEM_aoi-HASH): a whole download of the same item, or
// another AOI of it, must neither reuse its windows nor overwrite them.
QString aoiSuffix(const BBox& aoi)
{
    const QByteArray key = QStringLiteral("%1,%2,%3,%4")
                               .arg(aoi.west, 0, 'f', 6)
                               .arg(aoi.south, 0, 'f', 6)
                               .arg(aoi.east, 0, 'f', 6)
                               .arg(aoi.north, 0, 'f', 6)
                               .toLatin1();
    return QStringLiteral("_aoi-")
        + QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(8));
}

// One download at a time in an item folder: two processes on one folder wrote into the same
// .partial file. An flock on the folder itself (released when the process ends, however it ends);
// the second waits for the first, then finds its files complete.
class FolderLock
{
public:
    FolderLock(const QString& folder, const Progress& progress)
    {
        const QByteArray path = QFile::encodeName(folder);
        bool said = false;
        for (int attempt = 0; attempt < 5; ++attempt) {
            m_fd = ::open(path.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (m_fd < 0 && errno == ENOENT && QDir().mkpath(folder)) // an eviction removed it just now
                continue;
            if (m_fd < 0)
                return; // no lock where the folder cannot be opened so (it was just made): run unlocked
            while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
                if (errno != EWOULDBLOCK) // a file system without flock: unlocked rather than never
                    return;
                if (!said) {
                    progress.report(0, QStringLiteral("waiting for another download into %1").arg(folder));
                    said = true;
                }
                progress.throwIfCancelled();
                ::usleep(200 * 1000);
            }
            // The download waited for may have failed and removed the (empty) folder: lock it anew.
            struct stat held
            {
            }, now {};
            if (::fstat(m_fd, &held) == 0 && ::stat(path.constData(), &now) == 0 && held.st_ino == now.st_ino
                && held.st_dev == now.st_dev)
                return;
            ::close(m_fd);
            m_fd = -1;
            QDir().mkpath(folder);
        }
    }
    ~FolderLock()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

private:
    int m_fd = -1;
};

QString extensionOf(const Asset& a)
{
    const QString path = QUrl(a.href).path();
    QString ext = QFileInfo(path).suffix().toLower();
    if (ext.isEmpty())
        ext = a.type.contains(QLatin1String("jp2"), Qt::CaseInsensitive) ? QStringLiteral("jp2")
                                                                         : QStringLiteral("tif");
    return ext;
}

// Sets a GDAL option for this thread while alive (the map's tile threads keep theirs).
class ThreadOption
{
public:
    ThreadOption(const char* key, const QByteArray& value)
        : m_key(key)
    {
        const char* old = CPLGetThreadLocalConfigOption(key, nullptr);
        if (old) {
            m_had = true;
            m_old = old;
        }
        CPLSetThreadLocalConfigOption(key, value.isEmpty() ? nullptr : value.constData());
    }
    ~ThreadOption() { CPLSetThreadLocalConfigOption(m_key, m_had ? m_old.constData() : nullptr); }
    ThreadOption(const ThreadOption&) = delete;
    ThreadOption& operator=(const ThreadOption&) = delete;

private:
    const char* m_key;
    bool m_had = false;
    QByteArray m_old;
};

struct Cut
{
    io::DatasetPtr ds;
    double gt[6] {};
};

int gdalProgress(double fraction, const char*, void* data)
{
    const auto* p = static_cast<const std::pair<const Progress*, QString>*>(data);
    p->first->report(fraction, p->second);
    return p->first->isCancelled() ? FALSE : TRUE;
}

// The AOI window of each asset, aligned to the coarsest pixel so every band covers the same ground
// (Product wants each band a whole factor of the finest on one extent), then written as a tiled
// GeoTIFF through a temporary name.
void cutAoi(const QList<Asset>& assets, const QStringList& dests, const BBox& aoi, const QString& itemId,
    const Progress& progress)
{
    io::QuietGdalErrors quiet;
    std::vector<Cut> cuts;
    for (const Asset& a : assets) {
        progress.throwIfCancelled();
        const QString path = io::resolveAssetHref(QString(), a.href);
        // /vsicurl/ keeps "no such file" for a URL for the process' life: one 401 or time-out (an Open
        // without the login, a busy bucket) failed every later cut of it until the app restarted.
        if (path.startsWith(QLatin1String("/vsicurl")))
            VSICurlPartialClearCache(path.toUtf8().constData());
        Cut c;
        c.ds = io::openRaster(path);
        if (c.ds->GetGeoTransform(c.gt) != CE_None || c.gt[2] != 0 || c.gt[4] != 0)
            throw Error(
                QStringLiteral("%1 (asset %2 of %3) has no north-up geotransform: an AOI cannot be cut")
                    .arg(redactedUrl(QUrl(a.href)), a.key, itemId));
        cuts.push_back(std::move(c));
    }
    const OGRSpatialReference* srs = cuts.front().ds->GetSpatialRef();
    if (!srs)
        throw Error(QStringLiteral("%1 has no CRS: an AOI cannot be cut")
                        .arg(redactedUrl(QUrl(assets.front().href))));
    OGRSpatialReference wgs84, target(*srs);
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs84, &target));
    if (!ct)
        throw Error(QStringLiteral("Cannot transform lon / lat to the CRS of %1")
                        .arg(redactedUrl(QUrl(assets.front().href))));
    // The box's edges, densified: a UTM image of a lon / lat box is no box.
    std::vector<double> xs, ys;
    const int n = 32;
    for (int i = 0; i <= n; ++i) {
        const double t = i / double(n);
        const double lon = aoi.west + t * (aoi.east - aoi.west),
                     lat = aoi.south + t * (aoi.north - aoi.south);
        xs.insert(xs.end(), { lon, lon, aoi.west, aoi.east });
        ys.insert(ys.end(), { aoi.south, aoi.north, lat, lat });
    }
    if (!ct->Transform(static_cast<int>(xs.size()), xs.data(), ys.data()))
        throw Error(QStringLiteral("Cannot transform the AOI to the CRS of %1")
                        .arg(redactedUrl(QUrl(assets.front().href))));
    const double minX = *std::min_element(xs.begin(), xs.end()),
                 maxX = *std::max_element(xs.begin(), xs.end());
    const double minY = *std::min_element(ys.begin(), ys.end()),
                 maxY = *std::max_element(ys.begin(), ys.end());

    // The coarsest grid, and the extent every band shares.
    const Cut* coarse = &cuts.front();
    for (const Cut& c : cuts)
        if (c.gt[1] > coarse->gt[1])
            coarse = &c;
    const double g = coarse->gt[1], gy = -coarse->gt[5];
    const double ox = coarse->gt[0], oy = coarse->gt[3];
    const double extX = ox + coarse->ds->GetRasterXSize() * g, extY = oy - coarse->ds->GetRasterYSize() * gy;
    double x0 = ox + std::floor((minX - ox) / g) * g, x1 = ox + std::ceil((maxX - ox) / g) * g;
    double yTop = oy - std::floor((oy - maxY) / gy) * gy, yBottom = oy - std::ceil((oy - minY) / gy) * gy;
    x0 = std::max(x0, ox), x1 = std::min(x1, extX), yTop = std::min(yTop, oy),
    yBottom = std::max(yBottom, extY);
    if (x1 <= x0 || yTop <= yBottom)
        throw Error(QStringLiteral("The AOI %1,%2,%3,%4 does not overlap item %5")
                        .arg(aoi.west)
                        .arg(aoi.south)
                        .arg(aoi.east)
                        .arg(aoi.north)
                        .arg(itemId));

    for (size_t i = 0; i < cuts.size(); ++i) {
        const Cut& c = cuts[i];
        const double px = c.gt[1], py = -c.gt[5];
        const long xoff = std::lround((x0 - c.gt[0]) / px), yoff = std::lround((c.gt[3] - yTop) / py);
        const long xsize = std::lround((x1 - x0) / px), ysize = std::lround((yTop - yBottom) / py);
        const QStringList args { QStringLiteral("-of"), QStringLiteral("GTiff"), QStringLiteral("-srcwin"),
            QString::number(xoff), QString::number(yoff), QString::number(xsize), QString::number(ysize),
            QStringLiteral("-co"), QStringLiteral("TILED=YES"), QStringLiteral("-co"),
            QStringLiteral("COMPRESS=DEFLATE") }; // no predictor: Sentinel-2 COGs hold NBITS=15 samples
        std::vector<QByteArray> bytes;
        std::vector<char*> argv;
        for (const QString& a : args)
            bytes.push_back(a.toUtf8());
        for (QByteArray& b : bytes)
            argv.push_back(b.data());
        argv.push_back(nullptr);
        std::unique_ptr<GDALTranslateOptions, void (*)(GDALTranslateOptions*)> opt(
            GDALTranslateOptionsNew(argv.data(), nullptr), GDALTranslateOptionsFree);
        const Progress sub = progress.sub(i / double(cuts.size()), (i + 1) / double(cuts.size()));
        const std::pair<const Progress*, QString> data { &sub,
            QStringLiteral("%1: AOI of %2").arg(itemId, QFileInfo(dests[i]).fileName()) };
        GDALTranslateOptionsSetProgress(
            opt.get(), gdalProgress, const_cast<std::pair<const Progress*, QString>*>(&data));
        const QString tmp = atomicTempPath(dests[i]);
        int usageError = 0;
        GDALDatasetH out = GDALTranslate(
            tmp.toUtf8().constData(), GDALDataset::ToHandle(c.ds.get()), opt.get(), &usageError);
        bool ok = out != nullptr;
        if (out) {
            CPLErrorReset();
            GDALClose(out); // flushes: a failed write shows up here (GDAL 3.6's GDALClose returns nothing)
            ok = CPLGetLastErrorType() < CE_Failure;
        }
        if (!ok || progress.isCancelled()) {
            QFile::remove(tmp);
            progress.throwIfCancelled();
            throw Error(
                QStringLiteral("Cannot cut the AOI of %1 (asset %2 of %3): %4")
                    .arg(redactedUrl(QUrl(assets[i].href)), assets[i].key, itemId, io::lastGdalError()));
        }
        replaceFileAtomically(tmp, dests[i]);
    }
}

} // namespace

DownloadResult downloadItem(const Item& item, const DownloadOptions& o, const Progress& progress)
{
    initializeRuntime();
    if (o.cacheDir.isEmpty())
        throw Error(QStringLiteral("No download folder given"));
    // A typo ("SLC") was dropped and the rest downloaded without it; names of no band at all gave
    // every band of the tile.
    if (const QStringList unknown = unknownBandNames(o.bands); !unknown.isEmpty())
        throw Error(QStringLiteral("%1 names no Sentinel-2 band (B01-B12, B8A, SCL, or blue, red, nir08 ...)")
                        .arg(unknown.join(QStringLiteral(", "))));
    const QList<Asset> assets = item.bandAssets(o.bands);
    if (assets.isEmpty()) {
        QStringList keys;
        for (const Asset& a : item.assets)
            keys << a.key;
        throw Error(QStringLiteral("Item %1 has no %2 among its assets (%3)")
                        .arg(item.id,
                            o.bands.isEmpty() ? QStringLiteral("band files") : o.bands.join(QLatin1Char(',')),
                            keys.join(QStringLiteral(", "))));
    }
    if (!o.bands.isEmpty()) {
        QStringList missing;
        for (const QString& b : o.bands)
            if (item.bandAssets({ b }).isEmpty())
                missing << b;
        if (!missing.isEmpty())
            throw Error(QStringLiteral("Item %1 has no asset for %2")
                            .arg(item.id, missing.join(QStringLiteral(", "))));
    }
    if (o.aoi && !o.aoi->isValid())
        throw Error(QStringLiteral("The AOI is not a valid lon / lat box (west,south,east,north)"));

    DownloadResult r;
    r.folder = QDir(o.cacheDir).absoluteFilePath(safeName(item.id) + (o.aoi ? aoiSuffix(*o.aoi) : QString()));
    if (!QDir().mkpath(r.folder))
        throw Error(QStringLiteral("Cannot create %1: %2").arg(r.folder, whyNotCreated(r.folder)));
    const FolderLock lock(r.folder, progress);
    // A first download that fails leaves no empty folder behind (rmdir removes only an empty one).
    auto emptyFolder = qScopeGuard([&] {
        if (r.itemJson.isEmpty())
            QDir().rmdir(r.folder);
    });
    QStringList dests;
    for (const Asset& a : assets)
        dests << r.folder + QLatin1Char('/') + a.band + QLatin1Char('.')
                + (o.aoi ? QStringLiteral("tif") : extensionOf(a));

    // The login goes only to the item's own site: a CDSE token sent to an Earth Search bucket is refused
    // there (S3: HTTP 400) and given away.
    const QUrl home(item.home);
    const auto loginFor
        = [&](const Asset& a) { return loginMayReach(home, QUrl(a.href)) ? o.authorization : QByteArray(); };
    if (o.aoi) {
        const bool login = std::all_of(
            assets.begin(), assets.end(), [&](const Asset& a) { return !loginFor(a).isEmpty(); });
        const ThreadOption timeout("GDAL_HTTP_TIMEOUT", QByteArray::number(std::max(1, o.timeoutMs / 1000)));
        const ThreadOption headers(
            "GDAL_HTTP_HEADERS", login ? "Authorization: " + o.authorization : QByteArray());
        const ThreadOption readdir("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
        // A 429 / 5xx or a time-out asked again (GDAL's default is to fail at once), as whole downloads do.
        const ThreadOption retries("GDAL_HTTP_MAX_RETRY", "3");
        const ThreadOption delay("GDAL_HTTP_RETRY_DELAY", "2");
        // The windows are of use only with the item.json a whole cut ends with, and a later run cuts
        // them all again: a failed or cancelled first cut leaves none behind.
        const bool earlier = QFileInfo::exists(r.folder + QStringLiteral("/item.json"));
        try {
            cutAoi(assets, dests, *o.aoi, item.id, progress.sub(0, 0.98));
        } catch (...) {
            if (!earlier)
                for (const QString& d : dests)
                    QFile::remove(d);
            throw;
        }
    } else {
        // A folder an earlier version filled with an AOI's windows (same name as the whole item's):
        // its files are no tile, never reused as one.
        bool holdsAoi = false;
        if (QFile prior(r.folder + QStringLiteral("/item.json")); prior.open(QIODevice::ReadOnly))
            holdsAoi = QJsonDocument::fromJson(prior.read(16 << 20))
                           .object()
                           .value(QStringLiteral("properties"))
                           .toObject()
                           .contains(QStringLiteral("unclouded:aoi"));
        for (int i = 0; i < assets.size(); ++i) {
            const Asset& a = assets[i];
            const Progress sub = progress.sub(i / double(assets.size()), (i + 1) / double(assets.size()));
            const QFileInfo have(dests[i]);
            if (!holdsAoi && have.exists() && (a.size < 0 || have.size() == a.size)
                && (a.checksum.isEmpty() || checksumMatches(dests[i], a.checksum))) {
                ++r.reused;
                continue;
            }
            if (a.href.isEmpty())
                throw Error(
                    QStringLiteral("Asset %1 of %2 has no link (href) to download").arg(a.key, item.id));
            const QUrl url(a.href);
            if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
                throw Error(
                    QStringLiteral("%1 (asset %2 of %3): only http(s) assets can be downloaded; open the "
                                   "item to read it in place")
                        .arg(redactedUrl(QUrl(a.href)), a.key, item.id));
            bool resumed = false;
            r.bytesTransferred += downloadFile(
                a.href, dests[i], a.checksum, a.size, o.timeoutMs, loginFor(a), sub, &resumed);
            r.resumed += resumed ? 1 : 0;
        }
    }
    r.files = dests;

    // The item as the catalogue gave it, its band assets pointing at the local files (and nothing else
    // that a reader would fetch from the network).
    QJsonObject json = item.json;
    QJsonObject localAssets;
    const QJsonObject original = item.json.value(QStringLiteral("assets")).toObject();
    for (int i = 0; i < assets.size(); ++i) {
        QJsonObject a = original.value(assets[i].key).toObject();
        a[QStringLiteral("href")] = QFileInfo(dests[i]).fileName();
        a[QStringLiteral("unclouded:source")] = assets[i].href;
        if (o.aoi) { // a window has neither the source's size, checksum nor grid
            for (const char* k :
                { "file:checksum", "file:size", "proj:shape", "proj:transform", "proj:bbox" })
                a.remove(QLatin1String(k));
            a[QStringLiteral("type")] = QStringLiteral("image/tiff; application=geotiff");
        }
        localAssets[assets[i].key] = a;
    }
    json[QStringLiteral("assets")] = localAssets;
    QJsonArray links;
    for (const QJsonValue& l : item.json.value(QStringLiteral("links")).toArray())
        if (l.toObject().value(QStringLiteral("rel")).toString() == QLatin1String("self")) {
            QJsonObject via = l.toObject();
            via[QStringLiteral("rel")] = QStringLiteral("via");
            links.append(via);
        }
    json[QStringLiteral("links")] = links;
    if (o.aoi) {
        QJsonObject props = json.value(QStringLiteral("properties")).toObject();
        props[QStringLiteral("unclouded:aoi")]
            = QJsonArray { o.aoi->west, o.aoi->south, o.aoi->east, o.aoi->north };
        // The whole tile's grid and footprint would place the window wrongly in other STAC tools:
        // the files carry the window's grid; the footprint becomes the AOI's part of the item's box.
        for (const char* k :
            { "proj:shape", "proj:transform", "proj:bbox", "proj:geometry", "proj:centroid" })
            props.remove(QLatin1String(k));
        json[QStringLiteral("properties")] = props;
        BBox b = *o.aoi;
        if (item.bbox.isValid()) {
            const BBox within { std::max(b.west, item.bbox.west), std::max(b.south, item.bbox.south),
                std::min(b.east, item.bbox.east), std::min(b.north, item.bbox.north) };
            if (within.isValid()) // else the cut lay in the tile's corner the item's box leaves out
                b = within;
        }
        json[QStringLiteral("bbox")] = QJsonArray { b.west, b.south, b.east, b.north };
        json[QStringLiteral("geometry")]
            = QJsonObject { { QStringLiteral("type"), QStringLiteral("Polygon") },
                  { QStringLiteral("coordinates"),
                      QJsonArray { QJsonArray { QJsonArray { b.west, b.south },
                          QJsonArray { b.east, b.south }, QJsonArray { b.east, b.north },
                          QJsonArray { b.west, b.north }, QJsonArray { b.west, b.south } } } } };
    }
    r.itemJson = r.folder + QStringLiteral("/item.json");
    writeFileAtomically(r.itemJson, QJsonDocument(json).toJson(QJsonDocument::Indented));
    if (o.cacheLimitBytes > 0)
        r.evicted = evictCache(o.cacheDir, o.cacheLimitBytes, o.keep + QStringList { r.folder });
    progress.report(1.0, QStringLiteral("%1: %2 files").arg(item.id).arg(r.files.size()));
    return r;
}

} // namespace unclouded::stac
