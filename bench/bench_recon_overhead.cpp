// Reconstruction overhead: a whole product rebuilt with a checkpoint (reads, hidden masks, window
// cutting, normalisation, blending, compositing; and once more with the COG written) against the
// model's pure inference on the same number of windows of the same size (forward passes only).
// Alternating, median of N. Usage: bench_recon_overhead PRODUCT CKPT WORK_DIR [N]
#include <algorithm>
#include <cstdio>
#include <random>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include "core/common/runtime.h"
#include "core/io/product.h"
#include "core/ml/training.h"
#include "core/recon/reconstruct.h"

#include "bench/benchutil.h"

using namespace unclouded;

using benchutil::median;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr, "usage: bench_recon_overhead PRODUCT CKPT WORK_DIR [N]\n");
        return 2;
    }
    initializeRuntime();
    const int rounds = argc > 4 ? std::max(1, atoi(argv[4])) : 3;
    try {
        const auto product = Product::open(QString::fromLocal8Bit(argv[1]));
        recon::ReconOptions o;
        o.method = recon::Method::parse(QString::fromLocal8Bit(argv[2]));
        const QString out = QDir(QString::fromLocal8Bit(argv[3])).filePath(QStringLiteral("overhead.tif"));
        const auto net = ml::Network::load(o.method.checkpoint(false));
        const int c = net->config().inChannels(), side = 256; // reconstruct's default model window
        std::vector<float> x(static_cast<size_t>(c) * side * side);
        std::mt19937 rng(1);
        std::normal_distribution<float> n(0, 1);
        for (float& v : x)
            v = n(rng);
        std::vector<double> whole, withFile, pure;
        int windows = 0;
        for (int r = 0; r < rounds; ++r) {
            const recon::ReconStats st
                = recon::reconstruct(*product, o, [](int, int, const auto&, const auto&) {});
            whole.push_back(st.seconds);
            windows = st.windows - st.skipped;
            QElapsedTimer t;
            t.start();
            const recon::ReconStats sf = recon::reconstructToFile(*product, o, out, ExportOptions {});
            withFile.push_back(t.nsecsElapsed() * 1e-9);
            QFile::remove(out);
            QFile::remove(maskSidecarPath(out));
            t.start();
            for (int w = 0; w < windows; ++w)
                net->forward(x, 1, side, side);
            pure.push_back(t.nsecsElapsed() * 1e-9);
            std::printf(
                "round %d: %d windows; inference %.2f s, reconstruct %.2f s, reconstruct + COG %.2f s\n",
                r + 1, windows, pure.back(), whole.back(), withFile.back());
            std::fflush(stdout);
            (void)sf;
        }
        const double p = median(pure), w = median(whole), f = median(withFile);
        std::printf("model inference %.2f s for %d windows of %d px; whole product %.2f s (overhead %.1f "
                    "%%), with the COG written "
                    "%.2f s (%.1f %%); median of %d\n",
            p, windows, side, w, 100 * (w / p - 1), f, 100 * (f / p - 1), rounds);
    } catch (const Error& e) {
        std::fprintf(stderr, "bench_recon_overhead: %s\n", qPrintable(e.message()));
        return 1;
    }
    return 0;
}
