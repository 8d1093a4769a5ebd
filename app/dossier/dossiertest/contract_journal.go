package dossiertest

import (
	"errors"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// contractRecord: Record chains each event after the last one, fills in
// what the store owns, and a failed transaction records nothing.
func contractRecord(t *testing.T, s dossier.Store) {
	var before []dossier.Event
	s.Journal(1, func(ev dossier.Event) error { before = append(before, ev); return nil })
	var got dossier.Event
	err := s.Update(func(tx dossier.Tx) error {
		var err error
		got, err = tx.Record(dossier.Event{Kind: dossier.EventState, Subject: "R1", Operator: "Alice", Fields: []dossier.FieldChange{{Field: "note", New: "vu"}}})
		if err == nil && !got.Time.Equal(tx.Now()) {
			t.Errorf("event dated %v in a transaction of %v", got.Time, tx.Now())
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := uint64(len(before)) + 1
	if got.Seq != want || got.Summary == "" || got.Hash != got.ComputeHash() || got.Operator != "Alice" {
		t.Fatalf("recorded event: %+v", got)
	}
	in, _ := s.Info()
	if len(before) > 0 && got.Prev != before[len(before)-1].Hash || len(before) == 0 && got.Prev != dossier.GenesisPrev(in.ID) {
		t.Fatalf("event does not chain from the last one: %+v", got)
	}
	boom := errors.New("boom")
	err = s.Update(func(tx dossier.Tx) error {
		if _, err := tx.Record(dossier.Event{Kind: dossier.EventState, Subject: "R2"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("failed update: %v", err)
	}
	c := dossier.NewChainChecker(in.ID)
	if err := s.Journal(1, c.Next); err != nil || c.Count() != want || c.Head() != got.Hash {
		t.Fatalf("journal after a failed update: %d events, head %s, %v", c.Count(), c.Head(), err)
	}
	var from []uint64
	s.Journal(want, func(ev dossier.Event) error { from = append(from, ev.Seq); return nil })
	if len(from) != 1 || from[0] != want {
		t.Fatalf("journal from %d: %v", want, from)
	}
}
