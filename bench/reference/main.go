// Command reference is the bench's yardstick: the least a Bubble Tea v1
// program can do while showing something that changes — a clock redrawn
// once a second, with Bubble Tea's default options (the alternate screen
// aside). `go run ./bench` compares spotui's CPU, memory and terminal
// output with it.
package main

import (
	"fmt"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

type tickMsg time.Time

type model struct{ now time.Time }

func tick() tea.Cmd {
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return tickMsg(t) })
}

func (m model) Init() tea.Cmd { return tick() }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tickMsg:
		m.now = time.Time(msg)
		return m, tick()
	case tea.KeyMsg:
		if s := msg.String(); s == "q" || s == "ctrl+c" {
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m model) View() string {
	return m.now.Format("15:04:05") + "\n\nq quits"
}

func main() {
	if _, err := tea.NewProgram(model{now: time.Now()}, tea.WithAltScreen()).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "reference:", err)
		os.Exit(1)
	}
}
