#include "core/masks/mask.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "core/common/error.h"

namespace unclouded {

namespace {
constexpr int kBlockRows = 512;
}

MaskSpec otherDateMask(const MaskSpec& spec)
{
    MaskSpec m = spec;
    for (const int c : { int(SclSaturated), int(SclCloudShadow), int(SclCloudMedium), int(SclCloudHigh),
             int(SclCirrus), int(kMaskHidden) })
        if (!m.classes.contains(c))
            m.classes << c;
    return m;
}

QString sclClassName(int cls)
{
    if (cls >= 0 && cls < kSclClassCount)
        return QString::fromLatin1(kSclClasses[cls].name);
    if (cls == kMaskClear)
        return QStringLiteral("Mask: clear");
    if (cls == kMaskHidden)
        return QStringLiteral("Mask: hidden");
    return QStringLiteral("Class %1").arg(cls);
}

QString MaskSpec::validate() const
{
    if (dilatePx < 0 || dilatePx > kMaxDilatePx)
        return QStringLiteral("the buffer must be between 0 and %1 pixels, not %2")
            .arg(kMaxDilatePx)
            .arg(dilatePx);
    for (int c : classes)
        if (c < 0 || c > 255)
            return QStringLiteral("class %1 is not a class number (0-255)").arg(c);
    return {};
}

bool MaskSpec::parseClasses(const QString& text, QList<int>& out, QString& error)
{
    out.clear();
    for (const QString& raw : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString w = raw.trimmed().toLower();
        bool ok = false;
        const int n = w.toInt(&ok);
        bool known = ok && n >= 0 && n <= SclSnow; // 99 would hide nothing, silently
        if (known)
            out << n;
        for (const SclClassInfo& c : kSclClasses)
            if (!ok && c.keyword && w == QLatin1String(c.keyword)) {
                out << c.code;
                known = true;
            }
        if (!known) {
            error = QStringLiteral(
                "unknown class '%1' (use cloud, shadow, cirrus, snow, saturated, dark, unclassified or "
                "SCL numbers 0-11)")
                        .arg(raw.trimmed());
            return false;
        }
    }
    if (out.isEmpty()) {
        error
            = QStringLiteral("no class named in '%1' (cloud, shadow, cirrus, snow, ... or SCL numbers 0-11)")
                  .arg(text);
        return false;
    }
    out << kMaskHidden; // a binary mask's hidden pixels are always hidden
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return true;
}

void readHiddenMask(const Product& product, const MaskSpec& spec, const Window& w, uint8_t* out)
{
    if (!product.hasClasses())
        throw Error(
            QStringLiteral("%1 has no scene classification: open an SCL or mask file to mark what is hidden")
                .arg(product.info().path));
    const int r = std::max(0, spec.dilatePx);
    // Read a margin so the buffer is the same whatever the window.
    const int x0 = std::max(0, w.x - r), y0 = std::max(0, w.y - r);
    const int x1 = std::min(product.width(), w.x + w.w + r), y1 = std::min(product.height(), w.y + w.h + r);
    const Window big { x0, y0, x1 - x0, y1 - y0 };
    std::vector<uint8_t> cls(static_cast<size_t>(big.w) * big.h);
    product.readClasses(big, cls.data());
    cv::Mat m(big.h, big.w, CV_8U);
    for (size_t k = 0; k < cls.size(); ++k)
        m.data[k] = spec.hides(cls[k]) ? 1 : 0;
    if (r > 0)
        cv::dilate(m, m, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * r + 1, 2 * r + 1)));
    for (int j = 0; j < w.h; ++j)
        for (int i = 0; i < w.w; ++i) {
            const size_t k = static_cast<size_t>(w.y - y0 + j) * big.w + (w.x - x0 + i);
            out[static_cast<size_t>(j) * w.w + i] = (cls[k] == 0) ? 0 : m.data[k];
        }
}

Product::ClassRank hiddenFirst(const MaskSpec& spec)
{
    Product::ClassRank rank {};
    rank[0] = 1;
    for (int c = 1; c < 256; ++c)
        rank[c] = spec.hides(c) ? 2 : 0;
    return rank;
}

void readClassesCoarse(const Product& product, const MaskSpec& spec, int outW, int outH, uint8_t* out)
{
    const Window all { 0, 0, product.width(), product.height() };
    const Product::Decimation d = product.decimation();
    if (d == Product::Decimation::Sharp) { // each value a 10 m pixel's: its own class is the one
        product.readClassesScaled(all, outW, outH, out);
        return;
    }
    const Product::ClassRank rank = hiddenFirst(spec);
    product.readClassesScaled(all, outW, outH, out, &rank);
    if (d != Product::Decimation::Jp2Levels)
        return;
    const std::vector<uint8_t> cls(out, out + static_cast<size_t>(outW) * outH);
    for (int y = 0; y < outH; ++y)
        for (int x = 0; x < outW; ++x) {
            uint8_t& o = out[static_cast<size_t>(y) * outW + x];
            for (int dy = -1; dy <= 1 && !spec.hides(o); ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int u = x + dx, v = y + dy;
                    if (u < 0 || v < 0 || u >= outW || v >= outH)
                        continue;
                    const uint8_t c = cls[static_cast<size_t>(v) * outW + u];
                    if (spec.hides(c)) {
                        o = c;
                        break;
                    }
                }
        }
}

Coverage computeCoverage(const Product& product, const MaskSpec& spec, const Progress& progress)
{
    Coverage c;
    if (!product.hasClasses())
        return c;
    const int W = product.width(), H = product.height();
    std::vector<uint8_t> cls, hidden;
    for (int y = 0; y < H; y += kBlockRows) {
        progress.throwIfCancelled();
        const Window w { 0, y, W, std::min(kBlockRows, H - y) };
        const size_t n = static_cast<size_t>(w.w) * w.h;
        cls.resize(n);
        hidden.resize(n);
        product.readClasses(w, cls.data());
        for (uint8_t v : cls)
            ++c.counts[v];
        if (spec.dilatePx > 0) {
            readHiddenMask(product, spec, w, hidden.data());
            for (uint8_t v : hidden)
                c.hidden += v;
        } else {
            for (uint8_t v : cls)
                c.hidden += (v != 0 && spec.hides(v));
        }
        progress.report(static_cast<double>(y + w.h) / H, QStringLiteral("Counting classes"));
    }
    c.total = static_cast<qint64>(W) * H;
    c.valid = c.total - c.counts[0];
    return c;
}

} // namespace unclouded
