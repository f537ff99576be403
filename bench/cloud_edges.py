#!/usr/bin/python3
"""Reflectance beside the SCL's clouds and shadows in a real L2A SAFE, by distance to them.

If the SCL marked every hazy pixel, clear ground next to a cloud would read like clear ground far
from it. It does not: this prints the median BOA reflectance of vegetation / bare soil (SCL 4, 5) and
water (SCL 6) pixels binned by their distance to the nearest cloud (SCL 8, 9, 10), and of land by
distance to the nearest shadow (SCL 3, more than 10 px from cloud). What stays brighter (or darker)
near the mask is haze, thin cloud edges and shadow rims that a reconstruction would carry into the
hidden area unless the mask is grown (`--dilate`, the Scene classes panel's "Mask buffer").

Usage: /usr/bin/python3 bench/cloud_edges.py PRODUCT.SAFE [RES]  (RES: R60m, the default, or R20m)
Needs Debian's python3-gdal and python3-scipy; for the bench only, never the product.
"""
import glob
import os
import re
import sys

import numpy as np
from osgeo import gdal
from scipy import ndimage

BANDS = ["B02", "B04", "B8A", "B11"]
BINS = [(0, 1.5), (1.5, 2.5), (2.5, 3.5), (3.5, 4.5), (4.5, 6.5), (6.5, 10.5), (10.5, 20.5), (20.5, 50.5),
        (50.5, np.inf)]


def main():
    safe = sys.argv[1]
    res = sys.argv[2] if len(sys.argv) > 2 else "R60m"
    metres = int(res[1:-1])
    files = glob.glob(os.path.join(safe, "GRANULE", "*", "IMG_DATA", res, "*.jp2"))
    by_band = {os.path.basename(p).split("_")[-2]: p for p in files}
    missing = [b for b in BANDS + ["SCL"] if b not in by_band]
    if missing:
        sys.exit(f"{safe}: no {', '.join(missing)} at {res}")
    mtd = open(glob.glob(os.path.join(safe, "MTD_MSIL2A.xml"))[0]).read()
    # Baseline 04.00 and later: BOA_ADD_OFFSET per band (band_id is the index in the band list).
    offsets = {int(i): float(v) for i, v in re.findall(r'BOA_ADD_OFFSET band_id="(\d+)">(-?\d+)<', mtd)}
    band_ids = {"B02": 1, "B04": 3, "B8A": 8, "B11": 11}
    scl = gdal.Open(by_band["SCL"]).ReadAsArray()
    refl = {}
    for b in BANDS:
        dn = gdal.Open(by_band[b]).ReadAsArray().astype(np.float32)
        r = (dn + offsets.get(band_ids[b], 0.0)) / 10000.0
        r[dn == 0] = np.nan  # DN 0 is nodata
        refl[b] = r
    cloud = np.isin(scl, [8, 9, 10])
    shadow = scl == 3
    d_cloud = ndimage.distance_transform_edt(~cloud)
    d_shadow = ndimage.distance_transform_edt(~shadow)
    valid = np.isfinite(refl["B02"])
    print(f"# {os.path.basename(safe.rstrip('/'))} at {metres} m: cloud {cloud.mean() * 100:.1f} %, "
          f"shadow {shadow.mean() * 100:.1f} % of the tile\n")

    def table(title, sel, dist):
        print(f"**{title}** (median reflectance)\n")
        print("| distance px | metres | pixels | " + " | ".join(BANDS) + " |")
        print("|---|---|---:|" + "---:|" * len(BANDS))
        for lo, hi in BINS:
            m = sel & valid & (dist > lo) & (dist <= hi)
            if m.sum() < 100:
                continue
            span = f"> {lo:g}" if np.isinf(hi) else f"{lo:g}-{hi:g}"
            metres_span = f"> {lo * metres:g}" if np.isinf(hi) else f"{lo * metres:g}-{hi * metres:g}"
            print(f"| {span} | {metres_span} | {int(m.sum())} | "
                  + " | ".join(f"{np.median(refl[b][m]):.4f}" for b in BANDS) + " |")
        print()

    table("Vegetation and bare soil by distance to cloud", np.isin(scl, [4, 5]), d_cloud)
    table("Water by distance to cloud", scl == 6, d_cloud)
    table("Vegetation and bare soil by distance to shadow (over 10 px from cloud)",
          np.isin(scl, [4, 5]) & (d_cloud > 10), d_shadow)


if __name__ == "__main__":
    main()
