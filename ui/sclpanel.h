// Scene classes dock: SCL legend with coverage, per-class toggles, overlay opacity / outline and the
// mask buffer.
#pragma once

#include <QSet>
#include <QWidget>

#include "core/masks/mask.h"

class QCheckBox;
class QSlider;
class QSpinBox;
class QTreeWidget;

namespace unclouded::ui {

class SclPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SclPanel(QWidget* parent = nullptr);
    // pending: the coverage is still being counted (classes listed, figures shown as "…").
    void setCoverage(const Coverage& coverage, bool hasClasses, bool pending = false);
    void showNoProduct(); // the last layer closed: the ticks stay for the next product
    QSet<int> selectedClasses() const; // ticked in the legend (the current product's classes)
    // The classes that hide on every layer: the user's ticks, listed for the current product or not (a
    // mask file's "hidden" when the current product is a SAFE, clouds when it is a GeoTIFF and its
    // mask); empty until the first listing (ticksLoaded(); then the stored ticks or core's defaults),
    // and empty when the user unticked every class (nothing hides).
    QSet<int> hidingClasses() const { return m_ticks; }
    bool ticksLoaded() const { return m_ticksLoaded; }
    float opacity() const;
    bool outline() const;
    bool overlayVisible() const;
    int buffer() const;
    // Ticks exactly these classes (those listed) and sets the buffer, as a user would (Preferences).
    void setHiddenClasses(const QSet<int>& classes);
    void setBuffer(int px);
    QTreeWidget* legend() const { return m_legend; }

Q_SIGNALS:
    void changed();
    void classesChanged(); // a class ticked or unticked (also emits changed)
    void bufferChanged(int px);

private:
    QTreeWidget* m_legend;
    QSlider* m_opacity;
    QCheckBox* m_outline;
    QCheckBox* m_show;
    QSpinBox* m_buffer;
    bool m_updating = false;
    // The ticked classes, listed or not: a class one listing leaves out (a mask file's "hidden" while
    // its coverage is counted) keeps its tick for the next.
    QSet<int> m_ticks;
    bool m_ticksLoaded = false; // m_ticks holds the user's choice (possibly none), not "not yet"
};

} // namespace unclouded::ui
