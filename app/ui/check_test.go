package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestDashboardGroupsFilterTheListAndKeepThePanel(t *testing.T) {
	f := newEvFixture(t)
	m := f.m
	rep, err := m.svc.Check()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Complete || len(rep.Blocking) == 0 {
		t.Fatalf("a fresh dossier must have blocking gaps: %+v", rep)
	}
	if m.pkg.badge.Text != badgeText(rep) || !strings.Contains(m.pkg.badge.Text, gapsText(len(rep.Blocking))) {
		t.Errorf("badge %q, want %q", m.pkg.badge.Text, badgeText(rep))
	}
	if !strings.Contains(m.dash.final.Text, "Export bloqué par") || len(m.dash.groups.Objects) != 1 {
		t.Fatalf("dashboard: %q, %d groups", m.dash.final.Text, len(m.dash.groups.Objects))
	}

	// A file on the first requirement: it moves to "Pas prêtes".
	first := m.current
	m.evidence.attachPaths([]string{f.file("journal.log", []byte("INSi OK\n"))})
	if len(m.dash.groups.Objects) != 2 {
		t.Fatalf("groups after one file: %d", len(m.dash.groups.Objects))
	}
	// Tapping the group filters the list on it; the panel stays.
	m.dash.onGap(dossier.GapNotReady)
	if len(m.list.rows) != 1 || m.list.rows[0].Req.ID != first || m.current != first {
		t.Fatalf("filtered on not ready: %d rows, current %q", len(m.list.rows), m.current)
	}
	if !m.dash.showAll.Visible() || !strings.Contains(m.list.count.Text, dossier.GapNotReady.Label()) {
		t.Errorf("filter not shown: %q", m.list.count.Text)
	}
	if !m.detail.gaps.Visible() || !strings.Contains(m.detail.gaps.Text, "En cours") {
		t.Errorf("detail does not say why it blocks: %q", m.detail.gaps.Text)
	}
	// Prête: it leaves the filtered list, and the detail does not keep a
	// requirement no longer listed.
	f.menuAction("Statut : " + dossier.Prete.Label())()
	if f.status(first) != dossier.Prete || len(m.list.rows) != 0 || m.current != "" || m.detail.body.Visible() {
		t.Fatalf("after Prête: status %s, %d rows, current %q", f.status(first), len(m.list.rows), m.current)
	}
	test.Tap(m.dash.showAll)
	if m.list.gap != "" || len(m.list.rows) != 109 {
		t.Fatalf("show all: gap %q, %d rows", m.list.gap, len(m.list.rows))
	}

	// Ctrl+K filters on every blocking gap; the badge and the check agree.
	f.menuAction("Vérifier la complétude")()
	after, _ := m.svc.Check()
	if m.list.gap != dossier.GapAny || len(m.list.rows) != len(after.BlockedBy(dossier.GapAny)) {
		t.Fatalf("check: gap %q, %d rows, want %d", m.list.gap, len(m.list.rows), len(after.BlockedBy(dossier.GapAny)))
	}
	if m.pkg.badge.Text != badgeText(after) {
		t.Errorf("badge %q, want %q", m.pkg.badge.Text, badgeText(after))
	}
}

func TestPreteWithoutProofIsRefused(t *testing.T) {
	f := newEvFixture(t)
	m := f.m
	id := m.current
	f.menuAction("Statut : " + dossier.Prete.Label())()
	if f.status(id) != dossier.AFaire || !m.detail.message.Visible() || !strings.Contains(m.detail.message.Text, "hors application") {
		t.Fatalf("Prête without proof: status %s, message %q", f.status(id), m.detail.message.Text)
	}
	// A proof filed outside the application, with a note, makes it possible.
	test.Tap(m.detail.offline)
	if m.detail.offline.Checked || !strings.Contains(m.detail.message.Text, "note") {
		t.Fatalf("offline without a note accepted: %q", m.detail.message.Text)
	}
	m.detail.note.SetText("Déposée sur Convergence le 3 mars")
	test.Tap(m.detail.offline)
	f.menuAction("Statut : " + dossier.Prete.Label())()
	if f.status(id) != dossier.Prete || !m.detail.offline.Checked {
		t.Fatalf("Prête with a proof outside the application: %s", f.status(id))
	}
}

func TestBadgeText(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "Dossier complet"}, {1, "Incomplet : 1 manque bloquant"}, {7, "Incomplet : 7 manques bloquants"}} {
		rep := dossier.Report{Blocking: make([]dossier.Gap, c.n), Complete: c.n == 0}
		if got := badgeText(rep); got != c.want {
			t.Errorf("badgeText(%d gaps) = %q, want %q", c.n, got, c.want)
		}
	}
}
