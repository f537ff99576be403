// Typed settings (after Tiled's Preference<T> and qBittorrent's CachedSettingValue): every key and
// its default in one place, read and written through QSettings, and remember() that ties a widget
// to one so a panel's options survive a restart.
#pragma once

#include <QByteArray>
#include <QSet>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

#include "core/common/gdalcache.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSlider;
class QSpinBox;

namespace unclouded::ui {

// The QSettings every Setting reads and writes on this thread. A temporary QSettings writes its
// change to disk when destroyed (a lock file and two fdatasync() calls on the GUI thread, tens to
// hundreds of ms on a busy disk); this one gathers the changes and writes them once, at the next
// turn of the event loop (and at exit). Made anew when the application's names or the settings
// location change (tests switch them).
QSettings& settingsStore();

template <typename T> class Setting
{
public:
    Setting(const char* key, T defaultValue = T())
        : m_key(QString::fromLatin1(key))
        , m_default(std::move(defaultValue))
    {
    }

    const QString& key() const { return m_key; }
    const T& defaultValue() const { return m_default; }

    T get() const
    {
        const QVariant v = settingsStore().value(m_key);
        return v.isValid() && v.canConvert<T>() ? v.value<T>() : m_default;
    }
    void set(const T& value) const { settingsStore().setValue(m_key, QVariant::fromValue(value)); }
    void reset() const { settingsStore().remove(m_key); }

private:
    QString m_key;
    T m_default;
};

// Restores the widget from the setting (a value it cannot show leaves the widget as it is) and
// stores every later change. The widget's object name becomes the key when it has none, so tests
// and scripts find it.
void remember(QComboBox* combo, const Setting<QString>& setting); // by item data
void remember(QSpinBox* spin, const Setting<int>& setting);
void remember(QDoubleSpinBox* spin, const Setting<double>& setting);
void remember(QCheckBox* check, const Setting<bool>& setting);
void remember(QSlider* slider, const Setting<int>& setting);

// Every key the application stores. The defaults given here are used where a widget has none of
// its own (a widget's constructor default is kept until the user changes it).
namespace settings {

// The window's geometry and each task's dock layout are kept per screen size ("1366x768": the
// screen's available area), so a laptop docked to a large monitor finds each layout as it was left
// there. The keys without a screen are those written before; they are read when a screen has none.
inline const Setting<QByteArray> windowGeometry { "mainWindow/geometry" };
inline Setting<QByteArray> windowGeometryOn(const QString& screen)
{
    return Setting<QByteArray>(QByteArray("mainWindow/geometry@" + screen.toLatin1()).constData());
}
// The task (ui/mainwindow.h: inspect, train, …) and each task's own dock layout.
inline const Setting<QString> task { "mainWindow/task", QStringLiteral("inspect") };
inline Setting<QByteArray> taskState(const QString& task, const QString& screen = {})
{
    QByteArray key = "mainWindow/taskState/" + task.toLatin1();
    if (!screen.isEmpty())
        key += "@" + screen.toLatin1();
    return Setting<QByteArray>(key.constData());
}
inline const Setting<QStringList> recentFiles { "recentFiles" };
inline const Setting<QString> language { "language", QStringLiteral("system") }; // ui/language.h
// Edit > Preferences (ui/preferencesdialog.h). Threads: 0 = every core, used from the next start
// (UNCLOUDED_THREADS); the GDAL cache applies at once (unless GDAL_CACHEMAX is set).
inline const Setting<int> threads { "runtime/threads", 0 };
inline const Setting<int> gdalCacheMb { "runtime/gdalCacheMb", kDefaultGdalCacheMb };

// Display units (ui/units.h): "ha" / "ac" / "km2" / "m2"; "reflectance" (0-1) / "scaled" (x 10 000).
inline const Setting<QString> areaUnit { "units/area", QStringLiteral("ha") };
inline const Setting<QString> reflectanceUnit { "units/reflectance", QStringLiteral("reflectance") };

inline const Setting<QString> composite { "display/composite" };
inline const Setting<QString> stretchMode { "display/stretch" };
inline const Setting<double> gamma { "display/gamma", 1.0 };

// The hidden classes (Preferences, the legend's ticks): through storedHiddenClasses() /
// storeHiddenClasses(), which keep "none chosen" ("none") apart from "never set" (empty).
inline const Setting<QStringList> hiddenClasses { "mask/classes" };
inline const Setting<int> maskBuffer { "mask/buffer", 0 };
inline const Setting<int> overlayOpacity { "overlay/opacity", 45 };
inline const Setting<bool> overlayOutline { "overlay/outline", false };
inline const Setting<bool> overlayVisible { "overlay/visible", true };

inline const Setting<QString> trainModel { "train/model" };
inline const Setting<int> trainEpochs { "train/epochs", 20 };
inline const Setting<int> trainBatch { "train/batch", 4 };
inline const Setting<double> trainLr { "train/lr", 5e-5 };
inline const Setting<int> trainPatch { "train/patch", 128 };
inline const Setting<int> trainWidth { "train/width", 32 };
inline const Setting<int> trainDepth { "train/depth", 4 };
inline const Setting<int> trainMaxPatches { "train/maxPatches", 256 };
inline const Setting<bool> trainRotate90 { "train/rotate90", false };
inline const Setting<bool> trainReferenceClouds { "train/referenceClouds", false };
inline const Setting<int> trainSeed { "train/seed", 1 };
inline const Setting<QString> trainDevice { "train/device" };
inline const Setting<QString> trainPreset { "train/preset" };
inline const Setting<QString> trainInit { "train/init" };

inline const Setting<QString> reconMethod { "recon/method" };
inline const Setting<QString> reconFormat { "recon/format" };
inline const Setting<bool> reconFloat32 { "recon/float32", false };
inline const Setting<QString> reconCompression { "recon/compression", QStringLiteral("DEFLATE") };
inline const Setting<bool> reconAdvanced { "recon/advanced", false }; // the Advanced section shown
inline const Setting<QString> reconTemporalFit { "recon/temporalFit" };
inline const Setting<QString> reconPrecision { "recon/precision" };
inline const Setting<QString> reconBandResolution { "recon/bandResolution" };
inline const Setting<QString> reconHazeGuard { "recon/hazeGuard" };
inline const Setting<QString> compareMode { "compare/mode" };
inline const Setting<bool> compareHorizontal { "compare/horizontal", false };
inline const Setting<int> compareFade { "compare/fade", 50 };
inline const Setting<QString> compareDifference { "compare/difference" };
inline const Setting<bool> compareOutline { "compare/outline", true };

inline const Setting<QStringList> evalMethods { "eval/methods" }; // empty: the panel's default ticks
inline const Setting<QString> evalMetric { "eval/metric" };
inline const Setting<bool> evalAdvanced { "eval/advanced", false }; // as recon/… for the Evaluation dock
inline const Setting<QString> evalTemporalFit { "eval/temporalFit" };
inline const Setting<QString> evalPrecision { "eval/precision" };
inline const Setting<QString> evalBandResolution { "eval/bandResolution" };
inline const Setting<QString> evalHazeGuard { "eval/hazeGuard" };

inline const Setting<bool> fieldsAllTouched { "fields/allTouched", false };
inline const Setting<QString> lastParcelsFolder { "fields/lastFolder" };
inline const Setting<QString> searchEndpoint { "search/endpoint", QStringLiteral("earth-search") };
inline const Setting<QString> searchCustomUrl { "search/customUrl" };
inline const Setting<int> searchMaxCloud { "search/maxCloud", 30 };
inline const Setting<int> searchLimit { "search/limit", 50 };
inline const Setting<QString> searchBands { "search/bands", QStringLiteral("B02,B03,B04,B08,SCL") };
inline const Setting<bool> searchAoiOnly { "search/aoiOnly", true };
inline const Setting<QString> searchCacheDir { "search/cacheDir" }; // empty: the user cache folder
// Downloads beyond this size evict the oldest downloaded items (0: no limit); Preferences.
inline const Setting<int> searchCacheLimitMb { "search/cacheLimitMb", 0 };

// The hidden classes the user chose; core's default set when none was ever stored (`chosen` false).
QSet<int> storedHiddenClasses(bool* chosen = nullptr);
// Stores them; an empty set as the choice of none.
void storeHiddenClasses(const QSet<int>& classes);

} // namespace settings

} // namespace unclouded::ui
