// One contract for every long task (opening, stretch, reconstruction, evaluation, each CLI command):
// a job is a function of a JobContext (throttled progress + atomic cancel flag) that returns a result
// or throws; runJob() is the one error boundary that turns whatever it throws into a JobResult.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>

#include <QString>

#include "core/common/error.h"
#include "core/common/progress.h"

namespace unclouded {

// What went wrong, from the one catch set: Cancelled, Error, std::exception and anything else.
struct JobFailure
{
    bool cancelled = false;
    QString message; // empty when cancelled
};

// Runs fn and catches everything it throws. The same set in the CLI, the GUI and the map's tiles.
std::optional<JobFailure> runGuarded(const std::function<void()>& fn);

// Given to a job: progress that reaches the sink at most once per interval (the last update of a
// run is never lost: flush() delivers it), and a cancel flag any thread may set.
class JobContext
{
public:
    using Sink = std::function<void(double fraction, const QString& text)>;
    static constexpr int kDefaultIntervalMs = 100; // ~10 updates a second: a GUI never queues thousands

    explicit JobContext(Sink sink = {}, int intervalMs = kDefaultIntervalMs);
    JobContext(const JobContext&) = delete;
    JobContext& operator=(const JobContext&) = delete;

    // fraction in [0, 1]; a report of 1 always goes through.
    void report(double fraction, const QString& text);
    // Delivers the update the throttle held back, if any.
    void flush();

    void cancel() { m_cancel.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancel.load(std::memory_order_relaxed); }
    void throwIfCancelled() const
    {
        if (isCancelled())
            throw Cancelled();
    }
    // The core API's Progress view of this context (same flag, same throttle).
    Progress progress();
    // The flag itself, for a signal handler (a lock-free store is async-signal-safe).
    std::atomic<bool>& cancelFlag() { return m_cancel; }

private:
    Sink m_sink;
    std::chrono::milliseconds m_interval;
    std::atomic<bool> m_cancel { false };
    std::mutex m_mutex; // reports may come from several worker threads
    std::chrono::steady_clock::time_point m_last {};
    bool m_sentAny = false;
    std::optional<std::pair<double, QString>> m_pending;
};

// A job's outcome: a value, or the failure runGuarded() caught.
template <typename T> class JobResult
{
public:
    bool ok() const { return m_value.has_value(); }
    bool cancelled() const { return m_failure && m_failure->cancelled; }
    QString error() const { return m_failure ? m_failure->message : QString(); }
    T& value() { return *m_value; }
    const T& value() const { return *m_value; }

    std::optional<T> m_value;
    std::optional<JobFailure> m_failure;
};

// Runs job on the calling thread inside the error boundary; the last progress update is flushed
// before it returns, whatever the outcome. A job that finishes after a cancel request still counts
// as done (its file is complete).
template <typename T> JobResult<T> runJob(JobContext& ctx, const std::function<T(JobContext&)>& job)
{
    JobResult<T> r;
    r.m_failure = runGuarded([&] { r.m_value.emplace(job(ctx)); });
    ctx.flush();
    return r;
}

} // namespace unclouded
