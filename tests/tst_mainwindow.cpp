// The main window offscreen: menus, docks, About dialog, bad paths, Preferences, Keyboard
// Shortcuts and the User Guide.
#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolBar>
#include <QTranslator>
#include <QTreeWidget>
#include <QtTest>

#include "core/common/gdalcache.h"
#include "core/common/runtime.h"
#include "core/sample/samplegenerator.h"
#include "ui/aboutdialog.h"
#include "ui/helpdialogs.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/preferencesdialog.h"
#include "ui/reconpanel.h"
#include "ui/settings.h"
#include "ui/trainpanel.h"
#include "ui/units.h"

using namespace unclouded;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { initializeRuntime(); }
    void hasMenusToolbarAndDocks();
    void floatingDockWithFocusAtQuit();
    void aboutListsLibraryVersions();
    void missingPathShowsErrorAndStaysUsable();
    void recentMenuGreysMissingFilesAndClears();
    void aTrainingFailureShowsInAnyTask();
    void fitsASmallLaptopScreen();
    void tasksShowTheirDocks();
    void tasksAreRememberedAcrossRestarts();
    void damagedWindowGeometryIsNotRestored();
    void panelsFitTheirDocksOnALaptop();
    void taskButtonsShowInASmallWindow();
    void userToolBarBreakStays();
    void everyControlHasATooltip();
    void preferencesWriteTheSettings();
    void preferencesApplyAtOnce();
    void preferencesThreadsAtStart();
    void preferencesDownloadsAndUnits();
    void emptyingDownloadsKeepsOpenLayers();
    void shortcutsListEveryActionWithOne();
    void userGuideRendersWithItsPictures();
};

// Quitting with the Evaluation dock floating and its clear-product field focused: the dock closes
// after the window's members, and the field's focus-out must not reach a freed workspace (heap-use-after-free
// under `make sanitize` before ~MainWindow deleted its docks first).
void TestMainWindow::floatingDockWithFocusAtQuit()
{
    auto* w = new ui::MainWindow;
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    w->setTask(QStringLiteral("evaluate"));
    auto* dock = w->findChild<QDockWidget*>(QStringLiteral("dockEvaluation"));
    QVERIFY(dock);
    dock->setFloating(true);
    dock->show();
    QVERIFY(QTest::qWaitForWindowExposed(dock));
    QApplication::setActiveWindow(dock);
    auto* clear = dock->findChild<QComboBox*>(QStringLiteral("evalClear"));
    QVERIFY(clear && clear->lineEdit());
    clear->lineEdit()->setFocus();
    QTest::keyClicks(clear->lineEdit(), QStringLiteral("x"));
    QTRY_VERIFY(clear->lineEdit()->hasFocus());
    w->hide(); // as Ctrl+Q from the floating dock: the main window goes, the dock stays shown
    QVERIFY(dock->isVisible());
    delete w;
}

void TestMainWindow::hasMenusToolbarAndDocks()
{
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QStringList menus;
    for (QAction* a : w.menuBar()->actions())
        menus << a->text().remove(QLatin1Char('&'));
    QCOMPARE(menus,
        (QStringList { QStringLiteral("File"), QStringLiteral("View"), QStringLiteral("Settings"),
            QStringLiteral("Help") }));
    QVERIFY(w.findChild<QAction*>(QStringLiteral("actionOpen")));
    // The icon is an SVG: without Qt's SVG plugins (libqt6svg6) it was blank everywhere.
    QVERIFY(!w.windowIcon().pixmap(64, 64).isNull());
    QVERIFY(w.dock(QStringLiteral("dockLayers")));
    QVERIFY(w.dock(QStringLiteral("dockMetadata")));
    // Nothing open: the welcome page alone, with the recent products (none yet) and the open buttons.
    QWidget* welcome = w.findChild<QWidget*>(QStringLiteral("welcomePage"));
    QVERIFY(welcome && welcome->isVisible());
    auto* recent = w.findChild<QListWidget*>(QStringLiteral("welcomeRecent"));
    QVERIFY(recent && recent->count() >= 1);
    for (QDockWidget* d : w.findChildren<QDockWidget*>())
        QVERIFY2(!d->isVisible(), qPrintable(d->objectName()));
    // Choosing a task (here the current one) brings its docks.
    w.findChild<QAction*>(QStringLiteral("actionTask_") + w.task())->trigger();
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

void TestMainWindow::recentMenuGreysMissingFilesAndClears()
{
    QTemporaryDir dir;
    const QString kept = dir.filePath(QStringLiteral("kept.tif"));
    const QString gone = dir.filePath(QStringLiteral("gone.tif"));
    for (const QString& f : { kept, gone }) {
        QFile file(f);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    const QString remote = QStringLiteral("https://example.com/item.json");
    const QStringList before = ui::settings::recentFiles.get();
    ui::settings::recentFiles.set({ kept, gone, remote });
    {
        ui::MainWindow w;
        auto* menu = w.findChild<QMenu*>(QStringLiteral("menuRecent"));
        QVERIFY(menu);
        auto entry = [menu](const QString& path) -> QAction* {
            for (QAction* a : menu->actions())
                if (a->data().toString() == path)
                    return a;
            return nullptr;
        };
        QVERIFY(entry(kept) && entry(gone) && entry(remote));
        QVERIFY(entry(gone)->isEnabled());
        // Deleted while the app runs: greyed out the next time the menu opens.
        QVERIFY(QFile::remove(gone));
        Q_EMIT menu->aboutToShow();
        QVERIFY(entry(kept)->isEnabled());
        QVERIFY(!entry(gone)->isEnabled());
        QVERIFY(entry(remote)->isEnabled()); // only known when opened
        auto* clear = w.findChild<QAction*>(QStringLiteral("actionClearRecent"));
        QVERIFY(clear);
        clear->trigger();
        QTRY_VERIFY(!menu->isEnabled());
        QVERIFY(ui::settings::recentFiles.get().isEmpty());
        QVERIFY(!entry(kept));
    }
    ui::settings::recentFiles.set(before);
}

void TestMainWindow::aTrainingFailureShowsInAnyTask()
{
    // A run takes minutes and the user moves on: its failure was said only in the Training dock,
    // which other tasks hide.
    QTemporaryDir dir;
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto* train = w.findChild<ui::TrainPanel*>();
    QVERIFY(train);
    w.setTask(QStringLiteral("train"));
    train->setProducts({ dir.filePath(QStringLiteral("gone.SAFE")) }, 0);
    ml::TrainOptions o = train->options();
    o.out = dir.filePath(QStringLiteral("x.pth"));
    train->setOptions(o);
    train->start();
    w.setTask(QStringLiteral("inspect"));
    QSignalSpy errors(&w, &ui::MainWindow::errorShown);
    QVERIFY(errors.wait(20000));
    QVERIFY2(errors.first().first().toString().contains(QStringLiteral("gone.SAFE")),
        qPrintable(errors.first().first().toString()));
    QVERIFY(!train->isRunning());
}

namespace {
// Shows the window and opens a product in it: false when it did not open in time.
bool showWithProduct(ui::MainWindow& w, const QString& path)
{
    w.show();
    if (!QTest::qWaitForWindowExposed(&w))
        return false;
    QSignalSpy opened(&w, &ui::MainWindow::productOpened);
    w.openProduct(path);
    return opened.wait(20000);
}
} // namespace

void TestMainWindow::fitsASmallLaptopScreen()
{
    // Every dock open, as on first run: the window can still be as small as a 1366 x 768 screen
    // leaves room for (panel and title bar take ~70 px), and it never opens larger than the screen.
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.setTask(QStringLiteral("inspect")); // the docks of the task with the most
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

namespace {
// Docks the user sees or can bring to front (a tab behind another counts): not closed.
QStringList openDocks(const ui::MainWindow& w)
{
    QStringList names;
    for (QDockWidget* d : w.findChildren<QDockWidget*>())
        if (d->toggleViewAction()->isChecked())
            names << d->objectName();
    names.sort();
    return names;
}
QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}
} // namespace

void TestMainWindow::tasksShowTheirDocks()
{
    QSettings().clear();
    ui::MainWindow w;
    w.resize(1366, 700); // a 1366 x 768 screen less the desktop's panel
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.task(), QStringLiteral("inspect"));
    QVERIFY(openDocks(w).isEmpty()); // the welcome page alone until a product or a task is chosen
    QCOMPARE(ui::MainWindow::taskIds().size(), 6);
    QSet<QString> everyDock;
    for (const QString& id : ui::MainWindow::taskIds()) {
        QAction* a = w.findChild<QAction*>(QStringLiteral("actionTask_") + id);
        QVERIFY2(a && !a->shortcut().isEmpty() && !a->toolTip().isEmpty(), qPrintable(id));
        QSignalSpy changed(&w, &ui::MainWindow::taskChanged);
        QTest::keySequence(&w, a->shortcut()); // as a person would
        QCOMPARE(w.task(), id);
        QCOMPARE(changed.size(), 1);
        QVERIFY(a->isChecked());
        QCOMPARE(openDocks(w), sorted(ui::MainWindow::taskDocks(id)));
        for (const QString& d : ui::MainWindow::taskDocks(id))
            everyDock.insert(d);
        // The map stays the centre: most of the height (and about half the width or more), except
        // where a table is the point of the task (evaluation scores, field statistics): there the
        // table gets about half the height, so more than a row or two show at 1366 x 768.
        const bool tableTask = id == QLatin1String("evaluate") || id == QLatin1String("fields");
        const int mapPercent = tableTask ? 30 : 58;
        const QWidget* centre = w.centralWidget();
        // Dock sizes apply once laid out (a queued resize).
        QTRY_VERIFY_WITH_TIMEOUT(centre->height() >= w.height() * mapPercent / 100, 3000);
        qInfo("%s: map %d x %d of %d x %d (%d %% of the height)", qPrintable(id), centre->width(),
            centre->height(), w.width(), w.height(), 100 * centre->height() / w.height());
        QVERIFY2(centre->height() >= w.height() * mapPercent / 100,
            qPrintable(QStringLiteral("%1: map %2 px high").arg(id).arg(centre->height())));
        if (tableTask) {
            const QString table = id == QLatin1String("evaluate") ? QStringLiteral("dockEvaluation")
                                                                  : QStringLiteral("dockFields");
            QTRY_VERIFY2_WITH_TIMEOUT(w.dock(table)->height() >= w.height() * 45 / 100, qPrintable(id), 3000);
        }
        QVERIFY2(centre->width() >= w.width() * 4 / 10, qPrintable(id));
    }
    QCOMPARE(everyDock.size(), w.findChildren<QDockWidget*>().size()); // every dock has a task
    // Opening parcels brings the Fields task forward (its dock is hidden in Inspect).
    w.setTask(QStringLiteral("inspect"));
    QVERIFY(!w.dock(QStringLiteral("dockFields"))->toggleViewAction()->isChecked());
}

// Installs the language's translations (English needs none); false when they cannot be loaded.
static bool translateInto(const ui::Language& language, QTranslator& translator)
{
    if (qstrcmp(language.code, "en") == 0)
        return true;
    if (!translator.load(QLocale(QLatin1String(language.code)), QStringLiteral("unclouded"),
            QStringLiteral("_"), QStringLiteral(UNCLOUDED_QM_DIR)))
        return false;
    QCoreApplication::installTranslator(&translator);
    return true;
}

void TestMainWindow::panelsFitTheirDocksOnALaptop()
{
    // A 1366 x 768 laptop: the window opens at 9/10 of the screen (1229 x 651 px, fitToScreen) or is
    // maximised (1366 x 700). Every panel of every task fits its dock's width with a product open, in
    // every language: nothing is cut off at the right edge behind a sideways scroll bar.
    QTemporaryDir dir;
    SampleOptions o;
    o.outDir = dir.path();
    o.size = 120;
    o.seed = 5;
    const SampleReport sample = generateSample(o);
    QStringList cut;
    for (const ui::Language& language : ui::kLanguages) {
        QSettings().clear();
        QTranslator translator;
        QVERIFY(translateInto(language, translator));
        ui::MainWindow w;
        QVERIFY(showWithProduct(w, sample.main.safePath));
        for (const QSize size : { QSize(1229, 651), QSize(1366, 700) }) {
            w.resize(size);
            for (const QString& id : ui::MainWindow::taskIds()) {
                w.setTask(id);
                QTest::qWait(
                    300); // dock sizes apply once laid out (a queued resize; slower under sanitizers)
                for (QDockWidget* d : w.findChildren<QDockWidget*>()) {
                    if (!d->isVisible() || d->visibleRegion().isEmpty()) // closed, or a tab behind another
                        continue;
                    for (QScrollArea* s : d->findChildren<QScrollArea*>()) {
                        if (!s->isVisible() || !s->widget())
                            continue;
                        const int need = s->widget()->minimumSizeHint().width();
                        const int have = s->viewport()->width();
                        if (need <= have && s->horizontalScrollBar()->maximum() == 0)
                            continue;
                        QStringList wide; // what makes it wide
                        for (QWidget* c : s->widget()->findChildren<QWidget*>())
                            if (c->isVisible() && c->minimumSizeHint().width() > have / 2)
                                wide << QStringLiteral("%1 %2 %3 px")
                                            .arg(QLatin1String(c->metaObject()->className()),
                                                c->objectName().isEmpty() && qobject_cast<QLabel*>(c)
                                                    ? qobject_cast<QLabel*>(c)->text()
                                                    : c->objectName())
                                            .arg(c->minimumSizeHint().width());
                        cut << QStringLiteral("%1 %2x%3 %4 %5: %6 px in %7 (%8)")
                                   .arg(QLatin1String(language.code))
                                   .arg(size.width())
                                   .arg(size.height())
                                   .arg(id, d->objectName())
                                   .arg(need)
                                   .arg(have)
                                   .arg(wide.join(QStringLiteral(", ")));
                    }
                }
            }
        }
        if (qstrcmp(language.code, "de") == 0)
            QCOMPARE(w.findChild<QComboBox*>(QStringLiteral("trainPreset"))->itemText(0).left(9),
                QStringLiteral("Empfohlen")); // translated: the test measures German texts
        QCoreApplication::removeTranslator(&translator);
    }
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral("\n"))));
}

void TestMainWindow::taskButtonsShowInASmallWindow()
{
    // A 900 x 600 screen (the window at 9/10 of it): the task buttons hid behind the tool bar's
    // extension arrow. They take a row of their own there, in every language, and share the row
    // again in a wide window.
    for (const ui::Language& language : ui::kLanguages) {
        QSettings().clear();
        QTranslator translator;
        QVERIFY(translateInto(language, translator));
        ui::MainWindow w;
        w.resize(810, 540);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* main = w.findChild<QToolBar*>(QStringLiteral("toolbarMain"));
        auto* tasks = w.findChild<QToolBar*>(QStringLiteral("toolbarTasks"));
        QVERIFY(main && tasks);
        for (const QString& id : ui::MainWindow::taskIds()) {
            QAction* a = w.findChild<QAction*>(QStringLiteral("actionTask_") + id);
            QTRY_VERIFY2(tasks->widgetForAction(a) && tasks->widgetForAction(a)->isVisible(),
                qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(language.code), a->text())));
        }
        QVERIFY(tasks->y() > main->y());
        w.resize(1800, 900);
        QTRY_COMPARE(tasks->y(), main->y());
        QCoreApplication::removeTranslator(&translator);
    }
}

void TestMainWindow::userToolBarBreakStays()
{
    // The task bar's own row is the app's in a narrow window; a row the user gives it in a wide one is
    // the user's and survives resizes (it used to be removed by the next one), until Reset layout.
    QSettings().clear();
    ui::MainWindow w;
    w.resize(1800, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto* main = w.findChild<QToolBar*>(QStringLiteral("toolbarMain"));
    auto* tasks = w.findChild<QToolBar*>(QStringLiteral("toolbarTasks"));
    QVERIFY(main && tasks);
    QTRY_COMPARE(tasks->y(), main->y());
    w.insertToolBarBreak(tasks);
    QTRY_VERIFY(tasks->y() > main->y());
    w.resize(1700, 880);
    QTRY_COMPARE(w.width(), 1700);
    QTest::qWait(50);
    QVERIFY(w.toolBarBreak(tasks));
    QVERIFY(tasks->y() > main->y());
    // Narrow, then wide again: still the user's row.
    w.resize(810, 540);
    QTRY_COMPARE(w.width(), 810);
    w.resize(1800, 900);
    QTRY_COMPARE(w.width(), 1800);
    QTest::qWait(50);
    QVERIFY(w.toolBarBreak(tasks));
    // Reset layout gives the row back to the app: one row in a wide window.
    w.findChild<QAction*>(QStringLiteral("actionResetLayout"))->trigger();
    w.resize(1800, 900);
    QTRY_COMPARE(tasks->y(), main->y());
}

void TestMainWindow::tasksAreRememberedAcrossRestarts()
{
    QSettings().clear();
    {
        ui::MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.findChild<QAction*>(QStringLiteral("actionTask_train"))->trigger();
        QCOMPARE(openDocks(w), sorted(ui::MainWindow::taskDocks(QStringLiteral("train"))));
        // The user adds the pixel inspector to Train and closes the scene classes there.
        w.dock(QStringLiteral("dockInspector"))->toggleViewAction()->trigger();
        w.dock(QStringLiteral("dockScl"))->close();
        QVERIFY(w.dock(QStringLiteral("dockInspector"))->toggleViewAction()->isChecked());
        // Another task keeps its own docks; back in Train the user's choice is there.
        w.findChild<QAction*>(QStringLiteral("actionTask_inspect"))->trigger();
        QVERIFY(w.dock(QStringLiteral("dockScl"))->toggleViewAction()->isChecked());
        w.findChild<QAction*>(QStringLiteral("actionTask_train"))->trigger();
        QVERIFY(!w.dock(QStringLiteral("dockScl"))->toggleViewAction()->isChecked());
        QVERIFY(w.dock(QStringLiteral("dockInspector"))->toggleViewAction()->isChecked());
        w.close();
    }
    {
        ui::MainWindow w; // a restart: the task and its docks come back (after the welcome page)
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.task(), QStringLiteral("train"));
        QVERIFY(openDocks(w).isEmpty());
        w.setTask(QStringLiteral("train"));
        QVERIFY(w.findChild<QAction*>(QStringLiteral("actionTask_train"))->isChecked());
        QVERIFY(w.dock(QStringLiteral("dockTraining"))->toggleViewAction()->isChecked());
        QVERIFY(w.dock(QStringLiteral("dockInspector"))->toggleViewAction()->isChecked());
        QVERIFY(!w.dock(QStringLiteral("dockScl"))->toggleViewAction()->isChecked());
        // View > Reset Layout: every task back to its defaults.
        w.findChild<QAction*>(QStringLiteral("actionResetLayout"))->trigger();
        QCOMPARE(w.task(), QStringLiteral("train"));
        QCOMPARE(openDocks(w), sorted(ui::MainWindow::taskDocks(QStringLiteral("train"))));
        w.close();
    }
    // Layouts are kept per screen size: this screen's are stored under its own keys, and what was
    // left on another screen (here a 4K monitor's small window) does not move this one.
    const QSize avail = QGuiApplication::primaryScreen()->availableGeometry().size();
    const QString here = QStringLiteral("%1x%2").arg(avail.width()).arg(avail.height());
    const QByteArray mine = ui::settings::windowGeometryOn(here).get();
    QVERIFY(!mine.isEmpty());
    QVERIFY(!ui::settings::taskState(QStringLiteral("train"), here).get().isEmpty());
    QSize sizeHere;
    {
        ui::MainWindow w;
        sizeHere = w.size();
    }
    {
        QWidget small;
        small.resize(400, 300);
        ui::settings::windowGeometryOn(QStringLiteral("3840x2160")).set(small.saveGeometry());
        ui::MainWindow w;
        QCOMPARE(w.size(), sizeHere);
        QVERIFY(w.width() > 400);
    }
    QSettings().clear();
}

// A stored geometry no session of this window could have left (random bytes, cut short, or a window
// smaller than the window's minimum, as a damaged or hand-edited file gives): the window fits the
// screen instead, as on first start.
void TestMainWindow::damagedWindowGeometryIsNotRestored()
{
    QSettings().clear();
    QSize fitted;
    {
        ui::MainWindow w;
        fitted = w.size();
    }
    const QSize avail = QGuiApplication::primaryScreen()->availableGeometry().size();
    const QString here = QStringLiteral("%1x%2").arg(avail.width()).arg(avail.height());
    QWidget tiny;
    tiny.setGeometry(0, 0, 60, 40);
    QByteArray cut = tiny.saveGeometry();
    cut.chop(cut.size() / 2);
    QByteArray noise(64, '\x5a');
    // Qt's layout with a window-sized normal rectangle but a tiny one restored (version 3's last).
    QByteArray mixed;
    {
        QDataStream out(&mixed, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_4_0);
        out << quint32(0x1D9D0CB) << quint16(3) << quint16(0) << QRect(0, 0, 700, 500)
            << QRect(0, 0, 700, 500) << qint32(0) << quint8(0) << quint8(0) << qint32(avail.width())
            << QRect(0, 0, 60, 40);
    }
    for (const QByteArray& damaged : { tiny.saveGeometry(), cut, noise, mixed }) {
        ui::settings::windowGeometryOn(here).set(damaged);
        ui::MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        qInfo("restored %d x %d at %d, %d", w.width(), w.height(), w.x(), w.y());
        QCOMPARE(w.size(), fitted);
    }
    QSettings().clear();
}

void TestMainWindow::everyControlHasATooltip()
{
    // The rule: every button, check box, combo box, spin box, line edit and slider of the window, its
    // docks and the welcome page says what it does in a tooltip that adds to its visible text (a
    // toolbar button's tooltip is its action's: a bare action's tooltip is only its text). Left
    // out: the parts Qt builds inside other widgets (the edit inside a spin box or combo box, a
    // dock's float and close buttons, a table's corner button, a tab bar's scroll arrows, the toolbar's
    // overflow arrow), which Qt labels itself.
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto plain = [](QString t) { return t.remove(QLatin1Char('&')).remove(QStringLiteral("…")).trimmed(); };
    auto isQtPart = [](const QWidget* c) {
        const QWidget* p = c->parentWidget();
        return (qobject_cast<const QLineEdit*>(c)
                   && (qobject_cast<const QAbstractSpinBox*>(p) || qobject_cast<const QComboBox*>(p)))
            || c->inherits("QDockWidgetTitleButton") || c->inherits("QTableCornerButton")
            || qobject_cast<const QTabBar*>(p) || c->objectName().startsWith(QLatin1String("qt_"));
    };
    QStringList missing;
    int checked = 0;
    for (QWidget* c : w.findChildren<QWidget*>()) {
        const bool control = qobject_cast<QAbstractButton*>(c) || qobject_cast<QComboBox*>(c)
            || qobject_cast<QAbstractSpinBox*>(c) || qobject_cast<QLineEdit*>(c) || qobject_cast<QSlider*>(c);
        if (!control || isQtPart(c) || c->window() != &w)
            continue;
        ++checked;
        QString text;
        if (auto* b = qobject_cast<QAbstractButton*>(c))
            text = b->text();
        const QString tip = c->toolTip().trimmed();
        if (tip.isEmpty() || plain(tip) == plain(text)) {
            QString where;
            for (QWidget* p = c->parentWidget(); p && p != &w; p = p->parentWidget())
                if (!p->objectName().isEmpty() && !p->objectName().startsWith(QLatin1String("qt_"))) {
                    where = p->objectName();
                    break;
                }
            missing << QStringLiteral("%1 \"%2\" (%3, in %4)")
                           .arg(c->objectName(), plain(text),
                               QString::fromLatin1(c->metaObject()->className()), where);
        }
    }
    qInfo("%d controls checked", checked);
    for (const QString& m : missing)
        qInfo("no tooltip: %s", qPrintable(m));
    QVERIFY(checked > 60);
    QVERIFY2(
        missing.isEmpty(), qPrintable(QStringLiteral("no tooltip:\n") + missing.join(QLatin1Char('\n'))));
}

void TestMainWindow::preferencesWriteTheSettings()
{
    QSettings().clear();
    ui::PreferencesDialog dlg;
    dlg.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dlg));
    // What is shown first: the built-in defaults.
    auto* language = dlg.findChild<QComboBox*>(QStringLiteral("prefLanguage"));
    auto* threads = dlg.findChild<QSpinBox*>(QStringLiteral("prefThreads"));
    auto* cache = dlg.findChild<QSpinBox*>(QStringLiteral("prefGdalCache"));
    auto* classes = dlg.findChild<QListWidget*>(QStringLiteral("prefHiddenClasses"));
    auto* buffer = dlg.findChild<QSpinBox*>(QStringLiteral("prefBuffer"));
    auto* format = dlg.findChild<QComboBox*>(QStringLiteral("prefFormat"));
    auto* compression = dlg.findChild<QComboBox*>(QStringLiteral("prefCompression"));
    QVERIFY(language && threads && cache && classes && buffer && format && compression);
    QCOMPARE(language->currentData().toString(), QStringLiteral("system"));
    QCOMPARE(threads->value(), 0);
    QVERIFY(threads->text().startsWith(QStringLiteral("All cores")));
    QCOMPARE(cache->value(), kDefaultGdalCacheMb);
    QCOMPARE(classes->count(), 12);
    QStringList ticked;
    for (int i = 0; i < classes->count(); ++i)
        if (classes->item(i)->checkState() == Qt::Checked)
            ticked << classes->item(i)->data(Qt::UserRole).toString();
    QCOMPARE(ticked,
        (QStringList { QStringLiteral("3"), QStringLiteral("8"), QStringLiteral("9"), QStringLiteral("10"),
            QStringLiteral("11") }));
    QCOMPARE(format->currentData().toString(), QStringLiteral("COG"));
    QCOMPARE(compression->currentData().toString(), QStringLiteral("DEFLATE"));

    // A person changes everything and presses OK.
    language->setCurrentIndex(language->findData(QStringLiteral("fr")));
    threads->setValue(3);
    cache->setValue(512);
    classes->item(11)->setCheckState(Qt::Unchecked); // snow is ground here
    classes->item(2)->setCheckState(Qt::Checked); // dark area pixels
    buffer->setValue(4);
    format->setCurrentIndex(format->findData(QStringLiteral("GTiff")));
    compression->setCurrentIndex(compression->findData(QStringLiteral("ZSTD")));
    QTest::mouseClick(dlg.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(dlg.result(), int(QDialog::Accepted));
    QCOMPARE(ui::settings::language.get(), QStringLiteral("fr"));
    QCOMPARE(ui::settings::threads.get(), 3);
    QCOMPARE(ui::settings::gdalCacheMb.get(), 512);
    QCOMPARE(ui::settings::hiddenClasses.get(),
        (QStringList { QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("8"), QStringLiteral("9"),
            QStringLiteral("10") }));
    QCOMPARE(ui::settings::maskBuffer.get(), 4);
    QCOMPARE(ui::settings::reconFormat.get(), QStringLiteral("GTiff"));
    QCOMPARE(ui::settings::reconCompression.get(), QStringLiteral("ZSTD"));

    // Opened again it shows what is stored; Cancel stores nothing; Restore Defaults then OK resets.
    ui::PreferencesDialog again;
    QCOMPARE(again.findChild<QSpinBox*>(QStringLiteral("prefBuffer"))->value(), 4);
    QCOMPARE(again.findChild<QComboBox*>(QStringLiteral("prefLanguage"))->currentData().toString(),
        QStringLiteral("fr"));
    again.findChild<QSpinBox*>(QStringLiteral("prefBuffer"))->setValue(9);
    again.reject();
    QCOMPARE(ui::settings::maskBuffer.get(), 4);
    QTest::mouseClick(
        again.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
    again.accept();
    QCOMPARE(ui::settings::language.get(), QStringLiteral("system"));
    QCOMPARE(ui::settings::maskBuffer.get(), 0);
    QCOMPARE(ui::settings::hiddenClasses.get(),
        (QStringList { QStringLiteral("3"), QStringLiteral("8"), QStringLiteral("9"), QStringLiteral("10"),
            QStringLiteral("11") }));
    QCOMPARE(ui::settings::reconCompression.get(), QStringLiteral("DEFLATE"));
    QSettings().clear();
}

void TestMainWindow::preferencesApplyAtOnce()
{
    QSettings().clear();
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QAction* prefs = w.findChild<QAction*>(QStringLiteral("actionPreferences"));
    QVERIFY(prefs && !prefs->shortcut().isEmpty());
    prefs->trigger();
    auto* dlg = w.findChild<ui::PreferencesDialog*>();
    QVERIFY(dlg && dlg->isVisible()); // window-modal, the event loop goes on
    dlg->findChild<QSpinBox*>(QStringLiteral("prefGdalCache"))->setValue(300);
    dlg->findChild<QSpinBox*>(QStringLiteral("prefBuffer"))->setValue(2);
    auto* format = dlg->findChild<QComboBox*>(QStringLiteral("prefFormat"));
    format->setCurrentIndex(format->findData(QStringLiteral("GTiff")));
    auto* language = dlg->findChild<QComboBox*>(QStringLiteral("prefLanguage"));
    language->setCurrentIndex(language->findData(QStringLiteral("es")));
    QTest::mouseClick(dlg->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    if (!qEnvironmentVariableIsSet("GDAL_CACHEMAX"))
        QCOMPARE(gdalCacheMegabytes(), 300);
    QCOMPARE(w.findChild<QSpinBox*>(QStringLiteral("mask/buffer"))->value(), 2);
    QCOMPARE(w.reconPanel()->exportOptions().format, ExportOptions::Format::GTiff);
    QVERIFY(w.findChild<QAction*>(QStringLiteral("actionLanguage_es"))->isChecked());
    setGdalCacheMegabytes(kDefaultGdalCacheMb);
    QSettings().clear();
}

void TestMainWindow::preferencesDownloadsAndUnits()
{
    QSettings().clear();
    // A download folder with two downloaded items (they hold item.json) and things a user keeps.
    QTemporaryDir dir;
    auto write = [](const QString& path, int bytes) {
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(bytes, 'x'));
    };
    write(dir.filePath(QStringLiteral("items/a/item.json")), 100);
    write(dir.filePath(QStringLiteral("items/a/B04.tif")), 3000);
    write(dir.filePath(QStringLiteral("items/b/item.json")), 100);
    write(dir.filePath(QStringLiteral("items/b/B08.tif")), 5000); // the downloader writes no subfolders
    write(dir.filePath(QStringLiteral("items/mine/notes.txt")), 10);
    write(dir.filePath(QStringLiteral("items/keep.txt")), 10);
    const QString items = dir.filePath(QStringLiteral("items"));

    ui::PreferencesDialog dlg;
    dlg.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dlg));
    auto* folder = dlg.findChild<QLineEdit*>(QStringLiteral("prefCacheDir"));
    auto* limit = dlg.findChild<QSpinBox*>(QStringLiteral("prefCacheLimit"));
    auto* use = dlg.findChild<QLabel*>(QStringLiteral("prefCacheUse"));
    auto* empty = dlg.findChild<QPushButton*>(QStringLiteral("prefEmptyCache"));
    auto* area = dlg.findChild<QComboBox*>(QStringLiteral("prefAreaUnit"));
    auto* refl = dlg.findChild<QComboBox*>(QStringLiteral("prefReflectanceUnit"));
    QVERIFY(folder && limit && use && empty && area && refl);
    QVERIFY(folder->text().isEmpty() && !folder->placeholderText().isEmpty()); // the default folder
    QCOMPARE(limit->value(), 0);
    QCOMPARE(limit->text(), QStringLiteral("No limit"));
    QCOMPARE(area->currentData().toString(), QStringLiteral("ha"));
    QCOMPARE(refl->currentData().toString(), QStringLiteral("reflectance"));

    // Another folder: its downloaded items are counted off the GUI thread (other files not).
    folder->setText(items);
    Q_EMIT folder->editingFinished();
    QTRY_VERIFY2(use->text().startsWith(QStringLiteral("2 item")), qPrintable(use->text()));
    QVERIFY2(use->text().contains(QLocale().formattedDataSize(8200)), qPrintable(use->text()));
    limit->setValue(3);
    area->setCurrentIndex(area->findData(QStringLiteral("ac")));
    refl->setCurrentIndex(refl->findData(QStringLiteral("scaled")));

    // Empty…: asks first; Yes removes the two items and nothing else.
    QTest::mouseClick(empty, Qt::LeftButton);
    QMessageBox* ask = nullptr;
    QTRY_VERIFY((ask = dlg.findChild<QMessageBox*>(QStringLiteral("prefEmptyCacheAsk"))) != nullptr);
    QTest::mouseClick(ask->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY2(use->text().startsWith(QStringLiteral("0 item")), qPrintable(use->text()));
    QVERIFY(
        !QFileInfo::exists(items + QStringLiteral("/a")) && !QFileInfo::exists(items + QStringLiteral("/b")));
    QVERIFY(QFileInfo::exists(items + QStringLiteral("/mine/notes.txt")));
    QVERIFY(QFileInfo::exists(items + QStringLiteral("/keep.txt")));
    QVERIFY(!empty->isEnabled());

    QTest::mouseClick(dlg.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(ui::settings::searchCacheDir.get(), items);
    QCOMPARE(ui::settings::searchCacheLimitMb.get(), 3 * 1024);
    QCOMPARE(ui::settings::areaUnit.get(), QStringLiteral("ac"));
    // What the desktop shows in the chosen units (exports keep hectares and reflectance 0-1).
    QCOMPARE(ui::units::areaText(1.0), QLocale().toString(2.47, 'f', 2) + QStringLiteral(" ac"));
    QCOMPARE(ui::units::reflectanceText(0.1234), QLocale().toString(1234));
    QCOMPARE(ui::units::reflectanceScale(), 10000.0);
    ui::settings::areaUnit.set(QStringLiteral("km2"));
    QCOMPARE(ui::units::areaText(250.0), QLocale().toString(2.5, 'f', 4) + QStringLiteral(" km²"));

    // The Search panel of a window takes the folder at once.
    ui::MainWindow w;
    auto* searchFolder = w.findChild<QLineEdit*>(QStringLiteral("searchCache"));
    QVERIFY(searchFolder);
    QCOMPARE(searchFolder->text(), items);
    QSettings().clear();
}

void TestMainWindow::emptyingDownloadsKeepsOpenLayers()
{
    QSettings().clear();
    // Two downloaded items (they hold item.json): a product open as a layer in one.
    QTemporaryDir dir;
    const QString items = dir.filePath(QStringLiteral("items"));
    SampleOptions o;
    o.outDir = items + QStringLiteral("/open");
    o.size = 120;
    o.seed = 5;
    const SampleReport sample = generateSample(o);
    auto write = [](const QString& path, int bytes) {
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(bytes, 'x'));
    };
    write(items + QStringLiteral("/open/item.json"), 100);
    write(items + QStringLiteral("/other/item.json"), 100);
    write(items + QStringLiteral("/other/B04.tif"), 3000);
    ui::settings::searchCacheDir.set(items);

    ui::MainWindow w;
    QVERIFY(showWithProduct(w, sample.main.safePath));
    w.findChild<QAction*>(QStringLiteral("actionPreferences"))->trigger();
    auto* dlg = w.findChild<ui::PreferencesDialog*>();
    QVERIFY(dlg && dlg->isVisible());
    auto* use = dlg->findChild<QLabel*>(QStringLiteral("prefCacheUse"));
    QTRY_VERIFY2(use->text().startsWith(QStringLiteral("2 item")), qPrintable(use->text()));
    QTest::mouseClick(dlg->findChild<QPushButton*>(QStringLiteral("prefEmptyCache")), Qt::LeftButton);
    QMessageBox* ask = nullptr;
    QTRY_VERIFY((ask = dlg->findChild<QMessageBox*>(QStringLiteral("prefEmptyCacheAsk"))) != nullptr);
    QTest::mouseClick(ask->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY2(use->text().startsWith(QStringLiteral("1 item")), qPrintable(use->text()));
    QVERIFY(!QFileInfo::exists(items + QStringLiteral("/other")));
    QVERIFY(QFileInfo::exists(items + QStringLiteral("/open/item.json")));
    QVERIFY(QFileInfo::exists(sample.main.safePath));
    // The layer still reads: a band of its last rows.
    std::vector<float> row(120);
    w.currentProduct()->readWindow({ QStringLiteral("B04") }, { 0, 119, 120, 1 }, row.data());
    QVERIFY(std::isfinite(row[60]));
    QTest::mouseClick(dlg->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QSettings().clear();
}

void TestMainWindow::preferencesThreadsAtStart()
{
    // What app/main.cpp does before initializeRuntime(): the stored threads, unless the environment
    // already says.
    const QByteArray keep = qgetenv("UNCLOUDED_THREADS"), keepOmp = qgetenv("OMP_NUM_THREADS");
    qunsetenv("UNCLOUDED_THREADS");
    qunsetenv("OMP_NUM_THREADS");
    ui::settings::threads.set(0); // all cores: nothing set
    ui::applyThreadsPreference();
    QVERIFY(!qEnvironmentVariableIsSet("UNCLOUDED_THREADS"));
    ui::settings::threads.set(3);
    ui::applyThreadsPreference();
    QCOMPARE(qgetenv("UNCLOUDED_THREADS"), QByteArray("3"));
    QCOMPARE(qgetenv("OMP_NUM_THREADS"), QByteArray("3"));
    qputenv("UNCLOUDED_THREADS", "5"); // the environment wins
    ui::applyThreadsPreference();
    QCOMPARE(qgetenv("UNCLOUDED_THREADS"), QByteArray("5"));
    ui::settings::threads.reset();
    for (const auto& [name, value] :
        { std::pair { "UNCLOUDED_THREADS", keep }, { "OMP_NUM_THREADS", keepOmp } })
        if (value.isEmpty())
            qunsetenv(name);
        else
            qputenv(name, value);
}

void TestMainWindow::shortcutsListEveryActionWithOne()
{
    ui::MainWindow w;
    QAction* keys = w.findChild<QAction*>(QStringLiteral("actionShortcuts"));
    QVERIFY(keys);
    // A shortcut added later appears too: the dialog is built from the actions.
    QAction* extra = w.menuBar()->actions().constFirst()->menu()->addAction(QStringLiteral("Test Action"));
    extra->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F12));
    keys->trigger();
    auto* dlg = w.findChild<ui::ShortcutsDialog*>();
    QVERIFY(dlg && dlg->isVisible());
    QMap<QString, QString> shown; // action -> keys
    QStringList groups;
    for (int i = 0; i < dlg->table()->topLevelItemCount(); ++i) { // menus, their actions below
        QTreeWidgetItem* group = dlg->table()->topLevelItem(i);
        groups << group->text(0);
        QVERIFY(group->childCount() > 0 && group->isExpanded());
        for (int j = 0; j < group->childCount(); ++j)
            shown.insert(group->child(j)->text(0), group->child(j)->text(1));
    }
    const QList<QAction*> withKeys = ui::ShortcutsDialog::actionsWithShortcuts(&w);
    QVERIFY(withKeys.size() >= 8);
    for (QAction* a : withKeys) {
        const QString name = a->text().remove(QLatin1Char('&')).remove(QStringLiteral("…"));
        QVERIFY2(shown.contains(name), qPrintable(name));
        QCOMPARE(shown.value(name), a->shortcut().toString(QKeySequence::NativeText));
    }
    QCOMPARE(shown.value(QStringLiteral("Test Action")), QStringLiteral("Ctrl+Shift+F12"));
    QCOMPARE(shown.value(QStringLiteral("Zoom to Fit")), QStringLiteral("Ctrl+0"));
    QCOMPARE(shown.value(QStringLiteral("Before / After")), QStringLiteral("Ctrl+B"));
    QCOMPARE(shown.value(QStringLiteral("User Guide")), QKeySequence(QKeySequence::HelpContents).toString());
    // By menu, in menu-bar order (also when the bar overflows on a small screen).
    QCOMPARE(groups,
        (QStringList { QStringLiteral("File"), QStringLiteral("View"), QStringLiteral("View › Task"),
            QStringLiteral("Settings"), QStringLiteral("Help") }));
    QCOMPARE(shown.value(QStringLiteral("Train")), QStringLiteral("Alt+2"));
    QVERIFY2(groups.contains(QStringLiteral("Help")), qPrintable(groups.join(QLatin1Char(','))));
}

void TestMainWindow::userGuideRendersWithItsPictures()
{
    ui::MainWindow w;
    QAction* guide = w.findChild<QAction*>(QStringLiteral("actionUserGuide"));
    QVERIFY(guide);
    guide->trigger();
    auto* dlg = w.findChild<ui::UserGuideDialog*>();
    QVERIFY(dlg && dlg->isVisible());
    guide->trigger(); // a second F1 raises the same window
    QCOMPARE(w.findChildren<ui::UserGuideDialog*>().size(), 1);
    QTextDocument* doc = dlg->browser()->document();
    const QString text = doc->toPlainText();
    QVERIFY2(text.startsWith(QStringLiteral("Unclouded User Guide")), qPrintable(text.left(80)));
    for (const char* section : { "Open a product", "Masks", "Train a network", "Reconstruct", "Compare",
             "Export", "Evaluate", "Honest limits" })
        QVERIFY2(text.contains(QLatin1String(section)), section);
    QVERIFY(!text.contains(QStringLiteral("](screenshot"))); // rendered, not shown as source
    // Every picture the guide shows is in the resources and loads.
    int images = 0;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextImageFormat f = it.fragment().charFormat().toImageFormat();
            if (!f.isValid())
                continue;
            ++images;
            const QVariant r = doc->resource(QTextDocument::ImageResource, QUrl(f.name()));
            const QImage img = r.typeId() == QMetaType::QByteArray ? QImage::fromData(r.toByteArray())
                : r.typeId() == QMetaType::QPixmap                 ? r.value<QPixmap>().toImage()
                                                                   : r.value<QImage>();
            QVERIFY2(!img.isNull(), qPrintable(f.name()));
            QVERIFY2(f.width() <= 820, qPrintable(f.name())); // fitted to the page
        }
    QVERIFY(images >= 5);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
