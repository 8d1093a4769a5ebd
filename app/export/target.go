package export

import (
	"os"
	"path/filepath"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// CheckTarget refuses a package path that names the dossier being
// exported: writing the package there would replace the dossier. Both
// paths are compared absolute, and as files when both exist (a link or
// another spelling of the same file).
func CheckTarget(dossierPath, out string) error {
	a, errA := filepath.Abs(dossierPath)
	b, errB := filepath.Abs(out)
	same := errA == nil && errB == nil && a == b
	if !same {
		fa, errA := os.Stat(dossierPath)
		fb, errB := os.Stat(out)
		same = errA == nil && errB == nil && os.SameFile(fa, fb)
	}
	if same {
		return dossier.E(dossier.FaultPackageIsDossier, out, nil)
	}
	return nil
}
