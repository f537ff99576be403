// Before / after offscreen: the reconstruction panel runs a job from the main window, the swipe
// divider follows the mouse, views stay synced in every mode, blink, fade, difference, inspector.
#include <gdal_priv.h>

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGroupBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

#include "core/common/runtime.h"
#include "core/recon/reconstruct.h"
#include "core/sample/samplegenerator.h"
#include "ui/mainwindow.h"
#include "ui/mapview.h"
#include "ui/pixelinspector.h"
#include "ui/reconpanel.h"
#include "ui/swipeview.h"

using namespace unclouded;

class TestSwipeView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void reconstructFromTheWindowShowsTheComparison();
    void resultIsComparedWithTheLayerItWasMadeFrom();
    void resultGivenAtStartIsCompared();
    void anAoiResultKeepsTheComparisonShownBefore();
    void dividerFollowsTheMouseAndViewsStaySynced();
    void modesBlinkFadeDifference();
    void cancelFromThePanelLeavesNoFile();
    void aLongOutputPathDoesNotWidenThePanel();

private:
    void openBothDates(ui::MainWindow& w); // shown, both dates as layers, the cloudy one current
    QTemporaryDir m_dir;
    SampleReport m_sample;
};

void TestSwipeView::initTestCase()
{
    initializeRuntime();
    qputenv("XDG_CACHE_HOME", m_dir.filePath(QStringLiteral("cache")).toUtf8());
    SampleOptions o;
    o.outDir = m_dir.filePath(QStringLiteral("sample"));
    o.size = 360;
    o.seed = 9;
    o.referenceDate = true;
    m_sample = generateSample(o);
}

void TestSwipeView::openBothDates(ui::MainWindow& w)
{
    w.resize(1200, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy opened(&w, &ui::MainWindow::productOpened);
    w.openProduct(m_sample.main.safePath);
    QVERIFY(opened.wait(20000));
    w.openProduct(m_sample.reference->safePath);
    QVERIFY(opened.wait(20000));
    // Back to the cloudy date (opening made the other one current).
    auto* layers = w.findChild<QListView*>(QStringLiteral("layerList"));
    layers->setCurrentIndex(layers->model()->index(0, 0));
}

void TestSwipeView::reconstructFromTheWindowShowsTheComparison()
{
    ui::MainWindow w;
    openBothDates(w);
    if (QTest::currentTestFailed())
        return;
    // The other date is offered as reference.
    ui::ReconPanel* panel = w.reconPanel();
    QCOMPARE(panel->findChild<QComboBox*>(QStringLiteral("reconReference"))->count(), 2);
    panel->setMethod(QStringLiteral("temporal"));
    panel->setReference(m_sample.reference->safePath);
    const QString out = m_dir.filePath(QStringLiteral("gui/clean.tif"));
    panel->setOutputPath(out);
    // Advanced (hidden until asked for): the reference mapping chosen there is what runs.
    auto* advanced = panel->findChild<QToolButton*>(QStringLiteral("reconAdvanced"));
    auto* fit = panel->findChild<QComboBox*>(QStringLiteral("reconTemporalFit"));
    QVERIFY(!fit->isVisibleTo(panel));
    advanced->click();
    QVERIFY(fit->isVisibleTo(panel));
    auto* haze = panel->findChild<QComboBox*>(QStringLiteral("reconHazeGuard"));
    QVERIFY(haze && haze->isVisibleTo(panel));
    auto restore = qScopeGuard([&] { // the other tests run as a user who never opened Advanced
        fit->setCurrentIndex(0);
        haze->setCurrentIndex(0);
        advanced->setChecked(true); // a toggle either way stores it
        advanced->setChecked(false);
    });
    QCOMPARE(panel->options().temporalFit, recon::TemporalFit::Auto);
    // Only what changes this run is enabled: the mapping for temporal fill, not the networks' rows.
    QVERIFY(fit->isEnabled());
    QVERIFY(!panel->findChild<QComboBox*>(QStringLiteral("reconPrecision"))->isEnabled());
    QVERIFY(!haze->isEnabled()); // no harmonic fill
    panel->setMethod(QStringLiteral("pretrained"));
    QVERIFY(panel->findChild<QComboBox*>(QStringLiteral("reconPrecision"))->isEnabled());
    QVERIFY(!haze->isEnabled()); // with the reference it starts from temporal fill
    panel->setMethod(QStringLiteral("harmonic"));
    QVERIFY(haze->isEnabled());
    QVERIFY(panel->options().hazeGuard);
    haze->setCurrentIndex(haze->findData(QStringLiteral("off")));
    QVERIFY(!panel->options().hazeGuard);
    haze->setCurrentIndex(0);
    panel->setMethod(QStringLiteral("temporal"));
    fit->setCurrentIndex(fit->findData(QStringLiteral("per-band")));
    QCOMPARE(panel->options().temporalFit, recon::TemporalFit::PerBand);
    {
        // Remembered for the next session, where it is shown, not hidden under a collapsed toggle.
        advanced->setChecked(false);
        ui::ReconPanel next;
        QVERIFY(next.findChild<QToolButton*>(QStringLiteral("reconAdvanced"))->isChecked());
        QCOMPARE(next.options().temporalFit, recon::TemporalFit::PerBand);
    }
    QSignalSpy done(panel, &ui::ReconPanel::reconstructed);
    QSignalSpy failed(panel, &ui::ReconPanel::failed);
    {
        // A first run that fails (a damaged checkpoint) leaves nothing to compare: the dock's compare
        // controls are off again, as the toolbar's Before / After (they saved a view of no result).
        const QString bogus = m_dir.filePath(QStringLiteral("gui/bogus.pth"));
        QVERIFY(QDir().mkpath(QFileInfo(bogus).absolutePath()));
        QFile f(bogus);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a checkpoint");
        f.close();
        panel->setMethod(bogus);
        QSignalSpy stopped(panel, &ui::ReconPanel::stopped);
        panel->start();
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 60000);
        QCOMPARE(stopped.size(), 1); // it ran, then failed
        QVERIFY(!w.findChild<QAction*>(QStringLiteral("actionCompare"))->isEnabled());
        QVERIFY(!w.findChild<QGroupBox*>(QStringLiteral("compareGroup"))->isEnabled());
        QVERIFY(!QFileInfo::exists(out));
        qDeleteAll(w.findChildren<QMessageBox*>(QStringLiteral("errorBox")));
        failed.clear();
        panel->setMethod(QStringLiteral("temporal"));
    }
    QSignalSpy previews(panel, &ui::ReconPanel::preview);
    QSignalSpy compared(&w, &ui::MainWindow::comparisonShown);
    panel->start();
    QVERIFY(panel->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty() || !failed.isEmpty(), 60000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QCOMPARE(done.first().at(0).toString(), out);
    // Finished rows were shown while it ran (the last preview covers the whole product) ...
    QVERIFY(!previews.isEmpty());
    const QImage last = previews.last().at(0).value<QImage>();
    QVERIFY(!last.isNull());
    QCOMPARE(previews.last().at(1).toRectF(), QRectF(0, 0, 360, 360));
    QVERIFY(qAlpha(last.pixel(last.width() / 2, last.height() - 1)) > 0);
    QVERIFY(QFileInfo::exists(out));
    QVERIFY(QFileInfo::exists(maskSidecarPath(out)));
    {
        GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(out.toUtf8().constData(), GA_ReadOnly));
        QVERIFY(ds);
        const QString tag = QString::fromUtf8(ds->GetMetadataItem("UNCLOUDED_TEMPORAL_FIT"));
        GDALClose(ds);
        QCOMPARE(tag, QStringLiteral("per-band"));
    }

    // The window switched to the comparison (the result opened in the background), same grid,
    // rebuilt pixels marked on the after side; the rows drawn while it ran gave way to the file.
    QVERIFY(!compared.isEmpty() || compared.wait(10000));
    QVERIFY(!w.swipeView()->afterView()->hasLiveImage());
    ui::SwipeView* swipe = w.swipeView();
    QVERIFY(swipe->isVisible());
    QVERIFY(w.findChild<QAction*>(QStringLiteral("actionCompare"))->isChecked());
    QCOMPARE(swipe->after()->width(), swipe->before()->width());
    QVERIFY(swipe->after()->hasClasses());

    // Clicking shows before -> after values and the method.
    const QPoint centre = swipe->afterView()->rect().center() + QPoint(swipe->width() / 4, 0);
    QSignalSpy shown(w.pixelInspector(), &ui::PixelInspector::shown);
    QTest::mouseClick(swipe->afterView(), Qt::LeftButton, {}, centre);
    QVERIFY(shown.wait(10000)); // read off the GUI thread
    auto* table = w.pixelInspector()->table();
    QStringList rows;
    for (int i = 0; i < table->topLevelItemCount(); ++i)
        rows << table->topLevelItem(i)->text(0) + QLatin1Char('=') + table->topLevelItem(i)->text(1);
    QVERIFY2(rows.contains(QStringLiteral("Method=Temporal fill")), qPrintable(rows.join(QLatin1Char('\n'))));
    QVERIFY(rows.filter(QStringLiteral("B04=")).first().contains(QStringLiteral("→")));

    // Save View as Image: the file dialog answered, an image of the view written, no temporary left.
    const QString image = m_dir.filePath(QStringLiteral("shots/view.png"));
    QVERIFY(QDir().mkpath(QFileInfo(image).path()));
    QTimer::singleShot(500, [image] {
        auto* dlg = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        QVERIFY(dlg);
        // Typed as a user does: selectFile() leaves a focused name field alone (the dialog would stay).
        auto* name = dlg->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
        QVERIFY(name);
        name->setText(image);
        static_cast<QDialog*>(dlg)->accept(); // QFileDialog::accept, protected there
    });
    panel->findChild<QPushButton*>(QStringLiteral("reconSaveView"))->click();
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    const QImage saved(image);
    QCOMPARE(saved.size(), swipe->size() * swipe->devicePixelRatio());
    QCOMPARE(QDir(QFileInfo(image).path()).entryList(QDir::Files | QDir::Hidden), QStringList { "view.png" });
}

// Another layer selected while the job ran became the "before" of the result (another date beside the
// rebuilt one, its hidden share and difference wrong): the result is compared with its own product,
// once the user selects it again.
void TestSwipeView::resultIsComparedWithTheLayerItWasMadeFrom()
{
    ui::MainWindow w;
    openBothDates(w);
    if (QTest::currentTestFailed())
        return;
    auto* layers = w.findChild<QListView*>(QStringLiteral("layerList"));
    ui::ReconPanel* panel = w.reconPanel();
    panel->setMethod(QStringLiteral("telea"));
    panel->setOutputPath(m_dir.filePath(QStringLiteral("switched/clean.tif")));
    QSignalSpy compared(&w, &ui::MainWindow::comparisonShown);
    QSignalSpy failed(panel, &ui::ReconPanel::failed);
    QSignalSpy done(panel, &ui::ReconPanel::reconstructed);
    panel->start();
    QVERIFY(panel->isRunning());
    const auto cloudy = panel->runningProduct();
    QVERIFY(cloudy && cloudy->hasClasses());
    layers->setCurrentIndex(layers->model()->index(1, 0)); // the user looks at the other date meanwhile
    // The run's status stays: "Ready." beside a running job's Cancel said otherwise.
    QVERIFY(panel->isRunning()); // its end is queued to this thread: not handled yet
    QVERIFY(panel->findChild<QLabel*>(QStringLiteral("reconStatus"))->text() != QStringLiteral("Ready."));
    QVERIFY(done.wait(60000));
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    // Not pulled back to the cloudy layer (its docks would change under the user): the status says
    // where the result is; the comparison waits.
    QTRY_VERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("to compare it with its result")),
        qPrintable(w.statusBar()->currentMessage()));
    QCOMPARE(layers->currentIndex().row(), 1);
    QVERIFY(compared.isEmpty());
    QVERIFY(!w.swipeView()->isVisible());
    // Selecting the cloudy layer shows it beside its result, and the dock says what the run did
    // (selecting a layer reset it to "Ready.").
    layers->setCurrentIndex(layers->model()->index(0, 0));
    QCOMPARE(compared.size(), 1);
    QCOMPARE(w.swipeView()->before(), cloudy);
    QCOMPARE(w.swipeView()->before()->info().sensingTime,
        Product::open(m_sample.main.safePath)->info().sensingTime);
    QVERIFY(w.swipeView()->isVisible());
    const QString said = panel->findChild<QLabel*>(QStringLiteral("reconStatus"))->text();
    QVERIFY2(said.startsWith(QStringLiteral("Rebuilt")), qPrintable(said));
}

// `unclouded PRODUCT --compare RESULT.tif`: no reconstruction job ran in the window, so the result is
// paired with the product it names (app/main.cpp passes the first layer). It used to pair it with the
// dock's last job, none, and only said "Wrote RESULT.tif".
void TestSwipeView::resultGivenAtStartIsCompared()
{
    const QString out = m_dir.filePath(QStringLiteral("given.tif"));
    recon::reconstructToFile(*Product::open(m_sample.main.safePath), {}, out, {});
    ui::MainWindow w;
    w.resize(1200, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy opened(&w, &ui::MainWindow::productOpened);
    w.openProduct(m_sample.main.safePath);
    QVERIFY(opened.wait(30000));
    QSignalSpy compared(&w, &ui::MainWindow::comparisonShown);
    w.showComparison(out, maskSidecarPath(out), QFileInfo(out).fileName(), w.currentProduct());
    QVERIFY(compared.wait(30000));
    QCOMPARE(compared.first().at(0).toString(), out);
    QVERIFY(w.swipeView()->before() == w.currentProduct());
    QVERIFY(w.swipeView()->after());
    QVERIFY(w.findChild<QAction*>(QStringLiteral("actionCompare"))->isChecked());
}

// An AOI's result is not on the product's grid: the run's live view (the product on both sides, its
// rows over the after side) stayed as if it were the comparison, and the earlier result was lost.
void TestSwipeView::anAoiResultKeepsTheComparisonShownBefore()
{
    ui::MainWindow w;
    openBothDates(w);
    if (QTest::currentTestFailed())
        return;
    ui::ReconPanel* panel = w.reconPanel();
    panel->setMethod(QStringLiteral("telea"));
    panel->setOutputPath(m_dir.filePath(QStringLiteral("aoi/whole.tif")));
    QSignalSpy compared(&w, &ui::MainWindow::comparisonShown);
    QSignalSpy done(panel, &ui::ReconPanel::reconstructed);
    panel->start();
    QVERIFY(done.wait(60000));
    QTRY_COMPARE(compared.size(), 1);
    const auto whole = w.swipeView()->after();
    QVERIFY(whole && whole != w.swipeView()->before());
    // The other date is offered; telea reads none: not recorded as a source of the result.
    QVERIFY(!panel->options().references.isEmpty());
    panel->setAoi(QRect(40, 60, 100, 80));
    const QString part = m_dir.filePath(QStringLiteral("aoi/part.tif"));
    panel->setOutputPath(part);
    panel->start();
    QVERIFY(panel->isRunning());
    QCOMPARE(w.swipeView()->after(), w.swipeView()->before()); // the run's live view
    QVERIFY(done.wait(60000));
    QTRY_VERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("an AOI")),
        qPrintable(w.statusBar()->currentMessage()));
    QCOMPARE(w.swipeView()->after(), whole);
    QVERIFY(!w.swipeView()->afterView()->hasLiveImage());
    QVERIFY(w.findChild<QAction*>(QStringLiteral("actionCompare"))->isChecked());
    QCOMPARE(compared.size(), 1);
    GDALDatasetUniquePtr ds(GDALDataset::Open(part.toUtf8().constData(), GDAL_OF_RASTER));
    QVERIFY(ds);
    QCOMPARE(ds->GetRasterXSize(), 100);
    QVERIFY(!ds->GetMetadataItem("UNCLOUDED_REFERENCE"));
    panel->setAoi(QRect());
}

void TestSwipeView::dividerFollowsTheMouseAndViewsStaySynced()
{
    const auto before = Product::open(m_sample.main.safePath);
    const QString out = m_dir.filePath(QStringLiteral("swipe.tif"));
    recon::reconstructToFile(*before, {}, out, {});
    const auto after = Product::open(out, maskSidecarPath(out), MaskKind::Binary);
    ui::SwipeView v;
    v.resize(800, 500);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    v.setProducts(before, after);
    QSignalSpy moved(&v, &ui::SwipeView::dividerMoved);
    QWidget* handle = v.findChild<QWidget*>(QStringLiteral("swipeDivider"));
    QVERIFY(handle && handle->isVisible());
    QVERIFY(std::abs(handle->geometry().center().x() - 400) <= 1);
    // Drag the divider from the middle to x = 200.
    QTest::mousePress(handle, Qt::LeftButton, {}, handle->rect().center());
    QMouseEvent move(QEvent::MouseMove, QPointF(handle->rect().center()), v.mapToGlobal(QPointF(200, 250)),
        Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(handle, &move);
    QTest::mouseRelease(handle, Qt::LeftButton, {}, handle->rect().center());
    QVERIFY(!moved.isEmpty());
    QVERIFY2(std::abs(v.divider() - 0.25) < 0.01, qPrintable(QString::number(v.divider())));
    QCOMPARE(v.afterView()->mask().boundingRect().left(), 200);
    QVERIFY(std::abs(handle->geometry().center().x() - 200) <= 1);

    // Zoom the before side: the after side follows, and the other way round.
    v.beforeView()->zoomBy(2.0, QPointF(300, 200));
    QCOMPARE(v.afterView()->scale(), v.beforeView()->scale());
    QCOMPARE(v.afterView()->origin(), v.beforeView()->origin());
    v.afterView()->panBy(QPointF(40, -25));
    QCOMPARE(v.beforeView()->origin(), v.afterView()->origin());
    // Side by side: half the width each, same centre.
    v.setMode(ui::SwipeView::Mode::SideBySide);
    QVERIFY(v.beforeView()->width() < 420 && v.afterView()->width() < 420);
    QVERIFY(v.afterView()->mask().isEmpty());
    auto centre
        = [](ui::MapView* m) { return m->origin() + QPointF(m->width(), m->height()) / (2 * m->scale()); };
    QVERIFY((centre(v.beforeView()) - centre(v.afterView())).manhattanLength() < 1.0);
    v.beforeView()->zoomBy(1.5, QPointF(100, 100));
    QVERIFY((centre(v.beforeView()) - centre(v.afterView())).manhattanLength() < 1.0);
    // A horizontal divider.
    v.setMode(ui::SwipeView::Mode::Swipe);
    v.setOrientation(Qt::Horizontal);
    v.setDivider(0.6);
    QCOMPARE(v.afterView()->mask().boundingRect().top(), 300);
    // From the keyboard: Shift+Down / Up move it across a horizontal divider, plain arrows still pan.
    const QPointF origin = v.beforeView()->origin();
    QTest::keyClick(v.beforeView(), Qt::Key_Down, Qt::ShiftModifier);
    QVERIFY2(std::abs(v.divider() - 0.65) < 1e-9, qPrintable(QString::number(v.divider())));
    QCOMPARE(v.beforeView()->origin(), origin);
    QTest::keyClick(v.afterView(), Qt::Key_Up, Qt::ShiftModifier);
    QTest::keyClick(v.afterView(), Qt::Key_Up, Qt::ShiftModifier);
    QVERIFY(std::abs(v.divider() - 0.55) < 1e-9);
    QTest::keyClick(v.beforeView(), Qt::Key_Down);
    QVERIFY(std::abs(v.divider() - 0.55) < 1e-9);
    QVERIFY(v.beforeView()->origin() != origin);
}

void TestSwipeView::modesBlinkFadeDifference()
{
    const auto before = Product::open(m_sample.main.safePath);
    const QString out = m_dir.filePath(QStringLiteral("modes.tif"));
    recon::reconstructToFile(*before, {}, out, {});
    const auto after = Product::open(out, maskSidecarPath(out), MaskKind::Binary);
    ui::SwipeView v;
    v.resize(600, 400);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    v.setProducts(before, after);
    v.setMode(ui::SwipeView::Mode::Blink);
    QVERIFY(v.showingAfter() && v.afterView()->isVisible() && !v.beforeView()->isVisible());
    QTest::keyClick(&v, Qt::Key_B);
    QVERIFY(!v.showingAfter() && !v.afterView()->isVisible() && v.beforeView()->isVisible());
    QTest::keyClick(&v, Qt::Key_Space);
    QVERIFY(v.showingAfter());

    v.setMode(ui::SwipeView::Mode::Fade);
    v.setFade(0.3);
    QVERIFY(v.afterView()->graphicsEffect());
    QVERIFY(v.beforeView()->isVisible() && v.afterView()->isVisible());

    // Difference: NDVI after - before; every visible pixel is unchanged, so white dominates and
    // rebuilt pixels are coloured.
    v.setMode(ui::SwipeView::Mode::Difference);
    QVERIFY(!v.afterView()->graphicsEffect());
    QCOMPARE(v.afterView()->renderParams().difference, QStringLiteral("NDVI"));
    v.setMaskOutline(false);
    v.afterView()->grab(); // paints, which requests the tiles
    QTRY_COMPARE_WITH_TIMEOUT(v.afterView()->pendingTiles(), 0, 60000);
    const QImage img = v.afterView()->grab().toImage();
    int white = 0, coloured = 0;
    for (int y = 0; y < img.height(); y += 3)
        for (int x = 0; x < img.width(); x += 3) {
            const QColor c = img.pixelColor(x, y);
            if (c.red() > 250 && c.green() > 250 && c.blue() > 250)
                ++white;
            else if (std::abs(c.red() - c.blue()) > 20)
                ++coloured;
        }
    QVERIFY2(white > 0 && coloured > 0,
        qPrintable(QStringLiteral("white %1, coloured %2").arg(white).arg(coloured)));
    v.setDifference(QStringLiteral("B04"), 0.05f);
    QCOMPARE(v.afterView()->renderParams().difference, QStringLiteral("B04"));
}

void TestSwipeView::cancelFromThePanelLeavesNoFile()
{
    ui::ReconPanel panel;
    const auto product = Product::open(m_sample.main.safePath);
    panel.setProduct(product, {});
    panel.setMethod(QStringLiteral("ns"));
    const QString dir = m_dir.filePath(QStringLiteral("cancelled"));
    panel.setOutputPath(QDir(dir).filePath(QStringLiteral("x.tif")));
    QSignalSpy done(&panel, &ui::ReconPanel::reconstructed);
    panel.start();
    panel.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 60000);
    QTest::qWait(20);
    QVERIFY(done.isEmpty());
    QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList {});

    // A folder as the output ran the whole job, to fail at the rename: refused before it starts.
    QSignalSpy failed(&panel, &ui::ReconPanel::failed);
    panel.setOutputPath(dir);
    panel.start();
    QVERIFY(!panel.isRunning());
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("is a folder")),
        qPrintable(failed.first().first().toString()));
}

// "Wrote PATH" after a run: a path wider than the dock wraps inside the status line instead of
// widening the panel (found under Xvfb: the Reconstruction dock grew a horizontal scroll bar and
// its buttons went out of sight).
void TestSwipeView::aLongOutputPathDoesNotWidenThePanel()
{
    ui::ReconPanel panel;
    panel.setProduct(Product::open(m_sample.main.safePath), {});
    panel.setMethod(QStringLiteral("telea"));
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const int before = panel.minimumSizeHint().width();
    const QString name
        = QStringLiteral("S2B_MSIL2A_20230412T101029_N0509_R022_T33UUU_20230412T131429_pretrained.tif");
    const QString out
        = QDir(m_dir.filePath(QStringLiteral("a_rather_long_folder_name_for_results"))).filePath(name);
    panel.setOutputPath(out);
    QSignalSpy done(&panel, &ui::ReconPanel::reconstructed);
    panel.start();
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 60000);
    auto* status = panel.findChild<QLabel*>(QStringLiteral("reconStatus"));
    QVERIFY(status->text().endsWith(out)); // the path as it is, nothing inserted
    QVERIFY2(panel.minimumSizeHint().width() <= before,
        qPrintable(QStringLiteral("%1 -> %2 px").arg(before).arg(panel.minimumSizeHint().width())));
    // In a dock-wide panel the status takes more lines, not more width.
    panel.resize(before, panel.heightForWidth(before) > 0 ? panel.heightForWidth(before) : 600);
    QVERIFY(status->heightForWidth(status->width()) > 2 * status->fontMetrics().height());
    QVERIFY(status->fontMetrics().horizontalAdvance(out) > status->width());
    // A message's own line breaks are kept, as QLabel keeps them.
    status->setText(QStringLiteral("first\nsecond"));
    QVERIFY(status->heightForWidth(1000) >= 2 * status->fontMetrics().lineSpacing());
}

QTEST_MAIN(TestSwipeView)
#include "tst_swipeview.moc"
