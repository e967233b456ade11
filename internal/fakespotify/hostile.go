package fakespotify

import "time"

// EditItemText lets a test give playlist item i (modulo the playlist
// length) hostile text, as a podcast feed anyone can publish might: f may
// change Name, Artists, Album, Show, Publisher and Description. Everything
// else the fake relies on (ids, type, duration) is put back afterwards.
func (s *Server) EditItemText(i int, f func(*Item)) {
	s.change(func(time.Time) {
		n := len(s.items)
		it := &s.items[((i%n)+n)%n]
		keep := *it
		f(it)
		it.Artists = append([]string(nil), it.Artists...) // not shared with the test
		it.Type, it.ID, it.AlbumID, it.ShowID = keep.Type, keep.ID, keep.AlbumID, keep.ShowID
		it.DurationMS, it.Explicit = keep.DurationMS, keep.Explicit
	})
}

// EditDevice lets a test change device i (modulo the device count): a
// hostile Name or Type, or a Volume outside 0–100 as a broken device might
// report. ID is put back so transfers keep working.
func (s *Server) EditDevice(i int, f func(*Device)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.devices)
	d := &s.devices[((i%n)+n)%n]
	id := d.ID
	f(d)
	d.ID = id
}
