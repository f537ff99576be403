#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <QFile>
#include <QFileInfo>

#include "core/io/itemuse_p.h"

namespace unclouded::io {

namespace {

// The lock sits on a file of its own, made on first use: a download that adds to an item replaces
// item.json by a rename, and a lock held on the replaced file would no longer guard the folder.
int openItemLock(const QString& folder)
{
    const QByteArray dir = QFile::encodeName(folder);
    if (::access((dir + "/item.json").constData(), F_OK) != 0)
        return -1; // not an item folder (or no longer one)
    return ::open(QFile::encodeName(itemLockPath(folder)).constData(), O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
}

} // namespace

QString itemLockPath(const QString& folder)
{
    return folder + QStringLiteral("/.item.lock");
}

ItemFolderUse::ItemFolderUse(const QString& path)
{
    if (path.isEmpty())
        return;
    const QFileInfo fi(path);
    m_fd = openItemLock(fi.isDir() ? fi.absoluteFilePath() : fi.absolutePath());
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
    const int fd = openItemLock(folder);
    if (fd < 0)
        return -2;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
        return fd;
    const int why = errno;
    ::close(fd);
    return why == EWOULDBLOCK ? -1 : -2;
}

} // namespace unclouded::io
