#include "core/common/gdalcache.h"

#include <algorithm>
#include <gdal.h>
#include <mutex>
#include <set>
#include <unistd.h>

#include <QtGlobal>

namespace unclouded {

namespace {

std::mutex g_mutex;
GIntBig g_base = -1; // the size outside jobs while requests are active; -1: none active
std::multiset<qint64> g_requests;

void applyLocked()
{
    if (g_requests.empty()) {
        if (g_base >= 0)
            GDALSetCacheMax64(g_base);
        g_base = -1;
        return;
    }
    GDALSetCacheMax64(std::max<GIntBig>(g_base, *g_requests.rbegin()));
}

qint64 memoryBound()
{
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    // An eighth of the memory, and 1 GiB at most: many dates of a tile (2 x 336 MB each) would
    // otherwise take what a container or the rest of the desktop needs.
    const qint64 eighth = pages > 0 && page > 0 ? static_cast<qint64>(pages) * page / 8 : qint64(1) << 30;
    return std::min(eighth, qint64(1) << 30);
}

} // namespace

int maxGdalCacheMegabytes()
{
    // Half the memory: a stored 999999999 (Preferences' ini edited) became 64 GiB on a 24 GiB machine.
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    const qint64 half = pages > 0 && page > 0 ? static_cast<qint64>(pages) * page / 2 : qint64(65536) << 20;
    return static_cast<int>(std::clamp<qint64>(half >> 20, 16, 65536));
}

void setGdalCacheMegabytes(int megabytes)
{
    const GIntBig bytes = static_cast<GIntBig>(std::clamp(megabytes, 16, maxGdalCacheMegabytes())) << 20;
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_base >= 0) {
        g_base = bytes;
        applyLocked();
    } else {
        GDALSetCacheMax64(bytes);
    }
}

int gdalCacheMegabytes()
{
    std::lock_guard<std::mutex> lock(g_mutex);
    return static_cast<int>((g_base >= 0 ? g_base : GDALGetCacheMax64()) >> 20);
}

GdalCacheAtLeast::GdalCacheAtLeast(qint64 bytes)
    : m_bytes(qEnvironmentVariableIsSet("GDAL_CACHEMAX") ? 0 : std::min(bytes, memoryBound()))
{
    if (m_bytes <= 0)
        return;
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_base < 0)
        g_base = GDALGetCacheMax64();
    g_requests.insert(m_bytes);
    applyLocked();
}

GdalCacheAtLeast::~GdalCacheAtLeast()
{
    if (m_bytes <= 0)
        return;
    std::lock_guard<std::mutex> lock(g_mutex);
    g_requests.erase(g_requests.find(m_bytes));
    applyLocked();
}

qint64 GdalCacheAtLeast::currentBytes()
{
    return GDALGetCacheMax64();
}

} // namespace unclouded
