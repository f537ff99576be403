#include "ui/trainpanel.h"

#include <cmath>
#include <utility>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/common/job.h"
#include "core/common/runtime.h"
#include "core/ml/mlruntime.h"
#include "ui/narrow.h"
#include "ui/qcp.h"
#include "ui/referencecombo.h"
#include "ui/settings.h"
#include "ui/statuslabel.h"
#include "ui/workspace.h"

namespace unclouded::ui {

namespace {

// True colour of one preview plane set (bands x size x size reflectance), 0..0.3 stretch.
QImage previewImage(const ml::Preview& p, const std::vector<float>& planes, bool outline)
{
    const int s = p.size;
    const size_t n = static_cast<size_t>(s) * s;
    const int r = static_cast<int>(p.bands.indexOf(QStringLiteral("B04"))),
              g = static_cast<int>(p.bands.indexOf(QStringLiteral("B03"))),
              b = static_cast<int>(p.bands.indexOf(QStringLiteral("B02")));
    const int ch[3] = { r >= 0 ? r : 0, g >= 0 ? g : 0, b >= 0 ? b : 0 };
    QImage img(s, s, QImage::Format_RGB32);
    for (int y = 0; y < s; ++y)
        for (int x = 0; x < s; ++x) {
            const size_t k = static_cast<size_t>(y) * s + x;
            int c[3];
            for (int i = 0; i < 3; ++i)
                c[i] = std::clamp(static_cast<int>(planes[ch[i] * n + k] / 0.3f * 255), 0, 255);
            if (outline && p.mask[k]) {
                const bool edge = x == 0 || y == 0 || x == s - 1 || y == s - 1 || !p.mask[k - 1]
                    || !p.mask[k + 1] || !p.mask[k - s] || !p.mask[k + s];
                if (edge)
                    c[0] = 255, c[1] = 140, c[2] = 0;
            }
            img.setPixel(x, y, qRgb(c[0], c[1], c[2]));
        }
    return img.scaled(160, 160, Qt::KeepAspectRatio, Qt::FastTransformation);
}

} // namespace

void TrainWorker::run(const ml::TrainOptions& options)
{
    control.stop = false;
    control.pause = false;
    ml::TrainCallbacks cb;
    // Called on this worker's thread: signals reach the panel queued, never touching widgets here.
    cb.onBatch = [this](int e, int b, int n, double l) { Q_EMIT batchDone(e, b, n, l); };
    cb.onEpoch = [this](const ml::EpochStats& s) {
        Q_EMIT epochDone(s.epoch, s.trainLoss, s.valLoss, s.valPsnr, s.patchesPerSecond, s.seconds);
    };
    cb.onPreview = [this](const ml::Preview& p) {
        Q_EMIT previewReady(previewImage(p, p.input, true), previewImage(p, p.prediction, false),
            previewImage(p, p.truth, false));
    };
    cb.onLog = [this](const QString& s) { Q_EMIT logLine(s); };
    ml::TrainResult r;
    if (const auto failure = runGuarded([&] { r = ml::train(options, control, cb); }))
        Q_EMIT finished(false, failure->cancelled ? tr("Stopped before training began.") : failure->message);
    else if (!r.failure.isEmpty())
        Q_EMIT finished(false, r.failure);
    else if (!r.improved && !r.keptEarlier) // a file already at that path is an older run's, never this one's
        Q_EMIT finished(false, tr("Stopped before the first validation: no checkpoint was written."));
    else
        Q_EMIT finished(
            true, (r.stopped ? tr("Stopped. ") : tr("Done. ")) + tr("Best checkpoint: %1").arg(r.bestPath));
}

TrainPanel::TrainPanel(QWidget* parent)
    : QWidget(parent)
    , m_worker(new TrainWorker)
{
    qRegisterMetaType<ml::TrainOptions>();
    m_model = new QComboBox(this);
    m_model->addItem(tr("U-Net"), static_cast<int>(ml::ModelKind::UNet));
    m_model->addItem(tr("CNN encoder–decoder"), static_cast<int>(ml::ModelKind::Cnn));
    auto spin = [this](int lo, int hi, int v) {
        auto* s = new QSpinBox(this);
        s->setRange(lo, hi);
        s->setValue(v);
        return s;
    };
    m_epochs = spin(1, 1000, 20);
    m_batch = spin(1, 256, 4);
    m_lr = new QDoubleSpinBox(this);
    m_lr->setDecimals(6);
    m_lr->setRange(1e-6, 0.1);
    m_lr->setSingleStep(1e-5);
    m_lr->setValue(5e-5);
    m_patch = spin(16, 512, 128);
    m_patch->setSingleStep(16);
    m_width = spin(4, 128, 32);
    m_depth = spin(1, 6, 4);
    m_seed = spin(0, 1000000, 1);
    m_maxPatches = spin(4, 100000, 256);
    m_rotate = new QCheckBox(tr("90° rotations"), this);
    m_model->setToolTip(tr("U-Net: skip connections keep fine detail (better, slower). CNN: a plain "
                           "encoder–decoder (faster, blurrier)."));
    m_epochs->setToolTip(tr("Passes over the training crops (reference design only)"));
    m_batch->setToolTip(tr("Crops per optimizer step (reference design only)"));
    m_lr->setToolTip(tr("Adam's learning rate (reference design only)"));
    m_patch->setToolTip(tr("Side of the training crops in pixels; shrunk to fit small scenes and AOIs"));
    m_width->setToolTip(tr("Channels of the first layer: wider learns more, slower"));
    m_depth->setToolTip(tr("Levels of the encoder: deeper sees more context, needs larger crops"));
    m_seed->setToolTip(tr("Random seed of the crops, cloud shapes and weights: the same seed repeats a run"));
    m_maxPatches->setToolTip(tr("At most this many training crops are drawn from the product"));
    m_rotate->setToolTip(
        tr("Also rotate the crops by 90° (besides flips): more variety, for scenes without a "
           "preferred direction"));
    m_reference = new ReferenceCombo(tr("none"), this);
    m_reference->setObjectName(QStringLiteral("trainReference"));
    m_reference->setToolTip(tr("Other dates of the same tile: the network starts from their temporal fill"));
    m_refClouds = new QCheckBox(tr("clouds on other dates"), this);
    m_refClouds->setToolTip(
        tr("With a reference date, from scratch: half of the training crops get clouds on their other "
           "dates too, so the network also learns the pixels no date shows (as the general model did). "
           "Without it, reconstruction keeps temporal fill's inpainting there. A fine-tune keeps the "
           "general model's setting."));
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("trainPreset"));
    m_preset->addItem(tr("Recommended (warm-up, decay, early stop)"), QStringLiteral("default"));
    m_preset->addItem(tr("Reference design (the epochs, batch and rate below)"), QStringLiteral("seed"));
    m_preset->setToolTip(
        tr("Recommended: Adam 1e-3 with warm-up and cosine decay over 600 steps, stopping when validation "
           "stops improving. Reference design: Adam at a constant rate for a number of epochs."));
    m_init = new QComboBox(this);
    m_init->setObjectName(QStringLiteral("trainInit"));
    m_init->addItem(tr("Scratch"), QString());
    m_init->addItem(tr("General model (fine-tune)"), QStringLiteral("pretrained"));
    m_init->setToolTip(tr(
        "Fine-tuning the shipped general model needs only a few minutes; its network, crop size and inputs "
        "are kept. Its "
        "validation sees the product's clear ground under small holes, not its clouds: on real cities behind "
        "large clouds the one-date fine-tune rebuilt them worse than the general model as it ships."));
    // Clouds on other dates need other dates and a fresh network (a fine-tune keeps its start's).
    auto refCloudsUsable = [this] {
        m_refClouds->setEnabled(
            !m_reference->references().isEmpty() && m_init->currentData().toString().isEmpty());
    };
    connect(m_reference, &QComboBox::currentIndexChanged, this, refCloudsUsable);
    connect(m_init, &QComboBox::currentIndexChanged, this, refCloudsUsable);
    refCloudsUsable();
    auto presetChanged = [this] {
        const bool seed = m_preset->currentData().toString() == QLatin1String("seed");
        for (QWidget* w :
            { static_cast<QWidget*>(m_epochs), static_cast<QWidget*>(m_batch), static_cast<QWidget*>(m_lr) })
            w->setEnabled(seed);
    };
    connect(m_preset, &QComboBox::currentIndexChanged, this, presetChanged);
    presetChanged();
    m_device = new QComboBox(this);
    m_device->setToolTip(tr("Where the network trains: the CPU, or an NVIDIA GPU when LibTorch finds one"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    if (cudaAvailable())
        m_device->addItem(tr("CUDA"), QStringLiteral("cuda"));
    m_out = new QLineEdit(this);
    m_out->setObjectName(QStringLiteral("trainOut"));
    m_out->setToolTip(tr("The checkpoint written (the best epoch; the last one beside it as .last.pth)"));
    auto* browse = new QPushButton(tr("…"), this);
    browse->setToolTip(tr("Choose where the checkpoint is saved"));
    browse->setAccessibleName(browse->toolTip()); // read out instead of "…"
    browse->setMaximumWidth(30);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f
            = QFileDialog::getSaveFileName(this, tr("Checkpoint"), m_out->text(), tr("Checkpoints (*.pth)"));
        if (!f.isEmpty()) {
            m_out->setText(f);
            m_replaceAgreed = QFileInfo::exists(f) ? f : QString(); // the dialog asked about it
        }
    });
    // A fine-tune takes its network and crop size from the checkpoint it starts from (as the CLI's
    // `train --init` does): those fields would only pretend to choose.
    auto architectureUsable = [this] {
        const bool fresh = m_init->currentData().toString().isEmpty();
        const auto kind = static_cast<ml::ModelKind>(m_model->currentData().toInt());
        for (QWidget* w : { static_cast<QWidget*>(m_model), static_cast<QWidget*>(m_width),
                 static_cast<QWidget*>(m_patch) })
            w->setEnabled(fresh);
        m_depth->setEnabled(fresh && kind == ml::ModelKind::UNet);
    };
    connect(m_init, &QComboBox::currentIndexChanged, this, architectureUsable);
    connect(m_model, &QComboBox::currentIndexChanged, this, [this, architectureUsable] {
        const auto kind = static_cast<ml::ModelKind>(m_model->currentData().toInt());
        m_epochs->setValue(kind == ml::ModelKind::Cnn ? 10 : 20);
        architectureUsable();
        const QFileInfo fi(m_out->text());
        if (fi.fileName().isEmpty() || fi.fileName() == QLatin1String("unet_cloud.pth")
            || fi.fileName() == QLatin1String("simple_cnn_cloud.pth"))
            m_out->setText(QDir(fi.fileName().isEmpty() ? QDir::homePath() : fi.absolutePath())
                               .filePath(ml::defaultCheckpointName(kind)));
    });
    m_out->setText(QDir::home().filePath(ml::defaultCheckpointName(ml::ModelKind::UNet)));
    // The model first: choosing one sets its default epochs, which a stored value then overrides.
    remember(m_model, settings::trainModel);
    remember(m_epochs, settings::trainEpochs);
    remember(m_batch, settings::trainBatch);
    remember(m_lr, settings::trainLr);
    remember(m_patch, settings::trainPatch);
    remember(m_width, settings::trainWidth);
    remember(m_depth, settings::trainDepth);
    remember(m_maxPatches, settings::trainMaxPatches);
    remember(m_rotate, settings::trainRotate90);
    remember(m_refClouds, settings::trainReferenceClouds);
    remember(m_seed, settings::trainSeed);
    remember(m_preset, settings::trainPreset);
    remember(m_init, settings::trainInit);
    remember(m_device, settings::trainDevice);

    auto* form = new QFormLayout;
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("Epochs"), m_epochs);
    form->addRow(tr("Batch"), m_batch);
    form->addRow(tr("Learning rate"), m_lr);
    form->addRow(tr("Patch (px)"), m_patch);
    // Several widgets in one row (side by side) or one above the other (two check boxes would not fit
    // a side column's width).
    auto group = [this](std::initializer_list<QWidget*> widgets, bool sideBySide) {
        auto* w = new QWidget(this);
        auto* l = new QBoxLayout(sideBySide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom, w);
        l->setContentsMargins(0, 0, 0, 0);
        for (QWidget* x : widgets)
            l->addWidget(x);
        return w;
    };
    form->addRow(tr("Width / depth"), group({ m_width, m_depth }, true));
    form->addRow(tr("Max patches"), m_maxPatches);
    form->addRow(tr("Augment"), group({ m_rotate, m_refClouds }, false));
    form->addRow(tr("Reference date"), m_reference->withBrowseButton());
    form->addRow(tr("Start from"), m_init);
    form->addRow(tr("Schedule"), m_preset);
    form->addRow(tr("Device"), m_device);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("Checkpoint"), [&] {
        auto* w = new QWidget(this);
        auto* l = new QHBoxLayout(w);
        l->setContentsMargins(0, 0, 0, 0);
        l->addWidget(m_out);
        l->addWidget(browse);
        return w;
    }());

    m_start = new QPushButton(tr("Start"), this);
    m_start->setObjectName(QStringLiteral("trainStart"));
    m_pause = new QPushButton(tr("Pause"), this);
    m_pause->setObjectName(QStringLiteral("trainPause"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("trainStop"));
    m_start->setToolTip(tr("Train on the current product's clear areas, hidden behind its own cloud shapes"));
    m_pause->setToolTip(tr("Pause after the current batch; press again to resume"));
    m_stop->setToolTip(tr("Stop after the current batch; the best checkpoint so far is kept"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_stop);
    m_progress = new QProgressBar(this);
    m_status = new StatusLabel(tr("Open a product with an SCL, then Start."), this);
    m_status->setObjectName(QStringLiteral("trainStatus"));
    m_logScale = new QCheckBox(tr("Log scale"), this);
    m_logScale->setToolTip(tr("Show the loss on a logarithmic axis"));

    m_plot = new QCustomPlot(this);
    m_plot->setMinimumHeight(160);
    m_plot->xAxis->setLabel(tr("Epoch"));
    m_plot->yAxis->setLabel(tr("Masked MSE (normalised)"));
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setLabel(tr("Validation PSNR (dB)"));
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(font().family(), 8));
    const QColor colours[4]
        = { QColor(150, 180, 230), QColor(30, 90, 200), QColor(220, 80, 30), QColor(40, 150, 60) };
    const QString names[4] = { tr("train (batch)"), tr("train (epoch)"), tr("validation"), tr("val PSNR") };
    for (int i = 0; i < 4; ++i) {
        QCPGraph* g = m_plot->addGraph(m_plot->xAxis, i == 3 ? m_plot->yAxis2 : m_plot->yAxis);
        g->setName(names[i]);
        g->setPen(QPen(colours[i], i == 0 ? 1 : 2));
        if (i > 0)
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    }

    auto* previews = new QVBoxLayout;
    m_previewLayout = previews;
    const QString captions[3] = { tr("input (hidden outlined)"), tr("reconstruction"), tr("truth") };
    for (int i = 0; i < 3; ++i) {
        m_preview[i] = new QLabel(this);
        m_preview[i]->setFixedSize(110, 110);
        m_preview[i]->setScaledContents(true);
        m_preview[i]->setStyleSheet(QStringLiteral("background: #222;"));
        m_preview[i]->setToolTip(captions[i]);
        auto* one = new QVBoxLayout; // caption above its picture, in a column or a row of three
        auto* caption = new QLabel(captions[i], this);
        caption->setWordWrap(true); // as narrow as its picture in a side column
        caption->setMaximumWidth(110);
        one->addWidget(caption);
        one->addWidget(m_preview[i]);
        previews->addLayout(one);
    }

    // Options in a scrolling column, the curves in the middle, the preview on the right:
    // a wide, low panel that sits under the map.
    auto* optionsWidget = new QWidget(this);
    m_optionsForm = optionsWidget;
    auto* optionsLay = new QVBoxLayout(optionsWidget);
    optionsLay->setContentsMargins(0, 0, 0, 0);
    optionsLay->addLayout(form);
    optionsLay->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(optionsWidget);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_optionsWidth = optionsWidget->sizeHint().width() + 24;
    scroll->setMinimumWidth(m_optionsWidth);
    letCombosShrink(this); // after the width above: under the map the options show their texts in full
    auto* middle = new QVBoxLayout;
    middle->addLayout(buttons);
    middle->addWidget(m_progress);
    middle->addWidget(m_status);
    middle->addWidget(m_plot, 1);
    middle->addWidget(m_logScale);
    auto* lay = new QHBoxLayout(this);
    lay->addWidget(scroll);
    lay->addLayout(middle, 1);
    lay->addLayout(previews);
    m_layout = lay;

    m_replot.setSingleShot(true);
    m_replot.setInterval(40);
    connect(&m_replot, &QTimer::timeout, this, [this] {
        m_plot->rescaleAxes();
        if (m_logScale->isChecked())
            m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        else
            m_plot->yAxis->setScaleType(QCPAxis::stLinear);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    connect(m_logScale, &QCheckBox::toggled, this, &TrainPanel::scheduleReplot);

    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &TrainPanel::startRequested, m_worker, &TrainWorker::run, Qt::QueuedConnection);
    connect(m_worker, &TrainWorker::batchDone, this, [this](int epoch, int batch, int batches, double loss) {
        ++m_batchesSeen;
        m_plot->graph(0)->addData(epoch - 1 + static_cast<double>(batch) / batches, loss);
        const qint64 total = static_cast<qint64>(batches) * m_epochsPlanned;
        m_progress->setRange(0, static_cast<int>(total));
        m_progress->setValue(static_cast<int>(std::min(total, m_batchesSeen)));
        const double elapsed = (m_clock.elapsed() - m_pausedMs) / 1000.0; // time paused is no work
        const double eta = m_batchesSeen > 0 ? elapsed / m_batchesSeen * (total - m_batchesSeen) : 0;
        m_status->setText(tr("Epoch %1 / %2, batch %3 / %4, loss %L5, ETA %L6 s")
                              .arg(epoch)
                              .arg(m_epochsPlanned)
                              .arg(batch)
                              .arg(batches)
                              .arg(loss, 0, 'g', 4)
                              .arg(std::max(0.0, eta), 0, 'f', 0));
        scheduleReplot();
    });
    connect(m_worker, &TrainWorker::epochDone, this,
        [this](int epoch, double train, double val, double psnr, double pps, double) {
            m_plot->graph(1)->addData(epoch, train);
            m_plot->graph(2)->addData(epoch, val);
            m_plot->graph(3)->addData(epoch, psnr);
            m_status->setText(tr("Epoch %1: validation loss %L2, PSNR %L3 dB, %L4 patches/s")
                                  .arg(epoch)
                                  .arg(val, 0, 'g', 4)
                                  .arg(psnr, 0, 'f', 2)
                                  .arg(pps, 0, 'f', 1));
            scheduleReplot();
            Q_EMIT epochFinished(epoch, val, psnr);
        });
    connect(m_worker, &TrainWorker::previewReady, this,
        [this](const QImage& a, const QImage& b, const QImage& c) {
            m_preview[0]->setPixmap(QPixmap::fromImage(a));
            m_preview[1]->setPixmap(QPixmap::fromImage(b));
            m_preview[2]->setPixmap(QPixmap::fromImage(c));
        });
    connect(m_worker, &TrainWorker::logLine, this, [this](const QString& s) { m_status->setText(s); });
    connect(m_worker, &TrainWorker::finished, this, [this](bool ok, const QString& message) {
        setRunning(false);
        if (m_progress->maximum() == 0) // still busy: ended before its first batch
            m_progress->setRange(0, 1);
        // A stop the user asked for is no failure, whatever it leaves.
        const bool stopped = m_worker->control.stop;
        const QString said = ok || stopped ? message : tr("Training failed: %1").arg(message);
        showStatus(m_status, said);
        Q_EMIT trainingFinished(ok, said, stopped);
    });
    connect(m_start, &QPushButton::clicked, this, &TrainPanel::start);
    connect(m_pause, &QPushButton::clicked, this, &TrainPanel::togglePause);
    connect(m_stop, &QPushButton::clicked, this, &TrainPanel::stop);
    m_thread.start();
    setRunning(false);
}

TrainPanel::~TrainPanel()
{
    // Tiled's pattern: ask the work to stop, then end the thread and wait for it.
    m_worker->control.stop = true;
    m_worker->control.pause = false;
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

void TrainPanel::setWorkspace(Workspace* workspace)
{
    m_workspace = workspace;
    connect(workspace, &Workspace::currentChanged, this, [this, workspace](int index) {
        // A mask file the user attached (not the product's own SCL) goes to training too.
        const auto current = workspace->currentProduct();
        const auto [maskFile, maskKind]
            = current ? attachedMask(current->info()) : qMakePair(QString(), MaskKind::None);
        setProducts(
            workspace->layers()->paths(), index, workspace->referenceCandidates(), maskFile, maskKind);
        m_reference->setCoverage(workspace->referenceCoverage());
    });
    connect(workspace, &Workspace::maskSpecChanged, this, &TrainPanel::setMaskSpec);
    connect(workspace, &Workspace::aoiChanged, this, &TrainPanel::setAoi);
}

void TrainPanel::setProducts(const QStringList& paths, int current, const QStringList& otherDates,
    const QString& maskFile, MaskKind maskKind)
{
    m_products = paths;
    m_maskFile = maskFile;
    m_maskKind = maskKind;
    m_current = current;
    // With references the model changes kind (it starts from their temporal fill): never by default.
    m_reference->setCandidates(otherDates, ReferenceCombo::Fallback::None);
    m_start->setEnabled(!m_running && current >= 0);
    if (!m_running)
        m_status->setText(current >= 0 ? tr("Ready to train on %1.").arg(QFileInfo(paths[current]).fileName())
                                       : tr("Open a product with an SCL, then Start."));
}

ml::TrainOptions TrainPanel::options() const
{
    ml::TrainOptions o;
    if (m_current >= 0 && m_current < m_products.size())
        o.products = { m_products[m_current] };
    o.references = m_reference->references();
    if (m_workspace) // the clouds the user attached to those dates
        m_workspace->attachedMasks(o.references, o.referenceMasks, o.referenceMaskKinds);
    o.model.kind = static_cast<ml::ModelKind>(m_model->currentData().toInt());
    o.model.width = m_width->value();
    o.model.depth = m_depth->value();
    o.preset = m_preset->currentData().toString();
    o.init = m_init->currentData().toString();
    if (o.preset == QLatin1String("seed")) {
        o.epochs = m_epochs->value();
        o.batch = m_batch->value();
        o.lr = m_lr->value();
    }
    o.patch = o.init.isEmpty() ? m_patch->value() : 0; // 0: the starting checkpoint's
    o.seed = static_cast<quint64>(m_seed->value());
    o.rotate90 = m_rotate->isChecked();
    if (o.init.isEmpty()) // a fine-tune keeps its start's (-1)
        o.referenceClouds = m_refClouds->isEnabled() && m_refClouds->isChecked() ? 0.5 : 0.0;
    o.maxTrainPatches = m_maxPatches->value();
    o.maxValPatches = std::max(8, o.maxTrainPatches / 4);
    o.device = m_device->currentData().toString();
    o.out = m_out->text();
    if (!m_aoi.isEmpty())
        o.aoi = { m_aoi.x(), m_aoi.y(), m_aoi.width(), m_aoi.height() };
    o.mask = m_mask;
    o.maskFile = m_maskFile;
    o.maskKind = m_maskKind;
    return o;
}

void TrainPanel::setMaskSpec(const MaskSpec& spec)
{
    m_mask = spec;
}

void TrainPanel::setAoi(const QRect& aoi)
{
    m_aoi = aoi;
    if (!m_running && !aoi.isEmpty())
        m_status->setText(
            tr("Training will use patches inside the AOI (%1 x %2 px).").arg(aoi.width()).arg(aoi.height()));
}

void TrainPanel::setOptions(const ml::TrainOptions& o)
{
    m_preset->setCurrentIndex(m_preset->findData(o.epochs > 0 ? QStringLiteral("seed") : o.preset));
    m_init->setCurrentIndex(std::max(0, m_init->findData(o.init)));
    m_model->setCurrentIndex(m_model->findData(static_cast<int>(o.model.kind)));
    m_width->setValue(o.model.width);
    m_depth->setValue(o.model.depth);
    m_epochs->setValue(o.epochs > 0 ? o.epochs : m_epochs->value());
    if (o.batch > 0)
        m_batch->setValue(o.batch);
    if (o.lr > 0)
        m_lr->setValue(o.lr);
    if (o.patch > 0) // 0: a fine-tune's "the checkpoint's", no size to store for later runs
        m_patch->setValue(o.patch);
    m_seed->setValue(static_cast<int>(o.seed));
    m_rotate->setChecked(o.rotate90);
    m_maxPatches->setValue(o.maxTrainPatches);
    m_reference->setReferences(o.references);
    if (o.referenceClouds >= 0)
        m_refClouds->setChecked(o.referenceClouds > 0);
    if (!o.out.isEmpty())
        m_out->setText(o.out);
}

void TrainPanel::start()
{
    if (m_running)
        return;
    const ml::TrainOptions o = options();
    if (o.products.isEmpty()) {
        showStatus(m_status, tr("Open a product first."));
        return;
    }
    if (o.out.isEmpty()) {
        showStatus(m_status, tr("Choose where to write the checkpoint."));
        return;
    }
    // A typed path replaced whatever was there unasked: a GeoTIFF, or the model of the last run.
    if (otherKindAt(o.out, OutputKind::Checkpoint)) {
        showStatus(m_status,
            tr("%1 exists and is not a checkpoint: it is left as it is. Choose another name.").arg(o.out));
        return;
    }
    const QFileInfo existing(o.out);
    const QString agreed = std::exchange(m_replaceAgreed, {});
    if (existing.isFile() && existing.size() > 0 && agreed != o.out) {
        askToReplace(this, QStringLiteral("trainReplaceAsk"), tr("Replace the Checkpoint"),
            tr("%1 already exists. Replace it with this run's checkpoint?").arg(o.out), [this, out = o.out] {
                m_replaceAgreed = out;
                start();
            });
        return;
    }
    for (int i = 0; i < m_plot->graphCount(); ++i)
        m_plot->graph(i)->data()->clear();
    m_epochsPlanned = o.epochs > 0 ? o.epochs : 15; // the default schedule validates about 15 times
    m_batchesSeen = 0;
    m_clock.start();
    m_pausedMs = 0;
    // Busy until the first batch: the last run's bar and previews said this one was further on.
    m_progress->setRange(0, 0);
    for (QLabel* p : m_preview)
        p->clear();
    m_runOut = o.out;
    setRunning(true);
    m_status->setText(tr("Collecting clear patches and cloud shapes…"));
    Q_EMIT startRequested(o);
}

void TrainPanel::togglePause()
{
    if (!m_running)
        return;
    m_paused = !m_paused;
    m_worker->control.pause = m_paused; // an atomic the worker checks once per batch
    m_pause->setText(m_paused ? tr("Resume") : tr("Pause"));
    if (m_paused) {
        m_pauseClock.start();
        m_status->setText(tr("Paused"));
    } else if (m_pauseClock.isValid()) {
        m_pausedMs += m_pauseClock.elapsed();
        m_pauseClock.invalidate();
    }
}

void TrainPanel::stop()
{
    if (!m_running)
        return;
    m_worker->control.stop = true;
    m_worker->control.pause = false;
    m_status->setText(tr("Stopping after the current batch…"));
}

void TrainPanel::scheduleReplot()
{
    if (!m_replot.isActive())
        m_replot.start();
}

void TrainPanel::setRunning(bool running)
{
    m_running = running;
    m_paused = false;
    m_pauseClock.invalidate();
    m_pause->setText(tr("Pause"));
    m_start->setEnabled(!running && m_current >= 0);
    if (m_optionsForm)
        m_optionsForm->setEnabled(!running);
    m_pause->setEnabled(running);
    m_stop->setEnabled(running);
}

void TrainPanel::setStacked(bool stacked)
{
    const auto direction = stacked ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight;
    if (m_layout->direction() == direction)
        return;
    m_layout->setDirection(direction);
    m_previewLayout->setDirection(stacked ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    // Stacked, the options scroll in less than their height and the curves get the most.
    m_layout->setStretch(0, stacked ? 2 : 0);
    m_layout->setStretch(1, stacked ? 3 : 1);
    // A side column is narrow: the options may scroll sideways too, the previews shrink.
    if (auto* options = qobject_cast<QScrollArea*>(m_layout->itemAt(0)->widget())) {
        options->setMinimumWidth(stacked ? 0 : m_optionsWidth);
        options->setHorizontalScrollBarPolicy(stacked ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOff);
    }
    for (QLabel* p : m_preview)
        p->setFixedSize(stacked ? QSize(80, 80) : QSize(110, 110));
}

} // namespace unclouded::ui
