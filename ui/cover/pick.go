package cover

import "github.com/spotui/spotui/api"

// PickImage chooses the size to download for a cols × rows half-block
// cover: the smallest image at least cols pixels wide and 2·rows high (a
// half block shows two pixel rows per cell), or else the largest there is.
// An image of unknown size (0 width or height) counts as larger than any
// known one. Images without a URL are skipped; ok is false when none is
// left.
func PickImage(images []api.Image, cols, rows int) (img api.Image, ok bool) {
	needW, needH := cols, 2*rows
	known := func(im api.Image) bool { return im.Width > 0 && im.Height > 0 }
	// less orders by size, unknown last.
	less := func(a, b api.Image) bool {
		switch {
		case !known(b):
			return known(a)
		case !known(a):
			return false
		}
		return a.Width*a.Height < b.Width*b.Height
	}
	var best, largest api.Image
	var haveBest, haveAny bool
	for _, im := range images {
		if im.URL == "" {
			continue
		}
		if !haveAny || less(largest, im) {
			largest, haveAny = im, true
		}
		fits := !known(im) || (im.Width >= needW && im.Height >= needH)
		if fits && (!haveBest || less(im, best)) {
			best, haveBest = im, true
		}
	}
	if haveBest {
		return best, true
	}
	return largest, haveAny
}
