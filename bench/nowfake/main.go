// Command nowfake serves the fake Spotify for bench/now.sh: it starts
// fakespotify on 127.0.0.1, caches a valid token for it under -config (an
// XDG_CONFIG_HOME), prints the base URL and serves until it is killed.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/spotui/spotui/bench/internal/harness"
	"github.com/spotui/spotui/internal/fakespotify"
)

func main() {
	configHome := flag.String("config", "", "XDG_CONFIG_HOME to write spotui/token.json under (required)")
	flag.Parse()
	if *configHome == "" {
		fmt.Fprintln(os.Stderr, "nowfake: -config DIR is required")
		os.Exit(2)
	}
	fake := fakespotify.New(fakespotify.Options{})
	base, err := fake.Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, "nowfake:", err)
		os.Exit(1)
	}
	defer fake.Close()
	// Valid for the whole run, so every timed `spotui now` is one API call.
	if err := harness.CacheToken(fake, filepath.Join(*configHome, "spotui", "token.json")); err != nil {
		fmt.Fprintln(os.Stderr, "nowfake:", err)
		os.Exit(1)
	}
	fmt.Println(base)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
}
