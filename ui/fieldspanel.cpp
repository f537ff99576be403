#include "ui/fieldspanel.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QAbstractTableModel>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include "core/common/atomicfile.h"
#include "core/common/paths.h"
#include "ui/charts.h"
#include "ui/jobrunner.h"
#include "ui/settings.h"
#include "ui/statuslabel.h"
#include "ui/units.h"
#include "ui/workspace.h"

namespace unclouded::ui {

namespace {

constexpr double kClearBelowPercent = 20; // a date whose field is hidden less than this is an observation

QString fmt(double v, int decimals)
{
    return std::isfinite(v) ? QLocale().toString(v, 'f', decimals) : QStringLiteral("–");
}

QString dateOf(const fields::FieldsReport& r)
{
    const QDateTime t = QDateTime::fromString(r.date, Qt::ISODate);
    return t.isValid() ? QLocale().toString(t.date(), QLocale::ShortFormat) : QFileInfo(r.path).fileName();
}

} // namespace

// One report's fields as rows; sorting uses the numbers (EditRole), display the formatted text.
class FieldsModel : public QAbstractTableModel
{
public:
    enum Column { Label, Area, Hidden, Rebuilt, Before, After, Pixels, Columns };
    using QAbstractTableModel::QAbstractTableModel;
    void setReport(const fields::FieldsReport* report, int quantity)
    {
        beginResetModel();
        m_report = report;
        m_q = quantity;
        endResetModel();
    }
    void unitsChanged()
    {
        Q_EMIT headerDataChanged(Qt::Horizontal, Area, Area);
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, Area), index(rowCount() - 1, Area));
    }
    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() || !m_report ? 0 : int(m_report->fields.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : Columns; }
    QVariant headerData(int section, Qt::Orientation o, int role) const override
    {
        if (o != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        const QString q
            = m_report && m_q < m_report->quantities.size() ? m_report->quantities[m_q].toUpper() : QString();
        switch (section) {
        case Label:
            return FieldsPanel::tr("Field");
        case Area:
            return FieldsPanel::tr("Area (%1)").arg(units::areaSymbol());
        case Hidden:
            return FieldsPanel::tr("Hidden %");
        case Rebuilt:
            return FieldsPanel::tr("Rebuilt %");
        case Before:
            return FieldsPanel::tr("%1 before").arg(q);
        case After:
            return FieldsPanel::tr("%1 after").arg(q);
        case Pixels:
            return FieldsPanel::tr("Pixels");
        }
        return {};
    }
    QVariant data(const QModelIndex& index, int role) const override
    {
        if (!m_report || (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::UserRole))
            return {};
        const fields::FieldStats& f = m_report->fields[index.row()];
        if (role == Qt::UserRole)
            return f.parcel;
        const bool text = role == Qt::DisplayRole;
        auto number = [&](double v, int decimals) -> QVariant {
            if (text)
                return fmt(v, decimals);
            return std::isfinite(v) ? v : -1e300; // unknowns sort first
        };
        const double before = m_q < f.before.size() ? f.before[m_q].mean : NAN;
        const double after = m_q < f.after.size() ? f.after[m_q].mean : NAN;
        switch (index.column()) {
        case Label: {
            bool numeric = false;
            const double v = f.label.toDouble(&numeric); // parcel numbers sort as numbers
            return text || !numeric ? QVariant(f.label) : QVariant(v);
        }
        case Area: // shown in the chosen unit; sorting is the same in any unit
            return number(units::areaFromHectares(f.areaHa), units::areaDecimals());
        case Hidden:
            return number(f.hiddenPercent, 1);
        case Rebuilt:
            return number(f.rebuiltPercent < 0 ? NAN : f.rebuiltPercent, 1);
        case Before:
            return number(before, 3);
        case After:
            return number(after, 3);
        case Pixels:
            return text ? QVariant(QLocale().toString(f.pixels)) : QVariant(f.pixels);
        }
        return {};
    }

private:
    const fields::FieldsReport* m_report = nullptr;
    int m_q = 0;
};

FieldsPanel::FieldsPanel(QWidget* parent)
    : QWidget(parent)
    , m_job(new JobRunner(this))
    , m_openJob(new JobRunner(this))
    , m_exportJob(new JobRunner(this))
{
    m_file
        = new QLabel(tr("No parcels: open a field boundary file (GeoPackage, GeoJSON, Shapefile, FlatGeobuf, "
                        "KML) or drop one on the window."),
            this);
    m_file->setWordWrap(true);
    m_open = new QPushButton(tr("Open Parcels…"), this);
    m_open->setObjectName(QStringLiteral("fieldsOpen"));
    m_open->setToolTip(tr("Field boundaries in any CRS; they are placed on the product's grid"));
    m_run = new QPushButton(tr("Compute"), this);
    m_run->setObjectName(QStringLiteral("fieldsCompute"));
    m_run->setToolTip(tr("Statistics of every open layer (products and reconstructions) per field"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop computing the statistics"));
    m_csv = new QPushButton(tr("Export CSV…"), this);
    m_csv->setToolTip(tr("The table of every field and layer as a CSV file"));
    m_gpkg = new QPushButton(tr("Export GeoPackage…"), this);
    m_gpkg->setObjectName(QStringLiteral("fieldsExportGpkg"));
    m_gpkg->setToolTip(tr("The parcels with the statistics as attributes: opens in QGIS"));
    m_allTouched = new QCheckBox(tr("Every pixel a field touches"), this);
    m_allTouched->setObjectName(QStringLiteral("fieldsAllTouched"));
    m_allTouched->setToolTip(
        tr("Off: a pixel belongs to a field when its centre lies inside (GDAL rasterisation)"));
    remember(m_allTouched, settings::fieldsAllTouched);
    m_date = new QComboBox(this);
    m_date->setObjectName(QStringLiteral("fieldsDate"));
    m_date->setToolTip(tr("The layer the table shows"));
    m_label = new QComboBox(this);
    m_label->setObjectName(QStringLiteral("fieldsLabel"));
    m_label->setToolTip(tr("The attribute that names each field"));
    m_quantity = new QComboBox(this);
    m_quantity->setObjectName(QStringLiteral("fieldsQuantity"));
    m_quantity->setToolTip(tr("The index the chart shows per date"));
    for (const QString& q : fields::defaultQuantities())
        m_quantity->addItem(q.toUpper(), q);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_status = new StatusLabel({}, this);
    m_status->setObjectName(QStringLiteral("fieldsStatus"));

    m_model = new FieldsModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::EditRole);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("fieldsTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->sortByColumn(FieldsModel::Label, Qt::AscendingOrder);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_details = new QLabel(tr("Select a field in the table or click one on the map."), this);
    m_details->setObjectName(QStringLiteral("fieldsDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setMinimumHeight(90); // the numbers table; the chart below takes what is left
    m_barChart = new QChartView(this);
    m_barChart->setRenderHint(QPainter::Antialiasing);
    m_barChart->setMinimumHeight(120);
    m_series = new QChartView(this);
    m_series->setObjectName(QStringLiteral("fieldsTimeSeries"));
    m_series->setRenderHint(QPainter::Antialiasing);
    m_series->setMinimumHeight(120);

    auto* buttons = new QHBoxLayout;
    for (QWidget* w : { static_cast<QWidget*>(m_open), static_cast<QWidget*>(m_run),
             static_cast<QWidget*>(m_cancel), static_cast<QWidget*>(m_csv), static_cast<QWidget*>(m_gpkg) })
        buttons->addWidget(w);
    buttons->addStretch();
    auto* form = new QHBoxLayout;
    form->addWidget(new QLabel(tr("Layer"), this));
    form->addWidget(m_date, 1);
    form->addWidget(new QLabel(tr("Label"), this));
    form->addWidget(m_label);
    form->addWidget(new QLabel(tr("Index"), this));
    form->addWidget(m_quantity);
    form->addWidget(m_allTouched);
    // Three columns in the wide, short bottom dock: the table, the field's numbers, its dates.
    auto* middle = new QWidget(this);
    auto* ml = new QVBoxLayout(middle);
    ml->setContentsMargins(0, 0, 0, 0);
    ml->addWidget(m_details);
    ml->addWidget(m_barChart, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(middle);
    split->addWidget(m_series);
    split->setChildrenCollapsible(false);
    m_table->setMinimumWidth(280);
    middle->setMinimumWidth(300);
    m_series->setMinimumWidth(280);
    split->setSizes({ 640, 420, 420 });
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_file);
    lay->addLayout(buttons);
    lay->addLayout(form);
    lay->addWidget(m_progress);
    lay->addWidget(m_status);
    lay->addWidget(split, 1);

    m_run->setEnabled(false);
    m_cancel->setEnabled(false);
    m_csv->setEnabled(false);
    m_gpkg->setEnabled(false);
    connect(m_open, &QPushButton::clicked, this, &FieldsPanel::chooseAndOpen);
    connect(m_run, &QPushButton::clicked, this, &FieldsPanel::compute);
    connect(m_cancel, &QPushButton::clicked, this, &FieldsPanel::cancel);
    connect(m_csv, &QPushButton::clicked, this, [this] { chooseAndExport(false); });
    connect(m_gpkg, &QPushButton::clicked, this, [this] { chooseAndExport(true); });
    connect(m_allTouched, &QCheckBox::toggled, this, [this](bool on) {
        // Not when set back to the rule of the statistics shown (a cancelled recompute).
        if (m_parcels && (m_job->isRunning() || m_reports.isEmpty() || on != m_reportsAllTouched))
            compute();
    });
    connect(m_date, &QComboBox::currentIndexChanged, this, [this] { showReports(); });
    connect(m_label, &QComboBox::currentIndexChanged, this, [this] {
        if (m_parcels && m_label->currentText() != m_parcels->report().labelAttribute)
            openParcels(m_parcelsPath, nullptr, m_label->currentText());
    });
    connect(m_quantity, &QComboBox::currentIndexChanged, this, [this] { showReports(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& i) {
            const int parcel = i.isValid() ? m_proxy->data(i, Qt::UserRole).toInt() : -1;
            if (parcel != m_selected) {
                m_selected = parcel;
                showSelection();
                Q_EMIT parcelSelected(parcel);
            }
        });
    // The bar only: the stage is core's English, the status line says it in the user's language.
    connect(m_job, &JobRunner::progress, this, [this](double f) { m_progress->setValue(int(f * 1000)); });
    auto ended = [this](const QString& message) {
        updateRun();
        m_cancel->setEnabled(m_openJob->isRunning());
        // The statistics shown are the last run's: the box says the rule they were made with.
        if (!m_reports.isEmpty() && m_allTouched->isChecked() != m_reportsAllTouched)
            m_allTouched->setChecked(m_reportsAllTouched); // remembered so too
        showStatus(m_status, message);
        Q_EMIT finished(false, message);
    };
    connect(m_job, &JobRunner::failed, this, ended);
    connect(m_job, &JobRunner::cancelled, this, [ended] { ended(tr("Cancelled")); });
    auto openEnded = [this](const QString& message, bool failed) {
        m_open->setEnabled(true);
        m_cancel->setEnabled(m_job->isRunning());
        if (m_parcels) { // the parcels shown are still the old ones, named as before
            const QSignalBlocker block(m_label);
            m_label->setCurrentText(m_parcels->report().labelAttribute);
        }
        showStatus(m_status, message);
        Q_EMIT finished(false, message);
        if (failed) // the window shows it as an error; a Cancel is none
            Q_EMIT openFailed(message);
    };
    connect(m_exportJob, &JobRunner::failed, this, &FieldsPanel::exportEnded);
    connect(m_openJob, &JobRunner::failed, this, [openEnded](const QString& m) { openEnded(m, true); });
    connect(m_openJob, &JobRunner::cancelled, this, [openEnded] { openEnded(tr("Cancelled"), false); });
}

bool FieldsPanel::isOpening() const
{
    return m_openJob->isRunning();
}

FieldsPanel::~FieldsPanel()
{
    m_model->setReport(nullptr, 0); // it points into m_reports, destroyed before the model
}

void FieldsPanel::setWorkspace(Workspace* workspace)
{
    m_workspace = workspace;
    connect(workspace, &Workspace::layerRemoved, this, [this] {
        const int before = int(m_reports.size());
        keepOpenLayersOnly();
        showReports(); // the table, dates and charts from what is left (also when nothing went)
        if (m_reports.size() != before && !m_job->isRunning())
            m_status->setText(tr("%n layer(s) computed", nullptr, int(m_reports.size())));
    });
    connect(workspace, &Workspace::currentChanged, this, &FieldsPanel::updateRun);
}

void FieldsPanel::keepOpenLayersOnly()
{
    if (!m_workspace)
        return;
    const QStringList open = m_workspace->layers()->paths();
    m_model->setReport(nullptr, 0); // it points into m_reports
    m_reports.erase(std::remove_if(m_reports.begin(), m_reports.end(),
                        [&](const fields::FieldsReport& r) {
                            return std::none_of(open.begin(), open.end(),
                                [&](const QString& p) { return samePath(p, r.path); });
                        }),
        m_reports.end());
}

void FieldsPanel::updateRun()
{
    m_run->setEnabled(m_parcels && !m_job->isRunning() && m_workspace && m_workspace->layers()->count() > 0);
}

bool FieldsPanel::isRunning() const
{
    return m_job->isRunning();
}

bool FieldsPanel::openParcels(const QString& path, QString* error, const QString& label)
{
    const auto product = m_workspace ? m_workspace->currentProduct() : nullptr;
    if (!product) {
        const QString message = tr("Open a product first: the parcels are placed on its grid.");
        showStatus(m_status, message);
        if (error)
            *error = message;
        Q_EMIT finished(false, message);
        return false;
    }
    m_status->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_open->setEnabled(false);
    m_cancel->setEnabled(true);
    const ProductInfo info = product->info();
    m_openJob->start<std::shared_ptr<fields::ParcelSet>>(
        [path, info, label](
            JobContext& ctx) { return fields::ParcelSet::open(path, info, label, {}, ctx.progress()); },
        [this, path](std::shared_ptr<fields::ParcelSet>& parcels) { parcelsRead(path, parcels); },
        JobRunner::IfBusy::Replace);
    return true;
}

void FieldsPanel::parcelsRead(const QString& path, std::shared_ptr<fields::ParcelSet> parcels)
{
    m_open->setEnabled(true);
    m_cancel->setEnabled(false);
    m_parcels = std::move(parcels);
    const fields::ParcelsReport& r = m_parcels->report();
    QString text = tr("%1: %n field(s) on the product (label: %2)", nullptr, m_parcels->size())
                       .arg(QFileInfo(path).fileName(), r.labelAttribute);
    QStringList notes;
    if (r.repaired > 0)
        notes << tr("%n repaired", nullptr, r.repaired);
    if (r.outside > 0)
        notes << tr("%n outside the product", nullptr, r.outside);
    if (r.skippedNotPolygon + r.skippedEmpty > 0)
        notes << tr("%n skipped (not polygons or empty)", nullptr, r.skippedNotPolygon + r.skippedEmpty);
    if (!notes.isEmpty())
        text += QStringLiteral("; ") + notes.join(QStringLiteral(", "));
    for (const QString& w : r.warnings)
        text += QStringLiteral("\n") + w;
    m_file->setText(text);
    m_parcelsPath = path;
    {
        const QSignalBlocker block(m_label);
        m_label->clear();
        // The feature id is a choice too: without it the box showed the first attribute while the
        // table showed ids, and choosing that attribute did nothing.
        m_label->addItem(QString::fromLatin1(fields::ParcelSet::kFeatureId));
        m_label->addItems(m_parcels->attributes());
        m_label->setCurrentText(r.labelAttribute);
    }
    m_model->setReport(nullptr, 0); // it points into m_reports
    m_reports.clear();
    m_selected = -1;
    showReports();
    updateRun();
    Q_EMIT parcelsChanged();
    compute();
}

void FieldsPanel::compute()
{
    if (!m_parcels || !m_workspace)
        return;
    // Each layer's path, and the mask the user attached to it (a GeoTIFF and its mask), if any.
    QStringList paths;
    QList<QPair<QString, MaskKind>> masks;
    for (int i = 0; i < m_workspace->layers()->count(); ++i) {
        const ProductInfo& info = m_workspace->layers()->at(i).product->info();
        paths << info.path;
        masks.append(attachedMask(info));
    }
    fields::FieldsOptions o;
    o.mask = m_workspace->maskSpec();
    o.allTouched = m_allTouched->isChecked();
    const auto parcels = m_parcels;
    struct Result
    {
        QList<fields::FieldsReport> reports;
        QStringList skipped;
    };
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    m_status->setText(tr("Computing the statistics of %n layer(s)…", nullptr, int(paths.size())));
    m_job->start<Result>(
        [parcels, paths, masks, o](JobContext& ctx) {
            Result r;
            const Progress progress = ctx.progress();
            for (int i = 0; i < paths.size(); ++i) {
                fields::FieldsOptions layer = o;
                std::tie(layer.maskFile, layer.maskKind) = std::tie(masks[i].first, masks[i].second);
                try {
                    r.reports << fields::fieldStatistics(*parcels, paths[i], layer,
                        progress.sub(double(i) / paths.size(), double(i + 1) / paths.size()));
                } catch (const Cancelled&) {
                    throw; // not a layer skipped: the run stops, the statistics shown stay
                } catch (const Error& e) { // another tile, no classes: the others still count
                    r.skipped << QStringLiteral("%1: %2").arg(QFileInfo(paths[i]).fileName(), e.message());
                }
            }
            return r;
        },
        [this, allTouched = o.allTouched](Result& r) {
            m_model->setReport(nullptr, 0); // it points into m_reports
            m_reports = r.reports;
            m_reportsAllTouched = allTouched;
            keepOpenLayersOnly(); // closed while this ran
            std::sort(m_reports.begin(), m_reports.end(),
                [](const fields::FieldsReport& a, const fields::FieldsReport& b) {
                    return a.date != b.date ? a.date < b.date : a.method < b.method;
                });
            m_cancel->setEnabled(m_openJob->isRunning());
            updateRun();
            m_progress->setValue(1000);
            QString message = tr("%n layer(s) computed", nullptr, int(m_reports.size()));
            if (!r.skipped.isEmpty())
                message += tr("; skipped: %1").arg(r.skipped.join(QStringLiteral("; ")));
            showStatus(m_status, message);
            showReports();
            Q_EMIT finished(!m_reports.isEmpty(), message);
        },
        JobRunner::IfBusy::Replace);
}

void FieldsPanel::cancel()
{
    m_openJob->cancel();
    m_job->cancel();
}

void FieldsPanel::showReports()
{
    const QString keep = m_date->currentData().toString();
    {
        const QSignalBlocker block(m_date);
        m_date->clear();
        for (const fields::FieldsReport& r : m_reports)
            m_date->addItem(r.method.isEmpty() ? tr("%1 (product)").arg(dateOf(r))
                                               : tr("%1, %2").arg(dateOf(r), r.method),
                r.path);
        // The layer kept, else the one on the map.
        int i = m_date->findData(keep);
        if (i < 0 && m_workspace && m_workspace->currentProduct())
            i = m_date->findData(m_workspace->currentProduct()->info().path);
        m_date->setCurrentIndex(i >= 0 ? i : 0);
    }
    const int d = m_date->currentIndex();
    const fields::FieldsReport* report = d >= 0 && d < m_reports.size() ? &m_reports[d] : nullptr;
    const int q
        = report ? std::max(0, int(report->quantities.indexOf(m_quantity->currentData().toString()))) : 0;
    m_model->setReport(report, q);
    updateExport();
    selectParcel(m_selected);
    showSelection();
}

void FieldsPanel::selectParcel(int parcel)
{
    m_selected = parcel;
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        if (m_proxy->data(m_proxy->index(r, 0), Qt::UserRole).toInt() == parcel) {
            const QSignalBlocker block(m_table->selectionModel());
            m_table->selectRow(r);
            m_table->scrollTo(m_proxy->index(r, 0));
            break;
        }
    if (parcel < 0)
        m_table->clearSelection();
    showSelection();
}

void FieldsPanel::refreshUnits()
{
    m_model->unitsChanged();
    showSelection();
}

void FieldsPanel::showSelection()
{
    const int d = m_date->currentIndex();
    if (m_selected < 0 || d < 0 || d >= m_reports.size()) {
        m_details->setText(m_reports.isEmpty() ? tr("Open parcels and compute to see each field's numbers.")
                                               : tr("Select a field in the table or click one on the map."));
        for (QChartView* v : { m_barChart, m_series }) { // say what will be there
            auto* empty = new QChart;
            empty->setTitle(v == m_barChart ? tr("Before / after of the selected field")
                    : m_reports.size() > 1
                    ? tr("The selected field over the dates")
                    : tr("The selected field over the dates (open several dates as layers)"));
            QChart* old = v->chart(); // setChart releases the old chart without deleting it
            v->setChart(empty);
            delete old;
        }
        return;
    }
    const fields::FieldsReport& r = m_reports[d];
    const fields::FieldStats& f = r.fields[m_selected];
    QString html = tr("<b>%1</b> — %2, %Ln pixel(s)<br>", nullptr,
        static_cast<int>(std::min<qint64>(f.pixels, std::numeric_limits<int>::max())))
                       .arg(f.label.toHtmlEscaped(), units::areaText(f.areaHa));
    html += tr("Hidden %1 % (cloud %2, shadow %3, cirrus %4, snow %5)")
                .arg(fmt(f.hiddenPercent, 1), fmt(f.cloudPercent, 1), fmt(f.shadowPercent, 1),
                    fmt(f.cirrusPercent, 1), fmt(f.snowPercent, 1));
    if (f.rebuiltPercent >= 0)
        html += tr("; rebuilt %1 % by %2").arg(fmt(f.rebuiltPercent, 1), r.method.toHtmlEscaped());
    html += QStringLiteral("<table cellspacing=4><tr><th></th><th>%1</th><th>%2</th></tr>")
                .arg(tr("before (visible)"), tr("after (all pixels)"));
    auto cell = [](const fields::Stats& s) {
        return s.n > 0
            ? QStringLiteral("%1 ± %2 <small>(median %3, p10–p90 %4–%5, n %6)</small>")
                  .arg(fmt(s.mean, 3), fmt(s.std, 3), fmt(s.median, 3), fmt(s.p10, 3), fmt(s.p90, 3))
                  .arg(s.n)
            : QStringLiteral("–");
    };
    for (int q = 0; q < r.quantities.size(); ++q)
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(r.quantities[q].toUpper(), cell(f.before[q]),
                        q < f.after.size() ? cell(f.after[q]) : QStringLiteral("–"));
    m_details->setText(html + QStringLiteral("</table>"));

    // Before / after means of every index.
    auto* bars = new QBarSeries;
    auto* before = new QBarSet(tr("Before (visible)"));
    auto* after = new QBarSet(tr("After (all pixels)"));
    QStringList cats;
    double lo = 0, hi = 0;
    for (int q = 0; q < r.quantities.size(); ++q) {
        cats << r.quantities[q].toUpper();
        const double b = f.before[q].mean, a = q < f.after.size() ? f.after[q].mean : NAN;
        *before << (std::isfinite(b) ? b : 0);
        *after << (std::isfinite(a) ? a : 0);
        for (double v : { b, a })
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
    }
    bars->append(before);
    if (f.rebuiltPercent >= 0)
        bars->append(after);
    showBars(m_barChart, new QChart, bars, cats, lo, hi)
        ->setTitle(tr("Field %1: mean of each index").arg(f.label));

    // The chosen index over the dates: clear observations, rebuilt values and hidden dates apart.
    const QString qk = m_quantity->currentData().toString();
    auto* line = new QLineSeries;
    line->setName(tr("%1 over time").arg(qk.toUpper()));
    auto* clear = new QScatterSeries;
    clear->setName(tr("clear"));
    clear->setColor(QColor(40, 150, 60));
    clear->setMarkerSize(10);
    auto* rebuilt = new QScatterSeries;
    rebuilt->setName(tr("rebuilt"));
    rebuilt->setColor(QColor(235, 120, 20));
    rebuilt->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    rebuilt->setMarkerSize(10);
    auto* hidden = new QScatterSeries;
    hidden->setName(tr("hidden (visible part)"));
    hidden->setColor(QColor(0, 0, 0, 0));
    hidden->setBorderColor(QColor(120, 120, 120));
    hidden->setMarkerSize(10);
    auto tips = std::make_shared<QHash<qint64, QString>>();
    double ylo = 1e300, yhi = -1e300;
    qint64 tmin = 0, tmax = 0;
    for (const fields::FieldsReport& rep : m_reports) {
        const int q = int(rep.quantities.indexOf(qk));
        const QDateTime t = QDateTime::fromString(rep.date, Qt::ISODate);
        if (q < 0 || !t.isValid() || m_selected >= rep.fields.size())
            continue;
        const fields::FieldStats& s = rep.fields[m_selected];
        const qint64 ms = t.toMSecsSinceEpoch() + (rep.method.isEmpty() ? 0 : 1); // rebuilt beside its date
        double v;
        QScatterSeries* target;
        if (s.rebuiltPercent >= 0) {
            v = s.after[q].mean;
            target = rebuilt;
        } else {
            v = s.before[q].mean;
            target = s.hiddenPercent < kClearBelowPercent ? clear : hidden;
        }
        if (!std::isfinite(v))
            continue;
        target->append(ms, v);
        if (target != hidden)
            line->append(ms, v);
        ylo = std::min(ylo, v);
        yhi = std::max(yhi, v);
        tmin = tmin == 0 ? ms : std::min(tmin, ms);
        tmax = std::max(tmax, ms);
        tips->insert(ms,
            tr("%1: %2 %3; hidden %4 %%5")
                .arg(QLocale().toString(t.date(), QLocale::ShortFormat), qk.toUpper(), fmt(v, 3),
                    fmt(s.hiddenPercent, 0),
                    s.rebuiltPercent >= 0
                        ? tr(", rebuilt %1 % (%2)").arg(fmt(s.rebuiltPercent, 0), rep.method)
                        : QString()));
    }
    auto* ts = new QChart;
    ts->setTitle(tr("Field %1: %2 per date").arg(f.label, qk.toUpper()));
    for (QXYSeries* s : std::initializer_list<QXYSeries*> { line, clear, rebuilt, hidden })
        ts->addSeries(s);
    auto* tx = new QDateTimeAxis;
    tx->setFormat(QStringLiteral("yyyy-MM-dd"));
    tx->setTickCount(3);
    const qint64 pad = std::max<qint64>(86400000LL * 5, (tmax - tmin) / 10);
    tx->setRange(QDateTime::fromMSecsSinceEpoch(tmin - pad), QDateTime::fromMSecsSinceEpoch(tmax + pad));
    auto* ty = new QValueAxis;
    if (yhi >= ylo)
        ty->setRange(ylo - 0.05 * std::max(0.1, yhi - ylo), yhi + 0.05 * std::max(0.1, yhi - ylo));
    ts->addAxis(tx, Qt::AlignBottom);
    ts->addAxis(ty, Qt::AlignLeft);
    for (QAbstractSeries* s : ts->series()) {
        s->attachAxis(tx);
        s->attachAxis(ty);
    }
    ts->legend()->setAlignment(Qt::AlignBottom);
    for (QScatterSeries* s : { clear, rebuilt, hidden })
        connect(s, &QScatterSeries::hovered, this, [tips](const QPointF& p, bool on) {
            if (on)
                QToolTip::showText(QCursor::pos(), tips->value(qint64(p.x())));
            else
                QToolTip::hideText();
        });
    QChart* old = m_series->chart();
    m_series->setChart(ts);
    delete old;
}

namespace {

// The statistics as a GeoPackage (the parcels with them as attributes) or a CSV table.
void writeExport(bool gpkg, const fields::ParcelSet* parcels, const QList<fields::FieldsReport>& reports,
    const QString& path)
{
    if (gpkg)
        fields::writeGeoPackage(*parcels, reports, path);
    else
        writeFileAtomically(path, fields::toCsv(reports).toUtf8());
}

} // namespace

bool FieldsPanel::exportTo(bool gpkg, const QString& path, QString* error) const
{
    if (gpkg && !m_parcels)
        return false;
    // runGuarded: out of memory on a huge table is a message too, not std::terminate in a slot.
    const auto failure = runGuarded([&] { writeExport(gpkg, m_parcels.get(), m_reports, path); });
    if (failure && error)
        *error = failure->message;
    return !failure;
}

bool FieldsPanel::exportCsv(const QString& path, QString* error) const
{
    return exportTo(false, path, error);
}

bool FieldsPanel::exportGeoPackage(const QString& path, QString* error) const
{
    return exportTo(true, path, error);
}

void FieldsPanel::chooseAndOpen()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open Parcels"), settings::lastParcelsFolder.get(),
            tr("Vector data (*.gpkg *.geojson *.json *.shp *.zip *.fgb *.kml *.gml);;All files (*)"));
    if (path.isEmpty())
        return;
    settings::lastParcelsFolder.set(QFileInfo(path).absolutePath());
    openParcels(path);
}

void FieldsPanel::chooseAndExport(bool gpkg)
{
    // A GeoPackage that exists gets our layers beside its own (nothing of it is replaced but layers of
    // the same names): the dialog does not ask whether to replace the file.
    const QString path = QFileDialog::getSaveFileName(this, gpkg ? tr("Export GeoPackage") : tr("Export CSV"),
        settings::lastParcelsFolder.get(), gpkg ? tr("GeoPackage (*.gpkg)") : tr("CSV (*.csv)"), nullptr,
        gpkg ? QFileDialog::DontConfirmOverwrite : QFileDialog::Options());
    if (path.isEmpty())
        return;
    if (gpkg && otherKindAt(path, OutputKind::GeoPackage)) {
        showStatus(m_status,
            tr("%1 exists and is not a GeoPackage: it is left as it is. Choose another name.").arg(path));
        return;
    }
    const bool existed = QFileInfo(path).isFile();
    // On a job thread: a national parcel set's GeoPackage takes long enough to freeze the window.
    m_csv->setEnabled(false);
    m_gpkg->setEnabled(false);
    m_status->setText(tr("Writing %1…").arg(path));
    m_exportJob->start<int>(
        [gpkg, path, parcels = m_parcels, reports = m_reports](JobContext&) {
            writeExport(gpkg, parcels.get(), reports, path);
            return 0;
        },
        [this, gpkg, existed, path](int&) {
            exportEnded(gpkg && existed ? tr("Added the layers to %1 (its other layers are kept)").arg(path)
                                        : tr("Wrote %1").arg(path));
        });
}

void FieldsPanel::updateExport()
{
    // One export at a time: a second one chosen meanwhile was refused without a word.
    m_csv->setEnabled(!m_reports.isEmpty() && !m_exportJob->isRunning());
    m_gpkg->setEnabled(!m_reports.isEmpty() && !m_exportJob->isRunning());
}

void FieldsPanel::exportEnded(const QString& message)
{
    updateExport();
    showStatus(m_status, message);
    Q_EMIT exported(message);
}

} // namespace unclouded::ui
