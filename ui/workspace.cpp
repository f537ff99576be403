#include "ui/workspace.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

#include <QDateTime>

#include "core/common/paths.h"

namespace unclouded::ui {

int LayerModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant LayerModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= count())
        return {};
    const Layer& l = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return l.label;
    case Qt::ToolTipRole:
    case PathRole:
        return l.product->info().path;
    default:
        return {};
    }
}

int LayerModel::append(const Layer& layer)
{
    const int row = count();
    beginInsertRows({}, row, row);
    m_layers.push_back(layer);
    endInsertRows();
    return row;
}

void LayerModel::replace(int row, const Layer& layer)
{
    m_layers[static_cast<size_t>(row)] = layer;
    Q_EMIT dataChanged(index(row), index(row));
}

void LayerModel::remove(int row)
{
    beginRemoveRows({}, row, row);
    m_layers.erase(m_layers.begin() + row);
    endRemoveRows();
}

void LayerModel::setCoverageStale(int row)
{
    m_layers[static_cast<size_t>(row)].coverageReady = false;
}

void LayerModel::setCoverage(int row, const Coverage& coverage)
{
    Layer& l = m_layers[static_cast<size_t>(row)];
    l.coverage = coverage;
    l.coverageReady = true;
}

QStringList LayerModel::paths() const
{
    QStringList out;
    for (const Layer& l : m_layers)
        out << l.product->info().path;
    return out;
}

Workspace::Workspace(QObject* parent)
    : QObject(parent)
    , m_layers(new LayerModel(this))
{
}

std::shared_ptr<Product> Workspace::currentProduct() const
{
    return m_current >= 0 && m_current < m_layers->count() ? m_layers->at(m_current).product : nullptr;
}

void Workspace::attachedMasks(const QStringList& paths, QStringList& files, QList<MaskKind>& kinds) const
{
    files.clear();
    kinds.clear();
    for (const QString& path : paths) {
        QString file;
        MaskKind kind = MaskKind::None;
        for (int i = 0; i < m_layers->count() && file.isEmpty(); ++i)
            if (const ProductInfo& info = m_layers->at(i).product->info(); samePath(info.path, path)) {
                std::tie(file, kind) = attachedMask(info);
            }
        files << file;
        kinds << kind;
    }
    if (std::all_of(files.begin(), files.end(), [](const QString& f) { return f.isEmpty(); })) {
        files.clear();
        kinds.clear();
    }
}

QStringList Workspace::referenceCandidates() const
{
    const std::shared_ptr<Product> current = currentProduct();
    return current ? referenceCandidates(*current, m_current) : QStringList();
}

QStringList Workspace::referenceCandidates(const Product& product, int self) const
{
    QStringList others;
    const ProductInfo& c = product.info();
    const QStringList bands = product.bandNames();
    // Times as written differ (a SAFE's milliseconds, a file name's seconds): within a minute is
    // the same acquisition.
    auto sameAcquisition = [](const ProductInfo& a, const ProductInfo& b) {
        const QDateTime s = QDateTime::fromString(a.sensingTime, Qt::ISODateWithMs),
                        t = QDateTime::fromString(b.sensingTime, Qt::ISODateWithMs);
        return samePath(a.path, b.path) || (s.isValid() && t.isValid() && std::llabs(s.secsTo(t)) < 60);
    };
    // One product under two names (a SAFE folder, its MTD_MSIL2A.xml, its .zip: one PRODUCT_URI). A
    // clean result of that date is another product (its own name): offered beside it.
    auto sameProduct = [&](const ProductInfo& a, const ProductInfo& b) {
        return samePath(a.path, b.path)
            || (!a.productName.isEmpty() && a.productName == b.productName && sameAcquisition(a, b));
    };
    QList<const ProductInfo*> offered;
    for (int i = 0; i < m_layers->count(); ++i) {
        const Product& other = *m_layers->at(i).product;
        const ProductInfo& o = other.info();
        // The same product opened twice, or another of the same acquisition, is no other date, and
        // one product open twice is one other date ("All 2 other dates" counted a SAFE and its
        // MTD_MSIL2A.xml); one without all of this product's bands would fail the job (an RGB
        // export, say).
        const bool skip = sameAcquisition(o, c)
            || std::any_of(
                offered.begin(), offered.end(), [&](const ProductInfo* p) { return sameProduct(o, *p); });
        const bool allBands = std::all_of(
            bands.begin(), bands.end(), [&](const QString& b) { return other.bandIndex(b) >= 0; });
        // Another window of the same grid (an AOI and its whole tile) is read on this one's pixels,
        // another CRS or pixel grid resampled onto them.
        if (i != self && !skip && allBands && (sameGrid(c, o) || gridCoverage(c, o) > 0)) {
            others << o.path;
            offered << &o;
        }
    }
    return others;
}

QHash<QString, ReferenceFit> Workspace::referenceCoverage() const
{
    const std::shared_ptr<Product> current = currentProduct();
    return current ? referenceCoverage(*current, *m_layers) : QHash<QString, ReferenceFit>();
}

QHash<QString, ReferenceFit> Workspace::referenceCoverage(const Product& product, const LayerModel& layers)
{
    QHash<QString, ReferenceFit> out;
    const ProductInfo& p = product.info();
    for (int i = 0; i < layers.count(); ++i) {
        const ProductInfo& o = layers.at(i).product->info();
        out.insert(o.path, { gridCoverage(p, o), !sameGrid(p, o) && !alignableGrid(p, o) });
    }
    return out;
}

void Workspace::removeLayer(int row)
{
    if (row < 0 || row >= m_layers->count())
        return;
    const std::shared_ptr<const Product> product = m_layers->at(row).product;
    // The current layer after the removal: the one above a closed current row, else the one below
    // (now at the same row), as a list view picks.
    if (row < m_current || (row == m_current && row > 0))
        --m_current;
    else if (row == m_current && m_layers->count() == 1)
        m_current = -1;
    m_removing = true;
    m_layers->remove(row);
    m_removing = false;
    Q_EMIT layerRemoved(product);
    Q_EMIT currentChanged(m_current);
}

void Workspace::setCurrentIndex(int index)
{
    if (m_removing || index < 0 || index >= m_layers->count())
        return;
    m_current = index;
    Q_EMIT currentChanged(index);
}

void Workspace::setMaskSpec(const MaskSpec& spec)
{
    m_mask = spec;
    Q_EMIT maskSpecChanged(spec);
}

void Workspace::setAoi(const QRect& aoi)
{
    m_aoi = aoi;
    Q_EMIT aoiChanged(aoi);
}

} // namespace unclouded::ui
