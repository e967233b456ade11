package fakespotify

import (
	"bytes"
	"crypto/sha256"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"strconv"
	"strings"
)

// imagesPrefix is where covers are served, like Spotify's image CDN: no
// token needed.
const imagesPrefix = "/images/"

// serveImage answers GET /images/{id}-{size}.jpg. It runs without s.mu held
// except around the cache, since encoding takes a few milliseconds.
func (s *Server) serveImage(c *call) reply {
	if c.r.Method != http.MethodGet && c.r.Method != http.MethodHead {
		return apiError(http.StatusMethodNotAllowed, "Method not allowed", "")
	}
	id, size, ok := s.parseImageName(c.r.URL.Path)
	if !ok {
		return apiError(http.StatusNotFound, "Not found", "")
	}
	key := id + "-" + strconv.Itoa(size)
	s.mu.Lock()
	data, cached := s.images[key]
	s.mu.Unlock()
	if !cached {
		data = coverJPEG(id, size)
		s.mu.Lock()
		s.images[key] = data
		s.mu.Unlock()
	}
	rp := reply{status: http.StatusOK, body: data}
	rp.set("Content-Type", "image/jpeg")
	rp.set("Content-Length", strconv.Itoa(len(data)))
	rp.set("Cache-Control", "max-age=86400")
	return rp
}

// parseImageName splits "/images/{id}-{size}.jpg", accepting only ids of
// the playlist's albums, shows and episodes and Spotify's three sizes.
func (s *Server) parseImageName(path string) (id string, size int, ok bool) {
	name, found := strings.CutSuffix(strings.TrimPrefix(path, imagesPrefix), ".jpg")
	if !found {
		return "", 0, false
	}
	i := strings.LastIndexByte(name, '-')
	if i < 0 {
		return "", 0, false
	}
	id, sizeText := name[:i], name[i+1:]
	size, err := strconv.Atoi(sizeText)
	if err != nil || !s.imageIDs[id] {
		return "", 0, false
	}
	for _, n := range imageSizes() {
		if n == size && sizeText == strconv.Itoa(n) {
			return id, size, true
		}
	}
	return "", 0, false
}

// coverColors derives a dark and a light colour from id, so each cover is
// recognisable and stable across runs.
func coverColors(id string) (dark, light color.RGBA) {
	h := sha256.Sum256([]byte(id))
	dark = color.RGBA{20 + h[0]/3, 20 + h[1]/3, 20 + h[2]/3, 255}
	light = color.RGBA{128 + h[3]/2, 128 + h[4]/2, 128 + h[5]/2, 255}
	return dark, light
}

// coverImage draws a diagonal gradient from dark to light with a centred
// square in the inverse of the dark colour.
func coverImage(id string, n int) *image.RGBA {
	dark, light := coverColors(id)
	square := color.RGBA{255 - dark.R, 255 - dark.G, 255 - dark.B, 255}
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	lo, hi := n*5/16, n-n*5/16
	span := 2 * (n - 1)
	if span == 0 {
		span = 1
	}
	mix := func(a, b uint8, t, span int) uint8 { return uint8((int(a)*(span-t) + int(b)*t) / span) }
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if x >= lo && x < hi && y >= lo && y < hi {
				img.SetRGBA(x, y, square)
				continue
			}
			t := x + y
			img.SetRGBA(x, y, color.RGBA{mix(dark.R, light.R, t, span), mix(dark.G, light.G, t, span), mix(dark.B, light.B, t, span), 255})
		}
	}
	return img
}

func coverJPEG(id string, n int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, coverImage(id, n), &jpeg.Options{Quality: 90}); err != nil {
		// Encoding to memory cannot fail for a valid RGBA image.
		panic("fakespotify: jpeg: " + err.Error())
	}
	return buf.Bytes()
}
