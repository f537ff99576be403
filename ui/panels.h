// Dock panels of the viewer: display (composite, stretch), SCL legend and overlay, pixel inspector.
#pragma once

#include "core/masks/mask.h"
#include "ui/rendering.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QSlider;
class QSpinBox;
class QTreeWidget;

namespace unclouded::ui {

class DisplayPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DisplayPanel(QWidget* parent = nullptr);
    Composite composite() const;
    QString stretchMode() const; // "2-98", "minmax", "manual"
    float gamma() const;
    void setBands(const QStringList& bands); // fills the custom RGB choices
    QStringList customBands() const;
    std::pair<float, float> manualRange() const;
    QComboBox* compositeCombo() const { return m_composite; }

Q_SIGNALS:
    void changed();

private:
    QComboBox* m_composite;
    QComboBox* m_stretch;
    QDoubleSpinBox* m_gamma;
    QComboBox* m_rgb[3];
    QDoubleSpinBox* m_min;
    QDoubleSpinBox* m_max;
    QWidget* m_customRow;
    QWidget* m_manualRow;
};

class SclPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SclPanel(QWidget* parent = nullptr);
    // pending: the coverage is still being counted (classes listed, figures shown as "…").
    void setCoverage(const Coverage& coverage, bool hasClasses, bool pending = false);
    QSet<int> selectedClasses() const;
    float opacity() const;
    bool outline() const;
    bool overlayVisible() const;
    int buffer() const;
    QTreeWidget* legend() const { return m_legend; }

Q_SIGNALS:
    void changed();
    void bufferChanged(int px);

private:
    QTreeWidget* m_legend;
    QSlider* m_opacity;
    QCheckBox* m_outline;
    QCheckBox* m_show;
    QSpinBox* m_buffer;
    bool m_updating = false;
};

class PixelInspector : public QWidget
{
    Q_OBJECT
public:
    explicit PixelInspector(QWidget* parent = nullptr);
    // Reads every band at one grid pixel and shows it (values, NDVI, class, spectrum). With `after`
    // (a reconstruction on the same grid) each value reads "before → after" and both spectra are drawn.
    void inspect(const Product& product, int x, int y, const Product* after = nullptr, const QString& method = {});
    QTreeWidget* table() const { return m_table; }

private:
    QTreeWidget* m_table;
    QCustomPlot* m_plot;
};

} // namespace unclouded::ui
