// Inference throughput of one checkpoint in this process, for bench_infer_vs_pytorch.sh (issue #18):
// REPS forward passes of SAMPLES x inChannels x SIDE x SIDE after one warm-up pass, on the input the
// Python side builds too (x[k] = (k % 7) * 0.1). Prints the median seconds, Mpx/s and the output
// sum. VARIANT: folded (what reconstruct uses) or plain (BatchNorm unfolded), each with a layout
// appended (-cl channels-last, -nchw, -layer per layer; none: the CPU's default), -bf16 for a
// bfloat16 body and -padN for channels padded to a multiple of N (-pad1: none; without it, the
// CPU's default); GROUP_MIB as forward().
// Usage: bench_infer CKPT SIDE SAMPLES REPS [VARIANT] [GROUP_MIB]
#include <cstdio>
#include <cstring>

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
    if (argc < 5) {
        std::fprintf(stderr, "usage: bench_infer CKPT SIDE SAMPLES REPS [VARIANT] [GROUP_MIB]\n");
        return 2;
    }
    initializeRuntime();
    const int side = atoi(argv[2]), n = atoi(argv[3]), reps = std::max(1, atoi(argv[4]));
    const char* variant = argc > 5 ? argv[5] : "folded";
    try {
        const auto net = ml::Network::load(QString::fromLocal8Bit(argv[1]));
        net->setFoldBatchNorm(std::strncmp(variant, "folded", 6) == 0);
        // Layout: -cl (channels-last), -nchw, -layer (per layer); none: the app's default for this CPU.
        if (std::strstr(variant, "-cl"))
            net->setLayout(ml::Network::Layout::ChannelsLast);
        else if (std::strstr(variant, "-nchw"))
            net->setLayout(ml::Network::Layout::Contiguous);
        else if (std::strstr(variant, "-layer"))
            net->setLayout(ml::Network::Layout::PerLayer);
        net->setBFloat16(std::strstr(variant, "-bf16") != nullptr);
        if (const char* pad = std::strstr(variant, "-pad"))
            net->setChannelMultiple(atoi(pad + 4));
        if (argc > 6)
            net->setGroupMiB(atoi(argv[6]));
        std::vector<float> x(static_cast<size_t>(n) * net->config().inChannels() * side * side);
        for (size_t k = 0; k < x.size(); ++k)
            x[k] = float(k % 7) * 0.1f;
        double sum = 0;
        for (float v : net->forward(x, n, side, side)) // warm-up (and the fold)
            sum += v;
        std::vector<double> t;
        for (int r = 0; r < reps; ++r) {
            QElapsedTimer e;
            e.start();
            net->forward(x, n, side, side);
            t.push_back(e.nsecsElapsed() * 1e-9);
        }
        const double m = benchutil::median(t);
        std::printf(
            "{\"impl\": \"cpp\", \"variant\": \"%s\", \"seconds\": %.4f, \"mpx_s\": %.4f, \"sum\": %.6g}\n",
            variant, m, double(n) * side * side / m / 1e6, sum);
    } catch (const Error& e) {
        std::fprintf(stderr, "bench_infer: %s\n", qPrintable(e.message()));
        return 1;
    }
    return 0;
}
