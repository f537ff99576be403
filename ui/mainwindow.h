// The main window: map in the centre; layers, product metadata, display, scene classes and the
// pixel inspector in docks. Products load in the background; errors never block.
#pragma once

#include <array>
#include <memory>

#include <QMainWindow>
#include <QStringList>

#include "core/io/product.h"
#include "core/masks/mask.h"
#include "ui/rendering.h"

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QListView;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QToolButton;
class QTreeWidget;

namespace unclouded::ui {

class DisplayPanel;
class EvalPanel;
class FieldsPanel;
class SearchPanel;
class JobRunner;
class MapView;
class PixelInspector;
class ReconPanel;
class SclPanel;
class SwipeView;
class TrainPanel;
class Workspace;
class WelcomePage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a product (SAFE folder, .zip, MTD_MSIL*.xml or GeoTIFF) in the background; errors are shown,
    // never thrown. With a mask file, a product that is open replaces its layer (the mask attached);
    // one that is not opens as a new layer.
    void openProduct(const QString& path, const QString& maskPath = {}, MaskKind maskKind = MaskKind::None);
    // Attaches a mask file to the current product (File > Open Mask File): polygons as they are; a
    // raster's values are counted in the background and, when it holds more than 0 and one other,
    // the user says which hide the ground (maskValuesAsked is emitted with the dialog open).
    void openMaskFile(const QString& file);
    QStringList recentFiles() const;
    QDockWidget* dock(const QString& objectName) const;
    MapView* mapView() const { return m_map; }
    TrainPanel* trainPanel() const { return m_train; }
    ReconPanel* reconPanel() const { return m_recon; }
    EvalPanel* evalPanel() const { return m_eval; }
    FieldsPanel* fieldsPanel() const { return m_fields; }
    SearchPanel* searchPanel() const { return m_search; }
    PixelInspector* pixelInspector() const { return m_inspector; }
    // Field boundaries (any OGR vector format) over the current product: outlines on the map,
    // statistics in the Fields dock. Errors are shown; false when the file cannot be used.
    bool openParcels(const QString& path);
    void setCurrentLayer(int index);
    // Closes a layer (File > Close Layer, Delete in the Layers dock): its product leaves the map,
    // the comparison and every dock's lists; jobs reading it run on. The last one closed shows
    // the welcome page again.
    void closeLayer(int index);
    SwipeView* swipeView() const { return m_swipe; }
    // Shows a reconstruction of the current product beside it (swipe view) once it is opened in the
    // background, then emits comparisonShown; errors are shown.
    // before: the product the result rebuilt; empty: the one the Reconstruction dock's job read
    // (`unclouded PRODUCT --compare RESULT` gives the first layer: no job ran).
    void showComparison(const QString& resultPath, const QString& maskPath, const QString& methodLabel,
        std::shared_ptr<const Product> before = nullptr);

    // Both sides in the swipe view (before: the current layer's product), switched to it.
    void presentComparison(const std::shared_ptr<const Product>& before,
        const std::shared_ptr<const Product>& after, const QString& methodLabel, const QString& resultPath);
    // A run's live view ended with no comparison of its own: the one shown before it comes back
    // (not when `written`, the run's output, replaced its result's file).
    void restoreKeptComparison(const QString& written = {});
    std::shared_ptr<const Product> currentProduct() const;
    bool isLoading() const;

    // Tasks group the docks: each shows only what it needs (tabified where they share an area),
    // the map keeps the rest. Ids: inspect, train, reconstruct, evaluate, fields, search. Each task's
    // dock layout (what the user moved, opened or closed in it) is stored on leaving it and at exit.
    static QStringList taskIds();
    QString task() const { return m_task; }
    void setTask(const QString& id);
    // The docks a task shows by default, in placement order.
    static QStringList taskDocks(const QString& id);

Q_SIGNALS:
    void taskChanged(const QString& id);
    void productOpened(const QString& path);
    void productOpenEnded(); // an open that failed or was cancelled (its error shown)
    void errorShown(const QString& message);
    void coverageReady(int layer);
    void displayReady(); // the map shows the current layer with its stretch
    void comparisonShown(const QString& resultPath);
    void maskValuesAsked();
    void quitWhileRunningAsked(); // emitted with the question open (closing while a job runs)

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void openNextDropped(); // the next product dropped, else the parcels dropped with them
    void closeEvent(QCloseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    // The task buttons go to a row of their own when both tool bars do not fit in one (at 900 x 600
    // they hid behind the extension arrow), and come back when they fit again.
    void wrapToolBars();
    void updateBusy(); // the busy bar while a product opens or a mask's values are counted
    void askMaskValues(const QString& file, const QString& product, const MaskValueCounts& counts);
    void createActions();
    void createDocks();
    void createTasks();
    void applyTaskDefault(const QString& id); // the task's own docks, placed and sized
    void saveTaskState();
    void showDockOfTask(const QString& dockName); // raised, in a task that shows it
    void fitToScreen();
    // The screen the window is on, as the layouts are kept: its available size ("1366x768").
    QString screenKey() const;
    void resetLayout();
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    void showAbout();
    void showPreferences();
    void applyPreferences(); // after Preferences' OK: what can change at once
    void showShortcuts();
    void showUserGuide();
    void showError(const QString& message);
    void loadFinished(const std::shared_ptr<Product>& product);
    void stretchFinished(const std::shared_ptr<const Product>& product, const RenderParams& params);
    void startCoverage(int index);
    void startQueuedCoverage();
    void layerClosed(const std::shared_ptr<const Product>& product);
    void showLayer(int index);
    // The parcels' outlines on the map where the current layer is on their grid (shifted for an AOI of
    // it), none where it is not.
    void placeOutlines();
    // The map's settings as the Display and Scene classes panels give them now (a manual stretch
    // included; a computed one is the map's).
    RenderParams panelRenderParams() const;
    // Where the current layer's pixel (0, 0) lies on the parcels' grid; false without parcels or a
    // layer on that grid.
    bool parcelsOffset(int& ox, int& oy) const;
    void applyDisplay(bool restretch);
    void fillMetadata(const ProductInfo& info);
    MaskSpec currentMaskSpec() const;

    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QLabel* m_coordLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
    QStackedWidget* m_stack = nullptr;
    MapView* m_map = nullptr;
    Workspace* m_workspace = nullptr; // layers, current layer, mask spec, AOI
    QListView* m_layerList = nullptr;
    QTreeWidget* m_metadata = nullptr;
    DisplayPanel* m_display = nullptr;
    SclPanel* m_scl = nullptr;
    PixelInspector* m_inspector = nullptr;
    TrainPanel* m_train = nullptr;
    ReconPanel* m_recon = nullptr;
    EvalPanel* m_eval = nullptr;
    FieldsPanel* m_fields = nullptr;
    SearchPanel* m_search = nullptr;
    WelcomePage* m_welcome = nullptr;
    QActionGroup* m_taskActions = nullptr;
    QString m_task;
    bool m_welcomeMode = false; // nothing opened and no task chosen yet: no docks beside the welcome page
    bool m_autoBreak = false; // the break before the task bar is wrapToolBars()'s, not the user's
    SwipeView* m_swipe = nullptr;
    QAction* m_compareAction = nullptr;
    QString m_compareLabel;
    // The comparison shown when a reconstruction starts, shown again if it is cancelled or fails.
    struct KeptComparison
    {
        std::shared_ptr<const Product> before, after;
        QString label;
        QString resultPath; // the file of `after`
    };
    KeptComparison m_keptComparison;
    // A result made from a layer the user left while it ran: shown when that layer is selected again.
    KeptComparison m_waitingComparison;
    QStringList m_dropQueue; // products dropped together, opened one after the other
    QString m_droppedParcels; // field boundaries dropped with them, opened last
    JobRunner* m_loader = nullptr; // opening a product
    JobRunner* m_maskCount = nullptr; // counting a mask file's values before asking about them
    JobRunner* m_coverage = nullptr; // class coverage of a layer
    JobRunner* m_stretch = nullptr; // the display's percentile stretch
    JobRunner* m_compareOpen = nullptr; // a reconstruction opened for the comparison
    QString m_loadingPath;
    std::shared_ptr<const Product> m_replaceTarget; // the layer a load with a mask file replaces
    bool m_replaceTargetClosed = false; // ... closed while the load ran: its result is dropped
    QLabel* m_aoiLabel = nullptr;
    // The layers counted next, in order (products: rows move as layers close), and the one counting.
    std::vector<std::shared_ptr<const Product>> m_coverageQueue;
    std::shared_ptr<const Product> m_coverageCounting;
    MaskSpec m_coverageSpec; // the classes and buffer every layer was last counted with
    void recountAllCoverage(); // the classes or buffer changed: the current layer first, then the others
    QAction* m_closeLayerAction = nullptr;
};

} // namespace unclouded::ui
