#!/usr/bin/env bash
# Reference outputs of libvmaf's `vmaf` tool and of FFmpeg's ssim/psnr filters on the clips of make_clips.sh,
# for tests/Iqa.Gpu.Tests/Compat. Usage: VMAF=/path/to/vmaf bash make_reference.sh
#
# Tools that made the committed outputs:
#   libvmaf v3.2.0 (commit 3f9e02af258a5c0e30124fc585a3c3af90126dee), its `vmaf` tool: meson release build
#     (the project's default buildtype) with the float feature extractors compiled in (meson option
#     enable_float=true), every other option at its default; gcc 12.2, x86-64 (no -march: no FMA contraction).
#   FFmpeg 5.1.9 as Debian 12 packages it (7:5.1.9-0+deb12u1), x86-64 with its SSE2/SSSE3/SSE4 assembly.
#
# What each output file holds (<c> = clip name):
#   vmaf/<c>.json      default options: float_ssim, float_ms_ssim, psnr (psnr_y, psnr_cb, psnr_cr).
#   vmaf/<c>_ctc.json  the AOM CTC options (what `vmaf --aom_ctc` sets for these features):
#                      float_ssim/float_ms_ssim with enable_db=true:clip_db=true, psnr with
#                      reduced_hbd_peak=true:enable_apsnr=true:min_sse=0.5. The tool prints 6 decimals; the dB
#                      form -10 log10(1 - score) carries about 100x more digits of the score near 1, which the
#                      tests use to check the scores to ~1e-8.
#   vmaf/same_<c>.json, vmaf/same_<c>_ctc.json   the same with the reference as both inputs (identical frames).
#   vmaf/<c>_scale<N>.json  float_ssim with the explicit decimation factor scale=N, and the luminance, contrast
#                      and structure means of float_ssim and of each float_ms_ssim scale (enable_lcs=true).
#   The odd-size clip goes to libvmaf as raw 4:2:0 whose chroma planes are floor(w/2) x floor(h/2): libvmaf's
#   pictures have chroma of w >> 1 by h >> 1, and the tool reads Y4M/YUV frames straight into them, so the
#   Y4M (chroma rounded up, as FFmpeg writes it) loses framing and crashes the tool. The 16-bit clip goes as
#   raw YUV too: the tool's Y4M reader does not know 16-bit colourspaces.
#   ffmpeg/<c>.ssim.log, ffmpeg/<c>.psnr.log   the filters' stats files, main = distorted (first input),
#                      reference = second input, default CPU flags (SSE4 row ends in ssim).
#   ffmpeg/<c>.meta.txt   the frame metadata (lavfi.ssim.*, lavfi.psnr.*): floats printed with %f.
#   ffmpeg/<c>.ssim_c.log  the ssim stats file with -cpuflags 0, i.e. FFmpeg's C code.
#   ffmpeg/<c>.ssim_c_{y,u,v}.log  ssim of each plane alone (extractplanes: a gray stream, whose "All" is the
#                      plane's value and whose dB figure gives ~1e-8 of it), -cpuflags 0.
#   ffmpeg/same_<c>.*  the default run with the reference as both inputs.
set -euo pipefail
: "${VMAF:?set VMAF to the path of the vmaf tool of libvmaf}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bash "$here/make_clips.sh" "$work"
(cd "$work" && md5sum -- *.y4m) > "$here/clips.md5"
mkdir -p "$here/vmaf" "$here/ffmpeg"
rm -f "$here"/vmaf/*.json "$here"/ffmpeg/*

# Raw 4:2:0 with chroma planes cut to floor(w/2) x floor(h/2), the layout libvmaf's reader expects.
floor_chroma_yuv() { # $1 y4m, $2 output .yuv
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
header, _, rest = data.partition(b'\n')
tags = {t[0:1]: t[1:] for t in header.split()[1:]}
w, h = int(tags[b'W']), int(tags[b'H'])
b = 1 if tags[b'C'].startswith(b'420jpeg') or tags[b'C'] == b'420' else 2  # bytes per sample
cw, ch = (w + 1) // 2, (h + 1) // 2
frame = b * (w * h + 2 * cw * ch)
out = bytearray()
while rest:
    assert rest.startswith(b'FRAME\n')
    samples, rest = rest[6:6 + frame], rest[6 + frame:]
    out += samples[:b * w * h]
    for p in range(2):
        plane = samples[b * (w * h + p * cw * ch):b * (w * h + (p + 1) * cw * ch)]
        for r in range(h // 2):
            out += plane[b * r * cw:b * (r * cw + w // 2)]
open(sys.argv[2], 'wb').write(out)
PY
}

vmaf_run() { # $1 output stem, $2 ref, $3 dist, [$4... extra input options]
  local stem=$1 ref=$2 dist=$3
  shift 3
  "$VMAF" -q -n -r "$ref" -d "$dist" "$@" \
    --feature float_ssim --feature float_ms_ssim --feature psnr --json -o "$here/vmaf/$stem.json" >/dev/null
  "$VMAF" -q -n -r "$ref" -d "$dist" "$@" \
    --feature float_ssim=enable_db=true:clip_db=true --feature float_ms_ssim=enable_db=true:clip_db=true \
    --feature psnr=reduced_hbd_peak=true:enable_apsnr=true:min_sse=0.5 --json -o "$here/vmaf/${stem}_ctc.json" >/dev/null
}

ff() { ffmpeg -hide_banner -loglevel error -nostdin "$@"; }
ffmpeg_run() { # $1 output stem, $2 main (distorted), $3 reference
  local o="$here/ffmpeg/$1"
  ff -i "$2" -i "$3" -lavfi \
    "[0:v][1:v]ssim=stats_file=$o.ssim.log[m];[m][1:v]psnr=stats_file=$o.psnr.log,metadata=print:file=$o.meta.txt" \
    -f null -
}

for c in s352_8 s640_8 s720_8 s401_8 s352_10 s640_10 s352_12 s176_16; do
  ref="$work/${c}_ref.y4m" dist="$work/${c}_dist.y4m"
  if [ "$c" = s401_8 ] || [ "$c" = s176_16 ]; then
    floor_chroma_yuv "$ref" "$work/ref.yuv"
    floor_chroma_yuv "$dist" "$work/dist.yuv"
    size=$(head -1 "$ref" | sed -E 's/.* W([0-9]+) H([0-9]+) .*/-w \1 -h \2/')
    # shellcheck disable=SC2086
    vmaf_run "$c" "$work/ref.yuv" "$work/dist.yuv" $size -p 420 -b "${c##*_}"
  else
    vmaf_run "$c" "$ref" "$dist"
  fi
  ffmpeg_run "$c" "$dist" "$ref"
  o="$here/ffmpeg/$c"
  ff -cpuflags 0 -i "$dist" -i "$ref" -lavfi \
    "[0:v][1:v]ssim=stats_file=$o.ssim_c.log[all];
     [0:v]extractplanes=y+u+v[my][mu][mv];[1:v]extractplanes=y+u+v[ry][ru][rv];
     [my][ry]ssim=stats_file=$o.ssim_c_y.log[y];[mu][ru]ssim=stats_file=$o.ssim_c_u.log[u];
     [mv][rv]ssim=stats_file=$o.ssim_c_v.log[v]" \
    -map '[all]' -map '[y]' -map '[u]' -map '[v]' -f null -
done

vmaf_scale() { # $1 clip, $2 scale, $3 ref, $4 dist, [$5... extra input options]
  local c=$1 scale=$2 ref=$3 dist=$4
  shift 4
  "$VMAF" -q -n -r "$ref" -d "$dist" "$@" \
    --feature float_ssim=scale=$scale:enable_lcs=true --feature float_ms_ssim=enable_lcs=true \
    --json -o "$here/vmaf/${c}_scale$scale.json" >/dev/null
}
vmaf_scale s640_8 1 "$work/s640_8_ref.y4m" "$work/s640_8_dist.y4m"
vmaf_scale s640_8 3 "$work/s640_8_ref.y4m" "$work/s640_8_dist.y4m"
vmaf_scale s352_10 2 "$work/s352_10_ref.y4m" "$work/s352_10_dist.y4m"
floor_chroma_yuv "$work/s401_8_ref.y4m" "$work/ref.yuv"
floor_chroma_yuv "$work/s401_8_dist.y4m" "$work/dist.yuv"
vmaf_scale s401_8 4 "$work/ref.yuv" "$work/dist.yuv" -w 401 -h 385 -p 420 -b 8

for c in s352_8 s352_10; do
  vmaf_run "same_$c" "$work/${c}_ref.y4m" "$work/${c}_ref.y4m"
  ffmpeg_run "same_$c" "$work/${c}_ref.y4m" "$work/${c}_ref.y4m"
done
