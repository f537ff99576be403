#include "core/io/product.h"

#include "core/common/error.h"
#include "core/common/runtime.h"
#include "core/io/gdal_p.h"
#include "core/io/resample.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <cpl_minixml.h>
#include <cpl_vsi.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <mutex>

namespace unclouded {

namespace {

using io::DatasetPtr;

// "B4" / "B04" / "b8a" -> "B04" / "B8A"; empty when not a Sentinel-2 band name.
QString canonicalBand(const QString& raw)
{
    static const QRegularExpression re(QStringLiteral("^B0?(\\d{1,2})(A?)$"), QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(raw.trimmed());
    if (!m.hasMatch())
        return {};
    const int n = m.captured(1).toInt();
    const bool a = !m.captured(2).isEmpty();
    if (a && n != 8)
        return {};
    if (n < 1 || n > 12)
        return {};
    return a ? QStringLiteral("B8A") : QStringLiteral("B%1").arg(n, 2, 10, QLatin1Char('0'));
}

int s2Index(const QString& canonical)
{
    for (int i = 0; i < kS2BandCount; ++i)
        if (canonical == QLatin1String(kS2Bands[i].name))
            return i;
    return -1;
}

// Band name from a GeoTIFF band description: "B04", "Red(B04)", "NIR(B08?)", "red", "swir1" ...
QString bandFromDescription(const QString& desc)
{
    static const QRegularExpression inText(QStringLiteral("B0?(\\d{1,2}A?)"), QRegularExpression::CaseInsensitiveOption);
    auto it = inText.globalMatch(desc);
    while (it.hasNext()) {
        const QString c = canonicalBand(QStringLiteral("B") + it.next().captured(1));
        if (!c.isEmpty())
            return c;
    }
    const QString d = desc.trimmed().toLower();
    static const QMap<QString, QString> common{{QStringLiteral("coastal"), QStringLiteral("B01")}, {QStringLiteral("blue"), QStringLiteral("B02")},
                                               {QStringLiteral("green"), QStringLiteral("B03")}, {QStringLiteral("red"), QStringLiteral("B04")},
                                               {QStringLiteral("nir"), QStringLiteral("B08")}, {QStringLiteral("swir1"), QStringLiteral("B11")},
                                               {QStringLiteral("swir16"), QStringLiteral("B11")}, {QStringLiteral("swir2"), QStringLiteral("B12")},
                                               {QStringLiteral("swir22"), QStringLiteral("B12")}};
    return common.value(d);
}

struct XmlDoc
{
    CPLXMLNode* root = nullptr;
    explicit XmlDoc(const QString& path)
    {
        io::QuietGdalErrors quiet;
        root = CPLParseXMLFile(path.toUtf8().constData());
        if (root)
            CPLStripXMLNamespace(root, nullptr, TRUE);
    }
    ~XmlDoc() { CPLDestroyXMLNode(root); }
    XmlDoc(const XmlDoc&) = delete;
    XmlDoc& operator=(const XmlDoc&) = delete;
    // Finds the first element with this name anywhere below `from`.
    static CPLXMLNode* find(CPLXMLNode* from, const char* name)
    {
        for (CPLXMLNode* n = from; n; n = n->psNext) {
            if (n->eType != CXT_Element)
                continue;
            if (EQUAL(n->pszValue, name))
                return n;
            if (CPLXMLNode* c = find(n->psChild, name))
                return c;
        }
        return nullptr;
    }
    QString value(const char* name) const
    {
        CPLXMLNode* n = find(root, name);
        return n ? QString::fromUtf8(CPLGetXMLValue(n, nullptr, "")).trimmed() : QString();
    }
};

struct BandSource
{
    GDALRasterBand* band = nullptr;
    int factor = 1;          // native pixel = factor x factor 10 m pixels
    double offset = 0, scale = 1e-4;
    bool integerNodataZero = true;
    bool hasNodata = false;
    double nodata = 0;
};

// A 10 m window read at outW x outH (nearest) with a fractional native window, so GDAL picks the
// overview (JP2 resolution level) that fits. False on failure (the GDAL message is kept).
bool readDecimated(const BandSource& s, const Window& w, int outW, int outH, GDALDataType type, void* out)
{
    GDALRasterIOExtraArg extra;
    INIT_RASTERIO_EXTRA_ARG(extra);
    extra.eResampleAlg = GRIORA_NearestNeighbour;
    extra.bFloatingPointWindowValidity = TRUE;
    extra.dfXOff = static_cast<double>(w.x) / s.factor;
    extra.dfYOff = static_cast<double>(w.y) / s.factor;
    extra.dfXSize = static_cast<double>(w.w) / s.factor;
    extra.dfYSize = static_cast<double>(w.h) / s.factor;
    const int x0 = static_cast<int>(std::floor(extra.dfXOff)), y0 = static_cast<int>(std::floor(extra.dfYOff));
    const int x1 = std::min(s.band->GetXSize(), static_cast<int>(std::ceil(extra.dfXOff + extra.dfXSize)));
    const int y1 = std::min(s.band->GetYSize(), static_cast<int>(std::ceil(extra.dfYOff + extra.dfYSize)));
    io::QuietGdalErrors quiet;
    return s.band->RasterIO(GF_Read, x0, y0, std::max(1, x1 - x0), std::max(1, y1 - y0), out, outW, outH, type, 0, 0, &extra) == CE_None;
}

} // namespace

struct Product::Impl
{
    ProductInfo info;
    std::vector<DatasetPtr> datasets;
    std::vector<BandSource> bands; // aligned with info.bands
    BandSource classes;
    bool classesBinary = false;
    mutable std::mutex mutex;          // GDAL handles
    mutable std::mutex transformMutex; // the coordinate transform, kept apart so the status bar
                                       // never waits behind a tile read holding `mutex`
    std::unique_ptr<OGRCoordinateTransformation> toWgs84;

    GDALDataset* keep(DatasetPtr ds)
    {
        datasets.push_back(std::move(ds));
        return datasets.back().get();
    }
    void openSafe(const QString& path);
    void openGeoTiff(const QString& path);
    void openMask(const QString& path, MaskKind kind);
    void setCrs(const OGRSpatialReference& srs)
    {
        char* wkt = nullptr;
        srs.exportToWkt(&wkt);
        info.crsWkt = QString::fromUtf8(wkt);
        CPLFree(wkt);
        info.epsg = QString::fromLatin1(srs.GetAuthorityCode(nullptr)).toInt();
        info.georeferenced = true;
    }
    void probe();
    void convert(const BandSource& s, float* v, size_t n) const;
    void readNative(const BandSource& s, int x, int y, int w, int h, float* out) const;
};

Product::Product() : d(std::make_unique<Impl>()) {}
Product::~Product() = default;

void Product::Impl::convert(const BandSource& s, float* v, size_t n) const
{
    for (size_t k = 0; k < n; ++k) {
        const float x = v[k];
        if ((s.integerNodataZero && x == 0.f) || (s.hasNodata && x == static_cast<float>(s.nodata)) || std::isnan(x))
            v[k] = NAN;
        else
            v[k] = static_cast<float>((x + s.offset) * s.scale);
    }
}

void Product::Impl::readNative(const BandSource& s, int x, int y, int w, int h, float* out) const
{
    io::QuietGdalErrors quiet;
    if (s.band->RasterIO(GF_Read, x, y, w, h, out, w, h, GDT_Float32, 0, 0) != CE_None)
        throw Error(QStringLiteral("Cannot read %1 from %2: %3")
                        .arg(QString::fromUtf8(s.band->GetDescription()), info.path, io::lastGdalError()));
}

// Opens a SAFE product (folder, zip or MTD file) through GDAL's SENTINEL2 driver.
void Product::Impl::openSafe(const QString& userPath)
{
    QString target = userPath;
    const QFileInfo fi(userPath);
    if (fi.isDir()) {
        const QDir dir(userPath);
        const QStringList mtd = dir.entryList({QStringLiteral("MTD_MSIL2A.xml"), QStringLiteral("MTD_MSIL1C.xml")}, QDir::Files);
        if (mtd.isEmpty())
            throw Error(QStringLiteral("%1 is a folder but not a Sentinel-2 product: it has no MTD_MSIL2A.xml or "
                                       "MTD_MSIL1C.xml").arg(userPath));
        target = dir.filePath(mtd.first());
    } else if (fi.suffix().compare(QLatin1String("zip"), Qt::CaseInsensitive) == 0) {
        // GDAL recognises zips by the ESA name; for renamed zips, look inside for the MTD.
        const QByteArray vsi = (QStringLiteral("/vsizip/") + fi.absoluteFilePath()).toUtf8();
        char** list = VSIReadDirRecursive(vsi.constData());
        QString found;
        for (int i = 0; list && list[i]; ++i) {
            const QString e = QString::fromUtf8(list[i]);
            if (e.endsWith(QLatin1String("MTD_MSIL2A.xml")) || e.endsWith(QLatin1String("MTD_MSIL1C.xml"))) {
                found = QString::fromUtf8(vsi) + QLatin1Char('/') + e;
                break;
            }
        }
        CSLDestroy(list);
        if (found.isEmpty())
            throw Error(QStringLiteral("%1 is not a Sentinel-2 product: the archive has no MTD_MSIL2A.xml or "
                                       "MTD_MSIL1C.xml (or it is not a readable zip)").arg(userPath));
        target = found;
        info.format = QStringLiteral("SAFE (zip)");
    }
    if (info.format.isEmpty())
        info.format = QStringLiteral("SAFE");

    DatasetPtr top = io::openRaster(target);
    const QString driver = QString::fromLatin1(top->GetDriver()->GetDescription());
    if (driver != QLatin1String("SENTINEL2"))
        throw Error(QStringLiteral("%1 is not a Sentinel-2 product (GDAL reads it as %2)").arg(userPath, driver));

    QMap<int, QString> subdatasets; // resolution -> name
    char** sds = top->GetMetadata("SUBDATASETS");
    for (int i = 0; sds && sds[i]; ++i) {
        const QString kv = QString::fromUtf8(sds[i]);
        if (!kv.contains(QStringLiteral("_NAME=")))
            continue;
        const QString name = kv.section(QLatin1Char('='), 1);
        for (int res : {10, 20, 60})
            if (name.contains(QStringLiteral(":%1m:").arg(res)))
                subdatasets[res] = name;
    }
    if (subdatasets.isEmpty())
        throw Error(QStringLiteral("%1: GDAL finds no 10/20/60 m band sets in this product").arg(userPath));

    // SENTINEL2_L2A:<mtd path>:10m:EPSG_32633 -> <mtd path>
    const QString any = subdatasets.first();
    const QString mtdPath = any.section(QLatin1Char(':'), 1, -3);
    info.level = any.startsWith(QLatin1String("SENTINEL2_L2A")) ? QStringLiteral("L2A") : QStringLiteral("L1C");
    const QString safeDir = mtdPath.section(QLatin1Char('/'), 0, -2);

    XmlDoc mtd(mtdPath);
    if (!mtd.root)
        throw Error(QStringLiteral("%1: cannot parse the product metadata %2").arg(userPath, mtdPath));
    info.productName = mtd.value("PRODUCT_URI").remove(QStringLiteral(".SAFE"));
    info.baseline = mtd.value("PROCESSING_BASELINE");
    info.sensingTime = mtd.value("PRODUCT_START_TIME");
    info.generatedByUnclouded = mtd.value("PRODUCT_DOI").contains(QLatin1String("Unclouded"));
    bool ccOk = false;
    info.cloudCoverMetadata = mtd.value("Cloud_Coverage_Assessment").toDouble(&ccOk);
    if (!ccOk)
        info.cloudCoverMetadata = -1;
    static const QRegularExpression tileRe(QStringLiteral("_(T\\d{2}[A-Z]{3})_"));
    info.tileId = tileRe.match(info.productName).captured(1);

    // bandId -> physical band, offsets per bandId, quantification (read per band, never from the date).
    QMap<int, QString> physical;
    QMap<QString, double> offsets;
    double quant = 10000;
    for (CPLXMLNode* n = XmlDoc::find(mtd.root, "Spectral_Information_List"); n; n = nullptr)
        for (CPLXMLNode* c = n->psChild; c; c = c->psNext)
            if (c->eType == CXT_Element && EQUAL(c->pszValue, "Spectral_Information"))
                physical[atoi(CPLGetXMLValue(c, "bandId", "-1"))] = canonicalBand(QString::fromUtf8(CPLGetXMLValue(c, "physicalBand", "")));
    for (const char* listName : {"BOA_ADD_OFFSET_VALUES_LIST", "Radiometric_Offset_List"})
        if (CPLXMLNode* n = XmlDoc::find(mtd.root, listName))
            for (CPLXMLNode* c = n->psChild; c; c = c->psNext)
                if (c->eType == CXT_Element) {
                    const int id = atoi(CPLGetXMLValue(c, "band_id", "-1"));
                    const QString b = physical.value(id, id >= 0 && id < kS2BandCount ? QString::fromLatin1(kS2Bands[id].name) : QString());
                    offsets[b] = QString::fromUtf8(CPLGetXMLValue(c, nullptr, "0")).toDouble();
                }
    for (const char* q : {"BOA_QUANTIFICATION_VALUE", "QUANTIFICATION_VALUE"}) {
        bool ok = false;
        const double v = mtd.value(q).toDouble(&ok);
        if (ok && v > 0) {
            quant = v;
            break;
        }
    }

    QStringList imageFiles;
    if (CPLXMLNode* g = XmlDoc::find(mtd.root, "Granule"))
        for (CPLXMLNode* c = g->psChild; c; c = c->psNext)
            if (c->eType == CXT_Element && EQUAL(c->pszValue, "IMAGE_FILE"))
                imageFiles << QString::fromUtf8(CPLGetXMLValue(c, nullptr, ""));
    auto fileFor = [&](const QString& band, int res) -> QString {
        const QString gdalStyle = band; // file names use B04 / B8A
        for (const QString& f : imageFiles)
            if (f.endsWith(QStringLiteral("_%1_%2m").arg(gdalStyle).arg(res)) || f.endsWith(QLatin1Char('_') + gdalStyle))
                return safeDir + QLatin1Char('/') + f + QStringLiteral(".jp2");
        return {};
    };
    auto exists = [](const QString& p) {
        VSIStatBufL st;
        return !p.isEmpty() && VSIStatL(p.toUtf8().constData(), &st) == 0 && st.st_size > 0;
    };

    // Granule metadata: CRS code and sun angles.
    if (!imageFiles.isEmpty()) {
        XmlDoc tl(safeDir + QLatin1Char('/') + imageFiles.first().section(QLatin1Char('/'), 0, 1) + QStringLiteral("/MTD_TL.xml"));
        if (tl.root) {
            info.sunZenith = tl.value("ZENITH_ANGLE").toDouble();
            if (CPLXMLNode* m = XmlDoc::find(tl.root, "Mean_Sun_Angle")) {
                info.sunZenith = QString::fromUtf8(CPLGetXMLValue(m, "ZENITH_ANGLE", "-1")).toDouble();
                info.sunAzimuth = QString::fromUtf8(CPLGetXMLValue(m, "AZIMUTH_ANGLE", "-1")).toDouble();
            }
        } else {
            info.warnings << QStringLiteral("granule metadata MTD_TL.xml is missing: no sun angles");
        }
    }

    QMap<int, GDALDataset*> byRes;
    for (auto it = subdatasets.cbegin(); it != subdatasets.cend(); ++it) {
        GDALDataset* ds = keep(io::openRaster(it.value()));
        byRes[it.key()] = ds;
        info.sizePerResolution[it.key()] = QStringLiteral("%1 x %2").arg(ds->GetRasterXSize()).arg(ds->GetRasterYSize());
    }
    GDALDataset* grid = byRes.value(10);
    if (!grid)
        throw Error(QStringLiteral("%1: the product has no 10 m band set").arg(userPath));
    info.width = grid->GetRasterXSize();
    info.height = grid->GetRasterYSize();
    grid->GetGeoTransform(info.geoTransform);
    if (const OGRSpatialReference* srs = grid->GetSpatialRef())
        setCrs(*srs);

    // Spectral bands at native resolution, looked up by BANDNAME (never by position).
    QMap<int, std::pair<BandDesc, BandSource>> found;
    for (auto it = byRes.cbegin(); it != byRes.cend(); ++it) {
        GDALDataset* ds = it.value();
        for (int b = 1; b <= ds->GetRasterCount(); ++b) {
            GDALRasterBand* band = ds->GetRasterBand(b);
            const QString raw = QString::fromUtf8(band->GetMetadataItem("BANDNAME"));
            if (raw == QLatin1String("SCL") && it.key() == 20) {
                const QString f = fileFor(QStringLiteral("SCL"), 20);
                if (exists(f)) {
                    classes.band = band;
                    classes.factor = 2;
                    info.maskKind = MaskKind::Scl;
                    info.maskFile = f;
                } else {
                    info.warnings << QStringLiteral("the SCL file %1 is missing").arg(f);
                }
                continue;
            }
            const QString name = canonicalBand(raw);
            const int idx = s2Index(name);
            if (idx < 0 || kS2Bands[idx].resolution != it.key() || found.contains(idx))
                continue;
            const QString f = fileFor(name, it.key());
            if (!exists(f)) {
                info.missingBands << name;
                continue;
            }
            BandDesc desc;
            desc.name = name;
            desc.resolution = it.key();
            desc.offset = offsets.value(name, 0.0);
            desc.scale = 1.0 / quant;
            desc.centralNm = kS2Bands[idx].central;
            desc.file = f;
            BandSource src;
            src.band = band;
            src.factor = it.key() / 10;
            src.offset = desc.offset;
            src.scale = desc.scale;
            found[idx] = {desc, src};
        }
    }
    for (auto it = found.cbegin(); it != found.cend(); ++it) {
        info.bands << it.value().first;
        bands.push_back(it.value().second);
    }
    if (!info.missingBands.isEmpty())
        info.warnings << QStringLiteral("band files missing from the product: %1").arg(info.missingBands.join(QStringLiteral(", ")));
    if (info.bands.isEmpty())
        throw Error(QStringLiteral("%1: none of the product's band files can be found (missing: %2)")
                        .arg(userPath, info.missingBands.join(QStringLiteral(", "))));
    if (info.level == QLatin1String("L1C"))
        info.warnings << QStringLiteral("L1C products have no scene classification (SCL): open a mask file to mark clouds");
}

void Product::Impl::openGeoTiff(const QString& path)
{
    GDALDataset* ds = keep(io::openRaster(path));
    info.format = QString::fromLatin1(ds->GetDriver()->GetDescription()) == QLatin1String("GTiff")
                      ? QStringLiteral("GeoTIFF")
                      : QString::fromLatin1(ds->GetDriver()->GetDescription());
    info.productName = QFileInfo(path).completeBaseName();
    info.width = ds->GetRasterXSize();
    info.height = ds->GetRasterYSize();
    if (info.width < 16 || info.height < 16)
        throw Error(QStringLiteral("%1 is %2 x %3 pixels: too small to show or reconstruct (at least 16 x 16)")
                        .arg(path).arg(info.width).arg(info.height));
    const int n = ds->GetRasterCount();
    static const QMap<int, QStringList> defaults{
        {4, {QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"), QStringLiteral("B08")}},
        {6, {QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"), QStringLiteral("B08"), QStringLiteral("B11"), QStringLiteral("B12")}},
    };
    QStringList names;
    for (int b = 1; b <= n; ++b)
        names << bandFromDescription(QString::fromUtf8(ds->GetRasterBand(b)->GetDescription()));
    if (names.contains(QString()) || names.removeDuplicates() > 0) {
        if (!defaults.contains(n))
            throw Error(QStringLiteral("%1: cannot tell which Sentinel-2 band each of its %2 bands is; name them in the band "
                                       "descriptions (B02, B03, ...)").arg(path).arg(n));
        names = defaults.value(n);
        info.warnings << QStringLiteral("band names not found in the file: assumed %1").arg(names.join(QStringLiteral(", ")));
    }
    for (int b = 1; b <= n; ++b) {
        GDALRasterBand* band = ds->GetRasterBand(b);
        BandSource s;
        s.band = band;
        const bool isFloat = band->GetRasterDataType() == GDT_Float32 || band->GetRasterDataType() == GDT_Float64;
        int hasScale = 0, hasOffset = 0;
        const double sc = band->GetScale(&hasScale), of = band->GetOffset(&hasOffset);
        if ((hasScale && sc != 1.0) || (hasOffset && of != 0.0)) {
            s.scale = sc;
            s.offset = sc != 0 ? of / sc : 0; // reflectance = DN * scale + offset = (DN + offset/scale) * scale
        } else {
            s.scale = isFloat ? 1.0 : 1e-4;
            s.offset = 0;
        }
        s.integerNodataZero = !isFloat;
        int hasNd = 0;
        s.nodata = band->GetNoDataValue(&hasNd);
        s.hasNodata = hasNd;
        BandDesc desc;
        desc.name = names[b - 1];
        desc.resolution = 10;
        desc.offset = s.offset;
        desc.scale = s.scale;
        desc.centralNm = kS2Bands[s2Index(desc.name)].central;
        desc.file = path;
        info.bands << desc;
        bands.push_back(s);
    }
    if (ds->GetGeoTransform(info.geoTransform) == CE_None && ds->GetSpatialRef()) {
        setCrs(*ds->GetSpatialRef());
    } else {
        const double identity[6] = {0, 1, 0, 0, 0, 1};
        std::copy(identity, identity + 6, info.geoTransform);
        info.warnings << QStringLiteral("%1 has no georeferencing: coordinates are pixel positions").arg(QFileInfo(path).fileName());
    }
    info.sizePerResolution[10] = QStringLiteral("%1 x %2").arg(info.width).arg(info.height);
    // Bands are ordered as Sentinel-2 orders them, whatever the file's order.
    std::vector<int> order(info.bands.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return s2Index(info.bands[a].name) < s2Index(info.bands[b].name); });
    QList<BandDesc> sortedDesc;
    std::vector<BandSource> sortedSrc;
    for (int i : order) {
        sortedDesc << info.bands[i];
        sortedSrc.push_back(bands[i]);
    }
    info.bands = sortedDesc;
    bands = sortedSrc;
    info.generatedByUnclouded = QString::fromUtf8(ds->GetMetadataItem("UNCLOUDED_CONTENT")).size() > 0;
}

void Product::Impl::openMask(const QString& path, MaskKind kind)
{
    GDALDataset* ds = keep(io::openRaster(path));
    const int mw = ds->GetRasterXSize(), mh = ds->GetRasterYSize();
    int factor = 0;
    for (int f : {1, 2, 3, 6})
        if (mw * f == info.width && mh * f == info.height)
            factor = f;
    if (factor == 0)
        throw Error(QStringLiteral("The mask %1 is %2 x %3 pixels but the product grid is %4 x %5 (it must match it, or be "
                                   "2, 3 or 6 times coarser over the same extent)")
                        .arg(path).arg(mw).arg(mh).arg(info.width).arg(info.height));
    classes = BandSource();
    classes.band = ds->GetRasterBand(1);
    classes.factor = factor;
    classesBinary = kind == MaskKind::Binary;
    info.maskKind = kind;
    info.maskFile = path;
}

// Reads one pixel of every band's smallest overview: a truncated or corrupt file fails here, at open.
void Product::Impl::probe()
{
    auto check = [&](GDALRasterBand* band, const QString& what, const QString& file) {
        GDALRasterBand* b = band->GetOverviewCount() > 0 ? band->GetOverview(band->GetOverviewCount() - 1) : band;
        float v = 0;
        io::QuietGdalErrors quiet;
        if (!b || b->RasterIO(GF_Read, 0, 0, 1, 1, &v, 1, 1, GDT_Float32, 0, 0) != CE_None)
            throw Error(QStringLiteral("Cannot read %1 from %2: %3").arg(what, file, io::lastGdalError()));
    };
    for (size_t i = 0; i < bands.size(); ++i)
        check(bands[i].band, info.bands[i].name, info.bands[i].file);
    if (classes.band)
        check(classes.band, QStringLiteral("the classification"), info.maskFile);
}

std::shared_ptr<Product> Product::open(const QString& path, const QString& maskPath, MaskKind maskKind)
{
    initializeRuntime();
    const QFileInfo fi(path);
    if (!fi.exists())
        throw Error(QStringLiteral("Cannot open %1: no such file or folder").arg(path));
    if (!fi.isReadable())
        throw Error(QStringLiteral("Cannot open %1: permission denied").arg(path));
    std::shared_ptr<Product> p(new Product());
    Impl& d = *p->d;
    d.info.path = fi.absoluteFilePath();
    const QString suffix = fi.suffix().toLower();
    if (fi.isDir() || suffix == QLatin1String("zip") || suffix == QLatin1String("xml"))
        d.openSafe(d.info.path);
    else
        d.openGeoTiff(d.info.path);
    if (!maskPath.isEmpty())
        d.openMask(maskPath, maskKind == MaskKind::None ? MaskKind::Scl : maskKind);
    d.probe();
    if (d.info.georeferenced) {
        OGRSpatialReference src, wgs;
        src.importFromWkt(d.info.crsWkt.toUtf8().constData());
        src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        wgs.importFromEPSG(4326);
        wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        d.toWgs84.reset(OGRCreateCoordinateTransformation(&src, &wgs));
    }
    return p;
}

const ProductInfo& Product::info() const
{
    return d->info;
}
int Product::width() const
{
    return d->info.width;
}
int Product::height() const
{
    return d->info.height;
}
bool Product::hasClasses() const
{
    return d->classes.band != nullptr;
}

int Product::bandIndex(const QString& name) const
{
    const QString c = canonicalBand(name);
    for (int i = 0; i < d->info.bands.size(); ++i)
        if (d->info.bands[i].name == c)
            return i;
    return -1;
}

QStringList Product::bandNames() const
{
    QStringList out;
    for (const BandDesc& b : d->info.bands)
        out << b.name;
    return out;
}

void Product::readWindow(const QStringList& names, const Window& w, float* out) const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    std::vector<float> native;
    for (int k = 0; k < names.size(); ++k) {
        const int idx = bandIndex(names[k]);
        if (idx < 0)
            throw Error(QStringLiteral("%1 has no band %2").arg(d->info.path, names[k]));
        const BandSource& s = d->bands[idx];
        float* dst = out + static_cast<size_t>(k) * w.w * w.h;
        if (s.factor == 1) {
            d->readNative(s, w.x, w.y, w.w, w.h, dst);
            d->convert(s, dst, static_cast<size_t>(w.w) * w.h);
        } else {
            const int nw = s.band->GetXSize(), nh = s.band->GetYSize();
            const io::NativeWindow win = io::nativeWindowFor(w.x, w.y, w.w, w.h, s.factor, nw, nh);
            native.resize(static_cast<size_t>(win.w) * win.h);
            d->readNative(s, win.x, win.y, win.w, win.h, native.data());
            d->convert(s, native.data(), native.size());
            io::upsampleBilinear(native.data(), win, nw, nh, s.factor, w.x, w.y, w.w, w.h, dst);
        }
    }
}

void Product::readScaled(const QStringList& names, const Window& w, int outW, int outH, float* out) const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    for (int k = 0; k < names.size(); ++k) {
        const int idx = bandIndex(names[k]);
        if (idx < 0)
            throw Error(QStringLiteral("%1 has no band %2").arg(d->info.path, names[k]));
        const BandSource& s = d->bands[idx];
        float* dst = out + static_cast<size_t>(k) * outW * outH;
        if (!readDecimated(s, w, outW, outH, GDT_Float32, dst))
            throw Error(QStringLiteral("Cannot read %1 from %2: %3").arg(names[k], d->info.path, io::lastGdalError()));
        d->convert(s, dst, static_cast<size_t>(outW) * outH);
    }
}

void Product::readClasses(const Window& w, uint8_t* out) const
{
    if (!d->classes.band)
        throw Error(QStringLiteral("%1 has no scene classification or mask").arg(d->info.path));
    std::lock_guard<std::mutex> lock(d->mutex);
    const BandSource& s = d->classes;
    const int f = s.factor;
    const int nx0 = w.x / f, ny0 = w.y / f;
    const int nx1 = (w.x + w.w - 1) / f, ny1 = (w.y + w.h - 1) / f;
    const int nw = nx1 - nx0 + 1, nh = ny1 - ny0 + 1;
    std::vector<uint8_t> native(static_cast<size_t>(nw) * nh);
    io::QuietGdalErrors quiet;
    if (s.band->RasterIO(GF_Read, nx0, ny0, nw, nh, native.data(), nw, nh, GDT_Byte, 0, 0) != CE_None)
        throw Error(QStringLiteral("Cannot read the classification from %1: %2").arg(d->info.maskFile, io::lastGdalError()));
    for (int j = 0; j < w.h; ++j)
        for (int i = 0; i < w.w; ++i) {
            uint8_t v = native[static_cast<size_t>((w.y + j) / f - ny0) * nw + (w.x + i) / f - nx0];
            if (d->classesBinary)
                v = v ? kMaskHidden : kMaskClear;
            out[static_cast<size_t>(j) * w.w + i] = v;
        }
}

void Product::readClassesScaled(const Window& w, int outW, int outH, uint8_t* out) const
{
    if (!d->classes.band)
        throw Error(QStringLiteral("%1 has no scene classification or mask").arg(d->info.path));
    std::lock_guard<std::mutex> lock(d->mutex);
    if (!readDecimated(d->classes, w, outW, outH, GDT_Byte, out))
        throw Error(QStringLiteral("Cannot read the classification from %1: %2").arg(d->info.maskFile, io::lastGdalError()));
    if (d->classesBinary)
        for (size_t k = 0; k < static_cast<size_t>(outW) * outH; ++k)
            out[k] = out[k] ? kMaskHidden : kMaskClear;
}

void Product::gridToMap(double px, double py, double& mx, double& my) const
{
    const double* gt = d->info.geoTransform;
    mx = gt[0] + px * gt[1] + py * gt[2];
    my = gt[3] + px * gt[4] + py * gt[5];
}

bool Product::gridToLonLat(double px, double py, double& lon, double& lat) const
{
    if (!d->toWgs84)
        return false;
    double x, y;
    gridToMap(px, py, x, y);
    std::lock_guard<std::mutex> lock(d->transformMutex);
    if (!d->toWgs84->Transform(1, &x, &y))
        return false;
    lon = x;
    lat = y;
    return true;
}

} // namespace unclouded
