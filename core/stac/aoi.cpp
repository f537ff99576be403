// An AOI from a vector file (stac.h aoiFromFile): the lon / lat extent of its features through OGR.
#include <algorithm>
#include <memory>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <vector>

#include "core/common/error.h"
#include "core/common/runtime.h"
#include "core/io/gdal_p.h"
#include "core/io/product.h"
#include "core/stac/stac.h"

namespace unclouded::stac {

BBox aoiFromFile(const QString& path)
{
    initializeRuntime();
    io::QuietGdalErrors quiet;
    io::DatasetPtr ds = io::openVector(path);
    if (!ds)
        throw Error(QStringLiteral("Cannot open %1 as a vector file: %2").arg(path, io::lastGdalError()));
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    BBox box { 1e9, 1e9, -1e9, -1e9 };
    for (OGRLayer* layer : ds->GetLayers()) {
        std::unique_ptr<OGRCoordinateTransformation> ct;
        if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
            OGRSpatialReference src(*srs);
            src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            if (!src.IsSame(&wgs84))
                ct.reset(OGRCreateCoordinateTransformation(&src, &wgs84));
        }
        for (auto& feature : layer) {
            const OGRGeometry* g = feature->GetGeometryRef();
            if (!g || g->IsEmpty())
                continue;
            std::unique_ptr<OGRGeometry> copy(g->clone());
            if (ct && copy->transform(ct.get()) != OGRERR_NONE)
                throw Error(QStringLiteral("%1: a geometry cannot be reprojected to lon / lat").arg(path));
            OGREnvelope e;
            copy->getEnvelope(&e);
            box.west = std::min(box.west, e.MinX), box.east = std::max(box.east, e.MaxX);
            box.south = std::min(box.south, e.MinY), box.north = std::max(box.north, e.MaxY);
        }
    }
    if (box.west > box.east)
        throw Error(QStringLiteral("%1 holds no geometry to take an AOI from").arg(path));
    if (box.west == box.east || box.south == box.north) { // a point: a box of ~100 m around it
        box.west -= 0.0005, box.east += 0.0005, box.south -= 0.0005, box.north += 0.0005;
    }
    if (!box.isValid())
        throw Error(QStringLiteral("%1: the extent %2,%3,%4,%5 is not lon / lat (is its CRS set?)")
                        .arg(path)
                        .arg(box.west)
                        .arg(box.south)
                        .arg(box.east)
                        .arg(box.north));
    return box;
}

namespace {

// The product's CRS <-> WGS84 lon / lat (traditional axis order); null without a CRS.
std::unique_ptr<OGRCoordinateTransformation> transformFor(const ProductInfo& info, bool toLonLat)
{
    if (!info.georeferenced)
        return nullptr;
    OGRSpatialReference crs, wgs84;
    if ((info.epsg > 0 ? crs.importFromEPSG(info.epsg) : crs.importFromWkt(info.crsWkt.toUtf8().constData()))
        != OGRERR_NONE)
        return nullptr;
    wgs84.SetWellKnownGeogCS("WGS84");
    crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return std::unique_ptr<OGRCoordinateTransformation>(toLonLat
            ? OGRCreateCoordinateTransformation(&crs, &wgs84)
            : OGRCreateCoordinateTransformation(&wgs84, &crs));
}

} // namespace

BBox gridRectToLonLat(const ProductInfo& info, double x, double y, double w, double h)
{
    const auto ct = transformFor(info, true);
    if (!ct)
        return {};
    const double* g = info.geoTransform;
    std::vector<double> xs, ys;
    const int n = 16;
    for (int i = 0; i <= n; ++i) {
        const double t = i / double(n);
        for (const auto& [px, py] :
            { std::pair { x + t * w, y }, { x + t * w, y + h }, { x, y + t * h }, { x + w, y + t * h } }) {
            xs.push_back(g[0] + px * g[1] + py * g[2]);
            ys.push_back(g[3] + px * g[4] + py * g[5]);
        }
    }
    if (!ct->Transform(static_cast<int>(xs.size()), xs.data(), ys.data()))
        return {};
    return { *std::min_element(xs.begin(), xs.end()), *std::min_element(ys.begin(), ys.end()),
        *std::max_element(xs.begin(), xs.end()), *std::max_element(ys.begin(), ys.end()) };
}

QList<QPointF> lonLatToGrid(const ProductInfo& info, const QList<QPointF>& lonLat)
{
    const auto ct = transformFor(info, false);
    const double* g = info.geoTransform;
    const double det = g[1] * g[5] - g[2] * g[4];
    if (!ct || det == 0)
        return {};
    QList<QPointF> out;
    for (const QPointF& p : lonLat) {
        double x = p.x(), y = p.y();
        if (!ct->Transform(1, &x, &y))
            return {};
        const double dx = x - g[0], dy = y - g[3];
        out << QPointF((g[5] * dx - g[2] * dy) / det, (-g[4] * dx + g[1] * dy) / det);
    }
    return out;
}

} // namespace unclouded::stac
