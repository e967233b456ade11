package fakespotify

import "net/http"

// queueLen is how many upcoming items the fake lists; Spotify sends about 20.
const queueLen = 20

// handleQueue is GET /v1/me/player/queue: the current item and what plays
// after it. Episodes come as full episode objects (the endpoint takes no
// additional_types). With no active device both are empty, as Spotify
// answers then.
func (s *Server) handleQueue(c *call) reply {
	s.settle(c.now)
	out := map[string]any{"currently_playing": nil, "queue": []any{}}
	if s.pb.activeDev < 0 {
		return jsonReply(http.StatusOK, out)
	}
	out["currently_playing"] = s.itemObject(c.base, s.current())
	queue := make([]any, 0, queueLen)
	for i := 1; i <= queueLen; i++ {
		next := s.pb.index + i
		if s.pb.repeat == "track" {
			next = s.pb.index
		}
		queue = append(queue, s.itemObject(c.base, s.items[next%len(s.items)]))
	}
	out["queue"] = queue
	return jsonReply(http.StatusOK, out)
}

func (s *Server) itemObject(base string, it Item) any {
	if it.Type == typeEpisode {
		return episodeObject(base, it)
	}
	return trackObject(base, it)
}
