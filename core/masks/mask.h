// Which pixels are hidden: a selection of scene classes (SCL or a mask file), grown by a buffer.
// The hidden mask is the single source of truth for training, reconstruction and metrics.
#pragma once

#include <array>

#include <QList>
#include <QString>

#include "core/common/progress.h"
#include "core/io/product.h"
#include "core/io/sentinel2.h"

namespace unclouded {

struct MaskSpec
{
    // The widest buffer, for every front end (the CLI's --dilate, the Scene classes panel).
    static constexpr int kMaxDilatePx = 100;

    QList<int> classes
        = defaultHiddenClasses(); // shadow, cloud medium/high, cirrus, snow, mask file "hidden"
    int dilatePx = 0; // buffer in 10 m pixels

    bool hides(int cls) const { return classes.contains(cls); }
    // "cloud,shadow,cirrus,snow" or class numbers "8,9,3"; returns false and sets error on a bad word.
    static bool parseClasses(const QString& text, QList<int>& out, QString& error);
    // Empty when usable, else what is wrong (a buffer outside 0..kMaxDilatePx, a class outside 0..255).
    QString validate() const;
};

// What another date cannot show, whatever this date rebuilds: spec's classes and buffer plus cloud
// (medium, high, cirrus), shadow, saturated pixels and a mask file's "hidden". Rebuilding only the
// shadows (--classes shadow) counted the other date's clouds as ground and copied them in.
MaskSpec otherDateMask(const MaskSpec& spec);

QString sclClassName(int cls);

// Hidden mask of a 10 m window: 1 hidden, 0 visible (nodata counts as visible: nothing to rebuild).
void readHiddenMask(const Product& product, const MaskSpec& spec, const Window& w, uint8_t* out);

// For Product::readClassesScaled: a coarse pixel takes a hidden class when any 10 m pixel of its
// footprint is hidden, else nodata when any is nodata. A coarse pixel read as clear is clear ground
// all over, so a value decimated beside it holds no cloud.
Product::ClassRank hiddenFirst(const MaskSpec& spec);

// The classes of the whole product at outW x outH, to go with readScaled's values there. Sharp
// reads (a 10 m pixel's value each): that pixel's class. Overviews and JPEG 2000 levels (values
// averaged over the footprint): ranked by hiddenFirst; JPEG 2000 levels are low-passed a little past
// the footprint, so there a pixel beside a hidden one is taken as hidden too.
void readClassesCoarse(const Product& product, const MaskSpec& spec, int outW, int outH, uint8_t* out);

struct Coverage
{
    std::array<qint64, 256> counts {}; // per class, 10 m pixels
    qint64 total = 0, valid = 0, hidden = 0;
    double percentOfValid(int cls) const { return valid > 0 ? 100.0 * counts[cls] / valid : 0.0; }
    // As products state it: nodata (class 0) over all pixels, every other class over valid ones.
    double percent(int cls) const
    {
        return cls == 0 ? (total > 0 ? 100.0 * counts[0] / total : 0.0) : percentOfValid(cls);
    }
    double hiddenPercent() const { return valid > 0 ? 100.0 * hidden / valid : 0.0; }
};

// Class and hidden-pixel coverage over the whole product, window by window.
Coverage computeCoverage(const Product& product, const MaskSpec& spec, const Progress& progress = {});

} // namespace unclouded
