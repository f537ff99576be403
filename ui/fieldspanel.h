// Fields dock: parcel boundaries over the open products, per-field statistics of every open layer
// (products and reconstructions, computed in the background), a sortable table, the selected
// field's numbers before and after, an index time series over the dates, CSV / GeoPackage export.
#pragma once

#include <memory>

#include <QWidget>

#include "core/fields/fields.h"

class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace unclouded::ui {

class JobRunner;
class Workspace;
class FieldsModel;

class FieldsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FieldsPanel(QWidget* parent = nullptr);
    ~FieldsPanel() override;

    // The layers whose statistics are computed, and the grid the parcels are placed on.
    void setWorkspace(Workspace* workspace);
    // Reads the parcels on a job thread (a national parcel file takes seconds), then computes. False,
    // with *error, only when no product is open; a file that cannot be read ends in openFailed() and
    // finished(false, …), the parcels open before it kept.
    bool openParcels(const QString& path, QString* error = nullptr, const QString& label = {});
    bool isOpening() const;
    std::shared_ptr<const fields::ParcelSet> parcels() const { return m_parcels; }
    const QList<fields::FieldsReport>& reports() const { return m_reports; }
    int selectedParcel() const { return m_selected; }
    bool isRunning() const;
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    bool exportGeoPackage(const QString& path, QString* error = nullptr) const;
    QTableView* table() const { return m_table; }
    QChartView* beforeAfterChart() const { return m_barChart; }
    QChartView* timeSeriesChart() const { return m_series; }
    QLabel* details() const { return m_details; }

public Q_SLOTS:
    void compute();
    void cancel();
    void selectParcel(int parcel); // -1: none
    void refreshUnits(); // the area unit changed in Preferences: the table and the details follow

Q_SIGNALS:
    void parcelsChanged(); // new parcels: the map redraws its outlines
    void openFailed(const QString& message);
    void parcelSelected(int parcel);
    void finished(bool ok, const QString& message);
    void exported(const QString& message); // an export chosen in the dialog ended (written or why not)

private:
    void showReports();
    void exportEnded(const QString& message);
    bool exportTo(bool gpkg, const QString& path, QString* error) const;
    void updateExport(); // the export buttons: statistics to export, no export running
    // Reports of layers no longer open go (closed while shown or while computing); Compute needs
    // parcels and a layer.
    void keepOpenLayersOnly();
    void updateRun();
    void showSelection();
    void chooseAndOpen();
    void chooseAndExport(bool gpkg);

    Workspace* m_workspace = nullptr;
    std::shared_ptr<fields::ParcelSet> m_parcels;
    QList<fields::FieldsReport> m_reports;
    int m_selected = -1;
    QLabel* m_file;
    QComboBox* m_date;
    QComboBox* m_quantity;
    QComboBox* m_label;
    QString m_parcelsPath;
    QCheckBox* m_allTouched;
    bool m_reportsAllTouched = false; // the rule m_reports were computed with
    QPushButton* m_open;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_csv;
    QPushButton* m_gpkg;
    QProgressBar* m_progress;
    QLabel* m_status;
    QTableView* m_table;
    FieldsModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLabel* m_details;
    QChartView* m_barChart;
    QChartView* m_series;
    JobRunner* m_job;
    JobRunner* m_openJob; // reads a parcel file
    JobRunner* m_exportJob; // writes a CSV or GeoPackage chosen in a dialog
    void parcelsRead(const QString& path, std::shared_ptr<fields::ParcelSet> parcels);
};

} // namespace unclouded::ui
