// Fields: the generator's parcels, every vector format and CRS, statistics checked against an
// independent count (OGR point-in-polygon on pixel centres, not GDAL's rasteriser), bad input, and
// the CLI's CSV and GeoPackage.
#include <atomic>
#include <cmath>
#include <csignal>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogrsf_frmts.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/fields/fields.h"
#include "core/io/product.h"
#include "core/io/zipwriter_p.h"
#include "core/masks/mask.h"
#include "core/recon/reconstruct.h"
#include "core/sample/samplegenerator.h"

#include "testutil.h"

using namespace unclouded;

class TestFields : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void generatorWritesParcels();
    void everyFormatAndCrs_data();
    void everyFormatAndCrs();
    void statisticsMatchAnIndependentCount();
    void reconstructionGivesAfterAndRebuilt();
    void fieldsWithoutDataAreUnknown();
    void parcelsPlacedOnAnAoiKeepTheirWholeFields();
    void badInputIsRefusedOrCounted();
    void layerOfAnyGeometryWithoutPolygonsIsPassedOver();
    void geoTiffWithItsMaskFile();
    void fieldOfMoreValuesThanAreKept();
    void csvLabelsStayText();
    void cliCsvAndGeoPackage();
    void geoPackageFailingHalfWayKeepsEarlierResults();
    void cliInterruptInsideAStripWritesNothing();

private:
    QString ogr2ogr(const QStringList& args)
    {
        QProcess p;
        p.start(QStringLiteral("ogr2ogr"), args);
        p.waitForFinished(60000);
        return p.exitCode() == 0 ? QString() : QString::fromUtf8(p.readAllStandardError());
    }
    QString writeGeoJson(const QString& name, const QString& features, const QString& crs = {})
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(
            QStringLiteral("{\"type\": \"FeatureCollection\", %1 \"features\": [%2]}")
                .arg(crs.isEmpty()
                        ? QString()
                        : QStringLiteral("\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"%1\"}},")
                              .arg(crs),
                    features)
                .toUtf8());
        return path;
    }
    // A square of side `side` m, top-left at grid pixel (px, py) of the product, in its CRS (EPSG:32633).
    QString square(double px, double py, double side, const QString& name) const
    {
        const double* gt = m_product->info().geoTransform;
        const double x = gt[0] + px * 10, y = gt[3] - py * 10;
        return QStringLiteral("{\"type\": \"Feature\", \"properties\": {\"name\": \"%1\"}, \"geometry\": "
                              "{\"type\": \"Polygon\", "
                              "\"coordinates\": [[[%2, %3], [%4, %3], [%4, %5], [%2, %5], [%2, %3]]]}}")
            .arg(name)
            .arg(x, 0, 'f', 3)
            .arg(y, 0, 'f', 3)
            .arg(x + side, 0, 'f', 3)
            .arg(y - side, 0, 'f', 3);
    }

    QTemporaryDir m_dir;
    SampleReport m_sample;
    std::shared_ptr<Product> m_product;
};

void TestFields::initTestCase()
{
    SampleOptions o;
    o.outDir = m_dir.filePath(QStringLiteral("sample"));
    o.size = 300;
    o.seed = 5;
    o.cloudCover = 0.4;
    o.referenceDate = true;
    m_sample = generateSample(o);
    m_product = Product::open(m_sample.main.safePath);
}

void TestFields::generatorWritesParcels()
{
    QVERIFY(QFileInfo::exists(m_sample.main.parcelsPath));
    QCOMPARE(QFileInfo(m_sample.main.parcelsPath).fileName(), QStringLiteral("parcels.gpkg"));
    const auto parcels
        = fields::ParcelSet::open(m_sample.main.parcelsPath, m_product->info(), QStringLiteral("crop"));
    QVERIFY2(parcels->size() > 20, qPrintable(QString::number(parcels->size())));
    QCOMPARE(parcels->report().outside, 0);
    QCOMPARE(parcels->report().repaired, 0);
    QCOMPARE(parcels->attributes(),
        (QStringList { QStringLiteral("id"), QStringLiteral("crop"), QStringLiteral("area_ha") }));
    const QStringList crops { QStringLiteral("winter_cereal"), QStringLiteral("spring_cereal"),
        QStringLiteral("maize_beet"), QStringLiteral("grassland"), QStringLiteral("rapeseed"),
        QStringLiteral("fallow") };
    double area = 0;
    for (int i = 0; i < parcels->size(); ++i) {
        QVERIFY2(crops.contains(parcels->label(i)), qPrintable(parcels->label(i)));
        area += parcels->areaM2(i);
    }
    // Parcels are whole pixels (100 m2) and cover most of the 9 km2 scene, never more.
    QVERIFY(std::fmod(area, 100.0) < 1e-3);
    QVERIFY2(area > 0.3 * 9e6 && area <= 9e6, qPrintable(QString::number(area)));
}

void TestFields::everyFormatAndCrs_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("options");
    QTest::newRow("GeoJSON, WGS 84") << QStringLiteral("p.geojson")
                                     << QStringList { QStringLiteral("-t_srs"), QStringLiteral("EPSG:4326") };
    QTest::newRow("Shapefile, UTM") << QStringLiteral("p.shp") << QStringList {};
    QTest::newRow("FlatGeobuf, ETRS89 LAEA")
        << QStringLiteral("p.fgb") << QStringList { QStringLiteral("-t_srs"), QStringLiteral("EPSG:3035") };
    QTest::newRow("KML") << QStringLiteral("p.kml") << QStringList {};
    // No schema beside it: GDAL guesses one, and must not write it into the user's folder (.gfs).
    QTest::newRow("GML, no schema") << QStringLiteral(
        "p.gml") << QStringList { QStringLiteral("-dsco"), QStringLiteral("XSISCHEMA=OFF") };
    QTest::newRow("GeoPackage, Web Mercator") << QStringLiteral(
        "p3857.gpkg") << QStringList { QStringLiteral("-t_srs"), QStringLiteral("EPSG:3857") };
}

void TestFields::everyFormatAndCrs()
{
    QFETCH(QString, file);
    QFETCH(QStringList, options);
    // Written by GDAL's own ogr2ogr, read back and put on the product's UTM grid: the same fields
    // get the same pixels as from the generator's GeoPackage.
    const QString path = m_dir.filePath(file);
    const QString e = ogr2ogr(QStringList { path, m_sample.main.parcelsPath } + options);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    const auto ref
        = fields::ParcelSet::open(m_sample.main.parcelsPath, m_product->info(), QStringLiteral("id"));
    const auto other = fields::ParcelSet::open(path, m_product->info(), QStringLiteral("id"));
    QCOMPARE(other->size(), ref->size());
    fields::FieldsOptions o;
    o.quantities = { QStringLiteral("ndvi") };
    const fields::FieldsReport a = fields::fieldStatistics(*ref, m_sample.main.safePath, o);
    const fields::FieldsReport b = fields::fieldStatistics(*other, m_sample.main.safePath, o);
    QHash<QString, qint64> pixels; // by the parcel's own id: some formats reorder features (FlatGeobuf)
    for (const fields::FieldStats& f : a.fields)
        pixels.insert(f.label, f.pixels);
    for (const fields::FieldStats& f : b.fields)
        QCOMPARE(f.pixels, pixels.value(f.label, -1));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QFileInfo(file).completeBaseName() + QStringLiteral(".gfs"))));
}

void TestFields::statisticsMatchAnIndependentCount()
{
    // For every parcel: pixels whose centre OGR says is inside, NDVI of the visible ones, computed
    // here from the product's bands and hidden mask.
    const auto parcels = fields::ParcelSet::open(m_sample.main.parcelsPath, m_product->info());
    fields::FieldsOptions o;
    o.quantities = { QStringLiteral("ndvi"), QStringLiteral("b04") };
    const fields::FieldsReport r = fields::fieldStatistics(*parcels, m_sample.main.safePath, o);
    QCOMPARE(r.fields.size(), parcels->size());
    QCOMPARE(r.date, m_sample.main.sensingTime);

    const int W = m_product->width(), H = m_product->height();
    std::vector<float> bands(size_t(2) * W * H);
    m_product->readWindow({ QStringLiteral("B08"), QStringLiteral("B04") }, { 0, 0, W, H }, bands.data());
    std::vector<uint8_t> hidden(size_t(W) * H), cls(size_t(W) * H);
    readHiddenMask(*m_product, o.mask, { 0, 0, W, H }, hidden.data());
    m_product->readClasses({ 0, 0, W, H }, cls.data());
    GDALAllRegister();
    GDALDataset* ds = GDALDataset::Open(m_sample.main.parcelsPath.toUtf8().constData(), GDAL_OF_VECTOR);
    QVERIFY(ds);
    OGRLayer* layer = ds->GetLayer(0);
    const double* gt = m_product->info().geoTransform;
    int checked = 0, withHidden = 0;
    qint64 total = 0;
    for (auto& f : *layer) {
        const int i = checked++;
        QCOMPARE(r.fields[i].id, f->GetFID());
        OGREnvelope e;
        f->GetGeometryRef()->getEnvelope(&e);
        qint64 n = 0, hiddenN = 0, nVisible = 0;
        double sum = 0, sumRed = 0;
        for (int y = std::max(0, int((gt[3] - e.MaxY) / 10) - 1);
             y < std::min(H, int((gt[3] - e.MinY) / 10) + 1); ++y)
            for (int x = std::max(0, int((e.MinX - gt[0]) / 10) - 1);
                 x < std::min(W, int((e.MaxX - gt[0]) / 10) + 1); ++x) {
                const OGRPoint c(gt[0] + (x + 0.5) * 10, gt[3] - (y + 0.5) * 10);
                if (!f->GetGeometryRef()->Contains(&c))
                    continue;
                const size_t k = size_t(y) * W + x;
                if (cls[k] == 0)
                    continue;
                ++n;
                if (hidden[k]) {
                    ++hiddenN;
                    continue;
                }
                const double nir = bands[k], red = bands[size_t(W) * H + k];
                sum += (nir - red) / (nir + red);
                sumRed += red;
                ++nVisible;
            }
        const fields::FieldStats& s = r.fields[i];
        QCOMPARE(s.pixels, n);
        QCOMPARE(s.before[0].n, nVisible);
        QVERIFY(std::abs(s.hiddenPercent - 100.0 * hiddenN / std::max<qint64>(1, n)) < 1e-9);
        if (nVisible > 0) {
            QVERIFY2(std::abs(s.before[0].mean - sum / nVisible) < 1e-5,
                qPrintable(QStringLiteral("%1 vs %2").arg(s.before[0].mean).arg(sum / nVisible)));
            QVERIFY(std::abs(s.before[1].mean - sumRed / nVisible) < 1e-6);
            QVERIFY(s.before[0].p10 <= s.before[0].median && s.before[0].median <= s.before[0].p90);
        } else {
            QVERIFY(std::isnan(s.before[0].mean));
        }
        withHidden += hiddenN > 0 && nVisible > 0;
        total += n;
        QVERIFY(s.after.isEmpty()); // a product, not a reconstruction
    }
    GDALClose(ds);
    QCOMPARE(checked, parcels->size());
    QVERIFY2(withHidden >= 3, "the sample should have partly clouded fields");
    qInfo("%d parcels, %lld pixels, %d partly hidden: every count and mean as the independent computation",
        checked, total, withHidden);

    // All-touched takes every pixel a field's outline passes through: never fewer.
    o.allTouched = true;
    const fields::FieldsReport t = fields::fieldStatistics(*parcels, m_sample.main.safePath, o);
    for (int i = 0; i < t.fields.size(); ++i)
        QVERIFY(t.fields[i].pixels >= r.fields[i].pixels);
}

void TestFields::reconstructionGivesAfterAndRebuilt()
{
    const QString out = m_dir.filePath(QStringLiteral("rebuilt.tif"));
    recon::ReconOptions ro;
    ro.method = recon::Method::parse(QStringLiteral("temporal"));
    ro.references = { m_sample.reference->safePath };
    recon::reconstructToFile(*m_product, ro, out, ExportOptions {});
    const auto parcels = fields::ParcelSet::open(m_sample.main.parcelsPath, m_product->info());
    fields::FieldsOptions o;
    o.quantities = { QStringLiteral("ndvi") };
    const fields::FieldsReport before = fields::fieldStatistics(*parcels, m_sample.main.safePath, o);
    const fields::FieldsReport after = fields::fieldStatistics(*parcels, out, o);
    QCOMPARE(after.method, QStringLiteral("Temporal fill"));
    QCOMPARE(after.date, m_sample.main.sensingTime);
    int rebuiltFields = 0;
    for (int i = 0; i < after.fields.size(); ++i) {
        const fields::FieldStats& a = after.fields[i];
        const fields::FieldStats& b = before.fields[i];
        QCOMPARE(a.pixels, b.pixels);
        QVERIFY(std::abs(a.rebuiltPercent - b.hiddenPercent) < 1e-9); // what was hidden is what was rebuilt
        QCOMPARE(a.after[0].n, a.pixels); // after: every pixel
        // Before is the same in the product and the reconstruction (visible pixels are copied).
        QCOMPARE(a.before[0].n, b.before[0].n);
        if (b.before[0].n > 0)
            QVERIFY(std::abs(a.before[0].mean - b.before[0].mean) < 1e-4);
        rebuiltFields += a.rebuiltPercent > 50;
    }
    QVERIFY(rebuiltFields > 0);
}

// A date that covers only part of the fields (another footprint, the swath's edge): the fields it
// does not cover have no pixel with data, and their shares are unknown (empty), not 0 % hidden.
void TestFields::fieldsWithoutDataAreUnknown()
{
    // The left half rebuilt (an AOI's reconstruction covers the AOI alone).
    const QString left = m_dir.filePath(QStringLiteral("left-half.tif"));
    recon::ReconOptions ro;
    ro.method = recon::Method::parse(QStringLiteral("telea"));
    ro.aoi = { 0, 0, 150, 300 };
    recon::reconstructToFile(*m_product, ro, left, ExportOptions {});
    const auto parcels = fields::ParcelSet::open(m_sample.main.parcelsPath, m_product->info());
    fields::FieldsOptions o;
    o.quantities = { QStringLiteral("ndvi") };
    fields::FieldsReport r;
    try {
        r = fields::fieldStatistics(*parcels, left, o);
    } catch (const Error& e) {
        QFAIL(qPrintable(e.message()));
    }
    int outside = 0, inside = 0;
    for (int i = 0; i < r.fields.size(); ++i) {
        const fields::FieldStats& f = r.fields[i];
        const Window b = parcels->bounds(i);
        if (b.x >= 152) { // wholly in the right half (bounding boxes touch a pixel more)
            ++outside;
            QCOMPARE(f.pixels, qint64(0));
            QVERIFY2(std::isnan(f.hiddenPercent) && std::isnan(f.rebuiltPercent),
                qPrintable(QString::number(f.hiddenPercent)));
            QVERIFY(std::isnan(f.before[0].mean));
        } else if (b.x + b.w <= 148) {
            ++inside;
            QVERIFY(f.pixels > 0 && std::isfinite(f.hiddenPercent));
        }
    }
    QVERIFY(outside > 0 && inside > 0);
    // Without its mask of rebuilt pixels a reconstruction cannot say what was hidden: the message names it.
    QVERIFY(QFile::rename(maskSidecarPath(left), maskSidecarPath(left) + QStringLiteral(".away")));
    try {
        fields::fieldStatistics(*parcels, left, o);
        QFAIL("a reconstruction without its sidecar was counted");
    } catch (const Error& e) {
        QVERIFY2(
            e.message().contains(QStringLiteral("left-half.mask.tif, is missing")), qPrintable(e.message()));
    }
    QVERIFY(QFile::rename(maskSidecarPath(left) + QStringLiteral(".away"), maskSidecarPath(left)));
    // The CSV leaves them empty: id,label,date,path,method,area_ha,pixels,hidden_pct,...
    for (const QString& line : fields::toCsv({ r }).split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(1)) {
        const QStringList c = line.split(QLatin1Char(','));
        if (c.value(6) == QLatin1String("0"))
            QVERIFY2(c.value(7).isEmpty(), qPrintable(line));
    }
}

// Without --layer, a first layer of any geometry that holds no polygon (a KML's "Points" folder, a
// generic GeoPackage table of points) is passed over for the next one with parcels (the app cannot
// name a layer).
void TestFields::layerOfAnyGeometryWithoutPolygonsIsPassedOver()
{
    const QString path = m_dir.filePath(QStringLiteral("points-first.gpkg"));
    GDALAllRegister();
    {
        GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
        QVERIFY(gpkg);
        GDALDataset* ds = gpkg->Create(path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr);
        QVERIFY(ds);
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        OGRLayer* points = ds->CreateLayer("a_points", &wgs84, wkbUnknown, nullptr);
        QVERIFY(points);
        OGRFeature f(points->GetLayerDefn());
        OGRPoint pt(14.5, 50.1);
        f.SetGeometry(&pt);
        QCOMPARE(points->CreateFeature(&f), OGRERR_NONE);
        GDALClose(ds);
    }
    // The generator's parcels appended as a second layer of any geometry.
    const QByteArray src = m_sample.main.parcelsPath.toUtf8(), dst = path.toUtf8();
    const char* args[] = { "-update", "-nln", "b_fields", "-nlt", "GEOMETRY", nullptr };
    GDALVectorTranslateOptions* opts = GDALVectorTranslateOptionsNew(const_cast<char**>(args), nullptr);
    GDALDatasetH in = GDALOpenEx(src.constData(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    QVERIFY(in);
    int usageError = 0;
    GDALDatasetH out = GDALVectorTranslate(dst.constData(), nullptr, 1, &in, opts, &usageError);
    GDALVectorTranslateOptionsFree(opts);
    QVERIFY(out);
    GDALClose(out);
    GDALClose(in);

    const auto parcels = fields::ParcelSet::open(path, m_product->info());
    QCOMPARE(parcels->report().layer, QStringLiteral("b_fields"));
    QCOMPARE(parcels->size(), fields::ParcelSet::open(m_sample.main.parcelsPath, m_product->info())->size());

    // Reading a (national) parcel file stops when asked; the feature id is asked for by name.
    std::atomic<bool> stop { true };
    Progress cancelled;
    cancelled.cancelFlag = &stop;
    QVERIFY_THROWS_EXCEPTION(Cancelled, fields::ParcelSet::open(path, m_product->info(), {}, {}, cancelled));
    const auto ids = fields::ParcelSet::open(
        m_sample.main.parcelsPath, m_product->info(), QString::fromLatin1(fields::ParcelSet::kFeatureId));
    QCOMPARE(ids->report().labelAttribute, QStringLiteral("(feature id)"));
    QCOMPARE(ids->label(0), QString::number(ids->id(0)));
}

// Parcels placed on an AOI reconstruction (the CLI's first input, the app's current layer) and then
// counted on the whole product: a field across the AOI's side counts all its pixels there, as when
// the parcels are placed on the whole product. Until session 49 their boxes were cut at the AOI's
// side and only the part inside was counted.
void TestFields::parcelsPlacedOnAnAoiKeepTheirWholeFields()
{
    const QString aoiResult = m_dir.filePath(QStringLiteral("aoi-middle.tif"));
    recon::ReconOptions ro;
    ro.method = recon::Method::parse(QStringLiteral("telea"));
    ro.aoi = { 70, 60, 120, 110 };
    recon::reconstructToFile(*m_product, ro, aoiResult, ExportOptions {});
    const auto onAoi = fields::ParcelSet::open(m_sample.main.parcelsPath, Product::open(aoiResult)->info());
    const auto onAll = fields::ParcelSet::open(m_sample.main.parcelsPath, m_product->info());
    QVERIFY(onAoi->size() < onAll->size());
    fields::FieldsOptions o;
    o.quantities = { QStringLiteral("ndvi") };
    const fields::FieldsReport a = fields::fieldStatistics(*onAoi, m_sample.main.safePath, o);
    const fields::FieldsReport b = fields::fieldStatistics(*onAll, m_sample.main.safePath, o);
    QHash<qint64, const fields::FieldStats*> whole;
    for (const fields::FieldStats& f : b.fields)
        whole.insert(f.id, &f);
    int across = 0;
    for (int i = 0; i < a.fields.size(); ++i) {
        const fields::FieldStats& f = a.fields[i];
        QVERIFY(whole.contains(f.id));
        QCOMPARE(f.pixels, whole[f.id]->pixels);
        QCOMPARE(f.before[0].n, whole[f.id]->before[0].n);
        const Window box = onAoi->bounds(i);
        across += box.x < 0 || box.y < 0 || box.x + box.w > ro.aoi.w || box.y + box.h > ro.aoi.h;
    }
    QVERIFY(across > 0);
}

void TestFields::geoTiffWithItsMaskFile()
{
    // A GeoTIFF with no classes of its own (the truth of the sample) and a 0/1 mask beside it: refused
    // without the mask, saying how to give it; counted with it (the left half hidden).
    const ProductInfo& grid = m_product->info();
    const QString mask = m_dir.filePath(QStringLiteral("half-mask.tif"));
    {
        GDALAllRegister();
        GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            mask.toUtf8().constData(), grid.width, grid.height, 1, GDT_Byte, nullptr);
        QVERIFY(ds);
        ds->SetGeoTransform(const_cast<double*>(grid.geoTransform));
        ds->SetProjection(grid.crsWkt.toUtf8().constData());
        std::vector<uint8_t> v(static_cast<size_t>(grid.width) * grid.height);
        for (int y = 0; y < grid.height; ++y)
            for (int x = 0; x < grid.width; ++x)
                v[static_cast<size_t>(y) * grid.width + x] = x < grid.width / 2 ? 1 : 0;
        QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, grid.width, grid.height, v.data(), grid.width,
                     grid.height, GDT_Byte, 0, 0, nullptr),
            CE_None);
        GDALClose(ds);
    }
    const auto set
        = fields::ParcelSet::open(writeGeoJson(QStringLiteral("halves.geojson"),
                                      square(10, 10, 200, QStringLiteral("left")) + QLatin1Char(',')
                                          + square(grid.width - 40, 10, 200, QStringLiteral("right")),
                                      QStringLiteral("urn:ogc:def:crs:EPSG::32633")),
            grid);
    fields::FieldsOptions o;
    try {
        fields::fieldStatistics(*set, m_sample.main.truthPath, o);
        QFAIL("a product without classes was counted");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(
                     QStringLiteral("its SCL or mask file: --scl / --mask, in the app Open Mask File")),
            qPrintable(e.message()));
    }
    o.maskFile = mask;
    o.maskKind = MaskKind::Binary;
    const fields::FieldsReport r = fields::fieldStatistics(*set, m_sample.main.truthPath, o);
    QCOMPARE(r.fields.size(), 2);
    QCOMPARE(r.fields[0].label, QStringLiteral("left"));
    QCOMPARE(r.fields[0].hiddenPercent, 100.0);
    QCOMPARE(r.fields[1].hiddenPercent, 0.0);
    // A 0 / 1 mask says nothing of classes: unknown (empty in the CSV), not 0 % cloud.
    QVERIFY(std::isnan(r.fields[0].cloudPercent) && std::isnan(r.fields[0].shadowPercent));

    // The CLI: --mask with one product; with two it cannot say whose clouds they are.
    QProcess cli;
    const QString exe = testutil::cliPath();
    QVERIFY2(QFileInfo::exists(exe), "UNCLOUDED_CLI not set");
    cli.start(exe,
        { QStringLiteral("fields"), m_sample.main.truthPath, QStringLiteral("--mask"), mask,
            QStringLiteral("--parcels"), m_dir.filePath(QStringLiteral("halves.geojson")) });
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QString csv = QString::fromUtf8(cli.readAllStandardOutput());
    QCOMPARE(csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 3); // header, left, right
    cli.start(exe,
        { QStringLiteral("fields"), m_sample.main.truthPath, m_sample.main.safePath, QStringLiteral("--mask"),
            mask, QStringLiteral("--parcels"), m_dir.filePath(QStringLiteral("halves.geojson")) });
    QVERIFY(cli.waitForFinished(120000));
    QCOMPARE(cli.exitCode(), 2);
    QVERIFY(QString::fromUtf8(cli.readAllStandardError()).contains(QLatin1String("go with one product")));
}

// A field of more pixels than are kept for its median and percentiles (Values::kKept, 2^20; a field
// as large as a tile once held every value): n, mean and standard deviation still count every pixel,
// the median and percentiles come from a uniform sample. 1250 x 1000 px, B08 rising across the
// columns, one polygon over all of it.
void TestFields::fieldOfMoreValuesThanAreKept()
{
    const int W = 1250, H = 1000;
    const QString tif = m_dir.filePath(QStringLiteral("large.tif")),
                  mask = m_dir.filePath(QStringLiteral("large-mask.tif"));
    double gt[6] = { 500000, 10, 0, 5600000, 0, -10 };
    OGRSpatialReference utm;
    utm.importFromEPSG(32633);
    GDALAllRegister();
    for (const QString& path : { tif, mask }) {
        GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            path.toUtf8().constData(), W, H, 1, path == tif ? GDT_UInt16 : GDT_Byte, nullptr);
        QVERIFY(ds);
        ds->SetGeoTransform(gt);
        ds->SetSpatialRef(&utm);
        std::vector<uint16_t> v(static_cast<size_t>(W) * H, 0);
        if (path == tif) {
            ds->GetRasterBand(1)->SetDescription("B08");
            for (int y = 0; y < H; ++y)
                for (int x = 0; x < W; ++x)
                    v[static_cast<size_t>(y) * W + x] = static_cast<uint16_t>(100 + 40 * x);
        }
        QCOMPARE(
            ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, W, H, v.data(), W, H, GDT_UInt16, 0, 0, nullptr),
            CE_None);
        GDALClose(ds);
    }
    const auto product = Product::open(tif, mask, MaskKind::Binary);
    const QString geojson = writeGeoJson(QStringLiteral("large.geojson"),
        QStringLiteral(
            "{\"type\": \"Feature\", \"properties\": {\"name\": \"all\"}, \"geometry\": {\"type\": "
            "\"Polygon\", \"coordinates\": [[[500000, 5600000], [512500, 5600000], [512500, 5590000], "
            "[500000, 5590000], [500000, 5600000]]]}}"),
        QStringLiteral("urn:ogc:def:crs:EPSG::32633"));
    const auto parcels = fields::ParcelSet::open(geojson, product->info());
    fields::FieldsOptions o;
    o.quantities = { QStringLiteral("B08") };
    o.maskFile = mask;
    o.maskKind = MaskKind::Binary;
    const fields::FieldsReport r = fields::fieldStatistics(*parcels, tif, o);
    QCOMPARE(r.fields.size(), 1);
    const fields::Stats& s = r.fields[0].before[0];
    QCOMPARE(s.n, qint64(W) * H);
    // Uniform over the columns: DN 100 + 40 x, reflectance DN / 10000.
    const double mean = (100 + 40 * (W - 1) / 2.0) * 1e-4;
    const double sd = 40 * std::sqrt((double(W) * W - 1) / 12.0) * 1e-4;
    QVERIFY2(std::abs(s.mean - mean) < 1e-6, qPrintable(QString::number(s.mean - mean)));
    QVERIFY2(std::abs(s.std - sd) < 1e-6, qPrintable(QString::number(s.std - sd)));
    const double range = 40 * (W - 1) * 1e-4;
    for (const auto& [got, p] :
        { std::pair { s.median, 0.5 }, std::pair { s.p10, 0.1 }, std::pair { s.p90, 0.9 } })
        QVERIFY2(std::abs(got - (100e-4 + p * range)) < 0.005 * range,
            qPrintable(QStringLiteral("p%1: %2").arg(p).arg(got)));
}

void TestFields::csvLabelsStayText()
{
    // Labels come from someone else's parcels: a formula is written as text, a number as a number,
    // and commas, quotes and line breaks stay inside their cell.
    fields::FieldsReport r;
    r.path = QStringLiteral("/data/p.tif");
    r.date = QStringLiteral("2023-04-12T10:00:00Z");
    r.quantities = QStringList { QStringLiteral("ndvi") };
    const QStringList labels { QStringLiteral("=HYPERLINK(\"http://x\",\"Bl\u00e9\")"),
        QStringLiteral("+1+2"), QStringLiteral("@SUM(A1)"), QStringLiteral("-12"), QStringLiteral("-A"),
        QStringLiteral("a,b"), QStringLiteral("line\r\nbreak"), QStringLiteral("Bl\u00e9 d'hiver") };
    for (int i = 0; i < labels.size(); ++i) {
        fields::FieldStats f;
        f.id = i;
        f.label = labels[i];
        f.before = { fields::Stats {} };
        r.fields << f;
    }
    const QString csv = fields::toCsv({ r });
    QVERIFY(csv.contains(QStringLiteral("\n0,\"'=HYPERLINK(\"\"http://x\"\",\"\"Bl\u00e9\"\")\",")));
    QVERIFY(csv.contains(QStringLiteral("\n1,'+1+2,")));
    QVERIFY(csv.contains(QStringLiteral("\n2,'@SUM(A1),")));
    QVERIFY(csv.contains(QStringLiteral("\n3,-12,")));
    QVERIFY(csv.contains(QStringLiteral("\n4,'-A,")));
    QVERIFY(csv.contains(QStringLiteral("\n5,\"a,b\",")));
    QVERIFY(csv.contains(QStringLiteral("\n6,\"line\r\nbreak\",")));
    QVERIFY(csv.contains(QStringLiteral("\n7,Bl\u00e9 d'hiver,")));
}

void TestFields::badInputIsRefusedOrCounted()
{
    const ProductInfo& grid = m_product->info();
    // Points only; an empty layer; nothing on the product; a file that is no vector data.
    const QString points = writeGeoJson(QStringLiteral("points.geojson"),
        QStringLiteral("{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Point\", "
                       "\"coordinates\": [14.5, 50.1]}}"));
    QVERIFY_THROWS_EXCEPTION(Error, fields::ParcelSet::open(points, grid));
    const QString empty = writeGeoJson(QStringLiteral("empty.geojson"), {});
    QVERIFY_THROWS_EXCEPTION(Error, fields::ParcelSet::open(empty, grid));
    const QString far = writeGeoJson(QStringLiteral("far.geojson"),
        QStringLiteral("{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Polygon\", "
                       "\"coordinates\": "
                       "[[[-70, -30], [-69, -30], [-69, -29], [-70, -30]]]}}"));
    try {
        fields::ParcelSet::open(far, grid);
        QFAIL("parcels far away were accepted");
    } catch (const Error& e) {
        // Why they may be outside: the two coordinate systems (projected numbers in a GeoJSON were
        // only "1 outside").
        QVERIFY2(e.message().contains(QStringLiteral("1 outside"))
                && e.message().contains(
                    QStringLiteral("the parcels' coordinate system: WGS 84, the product's: "))
                && e.message().contains(QStringLiteral("GeoJSON coordinates are lon/lat")),
            qPrintable(e.message()));
    }
    QFile junk(m_dir.filePath(QStringLiteral("junk.gpkg")));
    junk.open(QIODevice::WriteOnly);
    junk.write("not a geopackage at all");
    junk.close();
    // GDAL says nothing for these: the message says what the file is instead of "unknown GDAL error".
    for (const auto& [file, why] : { std::pair { junk.fileName(), QStringLiteral("not a vector format") },
             std::pair { m_sample.main.truthPath, QStringLiteral("it is a raster") } })
        try {
            fields::ParcelSet::open(file, grid);
            QFAIL("a file with no parcels was accepted");
        } catch (const Error& e) {
            QVERIFY2(e.message().contains(why) && e.message().contains(file), qPrintable(e.message()));
        }
    QVERIFY_THROWS_EXCEPTION(
        Error, fields::ParcelSet::open(m_sample.main.parcelsPath, grid, QStringLiteral("no_such_attr")));
    // A layer that is not there: the message lists those that are.
    try {
        fields::ParcelSet::open(m_sample.main.parcelsPath, grid, {}, QStringLiteral("nope"));
        QFAIL("a missing layer was accepted");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(QStringLiteral("no layer 'nope' (it has: parcels (Multi Polygon))")),
            qPrintable(e.message()));
    }
    // A zipped shapefile, inside a folder of the archive as they often are, opens in place.
    const QString shpDir = m_dir.filePath(QStringLiteral("shp"));
    QVERIFY(QDir().mkpath(shpDir));
    {
        GDALAllRegister();
        GDALDatasetH src = GDALOpenEx(
            m_sample.main.parcelsPath.toUtf8().constData(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
        const char* argv[] = { "-f", "ESRI Shapefile", nullptr };
        GDALVectorTranslateOptions* opt = GDALVectorTranslateOptionsNew(const_cast<char**>(argv), nullptr);
        GDALDatasetH out = GDALVectorTranslate(
            (shpDir + QStringLiteral("/fields.shp")).toUtf8().constData(), nullptr, 1, &src, opt, nullptr);
        GDALVectorTranslateOptionsFree(opt);
        QVERIFY(out);
        GDALClose(out);
        GDALClose(src);
    }
    const QString zip = m_dir.filePath(QStringLiteral("fields.zip"));
    io::zipDirectory(shpDir, zip, QDateTime::currentDateTimeUtc());
    const auto zipped = fields::ParcelSet::open(zip, grid);
    QCOMPARE(zipped->size(), fields::ParcelSet::open(m_sample.main.parcelsPath, grid)->size());

    // A bow tie is repaired, a line and an empty geometry skipped and counted, a field smaller than
    // a pixel has no centre inside (centre mode) but one pixel when every touched pixel counts.
    const double* gt = grid.geoTransform;
    const double x = gt[0] + 1000, y = gt[3] - 1000;
    const QString bowtie = QStringLiteral(
        "{\"type\": \"Feature\", \"properties\": {\"name\": \"bowtie\"}, \"geometry\": {\"type\": "
        "\"Polygon\", \"coordinates\": [[[%1, %2], [%3, %4], [%3, %2], [%1, %4], [%1, %2]]]}}")
                               .arg(x, 0, 'f', 1)
                               .arg(y, 0, 'f', 1)
                               .arg(x + 200, 0, 'f', 1)
                               .arg(y - 200, 0, 'f', 1);
    const QString line = QStringLiteral(
        "{\"type\": \"Feature\", \"properties\": {\"name\": \"road\"}, \"geometry\": {\"type\": "
        "\"LineString\", \"coordinates\": [[%1, %2], [%3, %4]]}}")
                             .arg(x, 0, 'f', 1)
                             .arg(y, 0, 'f', 1)
                             .arg(x + 50, 0, 'f', 1)
                             .arg(y, 0, 'f', 1);
    const QString none
        = QStringLiteral("{\"type\": \"Feature\", \"properties\": {\"name\": \"none\"}, \"geometry\": null}");
    const QString tiny = square(150.1, 150.1, 3, QStringLiteral("tiny"));
    const QString mixed = writeGeoJson(QStringLiteral("mixed.geojson"),
        QStringList { bowtie, line, none, tiny, square(10, 10, 100, QStringLiteral("ok")) }.join(
            QLatin1Char(',')),
        QStringLiteral("urn:ogc:def:crs:EPSG::32633"));
    const auto set = fields::ParcelSet::open(mixed, grid);
    QCOMPARE(set->size(), 3);
    QCOMPARE(set->report().repaired, 1);
    QCOMPARE(set->report().skippedNotPolygon, 1);
    QCOMPARE(set->report().skippedEmpty, 1);
    QCOMPARE(set->report().labelAttribute, QStringLiteral("name"));
    fields::FieldsOptions o;
    const fields::FieldsReport r = fields::fieldStatistics(*set, m_sample.main.safePath, o);
    QCOMPARE(r.fields[2].label, QStringLiteral("ok"));
    QCOMPARE(r.fields[2].pixels, qint64(100)); // 100 m x 100 m: 10 x 10 pixels
    QVERIFY(std::abs(r.fields[2].areaHa - 1.0) < 1e-9);
    QCOMPARE(r.fields[1].label, QStringLiteral("tiny"));
    QCOMPARE(r.fields[1].pixels, qint64(0));
    QVERIFY(std::isnan(r.fields[1].before[0].mean));
    QVERIFY(r.fields[0].pixels > 0); // the repaired bow tie keeps its two triangles
    o.allTouched = true;
    QCOMPARE(fields::fieldStatistics(*set, m_sample.main.safePath, o).fields[1].pixels, qint64(1));

    // A CRS with no way to the product's (a local engineering system).
    const QString local = m_dir.filePath(QStringLiteral("local.gpkg"));
    const QString e = ogr2ogr({ local, mixed, QStringLiteral("-a_srs"),
        QStringLiteral("LOCAL_CS[\"site grid\",UNIT[\"metre\",1],AXIS[\"X\",EAST],AXIS[\"Y\",NORTH]]") });
    QVERIFY2(e.isEmpty(), qPrintable(e));
    try {
        fields::ParcelSet::open(local, grid);
        QFAIL("an untransformable CRS was accepted");
    } catch (const Error& err) {
        QVERIFY2(err.message().contains(QStringLiteral("cannot be transformed")), qPrintable(err.message()));
    }
}

void TestFields::cliCsvAndGeoPackage()
{
    // Two dates of the tile: one row per field and date, the same numbers as the library's.
    const QString cli = testutil::cliPath();
    QVERIFY2(QFileInfo::exists(cli), "UNCLOUDED_CLI not set");
    const QString csv = m_dir.filePath(QStringLiteral("fields.csv")),
                  gpkg = m_dir.filePath(QStringLiteral("fields.gpkg"));
    QProcess p;
    p.start(cli,
        { QStringLiteral("fields"), m_sample.main.safePath, m_sample.reference->safePath,
            QStringLiteral("--parcels"), m_sample.main.parcelsPath, QStringLiteral("--label"),
            QStringLiteral("crop"), QStringLiteral("--index"), QStringLiteral("ndvi,ndre"),
            QStringLiteral("--csv"), csv, QStringLiteral("--gpkg"), gpkg });
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const auto parcels
        = fields::ParcelSet::open(m_sample.main.parcelsPath, m_product->info(), QStringLiteral("crop"));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 2 * parcels->size());
    const QStringList header = lines[0].split(QLatin1Char(','));
    QCOMPARE(header.mid(0, 3),
        (QStringList { QStringLiteral("id"), QStringLiteral("label"), QStringLiteral("date") }));
    QVERIFY(header.contains(QStringLiteral("ndre_before_p90")));
    fields::FieldsOptions o;
    o.quantities = { QStringLiteral("ndvi"), QStringLiteral("ndre") };
    const fields::FieldsReport r = fields::fieldStatistics(*parcels, m_sample.main.safePath, o);
    QCOMPARE(lines[1], fields::toCsv({ r }).split(QLatin1Char('\n'))[1]);
    QVERIFY(lines.last().contains(m_sample.reference->sensingTime));

    GDALAllRegister();
    GDALDataset* ds = GDALDataset::Open(gpkg.toUtf8().constData(), GDAL_OF_VECTOR);
    QVERIFY(ds);
    QCOMPARE(ds->GetLayerCount(), 2);
    QCOMPARE(ds->GetLayer(0)->GetFeatureCount(), GIntBig(parcels->size()));
    QVERIFY(ds->GetLayer(0)->GetLayerDefn()->GetFieldIndex("ndvi_before_mean") >= 0);
    GDALClose(ds);
    // A layer of the user's own in that GeoPackage (a QGIS project's) ...
    ds = GDALDataset::Open(gpkg.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_UPDATE);
    QVERIFY(ds);
    OGRLayer* notes = ds->CreateLayer("notes", nullptr, wkbNone, nullptr);
    QVERIFY(notes);
    OGRFieldDefn text("text", OFTString);
    QCOMPARE(notes->CreateField(&text), OGRERR_NONE);
    OGRFeature note(notes->GetLayerDefn());
    note.SetField(0, "sprayed 3 May");
    QCOMPARE(notes->CreateFeature(&note), OGRERR_NONE);
    GDALClose(ds);
    // ... survives another run into it (the whole file was replaced): the date's layer is replaced, the
    // other date's and the user's are kept.
    p.start(cli,
        { QStringLiteral("fields"), m_sample.main.safePath, QStringLiteral("--parcels"),
            m_sample.main.parcelsPath, QStringLiteral("--index"), QStringLiteral("ndwi"),
            QStringLiteral("--csv"), csv + QStringLiteral(".2"), QStringLiteral("--gpkg"), gpkg });
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    ds = GDALDataset::Open(gpkg.toUtf8().constData(), GDAL_OF_VECTOR);
    QVERIFY(ds);
    QCOMPARE(ds->GetLayerCount(), 3);
    QVERIFY(ds->GetLayerByName("notes") && ds->GetLayerByName("notes")->GetFeatureCount() == 1);
    OGRLayer* main = ds->GetLayerByName(
        (QStringLiteral("fields_") + m_sample.main.sensingTime.left(10).remove(QLatin1Char('-')))
            .toUtf8()
            .constData());
    QVERIFY(main);
    QVERIFY(main->GetLayerDefn()->GetFieldIndex("ndwi_before_mean") >= 0); // this run's
    QCOMPARE(main->GetLayerDefn()->GetFieldIndex("ndvi_before_mean"), -1);
    GDALClose(ds);

    // Outputs never land on inputs: the parcels, a product.
    for (const QStringList& clash : { QStringList { QStringLiteral("--gpkg"), m_sample.main.parcelsPath },
             QStringList { QStringLiteral("--csv"), m_sample.main.truthPath } }) {
        const QByteArray before = [&] {
            QFile in(clash[1]);
            in.open(QIODevice::ReadOnly);
            return in.readAll();
        }();
        p.start(cli,
            QStringList { QStringLiteral("fields"), m_sample.main.safePath, m_sample.main.truthPath,
                QStringLiteral("--parcels"), m_sample.main.parcelsPath }
                + clash);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        QFile in(clash[1]);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QCOMPARE(in.readAll(), before);
    }

    // Usage: no parcels, unknown index, an output folder that is not there (found after the work before).
    p.start(cli, { QStringLiteral("fields"), m_sample.main.safePath });
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
    p.start(cli,
        { QStringLiteral("fields"), m_sample.main.safePath, QStringLiteral("--parcels"),
            m_sample.main.parcelsPath, QStringLiteral("--csv"),
            m_dir.filePath(QStringLiteral("nowhere/f.csv")) });
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("does not exist")));
    p.start(cli,
        { QStringLiteral("fields"), m_sample.main.safePath, QStringLiteral("--parcels"),
            m_sample.main.parcelsPath, QStringLiteral("--index"), QStringLiteral("ndxi") });
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
}

// A run into a GeoPackage that fails after its first layer (here a layer that cannot get its columns:
// the same quantity twice) changes nothing: the earlier run's layers of both dates are still there.
// Until session 49 the old layers were dropped first, each in its own commit, and one date was lost.
void TestFields::geoPackageFailingHalfWayKeepsEarlierResults()
{
    const auto parcels = fields::ParcelSet::open(m_sample.main.parcelsPath, m_product->info());
    fields::FieldsOptions o;
    o.quantities = { QStringLiteral("ndvi") };
    const fields::FieldsReport a = fields::fieldStatistics(*parcels, m_sample.main.safePath, o);
    const fields::FieldsReport b = fields::fieldStatistics(*parcels, m_sample.reference->safePath, o);
    QVERIFY(a.date.left(10) != b.date.left(10));
    const QString gpkg = m_dir.filePath(QStringLiteral("halfway.gpkg"));
    fields::writeGeoPackage(*parcels, { a, b }, gpkg);

    fields::FieldsReport twice = b;
    twice.quantities << twice.quantities.first();
    for (fields::FieldStats& f : twice.fields) {
        if (!f.before.isEmpty())
            f.before << f.before.first();
    }
    bool threw = false;
    try {
        fields::writeGeoPackage(*parcels, { a, twice }, gpkg);
    } catch (const Error&) {
        threw = true;
    }
    QVERIFY(threw);
    GDALAllRegister();
    GDALDataset* ds = GDALDataset::Open(gpkg.toUtf8().constData(), GDAL_OF_VECTOR);
    QVERIFY(ds);
    QCOMPARE(ds->GetLayerCount(), 2);
    for (const fields::FieldsReport* r : { &a, &b }) {
        const QByteArray name
            = (QStringLiteral("fields_") + r->date.left(10).remove(QLatin1Char('-'))).toUtf8();
        OGRLayer* layer = ds->GetLayerByName(name.constData());
        QVERIFY2(layer, name.constData());
        QCOMPARE(layer->GetFeatureCount(), GIntBig(parcels->size()));
    }
    GDALClose(ds);
}

void TestFields::cliInterruptInsideAStripWritesNothing()
{
    // 52800 parcels of 5 m, all in the last 256-row strip of the 300 px product. A cancel while that
    // strip is counted stops inside it (in process: the statistics throw instead of returning), and
    // Ctrl+C on the CLI then writes nothing (it used to finish the strip, write the CSV and exit 0).
    const QString cli = testutil::cliPath();
    QVERIFY2(QFileInfo::exists(cli), "UNCLOUDED_CLI not set");
    QCOMPARE(m_product->height(), 300);
    QStringList features;
    for (int py = 256; py < 300; ++py)
        for (int px = 0; px < 300; ++px)
            for (int k = 0; k < 4; ++k)
                features << square(px + 0.5 * (k % 2), py + 0.5 * (k / 2), 5,
                    QStringLiteral("p%1_%2_%3").arg(px).arg(py).arg(k));
    const QString parcels = writeGeoJson(QStringLiteral("many.geojson"), features.join(QLatin1Char(',')),
        QStringLiteral("urn:ogc:def:crs:EPSG::32633"));

    const auto set = fields::ParcelSet::open(parcels, m_product->info());
    QCOMPARE(set->size(), 52800);
    std::atomic<bool> cancel { false };
    Progress progress;
    progress.cancelFlag = &cancel;
    progress.onProgress = [&](double f, const QString&) {
        if (f > 0.9) // inside the last strip (the first, with no parcel, ends at 0.853)
            cancel = true;
    };
    QVERIFY_THROWS_EXCEPTION(Cancelled, fields::fieldStatistics(*set, m_sample.main.safePath, {}, progress));

    const QString csv = m_dir.filePath(QStringLiteral("many.csv"));
    QProcess p;
    p.start(cli,
        { QStringLiteral("fields"), m_sample.main.safePath, QStringLiteral("--parcels"), parcels,
            QStringLiteral("--csv"), csv });
    QVERIFY(p.waitForStarted());
    p.setReadChannel(QProcess::StandardError);
    QByteArray err;
    // The first strip, empty, reports its progress; the signal comes while the second one is counted.
    while (!err.contains("% Field statistics") && p.state() == QProcess::Running && p.waitForReadyRead(60000))
        err += p.readAllStandardError();
    QVERIFY2(err.contains("parcels: 52800 of 52800"), err.constData());
    QVERIFY2(p.state() == QProcess::Running, err.constData());
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(120000));
    err += p.readAllStandardError();
    QCOMPARE(p.exitCode(), 128 + SIGINT);
    QVERIFY2(err.contains("unclouded-cli fields: cancelled; nothing was written"), err.constData());
    QVERIFY(!QFileInfo::exists(csv));
}

QTEST_GUILESS_MAIN(TestFields)
#include "tst_fields.moc"
