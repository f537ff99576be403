#include "ui/aboutdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

#include "core/common/runtime.h"
#include "core/ml/mlruntime.h"

namespace unclouded::ui {

AboutDialog::AboutDialog(bool realDataShown, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Unclouded"));
    const LibraryVersions v = libraryVersions();
    QString html = tr("<h2>Unclouded %1</h2>"
                      "<p>Reconstructs the ground hidden under clouds in Sentinel-2 imagery.</p>"
                      "<p>Qt %2<br>GDAL %3<br>LibTorch %4 (%n thread(s))<br>OpenCV %5</p>",
        nullptr, torchThreadCount())
                       .arg(applicationVersion(), v.qt, v.gdal, v.torch, v.opencv);
    if (realDataShown)
        html += tr("<p>Contains modified Copernicus Sentinel data.</p>");
    m_label = new QLabel(html, this);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    auto* icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/unclouded.svg")).pixmap(64, 64));
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    layout->addWidget(m_label);
    layout->addWidget(buttons);
}

QString AboutDialog::text() const
{
    return m_label->text();
}

} // namespace unclouded::ui
