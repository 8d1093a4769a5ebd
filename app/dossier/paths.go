package dossier

import (
	"os"
	"path/filepath"
)

// SamePath tells whether two paths name the same file: the same file on
// disk when both exist (a link, another spelling), else the same cleaned
// absolute path.
func SamePath(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(fa, fb)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}
