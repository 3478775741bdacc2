#!/usr/bin/python3
"""Regenerates the image reader fixtures and their expected values.

Run from this folder with Debian's Python (numpy, scikit-image, tifffile, Pillow):
    /usr/bin/python3 make_fixtures.py
Writes tiny images (3 x 5, non-square to catch transposes) in every NPY dtype, memory order, byte
order and format version, TIFF and PNG variants, and expected.json: for each file the shape and
skimage.img_as_float of what numpy/tifffile/Pillow read, row-major, as exact float64 reprs
(rgb2gray for the colour PNG), plus the precision stemloop must report.
"""
import json
import os

import h5py
import numpy as np
import tifffile
from PIL import Image
from skimage import img_as_float
from skimage.color import rgb2gray

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.RandomState(20240607)
expected = {}


def sample(dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == 'b':
        return rng.rand(3, 5) > 0.5
    if dtype.kind in 'ui':
        info = np.iinfo(dtype)
        a = rng.randint(info.min, info.max, size=(3, 5), dtype=np.int64 if dtype.itemsize < 8 else dtype)
        a = a.astype(dtype)
        a[0, 0], a[0, 1] = info.min, info.max  # the extremes map to -1 (or 0) and 1
        return a
    a = (rng.randn(3, 5) * 100).astype(dtype)
    a[0, 0] = 0.0
    return a


def precision(dtype):
    return 'FLOAT32' if np.dtype(dtype) in (np.float16, np.float32) else 'FLOAT64'


def record(name, image, dtype, values=None):
    values = img_as_float(image) if values is None else values
    expected[name] = {
        'shape': list(image.shape[:2]),
        'precision': precision(dtype),
        'values': [float(v) for v in np.asarray(values, dtype=np.float64).ravel()],
    }


for base in ['b1', 'i1', 'u1', 'i2', 'u2', 'i4', 'u4', 'i8', 'u8', 'f2', 'f4', 'f8']:
    image = sample(base)
    for order in ['<', '>']:
        if base in ('b1', 'i1', 'u1') and order == '>':
            continue
        descr = ('|' if base in ('b1', 'i1', 'u1') else order) + base
        for fortran in (False, True):
            a = np.asarray(image, dtype=np.dtype(descr), order='F' if fortran else 'C')
            name = 'npy_%s%s_%s.npy' % ('be_' if order == '>' else '', np.dtype(base).name, 'F' if fortran else 'C')
            np.save(os.path.join(HERE, name), a)
            record(name, image, base)

# Header versions 2.0 and 3.0 and the accepted 3-D shapes.
image = sample('u2')
for version in [(2, 0), (3, 0)]:
    name = 'npy_v%d_uint16.npy' % version[0]
    with open(os.path.join(HERE, name), 'wb') as f:
        np.lib.format.write_array(f, image, version=version)
    record(name, image, 'u2')
np.save(os.path.join(HERE, 'npy_3d_trailing1.npy'), image[:, :, None])
record('npy_3d_trailing1.npy', image, 'u2')
np.save(os.path.join(HERE, 'npy_3d_leading1_F.npy'), np.asfortranarray(image[None, :, :]))
record('npy_3d_leading1_F.npy', image, 'u2')

# TIFF: 8 and 16-bit unsigned, 32-bit float.
for dtype in ['u1', 'u2', 'f4']:
    image = np.abs(sample(dtype))
    name = 'tiff_%s.tif' % np.dtype(dtype).name
    tifffile.imwrite(os.path.join(HERE, name), image)
    record(name, tifffile.imread(os.path.join(HERE, name)), dtype)

# PNG: 8 and 16-bit gray, gray saved as RGB, true colour.
gray8 = sample('u1')
Image.fromarray(gray8, mode='L').save(os.path.join(HERE, 'png_gray8.png'))
record('png_gray8.png', gray8, 'u1')
gray16 = sample('u2')
Image.fromarray(gray16.astype(np.uint16)).save(os.path.join(HERE, 'png_gray16.png'))
back16 = np.asarray(Image.open(os.path.join(HERE, 'png_gray16.png'))).astype(np.uint16)
assert (back16 == gray16).all()
record('png_gray16.png', gray16, 'u2')
Image.fromarray(np.stack([gray8] * 3, axis=-1), mode='RGB').save(os.path.join(HERE, 'png_rgb_gray.png'))
record('png_rgb_gray.png', gray8, 'u1')
colour = rng.randint(0, 256, size=(3, 5, 3)).astype(np.uint8)
Image.fromarray(colour, mode='RGB').save(os.path.join(HERE, 'png_rgb_colour.png'))
record('png_rgb_colour.png', colour, 'u1', rgb2gray(colour))

# EMD: a Velox stack of 3 frames (the first is read) with per-frame metadata, a Berkeley 3-D series.
stack = np.stack([sample('u2') for _ in range(3)], axis=-1)
with h5py.File(os.path.join(HERE, 'emd_velox_stack.emd'), 'w') as f:
    g = f.create_group('Data/Image/0123456789abcdef0123456789abcdef')
    g['Data'] = stack
    docs = [json.dumps({'BinaryResult': {'PixelSize': {'width': '%r' % w, 'height': '%r' % w},
                                         'PixelUnitX': 'm', 'PixelUnitY': 'm'}}).encode() for w in (2.5e-11, 9e-11, 9e-11)]
    column = np.zeros((400, 3), dtype=np.uint8)
    for i, d in enumerate(docs):
        column[:len(d), i] = np.frombuffer(d, dtype=np.uint8)
    g['Metadata'] = column
record('emd_velox_stack.emd', stack[:, :, 0], 'u2')
expected['emd_velox_stack.emd']['pixel_size_angstrom'] = 0.25

series = np.stack([sample('u2') for _ in range(2)], axis=0)
with h5py.File(os.path.join(HERE, 'emd_berkeley_series.emd'), 'w') as f:
    f.attrs['version_major'] = 0
    f.attrs['version_minor'] = 2
    g = f.create_group('data/series')
    g.attrs['emd_group_type'] = 1
    g['data'] = series
    for i, (n, step, unit) in enumerate([(2, 1.0, b's'), (3, 0.05, b'n_m'), (5, 0.05, b'n_m')]):
        d = g.create_dataset('dim%d' % (i + 1), data=(np.arange(n) * step).astype(np.float32))
        d.attrs['name'] = [b't', b'Y', b'X'][i]
        d.attrs['units'] = unit
record('emd_berkeley_series.emd', series[0], 'u2')
expected['emd_berkeley_series.emd']['pixel_size_angstrom'] = 0.5

with open(os.path.join(HERE, 'expected.json'), 'w') as f:
    json.dump(expected, f, indent=1, sort_keys=True)
print(len(expected), 'fixtures')
