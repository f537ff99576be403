// Runs a core job (core/common/job.h) on a pool thread and reports on the GUI thread: throttled
// progress, then exactly one of finished / failed / cancelled. The last progress update always
// arrives, before the terminal signal.
#pragma once

#include <any>
#include <functional>
#include <memory>

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>

#include "core/common/job.h"

class QThreadPool;

namespace unclouded::ui {

// The pool every background job of the app runs on (JobRunner, the pixel inspector), not
// QThreadPool::globalInstance(): Qt's raster paint engine splits large fills over the global pool
// and waits for it, so a minute-long job holding one of its threads stalled the GUI thread's
// painting (measured: 490 ms in the first paint after opening a product, bench_gui_latency).
QThreadPool* jobPool();
// Jobs that must end before the process does (removing downloads: a half-removed folder would be
// left behind); main() waits for them. jobPool()'s jobs are waited for a few seconds only: an open
// stalled on a remote server must not keep a closed app running.
QThreadPool* lastingJobPool();

class JobRunner : public QObject
{
    Q_OBJECT

public:
    explicit JobRunner(QObject* parent = nullptr, int intervalMs = JobContext::kDefaultIntervalMs);
    ~JobRunner() override; // cancels a running job and waits for it: no signal reaches a dead receiver

    // While a job runs, start() refuses a new one; Replace cancels it and drops its signals (it
    // ends with none: its results are stale), then starts the new one.
    enum class IfBusy { Refuse, Replace };

    // Starts job; onFinished (optional) receives its value on the GUI thread before finished().
    // False (and nothing started) when busy is Refuse and another job runs.
    template <typename T>
    bool start(std::function<T(JobContext&)> job, std::function<void(T&)> onFinished = {},
        IfBusy busy = IfBusy::Refuse)
    {
        return startErased(
            busy, [job = std::move(job)](JobContext& ctx) { return std::any(job(ctx)); },
            onFinished ? std::function<void(std::any&)>(
                [onFinished](std::any& v) { onFinished(*std::any_cast<T>(&v)); })
                       : std::function<void(std::any&)>());
    }

    bool isRunning() const { return m_state != nullptr; }
    void cancel(); // the job stops at its next check and ends with cancelled()
    void waitForFinished();

Q_SIGNALS:
    void started();
    void progress(double fraction, const QString& text);
    void finished(const std::any& result);
    void failed(const QString& message);
    void cancelled();

private:
    struct State;
    bool startErased(
        IfBusy busy, std::function<std::any(JobContext&)> job, std::function<void(std::any&)> onFinished);
    void deliver(const std::shared_ptr<State>& state);

    int m_intervalMs;
    std::shared_ptr<State> m_state; // the running job, null when idle
    quint64 m_generation = 0; // progress of a replaced job is dropped
    QList<QFuture<void>> m_futures; // replaced jobs may still run: all are waited for
};

} // namespace unclouded::ui
