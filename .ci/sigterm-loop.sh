#!/usr/bin/env bash
# Does the GUI end on SIGTERM every time? Starts it RUNS times (default 100)
# under Xvfb, on the start screen and on a dossier, waits until its window
# is mapped, sends SIGTERM (SIGINT with SIGNAL=INT) and waits up to 10 s:
# a process still alive then is reported with its threads, sent SIGQUIT (a
# Go stack dump in its log) and killed. Once it has ended the dossier must
# open again (its lock released), and the process must have ended by its
# own hand (exit 0), not by the signal's default action (143: killed
# before it could close the dossier). Exit 1 if any run did not end
# cleanly.
#   bash .ci/sigterm-loop.sh [BINARY]   default: dossier-segur from PATH
# Display :${SIGTERM_DISPLAY:-96}; needs xvfb, xdotool.
set -uo pipefail
bin=$(command -v "${1:-dossier-segur}") || { echo "no binary" >&2; exit 2; }
runs=${RUNS:-100}
sig=${SIGNAL:-TERM}
display=:${SIGTERM_DISPLAY:-96}
work=$(mktemp -d)
Xvfb "$display" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
export DISPLAY=$display HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_CACHE_HOME=$work/home/.cache
mkdir -p "$HOME"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
"$bin" new "$work/d.segur" --name Essai --vendor Éditeur --product RIS --version 1 >/dev/null || exit 2
bad=0
for i in $(seq "$runs"); do
  args=(); what="start screen"
  if (( i % 2 == 0 )); then args=("$work/d.segur"); what="dossier"; fi
  "$bin" "${args[@]}" >"$work/gui.log" 2>&1 &
  pid=$!
  if ! timeout 60 xdotool search --sync --onlyvisible --pid "$pid" >/dev/null 2>&1; then
    echo "run $i ($what): no window"; kill -KILL "$pid" 2>/dev/null; bad=$((bad + 1)); continue
  fi
  t0=$(date +%s%N)
  kill -"$sig" "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "run $i ($what): ALIVE 10 s after SIG$sig"
    for t in /proc/"$pid"/task/*; do echo "  $(cat "$t/comm") $(grep -E 'State|SigBlk' "$t/status" | tr '\n' ' ') $(cat "$t/wchan")"; done
    kill -QUIT "$pid"; sleep 2; kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    sed 's/^/  | /' "$work/gui.log" | head -200
    bad=$((bad + 1)); continue
  fi
  wait "$pid"; rc=$?
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  lock=ok
  if [[ $what == dossier ]] && ! "$bin" status "$work/d.segur" >/dev/null 2>&1; then lock="DOSSIER STILL LOCKED"; bad=$((bad + 1)); fi
  echo "run $i ($what): exit $rc after $ms ms, $lock"
  [[ $rc -ne 0 ]] && bad=$((bad + 1))
done
echo "$bad of $runs runs did not end cleanly"
(( bad == 0 ))
