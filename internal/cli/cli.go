// Package cli is spotui's command line: the TUI (no command) and the
// commands for scripts and status bars (login, logout, now, lyrics, serve,
// version, config path). Run is main's body; everything it touches outside
// the process comes in through Env, so tests run it against temporary files and the
// fake Spotify.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/app"
	"github.com/spotui/spotui/internal/debuglog"
)

// Exit codes. `now` gives ExitFailure for "nothing playing" and ExitUsage
// for every error, so a status bar can tell the two apart.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// Env is the world outside the process that a command may touch.
type Env struct {
	Getenv     func(string) string
	ConfigFile string      // config.toml
	TokenFile  string      // the token cache
	LogFile    string      // the --debug log
	CrashFile  string      // where the TUI records a panic
	Open       auth.Opener // opens the login page; nil: $BROWSER or the platform's opener
	// Context ends serve and now --follow as SIGTERM would; nil: only signals do.
	Context context.Context
	// LyricsCache is the lyrics disk cache that now and lyrics share with
	// the window; "" keeps none.
	LyricsCache string
}

// OSEnv is the real environment and the XDG locations.
func OSEnv() Env {
	return Env{
		Getenv:     os.Getenv,
		ConfigFile: config.DefaultPath(),
		TokenFile:  auth.DefaultTokenPath(),
		LogFile:    debuglog.DefaultPath(),
		CrashFile:  app.DefaultCrashPath(),

		LyricsCache: app.LyricsCacheDir(),
	}
}

// Run runs the command in args (without the program name) and returns the
// process exit code.
func Run(args []string, env Env, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		c := &cmd{env: env, stdin: stdin, stdout: stdout, stderr: stderr}
		switch args[0] {
		case "login":
			return c.login(args[1:])
		case "logout":
			return c.logout(args[1:])
		case "now":
			return c.now(args[1:])
		case "lyrics":
			return c.lyrics(args[1:])
		case "serve":
			return c.serve(args[1:])
		case "version":
			return c.version(args[1:])
		case "config":
			return c.config(args[1:])
		case "help":
			args = []string{"--help"}
		default:
			fmt.Fprintf(stderr, "spotui: unknown command %q: use login, logout, now, lyrics, serve, version or config path (see spotui --help)\n", args[0])
			return ExitUsage
		}
	}
	return tui(args, env, stdin, stdout, stderr)
}

// tui is spotui without a command: the now-playing screen.
func tui(args []string, env Env, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := config.Load(args, env.ConfigFile, env.Getenv, stdout)
	if err != nil && cfg.Demo && !errors.Is(err, config.ErrHelp) {
		cfg, err = demoWithoutFile(args, env, err)
	}
	switch {
	case errors.Is(err, config.ErrHelp):
		return ExitOK
	case err != nil:
		fmt.Fprintln(stderr, "spotui:", err)
		return ExitUsage
	case cfg.Version:
		fmt.Fprintln(stdout, "spotui", app.Version())
		return ExitOK
	}
	// The UI shows the warnings at start; printed again once the screen is
	// restored, they stay on the terminal.
	defer warn(stderr, cfg)
	log, closeLog, err := openLog(cfg, env)
	if err != nil {
		fmt.Fprintln(stderr, "spotui:", err)
		return ExitFailure
	}
	defer closeLog()
	log.Info("start", "command", "tui", "version", app.Version(), "demo", cfg.Demo)
	return app.Run(cfg, log, app.CrashLog{Path: env.CrashFile, Now: time.Now}, stdin, stdout, stderr)
}

// demoWithoutFile loads --demo's configuration again without the config
// file that failed with fileErr: the demo needs nothing from it, and a
// broken file must not keep anyone from trying spotui. The file's error
// becomes a warning. An error that remains (a bad flag) is the result.
func demoWithoutFile(args []string, env Env, fileErr error) (config.Config, error) {
	cfg, err := config.Load(args, "", env.Getenv, io.Discard)
	if err == nil {
		cfg.Warnings = append(cfg.Warnings, fmt.Sprintf("%v (--demo runs without the config file)", fileErr))
	}
	return cfg, err
}

// cmd is one command's run.
type cmd struct {
	env            Env
	stdin          io.Reader
	stdout, stderr io.Writer
}

// errorf reports a problem on stderr.
func (c *cmd) errorf(format string, args ...any) {
	fmt.Fprintf(c.stderr, "spotui: "+format+"\n", args...)
}

// parse parses a command's flags; done means the command is over (help was
// shown, or the flags were wrong) and code is its exit code.
func (c *cmd) parse(fs *flag.FlagSet, args []string, usage string) (code int, done bool) {
	err := config.ParseFlags(fs, args, c.stdout, func(w io.Writer, fs *flag.FlagSet) {
		fmt.Fprint(w, usage)
		if hasFlags(fs) {
			fmt.Fprintln(w, "\nFlags:")
			fs.SetOutput(w)
			fs.PrintDefaults()
		}
	})
	switch {
	case errors.Is(err, config.ErrHelp):
		return ExitOK, true
	case err != nil:
		c.errorf("%v", err)
		return ExitUsage, true
	}
	return 0, false
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// validate checks cfg after flags (fileErr is Base's error, reported only
// now so that --help works with a broken file) and prints the file's
// warnings.
func (c *cmd) validate(cfg *config.Config, fileErr error) bool {
	if fileErr != nil {
		c.errorf("%v", fileErr)
		return false
	}
	if err := cfg.Validate(); err != nil {
		c.errorf("%v", err)
		return false
	}
	warn(c.stderr, *cfg)
	return true
}

func warn(w io.Writer, cfg config.Config) {
	for _, msg := range cfg.Warnings {
		fmt.Fprintln(w, "spotui: warning:", msg)
	}
}

// openLog opens the debug log with --debug; otherwise the logger discards
// and nothing is written anywhere.
// begin checks cfg and opens the --debug log for a command, logging its
// start with attrs; ok is false when the command must stop (exit 2): the
// reason has been printed.
func (c *cmd) begin(cfg *config.Config, fileErr error, attrs ...any) (log *slog.Logger, closeLog func() error, ok bool) {
	if !c.validate(cfg, fileErr) {
		return nil, nil, false
	}
	log, closeLog, err := openLog(*cfg, c.env)
	if err != nil {
		c.errorf("%v", err)
		return nil, nil, false
	}
	log.Info("start", attrs...)
	return log, closeLog, true
}

func openLog(cfg config.Config, env Env) (*slog.Logger, func() error, error) {
	if !cfg.Debug {
		return debuglog.Discard(), func() error { return nil }, nil
	}
	return debuglog.Open(env.LogFile)
}

func (c *cmd) version(args []string) int {
	fs := config.NewFlagSet("spotui version")
	if code, done := c.parse(fs, args, "Usage: spotui version\n\nPrints spotui's version.\n"); done {
		return code
	}
	fmt.Fprintln(c.stdout, "spotui", app.Version())
	return ExitOK
}

const configUsage = `Usage: spotui config path

Prints where spotui reads its config file (which need not exist yet).
`

func (c *cmd) config(args []string) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs := config.NewFlagSet("spotui config")
		if code, done := c.parse(fs, args, configUsage); done {
			return code
		}
		c.errorf("config: say what to do: spotui config path")
		return ExitUsage
	}
	if args[0] != "path" {
		c.errorf("config: unknown command %q: use spotui config path", args[0])
		return ExitUsage
	}
	fs := config.NewFlagSet("spotui config path")
	if code, done := c.parse(fs, args[1:], configUsage); done {
		return code
	}
	fmt.Fprintln(c.stdout, c.env.ConfigFile)
	return ExitOK
}

const logoutUsage = `Usage: spotui logout

Deletes the saved login (the token file). Log in again with spotui login.
`

func (c *cmd) logout(args []string) int {
	fs := config.NewFlagSet("spotui logout")
	if code, done := c.parse(fs, args, logoutUsage); done {
		return code
	}
	path := c.env.TokenFile
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(c.stderr, "Not logged in: there is no %s.\n", path)
		return ExitOK
	}
	if err := auth.NewStore(path).Clear(); err != nil {
		c.errorf("%v", err)
		return ExitFailure
	}
	fmt.Fprintf(c.stderr, "Logged out: removed %s.\n", path)
	return ExitOK
}
