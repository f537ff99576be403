// Models, training loop and checkpoints: the one translation unit (besides torchruntime.cpp)
// that includes LibTorch, so the 40 s torch compile happens once.
#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>
#include <torch/torch.h>
#include <zlib.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/common/paths.h"
#include "core/common/runtime.h"
#include "core/imgproc/harmonic_p.h"
#include "core/imgproc/inpaint_p.h"
#include "core/imgproc/temporal_p.h"
#include "core/ml/dataset_p.h"
#include "core/ml/netinput_p.h"
#include "core/ml/training.h"
#include "core/sample/noise_p.h"

namespace unclouded::ml {

namespace {

namespace nn = torch::nn;

// c10::Error (bad shapes, allocation failures) as our Error: one boundary for LibTorch.
template <typename F> auto torchCall(const QString& what, F&& f) -> decltype(f())
{
    try {
        return f();
    } catch (const c10::Error& e) {
        throw Error(
            QStringLiteral("%1 failed in LibTorch: %2")
                .arg(what,
                    QString::fromStdString(e.what_without_backtrace()).section(QLatin1Char('\n'), 0, 0)));
    } catch (const std::bad_alloc&) {
        throw Error(QStringLiteral("%1 ran out of memory").arg(what));
    }
}

// Parameter names match the equivalent torch.nn modules in tools/models.py, so state dicts
// move between this app and Python notebooks.
struct ReconNetImpl : nn::Module
{
    virtual torch::Tensor forward(torch::Tensor x) = 0;
};

// A folded layer's channels zero-padded to a multiple of m (1: none) for CPUs whose convolution
// kernels work in blocks of channels: zero weights in and out give the same sums. The real output
// channels come first; inIdx: where each real input channel goes.
int64_t roundUpChannels(int64_t c, int m)
{
    return m > 1 ? (c + m - 1) / m * m : c;
}
torch::Tensor firstChannels(int64_t n)
{
    return torch::arange(n, torch::kLong);
}
torch::Tensor padWeight(const torch::Tensor& w, int64_t outN, int64_t inN, const torch::Tensor& inIdx)
{
    if (outN == w.size(0) && inN == w.size(1))
        return w;
    const torch::Tensor rows = torch::zeros({ outN, w.size(1), w.size(2), w.size(3) }, w.options())
                                   .index_copy_(0, firstChannels(w.size(0)), w);
    return torch::zeros({ outN, inN, w.size(2), w.size(3) }, w.options()).index_copy_(1, inIdx, rows);
}
torch::Tensor padBias(const torch::Tensor& b, int64_t outN)
{
    if (outN == b.size(0))
        return b;
    return torch::zeros({ outN }, b.options()).index_copy_(0, firstChannels(b.size(0)), b);
}

// The memory order a folded convolution from `in` to `out` channels runs in (Network::Layout). On
// the AVX2 EPYC, oneDNN's NCHW path (blocked kernels) was 1.2-1.8x faster than NHWC from 32
// channels up, and 2-6x slower at 12 or 13 channels (bench/results/inference-pytorch.md).
torch::MemoryFormat convFormat(Network::Layout l, int64_t in, int64_t out)
{
    if (l == Network::Layout::PerLayer)
        return std::min(in, out) >= 32 && in % 8 == 0 && out % 8 == 0 ? torch::MemoryFormat::Contiguous
                                                                      : torch::MemoryFormat::ChannelsLast;
    return l == Network::Layout::ChannelsLast ? torch::MemoryFormat::ChannelsLast
                                              : torch::MemoryFormat::Contiguous;
}
// A folded convolution, its input first brought into its memory order (a no-op when already there).
torch::Tensor foldedConv(
    const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b, torch::MemoryFormat f, int pad)
{
    return torch::conv2d(x.contiguous(f), w, b, 1, pad);
}

struct DoubleConvImpl : nn::Module
{
    nn::Sequential net { nullptr };
    // Inference: each BatchNorm folded into the convolution before it (weights scaled, a bias
    // added), one pass over the activations instead of two. Plain tensors, not registered: the
    // state dict (and so checkpoints) never see them.
    torch::Tensor w1, b1, w2, b2;
    torch::MemoryFormat f1 = torch::MemoryFormat::Contiguous, f2 = torch::MemoryFormat::Contiguous;
    DoubleConvImpl(int in, int out)
    {
        net = register_module("net",
            nn::Sequential(nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1).bias(false)),
                nn::BatchNorm2d(out), nn::ReLU(nn::ReLUOptions(true)),
                nn::Conv2d(nn::Conv2dOptions(out, out, 3).padding(1).bias(false)), nn::BatchNorm2d(out),
                nn::ReLU(nn::ReLUOptions(true))));
    }
    // dt: the folded copies' type (float, or bfloat16 where the CPU computes it natively). m: the
    // channel multiple (padWeight); inN / inIdx: the padded input's channels and where the real ones
    // are (default: as they come). layout: the memory order of each convolution (convFormat).
    void fold(
        torch::ScalarType dt, Network::Layout layout, int m = 1, int64_t inN = 0, torch::Tensor inIdx = {})
    {
        torch::NoGradGuard guard;
        auto one = [&](int conv, int bn, int64_t inN, const torch::Tensor& inIdx, torch::Tensor& w,
                       torch::Tensor& b) {
            const auto& c = *net[conv]->as<nn::Conv2dImpl>();
            const auto& n = *net[bn]->as<nn::BatchNorm2dImpl>();
            const torch::Tensor scale = n.weight / torch::sqrt(n.running_var + n.options.eps());
            const int64_t outN = roundUpChannels(c.weight.size(0), m);
            w = padWeight(c.weight * scale.view({ -1, 1, 1, 1 }), outN, inN, inIdx).to(dt).contiguous();
            b = padBias(n.bias - n.running_mean * scale, outN).to(dt).contiguous();
        };
        const int64_t in = net[0]->as<nn::Conv2dImpl>()->weight.size(1);
        const int64_t out = net[3]->as<nn::Conv2dImpl>()->weight.size(0);
        one(0, 1, inIdx.defined() ? inN : in, inIdx.defined() ? inIdx : firstChannels(in), w1, b1);
        one(3, 4, roundUpChannels(out, m), firstChannels(out), w2, b2);
        f1 = convFormat(layout, w1.size(1), w1.size(0));
        f2 = convFormat(layout, w2.size(1), w2.size(0));
    }
    void unfold() { w1 = b1 = w2 = b2 = torch::Tensor(); }
    torch::Tensor forward(torch::Tensor x)
    {
        if (w1.defined() && !is_training()) {
            x = foldedConv(x, w1, b1, f1, 1).relu_();
            return foldedConv(x, w2, b2, f2, 1).relu_();
        }
        return net->forward(x);
    }
};
TORCH_MODULE(DoubleConv);

struct UNetImpl : ReconNetImpl
{
    nn::ModuleList downs { nullptr }, ups { nullptr }, upConvs { nullptr };
    DoubleConv bottleneck { nullptr };
    nn::Conv2d head { nullptr };
    int bands, width, depth;
    explicit UNetImpl(const ModelConfig& c)
        : bands(c.netBands())
        , width(c.width)
        , depth(c.depth)
    {
        downs = register_module("downs", nn::ModuleList());
        ups = register_module("ups", nn::ModuleList());
        upConvs = register_module("up_convs", nn::ModuleList());
        int ch = c.inChannels();
        for (int i = 0; i < c.depth; ++i) {
            downs->push_back(DoubleConv(ch, c.width << i));
            ch = c.width << i;
        }
        bottleneck = register_module("bottleneck", DoubleConv(ch, c.width << c.depth));
        for (int i = c.depth - 1; i >= 0; --i) {
            ups->push_back(nn::ConvTranspose2d(
                nn::ConvTranspose2dOptions(c.width << (i + 1), c.width << i, 2).stride(2)));
            upConvs->push_back(DoubleConv(c.width << (i + 1), c.width << i));
        }
        head = register_module("head", nn::Conv2d(nn::Conv2dOptions(c.width, c.netBands(), 1)));
    }
    // Inference: each 2 x 2, stride 2 transposed convolution as a 1 x 1 convolution to 4 x the
    // channels and a pixel shuffle, the same sums in one GEMM (seed U-Net: 1.6x faster in PyTorch
    // on the same LibTorch; bench/results/inference-pytorch.md). Plain tensors, as DoubleConv's.
    // In bfloat16 the body after the first block runs in that type; the correction comes back to
    // float before it is added to the float input, so the pre-fill keeps its precision.
    // With every block's BatchNorm folded; m: channels padded to a multiple of m (padWeight).
    std::vector<torch::Tensor> upW, upB;
    std::vector<torch::MemoryFormat> upF;
    torch::Tensor headW, headB;
    torch::MemoryFormat headF = torch::MemoryFormat::Contiguous;
    void fold(torch::ScalarType dt, int m, Network::Layout layout)
    {
        torch::NoGradGuard guard;
        auto padded = [m](int64_t c) { return roundUpChannels(c, m); };
        // Per layer only where every level is wide enough for NCHW (the seed's 32-wide U-Net: its
        // first convolution alone in NHWC). A narrower U-Net would switch orders between levels; in
        // whole reconstructions the 12-wide model ran 8 % slower that way than all in NHWC.
        if (layout == Network::Layout::PerLayer && padded(width) < 32)
            layout = Network::Layout::ChannelsLast;
        // The first block reads the bands themselves (16-bit DN, 3 significant digits in bfloat16):
        // it stays float. In bfloat16 it cost the one-date model 0.001 dB and 0.0004-0.0008 SSIM on
        // the held-out cases; in float, nothing at 4 decimals (bench/results/precision.md).
        downs[0]->as<DoubleConvImpl>()->fold(torch::kFloat32, layout, m);
        for (int i = 1; i < depth; ++i)
            downs[i]->as<DoubleConvImpl>()->fold(
                dt, layout, m, padded(width << (i - 1)), firstChannels(width << (i - 1)));
        bottleneck->fold(dt, layout, m, padded(width << (depth - 1)), firstChannels(width << (depth - 1)));
        upW.clear();
        upB.clear();
        upF.clear();
        for (size_t i = 0; i < ups->size(); ++i) {
            const auto& t = *ups[i]->as<nn::ConvTranspose2dImpl>();
            const int64_t in = t.weight.size(0), out = t.weight.size(1);
            // weight: in x out x 2 x 2 -> (out, dy, dx) x in x 1 x 1, pixel_shuffle's channel order
            // (padded outputs after the real ones, so the shuffle's real channels come first).
            upW.push_back(padWeight(t.weight.permute({ 1, 2, 3, 0 }).reshape({ -1, in, 1, 1 }),
                4 * padded(out), padded(in), firstChannels(in))
                              .to(dt)
                              .contiguous());
            upB.push_back(padBias(t.bias.repeat_interleave(4), 4 * padded(out)).to(dt).contiguous());
            upF.push_back(convFormat(layout, upW.back().size(1), upW.back().size(0)));
            // Its block reads the skip (padded) and the upsampled (padded) side by side.
            const torch::Tensor real = firstChannels(out);
            upConvs[i]->as<DoubleConvImpl>()->fold(
                dt, layout, m, 2 * padded(out), torch::cat({ real, real + padded(out) }));
        }
        headW = padWeight(head->weight, bands, padded(width), firstChannels(width)).to(dt).contiguous();
        headB = head->bias.to(dt).contiguous();
        headF = convFormat(layout, headW.size(1), headW.size(0));
    }
    void unfold()
    {
        for (const auto& m : modules(/*include_self=*/false))
            if (auto* dc = dynamic_cast<DoubleConvImpl*>(m.get()))
                dc->unfold();
        upW.clear();
        upB.clear();
        upF.clear();
        headW = headB = torch::Tensor();
    }
    torch::Tensor up(size_t i, const torch::Tensor& x)
    {
        if (i < upW.size() && !is_training())
            return torch::pixel_shuffle(foldedConv(x, upW[i], upB[i], upF[i], 0), 2);
        return ups[i]->as<nn::ConvTranspose2dImpl>()->forward(x);
    }
    torch::Tensor forward(torch::Tensor x) override
    {
        const torch::Tensor in = x;
        const bool folded = headW.defined() && !is_training();
        std::vector<torch::Tensor> skips;
        for (size_t i = 0; i < downs->size(); ++i) {
            x = downs[i]->as<DoubleConvImpl>()->forward(x);
            if (folded && i == 0)
                x = x.to(headW.scalar_type());
            skips.push_back(x);
            x = torch::max_pool2d(x, 2);
        }
        x = bottleneck->forward(x);
        for (size_t i = 0; i < ups->size(); ++i) {
            x = up(i, x);
            x = torch::cat({ skips[skips.size() - 1 - i], x }, 1);
            x = upConvs[i]->as<DoubleConvImpl>()->forward(x);
        }
        // Predict the residual over the (masked) input bands.
        if (folded)
            return in.slice(1, 0, bands) + foldedConv(x, headW, headB, headF, 0).to(in.scalar_type());
        return in.slice(1, 0, bands) + head->forward(x);
    }
};

struct SimpleCnnImpl : ReconNetImpl
{
    nn::Sequential encoder { nullptr }, decoder { nullptr };
    explicit SimpleCnnImpl(const ModelConfig& c)
    {
        const int w = c.width;
        encoder = register_module("encoder",
            nn::Sequential(nn::Conv2d(nn::Conv2dOptions(c.inChannels(), w, 3).stride(2).padding(1)),
                nn::ReLU(), nn::Conv2d(nn::Conv2dOptions(w, 2 * w, 3).stride(2).padding(1)), nn::ReLU(),
                nn::Conv2d(nn::Conv2dOptions(2 * w, 4 * w, 3).stride(2).padding(1)), nn::ReLU()));
        decoder = register_module("decoder",
            nn::Sequential(
                nn::ConvTranspose2d(nn::ConvTranspose2dOptions(4 * w, 2 * w, 4).stride(2).padding(1)),
                nn::ReLU(), nn::ConvTranspose2d(nn::ConvTranspose2dOptions(2 * w, w, 4).stride(2).padding(1)),
                nn::ReLU(),
                nn::ConvTranspose2d(nn::ConvTranspose2dOptions(w, c.netBands(), 4).stride(2).padding(1))));
    }
    torch::Tensor forward(torch::Tensor x) override { return decoder->forward(encoder->forward(x)); }
};

std::shared_ptr<ReconNetImpl> makeModel(const ModelConfig& c)
{
    c.validate();
    std::shared_ptr<ReconNetImpl> m;
    if (c.kind == ModelKind::Cnn) {
        m = std::make_shared<SimpleCnnImpl>(c);
    } else {
        auto u = std::make_shared<UNetImpl>(c);
        // A pre-filled U-Net starts with a zero correction: exactly at its pre-fill (the temporal
        // or scene estimate), so training can only move it away from there where that helps.
        if (c.prefill != Prefill::Zeros) {
            torch::NoGradGuard g;
            u->head->weight.zero_();
            u->head->bias.zero_();
        }
        m = u;
    }
    return m;
}

// Named parameters and buffers: what PyTorch's state_dict() holds.
c10::Dict<std::string, at::Tensor> stateDict(nn::Module& m)
{
    c10::Dict<std::string, at::Tensor> d;
    for (const auto& p : m.named_parameters())
        d.insert(p.key(), p.value().detach().cpu().clone());
    for (const auto& b : m.named_buffers())
        d.insert(b.key(), b.value().detach().cpu().clone());
    return d;
}

QString sidecar(const QString& ckpt)
{
    return ckpt + QStringLiteral(".json");
}

QString lastCheckpointPath(const QString& out)
{
    return out.endsWith(QLatin1String(".pth")) ? out.chopped(4) + QStringLiteral(".last.pth")
                                               : out + QStringLiteral(".last");
}

// The weights, their description and, with an optimizer, Adam's moments beside them (CKPT.optim, so a
// resumed run continues where it stopped; LibTorch's own archive format, which Python never sees).
// Written as one set: a full disk keeps the old set whole, and the description carries the optimiser
// file's hash, so a state from another run (a crash between the renames) is never resumed with.
void saveCheckpoint(const QString& path, nn::Module& model, const CheckpointInfo& info,
    torch::optim::Adam* optimizer = nullptr)
{
    const std::vector<char> bytes = torch::pickle_save(c10::IValue(stateDict(model)));
    QByteArray optim;
    if (optimizer) {
        std::ostringstream out;
        torch::save(*optimizer, out);
        const std::string b = out.str();
        optim = QByteArray(b.data(), static_cast<qsizetype>(b.size()));
    }
    QJsonObject o;
    o[QStringLiteral("format")] = QStringLiteral("unclouded-checkpoint-1");
    o[QStringLiteral("model")] = modelName(info.model.kind);
    o[QStringLiteral("width")] = info.model.width;
    o[QStringLiteral("depth")] = info.model.depth;
    o[QStringLiteral("reference")] = info.model.reference;
    o[QStringLiteral("prefill")] = info.model.prefill != Prefill::Zeros; // read by round-1 builds
    o[QStringLiteral("prefill_kind")] = prefillName(info.model.prefill);
    if (info.model.prefill == Prefill::Temporal) {
        o[QStringLiteral("temporal_fit")] = recon::temporalFitName(info.model.temporalFit);
        o[QStringLiteral("reference_clouds")] = info.model.referenceClouds;
    }
    o[QStringLiteral("per_band")] = info.model.perBand;
    o[QStringLiteral("bands")] = QJsonArray::fromStringList(info.bands);
    QJsonArray mean, sd;
    for (size_t b = 0; b < info.mean.size(); ++b) {
        mean.append(info.mean[b]);
        sd.append(info.std[b]);
    }
    o[QStringLiteral("mean")] = mean;
    o[QStringLiteral("std")] = sd;
    o[QStringLiteral("epoch")] = info.epoch;
    o[QStringLiteral("step")] = info.step;
    o[QStringLiteral("total_steps")] = info.totalSteps;
    o[QStringLiteral("resume_step")] = info.resumeStep;
    o[QStringLiteral("val_loss")] = info.valLoss;
    o[QStringLiteral("patch")] = info.patch;
    o[QStringLiteral("options")] = QJsonObject::fromVariantMap(info.options);
    o[QStringLiteral("input")]
        = QStringLiteral(
            "%1(reflectance - mean) / std, hidden pixels pre-filled (%2); then the mask (1 = hidden)%3")
              .arg(info.model.perBand ? QStringLiteral("each band a sample: ") : QString(),
                  prefillName(info.model.prefill),
                  info.model.reference ? QStringLiteral("; then the reference channel, normalised alike")
                                       : QString());
    QList<QPair<QString, QByteArray>> files { { path,
        QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())) } };
    // "none": an older run's .optim left beside these weights is not theirs either.
    o[QStringLiteral("optimizer_sha256")] = QStringLiteral("none");
    if (optimizer) {
        o[QStringLiteral("optimizer_sha256")]
            = QString::fromLatin1(QCryptographicHash::hash(optim, QCryptographicHash::Sha256).toHex());
        files.append({ path + QStringLiteral(".optim"), optim });
    }
    // The description renamed last: it never points at weights that are not there yet.
    files.append({ sidecar(path), QJsonDocument(o).toJson() });
    writeFilesAtomically(files);
}

// LibTorch 1.13 reads a checkpoint's zip from memory trusting the archive's own offsets: damaged
// ones make it read past the buffer (a heap overflow found by tests/fuzz under AddressSanitizer).
// The structure is checked here first: the end record, the central directory and every local header
// with its data inside the file. Returns an empty string when sound, else what is wrong.
QString zipStructureProblem(const QByteArray& d)
{
    auto u16 = [&](qsizetype i) { return quint32(uchar(d[i])) | quint32(uchar(d[i + 1])) << 8; };
    auto u32 = [&](qsizetype i) { return u16(i) | u16(i + 2) << 16; };
    const qsizetype n = d.size();
    if (n < 22)
        return QStringLiteral("too short to be a zip");
    qsizetype end = -1;
    for (qsizetype i = n - 22; i >= std::max<qsizetype>(0, n - 22 - 0xffff) && end < 0; --i)
        if (u32(i) == 0x06054b50u && i + 22 + qsizetype(u16(i + 20)) == n)
            end = i;
    if (end < 0)
        return QStringLiteral("no zip end record");
    const quint32 entries = u16(end + 10), cdSize = u32(end + 12), cdOffset = u32(end + 16);
    if (cdOffset == 0xffffffffu || cdSize == 0xffffffffu || entries == 0xffffu)
        return {}; // ZIP64 (a checkpoint over 4 GiB): left to LibTorch
    if (quint64(cdOffset) + cdSize > quint64(end))
        return QStringLiteral("the zip directory lies outside the file");
    qsizetype p = cdOffset;
    for (quint32 k = 0; k < entries; ++k) {
        if (p + 46 > end || u32(p) != 0x02014b50u)
            return QStringLiteral("zip directory entry %1 is damaged").arg(k);
        const quint32 compressed = u32(p + 20), local = u32(p + 42);
        if (compressed == 0xffffffffu || local == 0xffffffffu)
            return {}; // ZIP64 fields
        if (qsizetype(local) + 30 > qsizetype(cdOffset) || u32(local) != 0x04034b50u)
            return QStringLiteral("zip entry %1 points outside the file").arg(k);
        const quint64 data = quint64(local) + 30 + u16(local + 26) + u16(local + 28);
        if (data + compressed > quint64(cdOffset))
            return QStringLiteral("zip entry %1 runs past the end of its data").arg(k);
        const qsizetype nameLength = u16(p + 28);
        if (p + 46 + nameLength > end)
            return QStringLiteral("zip directory entry %1 is damaged").arg(k);
        // Stored entries (what torch.save and LibTorch write) against their CRC-32: changed bytes
        // inside a tensor's data loaded as other weights and rebuilt garbage, exit 0 (crash hunt).
        // A CRC of 0 on data is none (torch.serialization.set_crc32_options(False)).
        const quint32 crc = u32(p + 16);
        if (u16(p + 10) == 0 && crc != 0
            && ::crc32_z(
                   ::crc32_z(0, nullptr, 0), reinterpret_cast<const Bytef*>(d.constData() + data), compressed)
                != crc)
            return QStringLiteral("zip entry %1 (%2) does not match its checksum")
                .arg(k)
                .arg(QString::fromUtf8(d.constData() + p + 46, nameLength));
        p += 46 + nameLength + qsizetype(u16(p + 30)) + qsizetype(u16(p + 32));
    }
    return p <= end ? QString() : QStringLiteral("the zip directory runs past its end");
}

void loadWeights(const QString& path, nn::Module& model)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("Cannot read the checkpoint %1: %2").arg(path, f.errorString()));
    // Read straight into what the unpickler takes (a copy of the seed U-Net's 31 MB cost 10 ms).
    std::vector<char> bytes(static_cast<size_t>(std::max<qint64>(0, f.size())));
    if (const qint64 got = f.read(bytes.data(), qint64(bytes.size())); got != qint64(bytes.size()))
        throw Error(QStringLiteral("Cannot read the checkpoint %1: %2")
                        .arg(path,
                            got < 0 ? f.errorString()
                                    : QStringLiteral("%1 of %2 bytes read (the file changed while read)")
                                          .arg(got)
                                          .arg(bytes.size())));
    const QByteArray raw = QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size()));
    if (raw.isEmpty()) // a save that never happened (a full disk, a copy cut short)
        throw Error(
            QStringLiteral("%1 is empty (0 bytes): not a checkpoint; it was cut short when written or "
                           "copied")
                .arg(path));
    if (raw.startsWith("PK"))
        if (const QString problem = zipStructureProblem(raw); !problem.isEmpty())
            throw Error(
                QStringLiteral("%1 is damaged (%2): not a checkpoint LibTorch can read").arg(path, problem));
    c10::IValue v;
    try {
        v = torch::pickle_load(bytes);
    } catch (const std::exception&) { // c10::Error, and std::out_of_range from the unpickler's
                                      // tables on damaged bytes (found by tests/fuzz)
        throw Error(
            QStringLiteral("%1 is not a state dict LibTorch can read. If it was saved in Python with "
                           "torch.save(model.state_dict(), ...), save a plain dict instead: "
                           "torch.save(dict(model.state_dict()), path) (LibTorch cannot read OrderedDict); "
                           "otherwise the file is corrupt.")
                .arg(path));
    }
    if (!v.isGenericDict())
        throw Error(QStringLiteral("%1 does not hold a dict of named tensors").arg(path));
    std::map<std::string, at::Tensor> loaded;
    for (const auto& e : v.toGenericDict()) {
        if (!e.key().isString() || !e.value().isTensor())
            throw Error(QStringLiteral("%1 holds something other than named tensors").arg(path));
        loaded[e.key().toStringRef()] = e.value().toTensor();
    }
    torch::NoGradGuard guard;
    QStringList problems, nonFinite;
    auto assign = [&](const std::string& name, torch::Tensor& t) {
        const auto it = loaded.find(name);
        if (it == loaded.end()) {
            problems << QStringLiteral("missing %1").arg(QString::fromStdString(name));
            return;
        }
        if (it->second.sizes() != t.sizes()) {
            problems << QStringLiteral("%1 has shape %2, the model expects %3")
                            .arg(QString::fromStdString(name),
                                QString::fromStdString(c10::str(it->second.sizes())),
                                QString::fromStdString(c10::str(t.sizes())));
            return;
        }
        // NaN or Inf weights (a diverged run saved by another tool) would make every pixel fall back.
        // A sum is finite only when every value is (NaN and Inf carry through it); the element-wise
        // test only when it is not (large finite weights overflowing): the seed U-Net's 0.055 s -> 0.005 s.
        if (it->second.is_floating_point() && !std::isfinite(it->second.sum().item<double>())
            && !torch::isfinite(it->second).all().item<bool>()) {
            nonFinite << QString::fromStdString(name);
            loaded.erase(it);
            return;
        }
        t.copy_(it->second.to(t.dtype()));
        loaded.erase(it);
    };
    for (auto& p : model.named_parameters())
        assign(p.key(), p.value());
    for (auto& b : model.named_buffers())
        assign(b.key(), b.value());
    for (const auto& e : loaded)
        problems << QStringLiteral("unexpected %1").arg(QString::fromStdString(e.first));
    if (!nonFinite.isEmpty())
        throw Error(
            QStringLiteral("The checkpoint %1 holds NaN or infinite weights (%2): its training diverged "
                           "before it was saved; use an earlier checkpoint or train again")
                .arg(path,
                    nonFinite.mid(0, 3).join(QStringLiteral(", "))
                        + (nonFinite.size() > 3 ? QStringLiteral(", …") : QString())));
    if (!problems.isEmpty())
        throw Error(QStringLiteral("The checkpoint %1 does not fit this model: %2")
                        .arg(path, problems.mid(0, 6).join(QStringLiteral("; "))));
}

bool loadOptimizer(const QString& ckpt, torch::optim::Adam& optimizer)
{
    QFile f(ckpt + QStringLiteral(".optim"));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray raw = f.readAll();
    if (!raw.startsWith("PK") || !zipStructureProblem(raw).isEmpty())
        return false; // damaged: Adam starts afresh, as for a foreign state
    // Another run's state (written apart from these weights): its moments would steer these wrongly.
    // Checkpoints from before the hash have none to compare.
    QFile desc(sidecar(ckpt));
    if (desc.open(QIODevice::ReadOnly)) {
        const QString want = QJsonDocument::fromJson(desc.read(1 << 20))
                                 .object()
                                 .value(QStringLiteral("optimizer_sha256"))
                                 .toString();
        if (!want.isEmpty()
            && want != QString::fromLatin1(QCryptographicHash::hash(raw, QCryptographicHash::Sha256).toHex()))
            return false;
    }
    std::istringstream in(std::string(raw.constData(), static_cast<size_t>(raw.size())));
    try {
        torch::load(optimizer, in);
        return true;
    } catch (const std::exception&) {
        return false; // a stale or foreign state: start Adam afresh, the weights still resume
    }
}

constexpr int kBandsPerCrop = 4;

struct Batch
{
    torch::Tensor input, target, mask;
    std::vector<int> first, count; // per crop: its first sample and how many (bands of a per-band model)
};

// A flip / rotation of a P x P plane: the same one applied to every plane of a crop.
struct Geometry
{
    bool fx = false, fy = false;
    int rot = 0;
    // Flips at random, and quarter turns with rotate90 (draws in this order: fx, fy, rot).
    static Geometry random(std::mt19937_64& rng, bool rotate90)
    {
        std::uniform_int_distribution<int> coin(0, 1), quarter(0, 3);
        return { coin(rng) == 1, coin(rng) == 1, rotate90 ? quarter(rng) : 0 };
    }
    template <typename T> void apply(T* plane, int P, std::vector<T>& tmp) const
    {
        if (!fx && !fy && rot == 0)
            return;
        tmp.assign(plane, plane + static_cast<size_t>(P) * P);
        for (int y = 0; y < P; ++y)
            for (int x = 0; x < P; ++x) {
                int sx = x, sy = y;
                for (int r = 0; r < rot; ++r) {
                    const int t = sx;
                    sx = sy;
                    sy = P - 1 - t;
                }
                if (fx)
                    sx = P - 1 - sx;
                if (fy)
                    sy = P - 1 - sy;
                plane[static_cast<size_t>(y) * P + x] = tmp[static_cast<size_t>(sy) * P + sx];
            }
    }
};

// One batch: crops hidden behind cloud shapes, pre-filled as the model's reconstruction will be,
// augmented on request. The loss scores drawn-hidden pixels whose truth is known.
Batch makeBatch(const PatchSet& s, const ModelConfig& mc, const std::vector<float>& mean,
    const std::vector<float>& sd, const std::vector<int>& crops, const std::vector<int>& shapes, bool train,
    bool rotate90, std::mt19937_64& rng)
{
    const int P = s.patch;
    const size_t pp = static_cast<size_t>(P) * P;
    const int C = mc.inChannels(), NB = mc.netBands();
    std::vector<float> inputs, targets, masks;
    Batch out;
    std::vector<float> tmpF;
    std::vector<uint8_t> tmpU;
    for (size_t i = 0; i < crops.size(); ++i) {
        const Crop& c = (train ? s.train : s.val)[crops[i]];
        const SceneFits& sc = s.scenes[c.scene];
        const int B = sc.bands, R = sc.references;
        if (!mc.perBand && B != mc.bands)
            throw Error(QStringLiteral("A crop has %1 bands, the model %2").arg(B).arg(mc.bands));
        std::vector<float> x = c.x, refs = c.refs;
        std::vector<uint8_t> own = c.own, score = c.score, refHidden = c.refHidden;
        const auto& pool = train ? s.trainShapes : s.valShapes;
        std::vector<uint8_t> mk = pool[shapes[i]];
        Geometry g;
        if (train) {
            // The ground and, independently, the cloud shape.
            g = Geometry::random(rng, rotate90);
            for (int b = 0; b < B; ++b)
                g.apply(x.data() + b * pp, P, tmpF);
            for (int r = 0; r < R * B; ++r)
                g.apply(refs.data() + r * pp, P, tmpF);
            for (int r = 0; r < R; ++r)
                g.apply(refHidden.data() + r * pp, P, tmpU);
            g.apply(own.data(), P, tmpU);
            g.apply(score.data(), P, tmpU);
            Geometry::random(rng, rotate90).apply(mk.data(), P, tmpU);
        }
        // Other dates hidden in part too (mc.referenceClouds of the crops): each of their references
        // behind a cloud shape of its own. Validation picks by the crop's index (no draw from rng).
        if (mc.prefill == Prefill::Temporal && mc.referenceClouds > 0 && R > 0 && !pool.empty())
            for (int r = 0; r < R; ++r) {
                size_t pick = 0;
                if (train) {
                    if (std::uniform_real_distribution<double>(0, 1)(rng) >= mc.referenceClouds)
                        continue;
                    pick = rng() % pool.size();
                } else {
                    if (sample::hashUnit(crops[i], r, 0x5EFC) >= mc.referenceClouds)
                        continue;
                    pick = (static_cast<size_t>(shapes[i]) + 1 + 7 * static_cast<size_t>(r)) % pool.size();
                }
                std::vector<uint8_t> cloud = pool[pick];
                if (train)
                    Geometry::random(rng, rotate90).apply(cloud.data(), P, tmpU);
                uint8_t* rh = refHidden.data() + static_cast<size_t>(r) * pp;
                for (size_t k = 0; k < pp; ++k)
                    rh[k] = rh[k] || cloud[k];
            }
        std::vector<uint8_t> hidden(pp), scored(pp);
        for (size_t k = 0; k < pp; ++k) {
            hidden[k] = mk[k] || own[k];
            scored[k] = mk[k] && !own[k] && score[k];
        }
        std::vector<float> filled = x;
        for (int b = 0; b < B; ++b)
            for (size_t k = 0; k < pp; ++k)
                if (hidden[k])
                    filled[b * pp + k] = std::numeric_limits<float>::quiet_NaN();
        std::vector<float> composite, rawRef;
        const float* refc = nullptr;
        switch (mc.prefill) {
        case Prefill::Zeros:
            break;
        case Prefill::Telea:
            recon::inpaintBands(filled, hidden, P, P, B, /*cv::INPAINT_TELEA*/ 1, 5.0);
            break;
        case Prefill::Scene: {
            // Whole tiles are pre-filled at reduced resolution: train on every blur level.
            std::uniform_int_distribution<int> level(0, 3);
            coarsePrefill(filled, hidden, P, P, B, train ? 1 << level(rng) : 1);
            break;
        }
        case Prefill::Harmonic: // from the crop's own visible pixels; its sides reflect (a window's
                                // are held at the scene's coarse solution where a cloud crosses them)
            recon::harmonicBands(filled, hidden, P, P, B, recon::kPrefillTolerance);
            break;
        case Prefill::Temporal: {
            // The 3 x 3 correction turned with the crop (a per-pixel map needs no turning).
            std::vector<recon::SceneFit> fits(sc.refFits.begin(), sc.refFits.begin() + R);
            for (recon::SceneFit& f : fits)
                f.neighbours = f.neighbours.turned(g.fx, g.fy, g.rot);
            std::vector<recon::DateView> views;
            for (int r = 0; r < R; ++r)
                views.push_back(
                    { refs.data() + static_cast<size_t>(r) * B * pp, refHidden.data() + r * pp, &fits[r] });
            recon::temporalFill(filled, hidden, views, P, P, B, composite);
            refc = composite.data();
            break;
        }
        }
        if (mc.reference && mc.prefill != Prefill::Temporal && R > 0)
            refc = refs.data(); // round-1 models: the first reference's raw bands
        // A general model trains on a few random bands of each crop (every band is a sample of
        // its own: all of them would multiply the step's cost without more variety).
        std::vector<int> use(B);
        std::iota(use.begin(), use.end(), 0);
        if (mc.perBand && train && B > kBandsPerCrop) {
            std::shuffle(use.begin(), use.end(), rng);
            use.resize(kBandsPerCrop);
        }
        const int samples = mc.perBand ? static_cast<int>(use.size()) : 1;
        if (static_cast<int>(use.size()) < B) {
            auto pick = [&](std::vector<float>& v) {
                std::vector<float> o;
                for (int b : use)
                    o.insert(o.end(), v.begin() + static_cast<size_t>(b) * pp,
                        v.begin() + static_cast<size_t>(b + 1) * pp);
                v.swap(o);
            };
            pick(filled);
            pick(x);
            if (!composite.empty())
                pick(composite);
            if (refc && refc != composite.data()) { // the raw first reference
                rawRef.assign(refs.begin(), refs.begin() + static_cast<size_t>(B) * pp);
                pick(rawRef);
                refc = rawRef.data();
            }
        }
        const int Bu = static_cast<int>(use.size());
        out.first.push_back(static_cast<int>(targets.size() / (static_cast<size_t>(NB) * pp)));
        out.count.push_back(samples);
        const size_t at = inputs.size();
        inputs.resize(at + static_cast<size_t>(samples) * C * pp);
        buildNetInput(mc, mean, sd, Bu, pp, filled.data(), hidden.data(),
            composite.empty() ? refc : composite.data(), inputs.data() + at);
        for (int b = 0; b < Bu; ++b) {
            const float m = normAt(mean, b), d = normAt(sd, b);
            for (size_t k = 0; k < pp; ++k)
                targets.push_back((x[b * pp + k] - m) / d);
        }
        for (int smp = 0; smp < samples; ++smp)
            for (size_t k = 0; k < pp; ++k)
                masks.push_back(scored[k]);
    }
    const int64_t n = static_cast<int64_t>(masks.size() / pp);
    out.input = torch::from_blob(inputs.data(), { n, C, P, P }, torch::kFloat32).clone();
    out.target = torch::from_blob(targets.data(), { n, NB, P, P }, torch::kFloat32).clone();
    out.mask = torch::from_blob(masks.data(), { n, 1, P, P }, torch::kFloat32).clone();
    return out;
}

torch::Tensor maskedMseLoss(const torch::Tensor& pred, const torch::Tensor& target, const torch::Tensor& mask)
{
    const auto bands = pred.size(1);
    return ((pred - target).pow(2) * mask).sum() / (mask.sum() * bands).clamp_min(1.0);
}

} // namespace

QString modelName(ModelKind kind)
{
    return kind == ModelKind::Cnn ? QStringLiteral("cnn") : QStringLiteral("unet");
}

QString defaultCheckpointName(ModelKind kind)
{
    return kind == ModelKind::Cnn ? QStringLiteral("simple_cnn_cloud.pth") : QStringLiteral("unet_cloud.pth");
}

CheckpointInfo readCheckpointInfo(const QString& path)
{
    if (!QFileInfo::exists(path))
        throw Error(QStringLiteral("Cannot open the checkpoint %1: no such file").arg(path));
    QFile f(sidecar(path));
    if (!f.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral(
            "The checkpoint %1 has no description %2 (model, bands, normalisation): it was not "
            "written by Unclouded, or the .json beside it was lost")
                        .arg(path, sidecar(path)));
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    if (o.value(QStringLiteral("format")).toString() != QLatin1String("unclouded-checkpoint-1"))
        throw Error(QStringLiteral("%1 is not an Unclouded checkpoint description").arg(sidecar(path)));
    CheckpointInfo i;
    const QString m = o.value(QStringLiteral("model")).toString();
    if (m != QLatin1String("cnn") && m != QLatin1String("unet"))
        throw Error(QStringLiteral("%1: unknown model '%2'").arg(sidecar(path), m));
    i.model.kind = m == QLatin1String("cnn") ? ModelKind::Cnn : ModelKind::UNet;
    i.model.width = o.value(QStringLiteral("width")).toInt(32);
    i.model.depth = o.value(QStringLiteral("depth")).toInt(4);
    i.model.reference = o.value(QStringLiteral("reference")).toBool();
    i.model.prefill = o.value(QStringLiteral("prefill")).toBool(false) ? Prefill::Telea : Prefill::Zeros;
    if (o.contains(QStringLiteral("prefill_kind"))
        && !parsePrefill(o.value(QStringLiteral("prefill_kind")).toString(), i.model.prefill))
        throw Error(QStringLiteral("%1: unknown pre-fill '%2'")
                        .arg(sidecar(path), o.value(QStringLiteral("prefill_kind")).toString()));
    i.model.perBand = o.value(QStringLiteral("per_band")).toBool(false);
    if (o.contains(QStringLiteral("temporal_fit"))
        && (!recon::parseTemporalFit(o.value(QStringLiteral("temporal_fit")).toString(), i.model.temporalFit)
            || i.model.temporalFit == recon::TemporalFit::Auto))
        throw Error(QStringLiteral("%1: unknown temporal fit '%2'")
                        .arg(sidecar(path), o.value(QStringLiteral("temporal_fit")).toString()));
    const QJsonValue clouds = o.value(QStringLiteral("reference_clouds"));
    i.model.referenceClouds = clouds.isUndefined() ? 0.0 : clouds.toDouble(-1);
    if (!(i.model.referenceClouds >= 0 && i.model.referenceClouds <= 1))
        throw Error(QStringLiteral("%1: reference_clouds must be 0 to 1").arg(sidecar(path)));
    for (const auto& b : o.value(QStringLiteral("bands")).toArray())
        i.bands << b.toString();
    i.model.bands = static_cast<int>(i.bands.size());
    for (const auto& v : o.value(QStringLiteral("mean")).toArray())
        i.mean.push_back(static_cast<float>(v.toDouble()));
    for (const auto& v : o.value(QStringLiteral("std")).toArray())
        i.std.push_back(static_cast<float>(v.toDouble()));
    const size_t norms = i.model.perBand ? 1 : static_cast<size_t>(i.bands.size());
    if (i.bands.isEmpty() || i.mean.size() != norms || i.std.size() != i.mean.size())
        throw Error(QStringLiteral("%1: bands and normalisation do not match").arg(sidecar(path)));
    for (size_t b = 0; b < norms; ++b)
        if (!std::isfinite(i.mean[b]) || !std::isfinite(i.std[b]) || i.std[b] <= 0)
            throw Error(QStringLiteral("%1: the normalisation of band %2 is not usable (mean %3, std %4)")
                            .arg(sidecar(path))
                            .arg(b + 1)
                            .arg(i.mean[b])
                            .arg(i.std[b]));
    try {
        i.model.validate();
    } catch (const Error& e) {
        throw Error(QStringLiteral("%1: %2").arg(sidecar(path), e.message()));
    }
    i.epoch = o.value(QStringLiteral("epoch")).toInt();
    i.step = std::max(0, o.value(QStringLiteral("step")).toInt());
    i.totalSteps = std::max(0, o.value(QStringLiteral("total_steps")).toInt());
    i.resumeStep = std::max(0, o.value(QStringLiteral("resume_step")).toInt());
    i.valLoss = o.value(QStringLiteral("val_loss")).toDouble();
    i.patch = o.value(QStringLiteral("patch")).toInt(128);
    i.options = o.value(QStringLiteral("options")).toObject().toVariantMap();
    return i;
}

struct Network::Impl
{
    ModelConfig config;
    CheckpointInfo info;
    std::shared_ptr<ReconNetImpl> model;
    std::atomic<bool> foldBatchNorm { true }, folded { false };
    std::atomic<Layout> layout { defaultLayout() }, foldedLayout { defaultLayout() };
    std::atomic<bool> bfloat16 { false }, foldedBFloat16 { false };
    std::atomic<int> groupMiB { 24 };
    std::atomic<int> channelMultiple { defaultChannelMultiple() }, foldedMultiple { 1 };
    std::mutex foldMutex; // forward() may run on several threads; the first folds
    // Folds (or drops the folded copies of) every BatchNorm of the U-Net's blocks, and its
    // transposed convolutions' pixel-shuffle form.
    void setFolded(bool on)
    {
        const bool bf = on && bfloat16;
        const torch::ScalarType dt = bf ? torch::kBFloat16 : torch::kFloat32;
        if (auto* u = dynamic_cast<UNetImpl*>(model.get())) // folds / unfolds its blocks too
            on ? u->fold(dt, channelMultiple, layout) : u->unfold();
        foldedBFloat16 = bf;
        foldedLayout = layout.load();
        foldedMultiple = channelMultiple.load();
        folded = on;
    }
    bool foldCurrent() const
    {
        return folded == foldBatchNorm
            && (!folded
                || (foldedBFloat16 == bfloat16 && foldedMultiple == channelMultiple
                    && foldedLayout == layout));
    }
};

Network::Network()
    : d(std::make_unique<Impl>())
{
}
Network::~Network() = default;

std::unique_ptr<Network> Network::create(const ModelConfig& config, quint64 seed)
{
    initializeRuntime();
    torch::manual_seed(seed);
    std::unique_ptr<Network> n(new Network());
    n->d->config = config;
    n->d->info.model = config;
    n->d->model = torchCall(QStringLiteral("Building the model"), [&] { return makeModel(config); });
    n->d->model->eval();
    return n;
}

std::unique_ptr<Network> Network::load(const QString& checkpoint)
{
    const CheckpointInfo info = readCheckpointInfo(checkpoint);
    std::unique_ptr<Network> n = create(info.model);
    n->d->info = info;
    torchCall(QStringLiteral("Loading %1").arg(checkpoint), [&] {
        loadWeights(checkpoint, *n->d->model);
        return 0;
    });
    n->d->model->eval();
    return n;
}

const ModelConfig& Network::config() const
{
    return d->config;
}

const CheckpointInfo& Network::info() const
{
    return d->info;
}

std::vector<float> Network::forward(const std::vector<float>& input, int n, int h, int w) const
{
    const int c = d->config.inChannels();
    if (input.size() != static_cast<size_t>(n) * c * h * w)
        throw Error(QStringLiteral("Network input has %1 values, expected %2 x %3 x %4 x %5")
                        .arg(input.size())
                        .arg(n)
                        .arg(c)
                        .arg(h)
                        .arg(w));
    return torchCall(QStringLiteral("The network"), [&] {
        if (!d->foldCurrent()) { // weights are fixed from here until fitBatch changes them
            std::lock_guard<std::mutex> lock(d->foldMutex);
            if (!d->foldCurrent())
                d->setFolded(d->foldBatchNorm);
        }
        torch::InferenceMode inference;
        // Samples in groups whose widest activation (the decoder's 2 x width channels at full
        // resolution) stays under 24 MiB, split evenly (12 bands: 4 x 3, not 3 + 3 + 3 + 3 + ...).
        // Past that the activations leave the cache: on the 2-core EPYC, general model, 4 bands of
        // 256 px in float took 0.15 s in one pass and 0.085 s in two, 12 bands 0.45 s in groups of
        // 6 and 0.25 s in groups of 3 (bench/results/precision.md).
        const int64_t perSample = int64_t(2)
            * std::max<int64_t>(roundUpChannels(d->config.width, d->foldedMultiple), c) * h * w
            * int64_t(d->foldedBFloat16 ? sizeof(uint16_t) : sizeof(float));
        const int most = int(
            std::clamp<int64_t>((int64_t(d->groupMiB.load()) << 20) / std::max<int64_t>(1, perSample), 1, n));
        const int passes = (n + most - 1) / most, group = (n + passes - 1) / passes;
        const torch::Tensor all
            = torch::from_blob(const_cast<float*>(input.data()), { n, c, h, w }, torch::kFloat32);
        // Per layer, each folded convolution brings its input into its own order (convFormat).
        const auto format = d->layout == Layout::ChannelsLast ? torch::MemoryFormat::ChannelsLast
                                                              : torch::MemoryFormat::Contiguous;
        std::vector<float> out;
        for (int s = 0; s < n; s += group) {
            const torch::Tensor y
                = d->model->forward(all.narrow(0, s, std::min(group, n - s)).contiguous(format)).contiguous();
            out.insert(out.end(), y.data_ptr<float>(), y.data_ptr<float>() + y.numel());
        }
        return out;
    });
}

void Network::setFoldBatchNorm(bool on)
{
    d->foldBatchNorm = on;
}

void Network::setBFloat16(bool on)
{
    d->bfloat16 = on && d->config.canRunBFloat16();
}

bool Network::bfloat16() const
{
    return d->bfloat16 && d->foldBatchNorm;
}

void Network::setLayout(Layout l)
{
    d->layout = l;
}

Network::Layout Network::defaultLayout()
{
#if defined(__x86_64__) || defined(__i386__)
    // Channels-last everywhere is what the AVX-512 figures (#18) were measured with; per layer is
    // what the AVX2 EPYC measured fastest (seed U-Net 1.3x all-NHWC, the 12-wide model level).
    return __builtin_cpu_supports("avx512f") ? Layout::ChannelsLast : Layout::PerLayer;
#else
    return Layout::PerLayer;
#endif
}

void Network::setChannelMultiple(int m)
{
    d->channelMultiple = std::max(1, m);
}

int Network::defaultChannelMultiple()
{
    // None. Padding to 16 (oneDNN's AVX-512 channel block) was the AVX-512 default until measured
    // there: the 12-wide model's passes ran 1.09-1.13x faster unpadded, in float32 and bfloat16
    // (bench/results/inference-pytorch.md, ninth round); on AVX2 unpadded was already the default.
    return 1;
}

void Network::setGroupMiB(int mib)
{
    d->groupMiB = std::max(1, mib);
}

std::vector<std::pair<QString, std::vector<int64_t>>> Network::stateShapes() const
{
    std::vector<std::pair<QString, std::vector<int64_t>>> out;
    for (const auto& e : stateDict(*d->model))
        out.emplace_back(QString::fromStdString(e.key()), e.value().sizes().vec());
    return out;
}

void Network::save(const QString& path, const CheckpointInfo& info) const
{
    saveCheckpoint(path, *d->model, info);
}

std::vector<double> Network::fitBatch(const std::vector<float>& input, const std::vector<float>& target,
    const std::vector<uint8_t>& mask, int n, int h, int w, int steps, double lr)
{
    const int c = d->config.inChannels(), b = d->config.bands;
    const torch::Tensor x
        = torch::from_blob(const_cast<float*>(input.data()), { n, c, h, w }, torch::kFloat32).clone();
    const torch::Tensor t
        = torch::from_blob(const_cast<float*>(target.data()), { n, b, h, w }, torch::kFloat32).clone();
    const torch::Tensor m = torch::from_blob(const_cast<uint8_t*>(mask.data()), { n, 1, h, w }, torch::kUInt8)
                                .to(torch::kFloat32);
    torch::optim::Adam optimizer(d->model->parameters(), torch::optim::AdamOptions(lr));
    d->setFolded(false); // the weights change: folded copies would be stale
    d->model->train();
    std::vector<double> losses;
    for (int s = 0; s < steps; ++s) {
        optimizer.zero_grad();
        const torch::Tensor loss = maskedMseLoss(d->model->forward(x), t, m);
        losses.push_back(loss.item<double>());
        loss.backward();
        nn::utils::clip_grad_norm_(d->model->parameters(), 1.0);
        optimizer.step();
    }
    d->model->eval();
    return losses;
}

double maskedMseTorch(const std::vector<float>& pred, const std::vector<float>& target,
    const std::vector<uint8_t>& mask, int n, int c, int h, int w)
{
    const torch::Tensor p
        = torch::from_blob(const_cast<float*>(pred.data()), { n, c, h, w }, torch::kFloat32);
    const torch::Tensor t
        = torch::from_blob(const_cast<float*>(target.data()), { n, c, h, w }, torch::kFloat32);
    const torch::Tensor m = torch::from_blob(const_cast<uint8_t*>(mask.data()), { n, 1, h, w }, torch::kUInt8)
                                .to(torch::kFloat32);
    return maskedMseLoss(p, t, m).item<double>();
}

QString prefillName(Prefill p)
{
    switch (p) {
    case Prefill::Zeros:
        return QStringLiteral("zeros");
    case Prefill::Telea:
        return QStringLiteral("telea");
    case Prefill::Scene:
        return QStringLiteral("scene");
    case Prefill::Temporal:
        return QStringLiteral("temporal");
    case Prefill::Harmonic:
        return QStringLiteral("harmonic");
    }
    return {};
}

bool parsePrefill(const QString& text, Prefill& out)
{
    for (Prefill p : { Prefill::Zeros, Prefill::Telea, Prefill::Scene, Prefill::Temporal, Prefill::Harmonic })
        if (text.trimmed().compare(prefillName(p), Qt::CaseInsensitive) == 0) {
            out = p;
            return true;
        }
    return false;
}

void ModelConfig::validate() const
{
    if (bands < 1 || bands > 64)
        throw Error(QStringLiteral("A model needs 1 to 64 bands (got %1)").arg(bands));
    if (width < 4 || width > 256)
        throw Error(QStringLiteral("The model width must be 4 to 256 (got %1)").arg(width));
    if (kind == ModelKind::UNet && (depth < 1 || depth > 6))
        throw Error(QStringLiteral("The U-Net depth must be 1 to 6 (got %1)").arg(depth));
    // Memory of one 256 px window in training (activations kept for the backward pass, ~8 per
    // level) and of the weights with Adam's moments: refuse before LibTorch grows to it.
    double act = 0, params = 0;
    const int levels = kind == ModelKind::UNet ? depth : 3;
    for (int i = 0; i <= levels; ++i) {
        const double ch = double(width) * (1 << i), side = 256.0 / (1 << i);
        act += 8 * ch * side * side * 4;
        params += 18 * ch * ch + (i == 0 ? 9.0 * inChannels() * ch : 0);
    }
    const double bytes = act * 4 /* batch */ + params * 4 * 4;
    constexpr double kLimit = 8.0 * (1ull << 30);
    if (bytes > kLimit)
        throw Error(QStringLiteral(
            "A %1 of width %2 and depth %3 needs about %4 GiB to train (limit %5 GiB): choose a smaller "
            "width or depth")
                        .arg(modelName(kind))
                        .arg(width)
                        .arg(depth)
                        .arg(bytes / (1ull << 30), 0, 'f', 1)
                        .arg(kLimit / (1ull << 30), 0, 'f', 0));
}

void TrainOptions::resolve()
{
    const bool seedPreset = preset == QLatin1String("seed");
    if (!seedPreset && preset != QLatin1String("default"))
        throw Error(QStringLiteral("Unknown preset '%1' (default or seed)").arg(preset));
    if (batch == 0)
        batch = seedPreset ? 4 : 8;
    if (lr == 0) // fine-tuning moves trained weights: a tenth of the rate that trains from scratch
        lr = seedPreset ? 5e-5 : (init.isEmpty() ? 1e-3 : 1e-4);
    if (seedPreset && epochs == 0)
        epochs = model.kind == ModelKind::Cnn ? 10 : 20;
    if (steps == 0)
        steps = 600;
    if (batch < 1 || batch > 256)
        throw Error(QStringLiteral("The batch must be 1 to 256 (got %1)").arg(batch));
    if (!(lr > 0) || !std::isfinite(lr))
        throw Error(QStringLiteral("The learning rate must be a positive number (got %1)").arg(lr));
    if (steps < 1 || steps > 10000000 || epochs < 0 || epochs > 100000)
        throw Error(QStringLiteral("Steps must be 1 to 10000000 and epochs 0 to 100000"));
    if (model.kind == ModelKind::UNet && (model.depth < 1 || model.depth > 6)) // before 2^depth is named
        throw Error(QStringLiteral("The U-Net depth must be 1 to 6 (got %1)").arg(model.depth));
    if (patch != 0 && (patch < 8 || patch > 1024 || patch % model.multiple() != 0))
        throw Error(QStringLiteral("The patch size must be %1 to 1024 px and a multiple of %2 for this "
                                   "model (got %3)")
                        .arg(std::max(8, model.multiple()))
                        .arg(model.multiple())
                        .arg(patch));
    if (maxTrainPatches < 1 || maxValPatches < 1)
        throw Error(QStringLiteral("At least one training and one validation crop are needed"));
    if (warmup < -1 || warmup > 10000000)
        throw Error(QStringLiteral("The warm-up must be 0 to 10000000 steps (got %1)").arg(warmup));
    if (!(referenceClouds <= 1))
        throw Error(
            QStringLiteral("The share of crops with clouds on the other dates must be 0 to 1 (got %1)")
                .arg(referenceClouds));
    if (referenceClouds > 0 && model.prefill != Prefill::Temporal)
        throw Error(QStringLiteral(
            "Clouds on the other dates need other dates to start from: give --reference (or scenes with "
            "references) and the temporal pre-fill"));
    if (!(clipNorm > 0) || !std::isfinite(clipNorm))
        throw Error(QStringLiteral("The gradient clipping norm must be positive"));
    model.validate();
}

QString pretrainedCheckpoint(bool withReference)
{
    const QString name = withReference ? QStringLiteral("general_ref.pth") : QStringLiteral("general.pth");
    QStringList dirs;
    if (qEnvironmentVariableIsSet("UNCLOUDED_MODELS"))
        dirs << qEnvironmentVariable("UNCLOUDED_MODELS");
    const QString app = QCoreApplication::applicationDirPath();
    if (!app.isEmpty())
        dirs << app + QStringLiteral("/../share/unclouded/models")
             << app + QStringLiteral("/../../resources/models");
    dirs << QStringLiteral(UNCLOUDED_SOURCE_MODELS) << QStringLiteral("/usr/share/unclouded/models");
    for (const QString& d : dirs)
        if (QFileInfo::exists(d + QLatin1Char('/') + name)
            && QFileInfo::exists(d + QLatin1Char('/') + name + QStringLiteral(".json")))
            return QDir::cleanPath(d + QLatin1Char('/') + name);
    return {};
}

QStringList checkpointFiles(const QString& out)
{
    QStringList files;
    for (const QString& c : { out, lastCheckpointPath(out) })
        files << c << sidecar(c) << c + QStringLiteral(".optim");
    return files;
}

QString resolveCheckpoint(const QString& nameOrPath, bool withReference)
{
    const QString n = nameOrPath.trimmed().toLower();
    if (n == QLatin1String("pretrained-ref"))
        withReference = true;
    else if (n == QLatin1String("pretrained-mono"))
        withReference = false;
    else if (n != QLatin1String("pretrained") && n != QLatin1String("general"))
        return nameOrPath;
    const QString path = pretrainedCheckpoint(withReference);
    if (path.isEmpty())
        throw Error(QStringLiteral(
            "The pretrained model is not installed (resources/models/%1; set UNCLOUDED_MODELS to its folder)")
                        .arg(withReference ? QStringLiteral("general_ref.pth")
                                           : QStringLiteral("general.pth")));
    return path;
}

float Network::mean(int b) const
{
    return normAt(d->info.mean, b);
}

float Network::std(int b) const
{
    return normAt(d->info.std, b);
}

namespace {

// Learning rate at a step: linear warm-up from a tenth (none with warmup 0), then cosine decay to 2 %
// (default preset); constant (seed).
double learningRate(const TrainOptions& o, int step, int total)
{
    if (o.preset == QLatin1String("seed"))
        return o.lr;
    const int warm = o.warmup >= 0 ? std::min(o.warmup, total) : std::clamp(total / 10, 1, 50);
    if (step < warm)
        return o.lr * (0.1 + 0.9 * step / warm);
    const double t = double(step - warm) / std::max(1, total - warm);
    return o.lr * (0.02 + 0.98 * 0.5 * (1 + std::cos(M_PI * std::min(1.0, t))));
}

} // namespace

TrainResult train(const TrainOptions& options, TrainControl& control, const TrainCallbacks& cb)
{
    initializeRuntime();
    TrainOptions opt = options;
    if (opt.out.isEmpty())
        throw Error(QStringLiteral("No checkpoint path given (--out)"));
    // Where the checkpoints go is checked before the crops are built, not at the first save a round
    // later (the app, unlike the CLI, has no check of its own).
    for (const QString& f : checkpointFiles(opt.out))
        if (const QString why = outputPathProblem(f); !why.isEmpty())
            throw Error(QStringLiteral("Cannot write the checkpoint %1: %2").arg(f, why));
    torch::Device device(torch::kCPU);
    if (opt.device == QLatin1String("cuda")) {
        if (!torch::cuda::is_available())
            throw Error(
                QStringLiteral("CUDA was asked for but LibTorch sees no CUDA device: train on the CPU"));
        device = torch::Device(torch::kCUDA);
    }
    auto log = [&](const QString& s) {
        if (cb.onLog)
            cb.onLog(s);
    };
    if (!opt.resume.isEmpty()) {
        // A resumed run is the same network: its width and depth are the checkpoint's, whatever this
        // run's options say (they failed as a tensor shape after the crops were built).
        const ModelConfig prev = readCheckpointInfo(opt.resume).model;
        if (prev.width != opt.model.width || prev.depth != opt.model.depth) {
            opt.model.width = prev.width;
            opt.model.depth = prev.depth;
            log(QStringLiteral("width %1 and depth %2, as %3")
                    .arg(prev.width)
                    .arg(prev.depth)
                    .arg(opt.resume));
        }
    }
    // Fine-tuning: the starting checkpoint decides the architecture, its input and normalisation.
    CheckpointInfo init;
    QString initPath;
    if (!opt.init.isEmpty()) {
        initPath = resolveCheckpoint(opt.init, !opt.references.isEmpty());
        init = readCheckpointInfo(initPath);
        opt.model = init.model;
        if (opt.patch == 0)
            opt.patch = init.patch; // the crop size the weights learnt on (shrunk for small scenes)
        if (init.model.prefill == Prefill::Temporal && opt.references.isEmpty() && opt.scenes.isEmpty())
            throw Error(QStringLiteral("%1 starts from the other dates: give at least one --reference")
                            .arg(initPath));
        // Said before the crops are built, not as a tensor shape a minute later.
        if (opt.scenes.isEmpty() && init.model.reference != !opt.references.isEmpty())
            throw Error(init.model.reference
                    ? QStringLiteral("%1 was trained with other dates: give at least one --reference")
                          .arg(initPath)
                    : QStringLiteral(
                        "%1 is a one-date model: it cannot start a run with other dates (--reference); "
                        "start from pretrained (its multi-date variant) or from scratch")
                          .arg(initPath));
    } else if (!opt.references.isEmpty()
        && (opt.model.prefill == Prefill::Scene || opt.model.prefill == Prefill::Harmonic)) {
        opt.model.prefill = Prefill::Temporal; // with other dates, start from what they show
    }
    if (opt.referenceClouds >= 0)
        opt.model.referenceClouds = opt.referenceClouds;
    if (!opt.scenes.isEmpty()) {
        opt.model.reference = opt.model.prefill == Prefill::Temporal; // each scene brings its own dates
    } else {
        if (opt.model.prefill == Prefill::Temporal && opt.references.isEmpty())
            throw Error(
                QStringLiteral("The temporal pre-fill needs at least one reference date (--reference)"));
        opt.model.reference = !opt.references.isEmpty();
    }
    opt.resolve();

    Progress scan;
    scan.cancelFlag = &control.stop;
    // Pause holds the crop building too (at its progress reports), as it holds the steps.
    scan.onProgress = [&control](double, const QString&) {
        while (control.pause.load() && !control.stop.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    };
    PatchSet set;
    if (opt.scenes.isEmpty()) {
        set = buildPatches(opt, scan);
    } else {
        if (opt.patch <= 0)
            throw Error(QStringLiteral("Training on several scenes needs a fixed crop size (--patch)"));
        for (int i = 0; i < opt.scenes.size(); ++i) {
            const SceneSpec& sc = opt.scenes[i];
            if (opt.model.reference && sc.references.isEmpty())
                continue; // a model with references learns from scenes that have them
            const TrainOptions one = sceneOptions(opt, i);
            try {
                if (cropSize(opt.patch, INT_MAX / 4, INT_MAX / 4, opt.model) != opt.patch)
                    throw Error(QStringLiteral("the crop size is not a multiple the model can use"));
                PatchSet part = buildPatches(
                    one, scan.sub(double(i) / opt.scenes.size(), double(i + 1) / opt.scenes.size()));
                if (part.patch != opt.patch)
                    throw Error(QStringLiteral("smaller than two %1 px crops").arg(opt.patch));
                log(QStringLiteral("scene %1: %2 + %3 crops")
                        .arg(sc.product)
                        .arg(part.nTrain())
                        .arg(part.nVal()));
                appendPatches(set, std::move(part), opt.model.perBand);
            } catch (const Cancelled&) {
                throw;
            } catch (const Error& e) {
                log(QStringLiteral("scene %1 skipped: %2").arg(sc.product, e.message()));
            }
        }
        if (set.train.empty() || set.val.empty())
            throw Error(QStringLiteral("None of the %1 scenes gave training and validation crops")
                            .arg(opt.scenes.size()));
        addSyntheticShapesIfFew(set, opt.seed);
    }
    ModelConfig mc = opt.model;
    mc.bands = set.bands;
    mc.temporalFit = recon::TemporalFit::CrossBand; // what the training crops' pre-fill used (dataset.cpp)
    if (!initPath.isEmpty() && !mc.perBand && init.bands != set.bandNames)
        throw Error(
            QStringLiteral("%1 was trained on bands %2, the product has %3")
                .arg(initPath, init.bands.join(QLatin1Char(',')), set.bandNames.join(QLatin1Char(','))));
    torch::manual_seed(opt.seed);
    auto model = torchCall(QStringLiteral("Building the model"), [&] { return makeModel(mc); });
    CheckpointInfo info;
    info.model = mc;
    info.bands = set.bandNames;
    info.mean = mc.perBand ? std::vector<float> { 0.2f } : set.mean;
    info.std = mc.perBand ? std::vector<float> { 0.15f } : set.std;
    info.patch = set.patch;
    QVariantList classes;
    for (int c : opt.mask.classes)
        classes << c;
    info.options
        = { { QStringLiteral("products"), opt.products }, { QStringLiteral("references"), opt.references },
              { QStringLiteral("preset"), opt.preset }, { QStringLiteral("steps"), opt.steps },
              { QStringLiteral("epochs"), opt.epochs }, { QStringLiteral("batch"), opt.batch },
              { QStringLiteral("lr"), opt.lr }, { QStringLiteral("warmup"), opt.warmup },
              { QStringLiteral("freeze_norm_stats"), !opt.init.isEmpty() && opt.freezeNormStats },
              { QStringLiteral("seed"), static_cast<qulonglong>(opt.seed) },
              { QStringLiteral("rotate90"), opt.rotate90 }, { QStringLiteral("clip_norm"), opt.clipNorm },
              { QStringLiteral("hidden_classes"), classes },
              { QStringLiteral("dilate_px"), opt.mask.dilatePx }, { QStringLiteral("init"), initPath },
              { QStringLiteral("aoi"), QVariantList { opt.aoi.x, opt.aoi.y, opt.aoi.w, opt.aoi.h } },
              { QStringLiteral("synthetic_shapes"), set.syntheticShapes },
              { QStringLiteral("device"), opt.device } };
    int firstEpoch = 1;
    int resumedStep = 0, resumedTotal = 0; // where a resumed run stopped, of how many steps
    if (!initPath.isEmpty()) {
        info.mean = init.mean;
        info.std = init.std;
        loadWeights(initPath, *model);
        log(QStringLiteral("starting from %1").arg(initPath));
    }
    if (!opt.resume.isEmpty()) {
        const CheckpointInfo prev = readCheckpointInfo(opt.resume);
        if (prev.model.kind != mc.kind || (!mc.perBand && prev.bands != set.bandNames)
            || prev.model.reference != mc.reference || prev.model.perBand != mc.perBand)
            throw Error(
                QStringLiteral("The checkpoint %1 is a %2 on bands %3%4; this run trains a %5 on %6%7")
                    .arg(opt.resume, modelName(prev.model.kind), prev.bands.join(QLatin1Char(',')),
                        prev.model.reference ? QStringLiteral(" with a reference") : QString(),
                        modelName(mc.kind), set.bandNames.join(QLatin1Char(',')),
                        mc.reference ? QStringLiteral(" with a reference") : QString()));
        info.mean = prev.mean; // keep the normalisation the weights were trained with
        info.std = prev.std;
        info.model.prefill = prev.model.prefill; // and the input they were trained on
        mc.prefill = prev.model.prefill;
        if (opt.referenceClouds < 0) // and their other dates' clouds, unless this run says otherwise
            mc.referenceClouds = info.model.referenceClouds = prev.model.referenceClouds;
        loadWeights(opt.resume, *model);
        firstEpoch = prev.epoch + 1;
        resumedStep = prev.resumeStep;
        resumedTotal = prev.totalSteps;
        log(QStringLiteral("resumed from %1 (round %2)").arg(opt.resume).arg(prev.epoch));
    }
    model->to(device);
    torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(opt.lr));
    if (!opt.resume.isEmpty())
        log(loadOptimizer(opt.resume, optimizer)
                ? QStringLiteral("optimizer state restored")
                : QStringLiteral("no usable optimizer state beside the checkpoint: Adam starts afresh"));

    TrainResult result;
    result.trainPatches = set.nTrain();
    result.valPatches = set.nVal();
    result.cloudShapes = static_cast<int>(set.trainShapes.size() + set.valShapes.size());
    result.patch = set.patch;
    result.syntheticShapes = set.syntheticShapes;
    result.bestPath = opt.out;
    result.lastPath = lastCheckpointPath(opt.out);
    log(QStringLiteral(
        "%1 training crops, %2 validation crops of %3 px, %4 + %5 cloud shapes%6, %7 bands, %8 threads")
            .arg(set.nTrain())
            .arg(set.nVal())
            .arg(set.patch)
            .arg(set.trainShapes.size())
            .arg(set.valShapes.size())
            .arg(set.syntheticShapes ? QStringLiteral(" (completed with synthetic ones)") : QString())
            .arg(set.bands)
            .arg(torch::get_num_threads()));

    // Steps, and how often validation runs: every pass over the crops with epochs (seed preset),
    // about 15 times over the run otherwise.
    const int perEpoch = std::max(1, (set.nTrain() + opt.batch - 1) / opt.batch);
    const int totalSteps = opt.epochs > 0 ? opt.epochs * perEpoch : opt.steps;
    const int valEvery = opt.epochs > 0 ? perEpoch : std::clamp(totalSteps / 15, 10, 200);
    const bool earlyStop = opt.preset != QLatin1String("seed") && opt.epochs == 0;
    // A run stopped midway (Stop, a crash) and resumed with the same plan goes on from its step: the
    // learning rate did not warm up and decay all over again, nor did it train the whole plan twice.
    // A run that ended, or a new plan, trains its steps afresh from the weights.
    int startStep = 0;
    if (resumedStep > 0 && resumedTotal == totalSteps && resumedStep < totalSteps) {
        startStep = resumedStep;
        log(QStringLiteral("continuing its schedule at step %1 of %2").arg(startStep).arg(totalSteps));
    }
    std::mt19937_64 rng(opt.seed ^ 0x7A11);
    std::vector<int> order(set.nTrain());
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    size_t cursor = 0;
    std::uniform_int_distribution<int> pickShape(0, static_cast<int>(set.trainShapes.size()) - 1);
    const torch::Tensor sdT = info.std.size() == 1 ? torch::tensor(info.std[0])
                                                   : torch::tensor(info.std).view({ 1, set.bands, 1, 1 });
    double best = std::numeric_limits<double>::infinity();
    // A resumed run replaces the best checkpoint it continues only with a better one: the first
    // round after a restart (the learning rate warming up again) is often worse.
    // Only the best of the run it continues (--out beside the --resume it wrote, the same network on
    // the same bands): another run's loss, on other crops, says nothing about this one's.
    if (!opt.resume.isEmpty() && samePath(lastCheckpointPath(opt.out), opt.resume)
        && QFileInfo::exists(opt.out)) {
        try {
            const CheckpointInfo kept = readCheckpointInfo(opt.out);
            if (kept.model.kind == mc.kind && kept.model.width == mc.width && kept.model.depth == mc.depth
                && kept.model.reference == mc.reference && kept.model.perBand == mc.perBand
                && (mc.perBand || kept.bands == set.bandNames) && std::isfinite(kept.valLoss)
                && kept.valLoss > 0) {
                best = kept.valLoss;
                result.keptEarlier = true;
                log(QStringLiteral("%1 (validation loss %2) stays unless this run does better")
                        .arg(opt.out)
                        .arg(best, 0, 'g', 4));
            }
        } catch (const Error&) { // not a checkpoint this run can read: replaced as before
        }
    }
    int sinceBest = 0, round = firstEpoch;
    double sum = 0;
    int seen = 0;
    QElapsedTimer clock;
    clock.start();
    double trainSeconds = 0;
    // Fine-tuning may keep BatchNorm's running statistics (--freeze-norm-stats). Not the default: on
    // the bench's field-scale crops it let the weights move, validation rose and the hidden truth got
    // worse at every rate tried; updated statistics make validation drop at the first round, so the
    // starting weights win there (sweep in resources/models/README.md).
    const bool frozenNorm = !initPath.isEmpty() && opt.freezeNormStats;
    if (frozenNorm)
        log(QStringLiteral("BatchNorm statistics kept from %1").arg(initPath));
    // Validation: held-out blocks and held-out cloud shapes, fixed pairing, no augmentation. Draws
    // nothing from rng, so a validation at step 0 leaves the training run unchanged.
    // Stop is honoured between the validation's batches too (a large one took seconds to minutes
    // after a Stop, or after quitting the app): a round cut short is neither kept nor reported.
    bool validationCut = false;
    auto validate = [&]() {
        model->eval();
        double vsum = 0, sqErr = 0, hidden = 0;
        int vn = 0;
        torchCall(QStringLiteral("Validation"), [&] {
            torch::NoGradGuard noGrad;
            for (int i = 0; i < set.nVal(); i += opt.batch) {
                if (control.stop.load()) {
                    validationCut = true;
                    break;
                }
                std::vector<int> vidx, vshapes;
                for (int k = i; k < std::min(set.nVal(), i + opt.batch); ++k) {
                    vidx.push_back(k);
                    vshapes.push_back(k % static_cast<int>(set.valShapes.size()));
                }
                const Batch batch = makeBatch(set, mc, info.mean, info.std, vidx, vshapes, false, false, rng);
                const torch::Tensor pred = model->forward(batch.input.to(device)).cpu();
                vsum += maskedMseLoss(pred, batch.target, batch.mask).item<double>() * vidx.size();
                vn += static_cast<int>(vidx.size());
                const torch::Tensor diff = (pred - batch.target) * sdT; // reflectance units
                sqErr += (diff.pow(2) * batch.mask).sum().item<double>();
                hidden += batch.mask.sum().item<double>() * mc.netBands();
                if (i == 0 && cb.onPreview) {
                    // The first crop, bands as planes, whatever the layout.
                    const int f = batch.first[0], n = batch.count[0];
                    auto planes = [&](const torch::Tensor& t) { // samples x channels x P x P -> bands x P x P
                        return mc.perBand ? t.slice(0, f, f + n).select(1, 0) : t[f];
                    };
                    const torch::Tensor m0 = batch.mask[f];
                    const torch::Tensor sdB = sdT.dim() == 0 ? sdT : sdT[0];
                    const float mu = info.mean.size() == 1 ? info.mean[0] : 0.0f;
                    const torch::Tensor meanB = info.mean.size() == 1
                        ? torch::tensor(mu)
                        : torch::tensor(info.mean).view({ set.bands, 1, 1 });
                    const torch::Tensor truth = planes(batch.target) * sdB + meanB;
                    const torch::Tensor in
                        = planes(mc.perBand ? batch.input : batch.input.slice(1, 0, set.bands)) * sdB + meanB;
                    const torch::Tensor composite = truth * (1 - m0) + (planes(pred) * sdB + meanB) * m0;
                    auto vec = [](const torch::Tensor& t) {
                        const torch::Tensor c = t.contiguous().to(torch::kFloat32);
                        return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
                    };
                    Preview pv;
                    pv.size = set.patch;
                    // A band-shared model's crop is n samples of one band; the others' one of all.
                    pv.bands = mc.perBand ? set.bandNames.mid(0, n) : set.bandNames;
                    pv.input = vec(in);
                    pv.prediction = vec(composite);
                    pv.truth = vec(truth);
                    const torch::Tensor mu8 = m0.to(torch::kUInt8).contiguous();
                    pv.mask.assign(mu8.data_ptr<uint8_t>(), mu8.data_ptr<uint8_t>() + mu8.numel());
                    cb.onPreview(pv);
                }
            }
            return 0;
        });
        // No hidden pixel scored (shapes that missed every clear pixel of tiny validation crops) is
        // not a perfect round: a loss of 0 would stay best for ever and stop the run early.
        if (vn > 0 && hidden == 0 && !validationCut)
            throw Error(QStringLiteral("The %1 validation crops have no hidden pixel to score: give a "
                                       "larger area or product")
                            .arg(set.nVal()));
        EpochStats st;
        st.valLoss = vn ? vsum / vn : 0;
        // NaN stays NaN (std::max(1e-12, NaN) is 1e-12: a NaN validation read as 120 dB).
        st.valPsnr = hidden == 0   ? 0
            : std::isfinite(sqErr) ? 10 * std::log10(1.0 / std::max(1e-12, sqErr / hidden))
                                   : std::numeric_limits<double>::quiet_NaN();
        return st;
    };
    // A NaN or infinite loss ends the run, saying what is kept: a best checkpoint only if one was saved.
    auto nonFinite = [&](const QString& what, double v, int step) {
        result.failure
            = QStringLiteral("The %1 became %2 at step %3: training stopped. %4")
                  .arg(what, std::isnan(v) ? QStringLiteral("NaN") : QStringLiteral("infinite"))
                  .arg(step)
                  .arg(result.improved
                          ? QStringLiteral("The best checkpoint so far is kept: %1").arg(result.bestPath)
                          : QStringLiteral("No checkpoint was written. Check the input "
                                           "for invalid values, or lower the learning "
                                           "rate."));
        log(result.failure);
    };
    // The best and last checkpoints after a validation round.
    auto keep = [&](const EpochStats& st) {
        info.epoch = st.epoch;
        info.step = st.step;
        info.totalSteps = totalSteps;
        info.valLoss = st.valLoss;
        // Whether this round ends the run (its last step, or the early stop that follows it): then
        // the last checkpoint resumes afresh, else from here.
        const int sinceBestAfter = st.valLoss < best ? 0 : sinceBest + 1;
        const bool ends = st.step >= totalSteps || (earlyStop && sinceBestAfter >= opt.patience);
        info.resumeStep = ends ? 0 : st.step;
        saveCheckpoint(result.lastPath, *model, info, &optimizer);
        info.resumeStep = 0; // a best checkpoint starts a new plan
        if (st.valLoss < best) {
            best = st.valLoss;
            sinceBest = 0;
            saveCheckpoint(result.bestPath, *model, info, &optimizer);
            result.improved = true;
            result.bestStep = st.step;
        } else {
            ++sinceBest;
        }
    };
    // Fine-tuning: the starting weights are the first candidate. A run whose steps never beat them on
    // validation (a small scene overfitted, too high a rate) returns them unchanged, never worse.
    // Not when continuing a stopped run: its start was that candidate already, and a step-0 save
    // would make the last checkpoint resume from step 0.
    if (!initPath.isEmpty() && startStep == 0 && !control.stop.load()) {
        EpochStats st = validate();
        if (validationCut) { // stopped before the first round: nothing written
            result.stopped = true;
            return result;
        }
        if (!std::isfinite(st.valLoss)) {
            nonFinite(
                QStringLiteral("validation loss of the starting weights %1").arg(initPath), st.valLoss, 0);
            return result;
        }
        st.epoch = round - 1;
        st.step = 0;
        result.startValPsnr = st.valPsnr;
        result.history << st;
        keep(st);
        log(QStringLiteral("starting weights: val %1  val PSNR %2 dB")
                .arg(st.valLoss, 0, 'g', 4)
                .arg(st.valPsnr, 0, 'f', 2));
        clock.restart();
    }
    for (int step = startStep; step < totalSteps; ++step) {
        while (control.pause.load() && !control.stop.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (control.stop.load()) {
            result.stopped = true;
            break;
        }
        // The next `batch` crops of a shuffled cycle: every batch is full (no batch of one
        // left over at the end of a pass).
        std::vector<int> idx(std::min<size_t>(opt.batch, std::max(1, set.nTrain())));
        for (int& i : idx) {
            if (cursor == order.size()) {
                std::shuffle(order.begin(), order.end(), rng);
                cursor = 0;
            }
            i = order[cursor++];
        }
        std::vector<int> shapes(idx.size());
        for (int& sh : shapes)
            sh = pickShape(rng);
        for (auto& g : optimizer.param_groups())
            static_cast<torch::optim::AdamOptions&>(g.options()).lr(learningRate(opt, step, totalSteps));
        QElapsedTimer stepClock;
        stepClock.start();
        const double l = torchCall(QStringLiteral("A training step"), [&] {
            const Batch batch = makeBatch(set, mc, info.mean, info.std, idx, shapes, true, opt.rotate90, rng);
            model->train();
            if (frozenNorm) // normalise with the starting weights' running statistics, leave them as they are
                for (const auto& m : model->modules(/*include_self=*/false))
                    if (auto* bn = dynamic_cast<nn::BatchNorm2dImpl*>(m.get()))
                        bn->eval();
            optimizer.zero_grad();
            const torch::Tensor loss = maskedMseLoss(
                model->forward(batch.input.to(device)), batch.target.to(device), batch.mask.to(device));
            const double v = loss.item<double>();
            if (std::isfinite(v)) {
                loss.backward();
                nn::utils::clip_grad_norm_(model->parameters(), opt.clipNorm);
                optimizer.step();
            }
            return v;
        });
        trainSeconds += stepClock.nsecsElapsed() * 1e-9;
        if (!std::isfinite(l)) {
            nonFinite(QStringLiteral("loss"), l, step + 1);
            return result;
        }
        sum += l * idx.size();
        seen += static_cast<int>(idx.size());
        if (cb.onBatch)
            cb.onBatch(round, (step % valEvery) + 1, valEvery, l);
        if ((step + 1) % valEvery != 0 && step + 1 != totalSteps)
            continue;

        EpochStats st = validate();
        if (validationCut) {
            result.stopped = true;
            break;
        }
        if (!std::isfinite(st.valLoss)) {
            nonFinite(QStringLiteral("validation loss"), st.valLoss, step + 1);
            return result;
        }
        st.epoch = round;
        st.step = step + 1;
        st.trainLoss = seen ? sum / seen : 0;
        st.seconds = clock.nsecsElapsed() / 1e9;
        st.patchesPerSecond = trainSeconds > 0 ? seen / trainSeconds : 0;
        result.history << st;
        keep(st);
        if (cb.onEpoch)
            cb.onEpoch(st);
        sum = 0;
        seen = 0;
        trainSeconds = 0;
        clock.restart();
        ++round;
        if (earlyStop && sinceBest >= opt.patience) {
            log(QStringLiteral("no improvement on validation for %1 rounds: stopped early at step %2")
                    .arg(sinceBest)
                    .arg(step + 1));
            break;
        }
    }
    if (result.bestStep == 0)
        log(QStringLiteral("no step beat the starting weights on validation (%1 dB): the best checkpoint "
                           "holds them unchanged")
                .arg(result.startValPsnr, 0, 'f', 2));
    return result;
}

} // namespace unclouded::ml
