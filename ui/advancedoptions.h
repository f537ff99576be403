// The Advanced section of the Reconstruction and Evaluation docks: what the CLI's --temporal-fit,
// --precision and --band-resolution set, each Automatic (the measured default) unless chosen, as
// three rows of the dock's form shown and hidden by a toggle, all remembered.
#pragma once

#include <QObject>
#include <QString>

#include "core/recon/reconstruct.h"
#include "ui/settings.h"

class QComboBox;
class QFormLayout;
class QToolButton;
class QWidget;

namespace unclouded::ui {

class AdvancedOptions : public QObject
{
    Q_OBJECT
public:
    // The widgets are children of `parent`, named PREFIX + Advanced, TemporalFit, Precision and
    // BandResolution (tests and scripts find them); `shown` keeps the toggle, the others the choices.
    AdvancedOptions(QWidget* parent, const QString& prefix, const Setting<bool>& shown,
        const Setting<QString>& temporalFit, const Setting<QString>& precision,
        const Setting<QString>& bandResolution);

    void addRows(QFormLayout* form); // the toggle, then the three rows (hidden while it is off)
    // Rows are enabled only where they change the run: networks' arithmetic and coarse bands,
    // the mapping of other dates.
    void setApplicable(bool networks, bool otherDates);
    recon::TemporalFit temporalFit() const;
    recon::Precision precision() const;
    recon::BandResolution bandResolution() const;

private:
    QToolButton* m_toggle;
    QComboBox* m_temporalFit;
    QComboBox* m_precision;
    QComboBox* m_bandResolution;
};

} // namespace unclouded::ui
