// Small helpers shared by the tests.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QString>

namespace testutil {

// ../shared/data, or an empty string (tests using it skip with a message).
inline QString sharedData()
{
    const QString d = QString::fromLocal8Bit(qgetenv("UNCLOUDED_SHARED_DATA"));
    return (!d.isEmpty() && QDir(d).exists()) ? QDir(d).absolutePath() : QString();
}

inline QString cliPath()
{
    return QString::fromLocal8Bit(qgetenv("UNCLOUDED_CLI"));
}

} // namespace testutil
