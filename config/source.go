package config

import (
	"errors"
	"fmt"
	"time"

	"github.com/spotui/spotui/auth"
)

// origins names where each checked value came from, so an error names the
// flag, variable or file the user has to fix, once. "" is the default.
type origins struct {
	clientID, redirectURI, art, theme, lyrics string
}

// sourced is a string flag that records that the flag set it.
type sourced struct {
	dst  *string
	from *string
	name string
}

func (s sourced) String() string {
	if s.dst == nil {
		return ""
	}
	return *s.dst
}

func (s sourced) Set(v string) error {
	*s.dst, *s.from = v, "--"+s.name
	return nil
}

// setFromEnv overrides *dst with a non-blank environment value and records
// the variable; a blank one counts as unset.
func setFromEnv(dst, from *string, name, v string) {
	if v = trimSpace(v); v != "" {
		*dst, *from = v, name
	}
}

// origin is the source to name in a message about a value: the flag or
// variable that set it, else the config file (its own errors name the
// line), else what the setting is called.
func (c *Config) origin(from, setting string) string {
	switch {
	case from != "":
		return from
	case c.File != "":
		return "config file " + c.File + ": " + setting
	}
	return setting
}

// redirectURIError words a refused redirect URI once: its source, the URI,
// and what to do (auth's reason), e.g. SPOTUI_REDIRECT_URI
// "http://localhost:8974/callback" uses localhost, which Spotify no longer
// accepts — register http://127.0.0.1:8974/callback … and use that.
func redirectURIError(source, uri string, err error) string {
	var re *auth.RedirectURIError
	if errors.As(err, &re) {
		return fmt.Sprintf("%s %q %s", source, uri, re.Reason)
	}
	return fmt.Sprintf("%s %q: %v", source, uri, err)
}

// human writes a duration as people do: "2s", "60s", "1m30s"; Go's String
// says "1m0s".
func human(d time.Duration) string {
	if d%time.Second == 0 && d <= 2*time.Minute {
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return d.String()
}
