// Before / after: two map views over the same grid sharing pan, zoom, composite and stretch.
// Swipe (a draggable divider, vertical or horizontal), side by side, blink (B or Space), fade, and a
// difference view (NDVI or one band, diverging ramp); the rebuilt pixels' outline on top.
#pragma once

#include <memory>

#include <QWidget>

#include "ui/rendering.h"

class QGraphicsOpacityEffect;

namespace unclouded::ui {

class MapView;

class SwipeView : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Swipe, SideBySide, Blink, Fade, Difference };
    Q_ENUM(Mode)

    explicit SwipeView(QWidget* parent = nullptr);

    // after: the reconstruction on before's grid, opened with its rebuilt-pixel mask (kMaskHidden).
    void setProducts(std::shared_ptr<const Product> before, std::shared_ptr<const Product> after);
    std::shared_ptr<const Product> before() const;
    std::shared_ptr<const Product> after() const;
    void setRenderParams(const RenderParams& params); // composite and stretch for both sides

    Mode mode() const { return m_mode; }
    Qt::Orientation orientation() const { return m_orientation; }
    double divider() const { return m_divider; } // 0..1 across the view
    double fade() const { return m_fade; }
    bool showingAfter() const; // blink: which side is up
    bool maskOutline() const { return m_outline; }
    QString difference() const { return m_difference; }

    MapView* beforeView() const { return m_before; }
    MapView* afterView() const { return m_after; }

public Q_SLOTS:
    void setMode(Mode mode);
    void setOrientation(Qt::Orientation o);
    void setDivider(double fraction);
    void setFade(double opacity);
    void toggleBlink();
    void setMaskOutline(bool on);
    void setDifference(const QString& what, float range); // "NDVI" or a band name

Q_SIGNALS:
    void dividerMoved(double fraction);
    void modeChanged(Mode mode);
    void pixelClicked(const QPointF& grid);
    void cursorMoved(const QPointF& grid);
    void productsChanged(); // setProducts: both sides set, or cleared (their layer closed)

protected:
    void resizeEvent(QResizeEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    bool moveDividerByKey(const QKeyEvent* e); // true when e moved it

private:
    void relayout();
    void sync(MapView* from);
    void applyParams();

    MapView* m_before;
    MapView* m_after;
    QWidget* m_handle;
    QGraphicsOpacityEffect* m_opacity = nullptr;
    RenderParams m_params;
    Mode m_mode = Mode::Swipe;
    Qt::Orientation m_orientation = Qt::Vertical; // the divider's direction
    double m_divider = 0.5, m_fade = 0.5;
    bool m_blinkAfter = true, m_outline = true, m_syncing = false, m_dragging = false;
    QString m_difference = QStringLiteral("NDVI");
    float m_differenceRange = 0.2f;
};

} // namespace unclouded::ui
