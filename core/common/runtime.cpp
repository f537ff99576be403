#include "core/common/runtime.h"

#include "core/common/version.h"
#include "core/ml/torchruntime_p.h"

#include <gdal.h>
#include <opencv2/core/version.hpp>

#include <QtGlobal>

#include <mutex>

namespace unclouded {

QString applicationVersion()
{
    return QStringLiteral(UNCLOUDED_VERSION);
}

void initializeRuntime()
{
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // GDAL's block cache defaults to 5 % of RAM (1.2 GiB on a 24 GiB machine): reads and writes
        // stream window by window, so a bounded cache keeps whole-tile jobs under 2 GiB.
        if (!qEnvironmentVariableIsSet("GDAL_CACHEMAX"))
            GDALSetCacheMax64(256LL << 20);
        ml::configureTorchThreads();
    });
}

LibraryVersions libraryVersions()
{
    LibraryVersions v;
    v.qt = QString::fromLatin1(qVersion());
    v.gdal = QString::fromLatin1(GDALVersionInfo("RELEASE_NAME"));
    v.torch = ml::torchVersion();
    v.opencv = QStringLiteral(CV_VERSION);
    return v;
}

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
