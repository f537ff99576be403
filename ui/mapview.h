// The map: pan / zoom over a product, tiles rendered off the GUI thread into a pyramid cache
// (a coarser cached level stands in until the sharp tile arrives), scale bar, SCL overlay.
#pragma once

#include <atomic>
#include <memory>

#include <QCache>
#include <QPainterPath>
#include <QPointF>
#include <QPolygonF>
#include <QSet>
#include <QWidget>

#include "ui/rendering.h"

class QThreadPool;

namespace unclouded::ui {

class MapView : public QWidget
{
    Q_OBJECT
public:
    explicit MapView(QWidget* parent = nullptr);
    ~MapView() override;

    void setProduct(std::shared_ptr<const Product> product);
    std::shared_ptr<const Product> product() const { return m_product; }
    void setRenderParams(const RenderParams& params);
    const RenderParams& renderParams() const { return m_params; }

    // A second product on the same grid: with renderParams().difference set, tiles show after - before
    // where this view's product is "after" and the compare product "before".
    void setCompareProduct(std::shared_ptr<const Product> before);

    double scale() const { return m_scale; } // screen pixels per 10 m grid pixel
    QPointF origin() const { return m_origin; } // grid coordinate at the top-left corner
    // An image drawn over the tiles on a grid rectangle (a reconstruction's finished rows while it
    // runs); a null image removes it.
    void setLiveImage(const QImage& image, const QRectF& gridRect);
    bool hasLiveImage() const { return !m_live.isNull(); }
    void setView(double scale, const QPointF& origin); // for synced views; emits nothing
    QPointF gridAt(const QPointF& widgetPos) const;
    QPointF widgetAt(const QPointF& gridPos) const;
    int pendingTiles() const { return m_pending.size(); }

    // Area of interest in grid pixels (empty: none). Drawn with Shift+drag, or plain drag while
    // the AOI tool is on; restricts training, reconstruction and export later on.
    QRect aoi() const { return m_aoi; }
    void setAoi(const QRect& aoi);
    void setAoiTool(bool on) { m_aoiTool = on; }
    // Whether Shift+drag (or the tool) draws an AOI here: not in the comparison's views, whose AOI
    // reached no job.
    void setAoiDrawable(bool on) { m_aoiDrawable = on; }

    // Parcel outlines in grid coordinates, drawn over the image with their labels where they fit
    // (dense ones thinned); `selected` is highlighted. Null: none.
    struct Outlines
    {
        QList<QPainterPath> paths;
        QList<QRectF> bounds;
        QStringList labels;
    };
    void setOutlines(std::shared_ptr<const Outlines> outlines);
    // Where the outlines go on the shown product: `shift` added to their coordinates (an AOI of the
    // grid the parcels were placed on is shifted from it); not drawn at all on a product of another
    // grid (visible false).
    void placeOutlines(bool visible, const QPointF& shift);
    bool outlinesVisible() const { return m_outlinesVisible; }
    QPointF outlineShift() const { return m_outlineShift; }
    // Footprints of search results in grid coordinates, dashed; `selected` drawn bold. Empty: none.
    void setFootprints(const QList<QPolygonF>& footprints, int selected = -1);
    const QList<QPolygonF>& footprints() const { return m_footprints; }
    std::shared_ptr<const Outlines> outlines() const { return m_outlines; }
    int selectedOutline() const { return m_selectedOutline; }

public Q_SLOTS:
    void setSelectedOutline(int index);
    void zoomToRect(const QRectF& gridRect); // with a margin
    void zoomToFit();
    void zoomOneToOne();
    void zoomBy(double factor, const QPointF& anchor);
    void panBy(const QPointF& delta);

Q_SIGNALS:
    void cursorMoved(const QPointF& grid);
    void pixelClicked(const QPointF& grid);
    void viewChanged();
    void renderParamsChanged();
    void tilesSettled(); // no tile pending any more
    void aoiChanged(const QRect& aoi);

protected:
    void paintEvent(QPaintEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    void resizeEvent(QResizeEvent*) override;

private:
    struct TileKey
    {
        int z, tx, ty;
        quint64 generation;
        bool operator==(const TileKey& o) const
        {
            return z == o.z && tx == o.tx && ty == o.ty && generation == o.generation;
        }
    };
    friend size_t qHash(const TileKey& k, size_t seed)
    {
        return qHashMulti(seed, k.z, k.tx, k.ty, k.generation);
    }

    int levelFor(double scale) const;
    Window tileWindow(int z, int tx, int ty) const;
    void requestTile(const TileKey& key);
    void tileDone(const TileKey& key, const QImage& img, const QString& error);
    bool drawFallback(QPainter& p, int z, int tx, int ty, const QRectF& target);
    void drawScaleBar(QPainter& p);
    void drawOutlines(QPainter& p);
    void invalidateTiles();

    std::shared_ptr<const Product> m_product, m_compare;
    QImage m_live;
    QRectF m_liveRect;
    RenderParams m_params;
    double m_scale = 1.0;
    QPointF m_origin; // grid coordinate at the widget's top-left
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<quint64>> m_liveGeneration;
    QCache<TileKey, QImage> m_cache;
    QSet<TileKey> m_pending;
    QThreadPool* m_pool = nullptr;
    QPoint m_dragStart;
    QPointF m_dragOrigin;
    bool m_dragging = false;
    bool m_drawingAoi = false;
    bool m_aoiTool = false;
    QRect m_aoi;
    QPointF m_aoiStart;
    QPointF m_aoiPress; // where the press was, in widget pixels
    bool m_aoiMoved = false; // past the drag distance: a click with a wobble replaced the AOI
    bool m_aoiDrawable = true;
    bool m_fitOnResize = true;
    std::shared_ptr<const Outlines> m_outlines;
    QPointF m_outlineShift;
    bool m_outlinesVisible = true;
    int m_selectedOutline = -1;
    QList<QPolygonF> m_footprints;
    int m_selectedFootprint = -1;
};

} // namespace unclouded::ui
