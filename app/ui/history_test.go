package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// memOperators is an in-memory OperatorStore.
type memOperators struct{ op dossier.Operator }

func (m *memOperators) SavedOperator() dossier.Operator        { return m.op }
func (m *memOperators) SaveOperator(op dossier.Operator) error { m.op = op; return nil }

// countingReads makes panel count the journal reads it starts.
func countingReads(h *historyPanel) *int {
	n := new(int)
	bg := h.bg
	h.bg = func(work, done func()) {
		if h.verify.Disabled() {
			bg(work, done) // the verification, not a read
			return
		}
		*n++
		bg(work, done)
	}
	return n
}

func TestRequirementHistoryTabIsLazyAndFollowsChanges(t *testing.T) {
	f := newEvFixture(t)
	if !strings.Contains(f.win.Title(), "opérateur : Alice Martin") {
		t.Errorf("title %q does not name the operator", f.win.Title())
	}
	h := f.m.reqHistory
	reads := countingReads(h)
	req := f.m.current
	f.m.setStatus(dossier.EnCours)
	if *reads != 0 || h.events != nil {
		t.Fatalf("the journal was read (%d) with the tab hidden", *reads)
	}
	// Ctrl+H shows the requirement's Historique tab.
	f.menuAction("Historique")()
	if f.m.detail.tabs.SelectedIndex() != 1 || f.m.detail.main.Visible() || !f.m.detail.historySlot.Visible() {
		t.Fatal("Ctrl+H did not show the requirement's history")
	}
	if *reads != 1 || len(h.events) != 1 || !strings.Contains(h.events[0].Summary, req) || h.events[0].Operator != "Alice Martin" {
		t.Fatalf("requirement tab after %d reads: %+v", *reads, h.events)
	}
	if h.count.Text != "1 événement." || h.list.Length() != 1 {
		t.Fatalf("count %q, %d rows", h.count.Text, h.list.Length())
	}
	// Shown and unchanged: no second read.
	f.m.refresh()
	if *reads != 1 {
		t.Fatalf("%d reads without a change", *reads)
	}
	// A change while shown: read again, newest first.
	f.m.setStatus(dossier.AFaire)
	if *reads != 2 || len(h.events) != 2 || h.events[0].Seq < h.events[1].Seq {
		t.Fatalf("after a change (%d reads): %+v", *reads, h.events)
	}
	// The row chosen shows the whole event.
	h.list.Select(1)
	if !strings.Contains(h.selected.Text, "status : a_faire → en_cours") || !strings.Contains(h.selected.Text, h.events[1].Hash) {
		t.Fatalf("event shown: %q", h.selected.Text)
	}
	// Another requirement: its own events, the tab still shown.
	f.m.move(1)
	if f.m.current == req || h.reqID != f.m.current || len(h.events) != 0 || h.count.Text != "Aucun événement pour "+f.m.current+"." {
		t.Fatalf("next requirement %s: %q %+v", f.m.current, h.count.Text, h.events)
	}
	h.verify.OnTapped()
	if !strings.Contains(h.status.Text, "Journal intact : 3 événements") || h.status.Importance != widget.SuccessImportance {
		t.Fatalf("verify: %q", h.status.Text)
	}
	// Back to the requirement: status, note and proofs, nothing read.
	f.m.detail.tabs.SelectIndex(0)
	if !f.m.detail.main.Visible() || f.m.detail.historySlot.Visible() {
		t.Fatal("the requirement is not shown again")
	}
}

func TestDossierHistoryTabOfTheHomeView(t *testing.T) {
	f := newEvFixture(t)
	f.m.setStatus(dossier.EnCours)
	h := f.m.history
	reads := countingReads(h)
	f.menuAction("Historique du dossier")()
	if f.m.tabs.SelectedIndex() != 1 {
		t.Fatal("the menu did not show the dossier's history")
	}
	if *reads != 1 || len(h.events) != 2 || h.events[1].Kind != dossier.EventCreated || h.count.Text != "2 événements." {
		t.Fatalf("dossier tab (newest first): %+v, %q", h.events, h.count.Text)
	}
	if f.m.split.Visible() || !h.content.Visible() {
		t.Fatalf("home view: requirements shown %v, history %v", f.m.split.Visible(), h.content.Visible())
	}
	// A change elsewhere (the detail) shows up in the dossier's history.
	note := "vu en recette"
	if _, err := f.m.applyChange(f.m.current, dossier.StateChange{Note: &note}); err != nil {
		t.Fatal(err)
	}
	if *reads != 2 || len(h.events) != 3 || !strings.Contains(h.events[0].Summary, "note") {
		t.Fatalf("after a change: %+v", h.events)
	}
	h.verify.OnTapped()
	if !strings.Contains(h.status.Text, "Journal intact : 3 événements") {
		t.Fatalf("verify: %q", h.status.Text)
	}
	// A change after the verification: its result goes, it no longer
	// covers the journal.
	f.m.setStatus(dossier.AFaire)
	if h.status.Visible() || len(h.events) != 4 {
		t.Fatalf("after a change: verification %q still shown, %d events", h.status.Text, len(h.events))
	}
	f.m.tabs.SelectIndex(0)
	if !f.m.split.Visible() || h.content.Visible() {
		t.Fatal("the requirements are not shown again")
	}
	// Hidden, a change reads nothing.
	f.m.setStatus(dossier.EnCours)
	if *reads != 3 {
		t.Fatalf("%d reads with the tab hidden", *reads)
	}
}

// TestHistoryShowsTheNewestOfALongJournal: of more events than it keeps
// (historyLimit; 40 here, for speed) the newest are listed, newest first,
// and the count says so.
func TestHistoryShowsTheNewestOfALongJournal(t *testing.T) {
	f := newEvFixture(t)
	h := f.m.history
	h.limit = 40
	id := f.m.current
	for i := range 3*h.limit + 7 {
		note := fmt.Sprintf("note %d", i)
		if _, err := f.m.svc.UpdateState(id, dossier.StateChange{Note: &note}); err != nil {
			t.Fatal(err)
		}
	}
	f.m.tabs.SelectIndex(1)
	head, _ := f.m.svc.JournalHead()
	if len(h.events) != h.limit || h.list.Length() != h.limit || h.events[0].Seq != head.Seq || h.events[h.limit-1].Seq != head.Seq-uint64(h.limit)+1 {
		t.Fatalf("%d events, from %d to %d (head %d)", len(h.events), h.events[0].Seq, h.events[len(h.events)-1].Seq, head.Seq)
	}
	if want := fmt.Sprintf("%d événements, les %d plus récents affichés", head.Seq, h.limit); h.count.Text != want+"." {
		t.Fatalf("count %q", h.count.Text)
	}
}

// TestHistoryTabsKeepTheDetailAboveTheFold: with the tabs in the title
// rows, the status, the note and the proofs' panel still start within a
// 1280×720 window (issue 10's layout rule), and the detail's tabs sit on
// the requirement's title row.
func TestHistoryTabsKeepTheDetailAboveTheFold(t *testing.T) {
	m := goldenDossier(t)
	d := fyne.CurrentApp().Driver()
	title, tabs := d.AbsolutePositionForObject(m.detail.title), d.AbsolutePositionForObject(m.detail.tabs)
	if tabs.Y > title.Y+m.detail.title.Size().Height/2 {
		t.Errorf("tabs at y=%v, under the title at y=%v", tabs.Y, title.Y)
	}
	// The home view's tabs beside the dossier's name, and no wider a
	// window than 1024 pixels, however long the name.
	if err := m.svc.UpdateInfo(strings.Repeat("Candidature très longue ", 6), "Éditeur", "XRIS", "4.2"); err != nil {
		t.Fatal(err)
	}
	m.showInfo()
	if w := m.win.Content().MinSize().Width; w > 1024 {
		t.Errorf("the window needs %v pixels of width", w)
	}
	if d.AbsolutePositionForObject(m.tabs).Y > d.AbsolutePositionForObject(m.title).Y+10 {
		t.Error("the home view's tabs are not on the title row")
	}
	for name, o := range map[string]fyne.CanvasObject{"statut": m.detail.status, "note": m.detail.note, "preuves": m.detail.slot} {
		p := d.AbsolutePositionForObject(o)
		if !o.Visible() || p.Y+min(o.Size().Height, 40) > 720 {
			t.Errorf("%s at y=%v (height %v): below the fold", name, p.Y, o.Size().Height)
		}
	}
}
