#!/usr/bin/env bash
# Writes the compat test clips (YUV4MPEG2, 3 frames each) into the folder given as $1, deterministically:
# FFmpeg's testsrc2 pattern (integer drawing) with seeded integer noise as the reference source, x264
# (single-threaded, so its output depends only on its version) for the distortions, and FFmpeg's bit-exact
# H.264 decoder back to Y4M. clips.md5 beside this script lists the files this produced with Debian 12's
# ffmpeg 5.1 / libx264 164; the tests regenerate the clips with this script and refuse to compare when a
# file's MD5 differs.
#
#   <name>_ref.y4m  <name>_dist.y4m   for   <name> = WxH, bit depth:
#   s352_8   352x288  8-bit  no SSIM downsampling in libvmaf (round(288/256) = 1)
#   s640_8   640x480  8-bit  libvmaf downsamples by 2 (round(480/256) = 2)
#   s720_8   720x576  8-bit  downsampling by 2; chroma 360 wide (FFmpeg's SSE4 ssim row end, see docs)
#   s401_8   401x385  8-bit  odd size (chroma 201x193), downsampling by 2 (385/256 = 1.504 rounds to 2)
#   s352_10  352x288 10-bit  no downsampling
#   s640_10  640x480 10-bit  downsampling by 2
#   s352_12  352x288 12-bit  the 8-bit noisy source shifted to 12 bits, distorted by a box blur (no x264)
#   s176_16  176x176 16-bit  likewise at 16 bits; the smallest size libvmaf's MS-SSIM takes
set -euo pipefail
out=${1:?usage: make_clips.sh OUTPUT_FOLDER}
mkdir -p "$out"
ff() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }
x264() { # $1 source, $2 crf, $3 pixel format, $4 output .y4m, [$5 extra filter after decoding]
  ff -i "$1" -c:v libx264 -preset medium -threads 1 -crf "$2" -pix_fmt "$3" "$4.h264"
  ff -i "$4.h264" -vf "${5:-null}" -pix_fmt "$3" -strict -1 "$4"
  rm "$4.h264"
}
# $1 name, $2 encoded width, $3 height, $4 pixel format, $5 reference crf, $6 distorted crf, [$7 crop]
clip() {
  local src="$out/$1_src.y4m"
  ff -f lavfi -i "testsrc2=size=$2x$3:rate=25,format=yuv420p,noise=alls=14:allf=t:all_seed=4242,format=$4" \
     -frames:v 3 -sws_flags bitexact+accurate_rnd -strict -1 "$src"
  x264 "$src" "$5" "$4" "$out/$1_ref.y4m" "${7:-null}"
  x264 "$src" "$6" "$4" "$out/$1_dist.y4m" "${7:-null}"
  rm "$src"
}
# $1 name, $2 width, $3 height, $4 pixel format: the noisy source in that format, and its box blur.
blurred() {
  ff -f lavfi -i "testsrc2=size=$2x$3:rate=25,format=yuv420p,noise=alls=14:allf=t:all_seed=4242,format=$4" \
     -frames:v 3 -sws_flags bitexact+accurate_rnd -strict -1 "$out/$1_ref.y4m"
  ff -i "$out/$1_ref.y4m" -vf boxblur=1:1 -strict -1 "$out/$1_dist.y4m"
}
clip s352_8  352 288 yuv420p     14 36
clip s640_8  640 480 yuv420p     14 22
clip s720_8  720 576 yuv420p     14 38
clip s401_8  402 386 yuv420p     14 30 crop=401:385:0:0:exact=1
clip s352_10 352 288 yuv420p10le  8 20
clip s640_10 640 480 yuv420p10le  8 34
blurred s352_12 352 288 yuv420p12le
blurred s176_16 176 176 yuv420p16le
