// An AOI from a vector file (stac.h aoiFromFile): the lon / lat extent of its features through OGR.
#include <algorithm>
#include <memory>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include "core/common/error.h"
#include "core/common/runtime.h"
#include "core/io/gdal_p.h"
#include "core/stac/stac.h"

namespace unclouded::stac {

BBox aoiFromFile(const QString& path)
{
    initializeRuntime();
    io::QuietGdalErrors quiet;
    io::DatasetPtr ds(GDALDataset::FromHandle(
        GDALOpenEx(path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
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

} // namespace unclouded::stac
