// Process-wide set-up of the libraries core wraps (GDAL drivers and cache; LibTorch's threads through
// the module core/ml registers).
#pragma once

#include <QString>

namespace unclouded {

QString applicationVersion();

struct LibraryVersions
{
    QString qt;
    QString gdal;
    QString torch;
    QString opencv;
};

// Registers GDAL drivers, caps GDAL's block cache, then runs every registered module's set-up (ml:
// LibTorch intra-op threads = cores, one OpenBLAS thread each). Idempotent, thread-safe.
void initializeRuntime();
LibraryVersions libraryVersions();

// Set-up a library above common needs once per process. common cannot call up into ml (the
// libraries link one way), so ml registers itself from a static initialiser; the unclouded_core
// target makes the linker keep that object.
struct RuntimeModule
{
    void (*initialize)() = nullptr;
    void (*describe)(LibraryVersions& versions) = nullptr;
};
// Before main() only (static initialisers run single-threaded); at most a few modules.
void registerRuntimeModule(const RuntimeModule& module);

} // namespace unclouded
