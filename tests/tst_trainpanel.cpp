// The training panel offscreen: start, live curve, pause, resume and stop, driven by signals.
#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/runtime.h"
#include "core/sample/samplegenerator.h"
#include "ui/qcp.h"
#include "ui/trainpanel.h"

using namespace unclouded;

class TestTrainPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startPauseResumeStop();
    void badProductFailsWithAMessage();
    void cloudsOnOtherDatesNeedADateAndAFreshNetwork();
};

void TestTrainPanel::startPauseResumeStop()
{
    initializeRuntime();
    QTemporaryDir dir;
    SampleOptions so;
    so.outDir = dir.path();
    so.size = 384;
    so.seed = 4;
    so.cloudCover = 0.35;
    const SampleReport rep = generateSample(so);

    ui::TrainPanel panel;
    panel.show();
    panel.setProducts({ rep.main.safePath }, 0);
    ml::TrainOptions o;
    o.model.kind = ml::ModelKind::UNet;
    o.model.width = 8;
    o.model.depth = 2;
    o.patch = 32;
    o.epochs = 40;
    o.maxTrainPatches = 16;
    o.out = QDir(dir.path()).filePath(QStringLiteral("unet_cloud.pth"));
    panel.setOptions(o);
    QCOMPARE(panel.options().patch, 32);

    QSignalSpy epochs(&panel, &ui::TrainPanel::epochFinished);
    QSignalSpy done(&panel, &ui::TrainPanel::trainingFinished);
    QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("trainStart")), Qt::LeftButton);
    QVERIFY(panel.isRunning());
    QVERIFY(epochs.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(panel.plot()->graph(2)->dataCount() >= 1, 5000); // validation curve has a point

    // Pause: the batch curve stops growing (one batch may finish after the click).
    QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("trainPause")), Qt::LeftButton);
    QTest::qWait(400);
    const int frozen = panel.plot()->graph(0)->dataCount();
    QTest::qWait(600);
    QCOMPARE(panel.plot()->graph(0)->dataCount(), frozen);
    QVERIFY(done.isEmpty());

    // Resume, then stop.
    QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("trainPause")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel.plot()->graph(0)->dataCount() > frozen, 20000);
    QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("trainStop")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    QCOMPARE(done.first().at(0).toBool(), true);
    QVERIFY(done.first().at(1).toString().contains(QStringLiteral("Stopped")));
    QVERIFY(!panel.isRunning());
    QVERIFY(epochs.size() < 40);
    QVERIFY(QFileInfo::exists(o.out));
}

void TestTrainPanel::badProductFailsWithAMessage()
{
    QTemporaryDir dir;
    ui::TrainPanel panel;
    panel.setProducts({ dir.filePath(QStringLiteral("missing.SAFE")) }, 0);
    ml::TrainOptions o;
    o.out = dir.filePath(QStringLiteral("x.pth"));
    o.patch = 32;
    panel.setOptions(o);
    QSignalSpy done(&panel, &ui::TrainPanel::trainingFinished);
    panel.start();
    QVERIFY(done.wait(20000));
    QCOMPARE(done.first().at(0).toBool(), false);
    QVERIFY(done.first().at(1).toString().contains(QStringLiteral("missing.SAFE")));
}

QTEST_MAIN(TestTrainPanel)

void TestTrainPanel::cloudsOnOtherDatesNeedADateAndAFreshNetwork()
{
    // "clouds on other dates" gives --reference-clouds 0.5 with a reference date from scratch;
    // without a date it is off, and a fine-tune keeps its start's (-1).
    ui::TrainPanel panel;
    panel.setProducts({ QStringLiteral("/data/a.tif") }, 0, { QStringLiteral("/data/b.tif") });
    auto* clouds = panel.findChild<QCheckBox*>(QStringLiteral("train/referenceClouds"));
    auto* init = panel.findChild<QComboBox*>(QStringLiteral("trainInit"));
    QVERIFY(clouds && init);
    init->setCurrentIndex(init->findData(QString()));
    clouds->setChecked(true);
    ml::TrainOptions o = panel.options();
    QVERIFY(o.references.isEmpty());
    QVERIFY(!clouds->isEnabled());
    QCOMPARE(o.referenceClouds, 0.0);
    o.references = { QStringLiteral("/data/b.tif") };
    panel.setOptions(o);
    QVERIFY(clouds->isEnabled());
    clouds->setChecked(true);
    QCOMPARE(panel.options().references, QStringList { QStringLiteral("/data/b.tif") });
    QCOMPARE(panel.options().referenceClouds, 0.5);
    clouds->setChecked(false);
    QCOMPARE(panel.options().referenceClouds, 0.0);
    clouds->setChecked(true);
    init->setCurrentIndex(init->findData(QStringLiteral("pretrained")));
    QVERIFY(!clouds->isEnabled());
    QCOMPARE(panel.options().referenceClouds, -1.0);
    // A stored run with clouds brings the box back checked.
    o.init.clear();
    o.referenceClouds = 0.5;
    clouds->setChecked(false);
    panel.setOptions(o);
    QVERIFY(clouds->isChecked() && clouds->isEnabled());
}

#include "tst_trainpanel.moc"
