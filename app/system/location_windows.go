package system

import (
	"path/filepath"

	"golang.org/x/sys/windows"
)

// remoteFileSystem tells whether path is on a drive letter Windows reports
// as remote (a mapped network drive).
func remoteFileSystem(path string) bool {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	root := driveRoot(path)
	if root == "" {
		return false
	}
	p, err := windows.UTF16PtrFromString(root)
	if err != nil {
		return false
	}
	return windows.GetDriveType(p) == windows.DRIVE_REMOTE
}
