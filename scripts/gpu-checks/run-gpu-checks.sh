#!/bin/bash
# The GPU checks of the iqa package (docs/gpu-package.md), for a host with nothing installed: every iqa command on
# inputs the package generates itself, on the GPU backend and on the cpu backend, and every score of the two compared.
#
#   run-gpu-checks.sh OUTDIR [ACCELERATOR]      ACCELERATOR: cuda (default), opencl, ilgpu-cpu, cpu (local test)
#
# Writes into OUTDIR: progress.log (timestamped), steps.csv/.json (each step's exit code and time), agreement.csv/.json
# (max |difference| per score column against the tolerances), summary.json, logs/STEP.out|.err (each step's output),
# scores/CHECK.gpu|cpu.csv (the score files compared). Inputs are generated in a scratch folder (IQA_CHECK_WORK,
# default a new folder under TMPDIR, then removed). Every step runs under `timeout`, a failing step does not stop the
# run, and the whole run stays within IQA_CHECK_BUDGET_S seconds (steps that would start later are recorded as skipped).
# Exit status: 0 when every step exited as expected and every score agreed, 1 otherwise, 2 on bad usage.
#
# Settings (environment): IQA_CHECK_ACCELERATOR (if no second argument), IQA_CHECK_FRAMES (300), IQA_CHECK_PAIRS (16),
# IQA_CHECK_SIZE (1920x1080), IQA_CHECK_BUDGET_S (330), IQA_CHECK_STEP_TIMEOUT_S (120), IQA_CHECK_WORK,
# IQA_CHECK_BENCH_SIZES (1920x1080,3840x2160), IQA_CHECK_BENCH_MIN_TIME_S (1).
set -u
export PATH="${PATH:-/usr/local/bin:/usr/bin:/bin}"

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 OUTDIR [ACCELERATOR]" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
iqa="$here/bin/iqa"
out="$(mkdir -p "$1" && cd "$1" && pwd)" || { echo "$0: cannot create $1" >&2; exit 2; }
accelerator="${2:-${IQA_CHECK_ACCELERATOR:-cuda}}"
frames="${IQA_CHECK_FRAMES:-300}"
pairs="${IQA_CHECK_PAIRS:-16}"
size="${IQA_CHECK_SIZE:-1920x1080}"
budget="${IQA_CHECK_BUDGET_S:-330}"
step_timeout="${IQA_CHECK_STEP_TIMEOUT_S:-120}"
if [ -n "${IQA_CHECK_WORK:-}" ]; then
  work="$IQA_CHECK_WORK"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/iqa-checks.XXXXXX")" && trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work" "$out/logs" "$out/scores"
rm -f "$out"/progress.log "$out"/steps.* "$out"/agreement.* "$out"/summary.json "$out"/logs/* "$out"/scores/*
echo "step,accelerator,exit_code,expected,seconds,status" >"$out/steps.csv"
echo "check,column,rows,max_abs_diff,max_rel_diff,tolerance,tolerance_kind,status" >"$out/agreement.csv"
started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
SECONDS=0

log() { printf '[%s +%03ds] %s\n' "$(date -u +%H:%M:%S)" "$SECONDS" "$*" | tee -a "$out/progress.log"; }

# run_step NAME ACCELERATOR EXPECTED_EXIT COMMAND...: stdout and stderr to logs/NAME.out|.err, one row of steps.csv.
run_step() {
  local name="$1" backend="$2" expected="$3"
  shift 3
  local left=$((budget - SECONDS))
  if [ "$left" -lt 10 ]; then
    log "skip  $name: time budget of ${budget}s spent"
    echo "$name,$backend,,$expected,0,skipped" >>"$out/steps.csv"
    return 1
  fi
  local limit=$((left < step_timeout ? left : step_timeout)) t0 rc status seconds
  log "start $name (timeout ${limit}s): $*"
  t0="$(date +%s.%N)"
  timeout -k 5 "$limit" "$@" >"$out/logs/$name.out" 2>"$out/logs/$name.err"
  rc=$?
  seconds="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')"
  if [ "$rc" -eq "$expected" ]; then status=ok; elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then status=timeout; else status=failed; fi
  # A failure's last line of stderr says why; a run's throughput line (iqa video, iqa batch) says how fast.
  local note
  if [ "$status" = ok ]; then note="$(grep -E -o '[^; ][^;]*(frames|items)/s' "$out/logs/$name.err" | tail -n 1)"; else note="$(tail -n 1 "$out/logs/$name.err")"; fi
  log "end   $name: exit $rc (expected $expected), ${seconds}s, $status${note:+: $note}"
  echo "$name,$backend,$rc,$expected,$seconds,$status" >>"$out/steps.csv"
  [ "$status" = ok ]
}

# compare CHECK KEYS: the check's score files of both sides, joined on KEYS, into agreement.csv.
compare() {
  local check="$1" keys="$2" gpu cpu
  gpu="$(score_file "$check" gpu)"
  cpu="$(score_file "$check" cpu)"
  if [ ! -s "$gpu" ] || [ ! -s "$cpu" ]; then
    echo "$check,(all),0,,,,,missing" >>"$out/agreement.csv"
    log "compare $check: missing score file(s)"
    return
  fi
  awk -v check="$check" -v keys="$keys" -f "$here/compare-scores.awk" "$gpu" "$cpu" >>"$out/agreement.csv"
  log "compare $check: $(awk -F, -v c="$check" '$1 == c { n++; if ($8 != "pass") bad++ } END { printf "%d columns, %d outside tolerance", n, bad }' "$out/agreement.csv")"
}

# The score file of CHECK on SIDE: gpu (the accelerator under test) or cpu (the reference backend).
score_file() { echo "$out/scores/$1.$2.csv"; }

# check NAME KEYS IQA-ARGUMENTS...: the command on the accelerator under test (step NAME.gpu), then on cpu
# (NAME.cpu), then the comparison. The argument SCORES stands for the side's score file; without it, stdout is the
# score file (iqa score).
check() {
  local name="$1" keys="$2" side backend file a args
  shift 2
  for side in gpu cpu; do
    if [ "$side" = gpu ]; then backend="$accelerator"; else backend=cpu; fi
    file="$(score_file "$name" "$side")"
    args=()
    for a in "$@"; do args+=("${a/#SCORES/$file}"); done
    run_step "$name.$side" "$backend" 0 "$iqa" "${args[@]}" -a "$backend"
    case " $* " in *" SCORES "*) ;; *) cp "$out/logs/$name.$side.out" "$file" ;; esac
  done
  compare "$name" "$keys"
}

log "iqa GPU checks: accelerator $accelerator, $frames frames and $pairs pairs of $size, budget ${budget}s, steps ${step_timeout}s at most"
run_step version - 0 "$iqa" --version
if command -v nvidia-smi >/dev/null 2>&1; then run_step nvidia-smi - 0 nvidia-smi; fi
run_step devices - 0 "$iqa" devices && log "$(grep -E "^$accelerator " "$out/logs/devices.out" || echo "no $accelerator device listed")"
run_step generate - 0 "$iqa" synth --out "$work" --size "$size" --frames "$frames" --pairs "$pairs"

ref="$work/ref.y4m" dist="$work/dist.y4m" pref="$work/pairs/ref" pdist="$work/pairs/dist"
one_ref="$pref/000000.png" one_dist="$pdist/000000.png"

# iqa video, 8-bit 4:2:0: the default profile (auto downsampling, f = 4 for 1080p luma) on Y, U and V; no
# downsampling; MS-SSIM; NIQE on the distorted clip.
check video_default frameNum video --ref "$ref" --dist "$dist" -m ssim,psnr --planes yuv --log SCORES --format json
check video_nodownsample frameNum video --ref "$ref" --dist "$dist" -m ssim,psnr --downsample none --log SCORES --format json
check video_ms_ssim frameNum video --ref "$ref" --dist "$dist" -m ms_ssim --log SCORES --format json
check video_niqe frameNum video --ref "$ref" --dist "$dist" -m niqe --log SCORES --format json

# iqa batch on the PNG pairs (full-reference) and on the distorted images (NIQE).
check batch_fr ref,dist batch --ref-dir "$pref" --dist-dir "$pdist" -m ssim,psnr,ms_ssim --out SCORES
check batch_niqe image batch --dir "$pdist" -m niqe --out SCORES

# iqa score, one metric at a time.
for metric in ssim psnr ms_ssim; do
  check "score_$metric" ref,dist score "$one_ref" "$one_dist" -m "$metric" --format csv
done
check score_niqe image score "$one_dist" -m niqe --format csv

# The package leaves ONNX Runtime and the LPIPS models out: asked for LPIPS, iqa must refuse (exit 2), not crash.
run_step lpips-refused "$accelerator" 2 "$iqa" score "$one_ref" "$one_dist" -m lpips -a "$accelerator"

# ---- iqa bench ------------------------------------------------------------------------------------------------------
# Throughput, compile times, device memory and agreement per metric on generated 1080p and 4K frames, GPU beside cpu
# (docs/gpu-package.md); it may use the rest of the time budget. Exit 3 (a disagreement) makes the step fail.
bench_accelerators="cpu,$accelerator"
[ "$accelerator" = cpu ] && bench_accelerators=cpu
step_timeout="$budget" run_step bench "$accelerator" 0 "$iqa" bench --accelerators "$bench_accelerators" \
  --size "${IQA_CHECK_BENCH_SIZES:-1920x1080,3840x2160}" --metric ssim,ms_ssim,psnr,niqe,gmsd,slic \
  --min-time "${IQA_CHECK_BENCH_MIN_TIME_S:-1}" --out "$out/bench.json" --plot "$out/bench.png" --quiet
# ---------------------------------------------------------------------------------------------------------------------

# JSON copies of the two tables, and the verdict. Numbers stay numbers; empty fields become null.
to_json() {
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i; next }
    { printf "%s{", (NR > 2 ? ",\n " : "[\n ")
      for (i = 1; i <= NF; i++) {
        v = $i
        if (v == "") v = "null"; else if (v !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/) v = "\"" v "\""
        printf "%s\"%s\":%s", (i > 1 ? "," : ""), h[i], v
      }
      printf "}" }
    END { print (NR > 1 ? "\n]" : "[]") }' "$1"
}
to_json "$out/steps.csv" >"$out/steps.json"
to_json "$out/agreement.csv" >"$out/agreement.json"
steps_bad="$(awk -F, 'NR > 1 && $6 != "ok" { n++ } END { print n + 0 }' "$out/steps.csv")"
columns="$(awk 'END { print NR - 1 }' "$out/agreement.csv")"
columns_bad="$(awk -F, 'NR > 1 && $8 != "pass" { n++ } END { print n + 0 }' "$out/agreement.csv")"
verdict=pass
if [ "$steps_bad" -ne 0 ] || [ "$columns_bad" -ne 0 ] || [ "$columns" -eq 0 ]; then verdict=fail; fi
cat >"$out/summary.json" <<EOF
{"accelerator":"$accelerator","frames":$frames,"pairs":$pairs,"size":"$size","started":"$started","seconds":$SECONDS,
 "steps_not_ok":$steps_bad,"score_columns_compared":$columns,"score_columns_outside_tolerance":$columns_bad,"verdict":"$verdict"}
EOF
log "done in ${SECONDS}s: $steps_bad step(s) not ok, $columns_bad of $columns score column(s) outside tolerance: $verdict"
[ "$verdict" = pass ]
