#include "core/ml/mlruntime.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

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

bool cpuHasNativeBFloat16()
{
#if defined(__x86_64__) || defined(__i386__)
    // __builtin_cpu_supports checks the OS too (XCR0); the BF16 bits come from CPUID leaf 7.
    if (!__builtin_cpu_supports("avx512f"))
        return false;
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid_count(7, 1, &a, &b, &c, &d))
        return false;
    const bool avx512bf16 = a & (1u << 5);
    __get_cpuid_count(7, 0, &a, &b, &c, &d);
    const bool amxbf16 = d & (1u << 22);
    return avx512bf16 || amxbf16;
#else
    return false;
#endif
}

} // namespace unclouded
