package termquery

import (
	"context"
	"os/exec"
	"strings"
)

// The queries, in the order they are sent. DA1 goes last: its reply
// closes the burst.
const (
	queryKitty     = "\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\" // a 1×1 RGB image, query only
	queryXTVersion = "\x1b[>0q"
	queryCell      = "\x1b[16t"        // cell size in pixels
	queryWindow    = "\x1b[14t"        // text area in pixels: the fallback for the cell size
	queryBG        = "\x1b]11;?\x1b\\" // background colour
	queryDA1       = "\x1b[c"
)

// burst is everything the probe writes, in one write.
//
// Inside tmux, tmux answers DA1, CSI 16 t (≥ 3.4: the outer terminal's
// cells), CSI 14 t, OSC 11 and XTVERSION (its own name) itself. The kitty
// query and the outer terminal's XTVERSION go through passthrough, and only
// when the user allows it: tmux would drop them anyway, and on old tmux
// (< 3.3, always passing through) their late replies would reach the UI as
// keys. The outer XTVERSION goes after the kitty query: the outer terminal
// answers in order, so its reply closes the outer part of the burst.
//
// GNU screen and zellij get the plain queries and answer what they
// answer. Screen's passthrough is not used: nothing tells whether it is
// safe, and the outer terminal's replies would come after screen's own
// DA1, unsynchronised, and reach the UI as keys. Zellij has no passthrough,
// but its main branch (2026) implements the kitty graphics protocol
// itself, so its own answer is the right one.
func burst(c Caps) string {
	var b strings.Builder
	if c.InTmux && c.Passthrough {
		b.WriteString(tmuxWrap(queryKitty))
		b.WriteString(tmuxWrap(queryXTVersion))
	} else if !c.InTmux {
		b.WriteString(queryKitty)
	}
	b.WriteString(queryXTVersion)
	b.WriteString(queryCell)
	b.WriteString(queryWindow)
	b.WriteString(queryBG)
	b.WriteString(queryDA1)
	return b.String()
}

// tmuxWrap wraps seq in tmux's passthrough: DCS "tmux;", seq with every
// ESC doubled, ST.
func tmuxWrap(seq string) string {
	return "\x1bPtmux;" + strings.ReplaceAll(seq, "\x1b", "\x1b\x1b") + "\x1b\\"
}

// multiplexer fills in which multiplexer spotui runs in, from the
// environment they set for their panes.
func multiplexer(env Env) Caps {
	return Caps{
		InTmux:   env.getenv("TMUX") != "",
		InScreen: env.getenv("STY") != "",
		InZellij: env.getenv("ZELLIJ") != "" || env.getenv("ZELLIJ_SESSION_NAME") != "",
	}
}

// passthrough asks tmux whether this pane may pass escape sequences to the
// outer terminal: the effective allow-passthrough of the pane (set -p or
// inherited): "1" on tmux 3.3 (a flag), "on" or "all" later. Read only: the user's settings are theirs. An
// error, a timeout or tmux < 3.3 (no such option, empty) mean no.
func passthrough(ctx context.Context, env Env) bool {
	run := env.Tmux
	if run == nil {
		run = runTmux
	}
	args := []string{"display-message", "-p"}
	if pane := env.getenv("TMUX_PANE"); pane != "" {
		args = append(args, "-t", pane)
	}
	out, err := run(ctx, append(args, "#{allow-passthrough}")...)
	if err != nil {
		return false
	}
	v := strings.TrimSpace(out)
	return v == "1" || v == "on" || v == "all"
}

func runTmux(ctx context.Context, args ...string) (string, error) {
	out, err := exec.CommandContext(ctx, "tmux", args...).Output()
	return string(out), err
}
