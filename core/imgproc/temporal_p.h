// Multi-date temporal fill on one window: per pixel, the other dates (in the caller's order, nearest
// date first) that are clear there, each mapped onto the product by a scene-wide cross-band fit (each
// band from all of that date's bands) or per band by a line fitted on the window's pixels clear on
// both dates; the first alone, or the first kBlendDates blended by their fits' errors. Shared by
// reconstruction (the temporal method, the networks' pre-fill) and training, so a network learns on
// exactly the estimate it will be given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "core/common/progress.h"
#include "core/imgproc/temporalfit.h"
#include "core/masks/mask.h"

namespace unclouded::recon {

struct LinearFit
{
    double gain = 1, offset = 0;
    bool ok = false;
};

// y ~ gain * x + offset on pixels with use[i] != 0 and both values finite; not ok with fewer than
// minCount pixels or no spread in x. The gain is clamped to [0.2, 5].
LinearFit fitLinear(const float* x, const float* y, const uint8_t* use, size_t n, size_t minCount);

constexpr int kMaxCrossBands = 32; // more bands: per-band fits only

// y = yMean + coef (x - mean) * scale, per product band from all bands of the other date: ridge
// least squares on standardised bands.
struct Ridge
{
    bool ok = false;
    std::vector<double> mean, scale, coef, yMean; // coef: bands x bands, row = product band
};

// Each band of the product from all bands of another date: a scene-wide ridge fit, refined per
// spectral class of the other date (k-means on its standardised bands, 16 classes; a class of n
// pixels blends its own fit, weight n / (n + 2000), with the scene's), clamped to the range seen in
// the fit plus a tenth of it either side. A land cover's change between dates shows in its whole
// spectrum, which a per-band line cannot see. On the 10 OSCD cities behind real drawn clouds (30
// cases): +0.89 dB mean over per-band window lines, +0.23 dB at least, SAM better in every case
// (bench/results/temporal-fit.md).
struct CrossFit
{
    bool ok = false;
    int bands = 0;
    Ridge scene;
    std::vector<double> lo, hi; // per product band
    std::vector<double> centres; // classes x bands, in the scene fit's standardised units
    std::vector<Ridge> classes;
    std::vector<double> weight; // per class: its fit's share (0: the scene's alone)
    // What predict() applies, per class (or once, without classes): the blend folded into
    // y_b = affine[b][B] + sum_j affine[b][j] x_j, bands x (bands + 1).
    std::vector<double> affine;
    // out[b * stride] for every band from x[j * stride]; false (out untouched) when an x is not finite.
    bool predict(const float* x, size_t stride, float* out) const;
};

// Fits CrossFit on pixels with use[i] != 0 and every value finite (x, y: bands x n planes); not ok
// with fewer than max(minCount, 50 (bands + 1)) pixels. classes = 0: the scene fit alone.
CrossFit fitCrossBand(const float* x, const float* y, const uint8_t* use, size_t n, int bands,
    size_t minCount, int classes = 16);

// A correction of the cross-band map from the other date's 3 x 3 neighbourhood (all bands): a
// scene-wide ridge fit on the neighbourhood minus one on the pixel alone, folded into one linear
// filter. It carries what a per-pixel map cannot see: the two dates' sub-pixel misregistration and
// differing sharpness. Kept only where it lowers the error on held-out blocks of the fitted pixels
// by 3 %: on the 10 OSCD cities behind real drawn clouds (30 cases) kept in 16, +0.14 dB mean over
// the per-pixel map, two cases 0.06 dB worse at most; valencia +0.55 to +0.65
// (bench/results/temporal-headroom.md).
struct NeighbourFix
{
    bool ok = false;
    int bands = 0;
    double heldOutRatio = 0; // held-out error, per-pixel map / neighbourhood map (> 1: it helps)
    // (9 bands + 1) x bands, row f = neighbour (dy, dx) * bands + band j, then the constant: the
    // correction of band b is sum_f k[f * bands + b] * value_f + k[9 bands * bands + b].
    std::vector<float> k;
    // Adds the correction to out[b * plane] of pixel (px, py) of the date's w x h window x (bands x
    // plane); neighbours outside the window, hidden on that date (`hidden`, may be null) or not
    // finite count as the pixel itself.
    void add(const float* x, const uint8_t* hidden, int w, int h, int px, int py, float* out) const;
    // The correction of a window turned as training turns its crops (ml's Geometry: out(y, x) =
    // in(S(y, x)), S = `rot` quarter turns, then the flips): the filter is directional (a shift of
    // the other date), so it must turn with the pixels.
    NeighbourFix turned(bool fx, bool fy, int rot) const;
};

// Fits NeighbourFix on pixels with use[i] != 0 whose neighbours in the region are usable too (x: the
// other date, y: the product, bands x w x h, full resolution); not ok below 40 (9 bands + 1) usable
// pixels or when held-out blocks (every fourth 32 px block) do not gain.
NeighbourFix fitNeighbourFix(const float* x, const float* y, const uint8_t* use, int w, int h, int bands);

// Scene-wide fits of the product against one other date.
struct SceneFit
{
    std::vector<LinearFit> perBand; // used where a window has too few pixels clear on both
    CrossFit cross; // when ok, used wherever the other date has every band
    NeighbourFix neighbours; // when ok, added wherever `cross` is used
    // The fit's mean squared error over bands on the pixels it was fitted on (NaN: unknown). Where
    // several dates show a pixel, their values are blended with weights 1 / mse^2; a date without
    // one takes part only as the first that shows a pixel (then nothing is blended there).
    double mse = std::numeric_limits<double>::quiet_NaN();
};

// Dates blended per pixel: the nearest this many that show it. On the WorldCereal monthly series
// behind real drawn clouds (30 cases, a Python prototype of this rule): +1.30 dB over the nearest
// date alone with the other months clear (25 of 30 cases better), +0.75 dB with them 30-60 % cloudy
// (27 of 30); 2 dates +1.29 / +0.59, 4 dates +1.34 / +0.74, weights 1 / mse instead of its square
// lose up to 1.9 dB on single cases.
constexpr int kBlendDates = 3;

// One other date seen on the window: bands x plane reflectance (NaN = nodata) and its hidden mask.
struct DateView
{
    const float* x = nullptr;
    const uint8_t* hidden = nullptr; // may be null: nothing hidden
    const SceneFit* scene = nullptr; // may be null: window fits only
};

// Minimum pixels for a window's own fit: a quarter of the window, at most 500.
size_t minFitPixels(size_t plane);

// Builds the composite of the other dates on the window: `composite` (bands x plane) holds, per
// pixel, the fitted value of the first date clear there, blended with the next ones clear there (up
// to kBlendDates, weighted 1 / mse^2) when every one of them has a scene fit's mse; NaN where none is. Then
// copies it into `img` on `hidden` pixels. Returns the hidden pixels no date could show (to be inpainted).
// hiddenOnly: the cross-band fit is evaluated on hidden pixels alone (visible ones keep the per-band
// lines' values), for callers that use the composite only where it fills `img`.
std::vector<uint8_t> temporalComposite(std::vector<float>& img, const std::vector<uint8_t>& hidden,
    const std::vector<DateView>& dates, int w, int h, int bands, std::vector<float>& composite,
    bool hiddenOnly = false);

// temporalComposite, then the harmonic fill of what no date could show (Telea until session 28; the
// harmonic fill scored +0.37 dB on held-out cities whose other date is 40 % nodata,
// bench/results/cloudy-reference.md): the temporal method's estimate. Returns those filled pixels.
std::vector<uint8_t> temporalFill(std::vector<float>& img, const std::vector<uint8_t>& hidden,
    const std::vector<DateView>& dates, int w, int h, int bands, std::vector<float>& composite,
    bool hiddenOnly = false);

// Orders other dates nearest to `p`'s sensing time first (unknown times last, order kept).
void sortNearestFirst(const Product& p, std::vector<std::shared_ptr<Product>>& dates);

// The full-resolution cells globalFit samples when the two dates' decimated reads differ (the JP2
// blocks whose decode it costs): the product's kFitCell px cells split into 1 to 3 x 3 regions, about
// an eighth of the cells, and in each region the cell with the most pixels clear on both dates, none
// from a region without any. clear: per cell, row-major (ceil(W / kFitCell) x ceil(H / kFitCell)).
constexpr int kFitCell = 1024;
std::vector<Window> chooseFitCells(int W, int H, const std::vector<size_t>& clear);

// Scene-wide fits of `p` against `ref` on pixels clear on both: per band always, cross-band unless
// `fit` is PerBand, with the neighbourhood correction when `fit` is CrossBand (fitted on a
// full-resolution region of at most 512 x 512 px, the one with the most pixels clear on both). From a
// decimated read of both (at most 768 px) when those give the same pixels (Product::decimation), else from
// full-resolution cells of both (a GeoTIFF against a SAFE). The cross-band fit can fail (too few pixels with
// every band): then `cross.ok` is false and per-band lines are used. `progress`: cancellation is checked
// between the cells' reads. withError: also the fit's `mse`, which only blending several dates needs.
SceneFit globalFit(const Product& p, const Product& ref, const QStringList& bands, const MaskSpec& spec,
    TemporalFit fit = TemporalFit::CrossBand, const Progress& progress = {}, bool withError = true);

} // namespace unclouded::recon
