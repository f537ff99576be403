#include "cli/commands.h"

#include <csignal>
#include <cstdio>
#include <functional>
#include <map>
#include <poll.h>
#include <unistd.h>

#include <QFileDevice>
#include <QTextStream>

#include "cli/clicommon.h"
#include "core/common/runtime.h"

namespace unclouded::cli {

namespace {

void printUsage(QTextStream& s)
{
    s << "Usage: unclouded-cli COMMAND [OPTIONS]\n\n"
         "Reconstructs the ground hidden under clouds in Sentinel-2 products.\n\n"
         "Commands:\n"
         "  make-sample OUT_DIR   write a realistic Sentinel-2 sample product and its truth\n"
         "  info PRODUCT          describe a product: metadata, bands, offsets, class coverage\n"
         "  train PRODUCT...      train a CNN or U-Net to rebuild hidden pixels (--model, --out)\n"
         "  reconstruct PRODUCT   rebuild hidden pixels, write a GeoTIFF / COG (--method, --out)\n"
         "  evaluate              score methods on hidden pixels: PSNR, SSIM, SAM, MAE, RMSE, NDVI\n"
         "  fields PRODUCT...     statistics per field (--parcels): indices before / after, hidden, rebuilt\n"
         "  batch MANIFEST        run many reconstructions: N workers here, or a Slurm job array\n"
         "  search                find Sentinel-2 items in a STAC API (Earth Search, CDSE, a URL)\n"
         "  download ITEM...      fetch items' bands, whole or an AOI, into a cache folder (--out)\n\n"
         "Options:\n"
         "  -h, --help            show this help\n"
         "  -v, --version         show the version and library versions\n\n"
         "'unclouded-cli COMMAND --help' describes a command's options.\n";
    s.flush();
}

// Reports on stdout (info --json > f, evaluate --csv -, --version) on a full disk: exit 1, not an
// empty file and success.
int checkedStdout(int code, const QString& command)
{
    out().flush();
    if (out().status() != QTextStream::Ok || std::fflush(stdout) != 0 || std::ferror(stdout)) {
        // A reader that stopped early (| head) is no failure of ours: its pipe reports an error.
        pollfd pipe { STDOUT_FILENO, 0, 0 };
        if (::poll(&pipe, 1, 0) == 1 && (pipe.revents & POLLERR))
            return code;
        const auto* device = qobject_cast<QFileDevice*>(out().device());
        err() << "unclouded-cli " << command << ": cannot write the standard output"
              << (device && device->error() != QFileDevice::NoError
                         ? QStringLiteral(": ") + device->errorString()
                         : QString())
              << "\n";
        err().flush();
        if (code == kOk)
            code = kFailed;
    }
    return code;
}

} // namespace

int run(const QStringList& arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty()) {
        printUsage(err());
        return kUsage;
    }
    const QString command = args.constFirst();
    if (command == QLatin1String("-h") || command == QLatin1String("--help")
        || command == QLatin1String("help")) {
        printUsage(out());
        return checkedStdout(kOk, command);
    }
    if (command == QLatin1String("-v") || command == QLatin1String("--version")) {
        initializeRuntime();
        const LibraryVersions v = libraryVersions();
        out() << "unclouded-cli " << applicationVersion() << "\n"
              << "Qt " << v.qt << ", GDAL " << v.gdal << ", LibTorch " << v.torch << ", OpenCV " << v.opencv
              << "\n";
        return checkedStdout(kOk, command);
    }
    const std::map<QString, std::function<int(const QStringList&)>> commands {
        { QStringLiteral("make-sample"), makeSampleCommand },
        { QStringLiteral("info"), infoCommand },
        { QStringLiteral("train"), trainCommand },
        { QStringLiteral("reconstruct"), reconstructCommand },
        { QStringLiteral("evaluate"), evaluateCommand },
        { QStringLiteral("batch"), batchCommand },
        { QStringLiteral("fields"), fieldsCommand },
        { QStringLiteral("search"), searchCommand },
        { QStringLiteral("download"), downloadCommand },
    };
    const auto it = commands.find(command);
    if (it == commands.end()) {
        err() << "unclouded-cli: unknown command '" << command << "'\n\n";
        printUsage(err());
        return kUsage;
    }
    // A file-size limit (ulimit -f) killed the process by SIGXFSZ mid-write, with no message and its
    // temporaries left: ignored, a write past it fails with EFBIG like a full disk, and is reported.
    std::signal(SIGXFSZ, SIG_IGN);
    // QCommandLineParser expects the program name first.
    return checkedStdout(
        it->second(QStringList { arguments.constFirst() + QLatin1Char(' ') + command } + args.mid(1)),
        command);
}

} // namespace unclouded::cli
