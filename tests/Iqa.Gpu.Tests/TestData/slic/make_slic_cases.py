#!/usr/bin/python3
"""Small SLIC cases with labels computed by scikit-image itself (run with Debian's /usr/bin/python3:
scikit-image 0.19.3, numpy 1.24). Writes, next to this script:

- case images as PNG (8-bit RGB or gray, one 16-bit RGB), cut from refdata/synthetic/astronaut_ref.png
  (public domain) or generated with a seeded generator;
- for every case the label map of skimage.segmentation.slic as int32 .npy (row-major);
- overlay_caseNN.png: img_as_ubyte (img_as_uint for 16-bit input) of skimage.segmentation.mark_boundaries(image,
  labels) with its defaults, for a few cases (start_label 1 and 0, gray, 16-bit);
- lab_colors.png (RGB, 8-bit) and lab_colors.npy: skimage.color.rgb2lab of it, float64, to check Lab bit for bit;
- cases.json: the arguments of each case, its label count, how numpy computed pow/cbrt on this machine, and
  seed grids: regular_grid((1, H, W), n) as (start, step) per axis for assorted H, W, n, with the number of seeds
  it places and the grid _slic_cython derives from that number.

Usage: /usr/bin/python3 make_slic_cases.py [path/to/refdata]  (default: ../../../../../shared/refdata)
"""
import json
import os
import sys

import cv2
import numpy as np
import skimage
from numpy.core._multiarray_umath import __cpu_dispatch__, __cpu_features__
from skimage.color import rgb2lab
from skimage.segmentation import mark_boundaries, slic
from skimage.util import img_as_ubyte, img_as_uint
from skimage.util import regular_grid

HERE = os.path.dirname(os.path.abspath(__file__))
REFDATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', '..', '..', '..', 'shared', 'refdata')


def save_png(name, img):
    bgr = img[..., ::-1] if img.ndim == 3 else img
    assert cv2.imwrite(os.path.join(HERE, name), np.ascontiguousarray(bgr))
    back = cv2.imread(os.path.join(HERE, name), cv2.IMREAD_UNCHANGED)
    back = back[..., ::-1] if back.ndim == 3 else back
    assert back.dtype == img.dtype and np.array_equal(back, img), name


def smooth_noise(rng, h, w, channels):
    """Blobs of colour with seeded noise: superpixels have edges to follow."""
    y, x = np.mgrid[:h, :w]
    out = np.zeros((h, w, channels))
    for c in range(channels):
        for _ in range(4):
            cy, cx, s = rng.uniform(0, h), rng.uniform(0, w), rng.uniform(4, 12)
            out[..., c] += rng.uniform(40, 120) * np.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * s * s))
    out += rng.normal(0, 6, out.shape)
    return out


def main():
    astronaut = cv2.imread(os.path.join(REFDATA, 'synthetic', 'astronaut_ref.png'))[..., ::-1]
    rng = np.random.RandomState(20240611)
    images = {}
    images['astronaut_64x48.png'] = np.ascontiguousarray(astronaut[180:228, 200:264])
    images['astronaut_37x53.png'] = np.ascontiguousarray(astronaut[40:93, 300:337])
    images['astronaut_3x40.png'] = np.ascontiguousarray(astronaut[250:253, 100:140])
    images['blobs_gray_50x41.png'] = np.clip(smooth_noise(rng, 41, 50, 1)[..., 0] + 60, 0, 255).astype(np.uint8)
    images['blobs_rgb_9x7.png'] = np.clip(smooth_noise(rng, 7, 9, 3) + 50, 0, 255).astype(np.uint8)
    images['flat_gray_16x16.png'] = np.full((16, 16), 77, np.uint8)
    # 16-bit samples over the whole range (the min-max stretch and img_as_float's 1/65535 both matter).
    images['blobs_rgb16_40x30.png'] = np.clip(smooth_noise(rng, 30, 40, 3) * 300 + 2000, 0, 65535).astype(np.uint16)
    for name, img in images.items():
        save_png(name, img)

    cases = [
        dict(image='astronaut_64x48.png', n_segments=20),
        dict(image='astronaut_64x48.png', n_segments=7),
        dict(image='astronaut_64x48.png', n_segments=100, compactness=0.5),
        dict(image='astronaut_64x48.png', n_segments=30, compactness=100, start_label=0),
        dict(image='astronaut_64x48.png', n_segments=40, enforce_connectivity=False),
        dict(image='astronaut_64x48.png', n_segments=25, min_size_factor=0.2, max_size_factor=0.7),
        dict(image='astronaut_64x48.png', n_segments=12, max_num_iter=3),
        dict(image='astronaut_37x53.png', n_segments=9),
        dict(image='astronaut_37x53.png', n_segments=50),
        dict(image='astronaut_3x40.png', n_segments=5),
        dict(image='blobs_gray_50x41.png', n_segments=12),
        dict(image='blobs_gray_50x41.png', n_segments=33, compactness=0.05),
        dict(image='blobs_rgb_9x7.png', n_segments=100),
        dict(image='blobs_rgb_9x7.png', n_segments=4),
        dict(image='flat_gray_16x16.png', n_segments=4),
        dict(image='blobs_rgb16_40x30.png', n_segments=10),
    ]
    for i, case in enumerate(cases):
        img = images[case['image']]
        kwargs = {k: v for k, v in case.items() if k not in ('image',)}
        kwargs.setdefault('compactness', 10)
        kwargs.setdefault('start_label', 1)
        channel_axis = -1 if img.ndim == 3 else None
        labels = slic(img, channel_axis=channel_axis, **kwargs).astype('<i4')
        case.update(kwargs)
        case['labels'] = f'case{i:02d}_labels.npy'
        case['n_labels'] = int(len(np.unique(labels)))
        np.save(os.path.join(HERE, case['labels']), labels)
        if i in (0, 3, 10, 15):
            marked = mark_boundaries(img, labels)
            case['overlay'] = f'overlay_case{i:02d}.png'
            save_png(case['overlay'], img_as_uint(marked) if img.dtype == np.uint16 else img_as_ubyte(marked))

    # Lab: every gray level, then seeded random colours; 64 x 68 pixels.
    colors = np.concatenate([np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, axis=1),
                             rng.randint(0, 256, (64 * 68 - 256, 3)).astype(np.uint8)]).reshape(68, 64, 3)
    save_png('lab_colors.png', colors)
    np.save(os.path.join(HERE, 'lab_colors.npy'), rgb2lab(colors).astype('<f8'))

    grids = []
    sizes = [(48, 64, 20), (48, 64, 7), (20, 40, 8), (20, 40, 32), (3, 40, 5), (1, 100, 7), (7, 9, 100), (7, 9, 63),
             (7, 9, 62), (1080, 1920, 100), (1080, 1920, 400), (1080, 1920, 1600), (512, 512, 1600), (400, 600, 400),
             (5, 5, 1), (2, 1000, 3), (1000, 2, 3), (33, 33, 33)]
    sizes += [(int(rng.randint(1, 300)), int(rng.randint(1, 300)), int(rng.randint(1, 2000))) for _ in range(40)]
    for h, w, n in sizes:
        axes = regular_grid((1, h, w), n)
        seeds = len(range(h)[axes[1]]) * len(range(w)[axes[2]])
        window = regular_grid((1, h, w), seeds)
        as_pairs = lambda sl: [[int(s.start or 0), int(s.step or 1)] for s in sl]
        grids.append(dict(height=h, width=w, n=n, axes=as_pairs(axes), seeds=seeds, window=as_pairs(window)))

    manifest = dict(
        generator='make_slic_cases.py',
        scikit_image=skimage.__version__,
        numpy=np.__version__,
        # numpy runs np.power/np.cbrt through Intel SVML when it dispatches to AVX512_SKX, else through libm.
        numpy_svml=bool(__cpu_features__.get('AVX512_SKX') and 'AVX512_SKX' in __cpu_dispatch__),
        cases=cases,
        grids=grids,
    )
    with open(os.path.join(HERE, 'cases.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
