#include "ui/sclpanel.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QPainter>
#include <QSlider>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/io/sentinel2.h"
#include "ui/rendering.h"
#include "ui/settings.h"

namespace unclouded::ui {

SclPanel::SclPanel(QWidget* parent)
    : QWidget(parent)
{
    m_legend = new QTreeWidget(this);
    m_legend->setObjectName(QStringLiteral("sclLegend"));
    m_legend->setHeaderLabels({ tr("Class"), tr("Coverage") });
    m_legend->setRootIsDecorated(false);
    m_legend->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_show = new QCheckBox(tr("Show overlay"), this);
    m_show->setChecked(true);
    m_outline = new QCheckBox(tr("Outline only"), this);
    m_opacity = new QSlider(Qt::Horizontal, this);
    m_opacity->setRange(0, 100);
    m_opacity->setValue(45);
    m_buffer = new QSpinBox(this);
    m_buffer->setRange(0, MaskSpec::kMaxDilatePx);
    m_buffer->setSuffix(tr(" px"));
    m_show->setToolTip(tr("Colour the ticked classes over the map"));
    m_outline->setToolTip(tr("Draw only the edges of the hidden areas, so the ground stays visible"));
    m_opacity->setToolTip(tr("Opacity of the class colours over the map"));
    m_buffer->setToolTip(tr("Widen every hidden area by this many pixels: cloud edges and thin haze around "
                            "them count as hidden too"));
    remember(m_show, settings::overlayVisible);
    remember(m_outline, settings::overlayOutline);
    remember(m_opacity, settings::overlayOpacity);
    remember(m_buffer, settings::maskBuffer);
    auto* form = new QFormLayout;
    form->addRow(tr("Opacity"), m_opacity);
    form->addRow(tr("Mask buffer"), m_buffer);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_legend);
    lay->addWidget(m_show);
    lay->addWidget(m_outline);
    lay->addLayout(form);
    connect(m_legend, &QTreeWidget::itemChanged, this, [this] {
        if (m_updating)
            return;
        for (int i = 0; i < m_legend->topLevelItemCount(); ++i) {
            const QTreeWidgetItem* it = m_legend->topLevelItem(i);
            if (!it->data(0, Qt::UserRole).isValid())
                continue;
            const int c = it->data(0, Qt::UserRole).toInt();
            if (it->checkState(0) == Qt::Checked)
                m_ticks.insert(c);
            else
                m_ticks.remove(c);
        }
        // Nothing ticked means nothing hides, on every layer: not even a mask file's "hidden", which a
        // SAFE's legend does not list.
        if (selectedClasses().isEmpty())
            m_ticks.clear();
        settings::storeHiddenClasses(selectedClasses());
        Q_EMIT changed();
        Q_EMIT classesChanged();
    });
    connect(m_opacity, &QSlider::valueChanged, this, &SclPanel::changed);
    connect(m_outline, &QCheckBox::toggled, this, &SclPanel::changed);
    connect(m_show, &QCheckBox::toggled, this, &SclPanel::changed);
    connect(m_buffer, &QSpinBox::valueChanged, this, &SclPanel::bufferChanged);
}

void SclPanel::showNoProduct()
{
    m_updating = true; // setFlags announces a change: not the user's, the ticks stay
    m_legend->clear();
    auto* item = new QTreeWidgetItem(m_legend, { tr("No product open") });
    item->setFlags(Qt::ItemIsEnabled);
    m_updating = false;
}

void SclPanel::setCoverage(const Coverage& cov, bool hasClasses, bool pending)
{
    m_updating = true;
    // Keep the user's ticks across refreshes (e.g. a new buffer); defaults the first time.
    QSet<int> defaults = m_ticks;
    if (!m_ticksLoaded) { // an empty set after that is the user's: every class unticked
        m_ticksLoaded = true;
        bool chosen = false; // the user's ticks of an earlier session, else core's defaults
        defaults = settings::storedHiddenClasses(&chosen);
        if (chosen && !defaults.isEmpty())
            defaults.insert(kMaskHidden); // a mask file's hidden pixels, as core's parser keeps them
        m_ticks = defaults;
    }
    QSet<int> listedBefore;
    for (int i = 0; i < m_legend->topLevelItemCount(); ++i)
        if (m_legend->topLevelItem(i)->data(0, Qt::UserRole).isValid())
            listedBefore.insert(m_legend->topLevelItem(i)->data(0, Qt::UserRole).toInt());
    bool newTick = false; // a ticked class this count found that the last listing did not show
    m_legend->clear();
    if (!hasClasses) {
        auto* item = new QTreeWidgetItem(m_legend, { tr("No scene classification (open a mask file)") });
        item->setFlags(Qt::ItemIsEnabled);
    }
    for (int c = 0; c < 256 && hasClasses; ++c) {
        const bool listed = pending ? c < kSclClassCount : (cov.counts[c] > 0 || isDefaultHidden(c));
        if (!listed)
            continue;
        const double pct = cov.percent(c);
        const QString figure = pending ? QStringLiteral("…") : QStringLiteral("%L1 %").arg(pct, 0, 'f', 2);
        auto* item = new QTreeWidgetItem(
            m_legend, { QStringLiteral("%1  %2").arg(c).arg(sclClassLabel(c)), figure });
        QPixmap swatch(14, 14);
        swatch.fill(sclColour(c));
        { // a grey edge: cloud's white and clear's transparency stay visible on a light list
            QPainter edge(&swatch);
            edge.setPen(QColor(128, 128, 128));
            edge.drawRect(0, 0, 13, 13);
        }
        item->setIcon(0, QIcon(swatch));
        item->setData(0, Qt::UserRole, c);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(0, defaults.contains(c) ? Qt::Checked : Qt::Unchecked);
        newTick |= !pending && defaults.contains(c) && !listedBefore.contains(c) && cov.counts[c] > 0;
        item->setTextAlignment(1, Qt::AlignRight);
    }
    if (hasClasses) {
        auto* total = new QTreeWidgetItem(m_legend,
            { tr("Hidden (selected, with buffer)"),
                pending ? tr("counting…") : QStringLiteral("%L1 %").arg(cov.hiddenPercent(), 0, 'f', 2) });
        QFont f = total->font(0);
        f.setBold(true);
        total->setFont(0, f);
        total->setFont(1, f);
        total->setTextAlignment(1, Qt::AlignRight);
        total->setFlags(Qt::ItemIsEnabled);
    }
    m_updating = false;
    // Counted without it (a mask file's "hidden", which the listing before the count leaves out):
    // the overlay and the count follow the ticks.
    if (newTick && !listedBefore.isEmpty()) {
        Q_EMIT changed();
        Q_EMIT classesChanged();
    }
}

QSet<int> SclPanel::selectedClasses() const
{
    QSet<int> out;
    for (int i = 0; i < m_legend->topLevelItemCount(); ++i) {
        QTreeWidgetItem* it = m_legend->topLevelItem(i);
        if (it->data(0, Qt::UserRole).isValid() && it->checkState(0) == Qt::Checked)
            out.insert(it->data(0, Qt::UserRole).toInt());
    }
    return out;
}

float SclPanel::opacity() const
{
    return m_opacity->value() / 100.0f;
}
bool SclPanel::outline() const
{
    return m_outline->isChecked();
}
bool SclPanel::overlayVisible() const
{
    return m_show->isChecked();
}
int SclPanel::buffer() const
{
    return m_buffer->value();
}

void SclPanel::setHiddenClasses(const QSet<int>& classes)
{
    const bool maskHidden = m_ticks.contains(kMaskHidden) || !m_ticksLoaded; // not a preference: left
    m_ticksLoaded = true;
    m_ticks = classes;
    m_ticks.remove(kMaskHidden);
    if (maskHidden)
        m_ticks.insert(kMaskHidden);
    m_updating = true;
    bool changedAny = false;
    for (int i = 0; i < m_legend->topLevelItemCount(); ++i) {
        QTreeWidgetItem* it = m_legend->topLevelItem(i);
        const QVariant c = it->data(0, Qt::UserRole);
        if (!c.isValid() || c.toInt() == kMaskHidden)
            continue;
        const Qt::CheckState want = classes.contains(c.toInt()) ? Qt::Checked : Qt::Unchecked;
        changedAny |= it->checkState(0) != want;
        it->setCheckState(0, want);
    }
    m_updating = false;
    if (changedAny) {
        Q_EMIT changed();
        Q_EMIT classesChanged();
    }
}

void SclPanel::setBuffer(int px)
{
    m_buffer->setValue(px);
}

} // namespace unclouded::ui
