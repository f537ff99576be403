#include "ui/mainwindow.h"

#include "ui/aboutdialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeWidget>

namespace unclouded::ui {

namespace {
constexpr int kMaxRecent = 10;
const QString kRecentKey = QStringLiteral("recentFiles");
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Unclouded"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/unclouded.svg")));
    setAcceptDrops(true);
    resize(1280, 820);

    m_welcome = new QLabel(tr("<h2>Open a Sentinel-2 product</h2>"
                              "<p>File ▸ Open (Ctrl+O), or drop a .SAFE folder, a .zip or a GeoTIFF here.</p>"),
                           this);
    m_welcome->setAlignment(Qt::AlignCenter);
    setCentralWidget(m_welcome);

    createActions();
    createDocks();

    m_coordLabel = new QLabel(this);
    m_coordLabel->setMinimumWidth(260);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->setVisible(false);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_coordLabel);
    statusBar()->showMessage(tr("Ready"));

    QSettings s;
    restoreGeometry(s.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("mainWindow/state")).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open Product…"));
    open->setObjectName(QStringLiteral("actionOpen"));
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open a Sentinel-2 product"), QString(),
            tr("Sentinel-2 products (MTD_MSIL*.xml *.zip *.tif *.tiff);;All files (*)"));
        if (!path.isEmpty())
            openProduct(path);
    });
    QAction* openDir = file->addAction(tr("Open &SAFE Folder…"));
    connect(openDir, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a .SAFE folder"));
        if (!dir.isEmpty())
            openProduct(dir);
    });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("menuRecent"));
    rebuildRecentMenu();
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("menuView"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About Unclouded"));
    about->setObjectName(QStringLiteral("actionAbout"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar* tb = addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("toolbarMain"));
    tb->addAction(open);
}

void MainWindow::createDocks()
{
    auto makeDock = [this](const QString& name, const QString& title, QWidget* content, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(content);
        addDockWidget(area, d);
        m_viewMenu->addAction(d->toggleViewAction());
        return d;
    };
    auto* layers = new QListWidget(this);
    layers->setObjectName(QStringLiteral("layerList"));
    makeDock(QStringLiteral("dockLayers"), tr("Layers"), layers, Qt::LeftDockWidgetArea);
    auto* meta = new QTreeWidget(this);
    meta->setObjectName(QStringLiteral("metadataTree"));
    meta->setHeaderLabels({tr("Property"), tr("Value")});
    makeDock(QStringLiteral("dockMetadata"), tr("Product"), meta, Qt::LeftDockWidgetArea);
}

QDockWidget* MainWindow::dock(const QString& objectName) const
{
    return findChild<QDockWidget*>(objectName);
}

void MainWindow::openProduct(const QString& path)
{
    const QFileInfo fi(path);
    if (!fi.exists()) {
        showError(tr("Cannot open %1: it does not exist.").arg(path));
        return;
    }
    m_currentPath = fi.absoluteFilePath();
    setWindowTitle(tr("%1 — Unclouded").arg(fi.fileName()));
    statusBar()->showMessage(tr("Opened %1").arg(m_currentPath), 5000);
    addRecentFile(m_currentPath);
    Q_EMIT productOpened(m_currentPath);
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value(kRecentKey).toStringList();
}

void MainWindow::addRecentFile(const QString& path)
{
    QStringList list = recentFiles();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecent)
        list.removeLast();
    QSettings().setValue(kRecentKey, list);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList list = recentFiles();
    for (const QString& p : list) {
        QAction* a = m_recentMenu->addAction(QFileInfo(p).fileName());
        a->setToolTip(p);
        connect(a, &QAction::triggered, this, [this, p] { openProduct(p); });
    }
    m_recentMenu->setEnabled(!list.isEmpty());
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
    AboutDialog dlg(m_realData, this);
    dlg.exec();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        openProduct(urls.first().toLocalFile());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings s;
    s.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    s.setValue(QStringLiteral("mainWindow/state"), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace unclouded::ui
