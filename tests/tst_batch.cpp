// unclouded-cli batch as an analyst runs it: a manifest of generator products, two workers, a failing
// job, SIGKILL in the middle and a resume, the skip of finished jobs, --dry-run, --job-index and the
// Slurm script. Real products, real reconstructions, real child processes.
#include <csignal>

#include <QDateTime>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include "core/batch/manifest.h"
#include "core/io/rasterwriter.h"
#include "core/sample/samplegenerator.h"

#include "testutil.h"

using namespace unclouded;

class TestBatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void runFailSkipAndRerunWhatChanged();
    void killedBatchResumes();
    void interruptedJobIsPending();
    void twoBatchesShareTheJobs();
    void dryRunJobIndexAndSlurmScript();
    void threadsFromASlurmTask();
    void referenceMasksInTheManifest();
    void badManifestsAreRefused_data();
    void badManifestsAreRefused();
    void stateFolderIsNotAnInputNorAFile();

private:
    struct Result
    {
        int code;
        QString out, err;
    };
    Result run(const QStringList& args, int timeoutMs = 300000, const QProcessEnvironment& env = {})
    {
        QProcess p;
        if (!env.isEmpty())
            p.setProcessEnvironment(env);
        p.start(testutil::cliPath(), args);
        p.waitForFinished(timeoutMs);
        return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
    }
    QString write(const QString& name, const QString& text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(text.toUtf8());
        return path;
    }
    static QDateTime mtime(const QString& path) { return QFileInfo(path).lastModified(); }

    QTemporaryDir m_dir;
    QStringList m_products; // four small generator products of one tile
};

void TestBatch::initTestCase()
{
    QVERIFY2(QFileInfo::exists(testutil::cliPath()), "UNCLOUDED_CLI not set");
    for (int i = 0; i < 4; ++i) {
        SampleOptions o;
        o.outDir = m_dir.filePath(QStringLiteral("p%1").arg(i));
        o.size = 300;
        o.seed = 20 + i;
        m_products << generateSample(o).main.safePath;
    }
}

void TestBatch::runFailSkipAndRerunWhatChanged()
{
    // Paths relative to the manifest, an AOI quoted in CSV, an id, and one job whose product is missing.
    const QString csv = QStringLiteral("product,out,method,aoi,id\n"
                                       "p0/%1,out/a.tif,telea,,first\n"
                                       "p1/%2,out/b.tif,ns,\"0,0,150,150\",\n"
                                       "p2/%3,out/c.tif,telea,,\n"
                                       "missing/S2X.SAFE,out/d.tif,telea,,\n")
                            .arg(QFileInfo(m_products[0]).fileName(), QFileInfo(m_products[1]).fileName(),
                                QFileInfo(m_products[2]).fileName());
    const QString manifest = write(QStringLiteral("jobs.csv"), csv);
    const Result r
        = run({ QStringLiteral("batch"), manifest, QStringLiteral("--workers"), QStringLiteral("2") });
    qInfo("%s", qPrintable(r.out.right(700)));
    QCOMPARE(r.code, 1); // one job failed; the others still finished
    QVERIFY2(
        r.out.contains(QStringLiteral("4 jobs: 3 done, 1 failed, 0 running, 0 pending")), qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("missing/S2X.SAFE")));
    const QString a = m_dir.filePath(QStringLiteral("out/a.tif")),
                  b = m_dir.filePath(QStringLiteral("out/b.tif"));
    for (const QString& f : { a, b, m_dir.filePath(QStringLiteral("out/c.tif")) }) {
        QVERIFY2(QFileInfo::exists(f) && QFileInfo::exists(maskSidecarPath(f)), qPrintable(f));
        QVERIFY(readRasterTags(f).value(QStringLiteral("UNCLOUDED_JOB")).size() == 20);
    }
    QCOMPARE(
        readRasterTags(b).value(QStringLiteral("UNCLOUDED_METHOD")), QStringLiteral("OpenCV Navier-Stokes"));
    // The failure is kept with its reason, and the log beside it.
    const Result st = run({ QStringLiteral("batch"), manifest, QStringLiteral("--status") });
    QCOMPARE(st.code, 0);
    QVERIFY(st.out.contains(QStringLiteral("3 done, 1 failed")));
    QVERIFY(QFileInfo::exists(manifest + QStringLiteral(".batch/job-0003.log")));
    QCOMPARE(run({ QStringLiteral("batch"), manifest, QStringLiteral("--summary") }).code, 1);

    // Run again: finished jobs are not touched.
    const QDateTime ta = mtime(a), tb = mtime(b);
    QTest::qWait(1100); // file times have 1 s resolution on some file systems
    const Result again = run({ QStringLiteral("batch"), manifest });
    QCOMPARE(again.code, 1);
    QCOMPARE(again.out.count(QStringLiteral("done already")), 3);
    QCOMPARE(mtime(a), ta);

    // A changed option makes new work of that job only; without the bad line, the batch succeeds.
    QString fixed = csv;
    fixed.replace(QStringLiteral("out/b.tif,ns,"), QStringLiteral("out/b.tif,telea,"));
    fixed = fixed.left(fixed.indexOf(QStringLiteral("missing/")));
    write(QStringLiteral("jobs.csv"), fixed);
    const Result third = run({ QStringLiteral("batch"), manifest });
    QVERIFY2(third.code == 0, qPrintable(third.out + third.err));
    QCOMPARE(third.out.count(QStringLiteral("done already")), 2);
    QCOMPARE(mtime(a), ta);
    QVERIFY(mtime(b) > tb);
    QCOMPARE(readRasterTags(b).value(QStringLiteral("UNCLOUDED_METHOD")), QStringLiteral("OpenCV Telea"));
    QCOMPARE(run({ QStringLiteral("batch"), manifest, QStringLiteral("--summary") }).code, 0);
}

void TestBatch::killedBatchResumes()
{
    // JSON lines; kill -9 the batch once the first job is done: its children go with it, and the
    // next run finishes the rest without redoing the first or leaving temporaries.
    QString jsonl;
    for (int i = 0; i < 4; ++i)
        jsonl += QStringLiteral(
            "{\"product\": \"%1\", \"out\": \"kill/r%2.tif\", \"method\": \"ns\", \"format\": \"GTiff\"}\n")
                     .arg(m_products[i])
                     .arg(i);
    const QString manifest = write(QStringLiteral("kill.jsonl"), jsonl);
    QProcess p;
    p.start(testutil::cliPath(),
        { QStringLiteral("batch"), manifest, QStringLiteral("--workers"), QStringLiteral("2") });
    QVERIFY(p.waitForStarted());
    QByteArray log;
    while (!log.contains("done in") && p.state() == QProcess::Running && p.waitForReadyRead(120000))
        log += p.readAllStandardOutput();
    QVERIFY2(p.state() == QProcess::Running, log.constData());
    ::kill(pid_t(p.processId()), SIGKILL);
    QVERIFY(p.waitForFinished(10000));
    log += p.readAllStandardOutput();
    qInfo("killed after:\n%s", log.constData());
    // The children (PR_SET_PDEATHSIG) stop too: no reconstruct of this manifest is left running.
    bool childrenGone = false;
    for (int t = 0; t < 100 && !childrenGone; ++t) {
        QProcess pg;
        pg.start(QStringLiteral("pgrep"), { QStringLiteral("-f"), m_dir.filePath(QStringLiteral("kill/r")) });
        pg.waitForFinished();
        childrenGone = pg.exitCode() == 1;
        if (!childrenGone)
            QTest::qWait(100);
    }
    QVERIFY(childrenGone);
    const Result st = run({ QStringLiteral("batch"), manifest, QStringLiteral("--status") });
    QVERIFY2(
        !st.out.contains(QStringLiteral(" running ")), qPrintable(st.out)); // the killed ones are pending
    const QString first = m_dir.filePath(QStringLiteral("kill/r0.tif"));
    const bool firstDone = QFileInfo::exists(first);
    const QDateTime t0 = mtime(first);

    // As a child killed with SIGKILL itself would leave: a hidden temporary beside its output.
    QFile stale(m_dir.filePath(QStringLiteral("kill/.r3.tif.partial-deadbeef.tif")));
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.close();

    const Result resumed
        = run({ QStringLiteral("batch"), manifest, QStringLiteral("--workers"), QStringLiteral("2") });
    QVERIFY2(resumed.code == 0, qPrintable(resumed.out + resumed.err));
    QVERIFY(resumed.out.contains(QStringLiteral("4 jobs: 4 done")));
    QVERIFY(resumed.out.contains(QStringLiteral("done already")));
    if (firstDone)
        QCOMPARE(mtime(first), t0);
    const QStringList left = QDir(m_dir.filePath(QStringLiteral("kill")))
                                 .entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    QCOMPARE(left.size(), 8); // four results and their masks, no temporaries
    for (const QString& f : left)
        QVERIFY2(!f.startsWith(QLatin1Char('.')), qPrintable(f));
}

// Ctrl+C: the running job's child is stopped, the job is pending and says it was interrupted; the
// status shows no seconds for it (they were the interrupted run's), and the next run does it.
void TestBatch::interruptedJobIsPending()
{
    QString csv = QStringLiteral("product,out,method\n");
    for (int i = 0; i < 2; ++i)
        csv += QStringLiteral("%1,int/r%2.tif,ns\n").arg(m_products[i]).arg(i);
    const QString manifest = write(QStringLiteral("int.csv"), csv);
    QProcess p;
    p.start(testutil::cliPath(), { QStringLiteral("batch"), manifest });
    QVERIFY(p.waitForStarted());
    QByteArray log;
    while (!log.contains("start ->") && p.state() == QProcess::Running && p.waitForReadyRead(60000))
        log += p.readAllStandardOutput();
    QVERIFY2(log.contains("start ->"), log.constData());
    ::kill(pid_t(p.processId()), SIGINT); // the child takes longer than this to start up
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 128 + SIGINT);
    QVERIFY(
        QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("unfinished jobs stay pending")));
    const Result st = run({ QStringLiteral("batch"), manifest, QStringLiteral("--status") });
    const QString row = st.out.split(QLatin1Char('\n')).value(1);
    QVERIFY2(row.contains(QStringLiteral(" pending ")) && row.contains(QStringLiteral("r0.tif (interrupted)"))
            && row.contains(QStringLiteral(" - ")),
        qPrintable(st.out));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("int/r0.tif"))));
    // As a batch killed with SIGKILL leaves it: "running" by a process that is gone.
    QFile state(m_dir.filePath(QStringLiteral("int.csv.batch/job-0000.json")));
    QVERIFY(state.open(QIODevice::ReadWrite));
    QJsonObject o = QJsonDocument::fromJson(state.readAll()).object();
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QProcess gone;
    gone.start(QStringLiteral("true"));
    QVERIFY(gone.waitForStarted());
    o[QStringLiteral("pid")] = qint64(gone.processId());
    QVERIFY(gone.waitForFinished());
    o[QStringLiteral("status")] = QStringLiteral("running");
    o[QStringLiteral("message")] = QString();
    state.resize(0);
    state.write(QJsonDocument(o).toJson());
    state.close();
    const QString killed = run({ QStringLiteral("batch"), manifest, QStringLiteral("--status") })
                               .out.split(QLatin1Char('\n'))
                               .value(1);
    QVERIFY2(killed.contains(QStringLiteral(" pending "))
            && killed.contains(QStringLiteral("(its batch process was killed)")),
        qPrintable(killed));
    const Result resumed = run({ QStringLiteral("batch"), manifest });
    QVERIFY2(resumed.code == 0 && resumed.out.contains(QStringLiteral("2 jobs: 2 done")),
        qPrintable(resumed.out + resumed.err));
}

// The same manifest started twice at once (by mistake, or beside a Slurm array): each job runs once,
// the other process skips what one holds (both ran every job, each over the other's output).
void TestBatch::twoBatchesShareTheJobs()
{
    QString csv = QStringLiteral("product,out,method\n");
    for (int i = 0; i < 4; ++i)
        csv += QStringLiteral("%1,twice/r%2.tif,ns\n").arg(m_products[i]).arg(i);
    const QString manifest = write(QStringLiteral("twice.csv"), csv);
    QProcess a, b;
    for (QProcess* p : { &a, &b })
        p->start(testutil::cliPath(), { QStringLiteral("batch"), manifest });
    QString said;
    for (QProcess* p : { &a, &b }) {
        QVERIFY(p->waitForFinished(300000));
        QCOMPARE(p->exitCode(), 0);
        said += QString::fromUtf8(p->readAllStandardOutput());
    }
    qInfo("%s", qPrintable(said.right(1200)));
    // Whichever way the two met: every job done once, the rest skipped or found done.
    QCOMPARE(said.count(QStringLiteral("] done in ")), 4);
    QCOMPARE(said.count(QStringLiteral("] done in ")) + said.count(QStringLiteral("skipped: another batch"))
            + said.count(QStringLiteral("done already")),
        8);
    for (int i = 0; i < 4; ++i)
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("twice/r%1.tif").arg(i))));
    // More workers than cores is allowed, with a word about what they share (not for a dry run).
    const Result many
        = run({ QStringLiteral("batch"), manifest, QStringLiteral("--workers"), QStringLiteral("256") });
    QCOMPARE(many.code, 0);
    QVERIFY2(many.err.contains(QStringLiteral("warning: 256 workers on")), qPrintable(many.err));
    const Result dry = run({ QStringLiteral("batch"), manifest, QStringLiteral("--workers"),
        QStringLiteral("256"), QStringLiteral("--dry-run") });
    QVERIFY2(!dry.err.contains(QStringLiteral("warning")), qPrintable(dry.err));
}

void TestBatch::dryRunJobIndexAndSlurmScript()
{
    QString csv = QStringLiteral("product,out\n");
    for (int i = 0; i < 3; ++i)
        csv += QStringLiteral("%1,slurm/s%2.tif\n").arg(m_products[i]).arg(i);
    const QString manifest = write(QStringLiteral("slurm.csv"), csv);
    const Result dry = run({ QStringLiteral("batch"), manifest, QStringLiteral("--dry-run") });
    QCOMPARE(dry.code, 0);
    QCOMPARE(dry.out.count(QStringLiteral("would run")), 3);
    QVERIFY(!QDir(m_dir.filePath(QStringLiteral("slurm"))).exists());
    const Result one
        = run({ QStringLiteral("batch"), manifest, QStringLiteral("--job-index"), QStringLiteral("1") });
    QVERIFY2(one.code == 0, qPrintable(one.out + one.err));
    QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("slurm/s1.tif"))));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("slurm/s0.tif"))));
    QCOMPARE(
        run({ QStringLiteral("batch"), manifest, QStringLiteral("--job-index"), QStringLiteral("3") }).code,
        2);

    // The array covers the two jobs not done, at most two at once; the summary runs after it.
    const Result emit = run(
        { QStringLiteral("batch"), manifest, QStringLiteral("--emit-slurm"), QStringLiteral("--partition"),
            QStringLiteral("debug"), QStringLiteral("--cpus"), QStringLiteral("1"), QStringLiteral("--limit"),
            QStringLiteral("2"), QStringLiteral("--time"), QStringLiteral("00:10:00") });
    QVERIFY2(emit.code == 0, qPrintable(emit.err));
    QVERIFY2(emit.out.endsWith(QStringLiteral("submit.sh'\n")), qPrintable(emit.out));
    QFile script(manifest + QStringLiteral(".batch/batch.sbatch"));
    QVERIFY(script.open(QIODevice::ReadOnly));
    const QString s = QString::fromUtf8(script.readAll());
    QVERIFY(s.contains(QStringLiteral("#SBATCH --partition=debug\n")));
    QVERIFY(s.contains(QStringLiteral("#SBATCH --cpus-per-task=1\n")));
    QVERIFY2(
        s.contains(QStringLiteral("--job-index \"$(( ${UNCLOUDED_ARRAY_BASE:-0} + SLURM_ARRAY_TASK_ID ))\"")),
        qPrintable(s));
    QVERIFY(QFileInfo(script).isExecutable());
    // The array (and its blocks below MaxArraySize: tests/slurm/batch_on_slurm.sh) is submit.sh's.
    QFile submit(manifest + QStringLiteral(".batch/submit.sh"));
    QVERIFY(submit.open(QIODevice::ReadOnly));
    const QString sub = QString::fromUtf8(submit.readAll());
    QVERIFY2(sub.contains(QStringLiteral("jobs=(0 2)\n")) && sub.contains(QStringLiteral("limit=%2\n"))
            && sub.contains(QStringLiteral("--dependency=\"afterany$deps\""))
            && sub.contains(
                QStringLiteral("after=(--dependency=\"afterany:$last\")")), // --limit over all arrays
        qPrintable(sub));
    // batch.sbatch submitted alone (no array, as the old printed line did) says so instead of running
    // job 0 alone.
    {
        QProcess direct;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("SLURM_ARRAY_TASK_ID"));
        direct.setProcessEnvironment(env);
        direct.start(QStringLiteral("bash"), { manifest + QStringLiteral(".batch/batch.sbatch") });
        QVERIFY(direct.waitForFinished(30000));
        QVERIFY(direct.exitCode() != 0);
        QVERIFY2(direct.readAllStandardError().contains("submit it with submit.sh"), "no word of submit.sh");
    }
    for (const char* f : { "batch.sbatch", "summary.sbatch", "submit.sh" }) {
        QProcess sh; // every script is valid shell
        sh.start(QStringLiteral("bash"),
            { QStringLiteral("-n"), manifest + QStringLiteral(".batch/") + QLatin1String(f) });
        QVERIFY(sh.waitForFinished());
        QCOMPARE(sh.exitCode(), 0);
    }
}

// In a Slurm task batch.sbatch exports UNCLOUDED_THREADS (the task's CPUs): `batch` shares those among
// its workers, not every core it sees (where Slurm binds no CPUs, all of the node's). The thread
// count shows in the warning for more workers than cores.
void TestBatch::threadsFromASlurmTask()
{
    const QString manifest = write(QStringLiteral("threads.csv"),
        QStringLiteral("product,out,method\nmissing/S2Y.SAFE,threads/t.tif,telea\n"));
    const int workers = QThread::idealThreadCount() + 1;
    const QStringList args { QStringLiteral("batch"), manifest, QStringLiteral("--workers"),
        QString::number(workers) };
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("UNCLOUDED_THREADS"));
    const Result cores = run(args, 60000, env);
    QVERIFY2(cores.err.contains(QStringLiteral("(1 thread(s) each)")), qPrintable(cores.err));
    env.insert(QStringLiteral("UNCLOUDED_THREADS"), QString::number(3 * workers));
    const Result task = run(args, 60000, env);
    QVERIFY2(task.err.contains(QStringLiteral("(3 thread(s) each)")), qPrintable(task.err));
    QCOMPARE(task.code, 1); // the job itself fails: its product is not there
}

// A GeoTIFF reference takes its clouds from the manifest, as reconstruct's --reference-scl: one per
// reference, '' for a date with classes of its own.
void TestBatch::referenceMasksInTheManifest()
{
    const QString truth
        = QDir(QFileInfo(m_products[1]).path())
              .filePath(QFileInfo(m_products[1]).completeBaseName() + QStringLiteral("_truth.tif"));
    QVERIFY2(QFileInfo::exists(truth), qPrintable(truth));
    QDirIterator it(
        m_products[1], { QStringLiteral("*_SCL_20m.jp2") }, QDir::Files, QDirIterator::Subdirectories);
    QVERIFY(it.hasNext());
    const QString scl = it.next();
    const QString json = QStringLiteral("{\"product\": \"%1\", \"out\": \"refmask/a.tif\", \"method\": "
                                        "\"temporal\", \"reference\": [\"%2\", \"%3\"], "
                                        "\"reference_scl\": [\"%4\", \"\"]}\n")
                             .arg(m_products[0], truth, m_products[2], scl);
    const QString manifest = write(QStringLiteral("refmask.jsonl"), json);
    const Result dry = run({ QStringLiteral("batch"), manifest, QStringLiteral("--dry-run") });
    QVERIFY2(dry.code == 0, qPrintable(dry.err));
    // Shell-quoted, so the line runs as printed: the empty entry is ''.
    QVERIFY2(dry.out.contains(QStringLiteral("--reference-scl %1 --reference-scl ''").arg(scl)),
        qPrintable(dry.out));
    const Result done = run({ QStringLiteral("batch"), manifest });
    QVERIFY2(done.code == 0, qPrintable(done.out + done.err));
    QFile log(manifest + QStringLiteral(".batch/job-0000.log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray said = log.readAll();
    QVERIFY2(!said.contains("taken as clear ground"), said.constData());
    // The mask was used: the GeoTIFF's date no longer shows every hidden pixel (its clouds are out).
    QVERIFY2(said.contains("of them shown by another date") && !said.contains("100.0 % of them shown"),
        said.constData());

    // One mask for two references, or both columns: refused with the line.
    const QString bad = write(QStringLiteral("refmask-bad.csv"),
        QStringLiteral("product,out,reference,reference_mask\n%1,refmask/b.tif,%2;%3,%4\n")
            .arg(m_products[0], truth, m_products[2], scl));
    const Result refused = run({ QStringLiteral("batch"), bad, QStringLiteral("--dry-run") });
    QCOMPARE(refused.code, 2);
    QVERIFY2(refused.err.contains(QStringLiteral("line 2: 1 reference_mask for 2 reference(s)")),
        qPrintable(refused.err));
    const QString both = write(QStringLiteral("refmask-both.jsonl"),
        QStringLiteral("{\"product\": \"%1\", \"out\": \"refmask/c.tif\", \"reference\": \"%2\", "
                       "\"reference_mask\": \"%3\", \"reference_scl\": [\"%3\"]}\n")
            .arg(m_products[0], truth, scl));
    const Result twice = run({ QStringLiteral("batch"), both, QStringLiteral("--dry-run") });
    QVERIFY2(twice.code == 2 && twice.err.contains(QStringLiteral("not both")), qPrintable(twice.err));
    // Empty mask columns are no columns: "" with no reference is not a count mismatch.
    const QString unset = write(QStringLiteral("refmask-unset.jsonl"),
        QStringLiteral("{\"product\": \"%1\", \"out\": \"refmask/d.tif\", \"reference_scl\": \"\", "
                       "\"reference_mask\": []}\n")
            .arg(m_products[0]));
    const Result none = run({ QStringLiteral("batch"), unset, QStringLiteral("--dry-run") });
    QVERIFY2(
        none.code == 0 && !none.out.contains(QStringLiteral("--reference")), qPrintable(none.out + none.err));
}

void TestBatch::badManifestsAreRefused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown column") << QStringLiteral("product,out,methd\nA,B,telea\n")
                                    << QStringLiteral("unknown column 'methd'");
    QTest::newRow("no out column") << QStringLiteral("product\nA\n") << QStringLiteral("product and out");
    QTest::newRow("field count") << QStringLiteral("product,out\nA,B,C\n")
                                 << QStringLiteral("line 2: 3 fields");
    QTest::newRow("open quote") << QStringLiteral("product,out\n\"A,B\n")
                                << QStringLiteral("quote is not closed");
    QTest::newRow("empty") << QStringLiteral("# nothing\n") << QStringLiteral("holds no job");
    QTest::newRow("output over input")
        << QStringLiteral("product,out\nx.tif,x.tif\n") << QStringLiteral("would overwrite the input");
    QTest::newRow("two jobs one output") << QStringLiteral("product,out\na.tif,o.tif\nb.tif,./o.tif\n")
                                         << QStringLiteral("also written by line 2");
    QTest::newRow("bad json") << QStringLiteral("{\"product\": \"a\", \"out\": \n")
                              << QStringLiteral("not a JSON object");
    QTest::newRow("json unknown key")
        << QStringLiteral("{\"product\": \"a\", \"out\": \"b\", \"methods\": \"ns\"}\n")
        << QStringLiteral("unknown key 'methods'");
    // Values of the wrong JSON type are refused, never read as empty (a method object once ran Telea).
    QTest::newRow("json object value")
        << QStringLiteral("{\"product\": \"a\", \"out\": \"b\", \"method\": {\"name\": \"ns\"}}\n")
        << QStringLiteral("'method' must be a string, a number or true/false, not an object");
    QTest::newRow("json list where one value")
        << QStringLiteral("{\"product\": [\"a\", \"c\"], \"out\": \"b\"}\n")
        << QStringLiteral("'product' must be a string, a number or true/false, not a list");
    QTest::newRow("json null in references")
        << QStringLiteral("{\"product\": \"a\", \"out\": \"b\", \"reference\": [\"r\", null]}\n")
        << QStringLiteral("'reference' must be a string or a list of them, not null");
    QTest::newRow("json null out") << QStringLiteral("{\"product\": \"a\", \"out\": null}\n")
                                   << QStringLiteral("needs a product and an out");
    // A column given twice (the last one won), a yes / no typo (read as no), one job's output another's
    // mask sidecar (each overwrote the other), two outputs through a symlinked folder (alink -> a).
    QTest::newRow("json list") << QStringLiteral("[{\"product\": \"a\", \"out\": \"b\"}]\n")
                               << QStringLiteral(
                                      "line 1: a JSON list; a manifest in JSON is one object per line");
    QTest::newRow("json key twice") << QStringLiteral(
        "{\"product\": \"a\", \"out\": \"b\", \"note\": \"\\\"product\\\": x\", \"out\": \"c\"}\n")
                                    << QStringLiteral("line 1: the key 'out' is given twice");
    QTest::newRow("column twice") << QStringLiteral("product,out,out\na.tif,b.tif,c.tif\n")
                                  << QStringLiteral("the column 'out' is given twice");
    QTest::newRow("float32 typo") << QStringLiteral("product,out,float32\na.tif,o.tif,maybe\n")
                                  << QStringLiteral("line 2: float32 is \"maybe\"");
    QTest::newRow("output is a sidecar") << QStringLiteral("product,out\na.tif,y.tif\nb.tif,y.mask.tif\n")
                                         << QStringLiteral("y.mask.tif is also written by line 2");
    QTest::newRow("sidecar is an output") << QStringLiteral("product,out\na.tif,y.mask.tif\nb.tif,y.tif\n")
                                          << QStringLiteral("y.tif has its mask sidecar written by line 2");
    // A job once wrote its GeoTIFF over the manifest, or over its own state file (the job stayed pending).
    QTest::newRow("output is the manifest") << QStringLiteral("product,out\na.tif,bad.csv\n")
                                            << QStringLiteral("would overwrite the input the manifest");
    QTest::newRow("output in the state folder")
        << QStringLiteral("product,out\na.tif,bad.csv.batch/job-0000.json\n")
        << QStringLiteral("would be written in the batch's state folder");
    QTest::newRow("one output through a symlinked folder") << QStringLiteral(
        "product,out\na.tif,a/x.tif\nb.tif,alink/x.tif\n") << QStringLiteral("also written by line 2");
}

void TestBatch::badManifestsAreRefused()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const QString manifest = write(QStringLiteral("bad.csv"), text);
    const QDir here = QFileInfo(manifest).dir();
    QVERIFY(here.mkpath(QStringLiteral("a")));
    QFile::link(QStringLiteral("a"), here.filePath(QStringLiteral("alink"))); // once: then it is there
    QVERIFY(QFileInfo(here.filePath(QStringLiteral("alink"))).isSymLink());
    const Result r = run({ QStringLiteral("batch"), manifest });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message) && r.err.contains(QStringLiteral("bad.csv")), qPrintable(r.err));
}

// --state inside a job's input wrote job files into the product; --state naming a file blamed a
// read-only folder.
void TestBatch::stateFolderIsNotAnInputNorAFile()
{
    const QString manifest
        = write(QStringLiteral("state.csv"), QStringLiteral("product,out\nin.SAFE,o.tif\n"));
    const QDir here = QFileInfo(manifest).dir();
    QVERIFY(here.mkpath(QStringLiteral("in.SAFE")));
    Result r = run({ QStringLiteral("batch"), manifest, QStringLiteral("--state"),
        here.filePath(QStringLiteral("in.SAFE/st")) });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("would be written inside the input")), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(here.filePath(QStringLiteral("in.SAFE/st"))));
    const QString file = write(QStringLiteral("state-file"), QStringLiteral("x"));
    r = run({ QStringLiteral("batch"), manifest, QStringLiteral("--state"), file });
    QVERIFY2(r.code == 1 && r.err.contains(QStringLiteral("is a file: --state DIR names a folder")),
        qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestBatch)
#include "tst_batch.moc"
