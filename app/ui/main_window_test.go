package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// applicable lists the catalogue requirements that apply with these
// profiles and satisfy keep.
func (f *fixture) applicable(profiles []string, keep func(*dossier.Requirement) bool) int {
	n := 0
	for _, r := range f.cat.Applicable(profiles) {
		if keep(r) {
			n++
		}
	}
	return n
}

func TestFiltersNarrowTheList(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	all := len(f.cat.Applicable(nil))
	if got := len(m.list.rows); got != all {
		t.Fatalf("Général alone: %d rows, want %d", got, all)
	}
	if !strings.Contains(m.list.count.Text, "exigences affichées") {
		t.Errorf("count label %q", m.list.count.Text)
	}

	// A section tapped in the sections panel filters the list.
	sec := f.cat.Sections[0].Code
	m.dash.list.Select(1)
	want := f.applicable(nil, func(r *dossier.Requirement) bool { return r.Section == sec })
	if got := len(m.list.rows); got != want || want == 0 {
		t.Errorf("section %s: %d rows, want %d", sec, got, want)
	}
	if m.list.filter().Section != sec {
		t.Errorf("section select not updated: %q", m.list.section.Selected)
	}

	test.Tap(m.list.exigences)
	want = f.applicable(nil, func(r *dossier.Requirement) bool {
		return r.Section == sec && r.Nature == dossier.Exigence
	})
	if got := len(m.list.rows); got != want {
		t.Errorf("section %s, exigences only: %d rows, want %d", sec, got, want)
	}
	test.Tap(m.list.exigences)
	m.dash.list.Select(0)
	if got := len(m.list.rows); got != all {
		t.Errorf("all sections again: %d rows, want %d", got, all)
	}

	// Préconisations are listed and marked as not controlled.
	for _, r := range m.list.rows {
		if r.Req.Nature == dossier.Preconisation && !strings.Contains(rowMarker(r), "non contrôlée") {
			t.Errorf("%s not marked non contrôlée", r.Req.ID)
		}
	}

	// Search matches the ID or the text.
	target := f.cat.Applicable(nil)[5]
	test.Type(m.list.search, strings.ToLower(target.ShortID))
	want = f.applicable(nil, func(r *dossier.Requirement) bool {
		return strings.Contains(dossier.Fold(r.ID+" "+r.ShortID+" "+r.Summary+" "+r.Statement), dossier.Fold(target.ShortID))
	})
	if got := len(m.list.rows); got != want || got == 0 {
		t.Errorf("search %q: %d rows, want %d", target.ShortID, got, want)
	}
	m.list.search.SetText("")

	// Status filter: one requirement marked Prête (its proof filed
	// outside the application).
	m.onSelect(target.ID)
	m.detail.note.SetText("Déposée sur Convergence")
	test.Tap(m.detail.offline)
	f.menuAction("Statut : Prête")()
	m.list.status.SetSelected(dossier.Prete.Label())
	if len(m.list.rows) != 1 || m.list.rows[0].Req.ID != target.ID {
		t.Errorf("status Prête: %d rows", len(m.list.rows))
	}
	m.list.status.SetSelected(allStatuses)

	// Profile filter: requirements citing a profile that still apply.
	prof := f.cat.Profiles[1].Name
	m.list.profile.SetSelected(shorten(prof, 42))
	want = f.applicable(nil, func(r *dossier.Requirement) bool {
		for _, p := range r.Profiles {
			if p == prof {
				return true
			}
		}
		return false
	})
	if got := len(m.list.rows); got != want {
		t.Errorf("profile %q: %d rows, want %d", prof, got, want)
	}
}

func TestCtrlFFocusesSearch(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	f.menuAction("Rechercher")()
	if f.win.Canvas().Focused() != m.list.search {
		t.Errorf("focus on %T", f.win.Canvas().Focused())
	}
}

func TestDroppedProfileShowsOutOfScope(t *testing.T) {
	f := newFixture(t)
	const prof = "Référentiel d'identités"
	m := f.create(prof)
	withProfile := len(m.list.rows)

	// A requirement that applies only through the profile gets a status.
	var only string
	for _, r := range f.cat.Applicable([]string{prof}) {
		if !f.cat.Applies(r, nil) {
			only = r.ID
			break
		}
	}
	if only == "" {
		t.Fatal("no requirement specific to the profile")
	}
	m.onSelect(only)
	f.menuAction("Statut : En cours")()

	m.onProfiles()
	d := m.profilesDlg
	if c := d.checks.check(prof); c == nil || !c.Checked {
		t.Fatal("chosen profile not checked in the dialog")
	}
	test.Tap(d.checks.check(prof))
	d.onSaveTapped()

	general := len(f.cat.Applicable(nil))
	if got := len(m.list.rows); got != general || got >= withProfile {
		t.Fatalf("after dropping: %d rows, want %d", got, general)
	}
	if got := m.svc.Info().Profiles; len(got) != 1 {
		t.Errorf("profiles %v", got)
	}
	test.Tap(m.list.outOfScope)
	if got := len(m.list.rows); got != general+1 {
		t.Fatalf("with hors périmètre: %d rows, want %d", got, general+1)
	}
	i := m.list.index(only)
	if i < 0 || !strings.Contains(rowMarker(m.list.rows[i]), "hors périmètre") {
		t.Errorf("%s not marked hors périmètre", only)
	}
	if m.list.rows[i].State.Status != dossier.EnCours {
		t.Errorf("state lost: %+v", m.list.rows[i].State)
	}
	m.onSelect(only)
	if !m.detail.scope.Visible() {
		t.Error("detail does not say hors périmètre")
	}
}

func TestInfoDialogUpdatesIdentity(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	m.onInfo()
	d := m.infoDlg
	d.name.SetText("Dossier renommé")
	d.version.SetText("13.0")
	d.onSaveTapped()
	in := m.svc.Info()
	if in.Name != "Dossier renommé" || in.ProductVersion != "13.0" || in.Vendor != "Éditeur" {
		t.Errorf("info %+v", in)
	}
	if m.title.Text != "Dossier renommé" {
		t.Errorf("header %q", m.title.Text)
	}

	m.onInfo()
	m.infoDlg.vendor.SetText("  ")
	m.infoDlg.onSaveTapped()
	if m.svc.Info().Vendor != "Éditeur" || !strings.Contains(f.overlay(), "éditeur") {
		t.Errorf("empty vendor accepted; overlay %s", f.overlay())
	}
}

func TestNoteSavedWhenMovingOn(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	first := m.current
	test.Type(m.detail.note, "à compléter")
	f.menuAction("Suivante")()
	r, err := m.svc.Row(first)
	if err != nil {
		t.Fatal(err)
	}
	if r.State.Note != "à compléter" {
		t.Errorf("note %q not saved when moving on", r.State.Note)
	}
	if m.detail.note.Text != "" {
		t.Errorf("next requirement shows note %q", m.detail.note.Text)
	}
}

func TestAboutShowsCatalogueProvenance(t *testing.T) {
	f := newFixture(t)
	f.create()
	f.menuAction("À propos")()
	msg := f.overlay()
	for _, want := range []string{f.cat.Title, "Provenance", "paraphrases"} {
		if !strings.Contains(msg, want) {
			t.Errorf("À propos lacks %q", want)
		}
	}
}
