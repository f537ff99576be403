// Training reconstruction networks (CNN encoder-decoder, U-Net) on the product the user has open.
// Honest supervision: clear patches are hidden behind real cloud shapes taken from the SCL and
// the loss counts only those hidden, truly clear pixels. Torch-free header (torch stays in .cpp).
#pragma once

#include "core/common/progress.h"
#include "core/masks/mask.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace unclouded::ml {

enum class ModelKind { Cnn, UNet };
QString modelName(ModelKind kind);          // "cnn", "unet"
QString defaultCheckpointName(ModelKind k); // simple_cnn_cloud.pth, unet_cloud.pth

struct ModelConfig
{
    ModelKind kind = ModelKind::UNet;
    int bands = 12;          // spectral bands in and out
    bool reference = false;  // reference-date bands as extra input channels
    int width = 32;
    int depth = 4;           // U-Net levels
    // Hidden pixels enter the network pre-filled by OpenCV Telea (from the window's visible pixels)
    // instead of zeros, so the network refines an estimate; false in checkpoints made before it.
    bool prefill = true;
    int inChannels() const { return bands + 1 + (reference ? bands : 0); } // + mask channel
};

struct TrainOptions
{
    QStringList products;
    QString reference;       // optional clear product of the same tile at another date
    QString maskFile;        // optional SCL or binary mask raster for the (first) product, e.g. for L1C
    MaskKind maskKind = MaskKind::Scl;
    ModelConfig model;
    int epochs = 0;          // 0: 10 for the CNN, 20 for the U-Net
    int batch = 4;
    double lr = 5e-5;
    int patch = 128;
    quint64 seed = 1;
    bool rotate90 = false;
    double clipNorm = 1.0;
    int maxTrainPatches = 256;
    int maxValPatches = 64;
    double maxHiddenInPatch = 0.3; // patches may already be this much hidden (those pixels are never scored)
    MaskSpec mask;
    Window aoi;              // area of interest in grid pixels; empty (w = 0): the whole product
    QString out;             // checkpoint path (best); "<out>.last.pth" holds the last epoch
    QString resume;          // checkpoint to continue from
    QString device = QStringLiteral("cpu"); // or "cuda"
};

struct EpochStats
{
    int epoch = 0;
    double trainLoss = 0, valLoss = 0, valPsnr = 0;
    double patchesPerSecond = 0, seconds = 0;
};

// One validation patch, for the live preview: reflectance planes (bands x patch x patch).
struct Preview
{
    int size = 0;
    QStringList bands;
    std::vector<float> input, prediction, truth;
    std::vector<uint8_t> mask;
};

struct TrainControl
{
    std::atomic<bool> stop{false};
    std::atomic<bool> pause{false};
};

struct TrainCallbacks
{
    std::function<void(int epoch, int batch, int batches, double loss)> onBatch;
    std::function<void(const EpochStats&)> onEpoch;
    std::function<void(const Preview&)> onPreview;
    std::function<void(const QString&)> onLog;
};

struct TrainResult
{
    QList<EpochStats> history;
    QString bestPath, lastPath;
    bool stopped = false;    // by the user
    QString failure;         // e.g. NaN loss: training stopped, last good checkpoint kept
    int trainPatches = 0, valPatches = 0, cloudShapes = 0;
};

// Throws Error on bad input (no clear patch, no cloud shape, band mismatch, unwritable output).
TrainResult train(const TrainOptions& options, TrainControl& control, const TrainCallbacks& callbacks = {});

struct CheckpointInfo
{
    ModelConfig model;
    QStringList bands;
    std::vector<float> mean, std;
    int epoch = 0;
    double valLoss = 0;
    int patch = 128;
    QVariantMap options; // how it was trained: products, reference, epochs, batch, lr, seed, classes...
};

// Reads a checkpoint's sidecar description; throws Error with what is wrong.
CheckpointInfo readCheckpointInfo(const QString& path);

// A network behind a torch-free interface: training, reconstruction and tests use it.
class Network
{
public:
    static std::unique_ptr<Network> create(const ModelConfig& config, quint64 seed = 1);
    // Reads weights and description; throws Error (missing, corrupt, Python OrderedDict, mismatch).
    static std::unique_ptr<Network> load(const QString& checkpoint);
    ~Network();
    const ModelConfig& config() const;
    const CheckpointInfo& info() const;
    // Evaluation mode forward pass: input n x inChannels x h x w (normalised), returns n x bands x h x w.
    std::vector<float> forward(const std::vector<float>& input, int n, int h, int w) const;
    // Parameter and buffer names with their shapes, as PyTorch's state_dict() lists them.
    std::vector<std::pair<QString, std::vector<int64_t>>> stateShapes() const;
    void save(const QString& path, const CheckpointInfo& info) const;
    // Adam steps on one fixed batch (training mode), returning the loss before each step: the
    // quickest check that gradients flow (a network must be able to fit one batch).
    std::vector<double> fitBatch(const std::vector<float>& input, const std::vector<float>& target,
                                 const std::vector<uint8_t>& mask, int n, int h, int w, int steps, double lr);

private:
    Network();
    struct Impl;
    std::unique_ptr<Impl> d;
};

// The training loss computed with LibTorch (n x c x h x w predictions, n x 1 x h x w mask).
double maskedMseTorch(const std::vector<float>& pred, const std::vector<float>& target, const std::vector<uint8_t>& mask,
                      int n, int c, int h, int w);

// Masked MSE on plain buffers (n values, mask 1 = counted); used by tests as the reference.
double maskedMse(const float* pred, const float* target, const uint8_t* mask, size_t pixels, int channels);

} // namespace unclouded::ml
