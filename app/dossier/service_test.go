package dossier_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"sort"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// memStore is an in-memory Store for domain tests.
type memStore struct {
	info   dossier.Info
	cat    *dossier.Catalogue
	states map[string]dossier.ReqState
	counts map[string]int
	writes int
	// evidence and content, keyed by ID and by SHA-256
	evs     map[uint64]dossier.Evidence
	content map[string][]byte
	lastID  uint64
}

func (m *memStore) AddEvidence(ctx context.Context, r io.Reader, ev dossier.Evidence, promote *dossier.ReqState, progress dossier.Progress) (dossier.Evidence, error) {
	var buf bytes.Buffer
	n, err := io.Copy(&buf, r)
	if err != nil {
		return dossier.Evidence{}, err
	}
	if progress != nil {
		progress(n, -1)
	}
	if err := ctx.Err(); err != nil {
		return dossier.Evidence{}, dossier.ErrCancelled
	}
	sum := sha256.Sum256(buf.Bytes())
	m.lastID++
	ev.ID, ev.Size, ev.SHA256 = m.lastID, n, hex.EncodeToString(sum[:])
	if m.evs == nil {
		m.evs, m.content = map[uint64]dossier.Evidence{}, map[string][]byte{}
	}
	m.evs[ev.ID], m.content[ev.SHA256] = ev, buf.Bytes()
	m.counts[ev.ReqID]++
	if promote != nil {
		m.states[promote.ReqID] = *promote
	}
	m.writes++
	return ev, nil
}

func (m *memStore) ListEvidence(reqID string) ([]dossier.Evidence, error) {
	out := []dossier.Evidence{}
	for _, ev := range m.evs {
		if reqID == "" || ev.ReqID == reqID {
			out = append(out, ev)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (m *memStore) GetEvidence(id uint64) (dossier.Evidence, error) {
	ev, ok := m.evs[id]
	if !ok {
		return ev, dossier.ErrNotFound
	}
	return ev, nil
}

func (m *memStore) UpdateEvidence(ev dossier.Evidence, promote *dossier.ReqState) error {
	old, ok := m.evs[ev.ID]
	if !ok {
		return dossier.ErrNotFound
	}
	m.counts[old.ReqID]--
	m.counts[ev.ReqID]++
	m.evs[ev.ID] = ev
	if promote != nil {
		m.states[promote.ReqID] = *promote
	}
	m.writes++
	return nil
}

func (m *memStore) DeleteEvidence(id uint64) error {
	ev, ok := m.evs[id]
	if !ok {
		return dossier.ErrNotFound
	}
	delete(m.evs, id)
	m.counts[ev.ReqID]--
	m.writes++
	return nil
}

func (m *memStore) OpenContent(sha string) (io.ReadCloser, error) {
	c, ok := m.content[sha]
	if !ok {
		return nil, dossier.ErrNotFound
	}
	return io.NopCloser(bytes.NewReader(c)), nil
}

func (m *memStore) Compact(context.Context, dossier.Progress) error { return nil }

func (m *memStore) Path() string                            { return "mem.segur" }
func (m *memStore) Info() (dossier.Info, error)             { return m.info, nil }
func (m *memStore) SaveInfo(in dossier.Info) error          { m.writes++; m.info = in; return nil }
func (m *memStore) Catalogue() (*dossier.Catalogue, error)  { return m.cat, nil }
func (m *memStore) EvidenceCounts() (map[string]int, error) { return m.counts, nil }
func (m *memStore) Close() error                            { return nil }
func (m *memStore) SaveState(st dossier.ReqState) error {
	m.writes++
	m.states[st.ReqID] = st
	return nil
}
func (m *memStore) States() (map[string]dossier.ReqState, error) {
	out := map[string]dossier.ReqState{}
	for k, v := range m.states {
		out[k] = v
	}
	return out, nil
}

type memOpener struct{ m *memStore }

func (o memOpener) Create(_ string, in dossier.Info, c *dossier.Catalogue) (dossier.Store, error) {
	o.m.info, o.m.cat = in, c
	return o.m, nil
}
func (o memOpener) Open(string) (dossier.Store, error) { return o.m, nil }

func newService(t *testing.T, profiles ...string) (*dossier.Service, *memStore) {
	t.Helper()
	m := &memStore{states: map[string]dossier.ReqState{}, counts: map[string]int{}}
	svc, err := dossier.Create(memOpener{m}, "x", dossier.Info{Name: "n", Vendor: "v", Product: "p", ProductVersion: "1", Profiles: profiles}, catalogue(t))
	if err != nil {
		t.Fatal(err)
	}
	return svc, m
}

func TestCreateChecksIdentity(t *testing.T) {
	m := &memStore{}
	_, err := dossier.Create(memOpener{m}, "x", dossier.Info{Name: "n"}, catalogue(t))
	if dossier.FaultOf(err) != dossier.FaultMissingInfo {
		t.Fatalf("missing vendor/product accepted: %v", err)
	}
	_, err = dossier.Create(memOpener{m}, "x", dossier.Info{Name: "n", Vendor: "v", Product: "p", ProductVersion: "1", Profiles: []string{"inconnu"}}, catalogue(t))
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
	writes := m.writes
	if _, err := svc.UpdateState("INS.01", dossier.StateChange{Status: &na}); !errors.Is(err, dossier.ErrJustification) {
		t.Fatalf("N/A without justification accepted: %v", err)
	}
	if m.writes != writes {
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
