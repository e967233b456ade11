#!/usr/bin/env bash
# Re-creates this copy of Bubble Tea from the Go module cache, minus
# tea_init.go (why: PATCHES.md). Usage: third_party/bubbletea/sync.sh v1.3.10
set -euo pipefail
version=${1:?usage: $0 VERSION (e.g. v1.3.10)}
mod=github.com/charmbracelet/bubbletea
dir=$(cd "$(dirname "$0")" && pwd)

# Outside any module, so no go.mod or go.sum here is touched.
(cd "${TMPDIR:-/tmp}" && GOFLAGS= go mod download "$mod@$version")
src=$(go env GOMODCACHE)/$mod@$version

# Replace everything but this script and PATCHES.md.
find "$dir" -maxdepth 1 -type f ! -name sync.sh ! -name PATCHES.md -delete
cp "$src"/go.mod "$src"/go.sum "$src"/LICENSE "$dir"/
for f in "$src"/*.go; do
  case $f in *_test.go | */tea_init.go) continue ;; esac
  cp "$f" "$dir"/
done
chmod u+w "$dir"/* # the module cache is read-only

# The patch is only this deletion: make sure nothing else asks the terminal.
if grep -l 'lipgloss\|HasDarkBackground' "$dir"/*.go; then
  echo "$0: $version uses lipgloss outside tea_init.go; read it before using this copy" >&2
  exit 1
fi
echo "third_party/bubbletea is $mod $version without tea_init.go"
