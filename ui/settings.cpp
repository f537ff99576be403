#include "ui/settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSlider>
#include <QSpinBox>

namespace unclouded::ui {

namespace {

void name(QWidget* w, const QString& key)
{
    if (w->objectName().isEmpty())
        w->setObjectName(key);
}

// Restores only a value the user stored: a widget's own default stays the default.
template <typename T> bool stored(const Setting<T>& setting)
{
    return QSettings().contains(setting.key());
}

template <typename Widget, typename T, typename Setter, typename Signal>
void bind(Widget* widget, const Setting<T>& setting, Setter setter, Signal changed)
{
    name(widget, setting.key());
    if (stored(setting))
        (widget->*setter)(setting.get());
    QObject::connect(widget, changed, widget, [setting](T v) { setting.set(v); });
}

} // namespace

void remember(QComboBox* combo, const Setting<QString>& setting)
{
    name(combo, setting.key());
    if (stored(setting)) {
        const QString value = setting.get();
        for (int i = 0; i < combo->count(); ++i)
            if (combo->itemData(i).toString() == value) // int or string data alike
                combo->setCurrentIndex(i);
    }
    QObject::connect(combo, &QComboBox::currentIndexChanged, combo,
        [combo, setting](int i) { setting.set(combo->itemData(i).toString()); });
}

void remember(QSpinBox* spin, const Setting<int>& setting)
{
    bind(spin, setting, &QSpinBox::setValue, &QSpinBox::valueChanged);
}

void remember(QDoubleSpinBox* spin, const Setting<double>& setting)
{
    bind(spin, setting, &QDoubleSpinBox::setValue, &QDoubleSpinBox::valueChanged);
}

void remember(QCheckBox* check, const Setting<bool>& setting)
{
    bind(check, setting, &QCheckBox::setChecked, &QCheckBox::toggled);
}

void remember(QSlider* slider, const Setting<int>& setting)
{
    bind(slider, setting, &QSlider::setValue, &QSlider::valueChanged);
}

} // namespace unclouded::ui
