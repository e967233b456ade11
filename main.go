// Command spotui shows what your Spotify account is playing, live, in the
// terminal. main only turns flags and environment into a config.Config and
// hands it to internal/app.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/app"
)

func main() {
	cfg, err := config.Load(os.Args[1:], os.Getenv, os.Stdout)
	switch {
	case errors.Is(err, config.ErrHelp):
		return
	case err != nil:
		fmt.Fprintln(os.Stderr, "spotui:", err)
		os.Exit(app.ExitUsage)
	case cfg.Version:
		fmt.Println("spotui", app.Version())
		return
	}
	os.Exit(app.Run(cfg, os.Stdin, os.Stdout, os.Stderr))
}
