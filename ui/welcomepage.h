// The centre of the window while nothing is open: open a product or the demo, recent products
// (date, tile, level from their names), the drag-and-drop hint.
#pragma once

#include <QWidget>

class QListWidget;
class QPushButton;

namespace unclouded::ui {

class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);
    void setRecent(const QStringList& paths);
    // The built-in demo product's cloudy date, when `make run` or make-demo.sh generated it.
    static QString demoProduct();
    // False for a local path that is gone (moved or deleted); a remote item (an address, a /vsi
    // path) is only known when opened.
    static bool mayStillExist(const QString& path);

Q_SIGNALS:
    void openRequested();
    void openFolderRequested();
    void openPathRequested(const QString& path);

private:
    QListWidget* m_recent;
    QPushButton* m_demo;
};

} // namespace unclouded::ui
