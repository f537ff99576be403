// Edit > Preferences: language, threads, GDAL cache, the default hidden classes and mask buffer, the
// default export format and compression. Everything is stored through ui/settings.h; accept()
// writes the settings and MainWindow applies what can change at once (the GDAL cache, the classes
// and buffer of the open product, the export format). Language and threads take effect at the next
// start, and the dialog says so.
#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QListWidget;
class QSpinBox;

namespace unclouded::ui {

// At start-up (app/main.cpp): the stored threads become UNCLOUDED_THREADS / OMP_NUM_THREADS before
// initializeRuntime() (an environment already set wins); after it, the stored GDAL cache is applied
// (unless GDAL_CACHEMAX is set).
void applyThreadsPreference();
void applyGdalCachePreference();

class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    // Writes every setting shown (called by accept()).
    void save() const;
    // Puts the built-in defaults into the widgets (nothing is stored before OK).
    void restoreDefaults();

public Q_SLOTS:
    void accept() override;

private:
    void load();
    QComboBox* m_language;
    QSpinBox* m_threads;
    QSpinBox* m_gdalCache;
    QListWidget* m_classes;
    QSpinBox* m_buffer;
    QComboBox* m_format;
    QComboBox* m_compression;
    QDialogButtonBox* m_buttons;
};

} // namespace unclouded::ui
