// Unclouded desktop application: QApplication, translators, main window.
#include <cstdio>
#include <cstdlib>

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QTimer>

#include "core/common/runtime.h"
#include "core/io/rasterwriter.h"
#include "ui/jobrunner.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/preferencesdialog.h"

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Unclouded"));
    QApplication::setOrganizationName(QStringLiteral("Unclouded"));
    QApplication::setApplicationVersion(unclouded::applicationVersion());

    // The system locale's language, or the one chosen in View > Language (settings::language).
    unclouded::ui::installTranslators(&app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Reconstruct the ground hidden under clouds in Sentinel-2 imagery."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("product"),
        QStringLiteral("Sentinel-2 product to open (optional); more products or reconstructions of the tile "
                       "open as further layers (other dates, a field time series)."),
        QStringLiteral("[product] [layers...]"));
    parser.addOption({ QStringLiteral("compare"),
        QStringLiteral(
            "A reconstruction of the product (GeoTIFF from 'unclouded-cli reconstruct') to show beside it."),
        QStringLiteral("RESULT.tif") });
    parser.addOption({ QStringLiteral("parcels"),
        QStringLiteral(
            "Field boundaries (GeoPackage, GeoJSON, Shapefile, FlatGeobuf, KML) to show and measure."),
        QStringLiteral("FILE") });
    parser.process(app);
    if (parser.positionalArguments().isEmpty()
        && (parser.isSet(QStringLiteral("compare")) || parser.isSet(QStringLiteral("parcels")))) {
        // Both are shown over a product: without one they were dropped without a word.
        std::fprintf(stderr, "unclouded: --compare and --parcels need a product to open with them\n");
        return 2;
    }

    // Preferences' threads and GDAL cache; the environment, when set, wins.
    unclouded::ui::applyThreadsPreference();
    unclouded::initializeRuntime();
    unclouded::ui::applyGdalCachePreference();
    int rc = 0;
    {
        unclouded::ui::MainWindow window;
        window.show();
        const QStringList products = parser.positionalArguments();
        if (!products.isEmpty()) {
            const QString result = parser.value(QStringLiteral("compare"));
            const QString parcels = parser.value(QStringLiteral("parcels"));
            // One product at a time (the loader runs one job): the first, its comparison, the other
            // layers, then back to the first, and the parcels over all of them.
            auto queue = std::make_shared<QStringList>(products.mid(1));
            auto first = std::make_shared<bool>(true), done = std::make_shared<bool>(false);
            auto rebuilt = std::make_shared<std::shared_ptr<const unclouded::Product>>();
            // After each open, whether it worked or not (one that fails must not stall the rest: they
            // opened at the user's next open instead).
            auto next = [&window, result, parcels, queue, first, done, rebuilt](bool opened) {
                if (*done) // later opens by the user
                    return;
                if (*first && opened) // the product the comparison's result rebuilt
                    *rebuilt = window.currentProduct();
                *first = false;
                if (!queue->isEmpty()) {
                    const QString path = queue->takeFirst();
                    QTimer::singleShot(0, &window, [&window, path] { window.openProduct(path); });
                    return;
                }
                if (window.currentProduct())
                    window.setCurrentLayer(0);
                // Last: another layer made current would have closed it.
                if (*rebuilt && !result.isEmpty()) {
                    const QString mask = unclouded::maskSidecarPath(result);
                    window.showComparison(result, QFileInfo::exists(mask) ? mask : QString(),
                        QFileInfo(result).fileName(), *rebuilt);
                }
                if (!parcels.isEmpty() && window.currentProduct())
                    window.openParcels(parcels);
                *done = true;
            };
            QObject::connect(
                &window, &unclouded::ui::MainWindow::productOpened, &window, [next] { next(true); });
            QObject::connect(
                &window, &unclouded::ui::MainWindow::productOpenEnded, &window, [next] { next(false); });
            window.openProduct(products.constFirst());
        }
        rc = app.exec();
    } // the window's jobs are cancelled and waited for here
    // Jobs no window owns: the Preferences' cache eviction ends before the process does (a
    // half-removed download folder would otherwise be left behind). An open stalled on a remote
    // server (Evaluate's clear product) is not waited for: the window is gone, and the process
    // lingering for minutes keeps its files open. Exited without static destructors then, which
    // GDAL's would run under that thread.
    unclouded::ui::lastingJobPool()->waitForDone();
    if (!unclouded::ui::jobPool()->waitForDone(3000)) {
        std::fflush(nullptr);
        std::_Exit(rc);
    }
    return rc;
}
