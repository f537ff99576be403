#include "cli/clicommon.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <limits>
#include <memory>
#include <unistd.h>

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

#include "core/common/atomicfile.h"

namespace unclouded::cli {

namespace {

std::atomic<std::atomic<bool>*> g_interruptFlag { nullptr };

// The first signal that interrupted the work: the exit code says which (128 + its number, as a shell
// reports a process the signal ended), so scripts tell an interrupted run from a failed one.
std::atomic<int> g_signal { 0 };
std::atomic<long long> g_signalMs { 0 }; // when it came (CLOCK_MONOTONIC, ms; 0: none yet)
static_assert(std::atomic<long long>::is_always_lock_free && std::atomic<int>::is_always_lock_free);

// A command that writes nothing (info) ends at the first signal: it may wait in a GDAL read of a
// slow server for a minute, where no cancel check runs, and there is nothing to clean up.
std::atomic<bool> g_stopAtOnce { false };
static_assert(std::atomic<bool>::is_always_lock_free);
// "unclouded-cli COMMAND: interrupted", made before the handler can run.
char g_stopMessage[96] = {};
size_t g_stopMessageLength = 0;

void onInterrupt(int sig)
{
    if (g_stopAtOnce.load()) {
        [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, g_stopMessage, g_stopMessageLength);
        ::_exit(128 + sig);
    }
    if (std::atomic<bool>* flag = g_interruptFlag.load()) {
        timespec now {};
        ::clock_gettime(CLOCK_MONOTONIC, &now); // async-signal-safe, as the rest
        const long long ms = std::max(1LL, now.tv_sec * 1000LL + now.tv_nsec / 1000000);
        long long first = 0; // the first signal's time, taken in one step (another signal may interrupt)
        if (g_signalMs.compare_exchange_strong(first, ms)) { // lock-free: async-signal-safe
            int none = 0;
            g_signal.compare_exchange_strong(none, sig);
        } else if (ms - first >= 1000) {
            // Another signal a second or more after the first ends the process at once: the first may
            // not reach a check (a read that blocks), and Ctrl+C twice is how users insist; temporary
            // files may stay. Within the second it is the same stop (a batch relays the terminal's
            // Ctrl+C to its job as SIGTERM: that job still cleans up).
            static const char msg[] = "\nInterrupted again: stopping now\n";
            [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, msg, sizeof msg - 1);
            const int first = g_signal.load(); // the code says what stopped the work, as for one signal
            ::_exit(128 + (first > 0 ? first : sig));
        }
        flag->store(true);
    }
}

constexpr int kInterruptSignals[] = { SIGINT, SIGTERM, SIGHUP };
// Whether each was ignored when the process started (nohup, a background job of a script): left so.
bool g_ignored[3] = { false, false, false };

// One progress line: rewritten in place on a terminal, one line per 10 % otherwise.
JobContext::Sink terminalProgress()
{
    const bool tty = isatty(fileno(stderr));
    auto lastDecile = std::make_shared<int>(-1);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [tty, lastDecile, timer](double f, const QString& stage) {
        const int pct = static_cast<int>(f * 100);
        if (tty) {
            const int bar = static_cast<int>(f * 30);
            err() << "\r[" << QString(bar, QLatin1Char('#')) << QString(30 - bar, QLatin1Char(' ')) << "] "
                  << pct << "% " << stage.leftJustified(28) << " " << timer->elapsed() / 1000 << " s";
            if (f >= 1.0)
                err() << "\n";
            err().flush();
        } else if (pct / 10 != *lastDecile) {
            *lastDecile = pct / 10;
            err() << pct << "% " << stage << "\n";
            err().flush();
        }
    };
}

} // namespace

QTextStream& err()
{
    static QTextStream s(stderr);
    return s;
}

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

int usageError(const QString& command, const QString& message)
{
    err() << "unclouded-cli " << command << ": " << message << "\n"
          << "Try 'unclouded-cli " << command << " --help'.\n";
    err().flush();
    return kUsage;
}

bool parseOrReport(QCommandLineParser& parser, const QStringList& args, const QString& command, int& exitCode)
{
    if (!parser.parse(args)) {
        exitCode = usageError(command, parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        out().flush();
        exitCode = kOk;
        return false;
    }
    return true;
}

void addMaskOptions(QCommandLineParser& p, const QString& classesHelp)
{
    p.addOption({ QStringLiteral("classes"), classesHelp, QStringLiteral("LIST"),
        QStringLiteral("cloud,shadow,cirrus,snow") });
    p.addOption(
        { QStringLiteral("dilate"), QStringLiteral("Buffer around hidden pixels, in 10 m pixels. Default 0."),
            QStringLiteral("PX"), QStringLiteral("0") });
}

void addWindowOptions(QCommandLineParser& p)
{
    p.addOption({ QStringLiteral("window"),
        QStringLiteral(
            "Window side in pixels (default 256 for models, 384 for temporal, 512 for inpainting)."),
        QStringLiteral("PX"), QStringLiteral("0") });
    p.addOption({ QStringLiteral("overlap"),
        QStringLiteral(
            "Pixels shared by neighbouring windows (default 1/8 of the window for models, 1/4 otherwise)."),
        QStringLiteral("PX"), QStringLiteral("0") });
}

QString readWindowOptions(const QCommandLineParser& p, int& window, int& overlap)
{
    bool ok1, ok2;
    window = p.value(QStringLiteral("window")).toInt(&ok1);
    overlap = p.value(QStringLiteral("overlap")).toInt(&ok2);
    if (!ok1 || !ok2)
        return QStringLiteral("--window and --overlap must be integers");
    return {};
}

void addBandResolutionOption(QCommandLineParser& p)
{
    p.addOption({ QStringLiteral("band-resolution"),
        QStringLiteral("General models: native (the 20 m and 60 m bands' corrections at about their native "
                       "resolution, 2x less work on 12 bands), coarse (also the 10 m bands' at 20 m, 4x "
                       "less), full (every band at the grid's) or auto (default: coarse for the one-date "
                       "model, full with other dates)."),
        QStringLiteral("auto|native|coarse|full"), QStringLiteral("auto") });
}

QString readBandResolution(const QCommandLineParser& p, recon::BandResolution& out)
{
    if (!recon::parseBandResolution(p.value(QStringLiteral("band-resolution")), out))
        return QStringLiteral("--band-resolution must be auto, native, coarse or full");
    return {};
}

void addHazeGuardOption(QCommandLineParser& p)
{
    p.addOption({ QStringLiteral("haze-guard"),
        QStringLiteral("Harmonic fills (harmonic, the one-date general model): on (default) solves the "
                       "visible pixels that hazy ground links to a cloud (up to 1 km, blue well above the "
                       "scene's clear ground) instead of holding their values, so unflagged cloud edges and "
                       "specks do not glow into the fill; off holds every visible pixel. Either way visible "
                       "pixels are written unchanged."),
        QStringLiteral("on|off"), QStringLiteral("on") });
}

QString readHazeGuard(const QCommandLineParser& p, bool& out)
{
    const QString v = p.value(QStringLiteral("haze-guard"));
    if (v != QLatin1String("on") && v != QLatin1String("off"))
        return QStringLiteral("--haze-guard must be on or off");
    out = v == QLatin1String("on");
    return {};
}

void addTemporalFitOption(QCommandLineParser& p)
{
    p.addOption({ QStringLiteral("temporal-fit"),
        QStringLiteral("How other dates are mapped onto the product (temporal fill, the with-reference "
                       "models' start): cross-band (each band from all of the other date's bands, "
                       "per spectral class, corrected from the other date's 3 x 3 neighbourhood where "
                       "that helps), cross-band-pixel (the same from the pixel alone), per-band (a line "
                       "per band and window) or auto (default: cross-band for temporal fill, for a "
                       "model what it was trained on)."),
        QStringLiteral("auto|cross-band|cross-band-pixel|per-band"), QStringLiteral("auto") });
}

QString readTemporalFit(const QCommandLineParser& p, recon::TemporalFit& out)
{
    if (!recon::parseTemporalFit(p.value(QStringLiteral("temporal-fit")), out))
        return QStringLiteral("--temporal-fit must be auto, cross-band, cross-band-pixel or per-band");
    return {};
}

void addReferenceMaskOptions(QCommandLineParser& p)
{
    p.addOption({ QStringLiteral("reference-mask"),
        QStringLiteral("The clouds of a --reference that has no scene classification of its own (a GeoTIFF): "
                       "a mask raster, non-zero = hidden (FILE#band=N, FILE#hidden=2,3, FILE#above=0.4, as "
                       "--mask). Repeatable, "
                       "one per --reference in their order; '' for a date that has its own classes."),
        QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("reference-scl"),
        QStringLiteral("As --reference-mask, with SCL codes (repeatable, one per --reference)."),
        QStringLiteral("FILE") });
}

QString readReferenceMasks(const QCommandLineParser& p, int references, QStringList& masks, MaskKind& kind)
{
    const bool scl = p.isSet(QStringLiteral("reference-scl"));
    if (scl && p.isSet(QStringLiteral("reference-mask")))
        return QStringLiteral("give --reference-mask or --reference-scl, not both");
    kind = scl ? MaskKind::Scl : MaskKind::Binary;
    masks = p.values(scl ? QStringLiteral("reference-scl") : QStringLiteral("reference-mask"));
    if (!masks.isEmpty() && masks.size() != references)
        return QStringLiteral("%1 --reference-mask / --reference-scl for %2 --reference: give one per "
                              "reference, in their order")
            .arg(masks.size())
            .arg(references);
    return {};
}

void warnReferencesWithoutClasses(
    const QStringList& references, const QStringList& masks, const QString& command, const ProductInfo* grid)
{
    for (int r = 0; r < references.size(); ++r) {
        if (!masks.value(r).isEmpty() && !grid)
            continue;
        const auto ref = Product::open(references[r]);
        if (masks.value(r).isEmpty() && !ref->hasClasses())
            err() << QStringLiteral(
                "unclouded-cli %1: warning: the reference %2 has no scene classification: "
                "all of it is taken as clear ground (give its clouds with "
                "--reference-mask)\n")
                         .arg(command, references[r]);
        if (grid && !sameGrid(*grid, ref->info()) && (ref->alignTo(*grid) || ref->warpTo(*grid)))
            for (const QString& w : ref->info().warnings)
                if (w.startsWith(QLatin1String("read on the product's")))
                    err() << QStringLiteral("unclouded-cli %1: warning: the reference %2 is %3\n")
                                 .arg(command, references[r], w);
    }
}

void addPrecisionOption(QCommandLineParser& p)
{
    p.addOption({ QStringLiteral("precision"),
        QStringLiteral("Networks' arithmetic: bfloat16 (about 1.6x faster where the CPU has it natively), "
                       "float32, or auto (default: bfloat16 where the CPU computes it natively)."),
        QStringLiteral("auto|float32|bfloat16"), QStringLiteral("auto") });
}

QString readPrecision(const QCommandLineParser& p, recon::Precision& out)
{
    if (!recon::parsePrecision(p.value(QStringLiteral("precision")), out))
        return QStringLiteral("--precision must be auto, float32 or bfloat16");
    return {};
}

void warnIfClassesUnused(const QCommandLineParser& p, const ProductInfo& info, const QString& command)
{
    if (!p.isSet(QStringLiteral("classes")) || info.maskKind != MaskKind::Binary)
        return;
    err() << QStringLiteral("unclouded-cli %1: warning: --classes is not used: the mask %2 hides by its own "
                            "values (choose them with --mask-values or --mask-above)\n")
                 .arg(command, QFileInfo(maskFilePart(info.maskFile)).fileName());
    err().flush();
}

QString readMaskOptions(const QCommandLineParser& p, MaskSpec& spec)
{
    QString error;
    if (!MaskSpec::parseClasses(p.value(QStringLiteral("classes")), spec.classes, error))
        return QStringLiteral("--classes: ") + error;
    bool ok = false;
    spec.dilatePx = p.value(QStringLiteral("dilate")).toInt(&ok);
    if (!ok || !spec.validate().isEmpty())
        return QStringLiteral("--dilate must be an integer between 0 and %1").arg(MaskSpec::kMaxDilatePx);
    return {};
}

void addMaskFileOptions(QCommandLineParser& p, const QString& forWhat)
{
    p.addOption({ QStringLiteral("scl"),
        QStringLiteral("Scene classification raster (SCL codes) to use%1.").arg(forWhat),
        QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("mask"),
        QStringLiteral("Mask raster to use%1: non-zero = hidden, unless --mask-values says which values are. "
                       "FILE#band=N reads band N; FILE#band=N;bits=10,11 hides where those bits are set "
                       "(16-bit flags such as QA60).")
            .arg(forWhat),
        QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("mask-values"),
        QStringLiteral("With --mask: the values that hide the ground, e.g. 2,3,4 (Fmask shadow, snow, "
                       "cloud) or 40-100 (a cloud probability); the others are clear."),
        QStringLiteral("LIST") });
    p.addOption({ QStringLiteral("mask-above"),
        QStringLiteral("With --mask: hide where the value is at least T, the rest clear: a cloud probability "
                       "of any type (float 0-1, 0-100, 0-10000). Kept as FILE#above=T."),
        QStringLiteral("T") });
    p.addOption({ QStringLiteral("mask-nodata"),
        QStringLiteral("With --mask: the values that are no data, e.g. 255 (default: the file's own nodata "
                       "value, unless 0)."),
        QStringLiteral("LIST") });
}

QString readMaskFile(const QCommandLineParser& p, QString& file, MaskKind& kind)
{
    if (p.isSet(QStringLiteral("scl")) && p.isSet(QStringLiteral("mask")))
        return QStringLiteral("give --scl or --mask, not both");
    const bool values = p.isSet(QStringLiteral("mask-values")) || p.isSet(QStringLiteral("mask-nodata"));
    const bool above = p.isSet(QStringLiteral("mask-above"));
    if ((values || above) && !p.isSet(QStringLiteral("mask")))
        return QStringLiteral("--mask-values, --mask-nodata and --mask-above go with --mask");
    if (values && above)
        return QStringLiteral(
            "--mask-above says on its own what hides: not with --mask-values or --mask-nodata");
    file = p.isSet(QStringLiteral("scl")) ? p.value(QStringLiteral("scl")) : p.value(QStringLiteral("mask"));
    kind = p.isSet(QStringLiteral("mask")) ? MaskKind::Binary
                                           : (file.isEmpty() ? MaskKind::None : MaskKind::Scl);
    try {
        if (values)
            file = maskPathWithValues(
                file, p.value(QStringLiteral("mask-values")), p.value(QStringLiteral("mask-nodata")));
        else if (above)
            file = maskPathWithThreshold(file, p.value(QStringLiteral("mask-above")));
    } catch (const Error& e) {
        return e.message();
    }
    return {};
}

bool parseAoi(const QCommandLineParser& p, Window& aoi)
{
    if (!p.isSet(QStringLiteral("aoi")))
        return true;
    const QStringList parts = p.value(QStringLiteral("aoi")).split(QLatin1Char(','));
    bool ok = parts.size() == 4;
    int v[4] = { 0, 0, 0, 0 };
    for (int i = 0; ok && i < 4; ++i)
        v[i] = parts[i].trimmed().toInt(&ok);
    if (!ok || v[0] < 0 || v[1] < 0 || v[2] <= 0 || v[3] <= 0)
        return false;
    // x + w and y + h are computed in int further on (an overflow there is undefined behaviour).
    if (qint64(v[0]) + v[2] > std::numeric_limits<int>::max()
        || qint64(v[1]) + v[3] > std::numeric_limits<int>::max())
        return false;
    aoi = { v[0], v[1], v[2], v[3] };
    return true;
}

QString outputFolderProblem(const QList<RolePath>& outputs)
{
    for (const RolePath& o : outputs) {
        if (o.path.isEmpty() || o.path == QLatin1String("-"))
            continue;
        if (const QString why = outputPathProblem(o.path); !why.isEmpty())
            return QStringLiteral("%1: %2").arg(o.role, why);
    }
    return {};
}

QString otherKindAtOutput(const RolePath& output, OutputKind kind)
{
    if (output.path == QLatin1String("-") || !otherKindAt(output.path, kind))
        return {};
    const QString what = kind == OutputKind::Checkpoint ? QStringLiteral("a checkpoint")
        : kind == OutputKind::Json                      ? QStringLiteral("a JSON file")
        : kind == OutputKind::Tiff                      ? QStringLiteral("a GeoTIFF")
                                                        : QStringLiteral("a GeoPackage");
    return QStringLiteral(
        "%1: %2 exists and is not %3; it is left as it is (remove it or choose another name)")
        .arg(output.role, output.path, what);
}

bool writeReports(const QList<QPair<QString, QByteArray>>& reports, QString& error)
{
    QList<QPair<QString, QByteArray>> files;
    for (const auto& r : reports)
        if (r.first != QLatin1String("-"))
            files << r;
    const auto failure = runGuarded([&] { writeFilesAtomically(files); });
    if (failure) {
        error = failure->message;
        return false;
    }
    for (const auto& r : reports)
        if (r.first == QLatin1String("-"))
            out() << QString::fromUtf8(r.second);
    out().flush();
    return true;
}

bool writeReport(const QString& path, const QByteArray& data, QString& error)
{
    if (path == QLatin1String("-")) {
        out() << QString::fromUtf8(data);
        out().flush();
        return true;
    }
    const auto failure = runGuarded([&] { writeFileAtomically(path, data); });
    if (failure)
        error = failure->message;
    return !failure;
}

InterruptGuard::InterruptGuard(std::atomic<bool>* flag)
    : m_previous(g_interruptFlag.exchange(flag))
{
    if (!m_previous)
        for (int i = 0; i < 3; ++i) {
            struct sigaction was
            {
            };
            ::sigaction(kInterruptSignals[i], nullptr, &was);
            g_ignored[i] = was.sa_handler == SIG_IGN; // nohup's SIGHUP, a background job's SIGINT
            if (!g_ignored[i])
                std::signal(kInterruptSignals[i], onInterrupt);
        }
}

InterruptGuard::~InterruptGuard()
{
    g_interruptFlag.store(m_previous);
    if (!m_previous)
        for (int i = 0; i < 3; ++i)
            std::signal(kInterruptSignals[i], g_ignored[i] ? SIG_IGN : SIG_DFL);
}

int interruptedExitCode()
{
    const int sig = g_signal.load();
    return sig > 0 ? 128 + sig : kFailed;
}

int runCommand(
    const QString& command, const std::function<int(JobContext&)>& work, const CommandOptions& options)
{
    JobContext ctx(options.progress ? terminalProgress() : JobContext::Sink());
    if (options.writesNothing) {
        const QByteArray m = "\nunclouded-cli " + command.toUtf8().left(40) + ": interrupted\n";
        std::memcpy(g_stopMessage, m.constData(), static_cast<size_t>(m.size()));
        g_stopMessageLength = static_cast<size_t>(m.size());
    }
    g_stopAtOnce.store(options.writesNothing);
    const InterruptGuard guard(&ctx.cancelFlag());
    const JobResult<int> r = runJob<int>(ctx, work);
    if (r.ok())
        return r.value();
    // A progress line may still be open on stderr: end it first.
    err() << (options.progress ? "\n" : "") << "unclouded-cli " << command << ": "
          << (r.cancelled() ? options.cancelled : r.error()) << "\n";
    err().flush();
    return r.cancelled() ? interruptedExitCode() : kFailed;
}

} // namespace unclouded::cli
