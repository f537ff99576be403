// Pixel inspector dock: every band at one grid pixel (values, NDVI, class, spectrum), before → after
// beside a reconstruction. The read runs on the thread pool (the product's GDAL lock may be held by
// tile reads for a while); only the latest click is shown.
#pragma once

#include <memory>
#include <optional>

#include <QWidget>

#include "core/io/product.h"

template <typename T> class QFutureWatcher;
class QCustomPlot;
class QLabel;
class QTreeWidget;

namespace unclouded::ui {

class PixelInspector : public QWidget
{
    Q_OBJECT
public:
    explicit PixelInspector(QWidget* parent = nullptr);
    ~PixelInspector() override; // waits for a read in flight
    // Reads every band at one grid pixel in the background and shows it (values, NDVI, class,
    // spectrum), then emits shown(). With `after` (a reconstruction on the same grid) each value reads
    // "before → after" and both spectra are drawn. A click while a read runs waits for it, and only the
    // latest such click is read: results of older ones are dropped.
    void inspect(std::shared_ptr<const Product> product, int x, int y,
        std::shared_ptr<const Product> after = {}, const QString& method = {});
    QTreeWidget* table() const { return m_table; }
    // The reflectance unit changed in Preferences: the pixel shown is shown again in it.
    void refreshUnits();
    // Back to the hint (no product open): the pixel shown goes, a read in flight is dropped.
    void clear();
    bool isBusy() const;
    // Whether the pixel shown (or being read) is of this product, before or after.
    bool uses(const std::shared_ptr<const Product>& product) const;

    struct Request
    {
        std::shared_ptr<const Product> product, after;
        int x = 0, y = 0;
        QString method;
    };
    struct Result; // rows and spectra, computed off the GUI thread

Q_SIGNALS:
    void shown(int x, int y); // the table shows this pixel

private:
    void startRead(Request request);
    void showResult(const Result& r); // not show(): that would hide QWidget::show()

    QFutureWatcher<std::shared_ptr<Result>>* m_watcher;
    std::optional<Request> m_pending; // the latest click while a read runs
    bool m_reading = false; // from startRead until its result is handled here
    bool m_dropRead = false; // clear() came while a read ran: its result is not shown
    std::shared_ptr<const Result> m_last; // what the table shows, for refreshUnits()
    std::pair<std::shared_ptr<const Product>, std::shared_ptr<const Product>> m_products; // of the last click
    QLabel* m_hint; // the empty state, until the first click
    QTreeWidget* m_table;
    QCustomPlot* m_plot;
};

} // namespace unclouded::ui
