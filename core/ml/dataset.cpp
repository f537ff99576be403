#include "core/ml/dataset_p.h"

#include "core/common/error.h"
#include "core/io/product.h"
#include "core/sample/noise_p.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace unclouded::ml {

namespace {
constexpr int kBlockPatches = 4; // validation blocks are 4 x 4 patches: no patch straddles the split
}

PatchSet buildPatches(const TrainOptions& o, const Progress& progress)
{
    if (o.products.isEmpty())
        throw Error(QStringLiteral("No product to train on"));
    if (o.patch < 16 || o.patch % 16 != 0)
        throw Error(QStringLiteral("The patch size must be a multiple of 16 (got %1)").arg(o.patch));
    PatchSet set;
    set.patch = o.patch;
    const int P = o.patch;
    const size_t pp = static_cast<size_t>(P) * P;
    std::mt19937_64 rng(o.seed);

    struct Candidate
    {
        int product, x, y;
        bool val;
        std::vector<uint8_t> own; // already hidden in the product
    };
    std::vector<Candidate> clear;
    std::vector<std::shared_ptr<Product>> products;
    std::shared_ptr<Product> reference;
    for (int pi = 0; pi < o.products.size(); ++pi) {
        auto p = pi == 0 && !o.maskFile.isEmpty() ? Product::open(o.products[pi], o.maskFile, o.maskKind) : Product::open(o.products[pi]);
        if (!p->hasClasses())
            throw Error(QStringLiteral("%1 has no scene classification: training needs the SCL (or a mask) to know which "
                                       "pixels are clear").arg(o.products[pi]));
        if (pi == 0) {
            set.bandNames = p->bandNames();
            set.bands = static_cast<int>(set.bandNames.size());
        } else if (p->bandNames() != set.bandNames) {
            throw Error(QStringLiteral("%1 has bands %2, the first product has %3: train on products with the same bands")
                            .arg(o.products[pi], p->bandNames().join(QLatin1Char(',')), set.bandNames.join(QLatin1Char(','))));
        }
        products.push_back(p);
    }
    if (!o.reference.isEmpty()) {
        reference = Product::open(o.reference);
        if (reference->width() != products[0]->width() || reference->height() != products[0]->height())
            throw Error(QStringLiteral("The reference %1 is %2 x %3 pixels, the product %4 x %5: it must be the same tile")
                            .arg(o.reference).arg(reference->width()).arg(reference->height()).arg(products[0]->width()).arg(products[0]->height()));
        for (const QString& b : set.bandNames)
            if (reference->bandIndex(b) < 0)
                throw Error(QStringLiteral("The reference %1 has no band %2").arg(o.reference, b));
        set.reference = true;
    }

    // Scan every product on a patch grid: clear patches and cloud shapes, split by block.
    std::vector<uint8_t> mask(pp), cls(pp);
    std::vector<std::vector<uint8_t>> trainShapes, valShapes;
    for (size_t pi = 0; pi < products.size(); ++pi) {
        const Product& p = *products[pi];
        const int nx = p.width() / P, ny = p.height() / P;
        const bool aoi = o.aoi.w > 0 && o.aoi.h > 0;
        for (int gy = 0; gy < ny; ++gy) {
            progress.throwIfCancelled();
            for (int gx = 0; gx < nx; ++gx) {
                const Window w{gx * P, gy * P, P, P};
                if (aoi && (w.x < o.aoi.x || w.y < o.aoi.y || w.x + P > o.aoi.x + o.aoi.w || w.y + P > o.aoi.y + o.aoi.h))
                    continue; // only patches wholly inside the area of interest
                readHiddenMask(p, o.mask, w, mask.data());
                p.readClasses(w, cls.data());
                const bool val = sample::hashUnit(gx / kBlockPatches, gy / kBlockPatches, o.seed ^ pi) < 0.2;
                const size_t hidden = std::count(mask.begin(), mask.end(), 1);
                const size_t nodata = std::count(cls.begin(), cls.end(), 0);
                if (nodata == 0 && hidden <= o.maxHiddenInPatch * pp)
                    clear.push_back({static_cast<int>(pi), w.x, w.y, val, mask});
                if (nodata == 0 && hidden > pp / 20 && hidden < pp * 6 / 10)
                    (val ? valShapes : trainShapes).push_back(mask);
            }
            progress.report(0.5 * (gy + 1) / ny, QStringLiteral("Looking for clear patches and cloud shapes"));
        }
    }
    // Fully clear patches first, then the least hidden, so partly hidden ones only fill up.
    std::shuffle(clear.begin(), clear.end(), rng);
    std::stable_sort(clear.begin(), clear.end(), [](const Candidate& a, const Candidate& b) {
        return std::count(a.own.begin(), a.own.end(), 1) < std::count(b.own.begin(), b.own.end(), 1);
    });
    std::shuffle(trainShapes.begin(), trainShapes.end(), rng);
    std::shuffle(valShapes.begin(), valShapes.end(), rng);
    std::vector<Candidate> tr, va;
    for (const Candidate& c : clear)
        (c.val ? va : tr).push_back(c);
    if (va.empty() && tr.size() >= 2) {
        // A small area may hold no validation block: hold out one whole training block instead,
        // so validation still never overlaps training.
        const Candidate last = tr.back();
        auto sameBlock = [&](const Candidate& c) {
            return c.product == last.product && c.x / (P * kBlockPatches) == last.x / (P * kBlockPatches)
                   && c.y / (P * kBlockPatches) == last.y / (P * kBlockPatches);
        };
        std::copy_if(tr.begin(), tr.end(), std::back_inserter(va), sameBlock);
        tr.erase(std::remove_if(tr.begin(), tr.end(), sameBlock), tr.end());
    }
    if (tr.size() > static_cast<size_t>(o.maxTrainPatches))
        tr.resize(o.maxTrainPatches);
    if (va.size() > static_cast<size_t>(o.maxValPatches))
        va.resize(o.maxValPatches);
    if (tr.empty() || va.empty())
        throw Error(QStringLiteral("Not enough clear %1 x %1 patches to train on (%2 for training, %3 for validation, at most "
                                   "%4 % hidden each): use smaller patches or a less cloudy product")
                        .arg(P).arg(tr.size()).arg(va.size()).arg(o.maxHiddenInPatch * 100));
    if (trainShapes.empty())
        throw Error(QStringLiteral("No cloud shapes found in the product's SCL (patches 5-60 %% hidden): add a cloudy product"));
    if (valShapes.empty()) // a small scene may hold none in its validation blocks: hold out some of the training ones
        for (size_t k = 0; k < std::max<size_t>(1, trainShapes.size() / 5); ++k) {
            valShapes.push_back(trainShapes.back());
            if (trainShapes.size() > 1)
                trainShapes.pop_back();
        }

    auto load = [&](const std::vector<Candidate>& list, std::vector<float>& out, std::vector<float>& ref, std::vector<uint8_t>& own,
                    double from, double to) {
        out.resize(list.size() * set.bands * pp);
        own.clear();
        for (const Candidate& c : list)
            own.insert(own.end(), c.own.begin(), c.own.end());
        if (set.reference)
            ref.resize(out.size());
        for (size_t i = 0; i < list.size(); ++i) {
            progress.throwIfCancelled();
            const Window w{list[i].x, list[i].y, P, P};
            products[list[i].product]->readWindow(set.bandNames, w, out.data() + i * set.bands * pp);
            if (set.reference)
                reference->readWindow(set.bandNames, w, ref.data() + i * set.bands * pp);
            progress.report(from + (to - from) * (i + 1) / list.size(), QStringLiteral("Reading patches"));
        }
    };
    load(tr, set.train, set.trainRef, set.trainOwn, 0.5, 0.9);
    load(va, set.val, set.valRef, set.valOwn, 0.9, 1.0);
    for (std::vector<float>* v : {&set.train, &set.val, &set.trainRef, &set.valRef})
        for (float& x : *v)
            if (std::isnan(x))
                x = 0; // reference nodata: the model sees zeros there
    set.nTrain = static_cast<int>(tr.size());
    set.nVal = static_cast<int>(va.size());
    auto flatten = [&](const std::vector<std::vector<uint8_t>>& shapes, std::vector<uint8_t>& out) {
        out.clear();
        for (const auto& s : shapes)
            out.insert(out.end(), s.begin(), s.end());
        return static_cast<int>(shapes.size());
    };
    set.nTrainShapes = flatten(trainShapes, set.trainShapes);
    set.nValShapes = flatten(valShapes, set.valShapes);

    set.mean.assign(set.bands, 0.f);
    set.std.assign(set.bands, 1.f);
    for (int b = 0; b < set.bands; ++b) {
        double s = 0, s2 = 0;
        size_t n = 0;
        for (int i = 0; i < set.nTrain; ++i) {
            const float* v = set.train.data() + (static_cast<size_t>(i) * set.bands + b) * pp;
            const uint8_t* own = set.trainOwn.data() + static_cast<size_t>(i) * pp;
            for (size_t k = 0; k < pp; ++k) {
                if (own[k])
                    continue; // statistics of the ground, not of clouds
                s += v[k];
                s2 += static_cast<double>(v[k]) * v[k];
                ++n;
            }
        }
        const double m = n ? s / n : 0.0;
        n = std::max<size_t>(n, 1);
        set.mean[b] = static_cast<float>(m);
        set.std[b] = static_cast<float>(std::max(1e-3, std::sqrt(std::max(0.0, s2 / n - m * m))));
    }
    return set;
}

double maskedMse(const float* pred, const float* target, const uint8_t* mask, size_t pixels, int channels)
{
    double sum = 0;
    size_t n = 0;
    for (int c = 0; c < channels; ++c)
        for (size_t k = 0; k < pixels; ++k)
            if (mask[k]) {
                const double d = pred[c * pixels + k] - target[c * pixels + k];
                sum += d * d;
                ++n;
            }
    return n ? sum / n : 0.0;
}

} // namespace unclouded::ml
