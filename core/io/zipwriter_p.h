// Minimal, deterministic ZIP writer (stored entries, fixed timestamps) for SAFE products:
// JP2 data is already compressed, and fixed times keep same-seed outputs byte-identical.
#pragma once

#include <QDateTime>
#include <QString>

namespace unclouded::io {

// Writes every file under `dir` into `zipPath` as "<dir name>/<relative path>", sorted by name.
// Written to a temporary name and renamed when complete; throws Error on failure.
void zipDirectory(const QString& dir, const QString& zipPath, const QDateTime& timestamp);

} // namespace unclouded::io
