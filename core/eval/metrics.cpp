#include "core/eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/common/error.h"

namespace unclouded::eval {

namespace {

constexpr int kRadius = 5; // int(3.5 * 1.5 + 0.5): 11 taps, as scikit-image and Wang et al.
// NDVI is scored where red + NIR reflectance is at least this on both sides.
constexpr double kNdviMinSum = 0.01;

cv::Mat gaussianKernel()
{
    cv::Mat k(2 * kRadius + 1, 1, CV_64F);
    double sum = 0;
    for (int i = -kRadius; i <= kRadius; ++i)
        sum += k.at<double>(i + kRadius) = std::exp(-0.5 * i * i / (1.5 * 1.5));
    return k / sum;
}

// SSIM map over a block of rows (doubles; NaN already replaced), scipy's 'reflect' = BORDER_REFLECT.
cv::Mat ssimBlock(const cv::Mat& x, const cv::Mat& y, double range)
{
    static const cv::Mat k = gaussianKernel();
    auto blur = [](const cv::Mat& m) {
        cv::Mat out;
        cv::sepFilter2D(m, out, CV_64F, k, k, cv::Point(-1, -1), 0, cv::BORDER_REFLECT);
        return out;
    };
    const cv::Mat ux = blur(x), uy = blur(y);
    const cv::Mat uxx = blur(x.mul(x)), uyy = blur(y.mul(y)), uxy = blur(x.mul(y));
    const cv::Mat vx = uxx - ux.mul(ux), vy = uyy - uy.mul(uy), vxy = uxy - ux.mul(uy);
    const double c1 = (0.01 * range) * (0.01 * range), c2 = (0.03 * range) * (0.03 * range);
    cv::Mat num = (2 * ux.mul(uy) + c1).mul(2 * vxy + c2);
    cv::Mat den = (ux.mul(ux) + uy.mul(uy) + c1).mul(vx + vy + c2);
    cv::Mat s;
    cv::divide(num, den, s);
    return s;
}

} // namespace

std::vector<double> ssimMap(const float* a, const float* b, int width, int height, double dataRange)
{
    cv::Mat x(height, width, CV_64F), y(height, width, CV_64F);
    for (int i = 0; i < width * height; ++i) {
        x.at<double>(i) = std::isnan(a[i]) ? 0.0 : a[i];
        y.at<double>(i) = std::isnan(b[i]) ? 0.0 : b[i];
    }
    const cv::Mat s = ssimBlock(x, y, dataRange);
    return std::vector<double>(s.begin<double>(), s.end<double>());
}

struct MetricsAccumulator::Impl
{
    QStringList bands;
    int w = 0, h = 0, B = 0;
    double range = 1;
    int red = -1, nir = -1;
    // Rows [b0, b1) of the image are buffered; rows below `scored` are done.
    int b0 = 0, b1 = 0, scored = 0;
    std::vector<float> pred, truth; // B planes of (b1 - b0) x w, band-major per row block
    std::vector<uint8_t> score;
    // Sums
    qint64 n = 0;
    std::vector<double> se, ae, ssim;
    double sam = 0, ndviAe = 0, ndviSe = 0;
    qint64 ndviN = 0;

    size_t rowsHeld() const { return static_cast<size_t>(b1 - b0); }

    // Scores rows [scored, upTo) using the buffer (which must hold kRadius rows of context on each
    // side, except at the image's own edges where the filter reflects as scikit-image does).
    void scoreUpTo(int upTo)
    {
        if (upTo <= scored)
            return;
        const int rows = static_cast<int>(rowsHeld());
        const size_t plane = static_cast<size_t>(rows) * w;
        std::vector<uint8_t> use(static_cast<size_t>(upTo - scored) * w, 0);
        for (int r = scored; r < upTo; ++r)
            for (int i = 0; i < w; ++i) {
                const size_t k = static_cast<size_t>(r - b0) * w + i;
                bool ok = score[k] != 0;
                for (int b = 0; b < B && ok; ++b)
                    ok = std::isfinite(pred[b * plane + k]) && std::isfinite(truth[b * plane + k]);
                use[static_cast<size_t>(r - scored) * w + i] = ok;
            }
        for (int b = 0; b < B; ++b) {
            cv::Mat x(rows, w, CV_64F), y(rows, w, CV_64F);
            for (size_t k = 0; k < plane; ++k) {
                const float p = pred[b * plane + k], t = truth[b * plane + k];
                x.at<double>(static_cast<int>(k)) = std::isnan(p) ? 0.0 : p;
                y.at<double>(static_cast<int>(k)) = std::isnan(t) ? 0.0 : t;
            }
            const cv::Mat s = ssimBlock(x, y, range);
            for (int r = scored; r < upTo; ++r)
                for (int i = 0; i < w; ++i) {
                    if (!use[static_cast<size_t>(r - scored) * w + i])
                        continue;
                    const int k = (r - b0) * w + i;
                    const double e = double(pred[b * plane + k]) - truth[b * plane + k];
                    se[b] += e * e;
                    ae[b] += std::abs(e);
                    ssim[b] += s.at<double>(k);
                }
        }
        for (int r = scored; r < upTo; ++r)
            for (int i = 0; i < w; ++i) {
                if (!use[static_cast<size_t>(r - scored) * w + i])
                    continue;
                ++n;
                const size_t k = static_cast<size_t>(r - b0) * w + i;
                double dot = 0, np = 0, nt = 0;
                for (int b = 0; b < B; ++b) {
                    const double p = pred[b * plane + k], t = truth[b * plane + k];
                    dot += p * t;
                    np += p * p;
                    nt += t * t;
                }
                if (np > 0 && nt > 0)
                    sam += std::acos(std::clamp(dot / std::sqrt(np * nt), -1.0, 1.0)) * 180.0 / M_PI;
                else if ((np > 0) != (nt > 0))
                    sam += 90.0; // a zero spectrum against a real one: no direction in common, not 0 degrees
                if (red >= 0 && nir >= 0) {
                    const double pr = pred[red * plane + k], pn = pred[nir * plane + k];
                    const double tr = truth[red * plane + k], tn = truth[nir * plane + k];
                    // Not where red + NIR is about 0 (dark water, deep shadow; since baseline 04.00 an
                    // L2A's reflectance may be negative there): NDVI reached +-100 and ruled the means.
                    if (pn + pr >= kNdviMinSum && tn + tr >= kNdviMinSum) {
                        auto ndvi
                            = [](double n, double r) { return std::clamp((n - r) / (n + r), -1.0, 1.0); };
                        const double e = ndvi(pn, pr) - ndvi(tn, tr);
                        ndviAe += std::abs(e);
                        ndviSe += e * e;
                        ++ndviN;
                    }
                }
            }
        scored = upTo;
    }

    // Drops buffered rows no longer needed as context.
    void trim()
    {
        const int keepFrom = std::max(b0, scored - kRadius);
        if (keepFrom == b0)
            return;
        const size_t oldPlane = rowsHeld() * w;
        const int drop = keepFrom - b0;
        const size_t newRows = static_cast<size_t>(b1 - keepFrom);
        std::vector<float> p(B * newRows * w), t(B * newRows * w);
        for (int b = 0; b < B; ++b) {
            std::copy_n(pred.begin() + b * oldPlane + static_cast<size_t>(drop) * w, newRows * w,
                p.begin() + b * newRows * w);
            std::copy_n(truth.begin() + b * oldPlane + static_cast<size_t>(drop) * w, newRows * w,
                t.begin() + b * newRows * w);
        }
        pred.swap(p);
        truth.swap(t);
        score.erase(score.begin(), score.begin() + static_cast<size_t>(drop) * w);
        b0 = keepFrom;
    }
};

MetricsAccumulator::MetricsAccumulator(const QStringList& bands, int width, int height, double dataRange)
    : d(std::make_unique<Impl>())
{
    if (bands.isEmpty() || width <= 0 || height <= 0)
        throw Error(QStringLiteral("Nothing to score"));
    d->bands = bands;
    d->w = width;
    d->h = height;
    d->B = bands.size();
    d->range = dataRange;
    d->red = bands.indexOf(QStringLiteral("B04"));
    d->nir = bands.indexOf(QStringLiteral("B08"));
    d->se.assign(d->B, 0);
    d->ae.assign(d->B, 0);
    d->ssim.assign(d->B, 0);
}

MetricsAccumulator::~MetricsAccumulator() = default;

void MetricsAccumulator::addRows(const float* prediction, const float* truth, const uint8_t* score, int rows)
{
    if (rows <= 0)
        return;
    if (d->b1 + rows > d->h)
        throw Error(QStringLiteral("More rows than the raster has"));
    const size_t oldPlane = d->rowsHeld() * d->w, addPlane = static_cast<size_t>(rows) * d->w;
    const size_t newPlane = oldPlane + addPlane;
    std::vector<float> p(d->B * newPlane), t(d->B * newPlane);
    for (int b = 0; b < d->B; ++b) {
        std::copy_n(d->pred.begin() + b * oldPlane, oldPlane, p.begin() + b * newPlane);
        std::copy_n(d->truth.begin() + b * oldPlane, oldPlane, t.begin() + b * newPlane);
        std::copy_n(prediction + b * addPlane, addPlane, p.begin() + b * newPlane + oldPlane);
        std::copy_n(truth + b * addPlane, addPlane, t.begin() + b * newPlane + oldPlane);
    }
    d->pred.swap(p);
    d->truth.swap(t);
    d->score.insert(d->score.end(), score, score + addPlane);
    d->b1 += rows;
    // Rows with kRadius rows below them are final (the bottom edge reflects: all of them at the end).
    d->scoreUpTo(d->b1 == d->h ? d->h : d->b1 - kRadius);
    d->trim();
}

Metrics MetricsAccumulator::finish()
{
    if (d->b1 != d->h)
        throw Error(QStringLiteral("Only %1 of %2 rows were scored").arg(d->b1).arg(d->h));
    d->scoreUpTo(d->h);
    Metrics m;
    m.pixels = d->n;
    m.dataRange = d->range;
    if (d->n == 0)
        return m;
    double se = 0, ae = 0, ssim = 0;
    for (int b = 0; b < d->B; ++b) {
        BandScore s;
        s.band = d->bands[b];
        const double mse = d->se[b] / d->n;
        s.psnr = mse > 0 ? 10 * std::log10(d->range * d->range / mse) : INFINITY;
        s.mae = d->ae[b] / d->n;
        s.rmse = std::sqrt(mse);
        s.ssim = d->ssim[b] / d->n;
        m.bands << s;
        se += d->se[b];
        ae += d->ae[b];
        ssim += s.ssim;
    }
    const double mse = se / (double(d->n) * d->B);
    m.psnr = mse > 0 ? 10 * std::log10(d->range * d->range / mse) : INFINITY;
    m.mae = ae / (double(d->n) * d->B);
    m.rmse = std::sqrt(mse);
    m.ssim = ssim / d->B;
    m.sam = d->B > 1 ? d->sam / d->n : NAN; // one band has no spectral angle (it would read 0°)
    if (d->ndviN > 0) {
        m.ndviMae = d->ndviAe / d->ndviN;
        m.ndviRmse = std::sqrt(d->ndviSe / d->ndviN);
    }
    return m;
}

Metrics computeMetrics(const float* prediction, const float* truth, const uint8_t* score,
    const QStringList& bands, int width, int height, double dataRange)
{
    MetricsAccumulator acc(bands, width, height, dataRange);
    acc.addRows(prediction, truth, score, height);
    return acc.finish();
}

} // namespace unclouded::eval
