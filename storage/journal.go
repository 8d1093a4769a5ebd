package storage

import (
	"bytes"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Record implements dossier.Tx: ev is chained after the last event of
// the journal and stored under its sequence number, in this transaction.
func (t *tx) Record(ev dossier.Event) (dossier.Event, error) {
	return appendEvent(t.btx, ev, t.now)
}

// appendEvent chains ev after the last event of btx's journal (or from
// the dossier's ID when it is empty), dated now, and stores it.
//
// The newest events live in journal_tail/, a bucket small enough for
// bbolt to keep inline in the root page, which every transaction rewrites
// anyway: appending there writes no page of its own. Events are written
// packed (dossier.Event.AppendPacked: binary, no Seq or Prev, the
// operator left out when it is the event before's), so that the tail
// holds as many as it can before it is full. When the next event would
// take the tail past bbolt's inline limit, the tail's events move, as
// they are, into journal/ (its last leaf, filled to the brim) with that
// one, and the tail starts again empty: the journal's pages are written
// once every several events, not at every change. Before version 6
// (migrateV4toV5 appends the first event of a version 5 file) there is no
// tail and events go straight into journal/ in their stored form.
//
// The last event is read from the end of its value (its hash, and its
// number from its key), never decoded.
func appendEvent(btx *bbolt.Tx, ev dossier.Event, now time.Time) (dossier.Event, error) {
	j := btx.Bucket(bucketJournal)
	if j == nil {
		return dossier.Event{}, fmt.Errorf("%w: no journal bucket", errCorrupt)
	}
	tail := btx.Bucket(bucketJournalTail)
	var seq uint64
	var prev string
	k, v, inTail := lastStored(j, tail)
	if k != nil {
		var err error
		if seq, prev, err = lastLink(k, v); err != nil {
			return dossier.Event{}, err
		}
	} else {
		var in dossier.Info
		if _, err := get(btx.Bucket(bucketDossier), keyInfo, &in); err != nil {
			return dossier.Event{}, err
		}
		prev = dossier.GenesisPrev(in.ID)
	}
	if tail == nil {
		ev, raw := ev.ChainedStored(seq+1, now, prev)
		j.FillPercent = 1
		return ev, j.Put(u64(ev.Seq), raw)
	}
	ev = ev.Chained(seq+1, now, prev)
	// The operator is left out when it is the event before's and that one
	// is in the tail: a reader never walks back further than one tail.
	// (One that does not read leaves it in: verify names that one.)
	same := false
	if inTail {
		op, err := operatorAt(btx, seq)
		same = err == nil && op == ev.Operator
	}
	packed, err := ev.AppendPacked(make([]byte, 0, 128+len(ev.Summary)+len(ev.Operator)), same)
	if err != nil {
		return dossier.Event{}, err
	}
	if tailSize(tail)+tailEntry(packed) <= btx.DB().Info().PageSize/4 {
		return ev, tail.Put(u64(ev.Seq), packed)
	}
	// Full: the tail's events and this one go to journal/ together, which
	// leaves the tail empty, ready for as many events as it can hold.
	if err := moveTail(j, tail); err != nil {
		return dossier.Event{}, err
	}
	return ev, j.Put(u64(ev.Seq), packed)
}

// tailEntry is what one event adds to the tail's page: bbolt's leaf
// element header, the 8-byte key and the value.
func tailEntry(v []byte) int { return 16 + 8 + len(v) }

// tailSize is the size of the tail's page as bbolt measures it for
// keeping a bucket inline: the page header and each entry.
func tailSize(tail *bbolt.Bucket) int {
	size := 16
	tail.ForEach(func(_, v []byte) error {
		size += tailEntry(v)
		return nil
	})
	return size
}

// moveTail moves the tail's events, in order and as they are, to the
// end of journal/.
func moveTail(j, tail *bbolt.Bucket) error {
	// Append-only keys: full pages (bbolt's default half-fills them).
	j.FillPercent = 1
	c := tail.Cursor()
	for k, v := c.First(); k != nil; k, v = c.First() {
		// bbolt keeps the slices it is given until the commit; these
		// point into the tail, which changes.
		if err := j.Put(bytes.Clone(k), bytes.Clone(v)); err != nil {
			return err
		}
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}
