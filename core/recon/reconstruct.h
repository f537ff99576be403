// Rebuilding the hidden surface over a whole product (or an AOI), window by window: a trained
// checkpoint, OpenCV inpainting (Telea, Navier-Stokes) or temporal fill from a clear reference date.
// Windows overlap and are blended with linear ramps (no seams); windows without hidden pixels are
// skipped; only hidden pixels change (visible ones are copied bit for bit, nodata stays NaN).
// Memory is bounded by one strip of windows, whatever the product's size.
#pragma once

#include <functional>
#include <vector>

#include <QString>
#include <QStringList>

#include "core/common/progress.h"
#include "core/imgproc/temporalfit.h"
#include "core/io/rasterwriter.h"
#include "core/masks/mask.h"

namespace unclouded::ml {
enum class Prefill; // core/ml/training.h
}

namespace unclouded::recon {

enum class MethodKind { Model, Telea, NavierStokes, Temporal, Harmonic };

// What rebuilds the hidden pixels: a classical method, or a network given as a checkpoint path
// or as one of the shipped general models ("pretrained", "pretrained-mono", "pretrained-ref").
struct Method
{
    MethodKind kind = MethodKind::Telea;
    QString model; // Model only: the checkpoint path or shipped name as the user gave it

    // "telea", "ns" / "navier-stokes", "harmonic", "temporal"; anything else names a model.
    static Method parse(const QString& text);
    QString toString() const; // parse(toString()) gives the same method back
    QString label() const; // "OpenCV Telea", "U-Net (unet_cloud.pth)"...
    // Model only: the checkpoint file (a shipped name resolved); throws Error for an unknown name.
    QString checkpoint(bool withReferences) const;
    // Throws Error when it cannot run: temporal without another date, a checkpoint that is not there.
    void validate(bool withReferences) const;
    // Whether it reads other dates when given them: temporal fill and models trained with them (a
    // checkpoint that cannot be read says yes: the run reports it). Telea, Navier-Stokes, harmonic
    // and one-date models do not.
    bool usesReferences() const;
    bool operator==(const Method& o) const { return kind == o.kind && model == o.model; }
};

enum class BandResolution { Auto, Native, Coarse, Full };
// "auto", "native", "coarse", "full"; false for anything else.
bool parseBandResolution(const QString& text, BandResolution& out);
QString bandResolutionName(BandResolution r);

// Arithmetic of the networks' forward passes. Auto: bfloat16 where the CPU computes it natively
// (cpuHasNativeBFloat16(); about 1.6x faster, no loss on the quality bench:
// bench/results/precision.md), else float32. Training always runs in float32.
enum class Precision { Auto, Float32, BFloat16 };
bool parsePrecision(const QString& text, Precision& out); // "auto", "float32", "bfloat16"
QString precisionName(Precision p);
// Whether networks run in bfloat16 under p on this CPU.
bool usesBFloat16(Precision p);

struct ReconOptions
{
    Method method;
    // Other dates of the same tile, clear or partly cloudy (temporal fill; models with references).
    // Per pixel the nearest date that shows the ground is used.
    QStringList references;
    QStringList
        referenceMasks; // their SCL / mask files when not inside the products (parallel; may be empty)
    MaskKind referenceMaskKind = MaskKind::Scl;
    // Per reference when they differ (parallel to referenceMasks; empty: referenceMaskKind for all).
    QList<MaskKind> referenceMaskKinds;
    MaskSpec mask;
    Window aoi; // empty (w = 0): the whole product
    int window = 0; // window side in pixels; 0: 256 for models, 384 temporal, 512 inpainting
    int overlap = 0; // pixels shared by neighbouring windows; 0: 1/8 of the window (models), 1/4 (others)
    double inpaintRadius = 5; // OpenCV's inpaintRadius
    // Networks: the next strip is read (and its mask computed) on the reader thread while this
    // strip's windows run; off, it reads only once they are done (chunks of the current strip still
    // arrive while its first windows run). The same pixels either way. Off only to compare; also
    // off where the second set of strips would pass kReadAheadBytes (ReconStats::readAhead).
    bool readAhead = true;
    // Networks: each window's pass covers only the box around its unknown pixels (with context);
    // false runs the whole window, for comparisons.
    bool cropToHidden = true;
    // Models that start from the scene prior (Telea at reduced resolution: checkpoints trained with
    // --prefill scene, the shipped one-date model until session 28): hidden pixels within 12 px
    // of clear ground blended with Telea, which continues the edge better there (ModelMethod::
    // blendEdge, bench/results/edge-blend.md). False: the network alone, for comparisons.
    bool edgeBlend = true;
    // Harmonic fills (the harmonic method, the one-date model's start): visible pixels reached from a
    // hidden one through hazy pixels (HOT above the scene's clear ground, at most 1 km) are solved, not
    // held, so a cloud's unflagged haze and specks do not glow into the fill (harmonic_p.h). They keep
    // their values in the output.
    bool hazeGuard = true;
    // Bytes the sink keeps in GDAL's block cache until they are complete (a tiled GTiff's row of
    // tiles): added to what the job holds the cache at (GdalCacheAtLeast).
    qint64 sinkCacheBytes = 0;
    // General (per-band) networks: Native computes the 20 m and 60 m bands' corrections near their
    // native resolution (1/2 and 1/4 of a 10 m grid) and brings them back up onto the
    // full-resolution pre-fill (12 bands cost 5.6 bands' work); Coarse also the 10 m bands' at 20 m
    // (2.6 bands' work); Full runs every band at the grid's. Auto: Coarse for models that start from
    // the scene estimate (smooth: no loss measured), Full for those that start from other dates,
    // whose fine detail a coarse correction loses (bench/results/native-resolution.md), Native for
    // round 1's per-window Telea start.
    BandResolution bandResolution = BandResolution::Auto;
    Precision precision = Precision::Auto;
    // How other dates are mapped onto the product (temporal fill, networks' temporal pre-fill):
    // CrossBand, each band from all of the other date's bands, scene-wide (+0.89 dB mean on real
    // cities, bench/results/temporal-fit.md); PerBand, a line per band and window (round 1's fill);
    // Auto: cross-band for temporal fill, a network's own (what its checkpoint was trained on).
    TemporalFit temporalFit = TemporalFit::Auto;
};

// The resolution a per-band network starting from `start` runs at under r: Auto resolved (see
// ReconOptions::bandResolution); always Full for a network with no start (Zeros), whose output
// is not a correction that could be computed coarser and added to one.
BandResolution resolvedBandResolution(BandResolution r, ml::Prefill start);

// Per band of `bands`, the factor a per-band network works at natively: the largest
// power of two not above the band's native metres over the grid's (1 for 10 m bands, for bands
// that are not Sentinel-2's, and on grids not in metres). coarseMetres: Sentinel-2 bands finer than
// that are taken as that coarse (20: Coarse's 10 m bands at 20 m).
std::vector<int> nativeScales(const ProductInfo& info, const QStringList& bands, double coarseMetres = 0);

// The fit other dates are mapped with under `o` (Auto resolved; a network's from its checkpoint),
// or Auto when no temporal fill runs (no other date, inpainting, round-1 reference networks).
// Throws Error for a checkpoint that cannot be read.
TemporalFit temporalFitUsed(const ReconOptions& o);

// Throws Error when the options cannot work (temporal without a reference, a missing checkpoint,
// bad window / overlap).
void validate(const ReconOptions& options);
// The part of the product an AOI covers (the whole product when aoi is empty), clamped to it;
// throws Error when nothing of it lies inside.
Window reconArea(const Product& product, const Window& aoi);

struct ReconStats
{
    int windows = 0, skipped = 0;
    qint64 hiddenPixels = 0, fallbackPixels = 0; // fallback: filled from the coarse whole-scene prior
    // Pixels the mask hides that have no data in any band (past the swath edge under a 0/1 or vector
    // mask, or blanked before): left no data, not counted in hiddenPixels.
    qint64 noDataHidden = 0;
    // Temporal fill: the share of the windows' hidden pixels some other date showed (the rest were
    // filled harmonically); -1 for the other methods. 0: the references gave nothing (all nodata or
    // hidden where the product is).
    double fromOtherDates = -1;
    double seconds = 0, methodSeconds = 0; // methodSeconds: inside the model / inpainting only
    // Before the first window (checkpoint, reference fits; the scene prior where it outlasts the first
    // read, beside which it is computed); waiting for strip reads.
    double setupSeconds = 0, readWaitSeconds = 0;
    double inferenceSeconds = 0; // networks: their forward passes alone (inside methodSeconds)
    bool bfloat16 = false; // networks: whether the forward passes ran in bfloat16
    // Networks: the share of the rebuilt windows' pixels their passes covered (cropToHidden).
    double networkShare = 0;
    bool readAhead = false; // networks: whether the next strip was read while this one's windows ran
    qint64 gdalCacheBytes
        = 0; // GDAL's block cache during the run (GdalCacheAtLeast: every date's block rows)
    // "cross-band" when other dates were mapped by the cross-band fit (at least one date; a fit can
    // fail for lack of pixels with every band), "per-band" when by lines only, empty: no temporal fill.
    QString temporalFit;
    // Other dates with neither classes of their own nor a mask given: all of each taken as clear
    // ground, its clouds included (front ends warn).
    QStringList referencesWithoutClasses;
    // reconstructToFile: values its uint16 DN could not hold, stored clamped (float32 keeps them).
    qint64 clampedValues = 0;
    Window area;
    QStringList bands;
};

// Finished rows, top to bottom: rows x area.w pixels per band plane (reflectance, NaN = nodata),
// y relative to the area, and a plane with 1 where the pixel was reconstructed.
using RowSink = std::function<void(
    int y, int rows, const std::vector<float>& data, const std::vector<uint8_t>& rebuilt)>;

// Why a window size and overlap cannot be used (empty when they can): validate()'s rule, for
// front ends that check them before other work (evaluate).
QString windowProblem(int window, int overlap);

// Throws Error (bad method, checkpoint mismatch, reference on another grid, read failure) or Cancelled.
ReconStats reconstruct(
    const Product& product, const ReconOptions& options, const RowSink& sink, const Progress& progress = {});

// Reconstruction straight into a GeoTIFF / COG (tags say how it was made). Nothing is left at
// `out` unless it succeeds. `observer` (optional) sees the rows as they are written (live previews).
ReconStats reconstructToFile(const Product& product, const ReconOptions& options, const QString& out,
    ExportOptions exportOptions, const Progress& progress = {}, const RowSink& observer = {});

} // namespace unclouded::recon
