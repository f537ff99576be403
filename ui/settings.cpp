#include "ui/settings.h"

#include <algorithm>
#include <memory>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>

#include "core/masks/mask.h"

namespace unclouded::ui {

QSettings& settingsStore()
{
    thread_local std::unique_ptr<QSettings> store;
    thread_local QString storeFor;
    const QString key = QCoreApplication::organizationName() + QLatin1Char('\n')
        + QCoreApplication::applicationName() + QLatin1Char('\n')
        + QString::number(static_cast<int>(QSettings::defaultFormat())) + QLatin1Char('\n')
        + QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    if (!store || key != storeFor) {
        store.reset(); // writes what the old one gathered
        store = std::make_unique<QSettings>();
        storeFor = key;
    }
    return *store;
}

namespace {

void name(QWidget* w, const QString& key)
{
    if (w->objectName().isEmpty())
        w->setObjectName(key);
}

// Restores only a value the user stored: a widget's own default stays the default.
template <typename T> bool stored(const Setting<T>& setting)
{
    return settingsStore().contains(setting.key());
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

namespace settings {

QSet<int> storedHiddenClasses(bool* chosen)
{
    const QStringList stored = hiddenClasses.get();
    if (chosen)
        *chosen = !stored.isEmpty();
    QSet<int> out;
    if (stored.isEmpty()) { // never set: core's defaults
        for (int c : MaskSpec().classes)
            out.insert(c);
        return out;
    }
    for (const QString& c : stored) {
        bool ok = false;
        const int v = c.toInt(&ok);
        if (ok) // "none" (the choice of none) adds nothing
            out.insert(v);
    }
    return out;
}

void storeHiddenClasses(const QSet<int>& classes)
{
    QList<int> sorted(classes.begin(), classes.end());
    std::sort(sorted.begin(), sorted.end());
    QStringList out;
    for (int c : sorted)
        out << QString::number(c);
    hiddenClasses.set(out.isEmpty() ? QStringList { QStringLiteral("none") } : out);
}

} // namespace settings

} // namespace unclouded::ui
