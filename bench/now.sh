#!/usr/bin/env bash
# Times `spotui now` (a cached token, one GET /me/player against the fake
# Spotify on loopback) and checks the median against the 50 ms target.
#   bash bench/now.sh [runs]      (default 20; uses hyperfine when installed)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
target_ms=50

work=$(mktemp -d)
fake_pid=
cleanup() {
	if [[ -n $fake_pid ]]; then kill "$fake_pid" 2>/dev/null || true; wait "$fake_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/spotui" .
go build -o "$work/nowfake" ./bench/nowfake
"$work/nowfake" -config "$work/config" >"$work/url" &
fake_pid=$!
for _ in $(seq 100); do [[ -s $work/url ]] && break; sleep 0.05; done
base=$(head -n1 "$work/url")
[[ -n $base ]] || { echo "now.sh: the fake didn't start" >&2; exit 1; }

export XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache"
export SPOTUI_CLIENT_ID=5f2b1c0e9a8d4e7f8b6c3d2a1e0f9b8c SPOTUI_ACCOUNTS_URL="$base" SPOTUI_API_URL="$base/v1"
unset SPOTUI_REDIRECT_URI SPOTUI_ART

out=$("$work/spotui" now) || { echo "now.sh: spotui now failed" >&2; exit 1; }
echo "spotui now → $out"

if command -v hyperfine >/dev/null; then
	hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h.json" "$work/spotui now" >&2
	median_ms=$(sed -n 's/.*"median": *\([0-9.e-]*\).*/\1/p' "$work/h.json" | head -n1 | awk '{printf "%.1f", $1 * 1000}')
	how=hyperfine
else
	for _ in 1 2 3; do "$work/spotui" now >/dev/null; done # warm-up
	times=()
	for _ in $(seq "$runs"); do
		start=$(date +%s%N)
		"$work/spotui" now >/dev/null
		times+=($(( ($(date +%s%N) - start) / 1000 )))
	done
	median_ms=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m / 1000}')
	how="date loop"
fi

echo "spotui now: median ${median_ms} ms over $runs runs ($how); target < ${target_ms} ms"
if awk -v m="$median_ms" -v t="$target_ms" 'BEGIN {exit !(m < t)}'; then
	echo "OK"
else
	echo "OVER TARGET"
	exit 1
fi
