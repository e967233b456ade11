//go:build unix

package termquery

import "golang.org/x/sys/unix"

// ttySize reads TIOCGWINSZ; the pixel fields are 0 where the terminal
// doesn't fill them in.
func ttySize(fd uintptr) (WinSize, error) {
	ws, err := unix.IoctlGetWinsize(int(fd), unix.TIOCGWINSZ)
	if err != nil {
		return WinSize{}, err
	}
	return WinSize{Cols: int(ws.Col), Rows: int(ws.Row), Width: int(ws.Xpixel), Height: int(ws.Ypixel)}, nil
}
