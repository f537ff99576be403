// unclouded-cli train: a CNN or U-Net that rebuilds hidden pixels.
#include <cmath>
#include <cstdio>
#include <unistd.h>

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include "cli/clicommon.h"
#include "core/common/error.h"
#include "core/common/paths.h"
#include "core/ml/training.h"

namespace unclouded::cli {

int trainCommand(const QStringList& args)
{
    const QString cmd = QStringLiteral("train");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Trains a reconstruction network on the clear parts of the products: clear patches are hidden behind "
        "real "
        "cloud shapes from the SCL and the masked MSE counts only those hidden, truly clear pixels. Writes "
        "the best "
        "checkpoint to --out and the last one beside it; Ctrl+C stops after the current batch."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("PRODUCT"), QStringLiteral("Products to train on (same bands)."),
        QStringLiteral("PRODUCT..."));
    p.addOption({ QStringLiteral("model"), QStringLiteral("cnn or unet (required unless --init)."),
        QStringLiteral("cnn|unet") });
    p.addOption({ QStringLiteral("preset"),
        QStringLiteral("default (Adam 1e-3 with warm-up and cosine decay, batch 8, 600 steps, early stop) "
                       "or seed (Adam 5e-5, batch 4, cnn 10 / unet 20 epochs)."),
        QStringLiteral("NAME"), QStringLiteral("default") });
    p.addOption({ QStringLiteral("steps"), QStringLiteral("Optimizer steps (default: the preset's)."),
        QStringLiteral("N"), QStringLiteral("0") });
    p.addOption({ QStringLiteral("epochs"),
        QStringLiteral("Passes over the training crops instead of steps (seed preset: 10 cnn, 20 unet)."),
        QStringLiteral("N"), QStringLiteral("0") });
    p.addOption({ QStringLiteral("batch"), QStringLiteral("Batch size (default: the preset's, 8 or 4)."),
        QStringLiteral("B"), QStringLiteral("0") });
    p.addOption({ QStringLiteral("lr"),
        QStringLiteral(
            "Peak learning rate (default: the preset's, 1e-3, 1e-4 with --init, or 5e-5). With --init the "
            "starting weights are validated first and kept if no step beats them."),
        QStringLiteral("X"), QStringLiteral("0") });
    p.addOption({ QStringLiteral("warmup"),
        QStringLiteral("Linear warm-up steps before the cosine decay (default preset; default a tenth of the "
                       "steps, at most 50)."),
        QStringLiteral("N") });
    p.addOption({ QStringLiteral("patch"),
        QStringLiteral("Crop size in 10 m pixels. Default 128, shrunk to fit small scenes and AOIs."),
        QStringLiteral("P"), QStringLiteral("0") });
    p.addOption({ QStringLiteral("width"), QStringLiteral("Channels of the first level. Default 32."),
        QStringLiteral("W"), QStringLiteral("32") });
    p.addOption({ QStringLiteral("depth"), QStringLiteral("U-Net levels. Default 4."), QStringLiteral("D"),
        QStringLiteral("4") });
    p.addOption({ QStringLiteral("reference"),
        QStringLiteral("Another date of the same tile, clear or partly cloudy (repeatable): the network "
                       "starts from the multi-date temporal fill."),
        QStringLiteral("PRODUCT") });
    addReferenceMaskOptions(p);
    p.addOption({ QStringLiteral("init"),
        QStringLiteral("Start from these weights (a checkpoint, or 'pretrained' for the shipped general "
                       "model): fine-tuning."),
        QStringLiteral("CKPT|pretrained") });
    p.addOption({ QStringLiteral("freeze-norm-stats"),
        QStringLiteral("With --init: keep BatchNorm's running statistics from the starting weights instead "
                       "of updating them from this product.") });
    p.addOption({ QStringLiteral("prefill"),
        QStringLiteral(
            "What hidden pixels hold on input: harmonic (default without references), scene "
            "(Telea at reduced resolution, the previous default), temporal (default with), telea or zeros."),
        QStringLiteral("KIND") });
    p.addOption({ QStringLiteral("reference-clouds"),
        QStringLiteral(
            "With other dates: hide this share (0 to 1) of the training crops' other dates in part "
            "behind cloud shapes, so the network learns partly cloudy dates too. Default 0 (a "
            "fine-tune: the starting model's)."),
        QStringLiteral("F") });
    p.addOption({ QStringLiteral("per-band"),
        QStringLiteral("One-band network applied to every band (a general model for any band set).") });
    p.addOption({ QStringLiteral("shapes-from"),
        QStringLiteral("Also hide crops behind the clouds of this product (repeatable)."),
        QStringLiteral("PRODUCT") });
    p.addOption({ QStringLiteral("scenes"),
        QStringLiteral("JSON list of scenes to train on instead of PRODUCT: [{\"product\": P, \"mask\": M, "
                       "\"references\": [R...]}], plus {\"shapes\": P, \"mask\": M} entries lending cloud "
                       "shapes; \"scl\" instead of \"mask\" for an SCL file; \"reference_masks\" / "
                       "\"reference_scl\": one path per reference ('' its own classes); paths relative "
                       "to the file (pretraining)."),
        QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("seed"), QStringLiteral("Random seed. Default 1."), QStringLiteral("S"),
        QStringLiteral("1") });
    p.addOption({ QStringLiteral("rotate90"), QStringLiteral("Also augment with 90° rotations.") });
    p.addOption({ QStringLiteral("no-prefill"),
        QStringLiteral("Feed hidden pixels as zeros instead of a Telea pre-fill.") });
    p.addOption({ QStringLiteral("max-patches"), QStringLiteral("Training patches at most. Default 256."),
        QStringLiteral("N"), QStringLiteral("256") });
    p.addOption({ QStringLiteral("resume"), QStringLiteral("Continue from this checkpoint."),
        QStringLiteral("CKPT") });
    addMaskFileOptions(p, QStringLiteral(" for the first product"));
    p.addOption(
        { QStringLiteral("aoi"), QStringLiteral("Train only on patches inside x,y,w,h (10 m grid pixels)."),
            QStringLiteral("X,Y,W,H") });
    addMaskOptions(p,
        QStringLiteral("Classes that hide the ground (never scored; their shapes hide clear patches): "
                       "cloud,shadow,cirrus,snow (default) or SCL numbers."));
    p.addOption({ QStringLiteral("device"), QStringLiteral("cpu (default) or cuda."), QStringLiteral("DEV"),
        QStringLiteral("cpu") });
    p.addOption({ QStringLiteral("out"),
        QStringLiteral("Checkpoint to write (required), e.g. unet_cloud.pth."), QStringLiteral("CKPT") });
    p.addOption({ QStringLiteral("log-json"), QStringLiteral("Append one JSON record per epoch to FILE."),
        QStringLiteral("FILE") });
    int code = kOk;
    if (!parseOrReport(p, args, cmd, code))
        return code;
    if (p.positionalArguments().isEmpty() && !p.isSet(QStringLiteral("scenes")))
        return usageError(cmd, QStringLiteral("expected at least one PRODUCT"));
    ml::TrainOptions o;
    o.products = p.positionalArguments();
    if (p.isSet(QStringLiteral("scenes"))) {
        QFile f(p.value(QStringLiteral("scenes")));
        if (!f.open(QIODevice::ReadOnly))
            return usageError(cmd, QStringLiteral("cannot read %1: %2").arg(f.fileName(), f.errorString()));
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
        if (!doc.isArray())
            return usageError(cmd, QStringLiteral("%1 is not a JSON list of scenes").arg(f.fileName()));
        const QDir base = QFileInfo(f.fileName()).absoluteDir();
        auto path = [&](const QJsonValue& v) {
            return v.toString().isEmpty() ? QString() : base.absoluteFilePath(v.toString());
        };
        // A misspelt key or a wrong type would train on less than asked, silently: refused.
        auto problem = [&](int i, const QJsonObject& s) -> QString {
            const bool shapes = s.contains(QStringLiteral("shapes"));
            const QStringList keys = shapes
                ? QStringList { QStringLiteral("shapes"), QStringLiteral("mask"), QStringLiteral("scl") }
                : QStringList { QStringLiteral("product"), QStringLiteral("mask"), QStringLiteral("scl"),
                      QStringLiteral("references"), QStringLiteral("reference_masks"),
                      QStringLiteral("reference_scl") };
            for (auto it = s.begin(); it != s.end(); ++it) {
                if (!keys.contains(it.key()))
                    return QStringLiteral("scene %1 has \"%2\"; its keys are %3")
                        .arg(i + 1)
                        .arg(it.key(), keys.join(QStringLiteral(", ")));
                const bool list = it.key().startsWith(QLatin1String("reference"));
                bool ok = list ? it->isArray() : it->isString();
                if (list)
                    for (const QJsonValue& r : it->toArray())
                        ok &= r.isString();
                if (!ok)
                    return QStringLiteral("scene %1: \"%2\" must be %3")
                        .arg(i + 1)
                        .arg(it.key(), list ? QStringLiteral("a list of paths") : QStringLiteral("a path"));
            }
            if (s.contains(QStringLiteral("mask")) && s.contains(QStringLiteral("scl")))
                return QStringLiteral("scene %1 has both \"mask\" and \"scl\": one file hides its clouds")
                    .arg(i + 1);
            // One entry per reference, '' where a date has its own classes; never two files for one date.
            const qsizetype refs = s.value(QStringLiteral("references")).toArray().size();
            const QJsonArray masks = s.value(QStringLiteral("reference_masks")).toArray();
            const QJsonArray scls = s.value(QStringLiteral("reference_scl")).toArray();
            for (const auto& [key, a] : { std::pair { "reference_masks", masks }, { "reference_scl", scls } })
                if (s.contains(QLatin1String(key)) && a.size() != refs)
                    return QStringLiteral("scene %1: \"%2\" has %3 entries for %4 references: one per "
                                          "reference, \"\" for a date with its own classes")
                        .arg(i + 1)
                        .arg(QLatin1String(key))
                        .arg(a.size())
                        .arg(refs);
            for (qsizetype k = 0; k < std::min(masks.size(), scls.size()); ++k)
                if (!masks.at(k).toString().isEmpty() && !scls.at(k).toString().isEmpty())
                    return QStringLiteral("scene %1: reference %2 has both a mask and an SCL")
                        .arg(i + 1)
                        .arg(k + 1);
            return {};
        };
        for (int i = 0; i < doc.array().size(); ++i) {
            const QJsonValue v = doc.array().at(i);
            if (!v.isObject())
                return usageError(
                    cmd, QStringLiteral("%1: scene %2 is not an object").arg(f.fileName()).arg(i + 1));
            const QJsonObject s = v.toObject();
            if (const QString why = problem(i, s); !why.isEmpty())
                return usageError(cmd, QStringLiteral("%1: %2").arg(f.fileName(), why));
            const bool scl = s.contains(QStringLiteral("scl"));
            const QString maskFile = path(s.value(scl ? QStringLiteral("scl") : QStringLiteral("mask")));
            const MaskKind maskKind = scl ? MaskKind::Scl : MaskKind::Binary;
            if (s.contains(QStringLiteral("shapes"))) {
                o.shapesFrom.append({ path(s.value(QStringLiteral("shapes"))), maskFile, maskKind });
                continue;
            }
            ml::SceneSpec sc;
            sc.product = path(s.value(QStringLiteral("product")));
            sc.maskFile = maskFile;
            sc.maskKind = maskKind;
            for (const QJsonValue& r : s.value(QStringLiteral("references")).toArray())
                sc.references << path(r);
            const QJsonArray masks = s.value(QStringLiteral("reference_masks")).toArray();
            const QJsonArray scls = s.value(QStringLiteral("reference_scl")).toArray();
            if (!masks.isEmpty() || !scls.isEmpty())
                for (qsizetype k = 0; k < sc.references.size(); ++k) {
                    const bool isScl = !scls.at(k).toString().isEmpty();
                    sc.referenceMasks << path(isScl ? scls.at(k) : masks.at(k));
                    sc.referenceMaskKinds << (isScl ? MaskKind::Scl : MaskKind::Binary);
                }
            if (sc.product.isEmpty())
                return usageError(cmd, QStringLiteral("%1: a scene without \"product\"").arg(f.fileName()));
            o.scenes << sc;
        }
    }
    const QString model = p.value(QStringLiteral("model")).toLower();
    o.init = p.value(QStringLiteral("init"));
    if (model == QLatin1String("cnn"))
        o.model.kind = ml::ModelKind::Cnn;
    else if (model == QLatin1String("unet") || (model.isEmpty() && !o.init.isEmpty()))
        o.model.kind = ml::ModelKind::UNet;
    else
        return usageError(cmd, QStringLiteral("--model must be cnn or unet"));
    if (!p.isSet(QStringLiteral("out")))
        return usageError(cmd, QStringLiteral("--out CKPT is required"));
    o.out = p.value(QStringLiteral("out"));
    bool ok[9];
    o.preset = p.value(QStringLiteral("preset")).toLower();
    o.steps = p.value(QStringLiteral("steps")).toInt(&ok[0]);
    o.epochs = p.value(QStringLiteral("epochs")).toInt(&ok[1]);
    o.batch = p.value(QStringLiteral("batch")).toInt(&ok[2]);
    o.lr = p.value(QStringLiteral("lr")).toDouble(&ok[3]);
    o.patch = p.value(QStringLiteral("patch")).toInt(&ok[4]);
    o.model.width = p.value(QStringLiteral("width")).toInt(&ok[5]);
    o.model.depth = p.value(QStringLiteral("depth")).toInt(&ok[6]);
    o.seed = p.value(QStringLiteral("seed")).toULongLong(&ok[7]);
    o.maxTrainPatches = p.value(QStringLiteral("max-patches")).toInt(&ok[8]);
    static const char* const numeric[9]
        = { "steps", "epochs", "batch", "lr", "patch", "width", "depth", "seed", "max-patches" };
    for (int i = 0; i < 9; ++i)
        if (!ok[i]) // named: "--steps 99999999999" is a number, but not one that fits
            return usageError(cmd,
                QStringLiteral("--%1 %2: not a number this option takes (%3)")
                    .arg(QLatin1String(numeric[i]), p.value(QLatin1String(numeric[i])),
                        i == 3       ? QStringLiteral("a positive number, e.g. 1e-4")
                            : i == 7 ? QStringLiteral("a whole number from 0 to 18446744073709551615")
                                     : QStringLiteral("a whole number from 1 to 2147483647")));
    if (p.isSet(QStringLiteral("lr")) && !(o.lr > 0 && std::isfinite(o.lr)))
        return usageError(cmd,
            QStringLiteral("--lr must be a positive number (got %1); leave it out for the preset's value")
                .arg(p.value(QStringLiteral("lr"))));
    // 0 stands for "the preset's" inside; given on the command line it is a mistake, not a request
    // for a default-length run.
    for (const char* name : { "steps", "epochs", "batch", "max-patches", "patch", "width", "depth" }) {
        const QString n = QString::fromLatin1(name);
        if (p.isSet(n) && p.value(n).toInt() < 1)
            return usageError(cmd,
                QStringLiteral("--%1 must be at least 1 (got %2); leave it out for the preset's value")
                    .arg(n, p.value(n)));
    }
    if (p.isSet(QStringLiteral("steps")) && p.isSet(QStringLiteral("epochs")))
        err() << QStringLiteral(
            "unclouded-cli %1: warning: --epochs sets the length; --steps %2 is not used\n")
                     .arg(cmd, p.value(QStringLiteral("steps")));
    if (p.isSet(QStringLiteral("warmup"))) {
        bool okWarm = false;
        o.warmup = p.value(QStringLiteral("warmup")).toInt(&okWarm);
        if (!okWarm || o.warmup < 0)
            return usageError(cmd, QStringLiteral("--warmup takes a number of steps, 0 or more"));
    }
    o.maxValPatches = std::max(8, o.maxTrainPatches / 4);
    if (const QString e = readMaskOptions(p, o.mask); !e.isEmpty())
        return usageError(cmd, e);
    if (!parseAoi(p, o.aoi))
        return usageError(cmd, QStringLiteral("--aoi must be x,y,w,h in grid pixels, e.g. 0,0,1024,1024"));
    if (const QString e = readMaskFile(p, o.maskFile, o.maskKind); !e.isEmpty())
        return usageError(cmd, e);
    if (o.maskKind == MaskKind::None)
        o.maskKind = MaskKind::Scl; // the product's own
    o.references = p.values(QStringLiteral("reference"));
    if (const QString e = readReferenceMasks(p, o.references.size(), o.referenceMasks, o.referenceMaskKind);
        !e.isEmpty())
        return usageError(cmd, e);
    if (p.isSet(QStringLiteral("scenes")) && (!o.references.isEmpty() || !o.referenceMasks.isEmpty()))
        return usageError(cmd,
            QStringLiteral("with --scenes each scene lists its own references; --reference and its masks "
                           "go with a PRODUCT"));
    for (const QString& sf : p.values(QStringLiteral("shapes-from")))
        o.shapesFrom.append({ sf, QString(), MaskKind::Scl });
    o.rotate90 = p.isSet(QStringLiteral("rotate90"));
    if (p.isSet(QStringLiteral("reference-clouds"))) {
        bool okClouds = false;
        o.referenceClouds = p.value(QStringLiteral("reference-clouds")).toDouble(&okClouds);
        if (!okClouds || !(o.referenceClouds >= 0 && o.referenceClouds <= 1))
            return usageError(cmd, QStringLiteral("--reference-clouds must be a number from 0 to 1"));
    }
    o.freezeNormStats = p.isSet(QStringLiteral("freeze-norm-stats"));
    o.model.perBand = p.isSet(QStringLiteral("per-band"));
    if (p.isSet(QStringLiteral("no-prefill")))
        o.model.prefill = ml::Prefill::Zeros;
    if (p.isSet(QStringLiteral("prefill"))
        && !ml::parsePrefill(p.value(QStringLiteral("prefill")), o.model.prefill))
        return usageError(cmd, QStringLiteral("--prefill must be scene, harmonic, temporal, telea or zeros"));
    o.resume = p.value(QStringLiteral("resume"));
    o.device = p.value(QStringLiteral("device")).toLower();
    if (o.device != QLatin1String("cpu") && o.device != QLatin1String("cuda"))
        return usageError(cmd, QStringLiteral("--device must be cpu or cuda"));
    try {
        ml::TrainOptions check = o;
        if (check.init.isEmpty()) {
            check.model.reference = !check.references.isEmpty();
            if (check.model.reference
                && (check.model.prefill == ml::Prefill::Scene
                    || check.model.prefill == ml::Prefill::Harmonic))
                check.model.prefill = ml::Prefill::Temporal; // as train() decides
            check.resolve();
        }
    } catch (const Error& e) {
        return usageError(cmd, e.message());
    }

    // Before any work: no checkpoint or log lands on what is read. --resume may be replaced (training
    // continues in place: --resume X.last.pth --out X.pth), but never appended to by the log.
    QList<RolePath> inputs;
    for (const QString& in : o.products)
        inputs.append({ QStringLiteral("PRODUCT"), in });
    inputs.append({ QStringLiteral("--scenes"), p.value(QStringLiteral("scenes")) });
    for (const ml::SceneSpec& sc : o.scenes) {
        inputs.append({ QStringLiteral("--scenes product"), sc.product });
        inputs.append({ QStringLiteral("--scenes mask"), maskFilePart(sc.maskFile) });
        for (const QString& r : sc.references)
            inputs.append({ QStringLiteral("--scenes reference"), r });
        for (const QString& m : sc.referenceMasks)
            inputs.append({ QStringLiteral("--scenes reference mask"), maskFilePart(m) });
    }
    for (const ml::ShapeSource& sh : o.shapesFrom) {
        inputs.append({ QStringLiteral("--shapes-from"), sh.product });
        inputs.append({ QStringLiteral("--shapes-from mask"), sh.maskFile });
    }
    for (const QString& r : o.references)
        inputs.append({ QStringLiteral("--reference"), r });
    for (const QString& m : o.referenceMasks)
        inputs.append({ o.referenceMaskKind == MaskKind::Scl ? QStringLiteral("--reference-scl")
                                                             : QStringLiteral("--reference-mask"),
            maskFilePart(m) });
    inputs.append({ o.maskKind == MaskKind::Binary ? QStringLiteral("--mask") : QStringLiteral("--scl"),
        maskFilePart(o.maskFile) });
    if (!o.init.isEmpty()) {
        try {
            inputs.append(
                { QStringLiteral("--init"), ml::resolveCheckpoint(o.init, !o.references.isEmpty()) });
        } catch (const Error& e) {
            return usageError(cmd, e.message());
        }
    }
    QList<RolePath> outputs;
    for (const QString& f : ml::checkpointFiles(o.out))
        outputs.append({ QStringLiteral("--out"), f });
    const RolePath log { QStringLiteral("--log-json"), p.value(QStringLiteral("log-json")) };
    QString clash = outputClash(outputs + QList<RolePath> { log }, inputs);
    if (clash.isEmpty())
        clash = outputClash({ log }, { { QStringLiteral("--resume"), o.resume } });
    if (!clash.isEmpty())
        return usageError(cmd, clash);
    if (o.out.isEmpty())
        return usageError(cmd, QStringLiteral("--out needs a file name"));
    if (const QString why = outputFolderProblem(outputs + QList<RolePath> { log }); !why.isEmpty())
        return usageError(cmd, why);
    // Checkpoints replace checkpoints and the log appends to a log: a GeoTIFF given as --out was lost.
    for (int i = 0; i <= outputs.size(); ++i) // checkpointFiles: each checkpoint, its .json, its .optim
        if (const QString why = i == outputs.size()
                ? otherKindAtOutput(log, OutputKind::Json)
                : otherKindAtOutput(outputs[i], i % 3 == 1 ? OutputKind::Json : OutputKind::Checkpoint);
            !why.isEmpty())
            return usageError(cmd, why);

    QFile logFile;
    if (p.isSet(QStringLiteral("log-json"))) {
        logFile.setFileName(p.value(QStringLiteral("log-json")));
        if (!logFile.open(QIODevice::WriteOnly | QIODevice::Append)) { // an I/O failure, not a usage error
            err() << QStringLiteral("unclouded-cli %1: cannot write %2: %3\n")
                         .arg(cmd, logFile.fileName(), logFile.errorString());
            return kFailed;
        }
    }
    ml::TrainControl control;
    const bool tty = isatty(fileno(stderr));
    QElapsedTimer clock;
    clock.start();
    ml::TrainCallbacks cb;
    QString lastLog; // the failure is logged as it happens: not printed twice
    cb.onLog = [&lastLog](const QString& s) {
        err() << s << "\n";
        err().flush();
        lastLog = s;
    };
    cb.onBatch = [&](int epoch, int b, int batches, double loss) {
        if (!tty)
            return;
        err() << QStringLiteral("\rround %1 step %2/%3 loss %4   ")
                     .arg(epoch)
                     .arg(b)
                     .arg(batches)
                     .arg(loss, 0, 'g', 4);
        err().flush();
    };
    cb.onEpoch = [&](const ml::EpochStats& s) {
        err() << (tty ? "\r" : "")
              << QStringLiteral("round %1 (step %7): train %2  val %3  val PSNR %4 dB  %5 patches/s  %6 s")
                     .arg(s.epoch)
                     .arg(s.trainLoss, 0, 'g', 4)
                     .arg(s.valLoss, 0, 'g', 4)
                     .arg(s.valPsnr, 0, 'f', 2)
                     .arg(s.patchesPerSecond, 0, 'f', 2)
                     .arg(s.seconds, 0, 'f', 1)
                     .arg(s.step)
              << "\n";
        err().flush();
        if (logFile.isOpen()) {
            const QJsonObject rec { { QStringLiteral("epoch"), s.epoch }, { QStringLiteral("step"), s.step },
                { QStringLiteral("train_loss"), s.trainLoss }, { QStringLiteral("val_loss"), s.valLoss },
                { QStringLiteral("val_psnr_db"), s.valPsnr },
                { QStringLiteral("patches_per_s"), s.patchesPerSecond },
                { QStringLiteral("seconds"), s.seconds },
                { QStringLiteral("model"), ml::modelName(o.model.kind) } };
            logFile.write(QJsonDocument(rec).toJson(QJsonDocument::Compact) + '\n');
            logFile.flush();
        }
    };
    return runCommand(cmd,
        [&](JobContext&) {
            if (!o.references.isEmpty() && !o.products.isEmpty())
                warnReferencesWithoutClasses(
                    o.references, o.referenceMasks, cmd, &Product::open(o.products.constFirst())->info());
            const InterruptGuard stopAfterBatch(
                &control.stop); // training ends cleanly, keeping its checkpoints
            const ml::TrainResult r = ml::train(o, control, cb);
            if (!r.failure.isEmpty()) {
                if (r.failure != lastLog)
                    err() << "unclouded-cli train: " << r.failure << "\n";
                return kFailed;
            }
            if (!r.improved && !r.keptEarlier) {
                err() << "unclouded-cli train: stopped before the first validation: no checkpoint was "
                         "written\n";
                return r.stopped ? interruptedExitCode() : kFailed;
            }
            if (!r.improved) // resumed: no round beat the best of the run it continues
                out() << "no round beat the best checkpoint this run continues: kept as it was\n";
            out() << (r.stopped ? "stopped; " : "") << "best checkpoint: " << r.bestPath
                  << "\nlast checkpoint: " << r.lastPath << "\n";
            out().flush();
            if (r.stopped) { // Ctrl+C, a scheduler's SIGTERM: usable checkpoints, but not the run asked for
                err() << "unclouded-cli train: interrupted before the last step; the checkpoints above are "
                         "usable (--resume "
                      << r.lastPath << " continues)\n";
                return interruptedExitCode();
            }
            return kOk;
        },
        { false, QStringLiteral("stopped before training began") });
}

} // namespace unclouded::cli
