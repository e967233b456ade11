package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

// A poll's reply, decoded once into the small structs the UI reads (fields
// it doesn't use, such as available_markets, are skipped by the decoder
// without being stored), then cleaned as Client does.
func BenchmarkDecodePlaybackState(b *testing.B) {
	body, err := os.ReadFile("testdata/track.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var ps PlaybackState
		if err := json.Unmarshal(body, &ps); err != nil {
			b.Fatal(err)
		}
		ps.clean()
		if ps.Item == nil {
			b.Fatal("no item decoded")
		}
	}
}

// A whole poll through the Client over loopback: request, reused
// connection, reply, decode.
func BenchmarkPlaybackStatePoll(b *testing.B) {
	body, err := os.ReadFile("testdata/track.json")
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	defer srv.Close()
	c := New(srv.URL+"/v1", srv.Client())
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		ps, err := c.PlaybackState(ctx)
		if err != nil || ps == nil || ps.Item == nil {
			b.Fatalf("poll: %v, %v", ps, err)
		}
	}
}
