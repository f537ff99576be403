// Evaluation protocols. Simulated clouds: a clear product (or the generator's truth) is hidden
// behind real cloud shapes from another product's SCL or a mask raster, each method rebuilds it, and
// the hidden pixels are scored against the clear values. Result-based: a finished reconstruction
// scored against a truth raster on a mask. JSON (documented, versioned) and CSV outputs.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "core/common/progress.h"
#include "core/eval/metrics.h"
#include "core/masks/mask.h"
#include "core/recon/reconstruct.h"

namespace unclouded::eval {

struct EvalOptions
{
    QString clear; // clear product or truth GeoTIFF: the pixels to recover
    QString masksFrom; // a product with an SCL, an SCL raster or a binary mask raster (same grid)
    QString clearMask; // optional SCL / 0-1 mask of `clear` itself: pixels it hides are never scored
    QList<recon::Method> methods;
    QStringList
        references; // other dates of the tile (temporal fill; models with references), nearest used first
    QStringList referenceMasks; // their SCL / mask files when not inside them (parallel; may be empty)
    MaskKind referenceMaskKind = MaskKind::Scl;
    QList<MaskKind> referenceMaskKinds; // per reference when they differ (ReconOptions')
    MaskSpec mask;
    Window aoi;
    recon::BandResolution bandResolution = recon::BandResolution::Auto; // for general models
    int window = 0, overlap = 0; // 0: each method's default
    recon::Precision precision = recon::Precision::Auto; // networks' arithmetic
    recon::TemporalFit temporalFit = recon::TemporalFit::Auto; // how other dates are mapped
    bool hazeGuard = true; // ReconOptions::hazeGuard
};

struct MethodScore
{
    QString method, label;
    double seconds = 0;
    // How other dates were mapped ("cross-band", "per-band"; ReconStats::temporalFit), empty when
    // the method used none.
    QString temporalFit;
    QString error; // the method could not run (the others still are scored)
    Metrics metrics;
};

struct EvalReport
{
    QString protocol; // "simulated" or "result"
    QString clear, masksFrom, reference, result, truth, mask;
    qint64 hiddenPixels = 0;
    double hiddenPercent = 0;
    QList<MethodScore> scores;
    // Other dates with neither classes nor a mask: all of each taken as clear ground by the methods
    // that used them (ReconStats'; the front ends warn).
    QStringList referencesWithoutClasses;
    // What opening the inputs said (a mask on another window of the grid, one taken by its size, float
    // bands read as DN...), each prefixed with its file; the front ends print them.
    QStringList warnings;
    // --result: pixels the mask marks that the truth's own classes hide (no truth there): not scored.
    qint64 truthHiddenPixels = 0;
};

// Throws Error (unreadable inputs, grids that differ, nothing hidden) or Cancelled.
EvalReport evaluateSimulated(const EvalOptions& options, const Progress& progress = {});
// result / truth: rasters on one grid (band names matched); mask: non-zero = scored. Throws Error.
EvalReport evaluateResult(
    const QString& result, const QString& truth, const QString& mask, const Progress& progress = {});

// Stable formats: see docs/EVALUATION.md.
QJsonObject toJson(const EvalReport& report);
QString toCsv(const EvalReport& report);
QString toText(const EvalReport& report);

} // namespace unclouded::eval
