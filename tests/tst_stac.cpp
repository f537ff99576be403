// STAC search and downloads against a local STAC API on 127.0.0.1 (a QTcpServer on its own thread; no
// outside network): Earth Search's POST paging and CDSE's GET paging with the fixtures of
// tests/data/stac, every failure (401, 500, malformed JSON, time-out, refused), whole-asset downloads
// dropped mid-way then resumed with a Range request and checked against file:checksum, cancel, AOI-only
// downloads through GDAL's /vsicurl/ (range reads of COGs made from the generator), and the CLI.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cpl_vsi.h>
#include <csignal>
#include <fcntl.h>
#include <gdal_priv.h>
#include <mutex>
#include <ogr_spatialref.h>
#include <sys/file.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>
#include <QtTest>

#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/common/runtime.h"
#include "core/io/product.h"
#include "core/sample/samplegenerator.h"
#include "core/stac/download.h"
#include "core/stac/http_p.h" // Http::kRetries
#include "core/stac/stac.h"

#include "gdaltestutil.h"
#include "localstacserver.h"

using namespace unclouded;

namespace {

const QString kEarthSearch = QStringLiteral("https://earth-search.aws.element84.com/v1");
const QString kCdse = QStringLiteral("https://catalogue.dataspace.copernicus.eu/stac");

bool translateToCog(const QString& src, const QString& dst)
{
    return testutil::gdalTranslate(src, dst,
        { QStringLiteral("-of"), QStringLiteral("COG"), QStringLiteral("-co"),
            QStringLiteral("BLOCKSIZE=128"), QStringLiteral("-co"), QStringLiteral("OVERVIEWS=NONE") });
}

QString errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Cancelled&) {
        return QStringLiteral("(cancelled)");
    } catch (const Error& e) {
        return e.message();
    }
    return QStringLiteral("(no error)");
}

// Raw DN of band 1 of a raster, window (x, y, w, h).
std::vector<uint16_t> readDn(const QString& path, int x, int y, int w, int h)
{
    std::vector<uint16_t> v(static_cast<size_t>(w) * h);
    GDALDatasetH ds = GDALOpen(path.toUtf8().constData(), GA_ReadOnly);
    if (!ds)
        return {};
    const CPLErr e
        = GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Read, x, y, w, h, v.data(), w, h, GDT_UInt16, 0, 0);
    GDALClose(ds);
    return e == CE_None ? v : std::vector<uint16_t> {};
}

} // namespace

class TestStac : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void parseFixtures();
    void searchBodies();
    void earthSearchPostPaging();
    void cdseGetPagingFiltersHere();
    void searchErrors_data();
    void searchErrors();
    void slowAnswerWithinTimeout();
    void brokenFeatureIsLeftOut();
    void downloadResumesAfterDrop();
    void downloadTrickleGivesUp();
    void downloadResumesWithinOneRun();
    void checksumMismatchLeavesNothing();
    void cancelThenResume();
    void aoiDownloadReadsWindowsOnly();
    void aoiCutAfterARefusalIsTriedAgain();
    void cacheEviction();
    void redirectsRetriesAndFinishedPartials();
    void aoiAndWholeDownloadsKeepApart();
    void cdseLogin();
    void aoiFromVectorFiles();
    void cli();
    void cliInfoStopsAtTheFirstSignal();

private:
    QByteArray fixture(const QString& name) const;
    // Pixels x0..x1, y0..y1 of the sample's grid as a lon / lat box (invalid when it cannot be made).
    stac::BBox aoiOfPixels(int x0, int y0, int x1, int y1) const;
    // Earth Search's first item, its COG assets pointing at the local server (with size and checksum).
    QJsonObject localItem(bool checksums = true) const;
    Handler assetsAndItem(
        const QJsonObject& item, std::function<Reply(const Request&, Reply)> tweak = {}) const;

    LocalServer m_server;
    QTemporaryDir m_dir;
    SampleReport m_sample;
    QString m_cogs; // B02.tif ... SCL.tif from the generator's SAFE
    QMap<QString, QString> m_fileOfKey; // Earth Search asset key -> COG file name
};

void TestStac::initTestCase()
{
    initializeRuntime();
    QVERIFY(m_dir.isValid());
    SampleOptions o;
    o.outDir = m_dir.filePath(QStringLiteral("sample"));
    o.size = 480; // 128 px COG blocks: an AOI needs only some of them
    o.seed = 5;
    o.cloudCover = 0.3;
    m_sample = generateSample(o);
    const auto safe = Product::open(m_sample.main.safePath);
    m_cogs = m_dir.filePath(QStringLiteral("cogs"));
    QVERIFY(QDir().mkpath(m_cogs));
    for (const BandDesc& b : safe->info().bands)
        QVERIFY(translateToCog(b.file, m_cogs + QLatin1Char('/') + b.name + QStringLiteral(".tif")));
    QVERIFY(translateToCog(safe->info().maskFile, m_cogs + QStringLiteral("/SCL.tif")));
    m_fileOfKey = { { QStringLiteral("coastal"), QStringLiteral("B01.tif") },
        { QStringLiteral("blue"), QStringLiteral("B02.tif") },
        { QStringLiteral("green"), QStringLiteral("B03.tif") },
        { QStringLiteral("red"), QStringLiteral("B04.tif") },
        { QStringLiteral("rededge1"), QStringLiteral("B05.tif") },
        { QStringLiteral("nir"), QStringLiteral("B08.tif") },
        { QStringLiteral("nir08"), QStringLiteral("B8A.tif") },
        { QStringLiteral("swir16"), QStringLiteral("B11.tif") },
        { QStringLiteral("swir22"), QStringLiteral("B12.tif") },
        { QStringLiteral("scl"), QStringLiteral("SCL.tif") } };
}

QByteArray TestStac::fixture(const QString& name) const
{
    QByteArray b = readAll(QStringLiteral(UNCLOUDED_SOURCE_DIR "/tests/data/stac/") + name);
    b.replace(kEarthSearch.toUtf8(), (m_server.url() + QStringLiteral("/v1")).toUtf8());
    b.replace(kCdse.toUtf8(), (m_server.url() + QStringLiteral("/stac")).toUtf8());
    return b;
}

stac::BBox TestStac::aoiOfPixels(int x0, int y0, int x1, int y1) const
{
    const auto safe = Product::open(m_sample.main.safePath);
    const double* gt = safe->info().geoTransform;
    OGRSpatialReference utm, wgs84;
    utm.importFromEPSG(safe->info().epsg);
    wgs84.SetWellKnownGeogCS("WGS84");
    utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&utm, &wgs84));
    double xs[2] = { gt[0] + x0 * gt[1], gt[0] + x1 * gt[1] },
           ys[2] = { gt[3] + y1 * gt[5], gt[3] + y0 * gt[5] };
    if (!ct || !ct->Transform(2, xs, ys))
        return {};
    return stac::BBox { xs[0], ys[0], xs[1], ys[1] };
}

QJsonObject TestStac::localItem(bool checksums) const
{
    QJsonObject item = QJsonDocument::fromJson(fixture(QStringLiteral("earth-search-page1.json")))
                           .object()
                           .value(QStringLiteral("features"))
                           .toArray()
                           .at(0)
                           .toObject();
    QJsonObject assets = item.value(QStringLiteral("assets")).toObject();
    for (auto it = m_fileOfKey.begin(); it != m_fileOfKey.end(); ++it) {
        QJsonObject a = assets.value(it.key()).toObject();
        a[QStringLiteral("href")] = m_server.url() + QStringLiteral("/assets/") + it.value();
        const QByteArray data = readAll(m_cogs + QLatin1Char('/') + it.value());
        if (checksums) {
            a[QStringLiteral("file:checksum")] = QString::fromLatin1(
                "1220" + QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
            a[QStringLiteral("file:size")] = data.size();
        }
        assets[it.key()] = a;
    }
    item[QStringLiteral("assets")] = assets;
    return item;
}

Handler TestStac::assetsAndItem(
    const QJsonObject& item, std::function<Reply(const Request&, Reply)> tweak) const
{
    const QByteArray itemJson = QJsonDocument(item).toJson();
    const QString cogs = m_cogs;
    return [=](const Request& r) {
        if (r.path() == QLatin1String("/items/item.json"))
            return reply(200, "application/geo+json", itemJson);
        if (r.path().startsWith(QLatin1String("/assets/"))) {
            Reply rep = fileReply(cogs + QLatin1Char('/') + r.path().mid(8), r);
            return tweak ? tweak(r, rep) : rep;
        }
        return reply(404, "text/plain", "not found");
    };
}

void TestStac::parseFixtures()
{
    const QString es = QStringLiteral(UNCLOUDED_SOURCE_DIR "/tests/data/stac/earth-search-page1.json");
    const QList<stac::Item> items = stac::loadItems(es);
    QCOMPARE(items.size(), 2);
    const stac::Item& i = items[0];
    QCOMPARE(i.id, QStringLiteral("S2B_33UUU_20230615_0_L2A"));
    QCOMPARE(i.collection, QStringLiteral("sentinel-2-l2a"));
    QCOMPARE(i.tile, QStringLiteral("T33UUU")); // from mgrs:* (Earth Search v1 has no s2:mgrs_tile)
    QCOMPARE(i.cloudCover, 31.503);
    QCOMPARE(i.datetime, QDateTime(QDate(2023, 6, 15), QTime(10, 20, 21, 24), Qt::UTC));
    QCOMPARE(i.footprint.size(), 1);
    QCOMPARE(i.footprint[0].size(), 5);
    QCOMPARE(i.bbox.west, 12.0478);
    QVERIFY(i.thumbnail.endsWith(QLatin1String("/thumbnail.jpg")));
    QCOMPARE(i.selfHref,
        kEarthSearch + QStringLiteral("/collections/sentinel-2-l2a/items/S2B_33UUU_20230615_0_L2A"));
    QStringList bands;
    for (const stac::Asset& a : i.bandAssets())
        bands << a.band + QLatin1Char('=') + a.key;
    // COGs before the JP2 copies; the visual image, AOT, thumbnail and metadata are no bands.
    QCOMPARE(bands,
        QStringList({ "B01=coastal", "B02=blue", "B03=green", "B04=red", "B05=rededge1", "B08=nir",
            "B8A=nir08", "B11=swir16", "B12=swir22", "SCL=scl" }));
    QCOMPARE(i.bandAssets({ "b4", "nir", "SCL" }).size(), 3);
    QVERIFY(i.asset(QStringLiteral("blue"))->isCog());
    QVERIFY(!i.asset(QStringLiteral("blue-jp2"))->isCog());

    const QList<stac::Item> cdse
        = stac::loadItems(QStringLiteral(UNCLOUDED_SOURCE_DIR "/tests/data/stac/cdse-page1.json"));
    QCOMPARE(cdse.size(), 2);
    QCOMPARE(cdse[0].tile, QStringLiteral("T33UUU")); // from the SAFE name
    QCOMPARE(cdse[1].tile, QStringLiteral("T32UQD"));
    QCOMPARE(cdse[0].collection, QStringLiteral("SENTINEL-2"));
    QVERIFY(cdse[0].thumbnail.contains(QLatin1String("/odata/v1/Assets(")));
    bands.clear();
    for (const stac::Asset& a : cdse[0].bandAssets())
        bands << a.band + QLatin1Char('=') + a.key;
    // The native 10 m B02, not its 20 m copy; TCI, AOT and the zipped PRODUCT are no bands.
    QCOMPARE(bands,
        QStringList({ "B01=B01_60m", "B02=B02_10m", "B03=B03_10m", "B04=B04_10m", "B05=B05_20m",
            "B08=B08_10m", "B8A=B8A_20m", "B11=B11_20m", "B12=B12_20m", "SCL=SCL_20m" }));

    // Not an item, not a collection of items.
    const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"type": "Feature", "id": "x"})");
    f.close();
    QVERIFY(errorOf([&] { stac::loadItems(bad); }).contains(QLatin1String("neither a STAC item")));
    QVERIFY(!stac::BBox::parse(QStringLiteral("13,52,12,53")));
    QVERIFY(!stac::BBox::parse(QStringLiteral("13,52,14")));
    QVERIFY(stac::BBox::parse(QStringLiteral(" 13.0, 52.4 ,13.2,52.5")));
    QCOMPARE(stac::normalizeTile(QStringLiteral("33uuu")), QStringLiteral("T33UUU"));
    QCOMPARE(stac::normalizeTile(QStringLiteral("MGRS-9UUU")), QStringLiteral("T09UUU"));
    QVERIFY(stac::normalizeTile(QStringLiteral("33UU")).isEmpty());
}

void TestStac::searchBodies()
{
    stac::SearchParams p;
    p.endpoint = *stac::endpointFor(QStringLiteral("earth-search"));
    p.bbox = stac::BBox { 13.0, 52.4, 13.2, 52.5 };
    p.from = QDate(2023, 6, 1);
    p.to = QDate(2023, 6, 30);
    p.maxCloud = 50;
    p.tile = QStringLiteral("33UUU");
    p.limit = 20;
    p.pageSize = 10;
    const QJsonObject b = stac::searchBody(p);
    QCOMPARE(
        b.value(QStringLiteral("collections")).toArray(), QJsonArray { QStringLiteral("sentinel-2-l2a") });
    QCOMPARE(b.value(QStringLiteral("bbox")).toArray(), QJsonArray({ 13.0, 52.4, 13.2, 52.5 }));
    QCOMPARE(b.value(QStringLiteral("datetime")).toString(),
        QStringLiteral("2023-06-01T00:00:00Z/2023-06-30T23:59:59Z"));
    QCOMPARE(b.value(QStringLiteral("limit")).toInt(), 10);
    const QJsonObject q = b.value(QStringLiteral("query")).toObject();
    QCOMPARE(
        q.value(QStringLiteral("eo:cloud_cover")).toObject().value(QStringLiteral("lte")).toDouble(), 50.0);
    QCOMPARE(q.value(QStringLiteral("grid:code")).toObject().value(QStringLiteral("eq")).toString(),
        QStringLiteral("MGRS-33UUU"));
    QCOMPARE(b.value(QStringLiteral("sortby"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("direction"))
                 .toString(),
        QStringLiteral("desc"));

    p.endpoint.cloudFilter = stac::CloudFilter::Cql2;
    p.to = QDate();
    const QJsonObject c = stac::searchBody(p);
    QVERIFY(!c.contains(QStringLiteral("query")));
    QCOMPARE(c.value(QStringLiteral("datetime")).toString(), QStringLiteral("2023-06-01T00:00:00Z/.."));
    QCOMPARE(c.value(QStringLiteral("filter-lang")).toString(), QStringLiteral("cql2-json"));
    const QJsonObject f = c.value(QStringLiteral("filter")).toObject();
    QCOMPARE(f.value(QStringLiteral("op")).toString(), QStringLiteral("and"));
    QCOMPARE(
        f.value(QStringLiteral("args")).toArray().at(0).toObject().value(QStringLiteral("op")).toString(),
        QStringLiteral("<="));

    p.intersects = QJsonObject { { QStringLiteral("type"), QStringLiteral("Point") },
        { QStringLiteral("coordinates"), QJsonArray { 13.1, 52.45 } } };
    const QJsonObject i = stac::searchBody(p);
    QVERIFY(i.contains(QStringLiteral("intersects")));
    QVERIFY(!i.contains(QStringLiteral("bbox")));
    // Zones 1-9: both spellings of grid:code ("MGRS-9VWK" on Earth Search, "MGRS-09VWK" elsewhere).
    p.tile = QStringLiteral("9VWK");
    const QJsonArray both { QStringLiteral("MGRS-09VWK"), QStringLiteral("MGRS-9VWK") };
    const QJsonObject z = stac::searchBody(p).value(QStringLiteral("filter")).toObject();
    const QJsonObject zTile = z.value(QStringLiteral("args")).toArray().at(1).toObject();
    QCOMPARE(zTile.value(QStringLiteral("op")).toString(), QStringLiteral("in"));
    QCOMPARE(zTile.value(QStringLiteral("args")).toArray().at(1).toArray(), both);
    p.endpoint.cloudFilter = stac::CloudFilter::Query;
    QCOMPARE(stac::searchBody(p)
                 .value(QStringLiteral("query"))
                 .toObject()
                 .value(QStringLiteral("grid:code"))
                 .toObject()
                 .value(QStringLiteral("in"))
                 .toArray(),
        both);

    // A URL given by hand: search appended, presets recognised.
    QCOMPARE(stac::endpointFor(kEarthSearch + QStringLiteral("/"))->name, QStringLiteral("earth-search"));
    QCOMPARE(stac::endpointFor(QStringLiteral("https://example.org/api/search"))->url,
        QStringLiteral("https://example.org/api"));
    QVERIFY(!stac::endpointFor(QStringLiteral("earthsearch")));
    QVERIFY(!stac::endpointFor(QStringLiteral("ftp://example.org")));
}

void TestStac::earthSearchPostPaging()
{
    const QByteArray p1 = fixture(QStringLiteral("earth-search-page1.json"));
    const QByteArray p2 = fixture(QStringLiteral("earth-search-page2.json"));
    m_server.clear();
    m_server.setHandler([=](const Request& r) {
        if (r.method != "POST" || r.path() != QLatin1String("/v1/search"))
            return reply(404, "text/plain", "not found");
        return reply(200, "application/geo+json", r.json().contains(QStringLiteral("next")) ? p2 : p1);
    });
    stac::SearchParams p;
    p.endpoint = *stac::endpointFor(m_server.url() + QStringLiteral("/v1"));
    QVERIFY(p.endpoint.post);
    p.collections = { QStringLiteral("sentinel-2-l2a") };
    p.bbox = stac::BBox { 13.0, 52.4, 13.2, 52.5 };
    p.from = QDate(2023, 6, 1);
    p.to = QDate(2023, 6, 30);
    p.maxCloud = 50;
    p.pageSize = 2;
    QStringList stages;
    Progress progress;
    progress.onProgress = [&](double, const QString& s) { stages << s; };
    const stac::SearchResult r = stac::search(p, progress);
    QCOMPARE(r.pages, 2);
    QCOMPARE(r.matched, 3);
    QCOMPARE(r.items.size(), 3);
    QVERIFY(!r.truncated);
    QCOMPARE(r.items[0].id, QStringLiteral("S2B_33UUU_20230615_0_L2A"));
    QCOMPARE(r.items[2].id, QStringLiteral("S2A_33UUU_20230603_0_L2A"));
    QVERIFY(stages.contains(QStringLiteral("Found 3 items")));
    const QList<Request> req = m_server.requests();
    QCOMPARE(req.size(), 2);
    QCOMPARE(req[0].headers.value("content-type"), QByteArray("application/json"));
    const QJsonObject first = req[0].json();
    QCOMPARE(first.value(QStringLiteral("query"))
                 .toObject()
                 .value(QStringLiteral("eo:cloud_cover"))
                 .toObject()
                 .value(QStringLiteral("lte"))
                 .toDouble(),
        50.0);
    QCOMPARE(first.value(QStringLiteral("limit")).toInt(), 2);
    // The next link's body as the link gives it (merge false): the token and the whole request.
    const QJsonObject second = req[1].json();
    QCOMPARE(second.value(QStringLiteral("next")).toString(),
        QStringLiteral("1686392171024,S2A_33UUU_20230610_0_L2A,sentinel-2-l2a"));
    QCOMPARE(second.value(QStringLiteral("bbox")).toArray().size(), 4);

    // limit reached on the first page: no second request, the result says there is more.
    m_server.clear();
    p.limit = 2;
    const stac::SearchResult cut = stac::search(p);
    QCOMPARE(cut.items.size(), 2);
    QVERIFY(cut.truncated);
    QCOMPARE(m_server.requests().size(), 1);

    // merge true: the link's body over the previous request's.
    m_server.clear();
    QByteArray merged = p1;
    merged.replace("\"merge\": false", "\"merge\": true");
    QJsonObject o = QJsonDocument::fromJson(merged).object();
    QJsonArray links = o.value(QStringLiteral("links")).toArray();
    QJsonObject next = links.at(0).toObject();
    next[QStringLiteral("body")] = QJsonObject { { QStringLiteral("next"), QStringLiteral("token-2") } };
    links[0] = next;
    o[QStringLiteral("links")] = links;
    const QByteArray mergedPage = QJsonDocument(o).toJson();
    m_server.setHandler([=](const Request& r) {
        return reply(
            200, "application/geo+json", r.json().contains(QStringLiteral("next")) ? p2 : mergedPage);
    });
    p.limit = 10;
    QCOMPARE(stac::search(p).items.size(), 3);
    const QJsonObject m = m_server.requests().at(1).json();
    QCOMPARE(m.value(QStringLiteral("next")).toString(), QStringLiteral("token-2"));
    QCOMPARE(m.value(QStringLiteral("datetime")).toString(),
        QStringLiteral("2023-06-01T00:00:00Z/2023-06-30T23:59:59Z"));
}

void TestStac::cdseGetPagingFiltersHere()
{
    const QByteArray p1 = fixture(QStringLiteral("cdse-page1.json"));
    const QByteArray p2 = fixture(QStringLiteral("cdse-page2.json"));
    m_server.clear();
    m_server.setHandler([=](const Request& r) {
        if (r.method != "GET" || r.path() != QLatin1String("/stac/search"))
            return reply(404, "text/plain", "not found");
        return reply(200, "application/geo+json",
            r.query().queryItemValue(QStringLiteral("page")) == QLatin1String("2") ? p2 : p1);
    });
    stac::SearchParams p;
    p.endpoint = *stac::endpointFor(QStringLiteral("cdse"));
    QVERIFY(!p.endpoint.post);
    QVERIFY(p.endpoint.needsLogin);
    p.endpoint.url = m_server.url() + QStringLiteral("/stac");
    p.bbox = stac::BBox { 13.0, 52.4, 13.2, 52.5 };
    p.from = QDate(2023, 6, 1);
    p.to = QDate(2023, 6, 30);
    p.maxCloud = 50;
    p.tile = QStringLiteral("33UUU");
    p.pageSize = 2;
    const stac::SearchResult r = stac::search(p);
    QCOMPARE(r.pages, 2);
    QCOMPARE(r.items.size(), 2); // 32UQD at 80 % dropped here: the catalogue cannot filter either
    QCOMPARE(r.droppedByFilter, 1);
    QCOMPARE(r.items[0].tile, QStringLiteral("T33UUU"));
    QCOMPARE(r.items[1].cloudCover, 4.27);
    const QList<Request> req = m_server.requests();
    QCOMPARE(req.size(), 2);
    const QUrlQuery q = req[0].query();
    QCOMPARE(q.queryItemValue(QStringLiteral("collections")), QStringLiteral("SENTINEL-2"));
    QCOMPARE(q.queryItemValue(QStringLiteral("bbox")), QStringLiteral("13,52.4,13.2,52.5"));
    QCOMPARE(q.queryItemValue(QStringLiteral("datetime"), QUrl::FullyDecoded),
        QStringLiteral("2023-06-01T00:00:00Z/2023-06-30T23:59:59Z"));
    QCOMPARE(q.queryItemValue(QStringLiteral("sortby")), QStringLiteral("-datetime"));
    QCOMPARE(q.queryItemValue(QStringLiteral("limit")), QStringLiteral("2"));
    QVERIFY(!q.hasQueryItem(QStringLiteral("query"))); // nothing the catalogue does not document
    QCOMPARE(req[1].query().queryItemValue(QStringLiteral("page")), QStringLiteral("2"));
}

void TestStac::searchErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("delayMs");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("401") << 401 << QByteArray(R"({"code":"Unauthorized","description":"token expired"})") << 0
                         << QStringList { "HTTP 401", "login", "token expired" };
    QTest::newRow("500") << 500 << QByteArray("<html>Internal Server Error</html>") << 0
                         << QStringList { "HTTP 500", "try again later" };
    QTest::newRow("malformed JSON") << 200 << QByteArray(R"({"type": "FeatureCollection", "features": [)")
                                    << 0 << QStringList { "malformed JSON" };
    QTest::newRow("not a search answer") << 200 << QByteArray(R"({"type": "Feature", "id": "x"})") << 0
                                         << QStringList { "not a STAC search response" };
    QTest::newRow("feature without id")
        << 200 << QByteArray(R"({"features": [{"type": "Feature", "assets": {}}]})") << 0
        << QStringList { "without an \"id\"" };
    QTest::newRow("time-out") << 200 << fixture(QStringLiteral("earth-search-page2.json")) << 4000
                              << QStringList { "timed out", "0.6 s" };
}

void TestStac::searchErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, delayMs);
    QFETCH(QStringList, expected);
    m_server.clear();
    m_server.setHandler([=](const Request&) {
        Reply r = reply(status, "application/json", body);
        r.delayMs = delayMs;
        if (status == 500) // asked again (a restarting back end), here without a pause
            r.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("0")));
        return r;
    });
    stac::SearchParams p;
    p.endpoint = *stac::endpointFor(m_server.url() + QStringLiteral("/v1"));
    p.collections = { QStringLiteral("sentinel-2-l2a") };
    p.timeoutMs = 600;
    QElapsedTimer t;
    t.start();
    const QString e = errorOf([&] { stac::search(p); });
    QVERIFY2(t.elapsed() < 3000, "a time-out must not wait for the answer");
    // Every message names the URL and the problem.
    QVERIFY2(e.contains(m_server.url() + QStringLiteral("/v1/search")), qPrintable(e));
    for (const QString& x : expected)
        QVERIFY2(e.contains(x), qPrintable(e));
    if (status == 500) // the first answer and kRetries more
        QCOMPARE(m_server.requests().size(), 4);
}

// One feature without "assets" in a page failed the whole search: it is left out, and said.
void TestStac::brokenFeatureIsLeftOut()
{
    QJsonObject page = QJsonDocument::fromJson(fixture(QStringLiteral("earth-search-page2.json"))).object();
    QJsonArray features = page.value(QStringLiteral("features")).toArray();
    features.append(QJsonObject { { QStringLiteral("type"), QStringLiteral("Feature") },
        { QStringLiteral("id"), QStringLiteral("no-assets") } });
    page[QStringLiteral("features")] = features;
    const QByteArray body = QJsonDocument(page).toJson();
    m_server.setHandler([=](const Request&) { return reply(200, "application/geo+json", body); });
    stac::SearchParams p;
    p.endpoint = *stac::endpointFor(m_server.url() + QStringLiteral("/v1"));
    p.collections = { QStringLiteral("sentinel-2-l2a") };
    const stac::SearchResult r = stac::search(p);
    QCOMPARE(r.items.size(), 1);
    QCOMPARE(r.skipped.size(), 1);
    QVERIFY2(r.skipped.first().contains(QStringLiteral("no-assets")), qPrintable(r.skipped.first()));
}

void TestStac::slowAnswerWithinTimeout()
{
    const QByteArray p2 = fixture(QStringLiteral("earth-search-page2.json"));
    m_server.setHandler([=](const Request&) {
        Reply r = reply(200, "application/geo+json", p2);
        r.delayMs = 700;
        r.chunkDelayMs = 100; // 4 KiB pieces: the idle timer restarts on each
        return r;
    });
    stac::SearchParams p;
    p.endpoint = *stac::endpointFor(m_server.url() + QStringLiteral("/v1"));
    p.collections = { QStringLiteral("sentinel-2-l2a") };
    p.timeoutMs = 1500;
    QCOMPARE(stac::search(p).items.size(), 1);

    // A byte now and then restarted the idle timer for ever: under 512 bytes a second for a whole
    // timeout now fails (here 160 bytes a second; the whole answer would take 100 s).
    m_server.setHandler([=](const Request&) {
        Reply r = reply(200, "application/geo+json", p2);
        r.chunkDelayMs = 100;
        r.chunkBytes = 16;
        return r;
    });
    QElapsedTimer t;
    t.start();
    const QString slow = errorOf([&] { stac::search(p); });
    QVERIFY2(slow.contains(m_server.url() + QStringLiteral("/v1/search"))
            && slow.contains(QLatin1String("under 512 bytes a second for 1.5 s")),
        qPrintable(slow));
    QVERIFY2(t.elapsed() < 10000, "a trickle must not be waited out");

    // Nobody listening: the message names the URL.
    LocalServer* gone = new LocalServer;
    const QString url = gone->url();
    delete gone;
    p.endpoint.url = url;
    const QString e = errorOf([&] { stac::search(p); });
    QVERIFY2(e.contains(url + QStringLiteral("/search"))
            && e.contains(QLatin1String("refused"), Qt::CaseInsensitive),
        qPrintable(e));
}

void TestStac::downloadResumesAfterDrop()
{
    const QJsonObject json = localItem();
    const qint64 greenSize = QFileInfo(m_cogs + QStringLiteral("/B03.tif")).size();
    auto stalling = std::make_shared<std::atomic<bool>>(true);
    // In this first run the whole GET of B03 breaks half-way and every resume before a byte.
    m_server.setHandler(assetsAndItem(json, [=](const Request& r, Reply rep) {
        if (r.path().endsWith(QLatin1String("B03.tif")) && *stalling)
            rep.dropAfter = r.headers.contains("range") ? 0 : greenSize / 2;
        return rep;
    }));
    m_server.clear();
    const stac::Item item = stac::loadItems(m_server.url() + QStringLiteral("/items/item.json")).at(0);
    stac::DownloadOptions o;
    o.cacheDir = m_dir.filePath(QStringLiteral("cache"));
    o.bands = QStringList { "B02", "B03", "B04", "nir", "SCL" };
    const QString folder = o.cacheDir + QStringLiteral("/S2B_33UUU_20230615_0_L2A");
    QStringList said;
    Progress progress;
    progress.onProgress = [&](double, const QString& m) { said << m; };
    const QString e = errorOf([&] { stac::downloadItem(item, o, progress); });
    QVERIFY2(e.contains(QLatin1String("B03.tif")) && e.contains(QLatin1String("run again to resume")),
        qPrintable(e));
    // Resumed at once after the bytes came, then three more times after 1, 2 and 4 s without a byte (the
    // progress lines count this client's tries; the server may see more, Qt resending a dropped one).
    QCOMPARE(said.filter(QLatin1String("the connection broke; resuming")).size(), 1);
    QCOMPARE(said.filter(QLatin1String("no data came; trying again in")).size(), stac::Http::kRetries);
    *stalling = false;
    QVERIFY(QFileInfo::exists(folder + QStringLiteral("/B02.tif"))); // before B03: complete
    QVERIFY(!QFileInfo::exists(folder + QStringLiteral("/B03.tif"))); // never half a file under its name
    QCOMPARE(QFileInfo(stac::partialPath(folder + QStringLiteral("/B03.tif"))).size(), greenSize / 2);
    QVERIFY(!QFileInfo::exists(folder + QStringLiteral("/item.json")));

    m_server.clear();
    const stac::DownloadResult r = stac::downloadItem(item, o);
    QCOMPARE(r.reused, 1); // B02, checked against its checksum, not fetched again
    QCOMPARE(r.resumed, 1);
    const QList<Request> req = m_server.requests();
    QStringList greens;
    for (const Request& q : req)
        if (q.path().endsWith(QLatin1String("B03.tif")))
            greens << QString::fromLatin1(q.method + " range=" + q.headers.value("range"));
    // The resume asks for the rest. Qt's HTTP stack may resend a dropped request of the first run on a
    // new connection (seen under AddressSanitizer's slowness, arriving after clear()): a plain GET or
    // one of its stalled ranged ones; that answer goes nowhere, as bytesTransferred below shows.
    const QString ranged = QStringLiteral("GET range=bytes=%1-").arg(greenSize / 2);
    QVERIFY2(greens.count(ranged) >= 1
            && greens.count(ranged) + greens.count(QStringLiteral("GET range=")) == greens.size(),
        qPrintable(greens.join(QLatin1String("; "))));
    qint64 expected = greenSize - greenSize / 2;
    for (const char* f : { "B04.tif", "B08.tif", "SCL.tif" })
        expected += QFileInfo(m_cogs + QLatin1Char('/') + QLatin1String(f)).size();
    QCOMPARE(r.bytesTransferred, expected);
    QCOMPARE(r.files.size(), 5);
    for (const QString& f : r.files) {
        QCOMPARE(readAll(f), readAll(m_cogs + QLatin1Char('/') + QFileInfo(f).fileName()));
        QVERIFY(!QFileInfo::exists(stac::partialPath(f)));
    }
    // No stray temporaries: the folder holds the bands and item.json.
    QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden).size(), 6);

    // The local item reads as the remote one, window for window.
    const auto local = Product::open(r.itemJson);
    const auto remote = Product::open(m_server.url() + QStringLiteral("/items/item.json"));
    QCOMPARE(local->bandNames(), QStringList({ "B02", "B03", "B04", "B08" }));
    QVERIFY(local->hasClasses());
    QCOMPARE(local->width(), remote->width());
    const QStringList names = local->bandNames();
    const Window w { 3, 5, 200, 170 };
    std::vector<float> a(size_t(w.w) * w.h * names.size()), b(a.size());
    local->readWindow(names, w, a.data());
    remote->readWindow(names, w, b.data());
    for (size_t k = 0; k < a.size(); ++k)
        QVERIFY((std::isnan(a[k]) && std::isnan(b[k])) || a[k] == b[k]);
    // The saved item points at the local files only.
    const QJsonObject saved = QJsonDocument::fromJson(readAll(r.itemJson)).object();
    QCOMPARE(saved.value(QStringLiteral("assets")).toObject().size(), 5);
    QCOMPARE(saved.value(QStringLiteral("assets"))
                 .toObject()
                 .value(QStringLiteral("red"))
                 .toObject()
                 .value(QStringLiteral("href"))
                 .toString(),
        QStringLiteral("B04.tif"));
    // A third run fetches nothing.
    m_server.clear();
    QCOMPARE(stac::downloadItem(item, o).reused, 5);
    QCOMPARE(m_server.requests().size(), 0);
}

// A band served a few bytes at a time kept the download alive for ever (each byte restarted the idle
// timer, each drop resumed at once): too slow counts as no data, asked again kRetries times.
void TestStac::downloadTrickleGivesUp()
{
    const QJsonObject json = localItem();
    m_server.setHandler(assetsAndItem(json, [](const Request& r, Reply rep) {
        if (r.path().endsWith(QLatin1String("B03.tif"))) {
            rep.chunkDelayMs = 100;
            rep.chunkBytes = 8;
        }
        return rep;
    }));
    const stac::Item item = stac::loadItems(m_server.url() + QStringLiteral("/items/item.json")).at(0);
    stac::DownloadOptions o;
    o.cacheDir = m_dir.filePath(QStringLiteral("trickle"));
    o.bands = QStringList { "B03" };
    o.timeoutMs = 1500;
    QStringList said;
    Progress progress;
    progress.onProgress = [&](double, const QString& m) { said << m; };
    const QString e = errorOf([&] { stac::downloadItem(item, o, progress); });
    QVERIFY2(e.contains(QLatin1String("B03.tif: under 512 bytes a second for 1.5 s"))
            && e.contains(QLatin1String("run again to resume")),
        qPrintable(e));
    QCOMPARE(said.filter(QLatin1String("too slow; trying again in")).size(), stac::Http::kRetries);
    QVERIFY(said.filter(QLatin1String("resuming")).isEmpty());
}

void TestStac::downloadResumesWithinOneRun()
{
    const QJsonObject json = localItem();
    const qint64 greenSize = QFileInfo(m_cogs + QStringLiteral("/B03.tif")).size();
    // B03 breaks half-way, and its resume breaks again a quarter further on: both resumed in the run.
    // Keyed to the range, not counted: Qt's HTTP stack may itself resend a dropped request.
    const QByteArray second = "bytes=" + QByteArray::number(greenSize / 2) + '-';
    m_server.setHandler(assetsAndItem(json, [=](const Request& r, Reply rep) {
        if (r.path().endsWith(QLatin1String("B03.tif")) && !r.headers.contains("range"))
            rep.dropAfter = greenSize / 2;
        else if (r.path().endsWith(QLatin1String("B03.tif")) && r.headers.value("range") == second)
            rep.dropAfter = greenSize / 4;
        return rep;
    }));
    m_server.clear();
    const stac::Item item = stac::loadItems(m_server.url() + QStringLiteral("/items/item.json")).at(0);
    stac::DownloadOptions o;
    o.cacheDir = m_dir.filePath(QStringLiteral("cache-drops"));
    o.bands = QStringList { "B03", "B04" };
    QStringList said;
    Progress progress;
    progress.onProgress = [&](double, const QString& m) { said << m; };
    const stac::DownloadResult r = stac::downloadItem(item, o, progress);
    QCOMPARE(r.files.size(), 2);
    for (const QString& f : r.files) {
        QCOMPARE(readAll(f), readAll(m_cogs + QLatin1Char('/') + QFileInfo(f).fileName()));
        QVERIFY(!QFileInfo::exists(stac::partialPath(f)));
    }
    QCOMPARE(r.resumed, 1);
    // Every byte came once: the resumes asked for the rest, not the whole file again.
    QCOMPARE(r.bytesTransferred, greenSize + QFileInfo(m_cogs + QStringLiteral("/B04.tif")).size());
    QStringList greens;
    for (const Request& q : m_server.requests())
        if (q.path().endsWith(QLatin1String("B03.tif")))
            greens << QString::fromLatin1(q.headers.value("range"));
    QVERIFY2(greens.contains(QStringLiteral("bytes=%1-").arg(greenSize / 2))
            && greens.contains(QStringLiteral("bytes=%1-").arg(greenSize / 2 + greenSize / 4)),
        qPrintable(greens.join(QLatin1String("; "))));
    QVERIFY2(said.filter(QLatin1String("the connection broke; resuming")).size() == 2,
        qPrintable(said.join('\n')));

    // An answer that is no HTTP (a proxy's or load balancer's hiccup; over HTTP/2 a reset stream reads
    // the same: a protocol failure before any header) is tried again, as a drop is. Six in a row: Qt
    // itself sends a request again up to three times before it reports the connection closed.
    auto garbled = std::make_shared<std::atomic<int>>(0);
    m_server.setHandler(assetsAndItem(json, [=](const Request& r, Reply rep) {
        if (r.path().endsWith(QLatin1String("B04.tif")) && garbled->fetch_add(1) < 6)
            rep.raw = "SSH-2.0-OpenSSH_9.2\r\n\r\n";
        return rep;
    }));
    o.cacheDir = m_dir.filePath(QStringLiteral("cache-garbled"));
    o.bands = QStringList { "B04" };
    said.clear();
    const stac::DownloadResult g = stac::downloadItem(item, o, progress);
    QCOMPARE(g.files.size(), 1);
    QCOMPARE(readAll(g.files.at(0)), readAll(m_cogs + QStringLiteral("/B04.tif")));
    QVERIFY2(garbled->load() >= 7 && !said.filter(QLatin1String("no data came; trying again")).isEmpty(),
        qPrintable(said.join('\n')));
    // Over HTTP/2 (not served here) a reset stream comes as a protocol failure before any status: asked
    // again too. What would give the same answer again is not.
    for (const auto e : { QNetworkReply::RemoteHostClosedError, QNetworkReply::TimeoutError,
             QNetworkReply::ProtocolFailure, QNetworkReply::InternalServerError,
             QNetworkReply::UnknownServerError, QNetworkReply::UnknownNetworkError })
        QVERIFY2(stac::transientWithoutStatus(e), qPrintable(QString::number(int(e))));
    for (const auto e : { QNetworkReply::ConnectionRefusedError, QNetworkReply::HostNotFoundError,
             QNetworkReply::SslHandshakeFailedError, QNetworkReply::ProtocolUnknownError,
             QNetworkReply::OperationCanceledError })
        QVERIFY2(!stac::transientWithoutStatus(e), qPrintable(QString::number(int(e))));
}

void TestStac::checksumMismatchLeavesNothing()
{
    QJsonObject json = localItem();
    QJsonObject assets = json.value(QStringLiteral("assets")).toObject();
    QJsonObject red = assets.value(QStringLiteral("red")).toObject();
    red[QStringLiteral("file:checksum")] = QStringLiteral("1220") + QString(64, QLatin1Char('0'));
    assets[QStringLiteral("red")] = red;
    json[QStringLiteral("assets")] = assets;
    m_server.setHandler(assetsAndItem(json));
    const stac::Item item = stac::parseItem(json, QString(), QStringLiteral("test"));
    stac::DownloadOptions o;
    o.cacheDir = m_dir.filePath(QStringLiteral("cache-bad"));
    o.bands = QStringList { "B04" };
    const QString e = errorOf([&] { stac::downloadItem(item, o); });
    QVERIFY2(e.contains(QLatin1String("does not match its checksum"))
            && e.contains(QLatin1String("/assets/B04.tif")),
        qPrintable(e));
    const QString dest = o.cacheDir + QStringLiteral("/S2B_33UUU_20230615_0_L2A/B04.tif");
    QVERIFY(!QFileInfo::exists(dest));
    QVERIFY(!QFileInfo::exists(stac::partialPath(dest)));

    // An unknown multihash kind is named, never taken as a match.
    red[QStringLiteral("file:checksum")] = QStringLiteral("1b20") + QString(64, QLatin1Char('0')); // keccak
    assets[QStringLiteral("red")] = red;
    json[QStringLiteral("assets")] = assets;
    const QString k
        = errorOf([&] { stac::downloadItem(stac::parseItem(json, QString(), QStringLiteral("test")), o); });
    QVERIFY2(k.contains(QLatin1String("not supported")), qPrintable(k));
    // A band the item does not have.
    o.bands = QStringList { "B04", "B10" };
    QVERIFY(errorOf([&] { stac::downloadItem(item, o); }).contains(QLatin1String("no asset for B10")));
    // 401 on an asset: named, with the hint.
    m_server.setHandler(
        [](const Request&) { return reply(401, "application/json", R"({"detail":"Not authenticated"})"); });
    o.bands = QStringList { "B02" };
    const QString u = errorOf([&] { stac::downloadItem(item, o); });
    QVERIFY2(
        u.contains(QLatin1String("HTTP 401")) && u.contains(QLatin1String("/assets/B02.tif")), qPrintable(u));
    // ... and leaves no empty partial to "resume", nor, on a first download, an empty item folder.
    const QString b02 = o.cacheDir + QStringLiteral("/S2B_33UUU_20230615_0_L2A/B02.tif");
    QVERIFY(!QFileInfo::exists(stac::partialPath(b02)));
    QVERIFY2(!QFileInfo::exists(QFileInfo(b02).path()),
        qPrintable(QDir(QFileInfo(b02).path()).entryList(QDir::AllEntries | QDir::Hidden).join(' ')));
}

void TestStac::cancelThenResume()
{
    const QJsonObject json = localItem();
    // Slow pieces, so that the cancel comes mid-file.
    m_server.setHandler(assetsAndItem(json, [](const Request&, Reply rep) {
        rep.chunkDelayMs = 40;
        return rep;
    }));
    const stac::Item item = stac::parseItem(json, QString(), QStringLiteral("test"));
    stac::DownloadOptions o;
    o.cacheDir = m_dir.filePath(QStringLiteral("cache-cancel"));
    o.bands = QStringList { "B04" };
    const QString dest = o.cacheDir + QStringLiteral("/S2B_33UUU_20230615_0_L2A/B04.tif");
    const qint64 size = QFileInfo(m_cogs + QStringLiteral("/B04.tif")).size();
    QVERIFY2(size > 3 * 4096, "the B04 COG must take several pieces");
    std::atomic<bool> cancel { false };
    Progress progress;
    progress.cancelFlag = &cancel;
    progress.onProgress = [&](double f, const QString&) {
        if (f > 0)
            cancel = true;
    };
    QCOMPARE(errorOf([&] { stac::downloadItem(item, o, progress); }), QStringLiteral("(cancelled)"));
    QVERIFY(!QFileInfo::exists(dest));
    const qint64 kept = QFileInfo(stac::partialPath(dest)).size();
    QVERIFY(kept > 0 && kept < size);

    m_server.setHandler(assetsAndItem(json));
    const stac::DownloadResult r = stac::downloadItem(item, o);
    QCOMPARE(r.resumed, 1);
    QCOMPARE(r.bytesTransferred, size - kept);
    QCOMPARE(readAll(dest), readAll(m_cogs + QStringLiteral("/B04.tif")));
}

void TestStac::aoiDownloadReadsWindowsOnly()
{
    const QJsonObject json = localItem();
    m_server.setHandler(assetsAndItem(json));
    const stac::Item item = stac::parseItem(json, QString(), QStringLiteral("test"));
    // The AOI: pixels 140..250 x 150..240 of the 480 px grid, as lon / lat (one 128 px block of the
    // 10 m bands across, two down; one of the 20 m bands).
    const auto safe = Product::open(m_sample.main.safePath);
    const double* gt = safe->info().geoTransform;
    stac::DownloadOptions o;
    o.cacheDir = m_dir.filePath(QStringLiteral("cache-aoi"));
    o.bands = QStringList { "B02", "B04", "B08", "B11", "SCL" };
    o.aoi = aoiOfPixels(140, 150, 250, 240);
    QVERIFY(o.aoi->isValid());
    VSICurlClearCache(); // earlier tests read these files through /vsicurl/: count every byte anew
    m_server.clear();
    const stac::DownloadResult r = stac::downloadItem(item, o);
    QCOMPARE(r.files.size(), 5);
    qint64 whole = 0;
    for (const QString& f : r.files)
        whole += QFileInfo(m_cogs + QLatin1Char('/') + QFileInfo(f).fileName()).size();
    // Range reads of the window's blocks, not the files.
    QVERIFY2(m_server.bodyBytes() < whole / 3,
        qPrintable(QStringLiteral("%1 of %2 bytes").arg(m_server.bodyBytes()).arg(whole)));
    qInfo("AOI of 5 bands: %lld bytes over %d requests, the whole files %lld bytes", m_server.bodyBytes(),
        int(m_server.requests().size()), whole);
    for (const Request& q : m_server.requests())
        QVERIFY(q.method == "HEAD" || q.headers.contains("range"));

    // Cancelled while cutting the second band of a first AOI: the first band's window goes too (no
    // item.json would ever claim it, and eviction only sees folders with one).
    {
        stac::DownloadOptions c = o;
        c.cacheDir = m_dir.filePath(QStringLiteral("cache-aoi-cancel"));
        std::atomic<bool> stop { false };
        Progress progress;
        progress.cancelFlag = &stop;
        progress.onProgress = [&](double, const QString& m) {
            if (m.contains(QLatin1String("AOI of B04")))
                stop = true;
        };
        QVERIFY_THROWS_EXCEPTION(Cancelled, stac::downloadItem(item, c, progress));
        QDirIterator it(c.cacheDir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        QStringList left;
        while (it.hasNext())
            left << it.next();
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1String(", "))));
    }

    // Every band on one extent: the AOI widened to whole 20 m pixels, 10 m bands twice the size.
    GDALDatasetH b04 = GDALOpen(r.files[1].toUtf8().constData(), GA_ReadOnly);
    GDALDatasetH b11 = GDALOpen(r.files[3].toUtf8().constData(), GA_ReadOnly);
    QVERIFY(b04 && b11);
    double g4[6], g11[6];
    GDALGetGeoTransform(b04, g4);
    GDALGetGeoTransform(b11, g11);
    const int w = GDALGetRasterXSize(b04), h = GDALGetRasterYSize(b04);
    QCOMPARE(GDALGetRasterXSize(b11) * 2, w);
    QCOMPARE(GDALGetRasterYSize(b11) * 2, h);
    GDALClose(b04);
    GDALClose(b11);
    QCOMPARE(g4[0], g11[0]);
    QCOMPARE(g4[3], g11[3]);
    QVERIFY(w >= 110 && w < 130 && h >= 90 && h < 110);
    const int x0 = static_cast<int>(std::lround((g4[0] - gt[0]) / gt[1]));
    const int y0 = static_cast<int>(std::lround((g4[3] - gt[3]) / gt[5]));
    QVERIFY(x0 <= 140 && x0 + w >= 250 && y0 <= 150 && y0 + h >= 240);
    QCOMPARE(x0 % 2, 0);
    // The very DN of the source COG's window.
    QVERIFY(readDn(r.files[1], 0, 0, w, h) == readDn(m_cogs + QStringLiteral("/B04.tif"), x0, y0, w, h));

    // The folder opens as a product; the 10 m bands read as the remote item's window.
    const auto local = Product::open(r.itemJson);
    QCOMPARE(local->width(), w);
    QVERIFY(local->hasClasses());
    const auto remote = Product::open(m_server.url() + QStringLiteral("/items/item.json"));
    const QStringList names { "B02", "B04", "B08" };
    std::vector<float> a(size_t(w) * h * 3), b(a.size());
    local->readWindow(names, { 0, 0, w, h }, a.data());
    remote->readWindow(names, { x0, y0, w, h }, b.data());
    for (size_t k = 0; k < a.size(); ++k)
        QVERIFY((std::isnan(a[k]) && std::isnan(b[k])) || a[k] == b[k]);
    const QJsonObject saved = QJsonDocument::fromJson(readAll(r.itemJson)).object();
    QCOMPARE(saved.value(QStringLiteral("properties"))
                 .toObject()
                 .value(QStringLiteral("unclouded:aoi"))
                 .toArray()
                 .size(),
        4);
    QVERIFY(!saved.value(QStringLiteral("assets"))
                 .toObject()
                 .value(QStringLiteral("red"))
                 .toObject()
                 .contains(QStringLiteral("file:checksum")));

    // An AOI off the tile.
    o.aoi = stac::BBox { -60, -10, -59.9, -9.9 };
    const QString e = errorOf([&] { stac::downloadItem(item, o); });
    QVERIFY2(e.contains(QLatin1String("does not overlap")), qPrintable(e));
}

void TestStac::cacheEviction()
{
    const QString cache = m_dir.filePath(QStringLiteral("cache-evict"));
    for (const char* name : { "old", "middle", "new" }) {
        const QString id = QLatin1String(name);
        QVERIFY(QDir().mkpath(cache + QLatin1Char('/') + id));
        QFile f(cache + QLatin1Char('/') + id + QStringLiteral("/B02.tif"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(1000, 'x'));
        f.close();
        QFile i(cache + QLatin1Char('/') + id + QStringLiteral("/item.json"));
        QVERIFY(i.open(QIODevice::WriteOnly));
        // A crafted href never reaches outside the folder.
        i.write(R"({"assets": {"blue": {"href": "B02.tif"}, "x": {"href": "../new/B02.tif"}}})");
        i.close();
        QTest::qWait(20); // distinct modification times
    }
    // A band of an earlier download that the rewritten item.json no longer names is the cache's.
    QFile earlier(cache + QStringLiteral("/middle/B03.tif"));
    QVERIFY(earlier.open(QIODevice::WriteOnly));
    earlier.write("0123456789");
    earlier.close();
    // A user's file saved in an item folder (a result beside the bands) is not the cache's to evict.
    QFile mine(cache + QStringLiteral("/middle/my_result.tif"));
    QVERIFY(mine.open(QIODevice::WriteOnly));
    mine.write(QByteArray(5000, 'r'));
    mine.close();
    QVERIFY(QDir().mkpath(cache + QStringLiteral("/not-an-item"))); // a user's folder: never touched
    const QStringList removed = stac::evictCache(cache, 2200, { cache + QStringLiteral("/old") });
    QCOMPARE(removed, QStringList { cache + QStringLiteral("/middle") });
    QVERIFY(QFileInfo::exists(cache + QStringLiteral("/old/B02.tif")));
    QVERIFY(QFileInfo::exists(cache + QStringLiteral("/new/B02.tif")));
    QVERIFY(QFileInfo::exists(cache + QStringLiteral("/not-an-item")));
    QCOMPARE(QDir(cache + QStringLiteral("/middle")).entryList(QDir::Files | QDir::Hidden),
        QStringList { QStringLiteral("my_result.tif") });
    // An item open as a layer (its item.json, or a file inside) is kept even when emptying: a
    // sibling whose name merely starts alike is not.
    QVERIFY(QDir().mkpath(cache + QStringLiteral("/new2")));
    QFile i(cache + QStringLiteral("/new2/item.json"));
    QVERIFY(i.open(QIODevice::WriteOnly));
    i.write("{}");
    i.close();
    // The temporary of an AOI cut a killed run left behind is the cache's too.
    {
        QFile leftover(cache + QStringLiteral("/old/.B04.tif.partial-0badf00d.tif"));
        QVERIFY(leftover.open(QIODevice::WriteOnly));
        leftover.write(QByteArray(300, 't'));
    }
    // Kept through a link to the folder, as a cache under a symlinked home is.
    QVERIFY(QFile::link(cache + QStringLiteral("/new2"), m_dir.filePath(QStringLiteral("link-to-new2"))));
    const QStringList emptied
        = stac::evictCache(cache, 0, { m_dir.filePath(QStringLiteral("link-to-new2/item.json")), QString() });
    QCOMPARE(emptied, (QStringList { cache + QStringLiteral("/old"), cache + QStringLiteral("/new") }));
    QVERIFY(QFileInfo::exists(cache + QStringLiteral("/new2/item.json")));
    QVERIFY(!QFileInfo::exists(cache + QStringLiteral("/old"))); // emptied folders go
    QVERIFY(QFileInfo::exists(cache + QStringLiteral("/middle/my_result.tif")));

    // A folder a download holds (FolderLock's flock on the folder) is left alone; the eviction takes
    // that lock for its removal, so a download cannot start into the folder while it is emptied.
    const int download
        = ::open(QFile::encodeName(cache + QStringLiteral("/new2")).constData(), O_RDONLY | O_DIRECTORY);
    QVERIFY(download >= 0 && ::flock(download, LOCK_EX | LOCK_NB) == 0);
    QCOMPARE(stac::evictCache(cache, 0), QStringList());
    QVERIFY(QFileInfo::exists(cache + QStringLiteral("/new2/item.json")));
    ::close(download);
    QCOMPARE(stac::evictCache(cache, 0), QStringList { cache + QStringLiteral("/new2") });
    QVERIFY(!QFileInfo::exists(cache + QStringLiteral("/new2")));
}

// Real catalogues and buckets redirect (S3 presigned URLs, CDSE's download hops), answer 429 / 503
// when busy, and a run can stop between a file's last byte and its rename.
void TestStac::redirectsRetriesAndFinishedPartials()
{
    const QByteArray page = fixture(QStringLiteral("earth-search-page2.json"));
    auto busy = std::make_shared<std::atomic<int>>(0);
    m_server.setHandler([=](const Request& r) {
        if (r.path() == QLatin1String("/old/v1/search")) { // 308 keeps the POST and its body
            Reply moved = reply(308, "text/plain", "moved");
            moved.headers.append(qMakePair(QByteArray("Location"), QByteArray("/v1/search")));
            return moved;
        }
        if (r.path() == QLatin1String("/moved/v1/search")) { // 301: a POST would become a bare GET
            Reply moved = reply(301, "text/plain", "moved");
            moved.headers.append(qMakePair(QByteArray("Location"), QByteArray("/v1/search")));
            return moved;
        }
        if (r.path() == QLatin1String("/v1/search")
            && (r.method != "POST" || !r.json().contains(QStringLiteral("collections"))))
            return reply(400, "application/json", R"({"detail":"the search arrived without its body"})");
        if (r.path() == QLatin1String("/v1/search") && (*busy)++ == 0) {
            Reply b = reply(429, "application/json", R"({"detail":"slow down"})");
            b.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
            return b;
        }
        Reply ok = reply(200, "application/geo+json", page);
        if (r.path() == QLatin1String("/dropped/v1/search") && (*busy)++ < 3)
            ok.dropAfter = 100; // the connection closes mid-answer
        return ok;
    });
    stac::SearchParams p;
    p.endpoint = *stac::endpointFor(m_server.url() + QStringLiteral("/old/v1"));
    p.collections = { QStringLiteral("sentinel-2-l2a") };
    QElapsedTimer t;
    t.start();
    QCOMPARE(stac::search(p).items.size(), 1); // redirected, then asked again after the 429
    QVERIFY2(t.elapsed() >= 900, "Retry-After: 1 was not waited for");
    QCOMPARE(busy->load(), 2);
    // A connection dropped mid-answer (once) is asked again, not the search failed at once.
    p.endpoint.url = m_server.url() + QStringLiteral("/dropped/v1");
    QCOMPARE(stac::search(p).items.size(), 1);
    p.endpoint.url = m_server.url() + QStringLiteral("/moved/v1");
    const QString moved = errorOf([&] { stac::search(p); });
    QVERIFY2(
        moved.contains(QStringLiteral("use that address")) && moved.contains(QStringLiteral("/v1/search")),
        qPrintable(moved));

    // An asset behind a 302 (another path, as a presigned URL's host would be).
    QJsonObject json = localItem();
    QJsonObject assets = json.value(QStringLiteral("assets")).toObject();
    QJsonObject red = assets.value(QStringLiteral("red")).toObject();
    red[QStringLiteral("href")] = m_server.url() + QStringLiteral("/signed/B04.tif?X-Amz-Signature=abc");
    assets[QStringLiteral("red")] = red;
    json[QStringLiteral("assets")] = assets;
    const Handler files = assetsAndItem(json);
    auto unavailable = std::make_shared<std::atomic<int>>(0);
    m_server.setHandler([=](const Request& r) {
        if (r.path().startsWith(QLatin1String("/signed/"))) {
            const int n = (*unavailable)++;
            if (n < 2) // a back end restarting, then busy: both asked again
                return reply(n == 0 ? 500 : 503, "text/plain", "busy");
            Reply moved = reply(302, "text/plain", "see elsewhere");
            moved.headers.append(qMakePair(QByteArray("Location"), QByteArray("/assets/B04.tif")));
            return moved;
        }
        return files(r);
    });
    const stac::Item item = stac::parseItem(json, QString(), QStringLiteral("test"));
    stac::DownloadOptions o;
    o.cacheDir = m_dir.filePath(QStringLiteral("cache-redirect"));
    o.bands = QStringList { "B04" };
    const stac::DownloadResult r = stac::downloadItem(item, o);
    QCOMPARE(readAll(r.files.at(0)), readAll(m_cogs + QStringLiteral("/B04.tif")));
    QCOMPARE(unavailable->load(), 3);

    // The login goes along a redirect on the same origin, never to another one (a bucket, a site).
    LocalServer other;
    const QString elsewhere = other.url();
    other.setHandler(
        [cogs = m_cogs](const Request& q) { return fileReply(cogs + QStringLiteral("/B04.tif"), q); });
    m_server.setHandler([=](const Request& q) {
        Reply moved = reply(302, "text/plain", "");
        moved.headers.append(qMakePair(QByteArray("Location"),
            (q.path() == QLatin1String("/here") ? QStringLiteral("/assets/B04.tif")
                                                : elsewhere + QStringLiteral("/B04.tif"))
                .toUtf8()));
        return q.path().startsWith(QLatin1String("/assets/")) ? files(q) : moved;
    });
    m_server.clear();
    const QString away = m_dir.filePath(QStringLiteral("cache-redirect/away.tif"));
    stac::downloadFile(m_server.url() + QStringLiteral("/here"), away, QByteArray(), -1, 5000,
        QByteArrayLiteral("Bearer secret"), Progress());
    for (const Request& q : m_server.requests())
        QCOMPARE(q.headers.value("authorization"), QByteArray("Bearer secret"));
    QFile::remove(away);
    stac::downloadFile(m_server.url() + QStringLiteral("/there"), away, QByteArray(), -1, 5000,
        QByteArrayLiteral("Bearer secret"), Progress());
    QCOMPARE(other.requests().size(), 1);
    QVERIFY(!other.requests().first().headers.contains("authorization"));
    QCOMPARE(readAll(away), readAll(m_cogs + QStringLiteral("/B04.tif")));

    // An item's login goes to its own site's assets only: a CDSE token sent to an Earth Search
    // bucket got HTTP 400 there (and was given away).
    {
        QJsonObject mixed = localItem(false);
        QJsonObject a = mixed.value(QStringLiteral("assets")).toObject();
        QJsonObject blue = a.value(QStringLiteral("blue")).toObject();
        blue[QStringLiteral("href")] = elsewhere + QStringLiteral("/B02.tif");
        a[QStringLiteral("blue")] = blue;
        mixed[QStringLiteral("assets")] = a;
        other.setHandler(
            [cogs = m_cogs](const Request& q) { return fileReply(cogs + QStringLiteral("/B02.tif"), q); });
        other.clear();
        m_server.setHandler(files);
        m_server.clear();
        const stac::Item fromHere = stac::parseItem(
            mixed, m_server.url() + QStringLiteral("/items/x.json"), QStringLiteral("test"));
        QCOMPARE(fromHere.home, m_server.url() + QStringLiteral("/items/x.json"));
        stac::DownloadOptions lo;
        lo.cacheDir = m_dir.filePath(QStringLiteral("cache-login"));
        lo.bands = QStringList { "B02", "B04" };
        lo.authorization = QByteArrayLiteral("Bearer secret");
        stac::downloadItem(fromHere, lo);
        QCOMPARE(other.requests().size(), 1);
        QVERIFY(!other.requests().first().headers.contains("authorization"));
        QVERIFY(!m_server.requests().isEmpty());
        for (const Request& q : m_server.requests())
            QCOMPARE(q.headers.value("authorization"), QByteArray("Bearer secret"));
    }
    auto may = [](const char* home, const char* to) {
        return stac::loginMayReach(QUrl(QString::fromLatin1(home)), QUrl(QString::fromLatin1(to)));
    };
    QVERIFY(may("https://catalogue.dataspace.copernicus.eu/stac/search",
        "https://zipper.dataspace.copernicus.eu/odata/v1/Products(1)/$value"));
    QVERIFY(!may("https://earth-search.aws.element84.com/v1/search",
        "https://sentinel-cogs.s3.us-west-2.amazonaws.com/x/B04.tif"));
    QVERIFY(!may("https://a.s3.amazonaws.com/i.json", "https://b.s3.amazonaws.com/B04.tif"));
    QVERIFY(may("https://a.s3.amazonaws.com/i.json", "https://a.s3.amazonaws.com/B04.tif"));
    QVERIFY(!may("https://example.co.uk/stac", "https://evil.co.uk/x"));
    QVERIFY(may("https://api.example.co.uk/stac", "https://dl.example.co.uk/x"));
    QVERIFY(!may("https://catalogue.example.org/stac", "http://dl.example.org/x")); // never to plain http
    QVERIFY(may("", "https://data.example.org/x"));
    QVERIFY(!may("", "https://bucket.s3.amazonaws.com/x"));
    QVERIFY(!may("", "http://data.example.org/x"));
    QVERIFY(may("http://127.0.0.1:8080/items/a.json", "http://127.0.0.1:8080/assets/B04.tif"));
    QVERIFY(!may("http://127.0.0.1:8080/items/a.json", "http://127.0.0.1:9090/assets/B04.tif"));
    QVERIFY(!may("https://10.20.30.40/stac", "https://99.20.30.40/B04.tif")); // addresses: only themselves
    QVERIFY(may("https://geoservice.dlr.de/stac", "https://data.geoservice.dlr.de/B04.tif"));
    QVERIFY(!may("https://a.netlify.app/stac", "https://b.netlify.app/B04.tif"));
    // Messages name no presigned link's signature (they reach logs and the dock).
    QCOMPARE(stac::redactedUrl(QUrl(QStringLiteral(
                 "https://b.s3.amazonaws.com/x/B04.tif?X-Amz-Credential=AKIA&X-Amz-Signature=abc"))),
        QStringLiteral("https://b.s3.amazonaws.com/x/B04.tif?…"));
    QCOMPARE(
        stac::redactedUrl(QUrl(QStringLiteral("https://a.blob.core.windows.net/c/B04.tif?sv=1&sig=xyz"))),
        QStringLiteral("https://a.blob.core.windows.net/c/B04.tif?…"));
    QCOMPARE(stac::redactedUrl(QUrl(QStringLiteral("https://x.org/search?bbox=1,2,3,4&limit=5"))),
        QStringLiteral("https://x.org/search?bbox=1,2,3,4&limit=5"));
    {
        m_server.setHandler([](const Request&) { return reply(403, "text/plain", "expired"); });
        QString message;
        try {
            stac::downloadFile(m_server.url() + QStringLiteral("/B04.tif?X-Amz-Signature=s3cr3t"),
                m_dir.filePath(QStringLiteral("signed.tif")), QByteArray(), -1, 5000, QByteArray(),
                Progress());
        } catch (const Error& e) {
            message = e.message();
        }
        QVERIFY2(message.contains(QStringLiteral("HTTP 403")) && !message.contains(QStringLiteral("s3cr3t")),
            qPrintable(message));
    }

    // Stopped after the last byte, before the rename, with no file:size: the server answers the
    // resume with 416 "bytes */SIZE", which says the partial is whole. Checked, then kept.
    const QString dest = r.files.at(0);
    QVERIFY(QFile::rename(dest, stac::partialPath(dest)));
    m_server.setHandler(files);
    m_server.clear();
    bool resumed = false;
    QCOMPARE(stac::downloadFile(m_server.url() + QStringLiteral("/assets/B04.tif"), dest, QByteArray(), -1,
                 5000, QByteArray(), Progress(), &resumed),
        qint64(0));
    QVERIFY(resumed);
    QCOMPARE(readAll(dest), readAll(m_cogs + QStringLiteral("/B04.tif")));
    QVERIFY(!QFileInfo::exists(stac::partialPath(dest)));
    QCOMPARE(m_server.requests().size(), 1);

    // A partial longer than the file (another file's, the item changed since): 416 with another size.
    // Removed and fetched again from its first byte in the same run, not failed.
    QVERIFY(QFile::remove(dest));
    {
        QFile junk(stac::partialPath(dest));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(int(QFileInfo(m_cogs + QStringLiteral("/B04.tif")).size() + 10), 'x'));
    }
    m_server.clear();
    stac::downloadFile(m_server.url() + QStringLiteral("/assets/B04.tif"), dest, QByteArray(), -1, 5000,
        QByteArray(), Progress(), &resumed);
    QVERIFY(!resumed);
    QCOMPARE(readAll(dest), readAll(m_cogs + QStringLiteral("/B04.tif")));
    QVERIFY(!QFileInfo::exists(stac::partialPath(dest)));
    QCOMPARE(m_server.requests().size(), 2); // the 416, then the whole file
}

// An AOI download and a whole download of one item (or two AOIs of it) go to folders of their own:
// the whole one reused the AOI's windows as the tile, and an AOI overwrote a whole tile.
// GDAL's /vsicurl/ kept "no such file" for a URL that once answered 401 (an Open in place without the
// login) or failed: every later AOI cut of it in the process said "no such file", the login given or not.
void TestStac::aoiCutAfterARefusalIsTriedAgain()
{
    const QJsonObject json = localItem(false);
    const Handler files = assetsAndItem(json);
    auto refuse = std::make_shared<std::atomic<bool>>(true);
    m_server.setHandler([=](const Request& r) {
        return *refuse ? reply(401, "application/json", R"({"detail":"Not authenticated"})") : files(r);
    });
    const stac::Item item = stac::parseItem(json, QString(), QStringLiteral("test"));
    stac::DownloadOptions o;
    o.cacheDir = m_dir.filePath(QStringLiteral("cache-aoi-again"));
    o.bands = QStringList { "B04" };
    o.aoi = aoiOfPixels(100, 100, 200, 200);
    // A typo is no band: said, not dropped (the rest came without the SCL); no known name, not all bands.
    QVERIFY(item.bandAssets({ QStringLiteral("B13") }).isEmpty());
    QCOMPARE(item.bandAssets({ QStringLiteral("B04"), QStringLiteral("SLC") }).size(), 1);
    for (const QStringList& bands : { QStringList { "B04", "SLC" }, QStringList { "B02 B03 B04" } }) {
        stac::DownloadOptions typo = o;
        typo.bands = bands;
        QString message;
        try {
            stac::downloadItem(item, typo);
        } catch (const Error& e) {
            message = e.message();
        }
        QVERIFY2(message.contains(bands.last() + QStringLiteral(" names no Sentinel-2 band")),
            qPrintable(message));
    }
    QCOMPARE(stac::unknownBandNames({ "b2", "nir08", "scl", "B8A", "rededge1", " " }), QStringList());
    bool failed = false;
    try {
        stac::downloadItem(item, o);
    } catch (const Error&) {
        failed = true;
    }
    QVERIFY(failed);
    *refuse = false;
    const stac::DownloadResult r = stac::downloadItem(item, o);
    QCOMPARE(r.files.size(), 1);
    QVERIFY(QFileInfo(r.files.first()).size() > 0);
}

void TestStac::aoiAndWholeDownloadsKeepApart()
{
    const QJsonObject json = localItem(false); // no size or checksum, as Earth Search's items
    m_server.setHandler(assetsAndItem(json));
    const stac::Item item = stac::parseItem(json, QString(), QStringLiteral("test"));
    stac::DownloadOptions o;
    o.cacheDir = m_dir.filePath(QStringLiteral("cache-apart"));
    o.bands = QStringList { "B04", "SCL" };
    const auto safe = Product::open(m_sample.main.safePath);
    const stac::BBox aoi = aoiOfPixels(100, 100, 200, 200);
    QVERIFY(aoi.isValid());
    o.aoi = aoi;
    const stac::DownloadResult a = stac::downloadItem(item, o);
    // As an earlier version left an AOI: in the folder a whole download of the item uses.
    const QString old = o.cacheDir + QStringLiteral("/S2B_33UUU_20230615_0_L2A");
    QVERIFY(QDir().mkpath(old));
    for (const QString& f : QDir(a.folder).entryList(QDir::Files))
        QVERIFY(QFile::copy(a.folder + QLatin1Char('/') + f, old + QLatin1Char('/') + f));
    o.aoi.reset();
    const stac::DownloadResult w = stac::downloadItem(item, o);
    QCOMPARE(w.folder, old);
    QVERIFY(a.folder != w.folder);
    QCOMPARE(w.reused, 0);
    QCOMPARE(Product::open(w.itemJson)->width(), safe->width());
    QVERIFY(Product::open(a.itemJson)->width() < safe->width() / 2);
    // The AOI's item.json has the window's footprint, not the tile's grid.
    const QJsonObject saved = QJsonDocument::fromJson(readAll(a.itemJson)).object();
    QVERIFY(!saved.value(QStringLiteral("properties")).toObject().contains(QStringLiteral("proj:shape")));
    // The AOI within the item's box; here (the generator's grid, the real item's box) they do not
    // overlap, and the box is the AOI's rather than an inverted one.
    const QJsonArray box = saved.value(QStringLiteral("bbox")).toArray();
    const stac::BBox within { std::max(aoi.west, item.bbox.west), std::max(aoi.south, item.bbox.south),
        std::min(aoi.east, item.bbox.east), std::min(aoi.north, item.bbox.north) };
    const stac::BBox expected = within.isValid() ? within : aoi;
    QCOMPARE(box.at(0).toDouble(), expected.west);
    QCOMPARE(box.at(1).toDouble(), expected.south);
    QCOMPARE(box.at(2).toDouble(), expected.east);
    QCOMPARE(box.at(3).toDouble(), expected.north);
    QVERIFY(expected.isValid());

    // Two processes into one folder take turns: the second waits, then finds every file there.
    m_server.setHandler(assetsAndItem(json, [](const Request&, Reply rep) {
        rep.chunkDelayMs = 20;
        return rep;
    }));
    QDir(w.folder).removeRecursively();
    const QString exe = qEnvironmentVariable("UNCLOUDED_CLI");
    if (exe.isEmpty())
        QSKIP("UNCLOUDED_CLI not set (run through ctest)");
    QProcess first, second;
    const QStringList args { QStringLiteral("download"), m_server.url() + QStringLiteral("/items/item.json"),
        QStringLiteral("--out"), o.cacheDir, QStringLiteral("--bands"), QStringLiteral("B04,SCL") };
    first.start(exe, args);
    QVERIFY(first.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(
        QFileInfo::exists(stac::partialPath(w.folder + QStringLiteral("/B04.tif"))), 30000);
    second.start(exe, args);
    QVERIFY(first.waitForFinished(120000) && second.waitForFinished(120000));
    QCOMPARE(first.exitCode(), 0);
    QCOMPARE(second.exitCode(), 0);
    QVERIFY2(QString::fromUtf8(second.readAllStandardOutput()).contains(QStringLiteral("2 already there")),
        "the second download fetched the files again");
    for (const QString& f : { QStringLiteral("B04.tif"), QStringLiteral("SCL.tif") })
        QCOMPARE(readAll(w.folder + QLatin1Char('/') + f), readAll(m_cogs + QLatin1Char('/') + f));

    // An item a product reads (a job's input whose layer is closed, another process's run) is not
    // evicted until the product is gone; its mask's item neither.
    QVERIFY(QFileInfo::exists(w.itemJson) && QFileInfo::exists(a.itemJson));
    {
        const auto reading = Product::open(a.itemJson);
        const auto masked = Product::open(m_cogs, w.folder + QStringLiteral("/SCL.tif"), MaskKind::Scl);
        QCOMPARE(stac::evictCache(o.cacheDir, 0), QStringList());
        // A download that adds to the item rewrites item.json (a rename): the folder stays guarded.
        const QByteArray json = readAll(a.itemJson);
        writeFileAtomically(a.itemJson, json);
        QCOMPARE(stac::evictCache(o.cacheDir, 0), QStringList());
        std::vector<float> px(16);
        reading->readWindow({ QStringLiteral("B04") }, { 10, 10, 4, 4 }, px.data()); // still all there
    }
    QCOMPARE(stac::evictCache(o.cacheDir, 0).size(), 2);
    QVERIFY(!QFileInfo::exists(w.itemJson));
    QVERIFY(!QFileInfo::exists(w.folder) && !QFileInfo::exists(a.folder)); // the lock files gone too

    // The cache limit never follows a link out of the cache, nor evicts this command's own items.
    const QString outside = m_dir.filePath(QStringLiteral("users-own"));
    QVERIFY(QDir().mkpath(outside));
    QFile keepMe(outside + QStringLiteral("/item.json"));
    QVERIFY(keepMe.open(QIODevice::WriteOnly));
    keepMe.write("{}");
    keepMe.close();
    QVERIFY(QFile::link(outside, o.cacheDir + QStringLiteral("/linked")));
    QVERIFY(!stac::evictCache(o.cacheDir, 0).contains(o.cacheDir + QStringLiteral("/linked")));
    QVERIFY(QFileInfo::exists(outside + QStringLiteral("/item.json")));
}

void TestStac::cdseLogin()
{
    // Keycloak's token endpoint as CDSE runs it: a form POST, JSON back, 401 for a wrong password.
    const QString password = QStringLiteral("p&ss=w\u00f6rd+ 1");
    m_server.setHandler([password](const Request& r) {
        const QUrlQuery form(QString::fromUtf8(r.body));
        if (r.method != "POST" || r.path() != QLatin1String("/token")
            || r.headers.value("content-type") != "application/x-www-form-urlencoded"
            || form.queryItemValue(QStringLiteral("client_id")) != QLatin1String("cdse-public"))
            return reply(400, "application/json", R"({"error":"invalid_request"})");
        const QString grant = form.queryItemValue(QStringLiteral("grant_type"));
        const bool ok
            = (grant == QLatin1String("password")
                  && form.queryItemValue(QStringLiteral("username"), QUrl::FullyDecoded)
                      == QLatin1String("ana@example.org")
                  && form.queryItemValue(QStringLiteral("password"), QUrl::FullyDecoded) == password)
            || (grant == QLatin1String("refresh_token")
                && form.queryItemValue(QStringLiteral("refresh_token")) == QLatin1String("r1"));
        if (!ok)
            return reply(401, "application/json",
                R"({"error":"invalid_grant","error_description":"Invalid user credentials"})");
        return reply(200, "application/json",
            R"({"access_token":"eyJhbGciOiJSUzI1NiJ9.a.b","expires_in":600,"refresh_expires_in":3600,"refresh_token":"r1","token_type":"Bearer","scope":"AUDIENCE_PUBLIC openid email profile"})");
    });
    stac::Endpoint cdse = *stac::endpointFor(QStringLiteral("cdse"));
    QVERIFY(cdse.tokenUrl.startsWith(QLatin1String("https://identity.dataspace.copernicus.eu/")));
    cdse.tokenUrl = m_server.url() + QStringLiteral("/token");
    const stac::Token t = stac::fetchToken(cdse, QStringLiteral("ana@example.org"), password);
    QCOMPARE(t.authorization(), QByteArray("Bearer eyJhbGciOiJSUzI1NiJ9.a.b"));
    QCOMPARE(t.refresh, QByteArray("r1"));
    QVERIFY(std::abs(QDateTime::currentDateTimeUtc().secsTo(t.expires) - 600) < 5);
    QCOMPARE(stac::refreshToken(cdse, t.refresh).access, t.access);
    const QString e = errorOf(
        [&] { stac::fetchToken(cdse, QStringLiteral("ana@example.org"), QStringLiteral("wrong")); });
    QVERIFY2(e.contains(QLatin1String("HTTP 401")) && e.contains(QLatin1String("Invalid user credentials"))
            && e.contains(cdse.tokenUrl),
        qPrintable(e));
    // The password never appears in a message.
    QVERIFY(!e.contains(QLatin1String("wrong")));
    QVERIFY(errorOf([&] {
        stac::fetchToken(*stac::endpointFor(QStringLiteral("earth-search")), "a", "b");
    }).contains(QLatin1String("no login service")));
}

void TestStac::aoiFromVectorFiles()
{
    auto write = [&](const QString& name, const QByteArray& text) {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return path;
    };
    // lon / lat (GeoJSON's default CRS): the extent of both features.
    const stac::BBox a = stac::aoiFromFile(
        write(QStringLiteral("fields.geojson"), R"({"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[13.1,52.4],[13.2,52.4],[13.2,52.5],[13.1,52.4]]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[13.3,52.45]}}]})"));
    QCOMPARE(a.west, 13.1);
    QCOMPARE(a.east, 13.3);
    QCOMPARE(a.south, 52.4);
    QCOMPARE(a.north, 52.5);
    // UTM 33N: reprojected (x 500000 is the central meridian, 15 E).
    const stac::BBox u
        = stac::aoiFromFile(write(QStringLiteral("utm.geojson"), R"({"type":"FeatureCollection",
        "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32633"}},"features":[
        {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[499000,5800000],[501000,5800000],[501000,5802000],[499000,5800000]]]}}]})"));
    QVERIFY2(u.west < 15 && u.east > 15 && std::abs(u.south - 52.34) < 0.02,
        qPrintable(QStringLiteral("%1 %2 %3 %4").arg(u.west).arg(u.south).arg(u.east).arg(u.north)));
    QVERIFY(errorOf([&] {
        stac::aoiFromFile(
            write(QStringLiteral("empty.geojson"), R"({"type":"FeatureCollection","features":[]})"));
    }).contains(QLatin1String("no geometry")));
    QVERIFY(errorOf([&] {
        stac::aoiFromFile(m_dir.filePath(QStringLiteral("missing.gpkg")));
    }).contains(QLatin1String("Cannot open")));
}

// info writes nothing: the first SIGTERM ends it at once, also while GDAL waits on a band of a
// server that never answers (it waited there up to GDAL_HTTP_LOW_SPEED_TIME, 60 s, for the check).
void TestStac::cliInfoStopsAtTheFirstSignal()
{
    const QString exe = qEnvironmentVariable("UNCLOUDED_CLI");
    if (exe.isEmpty())
        QSKIP("UNCLOUDED_CLI not set (run through ctest)");
    m_server.clear();
    m_server.setHandler(assetsAndItem(localItem(), [](const Request&, Reply rep) {
        rep.delayMs = 90000;
        return rep;
    }));
    QProcess p;
    p.start(exe, { QStringLiteral("info"), m_server.url() + QStringLiteral("/items/item.json") });
    QVERIFY(p.waitForStarted());
    auto askedForABand = [&] {
        const QList<Request> seen = m_server.requests();
        return std::any_of(seen.begin(), seen.end(),
            [](const Request& r) { return r.path().startsWith(QLatin1String("/assets/")); });
    };
    QTRY_VERIFY_WITH_TIMEOUT(askedForABand(), 30000);
    QTest::qWait(300); // inside GDAL's wait
    ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
    QVERIFY2(p.waitForFinished(10000), "still waiting 10 s after SIGTERM");
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 128 + SIGTERM);
    QVERIFY2(err.contains("unclouded-cli info: interrupted"), err.constData());
}

void TestStac::cli()
{
    const QString exe = qEnvironmentVariable("UNCLOUDED_CLI");
    if (exe.isEmpty())
        QSKIP("UNCLOUDED_CLI not set (run through ctest)");
    const QByteArray p1 = fixture(QStringLiteral("earth-search-page1.json"));
    const QByteArray p2 = fixture(QStringLiteral("earth-search-page2.json"));
    const QJsonObject item = localItem();
    const Handler assets = assetsAndItem(item);
    m_server.setHandler([=](const Request& r) {
        if (r.path() == QLatin1String("/v1/search"))
            return reply(200, "application/geo+json", r.json().contains(QStringLiteral("next")) ? p2 : p1);
        if (r.path() == QLatin1String("/broken/search"))
            return reply(500, "text/plain", "database down");
        if (r.path() == QLatin1String("/token"))
            return QUrlQuery(QString::fromUtf8(r.body)).queryItemValue(QStringLiteral("password"))
                    == QLatin1String("pw")
                ? reply(200, "application/json",
                    R"({"access_token":"tok-1","expires_in":600,"refresh_token":"r1"})")
                : reply(401, "application/json", R"({"error":"invalid_grant"})");
        if (r.path().startsWith(QLatin1String("/private/"))) { // assets behind a login
            if (r.headers.value("authorization") != "Bearer tok-1")
                return reply(401, "application/json", R"({"detail":"Not authenticated"})");
            Request inner = r;
            inner.target = r.target.mid(8);
            return assets(inner);
        }
        return assets(r);
    });
    auto run = [&](const QStringList& args, QByteArray* out = nullptr, QByteArray* err = nullptr) {
        QProcess p;
        p.start(exe, args);
        if (!p.waitForFinished(120000))
            return -1;
        if (out)
            *out = p.readAllStandardOutput();
        if (err)
            *err = p.readAllStandardError();
        return p.exitCode();
    };
    QByteArray out, err;
    const QString json = m_dir.filePath(QStringLiteral("found.json"));
    QCOMPARE(run({ "search", "--endpoint", m_server.url() + "/v1", "--collection", "sentinel-2-l2a", "--bbox",
                     "13.0,52.4,13.2,52.5", "--from", "2023-06-01", "--to", "2023-06-30", "--max-cloud", "50",
                     "--limit", "10", "--json", json },
                 &out, &err),
        0);
    QVERIFY2(out.contains("2023-06-15  T33UUU     31.5  S2B_33UUU_20230615_0_L2A"), out.constData());
    QVERIFY2(out.contains("S2A_33UUU_20230603_0_L2A"), out.constData());
    QVERIFY2(out.contains("3 items (3 matched on the server)"), out.constData());
    QCOMPARE(
        QJsonDocument::fromJson(readAll(json)).object().value(QStringLiteral("features")).toArray().size(),
        3);

    // Bad arguments: 2, before any request.
    for (const QStringList& bad :
        { QStringList { "search", "--bbox", "13,52,14" }, QStringList { "search", "--max-cloud", "200" },
            QStringList { "search", "--endpoint", "nowhere" },
            QStringList { "search", "--from", "2023-13-01" }, QStringList { "search", "--tile", "33UU" },
            QStringList { "download", "x.json" }, QStringList { "download", "--out", "d" } })
        QVERIFY2(run(bad, &out, &err) == 2, qPrintable(bad.join(' ')));
    // A failing service: 1, the command and the problem named.
    QCOMPARE(run({ "search", "--endpoint", m_server.url() + "/broken", "--collection", "c" }, &out, &err), 1);
    QVERIFY2(
        err.contains("unclouded-cli search:") && err.contains("HTTP 500") && err.contains("database down"),
        err.constData());

    // download: from the item URL, two bands and the SCL; then info opens the result.
    const QString dir = m_dir.filePath(QStringLiteral("cli-cache"));
    QCOMPARE(run({ "download", m_server.url() + "/items/item.json", "--out", dir, "--bands", "B04,B08,SCL" },
                 &out, &err),
        0);
    QVERIFY2(out.contains("S2B_33UUU_20230615_0_L2A: 3 files"), out.constData());
    const QString itemJson = dir + QStringLiteral("/S2B_33UUU_20230615_0_L2A/item.json");
    QCOMPARE(run({ "info", itemJson, "--json" }, &out, &err), 0);
    const QJsonObject info = QJsonDocument::fromJson(out).object();
    QCOMPARE(info.value(QStringLiteral("bands")).toArray().size(), 2);
    QCOMPARE(info.value(QStringLiteral("classification")).toString(), QStringLiteral("SCL"));

    // Behind a login: refused without one, fetched with --user (password from the environment).
    const QString privateItem = m_server.url() + "/private/items/item.json";
    const QString dir2 = m_dir.filePath(QStringLiteral("cli-private"));
    QCOMPARE(run({ "download", privateItem, "--out", dir2, "--bands", "B04" }, &out, &err), 1);
    QVERIFY2(err.contains("HTTP 401"), err.constData());
    QProcess login;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("UNCLOUDED_PASSWORD"), QStringLiteral("pw"));
    login.setProcessEnvironment(env);
    login.start(exe,
        { "download", privateItem, "--out", dir2, "--bands", "B04", "--user", "ana", "--token-url",
            m_server.url() + "/token" });
    QVERIFY(login.waitForFinished(60000));
    QVERIFY2(login.exitCode() == 0, login.readAllStandardError().constData());
    QVERIFY(QFileInfo::exists(dir2 + QStringLiteral("/S2B_33UUU_20230615_0_L2A/B04.tif")));
    QCOMPARE(run({ "download", privateItem, "--out", dir2, "--token-url", "http://x/token" }, &out, &err), 2);
    QCOMPARE(run({ "download", privateItem, "--out", dir2, "--bands", "B04,SLC" }, &out, &err), 2);
    QVERIFY2(err.contains("SLC names no Sentinel-2 band"), err.constData());
}

QTEST_GUILESS_MAIN(TestStac)
#include "tst_stac.moc"
