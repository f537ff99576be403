// unclouded-cli evaluate: score methods on hidden pixels.
#include "core/eval/evaluate.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

#include "cli/clicommon.h"
#include "core/common/error.h"
#include "core/common/paths.h"
#include "core/recon/reconstruct.h"

namespace unclouded::cli {

int evaluateCommand(const QStringList& args)
{
    const QString cmd = QStringLiteral("evaluate");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Scores reconstructions on hidden pixels: PSNR (data range 1.0), SSIM (Gaussian 11 taps, sigma 1.5), "
        "SAM, MAE, "
        "RMSE per band and overall, NDVI error.\n"
        "  Simulated clouds: --clear CLEAR --masks-from PRODUCT_OR_MASK --methods "
        "telea,ns,harmonic,temporal,CKPT...\n"
        "  A finished result: --result OUT.tif --truth TRUTH.tif --mask MASK.tif (non-zero = scored)."));
    p.addHelpOption();
    p.addOption({ QStringLiteral("clear"),
        QStringLiteral("Clear product or truth GeoTIFF: the values to recover."), QStringLiteral("CLEAR") });
    p.addOption({ QStringLiteral("masks-from"),
        QStringLiteral("Product (its SCL), SCL raster or 0/1 mask on the same grid: what is hidden."),
        QStringLiteral("PRODUCT_OR_MASK") });
    p.addOption({ QStringLiteral("clear-mask"),
        QStringLiteral("SCL or 0/1 mask of CLEAR itself: what it hides is never scored."),
        QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("methods"),
        QStringLiteral(
            "Comma-separated: telea, ns, harmonic, temporal, pretrained, checkpoint files. Default "
            "telea,ns."),
        QStringLiteral("LIST"), QStringLiteral("telea,ns") });
    p.addOption({ QStringLiteral("reference"),
        QStringLiteral("Another date of the tile (repeatable; temporal fill, models with references)."),
        QStringLiteral("PRODUCT") });
    addReferenceMaskOptions(p);
    addMaskOptions(p,
        QStringLiteral(
            "Classes of --masks-from that hide: cloud,shadow,cirrus,snow (default) or SCL numbers."));
    addBandResolutionOption(p);
    addWindowOptions(p);
    addTemporalFitOption(p);
    addHazeGuardOption(p);
    addPrecisionOption(p);
    p.addOption({ QStringLiteral("aoi"), QStringLiteral("Only this area x,y,w,h (10 m grid pixels)."),
        QStringLiteral("X,Y,W,H") });
    p.addOption({ QStringLiteral("result"), QStringLiteral("A reconstruction to score."),
        QStringLiteral("OUT.tif") });
    p.addOption(
        { QStringLiteral("truth"), QStringLiteral("The truth for --result."), QStringLiteral("TRUTH.tif") });
    p.addOption({ QStringLiteral("mask"),
        QStringLiteral("Pixels to score for --result (non-zero), e.g. OUT.mask.tif."),
        QStringLiteral("MASK.tif") });
    p.addOption({ QStringLiteral("json"),
        QStringLiteral("Write the scores as JSON (docs/EVALUATION.md) to FILE, - for stdout."),
        QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("csv"),
        QStringLiteral("Write one CSV row per method to FILE, - for stdout."), QStringLiteral("FILE") });
    int code = kOk;
    if (!parseOrReport(p, args, cmd, code))
        return code;
    if (!p.positionalArguments().isEmpty())
        return usageError(
            cmd, QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().constFirst()));
    const bool resultForm = p.isSet(QStringLiteral("result"));
    if (resultForm && (p.isSet(QStringLiteral("clear")) || p.isSet(QStringLiteral("masks-from"))))
        return usageError(
            cmd, QStringLiteral("give either --result/--truth/--mask or --clear/--masks-from, not both"));
    if (resultForm && (!p.isSet(QStringLiteral("truth")) || !p.isSet(QStringLiteral("mask"))))
        return usageError(cmd, QStringLiteral("--result needs --truth and --mask"));
    if (!resultForm && (!p.isSet(QStringLiteral("clear")) || !p.isSet(QStringLiteral("masks-from"))))
        return usageError(
            cmd, QStringLiteral("give --clear and --masks-from (or --result, --truth and --mask)"));
    // An option of the other form is refused, not ignored.
    if (resultForm) {
        for (const char* opt :
            { "clear-mask", "methods", "reference", "reference-mask", "reference-scl", "classes", "dilate",
                "band-resolution", "window", "overlap", "temporal-fit", "haze-guard", "precision", "aoi" })
            if (p.isSet(QLatin1String(opt)))
                return usageError(cmd,
                    QStringLiteral(
                        "--%1 belongs to --clear/--masks-from; --result scores a finished result as it is")
                        .arg(QLatin1String(opt)));
    } else if (p.isSet(QStringLiteral("truth")) || p.isSet(QStringLiteral("mask"))) {
        return usageError(cmd,
            QStringLiteral("--truth and --mask belong to --result; with --clear, CLEAR is the truth and "
                           "--masks-from says what is hidden"));
    }
    eval::EvalOptions o;
    if (!resultForm) {
        o.clear = p.value(QStringLiteral("clear"));
        o.masksFrom = p.value(QStringLiteral("masks-from"));
        o.clearMask = p.value(QStringLiteral("clear-mask"));
        o.references = p.values(QStringLiteral("reference"));
        if (const QString e
            = readReferenceMasks(p, o.references.size(), o.referenceMasks, o.referenceMaskKind);
            !e.isEmpty())
            return usageError(cmd, e);
        for (const QString& m :
            p.value(QStringLiteral("methods")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const recon::Method method = recon::Method::parse(m);
            try {
                method.validate(!o.references.isEmpty());
            } catch (const Error& e) {
                return usageError(cmd, QStringLiteral("--methods: %1").arg(e.message()));
            }
            o.methods << method;
        }
        if (o.methods.isEmpty())
            return usageError(cmd, QStringLiteral("--methods is empty"));
        if (const QString e = readMaskOptions(p, o.mask); !e.isEmpty())
            return usageError(cmd, e);
        if (const QString e = readBandResolution(p, o.bandResolution); !e.isEmpty())
            return usageError(cmd, e);
        if (const QString e = readWindowOptions(p, o.window, o.overlap); !e.isEmpty())
            return usageError(cmd, e);
        if (const QString e = recon::windowProblem(o.window, o.overlap); !e.isEmpty())
            return usageError(cmd, e); // as reconstruct: every method failed on it, exit 0

        if (const QString e = readTemporalFit(p, o.temporalFit); !e.isEmpty())
            return usageError(cmd, e);
        if (const QString e = readHazeGuard(p, o.hazeGuard); !e.isEmpty())
            return usageError(cmd, e);
        if (const QString e = readPrecision(p, o.precision); !e.isEmpty())
            return usageError(cmd, e);
        if (!parseAoi(p, o.aoi))
            return usageError(
                cmd, QStringLiteral("--aoi must be x,y,w,h in grid pixels, e.g. 0,0,1024,1024"));
    }
    // Before any work: the reports never land on what is scored.
    QList<RolePath> inputs;
    for (const char* opt : { "result", "truth", "mask", "clear", "masks-from", "clear-mask" })
        inputs.append({ QStringLiteral("--%1").arg(QLatin1String(opt)), p.value(QLatin1String(opt)) });
    for (const QString& r : o.references)
        inputs.append({ QStringLiteral("--reference"), r });
    for (const QString& m : o.referenceMasks)
        inputs.append({ QStringLiteral("--reference-mask"), maskFilePart(m) });
    for (const recon::Method& m : o.methods)
        if (m.kind == recon::MethodKind::Model)
            inputs.append({ QStringLiteral("--methods"), m.checkpoint(!o.references.isEmpty()) });
    const QList<RolePath> outputs { { QStringLiteral("--json"), p.value(QStringLiteral("json")) },
        { QStringLiteral("--csv"), p.value(QStringLiteral("csv")) } };
    if (const QString clash = outputClash(outputs, inputs); !clash.isEmpty())
        return usageError(cmd, clash);
    if (const QString why = outputFolderProblem(outputs); !why.isEmpty())
        return usageError(cmd, why);
    return runCommand(cmd,
        [&](JobContext& ctx) {
            const Progress progress = ctx.progress();
            if (!resultForm && !o.references.isEmpty())
                warnReferencesWithoutClasses(
                    o.references, o.referenceMasks, cmd, &Product::open(o.clear)->info());
            const eval::EvalReport r = resultForm
                ? eval::evaluateResult(p.value(QStringLiteral("result")), p.value(QStringLiteral("truth")),
                    p.value(QStringLiteral("mask")), progress)
                : eval::evaluateSimulated(o, progress);
            for (const QString& w : r.warnings)
                err() << QStringLiteral("unclouded-cli %1: warning: %2\n").arg(cmd, w);
            if (r.truthHiddenPixels > 0)
                err() << QStringLiteral(
                    "unclouded-cli %1: %2 pixel(s) of --mask that the truth's own classes "
                    "hide were not scored (no truth there)\n")
                             .arg(cmd)
                             .arg(r.truthHiddenPixels);
            QString error;
            const bool jsonToStdout = p.value(QStringLiteral("json")) == QLatin1String("-");
            const bool csvToStdout = p.value(QStringLiteral("csv")) == QLatin1String("-");
            if (!jsonToStdout && !csvToStdout) {
                out() << eval::toText(r);
                out().flush();
            }
            QList<QPair<QString, QByteArray>> reports;
            if (p.isSet(QStringLiteral("json")))
                reports.append({ p.value(QStringLiteral("json")),
                    QJsonDocument(eval::toJson(r)).toJson(QJsonDocument::Indented) });
            if (p.isSet(QStringLiteral("csv")))
                reports.append({ p.value(QStringLiteral("csv")), eval::toCsv(r).toUtf8() });
            if (!writeReports(reports, error))
                return err() << "unclouded-cli evaluate: " << error << "\n", kFailed;
            for (const eval::MethodScore& s : r.scores)
                if (!s.error.isEmpty())
                    return kFailed; // scored what could be, but a method failed: scripts must notice
            return kOk;
        },
        { true });
}

} // namespace unclouded::cli
