// Models, training loop and checkpoints: the one translation unit (besides torchruntime.cpp)
// that includes LibTorch, so the 40 s torch compile happens once.
#include "core/common/error.h"
#include "core/common/runtime.h"
#include "core/ml/dataset_p.h"
#include "core/imgproc/inpaint_p.h"
#include "core/ml/training.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <torch/torch.h>

#include <chrono>
#include <sstream>
#include <cmath>
#include <random>
#include <thread>

namespace unclouded::ml {

namespace {

namespace nn = torch::nn;

// Parameter names match the equivalent torch.nn modules in tools/models.py, so state dicts
// move between this app and Python notebooks.
struct ReconNetImpl : nn::Module
{
    virtual torch::Tensor forward(torch::Tensor x) = 0;
};

struct DoubleConvImpl : nn::Module
{
    nn::Sequential net{nullptr};
    DoubleConvImpl(int in, int out)
    {
        net = register_module("net", nn::Sequential(nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1).bias(false)),
                                                    nn::BatchNorm2d(out), nn::ReLU(nn::ReLUOptions(true)),
                                                    nn::Conv2d(nn::Conv2dOptions(out, out, 3).padding(1).bias(false)),
                                                    nn::BatchNorm2d(out), nn::ReLU(nn::ReLUOptions(true))));
    }
    torch::Tensor forward(torch::Tensor x) { return net->forward(x); }
};
TORCH_MODULE(DoubleConv);

struct UNetImpl : ReconNetImpl
{
    nn::ModuleList downs{nullptr}, ups{nullptr}, upConvs{nullptr};
    DoubleConv bottleneck{nullptr};
    nn::Conv2d head{nullptr};
    int bands;
    explicit UNetImpl(const ModelConfig& c) : bands(c.bands)
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
            ups->push_back(nn::ConvTranspose2d(nn::ConvTranspose2dOptions(c.width << (i + 1), c.width << i, 2).stride(2)));
            upConvs->push_back(DoubleConv(c.width << (i + 1), c.width << i));
        }
        head = register_module("head", nn::Conv2d(nn::Conv2dOptions(c.width, c.bands, 1)));
    }
    torch::Tensor forward(torch::Tensor x) override
    {
        const torch::Tensor in = x;
        std::vector<torch::Tensor> skips;
        for (size_t i = 0; i < downs->size(); ++i) {
            x = downs[i]->as<DoubleConvImpl>()->forward(x);
            skips.push_back(x);
            x = torch::max_pool2d(x, 2);
        }
        x = bottleneck->forward(x);
        for (size_t i = 0; i < ups->size(); ++i) {
            x = ups[i]->as<nn::ConvTranspose2dImpl>()->forward(x);
            x = torch::cat({skips[skips.size() - 1 - i], x}, 1);
            x = upConvs[i]->as<DoubleConvImpl>()->forward(x);
        }
        // Predict the residual over the (masked) input bands.
        return in.slice(1, 0, bands) + head->forward(x);
    }
};

struct SimpleCnnImpl : ReconNetImpl
{
    nn::Sequential encoder{nullptr}, decoder{nullptr};
    explicit SimpleCnnImpl(const ModelConfig& c)
    {
        const int w = c.width;
        encoder = register_module("encoder", nn::Sequential(
            nn::Conv2d(nn::Conv2dOptions(c.inChannels(), w, 3).stride(2).padding(1)), nn::ReLU(),
            nn::Conv2d(nn::Conv2dOptions(w, 2 * w, 3).stride(2).padding(1)), nn::ReLU(),
            nn::Conv2d(nn::Conv2dOptions(2 * w, 4 * w, 3).stride(2).padding(1)), nn::ReLU()));
        decoder = register_module("decoder", nn::Sequential(
            nn::ConvTranspose2d(nn::ConvTranspose2dOptions(4 * w, 2 * w, 4).stride(2).padding(1)), nn::ReLU(),
            nn::ConvTranspose2d(nn::ConvTranspose2dOptions(2 * w, w, 4).stride(2).padding(1)), nn::ReLU(),
            nn::ConvTranspose2d(nn::ConvTranspose2dOptions(w, c.bands, 4).stride(2).padding(1))));
    }
    torch::Tensor forward(torch::Tensor x) override { return decoder->forward(encoder->forward(x)); }
};

std::shared_ptr<ReconNetImpl> makeModel(const ModelConfig& c)
{
    if (c.kind == ModelKind::Cnn)
        return std::make_shared<SimpleCnnImpl>(c);
    return std::make_shared<UNetImpl>(c);
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

void writeAtomically(const QString& path, const QByteArray& data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
        throw Error(QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
}

QString sidecar(const QString& ckpt)
{
    return ckpt + QStringLiteral(".json");
}

void saveCheckpoint(const QString& path, nn::Module& model, const CheckpointInfo& info)
{
    const std::vector<char> bytes = torch::pickle_save(c10::IValue(stateDict(model)));
    QJsonObject o;
    o[QStringLiteral("format")] = QStringLiteral("unclouded-checkpoint-1");
    o[QStringLiteral("model")] = modelName(info.model.kind);
    o[QStringLiteral("width")] = info.model.width;
    o[QStringLiteral("depth")] = info.model.depth;
    o[QStringLiteral("reference")] = info.model.reference;
    o[QStringLiteral("prefill")] = info.model.prefill;
    o[QStringLiteral("bands")] = QJsonArray::fromStringList(info.bands);
    QJsonArray mean, sd;
    for (size_t b = 0; b < info.mean.size(); ++b) {
        mean.append(info.mean[b]);
        sd.append(info.std[b]);
    }
    o[QStringLiteral("mean")] = mean;
    o[QStringLiteral("std")] = sd;
    o[QStringLiteral("epoch")] = info.epoch;
    o[QStringLiteral("val_loss")] = info.valLoss;
    o[QStringLiteral("patch")] = info.patch;
    o[QStringLiteral("options")] = QJsonObject::fromVariantMap(info.options);
    o[QStringLiteral("input")] = QStringLiteral("(reflectance - mean) / std per band, hidden pixels 0; then the mask (1 = hidden)%1")
                                     .arg(info.model.reference ? QStringLiteral("; then the reference bands, normalised alike") : QString());
    // Weights first, description second: a description never points at missing weights.
    writeAtomically(path, QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())));
    writeAtomically(sidecar(path), QJsonDocument(o).toJson());
}

void loadWeights(const QString& path, nn::Module& model)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("Cannot read the checkpoint %1: %2").arg(path, f.errorString()));
    const QByteArray raw = f.readAll();
    c10::IValue v;
    try {
        v = torch::pickle_load(std::vector<char>(raw.begin(), raw.end()));
    } catch (const c10::Error&) {
        throw Error(QStringLiteral("%1 is not a state dict LibTorch can read. If it was saved in Python with "
                                   "torch.save(model.state_dict(), ...), save a plain dict instead: "
                                   "torch.save(dict(model.state_dict()), path) (LibTorch cannot read OrderedDict); "
                                   "otherwise the file is corrupt.").arg(path));
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
    QStringList problems;
    auto assign = [&](const std::string& name, torch::Tensor& t) {
        const auto it = loaded.find(name);
        if (it == loaded.end()) {
            problems << QStringLiteral("missing %1").arg(QString::fromStdString(name));
            return;
        }
        if (it->second.sizes() != t.sizes()) {
            problems << QStringLiteral("%1 has shape %2, the model expects %3")
                            .arg(QString::fromStdString(name), QString::fromStdString(c10::str(it->second.sizes())),
                                 QString::fromStdString(c10::str(t.sizes())));
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
    if (!problems.isEmpty())
        throw Error(QStringLiteral("The checkpoint %1 does not fit this model: %2").arg(path, problems.mid(0, 6).join(QStringLiteral("; "))));
}

// Adam's moments beside a checkpoint (CKPT.optim), so a resumed run continues where it stopped.
// LibTorch's own archive format: Python has no use for it and never sees it.
void saveOptimizer(const QString& ckpt, torch::optim::Adam& optimizer)
{
    std::ostringstream out;
    torch::save(optimizer, out);
    const std::string bytes = out.str();
    writeAtomically(ckpt + QStringLiteral(".optim"), QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())));
}

bool loadOptimizer(const QString& ckpt, torch::optim::Adam& optimizer)
{
    QFile f(ckpt + QStringLiteral(".optim"));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray raw = f.readAll();
    std::istringstream in(std::string(raw.constData(), static_cast<size_t>(raw.size())));
    try {
        torch::load(optimizer, in);
        return true;
    } catch (const c10::Error&) {
        return false; // a stale or foreign state: start Adam afresh, the weights still resume
    }
}

struct Batch
{
    torch::Tensor input, target, mask;
};

// Builds one batch: normalised clear patches hidden behind cloud shapes (augmented on request).
Batch makeBatch(const PatchSet& s, const std::vector<int>& patches, const std::vector<int>& shapes, bool train,
                bool rotate90, bool prefill, std::mt19937_64& rng, const torch::Tensor& mean, const torch::Tensor& sd)
{
    const int P = s.patch, B = s.bands;
    const size_t pp = static_cast<size_t>(P) * P;
    std::vector<torch::Tensor> ins, tgts, masks;
    for (size_t i = 0; i < patches.size(); ++i) {
        const bool ref = s.reference;
        const float* src = (train ? s.train : s.val).data() + static_cast<size_t>(patches[i]) * B * pp;
        torch::Tensor x = (torch::from_blob(const_cast<float*>(src), {B, P, P}, torch::kFloat32).clone() - mean) / sd;
        torch::Tensor r;
        if (ref)
            r = (torch::from_blob(const_cast<float*>((train ? s.trainRef : s.valRef).data() + static_cast<size_t>(patches[i]) * B * pp),
                                  {B, P, P}, torch::kFloat32).clone() - mean) / sd;
        const uint8_t* m = (train ? s.trainShapes : s.valShapes).data() + static_cast<size_t>(shapes[i]) * pp;
        torch::Tensor mk = torch::from_blob(const_cast<uint8_t*>(m), {1, P, P}, torch::kUInt8).to(torch::kFloat32);
        const uint8_t* o = (train ? s.trainOwn : s.valOwn).data() + static_cast<size_t>(patches[i]) * pp;
        torch::Tensor own = torch::from_blob(const_cast<uint8_t*>(o), {1, P, P}, torch::kUInt8).to(torch::kFloat32);
        if (train) {
            std::uniform_int_distribution<int> coin(0, 1), quarter(0, 3);
            // Flips of the ground and, independently, of the cloud shape.
            if (coin(rng)) { x = x.flip({2}); own = own.flip({2}); if (ref) r = r.flip({2}); }
            if (coin(rng)) { x = x.flip({1}); own = own.flip({1}); if (ref) r = r.flip({1}); }
            if (coin(rng)) mk = mk.flip({2});
            if (coin(rng)) mk = mk.flip({1});
            if (rotate90) {
                const int k = quarter(rng);
                x = torch::rot90(x, k, {1, 2});
                own = torch::rot90(own, k, {1, 2});
                if (ref) r = torch::rot90(r, k, {1, 2});
                mk = torch::rot90(mk, quarter(rng), {1, 2});
            }
        }
        // The input hides the drawn shape and whatever the product already hid; the loss scores
        // only drawn-hidden pixels whose truth is known (clear in the product).
        const torch::Tensor hidden = torch::maximum(mk, own);
        torch::Tensor xin = x * (1 - hidden);
        if (prefill) { // as reconstruction does: Telea on reflectance from the visible pixels
            const torch::Tensor refl = (x * sd + mean).contiguous();
            std::vector<float> v(refl.data_ptr<float>(), refl.data_ptr<float>() + refl.numel());
            const torch::Tensor hm = hidden.to(torch::kUInt8).contiguous();
            std::vector<uint8_t> m(hm.data_ptr<uint8_t>(), hm.data_ptr<uint8_t>() + hm.numel());
            recon::inpaintBands(v, m, P, P, B, /*cv::INPAINT_TELEA*/ 1, 5.0);
            xin = torch::nan_to_num((torch::from_blob(v.data(), {B, P, P}, torch::kFloat32).clone() - mean) / sd, 0.0);
        }
        std::vector<torch::Tensor> channels{xin, hidden};
        if (ref)
            channels.push_back(r);
        ins.push_back(torch::cat(channels, 0));
        tgts.push_back(x);
        masks.push_back(mk * (1 - own));
    }
    return {torch::stack(ins), torch::stack(tgts), torch::stack(masks)};
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
        throw Error(QStringLiteral("The checkpoint %1 has no description %2 (model, bands, normalisation): it was not "
                                   "written by Unclouded, or the .json beside it was lost").arg(path, sidecar(path)));
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
    i.model.prefill = o.value(QStringLiteral("prefill")).toBool(false);
    for (const auto& b : o.value(QStringLiteral("bands")).toArray())
        i.bands << b.toString();
    i.model.bands = static_cast<int>(i.bands.size());
    for (const auto& v : o.value(QStringLiteral("mean")).toArray())
        i.mean.push_back(static_cast<float>(v.toDouble()));
    for (const auto& v : o.value(QStringLiteral("std")).toArray())
        i.std.push_back(static_cast<float>(v.toDouble()));
    if (i.bands.isEmpty() || i.mean.size() != static_cast<size_t>(i.bands.size()) || i.std.size() != i.mean.size())
        throw Error(QStringLiteral("%1: bands and normalisation do not match").arg(sidecar(path)));
    i.epoch = o.value(QStringLiteral("epoch")).toInt();
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
};

Network::Network() : d(std::make_unique<Impl>()) {}
Network::~Network() = default;

std::unique_ptr<Network> Network::create(const ModelConfig& config, quint64 seed)
{
    initializeRuntime();
    torch::manual_seed(seed);
    std::unique_ptr<Network> n(new Network());
    n->d->config = config;
    n->d->info.model = config;
    n->d->model = makeModel(config);
    n->d->model->eval();
    return n;
}

std::unique_ptr<Network> Network::load(const QString& checkpoint)
{
    const CheckpointInfo info = readCheckpointInfo(checkpoint);
    std::unique_ptr<Network> n = create(info.model);
    n->d->info = info;
    loadWeights(checkpoint, *n->d->model);
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
        throw Error(QStringLiteral("Network input has %1 values, expected %2 x %3 x %4 x %5").arg(input.size()).arg(n).arg(c).arg(h).arg(w));
    torch::NoGradGuard noGrad;
    const torch::Tensor x = torch::from_blob(const_cast<float*>(input.data()), {n, c, h, w}, torch::kFloat32);
    const torch::Tensor y = d->model->forward(x).contiguous();
    return std::vector<float>(y.data_ptr<float>(), y.data_ptr<float>() + y.numel());
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
    const torch::Tensor x = torch::from_blob(const_cast<float*>(input.data()), {n, c, h, w}, torch::kFloat32).clone();
    const torch::Tensor t = torch::from_blob(const_cast<float*>(target.data()), {n, b, h, w}, torch::kFloat32).clone();
    const torch::Tensor m = torch::from_blob(const_cast<uint8_t*>(mask.data()), {n, 1, h, w}, torch::kUInt8).to(torch::kFloat32);
    torch::optim::Adam optimizer(d->model->parameters(), torch::optim::AdamOptions(lr));
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

double maskedMseTorch(const std::vector<float>& pred, const std::vector<float>& target, const std::vector<uint8_t>& mask,
                      int n, int c, int h, int w)
{
    const torch::Tensor p = torch::from_blob(const_cast<float*>(pred.data()), {n, c, h, w}, torch::kFloat32);
    const torch::Tensor t = torch::from_blob(const_cast<float*>(target.data()), {n, c, h, w}, torch::kFloat32);
    const torch::Tensor m = torch::from_blob(const_cast<uint8_t*>(mask.data()), {n, 1, h, w}, torch::kUInt8).to(torch::kFloat32);
    return maskedMseLoss(p, t, m).item<double>();
}

TrainResult train(const TrainOptions& opt, TrainControl& control, const TrainCallbacks& cb)
{
    initializeRuntime();
    if (opt.out.isEmpty())
        throw Error(QStringLiteral("No checkpoint path given (--out)"));
    if (opt.batch < 1 || opt.lr <= 0 || !std::isfinite(opt.lr))
        throw Error(QStringLiteral("Batch must be at least 1 and the learning rate positive"));
    const int multiple = opt.model.kind == ModelKind::Cnn ? 8 : (1 << opt.model.depth);
    if (opt.patch % multiple != 0)
        throw Error(QStringLiteral("The patch size %1 must be a multiple of %2 for this model").arg(opt.patch).arg(multiple));
    torch::Device device(torch::kCPU);
    if (opt.device == QLatin1String("cuda")) {
        if (!torch::cuda::is_available())
            throw Error(QStringLiteral("CUDA was asked for but LibTorch sees no CUDA device: train on the CPU"));
        device = torch::Device(torch::kCUDA);
    }
    torch::manual_seed(opt.seed);
    auto log = [&](const QString& s) {
        if (cb.onLog)
            cb.onLog(s);
    };

    Progress scan;
    scan.cancelFlag = &control.stop;
    const PatchSet set = buildPatches(opt, scan);
    ModelConfig mc = opt.model;
    mc.bands = set.bands;
    mc.reference = set.reference;
    auto model = makeModel(mc);
    CheckpointInfo info;
    info.model = mc;
    info.bands = set.bandNames;
    info.mean = set.mean;
    info.std = set.std;
    info.patch = opt.patch;
    QVariantList classes;
    for (int c : opt.mask.classes)
        classes << c;
    info.options = {{QStringLiteral("products"), opt.products},
                    {QStringLiteral("reference"), opt.reference},
                    {QStringLiteral("epochs"), opt.epochs},
                    {QStringLiteral("batch"), opt.batch},
                    {QStringLiteral("lr"), opt.lr},
                    {QStringLiteral("seed"), static_cast<qulonglong>(opt.seed)},
                    {QStringLiteral("rotate90"), opt.rotate90},
                    {QStringLiteral("clip_norm"), opt.clipNorm},
                    {QStringLiteral("hidden_classes"), classes},
                    {QStringLiteral("dilate_px"), opt.mask.dilatePx},
                    {QStringLiteral("max_hidden_in_patch"), opt.maxHiddenInPatch},
                    {QStringLiteral("aoi"), QVariantList{opt.aoi.x, opt.aoi.y, opt.aoi.w, opt.aoi.h}},
                    {QStringLiteral("device"), opt.device}};
    int firstEpoch = 1;
    if (!opt.resume.isEmpty()) {
        const CheckpointInfo prev = readCheckpointInfo(opt.resume);
        if (prev.model.kind != mc.kind || prev.bands != set.bandNames || prev.model.reference != mc.reference)
            throw Error(QStringLiteral("The checkpoint %1 is a %2 on bands %3%4; this run trains a %5 on %6%7")
                            .arg(opt.resume, modelName(prev.model.kind), prev.bands.join(QLatin1Char(',')),
                                 prev.model.reference ? QStringLiteral(" with a reference") : QString(), modelName(mc.kind),
                                 set.bandNames.join(QLatin1Char(',')), mc.reference ? QStringLiteral(" with a reference") : QString()));
        info.mean = prev.mean; // keep the normalisation the weights were trained with
        info.std = prev.std;
        info.model.prefill = prev.model.prefill; // and the input they were trained on
        loadWeights(opt.resume, *model);
        firstEpoch = prev.epoch + 1;
        log(QStringLiteral("resumed from %1 (epoch %2)").arg(opt.resume).arg(prev.epoch));
    }
    model->to(device);
    const torch::Tensor mean = torch::tensor(info.mean).view({set.bands, 1, 1});
    const torch::Tensor sd = torch::tensor(info.std).view({set.bands, 1, 1});
    torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(opt.lr));
    if (!opt.resume.isEmpty())
        log(loadOptimizer(opt.resume, optimizer) ? QStringLiteral("optimizer state restored")
                                                 : QStringLiteral("no usable optimizer state beside the checkpoint: Adam starts afresh"));

    TrainResult result;
    result.trainPatches = set.nTrain;
    result.valPatches = set.nVal;
    result.cloudShapes = set.nTrainShapes + set.nValShapes;
    result.bestPath = opt.out;
    result.lastPath = opt.out.endsWith(QLatin1String(".pth")) ? opt.out.chopped(4) + QStringLiteral(".last.pth") : opt.out + QStringLiteral(".last");
    log(QStringLiteral("%1 training patches, %2 validation patches, %3 + %4 cloud shapes, %5 bands, %6 threads")
            .arg(set.nTrain).arg(set.nVal).arg(set.nTrainShapes).arg(set.nValShapes).arg(set.bands).arg(torch::get_num_threads()));

    const int epochs = opt.epochs > 0 ? opt.epochs : (mc.kind == ModelKind::Cnn ? 10 : 20);
    std::mt19937_64 rng(opt.seed ^ 0x7A11);
    double best = std::numeric_limits<double>::infinity();
    const int batches = (set.nTrain + opt.batch - 1) / opt.batch;
    for (int epoch = firstEpoch; epoch < firstEpoch + epochs; ++epoch) {
        QElapsedTimer clock;
        clock.start();
        model->train();
        std::vector<int> order(set.nTrain);
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), rng);
        std::uniform_int_distribution<int> pickShape(0, set.nTrainShapes - 1);
        double sum = 0;
        int seen = 0;
        for (int b = 0; b < batches; ++b) {
            while (control.pause.load() && !control.stop.load())
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            if (control.stop.load()) {
                result.stopped = true;
                break;
            }
            std::vector<int> idx(order.begin() + b * opt.batch, order.begin() + std::min(set.nTrain, (b + 1) * opt.batch));
            std::vector<int> shapes(idx.size());
            for (int& s : shapes)
                s = pickShape(rng);
            const Batch batch = makeBatch(set, idx, shapes, true, opt.rotate90, info.model.prefill, rng, mean, sd);
            optimizer.zero_grad();
            const torch::Tensor loss = maskedMseLoss(model->forward(batch.input.to(device)), batch.target.to(device), batch.mask.to(device));
            const double l = loss.item<double>();
            if (!std::isfinite(l)) {
                result.failure = QStringLiteral("The loss became %1 at epoch %2, batch %3: training stopped. The last good "
                                                "checkpoint is kept; try a lower learning rate.")
                                     .arg(std::isnan(l) ? QStringLiteral("NaN") : QStringLiteral("infinite")).arg(epoch).arg(b + 1);
                log(result.failure);
                return result;
            }
            loss.backward();
            nn::utils::clip_grad_norm_(model->parameters(), opt.clipNorm);
            optimizer.step();
            sum += l * idx.size();
            seen += static_cast<int>(idx.size());
            if (cb.onBatch)
                cb.onBatch(epoch, b + 1, batches, l);
        }
        if (result.stopped || seen == 0)
            break;
        const double trainSeconds = clock.nsecsElapsed() / 1e9;

        // Validation: held-out blocks and held-out cloud shapes, fixed pairing, no augmentation.
        model->eval();
        torch::NoGradGuard noGrad;
        double vsum = 0, sqErr = 0, hidden = 0;
        for (int i = 0; i < set.nVal; i += opt.batch) {
            std::vector<int> idx, shapes;
            for (int k = i; k < std::min(set.nVal, i + opt.batch); ++k) {
                idx.push_back(k);
                shapes.push_back(k % set.nValShapes);
            }
            const Batch batch = makeBatch(set, idx, shapes, false, false, info.model.prefill, rng, mean, sd);
            const torch::Tensor pred = model->forward(batch.input.to(device)).cpu();
            vsum += maskedMseLoss(pred, batch.target, batch.mask).item<double>() * idx.size();
            const torch::Tensor diff = (pred - batch.target) * sd; // reflectance units
            sqErr += (diff.pow(2) * batch.mask).sum().item<double>();
            hidden += batch.mask.sum().item<double>() * set.bands;
            if (i == 0 && cb.onPreview) {
                Preview pv;
                pv.size = set.patch;
                pv.bands = set.bandNames;
                const torch::Tensor m0 = batch.mask[0];
                const torch::Tensor truth = batch.target[0] * sd + mean;
                const torch::Tensor h0 = batch.input[0].slice(0, set.bands, set.bands + 1);
                const torch::Tensor input = (batch.input[0].slice(0, 0, set.bands) * sd + mean) * (1 - h0);
                const torch::Tensor composite = truth * (1 - m0) + (pred[0] * sd + mean) * m0;
                auto vec = [](const torch::Tensor& t) {
                    const torch::Tensor c = t.contiguous();
                    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
                };
                pv.input = vec(input);
                pv.prediction = vec(composite);
                pv.truth = vec(truth);
                const torch::Tensor mu8 = m0.to(torch::kUInt8).contiguous();
                pv.mask.assign(mu8.data_ptr<uint8_t>(), mu8.data_ptr<uint8_t>() + mu8.numel());
                cb.onPreview(pv);
            }
        }
        EpochStats st;
        st.epoch = epoch;
        st.trainLoss = sum / seen;
        st.valLoss = vsum / set.nVal;
        st.valPsnr = hidden > 0 ? 10 * std::log10(1.0 / std::max(1e-12, sqErr / hidden)) : 0;
        st.seconds = clock.nsecsElapsed() / 1e9;
        st.patchesPerSecond = seen / trainSeconds;
        result.history << st;
        info.epoch = epoch;
        info.valLoss = st.valLoss;
        saveCheckpoint(result.lastPath, *model, info);
        saveOptimizer(result.lastPath, optimizer);
        if (st.valLoss < best) {
            best = st.valLoss;
            saveCheckpoint(result.bestPath, *model, info);
            saveOptimizer(result.bestPath, optimizer);
        }
        if (cb.onEpoch)
            cb.onEpoch(st);
    }
    return result;
}

} // namespace unclouded::ml
