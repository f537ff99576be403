// Reconstruction overhead (issue #18): a whole product rebuilt (reads, hidden masks, pre-fill, window
// cutting, normalisation, blending, compositing; no file written) against the method's pure work on
// the same windows. For a network that is its forward passes alone on as many windows of the same
// shape (every band a sample for a per-band general model); for Telea / temporal fill, the time spent
// inside the method's own call per window. Methods alternate within each round; the overhead is
// whole / pure - 1 per round, median over rounds.
// Usage: bench_recon_overhead PRODUCT ROUNDS METHOD... [--reference REF] [--aoi X,Y,W,H] [--no-pure]
//   METHOD: telea | ns | temporal | pretrained | CHECKPOINT, with "+ref" to pass REF as other date
//   and then "+noahead" to read each strip only when its windows need it; "+native", "+coarse",
//   "+full" set --band-resolution (otherwise auto)
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <random>

#include <QCoreApplication>
#include <QElapsedTimer>

#include "core/common/runtime.h"
#include "core/io/product.h"
#include "core/ml/training.h"
#include "core/recon/reconstruct.h"

#include "bench/benchutil.h"

using namespace unclouded;

using benchutil::median;

namespace {
struct Row
{
    QString spec;
    recon::ReconOptions o;
    std::unique_ptr<ml::Network> net; // networks only: for the pure forward passes
    std::vector<double> whole, pure, inMethod, ratio, inRun;
    int windows = 0, skipped = 0;
};
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    QString ref;
    if (const int k = args.indexOf(QStringLiteral("--reference")); k >= 0 && k + 1 < args.size()) {
        ref = args[k + 1];
        args.remove(k, 2);
    }
    // --no-pure: the ratio inside each run only (half the time: no separate forward passes).
    const bool separate = !args.removeAll(QStringLiteral("--no-pure"));
    Window aoi;
    if (const int k = args.indexOf(QStringLiteral("--aoi")); k >= 0 && k + 1 < args.size()) {
        const QStringList v = args[k + 1].split(QLatin1Char(','));
        if (v.size() == 4)
            aoi = { v[0].toInt(), v[1].toInt(), v[2].toInt(), v[3].toInt() };
        args.remove(k, 2);
    }
    if (args.size() < 3) {
        std::fprintf(stderr,
            "usage: bench_recon_overhead PRODUCT ROUNDS METHOD... [--reference REF] [--aoi X,Y,W,H] "
            "[--no-pure]\n");
        return 2;
    }
    initializeRuntime();
    const int rounds = std::max(1, args[1].toInt());
    try {
        const auto product = Product::open(args[0]);
        const int B = product->bandNames().size();
        std::vector<Row> rows;
        for (int i = 2; i < args.size(); ++i) {
            Row r;
            r.spec = args[i];
            QString m = r.spec;
            // Suffixes in any order: +noahead (the strip read-ahead off) and +nocrop (whole windows
            // through the network), to compare; +ref (with the reference date); +native, +coarse,
            // +full (--band-resolution; otherwise auto).
            for (bool more = true; more;) {
                more = false;
                for (const QString& name :
                    { QStringLiteral("native"), QStringLiteral("coarse"), QStringLiteral("full") })
                    if (m.endsWith(QLatin1Char('+') + name)) {
                        m.chop(name.size() + 1);
                        recon::parseBandResolution(name, r.o.bandResolution);
                        more = true;
                    }
                if (m.endsWith(QLatin1String("+noahead"))) {
                    m.chop(8);
                    r.o.readAhead = false;
                    more = true;
                } else if (m.endsWith(QLatin1String("+nocrop"))) {
                    m.chop(7);
                    r.o.cropToHidden = false;
                    more = true;
                } else if (m.endsWith(QLatin1String("+ref"))) {
                    m.chop(4);
                    if (ref.isEmpty())
                        throw Error(QStringLiteral("%1 needs --reference").arg(r.spec));
                    r.o.references = { ref };
                    more = true;
                }
            }
            r.o.method = recon::Method::parse(m);
            r.o.aoi = aoi;
            if (r.o.method.kind == recon::MethodKind::Temporal)
                r.o.references = { ref };
            if (r.o.method.kind == recon::MethodKind::Model)
                r.net = ml::Network::load(r.o.method.checkpoint(!r.o.references.isEmpty()));
            rows.push_back(std::move(r));
        }
        const int side = 256; // reconstruct's model window
        std::vector<float> x;
        std::mt19937 rng(1);
        std::normal_distribution<float> g(0, 1);
        for (int round = 0; round < rounds; ++round) {
            for (Row& r : rows) {
                // Opened anew for every run, as each CLI run does: GDAL's block cache belongs to the
                // dataset handles, so a shared product let every method after the first read decoded
                // blocks for free (1800 px: waits of 0.81 s for the first method, 0.01 s for the next).
                QElapsedTimer opening;
                opening.start();
                const auto fresh = Product::open(args[0]);
                const double openSeconds = opening.nsecsElapsed() * 1e-9;
                const recon::ReconStats st
                    = recon::reconstruct(*fresh, r.o, [](int, int, const auto&, const auto&) {});
                r.windows = st.windows;
                r.skipped = st.skipped;
                r.whole.push_back(st.seconds);
                r.inMethod.push_back(st.methodSeconds);
                double pure = st.methodSeconds;
                if (r.net && separate) {
                    const ml::ModelConfig& c = r.net->config();
                    const int n = c.perBand ? B : 1;
                    x.resize(static_cast<size_t>(n) * c.inChannels() * side * side);
                    for (float& v : x)
                        v = g(rng);
                    QElapsedTimer t;
                    t.start();
                    for (int w = 0; w < st.windows - st.skipped; ++w)
                        r.net->forward(x, n, side, side);
                    pure = t.nsecsElapsed() * 1e-9;
                }
                r.pure.push_back(pure);
                r.ratio.push_back(st.seconds / pure);
                // The same ratio inside the one run (forward passes timed where they happen): free of
                // the load changing between the whole run and the separate pure passes.
                r.inRun.push_back(st.seconds / (r.net ? st.inferenceSeconds : st.methodSeconds));
                std::printf(
                    "round %d %s: %d of %d windows; pure %.2f s, inside the method %.2f s, whole %.2f s "
                    "(overhead %.1f %%; inside this run: forward passes %.2f s, overhead %.1f %%; set-up "
                    "%.2f s, "
                    "waiting for reads %.2f s; opening the product before it %.2f s; network passes over "
                    "%.1f %% "
                    "of the windows' pixels)\n",
                    round + 1, qPrintable(r.spec), st.windows - st.skipped, st.windows, pure,
                    st.methodSeconds, st.seconds, 100 * (st.seconds / pure - 1), st.inferenceSeconds,
                    100 * (r.inRun.back() - 1), st.setupSeconds, st.readWaitSeconds, openSeconds,
                    100 * st.networkShare);
                std::fflush(stdout);
            }
        }
        std::printf(
            "\n| product | method | windows | pure s | whole s | overhead vs separate pure passes | overhead "
            "inside the run | per round (separate; inside) |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        for (const Row& r : rows) {
            QStringList each, in;
            for (double v : r.ratio)
                each << QString::number(100 * (v - 1), 'f', 1);
            for (double v : r.inRun)
                in << QString::number(100 * (v - 1), 'f', 1);
            std::printf("| %dx%d%s | %s | %d of %d | %.2f | %.2f | %.1f %% | **%.1f %%** | %s; %s |\n",
                product->width(), product->height(),
                aoi.w > 0 ? qPrintable(QStringLiteral(" (AOI %1x%2)").arg(aoi.w).arg(aoi.h)) : "",
                qPrintable(r.spec), r.windows - r.skipped, r.windows, median(r.pure), median(r.whole),
                100 * (median(r.ratio) - 1), 100 * (median(r.inRun) - 1),
                qPrintable(each.join(QStringLiteral(", "))), qPrintable(in.join(QStringLiteral(", "))));
        }
        std::printf("median of %d rounds\n", rounds);
    } catch (const Error& e) {
        std::fprintf(stderr, "bench_recon_overhead: %s\n", qPrintable(e.message()));
        return 1;
    }
    return 0;
}
