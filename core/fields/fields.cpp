#include "core/fields/fields.h"

#include <algorithm>
#include <cmath>
#include <gdal_alg.h>
#include <limits>
#include <numeric>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <QFileInfo>
#include <QHash>
#include <QScopeGuard>

#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/common/runtime.h"
#include "core/io/gdal_p.h"
#include "core/io/rasterwriter.h"
#include "core/io/sentinel2.h"

namespace unclouded::fields {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kStripRows = 256;

struct Parcel
{
    qint64 fid = 0;
    QString label;
    double area = 0;
    std::unique_ptr<OGRGeometry> geom; // in the grid's CRS
    Window box;
};

bool polygonal(OGRwkbGeometryType t)
{
    const OGRwkbGeometryType f = wkbFlatten(t);
    return f == wkbPolygon || f == wkbMultiPolygon || f == wkbCurvePolygon || f == wkbMultiSurface;
}

// The polygons of a geometry (a collection's polygonal parts), as one multipolygon; null when none.
std::unique_ptr<OGRGeometry> polygonsOf(const OGRGeometry* g)
{
    if (!g || g->IsEmpty())
        return nullptr;
    const OGRwkbGeometryType t = wkbFlatten(g->getGeometryType());
    if (t == wkbPolygon || t == wkbMultiPolygon)
        return std::unique_ptr<OGRGeometry>(g->clone());
    if (t == wkbCurvePolygon || t == wkbMultiSurface)
        return std::unique_ptr<OGRGeometry>(g->getLinearGeometry());
    if (t == wkbGeometryCollection) {
        auto mp = std::make_unique<OGRMultiPolygon>();
        for (const OGRGeometry* part : *g->toGeometryCollection())
            if (auto p = polygonsOf(part)) {
                if (wkbFlatten(p->getGeometryType()) == wkbPolygon)
                    mp->addGeometry(p.get());
                else
                    for (const OGRPolygon* q : *p->toMultiPolygon())
                        mp->addGeometry(q);
            }
        return mp->IsEmpty() ? nullptr : std::move(mp);
    }
    return nullptr;
}

double geomArea(const OGRGeometry* g)
{
    return OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g)));
}

// How a quantity follows from its bands' reflectance (in quantityBands() order); chosen once per
// quantity, not per pixel.
enum class Formula { Normalised, Evi, Savi, Band };

Formula formulaOf(const QString& quantity)
{
    const QString q = quantity.trimmed().toLower();
    if (q == QLatin1String("ndvi") || q == QLatin1String("ndwi") || q == QLatin1String("ndre"))
        return Formula::Normalised;
    if (q == QLatin1String("evi"))
        return Formula::Evi;
    if (q == QLatin1String("savi"))
        return Formula::Savi;
    return Formula::Band;
}

double quantityValue(Formula f, const float* v)
{
    const double a = v[0];
    switch (f) {
    case Formula::Normalised:
        return a + v[1] != 0 ? (a - v[1]) / (a + v[1]) : kNaN;
    case Formula::Evi: {
        const double den = a + 6.0 * v[1] - 7.5 * v[2] + 1;
        return den != 0 ? 2.5 * (a - v[1]) / den : kNaN;
    }
    case Formula::Savi:
        return 1.5 * (a - v[1]) / (a + v[1] + 0.5);
    case Formula::Band:
        break;
    }
    return a;
}

// numpy's default (linear) percentile of a sorted range.
double percentile(const std::vector<float>& sorted, double p)
{
    const double pos = p * (sorted.size() - 1);
    const size_t lo = static_cast<size_t>(std::floor(pos)), hi = std::min(sorted.size() - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

// One quantity's values over one field. Every value up to kKept (exact median and percentiles);
// beyond, a uniform sample of kKept of them (reservoir sampling, a fixed seed: the same numbers on
// every run). n, mean and standard deviation always count all of them. Keeping every value, a polygon
// as large as a tile (120 M pixels, five indices, before and after) took about 5 GB.
struct Values
{
    static constexpr size_t kKept = size_t(1) << 20; // 105 km2 of 10 m pixels
    qint64 n = 0;
    double mean = 0, m2 = 0; // Welford's running mean and sum of squared deviations
    std::vector<float> kept;
    uint64_t rng = 0x9E3779B97F4A7C15ull;
    void add(float x)
    {
        ++n;
        const double d = x - mean;
        mean += d / double(n);
        m2 += d * (x - mean);
        if (kept.size() < kKept) {
            kept.push_back(x);
            return;
        }
        rng ^= rng << 13; // xorshift64
        rng ^= rng >> 7;
        rng ^= rng << 17;
        if (const uint64_t j = rng % uint64_t(n); j < kKept)
            kept[j] = x;
    }
};

Stats statsOf(Values& v)
{
    Stats s;
    s.n = v.n;
    if (v.n == 0) {
        s.mean = s.median = s.std = s.p10 = s.p90 = kNaN;
        return s;
    }
    s.mean = v.mean;
    s.std = std::sqrt(v.m2 / double(v.n));
    std::sort(v.kept.begin(), v.kept.end());
    s.median = percentile(v.kept, 0.5);
    s.p10 = percentile(v.kept, 0.1);
    s.p90 = percentile(v.kept, 0.9);
    std::vector<float>().swap(v.kept);
    return s;
}

// Where `info`'s grid sits on `grid`'s: integer pixel offsets; throws when it is another grid.
void gridOffset(const ProductInfo& grid, const ProductInfo& info, int& ox, int& oy)
{
    const double* g = grid.geoTransform;
    const double* p = info.geoTransform;
    const double fx = (p[0] - g[0]) / g[1], fy = (p[3] - g[3]) / g[5];
    ox = static_cast<int>(std::lround(fx));
    oy = static_cast<int>(std::lround(fy));
    OGRSpatialReference a, b;
    const bool sameCrs = grid.crsWkt.isEmpty() || info.crsWkt.isEmpty()
        || (a.importFromWkt(grid.crsWkt.toUtf8().constData()) == OGRERR_NONE
            && b.importFromWkt(info.crsWkt.toUtf8().constData()) == OGRERR_NONE && a.IsSame(&b));
    if (!sameCrs || std::abs(p[1] - g[1]) > 1e-6 || std::abs(p[5] - g[5]) > 1e-6 || std::abs(fx - ox) > 1e-3
        || std::abs(fy - oy) > 1e-3)
        throw Error(QStringLiteral("%1 is not on the grid of %2 (the parcels were placed on that product): "
                                   "use products of the same tile")
                        .arg(info.path, grid.path));
}

QString num(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 7) : QString();
}

} // namespace

struct ParcelSet::Impl
{
    ProductInfo grid;
    ParcelsReport report;
    QStringList attributes;
    std::vector<Parcel> parcels;
};

ParcelSet::ParcelSet()
    : d(std::make_unique<Impl>())
{
}

ParcelSet::~ParcelSet() = default;

bool ParcelSet::offsetOf(const ProductInfo& info, int& ox, int& oy) const
{
    try {
        gridOffset(d->grid, info, ox, oy);
        return true;
    } catch (const Error&) {
        return false;
    }
}

std::shared_ptr<ParcelSet> ParcelSet::open(const QString& path, const ProductInfo& grid, const QString& label,
    const QString& layerName, const Progress& progress)
{
    initializeRuntime();
    std::shared_ptr<ParcelSet> set(new ParcelSet);
    Impl& d = *set->d;
    d.grid = grid;
    d.report.path = path;
    if (!QFileInfo::exists(path) && !path.startsWith(QLatin1String("/vsi")))
        throw Error(QStringLiteral("Cannot open the parcels %1: no such file").arg(path));
    io::QuietGdalErrors quiet;
    io::DatasetPtr ds = io::openVector(path);
    if (!ds)
        throw Error(
            QStringLiteral("Cannot open the parcels %1: %2").arg(path, io::whyUnopenable(path, true)));
    QStringList layers; // every layer with its declared geometry, for the messages
    for (OGRLayer* l : ds->GetLayers())
        layers << QStringLiteral("%1 (%2)").arg(
            QString::fromUtf8(l->GetName()), QString::fromUtf8(OGRGeometryTypeToName(l->GetGeomType())));
    const QString layerList
        = layers.isEmpty() ? QStringLiteral("no layer") : layers.join(QLatin1String(", "));
    OGRLayer* layer = nullptr;
    if (!layerName.isEmpty()) {
        layer = ds->GetLayerByName(layerName.toUtf8().constData());
        if (!layer)
            throw Error(QStringLiteral("%1 has no layer '%2' (it has: %3)").arg(path, layerName, layerList));
    } else {
        // A layer of any geometry (a KML's folders, a generic GeoPackage table) is taken only if some
        // feature is polygonal: a KML's "Points" folder before its "Fields" one is passed over.
        auto holdsPolygons = [](OGRLayer* l) {
            l->ResetReading();
            for (auto& f : *l)
                if (const OGRGeometry* g = f->GetGeometryRef(); g && !g->IsEmpty() && polygonsOf(g))
                    return true;
            return false;
        };
        for (OGRLayer* l : ds->GetLayers()) {
            const OGRwkbGeometryType t = wkbFlatten(l->GetGeomType());
            if (polygonal(t) || ((t == wkbUnknown || t == wkbGeometryCollection) && holdsPolygons(l))) {
                layer = l;
                break;
            }
        }
        if (!layer)
            throw Error(QStringLiteral("%1 holds no polygons: %2").arg(path, layerList));
    }
    d.report.layer = QString::fromUtf8(layer->GetName());
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        d.attributes << QString::fromUtf8(defn->GetFieldDefn(i)->GetNameRef());
    int labelIndex = -1;
    if (label == QLatin1String(kFeatureId)) {
        // asked for: no attribute
    } else if (!label.isEmpty()) {
        labelIndex = defn->GetFieldIndex(label.toUtf8().constData());
        if (labelIndex < 0)
            throw Error(QStringLiteral("%1 has no attribute '%2' (it has: %3)")
                            .arg(path, label, d.attributes.join(QLatin1String(", "))));
    } else {
        for (const char* guess : { "name", "label", "id", "crop" })
            for (int i = 0; i < d.attributes.size() && labelIndex < 0; ++i)
                if (d.attributes[i].compare(QLatin1String(guess), Qt::CaseInsensitive) == 0)
                    labelIndex = i;
    }
    d.report.labelAttribute = labelIndex >= 0 ? d.attributes[labelIndex] : QString::fromLatin1(kFeatureId);

    OGRSpatialReference target;
    if (grid.crsWkt.isEmpty() || target.importFromWkt(grid.crsWkt.toUtf8().constData()) != OGRERR_NONE)
        throw Error(
            QStringLiteral("%1 has no coordinate system: parcels cannot be placed on it").arg(grid.path));
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference source;
    if (const OGRSpatialReference* s = layer->GetSpatialRef()) {
        source = *s;
    } else {
        // No CRS in the file: lon/lat if the coordinates fit, else the product's own.
        OGREnvelope e;
        const bool lonLat = layer->GetExtent(&e, TRUE) == OGRERR_NONE && e.MinX >= -180 && e.MaxX <= 180
            && e.MinY >= -90 && e.MaxY <= 90;
        if (lonLat)
            source.importFromEPSG(4326);
        else
            source = target;
        d.report.warnings << QStringLiteral("%1 states no coordinate system; taken as %2")
                                 .arg(path,
                                     lonLat ? QStringLiteral("WGS 84 lon/lat")
                                            : QStringLiteral("the product's"));
    }
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct;
    if (!source.IsSame(&target)) {
        ct.reset(OGRCreateCoordinateTransformation(&source, &target));
        if (!ct)
            throw Error(QStringLiteral(
                "The parcels' coordinate system (%1) cannot be transformed to the product's (%2): %3")
                            .arg(QString::fromUtf8(source.GetName()), QString::fromUtf8(target.GetName()),
                                io::lastGdalError()));
    }

    const double* gt = grid.geoTransform;
    layer->ResetReading();
    for (auto& f : *layer) {
        if ((++d.report.features & 255) == 1) // the first and every 256th
            progress.throwIfCancelled();
        const OGRGeometry* raw = f->GetGeometryRef();
        if (!raw || raw->IsEmpty()) {
            ++d.report.skippedEmpty;
            continue;
        }
        if (!polygonal(raw->getGeometryType())
            && wkbFlatten(raw->getGeometryType()) != wkbGeometryCollection) {
            ++d.report.skippedNotPolygon;
            continue;
        }
        std::unique_ptr<OGRGeometry> g = polygonsOf(raw);
        if (!g) {
            ++d.report.skippedNotPolygon;
            continue;
        }
        if (!g->IsValid()) { // self-intersections, bow ties: GEOS MakeValid keeps the area
            std::unique_ptr<OGRGeometry> fixed(g->MakeValid());
            g = polygonsOf(fixed.get());
            if (!g) {
                ++d.report.skippedEmpty;
                continue;
            }
            ++d.report.repaired;
        }
        if (ct && g->transform(ct.get()) != OGRERR_NONE) {
            ++d.report.outside;
            continue;
        }
        OGREnvelope e;
        g->getEnvelope(&e);
        // Grid pixels the envelope touches (north-up grids: gt[5] < 0).
        const int x0 = static_cast<int>(std::floor((e.MinX - gt[0]) / gt[1]));
        const int x1 = static_cast<int>(std::ceil((e.MaxX - gt[0]) / gt[1]));
        const int y0 = static_cast<int>(std::floor((e.MaxY - gt[3]) / gt[5]));
        const int y1 = static_cast<int>(std::ceil((e.MinY - gt[3]) / gt[5]));
        // Kept whole beyond the grid's sides: another product of the tile (the whole product, when
        // the parcels were placed on an AOI of it) covers more of the field.
        const Window box { x0, y0, std::max(x1, x0 + 1) - x0, std::max(y1, y0 + 1) - y0 };
        if (box.x >= grid.width || box.y >= grid.height || box.x + box.w <= 0 || box.y + box.h <= 0) {
            ++d.report.outside;
            continue;
        }
        Parcel p;
        p.fid = f->GetFID();
        p.label
            = labelIndex >= 0 ? QString::fromUtf8(f->GetFieldAsString(labelIndex)) : QString::number(p.fid);
        p.area = geomArea(g.get());
        p.box = box;
        p.geom = std::move(g);
        d.parcels.push_back(std::move(p));
    }
    if (d.parcels.empty())
        throw Error(
            QStringLiteral("None of the %1 features of %2, layer '%3', is a polygon on %4 (%5 outside, "
                           "%6 not polygons, %7 empty)%8")
                .arg(d.report.features)
                .arg(path, d.report.layer, grid.path)
                .arg(d.report.outside)
                .arg(d.report.skippedNotPolygon)
                .arg(d.report.skippedEmpty)
                .arg((layers.size() > 1
                             ? QStringLiteral("; its layers: %1 (choose one with --layer)").arg(layerList)
                             : QString())
                    // Why they may lie outside: "states no coordinate system; taken as ..." (said only
                    // as a warning of a run that no longer happens).
                    + (d.report.warnings.isEmpty()
                            ? QString()
                            : QStringLiteral("; ") + d.report.warnings.join(QStringLiteral("; ")))
                    + (d.report.outside > 0
                            ? QStringLiteral("; the parcels' coordinate system: %1, the product's: %2%3")
                                  .arg(QString::fromUtf8(source.GetName()),
                                      QString::fromUtf8(target.GetName()),
                                      path.endsWith(QLatin1String("json"), Qt::CaseInsensitive)
                                          ? QStringLiteral(" (GeoJSON coordinates are lon/lat)")
                                          : QString())
                            : QString())));
    return set;
}

int ParcelSet::size() const
{
    return static_cast<int>(d->parcels.size());
}

qint64 ParcelSet::id(int i) const
{
    return d->parcels[i].fid;
}

QString ParcelSet::label(int i) const
{
    return d->parcels[i].label;
}

double ParcelSet::areaM2(int i) const
{
    return d->parcels[i].area;
}

Window ParcelSet::bounds(int i) const
{
    return d->parcels[i].box;
}

QStringList ParcelSet::attributes() const
{
    return d->attributes;
}

const ParcelsReport& ParcelSet::report() const
{
    return d->report;
}

const ProductInfo& ParcelSet::grid() const
{
    return d->grid;
}

QList<QList<QPointF>> ParcelSet::rings(int i) const
{
    const double* gt = d->grid.geoTransform;
    QList<QList<QPointF>> out;
    auto addRing = [&](const OGRLinearRing* r) {
        QList<QPointF> ring;
        ring.reserve(r->getNumPoints());
        for (const OGRPoint& p : *r)
            ring << QPointF((p.getX() - gt[0]) / gt[1], (p.getY() - gt[3]) / gt[5]);
        out << ring;
    };
    auto addPolygon = [&](const OGRPolygon* poly) {
        for (const OGRLinearRing* r : *poly)
            addRing(r);
    };
    const OGRGeometry* g = d->parcels[i].geom.get();
    if (wkbFlatten(g->getGeometryType()) == wkbPolygon)
        addPolygon(g->toPolygon());
    else
        for (const OGRPolygon* poly : *g->toMultiPolygon())
            addPolygon(poly);
    return out;
}

void ParcelSet::rasterize(int i, const Window& w, bool allTouched, uint8_t* out) const
{
    std::fill(out, out + static_cast<size_t>(w.w) * w.h, uint8_t(0));
    if (w.w <= 0 || w.h <= 0)
        return;
    const double* gt = d->grid.geoTransform;
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    io::DatasetPtr ds(mem->Create("", w.w, w.h, 1, GDT_Byte, nullptr));
    double wgt[6] = { gt[0] + w.x * gt[1], gt[1], 0, gt[3] + w.y * gt[5], 0, gt[5] };
    ds->SetGeoTransform(wgt);
    int bandList[] = { 1 };
    double burn[] = { 1 };
    OGRGeometryH geom = OGRGeometry::ToHandle(d->parcels[i].geom.get());
    const char* opts[] = { allTouched ? "ALL_TOUCHED=TRUE" : "ALL_TOUCHED=FALSE", nullptr };
    if (GDALRasterizeGeometries(GDALDataset::ToHandle(ds.get()), 1, bandList, 1, &geom, nullptr, nullptr,
            burn, const_cast<char**>(opts), nullptr, nullptr)
        != CE_None)
        throw Error(
            QStringLiteral("Cannot rasterise parcel %1: %2").arg(d->parcels[i].label, io::lastGdalError()));
    io::checkCpl(ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w.w, w.h, out, w.w, w.h, GDT_Byte, 0, 0),
        QStringLiteral("Rasterising parcels"));
}

int ParcelSet::parcelAt(double x, double y) const
{
    const double* gt = d->grid.geoTransform;
    const OGRPoint p(gt[0] + x * gt[1], gt[3] + y * gt[5]);
    for (int i = 0; i < size(); ++i) {
        const Window& b = d->parcels[i].box;
        if (x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h && d->parcels[i].geom->Contains(&p))
            return i;
    }
    return -1;
}

QStringList knownQuantities()
{
    QStringList q = defaultQuantities();
    for (const S2Band& b : kS2Bands)
        q << QString::fromLatin1(b.name).toLower();
    return q;
}

QStringList defaultQuantities()
{
    return { QStringLiteral("ndvi"), QStringLiteral("ndwi"), QStringLiteral("ndre"), QStringLiteral("evi"),
        QStringLiteral("savi") };
}

QStringList quantityBands(const QString& q)
{
    static const QHash<QString, QStringList> indices {
        { QStringLiteral("ndvi"), { QStringLiteral("B08"), QStringLiteral("B04") } },
        { QStringLiteral("ndwi"),
            { QStringLiteral("B03"), QStringLiteral("B08") } }, // McFeeters (open water)
        { QStringLiteral("ndre"), { QStringLiteral("B08"), QStringLiteral("B05") } },
        { QStringLiteral("evi"), { QStringLiteral("B08"), QStringLiteral("B04"), QStringLiteral("B02") } },
        { QStringLiteral("savi"), { QStringLiteral("B08"), QStringLiteral("B04") } },
    };
    const QString key = q.trimmed().toLower();
    if (indices.contains(key))
        return indices.value(key);
    const QString band = canonicalBandName(key);
    return band.isEmpty() ? QStringList() : QStringList { band };
}

FieldsReport fieldStatistics(
    const ParcelSet& parcels, const QString& path, const FieldsOptions& options, const Progress& progress)
{
    initializeRuntime();
    FieldsReport report;
    report.path = path;
    report.quantities = options.quantities;
    if (options.quantities.isEmpty())
        throw Error(QStringLiteral("No index or band to compute"));
    if (const QString e = options.mask.validate(); !e.isEmpty())
        throw Error(e);

    const QMap<QString, QString> tags = readRasterTags(path);
    const QString sidecar = maskSidecarPath(path);
    const bool isResult
        = tags.contains(QStringLiteral("UNCLOUDED_SOURCE_PATH")) && QFileInfo::exists(sidecar);
    // A reconstruction opens once, its sidecar as the classes: values and rebuilt pixels together.
    const auto product = isResult ? Product::open(path, sidecar, MaskKind::Binary)
                                  : Product::open(path, options.maskFile, options.maskKind);
    // Before anything about its classes: a product of another tile is that, first.
    int ox = 0, oy = 0, cx = 0, cy = 0; // product and class source on the parcels' grid
    gridOffset(parcels.grid(), product->info(), ox, oy);
    std::shared_ptr<Product> rebuilt, classes;
    if (isResult) {
        report.method = tags.value(QStringLiteral("UNCLOUDED_METHOD"));
        rebuilt = product;
        const QString source = tags.value(QStringLiteral("UNCLOUDED_SOURCE_PATH"));
        if (QFileInfo::exists(source)) {
            try {
                classes = Product::open(source);
            } catch (const Error&) { // gone or moved: shares per class stay unknown
            }
        }
        report.date = tags.value(QStringLiteral("UNCLOUDED_SENSING_TIME"), product->info().sensingTime);
    } else {
        classes = product;
        report.date = product->info().sensingTime;
    }
    if (classes && !classes->hasClasses())
        classes.reset();
    if (!isResult && !classes && tags.contains(QStringLiteral("UNCLOUDED_SOURCE_PATH")))
        throw Error(
            QStringLiteral("%1 is a reconstruction whose mask of rebuilt pixels, %2, is missing: put it "
                           "back beside it (it says which pixels were rebuilt)")
                .arg(path, QFileInfo(sidecar).fileName()));
    if (!isResult && !classes)
        throw Error(
            QStringLiteral("%1 has no scene classification: there is nothing to call hidden (give it "
                           "its SCL or mask file: --scl / --mask, in the app Open Mask File; or use its "
                           "reconstruction, which says what was rebuilt)")
                .arg(path));

    // The bands every quantity needs, read once per strip.
    QStringList bands;
    QList<QList<int>> use; // per quantity: plane indices into bands
    std::vector<Formula> formulas;
    for (const QString& q : options.quantities) {
        const QStringList qb = quantityBands(q);
        if (qb.isEmpty())
            throw Error(QStringLiteral("Unknown index or band '%1' (known: %2)")
                            .arg(q, knownQuantities().join(QLatin1String(", "))));
        formulas.push_back(formulaOf(q));
        QList<int> planes;
        for (const QString& b : qb) {
            if (product->bandIndex(b) < 0)
                throw Error(QStringLiteral("%1 has no band %2, which %3 needs").arg(path, b, q));
            if (!bands.contains(b))
                bands << b;
            planes << int(bands.indexOf(b));
        }
        use << planes;
    }

    if (classes)
        gridOffset(parcels.grid(), classes->info(), cx, cy);
    const int W = product->width(), H = product->height();

    // Parcels in the order their top rows come.
    std::vector<int> order(parcels.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(
        order.begin(), order.end(), [&](int a, int b) { return parcels.bounds(a).y < parcels.bounds(b).y; });
    struct Open
    {
        int parcel;
        Window box; // on the product's grid, clipped to it
        FieldStats stats;
        qint64 hidden = 0, cloud = 0, shadow = 0, cirrus = 0, snow = 0, rebuilt = 0;
        std::vector<Values> before, after;
    };
    for (int i = 0; i < parcels.size(); ++i) {
        FieldStats s;
        s.parcel = i;
        s.id = parcels.id(i);
        s.label = parcels.label(i);
        s.areaHa = parcels.areaM2(i) / 10000.0;
        // Unknown until a pixel with data is counted: a field outside the data (beyond another date's
        // footprint, in the swath's nodata edge, a sliver between pixel centres) read as 0 % hidden.
        s.hiddenPercent = s.cloudPercent = s.shadowPercent = s.cirrusPercent = s.snowPercent = kNaN;
        s.rebuiltPercent = isResult ? kNaN : -1;
        for (int q = 0; q < options.quantities.size(); ++q) {
            s.before << Stats { 0, kNaN, kNaN, kNaN, kNaN, kNaN };
            if (isResult)
                s.after << Stats { 0, kNaN, kNaN, kNaN, kNaN, kNaN };
        }
        report.fields << s;
    }
    // A 0 / 1 mask says hidden or not, never which class: its shares per class are unknown, not 0 %.
    const bool perClass = classes && classes->info().maskKind != MaskKind::Binary;
    auto finish = [&](Open& o) {
        FieldStats& s = o.stats;
        const double n = s.pixels > 0 ? double(s.pixels) : kNaN; // no data: unknown, not 0 %
        s.hiddenPercent = 100.0 * o.hidden / n;
        s.cloudPercent = perClass ? 100.0 * o.cloud / n : kNaN;
        s.shadowPercent = perClass ? 100.0 * o.shadow / n : kNaN;
        s.cirrusPercent = perClass ? 100.0 * o.cirrus / n : kNaN;
        s.snowPercent = perClass ? 100.0 * o.snow / n : kNaN;
        s.rebuiltPercent = isResult ? 100.0 * o.rebuilt / n : -1;
        for (int q = 0; q < options.quantities.size(); ++q) {
            s.before[q] = statsOf(o.before[q]);
            if (isResult)
                s.after[q] = statsOf(o.after[q]);
        }
        report.fields[o.parcel] = s;
    };

    std::vector<Open> open;
    size_t next = 0;
    const int nq = int(options.quantities.size()), nb = int(bands.size());
    std::vector<float> data, vals(4);
    std::vector<uint8_t> cls, hid, reb, inside;
    for (int y0 = 0; y0 < H; y0 += kStripRows) {
        progress.throwIfCancelled();
        const int rows = std::min(kStripRows, H - y0);
        // Parcels that start in this strip join; those that end in it are finished below.
        while (next < order.size() && parcels.bounds(order[next]).y - oy < y0 + rows) {
            const int i = order[next++];
            Window b = parcels.bounds(i);
            b.x -= ox;
            b.y -= oy;
            const int x1 = std::min(W, b.x + b.w), yb = std::min(H, b.y + b.h);
            b.x = std::max(0, b.x);
            b.y = std::max(0, b.y);
            b.w = x1 - b.x;
            b.h = yb - b.y;
            if (b.w <= 0 || b.h <= 0)
                continue; // not on this product (an AOI reconstruction): no pixels
            Open o;
            o.parcel = i;
            o.box = b;
            o.stats = report.fields[i];
            o.before.resize(nq);
            if (isResult)
                o.after.resize(nq);
            open.push_back(std::move(o));
        }
        if (open.empty()) {
            progress.report(double(y0 + rows) / H, QStringLiteral("Field statistics"));
            continue;
        }
        int sx0 = W, sx1 = 0;
        for (const Open& o : open) {
            sx0 = std::min(sx0, o.box.x);
            sx1 = std::max(sx1, o.box.x + o.box.w);
        }
        const Window strip { sx0, y0, sx1 - sx0, rows };
        const size_t plane = static_cast<size_t>(strip.w) * rows;
        data.resize(plane * nb);
        product->readWindow(bands, strip, data.data());
        cls.assign(plane, 0);
        hid.assign(plane, 0);
        if (classes) {
            const Window cw { strip.x + ox - cx, strip.y + oy - cy, strip.w, strip.h };
            classes->readClasses(cw, cls.data());
            readHiddenMask(*classes, options.mask, cw, hid.data());
        }
        if (isResult) {
            reb.assign(plane, 0);
            rebuilt->readClasses(strip, reb.data());
            for (size_t k = 0; k < plane; ++k)
                reb[k] = reb[k] == kMaskHidden;
            if (!classes)
                hid = reb;
        }
        for (size_t n = 0; n < open.size(); ++n) {
            if (n % 256 == 255) { // a strip may cross hundreds of thousands of small parcels
                progress.throwIfCancelled();
                progress.report(
                    (y0 + rows * double(n + 1) / open.size()) / H, QStringLiteral("Field statistics"));
            }
            Open& o = open[n];
            const Window w { o.box.x, std::max(o.box.y, y0), o.box.w,
                std::min(o.box.y + o.box.h, y0 + rows) - std::max(o.box.y, y0) };
            if (w.h <= 0)
                continue;
            inside.resize(static_cast<size_t>(w.w) * w.h);
            parcels.rasterize(o.parcel, { w.x + ox, w.y + oy, w.w, w.h }, options.allTouched, inside.data());
            for (int j = 0; j < w.h; ++j)
                for (int i = 0; i < w.w; ++i) {
                    if (!inside[static_cast<size_t>(j) * w.w + i])
                        continue;
                    const size_t k = static_cast<size_t>(w.y - y0 + j) * strip.w + (w.x - strip.x + i);
                    bool valid = true;
                    for (int b = 0; b < nb && valid; ++b)
                        valid = std::isfinite(data[b * plane + k]);
                    if (!valid || (classes && cls[k] == SclNoData))
                        continue; // nodata: not part of the field's numbers
                    ++o.stats.pixels;
                    const uint8_t c = cls[k];
                    o.cloud += c == SclCloudMedium || c == SclCloudHigh;
                    o.shadow += c == SclCloudShadow;
                    o.cirrus += c == SclCirrus;
                    o.snow += c == SclSnow;
                    const bool hidden = hid[k] != 0;
                    o.hidden += hidden;
                    const bool wasRebuilt = isResult && reb[k];
                    o.rebuilt += wasRebuilt;
                    for (int q = 0; q < nq; ++q) {
                        for (int v = 0; v < use[q].size(); ++v)
                            vals[v] = data[use[q][v] * plane + k];
                        const double value = quantityValue(formulas[q], vals.data());
                        if (!std::isfinite(value))
                            continue;
                        // Before: what the product shows (a reconstruction's own pixels are not data).
                        if (isResult ? !wasRebuilt && !hidden : !hidden)
                            o.before[q].add(static_cast<float>(value));
                        if (isResult)
                            o.after[q].add(static_cast<float>(value));
                    }
                }
        }
        // Finished parcels leave in one pass (erasing each in turn was quadratic in parcels).
        size_t kept = 0;
        for (size_t n = 0; n < open.size(); ++n) {
            if (open[n].box.y + open[n].box.h <= y0 + rows)
                finish(open[n]);
            else if (kept++ != n)
                open[kept - 1] = std::move(open[n]);
        }
        open.erase(open.begin() + static_cast<std::ptrdiff_t>(kept), open.end());
        progress.report(double(y0 + rows) / H, QStringLiteral("Field statistics"));
    }
    for (Open& o : open)
        finish(o);
    return report;
}

namespace {

// The CSV's columns, also the GeoPackage's attributes: 13 per field, then 6 per quantity and time.
QStringList csvHeader(const QStringList& quantities)
{
    static const char* kStat[] = { "n", "mean", "median", "std", "p10", "p90" };
    QStringList header { QStringLiteral("id"), QStringLiteral("label"), QStringLiteral("date"),
        QStringLiteral("product"), QStringLiteral("method"), QStringLiteral("area_ha"),
        QStringLiteral("pixels"), QStringLiteral("hidden_pct"), QStringLiteral("cloud_pct"),
        QStringLiteral("shadow_pct"), QStringLiteral("cirrus_pct"), QStringLiteral("snow_pct"),
        QStringLiteral("rebuilt_pct") };
    for (const QString& q : quantities)
        for (const char* when : { "before", "after" })
            for (const char* st : kStat)
                header << QStringLiteral("%1_%2_%3").arg(q.toLower(), QLatin1String(when), QLatin1String(st));
    return header;
}

} // namespace

QString toCsv(const QList<FieldsReport>& reports)
{
    const QStringList qs = reports.isEmpty() ? QStringList() : reports.first().quantities;
    const QStringList header = csvHeader(qs);
    auto quote = [](QString s) {
        // A label from someone else's parcels such as =HYPERLINK(...) would run as a formula in a
        // spreadsheet: text that starts like one is written with a leading apostrophe (OWASP's
        // advice); numbers such as -12 stay numbers.
        static const QString formulaStart = QStringLiteral("=+-@\t\r");
        bool isNumber = false;
        s.toDouble(&isNumber);
        if (!s.isEmpty() && formulaStart.contains(s.front()) && !isNumber)
            s.prepend(QLatin1Char('\''));
        if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n'))
            || s.contains(QLatin1Char('\r')))
            s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
        return s;
    };
    QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const FieldsReport& r : reports)
        for (const FieldStats& f : r.fields) {
            QStringList row { QString::number(f.id), quote(f.label), r.date, quote(r.path), quote(r.method),
                num(f.areaHa), QString::number(f.pixels), num(f.hiddenPercent), num(f.cloudPercent),
                num(f.shadowPercent), num(f.cirrusPercent), num(f.snowPercent),
                f.rebuiltPercent < 0 ? QString() : num(f.rebuiltPercent) };
            for (int q = 0; q < qs.size(); ++q)
                for (const QList<Stats>* when : { &f.before, &f.after }) {
                    const Stats s = q < when->size() ? (*when)[q] : Stats { 0, kNaN, kNaN, kNaN, kNaN, kNaN };
                    row << (q < when->size() ? QString::number(s.n) : QString()) << num(s.mean)
                        << num(s.median) << num(s.std) << num(s.p10) << num(s.p90);
                }
            out += row.join(QLatin1Char(',')) + QLatin1Char('\n');
        }
    return out;
}

void ParcelSet::writeGeoPackage(const QList<FieldsReport>& reports, const QString& path) const
{
    initializeRuntime();
    io::QuietGdalErrors quiet;
    const QString tmp = atomicTempPath(path);
    const TemporaryFileGuard tmpGuard { tmp };
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    QStringList names; // a layer per report: fields_DATE, fields_DATE_rebuilt
    for (const FieldsReport& report : reports) {
        QString name = QStringLiteral("fields_") + QString(report.date.left(10)).remove(QLatin1Char('-'));
        if (!report.method.isEmpty())
            name += QStringLiteral("_rebuilt");
        for (int k = 2; names.contains(name); ++k)
            name = name.section(QLatin1Char('~'), 0, 0) + QStringLiteral("~%1").arg(k);
        names << name;
    }
    // An existing GeoPackage (a QGIS project's, say) keeps its other layers: ours are replaced in it,
    // in place, through SQLite (a copy renamed over it would leave its -wal journal, and the edits of
    // a QGIS that has it open, behind). Any other file there (notes, a damaged GeoPackage) is somebody's
    // data: left as it is; only an empty one is replaced.
    static const char* const gpkgOnly[] = { "GPKG", nullptr };
    bool inPlace = false;
    if (QFileInfo(path).isFile()) {
        CPLErrorReset();
        inPlace = io::DatasetPtr(GDALDataset::FromHandle(GDALOpenEx(path.toUtf8().constData(),
                      GDAL_OF_VECTOR | GDAL_OF_READONLY, gpkgOnly, nullptr, nullptr)))
            != nullptr;
        if (!inPlace && QFileInfo(path).size() > 0) {
            // GDAL says why for a damaged or locked GeoPackage; of notes it says nothing.
            const char* why = CPLGetLastErrorMsg();
            throw Error(
                QStringLiteral("%1 exists and is not a GeoPackage GDAL can open%2: it is left as it "
                               "is (remove it or choose another name)")
                    .arg(path, why && *why ? QStringLiteral(" (%1)").arg(io::gdalMessage(why)) : QString()));
        }
    }
    {
        io::DatasetPtr out;
        if (inPlace) {
            out.reset(GDALDataset::FromHandle(GDALOpenEx(
                path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, gpkgOnly, nullptr, nullptr)));
            if (!out) // read-only, or locked: never replaced by a new file instead
                throw Error(QStringLiteral("Cannot add layers to the GeoPackage %1: %2")
                                .arg(path, io::lastGdalError()));
        } else {
            out.reset(gpkg->Create(tmp.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
        }
        if (!out)
            throw Error(io::writeError(path));
        // One SQLite transaction for the whole change, layers dropped and made included: a failure
        // half-way (a full disk, a QGIS holding a lock) leaves the GeoPackage as it was, with the
        // results of earlier runs that this one would have replaced.
        if (out->StartTransaction(TRUE) != OGRERR_NONE)
            throw Error(io::writeError(path));
        auto rollback = qScopeGuard([&] { out->RollbackTransaction(); });
        if (inPlace)
            for (int i = out->GetLayerCount() - 1; i >= 0; --i) // SQLite's table names ignore case
                if (names.contains(QString::fromUtf8(out->GetLayer(i)->GetName()), Qt::CaseInsensitive)
                    && out->DeleteLayer(i) != OGRERR_NONE)
                    throw Error(io::writeError(path));
        OGRSpatialReference srs;
        srs.importFromWkt(d->grid.crsWkt.toUtf8().constData());
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        for (int r = 0; r < reports.size(); ++r) {
            const FieldsReport& report = reports[r];
            const QString& name = names[r];
            OGRLayer* layer = out->CreateLayer(name.toUtf8().constData(), &srs, wkbMultiPolygon, nullptr);
            if (!layer)
                throw Error(io::writeError(path));
            // The CSV's columns, as attributes.
            const QStringList header = csvHeader(report.quantities);
            for (int c = 0; c < header.size(); ++c) {
                const bool text = c >= 1 && c <= 4;
                OGRFieldDefn fd(header[c].toUtf8().constData(),
                    c == 0 || c == 6 ? OFTInteger64
                        : text       ? OFTString
                                     : OFTReal);
                if (layer->CreateField(&fd) != OGRERR_NONE)
                    throw Error(io::writeError(path));
            }
            for (const FieldStats& f : report.fields) {
                OGRFeature feat(layer->GetLayerDefn());
                feat.SetField(0, static_cast<GIntBig>(f.id));
                feat.SetField(1, f.label.toUtf8().constData());
                feat.SetField(2, report.date.toUtf8().constData());
                feat.SetField(3, report.path.toUtf8().constData());
                feat.SetField(4, report.method.toUtf8().constData());
                // Values from the same formatting as the CSV, so both files say the same.
                auto put = [&](int c, double v) {
                    if (std::isfinite(v))
                        feat.SetField(c, v);
                };
                put(5, f.areaHa);
                feat.SetField(6, static_cast<GIntBig>(f.pixels));
                put(7, f.hiddenPercent);
                put(8, f.cloudPercent);
                put(9, f.shadowPercent);
                put(10, f.cirrusPercent);
                put(11, f.snowPercent);
                if (f.rebuiltPercent >= 0)
                    put(12, f.rebuiltPercent);
                int c = 13;
                for (int q = 0; q < report.quantities.size(); ++q)
                    for (const QList<Stats>* when : { &f.before, &f.after }) {
                        if (q < when->size()) {
                            const Stats& s = (*when)[q];
                            put(c, double(s.n));
                            put(c + 1, s.mean);
                            put(c + 2, s.median);
                            put(c + 3, s.std);
                            put(c + 4, s.p10);
                            put(c + 5, s.p90);
                        }
                        c += 6;
                    }
                feat.SetGeometry(d->parcels[f.parcel].geom.get());
                if (layer->CreateFeature(&feat) != OGRERR_NONE)
                    throw Error(io::writeError(path));
            }
        }
        if (out->CommitTransaction() != OGRERR_NONE)
            throw Error(io::writeError(path));
        rollback.dismiss();
        if (!io::closeChecked(out))
            throw Error(io::writeError(path));
    }
    if (!inPlace)
        replaceFileAtomically(tmp, path);
}

} // namespace unclouded::fields

namespace unclouded::fields {

void writeGeoPackage(const ParcelSet& parcels, const QList<FieldsReport>& reports, const QString& path)
{
    parcels.writeGeoPackage(reports, path);
}

} // namespace unclouded::fields
