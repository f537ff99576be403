#include "ui/units.h"

#include <cmath>

#include <QCoreApplication>
#include <QLocale>

#include "ui/settings.h"

namespace unclouded::ui::units {

namespace {

struct AreaUnit
{
    const char* id;
    const char* symbol;
    double perHectare;
    int decimals;
};

// Hectares to acres: 1 ha = 10 000 m², 1 international acre = 4046.8564224 m².
constexpr AreaUnit kAreas[] = {
    { "ha", "ha", 1.0, 2 },
    { "ac", "ac", 10000.0 / 4046.8564224, 2 },
    { "km2", "km²", 0.01, 4 },
    { "m2", "m²", 10000.0, 0 },
};

const AreaUnit& area()
{
    const QString id = settings::areaUnit.get();
    for (const AreaUnit& u : kAreas)
        if (id == QLatin1String(u.id))
            return u;
    return kAreas[0];
}

bool scaled()
{
    return settings::reflectanceUnit.get() == QLatin1String("scaled");
}

} // namespace

QList<QPair<QString, QString>> areaChoices()
{
    return { { QStringLiteral("ha"), QCoreApplication::translate("Units", "Hectares (ha)") },
        { QStringLiteral("ac"), QCoreApplication::translate("Units", "Acres (ac)") },
        { QStringLiteral("km2"), QCoreApplication::translate("Units", "Square kilometres (km²)") },
        { QStringLiteral("m2"), QCoreApplication::translate("Units", "Square metres (m²)") } };
}

QList<QPair<QString, QString>> reflectanceChoices()
{
    return { { QStringLiteral("reflectance"), QCoreApplication::translate("Units", "Reflectance (0–1)") },
        { QStringLiteral("scaled"), QCoreApplication::translate("Units", "Scaled reflectance (× 10 000)") } };
}

QString areaSymbol()
{
    return QString::fromUtf8(area().symbol);
}

double areaFromHectares(double hectares)
{
    return hectares * area().perHectare;
}

int areaDecimals()
{
    return area().decimals;
}

QString areaText(double hectares)
{
    if (!std::isfinite(hectares))
        return QStringLiteral("–");
    return QStringLiteral("%1 %2").arg(
        QLocale().toString(areaFromHectares(hectares), 'f', areaDecimals()), areaSymbol());
}

double reflectanceScale()
{
    return scaled() ? 10000.0 : 1.0;
}

QString reflectanceText(double reflectance)
{
    if (std::isnan(reflectance))
        return QCoreApplication::translate("Units", "nodata");
    return scaled() ? QLocale().toString(static_cast<qint64>(std::llround(reflectance * 10000.0)))
                    : QLocale().toString(reflectance, 'f', 4);
}

QString reflectanceAxisLabel()
{
    return scaled() ? QCoreApplication::translate("Units", "Reflectance × 10 000")
                    : QCoreApplication::translate("Units", "Reflectance");
}

} // namespace unclouded::ui::units
