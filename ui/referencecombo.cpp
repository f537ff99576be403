#include "ui/referencecombo.h"

#include <QFileInfo>

namespace unclouded::ui {

ReferenceCombo::ReferenceCombo(const QString& noneLabel, QWidget* parent)
    : QComboBox(parent)
    , m_noneLabel(noneLabel)
{
    // A SAFE's name is 60 characters: the list shows them whole, the closed box does not widen the dock.
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(16);
    setCandidates({}, Fallback::None);
}

void ReferenceCombo::setCandidates(const QStringList& paths, Fallback fallback)
{
    const QStringList keep = references();
    const bool wasAll = keep.size() > 1 && keep == m_candidates;
    const bool same = paths == m_candidates;
    m_candidates = paths;
    clear();
    addItem(m_noneLabel, QStringList());
    if (paths.size() > 1) {
        addItem(tr("All %n other date(s)", nullptr, int(paths.size())), paths);
        setItemData(1,
            tr("Every other open date of this tile: per pixel the nearest date that shows the ground"),
            Qt::ToolTipRole);
    }
    for (const QString& p : paths) {
        addItem(QFileInfo(p).fileName(), QStringList { p });
        setItemData(count() - 1, p, Qt::ToolTipRole);
    }
    // The same dates keep any choice; new ones keep "All" and a date still offered.
    int i = same || keep.size() == 1 ? findReferences(keep) : -1;
    if (wasAll && paths.size() > 1)
        i = 1;
    if (i < 0)
        i = fallback == Fallback::All && !paths.isEmpty() ? 1 : 0;
    setCurrentIndex(i);
    setEnabled(!paths.isEmpty());
}

QStringList ReferenceCombo::references() const
{
    return currentData().toStringList();
}

void ReferenceCombo::setReferences(const QStringList& paths)
{
    int i = findReferences(paths);
    if (i < 0) {
        addItem(paths.size() == 1 ? QFileInfo(paths.front()).fileName() : paths.join(QStringLiteral(", ")),
            paths);
        i = count() - 1;
    }
    setCurrentIndex(i);
}

int ReferenceCombo::findReferences(const QStringList& paths) const
{
    for (int i = 0; i < count(); ++i)
        if (itemData(i).toStringList() == paths)
            return i;
    return -1;
}

} // namespace unclouded::ui
