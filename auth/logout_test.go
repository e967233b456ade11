package auth

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestLogoutElsewhereSticks: two spotui processes share token.json; one
// logs out (x, or rm). The other's next Token or ForceRefresh fails with
// ErrLoggedOut, even once its token has expired and it would refresh, and
// it never writes the file back.
func TestLogoutElsewhereSticks(t *testing.T) {
	tests := []struct {
		name    string
		logout  func(t *testing.T, other instance, path string)
		expired bool // the survivor's token is due for a refresh at its next call
	}{
		{"x in the other spotui", clearIn, false},
		{"x in the other spotui, token expired", clearIn, true},
		{"rm token.json", rmFile, false},
		{"rm token.json, token expired", rmFile, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			path, in := sharedCache(t, e, 2)
			survivor := in[1].ts
			if _, err := survivor.Token(); err != nil {
				t.Fatal(err)
			}
			tt.logout(t, in[0], path)
			if tt.expired {
				e.clock.Advance(2 * time.Hour)
			}
			refreshes := e.refreshCount()
			for i, call := range []func() error{
				func() error { _, err := survivor.Token(); return err },
				func() error { _, err := survivor.ForceRefresh(); return err },
				func() error { e.clock.Advance(2 * time.Hour); _, err := survivor.Token(); return err },
			} {
				if err := call(); !errors.Is(err, ErrLoggedOut) {
					t.Errorf("call %d after logout: %v, want ErrLoggedOut", i, err)
				}
				if exists(path) {
					t.Fatalf("call %d wrote token.json back after the logout", i)
				}
			}
			if n := e.refreshCount() - refreshes; n != 0 {
				t.Errorf("%d refreshes after the logout", n)
			}
			e.assertNoViolations(t)
		})
	}
}

func clearIn(t *testing.T, other instance, _ string) {
	t.Helper()
	if err := other.store.Clear(); err != nil {
		t.Fatal(err)
	}
}

func rmFile(t *testing.T, _ instance, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

// TestLogoutNoticedWithoutEarlierCalls: the survivor never asked for a
// token before the logout; it still knows its token came from the file.
func TestLogoutNoticedWithoutEarlierCalls(t *testing.T) {
	e := newEnv(t)
	_, in := sharedCache(t, e, 2)
	clearIn(t, in[0], "")
	if _, err := in[1].ts.Token(); !errors.Is(err, ErrLoggedOut) {
		t.Fatalf("got %v, want ErrLoggedOut", err)
	}
}

// TestFreshLoginBeforeItsSave: the UI starts polling with a new login's
// token while the save runs; a token the file never held isn't logged
// out by the file's absence, until the file has been seen.
func TestFreshLoginBeforeItsSave(t *testing.T) {
	e := newEnv(t)
	store := NewStore(filepath.Join(t.TempDir(), "spotui", "token.json"))
	// This process's store last held an older token, removed elsewhere
	// before this re-login (the stale case).
	old := e.login(t)
	if err := store.Save(old); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(store.Path()); err != nil {
		t.Fatal(err)
	}
	tok := e.login(t)
	ts := e.cfg.TokenSource(context.Background(), tok, store)
	if got, err := ts.Token(); err != nil || got.AccessToken != tok.AccessToken {
		t.Fatalf("before the save: %v", err)
	}
	if err := store.Save(tok); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Token(); err != nil {
		t.Fatalf("after the save: %v", err)
	}
	if err := os.Remove(store.Path()); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Token(); !errors.Is(err, ErrLoggedOut) {
		t.Fatalf("after the file went: %v, want ErrLoggedOut", err)
	}
}
