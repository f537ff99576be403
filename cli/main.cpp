// unclouded-cli: the headless front end (links core alone).
#include <QCoreApplication>

#include "cli/commands.h"

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("unclouded-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Unclouded"));
    return unclouded::cli::run(QCoreApplication::arguments());
}
