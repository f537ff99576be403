// unclouded-cli batch: many reconstructions from a manifest, with N local workers or as a Slurm job
// array. Each job runs as a child `unclouded-cli reconstruct` (a crash stays in its job; the child
// dies with the batch), its output and log under the job's state file.
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <mutex>
#include <sys/file.h>
#include <sys/prctl.h>
#include <thread>
#include <unistd.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTextStream>
#include <QThread>

#include "cli/clicommon.h"
#include "core/batch/manifest.h"
#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/io/rasterwriter.h"

namespace unclouded::cli {

namespace {

// The arguments as a shell line that runs as printed: '' for an empty one, single quotes around any
// with a space or a character the shell would read.
QString shellLine(const QStringList& args)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    QStringList out;
    for (const QString& a : args)
        out << (plain.match(a).hasMatch() ? a
                                          : QLatin1Char('\'')
                    + QString(a).replace(QLatin1String("'"), QLatin1String("'\\''")) + QLatin1Char('\''));
    return out.join(QLatin1Char(' '));
}

std::mutex g_printMutex;

void say(const QString& line)
{
    const std::lock_guard<std::mutex> lock(g_printMutex);
    out() << line << "\n";
    out().flush();
}

QString tag(const batch::Manifest& m, const batch::Job& j)
{
    return QStringLiteral("[job %1/%2 %3]").arg(j.index).arg(m.jobs.size() - 1).arg(j.id);
}

// An exclusive lock on a job for this process's time on it (flock: a killed process loses it): a
// second batch on the same manifest (started twice by mistake, or beside the array) skips the job
// instead of running it again over the same output.
class JobLock
{
public:
    explicit JobLock(const QString& path)
        : m_fd(::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644))
    {
        if (m_fd >= 0 && ::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
            // Only a lock held elsewhere means "taken"; a file system without flock (Lustre, NFS
            // without lockd: ENOSYS, ENOLCK) runs the job unlocked rather than never.
            m_taken = errno == EWOULDBLOCK;
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~JobLock()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    JobLock(const JobLock&) = delete;
    JobLock& operator=(const JobLock&) = delete;
    bool takenByAnother() const { return m_taken; }

private:
    int m_fd = -1;
    bool m_taken = false; // held by another process
};

// Runs one job as a child process; its stdout and stderr go to the job's log. Returns its state:
// Running when another process holds the job.
batch::JobState runOne(
    const batch::Manifest& m, const batch::Job& job, int threads, const std::atomic<bool>& cancel)
{
    batch::JobState s;
    if (!QDir().mkpath(m.stateDir))
        throw Error(batch::stateFolderError(m));
    const JobLock lock(
        QDir(m.stateDir).filePath(QStringLiteral("job-%1.lock").arg(job.index, 4, 10, QLatin1Char('0'))));
    if (lock.takenByAnother()) {
        s.status = batch::Status::Running;
        return s;
    }
    if (batch::outputComplete(job)) { // finished by another process since this batch started
        s.status = batch::Status::Done;
        s.message = QStringLiteral("by another batch process");
        return s;
    }
    s.host = QSysInfo::machineHostName();
    s.pid = QCoreApplication::applicationPid(); // the batch: when it is gone, so is the child
    s.status = batch::Status::Running;
    batch::writeState(m, job, s);
    // A job killed earlier (kill -9) left hidden temporaries: nothing else writes these paths.
    removeStaleTemporaries(job.out);
    removeStaleTemporaries(maskSidecarPath(job.out));
    QDir().mkpath(QFileInfo(job.out).absolutePath());

    QFile log(m.logPath(job));
    if (!log.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw Error(QStringLiteral("Cannot write the job log %1: %2").arg(log.fileName(), log.errorString()));
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("UNCLOUDED_THREADS"), QString::number(threads));
    env.insert(QStringLiteral("OMP_NUM_THREADS"), QString::number(threads));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); }); // never outlive the batch
    QElapsedTimer clock;
    clock.start();
    child.start(QCoreApplication::applicationFilePath(), job.commandArgs());
    QString lastError;
    QByteArray pending;
    int lastDecile = -1;
    auto consume = [&] {
        const QByteArray chunk = child.readAll();
        log.write(chunk);
        log.flush();
        pending += chunk;
        int nl;
        static const QRegularExpression kProgress(QStringLiteral("^(\\d+)% (.*)$"));
        const QString prefix = QStringLiteral("unclouded-cli reconstruct: ");
        while ((nl = pending.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(pending.left(nl)).trimmed();
            pending.remove(0, nl + 1);
            if (const auto mt = kProgress.match(line); mt.hasMatch()) {
                const int pct = mt.captured(1).toInt();
                if (pct / 25 != lastDecile && pct < 100) { // a line per quarter is enough beside other jobs
                    lastDecile = pct / 25;
                    say(QStringLiteral("%1 %2% %3").arg(tag(m, job)).arg(pct).arg(mt.captured(2)));
                }
            } else if (line.startsWith(prefix)) {
                lastError = line.mid(prefix.size());
            }
        }
    };
    bool interrupted = false;
    if (child.waitForStarted(30000)) {
        while (!child.waitForFinished(200)) {
            consume();
            if (cancel.load() && !interrupted) {
                interrupted = true;
                child.terminate(); // SIGTERM: the child removes its temporaries and exits 143
            }
            if (child.state() == QProcess::NotRunning)
                break;
        }
        consume();
    }
    // Ctrl+C and scancel signal the whole group: the child may stop (128 + the signal) before this loop
    // looked at the batch's own flag, which the same signal set. The job was interrupted, not failed.
    interrupted = interrupted || cancel.load();
    s.seconds = clock.elapsed() / 1000.0;
    s.finished = QDateTime::currentDateTimeUtc();
    if (interrupted) {
        s.status = batch::Status::Pending;
        s.message = QStringLiteral("interrupted");
    } else if (child.error() == QProcess::FailedToStart) {
        s.status = batch::Status::Failed;
        s.message = QStringLiteral("could not start %1: %2")
                        .arg(QCoreApplication::applicationFilePath(), child.errorString());
    } else if (child.exitStatus() == QProcess::CrashExit) {
        s.status = batch::Status::Failed;
        s.message = QStringLiteral("crashed (see %1)").arg(log.fileName());
    } else if (child.exitCode() != 0) {
        s.status = batch::Status::Failed;
        s.message = lastError.isEmpty() ? QStringLiteral("exit code %1").arg(child.exitCode()) : lastError;
    } else if (!batch::outputComplete(job)) {
        s.status = batch::Status::Failed;
        s.message = QStringLiteral("exit 0, but %1 is missing or incomplete").arg(job.out);
    } else {
        s.status = batch::Status::Done;
    }
    batch::writeState(m, job, s);
    return s;
}

void printTable(const batch::Manifest& m, const QList<batch::JobState>& states)
{
    int counts[4] = { 0, 0, 0, 0 };
    out() << QStringLiteral("%1  %2  %3  %4  %5\n")
                 .arg(QStringLiteral("job"), -4)
                 .arg(QStringLiteral("id"), -24)
                 .arg(QStringLiteral("status"), -8)
                 .arg(QStringLiteral("seconds"), 8)
                 .arg(QStringLiteral("output / message"));
    for (int i = 0; i < m.jobs.size(); ++i) {
        const batch::JobState& s = states[i];
        ++counts[int(s.status)];
        out() << QStringLiteral("%1  %2  %3  %4  %5\n")
                     .arg(i, -4)
                     .arg(m.jobs[i].id.left(24), -24)
                     .arg(batch::statusName(s.status), -8)
                     // A pending job's seconds were an interrupted run's: not its time.
                     .arg(s.seconds > 0
                                 && (s.status == batch::Status::Done || s.status == batch::Status::Failed)
                             ? QString::number(s.seconds, 'f', 1)
                             : QStringLiteral("-"),
                         8)
                     .arg(s.status == batch::Status::Failed ? s.message
                             : s.status == batch::Status::Pending && !s.message.isEmpty()
                             ? QStringLiteral("%1 (%2)").arg(m.jobs[i].out, s.message)
                             : m.jobs[i].out);
    }
    out() << QStringLiteral("%1 jobs: %2 done, %3 failed, %4 running, %5 pending\n")
                 .arg(m.jobs.size())
                 .arg(counts[int(batch::Status::Done)])
                 .arg(counts[int(batch::Status::Failed)])
                 .arg(counts[int(batch::Status::Running)])
                 .arg(counts[int(batch::Status::Pending)]);
    out().flush();
}

QList<batch::JobState> states(const batch::Manifest& m)
{
    QList<batch::JobState> s;
    for (const batch::Job& j : m.jobs)
        s << batch::readState(m, j);
    return s;
}

} // namespace

int batchCommand(const QStringList& args)
{
    const QString cmd = QStringLiteral("batch");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Runs the reconstructions a manifest lists (CSV with a header, or JSON lines; see "
        "docs/SCALE_OUT.md), "
        "with N workers here or as a Slurm job array. Finished jobs (their output carries the job's key) "
        "are skipped, so a stopped or killed batch resumes where it stopped. Exit 1 when a job failed."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("MANIFEST"), QStringLiteral("The jobs: .csv or .jsonl."));
    p.addOption({ QStringLiteral("workers"), QStringLiteral("Jobs at once on this machine. Default 1."),
        QStringLiteral("N"), QStringLiteral("1") });
    p.addOption({ QStringLiteral("threads"),
        QStringLiteral("Threads per job (LibTorch, OpenMP). Default: the cores (or UNCLOUDED_THREADS, set in "
                       "a Slurm task) shared among the workers."),
        QStringLiteral("T"), QStringLiteral("0") });
    p.addOption({ QStringLiteral("state"),
        QStringLiteral("State and log folder. Default MANIFEST.batch/ beside it."), QStringLiteral("DIR") });
    p.addOption(
        { QStringLiteral("dry-run"), QStringLiteral("List what would run and what is done; run nothing.") });
    p.addOption({ QStringLiteral("status"),
        QStringLiteral("Show each job's state (done, failed and why, running, pending).") });
    p.addOption({ QStringLiteral("summary"),
        QStringLiteral(
            "Like --status, but exit 1 unless every job is done (the last step of a Slurm array).") });
    p.addOption({ QStringLiteral("job-index"), QStringLiteral("Run only job I (0-based; for array jobs)."),
        QStringLiteral("I") });
    p.addOption({ QStringLiteral("emit-slurm"),
        QStringLiteral("Write a Slurm job-array script for the jobs not done, and print the sbatch line.") });
    p.addOption({ QStringLiteral("partition"), QStringLiteral("Slurm partition."), QStringLiteral("P") });
    p.addOption({ QStringLiteral("time"), QStringLiteral("Slurm time limit per task, e.g. 01:00:00."),
        QStringLiteral("T") });
    p.addOption({ QStringLiteral("cpus"), QStringLiteral("CPUs per Slurm task. Default 2."),
        QStringLiteral("C"), QStringLiteral("2") });
    p.addOption(
        { QStringLiteral("mem"), QStringLiteral("Memory per Slurm task, e.g. 4G."), QStringLiteral("M") });
    p.addOption({ QStringLiteral("limit"),
        QStringLiteral("At most this many Slurm tasks at once. Default: no limit."), QStringLiteral("K"),
        QStringLiteral("0") });
    int code = kOk;
    if (!parseOrReport(p, args, cmd, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return usageError(cmd, QStringLiteral("expected exactly one MANIFEST"));
    bool ok1, ok2, ok3, ok4;
    const int workers = p.value(QStringLiteral("workers")).toInt(&ok1);
    int threads = p.value(QStringLiteral("threads")).toInt(&ok2);
    batch::SlurmOptions slurm;
    slurm.cpus = p.value(QStringLiteral("cpus")).toInt(&ok3);
    slurm.limit = p.value(QStringLiteral("limit")).toInt(&ok4);
    if (!ok1 || workers < 1 || workers > 256)
        return usageError(cmd, QStringLiteral("--workers must be 1 to 256"));
    if (!ok2 || threads < 0 || threads > 1024)
        return usageError(cmd, QStringLiteral("--threads must be 0 (automatic) to 1024"));
    if (!ok3 || !ok4)
        return usageError(cmd, QStringLiteral("--cpus and --limit must be integers"));
    // Automatic: the cores here, or what a cluster job was given (batch.sbatch exports
    // UNCLOUDED_THREADS from SLURM_CPUS_PER_TASK; where Slurm binds no CPUs all cores are seen).
    if (threads == 0) {
        const int given = qEnvironmentVariableIntValue("UNCLOUDED_THREADS");
        threads = std::max(1, (given > 0 ? std::min(given, 1024) : QThread::idealThreadCount()) / workers);
    }
    slurm.partition = p.value(QStringLiteral("partition"));
    slurm.time = p.value(QStringLiteral("time"));
    slurm.mem = p.value(QStringLiteral("mem"));
    int jobIndex = -1;
    if (p.isSet(QStringLiteral("job-index"))) {
        bool ok;
        jobIndex = p.value(QStringLiteral("job-index")).toInt(&ok);
        if (!ok || jobIndex < 0)
            return usageError(cmd, QStringLiteral("--job-index must be a job number from 0"));
    }
    // Each worker is a whole reconstruction: more of them than cores (when they run here) share them.
    const bool runsHere = jobIndex < 0
        && !(p.isSet(QStringLiteral("dry-run")) || p.isSet(QStringLiteral("status"))
            || p.isSet(QStringLiteral("summary")) || p.isSet(QStringLiteral("emit-slurm")));
    if (runsHere && workers > QThread::idealThreadCount())
        err() << QStringLiteral(
            "unclouded-cli %1: warning: %2 workers on %3 cores share them (%4 thread(s) each) "
            "and the memory (up to 1.7 GiB each on a whole tile)\n")
                     .arg(cmd)
                     .arg(workers)
                     .arg(QThread::idealThreadCount())
                     .arg(threads);
    batch::Manifest m;
    try {
        m = batch::Manifest::load(p.positionalArguments().constFirst(), p.value(QStringLiteral("state")));
    } catch (const Error& e) {
        return usageError(cmd, e.message());
    }
    if (jobIndex >= m.jobs.size())
        return usageError(cmd,
            QStringLiteral("--job-index %1: the manifest has %2 jobs (0 to %3)")
                .arg(jobIndex)
                .arg(m.jobs.size())
                .arg(m.jobs.size() - 1));

    return runCommand(cmd,
        [&](JobContext& ctx) {
            if (p.isSet(QStringLiteral("status")) || p.isSet(QStringLiteral("summary"))) {
                const QList<batch::JobState> s = states(m);
                printTable(m, s);
                const bool allDone = std::all_of(s.begin(), s.end(),
                    [](const batch::JobState& j) { return j.status == batch::Status::Done; });
                return p.isSet(QStringLiteral("summary")) && !allDone ? kFailed : kOk;
            }
            QList<int> todo;
            for (const batch::Job& j : m.jobs)
                if ((jobIndex < 0 || j.index == jobIndex) && !batch::outputComplete(j))
                    todo << j.index;
            if (p.isSet(QStringLiteral("emit-slurm"))) {
                const QString submit
                    = batch::emitSlurm(m, todo, slurm, QCoreApplication::applicationFilePath());
                out() << "wrote " << QDir(m.stateDir).filePath(QStringLiteral("batch.sbatch")) << " ("
                      << todo.size() << " array tasks), "
                      << QDir(m.stateDir).filePath(QStringLiteral("summary.sbatch")) << " and "
                      << QDir(m.stateDir).filePath(QStringLiteral("submit.sh")) << "\nsubmit with:\n  "
                      << submit << "\n";
                return kOk;
            }
            for (const batch::Job& j : m.jobs)
                if (jobIndex < 0 || j.index == jobIndex) {
                    if (!todo.contains(j.index))
                        say(QStringLiteral("%1 done already: %2").arg(tag(m, j), j.out));
                    else if (p.isSet(QStringLiteral("dry-run")))
                        say(QStringLiteral("%1 would run: unclouded-cli %2")
                                .arg(tag(m, j), shellLine(j.commandArgs())));
                }
            if (p.isSet(QStringLiteral("dry-run")) || todo.isEmpty())
                return kOk;

            // Workers take the next job until none is left or the batch is interrupted.
            std::atomic<int> next { 0 };
            std::atomic<int> done { 0 }, failed { 0 };
            std::mutex errorMutex;
            QString fatal;
            auto worker = [&] {
                for (int k; (k = next.fetch_add(1)) < todo.size() && !ctx.isCancelled();) {
                    const batch::Job& job = m.jobs[todo[k]];
                    say(QStringLiteral("%1 start -> %2").arg(tag(m, job), job.out));
                    const auto failure = runGuarded([&] {
                        const batch::JobState s = runOne(m, job, threads, ctx.cancelFlag());
                        if (s.status == batch::Status::Running) {
                            say(QStringLiteral("%1 skipped: another batch process is running it")
                                    .arg(tag(m, job)));
                        } else if (s.status == batch::Status::Done && !s.message.isEmpty()) {
                            ++done;
                            say(QStringLiteral("%1 done already, %2").arg(tag(m, job), s.message));
                        } else if (s.status == batch::Status::Done) {
                            ++done;
                            say(QStringLiteral("%1 done in %2 s").arg(tag(m, job)).arg(s.seconds, 0, 'f', 1));
                        } else if (s.status == batch::Status::Failed) {
                            ++failed;
                            say(QStringLiteral("%1 FAILED: %2 (log: %3)")
                                    .arg(tag(m, job), s.message, m.logPath(job)));
                        }
                    });
                    if (failure && !failure->cancelled) { // the batch's own I/O (state folder): stop
                        const std::lock_guard<std::mutex> lock(errorMutex);
                        fatal = failure->message;
                        ctx.cancel();
                    }
                    say(QStringLiteral("batch: %1 of %2 finished (%3 done, %4 failed)")
                            .arg(done.load() + failed.load())
                            .arg(todo.size())
                            .arg(done.load())
                            .arg(failed.load()));
                }
            };
            std::vector<std::thread> pool;
            for (int w = 0; w < std::min<int>(workers, todo.size()); ++w)
                pool.emplace_back(worker);
            for (std::thread& t : pool)
                t.join();
            if (!fatal.isEmpty())
                throw Error(fatal);
            if (ctx.isCancelled())
                throw Cancelled();
            if (jobIndex < 0) {
                out() << "\n";
                printTable(m, states(m));
            }
            return failed.load() > 0 ? kFailed : kOk;
        },
        { false, QStringLiteral("cancelled; unfinished jobs stay pending: run the same command to resume") });
}

} // namespace unclouded::cli
