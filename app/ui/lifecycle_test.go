package ui

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// lifeOpener adds deposit rounds and requests to the in-memory fake.
type lifeOpener struct {
	*memOpener
	mu   sync.Mutex
	deps []dossier.Deposit
	reqs []dossier.Request
}

type lifeMemStore struct {
	dossier.Store
	o *lifeOpener
}

func (o *lifeOpener) wrap(st dossier.Store, err error) (dossier.Store, error) {
	if err != nil {
		return nil, err
	}
	return &lifeMemStore{Store: st, o: o}, nil
}

func (o *lifeOpener) Create(path string, info dossier.Info, cat *dossier.Catalogue) (dossier.Store, error) {
	return o.wrap(o.memOpener.Create(path, info, cat))
}
func (o *lifeOpener) Open(path string) (dossier.Store, error) { return o.wrap(o.memOpener.Open(path)) }

func (s *lifeMemStore) Deposits() ([]dossier.Deposit, error) {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	return slices.Clone(s.o.deps), nil
}
func (s *lifeMemStore) AddDeposit(d dossier.Deposit) (dossier.Deposit, error) {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	d.Round = len(s.o.deps) + 1
	s.o.deps = append(s.o.deps, d)
	return d, nil
}
func (s *lifeMemStore) Requests() ([]dossier.Request, error) {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	return slices.Clone(s.o.reqs), nil
}
func (s *lifeMemStore) SaveRequest(r dossier.Request, states []dossier.ReqState) (dossier.Request, error) {
	for _, st := range states {
		if err := s.SaveState(st); err != nil {
			return r, err
		}
	}
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	if r.N == 0 {
		r.N = len(s.o.reqs) + 1
		s.o.reqs = append(s.o.reqs, r)
	} else {
		s.o.reqs[r.N-1] = r
	}
	return r, nil
}

func newLifeFixture(t *testing.T) (*fixture, *mainView) {
	t.Helper()
	mem := newMemOpener()
	f := newFixtureOn(t, &lifeOpener{memOpener: mem}, mem)
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
