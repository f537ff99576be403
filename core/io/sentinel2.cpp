#include "core/io/sentinel2.h"

#include <QRegularExpression>

namespace unclouded {

QString canonicalBandName(const QString& raw)
{
    static const QRegularExpression re(
        QStringLiteral("^B0?(\\d{1,2})(A?)$"), QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(raw.trimmed());
    if (!m.hasMatch())
        return {};
    const int n = m.captured(1).toInt();
    const bool a = !m.captured(2).isEmpty();
    if (a && n != 8)
        return {};
    if (n < 1 || n > 12)
        return {};
    return a ? QStringLiteral("B8A") : QStringLiteral("B%1").arg(n, 2, 10, QLatin1Char('0'));
}

int s2BandIndex(const QString& canonical)
{
    for (int i = 0; i < kS2BandCount; ++i)
        if (canonical == QLatin1String(kS2Bands[i].name))
            return i;
    return -1;
}

} // namespace unclouded
