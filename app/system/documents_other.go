//go:build !windows

package system

import (
	"os"
	"path/filepath"
)

// DocumentsDir is the user's documents folder: XDG_DOCUMENTS_DIR from
// user-dirs.dirs (localised, "Documents" in French too), else ~/Documents
// when it exists, else the home folder.
func DocumentsDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	config := os.Getenv("XDG_CONFIG_HOME")
	if config == "" {
		config = filepath.Join(home, ".config")
	}
	if b, err := os.ReadFile(filepath.Join(config, "user-dirs.dirs")); err == nil {
		if p := xdgDocuments(string(b), home); p != "" && isDir(p) {
			return p
		}
	}
	if p := filepath.Join(home, "Documents"); isDir(p) {
		return p
	}
	return home
}
