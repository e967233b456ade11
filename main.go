// Command spotui shows what your Spotify account is playing, live, in the
// terminal, and has commands for scripts and status bars (spotui now). main
// only hands the arguments and the process's world to internal/cli.
package main

import (
	"os"

	"github.com/spotui/spotui/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], cli.OSEnv(), os.Stdin, os.Stdout, os.Stderr))
}
