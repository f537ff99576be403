// GDAL helpers shared by the tests that write rasters through GDAL's own utilities.
#pragma once

#include <gdal.h>
#include <gdal_utils.h>
#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace testutil {

// ARGS as the null-terminated argv GDAL's utilities take; `bytes` keeps the strings.
inline std::vector<char*> argvOf(const QStringList& args, std::vector<QByteArray>& bytes)
{
    for (const QString& a : args)
        bytes.push_back(a.toUtf8());
    std::vector<char*> argv;
    for (QByteArray& b : bytes)
        argv.push_back(b.data());
    argv.push_back(nullptr);
    return argv;
}

// gdal_translate ARGS SRC DST through the C API; false when it fails.
inline bool gdalTranslate(const QString& src, const QString& dst, const QStringList& args)
{
    GDALDatasetH in = GDALOpen(src.toUtf8().constData(), GA_ReadOnly);
    if (!in)
        return false;
    std::vector<QByteArray> bytes;
    std::vector<char*> argv = argvOf(args, bytes);
    GDALTranslateOptions* opt = GDALTranslateOptionsNew(argv.data(), nullptr);
    GDALDatasetH out = opt ? GDALTranslate(dst.toUtf8().constData(), in, opt, nullptr) : nullptr;
    GDALTranslateOptionsFree(opt);
    const bool ok = out != nullptr;
    if (out) // first: a VRT written holds a reference to `in`
        GDALClose(out);
    GDALClose(in);
    return ok;
}

// gdalwarp ARGS SRC DST through the C API; false when it fails.
inline bool gdalWarp(const QString& src, const QString& dst, const QStringList& args)
{
    GDALDatasetH in = GDALOpen(src.toUtf8().constData(), GA_ReadOnly);
    if (!in)
        return false;
    std::vector<QByteArray> bytes;
    std::vector<char*> argv = argvOf(args, bytes);
    GDALWarpAppOptions* opt = GDALWarpAppOptionsNew(argv.data(), nullptr);
    GDALDatasetH out = opt ? GDALWarp(dst.toUtf8().constData(), nullptr, 1, &in, opt, nullptr) : nullptr;
    GDALWarpAppOptionsFree(opt);
    const bool ok = out != nullptr;
    if (out) // first: a VRT written holds a reference to `in`
        GDALClose(out);
    GDALClose(in);
    return ok;
}

// gdal_translate -srcwin X Y W H SRC DST: a window of a raster, georeferenced where it lies.
inline bool cutWindow(const QString& src, const QString& dst, int x, int y, int w, int h)
{
    return gdalTranslate(src, dst,
        { QStringLiteral("-srcwin"), QString::number(x), QString::number(y), QString::number(w),
            QString::number(h) });
}

} // namespace testutil
