package dossier_test

import (
	"errors"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
)

func newService(t testing.TB, profiles ...string) (*dossier.Service, *dossiertest.MemStore) {
	t.Helper()
	svc, err := dossier.Create(dossiertest.NewMemOpener(), "x", dossier.Info{Name: "n", Vendor: "v", Product: "p", ProductVersion: "1", Profiles: profiles}, catalogue(t))
	if err != nil {
		t.Fatal(err)
	}
	return svc, svc.Store().(*dossiertest.MemStore)
}

// statesOf is what m has recorded, by requirement ID.
func statesOf(m *dossiertest.MemStore) map[string]dossier.ReqState {
	states, _ := m.States()
	return states
}

// evidenceCount is the number of evidence items m holds.
func evidenceCount(m *dossiertest.MemStore) int {
	evs, _ := m.ListEvidence("")
	return len(evs)
}

func infoOf(m *dossiertest.MemStore) dossier.Info {
	in, _ := m.Info()
	return in
}

func TestCreateChecksIdentity(t *testing.T) {
	op := dossiertest.NewMemOpener()
	_, err := dossier.Create(op, "x", dossier.Info{Name: "n"}, catalogue(t))
	if dossier.FaultOf(err) != dossier.FaultMissingInfo {
		t.Fatalf("missing vendor/product accepted: %v", err)
	}
	_, err = dossier.Create(op, "x", dossier.Info{Name: "n", Vendor: "v", Product: "p", ProductVersion: "1", Profiles: []string{"inconnu"}}, catalogue(t))
	if !errors.Is(err, dossier.ErrUnknownProfile) {
		t.Fatalf("unknown profile accepted: %v", err)
	}
}

func TestOverviewCounts(t *testing.T) {
	svc, _ := newService(t)
	o, err := svc.Overview()
	if err != nil {
		t.Fatal(err)
	}
	if o.Applicable != 109 || o.ByStatus[dossier.AFaire] != 109 {
		t.Fatalf("overview: %+v", o)
	}
	if o.Exigences+o.Preconisations != 109 {
		t.Fatalf("natures do not add up: %+v", o)
	}
	sum := 0
	for _, s := range o.Sections {
		sum += s.Applicable
	}
	if sum != 109 {
		t.Fatalf("sections sum to %d", sum)
	}
}

func TestNonApplicableNeedsJustification(t *testing.T) {
	svc, m := newService(t)
	na := dossier.NonApplicable
	writes := m.Writes()
	if _, err := svc.UpdateState("INS.01", dossier.StateChange{Status: &na}); !errors.Is(err, dossier.ErrJustification) {
		t.Fatalf("N/A without justification accepted: %v", err)
	}
	if m.Writes() != writes {
		t.Fatal("a refused change was written")
	}
	blank := "   "
	if _, err := svc.UpdateState("INS.01", dossier.StateChange{Status: &na, Justification: &blank}); !errors.Is(err, dossier.ErrJustification) {
		t.Fatalf("blank justification accepted: %v", err)
	}
	j := "Le produit ne gère pas l'INS"
	st, err := svc.UpdateState("INS.01", dossier.StateChange{Status: &na, Justification: &j})
	if err != nil || st.Status != dossier.NonApplicable {
		t.Fatalf("justified N/A refused: %v", err)
	}
	o, _ := svc.Overview()
	if o.Done != 1 || o.ByStatus[dossier.NonApplicable] != 1 {
		t.Fatalf("overview after N/A: %+v", o)
	}
	if _, err := svc.UpdateState("RIS.NOPE.01", dossier.StateChange{Status: &na, Justification: &j}); !errors.Is(err, dossier.ErrUnknownRequirement) {
		t.Fatalf("unknown requirement: %v", err)
	}
}

func TestProfileChangeKeepsStateOutOfScope(t *testing.T) {
	svc, _ := newService(t, "Opérateur Mailiz")
	rows, _ := svc.Rows(dossier.Filter{Profile: "Opérateur Mailiz"})
	if len(rows) != 1 {
		t.Fatalf("Mailiz rows: %d", len(rows))
	}
	id := rows[0].Req.ID
	prete, note, offline := dossier.Prete, "preuve faite", true
	if _, err := svc.UpdateState(id, dossier.StateChange{Status: &prete, Note: &note, Offline: &offline}); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetProfiles(nil); err != nil {
		t.Fatal(err)
	}
	o, _ := svc.Overview()
	if o.Applicable != 109 || o.OutOfScope != 1 {
		t.Fatalf("after dropping the profile: applicable %d, out of scope %d", o.Applicable, o.OutOfScope)
	}
	if rows, _ := svc.Rows(dossier.Filter{}); len(rows) != 109 {
		t.Fatalf("in-scope rows: %d", len(rows))
	}
	row, err := svc.Row(id)
	if err != nil || row.Applicable || row.State.Note != "preuve faite" || row.State.Status != dossier.Prete {
		t.Fatalf("state lost when profile dropped: %+v %v", row, err)
	}
	withOut, _ := svc.Rows(dossier.Filter{OutOfScope: true})
	if len(withOut) != 110 {
		t.Fatalf("rows with out-of-scope: %d", len(withOut))
	}
}

func TestFilters(t *testing.T) {
	svc, _ := newService(t)
	cases := []struct {
		f    dossier.Filter
		want int
	}{
		{dossier.Filter{Section: "MSS"}, 0}, // computed below
		{dossier.Filter{Query: "ins.01"}, 1},
	}
	c := svc.Catalogue()
	mss := 0
	exig := 0
	for _, r := range c.Applicable(svc.Info().Profiles) {
		if r.Section == "MSS" {
			mss++
		}
		if r.Nature == dossier.Exigence {
			exig++
		}
	}
	cases[0].want = mss
	cases = append(cases, struct {
		f    dossier.Filter
		want int
	}{dossier.Filter{ExigencesOnly: true}, exig})
	for _, tc := range cases {
		rows, err := svc.Rows(tc.f)
		if err != nil || len(rows) != tc.want {
			t.Errorf("%+v: %d rows, want %d (%v)", tc.f, len(rows), tc.want, err)
		}
	}
	if rows, _ := svc.Rows(dossier.Filter{Query: "identite"}); len(rows) == 0 {
		t.Error("accent-insensitive text search found nothing")
	}
}
