package fakespotify

import "time"

// playback is the player's state. Position is stored as "posMS at
// changedAt" and derived from the clock, so it advances without a ticker and
// an injected clock controls it exactly.
type playback struct {
	index     int       // current item
	posMS     int       // position at changedAt
	changedAt time.Time // last playback state change: currently-playing's timestamp
	playing   bool
	activeDev int // index into devices; -1 = no active device
	lastDev   int // device to bring back on SetActiveDevice(true)
	premium   bool
	override  string // "" or the currently_playing_type to report with a null item
	shuffle   bool
	repeat    string // "off", "context" or "track"
	// The playlist loops whatever repeat says, so a demo never runs dry;
	// repeat "track" replays the same item.
}

// demoDevices are the user's Connect devices; the first starts active.
func demoDevices() []Device {
	return []Device{
		{ID: "a3f1c2d4e5b6978812ab34cd56ef7890a1b2c3d4", Name: "spotui demo speaker", Type: "Computer", Volume: 65, SupportsVolume: true},
		{ID: "b7e2d3c4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0", Name: "Kitchen", Type: "Speaker", Volume: 40, SupportsVolume: true},
		{ID: "c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0", Name: "Phone", Type: "Smartphone", Volume: 100, SupportsVolume: false},
	}
}

func (s *Server) effectivelyPlaying() bool { return s.pb.playing && s.pb.activeDev >= 0 }

// settle moves past every item end the clock has crossed since changedAt;
// each crossing is a state change, so changedAt moves to it. s.mu is held.
func (s *Server) settle(now time.Time) {
	p := &s.pb
	if !s.effectivelyPlaying() {
		return
	}
	elapsed := now.Sub(p.changedAt).Milliseconds()
	crossed := false
	for elapsed >= 0 {
		remaining := int64(s.items[p.index].DurationMS - p.posMS)
		if elapsed < remaining {
			break
		}
		p.changedAt = p.changedAt.Add(time.Duration(remaining) * time.Millisecond)
		elapsed -= remaining
		p.posMS = 0
		if p.repeat != "track" {
			p.index = (p.index + 1) % len(s.items)
		}
		if !crossed {
			// Now at the start of an item: skip whole loops in one step so a
			// clock moved by days does not spin here.
			crossed = true
			if cycle := s.cycleMS(); elapsed >= cycle {
				loops := elapsed / cycle
				p.changedAt = p.changedAt.Add(time.Duration(loops*cycle) * time.Millisecond)
				elapsed -= loops * cycle
			}
		}
	}
}

// cycleMS is how long one full loop takes from the start of the current
// item.
func (s *Server) cycleMS() int64 {
	if s.pb.repeat == "track" {
		return int64(s.items[s.pb.index].DurationMS)
	}
	var total int64
	for _, it := range s.items {
		total += int64(it.DurationMS)
	}
	return total
}

// progress is the position now; call settle first. s.mu is held.
func (s *Server) progress(now time.Time) int {
	if !s.effectivelyPlaying() {
		return s.pb.posMS
	}
	el := now.Sub(s.pb.changedAt).Milliseconds()
	if el < 0 {
		el = 0 // the clock went back; hold the position
	}
	return s.pb.posMS + int(el)
}

// mark starts a state change at now: settle, then fold the elapsed time
// into posMS. s.mu is held.
func (s *Server) mark(now time.Time) {
	s.settle(now)
	s.pb.posMS = s.progress(now)
	s.pb.changedAt = now
}

func (s *Server) current() Item { return s.items[s.pb.index] }

// skip moves by delta items, to position 0; s.mu is held and mark called.
func (s *Server) skip(delta int) {
	n := len(s.items)
	s.pb.index = ((s.pb.index+delta)%n + n) % n
	s.pb.posMS = 0
}

// previous restarts the item past 3 s, else goes back one; s.mu is held and
// mark called.
func (s *Server) previous() {
	if s.pb.posMS > 3000 {
		s.pb.posMS = 0
		return
	}
	s.skip(-1)
}

// seek moves within the current item; at or past its end Spotify skips to
// the next item. s.mu is held and mark called.
func (s *Server) seek(ms int) {
	if ms < 0 {
		ms = 0
	}
	if ms >= s.current().DurationMS {
		s.skip(1)
		return
	}
	s.pb.posMS = ms
}

// setActive switches between "some device active" and "none"; s.mu is held.
func (s *Server) setActive(now time.Time, active bool) {
	s.mark(now)
	if !active {
		if s.pb.activeDev >= 0 {
			s.pb.lastDev = s.pb.activeDev
		}
		s.pb.activeDev = -1
		return
	}
	if s.pb.activeDev < 0 {
		s.pb.activeDev = s.pb.lastDev
	}
}

// activate makes device i the active one (a transfer); s.mu is held.
func (s *Server) activate(now time.Time, i int) {
	s.mark(now)
	s.pb.activeDev, s.pb.lastDev = i, i
}

// disallows is the "actions.disallows" map for the current state: what the
// player would refuse now.
func (s *Server) disallows() map[string]bool {
	d := map[string]bool{}
	if s.pb.playing {
		d["resuming"] = true
	} else {
		d["pausing"] = true
	}
	if s.atContextStart() {
		d["skipping_prev"] = true
	}
	if s.current().Type == typeEpisode {
		d["toggling_shuffle"] = true
		d["toggling_repeat_context"] = true
		d["toggling_repeat_track"] = true
	}
	return d
}

// atContextStart: on the first item with repeat off there is nothing to go
// back to, so Spotify disallows skipping_prev.
func (s *Server) atContextStart() bool { return s.pb.index == 0 && s.pb.repeat == "off" }

// deviceIndex finds a device by id; -1 if unknown.
func (s *Server) deviceIndex(id string) int {
	for i, d := range s.devices {
		if d.ID == id {
			return i
		}
	}
	return -1
}
