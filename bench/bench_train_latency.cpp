// GUI responsiveness while training (issue 5): the Training panel runs a U-Net on a worker
// thread; a 5 ms timer on the GUI thread records how late it fires. Prints the median over
// runs of the worst delay and of the 99th percentile.
#include <algorithm>
#include <cstdio>

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTimer>

#include "core/common/runtime.h"
#include "ui/qcp.h"
#include "ui/trainpanel.h"

using namespace unclouded;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_train_latency PRODUCT OUT_DIR [SECONDS] [RUNS]\n");
        return 2;
    }
    initializeRuntime();
    const QString product = QString::fromLocal8Bit(argv[1]);
    const QString out = QString::fromLocal8Bit(argv[2]);
    const int seconds = argc > 3 ? atoi(argv[3]) : 20, runs = argc > 4 ? atoi(argv[4]) : 3;
    std::vector<double> worst, p99;
    for (int r = 0; r < runs; ++r) {
        ui::TrainPanel panel;
        panel.resize(1200, 400);
        panel.show();
        panel.setProducts({ product }, 0);
        ml::TrainOptions o;
        o.model.kind = ml::ModelKind::UNet;
        o.epochs = 100;
        o.maxTrainPatches = 64;
        o.out = out + QStringLiteral("/latency_unet.pth");
        panel.setOptions(o);
        QSignalSpy epochs(&panel, &ui::TrainPanel::epochFinished);
        panel.start();
        std::vector<double> delays;
        QElapsedTimer clock, total;
        QTimer timer;
        timer.setInterval(5);
        QObject::connect(&timer, &QTimer::timeout, [&] {
            delays.push_back(clock.nsecsElapsed() / 1e6 - 5.0);
            clock.restart();
        });
        // Measure once batches run (patch collection happens first, also off the GUI thread).
        QEventLoop wait;
        QTimer::singleShot(3000, &wait, &QEventLoop::quit);
        wait.exec();
        clock.start();
        total.start();
        timer.start();
        while (total.elapsed() < seconds * 1000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        timer.stop();
        const int batches = panel.plot()->graph(0)->dataCount(); // training batches seen while measuring
        panel.stop();
        QSignalSpy done(&panel, &ui::TrainPanel::trainingFinished);
        done.wait(120000);
        std::sort(delays.begin(), delays.end());
        worst.push_back(delays.empty() ? 0 : delays.back());
        p99.push_back(delays.empty() ? 0 : delays[delays.size() * 99 / 100]);
        std::printf(
            "run %d: %zu timer ticks, worst delay %.1f ms, 99th percentile %.1f ms, %d batches trained\n",
            r + 1, delays.size(), worst.back(), p99.back(), batches);
    }
    std::sort(worst.begin(), worst.end());
    std::sort(p99.begin(), p99.end());
    std::printf(
        "GUI event-loop delay while training (median of %d runs): worst %.1f ms, 99th percentile %.1f ms\n",
        runs, worst[worst.size() / 2], p99[p99.size() / 2]);
    return 0;
}
