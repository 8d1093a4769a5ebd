package system

import (
	"path/filepath"

	"golang.org/x/sys/windows"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// OpenFile opens path with the application Windows associates with its
// type. It calls ShellExecuteW, the function behind both
// `rundll32 url.dll,FileProtocolHandler` and `cmd /c start`, directly: the
// path goes as one UTF-16 argument, never through a command line that a
// file name could break or inject into.
func OpenFile(path string) error {
	verb, err := windows.UTF16PtrFromString("open")
	if err != nil {
		return dossier.E(dossier.FaultNoApplication, filepath.Base(path), err)
	}
	file, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return dossier.E(dossier.FaultNoApplication, filepath.Base(path), err)
	}
	dir, _ := windows.UTF16PtrFromString(filepath.Dir(path))
	if err := windows.ShellExecute(0, verb, file, nil, dir, windows.SW_SHOWNORMAL); err != nil {
		return dossier.E(dossier.FaultNoApplication, filepath.Base(path), err)
	}
	return nil
}
