// A downloaded STAC item's folder in use: readers hold a shared flock on its .item.lock, and
// stac::evictCache (of this process or another, the GUI's or the CLI's) takes an exclusive one
// before it removes anything, so a job never loses the bands it is reading.
#pragma once

#include <QString>

namespace unclouded::io {

class ItemFolderUse
{
public:
    // path: a product's or mask's file or folder; nothing is held unless its folder holds item.json.
    explicit ItemFolderUse(const QString& path);
    ~ItemFolderUse();
    ItemFolderUse(const ItemFolderUse&) = delete;
    ItemFolderUse& operator=(const ItemFolderUse&) = delete;
    bool held() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

// For removal: an open descriptor of the folder's lock file holding an exclusive lock (close it to
// release), -1 while a reader holds it, -2 when no lock can be had (no item.json, a folder that is not
// writable, or no flock there).
int lockItemForRemoval(const QString& folder);

// The file whose flock guards an item folder (made on first use; a removal deletes it last).
QString itemLockPath(const QString& folder);

} // namespace unclouded::io
