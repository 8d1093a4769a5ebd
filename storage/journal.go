package storage

import (
	"bytes"
	"encoding/binary"
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
// into journal_mid/, a bucket of one page, and this event starts the next
// block; when journal_mid/'s page is full, its blocks' events move into
// journal/, each as it is under its own number (small values fill
// journal/'s leaves; bbolt leaves half of each page empty with values a
// quarter of a page large). So a change writes no journal page 9 times
// out of 10, one page (journal_mid/'s) the 10th, and journal/'s last leaf
// and branches once every 30 or so changes.
//
// Before version 6 (migrateV4toV5 appends the first event of a version 5
// file) there is no tail and events go straight into journal/ in their
// stored form; events a version before 9 left in the tail, one per key,
// move into journal/ as they are first.
//
// The last event is read from the end of its block (its hash, and its
// number from the block's key and count), never decoded; journal_mid/ and
// journal/ are opened only when the tail is empty or full.
func appendEvent(btx *bbolt.Tx, ev dossier.Event, now time.Time) (dossier.Event, error) {
	tail := btx.Bucket(bucketJournalTail)
	if tail == nil {
		return appendStored(btx, ev, now)
	}
	k, v := tail.Cursor().First()
	if k != nil && !isBlock(v) {
		j, err := journalBucket(btx)
		if err != nil {
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
		seq, prev, err = lastBeforeTail(btx)
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
	// Full (or empty): the tail's block moves on, and this event starts
	// the next one, naming its operator.
	if same {
		if packed, err = ev.AppendPacked(buf[:0], false); err != nil {
			return dossier.Event{}, err
		}
	}
	block, key := newBlock(packed), u64(ev.Seq)
	large := tailSize(key, block) > limit
	if k != nil {
		if err := moveBlock(btx, k, v, large); err != nil {
			return dossier.Event{}, err
		}
		if err := tail.Delete(k); err != nil {
			return dossier.Event{}, err
		}
	}
	if large {
		// Too large for the tail on its own: into journal/ after the
		// events before it, which moveBlock emptied journal_mid/ of.
		j, err := journalBucket(btx)
		if err != nil {
			return dossier.Event{}, err
		}
		if err := flushMid(btx, j); err != nil {
			return dossier.Event{}, err
		}
		j.FillPercent = 1
		return ev, j.Put(key, packed)
	}
	return ev, tail.Put(key, block)
}

// moveBlock moves the tail's block v, under key k, into journal_mid/ as it
// is: after the blocks there when its page has room for it (and not
// last), else once those have moved into journal/ (flushMid).
func moveBlock(btx *bbolt.Tx, k, v []byte, last bool) error {
	mid := btx.Bucket(bucketJournalMid)
	if mid == nil {
		return fmt.Errorf("%w: no journal_mid bucket", errCorrupt)
	}
	if last || midSize(mid)+16+len(k)+len(v) > btx.DB().Info().PageSize {
		j, err := journalBucket(btx)
		if err != nil {
			return err
		}
		if err := flushMid(btx, j); err != nil {
			return err
		}
		if last {
			return unpackBlock(j, k, v)
		}
	}
	// v is the tail's page (or the block this transaction put there):
	// bbolt keeps it as it is until the commit (and copies what a
	// remapping of the file would move, as it does its own pages').
	return mid.Put(k, v)
}

// midSize is the size of journal_mid/'s page: its header and entries.
func midSize(mid *bbolt.Bucket) int {
	size := 16
	mid.ForEach(func(k, v []byte) error {
		size += 16 + len(k) + len(v)
		return nil
	})
	return size
}

// flushMid moves journal_mid/'s blocks into journal/, each event on its
// own (unpackBlock), and empties it.
func flushMid(btx *bbolt.Tx, j *bbolt.Bucket) error {
	mid := btx.Bucket(bucketJournalMid)
	if mid == nil {
		return nil
	}
	c := mid.Cursor()
	for k, v := c.First(); k != nil; k, v = c.First() {
		if err := unpackBlock(j, k, v); err != nil {
			return err
		}
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// unpackBlock puts the events of block v, stored under k, into journal/,
// each packed as it is under its own number (a block's first event names
// its operator, so a reader walks back no further than its block's start
// to find one). A block that does not read moves as it is: verify names
// its broken event there as it did where it was.
func unpackBlock(j *bbolt.Bucket, k, v []byte) error {
	// Append-only keys: full pages (bbolt's default half-fills them).
	j.FillPercent = 1
	w, err := walkBlock(k, v)
	if err != nil {
		return j.Put(k, v)
	}
	// Checked whole first, so that a damaged block moves whole.
	for check := w; ; {
		_, _, done, err := check.next()
		if err != nil {
			return j.Put(k, v)
		}
		if done {
			break
		}
	}
	// The events point into the block, which stays as it is until the
	// commit (see moveBlock); bbolt copies the keys it is given.
	var key [8]byte
	for {
		seq, packed, done, _ := w.next()
		if done {
			return nil
		}
		binary.BigEndian.PutUint64(key[:], seq)
		if err := j.Put(key[:], packed); err != nil {
			return err
		}
	}
}

// lastBeforeTail is the number and hash of the last event outside the
// tail: journal_mid/'s last block's, or journal/'s last event's (0 and
// the genesis hash of the dossier's ID when the journal is empty).
func lastBeforeTail(btx *bbolt.Tx) (uint64, string, error) {
	if mid := btx.Bucket(bucketJournalMid); mid != nil {
		if k, v := mid.Cursor().Last(); k != nil {
			return lastLink(k, v)
		}
	}
	j, err := journalBucket(btx)
	if err != nil {
		return 0, "", err
	}
	return lastInJournal(btx, j)
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
