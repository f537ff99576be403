// GDAL helpers private to core: RAII handles and error messages that name the file.
#pragma once

#include <algorithm>
#include <cmath>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <cstring>
#include <gdal_priv.h>
#include <memory>
#include <ogr_spatialref.h>

#include <QFileInfo>
#include <QRegularExpression>
#include <QStorageInfo>
#include <QString>
#include <QStringList>

#include "core/common/atomicfile.h"
#include "core/common/error.h"

namespace unclouded::io {

struct DatasetCloser
{
    void operator()(GDALDataset* ds) const
    {
        if (ds)
            GDALClose(GDALDataset::ToHandle(ds));
    }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

// Silences GDAL's stderr output for its lifetime; the last message stays readable.
class QuietGdalErrors
{
public:
    QuietGdalErrors()
    {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
    }
    ~QuietGdalErrors() { CPLPopErrorHandler(); }
    QuietGdalErrors(const QuietGdalErrors&) = delete;
    QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
};

// What a JPEG 2000 file whose data was overwritten is called, whichever check finds it.
inline constexpr const char* kJp2Damaged = "the file is damaged (its JPEG 2000 stream does not end with EOC)";

// OpenJPEG decodes a JPEG 2000 file whose data was overwritten (not cut short) into garbage and says
// only this, as a warning: after a read, a damaged file rather than values.
inline bool readWarnedOfDamage()
{
    const char* msg = CPLGetLastErrorMsg();
    return CPLGetLastErrorType() == CE_Warning && msg && std::strstr(msg, "does not end with EOC");
}

// A GDAL message as users read it: the files the user chose named instead of the hidden temporaries
// written first, and /vsicurl/'s "HTTP response code on URL: 0" said to be no answer at all.
inline QString gdalMessage(const char* msg)
{
    QString text = withoutTemporaryNames(QString::fromUtf8(msg));
    static const QRegularExpression noAnswer(QStringLiteral("HTTP response code.*: 0\\s*$"));
    if (noAnswer.match(text).hasMatch())
        text += QStringLiteral(" (no answer: the network or the host cannot be reached)");
    return text;
}

// GDAL's last message (gdalMessage), or "unknown GDAL error" when it left none.
inline QString lastGdalError()
{
    const char* msg = CPLGetLastErrorMsg();
    return (msg && *msg) ? gdalMessage(msg) : QStringLiteral("unknown GDAL error");
}

// GDAL's last message for a write under dir, and when the disk holding dir is full, that: GDAL's own
// words for a full disk are "error writing a dirty block", "_tiffWriteProc", "opj_end_compress()".
inline QString gdalErrorIn(const QString& dir)
{
    const QString msg = lastGdalError();
    const QStorageInfo storage(dir);
    // Pseudo file systems (/proc, /sys) report 0 bytes free and take no files at all: not "full".
    const bool realDisk = storage.isValid() && storage.bytesTotal() > 0;
    // ENOSPC in GDAL's words, or a write failing with under 64 MiB left (GDAL often only says "error
    // writing a dirty block" or "opj_end_compress() failed").
    const bool noSpace = msg.contains(QLatin1String("No space left"));
    // A read-only mount or a refused permission is said as it is, however little space is left.
    const bool otherCause = storage.isReadOnly() || msg.contains(QLatin1String("Read-only file system"))
        || msg.contains(QLatin1String("Permission denied"));
    if (realDisk && !otherCause && (noSpace || storage.bytesAvailable() < (64LL << 20))) {
        // SQLite's words there (a GeoPackage) are its statement, "cannot rollback - no transaction is
        // active": nothing a user can act on.
        if (msg.contains(QLatin1String("sqlite3_"))
            || msg.contains(QLatin1String("database or disk is full")))
            return QStringLiteral("the disk is full: %1 MiB free on %2")
                .arg(QString::number(storage.bytesAvailable() >> 20), storage.rootPath());
        return QStringLiteral("%1 — the disk is full: %2 MiB free on %3")
            .arg(msg, QString::number(storage.bytesAvailable() >> 20), storage.rootPath());
    }
    return msg;
}

// "Cannot write PATH: why", the why from GDAL, with the disk's state when it is full.
inline QString writeError(const QString& path)
{
    const QFileInfo fi(path); // a link is written through: its target's disk is the one that counts
    const QString where = QFileInfo(fi.isSymLink() ? fi.symLinkTarget() : path).absolutePath();
    return QStringLiteral("Cannot write %1: %2").arg(path, gdalErrorIn(where));
}

inline QString createError(const QString& path)
{
    QString why = gdalErrorIn(QFileInfo(path).absolutePath());
    // GeoTIFF's "Attempt to create new tiff file `PATH' failed: REASON" repeats what is said before it.
    static const QRegularExpression tiff(
        QStringLiteral("^Attempt to create new tiff file `[^']*' failed: (.+)$"));
    if (const QRegularExpressionMatch m = tiff.match(why); m.hasMatch())
        why = m.captured(1);
    return QStringLiteral("Cannot create %1: %2").arg(path, why);
}

// Why GDAL could not open `path` as a raster (`vector` false) or as vector data. GDAL 3.6 often fails
// without a message: then say what the file is (missing, a folder, empty, the other kind of data).
inline QString whyUnopenable(const QString& path, bool vector)
{
    const char* msg = CPLGetLastErrorMsg();
    if (msg && *msg)
        return gdalMessage(msg);
    const QByteArray utf8 = path.toUtf8();
    VSIStatBufL st;
    if (VSIStatL(utf8.constData(), &st) != 0)
        return QStringLiteral("no such file");
    if (VSI_ISDIR(st.st_mode))
        return vector ? QStringLiteral("a folder that holds no vector data")
                      : QStringLiteral("it is a folder, not a raster file");
    if (st.st_size == 0)
        return QStringLiteral("the file is empty (0 bytes)");
    const QString formats = QStringLiteral("GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML...");
    const unsigned other = (vector ? GDAL_OF_RASTER : GDAL_OF_VECTOR) | GDAL_OF_READONLY;
    if (DatasetPtr(GDALDataset::FromHandle(GDALOpenEx(utf8.constData(), other, nullptr, nullptr, nullptr))))
        return vector
            ? QStringLiteral("it is a raster; parcels are polygons (%1)").arg(formats)
            : QStringLiteral("it is vector data (%1), not a raster: open it as parcels").arg(formats);
    return vector ? QStringLiteral("not a vector format GDAL can read (%1), or damaged").arg(formats)
                  : QStringLiteral("not a raster format GDAL can read (damaged, or another kind of file)");
}

// Opens a raster or throws an Error naming the file.
inline DatasetPtr openRaster(const QString& path, bool update = false)
{
    if (const QString why = unreadableSpecialFile(path); !why.isEmpty())
        throw Error(QStringLiteral("Cannot open %1: %2").arg(path, why));
    QuietGdalErrors quiet;
    const unsigned flags = GDAL_OF_RASTER | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY);
    DatasetPtr ds(
        GDALDataset::FromHandle(GDALOpenEx(path.toUtf8().constData(), flags, nullptr, nullptr, nullptr)));
    if (!ds)
        throw Error(QStringLiteral("Cannot open %1: %2").arg(path, whyUnopenable(path, false)));
    return ds;
}

// Opens a vector file read-only, or returns null (callers say why). A GML file's schema is guessed
// each time: GDAL would otherwise write it beside the file (.gfs), into the user's folder.
inline DatasetPtr openVector(const QString& path)
{
    if (const QString why = unreadableSpecialFile(path); !why.isEmpty())
        throw Error(QStringLiteral("Cannot open %1: %2").arg(path, why));
    auto open = [](const QString& p) {
        static const char* const gml[] = { "WRITE_GFS=NO", nullptr };
        const bool isGml = p.endsWith(QLatin1String(".gml"), Qt::CaseInsensitive);
        return DatasetPtr(GDALDataset::FromHandle(GDALOpenEx(p.toUtf8().constData(),
            GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, isGml ? gml : nullptr, nullptr)));
    };
    if (!path.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive) || path.startsWith(QLatin1String("/vsi")))
        return open(path);
    // A zipped shapefile (as parcels are mailed and downloaded), read in place as QGIS does: the
    // archive's top, else the first vector file in it (often inside a folder).
    const QString root = QStringLiteral("/vsizip/") + path;
    if (DatasetPtr ds = open(root))
        return ds;
    char** names = VSIReadDirRecursive(root.toUtf8().constData());
    DatasetPtr found;
    static const QRegularExpression vector(
        QStringLiteral("\\.(shp|gpkg|geojson|json|fgb|kml|gml)$"), QRegularExpression::CaseInsensitiveOption);
    for (int i = 0; names && names[i] && !found; ++i)
        if (const QString name = QString::fromUtf8(names[i]); vector.match(name).hasMatch())
            found = open(root + QLatin1Char('/') + name);
    CSLDestroy(names);
    return found;
}

// Where a raster that should cover `gt`'s grid (`factor` times coarser) lies elsewhere: another
// origin, pixel size or CRS. Empty when it fits, or when either side has no georeferencing (a
// hand-drawn mask): then only the sizes can be compared.
inline QString gridDifference(GDALDataset* ds, const double* gt, const QString& crsWkt, int factor)
{
    double m[6];
    const bool plain = gt[0] == 0 && gt[1] == 1 && gt[2] == 0 && gt[3] == 0 && gt[4] == 0 && gt[5] == 1;
    if (plain || ds->GetGeoTransform(m) != CE_None)
        return {};
    const double px = std::abs(gt[1]) + std::abs(gt[2]), py = std::abs(gt[4]) + std::abs(gt[5]);
    auto near = [&](double a, double b) { return std::abs(a - b) <= 1e-3 * std::max(px, py) * factor; };
    QStringList what;
    if (std::abs(m[0] - gt[0]) > 0.5 * px || std::abs(m[3] - gt[3]) > 0.5 * py)
        what << QStringLiteral("its corner is at (%1, %2), the product's at (%3, %4)")
                    .arg(m[0], 0, 'f', 2)
                    .arg(m[3], 0, 'f', 2)
                    .arg(gt[0], 0, 'f', 2)
                    .arg(gt[3], 0, 'f', 2);
    if (!near(m[1], gt[1] * factor) || !near(m[5], gt[5] * factor) || !near(m[2], gt[2] * factor)
        || !near(m[4], gt[4] * factor))
        what << QStringLiteral("its pixels are %1 x %2, the product's %3 x %4%5")
                    .arg(m[1], 0, 'g', 6)
                    .arg(m[5], 0, 'g', 6)
                    .arg(gt[1], 0, 'g', 6)
                    .arg(gt[5], 0, 'g', 6)
                    .arg(factor > 1 ? QStringLiteral(" (x %1 expected)").arg(factor) : QString());
    const char* wkt = ds->GetProjectionRef();
    if (wkt && *wkt && !crsWkt.isEmpty()) {
        OGRSpatialReference a, b;
        if (a.importFromWkt(wkt) == OGRERR_NONE && b.importFromWkt(crsWkt.toUtf8().constData()) == OGRERR_NONE
            && !a.IsSame(&b))
            what << QStringLiteral("its CRS is %1, the product's %2")
                        .arg(QString::fromUtf8(a.GetName() ? a.GetName() : "?"),
                            QString::fromUtf8(b.GetName() ? b.GetName() : "?"));
    }
    return what.join(QStringLiteral("; "));
}

inline void checkCpl(CPLErr err, const QString& what)
{
    if (err >= CE_Failure)
        throw Error(QStringLiteral("%1: %2").arg(what, lastGdalError()));
}

// Closes (flushes) a dataset; false when GDAL reported a failure while writing it out.
inline bool closeChecked(DatasetPtr& ds)
{
    CPLErrorReset();
    ds.reset();
    return CPLGetLastErrorType() < CE_Failure;
}

} // namespace unclouded::io
