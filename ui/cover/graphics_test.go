package cover

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image/png"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi/kitty"
)

// apcs splits a string of kitty APC commands into their option and payload
// parts, failing on anything else between them.
func apcs(t *testing.T, s string) (opts []string, payloads []string) {
	t.Helper()
	for s != "" {
		if !strings.HasPrefix(s, "\x1b_G") {
			t.Fatalf("expected an APC G, got %q", s[:min(20, len(s))])
		}
		end := strings.Index(s, "\x1b\\")
		if end < 0 {
			t.Fatal("unterminated APC")
		}
		body := s[3:end]
		s = s[end+2:]
		o, p, _ := strings.Cut(body, ";")
		opts = append(opts, o)
		payloads = append(payloads, p)
	}
	return opts, payloads
}

func hasOpts(t *testing.T, got string, want ...string) {
	t.Helper()
	set := map[string]bool{}
	for _, kv := range strings.Split(got, ",") {
		set[kv] = true
	}
	for _, w := range want {
		if !set[w] {
			t.Errorf("options %q lack %q", got, w)
		}
	}
}

func TestKittyEscape(t *testing.T) {
	img := photo(t, 640, 640)
	const id = 77
	for _, tt := range []struct {
		cols, rows, left, bc, br int
	}{
		{20, 10, 0, 20, 10},
		{30, 10, 5, 20, 10}, // wider than square: centred
	} {
		t.Run(fmt.Sprintf("%dx%d", tt.cols, tt.rows), func(t *testing.T) {
			view, err := renderKitty(img, tt.cols, tt.rows, gfx{kittyID: id, cellW: cell12.W, cellH: cell12.H})
			if err != nil {
				t.Fatal(err)
			}
			checkShape(t, view, tt.cols, tt.rows)
			lines := strings.Split(view, "\n")
			for i, l := range lines[1:] {
				if l != strings.Repeat(" ", tt.cols) {
					t.Fatalf("line %d is not padding: %q", i+1, l)
				}
			}
			first := lines[0]
			pad := strings.Repeat(" ", tt.left)
			if !strings.HasPrefix(first, pad+"\x1b_G") || !strings.HasSuffix(first, "\x1b\\"+strings.Repeat(" ", tt.cols-tt.left)) {
				t.Fatalf("first line not padding, escapes, padding: %q…", first[:min(40, len(first))])
			}
			esc := strings.TrimSuffix(strings.TrimPrefix(first, pad), strings.Repeat(" ", tt.cols-tt.left))
			opts, payloads := apcs(t, esc)
			if len(opts) < 3 {
				t.Fatalf("%d commands, want a delete and at least two chunks", len(opts))
			}
			hasOpts(t, opts[0], "a=d", "d=I", "i=77", "q=2")
			hasOpts(t, opts[1], "a=T", "f=100", "i=77", "p=1", "q=2", "C=1", "m=1",
				"c="+strconv.Itoa(tt.bc), "r="+strconv.Itoa(tt.br))
			var b64 strings.Builder
			for i := 1; i < len(opts); i++ {
				last := i == len(opts)-1
				if i > 1 {
					want := "m=1"
					if last {
						want = "m=0"
					}
					hasOpts(t, opts[i], want, "q=2")
				}
				if len(payloads[i]) > kitty.MaxChunkSize || (!last && len(payloads[i])%4 != 0) {
					t.Errorf("chunk %d has %d bytes", i, len(payloads[i]))
				}
				b64.WriteString(payloads[i])
			}
			data, err := base64.StdEncoding.DecodeString(b64.String())
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("payload is not a PNG: %v", err)
			}
			if cfg.Width != tt.bc*cell12.W || cfg.Height != tt.br*cell12.H {
				t.Errorf("PNG is %dx%d, want %dx%d", cfg.Width, cfg.Height, tt.bc*cell12.W, tt.br*cell12.H)
			}
		})
	}
}

func TestKittySmallImageNotEnlarged(t *testing.T) {
	view, err := renderKitty(photo(t, 64, 64), 20, 10, gfx{kittyID: 1, cellW: cell12.W, cellH: cell12.H})
	if err != nil {
		t.Fatal(err)
	}
	_, payloads := apcs(t, strings.TrimSpace(strings.Split(view, "\n")[0]))
	data, _ := base64.StdEncoding.DecodeString(strings.Join(payloads[1:], ""))
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width != 64 || cfg.Height != 64 {
		t.Errorf("PNG %dx%d (%v), want the source's 64x64", cfg.Width, cfg.Height, err)
	}
}

func TestITermEscape(t *testing.T) {
	img := photo(t, 640, 640)
	const cols, rows = 24, 10 // box 20×10 at column 2
	view, err := renderITerm(img, cols, rows, testGfx)
	if err != nil {
		t.Fatal(err)
	}
	checkShape(t, view, cols, rows)
	for i, l := range strings.Split(view, "\n") {
		prefix := strings.Repeat(" ", 22) + "\x1b7\x1b[20D\x1b]1337;File="
		suffix := "\x07\x1b8  "
		if !strings.HasPrefix(l, prefix) || !strings.HasSuffix(l, suffix) {
			t.Fatalf("line %d: %q…%q", i, l[:min(len(l), 60)], l[max(0, len(l)-20):])
		}
		args, content, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(l, prefix), suffix), ":")
		if !ok {
			t.Fatalf("line %d: no content", i)
		}
		params := map[string]string{}
		for _, kv := range strings.Split(args, ";") {
			k, v, _ := strings.Cut(kv, "=")
			params[k] = v
		}
		for k, v := range map[string]string{"width": "20", "height": "1", "inline": "1", "preserveAspectRatio": "0"} {
			if params[k] != v {
				t.Errorf("line %d: %s=%q, want %q (%s)", i, k, params[k], v, args)
			}
		}
		data, err := base64.StdEncoding.DecodeString(content)
		if err != nil {
			t.Fatal(err)
		}
		if params["size"] != strconv.Itoa(len(data)) {
			t.Errorf("line %d: size=%s, content is %d bytes", i, params["size"], len(data))
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("line %d: not a PNG: %v", i, err)
		}
		if cfg.Width != 200 || cfg.Height != 20 {
			t.Errorf("line %d: slice %dx%d, want 200x20", i, cfg.Width, cfg.Height)
		}
	}

	// A box shorter than the area: the lines around it are plain padding.
	view, err = renderITerm(img, 10, 10, testGfx) // 10×5 box from row 2
	if err != nil {
		t.Fatal(err)
	}
	checkShape(t, view, 10, 10)
	lines := strings.Split(view, "\n")
	for i, l := range lines {
		inBox := i >= 2 && i < 7
		if strings.Contains(l, "1337") != inBox {
			t.Errorf("line %d: image %v, want %v", i, !inBox, inBox)
		}
	}
}

// testGfx is the default cell: 10×20 pixels.
var testGfx = gfx{kittyID: DefaultKittyID, cellW: cell12.W, cellH: cell12.H}
