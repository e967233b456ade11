package auth

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// instance is one spotui process: its own Store over the shared path, and
// a TokenSource started from what that Store loaded, as the UI does.
type instance struct {
	ts    *TokenSource
	store *Store
}

// sharedCache logs in once, saves the token, and starts n instances over
// the same file. The fake rotates refresh tokens (its default).
func sharedCache(t *testing.T, e *env, n int) (path string, out []instance) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "spotui", "token.json")
	if err := NewStore(path).Save(e.login(t)); err != nil {
		t.Fatal(err)
	}
	for range n {
		s := NewStore(path)
		tok, err := s.Load()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, instance{e.cfg.TokenSource(context.Background(), tok, s), s})
	}
	return path, out
}

// apiStatus is the fake Web API's answer to a request with access.
func (e *env) apiStatus(t *testing.T, access string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.cfg.AccountsURL+"/v1/me/player/currently-playing", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+access)
	resp, err := e.cfg.HTTPClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// fileToken parses the cache as JSON, failing on anything else.
func fileToken(t *testing.T, path string) storedToken {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var st storedToken
	if err := json.Unmarshal(b, &st); err != nil || st.AccessToken == "" {
		t.Fatalf("token file is not a valid token (%v): %d bytes", err, len(b))
	}
	return st
}

func TestTwoInstancesShareOneCacheAcrossExpiries(t *testing.T) {
	e := newEnv(t)
	path, in := sharedCache(t, e, 2)
	for round := range 4 {
		e.clock.Advance(time.Hour)
		// Take turns at being the first to notice the expiry.
		first, second := in[round%2], in[(round+1)%2]
		before := e.refreshCount()
		t1, err := first.ts.Token()
		if err != nil {
			t.Fatalf("round %d, first: %v", round, err)
		}
		t2, err := second.ts.Token()
		if err != nil {
			t.Fatalf("round %d, second: %v", round, err)
		}
		// The second found the first's fresh token in the file and used it.
		if t2.AccessToken != t1.AccessToken || t2.RefreshToken != t1.RefreshToken {
			t.Errorf("round %d: the second instance didn't take the token the first saved", round)
		}
		if n := e.refreshCount() - before; n != 1 {
			t.Errorf("round %d: %d refreshes, want 1", round, n)
		}
		if st := fileToken(t, path); st.AccessToken != t1.AccessToken || st.RefreshToken != t1.RefreshToken {
			t.Errorf("round %d: the file doesn't hold the newest token", round)
		}
		if a, b := e.apiStatus(t, t1.AccessToken), e.apiStatus(t, t2.AccessToken); a != http.StatusOK || b != http.StatusOK {
			t.Errorf("round %d: the API answered %d and %d", round, a, b)
		}
	}

	// A 401 (tokens expired on the server): each instance refreshes, the
	// second with the refresh token the first just saved.
	e.fake.ExpireAccessTokens()
	for i, x := range in {
		tok, err := x.ts.ForceRefresh()
		if err != nil {
			t.Fatalf("instance %d ForceRefresh: %v", i, err)
		}
		if got := e.apiStatus(t, tok.AccessToken); got != http.StatusOK {
			t.Errorf("instance %d: the API answered %d after ForceRefresh", i, got)
		}
	}
	// And once more through the expiry path, in the other order.
	e.clock.Advance(time.Hour)
	for _, x := range []instance{in[1], in[0]} {
		if _, err := x.ts.Token(); err != nil {
			t.Fatal(err)
		}
	}
	fileToken(t, path)
	e.assertNoViolations(t)
}

func TestSameProcessTokenIsNotReread(t *testing.T) {
	// A save that failed leaves the file older than our token: the file
	// didn't change under us, so its spent refresh token must not be used.
	e := newEnv(t)
	_, in := sharedCache(t, e, 1)
	ts, store := in[0].ts, in[0].store
	e.clock.Advance(time.Hour)
	store.write = func(*os.File, []byte) error { return errors.New("disk full") }
	if _, err := ts.Token(); err == nil {
		t.Fatal("want the save error")
	}
	store.write = nil
	e.clock.Advance(time.Hour)
	if _, err := ts.Token(); err != nil {
		t.Fatal(err)
	}
	e.assertNoViolations(t)
}

func TestConcurrentRefreshesAcrossInstances(t *testing.T) {
	e := newEnv(t)
	path, in := sharedCache(t, e, 3)

	// A reader watches the file the whole time: it must always parse.
	stop := make(chan struct{})
	var reads atomic.Int64
	readerDone := make(chan struct{})
	go func() {
		defer close(readerDone)
		for {
			select {
			case <-stop:
				return
			default:
			}
			b, err := os.ReadFile(path)
			var st storedToken
			if err != nil || json.Unmarshal(b, &st) != nil || st.AccessToken == "" {
				t.Errorf("a reader saw a token file that isn't valid (%v, %d bytes)", err, len(b))
				return
			}
			reads.Add(1)
		}
	}()

	for round := range 3 {
		e.fake.ExpireAccessTokens()
		var wg sync.WaitGroup
		toks := make([]*oauth2.Token, 4*len(in))
		for i := range toks {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tok, err := in[i%len(in)].ts.ForceRefresh()
				if err != nil {
					t.Errorf("round %d: ForceRefresh: %v", round, err)
					return
				}
				toks[i] = tok
			}()
		}
		wg.Wait()
		for i, tok := range toks {
			if tok != nil && e.apiStatus(t, tok.AccessToken) != http.StatusOK {
				t.Errorf("round %d: token %d refused by the API", round, i)
			}
		}
	}
	close(stop)
	<-readerDone
	if reads.Load() == 0 {
		t.Error("the reader never read the file")
	}
	fileToken(t, path)
	e.assertNoViolations(t)
}
