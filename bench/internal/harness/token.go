package harness

import (
	"strings"
	"time"

	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/internal/fakespotify"
	"golang.org/x/oauth2"
)

// CacheToken writes to path the token file a finished login would leave,
// minted by fake directly: the login flow is not what is measured.
func CacheToken(fake *fakespotify.Server, path string) error {
	access, refresh := fake.IssueTokens(strings.Fields(auth.Scope)...)
	tok := (&oauth2.Token{
		AccessToken: access, RefreshToken: refresh, TokenType: "Bearer",
		Expiry: time.Now().Add(time.Hour), // the fake's default lifetime
	}).WithExtra(map[string]any{"scope": auth.Scope})
	return auth.NewStore(path).Save(tok)
}
