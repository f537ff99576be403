// GUI responsiveness of the real main window (issue 15): opens a product, zooms, pans, clicks the
// pixel inspector while tiles are read, changes the stretch, switches tasks and starts a tiny
// training, and reports per action the worst delay of a 5 ms timer on the GUI thread (target:
// below 50 ms). Run offscreen: QT_QPA_PLATFORM=offscreen bench_gui_latency PRODUCT OUT_DIR.
#include <algorithm>
#include <cstdio>
#include <functional>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include "core/common/runtime.h"
#include "core/ml/training.h"
#include "ui/mainwindow.h"
#include "ui/mapview.h"
#include "ui/pixelinspector.h"
#include "ui/trainpanel.h"

using namespace unclouded;

namespace {

// How late a 5 ms timer fires while the event loop runs: the worst and how often over 50 ms.
struct LatencyProbe
{
    QTimer timer;
    QElapsedTimer clock;
    double worst = 0;
    int over50 = 0;
    LatencyProbe()
    {
        timer.setInterval(5);
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const double late = clock.nsecsElapsed() / 1e6 - 5.0;
            worst = std::max(worst, late);
            over50 += late > 50;
            clock.restart();
        });
    }
    void start()
    {
        worst = 0;
        over50 = 0;
        clock.start();
        timer.start();
    }
    void stop()
    {
        // The time since the last tick counts too (an action that blocks until the end).
        worst = std::max(worst, clock.nsecsElapsed() / 1e6 - 5.0);
        timer.stop();
    }
};

LatencyProbe* g_probe = nullptr;
double g_worstOverall = 0;

// Names what blocked: every event delivery on the GUI thread that takes over 30 ms is listed with
// the receiver's class and object name and the event type, nested ones (a resize sent inside a
// layout, say) indented under the one that contains them, innermost first.
class TracingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!g_probe || !g_probe->timer.isActive() || QThread::currentThread() != thread() || m_depth > 6)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer t;
        t.start();
        const int type = event->type();
        QString what = QString::fromLatin1(receiver->metaObject()->className());
        for (QObject* o = receiver; o; o = o->parent()) // the nearest named ancestor says where
            if (!o->objectName().isEmpty()) {
                what += QStringLiteral(" in '%1'").arg(o->objectName());
                break;
            }
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = t.nsecsElapsed() / 1e6;
        if (ms > 30)
            std::printf(
                "    %*sslow event: %6.1f ms  type %d  to %s\n", 2 * m_depth, "", ms, type, qPrintable(what));
        return r;
    }

private:
    int m_depth = 0;
};

void settle(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
}

// Runs `action` on the GUI thread, then the event loop until `done` (or the timeout); prints the
// wall time and the probe's figures.
void measure(const char* name, const std::function<void()>& action, const std::function<bool()>& done,
    int timeoutMs = 120000)
{
    QElapsedTimer t;
    t.start();
    g_probe->start();
    action();
    settle(100); // a repaint asks for the new view's tiles before `done` can be judged
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    g_probe->stop();
    const bool ok = done();
    g_worstOverall = std::max(g_worstOverall, g_probe->worst);
    std::printf("%-44s %8.0f ms   worst delay %6.1f ms   ticks > 50 ms: %d%s\n", name, t.nsecsElapsed() / 1e6,
        g_probe->worst, g_probe->over50, ok ? "" : "   (timed out)");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    // A private settings folder: the bench never changes the user's layout or recent files.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    TracingApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_gui_latency PRODUCT OUT_DIR [WIDTHxHEIGHT]\n");
        return 2;
    }
    initializeRuntime();
    const QString path = QString::fromLocal8Bit(argv[1]);
    const QString outDir = QString::fromLocal8Bit(argv[2]);
    QDir().mkpath(outDir);
    QSize size(1920, 1080);
    if (argc > 3) {
        const QStringList wh = QString::fromLocal8Bit(argv[3]).split(QLatin1Char('x'));
        if (wh.size() == 2)
            size = QSize(wh[0].toInt(), wh[1].toInt());
    }
    LatencyProbe probe;
    g_probe = &probe;

    ui::MainWindow w;
    w.resize(size);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w))
        return 1;
    settle(300);
    ui::MapView* map = w.mapView();
    // Paint as a screen would: offscreen, a shown widget still paints into its backing store.
    auto tilesDone = [map] { return map->product() && map->pendingTiles() == 0; };

    bool displayed = false, covered = false;
    QObject::connect(&w, &ui::MainWindow::displayReady, [&] { displayed = true; });
    QObject::connect(&w, &ui::MainWindow::coverageReady, [&] { covered = true; });
    measure(
        "open product (to picture + coverage)", [&] { w.openProduct(path); },
        [&] { return displayed && covered && tilesDone() && !w.isLoading(); }, 300000);
    if (!map->product()) {
        std::fprintf(stderr, "could not open %s\n", qPrintable(path));
        return 1;
    }
    std::printf("product: %d x %d px, window %d x %d, map %d x %d\n", map->product()->width(),
        map->product()->height(), w.width(), w.height(), map->width(), map->height());

    measure(
        "zoom to 1:1 (sharp tiles read)", [&] { map->zoomOneToOne(); }, tilesDone);

    // Drags as a person pans: 5 drags of 400 px in 20 mouse moves each.
    measure(
        "pan: 5 drags of 400 px",
        [&] {
            for (int d = 0; d < 5; ++d) {
                QPoint p = map->rect().center();
                QTest::mousePress(map, Qt::LeftButton, {}, p);
                for (int k = 0; k < 20; ++k) {
                    p += QPoint(d % 2 ? 20 : -20, 10);
                    QMouseEvent move(QEvent::MouseMove, p, map->mapToGlobal(p), Qt::NoButton, Qt::LeftButton,
                        Qt::NoModifier);
                    QApplication::sendEvent(map, &move);
                    settle(16); // ~60 moves a second
                }
                QTest::mouseRelease(map, Qt::LeftButton, {}, p);
            }
        },
        tilesDone);

    // Clicks on the map while a new view's tiles are read (they hold the product's GDAL lock).
    ui::PixelInspector* inspector = w.pixelInspector();
    QSignalSpy shown(inspector, &ui::PixelInspector::shown);
    QElapsedTimer clickToShown;
    double lastClickMs = 0;
    measure(
        "5 inspector clicks during tile reads",
        [&] {
            map->zoomBy(0.5, QPointF(map->width() * 0.8, map->height() * 0.8));
            for (int k = 0; k < 5; ++k) {
                QTest::mouseClick(map, Qt::LeftButton, {}, map->rect().center() + QPoint(10 * k, 5 * k));
                clickToShown.start();
                settle(30);
            }
        },
        [&] {
            if (!shown.isEmpty() && lastClickMs == 0 && !inspector->isBusy())
                lastClickMs = clickToShown.nsecsElapsed() / 1e6;
            return tilesDone() && !inspector->isBusy();
        });
    std::printf("  last click to its values shown: %.0f ms (%d of 5 clicks shown, older ones dropped)\n",
        lastClickMs, static_cast<int>(shown.size()));

    auto* composite = w.findChild<QComboBox*>(QStringLiteral("compositeCombo"));
    displayed = false;
    measure(
        "composite change (new stretch, all tiles)",
        [&] { composite->setCurrentIndex((composite->currentIndex() + 1) % composite->count()); },
        [&] { return displayed && tilesDone(); });

    measure(
        "switch through the 6 tasks",
        [&] {
            for (const QString& id : ui::MainWindow::taskIds()) {
                w.setTask(id);
                settle(50);
            }
            w.setTask(QStringLiteral("train"));
        },
        [] { return true; });

    ui::TrainPanel* train = w.trainPanel();
    ml::TrainOptions o = train->options();
    o.model.kind = ml::ModelKind::Cnn;
    o.preset = QStringLiteral("seed");
    o.epochs = 1;
    o.patch = 64;
    o.maxTrainPatches = 16;
    o.maxValPatches = 8;
    o.out = QDir(outDir).filePath(QStringLiteral("gui_latency.pth"));
    train->setOptions(o);
    bool trained = false;
    QObject::connect(train, &ui::TrainPanel::trainingFinished, [&] { trained = true; });
    measure(
        "tiny training (start to finish)", [&] { train->start(); }, [&] { return trained; }, 300000);

    std::printf("worst event-loop delay over all actions: %.1f ms\n", g_worstOverall);
    return 0;
}
