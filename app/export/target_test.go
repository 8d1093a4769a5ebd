package export_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
)

func TestCheckTargetRefusesTheDossierItself(t *testing.T) {
	dir := t.TempDir()
	d := filepath.Join(dir, "d.segur")
	if err := os.WriteFile(d, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "lien.zip")
	if err := os.Symlink(d, link); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{d, filepath.Join(dir, ".", "d.segur"), link} {
		if err := export.CheckTarget(d, out); dossier.FaultOf(err) != dossier.FaultPackageIsDossier {
			t.Errorf("CheckTarget(%q) = %v, want package_is_dossier", out, err)
		}
	}
	if err := export.CheckTarget(d, filepath.Join(dir, "paquet.zip")); err != nil {
		t.Errorf("another name refused: %v", err)
	}
}
