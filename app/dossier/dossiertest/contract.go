package dossiertest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// StoreContract is the behaviour app/dossier relies on from a Store. Run
// it against every implementation; newStore returns a fresh, empty
// dossier open for writing (its catalogue need not know the requirement
// IDs used here: a store does not check them).
func StoreContract(t *testing.T, newStore func(t *testing.T) dossier.Store) {
	for _, c := range []struct {
		name string
		run  func(*testing.T, dossier.Store)
	}{
		{"UpdateCommitsWithStamp", contractUpdate},
		{"FailedUpdateWritesNothing", contractFailedUpdate},
		{"AddEvidenceLinksInOneTransaction", contractAdd},
		{"FailedLinkStoresNothing", contractFailedLink},
		{"CancelledAddStoresNothing", contractCancelled},
		{"EvidenceUpdateMoveDelete", contractEvidence},
		{"FactsFollowEveryChange", contractFacts},
		{"RecordChainsInTheTransaction", contractRecord},
		{"LifecycleInTheTransaction", contractLifecycle},
		{"CatalogueSwitchInTheTransaction", contractCatalogueSwitch},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			defer s.Close()
			c.run(t, s)
		})
	}
}

func contractUpdate(t *testing.T, s dossier.Store) {
	var now time.Time
	err := s.Update(func(tx dossier.Tx) error {
		now = tx.Now()
		st, err := tx.State("R1")
		if err != nil || st.Status != dossier.AFaire || st.ReqID != "R1" {
			t.Errorf("unrecorded state: %+v %v", st, err)
		}
		st.Status, st.Note = dossier.Prete, "vu"
		if err := tx.SaveState(st); err != nil {
			return err
		}
		if got, _ := tx.State("R1"); got.Note != "vu" {
			t.Errorf("a transaction does not read its own write: %+v", got)
		}
		in, err := tx.Info()
		if err != nil {
			return err
		}
		in.Name = "Renommé"
		return tx.SaveInfo(in)
	})
	if err != nil {
		t.Fatal(err)
	}
	states, _ := s.States()
	in, _ := s.Info()
	if states["R1"].Status != dossier.Prete || in.Name != "Renommé" {
		t.Fatalf("not committed: %+v %+v", states, in)
	}
	if now.IsZero() || !in.UpdatedAt.Equal(now) {
		t.Fatalf("updated_at %v, transaction time %v", in.UpdatedAt, now)
	}
}

func contractFailedUpdate(t *testing.T, s dossier.Store) {
	before, _ := s.Info()
	boom := errors.New("boom")
	err := s.Update(func(tx dossier.Tx) error {
		if err := tx.SaveState(dossier.ReqState{ReqID: "R1", Status: dossier.Prete}); err != nil {
			return err
		}
		in, _ := tx.Info()
		in.Name = "Perdu"
		if err := tx.SaveInfo(in); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("fn's error not returned: %v", err)
	}
	states, _ := s.States()
	after, _ := s.Info()
	if len(states) != 0 || after.Name != before.Name || !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Fatalf("a failed transaction left %+v, %+v", states, after)
	}
}

func contractAdd(t *testing.T, s dossier.Store) {
	var linked dossier.Evidence
	var now time.Time
	link := func(tx dossier.Tx, ev dossier.Evidence) error {
		linked, now = ev, tx.Now()
		st, err := tx.State(ev.ReqID)
		if err != nil {
			return err
		}
		st.Status = dossier.EnCours
		return tx.SaveState(st)
	}
	ev, err := s.AddEvidence(context.Background(), strings.NewReader("abc"), dossier.Evidence{ReqID: "R1", Name: "a.txt"}, link, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ev.ID == 0 || ev.Size != 3 || ev.SHA256 != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" || linked.ID != ev.ID {
		t.Fatalf("added %+v, linked %+v", ev, linked)
	}
	states, _ := s.States()
	in, _ := s.Info()
	if states["R1"].Status != dossier.EnCours || !in.UpdatedAt.Equal(now) {
		t.Fatalf("link not committed with the item: %+v, updated_at %v", states, in.UpdatedAt)
	}
	same, err := s.AddEvidence(context.Background(), strings.NewReader("abc"), dossier.Evidence{ReqID: "R2", Name: "b.txt"}, nil, nil)
	if err != nil || same.ID == ev.ID || same.SHA256 != ev.SHA256 {
		t.Fatalf("identical content: %+v %v", same, err)
	}
	counts, _ := s.EvidenceCounts()
	all, _ := s.ListEvidence("")
	one, _ := s.ListEvidence("R2")
	if counts["R1"] != 1 || counts["R2"] != 1 || len(all) != 2 || all[0].ID != ev.ID || len(one) != 1 || one[0].ID != same.ID {
		t.Fatalf("counts %v, all %+v, R2 %+v", counts, all, one)
	}
	if got := content(t, s, ev.SHA256); got != "abc" {
		t.Fatalf("content %q", got)
	}
}

func contractFailedLink(t *testing.T, s dossier.Store) {
	boom := errors.New("boom")
	link := func(tx dossier.Tx, ev dossier.Evidence) error {
		if err := tx.SaveState(dossier.ReqState{ReqID: ev.ReqID, Status: dossier.EnCours}); err != nil {
			return err
		}
		return boom
	}
	if _, err := s.AddEvidence(context.Background(), strings.NewReader("abc"), dossier.Evidence{ReqID: "R1", Name: "a"}, link, nil); !errors.Is(err, boom) {
		t.Fatalf("link error not returned: %v", err)
	}
	assertEmpty(t, s)
}

func contractCancelled(t *testing.T, s dossier.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.AddEvidence(ctx, strings.NewReader("abc"), dossier.Evidence{ReqID: "R1", Name: "a"}, nil, nil)
	if !errors.Is(err, dossier.ErrCancelled) {
		t.Fatalf("cancelled add: %v", err)
	}
	assertEmpty(t, s)
}

func contractEvidence(t *testing.T, s dossier.Store) {
	ev, err := s.AddEvidence(context.Background(), strings.NewReader("abc"), dossier.Evidence{ReqID: "R1", Name: "a"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx dossier.Tx) error {
		moved := ev
		moved.ReqID, moved.Caption, moved.ProofID, moved.Size, moved.SHA256 = "R2", "légende", "P1", 99, "forgé"
		return tx.UpdateEvidence(moved)
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.GetEvidence(ev.ID)
	if err != nil || got.ReqID != "R2" || got.Caption != "légende" || got.ProofID != "P1" || got.Size != 3 || got.SHA256 != ev.SHA256 {
		t.Fatalf("after update: %+v %v", got, err)
	}
	if counts, _ := s.EvidenceCounts(); counts["R1"] != 0 || counts["R2"] != 1 {
		t.Fatalf("index not moved: %v", counts)
	}
	// A transaction lists a requirement's evidence as it has changed it.
	err = s.Update(func(tx dossier.Tx) error {
		if err := tx.DeleteEvidence(ev.ID); err != nil {
			return err
		}
		in, err := tx.ListEvidence("R2")
		if err != nil || len(in) != 0 {
			t.Errorf("listed in the transaction that deleted it: %+v %v", in, err)
		}
		return errors.New("roll back")
	})
	if err == nil {
		t.Fatal("rolled-back update succeeded")
	}
	if evs, err := s.ListEvidence("R2"); err != nil || len(evs) != 1 || evs[0].ID != ev.ID {
		t.Fatalf("after a rolled-back delete: %+v %v", evs, err)
	}
	if err := s.Update(func(tx dossier.Tx) error {
		in, err := tx.ListEvidence("R2")
		if err == nil && (len(in) != 1 || in[0].Caption != "légende") {
			t.Errorf("listed in a transaction: %+v", in)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, fn := range []func(dossier.Tx) error{
		func(tx dossier.Tx) error { return tx.UpdateEvidence(dossier.Evidence{ID: 999, ReqID: "R1"}) },
		func(tx dossier.Tx) error { return tx.DeleteEvidence(999) },
		func(tx dossier.Tx) error { _, err := tx.GetEvidence(999); return err },
	} {
		if err := s.Update(fn); !errors.Is(err, dossier.ErrNotFound) {
			t.Errorf("unknown evidence: %v", err)
		}
	}
	if _, err := s.GetEvidence(999); !errors.Is(err, dossier.ErrNotFound) {
		t.Errorf("get unknown: %v", err)
	}
	if err := s.Update(func(tx dossier.Tx) error { return tx.DeleteEvidence(ev.ID) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.OpenContent(ev.SHA256); !errors.Is(err, dossier.ErrNotFound) {
		t.Fatalf("content kept after its last reference: %v", err)
	}
	assertEmpty(t, s)
}

// contractFacts: EvidenceFacts lists, ordered by ID, the facts of every
// item as its record stands after each kind of change, and a rolled-back
// change leaves them as they were.
func contractFacts(t *testing.T, s dossier.Store) {
	add := func(req, name, body string, kind dossier.Kind) dossier.Evidence {
		t.Helper()
		ev, err := s.AddEvidence(context.Background(), strings.NewReader(body), dossier.Evidence{ReqID: req, Name: name, Kind: kind, Caption: "c", ProofID: "P1"}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	a := add("R2", "a.png", "aaa", dossier.KindImage)
	b := add("R1", "b.txt", "bb", dossier.KindText)
	add("R1", "c.txt", "aaa", dossier.KindText)
	assertFacts(t, s, 3)
	if err := s.Update(func(tx dossier.Tx) error {
		moved := a
		moved.ReqID, moved.ProofID = "R3", "P2"
		return tx.UpdateEvidence(moved)
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx dossier.Tx) error {
		renumbered := b
		renumbered.ProofID = ""
		return tx.UpdateEvidence(renumbered)
	}); err != nil {
		t.Fatal(err)
	}
	assertFacts(t, s, 3)
	if err := s.Update(func(tx dossier.Tx) error {
		if err := tx.DeleteEvidence(b.ID); err != nil {
			return err
		}
		return errors.New("roll back")
	}); err == nil {
		t.Fatal("rolled-back update succeeded")
	}
	assertFacts(t, s, 3)
	if err := s.Update(func(tx dossier.Tx) error { return tx.DeleteEvidence(a.ID) }); err != nil {
		t.Fatal(err)
	}
	facts := assertFacts(t, s, 2)
	if facts[0].ID != b.ID || facts[0].ProofID != "" || facts[0].Caption != "" || facts[1].ProofID != "P1" || facts[1].ReqID != "R1" {
		t.Fatalf("facts %+v", facts)
	}
}

// assertFacts checks that s's facts are those of its n records, and
// returns them.
func assertFacts(t *testing.T, s dossier.Store, n int) []dossier.Evidence {
	t.Helper()
	all, err := s.ListEvidence("")
	if err != nil {
		t.Fatal(err)
	}
	facts, err := s.EvidenceFacts()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != n || len(facts) != n {
		t.Fatalf("%d records, %d facts, want %d", len(all), len(facts), n)
	}
	for i := range all {
		if want := dossier.Facts(all[i]); !reflect.DeepEqual(facts[i], want) {
			t.Fatalf("facts %+v, record says %+v", facts[i], want)
		}
	}
	return facts
}

// assertEmpty fails unless s holds no evidence and no state.
func assertEmpty(t *testing.T, s dossier.Store) {
	t.Helper()
	evs, _ := s.ListEvidence("")
	states, _ := s.States()
	if len(evs) != 0 || len(states) != 0 {
		t.Fatalf("left behind: %+v %+v", evs, states)
	}
}

func content(t *testing.T, s dossier.Store, sha string) string {
	t.Helper()
	rc, err := s.OpenContent(sha)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var b bytes.Buffer
	if _, err := io.Copy(&b, rc); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
