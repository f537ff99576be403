// The mouse wheel over a form that scrolls scrolls the form: a combo box or spin box inside a scroll
// area changes with the wheel only after the user clicked it, never because it passed under the
// pointer while the form scrolled (a panel's remembered option changed silently otherwise).
#pragma once

#include <QObject>

namespace unclouded::ui {

// An event filter for the whole application (MainWindow installs one on qApp).
class WheelGuard : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace unclouded::ui
