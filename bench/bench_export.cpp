// COG export against gdal_translate -of COG on the same data: the product's bands are first written
// once as an uncompressed uint16 GeoTIFF (the "same data"); then, alternating, (a) Unclouded's
// RasterWriter gets that raster strip by strip (reads not timed) and writes a COG with DEFLATE and
// overviews, (b) gdal_translate converts the same file with the same creation options. Median of N.
#include <algorithm>
#include <cstdio>
#include <vector>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>

#include "core/common/runtime.h"
#include "core/io/product.h"
#include "core/io/rasterwriter.h"

#include "bench/benchutil.h"

using namespace unclouded;

using benchutil::median;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_export PRODUCT WORK_DIR [ROUNDS]\n");
        return 2;
    }
    initializeRuntime();
    const QDir work(QString::fromLocal8Bit(argv[2]));
    const int rounds = argc > 3 ? std::max(1, atoi(argv[3])) : 3;
    constexpr int kRows = 512;
    try {
        const auto product = Product::open(QString::fromLocal8Bit(argv[1]));
        const QStringList bands = product->bandNames();
        const int W = product->width(), H = product->height(), B = bands.size();
        std::vector<float> strip(static_cast<size_t>(B) * W * kRows);
        auto copy = [&](const Product& from, RasterWriter& to, double& writeSeconds) {
            QElapsedTimer t;
            for (int y = 0; y < H; y += kRows) {
                const int rows = std::min(kRows, H - y);
                from.readWindow(bands, { 0, y, W, rows }, strip.data());
                // readWindow packs planes of rows x W: exactly what writeRows takes.
                t.start();
                to.writeRows(y, rows, strip.data(), nullptr);
                writeSeconds += t.nsecsElapsed() * 1e-9;
            }
        };
        const QString src = work.filePath(QStringLiteral("source.tif"));
        {
            ExportOptions raw;
            raw.format = ExportOptions::Format::GTiff;
            raw.compression = QStringLiteral("NONE");
            raw.overviews = false;
            raw.maskSidecar = false;
            RasterWriter w(src, product->info(), { 0, 0, W, H }, bands, raw);
            double s = 0;
            copy(*product, w, s);
            w.finish();
        }
        const auto source = Product::open(src);
        std::vector<double> ours, theirs;
        for (int r = 0; r < rounds; ++r) {
            const QString a = work.filePath(QStringLiteral("ours.tif")),
                          b = work.filePath(QStringLiteral("gdal.tif"));
            for (int order = 0; order < 2; ++order) {
                if ((order == 0) == (r % 2 == 0)) {
                    ExportOptions cog;
                    cog.maskSidecar = false;
                    double s = 0;
                    RasterWriter w(a, source->info(), { 0, 0, W, H }, bands, cog);
                    copy(*source, w, s);
                    QElapsedTimer t;
                    t.start();
                    w.finish();
                    ours.push_back(s + t.nsecsElapsed() * 1e-9);
                } else {
                    QElapsedTimer t;
                    t.start();
                    const int rc = QProcess::execute(QStringLiteral("gdal_translate"),
                        { QStringLiteral("-q"), QStringLiteral("-of"), QStringLiteral("COG"),
                            QStringLiteral("-co"), QStringLiteral("COMPRESS=DEFLATE"), QStringLiteral("-co"),
                            QStringLiteral("PREDICTOR=YES"), QStringLiteral("-co"), QStringLiteral("LEVEL=1"),
                            QStringLiteral("-co"), QStringLiteral("NUM_THREADS=ALL_CPUS"),
                            QStringLiteral("-co"), QStringLiteral("BLOCKSIZE=512"), QStringLiteral("-co"),
                            QStringLiteral("BIGTIFF=IF_SAFER"), QStringLiteral("-co"),
                            QStringLiteral("RESAMPLING=AVERAGE"), src, b });
                    if (rc != 0)
                        throw Error(QStringLiteral("gdal_translate failed (%1)").arg(rc));
                    theirs.push_back(t.nsecsElapsed() * 1e-9);
                }
            }
            std::printf(
                "round %d: unclouded %.1f s, gdal_translate %.1f s\n", r + 1, ours.back(), theirs.back());
            std::fflush(stdout);
            QFile::remove(a);
            QFile::remove(b);
        }
        QFile::remove(src);
        const double o = median(ours), g = median(theirs);
        std::printf("COG export of %d x %d x %d: unclouded %.1f s, gdal_translate -of COG %.1f s (median of "
                    "%d), ratio %.2f\n",
            W, H, B, o, g, rounds, o / g);
    } catch (const Error& e) {
        std::fprintf(stderr, "bench_export: %s\n", qPrintable(e.message()));
        return 1;
    }
    return 0;
}
