// Reconstruction and export: visible pixels untouched, no seams, skipped windows, temporal fill,
// models, cancel, and GeoTIFF / COG files checked with GDAL itself.
#include <cmath>
#include <cstring>
#include <gdal_priv.h>
#include <limits>
#include <random>
#include <tuple>

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/runtime.h"
#include "core/imgproc/temporal_p.h"
#include "core/io/product.h"
#include "core/io/rasterwriter.h"
#include "core/masks/mask.h"
#include "core/ml/dataset_p.h"
#include "core/ml/training.h"
#include "core/recon/reconstruct.h"
#include "core/sample/samplegenerator.h"

#include "gdaltestutil.h"
#include "testutil.h"

using namespace unclouded;

namespace {

// A float32 GeoTIFF of `bands` named bands plus a byte mask (1 = hidden), values from functions.
void writeScene(const QString& dir, int w, int h, const QStringList& bands,
    const std::function<double(int b, int x, int y)>& value, const std::function<bool(int x, int y)>& hidden)
{
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDataset* ds = drv->Create(QDir(dir).filePath(QStringLiteral("scene.tif")).toUtf8().constData(), w, h,
        bands.size(), GDT_Float32, nullptr);
    QVERIFY(ds);
    double gt[6] = { 400000, 10, 0, 5600000, 0, -10 };
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(32632);
    ds->SetSpatialRef(&srs);
    std::vector<float> buf(static_cast<size_t>(w) * h);
    for (int b = 0; b < bands.size(); ++b) {
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                buf[static_cast<size_t>(y) * w + x] = static_cast<float>(value(b, x, y));
        ds->GetRasterBand(b + 1)->SetDescription(bands[b].toUtf8().constData());
        QCOMPARE(
            ds->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, w, h, buf.data(), w, h, GDT_Float32, 0, 0),
            CE_None);
    }
    GDALClose(ds);
    GDALDataset* m = drv->Create(
        QDir(dir).filePath(QStringLiteral("mask.tif")).toUtf8().constData(), w, h, 1, GDT_Byte, nullptr);
    std::vector<uint8_t> mb(static_cast<size_t>(w) * h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            mb[static_cast<size_t>(y) * w + x] = hidden(x, y) ? 1 : 0;
    m->SetGeoTransform(gt);
    QCOMPARE(m->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, w, h, mb.data(), w, h, GDT_Byte, 0, 0), CE_None);
    GDALClose(m);
}

struct Result
{
    std::vector<float> data;
    std::vector<uint8_t> rebuilt;
    recon::ReconStats stats;
};

// Runs a reconstruction into memory, checking the sink sees each row once, in order.
Result runToMemory(const Product& p, const recon::ReconOptions& o)
{
    Result r;
    int nextRow = 0;
    int B = p.bandNames().size();
    Window area = o.aoi.w > 0 ? o.aoi : Window { 0, 0, p.width(), p.height() };
    r.data.assign(static_cast<size_t>(B) * area.w * area.h, -1.0f);
    r.rebuilt.assign(static_cast<size_t>(area.w) * area.h, 9);
    r.stats = recon::reconstruct(
        p, o, [&](int y, int rows, const std::vector<float>& d, const std::vector<uint8_t>& m) {
            if (y != nextRow)
                throw Error(QStringLiteral("rows out of order: %1 instead of %2").arg(y).arg(nextRow));
            // Pieces of the writer's strips: none crosses a strip's border.
            constexpr int kStrip = RasterWriter::kRowsPerStrip;
            if (rows < 1 || y / kStrip != (y + rows - 1) / kStrip)
                throw Error(QStringLiteral("rows %1-%2 are not a piece of a %3-row strip")
                                .arg(y)
                                .arg(y + rows)
                                .arg(kStrip));
            nextRow = y + rows;
            const size_t n = static_cast<size_t>(rows) * area.w;
            for (int b = 0; b < B; ++b)
                std::memcpy(r.data.data() + (b * static_cast<size_t>(area.h) + y) * area.w, d.data() + b * n,
                    n * sizeof(float));
            std::memcpy(r.rebuilt.data() + static_cast<size_t>(y) * area.w, m.data(), n);
        });
    if (nextRow != area.h)
        throw Error(QStringLiteral("only %1 of %2 rows delivered").arg(nextRow).arg(area.h));
    return r;
}

QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestReconstruct : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void visiblePixelsUnchangedNodataKept_data();
    void visiblePixelsUnchangedNodataKept();
    void aMaskOverNoDataLeavesNoData();
    void smoothFieldStaysSmoothAcrossWindows();
    void hazySpecksDoNotGlowIntoTheFill();
    void harmonicFillIsTheSameWhateverTheWindows();
    void windowsWithoutHiddenPixelsAreSkipped();
    void aoiOnlyTouchesItsArea();
    void temporalFillUsesTheReference();
    void modelCheckpointReconstructs();
    void badMethodsAreRefused();
    void cogExportIsValidAndComplete();
    void uint16KeepsTheSourceDn();
    void gtiffExportHasOverviews();
    void cancelLeavesNoFile();
    void unwritableFolderLeavesNoFile();
    void cliReconstructAndQuicklook();
    void multiDateTemporalFillByHand();
    void datesBlendedByTheirFitError();
    void crossBandFitByHand();
    void crossBandFitOnRealCities();
    void neighbourFixForMisregisteredDates();
    void crossBandFitAcrossOverviews();
    void residualNetworkStartsAtTemporalFill();
    void noBlocksInsideLargeClouds();
    void pretrainedModelsLoadAndReconstruct();
    void oneDateModelMeetsTeleaAtTheEdge();
    void damagedWeightsFailEvenWithNothingToRebuild();
    void unreadableProductFailsBesideThePrior();
    void uint16RoundsAsLround();
    void referenceModelKeepsItsStartWhereNoDateShows();
    void readAheadChangesNoPixel();
    void fitCellsPerRegion();
    void cropToHiddenKeepsTheResult_data();
    void cropToHiddenKeepsTheResult();
    void nativeResolutionBands();
    void writtenRowsLeaveTheBlockCache();
    void tiledGTiffRowsAcrossTileRows();
    void cogOverviewsFromTheRows_data();
    void cogOverviewsFromTheRows();
    void wideStripsReadInChunks();

private:
    QTemporaryDir m_dir;
    SampleReport m_sample;
    std::shared_ptr<Product> m_product;
};

void TestReconstruct::initTestCase()
{
    initializeRuntime();
    QVERIFY(m_dir.isValid());
    SampleOptions o;
    o.outDir = m_dir.filePath(QStringLiteral("sample"));
    o.size = 384;
    o.seed = 5;
    o.cloudCover = 0.35;
    o.nodataEdge = 0.15;
    o.referenceDate = true;
    m_sample = generateSample(o);
    m_product = Product::open(m_sample.main.safePath);
}

void TestReconstruct::visiblePixelsUnchangedNodataKept_data()
{
    QTest::addColumn<QString>("method");
    QTest::newRow("telea") << QStringLiteral("telea");
    QTest::newRow("ns") << QStringLiteral("ns");
    QTest::newRow("harmonic") << QStringLiteral("harmonic");
    QTest::newRow("temporal") << QStringLiteral("temporal");
}

void TestReconstruct::visiblePixelsUnchangedNodataKept()
{
    QFETCH(QString, method);
    recon::ReconOptions o;
    o.method = recon::Method::parse(method);
    o.references = { m_sample.reference->safePath };
    o.window = 160; // several windows on a 384 px product
    o.overlap = 32;
    const Result r = runToMemory(*m_product, o);
    const Product& p = *m_product;
    const int W = p.width(), H = p.height(), B = p.bandNames().size();
    std::vector<float> in(static_cast<size_t>(B) * W * H);
    p.readWindow(p.bandNames(), { 0, 0, W, H }, in.data());
    std::vector<uint8_t> hidden(static_cast<size_t>(W) * H);
    readHiddenMask(p, o.mask, { 0, 0, W, H }, hidden.data());
    qint64 nHidden = 0, nNodata = 0, changedVisible = 0, badHidden = 0;
    for (size_t i = 0; i < hidden.size(); ++i) {
        QCOMPARE(r.rebuilt[i], hidden[i]);
        nHidden += hidden[i];
        for (int b = 0; b < B; ++b) {
            const float a = in[b * hidden.size() + i], z = r.data[b * hidden.size() + i];
            if (!hidden[i]) {
                // Bit for bit, NaN (nodata) included.
                changedVisible += std::memcmp(&a, &z, sizeof(float)) != 0;
                nNodata += std::isnan(a);
            } else {
                badHidden += !std::isfinite(z) || z < -0.2f || z > 2.0f;
            }
        }
    }
    QVERIFY2(nHidden > 10000, "the sample should hide a good share of its pixels");
    QVERIFY2(nNodata > 1000, "the sample has a nodata edge");
    QCOMPARE(changedVisible, 0);
    QCOMPARE(badHidden, 0);
    QCOMPARE(r.stats.hiddenPixels, nHidden);
    QVERIFY(r.stats.windows >= 9);
}

// A 0/1 mask (a polygon drawn past the swath edge, another tool's cloud mask) has no class 0: the
// pixels of no data under it were rebuilt, reflectance invented outside the swath and marked rebuilt.
void TestReconstruct::aMaskOverNoDataLeavesNoData()
{
    const Product& p = *m_product;
    const int W = p.width(), H = p.height();
    const QString maskPath = m_dir.filePath(QStringLiteral("hides-the-edge.tif"));
    {
        GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
        GDALDatasetUniquePtr ds(gtiff->Create(maskPath.toUtf8().constData(), W, H, 1, GDT_Byte, nullptr));
        QVERIFY(ds);
        double gt[6];
        std::copy_n(p.info().geoTransform, 6, gt);
        ds->SetGeoTransform(gt);
        ds->SetProjection(p.info().crsWkt.toUtf8().constData());
        std::vector<uint8_t> m(static_cast<size_t>(W) * H, 1); // all hidden but a band across the middle
        for (int y = H / 3; y < 2 * H / 3; ++y)
            std::fill_n(m.data() + static_cast<size_t>(y) * W, W, 0);
        QCOMPARE(
            ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, W, H, m.data(), W, H, GDT_Byte, 0, 0), CE_None);
    }
    const auto masked = Product::open(m_sample.main.safePath, maskPath, MaskKind::Binary);
    recon::ReconOptions o;
    o.method = recon::Method::parse(QStringLiteral("harmonic"));
    const Result r = runToMemory(*masked, o);
    const int B = p.bandNames().size();
    const size_t N = static_cast<size_t>(W) * H;
    std::vector<float> in(B * N);
    p.readWindow(p.bandNames(), { 0, 0, W, H }, in.data());
    qint64 noData = 0, rebuilt = 0;
    for (size_t i = 0; i < N; ++i) {
        bool none = true;
        for (int b = 0; b < B && none; ++b)
            none = std::isnan(in[b * N + i]);
        if (!none) {
            rebuilt += r.rebuilt[i];
            continue;
        }
        ++noData;
        QCOMPARE(int(r.rebuilt[i]), 0);
        for (int b = 0; b < B; ++b)
            QVERIFY(std::isnan(r.data[b * N + i]));
    }
    QVERIFY2(noData > 1000, "the sample has a nodata edge");
    QCOMPARE(r.stats.hiddenPixels, rebuilt);
    QVERIFY(r.stats.noDataHidden > 0 && r.stats.noDataHidden <= noData); // the band across is visible
    QVERIFY(rebuilt > qint64(N) / 3);
}

void TestReconstruct::smoothFieldStaysSmoothAcrossWindows()
{
    // A smooth field (a gentle sine over a ramp) with a hidden band crossing every window border.
    const QString dir = m_dir.filePath(QStringLiteral("smooth"));
    QDir().mkpath(dir);
    const int S = 320;
    auto field = [](int b, int x, int y) { return 0.1 + 0.02 * b + 0.0004 * x + 0.05 * std::sin(y / 60.0); };
    writeScene(dir, S, S,
        { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"), QStringLiteral("B08") }, field,
        [](int x, int) { return x >= 140 && x < 180; });
    const auto p = Product::open(QDir(dir).filePath(QStringLiteral("scene.tif")),
        QDir(dir).filePath(QStringLiteral("mask.tif")), MaskKind::Binary);
    // The largest step between vertical neighbours inside the rebuilt band, and the worst error.
    auto roughness = [&](const Result& r, double& worstErr) {
        double worst = 0;
        worstErr = 0;
        for (int y = 1; y < S; ++y)
            for (int x = 140; x < 180; ++x) {
                const float a = r.data[static_cast<size_t>(y) * S + x],
                            b = r.data[static_cast<size_t>(y - 1) * S + x];
                worst = std::max(worst, double(std::abs(a - b)));
                worstErr = std::max(worstErr, std::abs(a - field(0, x, y)));
            }
        return worst;
    };
    double truthStep = 0;
    for (int y = 1; y < S; ++y)
        truthStep = std::max(truthStep, std::abs(field(0, 150, y) - field(0, 150, y - 1)));
    for (const QString& method :
        { QStringLiteral("telea"), QStringLiteral("ns"), QStringLiteral("harmonic") }) {
        recon::ReconOptions o;
        o.method = recon::Method::parse(method);
        o.window = S; // one window: the method's own smoothness
        double errWhole = 0, errTiled = 0, errHard = 0;
        const double whole = roughness(runToMemory(*p, o), errWhole);
        o.window = 96; // window borders every 48 px along the hidden band
        o.overlap = 48;
        const Result r = runToMemory(*p, o);
        QVERIFY(r.stats.windows > 16);
        QCOMPARE(r.stats.fallbackPixels, qint64(0));
        const double tiled = roughness(r, errTiled);
        o.overlap = 1; // next to no blending: what a seam looks like
        const double hard = roughness(runToMemory(*p, o), errHard);
        qInfo("%s: worst vertical step %.5f in one window, %.5f tiled and blended, %.5f tiled with 1 px "
              "overlap (truth %.5f); "
              "worst error %.4f / %.4f / %.4f",
            qPrintable(method), whole, tiled, hard, truthStep, errWhole, errTiled, errHard);
        QVERIFY2(tiled <= std::max(1.5 * whole, 2 * truthStep) + 1e-4,
            qPrintable(QStringLiteral("%1 leaves a seam: step %2").arg(method).arg(tiled)));
        QVERIFY(errTiled < 0.03);
    }
}

// Specks the classification left clear inside a large cloud (bright, hazy) and a hazy fringe: with
// the haze guard the harmonic fill and the one-date model stay near the ground's values and show no
// seam at the window sides; without it each speck glows. Visible pixels are written unchanged.
void TestReconstruct::hazySpecksDoNotGlowIntoTheFill()
{
    const QString dir = m_dir.filePath(QStringLiteral("hazy"));
    QDir().mkpath(dir);
    const int S = 300;
    const QStringList bands { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"),
        QStringLiteral("B08") };
    auto inCloud = [](int x, int y) { return std::hypot(x - 150.0, y - 150.0) < 110; };
    auto speck
        = [](int x, int y) { return (x % 40 == 10 && y % 40 == 10) || (x % 40 == 11 && y % 40 == 10); };
    auto fringe = [&](int x, int y) { return !inCloud(x, y) && std::hypot(x - 150.0, y - 150.0) < 113; };
    const std::array<double, 4> ground { 0.04, 0.07, 0.05, 0.30 }, haze { 0.30, 0.30, 0.28, 0.35 };
    auto value = [&](int b, int x, int y) {
        const double ripple = 0.005 * std::sin(x * 0.7) * std::cos(y * 0.5);
        return (inCloud(x, y) || fringe(x, y) ? haze[b] : ground[b]) + ripple;
    };
    writeScene(dir, S, S, bands, value, [&](int x, int y) { return inCloud(x, y) && !speck(x, y); });
    const auto p = Product::open(QDir(dir).filePath(QStringLiteral("scene.tif")),
        QDir(dir).filePath(QStringLiteral("mask.tif")), MaskKind::Binary);
    for (const QString& method : { QStringLiteral("harmonic"), QStringLiteral("pretrained-mono") }) {
        recon::ReconOptions o;
        o.method = recon::Method::parse(method);
        o.window = 128; // several windows across the cloud
        double worst[2] = { 0, 0 }, mean[2] = { 0, 0 };
        const size_t plane = static_cast<size_t>(S) * S;
        for (const bool guard : { false, true }) {
            o.hazeGuard = guard;
            const Result r = runToMemory(*p, o);
            size_t n = 0;
            for (int y = 0; y < S; ++y)
                for (int x = 0; x < S; ++x) {
                    const size_t i = static_cast<size_t>(y) * S + x;
                    if (!inCloud(x, y) || speck(x, y)) { // every band as it was, none rebuilt
                        QCOMPARE(r.rebuilt[i], uint8_t(0));
                        for (int b = 0; b < 4; ++b)
                            QVERIFY(std::abs(r.data[b * plane + i] - float(value(b, x, y))) < 1e-6f);
                        continue;
                    }
                    QCOMPARE(r.rebuilt[i], uint8_t(1)); // the same rebuilt pixels either way
                    if (std::hypot(x - 150.0, y - 150.0) > 100) // the rim: the edge's own values
                        continue;
                    worst[guard] = std::max(worst[guard], double(r.data[i]));
                    mean[guard] += r.data[i];
                    ++n;
                }
            mean[guard] /= double(n);
        }
        qInfo("%s: blue inside the cloud without / with the guard: mean %.3f / %.3f, highest %.3f / %.3f "
              "(ground %.2f)",
            qPrintable(method), mean[0], mean[1], worst[0], worst[1], ground[0]);
        QVERIFY2(worst[0] > 0.15, "the specks no longer glow without the guard: the test shows nothing");
        QVERIFY(worst[1] < 0.06 && mean[1] < 0.05);
    }
}

// Up to 2048 px the harmonic fill is one solve of the whole product, which every window copies: the
// windows' size and overlap change nothing. Before, windows held a 4x coarser solve at their sides, and
// on a textured scene with large clouds (T29UNU) the sides showed as lines (0.1 NIR apart).
void TestReconstruct::harmonicFillIsTheSameWhateverTheWindows()
{
    const QString dir = m_dir.filePath(QStringLiteral("windows"));
    QDir().mkpath(dir);
    const int S = 300;
    const QStringList bands { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"),
        QStringLiteral("B08") };
    // Parcels (a checkerboard of 13 px fields) and two large clouds with clear specks inside.
    auto value = [](int b, int x, int y) {
        const int field = (x / 13 + 3 * (y / 13)) % 7;
        return 0.03 + 0.01 * b + 0.02 * field + (b == 3 ? 0.04 * field : 0.0);
    };
    auto cloudy = [](int x, int y) {
        const bool speck = x % 37 == 5 && y % 29 == 7;
        return !speck && (std::hypot(x - 110.0, y - 120.0) < 85 || std::hypot(x - 230.0, y - 200.0) < 60);
    };
    writeScene(dir, S, S, bands, value, cloudy);
    const auto p = Product::open(QDir(dir).filePath(QStringLiteral("scene.tif")),
        QDir(dir).filePath(QStringLiteral("mask.tif")), MaskKind::Binary);
    recon::ReconOptions o;
    o.method = recon::Method::parse(QStringLiteral("harmonic"));
    o.window = S;
    const Result one = runToMemory(*p, o);
    QCOMPARE(one.stats.windows, 1);
    o.window = 64;
    o.overlap = 16;
    const Result tiled = runToMemory(*p, o);
    QVERIFY(tiled.stats.windows > 25);
    QVERIFY(one.rebuilt == tiled.rebuilt);
    double worst = 0;
    for (size_t i = 0; i < one.data.size(); ++i)
        worst = std::max(worst, double(std::abs(one.data[i] - tiled.data[i])));
    qInfo("harmonic fill, one window against 64 px windows: largest difference %.2g", worst);
    QVERIFY2(worst < 1e-5, qPrintable(QString::number(worst)));
}

void TestReconstruct::windowsWithoutHiddenPixelsAreSkipped()
{
    const QString dir = m_dir.filePath(QStringLiteral("corner"));
    QDir().mkpath(dir);
    writeScene(
        dir, 256, 256,
        { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"), QStringLiteral("B08") },
        [](int b, int x, int y) { return 0.05 + 0.01 * b + 0.0002 * (x + y); },
        [](int x, int y) { return x < 20 && y < 20; });
    const auto p = Product::open(QDir(dir).filePath(QStringLiteral("scene.tif")),
        QDir(dir).filePath(QStringLiteral("mask.tif")), MaskKind::Binary);
    recon::ReconOptions o;
    o.window = 64;
    o.overlap = 16;
    const Result r = runToMemory(*p, o);
    // Windows of 64 at a stride of 48 over 256 px: 5 x 5, only the top-left one holds the hidden square.
    QCOMPARE(r.stats.windows, 25);
    QCOMPARE(r.stats.windows - r.stats.skipped, 1);
    QCOMPARE(r.stats.hiddenPixels, qint64(400));
}

void TestReconstruct::aoiOnlyTouchesItsArea()
{
    recon::ReconOptions o;
    o.aoi = { 100, 50, 150, 120 };
    o.window = 96;
    const Result r = runToMemory(*m_product, o);
    QCOMPARE(r.stats.area.w, 150);
    QCOMPARE(r.stats.area.h, 120);
    std::vector<uint8_t> hidden(150 * 120);
    readHiddenMask(*m_product, o.mask, o.aoi, hidden.data());
    qint64 n = 0;
    for (uint8_t v : hidden)
        n += v;
    QCOMPARE(r.stats.hiddenPixels, n);
}

void TestReconstruct::temporalFillUsesTheReference()
{
    // On the generator's sample the truth is known: temporal fill must be far closer to it than a
    // constant, and the reference on another grid is refused.
    recon::ReconOptions o;
    o.method = recon::Method::parse(QStringLiteral("temporal"));
    o.references = { m_sample.reference->safePath };
    const Result r = runToMemory(*m_product, o);
    const auto truth = Product::open(m_sample.main.truthPath);
    const int W = m_product->width(), H = m_product->height();
    std::vector<float> t(static_cast<size_t>(12) * W * H);
    truth->readWindow(m_product->bandNames(), { 0, 0, W, H }, t.data());
    double err = 0, errMean = 0;
    qint64 n = 0;
    const size_t plane = static_cast<size_t>(W) * H;
    const int b4 = m_product->bandIndex(QStringLiteral("B04"));
    double mean = 0;
    for (size_t i = 0; i < plane; ++i)
        if (r.rebuilt[i])
            mean += t[b4 * plane + i], ++n;
    mean /= n;
    for (size_t i = 0; i < plane; ++i)
        if (r.rebuilt[i]) {
            err += std::abs(r.data[b4 * plane + i] - t[b4 * plane + i]);
            errMean += std::abs(mean - t[b4 * plane + i]);
        }
    qInfo("temporal fill MAE (B04) %.4f, a constant's %.4f", err / n, errMean / n);
    QVERIFY(err < 0.6 * errMean);
    QVERIFY2(r.stats.fromOtherDates > 0.9, qPrintable(QString::number(r.stats.fromOtherDates)));
    QVERIFY(r.stats.referencesWithoutClasses.isEmpty()); // a SAFE: its SCL
    // A GeoTIFF date has no classes: named in the statistics (the Reconstruct dock says so), unless a
    // mask is given for it.
    o.references = { m_sample.reference->truthPath };
    QCOMPARE(runToMemory(*m_product, o).stats.referencesWithoutClasses, o.references);
    o.referenceMasks = { Product::open(m_sample.reference->safePath)->info().maskFile }; // its SCL_20m
    o.referenceMaskKind = MaskKind::Scl;
    QVERIFY(runToMemory(*m_product, o).stats.referencesWithoutClasses.isEmpty());
    o.referenceMasks = {};

    // Rebuilding some classes only (here cloud medium): the other date's other clouds and shadows are
    // still no ground. They counted as clear and were copied in. The other date: the clear truth of
    // the reference date under the cloudy date's SCL turned upside down.
    {
        const QString flipped = m_dir.filePath(QStringLiteral("flipped-scl.tif"));
        {
            GDALDatasetUniquePtr scl(GDALDataset::Open(
                m_product->info().maskFile.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
            QVERIFY(scl);
            const int w = scl->GetRasterXSize(), h = scl->GetRasterYSize();
            std::vector<uint8_t> c(static_cast<size_t>(w) * h), f(c.size());
            QCOMPARE(scl->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w, h, c.data(), w, h, GDT_Byte, 0, 0),
                CE_None);
            for (int y = 0; y < h; ++y)
                std::copy_n(
                    c.data() + static_cast<size_t>(h - 1 - y) * w, w, f.data() + static_cast<size_t>(y) * w);
            GDALDatasetUniquePtr out(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
                flipped.toUtf8().constData(), w, h, 1, GDT_Byte, nullptr));
            double gt[6];
            scl->GetGeoTransform(gt);
            out->SetGeoTransform(gt);
            out->SetSpatialRef(scl->GetSpatialRef());
            QCOMPARE(out->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, w, h, f.data(), w, h, GDT_Byte, 0, 0),
                CE_None);
        }
        recon::ReconOptions some = o;
        some.mask.classes = { SclCloudMedium };
        some.references = { m_sample.reference->truthPath };
        some.referenceMasks = { flipped };
        some.referenceMaskKind = MaskKind::Scl;
        const Result part = runToMemory(*m_product, some);
        std::vector<uint8_t> refCloud(plane);
        readHiddenMask(*Product::open(m_sample.reference->truthPath, flipped, MaskKind::Scl),
            otherDateMask(some.mask), { 0, 0, W, H }, refCloud.data());
        qint64 hiddenHere = 0, underClouds = 0;
        for (size_t i = 0; i < plane; ++i) {
            hiddenHere += part.rebuilt[i];
            underClouds += part.rebuilt[i] && refCloud[i];
        }
        const double shown = 1.0 - double(underClouds) / hiddenHere;
        qInfo("%lld of %lld px hidden here are under the other date's clouds; %.3f came from it", underClouds,
            hiddenHere, part.stats.fromOtherDates);
        QVERIFY2(underClouds > 200, "the dates' clouds should overlap");
        QVERIFY2(part.stats.fromOtherDates <= shown + 0.02, // windows overlap: a share of their pixels
            qPrintable(QStringLiteral("%1 from the other date, which shows %2")
                           .arg(part.stats.fromOtherDates)
                           .arg(shown)));
    }

    // A reference with no data at all (an empty month of a series): the fill is harmonic, and the
    // statistics say the other date showed nothing (the CLI warns).
    const QString empty = m_dir.filePath(QStringLiteral("empty-reference.tif"));
    {
        GDALDataset* src
            = GDALDataset::Open(m_sample.reference->truthPath.toUtf8().constData(), GDAL_OF_RASTER);
        QVERIFY(src);
        GDALDataset* dst = GetGDALDriverManager()->GetDriverByName("GTiff")->CreateCopy(
            empty.toUtf8().constData(), src, FALSE, nullptr, nullptr, nullptr);
        GDALClose(src);
        QVERIFY(dst);
        for (int b = 1; b <= dst->GetRasterCount(); ++b)
            QCOMPARE(dst->GetRasterBand(b)->Fill(0), CE_None); // DN 0: nodata
        GDALClose(dst);
    }
    o.references = { empty };
    QCOMPARE(runToMemory(*m_product, o).stats.fromOtherDates, 0.0);
    o.references = { m_sample.reference->safePath };

    const QString dir = m_dir.filePath(QStringLiteral("other-grid"));
    QDir().mkpath(dir);
    writeScene(
        dir, 64, 64, m_product->bandNames(), [](int, int, int) { return 0.1; },
        [](int, int) { return false; });
    o.references = { QDir(dir).filePath(QStringLiteral("scene.tif")) }; // EPSG:32632, far west of it
    try {
        recon::reconstruct(*m_product, o, [](int, int, const auto&, const auto&) {});
        QFAIL("a reference far from the product was taken");
    } catch (const Error& e) {
        QVERIFY2(
            e.message().contains(QStringLiteral("does not overlap the product")), qPrintable(e.message()));
    }

    // Another window of the same grid (the other date cut 50 px narrower on the west, as an AOI
    // download would be): read on the product's grid. What it covers comes from it, as the whole
    // date gives; the 50 px it lacks from the surroundings. The same date 50.5 px east (between the
    // product's pixels) is resampled onto them (bilinear): nearly as close where it covers.
    o.references = { m_sample.reference->truthPath };
    const Result whole = runToMemory(*m_product, o);
    std::vector<float> truthBands(static_cast<size_t>(12) * plane);
    Product::open(m_sample.main.truthPath)
        ->readWindow(m_product->bandNames(), { 0, 0, W, H }, truthBands.data());
    // B04's error where the date covers (x >= 51) against the whole date's; how much came from it.
    auto compare = [&](const Result& part, const char* what, double allowed) {
        qint64 hiddenWest = 0, hiddenEast = 0;
        double errWhole = 0, errPart = 0;
        for (int y = 0; y < H; ++y)
            for (int x = 0; x < W; ++x) {
                const size_t i = static_cast<size_t>(y) * W + x;
                if (!whole.rebuilt[i])
                    continue;
                QVERIFY(part.rebuilt[i]);
                if (x < 51) {
                    ++hiddenWest;
                } else {
                    ++hiddenEast;
                    errWhole += std::abs(whole.data[b4 * plane + i] - truthBands[b4 * plane + i]);
                    errPart += std::abs(part.data[b4 * plane + i] - truthBands[b4 * plane + i]);
                }
            }
        QVERIFY(hiddenWest > 0 && hiddenEast > 0);
        qInfo("the other date %s: from other dates %.3f (whole date %.3f); B04 MAE where it covers "
              "%.5f (whole date %.5f)",
            what, part.stats.fromOtherDates, whole.stats.fromOtherDates, errPart / hiddenEast,
            errWhole / hiddenEast);
        const double expected = whole.stats.fromOtherDates * hiddenEast / double(hiddenEast + hiddenWest);
        QVERIFY2(
            std::abs(part.stats.fromOtherDates - expected) < 0.02, qPrintable(QString::number(expected)));
        QVERIFY(errPart < allowed * errWhole);
    };
    const QString crop = dir + QStringLiteral("/crop.tif");
    QVERIFY(testutil::cutWindow(
        m_sample.reference->truthPath, crop, 50, 0, m_product->width() - 50, m_product->height()));
    o.references = { crop };
    compare(runToMemory(*m_product, o), "cut 50 px", 1.1);

    // Half a pixel off, and another CRS: resampled; no ground in common: refused, saying so.
    auto shiftedCopy = [&](const QString& name, double east) {
        const QString path = dir + QLatin1Char('/') + name;
        GDALDataset* src
            = GDALDataset::Open(m_sample.reference->truthPath.toUtf8().constData(), GDAL_OF_RASTER);
        if (!src)
            return QString();
        GDALDataset* dst = GetGDALDriverManager()->GetDriverByName("GTiff")->CreateCopy(
            path.toUtf8().constData(), src, FALSE, nullptr, nullptr, nullptr);
        GDALClose(src);
        if (!dst)
            return QString();
        double gt[6];
        dst->GetGeoTransform(gt);
        gt[0] += east;
        dst->SetGeoTransform(gt);
        GDALClose(dst);
        return path;
    };
    // The same ground on pixels 5 m east of the product's, from its 51st column (gdalwarp -te, bilinear).
    const double* gt = m_product->info().geoTransform;
    const QString between = dir + QStringLiteral("/between.tif");
    QVERIFY(testutil::gdalWarp(m_sample.reference->truthPath, between,
        { QStringLiteral("-te"), QString::number(gt[0] + 505, 'f', 3),
            QString::number(gt[3] + H * gt[5], 'f', 3), QString::number(gt[0] + W * gt[1] + 5, 'f', 3),
            QString::number(gt[3], 'f', 3), QStringLiteral("-tr"), QStringLiteral("10"), QStringLiteral("10"),
            QStringLiteral("-r"), QStringLiteral("bilinear") }));
    o.references = { between };
    compare(runToMemory(*m_product, o), "5 m east from 50.5 px, resampled twice", 1.3);
    // In the next UTM zone (gdalwarp -t_srs EPSG:32634, bilinear), cut so it lacks the west: read back
    // onto the product's pixels.
    const QString zone = dir + QStringLiteral("/zone.tif");
    QVERIFY(testutil::gdalWarp(crop, zone,
        { QStringLiteral("-t_srs"), QStringLiteral("EPSG:32634"), QStringLiteral("-r"),
            QStringLiteral("bilinear") }));
    o.references = { zone };
    compare(runToMemory(*m_product, o), "in the next UTM zone, resampled twice", 1.3);

    const QString apart = shiftedCopy(QStringLiteral("apart.tif"), 10.0 * 2 * W);
    o.references = { apart };
    try {
        recon::reconstruct(*m_product, o, [](int, int, const auto&, const auto&) {});
        QFAIL("a reference beside the product was taken");
    } catch (const Error& e) {
        QVERIFY2(
            e.message().contains(QStringLiteral("does not overlap the product")), qPrintable(e.message()));
    }
    // Training took a reference of the same size anywhere (it compared sizes only).
    ml::TrainOptions train;
    train.products = { m_sample.main.safePath };
    train.references = { apart };
    try {
        ml::buildPatches(train);
        QFAIL("training took a reference on another grid");
    } catch (const Error& e) {
        QVERIFY2(
            e.message().contains(QStringLiteral("does not overlap the product")), qPrintable(e.message()));
    }
}

void TestReconstruct::modelCheckpointReconstructs()
{
    ml::ModelConfig c;
    c.kind = ml::ModelKind::UNet;
    c.bands = 12;
    c.width = 8;
    c.depth = 2;
    const auto net = ml::Network::create(c, 3);
    ml::CheckpointInfo info;
    info.model = c;
    info.bands = m_product->bandNames();
    for (int b = 0; b < 12; ++b) {
        info.mean.push_back(0.1f);
        info.std.push_back(0.05f);
    }
    const QString ckpt = m_dir.filePath(QStringLiteral("tiny_unet.pth"));
    net->save(ckpt, info);
    recon::ReconOptions o;
    o.method = recon::Method::parse(ckpt);
    o.window = 128;
    const Result r = runToMemory(*m_product, o);
    QVERIFY(r.stats.methodSeconds > 0);
    QVERIFY(r.stats.hiddenPixels > 10000);
    for (size_t i = 0; i < r.rebuilt.size(); ++i)
        if (r.rebuilt[i])
            QVERIFY(std::isfinite(r.data[i]));
    QCOMPARE(recon::Method::parse(ckpt).label(), QStringLiteral("U-Net (tiny_unet.pth)"));

    // The pre-fill is part of the model's description: on by default, off for checkpoints written
    // before it existed (no key), and it changes what the network sees.
    QCOMPARE(ml::readCheckpointInfo(ckpt).model.prefill, ml::Prefill::Harmonic);
    QFile js(ckpt + QStringLiteral(".json"));
    QVERIFY(js.open(QIODevice::ReadOnly));
    QJsonObject desc = QJsonDocument::fromJson(js.readAll()).object();
    js.close();
    desc.remove(QStringLiteral("prefill"));
    desc.remove(QStringLiteral("prefill_kind"));
    QVERIFY(js.open(QIODevice::WriteOnly | QIODevice::Truncate));
    js.write(QJsonDocument(desc).toJson());
    js.close();
    QCOMPARE(ml::readCheckpointInfo(ckpt).model.prefill, ml::Prefill::Zeros);
    const Result legacy = runToMemory(*m_product, o);
    int differ = 0;
    for (size_t i = 0; i < r.rebuilt.size(); ++i)
        differ += r.rebuilt[i] && r.data[i] != legacy.data[i];
    QVERIFY(differ > 1000);

    // A model for other bands is refused, with the bands named.
    info.bands = QStringList { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"),
        QStringLiteral("B08") };
    c.bands = 4;
    info.model = c;
    info.mean.resize(4);
    info.std.resize(4);
    const QString other = m_dir.filePath(QStringLiteral("four_bands.pth"));
    ml::Network::create(c)->save(other, info);
    o.method = recon::Method::parse(other);
    try {
        recon::reconstruct(*m_product, o, [](int, int, const auto&, const auto&) {});
        QFAIL("a 4-band model was accepted for a 12-band product");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(QLatin1String("B02,B03,B04,B08")), qPrintable(e.message()));
    }
}

void TestReconstruct::badMethodsAreRefused()
{
    recon::ReconOptions o;
    o.method = recon::Method::parse(QStringLiteral("temporal")); // no reference
    QVERIFY_THROWS_EXCEPTION(
        Error, recon::reconstruct(*m_product, o, [](int, int, const auto&, const auto&) {}));
    o.method = recon::Method::parse(m_dir.filePath(QStringLiteral("missing.pth")));
    QVERIFY_THROWS_EXCEPTION(
        Error, recon::reconstruct(*m_product, o, [](int, int, const auto&, const auto&) {}));
    const QString junk = m_dir.filePath(QStringLiteral("junk.pth"));
    QFile f(junk);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a checkpoint");
    f.close();
    o.method = recon::Method::parse(junk);
    QVERIFY_THROWS_EXCEPTION(
        Error, recon::reconstruct(*m_product, o, [](int, int, const auto&, const auto&) {}));
}

void TestReconstruct::cogExportIsValidAndComplete()
{
    const QString out = m_dir.filePath(QStringLiteral("export/clean.tif"));
    QDir().mkpath(QFileInfo(out).absolutePath());
    recon::ReconOptions o;
    o.mask.dilatePx = 2;
    ExportOptions e;
    e.format = ExportOptions::Format::Cog;
    const recon::ReconStats st = recon::reconstructToFile(*m_product, o, out, e);
    QCOMPARE(entries(QFileInfo(out).absolutePath()),
        (QStringList { QStringLiteral("clean.mask.tif"), QStringLiteral("clean.tif") }));

    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(out.toUtf8().constData(), GA_ReadOnly));
    QVERIFY(ds);
    QCOMPARE(QString::fromLatin1(ds->GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE")), QStringLiteral("COG"));
    QCOMPARE(QString::fromLatin1(ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE")),
        QStringLiteral("DEFLATE"));
    QCOMPARE(ds->GetRasterCount(), 12);
    QCOMPARE(ds->GetRasterXSize(), 384);
    double gt[6];
    QCOMPARE(ds->GetGeoTransform(gt), CE_None);
    for (int i = 0; i < 6; ++i)
        QCOMPARE(gt[i], m_product->info().geoTransform[i]);
    QVERIFY(ds->GetSpatialRef());
    QCOMPARE(QString::fromLatin1(ds->GetSpatialRef()->GetAuthorityCode(nullptr)), QStringLiteral("32633"));
    QStringList names;
    for (int b = 1; b <= 12; ++b) {
        GDALRasterBand* band = ds->GetRasterBand(b);
        names << QString::fromUtf8(band->GetDescription());
        int has = 0;
        QCOMPARE(band->GetNoDataValue(&has), 0.0);
        QVERIFY(has);
        QCOMPARE(band->GetScale(), 1e-4);
        QCOMPARE(band->GetOffset(), -0.1);
        QVERIFY(band->GetOverviewCount() >= 1);
    }
    QCOMPARE(names, m_product->bandNames());
    QCOMPARE(QString::fromUtf8(ds->GetMetadataItem("UNCLOUDED_METHOD")), QStringLiteral("OpenCV Telea"));
    QCOMPARE(QString::fromUtf8(ds->GetMetadataItem("UNCLOUDED_MASK_DILATE_PX")), QStringLiteral("2"));
    QCOMPARE(QString::fromUtf8(ds->GetMetadataItem("UNCLOUDED_SOURCE")), m_sample.main.productName);
    QVERIFY(
        QString::fromUtf8(ds->GetMetadataItem("TIFFTAG_SOFTWARE")).startsWith(QLatin1String("Unclouded")));
    GDALClose(ds);

    // The sidecar marks exactly the rebuilt pixels.
    GDALDataset* m
        = static_cast<GDALDataset*>(GDALOpen(maskSidecarPath(out).toUtf8().constData(), GA_ReadOnly));
    QVERIFY(m);
    std::vector<uint8_t> mv(384 * 384), hidden(384 * 384);
    QCOMPARE(
        m->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, 384, 384, mv.data(), 384, 384, GDT_Byte, 0, 0), CE_None);
    GDALClose(m);
    readHiddenMask(*m_product, o.mask, { 0, 0, 384, 384 }, hidden.data());
    QVERIFY(mv == hidden);
    qint64 n = 0;
    for (uint8_t v : mv)
        n += v;
    QCOMPARE(n, st.hiddenPixels);

    // The export reopens as a product with the same bands; gdalinfo sees a COG.
    const auto back = Product::open(out);
    QCOMPARE(back->bandNames(), m_product->bandNames());
    QProcess gi;
    gi.start(QStringLiteral("gdalinfo"), { out });
    QVERIFY(gi.waitForFinished(30000));
    const QString text = QString::fromUtf8(gi.readAllStandardOutput());
    QVERIFY2(text.contains(QLatin1String("LAYOUT=COG")), qPrintable(text.left(2000)));
    QVERIFY(text.contains(QLatin1String("Description = B8A")));
}

void TestReconstruct::uint16KeepsTheSourceDn()
{
    // 10 m bands: the exported DN of every visible pixel is the product's own DN.
    const QString out = m_dir.filePath(QStringLiteral("dn/clean.tif"));
    QDir().mkpath(QFileInfo(out).absolutePath());
    ExportOptions e;
    e.format = ExportOptions::Format::GTiff;
    e.overviews = false;
    recon::reconstructToFile(*m_product, recon::ReconOptions {}, out, e);
    QString b02;
    for (const BandDesc& b : m_product->info().bands)
        if (b.name == QLatin1String("B02"))
            b02 = b.file;
    QVERIFY(!b02.isEmpty());
    std::vector<uint16_t> src(384 * 384), dst(384 * 384);
    std::vector<uint8_t> hidden(384 * 384);
    readHiddenMask(*m_product, MaskSpec {}, { 0, 0, 384, 384 }, hidden.data());
    GDALDataset* a = static_cast<GDALDataset*>(GDALOpen(b02.toUtf8().constData(), GA_ReadOnly));
    GDALDataset* b = static_cast<GDALDataset*>(GDALOpen(out.toUtf8().constData(), GA_ReadOnly));
    QVERIFY(a && b);
    QCOMPARE(a->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, 384, 384, src.data(), 384, 384, GDT_UInt16, 0, 0),
        CE_None);
    QCOMPARE(b->GetRasterBand(m_product->bandIndex(QStringLiteral("B02")) + 1)
                 ->RasterIO(GF_Read, 0, 0, 384, 384, dst.data(), 384, 384, GDT_UInt16, 0, 0),
        CE_None);
    GDALClose(a);
    GDALClose(b);
    qint64 visible = 0, same = 0, nodata = 0;
    for (size_t i = 0; i < src.size(); ++i) {
        if (hidden[i])
            continue;
        ++visible;
        same += src[i] == dst[i];
        nodata += src[i] == 0 && dst[i] == 0;
    }
    QCOMPARE(same, visible);
    QVERIFY(nodata > 1000);
}

void TestReconstruct::uint16RoundsAsLround()
{
    // Reflectance to DN: what std::lround gives (halves away from zero) for DN = v / scale - offset,
    // clamped to 1..65535, 0 for NaN: on values at and one float step around every half, below 0,
    // above the range, infinite.
    const Product& p = *m_product;
    const QStringList bands { QStringLiteral("B02") };
    const int W = 4096;
    std::vector<float> v(static_cast<size_t>(W) * 3);
    const BandDesc* b02 = nullptr;
    for (const BandDesc& b : p.info().bands)
        if (b.name == bands[0])
            b02 = &b;
    QVERIFY(b02);
    const double scale = b02->scale, off = b02->offset;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> dnDist(-50.0, 12000.0);
    for (size_t i = 0; i < v.size(); ++i) {
        const double dn = std::floor(dnDist(rng)) + 0.5; // a half
        const float at = static_cast<float>((dn + off) * scale);
        v[i] = i % 3 == 0 ? at : i % 3 == 1 ? std::nextafter(at, 1.0f) : std::nextafter(at, -1.0f);
    }
    const float special[] = { std::nanf(""), INFINITY, -INFINITY, 1e30f, -1e30f, 0.0f, -0.1f, 6.5535f, 6.6f };
    std::copy(std::begin(special), std::end(special), v.begin());
    const QString out = m_dir.filePath(QStringLiteral("lround.tif"));
    ExportOptions e;
    e.format = ExportOptions::Format::GTiff;
    e.overviews = false;
    e.maskSidecar = false;
    {
        RasterWriter writer(out, p.info(), { 0, 0, W, 3 }, bands, e);
        writer.writeRows(0, 3, v.data(), nullptr);
        writer.finish();
    }
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(out.toUtf8().constData(), GA_ReadOnly));
    QVERIFY(ds);
    std::vector<uint16_t> got(v.size());
    QCOMPARE(
        ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, W, 3, got.data(), W, 3, GDT_UInt16, 0, 0), CE_None);
    GDALClose(ds);
    int ties = 0;
    for (size_t i = 0; i < v.size(); ++i) {
        const double t = double(v[i]) * (1.0 / scale) - off; // the writer's own arithmetic
        uint16_t want = 0;
        if (!std::isnan(v[i]))
            want = static_cast<uint16_t>(std::lround(std::clamp(t, 1.0, 65535.0)));
        ties += std::abs(t - std::floor(t) - 0.5) < 1e-3 && t > 1 && t < 65535;
        QVERIFY2(got[i] == want,
            qPrintable(QStringLiteral("value %1 (DN %2): stored %3, lround %4")
                           .arg(double(v[i]), 0, 'g', 10)
                           .arg(t, 0, 'f', 10)
                           .arg(got[i])
                           .arg(want)));
    }
    QVERIFY(ties > 1000); // within a thousandth of a half: where a sloppier rounding would differ
}

void TestReconstruct::gtiffExportHasOverviews()
{
    const QString out = m_dir.filePath(QStringLiteral("gtiff/clean.tif"));
    QDir().mkpath(QFileInfo(out).absolutePath());
    ExportOptions e;
    e.format = ExportOptions::Format::GTiff;
    e.float32 = true;
    e.compression = QStringLiteral("ZSTD");
    e.maskSidecar = false;
    recon::reconstructToFile(*m_product, recon::ReconOptions {}, out, e);
    QCOMPARE(entries(QFileInfo(out).absolutePath()), QStringList { QStringLiteral("clean.tif") });
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(out.toUtf8().constData(), GA_ReadOnly));
    QVERIFY(ds);
    QCOMPARE(ds->GetRasterBand(1)->GetRasterDataType(), GDT_Float32);
    QVERIFY(std::isnan(ds->GetRasterBand(1)->GetNoDataValue()));
    QCOMPARE(ds->GetRasterBand(1)->GetOverviewCount(), 1); // 384 -> 192 (levels stop below 128 px)
    QCOMPARE(
        QString::fromLatin1(ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE")), QStringLiteral("ZSTD"));
    GDALClose(ds);
}

void TestReconstruct::cancelLeavesNoFile()
{
    const QString dir = m_dir.filePath(QStringLiteral("cancel"));
    QDir().mkpath(dir);
    std::atomic<bool> cancel { false };
    Progress p;
    p.cancelFlag = &cancel;
    int calls = 0;
    p.onProgress = [&](double, const QString&) {
        if (++calls == 3)
            cancel = true;
    };
    recon::ReconOptions o;
    o.window = 96;
    QVERIFY_THROWS_EXCEPTION(Cancelled,
        recon::reconstructToFile(
            *m_product, o, QDir(dir).filePath(QStringLiteral("x.tif")), ExportOptions {}, p));
    QCOMPARE(entries(dir), QStringList {});
    // Cancelled while the COG is being written: still nothing.
    cancel = false;
    bool writing = false;
    p.onProgress = [&](double, const QString& stage) {
        if (stage.contains(QLatin1String("Writing the GeoTIFF")))
            writing = cancel = true;
    };
    QVERIFY_THROWS_EXCEPTION(Cancelled,
        recon::reconstructToFile(
            *m_product, o, QDir(dir).filePath(QStringLiteral("x.tif")), ExportOptions {}, p));
    QVERIFY(writing);
    QCOMPARE(entries(dir), QStringList {});
}

void TestReconstruct::unwritableFolderLeavesNoFile()
{
    // A folder that does not exist, and a "folder" that is a file.
    QVERIFY_THROWS_EXCEPTION(
        Error, recon::reconstructToFile(*m_product, {}, m_dir.filePath(QStringLiteral("nope/x.tif")), {}));
    QFile f(m_dir.filePath(QStringLiteral("plainfile")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    try {
        recon::reconstructToFile(*m_product, {}, m_dir.filePath(QStringLiteral("plainfile/x.tif")), {});
        QFAIL("wrote under a plain file");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(QLatin1String("plainfile")), qPrintable(e.message()));
    }
}

void TestReconstruct::cliReconstructAndQuicklook()
{
    const QString cli = testutil::cliPath();
    if (cli.isEmpty())
        QSKIP("UNCLOUDED_CLI is not set");
    const QString dir = m_dir.filePath(QStringLiteral("cli"));
    QDir().mkpath(dir);
    QProcess p;
    p.start(cli,
        { QStringLiteral("reconstruct"), m_sample.main.safePath, QStringLiteral("--method"),
            QStringLiteral("temporal"), QStringLiteral("--reference"), m_sample.reference->safePath,
            QStringLiteral("--out"), QDir(dir).filePath(QStringLiteral("out.tif")),
            QStringLiteral("--quicklook"), QDir(dir).filePath(QStringLiteral("out.png")),
            QStringLiteral("--json") });
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonObject j = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(j.value(QStringLiteral("method")).toString(), QStringLiteral("Temporal fill"));
    QCOMPARE(j.value(QStringLiteral("temporal_fit")).toString(), QStringLiteral("cross-band"));
    {
        GDALDataset* out = static_cast<GDALDataset*>(
            GDALOpen(QDir(dir).filePath(QStringLiteral("out.tif")).toUtf8().constData(), GA_ReadOnly));
        QVERIFY(out);
        QCOMPARE(
            QString::fromUtf8(out->GetMetadataItem("UNCLOUDED_TEMPORAL_FIT")), QStringLiteral("cross-band"));
        GDALClose(out);
    }
    QVERIFY(j.value(QStringLiteral("reconstructed_pixels")).toInteger() > 10000);
    QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("out.png"))));
    QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("out.mask.tif"))));
    GDALDataset* png = static_cast<GDALDataset*>(
        GDALOpen(QDir(dir).filePath(QStringLiteral("out.png")).toUtf8().constData(), GA_ReadOnly));
    QVERIFY(png);
    QCOMPARE(png->GetRasterCount(), 3);
    GDALClose(png);

    // Usage errors exit with 2 and write nothing.
    for (const QStringList& bad : { QStringList { QStringLiteral("--method"), QStringLiteral("temporal") },
             QStringList { QStringLiteral("--method"), QStringLiteral("bogus") },
             QStringList { QStringLiteral("--method"), QStringLiteral("telea"), QStringLiteral("--format"),
                 QStringLiteral("PNG") },
             QStringList { QStringLiteral("--method"), QStringLiteral("telea"), QStringLiteral("--aoi"),
                 QStringLiteral("1,2") },
             QStringList { QStringLiteral("--method"), QStringLiteral("pretrained"),
                 QStringLiteral("--band-resolution"), QStringLiteral("half") },
             QStringList { QStringLiteral("--method"), QStringLiteral("pretrained"),
                 QStringLiteral("--precision"), QStringLiteral("half") },
             QStringList { QStringLiteral("--method"), QStringLiteral("temporal"),
                 QStringLiteral("--reference"), m_sample.reference->safePath,
                 QStringLiteral("--temporal-fit"), QStringLiteral("local") } }) {
        p.start(cli,
            QStringList { QStringLiteral("reconstruct"), m_sample.main.safePath, QStringLiteral("--out"),
                QDir(dir).filePath(QStringLiteral("bad.tif")) }
                + bad);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
    }
    QVERIFY(!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("bad.tif"))));

    // A general model's output says at which resolution its coarse bands were computed, and in
    // which arithmetic (forced here: the default depends on the CPU).
    const QString aoiOut = QDir(dir).filePath(QStringLiteral("general.tif"));
    for (const QString& precision : { QStringLiteral("float32"), QStringLiteral("bfloat16") }) {
        p.start(cli,
            { QStringLiteral("reconstruct"), m_sample.main.safePath, QStringLiteral("--method"),
                QStringLiteral("pretrained"), QStringLiteral("--aoi"), QStringLiteral("0,0,256,256"),
                QStringLiteral("--precision"), precision, QStringLiteral("--out"), aoiOut,
                QStringLiteral("--json") });
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject gj = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(gj.value(QStringLiteral("precision")).toString(), precision);
        QVERIFY(gj.value(QStringLiteral("inference_seconds")).toDouble() > 0);
        QVERIFY(gj.value(QStringLiteral("total_seconds")).toDouble()
            >= gj.value(QStringLiteral("seconds")).toDouble());
        GDALDataset* tif = static_cast<GDALDataset*>(GDALOpen(aoiOut.toUtf8().constData(), GA_ReadOnly));
        QVERIFY(tif);
        QCOMPARE(
            QString::fromUtf8(tif->GetMetadataItem("UNCLOUDED_BAND_RESOLUTION")), QStringLiteral("coarse"));
        QCOMPARE(QString::fromUtf8(tif->GetMetadataItem("UNCLOUDED_PRECISION")), precision);
        GDALClose(tif);
    }
}

void TestReconstruct::multiDateTemporalFillByHand()
{
    // 8 x 8 px, one band, truth t(i) = 0.05 + 0.01 i. Hidden: 27, 28, 35, 36.
    // Date A (the nearest): t = 2 a + 0.1 on pixels clear on both, but hides 28 and 36, and at 27
    //   shows a = 0.2, so its fitted value there is 2 * 0.2 + 0.1 = 0.5.
    // Date B: t = b - 0.05 everywhere it shows; it hides 36.
    // Expected: 27 <- A: 0.5; 28 <- B: t(28); 35 <- A: t(35); 36: no date shows it (left to inpainting).
    const int w = 8, h = 8;
    const size_t n = 64;
    std::vector<float> img(n), a(n), b(n);
    std::vector<uint8_t> hidden(n, 0), hidA(n, 0), hidB(n, 0);
    auto t = [](int i) { return 0.05f + 0.01f * i; };
    for (int i = 0; i < int(n); ++i) {
        img[i] = t(i);
        a[i] = (t(i) - 0.1f) / 2;
        b[i] = t(i) + 0.05f;
    }
    for (int i : { 27, 28, 35, 36 }) {
        hidden[i] = 1;
        img[i] = 9.0f; // whatever a cloud holds
    }
    a[27] = 0.2f;
    hidA[28] = hidA[36] = 1;
    a[28] = a[36] = 7.0f;
    hidB[36] = 1;
    b[36] = 7.0f;
    std::vector<float> composite;
    const std::vector<recon::DateView> dates { { a.data(), hidA.data(), nullptr },
        { b.data(), hidB.data(), nullptr } };
    const std::vector<uint8_t> rest = recon::temporalComposite(img, hidden, dates, w, h, 1, composite);
    QVERIFY(std::abs(img[27] - 0.5f) < 1e-5f);
    QVERIFY(std::abs(img[28] - t(28)) < 1e-5f);
    QVERIFY(std::abs(img[35] - t(35)) < 1e-5f);
    QCOMPARE(img[36], 9.0f);
    QCOMPARE(int(rest[36]), 1);
    QCOMPARE(int(std::count(rest.begin(), rest.end(), 1)), 1);
    // Visible pixels never change, and the composite is the fitted date everywhere it shows.
    QCOMPARE(img[0], t(0));
    QVERIFY(std::abs(composite[0] - t(0)) < 1e-5f);
    // The order matters: B first gives 27 its own value.
    const std::vector<recon::DateView> swapped { dates[1], dates[0] };
    std::vector<float> img2(n);
    for (int i = 0; i < int(n); ++i)
        img2[i] = hidden[i] ? 9.0f : t(i);
    recon::temporalComposite(img2, hidden, swapped, w, h, 1, composite);
    QVERIFY(std::abs(img2[27] - t(27)) < 1e-5f);
}

void TestReconstruct::datesBlendedByTheirFitError()
{
    // 8 x 8 px, one band, truth t(i) = 0.05 + 0.01 i, pixels 27 and 28 hidden. Four other dates,
    // nearest first, each a line of the truth on the visible pixels (the window's fit finds it):
    //   A = t (mse 0.01), at 27 it shows what maps to 0.5; it hides 28.
    //   B = t + 0.05 (mse 0.02), at 27 maps to 0.3.   C = t + 0.1 (mse 0.01), at 27 maps to 0.2.
    //   D = t (mse 0.01), at 27 maps to 5: the fourth date, past kBlendDates.
    // 27 = the nearest three weighted 1 / mse^2: (1e4 0.5 + 2500 0.3 + 1e4 0.2) / 22500 = 0.34444
    // (weights 1 / mse would give 0.34); 28 (A hides it) = B, C and D, all t(28). Without A's mse,
    // nothing is blended where A shows a pixel (27 = A's 0.5).
    const int w = 8, h = 8;
    const size_t n = 64;
    auto t = [](int i) { return 0.05f + 0.01f * i; };
    std::vector<float> img(n), a(n), b(n), c(n), d(n);
    std::vector<uint8_t> hidden(n, 0), hidA(n, 0);
    for (int i = 0; i < int(n); ++i) {
        img[i] = t(i);
        a[i] = d[i] = t(i);
        b[i] = t(i) + 0.05f;
        c[i] = t(i) + 0.1f;
    }
    hidden[27] = hidden[28] = 1;
    img[27] = img[28] = 9.0f;
    a[27] = 0.5f;
    b[27] = 0.35f;
    c[27] = 0.3f;
    d[27] = 5.0f;
    hidA[28] = 1;
    a[28] = 7.0f;
    auto scene = [](double mse) {
        recon::SceneFit f;
        f.perBand = { recon::LinearFit { 1, 0, true } };
        f.mse = mse;
        return f;
    };
    const recon::SceneFit fa = scene(0.01), fb = scene(0.02), fc = scene(0.01), fd = scene(0.01),
                          none = scene(std::numeric_limits<double>::quiet_NaN());
    std::vector<recon::DateView> dates { { a.data(), hidA.data(), &fa }, { b.data(), nullptr, &fb },
        { c.data(), nullptr, &fc }, { d.data(), nullptr, &fd } };
    std::vector<float> composite, out = img;
    const std::vector<uint8_t> rest = recon::temporalComposite(out, hidden, dates, w, h, 1, composite);
    QCOMPARE(int(std::count(rest.begin(), rest.end(), 1)), 0);
    QVERIFY2(std::abs(out[27] - 7750.0f / 22500.0f) < 1e-5f, qPrintable(QString::number(out[27])));
    QVERIFY2(std::abs(out[28] - t(28)) < 1e-5f, qPrintable(QString::number(out[28])));
    QCOMPARE(out[0], t(0)); // visible pixels never change
    // One date: its own value, bit for bit as without an mse (the rule before blending).
    out = img;
    recon::temporalComposite(out, hidden, { dates[1] }, w, h, 1, composite);
    QVERIFY(std::abs(out[27] - 0.3f) < 1e-5f);
    std::vector<float> plain = img;
    recon::temporalComposite(plain, hidden, { { b.data(), nullptr, &none } }, w, h, 1, composite);
    QVERIFY(std::memcmp(plain.data(), out.data(), n * sizeof(float)) == 0);
    // The nearest date without a known error: no blend where it shows.
    dates[0].scene = &none;
    out = img;
    recon::temporalComposite(out, hidden, dates, w, h, 1, composite);
    QVERIFY2(std::abs(out[27] - 0.5f) < 1e-5f, qPrintable(QString::number(out[27])));
    QVERIFY2(std::abs(out[28] - t(28)) < 1e-5f, qPrintable(QString::number(out[28])));
}

void TestReconstruct::crossBandFitByHand()
{
    // Another date with 3 bands on 320 x 320 px; the product's bands are mixes of all three, and two
    // land covers (r0 above or below 0.15) changed differently: cover A's band 0 = 0.5 r0 + 0.3 r1
    // + 0.02, cover B's = 0.2 r0 + 0.6 r2. No per-band line can give that; the scene-wide fit gets
    // the mix, the classes the covers.
    const int w = 320, h = 320, B = 3;
    const size_t n = static_cast<size_t>(w) * h;
    std::vector<float> r(n * B), t(n * B);
    auto field = [](int b, int x, int y) {
        return float(0.5 + 0.5 * std::sin(0.37 * x * (b + 1) + 1.3 * b) * std::cos(0.23 * y + 0.7 * b));
    };
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const size_t i = static_cast<size_t>(y) * w + x;
            const bool coverA = x < w / 2;
            r[i] = (coverA ? 0.2f : 0.05f) + 0.04f * field(0, x, y);
            r[n + i] = 0.1f + 0.1f * field(1, x, y);
            r[2 * n + i] = 0.2f + 0.15f * field(2, x, y);
            t[i] = coverA ? 0.5f * r[i] + 0.3f * r[n + i] + 0.02f : 0.2f * r[i] + 0.6f * r[2 * n + i];
            t[n + i] = r[2 * n + i] - 0.2f * r[i] + 0.01f;
            t[2 * n + i] = 0.8f * r[n + i] + 0.1f * r[2 * n + i] + 0.01f;
        }
    // Fitted where visible; hidden: a stripe through both covers.
    std::vector<uint8_t> hidden(n, 0), use(n);
    for (int y = 120; y < 200; ++y)
        for (int x = 0; x < w; ++x)
            hidden[static_cast<size_t>(y) * w + x] = 1;
    for (size_t i = 0; i < n; ++i)
        use[i] = !hidden[i];
    auto hiddenError = [&](const recon::CrossFit& f, int band) {
        double e = 0;
        std::vector<float> out(B);
        for (size_t i = 0; i < n; ++i) {
            if (!hidden[i])
                continue;
            float x3[3] = { r[i], r[n + i], r[2 * n + i] };
            if (!f.predict(x3, 1, out.data()))
                return 1e9;
            e = std::max(e, double(std::abs(out[band] - t[band * n + i])));
        }
        return e;
    };
    const recon::CrossFit scene = recon::fitCrossBand(r.data(), t.data(), use.data(), n, B, 100, 0);
    const recon::CrossFit classes = recon::fitCrossBand(r.data(), t.data(), use.data(), n, B, 100, 16);
    QVERIFY(scene.ok && scene.classes.empty());
    QVERIFY(classes.ok && classes.classes.size() == 16);
    QVERIFY(
        std::count_if(classes.weight.begin(), classes.weight.end(), [](double w) { return w > 0.5; }) >= 8);
    // Bands 1 and 2 are one mix everywhere: the scene fit has them (ridge shrinks it a little).
    QVERIFY(hiddenError(scene, 1) < 2e-3);
    QVERIFY(hiddenError(scene, 2) < 2e-3);
    // Band 0 differs by cover: the scene fit is off, the classes (shrunk towards it) much closer.
    const double e0 = hiddenError(scene, 0), e0c = hiddenError(classes, 0);
    qInfo("band 0 largest hidden error: scene fit %.4f, with classes %.4f", e0, e0c);
    QVERIFY(e0 > 0.01);
    QVERIFY(e0c < 0.5 * e0);
    // Band 1 is a mix of the other date's bands 0 and 2: no line on its band 1 fits it.
    const recon::LinearFit line = recon::fitLinear(r.data() + n, t.data() + n, use.data(), n, 100);
    double eLine = 0;
    for (size_t i = 0; i < n; ++i)
        if (hidden[i])
            eLine = std::max(eLine, std::abs(line.gain * r[n + i] + line.offset - t[n + i]));
    QVERIFY(eLine > 10 * hiddenError(scene, 1));

    // Through the composite: hidden pixels take the cross-band prediction; a pixel of the other
    // date with a band missing falls back to the window's per-band lines; far outside the fitted
    // range the prediction is clamped.
    recon::SceneFit sf;
    sf.cross = scene;
    std::vector<float> img = t, rr = r, composite;
    const size_t odd = static_cast<size_t>(160) * w + 10, wild = static_cast<size_t>(161) * w + 10;
    rr[2 * n + odd] = std::numeric_limits<float>::quiet_NaN();
    rr[wild] = rr[n + wild] = rr[2 * n + wild] = 5.0f;
    for (size_t i = 0; i < n; ++i)
        if (hidden[i])
            for (int b = 0; b < B; ++b)
                img[b * n + i] = 9.0f;
    const std::vector<recon::DateView> dates { { rr.data(), nullptr, &sf } };
    std::vector<float> img2 = img, composite2;
    const std::vector<uint8_t> rest = recon::temporalComposite(img, hidden, dates, w, h, B, composite);
    // Evaluating the fit on hidden pixels alone (temporal fill's way) fills them the same.
    QVERIFY(recon::temporalComposite(img2, hidden, dates, w, h, B, composite2, true) == rest);
    QVERIFY(std::memcmp(img.data(), img2.data(), img.size() * sizeof(float)) == 0);
    const size_t i0 = static_cast<size_t>(140) * w + 260;
    std::vector<float> want(B);
    const float x0[3] = { rr[i0], rr[n + i0], rr[2 * n + i0] };
    QVERIFY(scene.predict(x0, 1, want.data()));
    for (int b = 0; b < B; ++b)
        QCOMPARE(img[b * n + i0], want[b]);
    QVERIFY(std::isnan(composite[2 * n + odd])); // no band 2 on that date there: not taken
    QCOMPARE(img[odd], 9.0f);
    QVERIFY(std::abs(composite[n + odd] - (line.gain * rr[n + odd] + line.offset)) < 1e-5);
    for (int b = 0; b < B; ++b) {
        qInfo("wild %d: %.5f (range up to %.5f)", b, img[b * n + wild], scene.hi[b]);
        QCOMPARE(img[b * n + wild], float(scene.hi[b])); // every band of the wild pixel is far above
    }
    // Too few pixels: no fit.
    std::vector<uint8_t> few(n, 0);
    std::fill(few.begin(), few.begin() + 150, 1);
    QVERIFY(!recon::fitCrossBand(r.data(), t.data(), few.data(), n, B, 100).ok);
}

void TestReconstruct::crossBandFitOnRealCities()
{
    // Real data: two OSCD cities (L1C, 13 bands) at two dates, the later one behind On Cloud N's
    // drawn clouds. The cross-band temporal fill must beat round 1's per-band one on the hidden
    // pixels of each (measured +1.15 and +1.09 dB; bench/results/temporal-fit.md).
    const QString shared = testutil::sharedData();
    const QString oscd = shared + QStringLiteral("/oscd-13band-L1C-2dates-10cities");
    const QString clouds
        = shared + QStringLiteral("/oncloudn-L2A-4band-cloudmask/oncloudn_chip5_20200912_cloudmask.tif");
    if (shared.isEmpty() || !QDir(oscd).exists() || !QFileInfo::exists(clouds))
        QSKIP("../shared/data (OSCD cities, On Cloud N masks) is absent");
    GDALDataset* cm = static_cast<GDALDataset*>(GDALOpen(clouds.toUtf8().constData(), GA_ReadOnly));
    QVERIFY(cm);
    const int cw = cm->GetRasterXSize(), ch = cm->GetRasterYSize();
    std::vector<uint8_t> cloud(static_cast<size_t>(cw) * ch);
    QCOMPARE(
        cm->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, cw, ch, cloud.data(), cw, ch, GDT_Byte, 0, 0), CE_None);
    GDALClose(cm);
    for (const auto& [later, earlier] : { std::pair { "rennes_20170621", "rennes_20150821" },
             std::pair { "pisa_20180211", "pisa_20150704" } }) {
        const QString clear = QStringLiteral("%1/%2_L1C_13band.tif").arg(oscd, QLatin1String(later));
        const QString ref = QStringLiteral("%1/%2_L1C_13band.tif").arg(oscd, QLatin1String(earlier));
        if (!QFileInfo::exists(clear) || !QFileInfo::exists(ref))
            QSKIP("an OSCD city of this test is absent");
        auto truth = Product::open(clear);
        const int W = truth->width(), H = truth->height();
        const QString maskPath = m_dir.filePath(QStringLiteral("%1_mask.tif").arg(QLatin1String(later)));
        std::vector<uint8_t> m(static_cast<size_t>(W) * H);
        for (int y = 0; y < H; ++y)
            for (int x = 0; x < W; ++x)
                m[static_cast<size_t>(y) * W + x] = cloud[static_cast<size_t>(y % ch) * cw + x % cw] ? 1 : 0;
        GDALDataset* md = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            maskPath.toUtf8().constData(), W, H, 1, GDT_Byte, nullptr);
        QCOMPARE(
            md->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, W, H, m.data(), W, H, GDT_Byte, 0, 0), CE_None);
        GDALClose(md);
        auto p = Product::open(clear, maskPath, MaskKind::Binary);
        const QStringList bands = p->bandNames();
        std::vector<float> t(static_cast<size_t>(bands.size()) * W * H);
        truth->readWindow(bands, { 0, 0, W, H }, t.data());
        double psnr[3];
        QString used[3];
        const recon::TemporalFit fits[3] = { recon::TemporalFit::PerBand, recon::TemporalFit::CrossBandPixel,
            recon::TemporalFit::CrossBand };
        for (int k = 0; k < 3; ++k) {
            recon::ReconOptions o;
            o.method = recon::Method::parse(QStringLiteral("temporal"));
            o.references = { ref };
            o.temporalFit = fits[k];
            const Result r = runToMemory(*p, o);
            used[k] = r.stats.temporalFit;
            double se = 0;
            qint64 count = 0;
            const size_t plane = static_cast<size_t>(W) * H;
            for (size_t i = 0; i < plane; ++i)
                if (r.rebuilt[i])
                    for (int b = 0; b < bands.size(); ++b) {
                        const double d = r.data[b * plane + i] - t[b * plane + i];
                        se += d * d;
                        ++count;
                    }
            QVERIFY(count > 100000);
            psnr[k] = 10 * std::log10(count / se);
        }
        qInfo("%s: temporal fill per-band %.2f dB, cross-band from the pixel %.2f dB, with the 3 x 3 "
              "correction %.2f dB (%s)",
            later, psnr[0], psnr[1], psnr[2], qPrintable(used[2]));
        QVERIFY(psnr[1] > psnr[0] + 0.2);
        QCOMPARE(used[0], QStringLiteral("per-band"));
        QCOMPARE(used[1], QStringLiteral("cross-band-pixel"));
        // The 3 x 3 correction: pisa's two dates gain from it (+0.28 dB measured), rennes' do not, and
        // there the held-out blocks turn it down (the stats say which map was used).
        if (QLatin1String(later).startsWith(QLatin1String("pisa"))) {
            QCOMPARE(used[2], QStringLiteral("cross-band"));
            QVERIFY(psnr[2] > psnr[1] + 0.15);
        } else {
            QCOMPARE(used[2], QStringLiteral("cross-band-pixel"));
            QCOMPARE(psnr[2], psnr[1]);
        }
    }
}

void TestReconstruct::neighbourFixForMisregisteredDates()
{
    // The product sees the other date half a pixel to the right (the mean of a pixel and its right
    // neighbour) and mixed across bands: a per-pixel map cannot see the shift, the 3 x 3 correction
    // can. Without a shift (a per-pixel mix plus noise) the held-out blocks turn it down.
    const int w = 256, h = 256, B = 3;
    const size_t n = static_cast<size_t>(w) * h;
    std::vector<float> x(B * n), shifted(B * n), plain(B * n);
    auto texture = [](int b, int px, int py) { // per-pixel detail on a smooth field, all bands differ
        uint32_t v = uint32_t(px) * 73856093u ^ uint32_t(py) * 19349663u ^ uint32_t(b + 1) * 83492791u;
        v ^= v >> 13;
        v *= 0x5bd1e995u;
        v ^= v >> 15;
        return 0.15 + 0.05 * std::sin(px * 0.05 + b) * std::cos(py * 0.04)
            + 0.04 * ((v & 0xffff) / 65535.0 - 0.5);
    };
    for (int b = 0; b < B; ++b)
        for (int py = 0; py < h; ++py)
            for (int px = 0; px < w; ++px)
                x[b * n + static_cast<size_t>(py) * w + px] = static_cast<float>(texture(b, px, py));
    auto mix = [&](const std::vector<float>& v, int b, size_t i) {
        return 0.02 + 0.7 * v[b * n + i] + 0.2 * v[((b + 1) % B) * n + i];
    };
    std::vector<float> half(B * n);
    for (int b = 0; b < B; ++b)
        for (int py = 0; py < h; ++py)
            for (int px = 0; px < w; ++px) {
                const size_t i = static_cast<size_t>(py) * w + px,
                             r = static_cast<size_t>(py) * w + std::min(px + 1, w - 1);
                half[b * n + i] = 0.5f * (x[b * n + i] + x[b * n + r]);
            }
    uint32_t seed = 7;
    for (int b = 0; b < B; ++b)
        for (size_t i = 0; i < n; ++i) {
            shifted[b * n + i] = static_cast<float>(mix(half, b, i));
            seed = seed * 1664525u + 1013904223u;
            plain[b * n + i] = static_cast<float>(mix(x, b, i) + 0.01 * ((seed >> 8) / 16777216.0 - 0.5));
        }
    std::vector<uint8_t> hidden(n, 0), use(n, 0);
    for (int py = 100; py < 160; ++py)
        for (int px = 90; px < 170; ++px)
            hidden[static_cast<size_t>(py) * w + px] = 1;
    for (size_t i = 0; i < n; ++i)
        use[i] = !hidden[i];

    const recon::NeighbourFix fix = recon::fitNeighbourFix(x.data(), shifted.data(), use.data(), w, h, B);
    qInfo("shifted: held-out error ratio %.2f", fix.heldOutRatio);
    QVERIFY(fix.ok);
    QVERIFY(fix.heldOutRatio > 2);
    recon::SceneFit withFix, without;
    withFix.cross = without.cross = recon::fitCrossBand(x.data(), shifted.data(), use.data(), n, B, 100);
    QVERIFY(withFix.cross.ok);
    withFix.neighbours = fix;
    double err[2];
    for (int k = 0; k < 2; ++k) {
        std::vector<float> img = shifted, composite;
        for (size_t i = 0; i < n; ++i)
            if (hidden[i])
                for (int b = 0; b < B; ++b)
                    img[b * n + i] = 9.0f;
        const std::vector<recon::DateView> dates { { x.data(), nullptr, k ? &withFix : &without } };
        const std::vector<uint8_t> rest
            = recon::temporalComposite(img, hidden, dates, w, h, B, composite, true);
        QVERIFY(std::find(rest.begin(), rest.end(), 1) == rest.end());
        double se = 0;
        for (size_t i = 0; i < n; ++i)
            if (hidden[i])
                for (int b = 0; b < B; ++b)
                    se += std::pow(img[b * n + i] - shifted[b * n + i], 2);
        err[k] = std::sqrt(se / (4800.0 * B));
    }
    qInfo("hidden RMSE from the pixel %.5f, with the 3 x 3 correction %.5f", err[0], err[1]);
    QVERIFY(err[1] < 0.3 * err[0]);

    // Training turns its crops (ml's Geometry: out(y, x) = in(S(y, x)), quarter turns then flips):
    // the filter turned the same way rebuilds the turned window as the window rebuilt and turned.
    auto turn = [&](const std::vector<float>& in, int planes, bool fx, bool fy, int rot) {
        std::vector<float> out(in.size());
        for (int c = 0; c < planes; ++c)
            for (int py = 0; py < h; ++py)
                for (int px = 0; px < w; ++px) {
                    int sx = px, sy = py;
                    for (int r = 0; r < rot; ++r) {
                        const int t = sx;
                        sx = sy;
                        sy = w - 1 - t;
                    }
                    if (fx)
                        sx = w - 1 - sx;
                    if (fy)
                        sy = h - 1 - sy;
                    out[c * n + static_cast<size_t>(py) * w + px]
                        = in[c * n + static_cast<size_t>(sy) * w + sx];
                }
        return out;
    };
    std::vector<float> hiddenF(hidden.begin(), hidden.end());
    for (const auto& [fx, fy, rot] : { std::tuple { true, false, 0 }, std::tuple { false, true, 1 },
             std::tuple { true, true, 3 }, std::tuple { false, false, 2 } }) {
        std::vector<float> img = shifted, composite;
        for (size_t i = 0; i < n; ++i)
            if (hidden[i])
                for (int b = 0; b < B; ++b)
                    img[b * n + i] = 9.0f;
        recon::temporalComposite(img, hidden, { { x.data(), nullptr, &withFix } }, w, h, B, composite, true);
        const std::vector<float> want = turn(img, B, fx, fy, rot), tx = turn(x, B, fx, fy, rot),
                                 th = turn(hiddenF, 1, fx, fy, rot);
        std::vector<uint8_t> tHidden(n);
        for (size_t i = 0; i < n; ++i)
            tHidden[i] = th[i] != 0;
        double worst[2] = { 0, 0 };
        for (int k = 0; k < 2; ++k) {
            recon::SceneFit f = withFix;
            if (k == 0)
                f.neighbours = fix.turned(fx, fy, rot);
            std::vector<float> timg = turn(shifted, B, fx, fy, rot);
            for (size_t i = 0; i < n; ++i)
                if (tHidden[i])
                    for (int b = 0; b < B; ++b)
                        timg[b * n + i] = 9.0f;
            recon::temporalComposite(timg, tHidden, { { tx.data(), nullptr, &f } }, w, h, B, composite, true);
            for (size_t i = 0; i < timg.size(); ++i)
                worst[k] = std::max(worst[k], double(std::abs(timg[i] - want[i])));
        }
        qInfo("turned %d %d %d: largest difference %.2g with the filter turned, %.2g without", fx, fy, rot,
            worst[0], worst[1]);
        QVERIFY(worst[0] < 1e-5);
        if (fx || rot % 2 == 1) // a left-right flip or a quarter turn moves the rightward shift
            QVERIFY(worst[1] > 0.005);
    }

    // What the other date hides (its clouds) never enters a neighbour's place: the values there do
    // not change the hidden pixels beside them.
    {
        std::vector<uint8_t> refHidden(n, 0);
        std::vector<float> cloudy = x;
        for (int py = 100; py < 160; ++py)
            for (int px = 170; px < 180; ++px) { // right beside the product's hidden block
                const size_t i = static_cast<size_t>(py) * w + px;
                refHidden[i] = 1;
                for (int b = 0; b < B; ++b)
                    cloudy[b * n + i] = 0.9f;
            }
        std::vector<float> a = shifted, c = shifted, composite;
        recon::temporalComposite(
            a, hidden, { { x.data(), refHidden.data(), &withFix } }, w, h, B, composite, true);
        recon::temporalComposite(
            c, hidden, { { cloudy.data(), refHidden.data(), &withFix } }, w, h, B, composite, true);
        QVERIFY(std::memcmp(a.data(), c.data(), a.size() * sizeof(float)) == 0);
    }

    const recon::NeighbourFix none = recon::fitNeighbourFix(x.data(), plain.data(), use.data(), w, h, B);
    qInfo("no shift: held-out error ratio %.3f", none.heldOutRatio);
    QVERIFY(!none.ok);
    QVERIFY(none.heldOutRatio > 0.9 && none.heldOutRatio < 1.03);

    // Not-finite neighbours count as the pixel itself; too few usable pixels give no correction.
    std::vector<float> holes = x;
    for (size_t i = 0; i < n; i += 97)
        holes[i] = std::numeric_limits<float>::quiet_NaN();
    const recon::NeighbourFix patchy
        = recon::fitNeighbourFix(holes.data(), shifted.data(), use.data(), w, h, B);
    QVERIFY(patchy.ok);
    for (float v : patchy.k)
        QVERIFY(std::isfinite(v));
    std::vector<uint8_t> few(n, 0);
    std::fill(few.begin(), few.begin() + 1000, 1);
    QVERIFY(!recon::fitNeighbourFix(x.data(), shifted.data(), few.data(), w, h, B).ok);
    QVERIFY(!recon::fitNeighbourFix(x.data(), shifted.data(), use.data(), 2, 2, B).ok);
}

void TestReconstruct::crossBandFitAcrossOverviews()
{
    // A 1600 px product without overviews against another date with overviews built by nearest
    // (gdaladdo's default): their decimated reads sample other pixels (as a GeoTIFF's sharp samples
    // and a SAFE's low-passed JP2 levels are other values), and a fit between them lost the texture:
    // hidden RMSE 0.0124 instead of 0.0005 before full-resolution cells. The product's bands are exact
    // mixes of the other date's, so a fit on matched pixels finds them to the ridge's shrink.
    const int W = 1600, H = 1600, B = 3;
    const QStringList names { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04") };
    auto noise = [](int b, int x, int y) { // per-pixel texture, most of the variance
        uint32_t v = uint32_t(x) * 73856093u ^ uint32_t(y) * 19349663u ^ uint32_t(b + 1) * 83492791u;
        v ^= v >> 13;
        v *= 0x5bd1e995u;
        v ^= v >> 15;
        return (v & 0xffff) / 65535.0 - 0.5;
    };
    auto other = [&](int b, int x, int y) {
        return 0.1 + 0.05 * b + 0.02 * std::sin(x / 300.0 + b) + 0.08 * noise(b, x, y);
    };
    auto mix = [&](int b, int x, int y) {
        const double r0 = other(0, x, y), r1 = other(1, x, y), r2 = other(2, x, y);
        return b == 0 ? 0.5 * r0 + 0.3 * r1 + 0.02
            : b == 1  ? r2 - 0.2 * r0 + 0.01
                      : 0.8 * r1 + 0.1 * r2 + 0.01;
    };
    auto hidden = [](int, int y) { return y >= 700 && y < 900; };
    const QString pdir = m_dir.filePath(QStringLiteral("overviews-product")),
                  rdir = m_dir.filePath(QStringLiteral("overviews-other"));
    QVERIFY(QDir().mkpath(pdir) && QDir().mkpath(rdir));
    writeScene(pdir, W, H, names, mix, hidden);
    writeScene(rdir, W, H, names, other, [](int, int) { return false; });
    const QString refPath = QDir(rdir).filePath(QStringLiteral("scene.tif"));
    GDALDataset* rd = static_cast<GDALDataset*>(GDALOpen(refPath.toUtf8().constData(), GA_Update));
    QVERIFY(rd);
    int levels[] = { 2, 4, 8 };
    QCOMPARE(rd->BuildOverviews("NEAREST", 3, levels, 0, nullptr, nullptr, nullptr), CE_None);
    GDALClose(rd);
    auto p = Product::open(QDir(pdir).filePath(QStringLiteral("scene.tif")),
        QDir(pdir).filePath(QStringLiteral("mask.tif")), MaskKind::Binary);
    auto ref = Product::open(refPath, QDir(rdir).filePath(QStringLiteral("mask.tif")), MaskKind::Binary);
    QVERIFY(
        p->decimation() == Product::Decimation::Sharp && ref->decimation() == Product::Decimation::Overviews);
    const recon::SceneFit fit = recon::globalFit(*p, *ref, names, MaskSpec {});
    QVERIFY(fit.cross.ok);
    // Through reconstruction: the hidden rows are the mix of the other date, to the ridge's shrink.
    recon::ReconOptions o;
    o.method = recon::Method::parse(QStringLiteral("temporal"));
    o.references = { refPath };
    o.temporalFit = recon::TemporalFit::CrossBand;
    const Result r = runToMemory(*p, o);
    const size_t plane = static_cast<size_t>(W) * H;
    double se = 0;
    size_t count = 0;
    for (int y = 700; y < 900; ++y)
        for (int x = 0; x < W; ++x) {
            const size_t i = static_cast<size_t>(y) * W + x;
            QVERIFY(r.rebuilt[i]);
            for (int b = 0; b < B; ++b) {
                const double d = r.data[b * plane + i] - mix(b, x, y);
                se += d * d;
                ++count;
            }
        }
    const double rmse = std::sqrt(se / count);
    qInfo("hidden RMSE %.5f", rmse);
    QVERIFY(rmse < 0.003);
}

void TestReconstruct::residualNetworkStartsAtTemporalFill()
{
    // An untrained network with the temporal pre-fill starts exactly at temporal fill: its
    // correction is zero until training moves it. It starts from the fit its checkpoint was trained
    // on: round 1's per-band lines for checkpoints that do not say, the cross-band fit when it says
    // so, whatever temporal fill's own default is.
    for (const recon::TemporalFit fit : { recon::TemporalFit::PerBand, recon::TemporalFit::CrossBand }) {
        ml::ModelConfig c;
        c.kind = ml::ModelKind::UNet;
        c.bands = 12;
        c.width = 8;
        c.depth = 2;
        c.reference = true;
        c.prefill = ml::Prefill::Temporal;
        c.temporalFit = fit;
        const auto net = ml::Network::create(c, 3);
        ml::CheckpointInfo info;
        info.model = c;
        info.bands = m_product->bandNames();
        for (int b = 0; b < 12; ++b) {
            info.mean.push_back(0.1f + 0.01f * b);
            info.std.push_back(0.05f);
        }
        const QString ckpt = m_dir.filePath(QStringLiteral("residual_temporal_%1.pth").arg(int(fit)));
        net->save(ckpt, info);
        if (fit == recon::TemporalFit::PerBand) { // a round-1 description: no temporal_fit key
            QFile f(ckpt + QStringLiteral(".json"));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QJsonObject j = QJsonDocument::fromJson(f.readAll()).object();
            f.close();
            QVERIFY(j.contains(QStringLiteral("temporal_fit")));
            j.remove(QStringLiteral("temporal_fit"));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(QJsonDocument(j).toJson());
        }
        QCOMPARE(ml::readCheckpointInfo(ckpt).model.temporalFit, fit);
        recon::ReconOptions o;
        o.references = { m_sample.reference->safePath };
        o.window = 128;
        o.overlap = 32;
        o.method = recon::Method::parse(ckpt);
        const Result model = runToMemory(*m_product, o);
        QCOMPARE(model.stats.temporalFit, recon::temporalFitName(fit));
        o.method = recon::Method::parse(QStringLiteral("temporal"));
        auto meanDiff = [&](recon::TemporalFit tf, qint64& far) {
            o.temporalFit = tf;
            const Result temporal = runToMemory(*m_product, o);
            double sum = 0;
            qint64 n = 0;
            far = 0;
            for (size_t i = 0; i < model.data.size(); ++i) {
                if (!model.rebuilt[i % model.rebuilt.size()] || !std::isfinite(temporal.data[i]))
                    continue;
                const double d = std::abs(model.data[i] - temporal.data[i]);
                sum += d;
                far += d > 1e-3;
                ++n;
            }
            return n > 10000 ? sum / n : 1.0;
        };
        qint64 far = 0, farOther = 0;
        const double same = meanDiff(fit, far);
        const double other = meanDiff(
            fit == recon::TemporalFit::PerBand ? recon::TemporalFit::CrossBand : recon::TemporalFit::PerBand,
            farOther);
        qInfo("untrained residual model (%s) vs temporal fill: mean |d| %.2e (%lld values above 1e-3); "
              "vs the other fit %.2e",
            qPrintable(recon::temporalFitName(fit)), same, far, other);
        QVERIFY(same < 1e-4);
        QVERIFY(far < qint64(model.rebuilt.size()) / 100);
        QVERIFY(other > 10 * same);
    }
}

void TestReconstruct::noBlocksInsideLargeClouds()
{
    // A 256 px scene with a 160 px cloud: the network's starting field must not depend on how the
    // product is cut into windows. An untrained network (zero correction) shows that field as is.
    const QString dir = m_dir.filePath(QStringLiteral("bigcloud"));
    QDir().mkpath(dir);
    const QStringList bands { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"),
        QStringLiteral("B08") };
    writeScene(
        dir, 256, 256, bands,
        [](int b, int x, int y) {
            return 0.08 + 0.02 * b + 0.05 * std::sin(x / 9.0) * std::cos(y / 13.0) + 0.0004 * x;
        },
        [](int x, int y) { return x >= 48 && x < 208 && y >= 48 && y < 208; });
    const auto p = Product::open(QDir(dir).filePath(QStringLiteral("scene.tif")),
        QDir(dir).filePath(QStringLiteral("mask.tif")), MaskKind::Binary);
    Result lastWhole;
    auto jumpsAndDrift = [&](ml::Prefill prefill, double& borderJump, double& drift) {
        ml::ModelConfig c;
        c.kind = ml::ModelKind::UNet;
        c.bands = 4;
        c.width = 8;
        c.depth = 2;
        c.prefill = prefill;
        ml::CheckpointInfo info;
        info.model = c;
        info.bands = bands;
        info.mean.assign(4, 0.1f);
        info.std.assign(4, 0.05f);
        const QString ckpt = QDir(dir).filePath(ml::prefillName(prefill) + QStringLiteral(".pth"));
        ml::Network::create(c, 1)->save(ckpt, info);
        recon::ReconOptions o;
        o.method = recon::Method::parse(ckpt);
        o.window = 64;
        o.overlap = 8;
        const Result tiled = runToMemory(*p, o);
        o.window = 256;
        const Result whole = runToMemory(*p, o);
        // Mean step between neighbouring columns at window borders inside the cloud, over the
        // mean step elsewhere inside it; and the mean drift from the one-window result.
        double atBorder = 0, elsewhere = 0, d = 0;
        int nb = 0, ne = 0, nd = 0;
        const std::vector<int> borders { 60, 116, 172 };
        for (int y = 56; y < 200; ++y)
            for (int x = 56; x < 200; ++x) {
                const size_t i = static_cast<size_t>(y) * 256 + x;
                const double step = std::abs(tiled.data[i + 1] - tiled.data[i]);
                const bool border = std::any_of(
                    borders.begin(), borders.end(), [&](int bx) { return std::abs(x - bx) <= 4; });
                (border ? atBorder : elsewhere) += step;
                ++(border ? nb : ne);
                d += std::abs(tiled.data[i] - whole.data[i]);
                ++nd;
            }
        borderJump = (atBorder / nb) / std::max(1e-9, elsewhere / ne);
        drift = d / nd;
        lastWhole = whole;
    };
    double jumpTelea, driftTelea, jumpScene, driftScene, jumpHarmonic, driftHarmonic;
    jumpsAndDrift(ml::Prefill::Telea, jumpTelea, driftTelea);
    jumpsAndDrift(ml::Prefill::Scene, jumpScene, driftScene);
    jumpsAndDrift(ml::Prefill::Harmonic, jumpHarmonic, driftHarmonic);
    qInfo("window-border step ratio: per-window Telea %.2f, scene pre-fill %.2f, harmonic %.2f; drift from "
          "one window %.2e vs %.2e vs %.2e",
        jumpTelea, jumpScene, jumpHarmonic, driftTelea, driftScene, driftHarmonic);
    QVERIFY(driftScene < 1e-5);
    QVERIFY(driftTelea > 100 * std::max(driftScene, 1e-7));
    QVERIFY(jumpScene < 1.5);
    QVERIFY(jumpTelea > jumpScene);
    // The harmonic pre-fill is solved per window at full resolution, held at the window's sides by
    // the scene's coarse solution: near the one-window solve, with no step at the borders.
    QVERIFY(driftHarmonic < 1e-3); // 2.9e-4 measured: the coarse prior held at the sides of 64 px windows
    QVERIFY(jumpHarmonic < 1.5);
    QVERIFY(driftTelea > 10 * driftHarmonic);
    // An untrained network on the harmonic pre-fill returns the harmonic method's fill, to the
    // pre-fill's tolerance (a network's stops at 1e-3, the method's at 1e-4: kPrefillTolerance).
    recon::ReconOptions h;
    h.method = recon::Method::parse(QStringLiteral("harmonic"));
    h.window = 256;
    const Result harmonic = runToMemory(*p, h);
    double most = 0;
    for (size_t i = 0; i < harmonic.data.size(); ++i) {
        QVERIFY(std::isfinite(harmonic.data[i]) && std::isfinite(lastWhole.data[i]));
        most = std::max(most, double(std::abs(harmonic.data[i] - lastWhole.data[i])));
    }
    // 2.5e-4 measured; 0 would mean the network's pre-fill is the method's, not its own.
    QVERIFY2(most < 5e-4 && most > 0, qPrintable(QStringLiteral("%1 from the harmonic fill").arg(most)));
}

void TestReconstruct::pretrainedModelsLoadAndReconstruct()
{
    const QString mono = ml::pretrainedCheckpoint(false), withRef = ml::pretrainedCheckpoint(true);
    QVERIFY2(!mono.isEmpty() && !withRef.isEmpty(),
        "resources/models/general.pth and general_ref.pth ship with the source");
    QVERIFY(ml::readCheckpointInfo(mono).model.perBand);
    QCOMPARE(ml::readCheckpointInfo(mono).model.prefill, ml::Prefill::Harmonic);
    QCOMPARE(ml::readCheckpointInfo(withRef).model.prefill, ml::Prefill::Temporal);
    recon::ReconOptions o;
    o.method = recon::Method::parse(QStringLiteral("pretrained"));
    const Result r = runToMemory(*m_product, o);
    const int W = m_product->width(), H = m_product->height(), B = m_product->bandNames().size();
    std::vector<float> in(static_cast<size_t>(B) * W * H);
    m_product->readWindow(m_product->bandNames(), { 0, 0, W, H }, in.data());
    const size_t plane = static_cast<size_t>(W) * H;
    qint64 rebuilt = 0;
    for (size_t i = 0; i < plane; ++i)
        for (int b = 0; b < B; ++b) {
            const float v = r.data[b * plane + i], x = in[b * plane + i];
            if (!r.rebuilt[i])
                QVERIFY(v == x || (std::isnan(v) && std::isnan(x)));
            else if (!std::isnan(v))
                ++rebuilt;
        }
    QVERIFY(rebuilt > 10000);
    o.references = { m_sample.reference->safePath };
    const Result r2 = runToMemory(*m_product, o);
    QCOMPARE(r2.stats.hiddenPixels, r.stats.hiddenPixels);
    // The share the other date showed is counted for the model too (its temporal start), as for
    // temporal fill: the CLI's warning about a reference that showed nothing rests on it.
    QCOMPARE(r.stats.fromOtherDates, -1.0);
    QVERIFY2(r2.stats.fromOtherDates > 0.9, qPrintable(QString::number(r2.stats.fromOtherDates)));
    QCOMPARE(recon::Method::parse(QStringLiteral("pretrained")).label(),
        QStringLiteral("General model (pretrained)"));
}

void TestReconstruct::oneDateModelMeetsTeleaAtTheEdge()
{
    // A one-date model on the scene pre-fill (Telea at reduced resolution: the shipped model until
    // session 28, and checkpoints trained with --prefill scene) is blended with Telea at the cloud's
    // edge: 1 px from clear ground the output is Telea's, beyond 12 px the network's alone, between
    // the two in between. Models on the harmonic or temporal pre-fill are not blended. An untrained
    // general network (zero correction) on the scene pre-fill stands in for such a model.
    ml::ModelConfig c;
    c.kind = ml::ModelKind::UNet;
    c.perBand = true;
    c.bands = m_product->bandNames().size();
    c.width = 8;
    c.depth = 2;
    c.prefill = ml::Prefill::Scene;
    ml::CheckpointInfo info;
    info.model = c;
    info.bands = m_product->bandNames();
    info.mean = { 0.2f };
    info.std = { 0.15f };
    const QString ckpt = m_dir.filePath(QStringLiteral("scene-prefill.pth"));
    ml::Network::create(c, 1)->save(ckpt, info);
    recon::ReconOptions o;
    o.method = recon::Method::parse(ckpt);
    const Result blended = runToMemory(*m_product, o);
    o.edgeBlend = false;
    const Result net = runToMemory(*m_product, o);
    recon::ReconOptions t;
    t.method = recon::Method::parse(QStringLiteral("telea"));
    const Result telea = runToMemory(*m_product, t);
    const int W = m_product->width(), H = m_product->height(), B = m_product->bandNames().size();
    const size_t plane = static_cast<size_t>(W) * H;
    // Distance to the nearest pixel clear in every band (what the blend measures from), by brute
    // force up to 13 px (farther: 99).
    std::vector<float> in(static_cast<size_t>(B) * plane);
    m_product->readWindow(m_product->bandNames(), { 0, 0, W, H }, in.data());
    std::vector<uint8_t> known(plane);
    for (size_t i = 0; i < plane; ++i) {
        known[i] = !blended.rebuilt[i];
        for (int b = 0; b < B; ++b)
            known[i] &= !std::isnan(in[b * plane + i]);
    }
    auto distance = [&](int x, int y) {
        int best = 99 * 99;
        for (int j = std::max(0, y - 13); j <= std::min(H - 1, y + 13); ++j)
            for (int i = std::max(0, x - 13); i <= std::min(W - 1, x + 13); ++i)
                if (known[static_cast<size_t>(j) * W + i])
                    best = std::min(best, (i - x) * (i - x) + (j - y) * (j - y));
        return std::sqrt(static_cast<float>(best));
    };
    qint64 edge = 0, edgeAsTelea = 0, deep = 0, between = 0, outside = 0;
    double blendOff = 0, netOff = 0; // at the edge, how far from Telea's values
    for (size_t i = 0; i < plane; ++i) {
        if (!blended.rebuilt[i])
            continue;
        const float d = distance(static_cast<int>(i % W), static_cast<int>(i / W));
        for (int b = 0; b < B; ++b) {
            const float v = blended.data[b * plane + i], n = net.data[b * plane + i],
                        te = telea.data[b * plane + i];
            if (d > 12) {
                QCOMPARE(v, n);
                ++deep;
            } else if (d == 1) {
                ++edge;
                // Telea's own windows are 512 px, ours 256: near window borders the two differ.
                edgeAsTelea += std::fabs(v - te) < 1e-4f;
                blendOff += std::fabs(v - te);
                netOff += std::fabs(n - te);
            } else if (d > 1) {
                ++between;
                outside += (v - n) * (v - te) > 1e-9f; // not between the network's and Telea's
            }
        }
    }
    QVERIFY(deep > 0 && between > 0);
    qInfo("edge: %lld of %lld values Telea's; mean distance to Telea's %.2e (the network alone: %.2e)",
        edgeAsTelea, edge, blendOff / edge, netOff / edge);
    QVERIFY(edge > 1000 && edgeAsTelea > 0.9 * edge);
    QVERIFY(blendOff < 0.25 * netOff);
    QVERIFY2(outside < 0.05 * between,
        qPrintable(QStringLiteral("%1 of %2 values outside the two").arg(outside).arg(between)));
    for (const bool withRef : { false, true }) { // the shipped models: harmonic and temporal pre-fills
        o.method = recon::Method::parse(QStringLiteral("pretrained"));
        o.references.clear();
        if (withRef)
            o.references = { m_sample.reference->safePath };
        o.edgeBlend = true;
        const Result blendOn = runToMemory(*m_product, o);
        o.edgeBlend = false;
        const Result blendOff = runToMemory(*m_product, o);
        QCOMPARE(blendOff.data.size(), blendOn.data.size());
        QVERIFY(std::memcmp(blendOff.data.data(), blendOn.data.data(), blendOff.data.size() * sizeof(float))
            == 0);
    }
}

void TestReconstruct::damagedWeightsFailEvenWithNothingToRebuild()
{
    // The weights load beside the product's reads; their failure must still end the run, also where
    // no window needs the network (an area with nothing hidden).
    const QString dir = m_dir.filePath(QStringLiteral("damaged"));
    QDir().mkpath(dir);
    writeScene(
        dir, 256, 256,
        { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"), QStringLiteral("B08") },
        [](int b, int x, int y) { return 0.05 + 0.01 * b + 0.0002 * (x + y); },
        [](int x, int y) { return x < 40 && y < 40; });
    const auto p = Product::open(QDir(dir).filePath(QStringLiteral("scene.tif")),
        QDir(dir).filePath(QStringLiteral("mask.tif")), MaskKind::Binary);
    const QString good = ml::pretrainedCheckpoint(false),
                  broken = QDir(dir).filePath(QStringLiteral("cut.pth"));
    QFile in(good), out(broken);
    QVERIFY(in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly));
    QVERIFY(out.write(in.read(in.size() / 2)) > 0);
    out.close();
    QVERIFY(QFile::copy(good + QStringLiteral(".json"), broken + QStringLiteral(".json")));
    recon::ReconOptions o;
    o.method = recon::Method::parse(broken);
    QCOMPARE(o.method.kind, recon::MethodKind::Model);
    for (const Window aoi : { Window {}, Window { 128, 128, 128, 128 } }) {
        o.aoi = aoi;
        try {
            runToMemory(*p, o);
            QFAIL(qPrintable(QStringLiteral("a cut checkpoint was used (AOI width %1)").arg(aoi.w)));
        } catch (const Error& e) {
            QVERIFY2(e.message().contains(broken), qPrintable(e.message()));
        }
    }
    // A 0-byte file (a save cut short) says so, not "save a plain dict in Python".
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.close();
    o.aoi = Window {};
    try {
        runToMemory(*p, o);
        QFAIL("an empty checkpoint was used");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(QStringLiteral("is empty (0 bytes)")), qPrintable(e.message()));
    }
    // The same area with the sound weights: nothing hidden, nothing to run, no error.
    o.aoi = Window { 128, 128, 128, 128 };
    o.method = recon::Method::parse(good);
    const Result r = runToMemory(*p, o);
    QCOMPARE(r.stats.hiddenPixels, qint64(0));
}

void TestReconstruct::unreadableProductFailsBesideThePrior()
{
    // The one-date model's scene prior is computed on another thread while the reader decodes the
    // first strip: a product whose lower half cannot be read (its file cut after opening) must end
    // the run with the read's error, not a crash or a hang; also where only the prior meets it (an
    // area in the readable top half, whose strips read fine).
    const QString dir = m_dir.filePath(QStringLiteral("cut-product"));
    QDir().mkpath(dir);
    writeScene(
        dir, 512, 512,
        { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"), QStringLiteral("B08") },
        [](int b, int x, int y) { return 0.05 + 0.01 * b + 0.0002 * (x + y); },
        [](int x, int y) { return (x - 200) * (x - 200) + (y - 120) * (y - 120) < 80 * 80; });
    const QString scene = QDir(dir).filePath(QStringLiteral("scene.tif"));
    const auto p = Product::open(scene, QDir(dir).filePath(QStringLiteral("mask.tif")), MaskKind::Binary);
    QFile f(scene);
    QVERIFY(f.resize(f.size() / 2));
    recon::ReconOptions o;
    o.method = recon::Method::parse(QStringLiteral("pretrained"));
    o.window = 128; // the area's strips: rows 0-223
    for (const Window aoi : { Window {}, Window { 0, 0, 512, 200 } }) {
        o.aoi = aoi;
        try {
            runToMemory(*p, o);
            QFAIL(qPrintable(
                QStringLiteral("a product cut in half was reconstructed (AOI height %1)").arg(aoi.h)));
        } catch (const Error& e) {
            QVERIFY2(e.message().contains(QStringLiteral("scene.tif")), qPrintable(e.message()));
        }
    }
    // The area's strips do read: Telea (no scene prior) in windows that stay in the top half
    // rebuilds it.
    o.method = recon::Method::parse(QStringLiteral("telea"));
    o.aoi = Window { 0, 0, 512, 200 };
    QVERIFY(runToMemory(*p, o).stats.hiddenPixels > 0);
}

void TestReconstruct::referenceModelKeepsItsStartWhereNoDateShows()
{
    // The other date hides its left half: there a with-reference model trained on clear other dates
    // only gives temporal fill's own value (its inpainting, same windows), and elsewhere its
    // correction; one trained with cloudy other dates (reference_clouds > 0) corrects both halves.
    const int W = m_product->width(), H = m_product->height();
    const QString refMask = m_dir.filePath(QStringLiteral("ref-left-hidden.tif"));
    {
        GDALDataset* m = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            refMask.toUtf8().constData(), W, H, 1, GDT_Byte, nullptr);
        QVERIFY(m);
        std::vector<uint8_t> v(static_cast<size_t>(W) * H, 0);
        for (int y = 0; y < H; ++y)
            std::fill_n(v.data() + static_cast<size_t>(y) * W, W / 2, uint8_t(1));
        QCOMPARE(
            m->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, W, H, v.data(), W, H, GDT_Byte, 0, 0), CE_None);
        GDALClose(m);
    }
    // The shipped weights, described both ways.
    const QString shipped = ml::pretrainedCheckpoint(true);
    QVERIFY(!shipped.isEmpty());
    auto described = [&](double clouds) {
        const QString path = m_dir.filePath(QStringLiteral("ref-clouds-%1.pth").arg(clouds));
        QFile::remove(path);
        [&] { QVERIFY(QFile::copy(shipped, path)); }();
        QFile in(shipped + QStringLiteral(".json"));
        [&] { QVERIFY(in.open(QIODevice::ReadOnly)); }();
        QJsonObject o = QJsonDocument::fromJson(in.readAll()).object();
        o[QStringLiteral("reference_clouds")] = clouds;
        QFile out(path + QStringLiteral(".json"));
        [&] { QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate)); }();
        out.write(QJsonDocument(o).toJson());
        return path;
    };
    recon::ReconOptions o;
    o.references = { m_sample.reference->safePath };
    o.referenceMasks = { refMask };
    o.referenceMaskKind = MaskKind::Binary;
    o.window = 256;
    o.overlap = 32;
    o.method = recon::Method::parse(QStringLiteral("temporal"));
    const Result temporal = runToMemory(*m_product, o);
    const int B = m_product->bandNames().size();
    const size_t plane = static_cast<size_t>(W) * H;
    for (double clouds : { 0.0, 0.5 }) {
        o.method = recon::Method::parse(described(clouds));
        const Result model = runToMemory(*m_product, o);
        qint64 unshown = 0, shown = 0, changed = 0, changedUnshown = 0;
        double worst = 0;
        for (int y = 0; y < H; ++y)
            for (int x = 0; x < W; ++x) {
                const size_t i = static_cast<size_t>(y) * W + x;
                if (!model.rebuilt[i])
                    continue;
                if (x < W / 2 - 32) { // no window reaching the shown half blends into these
                    ++unshown;
                    changedUnshown += model.data[i] != temporal.data[i];
                    for (int b = 0; b < B; ++b)
                        if (std::isfinite(temporal.data[b * plane + i]))
                            worst = std::max(worst,
                                double(std::abs(model.data[b * plane + i] - temporal.data[b * plane + i])));
                } else if (x >= W / 2) {
                    ++shown;
                    changed += model.data[i] != temporal.data[i];
                }
            }
        const QString what = QStringLiteral("reference_clouds %1: %2 / %3 px, worst %4, changed %5 / %6")
                                 .arg(clouds)
                                 .arg(unshown)
                                 .arg(shown)
                                 .arg(worst)
                                 .arg(changedUnshown)
                                 .arg(changed);
        QVERIFY2(unshown > 1000 && shown > 1000, qPrintable(what));
        QVERIFY2(changed > shown / 2, qPrintable(what));
        if (clouds == 0)
            QVERIFY2(worst < 1e-5, qPrintable(what));
        else
            QVERIFY2(changedUnshown > unshown / 2, qPrintable(what));
    }
}

void TestReconstruct::readAheadChangesNoPixel()
{
    // The next strip read on another thread while a network runs: every output value (visible,
    // rebuilt, NaN) and the rebuilt mask are bit for bit those of reading each strip in turn.
    ml::ModelConfig c;
    c.bands = 12;
    c.width = 8;
    c.depth = 2;
    ml::CheckpointInfo info;
    info.model = c;
    info.bands = m_product->bandNames();
    info.mean.assign(12, 0.1f);
    info.std.assign(12, 0.05f);
    const QString ckpt = m_dir.filePath(QStringLiteral("readahead_unet.pth"));
    ml::Network::create(c, 5)->save(ckpt, info);
    recon::ReconOptions o;
    o.method = recon::Method::parse(ckpt);
    o.window = 64; // many strips on the 384 px product
    const Result ahead = runToMemory(*m_product, o);
    o.readAhead = false;
    const Result inTurn = runToMemory(*m_product, o);
    QVERIFY(ahead.stats.windows > ahead.stats.skipped + 8);
    QVERIFY(ahead.stats.readAhead);
    QVERIFY(!inTurn.stats.readAhead);
    QCOMPARE(ahead.rebuilt, inTurn.rebuilt);
    QCOMPARE(ahead.data.size(), inTurn.data.size());
    QVERIFY(std::memcmp(ahead.data.data(), inTurn.data.data(), ahead.data.size() * sizeof(float)) == 0);
    QVERIFY(ahead.stats.hiddenPixels > 10000);
}

void TestReconstruct::fitCellsPerRegion()
{
    // The cells the cross-band fit reads at full resolution: one region below 18 cells, 2 x 2 on a
    // 5490 px product (6 x 6 cells), 3 x 3 on a tile (11 x 11); in each region its clearest cell,
    // none from a region with no clear pixel; edge cells cut to the product.
    auto counts = [](int n, const std::vector<std::pair<int, size_t>>& set) {
        std::vector<size_t> c(static_cast<size_t>(n) * n, 1);
        for (const auto& [k, v] : set)
            c[k] = v;
        return c;
    };
    auto origins = [](const std::vector<Window>& cells) {
        std::vector<std::pair<int, int>> o;
        for (const Window& w : cells)
            o.push_back({ w.x / recon::kFitCell, w.y / recon::kFitCell });
        return o;
    };
    // 1800 px: 2 x 2 cells, one region, the clearest cell (1, 1), cut to 776 px.
    std::vector<Window> cells = recon::chooseFitCells(1800, 1800, counts(2, { { 3, 50 } }));
    QCOMPARE(cells.size(), size_t(1));
    QCOMPARE(cells[0].x, 1024);
    QCOMPARE(cells[0].y, 1024);
    QCOMPARE(cells[0].w, 776);
    QCOMPARE(cells[0].h, 776);
    // 5490 px: regions of 3 x 3 cells; the top-right region has no clear pixel at all.
    std::vector<size_t> c = counts(6, { { 1 * 6 + 2, 90 }, { 4 * 6 + 0, 70 }, { 5 * 6 + 5, 80 } });
    for (int y = 0; y < 3; ++y)
        for (int x = 3; x < 6; ++x)
            c[y * 6 + x] = 0;
    cells = recon::chooseFitCells(5490, 5490, c);
    QCOMPARE(origins(cells), (std::vector<std::pair<int, int>> { { 2, 1 }, { 0, 4 }, { 5, 5 } }));
    QCOMPARE(cells[2].w, 5490 - 5 * 1024);
    // A tile: 11 x 11 cells in 3 x 3 regions of 3, 4 and 4 cells a side; ties keep the first cell.
    c = counts(11, { { 10 * 11 + 10, 9 }, { 0, 9 }, { 5 * 11 + 5, 9 } });
    cells = recon::chooseFitCells(10980, 10980, c);
    QCOMPARE(cells.size(), size_t(9));
    const auto o = origins(cells);
    QCOMPARE(o.front(), (std::pair<int, int>(0, 0)));
    QVERIFY(std::find(o.begin(), o.end(), std::pair<int, int>(5, 5)) != o.end());
    QCOMPARE(o.back(), (std::pair<int, int>(10, 10)));
    QCOMPARE(cells.back().w, 10980 - 10 * 1024);
}

void TestReconstruct::cropToHiddenKeepsTheResult_data()
{
    QTest::addColumn<bool>("withReference");
    QTest::addColumn<QString>("bands");
    QTest::newRow("one date") << false << QStringLiteral("auto");
    QTest::newRow("one date, 10 m bands at 10 m") << false << QStringLiteral("native");
    QTest::newRow("with another date") << true << QStringLiteral("auto");
}

void TestReconstruct::cropToHiddenKeepsTheResult()
{
    // The network run only over the box around each window's hidden pixels (32 px of context):
    // fewer pixels through it, visible pixels and the rebuilt mask unchanged, rebuilt values within
    // a few thousandths of reflectance of the whole-window pass (the context it loses is far away).
    // Seven bands (10, 20 and 60 m: the one-date model passes them at 1/2, 1/2 and 1/4 by default,
    // natively at 1, 1/2 and 1/4) and four small clouds, one at the product's edge; the one-date
    // model and the one with another date.
    QFETCH(bool, withReference);
    QFETCH(QString, bands);
    const int W = 512, H = 512;
    const QStringList names { QStringLiteral("B01"), QStringLiteral("B02"), QStringLiteral("B03"),
        QStringLiteral("B04"), QStringLiteral("B05"), QStringLiteral("B08"), QStringLiteral("B11") };
    auto value = [](int b, int x, int y) {
        return 0.08 + 0.04 * b + 0.03 * std::sin(x / 37.0 + b) * std::cos(y / 23.0)
            + 0.01 * ((x * 7 + y * 13) % 5);
    };
    auto later = [&](int b, int x, int y) { return 0.9 * value(b, x, y) + 0.02 + 0.01 * std::sin(y / 11.0); };
    auto hidden = [](int x, int y) {
        const int c[4][2] = { { 100, 100 }, { 380, 150 }, { 200, 400 }, { 4, 300 } };
        for (const auto& p : c)
            if ((x - p[0]) * (x - p[0]) + (y - p[1]) * (y - p[1]) < 18 * 18)
                return true;
        return false;
    };
    const QString dir = m_dir.filePath(QStringLiteral("crop-product")),
                  rdir = m_dir.filePath(QStringLiteral("crop-other"));
    QVERIFY(QDir().mkpath(dir) && QDir().mkpath(rdir));
    writeScene(dir, W, H, names, later, hidden);
    writeScene(rdir, W, H, names, value, [](int, int) { return false; });
    const auto product = Product::open(QDir(dir).filePath(QStringLiteral("scene.tif")),
        QDir(dir).filePath(QStringLiteral("mask.tif")), MaskKind::Binary);
    recon::ReconOptions o;
    o.method = recon::Method::parse(QStringLiteral("pretrained"));
    QVERIFY(recon::parseBandResolution(bands, o.bandResolution));
    if (withReference) {
        o.references = { QDir(rdir).filePath(QStringLiteral("scene.tif")) };
        o.referenceMasks = { QDir(rdir).filePath(QStringLiteral("mask.tif")) };
        o.referenceMaskKind = MaskKind::Binary;
    }
    const Result crop = runToMemory(*product, o);
    o.cropToHidden = false;
    const Result whole = runToMemory(*product, o);
    QCOMPARE(whole.stats.networkShare, 1.0);
    QVERIFY2(crop.stats.networkShare < 0.9, qPrintable(QString::number(crop.stats.networkShare)));
    QVERIFY(crop.stats.networkShare > 0.1);
    // Every rebuilt pixel came from a window's pass, none from the coarse scene estimate.
    QCOMPARE(crop.stats.fallbackPixels, 0);
    QCOMPARE(whole.stats.fallbackPixels, 0);
    QCOMPARE(crop.rebuilt, whole.rebuilt);
    QCOMPARE(crop.data.size(), whole.data.size());
    const size_t n = crop.rebuilt.size();
    double sum = 0, worst = 0;
    qint64 rebuilt = 0;
    for (size_t b = 0; b < crop.data.size() / n; ++b)
        for (size_t i = 0; i < n; ++i) {
            const float a = crop.data[b * n + i], w = whole.data[b * n + i];
            if (!crop.rebuilt[i]) {
                QVERIFY(a == w || (std::isnan(a) && std::isnan(w)));
                continue;
            }
            QVERIFY(std::isfinite(a));
            const double d = std::abs(double(a) - w);
            sum += d;
            worst = std::max(worst, d);
            ++rebuilt;
        }
    QVERIFY(rebuilt > 3 * 900 * qint64(names.size()));
    qInfo("crop: network over %.1f %% of the windows; rebuilt values differ by %.2g at most, %.2g on average",
        100 * crop.stats.networkShare, worst, sum / rebuilt);
    QVERIFY2(worst < 0.01 && sum / rebuilt < 5e-4,
        qPrintable(QStringLiteral("worst %1, mean %2").arg(worst).arg(sum / rebuilt)));
}

void TestReconstruct::nativeResolutionBands()
{
    ProductInfo pi;
    pi.georeferenced = true;
    pi.geoTransform[1] = 10;
    pi.geoTransform[5] = -10;
    const QStringList names { QStringLiteral("B01"), QStringLiteral("B02"), QStringLiteral("B5"),
        QStringLiteral("B8A"), QStringLiteral("B10"), QStringLiteral("B12"), QStringLiteral("NDVI") };
    QCOMPARE(recon::nativeScales(pi, names), (std::vector<int> { 4, 1, 2, 2, 4, 2, 1 }));
    // Coarse: Sentinel-2's 10 m bands as if 20 m; a band that is not Sentinel-2's stays.
    QCOMPARE(recon::nativeScales(pi, names, 20), (std::vector<int> { 4, 2, 2, 2, 4, 2, 1 }));
    pi.geoTransform[1] = 20;
    pi.geoTransform[5] = -20;
    QCOMPARE(recon::nativeScales(pi, names), (std::vector<int> { 2, 1, 1, 1, 2, 1, 1 }));
    QCOMPARE(recon::nativeScales(pi, names, 20), (std::vector<int> { 2, 1, 1, 1, 2, 1, 1 }));
    pi.geoTransform[1] = 60;
    pi.geoTransform[5] = -60;
    QCOMPARE(recon::nativeScales(pi, names), std::vector<int>(7, 1));
    QCOMPARE(recon::nativeScales(pi, names, 20), std::vector<int>(7, 1));
    // Degrees, as OSCD's nantes: 0.000112 deg square pixels at 47.2 N are 8.5 x 12.5 m.
    pi.geoTransform[1] = 0.000112081;
    pi.geoTransform[3] = 47.234;
    pi.geoTransform[5] = -0.000112155;
    pi.height = 522;
    QCOMPARE(recon::nativeScales(pi, names), (std::vector<int> { 4, 1, 2, 2, 4, 2, 1 }));
    QCOMPARE(recon::nativeScales(pi, names, 20), (std::vector<int> { 4, 2, 2, 2, 4, 2, 1 }));
    pi.geoTransform[1] = 1e-6; // 10 cm: no Sentinel-2 grid
    pi.geoTransform[5] = -1e-6;
    QCOMPARE(recon::nativeScales(pi, names), std::vector<int>(7, 1));
    QCOMPARE(recon::nativeScales(pi, names, 20), std::vector<int>(7, 1));
    pi.geoTransform[1] = 10;
    pi.geoTransform[5] = -10;
    pi.georeferenced = false; // the 10 m analysis grid
    QCOMPARE(recon::nativeScales(pi, names), (std::vector<int> { 4, 1, 2, 2, 4, 2, 1 }));

    // The shipped general model with every band at full resolution, then the 20 / 60 m bands near
    // their native resolution: the 10 m bands and every visible pixel are the same, the coarse
    // bands' hidden pixels are about as close to the truth. Then the 10 m bands at 20 m too (coarse):
    // the 20 / 60 m bands as natively, the 10 m bands' hidden pixels about as close to the truth.
    const std::vector<int> scales = recon::nativeScales(m_product->info(), m_product->bandNames());
    QCOMPARE(std::count(scales.begin(), scales.end(), 1), 4);
    recon::ReconOptions o;
    o.method = recon::Method::parse(QStringLiteral("pretrained"));
    o.bandResolution = recon::BandResolution::Full;
    const Result full = runToMemory(*m_product, o);
    o.bandResolution = recon::BandResolution::Native;
    const Result native = runToMemory(*m_product, o);
    QCOMPARE(native.rebuilt, full.rebuilt);
    o.bandResolution = recon::BandResolution::Coarse;
    const Result coarse = runToMemory(*m_product, o);
    QCOMPARE(coarse.rebuilt, full.rebuilt);
    // The default: coarse for the one-date model (scene start), full for models that start from
    // other dates, native for round 1's per-window Telea start; never coarser without a start.
    o.bandResolution = recon::BandResolution::Auto;
    const Result byDefault = runToMemory(*m_product, o);
    QVERIFY(std::memcmp(byDefault.data.data(), coarse.data.data(), coarse.data.size() * sizeof(float)) == 0);
    using recon::BandResolution;
    using recon::resolvedBandResolution;
    QCOMPARE(resolvedBandResolution(BandResolution::Auto, ml::Prefill::Scene), BandResolution::Coarse);
    QCOMPARE(resolvedBandResolution(BandResolution::Auto, ml::Prefill::Harmonic), BandResolution::Coarse);
    QCOMPARE(resolvedBandResolution(BandResolution::Auto, ml::Prefill::Temporal), BandResolution::Full);
    QCOMPARE(resolvedBandResolution(BandResolution::Auto, ml::Prefill::Telea), BandResolution::Native);
    QCOMPARE(resolvedBandResolution(BandResolution::Auto, ml::Prefill::Zeros), BandResolution::Full);
    QCOMPARE(resolvedBandResolution(BandResolution::Coarse, ml::Prefill::Zeros), BandResolution::Full);
    QCOMPARE(resolvedBandResolution(BandResolution::Coarse, ml::Prefill::Temporal), BandResolution::Coarse);
    QCOMPARE(resolvedBandResolution(BandResolution::Native, ml::Prefill::Temporal), BandResolution::Native);
    QCOMPARE(resolvedBandResolution(BandResolution::Full, ml::Prefill::Scene), BandResolution::Full);
    recon::BandResolution parsed;
    QVERIFY(recon::parseBandResolution(QStringLiteral(" Native"), parsed)
        && parsed == recon::BandResolution::Native);
    QVERIFY(recon::parseBandResolution(QStringLiteral("coarse"), parsed)
        && parsed == recon::BandResolution::Coarse);
    QVERIFY(!recon::parseBandResolution(QStringLiteral("half"), parsed));
    const auto truth = Product::open(m_sample.main.truthPath);
    const int W = m_product->width(), H = m_product->height(), B = m_product->bandNames().size();
    const size_t plane = static_cast<size_t>(W) * H;
    std::vector<float> t(plane * B);
    truth->readWindow(m_product->bandNames(), { 0, 0, W, H }, t.data());
    for (int b = 0; b < B; ++b) {
        double diff = 0, errFull = 0, errNative = 0, maxFine = 0, coarseDiff = 0, maxCoarseNative = 0,
               errCoarse = 0;
        qint64 n = 0;
        for (size_t i = 0; i < plane; ++i) {
            const size_t k = b * plane + i;
            if (!full.rebuilt[i]) {
                QVERIFY(std::memcmp(&full.data[k], &native.data[k], sizeof(float)) == 0);
                QVERIFY(std::memcmp(&full.data[k], &coarse.data[k], sizeof(float)) == 0);
                continue;
            }
            if (!std::isfinite(full.data[k]) || !std::isfinite(t[k]))
                continue;
            QVERIFY(std::isfinite(native.data[k]) && std::isfinite(coarse.data[k]));
            diff += std::abs(native.data[k] - full.data[k]);
            maxFine = std::max<double>(maxFine, std::abs(native.data[k] - full.data[k]));
            coarseDiff += std::abs(coarse.data[k] - full.data[k]);
            maxCoarseNative = std::max<double>(maxCoarseNative, std::abs(coarse.data[k] - native.data[k]));
            errFull += std::abs(full.data[k] - t[k]);
            errNative += std::abs(native.data[k] - t[k]);
            errCoarse += std::abs(coarse.data[k] - t[k]);
            ++n;
        }
        QVERIFY(n > 10000);
        qInfo("%s (x%d): mean |native - full| %.2e, |coarse - full| %.2e; MAE full %.4f, native %.4f, "
              "coarse %.4f",
            qPrintable(m_product->bandNames()[b]), scales[b], diff / n, coarseDiff / n, errFull / n,
            errNative / n, errCoarse / n);
        if (scales[b] == 1) {
            QVERIFY2(maxFine < 1e-4, "10 m bands go through the network as before");
            // 1e-5 as for the coarse bands: the model on the harmonic pre-fill (session 28) corrects
            // its start by little, so computing that at 20 m moves a 10 m band by 3.7e-5 on average.
            QVERIFY2(coarseDiff / n > 1e-5, "coarse: the 10 m band's correction is computed at 20 m");
            QVERIFY(errCoarse < errFull * 1.1);
        } else {
            QVERIFY2(diff / n > 1e-5, "the coarse band's correction is computed at its own resolution");
            QVERIFY(errNative < errFull * 1.1);
            QVERIFY2(maxCoarseNative < 1e-4, "coarse: 20 m and 60 m bands as natively");
        }
    }
}

void TestReconstruct::writtenRowsLeaveTheBlockCache()
{
    // Rows written to a result (a COG's striped intermediate) go to disk and out of GDAL's block
    // cache at once, measured after every write: a whole tile's output otherwise filled the cache
    // and pushed out the JP2 blocks the next strip reads.
    const Product& p = *m_product;
    const int W = p.width(), H = p.height(), B = p.bandNames().size();
    std::vector<float> rows(static_cast<size_t>(B) * W * 128);
    std::vector<uint8_t> rebuilt(static_cast<size_t>(W) * 128, 1);
    for (size_t i = 0; i < rows.size(); ++i)
        rows[i] = 0.01f * float(i % 50);
    const QString out = m_dir.filePath(QStringLiteral("cache_rows.tif"));
    ExportOptions e;
    RasterWriter writer(out, p.info(), { 0, 0, W, H }, p.bandNames(), e);
    QCOMPARE(writer.pendingBytes(), qint64(0));
    GDALFlushCache(nullptr);
    const GIntBig before = GDALGetCacheUsed64();
    GIntBig grown = 0;
    for (int y = 0; y < H; y += 128) {
        writer.writeRows(y, std::min(128, H - y), rows.data(), rebuilt.data());
        grown = std::max(grown, GDALGetCacheUsed64() - before);
    }
    qInfo(
        "block cache after writing %d x %d x %d uint16: %+lld bytes", W, H, B, static_cast<long long>(grown));
    QVERIFY(grown < static_cast<GIntBig>(W) * H * B * 2 / 10);
    writer.finish();
    const auto back = Product::open(out);
    std::vector<float> v(B);
    back->readWindow(p.bandNames(), { 5, 300, 1, 1 }, v.data());
    QVERIFY(std::abs(v[3] - 0.01f * float((3 * W * 128 + (300 % 128) * W + 5) % 50)) < 1e-4f);
}

void TestReconstruct::tiledGTiffRowsAcrossTileRows()
{
    // A tiled GTiff keeps a row of 512 px tiles until it is complete (its compressed tiles are
    // written once): rows handed over in pieces on both sides of row 512 come back exactly.
    const Product& p = *m_product;
    const QStringList bands { QStringLiteral("B02"), QStringLiteral("B03") };
    const int W = 40, H = 1100;
    auto value = [](int b, int x, int y) { return 0.01f * float(b + 1) + 1e-4f * float((x + 7 * y) % 97); };
    const QString out = m_dir.filePath(QStringLiteral("tiled_rows.tif"));
    ExportOptions e;
    e.format = ExportOptions::Format::GTiff;
    RasterWriter writer(out, p.info(), { 0, 0, W, H }, bands, e);
    QCOMPARE(writer.pendingBytes(), qint64(512) * 512 * (2 * 2 + 1)); // one tile across, 2 bands + mask
    for (int y = 0; y < H;) {
        const int rows = std::min({ 64 - y % 64, y % 3 == 0 ? 64 : 30, H - y });
        std::vector<float> d(static_cast<size_t>(2) * W * rows);
        std::vector<uint8_t> m(static_cast<size_t>(W) * rows, 1);
        for (int b = 0; b < 2; ++b)
            for (int j = 0; j < rows; ++j)
                for (int x = 0; x < W; ++x)
                    d[(static_cast<size_t>(b) * rows + j) * W + x] = value(b, x, y + j);
        writer.writeRows(y, rows, d.data(), m.data());
        y += rows;
    }
    writer.finish();
    const auto back = Product::open(out);
    for (int y : { 0, 300, 511, 512, 513, 1023, 1024, 1099 }) {
        std::vector<float> v(static_cast<size_t>(2) * W);
        back->readWindow(bands, { 0, y, W, 1 }, v.data());
        for (int b = 0; b < 2; ++b)
            for (int x = 0; x < W; ++x)
                QVERIFY2(std::abs(v[static_cast<size_t>(b) * W + x] - value(b, x, y)) < 1e-4f,
                    qPrintable(QStringLiteral("band %1 at %2, %3").arg(b).arg(x).arg(y)));
    }
}

void TestReconstruct::cogOverviewsFromTheRows_data()
{
    QTest::addColumn<bool>("float32");
    QTest::addColumn<bool>("inOrder");
    QTest::newRow("uint16, rows in order") << false << true;
    QTest::newRow("float32, rows in order") << true << true;
    QTest::newRow("uint16, rows out of order (GDAL makes them)") << false << false;
}

void TestReconstruct::cogOverviewsFromTheRows()
{
    // A COG's overviews are averaged from the rows as they are written (nodata left out, each level
    // from the one above as stored); the COG copy takes them as they are. Odd sides, pieces of
    // several sizes and a block with nothing valid: every level equals an average made here from
    // what the file stores. Rows out of order leave it to GDAL, whose level 1 agrees within 1 DN.
    QFETCH(bool, float32);
    QFETCH(bool, inOrder);
    const Product& p = *m_product;
    const QStringList bands { QStringLiteral("B02"), QStringLiteral("B8A") };
    const int W = inOrder ? 1301 : 1300, H = inOrder ? 1151 : 1100;
    auto value = [](int b, int x, int y) {
        if ((x < 37 && y < 41) || (x * 3 + y * 5) % 17 == 0)
            return std::nanf("");
        return 0.02f + 0.05f * float(b) + 1e-4f * float((x * 13 + y * 7) % 997) + 0.03f * std::sin(0.01f * x);
    };
    const QString out = m_dir.filePath(QStringLiteral("ovr_rows_%1_%2.tif").arg(float32).arg(inOrder));
    ExportOptions e;
    e.float32 = float32;
    {
        RasterWriter writer(out, p.info(), { 0, 0, W, H }, bands, e);
        std::vector<std::pair<int, int>> pieces;
        for (int y = 0; y < H;) {
            const int rows = std::min({ 64 - y % 64, y % 3 == 0 ? 64 : 27, H - y });
            pieces.emplace_back(y, rows);
            y += rows;
        }
        if (!inOrder)
            std::reverse(pieces.begin(), pieces.end());
        for (const auto& [y, rows] : pieces) {
            std::vector<float> d(static_cast<size_t>(2) * W * rows);
            std::vector<uint8_t> m(static_cast<size_t>(W) * rows, 0);
            for (int b = 0; b < 2; ++b)
                for (int j = 0; j < rows; ++j)
                    for (int x = 0; x < W; ++x)
                        d[(static_cast<size_t>(b) * rows + j) * W + x] = value(b, x, y + j);
            writer.writeRows(y, rows, d.data(), m.data());
        }
        writer.finish();
    }
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(out.toUtf8().constData(), GA_ReadOnly));
    QVERIFY(ds);
    QCOMPARE(QString::fromLatin1(ds->GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE")), QStringLiteral("COG"));
    for (int b = 1; b <= 2; ++b) {
        GDALRasterBand* band = ds->GetRasterBand(b);
        const int levels = band->GetOverviewCount();
        QCOMPARE(levels, 2); // 1301 -> 651 -> 326 (blocks of 512)
        int w = W, h = H;
        std::vector<double> above(static_cast<size_t>(w) * h);
        QCOMPARE(band->RasterIO(GF_Read, 0, 0, w, h, above.data(), w, h, GDT_Float64, 0, 0), CE_None);
        const double nodata = float32 ? std::nan("") : 0.0;
        auto isNodata = [&](double v) { return float32 ? std::isnan(v) : v == 0.0; };
        for (int l = 0; l < levels; ++l) {
            GDALRasterBand* ov = band->GetOverview(l);
            const int ow = (w + 1) / 2, oh = (h + 1) / 2;
            QCOMPARE(ov->GetXSize(), ow);
            QCOMPARE(ov->GetYSize(), oh);
            std::vector<double> got(static_cast<size_t>(ow) * oh), want(got.size());
            QCOMPARE(ov->RasterIO(GF_Read, 0, 0, ow, oh, got.data(), ow, oh, GDT_Float64, 0, 0), CE_None);
            int emptyCells = 0;
            for (int j = 0; j < oh; ++j)
                for (int i = 0; i < ow; ++i) {
                    double sum = 0;
                    int n = 0;
                    for (int y = 2 * j; y < std::min(h, 2 * j + 2); ++y)
                        for (int x = 2 * i; x < std::min(w, 2 * i + 2); ++x)
                            if (const double v = above[static_cast<size_t>(y) * w + x]; !isNodata(v))
                                sum += v, ++n;
                    want[static_cast<size_t>(j) * ow + i] = n == 0 ? nodata
                        : float32                                  ? sum / n
                                                                   : std::round(sum / n);
                    emptyCells += n == 0;
                }
            QVERIFY(emptyCells > 0);
            const double tolerance = float32 ? 1e-6 : inOrder ? 0.0 : 1.0;
            const bool compare = inOrder || l == 0; // GDAL's deeper levels average differently
            for (size_t k = 0; compare && k < got.size(); ++k)
                QVERIFY2(isNodata(got[k]) == isNodata(want[k])
                        && (isNodata(got[k]) || std::abs(got[k] - want[k]) <= tolerance),
                    qPrintable(QStringLiteral("band %1 level %2 at %3: %4, want %5")
                                   .arg(b)
                                   .arg(l)
                                   .arg(k)
                                   .arg(got[k])
                                   .arg(want[k])));
            above = got;
            w = ow, h = oh;
        }
    }
    GDALClose(ds);
}

void TestReconstruct::wideStripsReadInChunks()
{
    // Strips wider than 1024 px are read in column chunks on the 1024 px grid while their first
    // windows run. An area starting off that grid puts every chunk at an odd place in the strip:
    // visible pixels must still come out bit for bit, and temporal fill (main = 1.5 ref + 0.02 on a
    // varied field) must land on the reference's values, which it reads in the same chunks.
    const int W = 2300, H = 72;
    const QStringList bands { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04") };
    auto ref = [](int b, int x, int y) {
        return 0.1 + 0.03 * b + 0.05 * std::sin(x * 0.013 + b) * std::cos(y * 0.07) + 1e-5 * x;
    };
    auto hides = [](int x, int y) {
        return (x % 700 > 560 && y > 10 && y < 60) || (x > 1010 && x < 1040) || (x > 2040 && x < 2060);
    };
    const QString mainDir = m_dir.filePath(QStringLiteral("wide")),
                  refDir = m_dir.filePath(QStringLiteral("wide-ref"));
    QDir().mkpath(mainDir);
    QDir().mkpath(refDir);
    writeScene(
        mainDir, W, H, bands, [&](int b, int x, int y) { return 1.5 * ref(b, x, y) + 0.02; }, hides);
    writeScene(refDir, W, H, bands, ref, [](int, int) { return false; });
    auto p = Product::open(QDir(mainDir).filePath(QStringLiteral("scene.tif")),
        QDir(mainDir).filePath(QStringLiteral("mask.tif")), MaskKind::Binary);
    recon::ReconOptions o;
    o.method = recon::Method::parse(QStringLiteral("temporal"));
    o.references = { QDir(refDir).filePath(QStringLiteral("scene.tif")) };
    // Per-band lines recover the exact relation; the cross-band fit's ridge shrinks it by about 1 %.
    o.temporalFit = recon::TemporalFit::PerBand;
    o.aoi = { 300, 0, W - 300, H };
    o.window = 64;
    o.overlap = 16;
    const Result r = runToMemory(*p, o);
    const int aw = W - 300;
    const size_t plane = static_cast<size_t>(aw) * H;
    std::vector<float> in(plane * bands.size());
    p->readWindow(bands, o.aoi, in.data());
    qint64 changedVisible = 0, offHidden = 0, nHidden = 0;
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < aw; ++x) {
            const size_t i = static_cast<size_t>(y) * aw + x;
            QCOMPARE(int(r.rebuilt[i]), hides(x + 300, y) ? 1 : 0);
            nHidden += r.rebuilt[i];
            for (int b = 0; b < bands.size(); ++b) {
                const float z = r.data[b * plane + i];
                if (!r.rebuilt[i])
                    changedVisible += std::memcmp(&z, &in[b * plane + i], sizeof(float)) != 0;
                else
                    offHidden += std::abs(z - (1.5 * ref(b, x + 300, y) + 0.02)) > 1e-4;
            }
        }
    QVERIFY(nHidden > 5000);
    QCOMPARE(changedVisible, 0);
    QCOMPARE(offHidden, 0);
}

QTEST_GUILESS_MAIN(TestReconstruct)
#include "tst_reconstruct.moc"
