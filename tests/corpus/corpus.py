#!/usr/bin/python3
"""Broken-input corpus (issue #17): crafts hostile inputs from a generated product and runs every
CLI command over them, counting what happened to each run:

  refused   exit 1 or 2 with a message that names the input and the problem (the only good end
            for a broken input)
  accepted  exit 0 (counted as wrong when the case says the input is broken)
  crashed   killed by a signal, or exit 134 / 139 (abort, segfault)
  hung      still running after the time limit
  left      a file left behind: a .partial, or an output written by a command that failed
  damaged   an input file whose bytes changed
  unnamed   refused, but the message does not name the file at fault

Usage: corpus.py CLI WORKDIR [--app OPEN_IN_APP] [--only SUBSTRING] [--keep]. With --app, every
crafted product is also opened in the main window (tests/corpus/open_in_app.cpp, offscreen). Exit 0 when every count but refused
(and accepted for cases allowed to succeed) is 0; the counts are printed as a table.
Files are made here, by GDAL's Python bindings and plain byte edits: no blobs in git.
"""
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile

TIMEOUT = int(os.environ.get('CORPUS_TIMEOUT', '90'))


def sha(path):
    h = hashlib.sha1()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


def snapshot(root):
    """Every regular file under root with its hash (symlinks are not followed)."""
    out = {}
    for d, dirs, files in os.walk(root, followlinks=False):
        for f in files:
            p = os.path.join(d, f)
            if os.path.islink(p) or not os.path.isfile(p):
                continue
            out[p] = sha(p)
    return out


class Corpus:
    def __init__(self, cli, work):
        self.cli, self.work = cli, work
        self.inputs = os.path.join(work, 'in')
        self.outputs = os.path.join(work, 'out')
        os.makedirs(self.inputs, exist_ok=True)
        self.cases = []  # (name, args, must_refuse, culprit)

    def run_cli(self, args, cwd=None, timeout=TIMEOUT):
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(self.work, 'cache'), UNCLOUDED_THREADS='1')
        p = subprocess.Popen([self.cli] + args, cwd=cwd or self.work, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, start_new_session=True)
        try:
            out, err = p.communicate(timeout=timeout)
            return p.returncode, out.decode(errors='replace'), err.decode(errors='replace')
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            return None, '', ''

    # ---- the base inputs -------------------------------------------------------------------
    def make_base(self):
        base = os.path.join(self.work, 'base')
        rc, _, err = self.run_cli(['make-sample', base, '--size', '96', '--reference-date'], timeout=300)
        if rc != 0:
            sys.exit(f'corpus: make-sample failed: {err}')
        j = json.load(open(os.path.join(base, 'sample.json')))
        self.safe = os.path.join(base, j['main']['safe'])
        self.ref = os.path.join(base, j['reference']['safe'])
        self.truth = os.path.join(base, j['main']['truth'])
        rc, _, err = self.run_cli(['train', self.safe, '--model', 'unet', '--width', '4', '--depth', '2',
                                   '--steps', '2', '--patch', '32', '--out', os.path.join(base, 'tiny.pth')],
                                  timeout=300)
        if rc != 0:
            sys.exit(f'corpus: train failed: {err}')
        self.ckpt = os.path.join(base, 'tiny.pth')
        # A block of "cloud" on the product grid: what evaluate hides of a product under test.
        from osgeo import gdal
        import numpy as np
        t = gdal.Open(self.truth)
        ds = gdal.GetDriverByName('GTiff').Create(os.path.join(base, 'block.tif'), t.RasterXSize, t.RasterYSize, 1)
        ds.SetGeoTransform(t.GetGeoTransform()); ds.SetProjection(t.GetProjection())
        m = np.zeros((t.RasterYSize, t.RasterXSize), np.uint8); m[20:60, 20:60] = 1
        ds.GetRasterBand(1).WriteArray(m); ds = None
        self.block = os.path.join(base, 'block.tif')

    def copy_safe(self, name):
        dst = os.path.join(self.inputs, name, os.path.basename(self.safe))
        shutil.copytree(self.safe, dst)
        return dst

    def band_file(self, safe, band, res='10m'):
        for d, _, files in os.walk(safe):
            for f in files:
                if f.endswith(f'_{band}_{res}.jp2'):
                    return os.path.join(d, f)
        raise RuntimeError(f'no {band} {res} in {safe}')

    # ---- crafted inputs ----------------------------------------------------------------------
    def craft(self):
        from osgeo import gdal
        import numpy as np
        gdal.UseExceptions()
        I = self.inputs
        products = []  # (name, path, culprit substring that the message should name)

        def prod(name, path, culprit=None):
            products.append((name, path, culprit if culprit is not None else os.path.basename(path)))

        # JP2 bands: truncated, garbage in the middle, zero bytes, missing, a 20 m file as a 10 m band.
        s = self.copy_safe('jp2-truncated'); f = self.band_file(s, 'B02')
        data = open(f, 'rb').read(); open(f, 'wb').write(data[:len(data) // 2])
        prod('jp2-truncated', s, os.path.basename(f))
        s = self.copy_safe('jp2-garbage-middle'); f = self.band_file(s, 'B04')
        data = bytearray(open(f, 'rb').read()); mid = len(data) // 2
        data[mid:mid + 256] = bytes((i * 131 + 7) % 256 for i in range(256)); open(f, 'wb').write(data)
        prod('jp2-garbage-middle', s, os.path.basename(f))
        s = self.copy_safe('jp2-zero-bytes'); f = self.band_file(s, 'B03'); open(f, 'wb').close()
        prod('jp2-zero-bytes', s, os.path.basename(f))
        s = self.copy_safe('jp2-missing'); f = self.band_file(s, 'B08'); os.remove(f)
        prod('jp2-missing', s, 'B08')  # a partial product: opens with a warning naming B08
        s = self.copy_safe('jp2-wrong-size'); f = self.band_file(s, 'B02')
        shutil.copy(self.band_file(s, 'B05', '20m'), f)
        prod('jp2-wrong-size', s, os.path.basename(f))
        # The product description: garbled, empty, huge (a small zip holding a large MTD).
        s = self.copy_safe('mtd-garbled'); m = os.path.join(s, 'MTD_MSIL2A.xml')
        t = open(m, 'rb').read(); open(m, 'wb').write(t[:len(t) // 3] + b'<<<&&&')
        prod('mtd-garbled', s, 'MTD_MSIL2A.xml')
        s = self.copy_safe('mtd-empty'); open(os.path.join(s, 'MTD_MSIL2A.xml'), 'wb').close()
        prod('mtd-empty', s, 'MTD_MSIL2A.xml')
        s = self.copy_safe('mtd-huge'); m = os.path.join(s, 'MTD_MSIL2A.xml')
        t = open(m, 'rb').read(); cut = t.index(b'>', t.index(b'<n1:Level-2A_User_Product')) + 1
        with open(m, 'wb') as out:
            out.write(t[:cut] + b'<!--')
            chunk = b' ' * (1 << 20)
            for _ in range(int(os.environ.get('CORPUS_HUGE_MIB', '96'))):
                out.write(chunk)
            out.write(b'-->' + t[cut:])
        z = os.path.join(I, 'mtd-huge.zip')
        self.zip_tree(s, z)
        shutil.rmtree(os.path.dirname(s))
        prod('mtd-huge-zip', z, 'MTD_MSIL2A.xml')
        # Zips: not a product, '../' names, truncated.
        z = os.path.join(I, 'not-a-product.zip')
        with zipfile.ZipFile(z, 'w') as zf:
            zf.writestr('readme.txt', 'hello')
        prod('zip-not-product', z)
        z = os.path.join(I, 'dotdot.zip')
        with zipfile.ZipFile(z, 'w') as zf:
            zf.writestr('../../evil/MTD_MSIL2A.xml', '<x/>')
            zf.writestr('S2B_MSIL2A_X.SAFE/../../MTD_MSIL2A.xml', '<x/>')
        prod('zip-dotdot', z)
        z = os.path.join(I, 'truncated.zip')
        self.zip_tree(self.safe, z)
        data = open(z, 'rb').read(); open(z, 'wb').write(data[:len(data) // 2])
        prod('zip-truncated', z)
        # A valid product in a zip that also holds 60000 empty entries: listing it recursively through
        # GDAL took minutes (a stat per entry, each a linear search); it must open in seconds.
        z = os.path.join(I, 'many-entries.zip')
        self.zip_tree(self.safe, z)
        with zipfile.ZipFile(z, 'a', zipfile.ZIP_DEFLATED) as zf:
            top = os.path.basename(self.safe.rstrip('/'))
            for i in range(60000):
                zf.writestr(top + '/HTML/pad%05d.txt' % i, b'')
        prod('zip-many-entries', z)
        # Folders and files that are no product.
        d = os.path.join(I, 'loop.SAFE'); os.makedirs(d); os.symlink(d, os.path.join(d, 'again'))
        prod('symlink-loop', d)
        d = os.path.join(I, 'empty-dir'); os.makedirs(d)
        prod('empty-folder', d)
        f = os.path.join(I, 'empty.tif'); open(f, 'wb').close()
        prod('empty-tif', f)
        f = os.path.join(I, 'text.tif'); open(f, 'w').write('not a raster\n' * 100)
        prod('text-as-tif', f)
        prod('missing-file', os.path.join(I, 'does-not-exist.tif'))
        # GeoTIFFs: 1 x 1, 200 bands, all NaN, all nodata (0), +-Inf only.
        drv = gdal.GetDriverByName('GTiff')

        def tif(name, w, h, bands, dtype, fill):
            p = os.path.join(I, name)
            ds = drv.Create(p, w, h, bands, dtype)
            ds.SetGeoTransform([300000, 10, 0, 5000000, 0, -10])
            for b in range(bands):
                ds.GetRasterBand(b + 1).WriteArray(np.full((h, w), fill))
            ds = None
            return p
        prod('tif-1x1', tif('one.tif', 1, 1, 4, gdal.GDT_UInt16, 1200))
        prod('tif-200-bands', tif('many.tif', 8, 8, 200, gdal.GDT_UInt16, 1200))
        prod('tif-all-nan', tif('nan.tif', 64, 64, 4, gdal.GDT_Float32, np.nan))
        prod('tif-all-zero', tif('zero.tif', 64, 64, 4, gdal.GDT_UInt16, 0))
        prod('tif-inf', tif('inf.tif', 64, 64, 4, gdal.GDT_Float32, np.inf))
        self.products = products

        # Masks for a good product: wrong size, missing, huge sparse, text.
        masks = []
        p = os.path.join(I, 'mask-small.tif'); ds = drv.Create(p, 10, 10, 1, gdal.GDT_Byte); ds = None
        masks.append(('mask-wrong-size', p))
        masks.append(('mask-missing', os.path.join(I, 'no-mask.tif')))
        p = os.path.join(I, 'mask-huge.tif')
        ds = drv.Create(p, 100000, 100000, 1, gdal.GDT_Byte, ['SPARSE_OK=TRUE', 'TILED=YES'])
        ds.GetRasterBand(1).WriteArray(np.ones((16, 16), np.uint8), 50000, 50000); ds = None
        masks.append(('mask-huge-sparse', p))
        masks.append(('mask-text', os.path.join(I, 'text.tif')))
        self.masks = masks

        # Checkpoints: truncated, garbage in the middle, empty, bad descriptions, foreign pickles.
        ck = []

        def ckpt(name, data=None, desc=None):
            d = os.path.join(I, 'ckpt-' + name); os.makedirs(d)
            p = os.path.join(d, 'model.pth')
            raw = open(self.ckpt, 'rb').read()
            open(p, 'wb').write(raw if data is None else data(raw))
            j = json.load(open(self.ckpt + '.json'))
            if desc is not None:
                desc(j)
            open(p + '.json', 'w').write(json.dumps(j) if desc != 'garbage' else '{"model": ')
            ck.append((name, p))
            return p
        ckpt('truncated', lambda r: r[:len(r) // 2])
        ckpt('garbage-middle', lambda r: r[:len(r) // 2] + bytes(range(256)) * 4 + r[len(r) // 2 + 1024:])
        ckpt('empty', lambda r: b'')
        for key, value in (('width', 0), ('width', -8), ('width', 100000), ('depth', -3), ('depth', 30)):
            ckpt(f'{key}-{value}', None, lambda j, k=key, v=value: j.__setitem__(k, v))
        ckpt('bands-missing', None, lambda j: j.pop('bands', None))
        p = ckpt('desc-garbage')
        open(p + '.json', 'w').write('{"model": ')
        self.make_torch_checkpoints(ck)
        self.checkpoints = ck

    def make_torch_checkpoints(self, ck):
        """An OrderedDict state_dict as torch.save writes it, and a pickle that runs code."""
        code = r'''
import sys, torch, collections, json, shutil, os
src, dst1, dst2 = sys.argv[1:4]
sd = torch.load(src)
torch.save(collections.OrderedDict((k, v) for k, v in sd.items()), dst1)
class Evil:
    def __reduce__(self):
        return (os.system, ('touch ' + os.path.join(os.path.dirname(dst2), 'PWNED'),))
torch.save({'x': Evil()}, dst2)
'''
        d1, d2 = os.path.join(self.inputs, 'ckpt-ordereddict'), os.path.join(self.inputs, 'ckpt-pickled-code')
        os.makedirs(d1); os.makedirs(d2)
        p1, p2 = os.path.join(d1, 'model.pth'), os.path.join(d2, 'model.pth')
        r = subprocess.run(['/usr/bin/python3', '-c', code, self.ckpt, p1, p2], capture_output=True)
        if r.returncode != 0:
            print('corpus: python3-torch unavailable, two checkpoint cases left out:', r.stderr.decode()[-200:])
            return
        for p in (p1, p2):
            shutil.copy(self.ckpt + '.json', p + '.json')
        ck += [('ordereddict', p1), ('pickled-code', p2)]
        self.pwned = os.path.join(d2, 'PWNED')

    @staticmethod
    def zip_tree(src, z):
        with zipfile.ZipFile(z, 'w', zipfile.ZIP_DEFLATED) as zf:
            for d, _, files in os.walk(src):
                for f in files:
                    p = os.path.join(d, f)
                    zf.write(p, os.path.relpath(p, os.path.dirname(src)))

    # ---- the runs ---------------------------------------------------------------------------
    def plan(self):
        runs = []  # (case, command args, must_refuse, culprit, expected outputs)
        o = self.outputs
        # Allowed to succeed: a partial product (warned), a valid product in a zip with many extra entries,
        # and info describing an all-nodata raster.
        partial = ('jp2-missing', 'zip-many-entries')
        describable = ('tif-all-nan', 'tif-all-zero', 'tif-inf')
        for name, p, culprit in self.products:
            out = os.path.join(o, name)
            # Another product's clouds over a SAFE; a raster over itself (nothing hidden: refused).
            shapes = self.block if os.path.isdir(p) and p.endswith('.SAFE') else p
            refuse = name not in partial
            runs.append((name, 'info', ['info', p], refuse and name not in describable, culprit))
            runs.append((name, 'reconstruct', ['reconstruct', p, '--method', 'telea', '--out', out + '.tif'], refuse, culprit))
            runs.append((name, 'evaluate', ['evaluate', '--clear', p, '--masks-from', shapes, '--methods', 'telea',
                                            '--json', out + '.json'], refuse, culprit))
            runs.append((name, 'train', ['train', p, '--model', 'unet', '--width', '4', '--depth', '2', '--steps', '1',
                                         '--out', out + '.pth'], refuse, culprit))
        for name, m in self.masks:
            c = os.path.basename(m)
            runs.append((name, 'info', ['info', self.safe, '--mask', m], True, c))
            runs.append((name, 'reconstruct', ['reconstruct', self.safe, '--mask', m, '--method', 'telea',
                                               '--out', os.path.join(o, name + '.tif')], True, c))
            runs.append((name, 'evaluate', ['evaluate', '--clear', self.truth, '--masks-from', m, '--methods', 'telea'], True, c))
        for name, ck in self.checkpoints:
            c = os.path.basename(os.path.dirname(ck))
            runs.append(('ckpt-' + name, 'reconstruct', ['reconstruct', self.safe, '--method', ck,
                                                         '--out', os.path.join(o, 'ck-' + name + '.tif')], True, c))
            runs.append(('ckpt-' + name, 'evaluate', ['evaluate', '--clear', self.truth, '--masks-from', self.safe,
                                                      '--methods', 'telea,' + ck], True, c))
            runs.append(('ckpt-' + name, 'train --init', ['train', self.safe, '--init', ck, '--steps', '1',
                                                          '--out', os.path.join(o, 'ck-' + name + '-ft.pth')], True, c))
        # Options out of range, with good inputs.
        bad_opts = [  # (case, args, words the message must hold, one of them)
            ('aoi-outside', ['reconstruct', self.safe, '--method', 'telea', '--aoi', '5000,5000,10,10'], ('5000,5000',)),
            ('aoi-negative', ['reconstruct', self.safe, '--method', 'telea', '--aoi', '-5,-5,10,10'], ('aoi', '-5')),
            ('aoi-text', ['reconstruct', self.safe, '--method', 'telea', '--aoi', 'a,b,c,d'], ('--aoi',)),
            ('dilate-huge', ['reconstruct', self.safe, '--method', 'telea', '--dilate', '1000000000'], ('dilate', 'buffer')),
            ('window-huge', ['reconstruct', self.safe, '--method', 'telea', '--window', '100000'], ('window',)),
            ('overlap-too-big', ['reconstruct', self.safe, '--method', 'telea', '--window', '64', '--overlap', '64'], ('overlap',)),
            ('classes-bogus', ['reconstruct', self.safe, '--method', 'telea', '--classes', 'clouds,99'], ('clouds',)),
            ('method-bogus', ['reconstruct', self.safe, '--method', 'magic'], ('magic',)),
            ('train-steps-zero', ['train', self.safe, '--model', 'unet', '--steps', '0'], ('--steps',)),
            ('train-batch-zero', ['train', self.safe, '--model', 'unet', '--batch', '0'], ('--batch',)),
            ('train-lr-nan', ['train', self.safe, '--model', 'unet', '--lr', 'nan'], ('--lr', 'learning rate')),
            ('train-patch-1', ['train', self.safe, '--model', 'unet', '--patch', '1'], ('patch',)),
            ('train-width-huge', ['train', self.safe, '--model', 'unet', '--width', '256', '--depth', '6'], ('GiB',)),
            ('train-depth-huge', ['train', self.safe, '--model', 'unet', '--depth', '30'], ('depth',)),
            ('train-aoi-outside', ['train', self.safe, '--model', 'unet', '--aoi', '5000,5000,64,64'], ('5000,5000',)),
            ('sample-size-zero', ['make-sample', os.path.join(o, 'ms0'), '--size', '0'], ('--size',)),
            ('sample-size-huge', ['make-sample', os.path.join(o, 'ms1'), '--size', '100000000'], ('--size',)),
            ('evaluate-methods-empty', ['evaluate', '--clear', self.truth, '--masks-from', self.safe, '--methods', ''], ('--methods',)),
            ('quicklook-nowhere', ['reconstruct', self.safe, '--method', 'telea', '--quicklook',
                                   os.path.join(self.work, 'no-such-folder', 'q.png')], ('quicklook',)),
            ('log-json-folder', ['train', self.safe, '--model', 'unet', '--steps', '1', '--width', '4', '--depth', '2',
                                 '--log-json', self.inputs], ('in',)),
        ]
        for name, args, culprit in bad_opts:
            if args[0] in ('reconstruct', 'train'):
                args = args + ['--out', os.path.join(o, name + ('.tif' if args[0] == 'reconstruct' else '.pth'))]
            runs.append((name, args[0], args, True, culprit))
        return runs

    def go(self, only=None):
        os.makedirs(self.outputs, exist_ok=True)
        counts = dict(refused=0, accepted=0, crashed=0, hung=0, left=0, damaged=0, unnamed=0)
        bad = []
        runs = [r for r in self.plan() if not only or only in r[0]]
        before = snapshot(self.work)
        for case, cmd, args, must_refuse, culprit in runs:
            t0 = time.time()
            rc, out, err = self.run_cli(args)
            dt = time.time() - t0
            after = snapshot(self.work)
            new = [p for p in after if p not in before and not p.startswith(os.path.join(self.work, 'cache'))]
            changed = [p for p in before if p in after and after[p] != before[p]]
            gone = [p for p in before if p not in after]
            partial = [p for p in new if '.partial' in p]
            for d, dirs, _ in os.walk(self.work, followlinks=False):
                partial += [os.path.join(d, x) for x in dirs if '.partial' in x]
            what = []
            if rc is None:
                what.append('hung')
            elif rc < 0 or rc in (134, 139):
                what.append('crashed')
            elif rc == 0:
                what.append('accepted')
            else:
                what.append('refused')
                text = (out + err).lower()
                tokens = culprit if isinstance(culprit, tuple) else (culprit,)
                if not err.strip() or not any(t.lower() in text for t in tokens if t):
                    what.append('unnamed')
            if partial or (rc != 0 and new):
                what.append('left')
            if changed or gone:
                what.append('damaged')
            if getattr(self, 'pwned', None) and os.path.exists(self.pwned):
                what.append('damaged')
            for w in what:
                counts[w] += 1
            wrong = [w for w in what if w not in ('refused',) and not (w == 'accepted' and not must_refuse)]
            line = f'{case:22s} {cmd:12s} exit {rc!s:4s} {dt:5.1f}s  {",".join(what)}'
            if wrong:
                tail = (err.strip().splitlines() or [''])[-1][:200]
                bad.append(f'{line}\n      {" ".join(args)[:240]}\n      stderr: {tail}'
                           + (f'\n      left: {partial or new}' if 'left' in what else '')
                           + (f'\n      damaged: {changed + gone}' if 'damaged' in what else ''))
            print(line, flush=True)
            # Clean outputs so the next run starts alike; inputs are restored from scratch never.
            for p in new:
                if os.path.exists(p):
                    os.remove(p)
            for d in sorted({os.path.dirname(p) for p in new}, key=len, reverse=True):
                if d.startswith(self.outputs) and d != self.outputs and os.path.isdir(d):
                    shutil.rmtree(d, ignore_errors=True)
            for p in partial:
                if os.path.isdir(p):
                    shutil.rmtree(p, ignore_errors=True)
            before = snapshot(self.work)
        print()
        print(f'{len(runs)} runs over {len(self.products)} products, {len(self.masks)} masks, '
              f'{len(self.checkpoints)} checkpoints and option cases')
        print('| ' + ' | '.join(counts) + ' |')
        print('|' + '---:|' * len(counts))
        print('| ' + ' | '.join(str(v) for v in counts.values()) + ' |')
        if bad:
            print('\nNot clean:')
            print('\n'.join(bad))
        return 1 if bad else 0

    def signals(self):
        """SIGINT, SIGTERM and SIGHUP during long commands: exit 1, "cancelled", nothing left behind;
        SIGKILL during training: the checkpoint left (if any) loads."""
        o = os.path.join(self.work, 'sig')
        bad = 0
        big = os.path.join(self.work, 'big')
        # 1200 px: on a fast CPU (an AVX-512 EPYC) the network rebuilt 600 px within the second the
        # test waits after the first progress line, and the signal found the run already done.
        self.run_cli(['make-sample', big, '--size', '1200'], timeout=300)
        big_safe = [os.path.join(big, d) for d in os.listdir(big) if d.endswith('.SAFE')][0]
        cmds = {
            'make-sample': lambda: ['make-sample', os.path.join(o, 'ms'), '--size', '1200'],
            'reconstruct': lambda: ['reconstruct', big_safe, '--method', 'pretrained', '--out', os.path.join(o, 'r.tif')],
            'train': lambda: ['train', big_safe, '--model', 'unet', '--steps', '2000', '--out', os.path.join(o, 't.pth')],
        }
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(self.work, 'cache'), UNCLOUDED_THREADS='1')
        for name, args in cmds.items():
            for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL):
                if sig == signal.SIGKILL and name != 'train':
                    continue
                os.makedirs(o, exist_ok=True)
                a = args()
                if sig == signal.SIGKILL:  # a small network, so checkpoints are written within seconds
                    a += ['--width', '4', '--depth', '2', '--patch', '32']
                p = subprocess.Popen([self.cli] + a, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
                # Signal once the command is at work (its progress or log on stderr), not while it
                # is still loading libraries; SIGKILL once training has written a checkpoint.
                errbuf = bytearray()

                def drain():
                    for chunk in iter(lambda: os.read(p.stderr.fileno(), 4096), b''):
                        errbuf.extend(chunk)
                reader = threading.Thread(target=drain)
                reader.start()
                want = b'val PSNR' if sig == signal.SIGKILL else (b'crops' if name == 'train' else b'%')
                t0 = time.time()
                while want not in errbuf and p.poll() is None and time.time() - t0 < 240:
                    time.sleep(0.2)
                time.sleep(0.3 if name == 'reconstruct' else 1)
                if p.poll() is not None:
                    print(f'signal {name:12s} {sig.name:8s} finished before the signal: the test needs more work')
                p.send_signal(sig)
                try:
                    p.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    p.kill(); p.wait()
                    print(f'signal {name:12s} {sig.name:8s} hung'); bad += 1; continue
                reader.join()
                err = bytes(errbuf)
                left = []
                for d, dirs, files in os.walk(o):
                    left += [os.path.join(d, x) for x in files + dirs]
                # 128 + the signal, as a shell reports it (1, a failure, until session 39)
                ok = p.returncode == 128 + sig and (b'cancelled' in err or b'stopped' in err) and not left
                if sig == signal.SIGKILL:
                    # Killed between checkpoints: what is there must load (or nothing was written yet).
                    ck = os.path.join(o, 't.pth')
                    loads = True
                    if os.path.exists(ck):
                        rc, _, e = self.run_cli(['reconstruct', self.safe, '--method', ck, '--out', os.path.join(o, 'k.tif')])
                        loads = rc == 0
                    partial = [x for x in left if '.partial' in x or x.endswith('.tmp')]
                    ok = p.returncode == -signal.SIGKILL and loads and not partial
                    print(f'signal train SIGKILL: checkpoint {"written and loads" if os.path.exists(ck) and loads else "absent" if loads else "DOES NOT LOAD"}')
                print(f'signal {name:12s} {sig.name:8s} exit {p.returncode} left {len(left)} '
                      f'{"ok" if ok else "NOT CLEAN " + err.decode(errors="replace")[-200:]}')
                bad += not ok
                shutil.rmtree(o, ignore_errors=True)
        return 1 if bad else 0

    def in_app(self, app):
        """Every crafted product opened in the main window: an error shown (naming it) or a layer."""
        paths = [p for _, p, _ in self.products]
        env = dict(os.environ, QT_QPA_PLATFORM='offscreen', XDG_CACHE_HOME=os.path.join(self.work, 'cache'))
        before = snapshot(self.work)
        try:
            r = subprocess.run([app, self.safe] + paths, capture_output=True, timeout=600, env=env)
        except subprocess.TimeoutExpired:
            print('app: hung'); return 1
        after = snapshot(self.work)
        lines = r.stdout.decode(errors='replace').splitlines()
        print('\n'.join(lines))
        damaged = [p for p in before if after.get(p) != before[p]]
        crashed = r.returncode < 0
        print(f'app: {sum(l.startswith("refused") for l in lines)} refused, '
              f'{sum(l.startswith("opened") for l in lines)} opened, crashed {int(crashed)}, '
              f'damaged {len(damaged)}, exit {r.returncode}')
        if r.returncode != 0:
            print(r.stderr.decode(errors='replace')[-2000:])
        return 0 if r.returncode == 0 and not damaged else 1


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    app = None
    if '--app' in sys.argv:
        app = sys.argv[sys.argv.index('--app') + 1]
        args.remove(app)
    only = None
    if '--only' in sys.argv:
        only = sys.argv[sys.argv.index('--only') + 1]
        args.remove(only)
    if len(args) != 2:
        sys.exit(__doc__)
    try:
        import numpy  # noqa: F401
        from osgeo import gdal  # noqa: F401
    except ImportError:
        print('corpus: python3-gdal / numpy missing, skipped')
        sys.exit(77)
    cli, work = os.path.abspath(args[0]), os.path.abspath(args[1])
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(work)
    c = Corpus(cli, work)
    c.make_base()
    c.craft()
    rc = c.go(only)
    if not only:
        rc |= c.signals()
    if app:
        rc |= c.in_app(os.path.abspath(app))
    if '--keep' not in sys.argv and rc == 0:
        shutil.rmtree(work)
    sys.exit(rc)


if __name__ == '__main__':
    main()
