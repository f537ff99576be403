#include "ui/charts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QValueAxis>

namespace unclouded::ui {

QChart* showBars(QChartView* view, QChart* chart, QBarSeries* series, const QStringList& categories,
    double lo, double hi, int labelAngle)
{
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    x->setLabelsAngle(labelAngle);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    auto* y = new QValueAxis;
    y->setRange(lo, hi > lo ? hi * 1.05 : lo + 1);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    chart->legend()->setAlignment(Qt::AlignBottom);
    // Little padding around the plot: in a bottom dock at 1366 x 768 every pixel goes to the bars.
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
    return chart;
}

} // namespace unclouded::ui
