// Edit > Preferences: language, threads, GDAL cache, the default hidden classes and mask buffer, the
// default export format and compression, the download folder and its size limit, display units. Everything is
// stored through ui/settings.h; accept() writes the settings and MainWindow applies what can change at once
// (the GDAL cache, the classes and buffer of the open product, the export format). Language and threads take
// effect at the next start, and the dialog says so. The download folder's use is counted, and emptied on
// request, on a job thread.
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
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
    ~PreferencesDialog() override;

    // Writes every setting shown (called by accept()).
    void save() const;
    // Puts the built-in defaults into the widgets (nothing is stored before OK).
    void restoreDefaults();

    // The download folder the dialog shows (its placeholder when the field is empty).
    QString cacheDir() const;
    // Paths open as layers: emptying the download folder keeps the items holding them.
    void setPathsInUse(const QStringList& paths) { m_inUse = paths; }

public Q_SLOTS:
    void accept() override;
    void countCache(); // "In use: …" for the folder shown, counted on a job thread
    void emptyCache(); // asks, then removes the downloaded items (never other files there)

Q_SIGNALS:
    void cacheCounted(const QString& text);

private:
    void load();
    QComboBox* m_language;
    QSpinBox* m_threads;
    QSpinBox* m_gdalCache;
    QListWidget* m_classes;
    QSpinBox* m_buffer;
    QComboBox* m_format;
    QComboBox* m_compression;
    QLineEdit* m_cacheDir;
    QSpinBox* m_cacheLimit;
    QStringList m_inUse;
    QLabel* m_cacheUse;
    QPushButton* m_emptyCache;
    QComboBox* m_areaUnit;
    QComboBox* m_reflectanceUnit;
    QDialogButtonBox* m_buttons;
};

} // namespace unclouded::ui
