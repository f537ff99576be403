#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "core/common/error.h"
#include "core/common/paths.h"
#include "core/io/product.h"
#include "core/ml/dataset_p.h"
#include "core/sample/noise_p.h"

namespace unclouded::ml {

namespace {

constexpr double kValShare = 0.2; // of the blocks held out for validation
constexpr double kMinScored = 0.03; // a crop must hold at least this share of scorable ground (and 32 px)
constexpr double kShapeMin = 0.05, kShapeMax = 0.7; // cloud shapes: this share of a crop hidden

Window areaOf(const Product& p, const Window& aoi)
{
    if (aoi.w <= 0 || aoi.h <= 0)
        return { 0, 0, p.width(), p.height() };
    Window a { std::clamp(aoi.x, 0, p.width()), std::clamp(aoi.y, 0, p.height()), 0, 0 };
    a.w = std::min(aoi.x + aoi.w, p.width()) - a.x;
    a.h = std::min(aoi.y + aoi.h, p.height()) - a.y;
    if (a.w <= 0 || a.h <= 0)
        throw Error(QStringLiteral("The area %1,%2,%3,%4 lies outside the product (%5 x %6)")
                        .arg(aoi.x)
                        .arg(aoi.y)
                        .arg(aoi.w)
                        .arg(aoi.h)
                        .arg(p.width())
                        .arg(p.height()));
    return a;
}

// Shapes from a product's hidden mask: random crops that are partly hidden.
void collectShapes(const Product& p, const MaskSpec& spec, int P, int tries, std::mt19937_64& rng,
    std::vector<std::vector<uint8_t>>& out, size_t want)
{
    if (!p.hasClasses() || p.width() < P || p.height() < P)
        return;
    const size_t pp = static_cast<size_t>(P) * P;
    std::vector<uint8_t> m(pp), cls(pp);
    std::uniform_int_distribution<int> ux(0, p.width() - P), uy(0, p.height() - P);
    for (int t = 0; t < tries && out.size() < want; ++t) {
        const Window w { ux(rng), uy(rng), P, P };
        readHiddenMask(p, spec, w, m.data());
        p.readClasses(w, cls.data());
        const size_t nodata = std::count(cls.begin(), cls.end(), 0);
        const size_t hidden = std::count(m.begin(), m.end(), 1);
        if (nodata <= pp / 100 && hidden >= kShapeMin * pp && hidden <= kShapeMax * pp)
            out.push_back(m);
    }
}

} // namespace

int cropSize(int requested, int areaW, int areaH, const ModelConfig& model)
{
    const int mult = model.multiple();
    const int minSide = model.kind == ModelKind::UNet ? 2 * mult : mult; // a 2 x 2 bottleneck at least
    int P = requested > 0 ? requested : 128;
    const int fit = std::min(areaW, areaH) / 2; // room for random offsets and a validation block
    P = std::min(P, fit) / mult * mult;
    if (P < minSide)
        throw Error(QStringLiteral(
            "The area (%1 x %2 px) is too small for this model: its crops must be at least %3 px "
            "(a multiple of %4) and at most half the shorter side. Use a larger area%5.")
                        .arg(areaW)
                        .arg(areaH)
                        .arg(minSide)
                        .arg(mult)
                        .arg(model.kind == ModelKind::UNet && model.depth > 1
                                ? QStringLiteral(" or a smaller --depth")
                                : QString()));
    return P;
}

std::vector<std::vector<uint8_t>> syntheticShapes(int P, int count, quint64 seed)
{
    std::vector<std::vector<uint8_t>> out;
    const size_t pp = static_cast<size_t>(P) * P;
    std::vector<double> v(pp);
    for (int k = 0; k < count; ++k) {
        const quint64 s = sample::mix64(seed + 7919 * k);
        const double scale = 0.6 + 2.4 * sample::unit(sample::mix64(s ^ 1)); // blobs from P/3 to P wide
        const double share = 0.1 + 0.4 * sample::unit(sample::mix64(s ^ 2));
        for (int y = 0; y < P; ++y)
            for (int x = 0; x < P; ++x)
                v[static_cast<size_t>(y) * P + x] = sample::fbm(x * scale / P, y * scale / P, s, 4);
        std::vector<double> sorted = v;
        const size_t cut = static_cast<size_t>((1.0 - share) * (pp - 1));
        std::nth_element(sorted.begin(), sorted.begin() + cut, sorted.end());
        const double thr = sorted[cut];
        std::vector<uint8_t> m(pp);
        for (size_t i = 0; i < pp; ++i)
            m[i] = v[i] > thr ? 1 : 0;
        out.push_back(std::move(m));
    }
    return out;
}

PatchSet buildPatches(const TrainOptions& o, const Progress& progress)
{
    if (o.products.isEmpty())
        throw Error(QStringLiteral("No product to train on"));
    PatchSet set;
    std::mt19937_64 rng(o.seed);
    const MaskSpec refMask = otherDateMask(o.mask); // other dates' unusable ground, as reconstruction has it

    std::vector<std::shared_ptr<Product>> products;
    for (int pi = 0; pi < o.products.size(); ++pi) {
        auto p = pi == 0 && !o.maskFile.isEmpty() ? Product::open(o.products[pi], o.maskFile, o.maskKind)
                                                  : Product::open(o.products[pi]);
        if (!p->hasClasses() && !o.assumeClear)
            throw Error(QStringLiteral(
                "%1 has no scene classification: training needs the SCL (or a mask) to know which "
                "pixels are clear")
                            .arg(o.products[pi]));
        if (pi == 0) {
            set.bandNames = p->bandNames();
            set.bands = static_cast<int>(set.bandNames.size());
        } else if (p->bandNames() != set.bandNames && !o.model.perBand) {
            throw Error(QStringLiteral(
                "%1 has bands %2, the first product has %3: train on products with the same bands")
                            .arg(o.products[pi], p->bandNames().join(QLatin1Char(',')),
                                set.bandNames.join(QLatin1Char(','))));
        }
        products.push_back(p);
    }
    // Reference dates of the first product, nearest date first.
    std::vector<std::shared_ptr<Product>> refs;
    if (!o.referenceMasks.isEmpty() && o.referenceMasks.size() != o.references.size())
        throw Error(QStringLiteral("%1 reference masks for %2 references: one per reference")
                        .arg(o.referenceMasks.size())
                        .arg(o.references.size()));
    for (int k = 0; k < o.references.size(); ++k) {
        const QString& r = o.references[k];
        if (samePath(r, products[0]->info().path))
            throw Error(
                QStringLiteral("The reference %1 is the product itself: give another date of the tile")
                    .arg(r));
        auto ref = openReference(o.references, o.referenceMasks, o.referenceMaskKinds, o.referenceMaskKind, k,
            products[0]->info());
        // The whole grid, not only the size: a shifted window of the same size trained on other ground.
        if (const QString why = gridDifference(products[0]->info(), ref->info()); !why.isEmpty())
            throw Error(
                QStringLiteral("The reference %1 cannot be read on the product's grid: %2. It must show "
                               "some of the product's ground, with its CRS and position")
                    .arg(r, why));
        for (const QString& b : set.bandNames)
            if (ref->bandIndex(b) < 0)
                throw Error(QStringLiteral("The reference %1 has no band %2").arg(r, b));
        refs.push_back(ref);
    }
    recon::sortNearestFirst(*products[0], refs);
    set.references = static_cast<int>(refs.size());
    if (set.references > 0 && products.size() > 1)
        throw Error(QStringLiteral(
            "Reference dates belong to one product: train with references on a single product"));

    const Window area0 = areaOf(*products[0], o.aoi);
    const int P = cropSize(o.patch, area0.w, area0.h, o.model);
    set.patch = P;
    const size_t pp = static_cast<size_t>(P) * P;

    for (size_t pi = 0; pi < products.size(); ++pi) {
        const Product& p = *products[pi];
        const Window A = pi == 0 ? area0 : areaOf(p, o.aoi);
        if (A.w < P || A.h < P)
            continue;
        SceneFits sf;
        sf.bandNames = p.bandNames();
        sf.bands = static_cast<int>(sf.bandNames.size());
        sf.references = pi == 0 ? set.references : 0;
        for (int r = 0; r < sf.references; ++r)
            sf.refFits.push_back(recon::globalFit(p, *refs[r], sf.bandNames, refMask,
                recon::TemporalFit::CrossBand, progress, sf.references > 1));
        const int scene = static_cast<int>(set.scenes.size());
        set.scenes.push_back(sf);

        // Validation blocks: squares of the crop side, about a fifth of them, never fewer than one
        // and never all. Training crops see validation pixels as hidden (never shown, never scored).
        const int S = P;
        const int bx = (A.w + S - 1) / S, by = (A.h + S - 1) / S;
        std::vector<uint8_t> valBlock(static_cast<size_t>(bx) * by);
        std::vector<std::pair<double, int>> order;
        for (int j = 0; j < by; ++j)
            for (int i = 0; i < bx; ++i)
                order.push_back({ sample::hashUnit(i, j, o.seed ^ (pi * 0x9E37))
                        + ((i + 1) * S > A.w || (j + 1) * S > A.h ? 1 : 0),
                    j * bx + i }); // whole blocks first
        std::sort(order.begin(), order.end());
        const int nVal
            = std::clamp(int(std::lround(kValShare * order.size())), 1, std::max(1, int(order.size()) - 1));
        for (int k = 0; k < nVal && order.size() > 1; ++k)
            valBlock[order[k].second] = 1;
        auto inVal = [&](int x, int y) {
            return valBlock[static_cast<size_t>((y - A.y) / S) * bx + (x - A.x) / S] != 0;
        };

        // Random crops anywhere in the area: as many candidates as it takes to cover it.
        const size_t wantTrain = o.maxTrainPatches / products.size() + 1,
                     wantVal = o.maxValPatches / products.size() + 1;
        const double cover = double(A.w) * A.h / pp;
        const int tries = int(std::clamp(cover * 6, 400.0, 4.0 * (wantTrain + wantVal) + 400));
        std::vector<int> valBlocks;
        for (size_t k = 0; k < valBlock.size(); ++k)
            if (valBlock[k])
                valBlocks.push_back(static_cast<int>(k));
        std::uniform_int_distribution<int> ux(A.x, A.x + A.w - P), uy(A.y, A.y + A.h - P);
        std::vector<uint8_t> hidden(pp), cls(pp);
        size_t nTrain = 0, nValCrops = 0;
        for (int t = 0; t < tries && (nTrain < wantTrain || nValCrops < wantVal); ++t) {
            if (t % 16 == 0) {
                progress.throwIfCancelled();
                progress.report(0.8 * (pi + double(t) / tries) / products.size(),
                    QStringLiteral("Choosing training crops"));
            }
            Window w { ux(rng), uy(rng), P, P };
            if (t % 2 == 1 && !valBlocks.empty() && nValCrops < wantVal) {
                // Every other try centres a crop in a validation block: small areas still get some.
                const int k = valBlocks[rng() % valBlocks.size()];
                const int cx = A.x + (k % bx) * S + int(rng() % S), cy = A.y + (k / bx) * S + int(rng() % S);
                w.x = std::clamp(cx - P / 2, A.x, A.x + A.w - P);
                w.y = std::clamp(cy - P / 2, A.y, A.y + A.h - P);
            }
            // A validation crop lies mostly in validation blocks; the rest are training crops.
            size_t inValPx = 0;
            for (int j = 0; j < P; j += 4)
                for (int i = 0; i < P; i += 4)
                    inValPx += inVal(w.x + i, w.y + j);
            const bool val = inValPx * 16 * 2 > pp;
            if ((val && nValCrops >= wantVal) || (!val && nTrain >= wantTrain))
                continue;
            if (p.hasClasses()) {
                readHiddenMask(p, o.mask, w, hidden.data());
                p.readClasses(w, cls.data());
            } else {
                std::fill(hidden.begin(), hidden.end(), 0);
                std::fill(cls.begin(), cls.end(), 4);
            }
            Crop c;
            c.scene = scene;
            c.own.resize(pp);
            c.score.assign(pp, 1);
            size_t scorable = 0;
            for (int j = 0; j < P; ++j)
                for (int i = 0; i < P; ++i) {
                    const size_t k = static_cast<size_t>(j) * P + i;
                    const bool v = inVal(w.x + i, w.y + j);
                    c.own[k] = hidden[k] || cls[k] == 0 || (!val && v);
                    if (val)
                        c.score[k] = v;
                    scorable += !c.own[k] && c.score[k];
                }
            if (scorable < std::max(32.0, kMinScored * pp))
                continue;
            c.x.resize(static_cast<size_t>(sf.bands) * pp);
            p.readWindow(sf.bandNames, w, c.x.data());
            for (int b = 0; b < sf.bands; ++b)
                for (size_t k = 0; k < pp; ++k) {
                    float& v = c.x[b * pp + k];
                    if (!std::isfinite(v)) {
                        v = 0;
                        scorable -= !c.own[k] && c.score[k];
                        c.own[k] = 1;
                    }
                }
            if (scorable < std::max(32.0, kMinScored * pp))
                continue; // nodata the classes did not mark (a product without SCL)
            if (sf.references > 0) {
                c.refs.resize(static_cast<size_t>(sf.references) * sf.bands * pp);
                c.refHidden.assign(static_cast<size_t>(sf.references) * pp, 0);
                for (int r = 0; r < sf.references; ++r) {
                    refs[r]->readWindow(
                        sf.bandNames, w, c.refs.data() + static_cast<size_t>(r) * sf.bands * pp);
                    if (refs[r]->hasClasses())
                        readHiddenMask(*refs[r], refMask, w, c.refHidden.data() + r * pp);
                }
            }
            (val ? set.val : set.train).push_back(std::move(c));
            ++(val ? nValCrops : nTrain);
        }
        // Cloud shapes of this product, split like the crops.
        std::vector<std::vector<uint8_t>> shapes;
        collectShapes(p, o.mask, P, std::max(64, tries / 2), rng, shapes, 4 * (wantTrain + wantVal));
        for (auto& s : shapes)
            (sample::unit(sample::mix64(rng())) < kValShare ? set.valShapes : set.trainShapes)
                .push_back(std::move(s));
    }
    for (const ShapeSource& src : o.shapesFrom) {
        auto sp = Product::open(
            src.product, src.maskFile, src.maskFile.isEmpty() ? MaskKind::None : src.maskKind);
        std::vector<std::vector<uint8_t>> shapes;
        collectShapes(*sp, o.mask, P, 400, rng, shapes, 160);
        for (auto& s : shapes)
            (sample::unit(sample::mix64(rng())) < kValShare ? set.valShapes : set.trainShapes)
                .push_back(std::move(s));
    }
    if (set.train.empty() || set.val.empty())
        throw Error(QStringLiteral(
            "Not enough clear ground to train on: %1 training and %2 validation crops of %3 x %3 px "
            "hold at least %4 % clear pixels. Train on a less cloudy product or a larger area.")
                        .arg(set.train.size())
                        .arg(set.val.size())
                        .arg(P)
                        .arg(kMinScored * 100));
    if (o.syntheticShapes)
        addSyntheticShapesIfFew(set, o.seed);
    std::shuffle(set.train.begin(), set.train.end(), rng);
    if (set.train.size() > static_cast<size_t>(o.maxTrainPatches))
        set.train.resize(o.maxTrainPatches);
    if (set.val.size() > static_cast<size_t>(o.maxValPatches))
        set.val.resize(o.maxValPatches);

    // Normalisation of the first scene's bands from the ground the training crops show.
    set.mean.assign(set.bands, 0.f);
    set.std.assign(set.bands, 1.f);
    for (int b = 0; b < set.bands; ++b) {
        double s = 0, s2 = 0;
        size_t n = 0;
        for (const Crop& c : set.train) {
            if (c.scene != 0)
                continue;
            const float* v = c.x.data() + static_cast<size_t>(b) * pp;
            for (size_t k = 0; k < pp; ++k) {
                if (c.own[k])
                    continue;
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
    progress.report(1.0, QStringLiteral("Training crops ready"));
    return set;
}

void addSyntheticShapesIfFew(PatchSet& set, quint64 seed)
{
    // Too few real shapes (a clear or tiny scene): complete with synthetic ones.
    if (set.trainShapes.size() < 8) {
        auto extra = syntheticShapes(set.patch, 48, seed ^ 0x5A4E);
        for (size_t k = 0; k < extra.size(); ++k)
            (k % 5 == 0 ? set.valShapes : set.trainShapes).push_back(std::move(extra[k]));
        set.syntheticShapes = true;
    }
    if (set.valShapes.empty() && !set.trainShapes.empty())
        set.valShapes.push_back(set.trainShapes.back());
}

void appendPatches(PatchSet& to, PatchSet&& from, bool perBand)
{
    if (to.scenes.empty()) {
        to = std::move(from);
        return;
    }
    // Else training failed later with "a crop has 9 bands, the model 4", naming no scene.
    if (!perBand && from.bandNames != to.bandNames)
        throw Error(QStringLiteral("it has the bands %1, the first scene %2: a model takes one set of bands")
                        .arg(from.bandNames.join(QLatin1Char(',')), to.bandNames.join(QLatin1Char(','))));
    if (from.patch != to.patch)
        throw Error(
            QStringLiteral("Crops of %1 px cannot join crops of %2 px").arg(from.patch).arg(to.patch));
    const int offset = static_cast<int>(to.scenes.size());
    for (auto& s : from.scenes)
        to.scenes.push_back(std::move(s));
    for (auto* list : { &from.train, &from.val })
        for (Crop& c : *list) {
            c.scene += offset;
            (list == &from.train ? to.train : to.val).push_back(std::move(c));
        }
    for (auto& s : from.trainShapes)
        to.trainShapes.push_back(std::move(s));
    for (auto& s : from.valShapes)
        to.valShapes.push_back(std::move(s));
    to.syntheticShapes = to.syntheticShapes || from.syntheticShapes;
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

TrainOptions sceneOptions(const TrainOptions& opt, int i)
{
    const SceneSpec& sc = opt.scenes.at(i);
    TrainOptions one = opt;
    one.scenes.clear();
    one.products = { sc.product };
    one.maskFile = sc.maskFile;
    one.maskKind = sc.maskFile.isEmpty() ? MaskKind::Scl : sc.maskKind;
    one.references = opt.model.reference ? sc.references : QStringList();
    one.referenceMasks = opt.model.reference ? sc.referenceMasks : QStringList();
    one.referenceMaskKinds = opt.model.reference ? sc.referenceMaskKinds : QList<MaskKind>();
    one.assumeClear = true;
    one.seed = opt.seed + 1000003ull * i;
    const int n = static_cast<int>(opt.scenes.size());
    one.maxTrainPatches = std::max(4, opt.maxTrainPatches / n);
    // Validation runs every band of every crop: about 100 crops over all scenes keep it cheap.
    one.maxValPatches = std::max(2, std::min(opt.maxValPatches, 100) / n);
    one.shapesFrom = i == 0 ? opt.shapesFrom : QList<ShapeSource>();
    one.syntheticShapes = false; // once, over all scenes
    return one;
}

} // namespace unclouded::ml
