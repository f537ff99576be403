// The user-interface language: the system locale by default, or the one stored in
// settings::language ("system", "en", "de", "fr", "es"). Applied once at start-up (main.cpp);
// View > Language stores a new choice, used from the next start.
#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace unclouded::ui {

struct Language
{
    const char* code; // the settings value
    const char* nativeName; // shown as it is in every language
};

// English first (the source language), then the translations in translations/.
inline constexpr Language kLanguages[] = {
    { "en", "English" },
    { "de", "Deutsch" },
    { "fr", "Français" },
    { "es", "Español" },
};

// The locale the stored setting asks for: QLocale::system() for "system" or an unknown value.
QLocale chosenLocale();

// Makes chosenLocale() the default QLocale (numbers and dates) and installs Qt's and Unclouded's
// translators for it, owned by app. English needs no translator.
void installTranslators(QCoreApplication* app);

} // namespace unclouded::ui
