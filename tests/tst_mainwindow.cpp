// The main window offscreen: menus, docks, About dialog, bad paths.
#include <QDockWidget>
#include <QMenuBar>
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
