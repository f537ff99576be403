"""PyTorch equivalents of Unclouded's networks (core/ml/trainer.cpp), parameter for parameter.

Use them in notebooks:  m = UNet(bands=12); m.load_state_dict(torch.load("unet_cloud.pth"))
Save for the app with a plain dict:  torch.save(dict(m.state_dict()), "unet_cloud.pth")
(LibTorch cannot read the OrderedDict that torch.save(m.state_dict()) writes.)
The .pth.json beside a checkpoint names the model, bands, width, depth and normalisation.

Also a command-line cross-check used by the tests (run with Debian's /usr/bin/python3):
  models.py forward CKPT H W          load an app checkpoint, print the forward pass summary as JSON
  models.py make KIND BANDS W D OUT H W   write a fresh plain-dict checkpoint (+ OrderedDict copy), print its summary
"""
import json
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class DoubleConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
            nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))

    def forward(self, x):
        return self.net(x)


class UNet(nn.Module):
    def __init__(self, bands=12, width=32, depth=4, reference=False):
        super().__init__()
        self.bands = bands
        ch = bands + 1 + (bands if reference else 0)
        self.downs = nn.ModuleList()
        for i in range(depth):
            self.downs.append(DoubleConv(ch, width << i))
            ch = width << i
        self.bottleneck = DoubleConv(ch, width << depth)
        self.ups = nn.ModuleList()
        self.up_convs = nn.ModuleList()
        for i in reversed(range(depth)):
            self.ups.append(nn.ConvTranspose2d(width << (i + 1), width << i, 2, stride=2))
            self.up_convs.append(DoubleConv(width << (i + 1), width << i))
        self.head = nn.Conv2d(width, bands, 1)

    def forward(self, x):
        inp, skips = x, []
        for d in self.downs:
            x = d(x)
            skips.append(x)
            x = F.max_pool2d(x, 2)
        x = self.bottleneck(x)
        for i, (up, conv) in enumerate(zip(self.ups, self.up_convs)):
            x = conv(torch.cat([skips[-1 - i], up(x)], 1))
        return inp[:, :self.bands] + self.head(x)


class SimpleCNN(nn.Module):
    def __init__(self, bands=12, width=32, depth=3, reference=False):
        super().__init__()
        cin, w = bands + 1 + (bands if reference else 0), width
        self.encoder = nn.Sequential(
            nn.Conv2d(cin, w, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(w, 2 * w, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(2 * w, 4 * w, 3, stride=2, padding=1), nn.ReLU())
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(4 * w, 2 * w, 4, stride=2, padding=1), nn.ReLU(),
            nn.ConvTranspose2d(2 * w, w, 4, stride=2, padding=1), nn.ReLU(),
            nn.ConvTranspose2d(w, bands, 4, stride=2, padding=1))

    def forward(self, x):
        return self.decoder(self.encoder(x))


def build(kind, bands, width, depth, reference=False):
    return (SimpleCNN if kind == "cnn" else UNet)(bands, width, depth, reference)


def load(ckpt):
    """An app checkpoint in eval mode, with its description: (model, meta, bands per sample, input channels)."""
    meta = json.load(open(ckpt + ".json"))
    nb = 1 if meta.get("per_band") else len(meta["bands"])
    model = build(meta["model"], nb, meta["width"], meta["depth"], meta["reference"])
    model.load_state_dict(torch.load(ckpt), strict=True)
    model.eval()
    return model, meta, nb, nb + 1 + (nb if meta["reference"] else 0)


def probe(model, h, w):
    """Forward pass on the deterministic input the C++ tests use: x[k] = (k % 7) * 0.1."""
    model.eval()
    cin = model.encoder[0].in_channels if isinstance(model, SimpleCNN) else model.downs[0].net[0].in_channels
    x = (torch.arange(cin * h * w, dtype=torch.float32) % 7 * 0.1).reshape(1, cin, h, w)
    with torch.no_grad():
        y = model(x)
    return {"sum": float(y.double().sum()), "first": [float(v) for v in y.flatten()[:5]], "shape": list(y.shape)}


def main(argv):
    if argv[1] == "forward":
        ckpt, h, w = argv[2], int(argv[3]), int(argv[4])
        meta = json.load(open(ckpt + ".json"))
        model = build(meta["model"], len(meta["bands"]), meta["width"], meta["depth"], meta["reference"])
        model.load_state_dict(torch.load(ckpt), strict=True)
        print(json.dumps(probe(model, h, w)))
    elif argv[1] == "make":
        kind, bands, width, depth, out, h, w = argv[2], int(argv[3]), int(argv[4]), int(argv[5]), argv[6], int(argv[7]), int(argv[8])
        torch.manual_seed(3)
        model = build(kind, bands, width, depth)
        for m in model.modules():  # non-trivial BatchNorm statistics, so buffers matter
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.1, 0.1)
                m.running_var.uniform_(0.5, 1.5)
        torch.save(dict(model.state_dict()), out)
        torch.save(model.state_dict(), out + ".ordered")
        names = ["B%02d" % (i + 1) for i in range(bands)]
        meta = {"format": "unclouded-checkpoint-1", "model": kind, "width": width, "depth": depth, "reference": False,
                "bands": names, "mean": [0.1] * bands, "std": [0.05] * bands, "epoch": 0, "val_loss": 0, "patch": h}
        for path in (out, out + ".ordered"):
            json.dump(meta, open(path + ".json", "w"))
        print(json.dumps(probe(model, h, w)))


if __name__ == "__main__":
    main(sys.argv)
