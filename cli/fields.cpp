// unclouded-cli fields: per-field statistics of products and reconstructions over parcel boundaries.
#include "core/fields/fields.h"

#include <QCommandLineParser>
#include <QIODevice>
#include <QTextStream>

#include "cli/clicommon.h"
#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/common/paths.h"

namespace unclouded::cli {

int fieldsCommand(const QStringList& args)
{
    const QString cmd = QStringLiteral("fields");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Statistics per field: for each parcel and each product or reconstruction given, its area, the share "
        "hidden (per class) and rebuilt, and for each index the mean, median, standard deviation, p10 and "
        "p90 "
        "before (visible pixels) and after (every pixel of a reconstruction). One CSV row per field and "
        "date."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("PRODUCT_OR_RESULT"),
        QStringLiteral("Products and reconstructions of one tile (several dates: a time series)."),
        QStringLiteral("PRODUCT_OR_RESULT..."));
    p.addOption({ QStringLiteral("parcels"),
        QStringLiteral(
            "Field boundaries: GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML... any CRS. Required."),
        QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("layer"),
        QStringLiteral("The layer to use (default: the first with polygons)."), QStringLiteral("NAME") });
    p.addOption({ QStringLiteral("label"),
        QStringLiteral("The attribute that names a field (default: name, label, id or crop)."),
        QStringLiteral("ATTR") });
    p.addOption({ QStringLiteral("index"),
        QStringLiteral("Indices and bands: ndvi,ndwi,ndre,evi,savi (default) and b02, b8a..."),
        QStringLiteral("LIST"), fields::defaultQuantities().join(QLatin1Char(',')) });
    p.addOption({ QStringLiteral("all-touched"),
        QStringLiteral("Count every pixel a field touches (default: pixels whose centre lies inside).") });
    addMaskOptions(
        p, QStringLiteral("Classes counted as hidden: cloud,shadow,cirrus,snow (default) or SCL numbers."));
    addMaskFileOptions(p, QStringLiteral(" for the product (one PRODUCT only: a GeoTIFF and its mask)"));
    p.addOption({ QStringLiteral("csv"), QStringLiteral("Write the table here (- for stdout, the default)."),
        QStringLiteral("OUT|-") });
    p.addOption({ QStringLiteral("gpkg"),
        QStringLiteral(
            "Write the parcels with the statistics as attributes (a layer per date, fields_YYYYMMDD; "
            "an existing GeoPackage keeps its other layers, those of the same names are replaced)."),
        QStringLiteral("OUT.gpkg") });
    int code = kOk;
    if (!parseOrReport(p, args, cmd, code))
        return code;
    if (p.positionalArguments().isEmpty())
        return usageError(cmd, QStringLiteral("expected at least one PRODUCT_OR_RESULT"));
    if (!p.isSet(QStringLiteral("parcels")))
        return usageError(cmd, QStringLiteral("--parcels FILE is required"));
    fields::FieldsOptions o;
    o.quantities.clear();
    for (const QString& q : p.value(QStringLiteral("index")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (fields::quantityBands(q).isEmpty())
            return usageError(cmd,
                QStringLiteral("--index: unknown '%1' (known: %2)")
                    .arg(q, fields::knownQuantities().join(QLatin1Char(','))));
        if (!o.quantities.contains(q.trimmed().toLower())) // ndvi,NDVI: one set of columns
            o.quantities << q.trimmed().toLower();
    }
    if (o.quantities.isEmpty())
        return usageError(cmd, QStringLiteral("--index is empty"));
    o.allTouched = p.isSet(QStringLiteral("all-touched"));
    if (const QString e = readMaskOptions(p, o.mask); !e.isEmpty())
        return usageError(cmd, e);
    if (const QString e = readMaskFile(p, o.maskFile, o.maskKind); !e.isEmpty())
        return usageError(cmd, e);
    if (!o.maskFile.isEmpty() && p.positionalArguments().size() > 1)
        return usageError(cmd,
            QStringLiteral(
                "--mask and --scl go with one product: each date has its own clouds (give the others' "
                "reconstructions, which say what they rebuilt)"));

    // Never write over a product, a reconstruction or the parcels themselves.
    QList<RolePath> inputs { { QStringLiteral("--parcels"), p.value(QStringLiteral("parcels")) } };
    if (!o.maskFile.isEmpty())
        inputs.append({ QStringLiteral("--mask"), maskFilePart(o.maskFile) });
    for (const QString& in : p.positionalArguments())
        inputs.append({ QStringLiteral("PRODUCT_OR_RESULT"), in });
    const QList<RolePath> outputs { { QStringLiteral("--csv"), p.value(QStringLiteral("csv")) },
        { QStringLiteral("--gpkg"), p.value(QStringLiteral("gpkg")) } };
    if (const QString clash = outputClash(outputs, inputs); !clash.isEmpty())
        return usageError(cmd, clash);
    // An existing GeoPackage gains layers; any other file there was replaced by one.
    if (const QString why = otherKindAtOutput(outputs[1], OutputKind::GeoPackage); !why.isEmpty())
        return usageError(cmd, why);
    // Before the work: a missing folder or /dev/null was found after every field was counted.
    if (const QString why = outputFolderProblem(outputs); !why.isEmpty())
        return usageError(cmd, why);
    return runCommand(cmd,
        [&](JobContext& ctx) {
            const Progress progress = ctx.progress();
            const QStringList inputs = p.positionalArguments();
            const auto first = Product::open(inputs.first());
            const auto parcels = fields::ParcelSet::open(p.value(QStringLiteral("parcels")), first->info(),
                p.value(QStringLiteral("label")), p.value(QStringLiteral("layer")));
            const fields::ParcelsReport& pr = parcels->report();
            err() << "parcels: " << parcels->size() << " of " << pr.features << " features of layer '"
                  << pr.layer << "' on the product (label: " << pr.labelAttribute << "; " << pr.repaired
                  << " repaired, " << pr.outside << " outside, " << pr.skippedNotPolygon << " not polygons, "
                  << pr.skippedEmpty << " empty)\n";
            for (const QString& w : pr.warnings)
                err() << "warning: " << w << "\n";
            err().flush();
            QList<fields::FieldsReport> reports;
            for (int i = 0; i < inputs.size(); ++i)
                reports << fields::fieldStatistics(*parcels, inputs[i], o,
                    progress.sub(double(i) / inputs.size(), double(i + 1) / inputs.size()));
            progress.throwIfCancelled(); // an interrupt in the last strip: write nothing
            const QByteArray table = fields::toCsv(reports).toUtf8();
            if (!p.isSet(QStringLiteral("gpkg")) || !p.isSet(QStringLiteral("csv"))) {
                if (p.isSet(QStringLiteral("gpkg")))
                    fields::writeGeoPackage(*parcels, reports, p.value(QStringLiteral("gpkg")));
                QString error;
                const QString csv
                    = p.isSet(QStringLiteral("csv")) ? p.value(QStringLiteral("csv")) : QStringLiteral("-");
                if (!writeReport(csv, table, error))
                    return err() << "unclouded-cli fields: " << error << "\n", kFailed;
                return kOk;
            }
            // Both files, or neither: the table goes to disk first (a full disk stops the run there),
            // the GeoPackage next, and the table's rename last.
            AtomicFile csv(p.value(QStringLiteral("csv")));
            if (csv.device()->write(table) != table.size())
                throw Error(QStringLiteral("Cannot write %1: %2")
                                .arg(p.value(QStringLiteral("csv")), csv.device()->errorString()));
            csv.sync();
            fields::writeGeoPackage(*parcels, reports, p.value(QStringLiteral("gpkg")));
            csv.commit();
            return kOk;
        },
        { true, QStringLiteral("cancelled; nothing was written") });
}

} // namespace unclouded::cli
