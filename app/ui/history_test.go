package ui

import (
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// memOperators is an in-memory OperatorStore.
type memOperators struct{ op dossier.Operator }

func (m *memOperators) SavedOperator() dossier.Operator        { return m.op }
func (m *memOperators) SaveOperator(op dossier.Operator) error { m.op = op; return nil }

func TestHistoryShowsRequirementAndDossierEvents(t *testing.T) {
	f := newEvFixture(t)
	if !strings.Contains(f.win.Title(), "opérateur : Alice Martin") {
		t.Errorf("title %q does not name the operator", f.win.Title())
	}
	req := f.m.current
	f.m.setStatus(dossier.EnCours)
	f.menuAction("Historique…")()
	h := f.m.history
	if h == nil {
		t.Fatal("no history shown")
	}
	if len(h.req.events) != 1 || !strings.Contains(h.req.events[0].Summary, req) || h.req.events[0].Operator != "Alice Martin" {
		t.Fatalf("requirement tab: %+v", h.req.events)
	}
	if len(h.all.events) != 2 || h.all.events[1].Kind != dossier.EventCreated || h.all.count.Text != "2 événements." {
		t.Fatalf("dossier tab (newest first): %+v, %q", h.all.events, h.all.count.Text)
	}
	if h.tabs.Items[0].Text != "Exigence "+req {
		t.Errorf("first tab %q", h.tabs.Items[0].Text)
	}
	h.verify.OnTapped()
	if !strings.Contains(h.status.Text, "Journal intact : 2 événements") {
		t.Fatalf("verify: %q", h.status.Text)
	}
}

func TestOperatorSetOnceIsSharedAndShown(t *testing.T) {
	f := newEvFixture(t)
	store := &memOperators{}
	f.m.h.operators = store
	f.menuAction("Opérateur…")()
	d := f.p.operatorDlg
	d.entry.SetText("Bob Durand")
	d.email.SetText("bob@exemple.fr")
	d.dlg.Confirm()
	if store.op.Name != "Bob Durand" || store.op.Email != "bob@exemple.fr" {
		t.Fatalf("saved for the CLI: %+v", store.op)
	}
	if !strings.Contains(f.win.Title(), "opérateur : Bob Durand <bob@exemple.fr>") {
		t.Errorf("title %q", f.win.Title())
	}
	f.m.setStatus(dossier.EnCours)
	head, _ := f.m.svc.JournalHead()
	if head.Operator != "Bob Durand <bob@exemple.fr>" {
		t.Fatalf("change recorded as %q", head.Operator)
	}
}
