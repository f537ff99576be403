// Display dock: composite, custom RGB bands, stretch mode and gamma.
#pragma once

#include <utility>

#include <QWidget>

#include "ui/rendering.h"

class QComboBox;
class QDoubleSpinBox;

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

} // namespace unclouded::ui
