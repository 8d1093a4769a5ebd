package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func newLifeFixture(t *testing.T) (*fixture, *mainView) {
	t.Helper()
	f := newFixture(t)
	return f, f.create()
}

func TestIdentityPageSavesAndRefuses(t *testing.T) {
	f, m := newLifeFixture(t)
	f.menuAction("Fiche candidature…")()
	v := m.identity
	v.entries["siren"].SetText("123 456 789")
	v.entries["contact.1.name"].SetText("Anne Martin")
	v.onSave()
	if v.lastSave == nil || !strings.Contains(f.overlay(), "n'est pas valide") {
		t.Fatalf("invalid SIREN accepted; overlay: %s", f.overlay())
	}
	if dossier.CandidatureOf(m.svc.Info()).SIREN != "" || len(dossier.CandidatureOf(m.svc.Info()).Contacts) != 0 {
		t.Fatal("a refused identity was saved")
	}
	f.dismissOverlays()
	v.entries["siren"].SetText("732 829 320")
	v.entries["contact.2.email"].SetText("qa@editeur.fr")
	test.Tap(v.group)
	v.entries["members"].SetText("A SAS ; B SARL")
	v.onSave()
	c := dossier.CandidatureOf(m.svc.Info())
	if v.lastSave != nil || c.SIREN != "732829320" || len(c.Contacts) != 2 || c.Contacts[1].Email != "qa@editeur.fr" || !c.Group || len(c.Members) != 2 {
		t.Fatalf("identity not saved: %v %+v", v.lastSave, c)
	}
	if !strings.Contains(v.mandate.Text, "aucun mandat") {
		t.Fatalf("mandate label %q", v.mandate.Text)
	}
}

func TestRequestShownInListAndPanel(t *testing.T) {
	f, m := newLifeFixture(t)
	due := time.Now().UTC().AddDate(0, 0, 10).Format(dossier.DayLayout)
	if _, err := m.svc.AddRequest([]string{"INS.01"}, "Capture illisible", due, dossier.Complement); err != nil {
		t.Fatal(err)
	}
	m.refresh()
	i := m.list.index("RIS.INS.01")
	if i < 0 || !strings.Contains(rowMarker(m.list.rows[i]), "demande n° 1 : J-10") {
		t.Fatalf("request not shown in the list: %q", rowMarker(m.list.rows[max(i, 0)]))
	}
	if !strings.Contains(m.life.Text, "demandes ANS ouvertes : 1") {
		t.Fatalf("header line %q", m.life.Text)
	}
	test.Tap(m.list.openRequests)
	if len(m.list.rows) != 1 {
		t.Fatalf("open-request filter: %d rows", len(m.list.rows))
	}
	test.Tap(m.list.openRequests)

	f.menuAction("Dépôts et demandes de l'ANS…")()
	p := m.lifecycle
	if len(p.requests.Objects) != 1 {
		t.Fatalf("panel lists %d requests", len(p.requests.Objects))
	}
	var closeBtn *widget.Button
	for _, o := range p.requests.Objects[0].(*fyne.Container).Objects {
		if b, ok := o.(*widget.Button); ok {
			closeBtn = b
		}
	}
	if closeBtn == nil {
		t.Fatal("open request without a Clore button")
	}
	test.Tap(closeBtn)
	if reqs, _ := m.svc.Requests(); !reqs[0].Closed {
		t.Fatal("request not closed")
	}
	if strings.Contains(m.life.Text, "demandes ANS ouvertes") {
		t.Fatalf("closed request still in the header: %q", m.life.Text)
	}
}

func TestExtraProfileFromReferencedDossier(t *testing.T) {
	f, m := newLifeFixture(t)
	m.createExtraProfile("Opérateur Mailiz", "", f.dir+"/extra.segur")
	if !strings.Contains(f.overlay(), "n'est pas référencé") {
		t.Fatalf("unreferenced dossier accepted; overlay: %s", f.overlay())
	}
	f.dismissOverlays()
	today := dossier.Today(time.Now()).Format(dossier.DayLayout)
	if _, err := m.svc.RecordDeposit(dossier.FiledPackage{Name: "p.zip", DossierID: m.svc.Info().ID, ManifestSHA256: "m",
		Files: map[string][]string{"RIS.INS.01": {}}}, today, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := m.svc.RecordDecision(dossier.SansReserve, today, "", ""); err != nil {
		t.Fatal(err)
	}
	m.createExtraProfile("Opérateur Mailiz", "", f.dir+"/extra.segur")
	n := f.shell.main
	if n == m || !strings.HasSuffix(n.svc.Path(), "extra.segur") || !n.svc.Info().IsReferenced("RIS.INS.01") {
		t.Fatalf("extra-profile dossier not opened; overlay: %s", f.overlay())
	}
	i := n.list.index("RIS.INS.01")
	if i < 0 || !strings.Contains(rowMarker(n.list.rows[i]), "déjà référencée") {
		t.Fatal("carried requirement not marked in the list")
	}
}

func TestPreteRefusedInFrenchWhileRequestOpen(t *testing.T) {
	_, m := newLifeFixture(t)
	if _, err := m.svc.AttachReader(context.Background(), "INS.01", "capture.log", strings.NewReader("journal"), nil, dossier.AttachOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	due := time.Now().UTC().AddDate(0, 0, 3).Format(dossier.DayLayout)
	if _, err := m.svc.AddRequest([]string{"INS.01"}, "Capture illisible", due, dossier.Complement); err != nil {
		t.Fatal(err)
	}
	m.refresh()
	m.onSelect("RIS.INS.01")
	m.setStatus(dossier.Prete)
	if got := m.detail.message.Text; !strings.Contains(got, "demande n° 1") || strings.Contains(got, "open_request") {
		t.Fatalf("detail message %q", got)
	}
	if r, _ := m.svc.Row("RIS.INS.01"); r.State.Status == dossier.Prete {
		t.Fatal("Prête accepted while the request is open")
	}
}

func TestDashboardShowsRequestsAndCountdown(t *testing.T) {
	_, m := newLifeFixture(t)
	if m.dash.life.Visible() {
		t.Fatal("the deposits block shows before any deposit, request or decision")
	}
	today := dossier.Today(time.Now()).Format(dossier.DayLayout)
	if _, err := m.svc.AddRequest([]string{"INS.01"}, "Capture illisible", dossier.Today(time.Now()).AddDate(0, 0, 5).Format(dossier.DayLayout), dossier.Complement); err != nil {
		t.Fatal(err)
	}
	if _, err := m.svc.RecordDecision(dossier.ReservesNonBloquantes, today, "", ""); err != nil {
		t.Fatal(err)
	}
	m.refresh()
	if !m.dash.life.Visible() {
		t.Fatal("deposits block hidden")
	}
	text := test.RenderObjectToMarkup(m.dash.life)
	if !strings.Contains(text, "J-28") || !strings.Contains(text, "1 demande ouverte de l&#39;ANS") && !strings.Contains(text, "1 demande ouverte de l'ANS") {
		t.Fatalf("dashboard block: %s", text)
	}
	var link *widget.Hyperlink
	for _, o := range m.dash.life.Objects {
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				if h, ok := x.(*widget.Hyperlink); ok {
					link = h
				}
			}
		}
	}
	if link == nil {
		t.Fatal("no link to the open requests")
	}
	link.OnTapped()
	if len(m.list.rows) != 1 || m.list.rows[0].Req.ID != "RIS.INS.01" {
		t.Fatalf("link did not filter the list: %d rows", len(m.list.rows))
	}
}
