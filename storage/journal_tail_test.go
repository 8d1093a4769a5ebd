package storage

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// TestJournalTailStaysInlineAndMovesWhenFull appends events of every size
// to a dossier: the tail always holds the newest events, stays inline (no
// page of its own), and moves into journal/ when full; the journal reads
// whole and in order, from any event, and verifies.
func TestJournalTailStaysInlineAndMovesWhenFull(t *testing.T) {
	path, svc := create(t)
	svc.Close()
	svc, st := openStore(t, path)
	defer svc.Close()
	moved := 0
	for i := range 60 {
		// Notes from a few bytes to more than the tail can hold.
		note := strings.Repeat("n", (i*37)%1300+1)
		if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Note: &note}); err != nil {
			t.Fatal(err)
		}
		seqs, inline := tailState(t, st)
		head, err := svc.JournalHead()
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case !inline:
			t.Fatalf("event %d: the tail has a page of its own (%v)", head.Seq, seqs)
		case len(seqs) == 0:
			// This event, too large for the tail, went to journal/ in a
			// block of its own, the tail's before it.
			moved++
		case seqs[len(seqs)-1] != head.Seq:
			t.Fatalf("tail %v, head %d", seqs, head.Seq)
		case len(seqs) == 1:
			// The tail was full: it moved into journal/, and this event
			// starts the next block.
			moved++
		}
	}
	if moved < 10 {
		t.Fatalf("the tail moved into journal/ %d times in 60 events", moved)
	}
	n, _, err := svc.VerifyJournal()
	if err != nil || n != 61 {
		t.Fatalf("verify: %d events, %v", n, err)
	}
	for _, from := range []uint64{1, 30, 59, 61} {
		want := from
		svc.Journal(from, func(ev dossier.Event) error {
			if ev.Seq != want {
				t.Fatalf("from %d: event %d, want %d", from, ev.Seq, want)
			}
			want++
			return nil
		})
		if want != 62 {
			t.Fatalf("from %d: stopped before %d", from, want)
		}
	}
}

// TestJournalTailWritesNoPage: a change whose event fits in the tail
// commits the same pages as the same change without any event.
func TestJournalTailWritesNoPage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.segur")
	var sw journalSwitch
	svc := realisticDossier(t, path, &sw, 300)
	defer svc.Close()
	st := dossier.EnCours
	pages := func(on bool, req string) int64 {
		sw.on = on
		before := pagesWritten(sw.store)
		if _, err := svc.UpdateState(req, dossier.StateChange{Status: &st}); err != nil {
			t.Fatal(err)
		}
		return pagesWritten(sw.store) - before
	}
	// Fill the tail until it moves: it then holds one event.
	sw.on = true
	notes := []string{"remplissage", "autre"}
	for i := 0; ; i++ {
		if seqs, _ := tailState(t, sw.store); len(seqs) == 1 {
			break
		}
		if _, err := svc.UpdateState("RIS.INS.02", dossier.StateChange{Note: &notes[i%2]}); err != nil {
			t.Fatal(err)
		}
	}
	reqs := svc.Catalogue().Requirements
	without := pages(false, reqs[5].ID)
	with := pages(true, reqs[6].ID)
	if seqs, _ := tailState(t, sw.store); len(seqs) != 2 {
		t.Fatalf("the event did not go to the tail: %v", seqs)
	}
	if with != without {
		t.Fatalf("a change with its event wrote %d pages, without %d", with, without)
	}
}

// TestMigrateFromV5AddsTail: a version 5 file (every event in journal/)
// gains an empty tail; its journal reads and verifies, and the next
// events chain on into the tail.
func TestMigrateFromV5AddsTail(t *testing.T) {
	path := noted(t, "a", "b", "c")
	editFile(t, path, func(tx *bbolt.Tx) error {
		// Version 5's layout: the tail's events in journal/, no tail.
		rewriteJournal(t, tx, 0, storedForm)
		if err := tx.DeleteBucket(bucketJournalTail); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(5))
	})
	svc, st := openStore(t, path)
	defer svc.Close()
	if n, _, err := svc.VerifyJournal(); err != nil || n != 4 {
		t.Fatalf("migrated journal: %d events, %v", n, err)
	}
	if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Note: ptr("d")}); err != nil {
		t.Fatal(err)
	}
	seqs, _ := tailState(t, st)
	n, _, err := svc.VerifyJournal()
	if err != nil || n != 5 || len(seqs) != 1 || seqs[0] != 5 {
		t.Fatalf("after the migration: %d events, tail %v, %v", n, seqs, err)
	}
	st.view(func(tx *bbolt.Tx) error {
		if v := fromU64(tx.Bucket(bucketMeta).Get(keySchemaVersion)); v != SchemaVersion {
			t.Fatalf("version %d", v)
		}
		return nil
	})
}

// TestJournalEditedInTailIsNamed: the tail's events, kept without their
// Prev, are as tamper-evident as journal/'s: an edited one breaks at its
// hash, a removed one at its number.
func TestJournalEditedInTailIsNamed(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(*bbolt.Tx)
		seq    uint64
		reason string
	}{
		{"edited", func(tx *bbolt.Tx) { editEvent(t, tx, 2, func(ev *dossier.Event) { ev.Operator = "Mallory" }) }, 2, dossier.BreakHash},
		// Event 3 then reads as number 2, which is not what it hashed.
		{"removed", func(tx *bbolt.Tx) { removeFromBlock(t, tx, 2) }, 2, dossier.BreakHash},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := noted(t, "a", "b")
			editFile(t, path, func(tx *bbolt.Tx) error {
				if v, _ := storedIn(tx.Bucket(bucketJournalTail), 2); !dossier.IsPacked(v) {
					t.Fatal("event 2 is not in the tail")
				}
				c.change(tx)
				return nil
			})
			svc, _ := openStore(t, path)
			defer svc.Close()
			_, _, err := svc.VerifyJournal()
			if seq, reason, ok := dossier.BrokenAt(err); !ok || seq != c.seq || reason != c.reason {
				t.Fatalf("want a break at %d (%s): %v", c.seq, c.reason, err)
			}
		})
	}
}

// noted creates a dossier, writes each note on RIS.INS.01 in turn (one
// event each), closes it and returns its path.
func noted(t *testing.T, notes ...string) string {
	t.Helper()
	path, svc := create(t)
	defer svc.Close()
	for _, note := range notes {
		if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Note: ptr(note)}); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// linkedForm is ev's linked form (the tail of versions 6 and 7).
func linkedForm(ev dossier.Event) []byte {
	b, err := ev.AppendLinked(nil)
	if err != nil {
		panic(err)
	}
	return b
}

// TestJournalOfTheLinkedLayoutGoesOn: a file as the previous build left
// it — journal/ in the stored form, the tail in the linked form — reads
// and verifies; the next events are written in blocks after them, the
// old tail moves into journal/ as it is, and the whole journal still reads from
// any event, verifies, and names an event edited in either form.
func TestJournalOfTheLinkedLayoutGoesOn(t *testing.T) {
	path := noted(t, "a", "b", "c", "d", "e")
	editFile(t, path, func(tx *bbolt.Tx) error { rewriteJournal(t, tx, 3, storedForm); return nil })
	editFile(t, path, func(tx *bbolt.Tx) error {
		// The last three in the tail, linked.
		tail := tx.Bucket(bucketJournalTail)
		for seq := uint64(4); seq <= 6; seq++ {
			ev, err := decodeAt(tx, seq, tail.Get(u64(seq)))
			if err != nil {
				t.Fatal(err)
			}
			tail.Put(u64(seq), linkedForm(ev))
		}
		return nil
	})
	svc, st := openStore(t, path)
	svc.SetOperator("Alice Martin")
	if n, _, err := svc.VerifyJournal(); err != nil || n != 6 {
		t.Fatalf("the previous layout: %d events, %v", n, err)
	}
	for i := range 20 {
		note := strings.Repeat("x", i)
		if _, err := svc.UpdateState("RIS.INS.02", dossier.StateChange{Note: &note}); err != nil {
			t.Fatal(err)
		}
	}
	forms := map[byte]int{} // events by the form of their value
	st.view(func(tx *bbolt.Tx) error {
		for _, b := range journalBuckets(tx) {
			b.ForEach(func(_, v []byte) error {
				n, _, ok := blockHeader(v)
				if !ok {
					n = 1
				}
				forms[v[0]] += int(n)
				return nil
			})
		}
		return nil
	})
	// The new ones in blocks, or packed alone once moved into journal/.
	if forms['d'] != 3 || forms['l'] != 3 || forms[blockMark] == 0 || forms[blockMark]+forms['p'] != 20 || len(forms) > 4 {
		t.Fatalf("forms stored: %v", forms)
	}
	if n, _, err := svc.VerifyJournal(); err != nil || n != 26 {
		t.Fatalf("after 20 more: %d events, %v", n, err)
	}
	all := allEvents(t, svc)
	if all[25].Operator != "Alice Martin" || all[1].Operator == "Alice Martin" {
		t.Fatalf("operators %q, %q", all[1].Operator, all[25].Operator)
	}
	sameFromAnyEvent(t, svc, all)
	svc.Close()
	for _, seq := range []uint64{2, 5, 9, 26} {
		t.Run(fmt.Sprint(seq), func(t *testing.T) {
			copied := filepath.Join(t.TempDir(), "c.segur")
			raw, err := os.ReadFile(path)
			if err != nil || os.WriteFile(copied, raw, 0o600) != nil {
				t.Fatal(err)
			}
			editFile(t, copied, func(tx *bbolt.Tx) error {
				editEvent(t, tx, seq, func(ev *dossier.Event) { ev.Summary += "." })
				return nil
			})
			svc, _ := openStore(t, copied)
			defer svc.Close()
			_, _, err = svc.VerifyJournal()
			if at, reason, ok := dossier.BrokenAt(err); !ok || at != seq || reason != dossier.BreakHash {
				t.Fatalf("want a break at %d: %v", seq, err)
			}
		})
	}
}

// TestJournalDamagedInTailIsNamed: a packed event whose bytes no longer
// read (a length changed) is named by verify as broken, and changes can
// still be made and recorded after it.
func TestJournalDamagedInTailIsNamed(t *testing.T) {
	path := noted(t, "a", "b", "c")
	editFile(t, path, func(tx *bbolt.Tx) error {
		v, err := storedIn(tx.Bucket(bucketJournalTail), 3)
		if !dossier.IsPacked(v) {
			t.Fatalf("event 3 is not packed in the tail: %v", err)
		}
		v = bytes.Clone(v)
		// The kind's length, after the time (5 bytes) and the operator.
		op, same, err := dossier.PackedOperator(v)
		if err != nil {
			t.Fatal(err)
		}
		at := 1 + 5 + 1
		if !same {
			at += len(op)
		}
		v[at] += 40
		replaceStored(t, tx, 3, v)
		return nil
	})
	svc, _ := openStore(t, path)
	defer svc.Close()
	_, _, err := svc.VerifyJournal()
	if seq, reason, ok := dossier.BrokenAt(err); !ok || seq != 3 || reason != dossier.BreakHash {
		t.Fatalf("want a break at 3: %v", err)
	}
	if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Note: ptr("d")}); err != nil {
		t.Fatalf("a change after the damaged event: %v", err)
	}
	if _, _, err = svc.VerifyJournal(); err == nil {
		t.Fatal("the damaged journal verifies")
	}
}
