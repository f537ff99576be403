#include "ui/referencecombo.h"

#include <cmath>
#include <utility>

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QToolButton>

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

namespace {

bool sameDates(QStringList a, QStringList b)
{
    a.sort();
    b.sort();
    return a == b;
}

} // namespace

void ReferenceCombo::setCandidates(const QStringList& paths, Fallback fallback)
{
    // What the choice meant decides what it becomes: all the dates (a single one counts, so dates
    // opened later join it), none while there were dates (only ever the user's choice), one date
    // still offered, or dates a script gave (kept as they are).
    const QStringList keep = references();
    const QStringList before = std::exchange(m_candidates, paths);
    const bool wasAll = !before.isEmpty() && sameDates(keep, before);
    const bool wasNone = !before.isEmpty() && keep.isEmpty();
    const bool scripted = !keep.isEmpty() && !wasAll && !(keep.size() == 1 && before.contains(keep.front()));
    clear();
    addItem(m_noneLabel, QStringList());
    if (paths.size() > 1) {
        addItem(tr("All %n other date(s)", nullptr, int(paths.size())), paths);
        setItemData(1,
            tr("Every other open date of this tile: per pixel the nearest three that show the ground, "
               "weighted by how well each fits the product"),
            Qt::ToolTipRole);
    }
    for (const QString& p : paths)
        addDates({ p });
    int i = -1;
    if (wasAll)
        i = paths.isEmpty() ? 0 : 1; // "All", or the only date
    else if (wasNone)
        i = 0;
    else if (!keep.isEmpty())
        i = findReferences(keep);
    if (i < 0 && scripted)
        i = addDates(keep);
    if (i < 0)
        i = fallback == Fallback::All && !paths.isEmpty() ? 1 : 0;
    setCurrentIndex(i);
    setEnabled(count() > 1); // dates offered, or one picked from a file
}

void ReferenceCombo::setCoverage(const QHash<QString, ReferenceFit>& coverage)
{
    for (int i = 0; i < count(); ++i) {
        const QStringList dates = itemData(i).toStringList();
        if (dates.size() != 1 || !coverage.contains(dates.front()))
            continue;
        const ReferenceFit fit = coverage.value(dates.front());
        const bool whole = fit.coverage >= 0.9995;
        if (whole && !fit.resampled)
            continue;
        const int percent = static_cast<int>(std::lround(100 * fit.coverage));
        const QString name = productDisplayName(dates.front());
        QStringList tip { dates.front() };
        if (fit.resampled) {
            setItemText(i,
                whole ? tr("%1 (resampled)").arg(name)
                      : tr("%1 (resampled, covers %2 %)").arg(name).arg(percent));
            tip << tr("This date lies on another CRS or pixel grid: it is resampled onto the product's "
                      "pixels (bilinear; its classes nearest).");
            if (!whole)
                tip << tr("It covers %1 % of the product: the rest is filled from the surroundings.")
                           .arg(percent);
        } else {
            setItemText(i, tr("%1 (covers %2 %)").arg(name).arg(percent));
            tip << tr("This date covers %1 % of the product (another window of its grid): the rest is "
                      "filled from the surroundings.")
                       .arg(percent);
        }
        setItemData(i, tip.join(QLatin1Char('\n')), Qt::ToolTipRole);
    }
}

QStringList ReferenceCombo::references() const
{
    return currentData().toStringList();
}

void ReferenceCombo::setReferences(const QStringList& paths)
{
    int i = paths.size() > 1 && sameDates(paths, m_candidates) ? 1 : findReferences(paths);
    if (i < 0)
        i = addDates(paths);
    setCurrentIndex(i);
}

QWidget* ReferenceCombo::withBrowseButton()
{
    auto* row = new QWidget(parentWidget());
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(this, 1);
    auto* browse = new QToolButton(row);
    browse->setObjectName(objectName() + QStringLiteral("Browse"));
    browse->setText(QStringLiteral("…"));
    browse->setToolTip(tr("Another date of the tile from a file, not open as a layer: a SAFE's "
                          "MTD_MSIL*.xml, a .zip, a STAC item or a GeoTIFF"));
    browse->setAccessibleName(browse->toolTip()); // read out instead of "…"
    layout->addWidget(browse);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QStringList now = references();
        QString path = QFileDialog::getOpenFileName(this, tr("Other Date"),
            now.isEmpty() ? QString() : QFileInfo(now.front()).absolutePath(),
            tr("Sentinel-2 products (MTD_MSIL*.xml MTD_TL.xml *.zip *.json *.tif *.tiff);;All files (*)"));
        if (path.isEmpty())
            return;
        // A SAFE's metadata file stands for its folder: the name the date is known by, as a layer's.
        const QFileInfo f(path);
        if (f.fileName().startsWith(QLatin1String("MTD_MSIL"), Qt::CaseInsensitive)
            && f.dir().dirName().endsWith(QLatin1String(".SAFE"), Qt::CaseInsensitive))
            path = f.absolutePath();
        setReferences({ path });
        setEnabled(true);
    });
    return row;
}

QString productDisplayName(const QString& path)
{
    const QFileInfo f(path);
    if (f.fileName().startsWith(QLatin1String("MTD_MSIL"), Qt::CaseInsensitive)
        && f.dir().dirName().endsWith(QLatin1String(".SAFE"), Qt::CaseInsensitive))
        return f.dir().dirName();
    return f.fileName();
}

int ReferenceCombo::addDates(const QStringList& paths)
{
    addItem(paths.size() == 1 ? productDisplayName(paths.front()) : paths.join(QStringLiteral(", ")), paths);
    setItemData(count() - 1, paths.join(QLatin1Char('\n')), Qt::ToolTipRole);
    return count() - 1;
}

int ReferenceCombo::findReferences(const QStringList& paths) const
{
    for (int i = 0; i < count(); ++i)
        if (sameDates(itemData(i).toStringList(), paths))
            return i;
    return -1;
}

QString ReferenceCombo::takenAsClear(const QStringList& references)
{
    QString text;
    for (const QString& ref : references)
        text += QLatin1Char('\n')
            + tr("%1 has no scene classification: all of it was taken as clear ground, its clouds "
                 "included (open its SCL or mask file on its layer).")
                  .arg(productDisplayName(ref));
    return text;
}

} // namespace unclouded::ui
