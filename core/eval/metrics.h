// Reconstruction quality on the pixels that matter (the hidden ones), computed the way the
// literature does: PSNR (data range stated, 1.0 in reflectance), SSIM (Wang et al. 2004: Gaussian
// window 11 taps, sigma 1.5, K1 0.01, K2 0.03; scikit-image's gaussian_weights=True mode, computed
// on the whole image and averaged over the scored pixels), SAM (degrees), MAE, RMSE, per band and
// overall, and the NDVI error. Rows are streamed: memory is bounded whatever the raster's size.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <QList>
#include <QString>
#include <QStringList>

namespace unclouded::eval {

struct BandScore
{
    QString band;
    double psnr = 0, ssim = 0, mae = 0, rmse = 0;
};

struct Metrics
{
    qint64 pixels = 0; // scored pixels
    double dataRange = 1.0;
    double psnr = 0; // dB, from the MSE over every band and scored pixel
    double ssim = 0; // mean over bands of the SSIM map averaged on scored pixels
    double sam = 0; // mean spectral angle, degrees
    double mae = 0, rmse = 0;
    double ndviMae = -1, ndviRmse = -1; // -1 without B04 and B08
    QList<BandScore> bands;
};

// Feed rows top to bottom (each call: `rows` full-width rows, band planes of rows x width,
// reflectance, NaN = nodata; score = 1 where the pixel counts), then finish(). A pixel counts only
// where score is set and both images are finite in every band.
class MetricsAccumulator
{
public:
    MetricsAccumulator(const QStringList& bands, int width, int height, double dataRange = 1.0);
    ~MetricsAccumulator();
    void addRows(const float* prediction, const float* truth, const uint8_t* score, int rows);
    Metrics finish();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Convenience for whole images held in memory (tests, small rasters).
Metrics computeMetrics(const float* prediction, const float* truth, const uint8_t* score,
    const QStringList& bands, int width, int height, double dataRange = 1.0);

// The 11-tap Gaussian (sigma 1.5, truncate 3.5) SSIM map of one band, scikit-image compatible
// (reflect borders, population covariance); exposed for tests.
std::vector<double> ssimMap(const float* a, const float* b, int width, int height, double dataRange = 1.0);

} // namespace unclouded::eval
