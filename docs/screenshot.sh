#!/usr/bin/env bash
# Makes docs/screenshot.png from a real `spotui --demo` run: tmux captures the
# screen with its colours, freeze renders it. Needs tmux,
# `go install github.com/charmbracelet/freeze@latest`, and fonts with CJK
# glyphs (the demo plays a title in Japanese) rendered through rsvg-convert:
#   Debian/Ubuntu: apt-get install fonts-noto-mono fonts-noto-cjk librsvg2-bin
#   Fedora:        dnf install google-noto-sans-mono-fonts google-noto-sans-cjk-fonts librsvg2-tools
# freeze's built-in renderer knows only its embedded JetBrains Mono, which has
# no CJK: without rsvg-convert the title shows as tofu boxes.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null || { echo "screenshot.sh: rsvg-convert is missing (see the top of this script)" >&2; exit 1; }
fc-list :lang=ja | grep -q . || { echo "screenshot.sh: no font with Japanese glyphs (see the top of this script)" >&2; exit 1; }
tmp=$(mktemp -d); sock="spotui-shot-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/spotui" .
tmux -L "$sock" -f /dev/null new-session -d -x 100 -y 28 \
  "env -u CI XDG_CONFIG_HOME=$tmp/c TERM=xterm-256color COLORTERM=truecolor BROWSER=true $tmp/spotui --demo --art blocks; sleep 60"
sleep 3; tmux -L "$sock" send-keys n; sleep 1.5; tmux -L "$sock" send-keys n; sleep 20
tmux -L "$sock" capture-pane -p -e > "$tmp/screen.ansi"
# freeze keeps the last background after "default background" (ESC[49m);
# a full reset draws the same screen.
sed 's/\x1b\[39m\x1b\[49m/\x1b[0m/g; s/\x1b\[49m/\x1b[0m/g' "$tmp/screen.ansi" > "$tmp/screen2.ansi"
"$(go env GOPATH)/bin/freeze" "$tmp/screen2.ansi" --language ansi -o docs/screenshot.png \
  --window --padding 20 --background "#121212" --font.family "Noto Sans Mono"
