package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// term is one tmux server (its own socket) running spotui in a 120x40 pane.
type term struct {
	sock string
}

// startTerm runs command under env in a detached tmux session. The pane
// stays after the command exits (remain-on-exit), so the last screen and
// the death can still be read.
func startTerm(dir string, env []string, command string) (*term, error) {
	conf := filepath.Join(dir, "tmux.conf")
	if err := os.WriteFile(conf, []byte("set -g remain-on-exit on\n"), 0o644); err != nil {
		return nil, err
	}
	tm := &term{sock: fmt.Sprintf("spotui-soak-%d", os.Getpid())}
	args := []string{"-L", tm.sock, "-f", conf, "new-session", "-d", "-x", "120", "-y", "40", "env"}
	args = append(append(args, env...), "sh", "-c", command)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("tmux: %v: %s", err, out)
	}
	return tm, nil
}

// screen is the visible pane as text.
func (tm *term) screen() string {
	out, _ := exec.Command("tmux", "-L", tm.sock, "capture-pane", "-p").Output()
	return string(out)
}

// alive reports whether the pane still runs spotui, and what it saw.
func (tm *term) alive() (bool, string) {
	out, err := exec.Command("tmux", "-L", tm.sock, "list-panes", "-F", "#{pane_dead} #{pane_current_command}").Output()
	if err != nil {
		return false, "tmux: " + err.Error()
	}
	s := strings.TrimSpace(string(out))
	return s == "0 spotui", s
}

func (tm *term) kill() { _ = exec.Command("tmux", "-L", tm.sock, "kill-server").Run() }

// curlBrowser writes the $BROWSER the e2e tests use: it approves the login
// by following the fake's redirect back to spotui's loopback server.
func curlBrowser(dir string) (string, error) {
	path := filepath.Join(dir, "browser.sh")
	script := "#!/bin/sh\nfor url; do :; done\nexec curl -fsS -L -o /dev/null \"$url\"\n"
	return path, os.WriteFile(path, []byte(script), 0o755)
}

// buildSpotui builds the app from the module root into dir.
func buildSpotui(dir string) (string, error) {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(gomod)) == "" || strings.TrimSpace(string(gomod)) == os.DevNull {
		return "", fmt.Errorf("run this inside the spotui module (go env GOMOD: %q, %v)", gomod, err)
	}
	bin := filepath.Join(dir, "spotui")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}
