package fakespotify

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// Player command errors as Spotify words them.
const (
	msgNoActiveDevice  = "Player command failed: No active device found"
	msgPremiumRequired = "Player command failed: Premium required"
	msgRestriction     = "Player command failed: Restriction violated"
	msgNoVolume        = "Player command failed: Cannot control device volume"
	reasonNoDevice     = "NO_ACTIVE_DEVICE"
	reasonPremium      = "PREMIUM_REQUIRED"
	reasonUnknown      = "UNKNOWN"
	reasonNoVolume     = "VOLUME_CONTROL_DISALLOW"
)

func restricted() reply { return apiError(http.StatusForbidden, msgRestriction, reasonUnknown) }

func badRequest(msg string) reply { return apiError(http.StatusBadRequest, msg, "") }

// gate runs Spotify's checks shared by player commands: premium, a known
// device_id, an active device. It returns the target device. A command that
// starts playback on a named device (play with device_id) may find none
// active: that is how a client wakes a device up. s.mu is held.
func (s *Server) gate(c *call, startsPlayback bool) (int, reply, bool) {
	if !s.pb.premium {
		return 0, apiError(http.StatusForbidden, msgPremiumRequired, reasonPremium), false
	}
	dev := s.pb.activeDev
	if ids, ok := c.query["device_id"]; ok {
		i := s.deviceIndex(ids[0])
		if i < 0 {
			return 0, apiError(http.StatusNotFound, "Device not found", ""), false
		}
		if startsPlayback {
			return i, reply{}, true
		}
		if dev >= 0 {
			dev = i
		}
	}
	if dev < 0 {
		return 0, apiError(http.StatusNotFound, msgNoActiveDevice, reasonNoDevice), false
	}
	return dev, reply{}, true
}

// playBody is PUT /me/player/play's optional body.
type playBody struct {
	ContextURI *string  `json:"context_uri"`
	URIs       []string `json:"uris"`
	Offset     *struct {
		Position *int   `json:"position"`
		URI      string `json:"uri"`
	} `json:"offset"`
	PositionMS *int `json:"position_ms"`
}

func (b playBody) empty() bool {
	return b.ContextURI == nil && b.URIs == nil && b.Offset == nil && b.PositionMS == nil
}

// target works out which item a play body asks for; -1 = keep the current.
func (s *Server) target(b playBody) (int, reply, bool) {
	switch {
	case b.URIs != nil:
		if len(b.URIs) == 0 {
			return 0, badRequest("Invalid uris"), false
		}
		start := 0
		if b.Offset != nil && b.Offset.Position != nil {
			start = *b.Offset.Position
		} else if b.Offset != nil && b.Offset.URI != "" {
			start = indexOf(b.URIs, b.Offset.URI)
		}
		if start < 0 || start >= len(b.URIs) {
			return 0, badRequest("Invalid offset"), false
		}
		i := s.itemIndex(b.URIs[start])
		if i < 0 {
			return 0, badRequest("Invalid track uri: " + b.URIs[start]), false
		}
		return i, reply{}, true
	case b.ContextURI != nil:
		if *b.ContextURI != DemoPlaylistURI {
			return 0, badRequest("Invalid context uri"), false
		}
		i := 0
		if b.Offset != nil && b.Offset.Position != nil {
			i = *b.Offset.Position
		} else if b.Offset != nil && b.Offset.URI != "" {
			i = s.itemIndex(b.Offset.URI)
		}
		if i < 0 || i >= len(s.items) {
			return 0, badRequest("Invalid offset"), false
		}
		return i, reply{}, true
	}
	return -1, reply{}, true
}

func (s *Server) handlePlay(c *call) reply {
	var b playBody
	if len(bytes.TrimSpace(c.body)) > 0 {
		if err := json.Unmarshal(c.body, &b); err != nil {
			return badRequest("Malformed json")
		}
	}
	idx, rp, ok := s.target(b)
	if !ok {
		return rp
	}
	if b.PositionMS != nil && *b.PositionMS < 0 {
		return badRequest("Invalid position_ms")
	}
	dev, rp, ok := s.gate(c, true)
	if !ok {
		return rp
	}
	if b.empty() && s.effectivelyPlaying() && dev == s.pb.activeDev {
		return restricted() // resuming is disallowed while playing
	}
	s.activate(c.now, dev) // marks the change too
	if idx >= 0 {
		s.pb.index, s.pb.posMS = idx, 0
	}
	if b.PositionMS != nil {
		s.seek(*b.PositionMS)
	}
	s.pb.playing = true
	return noContent()
}

func (s *Server) handlePause(c *call) reply {
	if _, rp, ok := s.gate(c, false); !ok {
		return rp
	}
	if !s.pb.playing {
		return restricted() // pausing is disallowed while paused
	}
	s.mark(c.now)
	s.pb.playing = false
	return noContent()
}

func (s *Server) handleNext(c *call) reply {
	if _, rp, ok := s.gate(c, false); !ok {
		return rp
	}
	s.mark(c.now)
	s.skip(1)
	return noContent()
}

func (s *Server) handlePrevious(c *call) reply {
	if _, rp, ok := s.gate(c, false); !ok {
		return rp
	}
	s.settle(c.now)
	if s.progress(c.now) <= 3000 && s.atContextStart() {
		return restricted() // nothing before the first item with repeat off
	}
	s.mark(c.now)
	s.previous()
	return noContent()
}

func (s *Server) handleSeek(c *call) reply {
	ms, err := strconv.Atoi(c.query.Get("position_ms"))
	if err != nil || ms < 0 {
		return badRequest("Missing or invalid position_ms")
	}
	if _, rp, ok := s.gate(c, false); !ok {
		return rp
	}
	s.mark(c.now)
	s.seek(ms)
	return noContent()
}

func (s *Server) handleVolume(c *call) reply {
	v, err := strconv.Atoi(c.query.Get("volume_percent"))
	if err != nil || v < 0 || v > 100 {
		return badRequest("volume_percent must be an integer between 0 and 100")
	}
	dev, rp, ok := s.gate(c, false)
	if !ok {
		return rp
	}
	if !s.devices[dev].SupportsVolume {
		return apiError(http.StatusForbidden, msgNoVolume, reasonNoVolume)
	}
	s.devices[dev].Volume = v
	return noContent()
}

func (s *Server) handleShuffle(c *call) reply {
	var on bool
	switch c.query.Get("state") {
	case "true":
		on = true
	case "false":
	default:
		return badRequest("state must be true or false")
	}
	if _, rp, ok := s.gate(c, false); !ok {
		return rp
	}
	s.settle(c.now)
	if s.current().Type == typeEpisode {
		return restricted()
	}
	s.pb.shuffle = on
	return noContent()
}

func (s *Server) handleRepeat(c *call) reply {
	state := c.query.Get("state")
	switch state {
	case "track", "context", "off":
	default:
		return badRequest("state must be one of track, context or off")
	}
	if _, rp, ok := s.gate(c, false); !ok {
		return rp
	}
	// Settle under the old mode first: it decides what happened so far.
	s.settle(c.now)
	if s.current().Type == typeEpisode {
		return restricted()
	}
	s.pb.repeat = state
	return noContent()
}

// handleTransfer is PUT /me/player: move playback to another device. It is
// the one command that works with no active device.
func (s *Server) handleTransfer(c *call) reply {
	var b struct {
		DeviceIDs []string `json:"device_ids"`
		Play      bool     `json:"play"`
	}
	if err := json.Unmarshal(c.body, &b); err != nil {
		return badRequest("Malformed json")
	}
	if len(b.DeviceIDs) != 1 {
		return badRequest("Exactly one device_id must be given")
	}
	if !s.pb.premium {
		return apiError(http.StatusForbidden, msgPremiumRequired, reasonPremium)
	}
	dev := s.deviceIndex(b.DeviceIDs[0])
	if dev < 0 {
		return apiError(http.StatusNotFound, "Device not found", "")
	}
	s.activate(c.now, dev)
	if b.Play {
		s.pb.playing = true
	}
	return noContent()
}

// itemIndex finds a playlist item by URI; -1 if absent.
func (s *Server) itemIndex(uri string) int {
	for i, it := range s.items {
		if it.URI() == uri {
			return i
		}
	}
	return -1
}

func indexOf(list []string, v string) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}
