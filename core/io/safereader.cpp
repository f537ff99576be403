// Sentinel-2 SAFE products (folder, zip or MTD file) through GDAL's SENTINEL2 driver, with offsets,
// quantification and sun angles from the MTD files.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cpl_minixml.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <cstring>
#include <exception>
#include <mutex>
#include <numeric>
#include <system_error>
#include <thread>
#include <vector>

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QXmlStreamReader>

#include "core/common/error.h"
#include "core/io/product_p.h"
#include "core/io/sentinel2.h"

namespace unclouded {

namespace {

using io::DatasetPtr;

// ESA's metadata files are well under 2 MiB; GDAL's XML parser is not safe on files of GiBs
// (a small zip can hold one), so anything larger is refused before it is parsed.
constexpr vsi_l_offset kMaxXmlBytes = 32u << 20;

void checkXmlSize(const QString& path)
{
    VSIStatBufL st;
    if (VSIStatL(path.toUtf8().constData(), &st) == 0 && static_cast<vsi_l_offset>(st.st_size) > kMaxXmlBytes)
        throw Error(QStringLiteral("%1 is %2 MiB: far larger than any Sentinel-2 metadata file (at most %3 "
                                   "MiB), so the product is damaged or not a real product")
                        .arg(path)
                        .arg(static_cast<double>(st.st_size) / (1 << 20), 0, 'f', 0)
                        .arg(kMaxXmlBytes >> 20));
}

struct XmlDoc
{
    CPLXMLNode* root = nullptr;
    explicit XmlDoc(const QString& path)
    {
        checkXmlSize(path);
        io::QuietGdalErrors quiet;
        root = CPLParseXMLFile(path.toUtf8().constData());
        if (root)
            CPLStripXMLNamespace(root, nullptr, TRUE);
    }
    ~XmlDoc() { CPLDestroyXMLNode(root); }
    XmlDoc(const XmlDoc&) = delete;
    XmlDoc& operator=(const XmlDoc&) = delete;
    // Finds the first element with this name anywhere below `from`.
    static CPLXMLNode* find(CPLXMLNode* from, const char* name)
    {
        for (CPLXMLNode* n = from; n; n = n->psNext) {
            if (n->eType != CXT_Element)
                continue;
            if (EQUAL(n->pszValue, name))
                return n;
            if (CPLXMLNode* c = find(n->psChild, name))
                return c;
        }
        return nullptr;
    }
    QString value(const char* name) const
    {
        CPLXMLNode* n = find(root, name);
        return n ? QString::fromUtf8(CPLGetXMLValue(n, nullptr, "")).trimmed() : QString();
    }
};

// What manifest.safe says of one file: its size and checksum (SHA3-256 since processing baseline
// 04.00, MD5 before), either of which may be absent.
struct ManifestEntry
{
    qint64 size = -1;
    QString algorithm, hex;
};

// manifest.safe's byteStreams by path relative to the SAFE folder ("GRANULE/.../B02_10m.jp2").
QHash<QString, ManifestEntry> readManifest(const QString& safeDir)
{
    QHash<QString, ManifestEntry> out;
    const QString path = safeDir + QStringLiteral("/manifest.safe");
    VSIStatBufL st;
    if (VSIStatL(path.toUtf8().constData(), &st) != 0)
        return out;
    checkXmlSize(path);
    QByteArray bytes(static_cast<qsizetype>(st.st_size), Qt::Uninitialized);
    VSILFILE* f = VSIFOpenL(path.toUtf8().constData(), "rb");
    if (!f)
        return out;
    const size_t got = VSIFReadL(bytes.data(), 1, bytes.size(), f);
    VSIFCloseL(f);
    bytes.truncate(static_cast<qsizetype>(got));
    QXmlStreamReader xml(bytes);
    ManifestEntry cur;
    QString href;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("byteStream")) {
                cur = {};
                href.clear();
                bool ok = false;
                const qint64 size = xml.attributes().value(QLatin1String("size")).toLongLong(&ok);
                cur.size = ok ? size : -1;
            } else if (xml.name() == QLatin1String("fileLocation")) {
                href = xml.attributes().value(QLatin1String("href")).toString();
                if (href.startsWith(QLatin1String("./")))
                    href = href.mid(2);
            } else if (xml.name() == QLatin1String("checksum")) {
                cur.algorithm = xml.attributes().value(QLatin1String("checksumName")).toString().toUpper();
                cur.hex = xml.readElementText().trimmed().toLower();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("byteStream") && !href.isEmpty()) {
            out.insert(href, cur);
        }
    }
    return out; // a malformed manifest yields what was read before the error: nothing is required of it
}

// GDAL's SENTINEL2 driver mosaics band files into a grid of the size the metadata gives: a file of
// another size would be read misregistered (or partly as zeros).
void checkBandFileSize(const QString& file, GDALDataset* set)
{
    DatasetPtr ds = io::openRaster(file);
    if (ds->GetRasterXSize() != set->GetRasterXSize() || ds->GetRasterYSize() != set->GetRasterYSize())
        throw Error(QStringLiteral("%1 is %2 x %3 pixels but its resolution's grid is %4 x %5: the file "
                                   "does not belong to this product")
                        .arg(file)
                        .arg(ds->GetRasterXSize())
                        .arg(ds->GetRasterYSize())
                        .arg(set->GetRasterXSize())
                        .arg(set->GetRasterYSize()));
}

// A band file's checksum still to compare with the manifest's.
struct ChecksumCheck
{
    QString file, algorithm, hex;
    QCryptographicHash::Algorithm algo;
    QString key; // path, size, mtime and the expected checksum: hashed once per process
    qint64 size = 0;
};

// A band file against the manifest: present, not empty, the size it lists (here), and the checksum
// it gives, added to `checks` for verifyChecksums.
void verifyBandFile(const QString& file, const QString& safeDir,
    const QHash<QString, ManifestEntry>& manifest, std::vector<ChecksumCheck>& checks)
{
    VSIStatBufL st;
    if (VSIStatL(file.toUtf8().constData(), &st) != 0)
        throw Error(QStringLiteral("%1 is missing").arg(file));
    if (st.st_size == 0)
        throw Error(
            QStringLiteral("%1 is empty (0 bytes): the product is damaged; download it again").arg(file));
    const auto it = manifest.constFind(file.mid(safeDir.size() + 1));
    if (it == manifest.cend())
        return;
    if (it->size >= 0 && it->size != static_cast<qint64>(st.st_size))
        throw Error(QStringLiteral("%1 is %2 bytes but the product's manifest.safe lists %3: the file is "
                                   "truncated or replaced; download the product again")
                        .arg(file)
                        .arg(static_cast<qint64>(st.st_size))
                        .arg(it->size));
    QCryptographicHash::Algorithm algo;
    if (it->algorithm == QLatin1String("SHA3-256"))
        algo = QCryptographicHash::Sha3_256;
    else if (it->algorithm == QLatin1String("MD5"))
        algo = QCryptographicHash::Md5;
    else
        return;
    if (it->hex.isEmpty())
        return;
    checks.push_back({ file, it->algorithm, it->hex, algo,
        QStringLiteral("%1|%2|%3|%4")
            .arg(file)
            .arg(static_cast<qint64>(st.st_size))
            .arg(static_cast<qint64>(st.st_mtime))
            .arg(it->hex),
        static_cast<qint64>(st.st_size) });
}

// A JPEG 2000 decoder turns damaged bytes into plausible pixels without an error, so the manifest's
// checksums are the one place such damage shows. The files are hashed side by side, largest first:
// a tile's 12 bands and SCL are about 700 MB, 3.4 s on one core at Qt's 205 MB/s of SHA3-256.
// The first damaged file in band order is reported.
void verifyChecksums(std::vector<ChecksumCheck> checks)
{
    static std::mutex verifiedMutex;
    static QSet<QString> verified;
    {
        std::lock_guard<std::mutex> lock(verifiedMutex);
        checks.erase(std::remove_if(checks.begin(), checks.end(),
                         [](const ChecksumCheck& c) { return verified.contains(c.key); }),
            checks.end());
    }
    if (checks.empty())
        return;
    std::vector<size_t> order(checks.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(
        order.begin(), order.end(), [&](size_t a, size_t b) { return checks[a].size > checks[b].size; });
    std::vector<std::exception_ptr> errors(checks.size());
    std::atomic<size_t> next { 0 };
    auto work = [&] {
        for (size_t n; (n = next++) < order.size();) {
            const ChecksumCheck& c = checks[order[n]];
            try {
                QCryptographicHash hash(c.algo);
                VSILFILE* f = VSIFOpenL(c.file.toUtf8().constData(), "rb");
                if (!f)
                    throw Error(QStringLiteral("Cannot read %1").arg(c.file));
                QByteArray buf(1 << 20, Qt::Uninitialized);
                for (size_t got; (got = VSIFReadL(buf.data(), 1, buf.size(), f)) > 0;)
                    hash.addData(QByteArrayView(buf.constData(), static_cast<qsizetype>(got)));
                VSIFCloseL(f);
                if (QString::fromLatin1(hash.result().toHex()) != c.hex)
                    throw Error(
                        QStringLiteral("%1 does not match its %2 checksum in the product's manifest.safe: "
                                       "the file is damaged; download the product again")
                            .arg(c.file, c.algorithm));
                std::lock_guard<std::mutex> lock(verifiedMutex);
                verified.insert(c.key);
            } catch (...) {
                errors[order[n]] = std::current_exception();
            }
        }
    };
    // As many threads as the run may use (UNCLOUDED_THREADS: a batch's or a cluster job's share).
    size_t cores = std::max(1u, std::thread::hardware_concurrency());
    if (const int env = qEnvironmentVariableIntValue("UNCLOUDED_THREADS"); env > 0)
        cores = std::min(cores, static_cast<size_t>(env));
    const size_t threads = std::clamp<size_t>(cores, 1, checks.size());
    std::vector<std::thread> pool;
    {
        // Every thread started is joined, also when starting another fails.
        const auto joinAll = qScopeGuard([&] {
            for (std::thread& t : pool)
                t.join();
        });
        try {
            pool.reserve(threads);
            for (size_t t = 1; t < threads; ++t)
                pool.emplace_back(work);
        } catch (const std::exception&) { // fewer threads: the ones running take the rest
        }
        work();
    }
    for (const std::exception_ptr& e : errors)
        if (e)
            std::rethrow_exception(e);
}

} // namespace

ProductMtd readProductMtd(const QString& mtdPath)
{
    XmlDoc mtd(mtdPath);
    if (!mtd.root)
        throw Error(QStringLiteral("Cannot parse the product metadata %1").arg(mtdPath));
    ProductMtd m;
    m.productName = mtd.value("PRODUCT_URI").remove(QStringLiteral(".SAFE"));
    m.baseline = mtd.value("PROCESSING_BASELINE");
    m.sensingTime = mtd.value("PRODUCT_START_TIME");
    const QString type = mtd.value("PRODUCT_TYPE");
    m.level = type.endsWith(QLatin1String("2A")) ? QStringLiteral("L2A")
        : type.endsWith(QLatin1String("1C"))     ? QStringLiteral("L1C")
                                                 : QString();
    m.generatedByUnclouded = mtd.value("PRODUCT_DOI").contains(QLatin1String("Unclouded"));
    bool ccOk = false;
    m.cloudCover = mtd.value("Cloud_Coverage_Assessment").toDouble(&ccOk);
    if (!ccOk || !(m.cloudCover >= 0 && m.cloudCover <= 100)) // NaN fails both: "unknown"
        m.cloudCover = -1;

    // bandId -> physical band, offsets per bandId, quantification (read per band, never from the date).
    QMap<int, QString> physical;
    for (CPLXMLNode* n = XmlDoc::find(mtd.root, "Spectral_Information_List"); n; n = nullptr)
        for (CPLXMLNode* c = n->psChild; c; c = c->psNext)
            if (c->eType == CXT_Element && EQUAL(c->pszValue, "Spectral_Information"))
                physical[atoi(CPLGetXMLValue(c, "bandId", "-1"))]
                    = canonicalBandName(QString::fromUtf8(CPLGetXMLValue(c, "physicalBand", "")));
    // Every pixel is scaled by these: a value that is not a plausible number (nan, inf, 1e308, text)
    // would turn the whole product into wrong reflectances, so it is refused, not read as 0.
    auto number = [&](const QString& name, const QString& text, double lo, double hi, bool loOpen) {
        bool ok = false;
        const double v = text.toDouble(&ok);
        if (!ok || !std::isfinite(v) || (loOpen ? v <= lo : v < lo) || v > hi)
            throw Error(
                QStringLiteral("%1: %2 is '%3', not a number in %4")
                    .arg(mtdPath, name, text,
                        QStringLiteral("%1%2, %3]").arg(QLatin1Char(loOpen ? '(' : '[')).arg(lo).arg(hi)));
        return v;
    };
    // The first list found: an L2A's BOA offsets, else an L1C's radiometric ones (never the two mixed).
    for (const char* listName : { "BOA_ADD_OFFSET_VALUES_LIST", "Radiometric_Offset_List" })
        if (CPLXMLNode* n = XmlDoc::find(mtd.root, listName); n && m.offsets.isEmpty())
            for (CPLXMLNode* c = n->psChild; c; c = c->psNext)
                if (c->eType == CXT_Element) {
                    const int id = atoi(CPLGetXMLValue(c, "band_id", "-1"));
                    const QString b = physical.value(id,
                        id >= 0 && id < kS2BandCount ? QString::fromLatin1(kS2Bands[id].name) : QString());
                    m.offsets[b]
                        = number(QStringLiteral("%1 of band_id %2").arg(QLatin1String(c->pszValue)).arg(id),
                            QString::fromUtf8(CPLGetXMLValue(c, nullptr, "")).trimmed(), -2000, 2000, false);
                }
    for (const char* q : { "BOA_QUANTIFICATION_VALUE", "QUANTIFICATION_VALUE" })
        if (XmlDoc::find(mtd.root, q)) {
            m.quantification = number(QLatin1String(q), mtd.value(q), 0, 1e6, true);
            break;
        }
    return m;
}

// Opens a SAFE product (folder, zip or MTD file) through GDAL's SENTINEL2 driver.
void Product::Impl::openSafe(const QString& userPath)
{
    QString target = userPath;
    const QFileInfo fi(userPath);
    if (fi.isDir()) {
        const QDir dir(userPath);
        const QStringList mtd = dir.entryList(
            { QStringLiteral("MTD_MSIL2A.xml"), QStringLiteral("MTD_MSIL1C.xml") }, QDir::Files);
        if (mtd.isEmpty())
            throw Error(
                QStringLiteral("%1 is a folder but not a Sentinel-2 product: it has no MTD_MSIL2A.xml or "
                               "MTD_MSIL1C.xml, and no band files (such as B02.tif, blue.tif or "
                               "T33UUU_20230101T102021_B02_10m.jp2)")
                    .arg(userPath));
        target = dir.filePath(mtd.first());
    } else if (fi.suffix().compare(QLatin1String("zip"), Qt::CaseInsensitive) == 0) {
        // GDAL recognises zips by the ESA name; for renamed zips, look inside for the MTD.
        const QByteArray vsi = (QStringLiteral("/vsizip/") + fi.absoluteFilePath()).toUtf8();
        io::QuietGdalErrors quiet; // a damaged zip is reported below, in one sentence
        // The MTD sits at the top or in one top-level folder (X.SAFE/). Not VSIReadDirRecursive: it stats
        // every entry by a linear search, so a 16 MB zip of 60000 empty entries took minutes.
        QString found;
        const auto mtdIn = [&](const QByteArray& folder) {
            for (const char* name : { "MTD_MSIL2A.xml", "MTD_MSIL1C.xml" }) {
                const QByteArray p = folder + '/' + name;
                VSIStatBufL st;
                if (VSIStatL(p.constData(), &st) == 0 && !VSI_ISDIR(st.st_mode))
                    return QString::fromUtf8(p);
            }
            return QString();
        };
        found = mtdIn(vsi);
        char** top = found.isEmpty() ? VSIReadDirEx(vsi.constData(), 64) : nullptr;
        for (int i = 0; top && top[i] && found.isEmpty(); ++i)
            if (std::strcmp(top[i], ".") != 0 && std::strcmp(top[i], "..") != 0)
                found = mtdIn(vsi + '/' + top[i]);
        CSLDestroy(top);
        if (found.isEmpty()) {
            // The format before December 2016 is read from its tiles' folders, not from a zip.
            bool old = false;
            char** dirs = VSIReadDirEx(vsi.constData(), 64);
            for (int i = 0; dirs && dirs[i] && !old; ++i) {
                char** inner = VSIReadDirEx((vsi + '/' + dirs[i]).constData(), 256);
                for (int k = 0; inner && inner[k] && !old; ++k)
                    for (const QString& n : { QString::fromUtf8(inner[k]), QString::fromUtf8(dirs[i]) })
                        old = old || n.contains(QLatin1String("_OPER_MTD_SAFL1C"))
                            || n.contains(QLatin1String("_USER_MTD_SAFL2A"));
                CSLDestroy(inner);
            }
            CSLDestroy(dirs);
            if (old)
                throw Error(QStringLiteral("%1 is a Sentinel-2 product of the format used before December "
                                           "2016: unzip it and open it, or one of the folders in its GRANULE "
                                           "folder")
                                .arg(userPath));
            throw Error(QStringLiteral("%1 is not a Sentinel-2 product: the archive has no MTD_MSIL2A.xml or "
                                       "MTD_MSIL1C.xml (or it is not a readable zip)")
                            .arg(userPath));
        }
        target = found;
        info.format = QStringLiteral("SAFE (zip)");
    }
    if (info.format.isEmpty())
        info.format = QStringLiteral("SAFE");

    checkXmlSize(target);
    DatasetPtr top = io::openRaster(target);
    const QString driver = QString::fromLatin1(top->GetDriver()->GetDescription());
    if (driver != QLatin1String("SENTINEL2"))
        throw Error(
            QStringLiteral("%1 is not a Sentinel-2 product (GDAL reads it as %2)").arg(userPath, driver));

    QMap<int, QString> subdatasets; // resolution -> name
    char** sds = top->GetMetadata("SUBDATASETS");
    for (int i = 0; sds && sds[i]; ++i) {
        const QString kv = QString::fromUtf8(sds[i]);
        if (!kv.contains(QStringLiteral("_NAME=")))
            continue;
        const QString name = kv.section(QLatin1Char('='), 1);
        for (int res : { 10, 20, 60 })
            if (name.contains(QStringLiteral(":%1m:").arg(res)))
                subdatasets[res] = name;
    }
    if (subdatasets.isEmpty())
        throw Error(QStringLiteral("%1: GDAL finds no 10/20/60 m band sets in this product").arg(userPath));

    // SENTINEL2_L2A:<mtd path>:10m:EPSG_32633 -> <mtd path>
    const QString any = subdatasets.first();
    const QString mtdPath = any.section(QLatin1Char(':'), 1, -3);
    info.level
        = any.startsWith(QLatin1String("SENTINEL2_L2A")) ? QStringLiteral("L2A") : QStringLiteral("L1C");
    const QString safeDir = mtdPath.section(QLatin1Char('/'), 0, -2);

    XmlDoc mtd(mtdPath);
    if (!mtd.root)
        throw Error(QStringLiteral("%1: cannot parse the product metadata %2").arg(userPath, mtdPath));
    const ProductMtd meta = readProductMtd(mtdPath);
    info.productName = meta.productName;
    info.baseline = meta.baseline;
    info.sensingTime = meta.sensingTime;
    info.generatedByUnclouded = meta.generatedByUnclouded;
    info.cloudCoverMetadata = meta.cloudCover;
    static const QRegularExpression tileRe(QStringLiteral("_(T\\d{2}[A-Z]{3})_"));
    info.tileId = tileRe.match(info.productName).captured(1);
    const QMap<QString, double>& offsets = meta.offsets;
    const double quant = meta.quantification;

    QStringList imageFiles;
    if (CPLXMLNode* g = XmlDoc::find(mtd.root, "Granule"))
        for (CPLXMLNode* c = g->psChild; c; c = c->psNext)
            if (c->eType == CXT_Element && EQUAL(c->pszValue, "IMAGE_FILE"))
                imageFiles << QString::fromUtf8(CPLGetXMLValue(c, nullptr, ""));
    auto fileFor = [&](const QString& band, int res) -> QString {
        const QString gdalStyle = band; // file names use B04 / B8A
        for (const QString& f : imageFiles)
            if (f.endsWith(QStringLiteral("_%1_%2m").arg(gdalStyle).arg(res))
                || f.endsWith(QLatin1Char('_') + gdalStyle))
                return safeDir + QLatin1Char('/') + f + QStringLiteral(".jp2");
        return {};
    };
    // A file that is absent is a partial product (a warning); an empty one is damage (verifyBandFile).
    auto exists = [](const QString& p) {
        VSIStatBufL st;
        return !p.isEmpty() && VSIStatL(p.toUtf8().constData(), &st) == 0;
    };
    const QHash<QString, ManifestEntry> manifest = readManifest(safeDir);

    // Granule metadata: CRS code and sun angles.
    if (!imageFiles.isEmpty()) {
        XmlDoc tl(safeDir + QLatin1Char('/') + imageFiles.first().section(QLatin1Char('/'), 0, 1)
            + QStringLiteral("/MTD_TL.xml"));
        if (tl.root) {
            info.sunZenith = tl.value("ZENITH_ANGLE").toDouble();
            if (CPLXMLNode* m = XmlDoc::find(tl.root, "Mean_Sun_Angle")) {
                info.sunZenith = QString::fromUtf8(CPLGetXMLValue(m, "ZENITH_ANGLE", "-1")).toDouble();
                info.sunAzimuth = QString::fromUtf8(CPLGetXMLValue(m, "AZIMUTH_ANGLE", "-1")).toDouble();
            }
            // Out of range (or NaN) is a damaged value: shown as unknown, never used as an angle.
            if (!(info.sunZenith >= 0 && info.sunZenith <= 90)
                || !(info.sunAzimuth >= 0 && info.sunAzimuth <= 360)) {
                if (info.sunZenith != -1 || info.sunAzimuth != -1)
                    info.warnings << QStringLiteral(
                        "implausible sun angles in MTD_TL.xml (zenith %1, azimuth %2): "
                        "ignored")
                                         .arg(info.sunZenith)
                                         .arg(info.sunAzimuth);
                info.sunZenith = info.sunAzimuth = -1;
            }
        } else {
            info.warnings << QStringLiteral("granule metadata MTD_TL.xml is missing: no sun angles");
        }
    }

    QMap<int, GDALDataset*> byRes;
    for (auto it = subdatasets.cbegin(); it != subdatasets.cend(); ++it) {
        GDALDataset* ds = keep(io::openRaster(it.value()));
        byRes[it.key()] = ds;
        info.sizePerResolution[it.key()]
            = QStringLiteral("%1 x %2").arg(ds->GetRasterXSize()).arg(ds->GetRasterYSize());
    }
    GDALDataset* grid = byRes.value(10);
    if (!grid)
        throw Error(QStringLiteral("%1: the product has no 10 m band set").arg(userPath));
    info.width = grid->GetRasterXSize();
    info.height = grid->GetRasterYSize();
    grid->GetGeoTransform(info.geoTransform);
    if (const OGRSpatialReference* srs = grid->GetSpatialRef())
        setCrs(*srs);

    // Spectral bands at native resolution, looked up by BANDNAME (never by position).
    QMap<int, std::pair<BandDesc, BandSource>> found;
    std::vector<ChecksumCheck> checks;
    for (auto it = byRes.cbegin(); it != byRes.cend(); ++it) {
        GDALDataset* ds = it.value();
        for (int b = 1; b <= ds->GetRasterCount(); ++b) {
            GDALRasterBand* band = ds->GetRasterBand(b);
            const QString raw = QString::fromUtf8(band->GetMetadataItem("BANDNAME"));
            if (raw == QLatin1String("SCL") && it.key() == 20) {
                const QString f = fileFor(QStringLiteral("SCL"), 20);
                if (exists(f)) {
                    verifyBandFile(f, safeDir, manifest, checks);
                    checkBandFileSize(f, ds); // read as zeros (all no data) otherwise, without a word
                    classes.band = band;
                    classes.factor = 2;
                    info.maskKind = MaskKind::Scl;
                    info.maskFile = f;
                } else {
                    info.warnings << QStringLiteral("the SCL file %1 is missing").arg(f);
                }
                continue;
            }
            const QString name = canonicalBandName(raw);
            const int idx = s2BandIndex(name);
            if (idx < 0 || kS2Bands[idx].resolution != it.key() || found.contains(idx))
                continue;
            const QString f = fileFor(name, it.key());
            if (!exists(f)) {
                info.missingBands << name;
                continue;
            }
            verifyBandFile(f, safeDir, manifest, checks);
            checkBandFileSize(f, ds);
            BandDesc desc;
            desc.name = name;
            desc.resolution = it.key();
            desc.offset = offsets.value(name, 0.0);
            desc.scale = 1.0 / quant;
            desc.centralNm = kS2Bands[idx].central;
            desc.file = f;
            BandSource src;
            src.band = band;
            src.factor = it.key() / 10;
            src.offset = desc.offset;
            src.scale = desc.scale;
            found[idx] = { desc, src };
        }
    }
    // No SCL (L1C, or an L2A without it): the cloud mask every product since baseline 04.00 carries,
    // attached by finishOpen unless the user gives a mask (a quality file never stops the opening).
    // Before baseline 04.00 the clouds are polygons: QI_DATA/MSK_CLOUDS_B00.gml, or in the first
    // products' long names S2A_OPER_MSK_CLOUDS_..._B00_MSIL1C.gml.
    if (!classes.band && !imageFiles.isEmpty()) {
        const QString qi = safeDir + QLatin1Char('/') + imageFiles.first().section(QLatin1Char('/'), 0, 1)
            + QStringLiteral("/QI_DATA/");
        if (exists(qi + QStringLiteral("MSK_CLASSI_B00.jp2"))) {
            classiCandidate = qi + QStringLiteral("MSK_CLASSI_B00.jp2");
        } else if (exists(qi + QStringLiteral("MSK_CLOUDS_B00.gml"))) {
            classiCandidate = qi + QStringLiteral("MSK_CLOUDS_B00.gml");
        } else {
            char** names = VSIReadDir(qi.toUtf8().constData());
            for (int i = 0; names && names[i] && classiCandidate.isEmpty(); ++i) {
                const QString n = QString::fromUtf8(names[i]);
                if (n.contains(QLatin1String("_MSK_CLOUDS_")) && n.endsWith(QLatin1String("_B00_MSIL1C.gml")))
                    classiCandidate = qi + n;
            }
            CSLDestroy(names);
        }
    }
    verifyChecksums(std::move(checks));
    for (auto it = found.cbegin(); it != found.cend(); ++it) {
        info.bands << it.value().first;
        bands.push_back(it.value().second);
    }
    if (!info.missingBands.isEmpty())
        info.warnings << QStringLiteral("band files missing from the product: %1")
                             .arg(info.missingBands.join(QStringLiteral(", ")));
    safeHasNoBandFile = info.bands.isEmpty();
    if (info.bands.isEmpty())
        throw Error(QStringLiteral("%1: none of the product's band files can be found (missing: %2)")
                        .arg(userPath, info.missingBands.join(QStringLiteral(", "))));
    if (info.level == QLatin1String("L1C") && classiCandidate.isEmpty())
        info.warnings << QStringLiteral("this L1C product has no scene classification (SCL) and no "
                                        "cloud mask (MSK_CLASSI_B00 or MSK_CLOUDS_B00): open a mask file "
                                        "to mark clouds");
}

} // namespace unclouded
