package termquery

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// Replies as the real terminals send them.
var (
	kitty = terminal{
		queryKitty:     "\x1b_Gi=31;OK\x1b\\",
		queryXTVersion: "\x1bP>|kitty(0.35.2)\x1b\\",
		queryCell:      "\x1b[6;20;10t",
		queryWindow:    "\x1b[4;480;800t",
		queryBG:        "\x1b]11;rgb:0000/0000/0000\x1b\\",
		queryDA1:       "\x1b[?62;c",
	}
	ghostty = terminal{
		queryKitty:     "\x1b_Gi=31;OK\x1b\\",
		queryXTVersion: "\x1bP>|ghostty 1.1.3\x1b\\",
		queryCell:      "\x1b[6;34;16t",
		queryBG:        "\x1b]11;rgb:ffff/ffff/ffff\x07", // BEL-terminated
		queryDA1:       "\x1b[?62;22c",
	}
	wezterm = terminal{
		queryKitty:     "\x1b_Gi=31;OK\x1b\\",
		queryXTVersion: "\x1bP>|WezTerm 20240203-110809-5046fc22\x1b\\",
		queryCell:      "\x1b[6;17;8t",
		queryWindow:    "\x1b[4;408;640t",
		queryBG:        "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\",
		queryDA1:       "\x1b[?65;4;6;18;22c",
	}
	foot = terminal{
		queryKitty:     "", // foot ignores kitty graphics
		queryXTVersion: "\x1bP>|foot(1.16.2)\x1b\\",
		queryCell:      "\x1b[6;18;9t",
		queryBG:        "\x1b]11;rgb:ff/ff/ff\x1b\\",
		queryDA1:       "\x1b[?62;4;22c",
	}
	// xterm -ti vt340, whose default window ops answer CSI 14 t only.
	xtermVT340 = terminal{
		queryXTVersion: "\x1bP>|XTerm(390)\x1b\\",
		queryWindow:    "\x1b[4;384;640t",
		queryBG:        "\x1b]11;rgb:ffff/ffff/dddd\x1b\\",
		queryDA1:       "\x1b[?63;1;2;4;6;9;15;16;22;28c",
	}
	// tmux 3.4 answers these itself.
	tmux = terminal{
		queryXTVersion: "\x1bP>|tmux 3.4\x1b\\",
		queryCell:      "\x1b[6;20;10t",
		queryBG:        "\x1b]11;rgb:2828/2c2c/3434\x1b\\",
		queryDA1:       "\x1b[?1;2c",
	}
	onlyDA1 = terminal{queryDA1: "\x1b[?1;2c"}
)

// tmuxRunner is a fake tmux binary: it answers allow-passthrough with
// value and records the arguments.
type tmuxRunner struct {
	value string
	err   error
	mu    sync.Mutex
	args  [][]string
}

func (r *tmuxRunner) run(_ context.Context, args ...string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.args = append(r.args, args)
	return r.value + "\n", r.err
}

func envOf(vars map[string]string, r *tmuxRunner) Env {
	e := Env{Getenv: func(k string) string { return vars[k] }}
	e.Tmux = func(context.Context, ...string) (string, error) {
		return "", errors.New("tmux must not run outside tmux")
	}
	if r != nil {
		e.Tmux = r.run
	}
	e.WinSize = func() (WinSize, error) { return WinSize{Cols: 80, Rows: 24}, nil }
	return e
}

var inTmux = map[string]string{"TMUX": "/tmp/tmux-1000/default,123,0", "TMUX_PANE": "%3"}

func TestProbeTerminals(t *testing.T) {
	tests := []struct {
		name   string
		tty    *fakeTTY
		vars   map[string]string
		tmux   *tmuxRunner
		want   Caps
		sent   []string // the fake received these
		unsent []string // and not these
	}{
		{
			name: "kitty",
			tty:  &fakeTTY{term: kitty},
			want: Caps{CellWidth: 10, CellHeight: 20, HasBackground: true, Dark: true,
				KittyGraphics: true, TermName: "kitty", TermVersion: "0.35.2", Answered: true},
			sent: []string{queryKitty + queryXTVersion + queryCell + queryWindow + queryBG + queryDA1},
		},
		{
			name: "ghostty, light, replies one byte at a time",
			tty:  &fakeTTY{term: ghostty, dribble: true},
			want: Caps{CellWidth: 16, CellHeight: 34, Background: RGB{255, 255, 255}, HasBackground: true,
				KittyGraphics: true, TermName: "ghostty", TermVersion: "1.1.3", Answered: true},
		},
		{
			name: "wezterm",
			tty:  &fakeTTY{term: wezterm},
			want: Caps{CellWidth: 8, CellHeight: 17, Background: RGB{28, 28, 28}, HasBackground: true, Dark: true,
				Sixel: true, KittyGraphics: true, TermName: "WezTerm", TermVersion: "20240203-110809-5046fc22", Answered: true},
		},
		{
			name: "foot, with keys typed before the replies",
			tty:  &fakeTTY{term: foot, before: "q "},
			want: Caps{CellWidth: 9, CellHeight: 18, Background: RGB{255, 255, 255}, HasBackground: true,
				Sixel: true, TermName: "foot", TermVersion: "1.16.2", Answered: true},
		},
		{
			name: "xterm -ti vt340: cell size from the window size",
			tty:  &fakeTTY{term: xtermVT340},
			want: Caps{CellWidth: 8, CellHeight: 16, Background: RGB{255, 255, 221}, HasBackground: true,
				Sixel: true, TermName: "XTerm", TermVersion: "390", Answered: true},
		},
		{
			name: "tmux with passthrough, kitty outside",
			tty:  &fakeTTY{term: tmux, outer: kitty, outerDelay: 20 * time.Millisecond},
			vars: inTmux,
			tmux: &tmuxRunner{value: "on"},
			want: Caps{CellWidth: 10, CellHeight: 20, Background: RGB{40, 44, 52}, HasBackground: true, Dark: true,
				KittyGraphics: true, TermName: "kitty", TermVersion: "0.35.2", TmuxVersion: "3.4",
				InTmux: true, Passthrough: true, Answered: true},
			sent: []string{
				"\x1bPtmux;\x1b\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\x1b\\\x1b\\",
				"\x1bPtmux;\x1b\x1b[>0q\x1b\\" + queryXTVersion,
			},
		},
		{
			name: "tmux 3.3 with passthrough (a flag: 1), foot outside",
			tty:  &fakeTTY{term: tmux, outer: foot, outerDelay: 10 * time.Millisecond},
			vars: inTmux,
			tmux: &tmuxRunner{value: "1"},
			want: Caps{CellWidth: 10, CellHeight: 20, Background: RGB{40, 44, 52}, HasBackground: true, Dark: true,
				TermName: "foot", TermVersion: "1.16.2", TmuxVersion: "3.4",
				InTmux: true, Passthrough: true, Answered: true},
		},
		{
			name: "tmux without passthrough",
			tty:  &fakeTTY{term: tmux},
			vars: inTmux,
			tmux: &tmuxRunner{value: "off"},
			want: Caps{CellWidth: 10, CellHeight: 20, Background: RGB{40, 44, 52}, HasBackground: true, Dark: true,
				TmuxVersion: "3.4", InTmux: true, Answered: true},
			unsent: []string{"\x1bPtmux;", "\x1b_G"},
		},
		{
			name: "tmux that can't be asked",
			tty:  &fakeTTY{term: tmux},
			vars: inTmux,
			tmux: &tmuxRunner{err: errors.New("exit status 1")},
			want: Caps{CellWidth: 10, CellHeight: 20, Background: RGB{40, 44, 52}, HasBackground: true, Dark: true,
				TmuxVersion: "3.4", InTmux: true, Answered: true},
			unsent: []string{"\x1bPtmux;"},
		},
		{
			name: "a terminal that answers only DA1",
			tty:  &fakeTTY{term: onlyDA1},
			want: Caps{Dark: true, Answered: true},
		},
		{
			name: "screen answers DA1 only",
			tty:  &fakeTTY{term: onlyDA1},
			vars: map[string]string{"STY": "1234.pts-0.host"},
			want: Caps{Dark: true, Answered: true, InScreen: true},
			sent: []string{queryKitty},
		},
		{
			name: "zellij answers for itself",
			tty:  &fakeTTY{term: terminal{queryKitty: "\x1b_Gi=31;OK\x1b\\", queryDA1: "\x1b[?1;2;4c"}},
			vars: map[string]string{"ZELLIJ": "0"},
			want: Caps{Dark: true, Sixel: true, KittyGraphics: true, Answered: true, InZellij: true},
			sent: []string{queryKitty},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn := tt.tty.start(t)
			const deadline = 5 * time.Second // every case here answers DA1: none waits for it
			start := time.Now()
			got := Probe(context.Background(), conn, conn, envOf(tt.vars, tt.tmux), deadline)
			if took := time.Since(start); took > deadline/2 {
				t.Errorf("took %v: it should return once the replies are in", took)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("caps\n got %+v\nwant %+v", got, tt.want)
			}
			sent := tt.tty.received()
			for _, s := range tt.sent {
				if !strings.Contains(sent, s) {
					t.Errorf("the terminal didn't receive %q; it got %q", s, sent)
				}
			}
			for _, s := range tt.unsent {
				if strings.Contains(sent, s) {
					t.Errorf("the terminal received %q: %q", s, sent)
				}
			}
			if n := strings.Count(sent, queryDA1); n != 1 {
				t.Errorf("DA1 sent %d times, want once at the end: %q", n, sent)
			}
			if !strings.HasSuffix(sent, queryDA1) {
				t.Errorf("DA1 is not the last query: %q", sent)
			}
			if tt.tmux != nil {
				want := [][]string{{"display-message", "-p", "-t", "%3", "#{allow-passthrough}"}}
				if !reflect.DeepEqual(tt.tmux.args, want) {
					t.Errorf("tmux ran with %q, want %q (read-only)", tt.tmux.args, want)
				}
			}
		})
	}
}

// A terminal that answers nothing costs the deadline, and no more.
func TestProbeNoReply(t *testing.T) {
	tests := []struct {
		name string
		tty  *fakeTTY
		vars map[string]string
		tmux *tmuxRunner
		want Caps
	}{
		{"silent terminal", &fakeTTY{}, nil, nil, Caps{Dark: true}},
		{
			// tmux answers; the outer terminal never does: the probe waits
			// for it until the deadline, then keeps what tmux said.
			"tmux with passthrough, silent outer terminal",
			&fakeTTY{term: tmux, outer: terminal{}}, inTmux, &tmuxRunner{value: "on"},
			Caps{CellWidth: 10, CellHeight: 20, Background: RGB{40, 44, 52}, HasBackground: true, Dark: true,
				TmuxVersion: "3.4", InTmux: true, Passthrough: true, Answered: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn := tt.tty.start(t)
			const deadline = 100 * time.Millisecond
			start := time.Now()
			got := Probe(context.Background(), conn, conn, envOf(tt.vars, tt.tmux), deadline)
			took := time.Since(start)
			if took < deadline*9/10 || took > deadline+400*time.Millisecond {
				t.Errorf("took %v, want about the deadline (%v)", took, deadline)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("caps\n got %+v\nwant %+v", got, tt.want)
			}
			if w, h := got.Cell(); got.CellWidth == 0 && (w != 8 || h != 16) {
				t.Errorf("Cell() = %d×%d, want the 8×16 default", w, h)
			}
		})
	}
}

// The pixel size in TIOCGWINSZ, when the terminal fills it in, wins over
// CSI 16 t; a context already done asks nothing of the terminal's time.
func TestProbeWinsizeAndContext(t *testing.T) {
	tty := &fakeTTY{term: foot}
	conn := tty.start(t)
	env := envOf(nil, nil)
	env.WinSize = func() (WinSize, error) { return WinSize{Cols: 100, Rows: 30, Width: 1100, Height: 690}, nil }
	got := Probe(context.Background(), conn, conn, env, 5*time.Second)
	if got.CellWidth != 11 || got.CellHeight != 23 {
		t.Errorf("cell %d×%d, want 11×23 from TIOCGWINSZ", got.CellWidth, got.CellHeight)
	}

	tty2 := &fakeTTY{}
	conn2 := tty2.start(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	Probe(ctx, conn2, conn2, envOf(nil, nil), 5*time.Second)
	if took := time.Since(start); took > time.Second {
		t.Errorf("a cancelled context still took %v", took)
	}
}

// A reader the probe can't interrupt is not probed: nothing is written,
// so no reply can turn up later as keys.
func TestProbeUninterruptibleReader(t *testing.T) {
	var out strings.Builder
	got := Probe(context.Background(), strings.NewReader("\x1b[?62;4c"), &out,
		envOf(map[string]string{"ZELLIJ": "0"}, nil), time.Second)
	if out.Len() != 0 {
		t.Errorf("wrote %q to a terminal it can't read back", out.String())
	}
	if want := (Caps{Dark: true, InZellij: true}); got != want {
		t.Errorf("caps %+v, want %+v", got, want)
	}
}
