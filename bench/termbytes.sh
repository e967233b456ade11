#!/usr/bin/env bash
# Bytes spotui writes to the terminal per minute while a track plays with the
# cover and synced lyrics shown (issue: < 20 KB/min, i.e. the cover is not
# redrawn each tick, nor when a lyric line beside it changes).
# Runs `spotui --demo --art MODE` in tmux at 120x40 with truecolor and
# records everything the app writes (tmux pipe-pane) for DURATION seconds of
# the demo's 95 s track with synced lyrics, then for a window holding one
# natural track change.
# Usage: bench/termbytes.sh [DURATION] [MODES]   (default 60, at most 85; blocks)
# MODES is a comma-separated list of --art modes, e.g. blocks,sixel,kitty:
# each runs in turn. What is counted is what spotui writes to its pane, so a
# graphics mode's bytes are measured even though tmux does not show them.
set -euo pipefail
dur=${1:-60}
if [ "$dur" -gt 85 ]; then echo "DURATION is at most 85 s (one track)"; exit 2; fi
modes=${2:-blocks}
if [ "${modes#*,}" != "$modes" ]; then
  for m in ${modes//,/ }; do echo "== --art $m"; "$0" "$dur" "$m"; done
  exit 0
fi
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "needs tmux (apt-get install tmux)"; exit 1; }
tmp=$(mktemp -d)
sock="spotui-bytes-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/spotui" .

tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 \
  "env -u CI XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache BROWSER=true TERM=xterm-256color COLORTERM=truecolor $tmp/spotui --demo --art $modes"
wait_for() { # text
  for _ in $(seq 1 100); do
    tmux -L "$sock" capture-pane -p | grep -qF "$1" && return 0
    sleep 0.1
  done
  echo "timed out waiting for: $1"; tmux -L "$sock" capture-pane -p; exit 1
}
wait_for "Paper Lanterns"
# Skip to "Night Bus to Nowhere" (95 s, synced lyrics; its title is in up
# next already, so wait for its first lyric line).
tmux -L "$sock" send-keys n; wait_for "Top deck, front seat"
sleep 2 # its cover arrives

tmux -L "$sock" pipe-pane -o "cat > $tmp/steady"
sleep "$dur"
tmux -L "$sock" pipe-pane
steady=$(stat -c %s "$tmp/steady")

# A natural track change: seek (10 s a press) to about 85 s of 95 and
# record across the end.
for _ in $(seq 1 $(((85 - dur - 3) / 10))); do tmux -L "$sock" send-keys Right; done
tmux -L "$sock" pipe-pane -o "cat > $tmp/change"
sleep 20
tmux -L "$sock" pipe-pane
change=$(stat -c %s "$tmp/change")

printf 'steady playback: %d bytes in %ds = %d bytes/min (target < 20480)\n' "$steady" "$dur" $((steady * 60 / dur))
printf 'window with one track change (new cover): %d bytes in 20s\n' "$change"
