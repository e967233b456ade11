package config

import (
	"slices"
	"strconv"
	"strings"
)

// table reads a [key] table: [theme] or [keys], checked below.
func (f *fileReader) table(key string, v any, example string) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, f.errorf(key, "%s is a %s; it must be a table: a line [%s] followed by lines like %s", key, typeName(v), key, example)
	}
	return m, nil
}

// theme reads the theme key: a mode string (theme = "light"), or a
// [theme] table of colours that may also hold mode = "light". TOML allows
// only one of the two forms in a file.
func (f *fileReader) theme(v any) error {
	if s, ok := v.(string); ok {
		return f.themeMode("theme", s)
	}
	if _, ok := v.(map[string]any); !ok {
		return f.errorf("theme", "theme is a %s; write theme = \"light\" (auto, light or dark), "+
			"or a table: a line [theme] followed by lines like accent = \"#1DB954\"", typeName(v))
	}
	m, _ := f.table("theme", v, `accent = "#1DB954"`)
	for _, name := range f.byLine("theme.", m) {
		key := "theme." + name
		if name == "mode" {
			s, err := f.str(key, m[name], `"dark"`)
			if err != nil {
				return err
			}
			if err := f.themeMode(key, s); err != nil {
				return err
			}
			continue
		}
		if !slices.Contains(ThemeColors(), name) {
			f.warnf(key, "unknown colour %q in [theme], ignored (known: mode, %s)", name, strings.Join(ThemeColors(), ", "))
			continue
		}
		c, ok := colour(m[name])
		if !ok {
			return f.errorf(key, "[theme] %s = %s: use \"#rrggbb\" (like \"#1DB954\") or an ANSI colour number 0-255", name, show(m[name]))
		}
		if f.cfg.Theme == nil {
			f.cfg.Theme = map[string]string{}
		}
		f.cfg.Theme[name] = c
	}
	return nil
}

func (f *fileReader) themeMode(key, s string) error {
	s = strings.TrimSpace(s)
	if !slices.Contains(ThemeModes(), s) {
		return f.errorf(key, "%s %q: use one of %s", key, s, strings.Join(ThemeModes(), ", "))
	}
	f.cfg.ThemeMode = s
	return nil
}

// colour accepts "#rrggbb", or an ANSI colour number as a string or an
// integer; numbers come back in decimal.
func colour(v any) (string, bool) {
	switch c := v.(type) {
	case int64:
		return strconv.FormatInt(c, 10), c >= 0 && c <= 255
	case string:
		c = strings.TrimSpace(c)
		if n, err := strconv.Atoi(c); err == nil {
			return strconv.Itoa(n), n >= 0 && n <= 255 && !strings.HasPrefix(c, "+")
		}
		if len(c) != 7 || c[0] != '#' {
			return "", false
		}
		_, err := strconv.ParseUint(c[1:], 16, 32)
		return c, err == nil
	}
	return "", false
}

func (f *fileReader) keys(v any) error {
	m, err := f.table("keys", v, `next = ["n", "j"]`)
	if err != nil {
		return err
	}
	boundTo := map[string]string{} // key name → the first action it was given to
	for _, action := range f.byLine("keys.", m) {
		key := "keys." + action
		if !slices.Contains(KeyActions(), action) {
			f.warnf(key, "unknown action %q in [keys], ignored (known: %s)", action, strings.Join(KeyActions(), ", "))
			continue
		}
		names, err := f.keyNames(key, action, m[action])
		if err != nil {
			return err
		}
		for _, n := range names {
			if other, dup := boundTo[n]; dup {
				f.warnf(key, "key %q is given to both %s and %s", n, other, action)
				continue
			}
			boundTo[n] = action
		}
		if f.cfg.Keys == nil {
			f.cfg.Keys = map[string][]string{}
		}
		f.cfg.Keys[action] = names
	}
	return nil
}

// keyNames reads a list of key names; a lone string is a list of one.
func (f *fileReader) keyNames(key, action string, v any) ([]string, error) {
	bad := func() ([]string, error) {
		return nil, f.errorf(key, "[keys] %s = %s: give a list of keys in quotes, like %s = [\"n\", \"ctrl+n\"]", action, show(v), action)
	}
	var list []any
	switch x := v.(type) {
	case string:
		list = []any{x}
	case []any:
		list = x
	default:
		return bad()
	}
	if len(list) == 0 {
		return nil, f.errorf(key, "[keys] %s is empty: give at least one key, like %s = [\"n\"]", action, action)
	}
	names := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok || s == "" {
			return bad()
		}
		if !slices.Contains(names, s) {
			names = append(names, s)
		}
	}
	return names, nil
}
