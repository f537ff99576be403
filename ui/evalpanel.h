// Evaluation panel: methods and checkpoints scored on simulated clouds (a clear product hidden
// behind another product's cloud shapes), in the background; a method x metric table with the best
// value of each metric highlighted, a bar chart of one metric, a per-band chart, CSV export.
#pragma once

#include <memory>

#include <QWidget>

#include "core/eval/evaluate.h"

class QChartView;
class QCheckBox;
class QComboBox;
class QRect;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace unclouded {
class Product;
}

namespace unclouded::ui {

class AdvancedOptions;
class ReferenceCombo;
class Workspace;

class JobRunner;

class EvalPanel : public QWidget
{
    Q_OBJECT
public:
    explicit EvalPanel(QWidget* parent = nullptr);
    ~EvalPanel() override;

    // Follows the workspace: its current layer and the other open products, its mask spec and AOI.
    void setWorkspace(Workspace* workspace);

    // Open products (clear / masks / reference candidates); `current` is the one on the map.
    void setProducts(const QStringList& paths, int current);
    void addCheckpoint(const QString& path);
    void setMaskSpec(const MaskSpec& spec);
    void setAoi(const QRect& aoi); // in the map's grid pixels; empty: none drawn
    // Scripted use, tests: references are selected as given (all the candidates: "All").
    void setInputs(const QString& clear, const QString& masksFrom, const QStringList& references);
    void setMethods(const QStringList& methods); // checks these, unchecks the rest
    eval::EvalOptions options() const;
    bool isRunning() const;
    const eval::EvalReport& report() const { return m_report; }
    QTableWidget* table() const { return m_table; }
    QChartView* chart() const { return m_chart; }
    QChartView* bandChart() const { return m_bandChart; }
    bool exportCsv(const QString& path, QString* error = nullptr) const;

public Q_SLOTS:
    void start();
    void cancel();

Q_SIGNALS:
    void finished(bool ok, const QString& message);

private:
    void jobFinished(const eval::EvalReport& report);
    void jobEnded(const QString& message); // cancelled or failed
    void showReport();
    void updateCharts();
    void updateAdvanced();
    // The other dates of the clear product (the workspace's layers on its grid, of another
    // acquisition); without a workspace, the products of setProducts other than it.
    void updateReferences();
    void openClear(const QString& path); // then updateReferences(), if it is still the one chosen
    // The AOI (map grid pixels) applies to `clear` as it is: a layer or product on the map's grid.
    bool aoiFitsClear(const QString& clear) const;
    QComboBox* pathCombo(const QString& objectName);

    QComboBox* m_clear;
    QComboBox* m_masks;
    ReferenceCombo* m_reference;
    QListWidget* m_methods;
    QCheckBox* m_aoiOnly;
    Window m_aoi;
    Window m_runAoi; // of the run shown
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_csv;
    QProgressBar* m_progress;
    QLabel* m_status;
    QTableWidget* m_table;
    QComboBox* m_metric;
    QChartView* m_chart;
    QChartView* m_bandChart;
    MaskSpec m_mask;
    eval::EvalReport m_report;
    JobRunner* m_job;
    AdvancedOptions* m_advanced;
    Workspace* m_workspace = nullptr;
    QStringList m_products; // from setProducts
    QString m_opening; // such a product being opened
    bool m_startWhenOpen = false; // Evaluate was pressed meanwhile
    QString m_openedPath; // a clear product that is not a layer, opened for its other dates
    QString m_defaultsFor; // the layer on the map the combos' defaults were last set for
    std::shared_ptr<const Product> m_opened;
};

} // namespace unclouded::ui
