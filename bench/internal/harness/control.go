package harness

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// Control is a tmux control-mode client (tmux -C) attached to a Term's
// server. Its commands go down one pipe instead of each starting a tmux
// process, so a screen read costs well under a millisecond rather than
// several: what lets the bench time the screen at a 5 ms grain. A control
// client without a size leaves the window's size alone.
type Control struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	mu     sync.Mutex // one command in flight: replies come back in order
	blocks chan block // replies to our commands
	broken error      // set under mu once a reply went missing: later ones would be out of step
}

// block is the output of one command, between %begin and %end (or %error).
type block struct {
	out string
	err bool
}

// Control attaches a control-mode client; Close detaches it.
func (tm *Term) Control() (*Control, error) {
	cmd := exec.Command("tmux", "-L", tm.sock, "-C", "attach")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("tmux -C: %v", err)
	}
	c := &Control{cmd: cmd, in: in, blocks: make(chan block, 1)}
	go c.read(out)
	return c, nil
}

// read sorts tmux's stream: replies to our commands (flags 1) go to
// blocks; notifications such as %output, which tmux sends for every byte
// the pane writes, are read and dropped so tmux never waits on us.
func (c *Control) read(r io.Reader) {
	defer close(c.blocks)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	var (
		lines    []string
		end, bad string // the lines that close the open block; "" = none open
		ours     bool
	)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case end == "" && strings.HasPrefix(line, "%begin "):
			// "%begin TIME NUMBER FLAGS"; the closing line repeats the fields.
			fields := strings.TrimPrefix(line, "%begin ")
			end, bad, lines = "%end "+fields, "%error "+fields, nil
			ours = strings.HasSuffix(fields, " 1")
		case end != "" && (line == end || line == bad):
			if ours {
				c.blocks <- block{out: strings.Join(lines, "\n"), err: line == bad}
			}
			end, bad = "", ""
		case end != "":
			lines = append(lines, line)
		}
	}
}

// Run runs one tmux command, its arguments quoted, and returns its output.
func (c *Control) Run(args ...string) (string, error) {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = ShellQuote(a) // tmux's single quotes work as sh's
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.broken != nil {
		return "", c.broken
	}
	if _, err := io.WriteString(c.in, strings.Join(quoted, " ")+"\n"); err != nil {
		return "", fmt.Errorf("tmux -C: %v", err)
	}
	select {
	case b, ok := <-c.blocks:
		switch {
		case !ok:
			return "", errors.New("tmux -C: the control client exited")
		case b.err:
			return "", fmt.Errorf("tmux %s: %s", args[0], b.out)
		}
		return b.out, nil
	case <-time.After(10 * time.Second):
		c.broken = fmt.Errorf("tmux -C %s: no reply in 10 s", args[0])
		return "", c.broken
	}
}

// Screen is the visible pane as text ("" if tmux failed).
func (c *Control) Screen() string {
	out, _ := c.Run("capture-pane", "-p")
	return out
}

// Keys types keys as tmux send-keys names them.
func (c *Control) Keys(keys ...string) error {
	_, err := c.Run(append([]string{"send-keys"}, keys...)...)
	return err
}

// Replace is Term.Replace through the control client.
func (c *Control) Replace(env []string, command string) error {
	_, err := c.Run(replaceArgs(env, command)...)
	return err
}

// Close detaches the client (end of input) and waits for it.
func (c *Control) Close() {
	_ = c.in.Close()
	_ = c.cmd.Wait()
}
