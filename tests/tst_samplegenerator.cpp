// The sample generator's products, read back through GDAL's SENTINEL2 driver (an independent reader).
#include <atomic>
#include <cmath>
#include <gdal_priv.h>
#include <memory>
#include <ogr_spatialref.h>
#include <utime.h>

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include "core/common/atomicfile.h"
#include "core/common/runtime.h"
#include "core/sample/samplegenerator.h"

using namespace unclouded;

namespace {

struct Closer
{
    void operator()(GDALDataset* d) const { GDALClose(GDALDataset::ToHandle(d)); }
};
using Ds = std::unique_ptr<GDALDataset, Closer>;

Ds open(const QString& name)
{
    return Ds(GDALDataset::FromHandle(GDALOpen(name.toUtf8().constData(), GA_ReadOnly)));
}

QString subdataset(GDALDataset* top, const QString& resolution)
{
    char** md = top->GetMetadata("SUBDATASETS");
    for (int i = 0; md && md[i]; ++i) {
        const QString kv = QString::fromUtf8(md[i]);
        if (kv.contains(QStringLiteral("_NAME="))
            && kv.contains(QLatin1Char(':') + resolution + QLatin1Char(':')))
            return kv.section(QLatin1Char('='), 1);
    }
    return {};
}

GDALRasterBand* bandNamed(GDALDataset* ds, const char* name)
{
    for (int b = 1; b <= ds->GetRasterCount(); ++b) {
        const char* n = ds->GetRasterBand(b)->GetMetadataItem("BANDNAME");
        if (n && qstrcmp(n, name) == 0)
            return ds->GetRasterBand(b);
    }
    return nullptr;
}

template <typename T> std::vector<T> readAll(GDALRasterBand* b, GDALDataType t)
{
    std::vector<T> v(static_cast<size_t>(b->GetXSize()) * b->GetYSize());
    if (b->RasterIO(
            GF_Read, 0, 0, b->GetXSize(), b->GetYSize(), v.data(), b->GetXSize(), b->GetYSize(), t, 0, 0)
        != CE_None)
        v.clear();
    return v;
}

QMap<QString, QByteArray> hashTree(const QString& dir)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        QFile f(p);
        f.open(QIODevice::ReadOnly);
        out[QDir(dir).relativeFilePath(p)]
            = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }
    return out;
}

} // namespace

class TestSampleGenerator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void opensThroughSentinel2Driver();
    void sclMatchesReport();
    void offsetsPerBandInMetadata();
    void spectraArePlausible();
    void truthMatchesClearPixels();
    void zipOpensAndMatches();
    void referenceDateIsClearAndDifferent();
    void sameSeedGivesIdenticalFiles();
    void l1cHas13BandsAndSclSidecar();
    void nodataEdgeIsClassZero();
    void rejectsBadOptions_data();
    void rejectsBadOptions();
    void cancelLeavesNothing();
    void stagingFollowsNoLinkAndTakesTurnsWithNoOne();

private:
    QTemporaryDir m_dir;
    SampleReport m_report;
};

void TestSampleGenerator::initTestCase()
{
    initializeRuntime();
    QVERIFY(m_dir.isValid());
    SampleOptions o;
    o.outDir = m_dir.path();
    o.size = 600;
    o.seed = 7;
    o.cloudCover = 0.35;
    o.zip = true;
    o.referenceDate = true;
    m_report = generateSample(o);
    QVERIFY(QFileInfo(m_report.main.safePath).isDir());
    QVERIFY(m_report.reference.has_value());
}

void TestSampleGenerator::opensThroughSentinel2Driver()
{
    const QString mtd = m_report.main.safePath + QStringLiteral("/MTD_MSIL2A.xml");
    Ds top = open(mtd);
    QVERIFY(top);
    QCOMPARE(QString::fromLatin1(top->GetDriver()->GetDescription()), QStringLiteral("SENTINEL2"));
    for (const char* res : { "10m", "20m", "60m" })
        QVERIFY2(!subdataset(top.get(), QString::fromLatin1(res)).isEmpty(), res);

    Ds d10 = open(subdataset(top.get(), QStringLiteral("10m")));
    QVERIFY(d10);
    QCOMPARE(d10->GetRasterXSize(), 600);
    for (const char* b : { "B2", "B3", "B4", "B8" })
        QVERIFY2(bandNamed(d10.get(), b), b);
    double gt[6];
    QCOMPARE(d10->GetGeoTransform(gt), CE_None);
    QCOMPARE(gt[0], 300000.0);
    QCOMPARE(gt[1], 10.0);
    QCOMPARE(gt[3], 5900040.0);
    QCOMPARE(gt[5], -10.0);
    const OGRSpatialReference* srs = d10->GetSpatialRef();
    QVERIFY(srs);
    QCOMPARE(QString::fromLatin1(srs->GetAuthorityCode(nullptr)), QStringLiteral("32633"));

    Ds d20 = open(subdataset(top.get(), QStringLiteral("20m")));
    QVERIFY(d20);
    QCOMPARE(d20->GetRasterXSize(), 300);
    // As in real products, SCL is band 9 of the 20 m set (we still look bands up by name).
    QCOMPARE(bandNamed(d20.get(), "SCL"), d20->GetRasterBand(9));
    Ds d60 = open(subdataset(top.get(), QStringLiteral("60m")));
    QVERIFY(d60);
    QCOMPARE(d60->GetRasterXSize(), 100);
    QVERIFY(bandNamed(d60.get(), "B1") && bandNamed(d60.get(), "B9") && bandNamed(d60.get(), "SCL"));
}

void TestSampleGenerator::sclMatchesReport()
{
    Ds top = open(m_report.main.safePath + QStringLiteral("/MTD_MSIL2A.xml"));
    Ds d20 = open(subdataset(top.get(), QStringLiteral("20m")));
    const std::vector<uint8_t> scl = readAll<uint8_t>(bandNamed(d20.get(), "SCL"), GDT_Byte);
    QCOMPARE(scl.size(), size_t(300 * 300));
    std::array<qint64, 12> count {};
    for (uint8_t c : scl) {
        QVERIFY(c < 12);
        ++count[c];
    }
    for (int c = 0; c < 12; ++c)
        QCOMPARE(count[c], m_report.main.sclCount[c]);
    // Every class the scene draws is there.
    for (int c : { 3, 4, 5, 6, 8, 9, 10, 11 })
        QVERIFY2(count[c] > 0, qPrintable(QStringLiteral("class %1 missing").arg(c)));
    const double cloud = 100.0 * (count[8] + count[9] + count[10]) / (300.0 * 300.0);
    QVERIFY(std::abs(cloud - m_report.main.cloudCoverPercent) < 1e-9);
    QVERIFY2(std::abs(cloud - 35.0) < 10.0, qPrintable(QString::number(cloud))); // near what was asked
    // What the MTD states is what the pixels say.
    QCOMPARE(QString::fromUtf8(top->GetMetadataItem("CLOUD_COVERAGE_ASSESSMENT")).toDouble(),
        QString::number(cloud, 'f', 6).toDouble());
}

void TestSampleGenerator::offsetsPerBandInMetadata()
{
    QFile f(m_report.main.safePath + QStringLiteral("/MTD_MSIL2A.xml"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    QMap<int, int> offsets;
    QString quant;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("BOA_ADD_OFFSET")) {
            const int id = xml.attributes().value(QStringLiteral("band_id")).toInt();
            offsets[id] = xml.readElementText().toInt();
        } else if (xml.name() == QLatin1String("BOA_QUANTIFICATION_VALUE")) {
            quant = xml.readElementText();
        }
    }
    QVERIFY(!xml.hasError());
    QCOMPARE(offsets.size(), 13);
    for (int v : offsets)
        QCOMPARE(v, -1000);
    QCOMPARE(quant, QStringLiteral("10000"));
}

void TestSampleGenerator::spectraArePlausible()
{
    Ds top = open(m_report.main.safePath + QStringLiteral("/MTD_MSIL2A.xml"));
    Ds d10 = open(subdataset(top.get(), QStringLiteral("10m")));
    Ds d20 = open(subdataset(top.get(), QStringLiteral("20m")));
    const auto red = readAll<uint16_t>(bandNamed(d10.get(), "B4"), GDT_UInt16);
    const auto nir = readAll<uint16_t>(bandNamed(d10.get(), "B8"), GDT_UInt16);
    const auto blue = readAll<uint16_t>(bandNamed(d10.get(), "B2"), GDT_UInt16);
    const auto swir = readAll<uint16_t>(bandNamed(d20.get(), "B11"), GDT_UInt16);
    const auto scl = readAll<uint8_t>(bandNamed(d20.get(), "SCL"), GDT_Byte);
    auto refl = [](uint16_t dn) { return (dn - 1000.0) / 10000.0; };
    double ndvi[12] = {}, b2[12] = {}, b11[12] = {};
    qint64 n[12] = {};
    for (int y = 0; y < 600; ++y)
        for (int x = 0; x < 600; ++x) {
            const int c = scl[(y / 2) * 300 + x / 2];
            const size_t k = static_cast<size_t>(y) * 600 + x;
            const double r = refl(red[k]), ni = refl(nir[k]);
            ndvi[c] += (ni - r) / (ni + r);
            b2[c] += refl(blue[k]);
            b11[c] += refl(swir[(y / 2) * 300 + x / 2]);
            ++n[c];
        }
    auto mean = [&](double* a, int c) { return a[c] / std::max<qint64>(1, n[c]); };
    QVERIFY2(mean(ndvi, 4) > 0.5, "vegetation NDVI");
    QVERIFY2(mean(ndvi, 5) < 0.35, "bare soil NDVI");
    QVERIFY2(mean(ndvi, 6) < 0.1, "water NDVI");
    QVERIFY2(mean(b2, 9) > 0.4, "thick cloud is bright in blue");
    QVERIFY2(mean(b2, 3) < mean(b2, 5), "shadow darker than soil");
    QVERIFY2(mean(b11, 11) < 0.5 * mean(b2, 11), "snow is dark in SWIR and bright in blue");
}

void TestSampleGenerator::truthMatchesClearPixels()
{
    Ds truth = open(m_report.main.truthPath);
    QVERIFY(truth);
    QCOMPARE(truth->GetRasterCount(), 12);
    QCOMPARE(truth->GetRasterXSize(), 600);
    double gt[6];
    truth->GetGeoTransform(gt);
    QCOMPARE(gt[0], 300000.0);
    QCOMPARE(gt[1], 10.0);
    QCOMPARE(QString::fromLatin1(truth->GetRasterBand(4)->GetDescription()), QStringLiteral("B04"));
    QCOMPARE(QString::fromLatin1(truth->GetRasterBand(12)->GetDescription()), QStringLiteral("B12"));
    int hasNodata = 0;
    QCOMPARE(truth->GetRasterBand(1)->GetNoDataValue(&hasNodata), 0.0);
    QVERIFY(hasNodata);

    Ds top = open(m_report.main.safePath + QStringLiteral("/MTD_MSIL2A.xml"));
    Ds d10 = open(subdataset(top.get(), QStringLiteral("10m")));
    Ds d20 = open(subdataset(top.get(), QStringLiteral("20m")));
    const auto prod = readAll<uint16_t>(bandNamed(d10.get(), "B4"), GDT_UInt16);
    const auto tru = readAll<uint16_t>(truth->GetRasterBand(4), GDT_UInt16);
    const auto scl = readAll<uint8_t>(bandNamed(d20.get(), "SCL"), GDT_Byte);
    qint64 clear = 0, equal = 0, close = 0, cloudy = 0, differs = 0;
    for (int y = 0; y < 600; ++y)
        for (int x = 0; x < 600; ++x) {
            const int c = scl[(y / 2) * 300 + x / 2];
            const size_t k = static_cast<size_t>(y) * 600 + x;
            if (c == 4 || c == 5 || c == 6) {
                ++clear;
                equal += prod[k] == tru[k];
                close += std::abs(prod[k] - tru[k]) <= 100; // 0.01 reflectance
            } else if (c == 9) {
                ++cloudy;
                differs += std::abs(prod[k] - tru[k]) > 1000;
            }
        }
    // Pixels classified clear can still hold haze too faint for the SCL (as in real
    // products), so most are exact and nearly all are within 0.01 reflectance.
    qInfo("clear pixels: %lld, exact: %lld, within 0.01: %lld", clear, equal, close);
    QVERIFY(equal > 0.6 * clear);
    QVERIFY(close > 0.95 * clear);
    QVERIFY2(differs > 0.95 * cloudy, "under thick cloud the truth is the ground, not the cloud");
}

void TestSampleGenerator::zipOpensAndMatches()
{
    QVERIFY(QFileInfo::exists(m_report.main.zipPath));
    Ds top = open(m_report.main.zipPath);
    QVERIFY2(top, "GDAL opens the .zip directly");
    QCOMPARE(QString::fromLatin1(top->GetDriver()->GetDescription()), QStringLiteral("SENTINEL2"));
    Ds d20 = open(subdataset(top.get(), QStringLiteral("20m")));
    QVERIFY(d20);
    const auto scl = readAll<uint8_t>(bandNamed(d20.get(), "SCL"), GDT_Byte);
    std::array<qint64, 12> count {};
    for (uint8_t c : scl)
        ++count[c];
    QCOMPARE(count, m_report.main.sclCount);
}

void TestSampleGenerator::referenceDateIsClearAndDifferent()
{
    const SampleProduct& ref = *m_report.reference;
    QVERIFY(ref.sensingTime != m_report.main.sensingTime);
    QCOMPARE(ref.cloudCoverPercent, 0.0);
    QCOMPARE(ref.sclCount[3], 0);
    Ds a = open(m_report.main.truthPath), b = open(ref.truthPath);
    const auto ra = readAll<uint16_t>(a->GetRasterBand(8), GDT_UInt16); // B08
    const auto rb = readAll<uint16_t>(b->GetRasterBand(8), GDT_UInt16);
    qint64 changed = 0;
    for (size_t k = 0; k < ra.size(); ++k)
        changed += std::abs(ra[k] - rb[k]) > 300; // > 0.03 reflectance in NIR: crops grew or were mown
    QVERIFY2(changed > static_cast<qint64>(ra.size() / 10), "seasonal change between the dates");
    QVERIFY2(changed < static_cast<qint64>(ra.size() * 9 / 10), "but the same landscape");
}

void TestSampleGenerator::sameSeedGivesIdenticalFiles()
{
    QTemporaryDir a, b, c;
    SampleOptions o;
    o.size = 240;
    o.seed = 11;
    o.zip = true;
    o.outDir = a.path();
    generateSample(o);
    o.outDir = b.path();
    generateSample(o);
    const auto ha = hashTree(a.path()), hb = hashTree(b.path());
    QVERIFY(ha.size() > 40);
    QCOMPARE(ha, hb);
    o.seed = 12;
    o.outDir = c.path();
    generateSample(o);
    const auto hc = hashTree(c.path());
    QVERIFY(ha != hc);
}

void TestSampleGenerator::l1cHas13BandsAndSclSidecar()
{
    QTemporaryDir dir;
    SampleOptions o;
    o.outDir = dir.path();
    o.size = 240;
    o.level = ProcessingLevel::L1C;
    const SampleReport r = generateSample(o);
    Ds top = open(r.main.safePath + QStringLiteral("/MTD_MSIL1C.xml"));
    QVERIFY(top);
    QCOMPARE(QString::fromLatin1(top->GetDriver()->GetDescription()), QStringLiteral("SENTINEL2"));
    int bands = 0;
    for (const char* res : { "10m", "20m", "60m" }) {
        Ds d = open(subdataset(top.get(), QString::fromLatin1(res)));
        QVERIFY2(d, res);
        bands += d->GetRasterCount();
    }
    QCOMPARE(bands, 13);
    Ds d60 = open(subdataset(top.get(), QStringLiteral("60m")));
    GDALRasterBand* b10 = bandNamed(d60.get(), "B10");
    QVERIFY(b10);
    const auto v = readAll<uint16_t>(b10, GDT_UInt16);
    QVERIFY(*std::max_element(v.begin(), v.end()) > 1000 + 200); // cirrus shows in B10
    Ds scl = open(r.main.sclPath);
    QVERIFY(scl);
    QCOMPARE(scl->GetRasterXSize(), 120);
    // The L1C cloud mask of baselines 04.00 on: three 0 / 1 bands (opaque, cirrus, snow) at 60 m.
    QDirIterator it(
        r.main.safePath, { QStringLiteral("MSK_CLASSI_B00.jp2") }, QDir::Files, QDirIterator::Subdirectories);
    QVERIFY(it.hasNext());
    const QString classiPath = it.next();
    QVERIFY(classiPath.endsWith(QStringLiteral("/QI_DATA/MSK_CLASSI_B00.jp2")));
    Ds classi = open(classiPath);
    QVERIFY(classi);
    QCOMPARE(classi->GetRasterCount(), 3);
    QCOMPARE(classi->GetRasterXSize(), 40);
    for (int b = 1; b <= 3; ++b) {
        const auto f = readAll<uint8_t>(classi->GetRasterBand(b), GDT_Byte);
        QVERIFY(*std::max_element(f.begin(), f.end()) <= 1);
        if (b == 1)
            QVERIFY(*std::max_element(f.begin(), f.end()) == 1); // the sample has clouds
    }
    QCOMPARE(r.main.sclCount[0], 0);
    Ds truth = open(r.main.truthPath);
    QCOMPARE(truth->GetRasterCount(), 13);
}

void TestSampleGenerator::nodataEdgeIsClassZero()
{
    QTemporaryDir dir;
    SampleOptions o;
    o.outDir = dir.path();
    o.size = 240;
    o.nodataEdge = 0.3;
    const SampleReport r = generateSample(o);
    QVERIFY(r.main.sclCount[0] > 0);
    Ds top = open(r.main.safePath + QStringLiteral("/MTD_MSIL2A.xml"));
    Ds d10 = open(subdataset(top.get(), QStringLiteral("10m")));
    const auto red = readAll<uint16_t>(bandNamed(d10.get(), "B4"), GDT_UInt16);
    QCOMPARE(red.front(), uint16_t(0)); // top-left corner: outside the swath
    QVERIFY(red.back() != 0); // bottom-right: inside
}

void TestSampleGenerator::rejectsBadOptions_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<double>("cloud");
    QTest::addColumn<QString>("expect");
    QTest::newRow("size not multiple of 6") << 601 << 0.3 << QStringLiteral("multiple of 6");
    QTest::newRow("size too small") << 30 << 0.3 << QStringLiteral("between 60 and 10980");
    QTest::newRow("size too large") << 11004 << 0.3 << QStringLiteral("between 60 and 10980");
    QTest::newRow("cloud > 1") << 600 << 1.5 << QStringLiteral("--cloud-cover");
    QTest::newRow("cloud NaN") << 600 << std::nan("") << QStringLiteral("--cloud-cover");
}

void TestSampleGenerator::rejectsBadOptions()
{
    QFETCH(int, size);
    QFETCH(double, cloud);
    QFETCH(QString, expect);
    SampleOptions o;
    o.outDir = m_dir.path();
    o.size = size;
    o.cloudCover = cloud;
    QVERIFY(validateSampleOptions(o).contains(expect));
    QVERIFY_THROWS_EXCEPTION(Error, generateSample(o));
}

void TestSampleGenerator::cancelLeavesNothing()
{
    QTemporaryDir dir;
    SampleOptions o;
    o.outDir = dir.path();
    o.size = 600;
    std::atomic<bool> cancel { false };
    Progress p;
    p.cancelFlag = &cancel;
    p.onProgress = [&](double f, const QString&) {
        if (f > 0.2)
            cancel = true;
    };
    QVERIFY_THROWS_EXCEPTION(Cancelled, generateSample(o, p));
    QCOMPARE(
        QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    // Stopped while the second date is written (a cancel here, a full disk in the field): the first
    // date, complete by then, is not published either (it was: a SAFE, truth and parcels, no report).
    o.referenceDate = true;
    o.zip = true;
    cancel = false;
    p.onProgress = [&](double f, const QString&) {
        if (f > 0.7)
            cancel = true;
    };
    QVERIFY_THROWS_EXCEPTION(Cancelled, generateSample(o, p));
    QCOMPARE(
        QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
}

// The staging folder had a fixed name, emptied at the start: a symbolic link put there (another user's,
// in a shared /tmp) had its target emptied, and two runs into one folder removed each other's files.
void TestSampleGenerator::stagingFollowsNoLinkAndTakesTurnsWithNoOne()
{
    QTemporaryDir dir;
    const QString victim = dir.filePath(QStringLiteral("precious"));
    QVERIFY(QDir().mkpath(victim));
    {
        QFile f(victim + QStringLiteral("/thesis.txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("years of work");
    }
    const QString out = dir.filePath(QStringLiteral("out"));
    QVERIFY(QDir().mkpath(out));
    QVERIFY(QFile::link(victim, out + QStringLiteral("/.unclouded-sample.partial")));
    // A day-old staging folder of a killed run goes; a fresh one (another run's) stays.
    const QString stale = out + QStringLiteral("/.unclouded-sample-AbC123");
    const QString live = out + QStringLiteral("/.unclouded-sample-XyZ789");
    const QString held = out + QStringLiteral("/.unclouded-sample-LoCk01"); // old, a run still in it
    const QString mine = out + QStringLiteral("/.unclouded-samples"); // a user's, old
    for (const QString& d : { stale, live, held, mine }) {
        QVERIFY(QDir().mkpath(d));
        QFile f(d + QStringLiteral("/r0.tif"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
    }
    const ::utimbuf twoDaysAgo { ::time(nullptr) - 2 * 86400, ::time(nullptr) - 2 * 86400 };
    for (const QString& d : { stale, held, mine })
        QCOMPARE(::utime(QFile::encodeName(d).constData(), &twoDaysAgo), 0);
    const TemporaryLock running(held);
    SampleOptions o;
    o.outDir = out;
    o.size = 120;
    o.seed = 3;
    const SampleReport r = generateSample(o);
    QVERIFY(QFileInfo::exists(r.main.safePath));
    QVERIFY(QFileInfo::exists(victim + QStringLiteral("/thesis.txt")));
    QVERIFY(QFileInfo(out + QStringLiteral("/.unclouded-sample.partial")).isSymLink());
    QVERIFY(!QFileInfo::exists(stale));
    QVERIFY(QFileInfo::exists(live + QStringLiteral("/r0.tif")));
    QVERIFY(QFileInfo::exists(held + QStringLiteral("/r0.tif")));
    QVERIFY(QFileInfo::exists(mine + QStringLiteral("/r0.tif")));
    // Nothing of this run's staging is left.
    QCOMPARE(QDir(out).entryList({ QStringLiteral(".unclouded-sample-*") }, QDir::Dirs | QDir::Hidden),
        (QStringList {
            QStringLiteral(".unclouded-sample-LoCk01"), QStringLiteral(".unclouded-sample-XyZ789") }));
}

QTEST_GUILESS_MAIN(TestSampleGenerator)
#include "tst_samplegenerator.moc"
