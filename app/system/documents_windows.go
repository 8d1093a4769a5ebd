package system

import (
	"os"

	"golang.org/x/sys/windows"
)

// DocumentsDir is the user's Documents folder as Windows knows it (it may
// be redirected, to OneDrive for instance), or the home folder when
// Windows cannot say.
func DocumentsDir() string {
	if p, err := windows.KnownFolderPath(windows.FOLDERID_Documents, 0); err == nil && isDir(p) {
		return p
	}
	home, _ := os.UserHomeDir()
	return home
}
