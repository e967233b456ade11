#!/usr/bin/env bash
# Soak test: the real spotui against the fake Spotify, with a fault every
# -every (default 30s) for -duration (default 10m). See bench/soak/main.go.
#   bash bench/soak.sh -duration 2m -every 15s
set -euo pipefail
cd "$(dirname "$0")/.."
exec go run ./bench/soak "$@"
