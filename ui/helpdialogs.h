// Help > Keyboard Shortcuts (a table built from the window's actions, so it never goes stale) and
// Help > User Guide (docs/USER_GUIDE.md, compiled into the resources with the screenshots it shows,
// rendered as Markdown).
#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QTextBrowser;
class QTreeWidget;

namespace unclouded::ui {

class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    // Lists every action under root (menus, toolbars, docks) that has a shortcut, by menu.
    explicit ShortcutsDialog(QWidget* root, QWidget* parent = nullptr);
    QTreeWidget* table() const { return m_table; }
    static QList<QAction*> actionsWithShortcuts(const QWidget* root);

private:
    QTreeWidget* m_table;
};

class UserGuideDialog : public QDialog
{
    Q_OBJECT
public:
    explicit UserGuideDialog(QWidget* parent = nullptr);
    QTextBrowser* browser() const { return m_browser; }
    static QString guideUrl(); // qrc:/docs/USER_GUIDE.md

private:
    void fitImages();
    QTextBrowser* m_browser;
};

} // namespace unclouded::ui
