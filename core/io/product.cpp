#include "core/io/product.h"

#include <algorithm>
#include <cmath>
#include <cpl_string.h>
#include <exception>
#include <gdal_alg.h>
#include <mutex>
#include <new>
#include <ogrsf_frmts.h>

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTime>
#include <QUrl>

#include "core/common/error.h"
#include "core/common/runtime.h"
#include "core/io/bandfolder_p.h"
#include "core/io/cloudshadow.h"
#include "core/io/product_p.h"
#include "core/io/resample.h"
#include "core/io/sentinel2.h"

namespace unclouded {

namespace {

using io::DatasetPtr;

// A 10 m window read at outW x outH (nearest) with a fractional native window, so GDAL picks the
// overview (JP2 resolution level) that fits. False on failure (the GDAL message is kept).
bool readDecimated(const BandSource& s, double x, double y, double w, double h, int outW, int outH,
    GDALDataType type, void* out)
{
    GDALRasterIOExtraArg extra;
    INIT_RASTERIO_EXTRA_ARG(extra);
    extra.eResampleAlg = GRIORA_NearestNeighbour;
    extra.bFloatingPointWindowValidity = TRUE;
    extra.dfXOff = x / s.factor;
    extra.dfYOff = y / s.factor;
    extra.dfXSize = w / s.factor;
    extra.dfYSize = h / s.factor;
    const int x0 = std::max(0, static_cast<int>(std::floor(extra.dfXOff))),
              y0 = std::max(0, static_cast<int>(std::floor(extra.dfYOff)));
    const int x1 = std::min(s.band->GetXSize(), static_cast<int>(std::ceil(extra.dfXOff + extra.dfXSize)));
    const int y1 = std::min(s.band->GetYSize(), static_cast<int>(std::ceil(extra.dfYOff + extra.dfYSize)));
    io::QuietGdalErrors quiet;
    const bool ok = s.band->RasterIO(GF_Read, x0, y0, std::max(1, x1 - x0), std::max(1, y1 - y0), out, outW,
                        outH, type, 0, 0, &extra)
        == CE_None;
    if (ok && io::readWarnedOfDamage()) {
        CPLError(CE_Failure, CPLE_AppDefined, "%s", io::kJp2Damaged);
        return false;
    }
    return ok;
}

// A full-resolution read of a window of the grid: as it is when the product is on its own grid, else
// the part it covers read in its own pixels (read(ownWindow, dst), planes of the part's size) and the
// rest `fill`.
template <typename T, typename Read>
void readOnGrid(const GridShift& g, const Window& w, int planes, T fill, T* out, Read read)
{
    if (!g.on)
        return read(w, out);
    const Window own { w.x + g.x, w.y + g.y, w.w, w.h };
    const int x0 = std::max(own.x, 0), y0 = std::max(own.y, 0);
    const int x1 = std::min(own.x + own.w, g.w), y1 = std::min(own.y + own.h, g.h);
    if (x0 == own.x && y0 == own.y && x1 == own.x + own.w && y1 == own.y + own.h)
        return read(own, out);
    const size_t plane = static_cast<size_t>(w.w) * w.h;
    std::fill_n(out, plane * planes, fill);
    if (x1 <= x0 || y1 <= y0)
        return;
    const Window part { x0, y0, x1 - x0, y1 - y0 };
    std::vector<T> v(static_cast<size_t>(part.w) * part.h * planes);
    read(part, v.data());
    for (int p = 0; p < planes; ++p)
        for (int j = 0; j < part.h; ++j)
            std::copy_n(v.data() + (static_cast<size_t>(p) * part.h + j) * part.w, part.w,
                out + p * plane + static_cast<size_t>(y0 - own.y + j) * w.w + (x0 - own.x));
}

// A decimated read of a window of the grid (outW x outH samples): the samples whose footprints lie
// wholly in what the product covers, read in its own pixels with the same footprints
// (read(x, y, w, h, outW, outH, dst), a fractional window), the rest `fill`.
template <typename T, typename Read>
void readScaledOnGrid(const GridShift& g, double x, double y, double ww, double wh, int outW, int outH,
    int planes, T fill, T* out, Read read)
{
    if (!g.on)
        return read(x, y, ww, wh, outW, outH, out);
    const double sx = ww / outW, sy = wh / outH;
    const double ox = x + g.x, oy = y + g.y; // the window's origin in the product's own pixels
    auto first = [](double origin, double step) {
        return std::max(0, static_cast<int>(std::ceil(-origin / step - 1e-9)));
    };
    auto end = [](double origin, double step, int size, int n) {
        return std::min(n, static_cast<int>(std::floor((size - origin) / step + 1e-9)));
    };
    const int i0 = first(ox, sx), i1 = end(ox, sx, g.w, outW);
    const int j0 = first(oy, sy), j1 = end(oy, sy, g.h, outH);
    if (i0 == 0 && j0 == 0 && i1 == outW && j1 == outH)
        return read(ox, oy, ww, wh, outW, outH, out);
    const size_t plane = static_cast<size_t>(outW) * outH;
    std::fill_n(out, plane * planes, fill);
    if (i1 <= i0 || j1 <= j0)
        return;
    const int pw = i1 - i0, ph = j1 - j0;
    std::vector<T> v(static_cast<size_t>(pw) * ph * planes);
    // Rounding can put an edge 1e-14 outside the product (-ox / sx whole): GDAL refuses pixel -1.
    const double px = std::max(0.0, ox + i0 * sx), py = std::max(0.0, oy + j0 * sy);
    read(px, py, std::min(pw * sx, g.w - px), std::min(ph * sy, g.h - py), pw, ph, v.data());
    for (int p = 0; p < planes; ++p)
        for (int j = 0; j < ph; ++j)
            std::copy_n(v.data() + (static_cast<size_t>(p) * ph + j) * pw, pw,
                out + p * plane + static_cast<size_t>(j0 + j) * outW + i0);
}

// A JPEG 2000 file's codestream ends with EOC (FF D9). Data overwritten or cut there is found at
// open: OpenJPEG decodes it into garbage with one warning, on the first read only, and none at all
// from GDAL's worker threads. Empty when it ends so, or when it cannot tell (a remote file is not
// read again for this).
QString jp2EndProblem(const QString& path)
{
    const QByteArray utf8 = path.toUtf8();
    if (!VSIIsLocal(utf8.constData()))
        return {};
    VSILFILE* f = VSIFOpenL(utf8.constData(), "rb");
    if (!f)
        return {};
    const auto closer = qScopeGuard([f] { VSIFCloseL(f); });
    VSIFSeekL(f, 0, SEEK_END);
    const vsi_l_offset size = VSIFTellL(f);
    auto bytes = [&](vsi_l_offset at, int n) {
        QByteArray b(n, '\0');
        VSIFSeekL(f, at, SEEK_SET);
        b.truncate(static_cast<int>(VSIFReadL(b.data(), 1, static_cast<size_t>(n), f)));
        return b;
    };
    auto be = [](const QByteArray& b, int at, int n) {
        quint64 v = 0;
        for (int k = 0; k < n; ++k)
            v = (v << 8) | static_cast<uint8_t>(b[at + k]);
        return v;
    };
    vsi_l_offset end = 0;
    if (bytes(0, 4) == QByteArray("\xff\x4f\xff\x51", 4)) { // a bare codestream (.j2k)
        end = size;
    } else {
        for (vsi_l_offset pos = 0; pos + 8 <= size;) {
            const QByteArray head = bytes(pos, 16);
            if (head.size() < 8)
                break;
            quint64 len = be(head, 0, 4);
            vsi_l_offset header = 8;
            if (len == 1) {
                if (head.size() < 16)
                    return QStringLiteral("its JPEG 2000 boxes are cut short");
                len = be(head, 8, 8);
                header = 16;
            } else if (len == 0) {
                len = size - pos;
            }
            if (len < header || len > size - pos)
                return QStringLiteral("its JPEG 2000 boxes run past the end of the file (cut short)");
            if (head.mid(4, 4) == QByteArray("jp2c")) {
                end = pos + len;
                break;
            }
            pos += len;
        }
    }
    if (end < 2)
        return {};
    if (bytes(end - 2, 2) != QByteArray("\xff\xd9", 2))
        return QString::fromLatin1(io::kJp2Damaged);
    return {};
}

} // namespace

Product::Product()
    : d(std::make_unique<Impl>())
{
}
Product::~Product() = default;

void Product::Impl::convert(const BandSource& s, float* v, size_t n) const
{
    for (size_t k = 0; k < n; ++k) {
        const float x = v[k];
        // +-Inf in a float raster is no reflectance either: nodata, never written out as a DN; nor is
        // an undeclared float fill value (ArcGIS' -3.4e38), which the fills would average into -Inf.
        if ((s.integerNodataZero && x == 0.f) || (s.hasNodata && x == static_cast<float>(s.nodata))
            || !(std::fabs(x) < 1e30f))
            v[k] = NAN;
        else
            v[k] = static_cast<float>((x + s.offset) * s.scale);
    }
}

void Product::Impl::readNative(const BandSource& s, int x, int y, int w, int h, float* out) const
{
    io::QuietGdalErrors quiet;
    if (s.band->RasterIO(GF_Read, x, y, w, h, out, w, h, GDT_Float32, 0, 0) != CE_None) {
        // A band folder's files have no band description: the file names the band then.
        QString what = QString::fromUtf8(s.band->GetDescription());
        if (what.isEmpty() && s.band->GetDataset())
            what = QFileInfo(QString::fromUtf8(s.band->GetDataset()->GetDescription())).fileName();
        throw Error(QStringLiteral("Cannot read %1 from %2: %3").arg(what, info.path, io::lastGdalError()));
    }
    if (io::readWarnedOfDamage())
        throw Error(
            QStringLiteral("Cannot read %1 of %2: %3")
                .arg(QString::fromUtf8(s.band->GetDataset() ? s.band->GetDataset()->GetDescription() : ""),
                    info.path, QString::fromLatin1(io::kJp2Damaged)));
}

namespace {

struct MaskValues
{
    QString file, hidden, nodata, bits;
    QList<int> bands { 1 }; // band=N, or band=O,C,S: MSK_CLASSI's three flags as bands of one file
    bool given = false; // values or bits: a mask of the file's own codes
    bool bitsGiven = false;
    QString error; // a suffix that names its keys but not usable values: said when the mask opens
    QString above; // above=T: a number at least T hides (a cloud probability of any type)
};

MaskValues splitMaskPath(const QString& path)
{
    MaskValues v { path, {}, {}, {}, { 1 }, false, false, {}, {} };
    const int hash = path.lastIndexOf(QLatin1Char('#'));
    // A file that exists under the whole name ("m#band=2.tif") is that file.
    if (hash < 0 || (QFileInfo(path).isFile() && !QFileInfo(path.left(hash)).isFile()))
        return v;
    static const QRegularExpression part(QStringLiteral("^(hidden|nodata|bits|band|above)=(.*)$"));
    const QStringList kvs = path.mid(hash + 1).split(QLatin1Char(';'));
    MaskValues out { path.left(hash), {}, {}, {}, { 1 }, false, false, {}, {} };
    for (const QString& kv : kvs)
        if (!part.match(kv).hasMatch()) {
            // A '#' in a file name, unless the file before it is there: then a misspelt key ("values=")
            // read as part of the name said "no such file".
            static const QRegularExpression keyLike(QStringLiteral("^[A-Za-z_]+="));
            if (!QFileInfo(path.left(hash)).isFile() || !keyLike.match(kv).hasMatch())
                return v;
            out.error
                = QStringLiteral("The mask path %1: '%2' is no choice of values (hidden=, nodata=, above=, "
                                 "bits=, band=)")
                      .arg(path, kv.section(QLatin1Char('='), 0, 0) + QLatin1Char('='));
            return out;
        }
    QStringList seen;
    auto fail = [&](const QString& why) {
        if (out.error.isEmpty())
            out.error = QStringLiteral("The mask path %1: %2").arg(path, why);
    };
    for (const QString& kv : kvs) {
        const QRegularExpressionMatch m = part.match(kv);
        const QString key = m.captured(1), list = m.captured(2).trimmed();
        if (seen.contains(key))
            fail(QStringLiteral("%1= is given twice").arg(key));
        seen << key;
        if (key == QLatin1String("band")) {
            out.bands.clear();
            for (const QString& b : list.split(QLatin1Char(','))) {
                bool ok = false;
                const int n = b.trimmed().toInt(&ok);
                if (!ok || n < 1)
                    fail(QStringLiteral("band=%1 names no band (band=N from 1, or band=O,C,S)").arg(list));
                out.bands << std::max(1, n);
            }
            if (out.bands.size() != 1 && out.bands.size() != 3)
                fail(QStringLiteral("band=%1 names %2 bands (one, or three: opaque, cirrus, snow)")
                         .arg(list)
                         .arg(out.bands.size()));
        } else {
            (key == QLatin1String("hidden")          ? out.hidden
                    : key == QLatin1String("nodata") ? out.nodata
                    : key == QLatin1String("above")  ? out.above
                                                     : out.bits)
                = list;
            out.given = true;
            out.bitsGiven |= key == QLatin1String("bits");
        }
    }
    if (seen.contains(QLatin1String("above"))) {
        bool ok = false;
        const double t = out.above.toDouble(&ok);
        if (!ok || !std::isfinite(t))
            fail(QStringLiteral("above=%1 is not a number (above=T hides values of at least T)")
                     .arg(out.above));
        if (seen.contains(QLatin1String("hidden")) || seen.contains(QLatin1String("nodata"))
            || seen.contains(QLatin1String("bits")))
            fail(QStringLiteral("above= says what hides on its own (the file's declared nodata is nodata); "
                                "hidden=, nodata= and bits= do not go with it"));
    }
    return out;
}

// "2,3,4" / "40-100" -> the values it names; throws Error naming the list.
std::array<bool, 256> parseValueList(const QString& list, const QString& what)
{
    std::array<bool, 256> in {};
    const auto bad = [&](const QString& why) {
        return Error(QStringLiteral("%1 \"%2\": %3 (values 0-255 or ranges a-b, comma-separated)")
                         .arg(what, list, why));
    };
    for (const QString& item : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList ab = item.trimmed().split(QLatin1Char('-'));
        bool ok1 = false, ok2 = false;
        const int a = ab.value(0).trimmed().toInt(&ok1);
        const int b = ab.size() == 2 ? ab[1].trimmed().toInt(&ok2) : a;
        if (ab.size() > 2 || !ok1 || (ab.size() == 2 && !ok2))
            throw bad(QStringLiteral("\"%1\" is not a value or a range").arg(item.trimmed()));
        if (a < 0 || b > 255 || a > b)
            throw bad(QStringLiteral("%1 is outside 0-255 or reversed").arg(item.trimmed()));
        for (int x = a; x <= b; ++x)
            in[x] = true;
    }
    return in;
}

// "10,11" -> the mask of those bits (0-15); throws Error naming the list.
uint16_t parseBitList(const QString& list)
{
    uint16_t bits = 0;
    for (const QString& item : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int b = item.trimmed().toInt(&ok);
        if (!ok || b < 0 || b > 15)
            throw Error(QStringLiteral("Mask bits \"%1\": \"%2\" is not a bit 0-15 (comma-separated bits, "
                                       "e.g. 10,11 for QA60's opaque clouds and cirrus)")
                            .arg(list, item.trimmed()));
        bits |= static_cast<uint16_t>(1u << b);
    }
    if (bits == 0)
        throw Error(QStringLiteral("Mask bits \"%1\": no bit named").arg(list));
    return bits;
}

// A binary mask's value -> class code: the values named hidden (every non-zero one when none are),
// those named nodata, else the band's own nodata value unless 0. Throws Error on a bad list.
std::array<uint8_t, 256> binaryCodesFor(const MaskValues& values, GDALRasterBand* band)
{
    std::array<bool, 256> hidden {}, none {};
    if (!values.hidden.isEmpty()) {
        hidden = parseValueList(values.hidden, QStringLiteral("Hidden mask values"));
    } else {
        hidden.fill(true);
        hidden[0] = false;
    }
    if (!values.nodata.isEmpty()) {
        none = parseValueList(values.nodata, QStringLiteral("Nodata mask values"));
        for (int x = 0; x < 256; ++x)
            if (hidden[x] && none[x] && !values.hidden.isEmpty())
                throw Error(QStringLiteral("The mask value %1 cannot be both hidden and nodata").arg(x));
    } else {
        // A 0 / 1 mask often declares 0 (its clear pixels) as nodata: not that one.
        int has = 0;
        const double nd = band->GetNoDataValue(&has);
        if (has && nd >= 1 && nd <= 255 && nd == std::floor(nd))
            none[static_cast<int>(nd)] = true;
    }
    std::array<uint8_t, 256> codes {};
    for (int x = 0; x < 256; ++x)
        codes[x] = none[x] ? uint8_t(SclNoData) : hidden[x] ? kMaskHidden : kMaskClear;
    return codes;
}

} // namespace

QString maskFilePart(const QString& maskPath)
{
    return splitMaskPath(maskPath).file;
}

QList<int> maskPathBands(const QString& maskPath)
{
    return splitMaskPath(maskPath).bands;
}

bool maskPathChoosesValues(const QString& maskPath)
{
    return splitMaskPath(maskPath).given;
}

namespace {

// A mask path's "band=..." part, kept when values or bits are chosen on it; none for the first band.
QStringList bandPart(const MaskValues& path)
{
    if (path.bands == QList<int> { 1 })
        return {};
    QStringList b;
    for (int x : path.bands)
        b << QString::number(x);
    return { QStringLiteral("band=") + b.join(QLatin1Char(',')) };
}

} // namespace

QString maskPathWithValues(const QString& fileOrBand, const QString& hidden, const QString& nodata)
{
    const QString h = hidden.trimmed(), n = nodata.trimmed();
    parseValueList(h, QStringLiteral("Hidden mask values"));
    parseValueList(n, QStringLiteral("Nodata mask values"));
    if (h.isEmpty() && n.isEmpty())
        return fileOrBand;
    // A band of a file ("FILE#band=N") keeps its band; values it had are replaced.
    const MaskValues base = splitMaskPath(fileOrBand);
    if (!base.error.isEmpty())
        throw Error(base.error);
    const QString file = base.file;
    QStringList parts = bandPart(base);
    if (!h.isEmpty())
        parts << QStringLiteral("hidden=") + h;
    if (!n.isEmpty())
        parts << QStringLiteral("nodata=") + n;
    const QString path = file + QLatin1Char('#') + parts.join(QLatin1Char(';'));
    if (!splitMaskPath(path).given) // spaces only, say
        throw Error(
            QStringLiteral("Mask values \"%1\": values 0-255 and ranges a-b, comma-separated").arg(h + n));
    return path;
}

QString maskPathWithBits(const QString& fileOrBand, const QString& bits)
{
    parseBitList(bits);
    const MaskValues base = splitMaskPath(fileOrBand);
    if (!base.error.isEmpty())
        throw Error(base.error);
    QStringList parts = bandPart(base);
    QStringList list;
    for (const QString& item : bits.split(QLatin1Char(','), Qt::SkipEmptyParts))
        list << QString::number(item.trimmed().toInt());
    parts << QStringLiteral("bits=") + list.join(QLatin1Char(','));
    return base.file + QLatin1Char('#') + parts.join(QLatin1Char(';'));
}

QString maskPathWithThreshold(const QString& fileOrBand, const QString& threshold)
{
    bool ok = false;
    const double t = threshold.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(t))
        throw Error(
            QStringLiteral("Mask threshold \"%1\": not a number (values at or above it hide the ground)")
                .arg(threshold.trimmed()));
    const MaskValues base = splitMaskPath(fileOrBand);
    if (!base.error.isEmpty())
        throw Error(base.error);
    QStringList parts = bandPart(base);
    parts << QStringLiteral("above=") + QString::number(t, 'g', 9);
    return base.file + QLatin1Char('#') + parts.join(QLatin1Char(';'));
}

MaskValueCounts maskValueCounts(const QString& file)
{
    const MaskValues parts = splitMaskPath(file);
    if (!parts.error.isEmpty())
        throw Error(parts.error);
    io::DatasetPtr ds = io::openRaster(parts.file);
    if (parts.bands[0] > ds->GetRasterCount())
        throw Error(QStringLiteral("The mask %1 has no band %2").arg(parts.file).arg(parts.bands[0]));
    GDALRasterBand* b = ds->GetRasterBand(parts.bands[0]);
    const int w = b->GetXSize(), h = b->GetYSize();
    const double f = std::max(1.0, std::max(w, h) / 1024.0);
    const int ow = std::max(1, static_cast<int>(w / f)), oh = std::max(1, static_cast<int>(h / f));
    // Read as numbers: a flag mask's 1024 must not clamp to a byte's 255, a probability's 0.3 to 0.
    std::vector<float> v(static_cast<size_t>(ow) * oh);
    GDALRasterIOExtraArg extra;
    INIT_RASTERIO_EXTRA_ARG(extra);
    extra.eResampleAlg = GRIORA_NearestNeighbour;
    io::QuietGdalErrors quiet;
    if (b->RasterIO(GF_Read, 0, 0, w, h, v.data(), ow, oh, GDT_Float32, 0, 0, &extra) != CE_None)
        throw Error(QStringLiteral("Cannot read the mask %1: %2").arg(file, io::lastGdalError()));
    int hasNd = 0;
    const double nd = b->GetNoDataValue(&hasNd);
    // As the mask is read: a declared nodata other than 0 (a 0 / 1 mask often declares its 0), compared
    // as the float it is stored as.
    const float nodata = hasNd && nd != 0 ? static_cast<float>(nd) : NAN;
    MaskValueCounts out;
    out.total = static_cast<qint64>(v.size());
    std::vector<float> distinct; // up to 3: a 0 / non-zero mask has two values
    std::vector<bool> seen(65536); // integer values 0-65535 met
    qint64 integers = 0; // how many of them
    bool fraction = false, first = true;
    for (float x : v) {
        // 255 or 65535 around a 0 / 1 mask is no value of it, nor a flag; NaN and fills none either.
        if (x == nodata || !(std::fabs(x) < 1e30f)) {
            ++out.nodata;
            continue;
        }
        out.lo = first ? x : std::min<double>(out.lo, x);
        out.hi = first ? x : std::max<double>(out.hi, x);
        first = false;
        fraction |= x != std::floor(x);
        if (distinct.size() <= 2 && std::find(distinct.begin(), distinct.end(), x) == distinct.end())
            distinct.push_back(x);
        const int i = static_cast<int>(std::clamp(x, 0.0f, 65535.0f));
        if (x == std::floor(x) && x >= 0 && x <= 65535 && !seen[static_cast<size_t>(i)]) {
            seen[static_cast<size_t>(i)] = true;
            ++integers;
        }
        ++out.values[static_cast<size_t>(std::min(i, 255))];
        out.wide |= i > 255;
        for (int bit = 0; bit < 16; ++bit)
            out.bits[static_cast<size_t>(bit)] += (i >> bit) & 1;
    }
    // Two values (0 and one other) are a 0 / non-zero mask whatever their type. Fractions are a
    // probability (float 0-1); so are more than 64 whole numbers filling a twentieth or more of a
    // range up to 10000 (0-100, 0-10000), where codes are few (Fmask; a -9999 fill aside) and flag
    // combinations sparse over a wider range (FORCE's QAI, QA60).
    const double span = out.hi - std::max(0.0, out.lo) + 1;
    out.graded
        = distinct.size() > 2 && (fraction || (integers > 64 && out.hi <= 10000 && integers >= 0.05 * span));
    return out;
}

double suggestedMaskThreshold(const MaskValueCounts& counts)
{
    const double scale = counts.hi <= 1 ? 1
        : counts.hi <= 100              ? 100
        : counts.hi <= 255              ? 255
        : counts.hi <= 10000            ? 10000
                                        : counts.hi;
    return 0.4 * scale;
}

QString maskThresholdExample(const ProductInfo& info)
{
    if (info.maskKind != MaskKind::Binary || maskPathChoosesValues(info.maskFile)
        || isVectorMask(info.maskFile))
        return {};
    return maskPathWithThreshold(info.maskFile, QStringLiteral("0.4"));
}

bool isVectorMask(const QString& maskPath)
{
    const QString file = maskFilePart(maskPath);
    const QString ext = QFileInfo(file).suffix().toLower();
    if (ext == QLatin1String("json") && isStacItem(file))
        return false; // GDAL reads an item's footprint as a polygon: it is a product
    static const QStringList vector { QStringLiteral("gml"), QStringLiteral("shp"), QStringLiteral("geojson"),
        QStringLiteral("kml"), QStringLiteral("kmz"), QStringLiteral("fgb") };
    if (vector.contains(ext))
        return true;
    // A GeoPackage (or GeoJSON saved as .json) may hold rasters instead: polygons when it has a layer.
    if (ext != QLatin1String("gpkg") && ext != QLatin1String("json"))
        return false;
    io::QuietGdalErrors quiet;
    const io::DatasetPtr ds = io::openVector(file);
    return ds && ds->GetLayerCount() > 0;
}

namespace {

// Polygons burnt onto the product's grid `factor` times coarser (a pixel is inside when its centre
// is). ESA's cloud GML (features with a maskType): three bands shaped like MSK_CLASSI_B00's (opaque,
// cirrus, snow never set); any other vector file: one band, 1 inside a polygon.
io::DatasetPtr burnMaskPolygons(const QString& path, const ProductInfo& info, int factor, bool& esa)
{
    io::QuietGdalErrors quiet;
    const QByteArray utf8 = path.toUtf8();
    const bool gml = QFileInfo(path).suffix().compare(QLatin1String("gml"), Qt::CaseInsensitive) == 0;
    // GDAL's GML reader opens a truncated file and reports the damage only as an error message (then
    // lists fewer features, or none): a cut cloud mask must not read as a clear sky.
    auto damaged = [&] {
        return Error(QStringLiteral("Cannot read the mask polygons %1: %2")
                         .arg(path,
                             CPLGetLastErrorType() >= CE_Failure
                                 ? io::lastGdalError()
                                 : QStringLiteral("the file is damaged or incomplete")));
    };
    // The first 64 KiB and the last 256 bytes: ESA's mask ends with its root's closing tag.
    QByteArray head(1 << 16, '\0'), tail(256, '\0');
    if (VSILFILE* f = VSIFOpenL(utf8.constData(), "rb")) {
        head.truncate(static_cast<int>(VSIFReadL(head.data(), 1, static_cast<size_t>(head.size()), f)));
        VSIFSeekL(f, 0, SEEK_END);
        const vsi_l_offset size = VSIFTellL(f);
        VSIFSeekL(f, size > 256 ? size - 256 : 0, SEEK_SET);
        tail.truncate(static_cast<int>(VSIFReadL(tail.data(), 1, static_cast<size_t>(tail.size()), f)));
        VSIFCloseL(f);
    } else {
        throw Error(
            QStringLiteral("Cannot open the mask polygons %1: no such file or not readable").arg(path));
    }
    const bool esaFile = gml && head.contains("eop:Mask");
    if (esaFile && !tail.trimmed().endsWith("</eop:Mask>"))
        throw damaged();
    CPLErrorReset();
    io::DatasetPtr vec = io::openVector(path); // never a .gfs left in the product's folder
    if (CPLGetLastErrorType() >= CE_Failure)
        throw damaged();
    // A clear sky: ESA's GML with no mask members, which GDAL's GML reader may refuse.
    if (!vec && !(esaFile && !head.contains("MaskFeature")))
        throw Error(QStringLiteral("Cannot read the mask polygons %1: %2")
                        .arg(path,
                            CPLGetLastErrorType() >= CE_Failure ? io::lastGdalError()
                                                                : QStringLiteral("not a vector file GDAL "
                                                                                 "can read")));
    OGRSpatialReference target;
    target.importFromWkt(info.crsWkt.toUtf8().constData());
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::vector<std::unique_ptr<OGRGeometry>> kept[2]; // opaque (or every polygon), cirrus
    esa = false;
    for (int l = 0; vec && l < vec->GetLayerCount(); ++l) {
        OGRLayer* layer = vec->GetLayer(l);
        const int typeField = layer->GetLayerDefn()->GetFieldIndex("maskType");
        esa = esa || typeField >= 0;
        std::unique_ptr<OGRCoordinateTransformation> ct;
        if (const OGRSpatialReference* src = layer->GetSpatialRef(); src && !src->IsSame(&target)) {
            if (!info.georeferenced)
                throw Error(QStringLiteral("The mask polygons %1 have a coordinate system, the product %2 "
                                           "has none")
                                .arg(path, info.path));
            OGRSpatialReference from(*src);
            from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            ct.reset(OGRCreateCoordinateTransformation(&from, &target));
            if (!ct)
                throw Error(QStringLiteral("Cannot bring the mask polygons %1 into the product's coordinate "
                                           "system: %2")
                                .arg(path, io::lastGdalError()));
        }
        layer->ResetReading();
        while (OGRFeatureUniquePtr f { layer->GetNextFeature() }) {
            const OGRGeometry* g = f->GetGeometryRef();
            if (!g)
                continue;
            int slot = 0;
            if (typeField >= 0) {
                const QByteArray type = QByteArray(f->GetFieldAsString(typeField)).trimmed().toUpper();
                if (type == "CIRRUS")
                    slot = 1;
                else if (type != "OPAQUE")
                    continue; // no other type is a cloud
            }
            std::unique_ptr<OGRGeometry> copy(g->clone());
            if (ct && copy->transform(ct.get()) != OGRERR_NONE)
                throw Error(QStringLiteral("Cannot bring the mask polygons %1 into the product's coordinate "
                                           "system: %2")
                                .arg(path, io::lastGdalError()));
            kept[slot].push_back(std::move(copy));
        }
        if (CPLGetLastErrorType() >= CE_Failure)
            throw damaged();
    }
    if (!esaFile && (!vec || vec->GetLayerCount() == 0))
        throw Error(QStringLiteral("The mask %1 holds no polygons").arg(path));
    // ESA's mask with no members has no layer, hence no maskType field.
    esa = esa || esaFile;
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    const int w = info.width / factor, h = info.height / factor;
    io::DatasetPtr out(mem ? mem->Create("", w, h, esa ? 3 : 1, GDT_Byte, nullptr) : nullptr);
    if (!out)
        throw Error(QStringLiteral("Cannot make room for the mask %1: %2").arg(path, io::lastGdalError()));
    double gt[6];
    std::copy(info.geoTransform, info.geoTransform + 6, gt);
    for (int k : { 1, 2, 4, 5 })
        gt[k] *= factor;
    out->SetGeoTransform(gt);
    out->SetProjection(info.crsWkt.toUtf8().constData());
    for (int b = 0; b < (esa ? 2 : 1); ++b) {
        if (kept[b].empty())
            continue; // MEM bands start at 0
        std::vector<OGRGeometryH> handles;
        for (const auto& g : kept[b])
            handles.push_back(OGRGeometry::ToHandle(g.get()));
        int bandList[1] = { b + 1 };
        const std::vector<double> burn(handles.size(), 1.0); // one value per geometry and band
        io::checkCpl(GDALRasterizeGeometries(GDALDataset::ToHandle(out.get()), 1, bandList,
                         static_cast<int>(handles.size()), handles.data(), nullptr, nullptr, burn.data(),
                         nullptr, nullptr, nullptr),
            QStringLiteral("Cannot burn the mask polygons %1").arg(path));
    }
    return out;
}

} // namespace

void Product::Impl::openMask(const QString& maskPath, MaskKind kind)
{
    const MaskValues values = splitMaskPath(maskPath);
    const QString& path = values.file;
    // Classi asked for by name: ESA's flags moved from another product (evaluate --masks-from), whose
    // shadows this product's ground cannot tell; the product's own mask gets them, and one a user
    // attaches unless its folders say it was sensed on another day than this product.
    auto sensedOn = [](const QString& p) {
        for (int up : { -3, -5 }) // its granule's folder, then its product's
            if (const QString t = sensingTimeFromName(p.section(QLatin1Char('/'), up, up)); !t.isEmpty())
                return t.left(10);
        return QString();
    };
    const QString maskDay = sensedOn(path), productDay = info.sensingTime.left(10);
    const bool shadows = path == classiCandidate
        || (kind != MaskKind::Classi && (maskDay.isEmpty() || productDay.isEmpty() || maskDay == productDay));
    if (values.given)
        kind = MaskKind::Binary; // values are for a mask file's own codes, never SCL's
    if (!values.error.isEmpty())
        throw Error(values.error);
    if (values.bitsGiven && !(values.hidden.isEmpty() && values.nodata.isEmpty()))
        throw Error(QStringLiteral("The mask %1: bits say what hides, and the file's declared nodata value "
                                   "is nodata; value lists do not go with them")
                        .arg(path));
    const uint16_t bits = values.bitsGiven ? parseBitList(values.bits) : 0;
    // Polygons: ESA's on the 60 m grid they follow, any other on cells of at most 20 m (a tile's at
    // 10 m would take 120 MB), as coarse as the product's size allows up to those.
    const bool polygons = isVectorMask(path);
    if (polygons && (values.given || values.bands != QList<int> { 1 }))
        throw Error(QStringLiteral("Mask values are for a mask raster's codes; the polygons of %1 hide "
                                   "what lies inside them")
                        .arg(path));
    bool esaPolygons = false;
    GDALDataset* ds = nullptr;
    if (polygons) {
        const bool esaName = QFileInfo(path).fileName().contains(QLatin1String("MSK_CLOUDS"));
        double pixel = 10; // metres
        if (info.georeferenced) {
            OGRSpatialReference srs;
            srs.importFromWkt(info.crsWkt.toUtf8().constData());
            pixel = std::hypot(info.geoTransform[1], info.geoTransform[2])
                * (srs.IsGeographic() ? 111320.0 : srs.GetLinearUnits());
        }
        const double cell = esaName || kind == MaskKind::Classi ? 60.0 : 20.0;
        int f = 1;
        for (int c : { 6, 3, 2 })
            if (f == 1 && c * pixel <= cell * 1.001 && info.width % c == 0 && info.height % c == 0)
                f = c;
        ds = keep(burnMaskPolygons(path, info, f, esaPolygons));
    } else {
        ds = keep(io::openRaster(path));
    }
    const int mw = ds->GetRasterXSize(), mh = ds->GetRasterYSize();
    int factor = 0;
    for (int f : { 1, 2, 3, 6 })
        if (mw * f == info.width && mh * f == info.height)
            factor = f;
    // The right size is not enough: a mask of another tile or AOI would hide the wrong pixels.
    QString where = factor == 0 ? QString() : io::gridDifference(ds, info.geoTransform, info.crsWkt, factor);
    // A raster over another window of the grid, as fine or 2, 3 or 6 times coarser (the tile's SCL
    // beside an AOI of its bands; its size may fit by chance): read on the product's pixels, what it
    // does not cover no data.
    GridShift shifted;
    if (!polygons && (factor == 0 || !where.isEmpty())) {
        int f = factor;
        shifted = maskWindowOnGrid(ds, f);
        if (shifted.on) {
            factor = f;
            where.clear();
        }
    }
    // On another CRS or pixel grid (a cloud probability exported in lon / lat, a mask of the scene
    // reprojected): resampled onto the product's pixels, nearest, with an alpha band that makes what it
    // does not reach no data. Not ESA's cloud flags, whose shadows and nodata lie on their own grid.
    const int maskBands = ds->GetRasterCount();
    for (int b : values.bands)
        if (b > maskBands)
            throw Error(QStringLiteral("The mask %1 has %2 band(s): there is no band %3")
                            .arg(path)
                            .arg(maskBands)
                            .arg(b));
    GDALRasterBand* alpha = nullptr;
    int firstBand = values.bands.front(); // in `ds`
    if (!polygons && (factor == 0 || !where.isEmpty()) && !shifted.on && kind != MaskKind::Classi
        && values.bands.size() == 1 && !QFileInfo(path).fileName().startsWith(QLatin1String("MSK_CLASSI"))) {
        double maskCoverage = 0;
        // The band it reads alone: a warped VRT warps all its bands for every block.
        if (GDALRasterBand* w = warpMask(ds, values.bands.front(), maskCoverage)) {
            ds = w->GetDataset();
            firstBand = 1;
            alpha = ds->GetRasterBand(2);
            factor = 1;
            where.clear();
            info.warnings << QStringLiteral(
                "the mask %1 lies on another CRS or pixel grid: resampled onto the "
                "product's pixels (nearest), it covers %2 % of them%3")
                                 .arg(QFileInfo(path).fileName())
                                 .arg(100.0 * maskCoverage, 0, 'f', 1)
                                 .arg(maskCoverage < 0.9995 ? QStringLiteral(" (the rest is no data)")
                                                            : QString());
        }
    }
    if (factor == 0)
        throw Error(QStringLiteral(
            "The mask %1 is %2 x %3 pixels but the product grid is %4 x %5 (it must match it, or be "
            "2, 3 or 6 times coarser over the same extent, or lie on the same CRS and pixels whole "
            "pixels apart)")
                        .arg(path)
                        .arg(mw)
                        .arg(mh)
                        .arg(info.width)
                        .arg(info.height));
    if (!where.isEmpty())
        throw Error(
            QStringLiteral("The mask %1 does not lie on the product %2: %3").arg(path, info.path, where));
    // A hand-drawn mask without georeferencing is taken by its size alone: say so, since one of
    // another scene of the same size would hide the wrong pixels without a word.
    if (double m[6]; !polygons && info.georeferenced && ds->GetGeoTransform(m) != CE_None)
        info.warnings << QStringLiteral("the mask %1 has no georeferencing: it is taken to cover the "
                                        "product because its size fits; check that it belongs to this scene")
                             .arg(QFileInfo(path).fileName());
    // ESA's MSK_CLASSI_B00 given as any mask: its three flag bands, never its first alone; or those
    // flags as three bands of a bigger file (band=O,C,S).
    const bool flagBands = values.bands.size() == 3;
    const bool classi = esaPolygons || flagBands || (!polygons && kind == MaskKind::Classi)
        || (ds->GetRasterCount() == 3 && QFileInfo(path).fileName().startsWith(QLatin1String("MSK_CLASSI")));
    if (classi && (values.given || (!flagBands && values.bands.first() != 1)))
        throw Error(QStringLiteral("The mask %1 is Sentinel-2's cloud flags (opaque clouds, cirrus, snow): "
                                   "values, bits and a single band do not apply to it")
                        .arg(path));
    if (polygons && !esaPolygons)
        kind = MaskKind::Binary; // inside a polygon hidden, whatever kind the caller asked for
    if (classi && shifted.on) // its shadows and nodata are placed on the product's own extent
        throw Error(QStringLiteral("The mask %1 is Sentinel-2's cloud flags over another area than the "
                                   "product %2: use the product's own, or cut it to the product's extent")
                        .arg(path, info.path));
    if (classi && !flagBands && ds->GetRasterCount() != 3)
        throw Error(QStringLiteral("%1 is not a Sentinel-2 MSK_CLASSI mask: it has %2 bands, not 3 "
                                   "(opaque clouds, cirrus, snow)")
                        .arg(path)
                        .arg(ds->GetRasterCount()));
    // The flags are 0 outside the swath too; B01 on their 60 m grid says where data is: the
    // product's own for its own mask, else B01 beside the mask (its granule's IMG_DATA), else the
    // product's if it lies on that grid.
    auto productB01 = [&]() -> GDALRasterBand* {
        for (size_t k = 0; k < bands.size(); ++k)
            if (info.bands[static_cast<int>(k)].name == QLatin1String("B01") && bands[k].factor == factor
                && bands[k].band->GetXSize() == mw && bands[k].band->GetYSize() == mh)
                return bands[k].band;
        return nullptr;
    };
    auto b01BesideMask = [&]() -> GDALRasterBand* {
        const QString granule = path.section(QLatin1Char('/'), 0, -3);
        GDALRasterBand* found = nullptr;
        for (const QString& dir :
            { granule + QStringLiteral("/IMG_DATA"), granule + QStringLiteral("/IMG_DATA/R60m") }) {
            char** names = VSIReadDir(dir.toUtf8().constData());
            for (int i = 0; names && names[i] && !found; ++i) {
                const QString n = QString::fromUtf8(names[i]);
                if (!n.endsWith(QLatin1String("_B01.jp2")) && !n.endsWith(QLatin1String("_B01_60m.jp2")))
                    continue;
                try {
                    GDALDataset* b01 = keep(io::openRaster(dir + QLatin1Char('/') + n));
                    if (b01->GetRasterXSize() == mw && b01->GetRasterYSize() == mh)
                        found = b01->GetRasterBand(1);
                } catch (const Error&) { // no nodata from an unreadable file: the flags alone
                }
            }
            CSLDestroy(names);
        }
        return found;
    };
    GDALRasterBand* nodata = nullptr;
    if (classi) {
        nodata = path == classiCandidate ? productB01() : nullptr;
        if (!nodata)
            nodata = b01BesideMask();
        if (!nodata)
            nodata = productB01();
        kind = MaskKind::Classi;
    }
    // Everything that can fail comes before the first change of state (the shadow estimate's read of
    // these flags aside: a failure there leaves the product unopened, or finishOpen resets it).
    GDALRasterBand* first = ds->GetRasterBand(firstBand);
    const std::array<uint8_t, 256> codes
        = !classi && !bits && kind == MaskKind::Binary ? binaryCodesFor(values, first) : binaryCodes;
    int hasNd = 0;
    const double nd = first->GetNoDataValue(&hasNd);
    classes = BandSource();
    classes.band = first;
    classes.factor = factor;
    classesAlpha = alpha;
    classShift = shifted;
    if (shifted.on) {
        const qint64 common = shifted.covered(info.width, info.height);
        info.warnings << QStringLiteral(
            "the mask %1 lies on another window of the product's grid: read on the "
            "product's pixels, it covers %2 % of them%3")
                             .arg(QFileInfo(path).fileName())
                             .arg(100.0 * double(common) / (double(info.width) * info.height), 0, 'f', 1)
                             .arg(common < qint64(info.width) * info.height
                                     ? QStringLiteral(" (the rest is no data)")
                                     : QString());
    }
    classiCirrus = classi ? ds->GetRasterBand(flagBands ? values.bands[1] : 2) : nullptr;
    classiSnow = classi ? ds->GetRasterBand(flagBands ? values.bands[2] : 3) : nullptr;
    maskBits = bits;
    bitsNodata = hasNd && nd >= 1 && nd <= 65535 && nd == std::floor(nd) ? static_cast<int>(nd) : -1;
    classiNodata = nodata;
    classiShadow = nullptr;
    info.cloudShadowsEstimated = false;
    const GDALDataType type = first->GetRasterDataType();
    // A declared nodata a byte cannot hold (a UInt16 mask's 65535, a signed one's -1) read as a byte
    // became 255 or 0: its fill counted as cloud or as clear, never as no data.
    const bool wideNodata = hasNd && nd != 0 && !(nd >= 1 && nd <= 255 && nd == std::floor(nd));
    const bool numbers = (type != GDT_Byte && type != GDT_UInt16 && !values.given) || !values.above.isEmpty()
        || (wideNodata && !values.given);
    classCoding = classi                      ? Coding::Classi
        : bits                                ? Coding::Bits
        : kind == MaskKind::Binary && numbers ? Coding::NonZero
        : kind == MaskKind::Binary            ? Coding::Binary
                                              : Coding::Codes;
    nonZeroNodata = hasNd && nd != 0 ? static_cast<float>(nd) : NAN; // compared as the float it is stored as
    hideFrom = values.above.isEmpty() ? NAN : values.above.toFloat();
    binaryCodes = codes;
    info.maskKind = kind;
    info.maskFile = maskPath;
    if (classi && shadows)
        estimateClassiShadows();
}

void Product::Impl::estimateClassiShadows()
{
    // Needs the sun, a metric grid, NIR and green; without them the mask stays shadowless.
    if (!(info.sunZenith >= 0 && info.sunZenith <= 80) || !(info.sunAzimuth >= 0) || !info.georeferenced)
        return;
    OGRSpatialReference srs;
    srs.importFromWkt(info.crsWkt.toUtf8().constData());
    if (!srs.IsProjected())
        return;
    auto index = [&](const char* name) {
        for (int k = 0; k < info.bands.size(); ++k)
            if (info.bands[k].name == QLatin1String(name) && bands[static_cast<size_t>(k)].band)
                return k;
        return -1;
    };
    const int nirIndex = index("B8A") >= 0 ? index("B8A") : index("B08"), greenIndex = index("B03"),
              swirIndex = index("B11");
    if (nirIndex < 0 || greenIndex < 0)
        return;
    const int mw = classes.band->GetXSize(), mh = classes.band->GetYSize();
    const size_t n = static_cast<size_t>(mw) * mh;
    std::vector<uint8_t> codes(n);
    // A damaged mask is the classification's failure, not the estimate's: it propagates.
    readClassPixels(0, 0, mw, mh, codes.data());
    try {
        estimateClassiShadows(codes, nirIndex, greenIndex, swirIndex, srs.GetLinearUnits());
    } catch (const Error& e) {
        info.warnings << QStringLiteral("cloud shadows could not be estimated: %1").arg(e.message());
    } catch (const std::bad_alloc&) {
        info.warnings << QStringLiteral("cloud shadows could not be estimated: out of memory");
    }
}

void Product::Impl::estimateClassiShadows(
    const std::vector<uint8_t>& codes, int nirIndex, int greenIndex, int swirIndex, double m)
{
    const int f = classes.factor, mw = classes.band->GetXSize(), mh = classes.band->GetYSize();
    const size_t n = static_cast<size_t>(mw) * mh;
    std::vector<float> nir(n), green(n), swir(swirIndex >= 0 ? n : 0);
    for (auto [k, dst] : { std::pair { nirIndex, nir.data() }, std::pair { greenIndex, green.data() },
             std::pair { swirIndex, swir.data() } }) {
        if (k < 0)
            continue;
        const BandSource& s = bands[static_cast<size_t>(k)];
        if (!readDecimated(s, 0, 0, info.width, info.height, mw, mh, GDT_Float32, dst))
            throw Error(QStringLiteral("cannot read %1: %2").arg(info.bands[k].name, io::lastGdalError()));
        convert(s, dst, n);
    }
    ShadowGeometry g; // the grid in metres (m: the CRS's metres per unit)
    g.a = info.geoTransform[1] * f * m;
    g.b = info.geoTransform[2] * f * m;
    g.c = info.geoTransform[4] * f * m;
    g.d = info.geoTransform[5] * f * m;
    g.sunZenithDeg = info.sunZenith;
    g.sunAzimuthDeg = info.sunAzimuth;
    const std::vector<uint8_t> shadow = estimateCloudShadows(
        codes.data(), nir.data(), green.data(), swir.empty() ? nullptr : swir.data(), mw, mh, g);
    if (shadow.empty())
        return;
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    io::DatasetPtr ds(mem ? mem->Create("", mw, mh, 1, GDT_Byte, nullptr) : nullptr);
    if (!ds
        || ds->GetRasterBand(1)->RasterIO(
               GF_Write, 0, 0, mw, mh, const_cast<uint8_t*>(shadow.data()), mw, mh, GDT_Byte, 0, 0)
            != CE_None)
        throw Error(QStringLiteral("no memory for them: %1").arg(io::lastGdalError()));
    classiShadow = keep(std::move(ds))->GetRasterBand(1);
    info.cloudShadowsEstimated = true;
}

void Product::Impl::readClassPixels(int x, int y, int w, int h, uint8_t* out) const
{
    readClassCodes(x, y, w, h, out);
    if (!classesAlpha)
        return;
    // Resampled classes: where the mask has no pixel is no data, whatever value the VRT holds there.
    std::vector<uint8_t> a(static_cast<size_t>(w) * h);
    io::QuietGdalErrors quiet;
    if (classesAlpha->RasterIO(GF_Read, x, y, w, h, a.data(), w, h, GDT_Byte, 0, 0) != CE_None)
        throw Error(QStringLiteral("Cannot read the classification from %1: %2")
                        .arg(info.maskFile, io::lastGdalError()));
    for (size_t k = 0; k < a.size(); ++k)
        if (!a[k])
            out[k] = SclNoData;
}

void Product::Impl::readClassCodes(int x, int y, int w, int h, uint8_t* out) const
{
    io::QuietGdalErrors quiet;
    auto read = [&](GDALRasterBand* b, GDALDataType type, void* dst) {
        if (b->RasterIO(GF_Read, x, y, w, h, dst, w, h, type, 0, 0) != CE_None)
            throw Error(QStringLiteral("Cannot read the classification from %1: %2")
                            .arg(info.maskFile, io::lastGdalError()));
    };
    const size_t n = static_cast<size_t>(w) * h;
    if (classCoding == Coding::Bits) { // 16-bit flags, never clamped to a byte
        std::vector<uint16_t> v(n);
        read(classes.band, GDT_UInt16, v.data());
        for (size_t k = 0; k < n; ++k)
            out[k] = bitsNodata >= 0 && v[k] == bitsNodata ? uint8_t(SclNoData)
                : (v[k] & maskBits)                        ? kMaskHidden
                                                           : kMaskClear;
        return;
    }
    if (classCoding == Coding::NonZero) { // any non-zero number hides (or from hideFrom up); NaN, fills,
                                          // declared nodata: none
        std::vector<float> v(n);
        read(classes.band, GDT_Float32, v.data());
        const bool threshold = !std::isnan(hideFrom);
        for (size_t k = 0; k < n; ++k)
            out[k] = !(std::fabs(v[k]) < 1e30f) || v[k] == nonZeroNodata ? uint8_t(SclNoData)
                : (threshold ? v[k] >= hideFrom : v[k] != 0)             ? kMaskHidden
                                                                         : kMaskClear;
        return;
    }
    read(classes.band, GDT_Byte, out);
    if (classCoding == Coding::Binary) {
        for (size_t k = 0; k < n; ++k)
            out[k] = binaryCodes[out[k]];
    } else if (classCoding == Coding::Classi) {
        std::vector<uint8_t> cirrus(n), snow(n);
        read(classiCirrus, GDT_Byte, cirrus.data());
        read(classiSnow, GDT_Byte, snow.data());
        std::vector<uint16_t> dn;
        if (classiNodata) {
            dn.resize(n);
            read(classiNodata, GDT_UInt16, dn.data());
        }
        std::vector<uint8_t> shadow;
        if (classiShadow) {
            shadow.resize(n);
            read(classiShadow, GDT_Byte, shadow.data());
        }
        for (size_t k = 0; k < n; ++k)
            out[k] = !dn.empty() && dn[k] == 0 ? uint8_t(SclNoData)
                : out[k]                       ? uint8_t(SclCloudHigh)
                : cirrus[k]                    ? uint8_t(SclCirrus)
                : !shadow.empty() && shadow[k] ? uint8_t(SclCloudShadow)
                : snow[k]                      ? uint8_t(SclSnow)
                                               : kMaskClear;
    }
}

void Product::Impl::checkJp2End(GDALRasterBand* band, const QString& what, const QString& file) const
{
    GDALDataset* ds = band->GetDataset();
    if (!ds || !ds->GetDriver()
        || !QString::fromLatin1(ds->GetDriver()->GetDescription()).startsWith(QLatin1String("JP2")))
        return;
    if (const QString why = jp2EndProblem(QString::fromUtf8(ds->GetDescription())); !why.isEmpty())
        throw Error(QStringLiteral("Cannot read %1 from %2: %3").arg(what, file, why));
}

GridShift Product::Impl::maskWindowOnGrid(GDALDataset* ds, int& factor) const
{
    double m[6];
    const char* wkt = ds->GetProjectionRef();
    if (ds->GetGeoTransform(m) != CE_None || !wkt || !*wkt)
        return {};
    for (int f : { 1, 2, 3, 6 }) {
        // The mask as a raster of the product's pixels, f x f of them to its cell.
        ProductInfo mask;
        mask.georeferenced = true;
        mask.crsWkt = QString::fromUtf8(wkt);
        mask.width = ds->GetRasterXSize() * f;
        mask.height = ds->GetRasterYSize() * f;
        std::copy(m, m + 6, mask.geoTransform);
        for (int i : { 1, 2, 4, 5 })
            mask.geoTransform[i] /= f;
        if (int dx = 0, dy = 0; alignableGrid(info, mask, &dx, &dy)) {
            factor = f;
            return { true, dx, dy, mask.width, mask.height };
        }
    }
    return {};
}

// Reads one pixel of every band's smallest overview: a truncated or corrupt file fails here, at open.
void Product::Impl::probe()
{
    auto check = [&](GDALRasterBand* band, const QString& what, const QString& file) {
        checkJp2End(band, what, file);
        GDALRasterBand* b
            = band->GetOverviewCount() > 0 ? band->GetOverview(band->GetOverviewCount() - 1) : band;
        float v = 0;
        io::QuietGdalErrors quiet;
        if (!b || b->RasterIO(GF_Read, 0, 0, 1, 1, &v, 1, 1, GDT_Float32, 0, 0) != CE_None)
            throw Error(QStringLiteral("Cannot read %1 from %2: %3").arg(what, file, io::lastGdalError()));
    };
    for (size_t i = 0; i < bands.size(); ++i)
        check(bands[i].band, info.bands[i].name, info.bands[i].file);
    if (classes.band)
        check(classes.band, QStringLiteral("the classification"), info.maskFile);
}

// A SAFE folder whose band files are missing at their own resolution (a partial download) but whose
// tile keeps coarser copies of them (an L2A's R20m / R60m): read as the tile's band files, with the
// SAFE's MTD, on the grid of the finest band there, when that gives more bands; null otherwise.
std::shared_ptr<Product> Product::openSafeThroughItsTile(
    const Impl& safe, const QString& maskPath, MaskKind maskKind)
{
    const QFileInfo fi(safe.info.path);
    // A SAFE folder or its MTD; never a zip, whose folder is not the product's.
    if (!fi.isDir() && fi.suffix().compare(QLatin1String("xml"), Qt::CaseInsensitive) != 0)
        return nullptr;
    const QDir dir(fi.isDir() ? fi.absoluteFilePath() : fi.absolutePath());
    const QStringList mtds
        = dir.entryList({ QStringLiteral("MTD_MSIL2A.xml"), QStringLiteral("MTD_MSIL1C.xml") }, QDir::Files);
    const QStringList tiles = QDir(dir.filePath(QStringLiteral("GRANULE")))
                                  .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    if (mtds.isEmpty() || tiles.size() != 1)
        return nullptr;
    const QString tile = io::granuleFolder(dir.filePath(QStringLiteral("GRANULE/") + tiles.first()));
    if (tile.isEmpty())
        return nullptr;
    std::shared_ptr<Product> p(new Product());
    Impl& d = *p->d;
    d.inUse.push_back(std::make_unique<io::ItemFolderUse>(safe.info.path));
    d.info.path = safe.info.path;
    try {
        io::QuietGdalErrors quiet;
        d.openGranule(tile, dir.filePath(mtds.first()));
    } catch (const Error&) {
        return nullptr; // the SAFE as it is, with its missing bands said
    }
    QStringList coarser;
    d.info.missingBands = safe.info.missingBands; // less those the copies give
    for (const BandDesc& b : d.info.bands)
        if (d.info.missingBands.removeAll(b.name) > 0)
            coarser << QStringLiteral("%1 at %2 m").arg(b.name).arg(b.resolution);
    if (coarser.isEmpty() || d.info.bands.size() <= safe.info.bands.size())
        return nullptr;
    d.info.format = safe.info.format + QStringLiteral(" (its tile's band files)");
    // The SAFE reader's other findings still hold; its list of missing bands is said anew.
    const QStringList tileWarnings = d.info.warnings;
    d.info.warnings.clear();
    for (const QString& w : safe.info.warnings)
        if (!w.startsWith(QLatin1String("band files missing from the product")))
            d.info.warnings << w;
    d.info.warnings << tileWarnings;
    d.info.warnings << QStringLiteral("band files missing from the product at their own resolution: read "
                                      "from the coarser copies in its tile (%1)")
                           .arg(coarser.join(QStringLiteral(", ")));
    if (!d.info.missingBands.isEmpty())
        d.info.warnings << QStringLiteral("band files missing from the product: %1")
                               .arg(d.info.missingBands.join(QStringLiteral(", ")));
    try {
        d.finishOpen(maskPath, maskKind);
    } catch (const Error&) {
        return nullptr; // a mask that fits the SAFE's grid, not the copies': the SAFE as it is
    }
    return p;
}

std::shared_ptr<Product> Product::open(const QString& path, const QString& maskPath, MaskKind maskKind)
{
    initializeRuntime();
    if (io::isRemotePath(path)) {
        // An item at a URL (its COGs are read window by window); a remote raster as a GeoTIFF.
        std::shared_ptr<Product> p(new Product());
        p->d->info.path = path;
        const QString ext = QUrl(path).path().section(QLatin1Char('.'), -1).toLower();
        if (ext == QLatin1String("tif") || ext == QLatin1String("tiff") || ext == QLatin1String("jp2"))
            p->d->openGeoTiff(
                path.startsWith(QLatin1String("/vsi")) ? path : QStringLiteral("/vsicurl/") + path);
        else
            p->d->openStacItem(path);
        p->d->finishOpen(maskPath, maskKind);
        return p;
    }
    for (const QString& f : { path, maskFilePart(maskPath) })
        if (const QString why = unreadableSpecialFile(f); !why.isEmpty())
            throw Error(QStringLiteral("Cannot open %1: %2").arg(f, why));
    const QFileInfo fi(path);
    if (!fi.exists())
        throw Error(QStringLiteral("Cannot open %1: no such file or folder").arg(path));
    if (!fi.isReadable())
        throw Error(QStringLiteral("Cannot open %1: permission denied").arg(path));
    std::shared_ptr<Product> p(new Product());
    Impl& d = *p->d;
    d.inUse.push_back(std::make_unique<io::ItemFolderUse>(path)); // before the first read
    d.info.path = fi.absoluteFilePath();
    const QString suffix = fi.suffix().toLower();
    // A SAFE tree before a folder of band files: a SAFE's top level holds no band file anyway.
    // A product before December 2016: its folder, a tile's folder or IMG_DATA, or one of their MTDs.
    static const QRegularExpression oldMtd(
        QStringLiteral("^S2._(OPER_MTD_SAFL1C|OPER_MTD_L1C_|USER_MTD_SAFL2A|USER_MTD_L2A_).*\\.xml$"));
    const QString oldCandidate = fi.isDir()      ? d.info.path
        : oldMtd.match(fi.fileName()).hasMatch() ? fi.absolutePath()
                                                 : QString();
    // A folder inside a SAFE (a tile, its IMG_DATA or R10m) or its MTD_TL.xml: the SAFE, whose MTD
    // holds the offsets and whose reader finds the classes; the tile alone (its MTD_TL.xml) when it
    // was copied out, or when the SAFE around it cannot be opened.
    const QString granule = fi.isDir()                 ? io::granuleFolder(d.info.path)
        : fi.fileName() == QLatin1String("MTD_TL.xml") ? io::granuleFolder(fi.absolutePath())
                                                       : QString();
    if (const QString safe = io::enclosingSafe(d.info.path); !safe.isEmpty()) {
        try {
            auto whole = open(safe, maskPath, maskKind);
            whole->d->info.warnings << QStringLiteral("%1 is part of the SAFE %2: opened the SAFE")
                                           .arg(QDir(safe).relativeFilePath(fi.absoluteFilePath()),
                                               QFileInfo(safe).fileName());
            return whole;
        } catch (const Error& safeError) {
            if (granule.isEmpty())
                throw;
            try {
                d.openGranule(granule);
                d.finishOpen(maskPath, maskKind);
            } catch (const Error&) {
                throw safeError; // the tile fails too: the SAFE's reason
            }
            d.info.warnings << QStringLiteral("the SAFE %1 around it cannot be opened (%2): its tile folder "
                                              "read alone")
                                   .arg(QFileInfo(safe).fileName(), safeError.message());
            return p;
        }
    }
    if (!granule.isEmpty()) {
        d.openGranule(granule);
    } else if (const QString old = oldCandidate.isEmpty() ? QString() : io::oldFormatGranule(oldCandidate);
               !old.isEmpty())
        d.openOldFormatTile(old);
    else if (fi.isDir() && !io::isSafeFolder(d.info.path) && io::looksLikeBandFolder(d.info.path))
        d.openBandFolder(d.info.path);
    else if (fi.isDir() || suffix == QLatin1String("zip") || suffix == QLatin1String("xml")) {
        // Band files missing (a partial download), even all of them: the tile's copies, if any. Any
        // other reason openSafe throws (a truncated file, a checksum that differs) stands.
        std::exception_ptr noBandFile;
        try {
            d.openSafe(d.info.path);
        } catch (const Error&) {
            if (!d.safeHasNoBandFile)
                throw;
            noBandFile = std::current_exception();
        }
        if (!d.info.missingBands.isEmpty())
            if (auto copies = openSafeThroughItsTile(d, maskPath, maskKind))
                return copies;
        if (noBandFile)
            std::rethrow_exception(noBandFile);
    } else if (suffix == QLatin1String("json"))
        d.openStacItem(d.info.path);
    else
        d.openGeoTiff(d.info.path);
    d.finishOpen(maskPath, maskKind);
    return p;
}

void Product::Impl::finishOpen(const QString& maskPath, MaskKind maskKind)
{
    if (!maskPath.isEmpty()) {
        if (!io::isRemotePath(maskFilePart(maskPath)))
            inUse.push_back(std::make_unique<io::ItemFolderUse>(maskFilePart(maskPath)));
        openMask(maskPath, maskKind == MaskKind::None ? MaskKind::Scl : maskKind);
        if (info.maskKind == MaskKind::Scl && !isVectorMask(maskPath)) {
            // A 0 / 255 cloud mask given as an SCL hides nothing (255 is no SCL class): say so. A
            // warning only: a count that fails stops nothing.
            MaskValueCounts counts;
            try {
                counts = maskValueCounts(maskPath);
            } catch (const Error&) {
            }
            int beyond = -1; // 100, 101 aside: Unclouded's own clear and hidden
            for (int v = SclSnow + 1; v < 256 && beyond < 0; ++v)
                if (counts.values[static_cast<size_t>(v)] > 0 && v != kMaskClear && v != kMaskHidden)
                    beyond = v;
            if (beyond >= 0 || counts.wide)
                info.warnings << QStringLiteral(
                    "the SCL file %1 holds values beyond SCL's classes 0-11 (%2): "
                    "if it is a cloud mask, open it as a mask instead (--mask)")
                                     .arg(maskPath)
                                     .arg(
                                         counts.wide ? QStringLiteral("above 255") : QString::number(beyond));
        }
    } else if (!ownMaskCandidate.isEmpty() && !classes.band) {
        openMask(ownMaskCandidate, ownMaskKind);
    } else if (!classiCandidate.isEmpty() && !classes.band) { // never over a product's own SCL
        const bool polygons = isVectorMask(classiCandidate);
        try {
            openMask(classiCandidate, MaskKind::Classi);
            checkJp2End(classes.band, QStringLiteral("the cloud mask"), classiCandidate);
            uint8_t v[1];
            readClassPixels(0, 0, 1, 1, v); // a damaged file is found now, not in a tile read
            // The sun's position and dark ground place shadows when the product says where the sun was.
            const QString shadows = info.cloudShadowsEstimated
                ? QStringLiteral("cloud shadows estimated from the sun's position and dark ground")
                : QStringLiteral("no cloud shadows");
            info.warnings << (polygons
                    ? QStringLiteral(
                        "no scene classification (SCL): opaque clouds and cirrus from the "
                        "product's MSK_CLOUDS_B00 polygons (60 m, no snow; %1: widen them with a "
                        "buffer, or open an SCL or mask file)")
                          .arg(shadows)
                    : QStringLiteral("no scene classification (SCL): clouds, cirrus and snow from the "
                                     "product's MSK_CLASSI_B00 mask (60 m; %1: widen them with a buffer, or "
                                     "open an SCL or mask file)")
                          .arg(shadows));
        } catch (const Error& e) {
            classes = BandSource();
            classesAlpha = nullptr;
            classShift = {};
            classiCirrus = classiSnow = classiNodata = classiShadow = nullptr;
            info.cloudShadowsEstimated = false;
            classCoding = Coding::Codes;
            info.maskKind = MaskKind::None;
            info.maskFile.clear();
            info.warnings << QStringLiteral("no scene classification (SCL), and its %1 cloud mask "
                                            "cannot be used (%2): open a mask file to mark clouds")
                                 .arg(polygons ? QStringLiteral("MSK_CLOUDS_B00")
                                               : QStringLiteral("MSK_CLASSI_B00"),
                                     e.message());
        }
    }
    info.maskIsProducts = maskPath.isEmpty() && info.maskKind != MaskKind::None;
    // A product's own SCL that holds no classes (a reflectance band in its place: a wrong asset, a
    // renamed file) hid nothing, silently. A 256 px window at its centre, read at its resolution (one
    // JPEG 2000 or COG tile): said when most of its non-zero values lie beyond SCL's 0-11.
    if (info.maskIsProducts && info.maskKind == MaskKind::Scl && classCoding == Coding::Codes
        && classes.band) {
        const int bw = classes.band->GetXSize(), bh = classes.band->GetYSize();
        const int w = std::min(bw, 256), h = std::min(bh, 256);
        std::vector<uint16_t> v(static_cast<size_t>(w) * h);
        io::QuietGdalErrors quiet;
        if (classes.band->RasterIO(
                GF_Read, (bw - w) / 2, (bh - h) / 2, w, h, v.data(), w, h, GDT_UInt16, 0, 0)
            == CE_None) {
            int hasNodata = 0;
            const double nodata = classes.band->GetNoDataValue(&hasNodata);
            const auto none = [&](uint16_t c) { return c == 0 || (hasNodata && c == nodata); };
            const auto set = std::count_if(v.begin(), v.end(), [&](uint16_t c) { return !none(c); });
            const auto beyond
                = std::count_if(v.begin(), v.end(), [&](uint16_t c) { return !none(c) && c > SclSnow; });
            if (set > 0 && beyond * 2 > set)
                info.warnings << QStringLiteral(
                    "the product's scene classification %1 holds values beyond SCL's classes 0-11 "
                    "(%2 % of a sample): it may be another raster; open an SCL or mask file to mark clouds")
                                     .arg(info.maskFile)
                                     .arg(100.0 * beyond / set, 0, 'f', 0);
        }
    }
    if (!auxLayers.isEmpty()) { // a raster with Sentinel-2's other layers (an Earth Engine export)
        const bool own = info.maskIsProducts && info.maskFile == ownMaskCandidate;
        QStringList left = auxLayers;
        if (own)
            for (const QString& l : ownMaskLayers)
                left.removeAll(l);
        QStringList said;
        if (own)
            said << QStringLiteral("scene classes from its %1").arg(ownMaskLabel);
        if (!left.isEmpty())
            said << QStringLiteral("layers that are not reflectance left out: %1")
                        .arg(left.join(QStringLiteral(", ")));
        info.warnings << said.join(QStringLiteral("; "));
    }
    // reflectance = (DN + offset) x scale: a scale or offset from a file or an item that gives none
    // (1e308, 0, NaN) would fill every band with inf or nothing and blame the clouds. Loose bounds:
    // what overflows, not what is merely unusual (an MTD's quantification of 0.5 still opens).
    for (int k = 0; k < info.bands.size(); ++k) {
        const BandSource& b = bands[static_cast<size_t>(k)];
        if (!b.band)
            continue;
        const double offset = b.offset * b.scale;
        if (!(b.scale > 0 && b.scale <= 1000 && std::abs(offset) <= 10000))
            throw Error(QStringLiteral("%1: band %2 has scale %3 and offset %4, which give no reflectance "
                                       "(a scale above 0 and at most 1000, an offset within -10000 to 10000)")
                            .arg(info.path, info.bands[k].name)
                            .arg(b.scale, 0, 'g', 6)
                            .arg(offset, 0, 'g', 6));
    }
    probe();
    if (info.georeferenced)
        setWgs84Transform();
}

void Product::Impl::setWgs84Transform()
{
    OGRSpatialReference src, wgs;
    src.importFromWkt(info.crsWkt.toUtf8().constData());
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    wgs.importFromEPSG(4326);
    wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::lock_guard<std::mutex> lock(transformMutex);
    toWgs84.reset(OGRCreateCoordinateTransformation(&src, &wgs));
}

const ProductInfo& Product::info() const
{
    return d->info;
}
int Product::width() const
{
    return d->info.width;
}
int Product::height() const
{
    return d->info.height;
}
bool Product::hasClasses() const
{
    return d->classes.band != nullptr;
}
int Product::classGridFactor() const
{
    return d->classes.band ? d->classes.factor : 0;
}

Product::Decimation Product::decimation() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    bool overviews = false, allJp2 = !d->bands.empty();
    for (size_t k = 0; k < d->bands.size(); ++k) {
        const BandSource& s = d->bands[k];
        if (!s.band)
            continue;
        overviews |= s.band->GetOverviewCount() > 0;
        // A SAFE's bands come through GDAL's SENTINEL2 driver (a VRT over the JP2 files): the file
        // says what decodes them.
        GDALDataset* ds = s.band->GetDataset();
        allJp2
            &= (ds && ds->GetDriver()
                   && QString::fromLatin1(ds->GetDriver()->GetDescription()).startsWith(QLatin1String("JP2")))
            || (k < static_cast<size_t>(d->info.bands.size())
                && d->info.bands[static_cast<int>(k)].file.endsWith(
                    QLatin1String(".jp2"), Qt::CaseInsensitive));
    }
    return !overviews ? Decimation::Sharp : allJp2 ? Decimation::Jp2Levels : Decimation::Overviews;
}

qint64 Product::blockRowBytes(const QStringList& bands) const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    auto rowBytes = [this](const BandSource& s, const QString& file) -> qint64 {
        if (!s.band)
            return 0;
        int bx = 0, by = 0;
        s.band->GetBlockSize(&bx, &by);
        // A SAFE's bands come through the SENTINEL2 driver's VRT (128 px blocks); what its cache
        // holds are the JPEG 2000 files' tiles, 1024 px in Sentinel-2 products.
        if (file.endsWith(QLatin1String(".jp2"), Qt::CaseInsensitive))
            by = std::max(by, 1024);
        // An aligned reference reads at most the product's width of its own (and the JPEG 2000 tiles
        // that width touches).
        const qint64 reads = d->info.width / std::max(1, s.factor) + 2 + (by >= 1024 ? 2048 : 0);
        const qint64 w = d->shift.on ? std::min<qint64>(s.band->GetXSize(), reads) : s.band->GetXSize();
        const qint64 h = s.band->GetYSize();
        return w * std::min<qint64>(std::max(by, 1), h)
            * GDALGetDataTypeSizeBytes(s.band->GetRasterDataType());
    };
    qint64 total = rowBytes(d->classes, d->info.maskFile);
    for (const QString& b : bands) {
        const int k = bandIndex(b);
        if (k >= 0 && static_cast<size_t>(k) < d->bands.size())
            total += rowBytes(d->bands[static_cast<size_t>(k)], d->info.bands[k].file);
    }
    return total;
}

int Product::bandIndex(const QString& name) const
{
    const QString c = canonicalBandName(name);
    for (int i = 0; i < d->info.bands.size(); ++i)
        if (d->info.bands[i].name == c)
            return i;
    return -1;
}

QStringList Product::bandNames() const
{
    QStringList out;
    for (const BandDesc& b : d->info.bands)
        out << b.name;
    return out;
}

void Product::readWindow(const QStringList& names, const Window& window, float* out) const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    readOnGrid(d->shift, window, static_cast<int>(names.size()), std::numeric_limits<float>::quiet_NaN(), out,
        [&](const Window& w, float* o) { readOwnWindow(names, w, o); });
}

void Product::readOwnWindow(const QStringList& names, const Window& w, float* out) const
{
    std::vector<float> native;
    for (int k = 0; k < names.size(); ++k) {
        const int idx = bandIndex(names[k]);
        if (idx < 0)
            throw Error(QStringLiteral("%1 has no band %2").arg(d->info.path, names[k]));
        const BandSource& s = d->bands[idx];
        float* dst = out + static_cast<size_t>(k) * w.w * w.h;
        if (s.factor == 1) {
            d->readNative(s, w.x, w.y, w.w, w.h, dst);
            d->convert(s, dst, static_cast<size_t>(w.w) * w.h);
        } else {
            const int nw = s.band->GetXSize(), nh = s.band->GetYSize();
            const io::NativeWindow win = io::nativeWindowFor(w.x, w.y, w.w, w.h, s.factor, nw, nh);
            native.resize(static_cast<size_t>(win.w) * win.h);
            d->readNative(s, win.x, win.y, win.w, win.h, native.data());
            d->convert(s, native.data(), native.size());
            io::upsampleBilinear(native.data(), win, nw, nh, s.factor, w.x, w.y, w.w, w.h, dst);
        }
    }
}

void Product::readScaled(const QStringList& names, const Window& window, int outW, int outH, float* out) const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    readScaledOnGrid(d->shift, window.x, window.y, window.w, window.h, outW, outH,
        static_cast<int>(names.size()), std::numeric_limits<float>::quiet_NaN(), out,
        [&](double x, double y, double w, double h, int ow, int oh, float* o) {
            for (int k = 0; k < names.size(); ++k) {
                const int idx = bandIndex(names[k]);
                if (idx < 0)
                    throw Error(QStringLiteral("%1 has no band %2").arg(d->info.path, names[k]));
                const BandSource& s = d->bands[idx];
                float* dst = o + static_cast<size_t>(k) * ow * oh;
                if (!readDecimated(s, x, y, w, h, ow, oh, GDT_Float32, dst))
                    throw Error(QStringLiteral("Cannot read %1 from %2: %3")
                                    .arg(names[k], d->info.path, io::lastGdalError()));
                d->convert(s, dst, static_cast<size_t>(ow) * oh);
            }
        });
}

void Product::readClasses(const Window& window, uint8_t* out) const
{
    if (!d->classes.band)
        throw Error(QStringLiteral("%1 has no scene classification or mask").arg(d->info.path));
    std::lock_guard<std::mutex> lock(d->mutex);
    readOnGrid(d->shift, window, 1, uint8_t(0), out, [&](const Window& w, uint8_t* o) {
        readOnGrid(d->classShift, w, 1, uint8_t(0), o,
            [&](const Window& mw, uint8_t* mo) { readOwnClasses(mw, mo); });
    });
}

void Product::readOwnClasses(const Window& w, uint8_t* out) const
{
    const BandSource& s = d->classes;
    const int f = s.factor;
    const int nx0 = w.x / f, ny0 = w.y / f;
    const int nx1 = (w.x + w.w - 1) / f, ny1 = (w.y + w.h - 1) / f;
    const int nw = nx1 - nx0 + 1, nh = ny1 - ny0 + 1;
    std::vector<uint8_t> native(static_cast<size_t>(nw) * nh);
    d->readClassPixels(nx0, ny0, nw, nh, native.data());
    for (int j = 0; j < w.h; ++j)
        for (int i = 0; i < w.w; ++i)
            out[static_cast<size_t>(j) * w.w + i]
                = native[static_cast<size_t>((w.y + j) / f - ny0) * nw + (w.x + i) / f - nx0];
}

void Product::readClassesScaled(
    const Window& window, int outW, int outH, uint8_t* out, const ClassRank* rank) const
{
    if (!d->classes.band)
        throw Error(QStringLiteral("%1 has no scene classification or mask").arg(d->info.path));
    if (outW <= 0 || outH <= 0 || window.w <= 0 || window.h <= 0)
        return;
    std::lock_guard<std::mutex> lock(d->mutex);
    readScaledOnGrid(d->shift, window.x, window.y, window.w, window.h, outW, outH, 1, uint8_t(0), out,
        [&](double x, double y, double w, double h, int ow, int oh, uint8_t* o) {
            // and from the product's pixels to a larger mask's
            readScaledOnGrid(d->classShift, x, y, w, h, ow, oh, 1, uint8_t(0), o,
                [&](double mx, double my, double mw, double mh, int mow, int moh, uint8_t* mo) {
                    readOwnClassesScaled(mx, my, mw, mh, mow, moh, mo, rank);
                });
        });
}

void Product::readOwnClassesScaled(
    double wx, double wy, double ww, double wh, int outW, int outH, uint8_t* out, const ClassRank* rank) const
{
    const BandSource& s = d->classes;
    const int f = s.factor;
    const int NW = s.band->GetXSize(), NH = s.band->GetYSize();
    // Per output column / row: the native pixel nearest its centre and its footprint's native range.
    struct Span
    {
        int near, lo, hi;
    };
    auto spans = [&](double origin, double length, int out, int native) {
        std::vector<Span> v(static_cast<size_t>(out));
        const double step = length / out;
        auto clampN
            = [&](double g) { return std::clamp(static_cast<int>(std::floor(g / f)), 0, native - 1); };
        for (int i = 0; i < out; ++i) {
            const double a = origin + i * step, b = origin + (i + 1) * step;
            v[i] = { clampN(origin + (i + 0.5) * step), clampN(a),
                std::max(clampN(a), clampN(std::nextafter(b, a))) };
        }
        return v;
    };
    const std::vector<Span> cols = spans(wx, ww, outW, NW), rows = spans(wy, wh, outH, NH);
    const int nx0 = rank ? cols.front().lo : cols.front().near;
    const int nx1 = rank ? cols.back().hi : cols.back().near;
    const int nw = nx1 - nx0 + 1;
    // Native rows in strips of about 4 MiB: a tile's SCL is never held whole.
    const int strip = std::max(1, std::min(NH, (4 << 20) / std::max(1, nw)));
    std::vector<uint8_t> buf;
    int bufY = 0, bufRows = 0;
    auto need = [&](int y0, int y1) { // rows y0..y1 in the buffer, reading forward
        if (y0 >= bufY && y1 < bufY + bufRows)
            return;
        bufY = y0;
        bufRows = std::min(NH - y0, std::max(strip, y1 - y0 + 1));
        buf.resize(static_cast<size_t>(nw) * bufRows);
        d->readClassPixels(nx0, bufY, nw, bufRows, buf.data());
    };
    auto at = [&](int x, int y) -> uint8_t { return buf[static_cast<size_t>(y - bufY) * nw + (x - nx0)]; };
    for (int j = 0; j < outH; ++j) {
        const Span& r = rows[j];
        need(rank ? r.lo : r.near, rank ? r.hi : r.near);
        uint8_t* o = out + static_cast<size_t>(j) * outW;
        for (int i = 0; i < outW; ++i) {
            const Span& c = cols[i];
            uint8_t v = at(c.near, r.near);
            if (rank)
                for (int y = r.lo; y <= r.hi; ++y)
                    for (int x = c.lo; x <= c.hi; ++x) {
                        const uint8_t u = at(x, y);
                        if ((*rank)[u] > (*rank)[v])
                            v = u;
                    }
            o[i] = v;
        }
    }
}

void Product::gridToMap(double px, double py, double& mx, double& my) const
{
    const double* gt = d->info.geoTransform;
    mx = gt[0] + px * gt[1] + py * gt[2];
    my = gt[3] + px * gt[4] + py * gt[5];
}

bool Product::gridToLonLat(double px, double py, double& lon, double& lat) const
{
    if (!d->toWgs84)
        return false;
    double x, y;
    gridToMap(px, py, x, y);
    std::lock_guard<std::mutex> lock(d->transformMutex);
    if (!d->toWgs84->Transform(1, &x, &y))
        return false;
    lon = x;
    lat = y;
    return true;
}

QString sensingTimeFromName(const QString& name)
{
    // Sentinel-2 flies since 2015: an earlier "date" is some other number.
    auto plausible = [](const QDate& d) { return d.isValid() && d.year() >= 2015 && d.year() < 2100; };
    // Not inside a longer run of digits or a word: "S2B_20230412T101029_", "field 2021-06-30 (1)".
    static const QRegularExpression day(
        QStringLiteral("(?<![0-9A-Za-z])(\\d{4})(-?)(\\d{2})\\2(\\d{2})(?:T(\\d{6})Z?)?(?![0-9])"));
    for (auto it = day.globalMatch(name); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QDate d(m.captured(1).toInt(), m.captured(3).toInt(), m.captured(4).toInt());
        if (!plausible(d))
            continue;
        const QTime t = m.captured(5).isEmpty() ? QTime(0, 0)
                                                : QTime::fromString(m.captured(5), QStringLiteral("HHmmss"));
        if (t.isValid())
            return QDateTime(d, t, Qt::UTC).toString(Qt::ISODate); // 2023-04-12T10:10:29Z
    }
    // Monthly composites (worldcereal_202011_..., s2_2021-06.tif): the month's first day, as ISO 8601
    // reads a date given to the month; enough to order dates nearest first.
    // Never the start of a day ("2021-06-30" with an impossible day is no month).
    static const QRegularExpression month(
        QStringLiteral("(?<![0-9A-Za-z])(\\d{4})-?(\\d{2})(?![0-9])(?!-\\d)"));
    for (auto it = month.globalMatch(name); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QDate d(m.captured(1).toInt(), m.captured(2).toInt(), 1);
        if (plausible(d))
            return QDateTime(d, QTime(0, 0), Qt::UTC).toString(Qt::ISODate);
    }
    return {};
}

std::shared_ptr<Product> openReference(const QStringList& references, const QStringList& masks,
    const QList<MaskKind>& kinds, MaskKind kind, int index, const ProductInfo& grid)
{
    const QString mask = masks.value(index);
    auto p = mask.isEmpty() ? Product::open(references[index])
                            : Product::open(references[index], mask, kinds.value(index, kind));
    // Left as it is when it cannot be read on the grid, for the caller's gridDifference to say why;
    // a warp GDAL refuses says GDAL's reason.
    if (!sameGrid(grid, p->info()) && !p->alignTo(grid) && warpableGrid(grid, p->info()) && !p->warpTo(grid))
        throw Error(QStringLiteral("Cannot resample %1 onto the product's grid: %2")
                        .arg(references[index], io::lastGdalError()));
    return p;
}

namespace {

// By EPSG code where both have one, else by their WKTs (an ESRI WKT names no code).
bool sameCrs(const ProductInfo& a, const ProductInfo& b)
{
    if (a.epsg > 0 && b.epsg > 0)
        return a.epsg == b.epsg;
    if (a.crsWkt == b.crsWkt)
        return true;
    OGRSpatialReference x, y;
    if (x.importFromWkt(a.crsWkt.toUtf8().constData()) != OGRERR_NONE
        || y.importFromWkt(b.crsWkt.toUtf8().constData()) != OGRERR_NONE)
        return false;
    if (x.IsSame(&y))
        return true;
    // The same definition under other names (a datum "unknown" on WGS84's ellipsoid, say).
    char *px = nullptr, *py = nullptr;
    const bool same = x.exportToProj4(&px) == OGRERR_NONE && y.exportToProj4(&py) == OGRERR_NONE
        && QByteArray(px) == QByteArray(py);
    CPLFree(px);
    CPLFree(py);
    return same;
}

// "EPSG:32633", else the CRS's name from its WKT.
QString crsName(const ProductInfo& p)
{
    if (p.epsg > 0)
        return QStringLiteral("EPSG:%1").arg(p.epsg);
    OGRSpatialReference srs;
    const char* name
        = srs.importFromWkt(p.crsWkt.toUtf8().constData()) == OGRERR_NONE ? srs.GetName() : nullptr;
    return name && *name ? QStringLiteral("\"%1\"").arg(QString::fromUtf8(name))
                         : QStringLiteral("a CRS without a code");
}

} // namespace

bool alignableGrid(const ProductInfo& grid, const ProductInfo& other, int* dx, int* dy)
{
    const double* g = grid.geoTransform;
    const double* o = other.geoTransform;
    if (!grid.georeferenced || !other.georeferenced || other.width <= 0 || other.height <= 0)
        return false;
    if (!sameCrs(grid, other) || g[2] != 0 || g[4] != 0 || o[2] != 0 || o[4] != 0 || g[1] == 0 || g[5] == 0
        || std::abs(o[1] - g[1]) > 1e-6 * std::abs(g[1]) || std::abs(o[5] - g[5]) > 1e-6 * std::abs(g[5]))
        return false;
    // The grid's origin in the other's pixels: whole pixels, to a thousandth (as gridDifference).
    const double fx = (g[0] - o[0]) / o[1], fy = (g[3] - o[3]) / o[5];
    const double rx = std::round(fx), ry = std::round(fy);
    if (std::abs(fx - rx) > 1e-3 || std::abs(fy - ry) > 1e-3 || std::abs(rx) > 1e7 || std::abs(ry) > 1e7)
        return false;
    const int x = static_cast<int>(rx), y = static_cast<int>(ry);
    if (x >= other.width || x + grid.width <= 0 || y >= other.height || y + grid.height <= 0)
        return false; // no ground in common
    if (dx)
        *dx = x;
    if (dy)
        *dy = y;
    return true;
}

namespace {

// The share of a lattice of `grid`'s pixel centres that falls on `other`'s pixels (any CRS).
double latticeCoverage(const ProductInfo& grid, const ProductInfo& other)
{
    const double* o = other.geoTransform;
    const double det = o[1] * o[5] - o[2] * o[4];
    OGRSpatialReference a, b;
    if (det == 0 || a.importFromWkt(grid.crsWkt.toUtf8().constData()) != OGRERR_NONE
        || b.importFromWkt(other.crsWkt.toUtf8().constData()) != OGRERR_NONE)
        return 0;
    a.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    b.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> t;
    if (!a.IsSame(&b)) {
        io::QuietGdalErrors quiet;
        t.reset(OGRCreateCoordinateTransformation(&a, &b));
        if (!t)
            return 0;
    }
    constexpr int n = 128;
    std::vector<double> xs, ys;
    const double* g = grid.geoTransform;
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            const double px = (i + 0.5) * grid.width / n, py = (j + 0.5) * grid.height / n;
            xs.push_back(g[0] + px * g[1] + py * g[2]);
            ys.push_back(g[3] + px * g[4] + py * g[5]);
        }
    std::vector<int> ok(xs.size(), 1);
    if (t) {
        io::QuietGdalErrors quiet;
        t->Transform(static_cast<int>(xs.size()), xs.data(), ys.data(), nullptr, ok.data());
    }
    int in = 0;
    for (size_t k = 0; k < xs.size(); ++k) {
        if (!ok[k])
            continue;
        const double dx = xs[k] - o[0], dy = ys[k] - o[3];
        const double px = (o[5] * dx - o[2] * dy) / det, py = (-o[4] * dx + o[1] * dy) / det;
        in += px >= 0 && px < other.width && py >= 0 && py < other.height;
    }
    return double(in) / double(n * n);
}

} // namespace

double gridCoverage(const ProductInfo& grid, const ProductInfo& other)
{
    if (sameGrid(grid, other))
        return 1;
    if (grid.width <= 0 || grid.height <= 0)
        return 0;
    if (int dx = 0, dy = 0; alignableGrid(grid, other, &dx, &dy)) {
        const GridShift s { true, dx, dy, other.width, other.height };
        return double(s.covered(grid.width, grid.height)) / (double(grid.width) * grid.height);
    }
    // Another CRS, pixel size or a fraction of a pixel off: the share of a 128 x 128 lattice of the
    // grid's pixel centres that falls on the other's pixels.
    if (!grid.georeferenced || !other.georeferenced || other.width <= 0 || other.height <= 0)
        return 0;
    // Remembered: the Reference lists ask on every change of layer, and building a transform
    // between two CRSs takes PROJ milliseconds.
    auto key = [](const ProductInfo& i) {
        QString k = i.crsWkt + QLatin1Char('|') + QString::number(i.width) + QLatin1Char('x')
            + QString::number(i.height);
        for (double v : i.geoTransform)
            k += QLatin1Char(',') + QString::number(v, 'g', 17);
        return k;
    };
    const QString id = key(grid) + QLatin1Char('#') + key(other);
    static std::mutex cacheMutex;
    static QHash<QString, double> cache;
    {
        std::lock_guard<std::mutex> lock(cacheMutex);
        if (const auto it = cache.constFind(id); it != cache.constEnd())
            return it.value();
    }
    const double share = latticeCoverage(grid, other);
    std::lock_guard<std::mutex> lock(cacheMutex);
    if (cache.size() > 1024)
        cache.clear();
    cache.insert(id, share);
    return share;
}

bool Product::alignTo(const ProductInfo& grid)
{
    std::lock_guard<std::mutex> lock(d->mutex);
    int dx = 0, dy = 0;
    if (d->shift.on || !alignableGrid(grid, d->info, &dx, &dy))
        return false;
    const int ownW = d->info.width, ownH = d->info.height;
    d->shift = { true, dx, dy, ownW, ownH };
    const qint64 common = d->shift.covered(grid.width, grid.height);
    d->info.width = grid.width;
    d->info.height = grid.height;
    std::copy(grid.geoTransform, grid.geoTransform + 6, d->info.geoTransform);
    const double share = 100.0 * double(common) / (double(grid.width) * grid.height);
    const QString where = QStringLiteral("its own %1 x %2 px from (%3, %4) of the product")
                              .arg(ownW)
                              .arg(ownH)
                              .arg(-dx)
                              .arg(-dy);
    d->info.warnings << (common == qint64(grid.width) * grid.height
            ? QStringLiteral("read on the product's %1 x %2 px grid (%3)")
                  .arg(grid.width)
                  .arg(grid.height)
                  .arg(where)
            : QStringLiteral(
                "read on the product's %1 x %2 px grid: it covers %3 % of it (%4); the rest is no data")
                  .arg(grid.width)
                  .arg(grid.height)
                  .arg(share, 0, 'f', 1)
                  .arg(where));
    return true;
}

GDALRasterBand* Product::Impl::warpBand(GDALRasterBand* src, const double* srcGt, const QString& srcWkt,
    const ProductInfo& grid, GDALResampleAlg alg, const double* nodata, bool alpha)
{
    GDALDataset* ds = src ? src->GetDataset() : nullptr;
    if (!ds)
        return nullptr;
    io::QuietGdalErrors quiet;
    double dstGt[6];
    std::copy(grid.geoTransform, grid.geoTransform + 6, dstGt);
    void* exact = GDALCreateGenImgProjTransformer3(
        srcWkt.toUtf8().constData(), srcGt, grid.crsWkt.toUtf8().constData(), dstGt);
    if (!exact)
        return nullptr;
    // Within an eighth of a pixel, as gdalwarp: exact transforms at every pixel would dominate reads.
    void* approx = GDALCreateApproxTransformer(GDALGenImgProjTransform, exact, 0.125);
    GDALApproxTransformerOwnsSubtransformer(approx, TRUE);
    GDALWarpOptions* wo = GDALCreateWarpOptions();
    wo->hSrcDS = GDALDataset::ToHandle(ds);
    wo->eResampleAlg = alg;
    wo->nBandCount = 1;
    wo->panSrcBands = static_cast<int*>(CPLMalloc(sizeof(int)));
    wo->panSrcBands[0] = src->GetBand();
    wo->panDstBands = static_cast<int*>(CPLMalloc(sizeof(int)));
    wo->panDstBands[0] = 1;
    if (nodata) {
        wo->padfSrcNoDataReal = static_cast<double*>(CPLMalloc(sizeof(double)));
        wo->padfSrcNoDataReal[0] = *nodata;
        wo->padfDstNoDataReal = static_cast<double*>(CPLMalloc(sizeof(double)));
        wo->padfDstNoDataReal[0] = *nodata;
        wo->papszWarpOptions = CSLSetNameValue(wo->papszWarpOptions, "INIT_DEST", "NO_DATA");
    }
    if (alpha)
        wo->nDstAlphaBand = 2;
    wo->pfnTransformer = GDALApproxTransform;
    wo->pTransformerArg = approx; // the VRT's from here on
    GDALDatasetH vrt = GDALCreateWarpedVRT(GDALDataset::ToHandle(ds), grid.width, grid.height, dstGt, wo);
    GDALDestroyWarpOptions(wo);
    if (!vrt) {
        GDALDestroyTransformer(approx);
        return nullptr;
    }
    GDALDataset* v = GDALDataset::FromHandle(vrt);
    warps.emplace_back(v);
    if (v->GetRasterCount() < (alpha ? 2 : 1))
        return nullptr;
    GDALRasterBand* out = v->GetRasterBand(1);
    // What the source declares (a mask's nodata value), whichever band the VRT copied it from.
    int has = 0;
    const double declared = src->GetNoDataValue(&has);
    if (nodata)
        out->SetNoDataValue(*nodata);
    else if (has)
        out->SetNoDataValue(declared);
    else
        out->DeleteNoDataValue();
    return out;
}

GDALRasterBand* Product::Impl::warpMask(GDALDataset* ds, int band, double& coverage)
{
    ProductInfo m;
    const char* wkt = ds->GetProjectionRef();
    if (!info.georeferenced || ds->GetGeoTransform(m.geoTransform) != CE_None || !wkt || !*wkt)
        return nullptr;
    m.georeferenced = true;
    m.crsWkt = QString::fromUtf8(wkt);
    if (const OGRSpatialReference* srs = ds->GetSpatialRef()) // else sameGrid compares the WKTs
        m.epsg = QString::fromLatin1(srs->GetAuthorityCode(nullptr)).toInt();
    m.width = ds->GetRasterXSize();
    m.height = ds->GetRasterYSize();
    coverage = gridCoverage(info, m);
    if (!(coverage > 0))
        return nullptr;
    return warpBand(
        ds->GetRasterBand(band), m.geoTransform, m.crsWkt, info, GRA_NearestNeighbour, nullptr, true);
}

bool warpableGrid(const ProductInfo& grid, const ProductInfo& other)
{
    return gridCoverage(grid, other) > 0;
}

bool Product::warpTo(const ProductInfo& grid)
{
    std::lock_guard<std::mutex> lock(d->mutex);
    if (d->shift.on || d->warped || sameGrid(grid, d->info) || grid.width <= 0 || grid.height <= 0)
        return false;
    const double share = 100.0 * gridCoverage(grid, d->info);
    if (!(share > 0)) // not warpableGrid
        return false;
    // Each band's own geotransform and CRS (a SAFE's 20 and 60 m datasets, a band folder's files), else
    // the product's scaled to the band's pixel.
    auto geoOf = [&](GDALRasterBand* b, int factor, const GridShift& at, double* gt, QString& wkt) {
        GDALDataset* ds = b->GetDataset();
        const char* p = ds ? ds->GetProjectionRef() : nullptr;
        if (ds && ds->GetGeoTransform(gt) == CE_None && p && *p && ds->GetRasterXSize() == b->GetXSize()
            && ds->GetRasterYSize() == b->GetYSize()) {
            wkt = QString::fromUtf8(p);
            return;
        }
        const double* g = d->info.geoTransform;
        const double ox = at.on ? -at.x : 0, oy = at.on ? -at.y : 0;
        gt[0] = g[0] + ox * g[1] + oy * g[2];
        gt[3] = g[3] + ox * g[4] + oy * g[5];
        gt[1] = g[1] * factor;
        gt[2] = g[2] * factor;
        gt[4] = g[4] * factor;
        gt[5] = g[5] * factor;
        wkt = d->info.crsWkt;
    };
    // A band of f x f pixels of its own grid goes onto the grid's cells of as many of the grid's pixels
    // (f when both grids' pixels are as large: the next UTM zone), as a SAFE's 20 and 60 m bands lie on
    // its 10 m grid: a quarter of the warper's work at 20 m, and the reads upsample as they do for the
    // product's own. Pixels in degrees on either side: the grid's own pixels.
    auto metres = [](const ProductInfo& i) {
        OGRSpatialReference srs;
        return srs.importFromWkt(i.crsWkt.toUtf8().constData()) == OGRERR_NONE && srs.IsProjected()
            ? std::hypot(i.geoTransform[1], i.geoTransform[4]) * srs.GetLinearUnits()
            : 0.0;
    };
    const double ownPixel = metres(d->info), gridPixel = metres(grid);
    auto cells = [&](int factor) {
        return ownPixel > 0 && gridPixel > 0
            ? std::max(1, static_cast<int>(std::lround(factor * ownPixel / gridPixel)))
            : 1;
    };
    auto scaled = [&](int f) {
        ProductInfo g = grid;
        g.width = (grid.width + f - 1) / f;
        g.height = (grid.height + f - 1) / f;
        for (int i : { 1, 2, 4, 5 })
            g.geoTransform[i] *= f;
        return g;
    };
    // Everything resampled first; nothing changes unless all of it could be.
    const size_t before = d->warps.size();
    std::vector<GDALRasterBand*> bands(d->bands.size(), nullptr);
    std::vector<int> factors(d->bands.size(), 1);
    for (size_t k = 0; k < d->bands.size(); ++k) {
        const BandSource& s = d->bands[k];
        if (!s.band)
            continue;
        double gt[6];
        QString wkt;
        geoOf(s.band, s.factor, GridShift {}, gt, wkt);
        // What convert() reads as no data, kept out of the interpolation: DN 0 where it is nodata
        // (Sentinel-2's integer bands, DNs exported as floats), else the declared value, else NaN.
        // A band with both (a declared 65535 and a negative offset) has only its 0 left out here.
        const double nodata = s.integerNodataZero ? 0.0
            : s.hasNodata                         ? s.nodata
                                                  : std::numeric_limits<double>::quiet_NaN();
        factors[k] = cells(s.factor);
        bands[k] = d->warpBand(s.band, gt, wkt, scaled(factors[k]), GRA_Bilinear, &nodata, false);
        if (!bands[k]) {
            d->dropWarps(before);
            return false;
        }
    }
    GDALRasterBand *classes = nullptr, *alpha = nullptr;
    std::array<GDALRasterBand*, 4> classi {};
    if (d->classes.band) {
        double gt[6];
        QString wkt;
        geoOf(d->classes.band, d->classes.factor, d->classShift, gt, wkt);
        // Nearest onto the grid's own pixels: on 2 x 2 cells, 5 % of a 20 m SCL's pixels took another
        // class than a 10 m nearest read gives (cloud edges a cell off), for little work saved.
        classes = d->warpBand(d->classes.band, gt, wkt, grid, GRA_NearestNeighbour, nullptr, true);
        alpha = classes ? classes->GetDataset()->GetRasterBand(2) : nullptr;
        // A mask resampled already (on a third grid) has its own alpha: resampled too, it is 0 both
        // where that mask has no pixel and beyond this product.
        if (alpha && d->classesAlpha)
            alpha = d->warpBand(d->classesAlpha, gt, wkt, grid, GRA_NearestNeighbour, nullptr, false);
        // MSK_CLASSI's other flags, its nodata band and the estimated shadows lie on its grid.
        const std::array<GDALRasterBand*, 4> extra { d->classiCirrus, d->classiSnow, d->classiNodata,
            d->classiShadow };
        for (size_t i = 0; i < extra.size() && classes; ++i) {
            if (!extra[i])
                continue;
            double egt[6];
            QString ewkt;
            geoOf(extra[i], d->classes.factor, d->classShift, egt, ewkt);
            classi[i] = d->warpBand(extra[i], egt, ewkt, grid, GRA_NearestNeighbour, nullptr, false);
            if (!classi[i])
                classes = nullptr;
        }
        if (!classes || !alpha) {
            d->dropWarps(before);
            return false;
        }
    }
    for (size_t k = 0; k < d->bands.size(); ++k)
        if (bands[k]) {
            d->bands[k].band = bands[k];
            d->bands[k].factor = factors[k];
        }
    if (classes) {
        d->classes.band = classes;
        d->classes.factor = 1;
        d->classesAlpha = alpha;
        d->classiCirrus = classi[0];
        d->classiSnow = classi[1];
        d->classiNodata = classi[2];
        d->classiShadow = classi[3];
    }
    d->classShift = {};
    d->warped = true;
    const QString from = d->info.epsg > 0 && d->info.epsg != grid.epsg
        ? QStringLiteral("EPSG:%1").arg(d->info.epsg)
        : QStringLiteral("its own pixels");
    OGRSpatialReference ownSrs;
    const bool degrees
        = ownSrs.importFromWkt(d->info.crsWkt.toUtf8().constData()) == OGRERR_NONE && ownSrs.IsGeographic();
    const QString pixel = QStringLiteral("%1 %2")
                              .arg(std::abs(d->info.geoTransform[1]), 0, 'g', 6)
                              .arg(degrees ? QStringLiteral("°") : QStringLiteral("m"));
    d->info.width = grid.width;
    d->info.height = grid.height;
    std::copy(grid.geoTransform, grid.geoTransform + 6, d->info.geoTransform);
    d->info.crsWkt = grid.crsWkt;
    d->info.epsg = grid.epsg;
    if (d->toWgs84)
        d->setWgs84Transform();
    const QString how
        = QStringLiteral("resampled from %1 (%2 pixels; bilinear, classes nearest)").arg(from, pixel);
    d->info.warnings << (share >= 99.95
            ? QStringLiteral("read on the product's %1 x %2 px grid, %3")
                  .arg(grid.width)
                  .arg(grid.height)
                  .arg(how)
            : QStringLiteral(
                "read on the product's %1 x %2 px grid, %3: it covers %4 % of it; the rest is no data")
                  .arg(grid.width)
                  .arg(grid.height)
                  .arg(how)
                  .arg(share, 0, 'f', 1));
    return true;
}

bool sameGrid(const ProductInfo& a, const ProductInfo& b)
{
    if (a.width != b.width || a.height != b.height)
        return false;
    // The same CRS: by EPSG code, else by WKT when both are georeferenced (one without georeferencing
    // is taken to lie on the other).
    if (a.epsg > 0 && b.epsg > 0 ? a.epsg != b.epsg
                                 : a.georeferenced && b.georeferenced && !a.crsWkt.isEmpty()
                && !b.crsWkt.isEmpty() && !sameCrs(a, b))
        return false;
    // The origin to a thousandth of a pixel (relative to the coordinates, 1e-6 of a UTM northing was
    // half a pixel), the pixel's shape to a millionth.
    const double pixel = std::max(std::abs(a.geoTransform[1]), std::abs(a.geoTransform[5]));
    for (int i = 0; i < 6; ++i) {
        const double tol = i == 0 || i == 3 ? std::max(1e-3 * pixel, 1e-12 * std::abs(a.geoTransform[i]))
                                            : 1e-6 * std::max(1.0, std::abs(a.geoTransform[i]));
        if (std::abs(a.geoTransform[i] - b.geoTransform[i]) > tol)
            return false;
    }
    return true;
}

namespace {

// Pixel sizes in degrees, not metres (the OSCD cities' EPSG:4326).
bool geographic(int epsg)
{
    OGRSpatialReference srs;
    return epsg > 0 && srs.importFromEPSG(epsg) == OGRERR_NONE && srs.IsGeographic();
}

} // namespace

QString gridDifference(const ProductInfo& product, const ProductInfo& other)
{
    if (sameGrid(product, other))
        return {};
    const double* p = product.geoTransform;
    const double* o = other.geoTransform;
    if (!product.georeferenced || !other.georeferenced)
        return !other.georeferenced
            ? QStringLiteral("it has no georeferencing (no CRS or geotransform)")
            : QStringLiteral("the product has no georeferencing (no CRS or geotransform)");
    if (!sameCrs(product, other))
        return gridCoverage(product, other) > 0
            ? QStringLiteral("another CRS, %1 where the product has %2 (another tile or UTM zone)")
                  .arg(crsName(other), crsName(product))
            : QStringLiteral("it does not overlap the product (%1, the product %2)")
                  .arg(crsName(other), crsName(product));
    if (std::abs(o[1] - p[1]) > 1e-6 * std::abs(p[1]) || std::abs(o[5] - p[5]) > 1e-6 * std::abs(p[5]))
        return QStringLiteral("%1 %3 pixels where the product has %2 %3")
            .arg(std::abs(o[1]))
            .arg(std::abs(p[1]))
            .arg(geographic(product.epsg) ? QStringLiteral("°") : QStringLiteral("m"));
    // Same CRS and pixels: another window of the ground, in the product's pixels.
    const double dx = (o[0] - p[0]) / p[1], dy = (o[3] - p[3]) / p[5];
    const bool overlaps
        = dx < product.width && dx + other.width > 0 && dy < product.height && dy + other.height > 0;
    const QString where = QStringLiteral("%1 x %2 px at (%3, %4) of the product's %5 x %6 px grid")
                              .arg(other.width)
                              .arg(other.height)
                              .arg(dx, 0, 'f', std::abs(dx - std::round(dx)) < 1e-3 ? 0 : 2)
                              .arg(dy, 0, 'f', std::abs(dy - std::round(dy)) < 1e-3 ? 0 : 2)
                              .arg(product.width)
                              .arg(product.height);
    const bool whole = std::abs(dx - std::round(dx)) < 1e-3 && std::abs(dy - std::round(dy)) < 1e-3;
    if (overlaps && !whole) // a reference of whole pixels is read on the product's grid (alignTo)
        return QStringLiteral("its pixels lie between the product's, %1: resample it onto the product's "
                              "pixels (gdalwarp -tap), or download both dates with the same AOI")
            .arg(where);
    return overlaps
        ? QStringLiteral("it covers another area of the tile, %1: cut both dates to the same area "
                         "(download them with the same AOI)")
              .arg(where)
        : QStringLiteral("it does not overlap the product (%1)").arg(where);
}

} // namespace unclouded
