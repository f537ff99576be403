#include "core/common/runtime.h"

#include <array>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <malloc.h>
#include <mutex>
#include <opencv2/core/version.hpp>
#include <utility>

#include <QtGlobal>

#include "core/common/gdalcache.h"
#include "core/common/version.h"

namespace unclouded {

namespace {

// Constant-initialised, so registration from another library's static initialiser is safe
// whatever the order of initialisation.
constexpr int kMaxModules = 4;
std::array<RuntimeModule, kMaxModules> g_modules {};
int g_moduleCount = 0;

} // namespace

QString applicationVersion()
{
    return QStringLiteral(UNCLOUDED_VERSION);
}

void registerRuntimeModule(const RuntimeModule& module)
{
    Q_ASSERT(g_moduleCount < kMaxModules);
    if (g_moduleCount < kMaxModules)
        g_modules[g_moduleCount++] = module;
}

void initializeRuntime()
{
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // GDAL's messages reach users inside our errors (the last message is kept whatever the
        // handler); its default handler printed them raw on stderr as well ("ERROR 1:
        // _tiffWriteProc..."), from writer threads where QuietGdalErrors (per thread) is not in force.
        // CPL_DEBUG set keeps GDAL's own output for debugging.
        if (!qEnvironmentVariableIsSet("CPL_DEBUG"))
            CPLSetErrorHandler(CPLQuietErrorHandler);
        // GDAL's block cache defaults to 5 % of RAM (1.2 GiB on a 24 GiB machine): reads and writes
        // stream window by window, so a bounded cache keeps whole-tile jobs under 2 GiB.
        if (!qEnvironmentVariableIsSet("GDAL_CACHEMAX"))
            GDALSetCacheMax64(static_cast<GIntBig>(kDefaultGdalCacheMb) << 20);
        // /vsicurl/ (remote COGs of a STAC item) waits for ever by default: a server that never
        // answers, or trickles, held an open or a read with no end. A minute under 512 bytes a second
        // fails it, as the STAC downloads do (an environment setting wins).
        for (const auto& [key, value] :
            { std::pair { "GDAL_HTTP_CONNECTTIMEOUT", "30" }, std::pair { "GDAL_HTTP_LOW_SPEED_TIME", "60" },
                std::pair { "GDAL_HTTP_LOW_SPEED_LIMIT", "512" } })
            if (!CPLGetConfigOption(key, nullptr))
                CPLSetConfigOption(key, value);
        // Network activations (tens of MiB each, allocated and freed per layer) would otherwise
        // each be a fresh mmap, page-faulted in and unmapped again: measured on the demo with the
        // general model, 11 s of 41 s were spent in the kernel. Allocations up to 32 MiB (glibc's
        // largest threshold) come from the heap, and freed memory is kept for the next window.
        if (!qEnvironmentVariableIsSet("GLIBC_TUNABLES")) {
            mallopt(M_MMAP_THRESHOLD, 32 << 20);
            mallopt(M_TRIM_THRESHOLD, 512 << 20);
        }
        for (int i = 0; i < g_moduleCount; ++i)
            if (g_modules[i].initialize)
                g_modules[i].initialize();
    });
}

LibraryVersions libraryVersions()
{
    LibraryVersions v;
    v.qt = QString::fromLatin1(qVersion());
    v.gdal = QString::fromLatin1(GDALVersionInfo("RELEASE_NAME"));
    v.opencv = QStringLiteral(CV_VERSION);
    for (int i = 0; i < g_moduleCount; ++i)
        if (g_modules[i].describe)
            g_modules[i].describe(v);
    return v;
}

} // namespace unclouded
