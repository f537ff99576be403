// Fetching a STAC item's bands into a cache folder: whole assets (resumed with HTTP Range after an
// interruption, checked against file:checksum) or only an area of interest (the AOI window of each COG
// read through GDAL's /vsicurl/). Either way the result is a per-band folder with a local item.json
// that Product::open reads, and no file is ever half-written under its final name.
#pragma once

#include <optional>

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/common/progress.h"
#include "core/stac/stac.h"

namespace unclouded::stac {

struct DownloadOptions
{
    QString cacheDir; // items go to cacheDir/<item id>/
    QStringList bands; // B02, blue, SCL ...; empty = every band and the SCL
    std::optional<BBox> aoi; // lon / lat: only this window of each band (GeoTIFF / COG assets)
    // No byte for this long: the connection is given up and resumed (after three in a row that bring
    // nothing, about 4 x this + 7 s, the download fails; its partial stays for the next run).
    int timeoutMs = 60000;
    QByteArray authorization; // an Authorization header value for the assets
    qint64 cacheLimitBytes = 0; // > 0: the oldest other items are evicted after the download to fit
    QStringList keep; // paths in use (open layers): the item folders holding them are never evicted
};

struct DownloadResult
{
    QString folder; // cacheDir/<item id>
    QString itemJson; // folder/item.json: the item with hrefs to the local files
    QStringList files; // the band files, in band order
    qint64 bytesTransferred = 0; // body bytes received over the network (whole-asset downloads)
    int reused = 0; // files already complete in the cache (not fetched again)
    int resumed = 0; // files continued from a .partial with a Range request
    QStringList evicted; // item folders removed to keep the cache under its limit
};

// Downloads (or cuts) the chosen bands of an item. Throws Error naming the URL and the problem (HTTP
// status, a connection that kept breaking: run it again to resume, a checksum mismatch), Cancelled on
// cancel; a .partial file of a whole-asset download is kept for the next run, anything else is removed.
DownloadResult downloadItem(const Item& item, const DownloadOptions& options, const Progress& progress = {});

// One URL to a file: dest's ".NAME.partial" sibling continued with "Range: bytes=N-" when it exists,
// the checksum (a multihash "1220<sha256>", also sha1 / sha512 / md5) checked, then renamed over dest.
// A connection that breaks or goes quiet is resumed from the partial within the call: at once after
// bytes came, else after 1, 2, 4 s (then the error stands). Returns the body bytes transferred.
qint64 downloadFile(const QString& url, const QString& dest, const QByteArray& checksum, qint64 expectedSize,
    int timeoutMs, const QByteArray& authorization, const Progress& progress, bool* resumed = nullptr);

// The partial file downloadFile() keeps for dest.
QString partialPath(const QString& dest);

// Whether a file's content matches a multihash checksum (hex); an unknown hash kind throws Error.
bool checksumMatches(const QString& path, const QByteArray& multihashHex);

// The item folders a download made in cacheDir (they hold item.json; nothing else a user keeps
// there) and their size in bytes, oldest written first.
struct CachedItem
{
    QString path;
    qint64 bytes = 0;
    QDateTime written;
};
QList<CachedItem> cachedItems(const QString& cacheDir);

// Removes the least recently written item folders of cacheDir (never one that is or holds a path in
// keep, one a download writes, nor one an open Product of any process reads) until the folders hold
// at most limitBytes; returns the folders removed.
QStringList evictCache(const QString& cacheDir, qint64 limitBytes, const QStringList& keep = {});

} // namespace unclouded::stac
