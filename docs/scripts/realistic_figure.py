#!/usr/bin/python3
"""docs/img/realistic_sim.png: each realistic preset beside a real frame, and its truth overlaid.

Usage: realistic_figure.py REAL_DIR SIM_DIR OUT.png
  SIM_DIR holds one folder per preset (haadf-nion-graphene, haadf-srtio3, abf-srtio3), each written by
  `stemloop simulate --preset NAME --out SIM_DIR/NAME`.
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

ROWS = [("graphene_gb_6nm.npy", 0.117, "haadf-nion-graphene"),
        ("srtio3_haadf_1024.npy", 0.1001, "haadf-srtio3"),
        ("srtio3_abf_atomap.npy", 0.09326, "abf-srtio3")]
COLOURS = {"C": "lime", "Si": "red", "Sr": "orange", "Ti-O": "deepskyblue"}


def main(real_dir, sim_dir, out):
    fig, axes = plt.subplots(3, 3, figsize=(15, 15.6))
    for (real, real_pixel, preset), ax in zip(ROWS, axes):
        r = np.load(f"{real_dir}/{real}").astype(float)[:512, :512]
        s = np.load(f"{sim_dir}/{preset}/frame.npy")
        t = json.load(open(f"{sim_dir}/{preset}/truth.json"))
        ax[0].imshow(r, cmap="gray")
        ax[0].set_title(f"real: {real} ({real_pixel} Å/px)", fontsize=11)
        for a in ax[1:]:
            a.imshow(s, cmap="gray")
        spec = t["realistic"]
        ax[1].set_title(f"simulated: {preset} ({t['pixel_size_angstrom']} Å/px, told "
                        f"{t['told_pixel_size_angstrom']:.4g}), dose {spec['dose_electrons_per_pixel']:g} e/px",
                        fontsize=10)
        atoms = t["atoms"]
        for label, colour in COLOURS.items():
            pts = np.array([[a[0], a[1]] for a in atoms if a[2] == label]).reshape(-1, 2)
            if len(pts):
                ax[2].plot(pts[:, 1], pts[:, 0], "+", color=colour, ms=5, mew=1, label=f"{label} ({len(pts)})")
        theta = np.linspace(0, 2 * np.pi, 200)
        for g in t["regions"]:
            rad = g["radius_pixels"] * (1 + sum(a * np.cos((k + 2) * theta + p)
                                                for k, (a, p) in enumerate(zip(g["harmonics"], g["phases"]))))
            ax[2].plot(g["col"] + rad * np.cos(theta), g["row"] + rad * np.sin(theta),
                       "-", color="yellow" if g["kind"] == "contamination" else "magenta", lw=1.5)
        ax[2].set_xlim(-0.5, s.shape[1] - 0.5)
        ax[2].set_ylim(s.shape[0] - 0.5, -0.5)
        ax[2].legend(loc="lower left", fontsize=9)
        ax[2].set_title(f"truth: {len(atoms)} atoms, rotation {spec['rotation_degrees']:.1f}°; "
                        f"holes magenta, contamination yellow", fontsize=10)
        for a in ax:
            a.set_xticks([])
            a.set_yticks([])
    plt.tight_layout()
    plt.savefig(out, dpi=50)
    # Noise compresses badly: 255 colours (octree keeps the rare marker colours) halve the bytes.
    from PIL import Image
    Image.open(out).convert("RGB").quantize(colors=255, method=Image.Quantize.FASTOCTREE).save(out, optimize=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
