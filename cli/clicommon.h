// What every unclouded-cli command shares: output streams, usage errors, the mask / AOI options,
// reports written atomically and runCommand(), the one way a command's work runs (interrupt
// guard, terminal progress, the one catch set, exit codes).
#pragma once

#include <atomic>
#include <functional>

#include <QString>
#include <QStringList>

#include "core/common/atomicfile.h"
#include "core/common/job.h"
#include "core/common/paths.h"
#include "core/io/product.h"
#include "core/masks/mask.h"
#include "core/recon/reconstruct.h"

class QCommandLineParser;
class QTextStream;

namespace unclouded::cli {

constexpr int kOk = 0, kFailed = 1, kUsage = 2;

QTextStream& err();
QTextStream& out();

int usageError(const QString& command, const QString& message);
// Parses args; false with exitCode set when the command must stop (bad arguments or --help).
bool parseOrReport(
    QCommandLineParser& parser, const QStringList& args, const QString& command, int& exitCode);

// --classes and --dilate, shared by the commands that decide what is hidden.
void addMaskOptions(QCommandLineParser& p, const QString& classesHelp);
// Fills spec from --classes / --dilate; an empty string when they are fine, else what is wrong. The
// limits are MaskSpec::validate()'s, the same in every command and in the GUI.
QString readMaskOptions(const QCommandLineParser& p, MaskSpec& spec);
// --classes picks scene classes; a binary mask (--mask, polygons, a product's own 0/1 mask) hides by its
// own values. A warning on stderr when --classes was given for one.
void warnIfClassesUnused(const QCommandLineParser& p, const ProductInfo& info, const QString& command);
// --window / --overlap (0: the method's default).
void addWindowOptions(QCommandLineParser& p);
QString readWindowOptions(const QCommandLineParser& p, int& window, int& overlap);
// --band-resolution auto|native|coarse|full (general models: bands near their native resolution, or 20 m).
void addBandResolutionOption(QCommandLineParser& p);
void addHazeGuardOption(QCommandLineParser& p);
QString readHazeGuard(const QCommandLineParser& p, bool& out);
// Empty and `out` set, or the usage error.
QString readBandResolution(const QCommandLineParser& p, recon::BandResolution& out);
// --temporal-fit auto|cross-band|per-band (how other dates are mapped onto the product).
void addTemporalFitOption(QCommandLineParser& p);
QString readTemporalFit(const QCommandLineParser& p, recon::TemporalFit& out);
// --reference-mask FILE / --reference-scl FILE, one per --reference: the clouds of other dates that
// have no classification of their own (GeoTIFFs).
void addReferenceMaskOptions(QCommandLineParser& p);
// The files (empty when none given) and their kind; the problem with them, if any.
QString readReferenceMasks(const QCommandLineParser& p, int references, QStringList& masks, MaskKind& kind);
// Warns (on stderr) for each reference with neither classes nor a mask (an empty entry): all of it
// counts as clear ground, its clouds included; and, given the product's grid, for each reference on
// another window of that grid (read on the product's pixels: how much of the product it covers, the
// rest no data). Opens the references (metadata only).
void warnReferencesWithoutClasses(const QStringList& references, const QStringList& masks,
    const QString& command, const ProductInfo* grid = nullptr);
// --precision auto|float32|bfloat16 (the networks' arithmetic at inference).
void addPrecisionOption(QCommandLineParser& p);
QString readPrecision(const QCommandLineParser& p, recon::Precision& out);
// --scl FILE / --mask FILE (with --mask-values, --mask-nodata): the classes raster to use instead of
// the product's own SCL.
void addMaskFileOptions(QCommandLineParser& p, const QString& forWhat = {});
// The mask those options give (the values appended to its path: maskPathWithValues); the problem with
// them, if any.
QString readMaskFile(const QCommandLineParser& p, QString& file, MaskKind& kind);
// --aoi x,y,w,h (grid pixels); false when it is set and malformed.
bool parseAoi(const QCommandLineParser& p, Window& aoi);

// Empty when every output (empty paths and "-" skipped) names a file in an existing, writable folder,
// else what is wrong with the first that does not: checked before minutes of work, not after them.
QString outputFolderProblem(const QList<RolePath>& outputs);

// What a file already at an output path is, when it is not of the kind the output writes (a GeoTIFF
// given as a checkpoint, notes given as a GeoPackage): only an empty file or one of that kind is
// replaced or appended to (otherKindAt).
QString otherKindAtOutput(const RolePath& output, OutputKind kind);

// Writes text to a file atomically, or to stdout for "-".
bool writeReport(const QString& path, const QByteArray& data, QString& error);
// Several reports of one run ("-": standard output): the files all replaced, or none (a full disk
// after the first left a new JSON beside an old CSV).
bool writeReports(const QList<QPair<QString, QByteArray>>& reports, QString& error);

// While alive, SIGINT, SIGTERM and SIGHUP set *flag: the work stops at its next check and leaves no
// partial file. Nested guards hand the signals to the innermost flag.
class InterruptGuard
{
public:
    explicit InterruptGuard(std::atomic<bool>* flag);
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    std::atomic<bool>* m_previous;
};

struct CommandOptions
{
    bool progress = false; // a progress line on stderr
    QString cancelled = QStringLiteral("cancelled"); // said when interrupted
    // Nothing to clean up: the first signal ends it at once (a read waiting on a slow server runs no
    // cancel check), still with 128 + the signal.
    bool writesNothing = false;
};

// Runs a command's work (its exit code) in a JobContext under an InterruptGuard; whatever it throws
// becomes "unclouded-cli COMMAND: message" on stderr and exit code 1; work a signal stopped exits
// 128 + the signal (130 Ctrl+C, 143 SIGTERM, 129 SIGHUP).
// What a command that a signal stopped exits with: 128 + the first signal caught, or 1 when none was.
int interruptedExitCode();
int runCommand(
    const QString& command, const std::function<int(JobContext&)>& work, const CommandOptions& options = {});

int makeSampleCommand(const QStringList& args);
int infoCommand(const QStringList& args);
int trainCommand(const QStringList& args);
int reconstructCommand(const QStringList& args);
int evaluateCommand(const QStringList& args);
int batchCommand(const QStringList& args);
int fieldsCommand(const QStringList& args);
int searchCommand(const QStringList& args);
int downloadCommand(const QStringList& args);

} // namespace unclouded::cli
