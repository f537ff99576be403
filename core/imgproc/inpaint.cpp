#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <omp.h>
#include <opencv2/core.hpp>
#include <opencv2/photo.hpp>
#include <string>

#include "core/common/error.h"
#include "core/imgproc/inpaint_p.h"
#include "core/imgproc/telea_p.h"

namespace unclouded::recon {

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
}

// Per-band inpainting of `mask` pixels of band planes in `img` (in place). OpenCV 4.6's Telea is
// wrong on CV_32F images (a ramp of 0.10-0.16 comes back as 1.03), so bands go through uint16 DN
// (reflectance * 10000 + 1000: the products' own precision); both methods use that path. Telea is
// our teleaInpaint16u (OpenCV's result, without its quadratic narrow band), one march for all
// bands that hide the same pixels; Navier-Stokes is OpenCV's.
void inpaintBands(std::vector<float>& img, const std::vector<uint8_t>& mask, int w, int h, int bands,
    int flags, double radius, double maxDepth)
{
    const bool limited = flags == cv::INPAINT_TELEA && maxDepth > 0;
    const size_t plane = static_cast<size_t>(w) * h;
    // OpenCV also leaves an outlier next to the image's edge (row 1 of a band crossing it): a
    // mirrored margin moves that edge out of the window.
    const int pad = static_cast<int>(std::ceil(radius)) + 1;
    struct Padded
    {
        cv::Mat dn, m; // (h + 2 pad) x (w + 2 pad), uint16 DN and 0 / 255
        cv::Mat fill; // h x w, 0 / 255: what this band fills
        bool empty = false; // nothing known: the band becomes NaN
        std::shared_ptr<std::vector<uint8_t>> reached; // depth-limited Telea: what its march filled
    };
    std::vector<Padded> pb(bands);
    // An exception must not leave an OpenMP region (the process would end): the first one is kept
    // and thrown after the loop as an Error.
    std::string failure;
    auto keep = [&](const std::exception& e) {
#pragma omp critical(unclouded_inpaint_failure)
        if (failure.empty())
            failure = e.what();
    };
#pragma omp parallel for schedule(static)
    for (int b = 0; b < bands; ++b) {
        try {
            const float* p = img.data() + b * plane;
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
            pb[b].empty = known == 0;
            pb[b].fill = m;
            cv::copyMakeBorder(dn, pb[b].dn, pad, pad, pad, pad, cv::BORDER_REFLECT);
            cv::copyMakeBorder(m, pb[b].m, pad, pad, pad, pad, cv::BORDER_REFLECT);
        } catch (const std::exception& e) {
            keep(e);
        }
    }
    // Jobs: Telea runs the bands that fill the same pixels through one march, split in as many
    // parts as there are threads (2 cores: two marches of 6 bands beat one of 12); Navier-Stokes
    // one band each.
    std::vector<std::vector<int>> jobs;
    if (failure.empty()) {
        std::vector<std::vector<int>> groups;
        for (int b = 0; b < bands; ++b) {
            if (pb[b].empty)
                continue;
            auto same = [&](const std::vector<int>& g) {
                return flags == cv::INPAINT_TELEA
                    && std::equal(pb[g[0]].fill.data, pb[g[0]].fill.data + plane, pb[b].fill.data);
            };
            auto it = std::find_if(groups.begin(), groups.end(), same);
            if (it == groups.end())
                groups.push_back({ b });
            else
                it->push_back(b);
        }
        const int threads = std::max(1, omp_get_max_threads());
        for (const auto& g : groups) {
            const int parts = std::min<int>(int(g.size()), threads);
            for (int k = 0; k < parts; ++k) {
                std::vector<int> job;
                for (size_t i = k; i < g.size(); i += parts)
                    job.push_back(g[i]);
                jobs.push_back(job);
            }
        }
    }
#pragma omp parallel for schedule(dynamic)
    for (int jb = 0; jb < int(jobs.size()); ++jb) {
        try {
            const std::vector<int>& job = jobs[jb];
            Padded& first = pb[job[0]];
            if (flags == cv::INPAINT_TELEA) {
                std::vector<uint16_t*> planes;
                for (int b : job)
                    planes.push_back(reinterpret_cast<uint16_t*>(pb[b].dn.data));
                std::shared_ptr<std::vector<uint8_t>> reached;
                if (limited)
                    reached = std::make_shared<std::vector<uint8_t>>(first.dn.total());
                teleaInpaint16u(planes, first.m.data, first.dn.cols, first.dn.rows, radius,
                    limited ? static_cast<float>(maxDepth) : std::numeric_limits<float>::infinity(),
                    reached ? reached->data() : nullptr);
                for (int b : job)
                    pb[b].reached = reached;
            } else {
                // Navier-Stokes takes the frame beyond the image for known zeros, which drags a cloud
                // crossing the edge towards black: give the margin Telea's values and call it known.
                teleaInpaint16u({ reinterpret_cast<uint16_t*>(first.dn.data) }, first.m.data, first.dn.cols,
                    first.dn.rows, radius);
                cv::Mat inner = cv::Mat::zeros(first.m.size(), CV_8U);
                first.fill.copyTo(inner(cv::Rect(pad, pad, w, h)));
                cv::Mat out;
                cv::inpaint(first.dn, inner, out, radius, flags);
                first.dn = out;
            }
        } catch (const std::exception& e) {
            keep(e);
        }
    }
    if (!failure.empty())
        throw Error(QStringLiteral("Inpainting failed: %1")
                        .arg(QString::fromStdString(failure).section(QLatin1Char('\n'), 0, 0)));
    for (int b = 0; b < bands; ++b) {
        float* p = img.data() + b * plane;
        if (pb[b].empty) {
            std::fill(p, p + plane, kNaN);
            continue;
        }
        const cv::Mat out = pb[b].dn(cv::Rect(pad, pad, w, h));
        const uint8_t* reached = pb[b].reached ? pb[b].reached->data() : nullptr;
        const int pw = pb[b].dn.cols;
        for (int y = 0; y < h; ++y) {
            const auto* o = out.ptr<uint16_t>(y);
            const uint8_t* m = pb[b].fill.ptr<uint8_t>(y);
            const uint8_t* r = reached ? reached + static_cast<size_t>(y + pad) * pw + pad : nullptr;
            for (int x = 0; x < w; ++x)
                if (m[x])
                    p[static_cast<size_t>(y) * w + x] = !r || r[x] ? (o[x] - 1000.0f) * 1e-4f : kNaN;
        }
    }
}

} // namespace unclouded::recon
