package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestCompletenessPanelListsGapsAndSelectsOne(t *testing.T) {
	f := newFixture(t)
	m := f.create()
	rep, err := m.svc.Check()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Complete || len(rep.Blocking) == 0 {
		t.Fatalf("a fresh dossier must have blocking gaps: %+v", rep)
	}
	if m.pkg.badge.Text != gapsText(len(rep.Blocking)) {
		t.Errorf("badge %q, want %q", m.pkg.badge.Text, gapsText(len(rep.Blocking)))
	}

	// Filter the list on the first section, then pick a gap outside it:
	// selecting it must clear the filter.
	m.sections.list.Select(1)
	sec := f.cat.Sections[0].Code
	target, n := "", -1
	for i, g := range rep.Blocking {
		if r, err := f.cat.Requirement(g.Req); err == nil && r.Section != sec {
			target, n = g.Req, i
			break
		}
	}
	if target == "" || m.list.index(target) >= 0 {
		t.Fatalf("no gap hidden by the section filter (target %q)", target)
	}

	f.menuAction("Vérifier la complétude")()
	d := m.pkg.check
	if d == nil || !strings.Contains(f.overlay(), "Complétude du dossier") {
		t.Fatalf("panel not shown: %s", f.overlay())
	}
	blocking, warnings := 0, 0
	for _, r := range d.rows {
		switch {
		case r.heading != "":
		case r.blocking:
			blocking++
		default:
			warnings++
		}
	}
	if blocking != len(rep.Blocking) || warnings != len(rep.Warnings) {
		t.Errorf("panel rows: %d blocking, %d warnings; report %d, %d", blocking, warnings, len(rep.Blocking), len(rep.Warnings))
	}
	if got := d.rows[d.gapIndex(n)].gap; got.Req != target || got.Reason != rep.Blocking[n].Reason {
		t.Fatalf("row %d is %+v, want %+v", n, got, rep.Blocking[n])
	}

	d.list.Select(d.gapIndex(n))
	if m.current != target || m.detail.title.Text != target {
		t.Errorf("selected %q, detail %q, want %q", m.current, m.detail.title.Text, target)
	}
	if i := m.list.index(target); i < 0 || m.list.filter().Section != "" {
		t.Errorf("filters not cleared: index %d, section %q", i, m.list.filter().Section)
	}
	if f.win.Canvas().Overlays().Top() != nil {
		t.Error("panel still open after choosing a gap")
	}

	// Marking it Non applicable with a justification removes its gap; the
	// badge follows.
	test.Type(m.detail.justification, "Fonction absente de ce produit")
	f.menuAction("Statut : " + dossier.NonApplicable.Label())()
	after, err := m.svc.Check()
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Blocking) >= len(rep.Blocking) {
		t.Fatalf("gaps %d after N/A, were %d", len(after.Blocking), len(rep.Blocking))
	}
	if m.pkg.badge.Text != badgeText(after) {
		t.Errorf("badge %q not refreshed, want %q", m.pkg.badge.Text, badgeText(after))
	}
}

func TestBadgeText(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "Dossier complet"}, {1, "1 manque bloquant"}, {7, "7 manques bloquants"}} {
		rep := dossier.Report{Blocking: make([]dossier.Gap, c.n), Complete: c.n == 0}
		if got := badgeText(rep); got != c.want {
			t.Errorf("badgeText(%d gaps) = %q, want %q", c.n, got, c.want)
		}
	}
}
