// What the SAFE reader, the GeoTIFF reader, the band-folder / STAC reader and Product share: the open
// datasets and, per band, where its pixels are and how DN become reflectance. Private to core/io.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <gdalwarper.h>
#include <memory>
#include <mutex>
#include <ogr_spatialref.h>
#include <vector>

#include <QRegularExpression>

#include "core/io/bandfolder_p.h"
#include "core/io/gdal_p.h"
#include "core/io/itemuse_p.h"
#include "core/io/product.h"

namespace unclouded {

struct BandSource
{
    GDALRasterBand* band = nullptr;
    int factor = 1; // native pixel = factor x factor 10 m pixels
    double offset = 0, scale = 1e-4;
    bool integerNodataZero = true;
    bool hasNodata = false;
    double nodata = 0;
};

// Whether an integer band's DN 0 is nodata: it is in Sentinel-2's own files (SAFE, COGs, exports that
// declare nothing or 0), but not where the file declares another nodata value the band can hold and 0
// is a reflectance (no negative offset): WorldCereal's composites keep 65535 for nodata and 0 for the
// darkest water, as QGIS reads them. A declared -9999 on unsigned bands is no value they hold: ignored.
inline bool integerZeroIsNodata(GDALRasterBand* band, bool hasNodata, double nodata, double offset)
{
    int clamped = 0, rounded = 0;
    GDALAdjustValueToDataType(band->GetRasterDataType(), nodata, &clamped, &rounded);
    return !(hasNodata && nodata != 0 && !clamped && !rounded && offset >= 0);
}

// The largest value of a float band over a decimated read (at most 256 x 256 samples; fill values
// such as FLT_MAX and its declared nodata left out): above 50 it holds digital numbers, not
// reflectance (an export cast to float, as Earth Engine users do to give every band one type).
float floatBandTop(GDALRasterBand* band, bool hasNodata, double nodata);

namespace io {
// "05.09", "5.09", "N0509" -> 5.09; -1 when unreadable.
double baselineNumber(QString b);
// ESA product names: captures 1 level, 2 sensing time, 3 baseline (0509), 4 tile.
const QRegularExpression& productNameRe();
// The share of clear land (SCL 4 and 5 where `scl` is given, else every pixel with data) whose DN
// lies below `below`, from a read of at most about 512 px a side; -1 when too little land was read.
double shareBelow(GDALRasterBand* band, GDALRasterBand* scl, double below);
} // namespace io

// What a product's MTD_MSIL2A.xml / MTD_MSIL1C.xml says about it (safereader.cpp).
struct ProductMtd
{
    QString productName, baseline, sensingTime, level; // level: L2A, L1C or empty
    double cloudCover = -1;
    bool generatedByUnclouded = false;
    QMap<QString, double> offsets; // canonical band name -> BOA_ADD_OFFSET / RADIO_ADD_OFFSET
    double quantification = 10000;
};
// Throws Error naming the file when it cannot be parsed or a radiometric value is implausible.
ProductMtd readProductMtd(const QString& mtdPath);

// When a file's name says it was sensed (S2B_MSIL2A_20230412T101029_..., T29RKH_20200219T112111_B02,
// nantes_20171014_L1C): the first such date, ISO 8601; empty when the name has none.
QString sensingTimeFromName(const QString& name);

// A reference date read on another product's grid (Product::alignTo): that grid's pixel (x, y) is this
// product's own (x + x, y + y); w x h its own size. Off until aligned.
struct GridShift
{
    bool on = false;
    int x = 0, y = 0, w = 0, h = 0;
    // How many of a gridW x gridH grid's pixels it covers.
    qint64 covered(int gridW, int gridH) const
    {
        return qint64(std::max(0, std::min(gridW, w - x) - std::max(0, -x)))
            * std::max(0, std::min(gridH, h - y) - std::max(0, -y));
    }
};

struct Product::Impl
{
    ProductInfo info;
    GridShift shift;
    // A mask file over a larger window of the grid (the tile's SCL beside an AOI of its bands): the
    // product's pixel (x, y) is the mask's 10 m position (x + x, y + y) of its w x h (in 10 m pixels).
    GridShift classShift;
    // Downloaded item folders this product reads (its own, its mask's): never evicted meanwhile.
    std::vector<std::unique_ptr<io::ItemFolderUse>> inUse;
    std::vector<io::DatasetPtr> datasets;
    // A reference resampled onto another product's grid (Product::warpTo): one warped VRT per band
    // read. They hold references to `datasets`, so they are declared after them and closed first;
    // one may read another (a resampled mask resampled again), so they close last first (dropWarps).
    std::vector<io::DatasetPtr> warps;
    bool warped = false;
    // openSafe threw because not one band file is there at its own resolution (and only then: a
    // damaged or foreign file throws too, and must not be read past through the tile's copies).
    bool safeHasNoBandFile = false;
    GDALRasterBand* classesAlpha = nullptr; // warped classes: 0 where the mask has no pixel
    std::vector<BandSource> bands; // aligned with info.bands
    BandSource classes; // Codes: SCL; Binary: 0 / non-zero; Classi: MSK_CLASSI's opaque-cloud band
    // Bits: a 16-bit band whose set bits (maskBits) hide, e.g. Sentinel-2's QA60 (bits 10 and 11).
    // NonZero: a signed or float 0 / non-zero mask, read as numbers (as bytes -5 and 0.3 were 0).
    enum class Coding { Codes, Binary, Classi, Bits, NonZero } classCoding = Coding::Codes;
    uint16_t maskBits = 0;
    int bitsNodata = -1; // Bits: the band's declared nodata value, -1 when none (or 0)
    float nonZeroNodata = NAN; // NonZero: the band's declared nodata value (NaN: none, or 0)
    float hideFrom = NAN; // NonZero: values at least this hide (FILE#above=T); NaN: every non-zero one
    // MSK_CLASSI_B00 (L1C and L2A since baseline 04.00, 60 m): its cirrus and snow bands, and a band
    // on its grid whose DN 0 is nodata (B01), when the product has one.
    GDALRasterBand* classiCirrus = nullptr;
    GDALRasterBand* classiSnow = nullptr;
    GDALRasterBand* classiNodata = nullptr;
    GDALRasterBand* classiShadow = nullptr; // estimated cloud shadows on the same grid (a MEM band)
    QString classiCandidate; // a SAFE's MSK_CLASSI_B00.jp2 when it has no SCL (openSafe)
    // A raster's own classes in some of its bands (a Google Earth Engine export's SCL, MSK_CLASSI_*
    // or QA60): the mask path that reads them ("FILE#band=N..."), used when no mask is given.
    QString ownMaskCandidate;
    MaskKind ownMaskKind = MaskKind::None;
    QStringList auxLayers, ownMaskLayers; // its layers that are no reflectance; those that are its classes
    QString ownMaskLabel; // what its classes are, for the warning
    std::array<uint8_t, 256> binaryCodes {}; // Binary: file value -> kMaskClear / kMaskHidden / 0
    mutable std::mutex mutex; // GDAL handles
    mutable std::mutex transformMutex; // the coordinate transform, kept apart so the status bar
                                       // never waits behind a tile read holding `mutex`
    std::unique_ptr<OGRCoordinateTransformation> toWgs84;

    ~Impl() { dropWarps(0); }
    // Closes the warped VRTs from the n-th on, newest first: GDALClose deletes a VRT another one
    // still reads whatever its reference count.
    void dropWarps(size_t n)
    {
        while (warps.size() > n)
            warps.pop_back();
    }
    GDALDataset* keep(io::DatasetPtr ds)
    {
        datasets.push_back(std::move(ds));
        return datasets.back().get();
    }
    void openSafe(const QString& path);
    void openGeoTiff(const QString& path);
    // bandfolderreader.cpp; `preset` metadata wins over what the folder says.
    void openBandFolder(const QString& path, const io::BandMeta* preset = nullptr);
    void openOldFormatTile(const QString& granule); // a tile of a product before December 2016
    // A SAFE's tile folder (MTD_TL.xml) without its SAFE, or with the SAFE's MTD.
    void openGranule(const QString& granule, const QString& productMtd = {});
    void openStacItem(const QString& pathOrUrl); // bandfolderreader.cpp
    void assembleBandFiles(
        const QString& userPath, const QMap<QString, io::BandFile>& files, const io::BandMeta& meta);
    void openMask(const QString& path, MaskKind kind);
    // A mask raster over another window of the product's grid, as fine or 2, 3 or 6 times coarser
    // (the same CRS, whole 10 m pixels apart, some ground in common): the shift to read it by, and
    // its factor; off, factor unchanged, when it is not so.
    GridShift maskWindowOnGrid(GDALDataset* ds, int& factor) const;
    // MSK_CLASSI / MSK_CLOUDS mark no shadows: estimated from the sun's angles, NIR, green and SWIR
    // (cloudshadow.h) into classiShadow when the product has them. Throws Error when the mask cannot
    // be read; a band that cannot be read, or no memory, leaves a warning and no shadows.
    void estimateClassiShadows();
    void estimateClassiShadows(
        const std::vector<uint8_t>& codes, int nirIndex, int greenIndex, int swirIndex, double metresPerUnit);
    // The classification's native pixels [x, x + w) x [y, y + h) as class codes (caller holds mutex).
    void readClassPixels(int x, int y, int w, int h, uint8_t* out) const;
    void readClassCodes(int x, int y, int w, int h, uint8_t* out) const; // the same, alpha aside
    void setCrs(const OGRSpatialReference& srs)
    {
        char* wkt = nullptr;
        srs.exportToWkt(&wkt);
        info.crsWkt = QString::fromUtf8(wkt);
        CPLFree(wkt);
        info.epsg = QString::fromLatin1(srs.GetAuthorityCode(nullptr)).toInt();
        info.georeferenced = true;
    }
    void probe();
    // Throws Error when a JPEG 2000 band file's codestream does not end as it must (damaged or cut).
    void checkJp2End(GDALRasterBand* band, const QString& what, const QString& file) const;
    void finishOpen(const QString& maskPath, MaskKind maskKind); // mask, probe, lon/lat transform
    // `src` resampled onto `grid`'s pixels: a one-band warped VRT kept in `warps` (GDAL's warper,
    // `alg`; the source's own overviews or JPEG 2000 levels serve decimated reads). srcGt: the
    // source's geotransform. `nodata`: what the source leaves empty, and the VRT where it has no
    // pixel (NaN for NaN); none: the VRT 0 there. `alpha`: a second band, 0 where it has no pixel.
    // Null when GDAL cannot (its message kept).
    GDALRasterBand* warpBand(GDALRasterBand* src, const double* srcGt, const QString& srcWkt,
        const ProductInfo& grid, GDALResampleAlg alg, const double* nodata, bool alpha);
    // A mask raster on another CRS or pixel grid that shows some of the product (its share in
    // `coverage`): its band `band` resampled onto the product's grid (warpBand, nearest, with alpha).
    // Null when it is not so.
    GDALRasterBand* warpMask(GDALDataset* ds, int band, double& coverage);
    // toWgs84 for info.crsWkt (at open, and when warpTo moves the product onto another CRS).
    void setWgs84Transform();
    void convert(const BandSource& s, float* v, size_t n) const;
    void readNative(const BandSource& s, int x, int y, int w, int h, float* out) const;
};

} // namespace unclouded
