// The Fields dock in the real main window, offscreen: two dates and a reconstruction as layers,
// the generator's parcels opened, statistics computed in the background, a field picked on the map,
// its numbers and time series, exports, and a bad file that leaves the app usable.
#include <algorithm>
#include <cmath>
#include <gdal_priv.h>

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/runtime.h"
#include "core/recon/reconstruct.h"
#include "core/sample/samplegenerator.h"
#include "ui/fieldspanel.h"
#include "ui/mainwindow.h"
#include "ui/mapview.h"
#include "ui/settings.h"

using namespace unclouded;

class TestFieldsPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void parcelsStatisticsAndTimeSeries();
    void layerWithAnAttachedMask();
    void outlinesFollowTheLayersGrid();

private:
    QTemporaryDir m_dir;
    SampleReport m_sample;
    QString m_result;
};

void TestFieldsPanel::initTestCase()
{
    initializeRuntime();
    SampleOptions o;
    o.outDir = m_dir.filePath(QStringLiteral("s"));
    o.size = 300;
    o.seed = 5;
    o.cloudCover = 0.4;
    o.referenceDate = true;
    m_sample = generateSample(o);
    m_result = m_dir.filePath(QStringLiteral("rebuilt.tif"));
    recon::ReconOptions ro;
    ro.method = recon::Method::parse(QStringLiteral("temporal"));
    ro.references = { m_sample.reference->safePath };
    recon::reconstructToFile(*Product::open(m_sample.main.safePath), ro, m_result, ExportOptions {});
}

// A GeoTIFF without classes, opened with a mask file, is counted by that mask: the same hidden share
// per field as the product whose SCL the mask was made from. Before: the layer was skipped (session
// 38), then, depending on when the legend was listed, counted with nothing hidden: the jobs' classes
// came from the current layer's legend alone (tst_viewer pins the rule: SclPanel::hidingClasses).
void TestFieldsPanel::layerWithAnAttachedMask()
{
    const auto safe = Product::open(m_sample.main.safePath);
    const int W = safe->width(), H = safe->height();
    std::vector<uint8_t> cls(static_cast<size_t>(W) * H);
    safe->readClasses({ 0, 0, W, H }, cls.data());
    const MaskSpec spec;
    QVERIFY(std::find(cls.begin(), cls.end(), 0) == cls.end()); // no nodata: 0 in the mask is clear
    for (uint8_t& c : cls)
        c = spec.hides(c) ? 1 : 0;
    const QString mask = m_dir.filePath(QStringLiteral("clouds.tif"));
    {
        GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            mask.toUtf8().constData(), W, H, 1, GDT_Byte, nullptr);
        QVERIFY(ds);
        QCOMPARE(
            ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, W, H, cls.data(), W, H, GDT_Byte, 0, 0), CE_None);
        GDALClose(ds);
    }
    ui::MainWindow w;
    w.resize(1500, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy opened(&w, &ui::MainWindow::productOpened);
    QSignalSpy counted(&w, &ui::MainWindow::coverageReady);
    w.openProduct(m_sample.main.safePath);
    QVERIFY(opened.wait(30000));
    w.openProduct(m_sample.main.truthPath);
    QVERIFY(opened.wait(30000));
    // The GeoTIFF is open (not current): given with its mask, its layer takes the mask, no second layer.
    w.setCurrentLayer(0);
    const qsizetype before = counted.size();
    w.openProduct(m_sample.main.truthPath, mask, MaskKind::Binary);
    QVERIFY(opened.wait(30000));
    auto* layers = w.findChild<QListView*>(QStringLiteral("layerList"));
    QVERIFY(layers);
    QCOMPARE(layers->model()->rowCount(), 2);
    QVERIFY2(layers->model()->index(1, 0).data().toString().contains(QStringLiteral("clouds.tif")),
        qPrintable(layers->model()->index(1, 0).data().toString()));

    // Both layers counted, then the SAFE current: its legend lists SCL classes, not the mask's "hidden".
    // (the GeoTIFF's layer counted again with its mask).
    auto countedLayer = [&](int index, qsizetype from) {
        for (qsizetype k = from; k < counted.size(); ++k)
            if (counted.at(k).at(0).toInt() == index)
                return true;
        return false;
    };
    for (int t = 0; t < 600 && !(countedLayer(0, 0) && countedLayer(1, before)); ++t)
        counted.wait(100);
    QVERIFY(countedLayer(0, 0) && countedLayer(1, before));
    w.setCurrentLayer(0);
    QTest::qWait(100);
    ui::FieldsPanel* panel = w.fieldsPanel();
    QSignalSpy done(panel, &ui::FieldsPanel::finished);
    QVERIFY(w.openParcels(m_sample.main.parcelsPath));
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    QVERIFY2(panel->reports().size() == 2, qPrintable(done.first().at(1).toString()));
    const auto& a = panel->reports()[0].fields;
    const auto& b = panel->reports()[1].fields;
    QCOMPARE(a.size(), b.size());
    double hidden = 0;
    for (int i = 0; i < a.size(); ++i) {
        if (std::isnan(a[i].hiddenPercent))
            continue;
        QVERIFY2(std::abs(a[i].hiddenPercent - b[i].hiddenPercent) < 1e-9,
            qPrintable(QStringLiteral("field %1: %2 against %3 %")
                           .arg(i)
                           .arg(a[i].hiddenPercent)
                           .arg(b[i].hiddenPercent)));
        hidden += b[i].hiddenPercent;
    }
    QVERIFY(hidden > 0);
}

void TestFieldsPanel::parcelsStatisticsAndTimeSeries()
{
    ui::MainWindow w;
    w.resize(1500, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy opened(&w, &ui::MainWindow::productOpened);
    for (const QString& p : { m_sample.main.safePath, m_sample.reference->safePath, m_result }) {
        w.openProduct(p);
        QVERIFY(opened.wait(30000));
    }
    w.setCurrentLayer(0);
    ui::FieldsPanel* panel = w.fieldsPanel();
    QSignalSpy done(panel, &ui::FieldsPanel::finished);
    QVERIFY(w.openParcels(m_sample.main.parcelsPath));
    QVERIFY(panel->isOpening()); // the file is read on a job thread, not here
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    QCOMPARE(panel->reports().size(), 3);
    // Sorted by date: the April product, its reconstruction, May.
    QCOMPARE(panel->reports()[1].method, QStringLiteral("Temporal fill"));
    QCOMPARE(panel->reports()[1].path, m_result);
    const int n = panel->parcels()->size();
    QCOMPARE(panel->table()->model()->rowCount(), n);
    // The map draws every outline.
    QVERIFY(w.mapView()->outlines());
    QCOMPARE(w.mapView()->outlines()->paths.size(), n);

    // Pick a field that clouds partly hide in April, by clicking its middle on the map.
    int field = -1;
    const fields::FieldsReport& april = panel->reports()[0];
    for (const fields::FieldStats& f : april.fields)
        if (f.hiddenPercent > 30 && f.hiddenPercent < 90 && f.pixels > 200) {
            field = f.parcel;
            break;
        }
    QVERIFY(field >= 0);
    QPointF inside;
    const Window b = panel->parcels()->bounds(field);
    for (int y = b.y; y < b.y + b.h && inside.isNull(); ++y)
        for (int x = b.x; x < b.x + b.w; ++x)
            if (panel->parcels()->parcelAt(x + 0.5, y + 0.5) == field) {
                inside = QPointF(x + 0.5, y + 0.5);
                break;
            }
    QTRY_COMPARE_WITH_TIMEOUT(w.mapView()->product(), w.currentProduct(), 20000); // clicks wait for it
    w.mapView()->zoomToRect(QRectF(b.x, b.y, b.w, b.h));
    QTest::mouseClick(w.mapView(), Qt::LeftButton, {}, w.mapView()->widgetAt(inside).toPoint());
    QCOMPARE(panel->selectedParcel(), field);
    QCOMPARE(w.mapView()->selectedOutline(), field);
    QVERIFY(panel->table()->selectionModel()->hasSelection());
    QVERIFY(panel->details()->text().contains(panel->parcels()->label(field).toHtmlEscaped()));
    QVERIFY(panel->details()->text().contains(QStringLiteral("NDVI")));
    // The time series: two observations (a date half hidden, the clear May) and the rebuilt April.
    QChart* ts = panel->timeSeriesChart()->chart();
    int points = 0, kinds = 0;
    for (QAbstractSeries* s : ts->series())
        if (auto* sc = qobject_cast<QScatterSeries*>(s)) {
            points += sc->count();
            kinds += sc->count() > 0;
        }
    QCOMPARE(points, 3);
    QVERIFY(kinds >= 2);
    QVERIFY(!panel->beforeAfterChart()->chart()->series().isEmpty());

    // Exports: a row per field and date; a GeoPackage layer per date.
    QString error;
    const QString csv = m_dir.filePath(QStringLiteral("fields.csv"));
    QVERIFY2(panel->exportCsv(csv, &error), qPrintable(error));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 1 + 3 * n);
    QVERIFY2(
        panel->exportGeoPackage(m_dir.filePath(QStringLiteral("fields.gpkg")), &error), qPrintable(error));
    // Export GeoPackage… onto it again: no question whether to replace the file (its other layers are
    // kept), and the status says the layers were added.
    QString asked, target = m_dir.filePath(QStringLiteral("fields.gpkg"));
    QTimer watchDialog, watchBox; // two timers: Qt does not fire one again while its slot runs
    watchDialog.setInterval(50);
    watchBox.setInterval(50);
    // The name typed into the name field as a user does: selectFile() leaves a focused field alone, and
    // accept() then only opened the folder (the dialog stayed: 300 s hangs in two runs of ctest -j2).
    // Asked again every 50 ms while the dialog shows.
    connect(&watchDialog, &QTimer::timeout, this, [&] {
        for (QWidget* top : QApplication::topLevelWidgets())
            if (auto* dialog = qobject_cast<QFileDialog*>(top); dialog && dialog->isVisible()) {
                auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
                QVERIFY(name);
                name->setText(target);
                static_cast<QDialog*>(dialog)->accept(); // QFileDialog's own accept() is protected
            }
    });
    connect(
        &watchBox, &QTimer::timeout, this, [&] { // a "replace?" question: answered no, the export cancelled
            for (QWidget* top : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(top); box && box->isVisible()) {
                    asked = box->text();
                    box->reject();
                    QTimer::singleShot(0, this, [] {
                        for (QWidget* t : QApplication::topLevelWidgets())
                            if (auto* d = qobject_cast<QFileDialog*>(t); d && d->isVisible())
                                d->reject();
                    });
                }
        });
    watchDialog.start();
    watchBox.start();
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("fieldsExportGpkg")), Qt::LeftButton);
    watchDialog.stop();
    watchBox.stop();
    auto* status = panel->findChild<QLabel*>(QStringLiteral("fieldsStatus"));
    QVERIFY(status);
    QTRY_VERIFY2(
        status->text().startsWith(QStringLiteral("Added the layers to")), qPrintable(status->text()));
    // Written on a job thread; the buttons are back when it ends.
    QVERIFY(panel->findChild<QPushButton*>(QStringLiteral("fieldsExportGpkg"))->isEnabled());
    QVERIFY2(asked.isEmpty(), qPrintable(asked));
    // Notes, or a damaged GeoPackage, at the name: they were replaced by a new GeoPackage, the status
    // saying "its other layers are kept". Left as they are, in the dock and in the core.
    const QString notes = m_dir.filePath(QStringLiteral("notes.gpkg")),
                  damaged = m_dir.filePath(QStringLiteral("damaged.gpkg"));
    QByteArray head;
    {
        QFile g(m_dir.filePath(QStringLiteral("fields.gpkg")));
        QVERIFY(g.open(QIODevice::ReadOnly));
        head = g.read(4096); // its header page only: SQLite says the database is malformed
    }
    for (const auto& [file, bytes] :
        { std::pair { notes, QByteArray("sprayed 3 May\n") }, std::pair { damaged, head } }) {
        QFile g(file);
        QVERIFY(g.open(QIODevice::WriteOnly) && g.write(bytes) == bytes.size());
    }
    target = notes;
    watchDialog.start();
    watchBox.start();
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("fieldsExportGpkg")), Qt::LeftButton);
    watchDialog.stop();
    watchBox.stop();
    QTRY_VERIFY2(status->text().contains(QStringLiteral("exists and is not a GeoPackage")),
        qPrintable(status->text()));
    for (const auto& [file, bytes] :
        { std::pair { notes, QByteArray("sprayed 3 May\n") }, std::pair { damaged, head } }) {
        QVERIFY(!panel->exportGeoPackage(file, &error));
        QVERIFY2(error.contains(QStringLiteral("is not a GeoPackage GDAL can open")), qPrintable(error));
        QFile g(file);
        QVERIFY(g.open(QIODevice::ReadOnly));
        QCOMPARE(g.readAll(), bytes);
    }

    if (const QString shots = qEnvironmentVariable("UNCLOUDED_SCREENSHOTS"); !shots.isEmpty()) {
        w.grab().save(QDir(shots).filePath(QStringLiteral("fields-window.png")));
        panel->grab().save(QDir(shots).filePath(QStringLiteral("fields-dock.png")));
    }

    // Another attribute names the fields: the parcels are read again and the numbers recomputed.
    auto* label = panel->findChild<QComboBox*>(QStringLiteral("fieldsLabel"));
    QVERIFY(label);
    done.clear();
    label->setCurrentText(QStringLiteral("crop"));
    QVERIFY(done.wait(60000));
    QCOMPARE(panel->parcels()->report().labelAttribute, QStringLiteral("crop"));
    QCOMPARE(panel->reports().size(), 3);
    // The feature id is a choice of its own (the box showed the first attribute instead).
    QCOMPARE(label->itemText(0), QStringLiteral("(feature id)"));
    done.clear();
    label->setCurrentIndex(0);
    QVERIFY(done.wait(60000));
    QCOMPARE(panel->parcels()->report().labelAttribute, QStringLiteral("(feature id)"));
    QCOMPARE(panel->parcels()->label(0), QString::number(panel->parcels()->id(0)));
    QCOMPARE(label->currentIndex(), 0);

    // A recompute under the other rule, cancelled: the box goes back to the rule of the statistics
    // still shown.
    auto* touched = panel->findChild<QCheckBox*>(QStringLiteral("fieldsAllTouched"));
    QVERIFY(touched);
    const bool rule = touched->isChecked();
    done.clear();
    touched->setChecked(!rule);
    QVERIFY(panel->isRunning());
    panel->cancel();
    QVERIFY(done.wait(60000));
    QVERIFY(!done.first().at(0).toBool());
    QCOMPARE(touched->isChecked(), rule);
    QCOMPARE(ui::settings::fieldsAllTouched.get(), rule);
    QVERIFY(!panel->isRunning());
    QCOMPARE(panel->reports().size(), 3);

    // A file that is no vector data: an error shown, the parcels kept, the app usable.
    QSignalSpy errors(&w, &ui::MainWindow::errorShown);
    QVERIFY(w.openParcels(m_sample.main.truthPath)); // read on a job thread: the failure follows
    QTRY_COMPARE(errors.size(), 1);
    QVERIFY(!panel->isOpening());
    QCOMPARE(panel->parcels()->size(), n);
    QVERIFY(w.isVisible());

    // A layer opened after the computation (no statistics of its own) closes: the table stays.
    w.openProduct(m_sample.main.truthPath);
    QVERIFY(opened.wait(30000));
    w.closeLayer(3);
    QCOMPARE(panel->reports().size(), 3);
    QCOMPARE(panel->table()->model()->rowCount(), n);

    // A closed layer leaves the statistics and the date list; none left, nothing to compute.
    auto* run = panel->findChild<QPushButton*>(QStringLiteral("fieldsCompute"));
    QVERIFY(run && run->isEnabled());
    auto* date = panel->findChild<QComboBox*>(QStringLiteral("fieldsDate"));
    QCOMPARE(date->count(), 3);
    w.closeLayer(2); // the reconstruction
    QCOMPARE(panel->reports().size(), 2);
    QCOMPARE(date->count(), 2);
    QVERIFY(std::none_of(panel->reports().begin(), panel->reports().end(),
        [&](const fields::FieldsReport& r) { return r.path == m_result; }));
    w.closeLayer(0);
    w.closeLayer(0);
    QVERIFY(panel->reports().isEmpty());
    QVERIFY(!panel->findChild<QPushButton*>(QStringLiteral("fieldsExportGpkg"))->isEnabled());
    QVERIFY(!run->isEnabled());
    w.openProduct(m_sample.main.safePath);
    QVERIFY(opened.wait(30000));
    QVERIFY(run->isEnabled());
}

QTEST_MAIN(TestFieldsPanel)
// The outlines are drawn on the grid the parcels were placed on. On an AOI reconstruction of it (its
// own pixel 0 is the AOI's corner) they shift with it, and a click picks the field under it; on a
// product of another grid they are not drawn, and a click picks none.
void TestFieldsPanel::outlinesFollowTheLayersGrid()
{
    const Window aoi { 60, 40, 160, 150 };
    const QString aoiResult = m_dir.filePath(QStringLiteral("aoi.tif"));
    recon::ReconOptions ro;
    ro.method = recon::Method::parse(QStringLiteral("telea"));
    ro.aoi = aoi;
    recon::reconstructToFile(*Product::open(m_sample.main.safePath), ro, aoiResult, ExportOptions {});
    // Another grid: the AOI result at twice the pixel size.
    const QString coarse = m_dir.filePath(QStringLiteral("coarse.tif"));
    {
        GDALAllRegister();
        GDALDataset* src = GDALDataset::Open(aoiResult.toUtf8().constData(), GDAL_OF_RASTER);
        QVERIFY(src);
        double gt[6];
        src->GetGeoTransform(gt);
        GDALDataset* dst = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            coarse.toUtf8().constData(), aoi.w / 2, aoi.h / 2, src->GetRasterCount(), GDT_UInt16, nullptr);
        QVERIFY(dst);
        gt[1] *= 2;
        gt[5] *= 2;
        dst->SetGeoTransform(gt);
        dst->SetSpatialRef(src->GetSpatialRef());
        for (int b = 1; b <= src->GetRasterCount(); ++b) {
            dst->GetRasterBand(b)->SetDescription(src->GetRasterBand(b)->GetDescription());
            dst->GetRasterBand(b)->Fill(1000);
        }
        GDALClose(dst);
        GDALClose(src);
    }

    ui::MainWindow w;
    w.resize(1500, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy opened(&w, &ui::MainWindow::productOpened);
    for (const QString& p : { m_sample.main.safePath, aoiResult, coarse }) {
        w.openProduct(p);
        QVERIFY(opened.wait(30000));
    }
    w.setCurrentLayer(0);
    ui::FieldsPanel* panel = w.fieldsPanel();
    QSignalSpy done(panel, &ui::FieldsPanel::finished);
    QVERIFY(w.openParcels(m_sample.main.parcelsPath));
    QVERIFY(done.wait(60000));
    QVERIFY(w.mapView()->outlinesVisible());
    QCOMPARE(w.mapView()->outlineShift(), QPointF(0, 0));

    // A field wholly inside the AOI, and a point inside it on the parcels' grid.
    const auto parcels = panel->parcels();
    int field = -1;
    QPointF inside;
    for (int i = 0; i < parcels->size() && field < 0; ++i) {
        const Window b = parcels->bounds(i);
        if (b.w < 6 || b.h < 6 || b.x < aoi.x || b.y < aoi.y || b.x + b.w > aoi.x + aoi.w
            || b.y + b.h > aoi.y + aoi.h)
            continue;
        for (int y = b.y; y < b.y + b.h && field < 0; ++y)
            for (int x = b.x; x < b.x + b.w; ++x)
                if (parcels->parcelAt(x + 0.5, y + 0.5) == i) {
                    field = i;
                    inside = QPointF(x + 0.5, y + 0.5);
                    break;
                }
    }
    QVERIFY(field >= 0);

    w.setCurrentLayer(1); // the AOI
    // Clicks wait for the map to show it (until its stretch arrives it shows the layer before).
    QTRY_COMPARE_WITH_TIMEOUT(w.mapView()->product(), w.currentProduct(), 20000);
    QVERIFY(w.mapView()->outlinesVisible());
    QCOMPARE(w.mapView()->outlineShift(), QPointF(-aoi.x, -aoi.y));
    const QPointF there = inside - QPointF(aoi.x, aoi.y);
    const Window b = parcels->bounds(field);
    w.mapView()->zoomToRect(QRectF(b.x - aoi.x, b.y - aoi.y, b.w, b.h));
    QTest::mouseClick(w.mapView(), Qt::LeftButton, {}, w.mapView()->widgetAt(there).toPoint());
    QCOMPARE(panel->selectedParcel(), field);
    QCOMPARE(w.mapView()->selectedOutline(), field);

    w.setCurrentLayer(2); // another grid
    QVERIFY(!w.mapView()->outlinesVisible());
    w.setCurrentLayer(0);
    QVERIFY(w.mapView()->outlinesVisible());
    QCOMPARE(w.mapView()->outlineShift(), QPointF(0, 0));
}

#include "tst_fieldspanel.moc"
