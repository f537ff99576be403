#include "ui/panels.h"

#include "core/common/error.h"
#include "core/common/job.h"
#include "ui/qcp.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QSlider>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace unclouded::ui {

DisplayPanel::DisplayPanel(QWidget* parent) : QWidget(parent)
{
    m_composite = new QComboBox(this);
    m_composite->setObjectName(QStringLiteral("compositeCombo"));
    for (Composite c : {Composite::TrueColour, Composite::FalseColourNir, Composite::Agriculture, Composite::Swir, Composite::Ndvi, Composite::Custom})
        m_composite->addItem(compositeName(c), static_cast<int>(c));
    m_stretch = new QComboBox(this);
    m_stretch->addItem(tr("2–98 % (clear pixels)"), QStringLiteral("2-98"));
    m_stretch->addItem(tr("Min / max"), QStringLiteral("minmax"));
    m_stretch->addItem(tr("Manual"), QStringLiteral("manual"));
    m_gamma = new QDoubleSpinBox(this);
    m_gamma->setRange(0.2, 3.0);
    m_gamma->setSingleStep(0.1);
    m_gamma->setValue(1.0);
    m_customRow = new QWidget(this);
    auto* rgbLay = new QHBoxLayout(m_customRow);
    rgbLay->setContentsMargins(0, 0, 0, 0);
    for (auto& c : m_rgb) {
        c = new QComboBox(m_customRow);
        rgbLay->addWidget(c);
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            if (composite() == Composite::Custom)
                Q_EMIT changed();
        });
    }
    m_manualRow = new QWidget(this);
    auto* mLay = new QHBoxLayout(m_manualRow);
    mLay->setContentsMargins(0, 0, 0, 0);
    m_min = new QDoubleSpinBox(m_manualRow);
    m_max = new QDoubleSpinBox(m_manualRow);
    for (QDoubleSpinBox* b : {m_min, m_max}) {
        b->setRange(-0.1, 2.0);
        b->setDecimals(3);
        b->setSingleStep(0.01);
        mLay->addWidget(b);
        connect(b, &QDoubleSpinBox::valueChanged, this, [this] {
            if (stretchMode() == QLatin1String("manual"))
                Q_EMIT changed();
        });
    }
    m_min->setValue(0.0);
    m_max->setValue(0.3);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Composite"), m_composite);
    form->addRow(tr("R, G, B"), m_customRow);
    form->addRow(tr("Stretch"), m_stretch);
    form->addRow(tr("Min, max"), m_manualRow);
    form->addRow(tr("Gamma"), m_gamma);
    auto sync = [this] {
        m_customRow->setEnabled(composite() == Composite::Custom);
        m_manualRow->setEnabled(stretchMode() == QLatin1String("manual"));
    };
    sync();
    connect(m_composite, &QComboBox::currentIndexChanged, this, sync);
    connect(m_stretch, &QComboBox::currentIndexChanged, this, sync);
    connect(m_composite, &QComboBox::currentIndexChanged, this, &DisplayPanel::changed);
    connect(m_stretch, &QComboBox::currentIndexChanged, this, &DisplayPanel::changed);
    connect(m_gamma, &QDoubleSpinBox::valueChanged, this, &DisplayPanel::changed);
}

Composite DisplayPanel::composite() const
{
    return static_cast<Composite>(m_composite->currentData().toInt());
}
QString DisplayPanel::stretchMode() const
{
    return m_stretch->currentData().toString();
}
float DisplayPanel::gamma() const
{
    return static_cast<float>(m_gamma->value());
}

void DisplayPanel::setBands(const QStringList& bands)
{
    const QStringList defaults{QStringLiteral("B04"), QStringLiteral("B03"), QStringLiteral("B02")};
    for (int i = 0; i < 3; ++i) {
        const QSignalBlocker block(m_rgb[i]);
        const QString keep = m_rgb[i]->currentText();
        m_rgb[i]->clear();
        m_rgb[i]->addItems(bands);
        const int k = m_rgb[i]->findText(keep.isEmpty() ? defaults[i] : keep);
        m_rgb[i]->setCurrentIndex(k >= 0 ? k : std::min<int>(i, static_cast<int>(bands.size()) - 1));
    }
}

QStringList DisplayPanel::customBands() const
{
    return {m_rgb[0]->currentText(), m_rgb[1]->currentText(), m_rgb[2]->currentText()};
}

std::pair<float, float> DisplayPanel::manualRange() const
{
    return {static_cast<float>(m_min->value()), static_cast<float>(std::max(m_min->value() + 1e-3, m_max->value()))};
}

SclPanel::SclPanel(QWidget* parent) : QWidget(parent)
{
    m_legend = new QTreeWidget(this);
    m_legend->setObjectName(QStringLiteral("sclLegend"));
    m_legend->setHeaderLabels({tr("Class"), tr("Coverage")});
    m_legend->setRootIsDecorated(false);
    m_legend->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_show = new QCheckBox(tr("Show overlay"), this);
    m_show->setChecked(true);
    m_outline = new QCheckBox(tr("Outline only"), this);
    m_opacity = new QSlider(Qt::Horizontal, this);
    m_opacity->setRange(0, 100);
    m_opacity->setValue(45);
    m_buffer = new QSpinBox(this);
    m_buffer->setRange(0, 100);
    m_buffer->setSuffix(tr(" px"));
    auto* form = new QFormLayout;
    form->addRow(tr("Opacity"), m_opacity);
    form->addRow(tr("Mask buffer"), m_buffer);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_legend);
    lay->addWidget(m_show);
    lay->addWidget(m_outline);
    lay->addLayout(form);
    connect(m_legend, &QTreeWidget::itemChanged, this, [this] {
        if (!m_updating)
            Q_EMIT changed();
    });
    connect(m_opacity, &QSlider::valueChanged, this, &SclPanel::changed);
    connect(m_outline, &QCheckBox::toggled, this, &SclPanel::changed);
    connect(m_show, &QCheckBox::toggled, this, &SclPanel::changed);
    connect(m_buffer, &QSpinBox::valueChanged, this, &SclPanel::bufferChanged);
}

void SclPanel::setCoverage(const Coverage& cov, bool hasClasses, bool pending)
{
    m_updating = true;
    // Keep the user's ticks across refreshes (e.g. a new buffer); defaults the first time.
    QSet<int> defaults = selectedClasses();
    if (m_legend->topLevelItemCount() == 0 || defaults.isEmpty())
        for (int c : MaskSpec().classes)
            defaults.insert(c);
    m_legend->clear();
    if (!hasClasses) {
        auto* item = new QTreeWidgetItem(m_legend, {tr("No scene classification (open a mask file)")});
        item->setFlags(Qt::ItemIsEnabled);
    }
    for (int c = 0; c < 256 && hasClasses; ++c) {
        const bool listed = pending ? c < kSclClassCount : (cov.counts[c] > 0 || isDefaultHidden(c));
        if (!listed)
            continue;
        const double pct = cov.percent(c);
        const QString figure = pending ? QStringLiteral("…") : QStringLiteral("%1 %").arg(pct, 0, 'f', 2);
        auto* item = new QTreeWidgetItem(m_legend, {QStringLiteral("%1  %2").arg(c).arg(sclClassName(c)), figure});
        QPixmap swatch(14, 14);
        swatch.fill(sclColour(c));
        item->setIcon(0, QIcon(swatch));
        item->setData(0, Qt::UserRole, c);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(0, defaults.contains(c) ? Qt::Checked : Qt::Unchecked);
        item->setTextAlignment(1, Qt::AlignRight);
    }
    if (hasClasses) {
        auto* total = new QTreeWidgetItem(m_legend, {tr("Hidden (selected, with buffer)"),
                                                     pending ? tr("counting…") : QStringLiteral("%1 %").arg(cov.hiddenPercent(), 0, 'f', 2)});
        QFont f = total->font(0);
        f.setBold(true);
        total->setFont(0, f);
        total->setFont(1, f);
        total->setTextAlignment(1, Qt::AlignRight);
        total->setFlags(Qt::ItemIsEnabled);
    }
    m_updating = false;
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

PixelInspector::PixelInspector(QWidget* parent) : QWidget(parent)
{
    m_table = new QTreeWidget(this);
    m_table->setObjectName(QStringLiteral("pixelTable"));
    m_table->setHeaderLabels({tr("Property"), tr("Value")});
    m_table->setRootIsDecorated(false);
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumHeight(150);
    m_plot->xAxis->setLabel(tr("Wavelength (nm)"));
    m_plot->yAxis->setLabel(tr("Reflectance"));
    m_plot->addGraph();
    m_plot->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_table, 2);
    lay->addWidget(m_plot, 1);
}

void PixelInspector::inspect(const Product& product, int x, int y, const Product* after, const QString& method)
{
    m_table->clear();
    if (x < 0 || y < 0 || x >= product.width() || y >= product.height())
        return;
    auto row = [this](const QString& k, const QString& v) { new QTreeWidgetItem(m_table, {k, v}); };
    row(tr("Pixel"), QStringLiteral("%1, %2").arg(x).arg(y));
    double mx = 0, my = 0, lon = 0, lat = 0;
    product.gridToMap(x + 0.5, y + 0.5, mx, my);
    if (product.info().georeferenced)
        row(tr("Map (EPSG:%1)").arg(product.info().epsg), QStringLiteral("%1, %2").arg(mx, 0, 'f', 1).arg(my, 0, 'f', 1));
    if (product.gridToLonLat(x + 0.5, y + 0.5, lon, lat))
        row(tr("Lat, lon"), QStringLiteral("%1°, %2°").arg(lat, 0, 'f', 6).arg(lon, 0, 'f', 6));
    const auto failure = runGuarded([&] {
        const QStringList names = product.bandNames();
        std::vector<float> v(names.size()), a(names.size(), std::nanf(""));
        product.readWindow(names, {x, y, 1, 1}, v.data());
        bool rebuilt = false;
        if (after) {
            row(tr("Method"), method);
            after->readWindow(names, {x, y, 1, 1}, a.data());
            if (after->hasClasses()) {
                uint8_t c = 0;
                after->readClasses({x, y, 1, 1}, &c);
                rebuilt = c == kMaskHidden;
            }
            row(tr("Reconstructed"), rebuilt ? tr("yes") : tr("no (unchanged)"));
        }
        auto text = [this](float f) { return std::isnan(f) ? tr("nodata") : QString::number(f, 'f', 4); };
        QVector<double> wl, refl, wlA, reflA;
        for (int b = 0; b < names.size(); ++b) {
            row(names[b], after ? QStringLiteral("%1 → %2").arg(text(v[b]), text(a[b])) : text(v[b]));
            if (!std::isnan(v[b])) {
                wl << product.info().bands[b].centralNm;
                refl << v[b];
            }
            if (after && !std::isnan(a[b])) {
                wlA << product.info().bands[b].centralNm;
                reflA << a[b];
            }
        }
        const int r = product.bandIndex(QStringLiteral("B04")), n = product.bandIndex(QStringLiteral("B08"));
        if (r >= 0 && n >= 0 && !std::isnan(v[r]) && !std::isnan(v[n])) {
            QString t = QString::number((v[n] - v[r]) / (v[n] + v[r]), 'f', 3);
            if (after && !std::isnan(a[r]) && !std::isnan(a[n]))
                t += QStringLiteral(" → %1").arg((a[n] - a[r]) / (a[n] + a[r]), 0, 'f', 3);
            row(tr("NDVI"), t);
        }
        if (product.hasClasses()) {
            uint8_t c = 0;
            product.readClasses({x, y, 1, 1}, &c);
            row(tr("Class"), QStringLiteral("%1 %2").arg(c).arg(sclClassName(c)));
        }
        m_plot->graph(0)->setData(wl, refl);
        if (after) {
            if (m_plot->graphCount() < 2) {
                m_plot->addGraph();
                m_plot->graph(1)->setPen(QPen(QColor(200, 60, 40)));
                m_plot->graph(1)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, 5));
                m_plot->graph(0)->setName(tr("before"));
                m_plot->graph(1)->setName(tr("after"));
                m_plot->legend->setVisible(true);
            }
            m_plot->graph(1)->setData(wlA, reflA);
        } else if (m_plot->graphCount() > 1) {
            m_plot->removeGraph(1);
            m_plot->legend->setVisible(false);
        }
        double top = 0.5;
        for (double q : refl + reflA)
            top = std::max(top, q * 1.1);
        m_plot->xAxis->setRange(400, 2300);
        m_plot->yAxis->setRange(0, top);
        m_plot->replot();
    });
    if (failure)
        row(tr("Error"), failure->message);
    m_table->resizeColumnToContents(0);
}

} // namespace unclouded::ui
