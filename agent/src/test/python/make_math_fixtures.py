#!/usr/bin/python3
"""NumPy's elementary functions on the arguments the LoG detector feeds them, for the Java tests.

    /usr/bin/python3 agent/src/test/python/make_math_fixtures.py agent/src/test/resources/detect/math

Each line holds an argument and NumPy's result as hexadecimal floats (float32 as raw bits).
"""
import os
import sys

import numpy as np


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(7)
    with open(os.path.join(out, "exp.txt"), "w") as f:  # Gaussian kernel arguments -x^2 / (2 s^2)
        for _ in range(5000):
            s = rng.uniform(0.3, 30)
            r = int(4 * s + 0.5)
            a = (-0.5 / (s * s)) * float(rng.integers(0, r + 1) ** 2)
            f.write(f"{a.hex()} {float(np.exp(np.array([a]))[0]).hex()}\n")
    with open(os.path.join(out, "log10.txt"), "w") as f:
        for x in rng.uniform(0.05, 50, 5000):
            f.write(f"{float(x).hex()} {float(np.log10(np.array([x]))[0]).hex()}\n")
    with open(os.path.join(out, "pow10.txt"), "w") as f:
        for y in rng.uniform(-1.5, 1.7, 5000):
            f.write(f"{float(y).hex()} {float(np.power(10.0, np.array([y]))[0]).hex()}\n")
    with open(os.path.join(out, "log10f.txt"), "w") as f:
        xs = rng.uniform(0.05, 50, 5000).astype(np.float32)
        for x, l in zip(xs, np.log10(xs)):
            f.write(f"{int(x.view(np.uint32))} {int(np.float32(l).view(np.uint32))}\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "agent/src/test/resources/detect/math")
