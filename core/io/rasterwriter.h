// Writing cleaned rasters: rows streamed into a GeoTIFF or Cloud-Optimized GeoTIFF on a product's
// grid, reflectance as uint16 DN with scale/offset (or float32), nodata set, band names, metadata,
// internal overviews and a sidecar marking reconstructed pixels. Nothing appears at the destination
// until finish() succeeds (temporary file, then rename).
#pragma once

#include <memory>

#include <QMap>
#include <QString>
#include <QStringList>

#include "core/common/progress.h"
#include "core/io/product.h"

namespace unclouded {

struct ExportOptions
{
    enum class Format { Cog, GTiff };
    Format format = Format::Cog;
    bool float32 = false; // default: uint16 DN with the source's scale and offset
    QString compression = QStringLiteral("DEFLATE"); // DEFLATE, ZSTD, LZW or NONE
    // DEFLATE 1-9, ZSTD 1-22 (ignored by LZW / NONE). 1 by default, not GDAL's 6 (DEFLATE) or 9
    // (ZSTD): the whole 12-band tile's COG took 42 s instead of 97 s for a file 4 % larger
    // (bench/results/precision.md).
    int level = 1;
    bool overviews = true;
    bool maskSidecar = true; // <out>.mask.tif: 1 where a pixel was rebuilt
    QMap<QString, QString> metadata; // dataset tags (source, method, masks...)

    // "COG" / "GTiff" (any case); false on anything else.
    static bool parseFormat(const QString& text, Format& out);
    static QStringList compressions(); // DEFLATE, ZSTD, LZW, NONE
    // Empty when usable, else what is wrong.
    QString validate() const;
};

// Path of the sidecar mask written next to an export.
QString maskSidecarPath(const QString& out);

// Whether path is a mask sidecar this app wrote (one band described RECONSTRUCTED).
bool isReconstructionMask(const QString& path);

// The dataset tags of a raster GDAL opens (UNCLOUDED_METHOD...); empty when it cannot be opened.
QMap<QString, QString> readRasterTags(const QString& path);

class RasterWriter
{
public:
    // grid: the product whose CRS, geotransform and band encoding the file takes; window: the part
    // of its grid the file covers; bands: names of the planes passed to writeRows. Throws Error.
    RasterWriter(const QString& path, const ProductInfo& grid, const Window& window, const QStringList& bands,
        const ExportOptions& options);
    ~RasterWriter(); // without finish(): every temporary file is removed
    RasterWriter(const RasterWriter&) = delete;
    RasterWriter& operator=(const RasterWriter&) = delete;

    // The rows of a COG's intermediate file are stored in strips of this many (from the window's
    // top): rows handed over in pieces that stay inside one strip write only that strip.
    static constexpr int kRowsPerStrip = 64;

    // rows x window.w pixels starting at row y of the window: bands planes of reflectance (NaN =
    // nodata) and one plane, 1 where the pixel was reconstructed (may be null). Throws Error.
    void writeRows(int y, int rows, const float* data, const uint8_t* reconstructed);
    // The most this writer keeps in GDAL's block cache between calls: a tiled GTiff's row of
    // tiles (and its mask's) until it is complete; 0 for a COG, whose strips leave at once.
    qint64 pendingBytes() const;
    // Values written so far that uint16 DN with the band's offset cannot hold (a negative reflectance
    // of an Int16 source, a value above 6.5), stored clamped: float32 keeps them.
    qint64 clampedValues() const;
    // Overviews / COG layout, then the rename. Throws Error (e.g. disk full) or Cancelled.
    void finish(const Progress& progress = {});

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// True-colour quicklook (B04, B03, B02; 2-98 % stretch) of a product, PNG or JPEG by suffix,
// longest side at most maxSize pixels. Written atomically. Throws Error.
void writeQuicklook(const Product& product, const QString& path, int maxSize = 1024);
// Whether a quicklook can be written under this name (.png, .jpg, .jpeg; PNG bytes under .bmp lie).
bool quicklookFormatOk(const QString& path);

} // namespace unclouded
