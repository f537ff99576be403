#include "core/common/gdalcache.h"

#include <algorithm>
#include <gdal.h>

namespace unclouded {

void setGdalCacheMegabytes(int megabytes)
{
    GDALSetCacheMax64(static_cast<GIntBig>(std::clamp(megabytes, 16, 65536)) << 20);
}

int gdalCacheMegabytes()
{
    return static_cast<int>(GDALGetCacheMax64() >> 20);
}

} // namespace unclouded
