#!/usr/bin/env bash
# Where the time of one benchmark workload goes: runs `sedlab bench --only <workload>` under Java Flight
# Recorder and prints the share of samples per method (Java code) and per native call (OpenBLAS, ND4J).
#   usage: bash environment/profile-bench.sh [workload] [repeats]     (default train_step_b512 200)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
workload=${1:-train_step_b512}
repeats=${2:-200}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
SEDLAB_JAVA_OPTS="-Xmx1g -Xmn64m -XX:+UseParallelGC -XX:StartFlightRecording=filename=$out/bench.jfr,settings=profile" \
  "$root/sedlab" bench --only "$workload" --repeats "$repeats" --warmup 10 --no-floor 2>&1 | grep -E 'median|peak_rss'
jfr print --events jdk.ExecutionSample "$out/bench.jfr" > "$out/java.txt"
jfr print --events jdk.NativeMethodSample "$out/bench.jfr" > "$out/native.txt"
# The first frame of each stack, or the caller of a native method (which kernel step made the call).
{ awk '/stackTrace = \[/{getline; a=$0; getline; b=$0; getline; print "java   " a " <- " b}' "$out/java.txt"
  awk '/stackTrace = \[/{getline; a=$0; getline; b=$0; getline; print "native " a " <- " b " <- " $0}' "$out/native.txt"
} | sed -E 's/line: [0-9]+//g; s/\([^)]*\)//g; s/ +/ /g; s/org\.sedlab\.//g; s/org\.nd4j\.linalg\.//g' \
  | sort | uniq -c | sort -rn \
  | awk '{n[NR] = $1; sub(/^ *[0-9]+ /, ""); line[NR] = $0; total += n[NR]}
         END {for (i = 1; i <= NR && i <= 25; i++) printf "%5.1f%%  %s\n", 100 * n[i] / total, line[i]}'
