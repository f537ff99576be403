// Writes realistic Sentinel-2 products (SAFE folder, optional .zip) that GDAL's SENTINEL2 driver
// opens as the real thing, plus the cloud-free truth on the same grid. Memory is bounded by a
// strip of rows, whatever the size; the same options and seed give byte-identical files.
#pragma once

#include <array>
#include <optional>

#include <QString>

#include "core/common/progress.h"

namespace unclouded {

enum class ProcessingLevel { L1C, L2A };

struct SampleOptions
{
    QString outDir;
    ProcessingLevel level = ProcessingLevel::L2A;
    int size = 1200; // 10 m pixels per side, a multiple of 6 (10980 = a full tile)
    quint64 seed = 1;
    double cloudCover = 0.3; // requested share of cloud + cirrus (SCL 8, 9, 10)
    bool zip = false; // also write the product as a .zip
    bool referenceDate = false; // also write a clear product of the same tile at another date
    double nodataEdge = 0.0; // share of the width lost to a diagonal swath edge (SCL 0)
};

// Returns an empty string when the options are usable, else what is wrong.
QString validateSampleOptions(const SampleOptions& options);

struct SampleProduct
{
    QString productName; // S2B_MSIL2A_..._T33UUU_...
    QString safePath; // .../<productName>.SAFE
    QString zipPath; // empty unless zip was asked for
    QString truthPath; // cloud-free reflectance, 10 m grid, GeoTIFF
    QString sclPath; // L1C only: the SCL the product would have, as a 20 m GeoTIFF
    QString parcelsPath; // main date only: parcels.gpkg (id, crop, area_ha), the crop parcels drawn
    QString sensingTime; // ISO 8601
    QString tileId = QStringLiteral("T33UUU");
    int epsg = 32633;
    double ulx = 0, uly = 0;
    int size = 0;
    double sunZenith = 0, sunAzimuth = 0;
    // From the 20 m SCL actually written: percent of valid pixels per class (class 0: of all pixels).
    std::array<double, 12> sclPercent {};
    std::array<qint64, 12> sclCount {};
    double cloudCoverPercent = 0; // classes 8, 9, 10; what the MTD states
};

struct SampleReport
{
    SampleProduct main;
    std::optional<SampleProduct> reference;
    QString reportPath; // sample.json beside the products
};

// Throws Error (bad options, unwritable folder, full disk) or Cancelled; leaves no partial product.
SampleReport generateSample(const SampleOptions& options, const Progress& progress = {});

} // namespace unclouded
