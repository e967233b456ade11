package cover

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/spotui/spotui/internal/hostilepng"

	"github.com/muesli/termenv"
)

// A 2048² 16-bit PNG is the biggest cover accepted, a 4096² one the
// issue's example of a bomb (108 KB on the wire, 128 MB decoded); tests
// share them, as making them takes a while under -race.
var (
	bigPNG  = sync.OnceValue(func() []byte { return hostilepng.File(hostilepng.Spec{W: 2048, H: 2048, Depth: 16, ColorType: 2}) })
	bombPNG = sync.OnceValue(func() []byte { return hostilepng.File(hostilepng.Spec{W: 4096, H: 4096, Depth: 16, ColorType: 2}) })
)

func TestDecodeLimits(t *testing.T) {
	var gifData bytes.Buffer
	if err := gif.Encode(&gifData, image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.Black}), nil); err != nil {
		t.Fatal(err)
	}
	grey := color.RGBA{0x80, 0x80, 0x80, 0xff}
	tests := []struct {
		name      string
		data      []byte
		limit     bool   // refused as a *LimitError, allocating next to nothing
		errHas    string // another error, mentioning this
		w, h      int    // cached size
		typ       string // cached type
		centre    color.RGBA
		checkPixs bool
	}{
		{name: "declared 50000×50000", data: hostilepng.File(hostilepng.Spec{W: 50000, H: 50000, Depth: 8, ColorType: 2, HeaderOnly: true}), limit: true},
		{name: "real 4096² 16-bit png", data: bombPNG(), limit: true},
		{name: "one side over 2048", data: hostilepng.File(hostilepng.Spec{W: 2049, H: 1, Depth: 8, ColorType: 2, HeaderOnly: true}), limit: true},
		{name: "2048² 16-bit interlaced: 64 MB to decode", data: hostilepng.File(hostilepng.Spec{W: 2048, H: 2048, Depth: 16, ColorType: 6, Interlace: 1, HeaderOnly: true}), limit: true},
		{name: "2048² progressive jpeg: 60 MB to decode", data: jpegHeader(0xc2, 2048, 2048), limit: true},
		{name: "1024² progressive jpeg passes the limits", data: jpegHeader(0xc2, 1024, 1024), errHas: "decode"},
		{name: "2048² baseline jpeg passes the limits", data: jpegHeader(0xc0, 2048, 2048), errHas: "decode"},
		{name: "gif", data: gifData.Bytes(), errHas: "not a JPEG or PNG"},
		{name: "2048² 16-bit png is shrunk to 8 bits", data: bigPNG(), w: 640, h: 640, typ: "*image.RGBA", centre: grey, checkPixs: true},
		{name: "2048² 16-bit with alpha", data: hostilepng.File(hostilepng.Spec{W: 2048, H: 1024, Depth: 16, ColorType: 6}), w: 640, h: 320, typ: "*image.RGBA"},
		{name: "1300² 16-bit gray: box then bilinear", data: hostilepng.File(hostilepng.Spec{W: 1300, H: 1300, Depth: 16, ColorType: 0}), w: 640, h: 640, typ: "*image.RGBA", centre: grey, checkPixs: true},
		{name: "800×400 8-bit", data: hostilepng.File(hostilepng.Spec{W: 800, H: 400, Depth: 8, ColorType: 2}), w: 640, h: 320, typ: "*image.RGBA", centre: grey, checkPixs: true},
		{name: "small 16-bit becomes 8-bit", data: hostilepng.File(hostilepng.Spec{W: 64, H: 64, Depth: 16, ColorType: 2}), w: 64, h: 64, typ: "*image.RGBA", centre: grey, checkPixs: true},
		{name: "Spotify's 640² jpeg is kept as is", data: jpegBytes(t, 640, 640, 0), w: 640, h: 640, typ: "*image.YCbCr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var img image.Image
			var err error
			n := allocated(func() { img, _, err = decode(tt.data) })
			var lim *LimitError
			switch {
			case tt.limit:
				if !errors.As(err, &lim) {
					t.Fatalf("err = %v, want a *LimitError", err)
				}
				if n > 1<<20 {
					t.Errorf("refusing it allocated %d bytes", n)
				}
				return
			case tt.errHas != "":
				if err == nil || errors.As(err, &lim) || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("err = %v, want a decode error with %q", err, tt.errHas)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			if got := fmt.Sprintf("%T", img); got != tt.typ {
				t.Errorf("cached as %s, want %s", got, tt.typ)
			}
			if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h {
				t.Errorf("cached at %dx%d, want %dx%d", b.Dx(), b.Dy(), tt.w, tt.h)
			}
			if n > maxDecodeBytes+12<<20 {
				t.Errorf("decoding allocated %d MB", n>>20)
			}
			if tt.checkPixs {
				b := img.Bounds()
				got := color.RGBAModel.Convert(img.At(b.Dx()/2, b.Dy()/2)).(color.RGBA)
				if got != tt.centre {
					t.Errorf("centre pixel %v, want %v", got, tt.centre)
				}
			}
		})
	}
}

// TestHostileCoversShowPlaceholder: through the model, a refused cover
// is the placeholder with a *LimitError, is not kept on disk, and is not
// downloaded again; the biggest accepted one is cached small.
func TestHostileCoversShowPlaceholder(t *testing.T) {
	srv := newCoverServer(t)
	srv.mu.Lock()
	srv.bodies["/bomb.png"] = hostilepng.File(hostilepng.Spec{W: 50000, H: 50000, Depth: 8, ColorType: 2, HeaderOnly: true})
	srv.bodies["/4096.png"] = bombPNG()
	srv.bodies["/2048.png"] = bigPNG()
	srv.mu.Unlock()
	dir := t.TempDir()

	for _, path := range []string{"/bomb.png", "/4096.png"} {
		t.Run(path, func(t *testing.T) {
			h := newHarness(t, Options{CacheDir: dir, Profile: termenv.TrueColor})
			url := srv.URL + path
			h.setImage(one(url), "Best Collection '75", 20, 10)
			var lim *LimitError
			if !errors.As(h.m.Err(), &lim) {
				t.Fatalf("Err() = %v, want a *LimitError", h.m.Err())
			}
			checkShape(t, h.m.View(), 20, 10)
			if !h.m.placeholder || !strings.Contains(h.m.View(), "BC") {
				t.Errorf("want the placeholder with initials, got\n%s", h.m.View())
			}
			if _, ok := h.m.eng.diskGet(url); ok {
				t.Error("refused cover was written to the disk cache")
			}
			if _, cmd := h.m.SetImage(one(url), "Best Collection '75", 20, 10); cmd != nil {
				t.Error("asking again would download it again")
			}
			if n := srv.count(path); n != 1 {
				t.Errorf("%d downloads, want 1", n)
			}
		})
	}

	h := newHarness(t, Options{Profile: termenv.TrueColor})
	url := srv.URL + "/2048.png"
	h.setImage(one(url), "A", 20, 10)
	if err := h.m.Err(); err != nil || h.m.placeholder {
		t.Fatalf("Err() = %v, placeholder %v", err, h.m.placeholder)
	}
	checkShape(t, h.m.View(), 20, 10)
	h.m.eng.mu.Lock()
	img, ok := h.m.eng.images.get(url)
	h.m.eng.mu.Unlock()
	if !ok {
		t.Fatal("cover not cached")
	}
	if r, ok := img.(*image.RGBA); !ok || r.Rect.Dx() > maxCoverPx || r.Rect.Dy() > maxCoverPx {
		t.Errorf("cached %T at %v, want *image.RGBA within %d²", img, img.Bounds(), maxCoverPx)
	}
}

// TestManyHugeCoversKeepHeapBounded: one after another, distinct covers of
// the biggest accepted kind (32 MB each to decode) leave only the caches'
// budgets behind, in kitty mode too, whose views are big.
func TestManyHugeCoversKeepHeapBounded(t *testing.T) {
	// Several times what the image budget holds (one 640² RGBA); fewer
	// under -race (CI), where each decode takes seconds, but still more
	// than the budget holds.
	perMode := map[Mode]int{ModeBlocks: 6, ModeKitty: 3}
	if raceEnabled {
		perMode = map[Mode]int{ModeBlocks: 3, ModeKitty: 1}
	}
	covers := perMode[ModeBlocks]
	srv := newCoverServer(t)
	srv.mu.Lock()
	for i := range covers {
		srv.bodies[fmt.Sprintf("/%d.png", i)] = bigPNG()
	}
	srv.mu.Unlock()

	var base runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&base)

	var models []Model
	for _, mode := range []Mode{ModeBlocks, ModeKitty} {
		h := newHarness(t, Options{Mode: mode, Profile: termenv.TrueColor})
		for i := range perMode[mode] {
			h.setImage(one(fmt.Sprintf("%s/%d.png", srv.URL, i)), "A", 60, 30)
			if err := h.m.Err(); err != nil {
				t.Fatalf("cover %d: %v", i, err)
			}
		}
		e := h.m.eng
		e.mu.Lock()
		if e.images.bytes > maxImageBytes || e.views.bytes > maxViewBytes || len(e.images.m) == 0 {
			t.Errorf("%v: caches hold %d image bytes in %d, %d view bytes", mode, e.images.bytes, len(e.images.m), e.views.bytes)
		}
		e.mu.Unlock()
		models = append(models, h.m)
	}

	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	grown := int64(after.HeapAlloc) - int64(base.HeapAlloc)
	// Two models' caches at their budgets, and some slack.
	if limit := int64(2*(maxImageBytes+maxViewBytes) + 4<<20); grown > limit {
		t.Errorf("heap grew by %d MB after %v covers, want under %d MB", grown>>20, perMode, limit>>20)
	}
	if after.HeapAlloc > 48<<20 {
		t.Errorf("heap is %d MB, want under 48 MB", after.HeapAlloc>>20)
	}
	runtime.KeepAlive(models)
}
