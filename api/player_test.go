package api_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/fakespotify"
	"golang.org/x/oauth2"
)

// client is an api.Client logged in to a fresh fake with every scope.
func client(t *testing.T) (*api.Client, *fakespotify.Server) {
	t.Helper()
	fake := fakespotify.New(fakespotify.Options{})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	access, _ := fake.IssueTokens()
	hc := &oauth2.Transport{Source: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: access, TokenType: "Bearer"})}
	t.Cleanup(func() {
		if v := fake.Violations(); len(v) > 0 {
			t.Errorf("violations: %q", v)
		}
	})
	return api.New(srv.URL+"/v1", &http.Client{Transport: hc}), fake
}

func TestPlayerControlsAgainstTheFake(t *testing.T) {
	c, fake := client(t)
	ctx := context.Background()

	ps, err := c.PlaybackState(ctx)
	if err != nil || ps == nil || ps.Device.Name == "" || ps.Item == nil {
		t.Fatalf("PlaybackState = %+v, %v", ps, err)
	}
	if err := c.Seek(ctx, 30_000); err != nil {
		t.Fatal(err)
	}
	if _, pos, _ := fake.Current(); pos < 30_000 || pos > 31_000 {
		t.Errorf("after seek: %d ms", pos)
	}
	if err := c.SetVolume(ctx, 130); err != nil { // clamped to 100
		t.Fatal(err)
	}
	if err := c.SetShuffle(ctx, true); err != nil {
		t.Fatal(err)
	}
	if err := c.SetRepeat(ctx, api.RepeatTrack); err != nil {
		t.Fatal(err)
	}
	ps, _ = c.PlaybackState(ctx)
	if ps.Device.VolumePercent == nil || *ps.Device.VolumePercent != 100 || !ps.ShuffleState || ps.RepeatState != api.RepeatTrack {
		t.Errorf("state after controls: volume %v shuffle %v repeat %q", ps.Device.VolumePercent, ps.ShuffleState, ps.RepeatState)
	}

	devs, err := c.Devices(ctx)
	if err != nil || len(devs) < 2 {
		t.Fatalf("Devices = %v, %v", devs, err)
	}
	var other api.Device
	for _, d := range devs {
		if !d.IsActive {
			other = d
		}
	}
	if err := c.Transfer(ctx, other.ID, true); err != nil {
		t.Fatal(err)
	}
	ps, _ = c.PlaybackState(ctx)
	if ps.Device.ID != other.ID {
		t.Errorf("transfer: active device %q, want %q", ps.Device.ID, other.ID)
	}

	uri := "spotify:track:" + ps.Item.ID
	if err := c.Save(ctx, uri); err != nil {
		t.Fatal(err)
	}
	if saved, err := c.Saved(ctx, uri); err != nil || len(saved) != 1 || !saved[0] {
		t.Errorf("Saved after Save = %v, %v", saved, err)
	}
	if err := c.Unsave(ctx, uri); err != nil {
		t.Fatal(err)
	}
	if saved, _ := c.Saved(ctx, uri); saved[0] {
		t.Error("still saved after Unsave")
	}
	if fake.IsSaved(uri) {
		t.Error("fake still has it")
	}
}

func TestUnknownDeviceIsTyped(t *testing.T) {
	c, _ := client(t)
	err := c.Transfer(context.Background(), "nope", false)
	var apiErr *api.Error
	if !errors.As(err, &apiErr) || apiErr.Status != 404 {
		t.Fatalf("err = %v", err)
	}
}
