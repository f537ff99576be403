// Viewer figures (issue 4): time to the first full-extent picture of a product, time to draw a
// 1920x1080 view from cached tiles, GUI event-loop latency while tiles render, peak memory.
// Median of repeated runs; prints one line per figure.
#include <algorithm>
#include <cstdio>
#include <vector>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTimer>

#include "core/common/runtime.h"
#include "core/io/product.h"
#include "ui/mapview.h"
#include "ui/rendering.h"

using namespace unclouded;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

long peakRssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    f.open(QIODevice::ReadOnly);
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    return -1;
}

// Largest delay of a 5 ms timer while `work` runs the event loop.
struct LatencyProbe
{
    QTimer timer;
    QElapsedTimer clock;
    double worst = 0;
    LatencyProbe()
    {
        timer.setInterval(5);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            worst = std::max(worst, clock.nsecsElapsed() / 1e6 - 5.0);
            clock.restart();
        });
    }
    void start()
    {
        worst = 0;
        clock.start();
        timer.start();
    }
    void stop() { timer.stop(); }
};

double g_worstGrabMs = 0;

void timedGrab(ui::MapView& map)
{
    QElapsedTimer t;
    t.start();
    map.grab();
    g_worstGrabMs = std::max(g_worstGrabMs, t.nsecsElapsed() / 1e6);
}

bool waitSettled(ui::MapView& map, int timeoutMs = 120000)
{
    // grab() runs paintEvent even offscreen: it draws what is cached and asks for the rest.
    QElapsedTimer t;
    t.start();
    timedGrab(map);
    QSignalSpy spy(&map, &ui::MapView::tilesSettled);
    while (map.pendingTiles() > 0 && t.elapsed() < timeoutMs) {
        spy.wait(20);
        if (map.pendingTiles() == 0)
            timedGrab(map); // anything still missing (a tile dropped as stale) is asked for again
    }
    return map.pendingTiles() == 0;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_viewer PRODUCT [REPEATS]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int repeats = argc > 2 ? std::max(1, atoi(argv[2])) : 5;
    initializeRuntime();

    std::vector<double> openMs, stretchMs, firstMs, cachedMs, panMs, latencyMs;
    for (int r = 0; r < repeats; ++r) {
        ui::MapView map;
        map.resize(1920, 1080);
        map.show();
        LatencyProbe probe;
        QElapsedTimer t;
        t.start();
        auto product = Product::open(path);
        openMs.push_back(t.nsecsElapsed() / 1e6);
        QElapsedTimer ts;
        ts.start();
        ui::RenderParams params;
        params.stretch = ui::computeStretch(*product, params);
        stretchMs.push_back(ts.nsecsElapsed() / 1e6);
        probe.start();
        map.setProduct(product);
        map.setRenderParams(params);
        if (!waitSettled(map))
            std::fprintf(stderr, "tiles did not settle\n");
        firstMs.push_back(t.nsecsElapsed() / 1e6);
        probe.stop();
        double worst = probe.worst;
        // Drawing the same view again: every tile comes from the cache.
        for (int k = 0; k < 10; ++k) {
            QElapsedTimer tc;
            tc.start();
            map.grab();
            cachedMs.push_back(tc.nsecsElapsed() / 1e6);
        }
        // Zoom onto a field at 1:1 and wait for the sharp tiles.
        probe.start(); // only while the event loop runs: the timed repaints above block it on purpose
        QElapsedTimer tp;
        tp.start();
        map.zoomBy(1.0 / map.scale(), QPointF(700 + 100 * r, 400));
        waitSettled(map);
        panMs.push_back(tp.nsecsElapsed() / 1e6);
        probe.stop();
        latencyMs.push_back(std::max(worst, probe.worst));
    }
    const auto& info = Product::open(path)->info();
    std::printf("product: %s (%d x %d at 10 m)\n", qPrintable(info.productName), info.width, info.height);
    std::printf("repeats: %d (first run reads cold files; medians below)\n", repeats);
    std::printf("open product (metadata, band probe):        %8.1f ms\n", median(openMs));
    std::printf("2-98 %% stretch from overviews:              %8.1f ms\n", median(stretchMs));
    std::printf("first full-extent picture (open..settled):  %8.1f ms\n", median(firstMs));
    std::printf("draw 1920x1080 view from cached tiles:      %8.2f ms\n", median(cachedMs));
    std::printf("zoom to 1:1 and render sharp tiles:         %8.1f ms\n", median(panMs));
    std::printf("worst GUI event-loop delay while rendering: %8.1f ms\n", median(latencyMs));
    std::printf("slowest paint (tiles missing, fallbacks):   %8.1f ms\n", g_worstGrabMs);
    std::printf("peak RSS:                                   %8.1f MiB\n", peakRssKiB() / 1024.0);
    return 0;
}
