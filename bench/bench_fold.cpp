// Inference with BatchNorm folded into the convolutions against the plain network (issue #18):
// the same checkpoint and input, forward passes of N windows, alternating, median of R rounds.
// Usage: bench_fold CKPT [ROUNDS] [SIDE] [SAMPLES]   (default: 7 rounds, 256 px, 13 samples = one
// window of a 13-band product through a per-band general model)
#include <cstdio>
#include <random>

#include <QCoreApplication>
#include <QElapsedTimer>

#include "core/common/error.h"
#include "core/common/runtime.h"
#include "core/ml/training.h"

#include "benchutil.h"

using namespace unclouded;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_fold CKPT [ROUNDS] [SIDE] [SAMPLES]\n");
        return 2;
    }
    initializeRuntime();
    const int rounds = argc > 2 ? atoi(argv[2]) : 7, side = argc > 3 ? atoi(argv[3]) : 256,
              n = argc > 4 ? atoi(argv[4]) : 13;
    try {
        const auto net = ml::Network::load(QString::fromLocal8Bit(argv[1]));
        std::vector<float> x(static_cast<size_t>(n) * net->config().inChannels() * side * side);
        std::mt19937 rng(1);
        std::normal_distribution<float> g(0, 1);
        for (float& v : x)
            v = g(rng);
        std::vector<double> plain, folded;
        for (int r = -1; r < rounds; ++r) { // round -1 warms up both
            for (bool fold : { false, true }) {
                net->setFoldBatchNorm(fold);
                QElapsedTimer t;
                t.start();
                net->forward(x, n, side, side);
                if (r >= 0)
                    (fold ? folded : plain).push_back(t.nsecsElapsed() * 1e-9);
            }
        }
        const double p = benchutil::median(plain), f = benchutil::median(folded);
        std::printf("%d x %d px x %d samples: plain %.3f s, folded %.3f s, speed-up %.2fx (median of %d, "
                    "alternating)\n",
            side, side, n, p, f, p / f, rounds);
    } catch (const Error& e) {
        std::fprintf(stderr, "bench_fold: %s\n", qPrintable(e.message()));
        return 1;
    }
    return 0;
}
