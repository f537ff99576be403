// The evaluation panel offscreen: a real evaluation in the background, the table with the best
// value of each metric highlighted, both charts filled, CSV export, bad input reported.
#include <gdal.h>

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "core/common/runtime.h"
#include "core/io/product.h"
#include "core/sample/samplegenerator.h"
#include "ui/evalpanel.h"
#include "ui/workspace.h"

#include "gdaltestutil.h"

using namespace unclouded;

namespace {
SampleReport smallSample(const QTemporaryDir& dir, quint64 seed, bool referenceDate)
{
    SampleOptions o;
    o.outDir = dir.filePath(QStringLiteral("s"));
    o.size = 240;
    o.seed = seed;
    o.referenceDate = referenceDate;
    return generateSample(o);
}
} // namespace

class TestEvalPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { initializeRuntime(); }
    void evaluatesAndHighlightsTheBest();
    void missingInputIsReported();
    void advancedOptionsReachTheEvaluation();
    void aoiPlaceholdersAndStaleScores();
};

void TestEvalPanel::evaluatesAndHighlightsTheBest()
{
    QTemporaryDir dir;
    const SampleReport s = smallSample(dir, 21, true);
    ui::EvalPanel panel;
    panel.resize(1200, 500);
    panel.show();
    panel.setProducts({ s.main.safePath, s.reference->safePath }, 0);
    panel.setInputs(s.main.truthPath, s.main.safePath, { s.reference->safePath });
    panel.setMethods({ QStringLiteral("telea"), QStringLiteral("ns"), QStringLiteral("temporal") });
    QSignalSpy done(&panel, &ui::EvalPanel::finished);
    panel.start();
    QVERIFY(panel.isRunning());
    // Another layer selected, or one closed, while it runs: the combos keep showing what is scored.
    auto* clear = panel.findChild<QComboBox*>(QStringLiteral("evalClear"));
    auto* masks = panel.findChild<QComboBox*>(QStringLiteral("evalMasks"));
    panel.setProducts({ s.reference->safePath }, 0);
    QCOMPARE(clear->currentText(), s.main.truthPath);
    QCOMPARE(masks->currentText(), s.main.safePath);
    QVERIFY(done.wait(120000));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    QTableWidget* t = panel.table();
    QCOMPARE(t->rowCount(), 3);
    QCOMPARE(t->verticalHeaderItem(2)->text(), QStringLiteral("Temporal fill"));
    // One best cell per metric column, and it is the extreme of its column.
    for (int c = 0; c < 6; ++c) {
        int best = -1;
        for (int r = 0; r < 3; ++r)
            if (t->item(r, c)->data(Qt::UserRole).toBool()) {
                QCOMPARE(best, -1);
                best = r;
            }
        QVERIFY(best >= 0);
        const bool higher = c <= 1;
        for (int r = 0; r < 3; ++r) {
            const double v = t->item(r, c)->text().toDouble(), b = t->item(best, c)->text().toDouble();
            QVERIFY(higher ? v <= b : v >= b);
        }
        QVERIFY(t->item(best, c)->font().bold());
    }
    auto bars = [](QChartView* v) {
        const auto series = v->chart()->series();
        return series.isEmpty() ? 0 : static_cast<int>(static_cast<QBarSeries*>(series.first())->count());
    };
    QCOMPARE(bars(panel.chart()), 3);
    // One legend, under the wider chart (the narrow one cut the names short); the same colours in both.
    QVERIFY(!panel.chart()->chart()->legend()->isVisible());
    QVERIFY(panel.bandChart()->chart()->legend()->isVisible());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(static_cast<QBarSeries*>(panel.chart()->chart()->series().first())->barSets().at(i)->color(),
            static_cast<QBarSeries*>(panel.bandChart()->chart()->series().first())->barSets().at(i)->color());
    QCOMPARE(bars(panel.bandChart()), 3);
    QCOMPARE(
        static_cast<QBarSeries*>(panel.bandChart()->chart()->series().first())->barSets().first()->count(),
        12);

    // For the docs: UNCLOUDED_SCREENSHOT_DIR=docs saves what the panel shows.
    if (const QString shots = qEnvironmentVariable("UNCLOUDED_SCREENSHOT_DIR"); !shots.isEmpty())
        QVERIFY(panel.grab().save(QDir(shots).filePath(QStringLiteral("screenshot-evaluation.png"))));

    const QString csv = dir.filePath(QStringLiteral("e.csv"));
    QVERIFY(panel.exportCsv(csv));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(f.readAll()).count(QLatin1Char('\n')), 4);
    QString error;
    QVERIFY(!panel.exportCsv(dir.filePath(QStringLiteral("missing/e.csv")), &error));
    QVERIFY(!error.isEmpty());
}

void TestEvalPanel::missingInputIsReported()
{
    ui::EvalPanel panel;
    QSignalSpy done(&panel, &ui::EvalPanel::finished);
    panel.setInputs(QStringLiteral("/nonexistent/clear.tif"), QStringLiteral("/nonexistent/mask.tif"), {});
    panel.setMethods({ QStringLiteral("telea") });
    panel.start();
    QVERIFY(done.wait(30000));
    QVERIFY(!done.first().at(0).toBool());
    QVERIFY(done.first().at(1).toString().contains(QStringLiteral("/nonexistent/")));
    // Temporal without a reference is refused before anything runs.
    done.clear();
    panel.setMethods({ QStringLiteral("temporal") });
    panel.start();
    QCOMPARE(done.size(), 1);
    QVERIFY(!panel.isRunning());
}

// The Advanced rows of the Reconstruction dock, for the ticked methods, into the evaluation's options.
void TestEvalPanel::advancedOptionsReachTheEvaluation()
{
    ui::EvalPanel panel;
    auto* advanced = panel.findChild<QToolButton*>(QStringLiteral("evalAdvanced"));
    auto* fit = panel.findChild<QComboBox*>(QStringLiteral("evalTemporalFit"));
    auto* precision = panel.findChild<QComboBox*>(QStringLiteral("evalPrecision"));
    auto* bands = panel.findChild<QComboBox*>(QStringLiteral("evalBandResolution"));
    auto* haze = panel.findChild<QComboBox*>(QStringLiteral("evalHazeGuard"));
    QVERIFY(advanced && fit && precision && bands && haze);
    auto restore = qScopeGuard([&] { // the other tests run as a user who never opened Advanced
        for (QComboBox* c : { fit, precision, bands, haze })
            c->setCurrentIndex(0);
        advanced->setChecked(true);
        advanced->setChecked(false);
    });
    QVERIFY(!fit->isVisibleTo(&panel));
    advanced->click();
    QVERIFY(fit->isVisibleTo(&panel));

    panel.setInputs(QStringLiteral("clear.tif"), QStringLiteral("clouds.tif"), {});
    panel.setMethods({ QStringLiteral("telea"), QStringLiteral("temporal") });
    QVERIFY(!fit->isEnabled()); // no other date to map
    QVERIFY(!precision->isEnabled() && !bands->isEnabled()); // no network
    QVERIFY(!haze->isEnabled()); // no harmonic fill
    panel.setInputs(QStringLiteral("clear.tif"), QStringLiteral("clouds.tif"), { QStringLiteral("ref.tif") });
    QVERIFY(fit->isEnabled());
    QVERIFY(!precision->isEnabled());
    panel.setMethods({ QStringLiteral("telea"), QStringLiteral("pretrained-mono") });
    QVERIFY(precision->isEnabled() && bands->isEnabled());
    QVERIFY(haze->isEnabled()); // the one-date model starts from a harmonic fill
    QVERIFY(panel.options().hazeGuard);

    QCOMPARE(panel.options().temporalFit, recon::TemporalFit::Auto);
    fit->setCurrentIndex(fit->findData(QStringLiteral("per-band")));
    precision->setCurrentIndex(precision->findData(QStringLiteral("float32")));
    bands->setCurrentIndex(bands->findData(QStringLiteral("full")));
    haze->setCurrentIndex(haze->findData(QStringLiteral("off")));
    const eval::EvalOptions o = panel.options();
    QVERIFY(!o.hazeGuard);
    QCOMPARE(o.temporalFit, recon::TemporalFit::PerBand);
    QCOMPARE(o.precision, recon::Precision::Float32);
    QCOMPARE(o.bandResolution, recon::BandResolution::Full);
    bands->setCurrentIndex(bands->findData(QStringLiteral("coarse")));
    QCOMPARE(panel.options().bandResolution, recon::BandResolution::Coarse);
    bands->setCurrentIndex(bands->findData(QStringLiteral("full")));
    // Remembered, and shown in the next session rather than hidden under a collapsed toggle.
    advanced->setChecked(false);
    ui::EvalPanel next;
    QVERIFY(next.findChild<QToolButton*>(QStringLiteral("evalAdvanced"))->isChecked());
    QCOMPARE(next.options().temporalFit, recon::TemporalFit::PerBand);
}

// The AOI drawn on the map limits the evaluation; scores a product cannot have (NDVI without NIR)
// get no bar; a new run takes the last run's scores down at once.
void TestEvalPanel::aoiPlaceholdersAndStaleScores()
{
    QTemporaryDir dir;
    const SampleReport s = smallSample(dir, 22, false);
    // Three bands of the truth, none of them B08: no NDVI.
    const QString rgb = dir.filePath(QStringLiteral("rgb.tif"));
    QStringList bands;
    {
        GDALDatasetH src = GDALOpen(s.main.truthPath.toUtf8().constData(), GA_ReadOnly);
        QVERIFY(src);
        for (int b = 1; b <= GDALGetRasterCount(src) && bands.size() < 6; ++b)
            if (QString::fromUtf8(GDALGetDescription(GDALGetRasterBand(src, b))) != QLatin1String("B08"))
                bands << QStringLiteral("-b") << QString::number(b);
        GDALClose(src);
    }
    QVERIFY(testutil::gdalTranslate(s.main.truthPath, rgb, bands));
    ui::EvalPanel panel;
    panel.resize(1200, 500);
    panel.show();
    auto* aoiOnly = panel.findChild<QCheckBox*>(QStringLiteral("evalAoiOnly"));
    QVERIFY(aoiOnly && !aoiOnly->isEnabled());
    panel.setAoi(QRect(0, 0, 120, 96));
    QVERIFY(aoiOnly->isEnabled() && aoiOnly->isChecked());
    panel.setInputs(rgb, s.main.safePath, {});
    panel.setMethods({ QStringLiteral("telea"), QStringLiteral("harmonic") });
    QCOMPARE(panel.options().aoi.w, 120);
    QSignalSpy done(&panel, &ui::EvalPanel::finished);
    panel.start();
    QVERIFY(done.wait(120000));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    QVERIFY(panel.report().hiddenPixels > 0 && panel.report().hiddenPixels <= 120 * 96);
    QCOMPARE(panel.report().scores.size(), 2);
    QVERIFY(panel.report().scores.first().metrics.ndviMae < 0); // the placeholder
    QCOMPARE(panel.table()->item(0, 5)->text(), QStringLiteral("–"));
    QVERIFY2(done.first().at(1).toString().contains(QStringLiteral("area of interest, 120 x 96 px")),
        qPrintable(done.first().at(1).toString()));
    auto* metric = panel.findChild<QComboBox*>(QStringLiteral("evalMetric"));
    QVERIFY(metric);
    auto bars = [&panel] {
        const auto series = panel.chart()->chart()->series();
        return series.isEmpty() ? 0 : static_cast<int>(static_cast<QBarSeries*>(series.first())->count());
    };
    const int before = metric->currentIndex();
    metric->setCurrentIndex(0); // PSNR: both methods
    QCOMPARE(bars(), 2);
    metric->setCurrentIndex(5); // NDVI MAE: drawn as -1 bars before; now unseen, colours kept
    QCOMPARE(bars(), 2);
    for (QBarSet* set : static_cast<QBarSeries*>(panel.chart()->chart()->series().first())->barSets())
        QCOMPARE(set->color(), QColor(Qt::transparent));
    metric->setCurrentIndex(before);

    // A new run (here one that fails) takes the old scores and their export away at once.
    auto* csv = panel.findChild<QPushButton*>(QStringLiteral("evalCsv"));
    QVERIFY(csv && csv->isEnabled());
    done.clear();
    panel.setInputs(dir.filePath(QStringLiteral("gone.tif")), s.main.safePath, {});
    panel.start();
    QCOMPARE(panel.table()->rowCount(), 0);
    QVERIFY(!csv->isEnabled());
    QVERIFY(done.wait(60000));
    QVERIFY(!done.first().at(0).toBool());
    QCOMPARE(panel.table()->rowCount(), 0);

    // An AOI drawn on the map's layer does not fit a clear product on another grid (here a crop):
    // refused, not scored somewhere else.
    const QString crop = dir.filePath(QStringLiteral("crop.tif"));
    QVERIFY(testutil::gdalTranslate(s.main.truthPath, crop,
        { QStringLiteral("-srcwin"), QStringLiteral("40"), QStringLiteral("40"), QStringLiteral("120"),
            QStringLiteral("120") }));
    auto* ws = new ui::Workspace(&panel); // outlives the panel's last focus-out, as in the window
    ws->layers()->append({ Product::open(s.main.safePath), QStringLiteral("cloudy") });
    ws->layers()->append({ Product::open(crop), QStringLiteral("crop") });
    ws->layers()->append({ Product::open(rgb), QStringLiteral("rgb") });
    panel.setWorkspace(ws);
    ws->setCurrentIndex(0);
    ws->setAoi(QRect(0, 0, 60, 60));
    QVERIFY(aoiOnly->isChecked());
    done.clear();
    panel.setInputs(crop, s.main.safePath, {});
    panel.setMethods({ QStringLiteral("telea") });
    panel.start();
    QCOMPARE(done.size(), 1);
    QVERIFY(!done.first().at(0).toBool());
    QVERIFY2(done.first().at(1).toString().contains(QStringLiteral("another grid")),
        qPrintable(done.first().at(1).toString()));
    QVERIFY(!panel.isRunning());
    // On the map's grid it runs.
    done.clear();
    panel.setInputs(rgb, s.main.safePath, {});
    panel.start();
    QVERIFY(done.wait(120000));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    QVERIFY(panel.report().hiddenPixels <= 60 * 60);
}

QTEST_MAIN(TestEvalPanel)
#include "tst_evalpanel.moc"
