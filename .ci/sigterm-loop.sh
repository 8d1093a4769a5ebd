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
# SIGNAL=WM closes the window as a window manager does instead (a
# WM_DELETE_WINDOW message, sent by a small Xlib program compiled here).
# Display :${SIGTERM_DISPLAY:-96}; needs xvfb, xdotool (and gcc, libx11-dev
# for WM).
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
if [[ $sig == WM ]]; then
  cat >"$work/wmclose.c" <<'C'
#include <X11/Xlib.h>
#include <stdlib.h>
/* wmclose WINDOW: asks the window to close, as a window manager does. */
int main(int argc, char **argv) {
  Display *d = XOpenDisplay(NULL);
  if (!d || argc < 2) return 2;
  XEvent ev = {0};
  ev.xclient.type = ClientMessage;
  ev.xclient.window = (Window)strtoul(argv[1], NULL, 0);
  ev.xclient.message_type = XInternAtom(d, "WM_PROTOCOLS", False);
  ev.xclient.format = 32;
  ev.xclient.data.l[0] = XInternAtom(d, "WM_DELETE_WINDOW", False);
  ev.xclient.data.l[1] = CurrentTime;
  XSendEvent(d, ev.xclient.window, False, NoEventMask, &ev);
  XCloseDisplay(d);
  return 0;
}
C
  gcc -o "$work/wmclose" "$work/wmclose.c" -lX11 || exit 2
fi
"$bin" new "$work/d.segur" --name Essai --vendor Éditeur --product RIS --version 1 >/dev/null || exit 2
bad=0 watchdog=0
for i in $(seq "$runs"); do
  args=(); what="start screen"
  if (( i % 2 == 0 )); then args=("$work/d.segur"); what="dossier"; fi
  "$bin" "${args[@]}" >"$work/gui.log" 2>&1 &
  pid=$!
  if ! win=$(timeout 60 xdotool search --sync --onlyvisible --pid "$pid" 2>/dev/null | head -1) || [[ -z $win ]]; then
    echo "run $i ($what): no window"; kill -KILL "$pid" 2>/dev/null; bad=$((bad + 1)); continue
  fi
  t0=$(date +%s%N)
  if [[ $sig == WM ]]; then "$work/wmclose" "$win"; else kill -"$sig" "$pid"; fi
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
  rescued=""
  grep -q "ending now" "$work/gui.log" && rescued=", ended by its watchdog" && watchdog=$((watchdog + 1))
  echo "run $i ($what): exit $rc after $ms ms, $lock$rescued"
  if [[ $rc -ne 0 ]]; then bad=$((bad + 1)); sed "s/^/  | /" "$work/gui.log" | tail -40; fi
done
echo "$bad of $runs runs did not end cleanly; $watchdog ended by the watchdog (the toolkit's shutdown hung)"
(( bad == 0 ))
