package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"time"

	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/debuglog"
	"golang.org/x/oauth2"
)

const loginUsage = `Usage: spotui login [flags]

Logs in to Spotify and saves the token, then exits. The login page opens in
your browser; without one (SSH, --no-browser), open the address shown on any
device, agree, and paste the address the browser ends on here.
`

// tokenTimeout bounds one token request, as auth does by default.
const tokenTimeout = 15 * time.Second

func (c *cmd) login(args []string) int {
	cfg, fileErr := config.Base(c.env.ConfigFile, c.env.Getenv)
	fs := config.NewFlagSet("spotui login")
	cfg.LoginFlags(fs)
	cfg.DebugFlag(fs)
	if code, done := c.parse(fs, args, loginUsage); done {
		return code
	}
	if !c.validate(&cfg, fileErr) {
		return ExitUsage
	}
	if cfg.ClientID == "" {
		fmt.Fprintln(c.stderr, config.NoClientIDHelp(cfg.RedirectURI))
		return ExitUsage
	}
	log, closeLog, err := openLog(cfg, c.env)
	if err != nil {
		c.errorf("%v", err)
		return ExitFailure
	}
	defer closeLog()
	log.Info("start", "command", "login")

	// Ctrl+C ends the attempt cleanly: its loopback server closes.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	authCfg := auth.Config{
		ClientID:    cfg.ClientID,
		RedirectURI: cfg.RedirectURI,
		AccountsURL: cfg.AccountsURL,
		HTTPClient:  &http.Client{Timeout: tokenTimeout, Transport: debuglog.Transport(nil, log)},
	}
	tok, err := c.runLogin(ctx, authCfg, cfg)
	if err != nil {
		c.errorf("%v", err)
		return ExitFailure
	}
	store := auth.NewStore(c.env.TokenFile)
	if err := store.Save(tok); err != nil {
		c.errorf("%v", err)
		return ExitFailure
	}
	fmt.Fprintf(c.stderr, "Logged in. The token is saved in %s.\n", store.Path())
	return ExitOK
}

// runLogin shows the login URL, opens the browser unless headless, and
// takes whichever comes first: the browser's redirect or a pasted address.
func (c *cmd) runLogin(ctx context.Context, authCfg auth.Config, cfg config.Config) (*oauth2.Token, error) {
	a, err := authCfg.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	stderr := &lockedWriter{w: c.stderr} // the paste reader writes too
	fmt.Fprintf(stderr, "Log in to Spotify at this address:\n\n  %s\n\n", a.URL())
	headless := cfg.Headless(runtime.GOOS)
	if !headless {
		open := c.env.Open
		if open == nil {
			open = auth.BrowserOpener(cfg.Browser)
		}
		if err := open(ctx, a.URL()); err != nil {
			fmt.Fprintf(stderr, "Couldn't open a browser (%v): open the address yourself.\n", err)
			headless = true
		}
	}
	if headless {
		fmt.Fprintf(stderr, "After you agree, the browser goes to %s?code=… and may show an error there: "+
			"that's expected. Copy that whole address, paste it here and press enter.\n", a.RedirectURI())
	} else {
		fmt.Fprintln(stderr, "Waiting for the browser… (or paste the address it ends on here)")
	}

	results := make(chan loginResult, 2)
	go func() {
		seen := 0
		for {
			tok, err := a.WaitReporting(ctx, seen)
			var ignored *auth.IgnoredCallbackError
			if errors.As(err, &ignored) {
				// A forged or stale reply was refused; say so, keep waiting.
				seen = ignored.Count
				fmt.Fprintln(stderr, "spotui: "+ignored.Error()+".")
				continue
			}
			results <- loginResult{tok: tok, err: err}
			return
		}
	}()
	go func() {
		if r, ok := readPaste(ctx, a, c.stdin, stderr); ok {
			results <- r
		}
	}()
	for {
		r := <-results
		// A paste ends the attempt, so Wait reports it cancelled; the
		// paste's own result follows.
		if !r.pasted && errors.Is(r.err, auth.ErrCancelled) && ctx.Err() == nil {
			continue
		}
		if errors.Is(r.err, context.Canceled) {
			return nil, auth.ErrCancelled
		}
		return r.tok, r.err
	}
}

// loginResult is how the browser's redirect or a paste ended the attempt.
type loginResult struct {
	tok    *oauth2.Token
	err    error
	pasted bool
}

// readPaste reads lines until one completes the attempt; ok is false when
// input ended (or the browser won) without a usable paste.
func readPaste(ctx context.Context, a *auth.Attempt, in io.Reader, out io.Writer) (r loginResult, ok bool) {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	for sc.Scan() {
		line := sc.Text()
		if len(line) == 0 {
			continue
		}
		tok, err := a.Complete(ctx, line)
		switch {
		case errors.Is(err, auth.ErrIncompleteCallback), errors.Is(err, auth.ErrStateMismatch):
			fmt.Fprintln(out, err.Error()+" — paste it again.")
		case errors.Is(err, auth.ErrAttemptFinished):
			return r, false
		default:
			return loginResult{tok: tok, err: err, pasted: true}, true
		}
	}
	return r, false
}

// lockedWriter serialises writes from the paste reader and the main flow.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
