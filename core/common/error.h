// Error types shared by every core module: one message a user can read.
#pragma once

#include <stdexcept>

#include <QString>

namespace unclouded {

// A failure a user can act on: the message names the file and the problem.
class Error : public std::runtime_error
{
public:
    explicit Error(const QString& message)
        : std::runtime_error(message.toStdString())
    {
    }
    QString message() const { return QString::fromStdString(what()); }
};

// Thrown when a job sees its cancel flag; never shown as a failure.
class Cancelled : public Error
{
public:
    Cancelled()
        : Error(QStringLiteral("Cancelled"))
    {
    }
};

} // namespace unclouded
