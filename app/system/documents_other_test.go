//go:build !windows

package system

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDocumentsDirFollowsUserDirs(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	if got := DocumentsDir(); got != home {
		t.Errorf("no Documents folder: got %q, want the home folder %q", got, home)
	}
	os.Mkdir(filepath.Join(home, "Documents"), 0o755)
	if got := DocumentsDir(); got != filepath.Join(home, "Documents") {
		t.Errorf("with ~/Documents: got %q", got)
	}
	os.MkdirAll(filepath.Join(home, ".config"), 0o755)
	os.Mkdir(filepath.Join(home, "Docs à moi"), 0o755)
	os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"), []byte(`XDG_DOCUMENTS_DIR="$HOME/Docs à moi"`+"\n"), 0o644)
	if got := DocumentsDir(); got != filepath.Join(home, "Docs à moi") {
		t.Errorf("with user-dirs.dirs: got %q", got)
	}
}
