// Command wakefloor is the bench's CPU floor: a Go program that does no
// work at all but wakes as often as spotui's lyrics screen changes — on
// every second for the clock, and on every bench lyric line (one each
// lyricStep seconds, a fraction of a second past the whole second) — and,
// with -poll, sends the same request every 5 s that spotui's poll does,
// reading the reply and nothing more. On a machine that charges a lot for
// a wake-up from idle (a virtual machine, say), this is the part of
// spotui's CPU time that no program showing a moving clock and synced
// lyrics of what Spotify plays could avoid.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

func main() {
	step := flag.Int("lyric-step", 4, "seconds between lyric lines (bench/internal/world's LyricStep)")
	poll := flag.String("poll", "", "URL to GET every 5 s (the fake's /v1/me/player), or none")
	tokenFile := flag.String("token", "", "spotui's token.json, whose access token -poll sends")
	flag.Parse()
	if *step < 1 {
		fmt.Fprintln(os.Stderr, "wakefloor: -lyric-step must be at least 1")
		os.Exit(2)
	}
	if *poll != "" {
		token, err := accessToken(*tokenFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "wakefloor:", err)
			os.Exit(1)
		}
		go polls(*poll, token)
	}
	// Line i of the bench's lyrics: [1+step*i s].(i*37 mod 100) hundredths.
	line := func(i int) time.Duration {
		return time.Duration(1+*step*i)*time.Second + time.Duration((i*37)%100)*10*time.Millisecond
	}
	start := time.Now()
	for i := 0; ; {
		now := time.Since(start)
		for line(i) <= now {
			i++
		}
		next := min(now.Truncate(time.Second)+time.Second, line(i))
		time.Sleep(next - now)
	}
}

// polls GETs url every 5 s over one kept-alive connection, as spotui does.
func polls(url, token string) {
	c := &http.Client{Timeout: 10 * time.Second}
	for range time.Tick(5 * time.Second) {
		req, err := http.NewRequest(http.MethodGet, url, nil)
		if err != nil {
			continue
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := c.Do(req)
		if err != nil {
			fmt.Fprintln(os.Stderr, "wakefloor:", err)
			continue
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}
}

func accessToken(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var t struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(b, &t); err != nil || t.AccessToken == "" {
		return "", fmt.Errorf("%s: no access_token", path)
	}
	return t.AccessToken, nil
}
