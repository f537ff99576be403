#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <omp.h>

#include "core/imgproc/harmonic_p.h"

// The kernels below are compiled for AVX-512 and AVX2 too and the CPU's best is chosen when the
// program loads (GCC's function multi-versioning): the build targets plain x86-64, and the wider
// vectors take about a quarter off a solve on an AVX-512 CPU (1.59 against 2.18 s, 240 solves, one thread).
// The file is compiled with -ffp-contract=off (core/CMakeLists.txt): no version fuses a multiply
// and an add, so every CPU gives the same bits. Function versions need ifunc: ELF and glibc.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__ELF__)                      \
    && defined(__GLIBC__) && !defined(UNCLOUDED_NO_CLONES)
#define UNCLOUDED_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define UNCLOUDED_CLONES
#endif

namespace unclouded::recon {

namespace {

// The equations, for every unknown pixel i with n_i neighbours inside the image (known or not):
// n_i v_i - sum of the neighbours' v = rhs_i. The known pixels hold their values (rhs 0: the fill
// itself; in a correction they hold 0).
//
// A grid of w x h pixels is stored with a one-pixel border (row stride w + 2): the kernels below
// run over whole rows and only select where to write, so the compiler vectorises them, and a known
// pixel is never written (whatever its value). Before the residual or the prolongation reads a
// grid of values, its border repeats the grid's edge (edges()): a pixel on the image's side then
// has its own value for the missing neighbour, which makes its equation that of its in-image
// neighbours (reflecting edges), and bilinear interpolation holds the edge value beyond it. The
// borders of right-hand sides and residuals stay 0 (the restriction of an odd size reads them).
struct Level
{
    int w = 0, h = 0, s = 0; // s: row stride
    std::vector<uint8_t> known; // w x h, unpadded
    std::vector<uint8_t> unk; // padded: 1 on unknown pixels
    std::vector<uint8_t> pattern[2]; // w: 1 on even / odd columns
    std::vector<float> e, rhs, r; // padded: the correction, its right-hand side, the residual
    std::vector<float> row, line, mix; // scratch rows (relax; prolong into this level)

    size_t at(int x, int y) const { return static_cast<size_t>(y + 1) * s + x + 1; }
    size_t size() const { return static_cast<size_t>(s) * (h + 2); }
};

void setUp(Level& l)
{
    l.s = l.w + 2;
    const size_t n = l.size();
    l.unk.assign(n, 0);
    l.e.assign(n, 0.0f), l.rhs.assign(n, 0.0f), l.r.assign(n, 0.0f);
    l.row.assign(l.s, 0.0f), l.line.assign(l.s, 0.0f), l.mix.assign(l.s, 0.0f);
    for (int y = 0; y < l.h; ++y)
        for (int x = 0; x < l.w; ++x)
            l.unk[l.at(x, y)] = l.known[static_cast<size_t>(y) * l.w + x] ? 0 : 1;
    for (int p = 0; p < 2; ++p) {
        l.pattern[p].assign(static_cast<size_t>(l.w), 0);
        for (int x = p; x < l.w; x += 2)
            l.pattern[p][static_cast<size_t>(x)] = 1;
    }
}

// The border of a padded w x h grid repeats its edge.
void edges(float* v, int w, int h)
{
    const int s = w + 2;
    for (int y = 1; y <= h; ++y) {
        float* row = v + static_cast<size_t>(y) * s;
        row[0] = row[1], row[w + 1] = row[w];
    }
    std::copy_n(v + s, s, v);
    std::copy_n(v + static_cast<size_t>(h) * s, s, v + static_cast<size_t>(h + 1) * s);
}

// The pixels of colour c ((x + y) % 2) on the grid's sides, solved exactly from their in-image
// neighbours (the row kernel averages four, one of them the border).
void solveSides(const Level& l, float* v, const float* rhs, int c)
{
    auto solve = [&](int x, int y) {
        const size_t i = l.at(x, y);
        if (((x + y) & 1) != c || !l.unk[i])
            return;
        float sum = rhs ? rhs[i] : 0.0f;
        int n = 0;
        if (x > 0)
            sum += v[i - 1], ++n;
        if (x + 1 < l.w)
            sum += v[i + 1], ++n;
        if (y > 0)
            sum += v[i - l.s], ++n;
        if (y + 1 < l.h)
            sum += v[i + l.s], ++n;
        if (n > 0)
            v[i] = sum / float(n);
    };
    for (int x = 0; x < l.w; ++x)
        solve(x, 0), solve(x, l.h - 1);
    for (int y = 1; y + 1 < l.h; ++y)
        solve(0, y), solve(l.w - 1, y);
}

// Red-black Gauss-Seidel: each colour's pixels depend only on the other colour's, so a colour's
// new values are computed for the whole row from the current ones and kept where it applies; the
// sides' pixels then again with the neighbours they have. rhs null: 0.
UNCLOUDED_CLONES void relax(Level& l, float* v, const float* rhs, int sweeps)
{
    const int w = l.w, s = l.s;
    float* t = l.row.data();
    for (int k = 0; k < sweeps; ++k)
        for (int c = 0; c < 2; ++c) {
            for (int y = 0; y < l.h; ++y) {
                const size_t o = l.at(0, y);
                float* vr = v + o;
                const float* up = vr - s;
                const float* dn = vr + s;
                const uint8_t* u = l.unk.data() + o;
                const uint8_t* p = l.pattern[(c + y) & 1].data();
                if (rhs) {
                    const float* f = rhs + o;
                    for (int x = 0; x < w; ++x)
                        t[x] = (f[x] + vr[x - 1] + vr[x + 1] + up[x] + dn[x]) * 0.25f;
                } else {
                    for (int x = 0; x < w; ++x)
                        t[x] = (vr[x - 1] + vr[x + 1] + up[x] + dn[x]) * 0.25f;
                }
                for (int x = 0; x < w; ++x) { // both operands loaded: a select, which vectorises
                    const float now = vr[x], next = t[x];
                    vr[x] = (u[x] & p[x]) ? next : now;
                }
            }
            solveSides(l, v, rhs, c);
        }
}

// rhs - (n v - neighbours) on unknown pixels, 0 on known ones (rhs null: 0).
UNCLOUDED_CLONES void residual(const Level& l, float* v, const float* rhs, float* out)
{
    const int w = l.w, s = l.s;
    edges(v, w, l.h);
    for (int y = 0; y < l.h; ++y) {
        const size_t o = l.at(0, y);
        const float* vr = v + o;
        const float* up = vr - s;
        const float* dn = vr + s;
        const uint8_t* u = l.unk.data() + o;
        float* r = out + o;
        if (rhs) {
            const float* f = rhs + o;
            for (int x = 0; x < w; ++x) {
                const float res = f[x] + vr[x - 1] + vr[x + 1] + up[x] + dn[x] - 4.0f * vr[x];
                r[x] = u[x] ? res : 0.0f;
            }
        } else {
            for (int x = 0; x < w; ++x) {
                const float res = vr[x - 1] + vr[x + 1] + up[x] + dn[x] - 4.0f * vr[x];
                r[x] = u[x] ? res : 0.0f;
            }
        }
    }
}

// Adds to the unknown pixels of v (a grid of level f) the coarse grid's values c (padded, cw x ch),
// bilinear at the fine pixels' centres and held at the coarse grid's edges; add = false sets them
// instead.
UNCLOUDED_CLONES void prolong(float* c, int cw, int ch, Level& f, float* v, bool add)
{
    const int cs = cw + 2;
    edges(c, cw, ch);
    float* line = f.line.data();
    float* cr = f.mix.data();
    for (int y = 0; y < f.h; ++y) {
        // Fine row y lies a quarter of a coarse row from coarse row y / 2, towards the next one
        // (odd y) or the previous one (even y).
        const int j = y / 2;
        const int jn = (y & 1) ? j + 1 : j - 1;
        const float* a = c + static_cast<size_t>(j + 1) * cs;
        const float* b = c + static_cast<size_t>(jn + 1) * cs;
        for (int x = 0; x < cs; ++x)
            cr[x] = 0.75f * a[x] + 0.25f * b[x];
        const float* q = cr + 1;
        for (int x = 0; x < f.w; ++x) {
            const int i = x >> 1;
            const int in = (x & 1) ? i + 1 : i - 1;
            line[x] = 0.75f * q[i] + 0.25f * q[in];
        }
        const size_t o = f.at(0, y);
        float* vr = v + o;
        const uint8_t* u = f.unk.data() + o;
        if (add)
            for (int x = 0; x < f.w; ++x) {
                const float now = vr[x], sum = now + line[x];
                vr[x] = u[x] ? sum : now;
            }
        else
            for (int x = 0; x < f.w; ++x) {
                const float now = vr[x], next = line[x];
                vr[x] = u[x] ? next : now;
            }
    }
}

// The grids of the V-cycles, finest first, made once per solve: each half as fine as the one
// before, a block known (no correction) where any of its pixels is, so the coarse problems stay
// anchored (never a reflecting box with nothing held, which has no solution).
std::vector<Level> hierarchy(const uint8_t* known, int w, int h)
{
    std::vector<Level> levels;
    levels.push_back({});
    levels.back().w = w, levels.back().h = h;
    levels.back().known.assign(known, known + static_cast<size_t>(w) * h);
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
    for (Level& l : levels)
        setUp(l);
    return levels;
}

// One V-cycle for the correction levels[k].e with right-hand side levels[k].rhs: smooth, hand
// the residual (four times each 2 x 2 block's mean: the coarse grid's spacing is twice as large)
// to the next level, add its correction, smooth.
//
// Where an odd last row or column leaves half a block, the block's sum reads the fine border
// (which is 0) and is scaled by halfScale: 1 gave one-pixel-wide grids half their correction (a
// long thin cloud needed the 30 cycles and stayed 1e-3 off), 2 (the whole block's mean) made the
// cycles diverge where a cloud filled the corner of a grid odd both ways, since the coarse block
// reaches a pixel past the reflecting edge (the 1800 px demo's scene prior, 450 x 450: every band
// ran the 30 cycles and ended 0.19 off; random shapes up to 451 x 449: 42 of 300 more than 3e-4
// off, some by millions). 1.5 converged on all 300 (with the rule for lines below at most 3.6e-4
// off, the fewest cycles); harmonicPlane falls back to 1 if the cycles still grow.
void vcycle(std::vector<Level>& levels, size_t k, float halfScale)
{
    Level& f = levels[k];
    relax(f, f.e.data(), f.rhs.data(), 2);
    if (k + 1 < levels.size()) {
        Level& c = levels[k + 1];
        residual(f, f.e.data(), f.rhs.data(), f.r.data());
        std::fill(c.e.begin(), c.e.end(), 0.0f);
        // A grid one pixel high (or wide) is a line: across it the mirrored border is exact (2);
        // along it, at its odd end, only 1 kept every line converging.
        const bool halfColumn = f.w % 2 == 1;
        const float rowHalf = f.h == 1 ? 2.0f : f.w == 1 ? 1.0f : halfScale;
        const float columnHalf = f.w == 1 ? 2.0f : f.h == 1 ? 1.0f : halfScale;
        for (int y = 0; y < c.h; ++y) {
            float* cr = c.rhs.data() + c.at(0, y);
            const float* r0 = f.r.data() + f.at(0, 2 * y);
            const float* r1 = r0 + f.s;
            const float rowScale = 2 * y + 1 < f.h ? 1.0f : rowHalf;
            for (int x = 0; x < c.w; ++x)
                cr[x] = (r0[2 * x] + r0[2 * x + 1] + r1[2 * x] + r1[2 * x + 1]) * rowScale;
            if (halfColumn)
                cr[c.w - 1] *= columnHalf;
        }
        vcycle(levels, k + 1, halfScale);
        prolong(c.e.data(), c.w, c.h, f, f.e.data(), true);
    }
    relax(f, f.e.data(), f.rhs.data(), 2);
}

// v += e over a padded grid; returns the largest |e| (in lanes, so that it vectorises). e is 0 on
// known pixels (never written); its border holds copies of its edge taken before the last
// corrections, so the largest may be overstated (a cycle more), never understated. The border of v
// it adds to is refreshed before it is read.
UNCLOUDED_CLONES float update(float* v, const float* e, size_t n)
{
    float lanes[16] = {};
    size_t i = 0;
    for (; i + 16 <= n; i += 16)
        for (int k = 0; k < 16; ++k) {
            v[i + k] += e[i + k];
            const float a = std::abs(e[i + k]);
            lanes[k] = lanes[k] > a ? lanes[k] : a;
        }
    float most = 0;
    for (; i < n; ++i) {
        v[i] += e[i];
        most = std::max(most, std::abs(e[i]));
    }
    for (float l : lanes)
        most = std::max(most, l);
    return most;
}

} // namespace

bool harmonicPlane(float* v, const uint8_t* known, int w, int h, float tolerance, float halfWeight)
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
    std::vector<uint8_t> bk(static_cast<size_t>(bw) * bh);
    for (int y = 0; y < bh; ++y)
        std::copy_n(
            known + static_cast<size_t>(y0 + y) * w + x0, bw, bk.data() + static_cast<size_t>(y) * bw);
    std::vector<Level> levels = hierarchy(bk.data(), bw, bh);
    Level& top = levels.front();
    std::vector<float> bv(top.size(), 0.0f);
    for (int y = 0; y < bh; ++y)
        std::copy_n(v + static_cast<size_t>(y0 + y) * w + x0, bw, bv.data() + top.at(0, y));

    // Unknown values may be NaN: 0 until the start below sets them.
    for (size_t i = 0; i < bv.size(); ++i)
        if (top.unk[i])
            bv[i] = 0.0f;
    // The starting guess: block means of the known pixels on each level of the hierarchy, and on one
    // level coarser still, where every block is known; each level interpolated into the finer one's
    // unknown pixels and smoothed.
    auto means = [](const Level& f, const std::vector<float>& fv, int cw, int ch) {
        const int cs = cw + 2;
        std::vector<float> m(static_cast<size_t>(cs) * (ch + 2), 0.0f), count(m.size(), 0.0f);
        for (int y = 0; y < f.h; ++y)
            for (int x = 0; x < f.w; ++x)
                if (f.known[static_cast<size_t>(y) * f.w + x]) {
                    const size_t c = static_cast<size_t>(y / 2 + 1) * cs + x / 2 + 1;
                    m[c] += fv[f.at(x, y)];
                    count[c] += 1.0f;
                }
        for (size_t i = 0; i < m.size(); ++i)
            if (count[i] > 0)
                m[i] /= count[i];
        return m;
    };
    std::vector<std::vector<float>> start(levels.size());
    start[0] = std::move(bv);
    for (size_t k = 1; k < levels.size(); ++k)
        start[k] = means(levels[k - 1], start[k - 1], levels[k].w, levels[k].h);
    Level& last = levels.back();
    if (last.w > 2 || last.h > 2) {
        const int cw = (last.w + 1) / 2, ch = (last.h + 1) / 2;
        std::vector<float> m = means(last, start.back(), cw, ch);
        prolong(m.data(), cw, ch, last, start.back().data(), false);
    } else { // 2 x 2 or less: its unknown blocks take the mean of its known ones
        double sum = 0;
        int count = 0;
        for (int y = 0; y < last.h; ++y)
            for (int x = 0; x < last.w; ++x)
                if (last.known[static_cast<size_t>(y) * last.w + x])
                    sum += start.back()[last.at(x, y)], ++count;
        for (int y = 0; y < last.h; ++y)
            for (int x = 0; x < last.w; ++x)
                if (!last.known[static_cast<size_t>(y) * last.w + x])
                    start.back()[last.at(x, y)] = float(sum / std::max(count, 1));
    }
    relax(levels.back(), start.back().data(), nullptr, 2);
    for (size_t k = levels.size() - 1; k > 0; --k) {
        prolong(start[k].data(), levels[k].w, levels[k].h, levels[k - 1], start[k - 1].data(), false);
        relax(levels[k - 1], start[k - 1].data(), nullptr, 2);
    }
    bv = std::move(start[0]);

    // V-cycles until the correction is below the tolerance (for the harmonic method the products'
    // precision, 1e-4 reflectance: the scores on real clouds are those of a solve to 1e-5,
    // bench/results/harmonic.md); each cycle divides the error by about 2.5 there (30 at most).
    float halfScale = halfWeight, previous = std::numeric_limits<float>::infinity();
    for (int cycle = 0, growing = 0; cycle < 30; ++cycle) {
        residual(top, bv.data(), nullptr, top.rhs.data());
        std::fill(top.e.begin(), top.e.end(), 0.0f);
        vcycle(levels, 0, halfScale);
        const float most = update(bv.data(), top.e.data(), top.size());
        if (most < tolerance)
            break;
        // Corrections that grow twice in a row: the half blocks' scaling does not suit this shape;
        // the plain sums never diverged (slower on thin grids).
        growing = most > previous ? growing + 1 : 0;
        previous = most;
        if (growing == 2 && halfScale != 1.0f)
            halfScale = 1.0f, growing = 0;
    }
    for (int y = 0; y < bh; ++y)
        std::copy_n(bv.data() + top.at(0, y), bw, v + static_cast<size_t>(y0 + y) * w + x0);
    return true;
}

void harmonicBands(
    std::vector<float>& img, const std::vector<uint8_t>& mask, int w, int h, int bands, float tolerance)
{
    harmonicBands(img, mask, w, h, bands, tolerance, Progress());
}

void harmonicBands(std::vector<float>& img, const std::vector<uint8_t>& mask, int w, int h, int bands,
    float tolerance, const Progress& progress)
{
    const size_t plane = static_cast<size_t>(w) * h;
    // An exception must not leave an OpenMP region (the process would end): the first is kept and
    // thrown after the loop.
    std::exception_ptr failure;
#pragma omp parallel for schedule(static)
    for (int b = 0; b < bands; ++b) {
        try {
            if (progress.isCancelled())
                continue;
            float* p = img.data() + b * plane;
            std::vector<uint8_t> known(plane);
            for (size_t i = 0; i < plane; ++i)
                known[i] = !mask[i] && std::isfinite(p[i]) ? 1 : 0;
            if (!harmonicPlane(p, known.data(), w, h, tolerance))
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
    progress.throwIfCancelled();
}

float hazeThreshold(const float* blue, const float* red, const uint8_t* hidden, int w, int h)
{
    const size_t n = static_cast<size_t>(w) * h;
    // Within 3 4-steps of a hidden pixel: three one-step dilations.
    std::vector<uint8_t> near(hidden, hidden + n);
    for (int step = 0; step < 3; ++step) {
        std::vector<uint8_t> next(near);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const size_t i = static_cast<size_t>(y) * w + x;
                if (near[i])
                    continue;
                next[i] = (x > 0 && near[i - 1]) || (x + 1 < w && near[i + 1]) || (y > 0 && near[i - w])
                    || (y + 1 < h && near[i + w]);
            }
        near.swap(next);
    }
    std::vector<float> hot;
    for (size_t i = 0; i < n; ++i)
        if (!near[i] && std::isfinite(blue[i]) && std::isfinite(red[i]))
            hot.push_back(blue[i] - 0.5f * red[i]);
    if (hot.size() < 200)
        return std::numeric_limits<float>::quiet_NaN();
    auto median = [](std::vector<float>& v) {
        std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
        return v[v.size() / 2];
    };
    const float med = median(hot);
    for (float& v : hot)
        v = std::abs(v - med);
    const float mad = median(hot);
    return med + std::max(8.0f * mad, 0.03f);
}

size_t markHazyEdges(const float* blue, const float* red, const float* nir, float threshold, int reach, int w,
    int h, const uint8_t* cloud, std::vector<uint8_t>& unknown)
{
    if (!std::isfinite(threshold) || reach <= 0)
        return 0;
    const size_t n = static_cast<size_t>(w) * h;
    // Water is dark with NIR below red; a NaN NIR (that band's no data) cannot rule water out, so
    // such a pixel stays held as without the guard.
    auto hazy = [&](size_t i) {
        return !unknown[i] && std::isfinite(blue[i]) && std::isfinite(red[i])
            && blue[i] - 0.5f * red[i] > threshold && !(nir && !(nir[i] >= 0.8f * red[i]) && blue[i] < 0.2f);
    };
    // Breadth first from every cloud pixel, one ring per step.
    std::vector<size_t> ring, next;
    for (size_t i = 0; i < n; ++i)
        if (cloud[i])
            ring.push_back(i);
    size_t marked = 0;
    for (int step = 0; step < reach && !ring.empty(); ++step) {
        next.clear();
        for (size_t i : ring) {
            const int x = static_cast<int>(i % w), y = static_cast<int>(i / w);
            for (const size_t j :
                { x > 0 ? i - 1 : n, x + 1 < w ? i + 1 : n, y > 0 ? i - w : n, y + 1 < h ? i + w : n })
                if (j < n && hazy(j)) {
                    unknown[j] = 1;
                    next.push_back(j);
                }
        }
        marked += next.size();
        ring.swap(next);
    }
    return marked;
}

} // namespace unclouded::recon
