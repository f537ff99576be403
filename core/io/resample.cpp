#include "core/io/resample.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace unclouded::io {

namespace {
// Native coordinate of a 10 m pixel centre: c = (x10 + 0.5) / factor - 0.5.
inline double nativeCoord(int x10, int factor)
{
    return (x10 + 0.5) / factor - 0.5;
}
} // namespace

NativeWindow nativeWindowFor(int x10, int y10, int w10, int h10, int factor, int nativeW, int nativeH)
{
    NativeWindow w;
    const int x0 = static_cast<int>(std::floor(nativeCoord(x10, factor)));
    const int y0 = static_cast<int>(std::floor(nativeCoord(y10, factor)));
    const int x1 = static_cast<int>(std::floor(nativeCoord(x10 + w10 - 1, factor))) + 1;
    const int y1 = static_cast<int>(std::floor(nativeCoord(y10 + h10 - 1, factor))) + 1;
    w.x = std::clamp(x0, 0, nativeW - 1);
    w.y = std::clamp(y0, 0, nativeH - 1);
    w.w = std::clamp(x1, 0, nativeW - 1) - w.x + 1;
    w.h = std::clamp(y1, 0, nativeH - 1) - w.y + 1;
    return w;
}

void upsampleBilinear(const float* src, const NativeWindow& win, int nativeW, int nativeH, int factor,
    int x10, int y10, int w10, int h10, float* dst)
{
    // Column weights are the same for every row: compute them once.
    std::vector<int> cx0(w10), cx1(w10);
    std::vector<float> fx(w10);
    for (int i = 0; i < w10; ++i) {
        const double c = nativeCoord(x10 + i, factor);
        const int a = static_cast<int>(std::floor(c));
        fx[i] = static_cast<float>(c - a);
        cx0[i] = std::clamp(a, 0, nativeW - 1) - win.x;
        cx1[i] = std::clamp(a + 1, 0, nativeW - 1) - win.x;
    }
    for (int j = 0; j < h10; ++j) {
        const double r = nativeCoord(y10 + j, factor);
        const int b = static_cast<int>(std::floor(r));
        const float fy = static_cast<float>(r - b);
        const float* row0 = src + static_cast<long>(std::clamp(b, 0, nativeH - 1) - win.y) * win.w;
        const float* row1 = src + static_cast<long>(std::clamp(b + 1, 0, nativeH - 1) - win.y) * win.w;
        float* out = dst + static_cast<long>(j) * w10;
        for (int i = 0; i < w10; ++i) {
            const float top = row0[cx0[i]] + fx[i] * (row0[cx1[i]] - row0[cx0[i]]);
            const float bot = row1[cx0[i]] + fx[i] * (row1[cx1[i]] - row1[cx0[i]]);
            out[i] = top + fy * (bot - top);
        }
    }
}

} // namespace unclouded::io
