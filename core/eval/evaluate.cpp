#include "core/eval/evaluate.h"

#include <algorithm>
#include <cmath>

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>

#include "core/common/paths.h"
#include "core/common/runtime.h"
#include "core/io/gdal_p.h"
#include "core/recon/reconstruct.h"

namespace unclouded::eval {

namespace {

constexpr int kRows = 512;

// A mask to open the clear product with, and what keeps a mask written for the run.
struct MaskSource
{
    MaskSource(QString f, MaskKind k, std::shared_ptr<QTemporaryDir> w = {}, QString r = {})
        : file(std::move(f))
        , kind(k)
        , written(std::move(w))
        , readAs(std::move(r))
    {
    }
    QString file;
    MaskKind kind = MaskKind::None;
    std::shared_ptr<QTemporaryDir> written;
    QString readAs; // how a raster's values were read, when nothing turns out hidden
    bool fewCodes = false; // read as SCL from at most 4 codes: maybe a mask's own codes (a warning)
};

// An L1C's cloud shadows are estimated at its open from its own bands and sun: they are in no file.
// Its classes are written out (on the 60 m grid its flags have) so that its clouds move with their
// shadows, as an L2A's SCL moves its own.
MaskSource classesWrittenOut(const Product& p, const QString& path)
{
    const int f = std::max(1, p.classGridFactor()); // the flags' own grid: every class exactly
    const int w = p.width() / f, h = p.height() / f;
    auto dir = std::make_shared<QTemporaryDir>();
    if (!dir->isValid())
        throw Error(QStringLiteral("Cannot write the classes of %1: %2").arg(path, dir->errorString()));
    const QString file = dir->filePath(QStringLiteral("classes.tif"));
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    io::QuietGdalErrors quiet;
    const char* options[] = { "COMPRESS=DEFLATE", "TILED=YES", nullptr };
    io::DatasetPtr ds(drv
            ? drv->Create(file.toUtf8().constData(), w, h, 1, GDT_Byte, const_cast<char**>(options))
            : nullptr);
    if (!ds)
        throw Error(io::createError(file));
    const ProductInfo& info = p.info();
    if (info.georeferenced) {
        double gt[6];
        std::copy(std::begin(info.geoTransform), std::end(info.geoTransform), gt);
        for (int k : { 1, 2, 4, 5 })
            gt[k] *= f;
        ds->SetGeoTransform(gt);
        ds->SetProjection(info.crsWkt.toUtf8().constData());
    }
    std::vector<uint8_t> rows;
    for (int y = 0; y < h; y += 256) {
        const int n = std::min(256, h - y);
        rows.resize(static_cast<size_t>(w) * n);
        p.readClassesScaled({ 0, y * f, p.width(), n * f }, w, n, rows.data());
        io::checkCpl(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, y, w, n, rows.data(), w, n, GDT_Byte, 0, 0),
            QStringLiteral("Cannot write %1").arg(file));
    }
    if (!io::closeChecked(ds))
        throw Error(io::writeError(file));
    return { file, MaskKind::Scl, dir };
}

// What the mask source is: a product with its SCL, an SCL raster, or a 0/1 mask raster.
MaskSource maskSource(const QString& path)
{
    // Values or bits, or polygons: read as they say. Three flag bands: MSK_CLASSI's, moved here. A
    // band alone ("FILE#band=N") is read below.
    if (maskPathChoosesValues(path) || isVectorMask(path))
        return { path, MaskKind::Binary };
    if (maskPathBands(path).size() == 3)
        return { path, MaskKind::Classi };
    QString productError;
    std::shared_ptr<Product> product;
    try {
        const auto p = Product::open(path);
        if (p->info().format != QLatin1String("GeoTIFF") || p->info().bands.size() > 1) {
            if (!p->hasClasses())
                throw Error(
                    QStringLiteral("%1 has no scene classification to take cloud shapes from").arg(path));
            product = p;
        }
    } catch (const Error& e) {
        // Not a product: a single-band raster is read below.
        if (e.message().contains(QLatin1String("no scene classification")))
            throw;
        productError = e.message();
    }
    if (product)
        return product->info().cloudShadowsEstimated
            ? classesWrittenOut(*product, path)
            : MaskSource { product->info().maskFile, product->info().maskKind };
    // When it is not a mask raster either, the product's reason is the one worth telling.
    auto neither = [&](const QString& why) {
        return productError.isEmpty()
            ? Error(why)
            : Error(QStringLiteral("%1 is neither a product (%2) nor a one-band mask raster")
                        .arg(path, productError));
    };
    io::DatasetPtr ds;
    const QString file = maskFilePart(path);
    const int band = maskPathBands(path).value(0, 1);
    try {
        ds = io::openRaster(file);
    } catch (const Error& e) {
        throw neither(e.message());
    }
    if (file == path ? ds->GetRasterCount() != 1 : (band < 1 || band > ds->GetRasterCount()))
        throw neither(QStringLiteral("%1: a mask raster has one band, or names one (it has %2)")
                          .arg(path)
                          .arg(ds->GetRasterCount()));
    // 0 and 1 or a value beyond SCL's codes (255): a cloud mask, every non-zero value hidden as
    // --mask does; SCL codes: an SCL (one code alone too: a small clear area's).
    ds.reset();
    const MaskValueCounts counts = maskValueCounts(path);
    if (counts.graded) // a probability read as codes or as 0 / non-zero hides the wrong pixels
        throw Error(
            QStringLiteral("%1 holds graded values from %2 to %3 (a cloud probability?): say from which "
                           "value up they hide the ground, e.g. %4")
                .arg(path)
                .arg(counts.lo, 0, 'g', 4)
                .arg(counts.hi, 0, 'g', 4)
                .arg(maskPathWithThreshold(path, QString::number(suggestedMaskThreshold(counts)))));
    int codes = 0, last = 0;
    for (int v = 1; v < 256; ++v)
        if (counts.values[static_cast<size_t>(v)] > 0) {
            ++codes;
            last = v;
        }
    if (counts.wide || codes == 0 || (codes == 1 && (last == 1 || last > SclSnow)))
        return { path, MaskKind::Binary };
    MaskSource scl { path, MaskKind::Scl, nullptr,
        QStringLiteral(" (its values were read as SCL classes; a mask with codes of its own says which hide "
                       "the ground: FILE#hidden=LIST)") };
    // A few codes alone look like a mask's own (Fmask 0-4, CloudSEN12 0-3), not a scene's SCL: read as
    // SCL their clouds would be "vegetation" and only a code that happens to be SCL's hidden. Said
    // whatever the result, not only when nothing turns out hidden.
    scl.fewCodes = codes <= 4 && last <= 4; // an SCL crop's few codes reach 4 (vegetation) and beyond
    return scl;
}

QJsonObject metricsJson(const Metrics& m)
{
    auto num = [](double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); };
    QJsonObject o { { QStringLiteral("pixels"), m.pixels }, { QStringLiteral("psnr_db"), num(m.psnr) },
        { QStringLiteral("ssim"), num(m.ssim) }, { QStringLiteral("sam_deg"), num(m.sam) },
        { QStringLiteral("mae"), num(m.mae) }, { QStringLiteral("rmse"), num(m.rmse) },
        { QStringLiteral("ndvi_mae"), m.ndviMae < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(m.ndviMae) },
        { QStringLiteral("ndvi_rmse"),
            m.ndviRmse < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(m.ndviRmse) } };
    QJsonArray bands;
    for (const BandScore& b : m.bands)
        bands.append(QJsonObject { { QStringLiteral("band"), b.band },
            { QStringLiteral("psnr_db"), num(b.psnr) }, { QStringLiteral("ssim"), num(b.ssim) },
            { QStringLiteral("mae"), num(b.mae) }, { QStringLiteral("rmse"), num(b.rmse) } });
    o.insert(QStringLiteral("bands"), bands);
    return o;
}

} // namespace

EvalReport evaluateSimulated(const EvalOptions& o, const Progress& progress)
{
    initializeRuntime();
    if (o.methods.isEmpty())
        throw Error(QStringLiteral("No method to evaluate"));
    for (const recon::Method& m : o.methods) // before minutes of work on the first ones
        m.validate(!o.references.isEmpty());
    const MaskSource clouds = maskSource(o.masksFrom); // a damaged product is named first
    if (samePath(o.clear, o.masksFrom))
        throw Error(
            QStringLiteral("%1 is both the clear product and where the cloud shapes come from: what its "
                           "clouds hide has no truth to score. Choose a clear date of the tile (or a "
                           "generated sample's truth) as the clear product")
                .arg(o.masksFrom));
    // Both live as long as the products that read them (a file written for the run among them).
    const MaskSource own
        = o.clearMask.isEmpty() ? MaskSource { QString(), MaskKind::None } : maskSource(o.clearMask);
    const auto truth
        = own.file.isEmpty() ? Product::open(o.clear) : Product::open(o.clear, own.file, own.kind);
    const auto cloudy = Product::open(o.clear, clouds.file, clouds.kind);
    const QStringList bands = truth->bandNames();
    const Window area = recon::reconArea(*truth, o.aoi);
    EvalReport report;
    for (const QString& w : truth->info().warnings)
        report.warnings << QStringLiteral("%1: %2").arg(o.clear, w);
    for (const QString& w : cloudy->info().warnings)
        if (!truth->info().warnings.contains(w))
            report.warnings << QStringLiteral("%1 with %2: %3").arg(o.clear, o.masksFrom, w);
    for (const MaskSource* m : { &clouds, &own })
        if (m->fewCodes)
            report.warnings
                << QStringLiteral("%1 holds few distinct values%2").arg(maskFilePart(m->file), m->readAs);
    report.protocol = QStringLiteral("simulated");
    report.clear = QFileInfo(o.clear).absoluteFilePath();
    report.masksFrom = QFileInfo(o.masksFrom).absoluteFilePath();
    QStringList refPaths;
    for (const QString& r : o.references)
        refPaths << QFileInfo(r).absoluteFilePath();
    report.reference = refPaths.join(QLatin1Char(';'));
    for (int i = 0; i < o.methods.size(); ++i) {
        const recon::Method& method = o.methods[i];
        const Progress part = progress.sub(double(i) / o.methods.size(), double(i + 1) / o.methods.size());
        MethodScore s;
        s.method = method.toString();
        s.label = method.label();
        recon::ReconOptions ro;
        ro.method = method;
        ro.references = o.references;
        ro.referenceMasks = o.referenceMasks;
        ro.referenceMaskKind = o.referenceMaskKind;
        ro.referenceMaskKinds = o.referenceMaskKinds;
        ro.mask = o.mask;
        ro.aoi = area;
        ro.bandResolution = o.bandResolution;
        ro.window = o.window;
        ro.overlap = o.overlap;
        ro.precision = o.precision;
        ro.temporalFit = o.temporalFit;
        ro.hazeGuard = o.hazeGuard;
        MetricsAccumulator acc(bands, area.w, area.h);
        std::vector<float> t;
        std::vector<uint8_t> own, score;
        double scoringSeconds = 0;
        QElapsedTimer clock;
        clock.start();
        try {
            const recon::ReconStats st = recon::reconstruct(
                *cloudy, ro,
                [&](int y, int rows, const std::vector<float>& data, const std::vector<uint8_t>& rebuilt) {
                    QElapsedTimer st;
                    st.start();
                    const Window w { area.x, area.y + y, area.w, rows };
                    t.resize(static_cast<size_t>(bands.size()) * area.w * rows);
                    truth->readWindow(bands, w, t.data());
                    score = rebuilt;
                    // Pixels the clear product itself hides have no truth: never scored.
                    if (truth->hasClasses()) {
                        own.resize(score.size());
                        readHiddenMask(*truth, o.mask, w, own.data());
                        for (size_t k = 0; k < score.size(); ++k)
                            score[k] = score[k] && !own[k];
                    }
                    acc.addRows(data.data(), t.data(), score.data(), rows);
                    scoringSeconds += st.nsecsElapsed() * 1e-9;
                },
                part);
            s.temporalFit = st.temporalFit;
            for (const QString& r : st.referencesWithoutClasses)
                if (!report.referencesWithoutClasses.contains(r))
                    report.referencesWithoutClasses << r;
            s.metrics = acc.finish();
        } catch (const Cancelled&) {
            throw;
        } catch (const Error& e) {
            s.error = e.message();
        } catch (const std::exception& e) { // one method failing never loses the others' scores
            s.error = QStringLiteral("%1 failed: %2").arg(s.label, QString::fromLocal8Bit(e.what()));
        }
        s.seconds = clock.nsecsElapsed() * 1e-9 - scoringSeconds;
        if (s.error.isEmpty() && report.hiddenPixels == 0) {
            report.hiddenPixels = s.metrics.pixels;
            report.hiddenPercent = 100.0 * s.metrics.pixels / (double(area.w) * area.h);
        }
        report.scores << s;
    }
    if (report.hiddenPixels == 0) {
        bool anyOk = false;
        for (const MethodScore& s : report.scores)
            anyOk |= s.error.isEmpty();
        if (anyOk)
            throw Error(
                QStringLiteral("no hidden pixel to score: %1 hides no pixel of %2 that is clear there%3")
                    .arg(o.masksFrom, o.clear, clouds.readAs));
    }
    // A method whose result has no data where others were scored: its zeros are no score.
    for (MethodScore& s : report.scores)
        if (s.error.isEmpty() && s.metrics.pixels == 0)
            s.error = QStringLiteral("no pixel scored: the result has no data where the mask hides");
    return report;
}

EvalReport evaluateResult(
    const QString& resultPath, const QString& truthPath, const QString& maskPath, const Progress& progress)
{
    initializeRuntime();
    const auto result = Product::open(resultPath);
    const auto truth = Product::open(truthPath);
    if (result->width() != truth->width() || result->height() != truth->height())
        throw Error(QStringLiteral("%1 is %2 x %3 but the truth %4 is %5 x %6: they must share a grid")
                        .arg(resultPath)
                        .arg(result->width())
                        .arg(result->height())
                        .arg(truthPath)
                        .arg(truth->width())
                        .arg(truth->height()));
    if (result->info().georeferenced && truth->info().georeferenced
        && !sameGrid(result->info(), truth->info()))
        throw Error(QStringLiteral("%1 and the truth %2 are the same size but not on one grid: %3")
                        .arg(resultPath, truthPath, gridDifference(truth->info(), result->info())));
    QStringList bands;
    for (const QString& b : result->bandNames())
        if (truth->bandIndex(b) >= 0)
            bands << b;
    if (bands.isEmpty())
        throw Error(QStringLiteral("%1 and %2 have no band in common").arg(resultPath, truthPath));
    io::DatasetPtr mask = io::openRaster(maskPath);
    if (mask->GetRasterXSize() != result->width() || mask->GetRasterYSize() != result->height())
        throw Error(QStringLiteral("The mask %1 is %2 x %3, the result %4 x %5")
                        .arg(maskPath)
                        .arg(mask->GetRasterXSize())
                        .arg(mask->GetRasterYSize())
                        .arg(result->width())
                        .arg(result->height()));
    if (const QString where
        = io::gridDifference(mask.get(), result->info().geoTransform, result->info().crsWkt, 1);
        !where.isEmpty())
        throw Error(
            QStringLiteral("The mask %1 does not lie on the result %2: %3").arg(maskPath, resultPath, where));
    const int W = result->width(), H = result->height();
    MetricsAccumulator acc(bands, W, H);
    std::vector<float> a, t;
    std::vector<uint8_t> m, own;
    qint64 marked = 0; // mask pixels set, to say why nothing was scored
    qint64 truthHidden = 0;
    const MaskSpec ownClouds; // as the simulated form: what the truth itself hides has no truth
    for (int y = 0; y < H; y += kRows) {
        progress.throwIfCancelled();
        const int rows = std::min(kRows, H - y);
        const size_t n = static_cast<size_t>(W) * rows;
        a.resize(n * bands.size());
        t.resize(n * bands.size());
        m.resize(n);
        result->readWindow(bands, { 0, y, W, rows }, a.data());
        truth->readWindow(bands, { 0, y, W, rows }, t.data());
        io::checkCpl(
            mask->GetRasterBand(1)->RasterIO(GF_Read, 0, y, W, rows, m.data(), W, rows, GDT_Byte, 0, 0),
            QStringLiteral("Cannot read %1").arg(maskPath));
        marked += n - std::count(m.begin(), m.end(), uint8_t(0));
        if (truth->hasClasses()) {
            own.resize(n);
            readHiddenMask(*truth, ownClouds, { 0, y, W, rows }, own.data());
            for (size_t k = 0; k < n; ++k)
                if (m[k] && own[k]) {
                    m[k] = 0;
                    ++truthHidden;
                }
        }
        acc.addRows(a.data(), t.data(), m.data(), rows);
        progress.report(double(y + rows) / H, QStringLiteral("Scoring"));
    }
    EvalReport report;
    report.truthHiddenPixels = truthHidden;
    for (const auto& [path, product] :
        { std::pair { resultPath, result.get() }, std::pair { truthPath, truth.get() } })
        for (const QString& w : product->info().warnings)
            report.warnings << QStringLiteral("%1: %2").arg(path, w);
    report.protocol = QStringLiteral("result");
    report.result = QFileInfo(resultPath).absoluteFilePath();
    report.truth = QFileInfo(truthPath).absoluteFilePath();
    report.mask = QFileInfo(maskPath).absoluteFilePath();
    MethodScore s;
    s.method = resultPath;
    s.label = QFileInfo(resultPath).fileName();
    {
        const io::DatasetPtr ds = io::openRaster(resultPath);
        if (const char* m = ds->GetMetadataItem("UNCLOUDED_METHOD"))
            s.label = QString::fromUtf8(m); // how the file was made, when Unclouded made it
    }
    s.metrics = acc.finish();
    // Zero pixels would print 0.00 scores: no answer is better than a wrong one.
    if (s.metrics.pixels == 0)
        throw Error(marked == 0
                ? QStringLiteral("no hidden pixel to score: the mask %1 hides nothing").arg(maskPath)
                : truthHidden == marked
                ? QStringLiteral(
                    "no hidden pixel to score: the truth %1 itself hides every pixel the mask %2 "
                    "marks (its own clouds): score against a clear date")
                      .arg(truthPath, maskPath)
                : QStringLiteral(
                    "no hidden pixel to score: where the mask %1 is set, %2 or %3 has no data or "
                    "the truth's own clouds")
                      .arg(maskPath, resultPath, truthPath));
    report.hiddenPixels = s.metrics.pixels;
    report.hiddenPercent = 100.0 * s.metrics.pixels / (double(W) * H);
    report.scores << s;
    return report;
}

QJsonObject toJson(const EvalReport& r)
{
    QJsonArray methods;
    for (const MethodScore& s : r.scores) {
        QJsonObject o { { QStringLiteral("method"), s.method }, { QStringLiteral("label"), s.label },
            { QStringLiteral("seconds"), s.seconds } };
        if (!s.temporalFit.isEmpty())
            o.insert(QStringLiteral("temporal_fit"), s.temporalFit);
        if (!s.error.isEmpty())
            o.insert(QStringLiteral("error"), s.error);
        else {
            const QJsonObject m = metricsJson(s.metrics);
            for (auto it = m.constBegin(); it != m.constEnd(); ++it)
                o.insert(it.key(), it.value());
        }
        methods.append(o);
    }
    QJsonObject j { { QStringLiteral("format"), QStringLiteral("unclouded-evaluation") },
        { QStringLiteral("version"), 1 }, { QStringLiteral("protocol"), r.protocol },
        { QStringLiteral("data_range"), 1.0 }, { QStringLiteral("scored_pixels"), r.hiddenPixels },
        { QStringLiteral("scored_percent"), r.hiddenPercent }, { QStringLiteral("methods"), methods } };
    auto add = [&j](const char* key, const QString& v) {
        if (!v.isEmpty())
            j.insert(QLatin1String(key), v);
    };
    add("clear", r.clear);
    add("masks_from", r.masksFrom);
    add("reference", r.reference);
    add("result", r.result);
    add("truth", r.truth);
    add("mask", r.mask);
    if (r.protocol == QLatin1String("result"))
        j.insert(QStringLiteral("truth_hidden_pixels"), r.truthHiddenPixels);
    if (!r.warnings.isEmpty())
        j.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings));
    return j;
}

QString toCsv(const EvalReport& r)
{
    QString out = QStringLiteral(
        "method,label,seconds,pixels,psnr_db,ssim,sam_deg,mae,rmse,ndvi_mae,ndvi_rmse,error\n");
    auto q = [](QString s) {
        return QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    };
    auto num = [](double v, int prec) {
        return std::isfinite(v) && v >= -0.5 ? QString::number(v, 'f', prec) : QString();
    };
    for (const MethodScore& s : r.scores) {
        const Metrics& m = s.metrics;
        out += QStringList { q(s.method), q(s.label), QString::number(s.seconds, 'f', 2),
            QString::number(m.pixels), s.error.isEmpty() ? num(m.psnr, 3) : QString(),
            s.error.isEmpty() ? num(m.ssim, 4) : QString(), s.error.isEmpty() ? num(m.sam, 3) : QString(),
            s.error.isEmpty() ? num(m.mae, 5) : QString(), s.error.isEmpty() ? num(m.rmse, 5) : QString(),
            s.error.isEmpty() ? num(m.ndviMae, 4) : QString(),
            s.error.isEmpty() ? num(m.ndviRmse, 4) : QString(), q(s.error) }
                   .join(QLatin1Char(','))
            + QLatin1Char('\n');
    }
    return out;
}

QString toText(const EvalReport& r)
{
    QString out = QStringLiteral("%1 scored pixels (%2 % of the area), data range 1.0 (reflectance)\n")
                      .arg(r.hiddenPixels)
                      .arg(r.hiddenPercent, 0, 'f', 1);
    out += QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
               .arg(QStringLiteral("method"), -34)
               .arg(QStringLiteral("PSNR dB"), 8)
               .arg(QStringLiteral("SSIM"), 7)
               .arg(QStringLiteral("SAM °"), 7)
               .arg(QStringLiteral("MAE"), 8)
               .arg(QStringLiteral("RMSE"), 8)
               .arg(QStringLiteral("NDVI MAE"), 9)
               .arg(QStringLiteral("time s"), 8);
    for (const MethodScore& s : r.scores) {
        if (!s.error.isEmpty()) {
            out += QStringLiteral("%1 failed: %2\n").arg(s.label, -34).arg(s.error);
            continue;
        }
        const Metrics& m = s.metrics;
        // What JSON writes as null (no NDVI without red and NIR, no angle from one band) reads n/a here.
        auto cell = [](double v, int width, int prec) {
            return QStringLiteral("%1").arg(
                std::isnan(v) ? QStringLiteral("n/a") : QString::number(v, 'f', prec), width);
        };
        out += QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                   .arg(s.label.left(34), -34)
                   .arg(cell(m.psnr, 8, 2), cell(m.ssim, 7, 4), cell(m.sam, 7, 2), cell(m.mae, 8, 4),
                       cell(m.rmse, 8, 4), cell(m.ndviMae < 0 ? NAN : m.ndviMae, 9, 4))
                   .arg(s.seconds, 8, 'f', 1);
    }
    return out;
}

} // namespace unclouded::eval
