// Turning reflectance into pixels: composites, contrast stretch, NDVI ramp, SCL palette.
// Pure functions of (product, parameters, window), safe to call from worker threads.
#pragma once

#include <array>
#include <memory>

#include <QColor>
#include <QImage>
#include <QSet>
#include <QStringList>

#include "core/io/product.h"
#include "core/io/sentinel2.h"

namespace unclouded::ui {

// The classes the overlay marks (and the stretch ignores) unless the user ticks others: core's
// default hidden set.
inline QSet<int> defaultOverlayClasses()
{
    const QList<int> classes = defaultHiddenClasses();
    return QSet<int>(classes.begin(), classes.end());
}

enum class Composite { TrueColour, FalseColourNir, Agriculture, Swir, Ndvi, Custom };

struct Stretch
{
    std::array<float, 3> low { 0, 0, 0 }, high { 0.3f, 0.3f, 0.3f };
    float gamma = 1.0f;
};

struct RenderParams
{
    Composite composite = Composite::TrueColour;
    QStringList customBands { QStringLiteral("B04"), QStringLiteral("B03"), QStringLiteral("B02") };
    Stretch stretch;
    QSet<int> overlayClasses = defaultOverlayClasses();
    float overlayOpacity = 0.45f;
    bool overlayOutline = false;
    bool showOverlay = true;
    int bufferPx = 0; // mask buffer (10 m pixels): the ring it adds is drawn in its own colour
    QString difference; // "NDVI" or a band name: renderDifference() draws after - before
    float differenceRange = 0.2f; // the ramp's ends (NDVI units or reflectance)
};

QStringList compositeBands(const RenderParams& p, const Product& product);
QString compositeName(Composite c);
QColor sclColour(int cls);
// sclClassName (core, English: the CLI's) in the user's language.
QString sclClassLabel(int cls);

// Percentile stretch (e.g. 2-98 %) from a decimated read of the whole product, ignoring nodata and
// hidden classes so clouds do not wash the picture out.
Stretch computeStretch(const Product& product, const RenderParams& p, double lowPct = 2, double highPct = 98);

// Renders grid window `w` into an outW x outH image (decimated or magnified).
QImage renderWindow(const Product& product, const RenderParams& p, const Window& w, int outW, int outH);

// after - before (NDVI or one band, p.difference) on a diverging ramp: blue below zero, white at
// zero (every visible pixel), red above, saturated at +-p.differenceRange. Same grid assumed.
QImage renderDifference(
    const Product& before, const Product& after, const RenderParams& p, const Window& w, int outW, int outH);
QColor divergingColour(float t); // t in [-1, 1]

// One pixel of the composite: planes[c] are the composite's bands (compositeBands order; NIR, red
// for NDVI), k the pixel; rgb in [0, 1]. False where the pixel is nodata.
bool compositeRgb(const RenderParams& p, const float* const planes[3], size_t k, float rgb[3]);

// NDVI ramp colour for v in [-1, 1] (brown - yellow - green).
QColor ndviColour(float v);

} // namespace unclouded::ui
