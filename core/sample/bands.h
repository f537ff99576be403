// Sentinel-2 MSI band table (ESA S2 MSI User Guide; central wavelengths of S2B as in MTD files).
#pragma once

#include <array>

namespace unclouded {

struct S2Band
{
    const char* name;      // file-name form: B01 ... B8A ... B12
    const char* gdalName;  // GDAL's BANDNAME form: B1 ... B8A ... B12
    int resolution;        // native metres
    double central, minNm, maxNm;
    double solarIrradiance;
};

constexpr int kS2BandCount = 13;
constexpr std::array<S2Band, kS2BandCount> kS2Bands{{
    {"B01", "B1", 60, 442.3, 411, 456, 1874.3},
    {"B02", "B2", 10, 492.3, 456, 532, 1959.75},
    {"B03", "B3", 10, 559.0, 536, 582, 1824.93},
    {"B04", "B4", 10, 665.0, 646, 685, 1512.79},
    {"B05", "B5", 20, 703.8, 694, 714, 1425.78},
    {"B06", "B6", 20, 739.1, 730, 748, 1291.13},
    {"B07", "B7", 20, 779.7, 766, 794, 1175.57},
    {"B08", "B8", 10, 833.0, 774, 907, 1041.28},
    {"B8A", "B8A", 20, 864.0, 848, 880, 953.93},
    {"B09", "B9", 60, 943.2, 930, 957, 817.58},
    {"B10", "B10", 60, 1376.9, 1339, 1415, 365.41},
    {"B11", "B11", 20, 1610.4, 1538, 1679, 247.08},
    {"B12", "B12", 20, 2185.7, 2065, 2303, 87.75},
}};

// SCL classes (Sen2Cor).
enum SclClass : unsigned char {
    SclNoData = 0,
    SclSaturated = 1,
    SclDark = 2,
    SclCloudShadow = 3,
    SclVegetation = 4,
    SclNotVegetated = 5,
    SclWater = 6,
    SclUnclassified = 7,
    SclCloudMedium = 8,
    SclCloudHigh = 9,
    SclCirrus = 10,
    SclSnow = 11,
};
constexpr int kSclClassCount = 12;

} // namespace unclouded
