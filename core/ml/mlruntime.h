// LibTorch's process settings, behind a torch-free header. core/ml registers them with
// initializeRuntime() (core/common/runtime.h), which sets them up.
#pragma once

namespace unclouded {

// Intra-op threads LibTorch uses after initializeRuntime().
int torchThreadCount();
// Threads OpenBLAS may use inside each of them (1 after initializeRuntime(); -1 with another BLAS).
int blasThreadCount();
bool cudaAvailable();
// Whether this CPU computes bfloat16 dot products in hardware (AVX512-BF16 or AMX-BF16, with the
// OS saving AVX-512 state): only then is a bfloat16 network faster than float.
bool cpuHasNativeBFloat16();

} // namespace unclouded

// The symbol the unclouded_core target asks the linker to keep (-Wl,--undefined): its object
// file holds ml's registration with the runtime.
extern "C" const int unclouded_ml_runtime_registered;
