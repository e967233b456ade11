package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/spotui/spotui/internal/textclean"
)

// Hostile strings as they arrive in JSON: OSC 52 (clipboard) and OSC 2
// (window title), a CSI clear screen, a C1 CSI, bidi overrides.
const (
	evilTitle  = `Evil\u001b]52;c;SEFDS0VECg==\u0007Song\u001b]2;PWNED\u0007`
	evilArtist = `\u001b[2J\u001b[HArt\u202eist\u009b31m`
	evilText   = `a\u001b[31mb\u0007\u009d0;x\u009c\u2066c\u2069\u007f\t`
)

var hostileState = `{
 "timestamp": 1677716564187, "progress_ms": 1000, "is_playing": true,
 "currently_playing_type": "track` + evilText + `",
 "context": {"type": "` + evilText + `", "uri": "` + evilText + `", "href": "` + evilText + `", "external_urls": {"spotify": "` + evilText + `"}},
 "actions": {"disallows": {"pausing": true, "` + evilText + `": true}},
 "repeat_state": "off` + evilText + `", "shuffle_state": true,
 "device": {"id": "` + evilText + `", "name": "Kitchen` + evilText + `", "type": "` + evilText + `", "volume_percent": 50, "supports_volume": true},
 "item": {
  "type": "track", "id": "` + evilText + `", "uri": "` + evilText + `", "name": "` + evilTitle + `", "duration_ms": 200000,
  "external_urls": {"spotify": "` + evilText + `"},
  "artists": [{"id": "` + evilText + `", "name": "` + evilArtist + `", "uri": "` + evilText + `"}],
  "album": {"id": "` + evilText + `", "name": "` + evilText + `", "uri": "` + evilText + `",
   "artists": [{"name": "` + evilArtist + `"}], "images": [{"url": "` + evilText + `", "width": 640, "height": 640}]},
  "show": {"id": "` + evilText + `", "name": "` + evilText + `", "publisher": "` + evilText + `", "uri": "` + evilText + `", "images": [{"url": "` + evilText + `"}]},
  "images": [{"url": "` + evilText + `"}],
  "description": "line one` + evilText + `\nline two"
 }
}`

// serveJSON answers each path with its body (404 otherwise).
func serveJSON(t *testing.T, status int, bodies map[string]string) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return New(srv.URL+"/v1", srv.Client())
}

// dirtyStrings lists every string in v (fields, slices, map keys and
// values) that still holds a control, C1 or bidi rune, or invalid UTF-8.
func dirtyStrings(v reflect.Value, path string) []string {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); textclean.Line(s, 0) != s && textclean.Text(s, 0) != s {
			return []string{path + "=" + strings.ToValidUTF8(s, "?")}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return dirtyStrings(v.Elem(), path)
		}
	case reflect.Struct:
		var out []string
		for i := range v.NumField() {
			out = append(out, dirtyStrings(v.Field(i), path+"."+v.Type().Field(i).Name)...)
		}
		return out
	case reflect.Slice:
		var out []string
		for i := range v.Len() {
			out = append(out, dirtyStrings(v.Index(i), path+"[]")...)
		}
		return out
	case reflect.Map:
		var out []string
		for _, k := range v.MapKeys() {
			out = append(out, dirtyStrings(k, path+"{key}")...)
			out = append(out, dirtyStrings(v.MapIndex(k), path+"{}")...)
		}
		return out
	}
	return nil
}

func TestHostileRepliesDecodeClean(t *testing.T) {
	if !json.Valid([]byte(hostileState)) {
		t.Fatal("the test's reply is not JSON")
	}
	c := serveJSON(t, http.StatusOK, map[string]string{
		"/v1/me/player":                   hostileState,
		"/v1/me/player/currently-playing": hostileState,
		"/v1/me/player/devices":           `{"devices": [{"id": "x", "name": "` + evilTitle + `", "type": "` + evilArtist + `"}]}`,
	})
	ctx := context.Background()
	ps, err := c.PlaybackState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := c.CurrentlyPlaying(ctx)
	if err != nil {
		t.Fatal(err)
	}
	devs, err := c.Devices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]any{"PlaybackState": ps, "CurrentlyPlaying": cp, "Devices": devs} {
		if dirty := dirtyStrings(reflect.ValueOf(v), name); len(dirty) > 0 {
			t.Errorf("control characters survived decoding:\n%s", strings.Join(dirty, "\n"))
		}
	}
	// What is left reads as the text around the sequences.
	checks := []struct{ what, got, want string }{
		{"title", ps.Item.Name, "Evil]52;c;SEFDS0VECg==Song]2;PWNED"},
		{"artist", ps.Item.ArtistNames(), "[2J[HArtist31m"},
		{"device", ps.Device.Name, "Kitchena[31mb0;xc "},
		{"description", ps.Item.Description, "line onea[31mb0;xc \nline two"},
		{"device list", devs[0].Name, "Evil]52;c;SEFDS0VECg==Song]2;PWNED"},
		{"currently-playing title", cp.Item.Name, "Evil]52;c;SEFDS0VECg==Song]2;PWNED"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	if !ps.Actions.Disallows["pausing"] || len(ps.Actions.Disallows) != 1 {
		t.Errorf("disallows = %v, want only pausing", ps.Actions.Disallows)
	}
}

func TestHostileErrorBodiesDecodeClean(t *testing.T) {
	tests := []struct {
		name, body, wantMessage, wantReason string
	}{
		{"object", `{"error":{"status":403,"message":"` + evilTitle + `","reason":"PREMIUM` + evilText + `"}}`,
			"Evil]52;c;SEFDS0VECg==Song]2;PWNED", "PREMIUMa[31mb0;xc "},
		{"string", `{"error":"` + evilArtist + `"}`, "[2J[HArtist31m", ""},
		{"only controls", `{"error":{"message":"\u001b\u0007\u009b"}}`, "Forbidden", ""},
		{"huge", `{"error":{"message":"` + strings.Repeat("m", 50_000) + `"}}`, strings.Repeat("m", maxText) + "…", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := serveJSON(t, http.StatusForbidden, map[string]string{"/v1/me/player/pause": tt.body}).Pause(context.Background())
			var apiErr *Error
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %T %v", err, err)
			}
			if apiErr.Message != tt.wantMessage || apiErr.Reason != tt.wantReason {
				t.Errorf("message %q reason %q, want %q %q", apiErr.Message, apiErr.Reason, tt.wantMessage, tt.wantReason)
			}
		})
	}
}

// A 3 MB title and 20,000 artists are held as 1 KB and 32 artists, in fresh
// memory, so every frame after costs what a normal one does.
func TestHugeRepliesAreClipped(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"is_playing":true,"item":{"type":"track","duration_ms":1000,"name":"`)
	b.WriteString(strings.Repeat("é", 3<<20/2))
	b.WriteString(`","artists":[`)
	for i := range 20_000 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"name":"Artist with a long name"}`)
	}
	b.WriteString(`],"album":{"name":"A","images":[`)
	for i := range 1000 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"url":"u","width":64,"height":64}`)
	}
	b.WriteString(`]}},"device":{"name":"` + strings.Repeat("d", 10_000) + `"}}`)
	ps, err := serveJSON(t, http.StatusOK, map[string]string{"/v1/me/player": b.String()}).PlaybackState(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	it := ps.Item
	if len(it.Name) > maxText+len(textclean.Ellipsis) || !strings.HasSuffix(it.Name, "é…") {
		t.Errorf("title is %d bytes, ends %q", len(it.Name), it.Name[max(len(it.Name)-8, 0):])
	}
	if len(it.Artists) != maxArtists || cap(it.Artists) != maxArtists {
		t.Errorf("artists: len %d cap %d, want %d", len(it.Artists), cap(it.Artists), maxArtists)
	}
	if n := len(it.ArtistNames()); n > maxArtists*(maxText+5) {
		t.Errorf("artist line is %d bytes", n)
	}
	if len(it.Album.Images) != maxImages || cap(it.Album.Images) != maxImages {
		t.Errorf("images: len %d cap %d", len(it.Album.Images), cap(it.Album.Images))
	}
	if len(ps.Device.Name) != maxText+len(textclean.Ellipsis) {
		t.Errorf("device name is %d bytes", len(ps.Device.Name))
	}

	var devs strings.Builder
	devs.WriteString(`{"devices":[`)
	for i := range 5000 {
		if i > 0 {
			devs.WriteByte(',')
		}
		devs.WriteString(`{"id":"x","name":"Speaker"}`)
	}
	devs.WriteString(`]}`)
	list, err := serveJSON(t, http.StatusOK, map[string]string{"/v1/me/player/devices": devs.String()}).Devices(context.Background())
	if err != nil || len(list) != maxDevices {
		t.Errorf("devices: %d, %v; want %d", len(list), err, maxDevices)
	}
}

func TestNumbersAreClamped(t *testing.T) {
	const day = MaxDurationMS
	tests := []struct {
		name                       string
		body                       string
		wantProgress, wantDuration int
		wantVolume                 *int
		wantTimestamp              int64
		wantWidth                  int
	}{
		{"sane", `"progress_ms":1000,"duration_ms":200000,"volume_percent":40,"timestamp":1677716564187,"width":640`,
			1000, 200000, ptr(40), 1677716564187, 640},
		{"MaxInt64 duration", `"progress_ms":1000,"duration_ms":9223372036854775807`, 1000, 0, nil, 0, 0},
		{"negative duration", `"progress_ms":1000,"duration_ms":-5`, 1000, 0, nil, 0, 0},
		{"over a day", `"progress_ms":1000,"duration_ms":86400001`, 1000, 0, nil, 0, 0},
		{"a day exactly", `"progress_ms":1000,"duration_ms":86400000`, 1000, day, nil, 0, 0},
		{"negative progress", `"progress_ms":-1,"duration_ms":200000`, 0, 200000, nil, 0, 0},
		{"MaxInt64 progress", `"progress_ms":9223372036854775807,"duration_ms":200000`, 0, 200000, nil, 0, 0},
		{"progress past the end", `"progress_ms":300000,"duration_ms":200000`, 200000, 200000, nil, 0, 0},
		{"progress without duration", `"progress_ms":300000,"duration_ms":0`, 300000, 0, nil, 0, 0},
		{"volume MinInt32", `"volume_percent":-2147483648`, 0, 0, ptr(0), 0, 0},
		{"volume over 100", `"volume_percent":130`, 0, 0, ptr(100), 0, 0},
		{"negative timestamp", `"timestamp":-1`, 0, 0, nil, 0, 0},
		{"timestamp past year 9999", `"timestamp":9223372036854775807`, 0, 0, nil, 0, 0},
		{"huge image", `"width":9223372036854775807,"height":640`, 0, 0, nil, 0, 0},
		{"negative image", `"width":-640,"height":640`, 0, 0, nil, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Each number is placed where Spotify sends it; the others are
			// absent (0 / null).
			var f map[string]json.RawMessage
			if err := json.Unmarshal([]byte("{"+tt.body+"}"), &f); err != nil {
				t.Fatal(err)
			}
			get := func(k string) string {
				if v, ok := f[k]; ok {
					return string(v)
				}
				return "null"
			}
			body := `{"timestamp":` + get("timestamp") + `,"progress_ms":` + get("progress_ms") + `,"is_playing":true,
				"device":{"name":"d","volume_percent":` + get("volume_percent") + `},
				"item":{"type":"track","name":"t","duration_ms":` + get("duration_ms") + `,
				  "album":{"name":"a","images":[{"url":"u","width":` + get("width") + `,"height":` + get("height") + `}]}}}`
			ps, err := serveJSON(t, http.StatusOK, map[string]string{"/v1/me/player": body}).PlaybackState(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if ps.ProgressMS != tt.wantProgress || ps.Item.DurationMS != tt.wantDuration {
				t.Errorf("progress %d duration %d, want %d %d", ps.ProgressMS, ps.Item.DurationMS, tt.wantProgress, tt.wantDuration)
			}
			if (ps.Device.VolumePercent == nil) != (tt.wantVolume == nil) ||
				(tt.wantVolume != nil && *ps.Device.VolumePercent != *tt.wantVolume) {
				t.Errorf("volume %v, want %v", deref(ps.Device.VolumePercent), deref(tt.wantVolume))
			}
			if ps.Timestamp != tt.wantTimestamp {
				t.Errorf("timestamp %d, want %d", ps.Timestamp, tt.wantTimestamp)
			}
			if im := ps.Item.Album.Images[0]; im.Width != tt.wantWidth {
				t.Errorf("image %dx%d, want width %d", im.Width, im.Height, tt.wantWidth)
			}
		})
	}
}

func ptr(v int) *int { return &v }

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
