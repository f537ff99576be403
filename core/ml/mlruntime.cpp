#include "core/ml/mlruntime.h"

#include "core/common/runtime.h"
#include "core/ml/torchruntime_p.h"

extern "C" const int unclouded_ml_runtime_registered = [] {
    unclouded::registerRuntimeModule({ &unclouded::ml::configureTorchThreads,
        [](unclouded::LibraryVersions& v) { v.torch = unclouded::ml::torchVersion(); } });
    return 1;
}();

namespace unclouded {

int blasThreadCount()
{
    initializeRuntime();
    return ml::blasThreads();
}

int torchThreadCount()
{
    return ml::torchThreads();
}

bool cudaAvailable()
{
    return ml::cudaAvailable();
}

} // namespace unclouded
