#!/usr/bin/python3
"""What HyperSpy reads from the real DM3/DM4/SER/MRC files, as a committed fixture for the Java readers.

Run with Debian's Python and python3-hyperspy (1.7), from the repository root:
    /usr/bin/python3 agent/src/test/python/hyperspy_fixtures.py [REAL_DIR]
REAL_DIR defaults to $STEMLOOP_SHARED/data/real, else ../shared/data/real beside the repository. Writes
agent/src/test/resources/image/hyperspy_real.json: for each file its HyperSpy signal class, shape
(frames first), dtype, per-axis scale and units as HyperSpy gives them, the scale in angstrom where
the units are a length, the mean of the stored values, and the stored values at a few fixed
positions (corners, centre and seeded random pixels of the first and last frames). Files HyperSpy
reads as something other than an image or a stack of images (a spectrum) are recorded with their
signal class only. The Java tests (HyperSpySideBySideTest) need no Python: they read this file.
"""
import json
import os
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")
import hyperspy.api as hs  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
OUT = os.path.join(ROOT, "agent", "src", "test", "resources", "image", "hyperspy_real.json")
ANGSTROM_PER = {"m": 1e10, "mm": 1e7, "um": 1e4, "µm": 1e4, "μm": 1e4, "nm": 10.0, "A": 1.0, "Å": 1.0, "pm": 0.01}


def positions(shape, rng):
    """(frame, row, col) triples: the four corners and the centre of the first and last frame, and 6 random."""
    frames = shape[0] if len(shape) == 3 else 1
    rows, cols = shape[-2], shape[-1]
    out = []
    for f in sorted({0, frames - 1}):
        out += [(f, 0, 0), (f, 0, cols - 1), (f, rows - 1, 0), (f, rows - 1, cols - 1), (f, rows // 2, cols // 2)]
    for _ in range(6):
        out.append((int(rng.randint(frames)), int(rng.randint(rows)), int(rng.randint(cols))))
    return out


def describe(path):
    s = hs.load(path)
    entry = {"signal": type(s).__name__, "hyperspy": hs.__version__}
    if s.axes_manager.signal_dimension != 2 or s.data.ndim not in (2, 3):
        entry["shape"] = list(s.data.shape)
        return entry
    data = np.asarray(s.data)
    axes = []
    for ax in s.axes_manager._axes:  # array order: frames, rows, columns
        units = str(ax.units)
        axes.append({
            "name": str(ax.name),
            "scale": float(ax.scale),
            "units": units,
            "angstrom": float(ax.scale) * ANGSTROM_PER[units] if units in ANGSTROM_PER else None,
        })
    rng = np.random.RandomState(len(os.path.basename(path)))
    samples = []
    for f, r, c in positions(data.shape, rng):
        value = data[f, r, c] if data.ndim == 3 else data[r, c]
        samples.append([f, r, c, float(value)])
    entry.update({
        "shape": list(data.shape),
        "dtype": str(data.dtype),
        "axes": axes,
        "mean": float(data.mean(dtype=np.float64)),
        "samples": samples,
    })
    return entry


def main():
    shared = os.environ.get("STEMLOOP_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
    real = sys.argv[1] if len(sys.argv) > 1 else os.path.join(shared, "data", "real")
    files = sorted(f for f in os.listdir(real) if f.lower().endswith((".dm3", ".dm4", ".ser", ".mrc")))
    fixture = {name: describe(os.path.join(real, name)) for name in files}
    with open(OUT, "w") as out:
        json.dump(fixture, out, indent=1, sort_keys=True, ensure_ascii=False)
        out.write("\n")
    print("wrote %d files to %s" % (len(fixture), OUT))


if __name__ == "__main__":
    main()
