#include "core/io/sentinel2.h"

#include <QMap>
#include <QRegularExpression>

namespace unclouded {

QString canonicalBandName(const QString& raw)
{
    static const QRegularExpression re(
        QStringLiteral("^B0?(\\d{1,2})(A?)$"), QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(raw.trimmed());
    if (!m.hasMatch())
        return {};
    const int n = m.captured(1).toInt();
    const bool a = !m.captured(2).isEmpty();
    if (a && n != 8)
        return {};
    if (n < 1 || n > 12)
        return {};
    return a ? QStringLiteral("B8A") : QStringLiteral("B%1").arg(n, 2, 10, QLatin1Char('0'));
}

QString bandFromCommonName(const QString& name)
{
    static const QMap<QString, QString> common {
        { QStringLiteral("coastal"), QStringLiteral("B01") },
        { QStringLiteral("blue"), QStringLiteral("B02") },
        { QStringLiteral("green"), QStringLiteral("B03") },
        { QStringLiteral("red"), QStringLiteral("B04") },
        { QStringLiteral("rededge1"), QStringLiteral("B05") },
        { QStringLiteral("rededge2"), QStringLiteral("B06") },
        { QStringLiteral("rededge3"), QStringLiteral("B07") },
        { QStringLiteral("nir"), QStringLiteral("B08") },
        { QStringLiteral("nir08"), QStringLiteral("B8A") },
        { QStringLiteral("nir09"), QStringLiteral("B09") },
        { QStringLiteral("cirrus"), QStringLiteral("B10") },
        { QStringLiteral("swir1"), QStringLiteral("B11") },
        { QStringLiteral("swir16"), QStringLiteral("B11") },
        { QStringLiteral("swir2"), QStringLiteral("B12") },
        { QStringLiteral("swir22"), QStringLiteral("B12") },
    };
    return common.value(name.trimmed().toLower());
}

int s2BandIndex(const QString& canonical)
{
    for (int i = 0; i < kS2BandCount; ++i)
        if (canonical == QLatin1String(kS2Bands[i].name))
            return i;
    return -1;
}

} // namespace unclouded
