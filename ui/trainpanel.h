// Training panel: options, start / pause / stop, live loss curves (replotted on a ~40 ms timer,
// never per step), validation PSNR, ETA, and a preview of one validation patch each epoch.
// The work runs in a TrainWorker on a QThread this panel owns.
#pragma once

#include <QElapsedTimer>
#include <QImage>
#include <QThread>
#include <QTimer>
#include <QWidget>

#include "core/ml/training.h"

class QBoxLayout;
class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace unclouded::ui {

class ReferenceCombo;
class Workspace;

class TrainWorker : public QObject
{
    Q_OBJECT
public:
    ml::TrainControl control;

public Q_SLOTS:
    void run(const unclouded::ml::TrainOptions& options);

Q_SIGNALS:
    void batchDone(int epoch, int batch, int batches, double loss);
    void epochDone(
        int epoch, double trainLoss, double valLoss, double valPsnr, double patchesPerSecond, double seconds);
    void previewReady(const QImage& input, const QImage& prediction, const QImage& truth);
    void logLine(const QString& line);
    void finished(bool ok, const QString& message);
};

class TrainPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TrainPanel(QWidget* parent = nullptr);
    ~TrainPanel() override;

    // Follows the workspace: its current layer and the other open products, its mask spec and AOI.
    void setWorkspace(Workspace* workspace);

    // Products the user has open: `current` is trained on; otherDates (other dates of its tile) are
    // offered as references.
    void setProducts(const QStringList& paths, int current, const QStringList& otherDates = {},
        const QString& maskFile = {}, MaskKind maskKind = MaskKind::Scl);
    ml::TrainOptions options() const;
    void setOptions(const ml::TrainOptions& o); // for scripted use and tests
    // In a side column: options, curves and previews stacked; below the map: side by side.
    void setStacked(bool stacked);
    void setAoi(const QRect& aoi); // the map's area of interest (empty: whole product)
    void setMaskSpec(const MaskSpec& spec); // the classes and buffer chosen in the Scene classes panel
    bool isRunning() const { return m_running; }
    // The checkpoint the last run started writes (the field may have been edited since).
    QString runCheckpoint() const { return m_runOut; }
    QCustomPlot* plot() const { return m_plot; }

public Q_SLOTS:
    void start();
    void togglePause();
    void stop();

Q_SIGNALS:
    void startRequested(const unclouded::ml::TrainOptions& options);
    void epochFinished(int epoch, double valLoss, double valPsnr);
    // message: what the dock shows of the end ("Training failed: ..." unless the user stopped it).
    void trainingFinished(bool ok, const QString& message, bool stoppedByUser);

private:
    Workspace* m_workspace = nullptr; // the other dates' attached masks; null in tests without one
    void scheduleReplot();
    void setRunning(bool running);

    QComboBox* m_model;
    QSpinBox* m_epochs;
    QSpinBox* m_batch;
    QDoubleSpinBox* m_lr;
    QSpinBox* m_patch;
    QSpinBox* m_width;
    QSpinBox* m_depth;
    QSpinBox* m_seed;
    QSpinBox* m_maxPatches;
    QCheckBox* m_rotate;
    QCheckBox* m_refClouds = nullptr; // with other dates, from scratch: clouds on them too
    ReferenceCombo* m_reference;
    QComboBox* m_preset = nullptr;
    QComboBox* m_init = nullptr;
    QComboBox* m_device;
    QLineEdit* m_out;
    QPushButton* m_start;
    QPushButton* m_pause;
    QPushButton* m_stop;
    QCheckBox* m_logScale;
    QProgressBar* m_progress;
    QLabel* m_status;
    QString m_replaceAgreed; // an existing checkpoint the user agreed to replace, once
    QLabel* m_preview[3];
    QCustomPlot* m_plot;
    QTimer m_replot;
    QThread m_thread;
    TrainWorker* m_worker;
    QStringList m_products;
    QRect m_aoi;
    QString m_maskFile;
    MaskKind m_maskKind = MaskKind::Scl;
    MaskSpec m_mask;
    int m_current = -1;
    bool m_running = false;
    bool m_paused = false;
    int m_epochsPlanned = 0;
    qint64 m_batchesSeen = 0;
    QElapsedTimer m_clock;
    QElapsedTimer m_pauseClock; // since Pause, while paused
    qint64 m_pausedMs = 0; // time paused in this run, left out of the ETA
    // Wide: options | curves | previews side by side (under the map); narrow (a side column):
    // stacked, previews in a row.
    QBoxLayout* m_layout = nullptr;
    QBoxLayout* m_previewLayout = nullptr;
    int m_optionsWidth = 0;
    QWidget* m_optionsForm = nullptr; // not editable while a run uses its values
    QString m_runOut;
};

} // namespace unclouded::ui

Q_DECLARE_METATYPE(unclouded::ml::TrainOptions)
