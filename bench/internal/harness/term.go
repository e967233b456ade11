package harness

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Term is one tmux server (its own socket) with one pane.
type Term struct {
	sock string
}

// TermOptions describes the pane: Command runs under Env (through sh -c,
// so it may redirect; start it with exec to make the program the pane's
// process) in a Width×Height window.
type TermOptions struct {
	Dir           string // where tmux.conf is written
	Socket        string // tmux -L name; unique per server
	Width, Height int
	Env           []string
	Command       string
}

// StartTerm runs the command in a detached tmux session. The pane stays
// after the command exits (remain-on-exit), so the last screen and the
// death can still be read.
func StartTerm(o TermOptions) (*Term, error) {
	conf := filepath.Join(o.Dir, "tmux.conf")
	if err := os.WriteFile(conf, []byte("set -g remain-on-exit on\n"), 0o644); err != nil {
		return nil, err
	}
	tm := &Term{sock: o.Socket}
	args := []string{"-f", conf, "new-session", "-d", "-x", strconv.Itoa(o.Width), "-y", strconv.Itoa(o.Height)}
	if err := tm.tmux(append(args, commandArgs(o.Env, o.Command)...)...); err != nil {
		tm.Kill() // a server may have started before the failure
		return nil, err
	}
	return tm, nil
}

func commandArgs(env []string, command string) []string {
	// Without CI: termenv would drop colour as if there were no terminal.
	return append(append([]string{"env", "-u", "CI"}, env...), "sh", "-c", command)
}

func (tm *Term) tmux(args ...string) error {
	out, err := exec.Command("tmux", append([]string{"-L", tm.sock}, args...)...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("tmux %s: %v: %s", args[0], err, strings.TrimSpace(string(out)))
	}
	return nil
}

// Screen is the visible pane as text.
func (tm *Term) Screen() string {
	out, _ := exec.Command("tmux", "-L", tm.sock, "capture-pane", "-p").Output()
	return string(out)
}

// Keys types keys as tmux send-keys names them ("q", "Space", "?").
func (tm *Term) Keys(keys ...string) error { return tm.tmux(append([]string{"send-keys"}, keys...)...) }

// Replace runs a new command in a new window in place of the current one
// (killing whatever that ran), keeping the server and window size.
//
// Not respawn-pane: tmux 3.3a keeps a control client's read offset into a
// respawned pane's output, so the new process's first bytes come out as a
// negative length, and the server parses garbage and crashes (seen about
// once in 4 respawns of spotui with a control client attached: the bench's
// "start-up timed out; screen: (empty)"). A new window is a new pane.
func (tm *Term) Replace(env []string, command string) error {
	return tm.tmux(replaceArgs(env, command)...)
}

func replaceArgs(env []string, command string) []string {
	return append([]string{"new-window", "-k", "-t", ":0"}, commandArgs(env, command)...)
}

// Alive reports whether the pane still runs a process named command, and
// what tmux said.
func (tm *Term) Alive(command string) (bool, string) {
	out, err := exec.Command("tmux", "-L", tm.sock, "list-panes", "-F", "#{pane_dead} #{pane_current_command}").Output()
	if err != nil {
		return false, "tmux: " + err.Error()
	}
	s := strings.TrimSpace(string(out))
	return s == "0 "+command, s
}

// Dead reports whether the pane's process has exited.
func (tm *Term) Dead() bool {
	out, err := exec.Command("tmux", "-L", tm.sock, "list-panes", "-F", "#{pane_dead}").Output()
	return err != nil || strings.TrimSpace(string(out)) == "1"
}

// PanePID is the pid of the pane's process.
func (tm *Term) PanePID() (int, error) {
	out, err := exec.Command("tmux", "-L", tm.sock, "list-panes", "-F", "#{pane_pid}").Output()
	if err != nil {
		return 0, fmt.Errorf("tmux list-panes: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil || pid <= 0 {
		return 0, errors.New("tmux list-panes: no pane pid in " + strconv.Quote(string(out)))
	}
	return pid, nil
}

// PipeTo appends everything the pane's program writes to the terminal to
// file, from now until StopPipe.
func (tm *Term) PipeTo(file string) error {
	return tm.tmux("pipe-pane", "-o", "cat >> "+ShellQuote(file))
}

// StopPipe ends PipeTo; the cat may need a moment to write its last bytes.
func (tm *Term) StopPipe() error { return tm.tmux("pipe-pane") }

// Kill stops the tmux server and with it the pane's process.
func (tm *Term) Kill() { _ = exec.Command("tmux", "-L", tm.sock, "kill-server").Run() }
