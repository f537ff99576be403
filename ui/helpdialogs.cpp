#include "ui/helpdialogs.h"

#include <algorithm>

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPixmap>
#include <QPushButton>
#include <QScreen>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFragment>
#include <QToolBar>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace unclouded::ui {

namespace {

QString plain(QString text)
{
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QStringLiteral("…")))
        text.chop(1);
    return text;
}

// The menu an action is shown in (its title, without accelerators), or where else it lives.
QString placeOf(const QAction* action)
{
    for (QObject* o : action->associatedObjects())
        if (const auto* menu = qobject_cast<const QMenu*>(o)) {
            QString title = plain(menu->title());
            // A submenu: "View › Language".
            // (The menu bar's overflow menu, untitled, holds top-level menus too: skipped.)
            for (QObject* p : menu->menuAction()->associatedObjects())
                if (const auto* parentMenu = qobject_cast<const QMenu*>(p);
                    parentMenu && !parentMenu->title().isEmpty())
                    title = plain(parentMenu->title()) + QStringLiteral(" › ") + title;
            return title;
        }
    for (QObject* o : action->associatedObjects())
        if (qobject_cast<const QToolBar*>(o))
            return ShortcutsDialog::tr("Toolbar");
    return ShortcutsDialog::tr("Other");
}

} // namespace

QList<QAction*> ShortcutsDialog::actionsWithShortcuts(const QWidget* root)
{
    QList<QAction*> out;
    for (QAction* a : root->findChildren<QAction*>())
        if (!a->shortcuts().isEmpty() && !a->isSeparator() && !out.contains(a))
            out << a;
    return out;
}

ShortcutsDialog::ShortcutsDialog(QWidget* root, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_table = new QTreeWidget(this);
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setHeaderLabels({ tr("Action"), tr("Shortcut") });
    m_table->setRootIsDecorated(false);
    m_table->setSortingEnabled(false);
    m_table->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    // Grouped by the menu that holds them, in menu-bar order.
    QStringList order;
    if (const auto* window = root ? root->findChild<QMenuBar*>() : nullptr)
        for (QAction* m : window->actions())
            order << plain(m->text());
    QMap<QString, QList<QAction*>> groups;
    for (QAction* a : actionsWithShortcuts(root))
        groups[placeOf(a)] << a;
    QStringList places = groups.keys();
    std::stable_sort(places.begin(), places.end(), [&](const QString& a, const QString& b) {
        auto rank = [&](const QString& p) {
            const int i = order.indexOf(p.section(QStringLiteral(" › "), 0, 0));
            return i < 0 ? order.size() : i;
        };
        return rank(a) < rank(b);
    });
    for (const QString& place : places) {
        auto* header = new QTreeWidgetItem(m_table, { place });
        QFont f = header->font(0);
        f.setBold(true);
        header->setFont(0, f);
        header->setFlags(Qt::ItemIsEnabled);
        header->setFirstColumnSpanned(true);
        for (QAction* a : groups.value(place)) {
            QStringList keys;
            for (const QKeySequence& k : a->shortcuts())
                keys << k.toString(QKeySequence::NativeText);
            auto* item = new QTreeWidgetItem(header, { plain(a->text()), keys.join(QStringLiteral(", ")) });
            item->setToolTip(0, a->toolTip());
        }
    }
    m_table->expandAll();
    m_table->setItemsExpandable(false);
    auto* hint = new QLabel(
        tr("On the map: drag to pan, the wheel zooms, Shift+drag draws an area of interest, Esc clears it. "
           "In the before / after view, B or Space blinks and Shift+arrows move the divider. In the Layers "
           "dock, Delete closes the selected "
           "layer."),
        this);
    hint->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_table);
    lay->addWidget(hint);
    lay->addWidget(buttons);
    // As tall as the list needs (within reason): no empty half-window.
    int rows = 0;
    for (QTreeWidgetItemIterator it(m_table); *it; ++it)
        ++rows;
    resize(500, std::clamp(rows * (m_table->sizeHintForRow(0) + 1) + 170, 300, 640));
}

QString UserGuideDialog::guideUrl()
{
    return QStringLiteral("qrc:/docs/USER_GUIDE.md");
}

UserGuideDialog::UserGuideDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("userGuideDialog"));
    setWindowTitle(tr("Unclouded User Guide"));
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("userGuideBrowser"));
    // Links inside the guide (its sections, the screenshots) stay here; web links open the browser.
    m_browser->setOpenExternalLinks(true);
    // Screenshots are shown no wider than the page (Markdown has no image sizes).
    connect(m_browser, &QTextBrowser::sourceChanged, this, [this] { fitImages(); });
    m_browser->setSource(QUrl(guideUrl()), QTextDocument::MarkdownResource);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* back = new QPushButton(tr("Back"), this);
    back->setEnabled(false);
    buttons->addButton(back, QDialogButtonBox::ActionRole);
    connect(back, &QPushButton::clicked, m_browser, &QTextBrowser::backward);
    connect(m_browser, &QTextBrowser::backwardAvailable, back, &QPushButton::setEnabled);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_browser);
    lay->addWidget(buttons);
    // Large enough to read, never larger than the screen (1366 x 768 laptops).
    const QRect avail = (parent ? parent->screen() : screen())->availableGeometry();
    resize(std::min(900, avail.width() * 9 / 10), std::min(700, avail.height() * 85 / 100));
}

void UserGuideDialog::fitImages()
{
    constexpr int kMaxWidth = 820;
    QTextDocument* doc = m_browser->document();
    struct Resize
    {
        int position, length;
        QTextImageFormat format;
    };
    QList<Resize> todo; // collected first: changing a format splits and merges fragments
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            QTextImageFormat img = f.charFormat().toImageFormat();
            if (!f.isValid() || !img.isValid())
                continue;
            const QVariant r = doc->resource(QTextDocument::ImageResource, QUrl(img.name()));
            const QSize size = r.typeId() == QMetaType::QByteArray ? QImage::fromData(r.toByteArray()).size()
                : r.typeId() == QMetaType::QPixmap                 ? r.value<QPixmap>().size()
                                                                   : r.value<QImage>().size();
            if (size.width() <= kMaxWidth)
                continue;
            img.setWidth(kMaxWidth);
            img.setHeight(kMaxWidth * double(size.height()) / size.width());
            todo << Resize { f.position(), f.length(), img };
        }
    for (const Resize& r : todo) {
        QTextCursor c(doc);
        c.setPosition(r.position);
        c.setPosition(r.position + r.length, QTextCursor::KeepAnchor);
        c.setCharFormat(r.format);
    }
}

} // namespace unclouded::ui
