// The real main window driven like a person, offscreen (issue #15): open the demo product from the
// welcome page and another date by drag and drop, toggle scene classes and the mask buffer, click a
// pixel, train a tiny network in the Training dock, reconstruct with Telea and with the trained
// network in the Reconstruction dock (a COG is written), drag the swipe divider and run an
// evaluation, all through widgets and signals. What is checked is what a person would see: files
// written, tables filled, no error box.
#include <cmath>
#include <gdal_priv.h>

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "core/common/runtime.h"
#include "core/io/product.h"
#include "core/io/rasterwriter.h"
#include "ui/evalpanel.h"
#include "ui/mainwindow.h"
#include "ui/mapview.h"
#include "ui/pixelinspector.h"
#include "ui/preferencesdialog.h"
#include "ui/qcp.h"
#include "ui/reconpanel.h"
#include "ui/settings.h"
#include "ui/swipeview.h"
#include "ui/trainpanel.h"

#include "tests/testutil.h"

using namespace unclouded;

namespace {

// What a person types: select the field's text, type the new value, press Enter.
void typeInto(QAbstractSpinBox* spin, const QString& text)
{
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, text);
    QTest::keyClick(spin, Qt::Key_Enter);
}

void typeInto(QLineEdit* edit, const QString& text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

// Chooses a combo box entry with the keyboard (Home, then Down until the entry with this data).
bool choose(QComboBox* combo, const QVariant& data)
{
    const int target = combo->findData(data);
    if (target < 0)
        return false;
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Home);
    while (combo->currentIndex() < target)
        QTest::keyClick(combo, Qt::Key_Down);
    return combo->currentIndex() == target;
}

// The row of a scene class in the SCL legend.
QTreeWidgetItem* classItem(QTreeWidget* legend, int cls)
{
    for (int i = 0; i < legend->topLevelItemCount(); ++i)
        if (legend->topLevelItem(i)->data(0, Qt::UserRole).toInt() == cls
            && legend->topLevelItem(i)->data(0, Qt::UserRole).isValid())
            return legend->topLevelItem(i);
    return nullptr;
}

QString hiddenTotal(QTreeWidget* legend)
{
    QTreeWidgetItem* last = legend->topLevelItem(legend->topLevelItemCount() - 1);
    return last ? last->text(1) : QString();
}

// Clicks the middle of a row of an item view.
void clickRow(QAbstractItemView* view, const QModelIndex& index)
{
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

// Waits (processing events) until cond is true or ms pass.
template <typename F> bool waitFor(F cond, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!cond() && t.elapsed() < ms)
        QTest::qWait(20);
    return cond();
}

QStringList errorBoxes(const QWidget& w)
{
    QStringList out;
    for (QMessageBox* box : w.findChildren<QMessageBox*>(QStringLiteral("errorBox")))
        out << box->text();
    return out;
}

} // namespace

class TestEndToEnd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void aPersonUsesTheWholeApp();

private:
    QTemporaryDir m_dir;
    QString m_safe, m_ref;
};

void TestEndToEnd::initTestCase()
{
    QVERIFY2(QFileInfo::exists(testutil::cliPath()), "UNCLOUDED_CLI not set");
    QVERIFY(m_dir.isValid());
    // The demo lives in the cache folder the welcome page looks in.
    const QString cache = m_dir.filePath(QStringLiteral("cache"));
    qputenv("XDG_CACHE_HOME", cache.toUtf8());
    const QString demo = cache + QStringLiteral("/unclouded/demo");
    QProcess p;
    p.start(testutil::cliPath(),
        { QStringLiteral("make-sample"), demo, QStringLiteral("--size"), QStringLiteral("120"),
            QStringLiteral("--reference-date") });
    QVERIFY(p.waitForFinished(300000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QFile report(demo + QStringLiteral("/sample.json"));
    QVERIFY(report.open(QIODevice::ReadOnly));
    const QJsonObject j = QJsonDocument::fromJson(report.readAll()).object();
    m_safe = QDir(demo).filePath(j[QStringLiteral("main")][QStringLiteral("safe")].toString());
    m_ref = QDir(demo).filePath(j[QStringLiteral("reference")][QStringLiteral("safe")].toString());
    QVERIFY(QFileInfo(m_safe).isDir() && QFileInfo(m_ref).isDir());
    initializeRuntime();
    // Panels restore their options from the settings: start from none.
    QSettings().clear();
}

void TestEndToEnd::aPersonUsesTheWholeApp()
{
    QElapsedTimer clock;
    clock.start();
    auto step = [&](const char* what) { qInfo("%6.1f s  %s", clock.elapsed() / 1000.0, what); };
    const QDir out(m_dir.filePath(QStringLiteral("out")));
    QVERIFY(QDir().mkpath(out.path()));

    ui::MainWindow w;
    w.resize(1366, 768);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy errors(&w, &ui::MainWindow::errorShown);
    auto noErrors = [&] {
        return errors.isEmpty() && errorBoxes(w).isEmpty()
            ? QByteArray()
            : (QStringLiteral("error shown: ") + errorBoxes(w).join(QStringLiteral(" | "))).toUtf8();
    };

    // 1. The welcome page offers the demo; one click opens it and the map shows it.
    step("open the demo");
    auto* demo = w.findChild<QPushButton*>(QStringLiteral("welcomeDemo"));
    QVERIFY(demo && demo->isVisible() && demo->isEnabled());
    QCOMPARE(QFileInfo(demo->toolTip()).canonicalFilePath(), QFileInfo(m_safe).canonicalFilePath());
    QSignalSpy opened(&w, &ui::MainWindow::productOpened);
    QSignalSpy coverage(&w, &ui::MainWindow::coverageReady);
    QSignalSpy displayed(&w, &ui::MainWindow::displayReady);
    QTest::mouseClick(demo, Qt::LeftButton);
    QVERIFY(opened.wait(60000));
    QVERIFY(waitFor([&] { return !coverage.isEmpty() && !displayed.isEmpty(); }, 60000));
    ui::MapView* map = w.mapView();
    QVERIFY(map->isVisible());
    QVERIFY(map->product());
    QVERIFY(!w.findChild<QWidget*>(QStringLiteral("welcomePage"))->isVisible());
    auto* metadata = w.findChild<QTreeWidget*>(QStringLiteral("metadataTree"));
    QVERIFY(metadata->topLevelItemCount() > 5);
    QVERIFY2(noErrors().isEmpty(), noErrors().constData());

    // 2. Scene classes: the legend lists the classes with their coverage; untick and tick a class
    // (the map's overlay follows), then widen the mask buffer (the hidden share grows).
    step("scene classes");
    w.findChild<QAction*>(QStringLiteral("actionTask_inspect"))->trigger(); // the task's docks
    w.dock(QStringLiteral("dockScl"))->raise();
    auto* legend = w.findChild<QTreeWidget*>(QStringLiteral("sclLegend"));
    QVERIFY(legend && legend->isVisible());
    QTreeWidgetItem* cloud = classItem(legend, 9); // cloud, high probability: hidden by default
    QVERIFY(cloud);
    QCOMPARE(cloud->checkState(0), Qt::Checked);
    QVERIFY(cloud->text(1).endsWith(QLatin1Char('%')));
    QVERIFY(map->renderParams().overlayClasses.contains(9));
    const QString hiddenAll = hiddenTotal(legend);
    QVERIFY2(hiddenAll.endsWith(QLatin1Char('%')), qPrintable(hiddenAll));
    auto percent = [](const QString& figure) { return QLocale().toDouble(figure.chopped(2)); };
    // Untick it: the overlay drops it and the bold hidden share is recounted, smaller.
    clickRow(legend, legend->indexFromItem(cloud));
    QCOMPARE(legend->currentItem(), cloud);
    coverage.clear();
    QTest::keyClick(legend, Qt::Key_Space); // Space ticks the current row, as a click on its box does
    QCOMPARE(classItem(legend, 9)->checkState(0), Qt::Unchecked);
    QVERIFY(!map->renderParams().overlayClasses.contains(9));
    QVERIFY(coverage.wait(60000));
    QCOMPARE(classItem(legend, 9)->checkState(0), Qt::Unchecked); // kept through the recount
    QVERIFY2(percent(hiddenTotal(legend)) < percent(hiddenAll), qPrintable(hiddenTotal(legend)));
    // Tick it again.
    clickRow(legend, legend->indexFromItem(classItem(legend, 9)));
    coverage.clear();
    QTest::keyClick(legend, Qt::Key_Space);
    QCOMPARE(classItem(legend, 9)->checkState(0), Qt::Checked);
    QVERIFY(map->renderParams().overlayClasses.contains(9));
    QVERIFY(coverage.wait(60000));
    QCOMPARE(hiddenTotal(legend), hiddenAll);
    const QString hiddenBefore = hiddenTotal(legend);
    auto* buffer = w.findChild<QSpinBox*>(QStringLiteral("mask/buffer"));
    QVERIFY(buffer);
    coverage.clear();
    typeInto(buffer, QStringLiteral("3"));
    QCOMPARE(buffer->value(), 3);
    QCOMPARE(map->renderParams().bufferPx, 3);
    QVERIFY(coverage.wait(60000));
    const QString hiddenAfter = hiddenTotal(legend);
    QVERIFY2(percent(hiddenAfter) > percent(hiddenBefore),
        qPrintable(hiddenBefore + QStringLiteral(" -> ") + hiddenAfter));

    // 3. A click on the map fills the pixel inspector.
    step("pixel inspector");
    auto* pixels = w.findChild<QTreeWidget*>(QStringLiteral("pixelTable"));
    QVERIFY(pixels && !pixels->isVisible());
    const QPoint centre = map->rect().center();
    QSignalSpy shown(w.pixelInspector(), &ui::PixelInspector::shown);
    QTest::mouseClick(map, Qt::LeftButton, {}, centre);
    QVERIFY(shown.wait(10000)); // the read runs off the GUI thread
    QVERIFY(w.dock(QStringLiteral("dockInspector"))->isVisible());
    QVERIFY(pixels->isVisible());
    QStringList keys;
    for (int i = 0; i < pixels->topLevelItemCount(); ++i)
        keys << pixels->topLevelItem(i)->text(0);
    QVERIFY2(keys.contains(QStringLiteral("Pixel")), qPrintable(keys.join(QLatin1Char(','))));
    const auto b04 = pixels->findItems(QStringLiteral("B04"), Qt::MatchStartsWith);
    QVERIFY2(!b04.isEmpty(), qPrintable(keys.join(QLatin1Char(','))));
    bool numeric = false;
    QLocale().toDouble(b04.first()->text(1).section(QLatin1Char(' '), 0, 0), &numeric);
    QVERIFY2(numeric, qPrintable(b04.first()->text(1)));
    const QPointF g = map->gridAt(QPointF(centre));
    QCOMPARE(pixels->topLevelItem(0)->text(1),
        QStringLiteral("%1, %2").arg(static_cast<int>(g.x())).arg(static_cast<int>(g.y())));

    // Preferences > Units: the pixel shown is shown again as reflectance x 10 000 at once.
    {
        step("reflectance unit");
        const double r = QLocale().toDouble(b04.first()->text(1));
        w.findChild<QAction*>(QStringLiteral("actionPreferences"))->trigger();
        auto* prefs = w.findChild<ui::PreferencesDialog*>();
        QVERIFY(prefs);
        auto* unit = prefs->findChild<QComboBox*>(QStringLiteral("prefReflectanceUnit"));
        unit->setCurrentIndex(unit->findData(QStringLiteral("scaled")));
        QTest::mouseClick(
            prefs->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        const auto scaled = pixels->findItems(QStringLiteral("B04"), Qt::MatchStartsWith);
        QVERIFY(!scaled.isEmpty());
        const double dn = QLocale().toDouble(scaled.first()->text(1), &numeric);
        QVERIFY2(numeric, qPrintable(scaled.first()->text(1)));
        QVERIFY2(std::abs(dn - r * 10000) <= 1.0, qPrintable(scaled.first()->text(1)));
        ui::settings::reflectanceUnit.reset();
        w.pixelInspector()->refreshUnits();
    }

    // 4. Another date by drag and drop: a second layer; then back to the first by a click in Layers.
    step("drop the other date");
    opened.clear();
    {
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(m_ref) });
        QDragEnterEvent enter(QPoint(400, 300), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(400, 300), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
    }
    QVERIFY(opened.wait(60000));
    auto* layers = w.findChild<QListView*>(QStringLiteral("layerList"));
    QCOMPARE(layers->model()->rowCount(), 2);
    QCOMPARE(layers->currentIndex().row(), 1);
    displayed.clear();
    clickRow(layers, layers->model()->index(0, 0));
    QCOMPARE(layers->currentIndex().row(), 0);
    QCOMPARE(w.currentProduct()->info().path, map->product()->info().path);
    QVERIFY(QFileInfo(w.currentProduct()->info().path)
                .canonicalFilePath()
                .startsWith(QFileInfo(m_safe).canonicalFilePath()));
    QVERIFY(displayed.wait(30000) || !displayed.isEmpty());
    QVERIFY2(noErrors().isEmpty(), noErrors().constData());

    // 5. Training: the smallest network the panel allows, one epoch on a few patches.
    step("train");
    w.findChild<QAction*>(QStringLiteral("actionTask_train"))->trigger(); // the task's docks
    w.dock(QStringLiteral("dockTraining"))->raise();
    ui::TrainPanel* train = w.trainPanel();
    QVERIFY(train->isVisible());
    QVERIFY(choose(train->findChild<QComboBox*>(QStringLiteral("trainPreset")), QStringLiteral("seed")));
    auto* init = train->findChild<QComboBox*>(QStringLiteral("trainInit"));
    init->setFocus();
    QTest::keyClick(init, Qt::Key_Home); // Scratch
    QVERIFY(init->currentData().toString().isEmpty());
    typeInto(train->findChild<QSpinBox*>(QStringLiteral("train/epochs")), QStringLiteral("1"));
    typeInto(train->findChild<QSpinBox*>(QStringLiteral("train/batch")), QStringLiteral("2"));
    typeInto(train->findChild<QSpinBox*>(QStringLiteral("train/patch")), QStringLiteral("32"));
    typeInto(train->findChild<QSpinBox*>(QStringLiteral("train/width")), QStringLiteral("4"));
    typeInto(train->findChild<QSpinBox*>(QStringLiteral("train/depth")), QStringLiteral("1"));
    typeInto(train->findChild<QSpinBox*>(QStringLiteral("train/maxPatches")), QStringLiteral("8"));
    const QString ckpt = out.filePath(QStringLiteral("tiny.pth"));
    typeInto(train->findChild<QLineEdit*>(QStringLiteral("trainOut")), ckpt);
    {
        const ml::TrainOptions o = train->options();
        QCOMPARE(o.epochs, 1);
        QCOMPARE(o.batch, 2);
        QCOMPARE(o.patch, 32);
        QCOMPARE(o.model.width, 4);
        QCOMPARE(o.model.depth, 1);
        QCOMPARE(o.maxTrainPatches, 8);
        QCOMPARE(o.out, ckpt);
        QVERIFY(o.references.isEmpty());
    }
    QSignalSpy trained(train, &ui::TrainPanel::trainingFinished);
    QSignalSpy epochs(train, &ui::TrainPanel::epochFinished);
    QTest::mouseClick(train->findChild<QPushButton*>(QStringLiteral("trainStart")), Qt::LeftButton);
    QVERIFY(trained.wait(120000));
    QVERIFY2(trained.first().at(0).toBool(), qPrintable(trained.first().at(1).toString()));
    QCOMPARE(epochs.count(), 1);
    QVERIFY(QFileInfo(ckpt).size() > 0);
    QVERIFY(train->plot()->graph(2)->dataCount() == 1); // the validation curve has its point

    // Closing the window while a training runs asks first (it quit at once, the run lost); Cancel
    // keeps the window and the run.
    step("quit while training");
    {
        typeInto(train->findChild<QLineEdit*>(QStringLiteral("trainOut")),
            out.filePath(QStringLiteral("tiny2.pth")));
        QSignalSpy again(train, &ui::TrainPanel::trainingFinished);
        QTest::mouseClick(train->findChild<QPushButton*>(QStringLiteral("trainStart")), Qt::LeftButton);
        QVERIFY(train->isRunning());
        QString question;
        const auto answer = connect(&w, &ui::MainWindow::quitWhileRunningAsked, this, [&] {
            auto* box = w.findChild<QMessageBox*>(QStringLiteral("quitWhileRunning"));
            QVERIFY(box);
            question = box->text();
            box->button(QMessageBox::Cancel)->click();
        });
        QVERIFY(!w.close());
        disconnect(answer);
        QVERIFY2(question.contains(QStringLiteral("a training run")), qPrintable(question));
        QVERIFY(w.isVisible());
        const bool stopped = train->isRunning();
        if (stopped)
            train->stop();
        QVERIFY(!again.isEmpty() || again.wait(120000));
        // Stopped before its first validation: no checkpoint is named (an older file at the path was).
        const QString said = again.first().at(1).toString();
        if (stopped && !again.first().at(0).toBool())
            QVERIFY2(said.contains(QStringLiteral("no checkpoint was written"))
                    || said.contains(QStringLiteral("before training began")),
                qPrintable(said));
    }

    // 6. Reconstruction with Telea into a COG: the comparison opens, the file is a COG with its
    // rebuilt-pixel mask, and the trained network is offered as a method.
    step("reconstruct (Telea)");
    w.findChild<QAction*>(QStringLiteral("actionTask_reconstruct"))->trigger(); // the task's docks
    w.dock(QStringLiteral("dockReconstruction"))->raise();
    ui::ReconPanel* recon = w.reconPanel();
    auto* method = recon->findChild<QComboBox*>(QStringLiteral("reconMethod"));
    QVERIFY(method->findData(ckpt) >= 0);
    QVERIFY(choose(method, QStringLiteral("telea")));
    QVERIFY(choose(recon->findChild<QComboBox*>(QStringLiteral("recon/format")), QStringLiteral("COG")));
    const QString teleaOut = out.filePath(QStringLiteral("telea.tif"));
    typeInto(recon->findChild<QLineEdit*>(QStringLiteral("reconOutput")), teleaOut);
    QCOMPARE(recon->outputPath(), teleaOut);
    QSignalSpy rebuilt(recon, &ui::ReconPanel::reconstructed);
    QSignalSpy compared(&w, &ui::MainWindow::comparisonShown);
    auto* run = recon->findChild<QPushButton*>(QStringLiteral("reconRun"));
    QVERIFY(run->isEnabled());
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY2(
        rebuilt.wait(120000), qPrintable(recon->findChild<QLabel*>(QStringLiteral("reconStatus"))->text()));
    QCOMPARE(rebuilt.first().at(0).toString(), teleaOut);
    QVERIFY(QFileInfo::exists(maskSidecarPath(teleaOut)));
    {
        GDALDataset* ds = GDALDataset::Open(teleaOut.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY);
        QVERIFY(ds);
        const QString layout = QString::fromLatin1(ds->GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE"));
        const int w0 = ds->GetRasterXSize(), bands = ds->GetRasterCount();
        GDALClose(ds);
        QCOMPARE(layout, QStringLiteral("COG"));
        QCOMPARE(w0, 120);
        QVERIFY(bands >= 10);
    }
    QVERIFY(!compared.isEmpty() || compared.wait(10000)); // opened off the GUI thread
    const auto result = Product::open(teleaOut);
    QCOMPARE(result->width(), 120);
    QVERIFY(w.findChild<QAction*>(QStringLiteral("actionCompare"))->isChecked());
    ui::SwipeView* swipe = w.swipeView();
    QVERIFY(swipe->isVisible());
    QVERIFY(swipe->after() && swipe->after() != swipe->before());
    // View > Zoom In zooms the comparison shown (it zoomed the hidden map), both sides together.
    {
        const double before = swipe->beforeView()->scale();
        w.findChild<QAction*>(QStringLiteral("actionZoomIn"))->trigger();
        QVERIFY(std::abs(swipe->beforeView()->scale() - 1.5 * before) < 1e-9 * before);
        QVERIFY(std::abs(swipe->afterView()->scale() - swipe->beforeView()->scale()) < 1e-9 * before);
        ui::MapView* v = swipe->beforeView();
        v->zoomBy(1 / 1.5, QPointF(v->width() / 2.0, v->height() / 2.0)); // back as it was
    }
    // A run that fails gives the last result back (it left the product on both sides, the compare
    // controls acting on nothing).
    {
        const auto shownAfter = swipe->after();
        QSignalSpy stopped(recon, &ui::ReconPanel::stopped);
        QSignalSpy failed(recon, &ui::ReconPanel::failed);
        typeInto(recon->findChild<QLineEdit*>(QStringLiteral("reconOutput")),
            QStringLiteral("/proc/unclouded.tif"));
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY(!failed.isEmpty() || failed.wait(60000));
        QVERIFY(stopped.isEmpty() || swipe->after() == shownAfter);
        QVERIFY(swipe->after() == shownAfter && swipe->after() != swipe->before());
        QVERIFY(w.findChild<QAction*>(QStringLiteral("actionCompare"))->isEnabled());
        typeInto(recon->findChild<QLineEdit*>(QStringLiteral("reconOutput")), teleaOut);
        // The failure was told (an error box): closed, as the person would.
        QVERIFY(!errors.isEmpty() || !errorBoxes(w).isEmpty());
        qDeleteAll(w.findChildren<QMessageBox*>(QStringLiteral("errorBox")));
        errors.clear();
    }

    // 7. Drag the swipe divider to a quarter of the view.
    step("swipe");
    QWidget* handle = swipe->findChild<QWidget*>(QStringLiteral("swipeDivider"));
    QVERIFY(handle && handle->isVisible());
    QSignalSpy moved(swipe, &ui::SwipeView::dividerMoved);
    QTest::mousePress(handle, Qt::LeftButton, {}, handle->rect().center());
    const QPoint target(swipe->width() / 4, swipe->height() / 2);
    QMouseEvent drag(QEvent::MouseMove, QPointF(handle->rect().center()), swipe->mapToGlobal(QPointF(target)),
        Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(handle, &drag);
    QTest::mouseRelease(handle, Qt::LeftButton, {}, handle->rect().center());
    QVERIFY(!moved.isEmpty());
    QVERIFY2(std::abs(swipe->divider() - 0.25) < 0.02, qPrintable(QString::number(swipe->divider())));
    QVERIFY(std::abs(handle->geometry().center().x() - target.x()) <= 2);
    // A click on the after side shows before -> after in the inspector.
    shown.clear();
    QTest::mouseClick(swipe->afterView(), Qt::LeftButton, {}, swipe->afterView()->rect().center());
    QVERIFY(shown.wait(10000));
    bool arrow = false;
    for (int i = 0; i < pixels->topLevelItemCount(); ++i)
        arrow |= pixels->topLevelItem(i)->text(1).contains(QStringLiteral("→"));
    QVERIFY(arrow);

    // 8. The trained network rebuilds the same product (a GeoTIFF this time).
    step("reconstruct (trained network)");
    QVERIFY(choose(method, ckpt));
    QVERIFY(choose(recon->findChild<QComboBox*>(QStringLiteral("recon/format")), QStringLiteral("GTiff")));
    const QString netOut = out.filePath(QStringLiteral("tiny.tif"));
    typeInto(recon->findChild<QLineEdit*>(QStringLiteral("reconOutput")), netOut);
    rebuilt.clear();
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY2(
        rebuilt.wait(120000), qPrintable(recon->findChild<QLabel*>(QStringLiteral("reconStatus"))->text()));
    QCOMPARE(rebuilt.first().at(0).toString(), netOut);
    QCOMPARE(Product::open(netOut)->width(), 120);
    QCOMPARE(readRasterTags(netOut).value(QStringLiteral("UNCLOUDED_METHOD")).isEmpty(), false);

    // 9. Evaluation: the other date hidden behind this product's clouds, the general model, Telea,
    // Navier-Stokes and the trained network scored; the table shows a row per method with numbers.
    step("evaluate");
    w.findChild<QAction*>(QStringLiteral("actionTask_evaluate"))->trigger(); // the task's docks
    w.dock(QStringLiteral("dockEvaluation"))->raise();
    ui::EvalPanel* eval = w.evalPanel();
    QVERIFY(eval->isVisible());
    const eval::EvalOptions eo = eval->options();
    QCOMPARE(QFileInfo(eo.clear).canonicalFilePath(), QFileInfo(m_ref).canonicalFilePath());
    QCOMPARE(QFileInfo(eo.masksFrom).canonicalFilePath(), QFileInfo(m_safe).canonicalFilePath());
    QCOMPARE(eo.methods.size(), 5); // the general model, the harmonic fill, Telea and Navier-Stokes
                                    // ticked by default, the trained network added
    QSignalSpy scored(eval, &ui::EvalPanel::finished);
    QTest::mouseClick(eval->findChild<QPushButton*>(QStringLiteral("evalRun")), Qt::LeftButton);
    QVERIFY(scored.wait(120000));
    QVERIFY2(scored.first().at(0).toBool(), qPrintable(scored.first().at(1).toString()));
    QTableWidget* table = eval->table();
    QCOMPARE(table->rowCount(), 5);
    for (int r = 0; r < table->rowCount(); ++r) {
        bool ok = false;
        const double psnr = QLocale().toDouble(table->item(r, 0)->text(), &ok); // PSNR (dB)
        QVERIFY2(ok && psnr > 5 && psnr < 80,
            qPrintable(
                table->verticalHeaderItem(r)->text() + QStringLiteral(": ") + table->item(r, 0)->text()));
    }
    const QString csv = out.filePath(QStringLiteral("scores.csv"));
    QVERIFY(eval->exportCsv(csv));
    QVERIFY(QFileInfo(csv).size() > 0);

    QVERIFY2(noErrors().isEmpty(), noErrors().constData());
    step("done");
}

QTEST_MAIN(TestEndToEnd)
#include "tst_endtoend.moc"
