// unclouded-cli reconstruct: rebuild hidden pixels, write a GeoTIFF / COG.
#include "core/recon/reconstruct.h"

#include <algorithm>

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>

#include "cli/clicommon.h"
#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/common/paths.h"
#include "core/io/rasterwriter.h"

namespace unclouded::cli {

int reconstructCommand(const QStringList& args)
{
    const QString cmd = QStringLiteral("reconstruct");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Rebuilds the pixels hidden by clouds, shadows (and the other chosen classes) over the whole product "
        "or an "
        "AOI and writes a GeoTIFF / Cloud-Optimized GeoTIFF on the product's grid. Visible pixels are copied "
        "unchanged; a sidecar OUT.mask.tif marks the rebuilt ones. Ctrl+C cancels and leaves no file."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("PRODUCT"), QStringLiteral("Product to clean."));
    p.addOption({ QStringLiteral("method"),
        QStringLiteral("telea, ns (OpenCV inpainting), harmonic (smooth fill from the surroundings), "
                       "temporal (needs --reference), pretrained (the "
                       "shipped general model; with --reference its multi-date variant) or a "
                       "checkpoint file (.pth) trained with 'train'. Required."),
        QStringLiteral("CKPT|telea|ns|harmonic|temporal|pretrained") });
    p.addOption({ QStringLiteral("reference"),
        QStringLiteral("Another date of the same tile, clear or partly cloudy (repeatable; per "
                       "pixel the nearest three that show it are blended by their fit to the product)."),
        QStringLiteral("PRODUCT") });
    addReferenceMaskOptions(p);
    addMaskFileOptions(p);
    addMaskOptions(
        p, QStringLiteral("Classes to rebuild: cloud,shadow,cirrus,snow (default) or SCL numbers."));
    p.addOption({ QStringLiteral("aoi"), QStringLiteral("Only this area x,y,w,h (10 m grid pixels)."),
        QStringLiteral("X,Y,W,H") });
    p.addOption(
        { QStringLiteral("out"), QStringLiteral("GeoTIFF to write (required)."), QStringLiteral("OUT.tif") });
    p.addOption({ QStringLiteral("tag"),
        QStringLiteral(
            "A dataset tag KEY=VALUE to add to the output (repeatable; batch uses UNCLOUDED_JOB)."),
        QStringLiteral("KEY=VALUE") });
    p.addOption({ QStringLiteral("format"), QStringLiteral("COG (default) or GTiff."),
        QStringLiteral("COG|GTiff"), QStringLiteral("COG") });
    p.addOption({ QStringLiteral("compress"), QStringLiteral("DEFLATE (default), ZSTD, LZW or NONE."),
        QStringLiteral("C"), QStringLiteral("DEFLATE") });
    p.addOption({ QStringLiteral("compress-level"),
        QStringLiteral("DEFLATE 1-9 or ZSTD 1-22; default 1 (fast; GDAL's own defaults, 6 and 9, make "
                       "files a few percent smaller in about twice the time)."),
        QStringLiteral("N"), QStringLiteral("1") });
    p.addOption({ QStringLiteral("float32"),
        QStringLiteral("Write float32 reflectance instead of uint16 DN with scale/offset.") });
    p.addOption({ QStringLiteral("no-overviews"), QStringLiteral("Do not build internal overviews.") });
    p.addOption({ QStringLiteral("no-mask"), QStringLiteral("Do not write the OUT.mask.tif sidecar.") });
    addWindowOptions(p);
    addBandResolutionOption(p);
    addTemporalFitOption(p);
    addHazeGuardOption(p);
    addPrecisionOption(p);
    p.addOption({ QStringLiteral("quicklook"),
        QStringLiteral("Also write a true-colour PNG/JPEG of the result."), QStringLiteral("OUT.png") });
    p.addOption({ QStringLiteral("json"), QStringLiteral("Print a JSON summary instead of text.") });
    int code = kOk;
    if (!parseOrReport(p, args, cmd, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return usageError(cmd, QStringLiteral("expected exactly one PRODUCT"));
    if (!p.isSet(QStringLiteral("method")))
        return usageError(cmd,
            QStringLiteral(
                "--method is required (telea, ns, harmonic, temporal, pretrained or a checkpoint)"));
    if (!p.isSet(QStringLiteral("out")))
        return usageError(cmd, QStringLiteral("--out OUT.tif is required"));
    recon::ReconOptions o;
    o.method = recon::Method::parse(p.value(QStringLiteral("method")));
    o.references = p.values(QStringLiteral("reference"));
    if (const QString e = readReferenceMasks(p, o.references.size(), o.referenceMasks, o.referenceMaskKind);
        !e.isEmpty())
        return usageError(cmd, e);
    if (const QString e = readMaskOptions(p, o.mask); !e.isEmpty())
        return usageError(cmd, e);
    if (!parseAoi(p, o.aoi))
        return usageError(cmd, QStringLiteral("--aoi must be x,y,w,h in grid pixels, e.g. 0,0,1024,1024"));
    if (const QString e = readWindowOptions(p, o.window, o.overlap); !e.isEmpty())
        return usageError(cmd, e);
    if (const QString e = readBandResolution(p, o.bandResolution); !e.isEmpty())
        return usageError(cmd, e);
    if (const QString e = readTemporalFit(p, o.temporalFit); !e.isEmpty())
        return usageError(cmd, e);
    if (const QString e = readHazeGuard(p, o.hazeGuard); !e.isEmpty())
        return usageError(cmd, e);
    if (const QString e = readPrecision(p, o.precision); !e.isEmpty())
        return usageError(cmd, e);
    try {
        recon::validate(o); // the same limits as the GUI's
    } catch (const Error& e) {
        return usageError(cmd, e.message());
    }
    ExportOptions e;
    if (!ExportOptions::parseFormat(p.value(QStringLiteral("format")), e.format))
        return usageError(cmd, QStringLiteral("--format must be COG or GTiff"));
    e.compression = p.value(QStringLiteral("compress")).toUpper();
    if (!QStringList {
            QStringLiteral("DEFLATE"), QStringLiteral("ZSTD"), QStringLiteral("LZW"), QStringLiteral("NONE") }
             .contains(e.compression))
        return usageError(cmd, QStringLiteral("--compress must be DEFLATE, ZSTD, LZW or NONE"));
    bool levelOk = false;
    e.level = p.value(QStringLiteral("compress-level")).toInt(&levelOk);
    if (!levelOk)
        return usageError(cmd, QStringLiteral("--compress-level must be a number"));
    if (const QString err = e.validate(); !err.isEmpty())
        return usageError(cmd, err);
    if (p.isSet(QStringLiteral("compress-level")) && e.compression != QLatin1String("DEFLATE")
        && e.compression != QLatin1String("ZSTD"))
        err() << QStringLiteral(
            "unclouded-cli %1: warning: %2 has no level; --compress-level %3 is not used\n")
                     .arg(cmd, e.compression, p.value(QStringLiteral("compress-level")));
    for (const QString& t : p.values(QStringLiteral("tag"))) {
        static const QRegularExpression kTag(QStringLiteral("^([A-Za-z][A-Za-z0-9_]{0,63})=(.{0,1024})$"));
        const QRegularExpressionMatch mt = kTag.match(t);
        if (!mt.hasMatch())
            return usageError(cmd, QStringLiteral("--tag must be KEY=VALUE (KEY: letters, digits, _)"));
        e.metadata.insert(mt.captured(1), mt.captured(2));
    }
    e.float32 = p.isSet(QStringLiteral("float32"));
    e.overviews = !p.isSet(QStringLiteral("no-overviews"));
    e.maskSidecar = !p.isSet(QStringLiteral("no-mask"));
    QString maskFile;
    MaskKind maskKind = MaskKind::None;
    if (const QString e = readMaskFile(p, maskFile, maskKind); !e.isEmpty())
        return usageError(cmd, e);
    const QString outPath = p.value(QStringLiteral("out"));
    // Before any work: nothing written may land on what is read.
    QList<RolePath> inputs { { QStringLiteral("PRODUCT"), p.positionalArguments().constFirst() },
        { maskKind == MaskKind::Binary ? QStringLiteral("--mask") : QStringLiteral("--scl"),
            maskFilePart(maskFile) } };
    for (const QString& r : o.references)
        inputs.append({ QStringLiteral("--reference"), r });
    for (const QString& m : o.referenceMasks)
        inputs.append({ QStringLiteral("--reference-mask"), maskFilePart(m) });
    if (o.method.kind == recon::MethodKind::Model)
        inputs.append({ QStringLiteral("--method"), o.method.checkpoint(!o.references.isEmpty()) });
    const QList<RolePath> outputs { { QStringLiteral("--out"), outPath },
        { QStringLiteral("the sidecar of --out"), e.maskSidecar ? maskSidecarPath(outPath) : QString() },
        { QStringLiteral("--quicklook"), p.value(QStringLiteral("quicklook")) } };
    if (const QString clash = outputClash(outputs, inputs); !clash.isEmpty())
        return usageError(cmd, clash);
    // Every output's folder must take files before minutes of work (a quicklook failing at the end
    // would leave the GeoTIFF behind a failed command).
    if (outPath.isEmpty())
        return usageError(cmd, QStringLiteral("--out needs a file name"));
    // A GeoTIFF named .png opens nowhere as a picture, and as a raster only by its content.
    static const QStringList pictures { QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
        QStringLiteral("jp2"), QStringLiteral("gif"), QStringLiteral("bmp"), QStringLiteral("webp") };
    if (pictures.contains(QFileInfo(outPath).suffix().toLower()))
        return usageError(cmd,
            QStringLiteral(
                "--out %1: the output is a GeoTIFF; name it .tif (a picture of it: --quicklook %2)")
                .arg(outPath, QFileInfo(outPath).fileName()));
    if (p.isSet(QStringLiteral("quicklook")) && !quicklookFormatOk(p.value(QStringLiteral("quicklook"))))
        return usageError(cmd, QStringLiteral("--quicklook must name a .png or .jpg file"));
    if (const QString why = outputFolderProblem(outputs); !why.isEmpty())
        return usageError(cmd, why);
    // Replaced as any earlier result is, but never somebody's file of another kind (a GeoPackage typed
    // as --out).
    for (int i = 0; i < 2; ++i)
        if (const QString why = otherKindAtOutput(outputs[i], OutputKind::Tiff); !why.isEmpty())
            return usageError(cmd, why);
    // Dates the method does not read are said and dropped (after the checks above: still never written
    // over): not opened, so an unreadable one fails no run, nor recorded in the output as used. A
    // warning, not an error: a batch manifest may give every row its dates, whatever its method.
    if (!o.references.isEmpty() && !o.method.usesReferences()) {
        err() << QStringLiteral(
            "unclouded-cli %1: warning: %2 reads no other date: --reference %3 not used\n")
                     .arg(cmd, o.method.label(), o.references.join(QStringLiteral(", ")));
        o.references.clear();
        o.referenceMasks.clear();
        o.referenceMaskKinds.clear();
    }

    return runCommand(cmd,
        [&](JobContext& ctx) {
            const Progress progress = ctx.progress();
            const auto product = Product::open(p.positionalArguments().constFirst(), maskFile, maskKind);
            warnIfClassesUnused(p, product->info(), cmd);
            if (o.aoi.w > 0 && o.aoi.h > 0) // an AOI over the edge is cut to the product: said, not silent
                if (const Window a = recon::reconArea(*product, o.aoi);
                    a.x != o.aoi.x || a.y != o.aoi.y || a.w != o.aoi.w || a.h != o.aoi.h)
                    err() << QStringLiteral("unclouded-cli %1: warning: --aoi %2,%3,%4,%5 reaches past the "
                                            "product (%6 x %7 px): written as %8,%9,%10,%11\n")
                                 .arg(cmd)
                                 .arg(o.aoi.x)
                                 .arg(o.aoi.y)
                                 .arg(o.aoi.w)
                                 .arg(o.aoi.h)
                                 .arg(product->width())
                                 .arg(product->height())
                                 .arg(a.x)
                                 .arg(a.y)
                                 .arg(a.w)
                                 .arg(a.h);
            warnReferencesWithoutClasses(o.references, o.referenceMasks, cmd, &product->info());
            for (const QString& w : product->info().warnings) // e.g. band files missing: fewer bands out
                if (maskFile.isEmpty() || !w.contains(QLatin1String("open a mask file")))
                    err() << QStringLiteral("unclouded-cli %1: warning: %2: %3\n")
                                 .arg(cmd, p.positionalArguments().constFirst(), w);
            QElapsedTimer clock;
            clock.start();
            if (p.isSet(QStringLiteral("quicklook"))) // before the work: the output would be replaced
                for (const QString& b :
                    { QStringLiteral("B04"), QStringLiteral("B03"), QStringLiteral("B02") })
                    if (product->bandIndex(b) < 0)
                        throw Error(
                            QStringLiteral("--quicklook needs the bands B04, B03 and B02; the product "
                                           "has no %1 (nothing was written)")
                                .arg(b));
            const recon::ReconStats st = recon::reconstructToFile(*product, o, outPath, e, progress);
            const double total = clock.nsecsElapsed() * 1e-9;
            // --no-mask over an earlier output: its sidecar described the file just replaced, and
            // fields / evaluate would read it as this one's (never a file this run read).
            const QString oldSidecar = maskSidecarPath(outPath);
            if (!e.maskSidecar && QFileInfo::exists(oldSidecar) && isReconstructionMask(oldSidecar)
                && std::none_of(inputs.begin(), inputs.end(), [&](const RolePath& in) {
                       // an input itself, or a file read with one (o.tiff's o.mask.tif)
                       if (in.path.isEmpty())
                           return false;
                       const QStringList with = companionFiles(in.path) << in.path;
                       return std::any_of(with.begin(), with.end(),
                           [&](const QString& f) { return samePath(f, oldSidecar); });
                   })) {
                if (QFile::remove(oldSidecar))
                    err() << "unclouded-cli " << cmd << ": removed " << oldSidecar
                          << ", the sidecar of the output replaced\n";
            }
            if (p.isSet(QStringLiteral("quicklook"))) {
                // The reconstruction is the result: a failed picture of it must not read as a lost run.
                try {
                    const auto result = Product::open(outPath);
                    writeQuicklook(*result, p.value(QStringLiteral("quicklook")));
                } catch (const Cancelled&) {
                    throw;
                } catch (const Error& x) {
                    throw Error(QStringLiteral("%1 was written; its quicklook was not: %2")
                                    .arg(outPath, x.message()));
                }
            }
            const qint64 pixels = qint64(st.area.w) * st.area.h;
            if (p.isSet(QStringLiteral("json"))) {
                QJsonObject j { { QStringLiteral("output"), QFileInfo(outPath).absoluteFilePath() },
                    { QStringLiteral("mask"),
                        e.maskSidecar ? QFileInfo(maskSidecarPath(outPath)).absoluteFilePath() : QString() },
                    { QStringLiteral("method"), o.method.label() },
                    { QStringLiteral("area"), QJsonArray { st.area.x, st.area.y, st.area.w, st.area.h } },
                    { QStringLiteral("bands"), QJsonArray::fromStringList(st.bands) },
                    { QStringLiteral("reconstructed_pixels"), st.hiddenPixels },
                    { QStringLiteral("reconstructed_percent"),
                        pixels > 0 ? 100.0 * st.hiddenPixels / pixels : 0.0 },
                    { QStringLiteral("fallback_pixels"), st.fallbackPixels },
                    { QStringLiteral("hidden_nodata_pixels"), st.noDataHidden },
                    { QStringLiteral("clamped_values"), st.clampedValues },
                    { QStringLiteral("windows"), st.windows },
                    { QStringLiteral("windows_skipped"), st.skipped },
                    { QStringLiteral("seconds"), st.seconds },
                    { QStringLiteral("method_seconds"), st.methodSeconds },
                    // Extensions (#18): where the time went. total = seconds + writing the file.
                    { QStringLiteral("setup_seconds"), st.setupSeconds },
                    { QStringLiteral("read_wait_seconds"), st.readWaitSeconds },
                    { QStringLiteral("gdal_cache_mb"), double(st.gdalCacheBytes >> 20) },
                    { QStringLiteral("inference_seconds"), st.inferenceSeconds },
                    { QStringLiteral("total_seconds"), total } };
                if (!st.temporalFit.isEmpty())
                    j.insert(QStringLiteral("temporal_fit"), st.temporalFit);
                if (st.fromOtherDates >= 0)
                    j.insert(QStringLiteral("from_other_dates_percent"), 100.0 * st.fromOtherDates);
                if (o.method.kind == recon::MethodKind::Model) {
                    j.insert(QStringLiteral("precision"),
                        recon::precisionName(
                            st.bfloat16 ? recon::Precision::BFloat16 : recon::Precision::Float32));
                    j.insert(QStringLiteral("network_area_share"), st.networkShare);
                    j.insert(QStringLiteral("read_ahead"), st.readAhead);
                }
                out() << QJsonDocument(j).toJson(QJsonDocument::Indented);
            } else {
                out() << "wrote " << outPath << " (" << o.method.label() << ")\n"
                      << QStringLiteral("rebuilt %1 pixels (%2 % of the area); %3 of %4 windows had nothing "
                                        "hidden; %5 s\n")
                             .arg(st.hiddenPixels)
                             .arg(pixels > 0 ? 100.0 * st.hiddenPixels / pixels : 0.0, 0, 'f', 1)
                             .arg(st.skipped)
                             .arg(st.windows)
                             .arg(st.seconds, 0, 'f', 1);
                if (st.fallbackPixels > 0) // e.g. a reference with no data there, a network's NaN output
                    out() << QStringLiteral(
                        "%1 of them (%2 %) from the coarse whole-scene estimate: the method "
                        "gave no value there\n")
                                 .arg(st.fallbackPixels)
                                 .arg(100.0 * st.fallbackPixels / std::max<qint64>(1, st.hiddenPixels), 0,
                                     'f', 1);
                if (st.fromOtherDates >= 0)
                    out() << QStringLiteral(
                        "%1 % of them shown by another date, the rest filled harmonically\n")
                                 .arg(100.0 * st.fromOtherDates, 0, 'f', 1);
                if (st.noDataHidden > 0)
                    out() << QStringLiteral("%1 pixels the mask hides have no data in any band (past the "
                                            "swath edge, or blanked before): left as no data\n")
                                 .arg(st.noDataHidden);
                if (e.maskSidecar)
                    out() << "rebuilt pixels: " << maskSidecarPath(outPath) << "\n";
            }
            if (st.clampedValues > 0) // visible pixels too: they are no longer the input's
                err() << "unclouded-cli " << cmd
                      << QStringLiteral(": warning: %1 values lie outside what 16-bit DN with the product's "
                                        "offset can hold (negative reflectance, say) and were stored "
                                        "clamped; --float32 keeps them as they are\n")
                             .arg(st.clampedValues);
            // Tagged "Temporal fill" with a reference that gave nothing, the file would be harmonic fill
            // under another name: said on stderr, with or without --json.
            if (st.fromOtherDates == 0)
                err() << "unclouded-cli " << cmd
                      << ": warning: no other date shows the ground under any hidden pixel (nodata or hidden "
                         "there too): "
                      << (p.value(QStringLiteral("method")) == QLatin1String("temporal")
                                 ? "every one was filled harmonically, as --method harmonic would\n"
                                 : "the model started from the harmonic fill alone\n");
            out().flush();
            return kOk;
        },
        { true, QStringLiteral("cancelled; nothing was written") });
}

} // namespace unclouded::cli
