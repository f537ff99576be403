#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <opencv2/photo.hpp>

#include <QDateTime>

#include "core/imgproc/inpaint_p.h"
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

size_t minFitPixels(size_t plane)
{
    return std::max<size_t>(16, std::min<size_t>(500, plane / 4));
}

std::vector<uint8_t> temporalComposite(std::vector<float>& img, const std::vector<uint8_t>& hidden,
    const std::vector<DateView>& dates, int w, int h, int bands, std::vector<float>& composite)
{
    const size_t plane = static_cast<size_t>(w) * h;
    composite.assign(plane * bands, std::numeric_limits<float>::quiet_NaN());
    std::vector<uint8_t> taken(plane, 0), both(plane);
    for (const DateView& d : dates) {
        for (size_t i = 0; i < plane; ++i)
            both[i] = !hidden[i] && !(d.hidden && d.hidden[i]);
        for (int b = 0; b < bands; ++b) {
            const float* r = d.x + b * plane;
            LinearFit f = fitLinear(r, img.data() + b * plane, both.data(), plane, minFitPixels(plane));
            if (!f.ok && d.fallback && static_cast<size_t>(b) < d.fallback->size())
                f = (*d.fallback)[b];
            float* c = composite.data() + b * plane;
            for (size_t i = 0; i < plane; ++i)
                if (!taken[i] && !(d.hidden && d.hidden[i]) && std::isfinite(r[i]))
                    c[i] = static_cast<float>(f.gain * r[i] + f.offset);
        }
        // A pixel is taken once every band of this date could show it.
        for (size_t i = 0; i < plane; ++i) {
            if (taken[i] || (d.hidden && d.hidden[i]))
                continue;
            bool all = true;
            for (int b = 0; b < bands && all; ++b)
                all = std::isfinite(composite[b * plane + i]);
            taken[i] = all;
        }
    }
    std::vector<uint8_t> rest(plane, 0);
    for (size_t i = 0; i < plane; ++i) {
        if (!hidden[i])
            continue;
        if (!taken[i]) {
            rest[i] = 1;
            continue;
        }
        for (int b = 0; b < bands; ++b)
            img[b * plane + i] = composite[b * plane + i];
    }
    return rest;
}

void temporalFill(std::vector<float>& img, const std::vector<uint8_t>& hidden,
    const std::vector<DateView>& dates, int w, int h, int bands, double radius, std::vector<float>& composite)
{
    const std::vector<uint8_t> rest = temporalComposite(img, hidden, dates, w, h, bands, composite);
    if (std::find(rest.begin(), rest.end(), 1) != rest.end())
        inpaintBands(img, rest, w, h, bands, cv::INPAINT_TELEA, radius);
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

std::vector<LinearFit> globalFit(
    const Product& p, const Product& ref, const QStringList& bands, const MaskSpec& spec)
{
    const double f = std::max(1.0, std::max(p.width(), p.height()) / 768.0);
    const int w = std::max(1, int(p.width() / f)), h = std::max(1, int(p.height() / f));
    const size_t plane = static_cast<size_t>(w) * h;
    std::vector<float> a(plane * bands.size()), r(plane * bands.size());
    p.readScaled(bands, { 0, 0, p.width(), p.height() }, w, h, a.data());
    ref.readScaled(bands, { 0, 0, p.width(), p.height() }, w, h, r.data());
    std::vector<uint8_t> c1(plane, 4), c2(plane, 4), use(plane);
    if (p.hasClasses())
        p.readClassesScaled({ 0, 0, p.width(), p.height() }, w, h, c1.data());
    if (ref.hasClasses())
        ref.readClassesScaled({ 0, 0, p.width(), p.height() }, w, h, c2.data());
    for (size_t i = 0; i < plane; ++i)
        use[i] = c1[i] && c2[i] && !spec.hides(c1[i]) && !spec.hides(c2[i]);
    std::vector<LinearFit> fits;
    for (int b = 0; b < bands.size(); ++b) {
        const LinearFit fit = fitLinear(r.data() + b * plane, a.data() + b * plane, use.data(), plane, 100);
        fits.push_back(fit.ok ? fit : LinearFit {});
    }
    return fits;
}

} // namespace unclouded::recon
