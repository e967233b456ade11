package cover

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/iterm2"
	"github.com/charmbracelet/x/ansi/kitty"
	"golang.org/x/image/draw"
)

// Graphics protocols draw real pixels, but the layout still works in cells:
// every line of the view is cols spaces wide so lipgloss and Bubble Tea's
// renderer reserve the area, and the image escapes (zero width to them)
// ride inside those lines. The cell size in pixels (Options.Cell, from the
// terminal, or DefaultCell) keeps the box square on screen; the terminal
// scales the image to the cell box anyway.

// DefaultKittyID is the kitty image ID used when Options.KittyID is 0.
const DefaultKittyID = 0x5c07e

// graphicsBox is the cell box an sw×sh image fills inside cols × rows,
// aspect kept for cells of g's pixel size (a square cover stays square),
// centred.
func graphicsBox(sw, sh, cols, rows int, g gfx) (left, top, bc, br int) {
	r := cellBox(sw, sh, cols, rows, g.cellW, g.cellH)
	return r.Min.X, r.Min.Y, r.Dx(), r.Dy()
}

// graphicsImage is src sized for a bc × br cell box: shrunk to about the
// box's pixel size (a smaller payload per repaint) but never enlarged,
// which the terminal does as well as we could. minH keeps at least that
// many pixel rows (one per iTerm2 slice).
func graphicsImage(src image.Image, bc, br, minH int, g gfx) image.Image {
	sb := src.Bounds()
	r := fitRect(sb.Dx(), sb.Dy(), bc*g.cellW, br*g.cellH)
	if sb.Dx() <= r.Dx() && sb.Dy() <= r.Dy() && sb.Dy() >= minH {
		return src
	}
	if r.Dy() < minH { // only for absurd aspect ratios
		r.Max.Y = r.Min.Y + minH
	}
	dst := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	scaleInto(dst, dst.Bounds(), src)
	return dst
}

// kittyDelete removes our image (data and placements) from the screen.
// Placeholder views in kitty mode start with it: spaces do not erase kitty
// images, which live on their own layer.
func kittyDelete(id int) string {
	o := kitty.Options{Action: kitty.Delete, Delete: kitty.DeleteID, DeleteResources: true, ID: id, Quiet: 2}
	return ansi.KittyGraphics(nil, o.Options()...)
}

// renderKitty puts the whole image at the box's top-left cell with one
// transmit-and-display: the PNG is stretched to c×r cells, the cursor does
// not move (C=1) so the spaces after it keep the line's width honest, and
// q=2 keeps the terminal's replies out of Bubble Tea's input. A stable image
// and placement ID make a repaint of that line replace the image rather
// than stack a copy. The renderer only rewrites lines that changed, so the
// payload is re-sent only when that screen line changes.
func renderKitty(src image.Image, cols, rows int, g gfx) (string, error) {
	id := g.kittyID
	sb := src.Bounds()
	left, top, bc, br := graphicsBox(sb.Dx(), sb.Dy(), cols, rows, g)
	var esc bytes.Buffer
	esc.WriteString(kittyDelete(id))
	if bc > 0 && br > 0 {
		// Transmission must be explicit: EncodeGraphics sends no data
		// when it is left 0.
		err := kitty.EncodeGraphics(&esc, graphicsImage(src, bc, br, 1, g), &kitty.Options{
			Action: kitty.TransmitAndPut, Transmission: kitty.Direct, Format: kitty.PNG, Quiet: 2,
			ID: id, PlacementID: 1, Columns: bc, Rows: br,
			DoNotMoveCursor: true, Chunk: true,
		})
		if err != nil {
			return "", err
		}
	}
	var out strings.Builder
	out.Grow(esc.Len() + rows*(cols+1))
	for y := range rows {
		if y > 0 {
			out.WriteByte('\n')
		}
		if y == top {
			out.WriteString(strings.Repeat(" ", left))
			out.Write(esc.Bytes())
			out.WriteString(strings.Repeat(" ", cols-left))
			continue
		}
		out.WriteString(strings.Repeat(" ", cols))
	}
	return out.String(), nil
}

// renderITerm sends one image slice per line. iTerm2 keeps inline images
// in the text cells themselves, so any text written over them — including
// the padding spaces of the lines below, and every repaint of a line —
// erases what is under it. Each line therefore writes its spaces first,
// then steps back (saving the cursor, which iTerm2 otherwise moves past the
// image) and draws its own one-cell-high slice over them. A repaint of any
// line redraws its slice, so partial repaints never leave holes. The slices
// together keep the cover's aspect, so each is stretched to exactly
// bc × 1 cells (preserveAspectRatio=0).
func renderITerm(src image.Image, cols, rows int, g gfx) (string, error) {
	sb := src.Bounds()
	left, top, bc, br := graphicsBox(sb.Dx(), sb.Dy(), cols, rows, g)
	var out strings.Builder
	var img image.Image
	if bc > 0 && br > 0 {
		img = graphicsImage(src, bc, br, br, g)
	}
	// One deflate state for all slices, not one per slice (800 KB each).
	enc := &png.Encoder{BufferPool: &onePool{}}
	for y := range rows {
		if y > 0 {
			out.WriteByte('\n')
		}
		k := y - top
		if img == nil || k < 0 || k >= br {
			out.WriteString(strings.Repeat(" ", cols))
			continue
		}
		slice, err := itermSlice(enc, img, k, br, bc)
		if err != nil {
			return "", err
		}
		out.WriteString(strings.Repeat(" ", left+bc))
		out.WriteString(ansi.SaveCursor)
		out.WriteString(ansi.CursorBackward(bc))
		out.WriteString(slice)
		out.WriteString(ansi.RestoreCursor)
		out.WriteString(strings.Repeat(" ", cols-left-bc))
	}
	return out.String(), nil
}

// itermSlice is the OSC 1337 escape for pixel rows k/n of img, drawn bc
// cells wide and one cell high.
func itermSlice(enc *png.Encoder, img image.Image, k, n, bc int) (string, error) {
	b := img.Bounds()
	y0 := b.Min.Y + k*b.Dy()/n
	y1 := b.Min.Y + (k+1)*b.Dy()/n
	sub := subImage(img, image.Rect(b.Min.X, y0, b.Max.X, y1))
	var p bytes.Buffer
	if err := enc.Encode(&p, sub); err != nil {
		return "", err
	}
	return ansi.ITerm2(iterm2.File{
		Size:              int64(p.Len()),
		Width:             iterm2.Cells(bc),
		Height:            iterm2.Cells(1),
		IgnoreAspectRatio: true,
		Inline:            true,
		DoNotMoveCursor:   true,
		Content:           []byte(base64.StdEncoding.EncodeToString(p.Bytes())),
	}), nil
}

// onePool keeps one png.EncoderBuffer, for encodes one after another.
type onePool struct{ b *png.EncoderBuffer }

func (p *onePool) Get() *png.EncoderBuffer  { return p.b }
func (p *onePool) Put(b *png.EncoderBuffer) { p.b = b }

// subImage crops without copying when the image type allows it (all of
// the standard library's do).
func subImage(img image.Image, r image.Rectangle) image.Image {
	if s, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(r)
	}
	dst := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(dst, dst.Bounds(), img, r.Min, draw.Src)
	return dst
}
