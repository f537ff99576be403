#include "ui/preferencesdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "core/common/gdalcache.h"
#include "core/io/rasterwriter.h"
#include "core/io/sentinel2.h"
#include "core/masks/mask.h"
#include "core/stac/download.h"
#include "ui/jobrunner.h"
#include "ui/language.h"
#include "ui/rendering.h"
#include "ui/searchpanel.h"
#include "ui/settings.h"
#include "ui/units.h"

namespace unclouded::ui {

namespace {

QLabel* note(const QString& text, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: palette(mid)"));
    return l;
}

} // namespace

void applyThreadsPreference()
{
    const int threads = settings::threads.get();
    if (threads <= 0 || qEnvironmentVariableIsSet("UNCLOUDED_THREADS"))
        return;
    qputenv("UNCLOUDED_THREADS", QByteArray::number(threads));
    if (!qEnvironmentVariableIsSet("OMP_NUM_THREADS"))
        qputenv("OMP_NUM_THREADS", QByteArray::number(threads));
}

void applyGdalCachePreference()
{
    if (!qEnvironmentVariableIsSet("GDAL_CACHEMAX"))
        setGdalCacheMegabytes(settings::gdalCacheMb.get());
}

PreferencesDialog::PreferencesDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("prefLanguage"));
    m_language->addItem(tr("System Default"), QStringLiteral("system"));
    for (const Language& l : kLanguages)
        m_language->addItem(QString::fromUtf8(l.nativeName), QString::fromLatin1(l.code));
    auto* general = new QGroupBox(tr("General"), this);
    auto* generalForm = new QFormLayout(general);
    generalForm->addRow(tr("Language"), m_language);
    generalForm->addRow(note(tr("A new language is used when Unclouded is started again."), this));

    m_threads = new QSpinBox(this);
    m_threads->setObjectName(QStringLiteral("prefThreads"));
    m_threads->setRange(0, 1024);
    m_threads->setSpecialValueText(tr("All cores (%1)").arg(QThread::idealThreadCount()));
    m_threads->setToolTip(
        tr("Threads for reconstruction and training (UNCLOUDED_THREADS); 0 uses every core."));
    m_gdalCache = new QSpinBox(this);
    m_gdalCache->setObjectName(QStringLiteral("prefGdalCache"));
    m_gdalCache->setRange(16, maxGdalCacheMegabytes());
    m_gdalCache->setSingleStep(64);
    m_gdalCache->setSuffix(tr(" MB"));
    m_gdalCache->setToolTip(tr("GDAL's block cache for reading and writing rasters. Larger is faster on "
                               "big products but uses more memory."));
    auto* performance = new QGroupBox(tr("Performance"), this);
    auto* perfForm = new QFormLayout(performance);
    perfForm->addRow(tr("Threads"), m_threads);
    perfForm->addRow(tr("GDAL cache"), m_gdalCache);
    perfForm->addRow(note(tr("The GDAL cache changes at once; the threads at the next start."), this));

    m_classes = new QListWidget(this);
    m_classes->setObjectName(QStringLiteral("prefHiddenClasses"));
    for (int c = 0; c < kSclClassCount; ++c) {
        auto* item = new QListWidgetItem(QStringLiteral("%1  %2").arg(c).arg(sclClassLabel(c)), m_classes);
        QPixmap swatch(14, 14);
        swatch.fill(sclColour(c));
        item->setIcon(QIcon(swatch));
        item->setData(Qt::UserRole, c);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Unchecked);
    }
    // Every class at once, no scrolling either way.
    m_classes->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_classes->setMinimumSize(m_classes->sizeHintForColumn(0) + 2 * m_classes->frameWidth() + 8,
        m_classes->sizeHintForRow(0) * m_classes->count() + 2 * m_classes->frameWidth() + 4);
    m_buffer = new QSpinBox(this);
    m_buffer->setObjectName(QStringLiteral("prefBuffer"));
    m_buffer->setRange(0, MaskSpec::kMaxDilatePx);
    m_buffer->setSuffix(tr(" px"));
    m_buffer->setToolTip(tr("Grows the hidden area by this many 10 m pixels, to catch cloud edges."));
    auto* masks = new QGroupBox(tr("Masks"), this);
    auto* masksForm = new QFormLayout(masks);
    masksForm->addRow(tr("Hidden classes"), m_classes);
    masksForm->addRow(tr("Mask buffer"), m_buffer);
    masksForm->addRow(
        note(tr("Applied to the open product at once and used for every product opened later."), this));

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("prefFormat"));
    m_format->addItem(tr("Cloud-Optimized GeoTIFF"), QStringLiteral("COG"));
    m_format->addItem(tr("GeoTIFF"), QStringLiteral("GTiff"));
    m_compression = new QComboBox(this);
    m_compression->setObjectName(QStringLiteral("prefCompression"));
    for (const QString& c : ExportOptions::compressions())
        m_compression->addItem(c == QLatin1String("NONE") ? tr("None") : c, c);
    m_compression->setToolTip(
        tr("DEFLATE: read by every GIS. ZSTD: faster and often smaller; some older readers lack it."));
    auto* exportBox = new QGroupBox(tr("Export"), this);
    auto* exportForm = new QFormLayout(exportBox);
    exportForm->addRow(tr("Format"), m_format);
    exportForm->addRow(tr("Compression"), m_compression);

    m_cacheDir = new QLineEdit(this);
    m_cacheDir->setObjectName(QStringLiteral("prefCacheDir"));
    m_cacheDir->setPlaceholderText(SearchPanel::defaultCacheDir());
    m_cacheDir->setToolTip(tr("Where downloaded products go (the Search panel uses the same folder)"));
    auto* browse = new QPushButton(tr("…"), this);
    browse->setToolTip(tr("Choose the download folder"));
    browse->setAccessibleName(browse->toolTip()); // read out instead of "…"
    m_cacheLimit = new QSpinBox(this);
    m_cacheLimit->setObjectName(QStringLiteral("prefCacheLimit"));
    m_cacheLimit->setRange(0, 100000);
    m_cacheLimit->setSuffix(tr(" GB"));
    m_cacheLimit->setSpecialValueText(tr("No limit"));
    m_cacheLimit->setToolTip(tr("After a download, the oldest downloaded items are removed until the "
                                "folder fits; 0 keeps everything"));
    m_cacheUse = new QLabel(this);
    m_cacheUse->setObjectName(QStringLiteral("prefCacheUse"));
    m_emptyCache = new QPushButton(tr("Empty…"), this);
    m_emptyCache->setObjectName(QStringLiteral("prefEmptyCache"));
    m_emptyCache->setToolTip(tr("Remove every downloaded item from the folder (other files stay)"));
    auto* storage = new QGroupBox(tr("Downloads"), this);
    auto* storageForm = new QFormLayout(storage);
    auto* dirRow = new QHBoxLayout;
    dirRow->addWidget(m_cacheDir, 1);
    dirRow->addWidget(browse);
    storageForm->addRow(tr("Folder"), dirRow);
    storageForm->addRow(tr("Size limit"), m_cacheLimit);
    auto* useRow = new QHBoxLayout;
    useRow->addWidget(m_cacheUse, 1);
    useRow->addWidget(m_emptyCache);
    storageForm->addRow(tr("In use"), useRow);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Download Folder"), cacheDir());
        if (!d.isEmpty()) {
            m_cacheDir->setText(d);
            countCache();
        }
    });
    connect(m_cacheDir, &QLineEdit::editingFinished, this, &PreferencesDialog::countCache);
    connect(m_emptyCache, &QPushButton::clicked, this, &PreferencesDialog::emptyCache);
    connect(this, &PreferencesDialog::cacheCounted, m_cacheUse, &QLabel::setText);

    m_areaUnit = new QComboBox(this);
    m_areaUnit->setObjectName(QStringLiteral("prefAreaUnit"));
    for (const auto& [id, label] : units::areaChoices())
        m_areaUnit->addItem(label, id);
    m_areaUnit->setToolTip(tr("How the Fields panel shows areas; exports keep hectares"));
    m_reflectanceUnit = new QComboBox(this);
    m_reflectanceUnit->setObjectName(QStringLiteral("prefReflectanceUnit"));
    for (const auto& [id, label] : units::reflectanceChoices())
        m_reflectanceUnit->addItem(label, id);
    m_reflectanceUnit->setToolTip(
        tr("How the pixel inspector shows reflectance; exports and the CLI keep reflectance 0–1"));
    auto* unitsBox = new QGroupBox(tr("Units"), this);
    auto* unitsForm = new QFormLayout(unitsBox);
    unitsForm->addRow(tr("Area"), m_areaUnit);
    unitsForm->addRow(tr("Reflectance"), m_reflectanceUnit);

    m_buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
        &PreferencesDialog::restoreDefaults);

    auto* left = new QVBoxLayout;
    left->addWidget(general);
    left->addWidget(performance);
    left->addWidget(exportBox);
    left->addWidget(storage);
    left->addStretch(1);
    auto* right = new QVBoxLayout;
    right->addWidget(masks);
    right->addWidget(unitsBox);
    right->addStretch(1);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    auto* lay = new QVBoxLayout(this);
    lay->addLayout(columns);
    lay->addWidget(m_buttons);
    load();
    countCache();
}

QString PreferencesDialog::cacheDir() const
{
    const QString d = m_cacheDir->text().trimmed();
    return d.isEmpty() ? m_cacheDir->placeholderText() : d;
}

PreferencesDialog::~PreferencesDialog()
{
    // A dialog destroyed while shown hides its children after its members are gone: the folder
    // field's focus-out must not start a count then.
    m_cacheDir->disconnect(this);
}

void PreferencesDialog::countCache()
{
    m_cacheUse->setText(tr("counting…"));
    auto* watcher = new QFutureWatcher<QList<stac::CachedItem>>(this);
    const QString dir = cacheDir();
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, dir] {
        watcher->deleteLater();
        if (dir != cacheDir())
            return; // the folder changed meanwhile: its own count follows
        const QList<stac::CachedItem> items = watcher->result();
        qint64 bytes = 0;
        for (const stac::CachedItem& i : items)
            bytes += i.bytes;
        m_emptyCache->setEnabled(!items.isEmpty());
        Q_EMIT cacheCounted(
            tr("%n item(s), %1", nullptr, int(items.size())).arg(QLocale().formattedDataSize(bytes)));
    });
    watcher->setFuture(QtConcurrent::run(jobPool(), [dir] { return stac::cachedItems(dir); }));
}

void PreferencesDialog::emptyCache()
{
    const QString dir = cacheDir();
    auto* ask = new QMessageBox(QMessageBox::Question, tr("Empty the Download Folder"),
        tr("Remove every downloaded item from %1? Items open as layers or read by a running job, and other "
           "files there, are kept.")
            .arg(dir),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    ask->setObjectName(QStringLiteral("prefEmptyCacheAsk"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(ask, &QMessageBox::accepted, this, [this, dir, keep = m_inUse] {
        m_cacheUse->setText(tr("removing…"));
        m_emptyCache->setEnabled(false);
        auto* watcher = new QFutureWatcher<QStringList>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            watcher->deleteLater();
            countCache();
        });
        // A limit of 0 bytes evicts every item downloadItem() made, and nothing else.
        watcher->setFuture(
            QtConcurrent::run(lastingJobPool(), [dir, keep] { return stac::evictCache(dir, 0, keep); }));
    });
    ask->open();
}

void PreferencesDialog::load()
{
    auto select = [](QComboBox* combo, const QString& value) {
        const int i = combo->findData(value);
        combo->setCurrentIndex(std::max(0, i));
    };
    select(m_language, settings::language.get());
    m_threads->setValue(std::max(0, settings::threads.get()));
    m_gdalCache->setValue(settings::gdalCacheMb.get());
    const QSet<int> hidden = settings::storedHiddenClasses(); // core's default set when never stored
    for (int i = 0; i < m_classes->count(); ++i)
        m_classes->item(i)->setCheckState(
            hidden.contains(m_classes->item(i)->data(Qt::UserRole).toInt()) ? Qt::Checked : Qt::Unchecked);
    m_buffer->setValue(settings::maskBuffer.get());
    select(m_format,
        settings::reconFormat.get().isEmpty() ? QStringLiteral("COG") : settings::reconFormat.get());
    select(m_compression, settings::reconCompression.get().toUpper());
    m_cacheDir->setText(settings::searchCacheDir.get());
    m_cacheLimit->setValue(std::max(0, settings::searchCacheLimitMb.get()) / 1024);
    select(m_areaUnit, settings::areaUnit.get());
    select(m_reflectanceUnit, settings::reflectanceUnit.get());
}

void PreferencesDialog::restoreDefaults()
{
    m_language->setCurrentIndex(m_language->findData(settings::language.defaultValue()));
    m_threads->setValue(settings::threads.defaultValue());
    m_gdalCache->setValue(settings::gdalCacheMb.defaultValue());
    for (int i = 0; i < m_classes->count(); ++i)
        m_classes->item(i)->setCheckState(
            isDefaultHidden(m_classes->item(i)->data(Qt::UserRole).toInt()) ? Qt::Checked : Qt::Unchecked);
    m_buffer->setValue(settings::maskBuffer.defaultValue());
    m_format->setCurrentIndex(0);
    m_compression->setCurrentIndex(
        std::max(0, m_compression->findData(settings::reconCompression.defaultValue())));
    m_cacheDir->clear();
    m_cacheLimit->setValue(settings::searchCacheLimitMb.defaultValue() / 1024);
    m_areaUnit->setCurrentIndex(0);
    m_reflectanceUnit->setCurrentIndex(0);
    countCache();
}

void PreferencesDialog::save() const
{
    settings::language.set(m_language->currentData().toString());
    settings::threads.set(m_threads->value());
    settings::gdalCacheMb.set(m_gdalCache->value());
    QSet<int> hidden;
    for (int i = 0; i < m_classes->count(); ++i)
        if (m_classes->item(i)->checkState() == Qt::Checked)
            hidden.insert(m_classes->item(i)->data(Qt::UserRole).toInt());
    settings::storeHiddenClasses(hidden);
    settings::maskBuffer.set(m_buffer->value());
    settings::reconFormat.set(m_format->currentData().toString());
    settings::reconCompression.set(m_compression->currentData().toString());
    settings::searchCacheDir.set(m_cacheDir->text().trimmed());
    // Whole gigabytes shown; a limit set in megabytes elsewhere stays unless the field was changed.
    if (m_cacheLimit->value() != std::max(0, settings::searchCacheLimitMb.get()) / 1024)
        settings::searchCacheLimitMb.set(m_cacheLimit->value() * 1024);
    settings::areaUnit.set(m_areaUnit->currentData().toString());
    settings::reflectanceUnit.set(m_reflectanceUnit->currentData().toString());
}

void PreferencesDialog::accept()
{
    save();
    QDialog::accept();
}

} // namespace unclouded::ui
