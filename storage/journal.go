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
// anyway: appending there writes no page of its own. When the next event
// would take the tail past bbolt's inline limit, the tail's events and
// that one move into journal/ (its last leaf, filled to the brim) and the
// tail starts again empty: the journal's pages are written once every few
// events, not at every change. Before version 6 (migrateV4toV5 appends
// the first event of a version 5 file) there is no tail and events go
// straight into journal/.
func appendEvent(btx *bbolt.Tx, ev dossier.Event, now time.Time) (dossier.Event, error) {
	j := btx.Bucket(bucketJournal)
	if j == nil {
		return dossier.Event{}, fmt.Errorf("%w: no journal bucket", errCorrupt)
	}
	tail := btx.Bucket(bucketJournalTail)
	var seq uint64
	var prev string
	if k, v := lastStored(j, tail); k != nil {
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
	ev, raw := ev.ChainedStored(seq+1, now, prev)
	if tail == nil {
		j.FillPercent = 1
		return ev, j.Put(u64(ev.Seq), raw)
	}
	if tailSize(tail)+tailEntry(raw) <= btx.DB().Info().PageSize/4 {
		return ev, tail.Put(u64(ev.Seq), raw)
	}
	// Full: the tail's events and this one go to journal/ together, which
	// leaves the tail empty, ready for as many events as it can hold.
	if err := moveTail(j, tail); err != nil {
		return dossier.Event{}, err
	}
	return ev, j.Put(u64(ev.Seq), raw)
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

// moveTail moves the tail's events, in order, to the end of journal/.
func moveTail(j, tail *bbolt.Bucket) error {
	// Append-only keys: full pages (bbolt's default half-fills them).
	j.FillPercent = 1
	c := tail.Cursor()
	for k, v := c.First(); k != nil; k, v = c.First() {
		if err := j.Put(bytes.Clone(k), bytes.Clone(v)); err != nil {
			return err
		}
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// lastStored is the last event's key and stored form: the tail's last,
// or journal/'s when the tail is empty (or absent); nil when the journal
// is empty.
func lastStored(j, tail *bbolt.Bucket) (k, v []byte) {
	if tail != nil {
		if k, v = tail.Cursor().Last(); k != nil {
			return k, v
		}
	}
	return j.Cursor().Last()
}

// lastLink is what the next event chains from: the last event's number
// (its key) and hash, read from the end of its stored form without
// parsing the rest.
func lastLink(k, v []byte) (uint64, string, error) {
	const tail = len("64:,") + 64
	if n := len(v); n > tail && v[0] != '{' && string(v[n-tail:n-64-1]) == "64:" && v[n-1] == ',' {
		return fromU64(k), string(v[n-65 : n-1]), nil
	}
	last, err := decodeEvent(v)
	return last.Seq, last.Hash, err
}

// decodeEvent reads a stored event: its stored form (dossier.Event.
// AppendStored), or a JSON record as the first builds of schema 5 wrote.
func decodeEvent(v []byte) (dossier.Event, error) {
	if len(v) > 0 && v[0] == '{' {
		var ev dossier.Event
		err := decode(v, &ev)
		return ev, err
	}
	ev, err := dossier.ParseStored(v)
	if err != nil {
		return ev, fmt.Errorf("%w: journal event: %w", errCorrupt, err)
	}
	return ev, nil
}

// JournalHead is the last event of the journal (zero when empty), read
// without going through the others.
func (s *Store) JournalHead() (dossier.Event, error) {
	var ev dossier.Event
	err := s.view(func(btx *bbolt.Tx) error {
		j := btx.Bucket(bucketJournal)
		if j == nil {
			return nil
		}
		k, v := lastStored(j, btx.Bucket(bucketJournalTail))
		if k == nil {
			return nil
		}
		var err error
		ev, err = decodeEvent(v)
		return err
	})
	return ev, err
}

// Journal implements dossier.Store: the events from sequence number
// from, decoded one at a time in a read transaction — journal/'s, then
// the tail's, which follow them.
func (s *Store) Journal(from uint64, fn func(dossier.Event) error) error {
	return s.view(func(btx *bbolt.Tx) error {
		for _, name := range [][]byte{bucketJournal, bucketJournalTail} {
			b := btx.Bucket(name)
			if b == nil {
				continue
			}
			c := b.Cursor()
			for k, v := c.Seek(u64(max(from, 1))); k != nil; k, v = c.Next() {
				ev, err := decodeEvent(v)
				if err != nil {
					return err
				}
				if err := fn(ev); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
