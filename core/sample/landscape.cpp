#include <algorithm>
#include <cmath>

#include "core/sample/landscape_p.h"
#include "core/sample/noise_p.h"

namespace unclouded::sample {

namespace {

using Spectrum = std::array<double, kS2BandCount>;

// Surface reflectance of common covers, B01..B12 with B10 in the 11th slot
// (../shared/SPECTRA.md; B10 sees almost nothing of the ground).
//                      B01   B02   B03   B04   B05   B06   B07   B08   B8A   B09   B10    B11   B12
constexpr Spectrum kDense { .030, .035, .070, .035, .100, .300, .400, .430, .450, .400, .003, .220, .110 };
constexpr Spectrum kDrySoil { .080, .100, .140, .180, .210, .230, .250, .260, .270, .260, .004, .330, .280 };
constexpr Spectrum kWetSoil { .050, .060, .080, .100, .120, .130, .140, .150, .160, .150, .003, .180, .140 };
constexpr Spectrum kConifer { .020, .020, .040, .020, .060, .180, .230, .250, .260, .240, .002, .120, .050 };
constexpr Spectrum kDeciduous { .025, .030, .060, .030, .090, .280, .360, .400, .410, .370, .003, .190,
    .090 };
constexpr Spectrum kWater { .060, .060, .050, .030, .020, .010, .010, .010, .008, .007, .001, .005, .003 };
constexpr Spectrum kUrban { .090, .100, .120, .130, .150, .170, .180, .200, .200, .190, .004, .220, .200 };
constexpr Spectrum kYellowBloom { .040, .050, .150, .110, .170, .300, .370, .410, .420, .380, .003, .220,
    .120 };
constexpr Spectrum kCloud { .550, .600, .600, .620, .630, .640, .640, .650, .640, .550, .080, .450, .300 };
constexpr Spectrum kSnow { .850, .880, .880, .860, .840, .800, .770, .750, .720, .600, .050, .080, .040 };
// Top-of-atmosphere additions for L1C (Rayleigh + aerosol, strongest in blue).
constexpr Spectrum kHaze { .060, .045, .030, .018, .014, .010, .008, .007, .006, .004, .003, .002, .001 };
// Cirrus adds reflectance, most in blue; B10 (1375 nm) sees it over a dark background.
constexpr Spectrum kCirrusWeight { 1.0, .95, .90, .85, .82, .80, .78, .76, .75, .60, .90, .55, .45 };
// Share of light left in cloud shadow: diffuse sky light keeps blue brighter than NIR/SWIR.
constexpr Spectrum kShadeRemain { .60, .55, .50, .45, .42, .38, .35, .32, .32, .32, 1.0, .28, .27 };

inline void mixInto(Spectrum& s, const Spectrum& other, double f)
{
    if (f <= 0)
        return;
    for (int b = 0; b < kS2BandCount; ++b)
        s[b] += (other[b] - s[b]) * f;
}

inline double clamp01(double v)
{
    return std::fmin(1.0, std::fmax(0.0, v));
}

constexpr double kRoadSpacing = 210; // px between roads (2.1 km blocks)
constexpr double kFieldCell = 40; // Voronoi cell of one parcel, px

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    q = std::clamp(q, 0.0, 1.0);
    const size_t k = std::min(v.size() - 1, static_cast<size_t>(q * (v.size() - 1)));
    std::nth_element(v.begin(), v.begin() + k, v.end());
    return v[k];
}

} // namespace

struct Landscape::Surface
{
    Spectrum refl;
    double water = 0;
    double snow = 0;
    uint64_t field = 0;
    uint8_t crop = 0;
};

void Strip::resize(int w, int r)
{
    width = w;
    rows = r;
    const size_t n = static_cast<size_t>(w) * r;
    for (auto& v : clear)
        v.assign(n, 0.f);
    for (auto& v : cloudy)
        v.assign(n, 0.f);
    alpha.assign(n, 0.f);
    cirrus.assign(n, 0.f);
    shadow.assign(n, 0.f);
    snow.assign(n, 0.f);
    water.assign(n, 0.f);
    nodata.assign(n, 0);
    field.assign(n, 0);
    crop.assign(n, 0);
}

Landscape::Landscape(const SceneParams& p)
    : m_p(p)
{
    const double S = p.size;
    const uint64_t sd = mix64(p.seed);
    m_cloudScale = std::clamp(S / 2.5, 100.0, 1200.0);

    // River: a meandering centre line crossing the scene west to east.
    m_riverY.resize(p.size);
    const double phase = unit(mix64(sd ^ 0x51)) * 6.28;
    for (int x = 0; x < p.size; ++x)
        m_riverY[x] = static_cast<float>(
            S * 0.63 + S * 0.07 * std::sin(x / (S * 0.16) + phase) + 40 * fbm(x / 350.0, 0.5, sd ^ 0x52, 3));

    const double sunAz = p.sunAzimuthDeg * M_PI / 180.0;
    const double d = p.cloudHeightM * std::tan(p.sunZenithDeg * M_PI / 180.0) / 10.0;
    // From a shadow pixel towards the sun (x east, y south) lies the cloud casting it.
    m_shadowDx = d * std::sin(sunAz);
    m_shadowDy = -d * std::cos(sunAz);

    if (p.dateIndex == 0 && p.cloudCover > 0) {
        // Calibrate thresholds on a coarse grid so the drawn cover matches the request.
        std::vector<double> cn, rn;
        const int g = 200;
        cn.reserve(g * g);
        rn.reserve(g * g);
        for (int j = 0; j < g; ++j)
            for (int i = 0; i < g; ++i) {
                const double x = (i + 0.5) * S / g, y = (j + 0.5) * S / g;
                cn.push_back(cloudNoise(x, y));
                rn.push_back(cirrusNoise(x, y));
            }
        const double opaque = std::min(0.98, p.cloudCover * 0.8);
        const double thin = std::min(0.98, p.cloudCover * 0.3);
        // alpha >= 0.1 (SCL cloud) once noise exceeds threshold + 0.039 (smoothstep over 0.2).
        m_cloudThreshold = quantile(cn, 1.0 - opaque) - 0.039;
        // cirrus >= 0.006 (SCL cirrus) once noise exceeds threshold + 0.054 (smoothstep over 0.35).
        m_cirrusThreshold = quantile(rn, 1.0 - thin) - 0.054;
    }
}

double Landscape::cloudNoise(double x, double y) const
{
    return fbm(x / m_cloudScale, y / m_cloudScale, mix64(m_p.seed) ^ 0xC10D, 6);
}

double Landscape::cirrusNoise(double x, double y) const
{
    // Streaks: stretched along x.
    return fbm(x / (1.8 * m_cloudScale), y / (0.5 * m_cloudScale), mix64(m_p.seed) ^ 0xC1A5, 4);
}

double Landscape::alphaAt(double x, double y) const
{
    return smoothstep(m_cloudThreshold, m_cloudThreshold + 0.2, cloudNoise(x, y));
}

void Landscape::surface(double x, double y, Surface& s) const
{
    const uint64_t sd = mix64(m_p.seed);
    const int date = m_p.dateIndex;
    const double R = kRoadSpacing;

    // Road grid: gently warped lines; blocks between roads hold the parcels.
    const double wx = 35 * std::sin(y / 900.0 + unit(sd ^ 1) * 6) + 22 * perlin(y / 520.0, 0.5, sd ^ 2);
    const double wy = 35 * std::sin(x / 1100.0 + unit(sd ^ 3) * 6) + 22 * perlin(x / 610.0, 0.5, sd ^ 4);
    const double gx = (x - wx) / R, gy = (y - wy) / R;
    const int64_t bx = static_cast<int64_t>(std::floor(gx)), by = static_cast<int64_t>(std::floor(gy));
    const double fx = gx - bx, fy = gy - by;

    // Parcels: anisotropic Voronoi cells inside the block, so fields are elongated and never cross roads.
    const double a = 0.55 + 1.1 * hashUnit(bx, by, sd ^ 6);
    const double U = fx * R * a, V = fy * R / a;
    const int64_t cu = static_cast<int64_t>(std::floor(U / kFieldCell));
    const int64_t cv = static_cast<int64_t>(std::floor(V / kFieldCell));
    double d1 = 1e18, d2 = 1e18, seedU = 0, seedV = 0;
    int64_t bestU = 0, bestV = 0;
    for (int dj = -1; dj <= 1; ++dj)
        for (int di = -1; di <= 1; ++di) {
            const int64_t ku = cu + di, kv = cv + dj;
            const uint64_t h = hash3(bx * 8192 + ku, by * 8192 + kv, sd ^ 7);
            const double pu = (ku + 0.15 + 0.7 * unit(h)) * kFieldCell;
            const double pv = (kv + 0.15 + 0.7 * unit(mix64(h))) * kFieldCell;
            const double dd = std::hypot(U - pu, V - pv);
            if (dd < d1) {
                d2 = d1;
                d1 = dd;
                bestU = ku;
                bestV = kv;
                seedU = pu;
                seedV = pv;
            } else if (dd < d2) {
                d2 = dd;
            }
        }
    const uint64_t fid = hash3(bx * 8192 + bestU, by * 8192 + bestV, sd ^ 8);
    const double h2 = unit(mix64(fid ^ 2)), h3 = unit(mix64(fid ^ 3)), h4 = unit(mix64(fid ^ 4));
    const double h5 = unit(mix64(fid ^ 5));
    const double seedX = bx * R + seedU / a, seedY = by * R + seedV * a;

    Spectrum& r = s.refl;
    const bool forest = fbm(seedX / 900.0, seedY / 900.0, sd ^ 9, 3) > 0.30;
    s.crop = 0;
    double urban = 0;
    if (forest) {
        // Mixed forest; deciduous trees are still leafless in April.
        Spectrum decid = kDeciduous;
        if (date == 0)
            mixInto(decid, kWetSoil, 0.45);
        r = kConifer;
        mixInto(r, decid, h2 < 0.5 ? 0.85 : 0.15);
        const double canopy = 1
            + 0.10 * (hashUnit(static_cast<int64_t>(x), static_cast<int64_t>(y), sd ^ 10) - 0.5)
            + 0.07 * perlin(x / 5.0, y / 5.0, sd ^ 11);
        for (double& v : r)
            v *= canopy;
    } else {
        // Crop calendar: vegetation fraction v at the main date (April) and the reference date (May).
        const double k = unit(mix64(fid ^ 1));
        double v0, v1;
        bool rapeseed = false;
        s.crop = k < 0.30 ? 1 : k < 0.48 ? 2 : k < 0.60 ? 3 : k < 0.78 ? 4 : k < 0.88 ? 5 : 6;
        if (k < 0.30) { // winter cereal: green early
            v0 = 0.72 + 0.2 * h2;
            v1 = std::min(1.0, v0 + 0.08);
        } else if (k < 0.48) { // spring cereal: sown in April, green in May
            v0 = 0.06 + 0.12 * h2;
            v1 = 0.45 + 0.3 * h3;
        } else if (k < 0.60) { // maize / beet: bare until June
            v0 = 0.02 * h2;
            v1 = 0.08 + 0.15 * h3;
        } else if (k < 0.78) { // grassland, some meadows mown by May
            v0 = 0.55 + 0.25 * h2;
            v1 = h3 < 0.4 ? 0.30 + 0.15 * h2 : 0.75 + 0.15 * h2;
        } else if (k < 0.88) { // rapeseed: flowering yellow in May
            v0 = 0.65 + 0.2 * h2;
            v1 = v0;
            rapeseed = date == 1;
        } else { // fallow
            v0 = 0.10 + 0.2 * h2;
            v1 = v0 + 0.1;
        }
        double v = date == 0 ? v0 : v1;
        v = clamp01(v * (1 + 0.12 * fbm(x / 28.0, y / 28.0, fid, 2)));
        const double m = clamp01((date == 0 ? 0.35 : 0.1) + 0.5 * h4);
        Spectrum soil = kDrySoil;
        mixInto(soil, kWetSoil, m);
        const double bright = 0.88 + 0.24 * h5;
        for (double& val : soil)
            val *= bright;
        r = soil;
        mixInto(r, kDense, v);
        if (rapeseed)
            mixInto(r, kYellowBloom, 0.6);
        const double tex = 1 + 0.025 * perlin(x / 3.3, y / 3.3, sd ^ 12);
        for (double& val : r)
            val *= tex;
    }

    // Field margins: grass and hedges along parcel boundaries.
    const double edge = (d2 - d1) * 0.5 / std::max(a, 1 / a);
    const double hedge = clamp01(0.9 - edge) * 0.7;
    if (hedge > 0) {
        Spectrum h = kDeciduous;
        mixInto(h, kConifer, 0.3);
        mixInto(r, h, hedge);
    }

    // River with riparian trees, and the odd pond.
    const int col = std::clamp(static_cast<int>(x), 0, m_p.size - 1);
    const double half = 3.0 + 1.2 * std::sin(x / 310.0);
    const double dist = std::abs(y - m_riverY[col]);
    double water = clamp01(half + 0.5 - dist);
    if (dist < half + 6)
        mixInto(r, kDeciduous, 0.55);
    if (hashUnit(bx, by, sd ^ 13) < 0.04) {
        const double pr = 8 + 14 * hashUnit(bx, by, sd ^ 14);
        const double pd
            = std::hypot((fx - 0.5) * R, (fy - 0.5) * R) * (1 + 0.25 * perlin(x / 12.0, y / 12.0, sd ^ 15));
        water = std::max(water, clamp01(pr + 0.5 - pd));
    }

    // Villages at some crossroads: roofs, gardens, streets.
    const int64_t ix = std::llround(gx), iy = std::llround(gy);
    if (hashUnit(ix, iy, sd ^ 16) < 0.14) {
        const double vr = 22 + 40 * hashUnit(ix, iy, sd ^ 17);
        const double vd
            = std::hypot((gx - ix) * R, (gy - iy) * R) * (1 + 0.35 * perlin(x / 25.0, y / 25.0, sd ^ 18));
        urban = smoothstep(vr + 3, vr - 3, vd);
        if (urban > 0) {
            Spectrum u = kUrban;
            const double roof
                = 0.65 + 0.7 * hashUnit(static_cast<int64_t>(x / 2), static_cast<int64_t>(y / 2), sd ^ 19);
            for (double& val : u)
                val *= roof;
            mixInto(u, kDeciduous,
                0.3 * hashUnit(static_cast<int64_t>(x / 3), static_cast<int64_t>(y / 3), sd ^ 20));
            mixInto(r, u, urban);
        }
    }

    // Roads along block borders: main roads, farm tracks, or no road at all.
    auto roadHalfWidth = [&](int64_t line, uint64_t salt) {
        const double h = hashUnit(line, 0, sd ^ salt);
        return h < 0.35 ? 0.75 : (h < 0.8 ? 0.45 : -1.0);
    };
    const int64_t lineV = fx < 0.5 ? bx : bx + 1, lineH = fy < 0.5 ? by : by + 1;
    const double dV = std::min(fx, 1 - fx) * R, dH = std::min(fy, 1 - fy) * R;
    const double road = std::max(
        clamp01(roadHalfWidth(lineV, 21) + 0.5 - dV), clamp01(roadHalfWidth(lineH, 22) + 0.5 - dH));
    if (road > 0) {
        Spectrum asphalt = kUrban;
        for (double& val : asphalt)
            val *= 0.72;
        mixInto(r, asphalt, road);
    }

    if (water > 0) {
        Spectrum w = kWater;
        const double turbid = 0.015 * (perlin(x / 60.0, y / 60.0, sd ^ 23) + 0.5);
        for (int b = 1; b <= 4; ++b)
            w[b] += turbid;
        mixInto(r, w, water);
    }
    s.water = water;
    // The parcel, as a farmer's boundary file would draw it: the cell without roads, water and houses.
    const bool parcel = s.crop != 0 && road < 0.5 && water < 0.5 && urban < 0.5;
    s.field = parcel ? (fid | 1) : 0;
    if (!parcel)
        s.crop = 0;

    // Late snow patches on the main (April) date only.
    s.snow = 0;
    if (date == 0) {
        s.snow = smoothstep(0.45, 0.58, fbm(x / 220.0, y / 220.0, sd ^ 24, 3)) * (forest ? 0.4 : 1.0)
            * (1 - water);
        mixInto(r, kSnow, s.snow);
    }
}

void Landscape::compute(int y0, int rows, Strip& out) const
{
    const int W = m_p.size;
    out.resize(W, rows);
    const bool clouds = m_p.dateIndex == 0 && m_p.cloudCover > 0;
    const uint64_t sd = mix64(m_p.seed);

#pragma omp parallel for schedule(dynamic, 2)
    for (int j = 0; j < rows; ++j) {
        Surface s;
        const double y = y0 + j + 0.5;
        for (int i = 0; i < W; ++i) {
            const size_t k = static_cast<size_t>(j) * W + i;
            const double x = i + 0.5;
            if (m_p.nodataEdge > 0 && x + 0.35 * y < m_p.nodataEdge * W) {
                out.nodata[k] = 1;
                out.field[k] = 0;
                out.crop[k] = 0;
                continue;
            }
            surface(x, y, s);
            Spectrum ground = s.refl;
            if (m_p.topOfAtmosphere) {
                const double haze = 1 + 0.25 * perlin(x / 3000.0, y / 3000.0, sd ^ 30);
                for (int b = 0; b < kS2BandCount; ++b)
                    ground[b] += kHaze[b] * haze;
                ground[9] *= 0.55; // B09: water-vapour absorption above the surface
            }
            for (int b = 0; b < kS2BandCount; ++b)
                out.clear[b][k] = static_cast<float>(ground[b]);

            double alpha = 0, cirrus = 0, shadow = 0, thick = 0;
            if (clouds) {
                const double n = cloudNoise(x, y);
                alpha = smoothstep(m_cloudThreshold, m_cloudThreshold + 0.2, n);
                thick = smoothstep(m_cloudThreshold, m_cloudThreshold + 0.6, n);
                cirrus = 0.09 * smoothstep(m_cirrusThreshold, m_cirrusThreshold + 0.35, cirrusNoise(x, y));
                shadow = 0.95 * alphaAt(x + m_shadowDx, y + m_shadowDy);
                // Below what any sensor or classifier would notice: keep the ground exact there.
                alpha = alpha < 0.03 ? 0 : alpha;
                cirrus = cirrus < 0.004 ? 0 : cirrus;
                shadow = shadow < 0.05 ? 0 : shadow;
            }
            for (int b = 0; b < kS2BandCount; ++b) {
                const double shaded = ground[b] * (1 - shadow * (1 - kShadeRemain[b]));
                const double cloud = kCloud[b] * (0.82 + 0.3 * thick);
                out.cloudy[b][k]
                    = static_cast<float>(shaded * (1 - alpha) + cloud * alpha + cirrus * kCirrusWeight[b]);
            }
            out.alpha[k] = static_cast<float>(alpha);
            out.cirrus[k] = static_cast<float>(cirrus);
            out.shadow[k] = static_cast<float>(shadow * (1 - alpha));
            out.snow[k] = static_cast<float>(s.snow);
            out.water[k] = static_cast<float>(s.water);
            out.field[k] = s.field;
            out.crop[k] = s.crop;
        }
    }
}

} // namespace unclouded::sample
