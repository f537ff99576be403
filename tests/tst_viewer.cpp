// The viewer offscreen: opening a product in the background, tiles on the map, panels, bad input.
#include <cmath>

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QInputDialog>
#include <QListView>
#include <QMimeData>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "core/common/runtime.h"
#include "core/io/product.h"
#include "core/io/rasterwriter.h"
#include "core/io/sentinel2.h"
#include "core/masks/mask.h"
#include "core/sample/samplegenerator.h"
#include "ui/fieldspanel.h"
#include "ui/jobrunner.h"
#include "ui/mainwindow.h"
#include "ui/mapview.h"
#include "ui/pixelinspector.h"
#include "ui/reconpanel.h"
#include "ui/rendering.h"
#include "ui/sclpanel.h"
#include "ui/settings.h"
#include "ui/swipeview.h"
#include "ui/welcomepage.h"
#include "ui/workspace.h"

using namespace unclouded;

class TestViewer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void maskFileHiddenIsTickedOnceCounted();
    void maskFileCloudsAreLeftOutOfTheStretch();
    void filesDroppedTogetherAllOpen();
    void maskFileValuesAreAsked();
    void maskFileBitsOrThresholdAreAsked();
    void opensInBackgroundAndRendersTiles();
    void zoomAndPanKeepTheAnchor();
    void tilesSettleAfterParamsChangeWithTilesQueued();
    void legendShowsCoverageCountedFromPixels();
    void inspectorShowsBandValues();
    void stretchIgnoresClouds();
    void brokenProductShowsErrorAndAppStaysUsable();
    void shiftDragDrawsAnAoi();
    void ndviAndCustomCompositesRenderTheRightBands();
    void bufferRingIsDrawnAroundHiddenPixels();
    void l1cWithSclFileGetsAnOverlay();
    void closingLayersKeepsEverythingInStep();
    void everyLayersHiddenShareFollowsTheTicks();
    void aLateStretchKeepsNewerSettings();

private:
    QTemporaryDir m_dir;
    SampleReport m_report;
};

void TestViewer::initTestCase()
{
    initializeRuntime();
    SampleOptions o;
    o.outDir = m_dir.path();
    o.size = 480;
    o.seed = 9;
    m_report = generateSample(o);
}

void TestViewer::opensInBackgroundAndRendersTiles()
{
    ui::MainWindow w;
    w.resize(1000, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy opened(&w, &ui::MainWindow::productOpened);
    QSignalSpy counted(&w, &ui::MainWindow::coverageReady);
    QSignalSpy shown(&w, &ui::MainWindow::displayReady);
    w.openProduct(m_report.main.safePath);
    QVERIFY(w.isLoading() || opened.size() == 1);
    QVERIFY(opened.size() == 1 || opened.wait(20000));
    QVERIFY(w.currentProduct());
    QVERIFY(shown.size() == 1 || shown.wait(20000)); // stretch computed off the GUI thread
    ui::MapView* map = w.mapView();
    QCOMPARE(map->product(), w.currentProduct());
    QSignalSpy settled(map, &ui::MapView::tilesSettled);
    map->update();
    QVERIFY(settled.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(map->pendingTiles(), 0, 20000);
    const QImage shot = map->grab().toImage();
    // The product's pixels are on screen: many distinct colours, not just the background.
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 7)
        for (int x = 0; x < shot.width(); x += 7)
            colours.insert(shot.pixel(x, y));
    QVERIFY2(colours.size() > 200, qPrintable(QString::number(colours.size())));
    auto* layers = w.findChild<QListView*>(QStringLiteral("layerList"));
    QCOMPARE(layers->model()->rowCount(), 1);
    // Class coverage arrives after the picture, from its own background job.
    QVERIFY(counted.size() == 1 || counted.wait(20000));
    auto* legend = w.findChild<QTreeWidget*>(QStringLiteral("sclLegend"));
    QVERIFY(legend->topLevelItemCount() > 5);
    QVERIFY(legend->topLevelItem(0)->text(1).endsWith(QLatin1String(" %")));
}

// New render parameters while tiles wait in the pool: the stale ones must still report, or their
// keys stay pending for ever (QThreadPool::clear dropped them unreported) and tilesSettled never comes.
void TestViewer::tilesSettleAfterParamsChangeWithTilesQueued()
{
    ui::MapView map;
    map.resize(900, 700);
    map.setProduct(Product::open(m_report.main.safePath));
    map.zoomBy(4.0, QPointF(450, 350)); // many small tiles: most wait in the pool
    for (int i = 0; i < 4; ++i) {
        map.grab(); // paints: requests every visible tile
        QVERIFY(map.pendingTiles() > 0);
        ui::RenderParams p = map.renderParams();
        p.overlayOpacity = 0.3f + 0.1f * i;
        map.setRenderParams(p);
    }
    map.grab();
    QTRY_COMPARE_WITH_TIMEOUT(map.pendingTiles(), 0, 60000);
}

void TestViewer::zoomAndPanKeepTheAnchor()
{
    ui::MapView map;
    map.resize(600, 400);
    map.setProduct(Product::open(m_report.main.safePath));
    const double fit = map.scale();
    QVERIFY(fit > 0.7 && fit < 0.9); // 400 px high view over 480 px: ~0.82
    const QPointF anchor(150, 120);
    const QPointF before = map.gridAt(anchor);
    map.zoomBy(3.0, anchor);
    QVERIFY(std::abs(map.scale() - 3 * fit) < 1e-9);
    QVERIFY((map.gridAt(anchor) - before).manhattanLength() < 1e-9);
    map.panBy(QPointF(30, 0));
    QVERIFY(std::abs(map.gridAt(anchor).x() - (before.x() - 30 / map.scale())) < 1e-9);
    map.zoomOneToOne();
    QCOMPARE(map.scale(), 1.0);
    map.zoomToFit();
    QCOMPARE(map.scale(), fit);
    // Fitted by the user, it stays fitted when the view shrinks (a task with more docks).
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    map.zoomBy(2.0, anchor);
    map.zoomToFit();
    map.resize(300, 200);
    QTRY_VERIFY(std::abs(map.scale() - fit / 2) < 1e-9);
    map.zoomBy(3.0, anchor); // zoomed: the view keeps its scale
    map.resize(600, 400);
    QTest::qWait(50);
    QVERIFY(std::abs(map.scale() - 1.5 * fit) < 1e-9);
}

// A mask file attached to a product: while its coverage is counted the legend lists SCL's classes
// only; once counted, "Mask: hidden" must still be ticked (it was not: nothing hidden, nothing to
// rebuild).
// File > Open Mask File with a raster of many codes (here an SCL): its values are counted off the GUI
// thread, the user says which hide the ground, and the product is opened again with that choice.
void TestViewer::maskFileValuesAreAsked()
{
    ui::MainWindow w;
    w.resize(1000, 700);
    w.show();
    QSignalSpy opened(&w, &ui::MainWindow::productOpened);
    w.openProduct(m_report.main.safePath);
    QVERIFY(opened.wait(20000));
    const QString scl = w.currentProduct()->info().maskFile;
    QVERIFY(scl.contains(QStringLiteral("SCL_20m")));
    w.openProduct(m_report.main.truthPath);
    QVERIFY(opened.wait(20000));
    QCOMPARE(w.currentProduct()->info().maskKind, MaskKind::None);

    QSignalSpy asked(&w, &ui::MainWindow::maskValuesAsked);
    QString label;
    connect(&w, &ui::MainWindow::maskValuesAsked, this, [&] {
        auto* dialog = w.findChild<QInputDialog*>(QStringLiteral("maskValuesDialog"));
        QVERIFY(dialog);
        label = dialog->labelText();
        dialog->setTextValue(QStringLiteral("8-10"));
        dialog->accept();
    });
    w.openMaskFile(scl);
    QVERIFY(w.isVisible()); // returned at once: the count runs in the background
    QVERIFY(asked.wait(20000));
    QVERIFY2(
        label.contains(QStringLiteral("9 (")) && label.contains(QStringLiteral("4 (")), qPrintable(label));
    QVERIFY(opened.size() == 3 || opened.wait(20000));
    QCOMPARE(w.currentProduct()->info().maskFile, scl + QStringLiteral("#hidden=8-10"));
    QCOMPARE(w.currentProduct()->info().maskKind, MaskKind::Binary);
    QCOMPARE(w.currentProduct()->info().path, QFileInfo(m_report.main.truthPath).absoluteFilePath());

    // Another layer chosen while the values are read: the mask goes to no layer, the user is told.
    QSignalSpy errors(&w, &ui::MainWindow::errorShown);
    const int askedBefore = asked.size();
    w.openMaskFile(scl);
    w.setCurrentLayer(0); // the SAFE
    QVERIFY(errors.wait(20000));
    QVERIFY2(errors.last().first().toString().contains(QStringLiteral("current layer changed")),
        qPrintable(errors.last().first().toString()));
    QTest::qWait(200);
    QCOMPARE(asked.size(), askedBefore);
    QCOMPARE(w.currentProduct()->info().maskKind, MaskKind::Scl);

    // A layer re-opened with a mask replaces that layer, even when another is current once it ends.
    w.setCurrentLayer(1);
    const int before = opened.size();
    w.openProduct(m_report.main.truthPath, scl + QStringLiteral("#hidden=3"), MaskKind::Binary);
    w.setCurrentLayer(0);
    QVERIFY(opened.size() > before || opened.wait(20000));
    QTRY_COMPARE(w.currentProduct()->info().maskFile, scl + QStringLiteral("#hidden=3"));
    ui::Workspace* ws = w.findChild<ui::Workspace*>();
    QVERIFY(ws);
    QCOMPARE(ws->layers()->count(), 2);
    QCOMPARE(ws->layers()->at(0).product->info().maskKind, MaskKind::Scl); // the SAFE, untouched
    QCOMPARE(ws->layers()->at(1).product->info().maskFile, scl + QStringLiteral("#hidden=3"));
}

namespace {
// A one-band ENVI raw file beside its .hdr (GDAL reads it; this test does not link GDAL): `type` is
// ENVI's data type, 4 for float32, 12 for uint16.
template <typename T>
void writeEnvi(const QString& path, int width, int height, int type, const std::vector<T>& v)
{
    QFile raw(path);
    QVERIFY(raw.open(QIODevice::WriteOnly));
    const auto bytes = static_cast<qint64>(v.size() * sizeof(T));
    QCOMPARE(raw.write(reinterpret_cast<const char*>(v.data()), bytes), bytes);
    QFile hdr(QFileInfo(path).path() + QLatin1Char('/') + QFileInfo(path).completeBaseName()
        + QStringLiteral(".hdr"));
    QVERIFY(hdr.open(QIODevice::WriteOnly));
    hdr.write(QStringLiteral("ENVI\nsamples = %1\nlines = %2\nbands = 1\nheader offset = 0\n"
                             "file type = ENVI Standard\ndata type = %3\ninterleave = bsq\nbyte order = %4\n")
                  .arg(width)
                  .arg(height)
                  .arg(type)
                  .arg(QSysInfo::ByteOrder == QSysInfo::LittleEndian ? 0 : 1)
                  .toLatin1());
}
} // namespace

// A 16-bit flag mask (QA60's 1024 opaque, 2048 cirrus; ENVI raw files, no GDAL here): the user is
// asked for bits, not for values that all read 255. Then a cloud probability (float 0-1), which hid
// every pixel above 0: asked from which value up it hides, in their own way of writing numbers. The
// layer opens with each choice.
void TestViewer::maskFileBitsOrThresholdAreAsked()
{
    ui::MainWindow w;
    w.resize(1000, 700);
    w.show();
    QSignalSpy opened(&w, &ui::MainWindow::productOpened);
    w.openProduct(m_report.main.truthPath);
    QVERIFY(opened.wait(20000));
    const int width = w.currentProduct()->info().width, height = w.currentProduct()->info().height;
    QTemporaryDir dir;
    const QString qa60 = dir.filePath(QStringLiteral("qa60.img")),
                  prob = dir.filePath(QStringLiteral("prob.img"));
    std::vector<quint16> flags(static_cast<size_t>(width) * height);
    std::vector<float> p(flags.size());
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const size_t k = static_cast<size_t>(y) * width + x;
            flags[k] = x < width / 2 ? 0 : y < height / 2 ? 1024 : 2048; // right: opaque above, cirrus below
            p[k] = static_cast<float>(x) / width; // 0 at the left edge to nearly 1 at the right
        }
    writeEnvi(qa60, width, height, 12, flags);
    writeEnvi(prob, width, height, 4, p);
    QString label, title, suggested, answer;
    connect(&w, &ui::MainWindow::maskValuesAsked, this, [&] {
        auto* dialog = w.findChild<QInputDialog*>(QStringLiteral("maskValuesDialog"));
        QVERIFY(dialog);
        label = dialog->labelText();
        title = dialog->windowTitle();
        suggested = dialog->textValue();
        dialog->setTextValue(answer);
        dialog->accept();
    });
    QSignalSpy asked(&w, &ui::MainWindow::maskValuesAsked);
    answer = QStringLiteral("10");
    w.openMaskFile(qa60);
    QVERIFY(asked.wait(20000));
    QCOMPARE(suggested, QStringLiteral("10,11")); // QA60's two
    QVERIFY2(
        label.contains(QStringLiteral("10 (")) && label.contains(QStringLiteral("11 (")), qPrintable(label));
    QVERIFY2(!label.contains(QStringLiteral("255")), qPrintable(label));
    QCOMPARE(title, QStringLiteral("Mask Bits"));
    QVERIFY(opened.size() == 2 || opened.wait(20000));
    QCOMPARE(w.currentProduct()->info().maskFile, qa60 + QStringLiteral("#bits=10"));
    QCOMPARE(computeCoverage(*w.currentProduct(), MaskSpec()).hidden,
        qint64(width - width / 2) * (height / 2)); // the opaque quarter only

    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); // "0,4": a decimal comma
    answer = QStringLiteral("0,5");
    w.openMaskFile(prob);
    QVERIFY(asked.wait(20000));
    QLocale::setDefault(before);
    QCOMPARE(title, QStringLiteral("Mask Threshold"));
    QCOMPARE(suggested, QStringLiteral("0,4"));
    QVERIFY2(label.contains(QStringLiteral("from 0 to 0,99")), qPrintable(label));
    QVERIFY(opened.size() == 3 || opened.wait(20000));
    QCOMPARE(w.currentProduct()->info().maskFile, prob + QStringLiteral("#above=0.5"));
    QCOMPARE(computeCoverage(*w.currentProduct(), MaskSpec()).hidden,
        qint64(width - width / 2) * height); // the right half
}

// Before its classes are counted a layer's legend lists the SCL classes only: the first stretch of a
// GeoTIFF with a mask file counted its clouds (101) as ground, a washed-out picture until reselected.
void TestViewer::maskFileCloudsAreLeftOutOfTheStretch()
{
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy shown(&w, &ui::MainWindow::displayReady);
    const QString scl = Product::open(m_report.main.safePath)->info().maskFile;
    w.openProduct(m_report.main.truthPath, scl + QStringLiteral("#hidden=8-10"), MaskKind::Binary);
    QVERIFY(shown.wait(20000));
    QVERIFY(w.mapView()->renderParams().overlayClasses.contains(kMaskHidden));
}

// Several files dropped at once (dates of a tile, their field boundaries): only the first opened, the
// rest were lost without a word.
void TestViewer::filesDroppedTogetherAllOpen()
{
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ui::Workspace* ws = w.findChild<ui::Workspace*>();
    QVERIFY(ws);
    QMimeData data;
    data.setUrls({ QUrl::fromLocalFile(m_report.main.safePath),
        QUrl::fromLocalFile(m_report.main.parcelsPath), QUrl::fromLocalFile(m_report.main.truthPath) });
    QDragEnterEvent enter(QPoint(200, 200), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(200, 200), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w, &drop);
    QTRY_COMPARE_WITH_TIMEOUT(ws->layers()->count(), 2, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(w.fieldsPanel()->parcels() != nullptr, 30000);
    QCOMPARE(ws->layers()->at(0).product->info().path, m_report.main.safePath);
    w.setTask(QStringLiteral("inspect")); // the parcels chose the Fields task: not the next window's
}

void TestViewer::maskFileHiddenIsTickedOnceCounted()
{
    ui::SclPanel panel;
    panel.setCoverage(Coverage(), true, true);
    QVERIFY(!panel.selectedClasses().contains(kMaskHidden));
    Coverage cov;
    cov.total = cov.valid = 100;
    cov.counts[kMaskClear] = 70;
    cov.counts[kMaskHidden] = cov.hidden = 30;
    QSignalSpy recount(&panel, &ui::SclPanel::classesChanged);
    panel.setCoverage(cov, true, false);
    QVERIFY(panel.selectedClasses().contains(kMaskHidden));
    QCOMPARE(recount.size(), 1); // counted without it: count again
    panel.setCoverage(cov, true, false);
    QCOMPARE(recount.size(), 1);
    // The user's untick of it holds across refreshes (a new buffer), as any class's does.
    for (int i = 0; i < panel.legend()->topLevelItemCount(); ++i)
        if (panel.legend()->topLevelItem(i)->data(0, Qt::UserRole).toInt() == kMaskHidden)
            panel.legend()->topLevelItem(i)->setCheckState(0, Qt::Unchecked);
    panel.setCoverage(cov, true, false);
    QVERIFY(!panel.selectedClasses().contains(kMaskHidden));
    QVERIFY(panel.selectedClasses().contains(9));
    QVERIFY(!panel.hidingClasses().contains(kMaskHidden));

    // Every class unticked hides nothing, and stays so across refreshes (the defaults came back, and
    // jobs hid them while the overlay showed nothing). Stored under a name of its own: the test programs
    // share one settings folder and run side by side, and "none" would reach another's window.
    const QString appName = QCoreApplication::applicationName();
    QCoreApplication::setApplicationName(QStringLiteral("tst_viewer-none-ticked"));
    const auto restore = qScopeGuard([&] {
        ui::settings::hiddenClasses.set({});
        QCoreApplication::setApplicationName(appName);
    });
    for (int i = 0; i < panel.legend()->topLevelItemCount(); ++i)
        if (panel.legend()->topLevelItem(i)->data(0, Qt::UserRole).isValid())
            panel.legend()->topLevelItem(i)->setCheckState(0, Qt::Unchecked);
    panel.setCoverage(cov, true, false);
    QVERIFY(panel.selectedClasses().isEmpty());
    QVERIFY(panel.ticksLoaded() && panel.hidingClasses().isEmpty());
    // ... and in the next session: "none" is stored, not an empty list that read as the defaults.
    bool chosen = false;
    QVERIFY(ui::settings::storedHiddenClasses(&chosen).isEmpty() && chosen);
    ui::SclPanel next;
    next.setCoverage(cov, true, false);
    QVERIFY(next.hidingClasses().isEmpty());
    // On a SAFE's legend, which does not list a mask file's "hidden": unticking all hides that too.
    Coverage safe;
    safe.total = safe.valid = 100;
    safe.counts[4] = 60;
    safe.counts[9] = safe.hidden = 40;
    ui::SclPanel onSafe;
    onSafe.setHiddenClasses({ 9, kMaskHidden });
    onSafe.setCoverage(safe, true, false);
    QVERIFY(onSafe.hidingClasses().contains(kMaskHidden));
    for (int i = 0; i < onSafe.legend()->topLevelItemCount(); ++i)
        if (onSafe.legend()->topLevelItem(i)->data(0, Qt::UserRole).isValid())
            onSafe.legend()->topLevelItem(i)->setCheckState(0, Qt::Unchecked);
    QVERIFY(onSafe.hidingClasses().isEmpty());
    ui::settings::hiddenClasses.set({}); // never set again: core's defaults
    const QList<int> defaults = MaskSpec().classes;
    QCOMPARE(ui::settings::storedHiddenClasses(&chosen), QSet<int>(defaults.begin(), defaults.end()));
    QVERIFY(!chosen);
}

void TestViewer::legendShowsCoverageCountedFromPixels()
{
    const auto p = Product::open(m_report.main.safePath);
    const Coverage cov = computeCoverage(*p, MaskSpec());
    ui::SclPanel panel;
    panel.setCoverage(cov, true);
    QTreeWidget* legend = panel.legend();
    bool sawCloud = false;
    for (int i = 0; i < legend->topLevelItemCount(); ++i) {
        QTreeWidgetItem* it = legend->topLevelItem(i);
        if (it->data(0, Qt::UserRole).toInt() == 9) {
            sawCloud = true;
            QCOMPARE(it->text(1), QStringLiteral("%1 %").arg(cov.percentOfValid(9), 0, 'f', 2));
            QCOMPARE(it->checkState(0), Qt::Checked);
        }
    }
    QVERIFY(sawCloud);
    // The overlay's default classes are core's default hidden set (rendering kept a second one).
    QCOMPARE(ui::RenderParams().overlayClasses, ui::defaultOverlayClasses());
    QCOMPARE(ui::defaultOverlayClasses(), (QSet<int> { 3, 8, 9, 10, 11, kMaskHidden }));
    QCOMPARE(panel.selectedClasses(), (QSet<int> { 3, 8, 9, 10, 11 }));
    // The jobs' classes keep a mask file's "hidden", which this product's legend does not list: a
    // GeoTIFF + mask on another layer is counted with it (the Fields dock counted it as all clear).
    QVERIFY(panel.hidingClasses().contains(kMaskHidden));
}

void TestViewer::inspectorShowsBandValues()
{
    const auto p = Product::open(m_report.main.safePath);
    ui::PixelInspector inspector;
    QSignalSpy shown(&inspector, &ui::PixelInspector::shown);
    inspector.inspect(p, 123, 45); // read on a pool thread
    QVERIFY(inspector.isBusy());
    QVERIFY(shown.wait(10000));
    // Clicks while a read runs: only the latest is shown, the older result is dropped.
    shown.clear();
    inspector.inspect(p, 1, 1);
    inspector.inspect(p, 2, 2);
    inspector.inspect(p, 123, 45);
    QTRY_VERIFY_WITH_TIMEOUT(!inspector.isBusy(), 10000);
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.first().at(0).toInt(), 123);
    float b04 = 0;
    p->readWindow({ QStringLiteral("B04") }, { 123, 45, 1, 1 }, &b04);
    bool found = false, lat = false, cls = false;
    QTreeWidget* t = inspector.table();
    for (int i = 0; i < t->topLevelItemCount(); ++i) {
        const QString k = t->topLevelItem(i)->text(0), v = t->topLevelItem(i)->text(1);
        if (k == QLatin1String("B04")) {
            found = true;
            QCOMPARE(v, QString::number(b04, 'f', 4));
        }
        lat |= k.startsWith(QLatin1String("Lat"));
        cls |= k == QLatin1String("Class");
    }
    QVERIFY(found && lat && cls);
}

void TestViewer::stretchIgnoresClouds()
{
    const auto p = Product::open(m_report.main.safePath);
    ui::RenderParams params;
    const ui::Stretch clear = ui::computeStretch(*p, params);
    params.overlayClasses.clear(); // count cloud pixels too
    const ui::Stretch all = ui::computeStretch(*p, params);
    QVERIFY(clear.high[0] < all.high[0]); // clouds would push the top of the range up
    QVERIFY(clear.high[0] > 0.05f && clear.high[0] < 0.4f);
}

void TestViewer::brokenProductShowsErrorAndAppStaysUsable()
{
    QTemporaryDir dir;
    const QString bad
        = dir.filePath(QStringLiteral("S2B_MSIL2A_20230101T000000_N0509_R022_T33UUU_20230101T000000.zip"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a zip");
    f.close();
    ui::MainWindow w;
    w.show();
    QSignalSpy errors(&w, &ui::MainWindow::errorShown);
    w.openProduct(bad);
    QVERIFY(errors.wait(20000));
    QVERIFY(errors.first().first().toString().contains(bad));
    QVERIFY(!w.currentProduct());
    QSignalSpy opened(&w, &ui::MainWindow::productOpened);
    QSignalSpy counted(&w, &ui::MainWindow::coverageReady);
    QSignalSpy shown(&w, &ui::MainWindow::displayReady);
    w.openProduct(m_report.main.safePath); // still works afterwards
    QVERIFY(opened.wait(20000));
}

void TestViewer::shiftDragDrawsAnAoi()
{
    ui::MapView map;
    map.resize(480, 480);
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    map.setProduct(Product::open(m_report.main.safePath));
    QSignalSpy changed(&map, &ui::MapView::aoiChanged);
    const QPointF a = map.widgetAt(QPointF(100, 120)), b = map.widgetAt(QPointF(300, 200));
    QTest::mousePress(&map, Qt::LeftButton, Qt::ShiftModifier, a.toPoint());
    QMouseEvent move(
        QEvent::MouseMove, b, map.mapToGlobal(b), Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
    QApplication::sendEvent(&map, &move);
    QTest::mouseRelease(&map, Qt::LeftButton, Qt::ShiftModifier, b.toPoint());
    QVERIFY(changed.size() >= 1);
    const QRect aoi = map.aoi();
    QVERIFY2(std::abs(aoi.left() - 100) <= 1 && std::abs(aoi.right() - 299) <= 1,
        qPrintable(QStringLiteral("%1 %2").arg(aoi.left()).arg(aoi.right())));
    QVERIFY(std::abs(aoi.top() - 120) <= 1 && std::abs(aoi.bottom() - 199) <= 1);
    // A click with a wobble (the tool on, or Shift held) inspects the pixel: it replaced the AOI with a
    // pixel-sized one, which the Reconstruction dock then ticked.
    QSignalSpy clicked(&map, &ui::MapView::pixelClicked);
    const QPointF c = map.widgetAt(QPointF(150, 150));
    QTest::mousePress(&map, Qt::LeftButton, Qt::ShiftModifier, c.toPoint());
    QMouseEvent wobble(QEvent::MouseMove, c + QPointF(1, 1), map.mapToGlobal(c + QPointF(1, 1)), Qt::NoButton,
        Qt::LeftButton, Qt::ShiftModifier);
    QApplication::sendEvent(&map, &wobble);
    QTest::mouseRelease(&map, Qt::LeftButton, Qt::ShiftModifier, (c + QPointF(1, 1)).toPoint());
    QCOMPARE(map.aoi(), aoi);
    QCOMPARE(clicked.size(), 1);
    // Another date of the tile keeps the AOI; a product of the same size elsewhere (every full tile is
    // 10980 px) does not: the AOI would be another place on the ground.
    map.setProduct(Product::open(m_report.main.truthPath));
    QCOMPARE(map.aoi(), aoi);
    const QString elsewhere = m_dir.filePath(QStringLiteral("same-size-elsewhere.tif"));
    {
        const auto truth = Product::open(m_report.main.truthPath);
        ProductInfo grid = truth->info();
        grid.geoTransform[0] += 109800; // the next tile east
        const int W = truth->width(), H = truth->height();
        std::vector<float> rows(static_cast<size_t>(W) * H * 3, 0.1f);
        ExportOptions e;
        ExportOptions::parseFormat(QStringLiteral("GTiff"), e.format);
        e.maskSidecar = false;
        RasterWriter out(elsewhere, grid, { 0, 0, W, H }, { "B02", "B03", "B04" }, e);
        out.writeRows(0, H, rows.data(), nullptr);
        out.finish();
    }
    map.setProduct(Product::open(elsewhere));
    QVERIFY(map.aoi().isEmpty());
}

void TestViewer::l1cWithSclFileGetsAnOverlay()
{
    QTemporaryDir dir;
    SampleOptions o;
    o.outDir = dir.path();
    o.size = 240;
    o.level = ProcessingLevel::L1C;
    const SampleReport r = generateSample(o);
    ui::MainWindow w;
    w.show();
    QSignalSpy opened(&w, &ui::MainWindow::productOpened);
    w.openProduct(r.main.safePath);
    QVERIFY(opened.wait(20000));
    // L1C: no SCL of its own, its MSK_CLASSI_B00 cloud mask instead.
    QCOMPARE(w.currentProduct()->info().maskKind, MaskKind::Classi);
    QVERIFY(w.currentProduct()->hasClasses());
    w.openProduct(r.main.safePath, r.main.sclPath, MaskKind::Scl);
    QVERIFY(opened.wait(20000));
    QCOMPARE(w.currentProduct()->info().maskKind, MaskKind::Scl);
    QCOMPARE(w.findChild<QListView*>(QStringLiteral("layerList"))->model()->rowCount(),
        1); // same layer, now with classes
}

void TestViewer::ndviAndCustomCompositesRenderTheRightBands()
{
    const auto p = Product::open(m_report.main.safePath);
    const Window w { 200, 200, 16, 16 };
    std::vector<float> v(2 * 256);
    p->readWindow({ QStringLiteral("B08"), QStringLiteral("B04") }, w, v.data());
    ui::RenderParams params;
    params.showOverlay = false;
    params.composite = ui::Composite::Ndvi;
    const QImage ndvi = ui::renderWindow(*p, params, w, 16, 16);
    for (int k = 0; k < 256; k += 17) {
        const float n = (v[k] - v[256 + k]) / (v[k] + v[256 + k]);
        QCOMPARE(QColor(ndvi.pixel(k % 16, k / 16)).rgb(), ui::ndviColour(n).rgb());
    }
    // Custom RGB = (B08, B08, B08) with a 0..1 stretch: grey levels equal to NIR reflectance.
    params.composite = ui::Composite::Custom;
    params.customBands = { QStringLiteral("B08"), QStringLiteral("B08"), QStringLiteral("B08") };
    params.stretch.low = { 0, 0, 0 };
    params.stretch.high = { 1, 1, 1 };
    const QImage grey = ui::renderWindow(*p, params, w, 16, 16);
    for (int k = 0; k < 256; k += 17) {
        const QColor c(grey.pixel(k % 16, k / 16));
        QCOMPARE(c.red(), c.blue());
        QVERIFY(std::abs(c.red() - static_cast<int>(std::lround(std::clamp(v[k], 0.f, 1.f) * 255))) <= 1);
    }
}

void TestViewer::bufferRingIsDrawnAroundHiddenPixels()
{
    const auto p = Product::open(m_report.main.safePath);
    const Window w { 0, 0, 240, 240 };
    ui::RenderParams params;
    params.overlayOpacity = 1.0f;
    const QImage plain = ui::renderWindow(*p, params, w, 240, 240);
    params.bufferPx = 3;
    const QImage buffered = ui::renderWindow(*p, params, w, 240, 240);
    int ring = 0;
    for (int y = 0; y < 240; ++y)
        for (int x = 0; x < 240; ++x)
            if (buffered.pixel(x, y) == QColor(255, 140, 0).rgb()) {
                ++ring;
                QVERIFY(plain.pixel(x, y) != buffered.pixel(x, y));
            }
    // As many ring pixels as a 3 px buffer adds around the hidden mask (square approximation of the ellipse).
    MaskSpec spec;
    std::vector<uint8_t> a(240 * 240), b(240 * 240);
    readHiddenMask(*p, spec, w, a.data());
    spec.dilatePx = 3;
    readHiddenMask(*p, spec, w, b.data());
    int added = 0;
    for (size_t k = 0; k < a.size(); ++k)
        added += b[k] && !a[k];
    QVERIFY(added > 100);
    QVERIFY2(
        ring >= added && ring < 1.6 * added, qPrintable(QStringLiteral("%1 vs %2").arg(ring).arg(added)));
}

QTEST_MAIN(TestViewer)
#include "tst_viewer.moc"

// A stretch computed in the background arrives after the user chose Manual: the manual range stays
// (the late result put the percentile stretch back on the map, with the settings of its start).
void TestViewer::aLateStretchKeepsNewerSettings()
{
    ui::MainWindow w;
    w.resize(1000, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy ready(&w, &ui::MainWindow::displayReady);
    w.openProduct(m_report.main.safePath);
    QVERIFY(ready.wait(30000));
    auto* composite = w.findChild<QComboBox*>(QStringLiteral("compositeCombo"));
    auto* stretch = w.findChild<QComboBox*>(QStringLiteral("stretchCombo"));
    QVERIFY(composite && stretch);
    stretch->setCurrentIndex(0); // 2-98 %: computed in the background
    QTRY_VERIFY_WITH_TIMEOUT(w.mapView()->renderParams().stretch.high[0] != 0.3f, 20000);
    ready.clear();
    composite->setCurrentIndex(composite->currentIndex() == 1 ? 2 : 1); // a stretch job starts ...
    stretch->setCurrentIndex(stretch->findData(QStringLiteral("manual"))); // ... and Manual is chosen at once
    QCOMPARE(w.mapView()->renderParams().stretch.high[0], 0.3f);
    QTRY_VERIFY_WITH_TIMEOUT(ready.size() >= 2, 20000); // the manual display, then the late stretch
    QTest::qWait(200);
    QCOMPARE(w.mapView()->renderParams().stretch.high[0], 0.3f);
    QCOMPARE(w.mapView()->renderParams().stretch.low[0], 0.0f);
    stretch->setCurrentIndex(0); // remembered: the next windows start from the default again
}

// Layers opened while another is counted are each counted (one waiting slot lost all but the last:
// "counting..." for ever), and a change of the ticked classes recounts every layer, not only the
// current one (the others showed their old share as if current).
void TestViewer::everyLayersHiddenShareFollowsTheTicks()
{
    ui::MainWindow w;
    w.resize(1000, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ui::Workspace* ws = w.findChild<ui::Workspace*>();
    auto* scl = w.findChild<ui::SclPanel*>();
    QVERIFY(ws && scl);
    QSignalSpy opened(&w, &ui::MainWindow::productOpened);
    const QStringList paths { m_report.main.safePath, m_report.main.truthPath, m_report.main.safePath };
    for (const QString& path : paths) {
        const int n = opened.size();
        w.openProduct(path);
        QVERIFY(opened.size() > n || opened.wait(20000));
    }
    QCOMPARE(ws->layers()->count(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(ws->layers()->at(0).coverageReady && ws->layers()->at(1).coverageReady
            && ws->layers()->at(2).coverageReady,
        30000);
    const qint64 before = ws->layers()->at(2).coverage.hidden;
    QVERIFY(before > 0);
    // Only cirrus ticked, the first layer current: the third (another open of the same SAFE) follows.
    w.setCurrentLayer(0);
    scl->setHiddenClasses({ SclCirrus });
    QTRY_VERIFY_WITH_TIMEOUT(ws->layers()->at(0).coverageReady && ws->layers()->at(2).coverageReady, 30000);
    const Coverage& c0 = ws->layers()->at(0).coverage;
    QCOMPARE(c0.hidden, c0.counts[SclCirrus]);
    QCOMPARE(ws->layers()->at(2).coverage.hidden, c0.hidden);
    QVERIFY(ws->layers()->at(2).coverage.hidden < before);
}

// File > Close Layer and Delete in the Layers dock: the workspace, the list, the map, the comparison
// and the coverage counted in the background stay on the same layers whichever row goes.
void TestViewer::closingLayersKeepsEverythingInStep()
{
    ui::MainWindow w;
    w.resize(1000, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(QTest::qWaitForWindowActive(&w)); // Delete is the Layers list's own shortcut
    ui::Workspace* ws = w.findChild<ui::Workspace*>();
    auto* list = w.findChild<QListView*>(QStringLiteral("layerList"));
    auto* close = w.findChild<QAction*>(QStringLiteral("actionCloseLayer"));
    QVERIFY(ws && list && close);
    QVERIFY(!close->isEnabled());
    QSignalSpy opened(&w, &ui::MainWindow::productOpened);
    QSignalSpy counted(&w, &ui::MainWindow::coverageReady);
    const QString safe = QFileInfo(m_report.main.safePath).absoluteFilePath();
    const QString truth = QFileInfo(m_report.main.truthPath).absoluteFilePath();
    auto open = [&](const QString& path) {
        const int n = opened.size();
        w.openProduct(path);
        return opened.size() > n || opened.wait(20000);
    };
    // The list, the workspace and the window agree on the current layer, and it is selected.
    auto inStep = [&](const QString& path) {
        const int row = ws->currentIndex();
        return row >= 0 && list->currentIndex().row() == row
            && list->selectionModel()->isSelected(list->currentIndex()) && w.currentProduct()
            && w.currentProduct()->info().path == path && ws->currentProduct() == w.currentProduct();
    };
    QVERIFY(open(safe));
    QVERIFY(open(truth));
    QVERIFY(close->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(ws->layers()->at(0).coverageReady && ws->layers()->at(1).coverageReady, 20000);

    // A layer below the current one.
    w.setCurrentLayer(0);
    w.closeLayer(1);
    QCOMPARE(ws->layers()->count(), 1);
    QCOMPARE(ws->currentIndex(), 0);
    QVERIFY(inStep(safe));

    // The first row while the second is current: the current one moves up. The next layer is on
    // the same grid: the view and the AOI stay, as when the user selects another date.
    QVERIFY(open(truth));
    QCOMPARE(ws->currentIndex(), 1);
    w.setCurrentLayer(0);
    QTRY_COMPARE(w.mapView()->product(), w.currentProduct());
    const QRect aoi(40, 30, 120, 90);
    w.mapView()->setAoi(aoi);
    w.mapView()->zoomBy(2.0, QPointF(100, 100));
    const double scale = w.mapView()->scale();
    QCOMPARE(ws->aoi(), aoi);
    w.closeLayer(0);
    QCOMPARE(ws->currentIndex(), 0);
    QVERIFY(inStep(truth));
    QTRY_COMPARE(w.mapView()->product(), w.currentProduct());
    QCOMPARE(w.mapView()->aoi(), aoi);
    QCOMPARE(ws->aoi(), aoi);
    QCOMPARE(w.mapView()->scale(), scale);
    w.mapView()->setAoi(QRect());

    // The current first row with one below (the list's own choice, while the row goes, is the row
    // below, which was 1): the one below becomes current, at row 0.
    QVERIFY(open(safe));
    w.setCurrentLayer(0);
    QVERIFY(inStep(truth));
    close->trigger();
    QCOMPARE(ws->layers()->count(), 1);
    QCOMPARE(ws->currentIndex(), 0);
    QVERIFY(inStep(safe));

    // The current last row of several: the one above.
    QVERIFY(open(truth));
    QCOMPARE(ws->currentIndex(), 1);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Delete);
    QCOMPARE(ws->layers()->count(), 1);
    QVERIFY(inStep(safe));

    // Coverage counted while a row above its layer closes lands on its layer's new row.
    QTRY_VERIFY_WITH_TIMEOUT(ws->layers()->at(0).coverageReady, 20000);
    QVERIFY(open(truth)); // its coverage starts now; its result is handled after the close
    QVERIFY(!ws->layers()->at(1).coverageReady);
    counted.clear();
    w.closeLayer(0);
    QTRY_VERIFY_WITH_TIMEOUT(ws->layers()->at(0).coverageReady, 20000);
    QCOMPARE(counted.size(), 1);
    QCOMPARE(counted.first().first().toInt(), 0);
    QVERIFY(inStep(truth));

    // The pixel shown of a closed layer goes with it (its values stayed on show).
    {
        QVERIFY(open(safe));
        QSignalSpy shown(w.pixelInspector(), &ui::PixelInspector::shown);
        w.pixelInspector()->inspect(w.currentProduct(), 5, 5);
        QVERIFY(shown.wait(20000));
        QVERIFY(w.pixelInspector()->table()->isVisible());
        w.closeLayer(1);
        QVERIFY(!w.pixelInspector()->table()->isVisible());
        QVERIFY(inStep(truth));
    }

    // The comparison of a closed layer goes with it.
    QVERIFY(open(safe));
    const auto after = Product::open(truth);
    w.presentComparison(w.currentProduct(), after, QStringLiteral("test"), truth);
    auto* compare = w.findChild<QAction*>(QStringLiteral("actionCompare"));
    auto* controls = w.findChild<QGroupBox*>(QStringLiteral("compareGroup"));
    QVERIFY(compare->isEnabled() && compare->isChecked() && controls->isEnabled());
    w.closeLayer(1);
    QVERIFY(!compare->isEnabled() && !compare->isChecked());
    QVERIFY(!controls->isEnabled()); // nothing to save as an image
    QVERIFY(!w.swipeView()->before() && !w.swipeView()->after());
    QVERIFY(inStep(truth));

    // The last one: the welcome page, nothing on the map, nothing to run, no pixel shown; opening
    // works again.
    auto* scl = w.findChild<ui::SclPanel*>();
    const QSet<int> ticked = scl->hidingClasses();
    QVERIFY(!ticked.isEmpty());
    QSignalSpy inspected(w.pixelInspector(), &ui::PixelInspector::shown);
    w.pixelInspector()->inspect(w.currentProduct(), 5, 5);
    QVERIFY(inspected.wait(20000));
    QVERIFY(w.pixelInspector()->table()->isVisible());
    w.closeLayer(0);
    QCOMPARE(ws->layers()->count(), 0);
    QCOMPARE(ws->currentIndex(), -1);
    QVERIFY(!w.currentProduct());
    QVERIFY(!w.mapView()->product());
    QVERIFY(!close->isEnabled());
    QVERIFY(w.findChild<ui::WelcomePage*>()->isVisible());
    auto* legend = w.findChild<QTreeWidget*>(QStringLiteral("sclLegend"));
    QCOMPARE(legend->topLevelItemCount(), 1);
    QCOMPARE(legend->topLevelItem(0)->text(0), QStringLiteral("No product open"));
    QVERIFY(!w.findChild<QPushButton*>(QStringLiteral("reconRun"))->isEnabled());
    QVERIFY(!w.pixelInspector()->table()->isVisible());
    QVERIFY(open(safe));
    QVERIFY(inStep(safe));
    QVERIFY(w.mapView()->isVisible());
    QCOMPARE(scl->hidingClasses(), ticked); // the user's ticks outlived the empty legend

    // A layer closed while a mask file for it is read does not come back with the mask: closed while
    // the load runs (it is cancelled), and after it ended but before its result is handled here.
    QVERIFY(open(truth));
    const QString sclFile = ws->layers()->at(0).product->info().maskFile;
    for (const bool ended : { false, true }) {
        w.openProduct(truth, sclFile + QStringLiteral("#hidden=3"), MaskKind::Binary);
        if (ended)
            QVERIFY(ui::jobPool()->waitForDone(20000)); // its result waits in this thread's queue
        w.closeLayer(1);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000); // its result handled
        QCOMPARE(ws->layers()->count(), 1);
        QVERIFY(inStep(safe));
        if (!ended)
            QVERIFY(open(truth));
    }
}
