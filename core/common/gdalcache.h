// GDAL's block cache, sized at run time (the Preferences dialog): initializeRuntime() caps it at
// 384 MiB unless GDAL_CACHEMAX is set; these change it for the rest of the process.
#pragma once

#include <QtGlobal>

namespace unclouded {

// A whole tile's strips straddle two rows of 1024 px JP2 blocks (12 bands: about 170 MB a row):
// at 256 MiB they were decoded again for the next strip (#18: the network 1.2x slower beside them).
constexpr int kDefaultGdalCacheMb = 384;

int maxGdalCacheMegabytes(); // half the machine's memory (16 .. 65536)
void setGdalCacheMegabytes(int megabytes); // clamped to 16 .. that; the size outside jobs
int gdalCacheMegabytes(); // that size (a GdalCacheAtLeast may hold more meanwhile)

// While it lives, GDAL's cache holds at least `bytes`, bounded by an eighth of the machine's
// memory and by 1 GiB: a job reading several dates top to bottom then decodes each of their blocks once (two
// dates of a tile need about 700 MB; at 384 MiB a 1024-row strip of temporal fill took 45 s
// instead of 31). Nothing changes where GDAL_CACHEMAX is set. Jobs may overlap: the largest
// request holds until the last one ends, then the size outside jobs returns.
class GdalCacheAtLeast
{
public:
    explicit GdalCacheAtLeast(qint64 bytes);
    ~GdalCacheAtLeast();
    GdalCacheAtLeast(const GdalCacheAtLeast&) = delete;
    GdalCacheAtLeast& operator=(const GdalCacheAtLeast&) = delete;

    static qint64 currentBytes(); // GDAL's cache size now

private:
    qint64 m_bytes;
};

} // namespace unclouded
