#include "ui/jobrunner.h"

#include <algorithm>

#include <QMetaObject>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent>

namespace unclouded::ui {

namespace {

// Jobs mostly wait (GDAL reads, a model's forward passes on their own threads): more of them may
// run than there are cores, so opening a product never queues behind a reconstruction.
QThreadPool* makeJobPool(const char* name)
{
    auto* pool = new QThreadPool;
    pool->setObjectName(QString::fromLatin1(name));
    pool->setMaxThreadCount(std::max(8, QThread::idealThreadCount()));
    return pool;
}

} // namespace

QThreadPool* jobPool()
{
    static QThreadPool* pool = makeJobPool("unclouded-jobs"); // never deleted: jobs may outlive any owner
    return pool;
}

QThreadPool* lastingJobPool()
{
    static QThreadPool* pool = makeJobPool("unclouded-lasting-jobs");
    return pool;
}

struct JobRunner::State
{
    State(JobContext::Sink sink, int intervalMs)
        : ctx(std::move(sink), intervalMs)
    {
    }
    JobContext ctx;
    JobResult<std::any> result;
    std::function<void(std::any&)> onFinished;
};

JobRunner::JobRunner(QObject* parent, int intervalMs)
    : QObject(parent)
    , m_intervalMs(intervalMs)
{
}

JobRunner::~JobRunner()
{
    cancel();
    waitForFinished();
}

bool JobRunner::startErased(
    IfBusy busy, std::function<std::any(JobContext&)> job, std::function<void(std::any&)> onFinished)
{
    if (m_state && busy == IfBusy::Refuse)
        return false;
    cancel(); // a replaced job: what it still sends is dropped below
    m_futures.erase(std::remove_if(m_futures.begin(), m_futures.end(),
                        [](const QFuture<void>& f) { return f.isFinished(); }),
        m_futures.end());
    // Every update is queued to this object's (the GUI) thread in the order the job made it; the
    // terminal call is queued last, so it never overtakes the final progress update.
    const quint64 generation = ++m_generation;
    auto state = std::make_shared<State>(
        [this, generation](double f, const QString& s) {
            QMetaObject::invokeMethod(
                this,
                [this, generation, f, s] {
                    if (generation == m_generation)
                        Q_EMIT progress(f, s);
                },
                Qt::QueuedConnection);
        },
        m_intervalMs);
    state->onFinished = std::move(onFinished);
    m_state = state;
    Q_EMIT started();
    m_futures << QtConcurrent::run(jobPool(), [this, state, job = std::move(job)] {
        state->result = runJob<std::any>(state->ctx, job);
        QMetaObject::invokeMethod(
            this, [this, state] { deliver(state); }, Qt::QueuedConnection);
    });
    return true;
}

void JobRunner::deliver(const std::shared_ptr<State>& state)
{
    if (state != m_state)
        return; // replaced
    m_state.reset(); // idle before the signals: a receiver may start the next job
    JobResult<std::any>& r = state->result;
    if (r.ok()) {
        if (state->onFinished)
            state->onFinished(r.value());
        Q_EMIT finished(r.value());
    } else if (r.cancelled()) {
        Q_EMIT cancelled();
    } else {
        Q_EMIT failed(r.error());
    }
}

void JobRunner::cancel()
{
    if (m_state)
        m_state->ctx.cancel();
}

void JobRunner::waitForFinished()
{
    for (QFuture<void>& f : m_futures)
        f.waitForFinished();
    m_futures.clear();
}

} // namespace unclouded::ui
