package auth

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spotui/spotui/internal/fakespotify"
	"golang.org/x/oauth2"
)

// loggedIn logs in against the fake and returns a token source over a
// fresh store, plus the token and the store.
func loggedIn(t *testing.T, e *env) (*TokenSource, *oauth2.Token, *Store) {
	t.Helper()
	tok := e.login(t)
	store := NewStore(filepath.Join(t.TempDir(), "spotui", "token.json"))
	if err := store.Save(tok); err != nil {
		t.Fatal(err)
	}
	return e.cfg.TokenSource(context.Background(), tok, store), tok, store
}

func (e *env) refreshCount() int { return e.fake.RequestCount(http.MethodPost, "/api/token") }

func TestTokenNoRefreshWhileValid(t *testing.T) {
	e := newEnv(t)
	ts, tok, _ := loggedIn(t, e)
	before := e.refreshCount()
	e.clock.Advance(58 * time.Minute) // still outside the refresh margin
	got, err := ts.Token()
	if err != nil || got.AccessToken != tok.AccessToken {
		t.Fatalf("got %v; want the same token without a refresh", err)
	}
	if e.refreshCount() != before {
		t.Error("refreshed a token that wasn't near expiry")
	}
	got.AccessToken = "changed by caller"
	if again, _ := ts.Token(); again.AccessToken != tok.AccessToken {
		t.Error("callers can change the source's token")
	}
}

func TestRefreshRotationPersisted(t *testing.T) {
	e := newEnv(t)
	ts, old, store := loggedIn(t, e)
	e.clock.Advance(time.Hour)
	tok, err := ts.Token()
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken == old.AccessToken || tok.RefreshToken == old.RefreshToken || tok.RefreshToken == "" {
		t.Fatal("expected a new access token and a rotated refresh token")
	}
	if want := e.clock.Now().Add(time.Hour); !tok.Expiry.Equal(want) {
		t.Errorf("expiry %v, want %v", tok.Expiry, want)
	}
	saved, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	if saved.RefreshToken != tok.RefreshToken || saved.AccessToken != tok.AccessToken || scopeOf(saved) != Scope {
		t.Error("the rotated token was not saved before being handed out")
	}
	// The saved token works for a new process after another hour.
	e.clock.Advance(time.Hour)
	next, err := e.cfg.TokenSource(context.Background(), saved, store).Token()
	if err != nil || next.AccessToken == tok.AccessToken {
		t.Fatalf("refresh from the saved token: %v", err)
	}
	e.assertNoViolations(t)
}

func TestRefreshKeepsOmittedRefreshToken(t *testing.T) {
	e := newEnv(t)
	e.fake.SetOmitRefreshToken(true)
	ts, old, store := loggedIn(t, e)
	for i := 0; i < 2; i++ {
		e.clock.Advance(time.Hour)
		tok, err := ts.Token()
		if err != nil {
			t.Fatalf("refresh %d: %v", i+1, err)
		}
		if tok.AccessToken == old.AccessToken {
			t.Fatalf("refresh %d gave no new access token", i+1)
		}
		if tok.RefreshToken != old.RefreshToken {
			t.Fatalf("refresh %d lost the refresh token the reply omitted", i+1)
		}
		if saved, _ := store.Load(); saved == nil || saved.RefreshToken != old.RefreshToken {
			t.Fatalf("refresh %d: the store lost the refresh token", i+1)
		}
	}
	// The last refresh reply really did omit it.
	reqs := e.tokenRequests()
	if f := reqs[len(reqs)-1].Form; f.Get("grant_type") != "refresh_token" || f.Get("refresh_token") != "REDACTED" {
		t.Errorf("refresh form %v", f)
	}
	e.assertNoViolations(t)
}

func TestRefreshInvalidGrantIsSessionExpired(t *testing.T) {
	e := newEnv(t)
	ts, old, store := loggedIn(t, e)
	e.fake.RevokeRefreshTokens()
	e.clock.Advance(time.Hour)
	tok, err := ts.Token()
	if !errors.Is(err, ErrSessionExpired) || tok != nil {
		t.Fatalf("got %v, %v; want ErrSessionExpired", tok, err)
	}
	if err.Error() != "session expired — press l to log in" {
		t.Errorf("message %q", err.Error())
	}
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Error("the cause should stay reachable")
	}
	assertNoSecrets(t, err, old.AccessToken, old.RefreshToken)
	if saved, _ := store.Load(); saved.AccessToken != old.AccessToken {
		t.Error("a failed refresh changed the store")
	}
	if _, err := ts.ForceRefresh(); !errors.Is(err, ErrSessionExpired) {
		t.Errorf("ForceRefresh: %v, want ErrSessionExpired", err)
	}
}

func TestExpiredWithoutRefreshToken(t *testing.T) {
	e := newEnv(t)
	tok := &oauth2.Token{AccessToken: "access-SECRET-7", Expiry: e.clock.Now().Add(30 * time.Second)}
	ts := e.cfg.TokenSource(context.Background(), tok, nil)
	if got, err := ts.Token(); err != nil || got.AccessToken != tok.AccessToken {
		t.Fatalf("still valid, no refresh token: %v", err)
	}
	e.clock.Advance(time.Minute)
	_, err := ts.Token()
	if !errors.Is(err, ErrSessionExpired) {
		t.Fatalf("got %v, want ErrSessionExpired", err)
	}
	assertNoSecrets(t, err, tok.AccessToken)
	if e.refreshCount() != 0 {
		t.Error("tried to refresh without a refresh token")
	}
	if _, err := e.cfg.TokenSource(context.Background(), nil, nil).Token(); !errors.Is(err, ErrNoToken) {
		t.Errorf("nil token: %v, want ErrNoToken", err)
	}
}

func TestRefreshServerErrorIsNotSessionExpired(t *testing.T) {
	e := newEnv(t)
	ts, old, store := loggedIn(t, e)
	e.fake.FailNext(fakespotify.Failure{Method: "POST", Path: "/api/token", Status: 503, Count: 1})
	e.clock.Advance(time.Hour)
	_, err := ts.Token()
	var te *TokenError
	if err == nil || errors.Is(err, ErrSessionExpired) || !errors.As(err, &te) || te.Status != 503 {
		t.Fatalf("got %v, want a *TokenError 503 that is not ErrSessionExpired", err)
	}
	assertNoSecrets(t, err, old.AccessToken, old.RefreshToken)
	// The refresh token survived; the next call recovers.
	tok, err := ts.Token()
	if err != nil || tok.AccessToken == old.AccessToken {
		t.Fatalf("retry after 503: %v", err)
	}
	if saved, _ := store.Load(); saved.AccessToken != tok.AccessToken {
		t.Error("recovered token not saved")
	}
	e.assertNoViolations(t)
}

func TestRefreshNetworkError(t *testing.T) {
	e := newEnv(t)
	_, old, _ := loggedIn(t, e)
	cfg := e.cfg
	cfg.AccountsURL = "http://127.0.0.1:1" // nothing listens on port 1
	ts := cfg.TokenSource(context.Background(), old, nil)
	e.clock.Advance(time.Hour)
	_, err := ts.Token()
	var te *TokenError
	if !errors.As(err, &te) || errors.Is(err, ErrSessionExpired) || te.Status != 0 {
		t.Fatalf("got %v, want a network *TokenError", err)
	}
	if !strings.Contains(err.Error(), "check your connection") {
		t.Errorf("message %q", err.Error())
	}
	assertNoSecrets(t, err, old.AccessToken, old.RefreshToken)
}

func TestRefreshFailureInsideMarginKeepsOldToken(t *testing.T) {
	e := newEnv(t)
	ts, old, _ := loggedIn(t, e)
	e.fake.FailNext(fakespotify.Failure{Method: "POST", Path: "/api/token", Status: 503, Count: 1})
	e.clock.Advance(time.Hour - 30*time.Second) // inside the margin, not expired
	tok, err := ts.Token()
	if err != nil || tok.AccessToken != old.AccessToken {
		t.Fatalf("got %v; want the still-valid old token", err)
	}
}

func TestForceRefresh(t *testing.T) {
	e := newEnv(t)
	ts, old, store := loggedIn(t, e)
	e.fake.ExpireAccessTokens() // the API would now answer 401
	before := e.refreshCount()
	tok, err := ts.ForceRefresh()
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken == old.AccessToken || e.refreshCount() != before+1 {
		t.Fatal("ForceRefresh didn't refresh a token that looked valid")
	}
	if saved, _ := store.Load(); saved.AccessToken != tok.AccessToken || saved.RefreshToken != tok.RefreshToken {
		t.Error("ForceRefresh didn't save")
	}
	if got, _ := ts.Token(); got.AccessToken != tok.AccessToken {
		t.Error("Token() doesn't return the force-refreshed token")
	}
	e.fake.FailNext(fakespotify.Failure{Method: "POST", Path: "/api/token", Status: 503, Count: 1})
	if _, err := ts.ForceRefresh(); errors.Is(err, ErrSessionExpired) || err == nil {
		t.Errorf("ForceRefresh on 503: %v", err)
	}
	e.assertNoViolations(t)
}

func TestConcurrentTokenRefreshesOnce(t *testing.T) {
	e := newEnv(t)
	ts, _, _ := loggedIn(t, e)
	e.clock.Advance(time.Hour)
	before := e.refreshCount()
	var wg sync.WaitGroup
	tokens := make([]string, 16)
	for i := range tokens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok, err := ts.Token()
			if err != nil {
				t.Error(err)
				return
			}
			tokens[i] = tok.AccessToken
		}()
	}
	wg.Wait()
	if n := e.refreshCount() - before; n != 1 {
		t.Errorf("%d refreshes, want 1", n)
	}
	for _, tok := range tokens[1:] {
		if tok != tokens[0] {
			t.Fatal("concurrent callers got different tokens")
		}
	}
	e.assertNoViolations(t)
}

func TestSaveFailureRetriedBeforeHandingOut(t *testing.T) {
	e := newEnv(t)
	ts, _, store := loggedIn(t, e)
	store.write = func(*os.File, []byte) error { return errors.New("disk full") }
	e.clock.Advance(time.Hour)
	_, err := ts.Token()
	var se *SaveError
	if !errors.As(err, &se) {
		t.Fatalf("got %v, want *SaveError", err)
	}
	refreshes := e.refreshCount()
	store.write = nil // the disk has room again
	tok, err := ts.Token()
	if err != nil {
		t.Fatal(err)
	}
	if e.refreshCount() != refreshes {
		t.Error("refreshed again instead of saving the token it had (the rotated refresh token would be lost)")
	}
	if saved, _ := store.Load(); saved.RefreshToken != tok.RefreshToken {
		t.Error("token not saved on retry")
	}
	e.assertNoViolations(t)
}

func TestStringsHideSecrets(t *testing.T) {
	e := newEnv(t)
	ts, tok, _ := loggedIn(t, e)
	a := e.begin(t)
	for _, s := range []string{ts.String(), ts.GoString(), a.String(), a.GoString()} {
		for _, secret := range []string{tok.AccessToken, tok.RefreshToken, a.state, a.verifier} {
			if strings.Contains(s, secret) {
				t.Errorf("%q shows a secret", s)
			}
		}
	}
}
