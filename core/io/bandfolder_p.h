// Types and helpers of the band-folder / STAC reader (bandfolderreader.cpp), private to core/io;
// declared here so that tests can check the name and href rules on their own.
#pragma once

#include <QMap>
#include <QString>

namespace unclouded::io {

constexpr const char* kSclName = "SCL";

// One file that holds a band (or the SCL).
struct BandFile
{
    QString band; // canonical name or kSclName
    QString path; // what GDAL opens
    QString label; // file name or asset key, for messages
    int resolution = 0; // metres from the name or the item, 0 when unknown
    bool tiff = true; // GeoTIFF / COG (windowed reads) rather than JP2
    bool s3 = false; // needs credentials where https does not
    bool hasRadiometry = false; // offset / scale given for this file (STAC raster:bands)
    double offset = 0, scale = 1e-4; // offset in DN: reflectance = (DN + offset) * scale
};

// What the metadata beside the bands says.
struct BandMeta
{
    QString productName, baseline, sensingTime, tileId, level;
    double cloudCover = -1, sunZenith = -1, sunAzimuth = -1;
    bool generatedByUnclouded = false;
    bool offsetApplied = false; // earthsearch:boa_offset_applied: the DN already hold no offset
    bool haveMtd = false;
    QMap<QString, double> mtdOffsets;
    double quantification = 10000;
    QString baselineFrom; // a file the baseline was inferred from (no item or MTD said it)
};

// What a file name or STAC asset key says: "T29RKH_20200219T112111_B02_10m.jp2" -> B02 at 10 m,
// "nir08.tif" -> B8A, "SCL_20m" -> the classification; TCI, AOT, WVP, PVI and masks are ignored.
struct NamedBand
{
    QString band; // canonical (B02 ... B8A ... B12), empty when none
    bool scl = false;
    int resolution = 0; // metres from a "20m" token, 0 when the name gives none
    bool ignored = false; // names a raster that is no band (TCI, AOT, ...), whatever else it says
};
NamedBand bandFromName(const QString& fileNameOrKey);

// A STAC asset's href as GDAL opens it: relative to the item's location (a path or URL),
// http(s) -> /vsicurl/, s3:// -> /vsis3/, gs:// -> /vsigs/, file:// -> local path.
QString resolveAssetHref(const QString& itemLocation, const QString& href);

// http(s):// or a GDAL network path (/vsicurl/, /vsis3/, /vsigs/).
bool isRemotePath(const QString& path);

// A folder holding at least one spectral band file (at its top or in R10m / R20m / R60m).
bool looksLikeBandFolder(const QString& dir);
// A SAFE tree: MTD_MSIL2A.xml or MTD_MSIL1C.xml next to a GRANULE folder.
bool isSafeFolder(const QString& dir);
// The SAFE folder that `path` lies in when it is part of a SAFE's GRANULE tree (GRANULE, a tile
// folder, its IMG_DATA or R10m / R20m / R60m, or its MTD_TL.xml); empty otherwise.
QString enclosingSafe(const QString& path);
// A tile folder of a SAFE (MTD_TL.xml beside IMG_DATA) that `dir` is, or whose IMG_DATA or R10m /
// R20m / R60m folder it is; empty otherwise.
QString granuleFolder(const QString& dir);
// Products before 6 December 2016 (S2A_OPER_PRD_MSIL1C_PDMC_...SAFE) hold many tiles, each a
// GRANULE/S2A_OPER_MSI_L1C_TL_..._T32TQR_N02.04 folder with IMG_DATA/..._B02.jp2 and its clouds as
// GML. The tile folder to open for `dir` (such a product with one tile, or one of its tiles); empty
// when `dir` is not of that format. Throws Error listing the tiles when the product holds several.
QString oldFormatGranule(const QString& dir);

} // namespace unclouded::io
