package auth

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func sampleToken() *oauth2.Token {
	return (&oauth2.Token{
		AccessToken:  "access-SECRET-1",
		TokenType:    "Bearer",
		RefreshToken: "refresh-SECRET-1",
		Expiry:       time.Date(2031, 4, 5, 6, 7, 8, 123456789, time.FixedZone("X", 2*3600)),
	}).WithExtra(map[string]any{"scope": Scope})
}

func TestStoreRoundTrip(t *testing.T) {
	s := NewStore(filepath.Join(t.TempDir(), "cfg", "spotui", "token.json"))
	want := sampleToken()
	if err := s.Save(want); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got.AccessToken != want.AccessToken || got.RefreshToken != want.RefreshToken || got.TokenType != want.TokenType {
		t.Errorf("round trip changed the token: got %q/%q/%q", got.AccessToken, got.RefreshToken, got.TokenType)
	}
	if !got.Expiry.Equal(want.Expiry) {
		t.Errorf("expiry: got %v, want %v", got.Expiry, want.Expiry)
	}
	if scopeOf(got) != Scope {
		t.Errorf("scope: got %q, want %q", scopeOf(got), Scope)
	}
	// The file is plain JSON with the documented fields, expiry in RFC 3339.
	raw, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{`"access_token"`, `"token_type"`, `"refresh_token"`, `"expiry": "2031-04-05T04:07:08.123456789Z"`, `"scope"`} {
		if !strings.Contains(string(raw), field) {
			t.Errorf("token file lacks %s:\n%s", field, raw)
		}
	}
}

func TestStoreModes(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "spotui")
	s := NewStore(filepath.Join(dir, "token.json"))
	if err := s.Save(sampleToken()); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{dir: 0o700, s.Path(): 0o600} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", path, got, want)
		}
	}
	// A directory that already existed is the user's: left as it was.
	fi, err := os.Stat(parent)
	if err != nil {
		t.Fatal(err)
	}
	before := fi.Mode().Perm()
	if err := os.Chmod(parent, 0o755); err != nil {
		t.Fatal(err)
	}
	s2 := NewStore(filepath.Join(parent, "token.json"))
	if err := s2.Save(sampleToken()); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(parent); fi.Mode().Perm() != 0o755 {
		t.Errorf("pre-existing dir mode changed to %o", fi.Mode().Perm())
	}
	_ = os.Chmod(parent, before)
}

func TestStoreSaveReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	s := NewStore(filepath.Join(dir, "token.json"))
	first := sampleToken()
	if err := s.Save(first); err != nil {
		t.Fatal(err)
	}
	second := &oauth2.Token{AccessToken: "access-SECRET-2", RefreshToken: "refresh-SECRET-2"}
	if err := s.Save(second); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got.AccessToken != second.AccessToken || got.RefreshToken != second.RefreshToken {
		t.Errorf("save over an existing file: got %q/%q", got.AccessToken, got.RefreshToken)
	}
	if !got.Expiry.IsZero() || scopeOf(got) != "" {
		t.Errorf("fields of the old token leaked into the new one: %v %q", got.Expiry, scopeOf(got))
	}
	assertOnlyFile(t, dir, "token.json")

	// A write that fails halfway leaves the old file whole and no temp file.
	s.write = func(f *os.File, data []byte) error {
		_, _ = f.Write(data[:len(data)/2])
		return errors.New("disk full")
	}
	err = s.Save(sampleToken())
	var se *SaveError
	if !errors.As(err, &se) || se.Path != s.Path() {
		t.Fatalf("failed save: got %v, want *SaveError for %s", err, s.Path())
	}
	assertNoSecrets(t, err, "access-SECRET-1", "refresh-SECRET-1")
	got, err = s.Load()
	if err != nil || got.AccessToken != second.AccessToken {
		t.Fatalf("after a failed save: got %v, %v; want the previous token", got, err)
	}
	assertOnlyFile(t, dir, "token.json")
}

func TestStoreSaveRejectsEmpty(t *testing.T) {
	s := NewStore(filepath.Join(t.TempDir(), "token.json"))
	for _, tok := range []*oauth2.Token{nil, {RefreshToken: "r"}} {
		if err := s.Save(tok); err == nil {
			t.Errorf("Save(%v) succeeded; want an error", tok)
		}
	}
	if _, err := os.Stat(s.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a rejected save created the file: %v", err)
	}
}

func TestStoreLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := NewStore(filepath.Join(dir, "missing.json")).Load(); !errors.Is(err, ErrNoToken) {
		t.Errorf("missing file: got %v, want ErrNoToken", err)
	}
	tests := []struct {
		name, content string
	}{
		{"empty", ""},
		{"bad json", "{not json"},
		{"trailing garbage", `{"access_token":"a"} x`},
		{"no access token", `{"refresh_token":"refresh-SECRET-9","token_type":"Bearer"}`},
		{"wrong type", `{"access_token":42}`},
		{"bad expiry", `{"access_token":"access-SECRET-9","expiry":"tomorrow"}`},
		{"array", `[]`},
		{"null", `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".json")
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			tok, err := NewStore(path).Load()
			var ce *CorruptTokenError
			if !errors.As(err, &ce) || tok != nil {
				t.Fatalf("got %v, %v; want *CorruptTokenError", tok, err)
			}
			// Moved aside, never deleted: the content is all still there.
			bad := path + ".bad"
			want := "token cache unreadable (" + path + "), moved to " + bad
			if ce.Path != path || ce.MovedTo != bad || err.Error() != want {
				t.Errorf("message %q, path %q, moved to %q; want %q", err.Error(), ce.Path, ce.MovedTo, want)
			}
			if got, rerr := os.ReadFile(bad); rerr != nil || string(got) != tt.content {
				t.Errorf("%s holds %q (%v), want the original content", bad, got, rerr)
			}
			if exists(path) {
				t.Errorf("%s is still there after being moved aside", path)
			}
			assertNoSecrets(t, err, "access-SECRET-9", "refresh-SECRET-9")
		})
	}
	t.Run("directory", func(t *testing.T) {
		sub := filepath.Join(dir, "token.json")
		if err := os.Mkdir(sub, 0o700); err != nil {
			t.Fatal(err)
		}
		_, err := NewStore(sub).Load()
		var ce *CorruptTokenError
		if !errors.As(err, &ce) || ce.MovedTo != "" || !exists(sub) {
			t.Fatalf("got %v; want *CorruptTokenError and the directory left where it is", err)
		}
	})
}

func TestStoreClear(t *testing.T) {
	s := NewStore(filepath.Join(t.TempDir(), "token.json"))
	if err := s.Clear(); err != nil {
		t.Fatalf("Clear of a missing file: %v", err)
	}
	if err := s.Save(sampleToken()); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if err := s.Clear(); err != nil {
			t.Fatalf("Clear #%d: %v", i+1, err)
		}
	}
	if _, err := s.Load(); !errors.Is(err, ErrNoToken) {
		t.Errorf("after Clear: got %v, want ErrNoToken", err)
	}
}

func TestDefaultTokenPath(t *testing.T) {
	p := DefaultTokenPath()
	if filepath.Base(p) != "token.json" || filepath.Base(filepath.Dir(p)) != "spotui" || !filepath.IsAbs(p) {
		t.Errorf("DefaultTokenPath() = %q, want <config home>/spotui/token.json", p)
	}
}

// assertOnlyFile checks that no temporary file was left behind.
func assertOnlyFile(t *testing.T, dir, name string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != name {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only %s", names, name)
	}
}

// assertNoSecrets fails if err's message shows any of the secrets.
func assertNoSecrets(t *testing.T, err error, secrets ...string) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	for _, s := range secrets {
		if s != "" && strings.Contains(msg, s) {
			t.Errorf("error message %q shows a secret", msg)
		}
	}
}
