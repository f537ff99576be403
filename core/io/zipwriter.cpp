#include <vector>
#include <zlib.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/io/zipwriter_p.h"

namespace unclouded::io {

namespace {

void put16(QByteArray& b, quint16 v)
{
    b.append(static_cast<char>(v & 0xff));
    b.append(static_cast<char>(v >> 8));
}
void put32(QByteArray& b, quint32 v)
{
    put16(b, static_cast<quint16>(v & 0xffff));
    put16(b, static_cast<quint16>(v >> 16));
}

struct Entry
{
    QByteArray name;
    quint32 crc = 0, size = 0, offset = 0;
    bool dir = false;
};

} // namespace

void zipDirectory(const QString& dir, const QString& zipPath, const QDateTime& ts)
{
    const QDir root(dir);
    const QString top = QFileInfo(dir).fileName();
    QStringList files, dirs;
    QDirIterator it(
        dir, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        (it.fileInfo().isDir() ? dirs : files) << root.relativeFilePath(it.filePath());
    }
    QStringList all;
    for (const QString& d : dirs)
        all << d + QLatin1Char('/');
    all << files;
    all.sort();
    all.prepend(QString());

    const quint16 dosTime = static_cast<quint16>(
        (ts.time().hour() << 11) | (ts.time().minute() << 5) | (ts.time().second() / 2));
    const quint16 dosDate
        = static_cast<quint16>(((ts.date().year() - 1980) << 9) | (ts.date().month() << 5) | ts.date().day());

    const QString tmp = atomicTempPath(zipPath);
    QFile out(tmp);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw Error(QStringLiteral("Cannot write %1: %2").arg(zipPath, out.errorString()));
    auto fail = [&](const QString& why) {
        out.close();
        QFile::remove(tmp);
        throw Error(QStringLiteral("Cannot write %1: %2").arg(zipPath, why));
    };
    auto writeAll = [&](const QByteArray& b) {
        if (out.write(b) != b.size())
            fail(out.errorString());
    };

    std::vector<Entry> entries;
    std::vector<char> buf(1 << 20);
    for (const QString& rel : all) {
        Entry e;
        e.dir = rel.isEmpty() || rel.endsWith(QLatin1Char('/'));
        e.name = (top + QLatin1Char('/') + rel).toUtf8();
        if (out.pos() >= 0xffffffffLL) // 0xffffffff itself means "see ZIP64", which this does not write
            fail(QStringLiteral("archives over 4 GiB are not supported"));
        e.offset = static_cast<quint32>(out.pos());
        QByteArray h;
        put32(h, 0x04034b50);
        put16(h, 10); // version needed
        put16(h, 0x0800); // UTF-8 names
        put16(h, 0); // stored
        put16(h, dosTime);
        put16(h, dosDate);
        put32(h, 0); // crc, patched below
        put32(h, 0);
        put32(h, 0);
        put16(h, static_cast<quint16>(e.name.size()));
        put16(h, 0);
        h.append(e.name);
        writeAll(h);
        if (!e.dir) {
            QFile in(root.filePath(rel));
            if (!in.open(QIODevice::ReadOnly))
                fail(in.errorString());
            uLong crc = crc32(0L, Z_NULL, 0);
            qint64 size = 0;
            for (qint64 n; (n = in.read(buf.data(), static_cast<qint64>(buf.size()))) > 0;) {
                crc = crc32(crc, reinterpret_cast<const Bytef*>(buf.data()), static_cast<uInt>(n));
                size += n;
                if (out.write(buf.data(), n) != n)
                    fail(out.errorString());
            }
            if (size > 0xffffffffLL)
                fail(QStringLiteral("files over 4 GiB are not supported"));
            e.crc = static_cast<quint32>(crc);
            e.size = static_cast<quint32>(size);
            const qint64 end = out.pos();
            QByteArray patch;
            put32(patch, e.crc);
            put32(patch, e.size);
            put32(patch, e.size);
            out.seek(qint64(e.offset) + 14); // not in 32 bits: it wrapped to the archive's start near 4 GiB
            writeAll(patch);
            out.seek(end);
        }
        entries.push_back(e);
    }
    const qint64 cdStart = out.pos();
    // The last file may end past 4 GiB (or the count pass 65535): the directory's offset would wrap.
    if (cdStart >= 0xffffffffLL || entries.size() > 0xfffe)
        fail(QStringLiteral("archives over 4 GiB or 65535 entries are not supported"));
    QByteArray cd;
    for (const Entry& e : entries) {
        put32(cd, 0x02014b50);
        put16(cd, 0x031e); // made by: Unix, 3.0
        put16(cd, 10);
        put16(cd, 0x0800);
        put16(cd, 0);
        put16(cd, dosTime);
        put16(cd, dosDate);
        put32(cd, e.crc);
        put32(cd, e.size);
        put32(cd, e.size);
        put16(cd, static_cast<quint16>(e.name.size()));
        put16(cd, 0);
        put16(cd, 0);
        put16(cd, 0);
        put16(cd, 0);
        put32(cd, e.dir ? (040755u << 16) | 0x10 : (0100644u << 16));
        put32(cd, e.offset);
        cd.append(e.name);
    }
    writeAll(cd);
    QByteArray eocd;
    put32(eocd, 0x06054b50);
    put16(eocd, 0);
    put16(eocd, 0);
    put16(eocd, static_cast<quint16>(entries.size()));
    put16(eocd, static_cast<quint16>(entries.size()));
    put32(eocd, static_cast<quint32>(cd.size()));
    put32(eocd, static_cast<quint32>(cdStart));
    put16(eocd, 0);
    writeAll(eocd);
    if (!out.flush())
        fail(out.errorString());
    out.close();
    replaceFileAtomically(tmp, zipPath);
}

} // namespace unclouded::io
