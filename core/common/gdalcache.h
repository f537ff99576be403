// GDAL's block cache, sized at run time (the Preferences dialog): initializeRuntime() caps it at
// 384 MiB unless GDAL_CACHEMAX is set; these change it for the rest of the process.
#pragma once

namespace unclouded {

// A whole tile's strips straddle two rows of 1024 px JP2 blocks (12 bands: about 170 MB a row):
// at 256 MiB they were decoded again for the next strip (#18: the network 1.2x slower beside them).
constexpr int kDefaultGdalCacheMb = 384;

void setGdalCacheMegabytes(int megabytes); // clamped to 16 .. 65536
int gdalCacheMegabytes();

} // namespace unclouded
