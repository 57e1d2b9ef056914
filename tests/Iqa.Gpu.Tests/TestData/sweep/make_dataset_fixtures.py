#!/usr/bin/python3
"""Fixtures for the dataset readers (Iqa.Gpu.Sweeps.Datasets): each dataset's published layout in miniature.

Run with Debian's interpreter (numpy, scipy, OpenCV; openpyxl from the python3-openpyxl package for CSIQ's .xlsx):

    /usr/bin/python3 tests/Iqa.Gpu.Tests/TestData/sweep/make_dataset_fixtures.py

It rewrites datasets/, mat/ and csiq_malformed.DMOS.xlsx beside itself (the .mat headers and the .xlsx archives
carry their creation time, so a rerun changes those bytes and nothing else). The images are 4x4 placeholders (the readers never decode them);
the score files follow the real releases' formats (see each reader's documentation for the source of each
format). mat/ holds MAT-files written by scipy.io.savemat (format 5, with and without compression) and
mat_expected.json, what was written into them, for the MAT-file reader's tests.
"""
import json
import os
import shutil

import cv2
import numpy as np
import openpyxl
import scipy.io

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "datasets")


def image(path, seed):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    rng = np.random.default_rng(seed)
    cv2.imwrite(path, rng.integers(0, 256, size=(4, 4, 3), dtype=np.uint8))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        f.write(text)


def kadid():
    root = os.path.join(OUT, "kadid10k")
    rows = [("I01_01_01.png", "I01.png", 4.57, 0.496), ("I01_05_03.png", "I01.png", 3.1, 0.89),
            ("I02_25_05.png", "I02.png", 1.42, 0.3), ("I02_11_02.png", "I02.png", 2.86, 1.02)]
    write(os.path.join(root, "dmos.csv"),
          "dist_img,ref_img,dmos,var\n" + "".join(f"{d},{r},{m},{v}\n" for d, r, m, v in rows))
    for i, name in enumerate(sorted({r[0] for r in rows} | {r[1] for r in rows})):
        image(os.path.join(root, "images", name), i)


def tid2013():
    root = os.path.join(OUT, "tid2013")
    # The release's 25th reference is i25.bmp (lower case) where the others are I01.BMP...
    rows = [(5.51429, "i01_01_1.bmp"), (3.0, "i01_08_5.bmp"), (4.25641, "i25_24_3.bmp"), (6.02564, "I25_10_2.BMP")]
    write(os.path.join(root, "mos_with_names.txt"), "".join(f"{m} {n}\r\n" for m, n in rows))
    image(os.path.join(root, "reference_images", "I01.BMP"), 1)
    image(os.path.join(root, "reference_images", "i25.bmp"), 2)
    for i, (_, n) in enumerate(rows):
        image(os.path.join(root, "distorted_images", n), 10 + i)


def live():
    root = os.path.join(OUT, "live")
    folders = [("jp2k", 227), ("jpeg", 233), ("wn", 174), ("gblur", 174), ("fastfading", 174)]
    refs = ["parrots.bmp", "monarch.bmp"]
    distorted = {("jp2k", 1): ("parrots.bmp", 61.2), ("jp2k", 2): ("monarch.bmp", 35.5), ("jpeg", 1): ("monarch.bmp", 72.25),
                 ("wn", 3): ("parrots.bmp", 20.0), ("gblur", 1): ("parrots.bmp", 45.75), ("fastfading", 174): ("monarch.bmp", 50.5)}
    dmos, orgs, refnames = [], [], []
    for folder, count in folders:
        info = []
        for k in range(1, count + 1):
            ref, score = distorted.get((folder, k), (refs[k % 2], 0.0))
            is_org = (folder, k) not in distorted
            dmos.append(score)
            orgs.append(1 if is_org else 0)
            refnames.append(ref)
            info.append(f"{ref} img{k}.bmp {0.5 * k:.6f} \n")
            if not is_org:
                image(os.path.join(root, folder, f"img{k}.bmp"), k)
        write(os.path.join(root, folder, "info.txt"), "".join(info))
    for i, r in enumerate(refs):
        image(os.path.join(root, "refimgs", r), 100 + i)
    # As in the release: 1x982 row vectors; orgs written as uint8 exercises a non-double class.
    scipy.io.savemat(os.path.join(root, "dmos.mat"), {"dmos": np.array([dmos]), "orgs": np.array([orgs], dtype=np.uint8)},
                     format="5", do_compression=False)
    cells = np.empty((1, len(refnames)), dtype=object)
    cells[0, :] = refnames
    scipy.io.savemat(os.path.join(root, "refnames_all.mat"), {"refnames_all": cells}, format="5", do_compression=True)


def csiq():
    root = os.path.join(OUT, "csiq")
    rows = [(1600, 1, "noise", 1, 0.061, 0.062), (1600, 1, "noise", 2, 0.097, 0.206), (1600, 3, "jpeg 2000", 3, 0.05, 0.354),
            ("boston", 5, "blur", 5, 0.12, 0.741), ("boston", 4, "fnoise", 2, 0.08, 0.13), ("boston", 6, "contrast", 1, 0.02, 0.011),
            (1600, 2, "jpeg", 4, 0.1, 0.48)]
    os.makedirs(root, exist_ok=True)
    csiq_book(rows, os.path.join(root, "csiq.DMOS.xlsx"))
    # For the reader's error test: the third data row (sheet row 5) has a type CSIQ does not have.
    csiq_book(rows[:2] + [(1600, 7, "sharpen", 1, 0.01, 0.2)] + rows[3:], os.path.join(HERE, "csiq_malformed.DMOS.xlsx"))
    folders = {"noise": ("awgn", "AWGN"), "jpeg": ("jpeg", "JPEG"), "jpeg 2000": ("jpeg2000", "jpeg2000"), "fnoise": ("fnoise", "fnoise"),
               "blur": ("blur", "BLUR"), "contrast": ("contrast", "contrast")}
    for i, (img, _, kind, level, _, _) in enumerate(rows):
        folder, tag = folders[kind]
        image(os.path.join(root, "dst_imgs", folder, f"{img}.{tag}.{level}.png"), i)
    image(os.path.join(root, "src_imgs", "1600.png"), 50)
    image(os.path.join(root, "src_imgs", "boston.png"), 51)


def csiq_book(rows, path):
    book = openpyxl.Workbook()
    decoy = book.active
    decoy.title = "all_by_distortion"
    decoy.append(["this sheet is not read"])
    sheet = book.create_sheet("all_by_image")
    # The release's sheet starts in column B, below a title row.
    sheet.append([None, "CSIQ DMOS, all by image"])
    sheet.append([None, "image", "dst_idx", "dst_type", "dst_lev", "dmos_std", "dmos"])
    for r in rows:
        sheet.append([None, *r])
    book.save(path)


def koniq():
    root = os.path.join(OUT, "koniq10k")
    header = '"image_name","c1","c2","c3","c4","c5","c_total","MOS","SD","MOS_zscore"\n'
    rows = [("10004473376.jpg", 0, 0, 25, 73, 7, 105, 3.828571, 0.527278, 77.383621),
            ("10007357496.jpg", 0, 3, 45, 47, 1, 96, 3.479167, 0.580003, 68.728571),
            ("10082283025.jpg", 1, 11, 63, 28, 1, 104, 3.125, 0.660386, 58.817661)]
    write(os.path.join(root, "koniq10k_scores_and_distributions.csv"),
          header + "".join('"' + r[0] + '",' + ",".join(str(v) for v in r[1:]) + "\n" for r in rows))
    for i, r in enumerate(rows):
        image(os.path.join(root, "1024x768", r[0]), i)


def pipal():
    root = os.path.join(OUT, "pipal")
    labels = {"A0001": [("A0001_00_00.bmp", 1509.9126), ("A0001_10_02.bmp", 1387.5)], "A0002": [("A0002_03_01.bmp", 1602.25)]}
    for ref, lines in labels.items():
        write(os.path.join(root, "Train_Label", ref + ".txt"), "".join(f"{n},{s}\n" for n, s in lines))
        image(os.path.join(root, "Train_Ref", ref + ".bmp"), int(ref[1:]))
        for i, (n, _) in enumerate(lines):
            image(os.path.join(root, "Train_Dis", n), 10 * int(ref[1:]) + i)


def generic_csv():
    root = os.path.join(OUT, "csv")
    write(os.path.join(root, "scores.csv"),
          "ref,dist,mos,type\nrefs/a.png,dist/a_blur.png,3.5,blur\nrefs/a.png,dist/a_noise.png,2.25,noise\n"
          "refs/b.png,dist/b_blur.png,4.75,blur\nrefs/b.png,\"dist/b, noisy.png\",1.5,\n")
    for i, n in enumerate(["refs/a.png", "refs/b.png", "dist/a_blur.png", "dist/a_noise.png", "dist/b_blur.png", "dist/b, noisy.png"]):
        image(os.path.join(root, n), 200 + i)


def mat_files():
    root = os.path.join(HERE, "mat")
    os.makedirs(root, exist_ok=True)
    cells = np.empty((1, 3), dtype=object)
    cells[0, :] = ["womanhat.bmp", "", "sailing2.bmp"]
    variables = {
        "row": np.array([[1.5, -2.25, 3e-7, 1e300, 0.0]]),
        "matrix": np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),
        "u8": np.array([[0, 1, 255]], dtype=np.uint8),
        "i16": np.array([[-32768, 7, 32767]], dtype=np.int16),
        "f32": np.array([[0.5, -1.25]], dtype=np.float32),
        "x": np.array([[42.0]]),
        "text": "hello",
        "rows": np.array(["ab", "cd"]),
        "names": cells,
        "record": {"a": 1.0},
        "z": np.array([[1 + 2j]]),
    }
    expected = {
        "row": {"dims": [1, 5], "values": [1.5, -2.25, 3e-7, 1e300, 0.0]},
        "matrix": {"dims": [2, 3], "values": [1.0, 4.0, 2.0, 5.0, 3.0, 6.0]},
        "u8": {"dims": [1, 3], "values": [0.0, 1.0, 255.0]},
        "i16": {"dims": [1, 3], "values": [-32768.0, 7.0, 32767.0]},
        "f32": {"dims": [1, 2], "values": [0.5, -1.25]},
        "x": {"dims": [1, 1], "values": [42.0]},
        "text": {"dims": [1, 5], "text": "hello"},
        "rows": {"dims": [2, 2], "text": "ab\ncd"},
        "names": {"dims": [1, 3], "cells": ["womanhat.bmp", "", "sailing2.bmp"]},
        "record": {"dims": [1, 1], "unsupported": "struct"},
        "z": {"dims": [1, 1], "unsupported": "complex double"},
    }
    for compressed in (False, True):
        scipy.io.savemat(os.path.join(root, f"variables_{'compressed' if compressed else 'plain'}.mat"), variables,
                         format="5", do_compression=compressed)
    with open(os.path.join(root, "mat_expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    for make in (kadid, tid2013, live, csiq, koniq, pipal, generic_csv):
        make()
    mat_files()


if __name__ == "__main__":
    main()
