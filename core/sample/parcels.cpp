#include <cpl_conv.h>
#include <gdal_alg.h>
#include <map>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <QFileInfo>

#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/sample/parcels_p.h"

namespace unclouded::sample {

ParcelWriter::ParcelWriter(const QString& tmpDir, int size, int epsg, double ulx, double uly)
    : m_size(size)
    , m_epsg(epsg)
{
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    const QString path = tmpDir + QStringLiteral("/parcel-ids.tif");
    const char* opts[] = { "COMPRESS=DEFLATE", "TILED=YES", nullptr };
    io::QuietGdalErrors quiet;
    m_ids.reset(gtiff->Create(path.toUtf8().constData(), size, size, 1, GDT_Int32, const_cast<char**>(opts)));
    if (!m_ids)
        throw Error(io::createError(path));
    double gt[6] = { ulx, 10.0, 0, uly, 0, -10.0 };
    m_ids->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    m_ids->SetSpatialRef(&srs);
    m_ids->GetRasterBand(1)->SetNoDataValue(0);
}

void ParcelWriter::addStrip(int y0, const Strip& s)
{
    std::vector<int32_t> ids(s.field.size());
    for (size_t k = 0; k < ids.size(); ++k) {
        if (s.field[k] == 0)
            continue;
        const auto [it, added] = m_idOf.try_emplace(s.field[k], static_cast<int32_t>(m_crop.size() + 1));
        if (added)
            m_crop.push_back(s.crop[k]);
        ids[k] = it->second;
    }
    io::checkCpl(m_ids->GetRasterBand(1)->RasterIO(
                     GF_Write, 0, y0, s.width, s.rows, ids.data(), s.width, s.rows, GDT_Int32, 0, 0),
        QStringLiteral("Writing the parcel raster"));
}

void ParcelWriter::finish(const QString& gpkgPath)
{
    io::QuietGdalErrors quiet;
    GDALRasterBand* band = m_ids->GetRasterBand(1);
    // Pixel-edge polygons into memory; a parcel cut in two by a nodata edge gives two pieces.
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("Memory");
    io::DatasetPtr polys(mem->Create("", 0, 0, 0, GDT_Unknown, nullptr));
    OGRSpatialReference srs;
    srs.importFromEPSG(m_epsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayer* pieces = polys->CreateLayer("pieces", &srs, wkbPolygon, nullptr);
    OGRFieldDefn idField("id", OFTInteger);
    pieces->CreateField(&idField);
    if (GDALPolygonize(band, band->GetMaskBand(), pieces, 0, nullptr, nullptr, nullptr) != CE_None)
        throw Error(QStringLiteral("Cannot trace the parcels: %1").arg(io::lastGdalError()));

    std::map<int, std::unique_ptr<OGRMultiPolygon>> byId;
    pieces->ResetReading();
    for (auto& f : *pieces) {
        const int id = f->GetFieldAsInteger(0);
        auto& mp = byId[id];
        if (!mp)
            mp = std::make_unique<OGRMultiPolygon>();
        mp->addGeometry(f->GetGeometryRef());
    }

    const QString tmp = atomicTempPath(gpkgPath);
    const TemporaryFileGuard tmpGuard { tmp };
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    // GeoPackage stamps the time of writing: a fixed one keeps a seed's output identical byte for byte.
    CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", "2023-04-12T10:10:29.000Z");
    struct Unset
    {
        ~Unset() { CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", nullptr); }
    } unset;
    {
        io::DatasetPtr out(gpkg->Create(tmp.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!out)
            throw Error(io::writeError(gpkgPath));
        OGRLayer* layer = out->CreateLayer("parcels", &srs, wkbMultiPolygon, nullptr);
        OGRFieldDefn fid("id", OFTInteger), crop("crop", OFTString), area("area_ha", OFTReal);
        if (!layer || layer->CreateField(&fid) != OGRERR_NONE || layer->CreateField(&crop) != OGRERR_NONE
            || layer->CreateField(&area) != OGRERR_NONE)
            throw Error(io::writeError(gpkgPath));
        if (layer->StartTransaction() != OGRERR_NONE) // one transaction: thousands of features in one write
            throw Error(io::writeError(gpkgPath));
        for (auto& [id, geom] : byId) {
            OGRFeature f(layer->GetLayerDefn());
            f.SetField(0, id);
            f.SetField(1, kCropNames[m_crop[static_cast<size_t>(id - 1)]]);
            f.SetField(2, geom->get_Area() / 10000.0);
            f.SetGeometryDirectly(geom.release());
            if (layer->CreateFeature(&f) != OGRERR_NONE)
                throw Error(io::writeError(gpkgPath));
        }
        if (layer->CommitTransaction() != OGRERR_NONE || !io::closeChecked(out))
            throw Error(io::writeError(gpkgPath));
    }
    replaceFileAtomically(tmp, gpkgPath);
}

} // namespace unclouded::sample
