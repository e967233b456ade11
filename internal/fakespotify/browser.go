package fakespotify

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Approve plays a user's browser on the authorize URL: it follows the
// fake's redirect back to the app's loopback server, as clicking "Agree"
// would, and reports whether that server answered 200. --demo logs in with
// it, and so do the tests.
func Approve(ctx context.Context, authorizeURL string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, authorizeURL, nil)
	if err != nil {
		return err
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return fmt.Errorf("demo login: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("demo login: the callback answered %s", resp.Status)
	}
	return nil
}
