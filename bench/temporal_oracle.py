# How far could any mapping of the other date go? (issue #12, the +1 dB goal over temporal fill)
# Each "oracle" below is fitted on the HIDDEN pixels' truth itself, then scored on those same pixels:
# no method can know that truth, so these are upper bounds for methods of each kind, not methods.
#   ridge      one affine cross-band map (reference spectrum -> truth spectrum) for the scene;
#   classes K  K spectral classes (k-means on the reference), an affine cross-band map per class;
#   mlp        a per-pixel MLP (13 -> 256 -> 256 -> 13) from the reference spectrum;
#   mlp 5x5    the same from the reference's 5 x 5 neighbourhood (all bands): local context too.
# Beside them the app's temporal fill (NAME-temporal.tif) and with-reference model (NAME-model.tif),
# float32 from `reconstruct`. PSNR over every hidden value, data range 1 (as temporal_headroom.py).
# With `spatial`: instead, a realisable correction, fitted on the VISIBLE pixels: a cross-band map of
# the reference's 3 x 3 (or 5 x 5) neighbourhood minus the per-pixel map, added to the app's fill
# (what local context, e.g. the two dates' sub-pixel misregistration, adds to a per-pixel fit).
# Usage: /usr/bin/python3 temporal_oracle.py CASES OUT_DIR [spatial]   (CASES as real_cases.py prints)
import sys, numpy as np
from osgeo import gdal

def load(p):
    a = gdal.Open(p).ReadAsArray().astype(np.float64)
    return a / 10000 if np.nanmax(a) > 50 else a # the OSCD files hold DN; the app writes reflectance
def psnr(a, b, m): return 10 * np.log10(1.0 / np.mean((a[:, m] - b[:, m]) ** 2))

def affine(x, y, lam=1e-6):
    xa = np.vstack([x, np.ones((1, x.shape[1]))])
    c = np.linalg.solve(xa @ xa.T + lam * np.eye(xa.shape[0]), xa @ y.T)
    return c.T @ xa

def kmeans(x, k, iters=20, seed=0):
    rng = np.random.default_rng(seed)
    z = (x - x.mean(1, keepdims=True)) / (x.std(1, keepdims=True) + 1e-9)
    c = z[:, rng.choice(z.shape[1], k, replace=False)]
    for _ in range(iters):
        d = (z ** 2).sum(0)[None] - 2 * c.T @ z + (c ** 2).sum(0)[:, None]
        lab = d.argmin(0)
        for j in range(k):
            if (lab == j).any():
                c[:, j] = z[:, lab == j].mean(1)
    return lab

def classes(x, y, k):
    lab = kmeans(x, k)
    out = np.empty_like(y)
    for j in range(k):
        s = lab == j
        if s.sum() > x.shape[0] + 2:
            out[:, s] = affine(x[:, s], y[:, s])
        elif s.any():
            out[:, s] = y[:, s].mean(1, keepdims=True)
    return out

def mlp(x, y, steps=2000):
    import torch
    torch.set_num_threads(2)
    torch.manual_seed(0)
    mx, sx = x.mean(1, keepdims=True), x.std(1, keepdims=True) + 1e-9
    my, sy = y.mean(1, keepdims=True), y.std(1, keepdims=True) + 1e-9
    X = torch.tensor(((x - mx) / sx).T, dtype=torch.float32)
    Y = torch.tensor(((y - my) / sy).T, dtype=torch.float32)
    net = torch.nn.Sequential(torch.nn.Linear(X.shape[1], 256), torch.nn.ReLU(), torch.nn.Linear(256, 256),
                              torch.nn.ReLU(), torch.nn.Linear(256, Y.shape[1]))
    opt = torch.optim.Adam(net.parameters(), 1e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    for _ in range(steps):
        i = torch.randint(0, X.shape[0], (2048,))
        loss = ((net(X[i]) - Y[i]) ** 2).mean()
        opt.zero_grad(); loss.backward(); opt.step(); sched.step()
    with torch.no_grad():
        return net(X).numpy().T * sy + my

def neighbourhood(r, hidden, n=5):
    p = n // 2
    rp = np.pad(r, ((0, 0), (p, p), (p, p)), mode='reflect')
    H, W = r.shape[1:]
    return np.concatenate([rp[:, dy:dy + H, dx:dx + W][:, hidden] for dy in range(n) for dx in range(n)])

def ridge(x, y, lam=1e-3):
    mx, sx = x.mean(1, keepdims=True), x.std(1, keepdims=True) + 1e-9
    za = np.vstack([(x - mx) / sx, np.ones((1, x.shape[1]))])
    c = np.linalg.solve(za @ za.T / x.shape[1] + lam * np.eye(za.shape[0]), za @ y.T / x.shape[1])
    return lambda xx: c.T @ np.vstack([(xx - mx) / sx, np.ones((1, xx.shape[1]))])

if len(sys.argv) > 3 and sys.argv[3] == 'spatial':
    rows = []
    for line in open(sys.argv[1]):
        name, clear, ref, mask, share = line.split()
        t, r = load(clear), load(ref)
        hid = gdal.Open(mask).ReadAsArray() > 0
        fin = np.isfinite(t).all(0) & np.isfinite(r).all(0)
        vis, hid = ~hid & fin, hid & fin
        app, y = load(f'{sys.argv[2]}/{name}-temporal.tif')[:, hid], t[:, hid]
        fit = {n: ridge(neighbourhood(r, vis, n), t[:, vis])(neighbourhood(r, hid, n)) for n in (1, 3, 5)}
        ones = np.ones(y.shape[1], bool)
        rows.append([psnr(app, y, ones)] + [psnr(app + fit[n] - fit[1], y, ones) for n in (3, 5)])
        print(name, int(vis.sum()), ' '.join(f'{v:.2f}' for v in rows[-1]), flush=True)
    m = np.array(rows)
    print(f'mean over {len(m)} cases: app {m[:, 0].mean():.2f} dB, + 3x3 correction {m[:, 1].mean():.2f} '
          f'({(m[:, 1] < m[:, 0]).sum()} cases lose), + 5x5 {m[:, 2].mean():.2f} ({(m[:, 2] < m[:, 0]).sum()} lose)')
    sys.exit(0)

cols = ['app temporal fill', 'app model + other date', 'ridge', 'classes 16', 'classes 64', 'mlp', 'mlp 5x5']
rows = []
for line in open(sys.argv[1]):
    name, clear, ref, mask, share = line.split()
    t, r = load(clear), load(ref)
    hid = gdal.Open(mask).ReadAsArray() > 0
    hid &= np.isfinite(t).all(0) & np.isfinite(r).all(0)
    x, y = r[:, hid], t[:, hid]
    est = {'app temporal fill': load(f'{sys.argv[2]}/{name}-temporal.tif')[:, hid],
           'app model + other date': load(f'{sys.argv[2]}/{name}-model.tif')[:, hid],
           'ridge': affine(x, y), 'classes 16': classes(x, y, 16), 'classes 64': classes(x, y, 64),
           'mlp': mlp(x, y), 'mlp 5x5': mlp(neighbourhood(r, hid), y)}
    ones = np.ones(y.shape[1], bool)
    rows.append([psnr(est[c], y, ones) for c in cols])
    print(name, share, ' '.join(f'{v:.2f}' for v in rows[-1]), flush=True)
m = np.array(rows).mean(0)
print('| estimate (oracles fitted on the hidden truth) | mean PSNR dB | over the app\'s temporal fill |')
print('|---|---:|---:|')
for c, v in zip(cols, m):
    print(f'| {c} | {v:.2f} | {v - m[0]:+.2f} |')
