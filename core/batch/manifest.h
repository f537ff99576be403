// Batches of reconstructions: a manifest (CSV with a header, or JSON lines) of jobs, each one
// `unclouded-cli reconstruct` run; per-job state files so that a batch, a killed batch or a Slurm
// job array can be resumed and summarised; Slurm job-array scripts. docs/SCALE_OUT.md documents the
// manifest. A job is done when its output exists and carries the job's key (a hash of its inputs
// and options), so finished work is never redone and changed work always is.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace unclouded::batch {

struct Job
{
    int index = 0; // 0-based among the jobs (the Slurm array index)
    int line = 0; // line in the manifest, for messages
    QString id; // the "id" column, else the output's base name
    QString product, out; // absolute paths (relative ones are taken from the manifest's folder)
    QStringList inputs; // every file it reads: product, references, masks, checkpoint
    QStringList args; // `reconstruct` arguments, without the key tag
    QString key; // hash of args and of the inputs' sizes and times

    QStringList commandArgs() const; // "reconstruct" + args + the key tag
};

struct Manifest
{
    QString path; // absolute
    QString stateDir; // default: MANIFEST.batch/ beside it
    QList<Job> jobs;

    // Throws Error naming the file, the line and the problem (unknown column, missing product or
    // out, two jobs writing one output, an output that is one of the inputs).
    static Manifest load(const QString& path, const QString& stateDir = {});
    QString statePath(const Job& job) const; // job-NNNN.json
    QString logPath(const Job& job) const; // job-NNNN.log
};

enum class Status { Pending, Running, Done, Failed };
QString statusName(Status s);

struct JobState
{
    Status status = Status::Pending;
    QString message; // why it failed
    double seconds = 0;
    QString host;
    qint64 pid = 0;
    QDateTime finished;
};

// The output carries the job's key (and its sidecar mask exists where one is written).
bool outputComplete(const Job& job);
// Done when outputComplete(); otherwise what the state file says for this key (a "running" state
// whose process is gone on this host counts as pending).
JobState readState(const Manifest& m, const Job& job);
// Atomic; creates the state folder. Throws Error.
void writeState(const Manifest& m, const Job& job, const JobState& state);
// "Cannot create the batch state folder ..." with what to do about it (--state).
QString stateFolderError(const Manifest& m);

struct SlurmOptions
{
    QString partition, time, mem; // empty: the cluster's defaults
    int cpus = 2;
    int limit = 0; // at most this many tasks at once (%limit); 0: no limit
};

// Writes STATE/batch.sbatch (a job array over `indices`, one task per job) and
// STATE/summary.sbatch; returns the shell line that submits both, the summary after the array
// (afterany). cli: the unclouded-cli to run on the nodes (shared storage). Throws Error.
QString emitSlurm(const Manifest& m, const QList<int>& indices, const SlurmOptions& o, const QString& cli);

} // namespace unclouded::batch
