package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/fakespotify"
)

func TestQueueListsWhatPlaysNext(t *testing.T) {
	c, fake := client(t)
	q, err := c.Queue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if q.CurrentlyPlaying == nil || q.CurrentlyPlaying.Name != "Paper Lanterns" {
		t.Fatalf("currently playing = %+v", q.CurrentlyPlaying)
	}
	if len(q.Queue) != 20 {
		t.Fatalf("queue has %d items, want 20", len(q.Queue))
	}
	if q.Queue[0].Name != "Night Bus to Nowhere" || q.Queue[0].ArtistNames() != "Mira Calloway, DJ Fennec" {
		t.Errorf("next = %q by %q", q.Queue[0].Name, q.Queue[0].ArtistNames())
	}
	ep := q.Queue[2]
	if !ep.IsEpisode() || ep.Collection() != "The Curious Ear" {
		t.Errorf("third item should be the episode of its show, got %+v", ep)
	}
	if got := fake.Requests(); len(got) != 1 || got[0].Path != "/v1/me/player/queue" {
		t.Errorf("requests = %+v, want one GET of the queue", got)
	}
	fake.SetActiveDevice(false)
	q, err = c.Queue(context.Background())
	if err != nil || q.CurrentlyPlaying != nil || len(q.Queue) != 0 {
		t.Errorf("no active device: %+v, %v; want an empty queue", q, err)
	}
}

func TestQueueIsCleanedAndBounded(t *testing.T) {
	c, fake := client(t)
	fake.EditItemText(1, func(it *fakespotify.Item) {
		it.Name = "Evil\x1b]52;c;SEFDS0VECg==\aSong\u202e"
		it.Artists = []string{"\x1b[2JMallory\u009b"}
	})
	q, err := c.Queue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range append([]api.Item{*q.CurrentlyPlaying}, q.Queue...) {
		for _, s := range []string{it.Name, it.ArtistNames(), it.Collection()} {
			if strings.ContainsAny(s, "\x1b\a\u202e\u009b") {
				t.Fatalf("queue text not cleaned: %q", s)
			}
		}
	}
}
