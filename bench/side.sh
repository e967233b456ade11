#!/usr/bin/env bash
# Side-by-side CPU of spotui builds: each runs at once in its own tmux
# (120x40, truecolor) against its own bench world (bench/sidefake: the
# bench's playlist and synced lyrics, a line every 4 s, cached token), with
# bench/wakefloor beside them, and each process's CPU time is read from
# /proc/PID/task/*/schedstat (nanoseconds, every thread) over the same
# window. Noise that hits the machine hits every build alike, which a run
# of go run ./bench, one window after another, cannot say.
# Usage: bench/side.sh [-t SECONDS] [-n ROUNDS] BUILD...   (default 40 s, 3 rounds)
# A BUILD is a git revision (built into a temporary directory) or a path to
# a spotui binary. Example: bench/side.sh HEAD~3 HEAD
set -euo pipefail
secs=40 rounds=3
while getopts t:n: o; do case $o in t) secs=$OPTARG ;; n) rounds=$OPTARG ;; *) exit 2 ;; esac; done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { sed -n 2,12p "$0"; exit 2; }
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "needs tmux (apt-get install tmux)"; exit 1; }
tmp=$(mktemp -d)
cleanup() {
  for s in "$tmp"/run*/sock; do [ -f "$s" ] && tmux -L "$(cat "$s")" kill-server 2>/dev/null; done
  for p in "$tmp"/run*/fake.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done
  git worktree prune 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
go build -o "$tmp/sidefake" ./bench/sidefake
go build -o "$tmp/wakefloor" ./bench/wakefloor
labels=() bins=()
for b in "$@"; do
  if [ -x "$b" ] && [ -f "$b" ]; then
    labels+=("$(basename "$b")") bins+=("$(realpath "$b")")
  else
    rev=$(git rev-parse --verify --short "$b^{commit}")
    git worktree add -q --detach "$tmp/src-$rev" "$rev"
    (cd "$tmp/src-$rev" && go build -o "$tmp/spotui-$rev" .)
    git worktree remove --force "$tmp/src-$rev"
    labels+=("$b") bins+=("$tmp/spotui-$rev")
  fi
done
labels+=(floor) bins+=(floor)

start() { # i bin
  local d="$tmp/run$1"; mkdir -p "$d/cfg" "$d/cache" "$d/run"; chmod 700 "$d/run"
  "$tmp/sidefake" "$d/cfg" >"$d/env" & echo $! >"$d/fake.pid"
  for _ in $(seq 100); do [ -s "$d/env" ] && break; sleep 0.05; done
  local env cmd api; env=$(cat "$d/env")
  api=$(tr ' ' '\n' <<<"$env" | sed -n 's/^SPOTUI_API_URL=//p')
  if [ "$2" = floor ]; then
    cmd="$tmp/wakefloor -poll $api/me/player -token $d/cfg/spotui/token.json"
  else
    cmd="$2"
  fi
  echo "side$$-$1" >"$d/sock"
  tmux -L "side$$-$1" -f /dev/null new-session -d -x 120 -y 40 \
    "exec env -u CI $env XDG_CONFIG_HOME=$d/cfg XDG_CACHE_HOME=$d/cache XDG_RUNTIME_DIR=$d/run TERM=xterm-256color COLORTERM=truecolor $cmd 2>$d/stderr"
}
stop() { # i
  local d="$tmp/run$1"
  tmux -L "$(cat "$d/sock")" kill-server 2>/dev/null || true
  kill "$(cat "$d/fake.pid")" 2>/dev/null || true
  rm -rf "$d"
}
cpu() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{s += $1} END {print s + 0}'; }

printf '%-14s' round; printf '%14s' "${labels[@]}"; echo "   (CPU ms/min)"
for r in $(seq "$rounds"); do
  for i in "${!bins[@]}"; do start "$i" "${bins[$i]}"; done
  sleep 5 # past start-up, the cover and the lyrics' look-up
  pids=() before=()
  for i in "${!bins[@]}"; do
    pids[i]=$(tmux -L "side$$-$i" display -p '#{pane_pid}')
    before[i]=$(cpu "${pids[i]}")
  done
  sleep "$secs"
  printf '%-14s' "$r"
  for i in "${!bins[@]}"; do
    after=$(cpu "${pids[i]}")
    if [ "${bins[i]}" != floor ] && ! tmux -L "side$$-$i" capture-pane -p | grep -q "of the bench's song"; then
      printf '%14s' "no lyrics?"
    else
      printf '%14d' $(((after - before[i]) * 60 / secs / 1000000))
    fi
  done
  echo
  for i in "${!bins[@]}"; do stop "$i"; done
done
