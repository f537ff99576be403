// Process-wide set-up of the libraries core wraps (GDAL drivers, LibTorch threads).
#pragma once

#include <QString>

namespace unclouded {

QString applicationVersion();

// Registers GDAL drivers and sets LibTorch intra-op threads to the core count. Idempotent, thread-safe.
void initializeRuntime();

struct LibraryVersions
{
    QString qt;
    QString gdal;
    QString torch;
    QString opencv;
};
LibraryVersions libraryVersions();

// Intra-op threads LibTorch uses after initializeRuntime().
int torchThreadCount();
// Threads OpenBLAS may use inside each of them (1 after initializeRuntime(); -1 with another BLAS).
int blasThreadCount();
bool cudaAvailable();

} // namespace unclouded
