//go:build unix

package auth

import (
	"os/exec"
	"syscall"
)

// detach starts the browser in its own session, so closing the terminal
// (SIGHUP to our process group) doesn't take the browser with it.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
}
