// Training throughput of the app's networks (LibTorch C++): patches/s for one Adam step on a
// batch of 4 patches of 128 px with 13 bands (+ mask), median of repeated timings. JSON out.
#include <algorithm>
#include <cstdio>
#include <random>

#include <QElapsedTimer>

#include "core/common/runtime.h"
#include "core/ml/mlruntime.h"
#include "core/ml/training.h"

using namespace unclouded;

int main(int argc, char** argv)
{
    initializeRuntime();
    const int batch = 4, patch = 128, bands = 13, steps = argc > 1 ? std::atoi(argv[1]) : 5, repeats = 5;
    std::printf("{\"threads\": %d", torchThreadCount());
    for (ml::ModelKind kind : { ml::ModelKind::Cnn, ml::ModelKind::UNet }) {
        ml::ModelConfig c;
        c.kind = kind;
        c.bands = bands;
        c.width = 32;
        c.depth = 4;
        auto net = ml::Network::create(c, 1);
        std::mt19937 rng(1);
        std::normal_distribution<float> nd;
        std::vector<float> in(static_cast<size_t>(batch) * c.inChannels() * patch * patch),
            target(static_cast<size_t>(batch) * bands * patch * patch);
        std::vector<uint8_t> mask(static_cast<size_t>(batch) * patch * patch);
        for (float& v : in)
            v = nd(rng);
        for (float& v : target)
            v = nd(rng);
        for (size_t k = 0; k < mask.size(); ++k)
            mask[k] = (k / patch) % patch > patch / 2;
        net->fitBatch(in, target, mask, batch, patch, patch, 2, 5e-5); // warm-up
        std::vector<double> rates;
        for (int r = 0; r < repeats; ++r) {
            QElapsedTimer t;
            t.start();
            net->fitBatch(in, target, mask, batch, patch, patch, steps, 5e-5);
            rates.push_back(batch * steps / (t.nsecsElapsed() / 1e9));
        }
        std::sort(rates.begin(), rates.end());
        std::printf(", \"%s_patches_per_s\": %.3f", qPrintable(ml::modelName(kind)), rates[rates.size() / 2]);
    }
    std::printf("}\n");
    return 0;
}
