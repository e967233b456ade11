package config

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/adrg/xdg"
	"github.com/pelletier/go-toml/v2/unstable"
	"github.com/spotui/spotui/internal/privatefile"
)

// DefaultPath is $XDG_CONFIG_HOME/spotui/config.toml (~/.config/... when
// unset), next to the token cache.
func DefaultPath() string {
	return filepath.Join(xdg.ConfigHome, "spotui", "config.toml")
}

// SaveClientID sets client_id in the config file at path, creating the file
// (0600, in a 0700 directory) if needed. Only the value is replaced, so the
// user's other settings, comments and layout stay as they were; the file is
// replaced atomically, so a crash never leaves half of it. A file that is
// not valid TOML is left alone and reported.
func SaveClientID(path, id string) error {
	if !clientIDPattern.MatchString(id) {
		return fmt.Errorf("client ID %q is not a Spotify client ID: it should be 32 hex characters", id)
	}
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		path = resolved // keep a dotfiles symlink a symlink: write its target
	}
	data, err := readLimited(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &FileError{Path: path, Msg: err.Error()}
	}
	if _, err := decode(path, data); err != nil {
		return fmt.Errorf("%w — fix it, then save the client ID again", err)
	}
	out := withClientID(data, id)
	// Belt and braces: what we write must read back as what we meant.
	var check Config
	if err := (&fileReader{path: path, at: keyPositions(out), cfg: &check}).applyClientIDOnly(out); err != nil || check.ClientID != id {
		return &FileError{Path: path, Msg: "client_id is written in a form spotui can't update; set client_id = \"" + id + "\" by hand"}
	}
	if err := writeAtomic(path, out); err != nil {
		return fmt.Errorf("saving the client ID to %s: %w", path, err)
	}
	return nil
}

// withClientID replaces the value of a top-level client_id, or puts a new
// one on the first line (always the top-level table, before any [table]).
func withClientID(data []byte, id string) []byte {
	value := []byte(`"` + id + `"`) // hex only: nothing to escape
	var p unstable.Parser
	p.Reset(data)
	for p.NextExpression() {
		e := p.Expression()
		if e.Kind == unstable.Table || e.Kind == unstable.ArrayTable {
			break // past the top-level keys
		}
		if e.Kind != unstable.KeyValue {
			continue
		}
		k := e.Key()
		if !k.Next() || string(k.Node().Data) != "client_id" || k.Next() {
			continue
		}
		r := e.Value().Raw
		out := make([]byte, 0, len(data)+len(value))
		out = append(out, data[:r.Offset]...)
		out = append(out, value...)
		return append(out, data[r.Offset+r.Length:]...)
	}
	return append([]byte("client_id = "+string(value)+"\n"), data...)
}

// applyClientIDOnly decodes out and reads back just client_id.
func (f *fileReader) applyClientIDOnly(out []byte) error {
	doc, err := decode(f.path, out)
	if err != nil {
		return err
	}
	return f.clientID(doc["client_id"])
}

// writeAtomic writes the file 0600, atomically (see privatefile).
func writeAtomic(path string, data []byte) error {
	return privatefile.Write(path, data, nil)
}
