// Screenshot tour for docs/ (tools/screenshots.sh runs it under a virtual X server): the real main
// window at the screen's size, driven through the welcome page and each task (Inspect with the SCL
// overlay, Train with its curves, Reconstruct with the swipe view, Evaluate, Fields, Search) and
// Preferences; each state captured by ImageMagick's `import -window root`.
//   screenshot_tour DEMO_DIR OUT_DIR SUFFIX
#include <cstdio>
#include <functional>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QScreen>
#include <QtTest>

#include "core/common/runtime.h"
#include "core/ml/training.h"
#include "ui/evalpanel.h"
#include "ui/fieldspanel.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/mapview.h"
#include "ui/pixelinspector.h"
#include "ui/reconpanel.h"
#include "ui/swipeview.h"
#include "ui/trainpanel.h"

using namespace unclouded;

namespace {

QString g_out, g_suffix;

// Runs the event loop until `done` or the timeout; false on timeout.
bool waitFor(const std::function<bool()>& done, int timeoutMs, const char* what = nullptr)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs) {
            if (what)
                std::fprintf(stderr, "timed out waiting for %s\n", what);
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    }
    return true;
}

void settle(int ms)
{
    waitFor([] { return false; }, ms);
}

void shot(const QString& name)
{
    settle(800); // repaints, tiles
    const QString file = QDir(g_out).filePath(QStringLiteral("screenshot-%1-%2.png").arg(name, g_suffix));
    QProcess::execute(QStringLiteral("import"), { QStringLiteral("-window"), QStringLiteral("root"), file });
    std::printf("wrote %s\n", qPrintable(file));
    std::fflush(stdout);
}

bool choose(QComboBox* combo, const QString& data)
{
    const int i = combo ? combo->findData(data) : -1;
    if (i >= 0)
        combo->setCurrentIndex(i);
    return i >= 0;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr, "usage: screenshot_tour DEMO_DIR OUT_DIR SUFFIX\n");
        return 2;
    }
    initializeRuntime();
    ui::installTranslators(&app); // as app/main.cpp: English plurals ("1 field", "2 fields")
    const QDir demo(QString::fromLocal8Bit(argv[1]));
    g_out = QString::fromLocal8Bit(argv[2]);
    g_suffix = QString::fromLocal8Bit(argv[3]);
    const QStringList safes = demo.entryList({ QStringLiteral("*.SAFE") }, QDir::Dirs, QDir::Name);
    if (safes.size() < 2) {
        std::fprintf(stderr, "no demo product in %s (make demo)\n", argv[1]);
        return 1;
    }
    const QString cloudy = demo.filePath(safes[0]), clear = demo.filePath(safes[1]);
    const QDir work(QDir(g_out).filePath(QStringLiteral(".tour-") + g_suffix));
    QDir().mkpath(work.path());

    ui::MainWindow w;
    w.setGeometry(w.screen()->geometry()); // no window manager: the whole screen
    w.show();
    if (!QTest::qWaitForWindowExposed(&w))
        return 1;
    shot(QStringLiteral("welcome"));

    // Inspect: the cloudy date with the scene-class overlay and one pixel inspected.
    bool displayed = false, covered = false;
    QObject::connect(&w, &ui::MainWindow::displayReady, [&] { displayed = true; });
    QObject::connect(&w, &ui::MainWindow::coverageReady, [&] { covered = true; });
    w.openProduct(cloudy);
    waitFor([&] { return displayed && covered && !w.isLoading(); }, 120000);
    w.openProduct(clear); // the other date as a second layer: references, evaluation
    displayed = false;
    waitFor([&] { return displayed && !w.isLoading(); }, 120000);
    w.setCurrentLayer(0);
    waitFor([&] { return w.mapView()->pendingTiles() == 0; }, 60000);
    QTest::mouseClick(
        w.mapView(), Qt::LeftButton, {}, w.mapView()->rect().center() + QPoint(w.mapView()->width() / 8, 0));
    QSignalSpy shown(w.pixelInspector(), &ui::PixelInspector::shown);
    shown.wait(10000);
    shot(QStringLiteral("inspect"));

    // Train: a small CNN for a few epochs, so the curves have points.
    w.setTask(QStringLiteral("train"));
    ui::TrainPanel* train = w.trainPanel();
    ml::TrainOptions o = train->options();
    o.model.kind = ml::ModelKind::Cnn;
    o.preset = QStringLiteral("seed");
    o.epochs = 6;
    o.patch = 64;
    o.maxTrainPatches = 24;
    o.maxValPatches = 8;
    o.out = work.filePath(QStringLiteral("tour_cnn.pth"));
    train->setOptions(o);
    bool trained = false;
    QObject::connect(train, &ui::TrainPanel::trainingFinished, [&] { trained = true; });
    train->start();
    waitFor([&] { return trained; }, 900000, "the training");
    shot(QStringLiteral("train"));

    // Reconstruct: temporal fill from the other date; the swipe view opens on the result.
    w.setTask(QStringLiteral("reconstruct"));
    ui::ReconPanel* recon = w.reconPanel();
    auto* method = recon->findChild<QComboBox*>(QStringLiteral("reconMethod"));
    if (!choose(method, QStringLiteral("temporal")))
        choose(method, QStringLiteral("telea"));
    recon->findChild<QLineEdit*>(QStringLiteral("reconOutput"))
        ->setText(work.filePath(QStringLiteral("tour.tif")));
    bool rebuilt = false;
    QObject::connect(&w, &ui::MainWindow::comparisonShown, [&] { rebuilt = true; });
    QTest::mouseClick(recon->findChild<QPushButton*>(QStringLiteral("reconRun")), Qt::LeftButton);
    waitFor([&] { return rebuilt; }, 600000, "the reconstruction");
    settle(500);
    ui::SwipeView* swipe = w.swipeView();
    shown.clear();
    QTest::mouseClick(swipe->afterView(), Qt::LeftButton, {},
        swipe->afterView()->rect().center() + QPoint(swipe->width() / 6, 0));
    shown.wait(10000);
    // Both sides drawn before the picture (the after side reads the new file's tiles).
    waitFor(
        [&] { return swipe->beforeView()->pendingTiles() == 0 && swipe->afterView()->pendingTiles() == 0; },
        60000, "the comparison's tiles");
    shot(QStringLiteral("reconstruct"));
    if (qEnvironmentVariable("UNCLOUDED_TOUR_UNTIL") == QLatin1String("reconstruct"))
        return 0; // a partial run, to redo the first views only

    // Evaluate: the clear date hidden behind this date's clouds, the default methods scored.
    w.findChild<QAction*>(QStringLiteral("actionCompare"))->setChecked(false);
    w.setTask(QStringLiteral("evaluate"));
    ui::EvalPanel* eval = w.evalPanel();
    // The two inpainting methods (the CNN would only add minutes).
    if (auto* methods = eval->findChild<QListWidget*>(QStringLiteral("evalMethods")))
        for (int i = 0; i < methods->count(); ++i) {
            const QString id = methods->item(i)->data(Qt::UserRole).toString();
            methods->item(i)->setCheckState(
                id == QLatin1String("telea") || id == QLatin1String("ns") ? Qt::Checked : Qt::Unchecked);
        }
    bool scored = false;
    QObject::connect(eval, &ui::EvalPanel::finished, [&] { scored = true; });
    QTest::mouseClick(eval->findChild<QPushButton*>(QStringLiteral("evalRun")), Qt::LeftButton);
    waitFor([&] { return scored; }, 900000, "the evaluation");
    shot(QStringLiteral("evaluate"));

    // Fields: the demo's parcels, statistics of both dates, one field chosen.
    if (QFileInfo::exists(demo.filePath(QStringLiteral("parcels.gpkg")))) {
        bool computed = false;
        QObject::connect(w.fieldsPanel(), &ui::FieldsPanel::finished, [&] { computed = true; });
        w.openParcels(demo.filePath(QStringLiteral("parcels.gpkg")));
        if (!waitFor([&] { return computed; }, 5000)) {
            w.fieldsPanel()->compute();
            waitFor([&] { return computed; }, 120000);
        }
        w.fieldsPanel()->selectParcel(3);
        shot(QStringLiteral("fields"));
    }

    // Search: the form and its empty state (no network here).
    w.setTask(QStringLiteral("search"));
    shot(QStringLiteral("search"));

    // Preferences over the Inspect task.
    w.setTask(QStringLiteral("inspect"));
    w.findChild<QAction*>(QStringLiteral("actionPreferences"))->trigger();
    QDialog* prefs = nullptr;
    waitFor([&] { return (prefs = w.findChild<QDialog*>(QStringLiteral("preferencesDialog"))) != nullptr; },
        5000);
    if (prefs) {
        prefs->move(w.geometry().center() - QPoint(prefs->width() / 2, prefs->height() / 2));
        shot(QStringLiteral("preferences"));
        prefs->reject();
    }
    settle(200);
    return 0;
}
