// The Advanced section of the Reconstruction and Evaluation docks: what the CLI's --temporal-fit,
// --precision, --band-resolution and --haze-guard set, each Automatic (the measured default) unless
// chosen, as four rows of the dock's form shown and hidden by a toggle, all remembered.
#pragma once

#include <QList>
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
    // The widgets are children of `parent`, named PREFIX + Advanced, TemporalFit, Precision,
    // BandResolution and HazeGuard (tests and scripts find them); `shown` keeps the toggle, the
    // others the choices.
    AdvancedOptions(QWidget* parent, const QString& prefix, const Setting<bool>& shown,
        const Setting<QString>& temporalFit, const Setting<QString>& precision,
        const Setting<QString>& bandResolution, const Setting<QString>& hazeGuard);

    void addRows(QFormLayout* form); // the toggle, then the four rows (hidden while it is off)
    // Rows are enabled only where they change the run: networks' arithmetic and coarse bands,
    // the mapping of other dates, the cloud fringes of harmonic fills.
    void setApplicable(bool networks, bool otherDates, bool harmonicFill);
    recon::TemporalFit temporalFit() const;
    recon::Precision precision() const;
    recon::BandResolution bandResolution() const;
    bool hazeGuard() const; // ReconOptions::hazeGuard
    // Whether `method` fills from a harmonic start (what the haze guard row changes): the harmonic
    // method, a network without other dates, or the one-date general model forced with them.
    static bool startsHarmonic(const recon::Method& method, bool withReferences);

private:
    QList<QComboBox*> rows() const;

    QToolButton* m_toggle;
    QComboBox* m_temporalFit;
    QComboBox* m_precision;
    QComboBox* m_bandResolution;
    QComboBox* m_hazeGuard;
};

} // namespace unclouded::ui
