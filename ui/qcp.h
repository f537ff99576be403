// QCustomPlot's header uses the bare 'signals', 'slots' and 'foreach' keywords that
// QT_NO_KEYWORDS (needed for torch) removes: map them for this include only.
#pragma once

#define signals Q_SIGNALS
#define slots Q_SLOTS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef foreach
