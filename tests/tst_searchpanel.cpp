// The Search dock against a local STAC API on 127.0.0.1: the map's AOI as the search box, results in
// the list with their footprints on the current product's grid, a download (whole bands) that opens
// as a layer, a failing service and a cancel reported, the form's mistakes named before any request.
#include <gdal_priv.h>
#include <gdal_utils.h>

#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDateEdit>
#include <QDirIterator>
#include <QDockWidget>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPixmap>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/runtime.h"
#include "core/io/product.h"
#include "core/sample/samplegenerator.h"
#include "ui/credentials.h"
#include "ui/mainwindow.h"
#include "ui/mapview.h"
#include "ui/searchpanel.h"
#include "ui/settings.h"
#include "ui/workspace.h"

#include "localstacserver.h"

using namespace unclouded;
using namespace unclouded::ui;

class TestSearchPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void formMistakes();
    void searchShowsResultsAndFootprints();
    void downloadOpensAsLayer();
    void failureAndCancel();
    void inTheMainWindow();
    void loginNeverInPlainText();

private:
    void pointAtServer(SearchPanel& panel) const;

    LocalServer m_server;
    QTemporaryDir m_dir;
    std::shared_ptr<Product> m_product;
    QByteArray m_page; // a search answer: one item over the sample, its bands served here
    QByteArray m_thumb; // its thumbnail (PNG)
    Workspace m_workspace;
};

void TestSearchPanel::initTestCase()
{
    initializeRuntime();
    QVERIFY(m_dir.isValid());
    SampleOptions o;
    o.outDir = m_dir.filePath(QStringLiteral("sample"));
    o.size = 120;
    o.seed = 3;
    const SampleReport r = generateSample(o);
    m_product = Product::open(r.main.safePath);
    const QString cogs = m_dir.filePath(QStringLiteral("cogs"));
    QVERIFY(QDir().mkpath(cogs));
    QJsonObject assets;
    auto add = [&](const QString& key, const QString& band, const QString& src) {
        const QString dst = cogs + QLatin1Char('/') + band + QStringLiteral(".tif");
        GDALDatasetH in = GDALOpen(src.toUtf8().constData(), GA_ReadOnly);
        QVERIFY(in);
        const char* argv[] = { "-of", "COG", nullptr };
        GDALTranslateOptions* opt = GDALTranslateOptionsNew(const_cast<char**>(argv), nullptr);
        GDALDatasetH out = GDALTranslate(dst.toUtf8().constData(), in, opt, nullptr);
        GDALTranslateOptionsFree(opt);
        GDALClose(in);
        QVERIFY(out);
        GDALClose(out);
        const QByteArray data = readAll(dst);
        assets[key]
            = QJsonObject { { QStringLiteral("href"),
                                m_server.url() + QStringLiteral("/assets/") + band + QStringLiteral(".tif") },
                  { QStringLiteral("type"),
                      QStringLiteral("image/tiff; application=geotiff; profile=cloud-optimized") },
                  { QStringLiteral("roles"), QJsonArray { QStringLiteral("data") } },
                  { QStringLiteral("file:checksum"),
                      QString::fromLatin1(
                          "1220" + QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()) },
                  { QStringLiteral("file:size"), data.size() } };
    };
    for (const BandDesc& b : m_product->info().bands)
        if (b.name == QLatin1String("B02") || b.name == QLatin1String("B04")
            || b.name == QLatin1String("B08"))
            add(b.name == QLatin1String("B02")       ? QStringLiteral("blue")
                    : b.name == QLatin1String("B04") ? QStringLiteral("red")
                                                     : QStringLiteral("nir"),
                b.name, b.file);
    add(QStringLiteral("scl"), QStringLiteral("SCL"), m_product->info().maskFile);
    assets[QStringLiteral("thumbnail")]
        = QJsonObject { { QStringLiteral("href"), m_server.url() + QStringLiteral("/thumb.png") },
              { QStringLiteral("type"), QStringLiteral("image/png") },
              { QStringLiteral("roles"), QJsonArray { QStringLiteral("thumbnail") } } };
    QImage thumb(64, 48, QImage::Format_RGB32);
    thumb.fill(QColor(40, 120, 60));
    QBuffer png;
    png.open(QIODevice::WriteOnly);
    thumb.save(&png, "PNG");
    m_thumb = png.data();
    const QByteArray thumbBytes = m_thumb;

    // The footprint: the product's own extent in lon / lat.
    const stac::BBox b
        = stac::gridRectToLonLat(m_product->info(), 0, 0, m_product->width(), m_product->height());
    QVERIFY(b.isValid());
    QJsonArray ring;
    for (const QPointF& c :
        { QPointF(0, 0), QPointF(m_product->width(), 0), QPointF(m_product->width(), m_product->height()),
            QPointF(0, m_product->height()), QPointF(0, 0) }) {
        double lon = 0, lat = 0;
        QVERIFY(m_product->gridToLonLat(c.x(), c.y(), lon, lat));
        ring.append(QJsonArray { lon, lat });
    }
    const QJsonObject item { { QStringLiteral("type"), QStringLiteral("Feature") },
        { QStringLiteral("stac_version"), QStringLiteral("1.0.0") },
        { QStringLiteral("id"), QStringLiteral("S2B_33UUU_20230412_0_L2A") },
        { QStringLiteral("collection"), QStringLiteral("sentinel-2-l2a") },
        { QStringLiteral("geometry"),
            QJsonObject { { QStringLiteral("type"), QStringLiteral("Polygon") },
                { QStringLiteral("coordinates"), QJsonArray { ring } } } },
        { QStringLiteral("bbox"), QJsonArray { b.west, b.south, b.east, b.north } },
        { QStringLiteral("properties"),
            QJsonObject { { QStringLiteral("datetime"), QStringLiteral("2023-04-12T10:10:29Z") },
                { QStringLiteral("eo:cloud_cover"), 27.46 },
                { QStringLiteral("grid:code"), QStringLiteral("MGRS-33UUU") },
                { QStringLiteral("s2:processing_baseline"), QStringLiteral("05.09") } } },
        { QStringLiteral("assets"), assets } };
    m_page = QJsonDocument(
        QJsonObject { { QStringLiteral("type"), QStringLiteral("FeatureCollection") },
            { QStringLiteral("features"), QJsonArray { item } }, { QStringLiteral("numberMatched"), 1 },
            { QStringLiteral("links"), QJsonArray {} } })
                 .toJson();
    const QByteArray page = m_page;
    m_server.setHandler([page, cogs, thumbBytes](const Request& r) {
        if (r.path() == QLatin1String("/v1/search"))
            return reply(200, "application/geo+json", page);
        if (r.path() == QLatin1String("/thumb.png"))
            return reply(200, "image/png", thumbBytes);
        if (r.path().startsWith(QLatin1String("/assets/")))
            return fileReply(cogs + QLatin1Char('/') + r.path().mid(8), r);
        return reply(404, "text/plain", "not found");
    });
    m_workspace.layers()->append({ m_product, QStringLiteral("sample"), {}, false });
    m_workspace.setCurrentIndex(0);
}

void TestSearchPanel::pointAtServer(SearchPanel& panel) const
{
    auto* endpoint = panel.findChild<QComboBox*>(QStringLiteral("searchEndpoint"));
    endpoint->setCurrentIndex(endpoint->findData(QString()));
    panel.findChild<QLineEdit*>(QStringLiteral("searchUrl"))->setText(m_server.url() + QStringLiteral("/v1"));
    panel.findChild<QLineEdit*>(QStringLiteral("searchCollection"))
        ->setText(QStringLiteral("sentinel-2-l2a"));
    panel.findChild<QDateEdit*>(QStringLiteral("searchFrom"))->setDate(QDate(2023, 4, 1));
    panel.findChild<QDateEdit*>(QStringLiteral("searchTo"))->setDate(QDate(2023, 4, 30));
    panel.findChild<QSpinBox*>(QStringLiteral("searchMaxCloud"))->setValue(50);
}

void TestSearchPanel::formMistakes()
{
    SearchPanel panel;
    panel.setWorkspace(&m_workspace);
    pointAtServer(panel);
    stac::SearchParams p;
    QVERIFY(panel.searchParams(p).isEmpty());
    QCOMPARE(p.endpoint.url, m_server.url() + QStringLiteral("/v1"));
    QCOMPARE(p.maxCloud, 50.0);
    panel.findChild<QLineEdit*>(QStringLiteral("searchBbox"))->setText(QStringLiteral("13,52,12"));
    QVERIFY(panel.searchParams(p).contains(QLatin1String("west,south,east,north")));
    panel.findChild<QLineEdit*>(QStringLiteral("searchBbox"))->clear();
    panel.findChild<QLineEdit*>(QStringLiteral("searchTile"))->setText(QStringLiteral("33U"));
    QVERIFY(panel.searchParams(p).contains(QLatin1String("MGRS")));
    panel.findChild<QLineEdit*>(QStringLiteral("searchTile"))->clear();
    panel.findChild<QLineEdit*>(QStringLiteral("searchUrl"))->setText(QStringLiteral("not a url"));
    QVERIFY(panel.searchParams(p).contains(QLatin1String("STAC API")));
    m_server.clear();
    QSignalSpy finished(&panel, &SearchPanel::finished);
    panel.search(); // refused before any request
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(m_server.requests().size(), 0);
}

void TestSearchPanel::searchShowsResultsAndFootprints()
{
    SearchPanel panel;
    panel.setWorkspace(&m_workspace);
    pointAtServer(panel);
    // The map's AOI (grid pixels) as the search box.
    m_workspace.setAoi(QRect(30, 40, 50, 20));
    panel.useMapAoi();
    const auto box = stac::BBox::parse(panel.findChild<QLineEdit*>(QStringLiteral("searchBbox"))->text());
    QVERIFY(box);
    const stac::BBox whole
        = stac::gridRectToLonLat(m_product->info(), 0, 0, m_product->width(), m_product->height());
    QVERIFY(box->west > whole.west && box->east < whole.east && box->south > whole.south
        && box->north < whole.north);
    m_workspace.setAoi({});

    QSignalSpy footprints(&panel, &SearchPanel::footprintsChanged);
    QSignalSpy finished(&panel, &SearchPanel::finished);
    m_server.clear();
    panel.search();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.last().at(0).toBool(), true);
    const QJsonObject body = m_server.requests().at(0).json();
    QCOMPARE(body.value(QStringLiteral("bbox")).toArray().size(), 4);
    QCOMPARE(body.value(QStringLiteral("datetime")).toString(),
        QStringLiteral("2023-04-01T00:00:00Z/2023-04-30T23:59:59Z"));
    QCOMPARE(panel.items().size(), 1);
    QTableWidget* t = panel.results();
    QCOMPARE(t->rowCount(), 1);
    QCOMPARE(t->item(0, 0)->text(), QStringLiteral("2023-04-12"));
    QCOMPARE(t->item(0, 1)->text(), QStringLiteral("T33UUU"));
    QCOMPARE(t->item(0, 2)->data(Qt::DisplayRole).toDouble(), 27.5);
    QCOMPARE(t->item(0, 3)->text(), QStringLiteral("S2B_33UUU_20230412_0_L2A"));
    // The footprint (the product's corners in lon / lat) lands on the product's grid corners.
    QVERIFY(!footprints.isEmpty());
    const auto polys = footprints.last().at(0).value<QList<QPolygonF>>();
    QCOMPARE(polys.size(), 1);
    const QRectF r = polys[0].boundingRect();
    QVERIFY2(std::abs(r.left()) < 0.01 && std::abs(r.top()) < 0.01
            && std::abs(r.right() - m_product->width()) < 0.01
            && std::abs(r.bottom() - m_product->height()) < 0.01,
        qPrintable(QStringLiteral("%1 %2 %3 %4").arg(r.left()).arg(r.top()).arg(r.right()).arg(r.bottom())));
    panel.selectItem(0);
    QCOMPARE(panel.selectedItem(), 0);
    QCOMPARE(footprints.last().at(1).toInt(), 0);
    // The item's thumbnail, fetched in the background.
    QTRY_VERIFY_WITH_TIMEOUT(!panel.thumbnail()->pixmap().isNull(), 10000);
    QCOMPARE(panel.thumbnail()->pixmap().toImage().pixelColor(
                 panel.thumbnail()->pixmap().width() / 2, panel.thumbnail()->pixmap().height() / 2),
        QColor(40, 120, 60));
}

void TestSearchPanel::downloadOpensAsLayer()
{
    SearchPanel panel;
    panel.setWorkspace(&m_workspace);
    pointAtServer(panel);
    panel.findChild<QLineEdit*>(QStringLiteral("searchBands"))->setText(QStringLiteral("B04,B08,SCL"));
    panel.findChild<QCheckBox*>(QStringLiteral("searchAoiOnly"))->setChecked(false);
    panel.findChild<QLineEdit*>(QStringLiteral("searchCache"))
        ->setText(m_dir.filePath(QStringLiteral("cache")));
    QSignalSpy finished(&panel, &SearchPanel::finished);
    panel.search();
    QVERIFY(finished.wait(20000));
    panel.selectItem(0);
    QSignalSpy opened(&panel, &SearchPanel::openRequested);
    panel.download();
    QVERIFY(opened.wait(30000));
    const QString path = opened.first().at(0).toString();
    QCOMPARE(path, m_dir.filePath(QStringLiteral("cache/S2B_33UUU_20230412_0_L2A/item.json")));
    const auto p = Product::open(path);
    QCOMPARE(p->bandNames(), QStringList({ "B04", "B08" }));
    QCOMPARE(p->width(), m_product->width());
    QVERIFY(p->hasClasses());
}

void TestSearchPanel::failureAndCancel()
{
    SearchPanel panel;
    panel.setWorkspace(&m_workspace);
    pointAtServer(panel);
    QSignalSpy finished(&panel, &SearchPanel::finished);
    const QByteArray page = m_page;
    m_server.setHandler([](const Request&) { return reply(500, "text/plain", "maintenance"); });
    panel.search();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.last().at(0).toBool(), false);
    QVERIFY2(finished.last().at(1).toString().contains(QLatin1String("HTTP 500")),
        qPrintable(finished.last().at(1).toString()));
    // A slow answer, cancelled.
    m_server.setHandler([page](const Request&) {
        Reply r = reply(200, "application/geo+json", page);
        r.delayMs = 3000;
        return r;
    });
    panel.search();
    QVERIFY(panel.isRunning());
    QTest::qWait(200);
    QElapsedTimer t;
    t.start();
    panel.cancel();
    QVERIFY(finished.wait(5000));
    QVERIFY(t.elapsed() < 2000);
    QCOMPARE(finished.last().at(1).toString(), QStringLiteral("Cancelled"));
    QVERIFY(!panel.isRunning());
}

void TestSearchPanel::inTheMainWindow()
{
    // Three dates: the item above, and two over parts of it (as neighbouring orbits cut a tile).
    QJsonObject page = QJsonDocument::fromJson(m_page).object();
    QJsonArray features = page.value(QStringLiteral("features")).toArray();
    const QJsonObject first = features.at(0).toObject();
    const stac::BBox b
        = stac::gridRectToLonLat(m_product->info(), 0, 0, m_product->width(), m_product->height());
    const double dx = b.east - b.west, dy = b.north - b.south;
    for (const auto& [id, date, cloud, cut] :
        { std::tuple { "S2A_33UUU_20230409_0_L2A", "2023-04-09T10:00:21Z", 44.1, 0.55 },
            std::tuple { "S2B_33UUU_20230402_0_L2A", "2023-04-02T10:10:19Z", 8.9, 0.3 } }) {
        QJsonObject f = first;
        f[QStringLiteral("id")] = QLatin1String(id);
        QJsonObject p = f.value(QStringLiteral("properties")).toObject();
        p[QStringLiteral("datetime")] = QLatin1String(date);
        p[QStringLiteral("eo:cloud_cover")] = cloud;
        f[QStringLiteral("properties")] = p;
        const double w = b.west + cut * dx, n = b.north - 0.1 * dy;
        const QJsonArray ring { QJsonArray { w, b.south - 0.2 * dy },
            QJsonArray { b.east + 0.2 * dx, b.south - 0.2 * dy }, QJsonArray { b.east + 0.2 * dx, n },
            QJsonArray { w + 0.1 * dx, n }, QJsonArray { w, b.south - 0.2 * dy } };
        f[QStringLiteral("geometry")] = QJsonObject { { QStringLiteral("type"), QStringLiteral("Polygon") },
            { QStringLiteral("coordinates"), QJsonArray { ring } } };
        features.append(f);
    }
    page[QStringLiteral("features")] = features;
    const QByteArray three = QJsonDocument(page).toJson();
    const QString cogs = m_dir.filePath(QStringLiteral("cogs"));
    const QByteArray thumb = m_thumb;
    m_server.setHandler([three, cogs, thumb](const Request& r) {
        if (r.path() == QLatin1String("/v1/search"))
            return reply(200, "application/geo+json", three);
        if (r.path() == QLatin1String("/thumb.png"))
            return reply(200, "image/png", thumb);
        if (r.path().startsWith(QLatin1String("/assets/")))
            return fileReply(cogs + QLatin1Char('/') + r.path().mid(8), r);
        return reply(404, "text/plain", "not found");
    });

    MainWindow w;
    w.resize(1500, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy opened(&w, &MainWindow::productOpened);
    w.openProduct(m_product->info().path);
    QVERIFY(opened.wait(30000));
    SearchPanel* panel = w.searchPanel();
    QVERIFY(panel);
    pointAtServer(*panel);
    panel->findChild<QLineEdit*>(QStringLiteral("searchCache"))
        ->setText(m_dir.filePath(QStringLiteral("cache-window")));
    panel->findChild<QLineEdit*>(QStringLiteral("searchBands"))->setText(QStringLiteral("B02,B04,B08,SCL"));
    panel->useMapAoi();
    QSignalSpy finished(panel, &SearchPanel::finished);
    panel->search();
    QVERIFY(finished.wait(20000));
    QVERIFY2(panel->items().size() == 3,
        qPrintable(panel->findChild<QLabel*>(QStringLiteral("searchStatus"))->text()));
    QCOMPARE(w.mapView()->footprints().size(), 3);
    panel->selectItem(1);
    QVERIFY(panel->parentWidget());
    if (const QString shots = qEnvironmentVariable("UNCLOUDED_SCREENSHOTS"); !shots.isEmpty()) {
        w.findChild<QDockWidget*>(QStringLiteral("dockSearch"))->raise();
        w.mapView()->zoomToRect(QRectF(-30, -40, 190, 200)); // every footprint in view
        QTRY_VERIFY_WITH_TIMEOUT(!panel->thumbnail()->pixmap().isNull(), 10000);
        QTest::qWait(500);
        w.grab().save(QDir(shots).filePath(QStringLiteral("search-window.png")));
    }
    // Download (the AOI: here the whole product) and open as a second layer.
    panel->selectItem(0);
    opened.clear();
    panel->download();
    QVERIFY(opened.wait(30000));
    QVERIFY2(opened.first().at(0).toString().endsWith(QLatin1String("/S2B_33UUU_20230412_0_L2A/item.json")),
        qPrintable(opened.first().at(0).toString()));
    QCOMPARE(w.currentProduct()->bandNames(), QStringList({ "B02", "B04", "B08" }));

    // Making room after the next download removes older items, never the one open as a layer, even
    // when that one alone is over the limit.
    const QString cache = m_dir.filePath(QStringLiteral("cache-window"));
    const QString open = cache + QStringLiteral("/S2B_33UUU_20230412_0_L2A");
    auto write = [](const QString& path, qsizetype bytes) {
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(bytes, 'x'));
    };
    write(open + QStringLiteral("/B11.tif"), 3 << 20); // a band of an earlier download: the cache's
    write(cache + QStringLiteral("/old/item.json"), 100);
    write(cache + QStringLiteral("/old/B04.tif"), 1000);
    {
        QFile f(cache + QStringLiteral("/old/item.json"));
        QVERIFY(f.open(QIODevice::ReadWrite)); // the oldest item: evicted first
        QVERIFY(f.setFileTime(QDateTime(QDate(2020, 1, 1), QTime(0, 0)), QFileDevice::FileModificationTime));
    }
    settings::searchCacheLimitMb.set(1);
    panel->selectItem(1);
    opened.clear();
    panel->download();
    QVERIFY(opened.wait(30000));
    settings::searchCacheLimitMb.reset();
    const QString next = opened.first().at(0).toString();
    QVERIFY2(!next.startsWith(open), qPrintable(next));
    QVERIFY(QFileInfo::exists(next)); // the new item stays
    QVERIFY(!QFileInfo::exists(cache + QStringLiteral("/old"))); // the older one went
    QVERIFY(QFileInfo::exists(open + QStringLiteral("/item.json"))); // the open layer's item stayed
    QVERIFY(QFileInfo::exists(open + QStringLiteral("/B11.tif")));
    QCOMPARE(w.findChild<QListView*>(QStringLiteral("layerList"))->model()->rowCount(), 3);
}

void TestSearchPanel::loginNeverInPlainText()
{
    // With a keychain service (a desktop session) the login comes back; without one (CI, offscreen)
    // the keychain's message is reported. Either way: an answer, and no file holds the password.
    const QString secret = QStringLiteral("s3cret-%1").arg(QDateTime::currentMSecsSinceEpoch());
    Credentials c;
    QSignalSpy stored(&c, &Credentials::stored);
    c.store(QStringLiteral("test-endpoint"), QStringLiteral("ana@example.org"), secret);
    QVERIFY(stored.wait(30000));
    const bool ok = stored.first().at(0).toBool();
    if (ok) {
        QSignalSpy loaded(&c, &Credentials::loaded);
        c.load(QStringLiteral("test-endpoint"));
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.first().at(2).toString(), secret);
        QSignalSpy removed(&c, &Credentials::removed);
        c.remove(QStringLiteral("test-endpoint"));
        QVERIFY(removed.wait(30000));
    } else {
        QVERIFY(!stored.first().at(1).toString().isEmpty());
        qInfo("no keychain here: %s", qPrintable(stored.first().at(1).toString()));
    }
    for (const QString& dir : { QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation),
             QDir::homePath() + QStringLiteral("/.config") }) {
        QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString f = it.next();
            if (QFileInfo(f).size() < (1 << 20))
                QVERIFY2(!readAll(f).contains(secret.toUtf8()), qPrintable(f));
        }
    }
}

QTEST_MAIN(TestSearchPanel)
#include "tst_searchpanel.moc"
