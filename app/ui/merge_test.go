package ui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// TestWorkingCopyThenMergeWithAConflict: a working copy made from the
// menu's dialog, changed on its side, merges back through the dialog: the
// report, one conflict to decide per requirement, then the merge.
func TestWorkingCopyThenMergeWithAConflict(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	ctx := context.Background()
	if _, err := m.svc.AttachReader(ctx, "RIS.INS.01", "a.log", strings.NewReader("preuve A\n"), nil, dossier.AttachOptions{Operator: "A"}, nil); err != nil {
		t.Fatal(err)
	}
	f.menuAction("Copie de travail…")()
	copyPath := filepath.Join(f.dir, "copie.segur")
	m.pkg.workCopy.run(copyPath, []string{"INS"})
	if m.pkg.workCopy.done == nil || !strings.Contains(f.overlay(), "Copie de travail créée") {
		t.Fatalf("no working copy: %s", f.overlay())
	}
	f.dismissOverlays()

	b, err := dossier.Open(f.opener, copyPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.AttachReader(ctx, "RIS.INS.02", "b.log", strings.NewReader("preuve B\n"), nil, dossier.AttachOptions{Operator: "B"}, nil); err != nil {
		t.Fatal(err)
	}
	noteB, noteA := "vu par B", "vu par A"
	b.UpdateState("RIS.INS.03", dossier.StateChange{Note: &noteB})
	// a.log's caption, changed on both sides: a conflict of RIS.INS.01.
	shared, _ := m.svc.ListEvidence("RIS.INS.01")
	if _, err := b.SetCaption(shared[0].ID, "légende de B"); err != nil {
		t.Fatal(err)
	}
	b.Close()
	m.svc.UpdateState("RIS.INS.03", dossier.StateChange{Note: &noteA})
	if _, err := m.svc.SetCaption(shared[0].ID, "légende de A"); err != nil {
		t.Fatal(err)
	}

	d := openMerge(t, f, m, copyPath, "Preuves apportées : 1", "RIS.INS.03", "vu par A", "vu par B", keepTheirs, "légende de a.log", "légende de B")
	if !d.apply.Disabled() {
		t.Fatal("Fusionner enabled with a conflict left to decide")
	}
	// The report and both conflicts, with their choices, show without
	// scrolling: the dialog is as tall as its text wrapped at its width.
	d.body.Resize(fyne.NewSize(640, d.body.MinSize().Height))
	if body, shown := d.body.MinSize().Height, d.scroll.MinSize().Height; shown < body {
		t.Errorf("merge dialog shows %.0f of its %.0f px: its conflicts need scrolling", shown, body)
	}
	if len(d.choices) != 2 || d.choices["RIS.INS.03"] == nil || d.choices["RIS.INS.01"] == nil {
		t.Fatalf("conflicts: %+v", d.rep.Conflicts)
	}
	d.choices["RIS.INS.03"].SetSelected(keepTheirs)
	if !d.apply.Disabled() {
		t.Fatal("Fusionner enabled with the caption's conflict left to decide")
	}
	d.choices["RIS.INS.01"].SetSelected(keepMine)
	if d.apply.Disabled() {
		t.Fatal("Fusionner still disabled once every conflict is decided")
	}
	test.Tap(d.apply)
	if d.done == nil || !d.done.Applied || d.done.EvidenceAdded != 1 {
		t.Fatalf("merge not applied: %+v; %s", d.done, f.overlay())
	}
	states, _ := m.svc.Snapshot()
	if got := dossier.StateOf(states.States, "RIS.INS.03").Note; got != noteB {
		t.Errorf("conflict kept the copy: note %q, want %q", got, noteB)
	}
	if evs, _ := m.svc.ListEvidence("RIS.INS.01"); len(evs) != 1 || evs[0].Caption != "légende de A" {
		t.Errorf("caption kept this dossier's: %+v", evs)
	}
	if evs, _ := m.svc.ListEvidence("RIS.INS.02"); len(evs) != 1 || evs[0].Name != "b.log" {
		t.Errorf("merged proofs: %+v", evs)
	}
}

// TestMergeDialogDossierConflict: the vendor changed on both sides is a
// choice of its own in the dialog ("Dossier"), the profiles changed in the
// copy only come in without one, and the summary says so.
func TestMergeDialogDossierConflict(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	copyPath := filepath.Join(f.dir, "copie.segur")
	if _, err := m.svc.WorkingCopy(context.Background(), copyPath, nil, nil); err != nil {
		t.Fatal(err)
	}
	b, err := dossier.Open(f.opener, copyPath)
	if err != nil {
		t.Fatal(err)
	}
	in := b.Info()
	if err := b.UpdateInfo(in.Name, "Éditeur B", in.Product, in.ProductVersion); err != nil {
		t.Fatal(err)
	}
	if err := b.SetProfiles([]string{"Opérateur Mailiz"}); err != nil {
		t.Fatal(err)
	}
	b.Close()
	if err := m.svc.UpdateInfo(in.Name, "Éditeur A", in.Product, in.ProductVersion); err != nil {
		t.Fatal(err)
	}

	d := openMerge(t, f, m, copyPath, "Dossier : identité, profils, règles", "éditeur", "Éditeur A", "Éditeur B", "Dossier, repris de la copie : profils")
	if len(d.choices) != 1 || d.choices[dossier.MergeDossier] == nil || !d.apply.Disabled() {
		t.Fatalf("choices %v, conflicts %+v", d.choices, d.rep.Conflicts)
	}
	d.choices[dossier.MergeDossier].SetSelected(keepTheirs)
	test.Tap(d.apply)
	if d.done == nil || !d.done.Applied {
		t.Fatalf("merge not applied: %+v; %s", d.done, f.overlay())
	}
	got := m.svc.Info()
	if got.Vendor != "Éditeur B" || !slices.Contains(got.Profiles, "Opérateur Mailiz") {
		t.Fatalf("identity after the merge: %+v", got)
	}
}

// openMerge merges the copy at path from m's dossier and returns the
// merge dialog, failing unless it shows every text in want.
func openMerge(t *testing.T, f *fixture, m *mainView, path string, want ...string) *mergeDialog {
	t.Helper()
	m.mergeFrom(path)
	d := m.pkg.merge
	if d == nil || d.dialog == nil {
		t.Fatalf("no merge dialog: %s", f.overlay())
	}
	shown := f.overlay()
	for _, w := range want {
		if !strings.Contains(shown, w) {
			t.Errorf("merge dialog lacks %q:\n%s", w, shown)
		}
	}
	return d
}
