#include "core/sample/samplegenerator.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cpl_conv.h>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <ogr_spatialref.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "core/common/atomicfile.h"
#include "core/common/runtime.h"
#include "core/io/gdal_p.h"
#include "core/io/resample.h"
#include "core/io/zipwriter_p.h"
#include "core/sample/landscape_p.h"
#include "core/sample/noise_p.h"
#include "core/sample/parcels_p.h"
#include "core/sample/safexml_p.h"

namespace unclouded {

using namespace sample;

namespace {

constexpr int kStripRows = 48; // 10 m rows per strip: a multiple of 6 so 20/60 m rows align
constexpr int kOffset = 1000; // BOA_ADD_OFFSET / RADIO_ADD_OFFSET = -1000 since baseline 04.00
constexpr double kQuant = 10000.0; // quantification value

enum class Kind { Spectral, ClearSpectral, Scl, Aot, Wvp, Tci, CloudProb, SnowProb, Classi };

struct Raster
{
    QString relPath; // inside the SAFE (final JP2) or a temp-only name
    int factor = 1; // 1, 2, 6: 10, 20, 60 m
    Kind kind = Kind::Spectral;
    int band = -1; // S2 band index for spectral kinds
    int bands = 1;
    GDALDataType type = GDT_UInt16;
    bool jp2 = true; // false: temp only (clear bands for the truth)
    QString tempPath;
    io::DatasetPtr ds;
};

struct Dates
{
    QString sensing; // 20230412T101029
    QString iso; // 2023-04-12T10:10:29.024Z
    QString generation; // 20230412T131429
    QString absOrbit; // A031845
    double zenith, azimuth;
};

Dates datesFor(int dateIndex)
{
    if (dateIndex == 0)
        return { QStringLiteral("20230412T101029"), QStringLiteral("2023-04-12T10:10:29.024Z"),
            QStringLiteral("20230412T131429"), QStringLiteral("A031845"), 45.1, 160.3 };
    return { QStringLiteral("20230527T101031"), QStringLiteral("2023-05-27T10:10:31.024Z"),
        QStringLiteral("20230527T124505"), QStringLiteral("A032488"), 33.2, 154.8 };
}

constexpr double kUlx = 300000.0, kUly = 5900040.0; // tile T33UUU (UTM 33N), Havelland west of Berlin

inline uint16_t toDn(float refl)
{
    const long v = std::lround(static_cast<double>(refl) * kQuant) + kOffset;
    return static_cast<uint16_t>(std::clamp<long>(v, 1, 32767));
}

// Box mean of a (w x rows) float field over factor x factor blocks.
void boxMean(const float* src, int w, int rows, int f, std::vector<float>& dst)
{
    const int wo = w / f, ro = rows / f;
    dst.assign(static_cast<size_t>(wo) * ro, 0.f);
    const float inv = 1.f / (f * f);
    for (int j = 0; j < ro; ++j)
        for (int i = 0; i < wo; ++i) {
            float s = 0;
            for (int dj = 0; dj < f; ++dj) {
                const float* row = src + static_cast<size_t>(j * f + dj) * w + i * f;
                for (int di = 0; di < f; ++di)
                    s += row[di];
            }
            dst[static_cast<size_t>(j) * wo + i] = s * inv;
        }
}

void boxAny(const uint8_t* src, int w, int rows, int f, std::vector<uint8_t>& dst)
{
    const int wo = w / f, ro = rows / f;
    dst.assign(static_cast<size_t>(wo) * ro, 0);
    for (int j = 0; j < ro; ++j)
        for (int i = 0; i < wo; ++i) {
            uint8_t any = 0;
            for (int dj = 0; dj < f && !any; ++dj)
                for (int di = 0; di < f; ++di)
                    any |= src[static_cast<size_t>(j * f + dj) * w + i * f + di];
            dst[static_cast<size_t>(j) * wo + i] = any;
        }
}

// Sen2Cor-like classification from what was drawn, at 20 m.
uint8_t classify(bool nodata, float alpha, float cirrus, float shadow, float snow, float water, float red,
    float nir, uint64_t h)
{
    if (nodata)
        return SclNoData;
    if (alpha >= 0.55f)
        return SclCloudHigh;
    if (alpha >= 0.1f)
        return SclCloudMedium;
    if (cirrus >= 0.006f)
        return SclCirrus;
    if (shadow >= 0.08f)
        return SclCloudShadow;
    if (snow >= 0.5f)
        return SclSnow;
    if (water >= 0.5f)
        return SclWater;
    if (shadow >= 0.05f)
        return SclDark;
    const float ndvi = (nir - red) / std::max(1e-6f, nir + red);
    if (ndvi >= 0.30f && ndvi < 0.36f && unit(h) < 0.4)
        return SclUnclassified;
    return ndvi >= 0.33f ? SclVegetation : SclNotVegetated;
}

class ProductWriter
{
public:
    ProductWriter(const SampleOptions& o, int dateIndex, const QString& tmpRoot)
        : m_o(o)
        , m_date(dateIndex)
        , m_d(datesFor(dateIndex))
        , m_tmpRoot(tmpRoot)
    {
        m_l2a = o.level == ProcessingLevel::L2A;
        const QString lvl = m_l2a ? QStringLiteral("L2A") : QStringLiteral("L1C");
        m_product.productName
            = QStringLiteral("S2B_MSI%1_%2_N0509_R022_T33UUU_%3").arg(lvl, m_d.sensing, m_d.generation);
        m_granule = QStringLiteral("%1_T33UUU_%2_%3")
                        .arg(lvl, m_d.absOrbit, m_d.sensing.left(9) + QStringLiteral("100726"));
        m_prefix = QStringLiteral("T33UUU_") + m_d.sensing;
        m_product.sensingTime = m_d.iso;
        m_product.ulx = kUlx;
        m_product.uly = kUly;
        m_product.size = o.size;
        m_product.sunZenith = m_d.zenith;
        m_product.sunAzimuth = m_d.azimuth;
        planRasters();
    }

    // Writes the product and its files under the temporary root; publish() moves them into place.
    SampleProduct run(const Progress& progress);
    // Renames what run() wrote to the final names: only once every date of the sample is written, so a
    // failure (a full disk) never leaves one date published without the other and the report.
    void publish();

private:
    std::vector<std::pair<QString, QString>> m_moves; // written -> final, files after the SAFE folder
    QString m_partialSafe, m_finalSafe;

    void planRasters();
    void addRaster(const QString& rel, int factor, Kind kind, int band = -1, int bands = 1,
        GDALDataType type = GDT_UInt16, bool jp2 = true)
    {
        Raster r;
        r.relPath = rel;
        r.factor = factor;
        r.kind = kind;
        r.band = band;
        r.bands = bands;
        r.type = type;
        r.jp2 = jp2;
        r.tempPath = QStringLiteral("%1/r%2.tif").arg(m_tmpRoot).arg(m_rasters.size());
        m_rasters.push_back(std::move(r));
    }
    void createTemps();
    void writeStrip(const Landscape& scene, int y0, int rows, Strip& strip);
    void encodeJp2(const QString& safeDir, const Progress& progress);
    void writeTruth(const QString& path, const Progress& progress);
    void writeSclSidecar(const QString& path);

    const SampleOptions& m_o;
    int m_date;
    Dates m_d;
    QString m_tmpRoot;
    bool m_l2a = true;
    QString m_granule, m_prefix;
    std::vector<Raster> m_rasters;
    std::array<qint64, 12> m_sclCount {};
    SampleProduct m_product;
};

void ProductWriter::planRasters()
{
    const QString img = QStringLiteral("GRANULE/%1/IMG_DATA/").arg(m_granule);
    const QString qi = QStringLiteral("GRANULE/%1/QI_DATA/").arg(m_granule);
    if (m_l2a) {
        struct ResPlan
        {
            int res;
            const char* bands[11];
        };
        const ResPlan plans[] = {
            { 10, { "B02", "B03", "B04", "B08" } },
            { 20, { "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B8A", "B11", "B12" } },
            { 60, { "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B8A", "B09", "B11", "B12" } },
        };
        for (const auto& plan : plans) {
            const int f = plan.res / 10;
            const QString dir = img + QStringLiteral("R%1m/").arg(plan.res);
            auto name = [&](const QString& what) {
                return dir + QStringLiteral("%1_%2_%3m.jp2").arg(m_prefix, what).arg(plan.res);
            };
            for (const char* b : plan.bands) {
                if (!b)
                    break;
                const auto it = std::find_if(kS2Bands.begin(), kS2Bands.end(),
                    [b](const S2Band& s) { return qstrcmp(s.name, b) == 0; });
                addRaster(
                    name(QString::fromLatin1(b)), f, Kind::Spectral, static_cast<int>(it - kS2Bands.begin()));
            }
            addRaster(name(QStringLiteral("AOT")), f, Kind::Aot);
            addRaster(name(QStringLiteral("WVP")), f, Kind::Wvp);
            if (plan.res != 10)
                addRaster(name(QStringLiteral("SCL")), f, Kind::Scl, -1, 1, GDT_Byte);
            addRaster(name(QStringLiteral("TCI")), f, Kind::Tci, -1, 3, GDT_Byte);
            if (plan.res != 10) {
                addRaster(qi + QStringLiteral("MSK_CLDPRB_%1m.jp2").arg(plan.res), f, Kind::CloudProb, -1, 1,
                    GDT_Byte);
                addRaster(qi + QStringLiteral("MSK_SNWPRB_%1m.jp2").arg(plan.res), f, Kind::SnowProb, -1, 1,
                    GDT_Byte);
            }
        }
    } else {
        for (int b = 0; b < kS2BandCount; ++b)
            addRaster(img + QStringLiteral("%1_%2.jp2").arg(m_prefix, QString::fromLatin1(kS2Bands[b].name)),
                kS2Bands[b].resolution / 10, Kind::Spectral, b);
        addRaster(img + QStringLiteral("%1_TCI.jp2").arg(m_prefix), 1, Kind::Tci, -1, 3, GDT_Byte);
        addRaster(QStringLiteral("scl-sidecar"), 2, Kind::Scl, -1, 1, GDT_Byte, false);
        // L1C's own cloud mask since baseline 04.00: opaque clouds, cirrus, snow at 60 m.
        addRaster(qi + QStringLiteral("MSK_CLASSI_B00.jp2"), 6, Kind::Classi, -1, 3, GDT_Byte);
    }
    // Clear-sky bands at native resolution, for the truth.
    for (int b = 0; b < kS2BandCount; ++b) {
        if (m_l2a && b == 10)
            continue; // no B10 in L2A
        addRaster(QStringLiteral("clear-%1").arg(QString::fromLatin1(kS2Bands[b].name)),
            kS2Bands[b].resolution / 10, Kind::ClearSpectral, b, 1, GDT_UInt16, false);
    }
}

void ProductWriter::createTemps()
{
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    OGRSpatialReference srs;
    srs.importFromEPSG(m_product.epsg);
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    for (Raster& r : m_rasters) {
        const int n = m_o.size / r.factor;
        const char* opts[] = { "INTERLEAVE=BAND", nullptr };
        io::QuietGdalErrors quiet;
        r.ds.reset(
            gtiff->Create(r.tempPath.toUtf8().constData(), n, n, r.bands, r.type, const_cast<char**>(opts)));
        if (!r.ds)
            throw Error(io::createError(r.tempPath));
        double gt[6] = { kUlx, 10.0 * r.factor, 0, kUly, 0, -10.0 * r.factor };
        r.ds->SetGeoTransform(gt);
        r.ds->SetProjection(wkt);
    }
    CPLFree(wkt);
}

void ProductWriter::writeStrip(const Landscape& scene, int y0, int rows, Strip& s)
{
    scene.compute(y0, rows, s);
    const int W = m_o.size;
    const uint64_t sd = mix64(m_o.seed ^ 0x5C1);
    const double S = m_o.size;

    // Aggregates per factor, computed once per strip and shared by every raster that needs them.
    struct Agg
    {
        std::vector<float> cloudy[kS2BandCount], clear[kS2BandCount], alpha, cirrus, shadow, snow, water;
        std::vector<uint8_t> nodata, scl;
        bool ready = false;
    };
    Agg agg[7];
    auto aggregate = [&](int f) -> Agg& {
        Agg& a = agg[f];
        if (a.ready)
            return a;
        a.ready = true;
        if (f == 1) {
            for (int b = 0; b < kS2BandCount; ++b) {
                a.cloudy[b] = s.cloudy[b];
                a.clear[b] = s.clear[b];
            }
            a.alpha = s.alpha, a.cirrus = s.cirrus, a.shadow = s.shadow, a.snow = s.snow, a.water = s.water;
            a.nodata = s.nodata;
        } else {
            for (int b = 0; b < kS2BandCount; ++b) {
                boxMean(s.cloudy[b].data(), W, rows, f, a.cloudy[b]);
                boxMean(s.clear[b].data(), W, rows, f, a.clear[b]);
            }
            boxMean(s.alpha.data(), W, rows, f, a.alpha);
            boxMean(s.cirrus.data(), W, rows, f, a.cirrus);
            boxMean(s.shadow.data(), W, rows, f, a.shadow);
            boxMean(s.snow.data(), W, rows, f, a.snow);
            boxMean(s.water.data(), W, rows, f, a.water);
            boxAny(s.nodata.data(), W, rows, f, a.nodata);
        }
        return a;
    };
    auto scl20 = [&]() -> const std::vector<uint8_t>& {
        Agg& a = aggregate(2);
        if (a.scl.empty()) {
            const int w = W / 2, r = rows / 2;
            a.scl.resize(static_cast<size_t>(w) * r);
            for (int j = 0; j < r; ++j)
                for (int i = 0; i < w; ++i) {
                    const size_t k = static_cast<size_t>(j) * w + i;
                    a.scl[k] = classify(a.nodata[k], a.alpha[k], a.cirrus[k], a.shadow[k], a.snow[k],
                        a.water[k], a.clear[3][k], a.clear[7][k], hash3(i, y0 / 2 + j, sd));
                }
            for (uint8_t c : a.scl)
                ++m_sclCount[c];
        }
        return a.scl;
    };

    for (Raster& r : m_rasters) {
        const int f = r.factor, w = W / f, rr = rows / f, yy = y0 / f;
        const size_t n = static_cast<size_t>(w) * rr;
        Agg& a = aggregate(f);
        GDALDataset* ds = r.ds.get();
        auto writeBand = [&](int band, GDALDataType t, void* data) {
            io::checkCpl(
                ds->GetRasterBand(band)->RasterIO(GF_Write, 0, yy, w, rr, data, w, rr, t, 0, 0), r.tempPath);
        };
        switch (r.kind) {
        case Kind::Spectral:
        case Kind::ClearSpectral: {
            const std::vector<float>& src = r.kind == Kind::Spectral ? a.cloudy[r.band] : a.clear[r.band];
            std::vector<uint16_t> dn(n);
            for (size_t k = 0; k < n; ++k)
                dn[k] = a.nodata[k] ? 0 : toDn(src[k]);
            writeBand(1, GDT_UInt16, dn.data());
            break;
        }
        case Kind::Aot:
        case Kind::Wvp: {
            std::vector<uint16_t> v(n);
            const bool aot = r.kind == Kind::Aot;
            for (int j = 0; j < rr; ++j)
                for (int i = 0; i < w; ++i) {
                    const size_t k = static_cast<size_t>(j) * w + i;
                    const double x = (i + 0.5) * f, y = (yy + j + 0.5) * f;
                    const double p = perlin(x / (S * 0.7 + 500), y / (S * 0.7 + 500), sd ^ (aot ? 1 : 2));
                    v[k] = a.nodata[k] ? 0
                                       : static_cast<uint16_t>(std::lround(
                                           aot ? 1000 * (0.09 + 0.04 * p) : 1000 * (1.6 + 0.5 * p)));
                }
            writeBand(1, GDT_UInt16, v.data());
            break;
        }
        case Kind::Tci: {
            // True-colour image: reflectance 0..0.25 onto 1..255, 0 = nodata.
            const int rgb[3] = { 3, 2, 1 };
            std::vector<uint8_t> v(n);
            for (int c = 0; c < 3; ++c) {
                const std::vector<float>& src = a.cloudy[rgb[c]];
                for (size_t k = 0; k < n; ++k)
                    v[k] = a.nodata[k]
                        ? 0
                        : static_cast<uint8_t>(std::clamp(1.0 + src[k] / 0.25 * 254.0, 1.0, 255.0));
                writeBand(c + 1, GDT_Byte, v.data());
            }
            break;
        }
        case Kind::Scl: {
            const std::vector<uint8_t>& s20 = scl20();
            if (f == 2) {
                std::vector<uint8_t> copy = s20;
                writeBand(1, GDT_Byte, copy.data());
            } else { // 60 m: the 20 m class at the centre of each 3 x 3 block
                std::vector<uint8_t> v(n);
                const int w20 = W / 2;
                for (int j = 0; j < rr; ++j)
                    for (int i = 0; i < w; ++i)
                        v[static_cast<size_t>(j) * w + i]
                            = s20[static_cast<size_t>(j * 3 + 1) * w20 + i * 3 + 1];
                writeBand(1, GDT_Byte, v.data());
            }
            break;
        }
        case Kind::Classi: { // flags 0 / 1 from the 20 m class at the centre of each 3 x 3 block
            const std::vector<uint8_t>& s20 = scl20();
            const int w20 = W / 2;
            std::vector<uint8_t> v(n);
            for (int band = 0; band < 3; ++band) {
                for (int j = 0; j < rr; ++j)
                    for (int i = 0; i < w; ++i) {
                        const uint8_t c = s20[static_cast<size_t>(j * 3 + 1) * w20 + i * 3 + 1];
                        v[static_cast<size_t>(j) * w + i] = band == 0
                            ? (c == SclCloudMedium || c == SclCloudHigh)
                            : c == (band == 1 ? SclCirrus : SclSnow);
                    }
                writeBand(band + 1, GDT_Byte, v.data());
            }
            break;
        }
        case Kind::CloudProb:
        case Kind::SnowProb: {
            std::vector<uint8_t> v(n);
            for (size_t k = 0; k < n; ++k) {
                const double p = r.kind == Kind::CloudProb
                    ? std::min(1.0, a.alpha[k] * 1.1 + a.cirrus[k] * 4.0)
                    : a.snow[k];
                v[k] = a.nodata[k] ? 0 : static_cast<uint8_t>(std::lround(100 * p));
            }
            writeBand(1, GDT_Byte, v.data());
            break;
        }
        }
    }
}

void ProductWriter::encodeJp2(const QString& safeDir, const Progress& progress)
{
    std::vector<Raster*> todo;
    for (Raster& r : m_rasters) {
        // Flush the temp GeoTIFF: a failed flush left strips that read back as zeros into the JP2.
        if (r.ds && !io::closeChecked(r.ds))
            throw Error(io::writeError(r.tempPath));
        if (r.jp2)
            todo.push_back(&r);
    }
    // Largest first, so two workers finish together.
    std::stable_sort(
        todo.begin(), todo.end(), [](const Raster* a, const Raster* b) { return a->factor < b->factor; });
    std::atomic<size_t> next { 0 }, done { 0 };
    std::mutex errMutex;
    QString firstError;
    auto worker = [&]() {
        CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO"); // no .aux.xml beside the JP2s
        io::QuietGdalErrors quiet;
        GDALDriver* jp2 = GetGDALDriverManager()->GetDriverByName("JP2OpenJPEG");
        for (size_t i; (i = next++) < todo.size();) {
            {
                std::lock_guard<std::mutex> lock(errMutex);
                if (!firstError.isEmpty() || progress.isCancelled())
                    return;
            }
            const Raster& r = *todo[i];
            const QString out = safeDir + QLatin1Char('/') + r.relPath;
            QDir().mkpath(QFileInfo(out).absolutePath());
            io::DatasetPtr src(
                GDALDataset::FromHandle(GDALOpen(r.tempPath.toUtf8().constData(), GA_ReadOnly)));
            const bool spectral = r.kind == Kind::Spectral;
            const char* opts[] = { "REVERSIBLE=YES", "QUALITY=100", "BLOCKXSIZE=1024", "BLOCKYSIZE=1024",
                spectral ? "NBITS=15" : nullptr, nullptr };
            io::DatasetPtr dst;
            if (src)
                // Asked per block whether to go on: Ctrl+C waited for a whole band's encoding before.
                dst.reset(jp2->CreateCopy(
                    out.toUtf8().constData(), src.get(), FALSE, const_cast<char**>(opts),
                    [](double, const char*, void* p) -> int {
                        return static_cast<const Progress*>(p)->isCancelled() ? FALSE : TRUE;
                    },
                    const_cast<Progress*>(&progress)));
            if (!dst) {
                std::lock_guard<std::mutex> lock(errMutex);
                if (firstError.isEmpty())
                    firstError = io::writeError(out);
                return;
            }
            dst.reset();
            progress.report(static_cast<double>(++done) / todo.size(), QStringLiteral("Encoding JPEG 2000"));
        }
        CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", nullptr);
    };
    const unsigned nThreads = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < nThreads; ++t)
        threads.emplace_back(worker);
    for (auto& t : threads)
        t.join();
    progress.throwIfCancelled();
    if (!firstError.isEmpty())
        throw Error(firstError);
}

void ProductWriter::writeTruth(const QString& path, const Progress& progress)
{
    std::vector<const Raster*> clear;
    for (const Raster& r : m_rasters)
        if (r.kind == Kind::ClearSpectral)
            clear.push_back(&r);
    const int W = m_o.size;
    const QString tmp = atomicTempPath(path);
    const TemporaryFileGuard tmpGuard { tmp };
    io::QuietGdalErrors quiet;
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    const char* opts[] = { "TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE", "PREDICTOR=2",
        "INTERLEAVE=BAND", "BIGTIFF=IF_SAFER", nullptr };
    CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");
    io::DatasetPtr out(gtiff->Create(tmp.toUtf8().constData(), W, W, static_cast<int>(clear.size()),
        GDT_UInt16, const_cast<char**>(opts)));
    if (!out)
        throw Error(io::createError(path));
    double gt[6] = { kUlx, 10, 0, kUly, 0, -10 };
    out->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(m_product.epsg);
    out->SetSpatialRef(&srs);
    out->SetMetadataItem(
        "UNCLOUDED_CONTENT", "cloud-free truth of the sample product, reflectance = DN * 0.0001 - 0.1");
    out->SetMetadataItem("SOURCE_PRODUCT", m_product.productName.toUtf8().constData());
    const int block = 256;
    for (size_t bi = 0; bi < clear.size(); ++bi) {
        progress.throwIfCancelled();
        const Raster& r = *clear[bi];
        io::DatasetPtr src = io::openRaster(r.tempPath);
        GDALRasterBand* sb = src->GetRasterBand(1);
        const int nw = sb->GetXSize(), nh = sb->GetYSize();
        GDALRasterBand* ob = out->GetRasterBand(static_cast<int>(bi) + 1);
        ob->SetDescription(kS2Bands[r.band].name);
        ob->SetNoDataValue(0);
        ob->SetScale(1.0 / kQuant);
        ob->SetOffset(-kOffset / kQuant);
        std::vector<float> native, up(static_cast<size_t>(W) * block);
        std::vector<uint16_t> dn(up.size());
        for (int y0 = 0; y0 < W; y0 += block) {
            const int h = std::min(block, W - y0);
            float* dst = up.data();
            if (r.factor == 1) {
                io::checkCpl(sb->RasterIO(GF_Read, 0, y0, W, h, dst, W, h, GDT_Float32, 0, 0), r.tempPath);
            } else {
                const io::NativeWindow win = io::nativeWindowFor(0, y0, W, h, r.factor, nw, nh);
                native.resize(static_cast<size_t>(win.w) * win.h);
                io::checkCpl(sb->RasterIO(GF_Read, win.x, win.y, win.w, win.h, native.data(), win.w, win.h,
                                 GDT_Float32, 0, 0),
                    r.tempPath);
                for (float& v : native)
                    if (v == 0)
                        v = NAN;
                io::upsampleBilinear(native.data(), win, nw, nh, r.factor, 0, y0, W, h, dst);
            }
            for (size_t k = 0; k < static_cast<size_t>(W) * h; ++k)
                dn[k] = (std::isnan(up[k]) || up[k] == 0) ? 0 : static_cast<uint16_t>(std::lround(up[k]));
            io::checkCpl(ob->RasterIO(GF_Write, 0, y0, W, h, dn.data(), W, h, GDT_UInt16, 0, 0), path);
        }
        progress.report(static_cast<double>(bi + 1) / clear.size(), QStringLiteral("Writing the truth"));
    }
    CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", nullptr);
    if (!io::closeChecked(out))
        throw Error(io::writeError(path));
    replaceFileAtomically(tmp, path);
}

void ProductWriter::writeSclSidecar(const QString& path)
{
    const auto it = std::find_if(
        m_rasters.begin(), m_rasters.end(), [](const Raster& r) { return r.kind == Kind::Scl; });
    io::DatasetPtr src = io::openRaster(it->tempPath);
    const QString tmp = atomicTempPath(path);
    const TemporaryFileGuard tmpGuard { tmp };
    const char* opts[] = { "COMPRESS=DEFLATE", "TILED=YES", nullptr };
    CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");
    io::QuietGdalErrors quiet;
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    io::DatasetPtr dst(gtiff->CreateCopy(
        tmp.toUtf8().constData(), src.get(), FALSE, const_cast<char**>(opts), nullptr, nullptr));
    if (dst) {
        dst->GetRasterBand(1)->SetDescription("SCL");
        dst->GetRasterBand(1)->SetNoDataValue(0);
    }
    const bool ok = dst && io::closeChecked(dst);
    CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", nullptr);
    if (!ok)
        throw Error(io::writeError(path));
    replaceFileAtomically(tmp, path);
}

SampleProduct ProductWriter::run(const Progress& progress)
{
    const QString out = QDir(m_o.outDir).absolutePath();
    const QString finalSafe = out + QLatin1Char('/') + m_product.productName + QStringLiteral(".SAFE");
    const QString partialSafe
        = m_tmpRoot + QLatin1Char('/') + m_product.productName + QStringLiteral(".SAFE");

    SceneParams sp;
    sp.size = m_o.size;
    sp.seed = m_o.seed;
    sp.dateIndex = m_date;
    sp.topOfAtmosphere = !m_l2a;
    sp.cloudCover = m_date == 0 ? m_o.cloudCover : 0.0;
    sp.sunZenithDeg = m_d.zenith;
    sp.sunAzimuthDeg = m_d.azimuth;
    sp.nodataEdge = m_o.nodataEdge;
    const Landscape scene(sp);

    createTemps();
    // The parcels are the same at every date: the main date writes them.
    std::unique_ptr<ParcelWriter> parcels;
    if (m_date == 0)
        parcels = std::make_unique<ParcelWriter>(m_tmpRoot, m_o.size, m_product.epsg, kUlx, kUly);
    Strip strip;
    const Progress pStrips = progress.sub(0.0, 0.45);
    for (int y0 = 0; y0 < m_o.size; y0 += kStripRows) {
        progress.throwIfCancelled();
        writeStrip(scene, y0, std::min(kStripRows, m_o.size - y0), strip);
        if (parcels)
            parcels->addStrip(y0, strip);
        pStrips.report(static_cast<double>(y0 + kStripRows) / m_o.size, QStringLiteral("Drawing the scene"));
    }
    strip = Strip();
    QString parcelsTmp;
    if (parcels) {
        parcelsTmp = m_tmpRoot + QStringLiteral("/parcels.gpkg");
        parcels->finish(parcelsTmp);
        parcels.reset();
    }

    qint64 total = 0;
    for (qint64 c : m_sclCount)
        total += c;
    const qint64 valid = total - m_sclCount[SclNoData];
    for (int c = 0; c < kSclClassCount; ++c) {
        m_product.sclCount[c] = m_sclCount[c];
        const qint64 denom = c == 0 ? total : valid;
        m_product.sclPercent[c] = denom > 0 ? 100.0 * m_sclCount[c] / denom : 0.0;
    }
    m_product.cloudCoverPercent = 0;
    for (SclClass c : kCloudCoverScl)
        m_product.cloudCoverPercent += m_product.sclPercent[c];

    encodeJp2(partialSafe, progress.sub(0.45, 0.85));

    SafeXmlInfo xi;
    xi.l2a = m_l2a;
    xi.productName = m_product.productName;
    xi.granule = m_granule;
    xi.prefix = m_prefix;
    xi.sensingIso = m_d.iso;
    xi.generation = m_d.generation;
    xi.absOrbit = m_d.absOrbit;
    xi.epsg = m_product.epsg;
    xi.ulx = kUlx;
    xi.uly = kUly;
    xi.size = m_o.size;
    xi.sunZenith = m_d.zenith;
    xi.sunAzimuth = m_d.azimuth;
    xi.sclPercent = m_product.sclPercent;
    xi.cloudCover = m_product.cloudCoverPercent;
    for (const Raster& r : m_rasters)
        if (r.jp2 && r.relPath.contains(QStringLiteral("/IMG_DATA/")))
            xi.imageFiles << r.relPath.chopped(4);
    writeSafeMetadata(partialSafe, xi);

    // Every file is written beside the partial SAFE and moved to `out` by publish().
    auto staged = [&](const QString& name) {
        m_moves.emplace_back(m_tmpRoot + QLatin1Char('/') + name, out + QLatin1Char('/') + name);
        return m_moves.back();
    };
    const auto truth = staged(m_product.productName + QStringLiteral("_truth.tif"));
    writeTruth(truth.first, progress.sub(0.85, 0.95));
    m_product.truthPath = truth.second;
    if (!m_l2a) {
        const auto scl = staged(m_product.productName + QStringLiteral("_SCL.tif"));
        writeSclSidecar(scl.first);
        m_product.sclPath = scl.second;
    }
    if (!parcelsTmp.isEmpty()) {
        m_moves.emplace_back(parcelsTmp, out + QStringLiteral("/parcels.gpkg"));
        m_product.parcelsPath = m_moves.back().second;
    }
    if (m_o.zip) {
        const auto zip = staged(m_product.productName + QStringLiteral(".zip"));
        const QDateTime stamp = QDateTime::fromString(m_d.iso.left(19), Qt::ISODate);
        io::zipDirectory(partialSafe, zip.first, stamp); // the same folder name as the final SAFE
        m_product.zipPath = zip.second;
    }
    for (const Raster& r : m_rasters) // the uncompressed working rasters: no longer needed
        QFile::remove(r.tempPath);
    // On disk before anything is published: publish() then only renames.
    for (QDirIterator it(partialSafe, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
         it.hasNext();)
        syncFile(it.next());
    for (const auto& [from, to] : m_moves)
        syncFile(from);
    m_partialSafe = partialSafe;
    m_finalSafe = finalSafe;
    m_product.safePath = finalSafe;
    progress.report(1.0, QStringLiteral("Done"));
    return m_product;
}

void ProductWriter::publish()
{
    // The SAFE appears under its final name only once complete; renames within one file system. An
    // earlier SAFE of that name is moved aside (removed with the temporary root), back if this fails.
    const QString aside = m_tmpRoot + QStringLiteral("/replaced.SAFE");
    const bool replacing = QFileInfo::exists(m_finalSafe);
    if (replacing && !QDir().rename(m_finalSafe, aside))
        throw Error(QStringLiteral("Cannot replace %1").arg(m_finalSafe));
    if (!QDir().rename(m_partialSafe, m_finalSafe)) {
        if (replacing)
            QDir().rename(aside, m_finalSafe);
        throw Error(QStringLiteral("Cannot move %1 to %2").arg(m_partialSafe, m_finalSafe));
    }
    for (const auto& [from, to] : m_moves)
        replaceFileAtomically(from, to);
}

// Paths relative to the report's folder, so the report is the same wherever it was written.
QJsonObject toJson(const SampleProduct& p, const QDir& base)
{
    QJsonObject o;
    o[QStringLiteral("product")] = p.productName;
    o[QStringLiteral("safe")] = base.relativeFilePath(p.safePath);
    if (!p.zipPath.isEmpty())
        o[QStringLiteral("zip")] = base.relativeFilePath(p.zipPath);
    o[QStringLiteral("truth")] = base.relativeFilePath(p.truthPath);
    if (!p.sclPath.isEmpty())
        o[QStringLiteral("scl")] = base.relativeFilePath(p.sclPath);
    if (!p.parcelsPath.isEmpty())
        o[QStringLiteral("parcels")] = base.relativeFilePath(p.parcelsPath);
    o[QStringLiteral("sensing_time")] = p.sensingTime;
    o[QStringLiteral("tile")] = p.tileId;
    o[QStringLiteral("epsg")] = p.epsg;
    o[QStringLiteral("ulx")] = p.ulx;
    o[QStringLiteral("uly")] = p.uly;
    o[QStringLiteral("size")] = p.size;
    o[QStringLiteral("sun_zenith")] = p.sunZenith;
    o[QStringLiteral("sun_azimuth")] = p.sunAzimuth;
    o[QStringLiteral("cloud_cover_percent")] = p.cloudCoverPercent;
    QJsonArray pct, cnt;
    for (int c = 0; c < kSclClassCount; ++c) {
        pct.append(p.sclPercent[c]);
        cnt.append(static_cast<double>(p.sclCount[c]));
    }
    o[QStringLiteral("scl_percent")] = pct;
    o[QStringLiteral("scl_count_20m")] = cnt;
    return o;
}

} // namespace

QString validateSampleOptions(const SampleOptions& o)
{
    if (o.outDir.isEmpty())
        return QStringLiteral("no output folder given");
    if (o.size < 60 || o.size > 10980 || o.size % 6 != 0)
        return QStringLiteral(
            "--size must be a multiple of 6 between 60 and 10980 (so the 20 m and 60 m grids "
            "align), e.g. 600, 1200 or 10980; got %1")
            .arg(o.size);
    if (!(o.cloudCover >= 0.0 && o.cloudCover <= 1.0))
        return QStringLiteral("--cloud-cover must be between 0 and 1; got %1").arg(o.cloudCover);
    if (!(o.nodataEdge >= 0.0 && o.nodataEdge < 0.9))
        return QStringLiteral("--nodata-edge must be at least 0 and below 0.9; got %1").arg(o.nodataEdge);
    return {};
}

namespace {

// The staging folders of runs killed before their clean-up (and the fixed-name one of earlier
// versions): removed once a day old and not locked by a live run (TemporaryLock on the folder), never
// through a symbolic link nor one of another user.
void removeStaleSampleFolders(const QDir& out)
{
    const QDateTime dayAgo = QDateTime::currentDateTimeUtc().addDays(-1);
    for (const QFileInfo& fi : out.entryInfoList(
             { QStringLiteral(".unclouded-sample-??????"), QStringLiteral(".unclouded-sample.partial") },
             QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot | QDir::NoSymLinks)) {
        if (fi.isSymLink() || fi.ownerId() != ::geteuid() || fi.lastModified().toUTC() > dayAgo)
            continue;
        const int fd = ::open(QFile::encodeName(fi.absoluteFilePath()).constData(),
            O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) // no run holds it
            QDir(fi.absoluteFilePath()).removeRecursively();
        ::close(fd);
    }
}

} // namespace

SampleReport generateSample(const SampleOptions& o, const Progress& progress)
{
    if (const QString err = validateSampleOptions(o); !err.isEmpty())
        throw Error(err);
    initializeRuntime();
    QDir out(o.outDir);
    if (!out.exists() && !QDir().mkpath(o.outDir))
        throw Error(QStringLiteral("Cannot create the folder %1").arg(o.outDir));
    // A folder of this run's own (mkdtemp: new, 0700). A fixed name was emptied at the start: through a
    // symbolic link put there (another user's, in /tmp) that emptied the link's target, and two runs
    // into one folder removed each other's files.
    removeStaleSampleFolders(out);
    QTemporaryDir staging(out.absoluteFilePath(QStringLiteral(".unclouded-sample-XXXXXX")));
    if (!staging.isValid())
        throw Error(QStringLiteral("Cannot write in %1: %2").arg(out.absolutePath(), staging.errorString()));
    const QString tmpRoot = staging.path(); // removed with what is left in it on any exit
    const TemporaryLock inUse(tmpRoot); // however long an encode leaves the folder untouched

    SampleReport report;
    const double share = o.referenceDate ? 0.6 : 1.0;
    const QString mainDir = tmpRoot + QStringLiteral("/main"),
                  refDir = tmpRoot + QStringLiteral("/reference");
    QDir().mkpath(mainDir);
    ProductWriter mainWriter(o, 0, mainDir);
    report.main = mainWriter.run(progress.sub(0.0, share));
    std::unique_ptr<ProductWriter> refWriter;
    if (o.referenceDate) {
        QDir().mkpath(refDir);
        refWriter = std::make_unique<ProductWriter>(o, 1, refDir);
        report.reference = refWriter->run(progress.sub(share, 1.0));
    }

    QJsonObject root;
    root[QStringLiteral("generator")] = QStringLiteral("unclouded %1").arg(applicationVersion());
    // A double holds integers exactly up to 2^53: a larger seed as text, which --seed reads back.
    root[QStringLiteral("seed")] = o.seed <= (quint64(1) << 53) ? QJsonValue(static_cast<double>(o.seed))
                                                                : QJsonValue(QString::number(o.seed));
    root[QStringLiteral("level")]
        = o.level == ProcessingLevel::L2A ? QStringLiteral("L2A") : QStringLiteral("L1C");
    root[QStringLiteral("size")] = o.size;
    root[QStringLiteral("requested_cloud_cover")] = o.cloudCover;
    root[QStringLiteral("main")] = toJson(report.main, out);
    if (report.reference)
        root[QStringLiteral("reference")] = toJson(*report.reference, out);
    report.reportPath = out.absoluteFilePath(QStringLiteral("sample.json"));
    // The report is written before anything is published and moved into place last.
    const QString stagedReport = tmpRoot + QStringLiteral("/sample.json");
    writeFileAtomically(stagedReport, QJsonDocument(root).toJson());
    progress.throwIfCancelled();
    // Every date is written: only now does anything appear under its final name.
    mainWriter.publish();
    if (refWriter)
        refWriter->publish();
    replaceFileAtomically(stagedReport, report.reportPath);
    return report;
}

} // namespace unclouded
