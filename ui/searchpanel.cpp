#include "ui/searchpanel.h"

#include <cmath>

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/io/product.h"
#include "core/stac/download.h"
#include "ui/credentials.h"
#include "ui/jobrunner.h"
#include "ui/narrow.h"
#include "ui/settings.h"
#include "ui/statuslabel.h"
#include "ui/workspace.h"

namespace unclouded::ui {

namespace {

enum Column { ColDate, ColTile, ColCloud, ColId, ColCount };

} // namespace

SearchPanel::SearchPanel(QWidget* parent)
    : QWidget(parent)
    , m_job(new JobRunner(this))
    , m_thumbJob(new JobRunner(this))
    , m_credentials(new Credentials(this))
{
    m_endpoint = new QComboBox(this);
    m_endpoint->setObjectName(QStringLiteral("searchEndpoint"));
    m_endpoint->addItem(tr("Earth Search (Element 84, COGs, no login)"), QStringLiteral("earth-search"));
    m_endpoint->addItem(tr("Copernicus Data Space (SAFE, login to download)"), QStringLiteral("cdse"));
    m_endpoint->addItem(tr("Other STAC API…"), QString());
    remember(m_endpoint, settings::searchEndpoint);
    m_url = new QLineEdit(settings::searchCustomUrl.get(), this);
    m_url->setObjectName(QStringLiteral("searchUrl"));
    m_url->setPlaceholderText(tr("https://…/v1 (a STAC API root)"));
    m_collection = new QLineEdit(this);
    m_collection->setObjectName(QStringLiteral("searchCollection"));
    m_bbox = new QLineEdit(this);
    m_bbox->setObjectName(QStringLiteral("searchBbox"));
    m_bbox->setPlaceholderText(tr("west,south,east,north in degrees"));
    m_fromMap = new QPushButton(tr("From Map"), this);
    m_fromMap->setToolTip(tr("The map's AOI rectangle (Shift+drag), or the whole product without one"));
    m_from = new QDateEdit(QDate::currentDate().addMonths(-2), this);
    m_from->setObjectName(QStringLiteral("searchFrom"));
    m_to = new QDateEdit(QDate::currentDate(), this);
    m_to->setObjectName(QStringLiteral("searchTo"));
    for (QDateEdit* d : { m_from, m_to }) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_maxCloud = new QSpinBox(this);
    m_maxCloud->setObjectName(QStringLiteral("searchMaxCloud"));
    m_maxCloud->setRange(0, 100);
    m_maxCloud->setSuffix(QStringLiteral(" %"));
    m_maxCloud->setValue(settings::searchMaxCloud.defaultValue());
    remember(m_maxCloud, settings::searchMaxCloud);
    m_tile = new QLineEdit(this);
    m_tile->setObjectName(QStringLiteral("searchTile"));
    m_tile->setPlaceholderText(tr("any (e.g. 33UUU)"));
    m_limit = new QSpinBox(this);
    m_limit->setObjectName(QStringLiteral("searchLimit"));
    m_limit->setRange(1, 1000);
    m_limit->setValue(settings::searchLimit.defaultValue());
    remember(m_limit, settings::searchLimit);
    m_search = new QPushButton(tr("Search"), this);
    m_search->setObjectName(QStringLiteral("searchRun"));
    m_login = new QPushButton(tr("Log In…"), this);
    m_login->setObjectName(QStringLiteral("searchLogin"));
    m_login->setToolTip(
        tr("The catalogue's user and password, kept in the system keychain (never in a file)"));

    m_results = new QTableWidget(0, ColCount, this);
    m_results->setObjectName(QStringLiteral("searchResults"));
    m_results->setHorizontalHeaderLabels({ tr("Date"), tr("Tile"), tr("Cloud %"), tr("ID") });
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->verticalHeader()->hide();
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->setSortingEnabled(true);
    m_results->setMinimumHeight(140);

    m_bands = new QLineEdit(settings::searchBands.get(), this);
    m_bands->setObjectName(QStringLiteral("searchBands"));
    m_bands->setToolTip(tr("Bands to download, e.g. B02,B03,B04,B08,SCL; empty: every band"));
    m_aoiOnly = new QCheckBox(tr("Only the AOI (COG windows)"), this);
    m_aoiOnly->setObjectName(QStringLiteral("searchAoiOnly"));
    m_aoiOnly->setToolTip(tr("Reads only the blocks of each COG that cover the box above"));
    m_aoiOnly->setChecked(settings::searchAoiOnly.defaultValue());
    remember(m_aoiOnly, settings::searchAoiOnly);
    m_cache = new QLineEdit(settings::searchCacheDir.get(), this);
    m_cache->setObjectName(QStringLiteral("searchCache"));
    m_cache->setPlaceholderText(defaultCacheDir());
    auto* browse = new QPushButton(tr("…"), this);
    browse->setToolTip(tr("Choose the download folder"));
    browse->setAccessibleName(browse->toolTip()); // read out instead of "…"
    m_open = new QPushButton(tr("Open"), this);
    m_open->setObjectName(QStringLiteral("searchOpen"));
    m_open->setToolTip(tr("Open the item in place: remote bands are read window by window"));
    m_download = new QPushButton(tr("Download"), this);
    m_download->setObjectName(QStringLiteral("searchDownload"));
    m_download->setToolTip(
        tr("Fetch the bands into the folder (resumes an interrupted download), then open"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_endpoint->setToolTip(tr("The STAC catalogue searched"));
    m_url->setToolTip(tr("The root address of another STAC API"));
    m_collection->setToolTip(tr("The catalogue's collection of Sentinel-2 products (filled in for the known "
                                "catalogues)"));
    m_bbox->setToolTip(tr("The area searched: west,south,east,north in degrees (WGS 84)"));
    m_from->setToolTip(tr("First sensing date searched"));
    m_to->setToolTip(tr("Last sensing date searched"));
    m_maxCloud->setToolTip(tr("Only items whose metadata give at most this cloud cover"));
    m_tile->setToolTip(tr("Only this MGRS tile (e.g. 33UUU); empty: every tile over the area"));
    m_limit->setToolTip(tr("At most this many items are listed"));
    m_search->setToolTip(
        tr("Ask the catalogue; the results and their footprints appear below and on the map"));
    m_cache->setToolTip(tr("Where downloads go; empty: the user cache folder"));
    m_cancel->setToolTip(tr("Stop the search or the download (a download resumes later)"));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_thumbnail = new QLabel(this);
    m_thumbnail->setObjectName(QStringLiteral("searchThumbnail"));
    m_thumbnail->setAlignment(Qt::AlignCenter);
    m_thumbnail->setFixedHeight(160);
    m_thumbnail->hide();
    m_status = new StatusLabel({}, this);
    m_status->setObjectName(QStringLiteral("searchStatus"));

    auto* form = new QFormLayout;
    form->addRow(tr("Catalogue"), m_endpoint);
    form->addRow(tr("URL"), m_url);
    form->addRow(tr("Collection"), m_collection);
    auto* aoiRow = new QHBoxLayout;
    aoiRow->addWidget(m_bbox, 1);
    aoiRow->addWidget(m_fromMap);
    form->addRow(tr("Area"), aoiRow);
    auto* dates = new QHBoxLayout;
    dates->addWidget(m_from);
    dates->addWidget(new QLabel(tr("to"), this));
    dates->addWidget(m_to);
    form->addRow(tr("Dates"), dates);
    form->addRow(tr("Max. cloud"), m_maxCloud);
    form->addRow(tr("Tile"), m_tile);
    form->addRow(tr("At most"), m_limit);
    auto* fetch = new QFormLayout;
    fetch->addRow(tr("Bands"), m_bands);
    fetch->addRow(QString(), m_aoiOnly);
    auto* cacheRow = new QHBoxLayout;
    cacheRow->addWidget(m_cache, 1);
    cacheRow->addWidget(browse);
    fetch->addRow(tr("Folder"), cacheRow);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_login);
    buttons->addWidget(m_open);
    buttons->addWidget(m_download);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_search);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_thumbnail);
    layout->addLayout(fetch);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    letCombosShrink(this);

    auto presetChanged = [this] {
        const auto e = endpoint();
        const bool custom = m_endpoint->currentData().toString().isEmpty();
        m_url->setEnabled(custom);
        m_collection->setPlaceholderText(e && !e->collection.isEmpty() ? e->collection : tr("required"));
        m_login->setEnabled(e && !e->tokenUrl.isEmpty());
    };
    connect(m_endpoint, &QComboBox::currentIndexChanged, this, presetChanged);
    presetChanged();
    connect(
        m_url, &QLineEdit::editingFinished, this, [this] { settings::searchCustomUrl.set(m_url->text()); });
    connect(
        m_bands, &QLineEdit::editingFinished, this, [this] { settings::searchBands.set(m_bands->text()); });
    connect(m_cache, &QLineEdit::editingFinished, this,
        [this] { settings::searchCacheDir.set(m_cache->text()); });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Download Folder"), cacheDir());
        if (!d.isEmpty()) {
            m_cache->setText(d);
            settings::searchCacheDir.set(d);
        }
    });
    connect(m_fromMap, &QPushButton::clicked, this, &SearchPanel::useMapAoi);
    connect(m_login, &QPushButton::clicked, this, &SearchPanel::logIn);
    connect(m_credentials, &Credentials::stored, this, [this](bool ok, const QString& error) {
        const QString msg
            = ok ? tr("Login kept in the system keychain") : tr("Cannot keep the login: %1").arg(error);
        showStatus(m_status, msg);
        Q_EMIT finished(ok, msg);
    });
    connect(m_credentials, &Credentials::loaded, this,
        [this](bool ok, const QString& user, const QString& password, const QString& error) {
            if (!m_downloadWaitsForLogin)
                return;
            m_downloadWaitsForLogin = false;
            if (!ok || user.isEmpty()) {
                setBusy(false);
                const QString msg = tr("%1 needs a login: Log In… first (%2)").arg(m_searched.title, error);
                showStatus(m_status, msg);
                Q_EMIT finished(false, msg);
                return;
            }
            startDownload(user, password);
        });
    connect(m_search, &QPushButton::clicked, this, &SearchPanel::search);
    connect(m_open, &QPushButton::clicked, this, &SearchPanel::openSelected);
    connect(m_download, &QPushButton::clicked, this, &SearchPanel::download);
    connect(m_cancel, &QPushButton::clicked, this, &SearchPanel::cancel);
    connect(m_results, &QTableWidget::itemSelectionChanged, this, [this] {
        updateFootprints();
        showThumbnail();
        m_open->setEnabled(selectedItem() >= 0 && !m_job->isRunning());
        m_download->setEnabled(selectedItem() >= 0 && !m_job->isRunning());
    });
    connect(m_results, &QTableWidget::cellDoubleClicked, this, [this] { openSelected(); });
    connect(m_job, &JobRunner::progress, this, [this](double f, const QString& text) {
        m_progress->setValue(int(f * 1000));
        showStatus(m_status, text);
    });
    auto ended = [this](const QString& message) {
        setBusy(false);
        showStatus(m_status, message);
        Q_EMIT finished(false, message);
    };
    connect(m_job, &JobRunner::failed, this, ended);
    connect(m_thumbJob, &JobRunner::failed, this,
        [this](const QString& message) { m_thumbnail->setText(tr("No preview: %1").arg(message)); });
    connect(m_job, &JobRunner::cancelled, this, [ended] { ended(tr("Cancelled")); });
    m_open->setEnabled(false);
    m_download->setEnabled(false);
}

SearchPanel::~SearchPanel()
{
    // ~QWidget clears the focus after this object's members are gone: a focused field's
    // editingFinished must not reach the lambdas above (hiding the window saved it already).
    for (QLineEdit* e : { m_url, m_bands, m_cache })
        e->disconnect(this);
}

void SearchPanel::setWorkspace(Workspace* workspace)
{
    m_workspace = workspace;
    connect(workspace, &Workspace::currentChanged, this, &SearchPanel::updateFootprints);
}

bool SearchPanel::isRunning() const
{
    return m_job->isRunning();
}

int SearchPanel::selectedItem() const
{
    const QList<QTableWidgetItem*> sel = m_results->selectedItems();
    return sel.isEmpty() ? -1 : m_results->item(sel.first()->row(), ColDate)->data(Qt::UserRole).toInt();
}

void SearchPanel::selectItem(int index)
{
    for (int r = 0; r < m_results->rowCount(); ++r)
        if (m_results->item(r, ColDate)->data(Qt::UserRole).toInt() == index) {
            m_results->selectRow(r);
            return;
        }
    m_results->clearSelection();
}

std::optional<stac::Endpoint> SearchPanel::endpoint() const
{
    const QString preset = m_endpoint->currentData().toString();
    return stac::endpointFor(preset.isEmpty() ? m_url->text().trimmed() : preset);
}

QString SearchPanel::searchParams(stac::SearchParams& p) const
{
    const auto e = endpoint();
    if (!e)
        return tr("Give the address of a STAC API (http:// or https://)");
    p.endpoint = *e;
    if (!m_collection->text().trimmed().isEmpty())
        p.collections = m_collection->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (p.collections.isEmpty() && p.endpoint.collection.isEmpty())
        return tr("Give the collection to search");
    if (!m_bbox->text().trimmed().isEmpty()) {
        p.bbox = stac::BBox::parse(m_bbox->text());
        if (!p.bbox)
            return tr("The area must be west,south,east,north in degrees (west < east, south < north)");
    }
    p.from = m_from->date();
    p.to = m_to->date();
    if (p.from > p.to)
        return tr("The first date is after the last");
    p.maxCloud = m_maxCloud->value();
    if (!m_tile->text().trimmed().isEmpty()) {
        p.tile = stac::normalizeTile(m_tile->text());
        if (p.tile.isEmpty())
            return tr("The tile must be an MGRS tile such as 33UUU");
    }
    p.limit = m_limit->value();
    p.pageSize = std::min(p.limit, 100);
    p.authorization = stac::authorizationFromEnvironment();
    return {};
}

QString SearchPanel::defaultCacheDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
        .filePath(QStringLiteral("stac"));
}

void SearchPanel::reloadSettings()
{
    m_cache->setText(settings::searchCacheDir.get());
}

QString SearchPanel::cacheDir() const
{
    return m_cache->text().trimmed().isEmpty() ? m_cache->placeholderText() : m_cache->text().trimmed();
}

void SearchPanel::setBusy(bool busy)
{
    m_search->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    m_open->setEnabled(!busy && selectedItem() >= 0);
    m_download->setEnabled(!busy && selectedItem() >= 0);
    if (!busy)
        m_progress->setValue(0);
}

void SearchPanel::useMapAoi()
{
    const auto product = m_workspace ? m_workspace->currentProduct() : nullptr;
    if (!product) {
        showStatus(m_status, tr("Open a product first, or type the area"));
        return;
    }
    const QRect a = m_workspace->aoi();
    const QRect r = a.isEmpty() ? QRect(0, 0, product->width(), product->height()) : a;
    const stac::BBox b = stac::gridRectToLonLat(product->info(), r.x(), r.y(), r.width(), r.height());
    if (!b.isValid()) {
        showStatus(m_status, tr("The product has no coordinate system: type the area"));
        return;
    }
    m_bbox->setText(QStringLiteral("%1,%2,%3,%4")
                        .arg(b.west, 0, 'f', 5)
                        .arg(b.south, 0, 'f', 5)
                        .arg(b.east, 0, 'f', 5)
                        .arg(b.north, 0, 'f', 5));
}

void SearchPanel::search()
{
    stac::SearchParams p;
    if (const QString e = searchParams(p); !e.isEmpty()) {
        showStatus(m_status, e);
        Q_EMIT finished(false, e);
        return;
    }
    setBusy(true);
    m_status->setText(tr("Searching…"));
    m_job->start<stac::SearchResult>([p](JobContext& ctx) { return stac::search(p, ctx.progress()); },
        [this, endpoint = p.endpoint](stac::SearchResult& r) {
            // With its items: a search of another catalogue that failed or was cancelled left the old
            // rows to be downloaded with that catalogue's login.
            m_searched = endpoint;
            m_items = r.items;
            showResults();
            setBusy(false);
            QString msg = tr("%n item(s)", nullptr, int(m_items.size()));
            if (r.matched >= 0)
                msg += tr(" (%1 matched)").arg(r.matched);
            if (r.truncated)
                msg += tr("; more available: raise the limit");
            if (!r.skipped.isEmpty()) {
                msg += tr("; %n unusable left out", nullptr, int(r.skipped.size()));
                m_status->setToolTip(r.skipped.join(QLatin1Char('\n')));
            }
            showStatus(m_status, msg);
            Q_EMIT finished(true, msg);
        });
}

void SearchPanel::showResults()
{
    m_results->setSortingEnabled(false);
    m_results->clearContents();
    m_results->setRowCount(int(m_items.size()));
    for (int i = 0; i < m_items.size(); ++i) {
        const stac::Item& it = m_items[i];
        auto* date = new QTableWidgetItem(
            it.datetime.isValid() ? it.datetime.toString(QStringLiteral("yyyy-MM-dd")) : QStringLiteral("?"));
        date->setData(Qt::UserRole, i);
        date->setToolTip(it.datetime.toString(Qt::ISODate));
        auto* cloud = new QTableWidgetItem;
        cloud->setData(
            Qt::DisplayRole, it.cloudCover >= 0 ? QVariant(std::round(it.cloudCover * 10) / 10) : QVariant());
        auto* id = new QTableWidgetItem(it.id);
        QStringList bands;
        for (const stac::Asset& a : it.bandAssets())
            bands << a.band;
        id->setToolTip(tr("Bands: %1").arg(bands.join(QStringLiteral(", "))));
        m_results->setItem(i, ColDate, date);
        m_results->setItem(i, ColTile, new QTableWidgetItem(it.tile));
        m_results->setItem(i, ColCloud, cloud);
        m_results->setItem(i, ColId, id);
    }
    m_results->setSortingEnabled(true);
    m_results->resizeColumnsToContents();
    updateFootprints();
}

void SearchPanel::updateFootprints()
{
    QList<QPolygonF> polys;
    const auto product = m_workspace ? m_workspace->currentProduct() : nullptr;
    if (product)
        for (const stac::Item& it : m_items) {
            QPolygonF poly;
            if (!it.footprint.isEmpty())
                for (const QPointF& p : stac::lonLatToGrid(product->info(), it.footprint.first()))
                    poly << p;
            polys << poly;
        }
    Q_EMIT footprintsChanged(polys, selectedItem());
}

void SearchPanel::showThumbnail()
{
    const int i = selectedItem();
    if (i < 0 || m_items[i].thumbnail.isEmpty()) {
        m_thumbJob->cancel();
        m_thumbnail->clear();
        m_thumbnail->hide();
        return;
    }
    m_thumbnail->setText(tr("Loading the preview…"));
    m_thumbnail->show();
    const QString href = m_items[i].thumbnail;
    const QByteArray auth = stac::loginMayReach(QUrl(m_items[i].home), QUrl(href))
        ? stac::authorizationFromEnvironment()
        : QByteArray();
    m_thumbJob->start<QByteArray>(
        [href, auth](JobContext& ctx) { return stac::fetchBytes(href, ctx.progress(), 20000, auth); },
        [this](QByteArray& bytes) {
            const QImage image = QImage::fromData(bytes);
            if (image.isNull())
                m_thumbnail->setText(tr("No preview (not an image)"));
            else
                m_thumbnail->setPixmap(QPixmap::fromImage(image.scaled(m_thumbnail->width(),
                    m_thumbnail->height(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
        },
        JobRunner::IfBusy::Replace);
}

void SearchPanel::openSelected()
{
    const int i = selectedItem();
    if (i < 0)
        return;
    const stac::Item& it = m_items[i];
    // The catalogue's own URL of the item when it links one (relative hrefs stay right); else the
    // item as found, its hrefs resolved, saved in the folder.
    if (it.selfHref.startsWith(QLatin1String("http"))) {
        Q_EMIT openRequested(it.selfHref);
        return;
    }
    const QString dir = QDir(cacheDir()).filePath(QStringLiteral("items"));
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(
        QString(it.id).replace(QLatin1Char('/'), QLatin1Char('_')) + QStringLiteral(".json"));
    const QJsonObject one
        = stac::toFeatureCollection({ it }).value(QStringLiteral("features")).toArray().at(0).toObject();
    try { // in one step: a full disk leaves no truncated item to open
        writeFileAtomically(path, QJsonDocument(one).toJson());
    } catch (const Error&) {
        showStatus(m_status, tr("Cannot write %1").arg(path));
        return;
    }
    Q_EMIT openRequested(path);
}

void SearchPanel::download()
{
    if (selectedItem() < 0 || m_job->isRunning() || m_downloadWaitsForLogin)
        return;
    // A catalogue with a login (CDSE): the user and password from the keychain, unless the
    // environment gives a token.
    if (m_searched.needsLogin && !m_searched.tokenUrl.isEmpty()
        && stac::authorizationFromEnvironment().isEmpty()) {
        m_downloadWaitsForLogin = true;
        setBusy(true);
        m_status->setText(tr("Reading the login from the system keychain…"));
        m_credentials->load(m_searched.name.isEmpty() ? m_searched.url : m_searched.name);
        return;
    }
    startDownload({}, {});
}

void SearchPanel::startDownload(const QString& user, const QString& password)
{
    const int i = selectedItem();
    if (i < 0) {
        setBusy(false);
        return;
    }
    stac::DownloadOptions o;
    o.cacheDir = cacheDir();
    o.cacheLimitBytes = qint64(std::max(0, settings::searchCacheLimitMb.get())) * 1048576;
    if (m_workspace) // making room never removes an item open as a layer
        o.keep = m_workspace->layers()->paths();
    o.bands = m_bands->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString& b : o.bands)
        b = b.trimmed();
    if (m_aoiOnly->isChecked()) {
        o.aoi = stac::BBox::parse(m_bbox->text());
        if (!o.aoi) {
            setBusy(false);
            showStatus(m_status, tr("Only the AOI: give the area first (typed, or From Map)"));
            return;
        }
    }
    o.authorization = stac::authorizationFromEnvironment();
    const stac::Item item = m_items[i];
    const stac::Endpoint endpoint = m_searched;
    setBusy(true);
    m_job->start<stac::DownloadResult>(
        [item, o, endpoint, user, password](JobContext& ctx) mutable {
            if (!user.isEmpty()) // a fresh token for this download (CDSE's live ~10 minutes)
                o.authorization = stac::fetchToken(endpoint, user, password, ctx.progress()).authorization();
            return stac::downloadItem(item, o, ctx.progress());
        },
        [this](stac::DownloadResult& r) {
            setBusy(false);
            const QString msg = tr("Downloaded to %1").arg(QDir::toNativeSeparators(r.folder));
            showStatus(m_status, msg);
            Q_EMIT finished(true, msg);
            Q_EMIT openRequested(r.itemJson);
        });
}

void SearchPanel::logIn()
{
    const auto e = endpoint();
    if (!e || e->tokenUrl.isEmpty())
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Log In to %1").arg(e->title));
    auto* user = new QLineEdit(&dialog);
    auto* password = new QLineEdit(&dialog);
    password->setEchoMode(QLineEdit::Password);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto* form = new QFormLayout(&dialog);
    form->addRow(new QLabel(
        tr("Kept in the system keychain, never in a file. A token is fetched for each download."), &dialog));
    form->addRow(tr("User"), user);
    form->addRow(tr("Password"), password);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted || user->text().isEmpty())
        return;
    m_credentials->store(e->name.isEmpty() ? e->url : e->name, user->text(), password->text());
}

void SearchPanel::cancel()
{
    // Waiting for the keychain (a locked wallet's prompt behind the window): no job runs yet; the
    // wait ends here and its late answer is ignored.
    if (m_downloadWaitsForLogin) {
        m_downloadWaitsForLogin = false;
        setBusy(false);
        showStatus(m_status, tr("Cancelled."));
        Q_EMIT finished(false, m_status->text());
        return;
    }
    m_job->cancel();
}

} // namespace unclouded::ui
