// GDAL's block cache, sized at run time (the Preferences dialog): initializeRuntime() caps it at
// 256 MiB unless GDAL_CACHEMAX is set; these change it for the rest of the process.
#pragma once

namespace unclouded {

constexpr int kDefaultGdalCacheMb = 256;

void setGdalCacheMegabytes(int megabytes); // clamped to 16 .. 65536
int gdalCacheMegabytes();

} // namespace unclouded
