#include "ui/reconpanel.h"

#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/common/paths.h"
#include "ui/advancedoptions.h"
#include "ui/jobrunner.h"
#include "ui/mapview.h"
#include "ui/narrow.h"
#include "ui/referencecombo.h"
#include "ui/settings.h"
#include "ui/statuslabel.h"
#include "ui/swipeview.h"
#include "ui/workspace.h"

namespace unclouded::ui {

ReconPanel::ReconPanel(QWidget* parent)
    : QWidget(parent)
{
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("reconMethod"));
    m_method->setToolTip(tr("How the hidden pixels are rebuilt: inpainting from the surroundings, another "
                            "date, or a network"));
    // The shipped model first: what a new user gets, and the best-scoring method that needs no
    // training, with or without another date (README quality tables).
    m_method->addItem(tr("General model (pretrained, no training)"), QStringLiteral("pretrained"));
    m_method->setItemData(m_method->count() - 1,
        tr("The network that ships with Unclouded: any Sentinel-2 product, no training. "
           "With a reference date it starts from the temporal fill and corrects it."),
        Qt::ToolTipRole);
    m_method->addItem(tr("Temporal fill (reference date)"), QStringLiteral("temporal"));
    m_method->addItem(tr("Harmonic fill (smooth, from the surroundings)"), QStringLiteral("harmonic"));
    m_method->setItemData(m_method->count() - 1,
        tr("Each hidden pixel the mean of its neighbours: the smoothest surface that meets the cloud's "
           "edge. The best of the classical one-date methods on real clouds."),
        Qt::ToolTipRole);
    m_method->addItem(tr("OpenCV Telea inpainting"), QStringLiteral("telea"));
    m_method->addItem(tr("OpenCV Navier–Stokes inpainting"), QStringLiteral("ns"));
    auto* browseCkpt = new QToolButton(this);
    browseCkpt->setText(tr("…")); // as the other rows' browse buttons: the row fits a narrow dock
    browseCkpt->setObjectName(QStringLiteral("reconBrowseCheckpoint"));
    browseCkpt->setToolTip(
        tr("Use a network trained in the Training panel or with 'unclouded-cli train' (.pth)"));
    browseCkpt->setAccessibleName(browseCkpt->toolTip()); // read out instead of "…"
    connect(browseCkpt, &QToolButton::clicked, this, [this] {
        const QString f
            = QFileDialog::getOpenFileName(this, tr("Choose a checkpoint"), {}, tr("Checkpoints (*.pth)"));
        if (!f.isEmpty()) {
            addCheckpoint(f);
            setMethod(f);
        }
    });
    auto* methodRow = new QHBoxLayout;
    methodRow->addWidget(m_method, 1);
    methodRow->addWidget(browseCkpt);

    m_reference = new ReferenceCombo(tr("(none)"), this);
    m_reference->setObjectName(QStringLiteral("reconReference"));
    m_reference->setToolTip(tr("Other dates of the same tile, for temporal fill and the networks that use "
                               "them; only open products on this product's grid are offered"));
    m_aoiOnly = new QCheckBox(tr("Only the area of interest"), this);
    m_aoiOnly->setToolTip(
        tr("Rebuild and write only the rectangle drawn on the map (Draw AOI or Shift+drag)"));
    m_aoiOnly->setEnabled(false);
    m_format = new QComboBox(this);
    m_format->addItem(tr("Cloud-Optimized GeoTIFF"), QStringLiteral("COG"));
    m_format->addItem(tr("GeoTIFF"), QStringLiteral("GTiff"));
    // A short label (the rest in its tooltip), so the dock fits a 1366 px screen's column.
    m_float = new QCheckBox(tr("float32 reflectance"), this);
    m_format->setToolTip(
        tr("A Cloud-Optimized GeoTIFF streams from a web server; both keep the product's grid"));
    m_float->setToolTip(
        tr("Write reflectance as 32-bit floats (twice the size) instead of the product's DN (uint16 with "
           "scale and offset, the default)"));

    m_advanced = new AdvancedOptions(this, QStringLiteral("recon"), settings::reconAdvanced,
        settings::reconTemporalFit, settings::reconPrecision, settings::reconBandResolution,
        settings::reconHazeGuard);

    m_out = new QLineEdit(this);
    m_out->setObjectName(QStringLiteral("reconOutput"));
    m_out->setToolTip(tr("The GeoTIFF written; its rebuilt-pixel mask goes beside it as .mask.tif"));
    connect(m_out, &QLineEdit::textEdited, this, [this] { m_userChoseOutput = true; });
    auto* browseOut = new QToolButton(this);
    browseOut->setText(tr("…"));
    browseOut->setToolTip(tr("Choose where the result is saved"));
    browseOut->setAccessibleName(browseOut->toolTip()); // read out instead of "…"
    connect(browseOut, &QToolButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(
            this, tr("Save the cleaned product as"), m_out->text(), tr("GeoTIFF (*.tif *.tiff)"));
        if (!f.isEmpty()) {
            setOutputPath(f);
            m_userChoseOutput = true;
            m_replaceAgreed = QFileInfo::exists(f) ? f : QString(); // the dialog asked about it
        }
    });
    auto* outRow = new QHBoxLayout;
    outRow->addWidget(m_out, 1);
    outRow->addWidget(browseOut);

    m_run = new QPushButton(tr("Reconstruct"), this);
    m_run->setObjectName(QStringLiteral("reconRun"));
    m_run->setEnabled(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_run->setToolTip(
        tr("Rebuild the hidden pixels and write the result; the comparison opens as rows finish"));
    m_cancel->setToolTip(tr("Stop; no file is left behind"));
    connect(m_run, &QPushButton::clicked, this, &ReconPanel::start);
    connect(m_cancel, &QPushButton::clicked, this, &ReconPanel::cancel);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_status = new StatusLabel(tr("Open a product with a scene classification or mask."), this);
    m_status->setObjectName(QStringLiteral("reconStatus"));

    auto* job = new QGroupBox(tr("Reconstruct"), this);
    auto* form = new QFormLayout(job);
    form->addRow(tr("Method"), methodRow);
    form->addRow(tr("Reference"), m_reference->withBrowseButton());
    form->addRow(QString(), m_aoiOnly);
    form->addRow(tr("Format"), m_format);
    form->addRow(QString(), m_float);
    m_advanced->addRows(form);
    form->addRow(tr("Output"), outRow);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    form->addRow(buttons);
    form->addRow(m_progress);
    form->addRow(m_status);

    // Before / after controls.
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("compareMode"));
    m_mode->addItem(tr("Swipe"), int(SwipeView::Mode::Swipe));
    m_mode->addItem(tr("Side by side"), int(SwipeView::Mode::SideBySide));
    m_mode->addItem(tr("Blink (B)"), int(SwipeView::Mode::Blink));
    m_mode->addItem(tr("Fade"), int(SwipeView::Mode::Fade));
    m_mode->addItem(tr("Difference"), int(SwipeView::Mode::Difference));
    m_horizontal = new QCheckBox(tr("Horizontal divider"), this);
    m_fade = new QSlider(Qt::Horizontal, this);
    m_fade->setRange(0, 100);
    m_fade->setValue(50);
    m_diff = new QComboBox(this);
    m_diff->addItem(tr("NDVI (after − before)"), QStringLiteral("NDVI"));
    for (const char* b : { "B02", "B03", "B04", "B08", "B11", "B12" })
        m_diff->addItem(tr("%1 (after − before)").arg(QLatin1String(b)), QString::fromLatin1(b));
    m_outline = new QCheckBox(tr("Outline rebuilt pixels"), this);
    m_outline->setChecked(true);
    m_mode->setToolTip(tr("How before and after are shown: a divider, two synced views, blinking, a fade or "
                          "the difference"));
    m_horizontal->setToolTip(tr("Divide the view top / bottom instead of left / right"));
    m_fade->setToolTip(tr("Fade mode: how much of the after picture shows"));
    m_diff->setToolTip(tr("Difference mode: the index or band compared, on a blue–white–red ramp"));
    m_outline->setToolTip(tr("Draw the edge of every rebuilt area on the after side"));
    remember(m_method, settings::reconMethod);
    remember(m_format, settings::reconFormat);
    remember(m_float, settings::reconFloat32);
    remember(m_mode, settings::compareMode);
    remember(m_horizontal, settings::compareHorizontal);
    remember(m_fade, settings::compareFade);
    remember(m_diff, settings::compareDifference);
    remember(m_outline, settings::compareOutline);
    m_quicklook = new QPushButton(tr("Save View as Image…"), this);
    m_quicklook->setObjectName(QStringLiteral("reconSaveView"));
    m_quicklook->setToolTip(tr("Save the comparison as it is shown as a PNG or JPEG"));
    auto* compare = new QGroupBox(tr("Before / after"), this);
    auto* cform = new QFormLayout(compare);
    cform->addRow(tr("View"), m_mode);
    cform->addRow(QString(), m_horizontal);
    cform->addRow(tr("Fade"), m_fade);
    cform->addRow(tr("Difference"), m_diff);
    cform->addRow(QString(), m_outline);
    cform->addRow(m_quicklook);
    compare->setEnabled(false);
    compare->setObjectName(QStringLiteral("compareGroup"));

    auto* lay = new QVBoxLayout(this);
    lay->addWidget(job);
    lay->addWidget(compare);
    lay->addStretch(1);
    letCombosShrink(this);

    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        const bool temporal = m_method->currentData().toString() == QLatin1String("temporal");
        m_reference->setEnabled(m_reference->count() > 1 || temporal);
        if (!m_userChoseOutput)
            m_out->setText(defaultOutput());
        updateAdvanced();
    });
    connect(m_reference, &QComboBox::currentIndexChanged, this, &ReconPanel::updateAdvanced);
    connect(m_aoiOnly, &QCheckBox::toggled, this, [this] {
        if (!m_userChoseOutput && m_product)
            m_out->setText(defaultOutput());
    });
    updateAdvanced();
    m_job = new JobRunner(this);
    connect(m_job, &JobRunner::progress, this, &ReconPanel::onProgress);
    connect(m_job, &JobRunner::cancelled, this, [this] {
        ended();
        showStatus(m_status, tr("Cancelled; nothing was written."));
        Q_EMIT stopped();
    });
    connect(m_job, &JobRunner::failed, this, [this](const QString& message) {
        ended();
        showStatus(m_status, message);
        Q_EMIT stopped();
        Q_EMIT failed(message);
    });
}

ReconPanel::~ReconPanel() = default; // m_job cancels and waits

// Each Advanced row is enabled only where it changes something: arithmetic and coarse bands for
// networks, the reference mapping for temporal fill and networks given a reference, the hazy
// fringes for harmonic fills (a network with a reference starts from temporal fill instead).
void ReconPanel::updateAdvanced()
{
    const recon::Method method = recon::Method::parse(m_method->currentData().toString());
    const bool model = method.kind == recon::MethodKind::Model;
    const bool reference = !m_reference->references().isEmpty();
    m_advanced->setApplicable(model, method.kind == recon::MethodKind::Temporal || (model && reference),
        AdvancedOptions::startsHarmonic(method, reference));
}

void ReconPanel::setSwipeView(SwipeView* view)
{
    m_swipe = view;
    auto* compare = findChild<QGroupBox*>(QStringLiteral("compareGroup"));
    connect(m_mode, &QComboBox::currentIndexChanged, view,
        [this] { m_swipe->setMode(SwipeView::Mode(m_mode->currentData().toInt())); });
    connect(view, &SwipeView::modeChanged, this,
        [this](SwipeView::Mode m) { m_mode->setCurrentIndex(m_mode->findData(int(m))); });
    connect(m_horizontal, &QCheckBox::toggled, view,
        [this](bool h) { m_swipe->setOrientation(h ? Qt::Horizontal : Qt::Vertical); });
    connect(m_fade, &QSlider::valueChanged, view, [this](int v) { m_swipe->setFade(v / 100.0); });
    connect(m_diff, &QComboBox::currentIndexChanged, view, [this] {
        const QString what = m_diff->currentData().toString();
        m_swipe->setDifference(what, what == QLatin1String("NDVI") ? 0.3f : 0.05f);
    });
    connect(m_outline, &QCheckBox::toggled, view, &SwipeView::setMaskOutline);
    connect(m_quicklook, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Save the view as"),
            QFileInfo(m_out->text()).dir().filePath(QStringLiteral("view.png")), tr("Images (*.png *.jpg)"));
        if (f.isEmpty())
            return;
        // Encoded in memory, then written in one step: a failed write (full disk) leaves an
        // existing image as it was.
        const QString suffix = QFileInfo(f).suffix();
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!m_swipe->grab().save(&buffer, suffix.isEmpty() ? "PNG" : qPrintable(suffix))) {
            Q_EMIT failed(tr("Cannot write %1").arg(f));
            return;
        }
        try {
            writeFileAtomically(f, bytes);
        } catch (const Error& e) { // the reason (a full disk) with it
            Q_EMIT failed(e.message());
        }
    });
    // The view's controls while it has something to show: not once its layer is closed.
    connect(view, &SwipeView::productsChanged, compare,
        [compare, view] { compare->setEnabled(view->before() && view->after()); });
    // The view starts as the controls (remembered from the last session) say; what they leave at
    // the view's defaults is left alone.
    m_swipe->setMode(SwipeView::Mode(m_mode->currentData().toInt()));
    if (m_horizontal->isChecked())
        m_swipe->setOrientation(Qt::Horizontal);
    m_swipe->setFade(m_fade->value() / 100.0);
    if (const QString what = m_diff->currentData().toString(); what != m_swipe->difference())
        m_swipe->setDifference(what, what == QLatin1String("NDVI") ? 0.3f : 0.05f);
    if (!m_outline->isChecked())
        m_swipe->setMaskOutline(false);
}

void ReconPanel::setRenderParams(const RenderParams& params)
{
    m_params = params;
}

void ReconPanel::setWorkspace(Workspace* workspace)
{
    m_workspace = workspace;
    connect(workspace, &Workspace::currentChanged, this, [this, workspace] {
        setProduct(workspace->currentProduct(), workspace->referenceCandidates());
        m_reference->setCoverage(workspace->referenceCoverage());
    });
    connect(workspace, &Workspace::maskSpecChanged, this, &ReconPanel::setMaskSpec);
    connect(workspace, &Workspace::aoiChanged, this, &ReconPanel::setAoi);
}

void ReconPanel::setProduct(std::shared_ptr<const Product> product, const QStringList& otherDates)
{
    m_product = std::move(product);
    m_reference->setCandidates(otherDates, ReferenceCombo::Fallback::All);
    const bool ok = m_product && m_product->hasClasses();
    m_run->setEnabled(ok && !isRunning());
    // Back on the layer of the last result (the comparison selects it): what the run said stays.
    const bool itsResult
        = ok && !isRunning() && m_product == m_runningProduct.lock() && !m_resultText.isEmpty();
    if (!isRunning()) // the run's progress says more than "Ready."
        m_status->setText(itsResult ? m_resultText
                : ok                ? tr("Ready.")
                : m_product ? tr("This product has no scene classification: open an SCL or mask file for it.")
                            : tr("Open a product with a scene classification or mask."));
    if (!m_userChoseOutput)
        m_out->setText(defaultOutput());
}

void ReconPanel::setAoi(const QRect& aoi)
{
    m_aoi = aoi.isEmpty() ? Window {} : Window { aoi.x(), aoi.y(), aoi.width(), aoi.height() };
    m_aoiOnly->setEnabled(!aoi.isEmpty());
    m_aoiOnly->setChecked(!aoi.isEmpty());
    if (!m_userChoseOutput && m_product)
        m_out->setText(defaultOutput());
}

void ReconPanel::setMaskSpec(const MaskSpec& spec)
{
    m_mask = spec;
}

void ReconPanel::addCheckpoint(const QString& path)
{
    if (m_method->findData(path) >= 0)
        return;
    m_method->addItem(recon::Method::parse(path).label(), path);
}

void ReconPanel::setMethod(const QString& method)
{
    int i = m_method->findData(method);
    if (i < 0 && recon::Method::parse(method).kind == recon::MethodKind::Model) {
        addCheckpoint(method);
        i = m_method->findData(method);
    }
    if (i >= 0)
        m_method->setCurrentIndex(i);
}

void ReconPanel::setReference(const QString& path)
{
    m_reference->setReferences({ path });
}

QString ReconPanel::outputPath() const
{
    return m_out->text();
}

void ReconPanel::setOutputPath(const QString& path)
{
    m_out->setText(path);
    m_userChoseOutput = true;
}

bool ReconPanel::isRunning() const
{
    return m_job->isRunning();
}

QString ReconPanel::defaultOutput() const
{
    if (!m_product)
        return {};
    const QString dir
        = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/results");
    const recon::Method m = recon::Method::parse(m_method->currentData().toString());
    const QString method
        = m.kind == recon::MethodKind::Model ? QFileInfo(m.model).completeBaseName() : m.toString();
    // An AOI's result has a name of its own: it replaced the whole product's result of that method,
    // which the comparison went on showing from the file no longer there.
    const QString aoi = m_aoiOnly->isChecked() && m_aoiOnly->isEnabled() && m_aoi.w > 0
        ? QStringLiteral("_aoi-%1-%2-%3-%4").arg(m_aoi.x).arg(m_aoi.y).arg(m_aoi.w).arg(m_aoi.h)
        : QString();
    return QDir(dir).filePath(QStringLiteral("%1_%2%3.tif").arg(m_product->info().productName, method, aoi));
}

recon::ReconOptions ReconPanel::options() const
{
    recon::ReconOptions o;
    o.method = recon::Method::parse(m_method->currentData().toString());
    o.references = m_reference->references();
    if (m_workspace) // the clouds the user attached to those dates
        m_workspace->attachedMasks(o.references, o.referenceMasks, o.referenceMaskKinds);
    o.mask = m_mask;
    if (m_aoiOnly->isChecked() && m_aoiOnly->isEnabled())
        o.aoi = m_aoi;
    o.temporalFit = m_advanced->temporalFit();
    o.precision = m_advanced->precision();
    o.bandResolution = m_advanced->bandResolution();
    o.hazeGuard = m_advanced->hazeGuard();
    return o;
}

ExportOptions ReconPanel::exportOptions() const
{
    ExportOptions e;
    ExportOptions::parseFormat(m_format->currentData().toString(), e.format);
    e.float32 = m_float->isChecked();
    // Chosen in Preferences; a stored value core does not know keeps core's default.
    if (const QString c = settings::reconCompression.get().toUpper();
        ExportOptions::compressions().contains(c))
        e.compression = c;
    return e;
}

void ReconPanel::setFormat(const QString& format)
{
    if (const int i = m_format->findData(format); i >= 0)
        m_format->setCurrentIndex(i);
}

void ReconPanel::start()
{
    if (!m_product || isRunning())
        return;
    recon::ReconOptions o = options();
    if (o.method.kind == recon::MethodKind::Temporal && o.references.isEmpty()) {
        m_status->setText(
            tr("Temporal fill needs a reference date: open a clear product of the same tile and choose it."));
        Q_EMIT failed(m_status->text());
        return;
    }
    const QString out = m_out->text();
    // Found only when the finished file was renamed into place, after the whole run.
    if (out.trimmed().isEmpty() || out.endsWith(QLatin1Char('/')) || QFileInfo(out).isDir()) {
        showStatus(m_status,
            out.trimmed().isEmpty() ? tr("Choose where to write the result.")
                                    : tr("The output %1 is a folder: give a file name.").arg(out));
        Q_EMIT failed(m_status->text());
        return;
    }
    const ExportOptions e = exportOptions();
    QList<RolePath> inputs { { tr("product"), m_product->info().path },
        { tr("mask"), m_product->info().maskFile } };
    for (const QString& r : o.references)
        inputs.append({ tr("reference"), r });
    for (const QString& m : o.referenceMasks)
        if (!m.isEmpty())
            inputs.append({ tr("reference mask"), maskFilePart(m) });
    try {
        if (o.method.kind == recon::MethodKind::Model)
            inputs.append({ tr("model"), o.method.checkpoint(!o.references.isEmpty()) });
    } catch (const Error&) { // the job says it
    }
    const QString clash = outputClash(
        { { tr("The output"), out }, { tr("Its mask"), e.maskSidecar ? maskSidecarPath(out) : QString() } },
        inputs);
    if (!clash.isEmpty()) {
        showStatus(m_status, clash + QLatin1Char('.'));
        Q_EMIT failed(m_status->text());
        return;
    }
    // The box offers every other date whatever the method: one that reads none neither opens nor
    // records them as its sources (the CLI drops them too, after the same check: never written over).
    if (!o.references.isEmpty() && !o.method.usesReferences()) {
        o.references.clear();
        o.referenceMasks.clear();
        o.referenceMaskKinds.clear();
    }
    // A typed or remembered path replaced whatever was there unasked: another product's result, a
    // GeoPackage. Somebody's file of another kind is never replaced; a GeoTIFF after asking.
    if (otherKindAt(out, OutputKind::Tiff)) {
        showStatus(m_status,
            tr("%1 exists and is not a GeoTIFF: it is left as it is. Choose another name.").arg(out));
        Q_EMIT failed(m_status->text());
        return;
    }
    const QString agreed = std::exchange(m_replaceAgreed, {});
    if (const QFileInfo existing(out);
        existing.isFile() && !m_written.contains(existing.absoluteFilePath()) && agreed != out) {
        askToReplace(this, QStringLiteral("reconReplaceAsk"), tr("Replace the Result"),
            tr("%1 already exists. Replace it with this reconstruction?").arg(out), [this, out] {
                if (m_out->text() != out) // edited while asked: that path was not agreed to
                    return;
                m_replaceAgreed = out;
                start();
            });
        return;
    }
    QDir().mkpath(QFileInfo(out).absolutePath());
    // Before the run, not at its end (the CLI checks the same).
    if (const QFileInfo folder(QFileInfo(out).absolutePath()); !folder.isDir() || !folder.isWritable()) {
        showStatus(m_status,
            tr("The folder %1 does not take files (read-only, or not yours): choose another output.")
                .arg(folder.absoluteFilePath()));
        Q_EMIT failed(m_status->text());
        return;
    }
    auto product = m_product;
    QPointer<ReconPanel> self(this);
    m_running = out;
    m_runningLabel = o.method.label();
    m_runningProduct = product;
    m_resultText.clear();
    m_clock.start();
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    m_status->setText(tr("Starting %1…").arg(o.method.label()));
    Q_EMIT started(); // listeners may hand over the current display first
    const RenderParams params = m_params;
    m_job->start<recon::ReconStats>(
        [self, product, o, out, e, params](JobContext& ctx) {
            // Live preview: finished rows drawn with the map's composite and stretch into an image of at
            // most 1024 px a side, sent at most twice a second (and once at the end).
            const Window area = recon::reconArea(*product, o.aoi);
            const int step = std::max(1, (std::max(area.w, area.h) + 1023) / 1024);
            auto image = std::make_shared<QImage>(
                (area.w + step - 1) / step, (area.h + step - 1) / step, QImage::Format_ARGB32);
            image->fill(Qt::transparent);
            const QStringList names = product->bandNames();
            QList<int> idx;
            for (const QString& b : compositeBands(params, *product))
                idx << names.indexOf(b);
            auto sent = std::make_shared<QElapsedTimer>();
            sent->start();
            const recon::RowSink observer = [self, image, step, idx, params, area, sent](int y, int rows,
                                                const std::vector<float>& d, const std::vector<uint8_t>&) {
                const size_t n = static_cast<size_t>(rows) * area.w;
                const float* planes[3];
                for (int c = 0; c < 3; ++c)
                    planes[c] = d.data() + std::max(0, idx.value(std::min<int>(c, idx.size() - 1), 0)) * n;
                for (int r = (step - y % step) % step; r < rows; r += step) {
                    QRgb* line = reinterpret_cast<QRgb*>(image->scanLine((y + r) / step));
                    for (int i = 0; i < area.w; i += step) {
                        float rgb[3];
                        line[i / step]
                            = compositeRgb(params, planes, static_cast<size_t>(r) * area.w + i, rgb)
                            ? qRgb(
                                int(rgb[0] * 255 + 0.5f), int(rgb[1] * 255 + 0.5f), int(rgb[2] * 255 + 0.5f))
                            : qRgba(0, 0, 0, 0);
                    }
                }
                if (sent->elapsed() >= 500 || y + rows >= area.h) {
                    sent->restart();
                    const QImage copy = image->copy();
                    // Each image pixel stands for step grid pixels: the image spans ceil(w / step) * step
                    // (area.w drew it up to 9 px short on a tile's right and bottom edges).
                    const QRectF rect(
                        area.x, area.y, double(image->width()) * step, double(image->height()) * step);
                    QMetaObject::invokeMethod(
                        self,
                        [self, copy, rect] {
                            if (self)
                                Q_EMIT self->preview(copy, rect);
                        },
                        Qt::QueuedConnection);
                }
            };
            return recon::reconstructToFile(*product, o, out, e, ctx.progress(), observer);
        },
        [this](recon::ReconStats& stats) { finished(stats); });
}

void ReconPanel::cancel()
{
    m_job->cancel();
    m_status->setText(tr("Cancelling…"));
}

void ReconPanel::onProgress(double fraction, const QString& stage)
{
    m_progress->setValue(static_cast<int>(fraction * 1000));
    const double s = m_clock.elapsed() / 1000.0;
    const QString eta
        = fraction > 0.02 ? tr(", about %1 s left").arg(std::lround(s / fraction - s)) : QString();
    m_status->setText(tr("%1: %2 %%3").arg(stage).arg(std::lround(fraction * 100)).arg(eta));
}

void ReconPanel::ended()
{
    m_run->setEnabled(m_product && m_product->hasClasses());
    m_cancel->setEnabled(false);
    m_progress->setValue(0);
}

void ReconPanel::finished(const recon::ReconStats& stats)
{
    m_run->setEnabled(m_product && m_product->hasClasses());
    m_cancel->setEnabled(false);
    m_progress->setValue(1000);
    const recon::ReconStats& r = stats;
    const qint64 px = qint64(r.area.w) * r.area.h;
    QString text = tr(
        "Rebuilt %L1 % of the area in %L2 s (%L3 of %Ln window(s) skipped). Wrote %4", nullptr, r.windows)
                       .arg(px > 0 ? 100.0 * r.hiddenPixels / px : 0.0, 0, 'f', 1)
                       .arg(r.seconds, 0, 'f', 1)
                       .arg(r.skipped)
                       .arg(m_running);
    if (r.fromOtherDates == 0) // a reference that gave nothing: the result is harmonic fill
        text += QLatin1Char('\n')
            + tr("No other date shows the ground under the hidden pixels (no data or hidden there too): all "
                 "were filled from their surroundings.");
    if (r.noDataHidden > 0)
        text += QLatin1Char('\n')
            + tr("%L1 pixels the mask hides have no data in any band (past the swath edge, or blanked "
                 "before): "
                 "left as no data.")
                  .arg(r.noDataHidden);
    if (r.clampedValues > 0)
        text += QLatin1Char('\n')
            + tr("%L1 values lie outside what 16-bit numbers with the product's offset can hold (negative "
                 "reflectance, say) and were stored clamped: tick float32 reflectance to keep them.")
                  .arg(r.clampedValues);
    text += ReferenceCombo::takenAsClear(r.referencesWithoutClasses);
    m_resultText = text;
    m_written.insert(QFileInfo(m_running).absoluteFilePath());
    showStatus(m_status, text);
    Q_EMIT reconstructed(m_running, maskSidecarPath(m_running), m_runningLabel);
}

} // namespace unclouded::ui
