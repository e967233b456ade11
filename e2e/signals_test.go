//go:build !windows

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func (tm *term) tmux(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.sock}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// Closing the terminal (SIGHUP), kill (SIGTERM) or kill -INT ends --demo
// as q does: the terminal is restored and the demo's temporary directory,
// which holds a token and covers, is gone.
func TestDemoCleansUpWhenStopped(t *testing.T) {
	needTools(t, "tmux")
	bin := binary(t)
	for _, tt := range []struct {
		name string
		sig  syscall.Signal // 0: close the pane, as closing a terminal window does
	}{
		{"SIGHUP", syscall.SIGHUP},
		{"SIGTERM", syscall.SIGTERM},
		{"SIGINT", syscall.SIGINT},
		{"pane closed", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tmp := filepath.Join(dir, "tmp")
			if err := os.Mkdir(tmp, 0o700); err != nil {
				t.Fatal(err)
			}
			tm := startTerm(t, []string{"XDG_CONFIG_HOME=" + dir, "TMPDIR=" + tmp, "BROWSER=true", "TERM=xterm-256color"},
				bin+" --demo; echo EXITED $?; sleep 60")
			tm.waitText("▶ playing")
			var token string
			waitFor(t, "the demo's token", func() bool {
				found, _ := filepath.Glob(filepath.Join(tmp, "spotui-demo-*", "spotui", "token.json"))
				if len(found) == 1 {
					token = found[0]
				}
				return token != ""
			}, func() string { return tmp })
			demo := filepath.Dir(filepath.Dir(token))
			pid := child(t, tm.tmux("display", "-p", "#{pane_pid}"))

			if tt.sig != 0 {
				if err := syscall.Kill(pid, tt.sig); err != nil {
					t.Fatal(err)
				}
			} else {
				tm.tmux("kill-pane")
			}
			if tt.sig != 0 {
				tm.waitText(fmt.Sprint("EXITED ", 128+int(tt.sig)))
				if got, want := tm.flags(), "alt=0 cursor=1 mouse=0 sgr=0"; got != want {
					t.Errorf("after %v: %s, want %s", tt.sig, got, want)
				}
			}
			waitFor(t, "spotui to exit", func() bool { return syscall.Kill(pid, 0) != nil },
				func() string { return tm.screen(false) })
			waitFor(t, "the demo directory to be removed", func() bool { return !exists(demo) },
				func() string { return demo + " still exists" })
		})
	}
}

// child is the pid of the process whose parent is ppid (the pane's shell
// runs spotui), read from /proc.
func child(t *testing.T, ppid string) int {
	t.Helper()
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	if len(stats) == 0 {
		t.Skip("no /proc to find spotui's pid in")
	}
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
		if len(fields) > 1 && fields[1] == ppid {
			pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(path)))
			return pid
		}
	}
	t.Fatalf("no child of the pane's shell (pid %s)", ppid)
	return 0
}
