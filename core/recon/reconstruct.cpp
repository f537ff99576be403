#include "core/recon/reconstruct.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <future>
#include <initializer_list>
#include <limits>
#include <memory>
#include <mutex>
#include <numeric>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>
#include <optional>
#include <set>
#include <thread>

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QScopeGuard>

#include "core/common/gdalcache.h"
#include "core/common/paths.h"
#include "core/common/runtime.h"
#include "core/imgproc/harmonic_p.h"
#include "core/imgproc/inpaint_p.h"
#include "core/imgproc/temporal_p.h"
#include "core/io/resample.h"
#include "core/io/sentinel2.h"
#include "core/ml/mlruntime.h"
#include "core/ml/netinput_p.h"
#include "core/ml/training.h"

namespace unclouded::recon {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
// The most a second set of strips (every date's) may take for the read-ahead: a whole tile's
// 12 bands alone are 135 MB.
constexpr size_t kReadAheadBytes = 192u << 20;

// Window starts along one axis covering [r0, r0 + len) of an image `img` long; windows are L long
// (L <= img), consecutive starts at most `stride` apart, the first one reaching back for context.
std::vector<int> windowStarts(int r0, int len, int img, int L, int stride, int overlap)
{
    std::vector<int> s;
    for (int p = r0 > 0 ? r0 - overlap / 2 : 0;; p += stride) {
        const int c = std::clamp(p, 0, img - L);
        if (s.empty() || c > s.back())
            s.push_back(c);
        if (c + L >= r0 + len)
            break;
    }
    return s;
}

// Blending weight along one axis: a linear ramp over `overlap` pixels at the window's edges,
// none at the image's edges (no neighbour there). Never zero, so every pixel is normalised.
std::vector<float> rampWeights(int start, int L, int img, int overlap)
{
    std::vector<float> w(L, 1.0f);
    if (overlap <= 0)
        return w;
    for (int i = 0; i < L; ++i) {
        float v = 1.0f;
        if (start > 0)
            v = std::min(v, (i + 0.5f) / overlap);
        if (start + L < img)
            v = std::min(v, (L - i - 0.5f) / overlap);
        w[i] = v;
    }
    return w;
}

// One window's pixels as the methods see them: bands x h x w reflectance (NaN = nodata), the hidden
// mask, and the reference date on the same pixels when there is one.
struct WindowIn
{
    int w = 0, h = 0, bands = 0;
    std::vector<float> x;
    std::vector<uint8_t> hidden;
    std::vector<uint8_t> cloud; // hidden by a cloud class (hazeGuard: where haze starts); may be empty
    std::vector<std::vector<float>> refs; // per other date, bands x plane
    std::vector<std::vector<uint8_t>> refHidden; // per other date
    const std::vector<SceneFit>* refFits = nullptr; // scene-wide fits per date
    int x0 = 0, y0 = 0; // the window's place on the grid
    size_t plane() const { return static_cast<size_t>(w) * h; }
    std::vector<DateView> dates() const
    {
        std::vector<DateView> v;
        for (size_t r = 0; r < refs.size(); ++r)
            v.push_back({ refs[r].data(), refHidden[r].data(), refFits ? &(*refFits)[r] : nullptr });
        return v;
    }
};

// A method fills `pred` (bands x h x w) on hidden pixels; NaN where it cannot tell.
class FillMethod
{
public:
    virtual ~FillMethod() = default;
    virtual void predict(const WindowIn& in, std::vector<float>& pred) = 0;
    // Inpainting only sees what its window holds: large windows with wide overlaps keep the fill
    // of a big cloud from changing from one window to the next.
    virtual int defaultWindow() const { return 512; }
    virtual int defaultOverlap() const { return 128; }
    virtual int multiple() const { return 1; } // window sides must be a multiple of this
    virtual double inferenceSeconds() const { return 0; }
};

class InpaintMethod : public FillMethod
{
public:
    InpaintMethod(int flags, double radius)
        : m_flags(flags)
        , m_radius(radius)
    {
    }
    void predict(const WindowIn& in, std::vector<float>& pred) override
    {
        pred = in.x;
        inpaintBands(pred, in.hidden, in.w, in.h, in.bands, m_flags, m_radius);
    }

private:
    int m_flags;
    double m_radius;
};

// How many hidden pixels the other dates showed, over the windows (their overlaps counted in each).
struct ShownByOtherDates
{
    qint64 hidden = 0, unseen = 0;
    void add(const std::vector<uint8_t>& hiddenMask, const std::vector<uint8_t>& unseenMask)
    {
        hidden += std::count(hiddenMask.begin(), hiddenMask.end(), uint8_t(1));
        unseen += std::count(unseenMask.begin(), unseenMask.end(), uint8_t(1));
    }
    double share() const { return hidden > 0 ? 1.0 - double(unseen) / hidden : -1; }
};

// Temporal fill: per pixel the nearest other date that shows the ground, mapped by the scene-wide
// cross-band fit (or per band on the window's pixels clear on both); what no date shows is
// filled harmonically from what was filled around it.
class TemporalMethod : public FillMethod
{
public:
    // Several products' strips are held: smaller windows keep a whole tile under 2 GiB.
    int defaultWindow() const override { return 384; }
    int defaultOverlap() const override { return 96; }
    void predict(const WindowIn& in, std::vector<float>& pred) override
    {
        pred = in.x;
        // Only hidden pixels are taken from the composite here.
        const std::vector<uint8_t> unseen
            = temporalFill(pred, in.hidden, in.dates(), in.w, in.h, in.bands, m_composite, true);
        m_shown.add(in.hidden, unseen);
    }
    // Share of the hidden pixels the other dates showed (windows' overlaps counted in each window).
    double fromOtherDates() const { return m_shown.share(); }

private:
    std::vector<float> m_composite;
    ShownByOtherDates m_shown;
};

// The side of a grid's pixel in metres: Sentinel-2's 10 m when not georeferenced; pixels under 0.1
// units are degrees (a geographic CRS, e.g. OSCD's): the mean side at the grid's centre.
double gridMetres(const ProductInfo& info)
{
    const double* gt = info.geoTransform;
    if (!info.georeferenced)
        return 10.0;
    double grid = std::sqrt(std::abs(gt[1] * gt[5]));
    if (grid < 0.1) {
        const double lat = std::clamp(gt[3] + gt[5] * info.height / 2.0, -89.0, 89.0) * M_PI / 180.0;
        grid = std::sqrt(std::abs(gt[1] * std::cos(lat) * gt[5])) * 111320.0;
    }
    return grid;
}

// Clouds and cirrus, where the haze guard starts (a binary mask's "hidden" counts: it marks clouds).
bool isCloudClass(int c)
{
    return c == SclCloudMedium || c == SclCloudHigh || c == SclCirrus || c == kMaskHidden;
}

// The haze guard's seeds: what `spec` hides of clouds and cirrus, buffer included; not shadows or
// snow, whose bright edges are ground. The windows and the exact scene solve read the same.
MaskSpec cloudSeeds(const MaskSpec& spec)
{
    MaskSpec seeds = spec;
    seeds.classes.clear();
    for (int c : spec.classes)
        if (isCloudClass(c))
            seeds.classes << c;
    return seeds;
}

// The whole scene at low resolution, inpainted: it stands in where no window could fill a pixel
// (a cloud larger than a window leaves inpainting nothing to propagate from).
class CoarsePrior
{
public:
    // harmonic: the coarse grid's hidden pixels filled by harmonicBands (the harmonic method and the
    // models that start from it), else by Telea.
    CoarsePrior(const Product& p, const QStringList& bands, const MaskSpec& spec, bool harmonic = false,
        bool hazeGuard = true, const Progress& progress = {}, int maxSide = 768)
        : m_gridW(p.width())
        , m_gridH(p.height())
    {
        // At least 4x coarser than the grid: a scene-level field needs no more (training blurs its
        // pre-fill 1-8x), and at full resolution its Telea was a fixed second on a 600 px product.
        // A harmonic one up to kExactSide px is the full-resolution solve itself (exact()), which
        // the windows copy: 4x coarser it missed that solve by 0.023 NIR (median) deep inside the
        // clouds of T29UNU, whose windows then held it at their sides, drawn as lines across the
        // clouds (bench/results/harmonic-prior.md). Larger products keep the coarse solve (memory).
        const int side = std::max(p.width(), p.height());
        m_exact = harmonic && side <= kExactSide && std::min(p.width(), p.height()) >= 2;
        m_f = m_exact ? 1.0 : std::max(4.0, side / double(maxSide));
        m_w = std::max(2, int(std::ceil(p.width() / m_f)));
        m_h = std::max(2, int(std::ceil(p.height() / m_f)));
        m_bands = bands.size();
        const size_t plane = static_cast<size_t>(m_w) * m_h;
        m_data.resize(plane * m_bands);
        const Window all { 0, 0, p.width(), p.height() };
        std::vector<uint8_t> hidden(plane), cloud(plane);
        if (m_exact) {
            // The windows' own reads (readScaled upsamples coarser bands another way) and masks,
            // buffer included, and their haze seeds.
            p.readWindow(bands, all, m_data.data());
            readHiddenMask(p, spec, all, hidden.data());
            if (const MaskSpec seeds = cloudSeeds(spec); hazeGuard && !seeds.classes.isEmpty())
                readHiddenMask(p, seeds, all, cloud.data());
        } else {
            p.readScaled(bands, all, m_w, m_h, m_data.data());
            std::vector<uint8_t> cls(plane);
            readClassesCoarse(p, spec, m_w, m_h, cls.data());
            for (size_t i = 0; i < plane; ++i) {
                hidden[i] = spec.hides(cls[i]) ? 1 : 0;
                cloud[i] = hidden[i] && isCloudClass(cls[i]) ? 1 : 0;
            }
            // The buffer too, in coarse pixels (rounded up), as the windows' masks have it: the hazy
            // ring counted as ground here and came back into the windows through their sides.
            if (const int r = static_cast<int>(std::ceil(spec.dilatePx / m_f)); spec.dilatePx > 0) {
                cv::Mat m(m_h, m_w, CV_8U, hidden.data());
                cv::dilate(
                    m, m, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * r + 1, 2 * r + 1)));
                for (size_t i = 0; i < plane; ++i) // nodata stays no ground to fill
                    hidden[i] = hidden[i] && cls[i] != 0;
            }
        }
        if (harmonic && hazeGuard) {
            // Hazy cloud edges and specks are solved, not held: here and in every window alike.
            m_blue = static_cast<int>(bands.indexOf(QStringLiteral("B02")));
            m_red = static_cast<int>(bands.indexOf(QStringLiteral("B04")));
            m_nir = static_cast<int>(bands.indexOf(QStringLiteral("B08")));
            if (m_nir < 0)
                m_nir = static_cast<int>(bands.indexOf(QStringLiteral("B8A")));
            if (m_blue >= 0 && m_red >= 0) {
                const float* blue = m_data.data() + m_blue * plane;
                const float* red = m_data.data() + m_red * plane;
                m_hazeThreshold = recon::hazeThreshold(blue, red, hidden.data(), m_w, m_h);
                // 1 km of haze beyond the classified cloud at most.
                m_hazeReach = std::max(
                    1, static_cast<int>(std::lround(1000.0 / std::max(gridMetres(p.info()), 1e-6))));
                markHazyEdges(blue, red, m_nir >= 0 ? m_data.data() + m_nir * plane : nullptr,
                    m_hazeThreshold, std::max(1, static_cast<int>(std::lround(m_hazeReach / m_f))), m_w, m_h,
                    cloud.data(), hidden);
            }
        }
        if (harmonic)
            harmonicBands(m_data, hidden, m_w, m_h, m_bands, kHarmonicTolerance, progress);
        else
            inpaintBands(m_data, hidden, m_w, m_h, m_bands, cv::INPAINT_TELEA, 3);
    }
    static constexpr int kExactSide = 2048;
    int gridWidth() const { return m_gridW; }
    int gridHeight() const { return m_gridH; }
    // Solved on the grid itself (harmonic, at most kExactSide px): at() is the whole product's
    // solution, what any window's own solve would only approach.
    bool exact() const { return m_exact; }
    // Marks a window's hazy edges (markHazyEdges with the scene's threshold; its x are bands x plane).
    void markHazy(const WindowIn& in, std::vector<uint8_t>& unknown) const
    {
        if (m_blue < 0 || m_red < 0 || !std::isfinite(m_hazeThreshold) || in.cloud.empty())
            return;
        const size_t plane = in.plane();
        markHazyEdges(in.x.data() + m_blue * plane, in.x.data() + m_red * plane,
            m_nir >= 0 ? in.x.data() + m_nir * plane : nullptr, m_hazeThreshold, m_hazeReach, in.w, in.h,
            in.cloud.data(), unknown);
    }
    float at(int b, int x, int y) const
    {
        const Axis u = axis(x, m_w), v = axis(y, m_h);
        return blend(b, u, v);
    }
    // The field on the pixels `where` marks of a w x h window at (x0, y0), into `out` (bands planes):
    // what at() gives, with each column's and row's interpolation found once for all bands.
    void fill(int x0, int y0, int w, int h, const uint8_t* where, float* out) const
    {
        std::vector<Axis> us(w);
        for (int i = 0; i < w; ++i)
            us[i] = axis(x0 + i, m_w);
        const size_t plane = static_cast<size_t>(w) * h;
        for (int j = 0; j < h; ++j) {
            const Axis v = axis(y0 + j, m_h);
            const size_t row = static_cast<size_t>(j) * w;
            for (int i = 0; i < w; ++i)
                if (where[row + i])
                    for (int b = 0; b < m_bands; ++b)
                        out[b * plane + row + i] = blend(b, us[i], v);
        }
    }

private:
    struct Axis
    {
        int i0;
        double f;
    };
    // A grid position's lower neighbour on the coarse axis (n samples) and its weight.
    Axis axis(int x, int n) const
    {
        const double u = std::clamp((x + 0.5) / m_f - 0.5, 0.0, n - 1.0);
        const int i0 = std::min(int(u), n - 2);
        return { i0, u - i0 };
    }
    float blend(int b, const Axis& u, const Axis& v) const
    {
        const float* d = m_data.data() + static_cast<size_t>(b) * m_w * m_h;
        auto px = [&](int i, int j) { return double(d[static_cast<size_t>(j) * m_w + i]); };
        const double top = px(u.i0, v.i0) * (1 - u.f) + px(u.i0 + 1, v.i0) * u.f;
        const double bot = px(u.i0, v.i0 + 1) * (1 - u.f) + px(u.i0 + 1, v.i0 + 1) * u.f;
        return static_cast<float>(top * (1 - v.f) + bot * v.f);
    }

    int m_gridW = 0, m_gridH = 0;
    bool m_exact = false;
    double m_f = 1;
    int m_w = 0, m_h = 0, m_bands = 0;
    std::vector<float> m_data;
    int m_blue = -1, m_red = -1, m_nir = -1, m_hazeReach = 0;
    float m_hazeThreshold = std::numeric_limits<float>::quiet_NaN();
};

// The harmonic fill of a window's unknown pixels (`unknown`, and NaN values) in `data` (bands x
// plane, in place) at full resolution. Where a cloud crosses the window's side inside the product,
// the scene prior's values hold there: the windows of one cloud solve for the same surface, as if
// the whole product were solved at once; at the product's own edge nothing is held (reflecting).
void harmonicWindow(const WindowIn& in, const std::vector<uint8_t>& unknown, const CoarsePrior& prior,
    std::vector<float>& data, float tolerance = kHarmonicTolerance)
{
    const int w = in.w, h = in.h, B = in.bands;
    const size_t plane = in.plane();
    std::vector<uint8_t> ext(unknown);
    prior.markHazy(in, ext);
    if (prior.exact()) { // the whole product's solve: every window the same surface, no seams
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const size_t i = static_cast<size_t>(y) * w + x;
                for (int b = 0; b < B; ++b) {
                    float& v = data[b * plane + i];
                    if (ext[i] || !std::isfinite(v))
                        v = prior.at(b, in.x0 + x, in.y0 + y);
                }
            }
        return;
    }
    std::vector<uint8_t> open(ext);
    auto hold = [&](int x, int y) {
        const size_t i = static_cast<size_t>(y) * w + x;
        bool held = false;
        for (int b = 0; b < B; ++b) {
            float& v = data[b * plane + i];
            if (ext[i] || !std::isfinite(v)) {
                v = prior.at(b, in.x0 + x, in.y0 + y);
                held = true;
            }
        }
        if (held)
            open[i] = 0; // known where the prior's value is finite (harmonicBands: NaN stays unknown)
    };
    for (int x = 0; x < w; ++x) {
        if (in.y0 > 0)
            hold(x, 0);
        if (in.y0 + h < prior.gridHeight())
            hold(x, h - 1);
    }
    for (int y = 0; y < h; ++y) {
        if (in.x0 > 0)
            hold(0, y);
        if (in.x0 + w < prior.gridWidth())
            hold(w - 1, y);
    }
    harmonicBands(data, open, w, h, B, tolerance);
}

// Harmonic (Laplace) fill: every hidden pixel the mean of its neighbours, the smoothest surface
// that meets the cloud's edge. On real clouds over real scenes it scores about 1 dB above Telea
// (bench/results/harmonic.md): large holes are better filled by a smooth surface than by
// continuing the edge inwards.
class HarmonicMethod : public FillMethod
{
public:
    explicit HarmonicMethod(std::shared_ptr<const CoarsePrior> prior)
        : m_prior(std::move(prior))
    {
    }
    void predict(const WindowIn& in, std::vector<float>& pred) override
    {
        pred = in.x;
        harmonicWindow(in, in.hidden, *m_prior, pred);
    }

private:
    std::shared_ptr<const CoarsePrior> m_prior;
};

class ModelMethod : public FillMethod
{
public:
    // loading: the weights, loaded on another thread while the product is read (the checkpoint's
    // description, already read, says all the set-up needs). scales: per band, the factor its
    // correction is computed at (empty: all at full resolution).
    // edgeRadius: Telea's radius for the blend at the cloud's edge (blendEdge); 0: no blend.
    ModelMethod(std::future<std::unique_ptr<ml::Network>> loading, ml::CheckpointInfo info,
        std::shared_future<std::shared_ptr<const CoarsePrior>> prior, std::vector<int> scales, bool crop,
        double edgeRadius)
        : m_loading(std::move(loading))
        , m_info(std::move(info))
        , m_priorFuture(std::move(prior))
        , m_scales(std::move(scales))
        , m_crop(crop)
        , m_edgeRadius(m_info.model.prefill == ml::Prefill::Scene ? edgeRadius : 0)
    {
    }
    int defaultWindow() const override { return 256; }
    int defaultOverlap() const override { return 32; }
    int multiple() const override { return m_info.model.multiple(); }
    // With a temporal pre-fill: the share of the hidden pixels another date showed; else -1.
    double fromOtherDates() const { return m_shown.share(); }
    void predict(const WindowIn& in, std::vector<float>& pred) override
    {
        const ml::ModelConfig& cfg = m_info.model;
        const int B = in.bands;
        const size_t plane = in.plane();
        // Unknown: hidden pixels and any pixel with a missing band (nodata). Hidden pixels lose their
        // (cloudy) values; bands that do have data elsewhere keep it.
        std::vector<uint8_t> hm(in.hidden);
        m_filled.resize(in.x.size());
        for (int b = 0; b < B; ++b) {
            const float* src = in.x.data() + b * plane;
            float* dst = m_filled.data() + b * plane;
            for (size_t i = 0; i < plane; ++i) {
                hm[i] |= std::isnan(src[i]) ? 1 : 0;
                dst[i] = in.hidden[i] ? kNaN : src[i];
            }
        }
        const float* refc = nullptr;
        switch (cfg.prefill) {
        case ml::Prefill::Zeros:
            break;
        case ml::Prefill::Telea:
            inpaintBands(m_filled, hm, in.w, in.h, B, cv::INPAINT_TELEA, 5.0);
            break;
        case ml::Prefill::Scene: // the same scene-level field under every window: no blocks
            waitPrior()->fill(in.x0, in.y0, in.w, in.h, hm.data(), m_filled.data());
            break;
        case ml::Prefill::Harmonic: // the scene's harmonic solution, at full resolution in the window
            harmonicWindow(in, hm, *waitPrior(), m_filled, kPrefillTolerance);
            break;
        case ml::Prefill::Temporal:
            // As the temporal method does: what is hidden, not what has no data (exactly its estimate).
            m_unshown = temporalFill(m_filled, in.hidden, in.dates(), in.w, in.h, B, m_composite);
            refc = m_composite.data();
            m_shown.add(in.hidden, m_unshown);
            break;
        }
        if (cfg.reference && cfg.prefill != ml::Prefill::Temporal)
            refc = in.refs.front().data(); // round-1 models: the first reference's raw bands
        // Only what is unknown and kContext px around it go through the network: its bounding box on
        // a grid of kBoxGrid px that every pass's granularity divides (a generated tile's windows: 79 %
        // of their area). The coarse grid bounds the passes' shapes at 4 x 4 per band group: oneDNN
        // caches primitives per shape (1.6 against 1.44 GB on a tile AOI with 16 shapes).
        int grid = kBoxGrid;
        for (int s : std::set<int>(m_scales.begin(), m_scales.end()))
            grid = std::lcm(grid, s * cfg.multiple());
        grid = std::lcm(grid, cfg.multiple());
        const Window c = m_crop ? unknownBox(hm, in.w, in.h, grid) : Window { 0, 0, in.w, in.h };
        m_windowPixels += double(plane);
        m_passPixels += double(c.w) * c.h;
        if (c.w == in.w && c.h == in.h) {
            predictArea(in.w, in.h, in.w, in.h, B, m_filled.data(), hm.data(), refc, pred);
            keepPrefillWhereNoDateShows(in, pred);
            blendEdge(in, hm, pred);
            return;
        }
        const size_t cplane = static_cast<size_t>(c.w) * c.h;
        auto crop = [&](const float* src, std::vector<float>& dst) {
            dst.resize(cplane * B);
            for (int b = 0; b < B; ++b)
                for (int j = 0; j < c.h; ++j)
                    std::copy_n(src + b * plane + static_cast<size_t>(c.y + j) * in.w + c.x, c.w,
                        dst.data() + b * cplane + static_cast<size_t>(j) * c.w);
        };
        crop(m_filled.data(), m_cropFilled);
        if (refc)
            crop(refc, m_cropRef);
        std::vector<uint8_t> chm(cplane);
        for (int j = 0; j < c.h; ++j)
            std::copy_n(hm.data() + static_cast<size_t>(c.y + j) * in.w + c.x, c.w, chm.data() + j * c.w);
        predictArea(c.w, c.h, in.w, in.h, B, m_cropFilled.data(), chm.data(),
            refc ? m_cropRef.data() : nullptr, m_cropPred);
        pred.assign(plane * B, kNaN); // outside the box nothing is unknown: no value is asked for there
        for (int b = 0; b < B; ++b)
            for (int j = 0; j < c.h; ++j)
                std::copy_n(m_cropPred.data() + b * cplane + static_cast<size_t>(j) * c.w, c.w,
                    pred.data() + b * plane + static_cast<size_t>(c.y + j) * in.w + c.x);
        keepPrefillWhereNoDateShows(in, pred);
        blendEdge(in, hm, pred);
    }
    // Models that start from the scene prior (--prefill scene; the shipped one-date model until
    // session 28, which now starts from the harmonic fill and is not blended), blended with Telea at the
    // cloud's edge: there Telea's continuation of the edge pixels scored better than the network on
    // the hidden truth of real cases (nantes-0, within 4 px: 33.18 against 31.87 dB), deeper the
    // network does. Telea's weight is exp(-(d - 1) / 4) at d px from clear ground, none beyond 12 px
    // (+0.05 to +0.15 dB on each of the eight real cases: bench/results/edge-blend.md). Telea runs
    // only that deep into each hole.
    void blendEdge(const WindowIn& in, const std::vector<uint8_t>& hm, std::vector<float>& pred)
    {
        constexpr float kDepth = 12, kTau = 4;
        if (m_edgeRadius <= 0)
            return;
        const size_t plane = in.plane();
        const int B = in.bands;
        m_edge = in.x;
        // Telea's arrival times run a little above the Euclidean distance: march deeper than kDepth.
        inpaintBands(m_edge, hm, in.w, in.h, B, cv::INPAINT_TELEA, m_edgeRadius, 1.5 * kDepth + 2);
        // hm (0 / 1) as it is: the transform measures every non-zero pixel's distance to a zero one.
        const cv::Mat hidden(in.h, in.w, CV_8U, const_cast<uint8_t*>(hm.data()));
        cv::Mat dist;
        cv::distanceTransform(hidden, dist, cv::DIST_L2, cv::DIST_MASK_PRECISE, CV_32F);
        const auto* d = dist.ptr<float>();
        for (size_t i = 0; i < plane; ++i) {
            if (!hm[i] || d[i] > kDepth)
                continue;
            // Tapered to zero over the last 2 px: no step 12 px inside every cloud.
            const float wt = std::exp(-(d[i] - 1) / kTau) * std::clamp((kDepth - d[i]) / 2, 0.f, 1.f);
            for (int b = 0; b < B; ++b) {
                float& p = pred[b * plane + i];
                const float t = m_edge[b * plane + i];
                if (std::isfinite(p) && std::isfinite(t))
                    p = wt * t + (1 - wt) * p;
            }
        }
    }
    // The loaded network: waits for the load (its errors surface here, even with no window to run).
    ml::Network& network()
    {
        if (!m_net) {
            if (m_loadError)
                std::rethrow_exception(m_loadError);
            try {
                m_net = m_loading.get();
            } catch (...) {
                m_loadError = std::current_exception();
                throw;
            }
        }
        return *m_net;
    }
    // A load that has ended in an error throws it now (a damaged checkpoint stops the run at its
    // next window, not at the end); a load still running is not waited for.
    void checkLoaded()
    {
        if (!m_net
            && (m_loadError || m_loading.wait_for(std::chrono::seconds(0)) == std::future_status::ready))
            network();
    }
    // The scene prior, computed beside the first strip's read: waits for it (its errors surface here).
    const CoarsePrior* waitPrior()
    {
        if (!m_prior && m_priorFuture.valid())
            m_prior = m_priorFuture.get().get();
        return m_prior;
    }
    double networkShare() const { return m_windowPixels > 0 ? m_passPixels / m_windowPixels : 0.0; }
    double inferenceSeconds() const override { return m_inference; }

private:
    // Pixels of context kept around the unknown ones: more than the general models' 48 px training
    // crops show on either side.
    static constexpr int kContext = 32;
    static constexpr int kBoxGrid = 64;
    // The bounding box of the marked pixels of a w x h window, grown by kContext and out to a grid of
    // `grid` px from the window's corner (the window's own side where that is reached).
    static Window unknownBox(const std::vector<uint8_t>& hm, int w, int h, int grid)
    {
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int j = 0; j < h; ++j) {
            const uint8_t* row = hm.data() + static_cast<size_t>(j) * w;
            auto marked = [](uint8_t v) { return v != 0; };
            const uint8_t* first = std::find_if(row, row + w, marked);
            if (first == row + w)
                continue;
            const uint8_t* last
                = std::find_if(std::make_reverse_iterator(row + w), std::make_reverse_iterator(row), marked)
                      .base()
                - 1;
            y0 = std::min(y0, j);
            y1 = j;
            x0 = std::min(x0, int(first - row));
            x1 = std::max(x1, int(last - row));
        }
        if (x1 < 0)
            return { 0, 0, w, h };
        auto span = [&](int a, int b, int n) {
            const int lo = std::max(0, (a - kContext) / grid * grid);
            const int hi = std::min(n, (b + 1 + kContext + grid - 1) / grid * grid);
            return std::pair<int, int>(lo, hi - lo);
        };
        const auto [cx, cw] = span(x0, x1, w);
        const auto [cy, ch] = span(y0, y1, h);
        return { cx, cy, cw, ch };
    }
    // The network over a w x h area of a winW x winH window: B pre-filled band planes, its unknown
    // pixels, the reference composite (or null); pred gets B planes. Whether a band group passes at its
    // native scale is the window's to decide, so a box and the whole window agree.
    void predictArea(int w, int h, int winW, int winH, int B, const float* filled, const uint8_t* hm,
        const float* refc, std::vector<float>& pred)
    {
        const ml::ModelConfig& cfg = m_info.model;
        const size_t plane = static_cast<size_t>(w) * h;
        if (!cfg.perBand || m_scales.empty()) {
            std::vector<float> x(static_cast<size_t>(cfg.perBand ? B : 1) * cfg.inChannels() * plane);
            ml::buildNetInput(cfg, m_info.mean, m_info.std, B, plane, filled, hm, refc, x.data());
            pred = run(x, cfg.perBand ? B : 1, h, w);
            ml::denormalise(m_info.mean, m_info.std, B, plane, pred.data());
            return;
        }
        // Per-band networks: the bands of each scale in one batch, at that scale (native resolution).
        pred.assign(plane * B, kNaN);
        for (int s : std::set<int>(m_scales.begin(), m_scales.end())) {
            const int step = winW % (s * cfg.multiple()) == 0 && winH % (s * cfg.multiple()) == 0 ? s : 1;
            std::vector<int> group;
            for (int b = 0; b < B; ++b)
                if (m_scales[b] == s)
                    group.push_back(b);
            predictGroup(w, h, step, group, filled, hm, refc, pred);
        }
    }

    std::vector<float> run(const std::vector<float>& x, int n, int h, int w)
    {
        ml::Network& net = network(); // waiting for the load is overhead, not inference
        QElapsedTimer t;
        t.start();
        std::vector<float> y = net.forward(x, n, h, w);
        m_inference += t.nsecsElapsed() * 1e-9;
        return y;
    }

    // The bands `group` through the network at 1/s of the window's resolution: s x s block means of
    // the pre-filled bands (and reference composite), a block hidden when any of its pixels is; the
    // network's correction (its output minus its input) comes back up bilinearly and is added to
    // the full-resolution pre-fill, so the pre-fill's detail stays. s = 1 is the plain pass.
    void predictGroup(int w, int h, int s, const std::vector<int>& group, const float* filled,
        const uint8_t* hm, const float* refc, std::vector<float>& pred)
    {
        const ml::ModelConfig& cfg = m_info.model;
        const std::vector<float>&mean = m_info.mean, &sd = m_info.std;
        const size_t plane = static_cast<size_t>(w) * h;
        const int lw = w / s, lh = h / s, G = int(group.size());
        const size_t lplane = static_cast<size_t>(lw) * lh;
        // Block means of band planes (NaN where a block holds no finite value).
        auto down = [&](const float* src, float* dst) {
            for (int j = 0; j < lh; ++j)
                for (int i = 0; i < lw; ++i) {
                    double sum = 0;
                    int n = 0;
                    for (int v = 0; v < s; ++v)
                        for (int u = 0; u < s; ++u) {
                            const float f = src[static_cast<size_t>(j * s + v) * w + i * s + u];
                            if (std::isfinite(f)) {
                                sum += f;
                                ++n;
                            }
                        }
                    dst[static_cast<size_t>(j) * lw + i] = n ? float(sum / n) : kNaN;
                }
        };
        std::vector<float> lf(lplane * G), lr(refc ? lplane * G : 0);
        std::vector<uint8_t> lh8(lplane, 0);
        if (s == 1) {
            for (int g = 0; g < G; ++g) {
                std::copy_n(filled + group[g] * plane, plane, lf.data() + g * plane);
                if (refc)
                    std::copy_n(refc + group[g] * plane, plane, lr.data() + g * plane);
            }
            lh8.assign(hm, hm + plane);
        } else {
            for (int g = 0; g < G; ++g) {
                down(filled + group[g] * plane, lf.data() + g * lplane);
                if (refc)
                    down(refc + group[g] * plane, lr.data() + g * lplane);
            }
            for (int j = 0; j < h; ++j)
                for (int i = 0; i < w; ++i)
                    if (hm[static_cast<size_t>(j) * w + i])
                        lh8[static_cast<size_t>(j / s) * lw + i / s] = 1;
        }
        std::vector<float> x(static_cast<size_t>(G) * cfg.inChannels() * lplane);
        ml::buildNetInput(
            cfg, mean, sd, G, lplane, lf.data(), lh8.data(), refc ? lr.data() : nullptr, x.data());
        std::vector<float> y = run(x, G, lh, lw);
        ml::denormalise(mean, sd, G, lplane, y.data());
        for (int g = 0; g < G; ++g) {
            float* dst = pred.data() + static_cast<size_t>(group[g]) * plane;
            const float* yl = y.data() + g * lplane;
            if (s == 1) {
                std::copy_n(yl, plane, dst);
                continue;
            }
            // The correction at low resolution; a block with no value (nodata all through) gives
            // none, so it cannot spread NaN onto its neighbours.
            const float* fl = lf.data() + g * lplane;
            std::vector<float> corr(lplane);
            for (size_t k = 0; k < lplane; ++k)
                corr[k] = std::isfinite(fl[k]) && std::isfinite(yl[k]) ? yl[k] - fl[k] : 0.0f;
            // Back up with the readers' bilinear upsampler (the same pixel-centre convention), into
            // dst, then onto the full-resolution pre-fill.
            io::upsampleBilinear(corr.data(), { 0, 0, lw, lh }, lw, lh, s, 0, 0, w, h, dst);
            const float* full = filled + static_cast<size_t>(group[g]) * plane;
            for (size_t k = 0; k < plane; ++k)
                dst[k] = full[k] + dst[k];
        }
    }

    // Models that start from other dates keep their start (temporal fill's inpainting) on hidden
    // pixels that no date shows, unless they trained with cloudy other dates: trained with clear
    // references only, they never saw such pixels, and on the WorldCereal months with one 30-60 %
    // cloudy other date they lost 1.6 dB to the inpainting there (10 of 10 cases) while gaining 0.4 dB
    // where the date shows the ground.
    void keepPrefillWhereNoDateShows(const WindowIn& in, std::vector<float>& pred) const
    {
        if (m_info.model.prefill != ml::Prefill::Temporal || m_info.model.referenceClouds > 0)
            return;
        const size_t plane = in.plane();
        for (size_t i = 0; i < plane; ++i)
            if (m_unshown[i])
                for (int b = 0; b < in.bands; ++b)
                    pred[b * plane + i] = m_filled[b * plane + i];
    }

    double m_inference = 0;
    std::future<std::unique_ptr<ml::Network>> m_loading;
    std::exception_ptr m_loadError;
    std::unique_ptr<ml::Network> m_net;
    const ml::CheckpointInfo m_info;
    std::shared_future<std::shared_ptr<const CoarsePrior>> m_priorFuture;
    const CoarsePrior* m_prior = nullptr;
    std::vector<int> m_scales; // per band: 1 at full resolution, 2 / 4 at 20 / 60 m on a 10 m grid
    bool m_crop;
    double m_edgeRadius; // after m_info, which it reads
    double m_windowPixels = 0, m_passPixels = 0;
    std::vector<float> m_filled, m_composite, m_cropFilled, m_cropRef, m_cropPred, m_edge;
    std::vector<uint8_t> m_unshown; // temporal pre-fill: hidden pixels no date shows (inpainted)
    ShownByOtherDates m_shown; // with the temporal pre-fill
};

// A single date whose mask hides every pixel leaves no method anything to draw from: the output
// would be all nodata (or a network's guess from nothing). Stops at the first visible pixel (in the
// first strip, as a rule).
void refuseAllHidden(const Product& product, const MaskSpec& spec)
{
    const int W = product.width(), H = product.height(), rows = 256;
    std::vector<uint8_t> hidden;
    for (int y = 0; y < H; y += rows) {
        const int h = std::min(rows, H - y);
        hidden.resize(static_cast<size_t>(W) * h);
        readHiddenMask(product, spec, { 0, y, W, h }, hidden.data());
        if (std::find(hidden.begin(), hidden.end(), uint8_t(0)) != hidden.end())
            return;
    }
    const QString example = maskThresholdExample(product.info());
    const QString hint = example.isEmpty()
        ? QString()
        : QStringLiteral("; if its values are a cloud probability, hide from a threshold up, e.g. %1")
              .arg(example);
    throw Error(QStringLiteral("nothing to rebuild from: the mask %1 hides every pixel of %2 (another date "
                               "could fill it: temporal or pretrained with --reference)%3")
                    .arg(product.info().maskFile, product.info().path, hint));
}

} // namespace

Method Method::parse(const QString& text)
{
    const QString m = text.trimmed().toLower();
    if (m == QLatin1String("telea"))
        return { MethodKind::Telea, {} };
    if (m == QLatin1String("ns") || m == QLatin1String("navier-stokes"))
        return { MethodKind::NavierStokes, {} };
    if (m == QLatin1String("temporal"))
        return { MethodKind::Temporal, {} };
    if (m == QLatin1String("harmonic") || m == QLatin1String("laplace"))
        return { MethodKind::Harmonic, {} };
    return { MethodKind::Model, text.trimmed() };
}

QString Method::toString() const
{
    switch (kind) {
    case MethodKind::Telea:
        return QStringLiteral("telea");
    case MethodKind::NavierStokes:
        return QStringLiteral("ns");
    case MethodKind::Temporal:
        return QStringLiteral("temporal");
    case MethodKind::Harmonic:
        return QStringLiteral("harmonic");
    case MethodKind::Model:
        break;
    }
    return model;
}

QString Method::checkpoint(bool withReferences) const
{
    if (kind != MethodKind::Model)
        throw Error(QStringLiteral("%1 is not a network: it has no checkpoint").arg(label()));
    return ml::resolveCheckpoint(model, withReferences);
}

void Method::validate(bool withReferences) const
{
    if (kind == MethodKind::Temporal && !withReferences)
        throw Error(
            QStringLiteral("Temporal fill needs at least one other date of the same tile (--reference)"));
    if (kind == MethodKind::Model && !QFileInfo::exists(checkpoint(withReferences)))
        throw Error(QStringLiteral(
            "'%1' is neither telea, ns, harmonic, temporal, pretrained nor an existing checkpoint")
                        .arg(model));
}

bool Method::usesReferences() const
{
    if (kind == MethodKind::Temporal)
        return true;
    if (kind != MethodKind::Model)
        return false;
    try {
        return ml::readCheckpointInfo(checkpoint(true)).model.reference;
    } catch (const Error&) {
        return true;
    }
}

Window reconArea(const Product& product, const Window& aoi)
{
    const int W = product.width(), H = product.height();
    if (aoi.w <= 0 || aoi.h <= 0)
        return { 0, 0, W, H };
    Window a = aoi;
    a.x = std::clamp(a.x, 0, W - 1);
    a.y = std::clamp(a.y, 0, H - 1);
    a.w = std::min(a.w - (a.x - aoi.x), W - a.x);
    a.h = std::min(a.h - (a.y - aoi.y), H - a.y);
    if (a.w <= 0 || a.h <= 0 || aoi.x >= W || aoi.y >= H)
        throw Error(QStringLiteral("The area %1,%2,%3,%4 lies outside the product (%5 x %6)")
                        .arg(aoi.x)
                        .arg(aoi.y)
                        .arg(aoi.w)
                        .arg(aoi.h)
                        .arg(W)
                        .arg(H));
    return a;
}

QString Method::label() const
{
    switch (kind) {
    case MethodKind::Telea:
        return QStringLiteral("OpenCV Telea");
    case MethodKind::NavierStokes:
        return QStringLiteral("OpenCV Navier-Stokes");
    case MethodKind::Temporal:
        return QStringLiteral("Temporal fill");
    case MethodKind::Harmonic:
        return QStringLiteral("Harmonic fill");
    case MethodKind::Model:
        break;
    }
    const QString m = model.toLower();
    if (m == QLatin1String("pretrained") || m == QLatin1String("general"))
        return QStringLiteral("General model (pretrained)");
    if (m == QLatin1String("pretrained-ref"))
        return QStringLiteral("General model with other dates (pretrained)");
    if (m == QLatin1String("pretrained-mono"))
        return QStringLiteral("General model, one date (pretrained)");
    QString net = QStringLiteral("Model");
    try {
        net = ml::readCheckpointInfo(model).model.kind == ml::ModelKind::Cnn ? QStringLiteral("CNN")
                                                                             : QStringLiteral("U-Net");
    } catch (const Error&) {
    }
    return QStringLiteral("%1 (%2)").arg(net, QFileInfo(model).fileName());
}

TemporalFit temporalFitUsed(const ReconOptions& o)
{
    if (o.references.isEmpty())
        return TemporalFit::Auto;
    if (o.method.kind == MethodKind::Temporal)
        return o.temporalFit == TemporalFit::Auto ? TemporalFit::CrossBand : o.temporalFit;
    if (o.method.kind != MethodKind::Model)
        return TemporalFit::Auto;
    const ml::ModelConfig c = ml::readCheckpointInfo(o.method.checkpoint(true)).model;
    if (!c.reference || c.prefill != ml::Prefill::Temporal)
        return TemporalFit::Auto;
    return o.temporalFit == TemporalFit::Auto ? c.temporalFit : o.temporalFit;
}

QString windowProblem(int window, int overlap)
{
    // Below 32 px a window holds too little clear ground for any method (1 px: every pixel from the
    // coarse estimate, silently).
    // More overlap than half a window was cut to half without a word: refused instead.
    if (window < 0 || (window > 0 && window < 32) || window > 4096 || overlap < 0
        || (window > 0 && 2 * overlap > window))
        return QStringLiteral("The window must be 32 to 4096 px (0: the method's own) and the overlap "
                              "at most half the window");
    return {};
}

void validate(const ReconOptions& o)
{
    o.method.validate(!o.references.isEmpty());
    if (const QString why = windowProblem(o.window, o.overlap); !why.isEmpty())
        throw Error(why);
    if (!(o.inpaintRadius > 0 && o.inpaintRadius <= 100))
        throw Error(QStringLiteral("The inpainting radius must be 0 to 100 px"));
    if (!o.referenceMasks.isEmpty() && o.referenceMasks.size() != o.references.size())
        throw Error(QStringLiteral("Give one mask per reference date, or none"));
}

namespace {
// The value of `all` whose name(v) is `text` (any case, spaces around), as out; false if none.
template <typename E>
bool parseByName(const QString& text, std::initializer_list<E> all, QString (*name)(E), E& out)
{
    const QString t = text.trimmed().toLower();
    for (E v : all)
        if (t == name(v)) {
            out = v;
            return true;
        }
    return false;
}
} // namespace

bool parseBandResolution(const QString& text, BandResolution& out)
{
    return parseByName(text,
        { BandResolution::Auto, BandResolution::Native, BandResolution::Coarse, BandResolution::Full },
        &bandResolutionName, out);
}

QString bandResolutionName(BandResolution r)
{
    switch (r) {
    case BandResolution::Native:
        return QStringLiteral("native");
    case BandResolution::Coarse:
        return QStringLiteral("coarse");
    case BandResolution::Full:
        return QStringLiteral("full");
    case BandResolution::Auto:
        break;
    }
    return QStringLiteral("auto");
}

bool parsePrecision(const QString& text, Precision& out)
{
    return parseByName(
        text, { Precision::Auto, Precision::Float32, Precision::BFloat16 }, &precisionName, out);
}

QString precisionName(Precision p)
{
    switch (p) {
    case Precision::Float32:
        return QStringLiteral("float32");
    case Precision::BFloat16:
        return QStringLiteral("bfloat16");
    case Precision::Auto:
        break;
    }
    return QStringLiteral("auto");
}

bool usesBFloat16(Precision p)
{
    return p == Precision::BFloat16 || (p == Precision::Auto && cpuHasNativeBFloat16());
}

BandResolution resolvedBandResolution(BandResolution r, ml::Prefill start)
{
    if (start == ml::Prefill::Zeros)
        return BandResolution::Full;
    if (r != BandResolution::Auto)
        return r;
    return start == ml::Prefill::Scene || start == ml::Prefill::Harmonic ? BandResolution::Coarse
        : start == ml::Prefill::Telea                                    ? BandResolution::Native
                                                                         : BandResolution::Full;
}

std::vector<int> nativeScales(const ProductInfo& info, const QStringList& bands, double coarseMetres)
{
    const double grid = gridMetres(info);
    std::vector<int> scales(bands.size(), 1);
    if (!(grid >= 1.0 && grid <= 1000.0))
        return scales;
    for (int b = 0; b < bands.size(); ++b) {
        const int idx = s2BandIndex(canonicalBandName(bands[b]));
        if (idx < 0)
            continue;
        // A fifth of slack: reprojected grids are not exactly 10 m (OSCD's: 8.5 x 12.5 m).
        const double ratio = std::max<double>(kS2Bands[idx].resolution, coarseMetres) / grid * 1.2;
        while (scales[b] * 2 <= ratio)
            scales[b] *= 2;
    }
    return scales;
}

ReconStats reconstruct(
    const Product& product, const ReconOptions& opt, const RowSink& sink, const Progress& progress)
{
    initializeRuntime();
    QElapsedTimer total;
    total.start();
    if (!product.hasClasses())
        throw Error(QStringLiteral(
            "%1 has no scene classification: open an SCL or mask file to mark what to reconstruct")
                        .arg(product.info().path));
    const QStringList bands = product.bandNames();
    const MethodKind kind = opt.method.kind;

    validate(opt);
    std::unique_ptr<FillMethod> method;
    // The scene prior: for the models that start from it, computed on another thread while the
    // reader decodes the first strip (at 1800 px its read and Telea took 0.7 s before any read);
    // otherwise only if some pixel gets no window's value (`fallback`).
    std::shared_future<std::shared_ptr<const CoarsePrior>> prior;
    std::shared_ptr<const CoarsePrior> fallback;
    bool wantsRefs = kind == MethodKind::Temporal;
    bool harmonicStart = kind == MethodKind::Harmonic; // a harmonic solve the haze guard serves
    if (kind == MethodKind::Model) {
        const QString ckpt = opt.method.checkpoint(!opt.references.isEmpty());
        ml::CheckpointInfo info = ml::readCheckpointInfo(ckpt);
        const ml::ModelConfig cfg = info.model;
        if (!cfg.perBand && info.bands != bands)
            throw Error(QStringLiteral(
                "%1 was trained on bands %2, but the product has %3: train a model on this kind of product, "
                "or use the general model (pretrained)")
                            .arg(ckpt, info.bands.join(QLatin1Char(',')), bands.join(QLatin1Char(','))));
        if (cfg.reference && opt.references.isEmpty())
            throw Error(
                QStringLiteral("%1 was trained with other dates: give at least one (--reference)").arg(ckpt));
        // The weights load (about 0.17 s for the seed's 31 MB U-Net, most of it LibTorch's random
        // initialisation and unpickling) beside the set-up and the first strip's read, not before.
        std::future<std::unique_ptr<ml::Network>> loading
            = std::async(std::launch::async, [ckpt, bf16 = usesBFloat16(opt.precision)] {
                  std::unique_ptr<ml::Network> net = ml::Network::load(ckpt);
                  net->setBFloat16(bf16);
                  return net;
              });
        wantsRefs = cfg.reference;
        if (!wantsRefs) // before the scene prior: it reads the whole product
            refuseAllHidden(product, opt.mask);
        // once per product, shared by every window
        harmonicStart = cfg.prefill == ml::Prefill::Harmonic;
        if (cfg.prefill == ml::Prefill::Scene || cfg.prefill == ml::Prefill::Harmonic)
            prior = std::async(std::launch::async,
                [&product, bands, mask = opt.mask, harmonic = cfg.prefill == ml::Prefill::Harmonic,
                    hazeGuard = opt.hazeGuard, progress] {
                    return std::shared_ptr<const CoarsePrior>(
                        std::make_shared<CoarsePrior>(product, bands, mask, harmonic, hazeGuard, progress));
                }).share();
        std::vector<int> scales;
        if (cfg.perBand) {
            const BandResolution r = resolvedBandResolution(opt.bandResolution, cfg.prefill);
            if (r != BandResolution::Full)
                scales = nativeScales(product.info(), bands, r == BandResolution::Coarse ? 20 : 0);
        }
        method = std::make_unique<ModelMethod>(std::move(loading), std::move(info), prior, std::move(scales),
            opt.cropToHidden, opt.edgeBlend ? opt.inpaintRadius : 0);
    } else if (!wantsRefs) {
        refuseAllHidden(product, opt.mask);
    }
    // Other dates, nearest first; what they cannot show, whatever this date rebuilds.
    const MaskSpec refMask = otherDateMask(opt.mask);
    std::vector<std::shared_ptr<Product>> refs;
    std::vector<SceneFit> refFits;
    QStringList withoutClasses;
    const TemporalFit fit = wantsRefs ? temporalFitUsed(opt) : TemporalFit::Auto;
    if (wantsRefs) {
        for (int r = 0; r < opt.references.size(); ++r) {
            if (samePath(opt.references[r], product.info().path))
                throw Error(
                    QStringLiteral("The reference %1 is the product itself: give another date of the tile")
                        .arg(opt.references[r]));
            auto ref = openReference(opt.references, opt.referenceMasks, opt.referenceMaskKinds,
                opt.referenceMaskKind, r, product.info());
            if (const QString why = gridDifference(product.info(), ref->info()); !why.isEmpty())
                throw Error(
                    QStringLiteral("The reference %1 cannot be read on the product's grid: %2. It must "
                                   "show some of the product's ground, with its CRS and position")
                        .arg(opt.references[r], why));
            for (const QString& b : bands)
                if (ref->bandIndex(b) < 0)
                    throw Error(QStringLiteral("The reference %1 has no band %2").arg(opt.references[r], b));
            if (!ref->hasClasses())
                withoutClasses << opt.references[r];
            refs.push_back(ref);
        }
        sortNearestFirst(product, refs);
        for (const auto& ref : refs)
            // No temporal fill (round-1 reference networks): their lines only, not the costlier fit.
            refFits.push_back(globalFit(product, *ref, bands, refMask,
                fit == TemporalFit::Auto ? TemporalFit::PerBand : fit, progress, refs.size() > 1));
    }
    // A strip of windows can straddle two rows of source blocks: both stay decoded for every date.
    qint64 blockRows = product.blockRowBytes(bands);
    for (const auto& ref : refs)
        blockRows += ref->blockRowBytes(bands);
    const GdalCacheAtLeast cache(2 * blockRows + opt.sinkCacheBytes);
    if (kind == MethodKind::Telea)
        method = std::make_unique<InpaintMethod>(cv::INPAINT_TELEA, opt.inpaintRadius);
    else if (kind == MethodKind::NavierStokes)
        method = std::make_unique<InpaintMethod>(cv::INPAINT_NS, opt.inpaintRadius);
    else if (kind == MethodKind::Temporal)
        method = std::make_unique<TemporalMethod>();
    else if (kind == MethodKind::Harmonic) {
        fallback
            = std::make_shared<const CoarsePrior>(product, bands, opt.mask, true, opt.hazeGuard, progress);
        method = std::make_unique<HarmonicMethod>(fallback);
    }

    const int W = product.width(), H = product.height();
    const Window area = reconArea(product, opt.aoi);

    // Window sides: the method's multiple, at most the image (which must then be a multiple too).
    const int mult = method->multiple();
    int L = opt.window > 0 ? opt.window : method->defaultWindow();
    L = std::max(mult, L / mult * mult);
    const int Lx = std::min(L, W / mult * mult), Ly = std::min(L, H / mult * mult);
    if (Lx <= 0 || Ly <= 0)
        throw Error(QStringLiteral("The product is smaller than the model's %1 px granularity").arg(mult));
    const int defOverlap
        = opt.window > 0 ? L * method->defaultOverlap() / method->defaultWindow() : method->defaultOverlap();
    const int overlap = std::clamp(opt.overlap > 0 ? opt.overlap : defOverlap, 0, std::min(Lx, Ly) / 2);
    const std::vector<int> xs = windowStarts(area.x, area.w, W, Lx, Lx - overlap, overlap);
    const std::vector<int> ys = windowStarts(area.y, area.h, H, Ly, Ly - overlap, overlap);
    const int sx0 = xs.front(), sw = xs.back() + Lx - sx0; // the strip every row of windows reads
    const int B = bands.size();
    const size_t stripPlane = static_cast<size_t>(sw) * Ly;
    const size_t aw = area.w;

    ReconStats st;
    st.referencesWithoutClasses = withoutClasses;
    if (fit != TemporalFit::Auto) // what was used: cross-band only with the neighbourhood correction
        st.temporalFit = temporalFitName(
            std::any_of(refFits.begin(), refFits.end(), [](const SceneFit& f) { return f.neighbours.ok; })
                ? TemporalFit::CrossBand
                : std::any_of(refFits.begin(), refFits.end(), [](const SceneFit& f) { return f.cross.ok; })
                ? TemporalFit::CrossBandPixel
                : TemporalFit::PerBand);
    st.area = area;
    st.bands = bands;
    st.gdalCacheBytes = GdalCacheAtLeast::currentBytes();
    const size_t R = refs.size();
    // What one strip of windows reads: its bands, hidden mask and other dates (two sets: one is
    // filled on a reader thread while the other's windows run).
    struct Strip
    {
        std::vector<float> bands;
        std::vector<std::vector<float>> refs;
        std::vector<uint8_t> hidden;
        std::vector<uint8_t> cloud; // hazeGuard's seeds (cloudSeeds)
        std::vector<std::vector<uint8_t>> refHidden;
        bool anyHidden = false;
        // Under `lock`: the strip the buffer holds, and how far it is read: -1 before its masks, then
        // columns [0, ready) of every band.
        size_t index = SIZE_MAX;
        int ready = -1;
    };
    // Only for networks: their windows take long enough to hide a read, and the other methods' whole
    // tiles (several dates' strips) already come near the 2 GiB bound. Nor where a second set of
    // strips is large (a whole tile with another date: 270 MB): on 2 cores the decode and the
    // network share the cores, and a 512-row strip of the tile took as long without it (README).
    const bool readAhead = opt.readAhead && kind == MethodKind::Model
        && stripPlane * B * (1 + R) * sizeof(float) <= kReadAheadBytes;
    st.readAhead = readAhead;
    const size_t slots = readAhead ? 2 : 1;
    Strip buf[2];
    // Rows each strip hands to the sink: [flushStart, flushEnd); known before any window runs.
    std::vector<int> flushStart(ys.size()), flushEnd(ys.size());
    for (size_t yi = 0, f = area.y; yi < ys.size(); ++yi) {
        flushStart[yi] = int(f);
        flushEnd[yi] = yi + 1 < ys.size() ? std::min(ys[yi + 1], area.y + area.h) : area.y + area.h;
        f = std::max<size_t>(f, flushEnd[yi]);
    }
    // A reader thread fills the strips in order; the windows wait only for the columns they cover.
    std::mutex lock;
    std::condition_variable changed;
    size_t consumed = 0; // strips whose windows are done: their buffer may be refilled
    bool stop = false;
    std::exception_ptr readError;
    auto publish = [&](Strip& b, int ready) {
        {
            std::lock_guard<std::mutex> l(lock);
            b.ready = ready;
        }
        changed.notify_all();
    };
    auto stopped = [&] {
        std::lock_guard<std::mutex> l(lock);
        return stop;
    };
    const MaskSpec cloudSpec = cloudSeeds(opt.mask);
    const bool guardSeeds = opt.hazeGuard && harmonicStart && !cloudSpec.classes.isEmpty()
        && bands.contains(QStringLiteral("B02")) && bands.contains(QStringLiteral("B04"));
    std::vector<float> chunk;
    auto readStrip = [&](size_t yi, Strip& b) {
        {
            std::lock_guard<std::mutex> l(lock);
            b.index = yi;
            b.ready = -1;
        }
        if (b.hidden.empty()) {
            b.bands.resize(stripPlane * B);
            b.refs.assign(R, std::vector<float>(stripPlane * B));
            b.hidden.resize(stripPlane);
            b.refHidden.assign(R, std::vector<uint8_t>(stripPlane));
        }
        const int y = ys[yi];
        const Window sWin { sx0, y, sw, Ly };
        readHiddenMask(product, opt.mask, sWin, b.hidden.data());
        b.anyHidden = false;
        for (int j = std::max(y, area.y) - y; j < std::min(y + Ly, area.y + area.h) - y && !b.anyHidden; ++j)
            for (int i = area.x - sx0; i < area.x + area.w - sx0; ++i)
                if (b.hidden[static_cast<size_t>(j) * sw + i]) {
                    b.anyHidden = true;
                    break;
                }
        if (guardSeeds) { // where haze starts; a strip with nothing hidden has no window to fill
            b.cloud.resize(stripPlane);
            if (b.anyHidden)
                readHiddenMask(product, cloudSpec, sWin, b.cloud.data());
            else
                std::fill(b.cloud.begin(), b.cloud.end(), 0);
        }
        for (size_t r = 0; r < R && b.anyHidden; ++r) {
            if (refs[r]->hasClasses())
                readHiddenMask(*refs[r], refMask, sWin, b.refHidden[r].data());
            else
                std::fill(b.refHidden[r].begin(), b.refHidden[r].end(), 0);
        }
        publish(b, 0);
        // Rows to hand over need the input pixels even when nothing in the strip is hidden.
        if (!b.anyHidden && flushEnd[yi] <= flushStart[yi]) {
            publish(b, sw);
            return;
        }
        // Column chunks on a 1024 px grid (the JPEG 2000 tiles of Sentinel-2 and of most COGs): the
        // first windows start once their chunk is decoded, not the whole strip's first tile row.
        constexpr int kChunk = 1024;
        for (int c0 = 0; c0 < sw && !stopped();) {
            const int c1 = std::min(sw, ((sx0 + c0) / kChunk + 1) * kChunk - sx0), cw = c1 - c0;
            const Window cWin { sx0 + c0, y, cw, Ly };
            auto readInto = [&](const Product& p, std::vector<float>& dst) {
                if (cw == sw) {
                    p.readWindow(bands, cWin, dst.data());
                    return;
                }
                chunk.resize(static_cast<size_t>(cw) * Ly * B);
                p.readWindow(bands, cWin, chunk.data());
                for (int k = 0; k < B; ++k)
                    for (int j = 0; j < Ly; ++j)
                        std::copy_n(chunk.data() + (static_cast<size_t>(k) * Ly + j) * cw, cw,
                            dst.data() + k * stripPlane + static_cast<size_t>(j) * sw + c0);
            };
            readInto(product, b.bands);
            for (size_t r = 0; r < R && b.anyHidden; ++r)
                readInto(*refs[r], b.refs[r]);
            publish(b, c1);
            c0 = c1;
        }
    };
    // Waits until strip yi has columns [0, cols) (0: its masks); a reader's Error surfaces here.
    auto waitFor = [&](size_t yi, int cols) {
        QElapsedTimer t;
        t.start();
        const Strip& b = buf[yi % slots];
        std::unique_lock<std::mutex> l(lock);
        changed.wait(l, [&] { return (b.index == yi && b.ready >= cols) || readError; });
        if (!(b.index == yi && b.ready >= cols))
            std::rethrow_exception(readError);
        st.readWaitSeconds += t.nsecsElapsed() * 1e-9;
    };
    // Ring buffers over the area's columns: weighted sums of predictions and of weights, Ly rows.
    std::vector<float> acc(static_cast<size_t>(B) * Ly * aw, 0.0f), wsum(static_cast<size_t>(Ly) * aw, 0.0f);
    std::vector<float> out, pred, rowWeight;
    std::vector<uint8_t> rebuilt;
    WindowIn in;
    in.bands = B;
    in.refs.resize(R);
    in.refHidden.resize(R);
    in.refFits = &refFits;
    const int totalWindows = int(xs.size() * ys.size());
    int done = 0;
    int flushed = area.y; // first row not yet handed to the sink
    qint64 filled = 0; // rebuilt pixels that got a value
    qint64 hiddenNoData = 0, withData = 0; // hidden pixels of no data (kept so); pixels with some data
    st.setupSeconds = total.nsecsElapsed() * 1e-9;
    std::thread reader([&] {
        try {
            for (size_t yi = 0; yi < ys.size(); ++yi) {
                {
                    std::unique_lock<std::mutex> l(lock);
                    changed.wait(l, [&] { return stop || yi < consumed + slots; });
                    if (stop)
                        return;
                }
                readStrip(yi, buf[yi % slots]);
            }
        } catch (...) {
            {
                std::lock_guard<std::mutex> l(lock);
                readError = std::current_exception();
            }
            changed.notify_all();
        }
    });
    // However this function ends, the reader stops before the buffers it fills go.
    const auto joiner = qScopeGuard([&] {
        {
            std::lock_guard<std::mutex> l(lock);
            stop = true;
        }
        changed.notify_all();
        reader.join();
    });

    ModelMethod* const model = dynamic_cast<ModelMethod*>(method.get());
    for (size_t yi = 0; yi < ys.size(); ++yi) {
        progress.throwIfCancelled();
        const int y = ys[yi];
        waitFor(yi, 0);
        const Strip& cur = buf[yi % slots];
        const std::vector<float>& strip = cur.bands;
        const std::vector<uint8_t>& hidden = cur.hidden;
        for (int x : xs) {
            progress.throwIfCancelled();
            if (model)
                model->checkLoaded();
            ++st.windows;
            // Rows / columns of this window inside the area: only those are accumulated.
            const int j0 = std::max(y, area.y) - y, j1 = std::min(y + Ly, area.y + area.h) - y;
            const int i0 = std::max(x, area.x) - x, i1 = std::min(x + Lx, area.x + area.w) - x;
            bool has = false;
            for (int j = j0; j < j1 && !has; ++j)
                for (int i = i0; i < i1; ++i)
                    if (hidden[static_cast<size_t>(j) * sw + (x - sx0) + i]) {
                        has = true;
                        break;
                    }
            ++done;
            if (!has) {
                ++st.skipped;
                progress.report(double(done) / totalWindows, QStringLiteral("Reconstructing"));
                continue;
            }
            waitFor(yi, x - sx0 + Lx);
            in.w = Lx;
            in.h = Ly;
            const size_t plane = in.plane();
            in.x0 = x;
            in.y0 = y;
            in.x.resize(plane * B);
            in.hidden.resize(plane);
            in.cloud.resize(cur.cloud.empty() ? 0 : plane);
            for (size_t r = 0; r < R; ++r) {
                in.refs[r].resize(plane * B);
                in.refHidden[r].resize(plane);
            }
            for (int j = 0; j < Ly; ++j) {
                const size_t s = static_cast<size_t>(j) * sw + (x - sx0), t = static_cast<size_t>(j) * Lx;
                std::copy_n(hidden.data() + s, Lx, in.hidden.data() + t);
                if (!in.cloud.empty())
                    std::copy_n(cur.cloud.data() + s, Lx, in.cloud.data() + t);
                for (size_t r = 0; r < R; ++r)
                    std::copy_n(cur.refHidden[r].data() + s, Lx, in.refHidden[r].data() + t);
                for (int b = 0; b < B; ++b) {
                    std::copy_n(strip.data() + b * stripPlane + s, Lx, in.x.data() + b * plane + t);
                    for (size_t r = 0; r < R; ++r)
                        std::copy_n(
                            cur.refs[r].data() + b * stripPlane + s, Lx, in.refs[r].data() + b * plane + t);
                }
            }
            QElapsedTimer mt;
            mt.start();
            if (model && model->waitPrior()) // set-up, not the method's work
                st.setupSeconds += mt.restart() * 1e-3;
            method->predict(in, pred);
            st.methodSeconds += mt.nsecsElapsed() * 1e-9;
            const std::vector<float> wx = rampWeights(x, Lx, W, overlap), wy = rampWeights(y, Ly, H, overlap);
            // Row by row and band by band (vectorised): a pixel adds its weight where it is hidden and
            // got a value; elsewhere its weight is 0 and nothing is added (0 x NaN would be).
            rowWeight.resize(Lx);
            const int len = i1 - i0;
            for (int j = j0; j < j1; ++j) {
                // From the area's first column of this window on (x + i0 >= area.x: no offset below 0).
                const size_t k0 = static_cast<size_t>(j) * Lx + i0,
                             a0 = static_cast<size_t>((y + j) % Ly) * aw + (x + i0 - area.x);
                bool any = false;
                for (int i = 0; i < len; ++i) {
                    const bool use = in.hidden[k0 + i] && !std::isnan(pred[k0 + i]);
                    rowWeight[i] = use ? wx[i0 + i] * wy[j] : 0.0f; // ramps are > 0
                    any |= use;
                }
                if (!any)
                    continue;
                const float* rw = rowWeight.data();
                float* ws = wsum.data() + a0;
                for (int i = 0; i < len; ++i)
                    ws[i] = rw[i] != 0.0f ? ws[i] + rw[i] : ws[i];
                for (int b = 0; b < B; ++b) {
                    float* ab = acc.data() + static_cast<size_t>(b) * Ly * aw + a0;
                    const float* pb = pred.data() + b * plane + k0;
                    for (int i = 0; i < len; ++i)
                        ab[i] = rw[i] != 0.0f ? ab[i] + rw[i] * pb[i] : ab[i];
                }
            }
            progress.report(double(done) / totalWindows, QStringLiteral("Reconstructing"));
        }
        // Rows above the next strip are final: composite and hand them over, in pieces inside the
        // writer's strips (a piece of a whole tile's 12 bands is 34 MB; all the rows were 115 MB).
        if (flushEnd[yi] > flushed)
            waitFor(yi, sw);
        while (flushEnd[yi] > flushed) {
            constexpr int kPiece = RasterWriter::kRowsPerStrip;
            const int rows
                = std::min(flushEnd[yi], area.y + ((flushed - area.y) / kPiece + 1) * kPiece) - flushed;
            const size_t n = static_cast<size_t>(rows) * aw;
            out.assign(n * B, 0.0f);
            rebuilt.assign(n, 0);
            for (int r = 0; r < rows; ++r) {
                const int row = flushed + r;
                const size_t s = static_cast<size_t>(row - y) * sw + (area.x - sx0);
                const size_t ring = static_cast<size_t>(row % Ly) * aw;
                for (size_t i = 0; i < aw; ++i) {
                    const size_t o = static_cast<size_t>(r) * aw + i;
                    // No data in every band (past the swath edge) stays no data though a mask hides it:
                    // a 0/1 or vector mask knows no class 0, and every method fills what it is given.
                    bool noData = hidden[s + i];
                    for (int b = 0; b < B && noData; ++b)
                        noData = std::isnan(strip[b * stripPlane + s + i]);
                    if (!hidden[s + i] || noData) {
                        bool any = false;
                        for (int b = 0; b < B; ++b) {
                            out[b * n + o] = strip[b * stripPlane + s + i];
                            any |= !std::isnan(out[b * n + o]);
                        }
                        withData += any;
                        hiddenNoData += noData;
                        continue;
                    }
                    rebuilt[o] = 1;
                    ++st.hiddenPixels;
                    const float ws = wsum[ring + i];
                    if (ws > 0) {
                        for (int b = 0; b < B; ++b)
                            out[b * n + o] = acc[b * Ly * aw + ring + i] / ws;
                    } else {
                        if (!fallback) // the scene prior already made, or made now
                            fallback = prior.valid()
                                ? prior.get()
                                : std::make_shared<const CoarsePrior>(product, bands, opt.mask);
                        ++st.fallbackPixels;
                        for (int b = 0; b < B; ++b)
                            out[b * n + o] = fallback->at(b, area.x + int(i), row);
                    }
                    filled += !std::isnan(out[o]);
                }
                std::fill_n(wsum.data() + ring, aw, 0.0f);
                for (int b = 0; b < B; ++b)
                    std::fill_n(acc.data() + b * Ly * aw + ring, aw, 0.0f);
            }
            sink(flushed - area.y, rows, out, rebuilt);
            flushed += rows;
        }
        {
            std::lock_guard<std::mutex> l(lock);
            consumed = yi + 1;
        }
        changed.notify_all();
    }
    st.noDataHidden = hiddenNoData;
    // Hidden pixels all left nodata: a file of holes is no reconstruction (reconstructToFile keeps none).
    // So is a product with no data at all whose mask hides some of it.
    if (st.hiddenPixels == 0 && hiddenNoData > 0 && withData == 0)
        throw Error(QStringLiteral("nothing to rebuild from: none of the %1 hidden pixels of %2 could be "
                                   "rebuilt (the product has no data)")
                        .arg(hiddenNoData)
                        .arg(product.info().path));
    if (st.hiddenPixels > 0 && filled == 0)
        throw Error(QStringLiteral("nothing to rebuild from: none of the %1 hidden pixels of %2 could be "
                                   "rebuilt (no data around them nor on another date)")
                        .arg(st.hiddenPixels)
                        .arg(product.info().path));
    st.inferenceSeconds = method->inferenceSeconds();
    if (const auto* temporal = dynamic_cast<const TemporalMethod*>(method.get()))
        st.fromOtherDates = temporal->fromOtherDates();
    else if (const auto* net = dynamic_cast<const ModelMethod*>(method.get()))
        st.fromOtherDates = net->fromOtherDates();
    if (model) {
        st.bfloat16 = model->network().bfloat16();
        st.networkShare = model->networkShare();
    }
    st.seconds = total.nsecsElapsed() * 1e-9;
    return st;
}

ReconStats reconstructToFile(const Product& product, const ReconOptions& options, const QString& out,
    ExportOptions exportOptions, const Progress& progress, const RowSink& observer)
{
    const ProductInfo& pi = product.info();
    QStringList classes;
    for (int c : options.mask.classes)
        classes << QString::number(c);
    exportOptions.metadata.insert(
        QStringLiteral("UNCLOUDED_SOURCE"), pi.productName.isEmpty() ? pi.path : pi.productName);
    exportOptions.metadata.insert(
        QStringLiteral("UNCLOUDED_SOURCE_PATH"), QFileInfo(pi.path).absoluteFilePath());
    exportOptions.metadata.insert(QStringLiteral("UNCLOUDED_METHOD"), options.method.label());
    if (options.method.kind == MethodKind::Model) {
        const QString ckpt = options.method.checkpoint(!options.references.isEmpty());
        exportOptions.metadata.insert(
            QStringLiteral("UNCLOUDED_CHECKPOINT"), QFileInfo(ckpt).absoluteFilePath());
        try {
            const ml::ModelConfig c = ml::readCheckpointInfo(ckpt).model;
            if (c.perBand)
                exportOptions.metadata.insert(QStringLiteral("UNCLOUDED_BAND_RESOLUTION"),
                    bandResolutionName(resolvedBandResolution(options.bandResolution, c.prefill)));
            const bool bf = usesBFloat16(options.precision) && c.canRunBFloat16();
            exportOptions.metadata.insert(QStringLiteral("UNCLOUDED_PRECISION"),
                precisionName(bf ? Precision::BFloat16 : Precision::Float32));
        } catch (const Error&) { // reconstruct() below reports an unreadable checkpoint
        }
    }
    QStringList refPaths;
    for (const QString& r : options.references)
        refPaths << QFileInfo(r).absoluteFilePath();
    if (!refPaths.isEmpty()) {
        exportOptions.metadata.insert(QStringLiteral("UNCLOUDED_REFERENCE"), refPaths.join(QLatin1Char(';')));
        // The fit asked for (written before the run); where the cross-band fit cannot be made for
        // lack of pixels with every band, per-band lines stand in (the JSON's temporal_fit says which).
        try {
            if (const TemporalFit f = temporalFitUsed(options); f != TemporalFit::Auto)
                exportOptions.metadata.insert(QStringLiteral("UNCLOUDED_TEMPORAL_FIT"), temporalFitName(f));
        } catch (const Error&) { // reconstruct() below reports an unreadable checkpoint
        }
    }
    exportOptions.metadata.insert(QStringLiteral("UNCLOUDED_MASK_SOURCE"), pi.maskFile);
    exportOptions.metadata.insert(QStringLiteral("UNCLOUDED_MASK_CLASSES"), classes.join(QLatin1Char(',')));
    exportOptions.metadata.insert(
        QStringLiteral("UNCLOUDED_MASK_DILATE_PX"), QString::number(options.mask.dilatePx));
    if (!pi.sensingTime.isEmpty())
        exportOptions.metadata.insert(QStringLiteral("UNCLOUDED_SENSING_TIME"), pi.sensingTime);
    exportOptions.metadata.insert(
        QStringLiteral("UNCLOUDED_CREATED"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    exportOptions.metadata.insert(QStringLiteral("UNCLOUDED_VERSION"), applicationVersion());
    if (!pi.generatedByUnclouded)
        exportOptions.metadata.insert(QStringLiteral("UNCLOUDED_ATTRIBUTION"),
            QStringLiteral("Contains modified Copernicus Sentinel data"));

    const Window area = reconArea(product, options.aoi);
    RasterWriter writer(out, pi, area, product.bandNames(), exportOptions);
    ReconOptions o = options;
    o.sinkCacheBytes = writer.pendingBytes();
    ReconStats st = reconstruct(
        product, o,
        [&](int y, int rows, const std::vector<float>& data, const std::vector<uint8_t>& rebuilt) {
            writer.writeRows(y, rows, data.data(), rebuilt.data());
            if (observer)
                observer(y, rows, data, rebuilt);
        },
        progress.sub(0, 0.85));
    writer.finish(progress.sub(0.85, 1.0));
    st.clampedValues = writer.clampedValues();
    return st;
}

} // namespace unclouded::recon
