package cover

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // Spotify's covers
	_ "image/png"
	"io"
	"net/http"
	"strings"
)

const (
	maxBody   = 5 << 20     // no cover is near this; anything bigger is not one
	maxPixels = 4096 * 4096 // refuse to decode bombs: header checked first
)

// load gets a cover's bytes from the disk cache or the network and decodes
// them. A cached file that does not decode is dropped and downloaded again.
func (e *engine) load(url string) (image.Image, error) {
	if data, ok := e.diskGet(url); ok {
		if img, err := decode(data); err == nil {
			return img, nil
		}
		e.diskRemove(url)
	}
	data, err := e.download(url)
	if err != nil {
		return nil, err
	}
	img, err := decode(data)
	if err != nil {
		return nil, err
	}
	e.diskPut(url, data)
	return img, nil
}

// download GETs url. Cover URLs are public CDN links: nothing secret goes
// out or into errors.
func (e *engine) download(url string) ([]byte, error) {
	e.mu.Lock()
	e.downloads++
	e.mu.Unlock()

	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("cover: %w", err)
	}
	req.Header.Set("Accept", "image/jpeg, image/png, image/*")
	resp, err := e.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("cover: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("cover: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, fmt.Errorf("cover: %w", err)
	}
	if len(data) > maxBody {
		return nil, errors.New("cover: image larger than 5 MB")
	}
	// Trust the header when it says image; otherwise look at the bytes, as
	// some CDNs send covers as application/octet-stream.
	if ct := resp.Header.Get("Content-Type"); !isImage(ct) {
		if sniffed := http.DetectContentType(data); !isImage(sniffed) {
			return nil, fmt.Errorf("cover: not an image (%s)", firstNonEmpty(ct, sniffed))
		}
	}
	return data, nil
}

func isImage(contentType string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(contentType)), "image/")
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// decode reads a JPEG or PNG, checking its size before allocating pixels.
func decode(data []byte) (image.Image, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("cover: decode: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return nil, fmt.Errorf("cover: decode: %dx%d pixels", cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("cover: decode: %w", err)
	}
	return img, nil
}
