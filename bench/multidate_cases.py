# Cases of bench_multidate.sh: the WorldCereal monthly series (a real place in Belgium, 9 bands,
# 12 months, two of them all nodata), each usable month hidden behind On Cloud N chip 5's drawn
# clouds (three 100 x 100 windows, 37-50 % hidden) with the other months as references, clear or
# made partly cloudy (a different window of the drawn clouds per month, 30-60 % set to nodata).
# Writes the masks and the cloudy months into WORK_DIR and prints per case:
#   MONTH MASK NEAREST1 NEAREST3 ALL   (references as comma-separated paths, nearest month first)
# Usage: /usr/bin/python3 multidate_cases.py SERIES_DIR CLOUD_MASK WORK_DIR clear|cloudy
import glob, os, sys
import numpy as np
from osgeo import gdal
series, clouds, work, kind = sys.argv[1:5]
m = gdal.Open(clouds).ReadAsArray() > 0
files = sorted(glob.glob(f'{series}/worldcereal_*_L2A_monthly_9band.tif'))
month = lambda f: os.path.basename(f).split('_')[1]
first = gdal.Open(files[0])
W, H = first.RasterXSize, first.RasterYSize

def write_mask(name, a):
    out = gdal.GetDriverByName('GTiff').Create(f'{work}/{name}', W, H, 1, gdal.GDT_Byte)
    out.SetGeoTransform(first.GetGeoTransform()); out.SetProjection(first.GetProjection())
    out.GetRasterBand(1).WriteArray(a.astype(np.uint8)); out = None
    return f'{work}/{name}'

# Three fixed windows of the drawn clouds hide the month scored.
windows = [(x, y) for y in range(0, m.shape[0] - H, 37) for x in range(0, m.shape[1] - W, 37)
           if 0.25 < m[y:y + H, x:x + W].mean() < 0.55]
masks = [write_mask(f'mask{k}.tif', m[y:y + H, x:x + W])
         for k, (x, y) in enumerate((windows[0], windows[len(windows) // 2], windows[-1]))]

refs = {}
rng = np.random.default_rng(5)
for f in files:
    if kind == 'clear':
        refs[month(f)] = f
        continue
    while True:  # another window of the drawn clouds for each month
        x, y = rng.integers(0, m.shape[1] - W), rng.integers(0, m.shape[0] - H)
        w = m[y:y + H, x:x + W]
        if 0.3 < w.mean() < 0.6:
            break
    ds = gdal.Open(f)
    a = ds.ReadAsArray()
    a[:, w] = 65535  # the product's nodata: unknown, as a cloud the SCL marks
    path = f'{work}/{os.path.basename(f)}'
    out = gdal.GetDriverByName('GTiff').CreateCopy(path, ds)
    for b in range(a.shape[0]):
        out.GetRasterBand(b + 1).WriteArray(a[b])
    out = None
    refs[month(f)] = path

def index(mo):
    return int(mo[:4]) * 12 + int(mo[4:])
usable = [f for f in files if (gdal.Open(f).ReadAsArray() != 65535).any()]
for f in usable:
    t = month(f)
    others = sorted((mo for mo in refs if mo != t), key=lambda mo: (abs(index(mo) - index(t)), mo))
    have = [mo for mo in others if any(month(u) == mo for u in usable)]
    for mask in masks:
        print(t, f, mask, refs[have[0]], ','.join(refs[mo] for mo in have[:3]), ','.join(refs[mo] for mo in others))
