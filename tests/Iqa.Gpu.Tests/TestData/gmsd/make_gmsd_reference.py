#!/usr/bin/python3
"""GMSD reference values, written straight from the authors' GMSD.m (Xue, Zhang, Mou, Bovik 2014) with numpy/scipy,
independently of the engine. Run from the repository root: /usr/bin/python3 tests/Iqa.Gpu.Tests/TestData/gmsd/make_gmsd_reference.py

GMSD.m (the published code):
    T = 170; Down_step = 2;
    dx = [1 0 -1; 1 0 -1; 1 0 -1]/3; dy = dx';
    aveKernel = fspecial('average', 2);
    aveY1 = conv2(Y1, aveKernel, 'same'); aveY2 = conv2(Y2, aveKernel, 'same');
    Y1 = aveY1(1:Down_step:end, 1:Down_step:end); Y2 = aveY2(1:Down_step:end, 1:Down_step:end);
    IxY1 = conv2(Y1, dx, 'same'); IyY1 = conv2(Y1, dy, 'same'); gradientMap1 = sqrt(IxY1.^2 + IyY1.^2);
    (same for Y2)
    quality_map = (2*gradientMap1.*gradientMap2 + T) ./ (gradientMap1.^2 + gradientMap2.^2 + T);
    score = std2(quality_map);
Inputs are MATLAB rgb2gray of the uint8 RGB images (rounded), as double on 0..255.

MATLAB's conv2(A, K, 'same') is the full convolution's central part starting at index floor(size(K)/2) (0-based);
scipy.signal.convolve2d(..., 'same') starts at (size(K)-1)//2, which differs for the even 2x2 kernel, so the full
convolution is sliced here by MATLAB's rule. std2 is the sample standard deviation (N - 1), computed in float64.
"""
import csv
import os

import cv2
import numpy as np
from scipy.signal import convolve2d

ROOT = os.path.dirname(os.path.abspath(__file__))
SYNTHETIC = os.path.join(ROOT, "..", "..", "..", "..", "..", "shared", "refdata", "synthetic")


def matlab_conv2_same(a, k):
    full = convolve2d(a, k, mode="full")
    r0, c0 = k.shape[0] // 2, k.shape[1] // 2
    return full[r0:r0 + a.shape[0], c0:c0 + a.shape[1]]


def rgb2gray_matlab(rgb):
    # rgb2gray.m on uint8: round(0.298936021293775 R + 0.587043074451121 G + 0.114020904255103 B), half away from zero
    r, g, b = (rgb[..., i].astype(np.float64) for i in range(3))
    v = 0.298936021293775 * r + 0.587043074451121 * g + 0.114020904255103 * b
    return np.floor(v + 0.5)


def gmsd(y1, y2):
    t = 170.0
    dx = np.array([[1, 0, -1]] * 3, dtype=np.float64) / 3
    dy = dx.T
    ave = np.full((2, 2), 0.25)
    y1 = matlab_conv2_same(y1, ave)[::2, ::2]
    y2 = matlab_conv2_same(y2, ave)[::2, ::2]
    g1 = np.sqrt(matlab_conv2_same(y1, dx) ** 2 + matlab_conv2_same(y1, dy) ** 2)
    g2 = np.sqrt(matlab_conv2_same(y2, dx) ** 2 + matlab_conv2_same(y2, dy) ** 2)
    q = (2 * g1 * g2 + t) / (g1 ** 2 + g2 ** 2 + t)
    return float(np.std(q, ddof=1)), q


def read_rgb(path):
    return cv2.cvtColor(cv2.imread(path, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)


def main():
    rows = []
    for name in ("astronaut", "coffee", "chelsea"):
        ref = rgb2gray_matlab(read_rgb(os.path.join(SYNTHETIC, f"{name}_ref.png")))
        for dist in ("noise10", "blur2", "jpeg20"):
            d = rgb2gray_matlab(read_rgb(os.path.join(SYNTHETIC, f"{name}_{dist}.png")))
            score, q = gmsd(ref, d)
            rows.append({"ref_file": f"{name}_ref.png", "dist_file": f"{name}_{dist}.png",
                         "gmsd": repr(score), "map_mean": repr(float(q.mean())), "map_h": q.shape[0], "map_w": q.shape[1]})
        # an odd-size crop: the 2x2 average's zero padding reaches the last row and column
        crop = (slice(0, 201), slice(0, 257))
        d = rgb2gray_matlab(read_rgb(os.path.join(SYNTHETIC, f"{name}_jpeg20.png")))
        score, q = gmsd(ref[crop], d[crop])
        rows.append({"ref_file": f"{name}_ref.png[0:201,0:257]", "dist_file": f"{name}_jpeg20.png[0:201,0:257]",
                     "gmsd": repr(score), "map_mean": repr(float(q.mean())), "map_h": q.shape[0], "map_w": q.shape[1]})
    # a mild distortion (GMS values within about 1e-4 of 1): the gray astronaut with 1 added to every 97th sample
    # (row-major, clipped at 255), stored as gray images by the test
    ref = rgb2gray_matlab(read_rgb(os.path.join(SYNTHETIC, "astronaut_ref.png")))
    mild = ref.copy().reshape(-1)
    mild[::97] = np.minimum(255, mild[::97] + 1)
    score, q = gmsd(ref, mild.reshape(ref.shape))
    rows.append({"ref_file": "astronaut_ref.png(gray)", "dist_file": "astronaut_ref.png(gray,+1 every 97th)",
                 "gmsd": repr(score), "map_mean": repr(float(q.mean())), "map_h": q.shape[0], "map_w": q.shape[1]})
    with open(os.path.join(ROOT, "gmsd_reference.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
