// The Sentinel-2 domain in one place, for core and ui alike: the MSI band table, the scene
// classification (SCL) classes with their names and colours, and the classes hidden by default.
#pragma once

#include <array>
#include <cstdint>

#include <QList>
#include <QString>

namespace unclouded {

// Sentinel-2 MSI bands (ESA S2 MSI User Guide; central wavelengths of S2B as in MTD files).
struct S2Band
{
    const char* name; // file-name form: B01 ... B8A ... B12
    const char* gdalName; // GDAL's BANDNAME form: B1 ... B8A ... B12
    int resolution; // native metres
    double central, minNm, maxNm;
    double solarIrradiance;
};

constexpr int kS2BandCount = 13;
constexpr std::array<S2Band, kS2BandCount> kS2Bands { {
    { "B01", "B1", 60, 442.3, 411, 456, 1874.3 },
    { "B02", "B2", 10, 492.3, 456, 532, 1959.75 },
    { "B03", "B3", 10, 559.0, 536, 582, 1824.93 },
    { "B04", "B4", 10, 665.0, 646, 685, 1512.79 },
    { "B05", "B5", 20, 703.8, 694, 714, 1425.78 },
    { "B06", "B6", 20, 739.1, 730, 748, 1291.13 },
    { "B07", "B7", 20, 779.7, 766, 794, 1175.57 },
    { "B08", "B8", 10, 833.0, 774, 907, 1041.28 },
    { "B8A", "B8A", 20, 864.0, 848, 880, 953.93 },
    { "B09", "B9", 60, 943.2, 930, 957, 817.58 },
    { "B10", "B10", 60, 1376.9, 1339, 1415, 365.41 },
    { "B11", "B11", 20, 1610.4, 1538, 1679, 247.08 },
    { "B12", "B12", 20, 2185.7, 2065, 2303, 87.75 },
} };

// "B4" / "B04" / "b8a" -> "B04" / "B8A"; empty when not a Sentinel-2 band name.
QString canonicalBandName(const QString& raw);
// Index in kS2Bands of a canonical name, -1 when there is none.
int s2BandIndex(const QString& canonical);
// STAC / eo common names and asset keys (case-insensitive): "blue" -> "B02", "nir08" -> "B8A",
// "rededge1" -> "B05", "swir16" -> "B11"; empty for others ("rededge" alone names three bands).
QString bandFromCommonName(const QString& name);

// SCL classes (Sen2Cor).
enum SclClass : uint8_t {
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

// Class codes for masks that are not SCL (a binary mask file: 0 clear, non-zero hidden).
constexpr uint8_t kMaskClear = 100;
constexpr uint8_t kMaskHidden = 101;

struct Rgb
{
    uint8_t r, g, b;
};

struct SclClassInfo
{
    SclClass code;
    const char* name; // as shown to users (ui: translated in context "SclClass", sclClassLabel)
    const char* esaName; // MTD_MSIL2A.xml's SCENE_CLASSIFICATION_TEXT
    const char* qiName; // its share in the MTD's Image_Content_QI
    const char* keyword; // the word --classes accepts for it (several classes may share one), or null
    Rgb colour; // ESA's SCL palette
};

constexpr std::array<SclClassInfo, kSclClassCount> kSclClasses { {
    { SclNoData, QT_TRANSLATE_NOOP("SclClass", "No data"), "SC_NODATA", "NODATA_PIXEL_PERCENTAGE", nullptr,
        { 0, 0, 0 } },
    { SclSaturated, QT_TRANSLATE_NOOP("SclClass", "Saturated or defective"), "SC_SATURATED_DEFECTIVE",
        "SATURATED_DEFECTIVE_PIXEL_PERCENTAGE", "saturated", { 255, 0, 0 } },
    { SclDark, QT_TRANSLATE_NOOP("SclClass", "Dark area pixels"), "SC_DARK_FEATURE_SHADOW",
        "DARK_FEATURES_PERCENTAGE", "dark", { 47, 47, 47 } },
    { SclCloudShadow, QT_TRANSLATE_NOOP("SclClass", "Cloud shadows"), "SC_CLOUD_SHADOW",
        "CLOUD_SHADOW_PERCENTAGE", "shadow", { 100, 50, 0 } },
    { SclVegetation, QT_TRANSLATE_NOOP("SclClass", "Vegetation"), "SC_VEGETATION", "VEGETATION_PERCENTAGE",
        nullptr, { 0, 160, 0 } },
    { SclNotVegetated, QT_TRANSLATE_NOOP("SclClass", "Not vegetated"), "SC_NOT_VEGETATED",
        "NOT_VEGETATED_PERCENTAGE", nullptr, { 255, 230, 90 } },
    { SclWater, QT_TRANSLATE_NOOP("SclClass", "Water"), "SC_WATER", "WATER_PERCENTAGE", nullptr,
        { 0, 0, 255 } },
    { SclUnclassified, QT_TRANSLATE_NOOP("SclClass", "Unclassified"), "SC_UNCLASSIFIED",
        "UNCLASSIFIED_PERCENTAGE", "unclassified", { 128, 128, 128 } },
    { SclCloudMedium, QT_TRANSLATE_NOOP("SclClass", "Cloud medium probability"), "SC_CLOUD_MEDIUM_PROBA",
        "MEDIUM_PROBA_CLOUDS_PERCENTAGE", "cloud", { 192, 192, 192 } },
    { SclCloudHigh, QT_TRANSLATE_NOOP("SclClass", "Cloud high probability"), "SC_CLOUD_HIGH_PROBA",
        "HIGH_PROBA_CLOUDS_PERCENTAGE", "cloud", { 255, 255, 255 } },
    { SclCirrus, QT_TRANSLATE_NOOP("SclClass", "Thin cirrus"), "SC_THIN_CIRRUS", "THIN_CIRRUS_PERCENTAGE",
        "cirrus", { 100, 200, 255 } },
    { SclSnow, QT_TRANSLATE_NOOP("SclClass", "Snow or ice"), "SC_SNOW_ICE", "SNOW_ICE_PERCENTAGE", "snow",
        { 255, 150, 255 } },
} };
constexpr Rgb kMaskHiddenColour { 255, 0, 200 };

// What hides the ground unless the user says otherwise: cloud shadow, cloud (medium and high
// probability), thin cirrus, snow.
constexpr std::array<SclClass, 5> kDefaultHiddenScl { SclCloudShadow, SclCloudMedium, SclCloudHigh, SclCirrus,
    SclSnow };
// The cloud cover products state: cloud medium, cloud high, thin cirrus.
constexpr std::array<SclClass, 3> kCloudCoverScl { SclCloudMedium, SclCloudHigh, SclCirrus };

constexpr bool isDefaultHidden(int cls)
{
    for (SclClass c : kDefaultHiddenScl)
        if (c == cls)
            return true;
    return false;
}

// The default hidden set as class codes, with a mask file's "hidden" (always hidden).
inline QList<int> defaultHiddenClasses()
{
    QList<int> out(kDefaultHiddenScl.begin(), kDefaultHiddenScl.end());
    out << kMaskHidden;
    return out;
}

} // namespace unclouded
