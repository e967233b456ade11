package config

// desktop reads the Linux desktop switches: mpris (media keys, playerctl;
// on unless false) and notify (a notification per track; off unless true).
func (f *fileReader) desktop(key string, v any) error {
	on, ok := v.(bool)
	if !ok {
		return f.errorf(key, "%s is a %s; it must be true or false, without quotes, like %s = %t",
			key, typeName(v), key, key == "notify")
	}
	switch key {
	case "mpris":
		f.cfg.NoMPRIS = !on
	case "notify":
		f.cfg.Notify = on
	}
	return nil
}
