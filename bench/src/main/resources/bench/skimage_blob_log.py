#!/usr/bin/python3
"""scikit-image's blob_log, timed: the reference side of `stemloop bench blobs`.

Usage: python3 skimage_blob_log.py JOB.json RESULT.json

JOB.json:    {"repeat": N, "cases": [{"id": str, "npy": path, "timed": bool,
              "params": {blob_log keyword arguments; null for None}}]}
RESULT.json: {"skimage": version, "numpy": .., "scipy": .., "python": ..,
              "cases": [{"id", "dtype", "shape", "times_ms": [...], "blobs": [[row, col, sigma], ...]}]}

A timed case runs once as a warm-up and then N times (time.perf_counter around the blob_log
call only; the frame is loaded before). An untimed case runs once. Progress goes to stderr;
nothing is printed on stdout. Exit code 3 when scikit-image cannot be imported.
"""
import json
import sys
import time

sys.stdout = sys.stderr  # stdout stays clean; everything human-readable goes to stderr

try:
    import numpy as np
    import scipy
    import skimage
    from skimage.feature import blob_log
except Exception as e:  # noqa: BLE001 - any import failure means "not available"
    print(f"scikit-image not importable by {sys.executable}: {type(e).__name__}: {e}", file=sys.stderr)
    sys.exit(3)


def run_case(case, repeat):
    img = np.load(case["npy"])
    kwargs = dict(case["params"])
    if not kwargs.get("exclude_border"):
        kwargs["exclude_border"] = False
    times = []
    if case.get("timed"):
        blob_log(img, **kwargs)
        for _ in range(repeat):
            t0 = time.perf_counter()
            blobs = blob_log(img, **kwargs)
            times.append((time.perf_counter() - t0) * 1e3)
    else:
        blobs = blob_log(img, **kwargs)
    return {
        "id": case["id"],
        "dtype": str(img.dtype),
        "shape": list(img.shape),
        "times_ms": times,
        "blobs": [[float(v) for v in b] for b in blobs],
    }


def main(job_path, result_path):
    with open(job_path) as f:
        job = json.load(f)
    repeat = int(job.get("repeat", 1))
    results = []
    for case in job["cases"]:
        results.append(run_case(case, repeat))
    doc = {
        "skimage": skimage.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "python": sys.version.split()[0],
        "cases": results,
    }
    with open(result_path, "w") as f:
        json.dump(doc, f)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: skimage_blob_log.py JOB.json RESULT.json", file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
