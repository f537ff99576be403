#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <omp.h>

#include "core/imgproc/harmonic_p.h"

namespace unclouded::recon {

namespace {

// The equations, for every unknown pixel i with n_i neighbours inside the image (known or not):
// n_i v_i - sum of the neighbours' v = rhs_i. The known pixels hold their values (rhs 0: the fill
// itself; in a correction they hold 0). Red-black Gauss-Seidel sweeps.
// The sum of the in-image neighbours of pixel (x, y) of v; n: how many there are.
float neighbourSum(const float* v, int x, int y, int w, int h, int& n)
{
    const size_t i = static_cast<size_t>(y) * w + x;
    float sum = 0;
    n = 0;
    if (x > 0)
        sum += v[i - 1], ++n;
    if (x + 1 < w)
        sum += v[i + 1], ++n;
    if (y > 0)
        sum += v[i - w], ++n;
    if (y + 1 < h)
        sum += v[i + w], ++n;
    return sum;
}

void relax(float* v, const float* rhs, const uint8_t* known, int w, int h, int sweeps)
{
    for (int s = 0; s < sweeps; ++s)
        for (int colour = 0; colour < 2; ++colour)
            for (int y = 0; y < h; ++y) {
                const float* up = y > 0 ? v + static_cast<size_t>(y - 1) * w : nullptr;
                const float* down = y + 1 < h ? v + static_cast<size_t>(y + 1) * w : nullptr;
                float* row = v + static_cast<size_t>(y) * w;
                const uint8_t* k = known + static_cast<size_t>(y) * w;
                const float* f = rhs ? rhs + static_cast<size_t>(y) * w : nullptr;
                auto edge = [&](int x) { // a pixel on the image's side: only the neighbours it has
                    int n = 0;
                    const float sum = (f ? f[x] : 0.0f) + neighbourSum(v, x, y, w, h, n);
                    if (n > 0)
                        row[x] = sum / n;
                };
                const int first = (y + colour) & 1;
                if (!up || !down) {
                    for (int x = first; x < w; x += 2)
                        if (!k[x])
                            edge(x);
                    continue;
                }
                int x = first;
                if (x == 0) {
                    if (!k[0])
                        edge(0);
                    x = 2;
                }
                for (; x < w - 1; x += 2)
                    if (!k[x])
                        row[x] = ((f ? f[x] : 0.0f) + row[x - 1] + row[x + 1] + up[x] + down[x]) * 0.25f;
                if (x == w - 1 && !k[x])
                    edge(x);
            }
}

// rhs - (n v - neighbours) on unknown pixels, 0 on known ones.
void residual(const float* v, const float* rhs, const uint8_t* known, int w, int h, float* out)
{
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const size_t i = static_cast<size_t>(y) * w + x;
            if (known[i]) {
                out[i] = 0;
                continue;
            }
            int n = 0;
            const float sum = (rhs ? rhs[i] : 0.0f) + neighbourSum(v, x, y, w, h, n);
            out[i] = sum - n * v[i];
        }
}

// Adds the coarse grid's values, bilinear at the fine pixels' centres, to the unknown fine pixels
// (add = false: sets them).
void prolong(const float* c, int cw, int ch, const uint8_t* known, int w, int h, float* v, bool add)
{
    for (int y = 0; y < h; ++y) {
        const double fv = std::clamp((y + 0.5) / 2 - 0.5, 0.0, ch - 1.0);
        const int j0 = std::min(int(fv), std::max(0, ch - 2));
        const int j1 = std::min(j0 + 1, ch - 1);
        const double ty = fv - j0;
        for (int x = 0; x < w; ++x) {
            const size_t i = static_cast<size_t>(y) * w + x;
            if (known[i])
                continue;
            const double fu = std::clamp((x + 0.5) / 2 - 0.5, 0.0, cw - 1.0);
            const int i0 = std::min(int(fu), std::max(0, cw - 2));
            const int i1 = std::min(i0 + 1, cw - 1);
            const double tx = fu - i0;
            auto at = [&](int a, int b) { return double(c[static_cast<size_t>(b) * cw + a]); };
            const auto val = static_cast<float>((at(i0, j0) * (1 - tx) + at(i1, j0) * tx) * (1 - ty)
                + (at(i0, j1) * (1 - tx) + at(i1, j1) * tx) * ty);
            v[i] = add ? v[i] + val : val;
        }
    }
}

// The grids of the V-cycles, finest first, made once per solve: each half as fine as the one
// before, a block known (no correction) where any of its pixels is, so the coarse problems stay
// anchored (never a reflecting box with nothing held, which has no solution); the band this leaves
// at each edge is the smoothing's. Buffers for the correction, its right-hand side and the residual.
struct Level
{
    int w = 0, h = 0;
    std::vector<uint8_t> known;
    std::vector<float> e, rhs, r;
};

std::vector<Level> hierarchy(const uint8_t* known, int w, int h)
{
    std::vector<Level> levels;
    levels.push_back({ w, h, std::vector<uint8_t>(known, known + static_cast<size_t>(w) * h), {}, {}, {} });
    while (levels.back().w > 2 || levels.back().h > 2) {
        const Level& f = levels.back();
        Level c;
        c.w = (f.w + 1) / 2, c.h = (f.h + 1) / 2;
        c.known.assign(static_cast<size_t>(c.w) * c.h, 0);
        for (int y = 0; y < f.h; ++y)
            for (int x = 0; x < f.w; ++x)
                if (f.known[static_cast<size_t>(y) * f.w + x])
                    c.known[static_cast<size_t>(y / 2) * c.w + x / 2] = 1;
        if (std::all_of(c.known.begin(), c.known.end(), [](uint8_t k) { return k != 0; }))
            break;
        levels.push_back(std::move(c));
    }
    for (Level& l : levels) {
        const size_t n = static_cast<size_t>(l.w) * l.h;
        l.e.resize(n), l.rhs.resize(n), l.r.resize(n);
    }
    return levels;
}

// One V-cycle for the correction levels[k].e of the equations above with right-hand side
// levels[k].rhs: smooth, hand the residual (summed over 2 x 2 blocks: the coarse grid's spacing is
// twice as large) to the next level, add its correction, smooth.
void vcycle(std::vector<Level>& levels, size_t k)
{
    Level& f = levels[k];
    relax(f.e.data(), f.rhs.data(), f.known.data(), f.w, f.h, 2);
    if (k + 1 < levels.size()) {
        Level& c = levels[k + 1];
        residual(f.e.data(), f.rhs.data(), f.known.data(), f.w, f.h, f.r.data());
        std::fill(c.rhs.begin(), c.rhs.end(), 0.0f);
        std::fill(c.e.begin(), c.e.end(), 0.0f);
        for (int y = 0; y < f.h; ++y) {
            float* crow = c.rhs.data() + static_cast<size_t>(y / 2) * c.w;
            const float* row = f.r.data() + static_cast<size_t>(y) * f.w;
            for (int x = 0; x < f.w; ++x)
                crow[x / 2] += row[x];
        }
        vcycle(levels, k + 1);
        prolong(c.e.data(), c.w, c.h, f.known.data(), f.w, f.h, f.e.data(), true);
    }
    relax(f.e.data(), f.rhs.data(), f.known.data(), f.w, f.h, 2);
}

// The starting guess: block means of the known pixels, halved until all is known (a block is
// known where any of its pixels is), each level interpolated into the finer one's unknown pixels.
void cascade(float* v, const uint8_t* known, int w, int h)
{
    const size_t plane = static_cast<size_t>(w) * h;
    if (std::all_of(known, known + plane, [](uint8_t k) { return k != 0; }))
        return;
    const int cw = (w + 1) / 2, ch = (h + 1) / 2;
    std::vector<float> cv(static_cast<size_t>(cw) * ch, 0.0f);
    std::vector<uint8_t> ck(cv.size(), 0);
    std::vector<int> n(cv.size(), 0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const size_t i = static_cast<size_t>(y) * w + x, c = static_cast<size_t>(y / 2) * cw + x / 2;
            if (known[i]) {
                cv[c] += v[i];
                ++n[c];
            }
        }
    for (size_t c = 0; c < cv.size(); ++c)
        if (n[c] > 0) {
            cv[c] /= n[c];
            ck[c] = 1;
        }
    cascade(cv.data(), ck.data(), cw, ch);
    prolong(cv.data(), cw, ch, known, w, h, v, false);
    relax(v, nullptr, known, w, h, 2);
}

} // namespace

bool harmonicPlane(float* v, const uint8_t* known, int w, int h)
{
    const size_t plane = static_cast<size_t>(w) * h;
    if (std::none_of(known, known + plane, [](uint8_t k) { return k != 0; }))
        return false;
    // Only the box around the unknown pixels, one pixel wider, is solved: its sides are then known
    // (or the image's own), so the pixels outside play no part, and it holds a known pixel.
    int x0 = w, y0 = h, x1 = -1, y1 = -1;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (!known[static_cast<size_t>(y) * w + x]) {
                x0 = std::min(x0, x), x1 = std::max(x1, x);
                y0 = std::min(y0, y), y1 = std::max(y1, y);
            }
    if (x1 < 0)
        return true;
    x0 = std::max(0, x0 - 1), y0 = std::max(0, y0 - 1);
    x1 = std::min(w - 1, x1 + 1), y1 = std::min(h - 1, y1 + 1);
    const int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
    const size_t bplane = static_cast<size_t>(bw) * bh;
    std::vector<float> bv(bplane);
    std::vector<uint8_t> bk(bplane);
    for (int y = 0; y < bh; ++y) {
        const size_t src = static_cast<size_t>(y0 + y) * w + x0;
        std::copy_n(v + src, bw, bv.data() + static_cast<size_t>(y) * bw);
        std::copy_n(known + src, bw, bk.data() + static_cast<size_t>(y) * bw);
    }
    cascade(bv.data(), bk.data(), bw, bh);
    // V-cycles until the correction is below the products' precision (1e-4 reflectance, one DN):
    // the scores on real clouds are those of a solve to 1e-5 (bench/results/harmonic.md); each
    // cycle divides the error by about 2.5 there.
    std::vector<Level> levels = hierarchy(bk.data(), bw, bh);
    Level& top = levels.front();
    for (int cycle = 0; cycle < 30; ++cycle) {
        residual(bv.data(), nullptr, bk.data(), bw, bh, top.rhs.data());
        std::fill(top.e.begin(), top.e.end(), 0.0f);
        vcycle(levels, 0);
        float most = 0;
        for (size_t i = 0; i < bplane; ++i) {
            bv[i] += top.e[i];
            most = std::max(most, std::abs(top.e[i]));
        }
        if (most < 1e-4f)
            break; // 30 cycles at most: about 1e-12 of the first correction at 2.5x a cycle
    }
    for (int y = 0; y < bh; ++y)
        std::copy_n(bv.data() + static_cast<size_t>(y) * bw, bw, v + static_cast<size_t>(y0 + y) * w + x0);
    return true;
}

void harmonicBands(std::vector<float>& img, const std::vector<uint8_t>& mask, int w, int h, int bands)
{
    const size_t plane = static_cast<size_t>(w) * h;
    // An exception must not leave an OpenMP region (the process would end): the first is kept and
    // thrown after the loop.
    std::exception_ptr failure;
#pragma omp parallel for schedule(static)
    for (int b = 0; b < bands; ++b) {
        try {
            float* p = img.data() + b * plane;
            std::vector<uint8_t> known(plane);
            for (size_t i = 0; i < plane; ++i)
                known[i] = !mask[i] && std::isfinite(p[i]) ? 1 : 0;
            if (!harmonicPlane(p, known.data(), w, h))
                for (size_t i = 0; i < plane; ++i)
                    if (!known[i])
                        p[i] = std::numeric_limits<float>::quiet_NaN();
        } catch (...) {
#pragma omp critical(unclouded_harmonic_failure)
            if (!failure)
                failure = std::current_exception();
        }
    }
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace unclouded::recon
