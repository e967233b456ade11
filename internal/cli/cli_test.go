package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/fakespotify"
)

func TestLogoutRemovesTheToken(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	code, out, errOut := w.run("logout")
	if code != ExitOK || out != "" || !strings.Contains(errOut, "removed "+w.env.TokenFile) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := os.Stat(w.env.TokenFile); !os.IsNotExist(err) {
		t.Errorf("token file still there: %v", err)
	}
	code, _, errOut = w.run("logout")
	if code != ExitOK || !strings.Contains(errOut, "Not logged in") {
		t.Errorf("second logout: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := w.run("now"); code != ExitUsage || !strings.Contains(errOut, "spotui login") {
		t.Errorf("now after logout: exit %d, stderr %q", code, errOut)
	}
}

func TestVersion(t *testing.T) {
	w := newWorld(t)
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, errOut := w.run(args...)
		if code != ExitOK || !regexp.MustCompile(`^spotui \S+\n$`).MatchString(out) || errOut != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func TestConfigPath(t *testing.T) {
	w := newWorld(t)
	code, out, errOut := w.run("config", "path")
	if code != ExitOK || out != w.env.ConfigFile+"\n" || errOut != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := os.Stat(w.env.ConfigFile); !os.IsNotExist(err) {
		t.Errorf("config path created the file: %v", err)
	}
	for _, args := range [][]string{{"config"}, {"config", "edit"}} {
		if code, _, errOut := w.run(args...); code != ExitUsage || !strings.Contains(errOut, "spotui config path") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	w := newWorld(t)
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"--help"}, []string{"spotui login", "spotui now", "spotui config path", "-debug", "config.toml"}},
		{[]string{"help"}, []string{"spotui login"}},
		{[]string{"login", "--help"}, []string{"Usage: spotui login", "-client-id", "-no-browser", "-debug"}},
		{[]string{"logout", "-h"}, []string{"Usage: spotui logout"}},
		{[]string{"now", "--help"}, []string{"Usage: spotui now", "-format", "-json", ".Progress", "Exit status"}},
		{[]string{"version", "--help"}, []string{"Usage: spotui version"}},
		{[]string{"config", "--help"}, []string{"Usage: spotui config path"}},
		{[]string{"config", "path", "--help"}, []string{"Usage: spotui config path"}},
	} {
		code, out, errOut := w.run(tt.args...)
		if code != ExitOK || errOut != "" {
			t.Errorf("%v: exit %d, stderr %q", tt.args, code, errOut)
		}
		for _, want := range tt.want {
			if !strings.Contains(out, want) {
				t.Errorf("%v: help lacks %q:\n%s", tt.args, want, out)
			}
		}
	}
}

func TestBadCommandsExit2(t *testing.T) {
	w := newWorld(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"play"}, `unknown command "play"`},
		{[]string{"--frobnicate"}, "spotui --help"},
		{[]string{"--client-id", "nope"}, "32 hex characters"},
		{[]string{"logout", "now"}, `unexpected argument "now"`},
		{[]string{"version", "--short"}, "spotui version --help"},
	} {
		code, out, errOut := w.run(tt.args...)
		if code != ExitUsage || out != "" || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 mentioning %q", tt.args, code, out, errOut, tt.want)
		}
	}
}

func TestLoginThroughTheBrowser(t *testing.T) {
	w := newWorld(t)
	var opened string
	w.env.Open = func(ctx context.Context, url string) error {
		opened = url
		go func() { _ = fakespotify.Approve(context.Background(), url) }() // a browser runs on its own
		return nil
	}
	w.vars["BROWSER"] = "firefox" // not headless
	code, out, errOut := w.run("login")
	if code != ExitOK || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if opened == "" || !strings.Contains(errOut, opened) {
		t.Errorf("the login URL %q is not on stderr: %q", opened, errOut)
	}
	if !strings.Contains(errOut, "saved in "+w.env.TokenFile) || w.cached().AccessToken == "" {
		t.Errorf("no token saved; stderr %q", errOut)
	}
	if code, out, _ := w.run("now"); code != ExitOK || out == "" {
		t.Errorf("now after login: exit %d, stdout %q", code, out)
	}
}

// TestLoginIgnoresAForgedCallback: a forged reply reaches the loopback
// server before the real one: spotui login says it ignored it and logs in
// with the real code; the forged one is never redeemed.
func TestLoginIgnoresAForgedCallback(t *testing.T) {
	w := newWorld(t)
	w.env.Open = func(ctx context.Context, authorize string) error {
		u, err := url.Parse(authorize)
		if err != nil {
			return err
		}
		resp, err := http.Get(u.Query().Get("redirect_uri") + "?code=x&state=forged")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("forged callback answered %d, want 400", resp.StatusCode)
		}
		go func() { _ = fakespotify.Approve(context.Background(), authorize) }()
		return nil
	}
	w.vars["BROWSER"] = "firefox" // not headless
	code, _, errOut := w.run("login")
	if code != ExitOK || w.cached().AccessToken == "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(errOut, "ignored a login reply that wasn't from this login") {
		t.Errorf("stderr doesn't mention the ignored reply: %q", errOut)
	}
	var exchanges int
	for _, r := range w.fake.Requests() {
		if r.Path == "/api/token" {
			exchanges++
			if r.Status != http.StatusOK {
				t.Errorf("token request answered %d: the forged code was redeemed?", r.Status)
			}
		}
	}
	if exchanges != 1 {
		t.Errorf("%d token requests, want only the real code's", exchanges)
	}
}

// pasteBrowser is a headless login's user: it reads the URL spotui prints,
// "approves" it on another device (the redirect goes nowhere), and pastes
// a useless line and then the address the browser ended on.
type pasteBrowser struct {
	t    *testing.T
	mu   sync.Mutex
	seen strings.Builder
	in   *io.PipeWriter
	once sync.Once
}

func (p *pasteBrowser) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen.Write(b)
	if m := regexp.MustCompile(`http://\S+/authorize\?\S+`).FindString(p.seen.String()); m != "" {
		p.once.Do(func() { go p.approve(m) })
	}
	return len(b), nil
}

func (p *pasteBrowser) approve(url string) {
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(url)
	if err != nil {
		p.t.Error(err)
		_ = p.in.Close()
		return
	}
	resp.Body.Close()
	fmt.Fprintln(p.in, "what do I paste?")
	fmt.Fprintln(p.in, resp.Header.Get("Location"))
}

func TestLoginByPastingTheAddress(t *testing.T) {
	w := newWorld(t)
	stdin, in := io.Pipe()
	defer in.Close()
	w.stdin = stdin
	w.env.Open = func(context.Context, string) error { return errors.New("must not open a browser") }
	pb := &pasteBrowser{t: t, in: in}
	code := Run([]string{"login", "--no-browser"}, w.env, w.stdin, io.Discard, pb)
	pb.mu.Lock()
	errOut := pb.seen.String()
	pb.mu.Unlock()
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"paste it here", "no login code", "Logged in"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q: %q", want, errOut)
		}
	}
	if w.cached().AccessToken == "" {
		t.Error("no token saved")
	}
}

func TestLoginRefusedInTheBrowser(t *testing.T) {
	w := newWorld(t)
	w.fake.DenyNextLogin()
	w.env.Open = func(ctx context.Context, url string) error {
		go func() { _ = fakespotify.Approve(context.Background(), url) }()
		return nil
	}
	w.vars["BROWSER"] = "firefox"
	code, _, errOut := w.run("login")
	if code != ExitFailure || !strings.Contains(errOut, "refused") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(w.env.TokenFile); !os.IsNotExist(err) {
		t.Errorf("a token was saved: %v", err)
	}
}

func TestLoginWithoutAClientID(t *testing.T) {
	w := newWorld(t)
	delete(w.vars, config.EnvClientID)
	code, _, errOut := w.run("login")
	if code != ExitUsage || !strings.Contains(errOut, "developer.spotify.com/dashboard") || !strings.Contains(errOut, redirectURI) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	// A client ID saved in the config file is enough.
	if err := config.SaveClientID(w.env.ConfigFile, fakespotify.DemoClientID); err != nil {
		t.Fatal(err)
	}
	w.env.Open = func(ctx context.Context, url string) error {
		go func() { _ = fakespotify.Approve(context.Background(), url) }()
		return nil
	}
	w.vars["BROWSER"] = "firefox"
	if code, _, errOut := w.run("login"); code != ExitOK {
		t.Errorf("with the file's client ID: exit %d, stderr %q", code, errOut)
	}
}

// A broken config file stops the commands that read it, naming the line,
// but --help and --version still work while the user fixes it.
func TestBrokenConfigFile(t *testing.T) {
	w := newWorld(t)
	if err := os.MkdirAll(filepath.Dir(w.env.ConfigFile), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(w.env.ConfigFile, []byte("art = \"off\"\n[theme\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--help"}, {"--version"}, {"now", "--help"}, {"login", "--help"}, {"version"}, {"config", "path"}} {
		if code, _, errOut := w.run(args...); code != ExitOK {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	for _, args := range [][]string{{"now"}, {"login"}, {"--art", "off"}} {
		code, _, errOut := w.run(args...)
		if code != ExitUsage || !strings.Contains(errOut, w.env.ConfigFile+", line 2") {
			t.Errorf("%v: exit %d, stderr %q; want 2 naming the file and line 2", args, code, errOut)
		}
	}
}

// --demo needs nothing from the config file: a broken one is a warning,
// and the demo runs (here it quits on q at once).
func TestDemoRunsDespiteABrokenConfigFile(t *testing.T) {
	for name, file := range map[string]string{
		"syntax":    "art = \"off\"\n[theme\n",
		"bad value": "art = \"sixels\"\n",
		"bad key":   "[keys]\nquit = 7\n",
	} {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t)
			if err := os.MkdirAll(filepath.Dir(w.env.ConfigFile), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(w.env.ConfigFile, []byte(file), 0o600); err != nil {
				t.Fatal(err)
			}
			w.stdin = strings.NewReader("q")
			code, _, errOut := w.run("--demo")
			if code != ExitOK {
				t.Errorf("exit %d, stderr %q; want the demo to run", code, errOut)
			}
			if !strings.Contains(errOut, "warning: ") || !strings.Contains(errOut, w.env.ConfigFile) || !strings.Contains(errOut, "--demo runs without the config file") {
				t.Errorf("stderr %q; want a warning naming the file", errOut)
			}
		})
	}
	// A bad flag still stops it.
	w := newWorld(t)
	if code, _, errOut := w.run("--demo", "--art", "sixels"); code != ExitUsage || !strings.Contains(errOut, "sixels") {
		t.Errorf("--demo --art sixels: exit %d, stderr %q; want 2", code, errOut)
	}
}
