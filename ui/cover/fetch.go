package cover

import (
	"errors"
	"fmt"
	"image"
	"io"
	"net/http"
	"runtime/debug"
	"strings"
)

const (
	maxBody = 5 << 20 // no cover is near this; anything bigger is not one
	// bigDecode is a decode worth giving back at once (see decode below).
	// Spotify's 640² JPEGs cost 3 MB by decodeCost's estimate.
	bigDecode = 8 << 20
)

// load gets a cover's bytes from the disk cache or the network and decodes
// them. A cached file that does not decode is dropped and downloaded again.
func (e *engine) load(url string) (image.Image, error) {
	if data, ok := e.diskGet(url); ok {
		if img, err := e.decode(data); err == nil {
			e.noteDisk(url, true)
			return img, nil
		}
		e.diskRemove(url)
	}
	data, err := e.download(url)
	if err != nil {
		return nil, err
	}
	img, err := e.decode(data)
	if err != nil {
		return nil, err
	}
	e.noteDisk(url, e.diskPut(url, data))
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

// decode decodes one cover at a time. After a big one it collects and
// returns the memory to the OS: the decoder's buffers are garbage by then,
// but the GC pacer, having seen them live, would let the heap grow to
// twice that before collecting, so the next big cover would stack on top
// of the last and RSS would stay at the peak.
func (e *engine) decode(data []byte) (image.Image, error) {
	e.decodeMu.Lock()
	defer e.decodeMu.Unlock()
	img, cost, err := decode(data)
	if cost >= bigDecode {
		debug.FreeOSMemory()
	}
	return img, err
}
