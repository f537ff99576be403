// A multi-band GeoTIFF (or any raster GDAL reads) as a product: band names from the descriptions.
#include <algorithm>
#include <cmath>

#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>

#include "core/common/error.h"
#include "core/io/gdal_p.h"
#include "core/io/product_p.h"
#include "core/io/sentinel2.h"

namespace unclouded {

float floatBandTop(GDALRasterBand* band, bool hasNodata, double nodata)
{
    const int w = band->GetXSize(), h = band->GetYSize();
    const int sw = std::min(256, w), sh = std::min(256, h);
    std::vector<float> v(static_cast<size_t>(sw) * sh);
    io::QuietGdalErrors quiet;
    float top = 0;
    if (band->RasterIO(GF_Read, 0, 0, w, h, v.data(), sw, sh, GDT_Float32, 0, 0) == CE_None)
        for (float x : v)
            if (std::fabs(x) < 1e30f && !(hasNodata && x == nodata))
                top = std::max(top, x);
    return top;
}

namespace {

// The names of the Sentinel-2 bands `keep` takes, in ESA's order.
template <typename Keep> QStringList s2BandNames(Keep keep)
{
    QStringList names;
    for (const S2Band& b : kS2Bands)
        if (keep(b))
            names << QString::fromLatin1(b.name);
    return names;
}

// Band name from a GeoTIFF band description: "B04", "Red(B04)", "NIR(B08?)", "red", "swir1" ...
QString bandFromDescription(const QString& desc)
{
    static const QRegularExpression inText(
        QStringLiteral("B0?(\\d{1,2}A?)"), QRegularExpression::CaseInsensitiveOption);
    auto it = inText.globalMatch(desc);
    while (it.hasNext()) {
        const QString c = canonicalBandName(QStringLiteral("B") + it.next().captured(1));
        if (!c.isEmpty())
            return c;
    }
    return bandFromCommonName(desc);
}

} // namespace

void Product::Impl::openGeoTiff(const QString& path)
{
    GDALDataset* ds = keep(io::openRaster(path));
    info.format = QString::fromLatin1(ds->GetDriver()->GetDescription()) == QLatin1String("GTiff")
        ? QStringLiteral("GeoTIFF")
        : QString::fromLatin1(ds->GetDriver()->GetDescription());
    info.productName = QFileInfo(path).completeBaseName();
    // When it was sensed: what Unclouded's exports record, else a date in the file's name. Layers of
    // one acquisition then count as one date, and other dates are used nearest first.
    info.sensingTime = QString::fromUtf8(ds->GetMetadataItem("UNCLOUDED_SENSING_TIME"));
    if (info.sensingTime.isEmpty())
        info.sensingTime = sensingTimeFromName(info.productName);
    info.width = ds->GetRasterXSize();
    info.height = ds->GetRasterYSize();
    if (info.width < 16 || info.height < 16)
        throw Error(
            QStringLiteral("%1 is %2 x %3 pixels: too small to show or reconstruct (at least 16 x 16)")
                .arg(path)
                .arg(info.width)
                .arg(info.height));
    const int n = ds->GetRasterCount();
    static const QMap<int, QStringList> defaults {
        { 4, { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"), QStringLiteral("B08") } },
        { 6,
            { QStringLiteral("B02"), QStringLiteral("B03"), QStringLiteral("B04"), QStringLiteral("B08"),
                QStringLiteral("B11"), QStringLiteral("B12") } },
        // ESA's order (kS2Bands): all 13 (L1C stacks, EuroSAT, OSCD), 12 without B10 (L2A,
        // BigEarthNet), 10 without the 60 m ones.
        { 13, s2BandNames([](const S2Band&) { return true; }) },
        { 12, s2BandNames([](const S2Band& b) { return qstrcmp(b.name, "B10") != 0; }) },
        { 10, s2BandNames([](const S2Band& b) { return b.resolution <= 20; }) },
    };
    // Google Earth Engine exports carry Sentinel-2's other layers beside the reflectance: the scene
    // classes (SCL), the cloud flags (QA60's bits 10 and 11, MSK_CLASSI_*), and layers that are no
    // reflectance (aerosols, water vapour, true-colour bytes, probabilities). By their names.
    static const QStringList auxNames { QStringLiteral("SCL"), QStringLiteral("QA60"), QStringLiteral("QA10"),
        QStringLiteral("QA20"), QStringLiteral("AOT"), QStringLiteral("WVP"), QStringLiteral("TCI_R"),
        QStringLiteral("TCI_G"), QStringLiteral("TCI_B"), QStringLiteral("MSK_CLDPRB"),
        QStringLiteral("MSK_SNWPRB"), QStringLiteral("MSK_CLASSI_OPAQUE"),
        QStringLiteral("MSK_CLASSI_CIRRUS"), QStringLiteral("MSK_CLASSI_SNOW_ICE") };
    QMap<QString, int> aux; // name -> band number
    QList<int> spectral; // band numbers
    QStringList names, descriptions;
    for (int b = 1; b <= n; ++b) {
        const QString desc = QString::fromUtf8(ds->GetRasterBand(b)->GetDescription()).trimmed();
        if (auxNames.contains(desc.toUpper())) {
            aux.insert(desc.toUpper(), b);
            continue;
        }
        spectral << b;
        names << bandFromDescription(desc);
        descriptions << desc;
    }
    if (spectral.isEmpty())
        throw Error(QStringLiteral("%1 holds no reflectance band, only %2")
                        .arg(path, QStringList(aux.keys()).join(QStringLiteral(", "))));
    // Some bands named: the file says what it holds, and a band it names wrongly or twice must not
    // be replaced by an assumed order (B04's values written out as B08).
    const bool anyNamed
        = std::any_of(names.begin(), names.end(), [](const QString& x) { return !x.isEmpty(); });
    for (int i = 0; anyNamed && i < names.size(); ++i) {
        if (names[i].isEmpty())
            throw Error(QStringLiteral("%1: band %2 is described as \"%3\", which names no Sentinel-2 band "
                                       "(B01 ... B12, B8A)")
                            .arg(path)
                            .arg(spectral[i])
                            .arg(descriptions[i]));
        if (const int j = names.indexOf(names[i]); j < i)
            throw Error(QStringLiteral("%1: bands %2 and %3 are both %4")
                            .arg(path)
                            .arg(spectral[j])
                            .arg(spectral[i])
                            .arg(names[i]));
    }
    if (names.contains(QString()) || names.removeDuplicates() > 0) {
        if (!aux.isEmpty() || !defaults.contains(n))
            throw Error(QStringLiteral(
                "%1: cannot tell which Sentinel-2 band each of its %2 bands is; name them in the band "
                "descriptions (B02, B03, ...)")
                            .arg(path)
                            .arg(n));
        names = defaults.value(n);
        info.warnings << QStringLiteral("band names not found in the file: assumed %1")
                             .arg(names.join(QStringLiteral(", ")));
    }
    size_t untagged = 0; // integer bands without scale or offset tags
    for (int i = 0; i < spectral.size(); ++i) {
        const int b = spectral[i];
        GDALRasterBand* band = ds->GetRasterBand(b);
        // Complex values were read as their real part, as if digital numbers (a 0-1 reflectance came out
        // as 1s and 2s): no reflectance is complex.
        if (GDALDataTypeIsComplex(band->GetRasterDataType()))
            throw Error(QStringLiteral("%1: band %2 holds complex numbers (%3), not reflectance")
                            .arg(path)
                            .arg(b)
                            .arg(QString::fromLatin1(GDALGetDataTypeName(band->GetRasterDataType()))));
        BandSource s;
        s.band = band;
        const bool isFloat
            = band->GetRasterDataType() == GDT_Float32 || band->GetRasterDataType() == GDT_Float64;
        int hasScale = 0, hasOffset = 0;
        const double sc = band->GetScale(&hasScale), of = band->GetOffset(&hasOffset);
        if ((hasScale && sc != 1.0) || (hasOffset && of != 0.0)) {
            s.scale = sc;
            s.offset
                = sc != 0 ? of / sc : 0; // reflectance = DN * scale + offset = (DN + offset/scale) * scale
        } else {
            s.scale = isFloat ? 1.0 : 1e-4;
            s.offset = 0;
            untagged += !isFloat;
        }
        int hasNd = 0;
        s.nodata = band->GetNoDataValue(&hasNd);
        s.hasNodata = hasNd;
        s.integerNodataZero = !isFloat && integerZeroIsNodata(band, s.hasNodata, s.nodata, s.offset);
        BandDesc desc;
        desc.name = names[i];
        desc.resolution = 10;
        desc.offset = s.offset;
        desc.scale = s.scale;
        desc.centralNm = kS2Bands[s2BandIndex(desc.name)].central;
        desc.file = path;
        info.bands << desc;
        bands.push_back(s);
    }
    // A stack of a SAFE's own bands (gdal_merge of its JP2s) keeps their DN, and from processing
    // baseline 04.00 on their +1000: the file says so by its name only. The numbers decide as for
    // band folders: with the offset already taken off, most clear land reads below 1000 DN in blue.
    const auto named = io::productNameRe().match(QFileInfo(path).fileName());
    if (named.hasMatch() && untagged == bands.size() && !bands.empty()
        && !ds->GetMetadataItem("UNCLOUDED_CONTENT")) {
        const QString baseline = named.captured(3).insert(2, QLatin1Char('.')); // 0509 -> 05.09
        if (io::baselineNumber(baseline) >= 4.0) {
            int blue = -1;
            for (const QString& b : { QStringLiteral("B02"), QStringLiteral("B04") })
                if (blue < 0)
                    blue = names.indexOf(b);
            const double share = blue >= 0 ? io::shareBelow(bands[size_t(blue)].band, nullptr, 1000) : -1;
            if (share > 0.5) {
                info.warnings << QStringLiteral(
                    "the name says processing baseline %1, whose offset of -1000 DN would make %2 % of "
                    "the pixels of B02 negative: the offset is already in the numbers, so none is applied")
                                     .arg(baseline)
                                     .arg(qRound(100 * share));
            } else {
                for (size_t i = 0; i < bands.size(); ++i) {
                    bands[i].offset = -1000;
                    bands[i].integerNodataZero
                        = integerZeroIsNodata(bands[i].band, bands[i].hasNodata, bands[i].nodata, -1000);
                    info.bands[static_cast<int>(i)].offset = -1000;
                }
                info.warnings << QStringLiteral(
                    "no scale or offset in the file: offsets of -1000 DN inferred from processing baseline "
                    "%1 in its name (reflectance = (DN - 1000) / 10000)")
                                     .arg(baseline);
            }
        }
    }
    // Float bands are reflectance, unless they hold digital numbers (an export cast to float, as
    // Earth Engine users do to give every band one type): values no reflectance reaches.
    std::vector<size_t> floats;
    for (size_t i = 0; i < bands.size(); ++i)
        if (bands[i].scale == 1.0 && bands[i].offset == 0 && !bands[i].integerNodataZero)
            floats.push_back(i);
    if (!floats.empty()) {
        const BandSource& first = bands[floats.front()];
        const float top = floatBandTop(first.band, first.hasNodata, first.nodata);
        if (top > 50) {
            for (size_t i : floats) {
                bands[i].scale = 1e-4;
                bands[i].integerNodataZero = true; // DN 0 is no data
                info.bands[static_cast<int>(i)].scale = 1e-4;
            }
            info.warnings << QStringLiteral("float bands with values up to %1 read as digital numbers: "
                                            "reflectance = value / 10000")
                                 .arg(static_cast<double>(top));
        }
    }
    if (ds->GetGeoTransform(info.geoTransform) == CE_None && ds->GetSpatialRef()) {
        setCrs(*ds->GetSpatialRef());
    } else {
        const double identity[6] = { 0, 1, 0, 0, 0, 1 };
        std::copy(identity, identity + 6, info.geoTransform);
        info.warnings << QStringLiteral("%1 has no georeferencing: coordinates are pixel positions")
                             .arg(QFileInfo(path).fileName());
    }
    info.sizePerResolution[10] = QStringLiteral("%1 x %2").arg(info.width).arg(info.height);
    // Bands are ordered as Sentinel-2 orders them, whatever the file's order.
    std::vector<int> order(info.bands.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(),
        [&](int a, int b) { return s2BandIndex(info.bands[a].name) < s2BandIndex(info.bands[b].name); });
    QList<BandDesc> sortedDesc;
    std::vector<BandSource> sortedSrc;
    for (int i : order) {
        sortedDesc << info.bands[i];
        sortedSrc.push_back(bands[i]);
    }
    info.bands = sortedDesc;
    bands = sortedSrc;
    info.generatedByUnclouded = QString::fromUtf8(ds->GetMetadataItem("UNCLOUDED_CONTENT")).size() > 0;
    // Its own classes, when no mask is given: SCL, else the three MSK_CLASSI flags, else QA60.
    auto bandPath = [&](const QString& parts) { return path + QStringLiteral("#") + parts; };
    const QString opaque = QStringLiteral("MSK_CLASSI_OPAQUE"), cirrus = QStringLiteral("MSK_CLASSI_CIRRUS"),
                  snow = QStringLiteral("MSK_CLASSI_SNOW_ICE");
    QString used, label;
    if (aux.contains(QStringLiteral("SCL"))) {
        ownMaskCandidate = bandPath(QStringLiteral("band=%1").arg(aux.value(QStringLiteral("SCL"))));
        ownMaskKind = MaskKind::Scl;
        used = QStringLiteral("SCL");
        label = QStringLiteral("SCL band");
    } else if (aux.contains(opaque) && aux.contains(cirrus) && aux.contains(snow)) {
        ownMaskCandidate = bandPath(QStringLiteral("band=%1,%2,%3")
                                        .arg(aux.value(opaque))
                                        .arg(aux.value(cirrus))
                                        .arg(aux.value(snow)));
        ownMaskKind = MaskKind::Classi;
        used = QStringLiteral("MSK_CLASSI_*");
        label = QStringLiteral("MSK_CLASSI_* bands (opaque clouds, cirrus, snow; no cloud shadows)");
    } else if (aux.contains(QStringLiteral("QA60"))) {
        ownMaskCandidate
            = bandPath(QStringLiteral("band=%1;bits=10,11").arg(aux.value(QStringLiteral("QA60"))));
        ownMaskKind = MaskKind::Binary;
        used = QStringLiteral("QA60");
        label = QStringLiteral("QA60 band (bits 10 and 11: opaque clouds and cirrus; no cloud shadows)");
    }
    // What is left out, and what the classes come from, is said in finishOpen: a mask the user gives
    // replaces these layers too.
    auxLayers = aux.keys();
    ownMaskLayers = used == QLatin1String("MSK_CLASSI_*") ? QStringList { opaque, cirrus, snow }
        : used.isEmpty()                                  ? QStringList()
                                                          : QStringList { used };
    ownMaskLabel = label;
}

} // namespace unclouded
