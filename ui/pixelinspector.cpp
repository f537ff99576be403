#include "ui/pixelinspector.h"

#include <cmath>

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/common/job.h"
#include "core/masks/mask.h"
#include "ui/qcp.h"
#include "ui/rendering.h"

namespace unclouded::ui {

PixelInspector::PixelInspector(QWidget* parent)
    : QWidget(parent)
{
    m_table = new QTreeWidget(this);
    m_table->setObjectName(QStringLiteral("pixelTable"));
    m_table->setHeaderLabels({ tr("Property"), tr("Value") });
    m_table->setRootIsDecorated(false);
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumHeight(150);
    m_plot->xAxis->setLabel(tr("Wavelength (nm)"));
    m_plot->yAxis->setLabel(tr("Reflectance"));
    m_plot->addGraph();
    m_plot->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    m_hint = new QLabel(tr("Click a pixel on the map: its reflectance in every band, its scene class and its "
                           "spectrum appear here (with a reconstruction open, before and after)."),
        this);
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignCenter);
    m_table->hide();
    m_plot->hide();
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_hint);
    lay->addWidget(m_table, 2);
    lay->addWidget(m_plot, 1);
}

void PixelInspector::inspect(
    const Product& product, int x, int y, const Product* after, const QString& method)
{
    m_table->clear();
    if (x < 0 || y < 0 || x >= product.width() || y >= product.height())
        return;
    m_hint->hide();
    m_table->show();
    m_plot->show();
    auto row = [this](const QString& k, const QString& v) { new QTreeWidgetItem(m_table, { k, v }); };
    row(tr("Pixel"), QStringLiteral("%1, %2").arg(x).arg(y));
    double mx = 0, my = 0, lon = 0, lat = 0;
    product.gridToMap(x + 0.5, y + 0.5, mx, my);
    if (product.info().georeferenced)
        row(tr("Map (EPSG:%1)").arg(product.info().epsg),
            QStringLiteral("%1, %2").arg(mx, 0, 'f', 1).arg(my, 0, 'f', 1));
    if (product.gridToLonLat(x + 0.5, y + 0.5, lon, lat))
        row(tr("Lat, lon"), QStringLiteral("%1°, %2°").arg(lat, 0, 'f', 6).arg(lon, 0, 'f', 6));
    const auto failure = runGuarded([&] {
        const QStringList names = product.bandNames();
        std::vector<float> v(names.size()), a(names.size(), std::nanf(""));
        product.readWindow(names, { x, y, 1, 1 }, v.data());
        bool rebuilt = false;
        if (after) {
            row(tr("Method"), method);
            after->readWindow(names, { x, y, 1, 1 }, a.data());
            if (after->hasClasses()) {
                uint8_t c = 0;
                after->readClasses({ x, y, 1, 1 }, &c);
                rebuilt = c == kMaskHidden;
            }
            row(tr("Reconstructed"), rebuilt ? tr("yes") : tr("no (unchanged)"));
        }
        auto text = [this](float f) { return std::isnan(f) ? tr("nodata") : QLocale().toString(f, 'f', 4); };
        QVector<double> wl, refl, wlA, reflA;
        for (int b = 0; b < names.size(); ++b) {
            row(names[b], after ? QStringLiteral("%1 → %2").arg(text(v[b]), text(a[b])) : text(v[b]));
            if (!std::isnan(v[b])) {
                wl << product.info().bands[b].centralNm;
                refl << v[b];
            }
            if (after && !std::isnan(a[b])) {
                wlA << product.info().bands[b].centralNm;
                reflA << a[b];
            }
        }
        const int r = product.bandIndex(QStringLiteral("B04")), n = product.bandIndex(QStringLiteral("B08"));
        if (r >= 0 && n >= 0 && !std::isnan(v[r]) && !std::isnan(v[n])) {
            QString t = QLocale().toString((v[n] - v[r]) / (v[n] + v[r]), 'f', 3);
            if (after && !std::isnan(a[r]) && !std::isnan(a[n]))
                t += QStringLiteral(" → %L1").arg((a[n] - a[r]) / (a[n] + a[r]), 0, 'f', 3);
            row(tr("NDVI"), t);
        }
        if (product.hasClasses()) {
            uint8_t c = 0;
            product.readClasses({ x, y, 1, 1 }, &c);
            row(tr("Class"), QStringLiteral("%1 %2").arg(c).arg(sclClassLabel(c)));
        }
        m_plot->graph(0)->setData(wl, refl);
        if (after) {
            if (m_plot->graphCount() < 2) {
                m_plot->addGraph();
                m_plot->graph(1)->setPen(QPen(QColor(200, 60, 40)));
                m_plot->graph(1)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, 5));
                m_plot->graph(0)->setName(tr("before"));
                m_plot->graph(1)->setName(tr("after"));
                m_plot->legend->setVisible(true);
            }
            m_plot->graph(1)->setData(wlA, reflA);
        } else if (m_plot->graphCount() > 1) {
            m_plot->removeGraph(1);
            m_plot->legend->setVisible(false);
        }
        double top = 0.5;
        for (double q : refl + reflA)
            top = std::max(top, q * 1.1);
        m_plot->xAxis->setRange(400, 2300);
        m_plot->yAxis->setRange(0, top);
        m_plot->replot();
    });
    if (failure)
        row(tr("Error"), failure->message);
    m_table->resizeColumnToContents(0);
}

} // namespace unclouded::ui
