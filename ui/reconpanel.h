// Reconstruction panel: method (OpenCV Telea / Navier-Stokes, temporal fill, a checkpoint),
// reference date, AOI, output file and format; runs in the background with progress, ETA and
// cancel; then the before / after controls (swipe, side by side, blink, fade, difference).
#pragma once

#include <memory>

#include <QElapsedTimer>
#include <QSet>
#include <QWidget>

#include "core/io/rasterwriter.h"
#include "core/recon/reconstruct.h"
#include "ui/rendering.h"

class QCheckBox;
class QComboBox;
class QToolButton;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSlider;

namespace unclouded::ui {

class AdvancedOptions;
class ReferenceCombo;
class Workspace;

class JobRunner;
class SwipeView;

class ReconPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReconPanel(QWidget* parent = nullptr);
    ~ReconPanel() override;

    // Follows the workspace: its current layer and the other open products, its mask spec and AOI.
    void setWorkspace(Workspace* workspace);

    // The product to clean (with its mask) and the other dates of its tile (reference candidates;
    // with several, all of them are chosen).
    void setProduct(std::shared_ptr<const Product> product, const QStringList& otherDates);
    void setAoi(const QRect& aoi);
    void setMaskSpec(const MaskSpec& spec);
    void addCheckpoint(const QString& path); // offered as a method (e.g. after training)
    void setSwipeView(SwipeView* view); // the controls below drive it
    void setRenderParams(const RenderParams& params); // how the live preview is drawn

    recon::ReconOptions options() const;
    ExportOptions exportOptions() const;
    QString outputPath() const;
    void setOutputPath(const QString& path);
    void setMethod(const QString& method); // "telea", "ns", "temporal" or a checkpoint path
    void setReference(const QString& path); // that date alone
    void setFormat(const QString& format); // "COG" or "GTiff" (Preferences' default export format)
    bool isRunning() const;
    // The product the job in flight, or the last one, reads: what its result is compared with (the
    // current layer may have changed meanwhile).
    std::shared_ptr<const Product> runningProduct() const { return m_runningProduct.lock(); }

public Q_SLOTS:
    void start();
    void cancel();

Q_SIGNALS:
    // While a job runs: the rows finished so far, decimated, on the grid rectangle they cover.
    void preview(const QImage& image, const QRectF& gridRect);
    void started();
    void stopped(); // cancelled or failed: no result
    // The file is complete (renamed into place); mask is its rebuilt-pixel sidecar.
    void reconstructed(const QString& path, const QString& mask, const QString& methodLabel);
    void failed(const QString& message);

private:
    void updateAdvanced();
    void finished(const recon::ReconStats& stats);
    void ended(); // cancelled or failed
    void onProgress(double fraction, const QString& stage);
    QString defaultOutput() const;

    std::shared_ptr<const Product> m_product;
    Workspace* m_workspace = nullptr; // the layers' attached masks; null in tests without one
    Window m_aoi;
    MaskSpec m_mask;
    QComboBox* m_method;
    ReferenceCombo* m_reference;
    QCheckBox* m_aoiOnly;
    QComboBox* m_format;
    QCheckBox* m_float;
    AdvancedOptions* m_advanced;
    QLineEdit* m_out;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    QComboBox* m_mode;
    QCheckBox* m_horizontal;
    QSlider* m_fade;
    QComboBox* m_diff;
    QCheckBox* m_outline;
    QPushButton* m_quicklook;
    SwipeView* m_swipe = nullptr;
    JobRunner* m_job;
    QElapsedTimer m_clock;
    QString m_running; // output path of the job in flight
    QString m_runningLabel;
    std::weak_ptr<const Product> m_runningProduct; // not kept alive once its layer is gone
    QString m_resultText; // what the last finished run said
    bool m_userChoseOutput = false;
    QSet<QString> m_written; // outputs this panel wrote: written again without asking
    QString m_replaceAgreed; // an existing output the user agreed to replace (asked, or the file dialog)
    RenderParams m_params;
};

} // namespace unclouded::ui
