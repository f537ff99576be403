// A dock's status line: word-wrapped like a QLabel, but a word longer than the line (a path, a URL)
// breaks where it must instead of widening the dock (a finished reconstruction's "Wrote /home/…"
// pushed the Reconstruction dock's buttons out of sight).
#pragma once

#include <functional>

#include <QLabel>

class QTextLayout;

namespace unclouded::ui {

class StatusLabel : public QLabel
{
public:
    explicit StatusLabel(const QString& text = {}, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    // Lays the text out in lines at most `width` px wide; returns the height they take.
    qreal layOut(QTextLayout& layout, qreal width) const;
};

// Sets a dock's status text and, when the user has scrolled the dock so that it is out of sight,
// brings it into view: a result or an error below the fold looked as if nothing had happened.
void showStatus(QLabel* label, const QString& text);

// Asks, without blocking, whether an existing file may be replaced (Cancel the default); onYes runs
// only on Yes. The question is `parent`'s child named objectName: asked again while it shows, nothing
// more happens.
void askToReplace(QWidget* parent, const QString& objectName, const QString& title, const QString& text,
    std::function<void()> onYes);

} // namespace unclouded::ui
