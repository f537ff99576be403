// The other dates a job starts from: "(none)", every candidate at once ("All N other dates": per
// pixel the nearest three dates that show the ground, blended, as --reference given several times) or
// one of them.
#pragma once

#include <QComboBox>
#include <QHash>
#include <QStringList>

#include "ui/workspace.h"

namespace unclouded::ui {

// The name a product is known by in lists: a SAFE's folder for its MTD_MSIL*.xml (every SAFE's
// metadata file has that one name), else the file or folder name.
QString productDisplayName(const QString& path);

class ReferenceCombo : public QComboBox
{
    Q_OBJECT
public:
    // What a new list of candidates selects when the current choice no longer applies.
    enum class Fallback { None, All };

    explicit ReferenceCombo(const QString& noneLabel, QWidget* parent = nullptr);

    // The dates offered (paths of products on the current product's grid). "All" stays all (with a
    // single date, choosing it counts as all), a deliberate "(none)" stays, a date still offered
    // stays, dates set by setReferences stay; otherwise `fallback` ("All" with one date: that one).
    void setCandidates(const QStringList& paths, Fallback fallback);
    // How much of the product each offered date covers (by path; a date on another window of its
    // grid covers part of it), and whether it is resampled onto its pixels: its item says so when
    // it covers less than all of it or is resampled. Call after setCandidates.
    void setCoverage(const QHash<QString, ReferenceFit>& coverage);
    QStringList references() const; // empty for "(none)"
    // Selects exactly these dates (one: that item; all candidates: "All"), adding a path not offered.
    void setReferences(const QStringList& paths);
    // The box in a row with a "…" button that picks a date from a file, for a product of the tile not
    // open as a layer (the job checks its grid as for any date); the button's object name is the
    // box's + "Browse". Call once the box has its object name, in place of adding the box itself.
    QWidget* withBrowseButton();
    // For a job's status: a line per other date that had neither classes nor a mask (ReconStats /
    // EvalReport::referencesWithoutClasses), each starting with a newline; empty when none.
    static QString takenAsClear(const QStringList& references);

private:
    int findReferences(const QStringList& paths) const; // the item with these dates, in any order
    int addDates(const QStringList& paths); // an item for them; its index

    QString m_noneLabel;
    QStringList m_candidates;
};

} // namespace unclouded::ui
