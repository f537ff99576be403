// GDAL helpers private to core: RAII handles and error messages that name the file.
#pragma once

#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <memory>

#include <QString>

#include "core/common/error.h"

namespace unclouded::io {

struct DatasetCloser
{
    void operator()(GDALDataset* ds) const
    {
        if (ds)
            GDALClose(GDALDataset::ToHandle(ds));
    }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

// Silences GDAL's stderr output for its lifetime; the last message stays readable.
class QuietGdalErrors
{
public:
    QuietGdalErrors()
    {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
    }
    ~QuietGdalErrors() { CPLPopErrorHandler(); }
    QuietGdalErrors(const QuietGdalErrors&) = delete;
    QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
};

inline QString lastGdalError()
{
    const char* msg = CPLGetLastErrorMsg();
    return (msg && *msg) ? QString::fromUtf8(msg) : QStringLiteral("unknown GDAL error");
}

// Opens a raster or throws an Error naming the file.
inline DatasetPtr openRaster(const QString& path, bool update = false)
{
    QuietGdalErrors quiet;
    const QByteArray utf8 = path.toUtf8();
    const unsigned flags = GDAL_OF_RASTER | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY);
    DatasetPtr ds(GDALDataset::FromHandle(GDALOpenEx(utf8.constData(), flags, nullptr, nullptr, nullptr)));
    if (!ds) {
        // GDAL 3.6 often fails without a message: say what is wrong with the file where we can tell.
        const char* msg = CPLGetLastErrorMsg();
        VSIStatBufL st;
        QString why;
        if (msg && *msg)
            why = QString::fromUtf8(msg);
        else if (VSIStatL(utf8.constData(), &st) != 0)
            why = QStringLiteral("no such file");
        else if (VSI_ISDIR(st.st_mode))
            why = QStringLiteral("it is a folder, not a raster file");
        else if (st.st_size == 0)
            why = QStringLiteral("the file is empty (0 bytes)");
        else
            why = QStringLiteral("not a raster format GDAL can read (damaged, or another kind of file)");
        throw Error(QStringLiteral("Cannot open %1: %2").arg(path, why));
    }
    return ds;
}

inline void checkCpl(CPLErr err, const QString& what)
{
    if (err >= CE_Failure)
        throw Error(QStringLiteral("%1: %2").arg(what, lastGdalError()));
}

// Closes (flushes) a dataset; false when GDAL reported a failure while writing it out.
inline bool closeChecked(DatasetPtr& ds)
{
    CPLErrorReset();
    ds.reset();
    return CPLGetLastErrorType() < CE_Failure;
}

} // namespace unclouded::io
