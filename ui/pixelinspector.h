// Pixel inspector dock: every band at one grid pixel (values, NDVI, class, spectrum), before → after
// beside a reconstruction.
#pragma once

#include <QWidget>

#include "core/io/product.h"

class QCustomPlot;
class QLabel;
class QTreeWidget;

namespace unclouded::ui {

class PixelInspector : public QWidget
{
    Q_OBJECT
public:
    explicit PixelInspector(QWidget* parent = nullptr);
    // Reads every band at one grid pixel and shows it (values, NDVI, class, spectrum). With `after`
    // (a reconstruction on the same grid) each value reads "before → after" and both spectra are drawn.
    void inspect(
        const Product& product, int x, int y, const Product* after = nullptr, const QString& method = {});
    QTreeWidget* table() const { return m_table; }

private:
    QLabel* m_hint; // the empty state, until the first click
    QTreeWidget* m_table;
    QCustomPlot* m_plot;
};

} // namespace unclouded::ui
