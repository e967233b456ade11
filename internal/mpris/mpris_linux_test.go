//go:build linux

package mpris

import (
	"context"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/clocktest"
	"github.com/spotui/spotui/internal/dbustest"
	"github.com/spotui/spotui/internal/nowstate"
)

var t0 = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// playing is a track 10 s in at t0, at volume 40, shuffled, repeating the playlist.
func playing() nowstate.State {
	vol := 40
	return nowstate.State{Seq: 1, LoggedIn: true, FetchedAt: t0, CoverPath: "/tmp/spotui art/ab.jpg",
		Player: &api.PlaybackState{
			CurrentlyPlaying: api.CurrentlyPlaying{IsPlaying: true, ProgressMS: 10_000,
				Item: &api.Item{Type: api.TypeTrack, ID: "4uLU6hMCjMI75M1A2tKUQC", Name: "Paper Lanterns", DurationMS: 61_000,
					Artists:      []api.Artist{{Name: "The Velvet Orchards"}, {Name: "DJ Fennec"}},
					Album:        &api.Album{Name: "Harbour Lights"},
					ExternalURLs: api.ExternalURLs{Spotify: "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC"}}},
			Device:       api.Device{Name: "Kitchen", VolumePercent: &vol},
			ShuffleState: true, RepeatState: api.RepeatContext}}
}

// harness is a Server on a private bus, with what it sent to the "UI".
type harness struct {
	t     *testing.T
	addr  string
	clock *clocktest.Clock
	srv   *Server
	sent  chan nowstate.Command
}

func start(t *testing.T, send func(nowstate.Command)) *harness {
	t.Helper()
	h := &harness{t: t, addr: dbustest.Start(t), clock: clocktest.New(t0), sent: make(chan nowstate.Command, 16)}
	if send == nil {
		send = func(c nowstate.Command) { h.sent <- c }
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	srv, err := Start(ctx, Options{Address: h.addr, Send: send, Now: h.clock.Now, Logf: t.Logf})
	if err != nil || srv == nil {
		t.Fatalf("Start = %v, %v; want a server", srv, err)
	}
	t.Cleanup(func() { srv.Close() })
	h.srv = srv
	return h
}

// playerctl runs playerctl -p spotui against the private bus.
func (h *harness) playerctl(args ...string) string {
	h.t.Helper()
	bin := dbustest.Need(h.t, "playerctl", "playerctl")
	cmd := exec.Command(bin, append([]string{"-p", "spotui"}, args...)...)
	cmd.Env = []string{"DBUS_SESSION_BUS_ADDRESS=" + h.addr, "HOME=" + h.t.TempDir()}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "error: " + strings.TrimSpace(string(out))
	}
	return strings.TrimSpace(string(out))
}

// waitPlayerctl waits until playerctl args prints want.
func (h *harness) waitPlayerctl(want string, args ...string) {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := h.playerctl(args...)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("playerctl %s = %q after 10s, want %q", strings.Join(args, " "), got, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestPlayerctlReadsTheState(t *testing.T) {
	h := start(t, nil)
	h.srv.Update(playing())
	h.waitPlayerctl("Paper Lanterns", "metadata", "xesam:title")
	h.clock.Advance(3 * time.Second)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"status"}, "Playing"},
		{[]string{"metadata", "xesam:artist"}, "The Velvet Orchards, DJ Fennec"},
		{[]string{"metadata", "xesam:album"}, "Harbour Lights"},
		{[]string{"metadata", "mpris:length"}, "61000000"},
		{[]string{"metadata", "mpris:trackid"}, "'/org/mpris/MediaPlayer2/spotui/track/4uLU6hMCjMI75M1A2tKUQC'"},
		{[]string{"metadata", "mpris:artUrl"}, "file:///tmp/spotui%20art/ab.jpg"},
		{[]string{"metadata", "xesam:url"}, "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC"},
		{[]string{"volume"}, "0.400000"},
		{[]string{"shuffle"}, "On"},
		{[]string{"loop"}, "Playlist"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			if got := h.playerctl(tt.args...); got != tt.want {
				t.Errorf("playerctl %s = %q, want %q", strings.Join(tt.args, " "), got, tt.want)
			}
		})
	}

	// 10 s + 3 s on the injected clock, read at call time; playerctl adds
	// the few µs its own call took.
	if got, err := strconv.ParseFloat(h.playerctl("position"), 64); err != nil || math.Abs(got-13) > 0.5 {
		t.Errorf("playerctl position = %v (%v), want 13.0", got, err)
	}

	paused := playing()
	paused.Player.IsPlaying = false
	h.srv.Update(paused)
	h.waitPlayerctl("Paused", "status")
	h.srv.Update(nowstate.State{LoggedIn: true})
	h.waitPlayerctl("Stopped", "status")
}

func TestPlayerctlControlsBecomeCommands(t *testing.T) {
	h := start(t, nil)
	h.srv.Update(playing())
	h.waitPlayerctl("Paper Lanterns", "metadata", "xesam:title")
	tests := []struct {
		args []string
		want nowstate.Command
	}{
		{[]string{"next"}, nowstate.Command{Action: nowstate.ActNext}},
		{[]string{"previous"}, nowstate.Command{Action: nowstate.ActPrevious}},
		{[]string{"play"}, nowstate.Command{Action: nowstate.ActPlay}},
		{[]string{"pause"}, nowstate.Command{Action: nowstate.ActPause}},
		{[]string{"play-pause"}, nowstate.Command{Action: nowstate.ActPlayPause}},
		{[]string{"stop"}, nowstate.Command{Action: nowstate.ActPause}},
		{[]string{"position", "30"}, nowstate.Command{Action: nowstate.ActSeekTo, PositionMS: 30_000}},
		{[]string{"position", "5+"}, nowstate.Command{Action: nowstate.ActSeekBy, PositionMS: 5_000}},
		{[]string{"position", "5-"}, nowstate.Command{Action: nowstate.ActSeekBy, PositionMS: -5_000}},
		{[]string{"volume", "0.55"}, nowstate.Command{Action: nowstate.ActVolume, Volume: 55}},
		{[]string{"volume", "1.5"}, nowstate.Command{Action: nowstate.ActVolume, Volume: 100}},
		{[]string{"shuffle", "Off"}, nowstate.Command{Action: nowstate.ActShuffle, Shuffle: false}},
		{[]string{"loop", "Track"}, nowstate.Command{Action: nowstate.ActRepeat, Repeat: api.RepeatTrack}},
		{[]string{"loop", "None"}, nowstate.Command{Action: nowstate.ActRepeat, Repeat: api.RepeatOff}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			if out := h.playerctl(tt.args...); strings.HasPrefix(out, "error") {
				t.Fatalf("playerctl: %s", out)
			}
			select {
			case got := <-h.sent:
				if got != tt.want {
					t.Errorf("sent %+v, want %+v", got, tt.want)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("nothing sent, want %+v", tt.want)
			}
		})
	}
	// A position past the end is ignored, as the spec says.
	h.playerctl("position", "999")
	select {
	case got := <-h.sent:
		t.Errorf("position past the end sent %+v, want nothing", got)
	default:
	}
}
