// unclouded-cli train: a CNN or U-Net that rebuilds hidden pixels.
#include "cli/clicommon.h"

#include "core/ml/training.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace unclouded::cli {

int trainCommand(const QStringList& args)
{
    const QString cmd = QStringLiteral("train");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Trains a reconstruction network on the clear parts of the products: clear patches are hidden behind real "
        "cloud shapes from the SCL and the masked MSE counts only those hidden, truly clear pixels. Writes the best "
        "checkpoint to --out and the last one beside it; Ctrl+C stops after the current batch."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("PRODUCT"), QStringLiteral("Products to train on (same bands)."), QStringLiteral("PRODUCT..."));
    p.addOption({QStringLiteral("model"), QStringLiteral("cnn or unet (required)."), QStringLiteral("cnn|unet")});
    p.addOption({QStringLiteral("epochs"), QStringLiteral("Epochs (default 10 for cnn, 20 for unet)."), QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("batch"), QStringLiteral("Batch size. Default 4."), QStringLiteral("B"), QStringLiteral("4")});
    p.addOption({QStringLiteral("lr"), QStringLiteral("Adam learning rate. Default 5e-5."), QStringLiteral("X"), QStringLiteral("5e-5")});
    p.addOption({QStringLiteral("patch"), QStringLiteral("Patch size in 10 m pixels. Default 128."), QStringLiteral("P"), QStringLiteral("128")});
    p.addOption({QStringLiteral("width"), QStringLiteral("Channels of the first level. Default 32."), QStringLiteral("W"), QStringLiteral("32")});
    p.addOption({QStringLiteral("depth"), QStringLiteral("U-Net levels. Default 4."), QStringLiteral("D"), QStringLiteral("4")});
    p.addOption({QStringLiteral("reference"), QStringLiteral("Clear product of the same tile at another date (extra input)."), QStringLiteral("PRODUCT")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Random seed. Default 1."), QStringLiteral("S"), QStringLiteral("1")});
    p.addOption({QStringLiteral("rotate90"), QStringLiteral("Also augment with 90° rotations.")});
    p.addOption({QStringLiteral("no-prefill"), QStringLiteral("Feed hidden pixels as zeros instead of a Telea pre-fill.")});
    p.addOption({QStringLiteral("max-patches"), QStringLiteral("Training patches at most. Default 256."), QStringLiteral("N"), QStringLiteral("256")});
    p.addOption({QStringLiteral("resume"), QStringLiteral("Continue from this checkpoint."), QStringLiteral("CKPT")});
    p.addOption({QStringLiteral("scl"), QStringLiteral("SCL raster for the first product (e.g. an L1C)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("mask"), QStringLiteral("Binary mask raster for the first product (non-zero = hidden)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("aoi"), QStringLiteral("Train only on patches inside x,y,w,h (10 m grid pixels)."), QStringLiteral("X,Y,W,H")});
    addMaskOptions(p, QStringLiteral("Classes that hide the ground (never scored; their shapes hide clear patches): "
                                     "cloud,shadow,cirrus,snow (default) or SCL numbers."));
    p.addOption({QStringLiteral("device"), QStringLiteral("cpu (default) or cuda."), QStringLiteral("DEV"), QStringLiteral("cpu")});
    p.addOption({QStringLiteral("out"), QStringLiteral("Checkpoint to write (required), e.g. unet_cloud.pth."), QStringLiteral("CKPT")});
    p.addOption({QStringLiteral("log-json"), QStringLiteral("Append one JSON record per epoch to FILE."), QStringLiteral("FILE")});
    int code = kOk;
    if (!parseOrReport(p, args, cmd, code))
        return code;
    if (p.positionalArguments().isEmpty())
        return usageError(cmd, QStringLiteral("expected at least one PRODUCT"));
    ml::TrainOptions o;
    o.products = p.positionalArguments();
    const QString model = p.value(QStringLiteral("model")).toLower();
    if (model == QLatin1String("cnn"))
        o.model.kind = ml::ModelKind::Cnn;
    else if (model == QLatin1String("unet"))
        o.model.kind = ml::ModelKind::UNet;
    else
        return usageError(cmd, QStringLiteral("--model must be cnn or unet"));
    if (!p.isSet(QStringLiteral("out")))
        return usageError(cmd, QStringLiteral("--out CKPT is required"));
    o.out = p.value(QStringLiteral("out"));
    bool ok1, ok2, ok3, ok4, ok5, ok6, ok7, ok8;
    o.epochs = p.value(QStringLiteral("epochs")).toInt(&ok1);
    o.batch = p.value(QStringLiteral("batch")).toInt(&ok2);
    o.lr = p.value(QStringLiteral("lr")).toDouble(&ok3);
    o.patch = p.value(QStringLiteral("patch")).toInt(&ok4);
    o.model.width = p.value(QStringLiteral("width")).toInt(&ok5);
    o.model.depth = p.value(QStringLiteral("depth")).toInt(&ok6);
    o.seed = p.value(QStringLiteral("seed")).toULongLong(&ok7);
    o.maxTrainPatches = p.value(QStringLiteral("max-patches")).toInt(&ok8);
    if (!(ok1 && o.epochs >= 0))
        return usageError(cmd, QStringLiteral("--epochs must be a non-negative integer"));
    if (!(ok2 && o.batch >= 1 && o.batch <= 256))
        return usageError(cmd, QStringLiteral("--batch must be an integer from 1 to 256"));
    if (!(ok3 && o.lr > 0 && o.lr < 1))
        return usageError(cmd, QStringLiteral("--lr must be a number between 0 and 1"));
    if (!(ok4 && o.patch >= 16 && o.patch <= 1024 && o.patch % 16 == 0))
        return usageError(cmd, QStringLiteral("--patch must be a multiple of 16 from 16 to 1024"));
    if (!(ok5 && o.model.width >= 4 && o.model.width <= 256) || !(ok6 && o.model.depth >= 1 && o.model.depth <= 6))
        return usageError(cmd, QStringLiteral("--width must be 4..256 and --depth 1..6"));
    if (!ok7 || !(ok8 && o.maxTrainPatches >= 1))
        return usageError(cmd, QStringLiteral("--seed and --max-patches must be positive integers"));
    o.maxValPatches = std::max(8, o.maxTrainPatches / 4);
    if (const QString e = readMaskOptions(p, 100, o.mask); !e.isEmpty())
        return usageError(cmd, e);
    if (!parseAoi(p, o.aoi))
        return usageError(cmd, QStringLiteral("--aoi must be x,y,w,h in grid pixels, e.g. 0,0,1024,1024"));
    if (!readMaskFile(p, o.maskFile, o.maskKind))
        return usageError(cmd, QStringLiteral("give --scl or --mask, not both"));
    if (o.maskKind == MaskKind::None)
        o.maskKind = MaskKind::Scl; // the product's own
    o.reference = p.value(QStringLiteral("reference"));
    o.rotate90 = p.isSet(QStringLiteral("rotate90"));
    o.model.prefill = !p.isSet(QStringLiteral("no-prefill"));
    o.resume = p.value(QStringLiteral("resume"));
    o.device = p.value(QStringLiteral("device")).toLower();
    if (o.device != QLatin1String("cpu") && o.device != QLatin1String("cuda"))
        return usageError(cmd, QStringLiteral("--device must be cpu or cuda"));

    QFile logFile;
    if (p.isSet(QStringLiteral("log-json"))) {
        logFile.setFileName(p.value(QStringLiteral("log-json")));
        if (!logFile.open(QIODevice::WriteOnly | QIODevice::Append))
            return usageError(cmd, QStringLiteral("cannot write %1: %2").arg(logFile.fileName(), logFile.errorString()));
    }
    ml::TrainControl control;
    const bool tty = isatty(fileno(stderr));
    QElapsedTimer clock;
    clock.start();
    ml::TrainCallbacks cb;
    cb.onLog = [](const QString& s) {
        err() << s << "\n";
        err().flush();
    };
    cb.onBatch = [&](int epoch, int b, int batches, double loss) {
        if (!tty)
            return;
        err() << QStringLiteral("\repoch %1 batch %2/%3 loss %4   ").arg(epoch).arg(b).arg(batches).arg(loss, 0, 'g', 4);
        err().flush();
    };
    cb.onEpoch = [&](const ml::EpochStats& s) {
        err() << (tty ? "\r" : "") << QStringLiteral("epoch %1: train %2  val %3  val PSNR %4 dB  %5 patches/s  %6 s")
                                         .arg(s.epoch).arg(s.trainLoss, 0, 'g', 4).arg(s.valLoss, 0, 'g', 4)
                                         .arg(s.valPsnr, 0, 'f', 2).arg(s.patchesPerSecond, 0, 'f', 2).arg(s.seconds, 0, 'f', 1)
              << "\n";
        err().flush();
        if (logFile.isOpen()) {
            const QJsonObject rec{{QStringLiteral("epoch"), s.epoch}, {QStringLiteral("train_loss"), s.trainLoss},
                                  {QStringLiteral("val_loss"), s.valLoss}, {QStringLiteral("val_psnr_db"), s.valPsnr},
                                  {QStringLiteral("patches_per_s"), s.patchesPerSecond}, {QStringLiteral("seconds"), s.seconds},
                                  {QStringLiteral("model"), ml::modelName(o.model.kind)}};
            logFile.write(QJsonDocument(rec).toJson(QJsonDocument::Compact) + '\n');
            logFile.flush();
        }
    };
    return runCommand(cmd, [&](JobContext&) {
        const InterruptGuard stopAfterBatch(&control.stop); // training ends cleanly, keeping its checkpoints
        const ml::TrainResult r = ml::train(o, control, cb);
        if (!r.failure.isEmpty()) {
            err() << "unclouded-cli train: " << r.failure << "\n";
            return kFailed;
        }
        out() << (r.stopped ? "stopped; " : "") << "best checkpoint: " << r.bestPath << "\nlast checkpoint: " << r.lastPath << "\n";
        out().flush();
        return kOk;
    }, {false, QStringLiteral("stopped before training began")});
}

} // namespace unclouded::cli
