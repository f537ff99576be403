// LibTorch's process settings, behind a torch-free header. core/ml registers them with
// initializeRuntime() (core/common/runtime.h), which sets them up.
#pragma once

namespace unclouded {

// Intra-op threads LibTorch uses after initializeRuntime().
int torchThreadCount();
// Threads OpenBLAS may use inside each of them (1 after initializeRuntime(); -1 with another BLAS).
int blasThreadCount();
bool cudaAvailable();

} // namespace unclouded

// The symbol the unclouded_core target asks the linker to keep (-Wl,--undefined): its object
// file holds ml's registration with the runtime.
extern "C" const int unclouded_ml_runtime_registered;
