package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
	"github.com/segur-dossier/dossier-segur/assets"
)

// Markup goldens pin what people see on the main screens (testdata/*.xml).
// After a deliberate change of a screen, delete its golden, run the test
// and move the markup written under testdata/failed/ in its place.

// goldenShell starts the shell in a 1280×720 window on fixed paths, so the
// markup does not depend on the machine.
func goldenShell(t *testing.T) (*shell, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("golden")
	w.Resize(fyne.NewSize(1280, 720))
	t.Cleanup(w.Close)
	op := dossiertest.NewMemOpener()
	s := newShell(a, w, Deps{Opener: op, DefaultCatalogue: assets.DefaultCatalogue, DefaultFolder: "/srv/dossiers"}, inline)
	s.start()
	return s, w
}

func TestGoldenStartScreen(t *testing.T) {
	_, w := goldenShell(t)
	test.AssertRendersToMarkup(t, "start_screen.xml", w.Canvas())
}

// goldenDossier is a dossier of the embedded catalogue with a few states.
func goldenDossier(t *testing.T) *mainView {
	t.Helper()
	s, _ := goldenShell(t)
	rules := dossier.DefaultSignoff // as the start screen creates it
	s.onCreate("/srv/dossiers/essai.segur", dossier.Info{Name: "Essai", Vendor: "Éditeur", Product: "XRIS", ProductVersion: "4.2", Signoff: &rules})
	m := s.main
	if m == nil {
		t.Fatal("dossier not opened")
	}
	na, just := dossier.NonApplicable, "Fonction absente du produit"
	if _, err := m.svc.UpdateState(m.list.rows[2].Req.ID, dossier.StateChange{Status: &na, Justification: &just}); err != nil {
		t.Fatal(err)
	}
	m.refresh()
	return m
}

func TestGoldenMainWindow(t *testing.T) {
	m := goldenDossier(t)
	test.AssertRendersToMarkup(t, "main_window.xml", m.win.Canvas())
}

func TestGoldenCompletenessView(t *testing.T) {
	m := goldenDossier(t)
	m.onGap(dossier.GapNoProof)
	test.AssertObjectRendersToMarkup(t, "completeness_view.xml", m.dash.content)
}

func TestGoldenEvidenceCard(t *testing.T) {
	loc := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = loc })
	test.NewTempApp(t)
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	c := newEvidenceCard()
	ev := dossier.Evidence{ID: 7, ReqID: "RIS.INS.01", Name: "journal-insi.log", Kind: dossier.KindText, Size: 18432,
		SHA256:  "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		AddedAt: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), AddedBy: "Alice Martin", Caption: "Appel INSi"}
	c.bind(ev, cat, evidenceActions{}, preview{Kind: dossier.KindText, Text: "2026-03-01 10:00:01 INFO appel INSi\n2026-03-01 10:00:02 INFO réponse"}, true)
	c.content.Resize(fyne.NewSize(560, c.content.MinSize().Height))
	test.AssertObjectRendersToMarkup(t, "evidence_card.xml", c.content)
}
