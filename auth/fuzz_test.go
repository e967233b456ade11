package auth

import (
	"testing"
)

// FuzzParseToken: any bytes in token.json give a token or an error, never
// a panic, and a token that parses is saved and read back unchanged.
func FuzzParseToken(f *testing.F) {
	for _, seed := range []string{
		`{"access_token":"a","token_type":"Bearer","refresh_token":"r","expiry":"2030-01-02T03:04:05.123Z","scope":"x y"}`,
		`{"access_token":"a"}`,
		`{"access_token":"a","expiry":"2030-01-02T03:04:05+02:00"}`,
		`{"access_token":"a","expiry":"0000-01-01T00:30:00+01:00"}`,
		`{"access_token":"a","expiry":"9999-12-31T23:59:59-01:00"}`,
		`{"access_token":"\u00e9\ud800","scope":""}`,
		`{"access_token":42}`, `[]`, `null`, ``, `{`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tok, err := parseToken(data)
		if err != nil {
			if tok != nil {
				t.Fatal("a token and an error")
			}
			return
		}
		out, err := encodeToken(tok)
		if err != nil {
			t.Fatalf("an accepted token can't be saved: %v", err)
		}
		back, err := parseToken(out)
		if err != nil {
			t.Fatalf("a saved token doesn't read back: %v\n%s", err, out)
		}
		if back.AccessToken != tok.AccessToken || back.RefreshToken != tok.RefreshToken ||
			back.TokenType != tok.TokenType || !back.Expiry.Equal(tok.Expiry) || scopeOf(back) != scopeOf(tok) {
			t.Fatalf("round trip changed the token:\n%+v\n%+v", tok, back)
		}
	})
}
