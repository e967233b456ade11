package api

import (
	"context"
	"net/http"
)

// Queue is the body of GET /me/player/queue: what plays now and next.
// Items are tracks or episodes, told apart by Item.Type as elsewhere.
type Queue struct {
	CurrentlyPlaying *Item  `json:"currently_playing"`
	Queue            []Item `json:"queue"`
}

// maxQueue bounds the list kept: Spotify sends about 20, and a screen shows
// fewer.
const maxQueue = 50

// Queue returns the user's queue. It is read-only and costs one request:
// callers ask when the item changes, not on every poll.
func (c *Client) Queue(ctx context.Context) (*Queue, error) {
	var q Queue
	ok, err := c.do(ctx, http.MethodGet, "/me/player/queue", nil, nil, &q)
	if err != nil {
		return nil, err
	}
	if !ok {
		return &Queue{}, nil
	}
	return &q, nil // cleaned and bounded at decode (clean.go)
}
