# Every score of two CSV score files of iqa (the same inputs on two backends), joined on key columns.
#
#   awk -v check=NAME -v keys=COLUMN[,COLUMN] -f compare-scores.awk GPU.csv CPU.csv
#
# Prints one CSV row per score column: check,column,rows,max_abs_diff,max_rel_diff,tolerance,tolerance_kind,status.
# Tolerances are the backend agreement the tests require (README "Accuracy", docs/niqe.md): SSIM and MS-SSIM 1e-5
# absolute, PSNR 1e-4 dB, NIQE 1e-9 relative, MS-SSIM's scale count exactly. Relative differences are taken to the
# second file's value. PSNR "inf" agrees only with "inf". A key missing from either file, an error row (iqa batch's
# error column) or an empty score fails the column.
function tolerance(column) {
  if (column == "ms_ssim_scales") { kind = "abs"; return 0 }
  if (column ~ /^(ms_)?ssim(_[uv])?$/) { kind = "abs"; return 1e-5 }
  if (column ~ /^psnr(_[uv])?$/) { kind = "abs"; return 1e-4 }
  if (column ~ /^niqe(_[uv])?$/) { kind = "rel"; return 1e-9 }
  return -1
}

function abs(x) { return x < 0 ? -x : x }

BEGIN { FS = ","; keyCount = split(keys, keyColumns, ",") }

FNR == 1 {
  file++
  for (i = 1; i <= NF; i++) column[file, $i] = i
  if (file == 1) { header = NF; for (i = 1; i <= NF; i++) names[i] = $i }
  next
}

{
  key = ""
  for (k = 1; k <= keyCount; k++) key = key SUBSEP $(column[file, keyColumns[k]])
  if (file == 1) inFirst[key] = 1; else inSecond[key] = 1
  if (((file, "error") in column) && $(column[file, "error"]) != "") errors++
  for (i = 1; i <= header; i++) if ((file, names[i]) in column) value[file, key, names[i]] = $(column[file, names[i]])
}

END {
  for (key in inFirst) if (!(key in inSecond)) unmatched++
  for (key in inSecond) if (!(key in inFirst)) unmatched++
  for (i = 1; i <= header; i++) {
    name = names[i]
    limit = tolerance(name)
    if (limit < 0) continue
    compared = 0; dropped = 0; worstAbs = 0; worstRel = 0; infiniteAbs = 0; infiniteRel = 0; bad = errors + unmatched
    for (key in inFirst) {
      if (!(key in inSecond)) continue
      a = value[1, key, name]; b = value[2, key, name]
      if (a == "" && b == "" && name == "ms_ssim_scales") { dropped++; continue } # only written where scales were dropped
      compared++
      if (a == "" || b == "" || a == "inf" || b == "inf") {
        if (a != b) { bad++; infiniteAbs = 1; infiniteRel = 1 }
        continue
      }
      d = abs(a - b)
      if (d > worstAbs) worstAbs = d
      if (b + 0 != 0) { r = d / abs(b); if (r > worstRel) worstRel = r }
      else if (d > 0) infiniteRel = 1
      if (kind == "abs" ? d > limit : (b + 0 == 0 ? d > 0 : d / abs(b) > limit)) bad++
    }
    if (compared == 0 && dropped > 0 && !unmatched) continue # no MS-SSIM scale was dropped anywhere
    if (compared == 0) bad++
    printf "%s,%s,%d,%s,%s,%g,%s,%s\n", check, name, compared, infiniteAbs ? "inf" : sprintf("%.3g", worstAbs),
      infiniteRel ? "inf" : sprintf("%.3g", worstRel), limit, kind, bad ? "fail" : "pass"
  }
}
