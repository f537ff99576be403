#include <random>
// Networks and training: shapes, the masked loss, real steps, checkpoints, Python interop, guards.
#include <cmath>
#include <thread>

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/error.h"
#include "core/common/runtime.h"
#include "core/io/product.h"
#include "core/ml/dataset_p.h"
#include "core/ml/mlruntime.h"
#include "core/ml/training.h"
#include "core/sample/samplegenerator.h"

using namespace unclouded;
using namespace unclouded::ml;

namespace {

// A U-Net (`bands` bands, `width` wide, `depth` deep) fitted `steps` Adam steps on n smooth h x w
// samples with a hidden rectangle, so that its BatchNorm statistics and correction layer are not a
// fresh network's. `input`: the network input it was fitted on. `moved` / `scale`: how far its
// output moves from the input bands, and its largest value.
struct FittedUNet
{
    std::unique_ptr<Network> net;
    std::vector<float> input;
    double moved = 0, scale = 0;
};
double largestDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    double worst = 0;
    for (size_t i = 0; i < a.size() && i < b.size(); ++i)
        worst = std::max(worst, double(std::abs(a[i] - b[i])));
    return worst;
}

FittedUNet fittedUNet(int bands, int width, int depth, int n, int h, int w, int steps, quint64 seed)
{
    ModelConfig c;
    c.kind = ModelKind::UNet;
    c.bands = bands;
    c.width = width;
    c.depth = depth;
    const int ch = c.inChannels();
    const size_t plane = static_cast<size_t>(h) * w;
    FittedUNet f;
    std::vector<float> target(n * bands * plane);
    f.input.assign(n * ch * plane, 0.f);
    std::vector<uint8_t> mask(n * plane);
    for (int s = 0; s < n; ++s)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const size_t i = static_cast<size_t>(y) * w + x;
                const bool hidden = x >= w / 4 && x < 3 * w / 4 && y >= h / 5 && y < 3 * h / 4;
                mask[s * plane + i] = hidden;
                for (int b = 0; b < bands; ++b) {
                    const float v = std::sin(0.3f * x + b + s) + 0.5f * std::cos(0.2f * y * (b + 1));
                    target[(static_cast<size_t>(s) * bands + b) * plane + i] = v;
                    f.input[(static_cast<size_t>(s) * ch + b) * plane + i] = hidden ? 0.f : v;
                }
                f.input[(static_cast<size_t>(s) * ch + bands) * plane + i] = hidden;
            }
    f.net = Network::create(c, seed);
    f.net->fitBatch(f.input, target, mask, n, h, w, steps, 3e-3);
    const std::vector<float> out = f.net->forward(f.input, n, h, w);
    for (size_t i = 0; i < out.size(); ++i) {
        const size_t s = i / (bands * plane), r = i % (bands * plane);
        f.moved = std::max(f.moved, double(std::abs(out[i] - f.input[s * ch * plane + r])));
        f.scale = std::max(f.scale, double(std::abs(out[i])));
    }
    return f;
}

std::vector<float> probeInput(int c, int h, int w)
{
    std::vector<float> x(static_cast<size_t>(c) * h * w);
    for (size_t k = 0; k < x.size(); ++k)
        x[k] = static_cast<float>(k % 7) * 0.1f;
    return x;
}

QString python()
{
    return QFileInfo::exists(QStringLiteral("/usr/bin/python3")) ? QStringLiteral("/usr/bin/python3")
                                                                 : QString();
}

QString modelsPy()
{
    return QStringLiteral(UNCLOUDED_SOURCE_DIR "/tools/models.py");
}

// A small network that runs in milliseconds.
ModelConfig tiny(ModelKind kind)
{
    ModelConfig c;
    c.kind = kind;
    c.width = 8;
    c.depth = 2;
    return c;
}

// A description for hand-made networks: 12 bands, trivial normalisation.
CheckpointInfo describe(const ModelConfig& c)
{
    CheckpointInfo info;
    info.model = c;
    for (int b = 0; b < c.bands; ++b) {
        info.bands << QStringLiteral("B%1").arg(b + 1, 2, 10, QLatin1Char('0'));
        info.mean.push_back(0.1f);
        info.std.push_back(0.05f);
    }
    return info;
}

// A GeoTIFF scene of 12 bands (smooth fields) and a 0/1 mask hiding about `hiddenShare` of it in blobs.
void writeSmallScene(const QString& path, const QString& maskPath, int w, int h, double hiddenShare)
{
    QProcess py;
    const QString code
        = QStringLiteral("import sys, numpy as np\n"
                         "from osgeo import gdal\n"
                         "w,h,share=%1,%2,%3\n"
                         "y,x=np.mgrid[0:h,0:w]\n"
                         "d=gdal.GetDriverByName('GTiff').Create(sys.argv[1],w,h,12,gdal.GDT_UInt16)\n"
                         "d.SetGeoTransform([500000,10,0,5000000,0,-10])\n"
                         "names=['B01','B02','B03','B04','B05','B06','B07','B08','B8A','B09','B11','B12']\n"
                         "for b in range(12):\n"
                         "  v=1000+400*np.sin(x/7.0+b)+300*np.cos(y/5.0)+50*b\n"
                         "  d.GetRasterBand(b+1).WriteArray(v.astype('uint16')); "
                         "d.GetRasterBand(b+1).SetDescription(names[b])\n"
                         "d=None\n"
                         "f=np.sin(x/4.3)*np.cos(y/3.1)+0.5*np.sin((x+y)/6.0)\n"
                         "thr=np.quantile(f,1-share)\n"
                         "m=gdal.GetDriverByName('GTiff').Create(sys.argv[2],w,h,1,gdal.GDT_Byte)\n"
                         "m.SetGeoTransform([500000,10,0,5000000,0,-10])\n"
                         "m.GetRasterBand(1).WriteArray((f>thr).astype('uint8')); m=None\n")
              .arg(w)
              .arg(h)
              .arg(hiddenShare);
    py.start(python(), { QStringLiteral("-c"), code, path, maskPath });
    QVERIFY(py.waitForFinished(60000));
    QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
}

bool pythonHasTorch()
{
    if (python().isEmpty())
        return false;
    return QProcess::execute(python(), { QStringLiteral("-c"), QStringLiteral("import torch") }) == 0;
}

} // namespace

class TestTraining : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void forwardShapes_data();
    void forwardShapes();
    void maskedLossCountsOnlyHiddenPixels();
    void scenesWithOtherBandsAreNamed();
    void cropsKeepTheirOwnMaskAndValidationApart();
    void referenceMasksHideTheirClouds();
    void smallScenesTrainWithDefaults();
    void noCrashAcrossPatchBatchDepth_data();
    void noCrashAcrossPatchBatchDepth();
    void trainingStepsReduceTheLoss();
    void fineTuningNeverEndsWorseThanItsStart();
    void cloudyReferencesAreTrainedOnAndRecorded();
    void l1cTrainsWithItsSclFile();
    void stepsOnAFixedBatchReduceTheLoss_data();
    void stepsOnAFixedBatchReduceTheLoss();
    void checkpointRoundTripGivesIdenticalOutputs();
    void foldedBatchNormAndGroupedSamplesChangeNoOutput();
    void paddedChannelsChangeNoOutput();
    void memoryLayoutsChangeNoOutput();
    void bfloat16StaysCloseToFloat();
    void stateDictHasTorchNnNames();
    void pythonReadsOurCheckpoint();
    void weReadPythonCheckpointsAndExplainOrderedDict();
    void nanLossStopsWithAMessage();
    void stopAndPauseAreHonoured();
    void stoppedRunResumesItsSchedule();
    void mismatchedOrCorruptCheckpointIsRefused();

private:
    QTemporaryDir m_dir;
    SampleReport m_report;
    TrainOptions small(ModelKind kind) const
    {
        TrainOptions o;
        o.products = { m_report.main.safePath };
        o.model.kind = kind;
        o.model.width = 8;
        o.model.depth = 2;
        o.patch = 32;
        o.batch = 4;
        o.maxTrainPatches = 24;
        o.maxValPatches = 8;
        o.out = QDir(m_dir.path()).filePath(modelName(kind) + QStringLiteral(".pth"));
        return o;
    }
};

void TestTraining::initTestCase()
{
    initializeRuntime();
    QCOMPARE(torchThreadCount(), QThread::idealThreadCount()); // Debian's default of 1 is overridden
    // OpenBLAS (when it is the BLAS) runs one thread inside each of LibTorch's: no oversubscription.
    QVERIFY(blasThreadCount() == 1 || blasThreadCount() == -1);
    if (qEnvironmentVariableIsEmpty("OPENBLAS_NUM_THREADS"))
        QVERIFY2(blasThreadCount() == 1,
            "libopenblas0-pthread is expected here (tools/install-deps.sh installs it)");
    SampleOptions o;
    o.outDir = m_dir.path();
    o.size = 384;
    o.seed = 4;
    o.cloudCover = 0.35;
    m_report = generateSample(o);
}

void TestTraining::forwardShapes_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("reference");
    QTest::newRow("cnn") << static_cast<int>(ModelKind::Cnn) << false;
    QTest::newRow("unet") << static_cast<int>(ModelKind::UNet) << false;
    QTest::newRow("unet+reference") << static_cast<int>(ModelKind::UNet) << true;
}

void TestTraining::forwardShapes()
{
    QFETCH(int, kind);
    QFETCH(bool, reference);
    ModelConfig c;
    c.kind = static_cast<ModelKind>(kind);
    c.bands = 12;
    c.width = 8;
    c.depth = 3;
    c.reference = reference;
    QCOMPARE(c.inChannels(), reference ? 25 : 13);
    const auto net = Network::create(c);
    const std::vector<float> y = net->forward(probeInput(c.inChannels(), 32, 48).size() ? [&] {
        std::vector<float> x;
        for (int n = 0; n < 2; ++n) {
            const auto one = probeInput(c.inChannels(), 32, 48);
            x.insert(x.end(), one.begin(), one.end());
        }
        return x;
    }() : std::vector<float>{}, 2, 32, 48);
    QCOMPARE(y.size(), size_t(2 * 12 * 32 * 48));
    for (float v : y)
        QVERIFY(std::isfinite(v));
    QVERIFY_THROWS_EXCEPTION(Error, net->forward(std::vector<float>(10), 1, 32, 48));
}

void TestTraining::scenesWithOtherBandsAreNamed()
{
    // train --scenes with a 4-band scene after a 12-band one failed later, naming no scene.
    PatchSet twelve, four;
    twelve.patch = four.patch = 32;
    twelve.scenes.resize(1);
    four.scenes.resize(1);
    twelve.bandNames
        = QStringList { "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12" };
    four.bandNames = QStringList { "B02", "B03", "B04", "B08" };
    PatchSet set;
    appendPatches(set, std::move(twelve));
    PatchSet copy = four;
    try {
        appendPatches(set, std::move(four));
        QFAIL("a scene with other bands joined");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(QStringLiteral("the bands B02,B03,B04,B08")), qPrintable(e.message()));
    }
    appendPatches(set, std::move(copy), true); // a per-band model takes any
    QCOMPARE(set.scenes.size(), size_t(2));
}

void TestTraining::maskedLossCountsOnlyHiddenPixels()
{
    // 1 sample, 2 channels, 2 x 2 pixels; hidden pixels 0 and 3.
    const std::vector<float> pred { 1, 2, 3, 4, 10, 20, 30, 40 };
    const std::vector<float> target { 0, 0, 0, 0, 10, 0, 0, 37 };
    const std::vector<uint8_t> mask { 1, 0, 0, 1 };
    // By hand: channel 0: (1-0)^2 + (4-0)^2 = 17; channel 1: 0 + 3^2 = 9; over 2 pixels x 2 channels = 26
    // / 4.
    QCOMPARE(maskedMse(pred.data(), target.data(), mask.data(), 4, 2), 6.5);
    QCOMPARE(maskedMseTorch(pred, target, mask, 1, 2, 2, 2), 6.5);
    // Visible pixels can be anything: the loss does not move.
    std::vector<float> other = pred;
    other[1] = 1000;
    other[6] = -50;
    QCOMPARE(maskedMseTorch(other, target, mask, 1, 2, 2, 2), 6.5);
}

void TestTraining::cropsKeepTheirOwnMaskAndValidationApart()
{
    TrainOptions o = small(ModelKind::UNet);
    o.maxTrainPatches = 200;
    o.maxValPatches = 60;
    const PatchSet set = buildPatches(o);
    QCOMPARE(set.patch, 32);
    QVERIFY(set.nTrain() > 50 && set.nVal() > 5);
    const size_t pp = 32 * 32;
    const auto product = Product::open(m_report.main.safePath);
    std::vector<uint8_t> hidden(pp);
    int partly = 0;
    for (const Crop& c : set.train) {
        QCOMPARE(c.own.size(), pp);
        QCOMPARE(c.x.size(), 12 * pp);
        partly += std::count(c.own.begin(), c.own.end(), 1) > 0;
        // Nothing a training crop scores lies in a validation block, and every scored pixel is clear.
        for (size_t k = 0; k < pp; ++k)
            QVERIFY(c.own[k] || c.score[k]);
    }
    QVERIFY(partly > 0);
    // Validation crops score only inside their blocks: at least one pixel each, never all crops whole.
    for (const Crop& c : set.val)
        QVERIFY(std::count(c.score.begin(), c.score.end(), 1) > 0);
    // An area of interest: crops from inside it only, and a crop side that fits it.
    o.aoi = { 40, 40, 100, 90 };
    const PatchSet inside = buildPatches(o);
    QVERIFY(inside.patch <= 64);
    QVERIFY(inside.nTrain() > 0 && inside.nVal() > 0);
    // Normalisation comes from the ground only: clouds (reflectance 0.3-0.6) would pull B02's mean up.
    QVERIFY2(set.mean[0] < 0.15, qPrintable(QString::number(set.mean[0])));
}

// A GeoTIFF other date has no classes: all of it counts as clear, unless its mask is given (the CLI's
// --reference-scl, the Train dock's attached mask): then the crops' other date is hidden under it.
void TestTraining::referenceMasksHideTheirClouds()
{
    TrainOptions o = small(ModelKind::UNet);
    o.model.prefill = Prefill::Temporal;
    o.references = { m_report.main.truthPath };
    auto hiddenOnTheOtherDate = [&] {
        const PatchSet set = buildPatches(o);
        qint64 n = 0;
        for (const Crop& c : set.train)
            n += std::count(c.refHidden.begin(), c.refHidden.end(), 1);
        return n;
    };
    QCOMPARE(hiddenOnTheOtherDate(), 0);
    o.referenceMasks = { Product::open(m_report.main.safePath)->info().maskFile }; // the SCL: clouds
    o.referenceMaskKind = MaskKind::Scl;
    QVERIFY(hiddenOnTheOtherDate() > 0);
    o.referenceMasks = { QString() }; // '': the date's own classes (none)
    QCOMPARE(hiddenOnTheOtherDate(), 0);
    o.referenceMasks = { QString(), QString() };
    QVERIFY_THROWS_EXCEPTION(Error, buildPatches(o));

    // A scene of train --scenes takes its own reference masks (they were dropped: a cloudy GeoTIFF
    // date was taken as clear), and never the command line's.
    TrainOptions multi = small(ModelKind::UNet);
    multi.products.clear();
    multi.model.prefill = Prefill::Temporal;
    multi.model.reference = true;
    multi.referenceMasks = { QStringLiteral("/not/this/one.tif") };
    SceneSpec sc;
    sc.product = m_report.main.safePath;
    sc.references = { m_report.main.truthPath };
    multi.scenes = { sc };
    o = sceneOptions(multi, 0);
    QVERIFY(o.referenceMasks.isEmpty());
    QCOMPARE(hiddenOnTheOtherDate(), 0);
    multi.scenes[0].referenceMasks = { Product::open(m_report.main.safePath)->info().maskFile };
    multi.scenes[0].referenceMaskKinds = { MaskKind::Scl };
    o = sceneOptions(multi, 0);
    QVERIFY(hiddenOnTheOtherDate() > 0);
}

void TestTraining::smallScenesTrainWithDefaults()
{
    // 64 x 64 px with only about 20 % clear: the default options (no patch, no batch) must train.
    QTemporaryDir dir;
    const QString scene = dir.filePath(QStringLiteral("small.tif")),
                  mask = dir.filePath(QStringLiteral("mask.tif"));
    writeSmallScene(scene, mask, 64, 64, 0.8);
    TrainOptions o;
    o.products = { scene };
    o.maskFile = mask;
    o.maskKind = MaskKind::Binary;
    o.model.width = 8;
    o.steps = 12;
    o.out = dir.filePath(QStringLiteral("small.pth"));
    TrainControl control;
    const TrainResult r = train(o, control);
    QVERIFY2(r.failure.isEmpty(), qPrintable(r.failure));
    QVERIFY2(r.patch >= 32 && r.patch <= 48, qPrintable(QString::number(r.patch)));
    QVERIFY(r.improved && QFileInfo::exists(r.bestPath));
    QVERIFY(r.trainPatches > 0 && r.valPatches > 0);
}

void TestTraining::noCrashAcrossPatchBatchDepth_data()
{
    QTest::addColumn<int>("side");
    QTest::addColumn<int>("patch");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("depth");
    QTest::addColumn<bool>("trains");
    // A batch of one with a 2 x 2 bottleneck, the smallest scene a depth fits, a patch larger than
    // the scene (shrunk), and a scene too small for the depth (a clear refusal, never an abort).
    QTest::newRow("batch 1, 2x2 bottleneck") << 64 << 32 << 1 << 4 << true;
    QTest::newRow("batch 3, odd remainder") << 100 << 0 << 3 << 3 << true;
    QTest::newRow("patch larger than scene") << 48 << 512 << 2 << 2 << true;
    QTest::newRow("depth 6 on a tiny scene") << 48 << 0 << 4 << 6 << false;
    QTest::newRow("patch 16, depth 4") << 40 << 16 << 1 << 4 << false;
}

void TestTraining::noCrashAcrossPatchBatchDepth()
{
    QFETCH(int, side);
    QFETCH(int, patch);
    QFETCH(int, batch);
    QFETCH(int, depth);
    QFETCH(bool, trains);
    QTemporaryDir dir;
    const QString scene = dir.filePath(QStringLiteral("s.tif")), mask = dir.filePath(QStringLiteral("m.tif"));
    writeSmallScene(scene, mask, side, side, 0.4);
    TrainOptions o;
    o.products = { scene };
    o.maskFile = mask;
    o.maskKind = MaskKind::Binary;
    o.model.width = 4;
    o.model.depth = depth;
    o.patch = patch;
    o.batch = batch;
    o.steps = 4;
    o.out = dir.filePath(QStringLiteral("c.pth"));
    TrainControl control;
    if (trains) {
        const TrainResult r = train(o, control);
        QVERIFY2(r.failure.isEmpty(), qPrintable(r.failure));
        QVERIFY(r.improved);
    } else {
        try {
            train(o, control);
            QFAIL("expected a refusal");
        } catch (const Error& e) {
            QVERIFY2(e.message().contains(QStringLiteral("too small")), qPrintable(e.message()));
        }
    }
}

void TestTraining::trainingStepsReduceTheLoss()
{
    TrainOptions o = small(ModelKind::UNet);
    o.epochs = 6;
    o.lr = 2e-3; // a few quick real steps; the default 5e-5 is for long runs
    TrainControl control;
    int batches = 0;
    TrainCallbacks cb;
    cb.onBatch = [&](int, int, int, double) { ++batches; };
    // The preview names every band its planes hold (a U-Net's crop is all bands at once): before
    // session 49 it named the first only, and the app drew that band in grey.
    int previews = 0;
    cb.onPreview = [&](const Preview& pv) {
        ++previews;
        QCOMPARE(size_t(pv.bands.size()) * pv.size * pv.size, pv.truth.size());
    };
    const TrainResult r = train(o, control, cb);
    QVERIFY(previews > 0);
    QVERIFY(r.failure.isEmpty());
    QCOMPARE(r.history.size(), 6);
    QVERIFY(batches >= 6 * (r.trainPatches / 4));
    double later = 1e9;
    for (int e = 1; e < r.history.size(); ++e)
        later = std::min(later, r.history[e].trainLoss);
    QVERIFY2(later < r.history.first().trainLoss,
        qPrintable(QStringLiteral("%1 -> %2").arg(r.history.first().trainLoss).arg(later)));
    QVERIFY(QFileInfo::exists(r.bestPath) && QFileInfo::exists(r.lastPath));
    QVERIFY(QFileInfo::exists(r.bestPath + QStringLiteral(".json")));
    const CheckpointInfo info = readCheckpointInfo(r.lastPath);
    QCOMPARE(info.epoch, 6);
    QCOMPARE(info.bands.size(), 12);
    QCOMPARE(info.model.kind, ModelKind::UNet);
    QVERIFY(QFileInfo::exists(r.lastPath + QStringLiteral(".optim")));
    QCOMPARE(info.options.value(QStringLiteral("lr")).toDouble(), 2e-3);
    QCOMPARE(info.options.value(QStringLiteral("batch")).toInt(), 4);
    QCOMPARE(info.options.value(QStringLiteral("products")).toStringList(), o.products);

    // Resuming continues the epoch count, with Adam's state restored.
    TrainOptions more = o;
    more.resume = r.lastPath;
    more.epochs = 1;
    more.model.width = 16; // the checkpoint's 8 is taken (a shape mismatch after the crops before)
    more.out = QDir(m_dir.path()).filePath(QStringLiteral("resumed.pth"));
    QStringList logs;
    TrainCallbacks cb2;
    cb2.onLog = [&](const QString& s) { logs << s; };
    const TrainResult r2 = train(more, control, cb2);
    QCOMPARE(r2.history.size(), 1);
    QCOMPARE(r2.history.first().epoch, 7);
    QVERIFY(logs.join(QLatin1Char('\n')).contains(QStringLiteral("optimizer state restored")));
    QCOMPARE(readCheckpointInfo(r2.lastPath).model.width, 8);

    // A resumed run into the best checkpoint of the run it continues replaces it only with a better
    // round (here none can be: its recorded validation loss made tiny), and that is a success, the
    // best kept. Before session 49 the first round after the restart always replaced it.
    {
        const QString keptDir = QDir(m_dir.path()).filePath(QStringLiteral("keptrun"));
        QVERIFY(QDir().mkpath(keptDir));
        const QString kept = keptDir + QStringLiteral("/x.pth"),
                      keptLast = keptDir + QStringLiteral("/x.last.pth");
        for (const QString& suffix : { QString(), QStringLiteral(".json") })
            QVERIFY(QFile::copy(r.bestPath + suffix, kept + suffix));
        for (const QString& suffix : { QString(), QStringLiteral(".json"), QStringLiteral(".optim") })
            QVERIFY(QFile::copy(r.lastPath + suffix, keptLast + suffix));
        QFile in(kept + QStringLiteral(".json"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QJsonObject desc = QJsonDocument::fromJson(in.readAll()).object();
        in.close();
        desc.insert(QStringLiteral("val_loss"), 1e-9);
        QVERIFY(in.open(QIODevice::WriteOnly | QIODevice::Truncate));
        in.write(QJsonDocument(desc).toJson());
        in.close();
        QFile k(kept);
        QVERIFY(k.open(QIODevice::ReadOnly));
        const QByteArray before = k.readAll();
        k.close();
        TrainOptions again = o;
        again.epochs = 1;
        again.resume = keptLast;
        again.out = kept;
        logs.clear();
        const TrainResult r3 = train(again, control, cb2);
        QVERIFY(r3.failure.isEmpty());
        QVERIFY(!r3.improved && r3.keptEarlier);
        QVERIFY(k.open(QIODevice::ReadOnly));
        QCOMPARE(k.readAll(), before);
        QVERIFY2(logs.join(QLatin1Char('\n')).contains(QStringLiteral("stays unless this run does better")),
            qPrintable(logs.join(QLatin1Char('\n'))));
        // Into another run's checkpoint (not the --resume's own): its loss on other crops says
        // nothing; replaced as any --out is.
        again.out = QDir(m_dir.path()).filePath(QStringLiteral("other-out.pth"));
        QVERIFY(QFile::copy(kept, again.out)
            && QFile::copy(kept + QStringLiteral(".json"), again.out + QStringLiteral(".json")));
        const TrainResult r4 = train(again, control, cb2);
        QVERIFY(r4.improved && !r4.keptEarlier);
    }

    // Adam's state of another run beside these weights (a set written apart) is never resumed with.
    QVERIFY(QFile::remove(r.lastPath + QStringLiteral(".optim")));
    QVERIFY(QFile::copy(r2.lastPath + QStringLiteral(".optim"), r.lastPath + QStringLiteral(".optim")));
    logs.clear();
    more.out = QDir(m_dir.path()).filePath(QStringLiteral("resumed-again.pth"));
    QVERIFY(train(more, control, cb2).failure.isEmpty());
    QVERIFY2(logs.join(QLatin1Char('\n')).contains(QStringLiteral("no usable optimizer state")),
        qPrintable(logs.join(QLatin1Char('\n'))));

    // Weights saved without their state (Network::save) claim none: the .optim beside them is not theirs.
    Network::load(r2.lastPath)->save(r2.lastPath, readCheckpointInfo(r2.lastPath));
    logs.clear();
    more.resume = r2.lastPath;
    QVERIFY(train(more, control, cb2).failure.isEmpty());
    QVERIFY2(logs.join(QLatin1Char('\n')).contains(QStringLiteral("no usable optimizer state")),
        qPrintable(logs.join(QLatin1Char('\n'))));

    // A checkpoint set that cannot be written whole (here its state's name is a folder's) leaves the
    // old set whole: before, the new weights and description replaced the old beside the old state.
    auto bytes = [](const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const QByteArray weights = bytes(r2.lastPath), description = bytes(r2.lastPath + QStringLiteral(".json"));
    QVERIFY(!weights.isEmpty() && !description.isEmpty());
    QVERIFY(QFile::remove(r2.lastPath + QStringLiteral(".optim")));
    QVERIFY(QDir().mkpath(r2.lastPath + QStringLiteral(".optim")));
    TrainOptions over = o;
    over.epochs = 1;
    over.seed = o.seed + 1;
    over.out = QDir(m_dir.path()).filePath(QStringLiteral("resumed.pth"));
    QString error;
    try {
        train(over, control);
    } catch (const Error& e) {
        error = e.message();
    }
    QVERIFY2(error.contains(QStringLiteral(".optim")), qPrintable(error));
    QCOMPARE(bytes(r2.lastPath), weights);
    QCOMPARE(bytes(r2.lastPath + QStringLiteral(".json")), description);
    QCOMPARE(
        QDir(m_dir.path()).entryList(QStringList { QStringLiteral(".resumed*") }, QDir::Hidden | QDir::Files),
        QStringList());
}

void TestTraining::fineTuningNeverEndsWorseThanItsStart()
{
    // A starting checkpoint: a short run from scratch on a small scene.
    QTemporaryDir dir;
    const QString scene = dir.filePath(QStringLiteral("s.tif")), mask = dir.filePath(QStringLiteral("m.tif"));
    writeSmallScene(scene, mask, 96, 96, 0.4);
    TrainOptions o;
    o.products = { scene };
    o.maskFile = mask;
    o.maskKind = MaskKind::Binary;
    o.model.width = 8;
    o.model.depth = 2;
    o.patch = 32;
    o.batch = 4;
    o.steps = 80;
    o.lr = 2e-3;
    o.out = dir.filePath(QStringLiteral("start.pth"));
    TrainControl control;
    const TrainResult start = train(o, control);
    QVERIFY2(start.failure.isEmpty() && start.improved, qPrintable(start.failure));

    // A one-date start given other dates: refused before any crop, plainly (a tensor shape later before).
    {
        TrainOptions mixed = o;
        mixed.init = start.bestPath;
        mixed.references = { m_report.main.safePath };
        mixed.out = dir.filePath(QStringLiteral("mixed.pth"));
        try {
            train(mixed, control);
            QFAIL("a one-date start was trained with another date");
        } catch (const Error& e) {
            QVERIFY2(e.message().contains(QStringLiteral("is a one-date model")), qPrintable(e.message()));
        }
    }

    // Fine-tuning it at a destructive rate: every step makes validation worse. The starting weights
    // are validated before the first step and kept: the best checkpoint holds them unchanged.
    TrainOptions ft = o;
    ft.init = start.bestPath;
    ft.steps = 30;
    ft.lr = 0.05;
    ft.warmup = 0;
    ft.patience = 100;
    ft.out = dir.filePath(QStringLiteral("ft-worse.pth"));
    QStringList logs;
    TrainCallbacks cb;
    cb.onLog = [&](const QString& s) { logs << s; };
    const TrainResult r = train(ft, control, cb);
    QVERIFY2(r.failure.isEmpty(), qPrintable(r.failure));
    QVERIFY(r.history.size() >= 2);
    QCOMPARE(r.history.first().step, 0); // the starting weights, validated
    for (int k = 1; k < r.history.size(); ++k)
        QVERIFY2(r.history[k].valLoss > r.history.first().valLoss,
            qPrintable(QStringLiteral("step %1: val %2, start %3")
                           .arg(r.history[k].step)
                           .arg(r.history[k].valLoss)
                           .arg(r.history.first().valLoss)));
    QCOMPARE(r.bestStep, 0);
    QVERIFY(r.improved);
    QVERIFY(logs.join(QLatin1Char('\n')).contains(QStringLiteral("no step beat the starting weights")));
    QCOMPARE(readCheckpointInfo(r.bestPath).valLoss, r.history.first().valLoss);
    QCOMPARE(readCheckpointInfo(r.bestPath).options.value(QStringLiteral("warmup")).toInt(), 0);
    // Same weights, same outputs (the last checkpoint moved away from them).
    const auto a = Network::load(start.bestPath), b = Network::load(r.bestPath),
               c = Network::load(r.lastPath);
    const std::vector<float> x = probeInput(a->config().inChannels(), 32, 32);
    const std::vector<float> ya = a->forward(x, 1, 32, 32), yb = b->forward(x, 1, 32, 32),
                             yc = c->forward(x, 1, 32, 32);
    QVERIFY(ya == yb);
    QVERIFY(ya != yc);

    // A fine-tune that helps still moves: with a usable rate, a later step is the best one.
    TrainOptions good = o;
    good.init = start.bestPath;
    good.steps = 40;
    good.out = dir.filePath(QStringLiteral("ft-better.pth"));
    const TrainResult g = train(good, control);
    QVERIFY2(g.failure.isEmpty(), qPrintable(g.failure));
    QCOMPARE(g.history.first().step, 0);
    QVERIFY2(g.bestStep > 0, qPrintable(QString::number(g.history.first().valLoss)));

    // Fine-tuning updates BatchNorm's running statistics unless asked to keep them: with a rate too
    // small to move a weight, the last checkpoint of a frozen run computes what the start computes;
    // the default run's statistics follow this scene's batches and change the outputs.
    const auto lastOutputs = [&](bool freeze) {
        TrainOptions still = o;
        still.init = start.bestPath;
        still.steps = 10;
        still.lr = 1e-12;
        still.freezeNormStats = freeze;
        still.out = dir.filePath(freeze ? QStringLiteral("ft-still.pth") : QStringLiteral("ft-stats.pth"));
        const TrainResult s = train(still, control);
        if (!s.failure.isEmpty())
            return std::vector<float>();
        return Network::load(s.lastPath)->forward(x, 1, 32, 32);
    };
    const std::vector<float> kept = lastOutputs(true), moved = lastOutputs(false);
    QCOMPARE(kept.size(), ya.size());
    QCOMPARE(moved.size(), ya.size());
    double keptDiff = 0, movedDiff = 0;
    for (size_t k = 0; k < ya.size(); ++k) {
        keptDiff = std::max(keptDiff, double(std::abs(kept[k] - ya[k])));
        movedDiff = std::max(movedDiff, double(std::abs(moved[k] - ya[k])));
    }
    QVERIFY2(keptDiff < 1e-4 && movedDiff > 100 * keptDiff,
        qPrintable(QStringLiteral("kept %1, updated %2").arg(keptDiff).arg(movedDiff)));
}

void TestTraining::cloudyReferencesAreTrainedOnAndRecorded()
{
    // The product as its own other date (a copy: the product itself is refused as one): the temporal
    // pre-fill gives the truth wherever that date shows the ground, so an untrained network (it
    // returns its pre-fill) has a loss near zero. With
    // every crop's other date partly clouded (--reference-clouds 1), training and validation must
    // see inpainted pixels: much larger losses. Validation draws nothing at random: another draw
    // sequence in training (90° rotations) leaves its loss as it was. The share is recorded, and a
    // resumed run keeps it.
    struct Run
    {
        double train = -1, val = -1;
        QString path;
    };
    const QString self = QDir(m_dir.path()).filePath(QStringLiteral("self"));
    QVERIFY(QDir().mkpath(self));
    QCOMPARE(
        QProcess::execute(QStringLiteral("cp"), { QStringLiteral("-r"), m_report.main.safePath, self }), 0);
    const QString selfCopy = self + QLatin1Char('/') + QFileInfo(m_report.main.safePath).fileName();
    auto run = [&](double clouds, bool rotate90, const QString& name, const QString& resume = {}) {
        TrainOptions o = small(ModelKind::UNet);
        o.references = { selfCopy };
        o.model.prefill = Prefill::Temporal;
        o.referenceClouds = clouds;
        o.rotate90 = rotate90;
        o.resume = resume;
        o.epochs = 1;
        o.lr = 1e-12; // the weights stay where they start: the losses are the pre-fill's
        o.out = QDir(m_dir.path()).filePath(name);
        TrainControl control;
        const TrainResult r = train(o, control);
        [&] { QVERIFY(r.failure.isEmpty() && r.history.size() == 1); }();
        return r.history.isEmpty()
            ? Run {}
            : Run { r.history.first().trainLoss, r.history.first().valLoss, r.lastPath };
    };
    const Run clear = run(0, false, QStringLiteral("refclear.pth"));
    const Run cloudy = run(1, false, QStringLiteral("refcloudy.pth"));
    const Run rotated = run(1, true, QStringLiteral("refcloudy2.pth"));
    QVERIFY(clear.val >= 0 && clear.train >= 0);
    QVERIFY2(cloudy.val > 5 * clear.val,
        qPrintable(QStringLiteral("%1 against %2").arg(cloudy.val).arg(clear.val)));
    QVERIFY2(cloudy.train > 5 * clear.train,
        qPrintable(QStringLiteral("%1 against %2").arg(cloudy.train).arg(clear.train)));
    QVERIFY2(std::abs(rotated.val - cloudy.val) < 1e-4 * cloudy.val,
        qPrintable(QStringLiteral("%1 against %2").arg(rotated.val).arg(cloudy.val)));
    QCOMPARE(readCheckpointInfo(clear.path).model.referenceClouds, 0.0);
    QCOMPARE(readCheckpointInfo(cloudy.path).model.referenceClouds, 1.0);
    const Run resumed = run(-1, false, QStringLiteral("refresumed.pth"), cloudy.path);
    QCOMPARE(readCheckpointInfo(resumed.path).model.referenceClouds, 1.0);
    QVERIFY2(std::abs(resumed.val - cloudy.val) < 1e-4 * cloudy.val,
        qPrintable(QStringLiteral("%1 against %2").arg(resumed.val).arg(cloudy.val)));
    const QString cloudyPath = cloudy.path;
    // A description with an impossible share is refused with its name.
    QFile j(cloudyPath + QStringLiteral(".json"));
    QVERIFY(j.open(QIODevice::ReadOnly));
    QJsonObject desc = QJsonDocument::fromJson(j.readAll()).object();
    j.close();
    desc[QStringLiteral("reference_clouds")] = 2;
    QVERIFY(j.open(QIODevice::WriteOnly | QIODevice::Truncate));
    j.write(QJsonDocument(desc).toJson());
    j.close();
    try {
        readCheckpointInfo(cloudyPath);
        QFAIL("expected reference_clouds 2 to be refused");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(QStringLiteral("reference_clouds")), qPrintable(e.message()));
    }
    // Out of range, or without the temporal pre-fill: refused before any work.
    TrainOptions bad = small(ModelKind::UNet);
    bad.referenceClouds = 1.5;
    bad.model.prefill = Prefill::Temporal;
    QVERIFY_THROWS_EXCEPTION(Error, bad.resolve());
    bad.referenceClouds = 0.5;
    bad.model.prefill = Prefill::Scene;
    QVERIFY_THROWS_EXCEPTION(Error, bad.resolve());
}

void TestTraining::l1cTrainsWithItsSclFile()
{
    QTemporaryDir dir;
    SampleOptions so;
    so.outDir = dir.path();
    so.size = 384;
    so.seed = 4;
    so.level = ProcessingLevel::L1C;
    const SampleReport r = generateSample(so);
    TrainOptions o = small(ModelKind::Cnn);
    o.products = { r.main.safePath };
    o.epochs = 1;
    o.out = dir.filePath(QStringLiteral("l1c.pth"));
    TrainControl control;
    // L1C alone: what is clear comes from its MSK_CLASSI_B00 (no SCL); without it, nothing says so.
    QCOMPARE(train(o, control).history.size(), 1);
    QDirIterator it(
        r.main.safePath, { QStringLiteral("MSK_CLASSI_B00.jp2") }, QDir::Files, QDirIterator::Subdirectories);
    QVERIFY(it.hasNext());
    QVERIFY(QFile::remove(it.next()));
    QVERIFY_THROWS_EXCEPTION(Error, train(o, control));
    o.maskFile = r.main.sclPath;
    o.maskKind = MaskKind::Scl;
    const TrainResult t = train(o, control);
    QCOMPARE(t.history.size(), 1);
    QCOMPARE(readCheckpointInfo(o.out).bands.size(), 13); // B10 included in L1C
}

void TestTraining::stepsOnAFixedBatchReduceTheLoss_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("cnn") << static_cast<int>(ModelKind::Cnn);
    QTest::newRow("unet") << static_cast<int>(ModelKind::UNet);
}

void TestTraining::stepsOnAFixedBatchReduceTheLoss()
{
    QFETCH(int, kind);
    ModelConfig c;
    c.kind = static_cast<ModelKind>(kind);
    c.bands = 4;
    c.width = 8;
    c.depth = 2;
    const int n = 2, h = 16, w = 16;
    std::vector<float> target(static_cast<size_t>(n) * 4 * h * w),
        input(static_cast<size_t>(n) * 5 * h * w, 0.f);
    std::vector<uint8_t> mask(static_cast<size_t>(n) * h * w);
    for (int s = 0; s < n; ++s)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const bool hidden = x >= 4 && x < 12 && y >= 4 && y < 12;
                mask[(static_cast<size_t>(s) * h + y) * w + x] = hidden;
                for (int b = 0; b < 4; ++b) {
                    const float v = std::sin(0.3f * x + b) + 0.5f * std::cos(0.2f * y + s);
                    target[((static_cast<size_t>(s) * 4 + b) * h + y) * w + x] = v;
                    input[((static_cast<size_t>(s) * 5 + b) * h + y) * w + x] = hidden ? 0.f : v;
                }
                input[((static_cast<size_t>(s) * 5 + 4) * h + y) * w + x] = hidden;
            }
    const auto net = Network::create(c, 3);
    const std::vector<double> losses = net->fitBatch(input, target, mask, n, h, w, 40, 3e-3);
    QVERIFY2(losses.back() < 0.5 * losses.front(),
        qPrintable(QStringLiteral("%1 -> %2").arg(losses.front()).arg(losses.back())));
}

void TestTraining::checkpointRoundTripGivesIdenticalOutputs()
{
    ModelConfig c = tiny(ModelKind::UNet);
    const auto net = Network::create(c, 77);
    const CheckpointInfo info = describe(c);
    const QString path = QDir(m_dir.path()).filePath(QStringLiteral("roundtrip.pth"));
    net->save(path, info);
    const auto back = Network::load(path);
    const auto x = probeInput(13, 16, 16);
    QCOMPARE(back->forward(x, 1, 16, 16), net->forward(x, 1, 16, 16));
}

void TestTraining::foldedBatchNormAndGroupedSamplesChangeNoOutput()
{
    // The shipped general model (trained BatchNorm statistics, not the identity of a fresh network):
    // folded into its convolutions, and its transposed convolutions run as 1 x 1 convolutions and a
    // pixel shuffle, it gives the plain output to float tolerance, and a batch of
    // windows in one call gives exactly what each window alone gives.
    const auto net = Network::load(QStringLiteral(UNCLOUDED_SOURCE_DIR "/resources/models/general_ref.pth"));
    const int c = net->config().inChannels(), h = 64, w = 64, n = 5;
    std::vector<float> x(static_cast<size_t>(n) * c * h * w);
    std::mt19937 rng(3);
    std::normal_distribution<float> g(0.f, 1.f);
    for (float& v : x)
        v = g(rng);
    net->setFoldBatchNorm(false);
    const std::vector<float> plain = net->forward(x, n, h, w);
    net->setFoldBatchNorm(true);
    const std::vector<float> folded = net->forward(x, n, h, w);
    QCOMPARE(folded.size(), plain.size());
    double worst = 0, scale = 0;
    for (size_t i = 0; i < plain.size(); ++i) {
        worst = std::max(worst, double(std::abs(folded[i] - plain[i])));
        scale = std::max(scale, double(std::abs(plain[i])));
    }
    qInfo("folded vs unfolded: largest difference %.3g (largest value %.3g)", worst, scale);
    QVERIFY2(worst < 1e-4 * std::max(1.0, scale), qPrintable(QString::number(worst)));
    QVERIFY(worst > 0 || scale == 0); // the folded path really ran (it rounds differently)
    // A window alone or in a batch: the same values up to the convolution's summation order, which
    // LibTorch's CPU kernels choose by batch size (differences of float rounding, far below one DN
    // of 1e-4 reflectance, i.e. below 1e-4 / 0.15 in normalised units).
    const size_t one = static_cast<size_t>(c) * h * w, outOne = folded.size() / n;
    double batchWorst = 0;
    for (int k = 0; k < n; ++k) {
        const std::vector<float> xi(x.begin() + k * one, x.begin() + (k + 1) * one);
        const std::vector<float> yi = net->forward(xi, 1, h, w);
        for (size_t i = 0; i < yi.size(); ++i)
            batchWorst = std::max(batchWorst, double(std::abs(yi[i] - folded[k * outOne + i])));
    }
    qInfo("alone vs in a batch of %d: largest difference %.3g", n, batchWorst);
    QVERIFY2(batchWorst < 1e-5, qPrintable(QString::number(batchWorst)));
    // Each memory layout (channels-last, NCHW, per layer: channels-last for this 16-wide model)
    // against the default's output: oneDNN sums in another order, nothing more.
    for (auto layout :
        { Network::Layout::ChannelsLast, Network::Layout::Contiguous, Network::Layout::PerLayer }) {
        net->setLayout(layout);
        const std::vector<float> other = net->forward(x, n, h, w);
        const double layoutWorst = largestDifference(other, folded);
        qInfo("layout %d vs the default: largest difference %.3g", int(layout), layoutWorst);
        QCOMPARE(other.size(), folded.size());
        QVERIFY2(layoutWorst < 1e-4 * std::max(1.0, scale), qPrintable(QString::number(layoutWorst)));
    }
    net->setLayout(Network::defaultLayout());
}

void TestTraining::paddedChannelsChangeNoOutput()
{
    // A U-Net 12 wide (levels of 12, 24, 48 and 96 channels), fitted a few steps: its folded copies
    // padded with zero channels to a multiple of 16 or 8 (as on AVX-512 CPUs) give the unpadded
    // output to float tolerance; without a channel multiple, what the CPU's default gives.
    const int n = 3, h = 32, w = 32;
    FittedUNet f = fittedUNet(1, 12, 3, n, h, w, 30, 5);
    const auto& [net, input, moved, scale] = f;
    QVERIFY2(moved > 1e-2, qPrintable(QString::number(moved))); // the network changes its input
    net->setChannelMultiple(1);
    const std::vector<float> plain = net->forward(input, n, h, w);
    for (int m : { 16, 8 }) {
        net->setChannelMultiple(m);
        const std::vector<float> padded = net->forward(input, n, h, w);
        QCOMPARE(padded.size(), plain.size());
        const double worst = largestDifference(padded, plain);
        qInfo("channels padded to a multiple of %d: largest difference %.3g (largest value %.3g)", m, worst,
            scale);
        QVERIFY2(worst < 1e-4 * std::max(1.0, scale), qPrintable(QString::number(worst)));
    }
    // The same in bfloat16 (the body after the first block), as AVX-512 CPUs with it run the model:
    // padded and unpadded agree to bfloat16's rounding (emulated, and slow, where not native), in
    // those CPUs' layout.
    net->setBFloat16(true);
    net->setLayout(Network::Layout::ChannelsLast);
    if (net->bfloat16()) {
        net->setChannelMultiple(1);
        const std::vector<float> bf = net->forward(input, n, h, w);
        net->setChannelMultiple(16);
        const std::vector<float> bfPadded = net->forward(input, n, h, w);
        const double worst = largestDifference(bfPadded, bf);
        qInfo("bfloat16, padded to 16 against unpadded: largest difference %.3g", worst);
        QVERIFY2(worst < 2e-2 * std::max(1.0, scale), qPrintable(QString::number(worst)));
    }
    QCOMPARE(Network::defaultChannelMultiple(), 1); // padding stays an option, not the default
}

void TestTraining::memoryLayoutsChangeNoOutput()
{
    // A U-Net 32 wide (the seed preset's and train's default width: the one the per-layer order
    // changes, its first convolution in NHWC and the rest in NCHW), 5 bands, fitted a few steps:
    // channels-last, NCHW and per layer give the same output to float tolerance.
    const int n = 2, h = 32, w = 32;
    FittedUNet f = fittedUNet(5, 32, 2, n, h, w, 20, 9);
    const auto& [net, input, moved, scale] = f;
    QVERIFY2(moved > 1e-2, qPrintable(QString::number(moved))); // the network changes its input
    net->setLayout(Network::Layout::ChannelsLast);
    const std::vector<float> nhwc = net->forward(input, n, h, w);
    for (auto layout : { Network::Layout::Contiguous, Network::Layout::PerLayer }) {
        net->setLayout(layout);
        const std::vector<float> other = net->forward(input, n, h, w);
        QCOMPARE(other.size(), nhwc.size());
        const double worst = largestDifference(other, nhwc);
        qInfo("layout %d against channels-last: largest difference %.3g (largest value %.3g)", int(layout),
            worst, scale);
        QVERIFY2(worst < 1e-4 * std::max(1.0, scale), qPrintable(QString::number(worst)));
    }
}

void TestTraining::bfloat16StaysCloseToFloat()
{
    // The shipped one-date model on windows as reconstruction gives them: a smooth pre-filled band
    // (normalised reflectance) with a hidden square. Its body in bfloat16 moves the output by a
    // small fraction of the correction; switching back refolds in float and gives the float output
    // again bit for bit.
    const auto net = Network::load(QStringLiteral(UNCLOUDED_SOURCE_DIR "/resources/models/general.pth"));
    QCOMPARE(net->config().inChannels(), 2);
    const int n = 3, h = 64, w = 64;
    std::vector<float> x(static_cast<size_t>(n) * 2 * h * w);
    for (int k = 0; k < n; ++k)
        for (int y = 0; y < h; ++y)
            for (int c = 0; c < w; ++c) {
                const size_t i = (static_cast<size_t>(k) * 2 * h + y) * w + c;
                const bool hidden = y >= 16 && y < 48 && c >= 12 + 4 * k && c < 44 + 4 * k;
                x[i] = 0.6f * std::sin(0.11f * c + 0.7f * k) + 0.4f * std::cos(0.07f * y) + 0.2f * k;
                x[i + static_cast<size_t>(h) * w] = hidden ? 1.f : 0.f;
            }
    const std::vector<float> f32 = net->forward(x, n, h, w);
    QVERIFY(!net->bfloat16());
    net->setBFloat16(true);
    QVERIFY(net->bfloat16());
    const std::vector<float> bf16 = net->forward(x, n, h, w);
    QCOMPARE(bf16.size(), f32.size());
    double worst = 0, sumDiff = 0, correction = 0;
    for (int k = 0; k < n; ++k)
        for (size_t i = 0; i < static_cast<size_t>(h) * w; ++i) {
            const size_t o = static_cast<size_t>(k) * h * w + i, in = static_cast<size_t>(k) * 2 * h * w + i;
            worst = std::max(worst, double(std::abs(bf16[o] - f32[o])));
            sumDiff += std::abs(bf16[o] - f32[o]);
            correction = std::max(correction, double(std::abs(f32[o] - x[in])));
        }
    const double meanDiff = sumDiff / f32.size();
    qInfo("bfloat16 vs float: largest difference %.3g, mean %.3g (largest correction %.3g)", worst, meanDiff,
        correction);
    QVERIFY(correction > 0.05); // the model really corrects these windows
    QVERIFY(worst > 1e-5); // the bfloat16 body really ran
    // Normalised units: 0.01 is 0.0015 reflectance, 15 DN (measured: 0.0015 largest, 0.00018 mean).
    QVERIFY2(worst < 0.01 && meanDiff < 0.001, qPrintable(QStringLiteral("%1 %2").arg(worst).arg(meanDiff)));
    net->setBFloat16(false);
    QCOMPARE(net->forward(x, n, h, w), f32);
    // Other architectures ignore the request.
    const auto cnn = Network::create(tiny(ModelKind::Cnn), 5);
    cnn->setBFloat16(true);
    QVERIFY(!cnn->bfloat16());
}

void TestTraining::stateDictHasTorchNnNames()
{
    ModelConfig c = tiny(ModelKind::UNet);
    QMap<QString, std::vector<int64_t>> shapes;
    for (const auto& [name, shape] : Network::create(c)->stateShapes())
        shapes[name] = shape;
    QCOMPARE(shapes.value(QStringLiteral("downs.0.net.0.weight")), (std::vector<int64_t> { 8, 13, 3, 3 }));
    QCOMPARE(shapes.value(QStringLiteral("downs.0.net.1.running_var")), (std::vector<int64_t> { 8 }));
    QVERIFY(shapes.contains(QStringLiteral("downs.0.net.1.num_batches_tracked")));
    QCOMPARE(
        shapes.value(QStringLiteral("bottleneck.net.3.weight")), (std::vector<int64_t> { 32, 32, 3, 3 }));
    QCOMPARE(shapes.value(QStringLiteral("ups.0.weight")), (std::vector<int64_t> { 32, 16, 2, 2 }));
    QCOMPARE(shapes.value(QStringLiteral("up_convs.1.net.0.weight")), (std::vector<int64_t> { 8, 16, 3, 3 }));
    QCOMPARE(shapes.value(QStringLiteral("head.weight")), (std::vector<int64_t> { 12, 8, 1, 1 }));
    QCOMPARE(shapes.size(), 66); // torch.nn's UNet(12, 8, 2).state_dict() has 66 entries
    c.kind = ModelKind::Cnn;
    QMap<QString, std::vector<int64_t>> cnn;
    for (const auto& [name, shape] : Network::create(c)->stateShapes())
        cnn[name] = shape;
    QCOMPARE(cnn.keys(),
        (QStringList { QStringLiteral("decoder.0.bias"), QStringLiteral("decoder.0.weight"),
            QStringLiteral("decoder.2.bias"), QStringLiteral("decoder.2.weight"),
            QStringLiteral("decoder.4.bias"), QStringLiteral("decoder.4.weight"),
            QStringLiteral("encoder.0.bias"), QStringLiteral("encoder.0.weight"),
            QStringLiteral("encoder.2.bias"), QStringLiteral("encoder.2.weight"),
            QStringLiteral("encoder.4.bias"), QStringLiteral("encoder.4.weight") }));
}

void TestTraining::pythonReadsOurCheckpoint()
{
    if (!pythonHasTorch())
        QSKIP("Debian's python3-torch is not installed: Python interop not checked");
    ModelConfig c = tiny(ModelKind::UNet);
    const auto net = Network::create(c, 5);
    const CheckpointInfo info = describe(c);
    const QString path = QDir(m_dir.path()).filePath(QStringLiteral("for_python.pth"));
    net->save(path, info);
    QProcess py;
    py.start(python(),
        { modelsPy(), QStringLiteral("forward"), path, QStringLiteral("16"), QStringLiteral("16") });
    QVERIFY(py.waitForFinished(120000));
    QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
    const QJsonObject o = QJsonDocument::fromJson(py.readAllStandardOutput()).object();
    const auto y = net->forward(probeInput(13, 16, 16), 1, 16, 16);
    double sum = 0;
    for (float v : y)
        sum += v;
    QVERIFY2(std::abs(sum - o.value(QStringLiteral("sum")).toDouble()) < 1e-3 * std::max(1.0, std::abs(sum)),
        qPrintable(
            QStringLiteral("C++ %1, Python %2").arg(sum).arg(o.value(QStringLiteral("sum")).toDouble())));
}

void TestTraining::weReadPythonCheckpointsAndExplainOrderedDict()
{
    if (!pythonHasTorch())
        QSKIP("Debian's python3-torch is not installed: Python interop not checked");
    const QString path = QDir(m_dir.path()).filePath(QStringLiteral("from_python.pth"));
    QProcess py;
    py.start(python(),
        { modelsPy(), QStringLiteral("make"), QStringLiteral("unet"), QStringLiteral("12"),
            QStringLiteral("8"), QStringLiteral("2"), path, QStringLiteral("16"), QStringLiteral("16") });
    QVERIFY(py.waitForFinished(120000));
    QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
    const QJsonObject o = QJsonDocument::fromJson(py.readAllStandardOutput()).object();
    const auto net = Network::load(path);
    const auto y = net->forward(probeInput(13, 16, 16), 1, 16, 16);
    double sum = 0;
    for (float v : y)
        sum += v;
    QVERIFY2(std::abs(sum - o.value(QStringLiteral("sum")).toDouble()) < 1e-3 * std::max(1.0, std::abs(sum)),
        qPrintable(
            QStringLiteral("C++ %1, Python %2").arg(sum).arg(o.value(QStringLiteral("sum")).toDouble())));
    try {
        Network::load(path + QStringLiteral(".ordered"));
        QFAIL("an OrderedDict checkpoint must be refused");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(QStringLiteral("dict(model.state_dict())")), qPrintable(e.message()));
    }
}

void TestTraining::nanLossStopsWithAMessage()
{
    TrainOptions o = small(ModelKind::Cnn);
    o.out = QDir(m_dir.path()).filePath(QStringLiteral("nan.pth"));
    o.epochs = 5;
    o.lr = 1e12; // Adam steps of 1e12 blow the activations up
    o.clipNorm = 1e30;
    TrainControl control;
    const TrainResult r = train(o, control);
    QVERIFY2(r.failure.contains(QStringLiteral("NaN")) || r.failure.contains(QStringLiteral("infinite")),
        qPrintable(r.failure));
    QVERIFY2(r.failure.contains(QStringLiteral("No checkpoint was written"))
            || r.failure.contains(QStringLiteral("best checkpoint so far")),
        qPrintable(r.failure));
    if (QFileInfo::exists(o.out)) // whatever was kept is a readable checkpoint
        QVERIFY(Network::load(o.out));
    // "The best checkpoint so far is kept" names a file that is there (a NaN validation once counted
    // as 120 dB and the message named a best that was never saved).
    QCOMPARE(r.failure.contains(QStringLiteral("best checkpoint so far")), QFileInfo::exists(o.out));
    for (const EpochStats& st : r.history)
        QVERIFY(std::isfinite(st.valLoss) && st.valPsnr < 100);
}

// A run stopped midway and resumed with the same plan goes on from where it stopped (its schedule
// included); one that ended trains its steps afresh.
void TestTraining::stoppedRunResumesItsSchedule()
{
    TrainOptions o = small(ModelKind::UNet);
    o.steps = 40; // validation every 10 steps
    o.lr = 1e-3;
    o.out = QDir(m_dir.path()).filePath(QStringLiteral("schedule.pth"));
    TrainControl control;
    TrainCallbacks cb;
    int batches = 0;
    cb.onBatch = [&](int, int, int, double) {
        if (++batches == 25)
            control.stop = true;
    };
    const TrainResult r = train(o, control, cb);
    QVERIFY(r.stopped);
    const CheckpointInfo last = readCheckpointInfo(r.lastPath);
    QCOMPARE(last.step, 20);
    QCOMPARE(last.totalSteps, 40);
    QCOMPARE(last.resumeStep, 20);
    QCOMPARE(readCheckpointInfo(r.bestPath).resumeStep, 0); // a best checkpoint starts a new plan

    TrainOptions more = o;
    more.resume = r.lastPath;
    TrainControl go;
    QStringList logs;
    TrainCallbacks cb2;
    cb2.onLog = [&](const QString& s) { logs << s; };
    const TrainResult r2 = train(more, go, cb2);
    QVERIFY2(r2.failure.isEmpty(), qPrintable(r2.failure));
    QVERIFY2(
        logs.join(QLatin1Char('\n')).contains(QStringLiteral("continuing its schedule at step 20 of 40")),
        qPrintable(logs.join(QLatin1Char('\n'))));
    QCOMPARE(r2.history.size(), 2); // steps 21-40 only
    QCOMPARE(r2.history.first().step, 30);
    QCOMPARE(r2.history.last().step, 40);
    QCOMPARE(readCheckpointInfo(r2.lastPath).step, 40);
    QCOMPARE(readCheckpointInfo(r2.lastPath).resumeStep, 0); // the run ended

    // Ended: resuming it trains the plan again from its weights.
    TrainOptions again = o;
    again.resume = r2.lastPath;
    again.out = QDir(m_dir.path()).filePath(QStringLiteral("schedule-again.pth"));
    logs.clear();
    const TrainResult r3 = train(again, go, cb2);
    QVERIFY(!logs.join(QLatin1Char('\n')).contains(QStringLiteral("continuing its schedule")));
    QCOMPARE(r3.history.first().step, 10);
}

void TestTraining::stopAndPauseAreHonoured()
{
    TrainOptions o = small(ModelKind::Cnn);
    o.out = QDir(m_dir.path()).filePath(QStringLiteral("stop.pth"));
    o.epochs = 50;
    TrainControl control;
    QElapsedTimer clock;
    qint64 pausedAt = -1, resumedAt = -1;
    TrainCallbacks cb;
    cb.onBatch = [&](int epoch, int batch, int, double) {
        if (epoch == 1 && batch == 1) {
            control.pause = true;
            pausedAt = clock.elapsed();
            std::thread([&control] {
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
                control.pause = false;
            }).detach();
        } else if (epoch == 1 && batch == 2) {
            resumedAt = clock.elapsed();
        } else if (epoch == 2 && batch == 1) {
            control.stop = true;
        }
    };
    clock.start();
    const TrainResult r = train(o, control, cb);
    QVERIFY(r.stopped);
    QCOMPARE(r.history.size(), 1); // epoch 1 finished, epoch 2 stopped after its first batch
    QVERIFY(resumedAt - pausedAt >= 250);

    // A Stop during a validation (here at its first batch's preview, the second round's) ends it
    // there: the round cut short is neither kept nor reported (before, the whole validation ran).
    TrainOptions v = small(ModelKind::Cnn);
    v.out = QDir(m_dir.path()).filePath(QStringLiteral("stop-in-validation.pth"));
    v.epochs = 5;
    v.batch = 2; // several validation batches
    TrainControl c2;
    int previews = 0;
    TrainCallbacks cb2;
    cb2.onPreview = [&](const Preview&) {
        if (++previews == 2)
            c2.stop = true;
    };
    const TrainResult rv = train(v, c2, cb2);
    QVERIFY(rv.stopped);
    QVERIFY2(rv.valPatches > v.batch, "too few validation crops to cut a validation short");
    QCOMPARE(rv.history.size(), 1);
    QCOMPARE(readCheckpointInfo(rv.lastPath).epoch, 1);

    // Paused before the crops are built: it holds there (it built them all, then waited).
    TrainOptions early = small(ModelKind::Cnn);
    early.out = QDir(m_dir.path()).filePath(QStringLiteral("paused-early.pth"));
    early.epochs = 1;
    TrainControl c3;
    c3.pause = true;
    std::atomic<bool> cropsLogged { false }, loggedWhilePaused { true };
    TrainCallbacks cb3;
    cb3.onLog = [&](const QString& s) {
        if (s.contains(QStringLiteral("training crops")))
            cropsLogged = true;
    };
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        loggedWhilePaused = cropsLogged.load();
        c3.pause = false;
    });
    const TrainResult re = train(early, c3, cb3);
    release.join();
    QVERIFY(!loggedWhilePaused);
    QVERIFY(cropsLogged);
    QCOMPARE(re.history.size(), 1);
}

void TestTraining::mismatchedOrCorruptCheckpointIsRefused()
{
    // A checkpoint into a folder that is not there: refused before any crop is built (the app has
    // no check of its own; before session 49 it failed at the first save, a round later).
    {
        TrainOptions nowhere = small(ModelKind::UNet);
        nowhere.out = QDir(m_dir.path()).filePath(QStringLiteral("no/such/folder/x.pth"));
        TrainControl control;
        TrainCallbacks cb;
        QStringList logs;
        cb.onLog = [&](const QString& s) { logs << s; };
        try {
            train(nowhere, control, cb);
            QFAIL("a checkpoint into a missing folder was accepted");
        } catch (const Error& e) {
            QVERIFY2(e.message().contains(QStringLiteral("does not exist")), qPrintable(e.message()));
        }
        QVERIFY2(!logs.join(QLatin1Char('\n')).contains(QStringLiteral("training crops")),
            qPrintable(logs.join(QLatin1Char('\n'))));
    }

    // A U-Net description over CNN weights.
    ModelConfig c;
    c.kind = ModelKind::Cnn;
    c.width = 8;
    const auto cnn = Network::create(c);
    const CheckpointInfo info = describe(c);
    const QString path = QDir(m_dir.path()).filePath(QStringLiteral("mismatch.pth"));
    cnn->save(path, info);
    QFile j(path + QStringLiteral(".json"));
    QVERIFY(j.open(QIODevice::ReadOnly));
    QByteArray text = j.readAll().replace("\"cnn\"", "\"unet\"");
    j.close();
    QVERIFY(j.open(QIODevice::WriteOnly | QIODevice::Truncate));
    j.write(text);
    j.close();
    try {
        Network::load(path);
        QFAIL("expected a mismatch");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(QStringLiteral("does not fit this model")), qPrintable(e.message()));
    }
    // Garbage bytes.
    const QString junk = QDir(m_dir.path()).filePath(QStringLiteral("junk.pth"));
    QFile::copy(path + QStringLiteral(".json"), junk + QStringLiteral(".json"));
    QFile f(junk);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    QVERIFY_THROWS_EXCEPTION(Error, Network::load(junk));
    // A zip whose directory offset points past the file: LibTorch 1.13 would read out of bounds
    // (AddressSanitizer, tests/fuzz); the structure check refuses it first.
    {
        const auto tiny = Network::create(c);
        const QString zipped = QDir(m_dir.path()).filePath(QStringLiteral("badzip.pth"));
        tiny->save(zipped, info);
        QFile z(zipped);
        QVERIFY(z.open(QIODevice::ReadWrite));
        QByteArray bytes = z.readAll();
        const qsizetype end = bytes.lastIndexOf(QByteArray("PK\x05\x06", 4));
        QVERIFY(end > 0);
        bytes[end + 16] = '\xff'; // the central directory's offset, low byte
        bytes[end + 19] = '\x7f'; // and high byte: far past the end
        QVERIFY(z.seek(0) && z.write(bytes) == bytes.size());
        z.close();
        try {
            Network::load(zipped);
            QFAIL("a zip with its directory outside the file was read");
        } catch (const Error& e) {
            QVERIFY2(e.message().contains(QStringLiteral("lies outside the file")), qPrintable(e.message()));
        }
    }
    // Bytes changed inside a tensor's data (a bad disk, a copy gone wrong): the zip's structure is intact
    // and the unpickler reads other weights; a reconstruction with them was garbage with exit 0.
    {
        const auto good = Network::create(c);
        const QString changed = QDir(m_dir.path()).filePath(QStringLiteral("changed.pth"));
        good->save(changed, info);
        QFile z(changed);
        QVERIFY(z.open(QIODevice::ReadWrite));
        QByteArray bytes = z.readAll();
        const qsizetype data = bytes.indexOf(QByteArray("/data/0")); // the first tensor's entry
        QVERIFY(data > 0);
        for (qsizetype k = data + 200; k < data + 240; ++k) // inside its stored bytes
            bytes[k] = char(bytes[k] ^ 0x55);
        QVERIFY(z.seek(0) && z.write(bytes) == bytes.size());
        z.close();
        try {
            Network::load(changed);
            QFAIL("a checkpoint with changed bytes was loaded");
        } catch (const Error& e) {
            QVERIFY2(
                e.message().contains(QStringLiteral("does not match its checksum")), qPrintable(e.message()));
        }
    }
    // NaN weights (a diverged run saved by another tool: one Adam step on a NaN input): refused at load,
    // not a reconstruction whose every pixel falls back to the coarse estimate with exit 0.
    {
        const auto diverged = Network::create(c);
        const int n = 1, h = 8, w = 8;
        const std::vector<float> in(static_cast<size_t>(n) * c.inChannels() * h * w, NAN),
            target(static_cast<size_t>(n) * c.bands * h * w, 0.2f);
        diverged->fitBatch(
            in, target, std::vector<uint8_t>(static_cast<size_t>(n) * h * w, 1), n, h, w, 1, 1e-3);
        const QString nan = QDir(m_dir.path()).filePath(QStringLiteral("nan_weights.pth"));
        diverged->save(nan, info);
        try {
            Network::load(nan);
            QFAIL("a checkpoint with NaN weights was loaded");
        } catch (const Error& e) {
            QVERIFY2(
                e.message().contains(QStringLiteral("NaN or infinite weights")), qPrintable(e.message()));
        }
    }
    // Resuming a U-Net run from a CNN checkpoint.
    TrainOptions o = small(ModelKind::UNet);
    o.resume = QDir(m_dir.path()).filePath(QStringLiteral("roundtrip.pth"));
    cnn->save(o.resume, info);
    TrainControl control;
    try {
        train(o, control);
        QFAIL("expected a refusal");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(QStringLiteral("is a cnn")), qPrintable(e.message()));
    }
}

QTEST_GUILESS_MAIN(TestTraining)
#include "tst_training.moc"
