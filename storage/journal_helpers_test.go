package storage

import (
	"bytes"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Helpers of the journal's tests: reading and editing a dossier's
// journal where it is stored, as someone editing the file would.

// editFile runs fn in a write transaction on the closed dossier at path,
// as someone editing the file directly would.
func editFile(t *testing.T, path string, fn func(*bbolt.Tx) error) {
	t.Helper()
	db := openRaw(t, path)
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// journalHolding is the bucket that holds event seq: journal/,
// journal_mid/ or the tail.
func journalHolding(tx *bbolt.Tx, seq uint64) *bbolt.Bucket {
	for _, b := range journalBuckets(tx) {
		if v, _ := storedIn(b, seq); v != nil {
			return b
		}
	}
	return tx.Bucket(bucketJournal)
}

// editEvent changes event seq in the file, as someone covering their
// tracks would: in the bucket, the block and the form it is stored in,
// its hash kept.
func editEvent(t *testing.T, tx *bbolt.Tx, seq uint64, edit func(*dossier.Event)) {
	t.Helper()
	v, err := storedAt(tx, seq)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := decodeAt(tx, seq, v)
	if err != nil {
		t.Fatal(err)
	}
	op := ev.Operator
	edit(&ev)
	w := encodeAs(t, v, ev)
	if ev.Operator != op && dossier.IsPacked(v) {
		w, _ = ev.AppendPacked(nil, false)
	}
	replaceStored(t, tx, seq, w)
}

// replaceStored puts w as event seq's stored form: its value, or its
// place in its block.
func replaceStored(t *testing.T, tx *bbolt.Tx, seq uint64, w []byte) {
	t.Helper()
	b := journalHolding(tx, seq)
	k, v := entryFrom(b.Cursor(), seq)
	if !isBlock(v) {
		if err := b.Put(u64(seq), w); err != nil {
			t.Fatal(err)
		}
		return
	}
	rewriteBlock(t, b, k, v, func(at uint64, packed []byte) []byte {
		if at == seq {
			return w
		}
		return packed
	})
}

// rewriteBlock puts, in place of the block v stored in b under k, the
// block of its events as edit gives them back (nil leaves one out).
func rewriteBlock(t *testing.T, b *bbolt.Bucket, k, v []byte, edit func(seq uint64, packed []byte) []byte) {
	t.Helper()
	walk, err := walkBlock(k, v)
	if err != nil {
		t.Fatal(err)
	}
	var events [][]byte
	for {
		at, packed, done, err := walk.next()
		if err != nil {
			t.Fatal(err)
		}
		if done {
			break
		}
		if packed = edit(at, packed); packed != nil {
			events = append(events, packed)
		}
	}
	if err := b.Put(bytes.Clone(k), blockOf(events...)); err != nil {
		t.Fatal(err)
	}
}

// blockOf is the block of these packed events.
func blockOf(events ...[]byte) []byte {
	block := newBlock(events[0])
	for i, packed := range events[1:] {
		n, rest, _ := blockHeader(block)
		block = blockWith(n, rest, packed)
		if n != uint64(i+1) {
			panic("block count")
		}
	}
	return block
}

// encodeAs encodes ev in the form v is in (the operator left out of a
// packed one if v leaves it out).
func encodeAs(t *testing.T, v []byte, ev dossier.Event) []byte {
	t.Helper()
	var w []byte
	var err error
	switch {
	case dossier.IsPacked(v):
		_, same, perr := dossier.PackedOperator(v)
		if perr != nil {
			t.Fatal(perr)
		}
		w, err = ev.AppendPacked(nil, same)
	case dossier.IsLinked(v):
		w, err = ev.AppendLinked(nil)
	default:
		w = ev.AppendStored(nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// rewriteJournal rewrites every event of the file's journal with form:
// into journal/ (the tail emptied) when tail is false, else the last
// inTail of them into the tail — the layouts earlier versions wrote.
func rewriteJournal(t *testing.T, tx *bbolt.Tx, inTail int, form func(dossier.Event) []byte) {
	t.Helper()
	j, mid, tail := tx.Bucket(bucketJournal), tx.Bucket(bucketJournalMid), tx.Bucket(bucketJournalTail)
	var evs []dossier.Event
	r := eventReader{btx: tx}
	var keys [][]byte
	for _, b := range []*bbolt.Bucket{j, mid, tail} {
		b.ForEach(func(k, v []byte) error {
			keys = append(keys, bytes.Clone(k))
			return r.entry(k, v, func(ev dossier.Event) error {
				evs = append(evs, ev)
				return nil
			})
		})
	}
	for _, k := range keys {
		j.Delete(k)
		mid.Delete(k)
		tail.Delete(k)
	}
	for i, ev := range evs {
		b := j
		if i >= len(evs)-inTail {
			b = tail
		}
		if err := b.Put(u64(ev.Seq), form(ev)); err != nil {
			t.Fatal(err)
		}
	}
}

// storedForm is ev's stored form (journal/ until this version).
func storedForm(ev dossier.Event) []byte { return ev.AppendStored(nil) }

// tailState is what the tail holds: its keys, and whether bbolt keeps it
// inline in the root page.
func tailState(t *testing.T, s *Store) (seqs []uint64, inline bool) {
	t.Helper()
	s.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketJournalTail)
		r := eventReader{btx: tx}
		b.ForEach(func(k, v []byte) error {
			return r.entry(k, v, func(ev dossier.Event) error { seqs = append(seqs, ev.Seq); return nil })
		})
		inline = b.Stats().InlineBucketN == 1
		return nil
	})
	return seqs, inline
}

// openStore opens path, handing back the Store under the Service.
func openStore(t *testing.T, path string) (*dossier.Service, *Store) {
	t.Helper()
	var sw journalSwitch
	svc, err := dossier.Open(switchOpener{sw: &sw}, path)
	if err != nil {
		t.Fatal(err)
	}
	return svc, sw.store
}

// removeFromBlock takes event seq out of the block that holds it, the
// block's count lowered to match, as someone hiding an event would.
func removeFromBlock(t *testing.T, tx *bbolt.Tx, seq uint64) {
	t.Helper()
	b := journalHolding(tx, seq)
	k, v := entryFrom(b.Cursor(), seq)
	rewriteBlock(t, b, k, v, func(at uint64, packed []byte) []byte {
		if at == seq {
			return nil
		}
		return packed
	})
}
