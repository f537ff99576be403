// The job contract: cancel, error, progress order (monotonic, the last update delivered), exactly one
// terminal signal, for the core runner (runJob) and the GUI one (JobRunner).
#include <stdexcept>

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "core/common/job.h"
#include "ui/jobrunner.h"

using namespace unclouded;
using namespace unclouded::ui;

namespace {

// What a JobRunner emitted, in order.
struct Recorder
{
    QList<double> fractions;
    QStringList texts;
    QStringList terminal; // "finished", "failed: ...", "cancelled"
    std::any value;

    void attach(JobRunner& r)
    {
        QObject::connect(&r, &JobRunner::progress, [this](double f, const QString& t) {
            QVERIFY2(terminal.isEmpty(), "progress after the terminal signal");
            fractions << f;
            texts << t;
        });
        QObject::connect(&r, &JobRunner::finished, [this](const std::any& v) {
            terminal << QStringLiteral("finished");
            value = v;
        });
        QObject::connect(
            &r, &JobRunner::failed, [this](const QString& m) { terminal << QStringLiteral("failed: ") + m; });
        QObject::connect(&r, &JobRunner::cancelled, [this] { terminal << QStringLiteral("cancelled"); });
    }
};

// Reports 0, 0.001, ... 1 as fast as it can: most updates fall inside the throttle's interval.
int countTo1000(JobContext& ctx)
{
    for (int i = 0; i <= 1000; ++i)
        ctx.report(i / 1000.0, QStringLiteral("step %1").arg(i));
    return 42;
}

} // namespace

class TestJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void guardCatchesEverything_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("cancelled");
        QTest::addColumn<QString>("message");
        QTest::newRow("Error") << 0 << false << QStringLiteral("Cannot read x.tif");
        QTest::newRow("Cancelled") << 1 << true << QString();
        QTest::newRow("std::exception") << 2 << false << QStringLiteral("Unexpected error: torch said no");
        QTest::newRow("unknown") << 3 << false << QStringLiteral("Unexpected error of an unknown kind");
    }
    void guardCatchesEverything()
    {
        QFETCH(int, kind);
        QFETCH(bool, cancelled);
        QFETCH(QString, message);
        const auto failure = runGuarded([kind] {
            switch (kind) {
            case 0:
                throw Error(QStringLiteral("Cannot read x.tif"));
            case 1:
                throw Cancelled();
            case 2:
                throw std::runtime_error("torch said no");
            default:
                throw 7;
            }
        });
        QVERIFY(failure.has_value());
        QCOMPARE(failure->cancelled, cancelled);
        QCOMPARE(failure->message, message);
        QVERIFY(!runGuarded([] {}).has_value());
    }

    void coreThrottleKeepsTheLastUpdate()
    {
        QList<double> seen;
        JobContext ctx([&](double f, const QString&) { seen << f; }, 1000);
        ctx.report(0.0, QString());
        ctx.report(0.3, QString()); // held back
        ctx.report(0.6, QString()); // replaces it
        QCOMPARE(seen, QList<double> { 0.0 });
        ctx.flush();
        QCOMPARE(seen, (QList<double> { 0.0, 0.6 }));
        ctx.flush(); // nothing pending: nothing new
        QCOMPARE(seen.size(), 2);
        ctx.report(1.0, QString()); // the end always goes through
        QCOMPARE(seen.last(), 1.0);
    }

    void coreRunJobFlushesOnFailure()
    {
        QList<double> seen;
        JobContext ctx([&](double f, const QString&) { seen << f; }, 1000);
        const JobResult<int> r = runJob<int>(ctx, [](JobContext& c) -> int {
            c.report(0.1, QString());
            c.report(0.5, QString());
            throw Error(QStringLiteral("disk full"));
        });
        QVERIFY(!r.ok());
        QCOMPARE(r.error(), QStringLiteral("disk full"));
        QCOMPARE(seen, (QList<double> { 0.1, 0.5 }));
    }

    void coreProgressViewSharesTheFlag()
    {
        JobContext ctx;
        const Progress p = ctx.progress();
        QVERIFY(!p.isCancelled());
        ctx.cancel();
        QVERIFY(p.isCancelled());
        QVERIFY_THROWS_EXCEPTION(Cancelled, p.throwIfCancelled());
    }

    void runnerFinishesWithOrderedProgress()
    {
        JobRunner runner(nullptr, 5);
        Recorder rec;
        rec.attach(runner);
        int typed = 0;
        QVERIFY(runner.start<int>(countTo1000, [&](int& v) { typed = v; }));
        QVERIFY(runner.isRunning());
        QVERIFY(!runner.start<int>(countTo1000)); // one job at a time
        QTRY_COMPARE(rec.terminal.size(), 1);
        QCOMPARE(rec.terminal, QStringList { QStringLiteral("finished") });
        QCOMPARE(std::any_cast<int>(rec.value), 42);
        QCOMPARE(typed, 42);
        QVERIFY(!rec.fractions.isEmpty());
        QVERIFY(rec.fractions.size() < 1001); // throttled
        QVERIFY(std::is_sorted(rec.fractions.begin(), rec.fractions.end()));
        QCOMPARE(rec.fractions.last(), 1.0);
        QCOMPARE(rec.texts.last(), QStringLiteral("step 1000"));
        QVERIFY(!runner.isRunning());
        QTest::qWait(50);
        QCOMPARE(rec.terminal.size(), 1); // exactly one
    }

    void runnerDeliversTheLastUpdateBeforeFailing()
    {
        // The throttle holds back 0.7; it must still arrive, and before failed().
        JobRunner runner(nullptr, 60000);
        Recorder rec;
        rec.attach(runner);
        runner.start<int>([](JobContext& c) -> int {
            c.report(0.2, QStringLiteral("a"));
            c.report(0.7, QStringLiteral("b"));
            throw std::runtime_error("model exploded");
        });
        QTRY_COMPARE(rec.terminal.size(), 1);
        QCOMPARE(rec.terminal.first(), QStringLiteral("failed: Unexpected error: model exploded"));
        QCOMPARE(rec.fractions, (QList<double> { 0.2, 0.7 }));
        QTest::qWait(50);
        QCOMPARE(rec.terminal.size(), 1);
    }

    void runnerCancels()
    {
        JobRunner runner;
        Recorder rec;
        rec.attach(runner);
        QSignalSpy cancelled(&runner, &JobRunner::cancelled);
        runner.start<int>([](JobContext& c) {
            for (;;) {
                c.throwIfCancelled();
                QThread::msleep(2);
            }
            return 0;
        });
        QTest::qWait(20);
        runner.cancel();
        QVERIFY(cancelled.wait(5000));
        QCOMPARE(rec.terminal, QStringList { QStringLiteral("cancelled") });
        // The runner is idle again and takes the next job.
        QVERIFY(runner.start<int>([](JobContext&) { return 1; }));
        QTRY_COMPARE(rec.terminal.size(), 2);
        QCOMPARE(rec.terminal.last(), QStringLiteral("finished"));
    }

    void destroyingARunningRunnerWaits()
    {
        std::atomic<bool> stopped { false };
        {
            JobRunner runner;
            runner.start<int>([&](JobContext& c) {
                while (!c.isCancelled())
                    QThread::msleep(1);
                stopped = true;
                return 0;
            });
            QTest::qWait(10);
        }
        QVERIFY(stopped.load());
    }
};

QTEST_GUILESS_MAIN(TestJob)
#include "tst_job.moc"
