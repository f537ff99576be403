// Deterministic mutation fuzzing of every parser Unclouded owns or feeds (issue #17): the product
// metadata (MTD_MSIL2A.xml, manifest.safe), a product zip, a mask GeoTIFF, a checkpoint's description
// (.json) and its tensors (.pth). Each case mutates a seed file (bit flips, interesting bytes, cut,
// duplicated or removed chunks), opens it through the public API and reads from it. The only
// allowed outcomes are success or an unclouded::Error; anything else (another exception, a crash,
// a hang) is a finding. The seed and case number are printed first, so a crash can be replayed.
//
// Usage: fuzz_inputs WORKDIR SEED_PRODUCT_DIR CHECKPOINT [--seconds S] [--cases N] [--seed K]
//        [--target mtd|manifest|zip|mask|json|pth]
// WORKDIR is scratch space; SEED_PRODUCT_DIR holds a SAFE and its zip made by make-sample --zip.
#include <array>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <random>
#include <unistd.h>

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>

#include "core/common/error.h"
#include "core/common/runtime.h"
#include "core/io/product.h"
#include "core/ml/training.h"

using namespace unclouded;

namespace {

char g_current[512] = "";

void onCrash(int sig)
{
    // Async-signal-safe: write(2) the case that was running, then die with the signal.
    const char head[] = "\nfuzz_inputs: CRASH in case ";
    (void)!write(2, head, sizeof head - 1);
    (void)!write(2, g_current, strlen(g_current));
    (void)!write(2, "\n", 1);
    signal(sig, SIG_DFL);
    raise(sig);
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QByteArray mutate(QByteArray d, std::mt19937_64& rng)
{
    static const char interesting[]
        = { 0, '\xff', '\x7f', '\x80', '<', '>', '"', '&', '-', '9', 'e', '.', ' ' };
    auto pick = [&](size_t n) { return n ? static_cast<qsizetype>(rng() % n) : 0; };
    const int rounds = 1 + static_cast<int>(rng() % 4);
    for (int r = 0; r < rounds && !d.isEmpty(); ++r) {
        switch (rng() % 7) {
        case 0: // flip a bit
            d[pick(d.size())] ^= static_cast<char>(1 << (rng() % 8));
            break;
        case 1: // an interesting byte
            d[pick(d.size())] = interesting[rng() % sizeof interesting];
            break;
        case 2: { // remove a chunk
            const qsizetype at = pick(d.size());
            d.remove(at, 1 + pick(std::min<qsizetype>(256, d.size() - at)));
            break;
        }
        case 3: { // duplicate a chunk
            const qsizetype at = pick(d.size());
            d.insert(pick(d.size()), d.mid(at, 1 + pick(256)));
            break;
        }
        case 4: // cut the tail
            d.truncate(pick(d.size()));
            break;
        case 5: { // a digit run becomes a huge or odd number
            static const char* numbers[] = { "1e308", "-1", "nan", "inf", "99999999999", "0", "-0.0000001" };
            const qsizetype at = pick(d.size());
            d.insert(at, numbers[rng() % 7]);
            break;
        }
        default: { // overwrite a block with noise
            const qsizetype at = pick(d.size());
            for (qsizetype i = at; i < std::min<qsizetype>(d.size(), at + 64); ++i)
                d[i] = static_cast<char>(rng());
            break;
        }
        }
    }
    return d;
}

// Opens the product and reads a little of every band and of its classes: the work a viewer does.
void exercise(const QString& product, const QString& mask = {})
{
    const auto p = Product::open(product, mask, mask.isEmpty() ? MaskKind::None : MaskKind::Scl);
    const int w = std::min(p->width(), 32), h = std::min(p->height(), 32);
    std::vector<float> px(static_cast<size_t>(w) * h * p->info().bands.size());
    QStringList names;
    for (const BandDesc& b : p->info().bands)
        names << b.name;
    p->readScaled(names, { 0, 0, p->width(), p->height() }, w, h, px.data());
    if (p->hasClasses()) {
        std::vector<uint8_t> c(static_cast<size_t>(w) * h);
        p->readClassesScaled({ 0, 0, p->width(), p->height() }, w, h, c.data());
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    auto option = [&](const QString& name, const QString& def) {
        const int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size())
            return def;
        const QString v = args[i + 1];
        args.remove(i, 2);
        return v;
    };
    const double seconds = option(QStringLiteral("--seconds"), QStringLiteral("60")).toDouble();
    const long maxCases = option(QStringLiteral("--cases"), QStringLiteral("1000000")).toLong();
    const quint64 seed = option(QStringLiteral("--seed"), QStringLiteral("1")).toULongLong();
    const QString only = option(QStringLiteral("--target"), QString());
    if (args.size() != 3) {
        fprintf(stderr,
            "usage: fuzz_inputs WORKDIR SEED_PRODUCT_DIR CHECKPOINT [--seconds S] [--cases N] "
            "[--seed K] [--target T]\n");
        return 2;
    }
    for (int s : { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL })
        signal(s, onCrash);
    initializeRuntime();
    const QString work = args[0];
    const QDir seedDir(args[1]);
    const QString checkpoint = args[2];
    const QString safe
        = seedDir.filePath(seedDir.entryList({ QStringLiteral("*.SAFE") }, QDir::Dirs).value(0));
    if (!QFileInfo(safe).isDir() || !QFileInfo::exists(checkpoint)) {
        fprintf(stderr, "fuzz_inputs: no SAFE in the seed folder, or no checkpoint\n");
        return 2;
    }
    QDir(work).removeRecursively();
    // The mutable copy of the product; each case restores the one file it mutates.
    const QString copy = work + QStringLiteral("/p/") + QFileInfo(safe).fileName();
    if (!QDir().mkpath(work + QStringLiteral("/p"))
        || QProcess::execute(QStringLiteral("cp"), { QStringLiteral("-r"), safe, copy }) != 0) {
        fprintf(stderr, "fuzz_inputs: cannot copy the seed product\n");
        return 2;
    }
    const QString zip = work + QStringLiteral("/p.zip");
    const QString zipSeedPath
        = seedDir.filePath(seedDir.entryList({ QStringLiteral("*.zip") }, QDir::Files).value(0));
    QString sclSeedPath;
    for (QDirIterator it(
             safe, { QStringLiteral("*_SCL_20m.jp2") }, QDir::Files, QDirIterator::Subdirectories);
         it.hasNext();)
        sclSeedPath = it.next();
    if (!QFileInfo(zipSeedPath).isFile() || sclSeedPath.isEmpty()) {
        fprintf(stderr,
            "fuzz_inputs: the seed folder needs the product as a zip (make-sample --zip) and its SCL\n");
        return 2;
    }
    const QString mtd = copy + QStringLiteral("/MTD_MSIL2A.xml"),
                  manifest = copy + QStringLiteral("/manifest.safe");
    const QString mask = work + QStringLiteral("/scl.jp2"), ckpt = work + QStringLiteral("/c.pth");
    const QByteArray mtdSeed = readAll(mtd), manifestSeed = readAll(manifest), zipSeed = readAll(zipSeedPath),
                     maskSeed = readAll(sclSeedPath), ckptSeed = readAll(checkpoint),
                     jsonSeed = readAll(checkpoint + QStringLiteral(".json"));

    struct Target
    {
        const char* name;
        std::function<void(std::mt19937_64&)> run;
    };
    const std::vector<Target> targets {
        { "mtd",
            [&](std::mt19937_64& rng) {
                writeAll(mtd, mutate(mtdSeed, rng));
                exercise(copy);
            } },
        { "manifest",
            [&](std::mt19937_64& rng) {
                writeAll(mtd, mtdSeed);
                writeAll(manifest, mutate(manifestSeed, rng));
                exercise(copy);
            } },
        { "zip",
            [&](std::mt19937_64& rng) {
                writeAll(zip, mutate(zipSeed, rng));
                exercise(zip);
            } },
        { "mask",
            [&](std::mt19937_64& rng) {
                writeAll(manifest, manifestSeed);
                writeAll(mask, mutate(maskSeed, rng));
                exercise(copy, mask);
            } },
        { "json",
            [&](std::mt19937_64& rng) {
                writeAll(ckpt, ckptSeed);
                writeAll(ckpt + QStringLiteral(".json"), mutate(jsonSeed, rng));
                ml::readCheckpointInfo(ckpt);
                ml::Network::load(ckpt);
            } },
        { "pth",
            [&](std::mt19937_64& rng) {
                writeAll(ckpt + QStringLiteral(".json"), jsonSeed);
                writeAll(ckpt, mutate(ckptSeed, rng));
                ml::Network::load(ckpt);
            } },
    };
    std::map<std::string, std::array<long, 3>> counts; // accepted, refused, findings
    long findings = 0, n = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (; n < maxCases; ++n) {
        if (std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() > seconds)
            break;
        const Target& t = targets[n % targets.size()];
        if (!only.isEmpty() && only != QLatin1String(t.name))
            continue;
        snprintf(g_current, sizeof g_current, "--seed %llu, case %ld (%s)",
            static_cast<unsigned long long>(seed), n, t.name);
        std::mt19937_64 rng(seed * 1000003ULL + static_cast<quint64>(n));
        auto& c = counts[t.name];
        try {
            t.run(rng);
            ++c[0];
        } catch (const Error&) {
            ++c[1];
        } catch (const std::exception& e) {
            ++c[2];
            ++findings;
            fprintf(stderr, "fuzz_inputs: FINDING in %s: %s escaped as %s\n", g_current, e.what(),
                typeid(e).name());
        }
    }
    printf("%ld cases in %.0f s (seed %llu)\n", n,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
        static_cast<unsigned long long>(seed));
    for (const auto& [name, c] : counts)
        printf("  %-9s accepted %5ld  refused %5ld  findings %ld\n", name.c_str(), c[0], c[1], c[2]);
    return findings ? 1 : 0;
}
