// Command sidefake serves the bench's world (fake Spotify and LRCLIB, the
// playlist and synced lyrics go run ./bench uses) for one spotui started
// by bench/side.sh, and saves a token for it under CONFIG_DIR/spotui. It
// prints the environment that points spotui at it, then serves until
// interrupted.
//
// Usage: sidefake CONFIG_DIR
package main

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/spotui/spotui/bench/internal/harness"
	"github.com/spotui/spotui/bench/internal/world"
	"github.com/spotui/spotui/internal/fakelrclib"
	"github.com/spotui/spotui/internal/fakespotify"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: sidefake CONFIG_DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "sidefake:", err)
		os.Exit(1)
	}
}

func run(configDir string) error {
	fake := fakespotify.New(fakespotify.Options{Items: world.Playlist()})
	base, err := fake.Start()
	if err != nil {
		return err
	}
	defer fake.Close()
	lrc := fakelrclib.New(world.LyricRecords(), nil)
	lyricsBase, err := lrc.Start()
	if err != nil {
		return err
	}
	defer lrc.Close()
	if err := harness.CacheToken(fake, filepath.Join(configDir, "spotui", "token.json")); err != nil {
		return err
	}
	fmt.Printf("SPOTUI_CLIENT_ID=%s SPOTUI_API_URL=%s/v1 SPOTUI_ACCOUNTS_URL=%s SPOTUI_LYRICS_URL=%s\n",
		fakespotify.DemoClientID, base, base, lyricsBase)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	return nil
}
