package cover

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
)

func TestDiskCacheFiles(t *testing.T) {
	srv := newCoverServer(t)
	a := srv.add(t, "/a.jpg", 64, 64, 0)
	dir := filepath.Join(t.TempDir(), "spotui", "art")
	h := newHarness(t, Options{CacheDir: dir, Profile: termenv.TrueColor})
	h.setImage(one(a), "A", 10, 5)

	st, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != diskName(a) {
		t.Fatalf("cache dir holds %v, want one file %s", entries, diskName(a))
	}
	fi, _ := entries[0].Info()
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(filepath.Join(dir, diskName(a)))
	srv.mu.Lock()
	same := string(data) == string(srv.bodies["/a.jpg"])
	srv.mu.Unlock()
	if !same {
		t.Error("cached bytes differ from the download")
	}

	// A hit bumps the mtime, so eviction is least recently used.
	old := time.Now().Add(-48 * time.Hour)
	p := filepath.Join(dir, diskName(a))
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t, Options{CacheDir: dir, Profile: termenv.TrueColor})
	h2.setImage(one(a), "A", 10, 5)
	if fi, _ := os.Stat(p); !fi.ModTime().After(old.Add(time.Hour)) {
		t.Errorf("mtime %v not bumped on a hit", fi.ModTime())
	}
	if srv.count("/a.jpg") != 1 {
		t.Errorf("%d downloads, want 1", srv.count("/a.jpg"))
	}
}

func TestDiskCacheEviction(t *testing.T) {
	srv := newCoverServer(t)
	a := srv.add(t, "/a.jpg", 64, 64, 0)
	srv.mu.Lock()
	size := int64(len(srv.bodies["/a.jpg"]))
	srv.mu.Unlock()
	dir := t.TempDir()

	// Three older covers of 1000 bytes, oldest first, and a file that is
	// not ours.
	base := time.Now().Add(-72 * time.Hour)
	var olds []string
	for i := range 3 {
		p := filepath.Join(dir, diskName(string(rune('x'+i))))
		if err := os.WriteFile(p, make([]byte, 1000), 0o600); err != nil {
			t.Fatal(err)
		}
		mt := base.Add(time.Duration(i) * time.Hour)
		if err := os.Chtimes(p, mt, mt); err != nil {
			t.Fatal(err)
		}
		olds = append(olds, p)
	}
	foreign := filepath.Join(dir, "README")
	if err := os.WriteFile(foreign, make([]byte, 5000), 0o600); err != nil {
		t.Fatal(err)
	}

	max := size + 1500 // room for the new cover and one old one
	h := newHarness(t, Options{CacheDir: dir, MaxDiskBytes: max, Profile: termenv.TrueColor})
	h.setImage(one(a), "A", 10, 5)

	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	if exists(olds[0]) || exists(olds[1]) {
		t.Error("the two oldest covers were not evicted")
	}
	if !exists(olds[2]) || !exists(filepath.Join(dir, diskName(a))) {
		t.Error("the newest old cover or the new one was evicted")
	}
	if !exists(foreign) {
		t.Error("a file that is not a cover was deleted")
	}
	var total int64
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if isDiskName(e.Name()) {
			fi, _ := e.Info()
			total += fi.Size()
		}
	}
	if total > max {
		t.Errorf("cache holds %d bytes, budget %d", total, max)
	}
}

func TestCorruptCacheFileIsRedownloaded(t *testing.T) {
	srv := newCoverServer(t)
	a := srv.add(t, "/a.jpg", 64, 64, 0)
	dir := t.TempDir()
	p := filepath.Join(dir, diskName(a))
	if err := os.WriteFile(p, []byte("\xff\xd8 truncated jpeg"), 0o600); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, Options{CacheDir: dir, Profile: termenv.TrueColor})
	h.setImage(one(a), "A", 10, 5)
	if err := h.m.Err(); err != nil {
		t.Fatalf("Err() = %v", err)
	}
	if h.m.placeholder {
		t.Error("placeholder shown for a cover that downloads fine")
	}
	if n := srv.count("/a.jpg"); n != 1 {
		t.Errorf("%d downloads, want 1", n)
	}
	data, _ := os.ReadFile(p)
	if _, _, err := decode(data); err != nil {
		t.Errorf("cache file still corrupt: %v", err)
	}
}

func TestFileIsTheCurrentCoversCacheFile(t *testing.T) {
	srv := newCoverServer(t)
	a := srv.add(t, "/a.jpg", 64, 64, 0)
	b := srv.add(t, "/b.jpg", 64, 64, 1)
	dir := t.TempDir()
	h := newHarness(t, Options{CacheDir: dir, Profile: termenv.TrueColor})
	if got := h.m.File(); got != "" {
		t.Errorf("File before any cover = %q", got)
	}
	h.setImage(one(a), "A", 10, 5)
	want := filepath.Join(dir, diskName(a))
	if got := h.m.File(); got != want {
		t.Fatalf("File = %q, want %q", got, want)
	}
	if _, err := os.Stat(want); err != nil {
		t.Errorf("File names no file: %v", err)
	}

	// The next item: no path until its cover is loaded (the old one is not
	// this item's), then its own.
	var cmd tea.Cmd
	h.m, cmd = h.m.SetImage(one(b), "B", 10, 5)
	if got := h.m.File(); got != "" {
		t.Errorf("File while the next cover loads = %q, want none", got)
	}
	h.run(cmd)
	if got := h.m.File(); got != filepath.Join(dir, diskName(b)) {
		t.Errorf("File of the next cover = %q", got)
	}
	// Back to the first: its view is in memory, and so is where its file is.
	h.m, cmd = h.m.SetImage(one(a), "A", 10, 5)
	if got := h.m.File(); got != want || cmd != nil {
		t.Errorf("File of a cover seen before = %q (cmd %v), want %q at once", got, cmd != nil, want)
	}

	// No disk cache, a failed download, NO_COLOR's placeholder: no file.
	for name, opts := range map[string]Options{
		"no disk cache": {Profile: termenv.TrueColor},
		"placeholder":   {CacheDir: t.TempDir(), Profile: termenv.Ascii},
	} {
		h := newHarness(t, opts)
		h.setImage(one(a), "A", 10, 5)
		if got := h.m.File(); got != "" {
			t.Errorf("%s: File = %q, want none", name, got)
		}
	}
	h2 := newHarness(t, Options{CacheDir: t.TempDir(), Profile: termenv.TrueColor})
	h2.setImage(one(srv.URL+"/missing.jpg"), "A", 10, 5)
	if got := h2.m.File(); got != "" || h2.m.Err() == nil {
		t.Errorf("failed download: File = %q, Err %v", got, h2.m.Err())
	}
}
