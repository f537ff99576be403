// The main window offscreen: menus, docks, About dialog, bad paths.
#include <QDockWidget>
#include <QListWidget>
#include <QMenuBar>
#include <QScreen>
#include <QSignalSpy>
#include <QtTest>

#include "core/common/runtime.h"
#include "ui/aboutdialog.h"
#include "ui/mainwindow.h"

using namespace unclouded;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { initializeRuntime(); }
    void hasMenusToolbarAndDocks();
    void aboutListsLibraryVersions();
    void missingPathShowsErrorAndStaysUsable();
    void fitsASmallLaptopScreen();
};

void TestMainWindow::hasMenusToolbarAndDocks()
{
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QStringList menus;
    for (QAction* a : w.menuBar()->actions())
        menus << a->text().remove(QLatin1Char('&'));
    QCOMPARE(menus, (QStringList { QStringLiteral("File"), QStringLiteral("View"), QStringLiteral("Help") }));
    QVERIFY(w.findChild<QAction*>(QStringLiteral("actionOpen")));
    QVERIFY(w.dock(QStringLiteral("dockLayers")));
    QVERIFY(w.dock(QStringLiteral("dockMetadata")));
    QVERIFY(w.dock(QStringLiteral("dockLayers"))->isVisible());
    // Nothing open: the welcome page, with the recent products (none yet) and the open buttons.
    QWidget* welcome = w.findChild<QWidget*>(QStringLiteral("welcomePage"));
    QVERIFY(welcome && welcome->isVisible());
    auto* recent = w.findChild<QListWidget*>(QStringLiteral("welcomeRecent"));
    QVERIFY(recent && recent->count() >= 1);
}

void TestMainWindow::aboutListsLibraryVersions()
{
    ui::AboutDialog plain(false);
    const LibraryVersions v = libraryVersions();
    QVERIFY(plain.text().contains(v.gdal));
    QVERIFY(plain.text().contains(v.torch));
    QVERIFY(plain.text().contains(v.opencv));
    QVERIFY(plain.text().contains(v.qt));
    QVERIFY(!plain.text().contains(QStringLiteral("Copernicus")));
    ui::AboutDialog real(true);
    QVERIFY(real.text().contains(QStringLiteral("Contains modified Copernicus Sentinel data")));
}

void TestMainWindow::missingPathShowsErrorAndStaysUsable()
{
    ui::MainWindow w;
    w.show();
    QSignalSpy errors(&w, &ui::MainWindow::errorShown);
    w.openProduct(QStringLiteral("/nonexistent/S2B_MSIL2A_x.SAFE"));
    QVERIFY(errors.wait(10000));
    QVERIFY(errors.first().first().toString().contains(QStringLiteral("/nonexistent/S2B_MSIL2A_x.SAFE")));
    QVERIFY(w.isVisible());
}

void TestMainWindow::fitsASmallLaptopScreen()
{
    // Every dock open, as on first run: the window can still be as small as a 1366 x 768 screen
    // leaves room for (panel and title bar take ~70 px), and it never opens larger than the screen.
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QSize min = w.minimumSizeHint();
    for (QDockWidget* d : w.findChildren<QDockWidget*>())
        qInfo("%s: minimum %d x %d", qPrintable(d->objectName()), d->minimumSizeHint().width(),
            d->minimumSizeHint().height());
    qInfo("minimum size %d x %d, opened at %d x %d on a %d x %d screen", min.width(), min.height(), w.width(),
        w.height(), w.screen()->availableGeometry().width(), w.screen()->availableGeometry().height());
    QVERIFY2(min.width() <= 1366 && min.height() <= 698,
        qPrintable(QStringLiteral("%1 x %2").arg(min.width()).arg(min.height())));
    // Offscreen screens are small (800 x 800): the window opens at the larger of the screen and its minimum.
    const QRect avail = w.screen()->availableGeometry();
    QVERIFY(w.width() <= std::max(avail.width(), min.width())
        && w.height() <= std::max(avail.height(), min.height()));
    QAction* reset = w.findChild<QAction*>(QStringLiteral("actionResetLayout"));
    QVERIFY(reset);
    w.dock(QStringLiteral("dockLayers"))->setFloating(true);
    reset->trigger();
    QVERIFY(!w.dock(QStringLiteral("dockLayers"))->isFloating());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
