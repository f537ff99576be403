#include "ui/wheelguard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QWidget>

namespace unclouded::ui {

namespace {

bool isField(QWidget* w)
{
    return qobject_cast<QComboBox*>(w) || qobject_cast<QAbstractSpinBox*>(w);
}

// The field a widget belongs to: itself, or the spin box around its line edit.
QWidget* fieldOf(QWidget* w)
{
    for (; w && !w->isWindow(); w = w->parentWidget())
        if (isField(w))
            return w;
    return nullptr;
}

QAbstractScrollArea* scrollAreaAround(QWidget* field)
{
    for (QWidget* w = field->parentWidget(); w && !w->isWindow(); w = w->parentWidget())
        if (auto* area = qobject_cast<QAbstractScrollArea*>(w))
            return area;
    return nullptr;
}

} // namespace

bool WheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    // Every event of the application passes here: the type first.
    if ((event->type() != QEvent::Polish && event->type() != QEvent::Wheel) || !watched->isWidgetType())
        return false;
    auto* widget = static_cast<QWidget*>(watched);
    if (event->type() == QEvent::Polish) {
        // QApplication gives a field with Qt::WheelFocus the focus before any filter sees the wheel
        // event: inside a scroll area, a click or Tab gives it focus instead.
        if (isField(widget) && widget->focusPolicy() == Qt::WheelFocus && scrollAreaAround(widget))
            widget->setFocusPolicy(Qt::StrongFocus);
        return false;
    }
    QWidget* field = fieldOf(widget);
    if (!field || field->hasFocus())
        return false;
    if (QAbstractScrollArea* area = scrollAreaAround(field)) {
        QCoreApplication::sendEvent(area->viewport(), event); // the form scrolls instead
        return true;
    }
    return false; // not in a scroll area: Qt's own behaviour
}

} // namespace unclouded::ui
