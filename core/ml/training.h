// Training reconstruction networks (CNN encoder-decoder, U-Net) on the product the user has open.
// Honest supervision: clear patches are hidden behind real cloud shapes taken from the SCL and
// the loss counts only those hidden, truly clear pixels. Torch-free header (torch stays in .cpp).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include "core/common/progress.h"
#include "core/imgproc/temporalfit.h"
#include "core/masks/mask.h"

namespace unclouded::ml {

enum class ModelKind { Cnn, UNet };
QString modelName(ModelKind kind); // "cnn", "unet"
QString defaultCheckpointName(ModelKind k); // simple_cnn_cloud.pth, unet_cloud.pth

// What hidden pixels hold when they enter a network. The network predicts a correction on top of
// it (residual output; new networks start with a zero correction, i.e. exactly at the pre-fill).
enum class Prefill {
    Zeros, // nothing (first checkpoints, --no-prefill)
    Telea, // OpenCV Telea from the window's own visible pixels (checkpoints of round 1)
    Scene, // one scene-level estimate for the whole product (Telea at reduced resolution): no window blocks
    Temporal, // the multi-date temporal fill from the reference dates (models with references)
    // The harmonic fill (each hidden pixel the mean of its neighbours): a scene-level solution at
    // reduced resolution, refined per window at full resolution; no window blocks either.
    Harmonic,
};
QString prefillName(Prefill p);
bool parsePrefill(const QString& text, Prefill& out);

struct ModelConfig
{
    ModelKind kind = ModelKind::UNet;
    int bands = 12; // spectral bands in and out
    // Reference dates as extra input: the raw first reference's bands (Telea / zero pre-fill), or
    // the fitted multi-date composite (temporal pre-fill).
    bool reference = false;
    int width = 32;
    int depth = 4; // U-Net levels
    // Harmonic since session 28 (about 1 dB above the scene pre-fill on real clouds); models with
    // references switch to Temporal when they train.
    Prefill prefill = Prefill::Harmonic;
    // General model: every band is a separate sample through a one-band network (any band set,
    // fixed normalisation), so one set of weights serves L1C, L2A and 4- to 13-band products.
    bool perBand = false;
    // Temporal pre-fill: how other dates were mapped when it trained (checkpoints that do not say:
    // per-band, round 1's; training now always uses the cross-band fit).
    recon::TemporalFit temporalFit = recon::TemporalFit::PerBand;
    // Temporal pre-fill: the share of training crops whose other dates were hidden in part by a cloud
    // shape of their own (0: trained on clear other dates only; reconstruction then keeps the
    // pre-fill where no date shows the ground, pixels such a model never saw).
    double referenceClouds = 0;
    int netBands() const { return perBand ? 1 : bands; }
    int inChannels() const { return netBands() + 1 + (reference ? netBands() : 0); } // + mask channel
    int multiple() const { return kind == ModelKind::Cnn ? 8 : (1 << std::clamp(depth, 0, 16)); }
    bool canRunBFloat16() const { return kind == ModelKind::UNet; } // only the U-Net folds
    // Throws Error when the configuration cannot be built (width, depth, memory).
    void validate() const;
};

// A product whose hidden pixels lend their shapes to training (real clouds, drawn masks).
struct ShapeSource
{
    QString product;
    QString maskFile;
    MaskKind maskKind = MaskKind::Scl;
};

// One scene of a multi-scene run (pretraining): a product, its mask and its other dates.
struct SceneSpec
{
    QString product;
    QString maskFile; // empty: the product's own SCL, or all clear
    MaskKind maskKind = MaskKind::Binary;
    QStringList references;
    // Masks of cloudy references without classes (parallel to references, '' a date's own classes;
    // empty: every date's own) and their kinds.
    QStringList referenceMasks;
    QList<MaskKind> referenceMaskKinds;
};

struct TrainOptions
{
    QStringList products;
    QStringList references; // other dates of the first product's tile, nearest first (any cloud cover)
    // Their SCL / mask files when not inside them (parallel to references; '' a date's own classes;
    // empty: every date's own), and the kinds (empty: referenceMaskKind for all).
    QStringList referenceMasks;
    MaskKind referenceMaskKind = MaskKind::Scl;
    QList<MaskKind> referenceMaskKinds;
    QString maskFile; // optional SCL or binary mask raster for the (first) product, e.g. for L1C
    MaskKind maskKind = MaskKind::Scl;
    ModelConfig model;
    // "default": Adam with warm-up and cosine decay over `steps`, early stop on validation;
    // "seed": the reference design (Adam 5e-5 constant, batch 4, CNN 10 / U-Net 20 epochs).
    QString preset = QStringLiteral("default");
    int epochs = 0; // > 0: that many passes over the training crops (overrides steps)
    int steps = 0; // optimizer steps; 0: the preset's
    int batch = 0; // 0: the preset's
    double lr = 0; // peak learning rate; 0: the preset's
    int warmup = -1; // linear warm-up steps (default preset); -1: a tenth of the steps, at most 50
    int patch = 0; // crop side; 0: 128, shrunk to fit small scenes and AOIs
    int patience = 6; // validations without improvement before stopping (default preset)
    QString init; // checkpoint (or "pretrained") whose weights start the run: fine-tuning
    // Fine-tuning (init): keep BatchNorm's running statistics as the starting weights have them
    // (the affine weights still train). Off by default: measured worse on held-out crops.
    bool freezeNormStats = false;
    bool assumeClear = false; // products without SCL / mask count as clear (pretraining on clear data)
    QList<ShapeSource> shapesFrom; // extra cloud shapes (besides the products' own)
    // Several scenes, each with its own mask and dates (replaces products/references/maskFile);
    // a scene that yields no crop is skipped and logged. Needs a fixed `patch`.
    QList<SceneSpec> scenes;
    bool syntheticShapes = true; // complete too few real cloud shapes with synthetic ones
    quint64 seed = 1;
    bool rotate90 = false;
    // model.referenceClouds for this run; < 0: the starting checkpoint's (fine-tuning), else 0.
    double referenceClouds = -1;
    double clipNorm = 1.0;
    int maxTrainPatches = 256;
    int maxValPatches = 64;
    // Fills the preset's values into the fields left at 0 and checks every value; throws Error.
    void resolve();
    double maxHiddenInPatch = 0.3; // patches may already be this much hidden (those pixels are never scored)
    MaskSpec mask;
    Window aoi; // area of interest in grid pixels; empty (w = 0): the whole product
    QString out; // checkpoint path (best); "<out>.last.pth" holds the last epoch
    QString resume; // checkpoint to continue from
    QString device = QStringLiteral("cpu"); // or "cuda"
};

struct EpochStats
{
    int epoch = 0; // validation round (every `batches` steps)
    int step = 0;
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
    std::atomic<bool> stop { false };
    std::atomic<bool> pause { false };
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
    bool stopped = false; // by the user
    QString failure; // e.g. NaN loss: training stopped, last good checkpoint kept
    int trainPatches = 0, valPatches = 0, cloudShapes = 0;
    int patch = 0; // the crop side used
    bool syntheticShapes = false; // the products held too few real cloud shapes
    bool improved = false; // a best checkpoint was written
    // A resumed run into the best checkpoint of the run it continues, which no round beat: kept as it
    // was (a success: the checkpoints are usable).
    bool keptEarlier = false;
    // The step of the best checkpoint; 0: the starting weights of a fine-tune (--init), validated
    // before the first step, were never beaten and the best checkpoint holds them unchanged.
    int bestStep = -1;
    double startValPsnr = 0; // fine-tuning: validation PSNR of the starting weights
};

// Every file train() writes for --out: the best and last checkpoints, each with its .json
// description and .optim optimizer state.
QStringList checkpointFiles(const QString& out);

// Throws Error on bad input (no clear patch, no cloud shape, band mismatch, unwritable output).
TrainResult train(const TrainOptions& options, TrainControl& control, const TrainCallbacks& callbacks = {});

struct CheckpointInfo
{
    ModelConfig model;
    QStringList bands;
    std::vector<float> mean, std;
    int epoch = 0;
    // The step it was saved at and the steps its run had planned (0 in checkpoints written before they
    // were recorded). resumeStep: where --resume goes on with the run's schedule; set only in the last
    // checkpoint of a run that was still going (stopped, killed); 0 in best checkpoints and once the
    // run ended (all steps, or an early stop): those resume afresh.
    int step = 0, totalSteps = 0, resumeStep = 0;
    double valLoss = 0;
    int patch = 128;
    QVariantMap options; // how it was trained: products, reference, epochs, batch, lr, seed, classes...
};

// Reads a checkpoint's sidecar description; throws Error with what is wrong.
CheckpointInfo readCheckpointInfo(const QString& path);

// The general models that ship with the app: "pretrained" resolves to one of these (with or
// without reference dates). Empty when the file is not installed.
QString pretrainedCheckpoint(bool withReference);
// A --method / --init value: "pretrained" (or "pretrained-ref") to the shipped file, else unchanged.
QString resolveCheckpoint(const QString& nameOrPath, bool withReference);

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
    // BatchNorm folded into the convolutions for forward() (default on; off only to compare).
    void setFoldBatchNorm(bool on);
    // The activations' memory order in forward(): channels-last (NHWC), plain NCHW, or each folded
    // convolution in the order its channel counts run fastest in (PerLayer: in U-Nets at least 32
    // wide, NCHW where both counts are multiples of 8 and at least 32, oneDNN's blocked kernels;
    // NHWC for the rest and for narrower U-Nets, where NCHW fell back to slow kernels or the changes
    // of order cost more: bench/results/inference-pytorch.md, seventh round). Default: defaultLayout().
    enum class Layout { ChannelsLast, Contiguous, PerLayer };
    void setLayout(Layout l);
    static Layout
    defaultLayout(); // ChannelsLast where the CPU has AVX-512 (as measured there), else PerLayer
    // Inference: the U-Net's channels zero-padded to a multiple of m (1: none) in its folded copies,
    // for kernels that work in blocks of channels; the same sums. Default: defaultChannelMultiple().
    void setChannelMultiple(int m);
    static int defaultChannelMultiple(); // 1: no padding (measured faster on AVX2 and AVX-512)
    // The folded U-Net's body in bfloat16 (its input and the correction's sum stay float): about
    // 1.6x faster where the CPU computes bfloat16 natively (cpuHasNativeBFloat16()), slow where it
    // does not. Default off; reconstruction turns it on per ReconOptions::precision.
    void setBFloat16(bool on);
    bool bfloat16() const; // whether forward() runs in bfloat16

    // Samples per forward pass in forward(): as many as keep the widest activation under this many
    // MiB (default 24), in even groups. For benchmarks.
    void setGroupMiB(int mib);
    // Reflectance normalisation of band b (general models: the same for every band).
    float mean(int b) const;
    float std(int b) const;
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
double maskedMseTorch(const std::vector<float>& pred, const std::vector<float>& target,
    const std::vector<uint8_t>& mask, int n, int c, int h, int w);

// Masked MSE on plain buffers (n values, mask 1 = counted); used by tests as the reference.
double maskedMse(const float* pred, const float* target, const uint8_t* mask, size_t pixels, int channels);

} // namespace unclouded::ml
