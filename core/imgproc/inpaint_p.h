// OpenCV inpainting of band planes, shared by reconstruction (Telea / Navier-Stokes methods, the
// coarse prior, temporal fill's leftovers) and training (networks that see hidden pixels pre-filled).
#pragma once

#include <cstdint>
#include <vector>

namespace unclouded::recon {

// Fills the pixels where mask != 0 or a value is NaN, band by band (bands planes of w x h
// reflectance, in place). flags: cv::INPAINT_TELEA (1) or cv::INPAINT_NS (0). A band with nothing
// known becomes NaN.
// maxDepth (Telea only; 0: no limit): only pixels up to about that many px from known ones are
// filled, with the values the whole fill gives them; the rest become NaN.
void inpaintBands(std::vector<float>& img, const std::vector<uint8_t>& mask, int w, int h, int bands,
    int flags, double radius, double maxDepth = 0);

} // namespace unclouded::recon
