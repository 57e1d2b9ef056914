#!/usr/bin/python3
"""Reference quality maps, written with numpy/scipy/OpenCV straight from the published code, independently of the engine.
Run from the repository root: /usr/bin/python3 tests/Iqa.Gpu.Tests/TestData/maps/make_map_reference.py

Writes each map as raw little-endian float32, row-major (NAME.f32), and maps.csv: case, file, height, width, what.

- SSIM (ssim_index.m, Wang et al. 2004): window = fspecial('gaussian', 11, 1.5); C1 = (0.01 L)^2, C2 = (0.03 L)^2,
  L = 255; mu = filter2(window, img, 'valid') (and of img.^2, img1.*img2); ssim_map = ((2 mu1 mu2 + C1)(2 s12 + C2)) /
  ((mu1^2 + mu2^2 + C1)(s1^2 + s2^2 + C2)), cs_map = (2 s12 + C2) / (s1^2 + s2^2 + C2), in float64. Downsampling
  (Wang's ssim.m, msssim.m): imfilter(img, ones(f)/f^2, 'symmetric', 'same') then img(1:f:end, 1:f:end); imfilter
  centres the f x f box at floor((f + 1) / 2) (1-based), so taps run from -floor((f - 1)/2).
- MS-SSIM (msssim.m): 5 scales; cs_map at scales 1-4, ssim_map at scale 5, the 2x2 box of the downsampling above
  between scales.
- GMSD (GMSD.m): the GMS quality_map of TestData/gmsd/make_gmsd_reference.py (imported).
- LPIPS upsampling: torch.nn.Upsample(size, mode='bilinear', align_corners=False) as aten's CPU kernel computes it
  (UpSample.h area_pixel_compute_source_index, guard_index_and_lambda; UpSampleKernel.cpp's separable interpolation),
  in float32; checked here against OpenCV's cv2.resize(INTER_LINEAR), a second implementation of the same
  half-pixel convention, to 2e-6.
Inputs are MATLAB rgb2gray of refdata/synthetic's uint8 RGB images (rounded), as double on 0..255.
"""
import csv
import os
import sys

import cv2
import numpy as np
from scipy.signal import correlate2d

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(ROOT, "..", "gmsd"))
from make_gmsd_reference import gmsd, read_rgb, rgb2gray_matlab, SYNTHETIC  # noqa: E402


def gaussian_window(n=11, sigma=1.5):
    x = np.arange(n) - (n - 1) / 2
    g = np.exp(-(x[:, None] ** 2 + x[None, :] ** 2) / (2 * sigma * sigma))
    return g / g.sum()


def ssim_maps(a, b, data_range=255.0):
    w = gaussian_window()
    c1, c2 = (0.01 * data_range) ** 2, (0.03 * data_range) ** 2
    f = lambda x: correlate2d(x, w, mode="valid")  # filter2 is correlation
    mu1, mu2 = f(a), f(b)
    s11 = f(a * a) - mu1 * mu1
    s22 = f(b * b) - mu2 * mu2
    s12 = f(a * b) - mu1 * mu2
    cs = (2 * s12 + c2) / (s11 + s22 + c2)
    ssim = (2 * mu1 * mu2 + c1) * (2 * s12 + c2) / ((mu1 ** 2 + mu2 ** 2 + c1) * (s11 + s22 + c2))
    return ssim, cs


def box_downsample(img, f):
    lo = (f - 1) // 2
    hi = f - 1 - lo
    padded = np.pad(img, ((lo, hi), (lo, hi)), mode="symmetric")
    out = np.zeros_like(img)
    for dy in range(f):
        for dx in range(f):
            out += padded[dy:dy + img.shape[0], dx:dx + img.shape[1]]
    return (out / (f * f))[::f, ::f]


def torch_upsample(src, out_h, out_w):
    src = src.astype(np.float32)

    def axis(n_in, n_out):
        if n_in == n_out:
            i = np.arange(n_out)
            return i, i, np.ones(n_out, np.float32), np.zeros(n_out, np.float32)
        scale = np.float32(n_in) / np.float32(n_out)
        pos = scale * (np.arange(n_out, dtype=np.float32) + np.float32(0.5)) - np.float32(0.5)
        pos = np.maximum(pos, np.float32(0))
        i0 = np.minimum(np.floor(pos).astype(np.int64), n_in - 1)
        w1 = np.clip(pos - i0.astype(np.float32), np.float32(0), np.float32(1)).astype(np.float32)
        i1 = np.where(i0 < n_in - 1, i0 + 1, i0)
        return i0, i1, (np.float32(1) - w1).astype(np.float32), w1

    r0, r1, wy0, wy1 = axis(src.shape[0], out_h)
    c0, c1, wx0, wx1 = axis(src.shape[1], out_w)
    top = src[r0][:, c0] * wx0 + src[r0][:, c1] * wx1
    bottom = src[r1][:, c0] * wx0 + src[r1][:, c1] * wx1
    return (top * wy0[:, None] + bottom * wy1[:, None]).astype(np.float32)


def gray(name):
    return rgb2gray_matlab(read_rgb(os.path.join(SYNTHETIC, name)))


def main():
    rows = []

    def store(case, array, what):
        file = f"{case}.f32"
        array.astype("<f4").tofile(os.path.join(ROOT, file))
        rows.append({"case": case, "file": file, "height": array.shape[0], "width": array.shape[1], "what": what})

    ref, jpeg, noise = gray("chelsea_ref.png"), gray("chelsea_jpeg20.png"), gray("chelsea_noise10.png")
    # SSIM without downsampling, on a crop with odd sides
    crop = (slice(40, 137), slice(100, 183))
    store("ssim_f1", ssim_maps(ref[crop], jpeg[crop])[0], "ssim map, chelsea jpeg20 gray [40:137, 100:183], no downsampling")
    # SSIM after 2x2 and 3x3 box downsampling, on the whole 300x451 image (odd width: the symmetric padding is used)
    for f in (2, 3):
        store(f"ssim_f{f}", ssim_maps(box_downsample(ref, f), box_downsample(jpeg, f))[0],
              f"ssim map, chelsea jpeg20 gray, {f}x{f} box downsampling")
    # MS-SSIM's five maps on a 180x193 crop (the smallest size with five scales is 176)
    a, b = ref[60:240, 200:393], noise[60:240, 200:393]
    for s in range(1, 6):
        ssim, cs = ssim_maps(a, b)
        store(f"ms_ssim_s{s}", ssim if s == 5 else cs, f"ms_ssim scale {s} {'ssim' if s == 5 else 'cs'} map, chelsea noise10 gray [60:240, 200:393]")
        a, b = box_downsample(a, 2), box_downsample(b, 2)
    # GMSD's GMS map of the whole image
    store("gms", gmsd(ref, jpeg)[1], "GMS map, chelsea jpeg20 gray")
    # PyTorch's bilinear upsampling of random maps (the shapes of LPIPS layers: non-integer ratios, one equal axis)
    rng = np.random.default_rng(20240601)
    for (h, w, oh, ow) in ((5, 7, 23, 31), (33, 60, 135, 240), (16, 9, 16, 40), (1, 3, 4, 11)):
        src = rng.random((h, w), dtype=np.float32)
        up = torch_upsample(src, oh, ow)
        cv = cv2.resize(src, (ow, oh), interpolation=cv2.INTER_LINEAR)
        assert np.abs(up - cv).max() < 2e-6, f"PyTorch formula and OpenCV differ by {np.abs(up - cv).max()}"
        store(f"upsample_{h}x{w}_src", src, f"random {h}x{w} map")
        store(f"upsample_{h}x{w}_to_{oh}x{ow}", up, f"bilinear upsampling to {oh}x{ow}, align_corners=False")

    with open(os.path.join(ROOT, "maps.csv"), "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["case", "file", "height", "width", "what"])
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
