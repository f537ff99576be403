#include "ui/rendering.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <QCoreApplication>
#include <QObject>

#include "core/common/error.h"

namespace unclouded::ui {

namespace {

// Bands of a window at the output size: exact 10 m values when magnified, decimated otherwise.
std::vector<float> readForDisplay(
    const Product& product, const QStringList& bands, const Window& w, int outW, int outH)
{
    const size_t n = static_cast<size_t>(outW) * outH;
    std::vector<float> v(bands.size() * n);
    if (outW >= w.w) {
        std::vector<float> full(bands.size() * static_cast<size_t>(w.w) * w.h);
        product.readWindow(bands, w, full.data());
        for (int b = 0; b < bands.size(); ++b)
            for (int j = 0; j < outH; ++j)
                for (int i = 0; i < outW; ++i)
                    v[b * n + static_cast<size_t>(j) * outW + i] = full[b * static_cast<size_t>(w.w) * w.h
                        + static_cast<size_t>(j * w.h / outH) * w.w + i * w.w / outW];
    } else {
        product.readScaled(bands, w, outW, outH, v.data());
    }
    return v;
}

} // namespace

QString compositeName(Composite c)
{
    switch (c) {
    case Composite::TrueColour:
        return QObject::tr("True colour (B04, B03, B02)");
    case Composite::FalseColourNir:
        return QObject::tr("False colour NIR (B08, B04, B03)");
    case Composite::Agriculture:
        return QObject::tr("Agriculture (B11, B08, B02)");
    case Composite::Swir:
        return QObject::tr("SWIR (B12, B8A, B04)");
    case Composite::Ndvi:
        return QObject::tr("NDVI");
    case Composite::Custom:
        return QObject::tr("Custom RGB");
    }
    return {};
}

QStringList compositeBands(const RenderParams& p, const Product& product)
{
    QStringList want;
    switch (p.composite) {
    case Composite::TrueColour:
        want = { QStringLiteral("B04"), QStringLiteral("B03"), QStringLiteral("B02") };
        break;
    case Composite::FalseColourNir:
        want = { QStringLiteral("B08"), QStringLiteral("B04"), QStringLiteral("B03") };
        break;
    case Composite::Agriculture:
        want = { QStringLiteral("B11"), QStringLiteral("B08"), QStringLiteral("B02") };
        break;
    case Composite::Swir:
        want = { QStringLiteral("B12"), QStringLiteral("B8A"), QStringLiteral("B04") };
        break;
    case Composite::Ndvi:
        want = { QStringLiteral("B08"), QStringLiteral("B04") };
        break;
    case Composite::Custom:
        want = p.customBands;
        break;
    }
    // A product without a band (a partial download, a 4-band GeoTIFF) shows what it has.
    const QStringList have = product.bandNames();
    for (int i = 0; i < want.size(); ++i)
        if (product.bandIndex(want[i]) < 0)
            want[i] = have.value(std::min<int>(i, static_cast<int>(have.size()) - 1));
    return want;
}

QString sclClassLabel(int cls)
{
    if (cls >= 0 && cls < kSclClassCount)
        return QCoreApplication::translate("SclClass", kSclClasses[cls].name);
    if (cls == kMaskClear)
        return QCoreApplication::translate("SclClass", "Mask: clear");
    if (cls == kMaskHidden)
        return QCoreApplication::translate("SclClass", "Mask: hidden");
    return QCoreApplication::translate("SclClass", "Class %1").arg(cls);
}

QColor sclColour(int cls)
{
    const auto colour = [](Rgb c) { return QColor(c.r, c.g, c.b); };
    if (cls >= 0 && cls < kSclClassCount)
        return colour(kSclClasses[cls].colour);
    if (cls == kMaskHidden)
        return colour(kMaskHiddenColour);
    return QColor(0, 0, 0, 0);
}

QColor ndviColour(float v)
{
    struct Stop
    {
        float v;
        QColor c;
    };
    static const Stop stops[] = { { -0.2f, QColor(0, 70, 160) }, { 0.0f, QColor(165, 0, 38) },
        { 0.2f, QColor(244, 109, 67) }, { 0.4f, QColor(254, 224, 139) }, { 0.6f, QColor(166, 217, 106) },
        { 0.9f, QColor(0, 104, 55) } };
    if (std::isnan(v))
        return QColor(0, 0, 0, 0);
    if (v <= stops[0].v)
        return stops[0].c;
    for (size_t i = 1; i < std::size(stops); ++i)
        if (v <= stops[i].v) {
            const float t = (v - stops[i - 1].v) / (stops[i].v - stops[i - 1].v);
            const QColor& a = stops[i - 1].c;
            const QColor& b = stops[i].c;
            return QColor::fromRgbF(a.redF() + t * (b.redF() - a.redF()),
                a.greenF() + t * (b.greenF() - a.greenF()), a.blueF() + t * (b.blueF() - a.blueF()));
        }
    return stops[std::size(stops) - 1].c;
}

Stretch computeStretch(const Product& product, const RenderParams& p, double lowPct, double highPct)
{
    Stretch s;
    s.gamma = p.stretch.gamma;
    if (p.composite == Composite::Ndvi)
        return s;
    const QStringList bands = compositeBands(p, product);
    // 512 px on the longer side (a 10 x 10000 px strip asked for 512 x 512000 samples, 3 GB).
    const double aspect = static_cast<double>(product.height()) / product.width();
    const int ow = aspect > 1 ? std::max(1, static_cast<int>(512 / aspect)) : 512;
    const int oh = aspect > 1 ? 512 : std::max(1, static_cast<int>(512 * aspect));
    const Window all { 0, 0, product.width(), product.height() };
    std::vector<float> v(static_cast<size_t>(3) * ow * oh);
    product.readScaled(bands, all, ow, oh, v.data());
    std::vector<uint8_t> cls;
    if (product.hasClasses()) {
        cls.resize(static_cast<size_t>(ow) * oh);
        product.readClassesScaled(all, ow, oh, cls.data());
    }
    for (int c = 0; c < 3; ++c) {
        std::vector<float> vals;
        vals.reserve(static_cast<size_t>(ow) * oh);
        for (size_t k = 0; k < static_cast<size_t>(ow) * oh; ++k) {
            const float x = v[c * static_cast<size_t>(ow) * oh + k];
            if (std::isnan(x) || (!cls.empty() && (cls[k] == 0 || p.overlayClasses.contains(cls[k]))))
                continue;
            vals.push_back(x);
        }
        if (vals.size() < 16) // nearly all hidden: fall back to every valid pixel
            for (size_t k = 0; k < static_cast<size_t>(ow) * oh; ++k)
                if (!std::isnan(v[c * static_cast<size_t>(ow) * oh + k]))
                    vals.push_back(v[c * static_cast<size_t>(ow) * oh + k]);
        if (vals.empty())
            continue;
        auto pct = [&](double q) {
            const size_t k = std::min(vals.size() - 1, static_cast<size_t>(q / 100.0 * (vals.size() - 1)));
            std::nth_element(vals.begin(), vals.begin() + k, vals.end());
            return vals[k];
        };
        s.low[c] = pct(lowPct);
        s.high[c] = std::max(s.low[c] + 1e-4f, pct(highPct));
    }
    // One range for the three channels keeps the colour balance (grass stays green, soil brown).
    const float lo = *std::min_element(s.low.begin(), s.low.end());
    const float hi = *std::max_element(s.high.begin(), s.high.end());
    s.low = { lo, lo, lo };
    s.high = { hi, hi, hi };
    return s;
}

QImage renderWindow(const Product& product, const RenderParams& p, const Window& w, int outW, int outH)
{
    const QStringList bands = compositeBands(p, product);
    const size_t n = static_cast<size_t>(outW) * outH;
    const std::vector<float> v = readForDisplay(product, bands, w, outW, outH);
    const bool magnify = outW >= w.w; // zoomed in past 1:1: exact 10 m values, drawn as blocks
    std::vector<uint8_t> cls;
    if (p.showOverlay && product.hasClasses()) {
        cls.resize(n);
        if (magnify) {
            std::vector<uint8_t> full(static_cast<size_t>(w.w) * w.h);
            product.readClasses(w, full.data());
            for (int j = 0; j < outH; ++j)
                for (int i = 0; i < outW; ++i)
                    cls[static_cast<size_t>(j) * outW + i]
                        = full[static_cast<size_t>(j * w.h / outH) * w.w + i * w.w / outW];
        } else {
            product.readClassesScaled(w, outW, outH, cls.data());
        }
    }

    // Hidden pixels and the buffer ring around them, at this tile's resolution (the buffer scaled
    // with it: exact at 1:1 and beyond, approximate when zoomed out).
    std::vector<uint8_t> hidden;
    if (!cls.empty()) {
        hidden.resize(n);
        for (size_t k = 0; k < n; ++k)
            hidden[k] = p.overlayClasses.contains(cls[k]) ? 1 : 0;
        const int r = static_cast<int>(std::lround(p.bufferPx * static_cast<double>(outW) / w.w));
        if (r > 0) {
            std::vector<uint8_t> tmp(n);
            for (int j = 0; j < outH; ++j) // separable square max filter: rows, then columns
                for (int i = 0; i < outW; ++i) {
                    uint8_t m = 0;
                    for (int d = std::max(0, i - r); d <= std::min(outW - 1, i + r) && !m; ++d)
                        m = hidden[static_cast<size_t>(j) * outW + d] & 1;
                    tmp[static_cast<size_t>(j) * outW + i] = m;
                }
            for (int j = 0; j < outH; ++j)
                for (int i = 0; i < outW; ++i) {
                    uint8_t m = 0;
                    for (int d = std::max(0, j - r); d <= std::min(outH - 1, j + r) && !m; ++d)
                        m = tmp[static_cast<size_t>(d) * outW + i];
                    uint8_t& h = hidden[static_cast<size_t>(j) * outW + i];
                    if (m && !h)
                        h = 2; // buffer ring
                }
        }
    }

    QImage img(outW, outH, QImage::Format_ARGB32);
    const float a = p.overlayOpacity;
    const float* planes[3] = { v.data(), v.data() + std::min<size_t>(1, bands.size() - 1) * n,
        v.data() + std::min<size_t>(2, bands.size() - 1) * n };
    for (int j = 0; j < outH; ++j) {
        QRgb* line = reinterpret_cast<QRgb*>(img.scanLine(j));
        for (int i = 0; i < outW; ++i) {
            const size_t k = static_cast<size_t>(j) * outW + i;
            float rgb[3];
            const bool nodata = !compositeRgb(p, planes, k, rgb);
            if (nodata) {
                line[i] = qRgba(0, 0, 0, 0);
                continue;
            }
            if (!hidden.empty() && hidden[k]) {
                bool draw = true;
                if (p.overlayOutline) { // only where a 4-neighbour is outside the (buffered) mask
                    auto in = [&](int ii, int jj) {
                        return ii < 0 || jj < 0 || ii >= outW || jj >= outH
                            || hidden[static_cast<size_t>(jj) * outW + ii] != 0;
                    };
                    draw = !(in(i - 1, j) && in(i + 1, j) && in(i, j - 1) && in(i, j + 1));
                }
                if (draw) {
                    const QColor c = hidden[k] == 2 ? QColor(255, 140, 0) : sclColour(cls[k]);
                    const float alpha = p.overlayOutline ? 1.0f : a;
                    rgb[0] = rgb[0] * (1 - alpha) + c.redF() * alpha;
                    rgb[1] = rgb[1] * (1 - alpha) + c.greenF() * alpha;
                    rgb[2] = rgb[2] * (1 - alpha) + c.blueF() * alpha;
                }
            }
            line[i] = qRgb(static_cast<int>(rgb[0] * 255 + 0.5f), static_cast<int>(rgb[1] * 255 + 0.5f),
                static_cast<int>(rgb[2] * 255 + 0.5f));
        }
    }
    return img;
}

bool compositeRgb(const RenderParams& p, const float* const planes[3], size_t k, float rgb[3])
{
    if (p.composite == Composite::Ndvi) {
        const float nir = planes[0][k], red = planes[1][k];
        const QColor c = ndviColour((nir - red) / std::max(1e-6f, nir + red));
        rgb[0] = c.redF(), rgb[1] = c.greenF(), rgb[2] = c.blueF();
        return !std::isnan(nir) && !std::isnan(red);
    }
    const Stretch& s = p.stretch;
    const float invGamma = 1.0f / std::max(0.05f, s.gamma);
    bool ok = true;
    for (int c = 0; c < 3; ++c) {
        const float x = planes[c][k];
        ok &= !std::isnan(x);
        const float t = std::clamp((x - s.low[c]) / (s.high[c] - s.low[c]), 0.0f, 1.0f);
        rgb[c] = invGamma == 1.0f ? t : std::pow(t, invGamma);
    }
    return ok;
}

QColor divergingColour(float t)
{
    t = std::clamp(t, -1.0f, 1.0f);
    // ColorBrewer RdBu ends: (33, 102, 172) ... white ... (178, 24, 43)
    const float a = std::abs(t);
    const QColor end = t < 0 ? QColor(33, 102, 172) : QColor(178, 24, 43);
    return QColor::fromRgbF(1 + (end.redF() - 1) * a, 1 + (end.greenF() - 1) * a, 1 + (end.blueF() - 1) * a);
}

QImage renderDifference(
    const Product& before, const Product& after, const RenderParams& p, const Window& w, int outW, int outH)
{
    const bool ndvi = p.difference.compare(QLatin1String("NDVI"), Qt::CaseInsensitive) == 0;
    const QStringList bands
        = ndvi ? QStringList { QStringLiteral("B08"), QStringLiteral("B04") } : QStringList { p.difference };
    for (const QString& b : bands)
        if (before.bandIndex(b) < 0 || after.bandIndex(b) < 0)
            throw Error(QObject::tr("Cannot draw the difference: band %1 is missing").arg(b));
    const std::vector<float> a = readForDisplay(before, bands, w, outW, outH),
                             z = readForDisplay(after, bands, w, outW, outH);
    const size_t n = static_cast<size_t>(outW) * outH;
    QImage img(outW, outH, QImage::Format_ARGB32);
    const float range = std::max(1e-6f, p.differenceRange);
    for (int j = 0; j < outH; ++j) {
        QRgb* line = reinterpret_cast<QRgb*>(img.scanLine(j));
        for (int i = 0; i < outW; ++i) {
            const size_t k = static_cast<size_t>(j) * outW + i;
            float d;
            if (ndvi) {
                const float n0 = (a[k] - a[n + k]) / std::max(1e-6f, a[k] + a[n + k]);
                const float n1 = (z[k] - z[n + k]) / std::max(1e-6f, z[k] + z[n + k]);
                d = n1 - n0;
            } else {
                d = z[k] - a[k];
            }
            line[i] = std::isnan(d) ? qRgba(0, 0, 0, 0) : divergingColour(d / range).rgb();
        }
    }
    return img;
}

} // namespace unclouded::ui
