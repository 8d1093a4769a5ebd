#!/usr/bin/env bash
# Start-up time of the GUI: from launch until its window is mapped (a
# usable start screen), under Xvfb, median of RUNS runs (default 7), each a
# new process; a trivial X client (xmessage) is the baseline of the same run.
#   bash .ci/bench-start.sh [PROGRAM…]   default: dossier-segur from PATH
# Prefix PROGRAM with "wine " (quoted as one word) to time the Windows build
# under Wine, e.g. bash .ci/bench-start.sh "wine /path/dossier-segur.exe".
# Display :${BENCH_DISPLAY:-95}; needs xvfb, xdotool, x11-utils.
set -euo pipefail
runs=${RUNS:-7}
display=:${BENCH_DISPLAY:-95}
export DISPLAY=$display
# 1456×948: the 1440×900 window and the room it leaves for a frame.
Xvfb "$display" -screen 0 1456x948x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# once CMD TITLE: seconds from launching CMD until a visible window named
# TITLE exists; the program is then stopped.
once() {
  local t0 t1 pid
  t0=$(date +%s.%N)
  $1 >/dev/null 2>&1 &
  pid=$!
  timeout 60 xdotool search --sync --onlyvisible --name "$2" >/dev/null
  t1=$(date +%s.%N)
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  case "$1" in wine*) wineserver -k 2>/dev/null || true ;; esac
  echo "$t1 - $t0" | bc -l
}
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
measure() {
  local cmd=$1 title=$2 all=() i
  for i in $(seq "$runs"); do all+=("$(once "$cmd" "$title")"); done
  printf '%s\n' "${all[@]}" | median
  echo " s (first run $(printf '%.3f' "${all[0]}") s; runs: ${all[*]})"
}
base=$(measure "xmessage démarrage" "xmessage")
echo "xmessage (baseline): $base"
for prog in "${@:-dossier-segur}"; do
  echo "$prog: $(measure "$prog" "Dossier Ségur")"
done
