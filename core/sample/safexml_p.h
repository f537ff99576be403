// SAFE metadata of generated products: MTD_MSIL2A/MTD_MSIL1C.xml, the granule's MTD_TL.xml and
// the folder skeleton, in the structure ESA ships (see ../shared/data/safe-templates).
#pragma once

#include <array>

#include <QString>
#include <QStringList>

namespace unclouded::sample {

struct SafeXmlInfo
{
    bool l2a = true;
    QString productName, granule, prefix, sensingIso, generation, absOrbit;
    int epsg = 32633;
    double ulx = 0, uly = 0;
    int size = 0;
    double sunZenith = 0, sunAzimuth = 0;
    std::array<double, 12> sclPercent {};
    double cloudCover = 0;
    QStringList imageFiles; // relative to the SAFE, without .jp2
};

void writeSafeMetadata(const QString& safeDir, const SafeXmlInfo& info);

} // namespace unclouded::sample
