#include "ui/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include "ui/settings.h"

namespace unclouded::ui {

QLocale chosenLocale()
{
    const QString code = settings::language.get();
    for (const Language& l : kLanguages)
        if (code == QLatin1String(l.code))
            return QLocale(code);
    return QLocale::system();
}

void installTranslators(QCoreApplication* app)
{
    const QLocale locale = chosenLocale();
    QLocale::setDefault(locale);
    // English (and the C locale of a bare session, where the source strings show): only the plural
    // forms, "1 field", "2 fields".
    if (locale.language() == QLocale::C || locale.language() == QLocale::English) {
        auto* plurals = new QTranslator(app);
        if (plurals->load(QStringLiteral(":/i18n/unclouded_en.qm")))
            QCoreApplication::installTranslator(plurals);
        return;
    }
    // Qt's own strings first (standard dialogs, buttons), then ours.
    auto* qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto* own = new QTranslator(app);
    if (own->load(locale, QStringLiteral("unclouded"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
}

} // namespace unclouded::ui
