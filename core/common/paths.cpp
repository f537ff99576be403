#include "core/common/paths.h"

#include <sys/stat.h>

#include <QDir>
#include <QFileInfo>

namespace unclouded {

QString resolvedPath(const QString& path)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    if (const QString c = QFileInfo(abs).canonicalFilePath(); !c.isEmpty())
        return c;
    QString head = abs, rest;
    while (true) {
        const int slash = head.lastIndexOf(QLatin1Char('/'));
        if (slash <= 0)
            return QDir::cleanPath(abs);
        rest = head.mid(slash) + rest;
        head = head.left(slash);
        if (const QString c = QFileInfo(head).canonicalFilePath(); !c.isEmpty())
            return QDir::cleanPath(c + rest);
    }
}

namespace {

bool sameInode(const QString& a, const QString& b)
{
    struct stat sa, sb;
    return ::stat(QFile::encodeName(a).constData(), &sa) == 0
        && ::stat(QFile::encodeName(b).constData(), &sb) == 0 && sa.st_dev == sb.st_dev
        && sa.st_ino == sb.st_ino;
}

bool skipped(const QString& path)
{
    return path.isEmpty() || path == QLatin1String("-");
}

// An input given as FILE#options (a mask path: "m.tif#above=0.4", "q.tif#band=2;bits=10") is FILE.
QString inputFile(const QString& path)
{
    const int hash = path.lastIndexOf(QLatin1Char('#'));
    if (hash <= 0 || QFileInfo::exists(path) || !QFileInfo::exists(path.left(hash)))
        return path;
    return path.left(hash);
}

} // namespace

QStringList companionFiles(const QString& input)
{
    const QFileInfo fi(input);
    if (!fi.isFile())
        return {};
    const QString whole = fi.absoluteFilePath();
    const QString stem = fi.absolutePath() + QLatin1Char('/') + fi.completeBaseName();
    const QString ext = fi.suffix().toLower();
    QStringList out { whole + QStringLiteral(".aux.xml") }; // GDAL's side file of any raster
    auto add = [&](const QString& base, std::initializer_list<const char*> endings) {
        for (const char* e : endings) // P.SHP beside P.DBF as well (file names are case-sensitive here)
            out << base + QLatin1String(e) << base + QString::fromLatin1(e).toUpper();
    };
    if (ext == QLatin1String("shp")) {
        add(stem, { ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qmd" });
        add(whole, { ".xml" });
    } else if (ext == QLatin1String("tif") || ext == QLatin1String("tiff")) {
        add(stem, { ".mask.tif", ".tfw", ".wld" }); // a reconstruction's sidecar, world files
        add(whole, { ".ovr", ".msk" });
    } else if (ext == QLatin1String("jp2")) {
        add(stem, { ".j2w", ".wld" });
    } else if (ext == QLatin1String("img")) {
        add(stem, { ".hdr" });
    } else if (ext == QLatin1String("pth") || ext == QLatin1String("pt")) {
        // A checkpoint's description (its bands and normalisation: the weights are useless without
        // it) and optimizer state.
        out << whole + QStringLiteral(".json") << whole + QStringLiteral(".optim");
    }
    return out;
}

bool samePath(const QString& a, const QString& b)
{
    return resolvedPath(a) == resolvedPath(b) || sameInode(a, b);
}

bool pathInside(const QString& path, const QString& dir)
{
    if (!QFileInfo(dir).isDir())
        return false;
    // Every ancestor, so a bind mount or a symlinked folder is still seen as the same folder.
    for (QString p = resolvedPath(path);; p = QFileInfo(p).path()) {
        if (samePath(p, dir))
            return true;
        if (p == QLatin1String("/") || p.isEmpty())
            return false;
    }
}

QString outputClash(const QList<RolePath>& outputs, const QList<RolePath>& inputs)
{
    for (int o = 0; o < outputs.size(); ++o) {
        const RolePath& out = outputs[o];
        if (skipped(out.path))
            continue;
        for (const RolePath& given : inputs) {
            if (skipped(given.path))
                continue;
            const RolePath in { given.role, inputFile(given.path) };
            const QFileInfo fi(in.path);
            // A SAFE product given by its metadata file is the whole folder.
            const QString folder = fi.isFile() && fi.fileName().startsWith(QLatin1String("MTD_MSIL"))
                ? fi.absolutePath()
                : in.path;
            if (samePath(out.path, in.path))
                return QStringLiteral("%1 %2 would overwrite the input %3 %4")
                    .arg(out.role, out.path, in.role, in.path);
            if (pathInside(out.path, folder))
                return QStringLiteral("%1 %2 would be written inside the input %3 %4")
                    .arg(out.role, out.path, in.role, in.path);
        }
        // Then the files read with an input (an input named outright is the better message).
        for (const RolePath& in : inputs)
            for (const QString& part : skipped(in.path) ? QStringList() : companionFiles(inputFile(in.path)))
                if (samePath(out.path, part))
                    return QStringLiteral("%1 %2 would overwrite %3, read with the input %4 %5")
                        .arg(out.role, out.path, QFileInfo(part).fileName(), in.role, in.path);
        for (int e = 0; e < o; ++e)
            if (!skipped(outputs[e].path) && samePath(out.path, outputs[e].path))
                return QStringLiteral("%1 %2 and %3 %4 are the same file")
                    .arg(outputs[e].role, outputs[e].path, out.role, out.path);
    }
    return {};
}

} // namespace unclouded
