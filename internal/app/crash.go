package app

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/adrg/xdg"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/internal/privatefile"
)

// Crash is a panic caught anywhere in spotui: its value and the stack of the
// goroutine that panicked. It is only reported once the terminal is back
// to normal, so the user can read it.
type Crash struct {
	Value any
	Stack []byte
}

func (c *Crash) Error() string { return fmt.Sprintf("panic: %v", c.Value) }

// caught makes a Crash of a value recover returned. Called in the deferred
// function, debug.Stack still shows the frames that panicked.
func caught(r any) *Crash { return &Crash{Value: r, Stack: debug.Stack()} }

// CrashLog is where crashes are appended.
type CrashLog struct {
	Path string           // "" for none
	Now  func() time.Time // stamps each entry
}

// DefaultCrashPath is $XDG_STATE_HOME/spotui/crash.log, beside the --debug log.
func DefaultCrashPath() string { return filepath.Join(xdg.StateHome, "spotui", "crash.log") }

// Report prints c on stderr and appends it to the log. The value is printed
// without control characters: it may hold text from outside. It never holds
// the model (a stack shows arguments as bare words), so no token leaks.
func (l CrashLog) Report(c *Crash, stderr io.Writer) {
	text := fmt.Sprintf("panic: %s\n\n%s", printable(fmt.Sprint(c.Value)), c.Stack)
	fmt.Fprintf(stderr, "spotui crashed. This is a bug; please report it with the text below.\n%s", text)
	if l.Path == "" {
		return
	}
	now := time.Now
	if l.Now != nil {
		now = l.Now
	}
	entry := fmt.Sprintf("=== %s spotui %s\n%s\n", now().UTC().Format(time.RFC3339), Version(), text)
	if err := appendPrivate(l.Path, entry); err != nil {
		fmt.Fprintf(stderr, "spotui: could not save the crash report: %v\n", err)
		return
	}
	fmt.Fprintf(stderr, "(also saved to %s)\n", l.Path)
}

// appendPrivate appends text to path, a 0600 file in a 0700 directory. A
// path that is not a regular file (a FIFO would block forever) is refused.
func appendPrivate(path, text string) error {
	if err := privatefile.EnsureDir(filepath.Dir(path)); err != nil {
		return err
	}
	if st, err := os.Lstat(path); err == nil && !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", path)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// printable drops control characters but newlines and tabs.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || (r >= 0x20 && r != 0x7f && (r < 0x80 || r > 0x9f)) {
			return r
		}
		return -1
	}, s)
}

// crashes keeps the first panic of a run and ends the program. Bubble Tea
// runs with tea.WithoutCatchPanics: its own recovery prints into the
// alternate screen, which the renderer then wipes, and hides the value.
type crashes struct {
	mu    sync.Mutex
	first *Crash
	quit  func() // ends the program once it runs; may block
}

func (c *crashes) setQuit(quit func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.quit = quit
}

func (c *crashes) record(cr *Crash) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.first == nil {
		c.first = cr
	}
}

// fail records cr and ends the program from outside its event loop.
func (c *crashes) fail(cr *Crash) {
	c.record(cr)
	c.mu.Lock()
	quit := c.quit
	c.mu.Unlock()
	if quit != nil {
		go quit()
	}
}

func (c *crashes) get() *Crash {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.first
}

// cmd wraps cmd so that its panic, on whatever goroutine Bubble Tea runs it,
// ends the program instead of the process.
func (c *crashes) cmd(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				c.record(caught(r))
				msg = tea.QuitMsg{}
			}
		}()
		return c.inner(cmd())
	}
}

// inner wraps the commands of a batch or sequence: Bubble Tea runs those
// itself, on goroutines of its own. Both are slices of tea.Cmd, and the
// sequence's type is unexported, hence reflect.
func (c *crashes) inner(msg tea.Msg) tea.Msg {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return msg
	}
	out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	for i := range v.Len() {
		cmd, _ := v.Index(i).Interface().(tea.Cmd)
		out.Index(i).Set(reflect.ValueOf(c.cmd(cmd)))
	}
	return out.Interface()
}

// guarded runs a model so that a panic in Init, Update, View or any command
// is recorded and ends the program, which then restores the terminal.
type guarded struct {
	inner   tea.Model
	crashes *crashes
}

func (g guarded) Init() (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			g.crashes.record(caught(r))
			cmd = tea.Quit
		}
	}()
	return g.crashes.cmd(g.inner.Init())
}

func (g guarded) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			g.crashes.record(caught(r))
			m, cmd = g, tea.Quit
		}
	}()
	next, cmd := g.inner.Update(msg)
	return guarded{inner: next, crashes: g.crashes}, g.crashes.cmd(cmd)
}

// View runs inside Bubble Tea's loop, which can't be told to quit from
// here: fail ends it from a goroutine.
func (g guarded) View() (view string) {
	defer func() {
		if r := recover(); r != nil {
			g.crashes.fail(caught(r))
			view = ""
		}
	}()
	return g.inner.View()
}
