// Command coverpeak measures the peak RSS of the cover component (ui/cover)
// fed many covers from a local server, as the app does, one after another:
// first realistic ones (distinct 640² JPEGs, as Spotify serves), then
// hostile ones (the largest accepted, 2048² 16-bit PNGs, and refused bombs:
// a 4096² 16-bit PNG, a declared 50000², an interlaced 2048² 16-bit), in
// half-block and kitty mode (-modes). It prints the peak RSS (VmHWM) after
// each phase, over a base of one cover shown, and what that growth would
// make of the app's 19 MB (its peak RSS playing with a cover, README
// "Performance"); -enforce exits 1 when that misses the app's target
// (25 MB normal, 64 MB hostile).
//
//	go run ./bench/coverpeak [-covers 20] [-enforce]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/spotui/spotui/internal/hostilepng"

	"github.com/muesli/termenv"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/ui/cover"
)

const (
	appBaseMB       = 19 // the app's peak RSS playing with one cover (go run ./bench)
	normalTargetMB  = 25
	hostileTargetMB = 64
)

func main() {
	covers := flag.Int("covers", 20, "covers per phase and mode")
	enforce := flag.Bool("enforce", false, "exit 1 when a peak misses its target")
	modeFlag := flag.String("modes", "blocks,kitty", "art modes to run each phase in")
	limitMB := flag.Int("memlimit", 14, "soft memory limit in MiB, as internal/app sets it (0: none; GOMEMLIMIT wins)")
	flag.Parse()
	var modes []cover.Mode
	for _, s := range strings.Split(*modeFlag, ",") {
		mode, err := cover.ParseMode(s)
		if err != nil {
			fmt.Fprintln(os.Stderr, "coverpeak:", err)
			os.Exit(2)
		}
		modes = append(modes, mode)
	}
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1) // as the app runs
	}
	if os.Getenv("GOMEMLIMIT") == "" && *limitMB > 0 {
		debug.SetMemoryLimit(int64(*limitMB) << 20) // as the app runs
	}

	bodies := map[string][]byte{}
	photo := jpegCover()
	hostile := hostilepng.File(hostilepng.Spec{W: 2048, H: 2048, Depth: 16, ColorType: 2})
	for i := range *covers {
		bodies[fmt.Sprintf("/n%d.jpg", i)] = photo
		bodies[fmt.Sprintf("/h%d.png", i)] = hostile
	}
	bodies["/4096.png"] = hostilepng.File(hostilepng.Spec{W: 4096, H: 4096, Depth: 16, ColorType: 2})
	bodies["/bomb.png"] = hostilepng.File(hostilepng.Spec{W: 50000, H: 50000, Depth: 8, ColorType: 2, HeaderOnly: true})
	bodies["/interlaced.png"] = hostilepng.File(hostilepng.Spec{W: 2048, H: 2048, Depth: 16, ColorType: 2, Interlace: 1, HeaderOnly: true})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(b)
	}))
	defer srv.Close()

	// The base is one cover on screen, as in the app's 19 MB.
	first := show(cover.New(cover.Options{Profile: termenv.TrueColor}), srv.URL+"/n0.jpg", 40, 20)
	defer runtime.KeepAlive(first)
	runtime.GC()
	base := vmHWM()
	fmt.Printf("%-16s %5.1f MB peak RSS with one cover shown\n", "base", base)

	failed := false
	paths := func(format string, extra ...string) []string {
		var ps []string
		for i := range *covers {
			ps = append(ps, fmt.Sprintf(format, i))
		}
		return append(ps, extra...)
	}
	phase := func(name string, paths []string, targetMB float64) {
		for _, mode := range modes {
			m := cover.New(cover.Options{Mode: mode, Profile: termenv.TrueColor})
			for i, p := range paths {
				// Alternate sizes, as a resize or another layout would.
				m = show(m, srv.URL+p, 40+i%3*10, 20+i%3*5)
			}
		}
		peak := vmHWM()
		app := appBaseMB + peak - base
		verdict := "ok"
		if app >= targetMB {
			verdict, failed = "OVER", true
		}
		fmt.Printf("%-16s %5.1f MB peak RSS: +%.1f MB, the app at ~%.0f MB (target < %.0f): %s\n",
			name, peak, peak-base, app, targetMB, verdict)
	}
	phase("normal covers", paths("/n%d.jpg"), normalTargetMB)
	phase("hostile covers", paths("/h%d.png", "/4096.png", "/bomb.png", "/interlaced.png"), hostileTargetMB)
	if failed && *enforce {
		os.Exit(1)
	}
}

// show asks m for one cover and runs the cmd as Bubble Tea would.
func show(m cover.Model, url string, cols, rows int) cover.Model {
	m, cmd := m.SetImage([]api.Image{{URL: url, Width: 640, Height: 640}}, "Album", cols, rows)
	for cmd != nil {
		m, cmd = m.Update(cmd())
	}
	return m
}

// vmHWM is the process's peak RSS in MB.
func vmHWM() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		fmt.Fprintln(os.Stderr, "coverpeak: needs Linux's /proc:", err)
		os.Exit(2)
	}
	for line := range strings.Lines(string(b)) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			return float64(kb) / 1024
		}
	}
	return 0
}

// jpegCover is a 640² JPEG with gradients, like a real cover.
func jpegCover() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 640, 640))
	for y := range 640 {
		for x := range 640 {
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(x*255/639), uint8(y*255/639), uint8((x*7+y*13)%64+96), 255
		}
	}
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	return buf.Bytes()
}
