#!/usr/bin/python3
"""Compares `stemloop info --json` with HyperSpy, file by file, and prints a Markdown table.

    cd ../shared/data/real
    stemloop info --json *.dm3 *.dm4 *.ser *.mrc > /tmp/info.json   # the spectrum is refused on stderr
    /usr/bin/python3 .../agent/src/test/python/info_vs_hyperspy.py /tmp/info.json *.dm3 *.dm4 *.ser *.mrc

For each file: shape, pixel size per axis in angstrom and the mean of the stored values from both,
and whether they agree (shape equal, pixel sizes and mean within 1e-6 relative). Files stemloop did
not list (refused) are shown with HyperSpy's signal class.
"""
import json
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")
import hyperspy.api as hs  # noqa: E402

ANGSTROM_PER = {"m": 1e10, "um": 1e4, "µm": 1e4, "nm": 10.0, "A": 1.0, "Å": 1.0, "pm": 0.01}


def close(a, b):
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-300)


def main():
    ours = {o["path"]: o for o in json.load(open(sys.argv[1]))}
    print("| file | shape (stemloop / HyperSpy) | pixel size Å, rows x columns (stemloop / HyperSpy) | mean (stemloop / HyperSpy) | agree |")
    print("|---|---|---|---|---|")
    for path in sys.argv[2:]:
        s = hs.load(path)
        o = ours.get(path)
        if o is None:
            print("| %s | refused / %s %s | | | refused: HyperSpy reads a %s |" % (path, type(s).__name__, list(s.data.shape),
                                                                                 type(s).__name__))
            continue
        axes = s.axes_manager._axes
        hs_px = [float(a.scale) * ANGSTROM_PER.get(str(a.units), float("nan")) for a in axes[-2:]]
        hs_mean = float(np.asarray(s.data).mean(dtype=np.float64))
        px = o["pixel_size_angstrom"] or [None, None]
        same_shape = list(o["shape"]) == list(s.data.shape)
        same_px = all(close(a, b) for a, b in zip(px, hs_px))
        same_mean = close(o["mean"], hs_mean)
        print("| %s | %s / %s | %s / %s | %.9g / %.9g | %s |" % (
            path, o["shape"], list(s.data.shape), ["%.6g" % v for v in px], ["%.6g" % v for v in hs_px],
            o["mean"], hs_mean, "yes" if same_shape and same_px and same_mean
            else "shape %s, pixel size %s, mean %s" % (same_shape, same_px, same_mean)))


if __name__ == "__main__":
    main()
