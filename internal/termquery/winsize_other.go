//go:build !unix

package termquery

import "github.com/charmbracelet/x/term"

// ttySize knows the size in cells only: no TIOCGWINSZ here.
func ttySize(fd uintptr) (WinSize, error) {
	w, h, err := term.GetSize(fd)
	return WinSize{Cols: w, Rows: h}, err
}
