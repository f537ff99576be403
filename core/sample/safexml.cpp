#include <functional>
#include <memory>
#include <ogr_spatialref.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QXmlStreamWriter>

#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/io/sentinel2.h"
#include "core/sample/safexml_p.h"

namespace unclouded::sample {

namespace {

void writeXml(const QString& path, const std::function<void(QXmlStreamWriter&)>& body)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    AtomicFile f(path);
    QXmlStreamWriter w(f.device());
    w.setAutoFormatting(true);
    w.setAutoFormattingIndent(2);
    w.writeStartDocument(QStringLiteral("1.0"), false);
    body(w);
    w.writeEndDocument();
    if (w.hasError())
        throw Error(QStringLiteral("Cannot write %1: %2").arg(path, f.device()->errorString()));
    f.commit();
}

QString num(double v, int prec = 6)
{
    return QString::number(v, 'f', prec);
}

void el(QXmlStreamWriter& w, const QString& name, const QString& text)
{
    w.writeTextElement(name, text);
}

// Corner footprint (lat lon pairs, closed ring) in the order ESA writes it.
QString footprint(const SafeXmlInfo& i)
{
    OGRSpatialReference utm, wgs;
    utm.importFromEPSG(i.epsg);
    wgs.importFromEPSG(4326);
    wgs.SetAxisMappingStrategy(OAMS_AUTHORITY_COMPLIANT); // lat, lon
    utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&utm, &wgs));
    const double ext = i.size * 10.0;
    double xs[5] = { i.ulx, i.ulx + ext, i.ulx + ext, i.ulx, i.ulx };
    double ys[5] = { i.uly, i.uly, i.uly - ext, i.uly - ext, i.uly };
    if (ct)
        ct->Transform(5, xs, ys);
    QStringList parts;
    for (int k = 0; k < 5; ++k)
        parts << num(xs[k], 10) << num(ys[k], 10);
    return parts.join(QLatin1Char(' '));
}

} // namespace

void writeSafeMetadata(const QString& safe, const SafeXmlInfo& i)
{
    const QString lvl = i.l2a ? QStringLiteral("2A") : QStringLiteral("1C");
    const QString ns = i.l2a
        ? QStringLiteral("https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-2A.xsd")
        : QStringLiteral("https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-1C.xsd");
    const QString date = i.sensingIso;
    const QString genIso = QStringLiteral("%1-%2-%3T%4:%5:%6.000000Z")
                               .arg(i.generation.mid(0, 4), i.generation.mid(4, 2), i.generation.mid(6, 2),
                                   i.generation.mid(9, 2), i.generation.mid(11, 2), i.generation.mid(13, 2));
    const QString datastrip = QStringLiteral("S2B_OPER_MSI_L%1_DS_2BPS_%2_S%3_N05.09")
                                  .arg(lvl, i.generation, i.granule.section(QLatin1Char('_'), 3));
    const QString tileIdent
        = QStringLiteral("S2B_OPER_MSI_L%1_TL_2BPS_%2_%3_T33UUU_N05.09").arg(lvl, i.generation, i.absOrbit);
    const double cloud = i.cloudCover;

    writeXml(safe + QStringLiteral("/MTD_MSIL%1.xml").arg(lvl), [&](QXmlStreamWriter& w) {
        w.writeStartElement(QStringLiteral("n1:Level-%1_User_Product").arg(lvl));
        w.writeAttribute(QStringLiteral("xmlns:n1"), ns);
        w.writeAttribute(
            QStringLiteral("xmlns:xsi"), QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"));
        w.writeAttribute(QStringLiteral("xsi:schemaLocation"), ns);
        w.writeStartElement(QStringLiteral("n1:General_Info"));
        w.writeStartElement(QStringLiteral("Product_Info"));
        el(w, QStringLiteral("PRODUCT_START_TIME"), date);
        el(w, QStringLiteral("PRODUCT_STOP_TIME"), date);
        el(w, QStringLiteral("PRODUCT_URI"), i.productName + QStringLiteral(".SAFE"));
        el(w, QStringLiteral("PROCESSING_LEVEL"), QStringLiteral("Level-%1").arg(lvl));
        el(w, QStringLiteral("PRODUCT_TYPE"), QStringLiteral("S2MSI%1").arg(lvl));
        el(w, QStringLiteral("PROCESSING_BASELINE"), QStringLiteral("05.09"));
        el(w, QStringLiteral("PRODUCT_DOI"),
            QStringLiteral("Not applicable (synthetic product written by Unclouded)"));
        el(w, QStringLiteral("GENERATION_TIME"), genIso);
        el(w, QStringLiteral("PREVIEW_IMAGE_URL"), QStringLiteral("Not applicable"));
        el(w, QStringLiteral("PREVIEW_GEO_INFO"), QStringLiteral("Not applicable"));
        w.writeStartElement(QStringLiteral("Datatake"));
        w.writeAttribute(QStringLiteral("datatakeIdentifier"),
            QStringLiteral("GS2B_%1_%2_N05.09").arg(i.prefix.mid(7), i.absOrbit.mid(1)));
        el(w, QStringLiteral("SPACECRAFT_NAME"), QStringLiteral("Sentinel-2B"));
        el(w, QStringLiteral("DATATAKE_TYPE"), QStringLiteral("INS-NOBS"));
        el(w, QStringLiteral("DATATAKE_SENSING_START"), date);
        el(w, QStringLiteral("SENSING_ORBIT_NUMBER"), QStringLiteral("22"));
        el(w, QStringLiteral("SENSING_ORBIT_DIRECTION"), QStringLiteral("DESCENDING"));
        w.writeEndElement();
        w.writeStartElement(QStringLiteral("Query_Options"));
        w.writeAttribute(QStringLiteral("completeSingleTile"), QStringLiteral("true"));
        el(w, QStringLiteral("PRODUCT_FORMAT"), QStringLiteral("SAFE_COMPACT"));
        w.writeEndElement();
        w.writeStartElement(QStringLiteral("Product_Organisation"));
        w.writeStartElement(QStringLiteral("Granule_List"));
        w.writeStartElement(QStringLiteral("Granule"));
        w.writeAttribute(QStringLiteral("datastripIdentifier"), datastrip);
        w.writeAttribute(QStringLiteral("granuleIdentifier"), tileIdent);
        w.writeAttribute(QStringLiteral("imageFormat"), QStringLiteral("JPEG2000"));
        for (const QString& f : i.imageFiles)
            el(w, QStringLiteral("IMAGE_FILE"), f);
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement(); // Product_Info

        w.writeStartElement(QStringLiteral("Product_Image_Characteristics"));
        const char* special[2][2] = { { "NODATA", "0" }, { "SATURATED", "65535" } };
        for (const auto& sv : special) {
            w.writeStartElement(QStringLiteral("Special_Values"));
            el(w, QStringLiteral("SPECIAL_VALUE_TEXT"), QString::fromLatin1(sv[0]));
            el(w, QStringLiteral("SPECIAL_VALUE_INDEX"), QString::fromLatin1(sv[1]));
            w.writeEndElement();
        }
        w.writeStartElement(QStringLiteral("Image_Display_Order"));
        el(w, QStringLiteral("RED_CHANNEL"), QStringLiteral("3"));
        el(w, QStringLiteral("GREEN_CHANNEL"), QStringLiteral("2"));
        el(w, QStringLiteral("BLUE_CHANNEL"), QStringLiteral("1"));
        w.writeEndElement();
        if (i.l2a) {
            w.writeStartElement(QStringLiteral("QUANTIFICATION_VALUES_LIST"));
            w.writeStartElement(QStringLiteral("BOA_QUANTIFICATION_VALUE"));
            w.writeAttribute(QStringLiteral("unit"), QStringLiteral("none"));
            w.writeCharacters(QStringLiteral("10000"));
            w.writeEndElement();
            w.writeStartElement(QStringLiteral("AOT_QUANTIFICATION_VALUE"));
            w.writeAttribute(QStringLiteral("unit"), QStringLiteral("none"));
            w.writeCharacters(QStringLiteral("1000.0"));
            w.writeEndElement();
            w.writeStartElement(QStringLiteral("WVP_QUANTIFICATION_VALUE"));
            w.writeAttribute(QStringLiteral("unit"), QStringLiteral("cm"));
            w.writeCharacters(QStringLiteral("1000.0"));
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement(QStringLiteral("BOA_ADD_OFFSET_VALUES_LIST"));
        } else {
            w.writeStartElement(QStringLiteral("QUANTIFICATION_VALUE"));
            w.writeAttribute(QStringLiteral("unit"), QStringLiteral("none"));
            w.writeCharacters(QStringLiteral("10000"));
            w.writeEndElement();
            w.writeStartElement(QStringLiteral("Radiometric_Offset_List"));
        }
        for (int b = 0; b < kS2BandCount; ++b) {
            w.writeStartElement(
                i.l2a ? QStringLiteral("BOA_ADD_OFFSET") : QStringLiteral("RADIO_ADD_OFFSET"));
            w.writeAttribute(QStringLiteral("band_id"), QString::number(b));
            w.writeCharacters(QStringLiteral("-1000"));
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeStartElement(QStringLiteral("Reflectance_Conversion"));
        el(w, QStringLiteral("U"), QStringLiteral("1.00311846237649"));
        w.writeStartElement(QStringLiteral("Solar_Irradiance_List"));
        for (int b = 0; b < kS2BandCount; ++b) {
            w.writeStartElement(QStringLiteral("SOLAR_IRRADIANCE"));
            w.writeAttribute(QStringLiteral("bandId"), QString::number(b));
            w.writeAttribute(QStringLiteral("unit"), QStringLiteral("W/m²/µm"));
            w.writeCharacters(QString::number(kS2Bands[b].solarIrradiance));
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
        w.writeStartElement(QStringLiteral("Spectral_Information_List"));
        for (int b = 0; b < kS2BandCount; ++b) {
            const S2Band& sb = kS2Bands[b];
            w.writeStartElement(QStringLiteral("Spectral_Information"));
            w.writeAttribute(QStringLiteral("bandId"), QString::number(b));
            w.writeAttribute(QStringLiteral("physicalBand"), QString::fromLatin1(sb.gdalName));
            el(w, QStringLiteral("RESOLUTION"), QString::number(sb.resolution));
            w.writeStartElement(QStringLiteral("Wavelength"));
            const std::pair<const char*, double> wl[3]
                = { { "MIN", sb.minNm }, { "MAX", sb.maxNm }, { "CENTRAL", sb.central } };
            for (const auto& [tag, v] : wl) {
                w.writeStartElement(QString::fromLatin1(tag));
                w.writeAttribute(QStringLiteral("unit"), QStringLiteral("nm"));
                w.writeCharacters(QString::number(v));
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
        if (i.l2a) {
            w.writeStartElement(QStringLiteral("Scene_Classification_List"));
            for (const SclClassInfo& c : kSclClasses) {
                w.writeStartElement(QStringLiteral("Scene_Classification_ID"));
                el(w, QStringLiteral("SCENE_CLASSIFICATION_TEXT"), QString::fromLatin1(c.esaName));
                el(w, QStringLiteral("SCENE_CLASSIFICATION_INDEX"), QString::number(c.code));
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        w.writeEndElement(); // Product_Image_Characteristics
        w.writeEndElement(); // General_Info

        w.writeStartElement(QStringLiteral("n1:Geometric_Info"));
        w.writeStartElement(QStringLiteral("Product_Footprint"));
        w.writeStartElement(QStringLiteral("Product_Footprint"));
        w.writeStartElement(QStringLiteral("Global_Footprint"));
        el(w, QStringLiteral("EXT_POS_LIST"), footprint(i));
        w.writeEndElement();
        w.writeEndElement();
        el(w, QStringLiteral("RASTER_CS_TYPE"), QStringLiteral("POINT"));
        el(w, QStringLiteral("PIXEL_ORIGIN"), QStringLiteral("1"));
        w.writeEndElement();
        w.writeStartElement(QStringLiteral("Coordinate_Reference_System"));
        w.writeStartElement(QStringLiteral("GEO_TABLES"));
        w.writeAttribute(QStringLiteral("version"), QStringLiteral("1"));
        w.writeCharacters(QStringLiteral("EPSG"));
        w.writeEndElement();
        el(w, QStringLiteral("HORIZONTAL_CS_TYPE"), QStringLiteral("GEOGRAPHIC"));
        w.writeEndElement();
        w.writeEndElement();

        w.writeStartElement(QStringLiteral("n1:Quality_Indicators_Info"));
        el(w, QStringLiteral("Cloud_Coverage_Assessment"), num(cloud));
        w.writeStartElement(QStringLiteral("Technical_Quality_Assessment"));
        el(w, QStringLiteral("DEGRADED_ANC_DATA_PERCENTAGE"), QStringLiteral("0.0"));
        el(w, QStringLiteral("DEGRADED_MSI_DATA_PERCENTAGE"), QStringLiteral("0"));
        w.writeEndElement();
        if (i.l2a) {
            w.writeStartElement(QStringLiteral("Image_Content_QI"));
            for (const SclClassInfo& c : kSclClasses)
                el(w, QString::fromLatin1(c.qiName), num(i.sclPercent[c.code]));
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement(); // root
    });

    // Granule metadata: geocoding per resolution, sun angles, quality indicators.
    const QString granuleDir = safe + QStringLiteral("/GRANULE/") + i.granule;
    writeXml(granuleDir + QStringLiteral("/MTD_TL.xml"), [&](QXmlStreamWriter& w) {
        const QString tns
            = QStringLiteral("https://psd-14.sentinel2.eo.esa.int/PSD/S2_PDI_Level-%1_Tile_Metadata.xsd")
                  .arg(lvl);
        w.writeStartElement(QStringLiteral("n1:Level-%1_Tile_ID").arg(lvl));
        w.writeAttribute(QStringLiteral("xmlns:n1"), tns);
        w.writeAttribute(
            QStringLiteral("xmlns:xsi"), QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"));
        w.writeAttribute(QStringLiteral("xsi:schemaLocation"), tns);
        w.writeStartElement(QStringLiteral("n1:General_Info"));
        el(w, QStringLiteral("TILE_ID"), tileIdent);
        el(w, QStringLiteral("DATASTRIP_ID"), datastrip);
        el(w, QStringLiteral("DOWNLINK_PRIORITY"), QStringLiteral("NOMINAL"));
        el(w, QStringLiteral("SENSING_TIME"), date);
        w.writeEndElement();
        w.writeStartElement(QStringLiteral("n1:Geometric_Info"));
        w.writeStartElement(QStringLiteral("Tile_Geocoding"));
        el(w, QStringLiteral("HORIZONTAL_CS_NAME"),
            QStringLiteral("WGS84 / UTM zone %1N").arg(i.epsg - 32600));
        el(w, QStringLiteral("HORIZONTAL_CS_CODE"), QStringLiteral("EPSG:%1").arg(i.epsg));
        for (int res : { 10, 20, 60 }) {
            w.writeStartElement(QStringLiteral("Size"));
            w.writeAttribute(QStringLiteral("resolution"), QString::number(res));
            el(w, QStringLiteral("NROWS"), QString::number(i.size * 10 / res));
            el(w, QStringLiteral("NCOLS"), QString::number(i.size * 10 / res));
            w.writeEndElement();
        }
        for (int res : { 10, 20, 60 }) {
            w.writeStartElement(QStringLiteral("Geoposition"));
            w.writeAttribute(QStringLiteral("resolution"), QString::number(res));
            el(w, QStringLiteral("ULX"), QString::number(i.ulx, 'f', 0));
            el(w, QStringLiteral("ULY"), QString::number(i.uly, 'f', 0));
            el(w, QStringLiteral("XDIM"), QString::number(res));
            el(w, QStringLiteral("YDIM"), QString::number(-res));
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeStartElement(QStringLiteral("Tile_Angles"));
        // 5 km grid over the full tile (23 x 23), a gentle gradient around the mean.
        w.writeStartElement(QStringLiteral("Sun_Angles_Grid"));
        for (int which = 0; which < 2; ++which) {
            w.writeStartElement(which == 0 ? QStringLiteral("Zenith") : QStringLiteral("Azimuth"));
            for (const char* step : { "COL_STEP", "ROW_STEP" }) {
                w.writeStartElement(QString::fromLatin1(step));
                w.writeAttribute(QStringLiteral("unit"), QStringLiteral("m"));
                w.writeCharacters(QStringLiteral("5000"));
                w.writeEndElement();
            }
            w.writeStartElement(QStringLiteral("Values_List"));
            for (int r = 0; r < 23; ++r) {
                QStringList vals;
                for (int c = 0; c < 23; ++c) {
                    const double v = which == 0 ? i.sunZenith + (r - 11) * 0.045 - (c - 11) * 0.01
                                                : i.sunAzimuth + (c - 11) * 0.06 + (r - 11) * 0.01;
                    vals << QString::number(v, 'f', 4);
                }
                el(w, QStringLiteral("VALUES"), vals.join(QLatin1Char(' ')));
            }
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeStartElement(QStringLiteral("Mean_Sun_Angle"));
        w.writeStartElement(QStringLiteral("ZENITH_ANGLE"));
        w.writeAttribute(QStringLiteral("unit"), QStringLiteral("deg"));
        w.writeCharacters(QString::number(i.sunZenith));
        w.writeEndElement();
        w.writeStartElement(QStringLiteral("AZIMUTH_ANGLE"));
        w.writeAttribute(QStringLiteral("unit"), QStringLiteral("deg"));
        w.writeCharacters(QString::number(i.sunAzimuth));
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement(); // Tile_Angles
        w.writeEndElement(); // Geometric_Info
        w.writeStartElement(QStringLiteral("n1:Quality_Indicators_Info"));
        w.writeStartElement(QStringLiteral("Image_Content_QI"));
        el(w, QStringLiteral("CLOUDY_PIXEL_PERCENTAGE"), num(cloud));
        el(w, QStringLiteral("NODATA_PIXEL_PERCENTAGE"), num(i.sclPercent[SclNoData]));
        if (i.l2a) {
            el(w, QStringLiteral("CLOUD_SHADOW_PERCENTAGE"), num(i.sclPercent[SclCloudShadow]));
            el(w, QStringLiteral("SNOW_ICE_PERCENTAGE"), num(i.sclPercent[SclSnow]));
        }
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    });

    // The rest of the SAFE skeleton, as ESA ships it.
    for (const QString& d :
        { granuleDir + QStringLiteral("/AUX_DATA"), granuleDir + QStringLiteral("/QI_DATA"),
            safe + QStringLiteral("/DATASTRIP/") + datastrip.section(QLatin1Char('_'), 4, 6)
                + QStringLiteral("/QI_DATA"),
            safe + QStringLiteral("/HTML"), safe + QStringLiteral("/rep_info") })
        QDir().mkpath(d);
    writeXml(safe + QStringLiteral("/manifest.safe"), [&](QXmlStreamWriter& w) {
        w.writeStartElement(QStringLiteral("xfdu:XFDU"));
        w.writeAttribute(QStringLiteral("xmlns:xfdu"), QStringLiteral("urn:ccsds:schema:xfdu:1"));
        w.writeAttribute(QStringLiteral("version"),
            QStringLiteral("esa/safe/sentinel/1.1/sentinel-2/msi/archive_l%1_user_product")
                .arg(lvl.toLower()));
        w.writeStartElement(QStringLiteral("informationPackageMap"));
        w.writeStartElement(QStringLiteral("xfdu:contentUnit"));
        w.writeAttribute(QStringLiteral("unitType"), QStringLiteral("Product_Level-%1").arg(lvl));
        w.writeAttribute(QStringLiteral("textInfo"),
            QStringLiteral("SENTINEL-2 MSI Level-%1 User Product (synthetic)").arg(lvl));
        w.writeEndElement();
        w.writeEndElement();
        w.writeStartElement(QStringLiteral("dataObjectSection"));
        for (const QString& f : i.imageFiles) {
            w.writeStartElement(QStringLiteral("dataObject"));
            w.writeAttribute(QStringLiteral("ID"), QFileInfo(f).fileName());
            // Size and SHA3-256 as ESA writes them since processing baseline 04.00: readers check them.
            QFile jp2(safe + QLatin1Char('/') + f + QStringLiteral(".jp2"));
            QCryptographicHash sha3(QCryptographicHash::Sha3_256);
            const bool hashed = jp2.open(QIODevice::ReadOnly) && sha3.addData(&jp2);
            w.writeStartElement(QStringLiteral("byteStream"));
            w.writeAttribute(QStringLiteral("mimeType"), QStringLiteral("application/octet-stream"));
            if (hashed)
                w.writeAttribute(QStringLiteral("size"), QString::number(jp2.size()));
            w.writeStartElement(QStringLiteral("fileLocation"));
            w.writeAttribute(QStringLiteral("locatorType"), QStringLiteral("URL"));
            w.writeAttribute(QStringLiteral("href"), QStringLiteral("./") + f + QStringLiteral(".jp2"));
            w.writeEndElement();
            if (hashed) {
                w.writeStartElement(QStringLiteral("checksum"));
                w.writeAttribute(QStringLiteral("checksumName"), QStringLiteral("SHA3-256"));
                w.writeCharacters(QString::fromLatin1(sha3.result().toHex()));
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
    });
}

} // namespace unclouded::sample
