// Whether two paths name one file, and the check every front end makes before writing: no output
// over an input (or inside an input folder, a SAFE product), no two outputs on one file.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace unclouded {

// One canonical path (symlinks, ./, ..; for a file not yet there, its nearest existing folder
// resolved) or, for existing files, one device and inode (hard links).
bool samePath(const QString& a, const QString& b);

// path is dir or lies below it (dir an existing folder).
bool pathInside(const QString& path, const QString& dir);

// The canonical path (symlinks, ./, ..); for a path not there yet, its nearest existing folder's
// canonical path and the rest: two outputs through a symlinked folder compare equal before either exists.
QString resolvedPath(const QString& path);

// The files read together with an input file, by its type: a shapefile's .dbf, .shx, .prj..., a
// raster's .aux.xml, .ovr or world file, a GeoTIFF's .mask.tif (a reconstruction's sidecar), an ENVI
// .img's .hdr. Writing over one damages the input.
QStringList companionFiles(const QString& input);

// A path and what it is to the user ("--out", "PRODUCT"), for messages.
struct RolePath
{
    QString role, path;
};

// Empty when no output lands on an input, one of its companion files, inside an input folder or on
// another output; else a message naming both. Empty paths and "-" (stdout) are skipped; an input
// MTD_MSIL*.xml stands for its SAFE folder, an input FILE#options (a mask path) for FILE.
QString outputClash(const QList<RolePath>& outputs, const QList<RolePath>& inputs);

} // namespace unclouded
