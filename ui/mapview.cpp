#include "ui/mapview.h"

#include <cmath>
#include <mutex>

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QThreadPool>
#include <QWheelEvent>

#include "core/common/error.h"
#include "core/common/job.h"

namespace unclouded::ui {

namespace {
constexpr int kTile = 256;
constexpr double kMinScale = 1.0 / 512, kMaxScale = 32;
} // namespace

MapView::MapView(QWidget* parent)
    : QWidget(parent)
    , m_liveGeneration(std::make_shared<std::atomic<quint64>>(0))
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(200, 150);
    m_cache.setMaxCost(256 * 1024 * 1024); // bytes of rendered tiles
    m_pool = new QThreadPool(this);
    // Leave a core to the GUI thread and run below it: on 2 cores, two busy renderers kept the
    // event loop waiting 70-90 ms (bench_viewer).
    m_pool->setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
    m_pool->setThreadPriority(QThread::LowPriority);
}

MapView::~MapView()
{
    m_liveGeneration->store(~0ull); // queued tiles skip their work
    m_pool->clear();
    m_pool->waitForDone();
}

void MapView::setProduct(std::shared_ptr<const Product> product)
{
    // The grid itself, not its size: every full tile is 10980 px, and an AOI kept onto a neighbouring
    // tile is another place on the ground.
    const bool sameGrid = m_product && product && unclouded::sameGrid(m_product->info(), product->info());
    m_product = std::move(product);
    invalidateTiles();
    if (sameGrid) { // another date of the same tile: keep the view and the AOI
        update();
        return;
    }
    setAoi(QRect());
    m_fitOnResize = true;
    zoomToFit();
}

void MapView::setRenderParams(const RenderParams& params)
{
    m_params = params;
    invalidateTiles();
    update();
    Q_EMIT renderParamsChanged();
}

void MapView::invalidateTiles()
{
    ++m_generation;
    m_liveGeneration->store(m_generation);
    m_cache.clear();
    // Queued tiles of the old generation are not dropped from the pool (QThreadPool::clear would
    // delete them unreported, leaving their keys pending and tilesSettled unsent): each sees the
    // generation has moved on, renders nothing and reports at once.
}

QPointF MapView::gridAt(const QPointF& pos) const
{
    return m_origin + pos / m_scale;
}

QPointF MapView::widgetAt(const QPointF& grid) const
{
    return (grid - m_origin) * m_scale;
}

int MapView::levelFor(double scale) const
{
    return std::clamp(static_cast<int>(std::ceil(std::log2(scale) - 1e-9)), -9, 5);
}

Window MapView::tileWindow(int z, int tx, int ty) const
{
    const double span = kTile / std::ldexp(1.0, z); // grid pixels per tile side
    const int x0 = static_cast<int>(std::floor(tx * span)), y0 = static_cast<int>(std::floor(ty * span));
    const int x1 = std::min(m_product->width(), static_cast<int>(std::floor((tx + 1) * span)));
    const int y1 = std::min(m_product->height(), static_cast<int>(std::floor((ty + 1) * span)));
    return { x0, y0, std::max(0, x1 - x0), std::max(0, y1 - y0) };
}

void MapView::requestTile(const TileKey& key)
{
    if (m_pending.contains(key))
        return;
    m_pending.insert(key);
    const Window w = tileWindow(key.z, key.tx, key.ty);
    const double f = std::ldexp(1.0, key.z);
    const int outW = std::max(1, static_cast<int>(std::lround(w.w * f)));
    const int outH = std::max(1, static_cast<int>(std::lround(w.h * f)));
    auto product = m_product;
    auto compare = m_compare;
    auto params = m_params;
    auto live = m_liveGeneration;
    m_pool->start([this, key, w, outW, outH, product, compare, params, live] {
        QImage img;
        QString error;
        if (live->load() == key.generation) {
            // Everything is caught: an exception escaping a pool thread would end the process.
            if (const auto failure = runGuarded([&] {
                    img = compare && !params.difference.isEmpty()
                        ? renderDifference(*compare, *product, params, w, outW, outH)
                        : renderWindow(*product, params, w, outW, outH);
                }))
                error = failure->message;
        }
        // The pool is drained in the destructor, so `this` outlives this call.
        QMetaObject::invokeMethod(
            this, [this, key, img, error] { tileDone(key, img, error); }, Qt::QueuedConnection);
    });
}

void MapView::tileDone(const TileKey& key, const QImage& img, const QString& error)
{
    m_pending.remove(key);
    if (key.generation == m_generation && !img.isNull()) {
        m_cache.insert(key, new QImage(img), static_cast<int>(img.sizeInBytes()));
        update();
    }
    if (!error.isEmpty())
        setToolTip(error);
    if (m_pending.isEmpty())
        Q_EMIT tilesSettled();
}

bool MapView::drawFallback(QPainter& p, int z, int tx, int ty, const QRectF& target)
{
    // A coarser cached tile covering this one, drawn enlarged.
    const Window w = tileWindow(z, tx, ty);
    for (int dz = 1; dz <= 6; ++dz) {
        const int cz = z - dz;
        const int ctx = tx >> dz, cty = ty >> dz;
        const QImage* img = m_cache.object({ cz, ctx, cty, m_generation });
        if (!img)
            continue;
        const Window cw = tileWindow(cz, ctx, cty);
        if (cw.w <= 0 || cw.h <= 0)
            continue;
        const double sx = static_cast<double>(img->width()) / cw.w,
                     sy = static_cast<double>(img->height()) / cw.h;
        const QRectF src((w.x - cw.x) * sx, (w.y - cw.y) * sy, w.w * sx, w.h * sy);
        p.drawImage(target, *img, src);
        return true;
    }
    return false;
}

void MapView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(40, 42, 46));
    if (!m_product)
        return;
    const int z = levelFor(m_scale);
    const double span = kTile / std::ldexp(1.0, z);
    const QPointF g0 = gridAt(QPointF(0, 0)), g1 = gridAt(QPointF(width(), height()));
    const int tx0 = std::max(0, static_cast<int>(std::floor(g0.x() / span)));
    const int ty0 = std::max(0, static_cast<int>(std::floor(g0.y() / span)));
    const int tx1 = std::min(static_cast<int>(std::ceil(m_product->width() / span)) - 1,
        static_cast<int>(std::floor(g1.x() / span)));
    const int ty1 = std::min(static_cast<int>(std::ceil(m_product->height() / span)) - 1,
        static_cast<int>(std::floor(g1.y() / span)));
    p.setRenderHint(QPainter::SmoothPixmapTransform, m_scale < 1.0);
    for (int ty = ty0; ty <= ty1; ++ty)
        for (int tx = tx0; tx <= tx1; ++tx) {
            const Window w = tileWindow(z, tx, ty);
            if (w.w <= 0 || w.h <= 0)
                continue;
            const QRectF target(widgetAt(QPointF(w.x, w.y)), QSizeF(w.w * m_scale, w.h * m_scale));
            const TileKey key { z, tx, ty, m_generation };
            if (const QImage* img = m_cache.object(key)) {
                p.drawImage(target, *img);
            } else {
                drawFallback(p, z, tx, ty, target);
                requestTile(key);
            }
        }
    if (!m_live.isNull())
        p.drawImage(QRectF(widgetAt(m_liveRect.topLeft()), m_liveRect.size() * m_scale), m_live);
    drawOutlines(p);
    if (!m_footprints.isEmpty()) {
        p.save();
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setBrush(Qt::NoBrush);
        const QTransform toWidget = QTransform::fromTranslate(-m_origin.x(), -m_origin.y())
            * QTransform::fromScale(m_scale, m_scale);
        for (int i = 0; i < m_footprints.size(); ++i) {
            const bool selected = i == m_selectedFootprint;
            p.setPen(QPen(selected ? QColor(255, 80, 200) : QColor(0, 220, 255, 200), selected ? 3 : 1.5,
                selected ? Qt::SolidLine : Qt::DashLine));
            p.drawPolygon(toWidget.map(m_footprints[i]));
        }
        p.restore();
    }
    if (!m_aoi.isEmpty()) {
        const QRectF r(widgetAt(m_aoi.topLeft()), QSizeF(m_aoi.width() * m_scale, m_aoi.height() * m_scale));
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setPen(QPen(QColor(255, 210, 0), 2, Qt::DashLine));
        p.setBrush(QColor(255, 210, 0, 30));
        p.drawRect(r);
    }
    drawScaleBar(p);
}

void MapView::drawScaleBar(QPainter& p)
{
    const ProductInfo& i = m_product->info();
    const double unitsPerPx = std::abs(i.geoTransform[1]) / m_scale;
    const QString unit = i.georeferenced ? QStringLiteral("m") : QStringLiteral("px");
    const double target = 140 * unitsPerPx;
    const double mag = std::pow(10.0, std::floor(std::log10(target)));
    double len = mag;
    for (double m : { 5.0, 2.0, 1.0 })
        if (m * mag <= target) {
            len = m * mag;
            break;
        }
    const int px = static_cast<int>(len / unitsPerPx);
    const QString label = (unit == QLatin1String("m") && len >= 1000)
        ? QStringLiteral("%1 km").arg(len / 1000)
        : QStringLiteral("%1 %2").arg(len).arg(unit);
    const QRect box(12, height() - 40, px + 16, 28);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillRect(box, QColor(255, 255, 255, 200));
    p.setPen(QPen(Qt::black, 2));
    const int y = box.bottom() - 7;
    p.drawLine(box.left() + 8, y, box.left() + 8 + px, y);
    p.drawLine(box.left() + 8, y - 5, box.left() + 8, y);
    p.drawLine(box.left() + 8 + px, y - 5, box.left() + 8 + px, y);
    p.drawText(QRect(box.left(), box.top() + 1, box.width(), 14), Qt::AlignCenter, label);
}

void MapView::setCompareProduct(std::shared_ptr<const Product> before)
{
    m_compare = std::move(before);
    invalidateTiles();
    update();
}

void MapView::setLiveImage(const QImage& image, const QRectF& gridRect)
{
    m_live = image;
    m_liveRect = gridRect;
    update();
}

void MapView::setView(double scale, const QPointF& origin)
{
    if (scale == m_scale && origin == m_origin)
        return;
    m_fitOnResize = false;
    m_scale = std::clamp(scale, kMinScale, kMaxScale);
    m_origin = origin;
    update();
}

void MapView::setOutlines(std::shared_ptr<const Outlines> outlines)
{
    m_outlines = std::move(outlines);
    m_selectedOutline = -1;
    update();
}

void MapView::placeOutlines(bool visible, const QPointF& shift)
{
    m_outlinesVisible = visible;
    m_outlineShift = shift;
    update();
}

void MapView::setFootprints(const QList<QPolygonF>& footprints, int selected)
{
    m_footprints = footprints;
    m_selectedFootprint = selected;
    update();
}

void MapView::setSelectedOutline(int index)
{
    m_selectedOutline = index;
    update();
}

void MapView::drawOutlines(QPainter& p)
{
    if (!m_outlines || !m_outlinesVisible)
        return;
    const QRectF visible
        = QRectF(gridAt(QPointF(0, 0)), gridAt(QPointF(width(), height()))).translated(-m_outlineShift);
    const QTransform toWidget = QTransform::fromTranslate(m_outlineShift.x(), m_outlineShift.y())
        * QTransform::fromTranslate(-m_origin.x(), -m_origin.y()) * QTransform::fromScale(m_scale, m_scale);
    std::vector<int> shown;
    for (int i = 0; i < m_outlines->paths.size(); ++i) {
        const QRectF& b = m_outlines->bounds[i];
        // Fields smaller than 3 screen pixels would only be noise (a whole tile zoomed out).
        if (b.intersects(visible) && std::max(b.width(), b.height()) * m_scale >= 3)
            shown.push_back(i);
    }
    p.save();
    p.setRenderHint(QPainter::Antialiasing, shown.size() < 2000);
    p.setTransform(toWidget);
    QPen pen(QColor(255, 255, 255, 190), 1.2);
    pen.setCosmetic(true);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    for (int i : shown)
        p.drawPath(m_outlines->paths[i]);
    if (m_selectedOutline >= 0 && m_selectedOutline < m_outlines->paths.size()) {
        QPen sel(QColor(0, 230, 255), 3);
        sel.setCosmetic(true);
        p.setPen(sel);
        p.setBrush(QColor(0, 230, 255, 45));
        p.drawPath(m_outlines->paths[m_selectedOutline]);
    }
    p.resetTransform();
    // Labels where the field is wide enough on screen to hold them: thinned as you zoom out.
    if (shown.size() <= 3000) {
        const QFontMetrics fm(p.font());
        for (int i : shown) {
            const QString& text = m_outlines->labels[i];
            const QRectF b = toWidget.mapRect(m_outlines->bounds[i]);
            const int tw = fm.horizontalAdvance(text);
            if (b.width() < tw + 6 || b.height() < fm.height() + 4)
                continue;
            const QPointF at(b.center().x() - tw / 2.0, b.center().y() + fm.ascent() / 2.0);
            p.setPen(QColor(0, 0, 0, 200)); // a dark halo keeps the label readable on any field
            for (const QPointF& d : { QPointF(-1, 0), QPointF(1, 0), QPointF(0, -1), QPointF(0, 1) })
                p.drawText(at + d, text);
            p.setPen(i == m_selectedOutline ? QColor(0, 230, 255) : QColor(255, 255, 255));
            p.drawText(at, text);
        }
    }
    p.restore();
}

void MapView::zoomToRect(const QRectF& gridRect)
{
    if (!m_product || width() <= 0 || gridRect.isEmpty())
        return;
    const QRectF r = gridRect.adjusted(
        -gridRect.width() * 0.3, -gridRect.height() * 0.3, gridRect.width() * 0.3, gridRect.height() * 0.3);
    m_scale = std::clamp(std::min(width() / r.width(), height() / r.height()), kMinScale, kMaxScale);
    m_origin = r.center() - QPointF(width(), height()) / (2 * m_scale);
    m_fitOnResize = false;
    update();
    Q_EMIT viewChanged();
}

void MapView::zoomToFit()
{
    m_fitOnResize = true; // fitted it stays, through dock and task changes, until zoomed or panned
    if (!m_product || width() <= 0)
        return;
    m_scale = std::clamp(0.98
            * std::min(static_cast<double>(width()) / m_product->width(),
                static_cast<double>(height()) / m_product->height()),
        kMinScale, kMaxScale);
    const QPointF centre(m_product->width() / 2.0, m_product->height() / 2.0);
    m_origin = centre - QPointF(width(), height()) / (2 * m_scale);
    update();
    Q_EMIT viewChanged();
}

void MapView::zoomOneToOne()
{
    zoomBy(1.0 / m_scale, QPointF(width() / 2.0, height() / 2.0));
}

void MapView::zoomBy(double factor, const QPointF& anchor)
{
    m_fitOnResize = false;
    const QPointF g = gridAt(anchor);
    m_scale = std::clamp(m_scale * factor, kMinScale, kMaxScale);
    m_origin = g - anchor / m_scale;
    update();
    Q_EMIT viewChanged();
}

void MapView::panBy(const QPointF& delta)
{
    m_fitOnResize = false;
    m_origin -= delta / m_scale;
    update();
    Q_EMIT viewChanged();
}

void MapView::wheelEvent(QWheelEvent* e)
{
    zoomBy(std::pow(1.25, e->angleDelta().y() / 120.0), e->position());
    e->accept();
}

void MapView::setAoi(const QRect& aoi)
{
    const QRect bounds = m_product ? QRect(0, 0, m_product->width(), m_product->height()) : QRect();
    const QRect clipped = aoi.normalized().intersected(bounds);
    if (clipped == m_aoi)
        return;
    m_aoi = clipped;
    update();
    Q_EMIT aoiChanged(m_aoi);
}

void MapView::mousePressEvent(QMouseEvent* e)
{
    if (e->button() == Qt::LeftButton && m_product && m_aoiDrawable
        && (m_aoiTool || (e->modifiers() & Qt::ShiftModifier))) {
        m_drawingAoi = true;
        m_aoiMoved = false;
        m_aoiStart = gridAt(e->position());
        m_aoiPress = e->position();
        return;
    }
    if (e->button() == Qt::LeftButton) {
        m_dragging = true;
        m_dragStart = e->position().toPoint();
        m_dragOrigin = m_origin;
        setCursor(Qt::ClosedHandCursor);
    }
}

void MapView::mouseMoveEvent(QMouseEvent* e)
{
    if (m_drawingAoi) {
        if (!m_aoiMoved && (e->position() - m_aoiPress).manhattanLength() < QApplication::startDragDistance())
            return;
        m_aoiMoved = true;
        const QPointF g = gridAt(e->position());
        setAoi(QRect(QPoint(static_cast<int>(std::floor(std::min(g.x(), m_aoiStart.x()))),
                         static_cast<int>(std::floor(std::min(g.y(), m_aoiStart.y())))),
            QPoint(static_cast<int>(std::ceil(std::max(g.x(), m_aoiStart.x()))) - 1,
                static_cast<int>(std::ceil(std::max(g.y(), m_aoiStart.y()))) - 1)));
    } else if (m_dragging) {
        m_fitOnResize = false;
        m_origin = m_dragOrigin - QPointF(e->position().toPoint() - m_dragStart) / m_scale;
        update();
        Q_EMIT viewChanged();
    }
    if (m_product)
        Q_EMIT cursorMoved(gridAt(e->position()));
}

void MapView::mouseReleaseEvent(QMouseEvent* e)
{
    if (e->button() != Qt::LeftButton)
        return;
    if (m_drawingAoi) {
        m_drawingAoi = false;
        if (!m_aoiMoved && m_product) // a click, not a drag: inspects the pixel, the AOI stays
            Q_EMIT pixelClicked(gridAt(e->position()));
        return;
    }
    m_dragging = false;
    unsetCursor();
    if ((e->position().toPoint() - m_dragStart).manhattanLength() < 4 && m_product)
        Q_EMIT pixelClicked(gridAt(e->position()));
}

void MapView::keyPressEvent(QKeyEvent* e)
{
    const QPointF centre(width() / 2.0, height() / 2.0);
    switch (e->key()) {
    case Qt::Key_Left:
        panBy(QPointF(60, 0));
        break;
    case Qt::Key_Right:
        panBy(QPointF(-60, 0));
        break;
    case Qt::Key_Up:
        panBy(QPointF(0, 60));
        break;
    case Qt::Key_Down:
        panBy(QPointF(0, -60));
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25, centre);
        break;
    case Qt::Key_Minus:
        zoomBy(0.8, centre);
        break;
    case Qt::Key_Home:
        zoomToFit();
        break;
    case Qt::Key_Escape:
        setAoi(QRect());
        break;
    default:
        QWidget::keyPressEvent(e);
    }
}

void MapView::resizeEvent(QResizeEvent*)
{
    if (m_fitOnResize)
        zoomToFit();
}

} // namespace unclouded::ui
