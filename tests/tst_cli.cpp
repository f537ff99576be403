// unclouded-cli as scripts use it: exit codes, messages, outputs GDAL can open.
#include <csignal>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "testutil.h"

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFileInfo::exists(testutil::cliPath()), "UNCLOUDED_CLI not set"); }
    void badArguments_data();
    void badArguments();
    void version();
    void scenesFileIsChecked();
    void outputFoldersAreCheckedFirst();
    void filesOfAnotherKindArePipesAreRefused();
    void referenceIsAnotherDate();
    void makeSampleWritesAProductGdalOpens();
    void infoAndTrainOnASample();
    void infoOfAnL1cSaysWhereItsCloudsAndShadowsComeFrom();
    void noDataAndDegreesAreNamedRight();
    void referenceWithoutClassesTakesAMask();
    void interruptLeavesNoFile_data();
    void interruptLeavesNoFile();
    void fullDiskSaysSoAndLeavesNothing();
    void shellLimitsAndIgnoredSignals();
    void staleTemporariesOfAnOutputAreRemoved();
    void outputOptionsAreTold();

private:
    struct Result
    {
        int code;
        QString out, err;
    };
    // make-sample of `size` px with `seed` into dir/s: the SAFE's path, empty when it failed.
    QString makeSample(const QTemporaryDir& dir, int size, int seed)
    {
        const QString out = dir.filePath(QStringLiteral("s"));
        if (run({ QStringLiteral("make-sample"), out, QStringLiteral("--size"), QString::number(size),
                    QStringLiteral("--seed"), QString::number(seed) })
                .code
            != 0)
            return {};
        const QDir s(out);
        return s.filePath(s.entryList({ QStringLiteral("*.SAFE") }, QDir::Dirs).value(0));
    }
    Result run(const QStringList& args)
    {
        QProcess p;
        p.start(testutil::cliPath(), args);
        p.waitForFinished(300000);
        return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
    }
};

void TestCli::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList {} << QStringLiteral("Usage");
    QTest::newRow("unknown command") << QStringList { QStringLiteral("frobnicate") }
                                     << QStringLiteral("unknown command");
    QTest::newRow("missing OUT_DIR") << QStringList { QStringLiteral("make-sample") }
                                     << QStringLiteral("OUT_DIR");
    QTest::newRow("size not a number") << QStringList { QStringLiteral("make-sample"),
        QStringLiteral("/tmp/x"), QStringLiteral("--size"), QStringLiteral("big") }
                                       << QStringLiteral("--size must be an integer");
    QTest::newRow("size not multiple of 6") << QStringList { QStringLiteral("make-sample"),
        QStringLiteral("/tmp/x"), QStringLiteral("--size"), QStringLiteral("601") }
                                            << QStringLiteral("multiple of 6");
    QTest::newRow("cloud cover out of range") << QStringList { QStringLiteral("make-sample"),
        QStringLiteral("/tmp/x"), QStringLiteral("--cloud-cover"), QStringLiteral("2") }
                                              << QStringLiteral("--cloud-cover");
    QTest::newRow("bad level") << QStringList { QStringLiteral("make-sample"), QStringLiteral("/tmp/x"),
        QStringLiteral("--level"), QStringLiteral("L3") }
                               << QStringLiteral("--level must be L2A or L1C");
    QTest::newRow("train without --model") << QStringList { QStringLiteral("train"),
        QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--out"), QStringLiteral("/tmp/x.pth") }
                                           << QStringLiteral("--model must be cnn or unet");
    QTest::newRow("train without --out") << QStringList { QStringLiteral("train"),
        QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--model"), QStringLiteral("cnn") }
                                         << QStringLiteral("--out CKPT is required");
    QTest::newRow("train bad patch") << QStringList { QStringLiteral("train"), QStringLiteral("/tmp/x.SAFE"),
        QStringLiteral("--model"), QStringLiteral("cnn"), QStringLiteral("--out"),
        QStringLiteral("/tmp/x.pth"), QStringLiteral("--patch"), QStringLiteral("100") }
                                     << QStringLiteral(
                                            "patch size must be 8 to 1024 px and a multiple of 8 for this "
                                            "model (got 100)");
    QTest::newRow("reconstruct --out a picture") << QStringList { QStringLiteral("reconstruct"),
        QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--method"), QStringLiteral("telea"),
        QStringLiteral("--out"), QStringLiteral("/tmp/x.png") }
                                                 << QStringLiteral("the output is a GeoTIFF; name it .tif");
    QTest::newRow("train --lr 0") << QStringList { QStringLiteral("train"), QStringLiteral("/tmp/x.SAFE"),
        QStringLiteral("--model"), QStringLiteral("cnn"), QStringLiteral("--out"),
        QStringLiteral("/tmp/x.pth"), QStringLiteral("--lr"), QStringLiteral("0") }
                                  << QStringLiteral("--lr must be a positive number (got 0)");
    QTest::newRow("train --steps too large")
        << QStringList { QStringLiteral("train"), QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--model"),
               QStringLiteral("cnn"), QStringLiteral("--out"), QStringLiteral("/tmp/x.pth"),
               QStringLiteral("--steps"), QStringLiteral("99999999999") }
        << QStringLiteral("--steps 99999999999: not a number this option takes");
    QTest::newRow("train bad class") << QStringList { QStringLiteral("train"), QStringLiteral("/tmp/x.SAFE"),
        QStringLiteral("--model"), QStringLiteral("cnn"), QStringLiteral("--out"),
        QStringLiteral("/tmp/x.pth"), QStringLiteral("--classes"), QStringLiteral("fog") }
                                     << QStringLiteral("unknown class 'fog'");
    QTest::newRow("class beyond SCL's") << QStringList { QStringLiteral("info"),
        QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--classes"), QStringLiteral("cloud,99") }
                                        << QStringLiteral("unknown class '99'");
    QTest::newRow("no class") << QStringList { QStringLiteral("info"), QStringLiteral("/tmp/x.SAFE"),
        QStringLiteral("--classes"), QStringLiteral(",") }
                              << QStringLiteral("no class named");
    QTest::newRow("train depth beyond 6") << QStringList { QStringLiteral("train"),
        QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--model"), QStringLiteral("unet"),
        QStringLiteral("--out"), QStringLiteral("/tmp/x.pth"), QStringLiteral("--depth"),
        QStringLiteral("31"), QStringLiteral("--patch"), QStringLiteral("32") }
                                          << QStringLiteral("depth must be 1 to 6 (got 31)");
    QTest::newRow("window of 1 px") << QStringList { QStringLiteral("reconstruct"),
        QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--method"), QStringLiteral("telea"),
        QStringLiteral("--out"), QStringLiteral("/tmp/x.tif"), QStringLiteral("--window"),
        QStringLiteral("1") } << QStringLiteral("window must be 32 to 4096 px");
    QTest::newRow("info bad dilate") << QStringList { QStringLiteral("info"), QStringLiteral("/tmp/x.SAFE"),
        QStringLiteral("--dilate"), QStringLiteral("-1") }
                                     << QStringLiteral("--dilate");
    // One buffer limit for every command and the GUI (MaskSpec::kMaxDilatePx).
    QTest::newRow("info dilate over the limit") << QStringList { QStringLiteral("info"),
        QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--dilate"),
        QStringLiteral("101") } << QStringLiteral("--dilate must be an integer between 0 and 100");
    QTest::newRow("reconstruct dilate over the limit") << QStringList { QStringLiteral("reconstruct"),
        QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--method"), QStringLiteral("telea"),
        QStringLiteral("--out"), QStringLiteral("/tmp/x.tif"), QStringLiteral("--dilate"),
        QStringLiteral("101") } << QStringLiteral("--dilate must be an integer between 0 and 100");
    QTest::newRow("mask values without a mask")
        << QStringList { QStringLiteral("info"), QStringLiteral("/tmp/x.SAFE"),
               QStringLiteral("--mask-values"), QStringLiteral("2,3,4") }
        << QStringLiteral("--mask-values, --mask-nodata and --mask-above go with --mask");
    QTest::newRow("mask threshold not a number")
        << QStringList { QStringLiteral("info"), QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--mask"),
               QStringLiteral("/tmp/p.tif"), QStringLiteral("--mask-above"), QStringLiteral("40%") }
        << QStringLiteral("Mask threshold \"40%\": not a number");
    QTest::newRow("mask threshold with values") << QStringList { QStringLiteral("reconstruct"),
        QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--method"), QStringLiteral("telea"),
        QStringLiteral("--out"), QStringLiteral("/tmp/x.tif"), QStringLiteral("--mask"),
        QStringLiteral("/tmp/p.tif"), QStringLiteral("--mask-above"), QStringLiteral("0.4"),
        QStringLiteral("--mask-values"), QStringLiteral("3") }
                                                << QStringLiteral("--mask-above says on its own what hides");
    QTest::newRow("reconstruct bad mask values") << QStringList { QStringLiteral("reconstruct"),
        QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--method"), QStringLiteral("telea"),
        QStringLiteral("--out"), QStringLiteral("/tmp/x.tif"), QStringLiteral("--mask"),
        QStringLiteral("/tmp/m.tif"), QStringLiteral("--mask-values"), QStringLiteral("4,300") }
                                                 << QStringLiteral("300 is outside 0-255");
    QTest::newRow("train mask nodata not a value") << QStringList { QStringLiteral("train"),
        QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--model"), QStringLiteral("cnn"),
        QStringLiteral("--out"), QStringLiteral("/tmp/x.pth"), QStringLiteral("--mask"),
        QStringLiteral("/tmp/m.tif"), QStringLiteral("--mask-nodata"), QStringLiteral("fill") }
                                                   << QStringLiteral("\"fill\" is not a value");
    QTest::newRow("unknown option") << QStringList { QStringLiteral("make-sample"), QStringLiteral("/tmp/x"),
        QStringLiteral("--colour") } << QStringLiteral("Unknown option");
    // Each method failed on it in turn and evaluate exited 0 with an empty table.
    QTest::newRow("evaluate window of 1 px")
        << QStringList { QStringLiteral("evaluate"), QStringLiteral("--clear"), QStringLiteral("/tmp/c.tif"),
               QStringLiteral("--masks-from"), QStringLiteral("/tmp/m.SAFE"), QStringLiteral("--methods"),
               QStringLiteral("telea"), QStringLiteral("--window"), QStringLiteral("1") }
        << QStringLiteral("The window must be 32 to 4096 px");
    // Was cut to half the window without a word.
    QTest::newRow("overlap over half the window") << QStringList { QStringLiteral("reconstruct"),
        QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--method"), QStringLiteral("telea"),
        QStringLiteral("--out"), QStringLiteral("/tmp/x.tif"), QStringLiteral("--window"),
        QStringLiteral("256"), QStringLiteral("--overlap"), QStringLiteral("200") }
                                                  << QStringLiteral("the overlap at most half the window");
    // Options of evaluate's other form were accepted and ignored.
    QTest::newRow("evaluate result with methods")
        << QStringList { QStringLiteral("evaluate"), QStringLiteral("--result"), QStringLiteral("/tmp/r.tif"),
               QStringLiteral("--truth"), QStringLiteral("/tmp/t.tif"), QStringLiteral("--mask"),
               QStringLiteral("/tmp/m.tif"), QStringLiteral("--aoi"), QStringLiteral("0,0,64,64") }
        << QStringLiteral("--aoi belongs to --clear/--masks-from");
    QTest::newRow("evaluate simulated with truth") << QStringList { QStringLiteral("evaluate"),
        QStringLiteral("--clear"), QStringLiteral("/tmp/c.tif"), QStringLiteral("--masks-from"),
        QStringLiteral("/tmp/m.SAFE"), QStringLiteral("--truth"), QStringLiteral("/tmp/t.tif") }
                                                   << QStringLiteral("--truth and --mask belong to --result");
}

void TestCli::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Result r = run(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/x/sample.json")));
}

// train --scenes: a misspelt key or a wrong type trained on less than asked, silently.
void TestCli::scenesFileIsChecked()
{
    QTemporaryDir dir;
    const QString scenes = dir.filePath(QStringLiteral("scenes.json"));
    const QList<QPair<QByteArray, QString>> cases {
        { R"([{"product": "a.SAFE", "refrences": ["b.SAFE"]}])",
            QStringLiteral("scene 1 has \"refrences\"") },
        { R"([{"product": "a.SAFE", "references": "b.SAFE"}])",
            QStringLiteral("\"references\" must be a list of paths") },
        { R"([{"product": "a.SAFE", "mask": 5}])", QStringLiteral("\"mask\" must be a path") },
        { R"([{"product": "a.SAFE"}, 3])", QStringLiteral("scene 2 is not an object") },
        { R"([{"shapes": "c.tif", "product": "a.SAFE"}])", QStringLiteral("its keys are shapes, mask, scl") },
        { R"([{"product": "a.SAFE", "mask": "m.tif", "scl": "s.tif"}])",
            QStringLiteral("scene 1 has both \"mask\" and \"scl\"") },
        { R"([{"product": "a.SAFE", "references": ["b.tif", "c.tif"], "reference_scl": ["s.tif"]}])",
            QStringLiteral("\"reference_scl\" has 1 entries for 2 references") },
        { R"([{"product": "a.SAFE", "references": ["b.tif"], "reference_masks": ["m.tif"],
               "reference_scl": ["s.tif"]}])",
            QStringLiteral("scene 1: reference 1 has both a mask and an SCL") },
        { R"([{"product": "a.SAFE", "references": ["b.tif"], "reference_masks": [3]}])",
            QStringLiteral("\"reference_masks\" must be a list of paths") },
    };
    for (const auto& [text, message] : cases) {
        QFile f(scenes);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
        f.close();
        const Result r
            = run({ QStringLiteral("train"), QStringLiteral("--scenes"), scenes, QStringLiteral("--model"),
                QStringLiteral("unet"), QStringLiteral("--out"), dir.filePath(QStringLiteral("m.pth")) });
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }
    // A scene's reference SCL is read as an input (the key reaches the scene).
    {
        QFile f(scenes);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(
            R"([{"product": "a.SAFE", "references": ["b.tif", "c.tif"], "reference_scl": ["", "m.pth"]}])");
        f.close();
        const Result r
            = run({ QStringLiteral("train"), QStringLiteral("--scenes"), scenes, QStringLiteral("--model"),
                QStringLiteral("unet"), QStringLiteral("--out"), dir.filePath(QStringLiteral("m.pth")) });
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("would overwrite the input --scenes reference mask")),
            qPrintable(r.err));
    }
    // Each scene lists its own other dates: --reference (and its masks) would have gone to every scene.
    QFile f(scenes);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(R"([{"product": "a.SAFE", "references": ["b.SAFE", "c.SAFE"]}])");
    f.close();
    const Result r = run({ QStringLiteral("train"), QStringLiteral("--scenes"), scenes,
        QStringLiteral("--model"), QStringLiteral("unet"), QStringLiteral("--reference"),
        QStringLiteral("d.tif"), QStringLiteral("--reference-scl"), QStringLiteral("d_scl.tif"),
        QStringLiteral("--out"), dir.filePath(QStringLiteral("m.pth")) });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("with --scenes each scene lists its own references")),
        qPrintable(r.err));
}

// An output in a folder that is not there, or a folder given as the output, is a usage error before
// any work (train failed after its first validation round, evaluate after scoring every method).
void TestCli::outputFoldersAreCheckedFirst()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("no/such/folder/x"));
    const QList<QPair<QStringList, QString>> cases {
        { { QStringLiteral("train"), QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--model"),
              QStringLiteral("cnn"), QStringLiteral("--out"), missing + QStringLiteral(".pth") },
            QStringLiteral("does not exist") },
        { { QStringLiteral("evaluate"), QStringLiteral("--clear"), QStringLiteral("/tmp/x.tif"),
              QStringLiteral("--masks-from"), QStringLiteral("/tmp/y.SAFE"), QStringLiteral("--methods"),
              QStringLiteral("telea"), QStringLiteral("--json"), missing + QStringLiteral(".json") },
            QStringLiteral("does not exist") },
        { { QStringLiteral("reconstruct"), QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--method"),
              QStringLiteral("telea"), QStringLiteral("--out"), dir.path() + QLatin1Char('/') },
            QStringLiteral("is a folder") },
        { { QStringLiteral("reconstruct"), QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--method"),
              QStringLiteral("telea"), QStringLiteral("--out"), QString() },
            QStringLiteral("--out needs a file name") },
        // x + w past the largest int (an overflow, undefined, in the area checks).
        { { QStringLiteral("train"), QStringLiteral("/tmp/x.SAFE"), QStringLiteral("--model"),
              QStringLiteral("cnn"), QStringLiteral("--aoi"), QStringLiteral("100,0,2147483647,64"),
              QStringLiteral("--out"), dir.filePath(QStringLiteral("m.pth")) },
            QStringLiteral("--aoi must be x,y,w,h") },
    };
    for (const auto& [args, message] : cases) {
        const Result r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }
}

// A GeoTIFF given as train's --out or --log-json, notes as fields' --gpkg, a database as reconstruct's
// --out: written over (the log appended to the GeoTIFF). A pipe as an input blocked forever, through Ctrl+C.
void TestCli::filesOfAnotherKindArePipesAreRefused()
{
    QTemporaryDir dir;
    const QString safe = makeSample(dir, 120, 2);
    QVERIFY(!safe.isEmpty());
    const QString notes = dir.filePath(QStringLiteral("notes.txt")),
                  tif = dir.filePath(QStringLiteral("a.tif")), db = dir.filePath(QStringLiteral("farm.db"));
    // An SQLite database that is not a GeoPackage (application_id 0 at byte 68) is somebody's data.
    const QByteArray sqlite = QByteArrayLiteral("SQLite format 3\0") + QByteArray(84, '\0') + "my table";
    for (const QString& f : { notes, tif, db }) {
        QFile file(f);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(f == tif ? QByteArray("II*\0 a GeoTIFF") : f == db ? sqlite : QByteArray("my notes\n"));
    }
    const QString model = dir.filePath(QStringLiteral("m.pth"));
    const QList<QPair<QStringList, QString>> cases {
        { { QStringLiteral("train"), safe, QStringLiteral("--model"), QStringLiteral("cnn"),
              QStringLiteral("--out"), tif },
            QStringLiteral("--out: %1 exists and is not a checkpoint").arg(tif) },
        { { QStringLiteral("train"), safe, QStringLiteral("--model"), QStringLiteral("cnn"),
              QStringLiteral("--out"), model, QStringLiteral("--log-json"), tif },
            QStringLiteral("--log-json: %1 exists and is not a JSON file").arg(tif) },
        { { QStringLiteral("fields"), safe, QStringLiteral("--parcels"),
              dir.filePath(QStringLiteral("s/parcels.gpkg")), QStringLiteral("--gpkg"), notes },
            QStringLiteral("--gpkg: %1 exists and is not a GeoPackage").arg(notes) },
        { { QStringLiteral("fields"), safe, QStringLiteral("--parcels"),
              dir.filePath(QStringLiteral("s/parcels.gpkg")), QStringLiteral("--gpkg"), db },
            QStringLiteral("--gpkg: %1 exists and is not a GeoPackage").arg(db) },
        { { QStringLiteral("reconstruct"), safe, QStringLiteral("--method"), QStringLiteral("telea"),
              QStringLiteral("--out"), db },
            QStringLiteral("--out: %1 exists and is not a GeoTIFF").arg(db) },
    };
    for (const auto& [args, message] : cases) {
        const Result r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }
    QFile n(notes), t(tif);
    QFile d(db);
    QVERIFY(n.open(QIODevice::ReadOnly) && t.open(QIODevice::ReadOnly) && d.open(QIODevice::ReadOnly));
    QCOMPARE(d.readAll(), sqlite);
    QCOMPARE(n.readAll(), QByteArray("my notes\n"));
    QCOMPARE(t.readAll(), QByteArray("II*\0 a GeoTIFF"));
    QVERIFY(!QFileInfo::exists(model));

    const QString fifo = dir.filePath(QStringLiteral("pipe.tif"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const QList<QStringList> blocked { { QStringLiteral("info"), fifo },
        { QStringLiteral("info"), safe, QStringLiteral("--mask"), fifo },
        { QStringLiteral("fields"), safe, QStringLiteral("--parcels"), fifo, QStringLiteral("--csv"),
            dir.filePath(QStringLiteral("f.csv")) } };
    for (const QStringList& args : blocked) {
        const Result r = run(args); // run() gives up after its timeout: a failure, not a hang
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("%1: it is a pipe, a socket or a device").arg(fifo)),
            qPrintable(r.err));
    }
}

// The product given as its own other date was used as one (every hidden pixel "filled" from itself
// where the fit allowed): refused, by reconstruct and by train.
void TestCli::referenceIsAnotherDate()
{
    QTemporaryDir dir;
    const QString safe = makeSample(dir, 120, 2);
    QVERIFY(!safe.isEmpty());
    Result r = run({ QStringLiteral("reconstruct"), safe, QStringLiteral("--method"),
        QStringLiteral("temporal"), QStringLiteral("--reference"), safe + QStringLiteral("/"),
        QStringLiteral("--out"), dir.filePath(QStringLiteral("o.tif")) });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("is the product itself")), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("o.tif"))));
    r = run({ QStringLiteral("train"), safe, QStringLiteral("--model"), QStringLiteral("cnn"),
        QStringLiteral("--reference"), safe, QStringLiteral("--steps"), QStringLiteral("2"),
        QStringLiteral("--out"), dir.filePath(QStringLiteral("m.pth")) });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("is the product itself")), qPrintable(r.err));
    // A quicklook under a name that is no PNG or JPEG would hold PNG bytes: refused first.
    r = run({ QStringLiteral("reconstruct"), safe, QStringLiteral("--method"), QStringLiteral("telea"),
        QStringLiteral("--out"), dir.filePath(QStringLiteral("o.tif")), QStringLiteral("--quicklook"),
        dir.filePath(QStringLiteral("q.bmp")) });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("--quicklook must name a .png or .jpg file")), qPrintable(r.err));
    // A method that reads no other date: the --reference is said to be unused, not opened (this one is
    // not there), and not recorded in the output as used.
    const QString out = dir.filePath(QStringLiteral("unused.tif"));
    r = run({ QStringLiteral("reconstruct"), safe, QStringLiteral("--method"), QStringLiteral("telea"),
        QStringLiteral("--reference"), dir.filePath(QStringLiteral("gone.SAFE")), QStringLiteral("--out"),
        out });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("reads no other date: --reference")), qPrintable(r.err));
    GDALAllRegister();
    GDALDatasetH ds = GDALOpen(out.toUtf8().constData(), GA_ReadOnly);
    QVERIFY(ds);
    QVERIFY(!GDALGetMetadataItem(ds, "UNCLOUDED_REFERENCE", nullptr));
    GDALClose(ds);
}

void TestCli::version()
{
    const Result r = run({ QStringLiteral("--version") });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QStringLiteral("GDAL 3.")));
    QVERIFY(r.out.contains(QStringLiteral("LibTorch 1.")));
}

void TestCli::makeSampleWritesAProductGdalOpens()
{
    QTemporaryDir dir;
    const Result r = run({ QStringLiteral("make-sample"), dir.path(), QStringLiteral("--size"),
        QStringLiteral("240"), QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--zip") });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QStringLiteral("cloud cover")));
    const QStringList zips = QDir(dir.path()).entryList({ QStringLiteral("S2B_MSIL2A_*.zip") });
    QCOMPARE(zips.size(), 1);
    GDALAllRegister();
    GDALDatasetH ds = GDALOpen(QDir(dir.path()).filePath(zips.first()).toUtf8().constData(), GA_ReadOnly);
    QVERIFY(ds);
    QCOMPARE(
        QString::fromLatin1(GDALGetDriverShortName(GDALGetDatasetDriver(ds))), QStringLiteral("SENTINEL2"));
    GDALClose(ds);
}

void TestCli::infoAndTrainOnASample()
{
    QTemporaryDir dir;
    QCOMPARE(run({ QStringLiteral("make-sample"), dir.path(), QStringLiteral("--size"), QStringLiteral("384"),
                     QStringLiteral("--seed"), QStringLiteral("4") })
                 .code,
        0);
    const QString safe
        = QDir(dir.path())
              .filePath(QDir(dir.path()).entryList({ QStringLiteral("*.SAFE") }, QDir::Dirs).value(0));
    const Result info = run({ QStringLiteral("info"), safe, QStringLiteral("--json") });
    QCOMPARE(info.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(info.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("tile")).toString(), QStringLiteral("T33UUU"));
    QCOMPARE(o.value(QStringLiteral("bands")).toArray().size(), 12);
    QCOMPARE(o.value(QStringLiteral("bands"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("offset"))
                 .toDouble(),
        -1000.0);
    QVERIFY(o.value(QStringLiteral("hidden_percent")).toDouble() > 5);

    const QString ckpt = QDir(dir.path()).filePath(QStringLiteral("simple_cnn_cloud.pth"));
    const QString log = QDir(dir.path()).filePath(QStringLiteral("log.jsonl"));
    const Result t = run({ QStringLiteral("train"), safe, QStringLiteral("--model"), QStringLiteral("cnn"),
        QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--patch"), QStringLiteral("32"),
        QStringLiteral("--width"), QStringLiteral("8"), QStringLiteral("--max-patches"), QStringLiteral("16"),
        QStringLiteral("--out"), ckpt, QStringLiteral("--log-json"), log });
    QVERIFY2(t.code == 0, qPrintable(t.err));
    QVERIFY(QFileInfo::exists(ckpt) && QFileInfo::exists(ckpt + QStringLiteral(".json")));
    QFile f(log);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2); // one JSON record per epoch
    const QJsonObject rec = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(rec.value(QStringLiteral("epoch")).toInt(), 2);
    QVERIFY(rec.contains(QStringLiteral("val_loss")) && rec.contains(QStringLiteral("patches_per_s")));
}

// An L1C's classes come from its MSK_CLASSI_B00, and its shadows are estimated: info says both.
namespace {

// A 64 x 64 four-band GeoTIFF on a lon / lat grid of `pixel` degrees, or its SCL when scl is set: a
// quarter no data (0), a 16 px cloud (9), the rest vegetation (4).
void writeLonLatTiff(const QString& path, double pixel, bool scl)
{
    GDALAllRegister();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    const int bands = scl ? 1 : 4;
    GDALDataset* ds
        = drv->Create(path.toUtf8().constData(), 64, 64, bands, scl ? GDT_Byte : GDT_UInt16, nullptr);
    double gt[6] = { 2.0, pixel, 0, 48.0, 0, -pixel };
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(4326);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    ds->SetSpatialRef(&srs);
    const char* names[] = { "B02", "B03", "B04", "B08" };
    for (int b = 0; b < bands; ++b) {
        std::vector<uint16_t> v(64 * 64);
        for (int y = 0; y < 64; ++y)
            for (int x = 0; x < 64; ++x)
                v[y * 64 + x] = scl ? (x < 16 ? 0 : (x >= 32 && x < 48 && y >= 24 && y < 40 ? 9 : 4))
                                    : uint16_t(800 + 300 * b + x + y);
        GDALRasterBand* band = ds->GetRasterBand(b + 1);
        if (!scl)
            band->SetDescription(names[b]);
        QVERIFY(
            band->RasterIO(GF_Write, 0, 0, 64, 64, v.data(), 64, 64, GDT_UInt16, 0, 0, nullptr) == CE_None);
    }
    GDALClose(ds);
}

// product.tif and its scl.tif on a 1e-4 degree grid, and other.tif on `otherPixel` degrees.
struct LonLatScene
{
    QString product, scl, other;
};
LonLatScene writeLonLatScene(const QTemporaryDir& dir, double otherPixel)
{
    const LonLatScene s { dir.filePath(QStringLiteral("product.tif")),
        dir.filePath(QStringLiteral("scl.tif")), dir.filePath(QStringLiteral("other.tif")) };
    writeLonLatTiff(s.product, 1e-4, false);
    writeLonLatTiff(s.scl, 1e-4, true);
    writeLonLatTiff(s.other, otherPixel, false);
    return s;
}

} // namespace

void TestCli::noDataAndDegreesAreNamedRight()
{
    // info: no data is a share of the product, the classes shares of the valid pixels; the JSON said
    // "percent_of_valid" for no data too. A reference on another lon / lat grid: its pixels were
    // named in metres (it was refused then; now it is resampled, and the warning names them).
    QTemporaryDir dir;
    const auto [product, scl, other] = writeLonLatScene(dir, 1.2e-4);
    const Result info
        = run({ QStringLiteral("info"), product, QStringLiteral("--scl"), scl, QStringLiteral("--json") });
    QVERIFY2(info.code == 0, qPrintable(info.err));
    QHash<int, QJsonObject> classes;
    for (const QJsonValue& c :
        QJsonDocument::fromJson(info.out.toUtf8()).object().value(QStringLiteral("class_coverage")).toArray())
        classes.insert(c.toObject().value(QStringLiteral("class")).toInt(), c.toObject());
    QVERIFY2(classes.contains(0) && classes.contains(4) && classes.contains(9), qPrintable(info.out));
    QCOMPARE(classes[0].value(QStringLiteral("percent_of_product")).toDouble(), 25.0);
    QVERIFY(!classes[0].contains(QStringLiteral("percent_of_valid")));
    QCOMPARE(classes[9].value(QStringLiteral("percent_of_product")).toDouble(), 100.0 * 256 / 4096);
    QCOMPARE(classes[9].value(QStringLiteral("percent_of_valid")).toDouble(), 100.0 * 256 / 3072);
    const Result text = run({ QStringLiteral("info"), product, QStringLiteral("--scl"), scl });
    QVERIFY2(text.out.contains(QLatin1String("no data % of the product")), qPrintable(text.out));

    const Result r = run({ QStringLiteral("reconstruct"), product, QStringLiteral("--scl"), scl,
        QStringLiteral("--reference"), other, QStringLiteral("--method"), QStringLiteral("temporal"),
        QStringLiteral("--out"), dir.filePath(QStringLiteral("out.tif")) });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(
        r.err.contains(QStringLiteral("resampled from its own pixels (0.00012 ° pixels")), qPrintable(r.err));

    // --classes with a 0/1 mask: not used (the mask's own values hide), and said so.
    const Result masked = run({ QStringLiteral("info"), product, QStringLiteral("--mask"), scl,
        QStringLiteral("--classes"), QStringLiteral("shadow") });
    QVERIFY2(
        masked.code == 0 && masked.err.contains(QLatin1String("--classes is not used: the mask scl.tif")),
        qPrintable(masked.err));
    QVERIFY(!run({ QStringLiteral("info"), product, QStringLiteral("--mask"), scl })
                 .err.contains(QLatin1String("--classes")));
    QVERIFY(!run({ QStringLiteral("info"), product, QStringLiteral("--scl"), scl, QStringLiteral("--classes"),
                     QStringLiteral("shadow") })
                 .err.contains(QLatin1String("--classes is not used")));

    // Without classes info counts no data from the first band: a product with no image says so.
    auto sampled = [&](const QString& path) {
        const Result r = run({ QStringLiteral("info"), path, QStringLiteral("--json") });
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        return std::make_pair(o.value(QStringLiteral("nodata_percent_sampled")).toDouble(-1),
            o.value(QStringLiteral("warnings")).toVariant().toStringList().join(QLatin1Char('|')));
    };
    QCOMPARE(sampled(product).first, 0.0);
    QVERIFY(!sampled(product).second.contains(QLatin1String("no image")));
    {
        GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(product.toUtf8().constData(), GA_Update));
        QVERIFY(ds);
        const std::vector<uint16_t> zero(64 * 64, 0);
        QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 64, 64, const_cast<uint16_t*>(zero.data()),
                     64, 64, GDT_UInt16, 0, 0, nullptr),
            CE_None);
        GDALClose(ds);
    }
    const auto [empty, warnings] = sampled(product);
    QCOMPARE(empty, 100.0);
    QVERIFY2(
        warnings.contains(QLatin1String("is no data: the product holds no image")), qPrintable(warnings));
}

void TestCli::referenceWithoutClassesTakesAMask()
{
    // A GeoTIFF reference has no classes: its clouds counted as ground, without a word. Now a warning,
    // and --reference-mask gives them (here the reference hides the product's cloud too: no date shows
    // it, which reconstruct says).
    QTemporaryDir dir;
    const LonLatScene scene = writeLonLatScene(dir, 1e-4); // the other date on the same grid
    const QString &product = scene.product, &scl = scene.scl, &ref = scene.other;
    auto rec = [&](const QStringList& extra) {
        return run(
            QStringList { QStringLiteral("reconstruct"), product, QStringLiteral("--scl"), scl,
                QStringLiteral("--reference"), ref, QStringLiteral("--method"), QStringLiteral("temporal"),
                QStringLiteral("--out"), dir.filePath(QStringLiteral("out.tif")) }
            + extra);
    };
    const Result plain = rec({});
    QVERIFY2(plain.code == 0, qPrintable(plain.err));
    QVERIFY2(
        plain.err.contains(QLatin1String("has no scene classification: all of it is taken as clear ground")),
        qPrintable(plain.err));
    QVERIFY2(
        plain.out.contains(QLatin1String("100.0 % of them shown by another date")), qPrintable(plain.out));
    const Result masked = rec({ QStringLiteral("--reference-mask"), scl });
    QVERIFY2(masked.code == 0, qPrintable(masked.err));
    QVERIFY2(!masked.err.contains(QLatin1String("taken as clear ground"))
            && masked.err.contains(QLatin1String("no other date shows the ground")),
        qPrintable(masked.err));
    // An AOI over the product's edge is cut to it, and said so.
    const Result edge = run({ QStringLiteral("reconstruct"), product, QStringLiteral("--scl"), scl,
        QStringLiteral("--method"), QStringLiteral("harmonic"), QStringLiteral("--aoi"),
        QStringLiteral("30,20,40,40"), QStringLiteral("--out"), dir.filePath(QStringLiteral("edge.tif")) });
    QVERIFY2(edge.code == 0
            && edge.err.contains(
                QLatin1String("reaches past the product (64 x 64 px): written as 30,20,34,40")),
        qPrintable(edge.err));
    const Result two
        = rec({ QStringLiteral("--reference-mask"), scl, QStringLiteral("--reference-mask"), scl });
    QCOMPARE(two.code, 2);
    QVERIFY2(two.err.contains(QLatin1String("give one per reference")), qPrintable(two.err));

    // Negative values of an Int16 product: the uint16 output stored them as DN 1, visible pixels
    // included, without a word. Said, and --float32 keeps them.
    {
        const QString signedTif = dir.filePath(QStringLiteral("int16.tif"));
        GDALDataset* src = GDALDataset::Open(product.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY);
        QVERIFY(src);
        GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            signedTif.toUtf8().constData(), 64, 64, 4, GDT_Int16, nullptr);
        double gt[6];
        src->GetGeoTransform(gt);
        ds->SetGeoTransform(gt);
        ds->SetSpatialRef(src->GetSpatialRef());
        for (int b = 1; b <= 4; ++b) {
            std::vector<int16_t> v(64 * 64);
            QCOMPARE(
                src->GetRasterBand(b)->RasterIO(GF_Read, 0, 0, 64, 64, v.data(), 64, 64, GDT_Int16, 0, 0),
                CE_None);
            if (b == 1)
                std::fill(v.begin() + 60 * 64, v.end(), int16_t(-200)); // dark water, over-corrected
            ds->GetRasterBand(b)->SetDescription(src->GetRasterBand(b)->GetDescription());
            QCOMPARE(
                ds->GetRasterBand(b)->RasterIO(GF_Write, 0, 0, 64, 64, v.data(), 64, 64, GDT_Int16, 0, 0),
                CE_None);
        }
        GDALClose(ds);
        GDALClose(src);
        auto fill = [&](const QStringList& extra) {
            return run(QStringList { QStringLiteral("reconstruct"), signedTif, QStringLiteral("--scl"), scl,
                           QStringLiteral("--method"), QStringLiteral("telea"), QStringLiteral("--out"),
                           dir.filePath(QStringLiteral("int16-out.tif")) }
                + extra);
        };
        const Result clamped = fill({});
        QVERIFY2(clamped.code == 0 && clamped.err.contains(QLatin1String("warning: 256 values lie outside")),
            qPrintable(clamped.err));
        const Result kept = fill({ QStringLiteral("--float32") });
        QVERIFY2(
            kept.code == 0 && !kept.err.contains(QLatin1String("values lie outside")), qPrintable(kept.err));
    }

    // evaluate takes the reference's clouds the same way. The reference shows bright cloud where the
    // product is hidden: taken as ground it goes through the fit into the fill; masked, the ramp is
    // filled from its sides (exact to float rounding).
    {
        GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(ref.toUtf8().constData(), GA_Update));
        QVERIFY(ds);
        const std::vector<uint16_t> cloud(16 * 16, 6000);
        for (int b = 1; b <= 4; ++b)
            QCOMPARE(ds->GetRasterBand(b)->RasterIO(GF_Write, 32, 24, 16, 16,
                         const_cast<uint16_t*>(cloud.data()), 16, 16, GDT_UInt16, 0, 0, nullptr),
                CE_None);
        GDALClose(ds);
    }
    auto psnr = [&](const QStringList& extra, QString* warnings) {
        const Result r = run(
            QStringList { QStringLiteral("evaluate"), QStringLiteral("--clear"), product,
                QStringLiteral("--masks-from"), scl, QStringLiteral("--methods"), QStringLiteral("temporal"),
                QStringLiteral("--reference"), ref, QStringLiteral("--json"), QStringLiteral("-") }
            + extra);
        *warnings = r.err;
        const QJsonArray methods
            = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("methods")).toArray();
        return methods.isEmpty() ? -1.0
                                 : methods.first().toObject().value(QStringLiteral("psnr_db")).toDouble(-1);
    };
    QString warned, quiet;
    const double asGround = psnr({}, &warned),
                 maskedOut = psnr({ QStringLiteral("--reference-mask"), scl }, &quiet);
    QVERIFY2(warned.contains(QLatin1String("taken as clear ground")), qPrintable(warned));
    QVERIFY2(!quiet.contains(QLatin1String("taken as clear ground")), qPrintable(quiet));
    QVERIFY2(asGround > 0 && maskedOut > asGround + 20,
        qPrintable(QStringLiteral("%1 / %2 dB; %3").arg(asGround).arg(maskedOut).arg(quiet)));
}

void TestCli::infoOfAnL1cSaysWhereItsCloudsAndShadowsComeFrom()
{
    QTemporaryDir dir;
    QCOMPARE(run({ QStringLiteral("make-sample"), dir.path(), QStringLiteral("--size"), QStringLiteral("240"),
                     QStringLiteral("--seed"), QStringLiteral("6"), QStringLiteral("--level"),
                     QStringLiteral("L1C") })
                 .code,
        0);
    const QString safe
        = QDir(dir.path())
              .filePath(QDir(dir.path()).entryList({ QStringLiteral("*.SAFE") }, QDir::Dirs).value(0));
    const Result info = run({ QStringLiteral("info"), safe, QStringLiteral("--json") });
    QVERIFY2(info.code == 0, qPrintable(info.err));
    const QJsonObject o = QJsonDocument::fromJson(info.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("classification")).toString(), QStringLiteral("MSK_CLASSI"));
    QCOMPARE(o.value(QStringLiteral("cloud_shadows")).toString(), QStringLiteral("estimated"));
    double shadow = 0;
    for (const QJsonValue& c : o.value(QStringLiteral("class_coverage")).toArray())
        if (c.toObject().value(QStringLiteral("class")).toInt() == 3)
            shadow = c.toObject().value(QStringLiteral("percent_of_valid")).toDouble();
    QVERIFY2(shadow > 0.5, qPrintable(info.out));
    // An L2A's SCL has its own shadows: nothing estimated, nothing said.
    const Result l2a = run({ QStringLiteral("make-sample"), dir.filePath(QStringLiteral("l2a")),
        QStringLiteral("--size"), QStringLiteral("240") });
    QCOMPARE(l2a.code, 0);
    const QString l2aSafe = QDir(dir.filePath(QStringLiteral("l2a")))
                                .filePath(QDir(dir.filePath(QStringLiteral("l2a")))
                                              .entryList({ QStringLiteral("*.SAFE") }, QDir::Dirs)
                                              .value(0));
    const QJsonObject o2 = QJsonDocument::fromJson(
        run({ QStringLiteral("info"), l2aSafe, QStringLiteral("--json") }).out.toUtf8())
                               .object();
    QCOMPARE(o2.value(QStringLiteral("classification")).toString(), QStringLiteral("SCL"));
    QVERIFY(!o2.contains(QStringLiteral("cloud_shadows")));
}

void TestCli::interruptLeavesNoFile_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("Ctrl+C") << SIGINT;
    QTest::newRow("SIGTERM") << SIGTERM;
    QTest::newRow("SIGHUP") << SIGHUP;
}

void TestCli::interruptLeavesNoFile()
{
    // One guard for every command: the work stops at its next check, says so, exits 128 + the signal
    // (as a shell reports a process the signal ended; 1 until session 39), and the generator's
    // temporary folder is gone.
    QFETCH(int, signal);
    QTemporaryDir dir;
    QProcess p;
    p.start(testutil::cliPath(),
        { QStringLiteral("make-sample"), dir.path(), QStringLiteral("--size"), QStringLiteral("1200") });
    QVERIFY(p.waitForStarted());
    p.setReadChannel(QProcess::StandardError); // waitForReadyRead() waits on this channel
    QByteArray err;
    while (!err.contains('%') && p.state() == QProcess::Running && p.waitForReadyRead(30000))
        err += p.readAllStandardError();
    QVERIFY2(p.state() == QProcess::Running, err.constData());
    ::kill(static_cast<pid_t>(p.processId()), signal);
    QVERIFY(p.waitForFinished(60000));
    err += p.readAllStandardError();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 128 + signal);
    QVERIFY2(err.contains("unclouded-cli make-sample: cancelled"), err.constData());
    QCOMPARE(
        QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
}

void TestCli::shellLimitsAndIgnoredSignals()
{
    QTemporaryDir dir;
    // nohup: SIGHUP ignored when the command starts stays ignored (it cancelled the run).
    QProcess p;
    p.setChildProcessModifier([] { std::signal(SIGHUP, SIG_IGN); });
    p.start(testutil::cliPath(),
        { QStringLiteral("make-sample"), dir.filePath(QStringLiteral("nohup")), QStringLiteral("--size"),
            QStringLiteral("600") });
    QVERIFY(p.waitForStarted());
    p.setReadChannel(QProcess::StandardError);
    QByteArray err;
    while (!err.contains('%') && p.state() == QProcess::Running && p.waitForReadyRead(30000))
        err += p.readAllStandardError();
    ::kill(static_cast<pid_t>(p.processId()), SIGHUP);
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
        (err + p.readAllStandardError()).constData());

    // A file-size limit (ulimit -f): a clear failure, not death by SIGXFSZ, and no temporaries left.
    QProcess limited;
    limited.setChildProcessModifier([] {
        const rlimit small { 256 * 1024, 256 * 1024 };
        ::setrlimit(RLIMIT_FSIZE, &small);
    });
    const QString capped = dir.filePath(QStringLiteral("capped"));
    limited.start(testutil::cliPath(),
        { QStringLiteral("make-sample"), capped, QStringLiteral("--size"), QStringLiteral("600") });
    QVERIFY(limited.waitForFinished(120000));
    const QByteArray said = limited.readAllStandardError();
    QVERIFY2(limited.exitStatus() == QProcess::NormalExit && limited.exitCode() == 1, said.constData());
    QVERIFY2(said.contains("unclouded-cli make-sample: Cannot write"), said.constData());
    QVERIFY(!QFileInfo::exists(capped)
        || QDir(capped).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));

    // A report on a full standard output (info --json > file on a full disk): exit 1, said.
    QProcess full;
    full.setStandardOutputFile(QStringLiteral("/dev/full"));
    full.start(testutil::cliPath(),
        { QStringLiteral("info"), QStringLiteral("--json"),
            QDir(dir.filePath(QStringLiteral("nohup")))
                .entryInfoList({ QStringLiteral("*.SAFE") }, QDir::Dirs)
                .value(0)
                .absoluteFilePath() });
    QVERIFY(full.waitForFinished(60000));
    const QByteArray fullSaid = full.readAllStandardError();
    QVERIFY2(
        full.exitCode() == 1 && fullSaid.contains("cannot write the standard output"), fullSaid.constData());
    // --version and --help too (a packaging script reads them).
    for (const char* flag : { "--version", "--help" }) {
        QProcess version;
        version.setStandardOutputFile(QStringLiteral("/dev/full"));
        version.start(testutil::cliPath(), { QString::fromLatin1(flag) });
        QVERIFY(version.waitForFinished(60000));
        QVERIFY2(version.exitCode() == 1, flag);
    }

    // A standard output closed midway (`| head -1`): SIGPIPE killed the run and left its hidden
    // temporaries. Now the run finishes.
    const QString safe = QDir(dir.filePath(QStringLiteral("nohup")))
                             .entryInfoList({ QStringLiteral("*.SAFE") }, QDir::Dirs)
                             .value(0)
                             .absoluteFilePath();
    const QString piped = dir.filePath(QStringLiteral("piped/o.tif"));
    QVERIFY(QDir().mkpath(QFileInfo(piped).path()));
    QProcess shell;
    shell.start(QStringLiteral("/bin/bash"),
        { QStringLiteral("-c"),
            QStringLiteral("\"$0\" reconstruct \"$1\" --method ns --out \"$2\" 2>&1 | head -c 1 >/dev/null; "
                           "exit ${PIPESTATUS[0]}"),
            testutil::cliPath(), safe, piped });
    QVERIFY(shell.waitForFinished(120000));
    QCOMPARE(shell.exitCode(), 0);
    QCOMPARE(QDir(QFileInfo(piped).path()).entryList(QDir::Files | QDir::Hidden),
        QStringList({ QStringLiteral("o.mask.tif"), QStringLiteral("o.tif") }));
}

void TestCli::fullDiskSaysSoAndLeavesNothing()
{
    // Small RAM disks that fill up while a COG or a sample is written: either the command succeeds
    // with files GDAL reads whole, or it exits 1 saying the disk is full, prints none of GDAL's raw
    // "ERROR 1: _tiffWriteProc" lines and leaves nothing. (A COG copy's lost short write once gave a
    // truncated file and exit 0; a full disk during the second date once left the first published.)
    QTemporaryDir work, disk;
    if (QProcess::execute(QStringLiteral("mount"),
            { QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"), QStringLiteral("size=64k"),
                QStringLiteral("tmpfs"), disk.path() })
        != 0)
        QSKIP("needs mount (root with CAP_SYS_ADMIN) to make a small disk");
    QProcess::execute(QStringLiteral("umount"), { disk.path() });
    auto onDisk = [&](const QString& size, const QStringList& args) {
        struct Mounted
        {
            QString dir;
            ~Mounted() { QProcess::execute(QStringLiteral("umount"), { dir }); }
        } mounted { disk.path() };
        if (QProcess::execute(QStringLiteral("mount"),
                { QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                    QStringLiteral("size=") + size, QStringLiteral("tmpfs"), disk.path() })
            != 0)
            return Result { -2, {}, QStringLiteral("mount failed") };
        Result r = run(args);
        // What the command left, and whether every raster of it reads whole.
        for (QDirIterator it(disk.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
             it.hasNext();) {
            const QString f = it.next();
            r.out += QStringLiteral("\nLEFT ") + f.mid(disk.path().size());
            if (!f.endsWith(QLatin1String(".tif")) && !f.endsWith(QLatin1String(".jp2")))
                continue;
            GDALDatasetH ds = GDALOpen(f.toUtf8().constData(), GA_ReadOnly);
            std::vector<float> row;
            bool whole = ds != nullptr;
            for (int b = 1; whole && b <= GDALGetRasterCount(ds); ++b) {
                GDALRasterBandH band = GDALGetRasterBand(ds, b);
                row.resize(GDALGetRasterBandXSize(band));
                for (int y = 0; whole && y < GDALGetRasterBandYSize(band); ++y)
                    whole = GDALRasterIO(band, GF_Read, 0, y, int(row.size()), 1, row.data(), int(row.size()),
                                1, GDT_Float32, 0, 0)
                        == CE_None;
            }
            if (ds)
                GDALClose(ds);
            if (!whole)
                r.out += QStringLiteral(" (does not read whole)");
        }
        return r;
    };
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const QString safe = makeSample(work, 300, 5);
    QVERIFY(!safe.isEmpty());
    int full = 0, fine = 0;
    // 900k fills while the tiles are written, 3800k in the COG copy (found by its read-back), 6m fits.
    for (const char* size : { "900k", "3600k", "3800k", "3950k", "6m" }) {
        const Result r = onDisk(QLatin1String(size),
            { QStringLiteral("reconstruct"), safe, QStringLiteral("--method"), QStringLiteral("telea"),
                QStringLiteral("--out"), disk.filePath(QStringLiteral("o.tif")) });
        const QString what
            = QStringLiteral("%1: exit %2\n%3\n%4").arg(QLatin1String(size)).arg(r.code).arg(r.err, r.out);
        QVERIFY2(!r.err.contains(QLatin1String("ERROR 1"))
                && !r.out.contains(QLatin1String("does not read whole")),
            qPrintable(what));
        if (r.code == 0) {
            ++fine;
            QVERIFY2(r.out.contains(QLatin1String("LEFT /o.tif")), qPrintable(what));
        } else {
            ++full;
            QVERIFY2(r.code == 1 && r.err.contains(QLatin1String("the disk is full"))
                    && !r.out.contains(QLatin1String("LEFT")),
                qPrintable(what));
        }
    }
    QVERIFY(full >= 1 && fine >= 1); // both sides of the edge were reached
    // A sample of two dates on 6-7 MB (it needs about 7.5): the second date does not fit; nothing of the
    // first is published.
    full = 0;
    for (const char* size : { "6000k", "7000k" }) {
        const Result r = onDisk(QLatin1String(size),
            { QStringLiteral("make-sample"), disk.filePath(QStringLiteral("x")), QStringLiteral("--size"),
                QStringLiteral("300"), QStringLiteral("--seed"), QStringLiteral("5"),
                QStringLiteral("--reference-date") });
        const QString what
            = QStringLiteral("%1: exit %2\n%3\n%4").arg(QLatin1String(size)).arg(r.code).arg(r.err, r.out);
        QVERIFY2(!r.err.contains(QLatin1String("ERROR 1"))
                && !r.out.contains(QLatin1String("does not read whole")),
            qPrintable(what));
        if (r.code != 0) {
            ++full;
            QVERIFY2(r.code == 1 && r.err.contains(QLatin1String("the disk is full"))
                    && !r.out.contains(QLatin1String("LEFT")),
                qPrintable(what));
        } else {
            QVERIFY2(r.out.contains(QLatin1String("LEFT /x/sample.json")), qPrintable(what));
        }
    }
    QVERIFY(full >= 1);
    // A field table on a full disk said "Unknown error" (Qt's words for a failed flush).
    const Result csv = onDisk(QStringLiteral("4k"),
        { QStringLiteral("fields"), safe, QStringLiteral("--parcels"),
            QFileInfo(safe).dir().filePath(QStringLiteral("parcels.gpkg")), QStringLiteral("--csv"),
            disk.filePath(QStringLiteral("o.csv")) });
    QVERIFY2(csv.code == 1 && csv.err.contains(QLatin1String("Cannot write"))
            && csv.err.contains(QLatin1String("the disk is full"))
            && !csv.out.contains(QLatin1String("LEFT")),
        qPrintable(csv.err + csv.out));
    CPLPopErrorHandler();
}

void TestCli::staleTemporariesOfAnOutputAreRemoved()
{
    // A killed export left gigabytes under hidden names: the next write of that output removes those
    // untouched for an hour, and keeps a fresh one (another writer may be at work).
    QTemporaryDir dir;
    const QString safe = makeSample(dir, 120, 2);
    QVERIFY(!safe.isEmpty());
    const QString old = dir.filePath(QStringLiteral(".o.tif.partial-0123abcd.tif")),
                  oldMask = dir.filePath(QStringLiteral(".o.mask.tif.cog-0badf00d.tif")),
                  fresh = dir.filePath(QStringLiteral(".o.tif.cog-89abcdef.tif"));
    for (const QString& t : { old, oldMask, fresh }) {
        QFile f(t);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("left by a killed run");
        QVERIFY(f.flush()); // before the time is set: a later flush would touch it again
        if (t != fresh)
            QVERIFY(f.setFileTime(
                QDateTime::currentDateTimeUtc().addSecs(-7200), QFileDevice::FileModificationTime));
    }
    const Result r = run({ QStringLiteral("reconstruct"), safe, QStringLiteral("--method"),
        QStringLiteral("telea"), QStringLiteral("--out"), dir.filePath(QStringLiteral("o.tif")) });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(old) && !QFileInfo::exists(oldMask));
    QVERIFY(QFileInfo::exists(fresh));
}

QTEST_GUILESS_MAIN(TestCli)

// Output problems said plainly. Where no file can be made (/sys: root passes the folder check there,
// the kernel refuses the file), the message names the file asked for, never the hidden temporary GDAL
// was writing ("Attempt to create new tiff file `/sys/.o.tif.partial-1a2b3c4d.tif' failed" before).
void TestCli::outputOptionsAreTold()
{
    QTemporaryDir dir;
    const QString safe = makeSample(dir, 120, 2);
    QVERIFY(!safe.isEmpty());
    for (const QString& format : { QStringLiteral("cog"), QStringLiteral("gtiff") }) {
        const Result r = run({ QStringLiteral("reconstruct"), safe, QStringLiteral("--method"),
            QStringLiteral("telea"), QStringLiteral("--format"), format, QStringLiteral("--out"),
            QStringLiteral("/sys/unclouded-test.tif") });
        QVERIFY2(r.code == 1 || r.code == 2, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("/sys")) && !r.err.contains(QStringLiteral(".unclouded-test"))
                && !r.err.contains(QStringLiteral("partial")),
            qPrintable(r.err));
    }
    // A level with a compression that has none was accepted without a word: written, with a warning.
    const QString out = dir.filePath(QStringLiteral("lzw.tif"));
    const Result r = run({ QStringLiteral("reconstruct"), safe, QStringLiteral("--method"),
        QStringLiteral("telea"), QStringLiteral("--compress"), QStringLiteral("lzw"),
        QStringLiteral("--compress-level"), QStringLiteral("9"), QStringLiteral("--out"), out });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains(QStringLiteral("warning: LZW has no level; --compress-level 9 is not used")),
        qPrintable(r.err));
    QVERIFY(QFileInfo::exists(out));
}

#include "tst_cli.moc"
