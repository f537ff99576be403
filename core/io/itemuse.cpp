#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <QFile>
#include <QFileInfo>

#include "core/io/itemuse_p.h"

namespace unclouded::io {

namespace {

int openItemJson(const QString& folder)
{
    return ::open(QFile::encodeName(folder + QStringLiteral("/item.json")).constData(), O_RDONLY | O_CLOEXEC);
}

} // namespace

ItemFolderUse::ItemFolderUse(const QString& path)
{
    if (path.isEmpty())
        return;
    const QFileInfo fi(path);
    m_fd = openItemJson(fi.isDir() ? fi.absoluteFilePath() : fi.absolutePath());
    // Not blocking: a removal under way holds it only while it deletes, and the product's reads then
    // fail with a clear message rather than the open waiting.
    if (m_fd >= 0 && ::flock(m_fd, LOCK_SH | LOCK_NB) != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

ItemFolderUse::~ItemFolderUse()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

int lockItemForRemoval(const QString& folder)
{
    const int fd = openItemJson(folder);
    if (fd < 0)
        return -2;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
        return fd;
    const int why = errno;
    ::close(fd);
    return why == EWOULDBLOCK ? -1 : -2;
}

} // namespace unclouded::io
