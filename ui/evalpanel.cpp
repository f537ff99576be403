#include "ui/evalpanel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>

#include "core/common/atomicfile.h"
#include "core/common/paths.h"
#include "core/io/product.h"
#include "core/recon/reconstruct.h"
#include "ui/advancedoptions.h"
#include "ui/charts.h"
#include "ui/jobrunner.h"
#include "ui/referencecombo.h"
#include "ui/settings.h"
#include "ui/statuslabel.h"
#include "ui/workspace.h"

namespace unclouded::ui {

namespace {

struct Column
{
    const char* title;
    bool higherIsBetter;
    int decimals;
    double (*get)(const eval::Metrics&);
};

// Marked for lupdate: tr(title) finds them under the panel's context.
const Column kColumns[] = {
    { QT_TRANSLATE_NOOP("unclouded::ui::EvalPanel", "PSNR (dB)"), true, 2,
        [](const eval::Metrics& m) { return m.psnr; } },
    { QT_TRANSLATE_NOOP("unclouded::ui::EvalPanel", "SSIM"), true, 4,
        [](const eval::Metrics& m) { return m.ssim; } },
    { QT_TRANSLATE_NOOP("unclouded::ui::EvalPanel", "SAM (°)"), false, 2,
        [](const eval::Metrics& m) { return m.sam; } },
    { QT_TRANSLATE_NOOP("unclouded::ui::EvalPanel", "MAE"), false, 4,
        [](const eval::Metrics& m) { return m.mae; } },
    { QT_TRANSLATE_NOOP("unclouded::ui::EvalPanel", "RMSE"), false, 4,
        [](const eval::Metrics& m) { return m.rmse; } },
    { QT_TRANSLATE_NOOP("unclouded::ui::EvalPanel", "NDVI MAE"), false, 4,
        [](const eval::Metrics& m) { return m.ndviMae; } },
};
constexpr int kMetricColumns = 6;

// A score to show: not a placeholder (SAM of one band is NaN, NDVI MAE without red or NIR is -1).
// A perfect rebuild's PSNR is +infinity, and a score.
bool isScore(double v)
{
    return !std::isnan(v) && v >= -0.5;
}

} // namespace

EvalPanel::EvalPanel(QWidget* parent)
    : QWidget(parent)
{
    m_clear = pathCombo(QStringLiteral("evalClear"));
    m_clear->setToolTip(
        tr("A clear product (or a truth GeoTIFF): its pixels are hidden, rebuilt and compared "
           "with what was there"));
    m_masks = pathCombo(QStringLiteral("evalMasks"));
    m_masks->setToolTip(tr("The product whose clouds give the shapes hidden in the clear product"));
    m_reference = new ReferenceCombo(tr("(none)"), this);
    m_reference->setObjectName(QStringLiteral("evalReference"));
    m_reference->setToolTip(tr("Other dates of the clear product's tile, for temporal fill and the networks "
                               "that use them (optional)"));
    m_methods = new QListWidget(this);
    m_methods->setObjectName(QStringLiteral("evalMethods"));
    // As tall as its rows, up to 128 px: never squeezed by the form (the dock scrolls instead).
    m_methods->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_methods->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
    m_methods->setMaximumHeight(128);
    struct Entry
    {
        QString label, id, tip;
    };
    for (const Entry& e : { Entry { tr("OpenCV Telea"), QStringLiteral("telea"), {} },
             Entry { tr("OpenCV Navier–Stokes"), QStringLiteral("ns"), {} },
             Entry { tr("Harmonic fill"), QStringLiteral("harmonic"),
                 tr("Each hidden pixel the mean of its neighbours: the smoothest surface that meets the "
                    "cloud's edge") },
             Entry { tr("Temporal fill (needs a reference)"), QStringLiteral("temporal"), {} },
             Entry { tr("General model (pretrained)"), QStringLiteral("pretrained"),
                 tr("With a reference date, the model that corrects the temporal fill") },
             Entry { tr("General model, one date (pretrained)"), QStringLiteral("pretrained-mono"),
                 tr("The one-date model even when a reference date is given: what the other date adds") } }) {
        auto* item = new QListWidgetItem(e.label, m_methods);
        item->setData(Qt::UserRole, e.id);
        item->setToolTip(e.tip);
        // By default the shipped model against the classical methods a user would otherwise use.
        item->setCheckState(e.id == QLatin1String("telea") || e.id == QLatin1String("ns")
                    || e.id == QLatin1String("harmonic") || e.id == QLatin1String("pretrained")
                ? Qt::Checked
                : Qt::Unchecked);
    }
    if (const QStringList ticked = settings::evalMethods.get(); !ticked.isEmpty())
        for (int i = 0; i < m_methods->count(); ++i)
            m_methods->item(i)->setCheckState(
                ticked.contains(m_methods->item(i)->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                                   : Qt::Unchecked);
    connect(m_methods, &QListWidget::itemChanged, this, [this] {
        QStringList ticked;
        for (int i = 0; i < m_methods->count(); ++i)
            if (m_methods->item(i)->checkState() == Qt::Checked)
                ticked << m_methods->item(i)->data(Qt::UserRole).toString();
        settings::evalMethods.set(ticked);
    });
    auto* addCkpt = new QPushButton(tr("Add Checkpoint…"), this);
    addCkpt->setToolTip(tr("Score a trained network (.pth) beside the other methods"));
    connect(addCkpt, &QPushButton::clicked, this, [this] {
        const QString f
            = QFileDialog::getOpenFileName(this, tr("Choose a checkpoint"), {}, tr("Checkpoints (*.pth)"));
        if (!f.isEmpty())
            addCheckpoint(f);
    });
    m_run = new QPushButton(tr("Evaluate"), this);
    m_run->setObjectName(QStringLiteral("evalRun"));
    m_run->setToolTip(tr("Hide the clear product behind the cloud masks, rebuild it with every ticked method "
                         "and score the hidden pixels"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop the evaluation"));
    m_cancel->setEnabled(false);
    m_csv = new QPushButton(tr("Export CSV…"), this);
    m_csv->setObjectName(QStringLiteral("evalCsv"));
    m_csv->setToolTip(tr("The scores per method and band as a CSV file"));
    m_csv->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_status = new StatusLabel(
        tr("Scores each method on simulated clouds: the clear product is hidden behind the cloud shapes of "
           "the mask product and rebuilt; only the hidden pixels are scored."),
        this);
    m_status->setObjectName(QStringLiteral("evalStatus"));
    connect(m_run, &QPushButton::clicked, this, &EvalPanel::start);
    connect(m_cancel, &QPushButton::clicked, this, &EvalPanel::cancel);
    connect(m_csv, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(
            this, tr("Export the scores"), QStringLiteral("evaluation.csv"), tr("CSV (*.csv)"));
        QString error;
        if (f.isEmpty())
            return;
        // Said either way: a success left an earlier error standing.
        showStatus(m_status, exportCsv(f, &error) ? tr("Wrote %1").arg(f) : error);
    });

    auto* form = new QFormLayout;
    form->addRow(tr("Clear product"), m_clear);
    form->addRow(tr("Cloud shapes from"), m_masks);
    form->addRow(tr("Reference date"), m_reference->withBrowseButton());
    form->addRow(tr("Methods"), m_methods);
    m_aoiOnly = new QCheckBox(tr("Only the area of interest"), this);
    m_aoiOnly->setObjectName(QStringLiteral("evalAoiOnly"));
    m_aoiOnly->setToolTip(tr("Score only the rectangle drawn on the map (Draw AOI or Shift+drag): on a whole "
                             "tile each method rebuilds all of it otherwise"));
    m_aoiOnly->setEnabled(false);
    form->addRow(QString(), m_aoiOnly);
    m_advanced
        = new AdvancedOptions(this, QStringLiteral("eval"), settings::evalAdvanced, settings::evalTemporalFit,
            settings::evalPrecision, settings::evalBandResolution, settings::evalHazeGuard);
    m_advanced->addRows(form);
    connect(m_methods, &QListWidget::itemChanged, this, &EvalPanel::updateAdvanced);
    connect(m_reference, &QComboBox::currentIndexChanged, this, &EvalPanel::updateAdvanced);
    // A clear product chosen from the list or typed in: its other dates.
    connect(m_clear, &QComboBox::activated, this, &EvalPanel::updateReferences);
    connect(m_clear->lineEdit(), &QLineEdit::editingFinished, this, &EvalPanel::updateReferences);
    updateAdvanced();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(addCkpt);
    buttons->addStretch(1);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_csv);
    form->addRow(buttons);
    form->addRow(m_progress);
    form->addRow(m_status);
    auto* inputs = new QWidget(this);
    inputs->setLayout(form);

    m_table = new QTableWidget(0, kMetricColumns + 1, this);
    m_table->setObjectName(QStringLiteral("evalTable"));
    QStringList headers;
    for (const Column& c : kColumns)
        headers << tr(c.title);
    headers << tr("Time (s)");
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("evalMetric"));
    m_metric->setToolTip(tr("The metric the charts show"));
    for (const Column& c : kColumns)
        m_metric->addItem(tr(c.title), QString::fromLatin1(c.title));
    remember(m_metric, settings::evalMetric);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &EvalPanel::updateCharts);
    form->insertRow(5, tr("Charts show"), m_metric); // under the methods: the charts keep the height
    m_chart = new QChartView(new QChart, this);
    m_chart->setObjectName(QStringLiteral("evalChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(190);
    m_bandChart = new QChartView(new QChart, this);
    m_bandChart->setObjectName(QStringLiteral("evalBandChart"));
    m_bandChart->setRenderHint(QPainter::Antialiasing);
    auto* charts = new QWidget(this);
    auto* cl = new QVBoxLayout(charts);
    cl->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    row->addWidget(m_chart, 1);
    row->addWidget(m_bandChart, 2);
    cl->addLayout(row, 1);

    // Inputs on the left; the scores across the full width of the rest (every column readable
    // without scrolling), the charts under them.
    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* left = new QWidget(this);
    auto* ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addWidget(inputs);
    ll->addStretch(1);
    auto* results = new QSplitter(Qt::Vertical, this);
    results->setObjectName(QStringLiteral("evalResults"));
    results->addWidget(m_table);
    results->addWidget(charts);
    results->setStretchFactor(0, 1);
    results->setStretchFactor(1, 3);
    results->setChildrenCollapsible(false);
    split->addWidget(left);
    split->addWidget(results);
    split->setStretchFactor(1, 1);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(split);
    m_job = new JobRunner(this);
    // The last update always arrives: the bar ends where the job ended.
    connect(m_job, &JobRunner::progress, this, [this](double f) { m_progress->setValue(int(f * 1000)); });
    connect(m_job, &JobRunner::cancelled, this, [this] { jobEnded(tr("Cancelled.")); });
    connect(m_job, &JobRunner::failed, this, &EvalPanel::jobEnded);
}

EvalPanel::~EvalPanel()
{
    // ~QWidget hides the children after this object's members are gone: the clear product's field
    // losing focus then must not reach updateReferences (it crashed a test).
    m_clear->lineEdit()->disconnect(this);
    m_clear->disconnect(this); // an edited combo emits activated() on losing focus too (UBSan)
} // m_job cancels and waits

// As in the Reconstruction dock, for the ticked methods: the networks' rows when one is ticked, the
// mapping when a reference is given to temporal fill or a network.
void EvalPanel::updateAdvanced()
{
    const bool reference = !m_reference->references().isEmpty();
    bool networks = false, temporal = false, harmonic = false;
    for (int i = 0; i < m_methods->count(); ++i)
        if (m_methods->item(i)->checkState() == Qt::Checked) {
            const recon::Method m = recon::Method::parse(m_methods->item(i)->data(Qt::UserRole).toString());
            networks |= m.kind == recon::MethodKind::Model;
            temporal |= m.kind == recon::MethodKind::Temporal;
            harmonic |= AdvancedOptions::startsHarmonic(m, reference);
        }
    m_advanced->setApplicable(networks, reference && (temporal || networks), harmonic);
}

QComboBox* EvalPanel::pathCombo(const QString& objectName)
{
    auto* c = new QComboBox(this);
    c->setObjectName(objectName);
    c->setEditable(true); // a path typed in: a truth GeoTIFF, a mask raster
    c->setInsertPolicy(QComboBox::NoInsert);
    c->setMinimumContentsLength(24);
    c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    return c;
}

void EvalPanel::setWorkspace(Workspace* workspace)
{
    m_workspace = workspace;
    connect(workspace, &Workspace::currentChanged, this,
        [this, workspace](int index) { setProducts(workspace->layers()->paths(), index); });
    connect(workspace, &Workspace::maskSpecChanged, this, &EvalPanel::setMaskSpec);
    connect(workspace, &Workspace::aoiChanged, this, &EvalPanel::setAoi);
}

void EvalPanel::setAoi(const QRect& aoi)
{
    m_aoi = aoi.isEmpty() ? Window {} : Window { aoi.x(), aoi.y(), aoi.width(), aoi.height() };
    m_aoiOnly->setEnabled(!aoi.isEmpty());
    m_aoiOnly->setChecked(!aoi.isEmpty());
}

void EvalPanel::setProducts(const QStringList& paths, int current)
{
    const QStringList before = std::exchange(m_products, paths);
    bool dropped = false;
    for (QComboBox* c : { m_clear, m_masks }) {
        const QString keep = c->currentText();
        // The combos are editable: a layer that closed would stay as their text (while a run lasts
        // they show what it scores).
        const bool closed = !isRunning() && before.contains(keep) && !paths.contains(keep);
        c->clear();
        for (const QString& p : paths)
            c->addItem(p);
        if (!keep.isEmpty() && !closed)
            c->setCurrentText(keep);
        dropped |= closed;
    }
    // A sensible start: clouds from the product on the map, a clear one from another date, when
    // the map shows another layer or a choice closed (another layer closing keeps the user's); not
    // while a run lasts, whose inputs the combos show.
    if (!isRunning() && current >= 0 && current < paths.size()
        && (paths[current] != m_defaultsFor || dropped)) {
        m_defaultsFor = paths[current];
        m_masks->setCurrentText(paths[current]);
        for (int i = 0; i < paths.size(); ++i)
            if (i != current) {
                m_clear->setCurrentText(paths[i]);
                break;
            }
    }
    updateReferences();
}

void EvalPanel::updateReferences()
{
    const QString clear = m_clear->currentText().trimmed();
    QStringList dates;
    QHash<QString, ReferenceFit> coverage;
    if (!m_workspace) {
        for (const QString& p : m_products)
            if (p != clear)
                dates << p;
    } else if (!clear.isEmpty()) {
        const QStringList layers = m_workspace->layers()->paths();
        int self = -1;
        for (int i = 0; i < layers.size() && self < 0; ++i)
            if (samePath(layers[i], clear))
                self = i;
        std::shared_ptr<const Product> product;
        if (self >= 0) {
            product = m_workspace->layers()->at(self).product;
        } else if (clear == m_openedPath) {
            product = m_opened;
        } else if (QFileInfo::exists(clear)) {
            // A truth GeoTIFF or another product not on the map: its grid, bands and date, opened once
            // per path off the GUI thread (a SAFE's first open checks its files; a STAC item's remote
            // bands froze the window for minutes on a slow server). The dates follow once it is open.
            openClear(clear);
            return;
        }
        if (product) {
            dates = m_workspace->referenceCandidates(*product, self);
            coverage = Workspace::referenceCoverage(*product, *m_workspace->layers());
        }
    }
    m_reference->setCandidates(dates, ReferenceCombo::Fallback::None);
    m_reference->setCoverage(coverage);
    m_reference->setEnabled(m_reference->count() > 1);
}

void EvalPanel::openClear(const QString& path)
{
    if (path == m_opening)
        return; // on its way
    m_opening = path;
    // Not a JobRunner: its destructor waits, and an open stalled on a remote server would hold the
    // window's closing; main() waits for jobPool() a few seconds only (as for the Preferences' cache
    // count).
    auto* watcher = new QFutureWatcher<std::shared_ptr<const Product>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        if (m_opening == path)
            m_opening.clear();
        m_opened = watcher->result();
        m_openedPath = path;
        if (m_clear->currentText().trimmed() == path)
            updateReferences();
        if (std::exchange(m_startWhenOpen, false))
            start();
    });
    watcher->setFuture(QtConcurrent::run(jobPool(), [path]() -> std::shared_ptr<const Product> {
        try {
            return Product::open(path);
        } catch (...) { // the evaluation reports it when it starts
            return {};
        }
    }));
}

void EvalPanel::addCheckpoint(const QString& path)
{
    for (int i = 0; i < m_methods->count(); ++i)
        if (m_methods->item(i)->data(Qt::UserRole).toString() == path)
            return;
    auto* item = new QListWidgetItem(recon::Method::parse(path).label(), m_methods);
    item->setData(Qt::UserRole, path);
    item->setToolTip(path);
    item->setCheckState(Qt::Checked);
}

void EvalPanel::setMaskSpec(const MaskSpec& spec)
{
    m_mask = spec;
}

void EvalPanel::setInputs(const QString& clear, const QString& masksFrom, const QStringList& references)
{
    m_clear->setCurrentText(clear);
    m_masks->setCurrentText(masksFrom);
    updateReferences();
    m_reference->setReferences(references);
    m_reference->setEnabled(m_reference->count() > 1);
}

void EvalPanel::setMethods(const QStringList& methods)
{
    for (const QString& m : methods)
        if (recon::Method::parse(m).kind == recon::MethodKind::Model)
            addCheckpoint(m);
    for (int i = 0; i < m_methods->count(); ++i)
        m_methods->item(i)->setCheckState(methods.contains(m_methods->item(i)->data(Qt::UserRole).toString())
                ? Qt::Checked
                : Qt::Unchecked);
}

eval::EvalOptions EvalPanel::options() const
{
    eval::EvalOptions o;
    o.clear = m_clear->currentText().trimmed();
    o.masksFrom = m_masks->currentText().trimmed();
    o.references = m_reference->references();
    if (m_workspace) // the clouds the user attached to those dates
        m_workspace->attachedMasks(o.references, o.referenceMasks, o.referenceMaskKinds);
    o.mask = m_mask;
    o.temporalFit = m_advanced->temporalFit();
    o.precision = m_advanced->precision();
    o.bandResolution = m_advanced->bandResolution();
    o.hazeGuard = m_advanced->hazeGuard();
    if (m_aoiOnly->isChecked() && m_aoiOnly->isEnabled())
        o.aoi = m_aoi; // the map's grid: the clear product's when it is of the same tile
    for (int i = 0; i < m_methods->count(); ++i)
        if (m_methods->item(i)->checkState() == Qt::Checked)
            o.methods << recon::Method::parse(m_methods->item(i)->data(Qt::UserRole).toString());
    return o;
}

bool EvalPanel::aoiFitsClear(const QString& clear) const
{
    const auto map = m_workspace ? m_workspace->currentProduct() : nullptr;
    if (!map)
        return true; // scripted use: the caller's grid
    std::shared_ptr<const Product> product;
    for (int i = 0; i < m_workspace->layers()->count() && !product; ++i)
        if (samePath(m_workspace->layers()->at(i).product->info().path, clear))
            product = m_workspace->layers()->at(i).product;
    if (!product && m_openedPath == clear)
        product = m_opened;
    // Not known (nothing could open it): the evaluation says why it cannot read it.
    return !product || sameGrid(product->info(), map->info());
}

bool EvalPanel::isRunning() const
{
    return m_job->isRunning();
}

void EvalPanel::start()
{
    if (isRunning())
        return;
    const eval::EvalOptions o = options();
    if (!m_opening.isEmpty() && m_opening == o.clear) {
        // Its other dates are not known yet: the choice in the list may be the last product's.
        m_startWhenOpen = true;
        m_status->setText(tr("Opening %1…").arg(o.clear));
        return;
    }
    QString problem;
    if (o.clear.isEmpty() || o.masksFrom.isEmpty())
        problem = tr("Choose a clear product and the product (or mask) to take cloud shapes from.");
    else if (o.methods.isEmpty())
        problem = tr("Tick at least one method.");
    else if (o.methods.contains(recon::Method { recon::MethodKind::Temporal, {} }) && o.references.isEmpty())
        problem = tr("Temporal fill needs a reference date.");
    else if (o.aoi.w > 0 && !aoiFitsClear(o.clear))
        problem
            = tr("The area of interest is drawn on the map's layer, and the clear product lies on another "
                 "grid: untick “Only the area of interest”, or draw it over the clear product.");
    if (!problem.isEmpty()) {
        showStatus(m_status, problem);
        Q_EMIT finished(false, problem);
        return;
    }
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    m_runAoi = o.aoi;
    // The last run's scores are not this run's: a failed run left them up, exportable as its own.
    m_report = {};
    showReport();
    m_csv->setEnabled(false);
    m_status->setText(tr("Evaluating %n method(s)…", nullptr, int(o.methods.size())));
    m_job->start<eval::EvalReport>(
        [o](JobContext& ctx) { return eval::evaluateSimulated(o, ctx.progress()); },
        [this](eval::EvalReport& r) { jobFinished(r); });
}

void EvalPanel::cancel()
{
    m_job->cancel();
}

void EvalPanel::jobEnded(const QString& message)
{
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    m_progress->setValue(0);
    showStatus(m_status, message);
    Q_EMIT finished(false, message);
}

void EvalPanel::jobFinished(const eval::EvalReport& report)
{
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    m_progress->setValue(1000);
    m_report = report;
    showReport();
    m_csv->setEnabled(true);
    QString text = tr("%Ln hidden pixel(s) scored (%L1 % of the area).", nullptr,
        static_cast<int>(std::min<qint64>(m_report.hiddenPixels, std::numeric_limits<int>::max())))
                       .arg(m_report.hiddenPercent, 0, 'f', 1);
    text += ReferenceCombo::takenAsClear(m_report.referencesWithoutClasses);
    if (m_runAoi.w > 0)
        text += QLatin1Char(' ')
            + tr("Only the area of interest, %1 x %2 px.").arg(m_runAoi.w).arg(m_runAoi.h);
    for (const QString& w : m_report.warnings) // a mask on another window, matched by size...
        text += QLatin1Char('\n') + tr("Warning: %1").arg(w);
    showStatus(m_status, text);
    Q_EMIT finished(true, m_status->text());
}

void EvalPanel::showReport()
{
    const auto& scores = m_report.scores;
    m_table->setRowCount(scores.size());
    QStringList rows;
    for (const eval::MethodScore& s : scores)
        rows << s.label;
    m_table->setVerticalHeaderLabels(rows);
    for (int c = 0; c < kMetricColumns; ++c) {
        int best = -1;
        for (int r = 0; r < scores.size(); ++r) {
            const double v = kColumns[c].get(scores[r].metrics);
            if (!scores[r].error.isEmpty() || !isScore(v))
                continue;
            if (best < 0
                || (kColumns[c].higherIsBetter ? v > kColumns[c].get(scores[best].metrics)
                                               : v < kColumns[c].get(scores[best].metrics)))
                best = r;
        }
        for (int r = 0; r < scores.size(); ++r) {
            const double v = kColumns[c].get(scores[r].metrics);
            auto* item = new QTableWidgetItem(!scores[r].error.isEmpty() ? tr("failed")
                    : std::isinf(v) && isScore(v)                        ? QStringLiteral("∞")
                    : isScore(v) ? QLocale().toString(v, 'f', kColumns[c].decimals)
                                 : QStringLiteral("–"));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (!scores[r].error.isEmpty())
                item->setToolTip(scores[r].error);
            if (r == best) { // the best of each metric, bold on green
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
                item->setBackground(QColor(200, 235, 200));
                item->setData(Qt::UserRole, true);
            }
            m_table->setItem(r, c, item);
        }
    }
    for (int r = 0; r < scores.size(); ++r)
        m_table->setItem(
            r, kMetricColumns, new QTableWidgetItem(QLocale().toString(scores[r].seconds, 'f', 1)));
    updateCharts();
}

void EvalPanel::updateCharts()
{
    const int c = m_metric->currentIndex();
    auto* chart = new QChart;
    chart->setTitle(tr("%1 on hidden pixels").arg(tr(kColumns[c].title)));
    auto* series = new QBarSeries;
    auto* bandSeries = new QBarSeries;
    double lo = 0, hi = 0, bhi = 0, blo = 0;
    QStringList bandNames;
    QList<QBarSet*> unseen;
    for (const eval::MethodScore& s : m_report.scores) {
        if (!s.error.isEmpty())
            continue;
        // A placeholder drawn as 0 read as a perfect SAM or the worst PSNR; an infinite PSNR
        // stretched the axis to infinity. Neither is drawn (its set stays, unseen, so the i-th colour
        // is the i-th method in both charts).
        const double v = kColumns[c].get(s.metrics);
        auto* set = new QBarSet(s.label);
        if (isScore(v) && std::isfinite(v)) {
            *set << v;
            hi = std::max(hi, v);
            lo = std::min(lo, v);
        } else {
            *set << 0;
            unseen << set;
        }
        series->append(set);
        // Per band: PSNR, SSIM, MAE or RMSE follow the chosen metric (PSNR otherwise).
        auto* bs = new QBarSet(s.label);
        bandNames.clear();
        for (const eval::BandScore& b : s.metrics.bands) {
            const double bv = c == 1 ? b.ssim : c == 3 ? b.mae : c == 4 ? b.rmse : b.psnr;
            const bool shown = isScore(bv) && std::isfinite(bv);
            *bs << (shown ? bv : 0);
            if (shown) {
                bhi = std::max(bhi, bv);
                blo = std::min(blo, bv);
            }
            bandNames << b.band;
        }
        bandSeries->append(bs);
    }
    const char* bandMetric = c == 1 ? "SSIM" : c == 3 ? "MAE" : c == 4 ? "RMSE" : "PSNR (dB)";
    showBars(m_chart, chart, series, { tr(kColumns[c].title) }, lo, hi, 0);
    for (QBarSet* set : unseen) { // after the theme coloured them
        set->setColor(Qt::transparent);
        set->setBorderColor(Qt::transparent);
    }
    // The per-band chart beside it lists the same methods in the same colours, with room for their
    // names: here they were cut to "OpenC…" twice.
    chart->legend()->hide();
    // Twelve band names fit side by side only upright.
    showBars(m_bandChart, new QChart, bandSeries, bandNames, blo, bhi, -90)
        ->setTitle(tr("%1 per band").arg(tr(bandMetric)));
}

bool EvalPanel::exportCsv(const QString& path, QString* error) const
{
    const auto failure = runGuarded([&] { writeFileAtomically(path, eval::toCsv(m_report).toUtf8()); });
    if (failure && error)
        *error = failure->message;
    return !failure;
}

} // namespace unclouded::ui
