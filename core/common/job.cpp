#include "core/common/job.h"

#include <algorithm>
#include <exception>
#include <new>

namespace unclouded {

std::optional<JobFailure> runGuarded(const std::function<void()>& fn)
{
    try {
        fn();
        return std::nullopt;
    } catch (const Cancelled&) {
        return JobFailure { true, {} };
    } catch (const Error& e) {
        return JobFailure { false, e.message() };
    } catch (const std::bad_alloc&) {
        return JobFailure { false, QStringLiteral("Out of memory") };
    } catch (const std::exception& e) {
        // A library's own exception (LibTorch, OpenCV) that core did not turn into an Error.
        return JobFailure { false,
            QStringLiteral("Unexpected error: %1").arg(QString::fromLocal8Bit(e.what())) };
    } catch (...) {
        return JobFailure { false, QStringLiteral("Unexpected error of an unknown kind") };
    }
}

JobContext::JobContext(Sink sink, int intervalMs)
    : m_sink(std::move(sink))
    , m_interval(intervalMs)
{
}

void JobContext::report(double fraction, const QString& text)
{
    if (!m_sink)
        return;
    fraction = std::clamp(fraction, 0.0, 1.0);
    // The sink runs under the lock so updates from several threads keep their order.
    const std::lock_guard<std::mutex> lock(m_mutex);
    const auto now = std::chrono::steady_clock::now();
    if (m_sentAny && fraction < 1.0 && now - m_last < m_interval) {
        m_pending.emplace(fraction, text);
        return;
    }
    m_sentAny = true;
    m_last = now;
    m_pending.reset();
    m_sink(fraction, text);
}

void JobContext::flush()
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (m_pending && m_sink)
        m_sink(m_pending->first, m_pending->second);
    m_pending.reset();
}

Progress JobContext::progress()
{
    Progress p;
    p.cancelFlag = &m_cancel;
    p.onProgress = [this](double f, const QString& s) { report(f, s); };
    return p;
}

} // namespace unclouded
