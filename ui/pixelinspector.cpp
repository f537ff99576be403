#include "ui/pixelinspector.h"

#include <cmath>

#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "core/common/job.h"
#include "core/masks/mask.h"
#include "ui/jobrunner.h"
#include "ui/qcp.h"
#include "ui/rendering.h"
#include "ui/units.h"

namespace unclouded::ui {

struct PixelInspector::Result
{
    int x = 0, y = 0;
    bool inside = false;
    struct Row
    {
        QString key, text; // a band's row keeps its values instead, formatted in the chosen unit
        bool band = false;
        float before = std::nanf(""), after = std::nanf("");
    };
    QList<Row> rows;
    QVector<double> wl, refl, wlA, reflA;
    bool after = false;
};

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
    m_plot->yAxis->setLabel(units::reflectanceAxisLabel());
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
    m_watcher = new QFutureWatcher<std::shared_ptr<Result>>(this);
    connect(m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_reading = false;
        if (m_pending) { // a newer click came in meanwhile: this result is stale
            m_dropRead = false;
            startRead(*std::exchange(m_pending, std::nullopt));
            return;
        }
        if (std::exchange(m_dropRead, false))
            return;
        if (const auto r = m_watcher->result(); r && r->inside) {
            m_last = r;
            showResult(*r);
        }
    });
}

PixelInspector::~PixelInspector()
{
    m_pending.reset();
    m_watcher->waitForFinished();
}

namespace {

// Everything that touches the products, on a pool thread: GDAL reads wait for the product's lock.
std::shared_ptr<PixelInspector::Result> readPixel(const PixelInspector::Request& q)
{
    auto r = std::make_shared<PixelInspector::Result>();
    const Product& product = *q.product;
    const Product* after = q.after.get();
    const int x = q.x, y = q.y;
    r->x = x;
    r->y = y;
    r->after = after != nullptr;
    if (x < 0 || y < 0 || x >= product.width() || y >= product.height())
        return r;
    r->inside = true;
    auto row = [&](const QString& k, const QString& v) { r->rows.append({ k, v }); };
    row(PixelInspector::tr("Pixel"), QStringLiteral("%1, %2").arg(x).arg(y));
    const auto failure = runGuarded([&] {
        double mx = 0, my = 0, lon = 0, lat = 0;
        product.gridToMap(x + 0.5, y + 0.5, mx, my);
        if (product.info().georeferenced)
            row(PixelInspector::tr("Map (EPSG:%1)").arg(product.info().epsg),
                QStringLiteral("%1, %2").arg(mx, 0, 'f', 1).arg(my, 0, 'f', 1));
        if (product.gridToLonLat(x + 0.5, y + 0.5, lon, lat))
            row(PixelInspector::tr("Lat, lon"),
                QStringLiteral("%1°, %2°").arg(lat, 0, 'f', 6).arg(lon, 0, 'f', 6));
        const QStringList names = product.bandNames();
        std::vector<float> v(names.size()), a(names.size(), std::nanf(""));
        product.readWindow(names, { x, y, 1, 1 }, v.data());
        bool rebuilt = false;
        if (after) {
            row(PixelInspector::tr("Method"), q.method);
            after->readWindow(names, { x, y, 1, 1 }, a.data());
            if (after->hasClasses()) {
                uint8_t c = 0;
                after->readClasses({ x, y, 1, 1 }, &c);
                rebuilt = c == kMaskHidden;
            }
            row(PixelInspector::tr("Reconstructed"),
                rebuilt ? PixelInspector::tr("yes") : PixelInspector::tr("no (unchanged)"));
        }
        for (int b = 0; b < names.size(); ++b) {
            r->rows.append({ names[b], {}, true, v[b], a[b] });
            if (!std::isnan(v[b])) {
                r->wl << product.info().bands[b].centralNm;
                r->refl << v[b];
            }
            if (after && !std::isnan(a[b])) {
                r->wlA << product.info().bands[b].centralNm;
                r->reflA << a[b];
            }
        }
        const int red = product.bandIndex(QStringLiteral("B04")),
                  nir = product.bandIndex(QStringLiteral("B08"));
        if (red >= 0 && nir >= 0 && !std::isnan(v[red]) && !std::isnan(v[nir])) {
            QString t = QLocale().toString((v[nir] - v[red]) / (v[nir] + v[red]), 'f', 3);
            if (after && !std::isnan(a[red]) && !std::isnan(a[nir]))
                t += QStringLiteral(" → %L1").arg((a[nir] - a[red]) / (a[nir] + a[red]), 0, 'f', 3);
            row(PixelInspector::tr("NDVI"), t);
        }
        if (product.hasClasses()) {
            uint8_t c = 0;
            product.readClasses({ x, y, 1, 1 }, &c);
            row(PixelInspector::tr("Class"), QStringLiteral("%1 %2").arg(c).arg(sclClassLabel(c)));
        }
    });
    if (failure)
        row(PixelInspector::tr("Error"), failure->message);
    return r;
}

} // namespace

bool PixelInspector::isBusy() const
{
    // m_reading, not the watcher's isRunning(): the future ends on the pool thread before its
    // result reaches this thread, and a test saw "not busy" with nothing shown yet.
    return m_reading || m_pending.has_value();
}

void PixelInspector::inspect(std::shared_ptr<const Product> product, int x, int y,
    std::shared_ptr<const Product> after, const QString& method)
{
    if (!product)
        return;
    m_products = { product, after };
    Request q { std::move(product), std::move(after), x, y, method };
    if (m_reading)
        m_pending = std::move(q); // replaces an older waiting click
    else
        startRead(std::move(q));
}

void PixelInspector::startRead(Request request)
{
    m_reading = true;
    m_watcher->setFuture(QtConcurrent::run(jobPool(), [q = std::move(request)] { return readPixel(q); }));
}

bool PixelInspector::uses(const std::shared_ptr<const Product>& product) const
{
    return product && (product == m_products.first || product == m_products.second);
}

void PixelInspector::clear()
{
    m_products = {};
    m_pending.reset();
    m_dropRead = m_reading;
    m_last.reset();
    m_table->clear();
    m_table->hide();
    m_plot->hide();
    m_hint->show();
}

void PixelInspector::refreshUnits()
{
    if (m_last)
        showResult(*m_last);
}

void PixelInspector::showResult(const Result& r)
{
    if (!r.inside)
        return; // a click outside the product changes nothing
    m_table->clear();
    m_hint->hide();
    m_table->show();
    m_plot->show();
    for (const Result::Row& row : r.rows) {
        QString text = row.text;
        if (row.band)
            text = r.after ? QStringLiteral("%1 → %2").arg(
                       units::reflectanceText(row.before), units::reflectanceText(row.after))
                           : units::reflectanceText(row.before);
        new QTreeWidgetItem(m_table, { row.key, text });
    }
    const double scale = units::reflectanceScale();
    auto scaled = [scale](QVector<double> v) {
        for (double& q : v)
            q *= scale;
        return v;
    };
    m_plot->yAxis->setLabel(units::reflectanceAxisLabel());
    m_plot->graph(0)->setData(r.wl, scaled(r.refl));
    if (r.after) {
        if (m_plot->graphCount() < 2) {
            m_plot->addGraph();
            m_plot->graph(1)->setPen(QPen(QColor(200, 60, 40)));
            m_plot->graph(1)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, 5));
            m_plot->graph(0)->setName(tr("before"));
            m_plot->graph(1)->setName(tr("after"));
            m_plot->legend->setVisible(true);
        }
        m_plot->graph(1)->setData(r.wlA, scaled(r.reflA));
    } else if (m_plot->graphCount() > 1) {
        m_plot->removeGraph(1);
        m_plot->legend->setVisible(false);
    }
    double top = 0.5;
    for (double q : r.refl + r.reflA)
        top = std::max(top, q * 1.1);
    top *= scale;
    m_plot->xAxis->setRange(400, 2300);
    m_plot->yAxis->setRange(0, top);
    m_plot->replot();
    m_table->resizeColumnToContents(0);
    Q_EMIT shown(r.x, r.y);
}

} // namespace unclouded::ui
