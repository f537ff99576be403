// The synthetic agricultural scene behind the sample generator: a pure function of
// (pixel, seed, date), evaluated strip by strip so memory never depends on the tile size.
#pragma once

#include <cstdint>
#include <vector>

#include "core/io/sentinel2.h"

namespace unclouded::sample {

struct SceneParams
{
    int size = 1200; // 10 m pixels per side
    uint64_t seed = 1;
    int dateIndex = 0; // 0: the cloudy main date (April), 1: the clear reference date (May)
    bool topOfAtmosphere = false; // L1C: add haze, B10 sees cirrus
    double cloudCover = 0.3; // target fraction of cloud + cirrus (SCL 8, 9, 10)
    double sunZenithDeg = 45;
    double sunAzimuthDeg = 155;
    double nodataEdge = 0; // fraction of the width lost to a diagonal swath edge
    double cloudHeightM = 1500;
};

// Per-pixel fields of one strip of rows at 10 m, struct-of-arrays.
struct Strip
{
    int width = 0, rows = 0;
    std::vector<float> clear[kS2BandCount]; // cloud-free reflectance
    std::vector<float> cloudy[kS2BandCount]; // what the satellite sees
    std::vector<float> alpha; // opaque cloud fraction 0..1
    std::vector<float> cirrus; // cirrus reflectance added in blue
    std::vector<float> shadow; // cloud-shadow strength 0..1
    std::vector<float> snow; // snow fraction 0..1
    std::vector<float> water; // water fraction 0..1
    std::vector<uint8_t> nodata;
    std::vector<uint64_t>
        field; // the crop parcel a pixel belongs to; 0: no parcel (forest, road, water, village)
    std::vector<uint8_t> crop; // index into kCropNames; 0 where field is 0
    void resize(int w, int r);
};

// The crops a parcel grows (index 0: no parcel).
constexpr const char* kCropNames[]
    = { "", "winter_cereal", "spring_cereal", "maize_beet", "grassland", "rapeseed", "fallow" };

class Landscape
{
public:
    explicit Landscape(const SceneParams& p);
    void compute(int y0, int rows, Strip& out) const;
    const SceneParams& params() const { return m_p; }

private:
    struct Surface;
    void surface(double x, double y, Surface& s) const;
    double cloudNoise(double x, double y) const;
    double cirrusNoise(double x, double y) const;
    double alphaAt(double x, double y) const;

    SceneParams m_p;
    double m_cloudThreshold = 1e9; // cloud noise above which alpha rises
    double m_cirrusThreshold = 1e9;
    double m_cloudScale = 400;
    double m_shadowDx = 0, m_shadowDy = 0; // from a shadow pixel to its cloud, 10 m px
    std::vector<float> m_riverY; // river centre line per column
};

} // namespace unclouded::sample
