#include "core/ml/torchruntime_p.h"

#include <torch/torch.h>

#include <thread>

namespace unclouded::ml {

void configureTorchThreads()
{
    // Debian's torch starts with one intra-op thread; use every core.
    const unsigned n = std::max(1u, std::thread::hardware_concurrency());
    torch::set_num_threads(static_cast<int>(n));
}

int torchThreads()
{
    return torch::get_num_threads();
}

QString torchVersion()
{
    return QStringLiteral("%1.%2.%3").arg(TORCH_VERSION_MAJOR).arg(TORCH_VERSION_MINOR).arg(TORCH_VERSION_PATCH);
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
