#!/usr/bin/env bash
# Summarises where a JFR recording spent its CPU samples: top frames (self time), then
# the share of samples whose stack passes through each named cost centre (inclusive).
# Usage: benchmarks/profile/jfr-top.sh RECORDING.jfr [top-n] [from HH:MM:SS] [to HH:MM:SS]
# (from/to: only samples taken in that window, e.g. while the import ran)
# Record with: JAVA_TOOL_OPTIONS="-XX:StartFlightRecording=filename=DIR,settings=profile"
set -euo pipefail
jfr_file="$1"
top="${2:-25}"
from="${3:-00:00:00}"
to="${4:-99:99:99}"
jfr print --events jdk.ExecutionSample --stack-depth 64 "$jfr_file" | awk -v top="$top" -v from="$from" -v to="$to" '
  /jdk.ExecutionSample/ { if (n && keep) flush(); n++; depth = 0; thread = ""; stack = ""; keep = 1; next }
  /startTime = / { t = $3; sub(/\..*/, "", t); keep = (t >= from && t <= to); next }
  /sampledThread = / { sub(/.*sampledThread = "/, ""); sub(/".*/, ""); thread = $0; next }
  /line:/ {
    f = $0; sub(/^[ \t]+/, "", f); sub(/\(.*$/, "", f)
    if (depth == 0) self[f]++
    stack = stack " " f
    depth++
    next
  }
  function flush() {
    total++
    t = thread; gsub(/[0-9]+/, "#", t); threads[t]++
    split("parse:com.fasterxml.jackson|protobuf:com.google.protobuf|grpc+netty:io.grpc.|grpc+netty:io.netty.|phone:com.google.i18n.phonenumbers|namekeys:org.liaison.node.identifiers.PersonKeys|h2-commit:org.h2.mvstore.MVStore.store|h2-commit:org.h2.mvstore.FileStore|h2:org.h2.|hibernate:org.hibernate.|jdbc-agroal:io.agroal.|subject-rows:org.liaison.node.records.SubjectRows|batch-import:org.liaison.node.records.BatchImport|held-filters:org.liaison.node.deconfliction.HeldFilter|active-targets:org.liaison.node.deconfliction.ActiveTargets|oprf:org.liaison.wire.oprf.|bouncycastle:org.bouncycastle.|checks:org.liaison.node.deconfliction.TargetDeconfliction|audit:org.liaison.node.audit.|cli-upload:org.liaison.cli.ImportUpload", cc, "|")
    for (i in cc) { split(cc[i], kv, ":"); if (index(stack, kv[2]) > 0) incl[kv[1]]++ }
    stack = ""
  }
  END {
    if (n && keep) flush()
    printf "samples: %d\n\n-- threads --\n", total
    for (t in threads) printf "%6d %5.1f%% %s\n", threads[t], 100*threads[t]/total, t | "sort -rn | head -12"
    close("sort -rn | head -12")
    printf "\n-- inclusive, by cost centre (a sample may count in several) --\n"
    for (k in incl) printf "%6d %5.1f%% %s\n", incl[k], 100*incl[k]/total, k | "sort -rn"
    close("sort -rn")
    printf "\n-- top %d frames, self --\n", top
    for (f in self) printf "%6d %5.1f%% %s\n", self[f], 100*self[f]/total, f | ("sort -rn | head -" top)
    close("sort -rn | head -" top)
  }'
