# The held-out real cases of bench_quality_real.sh and bench_native_resolution.sh: OSCD nantes and
# valencia (later date as the truth, earlier as the other date) behind On Cloud N chip 5's drawn
# clouds at three placements, plus a 100 x 101 px crop of each. Prints NAME CLEAR REFERENCE MASK SHARE.
# Usage: /usr/bin/python3 real_cases.py OSCD_DIR CLOUD_MASK WORK_DIR [all]
#   all: every OSCD city (later date behind the clouds, earlier as the other date), no crops.
import sys, glob, os, numpy as np
from osgeo import gdal
oscd, clouds, work = sys.argv[1:4]
m = (gdal.Open(clouds).ReadAsArray() > 0).astype(np.uint8)
def mask_like(ds, name, ox, oy):
    w, h = ds.RasterXSize, ds.RasterYSize
    tiled = np.tile(m, (h // m.shape[0] + 2, w // m.shape[1] + 2))[oy:oy + h, ox:ox + w]
    out = gdal.GetDriverByName('GTiff').Create(f'{work}/{name}', w, h, 1, gdal.GDT_Byte)
    out.SetGeoTransform(ds.GetGeoTransform()); out.SetProjection(ds.GetProjection())
    out.GetRasterBand(1).WriteArray(tiled); out = None
    return f'{work}/{name}', tiled.mean()
if len(sys.argv) > 4 and sys.argv[4] == 'all':
    cities = {}
    for f in sorted(glob.glob(f'{oscd}/*_L1C_13band.tif')):
        cities.setdefault(os.path.basename(f).split('_')[0], []).append(f)
    for city, (earlier, later) in sorted(cities.items()):
        ds = gdal.Open(later)
        for k, (ox, oy) in enumerate(((0, 0), (170, 240), (300, 60))):
            path, share = mask_like(ds, f'{city}_mask{k}.tif', ox, oy)
            print(f'{city}-{k} {later} {earlier} {path} {share:.3f}')
    sys.exit(0)
for city, later, earlier in (('nantes', '20171014', '20150821'), ('valencia', '20171107', '20160730')):
    clear, ref = f'{oscd}/{city}_{later}_L1C_13band.tif', f'{oscd}/{city}_{earlier}_L1C_13band.tif'
    ds = gdal.Open(clear)
    for k, (ox, oy) in enumerate(((0, 0), (170, 240), (300, 60))):
        path, share = mask_like(ds, f'{city}_mask{k}.tif', ox, oy)
        print(f'{city}-{k} {clear} {ref} {path} {share:.3f}')
    # A field-scale crop (100 x 101 px), as an agronomist would open one.
    for name, src in (('clear', clear), ('ref', ref)):
        gdal.Translate(f'{work}/{city}_small_{name}.tif', src, srcWin=[240, 200, 100, 101])
    small = gdal.Open(f'{work}/{city}_small_clear.tif')
    path, share = mask_like(small, f'{city}_small_mask.tif', 120, 360)
    print(f'{city}-small {work}/{city}_small_clear.tif {work}/{city}_small_ref.tif {path} {share:.3f}')
