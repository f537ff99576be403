// Display units (Edit > Preferences > Units): fields' areas and reflectance values as the desktop
// shows them. Files, CSV exports and the CLI keep hectares and reflectance 0-1 whatever is chosen,
// so a script never depends on a user's preference.
#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace unclouded::ui::units {

// (id, label) of every choice, for the Preferences combos; the first is the default.
QList<QPair<QString, QString>> areaChoices(); // ha, ac, km2, m2
QList<QPair<QString, QString>> reflectanceChoices(); // reflectance (0-1), scaled (x 10 000)

QString areaSymbol(); // "ha", "ac", "km²", "m²"
double areaFromHectares(double hectares);
// An area in hectares as the chosen unit shows it, with its symbol ("12.50 ha", "30.89 ac").
QString areaText(double hectares);
int areaDecimals();

// A reflectance (0-1) as the chosen unit shows it: "0.1234" or "1234" (x 10 000, L2A's DN scale
// without the offset); NaN reads "nodata".
QString reflectanceText(double reflectance);
double reflectanceScale(); // 1 or 10 000: what the spectrum's axis is multiplied by
QString reflectanceAxisLabel();

} // namespace unclouded::ui::units
