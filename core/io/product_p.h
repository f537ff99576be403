// What the SAFE reader, the GeoTIFF reader and Product share: the open datasets and, per band, where
// its pixels are and how DN become reflectance. Private to core/io.
#pragma once

#include <memory>
#include <mutex>
#include <ogr_spatialref.h>
#include <vector>

#include "core/io/gdal_p.h"
#include "core/io/product.h"

namespace unclouded {

struct BandSource
{
    GDALRasterBand* band = nullptr;
    int factor = 1; // native pixel = factor x factor 10 m pixels
    double offset = 0, scale = 1e-4;
    bool integerNodataZero = true;
    bool hasNodata = false;
    double nodata = 0;
};

struct Product::Impl
{
    ProductInfo info;
    std::vector<io::DatasetPtr> datasets;
    std::vector<BandSource> bands; // aligned with info.bands
    BandSource classes;
    bool classesBinary = false;
    mutable std::mutex mutex; // GDAL handles
    mutable std::mutex transformMutex; // the coordinate transform, kept apart so the status bar
                                       // never waits behind a tile read holding `mutex`
    std::unique_ptr<OGRCoordinateTransformation> toWgs84;

    GDALDataset* keep(io::DatasetPtr ds)
    {
        datasets.push_back(std::move(ds));
        return datasets.back().get();
    }
    void openSafe(const QString& path);
    void openGeoTiff(const QString& path);
    void openMask(const QString& path, MaskKind kind);
    void setCrs(const OGRSpatialReference& srs)
    {
        char* wkt = nullptr;
        srs.exportToWkt(&wkt);
        info.crsWkt = QString::fromUtf8(wkt);
        CPLFree(wkt);
        info.epsg = QString::fromLatin1(srs.GetAuthorityCode(nullptr)).toInt();
        info.georeferenced = true;
    }
    void probe();
    void convert(const BandSource& s, float* v, size_t n) const;
    void readNative(const BandSource& s, int x, int y, int w, int h, float* out) const;
};

} // namespace unclouded
