// The generator's parcel boundaries: every crop parcel it drew, as a GeoPackage a farmer's boundary
// file would be (id, crop, area), so tests and the demo have real boundaries with known crops.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include <QString>

#include "core/io/gdal_p.h"
#include "core/sample/landscape_p.h"

namespace unclouded::sample {

class ParcelWriter
{
public:
    // A temporary id raster in tmpDir on the 10 m grid of the product (size px, origin ulx, uly).
    ParcelWriter(const QString& tmpDir, int size, int epsg, double ulx, double uly);
    // Rows y0.. of the scene: parcels numbered 1, 2... in the order they are first met.
    void addStrip(int y0, const Strip& strip);
    // Polygons from the id raster (pixel edges), one feature per parcel; written atomically.
    void finish(const QString& gpkgPath);
    int parcels() const { return static_cast<int>(m_crop.size()); }

private:
    io::DatasetPtr m_ids;
    int m_size, m_epsg;
    std::unordered_map<uint64_t, int32_t> m_idOf;
    std::vector<uint8_t> m_crop; // per id - 1
};

} // namespace unclouded::sample
