package export

import (
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// CheckTarget refuses a package path that names the dossier being
// exported (dossier.SamePath): writing the package there would replace
// the dossier.
func CheckTarget(dossierPath, out string) error {
	if dossier.SamePath(dossierPath, out) {
		return dossier.E(dossier.FaultPackageIsDossier, out, nil)
	}
	return nil
}
