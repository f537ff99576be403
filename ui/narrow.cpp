#include "ui/narrow.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>

namespace unclouded::ui {

void letCombosShrink(QWidget* panel, int chars)
{
    for (QComboBox* c : panel->findChildren<QComboBox*>())
        if (c->sizeAdjustPolicy() == QComboBox::AdjustToContentsOnFirstShow) {
            c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
            c->setMinimumContentsLength(chars);
            // Qt keeps a minimum size computed before (a layout asked already): a style change drops it.
            QEvent styleChanged(QEvent::StyleChange);
            QCoreApplication::sendEvent(c, &styleChanged);
        }
}

} // namespace unclouded::ui
