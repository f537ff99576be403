#include <algorithm>
#include <cmath>
#include <limits>
#include <opencv2/core.hpp>
#include <opencv2/photo.hpp>
#include <string>

#include "core/common/error.h"
#include "core/imgproc/inpaint_p.h"

namespace unclouded::recon {

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
}

// Per-band OpenCV inpainting of `mask` pixels of band planes in `img` (in place). OpenCV 4.6's
// Telea is wrong on CV_32F images (a ramp of 0.10-0.16 comes back as 1.03), so bands go through
// uint16 DN (reflectance * 10000 + 1000: the products' own precision); both methods use that path.
void inpaintBands(std::vector<float>& img, const std::vector<uint8_t>& mask, int w, int h, int bands,
    int flags, double radius)
{
    const size_t plane = static_cast<size_t>(w) * h;
    // An exception must not leave an OpenMP region (the process would end): the first one is kept
    // and thrown after the loop as an Error.
    std::string failure;
#pragma omp parallel for schedule(dynamic)
    for (int b = 0; b < bands; ++b) {
        try {
            float* p = img.data() + b * plane;
            cv::Mat m(h, w, CV_8U), dn(h, w, CV_16U);
            auto* d = reinterpret_cast<uint16_t*>(dn.data);
            size_t known = 0;
            for (size_t i = 0; i < plane; ++i) {
                const bool fill = mask[i] || std::isnan(p[i]);
                m.data[i] = fill ? 255 : 0;
                d[i] = fill
                    ? 0
                    : static_cast<uint16_t>(std::clamp(std::lround(p[i] * 10000.0f + 1000.0f), 0L, 65535L));
                known += !fill;
            }
            if (known == 0) { // nothing to propagate from
                std::fill(p, p + plane, kNaN);
                continue;
            }
            // OpenCV also leaves an outlier next to the image's edge (row 1 of a band crossing it):
            // a mirrored margin moves that edge out of the window.
            const int pad = static_cast<int>(std::ceil(radius)) + 1;
            cv::Mat dnPad, mPad, out;
            cv::copyMakeBorder(dn, dnPad, pad, pad, pad, pad, cv::BORDER_REFLECT);
            cv::copyMakeBorder(m, mPad, pad, pad, pad, pad, cv::BORDER_REFLECT);
            if (flags == cv::INPAINT_NS) {
                // Navier-Stokes takes the frame beyond the image for known zeros, which drags a cloud
                // crossing the edge towards black: give the margin Telea's values and call it known.
                cv::Mat t;
                cv::inpaint(dnPad, mPad, t, radius, cv::INPAINT_TELEA);
                t.copyTo(dnPad);
                cv::Mat inner = cv::Mat::zeros(mPad.size(), CV_8U);
                m.copyTo(inner(cv::Rect(pad, pad, w, h)));
                mPad = inner;
            }
            cv::inpaint(dnPad, mPad, out, radius, flags);
            out = out(cv::Rect(pad, pad, w, h)).clone();
            const auto* o = reinterpret_cast<const uint16_t*>(out.data);
            for (size_t i = 0; i < plane; ++i)
                if (m.data[i])
                    p[i] = (o[i] - 1000.0f) * 1e-4f;
        } catch (const std::exception& e) {
#pragma omp critical(unclouded_inpaint_failure)
            if (failure.empty())
                failure = e.what();
        }
    }
    if (!failure.empty())
        throw Error(QStringLiteral("Inpainting failed in OpenCV: %1")
                        .arg(QString::fromStdString(failure).section(QLatin1Char('\n'), 0, 0)));
}

} // namespace unclouded::recon
