#include "ui/mainwindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDataStream>
#include <QDateTime>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainterPath>
#include <QPolygonF>
#include <QProgressBar>
#include <QPushButton>
#include <QResizeEvent>
#include <QScreen>
#include <QScrollArea>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>

#include "core/common/error.h"
#include "core/common/paths.h"
#include "core/io/product.h"
#include "core/io/sentinel2.h"
#include "ui/aboutdialog.h"
#include "ui/displaypanel.h"
#include "ui/evalpanel.h"
#include "ui/fieldspanel.h"
#include "ui/helpdialogs.h"
#include "ui/jobrunner.h"
#include "ui/language.h"
#include "ui/mapview.h"
#include "ui/pixelinspector.h"
#include "ui/preferencesdialog.h"
#include "ui/reconpanel.h"
#include "ui/referencecombo.h"
#include "ui/sclpanel.h"
#include "ui/searchpanel.h"
#include "ui/settings.h"
#include "ui/swipeview.h"
#include "ui/trainpanel.h"
#include "ui/welcomepage.h"
#include "ui/wheelguard.h"
#include "ui/workspace.h"

namespace unclouded::ui {

namespace {
constexpr int kMaxRecent = 10;
constexpr int kLayoutVersion = 2; // dock states saved before tasks existed are not restored

// Where a task puts its docks: `tabWith` names a dock of the same task to share a tab group with.
struct TaskDock
{
    const char* name;
    Qt::DockWidgetArea area;
    const char* tabWith = nullptr;
};
struct TaskDef
{
    const char* id;
    std::vector<TaskDock> docks;
    // The bottom dock's share of the height: where the table is the point of the task (evaluation
    // scores, field statistics) it gets more than the map, which stays as context above it.
    int bottomPercent = 30;
};

const std::vector<TaskDef>& taskDefs()
{
    // Side columns keep the map's full height; only the wide tables (evaluation, fields) go below.
    static const std::vector<TaskDef> defs {
        { "inspect",
            { { "dockLayers", Qt::LeftDockWidgetArea }, { "dockDisplay", Qt::LeftDockWidgetArea },
                { "dockMetadata", Qt::LeftDockWidgetArea, "dockDisplay" },
                { "dockScl", Qt::RightDockWidgetArea }, { "dockInspector", Qt::RightDockWidgetArea } } },
        { "train", // in a side column the Training panel stacks options, curves and previews
            { { "dockLayers", Qt::LeftDockWidgetArea }, { "dockScl", Qt::LeftDockWidgetArea },
                { "dockTraining", Qt::RightDockWidgetArea } } },
        { "reconstruct",
            { { "dockLayers", Qt::LeftDockWidgetArea }, { "dockScl", Qt::LeftDockWidgetArea },
                { "dockReconstruction", Qt::RightDockWidgetArea },
                { "dockInspector", Qt::RightDockWidgetArea, "dockReconstruction" } } },
        { "evaluate",
            { { "dockLayers", Qt::LeftDockWidgetArea }, { "dockEvaluation", Qt::BottomDockWidgetArea } },
            50 },
        { "fields", { { "dockLayers", Qt::LeftDockWidgetArea }, { "dockFields", Qt::BottomDockWidgetArea } },
            50 },
        { "search", { { "dockLayers", Qt::LeftDockWidgetArea }, { "dockSearch", Qt::RightDockWidgetArea } } },
    };
    return defs;
}

const TaskDef* findTask(const QString& id)
{
    for (const TaskDef& t : taskDefs())
        if (id == QLatin1String(t.id))
            return &t;
    return nullptr;
}
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Unclouded"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/unclouded.svg")));
    setAcceptDrops(true);
    resize(1400, 880);
    // Scrolling the docks' forms never changes the option under the pointer (wheelguard.h).
    qApp->installEventFilter(new WheelGuard(this));

    m_welcome = new WelcomePage(this);
    m_map = new MapView(this);
    m_map->setObjectName(QStringLiteral("mapView"));
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_map);
    m_swipe = new SwipeView(this);
    m_stack->addWidget(m_swipe);
    setCentralWidget(m_stack);

    m_workspace = new Workspace(this);
    createActions();
    createDocks();
    createTasks();

    m_coordLabel = new QLabel(this);
    m_coordLabel->setMinimumWidth(380);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(200);
    m_progress->setVisible(false);
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop opening the product"));
    m_cancel->setVisible(false);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    m_aoiLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_aoiLabel);
    statusBar()->addPermanentWidget(m_coordLabel);
    connect(m_map, &MapView::aoiChanged, this, [this](const QRect& a) {
        const auto p = currentProduct();
        const double px = p ? std::abs(p->info().geoTransform[1]) : 10.0;
        m_aoiLabel->setText(a.isEmpty() ? QString()
                                        : tr("AOI %1 x %2 px (%L3 km²)")
                                              .arg(a.width())
                                              .arg(a.height())
                                              .arg(a.width() * a.height() * px * px / 1e6, 0, 'f', 2));
    });
    statusBar()->showMessage(tr("Ready"));
    m_loader = new JobRunner(this);
    m_maskCount = new JobRunner(this);
    connect(m_maskCount, &JobRunner::failed, this, [this](const QString& message) {
        updateBusy();
        showError(message);
    });
    m_coverage = new JobRunner(this);
    m_stretch = new JobRunner(this);
    m_compareOpen = new JobRunner(this);
    connect(m_compareOpen, &JobRunner::failed, this, [this](const QString& message) {
        restoreKeptComparison();
        showError(message);
    });
    connect(m_cancel, &QToolButton::clicked, m_loader, &JobRunner::cancel);
    auto loadEnded = [this] {
        m_replaceTarget.reset();
        m_replaceTargetClosed = false;
        updateBusy();
        m_cancel->setVisible(false);
    };
    connect(m_loader, &JobRunner::cancelled, this, [this, loadEnded] {
        loadEnded();
        statusBar()->showMessage(tr("Opening cancelled"), 5000);
        Q_EMIT productOpenEnded();
    });
    connect(m_loader, &JobRunner::failed, this, [this, loadEnded](const QString& message) {
        loadEnded();
        showError(message);
        Q_EMIT productOpenEnded();
    });
    // Files dropped together open one after the other, whether each opened or not.
    auto nextDropped = [this] {
        if (!m_dropQueue.isEmpty() || !m_droppedParcels.isEmpty())
            QTimer::singleShot(0, this, [this] {
                if (!isLoading())
                    openNextDropped();
            });
    };
    connect(this, &MainWindow::productOpened, this, nextDropped);
    connect(this, &MainWindow::productOpenEnded, this, nextDropped);
    // A coverage that fails or is cancelled leaves the layer without one; the queue goes on.
    auto nextCoverage = [this] { startQueuedCoverage(); };
    connect(m_coverage, &JobRunner::failed, this, nextCoverage);
    connect(m_coverage, &JobRunner::cancelled, this, nextCoverage);
    connect(m_map, &MapView::cursorMoved, this, [this](const QPointF& g) {
        const auto p = currentProduct();
        // The map still shows the layer before (until the new one's stretch arrives): its grid, not this.
        if (!p || m_map->product() != p)
            return;
        double mx = 0, my = 0, lon = 0, lat = 0;
        p->gridToMap(g.x(), g.y(), mx, my);
        QString text = QStringLiteral("px %1, %2")
                           .arg(static_cast<int>(std::floor(g.x())))
                           .arg(static_cast<int>(std::floor(g.y())));
        if (p->info().georeferenced)
            text += QStringLiteral("   E %1  N %2").arg(mx, 0, 'f', 0).arg(my, 0, 'f', 0);
        if (p->gridToLonLat(g.x(), g.y(), lon, lat))
            text += QStringLiteral("   %1°, %2°").arg(lat, 0, 'f', 5).arg(lon, 0, 'f', 5);
        m_coordLabel->setText(text);
    });
    connect(m_map, &MapView::pixelClicked, this, [this](const QPointF& g) {
        if (m_map->product() != currentProduct()) // a click on the layer before: another place
            return;
        int ox = 0, oy = 0;
        if (const auto parcels = m_fields->parcels(); parcels && parcelsOffset(ox, oy)) {
            // a click on a field selects it
            const int i = parcels->parcelAt(g.x() + ox, g.y() + oy);
            m_fields->selectParcel(i);
            m_map->setSelectedOutline(i);
            if (i >= 0)
                dock(QStringLiteral("dockFields"))->raise();
        }
        if (const auto p = currentProduct()) {
            m_inspector->inspect(p, static_cast<int>(std::floor(g.x())), static_cast<int>(std::floor(g.y())));
            dock(QStringLiteral("dockInspector"))->raise();
        }
    });

    // A geometry smaller than any window this one could be made is damaged (a cut or hand-edited
    // settings file), not the user's: Qt restores it, and the window opened at its minimum in a corner.
    // The size is read from the bytes (QWidget::saveGeometry's layout, Qt_4_0 stream: magic,
    // version, frame and normal rectangles, screen, maximized, full screen, screen width, and from
    // version 3 the geometry restored): restoreGeometry clamps it to the minimum size before it can
    // be seen.
    auto restored = [this](const QByteArray& geometry) {
        QDataStream in(geometry);
        in.setVersion(QDataStream::Qt_4_0);
        quint32 magic = 0;
        quint16 major = 0, minor = 0;
        QRect frame, normal, restoredRect;
        qint32 screenNumber = 0, screenWidth = 0;
        quint8 maximized = 0, fullScreen = 0;
        in >> magic >> major >> minor >> frame >> normal >> screenNumber >> maximized >> fullScreen;
        if (major >= 2)
            in >> screenWidth;
        if (major >= 3)
            in >> restoredRect;
        else
            restoredRect = normal;
        auto big = [](const QRect& r) { return r.width() >= 320 && r.height() >= 240; };
        return magic == 0x1D9D0CB && in.status() == QDataStream::Ok && big(normal)
            && (maximized || fullScreen || big(restoredRect)) && restoreGeometry(geometry);
    };
    if (!restored(settings::windowGeometryOn(screenKey()).get()) && !restored(settings::windowGeometry.get()))
        fitToScreen();
    setTask(findTask(settings::task.get()) ? settings::task.get() : QStringLiteral("inspect"));
    // Nothing open yet: the welcome page alone, the task's docks come with the first product (or
    // when a task is chosen).
    m_welcomeMode = true;
    for (QDockWidget* d : findChildren<QDockWidget*>())
        d->hide();
    // A layout saved on a larger screen never spills over this one.
    if (const QScreen* s = screen(); s && !s->availableGeometry().contains(frameGeometry()))
        fitToScreen();
}

MainWindow::~MainWindow()
{
    // The runners cancel and wait in their destructors; the coverage reads a layer's product.
    m_loader->cancel();
    m_coverage->cancel();
    m_loader->waitForFinished();
    m_coverage->waitForFinished();
    m_stretch->waitForFinished();
    // The docks' panels point at the workspace, which ~QWidget deletes before them; a floating
    // dock's focused field, losing focus as it closes, would then reach a freed workspace.
    qDeleteAll(findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly));
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open Product…"));
    open->setObjectName(QStringLiteral("actionOpen"));
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Open a Sentinel-2 product: a SAFE folder, .zip or MTD_MSIL*.xml, a STAC item or a "
                        "GeoTIFF"));
    connect(open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a Sentinel-2 product"), QString(),
            tr("Sentinel-2 products (MTD_MSIL*.xml MTD_TL.xml *.zip *.json *.tif *.tiff);;All files (*)"));
        if (!path.isEmpty())
            openProduct(path);
    });
    connect(m_welcome, &WelcomePage::openRequested, open, &QAction::trigger);
    connect(
        m_welcome, &WelcomePage::openPathRequested, this, [this](const QString& path) { openProduct(path); });
    QAction* openDir = file->addAction(tr("Open &SAFE Folder…"));
    openDir->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    openDir->setToolTip(
        tr("A .SAFE folder, or a folder of one GeoTIFF / COG / JP2 per band (B02.tif, blue.tif, "
           "…_B02_10m.jp2) with its SCL"));
    connect(m_welcome, &WelcomePage::openFolderRequested, openDir, &QAction::trigger);
    connect(openDir, &QAction::triggered, this, [this] {
        const QString dir
            = QFileDialog::getExistingDirectory(this, tr("Open a .SAFE folder or a folder of band files"));
        if (!dir.isEmpty())
            openProduct(dir);
    });
    QAction* openParcelsAction = file->addAction(tr("Open &Parcels…"));
    openParcelsAction->setObjectName(QStringLiteral("actionOpenParcels"));
    openParcelsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    openParcelsAction->setToolTip(tr("Field boundaries: GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML"));
    connect(openParcelsAction, &QAction::triggered, this, [this] {
        if (!currentProduct())
            return showError(tr("Open a product first: the parcels are placed on its grid."));
        const QString f
            = QFileDialog::getOpenFileName(this, tr("Open Parcels"), settings::lastParcelsFolder.get(),
                tr("Vector data (*.gpkg *.geojson *.json *.shp *.zip *.fgb *.kml *.gml);;All files (*)"));
        if (!f.isEmpty()) {
            settings::lastParcelsFolder.set(QFileInfo(f).absolutePath());
            openParcels(f);
        }
    });
    QAction* openScl = file->addAction(tr("Open SC&L File for Current Product…"));
    openScl->setObjectName(QStringLiteral("actionOpenScl"));
    connect(openScl, &QAction::triggered, this, [this] {
        if (!currentProduct())
            return showError(tr("Open a product first, then its SCL or mask file."));
        const QString f = QFileDialog::getOpenFileName(this, tr("Scene classification raster (SCL codes)"),
            QString(), tr("Rasters (*.tif *.tiff *.jp2);;All files (*)"));
        if (!f.isEmpty())
            openProduct(currentProduct()->info().path, f, MaskKind::Scl);
    });
    QAction* openMask = file->addAction(tr("Open &Mask File for Current Product…"));
    openMask->setObjectName(QStringLiteral("actionOpenMask"));
    connect(openMask, &QAction::triggered, this, [this] {
        if (!currentProduct())
            return showError(tr("Open a product first, then its SCL or mask file."));
        const QString f = QFileDialog::getOpenFileName(this,
            tr("Mask (raster: non-zero = hidden; polygons: hidden)"), QString(),
            tr("Masks (*.tif *.tiff *.jp2 *.gml *.gpkg *.shp *.geojson *.kml *.kmz *.fgb);;Rasters (*.tif "
               "*.tiff *.jp2);;Polygons (*.gml *.gpkg *.shp *.geojson *.kml *.kmz *.fgb);;All files (*)"));
        if (!f.isEmpty())
            openMaskFile(f);
    });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("menuRecent"));
    // Files move and vanish while the app runs: looked at each time the menu opens.
    connect(m_recentMenu, &QMenu::aboutToShow, this, [this] {
        for (QAction* a : m_recentMenu->actions())
            if (const QString p = a->data().toString(); !p.isEmpty())
                a->setEnabled(WelcomePage::mayStillExist(p));
    });
    rebuildRecentMenu();
    file->addSeparator();
    m_closeLayerAction = file->addAction(tr("&Close Layer"));
    m_closeLayerAction->setObjectName(QStringLiteral("actionCloseLayer"));
    m_closeLayerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    m_closeLayerAction->setToolTip(
        tr("Remove the current layer from the map and the docks (the files stay)"));
    m_closeLayerAction->setEnabled(false);
    connect(
        m_closeLayerAction, &QAction::triggered, this, [this] { closeLayer(m_workspace->currentIndex()); });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("menuView"));
    // The view the user sees: the comparison's (its two sides follow each other) or the map.
    auto shown = [this] { return m_swipe && m_swipe->isVisible() ? m_swipe->beforeView() : m_map; };
    QAction* fit = m_viewMenu->addAction(tr("Zoom to &Fit"), this, [shown] { shown()->zoomToFit(); });
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    fit->setToolTip(tr("Show the whole product (Ctrl+0)"));
    QAction* one
        = m_viewMenu->addAction(tr("Zoom &1:1 (10 m per pixel)"), this, [shown] { shown()->zoomOneToOne(); });
    one->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    one->setToolTip(tr("One screen pixel per 10 m pixel (Ctrl+1)"));
    one->setIconText(tr("Zoom 1:1")); // the tool bar's shorter label; the menu says what 1:1 is
    auto zoomCentre = [shown](double factor) {
        return [shown, factor] {
            MapView* v = shown();
            v->zoomBy(factor, QPointF(v->width() / 2.0, v->height() / 2.0));
        };
    };
    QAction* zin = m_viewMenu->addAction(tr("Zoom &In"), this, zoomCentre(1.5));
    zin->setObjectName(QStringLiteral("actionZoomIn"));
    zin->setShortcut(QKeySequence::ZoomIn);
    zin->setToolTip(tr("Zoom in on the centre of the map (the mouse wheel zooms where it points)"));
    QAction* zout = m_viewMenu->addAction(tr("Zoom &Out"), this, zoomCentre(1 / 1.5));
    zout->setShortcut(QKeySequence::ZoomOut);
    zout->setToolTip(tr("Zoom out from the centre of the map"));
    m_viewMenu->addSeparator();

    QMenu* settingsMenu = menuBar()->addMenu(tr("&Settings"));
    settingsMenu->setObjectName(QStringLiteral("menuSettings"));
    QAction* prefs = settingsMenu->addAction(QIcon::fromTheme(QStringLiteral("preferences-system")),
        tr("&Preferences…"), this, &MainWindow::showPreferences);
    prefs->setObjectName(QStringLiteral("actionPreferences"));
    prefs->setMenuRole(QAction::PreferencesRole);
    prefs->setShortcut(QKeySequence::keyBindings(QKeySequence::Preferences)
                           .value(0, QKeySequence(Qt::CTRL | Qt::Key_Comma)));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("menuHelp"));
    QAction* guide = help->addAction(QIcon::fromTheme(QStringLiteral("help-contents")), tr("&User Guide"),
        this, &MainWindow::showUserGuide);
    guide->setObjectName(QStringLiteral("actionUserGuide"));
    guide->setShortcut(QKeySequence::HelpContents);
    QAction* keys = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    keys->setObjectName(QStringLiteral("actionShortcuts"));
    keys->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    help->addSeparator();
    QAction* about = help->addAction(tr("&About Unclouded"));
    about->setObjectName(QStringLiteral("actionAbout"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar* tb = addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("toolbarMain"));
    tb->addAction(open);
    tb->addSeparator();
    tb->addAction(fit);
    tb->addAction(one);
    tb->addAction(zin);
    tb->addAction(zout);
    tb->addSeparator();
    QAction* aoiTool = tb->addAction(tr("Draw AOI"));
    aoiTool->setObjectName(QStringLiteral("actionAoiTool"));
    aoiTool->setCheckable(true);
    aoiTool->setToolTip(tr("Drag a rectangle on the map to set the area of interest (Shift+drag works any "
                           "time; Esc clears it)"));
    connect(aoiTool, &QAction::toggled, m_map, &MapView::setAoiTool);
    QAction* clearAoi = tb->addAction(tr("Clear AOI"), this, [this] { m_map->setAoi(QRect()); });
    clearAoi->setToolTip(
        tr("Remove the area of interest: jobs cover the whole product again (Esc on the map)"));
    tb->addSeparator();
    m_compareAction = tb->addAction(tr("Before / After"));
    m_compareAction->setObjectName(QStringLiteral("actionCompare"));
    m_compareAction->setCheckable(true);
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_compareAction->setEnabled(false);
    m_compareAction->setToolTip(
        tr("Compare the product with its reconstruction (swipe, side by side, blink, fade, difference)"));
    connect(m_compareAction, &QAction::toggled, this, [this](bool on) {
        if (on)
            m_swipe->beforeView()->setView(m_map->scale(), m_map->origin());
        else if (m_swipe->before())
            m_map->setView(m_swipe->beforeView()->scale(), m_swipe->beforeView()->origin());
        m_stack->setCurrentWidget(on ? static_cast<QWidget*>(m_swipe) : m_map);
        if (on)
            m_swipe->setFocus();
    });
    m_viewMenu->addAction(m_compareAction);
    m_viewMenu->addAction(aoiTool);
    m_viewMenu->addAction(clearAoi);
    m_viewMenu->addSeparator();
    // The language is applied at start-up (main.cpp): a new choice is stored for the next start.
    QMenu* language = m_viewMenu->addMenu(tr("&Language"));
    language->setObjectName(QStringLiteral("menuLanguage"));
    auto* languages = new QActionGroup(language);
    const QString current = settings::language.get();
    auto addLanguage = [&](const QString& code, const QString& name) {
        QAction* a = language->addAction(name);
        a->setObjectName(QStringLiteral("actionLanguage_") + code);
        a->setCheckable(true);
        a->setChecked(code == current);
        languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] {
            settings::language.set(code);
            statusBar()->showMessage(tr("The new language is used when Unclouded is started again."));
        });
    };
    addLanguage(QStringLiteral("system"), tr("System Default"));
    language->addSeparator();
    for (const Language& l : kLanguages)
        addLanguage(QString::fromLatin1(l.code), QString::fromUtf8(l.nativeName));
    if (!languages->checkedAction())
        languages->actions().constFirst()->setChecked(true);
    QAction* reset = m_viewMenu->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);
    reset->setObjectName(QStringLiteral("actionResetLayout"));
    m_viewMenu->addSeparator();
}

QString MainWindow::screenKey() const
{
    const QScreen* s = screen();
    const QSize a = s ? s->availableGeometry().size() : QSize();
    return QStringLiteral("%1x%2").arg(a.width()).arg(a.height());
}

void MainWindow::fitToScreen()
{
    const QScreen* s = screen();
    if (!s)
        return;
    // Most of the screen, never more than it: 1366 x 768 laptops too.
    const QRect avail = s->availableGeometry();
    const QSize size(std::min(avail.width(), std::max(minimumSizeHint().width(), avail.width() * 9 / 10)),
        std::min(avail.height() - 40, std::max(minimumSizeHint().height(), avail.height() * 9 / 10)));
    resize(size);
    move(avail.center() - QPoint(size.width() / 2, size.height() / 2));
}

void MainWindow::resetLayout()
{
    // Every task back to its default docks; the window back to the screen's size.
    for (const TaskDef& t : taskDefs()) {
        settings::taskState(QLatin1String(t.id), screenKey()).reset();
        settings::taskState(QLatin1String(t.id)).reset();
    }
    m_welcomeMode = false;
    if (auto* tasks = findChild<QToolBar*>(QStringLiteral("toolbarTasks")); tasks && toolBarBreak(tasks))
        removeToolBarBreak(tasks); // the user's break too: wrapToolBars() decides again
    m_autoBreak = false;
    fitToScreen();
    applyTaskDefault(m_task);
    wrapToolBars();
}

QStringList MainWindow::taskIds()
{
    QStringList ids;
    for (const TaskDef& t : taskDefs())
        ids << QLatin1String(t.id);
    return ids;
}

QStringList MainWindow::taskDocks(const QString& id)
{
    QStringList names;
    if (const TaskDef* t = findTask(id))
        for (const TaskDock& d : t->docks)
            names << QLatin1String(d.name);
    return names;
}

void MainWindow::createTasks()
{
    struct Label
    {
        QString title, tip;
    };
    const QHash<QString, Label> labels {
        { QStringLiteral("inspect"),
            { tr("&Inspect"),
                tr("Layers, display, product metadata, scene classes and the pixel inspector") } },
        { QStringLiteral("train"), { tr("&Train"), tr("Train a network on the product's clear areas") } },
        { QStringLiteral("reconstruct"),
            { tr("&Reconstruct"), tr("Rebuild the hidden pixels and compare before and after") } },
        { QStringLiteral("evaluate"),
            { tr("&Evaluate"), tr("Score the methods on simulated clouds or against a truth") } },
        { QStringLiteral("fields"), { tr("&Fields"), tr("Field boundaries and per-field statistics") } },
        { QStringLiteral("search"), { tr("&Search"), tr("Search a STAC catalogue and download products") } },
    };
    QToolBar* bar = addToolBar(tr("Tasks"));
    bar->setObjectName(QStringLiteral("toolbarTasks"));
    QMenu* menu = m_viewMenu->addMenu(tr("&Task"));
    menu->setObjectName(QStringLiteral("menuTask"));
    m_taskActions = new QActionGroup(this);
    m_taskActions->setExclusive(true);
    int n = 0;
    for (const TaskDef& t : taskDefs()) {
        const QString id = QLatin1String(t.id);
        const Label l = labels.value(id);
        QAction* a = menu->addAction(l.title);
        a->setObjectName(QStringLiteral("actionTask_") + id);
        a->setCheckable(true);
        a->setData(id);
        a->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_1 + n++)));
        a->setToolTip(QStringLiteral("%1 (%2)").arg(l.tip, a->shortcut().toString(QKeySequence::NativeText)));
        m_taskActions->addAction(a);
        bar->addAction(a);
        connect(a, &QAction::triggered, this, [this, id] { setTask(id); });
    }
}

void MainWindow::setTask(const QString& id)
{
    if (!findTask(id) || (id == m_task && !m_welcomeMode))
        return;
    saveTaskState();
    m_welcomeMode = false;
    m_task = id;
    settings::task.set(id);
    QByteArray state = settings::taskState(id, screenKey()).get();
    if (state.isEmpty()) // none on this screen yet: the one kept before layouts were per screen
        state = settings::taskState(id).get();
    if (state.isEmpty() || !restoreState(state, kLayoutVersion))
        applyTaskDefault(id);
    else // a restored break is the user's (saveTaskState leaves the app's out)
        m_autoBreak = false;
    wrapToolBars(); // a layout saved in a wider window
    if (auto* a = findChild<QAction*>(QStringLiteral("actionTask_") + id))
        a->setChecked(true);
    const Qt::DockWidgetArea trainArea = dockWidgetArea(dock(QStringLiteral("dockTraining")));
    m_train->setStacked(trainArea == Qt::LeftDockWidgetArea || trainArea == Qt::RightDockWidgetArea);
    Q_EMIT taskChanged(id);
}

void MainWindow::saveTaskState()
{
    if (m_task.isEmpty() || m_welcomeMode) // the welcome page's empty layout is no task's
        return;
    // Saved without the app's own break, so that a saved layout holds only the user's: restored in a
    // wider window, wrapToolBars() decides again.
    auto* tasks = findChild<QToolBar*>(QStringLiteral("toolbarTasks"));
    const bool ours = m_autoBreak && tasks && toolBarBreak(tasks);
    if (ours)
        removeToolBarBreak(tasks);
    settings::taskState(m_task, screenKey()).set(saveState(kLayoutVersion));
    if (ours)
        insertToolBarBreak(tasks);
}

void MainWindow::applyTaskDefault(const QString& id)
{
    const TaskDef* t = findTask(id);
    if (!t)
        return;
    const QStringList mine = taskDocks(id);
    for (QDockWidget* d : findChildren<QDockWidget*>())
        if (!mine.contains(d->objectName()))
            d->hide();
    QList<QDockWidget*> left, right, bottom;
    for (const TaskDock& td : t->docks) {
        QDockWidget* d = dock(QLatin1String(td.name));
        d->setFloating(false);
        if (td.tabWith) {
            tabifyDockWidget(dock(QLatin1String(td.tabWith)), d);
        } else {
            addDockWidget(td.area, d, td.area == Qt::BottomDockWidgetArea ? Qt::Horizontal : Qt::Vertical);
            (td.area == Qt::LeftDockWidgetArea           ? left
                    : td.area == Qt::RightDockWidgetArea ? right
                                                         : bottom)
                << d;
        }
        d->show();
    }
    for (QDockWidget* d : left + right + bottom)
        d->raise(); // the first of each tab group in front
    // The map keeps most of the space: side columns narrow, a bottom dock at its task's share of the
    // height (once the window is laid out: before that Qt ignores dock sizes).
    QTimer::singleShot(0, this, [this, left, right, bottom, bottomPercent = t->bottomPercent] {
        if (!left.isEmpty()) {
            resizeDocks({ left.first() }, { std::min(330, width() / 4) }, Qt::Horizontal);
            if (left.size() > 1) // the layer list needs few rows
                resizeDocks(left, { height() / 5, height() }, Qt::Vertical);
        }
        if (!right.isEmpty()) {
            resizeDocks({ right.first() }, { std::min(460, width() / 3) }, Qt::Horizontal);
            if (right.size() > 1) // scene classes above, the pixel inspector's table and spectrum below
                resizeDocks(right, { height() / 2, height() / 2 }, Qt::Vertical);
        }
        if (!bottom.isEmpty())
            resizeDocks({ bottom.first() }, { height() * bottomPercent / 100 }, Qt::Vertical);
    });
}

void MainWindow::showDockOfTask(const QString& dockName)
{
    QDockWidget* d = dock(dockName);
    if (!d->isVisible())
        for (const QString& id : taskIds())
            if (taskDocks(id).contains(dockName)) {
                setTask(id);
                break;
            }
    d->raise();
}

void MainWindow::createDocks()
{
    auto makeDock
        = [this](const QString& name, const QString& title, QWidget* content, Qt::DockWidgetArea area) {
              auto* d = new QDockWidget(title, this);
              d->setObjectName(name);
              // Panels scroll when the window is small instead of making it taller than the screen.
              if (!qobject_cast<QAbstractScrollArea*>(content)) {
                  auto* scroll = new QScrollArea(d);
                  scroll->setWidget(content);
                  scroll->setWidgetResizable(true);
                  scroll->setFrameShape(QFrame::NoFrame);
                  d->setWidget(scroll);
              } else {
                  d->setWidget(content);
              }
              addDockWidget(area, d);
              m_viewMenu->addAction(d->toggleViewAction());
              return d;
          };
    m_layerList = new QListView(this);
    m_layerList->setObjectName(QStringLiteral("layerList"));
    m_layerList->setModel(m_workspace->layers());
    m_layerList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    makeDock(QStringLiteral("dockLayers"), tr("Layers"), m_layerList, Qt::LeftDockWidgetArea);
    connect(m_layerList->selectionModel(), &QItemSelectionModel::currentRowChanged, m_workspace,
        [this](const QModelIndex& current) {
            // Current already: the workspace moved first (a layer closed, or one replaced elsewhere).
            if (current.row() != m_workspace->currentIndex())
                m_workspace->setCurrentIndex(current.row());
        });
    m_layerList->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_layerList->addAction(m_closeLayerAction);
    // Delete closes the selected layer where the layers are listed, not in the map or a form.
    auto* deleteLayer
        = new QShortcut(QKeySequence::Delete, m_layerList, nullptr, nullptr, Qt::WidgetShortcut);
    connect(deleteLayer, &QShortcut::activated, this, [this] {
        if (m_layerList->currentIndex().isValid())
            closeLayer(m_layerList->currentIndex().row());
    });
    connect(m_workspace, &Workspace::layerRemoved, this, &MainWindow::layerClosed);
    m_metadata = new QTreeWidget(this);
    m_metadata->setObjectName(QStringLiteral("metadataTree"));
    m_metadata->setHeaderLabels({ tr("Property"), tr("Value") });
    m_metadata->setRootIsDecorated(false);
    makeDock(QStringLiteral("dockMetadata"), tr("Product"), m_metadata, Qt::LeftDockWidgetArea);
    m_display = new DisplayPanel(this);
    makeDock(QStringLiteral("dockDisplay"), tr("Display"), m_display, Qt::LeftDockWidgetArea);
    connect(m_display, &DisplayPanel::changed, this, [this] { applyDisplay(true); });
    m_scl = new SclPanel(this);
    makeDock(QStringLiteral("dockScl"), tr("Scene classes"), m_scl, Qt::RightDockWidgetArea);
    connect(m_scl, &SclPanel::changed, this, [this] { applyDisplay(false); });
    // The bold "Hidden" share counts the ticked classes: recounted when they change.
    // Every layer's: one counted with the old ticks would show its old share as if current.
    connect(m_scl, &SclPanel::classesChanged, this, &MainWindow::recountAllCoverage);
    connect(m_scl, &SclPanel::bufferChanged, this, [this] {
        recountAllCoverage();
        applyDisplay(false);
    });
    m_inspector = new PixelInspector(this);
    makeDock(QStringLiteral("dockInspector"), tr("Pixel inspector"), m_inspector, Qt::RightDockWidgetArea);
    m_train = new TrainPanel(this);
    QDockWidget* trainDock
        = makeDock(QStringLiteral("dockTraining"), tr("Training"), m_train, Qt::BottomDockWidgetArea);
    connect(trainDock, &QDockWidget::dockLocationChanged, m_train, [this](Qt::DockWidgetArea area) {
        m_train->setStacked(area == Qt::LeftDockWidgetArea || area == Qt::RightDockWidgetArea);
    });
    m_train->setWorkspace(m_workspace);
    m_recon = new ReconPanel(this);
    m_recon->setSwipeView(m_swipe);
    QDockWidget* reconDock = makeDock(
        QStringLiteral("dockReconstruction"), tr("Reconstruction"), m_recon, Qt::RightDockWidgetArea);
    tabifyDockWidget(dock(QStringLiteral("dockScl")), reconDock);
    dock(QStringLiteral("dockScl"))->raise();
    m_recon->setWorkspace(m_workspace);
    connect(m_map, &MapView::aoiChanged, m_workspace, &Workspace::setAoi);
    connect(m_recon, &ReconPanel::reconstructed, this,
        [this](const QString& result, const QString& mask, const QString& label) {
            showComparison(result, mask, label);
        });
    // While a job runs the comparison shows the product on both sides, finished rows drawn over the
    // after side as they come.
    connect(m_recon, &ReconPanel::started, this, [this] {
        m_recon->setRenderParams(m_map->renderParams());
        // The comparison shown now comes back if this run is cancelled or fails.
        m_keptComparison = {};
        // A finished result of another layer still waits for it; this layer's is replaced by the run.
        if (m_waitingComparison.before == currentProduct())
            m_waitingComparison = {};
        if (m_compareAction->isEnabled() && m_swipe->before() && m_swipe->after() != m_swipe->before())
            m_keptComparison = { m_swipe->before(), m_swipe->after(), m_compareLabel, {} };
        if (const auto p = currentProduct()) {
            m_swipe->setProducts(p, p);
            m_swipe->setRenderParams(m_map->renderParams());
            m_swipe->afterView()->setLiveImage({}, {});
            m_compareAction->setEnabled(true);
            m_swipe->beforeView()->setView(m_map->scale(), m_map->origin());
            m_compareAction->setChecked(true);
        }
    });
    connect(m_recon, &ReconPanel::stopped, this, [this] { restoreKeptComparison(); });
    connect(m_recon, &ReconPanel::preview, this,
        [this](const QImage& img, const QRectF& rect) { m_swipe->afterView()->setLiveImage(img, rect); });
    connect(m_recon, &ReconPanel::failed, this, &MainWindow::showError);
    m_eval = new EvalPanel(this);
    m_eval->setWorkspace(m_workspace);
    // After the panels (connected above): they have the new layer when the map and docks show it.
    connect(m_workspace, &Workspace::currentChanged, this, &MainWindow::showLayer);
    QDockWidget* evalDock
        = makeDock(QStringLiteral("dockEvaluation"), tr("Evaluation"), m_eval, Qt::BottomDockWidgetArea);
    tabifyDockWidget(dock(QStringLiteral("dockTraining")), evalDock);
    dock(QStringLiteral("dockTraining"))->raise();
    connect(m_eval, &EvalPanel::finished, this, [this, evalDock](bool ok, const QString& message) {
        if (!ok)
            statusBar()->showMessage(message, 10000);
        else if (auto* scroll = qobject_cast<QScrollArea*>(evalDock->widget())) // the scores into view
            scroll->ensureWidgetVisible(m_eval->table(), 0, 0);
    });
    m_fields = new FieldsPanel(this);
    m_fields->setWorkspace(m_workspace);
    QDockWidget* fieldsDock
        = makeDock(QStringLiteral("dockFields"), tr("Fields"), m_fields, Qt::BottomDockWidgetArea);
    tabifyDockWidget(dock(QStringLiteral("dockTraining")), fieldsDock);
    dock(QStringLiteral("dockTraining"))->raise();
    connect(m_fields, &FieldsPanel::parcelsChanged, this, [this] {
        auto outlines = std::make_shared<MapView::Outlines>();
        if (const auto parcels = m_fields->parcels())
            for (int i = 0; i < parcels->size(); ++i) {
                QPainterPath path;
                for (const QList<QPointF>& ring : parcels->rings(i))
                    path.addPolygon(QPolygonF(ring));
                path.closeSubpath();
                outlines->paths << path;
                outlines->bounds << path.boundingRect();
                outlines->labels << parcels->label(i);
            }
        m_map->setOutlines(outlines);
        placeOutlines();
    });
    connect(m_fields, &FieldsPanel::parcelSelected, m_map, &MapView::setSelectedOutline);
    connect(m_fields, &FieldsPanel::openFailed, this, [this](const QString& message) { showError(message); });
    connect(m_fields->table(), &QAbstractItemView::doubleClicked, this, [this] { // zoom to the field
        const int i = m_fields->selectedParcel();
        int ox = 0, oy = 0;
        if (const auto parcels = m_fields->parcels(); parcels && i >= 0 && parcelsOffset(ox, oy)) {
            const Window b = parcels->bounds(i);
            m_map->zoomToRect(QRectF(b.x - ox, b.y - oy, b.w, b.h));
        }
    });
    connect(m_fields, &FieldsPanel::finished, this, [this](bool ok, const QString& message) {
        if (!ok)
            statusBar()->showMessage(message, 10000);
    });
    // STAC search: results' footprints on the map; an item opened in place or after its download.
    m_search = new SearchPanel(this);
    m_search->setWorkspace(m_workspace);
    QDockWidget* searchDock
        = makeDock(QStringLiteral("dockSearch"), tr("Search"), m_search, Qt::RightDockWidgetArea);
    tabifyDockWidget(dock(QStringLiteral("dockScl")), searchDock);
    dock(QStringLiteral("dockScl"))->raise();
    connect(m_search, &SearchPanel::footprintsChanged, m_map, &MapView::setFootprints);
    connect(m_search, &SearchPanel::openRequested, this, [this](const QString& path) { openProduct(path); });
    connect(m_search, &SearchPanel::finished, this, [this](bool ok, const QString& message) {
        if (!ok)
            statusBar()->showMessage(message, 10000);
    });
    connect(m_train, &TrainPanel::trainingFinished, this,
        [this](bool ok, const QString& message, bool stoppedByUser) {
            if (const QString out = m_train->runCheckpoint(); ok && QFileInfo::exists(out)) {
                m_recon->addCheckpoint(out);
                m_eval->addCheckpoint(out);
            }
            // A run takes minutes: the user may be in another task, where the Training dock is hidden.
            if (!ok && !stoppedByUser)
                showError(message);
            else
                statusBar()->showMessage(message, 20000);
        });
    // Both sides of the comparison follow the map's composite and stretch.
    connect(m_map, &MapView::renderParamsChanged, this,
        [this] { m_swipe->setRenderParams(m_map->renderParams()); });
    connect(m_swipe, &SwipeView::pixelClicked, this, [this](const QPointF& g) {
        if (m_swipe->before() && m_swipe->after()) {
            m_inspector->inspect(m_swipe->before(), static_cast<int>(std::floor(g.x())),
                static_cast<int>(std::floor(g.y())), m_swipe->after(), m_compareLabel);
            dock(QStringLiteral("dockInspector"))->raise();
        }
    });
}

void MainWindow::showComparison(const QString& resultPath, const QString& maskPath,
    const QString& methodLabel, std::shared_ptr<const Product> before)
{
    // The product the job read: the user may have selected another layer while it ran.
    if (!before)
        before = m_recon->runningProduct();
    if (!before) { // its layer was closed while the job ran
        restoreKeptComparison(resultPath);
        statusBar()->showMessage(tr("Wrote %1").arg(resultPath), 10000);
        return;
    }
    // Opening reads the file's header and checks the mask: off the GUI thread like any open.
    m_compareOpen->start<std::shared_ptr<Product>>(
        [resultPath, maskPath](JobContext&) {
            return Product::open(
                resultPath, maskPath, maskPath.isEmpty() ? MaskKind::None : MaskKind::Binary);
        },
        [this, before, resultPath, methodLabel](std::shared_ptr<Product>& after) {
            int row = -1;
            for (int i = 0; i < m_workspace->layers()->count() && row < 0; ++i)
                if (m_workspace->layers()->at(i).product == before)
                    row = i;
            if (row < 0) { // its layer was replaced (reopened): nothing to pair the result with
                restoreKeptComparison(resultPath);
                statusBar()->showMessage(tr("Wrote %1").arg(resultPath), 10000);
                return;
            }
            if (after->width() != before->width() || after->height() != before->height()) {
                // An AOI result: shown on its own grid would not line up; say where it is instead.
                restoreKeptComparison(resultPath);
                statusBar()->showMessage(
                    tr("Wrote %1 (an AOI: open it as a layer to view it)").arg(resultPath), 10000);
                return;
            }
            // The user moved to another layer while it ran: not pulled back (the docks follow the
            // current layer); the comparison waits until its layer is selected again.
            if (row != m_workspace->currentIndex()) {
                m_swipe->afterView()->setLiveImage({}, {});
                m_waitingComparison = { before, after, methodLabel, resultPath };
                statusBar()->showMessage(tr("Wrote %1: select %2 to compare it with its result")
                                             .arg(resultPath, m_workspace->layers()->at(row).label),
                    20000);
                return;
            }
            presentComparison(before, after, methodLabel, resultPath);
        },
        JobRunner::IfBusy::Replace);
}

void MainWindow::restoreKeptComparison(const QString& written)
{
    // A newer run's live view is on show (this one's result was opened after it started): left alone.
    if (m_recon->isRunning())
        return;
    // The run's live view ends without a comparison of its own (cancelled, failed, an AOI result, its
    // file unreadable): the comparison shown before it comes back, unless the run wrote over its file.
    m_swipe->afterView()->setLiveImage({}, {});
    KeptComparison kept = std::exchange(m_keptComparison, {});
    if (kept.after && !written.isEmpty()
        && QFileInfo(kept.after->info().path).absoluteFilePath() == QFileInfo(written).absoluteFilePath())
        kept = {};
    // Its layer replaced meanwhile (a mask attached) or closed: nothing to show it beside.
    bool open = false;
    for (int i = 0; kept.before && i < m_workspace->layers()->count() && !open; ++i)
        open = m_workspace->layers()->at(i).product == kept.before;
    if (!open)
        kept = {};
    if (kept.before && kept.before == currentProduct()) { // the last result, as it was
        const double scale = m_swipe->beforeView()->scale();
        const QPointF origin = m_swipe->beforeView()->origin();
        m_swipe->setProducts(kept.before, kept.after);
        m_swipe->setRenderParams(m_map->renderParams());
        m_swipe->beforeView()->setView(scale, origin);
        m_compareLabel = kept.label;
        return;
    }
    // Its layer is open but not on show (closed layers drop theirs): shown when it is selected again.
    if (kept.before && !m_waitingComparison.before)
        m_waitingComparison = kept;
    if (m_swipe->after() == m_swipe->before()) { // nothing to compare with
        m_compareAction->setChecked(false);
        m_compareAction->setEnabled(false);
        // Nor for the dock's controls: Save View as Image saved a "comparison" of no result.
        m_swipe->setProducts(nullptr, nullptr);
    }
}

void MainWindow::presentComparison(const std::shared_ptr<const Product>& before,
    const std::shared_ptr<const Product>& after, const QString& methodLabel, const QString& resultPath)
{
    m_compareLabel = methodLabel;
    m_swipe->afterView()->setLiveImage({}, {});
    m_swipe->setProducts(before, after);
    m_swipe->setRenderParams(m_map->renderParams());
    m_compareAction->setEnabled(true);
    if (m_compareAction->isChecked())
        m_swipe->beforeView()->setView(m_map->scale(), m_map->origin());
    else
        m_compareAction->setChecked(true);
    // The hint for the view shown: side by side has no divider to drag.
    statusBar()->showMessage(m_swipe->mode() == SwipeView::Mode::Swipe
            ? tr("%1: before / after — drag the divider, B blinks").arg(methodLabel)
            : tr("%1: before / after — B blinks").arg(methodLabel),
        10000);
    Q_EMIT comparisonShown(resultPath);
}

QDockWidget* MainWindow::dock(const QString& objectName) const
{
    return findChild<QDockWidget*>(objectName);
}

std::shared_ptr<const Product> MainWindow::currentProduct() const
{
    return m_workspace->currentProduct();
}

bool MainWindow::isLoading() const
{
    return m_loader->isRunning();
}

MaskSpec MainWindow::currentMaskSpec() const
{
    MaskSpec spec;
    // Every layer's: the Fields dock counts the other dates with it, whatever the current one lists.
    const QSet<int> sel = m_scl->hidingClasses();
    if (m_scl->ticksLoaded()) // none ticked hides nothing, as the overlay shows
        spec.classes = QList<int>(sel.begin(), sel.end());
    spec.dilatePx = m_scl->buffer();
    return spec;
}

void MainWindow::updateBusy()
{
    m_progress->setVisible(m_loader->isRunning() || m_maskCount->isRunning());
}

void MainWindow::openMaskFile(const QString& f)
{
    if (!currentProduct())
        return showError(tr("Open a product first, then its SCL or mask file."));
    if (m_loader->isRunning()) // the mask would wait for it, then go to whatever layer it made current
        return showError(tr("Still opening %1; wait for it or cancel it first.").arg(m_loadingPath));
    const QString product = currentProduct()->info().path;
    if (isVectorMask(f))
        return openProduct(product, f, MaskKind::Binary);
    // A mask with codes of its own (Fmask, a cloud probability): which of them hide the ground. The
    // count reads the whole file (decimated): off the GUI thread.
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    statusBar()->showMessage(tr("Reading the values of %1…").arg(f));
    m_maskCount->start<MaskValueCounts>([f](JobContext&) { return maskValueCounts(f); },
        [this, f, product](MaskValueCounts& result) {
            updateBusy();
            if (!m_loader->isRunning())
                statusBar()->clearMessage();
            // The question waits for the job to have ended: no modal loop inside its delivery.
            QTimer::singleShot(
                0, this, [this, f, product, counts = result] { askMaskValues(f, product, counts); });
        },
        JobRunner::IfBusy::Replace);
}

void MainWindow::askMaskValues(const QString& f, const QString& product, const MaskValueCounts& counts)
{
    // The mask replaces the current layer's: it must still be the layer it was asked for (a load
    // may also end, and make its layer current, while the question is open).
    auto layerChanged = [&] {
        if (currentProduct() && currentProduct()->info().path == product)
            return false;
        showError(tr("The current layer changed while %1 was read: select %2 and open the mask again.")
                      .arg(QFileInfo(f).fileName(), QFileInfo(product).fileName()));
        return true;
    };
    if (layerChanged())
        return;
    const qint64 total = std::max<qint64>(1, counts.total);
    auto percent = [&](qint64 n) { return QLocale().toString(100.0 * n / total, 'f', 1); };
    QStringList seen, nonZero;
    QString question, suggested;
    if (counts.graded) {
        // A cloud probability or score (float 0-1, 0-100, 0-10000): cut at a threshold.
        suggested = QLocale().toString(suggestedMaskThreshold(counts), 'g', 6);
        question = tr("This mask holds graded values from %1 to %2 (a cloud probability or score).\nFrom "
                      "which value up do they hide the ground? Lower values count as clear.")
                       .arg(QLocale().toString(counts.lo, 'g', 4), QLocale().toString(counts.hi, 'g', 4));
    } else if (counts.wide) {
        // 16-bit flags (QA60: 1024 opaque, 2048 cirrus): values would clamp to 255, bits say it.
        QStringList set;
        bool qa60 = true;
        for (int bit = 0; bit < 16; ++bit)
            if (counts.bits[static_cast<size_t>(bit)] > 0) {
                seen << tr("%1 (%2 %)").arg(bit).arg(percent(counts.bits[static_cast<size_t>(bit)]));
                set << QString::number(bit);
                qa60 &= bit == 10 || bit == 11;
            }
        suggested = qa60 ? QStringLiteral("10,11") : set.join(QLatin1Char(','));
        question = tr("This mask holds 16-bit flags; the bits set are %1.\nWhich bits hide the ground? "
                      "Pixels with none of them set count as clear.\nBits 0-15, comma-separated, e.g. "
                      "10,11 (QA60's opaque clouds and cirrus).")
                       .arg(seen.join(QStringLiteral(", ")));
    } else {
        for (int v = 0; v < 256; ++v)
            if (counts.values[static_cast<size_t>(v)] > 0) {
                seen << tr("%1 (%2 %)").arg(v).arg(percent(counts.values[static_cast<size_t>(v)]));
                if (v > 0)
                    nonZero << QString::number(v);
            }
        if (nonZero.size() <= 1)
            return openProduct(product, f, MaskKind::Binary);
        suggested = nonZero.join(QLatin1Char(','));
        question = tr("This mask holds the values %1.\nWhich of them hide the ground? The others count "
                      "as clear.\nValues and ranges, e.g. 2,3,4 (Fmask's shadow, snow and cloud) or 40-100 "
                      "(a cloud probability).")
                       .arg(seen.join(QStringLiteral(", ")));
    }
    QInputDialog dialog(this);
    dialog.setWindowTitle(counts.graded ? tr("Mask Threshold")
            : counts.wide               ? tr("Mask Bits")
                                        : tr("Mask Values"));
    dialog.setLabelText(question);
    dialog.setTextValue(suggested);
    dialog.setObjectName(QStringLiteral("maskValuesDialog"));
    QTimer::singleShot(0, this, &MainWindow::maskValuesAsked);
    if (dialog.exec() != QDialog::Accepted || layerChanged())
        return;
    QString path;
    try {
        // A threshold typed as the user writes numbers ("0,4" in German), or as C writes them.
        bool local = false;
        const double threshold = QLocale().toDouble(dialog.textValue().trimmed(), &local);
        path = counts.graded
            ? maskPathWithThreshold(f, local ? QString::number(threshold, 'g', 9) : dialog.textValue())
            : counts.wide ? maskPathWithBits(f, dialog.textValue())
                          : maskPathWithValues(f, dialog.textValue());
    } catch (const Error& e) {
        return showError(e.message());
    }
    openProduct(product, path, MaskKind::Binary);
}

void MainWindow::openProduct(const QString& path, const QString& maskPath, MaskKind maskKind)
{
    if (m_loader->isRunning()) {
        showError(tr("Still opening %1; wait for it or cancel it first.").arg(m_loadingPath));
        return;
    }
    m_loadingPath = path;
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    statusBar()->showMessage(tr("Opening %1…").arg(path));
    // A product that is open, given a mask file, replaces its layer (the current one first), wherever
    // that layer is when the load ends; a product not open yet with its mask is a layer of its own.
    m_replaceTarget.reset();
    m_replaceTargetClosed = false;
    if (const auto current = currentProduct();
        !maskPath.isEmpty() && current && samePath(current->info().path, path))
        m_replaceTarget = current;
    for (int k = 0; !maskPath.isEmpty() && !m_replaceTarget && k < m_workspace->layers()->count(); ++k)
        if (samePath(m_workspace->layers()->at(k).product->info().path, path))
            m_replaceTarget = m_workspace->layers()->at(k).product;
    // Only the open runs here: the picture comes first, class coverage follows in its own job.
    m_loader->start<std::shared_ptr<Product>>(
        [path, maskPath, maskKind](JobContext& ctx) {
            auto product = Product::open(path, maskPath, maskKind);
            ctx.throwIfCancelled();
            return product;
        },
        [this](std::shared_ptr<Product>& product) { loadFinished(product); });
}

void MainWindow::startCoverage(int index)
{
    if (index < 0 || index >= m_workspace->layers()->count())
        return;
    const auto product = m_workspace->layers()->at(index).product;
    if (product == m_coverageCounting) // already counting, with the classes of now
        return;
    if (m_coverage->isRunning()) { // after the one counting (every layer opened meanwhile gets its turn)
        if (std::find(m_coverageQueue.begin(), m_coverageQueue.end(), product) == m_coverageQueue.end())
            m_coverageQueue.push_back(product);
        return;
    }
    const MaskSpec spec = currentMaskSpec();
    m_coverageCounting = product;
    m_coverage->start<Coverage>(
        [product, spec](JobContext& ctx) { return computeCoverage(*product, spec, ctx.progress()); },
        [this, product](Coverage& cov) {
            // The layer may have been replaced (a mask file attached) or closed while this one
            // counted, and rows above it closed.
            LayerModel* layers = m_workspace->layers();
            for (int row = 0; row < layers->count(); ++row)
                if (layers->at(row).product == product) {
                    layers->setCoverage(row, cov);
                    if (row == m_workspace->currentIndex())
                        m_scl->setCoverage(cov, product->hasClasses());
                    Q_EMIT coverageReady(row);
                    break;
                }
            startQueuedCoverage();
        });
}

void MainWindow::startQueuedCoverage()
{
    m_coverageCounting.reset();
    while (!m_coverageQueue.empty()) {
        const std::shared_ptr<const Product> next = m_coverageQueue.front();
        m_coverageQueue.erase(m_coverageQueue.begin());
        for (int row = 0; row < m_workspace->layers()->count(); ++row)
            if (m_workspace->layers()->at(row).product == next)
                return startCoverage(row);
    }
}

void MainWindow::recountAllCoverage()
{
    LayerModel* layers = m_workspace->layers();
    const int current = m_workspace->currentIndex();
    // The legend also says its classes changed when a mask file's "hidden" joins a pending listing:
    // then only the current layer, as before; every layer only when the ticks or buffer did change.
    const MaskSpec spec = currentMaskSpec();
    if (spec.classes == m_coverageSpec.classes && spec.dilatePx == m_coverageSpec.dilatePx) {
        startCoverage(current);
        return;
    }
    m_coverageSpec = spec;
    for (int row = 0; row < layers->count(); ++row)
        layers->setCoverageStale(row);
    // A count under way used the old ticks: cancelled (its cancelled signal starts the queue).
    m_coverageQueue.clear();
    if (m_coverage->isRunning())
        m_coverage->cancel();
    m_coverageCounting.reset(); // with the old ticks: counted again
    startCoverage(current);
    for (int row = 0; row < layers->count(); ++row)
        if (row != current)
            startCoverage(row);
}

void MainWindow::loadFinished(const std::shared_ptr<Product>& product)
{
    updateBusy();
    m_cancel->setVisible(false);
    if (std::exchange(m_replaceTargetClosed, false)) {
        statusBar()->showMessage(
            tr("%1 was closed while its mask file was read: not opened").arg(product->info().path), 10000);
        return;
    }
    const ProductInfo& i = product->info();
    QString label = QStringLiteral("%1 %2").arg(
        i.sensingTime.left(10), i.productName.isEmpty() ? QFileInfo(i.path).fileName() : i.productName);
    if (!attachedMask(i).first.isEmpty())
        label += tr(" + %1").arg(QFileInfo(i.maskFile).fileName());
    int index = -1;
    for (int k = 0; m_replaceTarget && k < m_workspace->layers()->count(); ++k)
        if (m_workspace->layers()->at(k).product == m_replaceTarget)
            index = k;
    m_replaceTarget.reset();
    if (index >= 0) {
        m_workspace->layers()->replace(index, { product, label });
        m_workspace->setCurrentIndex(index); // the same row, a new product: everyone refreshes
    } else {
        index = m_workspace->layers()->append({ product, label });
        m_layerList->setCurrentIndex(m_workspace->layers()->index(index));
        addRecentFile(i.path);
    }
    statusBar()->showMessage(tr("Opened %1").arg(i.path), 5000);
    for (const QString& w : i.warnings)
        statusBar()->showMessage(tr("Warning: %1").arg(w), 10000);
    startCoverage(index);
    if (m_welcomeMode) // the first product: the task's docks appear
        setTask(m_task);
    Q_EMIT productOpened(i.path);
}

void MainWindow::closeLayer(int index)
{
    if (index < 0 || index >= m_workspace->layers()->count())
        return;
    const QString label = m_workspace->layers()->at(index).label;
    m_workspace->removeLayer(index);
    statusBar()->showMessage(tr("Closed %1").arg(label), 5000);
}

void MainWindow::layerClosed(const std::shared_ptr<const Product>& product)
{
    // Nothing keeps the closed product but the jobs reading it: its tiles and comparisons go.
    if (m_swipe->before() == product) {
        m_compareAction->setChecked(false);
        m_compareAction->setEnabled(false);
        m_swipe->setProducts(nullptr, nullptr);
    }
    if (m_keptComparison.before == product)
        m_keptComparison = {};
    if (m_waitingComparison.before == product)
        m_waitingComparison = {};
    if (m_inspector->uses(product)) // its values would stay on show for a product no longer open
        m_inspector->clear();
    m_coverageQueue.erase(
        std::remove(m_coverageQueue.begin(), m_coverageQueue.end(), product), m_coverageQueue.end());
    // Its count under way: stopped (a remote product's took minutes the next layer's legend waited
    // for); its cancelled signal starts the queue.
    if (m_coverageCounting == product)
        m_coverage->cancel();
    if (m_replaceTarget == product) { // its mask file is being read: the layer does not come back
        m_replaceTarget.reset();
        m_replaceTargetClosed = true;
        m_loader->cancel();
    }
    // With layers left the map keeps its view and AOI for the next current one, on the same grid
    // or not (MapView::setProduct decides once its stretch is ready); with none it lets go (also of
    // a product whose layer closed before the next one's stretch came).
    if (m_workspace->layers()->count() == 0) {
        m_stretch->cancel();
        m_map->setProduct(nullptr);
    }
}

bool MainWindow::parcelsOffset(int& ox, int& oy) const
{
    const auto parcels = m_fields->parcels();
    const auto product = currentProduct();
    return parcels && product && parcels->offsetOf(product->info(), ox, oy);
}

void MainWindow::placeOutlines()
{
    int ox = 0, oy = 0;
    const bool on = parcelsOffset(ox, oy);
    m_map->placeOutlines(on, QPointF(-ox, -oy));
}

void MainWindow::showLayer(int index)
{
    m_closeLayerAction->setEnabled(index >= 0);
    placeOutlines();
    if (index < 0) { // the last layer closed: the start again, the docks as the user left them
        m_compareAction->setChecked(false);
        m_compareAction->setEnabled(false);
        m_metadata->clear();
        m_scl->showNoProduct();
        m_inspector->clear();
        m_coordLabel->clear();
        setWindowTitle(tr("Unclouded"));
        m_stack->setCurrentWidget(m_welcome);
        return;
    }
    // The list follows a workspace that moved first (a layer closed or replaced), selected too.
    if (const QModelIndex row = m_workspace->layers()->index(index);
        m_layerList->currentIndex() != row || !m_layerList->selectionModel()->isSelected(row))
        m_layerList->setCurrentIndex(row);
    // The panels follow the workspace themselves (setWorkspace); here the map and the docks.
    const LayerModel::Layer& l = m_workspace->layers()->at(index);
    if (m_swipe->before() && m_swipe->before() != l.product) {
        m_compareAction->setChecked(false);
        m_compareAction->setEnabled(false);
    }
    m_stack->setCurrentWidget(m_compareAction->isChecked() ? static_cast<QWidget*>(m_swipe) : m_map);
    fillMetadata(l.product->info());
    m_display->setBands(l.product->bandNames());
    m_scl->setCoverage(l.coverage, l.product->hasClasses(), !l.coverageReady);
    if (!l.coverageReady) // never counted (a queue slot overwritten once lost it) or counted stale
        startCoverage(index);
    setWindowTitle(tr("%1 — Unclouded").arg(l.product->info().productName));
    applyDisplay(true);
    if (m_waitingComparison.before && m_waitingComparison.before == l.product) {
        const KeptComparison waiting = std::exchange(m_waitingComparison, {});
        presentComparison(waiting.before, waiting.after, waiting.label, waiting.resultPath);
    }
}

void MainWindow::applyDisplay(bool restretch)
{
    const auto product = currentProduct();
    if (!product)
        return;
    m_workspace->setMaskSpec(
        currentMaskSpec()); // what the map shows as hidden is what every job treats as hidden
    RenderParams p = panelRenderParams();
    if (!restretch && m_map->product() == product) {
        m_map->setRenderParams(p);
        return;
    }
    if (m_display->stretchMode() == QLatin1String("manual")) {
        if (m_map->product() != product)
            m_map->setProduct(product);
        m_map->setRenderParams(p);
        Q_EMIT displayReady();
        return;
    }
    // The stretch reads overviews of three bands (0.4 s on a full tile): off the GUI thread. A newer
    // request replaces an older one.
    const bool minmax = m_display->stretchMode() == QLatin1String("minmax");
    // A stretch that fails still shows the product (with the previous stretch) and says why.
    using Stretched = std::pair<RenderParams, QString>;
    m_stretch->start<Stretched>(
        [product, p, minmax](JobContext&) {
            Stretched r { p, {} };
            if (const auto failure = runGuarded([&] {
                    r.first.stretch = computeStretch(*product, p, minmax ? 0 : 2, minmax ? 100 : 98);
                    r.first.stretch.gamma = p.stretch.gamma;
                }))
                r.second = failure->message;
            return r;
        },
        [this, product](Stretched& r) {
            if (!r.second.isEmpty() && product == currentProduct())
                showError(r.second);
            stretchFinished(product, r.first);
        },
        JobRunner::IfBusy::Replace);
}

RenderParams MainWindow::panelRenderParams() const
{
    RenderParams p = m_map->renderParams();
    p.composite = m_display->composite();
    p.customBands = m_display->customBands();
    // Every class the ticks hide, listed or not: before a layer is counted its legend lists the SCL
    // classes only, and the stretch took a mask file's clouds (class 101) for ground.
    p.overlayClasses = m_scl->hidingClasses();
    p.overlayOpacity = m_scl->opacity();
    p.overlayOutline = m_scl->outline();
    p.showOverlay = m_scl->overlayVisible();
    p.bufferPx = m_scl->buffer();
    p.stretch.gamma = m_display->gamma();
    if (m_display->stretchMode() == QLatin1String("manual")) {
        const auto [lo, hi] = m_display->manualRange();
        p.stretch.low = { lo, lo, lo };
        p.stretch.high = { hi, hi, hi };
    }
    return p;
}

void MainWindow::stretchFinished(const std::shared_ptr<const Product>& product, const RenderParams& params)
{
    if (product != currentProduct())
        return; // the user moved on to another layer
    if (m_map->product() != product)
        m_map->setProduct(product);
    // Only the stretch is the job's, and only while a computed stretch is asked for: what the panels
    // say now wins (Manual chosen, a class unticked while it ran was undone by its late result).
    RenderParams now = panelRenderParams();
    if (m_display->stretchMode() != QLatin1String("manual")) {
        now.stretch = params.stretch;
        now.stretch.gamma = m_display->gamma();
    }
    m_map->setRenderParams(now);
    Q_EMIT displayReady();
}

void MainWindow::fillMetadata(const ProductInfo& i)
{
    m_metadata->clear();
    auto row = [this](const QString& k, const QString& v) {
        if (!v.isEmpty())
            new QTreeWidgetItem(m_metadata, { k, v });
    };
    row(tr("Product"), i.productName);
    row(tr("Format"), i.format);
    row(tr("Level"), i.level);
    const QDateTime sensed = QDateTime::fromString(i.sensingTime, Qt::ISODateWithMs).toUTC();
    row(tr("Sensing time"),
        sensed.isValid() ? QStringLiteral("%1 %2 UTC")
                               .arg(QLocale().toString(sensed.date(), QLocale::LongFormat),
                                   sensed.time().toString(QStringLiteral("HH:mm:ss")))
                         : i.sensingTime);
    row(tr("Tile"), i.tileId);
    row(tr("Processing baseline"), i.baseline);
    row(tr("CRS"), i.georeferenced ? QStringLiteral("EPSG:%1").arg(i.epsg) : tr("none (pixel coordinates)"));
    for (auto it = i.sizePerResolution.cbegin(); it != i.sizePerResolution.cend(); ++it)
        row(tr("Size at %1 m").arg(it.key()), it.value());
    if (i.cloudCoverMetadata >= 0)
        row(tr("Cloud cover (metadata)"), QStringLiteral("%L1 %").arg(i.cloudCoverMetadata, 0, 'f', 2));
    if (i.sunZenith >= 0)
        row(tr("Sun zenith / azimuth"), QStringLiteral("%1° / %2°").arg(i.sunZenith).arg(i.sunAzimuth));
    QStringList bands;
    for (const BandDesc& b : i.bands)
        bands << QStringLiteral("%1 (%2 m, %3)").arg(b.name).arg(b.resolution).arg(b.offset);
    row(tr("Bands (offset)"), bands.join(QStringLiteral(", ")));
    row(tr("Radiometry"), tr("reflectance = (DN + offset) / quantification; DN 0 = nodata"));
    for (const QString& w : i.warnings)
        row(tr("Warning"), w);
    m_metadata->resizeColumnToContents(0);
}

QStringList MainWindow::recentFiles() const
{
    return settings::recentFiles.get();
}

void MainWindow::addRecentFile(const QString& path)
{
    QStringList list = recentFiles();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecent)
        list.removeLast();
    settings::recentFiles.set(list);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList list = recentFiles();
    for (const QString& p : list) {
        QAction* a = m_recentMenu->addAction(productDisplayName(p));
        a->setToolTip(p);
        a->setData(p);
        a->setEnabled(WelcomePage::mayStillExist(p));
        connect(a, &QAction::triggered, this, [this, p] { openProduct(p); });
    }
    if (!list.isEmpty()) {
        m_recentMenu->addSeparator();
        QAction* clear = m_recentMenu->addAction(tr("Clear Menu"));
        clear->setObjectName(QStringLiteral("actionClearRecent"));
        // Queued: rebuilding deletes the action whose signal is being delivered.
        connect(
            clear, &QAction::triggered, this,
            [this] {
                settings::recentFiles.set(QStringList());
                rebuildRecentMenu();
            },
            Qt::QueuedConnection);
    }
    m_recentMenu->setEnabled(!list.isEmpty());
    m_welcome->setRecent(list);
}

void MainWindow::showError(const QString& message)
{
    // Non-modal: the app stays usable and tests never block on a dialog.
    statusBar()->showMessage(message, 10000);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Unclouded"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("errorBox"));
    box->open();
    Q_EMIT errorShown(message);
}

void MainWindow::showAbout()
{
    bool real = false;
    for (int i = 0; i < m_workspace->layers()->count(); ++i)
        real |= !m_workspace->layers()->at(i).product->info().generatedByUnclouded;
    AboutDialog dlg(real, this);
    dlg.exec();
}

void MainWindow::showPreferences()
{
    auto* dlg = new PreferencesDialog(this);
    dlg->setPathsInUse(m_workspace->layers()->paths());
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &QDialog::accepted, this, &MainWindow::applyPreferences);
    dlg->open(); // window-modal, never blocks the event loop (tests drive it)
}

void MainWindow::applyPreferences()
{
    // What can change at once does; language and threads are read at the next start (main.cpp).
    applyGdalCachePreference();
    m_scl->setHiddenClasses(
        settings::storedHiddenClasses()); // the map, every job and the hidden share follow
    m_scl->setBuffer(settings::maskBuffer.get()); // a new buffer recounts the coverage too
    m_recon->setFormat(settings::reconFormat.get());
    m_search->reloadSettings();
    m_fields->refreshUnits();
    m_inspector->refreshUnits();
    if (auto* a = findChild<QAction*>(QStringLiteral("actionLanguage_") + settings::language.get()))
        a->setChecked(true);
    statusBar()->showMessage(tr("Preferences saved."), 5000);
}

void MainWindow::showShortcuts()
{
    auto* dlg = new ShortcutsDialog(this, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->show();
}

void MainWindow::showUserGuide()
{
    // One guide window: a second F1 brings it to the front.
    if (auto* open = findChild<UserGuideDialog*>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto* dlg = new UserGuideDialog(this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->show();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    // Every file dropped, one after the other (only the first opened: a series of dates lost the
    // rest without a word); field boundaries once the products are open.
    static const QStringList kVector { QStringLiteral("gpkg"), QStringLiteral("geojson"),
        QStringLiteral("json"), QStringLiteral("shp"), QStringLiteral("fgb"), QStringLiteral("kml"),
        QStringLiteral("gml") };
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.scheme().startsWith(QLatin1String("http"))) { // a STAC item's URL, from a browser
            m_dropQueue << url.toString();
        } else if (url.isLocalFile()) {
            const QString path = url.toLocalFile();
            // A STAC item is JSON too, but a product.
            if (kVector.contains(QFileInfo(path).suffix().toLower()) && !isStacItem(path))
                m_droppedParcels = path; // field boundaries, over the open product
            else
                m_dropQueue << path;
        }
    }
    if (!isLoading())
        openNextDropped();
}

void MainWindow::openNextDropped()
{
    if (!m_dropQueue.isEmpty()) {
        openProduct(m_dropQueue.takeFirst());
        return;
    }
    if (!m_droppedParcels.isEmpty())
        openParcels(std::exchange(m_droppedParcels, {}));
}

void MainWindow::setCurrentLayer(int index)
{
    if (index >= 0 && index < m_workspace->layers()->count())
        m_layerList->setCurrentIndex(m_workspace->layers()->index(index));
}

bool MainWindow::openParcels(const QString& path)
{
    QString error;
    if (!m_fields->openParcels(path, &error)) {
        showError(error);
        return false;
    }
    showDockOfTask(QStringLiteral("dockFields"));
    return true;
}

void MainWindow::resizeEvent(QResizeEvent* event)
{
    QMainWindow::resizeEvent(event);
    wrapToolBars();
}

void MainWindow::wrapToolBars()
{
    auto* main = findChild<QToolBar*>(QStringLiteral("toolbarMain"));
    auto* tasks = findChild<QToolBar*>(QStringLiteral("toolbarTasks"));
    // Only the places the app gives them: a bar the user moved elsewhere stays where it is.
    if (!main || !tasks || main->isFloating() || tasks->isFloating()
        || toolBarArea(main) != Qt::TopToolBarArea || toolBarArea(tasks) != Qt::TopToolBarArea)
        return;
    const int spacing = style()->pixelMetric(QStyle::PM_ToolBarItemSpacing)
        + 2 * style()->pixelMetric(QStyle::PM_ToolBarFrameWidth);
    const bool fits = main->sizeHint().width() + tasks->sizeHint().width() + 2 * spacing <= width();
    const bool wrapped = toolBarBreak(tasks);
    if (!fits && !wrapped) {
        insertToolBarBreak(tasks);
        m_autoBreak = true;
    } else if (fits && wrapped && m_autoBreak) { // a break the user made stays
        removeToolBarBreak(tasks);
        m_autoBreak = false;
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // A job running is work the user would lose without a word: asked first.
    QStringList running;
    if (m_recon->isRunning())
        running << tr("a reconstruction");
    if (m_train->isRunning())
        running << tr("a training run");
    if (m_eval->isRunning())
        running << tr("an evaluation");
    if (m_fields->isRunning())
        running << tr("the field statistics");
    if (m_search->isRunning())
        running << tr("a search or download");
    if (!running.isEmpty()) {
        QMessageBox box(QMessageBox::Question, tr("Quit Unclouded"),
            tr("Still running: %1.\nQuit and stop it? What it has not finished is not written.")
                .arg(running.join(QStringLiteral(", "))),
            QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("quitWhileRunning"));
        QPushButton* quit = box.addButton(tr("Stop and Quit"), QMessageBox::DestructiveRole);
        box.setDefaultButton(box.addButton(QMessageBox::Cancel));
        QTimer::singleShot(0, this, &MainWindow::quitWhileRunningAsked);
        box.exec();
        if (box.clickedButton() != quit) {
            event->ignore();
            return;
        }
    }
    settings::windowGeometryOn(screenKey()).set(saveGeometry());
    saveTaskState();
    settingsStore().sync(); // written now, not by a store destroyed at exit
    QMainWindow::closeEvent(event);
}

} // namespace unclouded::ui
