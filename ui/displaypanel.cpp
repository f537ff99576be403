#include "ui/displaypanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include "ui/narrow.h"
#include "ui/settings.h"

namespace unclouded::ui {

DisplayPanel::DisplayPanel(QWidget* parent)
    : QWidget(parent)
{
    m_composite = new QComboBox(this);
    m_composite->setObjectName(QStringLiteral("compositeCombo"));
    for (Composite c : { Composite::TrueColour, Composite::FalseColourNir, Composite::Agriculture,
             Composite::Swir, Composite::Ndvi, Composite::Custom })
        m_composite->addItem(compositeName(c), static_cast<int>(c));
    m_stretch = new QComboBox(this);
    m_stretch->setObjectName(QStringLiteral("stretchCombo"));
    m_stretch->addItem(tr("2–98 % (clear pixels)"), QStringLiteral("2-98"));
    m_stretch->addItem(tr("Min / max"), QStringLiteral("minmax"));
    m_stretch->addItem(tr("Manual"), QStringLiteral("manual"));
    m_composite->setToolTip(tr("Which bands the map shows as red, green and blue (or the NDVI ramp)"));
    m_stretch->setToolTip(tr("How reflectance maps to brightness: the 2nd to 98th percentile of the clear "
                             "pixels, the full range, or your own limits"));
    m_gamma = new QDoubleSpinBox(this);
    m_gamma->setToolTip(tr("Brightness curve after the stretch: above 1 brightens the dark tones"));
    m_gamma->setRange(0.2, 3.0);
    m_gamma->setSingleStep(0.1);
    m_gamma->setValue(1.0);
    remember(m_composite, settings::composite);
    remember(m_stretch, settings::stretchMode);
    remember(m_gamma, settings::gamma);
    m_customRow = new QWidget(this);
    auto* rgbLay = new QHBoxLayout(m_customRow);
    rgbLay->setContentsMargins(0, 0, 0, 0);
    for (auto& c : m_rgb) {
        c = new QComboBox(m_customRow);
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon); // three in a row
        c->setMinimumContentsLength(3);
        c->setToolTip(&c == &m_rgb[0] ? tr("Band shown in red")
                : &c == &m_rgb[1]     ? tr("Band shown in green")
                                      : tr("Band shown in blue"));
        rgbLay->addWidget(c);
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            if (composite() == Composite::Custom)
                Q_EMIT changed();
        });
    }
    m_manualRow = new QWidget(this);
    auto* mLay = new QHBoxLayout(m_manualRow);
    mLay->setContentsMargins(0, 0, 0, 0);
    m_min = new QDoubleSpinBox(m_manualRow);
    m_max = new QDoubleSpinBox(m_manualRow);
    m_min->setToolTip(tr("Reflectance shown as black"));
    m_max->setToolTip(tr("Reflectance shown as white"));
    for (QDoubleSpinBox* b : { m_min, m_max }) {
        b->setRange(-0.1, 2.0);
        b->setDecimals(3);
        b->setSingleStep(0.01);
        mLay->addWidget(b);
        connect(b, &QDoubleSpinBox::valueChanged, this, [this] {
            if (stretchMode() == QLatin1String("manual"))
                Q_EMIT changed();
        });
    }
    m_min->setValue(0.0);
    m_max->setValue(0.3);
    auto* form = new QFormLayout(this);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows); // the three band combos under their label when narrow
    form->addRow(tr("Composite"), m_composite);
    form->addRow(tr("R, G, B"), m_customRow);
    form->addRow(tr("Stretch"), m_stretch);
    form->addRow(tr("Min, max"), m_manualRow);
    form->addRow(tr("Gamma"), m_gamma);
    letCombosShrink(this, 10);
    auto sync = [this] {
        m_customRow->setEnabled(composite() == Composite::Custom);
        m_manualRow->setEnabled(stretchMode() == QLatin1String("manual"));
    };
    sync();
    connect(m_composite, &QComboBox::currentIndexChanged, this, sync);
    connect(m_stretch, &QComboBox::currentIndexChanged, this, sync);
    connect(m_composite, &QComboBox::currentIndexChanged, this, &DisplayPanel::changed);
    connect(m_stretch, &QComboBox::currentIndexChanged, this, &DisplayPanel::changed);
    connect(m_gamma, &QDoubleSpinBox::valueChanged, this, &DisplayPanel::changed);
}

Composite DisplayPanel::composite() const
{
    return static_cast<Composite>(m_composite->currentData().toInt());
}
QString DisplayPanel::stretchMode() const
{
    return m_stretch->currentData().toString();
}
float DisplayPanel::gamma() const
{
    return static_cast<float>(m_gamma->value());
}

void DisplayPanel::setBands(const QStringList& bands)
{
    const QStringList defaults { QStringLiteral("B04"), QStringLiteral("B03"), QStringLiteral("B02") };
    for (int i = 0; i < 3; ++i) {
        const QSignalBlocker block(m_rgb[i]);
        const QString keep = m_rgb[i]->currentText();
        m_rgb[i]->clear();
        m_rgb[i]->addItems(bands);
        const int k = m_rgb[i]->findText(keep.isEmpty() ? defaults[i] : keep);
        m_rgb[i]->setCurrentIndex(k >= 0 ? k : std::min<int>(i, static_cast<int>(bands.size()) - 1));
    }
}

QStringList DisplayPanel::customBands() const
{
    return { m_rgb[0]->currentText(), m_rgb[1]->currentText(), m_rgb[2]->currentText() };
}

std::pair<float, float> DisplayPanel::manualRange() const
{
    return { static_cast<float>(m_min->value()),
        static_cast<float>(std::max(m_min->value() + 1e-3, m_max->value())) };
}

} // namespace unclouded::ui
