# Two checks of the smooth fills behind #12 (session 31), on the held-out cases of
# bench_quality_real.sh (real_cases.py: OSCD nantes and valencia behind On Cloud N chip 5's drawn
# clouds, 3 placements and a crop each). Exact sparse solves (scipy splu), PSNR over every hidden
# value, data range 1.
#   screened  (L + lam) u = lam * mu: the harmonic fill pulled toward a mean mu (the scene's visible
#             mean, or a normalised Gaussian of the visible pixels at sigma 32 / 96 px).
#   blend     the app's temporal fill T (or the with-reference model P) moved toward the one-date
#             harmonic fill H near the cloud's edge: w(d) H + (1 - w(d)) T, w = exp(-d / tau), d the
#             distance to clear ground; and one weight per distance bin fitted on the other city.
#   biharmonic  the least squared Laplacian through the edge (known pixels fixed, edges reflecting),
#             alone, blended with the harmonic fill at fixed weights, and near the edge only
#             (weight exp(-d / tau)) (session 42).
# Needs NAME-temporal.tif and NAME-pretrained.tif in WORK (float32, `reconstruct --reference REF
# --method temporal|pretrained --float32`) for blend.
# Usage: /usr/bin/python3 one_date_fills.py CASES WORK screened|blend|biharmonic
import sys, numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
from osgeo import gdal
from scipy.ndimage import gaussian_filter, distance_transform_edt

def solve(x, hid, lam=0.0, mu=None):
    H, W = hid.shape
    idx = -np.ones((H, W), np.int64); n = int(hid.sum()); idx[hid] = np.arange(n)
    ys, xs = np.nonzero(hid)
    rows, cols, deg, rhs = [], [], np.zeros(n), np.zeros((n, x.shape[0]))
    for dy, dx in ((0, 1), (0, -1), (1, 0), (-1, 0)):
        yy, xx = ys + dy, xs + dx
        ok = (yy >= 0) & (yy < H) & (xx >= 0) & (xx < W)  # image edges reflect
        deg[ok] += 1
        i = np.nonzero(ok)[0]; yy = yy[ok]; xx = xx[ok]; h = hid[yy, xx]
        rows.append(i[h]); cols.append(idx[yy[h], xx[h]])
        rhs[i[~h]] += x[:, yy[~h], xx[~h]].T
    r, c = np.concatenate(rows), np.concatenate(cols)
    A = sp.csc_matrix((-np.ones(len(r)), (r, c)), shape=(n, n)) + sp.diags(deg + lam)
    if lam > 0:
        rhs += lam * mu[:, ys, xs].T
    out = x.copy(); out[:, ys, xs] = sla.splu(A).solve(rhs).T
    return out

def solve_biharmonic(x, hid):
    # min |L x|^2 over the hidden pixels: (L_U^T L_U) u = -L_U^T L_K k, L the 5-point Laplacian.
    H, W = hid.shape
    p = np.arange(H * W).reshape(H, W)
    a = np.concatenate([p[:, :-1].ravel(), p[:-1, :].ravel()])
    b = np.concatenate([p[:, 1:].ravel(), p[1:, :].ravel()])
    adj = sp.csr_matrix((np.ones(2 * len(a)), (np.r_[a, b], np.r_[b, a])), shape=(H * W, H * W))
    L = (sp.diags(np.asarray(adj.sum(1)).ravel()) - adj).tocsr()
    f = hid.ravel(); U = np.nonzero(f)[0]; K = np.nonzero(~f)[0]
    LU = L[:, U].tocsc(); LK = L[:, K].tocsc()
    rows = np.unique(LU.indices)
    LU = LU.tocsr()[rows]; LK = LK.tocsr()[rows]
    k = x.reshape(x.shape[0], -1)[:, K].T
    u = sla.splu((LU.T @ LU).tocsc(), permc_spec='COLAMD').solve(-(LU.T @ (LK @ k)))
    out = x.copy().reshape(x.shape[0], -1); out[:, U] = u.T
    return out.reshape(x.shape)

def psnr(o, x, hid): return 10 * np.log10(1 / ((o - x)[:, hid] ** 2).mean())
def report(label, names, scores):
    c = [s for n, s in zip(names, scores) if 'small' not in n]
    k = [s for n, s in zip(names, scores) if 'small' in n]
    print(f'{label:40s} cities {np.mean(c):.3f}  crops {np.mean(k):.3f}', flush=True)

cases = [l.split() for l in open(sys.argv[1])]
work, what = sys.argv[2], sys.argv[3]
names = [c[0] for c in cases]
load = lambda c: (gdal.Open(c[1]).ReadAsArray().astype(np.float64) / 10000, gdal.Open(c[3]).ReadAsArray() > 0)
if what == 'screened':
    res = {}
    for c in cases:
        x, hid = load(c); vis = ~hid
        mus = {'scene mean': np.broadcast_to(np.array([b[vis].mean() for b in x])[:, None, None], x.shape)}
        for s in (32, 96):
            w = gaussian_filter(vis.astype(float), s)
            mus[f'local mean {s} px'] = np.stack([gaussian_filter(b * vis, s) / np.maximum(w, 1e-6) for b in x])
        res.setdefault('harmonic', []).append(psnr(solve(x, hid), x, hid))
        for lam in (1e-4, 3e-4, 1e-3, 1e-2):
            for k, mu in mus.items():
                res.setdefault(f'screened {lam:g}, {k}', []).append(psnr(solve(x, hid, lam, mu), x, hid))
    for k, v in res.items():
        report(k, names, v)
elif what == 'biharmonic':
    res = {}
    for c in cases:
        x, hid = load(c)
        Hx, Bx, d = solve(x, hid), solve_biharmonic(x, hid), distance_transform_edt(hid)
        res.setdefault('harmonic', []).append(psnr(Hx, x, hid))
        res.setdefault('biharmonic', []).append(psnr(Bx, x, hid))
        for a in (0.25, 0.5, 0.75):
            res.setdefault(f'{a} harmonic + {1 - a} biharmonic', []).append(psnr(a * Hx + (1 - a) * Bx, x, hid))
        for tau in (2, 4, 8):
            w = np.exp(-d / tau)
            res.setdefault(f'biharmonic near the edge, tau {tau}', []).append(psnr(w * Bx + (1 - w) * Hx, x, hid))
    for k, v in res.items():
        report(k, names, v)
else:
    data = []
    for c in cases:
        x, hid = load(c)
        T = gdal.Open(f'{work}/{c[0]}-temporal.tif').ReadAsArray().astype(np.float64)
        P = gdal.Open(f'{work}/{c[0]}-pretrained.tif').ReadAsArray().astype(np.float64)
        data.append((c[0], x, hid, {'temporal fill': T, 'model with the other date': P}, solve(x, hid),
                     distance_transform_edt(hid)))
    bins = [0, 2, 4, 8, 12, 24, 48, 1e9]
    for base in ('temporal fill', 'model with the other date'):
        for tau in (0, 1, 2, 4, 8, 16):
            s = []
            for name, x, hid, B, Hx, d in data:
                w = np.exp(-d / tau) if tau > 0 else 0 * d
                s.append(psnr(w * Hx + (1 - w) * B[base], x, hid))
            report(f'{base}, tau {tau}', names, s)
        s = []
        for name, x, hid, B, Hx, d in data:  # weights per bin from the other city's cases
            o = B[base].copy()
            for b0, b1 in zip(bins[:-1], bins[1:]):
                num = den = 0.0
                for n2, x2, h2, B2, H2, d2 in data:
                    if n2.split('-')[0] == name.split('-')[0]:
                        continue
                    m = h2 & (d2 > b0) & (d2 <= b1); e = (H2 - B2[base])[:, m]
                    num += (e * (x2 - B2[base])[:, m]).sum(); den += (e * e).sum()
                m = hid & (d > b0) & (d <= b1)
                o[:, m] += (num / den if den > 0 else 0) * (Hx - B[base])[:, m]
            s.append(psnr(o, x, hid))
        report(f'{base}, a weight per distance bin', names, s)
