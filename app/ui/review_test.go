package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// TestReviewInTheDetail walks review in the GUI: review turned on in
// "Relecture…", Alice attaches and sets Prête, her own validation is
// refused with the reason, Bruno validates, a later proof takes the
// validation away with a notice, and the dashboard and list follow.
func TestReviewInTheDetail(t *testing.T) {
	f := newEvFixture(t) // operator: Alice Martin
	m := f.m
	sp := m.detail.signoff
	f.menuAction("Relecture…")()
	if m.signoffDlg == nil || m.signoffDlg.required.Checked {
		t.Fatal("review dialog not shown, or review on for a dossier created without it")
	}
	m.signoffDlg.required.SetChecked(true)
	m.signoffDlg.dlg.Confirm()
	if !m.svc.Info().SignoffRules().Required {
		t.Fatal("review not turned on")
	}

	id := m.current
	f.p.attachPaths([]string{f.file("insi.log", []byte("appel INSi\n"))})
	if !sp.content.Hidden {
		t.Fatal("review controls shown for a requirement not ready")
	}
	m.detail.setStatus(dossier.Prete)
	if sp.content.Hidden || !strings.HasPrefix(sp.state.Text, "À valider") {
		t.Fatalf("Prête: review %q hidden=%v", sp.state.Text, sp.content.Hidden)
	}
	if !strings.Contains(m.dash.signoff.Text, "1 à valider") {
		t.Fatalf("dashboard: %q", m.dash.signoff.Text)
	}

	test.Tap(sp.validate)
	if sp.message.Hidden || !strings.Contains(sp.message.Text, "a ajouté lui-même des preuves") {
		t.Fatalf("self-validation: message %q", sp.message.Text)
	}
	test.Tap(sp.correct)
	if !strings.Contains(sp.message.Text, "commentaire") {
		t.Fatalf("à corriger without comment: %q", sp.message.Text)
	}

	f.shell.app.Preferences().SetString(prefOperator, "Bruno Relecteur")
	test.Tap(sp.validate)
	if !sp.message.Hidden || !strings.HasPrefix(sp.state.Text, "Validée par Bruno Relecteur le ") {
		t.Fatalf("validated: %q, message %q", sp.state.Text, sp.message.Text)
	}
	if !strings.Contains(m.dash.signoff.Text, "1 validée") {
		t.Fatalf("dashboard after validation: %q", m.dash.signoff.Text)
	}
	if i := m.list.index(id); i < 0 || !strings.Contains(rowMarker(m.list.rows[i]), "validée") {
		t.Fatal("list marker does not say validée")
	}

	// A later proof: back to "à valider", with a notice.
	f.p.attachPaths([]string{f.file("insi-2.log", []byte("second appel\n"))})
	if !strings.HasPrefix(sp.state.Text, "À valider : les preuves ont changé depuis la validation par Bruno Relecteur") {
		t.Fatalf("after a later proof: %q", sp.state.Text)
	}
	if sp.notice.Hidden || !strings.Contains(sp.notice.Text, "ne vaut plus") {
		t.Fatalf("notice: %q hidden=%v", sp.notice.Text, sp.notice.Hidden)
	}

	// The last proofs removed: nothing left to review, the notice stays.
	sp.comment.SetText("")
	test.Tap(sp.validate)
	evs, _ := m.svc.ListEvidence(id)
	for _, ev := range evs {
		if err := m.svc.DeleteEvidence(ev.ID); err != nil {
			t.Fatal(err)
		}
	}
	m.evidenceChanged(id)
	if sp.content.Hidden || !sp.review.Hidden || sp.notice.Hidden || !strings.Contains(sp.notice.Text, "ne vaut plus") {
		t.Fatalf("proofs removed: panel hidden=%v review hidden=%v notice %q", sp.content.Hidden, sp.review.Hidden, sp.notice.Text)
	}
	f.p.attachPaths([]string{f.file("insi-3.log", []byte("troisième appel\n"))})
	m.detail.setStatus(dossier.EnCours)
	m.detail.setStatus(dossier.Prete)

	// À corriger with a comment, then "Corrections faites".
	test.Type(sp.comment, "Montrer l'INS qualifiée")
	test.Tap(sp.correct)
	if !strings.HasPrefix(sp.state.Text, "À corriger (Bruno Relecteur") || sp.resubmit.Hidden {
		t.Fatalf("à corriger: %q resubmit hidden=%v", sp.state.Text, sp.resubmit.Hidden)
	}
	m.list.signoff.SetSelected(dossier.SignoffToCorrect.Label())
	if len(m.list.rows) != 1 || m.list.rows[0].Req.ID != id {
		t.Fatalf("filter à corriger: %d rows", len(m.list.rows))
	}
	test.Tap(sp.resubmit)
	if r, _ := m.svc.Row(id); r.Signoff.State != dossier.SignoffPending {
		t.Fatalf("resubmitted: %+v", r.Signoff)
	}
}
