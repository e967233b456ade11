package cover

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"strconv"
	"strings"
)

// kitty's Unicode placeholders (kitty ≥ 0.28, Ghostty): the image is
// uploaded once with a virtual placement (U=1) of c × r cells, and drawn
// wherever the text holds U+10EEEE cells whose foreground colour names the
// image and whose combining diacritics name the row and column. To tmux,
// the renderer and lipgloss those cells are ordinary one-cell text: the
// image scrolls, clips, redraws with its pane and disappears when the cells
// show something else. Only the upload needs tmux's passthrough.

// placeholderRune is kitty's placeholder character.
const placeholderRune = '\U0010EEEE'

// placeholderChunk is the base64 bytes per upload escape (kitty's limit).
const placeholderChunk = 4096

// rowColumnDiacritics is kitty's rowcolumn-diacritics.txt: the diacritic
// at index i encodes row or column i. It must match kitty's list exactly.
var rowColumnDiacritics = [...]rune{
	0x0305, 0x030D, 0x030E, 0x0310, 0x0312, 0x033D, 0x033E, 0x033F, 0x0346, 0x034A, 0x034B, 0x034C,
	0x0350, 0x0351, 0x0352, 0x0357, 0x035B, 0x0363, 0x0364, 0x0365, 0x0366, 0x0367, 0x0368, 0x0369,
	0x036A, 0x036B, 0x036C, 0x036D, 0x036E, 0x036F, 0x0483, 0x0484, 0x0485, 0x0486, 0x0487, 0x0592,
	0x0593, 0x0594, 0x0595, 0x0597, 0x0598, 0x0599, 0x059C, 0x059D, 0x059E, 0x059F, 0x05A0, 0x05A1,
	0x05A8, 0x05A9, 0x05AB, 0x05AC, 0x05AF, 0x05C4, 0x0610, 0x0611, 0x0612, 0x0613, 0x0614, 0x0615,
	0x0616, 0x0617, 0x0657, 0x0658, 0x0659, 0x065A, 0x065B, 0x065D, 0x065E, 0x06D6, 0x06D7, 0x06D8,
	0x06D9, 0x06DA, 0x06DB, 0x06DC, 0x06DF, 0x06E0, 0x06E1, 0x06E2, 0x06E4, 0x06E7, 0x06E8, 0x06EB,
	0x06EC, 0x0730, 0x0732, 0x0733, 0x0735, 0x0736, 0x073A, 0x073D, 0x073F, 0x0740, 0x0741, 0x0743,
	0x0745, 0x0747, 0x0749, 0x074A, 0x07EB, 0x07EC, 0x07ED, 0x07EE, 0x07EF, 0x07F0, 0x07F1, 0x07F3,
	0x0816, 0x0817, 0x0818, 0x0819, 0x081B, 0x081C, 0x081D, 0x081E, 0x081F, 0x0820, 0x0821, 0x0822,
	0x0823, 0x0825, 0x0826, 0x0827, 0x0829, 0x082A, 0x082B, 0x082C, 0x082D, 0x0951, 0x0953, 0x0954,
	0x0F82, 0x0F83, 0x0F86, 0x0F87, 0x135D, 0x135E, 0x135F, 0x17DD, 0x193A, 0x1A17, 0x1A75, 0x1A76,
	0x1A77, 0x1A78, 0x1A79, 0x1A7A, 0x1A7B, 0x1A7C, 0x1B6B, 0x1B6D, 0x1B6E, 0x1B6F, 0x1B70, 0x1B71,
	0x1B72, 0x1B73, 0x1CD0, 0x1CD1, 0x1CD2, 0x1CDA, 0x1CDB, 0x1CE0, 0x1DC0, 0x1DC1, 0x1DC3, 0x1DC4,
	0x1DC5, 0x1DC6, 0x1DC7, 0x1DC8, 0x1DC9, 0x1DCB, 0x1DCC, 0x1DD1, 0x1DD2, 0x1DD3, 0x1DD4, 0x1DD5,
	0x1DD6, 0x1DD7, 0x1DD8, 0x1DD9, 0x1DDA, 0x1DDB, 0x1DDC, 0x1DDD, 0x1DDE, 0x1DDF, 0x1DE0, 0x1DE1,
	0x1DE2, 0x1DE3, 0x1DE4, 0x1DE5, 0x1DE6, 0x1DFE, 0x20D0, 0x20D1, 0x20D4, 0x20D5, 0x20D6, 0x20D7,
	0x20DB, 0x20DC, 0x20E1, 0x20E7, 0x20E9, 0x20F0, 0x2CEF, 0x2CF0, 0x2CF1, 0x2DE0, 0x2DE1, 0x2DE2,
	0x2DE3, 0x2DE4, 0x2DE5, 0x2DE6, 0x2DE7, 0x2DE8, 0x2DE9, 0x2DEA, 0x2DEB, 0x2DEC, 0x2DED, 0x2DEE,
	0x2DEF, 0x2DF0, 0x2DF1, 0x2DF2, 0x2DF3, 0x2DF4, 0x2DF5, 0x2DF6, 0x2DF7, 0x2DF8, 0x2DF9, 0x2DFA,
	0x2DFB, 0x2DFC, 0x2DFD, 0x2DFE, 0x2DFF, 0xA66F, 0xA67C, 0xA67D, 0xA6F0, 0xA6F1, 0xA8E0, 0xA8E1,
	0xA8E2, 0xA8E3, 0xA8E4, 0xA8E5, 0xA8E6, 0xA8E7, 0xA8E8, 0xA8E9, 0xA8EA, 0xA8EB, 0xA8EC, 0xA8ED,
	0xA8EE, 0xA8EF, 0xA8F0, 0xA8F1, 0xAAB0, 0xAAB2, 0xAAB3, 0xAAB7, 0xAAB8, 0xAABE, 0xAABF, 0xAAC1,
	0xFE20, 0xFE21, 0xFE22, 0xFE23, 0xFE24, 0xFE25, 0xFE26, 0x10A0F, 0x10A38, 0x1D185, 0x1D186, 0x1D187,
	0x1D188, 0x1D189, 0x1D1AA, 0x1D1AB, 0x1D1AC, 0x1D1AD, 0x1D242, 0x1D243, 0x1D244,
}

// placeholderID is the image ID placeholders use: one that fits a
// 256-colour foreground (38;5;id), which tmux forwards to any 256-colour
// terminal; a 24-bit colour it may turn into the nearest of 256 and lose
// the ID.
func placeholderID(kittyID int) int {
	if kittyID >= 1 && kittyID <= 255 {
		return kittyID
	}
	return 1 + kittyID%255
}

// placeholderFG is the SGR that makes the cells name image id: 256-colour
// for ids below 256, else 24-bit with id = r<<16 | g<<8 | b.
func placeholderFG(id int) string {
	if id < 256 {
		return "\x1b[38;5;" + strconv.Itoa(id) + "m"
	}
	return "\x1b[38;2;" + strconv.Itoa(id>>16&0xff) + ";" + strconv.Itoa(id>>8&0xff) + ";" + strconv.Itoa(id&0xff) + "m"
}

// placeholderCells is one row of the placement: n cells from column 0,
// each carrying its row and column diacritics.
func placeholderCells(row, n int) string {
	var b strings.Builder
	b.Grow(n * 12)
	for col := range n {
		b.WriteRune(placeholderRune)
		b.WriteRune(rowColumnDiacritics[row])
		b.WriteRune(rowColumnDiacritics[col])
	}
	return b.String()
}

// tmuxPassthrough wraps one escape for tmux's passthrough (allow-passthrough
// on): tmux strips the wrapper and the doubled ESCs and hands the escape to
// the outer terminal.
func tmuxPassthrough(esc string) string {
	return "\x1bPtmux;" + strings.ReplaceAll(esc, "\x1b", "\x1b\x1b") + "\x1b\\"
}

// kittyUpload transmits png as image id with a virtual placement of c × r
// cells: a=T,U=1, quiet (q=2: no replies into our input), in chunks. The
// image of that id is deleted first, so a new cover replaces the old one
// rather than piling up in the terminal's memory.
func kittyUpload(png []byte, id, c, r int, tmux bool) string {
	wrap := func(s string) string {
		if tmux {
			return tmuxPassthrough(s)
		}
		return s
	}
	var b strings.Builder
	b.WriteString(wrap("\x1b_Ga=d,d=I,q=2,i=" + strconv.Itoa(id) + "\x1b\\"))
	data := base64.StdEncoding.EncodeToString(png)
	for first := true; first || data != ""; first = false {
		n := min(len(data), placeholderChunk)
		chunk := data[:n]
		data = data[n:]
		more := "1"
		if data == "" {
			more = "0"
		}
		ctl := "m=" + more
		if first {
			ctl = "a=T,U=1,q=2,f=100,i=" + strconv.Itoa(id) + ",c=" + strconv.Itoa(c) + ",r=" + strconv.Itoa(r) + "," + ctl
		}
		b.WriteString(wrap("\x1b_G" + ctl + ";" + chunk + "\x1b\\"))
	}
	return b.String()
}

// cellBox is the cell rectangle an sw×sh image fills inside cols × rows
// cells of cellW × cellH pixels, aspect kept, centred: a square cover is
// square on screen whatever the font.
func cellBox(sw, sh, cols, rows, cellW, cellH int) image.Rectangle {
	if sw <= 0 || sh <= 0 || cols <= 0 || rows <= 0 {
		return image.Rectangle{}
	}
	// In cell units the image is (sw/cellW) × (sh/cellH).
	w, h := cols, rows
	if sw*cellH*rows > sh*cellW*cols {
		h = max(1, (sh*cellW*cols+sw*cellH/2)/(sw*cellH))
	} else {
		w = max(1, (sw*cellH*rows+sh*cellW/2)/(sh*cellW))
	}
	x, y := (cols-w)/2, (rows-h)/2
	return image.Rect(x, y, x+w, y+h)
}

// renderKittyPlaceholders draws src as placeholder cells: rows lines of
// exactly cols cells. The upload rides at the end of the last line, so
// lines beside the cover that change (a title) do not send it again.
func renderKittyPlaceholders(src image.Image, cols, rows int, g gfx) (string, error) {
	sb := src.Bounds()
	box := cellBox(sb.Dx(), sb.Dy(), min(cols, len(rowColumnDiacritics)), min(rows, len(rowColumnDiacritics)), g.cellW, g.cellH)
	id := placeholderID(g.kittyID)
	var upload string
	if !box.Empty() {
		// Exactly the box's pixels: the terminal need not scale.
		img := image.NewRGBA(image.Rect(0, 0, box.Dx()*g.cellW, box.Dy()*g.cellH))
		scaleInto(img, img.Bounds(), src)
		var p bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&p, img); err != nil {
			return "", err
		}
		upload = kittyUpload(p.Bytes(), id, box.Dx(), box.Dy(), g.tmux)
	}
	fg := placeholderFG(id)
	var out strings.Builder
	for y := range rows {
		if y > 0 {
			out.WriteByte('\n')
		}
		if y < box.Min.Y || y >= box.Max.Y {
			out.WriteString(strings.Repeat(" ", cols))
		} else {
			out.WriteString(strings.Repeat(" ", box.Min.X))
			out.WriteString(fg)
			out.WriteString(placeholderCells(y-box.Min.Y, box.Dx()))
			out.WriteString("\x1b[39m")
			out.WriteString(strings.Repeat(" ", cols-box.Max.X))
		}
		if y == rows-1 {
			out.WriteString(upload)
		}
	}
	return out.String(), nil
}
