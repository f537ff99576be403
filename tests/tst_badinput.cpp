// Bad input (issue #17): outputs never land on inputs (exit 2 before any work), nothing scored or
// nothing to rebuild from is a failure (exit 1, no file), implausible MTD values are refused.
#include <gdal_priv.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/paths.h"
#include "core/common/runtime.h"
#include "core/io/product.h"
#include "ui/reconpanel.h"

#include "testutil.h"

using namespace unclouded;

class TestBadInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void samePathSeesThroughNames();
    void outputsNeverOverwriteInputs_data();
    void outputsNeverOverwriteInputs();
    void reconPanelRefusesAnOutputOverItsProduct();
    void reconPanelAsksBeforeReplacingAFile();
    void noMaskAndQuicklookNeverLeaveAMismatch();
    void evaluateWithNothingToScore_data();
    void evaluateWithNothingToScore();
    void reconstructWithNothingToRebuildFrom_data();
    void reconstructWithNothingToRebuildFrom();
    void infoSaysWhatAnAllHidingMaskMayBe();
    void allHiddenButAnotherSourceStillRebuilds_data();
    void allHiddenButAnotherSourceStillRebuilds();
    void implausibleMtdValues_data();
    void implausibleMtdValues();

private:
    struct Result
    {
        int code;
        QString out, err;
    };
    static Result run(const QStringList& args, const QString& cwd = {})
    {
        QProcess p;
        if (!cwd.isEmpty())
            p.setWorkingDirectory(cwd);
        p.start(testutil::cliPath(), args);
        p.waitForFinished(300000);
        return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
    }
    static QByteArray hash(const QString& path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1);
    }
    // A one-band Byte raster on `like`'s grid: `value` inside rect (everywhere when empty), 0 outside.
    static bool writeMask(const QString& path, const QString& like, int value, QRect rect = {});
    static bool copyTree(const QString& from, const QString& to);
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_safe, m_ref, m_truth, m_result, m_resultMask, m_l1c;
    // Copies the overwrite cases aim at (the old code did overwrite them).
    QString m_vSafe, m_vTruth, m_vResult, m_vMask;
};

bool TestBadInput::copyTree(const QString& from, const QString& to)
{
    for (QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        const QString f = it.next();
        const QString dst = to + f.mid(from.size());
        if (!QDir().mkpath(QFileInfo(dst).absolutePath()) || !QFile::copy(f, dst))
            return false;
    }
    return true;
}

bool TestBadInput::writeMask(const QString& path, const QString& like, int value, QRect rect)
{
    GDALDataset* src = static_cast<GDALDataset*>(GDALOpen(like.toUtf8().constData(), GA_ReadOnly));
    if (!src)
        return false;
    const int W = src->GetRasterXSize(), H = src->GetRasterYSize();
    GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
        path.toUtf8().constData(), W, H, 1, GDT_Byte, nullptr);
    double gt[6];
    src->GetGeoTransform(gt);
    ds->SetGeoTransform(gt);
    ds->SetSpatialRef(src->GetSpatialRef());
    if (rect.isNull())
        rect = QRect(0, 0, W, H);
    std::vector<uint8_t> px(static_cast<size_t>(W) * H, 0);
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x)
            px[static_cast<size_t>(y) * W + x] = static_cast<uint8_t>(value);
    const bool ok
        = ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, W, H, px.data(), W, H, GDT_Byte, 0, 0) == CE_None;
    GDALClose(ds);
    GDALClose(src);
    return ok;
}

void TestBadInput::initTestCase()
{
    QVERIFY2(QFileInfo::exists(testutil::cliPath()), "UNCLOUDED_CLI not set");
    initializeRuntime();
    qputenv("XDG_CACHE_HOME", path(QStringLiteral("cache")).toUtf8());
    const Result s = run({ QStringLiteral("make-sample"), path(QStringLiteral("sample")),
        QStringLiteral("--size"), QStringLiteral("120"), QStringLiteral("--reference-date") });
    QVERIFY2(s.code == 0, qPrintable(s.err));
    QFile report(path(QStringLiteral("sample/sample.json")));
    QVERIFY(report.open(QIODevice::ReadOnly));
    const QJsonObject j = QJsonDocument::fromJson(report.readAll()).object();
    const QDir sample(path(QStringLiteral("sample")));
    m_safe = sample.filePath(j[QStringLiteral("main")][QStringLiteral("safe")].toString());
    m_truth = sample.filePath(j[QStringLiteral("main")][QStringLiteral("truth")].toString());
    m_ref = sample.filePath(j[QStringLiteral("reference")][QStringLiteral("safe")].toString());
    QVERIFY(QFileInfo(m_safe).isDir() && QFileInfo(m_ref).isDir() && QFileInfo::exists(m_truth));
    QVERIFY(QDir().mkpath(path(QStringLiteral("r"))));
    m_result = path(QStringLiteral("r/res.tif"));
    m_resultMask = path(QStringLiteral("r/res.mask.tif"));
    const Result r = run({ QStringLiteral("reconstruct"), m_safe, QStringLiteral("--method"),
        QStringLiteral("telea"), QStringLiteral("--out"), m_result });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFileInfo::exists(m_resultMask));
    const Result l = run({ QStringLiteral("make-sample"), path(QStringLiteral("l1c")),
        QStringLiteral("--size"), QStringLiteral("120"), QStringLiteral("--level"), QStringLiteral("L1C") });
    QVERIFY2(l.code == 0, qPrintable(l.err));
    m_l1c = QDir(path(QStringLiteral("l1c")))
                .filePath(QDir(path(QStringLiteral("l1c")))
                              .entryList({ QStringLiteral("*.SAFE") }, QDir::Dirs)
                              .value(0));

    // Inputs to collide with, other names of them (symlinks, a hard link) and checkpoints.
    QVERIFY(QDir().mkpath(path(QStringLiteral("v"))));
    m_vSafe = path(QStringLiteral("v/")) + QFileInfo(m_safe).fileName();
    m_vTruth = path(QStringLiteral("v/truth.tif"));
    m_vResult = path(QStringLiteral("v/res.tif"));
    m_vMask = path(QStringLiteral("v/res.mask.tif"));
    QVERIFY(copyTree(m_safe, m_vSafe));
    QVERIFY(QFile::copy(m_truth, m_vTruth) && QFile::copy(m_result, m_vResult)
        && QFile::copy(m_resultMask, m_vMask));
    QVERIFY(QFile::link(m_vTruth, path(QStringLiteral("truth-link.tif"))));
    QCOMPARE(::link(QFile::encodeName(m_vTruth).constData(),
                 QFile::encodeName(path(QStringLiteral("truth-hard.tif"))).constData()),
        0);
    QVERIFY(QFile::link(m_vMask, path(QStringLiteral("mask-link.tif"))));
    QVERIFY(QDir().mkpath(path(QStringLiteral("m"))) && QDir().mkpath(path(QStringLiteral("q"))));
    QVERIFY(QFile::copy(m_resultMask, path(QStringLiteral("m/x.mask.tif"))));
    QVERIFY(QFile::copy(m_truth, path(QStringLiteral("q/prod.mask.tif"))));
    QVERIFY(writeMask(path(QStringLiteral("zeros.tif")), m_truth, 0));
    QVERIFY(writeMask(path(QStringLiteral("ones.tif")), m_truth, 1));
    QVERIFY(writeMask(path(QStringLiteral("left.tif")), m_truth, 1, QRect(0, 0, 60, 120)));
    QVERIFY(writeMask(path(QStringLiteral("block.tif")), m_truth, 1, QRect(30, 30, 60, 60)));
    for (const char* ckpt : { "c.pth", "x.last.pth", "c.pth.json", "c.pth.optim" }) {
        QFile f(path(QLatin1String(ckpt)));
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write("weights") == 7);
    }
}

void TestBadInput::samePathSeesThroughNames()
{
    const QString t = m_vTruth;
    QVERIFY(samePath(t, path(QStringLiteral("r/./../v/truth.tif"))));
    QVERIFY(samePath(t, path(QStringLiteral("truth-link.tif")))); // symlink
    QVERIFY(samePath(t, path(QStringLiteral("truth-hard.tif")))); // hard link
    QVERIFY(!samePath(t, m_result));
    // Not there yet: its folder is resolved.
    QVERIFY(samePath(path(QStringLiteral("r/new.tif")), path(QStringLiteral("sample/../r/new.tif"))));
    QVERIFY(pathInside(m_safe + QStringLiteral("/GRANULE/x.tif"), m_safe));
    QVERIFY(!pathInside(m_safe + QStringLiteral(".tif"), m_safe)); // a sibling sharing the prefix
    QVERIFY(outputClash({ { QStringLiteral("--out"), path(QStringLiteral("r/other.tif")) } },
        { { QStringLiteral("PRODUCT"), m_safe } })
                .isEmpty());
    const QString m = outputClash({ { QStringLiteral("--out"), m_safe + QStringLiteral("/x.tif") } },
        { { QStringLiteral("PRODUCT"), m_safe + QStringLiteral("/MTD_MSIL2A.xml") } });
    QVERIFY2(m.contains(QStringLiteral("inside")), qPrintable(m));
}

void TestBadInput::outputsNeverOverwriteInputs_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("said"); // in the message: both roles / paths
    QTest::addColumn<QStringList>("kept"); // inputs whose bytes must not change
    QTest::addColumn<QString>("absent"); // no file may appear there
    const QString rec = QStringLiteral("reconstruct"), method = QStringLiteral("--method"),
                  telea = QStringLiteral("telea"), out = QStringLiteral("--out"),
                  mask = QStringLiteral("--mask");
    const QString t = m_vTruth, m = m_vMask;
    QTest::newRow("reconstruct --out PRODUCT") << QStringList { rec, t, mask, m, method, telea, out, t }
                                               << QStringList { out, t } << QStringList { t } << QString();
    const QString dotted = path(QStringLiteral("r/./../v/truth.tif"));
    QTest::newRow("reconstruct --out PRODUCT through ./ and ..")
        << QStringList { rec, t, mask, m, method, telea, out, dotted } << QStringList { dotted, t }
        << QStringList { t } << QString();
    QTest::newRow("reconstruct --out a symlink to PRODUCT")
        << QStringList { rec, t, mask, m, method, telea, out, path(QStringLiteral("truth-link.tif")) }
        << QStringList { QStringLiteral("truth-link.tif") } << QStringList { t } << QString();
    QTest::newRow("reconstruct --out a hard link of PRODUCT")
        << QStringList { rec, t, mask, m, method, telea, out, path(QStringLiteral("truth-hard.tif")) }
        << QStringList { QStringLiteral("truth-hard.tif"), t } << QStringList { t } << QString();
    QTest::newRow("reconstruct --quicklook MASK given with a threshold")
        << QStringList { rec, t, mask, m + QStringLiteral("#above=0.5"), method, telea, out,
               path(QStringLiteral("o6.tif")), QStringLiteral("--quicklook"), m }
        << QStringList { QStringLiteral("--quicklook"), QStringLiteral("would overwrite the input --mask"),
               m }
        << QStringList { m } << path(QStringLiteral("o6.tif"));
    QTest::newRow("reconstruct --quicklook MASK") << QStringList { rec, t, mask, m, method, telea, out,
        path(QStringLiteral("o5.tif")), QStringLiteral("--quicklook"),
        m } << QStringList { QStringLiteral("--quicklook"), QStringLiteral("--mask"), m }
                                                  << QStringList { m } << path(QStringLiteral("o5.tif"));
    const QString m2 = path(QStringLiteral("m/x.mask.tif"));
    QTest::newRow("reconstruct sidecar over --mask")
        << QStringList { rec, t, mask, m2, method, telea, out, path(QStringLiteral("m/x.tif")) }
        << QStringList { QStringLiteral("sidecar"), m2 } << QStringList { m2 }
        << path(QStringLiteral("m/x.tif"));
    const QString q = path(QStringLiteral("q/prod.mask.tif"));
    QTest::newRow("reconstruct sidecar over PRODUCT")
        << QStringList { rec, q, mask, m, method, telea, out, path(QStringLiteral("q/prod.tif")) }
        << QStringList { QStringLiteral("sidecar"), q } << QStringList { q }
        << path(QStringLiteral("q/prod.tif"));
    QTest::newRow("reconstruct --out inside the SAFE folder")
        << QStringList { rec, m_vSafe, method, telea, out, m_vSafe + QStringLiteral("/GRANULE/x.tif") }
        << QStringList { QStringLiteral("inside"), m_vSafe } << QStringList {}
        << m_vSafe + QStringLiteral("/GRANULE/x.tif");
    const QString mtd = m_vSafe + QStringLiteral("/MTD_MSIL2A.xml");
    QTest::newRow("reconstruct --out inside the SAFE given by its MTD")
        << QStringList { rec, mtd, method, telea, out, m_vSafe + QStringLiteral("/x.tif") }
        << QStringList { QStringLiteral("inside"), mtd } << QStringList { mtd }
        << m_vSafe + QStringLiteral("/x.tif");
    QTest::newRow("reconstruct --quicklook equal to --out")
        << QStringList { rec, m_vSafe, method, telea, out, path(QStringLiteral("same.png")),
               QStringLiteral("--quicklook"), path(QStringLiteral("same.png")) }
        << QStringList { QStringLiteral("--quicklook"), out, QStringLiteral("same file") } << QStringList {}
        << path(QStringLiteral("same.png"));

    const QString ev = QStringLiteral("evaluate");
    const QStringList resultForm { ev, QStringLiteral("--result"), m_vResult, QStringLiteral("--truth"), t,
        QStringLiteral("--mask"), m };
    QTest::newRow("evaluate --json TRUTH")
        << resultForm + QStringList { QStringLiteral("--json"), t }
        << QStringList { QStringLiteral("--json"), QStringLiteral("--truth"), t } << QStringList { t }
        << QString();
    QTest::newRow("evaluate --csv RESULT")
        << resultForm + QStringList { QStringLiteral("--csv"), m_vResult }
        << QStringList { QStringLiteral("--csv"), QStringLiteral("--result") } << QStringList { m_vResult }
        << QString();
    QTest::newRow("evaluate --json a symlink to MASK")
        << resultForm + QStringList { QStringLiteral("--json"), path(QStringLiteral("mask-link.tif")) }
        << QStringList { QStringLiteral("--json"), QStringLiteral("--mask") } << QStringList { m }
        << QString();
    QTest::newRow("evaluate --csv inside --clear")
        << QStringList { ev, QStringLiteral("--clear"), m_vSafe, QStringLiteral("--masks-from"), m,
               QStringLiteral("--csv"), m_vSafe + QStringLiteral("/scores.csv") }
        << QStringList { QStringLiteral("--csv"), QStringLiteral("--clear"), QStringLiteral("inside") }
        << QStringList {} << m_vSafe + QStringLiteral("/scores.csv");

    // Files read with an input: a reconstruction's mask sidecar, a raster's .aux.xml (the CSV replaced
    // the sidecar and the next run read no mask).
    QTest::newRow("fields --csv the RESULT's sidecar")
        << QStringList { QStringLiteral("fields"), m_vResult, QStringLiteral("--parcels"),
               path(QStringLiteral("sample/parcels.gpkg")), QStringLiteral("--csv"), m_vMask }
        << QStringList { QStringLiteral("--csv"),
               QStringLiteral("would overwrite res.mask.tif, read with the input"), m_vResult }
        << QStringList { m_vMask } << QString();
    QTest::newRow("evaluate --json TRUTH's .aux.xml")
        << resultForm + QStringList { QStringLiteral("--json"), t + QStringLiteral(".aux.xml") }
        << QStringList { QStringLiteral("--json"),
               QStringLiteral("truth.tif.aux.xml, read with the input --truth") }
        << QStringList { t } << t + QStringLiteral(".aux.xml");

    const QString tr = QStringLiteral("train"), model = QStringLiteral("--model"),
                  cnn = QStringLiteral("cnn"), steps = QStringLiteral("--steps"), two = QStringLiteral("2");
    QTest::newRow("train --out PRODUCT")
        << QStringList { tr, t, mask, m, model, cnn, steps, two, out, t }
        << QStringList { out, QStringLiteral("PRODUCT"), t } << QStringList { t } << QString();
    QTest::newRow("train --log-json PRODUCT") << QStringList { tr, t, mask, m, model, cnn, steps, two, out,
        path(QStringLiteral("t1.pth")), QStringLiteral("--log-json"), t }
                                              << QStringList { QStringLiteral("--log-json"), t }
                                              << QStringList { t } << path(QStringLiteral("t1.pth"));
    QTest::newRow("train --out inside PRODUCT")
        << QStringList { tr, m_vSafe, model, cnn, steps, two, out, m_vSafe + QStringLiteral("/model.pth") }
        << QStringList { QStringLiteral("inside"), m_vSafe } << QStringList {}
        << m_vSafe + QStringLiteral("/model.pth");
    QTest::newRow("train --out the --reference")
        << QStringList { tr, m_vSafe, model, cnn, steps, two, QStringLiteral("--reference"), t, out, t }
        << QStringList { QStringLiteral("--reference"), t } << QStringList { t } << QString();
    const QString c = path(QStringLiteral("c.pth"));
    QTest::newRow("train --out the --init checkpoint")
        << QStringList { tr, m_vSafe, QStringLiteral("--init"), c, steps, two, out, c }
        << QStringList { QStringLiteral("--init"), c } << QStringList { c } << QString();
    const QString last = path(QStringLiteral("x.last.pth"));
    QTest::newRow("train's last checkpoint over --init")
        << QStringList { tr, m_vSafe, QStringLiteral("--init"), last, steps, two, out,
               path(QStringLiteral("x.pth")) }
        << QStringList { QStringLiteral("--init"), last } << QStringList { last }
        << path(QStringLiteral("x.pth"));
    QTest::newRow("train --log-json the --resume checkpoint")
        << QStringList { tr, m_vSafe, model, cnn, steps, two, QStringLiteral("--resume"), c, out,
               path(QStringLiteral("t2.pth")), QStringLiteral("--log-json"), c }
        << QStringList { QStringLiteral("--log-json"), QStringLiteral("--resume") } << QStringList { c }
        << path(QStringLiteral("t2.pth"));
    // A checkpoint's description (bands, normalisation) and optimizer state: replacing them left the
    // weights unusable.
    const QString cj = c + QStringLiteral(".json");
    QTest::newRow("reconstruct --out the checkpoint's .json")
        << QStringList { rec, t, mask, m, method, c, out, cj }
        << QStringList { out, QStringLiteral("c.pth.json, read with the input") } << QStringList { cj }
        << QString();
    QTest::newRow("evaluate --csv the checkpoint's .optim")
        << QStringList { ev, QStringLiteral("--clear"), t, QStringLiteral("--masks-from"), m,
               QStringLiteral("--methods"), c, QStringLiteral("--csv"), c + QStringLiteral(".optim") }
        << QStringList { QStringLiteral("--csv"), QStringLiteral("c.pth.optim") }
        << QStringList { c + QStringLiteral(".optim") } << QString();
    QTest::newRow("train --log-json the --init checkpoint's .json")
        << QStringList { tr, m_vSafe, QStringLiteral("--init"), c, steps, two, out,
               path(QStringLiteral("t3.pth")), QStringLiteral("--log-json"), cj }
        << QStringList { QStringLiteral("--log-json"), QStringLiteral("c.pth.json") } << QStringList { cj }
        << path(QStringLiteral("t3.pth"));
}

void TestBadInput::outputsNeverOverwriteInputs()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, said);
    QFETCH(QStringList, kept);
    QFETCH(QString, absent);
    QList<QByteArray> before;
    for (const QString& k : kept)
        before << hash(k);
    const Result r = run(args, m_dir.path());
    QVERIFY2(r.code == 2, qPrintable(QStringLiteral("exit %1: %2%3").arg(r.code).arg(r.out, r.err)));
    for (const QString& s : said)
        QVERIFY2(r.err.contains(s), qPrintable(QStringLiteral("'%1' not in: %2").arg(s, r.err)));
    QVERIFY2(!r.err.contains(QLatin1Char('%')), qPrintable(r.err)); // refused before any progress
    for (int i = 0; i < kept.size(); ++i)
        QVERIFY2(hash(kept[i]) == before[i], qPrintable(kept[i]));
    if (!absent.isEmpty())
        QVERIFY2(!QFileInfo::exists(absent), qPrintable(absent));
}

void TestBadInput::noMaskAndQuicklookNeverLeaveAMismatch()
{
    // --no-mask over an earlier output: the old sidecar (which fields and evaluate would read as the new
    // output's) goes; a user's mask given as the input under that name stays.
    QVERIFY(QDir().mkpath(path(QStringLiteral("nm"))));
    const QString out = path(QStringLiteral("nm/o.tif")), side = path(QStringLiteral("nm/o.mask.tif"));
    const QStringList rec { QStringLiteral("reconstruct"), m_safe, QStringLiteral("--method"),
        QStringLiteral("telea"), QStringLiteral("--out"), out };
    QCOMPARE(run(rec).code, 0);
    QVERIFY(QFileInfo::exists(side));
    const Result noMask = run(rec + QStringList { QStringLiteral("--no-mask") });
    QVERIFY2(noMask.code == 0 && noMask.err.contains(QStringLiteral("removed")), qPrintable(noMask.err));
    QVERIFY(!QFileInfo::exists(side));
    QVERIFY(QFile::copy(m_resultMask, side));
    const Result asInput = run(
        { QStringLiteral("reconstruct"), m_vTruth, QStringLiteral("--mask"), side, QStringLiteral("--method"),
            QStringLiteral("telea"), QStringLiteral("--out"), out, QStringLiteral("--no-mask") });
    QVERIFY2(asInput.code == 0, qPrintable(asInput.err));
    QVERIFY(QFileInfo::exists(side));

    // A quicklook that cannot be made (no B03) is refused before the output is replaced.
    const QByteArray before = hash(out);
    const QString oneBand = path(QStringLiteral("nm/b04.tif"));
    {
        GDALDataset* src = GDALDataset::Open(m_truth.toUtf8().constData(), GDAL_OF_RASTER);
        QVERIFY(src);
        GDALDataset* dst
            = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(oneBand.toUtf8().constData(),
                src->GetRasterXSize(), src->GetRasterYSize(), 1, GDT_UInt16, nullptr);
        double gt[6];
        src->GetGeoTransform(gt);
        dst->SetGeoTransform(gt);
        dst->SetSpatialRef(src->GetSpatialRef());
        std::vector<uint16_t> v(size_t(src->GetRasterXSize()) * src->GetRasterYSize());
        QCOMPARE(src->GetRasterBand(3)->RasterIO(GF_Read, 0, 0, src->GetRasterXSize(), src->GetRasterYSize(),
                     v.data(), src->GetRasterXSize(), src->GetRasterYSize(), GDT_UInt16, 0, 0),
            CE_None);
        QCOMPARE(dst->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, src->GetRasterXSize(), src->GetRasterYSize(),
                     v.data(), src->GetRasterXSize(), src->GetRasterYSize(), GDT_UInt16, 0, 0),
            CE_None);
        dst->GetRasterBand(1)->SetDescription("B04");
        GDALClose(dst);
        GDALClose(src);
    }
    const Result q = run({ QStringLiteral("reconstruct"), oneBand, QStringLiteral("--mask"), m_vMask,
        QStringLiteral("--method"), QStringLiteral("telea"), QStringLiteral("--out"), out,
        QStringLiteral("--quicklook"), path(QStringLiteral("nm/q.png")) });
    QVERIFY2(
        q.code == 1 && q.err.contains(QStringLiteral("no B03 (nothing was written)")), qPrintable(q.err));
    QCOMPARE(hash(out), before);
}

void TestBadInput::reconPanelRefusesAnOutputOverItsProduct()
{
    ui::ReconPanel panel;
    panel.setProduct(Product::open(m_safe), {});
    panel.setMethod(QStringLiteral("telea"));
    const QString out = m_safe + QStringLiteral("/GRANULE/panel.tif");
    panel.setOutputPath(out);
    QSignalSpy failed(&panel, &ui::ReconPanel::failed);
    panel.start();
    QCOMPARE(failed.size(), 1);
    QVERIFY(!panel.isRunning());
    const QString status = panel.findChild<QLabel*>(QStringLiteral("reconStatus"))->text();
    QVERIFY2(status.contains(QStringLiteral("inside")) && status.contains(m_safe), qPrintable(status));
    QTest::qWait(50);
    QVERIFY(!QFileInfo::exists(out));
}

// The output field is remembered across products: another product's result, or a GeoPackage typed
// there, was replaced without a word.
void TestBadInput::reconPanelAsksBeforeReplacingAFile()
{
    QTemporaryDir dir;
    ui::ReconPanel panel;
    panel.setProduct(Product::open(m_safe), {});
    panel.setMethod(QStringLiteral("telea"));
    // An AOI's default output is not the whole product's (it replaced that, shown in the comparison).
    const QString whole = panel.outputPath();
    panel.setAoi(QRect(40, 60, 100, 80));
    QVERIFY2(panel.outputPath().endsWith(QStringLiteral("_telea_aoi-40-60-100-80.tif")),
        qPrintable(panel.outputPath()));
    panel.setAoi(QRect());
    QCOMPARE(panel.outputPath(), whole);
    const QString gpkg = dir.filePath(QStringLiteral("fields.gpkg"));
    {
        QFile f(gpkg);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArrayLiteral("SQLite format 3\0") + QByteArray(84, '\0'));
    }
    panel.setOutputPath(gpkg);
    QSignalSpy failed(&panel, &ui::ReconPanel::failed);
    panel.start();
    QCOMPARE(failed.size(), 1);
    QVERIFY(!panel.isRunning());
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("is not a GeoTIFF")),
        qPrintable(failed.first().first().toString()));
    QCOMPARE(QFileInfo(gpkg).size(), 100);
    // A GeoTIFF this panel did not write: asked first, Cancel the default.
    const QString out = dir.filePath(QStringLiteral("earlier.tif"));
    {
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArrayLiteral("II*\0") + QByteArray(60, 'x'));
    }
    panel.setOutputPath(out);
    panel.start();
    auto* ask = panel.findChild<QMessageBox*>(QStringLiteral("reconReplaceAsk"));
    QVERIFY(ask && ask->isVisible());
    QVERIFY(!panel.isRunning());
    QVERIFY(ask->defaultButton() == ask->button(QMessageBox::Cancel));
    ask->button(QMessageBox::Cancel)->click();
    QVERIFY(!panel.isRunning());
    QTRY_VERIFY(!panel.findChild<QMessageBox*>(QStringLiteral("reconReplaceAsk"))); // deleted on close
    QCOMPARE(QFileInfo(out).size(), 64);
    // Yes runs it; the file it wrote is written again without asking.
    panel.start();
    ask = panel.findChild<QMessageBox*>(QStringLiteral("reconReplaceAsk"));
    QVERIFY(ask && ask->isVisible());
    QSignalSpy done(&panel, &ui::ReconPanel::reconstructed);
    ask->button(QMessageBox::Yes)->click();
    QVERIFY(panel.isRunning());
    QVERIFY(done.wait(60000));
    QVERIFY(QFileInfo(out).size() > 64);
    panel.start();
    QVERIFY(panel.isRunning());
    QVERIFY(done.wait(60000));
}

void TestBadInput::evaluateWithNothingToScore_data()
{
    QTest::addColumn<QStringList>("args");
    const QString json = path(QStringLiteral("scores.json"));
    QTest::newRow("result with a mask hiding nothing") << QStringList { QStringLiteral("evaluate"),
        QStringLiteral("--result"), m_result, QStringLiteral("--truth"), m_truth, QStringLiteral("--mask"),
        path(QStringLiteral("zeros.tif")), QStringLiteral("--json"), json };
    QTest::newRow("simulated clouds from a mask hiding nothing") << QStringList { QStringLiteral("evaluate"),
        QStringLiteral("--clear"), m_truth, QStringLiteral("--masks-from"), path(QStringLiteral("zeros.tif")),
        QStringLiteral("--json"), json };
}

void TestBadInput::evaluateWithNothingToScore()
{
    QFETCH(QStringList, args);
    const Result r = run(args);
    QVERIFY2(r.code == 1, qPrintable(QStringLiteral("exit %1: %2%3").arg(r.code).arg(r.out, r.err)));
    QVERIFY2(r.err.contains(QStringLiteral("no hidden pixel to score")), qPrintable(r.err));
    QVERIFY2(!r.out.contains(QStringLiteral("0.00")), qPrintable(r.out)); // no score printed
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("scores.json"))));
}

void TestBadInput::reconstructWithNothingToRebuildFrom_data()
{
    // A product whose only visible pixels are nodata: 0 DN everywhere.
    const QString empty = path(QStringLiteral("empty.tif"));
    QVERIFY(QFile::copy(m_truth, empty));
    QFile::setPermissions(empty, QFile::ReadOwner | QFile::WriteOwner);
    {
        GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(empty.toUtf8().constData(), GA_Update));
        QVERIFY(ds);
        for (int b = 1; b <= ds->GetRasterCount(); ++b)
            QCOMPARE(ds->GetRasterBand(b)->Fill(0), CE_None);
        GDALClose(ds);
    }
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("said");
    const QString rec = QStringLiteral("reconstruct"), method = QStringLiteral("--method"),
                  mask = QStringLiteral("--mask"), ones = path(QStringLiteral("ones.tif"));
    // A 0 / non-zero mask hiding everything may be a cloud probability: the message says how to cut it.
    QTest::newRow("telea, SAFE all hidden")
        << QStringList { rec, m_safe, mask, ones, method, QStringLiteral("telea") }
        << QStringLiteral("hides every pixel of %1 (another date could fill it: temporal "
                          "or pretrained with --reference); if its values are a cloud "
                          "probability, hide from a threshold up, e.g. %2#above=0.4")
               .arg(m_safe, ones);
    QTest::newRow("ns, GeoTIFF all hidden") << QStringList { rec, m_truth, mask, ones, method,
        QStringLiteral("ns") } << QStringLiteral("hides every pixel");
    // The network would guess a flat field from nothing.
    QTest::newRow("pretrained, all hidden") << QStringList { rec, m_safe, mask, ones, method,
        QStringLiteral("pretrained") } << QStringLiteral("hides every pixel");
    QTest::newRow("telea, visible pixels all nodata")
        << QStringList { rec, empty, mask, path(QStringLiteral("left.tif")), method, QStringLiteral("telea") }
        << QStringLiteral("none of the 7200 hidden pixels");
}

void TestBadInput::reconstructWithNothingToRebuildFrom()
{
    QFETCH(QStringList, args);
    QFETCH(QString, said);
    const QString dir = path(QStringLiteral("nothing"));
    QDir(dir).removeRecursively();
    QVERIFY(QDir().mkpath(dir));
    const Result r = run(args + QStringList { QStringLiteral("--out"), dir + QStringLiteral("/out.tif") });
    QVERIFY2(r.code == 1, qPrintable(QStringLiteral("exit %1: %2%3").arg(r.code).arg(r.out, r.err)));
    QVERIFY2(
        r.err.contains(QStringLiteral("nothing to rebuild from")) && r.err.contains(said), qPrintable(r.err));
    QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList {});
}

// info counted 100 % hidden without a word: a float probability read as 0 / non-zero hides it all.
void TestBadInput::infoSaysWhatAnAllHidingMaskMayBe()
{
    const QString ones = path(QStringLiteral("ones.tif"));
    const Result r = run({ QStringLiteral("info"), m_safe, QStringLiteral("--mask"), ones });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral(
                 "warning: the mask hides every pixel; if its values are a cloud "
                 "probability, hide from a threshold up: --mask-above 0.4, or the path %1#above=0.4")
                                .arg(ones)),
        qPrintable(r.out));
    // Cut at a threshold (or any mask that leaves pixels visible): no such warning.
    const Result cut = run({ QStringLiteral("info"), m_safe, QStringLiteral("--mask"), ones,
        QStringLiteral("--mask-above"), QStringLiteral("2") });
    QCOMPARE(cut.code, 0);
    QVERIFY2(!cut.out.contains(QStringLiteral("hides every pixel")), qPrintable(cut.out));
}

void TestBadInput::allHiddenButAnotherSourceStillRebuilds_data()
{
    QTest::addColumn<QStringList>("args");
    const QString rec = QStringLiteral("reconstruct"), method = QStringLiteral("--method"),
                  mask = QStringLiteral("--mask");
    // Every pixel hidden, but another date shows them.
    QTest::newRow("temporal with a clear --reference")
        << QStringList { rec, m_safe, mask, path(QStringLiteral("ones.tif")), method,
               QStringLiteral("temporal"), QStringLiteral("--reference"), m_ref };
    // Every pixel of the area hidden, but the scene around it is not.
    QTest::newRow("telea, the AOI inside a cloud")
        << QStringList { rec, m_safe, mask, path(QStringLiteral("block.tif")), method,
               QStringLiteral("telea"), QStringLiteral("--aoi"), QStringLiteral("45,45,30,30") };
}

void TestBadInput::allHiddenButAnotherSourceStillRebuilds()
{
    QFETCH(QStringList, args);
    const QString out = path(QStringLiteral("rebuilt/out.tif"));
    QDir(path(QStringLiteral("rebuilt"))).removeRecursively();
    QVERIFY(QDir().mkpath(path(QStringLiteral("rebuilt"))));
    const Result r = run(args + QStringList { QStringLiteral("--out"), out, QStringLiteral("--json") });
    QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(j[QStringLiteral("reconstructed_percent")].toDouble(), 100.0);
    QVERIFY(QFileInfo::exists(out));
}

void TestBadInput::implausibleMtdValues_data()
{
    QTest::addColumn<QString>("product"); // L2A or L1C
    QTest::addColumn<QString>("element");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("refused");
    const QString l2a = QStringLiteral("L2A"), l1c = QStringLiteral("L1C"),
                  off = QStringLiteral("BOA_ADD_OFFSET"), q = QStringLiteral("BOA_QUANTIFICATION_VALUE");
    for (const char* v : { "nan", "inf", "-inf", "1e308", "-1e308", "abc", "", "2001", "-2000.5", "0x10" })
        QTest::addRow("offset '%s'", v) << l2a << off << QString::fromLatin1(v) << true;
    for (const char* v : { "-1000.0", "2000", "-2000", "0" })
        QTest::addRow("offset '%s' is fine", v) << l2a << off << QString::fromLatin1(v) << false;
    for (const char* v : { "nan", "inf", "0", "-10000", "1e308", "ten", "", "1000001" })
        QTest::addRow("quantification '%s'", v) << l2a << q << QString::fromLatin1(v) << true;
    for (const char* v : { "10000.0", "1e6", "0.5" })
        QTest::addRow("quantification '%s' is fine", v) << l2a << q << QString::fromLatin1(v) << false;
    QTest::newRow("L1C offset 'inf'")
        << l1c << QStringLiteral("RADIO_ADD_OFFSET") << QStringLiteral("inf") << true;
    QTest::newRow("L1C quantification 'nan'")
        << l1c << QStringLiteral("QUANTIFICATION_VALUE") << QStringLiteral("nan") << true;
}

void TestBadInput::implausibleMtdValues()
{
    QFETCH(QString, product);
    QFETCH(QString, element);
    QFETCH(QString, value);
    QFETCH(bool, refused);
    const QString src = product == QLatin1String("L1C") ? m_l1c : m_safe;
    const QString dst = path(QStringLiteral("mtd/")) + QFileInfo(src).fileName();
    QDir(path(QStringLiteral("mtd"))).removeRecursively();
    QVERIFY(copyTree(src, dst));
    const QString mtdName = product == QLatin1String("L1C") ? QStringLiteral("MTD_MSIL1C.xml")
                                                            : QStringLiteral("MTD_MSIL2A.xml");
    QFile mtd(dst + QLatin1Char('/') + mtdName);
    QVERIFY(mtd.open(QIODevice::ReadOnly));
    QString xml = QString::fromUtf8(mtd.readAll());
    mtd.close();
    // The first such element (band_id 0 for offsets) gets the value.
    const QRegularExpression re(QStringLiteral("(<%1\\b[^>]*>)[^<]*(</%1>)").arg(element));
    const QRegularExpressionMatch match = re.match(xml);
    QVERIFY2(match.hasMatch(), qPrintable(element));
    xml.replace(match.capturedStart(), match.capturedLength(), match.captured(1) + value + match.captured(2));
    QVERIFY(mtd.open(QIODevice::WriteOnly | QIODevice::Truncate));
    mtd.write(xml.toUtf8());
    mtd.close();

    const Result r = run({ QStringLiteral("info"), dst });
    if (!refused) {
        QVERIFY2(r.code == 0, qPrintable(r.err));
        return;
    }
    QVERIFY2(r.code == 1, qPrintable(QStringLiteral("exit %1: %2%3").arg(r.code).arg(r.out, r.err)));
    QVERIFY2(r.err.contains(mtdName) && r.err.contains(element)
            && r.err.contains(QStringLiteral("'%1'").arg(value)),
        qPrintable(r.err));
}

QTEST_MAIN(TestBadInput)
#include "tst_badinput.moc"
