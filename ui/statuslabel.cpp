#include "ui/statuslabel.h"

#include <cmath>

#include <QMessageBox>
#include <QPainter>
#include <QPointer>
#include <QScrollArea>
#include <QTextLayout>
#include <QTimer>

namespace unclouded::ui {

namespace {
// Wide enough for a short message on one line, narrow enough for any dock.
constexpr int kMinimumChars = 16;
constexpr int kPreferredChars = 40;
} // namespace

StatusLabel::StatusLabel(const QString& text, QWidget* parent)
    : QLabel(text, parent)
{
    setWordWrap(true); // for accessibility and QLabel's own state; layout and painting are ours
    setTextFormat(Qt::PlainText);
}

qreal StatusLabel::layOut(QTextLayout& layout, qreal width) const
{
    QTextOption option(alignment());
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    // QTextLayout breaks lines only at U+2028, where QLabel also breaks at '\n'.
    QString t = text();
    t.replace(QLatin1Char('\n'), QChar::LineSeparator);
    layout.setText(t);
    layout.setFont(font());
    layout.setTextOption(option);
    qreal y = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(std::max<qreal>(1, width));
        line.setPosition(QPointF(0, y));
        y += line.height();
    }
    layout.endLayout();
    return y;
}

int StatusLabel::heightForWidth(int width) const
{
    const QMargins m = contentsMargins();
    QTextLayout layout;
    const qreal h = text().isEmpty() ? fontMetrics().height() : layOut(layout, width - m.left() - m.right());
    return int(std::ceil(h)) + m.top() + m.bottom();
}

QSize StatusLabel::sizeHint() const
{
    const int w = fontMetrics().averageCharWidth() * kPreferredChars + contentsMargins().left()
        + contentsMargins().right();
    return { w, heightForWidth(w) };
}

QSize StatusLabel::minimumSizeHint() const
{
    const int w = fontMetrics().averageCharWidth() * kMinimumChars + contentsMargins().left()
        + contentsMargins().right();
    return { w, fontMetrics().height() + contentsMargins().top() + contentsMargins().bottom() };
}

void StatusLabel::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QRect r = contentsRect();
    QTextLayout layout;
    const qreal h = layOut(layout, r.width());
    qreal top = r.top();
    if (alignment() & Qt::AlignVCenter)
        top += std::max<qreal>(0, (r.height() - h) / 2);
    else if (alignment() & Qt::AlignBottom)
        top += std::max<qreal>(0, r.height() - h);
    p.setPen(palette().color(foregroundRole())); // the widget's current group: disabled, inactive
    layout.draw(&p, QPointF(r.left(), top));
}

void showStatus(QLabel* label, const QString& text)
{
    label->setText(text);
    QPointer<QLabel> l(label);
    QTimer::singleShot(0, label, [l] { // once the layout has given the text its height
        if (!l || !l->isVisible())
            return;
        for (QWidget* p = l->parentWidget(); p; p = p->parentWidget())
            if (auto* scroll = qobject_cast<QScrollArea*>(p)) {
                scroll->ensureWidgetVisible(l, 0, 8);
                return;
            }
    });
}

void askToReplace(QWidget* parent, const QString& objectName, const QString& title, const QString& text,
    std::function<void()> onYes)
{
    if (auto* asked = parent->findChild<QMessageBox*>(objectName); asked && asked->isVisible())
        return; // already asking
    auto* ask
        = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::Cancel, parent);
    ask->setObjectName(objectName);
    ask->setDefaultButton(QMessageBox::Cancel);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(ask, &QMessageBox::finished, parent, [onYes = std::move(onYes)](int answer) {
        if (answer == QMessageBox::Yes)
            onYes();
    });
    ask->open();
}

} // namespace unclouded::ui
