// unclouded-cli: the headless front end (links core alone).
#include <csignal>

#include <QCoreApplication>

#include "cli/commands.h"

int main(int argc, char** argv)
{
    // A closed stdout (`| head`) must not kill a run midway, leaving its temporary files: the writes
    // to it fail instead, and the work finishes or stops at its own checks.
    std::signal(SIGPIPE, SIG_IGN);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("unclouded-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Unclouded"));
    return unclouded::cli::run(QCoreApplication::arguments());
}
