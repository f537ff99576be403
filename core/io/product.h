// A Sentinel-2 product (SAFE folder, .zip, MTD_MSIL*.xml; a folder of one raster per band; a STAC
// item, local or at a URL) or a plain multi-band GeoTIFF with an optional SCL / mask raster, seen as
// one 10 m analysis grid of reflectance. Reads are windowed:
// nothing ever loads a whole tile. Thread-safe (reads are serialised on the GDAL handles).
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include <QMap>
#include <QString>
#include <QStringList>

#include "core/io/sentinel2.h"

namespace unclouded {

struct Window
{
    int x = 0, y = 0, w = 0, h = 0;
};

struct BandDesc
{
    QString name; // B01 ... B8A ... B12
    int resolution = 10; // native metres
    double offset = 0; // added to DN before scaling (BOA_ADD_OFFSET; -1000 since baseline 04.00)
    double scale = 1e-4; // 1 / quantification value
    double centralNm = 0;
    QString file; // where the band's pixels live
};

// Scl: SCL codes; Binary: 0 clear, non-zero hidden; Classi: Sentinel-2's MSK_CLASSI_B00 (bands
// opaque clouds, cirrus, snow; read as SCL codes 9, 10, 11, other pixels kMaskClear), or the
// polygons of its MSK_CLOUDS_B00.gml before baseline 04.00 read the same way.
enum class MaskKind { None, Scl, Binary, Classi };

struct ProductInfo
{
    QString path; // what the user opened
    QString format; // "SAFE", "SAFE (zip)", "Band folder", "STAC item", "GeoTIFF"
    QString level; // L2A, L1C or empty
    QString productName;
    QString baseline; // processing baseline, e.g. 05.09
    QString tileId; // T33UUU
    QString sensingTime; // ISO 8601
    QString crsWkt;
    int epsg = 0; // 0 when unknown
    double geoTransform[6] = { 0, 1, 0, 0, 0, 1 };
    bool georeferenced = false;
    int width = 0, height = 0; // 10 m grid
    QMap<int, QString> sizePerResolution; // 10 -> "10980 x 10980"
    double cloudCoverMetadata = -1; // from the MTD; -1 when absent
    double sunZenith = -1, sunAzimuth = -1;
    QList<BandDesc> bands; // readable spectral bands, in S2 order
    QStringList missingBands; // listed in the metadata, file absent
    MaskKind maskKind = MaskKind::None;
    QString maskFile; // SCL band or mask file
    bool maskIsProducts = false; // the product's own SCL or cloud mask, not a file the user gave
    // MSK_CLASSI / MSK_CLOUDS only: shadows (SCL 3) placed from the sun's angles and dark ground.
    bool cloudShadowsEstimated = false;
    bool generatedByUnclouded = false; // false: real Copernicus data (attribution needed)
    QStringList warnings;
};

// A mask file whose own codes say what hides the ground (Fmask: 2 shadow, 3 snow, 4 cloud, 255 fill;
// a cloud probability: 40-100): "FILE#hidden=LIST;nodata=LIST", LIST values 0-255 and ranges a-b,
// comma-separated, either part optional. The choice travels wherever the path does (training,
// references, batch manifests). Without it a binary mask hides every non-zero value, and a value the
// file declares as nodata (other than 0) is nodata. The same suffix may name the band ("band=N",
// else the first; "band=O,C,S": MSK_CLASSI's opaque, cirrus and snow flags as bands of one file) and
// bits to hide instead of values ("bits=10,11", 0-15, read as 16 bits: QA60), or a threshold
// ("above=0.4": numbers at least that hide, any type). Throws Error naming a bad list. A "FILE#band=N"
// given keeps its band.
QString maskPathWithValues(const QString& file, const QString& hidden, const QString& nodata = {});
// The file part of such a path (the path itself when it has no values).
QString maskFilePart(const QString& maskPath);
// The bands it names ({1} when none), and whether it chooses values or bits (a mask of its own codes).
QList<int> maskPathBands(const QString& maskPath);
bool maskPathChoosesValues(const QString& maskPath);
// The same path choosing bits instead ("FILE#bits=LIST", a band it names kept); throws Error on a bad list.
QString maskPathWithBits(const QString& fileOrBand, const QString& bits);
// The same path hiding values of at least `threshold` ("FILE#above=0.4"): a cloud probability, float
// 0-1, 0-100 or 0-10000, any type (read as numbers); a band it names kept. Throws Error on no number.
QString maskPathWithThreshold(const QString& fileOrBand, const QString& threshold);
// What a mask file holds (its band, at most about 1024 px a side, nearest): what to ask a user whose
// mask is not 0 / 1. The file's declared nodata value (other than 0) is counted in `nodata` only.
// Values above 255 are counted at 255 and make it `wide`: 16-bit flags (QA60, FORCE), to be chosen by
// bit. `bits` counts the pixels with each bit set. Throws Error when it cannot be read.
// A band of fractions, or of more than 64 whole numbers filling a twentieth of a range up to
// 10000 (a cloud probability 0-1, 0-100 or 0-10000 rather than codes or flags), is `graded`: to be
// cut at a threshold (maskPathWithThreshold), between `lo` and `hi`, its smallest and largest values
// (nodata, NaN and fills aside).
struct MaskValueCounts
{
    std::array<qint64, 256> values {};
    std::array<qint64, 16> bits {};
    qint64 total = 0, nodata = 0;
    bool wide = false;
    bool graded = false;
    double lo = 0, hi = 0;
};
MaskValueCounts maskValueCounts(const QString& file);
// A threshold to offer for a graded mask: 40 % of the scale its values suggest (0-1, 0-100, 0-255,
// 0-10000, else its largest value), as the values question offers 40-100 for a percentage.
double suggestedMaskThreshold(const MaskValueCounts& counts);
// For a product whose plain 0 / non-zero raster mask hides every pixel (a cloud probability read so,
// 0.02 over clear ground): its mask path cut at 0.4, to show the user; empty for any other mask.
QString maskThresholdExample(const ProductInfo& info);
// Polygons rather than a raster (GML, GeoPackage, shapefile, GeoJSON, KML, FlatGeobuf): burnt onto the
// product's grid, the polygons hidden. Sentinel-2's own MSK_CLOUDS_B00.gml (L1C before baseline
// 04.00: polygons with a maskType, OPAQUE or CIRRUS, on the 60 m grid) reads like MSK_CLASSI_B00.
bool isVectorMask(const QString& maskPath);

// A STAC item (JSON with "assets"), which opens as a product, rather than GeoJSON parcels.
bool isStacItem(const QString& path);

// Same size and geotransform: two dates of one tile (or one AOI of it), pixel for pixel.
bool sameGrid(const ProductInfo& a, const ProductInfo& b);
// How other's grid differs from product's, for a message ("another CRS ...", "covers another area of
// the tile ..."); empty when sameGrid.
QString gridDifference(const ProductInfo& product, const ProductInfo& other);
// Whether `other` can be read on `grid`'s pixels (Product::alignTo): the same CRS and pixel size, no
// rotation, an offset of whole pixels, some ground in common. dx, dy: `grid`'s pixel (0, 0) is
// `other`'s (dx, dy).
bool alignableGrid(const ProductInfo& grid, const ProductInfo& other, int* dx = nullptr, int* dy = nullptr);
// The share of `grid`'s pixels that `other` shows: 1 on the same grid, the part it covers on another
// window of it (alignableGrid), on another CRS or pixel grid the share of a lattice of `grid`'s pixels
// that falls on it; 0 without georeferencing.
double gridCoverage(const ProductInfo& grid, const ProductInfo& other);
// Whether `other` can be resampled onto `grid`'s pixels (Product::warpTo): both georeferenced, some
// ground in common.
bool warpableGrid(const ProductInfo& grid, const ProductInfo& other);

class Product
{
public:
    // Throws Error with a message that names the file and the problem. An MSK_CLASSI_B00 / MSK_CLOUDS_B00
    // given with MaskKind::Classi is read as its flags alone (cloud shapes moved from another product);
    // otherwise, and as the product's own mask, cloud shadows are estimated from this product's bands.
    static std::shared_ptr<Product> open(
        const QString& path, const QString& maskPath = {}, MaskKind maskKind = MaskKind::None);
    ~Product();
    Product(const Product&) = delete;
    Product& operator=(const Product&) = delete;

    const ProductInfo& info() const;
    int width() const;
    int height() const;
    int bandIndex(const QString& name) const; // -1 when absent; accepts B4 or B04
    QStringList bandNames() const;
    bool hasClasses() const;
    // The scene classes' native pixel in 10 m pixels (1, 2, 3 or 6; 60 m MSK_CLASSI: 6); 0 without.
    int classGridFactor() const;
    // What a decimated read (readScaled) returns: Sharp, nearest samples of the full resolution (no
    // overviews); Jp2Levels, every band a JPEG 2000 file's resolution levels (low-passed, the same
    // filter in every product); Overviews, other overviews, built by whatever resampling.
    enum class Decimation { Sharp, Jp2Levels, Overviews };
    Decimation decimation() const;
    // The bytes of one row of source blocks across the product, for these bands and the scene
    // classes: what GDAL's block cache holds so that reading top to bottom decodes each block once.
    qint64 blockRowBytes(const QStringList& bands) const;

    // Reflectance on the 10 m grid (20/60 m bands bilinear), NaN where nodata.
    // out holds bands.size() planes of w*h floats. Throws Error on read failure.
    void readWindow(const QStringList& bands, const Window& w, float* out) const;
    // For display: the window decimated (or magnified) to outW x outH, using overviews / JP2 levels.
    void readScaled(const QStringList& bands, const Window& w, int outW, int outH, float* out) const;
    // Scene classes (SCL codes, or kMaskClear/kMaskHidden) on the 10 m grid, nearest; 0 = nodata.
    void readClasses(const Window& w, uint8_t* out) const;
    // The same decimated to outW x outH: each output pixel the class nearest its centre, or with
    // `rank`, the class of highest rank[class] in its footprint (ties: the nearest). Always from the
    // native codes: overviews and JPEG 2000 levels average codes (cloud 9 beside vegetation 4 reads
    // as 6, water), so they are never used here.
    using ClassRank = std::array<uint8_t, 256>;
    void readClassesScaled(
        const Window& w, int outW, int outH, uint8_t* out, const ClassRank* rank = nullptr) const;

    // Reads this product, just opened and not yet shared, on `grid`'s pixels from now on: the same
    // CRS and pixel size, its pixels shifted by whole pixels (an AOI of the same tile, or the whole
    // tile of another date); what it does not cover reads as no data (NaN, class 0). False, and
    // nothing changed, when the grids are not so (alignableGrid).
    bool alignTo(const ProductInfo& grid);
    // The same for a product on another CRS, pixel size or a fraction of a pixel off (an overlapping
    // tile of the next UTM zone, an export reprojected elsewhere): every band resampled onto `grid`'s
    // pixels by GDAL's warper (bilinear, no data left out; the classes nearest), what it does not cover
    // no data. False, and nothing changed, when it cannot (warpableGrid), when it is on the grid or
    // aligned already.
    bool warpTo(const ProductInfo& grid);
    // Map coordinates (CRS units) and WGS84 lon/lat of a 10 m grid position (pixel units).
    void gridToMap(double px, double py, double& mx, double& my) const;
    bool gridToLonLat(double px, double py, double& lon, double& lat) const;

private:
    Product();
    // The reads above in the product's own pixels (the caller holds the lock).
    void readOwnWindow(const QStringList& bands, const Window& w, float* out) const;
    void readOwnClasses(const Window& w, uint8_t* out) const;
    void readOwnClassesScaled(double x, double y, double w, double h, int outW, int outH, uint8_t* out,
        const ClassRank* rank) const;
    struct Impl;
    std::unique_ptr<Impl> d;
    static std::shared_ptr<Product> openSafeThroughItsTile(
        const Impl& safe, const QString& maskPath, MaskKind maskKind);
};

// One of several other dates, with the mask file the options give for it (masks and kinds parallel to
// the dates; an empty or missing file: the date's own classes; no kinds: `kind` for every file).
// Reconstruction, evaluation and training open their references so. A date on the same CRS and
// pixels as `grid` but another window of the ground (alignableGrid) is read on `grid`'s pixels; one on
// another CRS or pixel grid that overlaps it is resampled onto them (warpTo).
// Throws as Product::open.
std::shared_ptr<Product> openReference(const QStringList& references, const QStringList& masks,
    const QList<MaskKind>& kinds, MaskKind kind, int index, const ProductInfo& grid);

} // namespace unclouded
