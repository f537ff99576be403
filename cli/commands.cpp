#include "cli/commands.h"

#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/common/runtime.h"
#include "core/io/product.h"
#include "core/masks/mask.h"
#include "core/ml/training.h"
#include "core/eval/evaluate.h"
#include "core/recon/reconstruct.h"
#include "core/sample/samplegenerator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <functional>
#include <map>
#include <unistd.h>

namespace unclouded::cli {

namespace {

constexpr int kOk = 0, kFailed = 1, kUsage = 2;

QTextStream& err()
{
    static QTextStream s(stderr);
    return s;
}
QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

int usageError(const QString& command, const QString& message)
{
    err() << "unclouded-cli " << command << ": " << message << "\n"
          << "Try 'unclouded-cli " << command << " --help'.\n";
    err().flush();
    return kUsage;
}

// One progress line: rewritten in place on a terminal, one line per 10 % otherwise.
Progress terminalProgress()
{
    Progress p;
    const bool tty = isatty(fileno(stderr));
    auto lastDecile = std::make_shared<int>(-1);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    p.onProgress = [tty, lastDecile, timer](double f, const QString& stage) {
        const int pct = static_cast<int>(f * 100);
        if (tty) {
            const int bar = static_cast<int>(f * 30);
            err() << "\r[" << QString(bar, QLatin1Char('#')) << QString(30 - bar, QLatin1Char(' ')) << "] "
                  << pct << "% " << stage.leftJustified(28) << " " << timer->elapsed() / 1000 << " s";
            if (f >= 1.0)
                err() << "\n";
            err().flush();
        } else if (pct / 10 != *lastDecile) {
            *lastDecile = pct / 10;
            err() << pct << "% " << stage << "\n";
            err().flush();
        }
    };
    return p;
}

bool parseOrReport(QCommandLineParser& parser, const QStringList& args, const QString& command, int& exitCode)
{
    if (!parser.parse(args)) {
        exitCode = usageError(command, parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        out().flush();
        exitCode = kOk;
        return false;
    }
    return true;
}

int makeSample(const QStringList& args)
{
    const QString cmd = QStringLiteral("make-sample");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Writes a realistic Sentinel-2 product (SAFE folder, optionally .zip) of an agricultural scene with "
        "clouds, cirrus, shadows and snow, its cloud-free truth (GeoTIFF) and sample.json describing both."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("OUT_DIR"), QStringLiteral("Folder to write into (created if missing)."));
    p.addOption({QStringLiteral("level"), QStringLiteral("Processing level: L2A (default) or L1C."), QStringLiteral("L2A|L1C"), QStringLiteral("L2A")});
    p.addOption({QStringLiteral("size"), QStringLiteral("Pixels per side at 10 m, a multiple of 6 (10980 = full tile). Default 1200."), QStringLiteral("PX"), QStringLiteral("1200")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Random seed; the same seed gives byte-identical files. Default 1."), QStringLiteral("N"), QStringLiteral("1")});
    p.addOption({QStringLiteral("cloud-cover"), QStringLiteral("Share of cloud and cirrus, 0..1. Default 0.3."), QStringLiteral("0..1"), QStringLiteral("0.3")});
    p.addOption({QStringLiteral("nodata-edge"), QStringLiteral("Share of the width lost to a swath edge (nodata), 0..0.9. Default 0."), QStringLiteral("0..0.9"), QStringLiteral("0")});
    p.addOption({QStringLiteral("zip"), QStringLiteral("Also write the product as a .zip.")});
    p.addOption({QStringLiteral("reference-date"), QStringLiteral("Also write a clear product of the same tile at another date.")});
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
        return usageError(cmd, QStringLiteral("--level must be L2A or L1C, not '%1'").arg(p.value(QStringLiteral("level"))));
    bool ok = false;
    o.size = p.value(QStringLiteral("size")).toInt(&ok);
    if (!ok)
        return usageError(cmd, QStringLiteral("--size must be an integer, not '%1'").arg(p.value(QStringLiteral("size"))));
    o.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return usageError(cmd, QStringLiteral("--seed must be a non-negative integer, not '%1'").arg(p.value(QStringLiteral("seed"))));
    o.cloudCover = p.value(QStringLiteral("cloud-cover")).toDouble(&ok);
    if (!ok)
        return usageError(cmd, QStringLiteral("--cloud-cover must be a number, not '%1'").arg(p.value(QStringLiteral("cloud-cover"))));
    o.nodataEdge = p.value(QStringLiteral("nodata-edge")).toDouble(&ok);
    if (!ok)
        return usageError(cmd, QStringLiteral("--nodata-edge must be a number, not '%1'").arg(p.value(QStringLiteral("nodata-edge"))));
    o.zip = p.isSet(QStringLiteral("zip"));
    o.referenceDate = p.isSet(QStringLiteral("reference-date"));
    if (const QString e = validateSampleOptions(o); !e.isEmpty())
        return usageError(cmd, e);

    try {
        const SampleReport r = generateSample(o, terminalProgress());
        auto show = [](const char* what, const SampleProduct& s) {
            out() << what << ": " << s.safePath << "\n";
            if (!s.zipPath.isEmpty())
                out() << "  zip:   " << s.zipPath << "\n";
            out() << "  truth: " << s.truthPath << "\n";
            if (!s.sclPath.isEmpty())
                out() << "  SCL:   " << s.sclPath << "\n";
            out() << "  cloud cover (SCL 8, 9, 10): " << QString::number(s.cloudCoverPercent, 'f', 2) << " %\n";
        };
        show("product", r.main);
        if (r.reference)
            show("reference", *r.reference);
        out() << "report: " << r.reportPath << "\n";
        out().flush();
        return kOk;
    } catch (const Cancelled&) {
        err() << "unclouded-cli make-sample: cancelled\n";
        return kFailed;
    } catch (const Error& e) {
        err() << "unclouded-cli make-sample: " << e.message() << "\n";
        return kFailed;
    }
}

// --classes and --dilate, shared by the commands that decide what is hidden.
void addMaskOptions(QCommandLineParser& p, const QString& classesHelp)
{
    p.addOption({QStringLiteral("classes"), classesHelp, QStringLiteral("LIST"), QStringLiteral("cloud,shadow,cirrus,snow")});
    p.addOption({QStringLiteral("dilate"), QStringLiteral("Buffer around hidden pixels, in 10 m pixels. Default 0."), QStringLiteral("PX"), QStringLiteral("0")});
}

// Fills spec from --classes / --dilate; an empty string when they are fine, else what is wrong.
QString readMaskOptions(const QCommandLineParser& p, int maxDilate, MaskSpec& spec)
{
    QString error;
    if (!MaskSpec::parseClasses(p.value(QStringLiteral("classes")), spec.classes, error))
        return QStringLiteral("--classes: ") + error;
    bool ok = false;
    spec.dilatePx = p.value(QStringLiteral("dilate")).toInt(&ok);
    if (!ok || spec.dilatePx < 0 || spec.dilatePx > maxDilate)
        return QStringLiteral("--dilate must be an integer between 0 and %1").arg(maxDilate);
    return {};
}

// --scl FILE / --mask FILE: the classes raster to use instead of the product's own SCL.
// False when both are given.
bool readMaskFile(const QCommandLineParser& p, QString& file, MaskKind& kind)
{
    if (p.isSet(QStringLiteral("scl")) && p.isSet(QStringLiteral("mask")))
        return false;
    file = p.isSet(QStringLiteral("scl")) ? p.value(QStringLiteral("scl")) : p.value(QStringLiteral("mask"));
    kind = p.isSet(QStringLiteral("mask")) ? MaskKind::Binary : (file.isEmpty() ? MaskKind::None : MaskKind::Scl);
    return true;
}

// --aoi x,y,w,h (grid pixels); false when it is set and malformed.
bool parseAoi(const QCommandLineParser& p, Window& aoi)
{
    if (!p.isSet(QStringLiteral("aoi")))
        return true;
    const QStringList parts = p.value(QStringLiteral("aoi")).split(QLatin1Char(','));
    bool ok = parts.size() == 4;
    int v[4] = {0, 0, 0, 0};
    for (int i = 0; ok && i < 4; ++i)
        v[i] = parts[i].trimmed().toInt(&ok);
    if (!ok || v[0] < 0 || v[1] < 0 || v[2] <= 0 || v[3] <= 0)
        return false;
    aoi = {v[0], v[1], v[2], v[3]};
    return true;
}

int info(const QStringList& args)
{
    const QString cmd = QStringLiteral("info");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Describes a Sentinel-2 product (SAFE folder, .zip, MTD_MSIL*.xml) or a multi-band GeoTIFF: level, baseline, "
        "tile, date, CRS, sizes, bands with their offsets, cloud cover from the metadata and class coverage counted "
        "from the pixels."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("PRODUCT"), QStringLiteral("Product to describe."));
    p.addOption({QStringLiteral("scl"), QStringLiteral("Scene classification raster (SCL codes) to use."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("mask"), QStringLiteral("Binary mask raster (non-zero = hidden) to use."), QStringLiteral("FILE")});
    addMaskOptions(p, QStringLiteral("Hidden classes: cloud,shadow,cirrus,snow (default) or SCL numbers."));
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON instead of text.")});
    int code = kOk;
    if (!parseOrReport(p, args, cmd, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return usageError(cmd, QStringLiteral("expected exactly one PRODUCT"));
    QString maskFile;
    MaskKind maskKind = MaskKind::None;
    if (!readMaskFile(p, maskFile, maskKind))
        return usageError(cmd, QStringLiteral("give --scl or --mask, not both"));
    MaskSpec spec;
    if (const QString e = readMaskOptions(p, 500, spec); !e.isEmpty())
        return usageError(cmd, e);

    try {
        const auto product = Product::open(p.positionalArguments().constFirst(), maskFile, maskKind);
        const ProductInfo& i = product->info();
        const Coverage cov = computeCoverage(*product, spec);

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
            bands.append(QJsonObject{{QStringLiteral("name"), b.name}, {QStringLiteral("resolution_m"), b.resolution},
                                     {QStringLiteral("offset"), b.offset}, {QStringLiteral("scale"), b.scale},
                                     {QStringLiteral("central_nm"), b.centralNm}});
        o[QStringLiteral("bands")] = bands;
        o[QStringLiteral("missing_bands")] = QJsonArray::fromStringList(i.missingBands);
        if (i.cloudCoverMetadata >= 0)
            o[QStringLiteral("cloud_cover_metadata_percent")] = i.cloudCoverMetadata;
        if (i.sunZenith >= 0) {
            o[QStringLiteral("sun_zenith")] = i.sunZenith;
            o[QStringLiteral("sun_azimuth")] = i.sunAzimuth;
        }
        o[QStringLiteral("classification")] = i.maskKind == MaskKind::None ? QStringLiteral("none")
                                              : i.maskKind == MaskKind::Scl ? QStringLiteral("SCL")
                                                                            : QStringLiteral("binary mask");
        if (product->hasClasses()) {
            o[QStringLiteral("classification_file")] = i.maskFile;
            QJsonArray classes;
            for (int c = 0; c < 256; ++c)
                if (cov.counts[c] > 0)
                    classes.append(QJsonObject{{QStringLiteral("class"), c}, {QStringLiteral("name"), sclClassName(c)},
                                               {QStringLiteral("pixels_10m"), static_cast<double>(cov.counts[c])},
                                               {QStringLiteral("percent_of_valid"), cov.percent(c)}});
            o[QStringLiteral("class_coverage")] = classes;
            o[QStringLiteral("hidden_percent")] = cov.hiddenPercent();
            o[QStringLiteral("dilate_px")] = spec.dilatePx;
        }
        o[QStringLiteral("warnings")] = QJsonArray::fromStringList(i.warnings);

        if (p.isSet(QStringLiteral("json"))) {
            out() << QJsonDocument(o).toJson();
        } else {
            auto line = [](const QString& k, const QString& v) { out() << k.leftJustified(22) << v << "\n"; };
            line(QStringLiteral("Product"), i.productName);
            line(QStringLiteral("Format"), i.format + (i.level.isEmpty() ? QString() : QStringLiteral(", ") + i.level));
            if (!i.baseline.isEmpty())
                line(QStringLiteral("Processing baseline"), i.baseline);
            if (!i.tileId.isEmpty())
                line(QStringLiteral("Tile"), i.tileId);
            if (!i.sensingTime.isEmpty())
                line(QStringLiteral("Sensing time"), i.sensingTime);
            line(QStringLiteral("CRS"), i.georeferenced ? QStringLiteral("EPSG:%1").arg(i.epsg) : QStringLiteral("none (pixel coordinates)"));
            for (auto it = i.sizePerResolution.cbegin(); it != i.sizePerResolution.cend(); ++it)
                line(QStringLiteral("Size at %1 m").arg(it.key()), it.value());
            if (i.sunZenith >= 0)
                line(QStringLiteral("Sun zenith / azimuth"), QStringLiteral("%1° / %2°").arg(i.sunZenith).arg(i.sunAzimuth));
            if (i.cloudCoverMetadata >= 0)
                line(QStringLiteral("Cloud cover (MTD)"), QStringLiteral("%1 %").arg(i.cloudCoverMetadata, 0, 'f', 2));
            out() << "Bands (reflectance = (DN + offset) * scale):\n";
            for (const BandDesc& b : i.bands)
                out() << "  " << b.name.leftJustified(5) << QStringLiteral("%1 m").arg(b.resolution).rightJustified(5)
                      << QStringLiteral("  offset %1  scale %2  %3 nm").arg(b.offset).arg(b.scale).arg(b.centralNm) << "\n";
            if (product->hasClasses()) {
                out() << "Class coverage (counted from " << i.maskFile << "):\n";
                for (int c = 0; c < 256; ++c)
                    if (cov.counts[c] > 0)
                        out() << "  " << QString::number(c).rightJustified(3) << "  " << sclClassName(c).leftJustified(26)
                              << QString::number(cov.percent(c), 'f', 2).rightJustified(7)
                              << " %\n";
                line(QStringLiteral("Hidden"), QStringLiteral("%1 % of valid pixels (buffer %2 px)").arg(cov.hiddenPercent(), 0, 'f', 2).arg(spec.dilatePx));
            }
            for (const QString& w : i.warnings)
                out() << "warning: " << w << "\n";
        }
        out().flush();
        return kOk;
    } catch (const Error& e) {
        err() << "unclouded-cli info: " << e.message() << "\n";
        err().flush();
        return kFailed;
    }
}

std::atomic<bool>* g_stopFlag = nullptr;

// While alive, Ctrl+C sets the flag (the work stops at its next check, leaving no partial file).
struct StopOnCtrlC
{
    explicit StopOnCtrlC(std::atomic<bool>* flag)
    {
        g_stopFlag = flag;
        std::signal(SIGINT, [](int) {
            if (g_stopFlag)
                g_stopFlag->store(true);
        });
    }
    ~StopOnCtrlC() { g_stopFlag = nullptr; }
    StopOnCtrlC(const StopOnCtrlC&) = delete;
    StopOnCtrlC& operator=(const StopOnCtrlC&) = delete;
};

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
    const StopOnCtrlC ctrlC(&control.stop);
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
    try {
        const ml::TrainResult r = ml::train(o, control, cb);
        if (!r.failure.isEmpty()) {
            err() << "unclouded-cli train: " << r.failure << "\n";
            return kFailed;
        }
        out() << (r.stopped ? "stopped; " : "") << "best checkpoint: " << r.bestPath << "\nlast checkpoint: " << r.lastPath << "\n";
        out().flush();
        return kOk;
    } catch (const Cancelled&) {
        err() << "unclouded-cli train: stopped before training began\n";
        return kFailed;
    } catch (const Error& e) {
        err() << "unclouded-cli train: " << e.message() << "\n";
        return kFailed;
    }
}

int reconstructCommand(const QStringList& args)
{
    const QString cmd = QStringLiteral("reconstruct");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Rebuilds the pixels hidden by clouds, shadows (and the other chosen classes) over the whole product or an "
        "AOI and writes a GeoTIFF / Cloud-Optimized GeoTIFF on the product's grid. Visible pixels are copied "
        "unchanged; a sidecar OUT.mask.tif marks the rebuilt ones. Ctrl+C cancels and leaves no file."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("PRODUCT"), QStringLiteral("Product to clean."));
    p.addOption({QStringLiteral("method"), QStringLiteral("telea, ns (OpenCV inpainting), temporal (needs --reference) or a "
                                                          "checkpoint file (.pth) trained with 'train'. Required."),
                 QStringLiteral("CKPT|telea|ns|temporal")});
    p.addOption({QStringLiteral("reference"), QStringLiteral("Clear product of the same tile at another date."), QStringLiteral("PRODUCT")});
    p.addOption({QStringLiteral("scl"), QStringLiteral("Scene classification raster (SCL codes) to use."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("mask"), QStringLiteral("Binary mask raster (non-zero = hidden) to use."), QStringLiteral("FILE")});
    addMaskOptions(p, QStringLiteral("Classes to rebuild: cloud,shadow,cirrus,snow (default) or SCL numbers."));
    p.addOption({QStringLiteral("aoi"), QStringLiteral("Only this area x,y,w,h (10 m grid pixels)."), QStringLiteral("X,Y,W,H")});
    p.addOption({QStringLiteral("out"), QStringLiteral("GeoTIFF to write (required)."), QStringLiteral("OUT.tif")});
    p.addOption({QStringLiteral("format"), QStringLiteral("COG (default) or GTiff."), QStringLiteral("COG|GTiff"), QStringLiteral("COG")});
    p.addOption({QStringLiteral("compress"), QStringLiteral("DEFLATE (default), ZSTD, LZW or NONE."), QStringLiteral("C"), QStringLiteral("DEFLATE")});
    p.addOption({QStringLiteral("float32"), QStringLiteral("Write float32 reflectance instead of uint16 DN with scale/offset.")});
    p.addOption({QStringLiteral("no-overviews"), QStringLiteral("Do not build internal overviews.")});
    p.addOption({QStringLiteral("no-mask"), QStringLiteral("Do not write the OUT.mask.tif sidecar.")});
    p.addOption({QStringLiteral("window"), QStringLiteral("Window side in pixels (default 256 for models, 384 for temporal, 512 for inpainting)."), QStringLiteral("PX"), QStringLiteral("0")});
    p.addOption({QStringLiteral("overlap"), QStringLiteral("Pixels shared by neighbouring windows (default 1/8 of the window for models, 1/4 otherwise)."), QStringLiteral("PX"), QStringLiteral("0")});
    p.addOption({QStringLiteral("quicklook"), QStringLiteral("Also write a true-colour PNG/JPEG of the result."), QStringLiteral("OUT.png")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print a JSON summary instead of text.")});
    int code = kOk;
    if (!parseOrReport(p, args, cmd, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return usageError(cmd, QStringLiteral("expected exactly one PRODUCT"));
    if (!p.isSet(QStringLiteral("method")))
        return usageError(cmd, QStringLiteral("--method is required (telea, ns, temporal or a checkpoint)"));
    if (!p.isSet(QStringLiteral("out")))
        return usageError(cmd, QStringLiteral("--out OUT.tif is required"));
    recon::ReconOptions o;
    o.method = p.value(QStringLiteral("method"));
    if (recon::methodKind(o.method) == recon::MethodKind::Model && !QFileInfo::exists(o.method))
        return usageError(cmd, QStringLiteral("--method '%1' is neither telea, ns, temporal nor an existing checkpoint").arg(o.method));
    o.reference = p.value(QStringLiteral("reference"));
    if (recon::methodKind(o.method) == recon::MethodKind::Temporal && o.reference.isEmpty())
        return usageError(cmd, QStringLiteral("--method temporal needs --reference PRODUCT"));
    if (const QString e = readMaskOptions(p, 100, o.mask); !e.isEmpty())
        return usageError(cmd, e);
    if (!parseAoi(p, o.aoi))
        return usageError(cmd, QStringLiteral("--aoi must be x,y,w,h in grid pixels, e.g. 0,0,1024,1024"));
    bool ok1, ok2;
    o.window = p.value(QStringLiteral("window")).toInt(&ok1);
    o.overlap = p.value(QStringLiteral("overlap")).toInt(&ok2);
    if (!ok1 || !ok2 || o.window < 0 || o.window > 4096 || o.overlap < 0 || (o.window > 0 && o.overlap >= o.window))
        return usageError(cmd, QStringLiteral("--window must be 0..4096 and --overlap smaller than the window"));
    ExportOptions e;
    if (!ExportOptions::parseFormat(p.value(QStringLiteral("format")), e.format))
        return usageError(cmd, QStringLiteral("--format must be COG or GTiff"));
    e.compression = p.value(QStringLiteral("compress")).toUpper();
    if (!QStringList{QStringLiteral("DEFLATE"), QStringLiteral("ZSTD"), QStringLiteral("LZW"), QStringLiteral("NONE")}.contains(e.compression))
        return usageError(cmd, QStringLiteral("--compress must be DEFLATE, ZSTD, LZW or NONE"));
    e.float32 = p.isSet(QStringLiteral("float32"));
    e.overviews = !p.isSet(QStringLiteral("no-overviews"));
    e.maskSidecar = !p.isSet(QStringLiteral("no-mask"));
    QString maskFile;
    MaskKind maskKind = MaskKind::None;
    if (!readMaskFile(p, maskFile, maskKind))
        return usageError(cmd, QStringLiteral("give --scl or --mask, not both"));
    const QString outPath = p.value(QStringLiteral("out"));

    std::atomic<bool> cancel{false};
    const StopOnCtrlC ctrlC(&cancel);
    Progress progress = terminalProgress();
    progress.cancelFlag = &cancel;
    try {
        const auto product = Product::open(p.positionalArguments().constFirst(), maskFile, maskKind);
        const recon::ReconStats st = recon::reconstructToFile(*product, o, outPath, e, progress);
        if (p.isSet(QStringLiteral("quicklook"))) {
            const auto result = Product::open(outPath);
            writeQuicklook(*result, p.value(QStringLiteral("quicklook")));
        }
        const qint64 pixels = qint64(st.area.w) * st.area.h;
        if (p.isSet(QStringLiteral("json"))) {
            const QJsonObject j{{QStringLiteral("output"), QFileInfo(outPath).absoluteFilePath()},
                                {QStringLiteral("mask"), e.maskSidecar ? QFileInfo(maskSidecarPath(outPath)).absoluteFilePath() : QString()},
                                {QStringLiteral("method"), recon::methodLabel(o.method)},
                                {QStringLiteral("area"), QJsonArray{st.area.x, st.area.y, st.area.w, st.area.h}},
                                {QStringLiteral("bands"), QJsonArray::fromStringList(st.bands)},
                                {QStringLiteral("reconstructed_pixels"), st.hiddenPixels},
                                {QStringLiteral("reconstructed_percent"), pixels > 0 ? 100.0 * st.hiddenPixels / pixels : 0.0},
                                {QStringLiteral("fallback_pixels"), st.fallbackPixels},
                                {QStringLiteral("windows"), st.windows},
                                {QStringLiteral("windows_skipped"), st.skipped},
                                {QStringLiteral("seconds"), st.seconds},
                                {QStringLiteral("method_seconds"), st.methodSeconds}};
            out() << QJsonDocument(j).toJson(QJsonDocument::Indented);
        } else {
            out() << "wrote " << outPath << " (" << recon::methodLabel(o.method) << ")\n"
                  << QStringLiteral("rebuilt %1 pixels (%2 % of the area); %3 of %4 windows had nothing hidden; %5 s\n")
                         .arg(st.hiddenPixels).arg(pixels > 0 ? 100.0 * st.hiddenPixels / pixels : 0.0, 0, 'f', 1)
                         .arg(st.skipped).arg(st.windows).arg(st.seconds, 0, 'f', 1);
            if (e.maskSidecar)
                out() << "rebuilt pixels: " << maskSidecarPath(outPath) << "\n";
        }
        out().flush();
        return kOk;
    } catch (const Cancelled&) {
        err() << "\nunclouded-cli reconstruct: cancelled; nothing was written\n";
        return kFailed;
    } catch (const Error& ex) {
        err() << "\nunclouded-cli reconstruct: " << ex.message() << "\n";
        return kFailed;
    }
}

// Writes text to a file atomically, or to stdout for "-".
bool writeReport(const QString& path, const QByteArray& data, QString& error)
{
    if (path == QLatin1String("-")) {
        out() << QString::fromUtf8(data);
        out().flush();
        return true;
    }
    try {
        writeFileAtomically(path, data);
        return true;
    } catch (const Error& ex) {
        error = ex.message();
        return false;
    }
}

int evaluateCommand(const QStringList& args)
{
    const QString cmd = QStringLiteral("evaluate");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Scores reconstructions on hidden pixels: PSNR (data range 1.0), SSIM (Gaussian 11 taps, sigma 1.5), SAM, MAE, "
        "RMSE per band and overall, NDVI error.\n"
        "  Simulated clouds: --clear CLEAR --masks-from PRODUCT_OR_MASK --methods telea,ns,temporal,CKPT...\n"
        "  A finished result: --result OUT.tif --truth TRUTH.tif --mask MASK.tif (non-zero = scored)."));
    p.addHelpOption();
    p.addOption({QStringLiteral("clear"), QStringLiteral("Clear product or truth GeoTIFF: the values to recover."), QStringLiteral("CLEAR")});
    p.addOption({QStringLiteral("masks-from"), QStringLiteral("Product (its SCL), SCL raster or 0/1 mask on the same grid: what is hidden."),
                 QStringLiteral("PRODUCT_OR_MASK")});
    p.addOption({QStringLiteral("clear-mask"), QStringLiteral("SCL or 0/1 mask of CLEAR itself: what it hides is never scored."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("methods"), QStringLiteral("Comma-separated: telea, ns, temporal, checkpoint files. Default telea,ns."),
                 QStringLiteral("LIST"), QStringLiteral("telea,ns")});
    p.addOption({QStringLiteral("reference"), QStringLiteral("Clear product of another date (temporal fill, models trained with one)."),
                 QStringLiteral("PRODUCT")});
    addMaskOptions(p, QStringLiteral("Classes of --masks-from that hide: cloud,shadow,cirrus,snow (default) or SCL numbers."));
    p.addOption({QStringLiteral("aoi"), QStringLiteral("Only this area x,y,w,h (10 m grid pixels)."), QStringLiteral("X,Y,W,H")});
    p.addOption({QStringLiteral("result"), QStringLiteral("A reconstruction to score."), QStringLiteral("OUT.tif")});
    p.addOption({QStringLiteral("truth"), QStringLiteral("The truth for --result."), QStringLiteral("TRUTH.tif")});
    p.addOption({QStringLiteral("mask"), QStringLiteral("Pixels to score for --result (non-zero), e.g. OUT.mask.tif."), QStringLiteral("MASK.tif")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Write the scores as JSON (docs/EVALUATION.md) to FILE, - for stdout."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("csv"), QStringLiteral("Write one CSV row per method to FILE, - for stdout."), QStringLiteral("FILE")});
    int code = kOk;
    if (!parseOrReport(p, args, cmd, code))
        return code;
    if (!p.positionalArguments().isEmpty())
        return usageError(cmd, QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().constFirst()));
    const bool resultForm = p.isSet(QStringLiteral("result"));
    if (resultForm && (p.isSet(QStringLiteral("clear")) || p.isSet(QStringLiteral("masks-from"))))
        return usageError(cmd, QStringLiteral("give either --result/--truth/--mask or --clear/--masks-from, not both"));
    if (resultForm && (!p.isSet(QStringLiteral("truth")) || !p.isSet(QStringLiteral("mask"))))
        return usageError(cmd, QStringLiteral("--result needs --truth and --mask"));
    if (!resultForm && (!p.isSet(QStringLiteral("clear")) || !p.isSet(QStringLiteral("masks-from"))))
        return usageError(cmd, QStringLiteral("give --clear and --masks-from (or --result, --truth and --mask)"));
    eval::EvalOptions o;
    if (!resultForm) {
        o.clear = p.value(QStringLiteral("clear"));
        o.masksFrom = p.value(QStringLiteral("masks-from"));
        o.clearMask = p.value(QStringLiteral("clear-mask"));
        o.reference = p.value(QStringLiteral("reference"));
        for (const QString& m : p.value(QStringLiteral("methods")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString t = m.trimmed();
            if (recon::methodKind(t) == recon::MethodKind::Model && !QFileInfo::exists(t))
                return usageError(cmd, QStringLiteral("--methods: '%1' is neither telea, ns, temporal nor an existing checkpoint").arg(t));
            if (recon::methodKind(t) == recon::MethodKind::Temporal && o.reference.isEmpty())
                return usageError(cmd, QStringLiteral("--methods temporal needs --reference PRODUCT"));
            o.methods << t;
        }
        if (o.methods.isEmpty())
            return usageError(cmd, QStringLiteral("--methods is empty"));
        if (const QString e = readMaskOptions(p, 100, o.mask); !e.isEmpty())
            return usageError(cmd, e);
        if (!parseAoi(p, o.aoi))
            return usageError(cmd, QStringLiteral("--aoi must be x,y,w,h in grid pixels, e.g. 0,0,1024,1024"));
    }
    std::atomic<bool> cancel{false};
    const StopOnCtrlC ctrlC(&cancel);
    Progress progress = terminalProgress();
    progress.cancelFlag = &cancel;
    try {
        const eval::EvalReport r = resultForm ? eval::evaluateResult(p.value(QStringLiteral("result")), p.value(QStringLiteral("truth")),
                                                                     p.value(QStringLiteral("mask")), progress)
                                              : eval::evaluateSimulated(o, progress);
        QString error;
        const bool jsonToStdout = p.value(QStringLiteral("json")) == QLatin1String("-");
        const bool csvToStdout = p.value(QStringLiteral("csv")) == QLatin1String("-");
        if (!jsonToStdout && !csvToStdout) {
            out() << eval::toText(r);
            out().flush();
        }
        if (p.isSet(QStringLiteral("json")) &&
            !writeReport(p.value(QStringLiteral("json")), QJsonDocument(eval::toJson(r)).toJson(QJsonDocument::Indented), error))
            return err() << "unclouded-cli evaluate: " << error << "\n", kFailed;
        if (p.isSet(QStringLiteral("csv")) && !writeReport(p.value(QStringLiteral("csv")), eval::toCsv(r).toUtf8(), error))
            return err() << "unclouded-cli evaluate: " << error << "\n", kFailed;
        for (const eval::MethodScore& s : r.scores)
            if (!s.error.isEmpty())
                return kFailed; // scored what could be, but a method failed: scripts must notice
        return kOk;
    } catch (const Cancelled&) {
        err() << "\nunclouded-cli evaluate: cancelled\n";
        return kFailed;
    } catch (const Error& ex) {
        err() << "\nunclouded-cli evaluate: " << ex.message() << "\n";
        return kFailed;
    }
}

void printUsage(QTextStream& s)
{
    s << "Usage: unclouded-cli COMMAND [OPTIONS]\n\n"
         "Reconstructs the ground hidden under clouds in Sentinel-2 products.\n\n"
         "Commands:\n"
         "  make-sample OUT_DIR   write a realistic Sentinel-2 sample product and its truth\n"
         "  info PRODUCT          describe a product: metadata, bands, offsets, class coverage\n"
         "  train PRODUCT...      train a CNN or U-Net to rebuild hidden pixels (--model, --out)\n"
         "  reconstruct PRODUCT   rebuild hidden pixels, write a GeoTIFF / COG (--method, --out)\n"
         "  evaluate              score methods on hidden pixels: PSNR, SSIM, SAM, MAE, RMSE, NDVI\n\n"
         "Options:\n"
         "  -h, --help            show this help\n"
         "  -v, --version         show the version and library versions\n\n"
         "'unclouded-cli COMMAND --help' describes a command's options.\n";
    s.flush();
}

} // namespace

int run(const QStringList& arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty()) {
        printUsage(err());
        return kUsage;
    }
    const QString command = args.constFirst();
    if (command == QLatin1String("-h") || command == QLatin1String("--help") || command == QLatin1String("help")) {
        printUsage(out());
        return kOk;
    }
    if (command == QLatin1String("-v") || command == QLatin1String("--version")) {
        initializeRuntime();
        const LibraryVersions v = libraryVersions();
        out() << "unclouded-cli " << applicationVersion() << "\n"
              << "Qt " << v.qt << ", GDAL " << v.gdal << ", LibTorch " << v.torch << ", OpenCV " << v.opencv << "\n";
        out().flush();
        return kOk;
    }
    const std::map<QString, std::function<int(const QStringList&)>> commands{
        {QStringLiteral("make-sample"), makeSample},
        {QStringLiteral("info"), info},
        {QStringLiteral("train"), trainCommand},
        {QStringLiteral("reconstruct"), reconstructCommand},
        {QStringLiteral("evaluate"), evaluateCommand},
    };
    const auto it = commands.find(command);
    if (it == commands.end()) {
        err() << "unclouded-cli: unknown command '" << command << "'\n\n";
        printUsage(err());
        return kUsage;
    }
    // QCommandLineParser expects the program name first.
    return it->second(QStringList{arguments.constFirst() + QLatin1Char(' ') + command} + args.mid(1));
}

} // namespace unclouded::cli
