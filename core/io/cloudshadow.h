// Cloud shadows where a cloud mask marks none (Sentinel-2's MSK_CLASSI_B00 and MSK_CLOUDS_B00): the
// ground the clouds could shade given the sun's position, kept where it is dark against clear ground
// nearby. The same two tests as Sen2Cor's and Fmask's shadow steps, without their per-cloud height
// search: on ESA's T29UNU (2022-10-05, 60 m, SCL's shadows as truth) the swept zone of 100-5000 m
// cloud heights with a relative darkness test found 80 % of SCL's shadow at 92 % precision, where a
// best single height per cloud found 11-45 % (bench/results/cloud-shadows.md).
#pragma once

#include <cstdint>
#include <vector>

namespace unclouded {

struct ShadowGeometry
{
    // The grid's linear part in metres: east = a*col + b*row, north = c*col + d*row (a GDAL
    // geotransform's [1], [2], [4], [5] times the CRS's metres per unit).
    double a = 60, b = 0, c = 0, d = -60;
    double sunZenithDeg = 45, sunAzimuthDeg = 180; // azimuth clockwise from north
    double minCloudHeightM = 100, maxCloudHeightM = 5000;
    double darkRatio = 0.6; // NIR (and SWIR) below this share of clear ground's nearby is dark
    double neighbourhoodM = 2000; // the scale of "nearby" (a Gaussian's sigma)
};

// codes: SCL-like class codes on a w x h grid (0 nodata; 8, 9, 10 clouds cast shadows); nir, green
// and swir (B11; null when the product has none): reflectance on the same grid, NaN where unknown.
// Dark is dark in NIR and SWIR alike: bare soil beside green fields is dark in NIR only. Returns 1
// where a shadow is estimated (never on a cloud, nodata or water, where green is brighter than NIR),
// else 0. Empty when the sun is too low (zenith above 80 degrees) for a shadow to be placed.
std::vector<uint8_t> estimateCloudShadows(const uint8_t* codes, const float* nir, const float* green,
    const float* swir, int w, int h, const ShadowGeometry& g);

} // namespace unclouded
