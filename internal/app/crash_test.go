package app

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/vt"
	"github.com/spotui/spotui/internal/screen/screentest"
)

const secret = "BQD-access-token-value" // must never reach a report

// panicky panics where a test says: in Init, Update, its frame, or a
// command (alone, in a batch, in a sequence). A key sets it off.
type panicky struct {
	where string
	token string // a secret the model holds, as ui.Model holds tokens
	armed bool
}

func boom(where string) tea.Cmd {
	return func() tea.Msg { panic("boom in " + where + "\x1b]52;c;eA==\a") }
}

func (p panicky) Init() tea.Cmd {
	if p.where == "Init" {
		panic("boom in Init")
	}
	return nil
}

func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyMsg); !ok {
		return p, nil
	}
	switch p.where {
	case "Update":
		panic("boom in Update")
	case "a command":
		return p, boom(p.where)
	case "a batch":
		return p, tea.Batch(func() tea.Msg { return nil }, boom(p.where))
	case "a sequence":
		return p, tea.Sequence(func() tea.Msg { return nil }, tea.Batch(nil, boom(p.where)))
	}
	p.armed = true
	return p, nil
}

func (p panicky) View() string {
	if p.armed && p.where == "View" {
		panic("boom in View")
	}
	if p.armed && p.where == "the writer" {
		return "WRITER-BOOM"
	}
	return "spotui is running"
}

func (p panicky) WindowTitle() string { return "spotui" }

// panicsOn is a terminal whose Write panics on a frame holding word, as a
// bug in the Screen's writer would.
type panicsOn struct {
	*screentest.Term
	word string
}

func (w panicsOn) Write(b []byte) (int, error) {
	if bytes.Contains(b, []byte(w.word)) {
		panic("boom in the writer")
	}
	return w.Term.Write(b)
}

// A panic anywhere leaves the terminal as it was before spotui started,
// then shows the panic and its stack on stderr and in crash.log.
func TestAPanicRestoresTheTerminalThenIsReported(t *testing.T) {
	for _, where := range []string{"Init", "Update", "View", "a command", "a batch", "a sequence", "the writer"} {
		t.Run(where, func(t *testing.T) {
			tm := screentest.New(40, 10)
			tm.Write([]byte("shell prompt $"))
			var out io.Writer = tm
			if where == "the writer" {
				out = panicsOn{tm, "WRITER-BOOM"}
			}
			sizes := func(send func(tea.Msg)) func() {
				go send(tea.WindowSizeMsg{Width: 40, Height: 10})
				return func() {}
			}
			started := func(func()) {}
			type result struct {
				err error
			}
			done := make(chan result, 1)
			go func() {
				_, err := onScreen(panicky{where: where, token: secret}, strings.NewReader("x"), out, sizes, started, sharing{})
				done <- result{err}
			}()
			var err error
			select {
			case r := <-done:
				err = r.err
			case <-time.After(10 * time.Second):
				t.Fatal("the program did not end after the panic")
			}

			var crash *Crash
			if !errors.As(err, &crash) {
				t.Fatalf("onScreen returned %v, want a *Crash", err)
			}
			// The terminal is restored before anything is reported.
			tm.Do(func(e *vt.Emulator) {
				if e.IsAltScreen() || e.CursorHidden() {
					t.Errorf("after the panic: alt screen %v, cursor hidden %v; want neither", e.IsAltScreen(), e.CursorHidden())
				}
			})
			if got := tm.Screen(); got != "shell prompt $" {
				t.Errorf("the terminal shows\n%s\nwant the shell's screen back", got)
			}

			dir := t.TempDir()
			log := CrashLog{Path: filepath.Join(dir, "state", "spotui", "crash.log"),
				Now: func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }}
			var stderr bytes.Buffer
			log.Report(crash, &stderr)
			file, err := os.ReadFile(log.Path)
			if err != nil {
				t.Fatal(err)
			}
			for name, text := range map[string]string{"stderr": stderr.String(), "crash.log": string(file)} {
				for _, want := range []string{"panic: boom in " + where, "goroutine ", "crash_test.go"} {
					if !strings.Contains(text, want) {
						t.Errorf("%s lacks %q:\n%s", name, want, text)
					}
				}
				if strings.Contains(text, secret) || strings.ContainsAny(text, "\x1b\a") {
					t.Errorf("%s holds the model's token or a control character:\n%q", name, text)
				}
			}
			if !strings.HasPrefix(string(file), "=== 2026-03-01T12:00:00Z spotui ") {
				t.Errorf("crash.log entry is not stamped: %q", file[:min(len(file), 60)])
			}
			if !strings.Contains(stderr.String(), log.Path) {
				t.Errorf("stderr does not say where the report is: %s", stderr.String())
			}
			assertMode(t, log.Path, 0o600)
			assertMode(t, filepath.Dir(log.Path), 0o700)
		})
	}
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != want {
		t.Errorf("%s: mode %v (%v), want %v", path, st.Mode().Perm(), err, want)
	}
}

// A second crash appends; a crash.log that is not a regular file (a FIFO
// would block) is refused with a message, and stderr still has the stack.
func TestCrashLogAppendsAndRefusesAFIFO(t *testing.T) {
	dir := t.TempDir()
	log := CrashLog{Path: filepath.Join(dir, "crash.log")}
	crash := &Crash{Value: "first", Stack: []byte("goroutine 1 [running]:")}
	log.Report(crash, io.Discard)
	log.Report(&Crash{Value: "second", Stack: crash.Stack}, io.Discard)
	if b, _ := os.ReadFile(log.Path); !strings.Contains(string(b), "panic: first") || !strings.Contains(string(b), "panic: second") {
		t.Errorf("crash.log = %q, want both crashes", b)
	}

	fifo := CrashLog{Path: filepath.Join(dir, "fifo.log")}
	if err := mkfifo(fifo.Path); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	var stderr bytes.Buffer
	done := make(chan struct{})
	go func() { fifo.Report(crash, &stderr); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Report blocked on a FIFO")
	}
	if !strings.Contains(stderr.String(), "goroutine 1") || !strings.Contains(stderr.String(), "not a regular file") {
		t.Errorf("stderr = %q", stderr.String())
	}
}
