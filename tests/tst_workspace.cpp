// The workspace: layers as a list model, the current layer, mask spec and AOI, and panels that
// follow it instead of being told each change.
#include <gdal_priv.h>
#include <vector>

#include <QComboBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "core/common/runtime.h"
#include "core/io/product.h"
#include "ui/reconpanel.h"
#include "ui/workspace.h"

using namespace unclouded;
using namespace unclouded::ui;

namespace {

// A 4-band 32 x 32 GeoTIFF with Sentinel-2 band names: enough to open as a product.
QString writeProduct(const QTemporaryDir& dir, const QString& name)
{
    const QString path = dir.filePath(name);
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDataset* ds = drv->Create(path.toUtf8().constData(), 32, 32, 4, GDT_UInt16, nullptr);
    const char* names[] = { "B02", "B03", "B04", "B08" };
    std::vector<uint16_t> v(32 * 32, 1200);
    for (int b = 0; b < 4; ++b) {
        ds->GetRasterBand(b + 1)->SetDescription(names[b]);
        if (ds->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, 32, 32, v.data(), 32, 32, GDT_UInt16, 0, 0)
            != CE_None)
            return {};
    }
    GDALClose(ds);
    return path;
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Product> m_a, m_b;

private Q_SLOTS:
    void initTestCase()
    {
        initializeRuntime();
        m_a = Product::open(writeProduct(m_dir, QStringLiteral("a.tif")));
        m_b = Product::open(writeProduct(m_dir, QStringLiteral("b.tif")));
        QVERIFY(m_a && m_b);
    }

    void layersAreAListModel()
    {
        Workspace ws;
        LayerModel* layers = ws.layers();
        QSignalSpy inserted(layers, &QAbstractItemModel::rowsInserted);
        QCOMPARE(layers->append({ m_a, QStringLiteral("A") }), 0);
        QCOMPARE(layers->append({ m_b, QStringLiteral("B") }), 1);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(layers->rowCount(), 2);
        QCOMPARE(layers->data(layers->index(1), Qt::DisplayRole).toString(), QStringLiteral("B"));
        QCOMPARE(layers->data(layers->index(0), LayerModel::PathRole).toString(), m_a->info().path);
        QCOMPARE(layers->paths(), (QStringList { m_a->info().path, m_b->info().path }));
        QSignalSpy changed(layers, &QAbstractItemModel::dataChanged);
        layers->replace(0, { m_b, QStringLiteral("A + mask") });
        QCOMPARE(changed.size(), 1);
        QCOMPARE(layers->data(layers->index(0), Qt::DisplayRole).toString(), QStringLiteral("A + mask"));
        QVERIFY(!layers->at(0).coverageReady);
        layers->setCoverage(0, Coverage());
        QVERIFY(layers->at(0).coverageReady);
    }

    void currentMaskAndAoiAreAnnounced()
    {
        Workspace ws;
        ws.layers()->append({ m_a, QStringLiteral("A") });
        ws.layers()->append({ m_b, QStringLiteral("B") });
        QSignalSpy current(&ws, &Workspace::currentChanged);
        QSignalSpy mask(&ws, &Workspace::maskSpecChanged);
        QSignalSpy aoi(&ws, &Workspace::aoiChanged);
        QCOMPARE(ws.currentProduct(), nullptr);
        ws.setCurrentIndex(5); // no such layer: ignored
        QCOMPARE(current.size(), 0);
        ws.setCurrentIndex(1);
        ws.setCurrentIndex(1); // the same row again (its product replaced): announced again
        QCOMPARE(current.size(), 2);
        QCOMPARE(ws.currentProduct(), m_b);
        QCOMPARE(ws.otherPaths(), QStringList { m_a->info().path });
        MaskSpec spec;
        spec.dilatePx = 3;
        ws.setMaskSpec(spec);
        QCOMPARE(mask.size(), 1);
        QCOMPARE(ws.maskSpec().dilatePx, 3);
        ws.setAoi(QRect(1, 2, 3, 4));
        QCOMPARE(aoi.size(), 1);
        QCOMPARE(ws.aoi(), QRect(1, 2, 3, 4));
    }

    void panelsFollowTheWorkspace()
    {
        Workspace ws;
        ReconPanel panel;
        panel.setWorkspace(&ws);
        ws.layers()->append({ m_a, QStringLiteral("A") });
        ws.layers()->append({ m_b, QStringLiteral("B") });
        ws.setCurrentIndex(0);
        auto* reference = panel.findChild<QComboBox*>(QStringLiteral("reconReference"));
        QCOMPARE(reference->count(), 2); // "(none)" and the other layer
        QCOMPARE(reference->itemData(1).toString(), m_b->info().path);
        MaskSpec spec;
        spec.dilatePx = 4;
        ws.setMaskSpec(spec);
        QCOMPARE(panel.options().mask.dilatePx, 4);
    }
};

QTEST_MAIN(TestWorkspace)
#include "tst_workspace.moc"
