//go:build !unix

package auth

import "os/exec"

// detach: nothing to do where there are no Unix sessions.
func detach(*exec.Cmd) {}
