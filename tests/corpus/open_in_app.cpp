// The broken-input corpus opened in the real main window (offscreen): each file must end in an
// error shown to the user or in an opened layer, never a crash or a hang, and the window must still
// open a good product afterwards. Usage: open_in_app GOOD_PRODUCT BROKEN... ; prints one line per
// file and exits 1 when any was not handled.
#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTextStream>

#include "core/common/runtime.h"
#include "ui/mainwindow.h"

using unclouded::ui::MainWindow;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() < 2) {
        QTextStream(stderr) << "usage: open_in_app GOOD_PRODUCT BROKEN...\n";
        return 2;
    }
    unclouded::initializeRuntime();
    MainWindow w;
    w.show();
    QTextStream out(stdout);
    int bad = 0;
    // Waits for the open to end: an error (true), a layer (false) or nothing in 120 s (hung).
    auto open = [&](const QString& path, QString& what) {
        QSignalSpy errors(&w, &MainWindow::errorShown), opened(&w, &MainWindow::productOpened);
        w.openProduct(path);
        QElapsedTimer t;
        t.start();
        while (errors.isEmpty() && opened.isEmpty() && t.elapsed() < 120000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        if (!errors.isEmpty()) {
            what = errors.first().first().toString();
            return QStringLiteral("refused");
        }
        return opened.isEmpty() ? QStringLiteral("hung") : QStringLiteral("opened");
    };
    for (const QString& path : args.mid(1)) {
        QString message;
        const QString r = open(path, message);
        const bool named = message.contains(QFileInfo(path).fileName()) || message.contains(path);
        if (r == QLatin1String("hung") || (r == QLatin1String("refused") && !named))
            ++bad;
        out << r << (r == QLatin1String("refused") && !named ? QStringLiteral(",unnamed") : QString()) << '\t'
            << path << '\t' << message.left(200) << Qt::endl;
    }
    QString message;
    const QString good = open(args.first(), message);
    out << "good product afterwards: " << good << ' ' << message << Qt::endl;
    if (good != QLatin1String("opened") || !w.isVisible())
        ++bad;
    return bad ? 1 : 0;
}
