package fakespotify

import (
	"bytes"
	"image/jpeg"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestImages(t *testing.T) {
	e := newEnv(t, Options{})
	items := DemoPlaylist()
	album, episode, show := items[0].AlbumID, items[3].ID, items[3].ShowID
	for _, id := range []string{album, episode, show} {
		for _, size := range []int{640, 300, 64} {
			path := "/images/" + id + "-" + strconv.Itoa(size) + ".jpg"
			r := e.get(path, "") // no token: images are public
			if r.status != 200 {
				t.Fatalf("%s: %d", path, r.status)
			}
			if r.header.Get("Content-Type") != "image/jpeg" || r.header.Get("Cache-Control") != "max-age=86400" {
				t.Errorf("%s: headers %v", path, r.header)
			}
			img, err := jpeg.Decode(bytes.NewReader(r.body))
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
				t.Errorf("%s: bounds %v", path, b)
			}
			if again := e.get(path, ""); !bytes.Equal(again.body, r.body) {
				t.Errorf("%s: not deterministic", path)
			}
		}
	}
	a := e.get("/images/"+album+"-64.jpg", "").body
	b := e.get("/images/"+items[1].AlbumID+"-64.jpg", "").body
	if bytes.Equal(a, b) {
		t.Error("two albums share a cover")
	}
	// A fresh server draws the same picture.
	other := newEnv(t, Options{})
	if !bytes.Equal(other.get("/images/"+album+"-64.jpg", "").body, a) {
		t.Error("covers differ between servers")
	}
}

func TestImagePattern(t *testing.T) {
	// The centre square contrasts with the gradient corners.
	img := coverImage("someAlbumId", 64)
	dark, _ := coverColors("someAlbumId")
	corner, centre := img.RGBAAt(0, 0), img.RGBAAt(32, 32)
	if corner != dark {
		t.Errorf("corner %v, want %v", corner, dark)
	}
	if centre.R != 255-dark.R || centre.G != 255-dark.G || centre.B != 255-dark.B {
		t.Errorf("centre %v", centre)
	}
}

func TestImagesNotFound(t *testing.T) {
	e := newEnv(t, Options{})
	album := DemoPlaylist()[0].AlbumID
	for _, path := range []string{
		"/images/0000000000000000000000-640.jpg",
		"/images/" + album + "-128.jpg",
		"/images/" + album + "-0640.jpg",
		"/images/" + album + ".jpg",
		"/images/" + album + "-640.png",
		"/images/",
	} {
		if r := e.get(path, ""); r.status != http.StatusNotFound {
			t.Errorf("%s: %d", path, r.status)
		}
	}
	if r := e.do("POST", "/images/"+album+"-64.jpg", "", strings.NewReader("x")); r.status != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", r.status)
	}
}

func TestImageURLsFromItemsWork(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	for i := range DemoPlaylist() {
		e.s.SetIndex(i)
		_, cp := e.playing(tok, "?additional_types=episode")
		for _, img := range cp.Item.CoverImages() {
			resp, err := http.Get(img.URL)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("%s: %d", img.URL, resp.StatusCode)
			}
		}
	}
}
