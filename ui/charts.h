// Small Qt Charts helpers shared by the panels.
#pragma once

#include <QStringList>

class QBarSeries;
class QChart;
class QChartView;

namespace unclouded::ui {

// Puts the bars on a category axis and a value axis from lo to a little above hi, and shows the
// chart in place of the view's old one (deleted). Returns chart.
QChart* showBars(QChartView* view, QChart* chart, QBarSeries* series, const QStringList& categories,
    double lo, double hi, int labelAngle = 0);

} // namespace unclouded::ui
