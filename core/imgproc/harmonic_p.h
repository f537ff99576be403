// Harmonic (Laplace) inpainting: every hidden pixel the mean of its four neighbours, the known
// pixels held. Over large clouds it is the smoothest fill that meets the cloud's edge, and on real
// Sentinel-2 it scores about 1 dB above Telea (bench/results/harmonic.md).
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/progress.h"

namespace unclouded::recon {

// The harmonic method's output: solved until no value moves by a DN (1e-4 reflectance).
inline constexpr float kHarmonicTolerance = 1e-4f;
// A network's pre-fill, which its correction moves by far more: 10 DN. A third fewer V-cycles
// (5.0 -> 3.4 per solve on the 1800 px product's windows), and on the held-out real cases and the
// demo the one-date model's scores moved by at most 0.002 dB (bench/results/inference-overhead.md,
// twentieth round).
inline constexpr float kPrefillTolerance = 1e-3f;
// The restriction's weight of the half blocks at a grid's odd sides (harmonic.cpp, vcycle).
inline constexpr float kHalfBlockWeight = 1.5f;

// Fills the pixels of each band plane (bands x w x h, in place) where mask != 0 or the value is not
// finite. The image's edges are reflecting (Neumann): only neighbours inside count. Solved on the
// box around those pixels: a start from block means of the known pixels (halved until all is known,
// each level interpolated into the finer one), then multigrid V-cycles until no value moves by more
// than `tolerance` (30 cycles at most), so a cloud of any size costs a few dozen sweeps per pixel.
// In a band with nothing known, every pixel to fill becomes NaN.
void harmonicBands(std::vector<float>& img, const std::vector<uint8_t>& mask, int w, int h, int bands,
    float tolerance = kHarmonicTolerance);
// The same, asking progress before each band: throws Cancelled when it is (a scene's solve took
// seconds that a Cancel, or closing the window, waited for).
void harmonicBands(std::vector<float>& img, const std::vector<uint8_t>& mask, int w, int h, int bands,
    float tolerance, const Progress& progress);

// One plane: known[i] != 0 holds v[i]; the others are solved. Returns false if nothing is known.
// halfWeight: tests set the old 2 to reach the fall-back to 1.
bool harmonicPlane(float* v, const uint8_t* known, int w, int h, float tolerance = kHarmonicTolerance,
    float halfWeight = kHalfBlockWeight);

// Cloud-contaminated edges. A scene classification leaves the cloud's haze at its edge, and specks
// inside large clouds, as clear ground (Sen2Cor's SCL on T29UNU: visible islands of 1-64 px inside
// clouds have a median blue of 0.10 against 0.03 for clear land). Held as known, one bright speck
// makes a harmonic fill glow over kilometres, and the coarse scene solution, which averages it away,
// leaves a seam at every window side. The haze-optimised transform (HOT = blue - red / 2, Zhang et
// al. 2002) separates haze from bright ground. These pixels are solved like the hidden ones (they
// keep their values in the output, which copies every visible pixel).
//
// The HOT above which a visible pixel near a cloud counts as hazy: the median of clear pixels at
// least 3 px from any hidden one plus 8 median absolute deviations, at least 0.03; NaN when fewer
// than 200 such pixels (blue, red: reflectance planes; hidden: 1 hidden).
float hazeThreshold(const float* blue, const float* red, const uint8_t* hidden, int w, int h);
// Marks in `unknown` (1 unknown) the visible pixels reached from the `cloud` ones (non-zero: where
// haze starts; clouds, not snow or shadows) through 4-neighbours whose HOT exceeds `threshold`, at
// most `reach` steps away. With `nir` (may be null), not where NIR is below 0.8 x red and blue under
// 0.2: water, whose HOT is high too (a bright cloud top can have NIR below red). Returns how many it
// marked.
size_t markHazyEdges(const float* blue, const float* red, const float* nir, float threshold, int reach, int w,
    int h, const uint8_t* cloud, std::vector<uint8_t>& unknown);

} // namespace unclouded::recon
