// Reading products: SAFE folder / zip / MTD, offsets, resampling, classes, masks, coverage, bad input.
#include <array>
#include <cmath>
#include <functional>
#include <gdal_priv.h>
#include <limits>
#include <ogr_spatialref.h>
#include <optional>
#include <random>
#include <unistd.h>

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/gdalcache.h"
#include "core/common/runtime.h"
#include "core/io/cloudshadow.h"
#include "core/io/product.h"
#include "core/io/product_p.h"
#include "core/io/sentinel2.h"
#include "core/masks/mask.h"
#include "core/sample/samplegenerator.h"

#include "gdaltestutil.h"
#include "testutil.h"

using namespace unclouded;

namespace {

// gdalwarp SRC DST onto exactly `grid`'s pixels (its CRS, extent and size), with ARGS.
bool warpOntoGrid(const QString& src, const QString& dst, const ProductInfo& grid, QStringList args)
{
    const double* g = grid.geoTransform;
    args << QStringLiteral("-t_srs") << grid.crsWkt << QStringLiteral("-te") << QString::number(g[0], 'f', 6)
         << QString::number(g[3] + grid.height * g[5], 'f', 6)
         << QString::number(g[0] + grid.width * g[1], 'f', 6) << QString::number(g[3], 'f', 6)
         << QStringLiteral("-ts") << QString::number(grid.width) << QString::number(grid.height);
    return testutil::gdalWarp(src, dst, args);
}

// A raster's grid as a ProductInfo (georeferencing, CRS with its EPSG code, size).
ProductInfo rasterGrid(const QString& path)
{
    ProductInfo g;
    io::DatasetPtr ds(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER));
    if (!ds)
        return g;
    g.georeferenced = ds->GetGeoTransform(g.geoTransform) == CE_None;
    g.crsWkt = QString::fromUtf8(ds->GetProjectionRef());
    if (const OGRSpatialReference* srs = ds->GetSpatialRef())
        g.epsg = QString::fromLatin1(srs->GetAuthorityCode(nullptr)).toInt();
    g.width = ds->GetRasterXSize();
    g.height = ds->GetRasterYSize();
    return g;
}

// A generated 240 px L1C product (MSK_CLASSI flags, no SCL) in `dir`.
SampleReport l1cSample(const QString& dir, quint64 seed, double nodataEdge)
{
    SampleOptions o;
    o.outDir = dir;
    o.size = 240;
    o.seed = seed;
    o.nodataEdge = nodataEdge;
    o.level = ProcessingLevel::L1C;
    return generateSample(o);
}

// A raster's first band as bytes (nearest classes written by gdalwarp).
std::vector<uint8_t> readBytes(const QString& path)
{
    io::DatasetPtr ds(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER));
    if (!ds)
        return {};
    const int w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
    std::vector<uint8_t> v(static_cast<size_t>(w) * h);
    if (ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w, h, v.data(), w, h, GDT_Byte, 0, 0) != CE_None)
        return {};
    return v;
}

// Writes a GeoTIFF with GDAL (float32 or byte), optional band descriptions and georeferencing.
void writeTiff(const QString& path, int w, int h, int bands, GDALDataType type, const QStringList& desc,
    bool georef, const std::function<double(int band, int x, int y)>& value)
{
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDataset* ds = drv->Create(path.toUtf8().constData(), w, h, bands, type, nullptr);
    QVERIFY(ds);
    if (georef) {
        double gt[6] = { 500000, 10, 0, 5800000, 0, -10 };
        ds->SetGeoTransform(gt);
        OGRSpatialReference srs;
        srs.importFromEPSG(32633);
        ds->SetSpatialRef(&srs);
    }
    std::vector<double> buf(static_cast<size_t>(w) * h);
    for (int b = 0; b < bands; ++b) {
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                buf[static_cast<size_t>(y) * w + x] = value(b, x, y);
        if (b < desc.size())
            ds->GetRasterBand(b + 1)->SetDescription(desc[b].toUtf8().constData());
        QCOMPARE(
            ds->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, w, h, buf.data(), w, h, GDT_Float64, 0, 0),
            CE_None);
    }
    GDALClose(ds);
}

} // namespace

class TestProduct : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void opensFolderZipAndMtdAlike();
    void reflectanceAppliesOffsetPerBand();
    void resamplingIsWindowIndependentAndMatchesTruth();
    void classesAndCoverageMatchTheGenerator();
    void sclThatHoldsNoClassesIsSaid();
    void dilationGrowsTheMaskIndependentlyOfWindows();
    void decimatedClassesAreNativeCodes();
    void referenceReadOnAnotherWindowOfTheGrid();
    void referenceResampledOntoAnotherCrs();
    void maskResampledOntoTheProduct();
    void maskOnAnotherWindowOfTheGrid();
    void geotiffPlusMaskRoute();
    void geotiffSensingTime();
    void declaredNodataLeavesZeroAReflectance();
    void blockRowsAndTheCacheThatHoldsThem();
    void badInput_data();
    void badInput();
    void productWithoutSclStillOpens();
    void l1cCloudMaskIsItsClassification();
    void cloudShadowsFromSunAndDarkGround();
    void realShadowsFromEsasCloudMask();
    void earthEngineExportsWithTheirOwnLayers();
    void l1cCloudPolygonsBeforeBaseline4();
    void l1cReferenceResampledKeepsItsFlags();
    void polygonMaskFile();
    void oldFormatSen2CorL2A();
    void maskValuesSayWhatHides();
    void sentinel2TablesAreTheOneSource();
    void realPartialProductFromShared();
    void gdalTemplatesOffsetsByBaseline();
    void realGeoTiffWithReferenceMask();

private:
    QTemporaryDir m_dir;
    SampleReport m_report;
    std::shared_ptr<Product> m_p;
};

void TestProduct::initTestCase()
{
    initializeRuntime();
    SampleOptions o;
    o.outDir = m_dir.path();
    o.size = 600;
    o.seed = 5;
    o.zip = true;
    m_report = generateSample(o);
    m_p = Product::open(m_report.main.safePath);
}

void TestProduct::opensFolderZipAndMtdAlike()
{
    const ProductInfo& a = m_p->info();
    QCOMPARE(a.level, QStringLiteral("L2A"));
    QCOMPARE(a.baseline, QStringLiteral("05.09"));
    QCOMPARE(a.tileId, QStringLiteral("T33UUU"));
    QCOMPARE(a.epsg, 32633);
    QCOMPARE(a.width, 600);
    QCOMPARE(a.bands.size(), 12);
    QVERIFY(a.generatedByUnclouded);
    QCOMPARE(a.maskKind, MaskKind::Scl);
    QCOMPARE(a.sunAzimuth, 160.3);
    // Its bands come through GDAL's SENTINEL2 driver, decoded from JP2 files: a decimated read is a
    // JPEG 2000 level, so two SAFEs are alike for the temporal fit (no full-resolution cells).
    QCOMPARE(m_p->decimation(), Product::Decimation::Jp2Levels);
    // One row of blocks of every band (each file smaller than a 1024 px tile: whole) and the SCL,
    // as the SENTINEL2 driver types it (UInt16): 4 x 600 x 600 x 2 + 6 x 300 x 300 x 2 + 2 x 100 x
    // 100 x 2 + 300 x 300 x 2 bytes.
    QCOMPARE(m_p->blockRowBytes(m_p->bandNames()), qint64(4180000));
    QCOMPARE(m_p->blockRowBytes({ QStringLiteral("B02") }), qint64(720000 + 180000));
    for (const QString& other :
        { m_report.main.zipPath, m_report.main.safePath + QStringLiteral("/MTD_MSIL2A.xml") }) {
        const auto p = Product::open(other);
        QCOMPARE(p->decimation(), Product::Decimation::Jp2Levels);
        QCOMPARE(p->info().bands.size(), 12);
        QCOMPARE(p->info().productName, a.productName);
        std::vector<float> x(100), y(100);
        m_p->readWindow({ QStringLiteral("B11") }, { 200, 200, 10, 10 }, x.data());
        p->readWindow({ QStringLiteral("B11") }, { 200, 200, 10, 10 }, y.data());
        QVERIFY(x == y);
    }
}

void TestProduct::reflectanceAppliesOffsetPerBand()
{
    // Independent read of the raw DN through GDAL.
    GDALDatasetH ds = GDALOpen(QStringLiteral("SENTINEL2_L2A:%1/MTD_MSIL2A.xml:10m:EPSG_32633")
                                   .arg(m_report.main.safePath)
                                   .toUtf8()
                                   .constData(),
        GA_ReadOnly);
    QVERIFY(ds);
    GDALRasterBandH b4 = nullptr;
    for (int b = 1; b <= GDALGetRasterCount(ds); ++b)
        if (qstrcmp(GDALGetMetadataItem(GDALGetRasterBand(ds, b), "BANDNAME", nullptr), "B4") == 0)
            b4 = GDALGetRasterBand(ds, b);
    QVERIFY(b4);
    std::vector<uint16_t> dn(40 * 30);
    QCOMPARE(GDALRasterIO(b4, GF_Read, 300, 100, 40, 30, dn.data(), 40, 30, GDT_UInt16, 0, 0), CE_None);
    GDALClose(ds);
    std::vector<float> r(40 * 30);
    m_p->readWindow({ QStringLiteral("B4") }, { 300, 100, 40, 30 }, r.data());
    for (size_t k = 0; k < dn.size(); ++k)
        QCOMPARE(r[k], static_cast<float>((dn[k] - 1000.0) * 1e-4));
}

void TestProduct::resamplingIsWindowIndependentAndMatchesTruth()
{
    const QStringList bands { QStringLiteral("B05"), QStringLiteral("B09"), QStringLiteral("B11") };
    std::vector<float> big(3 * 200 * 200), small(3 * 37 * 41);
    m_p->readWindow(bands, { 100, 100, 200, 200 }, big.data());
    m_p->readWindow(bands, { 133, 151, 37, 41 }, small.data());
    for (int b = 0; b < 3; ++b)
        for (int j = 0; j < 41; ++j)
            for (int i = 0; i < 37; ++i)
                QCOMPARE(small[(b * 41 + j) * 37 + i], big[(b * 200 + 51 + j) * 200 + 33 + i]);

    // The truth was built with the same resampling: on pixels the SCL calls clear, they agree.
    const auto truth = Product::open(m_report.main.truthPath);
    QVERIFY(truth->info().bands.size() == 12);
    std::vector<float> t(3 * 200 * 200);
    truth->readWindow(bands, { 100, 100, 200, 200 }, t.data());
    std::vector<uint8_t> cls(200 * 200);
    m_p->readClasses({ 100, 100, 200, 200 }, cls.data());
    int n = 0, close = 0;
    for (size_t k = 0; k < cls.size(); ++k)
        if (cls[k] == 4 || cls[k] == 5) {
            ++n;
            close += std::abs(t[2 * 40000 + k] - big[2 * 40000 + k]) < 0.006f;
        }
    QVERIFY(n > 1000);
    QVERIFY2(close > 0.9 * n, qPrintable(QStringLiteral("%1 / %2").arg(close).arg(n)));
}

void TestProduct::classesAndCoverageMatchTheGenerator()
{
    const Coverage cov = computeCoverage(*m_p, MaskSpec());
    QCOMPARE(cov.total, qint64(600 * 600));
    for (int c = 0; c < 12; ++c)
        QCOMPARE(cov.counts[c], 4 * m_report.main.sclCount[c]); // each 20 m class pixel is 2 x 2 at 10 m
    qint64 hidden = 0;
    for (int c : { 3, 8, 9, 10, 11 })
        hidden += cov.counts[c];
    QCOMPARE(cov.hidden, hidden);
    QVERIFY(std::abs(cov.percentOfValid(8) + cov.percentOfValid(9) + cov.percentOfValid(10)
                - m_p->info().cloudCoverMetadata)
        < 1e-4);
}

void TestProduct::dilationGrowsTheMaskIndependentlyOfWindows()
{
    MaskSpec spec;
    spec.dilatePx = 4;
    std::vector<uint8_t> big(300 * 300), small(50 * 60), plain(300 * 300);
    readHiddenMask(*m_p, spec, { 0, 0, 300, 300 }, big.data());
    readHiddenMask(*m_p, spec, { 120, 90, 50, 60 }, small.data());
    for (int j = 0; j < 60; ++j)
        for (int i = 0; i < 50; ++i)
            QCOMPARE(small[j * 50 + i], big[(90 + j) * 300 + 120 + i]);
    MaskSpec none;
    readHiddenMask(*m_p, none, { 0, 0, 300, 300 }, plain.data());
    qint64 a = 0, b = 0;
    for (size_t k = 0; k < big.size(); ++k) {
        a += plain[k];
        b += big[k];
        QVERIFY(big[k] >= plain[k]); // a buffer only adds
    }
    QVERIFY(b > a);
}

// A reference that is another window of the same grid (the whole tile of another date beside an AOI,
// or two AOIs) is read on the product's pixels: what it covers as its own reads give it, the rest no
// data; whole-pixel offsets only.
void TestProduct::referenceReadOnAnotherWindowOfTheGrid()
{
    const ProductInfo& own = m_p->info();
    // A 500 x 650 px grid whose pixel (0, 0) is the SAFE's (-38, 23): it sticks out left and below.
    ProductInfo grid = own;
    const int dx = -38, dy = 23;
    grid.width = 500;
    grid.height = 650;
    grid.geoTransform[0] = own.geoTransform[0] + dx * own.geoTransform[1];
    grid.geoTransform[3] = own.geoTransform[3] + dy * own.geoTransform[5];
    int gx = 0, gy = 0;
    QVERIFY(alignableGrid(grid, own, &gx, &gy));
    QCOMPARE(gx, dx);
    QCOMPARE(gy, dy);
    const auto ref = Product::open(m_report.main.safePath);
    QVERIFY(ref->alignTo(grid));
    QVERIFY(sameGrid(ref->info(), grid));
    QVERIFY(!ref->alignTo(grid)); // once only
    QVERIFY2(ref->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("covers 82.0 % of it")),
        qPrintable(ref->info().warnings.join(QLatin1Char('\n'))));

    // Full resolution: a window across its left edge; every band, classes.
    const QStringList bands = m_p->bandNames();
    const int B = static_cast<int>(bands.size());
    const Window w { 20, 100, 64, 48 }; // grid columns 20-83: own -18 to 45
    std::vector<float> a(static_cast<size_t>(B) * w.w * w.h), b(static_cast<size_t>(B) * 46 * w.h);
    ref->readWindow(bands, w, a.data());
    m_p->readWindow(bands, { 0, w.y + dy, 46, w.h }, b.data());
    std::vector<uint8_t> ca(static_cast<size_t>(w.w) * w.h), cb(static_cast<size_t>(46) * w.h);
    ref->readClasses(w, ca.data());
    m_p->readClasses({ 0, w.y + dy, 46, w.h }, cb.data());
    for (int k = 0; k < B; ++k)
        for (int y = 0; y < w.h; ++y)
            for (int x = 0; x < w.w; ++x) {
                const float v = a[(static_cast<size_t>(k) * w.h + y) * w.w + x];
                if (x < 18) {
                    QVERIFY(std::isnan(v));
                    QCOMPARE(ca[static_cast<size_t>(y) * w.w + x], uint8_t(0));
                } else {
                    QCOMPARE(v, b[(static_cast<size_t>(k) * w.h + y) * 46 + x - 18]);
                    QCOMPARE(ca[static_cast<size_t>(y) * w.w + x], cb[static_cast<size_t>(y) * 46 + x - 18]);
                }
            }
    // Wholly inside, and wholly outside (below its last row).
    std::vector<float> in(static_cast<size_t>(B) * 32 * 32), inOwn(in.size());
    ref->readWindow(bands, { 300, 200, 32, 32 }, in.data());
    m_p->readWindow(bands, { 300 + dx, 200 + dy, 32, 32 }, inOwn.data());
    QVERIFY(std::equal(in.begin(), in.end(), inOwn.begin()));
    ref->readWindow(bands, { 300, 600, 32, 32 }, in.data());
    QVERIFY(std::all_of(in.begin(), in.end(), [](float v) { return std::isnan(v); }));

    // Decimated by 2: the samples whose footprints it covers are its own reads of those footprints
    // (grid columns 19-249 = own 0-461, rows 0-287 = own 23-598), the rest no data.
    std::vector<float> s(static_cast<size_t>(B) * 250 * 325), t(static_cast<size_t>(B) * 231 * 288);
    ref->readScaled(bands, { 0, 0, 500, 650 }, 250, 325, s.data());
    m_p->readScaled(bands, { 0, 23, 462, 576 }, 231, 288, t.data());
    std::vector<uint8_t> sc(static_cast<size_t>(250) * 325), tc(static_cast<size_t>(231) * 288);
    ref->readClassesScaled({ 0, 0, 500, 650 }, 250, 325, sc.data());
    m_p->readClassesScaled({ 0, 23, 462, 576 }, 231, 288, tc.data());
    int covered = 0;
    for (int k = 0; k < B; ++k)
        for (int y = 0; y < 325; ++y)
            for (int x = 0; x < 250; ++x) {
                const float v = s[(static_cast<size_t>(k) * 325 + y) * 250 + x];
                const uint8_t c = sc[static_cast<size_t>(y) * 250 + x];
                if (x < 19 || y >= 288) {
                    QVERIFY(std::isnan(v));
                    QCOMPARE(c, uint8_t(0));
                } else {
                    QCOMPARE(v, t[(static_cast<size_t>(k) * 288 + y) * 231 + x - 19]);
                    QCOMPARE(c, tc[static_cast<size_t>(y) * 231 + x - 19]);
                    covered += k == 0;
                }
            }
    QCOMPARE(covered, 231 * 288);

    // A grid whose decimation step does not divide it (784 px at 768) and that starts above the
    // product: -ox / sx is whole there, and rounding once put the read at pixel -1.
    ProductInfo wide = own;
    wide.width = 784;
    wide.height = 650;
    wide.geoTransform[0] = own.geoTransform[0] - 490 * own.geoTransform[1];
    wide.geoTransform[3] = own.geoTransform[3] - 20 * own.geoTransform[5];
    const auto under = Product::open(m_report.main.safePath);
    QVERIFY(under->alignTo(wide));
    std::vector<float> odd(static_cast<size_t>(B) * 768 * 650);
    under->readScaled(bands, { 0, 0, 784, 650 }, 768, 650, odd.data());
    QVERIFY(std::any_of(odd.begin(), odd.end(), [](float v) { return std::isfinite(v); }));
    // Across the top edge at full resolution, and ranked classes decimated by 2 (grid columns
    // 245-391 = own 0-293, rows 10-309 = own 0-599).
    std::vector<float> top(static_cast<size_t>(B) * 8 * 40), topOwn(static_cast<size_t>(B) * 8 * 20);
    under->readWindow(bands, { 500, 0, 8, 40 }, top.data());
    m_p->readWindow(bands, { 10, 0, 8, 20 }, topOwn.data());
    for (int k = 0; k < B; ++k)
        for (int y = 0; y < 40; ++y)
            for (int x = 0; x < 8; ++x) {
                const float v = top[(static_cast<size_t>(k) * 40 + y) * 8 + x];
                if (y < 20)
                    QVERIFY(std::isnan(v));
                else
                    QCOMPARE(v, topOwn[(static_cast<size_t>(k) * 20 + y - 20) * 8 + x]);
            }
    Product::ClassRank rank {};
    for (int c = 0; c < 256; ++c)
        rank[c] = static_cast<uint8_t>(c);
    std::vector<uint8_t> ranked(static_cast<size_t>(392) * 325), rankedOwn(static_cast<size_t>(147) * 300);
    under->readClassesScaled({ 0, 0, 784, 650 }, 392, 325, ranked.data(), &rank);
    m_p->readClassesScaled({ 0, 0, 294, 600 }, 147, 300, rankedOwn.data(), &rank);
    for (int y = 0; y < 325; ++y)
        for (int x = 0; x < 392; ++x)
            QCOMPARE(ranked[static_cast<size_t>(y) * 392 + x],
                x >= 245 && y >= 10 && y < 310 ? rankedOwn[static_cast<size_t>(y - 10) * 147 + x - 245]
                                               : uint8_t(0));

    // Not whole pixels, another CRS, or no ground in common: not aligned, nothing changed.
    ProductInfo half = grid;
    half.geoTransform[0] += 5;
    ProductInfo crs = grid;
    crs.epsg = 32632;
    ProductInfo apart = grid;
    apart.geoTransform[0] = own.geoTransform[0] + 600 * own.geoTransform[1];
    ProductInfo coarser = grid;
    coarser.geoTransform[1] = 20;
    for (const ProductInfo* g : { &half, &crs, &apart, &coarser }) {
        QVERIFY(!alignableGrid(*g, own));
        const auto other = Product::open(m_report.main.safePath);
        QVERIFY(!other->alignTo(*g));
        QVERIFY(sameGrid(other->info(), own));
    }
    QVERIFY(gridDifference(own, half).contains(QStringLiteral("lie between the product's")));

    // A CRS given by a WKT with no EPSG code (ESRI's, as some exports write it): compared as a CRS.
    const auto esri = [](int epsg) {
        OGRSpatialReference srs;
        srs.importFromEPSG(epsg);
        srs.morphToESRI();
        char* wkt = nullptr;
        srs.exportToWkt(&wkt);
        const QString out = QString::fromUtf8(wkt);
        CPLFree(wkt);
        return out;
    };
    ProductInfo sameZone = own, nextZone = own;
    sameZone.epsg = nextZone.epsg = 0;
    sameZone.crsWkt = esri(own.epsg);
    nextZone.crsWkt = esri(own.epsg - 1);
    QVERIFY(!sameZone.crsWkt.contains(QStringLiteral("AUTHORITY")));
    QVERIFY(sameGrid(own, sameZone) && sameGrid(sameZone, own));
    QVERIFY(!sameGrid(own, nextZone) && !sameGrid(nextZone, sameZone));
    QVERIFY2(gridDifference(own, nextZone)
                 .contains(QStringLiteral(
                     "does not overlap the product (\"WGS 84 / UTM zone 32N\", the product EPSG:32633)")),
        qPrintable(gridDifference(own, nextZone)));
    QVERIFY(gridCoverage(own, nextZone) < 0.5); // the same numbers 500 km west: little in common
}

// A reference on another CRS (the overlapping tile of the next UTM zone, an export reprojected
// elsewhere) is resampled onto the product's pixels by GDAL's warper: its bands as gdalwarp -r
// bilinear gives them, its classes as -r near, no data where it does not reach.
void TestProduct::referenceResampledOntoAnotherCrs()
{
    const ProductInfo& own = m_p->info();
    QTemporaryDir tmp;
    const QString b04 = own.bands[m_p->bandIndex(QStringLiteral("B04"))].file;
    const QString b04Zone = tmp.filePath(QStringLiteral("b04.tif")),
                  sclZone = tmp.filePath(QStringLiteral("scl.tif"));
    // The grid: B04 in the next UTM zone, its 10 m pixels, the corners of the product cut off.
    QVERIFY(testutil::gdalWarp(b04, b04Zone,
        { QStringLiteral("-t_srs"), QStringLiteral("EPSG:%1").arg(own.epsg + 1), QStringLiteral("-tr"),
            QStringLiteral("10"), QStringLiteral("10"), QStringLiteral("-r"), QStringLiteral("bilinear"),
            QStringLiteral("-srcnodata"), QStringLiteral("0"), QStringLiteral("-dstnodata"),
            QStringLiteral("0") }));
    // The raster as gdalwarp wrote it (DN) and its grid.
    auto readRaster = [](const QString& path, ProductInfo& g, std::vector<double>& values) {
        g = rasterGrid(path);
        io::DatasetPtr ds(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER));
        if (!ds)
            return false;
        values.resize(static_cast<size_t>(g.width) * g.height);
        return ds->GetRasterBand(1)->RasterIO(
                   GF_Read, 0, 0, g.width, g.height, values.data(), g.width, g.height, GDT_Float64, 0, 0)
            == CE_None;
    };
    ProductInfo grid;
    std::vector<double> dn;
    QVERIFY(readRaster(b04Zone, grid, dn));
    QCOMPARE(grid.epsg, own.epsg + 1);
    // gdalwarp onto that grid exactly: B04 as a warped VRT (what the product reads through), the SCL.
    auto onGrid = [&](const QString& src, const QString& dst, const QStringList& args) {
        return warpOntoGrid(src, dst, grid, args);
    };
    const QString b04Vrt = tmp.filePath(QStringLiteral("b04.vrt"));
    QVERIFY(onGrid(b04, b04Vrt,
        { QStringLiteral("-of"), QStringLiteral("VRT"), QStringLiteral("-r"), QStringLiteral("bilinear"),
            QStringLiteral("-srcnodata"), QStringLiteral("0"), QStringLiteral("-dstnodata"),
            QStringLiteral("0") }));
    std::vector<double> vrtDn;
    ProductInfo vrtGrid;
    QVERIFY(readRaster(b04Vrt, vrtGrid, vrtDn));
    QVERIFY(sameGrid(vrtGrid, grid));
    QVERIFY(onGrid(own.maskFile, sclZone, { QStringLiteral("-r"), QStringLiteral("near") }));

    const auto ref = Product::open(m_report.main.safePath);
    QVERIFY(!alignableGrid(grid, own));
    QVERIFY(warpableGrid(grid, own));
    const double coverage = gridCoverage(grid, own);
    QVERIFY2(coverage > 0.85 && coverage < 1, qPrintable(QString::number(coverage)));
    QVERIFY(!ref->alignTo(grid));
    QVERIFY(ref->warpTo(grid));
    QVERIFY(sameGrid(ref->info(), grid));
    QCOMPARE(ref->info().epsg, grid.epsg);
    QVERIFY(!ref->warpTo(grid)); // once only
    QVERIFY2(ref->info()
                 .warnings.join(QLatin1Char(' '))
                 .contains(QStringLiteral("resampled from EPSG:%1").arg(own.epsg)),
        qPrintable(ref->info().warnings.join(QLatin1Char('\n'))));

    const int W = grid.width, H = grid.height;
    const size_t n = static_cast<size_t>(W) * H;
    std::vector<float> mine(n), theirs(n);
    ref->readWindow({ QStringLiteral("B04") }, { 0, 0, W, H }, mine.data());
    const BandDesc& band = own.bands[m_p->bandIndex(QStringLiteral("B04"))];
    auto reflectance
        = [&](double v) { return v == 0 ? NAN : static_cast<float>((v + band.offset) * band.scale); };
    double offTiff = 0;
    qint64 nTiff = 0;
    for (size_t k = 0; k < n; ++k) {
        theirs[k] = reflectance(vrtDn[k]);
        if (!std::isnan(mine[k]) && dn[k] != 0) {
            offTiff += std::abs(mine[k] - reflectance(dn[k]));
            ++nTiff;
        }
    }
    qint64 both = 0, differ = 0, onlyOne = 0;
    for (size_t k = 0; k < n; ++k) {
        if (std::isnan(mine[k]) != std::isnan(theirs[k])) {
            ++onlyOne; // the footprint's edge: the approximate transform there
            continue;
        }
        if (std::isnan(mine[k]))
            continue;
        ++both;
        differ += std::abs(mine[k] - theirs[k]) > 2e-4f; // 2 DN
    }
    qInfo("B04 resampled: %lld pixels against gdalwarp's, %lld more than 2 DN off, %lld on one side only",
        both, differ, onlyOne);
    // gdalwarp's GeoTIFF (not a VRT) interpolates by its own code path: 2-3 DN apart, not shifted.
    qInfo("against gdalwarp's GeoTIFF: %.2f DN apart on average", offTiff / nTiff * 1e4);
    QVERIFY(offTiff / nTiff < 5e-4);
    QVERIFY(both > 0.8 * n);
    QVERIFY(differ <= both / 1000);
    QVERIFY(onlyOne <= (W + H) * 2);

    // A 20 m band goes onto the grid's 2 x 2 cells and is upsampled as the product's own: close to
    // gdalwarp's straight 10 m resampling (the medians of the differences: at most half as far as that
    // resampling is from itself one pixel over).
    {
        const QString b11Vrt = tmp.filePath(QStringLiteral("b11.vrt"));
        QVERIFY(onGrid(own.bands[m_p->bandIndex(QStringLiteral("B11"))].file, b11Vrt,
            { QStringLiteral("-of"), QStringLiteral("VRT"), QStringLiteral("-r"), QStringLiteral("bilinear"),
                QStringLiteral("-srcnodata"), QStringLiteral("0"), QStringLiteral("-dstnodata"),
                QStringLiteral("0") }));
        std::vector<double> b11Dn;
        ProductInfo b11Grid;
        QVERIFY(readRaster(b11Vrt, b11Grid, b11Dn));
        const BandDesc& b11 = own.bands[m_p->bandIndex(QStringLiteral("B11"))];
        std::vector<float> ours(n);
        ref->readWindow({ QStringLiteral("B11") }, { 0, 0, W, H }, ours.data());
        std::vector<float> near, apart;
        for (int y = 0; y < H; ++y)
            for (int x = 0; x + 1 < W; ++x) {
                const size_t k = static_cast<size_t>(y) * W + x;
                if (std::isnan(ours[k]) || b11Dn[k] == 0 || b11Dn[k + 1] == 0)
                    continue;
                const double t = (b11Dn[k] + b11.offset) * b11.scale,
                             u = (b11Dn[k + 1] + b11.offset) * b11.scale;
                near.push_back(static_cast<float>(std::abs(ours[k] - t)));
                apart.push_back(static_cast<float>(std::abs(u - t)));
            }
        QVERIFY(near.size() > 0.8 * n);
        std::nth_element(near.begin(), near.begin() + near.size() / 2, near.end());
        std::nth_element(apart.begin(), apart.begin() + apart.size() / 2, apart.end());
        qInfo("B11 (20 m) resampled: median %.4f off gdalwarp's 10 m resampling, which is %.4f off itself 1 "
              "px over",
            near[near.size() / 2], apart[apart.size() / 2]);
        QVERIFY(near[near.size() / 2] < 0.5 * apart[apart.size() / 2]);
    }

    std::vector<uint8_t> classes(n);
    ref->readClasses({ 0, 0, W, H }, classes.data());
    ProductInfo sclGrid;
    std::vector<double> near;
    QVERIFY(readRaster(sclZone, sclGrid, near));
    QVERIFY(sameGrid(sclGrid, grid));
    qint64 shown = 0, same = 0, outside = 0;
    for (size_t k = 0; k < n; ++k) {
        if (std::isnan(theirs[k]) && std::isnan(mine[k])) {
            outside += classes[k] == SclNoData;
            continue;
        }
        ++shown;
        same += classes[k] == near[k];
    }
    qInfo("classes resampled: %lld of %lld as gdalwarp -r near gives them", same, shown);
    QVERIFY(same >= shown * 0.99);
    QCOMPARE(outside, qint64(n) - shown);

    // Decimated by 4: the warper's reads of the JPEG 2000 levels, pixel by pixel as close to the mean
    // of the full resolution's 4 x 4 as the product's own decimated read is to its own (JPEG 2000
    // levels are no box filter); 2 px off, much further.
    auto medianOff
        = [](const std::vector<float>& full, int fw, int fh, const std::vector<float>& q, int shift) {
              const int qw = fw / 4, qh = fh / 4;
              std::vector<float> offs;
              for (int y = 0; y + 1 < qh; ++y)
                  for (int x = 0; x + 1 < qw; ++x) {
                      double sum = 0;
                      int k = 0;
                      for (int j = 0; j < 4; ++j)
                          for (int i = 0; i < 4; ++i)
                              if (const float f
                                  = full[static_cast<size_t>(y * 4 + j + shift) * fw + x * 4 + i + shift];
                                  !std::isnan(f)) {
                                  sum += f;
                                  ++k;
                              }
                      const float c = q[static_cast<size_t>(y) * qw + x];
                      if (k == 16 && !std::isnan(c))
                          offs.push_back(std::abs(c - static_cast<float>(sum / 16)));
                  }
              if (offs.size() < 0.5 * qw * qh)
                  return 1.0f;
              std::nth_element(offs.begin(), offs.begin() + offs.size() / 2, offs.end());
              return offs[offs.size() / 2];
          };
    const int qw = W / 4, qh = H / 4;
    std::vector<float> quarter(static_cast<size_t>(qw) * qh);
    ref->readScaled({ QStringLiteral("B04") }, { 0, 0, qw * 4, qh * 4 }, qw, qh, quarter.data());
    const int ow = own.width / 4 * 4, oh = own.height / 4 * 4;
    std::vector<float> ownFull(static_cast<size_t>(ow) * oh),
        ownQuarter(static_cast<size_t>(ow / 4) * (oh / 4));
    m_p->readWindow({ QStringLiteral("B04") }, { 0, 0, ow, oh }, ownFull.data());
    m_p->readScaled({ QStringLiteral("B04") }, { 0, 0, ow, oh }, ow / 4, oh / 4, ownQuarter.data());
    const float warpedOff = medianOff(mine, W, H, quarter, 0),
                ownOff = medianOff(ownFull, ow, oh, ownQuarter, 0),
                shiftedOff = medianOff(mine, W, H, quarter, 2);
    qInfo("decimated by 4, median off the 4 x 4 mean: %.4f resampled, %.4f the product's own, %.4f 2 px off",
        warpedOff, ownOff, shiftedOff);
    QVERIFY(warpedOff < 1.5 * ownOff);
    QVERIFY(shiftedOff > 1.5 * warpedOff);
    // Ranked classes decimated: each sample the highest class of its footprint at full resolution.
    std::vector<uint8_t> ranked(static_cast<size_t>(qw) * qh);
    Product::ClassRank rank {};
    for (int c = 0; c < 256; ++c)
        rank[c] = static_cast<uint8_t>(c);
    ref->readClassesScaled({ 0, 0, qw * 4, qh * 4 }, qw, qh, ranked.data(), &rank);
    qint64 rankedSame = 0;
    for (int y = 0; y < qh; ++y)
        for (int x = 0; x < qw; ++x) {
            uint8_t top = 0;
            for (int j = 0; j < 4; ++j)
                for (int i = 0; i < 4; ++i)
                    top = std::max(top, classes[static_cast<size_t>(y * 4 + j) * W + x * 4 + i]);
            rankedSame += ranked[static_cast<size_t>(y) * qw + x] == top;
        }
    QCOMPARE(rankedSame, qint64(qw) * qh);

    // No ground in common, or no georeferencing: nothing changed.
    ProductInfo apart = grid;
    apart.geoTransform[0] += 3 * W * grid.geoTransform[1];
    ProductInfo plain = grid;
    plain.georeferenced = false;
    for (const ProductInfo* g : { &apart, &plain }) {
        QVERIFY(!warpableGrid(*g, own));
        const auto other = Product::open(m_report.main.safePath);
        QVERIFY(!other->warpTo(*g));
        QVERIFY(sameGrid(other->info(), own));
    }
}

// A mask on another CRS or pixel grid (the SCL reprojected to the next UTM zone, a 0 / 1 cloud mask
// exported in lon / lat) is resampled onto the product's pixels, nearest; beyond it, no data.
void TestProduct::maskResampledOntoTheProduct()
{
    const ProductInfo& own = m_p->info();
    QTemporaryDir tmp;
    const QString sclZone = tmp.filePath(QStringLiteral("scl.tif")),
                  lonLat = tmp.filePath(QStringLiteral("cloud.tif"));
    QVERIFY(testutil::gdalWarp(own.maskFile, sclZone,
        { QStringLiteral("-t_srs"), QStringLiteral("EPSG:%1").arg(own.epsg + 1), QStringLiteral("-tr"),
            QStringLiteral("10"), QStringLiteral("10"), QStringLiteral("-r"), QStringLiteral("near") }));
    const int W = own.width, H = own.height;
    const size_t n = static_cast<size_t>(W) * H;
    std::vector<uint8_t> truth(n), read(n);
    m_p->readClasses({ 0, 0, W, H }, truth.data());

    const auto p = Product::open(m_report.main.safePath, sclZone, MaskKind::Scl);
    QVERIFY2(p->info()
                 .warnings.join(QLatin1Char(' '))
                 .contains(QStringLiteral("resampled onto the product's pixels")),
        qPrintable(p->info().warnings.join(QLatin1Char('\n'))));
    p->readClasses({ 0, 0, W, H }, read.data());
    qint64 same = 0, none = 0;
    for (size_t k = 0; k < n; ++k) {
        same += read[k] == truth[k];
        none += read[k] == SclNoData;
    }
    qInfo("the SCL through the next UTM zone: %lld of %lld pixels its own class, %lld no data", same,
        qint64(n), none);
    QVERIFY(same >= 0.97 * n); // twice nearest: class edges move by up to a pixel
    QVERIFY(none <= qint64(n / 100));
    // Pixel for pixel what gdalwarp -r near makes of that file on the product's pixels.
    const QString back = tmp.filePath(QStringLiteral("back.tif"));
    QVERIFY(warpOntoGrid(sclZone, back, own, { QStringLiteral("-r"), QStringLiteral("near") }));
    const std::vector<uint8_t> gdalNear = readBytes(back);
    QCOMPARE(gdalNear.size(), n);
    qint64 asGdal = 0;
    for (size_t k = 0; k < n; ++k)
        asGdal += read[k] == gdalNear[k];
    QVERIFY2(asGdal >= qint64(n - n / 1000), qPrintable(QString::number(asGdal)));
    // Decimated and ranked reads go through the same resampled band.
    std::vector<uint8_t> coarse(static_cast<size_t>(W / 4) * (H / 4));
    p->readClassesScaled({ 0, 0, W / 4 * 4, H / 4 * 4 }, W / 4, H / 4, coarse.data());
    QVERIFY(std::count(coarse.begin(), coarse.end(), uint8_t(SclCloudHigh)) > 0);

    // A 0 / 1 cloud mask in lon / lat covering the western half: where it reaches, hidden as the SCL
    // says; east of it, no data.
    {
        const QString cloud01 = tmp.filePath(QStringLiteral("cloud01.tif"));
        io::DatasetPtr src(GDALDataset::Open(own.maskFile.toUtf8().constData(), GDAL_OF_RASTER));
        QVERIFY(src);
        const int sw = src->GetRasterXSize(), sh = src->GetRasterYSize();
        std::vector<uint8_t> codes(static_cast<size_t>(sw) * sh);
        QCOMPARE(src->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, sw, sh, codes.data(), sw, sh, GDT_Byte, 0, 0),
            CE_None);
        for (uint8_t& c : codes)
            c = c == SclCloudHigh || c == SclCloudMedium ? 1 : 0;
        io::DatasetPtr dst(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            cloud01.toUtf8().constData(), sw / 2, sh, 1, GDT_Byte, nullptr));
        double gt[6];
        src->GetGeoTransform(gt);
        dst->SetGeoTransform(gt);
        dst->SetProjection(src->GetProjectionRef());
        QCOMPARE(dst->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, sw / 2, sh, codes.data(), sw / 2, sh,
                     GDT_Byte, 0, static_cast<GSpacing>(sw)),
            CE_None);
        dst.reset();
        // 255 where gdalwarp has no source pixel (the corners of its lon / lat box): the file's nodata.
        QVERIFY(testutil::gdalWarp(cloud01, lonLat,
            { QStringLiteral("-t_srs"), QStringLiteral("EPSG:4326"), QStringLiteral("-r"),
                QStringLiteral("near"), QStringLiteral("-dstnodata"), QStringLiteral("255") }));
    }
    const auto q = Product::open(m_report.main.safePath, lonLat, MaskKind::Binary);
    q->readClasses({ 0, 0, W, H }, read.data());
    qint64 westSame = 0, west = 0, eastNone = 0, east = 0;
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
            const size_t k = static_cast<size_t>(y) * W + x;
            const bool cloud = truth[k] == SclCloudHigh || truth[k] == SclCloudMedium;
            if (x < W / 2 - 4) {
                ++west;
                westSame += read[k] == (cloud ? kMaskHidden : kMaskClear);
            } else if (x >= W / 2 + 4) {
                ++east;
                eastNone += read[k] == SclNoData;
            }
        }
    qInfo("a 0 / 1 mask in lon / lat over the west: %lld of %lld as the SCL's clouds; %lld of %lld east of "
          "it no data",
        westSame, west, eastNone, east);
    QVERIFY(westSame >= 0.97 * west);
    QVERIFY(eastNone >= 0.99 * east);

    // A reference with that lon / lat mask, read on a third grid (the next UTM zone): its classes as
    // it has them, where it reaches; none beyond it or beyond the product (the mask's alpha resampled
    // again). Destroyed after: the second VRT reads the first.
    const QString b04Zone = tmp.filePath(QStringLiteral("b04zone.tif"));
    QVERIFY(testutil::gdalWarp(own.bands[m_p->bandIndex(QStringLiteral("B04"))].file, b04Zone,
        { QStringLiteral("-t_srs"), QStringLiteral("EPSG:%1").arg(own.epsg + 1), QStringLiteral("-tr"),
            QStringLiteral("10"), QStringLiteral("10") }));
    const ProductInfo zone = rasterGrid(b04Zone);
    QCOMPARE(zone.epsg, own.epsg + 1);
    {
        const auto onZone = Product::open(m_report.main.safePath, lonLat, MaskKind::Binary);
        QVERIFY(onZone->warpTo(zone));
        const size_t zn = static_cast<size_t>(zone.width) * zone.height;
        std::vector<uint8_t> zc(zn), pc(zn);
        onZone->readClasses({ 0, 0, zone.width, zone.height }, zc.data());
        // The product's own classes through the same path, to compare where the mask reaches.
        const auto plain = Product::open(m_report.main.safePath);
        QVERIFY(plain->warpTo(zone));
        plain->readClasses({ 0, 0, zone.width, zone.height }, pc.data());
        qint64 shown = 0, agree = 0, beyond = 0, bothNone = 0;
        for (size_t k = 0; k < zn; ++k) {
            bothNone += pc[k] == SclNoData && zc[k] == SclNoData;
            if (zc[k] == SclNoData)
                continue;
            ++shown;
            const bool cloud = pc[k] == SclCloudHigh || pc[k] == SclCloudMedium;
            agree += zc[k] == (cloud ? kMaskHidden : kMaskClear);
            beyond += pc[k] == SclNoData; // beyond the product: the mask must not claim it
        }
        qInfo("that mask on a third grid: %lld of %lld pixels shown, %lld as the SCL's clouds, %lld beyond "
              "the product",
            shown, qint64(zn), agree, beyond);
        QVERIFY(shown > 0.3 * zn && shown < 0.6 * zn); // about the western half of the product
        QVERIFY(agree >= 0.97 * shown);
        QCOMPARE(beyond, qint64(0));
        QVERIFY(bothNone > 0);
    }
}

// An AOI of a tile's bands with the tile's whole SCL (20 m) as its mask: the SCL is read on the AOI's
// pixels (an odd offset falls inside its 20 m cells), as the SAFE itself reads it there; a mask that
// covers part of the AOI leaves the rest no data; half a pixel off it is refused.
void TestProduct::maskOnAnotherWindowOfTheGrid()
{
    QTemporaryDir dir;
    QDirIterator it(m_report.main.safePath, { QStringLiteral("*_SCL_20m.jp2") }, QDir::Files,
        QDirIterator::Subdirectories);
    QVERIFY(it.hasNext());
    const QString scl = it.next();
    const QString aoi = dir.filePath(QStringLiteral("aoi.tif"));
    QVERIFY(testutil::cutWindow(m_report.main.truthPath, aoi, 101, 61, 200, 240));
    const auto p = Product::open(aoi, scl, MaskKind::Scl);
    QCOMPARE(p->classGridFactor(), 2);
    QVERIFY2(p->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("it covers 100.0 % of them")),
        qPrintable(p->info().warnings.join(QLatin1Char('\n'))));
    std::vector<uint8_t> a(200 * 240), b(200 * 240);
    p->readClasses({ 0, 0, 200, 240 }, a.data());
    m_p->readClasses({ 101, 61, 200, 240 }, b.data());
    QVERIFY(a == b);
    std::vector<uint8_t> sa(50 * 60), sb(50 * 60);
    p->readClassesScaled({ 0, 0, 200, 240 }, 50, 60, sa.data());
    m_p->readClassesScaled({ 101, 61, 200, 240 }, 50, 60, sb.data());
    QVERIFY(sa == sb);
    const Coverage cov = computeCoverage(*p, MaskSpec());
    QVERIFY(cov.hidden > 0);

    // The SCL's first 260 x 300 cells (10 m columns 0-519) under an AOI of columns 450-599: 70 of 150.
    const QString part = dir.filePath(QStringLiteral("scl_part.tif")),
                  east = dir.filePath(QStringLiteral("east.tif"));
    QVERIFY(testutil::cutWindow(scl, part, 0, 0, 260, 300));
    QVERIFY(testutil::cutWindow(m_report.main.truthPath, east, 450, 0, 150, 100));
    const auto q = Product::open(east, part, MaskKind::Scl);
    QVERIFY2(q->info()
                 .warnings.join(QLatin1Char(' '))
                 .contains(QStringLiteral("it covers 46.7 % of them (the rest is no data)")),
        qPrintable(q->info().warnings.join(QLatin1Char('\n'))));
    // Classes read on the product's pixels: the unshifted read where covered(x, y), no data elsewhere.
    auto ownWhereCovered = [](const std::vector<uint8_t>& got, const std::vector<uint8_t>& own, int w, int h,
                               const std::function<bool(int, int)>& covered) {
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                QCOMPARE(got[static_cast<size_t>(y) * w + x],
                    covered(x, y) ? own[static_cast<size_t>(y) * w + x] : uint8_t(0));
    };
    std::vector<uint8_t> c(150 * 100), d(150 * 100);
    q->readClasses({ 0, 0, 150, 100 }, c.data());
    m_p->readClasses({ 450, 0, 150, 100 }, d.data());
    ownWhereCovered(c, d, 150, 100, [](int x, int) { return x < 70; });
    if (QTest::currentTestFailed())
        return;

    // A mask whose size fits the product by chance (100 x 120 cells of 20 m from the SCL's (60, 40):
    // 10 m columns 120-319, rows 80-319) but lies 19 px right of and below the AOI's corner.
    const QString fits = dir.filePath(QStringLiteral("scl_fits.tif"));
    QVERIFY(testutil::cutWindow(scl, fits, 60, 40, 100, 120));
    const auto r = Product::open(aoi, fits, MaskKind::Scl);
    std::vector<uint8_t> e(200 * 240);
    r->readClasses({ 0, 0, 200, 240 }, e.data());
    ownWhereCovered(e, b, 200, 240, [](int x, int y) { return x >= 19 && y >= 19; });
    if (QTest::currentTestFailed())
        return;

    // Both shifts at once: the AOI with the whole SCL, as a reference on the SAFE's grid.
    const auto s = Product::open(aoi, scl, MaskKind::Scl);
    QVERIFY(s->alignTo(m_p->info()));
    std::vector<uint8_t> f(40 * 40), g(40 * 40);
    s->readClasses({ 90, 50, 40, 40 }, f.data());
    m_p->readClasses({ 90, 50, 40, 40 }, g.data());
    ownWhereCovered(f, g, 40, 40, [](int x, int y) { return x >= 11 && y >= 11; });
    if (QTest::currentTestFailed())
        return;

    // Half a 10 m pixel off: resampled onto the product's pixels (nearest), and said so.
    const QString off = dir.filePath(QStringLiteral("scl_off.tif"));
    QVERIFY(testutil::cutWindow(scl, off, 0, 0, 300, 300));
    {
        GDALDataset* ds = GDALDataset::Open(off.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_UPDATE);
        double gt[6];
        ds->GetGeoTransform(gt);
        gt[0] += 5;
        ds->SetGeoTransform(gt);
        GDALClose(ds);
    }
    const auto between = Product::open(east, off, MaskKind::Scl);
    QVERIFY2(between->info()
                 .warnings.join(QLatin1Char(' '))
                 .contains(QStringLiteral("resampled onto the product's")),
        qPrintable(between->info().warnings.join(QLatin1Char('\n'))));
    QCOMPARE(between->classGridFactor(), 1);
    {
        const ProductInfo& bi = between->info();
        const QString near = dir.filePath(QStringLiteral("scl_off_near.tif"));
        QVERIFY(warpOntoGrid(off, near, bi, { QStringLiteral("-r"), QStringLiteral("near") }));
        const std::vector<uint8_t> expected = readBytes(near);
        std::vector<uint8_t> got(static_cast<size_t>(bi.width) * bi.height);
        between->readClasses({ 0, 0, bi.width, bi.height }, got.data());
        QCOMPARE(expected.size(), got.size());
        qint64 same = 0;
        for (size_t k = 0; k < got.size(); ++k)
            same += got[k] == expected[k];
        QVERIFY2(same >= qint64(got.size()) - qint64(got.size()) / 1000, qPrintable(QString::number(same)));
    }
}

// A SAFE's SCL is a JPEG 2000 file with resolution levels, which average class codes (cloud 9 beside
// vegetation 4 reads as 6, water). Decimated classes are native codes: the nearest one, or with a
// rank the footprint's worst; the scene prior's coarse classes also cover the levels' spill.
void TestProduct::decimatedClassesAreNativeCodes()
{
    const int W = m_p->width(), H = m_p->height();
    std::vector<uint8_t> full(static_cast<size_t>(W) * H);
    m_p->readClasses({ 0, 0, W, H }, full.data());
    const MaskSpec spec;
    const Product::ClassRank rank = hiddenFirst(spec);
    for (const auto& [ow, oh] : { std::pair { 150, 150 }, std::pair { 77, 91 }, std::pair { 300, 200 } }) {
        std::vector<uint8_t> nearest(static_cast<size_t>(ow) * oh), worst(nearest.size()),
            coarse(nearest.size());
        m_p->readClassesScaled({ 0, 0, W, H }, ow, oh, nearest.data());
        m_p->readClassesScaled({ 0, 0, W, H }, ow, oh, worst.data(), &rank);
        readClassesCoarse(*m_p, spec, ow, oh, coarse.data());
        const double sx = double(W) / ow, sy = double(H) / oh;
        int hiddenWorst = 0, hiddenNearest = 0, grown = 0;
        for (int j = 0; j < oh; ++j)
            for (int i = 0; i < ow; ++i) {
                const size_t k = static_cast<size_t>(j) * ow + i;
                const int cx = int((i + 0.5) * sx), cy = int((j + 0.5) * sy);
                QCOMPARE(nearest[k], full[static_cast<size_t>(cy) * W + cx]);
                bool anyHidden = false;
                for (int y = int(j * sy); y < std::min(H, int(std::ceil((j + 1) * sy))); ++y)
                    for (int x = int(i * sx); x < std::min(W, int(std::ceil((i + 1) * sx))); ++x)
                        anyHidden |= spec.hides(full[static_cast<size_t>(y) * W + x]);
                QCOMPARE(spec.hides(worst[k]), anyHidden);
                QVERIFY(!spec.hides(worst[k]) || anyHidden);
                QVERIFY(spec.hides(coarse[k]) || !anyHidden);
                hiddenWorst += anyHidden;
                hiddenNearest += spec.hides(nearest[k]);
                grown += spec.hides(coarse[k]) && !anyHidden;
            }
        QVERIFY(hiddenWorst > hiddenNearest);
        QVERIFY(grown > 0); // JPEG 2000 levels: one pixel more around what is hidden
    }
}

// A GeoTIFF's date: Unclouded's export tag, else the first real date in its name, else none.
// A tiled GeoTIFF's block rows; GDAL's cache grown for a job's dates and given back after it.
void TestProduct::blockRowsAndTheCacheThatHoldsThem()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tiled.tif"));
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    const char* opts[] = { "TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32", nullptr };
    GDALDataset* ds
        = drv->Create(path.toUtf8().constData(), 100, 100, 4, GDT_UInt16, const_cast<char**>(opts));
    QVERIFY(ds);
    const char* names[] = { "B02", "B03", "B04", "B08" };
    for (int b = 0; b < 4; ++b)
        ds->GetRasterBand(b + 1)->SetDescription(names[b]);
    GDALClose(ds);
    const auto p = Product::open(path);
    QCOMPARE(p->blockRowBytes(p->bandNames()), qint64(4 * 100 * 32 * 2));
    QCOMPARE(p->blockRowBytes({ QStringLiteral("B02"), QStringLiteral("B09") }), qint64(100 * 32 * 2));

    if (qEnvironmentVariableIsSet("GDAL_CACHEMAX"))
        QSKIP("GDAL_CACHEMAX is set: the cache is the user's to size");
    const int before = gdalCacheMegabytes();
    auto restore = qScopeGuard([&] { setGdalCacheMegabytes(before); });
    constexpr qint64 MB = 1 << 20;
    setGdalCacheMegabytes(384);
    {
        const GdalCacheAtLeast a(500 * MB);
        QCOMPARE(GdalCacheAtLeast::currentBytes(), 500 * MB);
        QCOMPARE(gdalCacheMegabytes(), 384); // the size outside jobs
        {
            const GdalCacheAtLeast b(450 * MB); // overlapping jobs: the largest holds
            QCOMPARE(GdalCacheAtLeast::currentBytes(), 500 * MB);
        }
        QCOMPARE(GdalCacheAtLeast::currentBytes(), 500 * MB);
        setGdalCacheMegabytes(600); // Preferences meanwhile: larger wins at once
        QCOMPARE(GdalCacheAtLeast::currentBytes(), 600 * MB);
        setGdalCacheMegabytes(256);
        QCOMPARE(GdalCacheAtLeast::currentBytes(), 500 * MB);
        const GdalCacheAtLeast small(100 * MB); // below the size: nothing changes
        QCOMPARE(GdalCacheAtLeast::currentBytes(), 500 * MB);
    }
    QCOMPARE(GdalCacheAtLeast::currentBytes(), 256 * MB); // the last one gone: the Preferences' size
    {
        const GdalCacheAtLeast huge(qint64(1) << 50); // bounded by an eighth of the memory and 1 GiB
        QVERIFY(GdalCacheAtLeast::currentBytes() <= qint64(1) << 30);
        QVERIFY(GdalCacheAtLeast::currentBytes() >= 256 * MB);
    }
    QCOMPARE(gdalCacheMegabytes(), 256);
    // A size beyond the machine (an edited settings file) is half its memory.
    setGdalCacheMegabytes(999999999);
    QCOMPARE(gdalCacheMegabytes(), maxGdalCacheMegabytes());
    QVERIFY(qint64(maxGdalCacheMegabytes()) << 20
        <= qint64(sysconf(_SC_PHYS_PAGES)) * sysconf(_SC_PAGESIZE) / 2 + (qint64(1) << 20));
}

void TestProduct::geotiffSensingTime()
{
    QTemporaryDir dir;
    const QStringList names { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"),
        QStringLiteral("B08") };
    auto timeOf = [&](const QString& file) {
        const QString path = dir.filePath(file);
        writeTiff(path, 32, 32, 4, GDT_UInt16, names, true, [](int, int, int) { return 1000; });
        return Product::open(path)->info().sensingTime;
    };
    QCOMPARE(
        timeOf(QStringLiteral("nantes_20171014_L1C_13band.tif")), QStringLiteral("2017-10-14T00:00:00Z"));
    QCOMPARE(timeOf(QStringLiteral("S2B_MSIL2A_20230412T101029_N0509_R022_T33UUU_20230412T131429_truth.tif")),
        QStringLiteral("2023-04-12T10:10:29Z"));
    QCOMPARE(timeOf(QStringLiteral("field-20210631.tif")), QString()); // no 31 June
    QCOMPARE(timeOf(QStringLiteral("parcel_12345678.tif")), QString()); // before Sentinel-2
    QCOMPARE(timeOf(QStringLiteral("export.tif")), QString());
    QCOMPARE(timeOf(QStringLiteral("field_2021-06-30.tif")), QStringLiteral("2021-06-30T00:00:00Z"));
    QCOMPARE(timeOf(QStringLiteral("field_2021-0630.tif")), QString()); // mixed separators
    QCOMPARE(timeOf(QStringLiteral("s2_2021-06-30 (1).tif")), QStringLiteral("2021-06-30T00:00:00Z"));
    QCOMPARE(timeOf(QStringLiteral("x_2021-06-30T101029Z.tif")), QStringLiteral("2021-06-30T10:10:29Z"));
    QCOMPARE(timeOf(QStringLiteral("s2_2021-02-30.tif")), QString()); // no 30 February, and no month
    QCOMPARE(timeOf(QStringLiteral("tile20230412.tif")), QString()); // inside a word
    // Monthly composites: the month's first day.
    QCOMPARE(timeOf(QStringLiteral("worldcereal_202011_L2A_monthly_9band.tif")),
        QStringLiteral("2020-11-01T00:00:00Z"));
    QCOMPARE(timeOf(QStringLiteral("s2_2021-06.tif")), QStringLiteral("2021-06-01T00:00:00Z"));
    QCOMPARE(timeOf(QStringLiteral("plot_123456.tif")), QString()); // 1234 is no year of Sentinel-2
    QCOMPARE(timeOf(QStringLiteral("s2_202113.tif")), QString()); // no 13th month
    const QString tagged = dir.filePath(QStringLiteral("clean_20990101.tif"));
    writeTiff(tagged, 32, 32, 4, GDT_UInt16, names, true, [](int, int, int) { return 1000; });
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(tagged.toUtf8().constData(), GA_Update));
    QVERIFY(ds);
    ds->SetMetadataItem("UNCLOUDED_SENSING_TIME", "2023-05-27T10:10:31.024Z");
    GDALClose(ds);
    QCOMPARE(Product::open(tagged)->info().sensingTime, QStringLiteral("2023-05-27T10:10:31.024Z"));
}

// DN 0 is nodata in Sentinel-2's own files and in exports that declare nothing (or 0); a file that
// declares 65535 (WorldCereal's composites) keeps 0 as the darkest reflectance.
void TestProduct::declaredNodataLeavesZeroAReflectance()
{
    QTemporaryDir dir;
    const QStringList names { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"),
        QStringLiteral("B08") };
    auto read = [&](const QString& file, const std::optional<double>& nodata, double offset) {
        const QString path = dir.filePath(file);
        writeTiff(path, 16, 16, 4, GDT_UInt16, names, true, [](int, int x, int y) {
            return y > 0 ? 500 : x == 0 ? 0 : x == 1 ? 65535 : 500;
        });
        GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(path.toUtf8().constData(), GA_Update));
        for (int b = 1; ds && b <= 4; ++b) {
            if (nodata)
                ds->GetRasterBand(b)->SetNoDataValue(*nodata);
            if (offset != 0) {
                ds->GetRasterBand(b)->SetScale(1e-4);
                ds->GetRasterBand(b)->SetOffset(offset * 1e-4);
            }
        }
        GDALClose(ds);
        std::vector<float> v(4);
        Product::open(path)->readWindow({ QStringLiteral("B02") }, { 0, 0, 4, 1 }, v.data());
        return v;
    };
    auto v = read(QStringLiteral("declared.tif"), 65535.0, 0);
    QCOMPARE(v[0], 0.f);
    QVERIFY(std::isnan(v[1]));
    QCOMPARE(v[2], 0.05f);
    v = read(QStringLiteral("undeclared.tif"), std::nullopt, 0);
    QVERIFY(std::isnan(v[0]));
    QVERIFY(std::abs(v[1] - 6.5535f) < 1e-4f);
    v = read(QStringLiteral("zero.tif"), 0.0, 0);
    QVERIFY(std::isnan(v[0]));
    // A declared value the band cannot hold (-9999 on UInt16) is no declaration: 0 stays nodata.
    v = read(QStringLiteral("unholdable.tif"), -9999.0, 0);
    QVERIFY(std::isnan(v[0]));
    // With the L2A offset DN 0 would read -0.1: no reflectance, so nodata whatever is declared.
    v = read(QStringLiteral("offset.tif"), 65535.0, -1000);
    QVERIFY(std::isnan(v[0]));
    QVERIFY(std::isnan(v[1]));
    QVERIFY(std::abs(v[2] - (-0.05f)) < 1e-6f);
}

void TestProduct::geotiffPlusMaskRoute()
{
    QTemporaryDir dir;
    const QString img = dir.filePath(QStringLiteral("img.tif")),
                  mask = dir.filePath(QStringLiteral("mask.tif"));
    // Bands in a shuffled order, named in their descriptions; float reflectance.
    writeTiff(img, 64, 48, 4, GDT_Float32,
        { QStringLiteral("NIR (B8)"), QStringLiteral("Red(B04)"), QStringLiteral("green"),
            QStringLiteral("B2") },
        true, [](int b, int x, int y) { return 0.01 * (b + 1) + 0.001 * x + 0.0001 * y; });
    writeTiff(mask, 64, 48, 1, GDT_Byte, {}, true, [](int, int x, int) { return x < 16 ? 1 : 0; });
    const auto p = Product::open(img, mask, MaskKind::Binary);
    QCOMPARE(p->bandNames(),
        (QStringList {
            QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"), QStringLiteral("B08") }));
    std::vector<float> v(2);
    p->readWindow({ QStringLiteral("B08"), QStringLiteral("B02") }, { 5, 7, 1, 1 }, v.data());
    QCOMPARE(v[0], static_cast<float>(0.01 + 0.005 + 0.0007));
    QCOMPARE(v[1], static_cast<float>(0.04 + 0.005 + 0.0007));
    const Coverage cov = computeCoverage(*p, MaskSpec());
    QCOMPARE(cov.counts[kMaskHidden], qint64(16 * 48));
    QCOMPARE(cov.hidden, qint64(16 * 48));
    QVERIFY(p->info().georeferenced);
    // A UInt16 0 / 1 mask whose fill is a declared 65535 (outside a swath): no data, not cloud (read
    // as a byte it was 255, hidden).
    const QString wide = dir.filePath(QStringLiteral("mask16.tif"));
    writeTiff(wide, 64, 48, 1, GDT_UInt16, {}, true, [](int, int x, int y) {
        return y >= 40 ? 65535 : x < 16 ? 1 : 0;
    });
    {
        GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(wide.toUtf8().constData(), GA_Update));
        QVERIFY(ds);
        ds->GetRasterBand(1)->SetNoDataValue(65535);
        GDALClose(ds);
    }
    const Coverage cov16 = computeCoverage(*Product::open(img, wide, MaskKind::Binary), MaskSpec());
    QCOMPARE(cov16.hidden, qint64(16 * 40));
    QCOMPARE(cov16.counts[SclNoData], qint64(64 * 8));
    // Named wrongly or twice: refused by name, never read in an assumed order (B04 as B08); not
    // named at all: the usual order, said in a warning.
    // A stack of a SAFE's own bands (UInt16, no scale or offset tags) under the product's name: from
    // baseline 04.00 its DN hold the +1000 offset, taken off (before: 0.1 too bright, not a word);
    // numbers that had it taken off already stay; an older baseline has none.
    const QStringList stackBands { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"),
        QStringLiteral("B08") };
    struct Stack
    {
        const char* baseline;
        int blueDn;
        double offset;
    };
    for (const Stack& c :
        { Stack { "N0509", 1300, -1000 }, Stack { "N0509", 300, 0 }, Stack { "N0212", 1300, 0 } }) {
        const QString stack = dir.filePath(
            QStringLiteral("S2B_MSIL2A_20230412T101029_%1_R022_T33UUU_20230412T131429_stack.tif")
                .arg(c.baseline));
        writeTiff(stack, 64, 64, 4, GDT_UInt16, stackBands, true,
            [&c](int b, int x, int) { return c.blueDn + 500 * b + (x % 7); });
        const auto s = Product::open(stack);
        QCOMPARE(s->info().bands.first().offset, c.offset);
        std::vector<float> px(1);
        s->readWindow({ QStringLiteral("B02") }, { 3, 3, 1, 1 }, px.data());
        QCOMPARE(px[0], static_cast<float>((c.blueDn + 3 + c.offset) * 1e-4));
        if (c.blueDn == 300)
            QVERIFY(
                s->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("already in the numbers")));
    }
    const QString unnamed = dir.filePath(QStringLiteral("unnamed.tif"));
    writeTiff(unnamed, 16, 16, 4, GDT_UInt16, {}, false, [](int b, int, int) { return 1000 * (b + 1); });
    const auto assumed = Product::open(unnamed);
    QCOMPARE(assumed->bandNames().last(), QStringLiteral("B08"));
    QVERIFY(assumed->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("assumed")));
    // 13, 12 and 10 unnamed bands: ESA's order (all, without B10, the 10 and 20 m ones); refused before.
    for (const auto& [count, at8] :
        { std::pair { 13, "B8A" }, std::pair { 12, "B8A" }, std::pair { 10, "B11" } }) {
        const QString stack = dir.filePath(QStringLiteral("unnamed%1.tif").arg(count));
        writeTiff(
            stack, 16, 16, count, GDT_UInt16, {}, false, [](int b, int, int) { return 1000 + 100 * b; });
        const auto p13 = Product::open(stack);
        QCOMPARE(p13->bandNames().size(), count);
        QCOMPARE(p13->bandNames().at(8), QString::fromLatin1(at8));
        // Band i keeps its values whatever its place in Sentinel-2's order.
        std::vector<float> px(1);
        p13->readWindow({ QStringLiteral("B12") }, { 0, 0, 1, 1 }, px.data());
        QCOMPARE(px[0], static_cast<float>((1000 + 100 * (count - 1)) * 1e-4));
    }
    for (const auto& [desc, why] : { std::pair { QStringList { QStringLiteral("B02"), QStringLiteral("B02"),
                                                     QStringLiteral("B03"), QStringLiteral("B04") },
                                         QStringLiteral("bands 1 and 2 are both B02") },
             std::pair { QStringList { QStringLiteral("B99"), QStringLiteral("B02"), QStringLiteral("B03"),
                             QStringLiteral("B04") },
                 QStringLiteral("band 1 is described as \"B99\"") } }) {
        const QString named = dir.filePath(QStringLiteral("misnamed.tif"));
        writeTiff(named, 16, 16, 4, GDT_UInt16, desc, false, [](int b, int, int) { return 1000 * (b + 1); });
        try {
            Product::open(named);
            QFAIL("bands named wrongly were read in an assumed order");
        } catch (const Error& e) {
            QVERIFY2(e.message().contains(why), qPrintable(e.message()));
        }
    }
    // No overviews: a decimated value is one 10 m pixel's, so the coarse classes are that pixel's
    // (x = 14.5 of 64 / 5 px: clear, though its footprint 12.8..25.6 has hidden pixels).
    QCOMPARE(p->decimation(), Product::Decimation::Sharp);
    std::vector<uint8_t> few(5 * 4), worst(5 * 4);
    readClassesCoarse(*p, MaskSpec(), 5, 4, few.data());
    const Product::ClassRank rank = hiddenFirst(MaskSpec());
    p->readClassesScaled({ 0, 0, 64, 48 }, 5, 4, worst.data(), &rank);
    for (int j = 0; j < 4; ++j)
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(few[j * 5 + i], i == 0 ? kMaskHidden : kMaskClear);
            QCOMPARE(worst[j * 5 + i], i <= 1 ? kMaskHidden : kMaskClear);
        }
    // The right size somewhere else (a mask of another AOI, 64 px east, no ground in common): refused,
    // saying where it lies. At 20 m over twice the extent it covers the product (a tile's mask beside
    // an AOI): read on its pixels. Without georeferencing (a hand-drawn mask) the size decides; 20 m
    // over the same extent is a coarser mask.
    auto writeMask = [&](const QString& name, int w, int h, const double* gt) {
        const QString path = dir.filePath(name);
        writeTiff(path, w, h, 1, GDT_Byte, {}, gt != nullptr, [](int, int x, int) { return x < 8 ? 1 : 0; });
        if (gt) {
            GDALDataset* ds = GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_UPDATE);
            ds->SetGeoTransform(const_cast<double*>(gt));
            GDALClose(ds);
        }
        return path;
    };
    const double east[6] = { 500640, 10, 0, 5800000, 0, -10 }, coarse[6] = { 500000, 20, 0, 5800000, 0, -20 };
    try {
        Product::open(img, writeMask(QStringLiteral("east.tif"), 64, 48, east), MaskKind::Binary);
        QFAIL("a mask that lies elsewhere was taken");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(QStringLiteral("does not lie on the product"))
                && e.message().contains(QStringLiteral("corner is at (500640.00")),
            qPrintable(e.message()));
    }
    {
        const auto wide
            = Product::open(img, writeMask(QStringLiteral("wide.tif"), 64, 48, coarse), MaskKind::Binary);
        QCOMPARE(wide->classGridFactor(), 2);
        std::vector<uint8_t> c(64 * 48);
        wide->readClasses({ 0, 0, 64, 48 }, c.data());
        for (int x = 0; x < 64; ++x)
            QCOMPARE(c[x], x < 16 ? kMaskHidden : kMaskClear);
    }
    // The same corner and pixels in the next UTM zone: refused; EPSG:32633 written as ESRI WKT is the
    // same CRS and taken.
    const double same[6] = { 500000, 10, 0, 5800000, 0, -10 };
    for (const auto& [srsText, taken] :
        { std::pair { QStringLiteral("EPSG:32634"), false }, std::pair { QStringLiteral("ESRI"), true } }) {
        const QString path = writeMask(QStringLiteral("crs.tif"), 64, 48, same);
        OGRSpatialReference srs;
        srs.importFromEPSG(taken ? 32633 : 32634);
        if (taken)
            srs.morphToESRI();
        char* wkt = nullptr;
        srs.exportToWkt(&wkt);
        GDALDataset* ds = GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_UPDATE);
        ds->SetProjection(wkt);
        GDALClose(ds);
        CPLFree(wkt);
        try {
            Product::open(img, path, MaskKind::Binary);
            QVERIFY2(taken, qPrintable(srsText));
        } catch (const Error& e) {
            QVERIFY2(!taken && e.message().contains(QStringLiteral("its CRS is")), qPrintable(e.message()));
        }
    }
    const auto plain
        = Product::open(img, writeMask(QStringLiteral("plain.tif"), 64, 48, nullptr), MaskKind::Binary);
    QCOMPARE(computeCoverage(*plain, MaskSpec()).hidden, qint64(8 * 48));
    // ... and says so: a mask of another scene of the same size would pass unnoticed.
    QVERIFY2(plain->info()
                 .warnings.join(QLatin1Char(' '))
                 .contains(QStringLiteral("the mask plain.tif has no georeferencing")),
        qPrintable(plain->info().warnings.join(QLatin1Char(' '))));
    QVERIFY(!Product::open(img, writeMask(QStringLiteral("geo.tif"), 64, 48, same), MaskKind::Binary)
                 ->info()
                 .warnings.join(QLatin1Char(' '))
                 .contains(QLatin1String("has no georeferencing")));
    QCOMPARE(computeCoverage(
                 *Product::open(img, writeMask(QStringLiteral("half.tif"), 32, 24, coarse), MaskKind::Binary),
                 MaskSpec())
                 .hidden,
        qint64(16 * 48));
    // Infinite values are nodata (NaN), like NaN itself: never a reflectance (#17); so is a float
    // fill value nobody declared (ArcGIS' -3.4e38), which a fill would average into -Inf.
    const QString inf = dir.filePath(QStringLiteral("inf.tif"));
    writeTiff(inf, 64, 48, 4, GDT_Float32,
        { QStringLiteral("B08"), QStringLiteral("B04"), QStringLiteral("B03"), QStringLiteral("B02") }, true,
        [](int, int x, int) {
            return x == 0 ? std::numeric_limits<double>::infinity()
                : x == 1  ? -std::numeric_limits<double>::infinity()
                : x == 2  ? double(-std::numeric_limits<float>::max())
                          : 0.1;
        });
    std::vector<float> row(8);
    try {
        Product::open(inf)->readWindow({ QStringLiteral("B04") }, { 0, 3, 8, 1 }, row.data());
    } catch (const Error& e) {
        QFAIL(qPrintable(e.message()));
    }
    QVERIFY(std::isnan(row[0]) && std::isnan(row[1]) && std::isnan(row[2]));
    QCOMPARE(row[3], 0.1f);
    double lon = 0, lat = 0;
    QVERIFY(p->gridToLonLat(0, 0, lon, lat));
    QVERIFY(lon > 14 && lon < 16 && lat > 52 && lat < 53);
}

// A SAFE whose SCL file is another raster (a band copied in its place) hid nothing, without a word.
void TestProduct::sclThatHoldsNoClassesIsSaid()
{
    QVERIFY(Product::open(m_report.main.safePath)
                ->info()
                .warnings.filter(QStringLiteral("SCL's classes"))
                .isEmpty());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.SAFE"));
    QVERIFY(
        QProcess::execute(QStringLiteral("cp"), { QStringLiteral("-r"), m_report.main.safePath, path }) == 0);
    QVERIFY(QFile::remove(path + QStringLiteral("/manifest.safe"))); // its checksums would refuse the swap
    QDirIterator scl(path, { QStringLiteral("*_SCL_20m.jp2") }, QDir::Files, QDirIterator::Subdirectories);
    QDirIterator b05(path, { QStringLiteral("*_B05_20m.jp2") }, QDir::Files, QDirIterator::Subdirectories);
    QVERIFY(scl.hasNext() && b05.hasNext());
    const QString sclFile = scl.next();
    QVERIFY(QFile::remove(sclFile) && QFile::copy(b05.next(), sclFile));
    const QStringList said = Product::open(path)->info().warnings.filter(
        QStringLiteral("holds values beyond SCL's classes 0-11"));
    QCOMPARE(said.size(), 1);
}

void TestProduct::badInput_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("expect");
    QTest::newRow("truncated JP2") << QStringLiteral("truncated") << QStringLiteral("B04");
    QTest::newRow("missing MTD") << QStringLiteral("nomtd") << QStringLiteral("no MTD_MSIL2A.xml");
    QTest::newRow("zip that is not a product")
        << QStringLiteral("badzip") << QStringLiteral("not a Sentinel-2 product");
    QTest::newRow("mask of another size") << QStringLiteral(
        "masksize") << QStringLiteral("is 30 x 30 pixels but the product grid is 600 x 600");
    QTest::newRow("1x1 raster") << QStringLiteral("tiny") << QStringLiteral("too small");
    QTest::newRow("unreadable path") << QStringLiteral("missing") << QStringLiteral("no such file");
    QTest::newRow("text file as raster") << QStringLiteral("text") << QStringLiteral("not a raster format");
    QTest::newRow("parcels opened as a product")
        << QStringLiteral("vector") << QStringLiteral("it is vector data");
    // Decoded without any error by OpenJPEG: only the manifest's checksum shows it.
    QTest::newRow("garbage in the middle of a JP2")
        << QStringLiteral("garbage") << QStringLiteral("does not match its SHA3-256 checksum");
    // Without the manifest (a stripped SAFE, a band folder): OpenJPEG's only word is a warning.
    QTest::newRow("JP2 overwritten, no manifest")
        << QStringLiteral("overwritten") << QStringLiteral("stream does not end with EOC");
    QTest::newRow("zero-byte JP2") << QStringLiteral("empty") << QStringLiteral("is empty (0 bytes)");
    QTest::newRow("a 20 m file as a 10 m band")
        << QStringLiteral("wrongsize") << QStringLiteral("manifest.safe lists");
    QTest::newRow("MTD of 40 MiB") << QStringLiteral("hugemtd") << QStringLiteral("is 40 MiB");
    // The SCL's file replaced by one of another size, no manifest to catch it: GDAL read it as zeros
    // (all no data) without a word; refused as the bands' files are.
    QTest::newRow("SCL of another size")
        << QStringLiteral("sclsize") << QStringLiteral("does not belong to this product");
    // Read as their real part, as digital numbers: a 0-1 reflectance came out as 1s and 2s.
    // GDAL's "HTTP response code on URL: 0" for a host that never answered.
    QTest::newRow("unreachable URL") << QStringLiteral("unreachable")
                                     << QStringLiteral("no answer: the network");
    QTest::newRow("complex numbers") << QStringLiteral("complex")
                                     << QStringLiteral("holds complex numbers (CFloat32)");
}

void TestProduct::badInput()
{
    QFETCH(QString, what);
    QFETCH(QString, expect);
    QTemporaryDir dir;
    QString path, mask;
    if (what == QLatin1String("truncated")) {
        path = dir.filePath(QStringLiteral("p.SAFE"));
        QVERIFY(
            QProcess::execute(QStringLiteral("cp"), { QStringLiteral("-r"), m_report.main.safePath, path })
            == 0);
        QDirIterator it(path, { QStringLiteral("*_B04_10m.jp2") }, QDir::Files, QDirIterator::Subdirectories);
        QVERIFY(it.hasNext());
        QFile f(it.next());
        QVERIFY(f.resize(f.size() / 3));
    } else if (what == QLatin1String("overwritten")) {
        path = dir.filePath(QStringLiteral("p.SAFE"));
        QVERIFY(
            QProcess::execute(QStringLiteral("cp"), { QStringLiteral("-r"), m_report.main.safePath, path })
            == 0);
        QVERIFY(QFile::remove(path + QStringLiteral("/manifest.safe")));
        QDirIterator it(path, { QStringLiteral("*_B04_10m.jp2") }, QDir::Files, QDirIterator::Subdirectories);
        QVERIFY(it.hasNext());
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadWrite) && f.seek(f.size() / 2));
        QByteArray noise(static_cast<int>(f.size() - f.size() / 2), '\0');
        std::mt19937 rng(1);
        for (char& c : noise)
            c = static_cast<char>(rng() & 0xff);
        QVERIFY(f.write(noise) == noise.size());
    } else if (what == QLatin1String("garbage") || what == QLatin1String("empty")
        || what == QLatin1String("wrongsize") || what == QLatin1String("hugemtd")) {
        path = dir.filePath(QStringLiteral("p.SAFE"));
        QVERIFY(
            QProcess::execute(QStringLiteral("cp"), { QStringLiteral("-r"), m_report.main.safePath, path })
            == 0);
        QDirIterator it(path, { QStringLiteral("*_B04_10m.jp2") }, QDir::Files, QDirIterator::Subdirectories);
        QVERIFY(it.hasNext());
        QFile f(it.next());
        if (what == QLatin1String("garbage")) { // same size, 64 bytes changed
            QVERIFY(f.open(QIODevice::ReadWrite) && f.seek(f.size() / 2));
            QVERIFY(f.write(QByteArray(64, '\x5a')) == 64);
        } else if (what == QLatin1String("empty")) {
            QVERIFY(f.resize(0));
        } else if (what == QLatin1String("wrongsize")) {
            QDirIterator b05(
                path, { QStringLiteral("*_B05_20m.jp2") }, QDir::Files, QDirIterator::Subdirectories);
            QVERIFY(b05.hasNext());
            QVERIFY(f.remove() && QFile::copy(b05.next(), f.fileName()));
        } else {
            QFile mtd(path + QStringLiteral("/MTD_MSIL2A.xml"));
            QVERIFY(mtd.open(QIODevice::ReadWrite) && mtd.resize(40 << 20)); // padded with zeros
        }
    } else if (what == QLatin1String("sclsize")) {
        path = dir.filePath(QStringLiteral("p.SAFE"));
        QVERIFY(
            QProcess::execute(QStringLiteral("cp"), { QStringLiteral("-r"), m_report.main.safePath, path })
            == 0);
        QVERIFY(QFile::remove(path + QStringLiteral("/manifest.safe")));
        QDirIterator scl(
            path, { QStringLiteral("*_SCL_20m.jp2") }, QDir::Files, QDirIterator::Subdirectories);
        QDirIterator b04(
            path, { QStringLiteral("*_B04_10m.jp2") }, QDir::Files, QDirIterator::Subdirectories);
        QVERIFY(scl.hasNext() && b04.hasNext());
        const QString sclFile = scl.next();
        QVERIFY(QFile::remove(sclFile) && QFile::copy(b04.next(), sclFile));
    } else if (what == QLatin1String("nomtd")) {
        path = dir.filePath(QStringLiteral("p.SAFE"));
        QVERIFY(
            QProcess::execute(QStringLiteral("cp"), { QStringLiteral("-r"), m_report.main.safePath, path })
            == 0);
        QVERIFY(QFile::remove(path + QStringLiteral("/MTD_MSIL2A.xml")));
    } else if (what == QLatin1String("badzip")) {
        path = dir.filePath(
            QStringLiteral("S2B_MSIL2A_20230101T000000_N0509_R022_T33UUU_20230101T000000.zip"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("PK\x03\x04 this is not really a zip");
    } else if (what == QLatin1String("masksize")) {
        path = m_report.main.safePath;
        mask = dir.filePath(QStringLiteral("m.tif"));
        writeTiff(mask, 30, 30, 1, GDT_Byte, {}, false, [](int, int, int) { return 0; });
    } else if (what == QLatin1String("unreachable")) {
        path = QStringLiteral("http://127.0.0.1:1/x.tif"); // port 1: refused at once
    } else if (what == QLatin1String("complex")) {
        path = dir.filePath(QStringLiteral("c.tif"));
        writeTiff(path, 64, 64, 4, GDT_CFloat32, {}, false, [](int, int, int) { return 0.1; });
    } else if (what == QLatin1String("tiny")) {
        path = dir.filePath(QStringLiteral("t.tif"));
        writeTiff(path, 1, 1, 4, GDT_Float32, {}, false, [](int, int, int) { return 0.1; });
    } else if (what == QLatin1String("missing")) {
        path = dir.filePath(QStringLiteral("nothing-here.SAFE"));
    } else if (what == QLatin1String("text")) {
        path = dir.filePath(QStringLiteral("notes.tif"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello");
    } else if (what == QLatin1String("vector")) {
        path = dir.filePath(QStringLiteral("fields.geojson"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
                R"("geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]})");
    }
    try {
        const auto p = Product::open(path, mask, MaskKind::Binary);
        std::vector<float> v(static_cast<size_t>(p->width()) * p->height());
        p->readWindow({ QStringLiteral("B04") }, { 0, 0, p->width(), p->height() }, v.data());
        QFAIL("expected an Error");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(expect), qPrintable(e.message()));
    }
}

void TestProduct::sentinel2TablesAreTheOneSource()
{
    // The --classes words, class names and the default set read from core/io/sentinel2.h give what
    // the hard-coded numbers gave.
    QList<int> classes;
    QString error;
    QVERIFY(MaskSpec::parseClasses(QStringLiteral("cloud,shadow,cirrus,snow"), classes, error));
    QCOMPARE(classes, (QList<int> { 3, 8, 9, 10, 11, kMaskHidden }));
    QVERIFY(MaskSpec::parseClasses(QStringLiteral("saturated, DARK,unclassified"), classes, error));
    QCOMPARE(classes, (QList<int> { 1, 2, 7, kMaskHidden }));
    QVERIFY(MaskSpec::parseClasses(QStringLiteral("9,8"), classes, error));
    QCOMPARE(classes, (QList<int> { 8, 9, kMaskHidden }));
    QVERIFY(!MaskSpec::parseClasses(QStringLiteral("water"), classes, error));
    QVERIFY(error.contains(QLatin1String("'water'")));
    QCOMPARE(MaskSpec().classes, (QList<int> { 3, 8, 9, 10, 11, kMaskHidden }));
    QCOMPARE(sclClassName(SclCloudHigh), QStringLiteral("Cloud high probability"));
    QCOMPARE(sclClassName(kMaskHidden), QStringLiteral("Mask: hidden"));
    for (int c = 0; c < kSclClassCount; ++c)
        QCOMPARE(int(kSclClasses[c].code), c);
    QCOMPARE(canonicalBandName(QStringLiteral("b8a")), QStringLiteral("B8A"));
    QCOMPARE(canonicalBandName(QStringLiteral("B4")), QStringLiteral("B04"));
    QVERIFY(canonicalBandName(QStringLiteral("B13")).isEmpty());
    QCOMPARE(s2BandIndex(QStringLiteral("B8A")), 8);
    QCOMPARE(s2BandIndex(QStringLiteral("B99")), -1);
    MaskSpec spec;
    QVERIFY(spec.validate().isEmpty());
    spec.dilatePx = MaskSpec::kMaxDilatePx + 1;
    QVERIFY(!spec.validate().isEmpty());
}

void TestProduct::productWithoutSclStillOpens()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.SAFE"));
    QVERIFY(
        QProcess::execute(QStringLiteral("cp"), { QStringLiteral("-r"), m_report.main.safePath, path }) == 0);
    QDirIterator it(path, { QStringLiteral("*_SCL_20m.jp2") }, QDir::Files, QDirIterator::Subdirectories);
    QVERIFY(it.hasNext());
    QVERIFY(QFile::remove(it.next()));
    const auto p = Product::open(path);
    QVERIFY(!p->hasClasses());
    QVERIFY(p->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("SCL")));
    std::vector<uint8_t> m(4);
    QVERIFY_THROWS_EXCEPTION(Error, readHiddenMask(*p, MaskSpec(), { 0, 0, 2, 2 }, m.data()));
}

// Shadows fall away from the sun, 100-5000 m of cloud height times tan(zenith) from their cloud, on
// ground darker than clear ground nearby; never on water, nodata or a cloud.
void TestProduct::cloudShadowsFromSunAndDarkGround()
{
    const int W = 200;
    const size_t n = static_cast<size_t>(W) * W;
    std::vector<uint8_t> codes(n, kMaskClear);
    std::vector<float> nir(n, 0.3f), green(n, 0.05f);
    auto box = [&](int x0, int y0, int x1, int y1, auto&& f) {
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x)
                f(static_cast<size_t>(y) * W + x);
    };
    box(40, 120, 60, 140, [&](size_t i) { codes[i] = SclCloudHigh; });
    // Sun in the south at 45 degrees, 60 m pixels: a cloud at 1500 m shades 25 px north of itself.
    box(40, 95, 60, 115, [&](size_t i) { nir[i] = 0.08f; }); // its shadow
    box(55, 95, 60, 115, [&](size_t i) { green[i] = 0.1f, nir[i] = 0.04f; }); // a pond in it
    box(40, 100, 45, 105, [&](size_t i) { codes[i] = 0; }); // no data
    box(40, 145, 60, 160, [&](size_t i) { nir[i] = 0.08f; }); // dark, on the sun's side
    box(40, 0, 60, 10, [&](size_t i) { nir[i] = 0.08f; }); // dark, beyond 5000 m
    box(100, 95, 120, 115, [&](size_t i) { nir[i] = 0.08f; }); // dark, beside the path
    ShadowGeometry g;
    g.sunZenithDeg = 45;
    g.sunAzimuthDeg = 180;
    std::vector<uint8_t> s = estimateCloudShadows(codes.data(), nir.data(), green.data(), nullptr, W, W, g);
    QCOMPARE(s.size(), n);
    auto at = [&](int x, int y) { return s[static_cast<size_t>(y) * W + x]; };
    qint64 total = 0;
    for (uint8_t v : s)
        total += v;
    QCOMPARE(total, qint64(15 * 20 - 5 * 5)); // the shadow less the pond and the nodata
    QCOMPARE(at(50, 105), uint8_t(1));
    QCOMPARE(at(57, 105), uint8_t(0)); // water
    QCOMPARE(at(42, 102), uint8_t(0)); // nodata
    QCOMPARE(at(50, 150), uint8_t(0));
    QCOMPARE(at(50, 5), uint8_t(0));
    QCOMPARE(at(110, 105), uint8_t(0));
    QCOMPARE(at(50, 80), uint8_t(0)); // in the path, as bright as the ground around
    QCOMPARE(at(50, 130), uint8_t(0)); // the cloud itself
    // With SWIR: a bare field in the path is dark in NIR (beside green fields) but not in SWIR; the
    // shadow darkens both.
    std::vector<float> swir(n, 0.2f);
    box(40, 95, 60, 115, [&](size_t i) { swir[i] = 0.05f; });
    box(40, 60, 60, 70, [&](size_t i) { nir[i] = 0.12f, swir[i] = 0.3f; });
    QCOMPARE(estimateCloudShadows(codes.data(), nir.data(), green.data(), nullptr, W, W, g)[60 * W + 50],
        uint8_t(1));
    s = estimateCloudShadows(codes.data(), nir.data(), green.data(), swir.data(), W, W, g);
    QCOMPARE(at(50, 65), uint8_t(0));
    QCOMPARE(at(50, 105), uint8_t(1));

    // Sun in the east over bright ground (NIR 0.5): a shadow at 0.25 is dark against it. A south-up
    // geotransform (row 0 in the south) turns the shadows with the picture.
    std::fill(nir.begin(), nir.end(), 0.5f);
    std::fill(green.begin(), green.end(), 0.05f);
    std::fill(codes.begin(), codes.end(), kMaskClear);
    box(120, 90, 140, 110, [&](size_t i) { codes[i] = SclCirrus; });
    box(80, 90, 100, 110, [&](size_t i) { nir[i] = 0.25f; }); // 40 px west: 2400 m at 45 degrees
    box(90, 60, 100, 70, [&](size_t i) { nir[i] = 0.25f; }); // north-west of the cloud
    g.sunAzimuthDeg = 90;
    s = estimateCloudShadows(codes.data(), nir.data(), green.data(), nullptr, W, W, g);
    QCOMPARE(at(90, 100), uint8_t(1));
    QCOMPARE(at(110, 100), uint8_t(0));
    g.sunAzimuthDeg = 135; // the sun in the south-east: shadows to the north-west
    s = estimateCloudShadows(codes.data(), nir.data(), green.data(), nullptr, W, W, g);
    QCOMPARE(at(95, 65), uint8_t(1));
    QCOMPARE(at(90, 100), uint8_t(0));
    g.d = 60; // south-up: the same picture, rows flipped
    std::vector<uint8_t> flipped(n), fs;
    std::vector<float> fnir(n);
    for (int y = 0; y < W; ++y)
        for (int x = 0; x < W; ++x) {
            flipped[static_cast<size_t>(W - 1 - y) * W + x] = codes[static_cast<size_t>(y) * W + x];
            fnir[static_cast<size_t>(W - 1 - y) * W + x] = nir[static_cast<size_t>(y) * W + x];
        }
    fs = estimateCloudShadows(flipped.data(), fnir.data(), green.data(), nullptr, W, W, g);
    for (int y = 0; y < W; ++y)
        for (int x = 0; x < W; ++x)
            QCOMPARE(fs[static_cast<size_t>(W - 1 - y) * W + x], at(x, y));
    // A grid turned a quarter (columns run south, rows east: a transposed picture) turns them too.
    ShadowGeometry turned = g;
    turned.a = 0, turned.b = 60, turned.c = -60, turned.d = 0;
    g.d = -60;
    s = estimateCloudShadows(codes.data(), nir.data(), green.data(), nullptr, W, W, g);
    std::vector<uint8_t> tcodes(n);
    std::vector<float> tnir(n);
    for (int y = 0; y < W; ++y)
        for (int x = 0; x < W; ++x) {
            tcodes[static_cast<size_t>(x) * W + y] = codes[static_cast<size_t>(y) * W + x];
            tnir[static_cast<size_t>(x) * W + y] = nir[static_cast<size_t>(y) * W + x];
        }
    const std::vector<uint8_t> ts
        = estimateCloudShadows(tcodes.data(), tnir.data(), green.data(), nullptr, W, W, turned);
    for (int y = 0; y < W; ++y)
        for (int x = 0; x < W; ++x)
            QCOMPARE(ts[static_cast<size_t>(x) * W + y], at(x, y));
    // A sun 85 degrees from the zenith casts shadows too long to place: none estimated.
    g.sunZenithDeg = 85;
    QVERIFY(estimateCloudShadows(codes.data(), nir.data(), green.data(), nullptr, W, W, g).empty());
}

// ESA's own T29UNU (2022-10-05), read as a STAC item of its 60 m green and NIR with its
// MSK_CLASSI_B00 as the mask: the estimated shadows against the same product's SCL shadows.
void TestProduct::realShadowsFromEsasCloudMask()
{
    const QString shared = testutil::sharedData();
    if (shared.isEmpty())
        QSKIP("../shared/data not present: real-sample checks skipped");
    QDirIterator it(shared + QStringLiteral("/stactools-T29UNU-2022-10-05-L2A-SAFE-partial"),
        { QStringLiteral("MTD_TL.xml") }, QDir::Files, QDirIterator::Subdirectories);
    QVERIFY(it.hasNext());
    const QString granule = QFileInfo(it.next()).absolutePath();
    const QString r60 = granule + QStringLiteral("/IMG_DATA/R60m/T29UNU_20221005T115411_");
    QTemporaryDir dir;
    const QString item = dir.filePath(QStringLiteral("item.json"));
    QJsonObject assets;
    for (const char* b : { "B03", "B8A", "B11" })
        assets[QLatin1String(b)]
            = QJsonObject { { QStringLiteral("href"), r60 + QLatin1String(b) + QStringLiteral("_60m.jp2") } };
    const QJsonObject props { { QStringLiteral("datetime"), QStringLiteral("2022-10-05T11:54:11Z") },
        { QStringLiteral("s2:processing_baseline"), QStringLiteral("04.00") },
        { QStringLiteral("s2:product_type"), QStringLiteral("S2MSI2A") },
        { QStringLiteral("view:sun_elevation"), 90.0 - 57.820574357679 },
        { QStringLiteral("view:sun_azimuth"), 172.840206897213 } };
    QFile f(item);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(QJsonObject { { QStringLiteral("type"), QStringLiteral("Feature") },
                              { QStringLiteral("stac_version"), QStringLiteral("1.0.0") },
                              { QStringLiteral("id"), QStringLiteral("S2A_29UNU_20221005_0_L2A") },
                              { QStringLiteral("properties"), props }, { QStringLiteral("assets"), assets } })
                .toJson());
    f.close();
    const auto p = Product::open(item, granule + QStringLiteral("/QI_DATA/MSK_CLASSI_B00.jp2"));
    QCOMPARE(p->info().maskKind, MaskKind::Classi);
    QVERIFY(p->info().cloudShadowsEstimated);
    const int N = 1830;
    QCOMPARE(p->width(), N);
    std::vector<uint8_t> cls(static_cast<size_t>(N) * N);
    p->readClasses({ 0, 0, N, N }, cls.data());
    io::DatasetPtr sclDs = io::openRaster(r60 + QStringLiteral("SCL_60m.jp2"));
    std::vector<uint8_t> scl(cls.size());
    QCOMPARE(
        sclDs->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, N, N, scl.data(), N, N, GDT_Byte, 0, 0), CE_None);
    // Scored where SCL sees the ground (no cloud, no nodata): Sen2Cor's shadows as the truth.
    qint64 tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < cls.size(); ++i) {
        if (scl[i] == 0 || scl[i] == SclCloudMedium || scl[i] == SclCloudHigh || scl[i] == SclCirrus)
            continue;
        const bool est = cls[i] == SclCloudShadow, truth = scl[i] == SclCloudShadow;
        tp += est && truth;
        fp += est && !truth;
        fn += !est && truth;
    }
    const double precision = double(tp) / std::max<qint64>(1, tp + fp),
                 recall = double(tp) / std::max<qint64>(1, tp + fn);
    qInfo("T29UNU estimated shadows against SCL: precision %.3f, recall %.3f", precision, recall);
    QVERIFY2(
        precision > 0.85 && recall > 0.7, qPrintable(QStringLiteral("%1 %2").arg(precision).arg(recall)));
}

// A Google Earth Engine export: Sentinel-2's bands B1 ... B12 with its other layers in one GeoTIFF.
// The reflectance bands open, the rest is left out with a word, and the scene classes come from its
// SCL, else its MSK_CLASSI_* flags, else QA60's bits 10 (opaque) and 11 (cirrus), read as 16 bits.
void TestProduct::earthEngineExportsWithTheirOwnLayers()
{
    QTemporaryDir dir;
    const int W = 48;
    const size_t n = static_cast<size_t>(W) * W;
    // Values per layer: SCL cloud / shadow / vegetation in column bands, QA60 bits likewise (its
    // declared nodata, when given, in the bottom rows), MSK_CLASSI flags in row bands, DN elsewhere.
    auto value = [](const QString& l, int x, int y, int b, int qaNodata) -> double {
        if (l == QLatin1String("SCL"))
            return x < 16 ? 9 : x < 24 ? 3 : 4;
        if (l == QLatin1String("QA60")) {
            if (qaNodata >= 0 && y >= 40)
                return qaNodata;
            return x < 8 ? 1024 : x < 16 ? 2048 : x < 24 ? 512 : 0;
        }
        if (l == QLatin1String("MSK_CLASSI_OPAQUE"))
            return y < 8;
        if (l == QLatin1String("MSK_CLASSI_CIRRUS"))
            return y >= 8 && y < 16;
        if (l == QLatin1String("MSK_CLASSI_SNOW_ICE"))
            return y >= 16 && y < 20;
        return l.startsWith(QLatin1Char('B')) ? 1000 + 10 * b : 7;
    };
    auto write = [&](const QString& name, const QStringList& layers, GDALDataType type = GDT_UInt16,
                     int qaNodata = -1) {
        const QString path = dir.filePath(name);
        GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
        io::DatasetPtr ds(
            gtiff->Create(path.toUtf8().constData(), W, W, static_cast<int>(layers.size()), type, nullptr));
        const double gt[6] = { 500000, 10, 0, 5000000, 0, -10 };
        ds->SetGeoTransform(const_cast<double*>(gt));
        OGRSpatialReference srs;
        srs.importFromEPSG(32633);
        ds->SetSpatialRef(&srs);
        for (int b = 0; b < layers.size(); ++b) {
            std::vector<double> v(n);
            for (size_t k = 0; k < n; ++k)
                v[k] = value(layers[b], static_cast<int>(k % W), static_cast<int>(k / W), b, qaNodata);
            GDALRasterBand* band = ds->GetRasterBand(b + 1);
            band->SetDescription(layers[b].toUtf8().constData());
            if (qaNodata >= 0 && layers[b] == QLatin1String("QA60"))
                band->SetNoDataValue(qaNodata);
            if (band->RasterIO(GF_Write, 0, 0, W, W, v.data(), W, W, GDT_Float64, 0, 0) != CE_None)
                return QString();
        }
        return path;
    };
    const QStringList spectral { QStringLiteral("B1"), QStringLiteral("B2"), QStringLiteral("B3"),
        QStringLiteral("B4"), QStringLiteral("B5"), QStringLiteral("B6"), QStringLiteral("B7"),
        QStringLiteral("B8"), QStringLiteral("B8A"), QStringLiteral("B9"), QStringLiteral("B11"),
        QStringLiteral("B12") };
    const QStringList others { QStringLiteral("AOT"), QStringLiteral("WVP"), QStringLiteral("TCI_R"),
        QStringLiteral("TCI_G"), QStringLiteral("TCI_B"), QStringLiteral("MSK_CLDPRB"),
        QStringLiteral("QA10") };
    const QStringList classi { QStringLiteral("MSK_CLASSI_OPAQUE"), QStringLiteral("MSK_CLASSI_CIRRUS"),
        QStringLiteral("MSK_CLASSI_SNOW_ICE") };
    std::vector<uint8_t> cls(n);
    auto classAt = [&](int x, int y) { return int(cls[static_cast<size_t>(y) * W + x]); };

    // Surface reflectance (S2_SR_HARMONIZED): its SCL.
    const QString sr = write(QStringLiteral("sr.tif"),
        spectral + others + QStringList { QStringLiteral("SCL"), QStringLiteral("QA60") } + classi);
    QVERIFY(!sr.isEmpty());
    auto p = Product::open(sr);
    QCOMPARE(p->bandNames().size(), 12);
    QCOMPARE(p->bandNames().value(8), QStringLiteral("B8A"));
    std::vector<float> v(n);
    p->readWindow({ QStringLiteral("B12") }, { 0, 0, W, W }, v.data());
    QCOMPARE(v[5], (1000 + 10 * 11) * 1e-4f);
    QCOMPARE(p->info().maskKind, MaskKind::Scl);
    QVERIFY(p->info().maskIsProducts);
    QVERIFY(p->info().maskFile.endsWith(QStringLiteral("#band=20")));
    const QString words = p->info().warnings.join(QLatin1Char(' '));
    QVERIFY2(words.contains(QStringLiteral("SCL band")) && words.contains(QStringLiteral("AOT"))
            && words.contains(QStringLiteral("QA60")),
        qPrintable(words));
    p->readClasses({ 0, 0, W, W }, cls.data());
    QCOMPARE(classAt(3, 3), int(SclCloudHigh));
    QCOMPARE(classAt(20, 3), int(SclCloudShadow));
    QCOMPARE(classAt(40, 3), int(SclVegetation));
    // Its mask path reopens the same band on another product (evaluate --masks-from, training); a
    // mask given is not said to be its SCL, which is then left out like the rest.
    auto again = Product::open(sr, p->info().maskFile, MaskKind::Scl);
    QVERIFY(!again->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("scene classes from")));
    QVERIFY(again->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("SCL")));
    std::vector<uint8_t> cls2(n);
    again->readClasses({ 0, 0, W, W }, cls2.data());
    QVERIFY(cls2 == cls);
    // Values chosen on it keep its band.
    const QString chosen = maskPathWithValues(p->info().maskFile, QStringLiteral("9"));
    QVERIFY(chosen.endsWith(QStringLiteral("#band=20;hidden=9")));
    again = Product::open(sr, chosen);
    again->readClasses({ 0, 0, W, W }, cls2.data());
    QCOMPARE(int(cls2[3]), int(kMaskHidden));
    QCOMPARE(int(cls2[20]), int(kMaskClear));
    QCOMPARE(maskValueCounts(p->info().maskFile).values[9], qint64(16 * W));

    // Top of atmosphere (S2_HARMONIZED) since 2022: the MSK_CLASSI_* flags, wherever they are.
    const QString toa = write(QStringLiteral("toa.tif"),
        QStringList { classi[2] } + spectral + QStringList { classi[1], QStringLiteral("QA60"), classi[0] });
    p = Product::open(toa);
    QCOMPARE(p->info().maskKind, MaskKind::Classi);
    QVERIFY2(p->info().maskFile.endsWith(QStringLiteral("#band=16,14,1")), qPrintable(p->info().maskFile));
    QVERIFY(!p->info().cloudShadowsEstimated); // no sun angles in the file
    p->readClasses({ 0, 0, W, W }, cls.data());
    QCOMPARE(classAt(30, 3), int(SclCloudHigh));
    QCOMPARE(classAt(30, 10), int(SclCirrus));
    QCOMPARE(classAt(30, 18), int(SclSnow));
    QCOMPARE(classAt(30, 30), int(kMaskClear));
    // Named by hand, in another order: what each band says moves with it.
    p = Product::open(toa, toa + QStringLiteral("#band=1,14,16"));
    p->readClasses({ 0, 0, W, W }, cls.data());
    QCOMPARE(classAt(30, 3), int(SclSnow));
    QCOMPARE(classAt(30, 18), int(SclCloudHigh));

    // Before: QA60 alone, 16-bit flags (1024 opaque, 2048 cirrus; bit 9 is no cloud).
    const QString qa = write(QStringLiteral("qa.tif"), spectral + QStringList { QStringLiteral("QA60") });
    p = Product::open(qa);
    QCOMPARE(p->info().maskKind, MaskKind::Binary);
    p->readClasses({ 0, 0, W, W }, cls.data());
    QCOMPARE(classAt(3, 3), int(kMaskHidden));
    QCOMPARE(classAt(12, 3), int(kMaskHidden));
    QCOMPARE(classAt(20, 3), int(kMaskClear));
    QCOMPARE(classAt(30, 3), int(kMaskClear));
    // Bits the user names, and bits that are none.
    p = Product::open(qa, qa + QStringLiteral("#band=13;bits=11"));
    p->readClasses({ 0, 0, W, W }, cls.data());
    QCOMPARE(classAt(3, 3), int(kMaskClear));
    QCOMPARE(classAt(12, 3), int(kMaskHidden));
    const QList<QPair<QString, QString>> bad { { QStringLiteral("#band=13;bits=16"),
                                                   QStringLiteral("bit 0-15") },
        { QStringLiteral("#band=14"), QStringLiteral("there is no band 14") },
        { QStringLiteral("#band=13;bits=10;hidden=1"), QStringLiteral("value lists do not go") },
        { QStringLiteral("#band=13;bits="), QStringLiteral("no bit named") },
        { QStringLiteral("#band=0"), QStringLiteral("names no band") },
        { QStringLiteral("#band=2,3"), QStringLiteral("names 2 bands") },
        { QStringLiteral("#band=13;band=12"), QStringLiteral("given twice") },
        // A misspelt key was read as part of the file's name: "no such file".
        { QStringLiteral("#values=2"), QStringLiteral("'values=' is no choice of values") } };
    for (const auto& [suffix, says] : bad) {
        try {
            Product::open(qa, qa + suffix);
            QFAIL(qPrintable(suffix));
        } catch (const Error& e) {
            QVERIFY2(e.message().contains(says), qPrintable(suffix + QStringLiteral(": ") + e.message()));
        }
    }
    // QA60's declared nodata value (here 65535, beyond a byte) is no data.
    const QString qaNd = write(
        QStringLiteral("qand.tif"), spectral + QStringList { QStringLiteral("QA60") }, GDT_UInt16, 65535);
    p = Product::open(qaNd);
    p->readClasses({ 0, 0, W, W }, cls.data());
    QCOMPARE(classAt(3, 45), int(SclNoData));
    QCOMPARE(classAt(3, 3), int(kMaskHidden));
    // An export cast to float keeps its digital numbers: read as DN / 10000.
    const QString fl
        = write(QStringLiteral("float.tif"), spectral + QStringList { QStringLiteral("SCL") }, GDT_Float32);
    p = Product::open(fl);
    p->readWindow({ QStringLiteral("B12") }, { 0, 0, W, W }, v.data());
    QCOMPARE(v[5], (1000 + 10 * 11) * 1e-4f);
    QVERIFY(p->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("digital numbers")));
    // Nothing but other layers: no product.
    const QString none = write(QStringLiteral("none.tif"), others);
    QVERIFY_THROWS_EXCEPTION(Error, Product::open(none));
}

// An L1C reference (its classes from MSK_CLASSI's 60 m flags, nodata from B01, shadows estimated on
// the flags' grid) on another CRS: every one of those resampled, its classes on the new grid as
// gdalwarp -r near puts the same classes read on its own grid; beyond it, no data.
void TestProduct::l1cReferenceResampledKeepsItsFlags()
{
    QTemporaryDir dir;
    const SampleReport r = l1cSample(dir.path(), 7, 0.3);
    const auto own = Product::open(r.main.safePath);
    QCOMPARE(own->info().maskKind, MaskKind::Classi);
    const ProductInfo& oi = own->info();
    const int W = oi.width, H = oi.height;
    // Its classes on its own grid, as a GeoTIFF, and that GeoTIFF moved to the next UTM zone.
    std::vector<uint8_t> classes(static_cast<size_t>(W) * H);
    own->readClasses({ 0, 0, W, H }, classes.data());
    const QString native = dir.filePath(QStringLiteral("classes.tif")),
                  zoneFile = dir.filePath(QStringLiteral("classes_zone.tif"));
    {
        io::DatasetPtr ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            native.toUtf8().constData(), W, H, 1, GDT_Byte, nullptr));
        QVERIFY(ds);
        ds->SetGeoTransform(const_cast<double*>(oi.geoTransform));
        ds->SetProjection(oi.crsWkt.toUtf8().constData());
        QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, W, H, classes.data(), W, H, GDT_Byte, 0, 0),
            CE_None);
    }
    QVERIFY(testutil::gdalWarp(native, zoneFile,
        { QStringLiteral("-t_srs"), QStringLiteral("EPSG:%1").arg(oi.epsg + 1), QStringLiteral("-tr"),
            QStringLiteral("10"), QStringLiteral("10"), QStringLiteral("-r"), QStringLiteral("near") }));
    const ProductInfo zone = rasterGrid(zoneFile);
    QCOMPARE(zone.epsg, oi.epsg + 1);
    const std::vector<uint8_t> expected = readBytes(zoneFile);
    const auto ref = Product::open(r.main.safePath);
    QVERIFY(ref->warpTo(zone));
    std::vector<uint8_t> got(expected.size());
    ref->readClasses({ 0, 0, zone.width, zone.height }, got.data());
    qint64 same = 0, flagged = 0;
    for (size_t k = 0; k < got.size(); ++k) {
        same += got[k] == expected[k];
        flagged += got[k] == SclCloudHigh || got[k] == SclCirrus || got[k] == SclCloudShadow;
    }
    qInfo("L1C classes resampled: %lld of %zu as gdalwarp -r near of its own classes; %lld flagged", same,
        got.size(), flagged);
    QVERIFY(flagged > 0);
    QVERIFY(same >= 0.98 * got.size()); // 60 m cells resampled apart from 10 m ones: edges may differ
}

// Before baseline 04.00 an L1C's clouds are polygons (QI_DATA/MSK_CLOUDS_B00.gml): written here from
// the generated product's MSK_CLASSI flags, one square per flagged 60 m pixel, they must read as the
// same classes (snow aside: the polygons have none).
void TestProduct::l1cCloudPolygonsBeforeBaseline4()
{
    QTemporaryDir dir;
    const SampleReport r = l1cSample(dir.path(), 7, 0.3);
    const int W = 240, N = W / 6;
    std::vector<uint8_t> withClassi(static_cast<size_t>(W) * W);
    QString classi;
    double gt[6];
    {
        const auto p = Product::open(r.main.safePath);
        QCOMPARE(p->info().maskKind, MaskKind::Classi);
        p->readClasses({ 0, 0, W, W }, withClassi.data());
        classi = p->info().maskFile;
        std::copy(p->info().geoTransform, p->info().geoTransform + 6, gt);
    }
    std::vector<uint8_t> opaque(static_cast<size_t>(N) * N), cirrus(opaque.size());
    {
        io::DatasetPtr ds = io::openRaster(classi);
        QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, N, N, opaque.data(), N, N, GDT_Byte, 0, 0),
            CE_None);
        QCOMPARE(ds->GetRasterBand(2)->RasterIO(GF_Read, 0, 0, N, N, cirrus.data(), N, N, GDT_Byte, 0, 0),
            CE_None);
    }
    QVERIFY(QFile::remove(classi));
    const QString qi = QFileInfo(classi).absolutePath();
    auto writeGml = [&](const QString& path, bool members) {
        QString xml = QStringLiteral(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<eop:Mask "
            "xmlns:eop=\"http://www.opengis.net/eop/2.0\" "
            "xmlns:gml=\"http://www.opengis.net/gml/3.2\" gml:id=\"m\">\n<gml:name>test</gml:name>\n");
        if (!members) {
            xml += QStringLiteral("<gml:boundedBy><gml:Null>Inapplicable</gml:Null></gml:boundedBy>\n"
                                  "<eop:maskMembers/>\n</eop:Mask>\n");
        } else {
            xml += QStringLiteral("<eop:maskMembers>\n");
            int id = 0;
            for (int y = 0; y < N; ++y)
                for (int x = 0; x < N; ++x) {
                    const size_t k = static_cast<size_t>(y) * N + x;
                    const char* type = opaque[k] ? "OPAQUE" : cirrus[k] ? "CIRRUS" : nullptr;
                    if (!type)
                        continue;
                    const double x0 = gt[0] + x * 60.0, x1 = x0 + 60, y0 = gt[3] - y * 60.0, y1 = y0 - 60;
                    xml += QStringLiteral(
                        "<eop:MaskFeature gml:id=\"%1.%2\"><eop:maskType "
                        "codeSpace=\"urn:gs2:S2PDGS:maskType\">%1"
                        "</eop:maskType><eop:extentOf><gml:Polygon gml:id=\"p%2\" "
                        "srsName=\"urn:ogc:def:crs:EPSG:8.7:32633\"><gml:exterior><gml:LinearRing>"
                        "<gml:posList srsDimension=\"2\">%3 %5 %4 %5 %4 %6 %3 %6 %3 %5</gml:posList>"
                        "</gml:LinearRing></gml:exterior></gml:Polygon></eop:extentOf></eop:MaskFeature>\n")
                               .arg(QLatin1String(type))
                               .arg(id++)
                               .arg(x0, 0, 'f', 0)
                               .arg(x1, 0, 'f', 0)
                               .arg(y0, 0, 'f', 0)
                               .arg(y1, 0, 'f', 0);
                }
            xml += QStringLiteral("</eop:maskMembers>\n</eop:Mask>\n");
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(xml.toUtf8());
    };
    // The flags alike (the polygons know no snow); the estimated shadows aside, which move with the
    // reflectance (an old product reads 0.1 brighter without its offset).
    auto expectWithoutSnow = [&](const std::vector<uint8_t>& cls) {
        auto flag = [](uint8_t c) { return c == SclSnow || c == SclCloudShadow ? kMaskClear : c; };
        for (size_t k = 0; k < cls.size(); ++k) {
            if (flag(cls[k]) != flag(withClassi[k]))
                return false;
        }
        return true;
    };
    std::vector<uint8_t> cls(withClassi.size());
    // Today's short name and the first products' long one.
    for (const QString& name : { QStringLiteral("MSK_CLOUDS_B00.gml"),
             QStringLiteral("S2A_OPER_MSK_CLOUDS_SGS__20160929T154211_A006640_T33UUU_B00_MSIL1C.gml") }) {
        const QString gml = qi + QLatin1Char('/') + name;
        writeGml(gml, true);
        const auto p = Product::open(r.main.safePath);
        QCOMPARE(p->info().maskKind, MaskKind::Classi);
        QCOMPARE(p->info().maskFile, gml);
        QVERIFY(p->info().maskIsProducts);
        QVERIFY(
            p->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("MSK_CLOUDS_B00 polygons")));
        QVERIFY(p->info().cloudShadowsEstimated);
        p->readClasses({ 0, 0, W, W }, cls.data());
        QVERIFY(expectWithoutSnow(cls));
        QVERIFY(std::count(cls.begin(), cls.end(), uint8_t(SclCloudHigh)) > 0);
        QVERIFY(std::count(cls.begin(), cls.end(), uint8_t(SclCirrus)) > 0);
        QVERIFY(std::count(cls.begin(), cls.end(), uint8_t(SclNoData)) > 0); // B01's DN 0
        // Given as a mask file (a training source): the same classes, less the shadows, which the
        // truth GeoTIFF cannot place (it knows no sun angles).
        const auto given = Product::open(r.main.truthPath, gml, MaskKind::Binary);
        QCOMPARE(given->info().maskKind, MaskKind::Classi);
        QVERIFY(!given->info().maskIsProducts);
        QVERIFY(!given->info().cloudShadowsEstimated);
        std::vector<uint8_t> again(cls.size()), flags(cls);
        std::replace(flags.begin(), flags.end(), uint8_t(SclCloudShadow), kMaskClear);
        given->readClasses({ 0, 0, W, W }, again.data());
        QVERIFY(again == flags);
        QVERIFY(QFile::remove(gml));
    }
    QVERIFY2(QDir(qi).entryList({ QStringLiteral("*.gfs") }).isEmpty(), "no schema file left in the product");
    // A clear sky: no mask members, which GDAL's GML reader may not even open.
    writeGml(qi + QStringLiteral("/MSK_CLOUDS_B00.gml"), false);
    {
        const auto p = Product::open(r.main.safePath);
        QCOMPARE(p->info().maskKind, MaskKind::Classi);
        p->readClasses({ 0, 0, W, W }, cls.data());
        for (size_t k = 0; k < cls.size(); ++k)
            QCOMPARE(int(cls[k]), withClassi[k] == SclNoData ? int(SclNoData) : int(kMaskClear));
    }
    // A damaged file, cut in its polygons or in its header (GDAL's GML reader opens both, with fewer
    // features or none): never a clear sky. The product opens, no classes, a warning names the file.
    const QString gml = qi + QStringLiteral("/MSK_CLOUDS_B00.gml");
    writeGml(gml, true);
    QFile whole(gml);
    QVERIFY(whole.open(QIODevice::ReadOnly));
    const QByteArray text = whole.readAll();
    whole.close();
    for (const qsizetype cut : { text.size() * 3 / 5, text.indexOf("<eop:maskMembers>") + 5 }) {
        {
            QFile f(gml);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text.left(cut));
        }
        const auto damaged = Product::open(r.main.safePath);
        QVERIFY(!damaged->hasClasses());
        QVERIFY2(damaged->info()
                     .warnings.join(QLatin1Char(' '))
                     .contains(QStringLiteral("MSK_CLOUDS_B00 cloud mask")),
            qPrintable(damaged->info().warnings.join(QLatin1Char(' '))));
        QVERIFY_THROWS_EXCEPTION(Error, Product::open(r.main.truthPath, gml, MaskKind::Binary));
    }

    // The format before December 2016: S2A_OPER_PRD_MSIL1C_PDMC_...SAFE with a tile per GRANULE
    // folder, the bands as ..._T33UUU_B02.jp2 side by side in IMG_DATA, the clouds as
    // S2A_OPER_MSK_CLOUDS_..._B00_MSIL1C.gml. Built here from the same files: the same pixels.
    const QString old = dir.filePath(QStringLiteral(
        "S2A_OPER_PRD_MSIL1C_PDMC_20230412T131429_R022_V20230412T101029_20230412T101029.SAFE"));
    const QString tile
        = old + QStringLiteral("/GRANULE/S2A_OPER_MSI_L1C_TL_SGS__20230412T131429_A031845_T33UUU_N02.04");
    QVERIFY(QDir().mkpath(tile + QStringLiteral("/IMG_DATA"))
        && QDir().mkpath(tile + QStringLiteral("/QI_DATA")));
    {
        // The old product MTD: baseline 02.04, no offsets (reflectance = DN / 10000).
        QFile in(r.main.safePath + QStringLiteral("/MTD_MSIL1C.xml"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QString xml = QString::fromUtf8(in.readAll());
        xml.replace(
            QRegularExpression(QStringLiteral("<RADIO_ADD_OFFSET[^>]*>[^<]*</RADIO_ADD_OFFSET>")), QString());
        xml.replace(QStringLiteral(">05.09<"), QStringLiteral(">02.04<"));
        QVERIFY(!xml.contains(QStringLiteral("RADIO_ADD_OFFSET")) && xml.contains(QStringLiteral(">02.04<")));
        QFile out(old
            + QStringLiteral(
                "/S2A_OPER_MTD_SAFL1C_PDMC_20230412T131429_R022_V20230412T101029_20230412T101029.xml"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(xml.toUtf8());
    }
    const QString img = QFileInfo(qi).absolutePath() + QStringLiteral("/IMG_DATA");
    for (const QString& f : QDir(img).entryList({ QStringLiteral("*_B??.jp2") }, QDir::Files))
        QVERIFY(QFile::copy(img + QLatin1Char('/') + f,
            tile + QStringLiteral("/IMG_DATA/S2A_OPER_MSI_L1C_TL_SGS__20230412T131429_A031845_T33UUU_")
                + f.right(7)));
    {
        QFile f(tile + QStringLiteral("/S2A_OPER_MTD_L1C_TL_SGS__20230412T131429_A031845_T33UUU.xml"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "<?xml version=\"1.0\"?>\n<n1:Level-1C_Tile_ID xmlns:n1=\"x\"><n1:General_Info><SENSING_TIME "
            "metadataLevel=\"Standard\">2023-04-12T10:07:26.024Z</SENSING_TIME></n1:General_Info>"
            "<n1:Geometric_Info><Tile_Angles><Mean_Sun_Angle><ZENITH_ANGLE unit=\"deg\">41.5</ZENITH_ANGLE>"
            "<AZIMUTH_ANGLE "
            "unit=\"deg\">160.25</AZIMUTH_ANGLE></Mean_Sun_Angle></Tile_Angles></n1:Geometric_Info>"
            "<n1:Quality_Indicators_Info><Image_Content_QI><CLOUDY_PIXEL_PERCENTAGE>12.5"
            "</CLOUDY_PIXEL_PERCENTAGE></Image_Content_QI></n1:Quality_Indicators_Info></"
            "n1:Level-1C_Tile_ID>\n");
    }
    writeGml(tile
            + QStringLiteral(
                "/QI_DATA/S2A_OPER_MSK_CLOUDS_SGS__20230412T131429_A031845_T33UUU_B00_MSIL1C.gml"),
        true);
    const auto compact = Product::open(r.main.safePath, r.main.sclPath, MaskKind::Scl);
    std::vector<float> want(static_cast<size_t>(W) * W * 3), got(want.size());
    const QStringList rgb { QStringLiteral("B04"), QStringLiteral("B8A"), QStringLiteral("B01") };
    compact->readWindow(rgb, { 0, 0, W, W }, want.data());
    // The product (one tile), its tile folder, the tile's IMG_DATA, the product's MTD.
    for (const QString& path : { old, tile, tile + QStringLiteral("/IMG_DATA"),
             old
                 + QStringLiteral("/S2A_OPER_MTD_SAFL1C_PDMC_20230412T131429_R022_V20230412T101029_"
                                  "20230412T101029.xml") }) {
        const auto p = Product::open(path);
        QCOMPARE(p->info().level, QStringLiteral("L1C"));
        QCOMPARE(p->info().baseline, QStringLiteral("02.04"));
        QCOMPARE(p->info().tileId, QStringLiteral("T33UUU"));
        QVERIFY2(
            p->info().productName.endsWith(QStringLiteral("_T33UUU")), qPrintable(p->info().productName));
        QCOMPARE(p->info().sensingTime, QStringLiteral("2023-04-12T10:07:26.024Z"));
        QCOMPARE(p->info().cloudCoverMetadata, 12.5);
        QCOMPARE(p->info().sunZenith, 41.5);
        QCOMPARE(p->info().bands.size(), compact->info().bands.size());
        QCOMPARE(p->info().maskKind, MaskKind::Classi);
        QVERIFY(p->info().maskIsProducts);
        // Before baseline 04.00 no offset: each value 0.1 above the same DN read with -1000.
        for (const BandDesc& b : p->info().bands)
            QCOMPARE(b.offset, 0.0);
        p->readWindow(rgb, { 0, 0, W, W }, got.data());
        QVERIFY(std::equal(want.begin(), want.end(), got.begin(), [](float a, float b) {
            return (std::isnan(a) && std::isnan(b)) || std::fabs(b - (a + 0.1f)) < 1e-6f;
        }));
        p->readClasses({ 0, 0, W, W }, cls.data());
        QVERIFY(expectWithoutSnow(cls));
    }
    // A folder in GRANULE that is no tile is not one; a second tile makes the choice the user's, and
    // the message lists them.
    const QString second
        = old + QStringLiteral("/GRANULE/S2A_OPER_MSI_L1C_TL_SGS__20230412T131429_A031845_T33UUV_N02.04");
    QVERIFY(QDir().mkpath(second + QStringLiteral("/IMG_DATA")));
    QCOMPARE(Product::open(old)->info().tileId, QStringLiteral("T33UUU"));
    QVERIFY(QFile::copy(tile + QStringLiteral("/S2A_OPER_MTD_L1C_TL_SGS__20230412T131429_A031845_T33UUU.xml"),
        second + QStringLiteral("/S2A_OPER_MTD_L1C_TL_SGS__20230412T131429_A031845_T33UUV.xml")));
    try {
        Product::open(old);
        QFAIL("a product of two tiles opened");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(QStringLiteral("2 tiles (T33UUU, T33UUV)")), qPrintable(e.message()));
    }
}

// Polygons a user drew (QGIS, a GeoJSON in lon/lat): hidden inside, clear elsewhere, on 20 m cells.
void TestProduct::polygonMaskFile()
{
    QTemporaryDir dir;
    SampleOptions o;
    o.outDir = dir.path();
    o.size = 120;
    o.seed = 3;
    const SampleReport r = generateSample(o);
    double gt[6];
    QString wkt;
    {
        const auto p = Product::open(r.main.truthPath);
        std::copy(p->info().geoTransform, p->info().geoTransform + 6, gt);
        wkt = p->info().crsWkt;
    }
    // 20 m cells x 4..8, y 6..10, the box 3 m inside their edges, written in WGS84.
    OGRSpatialReference utm, wgs;
    utm.importFromWkt(wkt.toUtf8().constData());
    utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    wgs.importFromEPSG(4326);
    wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&utm, &wgs));
    QVERIFY(ct);
    const double ex0 = gt[0] + 4 * 20 + 3, ex1 = gt[0] + 9 * 20 - 3, ny0 = gt[3] - 6 * 20 - 3,
                 ny1 = gt[3] - 11 * 20 + 3;
    double xs[5] = { ex0, ex1, ex1, ex0, ex0 }, ys[5] = { ny0, ny0, ny1, ny1, ny0 };
    QVERIFY(ct->Transform(5, xs, ys));
    QStringList ring;
    for (int i = 0; i < 5; ++i)
        ring << QStringLiteral("[%1, %2]").arg(xs[i], 0, 'f', 9).arg(ys[i], 0, 'f', 9);
    const QString json = dir.filePath(QStringLiteral("clouds.geojson"));
    {
        QFile f(json);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral(
            "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
            "\"properties\": {}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[%1]]}}]}")
                    .arg(ring.join(QStringLiteral(", ")))
                    .toUtf8());
    }
    QVERIFY(isVectorMask(json));
    QVERIFY(!isVectorMask(r.main.sclPath));
    // GeoJSON saved as .json is polygons; a STAC item (GDAL reads its footprint as one) is a product.
    const QString asJson = dir.filePath(QStringLiteral("clouds.json")),
                  item = dir.filePath(QStringLiteral("item.json"));
    QVERIFY(QFile::copy(json, asJson));
    QVERIFY(isVectorMask(asJson));
    {
        QFile f(item);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral(
            "{\"type\": \"Feature\", \"stac_version\": \"1.0.0\", \"id\": \"x\", \"properties\": "
            "{\"datetime\": \"2023-04-12T10:10:29Z\"}, \"geometry\": {\"type\": \"Polygon\", "
            "\"coordinates\": [[%1]]}, \"assets\": {\"B02\": {\"href\": \"B02.tif\"}}}")
                    .arg(ring.join(QStringLiteral(", ")))
                    .toUtf8());
    }
    QVERIFY(isStacItem(item));
    QVERIFY(!isVectorMask(item));
    const auto p = Product::open(r.main.truthPath, json, MaskKind::Scl);
    QCOMPARE(p->info().maskKind, MaskKind::Binary);
    QVERIFY(!p->info().maskIsProducts);
    std::vector<uint8_t> cls(120 * 120);
    p->readClasses({ 0, 0, 120, 120 }, cls.data());
    for (int y = 0; y < 120; ++y)
        for (int x = 0; x < 120; ++x) {
            const bool inside = x >= 8 && x < 18 && y >= 12 && y < 22;
            QCOMPARE(int(cls[static_cast<size_t>(y) * 120 + x]), inside ? int(kMaskHidden) : int(kMaskClear));
        }
    // Values are for a raster's codes: refused, not silently hiding nothing.
    QVERIFY_THROWS_EXCEPTION(
        Error, Product::open(r.main.truthPath, json + QStringLiteral("#hidden=2"), MaskKind::Binary));
    // A GeoPackage that holds a raster is a mask raster, not polygons.
    const QString rasterGpkg = dir.filePath(QStringLiteral("raster.gpkg"));
    {
        io::DatasetPtr src(
            GetGDALDriverManager()->GetDriverByName("MEM")->Create("", 60, 60, 1, GDT_Byte, nullptr));
        double cgt[6] = { gt[0], gt[1] * 2, gt[2], gt[3], gt[4], gt[5] * 2 };
        src->SetGeoTransform(cgt);
        src->SetProjection(wkt.toUtf8().constData());
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
        QVERIFY(drv);
        io::DatasetPtr copy(
            drv->CreateCopy(rasterGpkg.toUtf8().constData(), src.get(), FALSE, nullptr, nullptr, nullptr));
        QVERIFY(copy);
    }
    QVERIFY(!isVectorMask(rasterGpkg));
    try {
        QCOMPARE(Product::open(r.main.truthPath, rasterGpkg, MaskKind::Scl)->info().maskKind, MaskKind::Scl);
    } catch (const Error& e) {
        QFAIL(qPrintable(e.message()));
    }
    // Not polygons, or not readable: a clear error.
    QFile bad(dir.filePath(QStringLiteral("bad.gpkg")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("not a geopackage");
    bad.close();
    QVERIFY_THROWS_EXCEPTION(Error, Product::open(r.main.truthPath, bad.fileName(), MaskKind::Binary));
}

// Sen2Cor's L2A of an old-format L1C (S2A_USER_PRD_MSIL2A_...SAFE): a tile folder with its bands in
// IMG_DATA/R10m, R20m, R60m and its SCL as IMG_DATA/S2A_USER_SCL_L2A_TL_..._20m.jp2. Built here from
// a generated L2A's files: the same pixels (no offset before baseline 04.00) and the same classes.
void TestProduct::oldFormatSen2CorL2A()
{
    QTemporaryDir dir;
    SampleOptions o;
    o.outDir = dir.path();
    o.size = 120;
    o.seed = 8;
    const SampleReport r = generateSample(o);
    const QString old = dir.filePath(QStringLiteral(
        "S2A_USER_PRD_MSIL2A_PDMC_20230412T131429_R022_V20230412T101029_20230412T101029.SAFE"));
    const QString tile
        = old + QStringLiteral("/GRANULE/S2A_USER_MSI_L2A_TL_SGS__20230412T131429_A031845_T33UUU_N02.04");
    const QString prefix = QStringLiteral("S2A_USER_MSI_L2A_TL_SGS__20230412T131429_A031845_T33UUU_");
    QDirIterator it(r.main.safePath + QStringLiteral("/GRANULE"), { QStringLiteral("*.jp2") }, QDir::Files,
        QDirIterator::Subdirectories);
    int copied = 0;
    while (it.hasNext()) {
        const QFileInfo f(it.next());
        if (!f.absolutePath().contains(QStringLiteral("/IMG_DATA/R")))
            continue;
        const QString res = f.absoluteDir().dirName(); // R10m ...
        const QString rest = f.fileName().section(QLatin1Char('_'), 2); // B02_10m.jp2, SCL_20m.jp2
        QString to = tile + QStringLiteral("/IMG_DATA/") + res + QLatin1Char('/') + prefix + rest;
        if (rest.startsWith(QLatin1String("SCL"))) {
            if (rest != QLatin1String("SCL_20m.jp2"))
                continue;
            to = tile
                + QStringLiteral("/IMG_DATA/S2A_USER_SCL_L2A_TL_SGS__20230412T131429_A031845_T33UUU_20m.jp2");
        }
        QVERIFY(QDir().mkpath(QFileInfo(to).absolutePath()));
        QVERIFY(QFile::copy(f.absoluteFilePath(), to));
        ++copied;
    }
    QVERIFY(copied > 30);
    {
        QFile in(r.main.safePath + QStringLiteral("/MTD_MSIL2A.xml"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QString xml = QString::fromUtf8(in.readAll());
        xml.replace(
            QRegularExpression(QStringLiteral("<BOA_ADD_OFFSET [^>]*>[^<]*</BOA_ADD_OFFSET>")), QString());
        xml.replace(QStringLiteral(">05.09<"), QStringLiteral(">02.04<"));
        xml.replace(QStringLiteral(">S2MSI2A<"), QStringLiteral(">S2MSI2Ap<"));
        QVERIFY(!xml.contains(QStringLiteral("<BOA_ADD_OFFSET ")));
        QFile out(old
            + QStringLiteral(
                "/S2A_USER_MTD_SAFL2A_PDMC_20230412T131429_R022_V20230412T101029_20230412T101029.xml"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(xml.toUtf8());
        QFile t(tile + QStringLiteral("/S2A_USER_MTD_L2A_TL_SGS__20230412T131429_A031845_T33UUU.xml"));
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write("<?xml version=\"1.0\"?>\n<n1:Level-2A_Tile_ID xmlns:n1=\"x\"><n1:General_Info><SENSING_TIME>"
                "2023-04-12T10:07:26.024Z</SENSING_TIME></n1:General_Info></n1:Level-2A_Tile_ID>\n");
    }
    // Sen2Cor keeps the L1C's cloud polygons beside its SCL: one covering the whole tile, never used.
    QVERIFY(QDir().mkpath(tile + QStringLiteral("/QI_DATA")));
    {
        QFile gml(tile
            + QStringLiteral(
                "/QI_DATA/S2A_USER_MSK_CLOUDS_SGS__20230412T131429_A031845_T33UUU_B00_MSIL1C.gml"));
        QVERIFY(gml.open(QIODevice::WriteOnly));
        const auto c = Product::open(r.main.safePath);
        const double* gt = c->info().geoTransform;
        gml.write(
            QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<eop:Mask "
                           "xmlns:eop=\"http://www.opengis.net/eop/2.0\" "
                           "xmlns:gml=\"http://www.opengis.net/gml/3.2\" "
                           "gml:id=\"m\"><eop:maskMembers><eop:MaskFeature gml:id=\"O\">"
                           "<eop:maskType>OPAQUE</eop:maskType><eop:extentOf><gml:Polygon "
                           "gml:id=\"p\"><gml:exterior><gml:LinearRing>"
                           "<gml:posList srsDimension=\"2\">%1 %3 %2 %3 %2 %4 %1 %4 %1 "
                           "%3</gml:posList></gml:LinearRing></gml:exterior>"
                           "</gml:Polygon></eop:extentOf></eop:MaskFeature></eop:maskMembers></eop:Mask>\n")
                .arg(gt[0], 0, 'f', 0)
                .arg(gt[0] + 1200, 0, 'f', 0)
                .arg(gt[3], 0, 'f', 0)
                .arg(gt[3] - 1200, 0, 'f', 0)
                .toUtf8());
    }
    const auto compact = Product::open(r.main.safePath);
    const auto p = Product::open(old);
    QCOMPARE(p->info().level, QStringLiteral("L2A"));
    QCOMPARE(p->info().baseline, QStringLiteral("02.04"));
    QCOMPARE(p->info().tileId, QStringLiteral("T33UUU"));
    QCOMPARE(p->info().sensingTime, QStringLiteral("2023-04-12T10:07:26.024Z"));
    QCOMPARE(p->info().maskKind, MaskKind::Scl);
    QVERIFY(p->info().maskIsProducts);
    QCOMPARE(p->info().bands.size(), compact->info().bands.size());
    const int W = 120;
    const QStringList bands { QStringLiteral("B02"), QStringLiteral("B11"), QStringLiteral("B01") };
    std::vector<float> want(static_cast<size_t>(W) * W * 3), got(want.size());
    compact->readWindow(bands, { 0, 0, W, W }, want.data());
    p->readWindow(bands, { 0, 0, W, W }, got.data());
    QVERIFY(std::equal(want.begin(), want.end(), got.begin(), [](float a, float b) {
        return (std::isnan(a) && std::isnan(b)) || std::fabs(b - (a + 0.1f)) < 1e-6f;
    }));
    std::vector<uint8_t> a(static_cast<size_t>(W) * W), b(a.size());
    compact->readClasses({ 0, 0, W, W }, a.data());
    p->readClasses({ 0, 0, W, W }, b.data());
    QVERIFY(a == b);
}

// An L1C has no SCL; since baseline 04.00 it carries MSK_CLASSI_B00 (60 m flags: opaque clouds,
// cirrus, snow), read as SCL codes 9 / 10 / 11, clear elsewhere, nodata where B01 is.
void TestProduct::l1cCloudMaskIsItsClassification()
{
    QTemporaryDir dir;
    const SampleReport r = l1cSample(dir.path(), 6, 0.4);
    const auto p = Product::open(r.main.safePath);
    QVERIFY(p->hasClasses());
    QCOMPARE(p->info().maskKind, MaskKind::Classi);
    QVERIFY(p->info().maskFile.endsWith(QStringLiteral("QI_DATA/MSK_CLASSI_B00.jp2")));
    QVERIFY(p->info().cloudShadowsEstimated);
    QVERIFY(p->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("cloud shadows estimated")));

    // Against the files themselves: the three flag bands and B01 on the same 60 m grid, and the
    // generator's 20 m classes (its SCL sidecar) at the centre of each 60 m pixel.
    const int W = 240, N = W / 6;
    auto raw = [](const QString& path, int band, int w, int h) {
        io::DatasetPtr ds = io::openRaster(path);
        std::vector<uint16_t> v(static_cast<size_t>(w) * h);
        if (ds->GetRasterBand(band)->RasterIO(GF_Read, 0, 0, w, h, v.data(), w, h, GDT_UInt16, 0, 0)
            != CE_None)
            v.clear();
        return v;
    };
    const QString classi = p->info().maskFile;
    const auto opaque = raw(classi, 1, N, N), cirrus = raw(classi, 2, N, N), snow = raw(classi, 3, N, N),
               b01 = raw(p->info().bands[0].file, 1, N, N), scl = raw(r.main.sclPath, 1, W / 2, W / 2);
    QCOMPARE(p->info().bands[0].name, QStringLiteral("B01"));
    QVERIFY(!opaque.empty() && !b01.empty() && !scl.empty());
    std::vector<uint8_t> cls(static_cast<size_t>(W) * W);
    p->readClasses({ 0, 0, W, W }, cls.data());
    std::array<qint64, 256> seen {};
    qint64 shadowHit = 0, sclShadow = 0, sclShadowFound = 0;
    std::vector<uint8_t> flags(cls.size()); // the codes the three flags and B01 give, no shadows
    for (int y = 0; y < W; ++y)
        for (int x = 0; x < W; ++x) {
            const size_t k = static_cast<size_t>(y / 6) * N + x / 6;
            const uint8_t c = cls[static_cast<size_t>(y) * W + x];
            ++seen[c];
            const int s20 = scl[static_cast<size_t>(y / 6 * 3 + 1) * (W / 2) + x / 6 * 3 + 1];
            const int want = b01[k] == 0 ? int(SclNoData)
                : opaque[k]              ? int(SclCloudHigh)
                : cirrus[k]              ? int(SclCirrus)
                : snow[k]                ? int(SclSnow)
                                         : int(kMaskClear);
            flags[static_cast<size_t>(y) * W + x] = static_cast<uint8_t>(want);
            if (want == kMaskClear && s20 == SclCloudShadow) {
                ++sclShadow;
                sclShadowFound += c == SclCloudShadow;
            }
            if (c == SclCloudShadow) { // estimated on clear ground (or snow) only
                QVERIFY(want == kMaskClear || want == SclSnow);
                shadowHit += s20 == SclCloudShadow;
                continue;
            }
            QCOMPARE(int(c), want);
            if (c == SclCloudHigh)
                QVERIFY(s20 == SclCloudMedium || s20 == SclCloudHigh);
            else if (c == SclCirrus || c == SclSnow)
                QCOMPARE(s20, int(c));
            else if (c == kMaskClear)
                QVERIFY(!isDefaultHidden(s20) || s20 == SclCloudShadow);
        }
    for (int c : { 0, int(SclCloudHigh), int(SclCirrus), int(SclCloudShadow), int(kMaskClear) })
        QVERIFY2(seen[c] > 0, qPrintable(QString::number(c)));
    QCOMPARE(seen[0] + seen[SclCloudHigh] + seen[SclCirrus] + seen[SclCloudShadow] + seen[SclSnow]
            + seen[kMaskClear],
        qint64(W) * W);
    // The estimated shadows lie where the generator cast them (its SCL). They find a part of them:
    // its SCL marks shadows from 8 % darker on, the estimate from 40 % (cores, not soft edges).
    qInfo("estimated shadow: %lld px, %.1f %% on the generator's; %.1f %% of its found", seen[SclCloudShadow],
        100.0 * shadowHit / seen[SclCloudShadow], 100.0 * sclShadowFound / std::max<qint64>(1, sclShadow));
    QVERIFY(shadowHit > seen[SclCloudShadow] * 8 / 10);
    QVERIFY(sclShadowFound > sclShadow / 10);
    // The scene prior's coarse read sees the same codes (nearest at this sharp decimation or not).
    std::vector<uint8_t> coarse(60 * 60);
    p->readClassesScaled({ 0, 0, W, W }, 60, 60, coarse.data());
    for (int y = 0; y < 60; ++y)
        for (int x = 0; x < 60; ++x)
            QCOMPARE(
                coarse[static_cast<size_t>(y) * 60 + x], cls[static_cast<size_t>(y * 4 + 2) * W + x * 4 + 2]);
    // Opened as a plain mask file it is still the three flags, not its first band alone.
    const auto asMask = Product::open(r.main.safePath, classi, MaskKind::Binary);
    QCOMPARE(asMask->info().maskKind, MaskKind::Classi);
    std::vector<uint8_t> again(cls.size());
    asMask->readClasses({ 0, 0, W, W }, again.data());
    QVERIFY(again == cls);
    // The same flags in another day's granule: that day's shadows are not on this day's ground.
    const QString otherDay = dir.filePath(
        QStringLiteral("S2B_MSIL1C_20230502T101029_N0509_R022_T33UUU_20230502T131429.SAFE/GRANULE/"
                       "L1C_T33UUU_A031845_20230502T101029/QI_DATA"));
    QVERIFY(QDir().mkpath(otherDay));
    QVERIFY(QFile::copy(classi, otherDay + QStringLiteral("/MSK_CLASSI_B00.jp2")));
    const auto otherMask = Product::open(r.main.safePath, otherDay + QStringLiteral("/MSK_CLASSI_B00.jp2"));
    QCOMPARE(otherMask->info().maskKind, MaskKind::Classi);
    QVERIFY(!otherMask->info().cloudShadowsEstimated);
    otherMask->readClasses({ 0, 0, W, W }, again.data());
    QVERIFY(again == flags);

    // Moved to the truth GeoTIFF (what evaluate --masks-from does): the same flags, nodata included
    // (from B01 beside the mask, the GeoTIFF having none on its grid), and no shadows guessed from
    // the other product's ground.
    const auto onTruth = Product::open(r.main.truthPath, classi, MaskKind::Classi);
    QVERIFY(!onTruth->info().cloudShadowsEstimated);
    onTruth->readClasses({ 0, 0, W, W }, again.data());
    QVERIFY(again == flags);
    // A mask the user gives replaces it, warning included.
    const auto withScl = Product::open(r.main.safePath, r.main.sclPath, MaskKind::Scl);
    QCOMPARE(withScl->info().maskKind, MaskKind::Scl);
    QVERIFY(!withScl->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("MSK_CLASSI")));
    withScl->readClasses({ 0, 0, W, W }, again.data());
    for (int y = 0; y < W; y += 7)
        for (int x = 0; x < W; x += 5)
            QCOMPARE(int(again[static_cast<size_t>(y) * W + x]),
                int(scl[static_cast<size_t>(y / 2) * (W / 2) + x / 2]));
    // A damaged mask file never stops the product from opening: no classes and a warning.
    {
        QFile f(classi);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(200));
    }
    const auto damaged = Product::open(r.main.safePath);
    QVERIFY(!damaged->hasClasses());
    QCOMPARE(damaged->info().maskKind, MaskKind::None);
    QVERIFY(damaged->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("cannot be used")));

    // Without the file (baselines before 04.00): no classes, and the warning says what to do.
    QVERIFY(QFile::remove(classi));
    const auto old = Product::open(r.main.safePath);
    QVERIFY(!old->hasClasses());
    QVERIFY(old->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("open a mask file")));
}

// A mask with codes of its own (Fmask: 0 land, 1 water, 2 shadow, 3 snow, 4 cloud, 255 fill, its
// nodata): the values named after '#' hide the ground, the rest is clear or nodata.
void TestProduct::maskValuesSayWhatHides()
{
    QTemporaryDir dir;
    const QString img = dir.filePath(QStringLiteral("img.tif")),
                  mask = dir.filePath(QStringLiteral("fmask.tif"));
    writeTiff(img, 60, 20, 4, GDT_Float32,
        { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"), QStringLiteral("B08") }, true,
        [](int b, int x, int) { return 0.05 + 0.01 * b + 0.001 * x; });
    const int codes[6] = { 0, 1, 2, 3, 4, 255 }; // ten columns each
    writeTiff(mask, 60, 20, 1, GDT_Byte, {}, true, [&](int, int x, int) { return codes[x / 10]; });
    {
        io::DatasetPtr ds(GDALDataset::Open(mask.toUtf8().constData(), GDAL_OF_UPDATE | GDAL_OF_RASTER));
        QVERIFY(ds);
        ds->GetRasterBand(1)->SetNoDataValue(255);
    }
    const MaskValueCounts counts = maskValueCounts(mask);
    for (int c : codes) // 255, its declared nodata, is no value of it
        QCOMPARE(counts.values[c], qint64(c == 255 ? 0 : 200));
    QVERIFY(!counts.wide);
    QCOMPARE(counts.nodata, qint64(200));
    auto classesOf = [&](const QString& maskPath) {
        const auto p = Product::open(img, maskPath, MaskKind::Binary);
        std::vector<uint8_t> cls(1200);
        p->readClasses({ 0, 0, 60, 20 }, cls.data());
        QString out;
        for (int k = 0; k < 6; ++k)
            out += cls[k * 10 + 5] == kMaskHidden ? QLatin1Char('H')
                : cls[k * 10 + 5] == kMaskClear   ? QLatin1Char('c')
                : cls[k * 10 + 5] == 0            ? QLatin1Char('-')
                                                  : QLatin1Char('?');
        return out;
    };
    QCOMPARE(classesOf(mask), QStringLiteral("cHHHH-")); // non-zero hidden, the file's nodata kept
    const QString fmask = maskPathWithValues(mask, QStringLiteral(" 2, 3 ,4 "));
    QCOMPARE(maskFilePart(fmask), mask);
    QCOMPARE(classesOf(fmask), QStringLiteral("ccHHH-"));
    QCOMPARE(classesOf(maskPathWithValues(mask, QStringLiteral("3-4"), QStringLiteral("1"))),
        QStringLiteral("c-cHHc")); // a nodata list replaces the file's
    QCOMPARE(classesOf(maskPathWithValues(mask, QStringLiteral("0,4"))), QStringLiteral("HcccH-"));
    QCOMPARE(classesOf(maskPathWithValues(mask, {}, QStringLiteral("0"))), QStringLiteral("-HHHHH"));
    // The choice travels with the path: the info says it, the SCL route cannot drop it.
    const auto p = Product::open(img, fmask, MaskKind::Scl);
    QCOMPARE(p->info().maskKind, MaskKind::Binary);
    QCOMPARE(p->info().maskFile, fmask);
    QCOMPARE(computeCoverage(*p, MaskSpec()).hidden, qint64(600));
    QVERIFY(!p->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("beyond SCL")));
    // Given as an SCL, its declared nodata 255 is no class to warn of; a 0 / 255 cloud mask's 255 is:
    // the user is told it may be a mask.
    QVERIFY(!Product::open(img, mask, MaskKind::Scl)
                 ->info()
                 .warnings.join(QLatin1Char(' '))
                 .contains(QStringLiteral("beyond SCL")));
    const QString cloud255 = dir.filePath(QStringLiteral("cloud255.tif"));
    writeTiff(cloud255, 60, 20, 1, GDT_Byte, {}, true, [](int, int x, int) { return x < 30 ? 255 : 0; });
    const auto asScl = Product::open(img, cloud255, MaskKind::Scl);
    QVERIFY2(asScl->info()
                 .warnings.join(QLatin1Char(' '))
                 .contains(QStringLiteral("beyond SCL's classes 0-11 (255)")),
        qPrintable(asScl->info().warnings.join(QLatin1Char(' '))));
    // Bad lists are refused by name, before any file is read.
    for (const char* bad : { "0,x", "300", "5-2", "1-2-3", "#4" })
        QVERIFY_THROWS_EXCEPTION(Error, maskPathWithValues(mask, QString::fromLatin1(bad)));
    QVERIFY_THROWS_EXCEPTION(Error,
        Product::open(
            img, maskPathWithValues(mask, QStringLiteral("4"), QStringLiteral("4")), MaskKind::Binary));
    // Signed and float 0 / non-zero masks are read as numbers: -5 and 0.3 hide (as bytes they read
    // 0, clear); NaN and a declared nodata are nodata.
    const QString signedMask = dir.filePath(QStringLiteral("int16.tif")),
                  floatMask = dir.filePath(QStringLiteral("float.tif"));
    const double numbers[6] = { 0, -5, 0.3, -9999.9, NAN, 1e-3 }; // -9999.9: no float holds it exactly
    writeTiff(signedMask, 60, 20, 1, GDT_Int16, {}, true,
        [&](int, int x, int) { return x < 20 ? numbers[x / 10] : 0; });
    writeTiff(floatMask, 60, 20, 1, GDT_Float32, {}, true, [&](int, int x, int) { return numbers[x / 10]; });
    {
        io::DatasetPtr ds(GDALDataset::Open(floatMask.toUtf8().constData(), GDAL_OF_UPDATE | GDAL_OF_RASTER));
        QVERIFY(ds);
        ds->GetRasterBand(1)->SetNoDataValue(-9999.9);
    }
    QCOMPARE(classesOf(signedMask), QStringLiteral("cHcccc"));
    QCOMPARE(classesOf(floatMask), QStringLiteral("cHH--H"));

    // 16-bit flags (QA60: 1024 opaque, 2048 cirrus; 65535 declared nodata) are counted by bit and
    // chosen by bit: read as bytes they all were 255.
    const QString qa60 = dir.filePath(QStringLiteral("qa60.tif"));
    const int flags[6] = { 0, 1024, 2048, 3072, 65535, 1 };
    writeTiff(qa60, 60, 20, 1, GDT_UInt16, {}, true, [&](int, int x, int) { return flags[x / 10]; });
    {
        io::DatasetPtr ds(GDALDataset::Open(qa60.toUtf8().constData(), GDAL_OF_UPDATE | GDAL_OF_RASTER));
        QVERIFY(ds);
        ds->GetRasterBand(1)->SetNoDataValue(65535);
    }
    const MaskValueCounts wide = maskValueCounts(qa60);
    QVERIFY(wide.wide);
    QCOMPARE(wide.total, qint64(1200));
    QCOMPARE(wide.nodata, qint64(200));
    QCOMPARE(wide.bits[10], qint64(400));
    QCOMPARE(wide.bits[11], qint64(400));
    QCOMPARE(wide.bits[0], qint64(200));
    QCOMPARE(wide.bits[15], qint64(0)); // not the nodata's
    QCOMPARE(wide.values[255], qint64(600)); // 1024, 2048 and 3072; 65535 is nodata
    const QString opaque = maskPathWithBits(qa60, QStringLiteral(" 10 "));
    QCOMPARE(opaque, qa60 + QStringLiteral("#bits=10"));
    QCOMPARE(classesOf(opaque), QStringLiteral("cHcH-c"));
    QCOMPARE(classesOf(maskPathWithBits(qa60, QStringLiteral("10,11"))), QStringLiteral("cHHH-c"));
    QCOMPARE(maskPathWithBits(qa60 + QStringLiteral("#band=1;hidden=3"), QStringLiteral("11,10")),
        qa60 + QStringLiteral("#bits=11,10"));
    for (const char* bad : { "", "16", "x", "-1" })
        QVERIFY_THROWS_EXCEPTION(Error, maskPathWithBits(qa60, QString::fromLatin1(bad)));
    // 65535 declared around a 0 / 1 mask is nodata, not a flag.
    const QString ones = dir.filePath(QStringLiteral("ones.tif"));
    writeTiff(ones, 60, 20, 1, GDT_UInt16, {}, true, [&](int, int x, int) { return x < 10 ? 65535 : x % 2; });
    {
        io::DatasetPtr ds(GDALDataset::Open(ones.toUtf8().constData(), GDAL_OF_UPDATE | GDAL_OF_RASTER));
        QVERIFY(ds);
        ds->GetRasterBand(1)->SetNoDataValue(65535);
    }
    QVERIFY(!maskValueCounts(ones).wide);
    QVERIFY(!maskValueCounts(ones).graded);
    QVERIFY(!wide.graded && !counts.graded); // flags and codes are chosen by bit and by value

    // A cloud probability (float 0-1 with NaN outside the swath; 0-10000 as 16 bits) hid every pixel
    // above 0, or was asked for bits: cut at a threshold instead, values at least it hidden, any type.
    const QString prob = dir.filePath(QStringLiteral("prob.tif")),
                  prob16 = dir.filePath(QStringLiteral("p16.tif"));
    auto probability = [](int x, int y) { return x < 10 ? NAN : (x - 10) / 50.0 + y / 10000.0; };
    writeTiff(prob, 60, 20, 1, GDT_Float32, {}, true, [&](int, int x, int y) { return probability(x, y); });
    writeTiff(prob16, 60, 20, 1, GDT_UInt16, {}, true,
        [&](int, int x, int y) { return x < 10 ? 0 : std::round(10000 * probability(x, y)); });
    QCOMPARE(classesOf(prob), QStringLiteral("-HHHHH")); // as a 0 / non-zero mask: all hidden
    const MaskValueCounts graded = maskValueCounts(prob);
    QVERIFY(graded.graded);
    QCOMPARE(graded.nodata, qint64(200));
    QCOMPARE(graded.lo, 0.0);
    QVERIFY(std::abs(graded.hi - (49 / 50.0 + 19 / 10000.0)) < 1e-6);
    const MaskValueCounts graded16 = maskValueCounts(prob16);
    QVERIFY(graded16.graded && graded16.wide);
    QVERIFY(graded16.hi > 9800 && graded16.hi <= 10000);
    // Not graded: 16-bit flag combinations, many but sparse over a wide range (FORCE's QAI); codes
    // with an undeclared -9999 fill (an Int16 Fmask); 0 and one other value in floats.
    const QString qai = dir.filePath(QStringLiteral("qai.tif")),
                  fmask16 = dir.filePath(QStringLiteral("fm16.tif")),
                  twoFloats = dir.filePath(QStringLiteral("two.tif"));
    writeTiff(qai, 60, 20, 1, GDT_UInt16, {}, true,
        [&](int, int x, int y) { return ((x * 20 + y) % 90) * 257 + 1; });
    writeTiff(
        fmask16, 60, 20, 1, GDT_Int16, {}, true, [&](int, int x, int) { return x < 10 ? -9999 : x % 5; });
    writeTiff(
        twoFloats, 60, 20, 1, GDT_Float32, {}, true, [&](int, int x, int) { return x < 30 ? 0.0 : 0.75; });
    QVERIFY(maskValueCounts(qai).wide && !maskValueCounts(qai).graded);
    QVERIFY(!maskValueCounts(fmask16).graded);
    QVERIFY(!maskValueCounts(twoFloats).graded);
    // Whole numbers filling 0-100 are a percentage.
    const QString pct = dir.filePath(QStringLiteral("pct.tif"));
    writeTiff(pct, 60, 20, 1, GDT_Byte, {}, true, [&](int, int x, int y) { return (x * 20 + y) % 101; });
    QVERIFY(maskValueCounts(pct).graded);
    const QString half = maskPathWithThreshold(prob, QStringLiteral(" 0.5 "));
    QCOMPARE(half, prob + QStringLiteral("#above=0.5"));
    QVERIFY(maskPathChoosesValues(half));
    QCOMPARE(maskFilePart(half), prob);
    // Columns 10-59 hold 0 .. 0.98 by 0.02 (plus y / 10000): from 0.5 up is x >= 35.
    QCOMPARE(classesOf(half), QStringLiteral("-ccHHH"));
    QCOMPARE(
        computeCoverage(*Product::open(img, half, MaskKind::Binary), MaskSpec()).hidden, qint64(25 * 20));
    QCOMPARE(computeCoverage(
                 *Product::open(img, maskPathWithThreshold(prob16, QStringLiteral("5000")), MaskKind::Binary),
                 MaskSpec())
                 .hidden,
        qint64(25 * 20));
    // A band kept, values or bits replaced; numbers only, and not beside value lists or bits.
    QCOMPARE(maskPathWithThreshold(prob + QStringLiteral("#band=1;hidden=3"), QStringLiteral("1e-1")),
        prob + QStringLiteral("#above=0.1"));
    for (const char* bad : { "", "x", "nan", "inf", "0.4,0.5" })
        QVERIFY_THROWS_EXCEPTION(Error, maskPathWithThreshold(prob, QString::fromLatin1(bad)));
    for (const char* bad : { "#above=0.4;hidden=1", "#above=0.4;bits=1", "#above=0.4;nodata=0", "#above=x" })
        QVERIFY_THROWS_EXCEPTION(
            Error, Product::open(img, prob + QString::fromLatin1(bad), MaskKind::Binary));

    // A '#' that is part of a file name is a file name.
    const QString hashed = dir.filePath(QStringLiteral("mask#1.tif"));
    QVERIFY(QFile::copy(mask, hashed));
    QCOMPARE(maskFilePart(hashed), hashed);
    QCOMPARE(classesOf(hashed), QStringLiteral("cHHHH-"));
    // Even one that reads like a suffix, when the file is there under the whole name.
    const QString suffixLike = dir.filePath(QStringLiteral("mask#band=2.tif"));
    QVERIFY(QFile::copy(mask, suffixLike));
    QCOMPARE(maskFilePart(suffixLike), suffixLike);
    QCOMPARE(classesOf(suffixLike), QStringLiteral("cHHHH-"));
}

void TestProduct::realPartialProductFromShared()
{
    const QString shared = testutil::sharedData();
    if (shared.isEmpty())
        QSKIP("../shared/data not present: real-sample checks skipped");
    const QString safe = QDir(shared + QStringLiteral("/stactools-T29UNU-2022-10-05-L2A-SAFE-partial"))
                             .entryList({ QStringLiteral("*.SAFE") }, QDir::Dirs)
                             .value(0);
    const auto p
        = Product::open(shared + QStringLiteral("/stactools-T29UNU-2022-10-05-L2A-SAFE-partial/") + safe);
    const ProductInfo& i = p->info();
    QCOMPARE(i.baseline, QStringLiteral("04.00"));
    // Its R10m and R20m bands are missing: read from the tile's R60m copies, on their 60 m grid with
    // SCL_60m (B08 has no copy there).
    QCOMPARE(i.width, 1830);
    QCOMPARE(i.missingBands, QStringList { QStringLiteral("B08") });
    QCOMPARE(p->bandNames().size(), 11);
    QVERIFY(p->bandNames().contains(QStringLiteral("B04")) && p->bandNames().contains(QStringLiteral("B8A")));
    for (const BandDesc& b : i.bands)
        QCOMPARE(b.offset, -1000.0);
    QVERIFY(i.maskFile.endsWith(QLatin1String("_SCL_60m.jp2")));
    // Coverage counted from the SCL against the MTD's statement.
    const Coverage cov = computeCoverage(*p, MaskSpec());
    const double cloud = cov.percentOfValid(8) + cov.percentOfValid(9) + cov.percentOfValid(10);
    QVERIFY2(std::abs(cloud - i.cloudCoverMetadata) < 0.5,
        qPrintable(QStringLiteral("%1 vs %2").arg(cloud).arg(i.cloudCoverMetadata)));
    QVERIFY(std::abs(100.0 * cov.counts[0] / cov.total - 40.0) < 2.0); // README: nodata ~40 %
    // ESA's SCL JPEG 2000 has resolution levels; a decimated read of them gives codes this product
    // has nowhere (1, 2, 12, 13, 14 at 686 px) and moves 10 % of the pixels to another class.
    std::vector<uint8_t> cls(686 * 686);
    p->readClassesScaled({ 0, 0, i.width, i.height }, 686, 686, cls.data());
    for (uint8_t c : cls)
        QVERIFY2(cov.counts[c] > 0, qPrintable(QStringLiteral("class %1 decimated, absent at 20 m").arg(c)));
    std::vector<float> b1(64 * 64);
    p->readWindow({ QStringLiteral("B01") }, { 1000, 500, 64, 64 }, b1.data());
    int valid = 0;
    for (float v : b1)
        if (!std::isnan(v)) {
            ++valid;
            QVERIFY(v >= -0.1f && v < 3.0f); // bright cloud tops exceed 1 in B01 (DN up to ~20000 here)
        }
    QVERIFY(valid > 0);
}

void TestProduct::gdalTemplatesOffsetsByBaseline()
{
    const QString shared = testutil::sharedData();
    if (shared.isEmpty())
        QSKIP("../shared/data not present: template checks skipped");
    const QString root = shared + QStringLiteral("/safe-templates/gdal-autotest-fake/");
    auto safeIn = [&](const QString& dir) {
        return QDir(root + dir)
            .entryInfoList({ QStringLiteral("*.SAFE") }, QDir::Dirs)
            .value(0)
            .absoluteFilePath();
    };
    // GDAL's fakes hold small stand-ins (360 bytes, or 1830 px for a 10980 px grid) for the band
    // files: as products they are damaged, and refused saying which file and why.
    for (const char* dir :
        { "fake_l2a_processing_baseline_5_09", "fake_l2a_MSIL2A", "fake_l1c_processing_baseline_5_09" }) {
        try {
            Product::open(safeIn(QLatin1String(dir)));
            QFAIL(
                qPrintable(QStringLiteral("%1: stand-in band files were accepted").arg(QLatin1String(dir))));
        } catch (const Error& e) {
            QVERIFY2(e.message().contains(QStringLiteral("manifest.safe lists"))
                    || e.message().contains(QStringLiteral("does not belong to this product")),
                qPrintable(e.message()));
        }
    }
    // Their metadata is real: the offsets by processing baseline, read per band.
    const ProductMtd newer = readProductMtd(
        safeIn(QStringLiteral("fake_l2a_processing_baseline_5_09")) + QStringLiteral("/MTD_MSIL2A.xml"));
    QCOMPARE(newer.baseline, QStringLiteral("05.09"));
    QCOMPARE(newer.offsets.size(), 13);
    for (double o : newer.offsets)
        QCOMPARE(o, -1000.0);
    const ProductMtd older
        = readProductMtd(safeIn(QStringLiteral("fake_l2a_MSIL2A")) + QStringLiteral("/MTD_MSIL2A.xml"));
    QCOMPARE(older.baseline, QStringLiteral("02.08"));
    QVERIFY(older.offsets.isEmpty());
    const ProductMtd l1c = readProductMtd(
        safeIn(QStringLiteral("fake_l1c_processing_baseline_5_09")) + QStringLiteral("/MTD_MSIL1C.xml"));
    QCOMPARE(l1c.level, QStringLiteral("L1C"));
    QCOMPARE(l1c.offsets.size(), 13);
}

void TestProduct::realGeoTiffWithReferenceMask()
{
    const QString shared = testutil::sharedData();
    if (shared.isEmpty())
        QSKIP("../shared/data not present: real GeoTIFF checks skipped");
    const QString dir = shared + QStringLiteral("/ukis-csmask-S2-6band-cloudshadow-reference/");
    // Its reference mask codes 0 = shadow and 4 = cloud: turn it into a binary mask (independent count).
    GDALDataset* m = GDALDataset::FromHandle(
        GDALOpen((dir + QStringLiteral("sentinel2_msk_reference.tif")).toUtf8().constData(), GA_ReadOnly));
    QVERIFY(m);
    std::vector<uint8_t> codes(512 * 512);
    QCOMPARE(m->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, 512, 512, codes.data(), 512, 512, GDT_Byte, 0, 0),
        CE_None);
    GDALClose(m);
    qint64 hiddenExpected = 0;
    for (uint8_t c : codes)
        hiddenExpected += (c == 0 || c == 4);
    QTemporaryDir tmp;
    const QString mask = tmp.filePath(QStringLiteral("hidden.tif"));
    writeTiff(mask, 512, 512, 1, GDT_Byte, {}, false, [&](int, int x, int y) {
        const uint8_t c = codes[static_cast<size_t>(y) * 512 + x];
        return (c == 0 || c == 4) ? 1.0 : 0.0;
    });
    const auto p
        = Product::open(dir + QStringLiteral("sentinel2_img_6band_reflectance.tif"), mask, MaskKind::Binary);
    QCOMPARE(p->bandNames(),
        (QStringList { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"),
            QStringLiteral("B08"), QStringLiteral("B11"), QStringLiteral("B12") }));
    QVERIFY(!p->info().georeferenced);
    QVERIFY(p->info().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("no georeferencing")));
    const Coverage cov = computeCoverage(*p, MaskSpec());
    QCOMPARE(cov.hidden, hiddenExpected);
    QVERIFY(std::abs(cov.hiddenPercent() - 29.8) < 0.2); // PROVENANCE: 10.9 % shadow + 18.9 % cloud
    std::vector<float> v(6 * 64 * 64);
    p->readWindow(p->bandNames(), { 200, 200, 64, 64 }, v.data());
    for (float x : v)
        QVERIFY(x > 0.0f && x < 1.3f); // float reflectance as stored (0.009 - 1.274)
}

QTEST_GUILESS_MAIN(TestProduct)
#include "tst_product.moc"
