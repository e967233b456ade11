package fakespotify

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestLibrary(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	items := DemoPlaylist()
	uris := items[0].URI() + "," + items[1].URI() + "," + items[3].URI()
	contains := func() []bool {
		t.Helper()
		r := e.get("/v1/me/library/contains?uris="+url.QueryEscape(uris), tok)
		if r.status != 200 {
			t.Fatalf("contains: %d %s", r.status, r.body)
		}
		var got []bool
		e.decode(r, &got)
		return got
	}
	if got := contains(); len(got) != 3 || got[0] || !got[1] || got[2] {
		t.Fatalf("initially %v", got)
	}
	r := e.do("PUT", "/v1/me/library?uris="+url.QueryEscape(items[0].URI()+","+items[3].URI()), tok, nil)
	if r.status != 200 || len(r.body) != 0 {
		t.Fatalf("save: %d %q", r.status, r.body)
	}
	if got := contains(); !got[0] || !got[1] || !got[2] {
		t.Fatalf("after save %v", got)
	}
	if !e.s.IsSaved(items[0].URI()) {
		t.Error("IsSaved disagrees")
	}
	r = e.do("DELETE", "/v1/me/library?uris="+url.QueryEscape(items[1].URI()), tok, nil)
	if r.status != 200 || len(r.body) != 0 {
		t.Fatalf("remove: %d %q", r.status, r.body)
	}
	if got := contains(); !got[0] || got[1] {
		t.Fatalf("after remove %v", got)
	}
}

func TestLibraryBadURIs(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	id := DemoPlaylist()[0].ID
	many := strings.TrimSuffix(strings.Repeat("spotify:track:"+id+",", 41), ",")
	for _, q := range []string{
		"", "?uris=", "?uris=" + id, "?uris=spotify:track:short", "?uris=spotify:banana:" + id,
		"?uris=spotify:track:" + id + ",", "?uris=" + url.QueryEscape(many),
	} {
		for _, m := range []string{"GET /v1/me/library/contains", "PUT /v1/me/library", "DELETE /v1/me/library"} {
			method, path, _ := strings.Cut(m, " ")
			r := e.do(method, path+q, tok, nil)
			if ae := e.apiError(r); ae.Status != http.StatusBadRequest || ae.Message != "Invalid uris" {
				t.Errorf("%s%s: %+v", m, q, ae)
			}
		}
	}
}

func TestLibraryScopes(t *testing.T) {
	e := newEnv(t, Options{})
	q := "?uris=" + DemoPlaylist()[0].URI()
	readOnly, _ := e.s.IssueTokens("user-library-read")
	modifyOnly, _ := e.s.IssueTokens("user-library-modify")
	tests := []struct {
		method, path, token string
		want                int
	}{
		{"GET", "/v1/me/library/contains", readOnly, 200},
		{"PUT", "/v1/me/library", readOnly, 403},
		{"DELETE", "/v1/me/library", readOnly, 403},
		{"GET", "/v1/me/library/contains", modifyOnly, 403},
		{"PUT", "/v1/me/library", modifyOnly, 200},
		{"DELETE", "/v1/me/library", modifyOnly, 200},
	}
	for _, tc := range tests {
		if r := e.do(tc.method, tc.path+q, tc.token, nil); r.status != tc.want {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.path, r.status, tc.want)
		}
	}
}
