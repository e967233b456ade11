#!/usr/bin/env bash
# Performance harness: spotui against a minimal Bubble Tea program and the
# targets; see bench/main.go.   bash bench/run.sh -short
set -euo pipefail
cd "$(dirname "$0")/.."
exec go run ./bench "$@"
