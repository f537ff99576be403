// Bilinear upsampling from a band's native grid (20 m, 60 m) to the 10 m analysis grid.
// One implementation, used by the reader and the sample generator's truth, so both agree
// to the bit and a result never depends on how a raster was cut into windows.
#pragma once

namespace unclouded::io {

struct NativeWindow
{
    int x = 0, y = 0, w = 0, h = 0;
};

// Native-grid window (clamped to the raster) that covers a 10 m window plus the bilinear margin.
NativeWindow nativeWindowFor(int x10, int y10, int w10, int h10, int factor, int nativeW, int nativeH);

// src holds the native window `win` (row-major, win.w x win.h). Native pixel i's centre lies at
// 10 m coordinate (i + 0.5) * factor; outside the raster the edge value is repeated.
// NaN (nodata) propagates to every 10 m pixel that interpolates from it.
void upsampleBilinear(const float* src, const NativeWindow& win, int nativeW, int nativeH, int factor,
    int x10, int y10, int w10, int h10, float* dst);

} // namespace unclouded::io
