// The main window: menus, toolbar, status bar and the dock areas that hold the panels.
#pragma once

#include <QMainWindow>
#include <QStringList>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;

namespace unclouded::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a product (SAFE folder, .zip, MTD_MSIL*.xml or GeoTIFF); errors are shown, never thrown.
    void openProduct(const QString& path);
    QStringList recentFiles() const;
    QDockWidget* dock(const QString& objectName) const;

Q_SIGNALS:
    void productOpened(const QString& path);
    void errorShown(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createDocks();
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    void showAbout();
    void showError(const QString& message);

    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QLabel* m_coordLabel = nullptr;
    QLabel* m_welcome = nullptr;
    QProgressBar* m_progress = nullptr;
    QString m_currentPath;
    bool m_realData = false;
};

} // namespace unclouded::ui
