package main

import "strings"

// lyricOnScreen reports whether screen shows a line of the bench's lyrics.
func lyricOnScreen(screen string) bool { return strings.Contains(screen, "of the bench's song") }
