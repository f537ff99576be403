#include "ui/swipeview.h"

#include <algorithm>

#include <QGraphicsOpacityEffect>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include "ui/mapview.h"

namespace unclouded::ui {

namespace {

constexpr int kHandle = 14; // grab width of the divider, pixels

// The divider: a white line with a grip, drawn by a narrow widget that takes the drags.
class DividerHandle : public QWidget
{
public:
    explicit DividerHandle(QWidget* parent)
        : QWidget(parent)
    {
        setAttribute(Qt::WA_TranslucentBackground);
    }
    Qt::Orientation orientation = Qt::Vertical;

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(QColor(0, 0, 0, 120), 3));
        const QPointF c = rect().center();
        if (orientation == Qt::Vertical)
            p.drawLine(QPointF(c.x(), 0), QPointF(c.x(), height()));
        else
            p.drawLine(QPointF(0, c.y()), QPointF(width(), c.y()));
        p.setPen(QPen(Qt::white, 1.5));
        if (orientation == Qt::Vertical)
            p.drawLine(QPointF(c.x(), 0), QPointF(c.x(), height()));
        else
            p.drawLine(QPointF(0, c.y()), QPointF(width(), c.y()));
        p.setBrush(Qt::white);
        p.setPen(QPen(QColor(60, 60, 60), 1));
        p.drawEllipse(c, kHandle / 2.0 - 1, kHandle / 2.0 - 1);
    }
};

} // namespace

SwipeView::SwipeView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("swipeView"));
    setFocusPolicy(Qt::StrongFocus);
    m_before = new MapView(this);
    m_before->setObjectName(QStringLiteral("beforeView"));
    m_after = new MapView(this);
    m_after->setObjectName(QStringLiteral("afterView"));
    m_handle = new DividerHandle(this);
    m_handle->setObjectName(QStringLiteral("swipeDivider"));
    m_handle->installEventFilter(this);
    for (MapView* v : { m_before, m_after }) {
        v->setAoiDrawable(false); // the map's AOI is what jobs use
        connect(v, &MapView::viewChanged, this, [this, v] { sync(v); });
        connect(v, &MapView::pixelClicked, this, &SwipeView::pixelClicked);
        connect(v, &MapView::cursorMoved, this, &SwipeView::cursorMoved);
        v->installEventFilter(this);
    }
    setToolTip(tr("Drag the divider to compare; B or Space blinks between before and after"));
    relayout();
}

void SwipeView::setProducts(std::shared_ptr<const Product> before, std::shared_ptr<const Product> after)
{
    m_before->setProduct(std::move(before));
    m_after->setProduct(std::move(after));
    m_after->setCompareProduct(m_before->product());
    applyParams();
    sync(m_before);
    Q_EMIT productsChanged();
}

std::shared_ptr<const Product> SwipeView::before() const
{
    return m_before->product();
}

std::shared_ptr<const Product> SwipeView::after() const
{
    return m_after->product();
}

void SwipeView::setRenderParams(const RenderParams& params)
{
    m_params = params;
    applyParams();
}

void SwipeView::applyParams()
{
    RenderParams b = m_params;
    b.difference.clear();
    m_before->setRenderParams(b);
    RenderParams a = m_params;
    // The after side marks what was rebuilt (its mask file's "hidden" class), outline only.
    a.overlayClasses = { kMaskHidden };
    a.overlayOutline = true;
    a.bufferPx = 0;
    a.showOverlay = m_outline;
    a.difference = m_mode == Mode::Difference ? m_difference : QString();
    a.differenceRange = m_differenceRange;
    m_after->setRenderParams(a);
}

void SwipeView::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    const bool diffChanged = (mode == Mode::Difference) != (m_mode == Mode::Difference);
    m_mode = mode;
    m_blinkAfter = true;
    if (diffChanged)
        applyParams();
    relayout();
    Q_EMIT modeChanged(mode);
}

void SwipeView::setOrientation(Qt::Orientation o)
{
    m_orientation = o;
    static_cast<DividerHandle*>(m_handle)->orientation = o;
    relayout();
}

void SwipeView::setDivider(double fraction)
{
    fraction = std::clamp(fraction, 0.0, 1.0);
    if (fraction == m_divider)
        return;
    m_divider = fraction;
    relayout();
    Q_EMIT dividerMoved(fraction);
}

void SwipeView::setFade(double opacity)
{
    m_fade = std::clamp(opacity, 0.0, 1.0);
    if (m_opacity)
        m_opacity->setOpacity(m_fade);
}

void SwipeView::toggleBlink()
{
    if (m_mode != Mode::Blink)
        setMode(Mode::Blink);
    else {
        m_blinkAfter = !m_blinkAfter;
        relayout();
    }
}

bool SwipeView::showingAfter() const
{
    return m_mode != Mode::Blink || m_blinkAfter;
}

void SwipeView::setMaskOutline(bool on)
{
    m_outline = on;
    applyParams();
}

void SwipeView::setDifference(const QString& what, float range)
{
    m_difference = what;
    m_differenceRange = range;
    applyParams();
}

void SwipeView::resizeEvent(QResizeEvent*)
{
    relayout();
}

void SwipeView::keyPressEvent(QKeyEvent* e)
{
    if (e->key() == Qt::Key_B || e->key() == Qt::Key_Space) {
        toggleBlink();
        return;
    }
    if (moveDividerByKey(e))
        return;
    QWidget::keyPressEvent(e);
}

bool SwipeView::moveDividerByKey(const QKeyEvent* e)
{
    // Shift+arrows move the divider a twentieth of the view (plain arrows pan the maps), so the swipe
    // needs no mouse.
    if (m_mode != Mode::Swipe || !(e->modifiers() & Qt::ShiftModifier))
        return false;
    const bool vertical = m_orientation == Qt::Vertical;
    const int back = vertical ? Qt::Key_Left : Qt::Key_Up, forth = vertical ? Qt::Key_Right : Qt::Key_Down;
    if (e->key() != back && e->key() != forth)
        return false;
    setDivider(m_divider + (e->key() == forth ? 0.05 : -0.05));
    return true;
}

bool SwipeView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_handle) {
        if (event->type() == QEvent::MouseButtonPress) {
            m_dragging = true;
            return true;
        }
        if (event->type() == QEvent::MouseMove && m_dragging) {
            const QPointF p = mapFromGlobal(static_cast<QMouseEvent*>(event)->globalPosition().toPoint());
            setDivider(
                m_orientation == Qt::Vertical ? p.x() / std::max(1, width()) : p.y() / std::max(1, height()));
            return true;
        }
        if (event->type() == QEvent::MouseButtonRelease) {
            m_dragging = false;
            return true;
        }
    } else if (event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const int k = key->key();
        if (k == Qt::Key_B || k == Qt::Key_Space) {
            toggleBlink();
            return true;
        }
        if (moveDividerByKey(key))
            return true;
    }
    return QWidget::eventFilter(watched, event);
}

void SwipeView::relayout()
{
    const QRect full = rect();
    const bool split = m_mode == Mode::SideBySide;
    if (split) {
        const int half = width() / 2;
        m_before->setGeometry(0, 0, half - 1, height());
        m_after->setGeometry(half + 1, 0, width() - half - 1, height());
    } else {
        m_before->setGeometry(full);
        m_after->setGeometry(full);
    }
    // Swipe: the after view only paints (and takes the mouse) on its side of the divider.
    if (m_mode == Mode::Swipe) {
        const int pos
            = static_cast<int>(std::lround(m_divider * (m_orientation == Qt::Vertical ? width() : height())));
        m_after->setMask(m_orientation == Qt::Vertical
                ? QRegion(pos, 0, std::max(0, width() - pos), height())
                : QRegion(0, pos, width(), std::max(0, height() - pos)));
        m_handle->setGeometry(m_orientation == Qt::Vertical ? QRect(pos - kHandle / 2, 0, kHandle, height())
                                                            : QRect(0, pos - kHandle / 2, width(), kHandle));
        m_handle->setCursor(m_orientation == Qt::Vertical ? Qt::SplitHCursor : Qt::SplitVCursor);
        m_handle->show();
        m_handle->raise();
    } else {
        m_after->clearMask();
        m_handle->hide();
    }
    m_before->setVisible(m_mode != Mode::Difference && (m_mode != Mode::Blink || !m_blinkAfter));
    m_after->setVisible(m_mode != Mode::Blink || m_blinkAfter);
    if (m_mode == Mode::Fade) {
        if (!m_opacity) {
            m_opacity = new QGraphicsOpacityEffect(m_after);
            m_after->setGraphicsEffect(m_opacity); // takes ownership
        }
        m_opacity->setOpacity(m_fade);
    } else if (m_opacity) {
        m_after->setGraphicsEffect(nullptr); // deletes the effect
        m_opacity = nullptr;
    }
    if (m_mode == Mode::SideBySide)
        sync(m_before);
}

void SwipeView::sync(MapView* from)
{
    if (m_syncing)
        return;
    m_syncing = true;
    MapView* to = from == m_before ? m_after : m_before;
    // Side by side, the other view shows the same centre; stacked, the same origin.
    const QPointF centre = from->origin() + QPointF(from->width(), from->height()) / (2 * from->scale());
    to->setView(from->scale(), centre - QPointF(to->width(), to->height()) / (2 * from->scale()));
    m_syncing = false;
}

} // namespace unclouded::ui
