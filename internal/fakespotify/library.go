package fakespotify

import (
	"net/http"
	"strings"
)

// maxLibraryURIs is Spotify's limit on URIs per library request.
const maxLibraryURIs = 40

// libraryURIs parses the "uris" parameter: 1–40 comma-separated Spotify
// URIs of saveable kinds.
func libraryURIs(c *call) ([]string, bool) {
	raw := c.query.Get("uris")
	if raw == "" {
		return nil, false
	}
	uris := strings.Split(raw, ",")
	if len(uris) > maxLibraryURIs {
		return nil, false
	}
	for _, u := range uris {
		if !validLibraryURI(u) {
			return nil, false
		}
	}
	return uris, true
}

func validLibraryURI(u string) bool {
	parts := strings.Split(u, ":")
	if len(parts) != 3 || parts[0] != "spotify" {
		return false
	}
	switch parts[1] {
	case "track", "album", "episode", "show", "audiobook", "artist", "playlist":
	default:
		return false
	}
	return isBase62ID(parts[2])
}

// isBase62ID reports whether id has the shape of a Spotify id.
func isBase62ID(id string) bool {
	if len(id) != 22 {
		return false
	}
	for _, r := range id {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func (s *Server) handleLibraryContains(c *call) reply {
	uris, ok := libraryURIs(c)
	if !ok {
		return badRequest("Invalid uris")
	}
	out := make([]bool, len(uris))
	for i, u := range uris {
		out[i] = s.saved[u]
	}
	return jsonReply(http.StatusOK, out)
}

func (s *Server) handleLibrarySave(c *call) reply {
	uris, ok := libraryURIs(c)
	if !ok {
		return badRequest("Invalid uris")
	}
	for _, u := range uris {
		s.saved[u] = true
	}
	return reply{status: http.StatusOK}
}

func (s *Server) handleLibraryRemove(c *call) reply {
	uris, ok := libraryURIs(c)
	if !ok {
		return badRequest("Invalid uris")
	}
	for _, u := range uris {
		delete(s.saved, u)
	}
	return reply{status: http.StatusOK}
}
