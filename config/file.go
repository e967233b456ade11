package config

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/internal/privatefile"
)

// Poll interval bounds: faster risks Spotify's rate limit for nothing
// (progress moves on a local tick); slower misses track changes.
const (
	MinPollInterval = 2 * time.Second
	MaxPollInterval = 60 * time.Second
)

// maxFileSize bounds the read; a real config is a few hundred bytes.
const maxFileSize = 1 << 20

// ThemeColors are the colour names [theme] may override.
func ThemeColors() []string {
	return []string{"accent", "text", "subtle", "faint", "track", "warn", "error"}
}

// KeyActions are the action names [keys] may rebind.
func KeyActions() []string {
	return []string{"play_pause", "next", "previous", "seek_back", "seek_forward", "volume_up", "volume_down",
		"shuffle", "repeat", "like", "copy", "devices", "lyrics", "lyrics_earlier", "lyrics_later", "login", "logout", "help", "quit"}
}

// settings are the top-level keys of the file, in the order --help lists them.
func settings() []string {
	return []string{"client_id", "redirect_uri", "art", "poll_interval", "theme", "lyrics", "keys", "mpris", "notify"}
}

// FileError is an unusable config file. Line and Column are 1-based, and 0
// when the problem has no place in the file (it can't be read).
type FileError struct {
	Path         string
	Line, Column int
	Msg          string
}

func (e *FileError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("config file %s: %s", e.Path, e.Msg)
	}
	return fmt.Sprintf("config file %s, line %d, column %d: %s", e.Path, e.Line, e.Column, e.Msg)
}

// readFile applies the file at path to cfg. A missing file (or path "")
// is no config at all; anything else wrong with it is a *FileError.
func readFile(path string, cfg *Config) error {
	if path == "" {
		return nil
	}
	data, err := readLimited(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &FileError{Path: path, Msg: err.Error()}
	}
	return parseFile(path, data, cfg)
}

// parseFile checks the file's content and applies it to cfg.
func parseFile(path string, data []byte, cfg *Config) error {
	doc, err := decode(path, data)
	if err != nil {
		return err
	}
	f := fileReader{path: path, at: keyPositions(data), cfg: cfg}
	return f.apply(doc)
}

// readLimited reads path; errors don't repeat the path, the caller names it.
func readLimited(path string) ([]byte, error) {
	// A FIFO or device here must not hang the app: refused unread.
	file, err := privatefile.OpenRegular(path)
	if err != nil {
		var nr *privatefile.NotRegularError
		var pe *fs.PathError
		switch {
		case errors.As(err, &nr):
			return nil, errors.New(nr.What() + ": config.toml must be a plain text file")
		case errors.As(err, &pe) && !errors.Is(err, fs.ErrNotExist):
			return nil, pe.Err
		}
		return nil, err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("larger than %d KB: is it the right file?", maxFileSize>>10)
	}
	return data, nil
}

// decode parses TOML; a syntax error names the line and column where
// go-toml found it.
func decode(path string, data []byte) (map[string]any, error) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, col := de.Position()
			return nil, &FileError{Path: path, Line: line, Column: col, Msg: strings.TrimPrefix(de.Error(), "toml: ")}
		}
		return nil, &FileError{Path: path, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	return doc, nil
}

// position is where a key is written in the file.
type position struct{ line, col int }

// keyPositions maps every dotted key path ("theme.accent") to where it is
// written, so errors about values (not just syntax) can name the line.
// Called only on a document that already parsed.
func keyPositions(data []byte) map[string]position {
	at := map[string]position{}
	var p unstable.Parser
	p.Reset(data)
	prefix := ""
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			prefix = recordKey(&p, "", e.Key(), at)
		case unstable.KeyValue:
			recordKeyValue(&p, prefix, e, at)
		}
	}
	return at
}

func recordKeyValue(p *unstable.Parser, prefix string, kv *unstable.Node, at map[string]position) {
	name := recordKey(p, prefix, kv.Key(), at)
	if v := kv.Value(); v.Kind == unstable.InlineTable {
		for it := v.Children(); it.Next(); {
			if n := it.Node(); n.Kind == unstable.KeyValue {
				recordKeyValue(p, name, n, at)
			}
		}
	}
}

// recordKey notes each part of a dotted key (the first mention wins) and
// returns the whole path.
func recordKey(p *unstable.Parser, prefix string, it unstable.Iterator, at map[string]position) string {
	name := prefix
	for it.Next() {
		n := it.Node()
		if name != "" {
			name += "."
		}
		name += string(n.Data)
		if _, seen := at[name]; !seen {
			s := p.Shape(n.Raw).Start
			at[name] = position{s.Line, s.Column}
		}
	}
	return name
}

// fileReader checks a decoded file and copies it into cfg.
type fileReader struct {
	path string
	at   map[string]position
	cfg  *Config
}

func (f *fileReader) errorf(key, format string, args ...any) error {
	p := f.at[key]
	return &FileError{Path: f.path, Line: p.line, Column: p.col, Msg: fmt.Sprintf(format, args...)}
}

func (f *fileReader) warnf(key, format string, args ...any) {
	f.cfg.Warnings = append(f.cfg.Warnings,
		fmt.Sprintf("config file %s, line %d: %s", f.path, f.at[key].line, fmt.Sprintf(format, args...)))
}

// byLine orders keys as they appear in the file, so the first error or
// warning reported is the first one in the file.
func (f *fileReader) byLine(prefix string, m map[string]any) []string {
	return slices.SortedFunc(maps.Keys(m), func(a, b string) int {
		pa, pb := f.at[prefix+a], f.at[prefix+b]
		return cmp.Or(cmp.Compare(pa.line, pb.line), cmp.Compare(pa.col, pb.col), strings.Compare(a, b))
	})
}

func (f *fileReader) apply(doc map[string]any) error {
	for _, k := range f.byLine("", doc) {
		var err error
		switch v := doc[k]; k {
		case "client_id":
			err = f.clientID(v)
		case "redirect_uri":
			err = f.redirectURI(v)
		case "art":
			err = f.art(v)
		case "poll_interval":
			err = f.pollInterval(v)
		case "lyrics":
			err = f.lyrics(v)
		case "theme":
			err = f.theme(v)
		case "keys":
			err = f.keys(v)
		case "mpris", "notify":
			err = f.desktop(k, v)
		default:
			f.warnf(k, "unknown setting %q, ignored (known: %s)", k, strings.Join(settings(), ", "))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (f *fileReader) str(key string, v any, example string) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", f.errorf(key, "%s is a %s; it must be a string in quotes, like %s = %s", key, typeName(v), key, example)
	}
	return strings.TrimSpace(s), nil
}

func (f *fileReader) clientID(v any) error {
	s, err := f.str("client_id", v, `"0123456789abcdef0123456789abcdef"`)
	if err != nil || s == "" {
		return err
	}
	if !clientIDPattern.MatchString(s) {
		return f.errorf("client_id", "client_id %q is not a Spotify client ID: it should be 32 hex characters, "+
			"as shown on your app's page in the Spotify developer dashboard", s)
	}
	f.cfg.ClientID = s
	return nil
}

func (f *fileReader) redirectURI(v any) error {
	s, err := f.str("redirect_uri", v, strconv.Quote(DefaultRedirectURI))
	if err != nil {
		return err
	}
	if _, err := auth.ValidateRedirectURI(s); err != nil {
		return f.errorf("redirect_uri", "%s", redirectURIError("redirect_uri", s, err))
	}
	f.cfg.RedirectURI = s
	return nil
}

func (f *fileReader) art(v any) error {
	s, err := f.str("art", v, `"auto"`)
	if err != nil {
		return err
	}
	if !slices.Contains(ArtModes, s) {
		return f.errorf("art", "art %q: use one of %s", s, strings.Join(ArtModes, ", "))
	}
	f.cfg.Art = s
	return nil
}

func (f *fileReader) lyrics(v any) error {
	s, err := f.str("lyrics", v, `"auto"`)
	if err != nil {
		return err
	}
	if !slices.Contains(LyricsModes(), s) {
		return f.errorf("lyrics", "lyrics %q: use one of %s", s, strings.Join(LyricsModes(), ", "))
	}
	f.cfg.Lyrics = s
	return nil
}

func (f *fileReader) pollInterval(v any) error {
	s, err := f.str("poll_interval", v, `"5s"`)
	if err != nil {
		return err
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return f.errorf("poll_interval", "poll_interval %q is not a duration: write it like \"5s\" or \"1m\"", s)
	}
	if d < MinPollInterval || d > MaxPollInterval {
		return f.errorf("poll_interval", "poll_interval %q is out of range: use %s to %s", s, human(MinPollInterval), human(MaxPollInterval))
	}
	f.cfg.PollInterval = d
	return nil
}

// typeName names a decoded value's TOML type for messages.
func typeName(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case int64:
		return "number"
	case float64:
		return "decimal number"
	case bool:
		return "boolean"
	case []any:
		return "list"
	case map[string]any:
		return "table"
	}
	return "date"
}

// show writes a value back roughly as the file had it.
func show(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case map[string]any:
		return "a table"
	}
	return fmt.Sprint(v)
}
