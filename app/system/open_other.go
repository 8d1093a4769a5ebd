//go:build !windows

package system

import (
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// OpenFile opens path with the desktop's default application for its type
// (xdg-open; open on macOS). The path is one argument of the command,
// never part of a shell string. It returns once the opener has started;
// the opener is reaped in the background.
func OpenFile(path string) error {
	cmd := exec.Command(openerCommand(), path)
	if err := cmd.Start(); err != nil {
		return dossier.E(dossier.FaultNoApplication, filepath.Base(path), err)
	}
	go cmd.Wait()
	return nil
}

// openerCommand is the desktop's "open with the default application"
// program.
func openerCommand() string {
	if runtime.GOOS == "darwin" {
		return "open"
	}
	return "xdg-open"
}
