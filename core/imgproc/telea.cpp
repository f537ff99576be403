#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <queue>

#include "core/imgproc/telea_p.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// The arithmetic below is OpenCV 4.6's, operation for operation and type for type (its float and
// double steps included), so the result is the same to the last bit; this file is compiled
// without floating-point contraction (core/CMakeLists.txt) for the same reason.

namespace unclouded::recon {

namespace {

enum : uint8_t { Known = 0, Band = 1, Inside = 2, Change = 3 };

// The narrow band: smallest arrival time first, equal times in the order they were pushed.
class NarrowBand
{
public:
    void push(int i, int j, float t) { m_q.push({ t, m_next++, i, j }); }
    bool pop(int& i, int& j)
    {
        if (m_q.empty())
            return false;
        i = m_q.top().i;
        j = m_q.top().j;
        m_q.pop();
        return true;
    }

private:
    struct Item
    {
        float t;
        uint32_t order;
        int i, j;
    };
    struct Later
    {
        bool operator()(const Item& a, const Item& b) const
        {
            return a.t > b.t || (a.t == b.t && a.order > b.order);
        }
    };
    std::priority_queue<Item, std::vector<Item>, Later> m_q;
    uint32_t m_next = 0;
};

// OpenCV's saturate_cast<ushort>(float): round half to even (cvRound), then clamp; values out of
// int's range (and NaN) come out as 0, as the SSE conversion gives INT_MIN for them.
uint16_t toU16(float v)
{
#if defined(__SSE2__)
    const int iv = _mm_cvtss_si32(_mm_set_ss(v));
#else
    const int iv = static_cast<int>(std::nearbyint(v));
#endif
    return static_cast<uint16_t>(iv < 0 ? 0 : iv > 65535 ? 65535 : iv);
}

struct Grid
{
    int rows, cols; // the image plus a one-pixel frame
    std::vector<uint8_t> f; // Known / Band / Inside / Change
    std::vector<float> t; // arrival time
    size_t at(int i, int j) const { return static_cast<size_t>(i) * cols + j; }
};

float solve(int i1, int j1, int i2, int j2, const std::vector<uint8_t>& f, const Grid& g)
{
    const double a11 = g.t[g.at(i1, j1)], a22 = g.t[g.at(i2, j2)];
    const double m12 = a11 > a22 ? a22 : a11;
    double sol;
    if (f[g.at(i1, j1)] != Inside) {
        if (f[g.at(i2, j2)] != Inside)
            sol = std::fabs(a11 - a22) >= 1.0 ? 1 + m12
                                              : (a11 + a22 + std::sqrt(2 - (a11 - a22) * (a11 - a22))) * 0.5;
        else
            sol = 1 + a11;
    } else if (f[g.at(i2, j2)] != Inside) {
        sol = 1 + a22;
    } else {
        sol = 1 + m12;
    }
    return static_cast<float>(sol);
}

float min4(float a, float b, float c, float d)
{
    a = a > b ? b : a;
    c = c > d ? d : c;
    return a > c ? c : a;
}

float arrival(int i, int j, const std::vector<uint8_t>& f, const Grid& g)
{
    return min4(solve(i - 1, j, i, j - 1, f, g), solve(i + 1, j, i, j - 1, f, g),
        solve(i - 1, j, i, j + 1, f, g), solve(i + 1, j, i, j + 1, f, g));
}

constexpr int kDi[4] = { -1, 0, 1, 0 }, kDj[4] = { 0, -1, 0, 1 }; // up, left, down, right

} // namespace

void teleaInpaint16u(const std::vector<uint16_t*>& planes, const uint8_t* mask, int w, int h, double radius,
    float maxArrival, uint8_t* filled)
{
    if (w < 2 || h < 2)
        throw std::invalid_argument("Telea inpainting needs an image of 2 x 2 pixels or more");
    const int range = std::clamp(static_cast<int>(std::lrint(radius)), 1, 100);
    Grid g { h + 2, w + 2, {}, {} };
    const size_t n = static_cast<size_t>(g.rows) * g.cols;
    std::vector<uint8_t> hidden(n, Known); // the mask inside its frame
    size_t count = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (mask[static_cast<size_t>(y) * w + x]) {
                hidden[g.at(y + 1, x + 1)] = Inside;
                ++count;
            }
    if (filled)
        std::fill(filled, filled + static_cast<size_t>(w) * h, uint8_t(0));
    if (count == 0)
        return;
    // The band: pixels next to a hidden one (4-neighbours), not hidden themselves, off the frame.
    std::vector<uint8_t> band(n, 0);
    for (int i = 1; i < g.rows - 1; ++i)
        for (int j = 1; j < g.cols - 1; ++j)
            band[g.at(i, j)] = hidden[g.at(i, j)] != Inside
                && (hidden[g.at(i - 1, j)] == Inside || hidden[g.at(i + 1, j)] == Inside
                    || hidden[g.at(i, j - 1)] == Inside || hidden[g.at(i, j + 1)] == Inside);
    g.t.assign(n, 1.0e6f);
    for (size_t k = 0; k < n; ++k)
        if (band[k])
            g.t[k] = 0;

    // Outside: arrival times (negated) in the ring within `range` (square) of the hidden pixels,
    // marched outwards from the band; they shape the inside march's gradients at the border.
    {
        // Square dilation as two running counts: rows, then columns.
        std::vector<int> rowHits(n, 0);
        for (int i = 0; i < g.rows; ++i) {
            int c = 0;
            for (int j = 0; j < std::min(range, g.cols); ++j)
                c += hidden[g.at(i, j)] == Inside;
            for (int j = 0; j < g.cols; ++j) {
                if (j + range < g.cols)
                    c += hidden[g.at(i, j + range)] == Inside;
                if (j - range - 1 >= 0)
                    c -= hidden[g.at(i, j - range - 1)] == Inside;
                rowHits[g.at(i, j)] = c;
            }
        }
        std::vector<uint8_t> ring(n, Known);
        for (int j = 0; j < g.cols; ++j) {
            int c = 0;
            for (int i = 0; i < std::min(range, g.rows); ++i)
                c += rowHits[g.at(i, j)] > 0;
            for (int i = 0; i < g.rows; ++i) {
                if (i + range < g.rows)
                    c += rowHits[g.at(i + range, j)] > 0;
                if (i - range - 1 >= 0)
                    c -= rowHits[g.at(i - range - 1, j)] > 0;
                const size_t k = g.at(i, j);
                const bool frame = i == 0 || j == 0 || i == g.rows - 1 || j == g.cols - 1;
                if (c > 0 && hidden[k] != Inside && !band[k] && !frame)
                    ring[k] = Inside;
            }
        }
        NarrowBand out;
        for (int i = 0; i < g.rows; ++i)
            for (int j = 0; j < g.cols; ++j)
                if (band[g.at(i, j)])
                    out.push(i, j, 0);
        int ii = 0, jj = 0;
        while (out.pop(ii, jj)) {
            ring[g.at(ii, jj)] = Change;
            for (int q = 0; q < 4; ++q) {
                const int i = ii + kDi[q], j = jj + kDj[q];
                if (i <= 0 || j <= 0 || i >= g.rows - 1 || j >= g.cols - 1)
                    continue;
                if (ring[g.at(i, j)] == Inside) {
                    const float dist = arrival(i, j, ring, g);
                    g.t[g.at(i, j)] = dist;
                    ring[g.at(i, j)] = Band;
                    out.push(i, j, dist);
                }
            }
        }
        for (size_t k = 0; k < n; ++k)
            if (ring[k] == Change)
                g.t[k] = -g.t[k];
    }

    // Inside: march into the hidden pixels from the band; each gets the weighted sum of the known
    // pixels within `range` (distance, level-set and direction weights, plus the gradient term).
    std::vector<uint8_t>& f = hidden;
    NarrowBand heap;
    for (int i = 0; i < g.rows; ++i)
        for (int j = 0; j < g.cols; ++j)
            if (band[g.at(i, j)])
                heap.push(i, j, 0);
    const size_t B = planes.size();
    std::vector<float> Ia(B), Jx(B), Jy(B);
    const int r2 = range * range;
    auto px = [&](size_t b, int y, int x) { return planes[b][static_cast<size_t>(y) * w + x]; };
    int ii = 0, jj = 0;
    while (heap.pop(ii, jj)) {
        // Pixels are filled when first reached, so stopping here leaves every filled value as the
        // whole march gives it.
        if (g.t[g.at(ii, jj)] > maxArrival)
            break;
        f[g.at(ii, jj)] = Known;
        for (int q = 0; q < 4; ++q) {
            const int i = ii + kDi[q], j = jj + kDj[q];
            if (i <= 0 || j <= 0 || i > g.rows - 1 || j > g.cols - 1)
                continue;
            if (f[g.at(i, j)] != Inside)
                continue;
            const float dist = arrival(i, j, f, g);
            g.t[g.at(i, j)] = dist;
            auto T = [&](int y, int x) { return g.t[g.at(y, x)]; };
            auto in = [&](int y, int x) { return f[g.at(y, x)] == Inside; };
            float gtx, gty;
            if (!in(i, j + 1))
                gtx = !in(i, j - 1) ? (T(i, j + 1) - T(i, j - 1)) * 0.5f : T(i, j + 1) - T(i, j);
            else
                gtx = !in(i, j - 1) ? T(i, j) - T(i, j - 1) : 0;
            if (!in(i + 1, j))
                gty = !in(i - 1, j) ? (T(i + 1, j) - T(i - 1, j)) * 0.5f : T(i + 1, j) - T(i, j);
            else
                gty = !in(i - 1, j) ? T(i, j) - T(i - 1, j) : 0;
            std::fill(Ia.begin(), Ia.end(), 0.f);
            std::fill(Jx.begin(), Jx.end(), 0.f);
            std::fill(Jy.begin(), Jy.end(), 0.f);
            float s = 1.0e-20f;
            for (int k = i - range; k <= i + range; ++k) {
                const int km = k - 1 + (k == 1), kp = k - 1 - (k == g.rows - 2);
                for (int l = j - range; l <= j + range; ++l) {
                    const int lm = l - 1 + (l == 1), lp = l - 1 - (l == g.cols - 2);
                    if (!(k > 0 && l > 0 && k < g.rows - 1 && l < g.cols - 1))
                        continue;
                    if (in(k, l) || (l - j) * (l - j) + (k - i) * (k - i) > r2)
                        continue;
                    const float ry = static_cast<float>(i - k), rx = static_cast<float>(j - l);
                    const float len = rx * rx + ry * ry;
                    const float dst = static_cast<float>(1. / (len * std::sqrt(len)));
                    const float lev = static_cast<float>(1. / (1 + std::fabs(T(k, l) - T(i, j))));
                    float dir = rx * gtx + ry * gty;
                    if (std::fabs(dir) <= 0.01)
                        dir = 0.000001f;
                    const float wt = std::fabs(dst * lev * dir);
                    // Which differences the image gradient takes depends on the mask alone.
                    const bool xr = !in(k, l + 1), xl = !in(k, l - 1), yd = !in(k + 1, l), yu = !in(k - 1, l);
                    for (size_t b = 0; b < B; ++b) {
                        float gix, giy;
                        if (xr)
                            gix = xl ? static_cast<float>(px(b, km, lp + 1) - px(b, km, lm - 1)) * 2.0f
                                     : static_cast<float>(px(b, km, lp + 1) - px(b, km, lm));
                        else
                            gix = xl ? static_cast<float>(px(b, km, lp) - px(b, km, lm - 1)) : 0;
                        if (yd)
                            giy = yu ? static_cast<float>(px(b, kp + 1, lm) - px(b, km - 1, lm)) * 2.0f
                                     : static_cast<float>(px(b, kp + 1, lm) - px(b, km, lm));
                        else
                            giy = yu ? static_cast<float>(px(b, kp, lm) - px(b, km - 1, lm)) : 0;
                        Ia[b] += wt * static_cast<float>(px(b, km, lm));
                        Jx[b] -= wt * (gix * rx);
                        Jy[b] -= wt * (giy * ry);
                    }
                    s += wt;
                }
            }
            for (size_t b = 0; b < B; ++b) {
                const float sat = Ia[b] / s
                    + (Jx[b] + Jy[b]) / (std::sqrt(Jx[b] * Jx[b] + Jy[b] * Jy[b]) + 1.0e-20f) + 0.5f;
                planes[b][static_cast<size_t>(i - 1) * w + (j - 1)] = toU16(sat);
            }
            f[g.at(i, j)] = Band;
            heap.push(i, j, dist);
            if (filled)
                filled[static_cast<size_t>(i - 1) * w + (j - 1)] = 1;
        }
    }
}

} // namespace unclouded::recon
