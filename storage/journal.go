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
// anyway: appending there writes no page of its own. They are one block
// (journal_block.go: packed events, binary, the operator left out when it
// is the one before's), which grows by this event. When the event would
// take the tail past bbolt's inline limit, the block moves, as it is,
// into journal/ (one value at the end of its last leaf, filled to the
// brim) and this event starts the next block: the journal's pages are
// written once every several changes, and journal/ gains one entry each
// time, not one per event. Before version 6 (migrateV4toV5 appends the
// first event of a version 5 file) there is no tail and events go
// straight into journal/ in their stored form; events a version before 9
// left in the tail, one per key, move into journal/ as they are first.
//
// The last event is read from the end of its block (its hash, and its
// number from the block's key and count), never decoded; journal/ is
// opened only when the tail is empty or full.
func appendEvent(btx *bbolt.Tx, ev dossier.Event, now time.Time) (dossier.Event, error) {
	tail := btx.Bucket(bucketJournalTail)
	if tail == nil {
		return appendStored(btx, ev, now)
	}
	var j *bbolt.Bucket
	k, v := tail.Cursor().First()
	if k != nil && !isBlock(v) {
		var err error
		if j, err = journalBucket(btx); err != nil {
			return dossier.Event{}, err
		}
		if err := moveTail(j, tail, nil); err != nil {
			return dossier.Event{}, err
		}
		k, v = nil, nil
	}
	var seq uint64
	var prev string
	var err error
	if k != nil {
		seq, prev, err = blockLink(k, v)
	} else {
		if j == nil {
			if j, err = journalBucket(btx); err != nil {
				return dossier.Event{}, err
			}
		}
		seq, prev, err = lastInJournal(btx, j)
	}
	if err != nil {
		return dossier.Event{}, err
	}
	ev = ev.Chained(seq+1, now, prev)
	// Encoded on the stack when it is small (most are).
	var buf [256]byte
	n, events, _ := blockHeader(v)
	same := k != nil && lastOperatorIs(n, events, ev.Operator)
	packed, err := ev.AppendPacked(buf[:0], same)
	if err != nil {
		return dossier.Event{}, err
	}
	limit := btx.DB().Info().PageSize / 4
	if k != nil && tailSize(k, v)+blockGrowth(n, len(packed)) <= limit {
		return ev, tail.Put(k, blockWith(n, events, packed))
	}
	// Full (or empty): the tail's block goes to journal/ as it is, and
	// this event starts the next one, naming its operator.
	if j == nil {
		if j, err = journalBucket(btx); err != nil {
			return dossier.Event{}, err
		}
	}
	if k != nil {
		// Append-only keys: full pages (bbolt's default half-fills them).
		j.FillPercent = 1
		// bbolt keeps the slices it is given until the commit; these
		// point into the tail, which changes.
		if err := j.Put(bytes.Clone(k), bytes.Clone(v)); err != nil {
			return dossier.Event{}, err
		}
		if err := tail.Delete(k); err != nil {
			return dossier.Event{}, err
		}
	}
	if same {
		if packed, err = ev.AppendPacked(buf[:0], false); err != nil {
			return dossier.Event{}, err
		}
	}
	block, key := newBlock(packed), u64(ev.Seq)
	if tailSize(key, block) > limit {
		// Too large for the tail on its own: a block of its own.
		j.FillPercent = 1
		return ev, j.Put(key, block)
	}
	return ev, tail.Put(key, block)
}

// appendStored is appendEvent for a version 5 file (no tail): ev in its
// stored form, under its number in journal/.
func appendStored(btx *bbolt.Tx, ev dossier.Event, now time.Time) (dossier.Event, error) {
	j, err := journalBucket(btx)
	if err != nil {
		return dossier.Event{}, err
	}
	seq, prev, err := lastInJournal(btx, j)
	if err != nil {
		return dossier.Event{}, err
	}
	ev, raw := ev.ChainedStored(seq+1, now, prev)
	j.FillPercent = 1
	return ev, j.Put(u64(ev.Seq), raw)
}

// journalBucket is btx's journal/.
func journalBucket(btx *bbolt.Tx) (*bbolt.Bucket, error) {
	j := btx.Bucket(bucketJournal)
	if j == nil {
		return nil, fmt.Errorf("%w: no journal bucket", errCorrupt)
	}
	return j, nil
}

// lastInJournal is the number and hash of journal/'s last event (0 and
// the genesis hash of the dossier's ID when it is empty).
func lastInJournal(btx *bbolt.Tx, j *bbolt.Bucket) (uint64, string, error) {
	k, v := j.Cursor().Last()
	if k != nil {
		return lastLink(k, v)
	}
	var in dossier.Info
	if _, err := get(btx.Bucket(bucketDossier), keyInfo, &in); err != nil {
		return 0, "", err
	}
	return 0, dossier.GenesisPrev(in.ID), nil
}

// tailSize is the size of the tail's page, holding v under k, as bbolt
// measures it for keeping a bucket inline: the page header and the
// entry's header, key and value.
func tailSize(k, v []byte) int { return 16 + 16 + len(k) + len(v) }

// moveTail moves the tail's events, one per key as versions 6 to 8 left
// them, in order and as they are, to the end of journal/; step, when not
// nil, is called after each.
func moveTail(j, tail *bbolt.Bucket, step func(done int)) error {
	// Append-only keys: full pages (bbolt's default half-fills them).
	j.FillPercent = 1
	c := tail.Cursor()
	done := 0
	for k, v := c.First(); k != nil; k, v = c.First() {
		// bbolt keeps the slices it is given until the commit; these
		// point into the tail, which changes.
		if err := j.Put(bytes.Clone(k), bytes.Clone(v)); err != nil {
			return err
		}
		if err := c.Delete(); err != nil {
			return err
		}
		if done++; step != nil {
			step(done)
		}
	}
	return nil
}
