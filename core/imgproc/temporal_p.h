// Multi-date temporal fill on one window: per pixel, the first other date (in the caller's order,
// nearest date first) that is clear there, adjusted per band by a line fitted on pixels clear on
// both dates. Shared by reconstruction (the temporal method, the networks' pre-fill) and training,
// so a network learns on exactly the estimate it will be given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

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

// One other date seen on the window: bands x plane reflectance (NaN = nodata) and its hidden mask.
struct DateView
{
    const float* x = nullptr;
    const uint8_t* hidden = nullptr; // may be null: nothing hidden
    const std::vector<LinearFit>* fallback
        = nullptr; // scene-wide fits used when the window has too few pixels
};

// Minimum pixels for a window's own fit: a quarter of the window, at most 500.
size_t minFitPixels(size_t plane);

// Builds the composite of the other dates on the window: `composite` (bands x plane) holds, per
// pixel, the fitted value of the first date clear there, NaN where none is. Then copies it into
// `img` on `hidden` pixels. Returns the hidden pixels no date could show (to be inpainted).
std::vector<uint8_t> temporalComposite(std::vector<float>& img, const std::vector<uint8_t>& hidden,
    const std::vector<DateView>& dates, int w, int h, int bands, std::vector<float>& composite);

// temporalComposite, then Telea on what no date could show: the temporal method's estimate.
void temporalFill(std::vector<float>& img, const std::vector<uint8_t>& hidden,
    const std::vector<DateView>& dates, int w, int h, int bands, double radius,
    std::vector<float>& composite);

// Orders other dates nearest to `p`'s sensing time first (unknown times last, order kept).
void sortNearestFirst(const Product& p, std::vector<std::shared_ptr<Product>>& dates);

// Scene-wide per-band fit of `p` against `ref` on pixels clear on both (decimated read).
std::vector<LinearFit> globalFit(
    const Product& p, const Product& ref, const QStringList& bands, const MaskSpec& spec);

} // namespace unclouded::recon
