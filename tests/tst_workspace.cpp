// The workspace: layers as a list model, the current layer, mask spec and AOI, and panels that
// follow it instead of being told each change.
#include <cmath>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <vector>

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include "core/common/runtime.h"
#include "core/io/product.h"
#include "ui/evalpanel.h"
#include "ui/reconpanel.h"
#include "ui/referencecombo.h"
#include "ui/trainpanel.h"
#include "ui/workspace.h"

using namespace unclouded;
using namespace unclouded::ui;

namespace {

// A w x 32 GeoTIFF with the first `bands` of B02, B03, B04, B08: enough to open as a product.
// x0, y0: where a georeferenced one starts on a 10 m UTM grid (NaN: not georeferenced).
QString writeProduct(const QTemporaryDir& dir, const QString& name, int w = 32, int bands = 4,
    double x0 = std::nan(""), double y0 = 0)
{
    const QString path = dir.filePath(name);
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDataset* ds = drv->Create(path.toUtf8().constData(), w, 32, bands, GDT_UInt16, nullptr);
    if (!std::isnan(x0)) {
        double gt[6] = { x0, 10, 0, y0, 0, -10 };
        ds->SetGeoTransform(gt);
        OGRSpatialReference srs;
        srs.importFromEPSG(32633);
        ds->SetSpatialRef(&srs);
    }
    const char* names[] = { "B02", "B03", "B04", "B08" };
    std::vector<uint16_t> v(static_cast<size_t>(w) * 32, 1200);
    for (int b = 0; b < bands; ++b) {
        ds->GetRasterBand(b + 1)->SetDescription(names[b]);
        if (ds->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, w, 32, v.data(), w, 32, GDT_UInt16, 0, 0)
            != CE_None)
            return {};
    }
    GDALClose(ds);
    return path;
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Product> m_a, m_b, m_c, m_otherTile, m_rgb;

private Q_SLOTS:
    void initTestCase()
    {
        initializeRuntime();
        m_a = Product::open(writeProduct(m_dir, QStringLiteral("a.tif")));
        m_b = Product::open(writeProduct(m_dir, QStringLiteral("b.tif")));
        m_c = Product::open(writeProduct(m_dir, QStringLiteral("c.tif")));
        m_otherTile = Product::open(writeProduct(m_dir, QStringLiteral("other.tif"), 40));
        m_rgb = Product::open(writeProduct(m_dir, QStringLiteral("rgb.tif"), 32, 3));
        QVERIFY(m_a && m_b && m_c && m_otherTile && m_rgb);
    }

    // A SAFE opened through its metadata file is listed by its folder's name: every SAFE's is
    // MTD_MSIL2A.xml, and two dates could not be told apart (Reference lists, Open Recent).
    void safesAreListedByTheirFolder()
    {
        QCOMPARE(
            productDisplayName(QStringLiteral("/d/S2B_MSIL2A_20230527T101031_N0509.SAFE/MTD_MSIL2A.xml")),
            QStringLiteral("S2B_MSIL2A_20230527T101031_N0509.SAFE"));
        QCOMPARE(productDisplayName(QStringLiteral("/d/S2B_MSIL2A_20230527T101031_N0509.SAFE")),
            QStringLiteral("S2B_MSIL2A_20230527T101031_N0509.SAFE"));
        QCOMPARE(productDisplayName(QStringLiteral("/d/x/MTD_MSIL2A.xml")), QStringLiteral("MTD_MSIL2A.xml"));
    }

    void layersAreAListModel()
    {
        Workspace ws;
        LayerModel* layers = ws.layers();
        QSignalSpy inserted(layers, &QAbstractItemModel::rowsInserted);
        QCOMPARE(layers->append({ m_a, QStringLiteral("A") }), 0);
        QCOMPARE(layers->append({ m_b, QStringLiteral("B") }), 1);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(layers->rowCount(), 2);
        QCOMPARE(layers->data(layers->index(1), Qt::DisplayRole).toString(), QStringLiteral("B"));
        QCOMPARE(layers->data(layers->index(0), LayerModel::PathRole).toString(), m_a->info().path);
        QCOMPARE(layers->paths(), (QStringList { m_a->info().path, m_b->info().path }));
        QSignalSpy changed(layers, &QAbstractItemModel::dataChanged);
        layers->replace(0, { m_b, QStringLiteral("A + mask") });
        QCOMPARE(changed.size(), 1);
        QCOMPARE(layers->data(layers->index(0), Qt::DisplayRole).toString(), QStringLiteral("A + mask"));
        QVERIFY(!layers->at(0).coverageReady);
        layers->setCoverage(0, Coverage());
        QVERIFY(layers->at(0).coverageReady);
    }

    void currentMaskAndAoiAreAnnounced()
    {
        Workspace ws;
        ws.layers()->append({ m_a, QStringLiteral("A") });
        ws.layers()->append({ m_b, QStringLiteral("B") });
        QSignalSpy current(&ws, &Workspace::currentChanged);
        QSignalSpy mask(&ws, &Workspace::maskSpecChanged);
        QSignalSpy aoi(&ws, &Workspace::aoiChanged);
        QCOMPARE(ws.currentProduct(), nullptr);
        ws.setCurrentIndex(5); // no such layer: ignored
        QCOMPARE(current.size(), 0);
        ws.setCurrentIndex(1);
        ws.setCurrentIndex(1); // the same row again (its product replaced): announced again
        QCOMPARE(current.size(), 2);
        QCOMPARE(ws.currentProduct(), m_b);
        QCOMPARE(ws.referenceCandidates(), QStringList { m_a->info().path });
        MaskSpec spec;
        spec.dilatePx = 3;
        ws.setMaskSpec(spec);
        QCOMPARE(mask.size(), 1);
        QCOMPARE(ws.maskSpec().dilatePx, 3);
        ws.setAoi(QRect(1, 2, 3, 4));
        QCOMPARE(aoi.size(), 1);
        QCOMPARE(ws.aoi(), QRect(1, 2, 3, 4));
    }

    // Closing a layer: the current row moves as a list view's does (the one above a closed current
    // layer, else the one below), layerRemoved then currentChanged; none left is -1. The panels'
    // lists follow, and a closed layer's path is not left as an editable combo's text.
    void removingLayers()
    {
        Workspace ws;
        EvalPanel eval;
        eval.setWorkspace(&ws);
        ReconPanel recon;
        recon.setWorkspace(&ws);
        for (const auto& p : { m_a, m_b, m_c, m_rgb })
            ws.layers()->append({ p, p->info().path });
        ws.setCurrentIndex(0);
        auto* clear = eval.findChild<QComboBox*>(QStringLiteral("evalClear"));
        auto* masks = eval.findChild<QComboBox*>(QStringLiteral("evalMasks"));
        QCOMPARE(masks->currentText(), m_a->info().path);
        QCOMPARE(clear->currentText(), m_b->info().path);
        QSignalSpy removed(&ws, &Workspace::layerRemoved);
        QSignalSpy current(&ws, &Workspace::currentChanged);
        ws.removeLayer(7); // no such row
        QCOMPARE(removed.size(), 0);
        // The user's choice outlives another layer closing (the defaults would say B).
        clear->setCurrentText(m_c->info().path);
        ws.removeLayer(3);
        QCOMPARE(clear->currentText(), m_c->info().path);
        QCOMPARE(masks->currentText(), m_a->info().path);
        clear->setCurrentText(m_b->info().path);
        ws.removeLayer(1); // B, below the current A
        QCOMPARE(removed.size(), 2);
        QCOMPARE(removed.last().first().value<std::shared_ptr<const Product>>(), m_b);
        QCOMPARE(current.last().first().toInt(), 0);
        QCOMPARE(ws.currentProduct(), m_a);
        QCOMPARE(clear->count(), 2);
        QVERIFY(clear->currentText() != m_b->info().path);
        QCOMPARE(masks->currentText(), m_a->info().path);
        QCOMPARE(ws.referenceCandidates(), QStringList { m_c->info().path });
        auto* reference = recon.findChild<QComboBox*>(QStringLiteral("reconReference"));
        QCOMPARE(reference->count(), 2); // "(none)" and C
        ws.removeLayer(0); // A, current and first: C below it becomes current, at row 0
        QCOMPARE(ws.currentIndex(), 0);
        QCOMPARE(ws.currentProduct(), m_c);
        QCOMPARE(masks->currentText(), m_c->info().path);
        ws.layers()->append({ m_a, QStringLiteral("A") });
        ws.setCurrentIndex(1);
        ws.removeLayer(1); // the current last row: the one above
        QCOMPARE(ws.currentProduct(), m_c);
        ws.removeLayer(0);
        QCOMPARE(ws.currentIndex(), -1);
        QCOMPARE(current.last().first().toInt(), -1);
        QVERIFY(!ws.currentProduct());
        QCOMPARE(clear->count(), 0);
        QVERIFY(clear->currentText().isEmpty() && masks->currentText().isEmpty());
        QVERIFY(!recon.findChild<QPushButton*>(QStringLiteral("reconRun"))->isEnabled());
    }

    void panelsFollowTheWorkspace()
    {
        Workspace ws;
        ReconPanel panel;
        panel.setWorkspace(&ws);
        ws.layers()->append({ m_a, QStringLiteral("A") });
        ws.layers()->append({ m_b, QStringLiteral("B") });
        ws.setCurrentIndex(0);
        auto* reference = panel.findChild<QComboBox*>(QStringLiteral("reconReference"));
        QCOMPARE(reference->count(), 2); // "(none)" and the other layer
        QCOMPARE(reference->itemData(1).toStringList(), QStringList { m_b->info().path });
        QCOMPARE(panel.options().references, QStringList { m_b->info().path }); // the only other date
        MaskSpec spec;
        spec.dilatePx = 4;
        ws.setMaskSpec(spec);
        QCOMPARE(panel.options().mask.dilatePx, 4);
    }

    // A date on another window of the same grid (the whole tile beside an AOI) is offered: the job
    // reads it on the current product's pixels. Half a pixel off it is offered too, resampled onto
    // them; with no ground in common, not.
    void anotherWindowOfTheGridIsOffered()
    {
        Workspace ws;
        const auto aoi
            = Product::open(writeProduct(m_dir, QStringLiteral("aoi.tif"), 32, 4, 300000, 5000000));
        const auto wide = Product::open(
            writeProduct(m_dir, QStringLiteral("wide_20230527.tif"), 48, 4, 300000 - 80, 5000000 + 40));
        const auto half = Product::open(
            writeProduct(m_dir, QStringLiteral("half_20230601.tif"), 48, 4, 300000 - 85, 5000000));
        const auto apart = Product::open(
            writeProduct(m_dir, QStringLiteral("apart_20230701.tif"), 32, 4, 300000 + 320, 5000000));
        ReconPanel recon;
        recon.setWorkspace(&ws);
        for (const auto& p : { aoi, wide, half, apart })
            ws.layers()->append({ p, QFileInfo(p->info().path).fileName() });
        ws.setCurrentIndex(0);
        QCOMPARE(ws.referenceCandidates(), (QStringList { wide->info().path, half->info().path }));
        // The dock says how much of the AOI it covers (28 of its 32 rows), and which is resampled.
        auto* dates = recon.findChild<ReferenceCombo*>(QStringLiteral("reconReference"));
        QCOMPARE(dates->count(), 4); // (none), both, each
        QCOMPARE(dates->itemText(2), QStringLiteral("wide_20230527.tif (covers 88 %)"));
        QVERIFY(dates->itemData(2, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("covers 88 % of the product")));
        QCOMPARE(dates->itemText(3), QStringLiteral("half_20230601.tif (resampled)"));
        QVERIFY(dates->itemData(3, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("another CRS or pixel grid")));
        QCOMPARE(recon.options().references, (QStringList { wide->info().path, half->info().path }));
        // The wide one: the AOI covers part of it, the one half a pixel off too, the one apart its
        // east edge.
        ws.setCurrentIndex(1);
        QCOMPARE(ws.referenceCandidates(),
            (QStringList { aoi->info().path, half->info().path, apart->info().path }));
    }

    // Other dates of the tile are offered one by one and all together; a product on another grid
    // is not (the job would refuse it). Reconstruction takes them all by default, training none.
    void referenceDatesAreTheOtherDatesOfTheTile()
    {
        Workspace ws;
        ReconPanel recon;
        TrainPanel train;
        recon.setWorkspace(&ws);
        train.setWorkspace(&ws);
        const QString a = m_a->info().path, b = m_b->info().path, c = m_c->info().path;
        for (const auto& p : { m_a, m_b, m_c, m_otherTile })
            ws.layers()->append({ p, QFileInfo(p->info().path).fileName() });
        ws.setCurrentIndex(0);
        QCOMPARE(ws.referenceCandidates(), (QStringList { b, c }));
        auto* dates = recon.findChild<ReferenceCombo*>(QStringLiteral("reconReference"));
        QVERIFY(dates);
        QCOMPARE(dates->count(), 4); // (none), all 2 other dates, B, C
        QCOMPARE(recon.options().references, (QStringList { b, c }));
        QCOMPARE(train.options().references, QStringList());
        auto* trainDates = train.findChild<ReferenceCombo*>(QStringLiteral("trainReference"));
        trainDates->setCurrentIndex(1);
        QCOMPARE(train.options().references, (QStringList { b, c }));

        dates->setCurrentIndex(3); // C alone
        ws.setCurrentIndex(0); // re-announced (say a mask was attached): the choice stays
        QCOMPARE(recon.options().references, QStringList { c });
        ws.setCurrentIndex(1); // B: its others are A and C; C is still offered, so still C
        QCOMPARE(recon.options().references, QStringList { c });
        QCOMPARE(train.options().references, (QStringList { a, c })); // "all" follows the dates
        ws.setCurrentIndex(3); // another tile: nothing to offer
        QCOMPARE(ws.referenceCandidates(), QStringList());
        QVERIFY(!dates->isEnabled());
        QCOMPARE(recon.options().references, QStringList());
        QCOMPARE(train.options().references, QStringList());
        recon.setReference(a); // scripted: that date alone, offered or not, and it stays
        ws.setCurrentIndex(3);
        QCOMPARE(recon.options().references, QStringList { a });
    }

    // A date opened with a mask file (a GeoTIFF and its clouds) takes that mask into reconstruction and
    // evaluation as its classes; before, every pixel of it counted as clear ground.
    void referenceDatesTakeTheirAttachedMasks()
    {
        QTemporaryDir dir;
        const QString maskPath = dir.filePath(QStringLiteral("b_clouds.tif"));
        {
            GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
                maskPath.toUtf8().constData(), 32, 32, 1, GDT_Byte, nullptr);
            QVERIFY(ds);
            std::vector<uint8_t> v(32 * 32, 0);
            v[5] = 1;
            QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 32, 32, v.data(), 32, 32, GDT_Byte, 0, 0),
                CE_None);
            GDALClose(ds);
        }
        const auto bMasked = Product::open(m_b->info().path, maskPath, MaskKind::Binary);
        Workspace ws;
        ReconPanel recon;
        EvalPanel eval;
        TrainPanel train;
        recon.setWorkspace(&ws);
        eval.setWorkspace(&ws);
        train.setWorkspace(&ws);
        ws.layers()->append({ m_a, QStringLiteral("A") });
        ws.layers()->append({ bMasked, QStringLiteral("B + clouds") });
        ws.layers()->append({ m_c, QStringLiteral("C") });
        ws.setCurrentIndex(0);
        const QString b = m_b->info().path, c = m_c->info().path;
        QCOMPARE(recon.options().references, (QStringList { b, c }));
        QCOMPARE(recon.options().referenceMasks, (QStringList { maskPath, QString() }));
        QCOMPARE(recon.options().referenceMaskKinds, (QList<MaskKind> { MaskKind::Binary, MaskKind::None }));
        train.findChild<ReferenceCombo*>(QStringLiteral("trainReference"))->setCurrentIndex(1); // all
        QCOMPARE(train.options().referenceMasks, (QStringList { maskPath, QString() }));
        QCOMPARE(train.options().referenceMaskKinds, (QList<MaskKind> { MaskKind::Binary, MaskKind::None }));
        recon.setReference(c); // a date with its own (here: no) classes alone: no masks at all
        QVERIFY(recon.options().referenceMasks.isEmpty());
        eval.setInputs(m_a->info().path, maskPath, { b });
        QCOMPARE(eval.options().referenceMasks, QStringList { maskPath });
        QCOMPARE(eval.options().referenceMaskKinds, QList<MaskKind> { MaskKind::Binary });
    }

    // Products dated (here by their names) within a minute of the current one are its acquisition
    // (a SAFE says milliseconds, a file name seconds): no other date. One product open twice under
    // two paths (a SAFE and its MTD_MSIL2A.xml made "All 2 other dates"; here a copy in another
    // folder) is one other date; a clean result of that date, another product, is offered beside it.
    void anotherAcquisitionOnly()
    {
        QTemporaryDir dir;
        const auto sensed = Product::open(writeProduct(dir, QStringLiteral("a_20230412T101029.tif")));
        const auto again = Product::open(writeProduct(dir, QStringLiteral("truth_20230412T101030.tif")));
        const auto later = Product::open(writeProduct(dir, QStringLiteral("b_20230527T101031.tif")));
        QCOMPARE(sensed->info().sensingTime, QStringLiteral("2023-04-12T10:10:29Z"));
        Workspace ws;
        for (const auto& p : { sensed, again, later })
            ws.layers()->append({ p, QFileInfo(p->info().path).fileName() });
        ws.setCurrentIndex(0);
        QCOMPARE(ws.referenceCandidates(), QStringList { later->info().path });
        ws.setCurrentIndex(2);
        QCOMPARE(ws.referenceCandidates(), (QStringList { sensed->info().path, again->info().path }));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("copy")));
        QVERIFY(QFile::copy(sensed->info().path, dir.filePath(QStringLiteral("copy/a_20230412T101029.tif"))));
        ws.layers()->append({ Product::open(dir.filePath(QStringLiteral("copy/a_20230412T101029.tif"))),
            QStringLiteral("copy") });
        QCOMPARE(ws.referenceCandidates(), (QStringList { sensed->info().path, again->info().path }));
    }

    // The Evaluation dock offers the other dates of its clear product, which need not be a layer (a
    // truth GeoTIFF): the layers on its grid, not of its acquisition. None is chosen until asked;
    // "all" follows a new clear product.
    void evaluationDatesAreTheClearProductsOthers()
    {
        QTemporaryDir dir;
        const QString truth = writeProduct(dir, QStringLiteral("truth_20230412T101030.tif"));
        const auto cloudy = Product::open(writeProduct(dir, QStringLiteral("a_20230412T101029.tif")));
        const auto b = Product::open(writeProduct(dir, QStringLiteral("b_20230527T101031.tif")));
        const auto c = Product::open(writeProduct(dir, QStringLiteral("c_20230606T101031.tif")));
        const auto otherTile = Product::open(writeProduct(dir, QStringLiteral("d_20230701T101031.tif"), 40));
        Workspace ws;
        EvalPanel panel;
        panel.setWorkspace(&ws);
        for (const auto& p : { cloudy, b, c, otherTile })
            ws.layers()->append({ p, QFileInfo(p->info().path).fileName() });
        ws.setCurrentIndex(0);
        panel.setInputs(truth, cloudy->info().path, {});
        auto* dates = panel.findChild<ReferenceCombo*>(QStringLiteral("evalReference"));
        QVERIFY(dates);
        // (none), all 2 other dates, B, C, once the truth is open (off the GUI thread; until then the
        // dates of the clear product before it)
        QTRY_COMPARE(dates->itemData(1).toStringList(), (QStringList { b->info().path, c->info().path }));
        QCOMPARE(dates->count(), 4);
        QVERIFY(dates->isEnabled());
        QCOMPARE(panel.options().references, QStringList());
        dates->setCurrentIndex(1);
        QCOMPARE(panel.options().references, (QStringList { b->info().path, c->info().path }));
        // B typed in as the clear product: its other dates are the cloudy one and C.
        auto* clear = panel.findChild<QComboBox*>(QStringLiteral("evalClear"));
        clear->setCurrentText(b->info().path);
        QTest::keyClick(clear->lineEdit(), Qt::Key_Return);
        QCOMPARE(panel.options().references, (QStringList { cloudy->info().path, c->info().path }));
        // A product of another tile: nothing to offer.
        panel.setInputs(otherTile->info().path, cloudy->info().path, {});
        QCOMPARE(dates->count(), 1);
        QVERIFY(!dates->isEnabled());
        // Evaluate pressed while a clear product is being opened waits for its dates, then runs.
        const QString truth2 = writeProduct(dir, QStringLiteral("truth2_20230412T101031.tif"));
        QSignalSpy finished(&panel, &EvalPanel::finished);
        panel.setInputs(truth2, cloudy->info().path, {});
        panel.start();
        QVERIFY(!panel.isRunning());
        QVERIFY(finished.isEmpty());
        QVERIFY(panel.findChild<QLabel*>(QStringLiteral("evalStatus"))
                    ->text()
                    .startsWith(QStringLiteral("Opening")));
        QTRY_VERIFY_WITH_TIMEOUT(panel.isRunning() || !finished.isEmpty(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
    }

    // Dates opened one after the other, each becoming the current layer (as File > Open does):
    // the only other date is chosen, and "all" grows with the dates opened after it. A deliberate
    // "(none)" stays; the same product opened twice is no other date.
    void referenceDatesFollowDatesOpenedOneByOne()
    {
        Workspace ws;
        ReconPanel recon;
        recon.setWorkspace(&ws);
        const QString a = m_a->info().path, b = m_b->info().path, c = m_c->info().path;
        ws.setCurrentIndex(ws.layers()->append({ m_a, QStringLiteral("A") }));
        QCOMPARE(recon.options().references, QStringList());
        ws.setCurrentIndex(ws.layers()->append({ m_b, QStringLiteral("B") }));
        QCOMPARE(recon.options().references, QStringList { a });
        ws.setCurrentIndex(ws.layers()->append({ m_c, QStringLiteral("C") }));
        QCOMPARE(recon.options().references, (QStringList { a, b }));
        ws.setCurrentIndex(ws.layers()->append({ m_c, QStringLiteral("C again") }));
        QCOMPARE(ws.referenceCandidates(), (QStringList { a, b }));
        ws.layers()->append({ m_rgb, QStringLiteral("RGB export") }); // no B08: cannot fill
        QCOMPARE(ws.referenceCandidates(), (QStringList { a, b }));
        ws.setCurrentIndex(4); // but the RGB product can be filled from the 4-band dates
        QCOMPARE(ws.referenceCandidates(), (QStringList { a, b, c }));
        ws.setCurrentIndex(3);
        QCOMPARE(recon.options().references, (QStringList { a, b }));

        auto* dates = recon.findChild<ReferenceCombo*>(QStringLiteral("reconReference"));
        dates->setCurrentIndex(0); // (none), chosen
        ws.setCurrentIndex(0);
        QCOMPARE(recon.options().references, QStringList());

        TrainPanel train; // training never takes dates unless told; a script's "none" is none
        ml::TrainOptions o;
        o.references = { b };
        train.setOptions(o);
        QCOMPARE(train.options().references, QStringList { b });
        train.setOptions(ml::TrainOptions());
        QCOMPARE(train.options().references, QStringList());
    }

    // A date not open as a layer comes from a file through the "…" beside each reference box; a
    // SAFE's metadata file stands for its folder. The box stays on it as the layers change.
    void referenceDateFromAFile()
    {
        Workspace ws;
        ReconPanel recon;
        recon.setWorkspace(&ws);
        recon.show();
        QVERIFY(QTest::qWaitForWindowExposed(&recon));
        ws.layers()->append({ m_a, QStringLiteral("A") });
        ws.setCurrentIndex(0);
        auto* dates = recon.findChild<ReferenceCombo*>(QStringLiteral("reconReference"));
        auto* browse = recon.findChild<QToolButton*>(QStringLiteral("reconReferenceBrowse"));
        QVERIFY(dates && browse);
        QCOMPARE(dates->count(), 1); // "(none)" alone
        QVERIFY(browse->isEnabled());
        auto answer = [](const QString& path) {
            QTimer::singleShot(300, [path] {
                auto* dlg = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
                // Typed as a user does: selectFile() leaves a focused name field alone.
                auto* name = dlg ? dlg->findChild<QLineEdit*>(QStringLiteral("fileNameEdit")) : nullptr;
                if (!name) { // not the dialog expected: closed, so the comparisons below fail
                    if (QWidget* w = QApplication::activeModalWidget())
                        w->close();
                    return;
                }
                name->setText(path);
                static_cast<QDialog*>(dlg)->accept(); // QFileDialog::accept, protected there
            });
        };
        const QString b = m_b->info().path;
        answer(b);
        browse->click();
        QCOMPARE(recon.options().references, QStringList { b });
        QVERIFY(dates->isEnabled());
        QCOMPARE(dates->currentText(), QFileInfo(b).fileName());
        // Opened later as a layer: the same date, still chosen, offered once.
        ws.layers()->append({ m_b, QStringLiteral("B") });
        QCOMPARE(recon.options().references, QStringList { b });
        QCOMPARE(dates->count(), 2);

        const QString safe
            = m_dir.filePath(QStringLiteral("S2B_MSIL2A_20230601T101031_N0509_R022_T33UUU_x.SAFE"));
        QVERIFY(QDir().mkpath(safe));
        QFile mtd(safe + QStringLiteral("/MTD_MSIL2A.xml"));
        QVERIFY(mtd.open(QIODevice::WriteOnly));
        mtd.close();
        answer(mtd.fileName());
        browse->click();
        QCOMPARE(recon.options().references, QStringList { safe });
        QCOMPARE(dates->currentText(), QFileInfo(safe).fileName());

        if (const QString shots = qEnvironmentVariable("UNCLOUDED_SCREENSHOTS"); !shots.isEmpty()) {
            recon.resize(420, 640);
            QTest::qWait(200);
            recon.grab().save(QDir(shots).filePath(QStringLiteral("reference-browse.png")));
        }
        // Cancelled: the choice stays.
        QTimer::singleShot(300, [] {
            if (QWidget* w = QApplication::activeModalWidget())
                w->close();
        });
        browse->click();
        QCOMPARE(recon.options().references, QStringList { safe });
    }
};

QTEST_MAIN(TestWorkspace)
#include "tst_workspace.moc"
