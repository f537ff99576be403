#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <future>
#include <limits>
#include <numeric>

#include <QDateTime>

#include "core/imgproc/harmonic_p.h"
#include "core/imgproc/temporal_p.h"

namespace unclouded::recon {

LinearFit fitLinear(const float* x, const float* y, const uint8_t* use, size_t n, size_t minCount)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    size_t c = 0;
    for (size_t i = 0; i < n; ++i) {
        if (!use[i] || !std::isfinite(x[i]) || !std::isfinite(y[i]))
            continue;
        sx += x[i];
        sy += y[i];
        sxx += double(x[i]) * x[i];
        sxy += double(x[i]) * y[i];
        ++c;
    }
    LinearFit f;
    if (c < std::max<size_t>(minCount, 2))
        return f;
    const double var = sxx / c - (sx / c) * (sx / c);
    if (var < 1e-8)
        return f;
    f.gain = std::clamp((sxy / c - (sx / c) * (sy / c)) / var, 0.2, 5.0);
    f.offset = sy / c - f.gain * sx / c;
    f.ok = true;
    return f;
}

namespace {

// Raw sums for a ridge fit of By outputs on Bx inputs, in double, centred when solved (reflectance
// near 0.1 keeps that well conditioned).
struct Moments
{
    size_t Bx = 0, By = 0, n = 0;
    std::vector<double> sx, sy, sxx, sxy; // sxx: lower triangle used; sxy: x band j, y band k

    explicit Moments(size_t bands, size_t outputs = 0)
        : Bx(bands)
        , By(outputs ? outputs : bands)
        , sx(Bx, 0)
        , sy(By, 0)
        , sxx(Bx * Bx, 0)
        , sxy(Bx * By, 0)
    {
    }
    void add(const double* x, const double* y)
    {
        for (size_t k = 0; k < By; ++k)
            sy[k] += y[k];
        for (size_t j = 0; j < Bx; ++j) {
            sx[j] += x[j];
            const double xj = x[j];
            double* row = sxx.data() + j * Bx;
            for (size_t k = 0; k <= j; ++k)
                row[k] += xj * x[k];
            double* out = sxy.data() + j * By;
            for (size_t k = 0; k < By; ++k)
                out[k] += xj * y[k];
        }
        ++n;
    }
    void add(const Moments& o)
    {
        auto sum = [](std::vector<double>& a, const std::vector<double>& b) {
            for (size_t i = 0; i < a.size(); ++i)
                a[i] += b[i];
        };
        sum(sx, o.sx);
        sum(sy, o.sy);
        sum(sxx, o.sxx);
        sum(sxy, o.sxy);
        n += o.n;
    }
};

// Ridge regression on standardised x: (corr + lambda I) c = cov(z, y) per y band, by Cholesky (the
// matrix is symmetric positive definite for lambda > 0). coef: By x Bx, row = y band.
Ridge solveRidge(const Moments& m, double lambda)
{
    Ridge r;
    const size_t B = m.Bx, Y = m.By;
    if (m.n < 2)
        return r;
    const double c = static_cast<double>(m.n);
    r.mean.resize(B);
    r.scale.resize(B);
    r.yMean.resize(Y);
    for (size_t k = 0; k < Y; ++k)
        r.yMean[k] = m.sy[k] / c;
    for (size_t j = 0; j < B; ++j) {
        r.mean[j] = m.sx[j] / c;
        const double var = m.sxx[j * B + j] / c - r.mean[j] * r.mean[j];
        r.scale[j] = 1.0 / (std::sqrt(std::max(var, 0.0)) + 1e-6);
    }
    std::vector<double> a(B * B), rhs(B * Y);
    for (size_t j = 0; j < B; ++j) {
        for (size_t k = 0; k <= j; ++k) {
            const double cov = m.sxx[j * B + k] / c - r.mean[j] * r.mean[k];
            a[j * B + k] = a[k * B + j] = cov * r.scale[j] * r.scale[k] + (j == k ? lambda : 0.0);
        }
        for (size_t k = 0; k < Y; ++k)
            rhs[j * Y + k] = (m.sxy[j * Y + k] / c - r.mean[j] * r.yMean[k]) * r.scale[j];
    }
    for (size_t j = 0; j < B; ++j) {
        double d = a[j * B + j];
        for (size_t k = 0; k < j; ++k)
            d -= a[j * B + k] * a[j * B + k];
        if (!(d > 1e-12))
            return Ridge {};
        a[j * B + j] = std::sqrt(d);
        for (size_t i = j + 1; i < B; ++i) {
            double v = a[i * B + j];
            for (size_t k = 0; k < j; ++k)
                v -= a[i * B + k] * a[j * B + k];
            a[i * B + j] = v / a[j * B + j];
        }
    }
    r.coef.assign(Y * B, 0);
    std::vector<double> t(B);
    for (size_t b = 0; b < Y; ++b) { // L L^T c = rhs[:, b]
        for (size_t i = 0; i < B; ++i) {
            double v = rhs[i * Y + b];
            for (size_t k = 0; k < i; ++k)
                v -= a[i * B + k] * t[k];
            t[i] = v / a[i * B + i];
        }
        for (size_t i = B; i-- > 0;) {
            double v = t[i];
            for (size_t k = i + 1; k < B; ++k)
                v -= a[k * B + i] * r.coef[b * B + k];
            r.coef[b * B + i] = v / a[i * B + i];
        }
    }
    for (double v : r.coef)
        if (!std::isfinite(v))
            return Ridge {};
    r.ok = true;
    return r;
}

size_t nearestCentre(const std::vector<double>& centres, const double* z, size_t B)
{
    size_t best = 0;
    double bestD = INFINITY;
    for (size_t k = 0; k * B < centres.size(); ++k) {
        double d = 0;
        for (size_t j = 0; j < B; ++j) {
            const double e = z[j] - centres[k * B + j];
            d += e * e;
        }
        if (d < bestD) {
            bestD = d;
            best = k;
        }
    }
    return best;
}

} // namespace

bool CrossFit::predict(const float* x, size_t stride, float* out) const
{
    if (!ok)
        return false;
    const size_t B = static_cast<size_t>(bands);
    double xv[kMaxCrossBands];
    for (size_t j = 0; j < B; ++j) {
        xv[j] = x[j * stride];
        if (!std::isfinite(xv[j]))
            return false;
    }
    size_t k = 0;
    if (!classes.empty()) {
        double z[kMaxCrossBands];
        for (size_t j = 0; j < B; ++j)
            z[j] = (xv[j] - scene.mean[j]) * scene.scale[j];
        k = nearestCentre(centres, z, B);
    }
    const double* a = affine.data() + k * B * (B + 1);
    for (size_t b = 0; b < B; ++b, a += B + 1) {
        double y = a[B];
        for (size_t j = 0; j < B; ++j)
            y += a[j] * xv[j];
        out[b * stride] = static_cast<float>(std::clamp(y, lo[b], hi[b]));
    }
    return true;
}

namespace {

// Adds w * r, as y = offset + A x, to `affine` (bands x (bands + 1)).
void addAffine(const Ridge& r, size_t B, double w, double* affine)
{
    for (size_t b = 0; b < B; ++b) {
        double* row = affine + b * (B + 1);
        double off = r.yMean[b];
        for (size_t j = 0; j < B; ++j) {
            const double g = r.coef[b * B + j] * r.scale[j];
            row[j] += w * g;
            off -= g * r.mean[j];
        }
        row[B] += w * off;
    }
}

} // namespace

CrossFit fitCrossBand(
    const float* x, const float* y, const uint8_t* use, size_t n, int bands, size_t minCount, int classes)
{
    CrossFit f;
    if (bands < 1 || bands > kMaxCrossBands)
        return f;
    const size_t B = static_cast<size_t>(bands);
    std::vector<size_t> pixels; // used, every value finite
    for (size_t i = 0; i < n; ++i) {
        if (!use[i])
            continue;
        bool finite = true;
        for (size_t j = 0; j < B && finite; ++j)
            finite = std::isfinite(x[j * n + i]) && std::isfinite(y[j * n + i]);
        if (finite)
            pixels.push_back(i);
    }
    const size_t need = std::max<size_t>(minCount, 50 * (B + 1));
    if (pixels.size() < need)
        return f;
    auto load = [&](size_t i, double* xv, double* yv) {
        for (size_t j = 0; j < B; ++j) {
            xv[j] = x[j * n + i];
            yv[j] = y[j * n + i];
        }
    };
    double xv[kMaxCrossBands], yv[kMaxCrossBands];
    Moments all(B);
    std::vector<double> ylo(B, INFINITY), yhi(B, -INFINITY);
    for (size_t i : pixels) {
        load(i, xv, yv);
        all.add(xv, yv);
        for (size_t j = 0; j < B; ++j) {
            ylo[j] = std::min(ylo[j], yv[j]);
            yhi[j] = std::max(yhi[j], yv[j]);
        }
    }
    constexpr double kSceneRidge = 0.01, kClassRidge = 0.05, kShrink = 2000;
    f.scene = solveRidge(all, kSceneRidge);
    if (!f.scene.ok)
        return CrossFit {};
    f.bands = bands;
    f.lo.resize(B);
    f.hi.resize(B);
    for (size_t j = 0; j < B; ++j) {
        const double span = yhi[j] - ylo[j];
        f.lo[j] = ylo[j] - 0.1 * span;
        f.hi[j] = yhi[j] + 0.1 * span;
    }
    f.ok = true;
    f.affine.assign(B * (B + 1), 0);
    addAffine(f.scene, B, 1, f.affine.data());
    if (classes < 2 || pixels.size() < 2 * need)
        return f;

    // k-means on every step-th pixel (20000 to 40000 of them when there are more); starting centres
    // evenly spaced in brightness, so the same data always give the same classes.
    const size_t K = static_cast<size_t>(classes), step = std::max<size_t>(1, pixels.size() / 20000);
    std::vector<double> zs;
    for (size_t s = 0; s < pixels.size(); s += step) {
        load(pixels[s], xv, yv);
        for (size_t j = 0; j < B; ++j)
            zs.push_back((xv[j] - f.scene.mean[j]) * f.scene.scale[j]);
    }
    const size_t S = zs.size() / B;
    std::vector<std::pair<double, size_t>> bright(S);
    for (size_t s = 0; s < S; ++s)
        bright[s] = { std::accumulate(zs.begin() + s * B, zs.begin() + (s + 1) * B, 0.0), s };
    std::sort(bright.begin(), bright.end());
    f.centres.resize(K * B);
    for (size_t k = 0; k < K; ++k) {
        const size_t s = bright[(2 * k + 1) * S / (2 * K)].second;
        std::copy(zs.begin() + s * B, zs.begin() + (s + 1) * B, f.centres.begin() + k * B);
    }
    std::vector<double> sum(K * B);
    std::vector<size_t> count(K);
    for (int it = 0; it < 15; ++it) {
        std::fill(sum.begin(), sum.end(), 0.0);
        std::fill(count.begin(), count.end(), 0);
        for (size_t s = 0; s < S; ++s) {
            const size_t k = nearestCentre(f.centres, zs.data() + s * B, B);
            ++count[k];
            for (size_t j = 0; j < B; ++j)
                sum[k * B + j] += zs[s * B + j];
        }
        for (size_t k = 0; k < K; ++k)
            if (count[k] > 0)
                for (size_t j = 0; j < B; ++j)
                    f.centres[k * B + j] = sum[k * B + j] / count[k];
    }
    std::vector<Moments> perClass(K, Moments(B));
    double z[kMaxCrossBands];
    for (size_t i : pixels) {
        load(i, xv, yv);
        for (size_t j = 0; j < B; ++j)
            z[j] = (xv[j] - f.scene.mean[j]) * f.scene.scale[j];
        perClass[nearestCentre(f.centres, z, B)].add(xv, yv);
    }
    f.classes.resize(K);
    f.weight.assign(K, 0);
    for (size_t k = 0; k < K; ++k) {
        if (perClass[k].n < need)
            continue;
        f.classes[k] = solveRidge(perClass[k], kClassRidge);
        if (f.classes[k].ok)
            f.weight[k] = perClass[k].n / (perClass[k].n + kShrink);
    }
    f.affine.assign(K * B * (B + 1), 0);
    for (size_t k = 0; k < K; ++k) {
        double* a = f.affine.data() + k * B * (B + 1);
        addAffine(f.scene, B, 1 - f.weight[k], a);
        if (f.weight[k] > 0)
            addAffine(f.classes[k], B, f.weight[k], a);
    }
    return f;
}

namespace {

constexpr int kNeighbours = 9; // 3 x 3, row-major from the upper left; 4 is the pixel itself

// The 3 x 3 neighbourhood of (px, py), all bands (kNeighbours x bands); false when the pixel itself
// has a value that is not finite. Neighbours outside the window, marked in `skip` (may be null) or
// not finite take the pixel's.
bool neighbourhood(const float* x, const uint8_t* skip, int w, int h, int bands, int px, int py, double* out)
{
    const size_t plane = static_cast<size_t>(w) * h, i = static_cast<size_t>(py) * w + px;
    for (int j = 0; j < bands; ++j)
        if (!std::isfinite(x[j * plane + i]))
            return false;
    for (int dy = -1, o = 0; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx, ++o) {
            const int nx = px + dx, ny = py + dy;
            const bool inside = nx >= 0 && ny >= 0 && nx < w && ny < h;
            size_t k = inside ? static_cast<size_t>(ny) * w + nx : i;
            if (skip && skip[k])
                k = i;
            for (int j = 0; j < bands; ++j) {
                const float v = x[j * plane + k];
                out[o * bands + j] = std::isfinite(v) ? v : x[j * plane + i];
            }
        }
    return true;
}

// Mean squared error of `r` on held-out pixels whose inputs are rows of `xs` (stride columns, the
// first `cols` of them used) and outputs rows of `ys`.
double ridgeError(const Ridge& r, const std::vector<double>& xs, size_t stride, size_t cols,
    const std::vector<double>& ys, size_t bands, size_t offset = 0)
{
    const size_t n = ys.size() / bands;
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
        const double* x = xs.data() + i * stride + offset;
        for (size_t b = 0; b < bands; ++b) {
            double y = r.yMean[b];
            const double* c = r.coef.data() + b * cols;
            for (size_t f = 0; f < cols; ++f)
                y += c[f] * r.scale[f] * (x[f] - r.mean[f]);
            const double e = y - ys[i * bands + b];
            sum += e * e;
        }
    }
    return n ? sum / (double(n) * bands) : 0.0;
}

} // namespace

void NeighbourFix::add(const float* x, const uint8_t* hidden, int w, int h, int px, int py, float* out) const
{
    if (!ok)
        return;
    const size_t B = static_cast<size_t>(bands), plane = static_cast<size_t>(w) * h;
    double v[kNeighbours * kMaxCrossBands];
    if (!neighbourhood(x, hidden, w, h, bands, px, py, v))
        return;
    float acc[kMaxCrossBands];
    const float* c = k.data() + kNeighbours * B * B;
    std::copy(c, c + B, acc);
    for (size_t f = 0; f < kNeighbours * B; ++f) {
        const float vf = static_cast<float>(v[f]);
        const float* row = k.data() + f * B;
        for (size_t b = 0; b < B; ++b) // independent sums: vectorised without reordering any
            acc[b] += row[b] * vf;
    }
    float* o = out + static_cast<size_t>(py) * w + px;
    for (size_t b = 0; b < B; ++b)
        o[b * plane] += acc[b];
}

NeighbourFix NeighbourFix::turned(bool fx, bool fy, int rot) const
{
    if (!ok || (!fx && !fy && rot % 4 == 0))
        return *this;
    NeighbourFix t = *this;
    const size_t B = static_cast<size_t>(bands);
    for (size_t j = 0; j < B; ++j)
        for (size_t b = 0; b < B; ++b)
            for (int y = 0; y < 3; ++y)
                for (int x = 0; x < 3; ++x) {
                    int sx = x, sy = y; // Geometry::apply's source pixel on a 3 x 3 plane
                    for (int r = 0; r < rot % 4; ++r) {
                        const int u = sx;
                        sx = sy;
                        sy = 2 - u;
                    }
                    if (fx)
                        sx = 2 - sx;
                    if (fy)
                        sy = 2 - sy;
                    t.k[((y * 3 + x) * B + j) * B + b] = k[((sy * 3 + sx) * B + j) * B + b];
                }
    return t;
}

NeighbourFix fitNeighbourFix(const float* x, const float* y, const uint8_t* use, int w, int h, int bands)
{
    NeighbourFix fix;
    if (bands < 1 || bands > kMaxCrossBands || w < 3 || h < 3)
        return fix;
    const size_t B = static_cast<size_t>(bands), F = kNeighbours * B, plane = static_cast<size_t>(w) * h;
    size_t usable = 0;
    for (size_t i = 0; i < plane; ++i)
        usable += use[i] != 0;
    if (usable < 40 * (F + 1))
        return fix;
    // At most about 24 000 pixels (each adds F^2 / 2 products; more moved no held-out score), every
    // step-th usable one.
    const size_t step = std::max<size_t>(1, usable / 24000);
    // Held out: every fourth 32 px block on its diagonals, so both sets cover the whole region.
    Moments train3(F, B), test3(F, B), train1(B, B), test1(B, B);
    std::vector<double> heldX, heldY;
    double v[kNeighbours * kMaxCrossBands], yv[kMaxCrossBands];
    size_t seen = 0;
    for (int py = 0; py < h; ++py)
        for (int px = 0; px < w; ++px) {
            const size_t i = static_cast<size_t>(py) * w + px;
            if (!use[i] || seen++ % step != 0)
                continue;
            // Neighbours under either date's clouds would teach the filter the clouds' values.
            bool clear = true;
            for (int dy = -1; dy <= 1 && clear; ++dy)
                for (int dx = -1; dx <= 1 && clear; ++dx) {
                    const int nx = px + dx, ny = py + dy;
                    clear = nx < 0 || ny < 0 || nx >= w || ny >= h || use[static_cast<size_t>(ny) * w + nx];
                }
            if (!clear)
                continue;
            bool finite = neighbourhood(x, nullptr, w, h, bands, px, py, v);
            for (size_t b = 0; b < B && finite; ++b) {
                yv[b] = y[b * plane + i];
                finite = std::isfinite(yv[b]);
            }
            if (!finite)
                continue;
            const bool held = (px / 32 + py / 32) % 4 == 0;
            (held ? test3 : train3).add(v, yv);
            (held ? test1 : train1).add(v + 4 * B, yv);
            if (held) {
                heldX.insert(heldX.end(), v, v + F);
                heldY.insert(heldY.end(), yv, yv + B);
            }
        }
    constexpr double kLambda = 1e-3;
    if (train3.n < 20 * (F + 1) || test3.n < 5 * (F + 1))
        return fix;
    const Ridge r3 = solveRidge(train3, kLambda), r1 = solveRidge(train1, kLambda);
    if (!r3.ok || !r1.ok)
        return fix;
    const double e3 = ridgeError(r3, heldX, F, F, heldY, B),
                 e1 = ridgeError(r1, heldX, F, B, heldY, B, 4 * B);
    fix.heldOutRatio = e3 > 0 ? e1 / e3 : 0.0;
    if (!(e3 < 0.97 * e1))
        return fix;
    train3.add(test3);
    train1.add(test1);
    const Ridge a3 = solveRidge(train3, kLambda), a1 = solveRidge(train1, kLambda);
    if (!a3.ok || !a1.ok)
        return fix;
    // Folded: y3 - y1 = sum_f g3_f x_f - sum_j g1_j x_j(centre) + (yMean3 - g3.mean3) - (yMean1 - g1.mean1).
    std::vector<double> k((F + 1) * B, 0.0);
    for (size_t b = 0; b < B; ++b) {
        double c = a3.yMean[b] - a1.yMean[b];
        for (size_t f = 0; f < F; ++f) {
            const double g = a3.coef[b * F + f] * a3.scale[f];
            k[f * B + b] += g;
            c -= g * a3.mean[f];
        }
        for (size_t j = 0; j < B; ++j) {
            const double g = a1.coef[b * B + j] * a1.scale[j];
            k[(4 * B + j) * B + b] -= g;
            c += g * a1.mean[j];
        }
        k[F * B + b] = c;
    }
    fix.k.assign(k.begin(), k.end());
    fix.bands = bands;
    fix.ok = true;
    return fix;
}

bool parseTemporalFit(const QString& text, TemporalFit& out)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("auto"))
        out = TemporalFit::Auto;
    else if (t == QLatin1String("cross-band"))
        out = TemporalFit::CrossBand;
    else if (t == QLatin1String("per-band"))
        out = TemporalFit::PerBand;
    else if (t == QLatin1String("cross-band-pixel"))
        out = TemporalFit::CrossBandPixel;
    else
        return false;
    return true;
}

QString temporalFitName(TemporalFit f)
{
    switch (f) {
    case TemporalFit::Auto:
        return QStringLiteral("auto");
    case TemporalFit::CrossBand:
        return QStringLiteral("cross-band");
    case TemporalFit::CrossBandPixel:
        return QStringLiteral("cross-band-pixel");
    case TemporalFit::PerBand:
        break;
    }
    return QStringLiteral("per-band");
}

size_t minFitPixels(size_t plane)
{
    return std::max<size_t>(16, std::min<size_t>(500, plane / 4));
}

std::vector<uint8_t> temporalComposite(std::vector<float>& img, const std::vector<uint8_t>& hidden,
    const std::vector<DateView>& dates, int w, int h, int bands, std::vector<float>& composite,
    bool hiddenOnly)
{
    const size_t plane = static_cast<size_t>(w) * h;
    constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
    composite.assign(plane * bands, kNaN);
    // Per pixel: how many dates gave it every band (the first fills `composite`), and the weight of
    // the first (0: not blendable). The sums of later dates only where a second one comes.
    std::vector<uint8_t> count(plane, 0), both(plane);
    std::vector<double> firstWeight(plane, 0), num, den;
    std::vector<float> pred;
    for (const DateView& d : dates) {
        const double mse = d.scene ? d.scene->mse : std::numeric_limits<double>::quiet_NaN();
        const double weight = std::isfinite(mse) && mse > 0 ? 1.0 / (mse * mse) : 0.0;
        // Pixels this date may still add to: none yet, or blendable ones with room left (hidden ones
        // only where the caller uses the composite nowhere else).
        auto open = [&](size_t i) {
            return count[i] == 0
                || (weight > 0 && firstWeight[i] > 0 && count[i] < kBlendDates && (hidden[i] || !hiddenOnly));
        };
        pred.assign(plane * bands, kNaN);
        for (size_t i = 0; i < plane; ++i)
            both[i] = !hidden[i] && !(d.hidden && d.hidden[i]);
        for (int b = 0; b < bands; ++b) {
            const float* r = d.x + b * plane;
            LinearFit f = fitLinear(r, img.data() + b * plane, both.data(), plane, minFitPixels(plane));
            if (!f.ok && d.scene && static_cast<size_t>(b) < d.scene->perBand.size())
                f = d.scene->perBand[b];
            float* c = pred.data() + b * plane;
            for (size_t i = 0; i < plane; ++i)
                if (open(i) && !(d.hidden && d.hidden[i]) && std::isfinite(r[i]))
                    c[i] = static_cast<float>(f.gain * r[i] + f.offset);
        }
        // The cross-band fit wherever this date has every band (the per-band values stay elsewhere).
        if (d.scene && d.scene->cross.ok && d.scene->cross.bands == bands) {
            const CrossFit& cross = d.scene->cross;
            const NeighbourFix& fix = d.scene->neighbours;
            const bool fixed = fix.ok && fix.bands == bands;
            for (size_t i = 0; i < plane; ++i)
                if (open(i) && !(d.hidden && d.hidden[i]) && (hidden[i] || !hiddenOnly)
                    && cross.predict(d.x + i, plane, pred.data() + i) && fixed) {
                    fix.add(
                        d.x, d.hidden, w, h, static_cast<int>(i % w), static_cast<int>(i / w), pred.data());
                    for (int b = 0; b < bands; ++b) {
                        float& v = pred[b * plane + i];
                        v = static_cast<float>(std::clamp<double>(v, cross.lo[b], cross.hi[b]));
                    }
                }
        }
        for (size_t i = 0; i < plane; ++i) {
            if (!open(i) || (d.hidden && d.hidden[i]))
                continue;
            if (count[i] == 0) {
                // As the first date: its values over what an earlier date left partial; the pixel is
                // taken once every band could be shown.
                bool all = true;
                for (int b = 0; b < bands; ++b) {
                    float& c = composite[b * plane + i];
                    if (std::isfinite(pred[b * plane + i]))
                        c = pred[b * plane + i];
                    all = all && std::isfinite(c);
                }
                if (all) {
                    count[i] = 1;
                    firstWeight[i] = weight;
                }
                continue;
            }
            bool all = true;
            for (int b = 0; b < bands && all; ++b)
                all = std::isfinite(pred[b * plane + i]);
            if (!all)
                continue;
            if (num.empty()) {
                num.assign(plane * bands, 0.0);
                den.assign(plane, 0.0);
            }
            if (count[i] == 1) {
                for (int b = 0; b < bands; ++b)
                    num[b * plane + i] = firstWeight[i] * composite[b * plane + i];
                den[i] = firstWeight[i];
            }
            for (int b = 0; b < bands; ++b)
                num[b * plane + i] += weight * pred[b * plane + i];
            den[i] += weight;
            ++count[i];
        }
    }
    for (size_t i = 0; i < plane && !num.empty(); ++i)
        if (count[i] > 1)
            for (int b = 0; b < bands; ++b)
                composite[b * plane + i] = static_cast<float>(num[b * plane + i] / den[i]);
    std::vector<uint8_t> rest(plane, 0);
    for (size_t i = 0; i < plane; ++i) {
        if (!hidden[i])
            continue;
        if (count[i] == 0) { // no date showed every band
            rest[i] = 1;
            continue;
        }
        for (int b = 0; b < bands; ++b)
            img[b * plane + i] = composite[b * plane + i];
    }
    return rest;
}

std::vector<uint8_t> temporalFill(std::vector<float>& img, const std::vector<uint8_t>& hidden,
    const std::vector<DateView>& dates, int w, int h, int bands, std::vector<float>& composite,
    bool hiddenOnly)
{
    std::vector<uint8_t> rest = temporalComposite(img, hidden, dates, w, h, bands, composite, hiddenOnly);
    if (std::find(rest.begin(), rest.end(), 1) != rest.end())
        harmonicBands(img, rest, w, h, bands);
    return rest;
}

void sortNearestFirst(const Product& p, std::vector<std::shared_ptr<Product>>& dates)
{
    const QDateTime t0 = QDateTime::fromString(p.info().sensingTime, Qt::ISODate);
    if (!t0.isValid())
        return;
    auto gap = [&](const Product& d) {
        const QDateTime t = QDateTime::fromString(d.info().sensingTime, Qt::ISODate);
        return t.isValid() ? std::llabs(t.secsTo(t0)) : LLONG_MAX;
    };
    std::stable_sort(
        dates.begin(), dates.end(), [&](const auto& a, const auto& b) { return gap(*a) < gap(*b); });
}

std::vector<Window> chooseFitCells(int W, int H, const std::vector<size_t>& clear)
{
    const int ncx = (W + kFitCell - 1) / kFitCell, ncy = (H + kFitCell - 1) / kFitCell;
    const int regions = std::clamp(int(std::lround(std::sqrt(ncx * ncy / 8.0))), 1, 3);
    const int rx = std::min(regions, ncx), ry = std::min(regions, ncy);
    std::vector<Window> cells;
    for (int j = 0; j < ry; ++j)
        for (int i = 0; i < rx; ++i) {
            int best = -1;
            for (int cy = j * ncy / ry; cy < (j + 1) * ncy / ry; ++cy)
                for (int cx = i * ncx / rx; cx < (i + 1) * ncx / rx; ++cx)
                    if (best < 0 || clear[static_cast<size_t>(cy) * ncx + cx] > clear[best])
                        best = cy * ncx + cx;
            if (best >= 0 && clear[best] > 0) {
                const int cx = best % ncx, cy = best / ncx;
                cells.push_back({ cx * kFitCell, cy * kFitCell, std::min(kFitCell, W - cx * kFitCell),
                    std::min(kFitCell, H - cy * kFitCell) });
            }
        }
    return cells;
}

namespace {

// Classes of both dates (0 = nodata) that show the ground on both.
bool clearOnBoth(const MaskSpec& spec, uint8_t a, uint8_t b)
{
    return a && b && !spec.hides(a) && !spec.hides(b);
}

// Decimated reads of two products give the same pixels when both are sharp samples or both JP2
// levels; overviews of other formats may have been built by any resampling (an Unclouded export's
// are averages, gdaladdo's default nearest), so they never count as alike.
bool sameDecimation(const Product& a, const Product& b)
{
    const Product::Decimation da = a.decimation();
    return da == b.decimation() && da != Product::Decimation::Overviews;
}

// Pixels clear on both dates per `cell` px cell of the product (row-major), counted on the classes
// at 1/8 (cheap: SCL's own levels).
std::vector<size_t> clearPerCell(const Product& p, const Product& ref, const MaskSpec& spec, int cell)
{
    const int W = p.width(), H = p.height();
    const int ncx = (W + cell - 1) / cell, ncy = (H + cell - 1) / cell;
    std::vector<size_t> clear(static_cast<size_t>(ncx) * ncy, 0);
    const int w = std::max(1, W / 8), h = std::max(1, H / 8);
    std::vector<uint8_t> c1(static_cast<size_t>(w) * h, 4), c2(c1);
    if (p.hasClasses())
        readClassesCoarse(p, spec, w, h, c1.data());
    if (ref.hasClasses())
        readClassesCoarse(ref, spec, w, h, c2.data());
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const size_t k = static_cast<size_t>(y) * w + x;
            if (clearOnBoth(spec, c1[k], c2[k]))
                ++clear[static_cast<size_t>(std::min(ncy - 1, y * 8 / cell)) * ncx
                    + std::min(ncx - 1, x * 8 / cell)];
        }
    return clear;
}

// Both dates' bands (bands x plane) and classes (4 where a product has none) on window c; two
// products, two GDAL datasets: decoded side by side.
void readBoth(const Product& p, const Product& ref, const QStringList& bands, const Window& c,
    std::vector<float>& pa, std::vector<float>& ra, std::vector<uint8_t>& c1, std::vector<uint8_t>& c2)
{
    const size_t plane = static_cast<size_t>(c.w) * c.h;
    pa.resize(plane * bands.size());
    ra.resize(plane * bands.size());
    c1.assign(plane, 4);
    c2.assign(plane, 4);
    auto other = std::async(std::launch::async, [&] {
        ref.readWindow(bands, c, ra.data());
        if (ref.hasClasses())
            ref.readClasses(c, c2.data());
    });
    p.readWindow(bands, c, pa.data());
    if (p.hasClasses())
        p.readClasses(c, c1.data());
    other.get();
}

// Pixels clear on both dates, every band of both, at full resolution: about an eighth of the
// product's 1024 px cells (the JP2 blocks whose decode this costs; 1 to 3 x 3 of them), in each of
// as many regions the cell with most pixels clear on both, every stride-th pixel of those.
size_t sampleCells(const Product& p, const Product& ref, const QStringList& bands, const MaskSpec& spec,
    std::vector<float>& a, std::vector<float>& r, std::vector<uint8_t>& use, const Progress& progress)
{
    constexpr int kCell = kFitCell;
    constexpr double kMaxSamples = 1 << 20;
    const int W = p.width(), H = p.height(), B = bands.size();
    const int ncx = (W + kCell - 1) / kCell, ncy = (H + kCell - 1) / kCell;
    const std::vector<size_t> clear
        = ncx * ncy > 1 ? clearPerCell(p, ref, spec, kCell) : std::vector<size_t>(1, 1);
    const std::vector<Window> cells = chooseFitCells(W, H, clear);
    double area = 0;
    for (const Window& c : cells)
        area += double(c.w) * c.h;
    const int stride = std::max(1, int(std::ceil(std::sqrt(area / kMaxSamples))));
    size_t n = 0;
    for (const Window& c : cells)
        n += static_cast<size_t>((c.w + stride - 1) / stride) * ((c.h + stride - 1) / stride);
    a.assign(n * B, 0);
    r.assign(n * B, 0);
    use.assign(n, 0);
    size_t i0 = 0;
    std::vector<float> pa, ra;
    std::vector<uint8_t> c1, c2;
    for (const Window& c : cells) {
        progress.throwIfCancelled(); // a tile's cells decode for seconds each
        const size_t plane = static_cast<size_t>(c.w) * c.h;
        readBoth(p, ref, bands, c, pa, ra, c1, c2);
        size_t i = i0;
        for (int y = 0; y < c.h; y += stride)
            for (int x = 0; x < c.w; x += stride, ++i) {
                const size_t k = static_cast<size_t>(y) * c.w + x;
                use[i] = clearOnBoth(spec, c1[k], c2[k]);
                for (int b = 0; b < B; ++b) {
                    a[b * n + i] = pa[b * plane + k];
                    r[b * n + i] = ra[b * plane + k];
                }
            }
        i0 = i;
    }
    return n;
}

// The neighbourhood correction needs full-resolution pixels of both dates: a region of at most
// kRegion px square (one JP2 block per band when aligned), the one with the most pixels clear on
// both by the classes at 1/8, the most central of equals.
NeighbourFix fitNeighboursOnRegion(const Product& p, const Product& ref, const QStringList& bands,
    const MaskSpec& spec, const Progress& progress)
{
    constexpr int kRegion = 512;
    const int W = p.width(), H = p.height(), B = bands.size();
    const int ncx = (W + kRegion - 1) / kRegion, ncy = (H + kRegion - 1) / kRegion;
    const std::vector<size_t> clear = clearPerCell(p, ref, spec, kRegion);
    int best = -1;
    double bestDistance = 0;
    for (int cy = 0; cy < ncy; ++cy)
        for (int cx = 0; cx < ncx; ++cx) {
            const int k = cy * ncx + cx;
            const double d = std::hypot(cx + 0.5 - ncx / 2.0, cy + 0.5 - ncy / 2.0);
            if (clear[k] > 0
                && (best < 0 || clear[k] > clear[best] || (clear[k] == clear[best] && d < bestDistance))) {
                best = k;
                bestDistance = d;
            }
        }
    if (best < 0)
        return {};
    const Window c { best % ncx * kRegion, best / ncx * kRegion, std::min(kRegion, W - best % ncx * kRegion),
        std::min(kRegion, H - best / ncx * kRegion) };
    progress.throwIfCancelled();
    const size_t plane = static_cast<size_t>(c.w) * c.h;
    std::vector<float> pa, ra;
    std::vector<uint8_t> k1, k2, use(plane);
    readBoth(p, ref, bands, c, pa, ra, k1, k2);
    for (size_t i = 0; i < plane; ++i)
        use[i] = clearOnBoth(spec, k1[i], k2[i]);
    return fitNeighbourFix(ra.data(), pa.data(), use.data(), c.w, c.h, B);
}

} // namespace

SceneFit globalFit(const Product& p, const Product& ref, const QStringList& bands, const MaskSpec& spec,
    TemporalFit fit, const Progress& progress, bool withError)
{
    const int B = bands.size();
    std::vector<float> a, r;
    std::vector<uint8_t> use;
    size_t n = 0;
    const double f = std::max(1.0, std::max(p.width(), p.height()) / 768.0);
    if (f > 1 && !sameDecimation(p, ref)) {
        // A GeoTIFF's decimated read is sharp, a SAFE's a JP2 level (low-passed): a fit between
        // such unmatched pixels lost most of its detail (evaluate's truth GeoTIFF against a SAFE
        // reference, 5490 px: B08 SSIM 0.924 on full-resolution cells, 0.836 on the two reads).
        n = sampleCells(p, ref, bands, spec, a, r, use, progress);
        // Cells with too few pixels usable on both (nodata, clouds the classes miss): the reads.
        size_t usable = 0;
        for (size_t i = 0; i < n; ++i)
            if (use[i]) {
                bool finite = true;
                for (int b = 0; b < B && finite; ++b)
                    finite = std::isfinite(a[b * n + i]) && std::isfinite(r[b * n + i]);
                usable += finite;
            }
        if (usable < static_cast<size_t>(2 * 50 * (B + 1)))
            n = 0;
    }
    if (n == 0) {
        const int w = std::max(1, int(p.width() / f)), h = std::max(1, int(p.height() / f));
        n = static_cast<size_t>(w) * h;
        a.resize(n * B);
        r.resize(n * B);
        p.readScaled(bands, { 0, 0, p.width(), p.height() }, w, h, a.data());
        ref.readScaled(bands, { 0, 0, p.width(), p.height() }, w, h, r.data());
        std::vector<uint8_t> c1(n, 4), c2(n, 4);
        use.resize(n);
        if (p.hasClasses())
            readClassesCoarse(p, spec, w, h, c1.data());
        if (ref.hasClasses())
            readClassesCoarse(ref, spec, w, h, c2.data());
        for (size_t i = 0; i < n; ++i)
            use[i] = clearOnBoth(spec, c1[i], c2[i]);
    }
    SceneFit fits;
    for (int b = 0; b < B; ++b) {
        const LinearFit line = fitLinear(r.data() + b * n, a.data() + b * n, use.data(), n, 100);
        fits.perBand.push_back(line.ok ? line : LinearFit {});
    }
    if (fit != TemporalFit::PerBand)
        fits.cross = fitCrossBand(r.data(), a.data(), use.data(), n, B, 100);
    if (fit == TemporalFit::CrossBand && fits.cross.ok) {
        // The reads above are the full resolution when the product is at most 768 px.
        const bool full = f <= 1 && n == static_cast<size_t>(p.width()) * p.height();
        fits.neighbours = full ? fitNeighbourFix(r.data(), a.data(), use.data(), p.width(), p.height(), B)
                               : fitNeighboursOnRegion(p, ref, bands, spec, progress);
    }
    if (!withError)
        return fits;
    // The fit's error on the pixels it was fitted on, 65 536 of them at most (a 768 px read holds
    // 590 000, each a cross-band prediction): what several dates are blended by.
    const bool cross = fits.cross.ok && fits.cross.bands == B;
    std::vector<float> xs(B), ys(B);
    double sum = 0;
    size_t m = 0;
    const size_t step = std::max<size_t>(1, (n + 65535) / 65536);
    for (size_t i = 0; i < n; i += step) {
        if (!use[i])
            continue;
        bool finite = true;
        for (int b = 0; b < B && finite; ++b) {
            xs[b] = r[b * n + i];
            finite = std::isfinite(xs[b]) && std::isfinite(a[b * n + i]);
        }
        if (!finite)
            continue;
        if (!cross || !fits.cross.predict(xs.data(), 1, ys.data()))
            for (int b = 0; b < B; ++b)
                ys[b] = static_cast<float>(fits.perBand[b].gain * xs[b] + fits.perBand[b].offset);
        for (int b = 0; b < B; ++b) {
            const double e = double(ys[b]) - a[b * n + i];
            sum += e * e;
        }
        ++m;
    }
    if (m > 0 && B > 0)
        fits.mse = sum / (double(m) * B);
    return fits;
}

} // namespace unclouded::recon
