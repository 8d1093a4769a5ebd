package rem

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The spreadsheet library spills large parts of a workbook to temporary
// files. Each import gives it a private folder, removed when the import
// ends; a folder left by a process that was killed is swept by the next
// import once it is older than any import can last.

// tempPrefix names the private temporary folders of imports.
const tempPrefix = "dossier-segur-rem-"

// staleTemp is the age past which a private folder is a leftover: an
// import is bounded to a few seconds by its budgets.
const staleTemp = 10 * time.Minute

// newTempDir makes the private temporary folder of one import, after
// sweeping the leftovers of killed imports. It returns "" (the library's
// default) when the folder cannot be made, and the function that removes it.
func newTempDir() (string, func()) {
	sweepTemp(os.TempDir(), time.Now())
	dir, err := os.MkdirTemp("", tempPrefix)
	if err != nil {
		return "", func() {}
	}
	return dir, func() { _ = os.RemoveAll(dir) }
}

// sweepTemp removes the private folders in base older than staleTemp.
func sweepTemp(base string, now time.Time) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > staleTemp {
			_ = os.RemoveAll(filepath.Join(base, e.Name()))
		}
	}
}
