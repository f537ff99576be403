// unclouded-cli commands. Exit codes: 0 success, 1 the work failed, 2 bad arguments.
#pragma once

#include <QStringList>

namespace unclouded::cli {

int run(const QStringList& args);

} // namespace unclouded::cli
