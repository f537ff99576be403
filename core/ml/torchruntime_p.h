// LibTorch process settings, behind a torch-free header.
#pragma once

#include <QString>

namespace unclouded::ml {

void configureTorchThreads();
int torchThreads();
QString torchVersion();
bool cudaAvailable();

} // namespace unclouded::ml
