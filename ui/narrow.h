// Panels live in docks a third or a quarter of a laptop screen wide: their widgets must be able to
// get narrower than their longest text instead of pushing the panel past the dock's edge.
#pragma once

class QWidget;

namespace unclouded::ui {

// Every combo box under `panel` that still sizes itself to its longest item may shrink down to
// `chars` characters (its list still opens wide enough to show every item in full).
void letCombosShrink(QWidget* panel, int chars = 14);

} // namespace unclouded::ui
