#include <algorithm>
#include <cmath>

#include "core/imgproc/inpaint_p.h"
#include "core/ml/netinput_p.h"

namespace unclouded::ml {

namespace {
constexpr int kTelea = 1; // cv::INPAINT_TELEA (OpenCV stays inside imgproc)
}

void buildNetInput(const ModelConfig& cfg, const std::vector<float>& mean, const std::vector<float>& sd,
    int bands, size_t plane, const float* filled, const uint8_t* hidden, const float* refc, float* out)
{
    const int C = cfg.inChannels();
    auto norm
        = [&](float v, int b) { return std::isfinite(v) ? (v - normAt(mean, b)) / normAt(sd, b) : 0.0f; };
    for (int b = 0; b < bands; ++b) {
        // Channel offsets of band b's data, its mask and its reference in the output.
        float* xb
            = cfg.perBand ? out + static_cast<size_t>(b) * C * plane : out + static_cast<size_t>(b) * plane;
        float* mk = cfg.perBand ? xb + plane : out + static_cast<size_t>(bands) * plane;
        float* rb = cfg.perBand ? xb + 2 * plane : out + static_cast<size_t>(bands + 1 + b) * plane;
        const float* src = filled + static_cast<size_t>(b) * plane;
        for (size_t i = 0; i < plane; ++i)
            xb[i] = norm(src[i], b);
        if (cfg.perBand || b == 0)
            for (size_t i = 0; i < plane; ++i)
                mk[i] = hidden[i] ? 1.0f : 0.0f;
        if (cfg.reference) {
            const float* r = refc ? refc + static_cast<size_t>(b) * plane : nullptr;
            for (size_t i = 0; i < plane; ++i)
                rb[i] = r ? norm(r[i], b) : 0.0f;
        }
    }
}

void denormalise(
    const std::vector<float>& mean, const std::vector<float>& sd, int bands, size_t plane, float* y)
{
    for (int b = 0; b < bands; ++b) {
        const float m = normAt(mean, b), s = normAt(sd, b);
        float* p = y + static_cast<size_t>(b) * plane;
        for (size_t i = 0; i < plane; ++i)
            p[i] = p[i] * s + m;
    }
}

void coarsePrefill(
    std::vector<float>& img, const std::vector<uint8_t>& hidden, int w, int h, int bands, int factor)
{
    if (factor <= 1) {
        recon::inpaintBands(img, hidden, w, h, bands, kTelea, 3.0); // as the scene prior
        return;
    }
    const int cw = std::max(2, (w + factor - 1) / factor), ch = std::max(2, (h + factor - 1) / factor);
    const size_t plane = static_cast<size_t>(w) * h, cplane = static_cast<size_t>(cw) * ch;
    std::vector<float> small(cplane * bands, 0.0f);
    std::vector<uint8_t> smallHidden(cplane, 1);
    std::vector<int> count(cplane, 0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const size_t i = static_cast<size_t>(y) * w + x;
            if (hidden[i] || !std::isfinite(img[i]))
                continue;
            const size_t c
                = static_cast<size_t>(std::min(y / factor, ch - 1)) * cw + std::min(x / factor, cw - 1);
            ++count[c];
            for (int b = 0; b < bands; ++b)
                small[b * cplane + c] += img[b * plane + i];
        }
    for (size_t c = 0; c < cplane; ++c)
        if (count[c] > 0) {
            smallHidden[c] = 0;
            for (int b = 0; b < bands; ++b)
                small[b * cplane + c] /= count[c];
        }
    recon::inpaintBands(small, smallHidden, cw, ch, bands, kTelea, 3.0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const size_t i = static_cast<size_t>(y) * w + x;
            if (!hidden[i])
                continue;
            const double u = std::clamp((x + 0.5) / factor - 0.5, 0.0, cw - 1.0),
                         v = std::clamp((y + 0.5) / factor - 0.5, 0.0, ch - 1.0);
            const int i0 = std::min(int(u), cw - 2), j0 = std::min(int(v), ch - 2);
            const double fu = u - i0, fv = v - j0;
            for (int b = 0; b < bands; ++b) {
                const float* d = small.data() + b * cplane;
                auto px = [&](int a, int c) { return double(d[static_cast<size_t>(c) * cw + a]); };
                img[b * plane + i]
                    = static_cast<float>((px(i0, j0) * (1 - fu) + px(i0 + 1, j0) * fu) * (1 - fv)
                        + (px(i0, j0 + 1) * (1 - fu) + px(i0 + 1, j0 + 1) * fu) * fv);
            }
        }
}

} // namespace unclouded::ml
