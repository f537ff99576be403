// Products stored one raster per band: a folder of COGs and a STAC item over them open as the SAFE they
// were cut from (band names, grid, SCL, reflectance window by window), locally and over HTTP; offsets
// from an item, an MTD, a baseline or none; the real rio-tiler-pds COGs; every error names the file.
#include <arpa/inet.h>
#include <atomic>
#include <cmath>
#include <gdal_priv.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/error.h"
#include "core/common/runtime.h"
#include "core/io/bandfolder_p.h"
#include "core/io/product.h"
#include "core/masks/mask.h"
#include "core/sample/samplegenerator.h"

#include "gdaltestutil.h"
#include "testutil.h"

using namespace unclouded;

namespace {

// gdal_translate SRC DST -of COG [extra].
bool translate(const QString& src, const QString& dst, QStringList extra = {})
{
    return testutil::gdalTranslate(
        src, dst, QStringList { QStringLiteral("-of"), QStringLiteral("COG") } + extra);
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

void copyDir(const QString& from, const QString& to)
{
    QVERIFY(QProcess::execute(QStringLiteral("cp"), { QStringLiteral("-r"), from, to }) == 0);
}

QString findIn(const QString& dir, const QString& pattern)
{
    QDirIterator it(dir, { pattern }, QDir::Files, QDirIterator::Subdirectories);
    return it.hasNext() ? it.next() : QString();
}

QString errorOf(const QString& path)
{
    try {
        Product::open(path);
    } catch (const Error& e) {
        return e.message();
    }
    return QStringLiteral("(opened without an error)");
}

// An HTTP/1.1 server with Range support, one request per connection, on 127.0.0.1: enough for
// GDAL's /vsicurl/ to read a COG window by window.
class HttpServer
{
public:
    explicit HttpServer(const QString& root)
        : m_root(root)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&a), len) != 0 || ::listen(m_fd, 16) != 0
            || ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
            return;
        m_port = ntohs(a.sin_port);
        m_thread = std::thread([this] { loop(); });
    }
    ~HttpServer()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        ::close(m_fd);
    }
    int port() const { return m_port; }
    int requests() const { return m_requests; }

private:
    void loop()
    {
        while (!m_stop) {
            pollfd p { m_fd, POLLIN, 0 };
            if (::poll(&p, 1, 50) <= 0)
                continue;
            const int c = ::accept(m_fd, nullptr, nullptr);
            if (c >= 0) {
                serve(c);
                ::close(c);
            }
        }
    }
    void serve(int c)
    {
        QByteArray req;
        char buf[4096];
        while (!req.contains("\r\n\r\n")) {
            const ssize_t n = ::recv(c, buf, sizeof buf, 0);
            if (n <= 0)
                return;
            req.append(buf, static_cast<int>(n));
        }
        ++m_requests;
        const QList<QByteArray> lines = req.split('\n');
        const QList<QByteArray> first = lines.first().trimmed().split(' ');
        const bool head = first.value(0) == "HEAD";
        QFile f(m_root + QString::fromUtf8(QByteArray::fromPercentEncoding(first.value(1))));
        QByteArray reply;
        if (!f.open(QIODevice::ReadOnly)) {
            reply = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        } else {
            const qint64 size = f.size();
            qint64 from = 0, to = size - 1;
            bool range = false;
            for (const QByteArray& l : lines)
                if (l.toLower().startsWith("range: bytes=")) {
                    const QList<QByteArray> r = l.trimmed().mid(13).split('-');
                    from = r.value(0).toLongLong();
                    if (!r.value(1).isEmpty())
                        to = std::min(size - 1, r.value(1).toLongLong());
                    range = true;
                }
            f.seek(from);
            const QByteArray body = f.read(to - from + 1);
            reply = range ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n";
            if (range)
                reply += "Content-Range: bytes " + QByteArray::number(from) + '-' + QByteArray::number(to)
                    + '/' + QByteArray::number(size) + "\r\n";
            reply += "Accept-Ranges: bytes\r\nContent-Length: " + QByteArray::number(body.size())
                + "\r\nConnection: close\r\n\r\n";
            if (!head)
                reply += body;
        }
        for (qint64 sent = 0; sent < reply.size();) {
            const ssize_t n = ::send(c, reply.constData() + sent, reply.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                return;
            sent += n;
        }
    }
    QString m_root;
    int m_fd = -1, m_port = 0;
    std::atomic<bool> m_stop { false };
    std::atomic<int> m_requests { 0 };
    std::thread m_thread;
};

} // namespace

class TestBandFolder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void namesAndHrefs();
    void folderWithMtdOpensAsTheSafe();
    void itemOpensAsTheSafe();
    void itemOverHttpOpensAsTheSafe();
    void offsetsFromBaselineOrNone();
    void partOfASafeOpensTheSafe();
    void tileFolderWithoutItsSafe();
    void safeMissingBandsReadFromItsCopies();
    void offsetAlreadyInTheNumbers();
    void errors_data();
    void errors();
    void cliInfo();
    void realCogFolderFromShared();

private:
    // The per-band COG folder made from the SAFE: file name styles mixed on purpose.
    static QString cogName(const QString& band);
    QJsonObject item(const QString& hrefPrefix, bool raster) const;
    void compareWithSafe(const Product& p) const;

    QTemporaryDir m_dir;
    SampleReport m_report;
    std::shared_ptr<Product> m_safe;
    QString m_cogs; // m_dir/cogs
};

QString TestBandFolder::cogName(const QString& band)
{
    static const QMap<QString, QString> names { { QStringLiteral("B01"), QStringLiteral("coastal.tif") },
        { QStringLiteral("B02"), QStringLiteral("B02.tif") },
        { QStringLiteral("B03"), QStringLiteral("green.tif") },
        { QStringLiteral("B04"), QStringLiteral("T33UUU_20230615T102021_B04_10m.tif") },
        { QStringLiteral("B05"), QStringLiteral("rededge1.tif") },
        { QStringLiteral("B06"), QStringLiteral("B6.tif") },
        { QStringLiteral("B07"), QStringLiteral("b07.TIF") },
        { QStringLiteral("B08"), QStringLiteral("nir.tif") },
        { QStringLiteral("B8A"), QStringLiteral("nir08.tif") },
        { QStringLiteral("B09"), QStringLiteral("T33UUU_20230615T102021_B09_60m.tif") },
        { QStringLiteral("B11"), QStringLiteral("swir16.tif") },
        { QStringLiteral("B12"), QStringLiteral("B12.tif") },
        { QStringLiteral("SCL"), QStringLiteral("T33UUU_20230615T102021_SCL_20m.tif") } };
    return names.value(band);
}

void TestBandFolder::initTestCase()
{
    initializeRuntime();
    QVERIFY(m_dir.isValid());
    SampleOptions o;
    o.outDir = m_dir.filePath(QStringLiteral("sample"));
    o.size = 240;
    o.seed = 11;
    o.cloudCover = 0.35;
    m_report = generateSample(o);
    m_safe = Product::open(m_report.main.safePath);
    QCOMPARE(m_safe->bandNames().size(), 12);
    QVERIFY(m_safe->hasClasses());

    // Each band from the very JP2 the SAFE reader reads (B01 at 60 m, B05 at 20 m ...), as a COG.
    m_cogs = m_dir.filePath(QStringLiteral("cogs"));
    QVERIFY(QDir().mkpath(m_cogs));
    for (const BandDesc& b : m_safe->info().bands)
        QVERIFY2(translate(b.file, m_cogs + QLatin1Char('/') + cogName(b.name)), qPrintable(b.file));
    QVERIFY(translate(m_safe->info().maskFile, m_cogs + QLatin1Char('/') + cogName(QStringLiteral("SCL"))));
    // What a band folder holds beside the bands, and must ignore: TCI, AOT, WVP, a preview.
    const QString safe = m_report.main.safePath;
    QVERIFY(translate(findIn(safe, QStringLiteral("*_TCI_10m.jp2")), m_cogs + QStringLiteral("/TCI.tif")));
    QVERIFY(translate(findIn(safe, QStringLiteral("*_AOT_20m.jp2")), m_cogs + QStringLiteral("/AOT.tif")));
    QVERIFY(translate(findIn(safe, QStringLiteral("*_WVP_10m.jp2")), m_cogs + QStringLiteral("/WVP.tif")));
    QVERIFY(
        translate(findIn(safe, QStringLiteral("*_TCI_60m.jp2")), m_cogs + QStringLiteral("/L2A_PVI.tif")));
}

QJsonObject TestBandFolder::item(const QString& hrefPrefix, bool raster) const
{
    // Keys in every style catalogues use: B02, blue, nir08, rededge1, SCL_20m ...
    static const QMap<QString, QString> keys { { QStringLiteral("B01"), QStringLiteral("coastal") },
        { QStringLiteral("B02"), QStringLiteral("blue") }, { QStringLiteral("B03"), QStringLiteral("B03") },
        { QStringLiteral("B04"), QStringLiteral("red") },
        { QStringLiteral("B05"), QStringLiteral("rededge1") },
        { QStringLiteral("B06"), QStringLiteral("B06_20m") },
        { QStringLiteral("B07"), QStringLiteral("rededge3") },
        { QStringLiteral("B08"), QStringLiteral("nir") }, { QStringLiteral("B8A"), QStringLiteral("nir08") },
        { QStringLiteral("B09"), QStringLiteral("nir09") },
        { QStringLiteral("B11"), QStringLiteral("swir16") },
        { QStringLiteral("B12"), QStringLiteral("swir22") } };
    QJsonObject assets;
    for (const BandDesc& b : m_safe->info().bands) {
        QJsonObject a { { QStringLiteral("href"), hrefPrefix + cogName(b.name) },
            { QStringLiteral("type"),
                QStringLiteral("image/tiff; application=geotiff; profile=cloud-optimized") },
            { QStringLiteral("roles"),
                QJsonArray { QStringLiteral("data"), QStringLiteral("reflectance") } } };
        if (b.name != QLatin1String("B06")) // B06: found by its key alone
            a[QStringLiteral("eo:bands")]
                = QJsonArray { QJsonObject { { QStringLiteral("name"), keys[b.name] } } };
        if (raster)
            a[QStringLiteral("raster:bands")] = QJsonArray { QJsonObject { { QStringLiteral("nodata"), 0 },
                { QStringLiteral("scale"), 0.0001 }, { QStringLiteral("offset"), -0.1 } } };
        assets[keys[b.name]] = a;
        // The same band as the original JP2: a COG is preferred (windowed reads).
        assets[keys[b.name] + QStringLiteral("-jp2")] = QJsonObject { { QStringLiteral("href"), b.file },
            { QStringLiteral("type"), QStringLiteral("image/jp2") },
            { QStringLiteral("eo:bands"),
                QJsonArray { QJsonObject { { QStringLiteral("name"), keys[b.name] } } } },
            { QStringLiteral("roles"), QJsonArray { QStringLiteral("data") } } };
    }
    assets[QStringLiteral("SCL_20m")]
        = QJsonObject { { QStringLiteral("href"), hrefPrefix + cogName(QStringLiteral("SCL")) },
              { QStringLiteral("type"), QStringLiteral("image/tiff; application=geotiff") },
              { QStringLiteral("roles"), QJsonArray { QStringLiteral("data") } } };
    assets[QStringLiteral("visual")]
        = QJsonObject { { QStringLiteral("href"), hrefPrefix + QStringLiteral("TCI.tif") },
              { QStringLiteral("type"), QStringLiteral("image/tiff; application=geotiff") },
              { QStringLiteral("eo:bands"),
                  QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("red") } },
                      QJsonObject { { QStringLiteral("name"), QStringLiteral("green") } },
                      QJsonObject { { QStringLiteral("name"), QStringLiteral("blue") } } } },
              { QStringLiteral("roles"), QJsonArray { QStringLiteral("visual") } } };
    assets[QStringLiteral("aot")]
        = QJsonObject { { QStringLiteral("href"), hrefPrefix + QStringLiteral("AOT.tif") },
              { QStringLiteral("type"), QStringLiteral("image/tiff; application=geotiff") },
              { QStringLiteral("roles"), QJsonArray { QStringLiteral("data") } } };
    assets[QStringLiteral("thumbnail")]
        = QJsonObject { { QStringLiteral("href"), QStringLiteral("thumb.jpg") },
              { QStringLiteral("type"), QStringLiteral("image/jpeg") },
              { QStringLiteral("roles"), QJsonArray { QStringLiteral("thumbnail") } } };
    return QJsonObject { { QStringLiteral("type"), QStringLiteral("Feature") },
        { QStringLiteral("stac_version"), QStringLiteral("1.0.0") },
        { QStringLiteral("id"), QStringLiteral("S2B_33UUU_20230615_0_L2A") },
        { QStringLiteral("collection"), QStringLiteral("sentinel-2-l2a") },
        { QStringLiteral("properties"),
            QJsonObject { { QStringLiteral("datetime"), QStringLiteral("2023-06-15T10:20:21.024000Z") },
                { QStringLiteral("eo:cloud_cover"), 31.5 },
                { QStringLiteral("s2:mgrs_tile"), QStringLiteral("33UUU") },
                { QStringLiteral("s2:processing_baseline"), QStringLiteral("05.09") },
                { QStringLiteral("view:sun_elevation"), 60.0 },
                { QStringLiteral("view:sun_azimuth"), 160.3 } } },
        { QStringLiteral("assets"), assets } };
}

void TestBandFolder::compareWithSafe(const Product& p) const
{
    const Product& s = *m_safe;
    QCOMPARE(p.bandNames(), s.bandNames());
    QCOMPARE(p.width(), s.width());
    QCOMPARE(p.height(), s.height());
    QCOMPARE(p.info().epsg, s.info().epsg);
    for (int k = 0; k < 6; ++k)
        QCOMPARE(p.info().geoTransform[k], s.info().geoTransform[k]);
    QVERIFY(p.hasClasses());
    QCOMPARE(p.info().maskKind, MaskKind::Scl);
    for (int i = 0; i < s.info().bands.size(); ++i) {
        QCOMPARE(p.info().bands[i].offset, s.info().bands[i].offset);
        QCOMPARE(p.info().bands[i].scale, s.info().bands[i].scale);
    }
    // Whole grid, odd windows, the edges: every band (10, 20 and 60 m) and the classes.
    const QStringList names = s.bandNames();
    for (const Window w : { Window { 0, 0, 240, 240 }, Window { 7, 13, 50, 33 }, Window { 101, 59, 139, 181 },
             Window { 231, 0, 9, 240 }, Window { 0, 237, 240, 3 } }) {
        const size_t n = static_cast<size_t>(w.w) * w.h;
        std::vector<float> a(n * names.size()), b(n * names.size());
        p.readWindow(names, w, a.data());
        s.readWindow(names, w, b.data());
        for (size_t k = 0; k < a.size(); ++k) {
            const bool same = (std::isnan(a[k]) && std::isnan(b[k])) || std::abs(a[k] - b[k]) <= 1e-6f;
            if (!same)
                QFAIL(qPrintable(QStringLiteral("band %1 at window %2,%3 pixel %4: %5 vs %6 (SAFE)")
                                     .arg(names[static_cast<int>(k / n)])
                                     .arg(w.x)
                                     .arg(w.y)
                                     .arg(k % n)
                                     .arg(a[k])
                                     .arg(b[k])));
        }
        std::vector<uint8_t> ca(n), cb(n);
        p.readClasses(w, ca.data());
        s.readClasses(w, cb.data());
        QVERIFY(ca == cb);
    }
    const Coverage cp = computeCoverage(p, MaskSpec()), cs = computeCoverage(s, MaskSpec());
    QVERIFY(cp.counts == cs.counts);
    QCOMPARE(cp.hidden, cs.hidden);
    QVERIFY(cs.hidden > 0);
    // Display reads run (values differ: COG overviews are not JP2 resolution levels).
    std::vector<float> q(60 * 60 * 3);
    p.readScaled({ QStringLiteral("B04"), QStringLiteral("B03"), QStringLiteral("B02") }, { 0, 0, 240, 240 },
        60, 60, q.data());
}

void TestBandFolder::namesAndHrefs()
{
    using io::bandFromName;
    QCOMPARE(bandFromName(QStringLiteral("B02.tif")).band, QStringLiteral("B02"));
    QCOMPARE(bandFromName(QStringLiteral("b8a.TIF")).band, QStringLiteral("B8A"));
    QCOMPARE(bandFromName(QStringLiteral("nir08.tif")).band, QStringLiteral("B8A"));
    QCOMPARE(bandFromName(QStringLiteral("nir.tif")).band, QStringLiteral("B08"));
    QCOMPARE(bandFromName(QStringLiteral("rededge2.jp2")).band, QStringLiteral("B06"));
    QCOMPARE(bandFromName(QStringLiteral("swir22.tif")).band, QStringLiteral("B12"));
    const io::NamedBand esa = bandFromName(QStringLiteral("T29RKH_20200219T112111_B8A_20m.jp2"));
    QCOMPARE(esa.band, QStringLiteral("B8A"));
    QCOMPARE(esa.resolution, 20);
    QVERIFY(bandFromName(QStringLiteral("T29RKH_20200219T112111_SCL_20m.jp2")).scl);
    QVERIFY(bandFromName(QStringLiteral("SCL.tif")).scl);
    for (const char* ignored :
        { "TCI.tif", "T29RKH_20200219T112111_TCI_10m.jp2", "AOT.tif", "WVP.tif", "L2A_PVI.tif",
            "MSK_CLDPRB_20m.jp2", "rededge.tif", "B02_B03_B04.tif", "readme.tif", "thumbnail.tif" }) {
        const io::NamedBand n = bandFromName(QLatin1String(ignored));
        QVERIFY2(n.band.isEmpty() && !n.scl, ignored);
    }
    QVERIFY(bandFromName(QStringLiteral("AOT_20m")).ignored);
    using io::resolveAssetHref;
    QCOMPARE(resolveAssetHref(QStringLiteral("/data/items/x.json"), QStringLiteral("B02.tif")),
        QStringLiteral("/data/items/B02.tif"));
    QCOMPARE(resolveAssetHref(QStringLiteral("/data/items/x.json"), QStringLiteral("../cogs/B02.tif")),
        QStringLiteral("/data/cogs/B02.tif"));
    QCOMPARE(resolveAssetHref(QStringLiteral("/data/x.json"), QStringLiteral("https://h.org/a/B02.tif")),
        QStringLiteral("/vsicurl/https://h.org/a/B02.tif"));
    QCOMPARE(resolveAssetHref(QStringLiteral("https://h.org/a/b/x.json"), QStringLiteral("./B02.tif")),
        QStringLiteral("/vsicurl/https://h.org/a/b/B02.tif"));
    QCOMPARE(resolveAssetHref(QStringLiteral("https://h.org/a/b/x.json"), QStringLiteral("../c/B02.tif")),
        QStringLiteral("/vsicurl/https://h.org/a/c/B02.tif"));
    QCOMPARE(resolveAssetHref(QStringLiteral("/data/x.json"), QStringLiteral("s3://sentinel-cogs/t/B02.tif")),
        QStringLiteral("/vsis3/sentinel-cogs/t/B02.tif"));
    QCOMPARE(resolveAssetHref(QStringLiteral("/data/x.json"), QStringLiteral("file:///d/B02.tif")),
        QStringLiteral("/d/B02.tif"));
}

void TestBandFolder::folderWithMtdOpensAsTheSafe()
{
    // The COGs and the product's MTD in one folder: offsets per band from the MTD.
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("bands"));
    copyDir(m_cogs, folder);
    QVERIFY(QFile::copy(m_report.main.safePath + QStringLiteral("/MTD_MSIL2A.xml"),
        folder + QStringLiteral("/MTD_MSIL2A.xml")));
    const auto p = Product::open(folder);
    QCOMPARE(p->info().format, QStringLiteral("Band folder"));
    QCOMPARE(p->info().productName, m_safe->info().productName);
    QCOMPARE(p->info().baseline, QStringLiteral("05.09"));
    QCOMPARE(p->info().level, QStringLiteral("L2A"));
    QCOMPARE(p->info().tileId, QStringLiteral("T33UUU"));
    QCOMPARE(p->info().sensingTime, m_safe->info().sensingTime);
    QCOMPARE(p->info().bands[p->bandIndex(QStringLiteral("B05"))].resolution, 20);
    QCOMPARE(p->info().bands[p->bandIndex(QStringLiteral("B01"))].resolution, 60);
    QVERIFY2(p->info().warnings.isEmpty(), qPrintable(p->info().warnings.join(QLatin1Char('\n'))));
    QVERIFY(p->info().maskFile.endsWith(QLatin1String("_SCL_20m.tif")));
    compareWithSafe(*p);

    // A SAFE's IMG_DATA (R10m / R20m / R60m, every band at several resolutions, ESA's JP2 names) with
    // the MTD: each band from its native resolution, as the SAFE reader takes it.
    const QString img = dir.filePath(QStringLiteral("IMG_DATA"));
    copyDir(QFileInfo(findIn(m_report.main.safePath, QStringLiteral("*_B02_10m.jp2"))).absolutePath()
            + QStringLiteral("/.."),
        img);
    QVERIFY(QFile::copy(
        m_report.main.safePath + QStringLiteral("/MTD_MSIL2A.xml"), img + QStringLiteral("/MTD_MSIL2A.xml")));
    const auto jp2 = Product::open(img);
    for (const BandDesc& b : jp2->info().bands)
        QVERIFY2(b.file.endsWith(QStringLiteral("_%1_%2m.jp2").arg(b.name).arg(b.resolution))
                && b.resolution == m_safe->info().bands[m_safe->bandIndex(b.name)].resolution,
            qPrintable(b.file));
    QVERIFY2(jp2->info().warnings.isEmpty(), qPrintable(jp2->info().warnings.join(QLatin1Char('\n'))));
    compareWithSafe(*jp2);
}

void TestBandFolder::itemOpensAsTheSafe()
{
    const QString path = m_dir.filePath(QStringLiteral("item.json"));
    writeFile(path, QJsonDocument(item(QStringLiteral("cogs/"), true)).toJson());
    QVERIFY(isStacItem(path));
    const auto p = Product::open(path);
    const ProductInfo& i = p->info();
    QCOMPARE(i.format, QStringLiteral("STAC item"));
    QCOMPARE(i.productName, QStringLiteral("S2B_33UUU_20230615_0_L2A"));
    QCOMPARE(i.level, QStringLiteral("L2A"));
    QCOMPARE(i.tileId, QStringLiteral("T33UUU"));
    QCOMPARE(i.sensingTime, QStringLiteral("2023-06-15T10:20:21.024000Z"));
    QCOMPARE(i.cloudCoverMetadata, 31.5);
    QCOMPARE(i.sunZenith, 30.0);
    for (const BandDesc& b : i.bands) // the COG, never the JP2 beside it
        QVERIFY2(b.file.startsWith(m_cogs + QLatin1Char('/'))
                && b.file.endsWith(QLatin1String(".tif"), Qt::CaseInsensitive),
            qPrintable(b.file));
    QVERIFY(i.warnings.isEmpty());
    compareWithSafe(*p);
    // Values out of their range are no values: no sensing time "yesterday", no 309-digit cloud cover.
    {
        QJsonObject odd = item(QStringLiteral("cogs/"), true);
        QJsonObject props = odd[QStringLiteral("properties")].toObject();
        props[QStringLiteral("datetime")] = QStringLiteral("yesterday");
        props[QStringLiteral("eo:cloud_cover")] = 1e308;
        props[QStringLiteral("view:sun_elevation")] = 1e308;
        odd[QStringLiteral("properties")] = props;
        const QString oddPath = m_dir.filePath(QStringLiteral("odd-item.json"));
        writeFile(oddPath, QJsonDocument(odd).toJson());
        const auto o = Product::open(oddPath);
        QVERIFY(!o->info().sensingTime.contains(QStringLiteral("yesterday")));
        QVERIFY(o->info().cloudCoverMetadata < 0);
        QVERIFY(o->info().sunZenith < 0);
    }
    // A band's asset without a usable link: that band is left out, and said (it was silent).
    for (const QJsonValue& href : { QJsonValue(), QJsonValue(QString()), QJsonValue(7) }) {
        QJsonObject broken = item(QStringLiteral("cogs/"), true);
        QJsonObject assets = broken[QStringLiteral("assets")].toObject();
        for (const char* key : { "red", "red-jp2" }) {
            QJsonObject red = assets[QLatin1String(key)].toObject();
            if (href.isUndefined())
                red.remove(QStringLiteral("href"));
            else
                red[QStringLiteral("href")] = href;
            assets[QLatin1String(key)] = red;
        }
        broken[QStringLiteral("assets")] = assets;
        const QString brokenPath = m_dir.filePath(QStringLiteral("broken-item.json"));
        writeFile(brokenPath, QJsonDocument(broken).toJson());
        const auto b = Product::open(brokenPath);
        QCOMPARE(b->bandIndex(QStringLiteral("B04")), -1);
        QVERIFY2(b->info().warnings.join(' ').contains(
                     QStringLiteral("the asset red has no link (href): band B04")),
            qPrintable(b->info().warnings.join(' ')));
    }

    // The item beside the COGs (hrefs anywhere, even unreachable): the folder takes its offsets.
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("bands"));
    copyDir(m_cogs, folder);
    writeFile(folder + QStringLiteral("/S2B_33UUU_20230615_0_L2A.json"),
        QJsonDocument(item(QStringLiteral("https://example.invalid/cogs/"), true)).toJson());
    const auto f = Product::open(folder);
    QCOMPARE(f->info().format, QStringLiteral("Band folder"));
    QCOMPARE(f->info().productName, QStringLiteral("S2B_33UUU_20230615_0_L2A"));
    QCOMPARE(f->info().cloudCoverMetadata, 31.5);
    QVERIFY(f->info().warnings.isEmpty());
    compareWithSafe(*f);
}

void TestBandFolder::itemOverHttpOpensAsTheSafe()
{
    bool curl = false;
    char** fs = VSIGetFileSystemsPrefixes();
    for (int k = 0; fs && fs[k]; ++k)
        curl |= qstrcmp(fs[k], "/vsicurl/") == 0;
    CSLDestroy(fs);
    if (!curl)
        QSKIP("GDAL has no /vsicurl/");
    // The item and its COGs served over HTTP; relative hrefs resolve against the item's URL.
    writeFile(m_dir.filePath(QStringLiteral("http-item.json")),
        QJsonDocument(item(QStringLiteral("cogs/"), true)).toJson());
    HttpServer server(m_dir.path());
    QVERIFY(server.port() > 0);
    const QString url = QStringLiteral("http://127.0.0.1:%1/http-item.json").arg(server.port());
    const auto p = Product::open(url);
    QCOMPARE(p->info().path, url);
    QCOMPARE(p->info().format, QStringLiteral("STAC item"));
    QVERIFY2(p->info().bands.first().file.startsWith(QStringLiteral("/vsicurl/http://127.0.0.1")),
        qPrintable(p->info().bands.first().file));
    compareWithSafe(*p);
    QVERIFY(server.requests() > 13);

    // A URL that is no item: the message names it.
    const QString missing = QStringLiteral("http://127.0.0.1:%1/nothing.json").arg(server.port());
    QVERIFY2(errorOf(missing).contains(missing), qPrintable(errorOf(missing)));
}

void TestBandFolder::offsetsFromBaselineOrNone()
{
    // An item without raster:bands: baseline 05.09 gives -1000, unless the offset was applied already.
    QJsonObject it = item(QStringLiteral("cogs/"), false);
    const QString path = m_dir.filePath(QStringLiteral("baseline.json"));
    writeFile(path, QJsonDocument(it).toJson());
    compareWithSafe(*Product::open(path));
    QJsonObject props = it[QStringLiteral("properties")].toObject();
    props[QStringLiteral("earthsearch:boa_offset_applied")] = true;
    it[QStringLiteral("properties")] = props;
    writeFile(path, QJsonDocument(it).toJson());
    const auto applied = Product::open(path);
    for (const BandDesc& b : applied->info().bands)
        QCOMPARE(b.offset, 0.0);

    // A folder with AWS's productInfo.json: the baseline in the product name, with a warning that says so.
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("bands"));
    copyDir(m_cogs, folder);
    writeFile(folder + QStringLiteral("/productInfo.json"),
        QJsonDocument(QJsonObject { { QStringLiteral("name"), m_safe->info().productName } }).toJson());
    const auto inferred = Product::open(folder);
    QCOMPARE(inferred->info().baseline, QStringLiteral("05.09"));
    QCOMPARE(inferred->info().warnings.size(), 1);
    QVERIFY(inferred->info().warnings.first().contains(QLatin1String("productInfo.json")));
    compareWithSafe(*inferred);

    // Nothing to say: no offset, and a warning; reflectance 0.1 above the SAFE's.
    QVERIFY(QFile::remove(folder + QStringLiteral("/productInfo.json")));
    const auto bare = Product::open(folder);
    QCOMPARE(bare->info().bands.first().offset, 0.0);
    QCOMPARE(bare->info().warnings.size(), 1);
    QVERIFY2(bare->info().warnings.first().contains(QLatin1String("assumed none")),
        qPrintable(bare->info().warnings.first()));
    std::vector<float> a(400), b(400);
    bare->readWindow({ QStringLiteral("B04") }, { 20, 20, 20, 20 }, a.data());
    m_safe->readWindow({ QStringLiteral("B04") }, { 20, 20, 20, 20 }, b.data());
    for (size_t k = 0; k < a.size(); ++k)
        QVERIFY(std::isnan(b[k]) || std::abs(a[k] - b[k] - 0.1f) < 1e-5f);

    // Float reflectance in a folder under the product's name (baseline 05.09): read as it is. The
    // baseline's DN radiometry made 0.3 read as -0.09997.
    const QString floats = dir.filePath(m_safe->info().productName);
    QVERIFY(QDir().mkpath(floats));
    for (const QString& band : { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04") })
        QVERIFY(testutil::gdalTranslate(m_cogs + QLatin1Char('/') + cogName(band),
            floats + QLatin1Char('/') + band + QStringLiteral(".tif"),
            { QStringLiteral("-ot"), QStringLiteral("Float32"), QStringLiteral("-scale"),
                QStringLiteral("1000"), QStringLiteral("11000"), QStringLiteral("0"), QStringLiteral("1") }));
    const auto reflectance = Product::open(floats);
    QCOMPARE(reflectance->info().baseline, QStringLiteral("05.09"));
    QCOMPARE(reflectance->info().bands.first().offset, 0.0);
    QCOMPARE(reflectance->info().bands.first().scale, 1.0);
    reflectance->readWindow({ QStringLiteral("B04") }, { 20, 20, 20, 20 }, a.data());
    for (size_t k = 0; k < a.size(); ++k)
        QVERIFY2(std::isnan(b[k]) || std::abs(a[k] - b[k]) < 1e-5f, qPrintable(QString::number(a[k])));
}

// A folder inside a SAFE (GRANULE, the tile, IMG_DATA, R20m) or the tile's MTD_TL.xml: the SAFE itself,
// with its MTD's offsets. Opened as a band folder, baseline 05.09's IMG_DATA read 0.1 too high.
void TestBandFolder::partOfASafeOpensTheSafe()
{
    const QString tile
        = QFileInfo(findIn(m_report.main.safePath, QStringLiteral("MTD_TL.xml"))).absolutePath();
    for (const QString& part :
        { m_report.main.safePath + QStringLiteral("/GRANULE"), tile, tile + QStringLiteral("/IMG_DATA"),
            tile + QStringLiteral("/IMG_DATA/R20m"), tile + QStringLiteral("/MTD_TL.xml") }) {
        const auto p = Product::open(part);
        QCOMPARE(p->info().path, QFileInfo(m_report.main.safePath).absoluteFilePath());
        QCOMPARE(p->info().format, m_safe->info().format);
        QCOMPARE(p->info().productName, m_safe->info().productName);
        QVERIFY2(p->info().warnings.size() == 1
                && p->info().warnings.first().contains(QLatin1String("opened the SAFE")),
            qPrintable(p->info().warnings.join(QLatin1Char('\n'))));
        compareWithSafe(*p);
    }
    // A folder beside GRANULE is no part of its tile: the SAFE's error, not the SAFE.
    QVERIFY_THROWS_EXCEPTION(Error, Product::open(m_report.main.safePath + QStringLiteral("/DATASTRIP")));

    // A SAFE that cannot be opened (its MTD damaged): the tile folder read alone, saying why; GRANULE,
    // which holds no tile of its own, gives the SAFE's error.
    QTemporaryDir dir;
    const QString broken = dir.filePath(QFileInfo(m_report.main.safePath).fileName());
    copyDir(m_report.main.safePath, broken);
    writeFile(broken + QStringLiteral("/MTD_MSIL2A.xml"), "<?xml version=\"1.0\"?><broken");
    const auto alone
        = Product::open(broken + QLatin1Char('/') + QDir(m_report.main.safePath).relativeFilePath(tile));
    QCOMPARE(alone->info().format, QStringLiteral("SAFE tile folder"));
    QVERIFY2(
        alone->info().warnings.join(QLatin1Char('\n')).contains(QLatin1String("around it cannot be opened")),
        qPrintable(alone->info().warnings.join(QLatin1Char('\n'))));
    compareWithSafe(*alone);
    QVERIFY_THROWS_EXCEPTION(Error, Product::open(broken + QStringLiteral("/GRANULE")));
}

// A tile folder copied out of its SAFE (or one tile downloaded alone): its MTD_TL.xml gives the
// level, the tile, the sensing time and the baseline, so the same reflectance as the SAFE; an L1C's
// MSK_CLASSI_B00 gives its classes.
void TestBandFolder::tileFolderWithoutItsSafe()
{
    QTemporaryDir dir;
    const QString from
        = QFileInfo(findIn(m_report.main.safePath, QStringLiteral("MTD_TL.xml"))).absolutePath();
    const QString tile = dir.filePath(QFileInfo(from).fileName());
    copyDir(from, tile);
    for (const QString& part : { tile, tile + QStringLiteral("/IMG_DATA"),
             tile + QStringLiteral("/IMG_DATA/R10m"), tile + QStringLiteral("/MTD_TL.xml") }) {
        const auto p = Product::open(part);
        QCOMPARE(p->info().format, QStringLiteral("SAFE tile folder"));
        QCOMPARE(p->info().level, QStringLiteral("L2A"));
        QCOMPARE(p->info().tileId, QStringLiteral("T33UUU"));
        QCOMPARE(p->info().baseline, QStringLiteral("05.09"));
        QCOMPARE(p->info().sunAzimuth, m_safe->info().sunAzimuth);
        QVERIFY(p->info().sensingTime.startsWith(m_safe->info().sensingTime.left(19)));
        QVERIFY2(p->info().warnings.size() == 1
                && p->info().warnings.first().contains(QLatin1String("MTD_TL.xml")),
            qPrintable(p->info().warnings.join(QLatin1Char('\n'))));
        compareWithSafe(*p);
    }

    // An L1C tile: MSK_CLASSI_B00 found in its QI_DATA, the same classes and reflectance as its SAFE.
    SampleOptions o;
    o.outDir = dir.filePath(QStringLiteral("l1c"));
    o.size = 120;
    o.seed = 3;
    o.level = ProcessingLevel::L1C;
    const SampleReport r = generateSample(o);
    const QString l1cFrom = QFileInfo(findIn(r.main.safePath, QStringLiteral("MTD_TL.xml"))).absolutePath();
    const QString l1cTile = dir.filePath(QFileInfo(l1cFrom).fileName());
    copyDir(l1cFrom, l1cTile);
    const auto safe = Product::open(r.main.safePath), alone = Product::open(l1cTile);
    QCOMPARE(alone->info().level, QStringLiteral("L1C"));
    QVERIFY(alone->info().maskFile.endsWith(QLatin1String("QI_DATA/MSK_CLASSI_B00.jp2")));
    QCOMPARE(alone->bandNames(), safe->bandNames());
    const Window w { 0, 0, safe->width(), safe->height() };
    const size_t n = static_cast<size_t>(w.w) * w.h;
    std::vector<float> a(n * safe->bandNames().size()), b(a.size());
    alone->readWindow(safe->bandNames(), w, a.data());
    safe->readWindow(safe->bandNames(), w, b.data());
    for (size_t k = 0; k < a.size(); ++k)
        QVERIFY((std::isnan(a[k]) && std::isnan(b[k])) || std::abs(a[k] - b[k]) <= 1e-6f);
    std::vector<uint8_t> ca(n), cb(n);
    alone->readClasses(w, ca.data());
    safe->readClasses(w, cb.data());
    QVERIFY(ca == cb);
    QVERIFY(std::count_if(cb.begin(), cb.end(), [](uint8_t c) { return c == 8 || c == 9; }) > 0);
}

// A SAFE whose R10m and R20m band files are missing (a partial download): its tile's R60m copies, on
// a 60 m grid with SCL_60m, instead of B01 and B09 alone on a 10 m grid.
void TestBandFolder::safeMissingBandsReadFromItsCopies()
{
    QTemporaryDir dir;
    const QString safe = dir.filePath(QFileInfo(m_report.main.safePath).fileName());
    copyDir(m_report.main.safePath, safe);
    const QString img
        = QFileInfo(findIn(safe, QStringLiteral("*_B02_10m.jp2"))).absolutePath() + QStringLiteral("/..");
    int removed = 0;
    for (const QString& res : { QStringLiteral("R10m"), QStringLiteral("R20m") })
        for (const QString& f :
            QDir(img + QLatin1Char('/') + res).entryList({ QStringLiteral("*_B*.jp2") }, QDir::Files))
            removed += QFile::remove(img + QLatin1Char('/') + res + QLatin1Char('/') + f);
    QCOMPARE(removed, 4 + 10); // R10m: B02-B04, B08; R20m: B05-B07, B8A, B11, B12 and copies of B01-B04
    const auto p = Product::open(safe);
    QCOMPARE(p->width(), 40);
    QCOMPARE(p->info().format, QStringLiteral("SAFE (its tile's band files)"));
    QCOMPARE(p->info().missingBands, QStringList { QStringLiteral("B08") }); // R60m has no B08
    QCOMPARE(p->bandNames().size(), 11);
    QVERIFY(p->info().maskFile.endsWith(QLatin1String("_SCL_60m.jp2")));
    QVERIFY2(p->info().warnings.join(QLatin1Char('\n')).contains(QLatin1String("coarser copies")),
        qPrintable(p->info().warnings.join(QLatin1Char('\n'))));
    // Each band the R60m file's DN with the SAFE's offset, the classes SCL_60m's codes.
    std::vector<float> v(40 * 40);
    p->readWindow({ QStringLiteral("B04") }, { 0, 0, 40, 40 }, v.data());
    GDALDatasetH b4
        = GDALOpen(findIn(safe, QStringLiteral("*_B04_60m.jp2")).toUtf8().constData(), GA_ReadOnly);
    QVERIFY(b4);
    std::vector<uint16_t> dn(40 * 40);
    QCOMPARE(
        GDALRasterIO(GDALGetRasterBand(b4, 1), GF_Read, 0, 0, 40, 40, dn.data(), 40, 40, GDT_UInt16, 0, 0),
        CE_None);
    GDALClose(b4);
    for (size_t k = 0; k < dn.size(); ++k)
        QVERIFY(dn[k] == 0 ? std::isnan(v[k]) : std::abs(v[k] - float((dn[k] - 1000.0) * 1e-4)) < 1e-6f);
    std::vector<uint8_t> cls(40 * 40), scl(40 * 40);
    p->readClasses({ 0, 0, 40, 40 }, cls.data());
    GDALDatasetH s
        = GDALOpen(findIn(safe, QStringLiteral("*_SCL_60m.jp2")).toUtf8().constData(), GA_ReadOnly);
    QVERIFY(s);
    QCOMPARE(GDALRasterIO(GDALGetRasterBand(s, 1), GF_Read, 0, 0, 40, 40, scl.data(), 40, 40, GDT_Byte, 0, 0),
        CE_None);
    GDALClose(s);
    QVERIFY(cls == scl);

    // Not one band file left at its own resolution (B01 and B09 gone too): the copies still open.
    removed = 0;
    for (const QString& b : { QStringLiteral("B01"), QStringLiteral("B09") })
        removed += QFile::remove(findIn(safe, QStringLiteral("*_%1_60m.jp2").arg(b)));
    QCOMPARE(removed, 2);
    const auto copies = Product::open(safe);
    QCOMPARE(copies->info().format, QStringLiteral("SAFE (its tile's band files)"));
    QCOMPARE(copies->bandNames().size(), 9);
    QStringList missing = copies->info().missingBands;
    missing.sort();
    QCOMPARE(missing, (QStringList { QStringLiteral("B01"), QStringLiteral("B08"), QStringLiteral("B09") }));

    // A damaged file is said, never read past through the copies (which check no checksum): B01 back,
    // its size right but one byte changed.
    const QString b01 = QFileInfo(findIn(safe, QStringLiteral("*_B02_60m.jp2"))).absolutePath()
        + QLatin1Char('/')
        + QFileInfo(findIn(m_report.main.safePath, QStringLiteral("*_B01_60m.jp2"))).fileName();
    QFile original(findIn(m_report.main.safePath, QStringLiteral("*_B01_60m.jp2")));
    QVERIFY(original.open(QIODevice::ReadOnly));
    QByteArray bytes = original.readAll();
    QVERIFY(bytes.size() > 100);
    bytes[bytes.size() - 20] = char(bytes[bytes.size() - 20] ^ 0x55);
    writeFile(b01, bytes);
    QFile touched(b01); // a new time: the checksum is computed again, not taken as verified before
    QVERIFY(touched.open(QIODevice::ReadWrite));
    QVERIFY(touched.setFileTime(QDateTime::currentDateTime().addSecs(5), QFileDevice::FileModificationTime));
    touched.close();
    const QString why = errorOf(safe);
    QVERIFY2(why.contains(QLatin1String("does not match its")), qPrintable(why));
}

// Earth Search marks some items "offset -0.1" (raster:bands) whose numbers had it subtracted already,
// and flags others the wrong way: the numbers decide. Here every band's DN lost its 1000 (as such an
// item's COGs): the folder reads the SAFE's reflectance, with a warning that says why.
void TestBandFolder::offsetAlreadyInTheNumbers()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("shifted"));
    copyDir(m_cogs, folder);
    for (const BandDesc& b : m_safe->info().bands) {
        const QString path = folder + QLatin1Char('/') + cogName(b.name);
        GDALDataset* src = GDALDataset::Open(
            (m_cogs + QLatin1Char('/') + cogName(b.name)).toUtf8().constData(), GDAL_OF_RASTER);
        QVERIFY(src);
        const int w = src->GetRasterXSize(), h = src->GetRasterYSize();
        std::vector<uint16_t> v(size_t(w) * h);
        QCOMPARE(
            src->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w, h, v.data(), w, h, GDT_UInt16, 0, 0), CE_None);
        for (uint16_t& x : v)
            x = x == 0 ? 0 : x > 1000 ? uint16_t(x - 1000) : 1;
        QFile::remove(path);
        GDALDataset* dst = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            path.toUtf8().constData(), w, h, 1, GDT_UInt16, nullptr);
        double gt[6];
        src->GetGeoTransform(gt);
        dst->SetGeoTransform(gt);
        dst->SetSpatialRef(src->GetSpatialRef());
        dst->GetRasterBand(1)->SetNoDataValue(0);
        QCOMPARE(
            dst->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, w, h, v.data(), w, h, GDT_UInt16, 0, 0), CE_None);
        GDALClose(dst);
        GDALClose(src);
    }
    writeFile(folder + QStringLiteral("/S2B_33UUU_20230615_0_L2A.json"),
        QJsonDocument(item(QStringLiteral("https://example.invalid/cogs/"), true)).toJson());
    const auto f = Product::open(folder);
    for (const BandDesc& b : f->info().bands)
        QCOMPARE(b.offset, 0.0);
    QVERIFY2(f->info().warnings.size() == 1
            && f->info().warnings.first().contains(QLatin1String("already in the numbers")),
        qPrintable(f->info().warnings.join(QLatin1Char('\n'))));
    const QStringList names = m_safe->bandNames();
    const Window win { 0, 0, m_safe->width(), m_safe->height() };
    std::vector<float> a(size_t(win.w) * win.h * names.size()), b(a.size());
    f->readWindow(names, win, a.data());
    m_safe->readWindow(names, win, b.data());
    for (size_t k = 0; k < a.size(); ++k)
        if (!std::isnan(b[k]) && b[k] > 0.0001f)
            QVERIFY2(
                std::abs(a[k] - b[k]) <= 1e-6f, qPrintable(QStringLiteral("%1 vs %2").arg(a[k]).arg(b[k])));
}

void TestBandFolder::errors_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QStringList>("expect"); // all of these in the message
    QTest::newRow("folder without band files") << QStringLiteral(
        "nobands") << QStringList { QStringLiteral("nobands"), QStringLiteral("no band files") };
    QTest::newRow("band on another CRS")
        << QStringLiteral("crs")
        << QStringList { QStringLiteral("rededge1.tif"), QStringLiteral("EPSG:32632"),
               QStringLiteral("share one CRS") };
    QTest::newRow("band shifted") << QStringLiteral(
        "shift") << QStringList { QStringLiteral("green.tif"), QStringLiteral("do not align") };
    QTest::newRow("band cropped") << QStringLiteral(
        "crop") << QStringList { QStringLiteral("swir16.tif"), QStringLiteral("same extent") };
    QTest::newRow("band file corrupt") << QStringLiteral(
        "corrupt") << QStringList { QStringLiteral("B12.tif"), QStringLiteral("Cannot open") };
    QTest::newRow("item without band assets") << QStringLiteral(
        "noassets") << QStringList { QStringLiteral("noassets.json"), QStringLiteral("thumbnail") };
    QTest::newRow("malformed item") << QStringLiteral(
        "malformed") << QStringList { QStringLiteral("malformed.json"), QStringLiteral("malformed JSON") };
    QTest::newRow("JSON that is no item") << QStringLiteral(
        "notitem") << QStringList { QStringLiteral("notitem.json"), QStringLiteral("not a STAC item") };
    QTest::newRow("offset beyond reflectance")
        << QStringLiteral("hugeoffset")
        << QStringList { QStringLiteral("asset red"), QStringLiteral("1e+308"),
               QStringLiteral("not a reflectance offset") };
    QTest::newRow("scale beyond reflectance")
        << QStringLiteral("hugescale")
        << QStringList { QStringLiteral("band B04"), QStringLiteral("scale 1e+308"),
               QStringLiteral("give no reflectance") };
    QTest::newRow("asset that cannot be opened")
        << QStringLiteral("missingasset")
        << QStringList { QStringLiteral("gone/B02.tif"), QStringLiteral("missingasset.json"),
               QStringLiteral("Cannot open") };
    // GDAL says nothing of a folder: "unknown GDAL error" before.
    QTest::newRow("asset that is a folder")
        << QStringLiteral("folderasset")
        << QStringList { QStringLiteral("/bands"), QStringLiteral("it is a folder, not a raster file") };
}

void TestBandFolder::errors()
{
    QFETCH(QString, what);
    QFETCH(QStringList, expect);
    QTemporaryDir dir;
    QString path = dir.filePath(what);
    auto replaceBand = [&](const QString& file, const QStringList& options) {
        copyDir(m_cogs, path);
        QVERIFY(QFile::remove(path + QLatin1Char('/') + file));
        QVERIFY(translate(m_cogs + QLatin1Char('/') + file, path + QLatin1Char('/') + file, options));
    };
    const double* gt = m_safe->info().geoTransform;
    if (what == QLatin1String("nobands")) {
        QVERIFY(QDir().mkpath(path));
        QVERIFY(QFile::copy(m_cogs + QStringLiteral("/TCI.tif"), path + QStringLiteral("/TCI.tif")));
        QVERIFY(QFile::copy(
            m_cogs + QLatin1Char('/') + cogName(QStringLiteral("SCL")), path + QStringLiteral("/SCL.tif")));
    } else if (what == QLatin1String("crs")) {
        replaceBand(
            cogName(QStringLiteral("B05")), { QStringLiteral("-a_srs"), QStringLiteral("EPSG:32632") });
    } else if (what == QLatin1String("shift")) {
        replaceBand(cogName(QStringLiteral("B03")),
            { QStringLiteral("-a_ullr"), QString::number(gt[0] + 10, 'f', 3), QString::number(gt[3], 'f', 3),
                QString::number(gt[0] + 10 + 2400, 'f', 3), QString::number(gt[3] - 2400, 'f', 3) });
    } else if (what == QLatin1String("crop")) {
        replaceBand(cogName(QStringLiteral("B11")),
            { QStringLiteral("-srcwin"), QStringLiteral("0"), QStringLiteral("0"), QStringLiteral("100"),
                QStringLiteral("120") });
    } else if (what == QLatin1String("corrupt")) {
        copyDir(m_cogs, path);
        writeFile(path + QStringLiteral("/B12.tif"), "II*\0 not really a TIFF");
    } else {
        path += QStringLiteral(".json");
        QJsonObject it = item(m_cogs + QLatin1Char('/'), true);
        if (what == QLatin1String("noassets")) {
            QJsonObject assets = it[QStringLiteral("assets")].toObject();
            for (const QString& k : assets.keys())
                if (k != QLatin1String("thumbnail") && k != QLatin1String("visual"))
                    assets.remove(k);
            it[QStringLiteral("assets")] = assets;
        } else if (what == QLatin1String("hugeoffset") || what == QLatin1String("hugescale")) {
            QJsonObject assets = it[QStringLiteral("assets")].toObject();
            for (const QString& key : { QStringLiteral("red"), QStringLiteral("red-jp2") }) {
                QJsonObject green = assets[key].toObject();
                green[QStringLiteral("raster:bands")]
                    = QJsonArray { QJsonObject { { QStringLiteral("nodata"), 0 },
                        { QStringLiteral("scale"), what == QLatin1String("hugescale") ? 1e308 : 0.0001 },
                        { QStringLiteral("offset"), what == QLatin1String("hugescale") ? -0.1 : 1e308 } } };
                assets[key] = green;
            }
            it[QStringLiteral("assets")] = assets;
        } else if (what == QLatin1String("missingasset") || what == QLatin1String("folderasset")) {
            QJsonObject assets = it[QStringLiteral("assets")].toObject();
            QJsonObject blue = assets[QStringLiteral("blue")].toObject();
            const bool folder = what == QLatin1String("folderasset");
            if (folder)
                QVERIFY(QDir(QFileInfo(path).path()).mkpath(QStringLiteral("bands")));
            blue[QStringLiteral("href")] = folder ? QStringLiteral("bands") : QStringLiteral("gone/B02.tif");
            assets[QStringLiteral("blue")] = blue;
            it[QStringLiteral("assets")] = assets;
        }
        QByteArray text = QJsonDocument(it).toJson();
        if (what == QLatin1String("malformed"))
            text.chop(text.size() / 2);
        else if (what == QLatin1String("notitem"))
            text = R"({"type": "FeatureCollection", "features": []})";
        writeFile(path, text);
    }
    const QString message = errorOf(path);
    for (const QString& e : expect)
        QVERIFY2(message.contains(e), qPrintable(message));
}

void TestBandFolder::cliInfo()
{
    if (!QFileInfo::exists(testutil::cliPath()))
        QSKIP("UNCLOUDED_CLI not set");
    const QString itemPath = m_dir.filePath(QStringLiteral("cli-item.json"));
    writeFile(itemPath, QJsonDocument(item(QStringLiteral("cogs/"), true)).toJson());
    for (const QString& path : { m_cogs, itemPath }) {
        QProcess p;
        p.start(testutil::cliPath(), { QStringLiteral("info"), path, QStringLiteral("--json") });
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(o[QStringLiteral("bands")].toArray().size(), 12);
        QCOMPARE(o[QStringLiteral("width")].toInt(), 240);
        QCOMPARE(o[QStringLiteral("classification")].toString(), QStringLiteral("SCL"));
        QVERIFY(o[QStringLiteral("hidden_percent")].toDouble() > 0);
        QCOMPARE(o[QStringLiteral("format")].toString(),
            path == m_cogs ? QStringLiteral("Band folder") : QStringLiteral("STAC item"));
    }
}

void TestBandFolder::realCogFolderFromShared()
{
    const QString shared = testutil::sharedData();
    const QString folder = shared + QStringLiteral("/riotilerpds-29RKH-2020-02-19-L2A-COG-downsampled");
    if (shared.isEmpty() || !QDir(folder).exists())
        QSKIP("../shared/data/riotilerpds-29RKH-2020-02-19-L2A-COG-downsampled is absent");
    // Element84 COGs (10x downsampled: 100 / 200 / 600 m) with their STAC item beside them.
    const auto p = Product::open(folder);
    const ProductInfo& i = p->info();
    QCOMPARE(i.format, QStringLiteral("Band folder"));
    QCOMPARE(p->bandNames(),
        QStringList({ QStringLiteral("B01"), QStringLiteral("B02"), QStringLiteral("B03"),
            QStringLiteral("B04"), QStringLiteral("B05"), QStringLiteral("B06"), QStringLiteral("B07"),
            QStringLiteral("B08"), QStringLiteral("B8A"), QStringLiteral("B09"), QStringLiteral("B11"),
            QStringLiteral("B12") }));
    QCOMPARE(i.width, 1098);
    QCOMPARE(i.height, 1098);
    QCOMPARE(i.epsg, 32629);
    QCOMPARE(i.geoTransform[0], 199980.0);
    QCOMPARE(i.geoTransform[3], 2800020.0);
    QCOMPARE(i.bands[p->bandIndex(QStringLiteral("B02"))].resolution, 100);
    QCOMPARE(i.bands[p->bandIndex(QStringLiteral("B05"))].resolution, 200);
    QCOMPARE(i.bands[p->bandIndex(QStringLiteral("B01"))].resolution, 600);
    for (const BandDesc& b : i.bands) { // baseline 02.14: no offset, from the item's raster:bands
        QCOMPARE(b.offset, 0.0);
        QCOMPARE(b.scale, 1e-4);
    }
    QCOMPARE(i.productName, QStringLiteral("S2A_29RKH_20200219_0_L2A"));
    QCOMPARE(i.baseline, QStringLiteral("02.14"));
    QCOMPARE(i.level, QStringLiteral("L2A"));
    QCOMPARE(i.tileId, QStringLiteral("T29RKH"));
    QCOMPARE(i.sensingTime, QStringLiteral("2020-02-19T11:34:25.405000Z"));
    QVERIFY(std::abs(i.cloudCoverMetadata - 4.051854) < 1e-9);
    QVERIFY(i.maskFile.endsWith(QLatin1String("/SCL.tif")));
    QVERIFY2(i.warnings.isEmpty(), qPrintable(i.warnings.join(QLatin1Char('\n'))));

    // Reflectance = DN / 10000, read independently.
    GDALDatasetH ds = GDALOpen((folder + QStringLiteral("/B04.tif")).toUtf8().constData(), GA_ReadOnly);
    QVERIFY(ds);
    std::vector<uint16_t> dn(30 * 20);
    QCOMPARE(GDALRasterIO(
                 GDALGetRasterBand(ds, 1), GF_Read, 500, 300, 30, 20, dn.data(), 30, 20, GDT_UInt16, 0, 0),
        CE_None);
    GDALClose(ds);
    std::vector<float> r(dn.size());
    p->readWindow({ QStringLiteral("B04") }, { 500, 300, 30, 20 }, r.data());
    for (size_t k = 0; k < dn.size(); ++k)
        QCOMPARE(r[k], static_cast<float>(dn[k] * 1e-4));
    // SCL at 200 m on the 100 m grid: the fixture's counts, four 100 m pixels each.
    const Coverage cov = computeCoverage(*p, MaskSpec());
    QCOMPARE(cov.counts[SclCirrus], qint64(10434) * 4);
    QCOMPARE(cov.counts[SclCloudHigh], qint64(837) * 4);
    QCOMPARE(cov.counts[SclNotVegetated], qint64(289159) * 4);

    // The item itself, its https hrefs pointed at these files (the s3:// JP2 twins stay and are not chosen).
    QFile f(folder + QStringLiteral("/S2A_29RKH_20200219_0_L2A.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray text = f.readAll();
    text.replace("https://sentinel-cogs.s3.us-west-2.amazonaws.com/sentinel-s2-l2a-cogs/29/R/KH/2020/2/"
                 "S2A_29RKH_20200219_0_L2A/",
        QUrl::fromLocalFile(folder + QLatin1Char('/')).toEncoded());
    QTemporaryDir dir;
    const QString itemPath = dir.filePath(QStringLiteral("item.json"));
    writeFile(itemPath, text);
    const auto it = Product::open(itemPath);
    QCOMPARE(it->bandNames(), p->bandNames());
    QCOMPARE(it->info().tileId, QStringLiteral("T29RKH"));
    QCOMPARE(it->info().sunAzimuth, 147.671041914385);
    for (const BandDesc& b : it->info().bands)
        QVERIFY2(b.file.startsWith(folder + QLatin1Char('/')), qPrintable(b.file));
    const QStringList names = p->bandNames();
    const Window w { 900, 40, 150, 120 }; // the cirrus corner
    std::vector<float> a(150 * 120 * names.size()), b(a.size());
    p->readWindow(names, w, a.data());
    it->readWindow(names, w, b.data());
    QVERIFY(std::equal(
        a.begin(), a.end(), b.begin(), [](float x, float y) { return x == y || (x != x && y != y); }));
    std::vector<uint8_t> ca(150 * 120), cb(ca.size());
    p->readClasses(w, ca.data());
    it->readClasses(w, cb.data());
    QVERIFY(ca == cb);
}

QTEST_GUILESS_MAIN(TestBandFolder)
#include "tst_bandfolder.moc"
