package fakespotify

import (
	"net/http"
	"strings"
)

// Scopes the fake's endpoints check.
const (
	scopeReadCurrently = "user-read-currently-playing"
	scopeReadState     = "user-read-playback-state"
	scopeModifyState   = "user-modify-playback-state"
	scopeLibraryRead   = "user-library-read"
	scopeLibraryModify = "user-library-modify"
)

// route is one method of one path. API routes need a bearer token with any
// one of scopes.
type route struct {
	api    bool
	scopes []string
	handle func(*call) reply
}

func (s *Server) buildRoutes() map[string]map[string]route {
	read := func(h func(*call) reply, scopes ...string) route { return route{api: true, scopes: scopes, handle: h} }
	modify := func(h func(*call) reply) route {
		return route{api: true, scopes: []string{scopeModifyState}, handle: h}
	}
	return map[string]map[string]route{
		authorizePath: {http.MethodGet: {handle: s.handleAuthorize}},
		tokenPath:     {http.MethodPost: {handle: s.handleToken}},

		"/v1/me/player/currently-playing": {http.MethodGet: read(s.handleCurrentlyPlaying, scopeReadCurrently, scopeReadState)},
		"/v1/me/player": {
			http.MethodGet: read(s.handlePlaybackState, scopeReadState),
			http.MethodPut: modify(s.handleTransfer),
		},
		"/v1/me/player/devices":  {http.MethodGet: read(s.handleDevices, scopeReadState)},
		"/v1/me/player/queue":    {http.MethodGet: read(s.handleQueue, scopeReadCurrently, scopeReadState)},
		"/v1/me/player/play":     {http.MethodPut: modify(s.handlePlay)},
		"/v1/me/player/pause":    {http.MethodPut: modify(s.handlePause)},
		"/v1/me/player/next":     {http.MethodPost: modify(s.handleNext)},
		"/v1/me/player/previous": {http.MethodPost: modify(s.handlePrevious)},
		"/v1/me/player/seek":     {http.MethodPut: modify(s.handleSeek)},
		"/v1/me/player/volume":   {http.MethodPut: modify(s.handleVolume)},
		"/v1/me/player/shuffle":  {http.MethodPut: modify(s.handleShuffle)},
		"/v1/me/player/repeat":   {http.MethodPut: modify(s.handleRepeat)},

		"/v1/me/library/contains": {http.MethodGet: read(s.handleLibraryContains, scopeLibraryRead)},
		"/v1/me/library": {
			http.MethodPut:    read(s.handleLibrarySave, scopeLibraryModify),
			http.MethodDelete: read(s.handleLibraryRemove, scopeLibraryModify),
		},
	}
}

// checkMarket validates the optional market parameter as Spotify does.
func checkMarket(c *call) (reply, bool) {
	m, ok := c.query["market"]
	if !ok {
		return reply{}, true
	}
	if len(m) != 1 || (m[0] != "from_token" && !isMarketCode(m[0])) {
		return apiError(http.StatusBadRequest, "Invalid market code", ""), false
	}
	return reply{}, true
}

// isMarketCode reports whether m looks like an ISO 3166-1 alpha-2 code.
func isMarketCode(m string) bool {
	return len(m) == 2 && m[0] >= 'A' && m[0] <= 'Z' && m[1] >= 'A' && m[1] <= 'Z'
}

// wantsEpisodes reads additional_types (a comma-separated list).
func wantsEpisodes(c *call) bool {
	for _, v := range c.query["additional_types"] {
		for _, t := range strings.Split(v, ",") {
			if strings.TrimSpace(t) == typeEpisode {
				return true
			}
		}
	}
	return false
}

func (s *Server) handleCurrentlyPlaying(c *call) reply {
	if rp, ok := checkMarket(c); !ok {
		return rp
	}
	s.settle(c.now)
	if s.pb.activeDev < 0 {
		return noContent()
	}
	return jsonReply(http.StatusOK, s.playingObject(c, wantsEpisodes(c)))
}

func (s *Server) handlePlaybackState(c *call) reply {
	if rp, ok := checkMarket(c); !ok {
		return rp
	}
	s.settle(c.now)
	if s.pb.activeDev < 0 {
		return noContent()
	}
	out := s.playingObject(c, wantsEpisodes(c))
	shuffle, smart := s.pb.shuffle, false
	out.Device = s.wireDevice(s.pb.activeDev)
	out.ShuffleState, out.SmartShuffle = &shuffle, &smart
	out.RepeatState = s.pb.repeat
	return jsonReply(http.StatusOK, out)
}

func (s *Server) handleDevices(c *call) reply {
	devices := []*wireDevice{}
	for i := range s.devices {
		devices = append(devices, s.wireDevice(i))
	}
	return jsonReply(http.StatusOK, map[string]any{"devices": devices})
}
