package ui

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
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
	if m.list.gap != dossier.GapAny || len(m.list.rows) != len(rep.BlockedBy(dossier.GapAny)) {
		t.Errorf("Voir les manques did not filter the list on the gaps: %q, %d rows", m.list.gap, len(m.list.rows))
	}
	f.dismissOverlays()

	d = exportTo(f, m, out, "paquet", true)
	test.Tap(d.exportBtn)
	res, err := export.Verify(context.Background(), target)
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
	for _, want := range []string{target, "Paquet brouillon", "BROUILLON", fr.Size(fi.Size()), fr.Plural(files, "fichier", "fichiers"),
		gapsText(len(rep.Blocking)), "avertissement"} {
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
	if d.progress == nil || d.progress.Cancel == nil || len(pending) != 1 {
		t.Fatalf("no running export (progress %v, pending %d)", d.progress, len(pending))
	}
	test.Tap(d.progress.Cancel)
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
	p := widgets.NewProgress(f.win, "Export", "…", true, func() {})
	progress := throttled(p)
	progress(3<<20, 4<<20)
	if p.Bar.Value != 0.75 || p.Label.Text != "3\u00a0Mo sur 4\u00a0Mo" {
		t.Errorf("bar %v, label %q", p.Bar.Value, p.Label.Text)
	}
	p.SetPhase("Écriture du rapport")
	showBytes(p, 1<<20, 4<<20)
	if p.Bar.Value != 0.25 || p.Label.Text != "Écriture du rapport : 1\u00a0Mo sur 4\u00a0Mo" {
		t.Errorf("bar %v, label %q", p.Bar.Value, p.Label.Text)
	}
	test.Tap(p.Cancel)
	showBytes(p, 2<<20, 4<<20)
	if !p.Cancelled() || p.Label.Text != "Annulation en cours…" {
		t.Errorf("after Annuler: label %q", p.Label.Text)
	}
}

func TestExportEndSaysFinalAndCountsWarnings(t *testing.T) {
	f := newFixture(t)
	out := filepath.Join(f.dir, "p.zip")
	os.WriteFile(out, []byte("zip"), 0o600)
	d := &exportDialog{win: f.win, report: dossier.Report{Complete: true, Warnings: make([]dossier.Gap, 1)}}
	d.done(out, false, 3)
	if !strings.Contains(d.result, "Paquet définitif écrit") || !strings.Contains(d.result, "1 avertissement.") ||
		!strings.Contains(d.result, "3 fichiers") {
		t.Fatalf("end message %q", d.result)
	}
}
