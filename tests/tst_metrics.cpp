// Metrics against hand-computed cases, against scikit-image (an independent implementation, run
// with Debian's /usr/bin/python3), streaming equal to whole-image, and the evaluate command.
#include <cmath>
#include <gdal_priv.h>
#include <random>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/runtime.h"
#include "core/eval/evaluate.h"
#include "core/eval/metrics.h"
#include "core/ml/training.h"
#include "core/sample/samplegenerator.h"

#include "testutil.h"

using namespace unclouded;
using namespace unclouded::eval;

namespace {

const QStringList kFour { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"),
    QStringLiteral("B08") };

// Smooth texture plus noise: a stand-in for a field pattern, deterministic.
std::vector<float> texture(int w, int h, int bands, unsigned seed, float noise)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0.0f, noise);
    std::vector<float> v(static_cast<size_t>(bands) * w * h);
    for (int b = 0; b < bands; ++b)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                v[(static_cast<size_t>(b) * h + y) * w + x]
                    = 0.15f + 0.05f * b + 0.08f * std::sin(x / 9.0f + b) * std::cos(y / 13.0f) + n(rng);
    return v;
}

bool pythonHasSkimage()
{
    return QProcess::execute(QStringLiteral("/usr/bin/python3"),
               { QStringLiteral("-c"), QStringLiteral("import skimage.metrics, numpy") })
        == 0;
}

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { initializeRuntime(); }
    void identicalImagesArePerfect();
    void uniformErrorGivesTextbookPsnr();
    void constantImagesGiveTheSsimFormula();
    void spectralAngles();
    void onlyScoredPixelsCount();
    void ndviError();
    void oneBandHasNoAngleNorNdvi();
    void streamingEqualsWholeImage();
    void ssimMatchesScikitImage();
    void evaluateCommandBothForms();
    void aFailingModelLosesNoOtherScore();
    void l1cCloudsMoveWithTheirShadows();
    void cloudMaskOfZeroAnd255();

private:
    QTemporaryDir m_dir;
};

void TestMetrics::identicalImagesArePerfect()
{
    const auto a = texture(40, 30, 4, 1, 0.01f);
    std::vector<uint8_t> all(40 * 30, 1);
    const Metrics m = computeMetrics(a.data(), a.data(), all.data(), kFour, 40, 30);
    QCOMPARE(m.pixels, qint64(1200));
    QVERIFY(std::isinf(m.psnr));
    QCOMPARE(m.ssim, 1.0);
    QCOMPARE(m.sam, 0.0);
    QCOMPARE(m.mae, 0.0);
    QCOMPARE(m.ndviMae, 0.0);
}

void TestMetrics::uniformErrorGivesTextbookPsnr()
{
    // MSE = 1e-4 with a data range of 1: PSNR = 10 log10(1 / 1e-4) = 40 dB exactly.
    auto a = texture(32, 32, 4, 2, 0.0f), b = a;
    for (float& v : b)
        v += 0.01f;
    std::vector<uint8_t> all(32 * 32, 1);
    const Metrics m = computeMetrics(b.data(), a.data(), all.data(), kFour, 32, 32);
    QVERIFY(std::abs(m.psnr - 40.0) < 1e-3);
    QVERIFY(std::abs(m.mae - 0.01) < 1e-6);
    QVERIFY(std::abs(m.rmse - 0.01) < 1e-6);
    for (const BandScore& s : m.bands)
        QVERIFY(std::abs(s.psnr - 40.0) < 1e-3);
}

void TestMetrics::constantImagesGiveTheSsimFormula()
{
    // Constant images have no variance: SSIM reduces to the luminance term of Wang et al. (2004),
    // (2 mu_x mu_y + C1) / (mu_x^2 + mu_y^2 + C1), C1 = (0.01 L)^2.
    std::vector<float> a(4 * 20 * 20, 0.2f), b(4 * 20 * 20, 0.3f);
    std::vector<uint8_t> all(400, 1);
    const Metrics m = computeMetrics(b.data(), a.data(), all.data(), kFour, 20, 20);
    const double c1 = 1e-4, expected = (2 * 0.2 * 0.3 + c1) / (0.04 + 0.09 + c1);
    QVERIFY2(std::abs(m.ssim - expected) < 1e-6,
        qPrintable(QStringLiteral("%1 vs %2").arg(m.ssim, 0, 'g', 10).arg(expected, 0, 'g', 10)));
}

void TestMetrics::spectralAngles()
{
    // Scaled spectra have no angle; orthogonal ones 90 degrees; (1,1,0,0) vs (1,0,0,0) 45 degrees.
    const int n = 16;
    std::vector<float> t(4 * n, 0.0f), p(4 * n, 0.0f), q(4 * n, 0.0f), r(4 * n, 0.0f);
    for (int i = 0; i < n; ++i) {
        for (int b = 0; b < 4; ++b) {
            t[b * n + i] = 0.1f * (b + 1);
            p[b * n + i] = 0.2f * (b + 1);
        }
        q[0 * n + i] = 1.0f, r[1 * n + i] = 1.0f, r[0 * n + i] = 1.0f;
    }
    std::vector<uint8_t> all(n, 1);
    QVERIFY(computeMetrics(p.data(), t.data(), all.data(), kFour, 4, 4).sam < 1e-3);
    std::vector<float> o(4 * n, 0.0f);
    for (int i = 0; i < n; ++i)
        o[1 * n + i] = 1.0f;
    QVERIFY(std::abs(computeMetrics(o.data(), q.data(), all.data(), kFour, 4, 4).sam - 90.0) < 1e-6);
    QVERIFY(std::abs(computeMetrics(r.data(), q.data(), all.data(), kFour, 4, 4).sam - 45.0) < 1e-6);
    // A prediction of zeros shares no direction with the truth: 90 degrees, not a perfect 0 (the
    // angle was left out of the sum and the pixel still counted).
    std::vector<float> zero(4 * n, 0.0f);
    QVERIFY(std::abs(computeMetrics(zero.data(), t.data(), all.data(), kFour, 4, 4).sam - 90.0) < 1e-6);
}

void TestMetrics::onlyScoredPixelsCount()
{
    // Errors on the unscored half, NaN (nodata) on a scored pixel: a perfect score on 29 pixels.
    auto a = texture(8, 8, 4, 3, 0.0f), b = a;
    std::vector<uint8_t> score(64, 0);
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x) {
            if (x < 4)
                score[y * 8 + x] = 1;
            else
                for (int c = 0; c < 4; ++c)
                    b[(c * 8 + y) * 8 + x] += 0.3f;
        }
    b[2 * 64 + 0] = std::nanf("");
    b[1 * 64 + 9] = std::nanf("");
    a[3 * 64 + 17] = std::nanf("");
    const Metrics m = computeMetrics(b.data(), a.data(), score.data(), kFour, 8, 8);
    QCOMPARE(m.pixels, qint64(29));
    QCOMPARE(m.mae, 0.0);
}

void TestMetrics::ndviError()
{
    // Truth red 0.1, NIR 0.5: NDVI 2/3; prediction NIR 0.3: NDVI 1/2; error 1/6 everywhere.
    std::vector<float> t(4 * 25, 0.1f), p(4 * 25, 0.1f);
    for (int i = 0; i < 25; ++i) {
        t[3 * 25 + i] = 0.5f;
        p[3 * 25 + i] = 0.3f;
    }
    std::vector<uint8_t> all(25, 1);
    const Metrics m = computeMetrics(p.data(), t.data(), all.data(), kFour, 5, 5);
    QVERIFY(std::abs(m.ndviMae - 1.0 / 6) < 1e-6);
    QVERIFY(std::abs(m.ndviRmse - 1.0 / 6) < 1e-6);

    // Dark water where an L2A's red + NIR is about 0 (here -0.0005 + 0.0006): not scored, where its
    // NDVI of 11 once ruled the mean. The other 24 pixels keep the 1/6.
    t[0 * 25 + 0] = t[1 * 25 + 0] = t[2 * 25 + 0] = -0.0005f;
    t[3 * 25 + 0] = 0.0006f;
    const Metrics dark = computeMetrics(p.data(), t.data(), all.data(), kFour, 5, 5);
    QVERIFY2(std::abs(dark.ndviMae - 1.0 / 6) < 1e-6, qPrintable(QString::number(dark.ndviMae)));
}

void TestMetrics::oneBandHasNoAngleNorNdvi()
{
    // One band: no spectral angle (it would read 0°), no NDVI. JSON null, CSV empty, text n/a: never a
    // number that reads as a perfect or an impossible score.
    std::vector<float> t(25, 0.2f), p(25, 0.25f);
    std::vector<uint8_t> all(25, 1);
    EvalReport r;
    r.protocol = QStringLiteral("result");
    r.hiddenPixels = 25;
    MethodScore s;
    s.label = QStringLiteral("one band");
    s.metrics = computeMetrics(p.data(), t.data(), all.data(), { QStringLiteral("B08") }, 5, 5);
    QVERIFY(std::isnan(s.metrics.sam));
    QVERIFY(s.metrics.ndviMae < 0);
    QVERIFY(std::abs(s.metrics.mae - 0.05) < 1e-6);
    r.scores << s;
    const QJsonObject m = toJson(r).value(QStringLiteral("methods")).toArray().first().toObject();
    QVERIFY(m.value(QStringLiteral("sam_deg")).isNull());
    QVERIFY(m.value(QStringLiteral("ndvi_mae")).isNull());
    QVERIFY(m.value(QStringLiteral("mae")).isDouble());
    const QStringList row = toCsv(r).split(QLatin1Char('\n'))[1].split(QLatin1Char(','));
    QCOMPARE(row[6], QString()); // sam_deg
    QCOMPARE(row[9], QString()); // ndvi_mae
    const QString line = toText(r).split(QLatin1Char('\n'))[2];
    QVERIFY2(
        line.count(QLatin1String("n/a")) == 2 && !line.contains(QLatin1String("-1.0")), qPrintable(line));
    QVERIFY2(line.contains(QLatin1String("0.0500")), qPrintable(line));
}

void TestMetrics::streamingEqualsWholeImage()
{
    const int w = 37, h = 211;
    const auto a = texture(w, h, 4, 4, 0.02f), b = texture(w, h, 4, 5, 0.02f);
    std::vector<uint8_t> score(w * h);
    for (int i = 0; i < w * h; ++i)
        score[i] = (i * 7919) % 3 == 0;
    const Metrics whole = computeMetrics(b.data(), a.data(), score.data(), kFour, w, h);
    MetricsAccumulator acc(kFour, w, h);
    int y = 0;
    for (int rows : { 1, 3, 7, 50, 13, 100, 37 }) {
        std::vector<float> pa(4 * rows * w), pb(4 * rows * w);
        for (int c = 0; c < 4; ++c)
            for (int r = 0; r < rows; ++r)
                for (int x = 0; x < w; ++x) {
                    pa[(c * rows + r) * w + x] = a[(c * h + y + r) * w + x];
                    pb[(c * rows + r) * w + x] = b[(c * h + y + r) * w + x];
                }
        acc.addRows(pb.data(), pa.data(), score.data() + y * w, rows);
        y += rows;
    }
    QCOMPARE(y, h);
    const Metrics s = acc.finish();
    QCOMPARE(s.pixels, whole.pixels);
    QVERIFY(std::abs(s.ssim - whole.ssim) < 1e-12);
    QVERIFY(std::abs(s.psnr - whole.psnr) < 1e-9);
    QVERIFY(std::abs(s.sam - whole.sam) < 1e-9);
}

void TestMetrics::ssimMatchesScikitImage()
{
    if (!pythonHasSkimage())
        QSKIP("Debian's python3-skimage is not installed (/usr/bin/python3): cannot cross-check SSIM");
    const int w = 64, h = 48;
    const auto a = texture(w, h, 1, 6, 0.03f), b = texture(w, h, 1, 7, 0.03f);
    std::vector<uint8_t> score(w * h);
    for (int i = 0; i < w * h; ++i)
        score[i] = (i / w + i % w) % 4 != 0;
    QFile fa(m_dir.filePath(QStringLiteral("a.f32"))), fb(m_dir.filePath(QStringLiteral("b.f32"))),
        fm(m_dir.filePath(QStringLiteral("m.u8")));
    QVERIFY(fa.open(QIODevice::WriteOnly) && fb.open(QIODevice::WriteOnly) && fm.open(QIODevice::WriteOnly));
    fa.write(reinterpret_cast<const char*>(a.data()), a.size() * 4);
    fb.write(reinterpret_cast<const char*>(b.data()), b.size() * 4);
    fm.write(reinterpret_cast<const char*>(score.data()), score.size());
    fa.close(), fb.close(), fm.close();
    const QString script
        = QStringLiteral("import numpy as np, sys\n"
                         "from skimage.metrics import structural_similarity, peak_signal_noise_ratio\n"
                         "a = np.fromfile(sys.argv[1], np.float32).reshape(%1, %2).astype(np.float64)\n"
                         "b = np.fromfile(sys.argv[2], np.float32).reshape(%1, %2).astype(np.float64)\n"
                         "m = np.fromfile(sys.argv[3], np.uint8).reshape(%1, %2) > 0\n"
                         "_, s = structural_similarity(a, b, gaussian_weights=True, sigma=1.5, "
                         "use_sample_covariance=False, data_range=1.0, full=True)\n"
                         "print('%.12f %.12f %.12f' % (s.mean(), s[m].mean(), peak_signal_noise_ratio(a[m], "
                         "b[m], data_range=1.0)))\n")
              .arg(h)
              .arg(w);
    QProcess py;
    py.start(QStringLiteral("/usr/bin/python3"),
        { QStringLiteral("-c"), script, fa.fileName(), fb.fileName(), fm.fileName() });
    QVERIFY(py.waitForFinished(60000));
    QCOMPARE(py.exitCode(), 0);
    const QStringList v = QString::fromUtf8(py.readAllStandardOutput()).split(QLatin1Char(' '));
    QCOMPARE(v.size(), 3);
    const std::vector<double> map = ssimMap(b.data(), a.data(), w, h);
    double mean = 0;
    for (double s : map)
        mean += s;
    mean /= map.size();
    QVERIFY2(std::abs(mean - v[0].toDouble()) < 1e-9,
        qPrintable(QStringLiteral("whole-image SSIM %1, scikit-image %2").arg(mean, 0, 'g', 12).arg(v[0])));
    const Metrics m = computeMetrics(b.data(), a.data(), score.data(), { QStringLiteral("B04") }, w, h);
    qInfo("SSIM on scored pixels %.9f, scikit-image %s; PSNR %.6f, scikit-image %s", m.ssim, qPrintable(v[1]),
        m.psnr, qPrintable(v[2].trimmed()));
    QVERIFY(std::abs(m.ssim - v[1].toDouble()) < 1e-9);
    QVERIFY(std::abs(m.psnr - v[2].toDouble()) < 1e-6);
}

void TestMetrics::evaluateCommandBothForms()
{
    const QString cli = testutil::cliPath();
    if (cli.isEmpty())
        QSKIP("UNCLOUDED_CLI is not set");
    SampleOptions o;
    o.outDir = m_dir.filePath(QStringLiteral("sample"));
    o.size = 300;
    o.seed = 11;
    o.referenceDate = true;
    const SampleReport s = generateSample(o);
    // Simulated clouds: the truth hidden behind the cloudy date's own SCL.
    const QString json = m_dir.filePath(QStringLiteral("eval.json")),
                  csv = m_dir.filePath(QStringLiteral("eval.csv"));
    QProcess p;
    p.start(cli,
        { QStringLiteral("evaluate"), QStringLiteral("--clear"), s.main.truthPath,
            QStringLiteral("--masks-from"), s.main.safePath, QStringLiteral("--methods"),
            QStringLiteral("telea,temporal"), QStringLiteral("--reference"), s.reference->safePath,
            QStringLiteral("--json"), json, QStringLiteral("--csv"), csv });
    QVERIFY(p.waitForFinished(180000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QVERIFY(QString::fromUtf8(p.readAllStandardOutput()).contains(QLatin1String("OpenCV Telea")));
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject j = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(j.value(QStringLiteral("format")).toString(), QStringLiteral("unclouded-evaluation"));
    QCOMPARE(j.value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(j.value(QStringLiteral("protocol")).toString(), QStringLiteral("simulated"));
    const QJsonArray methods = j.value(QStringLiteral("methods")).toArray();
    QCOMPARE(methods.size(), 2);
    for (const QJsonValue& m : methods) {
        const QJsonObject mo = m.toObject();
        for (const char* key :
            { "psnr_db", "ssim", "sam_deg", "mae", "rmse", "ndvi_mae", "seconds", "pixels" })
            QVERIFY2(mo.value(QLatin1String(key)).isDouble(), key);
        QCOMPARE(mo.value(QStringLiteral("bands")).toArray().size(), 12);
        QVERIFY(mo.value(QStringLiteral("psnr_db")).toDouble() > 10);
        QCOMPARE(mo.value(QStringLiteral("pixels")).toInteger(),
            j.value(QStringLiteral("scored_pixels")).toInteger());
    }
    // What mapped the other date is recorded where one was used (auto resolved), nowhere else.
    QVERIFY(!methods[0].toObject().contains(QStringLiteral("temporal_fit")));
    QCOMPARE(
        methods[1].toObject().value(QStringLiteral("temporal_fit")).toString(), QStringLiteral("cross-band"));
    QFile c(csv);
    QVERIFY(c.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(c.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith(QLatin1String("method,label,seconds,pixels,psnr_db,ssim,sam_deg")));

    // A finished result against the truth, on its own sidecar mask.
    const QString out = m_dir.filePath(QStringLiteral("r.tif"));
    p.start(cli,
        { QStringLiteral("reconstruct"), s.main.safePath, QStringLiteral("--method"), QStringLiteral("telea"),
            QStringLiteral("--out"), out });
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    p.start(cli,
        { QStringLiteral("evaluate"), QStringLiteral("--result"), out, QStringLiteral("--truth"),
            s.main.truthPath, QStringLiteral("--mask"), m_dir.filePath(QStringLiteral("r.mask.tif")),
            QStringLiteral("--json"), QStringLiteral("-") });
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const QJsonObject r = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(r.value(QStringLiteral("protocol")).toString(), QStringLiteral("result"));
    const QJsonObject m0 = r.value(QStringLiteral("methods")).toArray().first().toObject();
    QCOMPARE(m0.value(QStringLiteral("label")).toString(), QStringLiteral("OpenCV Telea"));
    QVERIFY(m0.value(QStringLiteral("pixels")).toInteger() > 1000);
    QCOMPARE(
        r.value(QStringLiteral("truth_hidden_pixels")).toInteger(), 0); // the truth GeoTIFF has no classes
    // Against the cloudy product itself as the truth: what it hides (every rebuilt pixel) has no truth.
    // Before session 49 its clouds were scored as the truth.
    p.start(cli,
        { QStringLiteral("evaluate"), QStringLiteral("--result"), out, QStringLiteral("--truth"),
            s.main.safePath, QStringLiteral("--mask"), m_dir.filePath(QStringLiteral("r.mask.tif")) });
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(p.readAllStandardError().contains("itself hides every pixel the mask"),
        "the truth's own clouds were scored");

    // Usage errors: exit 2.
    for (const QStringList& bad : { QStringList { QStringLiteral("--clear"), s.main.truthPath },
             QStringList { QStringLiteral("--result"), out },
             QStringList { QStringLiteral("--clear"), s.main.truthPath, QStringLiteral("--masks-from"),
                 s.main.safePath, QStringLiteral("--methods"), QStringLiteral("temporal") } }) {
        p.start(cli, QStringList { QStringLiteral("evaluate") } + bad);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
    }
}

void TestMetrics::aFailingModelLosesNoOtherScore()
{
    // The error boundary: a checkpoint whose tensors LibTorch cannot read (the shipped model cut in
    // half, its description intact) fails inside torch during the evaluation. The other method is
    // still scored and written, the failure is reported, and the CLI exits 1 - not 134 (abort).
    const QString cli = testutil::cliPath();
    if (cli.isEmpty())
        QSKIP("UNCLOUDED_CLI is not set");
    SampleOptions o;
    o.outDir = m_dir.filePath(QStringLiteral("sample-broken"));
    o.size = 240;
    o.seed = 12;
    const SampleReport s = generateSample(o);
    const QString good = ml::pretrainedCheckpoint(false),
                  broken = m_dir.filePath(QStringLiteral("broken.pth"));
    QFile in(good), out(broken);
    QVERIFY(in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly));
    out.write(in.read(in.size() / 2));
    out.close();
    QVERIFY(QFile::copy(good + QStringLiteral(".json"), broken + QStringLiteral(".json")));

    const QString json = m_dir.filePath(QStringLiteral("broken-eval.json"));
    QProcess p;
    p.start(cli,
        { QStringLiteral("evaluate"), QStringLiteral("--clear"), s.main.truthPath,
            QStringLiteral("--masks-from"), s.main.safePath, QStringLiteral("--methods"),
            QStringLiteral("telea,") + broken, QStringLiteral("--json"), json });
    QVERIFY(p.waitForFinished(180000));
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == 1, err.constData());
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonArray methods
        = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("methods")).toArray();
    QCOMPARE(methods.size(), 2);
    QVERIFY(methods[0].toObject().value(QStringLiteral("psnr_db")).toDouble() > 10);
    const QString why = methods[1].toObject().value(QStringLiteral("error")).toString();
    qInfo("the broken checkpoint's failure: %s", qPrintable(why));
    QVERIFY(!why.isEmpty());
    QVERIFY(!methods[1].toObject().contains(QStringLiteral("psnr_db")));
}

// An L1C's shadows exist only in memory (estimated at its open): its clouds moved onto the clear
// truth hide their shadows too, as an L2A's SCL does; they were left visible.
void TestMetrics::l1cCloudsMoveWithTheirShadows()
{
    SampleOptions o;
    o.outDir = m_dir.filePath(QStringLiteral("sample-l1c"));
    o.size = 240;
    o.seed = 6;
    o.level = ProcessingLevel::L1C;
    o.referenceDate = true;
    const SampleReport s = generateSample(o);
    const auto l1c = Product::open(s.main.safePath);
    QVERIFY(l1c->info().cloudShadowsEstimated);
    const int W = l1c->width(), H = l1c->height();
    std::vector<uint8_t> hidden(static_cast<size_t>(W) * H), cls(hidden.size());
    readHiddenMask(*l1c, MaskSpec(), { 0, 0, W, H }, hidden.data());
    l1c->readClasses({ 0, 0, W, H }, cls.data());
    qint64 want = 0, shadows = 0;
    for (size_t k = 0; k < hidden.size(); ++k) {
        want += hidden[k];
        shadows += cls[k] == SclCloudShadow;
    }
    QVERIFY(shadows > 100);

    eval::EvalOptions e;
    e.clear = s.main.truthPath;
    e.masksFrom = s.main.safePath;
    e.methods = { recon::Method::parse(QStringLiteral("telea")) };
    const eval::EvalReport r = eval::evaluateSimulated(e);
    QVERIFY2(r.scores[0].error.isEmpty(), qPrintable(r.scores[0].error));
    QCOMPARE(r.hiddenPixels, want);
    QCOMPARE(r.masksFrom, QFileInfo(s.main.safePath).absoluteFilePath());

    // Another date: a SAFE has classes (its cloud mask), a GeoTIFF none, and the report names that one
    // (the Evaluate dock says all of it was taken as clear ground).
    e.methods = { recon::Method::parse(QStringLiteral("temporal")) };
    e.references = { s.reference->safePath };
    const eval::EvalReport withSafe = eval::evaluateSimulated(e);
    QVERIFY2(withSafe.scores[0].error.isEmpty(), qPrintable(withSafe.scores[0].error));
    QVERIFY(withSafe.referencesWithoutClasses.isEmpty());
    const QString other = m_dir.filePath(QStringLiteral("other-date.tif"));
    QVERIFY(QFile::copy(s.reference->truthPath, other));
    e.references = { other };
    const eval::EvalReport withOther = eval::evaluateSimulated(e);
    QVERIFY2(withOther.scores[0].error.isEmpty(), qPrintable(withOther.scores[0].error));
    QCOMPARE(withOther.referencesWithoutClasses, QStringList { other });
}

// A 0 / 255 cloud mask hides its 255s in evaluate as --mask does (read as SCL classes, 255 hid
// nothing); a 0 / 5 raster reads as SCL (5: bare soil, nothing hidden), and the error says so.
void TestMetrics::cloudMaskOfZeroAnd255()
{
    SampleOptions o;
    o.outDir = m_dir.filePath(QStringLiteral("sample-255"));
    o.size = 120;
    o.seed = 4;
    const SampleReport s = generateSample(o);
    auto writeMask = [&](const QString& name, int value) {
        const QString path = m_dir.filePath(name);
        GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            path.toUtf8().constData(), 120, 120, 1, GDT_Byte, nullptr);
        std::vector<uint8_t> v(120 * 120);
        for (int y = 0; y < 120; ++y)
            for (int x = 0; x < 120; ++x)
                v[static_cast<size_t>(y) * 120 + x] = x < 30 ? static_cast<uint8_t>(value) : 0;
        const CPLErr err
            = ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 120, 120, v.data(), 120, 120, GDT_Byte, 0, 0);
        GDALClose(ds);
        return err == CE_None ? path : QString();
    };
    eval::EvalOptions e;
    e.clear = s.main.truthPath;
    e.methods = { recon::Method::parse(QStringLiteral("telea")) };
    e.masksFrom = writeMask(QStringLiteral("m255.tif"), 255);
    QVERIFY(!e.masksFrom.isEmpty());
    const eval::EvalReport r = eval::evaluateSimulated(e);
    QCOMPARE(r.hiddenPixels, qint64(30 * 120));
    // 0 / 1 with a declared nodata 255 around it (gdalwarp -dstnodata 255): 1 hidden, 255 no value.
    e.masksFrom = writeMask(QStringLiteral("m1.tif"), 1);
    {
        GDALDataset* ds
            = GDALDataset::Open(e.masksFrom.toUtf8().constData(), GDAL_OF_UPDATE | GDAL_OF_RASTER);
        QVERIFY(ds);
        ds->GetRasterBand(1)->SetNoDataValue(255);
        const std::vector<uint8_t> fill(120 * 10, 255);
        QCOMPARE(ds->GetRasterBand(1)->RasterIO(
                     GF_Write, 0, 110, 120, 10, const_cast<uint8_t*>(fill.data()), 120, 10, GDT_Byte, 0, 0),
            CE_None);
        GDALClose(ds);
    }
    QCOMPARE(eval::evaluateSimulated(e).hiddenPixels, qint64(30 * 110));
    // The clear product as its own cloud source (the Evaluate dock's first default): said plainly.
    {
        eval::EvalOptions same = e;
        same.clear = same.masksFrom = s.main.safePath;
        try {
            eval::evaluateSimulated(same);
            QFAIL("a product scored behind its own clouds");
        } catch (const Error& err) {
            QVERIFY2(err.message().contains(QStringLiteral("is both the clear product")),
                qPrintable(err.message()));
        }
    }
    // Fmask-like codes (2 shadow, 4 cloud): read as SCL only its 2s and 4s count as classes 2, 4
    // (nothing hidden but shadow 3's absence): scored, but said, whatever the result.
    {
        const QString fmask = writeMask(QStringLiteral("fmask.tif"), 4);
        GDALDataset* ds = GDALDataset::Open(fmask.toUtf8().constData(), GDAL_OF_UPDATE | GDAL_OF_RASTER);
        QVERIFY(ds);
        const std::vector<uint8_t> shadow(120 * 20, 3);
        QCOMPARE(ds->GetRasterBand(1)->RasterIO(
                     GF_Write, 60, 0, 20, 120, const_cast<uint8_t*>(shadow.data()), 20, 120, GDT_Byte, 0, 0),
            CE_None);
        GDALClose(ds);
        eval::EvalOptions f = e;
        f.masksFrom = fmask;
        const eval::EvalReport fr = eval::evaluateSimulated(f);
        QCOMPARE(fr.hiddenPixels, qint64(20 * 120)); // its "3"s alone, as SCL shadows
        QVERIFY2(fr.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("holds few distinct values")),
            qPrintable(fr.warnings.join(QLatin1Char('\n'))));
    }
    e.masksFrom = writeMask(QStringLiteral("m5.tif"), 5);
    try {
        eval::evaluateSimulated(e);
        QFAIL("a raster of SCL code 5 hid pixels");
    } catch (const Error& err) {
        QVERIFY2(err.message().contains(QStringLiteral("read as SCL classes")), qPrintable(err.message()));
    }
    // A cloud probability 0-100 was read as SCL codes (hiding 3, 8, 9, 10, 11 per cent): refused with
    // the threshold to give; given it, the pixels from it up are hidden.
    const QString prob = m_dir.filePath(QStringLiteral("prob100.tif"));
    {
        GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            prob.toUtf8().constData(), 120, 120, 1, GDT_Byte, nullptr);
        std::vector<uint8_t> v(120 * 120);
        for (int y = 0; y < 120; ++y)
            for (int x = 0; x < 120; ++x)
                v[static_cast<size_t>(y) * 120 + x] = static_cast<uint8_t>(x * 100 / 119); // 0 .. 100
        QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 120, 120, v.data(), 120, 120, GDT_Byte, 0, 0),
            CE_None);
        GDALClose(ds);
    }
    e.masksFrom = prob;
    try {
        eval::evaluateSimulated(e);
        QFAIL("a cloud probability was read as SCL codes");
    } catch (const Error& err) {
        QVERIFY2(err.message().contains(QStringLiteral("graded values from 0 to 100"))
                && err.message().contains(prob + QStringLiteral("#above=40")),
            qPrintable(err.message()));
    }
    e.masksFrom = maskPathWithThreshold(prob, QStringLiteral("50"));
    qint64 half = 0; // columns whose value is at least 50
    for (int x = 0; x < 120; ++x)
        half += x * 100 / 119 >= 50 ? 120 : 0;
    QCOMPARE(eval::evaluateSimulated(e).hiddenPixels, half);
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
