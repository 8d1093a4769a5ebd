package ui

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/export"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// exportTo opens the export dialog and fills the target.
func exportTo(f *fixture, m *mainView, dir, name string, draft bool) *exportDialog {
	f.t.Helper()
	f.menuAction("Exporter le paquet…")()
	d := m.pkg.export
	if d == nil {
		f.t.Fatal("no export dialog")
	}
	d.folder.SetText(dir)
	d.name.SetText(name)
	d.draft.SetChecked(draft)
	return d
}

func TestExportRefusedOnIncompleteDossierThenDraftWritten(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	out := t.TempDir()
	target := filepath.Join(out, "paquet.zip")

	d := exportTo(f, m, out, "paquet", false)
	test.Tap(d.exportBtn)
	rep, err := m.svc.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.result, gapsText(len(rep.Blocking))) || !strings.Contains(d.result, "Brouillon") {
		t.Errorf("refusal %q does not count %d gaps nor offer Brouillon", d.result, len(rep.Blocking))
	}
	if !strings.Contains(f.overlay(), "Export refusé") {
		t.Errorf("no refusal dialog: %s", f.overlay())
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("refused export left files: %v", entries)
	}
	test.Tap(d.gapsBtn)
	if m.pkg.check == nil || !strings.Contains(f.overlay(), "Complétude du dossier") {
		t.Errorf("Voir les manques did not open the panel: %s", f.overlay())
	}
	f.dismissOverlays()

	d = exportTo(f, m, out, "paquet", true)
	test.Tap(d.exportBtn)
	res, err := export.Verify(target)
	if err != nil {
		t.Fatalf("draft package: %v (dialog said %q)", err, d.result)
	}
	if !res.OK || !res.Draft {
		t.Errorf("verify: %+v", res)
	}
	fi, err := os.Stat(target)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(target)
	if err != nil {
		t.Fatal(err)
	}
	files := len(zr.File)
	zr.Close()
	for _, want := range []string{target, "BROUILLON", fr.Size(fi.Size()), strconv.Itoa(files) + " fichiers"} {
		if !strings.Contains(d.result, want) {
			t.Errorf("end message %q lacks %q", d.result, want)
		}
	}
	if !strings.Contains(f.overlay(), "Paquet exporté") {
		t.Errorf("no end dialog: %s", f.overlay())
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 {
		t.Errorf("files left beside the package: %v", entries)
	}
}

func TestExportCancelLeavesNoFile(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	// Hold the work until the test runs it, so "Annuler" is tapped while
	// the export is pending.
	var pending []func()
	m.h.bg = func(work, done func()) { pending = append(pending, func() { work(); done() }) }
	out := t.TempDir()
	d := exportTo(f, m, out, "annule.zip", true)
	test.Tap(d.exportBtn)
	if d.progress == nil || d.progress.cancel == nil || len(pending) != 1 {
		t.Fatalf("no running export (progress %v, pending %d)", d.progress, len(pending))
	}
	test.Tap(d.progress.cancel)
	pending[0]()
	if !strings.Contains(d.result, "annulé") {
		t.Errorf("result %q", d.result)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("cancelled export left files: %v", entries)
	}
}

func TestExportRefusesEmptyFolder(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	d := exportTo(f, m, "", "x", true)
	test.Tap(d.exportBtn)
	if !strings.Contains(f.overlay(), "Destination incomplète") {
		t.Errorf("empty folder accepted: %s", f.overlay())
	}
}

func TestProgressDialogShowsBytes(t *testing.T) {
	f := newFixture(t)
	p := newProgressDialog(f.win, "Export", "…", true, func() {})
	progress := p.throttled()
	progress(3<<20, 4<<20)
	if p.bar.Value != 0.75 || p.label.Text != "3\u00a0Mo / 4\u00a0Mo" {
		t.Errorf("bar %v, label %q", p.bar.Value, p.label.Text)
	}
}
