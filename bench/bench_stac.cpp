// Issue #14's figures on a local HTTP server (tests/localstacserver.h, range requests like S3): an AOI
// of 1 km² (4 bands) cut from remote 10980 px COGs, bytes and requests against the whole files; the
// time to the first picture of a remote item (open + a 512 px overview read of 3 bands).
// Usage: bench_stac [WORK_DIR]  (writes four 10980 px COGs, ~0.6 GB, unless they are there)
#include <algorithm>
#include <chrono>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <random>

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QSysInfo>
#include <QTextStream>

#include "core/common/runtime.h"
#include "core/io/product.h"
#include "core/stac/download.h"
#include "core/stac/stac.h"

#include "tests/localstacserver.h"

using namespace unclouded;

namespace {

// A 10980 px band at 10 m (UTM 33N, tile 33UUU's origin) with image-like entropy (~10 bits of
// noise over fields), written as a COG the way Earth Search's are: DEFLATE, 1024 px blocks, overviews.
bool makeBand(const QString& path, int seed)
{
    const int n = 10980;
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDataset* ds = mem->Create("", n, n, 1, GDT_UInt16, nullptr);
    const double gt[6] = { 300000, 10, 0, 5900040, 0, -10 };
    ds->SetGeoTransform(const_cast<double*>(gt));
    OGRSpatialReference srs;
    srs.importFromEPSG(32633);
    ds->SetSpatialRef(&srs);
    std::mt19937 rng(seed);
    std::vector<uint16_t> row(n);
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x)
            row[x] = static_cast<uint16_t>(1000 + ((x / 60 + y / 45) % 7) * 300 + (rng() & 0x3ff));
        if (ds->GetRasterBand(1)->RasterIO(GF_Write, 0, y, n, 1, row.data(), n, 1, GDT_UInt16, 0, 0)
            != CE_None)
            return false;
    }
    const char* argv[] = { "-of", "COG", "-co", "COMPRESS=DEFLATE", "-co", "BLOCKSIZE=1024", "-co",
        "NUM_THREADS=2", nullptr };
    GDALTranslateOptions* opt = GDALTranslateOptionsNew(const_cast<char**>(argv), nullptr);
    GDALDatasetH out = GDALTranslate(path.toUtf8().constData(), GDALDataset::ToHandle(ds), opt, nullptr);
    GDALTranslateOptionsFree(opt);
    GDALClose(GDALDataset::ToHandle(ds));
    if (out)
        GDALClose(out);
    return out != nullptr;
}

double seconds(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    initializeRuntime();
    QTextStream out(stdout);
    const QString work = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                  : QDir::temp().filePath(QStringLiteral("unclouded-bench-stac"));
    QDir().mkpath(work);
    const QStringList bands { "B02", "B03", "B04", "B08" };
    qint64 whole = 0;
    for (int i = 0; i < bands.size(); ++i) {
        const QString f = work + QLatin1Char('/') + bands[i] + QStringLiteral(".tif");
        if (!QFileInfo::exists(f)) {
            out << "writing " << f << " ..." << Qt::endl;
            if (!makeBand(f, i + 1))
                return 1;
        }
        whole += QFileInfo(f).size();
    }

    LocalServer server;
    const QString url = server.url();
    QJsonObject assets;
    static const QMap<QString, QString> keys { { "B02", "blue" }, { "B03", "green" }, { "B04", "red" },
        { "B08", "nir" } };
    for (const QString& b : bands)
        assets[keys[b]] = QJsonObject { { "href", url + "/" + b + ".tif" },
            { "type", "image/tiff; application=geotiff; profile=cloud-optimized" },
            { "roles", QJsonArray { "data" } },
            { "eo:bands", QJsonArray { QJsonObject { { "name", keys[b] } } } } };
    const QJsonObject item { { "type", "Feature" }, { "stac_version", "1.0.0" },
        { "id", "S2B_33UUU_20230615_0_L2A" },
        { "properties",
            QJsonObject { { "datetime", "2023-06-15T10:20:21Z" }, { "s2:processing_baseline", "05.09" } } },
        { "geometry", QJsonObject {} }, { "assets", assets } };
    const QByteArray itemJson = QJsonDocument(item).toJson();
    server.setHandler([work, itemJson](const Request& r) {
        if (r.path() == QLatin1String("/item.json"))
            return reply(200, "application/geo+json", itemJson);
        return fileReply(work + r.path(), r);
    });

    // 1 km² in the middle of the tile: x 354400..355400, y 5844600..5845600 (UTM 33N) in lon / lat.
    ProductInfo info;
    info.georeferenced = true;
    info.epsg = 32633;
    const double gt[6] = { 300000, 10, 0, 5900040, 0, -10 };
    std::copy(gt, gt + 6, info.geoTransform);
    const stac::BBox aoi = stac::gridRectToLonLat(info, 5440, 5444, 100, 100);
    // The lon / lat box of a UTM square is a little larger than it: the cut is ~1.1 km².
    stac::DownloadOptions o;
    o.cacheDir = work + QStringLiteral("/cache");
    QDir(o.cacheDir).removeRecursively();
    o.aoi = aoi;
    const stac::Item it = stac::parseItem(item, url + "/item.json", QStringLiteral("bench"));
    VSICurlClearCache();
    server.clear();
    auto t0 = std::chrono::steady_clock::now();
    const stac::DownloadResult r = stac::downloadItem(it, o);
    const double aoiSeconds = seconds(t0);
    const qint64 aoiBytes = server.bodyBytes();
    const int aoiRequests = static_cast<int>(server.requests().size());
    int w = 0, h = 0;
    {
        auto p = Product::open(r.itemJson);
        w = p->width();
        h = p->height();
    }

    // Time to a first picture: open the remote item, read a 512 px overview of B04, B03, B02.
    VSICurlClearCache();
    server.clear();
    t0 = std::chrono::steady_clock::now();
    auto remote = Product::open(url + "/item.json");
    const double openSeconds = seconds(t0);
    std::vector<float> rgb(512 * 512 * 3);
    remote->readScaled(
        { "B04", "B03", "B02" }, { 0, 0, remote->width(), remote->height() }, 512, 512, rgb.data());
    const double firstPicture = seconds(t0);
    const qint64 pictureBytes = server.bodyBytes();
    const int pictureRequests = static_cast<int>(server.requests().size());

    const QString report = QStringLiteral(
        "# STAC downloads (bench/bench_stac.cpp)\n\n"
        "Four 10980 px COGs (B02, B03, B04, B08; DEFLATE, 1024 px blocks, overviews; %1 MB in all) served by "
        "a "
        "local HTTP server with range requests (tests/localstacserver.h, one request per connection), %2.\n\n"
        "| what | requests | bytes transferred | of the whole files | time |\n|---|---|---|---|---|\n"
        "| AOI of 1 km² (4 bands, cut %3 x %4 px) | %5 | %6 MB | %7 % | %8 s |\n"
        "| whole files (a plain download) | 4 | %1 MB | 100 % | - |\n"
        "| first picture of the remote item (open + 512 px overview of 3 bands) | %9 | %10 MB | %11 % | %12 "
        "s (open %13 s) |\n\n"
        "A real service adds its latency to every request: at 50 ms per round trip the AOI costs about "
        "%14 s more.\n")
                               .arg(whole / 1e6, 0, 'f', 1)
                               .arg(QSysInfo::prettyProductName())
                               .arg(w)
                               .arg(h)
                               .arg(aoiRequests)
                               .arg(aoiBytes / 1e6, 0, 'f', 2)
                               .arg(100.0 * aoiBytes / whole, 0, 'f', 3)
                               .arg(aoiSeconds, 0, 'f', 2)
                               .arg(pictureRequests)
                               .arg(pictureBytes / 1e6, 0, 'f', 2)
                               .arg(100.0 * pictureBytes / whole, 0, 'f', 2)
                               .arg(firstPicture, 0, 'f', 2)
                               .arg(openSeconds, 0, 'f', 2)
                               .arg(aoiRequests * 0.05, 0, 'f', 1);
    out << report;
    return 0;
}
