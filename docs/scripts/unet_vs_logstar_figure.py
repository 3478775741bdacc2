#!/usr/bin/python3
"""docs/img/unet_vs_logstar.png: F1 of LoG* and the U-Net per case, and two frames with both methods' atoms.

Usage: unet_vs_logstar_figure.py OUT_DIR REAL_DIR OUT.png
  OUT_DIR is what docs/scripts/unet_vs_logstar.sh wrote (results.tsv, runs/, frames/).
"""
import csv
import json
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def atoms(path):
    d = json.load(open(path))
    a = d["atoms"] if isinstance(d, dict) else d
    return np.array([[p[0], p[1]] for p in a]).reshape(-1, 2)


def truth(path):
    d = json.load(open(path))
    return np.array([[p[0], p[1]] for p in d["atoms"]]).reshape(-1, 2)


def panel(ax, image, found, reference, title, crop):
    r0, r1, c0, c1 = crop
    ax.imshow(image[r0:r1, c0:c1], cmap="gray")
    for pts, style in ((reference, dict(marker="+", c="yellow", s=40)),
                       (found["log*"], dict(marker="o", facecolors="none", edgecolors="deepskyblue", s=70)),
                       (found["unet"], dict(marker="o", facecolors="none", edgecolors="red", s=30))):
        keep = (pts[:, 0] >= r0) & (pts[:, 0] < r1) & (pts[:, 1] >= c0) & (pts[:, 1] < c1)
        ax.scatter(pts[keep, 1] - c0, pts[keep, 0] - r0, linewidths=1.2, **style)
    ax.set_title(title, fontsize=10)
    ax.axis("off")


def main(out_dir, real_dir, out):
    f1 = defaultdict(lambda: defaultdict(list))
    counts = defaultdict(lambda: defaultdict(lambda: np.zeros(3)))
    order = []
    for row in csv.DictReader(open(f"{out_dir}/results.tsv"), delimiter="\t"):
        if row["case"] not in order:
            order.append(row["case"])
        counts[row["case"]][row["method"]] += [int(row["tp"]), int(row["fp"]), int(row["fn"])]
    fig = plt.figure(figsize=(16, 11))
    ax = fig.add_axes([0.06, 0.56, 0.9, 0.38])
    x = np.arange(len(order))
    for k, (method, colour) in enumerate((("log*", "deepskyblue"), ("unet", "red"))):
        vals = []
        for case in order:
            tp, fp, fn = counts[case][method]
            vals.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0)
        bars = ax.bar(x + (k - 0.5) * 0.38, vals, 0.38, color=colour, label=method)
        for b, v in zip(bars, vals):
            ax.text(b.get_x() + b.get_width() / 2, v + 0.01, f"{v:.2f}", ha="center", fontsize=8)
    ax.set_xticks(x)
    ax.set_xticklabels([c.replace(", ", ",\n").replace("OOD: ", "OOD:\n") for c in order], fontsize=8)
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("one-to-one F1 (pooled over seeds)")
    ax.axhline(0.93, color="grey", lw=0.8, ls="--")
    ax.legend(loc="lower left")
    ax.set_title("U-Net (red) against LoG* (blue): realistic simulated frames (vs truth) and real graphene (vs AtomNet)")
    runs = f"{out_dir}/runs"
    sim = f"{out_dir}/frames/graphene-dose10-424242"
    found = {m: atoms(f"{runs}/graphene-dose10-424242/{d}/detections.json") for m, d in (("log*", "logstar"), ("unet", "unet"))}
    panel(fig.add_axes([0.02, 0.02, 0.3, 0.48]), np.load(f"{sim}/frame.npy"), found, truth(f"{sim}/truth.json"),
          "realistic graphene, dose 10 (seed 424242), rows/cols 0-160", (0, 160, 0, 160))
    real = np.load(f"{real_dir}/graphene_gb_6nm.npy").astype(float)
    found = {m: atoms(f"{runs}/graphene_gb_6nm/{d}/detections.json") for m, d in (("log*", "logstar"), ("unet", "unet"))}
    ref = atoms(f"{real_dir}/graphene_gb_6nm.atomnet.json")
    panel(fig.add_axes([0.35, 0.02, 0.3, 0.48]), real, found, ref, "graphene_gb_6nm (0.117 Å/px), rows 300-512, cols 300-512",
          (300, 512, 300, 512))
    abf = f"{out_dir}/frames/srtio3-abf-424242"
    found = {m: atoms(f"{runs}/srtio3-abf-424242/{d}/detections.json") for m, d in (("log*", "logstar"), ("unet", "unet"))}
    panel(fig.add_axes([0.68, 0.02, 0.3, 0.48]), np.load(f"{abf}/frame.npy"), found, truth(f"{abf}/truth.json"),
          "OOD: SrTiO3 ABF (dark columns), rows/cols 0-200", (0, 200, 0, 200))
    fig.text(0.02, 0.515, "yellow +: truth (simulated) or AtomNet (real); blue: LoG*; red: U-Net", fontsize=10)
    fig.savefig(out, dpi=80)


if __name__ == "__main__":
    main(*sys.argv[1:4])
