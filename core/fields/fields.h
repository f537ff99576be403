// Fields: parcel boundaries (any OGR vector format, any CRS) on a product's grid, and per-field
// statistics of vegetation indices and reflectance before (visible pixels) and after (all pixels of
// a reconstruction), with the share of each field hidden and rebuilt. Pixels belong to a field by
// GDAL's rasterisation on the 10 m grid: by pixel centre (default) or every pixel touched.
#pragma once

#include <memory>

#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include "core/common/progress.h"
#include "core/io/product.h"
#include "core/masks/mask.h"

namespace unclouded::fields {

struct FieldsReport;

struct ParcelsReport
{
    QString path, layer, labelAttribute;
    int features = 0; // read from the layer
    int repaired = 0; // invalid geometries made valid (MakeValid)
    int skippedNotPolygon = 0, skippedEmpty = 0, outside = 0; // not kept
    QStringList warnings;
};

// Parcels on one product grid (the grid of `grid`; other dates of the tile share it).
class ParcelSet
{
public:
    // Reads the first layer with polygons (or `layer`), reprojects to the grid's CRS. label: the
    // attribute shown as the field's name (default: the first of name, label, id, crop, else the
    // feature id; kFeatureId asks for it). Throws Error naming the file and the problem (no polygons,
    // CRS that cannot be transformed, unknown attribute, nothing on the product), Cancelled when
    // `progress` is cancelled (a national parcel file reads for minutes).
    static constexpr const char* kFeatureId = "(feature id)";
    static std::shared_ptr<ParcelSet> open(const QString& path, const ProductInfo& grid,
        const QString& label = {}, const QString& layer = {}, const Progress& progress = {});
    ~ParcelSet();
    ParcelSet(const ParcelSet&) = delete;
    ParcelSet& operator=(const ParcelSet&) = delete;

    int size() const;
    qint64 id(int i) const; // the feature id in the file
    QString label(int i) const;
    double areaM2(int i) const; // of the polygon, in the grid's CRS
    // Grid pixels touched by its bounding box, beyond the grid's sides too (on another product of
    // the tile, an AOI's parcels may cover more).
    Window bounds(int i) const;
    // Outer and inner rings in grid pixel coordinates (for drawing).
    QList<QList<QPointF>> rings(int i) const;
    // 1 where the pixel of window w belongs to parcel i.
    void rasterize(int i, const Window& w, bool allTouched, uint8_t* out) const;
    // The parcel whose polygon holds grid position (x, y), or -1.
    int parcelAt(double x, double y) const;
    // Where `info`'s pixel (0, 0) lies on the parcels' grid: another date of the tile, or an AOI of
    // it (the same CRS and pixel size, a whole-pixel shift). False for a product on another grid.
    bool offsetOf(const ProductInfo& info, int& ox, int& oy) const;
    QStringList attributes() const; // of the layer, for choosing the label
    const ParcelsReport& report() const;
    const ProductInfo& grid() const;
    // The parcels with the reports' statistics as attributes (see writeGeoPackage below).
    void writeGeoPackage(const QList<FieldsReport>& reports, const QString& path) const;

private:
    ParcelSet();
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Quantities: indices (ndvi, ndwi, ndre, evi, savi) and band reflectances (b02, b8a...).
QStringList knownQuantities();
QStringList defaultQuantities(); // ndvi, ndwi, ndre, evi, savi
// The bands a quantity needs; empty when unknown.
QStringList quantityBands(const QString& quantity);

struct Stats
{
    qint64 n = 0; // pixels that entered
    double mean = 0, median = 0, std = 0, p10 = 0, p90 = 0; // NaN when n == 0
};

struct FieldStats
{
    int parcel = 0; // index in the ParcelSet
    qint64 id = 0;
    QString label;
    double areaHa = 0;
    qint64 pixels = 0; // inside the field with data
    // NaN when no pixel of the field has data (outside the footprint, in nodata): unknown, not clear.
    double hiddenPercent = 0, cloudPercent = 0, shadowPercent = 0, cirrusPercent = 0, snowPercent = 0;
    double rebuiltPercent = -1; // -1: not a reconstruction (NaN: one without data there)
    QList<Stats> before, after; // per quantity; after is empty for a product that is not a reconstruction
};

struct FieldsOptions
{
    QStringList quantities = defaultQuantities();
    MaskSpec mask; // what "hidden" means (a plain product; a reconstruction says what it rebuilt)
    // A plain product's SCL or mask file, when it has none of its own (a GeoTIFF and its mask).
    QString maskFile;
    MaskKind maskKind = MaskKind::None;
    bool allTouched = false;
};

struct FieldsReport
{
    QString path; // the product or reconstruction
    QString date; // sensing time (ISO 8601)
    QString method; // the reconstruction's method, empty for a product
    QStringList quantities;
    QList<FieldStats> fields; // every parcel, in ParcelSet order
};

// One pass over the product in strips; memory holds only the fields the current strip crosses.
// A reconstruction (a GeoTIFF this app wrote: its tags name the source) gives "after" = every
// pixel, "before" = pixels not rebuilt, "rebuilt" from its sidecar mask, and the classes of its
// source product when that is still there. Throws Error or Cancelled.
FieldsReport fieldStatistics(const ParcelSet& parcels, const QString& path, const FieldsOptions& options,
    const Progress& progress = {});

// One row per field and date (every report), the same numbers as the dock.
QString toCsv(const QList<FieldsReport>& reports);
// The parcels with the statistics as attributes (GeoPackage, opens in QGIS): a layer per report
// ("fields_20230412", "fields_20230412_rebuilt"...), the CSV's columns. Atomic.
void writeGeoPackage(const ParcelSet& parcels, const QList<FieldsReport>& reports, const QString& path);

} // namespace unclouded::fields
