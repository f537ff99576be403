#include "core/io/rasterwriter.h"

#include <algorithm>
#include <cmath>
#include <cpl_string.h>
#include <memory>
#include <vector>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "core/common/atomicfile.h"
#include "core/common/runtime.h"
#include "core/io/gdal_p.h"

namespace unclouded {

namespace {

void removeDataset(const QString& path)
{
    if (path.isEmpty() || !QFileInfo::exists(path))
        return;
    io::QuietGdalErrors quiet;
    QFile::remove(path);
    QFile::remove(path + QStringLiteral(".ovr"));
    QFile::remove(path + QStringLiteral(".aux.xml"));
}

struct CplOptions
{
    char** list = nullptr;
    ~CplOptions() { CSLDestroy(list); }
    void set(const char* key, const QString& value)
    {
        list = CSLSetNameValue(list, key, value.toUtf8().constData());
    }
};

int gdalProgress(double fraction, const char*, void* arg)
{
    const auto* p = static_cast<const Progress*>(arg);
    p->report(fraction, QStringLiteral("Writing the GeoTIFF")); // COG or plain: both are GeoTIFFs
    return p->isCancelled() ? FALSE : TRUE;
}

// Whether a written GeoTIFF's last full-resolution block of its first and last band reads back. The
// COG driver can lose a short write() on a full disk without an error, leaving a file cut before its
// end (the full-resolution blocks come last); this finds it at the cost of two blocks.
bool lastBlocksRead(const QString& path)
{
    io::QuietGdalErrors quiet;
    io::DatasetPtr ds(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds || ds->GetRasterCount() < 1)
        return false;
    for (int b : { 1, ds->GetRasterCount() }) {
        GDALRasterBand* band = ds->GetRasterBand(b);
        int bx = 0, by = 0;
        band->GetBlockSize(&bx, &by);
        if (bx <= 0 || by <= 0)
            return false;
        std::vector<unsigned char> buf(
            static_cast<size_t>(bx) * by * std::max(1, GDALGetDataTypeSizeBytes(band->GetRasterDataType())));
        if (band->ReadBlock((band->GetXSize() - 1) / bx, (band->GetYSize() - 1) / by, buf.data()) != CE_None)
            return false;
    }
    return true;
}

constexpr int kStaleTemporarySeconds = 3600;

} // namespace

bool ExportOptions::parseFormat(const QString& text, Format& out)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("cog"))
        out = Format::Cog;
    else if (t == QLatin1String("gtiff") || t == QLatin1String("geotiff") || t == QLatin1String("tif"))
        out = Format::GTiff;
    else
        return false;
    return true;
}

QStringList ExportOptions::compressions()
{
    return { QStringLiteral("DEFLATE"), QStringLiteral("ZSTD"), QStringLiteral("LZW"),
        QStringLiteral("NONE") };
}

QString ExportOptions::validate() const
{
    const QString c = compression.toUpper();
    if (!compressions().contains(c))
        return QStringLiteral("Unknown compression '%1' (DEFLATE, ZSTD, LZW or NONE)").arg(compression);
    const int most = c == QLatin1String("ZSTD") ? 22 : 9;
    if ((c == QLatin1String("DEFLATE") || c == QLatin1String("ZSTD")) && (level < 1 || level > most))
        return QStringLiteral("The compression level must be 1 to %1 for %2").arg(most).arg(c);
    return {};
}

QMap<QString, QString> readRasterTags(const QString& path)
{
    initializeRuntime(); // GDAL's drivers
    QMap<QString, QString> tags;
    io::QuietGdalErrors quiet;
    io::DatasetPtr ds(GDALDataset::FromHandle(
        GDALOpenEx(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!ds)
        return tags;
    if (char** md = ds->GetMetadata())
        for (int i = 0; md[i]; ++i) {
            const QString item = QString::fromUtf8(md[i]);
            const int eq = item.indexOf(QLatin1Char('='));
            if (eq > 0)
                tags.insert(item.left(eq), item.mid(eq + 1));
        }
    return tags;
}

bool isReconstructionMask(const QString& path)
{
    initializeRuntime();
    io::QuietGdalErrors quiet;
    io::DatasetPtr ds(GDALDataset::FromHandle(
        GDALOpenEx(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    return ds && ds->GetRasterCount() == 1
        && qstrcmp(ds->GetRasterBand(1)->GetDescription(), "RECONSTRUCTED") == 0;
}

QString maskSidecarPath(const QString& out)
{
    const QFileInfo fi(out);
    return fi.dir().filePath(fi.completeBaseName() + QStringLiteral(".mask.tif"));
}

struct RasterWriter::Impl
{
    static constexpr int kTile = 512;
    // Smaller COG blocks for small rasters, so they still get an overview level.
    static int cogBlockSize(const Window& w) { return std::max(w.w, w.h) < 1024 ? 256 : 512; }
    QString path, maskPath;
    bool intermediate = false; // rows go to an uncompressed striped file, copied at finish()
    ExportOptions opt;
    Window window;
    QStringList bands;
    std::vector<double> scale, offset; // DN encoding per band
    QString rawPath, rawMaskPath; // rows go here
    QStringList finalTemps; // COG copies before their rename
    io::DatasetPtr raw, rawMask;
    std::vector<std::unique_ptr<TemporaryLock>> locks; // the raw files are in use while we live
    bool finished = false;
    std::vector<uint16_t> dn;
    qint64 clamped = 0;
    std::vector<float> fl;

    // A COG's overviews, averaged from the rows as writeRows() receives them (2 x 2 blocks, nodata
    // left out, each level from the one above as stored; on odd sides the last block is 1 px wide
    // where GDAL's AVERAGE spreads its windows by the size ratio) into the intermediate file's own
    // overviews, which the COG copy takes as they are. Without them the copy read the whole file
    // back to make its overviews (README, #18). Rows must arrive in order; if they do not, finish()
    // has GDAL compute them after all.
    struct OverviewLevel
    {
        int w = 0, h = 0, blockRows = 0;
        std::vector<float> sum; // per band: the sums of the row being made
        std::vector<uint8_t> count;
        std::vector<int> rowsIn; // per band: rows of the level above received
        std::vector<std::vector<float>> made; // per band: finished rows not yet written
        int written = 0; // rows on disk
    };
    std::vector<OverviewLevel> levels;
    bool streamed = false; // the levels are being made from the rows
    int nextRow = 0; // the next full-resolution row expected

    // Adds row `r` (of a band's level-above plane, w values, NaN = nodata) to level `l`.
    void addRow(size_t l, int b, int r, const float* row, int w)
    {
        OverviewLevel& lv = levels[l];
        float* sum = lv.sum.data() + static_cast<size_t>(b) * lv.w;
        uint8_t* cnt = lv.count.data() + static_cast<size_t>(b) * lv.w;
        for (int x = 0; x < w; ++x)
            if (!std::isnan(row[x])) {
                sum[x >> 1] += row[x];
                ++cnt[x >> 1];
            }
        finishRow(l, b, r);
    }
    // Level 0 from a row of stored DN (0 = nodata): addRow's sums on them as floats (integers, at
    // most 4 x 65535: exact) without a NaN-marked copy of the row and a branch per value.
    void addDnRow(int b, int r, const uint16_t* row, int w)
    {
        OverviewLevel& lv = levels[0];
        float* sum = lv.sum.data() + static_cast<size_t>(b) * lv.w;
        uint8_t* cnt = lv.count.data() + static_cast<size_t>(b) * lv.w;
        const int pairs = w / 2;
        for (int i = 0; i < pairs; ++i) {
            const int a = row[2 * i], c = row[2 * i + 1];
            sum[i] += static_cast<float>(a + c);
            cnt[i] += static_cast<uint8_t>((a != 0) + (c != 0));
        }
        if (w % 2) {
            sum[pairs] += static_cast<float>(row[w - 1]);
            cnt[pairs] += row[w - 1] != 0;
        }
        finishRow(0, b, r);
    }
    // After row r of the level above went into level l: once it completes a pair (or is the last),
    // the level's row is made (as stored) and goes on to the next level.
    void finishRow(size_t l, int b, int r)
    {
        OverviewLevel& lv = levels[l];
        float* sum = lv.sum.data() + static_cast<size_t>(b) * lv.w;
        uint8_t* cnt = lv.count.data() + static_cast<size_t>(b) * lv.w;
        const int aboveRows = l == 0 ? window.h : levels[l - 1].h;
        if (r % 2 == 0 && r + 1 < aboveRows)
            return;
        std::vector<float>& made = lv.made[b];
        const size_t at = made.size();
        made.resize(at + lv.w);
        for (int x = 0; x < lv.w; ++x) {
            const float v = cnt[x] ? sum[x] / cnt[x] : std::nanf("");
            made[at + x] = opt.float32 || std::isnan(v) ? v : std::round(v); // as stored
            sum[x] = 0;
            cnt[x] = 0;
        }
        const int out = lv.rowsIn[b]++;
        if (l + 1 < levels.size())
            addRow(l + 1, b, out, made.data() + at, lv.w);
    }

    // Writes each level's finished rows once a row of its blocks is complete (or the level is).
    void writeLevels(bool all)
    {
        for (size_t l = 0; l < levels.size(); ++l) {
            OverviewLevel& lv = levels[l];
            const int have = static_cast<int>(lv.made[0].size() / lv.w);
            // Whole rows of blocks, each written once.
            const int rows = all || lv.written + have == lv.h ? have : have / lv.blockRows * lv.blockRows;
            if (rows == 0)
                continue;
            const size_t n = static_cast<size_t>(rows) * lv.w;
            for (int b = 0; b < bands.size(); ++b) {
                GDALRasterBand* ov = raw->GetRasterBand(b + 1)->GetOverview(static_cast<int>(l));
                std::vector<float>& made = lv.made[b];
                CPLErr err;
                if (opt.float32) {
                    err = ov->RasterIO(
                        GF_Write, 0, lv.written, lv.w, rows, made.data(), lv.w, rows, GDT_Float32, 0, 0);
                } else {
                    dn.resize(n);
                    for (size_t i = 0; i < n; ++i)
                        dn[i] = std::isnan(made[i]) ? 0 : static_cast<uint16_t>(made[i]);
                    err = ov->RasterIO(
                        GF_Write, 0, lv.written, lv.w, rows, dn.data(), lv.w, rows, GDT_UInt16, 0, 0);
                }
                if (err >= CE_Failure || ov->FlushCache(false) >= CE_Failure)
                    throw Error(QStringLiteral("Cannot write %1: %2")
                                    .arg(path, io::gdalErrorIn(QFileInfo(path).absolutePath())));
                made.erase(made.begin(), made.begin() + static_cast<std::ptrdiff_t>(n));
            }
            lv.written += rows;
        }
    }

    // Empty overviews in the intermediate file, to be filled by addRow(); false where GDAL cannot
    // make them or sizes them otherwise (then the COG copy makes its own).
    bool startOverviews(int blockSize)
    {
        const bool made = makeOverviewLevels(blockSize);
        if (!made) { // blank levels must not reach the COG: remove them
            levels.clear();
            raw->BuildOverviews("NONE", 0, nullptr, 0, nullptr, nullptr, nullptr);
        }
        return made;
    }
    bool makeOverviewLevels(int blockSize)
    {
        int factors[16], n = 0;
        for (int w = window.w, h = window.h; n < 16 && (w > blockSize || h > blockSize);
             w = (w + 1) / 2, h = (h + 1) / 2)
            factors[n] = 2 << n, ++n;
        if (n == 0 || raw->BuildOverviews("NONE", n, factors, 0, nullptr, nullptr, nullptr) >= CE_Failure)
            return false;
        GDALRasterBand* first = raw->GetRasterBand(1);
        if (first->GetOverviewCount() != n)
            return false;
        for (int l = 0, w = window.w, h = window.h; l < n; ++l) {
            w = (w + 1) / 2, h = (h + 1) / 2;
            GDALRasterBand* ov = first->GetOverview(l);
            int bx = 0, by = 0;
            ov->GetBlockSize(&bx, &by);
            if (ov->GetXSize() != w || ov->GetYSize() != h || by <= 0)
                return false;
            OverviewLevel lv;
            lv.w = w, lv.h = h, lv.blockRows = by;
            lv.sum.assign(static_cast<size_t>(w) * bands.size(), 0.0f);
            lv.count.assign(lv.sum.size(), 0);
            lv.rowsIn.assign(bands.size(), 0);
            lv.made.resize(bands.size());
            levels.push_back(std::move(lv));
        }
        return true;
    }

    io::DatasetPtr create(
        const QString& file, int nBands, GDALDataType type, bool intermediate, const ProductInfo& grid)
    {
        GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
        if (!gtiff)
            throw Error(QStringLiteral("GDAL's GTiff driver is missing"));
        CplOptions o;
        if (intermediate) {
            // Strips of kRowsPerStrip rows: the pieces reconstruct() hands over stay inside one, so
            // a strip is written once (twice where a strip of windows ends inside it). 512 px
            // tiles were read back and rewritten at every partial write.
            o.set("TILED", QStringLiteral("NO"));
            o.set("BLOCKYSIZE", QString::number(kRowsPerStrip));
            // Every row is written before the COG copy reads it. Without this a cancelled float32 run
            // (nodata NaN, not 0) had GDAL write every unwritten strip full of NaN at close, gigabytes
            // on a tile, before the file was removed.
            o.set("SPARSE_OK", QStringLiteral("TRUE"));
        } else {
            o.set("TILED", QStringLiteral("YES"));
            o.set("BLOCKXSIZE", QString::number(kTile));
            o.set("BLOCKYSIZE", QString::number(kTile));
        }
        o.set("BIGTIFF", QStringLiteral("IF_SAFER"));
        o.set("INTERLEAVE", QStringLiteral("BAND"));
        // The COG copy re-encodes everything: its source is written uncompressed, the fastest.
        const QString comp = intermediate ? QStringLiteral("NONE") : opt.compression.toUpper();
        o.set("COMPRESS", comp);
        if (comp == QLatin1String("DEFLATE") || comp == QLatin1String("ZSTD") || comp == QLatin1String("LZW"))
            o.set("PREDICTOR", type == GDT_Float32 ? QStringLiteral("3") : QStringLiteral("2"));
        if (comp == QLatin1String("DEFLATE"))
            o.set("ZLEVEL", QString::number(opt.level));
        else if (comp == QLatin1String("ZSTD"))
            o.set("ZSTD_LEVEL", QString::number(opt.level));
        io::QuietGdalErrors quiet;
        io::DatasetPtr ds(gtiff->Create(file.toUtf8().constData(), window.w, window.h, nBands, type, o.list));
        if (!ds)
            throw Error(io::createError(path));
        double gt[6];
        std::copy(grid.geoTransform, grid.geoTransform + 6, gt);
        gt[0] = grid.geoTransform[0] + window.x * gt[1] + window.y * gt[2];
        gt[3] = grid.geoTransform[3] + window.x * gt[4] + window.y * gt[5];
        if (grid.georeferenced || !grid.crsWkt.isEmpty()) {
            ds->SetGeoTransform(gt);
            if (!grid.crsWkt.isEmpty()) {
                OGRSpatialReference srs;
                if (srs.importFromWkt(grid.crsWkt.toUtf8().constData()) == OGRERR_NONE)
                    ds->SetSpatialRef(&srs);
            }
        }
        return ds;
    }

    void describe(GDALDataset& ds, bool isMask)
    {
        for (auto it = opt.metadata.cbegin(); it != opt.metadata.cend(); ++it)
            ds.SetMetadataItem(it.key().toUtf8().constData(), it.value().toUtf8().constData());
        ds.SetMetadataItem("TIFFTAG_SOFTWARE",
            QStringLiteral("Unclouded %1").arg(applicationVersion()).toUtf8().constData());
        ds.SetMetadataItem("TIFFTAG_DATETIME",
            QDateTime::currentDateTimeUtc()
                .toString(QStringLiteral("yyyy:MM:dd HH:mm:ss"))
                .toUtf8()
                .constData());
        if (isMask) {
            GDALRasterBand* b = ds.GetRasterBand(1);
            b->SetDescription("RECONSTRUCTED");
            b->SetMetadataItem("VALUES", "0: unchanged, 1: reconstructed");
            return;
        }
        for (int i = 0; i < bands.size(); ++i) {
            GDALRasterBand* b = ds.GetRasterBand(i + 1);
            b->SetDescription(bands[i].toUtf8().constData());
            if (opt.float32) {
                b->SetNoDataValue(std::nan(""));
            } else {
                b->SetNoDataValue(0);
                b->SetScale(scale[i]);
                b->SetOffset(offset[i] * scale[i]); // reflectance = DN * scale + offset
            }
        }
    }
};

RasterWriter::RasterWriter(const QString& path, const ProductInfo& grid, const Window& window,
    const QStringList& bands, const ExportOptions& options)
    : d(std::make_unique<Impl>())
{
    initializeRuntime();
    if (window.w <= 0 || window.h <= 0)
        throw Error(QStringLiteral("Nothing to write to %1: the area is empty").arg(path));
    const QFileInfo fi(path);
    if (!fi.absoluteDir().exists())
        throw Error(
            QStringLiteral("Cannot write %1: the folder %2 does not exist").arg(path, fi.absolutePath()));
    if (const QString problem = options.validate(); !problem.isEmpty())
        throw Error(problem);
    d->path = fi.absoluteFilePath();
    d->maskPath = options.maskSidecar ? maskSidecarPath(d->path) : QString();
    d->opt = options;
    d->window = window;
    d->bands = bands;
    for (const QString& name : bands) {
        double s = 1e-4, o = 0;
        for (const BandDesc& b : grid.bands)
            if (b.name == name) {
                s = b.scale;
                o = b.offset;
            }
        if (s == 1.0) // a float source: store DN with the usual Sentinel-2 encoding
            s = 1e-4, o = -1000;
        d->scale.push_back(s);
        d->offset.push_back(o);
    }
    const bool cog = options.format == ExportOptions::Format::Cog;
    // A run killed earlier (kill -9, a crash, a power cut) left its temporaries for this output: they
    // can hold gigabytes. Those untouched for an hour and not locked by a live writer go.
    removeStaleTemporaries(d->path, kStaleTemporarySeconds);
    if (!d->maskPath.isEmpty())
        removeStaleTemporaries(d->maskPath, kStaleTemporarySeconds);
    d->rawPath = atomicTempPath(d->path, QStringLiteral("partial"));
    d->intermediate = cog;
    // No destructor runs for a constructor that throws: the sidecar's failure left the main temporary
    // behind until a later run's stale-file clean-up.
    try {
        d->raw = d->create(d->rawPath, bands.size(), options.float32 ? GDT_Float32 : GDT_UInt16, cog, grid);
        d->locks.push_back(std::make_unique<TemporaryLock>(d->rawPath));
        d->describe(*d->raw, false);
        if (cog && options.overviews)
            d->streamed = d->startOverviews(Impl::cogBlockSize(window));
        if (!d->maskPath.isEmpty()) {
            d->rawMaskPath = atomicTempPath(d->maskPath, QStringLiteral("partial"));
            d->rawMask = d->create(d->rawMaskPath, 1, GDT_Byte, cog, grid);
            d->locks.push_back(std::make_unique<TemporaryLock>(d->rawMaskPath));
            d->describe(*d->rawMask, true);
        }
    } catch (...) {
        d->raw.reset();
        d->rawMask.reset();
        removeDataset(d->rawPath);
        removeDataset(d->rawMaskPath);
        throw;
    }
}

RasterWriter::~RasterWriter()
{
    d->raw.reset();
    d->rawMask.reset();
    removeDataset(d->rawPath);
    removeDataset(d->rawMaskPath);
    for (const QString& t : d->finalTemps)
        removeDataset(t);
}

qint64 RasterWriter::clampedValues() const
{
    return d->clamped;
}

void RasterWriter::writeRows(int y, int rows, const float* data, const uint8_t* reconstructed)
{
    if (!d->raw)
        throw Error(QStringLiteral("%1 is already finished").arg(d->path));
    const int w = d->window.w;
    const size_t plane = static_cast<size_t>(w) * rows;
    io::QuietGdalErrors quiet;
    if (d->streamed && y != d->nextRow)
        d->streamed = false; // out of order: finish() has GDAL make the overviews
    for (int b = 0; b < d->bands.size(); ++b) {
        const float* src = data + b * plane;
        CPLErr err;
        if (d->opt.float32) {
            for (int j = 0; d->streamed && j < rows; ++j)
                d->addRow(0, b, y + j, src + static_cast<size_t>(j) * w, w);
            err = d->raw->GetRasterBand(b + 1)->RasterIO(
                GF_Write, 0, y, w, rows, const_cast<float*>(src), w, rows, GDT_Float32, 0, 0);
        } else {
            d->dn.resize(plane);
            const double inv = 1.0 / d->scale[b], off = d->offset[b];
            // std::lround's result (halves away from zero) without its call per value (a quarter of
            // this function's time in a profile of a tile): clamped first, truncated, and one down
            // where t + 0.5 itself rounded up.
            uint16_t* dn = d->dn.data();
            qint64 clamped = 0;
            for (size_t i = 0; i < plane; ++i) {
                const float v = src[i];
                const bool none = std::isnan(v);
                const double u = none ? 1.0 : double(v) * inv - off;
                clamped += u < 0.5 || u >= 65535.5; // rounds to 0 (nodata) or past uint16
                const double t = std::clamp(u, 1.0, 65535.0);
                int r = static_cast<int>(t + 0.5);
                r -= r - t > 0.5;
                dn[i] = none ? 0 : static_cast<uint16_t>(r);
            }
            d->clamped += clamped;
            // The overviews average what is stored (0 = nodata).
            for (int j = 0; d->streamed && j < rows; ++j)
                d->addDnRow(b, y + j, d->dn.data() + static_cast<size_t>(j) * w, w);
            err = d->raw->GetRasterBand(b + 1)->RasterIO(
                GF_Write, 0, y, w, rows, d->dn.data(), w, rows, GDT_UInt16, 0, 0);
        }
        if (err >= CE_Failure)
            throw Error(QStringLiteral("Cannot write %1: %2")
                            .arg(d->path, io::gdalErrorIn(QFileInfo(d->path).absolutePath())));
    }
    if (d->rawMask && reconstructed) {
        if (d->rawMask->GetRasterBand(1)->RasterIO(
                GF_Write, 0, y, w, rows, const_cast<uint8_t*>(reconstructed), w, rows, GDT_Byte, 0, 0)
            >= CE_Failure)
            throw Error(QStringLiteral("Cannot write %1: %2")
                            .arg(d->maskPath, io::gdalErrorIn(QFileInfo(d->path).absolutePath())));
    }
    if (d->streamed) {
        d->nextRow = y + rows;
        d->writeLevels(d->nextRow == d->window.h);
    }
    // The written blocks leave GDAL's block cache at once (to disk, then dropped). Left there they
    // pushed the product's decoded JP2 blocks out of the cache, and the next strip decoded them
    // again: on a whole tile the network ran 1.6x slower beside those reads (README, #18). A tiled,
    // compressed file keeps a row of tiles until it is complete: each flush compresses its tiles.
    const int end = y + rows;
    if (!d->intermediate && end % Impl::kTile != 0 && end < d->window.h)
        return;
    for (GDALDataset* ds : { d->raw.get(), d->rawMask.get() })
        for (int b = 1; ds && b <= ds->GetRasterCount(); ++b)
            if (ds->GetRasterBand(b)->FlushCache(false) >= CE_Failure)
                throw Error(QStringLiteral("Cannot write %1: %2")
                                .arg(ds == d->raw.get() ? d->path : d->maskPath,
                                    io::gdalErrorIn(QFileInfo(d->path).absolutePath())));
}

qint64 RasterWriter::pendingBytes() const
{
    if (d->intermediate)
        return 0;
    const qint64 tiles = (d->window.w + Impl::kTile - 1) / Impl::kTile;
    const qint64 perPixel = qint64(d->bands.size()) * (d->opt.float32 ? 4 : 2) + (d->rawMask ? 1 : 0);
    return tiles * Impl::kTile * Impl::kTile * perPixel;
}

void RasterWriter::finish(const Progress& progress)
{
    if (!d->raw)
        throw Error(QStringLiteral("%1 is already finished").arg(d->path));
    io::QuietGdalErrors quiet;
    const bool cog = d->opt.format == ExportOptions::Format::Cog;
    struct Job
    {
        io::DatasetPtr* ds;
        QString raw, final;
        bool mask;
    };
    std::vector<Job> jobs { { &d->raw, d->rawPath, d->path, false } };
    if (d->rawMask)
        jobs.push_back({ &d->rawMask, d->rawMaskPath, d->maskPath, true });
    std::vector<QString> ready; // finished temporaries, renamed only once all are written
    for (size_t j = 0; j < jobs.size(); ++j) {
        Job& job = jobs[j];
        const Progress part = progress.sub(j == 0 ? 0.0 : 0.9, j == 0 ? (jobs.size() > 1 ? 0.9 : 1.0) : 1.0);
        const QString resampling = job.mask ? QStringLiteral("NEAREST") : QStringLiteral("AVERAGE");
        if (!cog) {
            if (d->opt.overviews) {
                int levels[16], n = 0;
                for (int f = 2; n < 16 && std::max(d->window.w, d->window.h) / f >= 128; f *= 2)
                    levels[n++] = f;
                if (n > 0) {
                    CPLSetThreadLocalConfigOption(
                        "COMPRESS_OVERVIEW", d->opt.compression.toUpper().toUtf8().constData());
                    const CPLErr err = (*job.ds)->BuildOverviews(resampling.toUtf8().constData(), n, levels,
                        0, nullptr, gdalProgress, const_cast<Progress*>(&part));
                    CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", nullptr);
                    if (part.isCancelled())
                        throw Cancelled();
                    if (err >= CE_Failure)
                        throw Error(
                            QStringLiteral("Cannot write overviews of %1: %2")
                                .arg(job.final, io::gdalErrorIn(QFileInfo(job.final).absolutePath())));
                }
            }
            if (!io::closeChecked(*job.ds))
                throw Error(QStringLiteral("Cannot write %1: %2")
                                .arg(job.final, io::gdalErrorIn(QFileInfo(job.final).absolutePath())));
            ready.push_back(job.raw);
            continue;
        }
        Progress copyPart = part;
        const int nOverviews = (*job.ds)->GetRasterBand(1)->GetOverviewCount();
        if (!job.mask && nOverviews > 0 && !(d->streamed && d->nextRow == d->window.h)) {
            // Rows came out of order (or not all): GDAL averages the file's overviews from it instead.
            const Progress regen = part.sub(0, 0.5);
            copyPart = part.sub(0.5, 1);
            const int nb = (*job.ds)->GetRasterCount();
            for (int b = 1; b <= nb; ++b) {
                GDALRasterBand* band = (*job.ds)->GetRasterBand(b);
                std::vector<GDALRasterBandH> ovs;
                for (int l = 0; l < band->GetOverviewCount(); ++l)
                    ovs.push_back(GDALRasterBand::ToHandle(band->GetOverview(l)));
                const Progress one = regen.sub(double(b - 1) / nb, double(b) / nb);
                const CPLErr err = GDALRegenerateOverviews(GDALRasterBand::ToHandle(band), int(ovs.size()),
                    ovs.data(), "AVERAGE", gdalProgress, const_cast<Progress*>(&one));
                if (regen.isCancelled())
                    throw Cancelled();
                if (err >= CE_Failure)
                    throw Error(QStringLiteral("Cannot write overviews of %1: %2")
                                    .arg(job.final, io::gdalErrorIn(QFileInfo(job.final).absolutePath())));
            }
        }
        if (!io::closeChecked(*job.ds))
            throw Error(QStringLiteral("Cannot write %1: %2")
                            .arg(job.final, io::gdalErrorIn(QFileInfo(job.final).absolutePath())));
        io::DatasetPtr src = io::openRaster(job.raw);
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("COG");
        if (!drv)
            throw Error(QStringLiteral("GDAL's COG driver is missing (GDAL 3.1 or newer is needed)"));
        CplOptions o;
        const QString comp = d->opt.compression.toUpper();
        o.set("COMPRESS", comp);
        if (comp == QLatin1String("DEFLATE") || comp == QLatin1String("ZSTD"))
            o.set("LEVEL", QString::number(d->opt.level));
        o.set("BLOCKSIZE", QString::number(Impl::cogBlockSize(d->window)));
        o.set("BIGTIFF", QStringLiteral("IF_SAFER"));
        o.set("NUM_THREADS", QStringLiteral("ALL_CPUS"));
        o.set("OVERVIEWS", d->opt.overviews ? QStringLiteral("AUTO") : QStringLiteral("NONE"));
        o.set("RESAMPLING", resampling);
        if (!job.mask && comp != QLatin1String("NONE"))
            o.set("PREDICTOR", QStringLiteral("YES"));
        const QString tmp = atomicTempPath(job.final, QStringLiteral("cog"));
        d->finalTemps << tmp;
        io::DatasetPtr out(drv->CreateCopy(tmp.toUtf8().constData(), src.get(), FALSE, o.list, gdalProgress,
            const_cast<Progress*>(&copyPart)));
        if (copyPart.isCancelled())
            throw Cancelled();
        if (!out || !io::closeChecked(out) || !lastBlocksRead(tmp))
            throw Error(QStringLiteral("Cannot write %1: %2")
                            .arg(job.final, io::gdalErrorIn(QFileInfo(job.final).absolutePath())));
        src.reset();
        removeDataset(job.raw);
        ready.push_back(tmp);
    }
    // Everything is on disk: now the renames, each over an older export of the same name (kept if
    // the rename fails). The sidecar first: an output in place (what a batch takes as done) never
    // stands beside an older run's mask of rebuilt pixels.
    for (size_t j = jobs.size(); j-- > 0;)
        replaceFileAtomically(ready[j], jobs[j].final);
    d->finalTemps.clear();
    d->rawPath.clear();
    d->rawMaskPath.clear();
    d->finished = true;
}

bool quicklookFormatOk(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("png") || suffix == QLatin1String("jpg")
        || suffix == QLatin1String("jpeg");
}

void writeQuicklook(const Product& product, const QString& path, int maxSize)
{
    if (!quicklookFormatOk(path))
        throw Error(QStringLiteral("A quicklook is a PNG or JPEG: %1 names neither (.png, .jpg)").arg(path));
    const QStringList rgb { QStringLiteral("B04"), QStringLiteral("B03"), QStringLiteral("B02") };
    for (const QString& b : rgb)
        if (product.bandIndex(b) < 0)
            throw Error(QStringLiteral("Cannot make a quicklook: the product has no band %1").arg(b));
    const double f = std::max(1.0, std::max(product.width(), product.height()) / double(maxSize));
    const int w = std::max(1, int(product.width() / f)), h = std::max(1, int(product.height() / f));
    std::vector<float> v(static_cast<size_t>(3) * w * h);
    product.readScaled(rgb, { 0, 0, product.width(), product.height() }, w, h, v.data());
    // One 2-98 % range over the three bands keeps the colours' balance.
    std::vector<float> finite;
    for (float x : v)
        if (std::isfinite(x))
            finite.push_back(x);
    float lo = 0, hi = 0.3f;
    if (finite.size() > 10) {
        std::nth_element(finite.begin(), finite.begin() + finite.size() / 50, finite.end());
        lo = finite[finite.size() / 50];
        std::nth_element(finite.begin(), finite.begin() + finite.size() * 49 / 50, finite.end());
        hi = finite[finite.size() * 49 / 50];
    }
    if (hi <= lo)
        hi = lo + 1e-3f;
    std::vector<uint8_t> px(static_cast<size_t>(3) * w * h);
    for (size_t i = 0; i < v.size(); ++i)
        px[i] = std::isfinite(v[i])
            ? static_cast<uint8_t>(std::clamp((v[i] - lo) / (hi - lo) * 255.0f + 0.5f, 0.0f, 255.0f))
            : 0;
    const QString suffix = QFileInfo(path).suffix().toLower();
    const char* driverName
        = (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg")) ? "JPEG" : "PNG";
    io::QuietGdalErrors quiet;
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driverName);
    if (!mem || !drv)
        throw Error(QStringLiteral("GDAL's %1 driver is missing").arg(QString::fromLatin1(driverName)));
    io::DatasetPtr ds(mem->Create("", w, h, 3, GDT_Byte, nullptr));
    if (!ds
        || ds->RasterIO(GF_Write, 0, 0, w, h, px.data(), w, h, GDT_Byte, 3, nullptr, 0, 0, 0, nullptr)
            >= CE_Failure)
        throw Error(QStringLiteral("Cannot make the quicklook: %1").arg(io::lastGdalError()));
    const QString tmp = atomicTempPath(path);
    CplOptions o;
    if (QLatin1String(driverName) == QLatin1String("JPEG"))
        o.set("QUALITY", QStringLiteral("90"));
    o.set("WORLDFILE", QStringLiteral("NO"));
    io::DatasetPtr out(drv->CreateCopy(tmp.toUtf8().constData(), ds.get(), FALSE, o.list, nullptr, nullptr));
    if (!out || !io::closeChecked(out)) {
        // "libpng: Write Error" alone: the full disk said where it is one (gdalErrorIn).
        const QString why = io::gdalErrorIn(QFileInfo(path).absolutePath());
        QFile::remove(tmp);
        QFile::remove(tmp + QStringLiteral(".aux.xml"));
        throw Error(QStringLiteral("Cannot write %1: %2").arg(path, why));
    }
    QFile::remove(tmp + QStringLiteral(".aux.xml"));
    replaceFileAtomically(tmp, path);
}

} // namespace unclouded
