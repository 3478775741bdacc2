#!/usr/bin/python3
"""Calibrated TIFF fixtures written by tifffile (not by stemloop), and what HyperSpy reads from them.

Run with Debian's Python (numpy, tifffile, python3-hyperspy) from the repository root:
    /usr/bin/python3 agent/src/test/python/make_tiff_calibration_fixtures.py
Writes into agent/src/test/resources/image/: ImageJ TIFFs (unit nm, non-square; a 3-page stack in
micron), an OME-TIFF (PhysicalSizeX/Y in nm) and an FEI-style TIFF (tag 34682 with [Scan]
PixelWidth/PixelHeight in metres, HV, detector, date), and tiff_calibration.json: for each the shape,
the pixel size in angstrom [row, column] that was written, and HyperSpy's axes (scale, units) where
it reads them, for reference.
"""
import json
import os
import warnings

import numpy as np
import tifffile

warnings.filterwarnings("ignore")
import hyperspy.api as hs  # noqa: E402

OUT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "resources", "image"))
ramp = (np.arange(12 * 20).reshape(12, 20) * 100).astype(np.uint16)
fixtures = {}


def record(name, written_angstrom, metadata=None):
    path = os.path.join(OUT, name)
    s = hs.load(path)
    fixtures[name] = {
        "shape": list(np.asarray(s.data).shape),
        "pixel_size_angstrom": written_angstrom,
        "metadata": metadata or {},
        "hyperspy_axes": [[float(a.scale), str(a.units)] for a in s.axes_manager._axes],
    }


# ImageJ: resolution is pixels per unit, (x, y); 0.05 nm columns, 0.04 nm rows
tifffile.imwrite(os.path.join(OUT, "tiff_imagej_nm.tif"), ramp, imagej=True, resolution=(1 / 0.05, 1 / 0.04),
                 metadata={"unit": "nm"})
record("tiff_imagej_nm.tif", [0.4, 0.5])
tifffile.imwrite(os.path.join(OUT, "tiff_imagej_stack.tif"), np.stack([ramp, ramp + 1, ramp + 2]), imagej=True,
                 resolution=(1 / 0.0002, 1 / 0.0002), metadata={"unit": "micron", "axes": "ZYX"})
record("tiff_imagej_stack.tif", [2.0, 2.0])
tifffile.imwrite(os.path.join(OUT, "tiff_ome.ome.tif"), ramp.astype(np.float32),
                 metadata={"axes": "YX", "PhysicalSizeX": 0.03, "PhysicalSizeXUnit": "nm",
                           "PhysicalSizeY": 0.03, "PhysicalSizeYUnit": "nm"})
record("tiff_ome.ome.tif", [0.3, 0.3])
ini = ("[User]\r\nDate=12/02/2026\r\nTime=01:02:03\r\n[Beam]\r\nHV=200000\r\n[Scan]\r\nPixelWidth=1.5e-11\r\n"
       "PixelHeight=1.5e-11\r\n[Detectors]\r\nName=HAADF\r\n")
tifffile.imwrite(os.path.join(OUT, "tiff_fei.tif"), ramp, extratags=[(34682, "s", 0, ini, True)])
record("tiff_fei.tif", [0.15, 0.15], {"voltage": "200.0 kV", "detector": "HAADF", "date": "12/02/2026 01:02:03"})

with open(os.path.join(OUT, "tiff_calibration.json"), "w") as out:
    json.dump(fixtures, out, indent=1, sort_keys=True)
    out.write("\n")
print("wrote %d TIFF fixtures to %s" % (len(fixtures), OUT))
