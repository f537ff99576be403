# How much can the other date tell beyond the app's temporal fill? (issue #12, the +1 dB goal)
# For each case (NAME CLEAR REFERENCE MASK SHARE, as real_cases.py prints) it reads the app's temporal
# fill (NAME-temporal.tif in OUT_DIR, float32 from `reconstruct --method temporal`) and scores, on the
# hidden pixels against the truth, the corrections below, each fitted on the visible pixels only:
#   resid S    the residual of a scene-wide ridge fit (truth - fit) at visible pixels, spread into the
#              hidden ones by normalised Gaussian convolution (sigma S px), added to the app's fill;
#   local S    a per-band local linear model (guided-filter statistics over visible pixels, sigma S),
#              its change over the scene-wide fit added to the app's fill;
#   mlp        a per-pixel MLP (13 -> 128 -> 128 -> 13) from the reference spectrum to the truth's;
#   mlp+ctx    the same with the reference's spectra blurred at 1 and 3 px as extra inputs;
#   mlp/2, mlp+ctx/2: the mean of the MLP and the app's fill.
# PSNR here is over every hidden value with a data range of 1 (reflectance), so only differences
# between columns are comparable with `evaluate`'s figures.
# Usage: /usr/bin/python3 temporal_headroom.py CASES OUT_DIR [fast]   (fast: no MLPs)
import sys, numpy as np
from osgeo import gdal
from scipy import ndimage as ndi

def load(p): return gdal.Open(p).ReadAsArray().astype(np.float64)
def psnr(a, b, m): return 10 * np.log10(1.0 / np.mean((a[:, m] - b[:, m]) ** 2))
def g(a, s): return ndi.gaussian_filter(a, s)

def ridge_fit(x, y, lam=0.01):
    mx, my = x.mean(1, keepdims=True), y.mean(1, keepdims=True)
    sx = x.std(1, keepdims=True) + 1e-6
    z = (x - mx) / sx
    a = z @ z.T / z.shape[1] + lam * np.eye(z.shape[0])
    c = np.linalg.solve(a, z @ (y - my).T / z.shape[1])
    return lambda xx: (c.T @ ((xx - mx) / sx)) + my

def resid(t, T, vis, s):
    r = np.where(vis, t - T, 0)
    w = g(vis.astype(np.float64), s)
    return np.stack([g(rb * vis, s) for rb in r]) / (w + 1e-3)

def local(t, T, vis, s, lam=1e-3):
    m = vis.astype(np.float64)
    w = g(m, s) + 1e-6
    out = np.empty_like(T)
    for b in range(T.shape[0]):
        x, y = T[b], np.where(vis, t[b], 0)
        mx, my = g(x * m, s) / w, g(y * m, s) / w
        vxx, vxy = g(x * x * m, s) / w - mx * mx, g(x * y * m, s) / w - mx * my
        a = (vxy + lam) / (vxx + lam) # shrunk toward the scene-wide fit (a = 1, offset 0)
        conf = w / (w + 0.05)
        a = conf * a + (1 - conf)
        out[b] = a * x + conf * (my - a * mx)
    return out - T

def mlp(t, r, vis, context):
    import torch
    torch.set_num_threads(2)
    torch.manual_seed(0)
    B, H, W = t.shape
    z = (r - r.reshape(B, -1).mean(1)[:, None, None]) / (r.reshape(B, -1).std(1)[:, None, None] + 1e-6)
    feats = [z] + ([np.stack([g(zb, s) for zb in z]) for s in (1.0, 3.0)] if context else [])
    x = np.concatenate(feats).reshape(len(feats) * B, -1).T.astype(np.float32)
    tm, ts = t[:, vis].mean(1), t[:, vis].std(1) + 1e-6
    y = ((t.reshape(B, -1).T - tm) / ts).astype(np.float32)
    iv = np.flatnonzero(vis.ravel())
    rng = np.random.default_rng(0)
    rng.shuffle(iv)
    va, tr = iv[:len(iv) // 10], iv[len(iv) // 10:]
    net = torch.nn.Sequential(torch.nn.Linear(x.shape[1], 128), torch.nn.ReLU(), torch.nn.Linear(128, 128),
                              torch.nn.ReLU(), torch.nn.Linear(128, B))
    opt = torch.optim.Adam(net.parameters(), 2e-3)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    best, state = 1e9, None
    for step in range(2000):
        idx = torch.from_numpy(rng.choice(tr, 4096))
        loss = torch.nn.functional.l1_loss(net(xt[idx]), yt[idx])
        opt.zero_grad(); loss.backward(); opt.step()
        if step % 100 == 99: # best on held-out visible pixels
            with torch.no_grad():
                v = torch.nn.functional.mse_loss(net(xt[va]), yt[va]).item()
            if v < best:
                best, state = v, {k: p.clone() for k, p in net.state_dict().items()}
    net.load_state_dict(state)
    with torch.no_grad():
        p = net(xt).numpy().T * ts[:, None] + tm[:, None]
    return p.reshape(B, H, W)

cases, out = sys.argv[1], sys.argv[2]
fast = len(sys.argv) > 3 and sys.argv[3] == 'fast'
cols = ['app temporal fill', 'scene ridge'] + [f'resid {s}' for s in (4, 8, 16, 32)] \
    + [f'local {s}' for s in (16, 32, 64)] + ([] if fast else ['mlp', 'mlp/2', 'mlp+ctx', 'mlp+ctx/2'])
print('case hidden ' + ' | '.join(cols))
rows = []
for line in open(cases):
    name, clear, ref, mask, share = line.split()
    t, r = load(clear) / 10000, load(ref) / 10000
    hid = gdal.Open(mask).ReadAsArray() > 0
    vis = ~hid
    app = load(f'{out}/{name}-temporal.tif')
    B = t.shape[0]
    ok = vis & np.all(np.isfinite(r), 0)
    T = ridge_fit(r[:, ok], t[:, ok])(r.reshape(B, -1)).reshape(t.shape)
    row = [psnr(app, t, hid), psnr(T, t, hid)]
    row += [psnr(app + resid(t, T, vis, s), t, hid) for s in (4, 8, 16, 32)]
    row += [psnr(app + local(t, T, vis, s), t, hid) for s in (16, 32, 64)]
    if not fast:
        for context in (False, True):
            p = mlp(t, r, vis, context)
            row += [psnr(p, t, hid), psnr(0.5 * (p + app), t, hid)]
    rows.append(row)
    print(name, share, ' '.join(f'{v:.2f}' for v in row), flush=True)
a = np.array(rows)
print('mean', ' '.join(f'{v:.2f}' for v in a.mean(0)))
print('gain over the app', ' '.join(f'{v:+.2f}' for v in (a - a[:, :1]).mean(0)))
