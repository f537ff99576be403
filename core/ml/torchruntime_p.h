// LibTorch process settings, behind a torch-free header.
#pragma once

#include <QString>

namespace unclouded::ml {

void configureTorchThreads();
int torchThreads();
int blasThreads(); // OpenBLAS threads, -1 with another BLAS
QString torchVersion();
bool cudaAvailable();

} // namespace unclouded::ml
