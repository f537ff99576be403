// A multi-band GeoTIFF (or any raster GDAL reads) as a product: band names from the descriptions.
#include <algorithm>

#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>

#include "core/common/error.h"
#include "core/io/product_p.h"
#include "core/io/sentinel2.h"

namespace unclouded {

namespace {

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
    };
    QStringList names;
    for (int b = 1; b <= n; ++b)
        names << bandFromDescription(QString::fromUtf8(ds->GetRasterBand(b)->GetDescription()));
    if (names.contains(QString()) || names.removeDuplicates() > 0) {
        if (!defaults.contains(n))
            throw Error(QStringLiteral(
                "%1: cannot tell which Sentinel-2 band each of its %2 bands is; name them in the band "
                "descriptions (B02, B03, ...)")
                            .arg(path)
                            .arg(n));
        names = defaults.value(n);
        info.warnings << QStringLiteral("band names not found in the file: assumed %1")
                             .arg(names.join(QStringLiteral(", ")));
    }
    for (int b = 1; b <= n; ++b) {
        GDALRasterBand* band = ds->GetRasterBand(b);
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
        }
        s.integerNodataZero = !isFloat;
        int hasNd = 0;
        s.nodata = band->GetNoDataValue(&hasNd);
        s.hasNodata = hasNd;
        BandDesc desc;
        desc.name = names[b - 1];
        desc.resolution = 10;
        desc.offset = s.offset;
        desc.scale = s.scale;
        desc.centralNm = kS2Bands[s2BandIndex(desc.name)].central;
        desc.file = path;
        info.bands << desc;
        bands.push_back(s);
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
}

} // namespace unclouded
