// Search dock: STAC API item search (Earth Search, CDSE or a URL) over the map's AOI or a typed box,
// a date range, a cloud limit and a tile; results as a list (date, tile, cloud %) with footprints on
// the map; the chosen item opened in place (remote, windowed) or downloaded (bands, AOI only) into a
// cache folder and opened as a layer. Searches and downloads run in a JobRunner (progress, cancel).
#pragma once

#include <QList>
#include <QPolygonF>
#include <QWidget>

#include "core/stac/stac.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace unclouded::ui {

class Credentials;
class JobRunner;
class Workspace;

class SearchPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SearchPanel(QWidget* parent = nullptr);
    ~SearchPanel() override;

    // The current product gives the AOI ("From map") and the grid the footprints are drawn on.
    void setWorkspace(Workspace* workspace);

    const QList<stac::Item>& items() const { return m_items; }
    int selectedItem() const; // index into items(), -1 when none
    bool isRunning() const;
    QTableWidget* results() const { return m_results; }
    QLabel* thumbnail() const { return m_thumbnail; }
    // The endpoint the form describes (a preset, or the URL typed for "Other STAC API").
    std::optional<stac::Endpoint> endpoint() const;
    // The search the form describes; an empty string, or what is wrong with the form.
    QString searchParams(stac::SearchParams& params) const;
    // Downloads go to settings::searchCacheDir, or here when it is empty.
    static QString defaultCacheDir();
    // Preferences changed the download folder: the form shows it.
    void reloadSettings();

public Q_SLOTS:
    void search();
    void download();
    void openSelected(); // in place: the item's own URL, remote assets read window by window
    void cancel();
    void useMapAoi(); // the map's AOI rectangle (or the whole product) as the lon / lat box
    void selectItem(int index);
    void logIn(); // asks for the catalogue's user and password and keeps them in the system keychain

Q_SIGNALS:
    // Footprints on the current product's grid (pixel units), one per item (empty where it has none).
    void footprintsChanged(const QList<QPolygonF>& gridFootprints, int selected);
    void openRequested(const QString& pathOrUrl);
    void finished(bool ok, const QString& message);

private:
    void showResults();
    void updateFootprints();
    void showThumbnail();
    void setBusy(bool busy);
    QString cacheDir() const;
    // Downloads the selected item; with a user, a bearer token is fetched first (in the job).
    void startDownload(const QString& user, const QString& password);

    Workspace* m_workspace = nullptr;
    JobRunner* m_job;
    JobRunner* m_thumbJob; // the selected item's thumbnail (a newer selection replaces it)
    Credentials* m_credentials;
    stac::Endpoint m_searched; // the catalogue the results came from (its login, its token service)
    bool m_downloadWaitsForLogin = false;
    QList<stac::Item> m_items;
    QComboBox* m_endpoint;
    QLineEdit* m_url;
    QLineEdit* m_collection;
    QLineEdit* m_bbox;
    QPushButton* m_fromMap;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QSpinBox* m_maxCloud;
    QLineEdit* m_tile;
    QSpinBox* m_limit;
    QPushButton* m_search;
    QPushButton* m_login;
    QTableWidget* m_results;
    QLineEdit* m_bands;
    QCheckBox* m_aoiOnly;
    QLineEdit* m_cache;
    QPushButton* m_open;
    QPushButton* m_download;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    QLabel* m_thumbnail;
};

} // namespace unclouded::ui
