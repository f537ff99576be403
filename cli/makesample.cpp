// unclouded-cli make-sample: a realistic Sentinel-2 product and its truth.
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include "cli/clicommon.h"
#include "core/sample/samplegenerator.h"

namespace unclouded::cli {

int makeSampleCommand(const QStringList& args)
{
    const QString cmd = QStringLiteral("make-sample");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Writes a realistic Sentinel-2 product (SAFE folder, optionally .zip) of an agricultural scene with "
        "clouds, cirrus, shadows and snow, its cloud-free truth (GeoTIFF) and sample.json describing both."));
    p.addHelpOption();
    p.addPositionalArgument(
        QStringLiteral("OUT_DIR"), QStringLiteral("Folder to write into (created if missing)."));
    p.addOption({ QStringLiteral("level"), QStringLiteral("Processing level: L2A (default) or L1C."),
        QStringLiteral("L2A|L1C"), QStringLiteral("L2A") });
    p.addOption({ QStringLiteral("size"),
        QStringLiteral("Pixels per side at 10 m, a multiple of 6 (10980 = full tile). Default 1200."),
        QStringLiteral("PX"), QStringLiteral("1200") });
    p.addOption({ QStringLiteral("seed"),
        QStringLiteral("Random seed; the same seed gives byte-identical files. Default 1."),
        QStringLiteral("N"), QStringLiteral("1") });
    p.addOption(
        { QStringLiteral("cloud-cover"), QStringLiteral("Share of cloud and cirrus, 0..1. Default 0.3."),
            QStringLiteral("0..1"), QStringLiteral("0.3") });
    p.addOption({ QStringLiteral("nodata-edge"),
        QStringLiteral("Share of the width lost to a swath edge (nodata), 0 to below 0.9. Default 0."),
        QStringLiteral("0..0.9"), QStringLiteral("0") });
    p.addOption({ QStringLiteral("zip"), QStringLiteral("Also write the product as a .zip.") });
    p.addOption({ QStringLiteral("reference-date"),
        QStringLiteral("Also write a clear product of the same tile at another date.") });
    int code = kOk;
    if (!parseOrReport(p, args, cmd, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return usageError(cmd, QStringLiteral("expected exactly one OUT_DIR"));

    SampleOptions o;
    o.outDir = p.positionalArguments().constFirst();
    const QString level = p.value(QStringLiteral("level")).toUpper();
    if (level == QLatin1String("L2A"))
        o.level = ProcessingLevel::L2A;
    else if (level == QLatin1String("L1C"))
        o.level = ProcessingLevel::L1C;
    else
        return usageError(cmd,
            QStringLiteral("--level must be L2A or L1C, not '%1'").arg(p.value(QStringLiteral("level"))));
    bool ok = false;
    o.size = p.value(QStringLiteral("size")).toInt(&ok);
    if (!ok)
        return usageError(
            cmd, QStringLiteral("--size must be an integer, not '%1'").arg(p.value(QStringLiteral("size"))));
    o.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return usageError(cmd,
            QStringLiteral("--seed must be a non-negative integer, not '%1'")
                .arg(p.value(QStringLiteral("seed"))));
    o.cloudCover = p.value(QStringLiteral("cloud-cover")).toDouble(&ok);
    if (!ok)
        return usageError(cmd,
            QStringLiteral("--cloud-cover must be a number, not '%1'")
                .arg(p.value(QStringLiteral("cloud-cover"))));
    o.nodataEdge = p.value(QStringLiteral("nodata-edge")).toDouble(&ok);
    if (!ok)
        return usageError(cmd,
            QStringLiteral("--nodata-edge must be a number, not '%1'")
                .arg(p.value(QStringLiteral("nodata-edge"))));
    o.zip = p.isSet(QStringLiteral("zip"));
    o.referenceDate = p.isSet(QStringLiteral("reference-date"));
    if (const QString e = validateSampleOptions(o); !e.isEmpty())
        return usageError(cmd, e);

    // A folder this run creates is removed again when the run fails or is interrupted.
    const bool created = !QFileInfo::exists(o.outDir);
    const int rc = runCommand(cmd,
        [&](JobContext& ctx) {
            const SampleReport r = generateSample(o, ctx.progress());
            auto show = [](const char* what, const SampleProduct& s) {
                out() << what << ": " << s.safePath << "\n";
                if (!s.zipPath.isEmpty())
                    out() << "  zip:   " << s.zipPath << "\n";
                out() << "  truth: " << s.truthPath << "\n";
                if (!s.sclPath.isEmpty())
                    out() << "  SCL:   " << s.sclPath << "\n";
                out() << "  cloud cover (SCL 8, 9, 10): " << QString::number(s.cloudCoverPercent, 'f', 2)
                      << " %\n";
            };
            show("product", r.main);
            if (r.reference)
                show("reference", *r.reference);
            out() << "report: " << r.reportPath << "\n";
            out().flush();
            return kOk;
        },
        { true });
    if (rc != kOk && created)
        QDir().rmdir(o.outDir); // only when empty: never anything the run did not write
    return rc;
}

} // namespace unclouded::cli
