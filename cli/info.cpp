// unclouded-cli info: a product's metadata, bands, offsets and class coverage.
#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include "cli/clicommon.h"

namespace unclouded::cli {

int infoCommand(const QStringList& args)
{
    const QString cmd = QStringLiteral("info");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Describes a Sentinel-2 product (SAFE folder, .zip, "
                                               "MTD_MSIL*.xml, a folder of one GeoTIFF / COG / JP2 per band, "
                                               "a STAC item .json or its http(s) URL) or a multi-band "
                                               "GeoTIFF: level, baseline, "
                                               "tile, date, CRS, sizes, bands with their offsets, cloud "
                                               "cover from the metadata and class coverage counted "
                                               "from the pixels."));
    p.addHelpOption();
    p.addPositionalArgument(
        QStringLiteral("PRODUCT"), QStringLiteral("Product to describe (path or item URL)."));
    addMaskFileOptions(p);
    addMaskOptions(p, QStringLiteral("Hidden classes: cloud,shadow,cirrus,snow (default) or SCL numbers."));
    p.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON instead of text.") });
    int code = kOk;
    if (!parseOrReport(p, args, cmd, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return usageError(cmd, QStringLiteral("expected exactly one PRODUCT"));
    QString maskFile;
    MaskKind maskKind = MaskKind::None;
    if (const QString e = readMaskFile(p, maskFile, maskKind); !e.isEmpty())
        return usageError(cmd, e);
    MaskSpec spec;
    if (const QString e = readMaskOptions(p, spec); !e.isEmpty())
        return usageError(cmd, e);

    CommandOptions options;
    options.writesNothing = true;
    return runCommand(
        cmd,
        [&](JobContext& ctx) {
            const auto product = Product::open(p.positionalArguments().constFirst(), maskFile, maskKind);
            const ProductInfo& i = product->info();
            warnIfClassesUnused(p, i, cmd);
            const Coverage cov = computeCoverage(*product, spec, ctx.progress());

            QJsonObject o;
            o[QStringLiteral("path")] = i.path;
            o[QStringLiteral("format")] = i.format;
            o[QStringLiteral("level")] = i.level;
            o[QStringLiteral("product")] = i.productName;
            o[QStringLiteral("processing_baseline")] = i.baseline;
            o[QStringLiteral("tile")] = i.tileId;
            o[QStringLiteral("sensing_time")] = i.sensingTime;
            o[QStringLiteral("epsg")] = i.epsg;
            o[QStringLiteral("georeferenced")] = i.georeferenced;
            o[QStringLiteral("width")] = i.width;
            o[QStringLiteral("height")] = i.height;
            QJsonObject sizes;
            for (auto it = i.sizePerResolution.cbegin(); it != i.sizePerResolution.cend(); ++it)
                sizes[QStringLiteral("%1m").arg(it.key())] = it.value();
            o[QStringLiteral("size_per_resolution")] = sizes;
            QJsonArray bands;
            for (const BandDesc& b : i.bands)
                bands.append(QJsonObject { { QStringLiteral("name"), b.name },
                    { QStringLiteral("resolution_m"), b.resolution }, { QStringLiteral("offset"), b.offset },
                    { QStringLiteral("scale"), b.scale }, { QStringLiteral("central_nm"), b.centralNm } });
            o[QStringLiteral("bands")] = bands;
            o[QStringLiteral("missing_bands")] = QJsonArray::fromStringList(i.missingBands);
            if (i.cloudCoverMetadata >= 0)
                o[QStringLiteral("cloud_cover_metadata_percent")] = i.cloudCoverMetadata;
            if (i.sunZenith >= 0) {
                o[QStringLiteral("sun_zenith")] = i.sunZenith;
                o[QStringLiteral("sun_azimuth")] = i.sunAzimuth;
            }
            o[QStringLiteral("classification")] = i.maskKind == MaskKind::None ? QStringLiteral("none")
                : i.maskKind == MaskKind::Scl                                  ? QStringLiteral("SCL")
                : i.maskKind == MaskKind::Classi
                ? (isVectorMask(i.maskFile) ? QStringLiteral("MSK_CLOUDS") : QStringLiteral("MSK_CLASSI"))
                : QStringLiteral("binary mask");
            if (i.maskKind == MaskKind::Classi)
                o[QStringLiteral("cloud_shadows")]
                    = i.cloudShadowsEstimated ? QStringLiteral("estimated") : QStringLiteral("none");
            if (product->hasClasses()) {
                o[QStringLiteral("classification_file")] = i.maskFile;
                QJsonArray classes;
                for (int c = 0; c < 256; ++c)
                    if (cov.counts[c] > 0) {
                        QJsonObject k { { QStringLiteral("class"), c },
                            { QStringLiteral("name"), sclClassName(c) },
                            { QStringLiteral("pixels_10m"), static_cast<double>(cov.counts[c]) },
                            { QStringLiteral("percent_of_product"),
                                cov.total > 0 ? 100.0 * cov.counts[c] / cov.total : 0.0 } };
                        if (c != 0) // no data is no share of the valid pixels
                            k[QStringLiteral("percent_of_valid")] = cov.percent(c);
                        classes.append(k);
                    }
                o[QStringLiteral("class_coverage")] = classes;
                o[QStringLiteral("hidden_percent")] = cov.hiddenPercent();
                o[QStringLiteral("dilate_px")] = spec.dilatePx;
            }
            // Without classes nothing counts no data; a product that is all nodata (a month with no
            // clear observation in a composite) would look like any other. Its first band, read at
            // <= 512 px, tells.
            double nodataSampled = -1;
            std::optional<JobFailure> sampleError;
            int sampleW = 0, sampleH = 0;
            if (!product->hasClasses() && !i.bands.isEmpty()) {
                const double f = std::min(1.0, 512.0 / std::max(i.width, i.height));
                sampleW = std::max(1, static_cast<int>(i.width * f));
                sampleH = std::max(1, static_cast<int>(i.height * f));
                std::vector<float> v(static_cast<size_t>(sampleW) * sampleH);
                // A band that cannot be read is said, as info says everything else: not a failure of info.
                sampleError = runGuarded([&] {
                    product->readScaled({ i.bands.constFirst().name }, { 0, 0, i.width, i.height }, sampleW,
                        sampleH, v.data());
                });
                if (!sampleError) {
                    const auto none
                        = std::count_if(v.begin(), v.end(), [](float x) { return std::isnan(x); });
                    nodataSampled = 100.0 * static_cast<double>(none) / static_cast<double>(v.size());
                    o[QStringLiteral("nodata_percent_sampled")] = nodataSampled;
                } else if (sampleError->cancelled) {
                    throw Cancelled();
                }
            }
            QStringList warnings = i.warnings;
            if (sampleError)
                warnings << QStringLiteral("no data not counted: %1").arg(sampleError->message);
            if (nodataSampled >= 100)
                warnings << QStringLiteral(
                    "every pixel read (%1 at %2 x %3) is no data: the product holds no image")
                                .arg(i.bands.constFirst().name)
                                .arg(sampleW)
                                .arg(sampleH);
            if (const QString example = maskThresholdExample(i);
                !example.isEmpty() && cov.valid > 0 && cov.hidden == cov.valid)
                warnings << QStringLiteral(
                    "the mask hides every pixel; if its values are a cloud probability, hide from "
                    "a threshold up: --mask-above 0.4, or the path %1")
                                .arg(example);
            o[QStringLiteral("warnings")] = QJsonArray::fromStringList(warnings);

            if (p.isSet(QStringLiteral("json"))) {
                out() << QJsonDocument(o).toJson();
            } else {
                auto line
                    = [](const QString& k, const QString& v) { out() << k.leftJustified(22) << v << "\n"; };
                line(QStringLiteral("Product"), i.productName);
                line(QStringLiteral("Format"),
                    i.format + (i.level.isEmpty() ? QString() : QStringLiteral(", ") + i.level));
                if (!i.baseline.isEmpty())
                    line(QStringLiteral("Processing baseline"), i.baseline);
                if (!i.tileId.isEmpty())
                    line(QStringLiteral("Tile"), i.tileId);
                if (!i.sensingTime.isEmpty())
                    line(QStringLiteral("Sensing time"), i.sensingTime);
                line(QStringLiteral("CRS"),
                    i.georeferenced ? QStringLiteral("EPSG:%1").arg(i.epsg)
                                    : QStringLiteral("none (pixel coordinates)"));
                for (auto it = i.sizePerResolution.cbegin(); it != i.sizePerResolution.cend(); ++it)
                    line(QStringLiteral("Size at %1 m").arg(it.key()), it.value());
                if (i.sunZenith >= 0)
                    line(QStringLiteral("Sun zenith / azimuth"),
                        QStringLiteral("%1° / %2°").arg(i.sunZenith).arg(i.sunAzimuth));
                if (i.cloudCoverMetadata >= 0)
                    line(QStringLiteral("Cloud cover (MTD)"),
                        QStringLiteral("%1 %").arg(i.cloudCoverMetadata, 0, 'f', 2));
                out() << "Bands (reflectance = (DN + offset) * scale):\n";
                for (const BandDesc& b : i.bands)
                    out() << "  " << b.name.leftJustified(5)
                          << QStringLiteral("%1 m").arg(b.resolution).rightJustified(5)
                          << QStringLiteral("  offset %1  scale %2  %3 nm")
                                 .arg(b.offset)
                                 .arg(b.scale)
                                 .arg(b.centralNm)
                          << "\n";
                if (nodataSampled >= 0)
                    line(QStringLiteral("No data"),
                        QStringLiteral("%1 % (%2 read at %3 x %4; no classes to count)")
                            .arg(nodataSampled, 0, 'f', 2)
                            .arg(i.bands.constFirst().name)
                            .arg(sampleW)
                            .arg(sampleH));
                if (product->hasClasses()) {
                    out() << "Class coverage (counted from " << i.maskFile
                          << "; % of the valid pixels, no data % of the product):\n";
                    for (int c = 0; c < 256; ++c)
                        if (cov.counts[c] > 0)
                            out() << "  " << QString::number(c).rightJustified(3) << "  "
                                  << sclClassName(c).leftJustified(26)
                                  << QString::number(cov.percent(c), 'f', 2).rightJustified(7) << " %\n";
                    line(QStringLiteral("Hidden"),
                        QStringLiteral("%1 % of valid pixels (buffer %2 px)")
                            .arg(cov.hiddenPercent(), 0, 'f', 2)
                            .arg(spec.dilatePx));
                }
                for (const QString& w : warnings)
                    out() << "warning: " << w << "\n";
            }
            out().flush();
            return kOk;
        },
        options);
}

} // namespace unclouded::cli
