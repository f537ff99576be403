// Unclouded desktop application: QApplication, translators, main window.
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include "core/common/runtime.h"
#include "core/io/rasterwriter.h"
#include "ui/mainwindow.h"

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Unclouded"));
    QApplication::setOrganizationName(QStringLiteral("Unclouded"));
    QApplication::setApplicationVersion(unclouded::applicationVersion());

    // Qt's own strings first, then ours.
    QTranslator qtTranslator, appTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qtTranslator);
    if (appTranslator.load(
            QLocale(), QStringLiteral("unclouded"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(&appTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Reconstruct the ground hidden under clouds in Sentinel-2 imagery."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("product"), QStringLiteral("Sentinel-2 product to open (optional)."));
    parser.addOption({ QStringLiteral("compare"),
        QStringLiteral(
            "A reconstruction of the product (GeoTIFF from 'unclouded-cli reconstruct') to show beside it."),
        QStringLiteral("RESULT.tif") });
    parser.process(app);

    unclouded::initializeRuntime();
    unclouded::ui::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty()) {
        const QString result = parser.value(QStringLiteral("compare"));
        if (!result.isEmpty())
            QObject::connect(
                &window, &unclouded::ui::MainWindow::productOpened, &window,
                [&window, result] {
                    const QString mask = unclouded::maskSidecarPath(result);
                    window.showComparison(
                        result, QFileInfo::exists(mask) ? mask : QString(), QFileInfo(result).fileName());
                },
                Qt::SingleShotConnection);
        window.openProduct(parser.positionalArguments().constFirst());
    }
    return app.exec();
}
