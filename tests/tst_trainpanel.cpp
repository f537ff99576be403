// The training panel offscreen: start, live curve, pause, resume and stop, driven by signals.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/runtime.h"
#include "core/sample/samplegenerator.h"
#include "ui/qcp.h"
#include "ui/trainpanel.h"
#include "ui/wheelguard.h"

using namespace unclouded;

namespace {
QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestTrainPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startPauseResumeStop();
    void badProductFailsWithAMessage();
    void cloudsOnOtherDatesNeedADateAndAFreshNetwork();
    void aFineTuneTakesItsNetworkFromTheCheckpoint();
    void wheelScrollsTheFormNotTheOptionUnderThePointer();
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
    // The options a run uses cannot be edited under it, and the checkpoint it writes is the one the
    // app offers afterwards (an edited field offered another file).
    auto* outField = panel.findChild<QLineEdit*>(QStringLiteral("trainOut"));
    QVERIFY(outField && !outField->isEnabled());
    QCOMPARE(panel.runCheckpoint(), o.out);
    if (qEnvironmentVariableIsSet("UNCLOUDED_SHOTS"))
        panel.grab().save(qEnvironmentVariable("UNCLOUDED_SHOTS") + QStringLiteral("/trainpanel.png"));

    // Pause: the batch curve stops growing once the batch under way ends. That batch can take
    // longer than a fixed wait on a loaded machine or under the sanitizers: wait until the curve holds
    // still for half a second, then it must hold still. A pause that does nothing never holds still.
    QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("trainPause")), Qt::LeftButton);
    int frozen = -1;
    for (int tries = 0; tries < 60 && frozen < 0; ++tries) {
        const int before = panel.plot()->graph(0)->dataCount();
        QTest::qWait(500);
        if (panel.plot()->graph(0)->dataCount() == before)
            frozen = before;
    }
    QVERIFY2(frozen >= 0, "the batch curve kept growing after Pause");
    QTest::qWait(1500);
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
    QVERIFY(outField->isEnabled());
    QVERIFY(epochs.size() < 40);
    QVERIFY(QFileInfo::exists(o.out));

    // Start again with the same path: the last run's model was replaced unasked; now the user is asked,
    // and Cancel keeps it.
    auto* start = panel.findChild<QPushButton*>(QStringLiteral("trainStart"));
    const QByteArray model = readFile(o.out);
    auto answer = [&](QMessageBox::StandardButton b) {
        QMessageBox* box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (box = panel.findChild<QMessageBox*>(QStringLiteral("trainReplaceAsk"))) && box->isVisible(),
            5000);
        QVERIFY(box->text().contains(o.out));
        box->button(b)->click();
    };
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(!panel.isRunning());
    answer(QMessageBox::Cancel);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!panel.isRunning());
    QCOMPARE(readFile(o.out), model);
    // A file of another kind there (a GeoTIFF typed as the checkpoint) is refused, not asked about.
    const QString tif = QDir(dir.path()).filePath(QStringLiteral("result.tif"));
    QFile f(tif);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write("II*\0 a GeoTIFF") > 0);
    f.close();
    panel.findChild<QLineEdit*>(QStringLiteral("trainOut"))->setText(tif);
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(!panel.isRunning());
    QTRY_VERIFY(!panel.findChild<QMessageBox*>(QStringLiteral("trainReplaceAsk"))); // the answered one gone
    const QString said = panel.findChild<QLabel*>(QStringLiteral("trainStatus"))->text();
    QVERIFY2(said.contains(QStringLiteral("exists and is not a checkpoint")), qPrintable(said));
    QCOMPARE(readFile(tif), QByteArray("II*\0 a GeoTIFF"));
    // Yes replaces it.
    panel.findChild<QLineEdit*>(QStringLiteral("trainOut"))->setText(o.out);
    QSignalSpy again(&panel, &ui::TrainPanel::trainingFinished);
    QTest::mouseClick(start, Qt::LeftButton);
    answer(QMessageBox::Yes);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(panel.isRunning());
    panel.stop();
    QVERIFY(again.wait(60000));
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
    QVERIFY(!done.first().at(2).toBool()); // not stopped by the user: a failure
    // Busy while it collected crops, not left spinning after it ended before a batch.
    QVERIFY(panel.findChild<QProgressBar*>()->maximum() > 0);
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

void TestTrainPanel::aFineTuneTakesItsNetworkFromTheCheckpoint()
{
    // As `train --init pretrained` does: the checkpoint's network and crop size (patch 0), not the
    // form's 128 px crops (7x the pixels of the general model's) beside fields that chose nothing.
    ui::TrainPanel panel;
    panel.setProducts({ QStringLiteral("/data/a.tif") }, 0);
    auto* init = panel.findChild<QComboBox*>(QStringLiteral("trainInit"));
    auto* patch = panel.findChild<QSpinBox*>(QStringLiteral("train/patch"));
    auto* width = panel.findChild<QSpinBox*>(QStringLiteral("train/width"));
    auto* model = panel.findChild<QComboBox*>(QStringLiteral("train/model"));
    QVERIFY(init && patch && width && model);
    init->setCurrentIndex(init->findData(QString()));
    patch->setValue(96);
    QCOMPARE(panel.options().patch, 96);
    QVERIFY(patch->isEnabled() && width->isEnabled() && model->isEnabled());
    init->setCurrentIndex(init->findData(QStringLiteral("pretrained")));
    QCOMPARE(panel.options().patch, 0);
    QVERIFY(!patch->isEnabled() && !width->isEnabled() && !model->isEnabled());
    init->setCurrentIndex(init->findData(QString()));
    QCOMPARE(panel.options().patch, 96);
    QVERIFY(patch->isEnabled());
}

void TestTrainPanel::wheelScrollsTheFormNotTheOptionUnderThePointer()
{
    // Found looking at the app: scrolling the Training options with the wheel changed "Start from"
    // as it passed under the pointer, and the panel remembered the new value.
    ui::WheelGuard guard;
    qApp->installEventFilter(&guard);
    ui::TrainPanel panel;
    panel.setStacked(true); // as in a side column, where the options scroll in less than their height
    panel.resize(380, 520);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto* init = panel.findChild<QComboBox*>(QStringLiteral("trainInit"));
    QVERIFY(init);
    QSpinBox* spin = nullptr; // the first one the preset leaves enabled
    for (QSpinBox* s : panel.findChildren<QSpinBox*>())
        if (!spin && s->isEnabled())
            spin = s;
    QVERIFY(spin);
    QScrollArea* area = nullptr;
    for (QWidget* w = init->parentWidget(); w && !area; w = w->parentWidget())
        area = qobject_cast<QScrollArea*>(w);
    QVERIFY(area);
    QScrollBar* bar = area->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    init->setCurrentIndex(0);
    bar->setValue(0);
    auto wheel = [](QWidget* w) {
        const QPointF at(w->width() / 2.0, w->height() / 2.0);
        QWheelEvent e(at, w->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
            Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(w, &e);
    };
    // The window active, as in the app: a field that took focus from the wheel would change.
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    QCOMPARE(init->focusPolicy(), Qt::StrongFocus);
    QCOMPARE(spin->focusPolicy(), Qt::StrongFocus);
    const int spinValue = spin->value();
    wheel(init);
    QVERIFY(!init->hasFocus());
    QCOMPARE(init->currentIndex(), 0);
    QVERIFY(bar->value() > 0); // the form scrolled instead
    const int scrolled = bar->value();
    wheel(spin);
    QCOMPARE(spin->value(), spinValue);
    QVERIFY(bar->value() > scrolled);
    // Clicked (focused), the field takes the wheel as before.
    init->setFocus();
    QTRY_VERIFY(init->hasFocus());
    wheel(init);
    QCOMPARE(init->currentIndex(), 1);
    qApp->removeEventFilter(&guard);
}

#include "tst_trainpanel.moc"
