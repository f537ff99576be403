#include "ui/advancedoptions.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QToolButton>

namespace unclouded::ui {

namespace {

// One row: items as (label, the CLI's name), Automatic first.
QComboBox* optionCombo(QWidget* parent, const QString& name, const QList<std::pair<QString, QString>>& items,
    const QString& tip, const Setting<QString>& setting)
{
    auto* c = new QComboBox(parent);
    c->setObjectName(name);
    c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon); // may shrink with the dock
    c->setMinimumContentsLength(14);
    for (const auto& [label, value] : items)
        c->addItem(label, value);
    c->setToolTip(tip);
    remember(c, setting);
    return c;
}

} // namespace

AdvancedOptions::AdvancedOptions(QWidget* parent, const QString& prefix, const Setting<bool>& shown,
    const Setting<QString>& temporalFit, const Setting<QString>& precision,
    const Setting<QString>& bandResolution, const Setting<QString>& hazeGuard)
    : QObject(parent)
{
    m_temporalFit = optionCombo(parent, prefix + QLatin1String("TemporalFit"),
        { { tr("Automatic"), QStringLiteral("auto") },
            { tr("Each band from all bands (cross-band)"), QStringLiteral("cross-band") },
            { tr("Cross-band, from the pixel alone"), QStringLiteral("cross-band-pixel") },
            { tr("A line per band and window"), QStringLiteral("per-band") } },
        tr("How the reference date is mapped onto this product before it fills hidden pixels. "
           "Cross-band also corrects the map from the reference's 3 x 3 neighbourhood where held-out "
           "pixels show that helps (the dates' sub-pixel misregistration). Automatic: cross-band for "
           "temporal fill; for a network, what it was trained on (another mapping gives it a start it "
           "never learned from)"),
        temporalFit);
    m_precision = optionCombo(parent, prefix + QLatin1String("Precision"),
        { { tr("Automatic"), QStringLiteral("auto") }, { tr("float32"), QStringLiteral("float32") },
            { tr("bfloat16"), QStringLiteral("bfloat16") } },
        tr("The networks' arithmetic. bfloat16 is about 1.6x faster on processors that compute it "
           "natively, with no loss measured; elsewhere it is emulated and slower. Automatic uses it "
           "only where it is native"),
        precision);
    m_bandResolution = optionCombo(parent, prefix + QLatin1String("BandResolution"),
        { { tr("Automatic"), QStringLiteral("auto") },
            { tr("Near their native resolution"), QStringLiteral("native") },
            { tr("At 20 m or coarser"), QStringLiteral("coarse") },
            { tr("All on the 10 m grid"), QStringLiteral("full") } },
        tr("General model: at which resolution the bands' corrections are computed. Native (the 20 m "
           "and 60 m bands at theirs) is about 2x less work on 12 bands, 20 m or coarser (the 10 m "
           "bands too) about 4x. Automatic: 20 m or coarser with one date, the 10 m grid when it "
           "starts from a reference date"),
        bandResolution);
    m_hazeGuard = optionCombo(parent, prefix + QLatin1String("HazeGuard"),
        { { tr("Automatic"), QStringLiteral("auto") }, { tr("Solved with the cloud"), QStringLiteral("on") },
            { tr("Kept as seen"), QStringLiteral("off") } },
        tr("The scene classification often leaves a cloud's hazy fringe and bright specks inside it "
           "marked clear. A harmonic fill (Harmonic fill, the General model with one date) that "
           "keeps them spreads their brightness into the cloud as bright discs. Solved: hazy pixels "
           "reached from a cloud, up to 1 km, are filled with it, and still written as they were. "
           "Automatic: solved"),
        hazeGuard);
    m_toggle = new QToolButton(parent);
    m_toggle->setText(tr("Advanced"));
    m_toggle->setCheckable(true);
    m_toggle->setAutoRaise(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setToolTip(
        tr("How other dates are mapped, the networks' arithmetic and the resolution of their corrections, "
           "hazy cloud fringes"));
    m_toggle->setObjectName(prefix + QLatin1String("Advanced"));
    m_toggle->setChecked(shown.get());
    for (const QComboBox* c : rows())
        if (c->currentIndex() > 0) // a remembered choice is never hidden: it changes every later run
            m_toggle->setChecked(true);
    connect(m_toggle, &QToolButton::toggled, this, [shown](bool on) { shown.set(on); });
}

void AdvancedOptions::addRows(QFormLayout* form)
{
    // Labels with a parent: a form not yet installed on its widget would show parentless ones as
    // windows of their own when the rows are first shown.
    QWidget* parent = m_toggle->parentWidget();
    form->addRow(m_toggle);
    form->addRow(new QLabel(tr("Reference mapping"), parent), m_temporalFit);
    form->addRow(new QLabel(tr("Arithmetic"), parent), m_precision);
    form->addRow(new QLabel(tr("Band resolution"), parent), m_bandResolution);
    form->addRow(new QLabel(tr("Hazy cloud fringes"), parent), m_hazeGuard);
    auto show = [this, form](bool on) {
        m_toggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        for (QComboBox* c : rows())
            form->setRowVisible(c, on);
    };
    connect(m_toggle, &QToolButton::toggled, this, show);
    show(m_toggle->isChecked());
}

QList<QComboBox*> AdvancedOptions::rows() const
{
    return { m_temporalFit, m_precision, m_bandResolution, m_hazeGuard };
}

void AdvancedOptions::setApplicable(bool networks, bool otherDates, bool harmonicFill)
{
    m_precision->setEnabled(networks);
    m_bandResolution->setEnabled(networks);
    m_temporalFit->setEnabled(otherDates);
    m_hazeGuard->setEnabled(harmonicFill);
}

bool AdvancedOptions::startsHarmonic(const recon::Method& method, bool withReferences)
{
    return method.kind == recon::MethodKind::Harmonic
        || (method.kind == recon::MethodKind::Model
            && (!withReferences || method.model == QLatin1String("pretrained-mono")));
}

bool AdvancedOptions::hazeGuard() const
{
    return m_hazeGuard->currentData().toString() != QLatin1String("off");
}

recon::TemporalFit AdvancedOptions::temporalFit() const
{
    recon::TemporalFit f = recon::TemporalFit::Auto; // a name core does not know leaves Auto
    recon::parseTemporalFit(m_temporalFit->currentData().toString(), f);
    return f;
}

recon::Precision AdvancedOptions::precision() const
{
    recon::Precision p = recon::Precision::Auto;
    recon::parsePrecision(m_precision->currentData().toString(), p);
    return p;
}

recon::BandResolution AdvancedOptions::bandResolution() const
{
    recon::BandResolution r = recon::BandResolution::Auto;
    recon::parseBandResolution(m_bandResolution->currentData().toString(), r);
    return r;
}

} // namespace unclouded::ui
