#!/usr/bin/python3
"""How to place cloud shadows where a cloud mask marks none (MSK_CLASSI_B00, MSK_CLOUDS_B00).

On ESA's T29UNU L2A (2022-10-05, ../shared/data), at 60 m: clouds from its MSK_CLASSI_B00 (opaque +
cirrus), NIR = B8A, green = B03, and the product's own SCL shadow class (3) as the truth, scored where
SCL sees the ground. Compares a per-cloud height search (Fmask-like: the height whose projected
footprint is darkest) with the swept zone of all heights and an absolute or a relative darkness
test. Usage: bench/cloud_shadows.py [SHARED_DATA]  (Debian's /usr/bin/python3: gdal, numpy, scipy)
"""
import glob
import sys

import numpy as np
from osgeo import gdal
from scipy import ndimage as ndi

shared = sys.argv[1] if len(sys.argv) > 1 else '../shared/data'
G = glob.glob(shared + '/stactools-T29UNU*/S2A*/GRANULE/*/')[0]


def rd(p, b=1):
    d = gdal.Open(p)  # kept alive while its band is read
    return d.GetRasterBand(b).ReadAsArray()


c = G + 'QI_DATA/MSK_CLASSI_B00.jp2'
op, ci = rd(c, 1), rd(c, 2)
r = G + 'IMG_DATA/R60m/T29UNU_20221005T115411_'
nir = (rd(r + 'B8A_60m.jp2').astype(np.float32) - 1000) / 1e4
grn = (rd(r + 'B03_60m.jp2').astype(np.float32) - 1000) / 1e4
swir = (rd(r + 'B11_60m.jp2').astype(np.float32) - 1000) / 1e4
valid = rd(r + 'B01_60m.jp2') > 0
scl = rd(r + 'SCL_60m.jp2')
zen, az, px = 57.820574357679, 172.840206897213, 60.0  # MTD_TL.xml Mean_Sun_Angle
water = grn >= nir
truth = scl == 3
ev = valid & ~np.isin(scl, [8, 9, 10])
cloud = (op | ci) > 0
t = np.tan(np.radians(zen))
sa, ca = np.sin(np.radians(az)), np.cos(np.radians(az))


def shift(a, dy, dx):
    out = np.zeros_like(a)
    H, W = a.shape
    out[max(dy, 0):H + min(dy, 0), max(dx, 0):W + min(dx, 0)] = \
        a[max(-dy, 0):H + min(-dy, 0), max(-dx, 0):W + min(-dx, 0)]
    return out


def offset(h):
    d = h * t / px
    return int(round(ca * d)), int(round(-sa * d))


def score(sh, label):
    tp = (sh & truth & ev).sum()
    fp = (sh & ~truth & ev).sum()
    fn = (~sh & truth & ev).sum()
    P, R = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f'| {label} | {100 * sh[ev].mean():.1f} % | {P:.3f} | {R:.3f} | {2 * P * R / max(P + R, 1e-9):.3f} |')


def per_cloud(src, T):
    """Each cloud object at the height whose footprint is darkest (Fmask's matching, simplified)."""
    dark = (nir < T) & ~water & valid & ~src
    lab, n = ndi.label(src, structure=np.ones((3, 3)))
    hs = np.arange(200, 8001, 100)
    frac = np.zeros((len(hs), n + 1))
    cnt = np.zeros((len(hs), n + 1))
    for i, h in enumerate(hs):
        L = shift(lab, *offset(h))
        m = (L > 0) & valid & ~src
        cnt[i] = np.bincount(L[m], minlength=n + 1)
        frac[i] = np.bincount(L[m], weights=dark[m], minlength=n + 1) / np.maximum(cnt[i], 1)
    size = np.bincount(lab.ravel(), minlength=n + 1)
    frac[cnt < 0.3 * size[None, :]] = -1
    best, bestf = frac.argmax(0), frac.max(0)
    sh = np.zeros_like(src)
    for i, h in enumerate(hs):
        sel = (best == i) & (bestf >= 0.2)
        sel[0] = False
        sh |= sel[shift(lab, *offset(h))]
    return sh & dark


def zone_of(src, h1):
    z = np.zeros_like(src)
    for h in np.arange(100, h1 + 1, 30):
        z |= shift(src, *offset(h))
    return z & ~src & valid


print('| method | hidden (of seen ground) | precision | recall | F1 |')
print('|---|---:|---:|---:|---:|')
score(per_cloud(op > 0, 0.18), 'per-cloud height, opaque clouds, NIR < 0.18')
score(per_cloud(cloud, 0.18), 'per-cloud height, opaque + cirrus, NIR < 0.18')
for h1 in (2000, 3000, 5000, 8000):
    z = zone_of(cloud, h1)
    score(z & (nir < 0.18) & ~water, f'zone of 100-{h1} m, NIR < 0.18')
z = zone_of(cloud, 5000)
ref = valid & ~cloud & ~z & ~water
den = ndi.gaussian_filter(ref.astype(np.float64), 2000 / px)


def local(a):
    num = ndi.gaussian_filter(np.where(ref, a, 0).astype(np.float64), 2000 / px)
    return np.where(den > 0.02, num / np.maximum(den, 1e-9), np.median(a[ref]))


ln, ls = local(nir), local(swir)
for k in (0.5, 0.6, 0.7):
    score(z & (nir < k * ln) & ~water, f'zone of 100-5000 m, NIR < {k} x clear ground within ~2 km')
for k in (0.5, 0.6, 0.7):
    score(z & (nir < k * ln) & (swir < k * ls) & ~water,
          f'zone of 100-5000 m, NIR and SWIR (B11) < {k} x clear ground within ~2 km')
score((nir < 0.18) & ~water & valid & ~cloud, 'every dark pixel, no geometry (NIR < 0.18)')
