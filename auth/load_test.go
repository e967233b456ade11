package auth

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

// savedAt writes a valid token file and sets its mode exactly (WriteFile
// is subject to the umask).
func savedAt(t *testing.T, mode os.FileMode) *Store {
	t.Helper()
	s := NewStore(filepath.Join(t.TempDir(), "spotui", "token.json"))
	if err := s.Save(sampleToken()); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(s.Path(), mode); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLoadNoticeMakesAnExposedFilePrivate(t *testing.T) {
	tests := []struct {
		mode   os.FileMode
		notice string
	}{
		{0o600, ""},
		{0o400, ""},
		{0o644, "token.json was readable by others (-rw-r--r--): fixed to 0600"},
		{0o640, "token.json was readable by others (-rw-r-----): fixed to 0600"},
		{0o604, "token.json was readable by others (-rw----r--): fixed to 0600"},
		{0o620, "token.json was writable by others (-rw--w----): fixed to 0600"},
		{0o666, "token.json was readable by others (-rw-rw-rw-): fixed to 0600"},
		{0o610, "token.json was accessible by others (-rw---x---): fixed to 0600"},
	}
	for _, tt := range tests {
		t.Run(tt.mode.String(), func(t *testing.T) {
			s := savedAt(t, tt.mode)
			tok, notice, err := s.LoadNotice()
			if err != nil || tok == nil || tok.AccessToken != sampleToken().AccessToken {
				t.Fatalf("LoadNotice: %v, %v; want the token", tok, err)
			}
			if notice != tt.notice {
				t.Errorf("notice %q, want %q", notice, tt.notice)
			}
			fi, err := os.Stat(s.Path())
			if err != nil {
				t.Fatal(err)
			}
			want := tt.mode
			if tt.notice != "" {
				want = 0o600
			}
			if fi.Mode().Perm() != want {
				t.Errorf("mode after load %v, want %v", fi.Mode().Perm(), want)
			}
			// Fixed once: the next load has nothing to say.
			if _, again, _ := s.LoadNotice(); again != "" {
				t.Errorf("second load still notices %q", again)
			}
		})
	}
}

func TestLoadDropsTheNoticeButStillFixes(t *testing.T) {
	s := savedAt(t, 0o644)
	if _, err := s.Load(); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(s.Path()); fi.Mode().Perm() != 0o600 {
		t.Errorf("Load left mode %v", fi.Mode().Perm())
	}
}

func TestCorruptExposedFileIsFixedAndMoved(t *testing.T) {
	s := savedAt(t, 0o644)
	if err := os.WriteFile(s.Path(), []byte(`{"refresh_token":"refresh-SECRET-5"`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, notice, err := s.LoadNotice()
	var ce *CorruptTokenError
	if !errors.As(err, &ce) || ce.MovedTo != s.Path()+".bad" {
		t.Fatalf("got %v; want a *CorruptTokenError moved to .bad", err)
	}
	if !strings.Contains(notice, "fixed to 0600") {
		t.Errorf("notice %q", notice)
	}
	// The moved file keeps the secret it may hold private too.
	if fi, err := os.Stat(ce.MovedTo); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("%s: %v, %v; want mode 0600", ce.MovedTo, fi, err)
	}
	assertNoSecrets(t, err, "refresh-SECRET-5")
	if strings.Contains(notice, "refresh-SECRET-5") {
		t.Errorf("notice shows a secret: %q", notice)
	}
}

func TestMoveAsideReplacesAnOlderBadFile(t *testing.T) {
	s := NewStore(filepath.Join(t.TempDir(), "token.json"))
	for i, content := range []string{"first garbage", "second garbage"} {
		if err := os.WriteFile(s.Path(), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Load(); !movedAside(err) {
			t.Fatalf("load %d: %v; want the file moved aside", i+1, err)
		}
		if got, _ := os.ReadFile(s.Path() + ".bad"); string(got) != content {
			t.Errorf("load %d: .bad holds %q, want %q", i+1, got, content)
		}
	}
	if _, err := s.Load(); !errors.Is(err, ErrNoToken) {
		t.Errorf("after moving aside: %v, want ErrNoToken (log in)", err)
	}
}

func TestFailedMoveKeepsTheFileAndSaysSo(t *testing.T) {
	s := NewStore(filepath.Join(t.TempDir(), "token.json"))
	const content = "not json"
	if err := os.WriteFile(s.Path(), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	// A non-empty directory in the way: rename fails, even for root.
	if err := os.MkdirAll(filepath.Join(s.Path()+".bad", "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := s.Load()
	var ce *CorruptTokenError
	if !errors.As(err, &ce) || ce.MovedTo != "" || ce.MoveErr == nil {
		t.Fatalf("got %#v; want a *CorruptTokenError with MoveErr", err)
	}
	want := "token cache unreadable (" + s.Path() + ") and couldn't be moved to " + s.Path() + ".bad; logging in will replace it"
	if err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
	if got, _ := os.ReadFile(s.Path()); string(got) != content {
		t.Errorf("the file changed to %q", got)
	}
}

func TestSaveAfterMoveAsideWritesAFreshFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "spotui")
	s := NewStore(filepath.Join(dir, "token.json"))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.Path(), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(); !movedAside(err) {
		t.Fatalf("empty file: %v; want it moved aside", err)
	}
	if err := s.Save(sampleToken()); err != nil {
		t.Fatal(err)
	}
	tok, notice, err := s.LoadNotice()
	if err != nil || notice != "" || tok.RefreshToken != sampleToken().RefreshToken {
		t.Fatalf("after a fresh save: %v, %q, %v", tok, notice, err)
	}
	if fi, _ := os.Stat(s.Path()); fi.Mode().Perm() != 0o600 {
		t.Errorf("fresh token.json mode %v", fi.Mode().Perm())
	}
	if !exists(s.Path() + ".bad") {
		t.Error("the save removed the moved-aside file")
	}
}
