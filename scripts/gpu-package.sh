#!/usr/bin/env bash
# Builds the GPU check package (docs/gpu-package.md): ONE .tar.xz holding a self-contained linux-x64 `iqa`, which runs
# where no .NET is installed, and scripts/gpu-checks (run-gpu-checks.sh, the entry point). At most 50 MB, so it fits
# the 64 MiB a command on a borrowed GPU host can carry.
#
#   scripts/gpu-package.sh [ARCHIVE]      default: artifacts/iqa-gpu-checks.tar.xz
#
# IQA_PACKAGE_XZ_LEVEL: the xz preset, 9 by default (about a minute on one core); the package test uses 1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
archive="$(realpath -m "${1:-$root/artifacts/iqa-gpu-checks.tar.xz}")"
level="${IQA_PACKAGE_XZ_LEVEL:-9}"
limit=$((50 * 1000 * 1000))
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
package="$stage/iqa-gpu"

# Its own artifacts folder: the publish neither reads nor overwrites the checkout's bin/ and obj/ (a test may be
# running from them). No IL trimming: ILGPU finds its intrinsics by reflection, and a trimmed build fails to create
# any accelerator ("Not supported intrinsic type 'ILGPU.Backends.PTX.PTXIntrinsic'"). English messages only, no symbols.
dotnet publish "$root/src/Iqa.Cli" -c Release -r linux-x64 --self-contained \
  -p:SatelliteResourceLanguages=en -p:DebugType=none -p:DebugSymbols=false \
  --artifacts-path "$stage/build" -o "$package/bin" -nologo -v:q

# Files a GPU check does not need, by name, with why:
# - ONNX Runtime's native library and the bundled LPIPS models (42 MB): the deep metrics run on ONNX Runtime, whose
#   GPU build is far too large to carry (docs/deep-metrics.md); without them `iqa` refuses LPIPS with exit code 2;
# - the runtime's debugging, crash-dump and tracing support, and its two optional garbage collectors (used only
#   when DOTNET_GCName names them): about 7 MB.
removed=(libonnxruntime.so libonnxruntime_providers_shared.so models
         createdump libmscordaccore.so libmscordbi.so libcoreclrtraceptprovider.so libclrgc.so libclrgcexp.so)
for name in "${removed[@]}"; do
  rm -rf "${package:?}/bin/$name"
done
find "$package/bin" -name '*.pdb' -delete

cp "$root/scripts/gpu-checks/run-gpu-checks.sh" "$root/scripts/gpu-checks/compare-scores.awk" "$package/"
chmod +x "$package/run-gpu-checks.sh" "$package/bin/iqa"
cp "$root/docs/gpu-package.md" "$package/README.md"
{
  echo "iqa GPU check package"
  echo "source: $(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ) with .NET SDK $(dotnet --version), linux-x64 self-contained"
  echo "left out: ${removed[*]} *.pdb"
  echo "unpacked: $(du -sb "$package" | cut -f1) bytes"
} >"$package/MANIFEST.txt"

mkdir -p "$(dirname "$archive")"
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner -cf - iqa-gpu | xz "-$level" -T1 >"$archive.partial"
mv "$archive.partial" "$archive"
size="$(stat -c %s "$archive")"
echo "$archive: $size bytes ($(du -sb "$package" | cut -f1) unpacked, xz -$level)"
if [ "$size" -gt "$limit" ]; then
  echo "gpu-package: $archive is larger than $limit bytes" >&2
  exit 1
fi
