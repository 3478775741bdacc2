#!/usr/bin/python3
"""Make the LoG fixtures: frames plus scikit-image's blob_log output for them.

Run with Debian's Python (python3-skimage 0.19.3):

    /usr/bin/python3 agent/src/test/python/make_log_fixtures.py agent/src/test/resources/detect/log

For every case it writes CASE.npy (the input frame, in its own dtype) and CASE.json:
{"params": {...}, "blobs": [[row, col, sigma], ...], "peaks": n, "order_sensitive": bool}
The Java tests read them and need no Python. The frames are made here (not by the Java
simulator) so the fixtures stay independent of the code under test.
"""
import json
import math
import os
import sys

import numpy as np
import scipy
import skimage
from scipy import spatial
from skimage.feature import blob_log
from skimage.feature import blob as skblob


def spots(shape, centres, amplitudes, sigma_px):
    """Sum of Gaussian spots, evaluated within 4 sigma of each centre."""
    img = np.zeros(shape)
    h, w = shape
    r = int(4 * sigma_px + 1)
    for (y, x), a in zip(centres, amplitudes):
        y0, y1 = max(0, int(y) - r), min(h, int(y) + r + 2)
        x0, x1 = max(0, int(x) - r), min(w, int(x) + r + 2)
        if y0 >= y1 or x0 >= x1:
            continue
        yy, xx = np.mgrid[y0:y1, x0:x1]
        img[y0:y1, x0:x1] += a * np.exp(-((yy - y) ** 2 + (xx - x) ** 2) / (2 * sigma_px ** 2))
    return img


def lattice(kind, shape, spacing_px, angle_deg, rng):
    """Atom centres of a honeycomb (graphene, C-C = spacing) or a centred square (SrTiO3 [001]:
    Sr corners, Ti-O centres, a = spacing * sqrt(2)); returns centres and Z-contrast amplitudes."""
    h, w = shape
    t = math.radians(angle_deg)
    rot = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    if kind == "graphene":
        a = spacing_px * math.sqrt(3)
        a1, a2 = np.array([a, 0.0]), np.array([a / 2, a * math.sqrt(3) / 2])
        basis = [(np.zeros(2), 1.0), ((a1 + a2) / 3, 1.0)]
    else:
        a = spacing_px * math.sqrt(2)
        a1, a2 = np.array([a, 0.0]), np.array([0.0, a])
        basis = [(np.zeros(2), 1.0), ((a1 + a2) / 2, 0.55)]
    n = int(max(h, w) / (spacing_px * 0.5)) + 4
    centre = np.array([h / 2, w / 2])
    pts, amps = [], []
    for i in range(-n, n + 1):
        for j in range(-n, n + 1):
            for b, amp in basis:
                p = rot @ (i * a1 + j * a2 + b) + centre
                if -8 <= p[0] < h + 8 and -8 <= p[1] < w + 8:
                    pts.append(p)
                    amps.append(amp * (2.2 if kind == "graphene" and rng.random() < 0.03 else 1.0))
    return pts, amps


def frame(kind, shape, spacing_px, noise, seed, dtype="float64", angle=None, probe=None):
    rng = np.random.default_rng(seed)
    angle = rng.uniform(0, 60) if angle is None else angle
    pts, amps = lattice(kind, shape, spacing_px, angle, rng)
    img = spots(shape, pts, amps, probe if probe else spacing_px / 4.5)
    img = (img - img.min()) / (img.max() - img.min())
    img = img + rng.normal(0, noise, shape) if noise > 0 else img
    if dtype == "float32":
        return img.astype(np.float32)
    if dtype in ("uint8", "uint16"):
        top = np.iinfo(dtype).max
        lo, hi = img.min(), img.max()
        return np.round((img - lo) / (hi - lo) * top).astype(dtype)
    return img


def prune_sorted(peaks, overlap):
    """blob.py's pruning, but visiting the pairs in sorted (i, j) order instead of set order."""
    arr = peaks.copy()
    sigma = arr[:, -1:].max()
    distance = 2 * sigma * math.sqrt(arr.shape[1] - 1)
    tree = spatial.cKDTree(arr[:, :-1])
    for (i, j) in sorted(tree.query_pairs(distance)):
        b1, b2 = arr[i], arr[j]
        if skblob._blob_overlap(b1, b2, sigma_dim=1) > overlap:
            if b1[-1] > b2[-1]:
                b2[-1] = 0
            else:
                b1[-1] = 0
    return np.stack([b for b in arr if b[-1] > 0])


# scikit-image's peaks before pruning: capture the argument of _prune_blobs.
_captured = {}
_real_prune = skblob._prune_blobs


def _capturing_prune(blobs_array, overlap, *, sigma_dim=1):
    _captured["peaks"] = blobs_array.copy()
    return _real_prune(blobs_array, overlap, sigma_dim=sigma_dim)


skblob._prune_blobs = _capturing_prune

# name, material, (h, w), C-C or column spacing px, noise, seed, dtype, blob_log kwargs
CASES = [
    ("graphene_256_n00", "graphene", (256, 256), 10, 0.0, 1, "float64", dict(min_sigma=2, max_sigma=6, threshold=0.05)),
    ("graphene_256_n01", "graphene", (256, 256), 10, 0.1, 2, "float64", dict(min_sigma=1, max_sigma=6, threshold=0.1)),
    ("graphene_256_n03", "graphene", (256, 256), 10, 0.3, 3, "float64", dict(min_sigma=2, max_sigma=6, threshold=0.2)),
    ("graphene_256_n05", "graphene", (256, 256), 10, 0.5, 4, "float64", dict(min_sigma=2.5, max_sigma=5, threshold=0.3, overlap=0.3)),
    ("graphene_200_n09", "graphene", (200, 200), 12, 0.9, 5, "float64", dict(min_sigma=2, max_sigma=6, threshold=0.4)),
    ("graphene_odd_131x97", "graphene", (131, 97), 9, 0.2, 6, "float64", dict(min_sigma=1.5, max_sigma=4.5, num_sigma=7, threshold=0.1)),
    ("graphene_f32_160", "graphene", (160, 160), 10, 0.2, 7, "float32", dict(min_sigma=2, max_sigma=6, threshold=0.1)),
    ("graphene_u8_128x190", "graphene", (128, 190), 10, 0.15, 8, "uint8", dict(min_sigma=1, max_sigma=5, threshold=0.05)),
    ("graphene_u16_150", "graphene", (150, 150), 8, 0.25, 9, "uint16", dict(min_sigma=1, max_sigma=4, threshold=0.08, overlap=0.7)),
    ("graphene_logscale", "graphene", (144, 176), 10, 0.1, 10, "float64", dict(min_sigma=1, max_sigma=8, num_sigma=12, threshold=0.1, log_scale=True)),
    ("graphene_descending", "graphene", (128, 128), 10, 0.1, 11, "float64", dict(min_sigma=6, max_sigma=2, threshold=0.1)),
    ("graphene_rel", "graphene", (150, 150), 10, 0.3, 12, "float64", dict(min_sigma=2, max_sigma=6, threshold=0.05, threshold_rel=0.3)),
    ("graphene_border", "graphene", (150, 150), 10, 0.2, 13, "float64", dict(min_sigma=2, max_sigma=6, threshold=0.1, exclude_border=7)),
    ("graphene_lowthr_noise", "graphene", (96, 96), 10, 0.6, 14, "float64", dict(min_sigma=1, max_sigma=6, threshold=0.02, overlap=0.5)),
    ("graphene_paper_ranges", "graphene", (128, 128), 10, 0.2, 15, "float64", dict(min_sigma=0.6, max_sigma=3.2, threshold=0.15, overlap=0.2)),
    ("srtio3_256_n00", "srtio3", (256, 256), 9, 0.0, 21, "float64", dict(min_sigma=2, max_sigma=6, threshold=0.05)),
    ("srtio3_256_n02", "srtio3", (256, 256), 9, 0.2, 22, "float64", dict(min_sigma=2, max_sigma=6, threshold=0.1)),
    ("srtio3_256_n05", "srtio3", (256, 256), 9, 0.5, 23, "float64", dict(min_sigma=2, max_sigma=6, threshold=0.25, overlap=0.3)),
    ("srtio3_200_n07", "srtio3", (200, 200), 11, 0.7, 24, "float64", dict(min_sigma=2, max_sigma=6, threshold=0.3)),
    ("srtio3_odd_101x157", "srtio3", (101, 157), 9, 0.1, 25, "float64", dict(min_sigma=1, max_sigma=5, num_sigma=5, threshold=0.1)),
    ("srtio3_f32_192x128", "srtio3", (192, 128), 9, 0.3, 26, "float32", dict(min_sigma=1.5, max_sigma=6, threshold=0.12, log_scale=True)),
    ("srtio3_u8_plateau", "srtio3", (120, 120), 10, 0.0, 27, "uint8", dict(min_sigma=1, max_sigma=4, num_sigma=4, threshold=0.02)),
    ("srtio3_u16_rel", "srtio3", (140, 180), 9, 0.2, 28, "uint16", dict(min_sigma=2, max_sigma=5, threshold=0.0, threshold_rel=0.2)),
    ("srtio3_nothreshold", "srtio3", (64, 80), 9, 0.1, 29, "float64", dict(min_sigma=2, max_sigma=4, num_sigma=3, threshold=None)),
    ("srtio3_f32_border_desc", "srtio3", (150, 150), 9, 0.2, 30, "float32", dict(min_sigma=5, max_sigma=1.5, num_sigma=8, threshold=0.1, exclude_border=3)),
    ("srtio3_overlap_zero", "srtio3", (128, 128), 9, 0.4, 31, "float64", dict(min_sigma=1, max_sigma=6, threshold=0.1, overlap=0.0)),
    ("srtio3_overlap_one", "srtio3", (128, 128), 9, 0.4, 32, "float64", dict(min_sigma=1, max_sigma=6, threshold=0.1, overlap=1.0)),
    ("srtio3_single_sigma", "srtio3", (96, 96), 9, 0.2, 33, "float64", dict(min_sigma=3, max_sigma=3, num_sigma=1, threshold=0.1)),
    # float32 with log-spaced scales: NumPy's float32 log10 is glibc's log10f, not correctly rounded
    ("srtio3_f32_log_a", "srtio3", (127, 163), 9, 0.2, 41, "float32", dict(min_sigma=1.71, max_sigma=4.457, num_sigma=4, threshold=0.086, overlap=0.242, log_scale=True)),
    ("graphene_f32_log_b", "graphene", (187, 259), 10, 0.3, 42, "float32", dict(min_sigma=1.233, max_sigma=5.232, num_sigma=12, threshold=0.184, threshold_rel=0.085, overlap=0.171, log_scale=True)),
    ("srtio3_f32_log_desc", "srtio3", (120, 150), 9, 0.1, 43, "float32", dict(min_sigma=3.903, max_sigma=2.024, num_sigma=6, threshold=0.2, overlap=0.53, exclude_border=3, log_scale=True)),
    ("empty_flat", None, (40, 50), 0, 0.0, 0, "float64", dict(min_sigma=1, max_sigma=3, threshold=0.1)),
]


def make(name, kind, shape, spacing, noise, seed, dtype):
    if kind is None:
        return np.full(shape, 0.5)
    img = frame(kind, shape, spacing, noise, seed, dtype)
    if name == "srtio3_u8_plateau":
        # saturate the brightest columns: flat tops give tied maxima (plateaus)
        img = np.minimum(img.astype(np.int32) * 2, 255).astype(np.uint8)
    return img


def main(out):
    os.makedirs(out, exist_ok=True)
    index = []
    for name, kind, shape, spacing, noise, seed, dtype, kw in CASES:
        img = make(name, kind, shape, spacing, noise, seed, dtype)
        _captured.clear()
        blobs = blob_log(img, **kw)
        peaks = _captured.get("peaks")
        overlap = kw.get("overlap", 0.5)
        sensitive = False
        if peaks is not None and len(peaks) > 1:
            alt = prune_sorted(peaks, overlap)
            key = lambda a: sorted(map(tuple, a.tolist()))
            sensitive = key(alt) != key(blobs)
        np.save(os.path.join(out, name + ".npy"), img)
        params = dict(kw)
        params.setdefault("num_sigma", 10)
        params.setdefault("threshold", 0.2)
        params.setdefault("overlap", 0.5)
        params.setdefault("log_scale", False)
        params.setdefault("threshold_rel", None)
        params.setdefault("exclude_border", 0)
        doc = {
            "params": params,
            "dtype": str(img.dtype),
            "shape": list(img.shape),
            "peaks": 0 if peaks is None else int(len(peaks)),
            "order_sensitive": bool(sensitive),
            "blobs": [[float(v) for v in b] for b in blobs],
        }
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(doc, f)
        index.append(name)
        print(f"{name:28s} {str(img.dtype):8s} {img.shape} peaks={doc['peaks']:5d} "
              f"blobs={len(blobs):5d} order_sensitive={sensitive}")
    with open(os.path.join(out, "index.json"), "w") as f:
        json.dump({"skimage": skimage.__version__, "scipy": scipy.__version__, "numpy": np.__version__,
                   "cases": index}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "agent/src/test/resources/detect/log")
