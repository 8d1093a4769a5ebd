package ui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// The start screen creates a dossier on one REM of the ANS workbook that
// holds several: it asks which, as the import does (new --perimetre).
func TestNewDossierOnOneREMOfTheANSWorkbook(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "segur", "real", "ALL_REMs_va2_prepub_with_scenarios__import_gsheet_sans_modele.xlsx")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("real ANS files absent: %v", err)
	}
	c := newImportCase(t)
	f := c.f
	f.shell.showStart()
	sv := f.shell.startView
	lastChoice = nil
	readREM(f.win, inline, path, sv.useImported)
	ch := lastChoice
	if ch == nil || ch.perimeter == nil || len(ch.perimeter.Options) != 6 {
		t.Fatalf("no choice among the 6 REMs: %s", f.overlay())
	}
	ch.perimeter.SetSelected("DB — 198 exigences")
	ch.confirm()
	if cat := sv.chosenCatalogue(); cat == nil || len(cat.Requirements) != 198 {
		t.Fatalf("DB not chosen: %q", sv.catalogue.line.Text)
	}
	f.shell.onCreate(filepath.Join(f.dir, "db.segur"), dossier.Info{Name: "DB", Vendor: "V", Product: "P", ProductVersion: "1"})
	if m := f.shell.main; m == nil || len(m.svc.Catalogue().Requirements) != 198 {
		t.Fatalf("not created on the DB REM: %s", f.overlay())
	}
}
