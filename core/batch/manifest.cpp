#include "core/batch/manifest.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <sys/types.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSysInfo>

#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/common/paths.h"
#include "core/io/product.h"
#include "core/io/rasterwriter.h"

namespace unclouded::batch {

namespace {

const QString kKeyTag = QStringLiteral("UNCLOUDED_JOB");

// The columns a manifest may have; anything else is a typo worth refusing.
const QStringList kColumns = { QStringLiteral("id"), QStringLiteral("product"), QStringLiteral("out"),
    QStringLiteral("method"), QStringLiteral("reference"), QStringLiteral("reference_mask"),
    QStringLiteral("reference_scl"), QStringLiteral("scl"), QStringLiteral("mask"), QStringLiteral("classes"),
    QStringLiteral("dilate"), QStringLiteral("aoi"), QStringLiteral("format"), QStringLiteral("compress"),
    QStringLiteral("float32"), QStringLiteral("window"), QStringLiteral("overlap") };

using Row = QHash<QString, QStringList>; // column -> values (several for the list columns)

// The columns that take several values: other dates and their masks (one per date, '' for a date
// with its own classes), and aoi as [x, y, w, h] in JSON.
bool isListColumn(const QString& c)
{
    return c == QLatin1String("reference") || c == QLatin1String("reference_mask")
        || c == QLatin1String("reference_scl") || c == QLatin1String("aoi");
}

// RFC 4180: fields separated by commas, quoted with "" when they hold commas, quotes or newlines.
QStringList splitCsv(const QString& line, bool& ok)
{
    QStringList fields;
    QString f;
    bool quoted = false;
    ok = true;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                f += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                f += c;
            }
        } else if (c == QLatin1Char('"') && f.trimmed().isEmpty()) {
            f.clear();
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            fields << f.trimmed();
            f.clear();
        } else {
            f += c;
        }
    }
    ok = !quoted;
    fields << f.trimmed();
    return fields;
}

QString jsonText(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    return {};
}

// The keys of a JSON object's text, as written (QJsonDocument keeps only the last of a repeated key).
QStringList objectKeys(const QByteArray& text)
{
    QStringList keys;
    int depth = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == '"') {
            const qsizetype start = i;
            for (++i; i < text.size() && text[i] != '"'; ++i)
                if (text[i] == '\\')
                    ++i;
            qsizetype next = i + 1;
            while (next < text.size() && QChar::isSpace(uchar(text[next])))
                ++next;
            if (depth == 1 && next < text.size() && text[next] == ':')
                keys << QJsonDocument::fromJson("[" + text.mid(start, i - start + 1) + "]")
                            .array()
                            .at(0)
                            .toString();
        }
    }
    return keys;
}

QList<std::pair<int, Row>> readRows(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("Cannot read the manifest %1: %2").arg(path, f.errorString()));
    if (f.size() > 64 * 1024 * 1024)
        throw Error(QStringLiteral("The manifest %1 is larger than 64 MiB: split it").arg(path));
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    auto where = [&](int line) { return QStringLiteral("%1 line %2").arg(path).arg(line); };
    QList<std::pair<int, Row>> rows;
    QStringList header;
    bool jsonLines = false, first = true;
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (first) {
            first = false;
            jsonLines = line.startsWith(QLatin1Char('{'));
            if (line.startsWith(QLatin1Char('[')))
                throw Error(QStringLiteral("%1: a JSON list; a manifest in JSON is one object per line "
                                           "({\"product\": ..., \"out\": ...}), not a list")
                                .arg(where(i + 1)));
            if (!jsonLines) {
                bool ok;
                header = splitCsv(line, ok);
                for (QString& h : header)
                    h = h.toLower();
                for (const QString& h : header) {
                    if (!kColumns.contains(h))
                        throw Error(QStringLiteral("%1: unknown column '%2' (known: %3)")
                                        .arg(where(i + 1), h, kColumns.join(QLatin1String(", "))));
                    if (header.count(h) > 1) // the last one would win, the others dropped silently
                        throw Error(
                            QStringLiteral("%1: the column '%2' is given twice (several other dates go "
                                           "in one reference column, separated by ;)")
                                .arg(where(i + 1), h));
                }
                if (!header.contains(QStringLiteral("product")) || !header.contains(QStringLiteral("out")))
                    throw Error(
                        QStringLiteral("%1: the header needs the columns product and out").arg(where(i + 1)));
                continue;
            }
        }
        Row row;
        if (jsonLines) {
            QJsonParseError pe;
            const QJsonDocument d = QJsonDocument::fromJson(line.toUtf8(), &pe);
            if (!d.isObject())
                throw Error(QStringLiteral("%1: not a JSON object (%2)").arg(where(i + 1), pe.errorString()));
            const QJsonObject o = d.object();
            const QStringList keys = objectKeys(line.toUtf8());
            for (const QString& k : keys)
                if (keys.count(k) > 1) // the last one would win, the others dropped silently
                    throw Error(QStringLiteral("%1: the key '%2' is given twice%3")
                                    .arg(where(i + 1), k,
                                        isListColumn(k) ? QStringLiteral(" (several values go in one list)")
                                                        : QString()));
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (!kColumns.contains(it.key()))
                    throw Error(QStringLiteral("%1: unknown key '%2' (known: %3)")
                                    .arg(where(i + 1), it.key(), kColumns.join(QLatin1String(", "))));
                if (it->isNull())
                    continue; // null: the key is not set
                // Only the list columns take a list; an object, a nested list or a null inside one is a
                // mistake in the manifest, not an empty value.
                const bool list = isListColumn(it.key());
                auto scalar = [&](const QJsonValue& v) {
                    if (v.isObject() || v.isArray() || v.isNull() || v.isUndefined())
                        throw Error(QStringLiteral("%1: '%2' must be %3, not %4")
                                        .arg(where(i + 1), it.key(),
                                            list ? QStringLiteral("a string or a list of them")
                                                 : QStringLiteral("a string, a number or true/false"),
                                            v.isObject()      ? QStringLiteral("an object")
                                                : v.isArray() ? QStringLiteral("a list")
                                                              : QStringLiteral("null")));
                    return jsonText(v);
                };
                QStringList values;
                if (it->isArray() && list) {
                    for (const QJsonValue& v : it->toArray())
                        values << scalar(v);
                    if (it.key() == QLatin1String("aoi")) // [x, y, w, h]
                        values = { values.join(QLatin1Char(',')) };
                } else {
                    values << scalar(*it);
                }
                row.insert(it.key(), values);
            }
        } else {
            bool ok;
            const QStringList fields = splitCsv(line, ok);
            if (!ok)
                throw Error(QStringLiteral("%1: a quote is not closed").arg(where(i + 1)));
            if (fields.size() != header.size())
                throw Error(QStringLiteral("%1: %2 fields, but the header has %3")
                                .arg(where(i + 1))
                                .arg(fields.size())
                                .arg(header.size()));
            for (int c = 0; c < header.size(); ++c)
                if (!fields[c].isEmpty())
                    row.insert(header[c],
                        header[c] == QLatin1String("reference")
                            ? fields[c].split(QLatin1Char(';'), Qt::SkipEmptyParts)
                            // a mask per date, in their order: an empty one is a date's own classes
                            : header[c].startsWith(QLatin1String("reference_"))
                            ? fields[c].split(QLatin1Char(';'))
                            : QStringList { fields[c] });
        }
        rows.append({ i + 1, row });
    }
    return rows;
}

// A yes / no column: true, 1, yes or false, 0, no (empty: no); anything else is a typo, refused
// rather than read as no.
bool isTrue(const QString& v, const QString& where, const char* column)
{
    const QString t = v.trimmed().toLower();
    if (t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("yes"))
        return true;
    if (t.isEmpty() || t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("no"))
        return false;
    throw Error(QStringLiteral("%1: %2 is \"%3\": true or false (yes / no, 1 / 0)")
                    .arg(where, QLatin1String(column), v.trimmed()));
}

QString shellQuote(const QString& s)
{
    QString q = s;
    q.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

} // namespace

QStringList Job::commandArgs() const
{
    return QStringList { QStringLiteral("reconstruct") } + args
        + QStringList { QStringLiteral("--tag"), kKeyTag + QLatin1Char('=') + key };
}

Manifest Manifest::load(const QString& path, const QString& stateDir)
{
    Manifest m;
    m.path = QFileInfo(path).absoluteFilePath();
    m.stateDir
        = stateDir.isEmpty() ? m.path + QStringLiteral(".batch") : QFileInfo(stateDir).absoluteFilePath();
    const QDir base = QFileInfo(m.path).absoluteDir();
    auto file = [&](const QString& p) { return QDir::cleanPath(base.absoluteFilePath(p)); };
    QHash<QString, int> outputs; // canonical output -> line
    for (const auto& [line, row] : readRows(m.path)) {
        const QString where = QStringLiteral("%1 line %2").arg(m.path).arg(line);
        auto one = [&](const char* column) { return row.value(QLatin1String(column)).value(0); };
        Job job;
        job.index = int(m.jobs.size());
        job.line = line;
        job.product = one("product").isEmpty() ? QString() : file(one("product"));
        job.out = one("out").isEmpty() ? QString() : file(one("out"));
        if (job.product.isEmpty() || job.out.isEmpty())
            throw Error(QStringLiteral("%1: every job needs a product and an out").arg(where));
        job.id = one("id").isEmpty() ? QFileInfo(job.out).completeBaseName() : one("id");
        job.args << job.product;
        job.inputs << job.product;
        QString method = one("method").isEmpty() ? QStringLiteral("telea") : one("method");
        if (method.contains(QLatin1Char('/')) || method.endsWith(QLatin1String(".pth"))) {
            method = file(method); // a checkpoint
            job.inputs << method;
        }
        job.args << QStringLiteral("--method") << method;
        const QStringList refs = row.value(QStringLiteral("reference"));
        for (const QString& r : refs) {
            job.args << QStringLiteral("--reference") << file(r);
            job.inputs << file(r);
        }
        // The clouds of references without classes of their own (GeoTIFFs), one per reference.
        // A column whose entries are all empty ("", [], [""]) is not set, as an empty CSV cell.
        auto given = [&](const char* column) {
            const QStringList v = row.value(QLatin1String(column));
            return std::any_of(v.begin(), v.end(), [](const QString& m) { return !m.trimmed().isEmpty(); });
        };
        if (given("reference_mask") && given("reference_scl"))
            throw Error(QStringLiteral("%1: give reference_mask or reference_scl, not both").arg(where));
        for (const char* column : { "reference_mask", "reference_scl" }) {
            const QStringList masks = row.value(QLatin1String(column));
            if (!given(column))
                continue;
            if (masks.size() != refs.size())
                throw Error(QStringLiteral("%1: %2 %3 for %4 reference(s): one per reference, in their order "
                                           "('' for a date with its own classes)")
                                .arg(where)
                                .arg(masks.size())
                                .arg(QLatin1String(column))
                                .arg(refs.size()));
            const QString option = QStringLiteral("--%1").arg(QString::fromLatin1(column).replace('_', '-'));
            for (const QString& mask : masks) {
                const QString m = mask.trimmed();
                job.args << option << (m.isEmpty() ? QString() : file(m));
                if (!m.isEmpty())
                    job.inputs << maskFilePart(file(m));
            }
        }
        for (const char* maskColumn : { "scl", "mask" })
            if (!one(maskColumn).isEmpty()) {
                job.args << QStringLiteral("--%1").arg(QLatin1String(maskColumn)) << file(one(maskColumn));
                job.inputs << maskFilePart(file(one(maskColumn))); // without "#hidden=...": the file
            }
        for (const char* plain : { "classes", "dilate", "aoi", "format", "compress", "window", "overlap" })
            if (!one(plain).isEmpty())
                job.args << QStringLiteral("--%1").arg(QLatin1String(plain)) << one(plain);
        if (isTrue(one("float32"), where, "float32"))
            job.args << QStringLiteral("--float32");
        job.args << QStringLiteral("--out") << job.out;

        // Never write over what a job reads, nor two jobs over one file.
        // Nor over the manifest and the batch's own state and logs (the folder may not exist yet).
        QList<RolePath> inputs { { QStringLiteral("the manifest"), m.path } };
        for (const QString& in : job.inputs)
            inputs.append({ QStringLiteral("file"), in });
        if (const QString clash
            = outputClash({ { QStringLiteral("the output"), job.out },
                              { QStringLiteral("the output's sidecar"), maskSidecarPath(job.out) } },
                inputs);
            !clash.isEmpty())
            throw Error(QStringLiteral("%1: %2").arg(where, clash));
        // Files directly in it are the batch's (job-NNNN.json / .log / .lock, the Slurm scripts); a
        // --state folder above the outputs' folders is fine.
        for (const QString& o : { job.out, maskSidecarPath(job.out) })
            if (const QFileInfo fi(o);
                fi.absolutePath() == m.stateDir || samePath(fi.absolutePath(), m.stateDir))
                throw Error(
                    QStringLiteral("%1: the output %2 would be written in the batch's state folder %3")
                        .arg(where, job.out, m.stateDir));
        // The state folder (--state) holds job files: never inside a job's input (a SAFE folder).
        for (const QString& in : job.inputs)
            if (samePath(m.stateDir, in) || pathInside(m.stateDir, in))
                throw Error(
                    QStringLiteral("%1: the batch's state folder %2 would be written inside the input %3")
                        .arg(where, m.stateDir, in));
        // Compared resolved (a symlinked folder is the same folder before either output exists), and
        // with each job's mask sidecar: one job's output must not be another's sidecar.
        const QString out = resolvedPath(job.out), sidecar = resolvedPath(maskSidecarPath(job.out));
        for (const QString& o : { out, sidecar })
            if (outputs.contains(o))
                throw Error(QStringLiteral("%1: the output %2 %3 line %4")
                                .arg(where, job.out,
                                    o == out ? QStringLiteral("is also written by")
                                             : QStringLiteral("has its mask sidecar written by"))
                                .arg(outputs.value(o)));
        outputs.insert(out, line);
        outputs.insert(sidecar, line);

        // The key: the options, and each input's size and time (a replaced input is new work).
        QCryptographicHash h(QCryptographicHash::Sha1);
        h.addData(job.args.join(QLatin1Char('\n')).toUtf8());
        for (const QString& in : job.inputs) {
            const QFileInfo fi(in);
            h.addData(QStringLiteral("\n%1 %2 %3")
                          .arg(in)
                          .arg(fi.size())
                          .arg(fi.lastModified().toMSecsSinceEpoch())
                          .toUtf8());
        }
        job.key = QString::fromLatin1(h.result().toHex().left(20));
        m.jobs << job;
    }
    if (m.jobs.isEmpty())
        throw Error(QStringLiteral("The manifest %1 holds no job").arg(m.path));
    return m;
}

QString stateFolderError(const Manifest& m)
{
    const QFileInfo fi(m.stateDir);
    if (fi.exists() && !fi.isDir())
        return QStringLiteral("The batch state folder %1 is a file: --state DIR names a folder for the jobs' "
                              "state and logs")
            .arg(m.stateDir);
    return QStringLiteral("Cannot create the batch state folder %1 (a read-only folder? --state DIR puts the "
                          "state and logs elsewhere)")
        .arg(m.stateDir);
}

QString Manifest::statePath(const Job& job) const
{
    return QDir(stateDir).filePath(QStringLiteral("job-%1.json").arg(job.index, 4, 10, QLatin1Char('0')));
}

QString Manifest::logPath(const Job& job) const
{
    return QDir(stateDir).filePath(QStringLiteral("job-%1.log").arg(job.index, 4, 10, QLatin1Char('0')));
}

QString statusName(Status s)
{
    switch (s) {
    case Status::Pending:
        return QStringLiteral("pending");
    case Status::Running:
        return QStringLiteral("running");
    case Status::Done:
        return QStringLiteral("done");
    case Status::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

bool outputComplete(const Job& job)
{
    if (!QFileInfo::exists(job.out) || !QFileInfo::exists(maskSidecarPath(job.out)))
        return false;
    return readRasterTags(job.out).value(kKeyTag) == job.key;
}

JobState readState(const Manifest& m, const Job& job)
{
    JobState s;
    QFile f(m.statePath(job));
    QJsonObject o;
    if (f.open(QIODevice::ReadOnly))
        o = QJsonDocument::fromJson(f.read(1 << 20)).object();
    const bool same = o.value(QStringLiteral("key")).toString() == job.key;
    if (same) {
        s.message = o.value(QStringLiteral("message")).toString();
        s.seconds = o.value(QStringLiteral("seconds")).toDouble();
        s.host = o.value(QStringLiteral("host")).toString();
        s.pid = o.value(QStringLiteral("pid")).toInteger();
        s.finished = QDateTime::fromString(o.value(QStringLiteral("finished")).toString(), Qt::ISODate);
    }
    if (outputComplete(job)) {
        s.status = Status::Done;
        s.message.clear();
        return s;
    }
    if (!same)
        return JobState {};
    const QString status = o.value(QStringLiteral("status")).toString();
    if (status == QLatin1String("failed")) {
        s.status = Status::Failed;
    } else if (status == QLatin1String("running")) {
        // A batch killed with SIGKILL leaves "running": on this host, a gone process means pending.
        const bool gone = s.host == QSysInfo::machineHostName() && s.pid > 0 && ::kill(pid_t(s.pid), 0) != 0
            && errno == ESRCH;
        s.status = gone ? Status::Pending : Status::Running;
        if (gone)
            s.message = QStringLiteral("its batch process was killed");
    }
    return s;
}

void writeState(const Manifest& m, const Job& job, const JobState& s)
{
    if (!QDir().mkpath(m.stateDir))
        throw Error(stateFolderError(m));
    const QJsonObject o { { QStringLiteral("format"), QStringLiteral("unclouded-batch-job") },
        { QStringLiteral("version"), 1 }, { QStringLiteral("index"), job.index },
        { QStringLiteral("id"), job.id }, { QStringLiteral("key"), job.key },
        { QStringLiteral("output"), job.out }, { QStringLiteral("status"), statusName(s.status) },
        { QStringLiteral("message"), s.message }, { QStringLiteral("seconds"), s.seconds },
        { QStringLiteral("host"), s.host }, { QStringLiteral("pid"), s.pid },
        { QStringLiteral("finished"), s.finished.isValid() ? s.finished.toString(Qt::ISODate) : QString() } };
    writeFileAtomically(m.statePath(job), QJsonDocument(o).toJson(QJsonDocument::Indented));
}

QString emitSlurm(const Manifest& m, const QList<int>& indices, const SlurmOptions& o, const QString& cli)
{
    if (indices.isEmpty())
        throw Error(QStringLiteral("Every job of %1 is done: nothing to submit").arg(m.path));
    if (o.cpus < 1 || o.cpus > 1024 || o.limit < 0)
        throw Error(QStringLiteral("--cpus must be 1 to 1024 and --limit 0 or more"));
    for (const QString& v : { o.partition, o.time, o.mem })
        if (v.contains(QRegularExpression(QStringLiteral("[\\s'\"$`\\\\]"))))
            throw Error(QStringLiteral("'%1' is not a valid Slurm value").arg(v));
    if (!QDir().mkpath(m.stateDir))
        throw Error(stateFolderError(m));
    const QDir state(m.stateDir);
    QString head
        = QStringLiteral("#!/bin/bash\n# Written by unclouded-cli batch --emit-slurm for %1\n").arg(m.path);
    QString opts;
    if (!o.partition.isEmpty())
        opts += QStringLiteral("#SBATCH --partition=%1\n").arg(o.partition);
    if (!o.time.isEmpty())
        opts += QStringLiteral("#SBATCH --time=%1\n").arg(o.time);
    const QString run = QStringLiteral("%1 batch %2 --state %3")
                            .arg(shellQuote(cli), shellQuote(m.path), shellQuote(m.stateDir));
    // The logs' paths and the array go on sbatch's command line (submit.sh), not in #SBATCH lines:
    // a state folder with a space in its path breaks a directive.
    const QString array = state.filePath(QStringLiteral("batch.sbatch"));
    writeFileAtomically(array,
        (head
            + QStringLiteral(
                "# One array task per job; each runs `unclouded-cli reconstruct` with the job's options.\n"
                "# Submitted by submit.sh beside it, which sets the array and the logs.\n")
            + QStringLiteral("#SBATCH --job-name=unclouded-batch\n")
            + QStringLiteral("#SBATCH --cpus-per-task=%1\n").arg(o.cpus) + opts
            + (o.mem.isEmpty() ? QString() : QStringLiteral("#SBATCH --mem=%1\n").arg(o.mem))
            + QStringLiteral("export UNCLOUDED_THREADS=\"${SLURM_CPUS_PER_TASK:-%1}\"\n").arg(o.cpus)
            + QStringLiteral("export OMP_NUM_THREADS=\"$UNCLOUDED_THREADS\"\n")
            // Submitted without submit.sh (no array): said, rather than job 0 run alone.
            + QStringLiteral(
                ": \"${SLURM_ARRAY_TASK_ID:?submit it with submit.sh beside it, which sets the array}\"\n")
            + QStringLiteral(
                "exec %1 --job-index \"$(( ${UNCLOUDED_ARRAY_BASE:-0} + SLURM_ARRAY_TASK_ID ))\"\n")
                  .arg(run))
            .toUtf8());
    const QString summary = state.filePath(QStringLiteral("summary.sbatch"));
    writeFileAtomically(summary,
        (head
            + QStringLiteral(
                "# Runs after every array task has ended (afterany): the table of what finished.\n")
            + QStringLiteral("#SBATCH --job-name=unclouded-batch-summary\n")
            + QStringLiteral("#SBATCH --cpus-per-task=1\n") + opts
            + QStringLiteral("exec %1 --summary\n").arg(run))
            .toUtf8());
    // Slurm refuses array task ids from its MaxArraySize on (1001 by default): the jobs go in blocks
    // of that many, each an array of ids from 0 whose tasks add the block's start back.
    QStringList todo;
    QList<int> sorted = indices;
    std::sort(sorted.begin(), sorted.end());
    for (int i : sorted)
        todo << QString::number(i);
    const QString submit = state.filePath(QStringLiteral("submit.sh"));
    writeFileAtomically(submit,
        (head
            + QStringLiteral(
                "# Submits batch.sbatch as job arrays whose task ids stay below the cluster's\n"
                "# MaxArraySize, then summary.sbatch once every one of them has ended. With --limit\n"
                "# each array waits for the one before, so the limit holds for the whole batch.\n"
                "set -euo pipefail\n"
                "state=%1\n"
                "logs=${state//%/%%} # sbatch reads a percent sign in --output as a pattern\n"
                "jobs=(%2)\n"
                "limit=%3\n"
                "max=$(scontrol show config 2>/dev/null | sed -n 's/^MaxArraySize *= "
                "*\\([0-9]*\\).*/\\1/p' || true)\n"
                "[[ $max =~ ^[1-9][0-9]*$ ]] || max=1001 # scontrol unreachable: Slurm's default\n"
                "deps= spec= start= prev= base=-1 last=\n"
                "flush() { if [ -n \"$start\" ]; then spec=\"${spec:+$spec,}$start-$prev\"; start=; fi; }\n"
                "send() {\n"
                "  flush\n"
                "  [ -n \"$spec\" ] || return 0\n"
                "  after=()\n"
                "  if [ -n \"$limit\" ] && [ -n \"$last\" ]; then after=(--dependency=\"afterany:$last\"); "
                "fi\n"
                "  jid=$(sbatch --parsable --array=\"$spec$limit\" --output=\"$logs/slurm-%A_%a.out\" \\\n"
                "    --export=\"ALL,UNCLOUDED_ARRAY_BASE=$base\" ${after[@]+\"${after[@]}\"} "
                "\"$state/batch.sbatch\")\n"
                "  echo \"array job ${jid%%;*}: tasks $spec (manifest jobs from $base)\"\n"
                "  last=${jid%%;*}\n"
                "  deps=\"$deps:${jid%%;*}\" spec=\n"
                "}\n"
                "for j in \"${jobs[@]}\"; do\n"
                "  b=$(( j / max * max )) t=$(( j % max ))\n"
                "  if [ \"$b\" -ne \"$base\" ]; then send; base=$b; fi\n"
                "  if [ -n \"$start\" ] && [ \"$t\" -eq $(( prev + 1 )) ]; then prev=$t; else flush; "
                "start=$t prev=$t; fi\n"
                "done\n"
                "send\n"
                "jid=$(sbatch --parsable --dependency=\"afterany$deps\" --output=\"$logs/summary.txt\" \\\n"
                "  \"$state/summary.sbatch\")\n"
                "echo \"summary job ${jid%%;*}: $state/summary.txt\"\n")
                  .arg(shellQuote(m.stateDir), todo.join(QLatin1Char(' ')),
                      o.limit > 0 ? QStringLiteral("%%1").arg(o.limit) : QStringLiteral("''")))
            .toUtf8());
    for (const QString& f : { array, summary, submit })
        QFile::setPermissions(f, QFile::permissions(f) | QFileDevice::ExeOwner | QFileDevice::ExeGroup);
    return QStringLiteral("bash %1").arg(shellQuote(submit));
}

} // namespace unclouded::batch
