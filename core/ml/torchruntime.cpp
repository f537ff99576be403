#include <cstdlib>
#include <dlfcn.h>
#include <thread>
#include <torch/torch.h>

#include "core/ml/torchruntime_p.h"

namespace unclouded::ml {

void configureTorchThreads()
{
    // Debian's torch starts with one intra-op thread; use every core, or UNCLOUDED_THREADS (parallel
    // workers of a batch, or a machine shared with other work: OpenMP threads that wait on busy
    // cores spin, and training slows several times).
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    unsigned n = cores;
    // Never more than the cores: 10000 threads on 2 cores made one training step 40x slower.
    if (const char* env = std::getenv("UNCLOUDED_THREADS"); env && std::atoi(env) > 0)
        n = std::min(static_cast<unsigned>(std::atoi(env)), cores);
    torch::set_num_threads(static_cast<int>(n));
    // LibTorch already splits convolutions across its OpenMP threads; OpenBLAS (pthread build) would
    // start its own pool inside each of them and the two fight over the cores (measured on 2 cores:
    // CNN steps 3.3x, U-Net steps 1.36x faster with one BLAS thread). Looked up at run time so any
    // BLAS works; a user's OPENBLAS_NUM_THREADS wins.
    if (!std::getenv("OPENBLAS_NUM_THREADS"))
        if (auto* setThreads
            = reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
            setThreads(1);
}

int blasThreads()
{
    if (auto* getThreads = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads")))
        return getThreads();
    return -1;
}

int torchThreads()
{
    return torch::get_num_threads();
}

QString torchVersion()
{
    return QStringLiteral("%1.%2.%3")
        .arg(TORCH_VERSION_MAJOR)
        .arg(TORCH_VERSION_MINOR)
        .arg(TORCH_VERSION_PATCH);
}

bool cudaAvailable()
{
    try {
        return torch::cuda::is_available();
    } catch (const c10::Error&) {
        return false;
    }
}

} // namespace unclouded::ml
