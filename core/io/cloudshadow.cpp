#include "core/io/cloudshadow.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

namespace unclouded {

namespace {

bool castsShadow(uint8_t code)
{
    return code == 8 || code == 9 || code == 10; // cloud medium, cloud high, cirrus
}

// Three box passes each way (a Gaussian of the same sigma within a few percent), sums over what
// lies inside the grid: divided by the blurred weights they give a masked local mean.
void blur(std::vector<float>& v, int w, int h, int r)
{
    std::vector<float> tmp(v.size());
    std::vector<double> acc(static_cast<size_t>(w));
    for (int pass = 0; pass < 3; ++pass) {
        for (int y = 0; y < h; ++y) { // rows into tmp
            const float* in = v.data() + static_cast<size_t>(y) * w;
            float* out = tmp.data() + static_cast<size_t>(y) * w;
            double s = 0;
            for (int k = 0; k <= std::min(r, w - 1); ++k)
                s += in[k];
            for (int x = 0; x < w; ++x) {
                out[x] = static_cast<float>(s);
                if (x + r + 1 < w)
                    s += in[x + r + 1];
                if (x - r >= 0)
                    s -= in[x - r];
            }
        }
        std::fill(acc.begin(), acc.end(), 0.0); // columns back into v, a row of sums at a time
        for (int k = 0; k <= std::min(r, h - 1); ++k)
            for (int x = 0; x < w; ++x)
                acc[static_cast<size_t>(x)] += tmp[static_cast<size_t>(k) * w + x];
        for (int y = 0; y < h; ++y) {
            float* out = v.data() + static_cast<size_t>(y) * w;
            for (int x = 0; x < w; ++x)
                out[x] = static_cast<float>(acc[static_cast<size_t>(x)]);
            if (y + r + 1 < h)
                for (int x = 0; x < w; ++x)
                    acc[static_cast<size_t>(x)] += tmp[static_cast<size_t>(y + r + 1) * w + x];
            if (y - r >= 0)
                for (int x = 0; x < w; ++x)
                    acc[static_cast<size_t>(x)] -= tmp[static_cast<size_t>(y - r) * w + x];
        }
    }
}

} // namespace

std::vector<uint8_t> estimateCloudShadows(const uint8_t* codes, const float* nir, const float* green,
    const float* swir, int w, int h, const ShadowGeometry& g)
{
    if (w <= 0 || h <= 0 || !(g.sunZenithDeg >= 0 && g.sunZenithDeg <= 80))
        return {};
    const double det = g.a * g.d - g.b * g.c;
    if (!(std::abs(det) > 0))
        return {};
    const size_t n = static_cast<size_t>(w) * h;
    // Shadows fall away from the sun: per metre on the ground, so many columns and rows.
    const double az = g.sunAzimuthDeg * M_PI / 180.0, t = std::tan(g.sunZenithDeg * M_PI / 180.0);
    const double east = -std::sin(az), north = -std::cos(az);
    const double perCol = (g.d * east - g.b * north) / det, perRow = (-g.c * east + g.a * north) / det;
    const double d0 = g.minCloudHeightM * t, d1 = g.maxCloudHeightM * t;
    // Every whole-pixel offset a cloud at 100-5000 m puts its shadow at (steps of half a pixel).
    std::vector<std::pair<int, int>> offsets;
    const int steps = static_cast<int>(std::ceil((d1 - d0) * std::hypot(perCol, perRow) * 2)) + 1;
    for (int k = 0; k <= steps; ++k) {
        const double dist = d0 + (d1 - d0) * k / steps;
        offsets.emplace_back(
            static_cast<int>(std::lround(perCol * dist)), static_cast<int>(std::lround(perRow * dist)));
    }
    std::sort(offsets.begin(), offsets.end());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());

    std::vector<uint8_t> cloud(n), zone(n, 0);
    std::vector<int> cloudRows;
    for (int y = 0; y < h; ++y) {
        bool any = false;
        for (int x = 0; x < w; ++x) {
            const size_t i = static_cast<size_t>(y) * w + x;
            cloud[i] = castsShadow(codes[i]);
            any |= cloud[i] != 0;
        }
        if (any)
            cloudRows.push_back(y);
    }
    for (const auto& [ox, oy] : offsets) {
        if (std::abs(ox) >= w || std::abs(oy) >= h)
            continue;
        const int x0 = std::max(0, -ox), x1 = std::min(w, w - ox);
        for (int y : cloudRows) {
            const int ty = y + oy;
            if (ty < 0 || ty >= h)
                continue;
            const uint8_t* src = cloud.data() + static_cast<size_t>(y) * w;
            uint8_t* dst = zone.data() + static_cast<size_t>(ty) * w;
            for (int x = x0; x < x1; ++x)
                dst[x + ox] |= src[x];
        }
    }

    // Dark: NIR well below clear ground's around it (clear: seen, no cloud, outside the zone, not
    // water or snow). A shadow darkens every surface; an absolute threshold would take dark soils
    // and conifers for shadow and miss shadows on bright ground.
    auto seen = [&](size_t i) {
        return codes[i] != 0 && std::isfinite(nir[i]) && std::isfinite(green[i])
            && (!swir || std::isfinite(swir[i]));
    };
    auto water = [&](size_t i) { return green[i] >= nir[i]; };
    std::vector<float> numNir(n), numSwir(swir ? n : 0), den(n), ones(n, 1.0f);
    std::vector<float> clearNir, clearSwir;
    for (size_t i = 0; i < n; ++i) {
        const bool ref = seen(i) && !cloud[i] && !zone[i] && !water(i) && codes[i] != 11;
        numNir[i] = ref ? nir[i] : 0.0f;
        den[i] = ref ? 1.0f : 0.0f;
        if (swir)
            numSwir[i] = ref ? swir[i] : 0.0f;
        if (ref) {
            clearNir.push_back(nir[i]);
            if (swir)
                clearSwir.push_back(swir[i]);
        }
    }
    std::vector<uint8_t> out(n, 0);
    if (clearNir.empty())
        return out;
    auto median = [](std::vector<float>& v) {
        if (v.empty())
            return 0.0f;
        const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
        std::nth_element(v.begin(), mid, v.end());
        return *mid;
    };
    const float sceneNir = median(clearNir), sceneSwir = median(clearSwir);
    const double sigma = g.neighbourhoodM / std::sqrt(std::abs(det));
    const int r = std::max(1, static_cast<int>(std::lround((std::sqrt(4 * sigma * sigma + 1) - 1) / 2)));
    blur(numNir, w, h, r);
    if (swir)
        blur(numSwir, w, h, r);
    blur(den, w, h, r);
    blur(ones, w, h, r);
    const auto k = static_cast<float>(g.darkRatio);
    for (size_t i = 0; i < n; ++i) {
        if (!zone[i] || cloud[i] || !seen(i) || water(i) || codes[i] == 11)
            continue;
        // Too little clear ground nearby for a local mean: the scene's.
        const bool local = den[i] > 0.02f * ones[i];
        const float nirRef = local ? numNir[i] / den[i] : sceneNir;
        const float swirRef = !swir ? 0.0f : local ? numSwir[i] / den[i] : sceneSwir;
        out[i] = nir[i] < k * nirRef && (!swir || swir[i] < k * swirRef);
    }
    return out;
}

} // namespace unclouded
