//go:build unix

package app

import "golang.org/x/sys/unix"

// cellSize is the terminal's cell in pixels from TIOCGWINSZ, or 0, 0 when
// the terminal does not fill in its pixel size. Sixel covers are drawn at
// exactly this size. internal/termquery's CSI 16 t answer, which also
// works through tmux, is meant to take precedence once wired in.
func cellSize(fd uintptr) (w, h int) {
	ws, err := unix.IoctlGetWinsize(int(fd), unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 || ws.Row == 0 || ws.Xpixel == 0 || ws.Ypixel == 0 {
		return 0, 0
	}
	return int(ws.Xpixel) / int(ws.Col), int(ws.Ypixel) / int(ws.Row)
}
