package app

import tea "github.com/charmbracelet/bubbletea"

// Windows has no SIGWINCH: spotui keeps Bubble Tea's renderer there, which
// polls the console size itself.
const canWatchResize = false

func watchResize(uintptr, func(tea.Msg)) func() { return func() {} }
