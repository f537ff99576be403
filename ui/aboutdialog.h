// About dialog: versions of the app and the libraries it stands on, data attribution.
#pragma once

#include <QDialog>

class QLabel;

namespace unclouded::ui {

class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(bool realDataShown, QWidget* parent = nullptr);
    QString text() const;

private:
    QLabel* m_label = nullptr;
};

} // namespace unclouded::ui
