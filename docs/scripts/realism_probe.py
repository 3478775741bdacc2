#!/usr/bin/python3
"""Figures that compare simulated frames with real ones (docs/simulator.md, "Where the numbers come from").

Usage: realism_probe.py FILE.npy[:ROWS,COLS] PIXEL_ANGSTROM [FILE PIXEL ...]
  e.g. realism_probe.py ../shared/data/real/graphene_gb_6nm.npy:0:320,0:512 0.117

For each image (optionally a crop, numpy slice syntax) it prints:
  p5, p50, p95, p99.5   percentiles of the pixel values
  noise                 white-noise standard deviation: std(x - mean of its 4 neighbours) / sqrt(1.25)
  CNR                   (p95 - p5) / noise: how far the lattice contrast stands above the noise
  white                 share of the variance that is white (pixel-to-pixel) noise, from the
                        autocorrelation: 1 - ACF(0+) where ACF(0+) extrapolates lags 1-3 to 0
  bg/peak               (p5 - p0.1) / (p99 - p0.1): the level between columns over the column peaks,
                        both above the darkest pixels
  fwhm                  spot FWHM in A from the autocorrelation's half width / sqrt(2) (lattice images
                        with resolved columns only; meaningless when white noise dominates)
"""
import sys
import numpy as np


def load(arg):
    path, _, crop = arg.partition(":")
    a = np.load(path).astype(float)
    if crop:
        rows, cols = crop.split(",")
        r0, r1 = (int(x) for x in rows.split(":"))
        c0, c1 = (int(x) for x in cols.split(":"))
        a = a[r0:r1, c0:c1]
    return a


def figures(a, pixel):
    p01, p5, p50, p95, p99, p995 = np.percentile(a, [0.1, 5, 50, 95, 99, 99.5])
    d = a[1:-1, 1:-1] - 0.25 * (a[:-2, 1:-1] + a[2:, 1:-1] + a[1:-1, :-2] + a[1:-1, 2:])
    noise = np.std(d) / np.sqrt(1.25)
    z = a - a.mean()
    f = np.fft.fft2(z)
    acf = np.real(np.fft.ifft2(np.abs(f) ** 2))
    acf /= acf[0, 0]
    prof = [(acf[0, k] + acf[k, 0] + acf[0, -k] + acf[-k, 0]) / 4 for k in range(40)]
    a0 = 3 * prof[1] - 3 * prof[2] + prof[3]
    half = a0 / 2
    k = 1
    while k < 39 and prof[k] > half:
        k += 1
    kh = k - 1 + (prof[k - 1] - half) / (prof[k - 1] - prof[k])
    fwhm = 2 * kh / np.sqrt(2) * pixel
    return dict(p5=p5, p50=p50, p95=p95, p995=p995, noise=noise, cnr=(p95 - p5) / noise,
                white=1 - a0, bg=(p5 - p01) / (p99 - p01), fwhm=fwhm)


def main(argv):
    print("%-48s %9s %9s %9s %9s %8s %6s %6s %7s %6s" % ("image", "p5", "p50", "p95", "p99.5", "noise", "CNR",
                                                           "white", "bg/peak", "fwhm"))
    for arg, pixel in zip(argv[0::2], argv[1::2]):
        f = figures(load(arg), float(pixel))
        name = arg.split("/")[-1]
        print("%-48s %9.4g %9.4g %9.4g %9.4g %8.3g %6.1f %6.2f %7.2f %6.2f" % (
            name, f["p5"], f["p50"], f["p95"], f["p995"], f["noise"], f["cnr"], f["white"], f["bg"], f["fwhm"]))


if __name__ == "__main__":
    main(sys.argv[1:])
