#include "ui/welcomepage.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace unclouded::ui {

namespace {

// "S2B_MSIL2A_20230412T101029_N0509_R022_T33UUU_..." -> "2023-04-12  T33UUU  L2A"
QString describe(const QString& path)
{
    static const QRegularExpression kName(
        QStringLiteral("S2[ABC]_MSI(L1C|L2A)_(\\d{4})(\\d{2})(\\d{2})T\\d{6}_N\\d{4}_R\\d{3}_(T\\w{5})"));
    const QRegularExpressionMatch m = kName.match(QFileInfo(path).fileName());
    const QString where = QFileInfo(path).absolutePath();
    if (!m.hasMatch())
        return QStringLiteral("%1\n%2").arg(QFileInfo(path).fileName(), where);
    return QStringLiteral("%1-%2-%3   %4   %5\n%6")
        .arg(m.captured(2), m.captured(3), m.captured(4), m.captured(5), m.captured(1), where);
}

} // namespace

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    auto* title = new QLabel(
        tr("<h2>Unclouded</h2><p>Rebuild the ground hidden under clouds in Sentinel-2 imagery.</p>"), this);
    auto* open = new QPushButton(tr("Open Product…"), this);
    open->setToolTip(tr("A SAFE product (folder, .zip or MTD_MSIL*.xml) or a GeoTIFF"));
    auto* folder = new QPushButton(tr("Open SAFE Folder…"), this);
    folder->setToolTip(tr("A .SAFE folder, or a folder of one GeoTIFF / COG / JP2 per band with its SCL"));
    m_demo = new QPushButton(tr("Open the Demo"), this);
    m_demo->setObjectName(QStringLiteral("welcomeDemo"));
    const QString demo = demoProduct();
    m_demo->setEnabled(!demo.isEmpty());
    m_demo->setToolTip(demo.isEmpty()
            ? tr("Run 'make run' (or tools/make-demo.sh) once to generate the demo product")
            : demo);
    auto* hint = new QLabel(
        tr("… or drop a .SAFE folder, a .zip, a folder of band files, a STAC item, a GeoTIFF or a parcels "
           "file on this window."),
        this);
    hint->setStyleSheet(QStringLiteral("color: palette(mid)"));
    // Wrapped, so that a longer translation does not widen the centre and squeeze the docks.
    title->setWordWrap(true);
    hint->setWordWrap(true);
    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("welcomeRecent"));
    m_recent->setMaximumWidth(640);
    m_recent->setMinimumHeight(80);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(open);
    buttons->addWidget(folder);
    buttons->addWidget(m_demo);
    buttons->addStretch();
    auto* column = new QVBoxLayout;
    column->addWidget(title);
    column->addLayout(buttons);
    column->addWidget(hint);
    column->addSpacing(12);
    column->addWidget(new QLabel(tr("<b>Recent products</b>"), this));
    column->addWidget(m_recent, 1);
    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 3);
    outer->addStretch(1);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openRequested);
    connect(folder, &QPushButton::clicked, this, &WelcomePage::openFolderRequested);
    connect(m_demo, &QPushButton::clicked, this, [this] { Q_EMIT openPathRequested(demoProduct()); });
    connect(m_recent, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { Q_EMIT openPathRequested(item->data(Qt::UserRole).toString()); });
}

void WelcomePage::setRecent(const QStringList& paths)
{
    m_recent->clear();
    for (const QString& p : paths) {
        auto* item = new QListWidgetItem(describe(p), m_recent);
        item->setData(Qt::UserRole, p);
        item->setToolTip(p);
        if (!mayStillExist(p))
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
    }
    if (paths.isEmpty()) {
        auto* none = new QListWidgetItem(tr("None yet: the products you open appear here."), m_recent);
        none->setFlags(Qt::NoItemFlags);
    }
}

bool WelcomePage::mayStillExist(const QString& path)
{
    const bool remote = path.contains(QLatin1String("://")) || path.startsWith(QLatin1String("/vsi"));
    return remote || QFileInfo::exists(path);
}

QString WelcomePage::demoProduct()
{
    QString cache = qEnvironmentVariable("XDG_CACHE_HOME");
    if (cache.isEmpty())
        cache = QDir::homePath() + QStringLiteral("/.cache");
    const QDir demo(cache + QStringLiteral("/unclouded/demo"));
    const QStringList safe = demo.entryList({ QStringLiteral("S2B_MSIL2A_20230412*.SAFE") }, QDir::Dirs);
    return safe.isEmpty() ? QString() : demo.filePath(safe.first());
}

} // namespace unclouded::ui
