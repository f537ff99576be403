// Sentinel-2 products stored one raster per band: a folder of GeoTIFF / COG / JP2 files (B02.tif,
// blue.tif, T29RKH_20200219T112111_B02_10m.jp2, ... and SCL.tif) or a STAC item whose assets are such
// files (local, or remote through GDAL's /vsicurl/ and /vsis3/, read window by window). Bands are
// found by name, put on the finest band's grid with a whole factor each (Product then resamples them
// exactly as it does a SAFE's 20 / 60 m bands), and DN become reflectance with the offsets that an
// item's raster:bands, an MTD or the processing baseline give.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <initializer_list>
#include <tuple>
#include <vector>

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include "core/common/error.h"
#include "core/io/bandfolder_p.h"
#include "core/io/product_p.h"
#include "core/io/sentinel2.h"

namespace unclouded {

namespace io {

NamedBand bandFromName(const QString& fileNameOrKey)
{
    static const QStringList kRasterSuffixes { QStringLiteral("tif"), QStringLiteral("tiff"),
        QStringLiteral("jp2") };
    QString base = fileNameOrKey;
    const int dot = base.lastIndexOf(QLatin1Char('.'));
    if (dot > 0 && kRasterSuffixes.contains(base.mid(dot + 1).toLower()))
        base.truncate(dot);
    // Rasters that share a band-like name but are no reflectance: true colour, aerosol, water
    // vapour, previews, cloud / snow probabilities, masks.
    static const QStringList kIgnored { QStringLiteral("tci"), QStringLiteral("aot"), QStringLiteral("wvp"),
        QStringLiteral("pvi"), QStringLiteral("visual"), QStringLiteral("preview"),
        QStringLiteral("thumbnail"), QStringLiteral("quicklook"), QStringLiteral("overview"),
        QStringLiteral("cldprb"), QStringLiteral("snwprb"), QStringLiteral("msk"), QStringLiteral("mask"),
        QStringLiteral("truth") };
    static const QRegularExpression sep(QStringLiteral("[_\\-.\\s]+"));
    static const QRegularExpression res(
        QStringLiteral("^(\\d{1,4})m$"), QRegularExpression::CaseInsensitiveOption);
    NamedBand out;
    for (const QString& token : base.split(sep, Qt::SkipEmptyParts)) {
        const QString t = token.toLower();
        if (kIgnored.contains(t)) {
            NamedBand ignored;
            ignored.ignored = true;
            return ignored;
        }
        if (const auto m = res.match(t); m.hasMatch()) {
            out.resolution = m.captured(1).toInt();
            continue;
        }
        QString b = canonicalBandName(token);
        if (b.isEmpty())
            b = bandFromCommonName(token);
        const bool scl = t == QLatin1String("scl");
        if (b.isEmpty() && !scl)
            continue;
        if ((scl && !out.band.isEmpty())
            || (!b.isEmpty() && (out.scl || (!out.band.isEmpty() && out.band != b))))
            return {}; // names two things: not a one-band file
        out.scl |= scl;
        if (!b.isEmpty())
            out.band = b;
    }
    return out;
}

bool isRemotePath(const QString& path)
{
    for (const char* p : { "http://", "https://", "/vsicurl/", "/vsis3/", "/vsigs/", "/vsiaz/" })
        if (path.startsWith(QLatin1String(p), Qt::CaseInsensitive))
            return true;
    return false;
}

QString resolveAssetHref(const QString& itemLocation, const QString& href)
{
    if (href.startsWith(QLatin1String("/vsi")))
        return href;
    if (href.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || href.startsWith(QLatin1String("https://"), Qt::CaseInsensitive))
        return QStringLiteral("/vsicurl/") + href;
    if (href.startsWith(QLatin1String("s3://"), Qt::CaseInsensitive))
        return QStringLiteral("/vsis3/") + href.mid(5);
    if (href.startsWith(QLatin1String("gs://"), Qt::CaseInsensitive))
        return QStringLiteral("/vsigs/") + href.mid(5);
    if (href.startsWith(QLatin1String("file:"), Qt::CaseInsensitive))
        return QUrl(href).toLocalFile();
    QString base = itemLocation;
    if (base.startsWith(QLatin1String("/vsicurl/")))
        base = base.mid(9);
    if (base.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || base.startsWith(QLatin1String("https://"), Qt::CaseInsensitive))
        return QStringLiteral("/vsicurl/") + QUrl(base).resolved(QUrl(href)).toString(QUrl::FullyEncoded);
    if (base.startsWith(QLatin1String("/vsi")) && !QDir::isAbsolutePath(href))
        return base.section(QLatin1Char('/'), 0, -2) + QLatin1Char('/') + href;
    if (QDir::isAbsolutePath(href))
        return QDir::cleanPath(href);
    return QDir::cleanPath(QFileInfo(base).absolutePath() + QLatin1Char('/') + href);
}

namespace {

// The folder and the R10m / R20m / R60m folders of a SAFE's IMG_DATA or an AWS tile below it.
QList<std::pair<QString, int>> bandFolders(const QString& dir)
{
    QList<std::pair<QString, int>> out { { dir, 0 } };
    static const QRegularExpression rx(
        QStringLiteral("^R(\\d{2})m$"), QRegularExpression::CaseInsensitiveOption);
    for (const QString& sub : QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (const auto m = rx.match(sub); m.hasMatch())
            out.append({ QDir(dir).filePath(sub), m.captured(1).toInt() });
    return out;
}

QStringList rasterFiles(const QString& dir)
{
    return QDir(dir).entryList({ QStringLiteral("*.tif"), QStringLiteral("*.tiff"), QStringLiteral("*.jp2") },
        QDir::Files | QDir::Readable, QDir::Name);
}

} // namespace

bool looksLikeBandFolder(const QString& dir)
{
    for (const auto& [d, res] : bandFolders(dir))
        for (const QString& f : rasterFiles(d))
            if (!bandFromName(f).band.isEmpty())
                return true;
    return false;
}

bool isSafeFolder(const QString& dir)
{
    const QDir d(dir);
    return d.exists(QStringLiteral("GRANULE"))
        && (d.exists(QStringLiteral("MTD_MSIL2A.xml")) || d.exists(QStringLiteral("MTD_MSIL1C.xml")));
}

QString enclosingSafe(const QString& path)
{
    // GRANULE, GRANULE/<tile>, its IMG_DATA, IMG_DATA/R10m or its MTD_TL.xml: at most 4 levels below.
    const QFileInfo fi(path);
    if (!fi.isDir() && fi.fileName() != QLatin1String("MTD_TL.xml"))
        return {};
    const QStringList parts = QDir::cleanPath(fi.absoluteFilePath()).split(QLatin1Char('/'));
    const int g = static_cast<int>(parts.lastIndexOf(QStringLiteral("GRANULE")));
    if (g < 2 || parts.size() - 1 - g > 3)
        return {};
    const QString safe = parts.mid(0, g).join(QLatin1Char('/'));
    return isSafeFolder(safe) ? safe : QString();
}

QString granuleFolder(const QString& dir)
{
    QDir d(QDir::cleanPath(QFileInfo(dir).absoluteFilePath()));
    static const QRegularExpression res(
        QStringLiteral("^R\\d{2}m$"), QRegularExpression::CaseInsensitiveOption);
    const auto up = [&d] { d.setPath(QDir::cleanPath(d.absoluteFilePath(QStringLiteral("..")))); };
    if (res.match(d.dirName()).hasMatch())
        up();
    if (d.dirName() == QLatin1String("IMG_DATA"))
        up();
    return d.exists(QStringLiteral("MTD_TL.xml")) && d.exists(QStringLiteral("IMG_DATA")) ? d.absolutePath()
                                                                                          : QString();
}

// L1C from ESA, and L2A made from them by Sen2Cor (S2A_USER_PRD_MSIL2A_..., bands in R10m/R20m/R60m).
const QStringList kOldProductMtds { QStringLiteral("S2?_OPER_MTD_SAFL1C*.xml"),
    QStringLiteral("S2?_USER_MTD_SAFL2A*.xml") };
const QStringList kOldTileMtds { QStringLiteral("S2?_OPER_MTD_L1C_*.xml"),
    QStringLiteral("S2?_USER_MTD_L2A_*.xml") };

QString oldFormatGranule(const QString& dir)
{
    QDir d(dir);
    auto isTile = [](const QDir& t) {
        return t.exists(QStringLiteral("IMG_DATA")) && !t.entryList(kOldTileMtds, QDir::Files).isEmpty();
    };
    if (d.dirName() == QLatin1String("IMG_DATA") && isTile(QDir(d.absoluteFilePath(QStringLiteral("..")))))
        d.setPath(d.absoluteFilePath(QStringLiteral(".."))); // a tile's IMG_DATA: the tile
    if (isTile(d))
        return QDir::cleanPath(d.absolutePath());
    if (!d.exists(QStringLiteral("GRANULE")) || d.entryList(kOldProductMtds, QDir::Files).isEmpty())
        return {};
    const QDir g(d.filePath(QStringLiteral("GRANULE")));
    static const QRegularExpression tileRe(QStringLiteral("_(T\\d{2}[A-Z]{3})_"));
    QStringList tiles, names;
    for (const QString& t : g.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (isTile(QDir(g.filePath(t)))) {
            tiles << t;
            names << tileRe.match(t).captured(1);
        }
    if (tiles.size() == 1)
        return g.filePath(tiles.first());
    if (tiles.isEmpty())
        throw Error(QStringLiteral("%1 is a Sentinel-2 product of the format used before December 2016, but "
                                   "its GRANULE folder holds no tile (IMG_DATA and a tile MTD)")
                        .arg(dir));
    throw Error(QStringLiteral("%1 is a Sentinel-2 product of the format used before December 2016, which "
                               "holds %2 tiles (%3): open one of them, a folder in its GRANULE folder")
                    .arg(dir)
                    .arg(tiles.size())
                    .arg(names.join(QStringLiteral(", "))));
}

// The share of clear land (SCL vegetation or bare soil where a classification is given, else every
// pixel with data) whose DN lies below `below`, from a read of at most about 512 px a side
// (overviews); -1 when too little such land could be read (under 2000 pixels or 2 % of those with
// data: a cloudy scene's few "clear" pixels are often shadows, dark in blue either way). Water is
// left out: dark lakes and shadows taken for water read near 0.
double shareBelow(GDALRasterBand* band, GDALRasterBand* scl, double below)
{
    const int W = band->GetXSize(), H = band->GetYSize();
    const double f = std::max(1.0, std::max(W, H) / 512.0);
    const int w = std::max(1, int(W / f)), h = std::max(1, int(H / f));
    std::vector<uint16_t> dn(size_t(w) * h);
    if (band->RasterIO(GF_Read, 0, 0, W, H, dn.data(), w, h, GDT_UInt16, 0, 0, nullptr) != CE_None)
        return -1;
    std::vector<uint8_t> cls;
    if (scl) {
        cls.resize(dn.size());
        if (scl->RasterIO(
                GF_Read, 0, 0, scl->GetXSize(), scl->GetYSize(), cls.data(), w, h, GDT_Byte, 0, 0, nullptr)
            != CE_None)
            cls.clear();
    }
    qint64 n = 0, low = 0, withData = 0;
    for (size_t i = 0; i < dn.size(); ++i) {
        withData += dn[i] != 0;
        if (dn[i] == 0 || (!cls.empty() && cls[i] != 4 && cls[i] != 5))
            continue;
        ++n;
        low += dn[i] < below;
    }
    return n >= 2000 && n >= withData / 50 ? double(low) / n : -1;
}

// "05.09", "5.09", "N0509" -> 5.09; -1 when unreadable.
double baselineNumber(QString b)
{
    b = b.trimmed();
    static const QRegularExpression n(QStringLiteral("^N(\\d{2})(\\d{2})$"));
    if (const auto m = n.match(b); m.hasMatch())
        return m.captured(1).toInt() + m.captured(2).toInt() / 100.0;
    bool ok = false;
    const double v = b.toDouble(&ok);
    return ok ? v : -1;
}

// ESA product names carry the baseline (_N0509_), the tile and the sensing time.
const QRegularExpression& productNameRe()
{
    static const QRegularExpression re(QStringLiteral(
        "S2[A-D]_MSI(L1C|L2A)_(\\d{8}T\\d{6})_N(\\d{4})_R\\d{3}_(T\\d{2}[A-Z]{3})_\\d{8}T\\d{6}"));
    return re;
}

} // namespace io

namespace {

using io::baselineNumber;
using io::productNameRe;
using io::shareBelow;

const QString kScl = QString::fromLatin1(io::kSclName);

using Candidate = io::BandFile;
using Meta = io::BandMeta;

int nativeResolution(const QString& band)
{
    if (band == kScl)
        return 20;
    const int idx = s2BandIndex(band);
    return idx < 0 ? 0 : kS2Bands[idx].resolution;
}

// Several files for one band (B02_10m / B02_20m, blue.tif / blue.jp2): the band's native resolution
// first, as the SAFE reader reads it, then the finest, GeoTIFF over JP2, https over s3, the name.
bool better(const Candidate& a, const Candidate& b)
{
    auto key = [](const Candidate& c) {
        return std::make_tuple(c.resolution != nativeResolution(c.band),
            c.resolution == 0 ? INT_MAX : c.resolution, !c.tiff, c.s3, c.label);
    };
    return key(a) < key(b);
}

QString isoFromCompact(const QString& t) // 20200219T112111 -> 2020-02-19T11:21:11
{
    return QStringLiteral("%1-%2-%3T%4:%5:%6")
        .arg(t.mid(0, 4), t.mid(4, 2), t.mid(6, 2), t.mid(9, 2), t.mid(11, 2), t.mid(13, 2));
}

// Reads a local file or a URL (through /vsicurl/) whole; items are small, so the limit is generous.
QByteArray readWhole(const QString& location)
{
    QString p = location;
    if (p.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || p.startsWith(QLatin1String("https://"), Qt::CaseInsensitive))
        p = QStringLiteral("/vsicurl/") + p;
    else if (p.startsWith(QLatin1String("s3://"), Qt::CaseInsensitive))
        p = QStringLiteral("/vsis3/") + p.mid(5);
    io::QuietGdalErrors quiet;
    GByte* data = nullptr;
    vsi_l_offset size = 0;
    if (!VSIIngestFile(nullptr, p.toUtf8().constData(), &data, &size, 64 << 20))
        throw Error(QStringLiteral("Cannot read %1: %2").arg(location, io::lastGdalError()));
    QByteArray out(reinterpret_cast<const char*>(data), static_cast<int>(size));
    VSIFree(data);
    return out;
}

QJsonObject parseJsonObject(const QByteArray& bytes, const QString& location, const QString& what)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError)
        throw Error(QStringLiteral("Cannot read %1 %2: malformed JSON (%3 at byte %4)")
                        .arg(what, location, err.errorString())
                        .arg(err.offset));
    if (!doc.isObject())
        throw Error(QStringLiteral("%1 is not a %2: the JSON is not an object").arg(location, what));
    return doc.object();
}

bool isStacItemObject(const QJsonObject& o)
{
    return o.value(QStringLiteral("assets")).isObject()
        && (o.contains(QStringLiteral("stac_version"))
            || o.value(QStringLiteral("type")).toString() == QLatin1String("Feature"));
}

QString jsonText(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'f', 2);
    return {};
}

// The asset's band (or SCL) and its radiometry; band empty when the asset is no single band.
Candidate assetCandidate(const QString& itemLocation, const QString& key, const QJsonObject& a)
{
    Candidate c;
    const QString href = a.value(QStringLiteral("href")).toString();
    if (href.isEmpty())
        return c;
    const QJsonArray roles = a.value(QStringLiteral("roles")).toArray();
    if (!roles.isEmpty() && !roles.contains(QStringLiteral("data")))
        return c; // thumbnails, overviews, metadata, the visual image
    const QString type = a.value(QStringLiteral("type")).toString().toLower();
    const QString ext = QUrl(href).path().section(QLatin1Char('.'), -1).toLower();
    const bool tiff
        = type.contains(QLatin1String("tiff")) || ext == QLatin1String("tif") || ext == QLatin1String("tiff");
    const bool jp2 = type.contains(QLatin1String("jp2")) || ext == QLatin1String("jp2");
    if (!tiff && !jp2)
        return c;
    const io::NamedBand fromKey = io::bandFromName(key);
    if (fromKey.ignored)
        return c;
    // STAC 1.0 eo:bands, or 1.1 bands with eo:common_name; several bands = a composite (TCI).
    QJsonArray eo = a.value(QStringLiteral("eo:bands")).toArray();
    if (eo.isEmpty())
        eo = a.value(QStringLiteral("bands")).toArray();
    if (eo.size() > 1)
        return c;
    QString band;
    if (eo.size() == 1) {
        const QJsonObject b = eo.at(0).toObject();
        const QString name = b.value(QStringLiteral("name")).toString();
        band = canonicalBandName(name);
        if (band.isEmpty())
            band = bandFromCommonName(name);
        for (const char* k : { "common_name", "eo:common_name" })
            if (band.isEmpty())
                band = bandFromCommonName(b.value(QLatin1String(k)).toString());
    }
    if (band.isEmpty())
        band = fromKey.band;
    if (band.isEmpty() && fromKey.scl)
        band = kScl;
    if (band.isEmpty())
        return c;
    c.band = band;
    c.label = QStringLiteral("asset ") + key;
    c.path = io::resolveAssetHref(itemLocation, href);
    c.tiff = tiff;
    c.s3 = href.startsWith(QLatin1String("s3://"), Qt::CaseInsensitive);
    c.resolution = fromKey.resolution;
    if (c.resolution == 0 && a.value(QStringLiteral("gsd")).isDouble())
        c.resolution = qRound(a.value(QStringLiteral("gsd")).toDouble());

    // raster:bands (1.0) or bands with raster:scale / raster:offset (1.1); reflectance = DN * scale + offset.
    QJsonObject rb = a.value(QStringLiteral("raster:bands")).toArray().at(0).toObject();
    if (rb.isEmpty())
        rb = eo.at(0).toObject();
    auto number = [&](const char* name) -> QJsonValue {
        for (const QJsonObject& o : { rb, a })
            for (const QString& k :
                { QString::fromLatin1(name), QStringLiteral("raster:") + QLatin1String(name) })
                if (o.value(k).isDouble())
                    return o.value(k);
        return {};
    };
    const QJsonValue scale = number("scale"), offset = number("offset");
    if (c.resolution == 0 && rb.value(QStringLiteral("spatial_resolution")).isDouble())
        c.resolution = qRound(rb.value(QStringLiteral("spatial_resolution")).toDouble());
    if (band != kScl && (scale.isDouble() || offset.isDouble())) {
        c.hasRadiometry = true;
        c.scale = scale.isDouble() ? scale.toDouble() : 1e-4;
        if (!std::isfinite(c.scale) || c.scale <= 0)
            throw Error(QStringLiteral("%1: the scale of asset %2 is %3, not a positive number")
                            .arg(itemLocation, key)
                            .arg(c.scale));
        if (offset.isDouble() && !(std::abs(offset.toDouble()) <= 1))
            throw Error(QStringLiteral("%1: the offset of asset %2 is %3, not a reflectance offset (-1 to 1)")
                            .arg(itemLocation, key)
                            .arg(offset.toDouble()));
        const double off = offset.isDouble() ? offset.toDouble() / c.scale : 0.0;
        // -0.1 / 0.0001 is -1000 give or take a rounding error: keep the DN offset exact.
        c.offset = std::abs(off - std::round(off)) < 1e-6 ? std::round(off) : off;
    }
    return c;
}

// Best asset per band (and the SCL) of an item.
QMap<QString, Candidate> itemCandidates(const QString& itemLocation, const QJsonObject& item)
{
    QMap<QString, Candidate> out;
    const QJsonObject assets = item.value(QStringLiteral("assets")).toObject();
    for (auto it = assets.begin(); it != assets.end(); ++it) {
        const Candidate c = assetCandidate(itemLocation, it.key(), it.value().toObject());
        if (!c.band.isEmpty() && (!out.contains(c.band) || better(c, out[c.band])))
            out[c.band] = c;
    }
    return out;
}

void readItemProperties(const QJsonObject& item, Meta& m)
{
    const QJsonObject p = item.value(QStringLiteral("properties")).toObject();
    auto str = [&](std::initializer_list<const char*> keys) {
        for (const char* k : keys)
            if (const QString v = jsonText(p.value(QLatin1String(k))); !v.isEmpty())
                return v;
        return QString();
    };
    m.productName = item.value(QStringLiteral("id")).toString();
    m.baseline = str({ "s2:processing_baseline", "sentinel:processing_baseline", "processing:version" });
    for (const char* k : { "earthsearch:boa_offset_applied", "sentinel:boa_offset_applied" })
        m.offsetApplied |= p.value(QLatin1String(k)).toBool();
    // Only a real date orders layers and picks the nearest other date ("yesterday" would not).
    for (const char* k : { "datetime", "start_datetime" })
        if (m.sensingTime.isEmpty())
            if (const QString v = str({ k }); QDate::fromString(v.left(10), Qt::ISODate).isValid())
                m.sensingTime = v;
    QString tile = str({ "s2:mgrs_tile", "sentinel:mgrs_tile" });
    if (tile.isEmpty() && p.contains(QStringLiteral("mgrs:utm_zone")))
        tile = QStringLiteral("%1%2%3")
                   .arg(p.value(QStringLiteral("mgrs:utm_zone")).toInt(), 2, 10, QLatin1Char('0'))
                   .arg(p.value(QStringLiteral("mgrs:latitude_band")).toString(),
                       p.value(QStringLiteral("mgrs:grid_square")).toString());
    if (tile.isEmpty())
        tile = str({ "grid:code" }).remove(QStringLiteral("MGRS-"));
    if (tile.isEmpty()) {
        static const QRegularExpression inId(QStringLiteral("(?:^|_)T?(\\d{2}[A-Z]{3})(?:_|$)"));
        tile = inId.match(m.productName).captured(1);
    }
    static const QRegularExpression tileRe(QStringLiteral("^T?(\\d{2}[A-Z]{3})$"));
    if (const auto t = tileRe.match(tile); t.hasMatch())
        m.tileId = QStringLiteral("T") + t.captured(1);
    // Values outside their range are no values (a cloud cover of 1e308 printed as 309 digits).
    if (const double c = p.value(QStringLiteral("eo:cloud_cover")).toDouble(-1); c >= 0 && c <= 100)
        m.cloudCover = c;
    if (const double e = p.value(QStringLiteral("view:sun_elevation")).toDouble(NAN); e >= -90 && e <= 90)
        m.sunZenith = 90.0 - e;
    else if (const double z = p.value(QStringLiteral("s2:mean_solar_zenith")).toDouble(NAN);
             z >= 0 && z <= 180)
        m.sunZenith = z;
    for (const char* k : { "view:sun_azimuth", "s2:mean_solar_azimuth" })
        if (const double a = p.value(QLatin1String(k)).toDouble(NAN); m.sunAzimuth < 0 && a >= 0 && a <= 360)
            m.sunAzimuth = a;
    const QString type = str({ "s2:product_type", "sentinel:product_type" }) + QLatin1Char(' ')
        + m.productName + QLatin1Char(' ') + item.value(QStringLiteral("collection")).toString();
    // "L2A" / "MSI2A", never a bare "2A": S2A is the satellite.
    if (type.contains(QLatin1String("L2A"), Qt::CaseInsensitive) || type.contains(QLatin1String("MSI2A")))
        m.level = QStringLiteral("L2A");
    else if (type.contains(QLatin1String("L1C"), Qt::CaseInsensitive)
        || type.contains(QLatin1String("MSI1C")))
        m.level = QStringLiteral("L1C");
    if (const auto pn = productNameRe().match(str({ "s2:product_uri" }));
        pn.hasMatch() && m.baseline.isEmpty())
        m.baseline = pn.captured(3).insert(2, QLatin1Char('.'));
}

// A processing baseline anywhere in a JSON value: a "...processing_baseline" key or an ESA product name.
QString findBaseline(const QJsonValue& v)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString k = it.key().toLower();
            if (k.contains(QLatin1String("processing_baseline"))
                || k.contains(QLatin1String("processingbaseline")))
                if (const QString b = jsonText(it.value()); baselineNumber(b) > 0)
                    return b;
        }
        for (auto it = o.begin(); it != o.end(); ++it)
            if (const QString b = findBaseline(it.value()); !b.isEmpty())
                return b;
    } else if (v.isArray()) {
        for (const QJsonValue& e : v.toArray())
            if (const QString b = findBaseline(e); !b.isEmpty())
                return b;
    } else if (v.isString()) {
        if (const auto m = productNameRe().match(v.toString()); m.hasMatch())
            return m.captured(3).insert(2, QLatin1Char('.'));
    }
    return {};
}

// Opens a band file; remote ones without listing their folder (one request instead of dozens).
// The message names the file, the band and what it belongs to.
io::DatasetPtr openBandFile(const Candidate& c, const QString& userPath)
{
    const QString what = QStringLiteral("%1: %2 in %3").arg(c.band, c.label, userPath);
    const bool remote = io::isRemotePath(c.path);
    if (!remote && !c.path.startsWith(QLatin1String("/vsi")) && !QFileInfo::exists(c.path))
        throw Error(QStringLiteral("Cannot open %1: no such file (%2)").arg(c.path, what));
    const QByteArray old = CPLGetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "");
    if (remote)
        CPLSetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
    io::QuietGdalErrors quiet;
    io::DatasetPtr ds(GDALDataset::FromHandle(GDALOpenEx(
        c.path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (remote)
        CPLSetThreadLocalConfigOption(
            "GDAL_DISABLE_READDIR_ON_OPEN", old.isEmpty() ? nullptr : old.constData());
    if (!ds)
        throw Error(
            QStringLiteral("Cannot open %1: %2 (%3)").arg(c.path, io::whyUnopenable(c.path, false), what));
    return ds;
}

QString crsName(const OGRSpatialReference* srs)
{
    if (!srs)
        return QStringLiteral("no CRS");
    const char* code = srs->GetAuthorityCode(nullptr);
    const char* auth = srs->GetAuthorityName(nullptr);
    if (code && auth)
        return QStringLiteral("%1:%2").arg(QLatin1String(auth), QLatin1String(code));
    return QString::fromUtf8(srs->GetName());
}

} // namespace

// Puts the chosen files on one grid (the finest band's) and fills the product.
void Product::Impl::assembleBandFiles(
    const QString& userPath, const QMap<QString, io::BandFile>& chosen, const io::BandMeta& meta)
{
    Product::Impl& d = *this;
    struct Opened
    {
        Candidate c;
        GDALDataset* ds = nullptr;
        double gt[6] = { 0, 1, 0, 0, 0, 1 };
        bool georef = false;
    };
    std::vector<Opened> files; // ref points into it: filled once, never grown after
    for (const Candidate& c : chosen) {
        Opened o;
        o.c = c;
        o.ds = d.keep(openBandFile(c, userPath));
        o.georef = o.ds->GetGeoTransform(o.gt) == CE_None;
        files.push_back(o);
    }
    // The grid: the finest spectral band (10 m when B02/B03/B04/B08 are there).
    const Opened* ref = nullptr;
    for (const Opened& o : files) {
        if (o.c.band == kScl)
            continue;
        const bool finer = ref
            && (o.georef ? std::abs(o.gt[1]) < std::abs(ref->gt[1])
                         : o.ds->GetRasterXSize() > ref->ds->GetRasterXSize());
        if (!ref || finer)
            ref = &o;
    }
    const int W = ref->ds->GetRasterXSize(), H = ref->ds->GetRasterYSize();
    if (W < 16 || H < 16)
        throw Error(
            QStringLiteral("%1 is %2 x %3 pixels: too small to show or reconstruct (at least 16 x 16)")
                .arg(ref->c.path)
                .arg(W)
                .arg(H));
    const OGRSpatialReference* refSrs = ref->ds->GetSpatialRef();
    const double refPx = std::abs(ref->gt[1]), refPy = std::abs(ref->gt[5]);
    double units = 0; // metres per CRS unit, 0 when the CRS is not projected
    if (ref->georef && refSrs && refSrs->IsProjected())
        units = refSrs->GetLinearUnits();

    QMap<int, BandDesc> descs; // by kS2Bands index: S2 order
    QMap<int, BandSource> sources;
    QStringList guessed;
    QSet<int> fromItem; // bands whose radiometry the STAC item's raster:bands gave
    for (const Opened& o : files) {
        const QString name = QFileInfo(o.c.path).fileName();
        const QString refName = QFileInfo(ref->c.path).fileName();
        const int nw = o.ds->GetRasterXSize(), nh = o.ds->GetRasterYSize();
        int f = 1;
        if (o.georef != ref->georef)
            throw Error(
                QStringLiteral("%1: %2 is georeferenced but %3 is not: the band files must share one grid")
                    .arg(userPath, o.georef ? name : refName, o.georef ? refName : name));
        if (ref->georef) {
            if (o.gt[2] != 0 || o.gt[4] != 0)
                throw Error(
                    QStringLiteral("%1: %2 is rotated; the band files must be north-up").arg(userPath, name));
            const OGRSpatialReference* srs = o.ds->GetSpatialRef();
            if ((srs == nullptr) != (refSrs == nullptr) || (srs && !srs->IsSame(refSrs)))
                throw Error(
                    QStringLiteral("%1: %2 is in %3 but %4 is in %5: the band files must share one CRS")
                        .arg(userPath, name, crsName(srs), refName, crsName(refSrs)));
            const double fx = std::abs(o.gt[1]) / refPx, fy = std::abs(o.gt[5]) / refPy;
            f = static_cast<int>(std::lround(fx));
            if (f < 1 || std::abs(fx - f) > 1e-6 * f || std::abs(fy - f) > 1e-6 * f)
                throw Error(QStringLiteral(
                    "%1: %2 has pixels of %3 x %4, not a whole multiple of %5's %6 x %7%8: the "
                    "bands do not align")
                                .arg(userPath, name)
                                .arg(std::abs(o.gt[1]))
                                .arg(std::abs(o.gt[5]))
                                .arg(refName)
                                .arg(refPx)
                                .arg(refPy)
                                .arg(units == 1.0 ? QStringLiteral(" m") : QString()));
            if (std::abs(o.gt[0] - ref->gt[0]) > 0.01 * refPx
                || std::abs(o.gt[3] - ref->gt[3]) > 0.01 * refPy)
                throw Error(
                    QStringLiteral("%1: %2 starts at (%3, %4) but %5 at (%6, %7): the bands do not align")
                        .arg(userPath, name)
                        .arg(o.gt[0], 0, 'f', 2)
                        .arg(o.gt[3], 0, 'f', 2)
                        .arg(refName)
                        .arg(ref->gt[0], 0, 'f', 2)
                        .arg(ref->gt[3], 0, 'f', 2));
        } else {
            f = std::max(1, static_cast<int>(std::lround(static_cast<double>(W) / nw)));
        }
        // Same extent: a coarse raster covers the grid with its last pixel (1098 px at 100 m = 183 at 600 m).
        if (nw != (W + f - 1) / f || nh != (H + f - 1) / f)
            throw Error(
                QStringLiteral("%1: %2 is %3 x %4 pixels at %5 times %6's pixel size, which is %7 x %8 "
                               "pixels: the bands do not cover the same extent")
                    .arg(userPath, name)
                    .arg(nw)
                    .arg(nh)
                    .arg(f)
                    .arg(refName)
                    .arg(W)
                    .arg(H));
        const int resolution = units > 0 ? static_cast<int>(std::lround(std::abs(o.gt[1]) * units)) : 10 * f;
        d.info.sizePerResolution[resolution] = QStringLiteral("%1 x %2").arg(nw).arg(nh);

        GDALRasterBand* band = o.ds->GetRasterBand(1);
        if (o.c.band == kScl) {
            d.classes = BandSource();
            d.classes.band = band;
            d.classes.factor = f;
            d.info.maskKind = MaskKind::Scl;
            d.info.maskFile = o.c.path;
            continue;
        }
        BandSource s;
        s.band = band;
        s.factor = f;
        const bool isFloat
            = band->GetRasterDataType() == GDT_Float32 || band->GetRasterDataType() == GDT_Float64;
        int hasNd = 0;
        s.nodata = band->GetNoDataValue(&hasNd);
        s.hasNodata = hasNd;
        // Radiometry: the item's raster:bands, else the MTD, else the file's own scale / offset tags,
        // else the processing baseline (>= 04.00: -1000), else none (with a warning).
        int hasScale = 0, hasOffset = 0;
        const double tagScale = band->GetScale(&hasScale), tagOffset = band->GetOffset(&hasOffset);
        const double baseline = baselineNumber(meta.baseline);
        if (o.c.hasRadiometry) {
            s.offset = o.c.offset;
            s.scale = o.c.scale;
            fromItem.insert(s2BandIndex(o.c.band));
        } else if (isFloat && (meta.haveMtd || baseline > 0)
            && floatBandTop(band, s.hasNodata, s.nodata) <= 50) {
            // Float reflectance beside an MTD or under a product's name: the MTD's and the baseline's
            // DN radiometry is not its own (0.3 read as DN gave -0.09997).
            s.offset = 0;
            s.scale = 1.0;
        } else if (meta.haveMtd) {
            s.offset = meta.mtdOffsets.value(o.c.band, 0.0);
            s.scale = 1.0 / meta.quantification;
        } else if ((hasScale && tagScale != 1.0 && tagScale > 0) || (hasOffset && tagOffset != 0.0)) {
            s.scale = hasScale && tagScale > 0 ? tagScale : 1.0;
            s.offset = tagOffset / s.scale;
        } else if (baseline > 0) {
            s.offset = baseline >= 4.0 && !meta.offsetApplied ? -1000.0 : 0.0;
            s.scale = 1.0 / meta.quantification;
        } else {
            s.offset = 0;
            s.scale = isFloat ? 1.0 : 1e-4;
            if (!isFloat)
                guessed << o.c.band;
        }
        s.integerNodataZero = !isFloat && integerZeroIsNodata(band, s.hasNodata, s.nodata, s.offset);
        const int idx = s2BandIndex(o.c.band);
        BandDesc desc;
        desc.name = o.c.band;
        desc.resolution = resolution;
        desc.offset = s.offset;
        desc.scale = s.scale;
        desc.centralNm = kS2Bands[idx].central;
        desc.file = o.c.path;
        descs[idx] = desc;
        sources[idx] = s;
    }
    // Catalogues say "offset -0.1" for numbers that already had it subtracted, and the reverse
    // (Earth Search: raster:bands and earthsearch:boa_offset_applied each wrong on some items,
    // Element84/earth-search#9, #66, #71): 0.1 of reflectance either way. The numbers decide where no
    // MTD (ESA's own) gives the offset: with the offset still in them, a clear pixel's DN below it
    // would be a negative reflectance, which the blue band of half the clear land never is.
    if (!meta.haveMtd) {
        const int blue = sources.contains(s2BandIndex(QStringLiteral("B02")))
            ? s2BandIndex(QStringLiteral("B02"))
            : s2BandIndex(QStringLiteral("B04"));
        if (sources.contains(blue) && sources[blue].offset < 0 && sources[blue].integerNodataZero) {
            const double offsetDn = -sources[blue].offset;
            const double share = shareBelow(sources[blue].band, d.classes.band, offsetDn);
            if (share < 0 && meta.offsetApplied && fromItem.contains(blue))
                d.info.warnings << QStringLiteral(
                    "the item says both that its offset is applied (earthsearch:boa_offset_applied) and "
                    "that it is %1 DN (raster:bands), and too few clear pixels of %2 tell which is right: "
                    "the offset is applied; if the scene reads 0.1 too dark, the numbers held none")
                                       .arg(-offsetDn)
                                       .arg(descs[blue].name);
            if (share > 0.5) { // applied already, vegetation and soil mostly fall below (90-100 %)
                for (auto it = sources.begin(); it != sources.end(); ++it)
                    if (it->offset < 0) {
                        it->offset = 0;
                        descs[it.key()].offset = 0;
                    }
                d.info.warnings << QStringLiteral(
                    "the metadata give an offset of %1 DN, but with it %2 % of the clear pixels of %3 would "
                    "read as negative reflectance: the offset is already in the numbers (some catalogues "
                    "mark items wrongly), so none is applied")
                                       .arg(-offsetDn)
                                       .arg(qRound(100 * share))
                                       .arg(descs[blue].name);
            }
        }
    }
    for (auto it = descs.cbegin(); it != descs.cend(); ++it) {
        d.info.bands << it.value();
        d.bands.push_back(sources[it.key()]);
    }

    d.info.width = W;
    d.info.height = H;
    if (ref->georef) {
        std::copy(ref->gt, ref->gt + 6, d.info.geoTransform);
        if (refSrs)
            d.setCrs(*refSrs);
    } else {
        d.info.warnings << QStringLiteral("%1 has no georeferencing: coordinates are pixel positions")
                               .arg(QFileInfo(ref->c.path).fileName());
    }

    static const QRegularExpression tileRe(QStringLiteral("(?:^|_)(T\\d{2}[A-Z]{3})(?:_|$)"));
    d.info.productName = meta.productName.isEmpty() ? QFileInfo(userPath).fileName() : meta.productName;
    d.info.baseline = meta.baseline;
    d.info.tileId = meta.tileId.isEmpty() ? tileRe.match(d.info.productName).captured(1) : meta.tileId;
    d.info.sensingTime = meta.sensingTime;
    for (const Opened& o : files) { // T29RKH_20200219T112111_B02_10m.jp2 names both
        const QString n = QFileInfo(o.c.path).completeBaseName();
        if (d.info.tileId.isEmpty())
            d.info.tileId = tileRe.match(n).captured(1);
        if (d.info.sensingTime.isEmpty())
            d.info.sensingTime = sensingTimeFromName(n);
    }
    d.info.cloudCoverMetadata = meta.cloudCover;
    d.info.sunZenith = meta.sunZenith;
    d.info.sunAzimuth = meta.sunAzimuth;
    d.info.generatedByUnclouded = meta.generatedByUnclouded;
    d.info.level = !meta.level.isEmpty() ? meta.level : d.classes.band ? QStringLiteral("L2A") : QString();

    if (!guessed.isEmpty())
        d.info.warnings << QStringLiteral(
            "no offset given for %1 (by a STAC item's raster:bands, an MTD_MSIL2A.xml or a processing "
            "baseline): assumed none, reflectance = DN / 10000; data of processing baseline 04.00 or later "
            "(sensed from 25 January 2022, or older dates reprocessed by ESA, Collection 1) would then read "
            "0.1 too high")
                               .arg(guessed.join(QStringLiteral(", ")));
    else if (!meta.baselineFrom.isEmpty())
        d.info.warnings << QStringLiteral(
            "offsets inferred from processing baseline %1 found in %2 (no STAC item "
            "or MTD gives them)")
                               .arg(meta.baseline, meta.baselineFrom);
    if (!d.classes.band && d.classiCandidate.isEmpty())
        d.info.warnings << QStringLiteral("no SCL among the band files: open a mask file to mark clouds");
}

namespace {

// A tile MTD (MTD_TL.xml, or S2A_OPER_MTD_L1C_TL_... before December 2016): the tile's sensing time,
// cloud cover and sun angles, and the processing baseline its TILE_ID ends with (..._N05.09) when
// no product MTD was read.
void readTileMtd(const QString& path, io::BandMeta& meta)
{
    QFile f(path);
    if (f.size() >= (64 << 20) || !f.open(QIODevice::ReadOnly))
        return;
    const QString xml = QString::fromUtf8(f.readAll());
    static const QRegularExpression sensing(QStringLiteral("<SENSING_TIME[^>]*>([^<]+)</SENSING_TIME>"));
    static const QRegularExpression cloudy(
        QStringLiteral("<CLOUDY_PIXEL_PERCENTAGE[^>]*>([^<]+)</CLOUDY_PIXEL_PERCENTAGE>"));
    static const QRegularExpression sun(QStringLiteral("<Mean_Sun_Angle>\\s*<ZENITH_ANGLE[^>]*>([^<]+)</"
                                                       "ZENITH_ANGLE>\\s*<AZIMUTH_ANGLE[^>]*>([^<]+)<"));
    static const QRegularExpression tileId(
        QStringLiteral("<TILE_ID[^>]*>\\s*([^<]*_N(\\d{2})\\.(\\d{2}))\\s*</TILE_ID>"));
    if (const auto m = sensing.match(xml); m.hasMatch())
        meta.sensingTime = m.captured(1).trimmed();
    bool ok = false;
    if (const double c = cloudy.match(xml).captured(1).trimmed().toDouble(&ok); ok && c >= 0 && c <= 100)
        meta.cloudCover = c;
    if (const auto m = sun.match(xml); m.hasMatch()) {
        bool okZ = false, okA = false;
        const double z = m.captured(1).trimmed().toDouble(&okZ), a = m.captured(2).trimmed().toDouble(&okA);
        if (okZ && okA && z >= 0 && z <= 90 && a >= 0 && a <= 360) {
            meta.sunZenith = z;
            meta.sunAzimuth = a;
        }
    }
    if (const auto m = tileId.match(xml); m.hasMatch() && meta.baseline.isEmpty() && !meta.haveMtd) {
        meta.baseline = m.captured(2) + QLatin1Char('.') + m.captured(3);
        meta.baselineFrom = QFileInfo(path).fileName();
    }
}

// A tile's metadata from its product's MTD: radiometry, baseline, cloud cover, sensing time.
void takeProductMtd(io::BandMeta& meta, const ProductMtd& m)
{
    meta.haveMtd = true;
    meta.mtdOffsets = m.offsets;
    meta.quantification = m.quantification;
    meta.baseline = m.baseline;
    meta.cloudCover = m.cloudCover;
    meta.sensingTime = m.sensingTime;
}

} // namespace

void Product::Impl::openGranule(const QString& granule, const QString& productMtd)
{
    // A SAFE's tile folder without the SAFE around it (copied out, or a download of one tile): its
    // MTD_TL.xml names the level, the tile and the baseline; the product MTD with its offsets is gone,
    // unless given (a SAFE read through its tile's band files).
    const QDir g(granule);
    Meta meta;
    if (!productMtd.isEmpty()) {
        const ProductMtd m = readProductMtd(productMtd);
        takeProductMtd(meta, m);
        meta.productName = m.productName;
        meta.generatedByUnclouded = m.generatedByUnclouded;
    }
    const Meta product = meta;
    readTileMtd(g.filePath(QStringLiteral("MTD_TL.xml")), meta);
    if (!productMtd.isEmpty()) { // the SAFE's statements, as its own reader gives them
        meta.cloudCover = product.cloudCover;
        meta.sensingTime = product.sensingTime;
    }
    static const QRegularExpression nameRe(QStringLiteral("^(L1C|L2A)_(T\\d{2}[A-Z]{3})_"));
    const auto name = nameRe.match(g.dirName());
    meta.level = name.captured(1);
    meta.tileId = name.captured(2);
    if (meta.level.isEmpty()) {
        QFile f(g.filePath(QStringLiteral("MTD_TL.xml")));
        const QByteArray head = f.open(QIODevice::ReadOnly) ? f.read(4096) : QByteArray();
        meta.level = head.contains("Level-2A_Tile_ID") ? QStringLiteral("L2A")
            : head.contains("Level-1C_Tile_ID")        ? QStringLiteral("L1C")
                                                       : QString();
    }
    if (meta.productName.isEmpty())
        meta.productName = g.dirName();
    // An L1C's clouds, as openSafe finds them: MSK_CLASSI_B00.jp2 since baseline 04.00, else polygons.
    const QDir qi(g.filePath(QStringLiteral("QI_DATA")));
    if (meta.level != QLatin1String("L2A"))
        for (const QString& c :
            { QStringLiteral("MSK_CLASSI_B00.jp2"), QStringLiteral("MSK_CLOUDS_B00.gml") })
            if (qi.exists(c)) {
                classiCandidate = qi.filePath(c);
                break;
            }
    openBandFolder(g.filePath(QStringLiteral("IMG_DATA")), &meta);
    info.format = QStringLiteral("SAFE tile folder");
}

void Product::Impl::openOldFormatTile(const QString& granule)
{
    const QDir g(granule);
    Meta meta;
    static const QRegularExpression tileRe(QStringLiteral("_(T\\d{2}[A-Z]{3})_"));
    static const QRegularExpression baselineRe(QStringLiteral("_N(\\d{2})\\.(\\d{2})$"));
    meta.tileId = tileRe.match(g.dirName()).captured(1);
    // The product's metadata two folders up (absent when only the tile was copied).
    const QDir product(g.absoluteFilePath(QStringLiteral("../..")));
    const QStringList mtds = QFileInfo(QDir::cleanPath(g.absoluteFilePath(QStringLiteral("..")))).fileName()
            == QLatin1String("GRANULE")
        ? product.entryList(io::kOldProductMtds, QDir::Files, QDir::Name)
        : QStringList();
    if (!mtds.isEmpty()) {
        takeProductMtd(meta, readProductMtd(product.filePath(mtds.first()))); // the tile's own below
        // A tile of the product: its name says which, so that tiles never share an output's name.
        meta.productName
            = QFileInfo(product.absolutePath()).completeBaseName() + QLatin1Char('_') + meta.tileId;
    } else if (const auto b = baselineRe.match(g.dirName()); b.hasMatch()) {
        meta.baseline = b.captured(1) + QLatin1Char('.') + b.captured(2); // before 04.00: no offset
        meta.baselineFrom = QStringLiteral("the tile's folder name");
    }
    // The tile MTD's name says the level (Sen2Cor's old product type, S2MSI2Ap, does not).
    meta.level = g.entryList({ QStringLiteral("S2?_USER_MTD_L2A_*.xml") }, QDir::Files).isEmpty()
        ? QStringLiteral("L1C")
        : QStringLiteral("L2A");
    // The tile's own sensing time, cloud cover and sun angles.
    if (const QStringList tileMtds = g.entryList(io::kOldTileMtds, QDir::Files, QDir::Name);
        !tileMtds.isEmpty())
        readTileMtd(g.filePath(tileMtds.first()), meta);
    if (meta.productName.isEmpty())
        meta.productName = g.dirName();
    // Clouds: the tile's S2A_OPER_MSK_CLOUDS_..._B00_MSIL1C.gml, read by finishOpen (an L1C's; Sen2Cor
    // keeps that file in its L2A, whose SCL says more).
    const QStringList clouds
        = QDir(g.filePath(QStringLiteral("QI_DATA")))
              .entryList({ QStringLiteral("*_MSK_CLOUDS_*_B00_MSIL1C.gml") }, QDir::Files);
    if (!clouds.isEmpty() && meta.level == QLatin1String("L1C"))
        classiCandidate = g.filePath(QStringLiteral("QI_DATA/") + clouds.first());
    openBandFolder(g.filePath(QStringLiteral("IMG_DATA")), &meta);
    info.format = QStringLiteral("SAFE (before December 2016), one tile");
}

void Product::Impl::openBandFolder(const QString& path, const io::BandMeta* preset)
{
    info.format = QStringLiteral("Band folder");
    const QDir dir(path);
    Meta meta = preset ? *preset : Meta();

    // The files, by name; several for one band: see better().
    QMap<QString, QList<Candidate>> byBand;
    for (const auto& [folder, folderRes] : io::bandFolders(path))
        for (const QString& f : io::rasterFiles(folder)) {
            const io::NamedBand n = io::bandFromName(f);
            if (n.band.isEmpty() && !n.scl)
                continue;
            Candidate c;
            c.band = n.scl ? kScl : n.band;
            c.path = QDir(folder).filePath(f);
            c.label = dir.relativeFilePath(c.path);
            c.resolution = n.resolution ? n.resolution : folderRes;
            c.tiff = !f.endsWith(QLatin1String(".jp2"), Qt::CaseInsensitive);
            byBand[c.band] << c;
        }
    QMap<QString, Candidate> chosen;
    for (auto it = byBand.begin(); it != byBand.end(); ++it) {
        std::sort(it->begin(), it->end(), better);
        chosen[it.key()] = it->first();
        // B02 at 10, 20 and 60 m is a SAFE's layout; two files at one resolution is worth a word.
        QStringList others;
        for (int i = 1; i < it->size(); ++i)
            if (it->at(i).resolution == it->first().resolution)
                others << it->at(i).label;
        if (!others.isEmpty())
            info.warnings << QStringLiteral("%1: using %2, not %3")
                                 .arg(it.key(), it->first().label, others.join(QStringLiteral(", ")));
    }
    // The classes no finer than the grid (the finest spectral band's): SCL_60m beside bands that are
    // all 60 m copies (an L2A whose R10m and R20m bands are missing), not SCL_20m, which cannot lie on it.
    if (chosen.contains(kScl)) {
        int finest = INT_MAX;
        for (auto it = chosen.cbegin(); it != chosen.cend(); ++it)
            if (it.key() != kScl && it->resolution > 0)
                finest = std::min(finest, it->resolution);
        if (finest != INT_MAX && chosen[kScl].resolution > 0 && chosen[kScl].resolution < finest)
            for (const Candidate& c : byBand[kScl]) // best first
                if (c.resolution >= finest) {
                    chosen[kScl] = c;
                    break;
                }
    }
    if (chosen.isEmpty() || (chosen.size() == 1 && chosen.contains(kScl)))
        throw Error(QStringLiteral("%1 has no band files (such as B02.tif, blue.tif or "
                                   "T33UUU_20230101T102021_B02_10m.jp2)")
                        .arg(path));

    // Metadata beside the files: a STAC item first, then an MTD, then any JSON naming the baseline.
    const QStringList jsons
        = dir.entryList({ QStringLiteral("*.json") }, QDir::Files | QDir::Readable, QDir::Name);
    QList<std::pair<QString, QJsonObject>> otherJson;
    bool haveItem = false;
    for (const QString& j : jsons) {
        const QString jp = dir.filePath(j);
        if (QFileInfo(jp).size() > (16 << 20))
            continue;
        QFile file(jp);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
        if (!doc.isObject())
            continue; // not ours to judge: only an item we use must parse
        const QJsonObject o = doc.object();
        if (!haveItem && isStacItemObject(o)) {
            haveItem = true;
            readItemProperties(o, meta);
            // The item's assets name the bands; its radiometry applies to the local files of those bands.
            const QMap<QString, Candidate> assets = itemCandidates(jp, o);
            for (auto it = chosen.begin(); it != chosen.end(); ++it)
                if (assets.contains(it.key()) && assets[it.key()].hasRadiometry) {
                    it->hasRadiometry = true;
                    it->offset = assets[it.key()].offset;
                    it->scale = assets[it.key()].scale;
                }
        } else {
            otherJson.append({ j, o });
        }
    }
    const QStringList mtds = dir.entryList(
        { QStringLiteral("MTD_MSIL2A.xml"), QStringLiteral("MTD_MSIL1C.xml") }, QDir::Files, QDir::Name);
    if (!mtds.isEmpty()) {
        const ProductMtd m = readProductMtd(dir.filePath(mtds.first()));
        meta.haveMtd = true;
        meta.mtdOffsets = m.offsets;
        meta.quantification = m.quantification;
        meta.generatedByUnclouded = m.generatedByUnclouded;
        auto fill = [](QString& to, const QString& from) {
            if (to.isEmpty())
                to = from;
        };
        fill(meta.productName, m.productName);
        fill(meta.baseline, m.baseline);
        fill(meta.sensingTime, m.sensingTime);
        fill(meta.level, m.level);
        if (meta.cloudCover < 0)
            meta.cloudCover = m.cloudCover;
        if (meta.tileId.isEmpty())
            meta.tileId = productNameRe().match(m.productName).captured(4);
    }
    if (meta.baseline.isEmpty()) {
        for (const auto& [name, o] : otherJson)
            if (const QString b = findBaseline(o); !b.isEmpty()) {
                meta.baseline = b;
                meta.baselineFrom = name;
                break;
            }
    }
    if (meta.baseline.isEmpty()) // the folder keeps the product's name: S2B_MSIL2A_..._N0509_...
        if (const auto m = productNameRe().match(QFileInfo(path).fileName()); m.hasMatch()) {
            meta.baseline = m.captured(3).insert(2, QLatin1Char('.'));
            meta.baselineFrom = QStringLiteral("the folder's name");
        }
    if (meta.productName.isEmpty() || meta.level.isEmpty() || meta.tileId.isEmpty()
        || meta.sensingTime.isEmpty()) {
        for (const auto& json : otherJson) {
            // tileInfo.json / productInfo.json (AWS) carry the ESA product name.
            const QString text = QString::fromUtf8(QJsonDocument(json.second).toJson(QJsonDocument::Compact));
            if (const auto m = productNameRe().match(text); m.hasMatch()) {
                if (meta.productName.isEmpty())
                    meta.productName = m.captured(0);
                break;
            }
        }
        const auto m
            = productNameRe().match(meta.productName + QLatin1Char(' ') + QFileInfo(path).fileName());
        if (m.hasMatch()) {
            if (meta.level.isEmpty())
                meta.level = m.captured(1);
            if (meta.tileId.isEmpty())
                meta.tileId = m.captured(4);
            if (meta.sensingTime.isEmpty())
                meta.sensingTime = isoFromCompact(m.captured(2));
        }
    }
    assembleBandFiles(path, chosen, meta);
}

void Product::Impl::openStacItem(const QString& location)
{
    info.format = QStringLiteral("STAC item");
    const QJsonObject item = parseJsonObject(readWhole(location), location, QStringLiteral("STAC item"));
    if (!isStacItemObject(item))
        throw Error(QStringLiteral("%1 is not a STAC item: it has no \"assets\" object").arg(location));
    const QMap<QString, Candidate> chosen = itemCandidates(location, item);
    bool anyBand = false;
    for (const Candidate& c : chosen)
        anyBand |= c.band != kScl;
    if (!anyBand)
        throw Error(
            QStringLiteral("%1: none of the STAC item's assets (%2) is a Sentinel-2 band file; bands are "
                           "found by eo:bands name, common name (blue, nir08, ...) or asset key (B02, ...)")
                .arg(location,
                    item.value(QStringLiteral("assets")).toObject().keys().join(QStringLiteral(", "))));
    Meta meta;
    readItemProperties(item, meta);
    assembleBandFiles(location, chosen, meta);
    // An asset named as a band whose link is missing, empty or not text: that band was left out
    // without a word (a SAFE with a missing band file says so).
    const QJsonObject assets = item.value(QStringLiteral("assets")).toObject();
    for (auto it = assets.begin(); it != assets.end(); ++it) {
        const io::NamedBand named = io::bandFromName(it.key());
        const QString band = named.scl ? QString(kScl)
            : named.band.isEmpty()     ? bandFromCommonName(it.key()) // Earth Search's "red", "nir"
                                       : named.band;
        const QJsonValue href = it.value().toObject().value(QStringLiteral("href"));
        if (!band.isEmpty() && !named.ignored && !chosen.contains(band)
            && (!href.isString() || href.toString().isEmpty()))
            info.warnings
                << QStringLiteral("the asset %1 has no link (href): band %2 is left out").arg(it.key(), band);
    }
}

bool isStacItem(const QString& path)
{
    const QFileInfo fi(path);
    if (!fi.isFile() || fi.size() > (16 << 20))
        return false;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    return doc.isObject() && isStacItemObject(doc.object());
}

} // namespace unclouded
