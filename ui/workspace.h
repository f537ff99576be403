// What the user has open and chosen: the layers (open products, as a list model the Layers dock
// shows), the current one, the mask spec and the AOI. The main window changes it; panels observe
// it (setWorkspace) instead of being told each change by hand.
#pragma once

#include <memory>
#include <vector>

#include <QAbstractListModel>
#include <QPair>
#include <QRect>
#include <QStringList>

#include "core/io/product.h"
#include "core/masks/mask.h"

namespace unclouded::ui {

// How a date fits a product's grid, for the Reference lists: the share of the product it covers
// (gridCoverage), and whether it is resampled onto its pixels (another CRS or pixel grid: warpTo).
struct ReferenceFit
{
    double coverage = 1;
    bool resampled = false;
};

// The mask file the user attached to a product (a GeoTIFF and its mask) and its kind; an empty file
// for the product's own SCL or cloud mask, or none.
inline QPair<QString, MaskKind> attachedMask(const ProductInfo& info)
{
    const bool attached = !info.maskIsProducts && !info.maskFile.isEmpty() && info.maskKind != MaskKind::None;
    return attached ? qMakePair(info.maskFile, info.maskKind) : qMakePair(QString(), MaskKind::None);
}

class LayerModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { PathRole = Qt::UserRole + 1 };
    struct Layer
    {
        std::shared_ptr<Product> product;
        QString label;
        Coverage coverage {};
        bool coverageReady = false;
    };

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    int append(const Layer& layer); // its row
    void replace(int row, const Layer& layer);
    void remove(int row);
    void setCoverage(int row, const Coverage& coverage);
    void setCoverageStale(int row); // counted with other classes or buffer: counted again
    const Layer& at(int row) const { return m_layers[static_cast<size_t>(row)]; }
    int count() const { return static_cast<int>(m_layers.size()); }
    QStringList paths() const;

private:
    std::vector<Layer> m_layers;
};

class Workspace : public QObject
{
    Q_OBJECT
public:
    explicit Workspace(QObject* parent = nullptr);

    LayerModel* layers() const { return m_layers; }
    int currentIndex() const { return m_current; }
    std::shared_ptr<Product> currentProduct() const;
    // The other layers on the current product's grid (or another window of it: alignableGrid), of
    // another acquisition and with all of its bands: the dates that can fill it (reference
    // candidates). A product of another tile or
    // without a band would only be refused when the job starts; one of the same acquisition adds
    // nothing.
    QStringList referenceCandidates() const;
    // The same for any product (a truth GeoTIFF an evaluation hides, say); self: its layer, or -1.
    QStringList referenceCandidates(const Product& product, int self = -1) const;
    // How much of the current product (or `product`) each layer covers, by path (gridCoverage), and
    // whether it is resampled onto its pixels: what the Reference lists say of a date on another
    // window of its grid, or on another CRS or pixel grid.
    QHash<QString, ReferenceFit> referenceCoverage() const;
    static QHash<QString, ReferenceFit> referenceCoverage(const Product& product, const LayerModel& layers);
    const MaskSpec& maskSpec() const { return m_mask; }
    QRect aoi() const { return m_aoi; }
    // The masks the user attached to the open layers of these paths (a GeoTIFF and its mask file),
    // parallel to them: an empty file where a date has its own classes or is not open. Both lists
    // stay empty when no date has one.
    void attachedMasks(const QStringList& paths, QStringList& files, QList<MaskKind>& kinds) const;
    // Closes a layer: layerRemoved, then currentChanged for the layer current now (the one above a
    // closed current layer, else the one below; -1 when none is left): every panel's list of
    // layers is rebuilt, as when the user selects one. Jobs keep what they read.
    void removeLayer(int row);

public Q_SLOTS:
    // Also re-announces the current layer when it is the same row (its product was replaced).
    void setCurrentIndex(int index);
    void setMaskSpec(const MaskSpec& spec);
    void setAoi(const QRect& aoi);

Q_SIGNALS:
    void currentChanged(int index); // -1: no layer is open
    void layerRemoved(const std::shared_ptr<const Product>& product);
    void maskSpecChanged(const MaskSpec& spec);
    void aoiChanged(const QRect& aoi);

private:
    LayerModel* m_layers;
    int m_current = -1;
    // While a row goes: a list view announces its own new current row then, by the old rows (the
    // one below a closed first row is still row 1), and setCurrentIndex ignores it.
    bool m_removing = false;
    MaskSpec m_mask;
    QRect m_aoi;
};

} // namespace unclouded::ui
