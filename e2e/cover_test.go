package e2e

import (
	"fmt"
	"image"
	_ "image/jpeg"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// cell is one half-block cell of the screen: top and bottom pixel colours.
type cell struct {
	row, col int
	top, bot [3]int
}

// halfBlocks reads capture-pane -e output and returns every "▀" cell with
// its 24-bit colours.
func halfBlocks(screen string) []cell {
	var out []cell
	for row, line := range strings.Split(screen, "\n") {
		var fg, bg [3]int
		col := 0
		rs := []rune(line)
		for i := 0; i < len(rs); i++ {
			if rs[i] == 0x1b && i+1 < len(rs) && rs[i+1] == '[' {
				j := i + 2
				for j < len(rs) && rs[j] != 'm' {
					j++
				}
				ps := strings.Split(string(rs[i+2:min(j, len(rs))]), ";")
				for k := 0; k < len(ps); k++ {
					if (ps[k] == "38" || ps[k] == "48") && k+4 < len(ps) && ps[k+1] == "2" {
						var c [3]int
						for n := range 3 {
							c[n], _ = strconv.Atoi(ps[k+2+n])
						}
						if ps[k] == "38" {
							fg = c
						} else {
							bg = c
						}
						k += 4
					}
				}
				i = j
				continue
			}
			if rs[i] == '▀' {
				out = append(out, cell{row: row, col: col, top: fg, bot: bg})
			}
			col++
		}
	}
	return out
}

// mean colour of the pixels of img inside r.
func meanOf(img image.Image, r image.Rectangle) [3]int {
	var sum [3]int
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			sum[0] += int(cr >> 8)
			sum[1] += int(cg >> 8)
			sum[2] += int(cb >> 8)
			n++
		}
	}
	return [3]int{sum[0] / n, sum[1] / n, sum[2] / n}
}

func near(a, b [3]int, tol int) bool {
	for i := range 3 {
		if d := a[i] - b[i]; d > tol || d < -tol {
			return false
		}
	}
	return true
}

// The cover region in the terminal holds 24-bit colour cells whose colours
// are the fake's picture: quadrant by quadrant, the means agree.
func TestCoverColoursMatchTheImage(t *testing.T) {
	needTools(t, "tmux", "curl")
	bin := binary(t)
	dir := t.TempDir()
	fake, srv, env := fakeSpotify(t, dir)
	tm := startTerm(t, env, bin+" --art blocks; sleep 60")
	first, _, _ := fake.Current()
	tm.waitText(first.Name)
	var cells []cell
	waitFor(t, "the cover drawn in half blocks", func() bool {
		cells = halfBlocks(tm.screen(true))
		return len(cells) > 100
	}, func() string { return tm.screen(false) })

	resp, err := http.Get(fmt.Sprintf("%s/images/%s-640.jpg", srv.URL, first.AlbumID))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	img, _, err := image.Decode(resp.Body)
	if err != nil {
		t.Fatal(err)
	}

	r0, c0, r1, c1 := cells[0].row, cells[0].col, cells[0].row, cells[0].col
	for _, c := range cells {
		r0, c0, r1, c1 = min(r0, c.row), min(c0, c.col), max(r1, c.row), max(c1, c.col)
	}
	rows, cols := r1-r0+1, c1-c0+1
	// Square on screen for the cell tmux reports (CSI 16 t; tmux answers
	// 8×16 for a client with no pixel size) or, when nothing answers, the
	// default 8×17: cols × 8 ≈ rows × 16 or rows × 17.
	if d16, d17 := cols*8-rows*16, cols*8-rows*17; (d16 > 8 || d16 < -8) && (d17 > 8 || d17 < -8) {
		t.Errorf("cover is %dx%d cells, want a square on screen (cols ≈ 2 × rows or 17/8 × rows)", cols, rows)
	}
	b := img.Bounds()
	for q := range 4 {
		qr, qc := q/2, q%2
		var sum [3]int
		n := 0
		for _, c := range cells {
			if (c.row-r0)*2/rows == qr && (c.col-c0)*2/cols == qc {
				for i := range 3 {
					sum[i] += c.top[i] + c.bot[i]
				}
				n += 2
			}
		}
		got := [3]int{sum[0] / n, sum[1] / n, sum[2] / n}
		want := meanOf(img, image.Rect(b.Dx()*qc/2, b.Dy()*qr/2, b.Dx()*(qc+1)/2, b.Dy()*(qr+1)/2))
		if !near(got, want, 12) {
			t.Errorf("quadrant %d: screen mean %v, image mean %v", q, got, want)
		}
	}
}
