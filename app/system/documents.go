package system

import (
	"os"
	"strings"
)

// xdgDocuments reads XDG_DOCUMENTS_DIR from the text of a user-dirs.dirs
// file (lines of XDG_xxx_DIR="$HOME/…"), "" when it is absent, relative
// or the home folder itself (which is how users disable it).
func xdgDocuments(userDirs, home string) string {
	for _, line := range strings.Split(userDirs, "\n") {
		line = strings.TrimSpace(line)
		v, ok := strings.CutPrefix(line, "XDG_DOCUMENTS_DIR=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		if rest, ok := strings.CutPrefix(v, "$HOME"); ok {
			v = home + rest
		}
		v = strings.TrimRight(v, "/")
		if !strings.HasPrefix(v, "/") || v == strings.TrimRight(home, "/") {
			return ""
		}
		return v
	}
	return ""
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
