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
	linked, err := ev.AppendLinked(nil)
	if err != nil {
		return dossier.Event{}, err
	}
	if tailSize(tail)+tailEntry(linked) <= btx.DB().Info().PageSize/4 {
		return ev, tail.Put(u64(ev.Seq), linked)
	}
	// Full: the tail's events and this one go to journal/ together, which
	// leaves the tail empty, ready for as many events as it can hold.
	if err := moveTail(btx, j, tail); err != nil {
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

// moveTail moves the tail's events, in order, to the end of journal/,
// in their stored form.
func moveTail(btx *bbolt.Tx, j, tail *bbolt.Bucket) error {
	// Append-only keys: full pages (bbolt's default half-fills them).
	j.FillPercent = 1
	c := tail.Cursor()
	for k, v := c.First(); k != nil; k, v = c.First() {
		ev, err := decodeAt(btx, k, v)
		if err != nil {
			return err
		}
		if err := j.Put(bytes.Clone(k), ev.AppendStored(nil)); err != nil {
			return err
		}
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// decodeAt reads the event stored under key k: its stored form, or its
// linked form (in the tail), whose Prev is the hash of the event before.
func decodeAt(btx *bbolt.Tx, k, v []byte) (dossier.Event, error) {
	if !dossier.IsLinked(v) {
		return decodeEvent(v)
	}
	prev, err := hashAt(btx, fromU64(k)-1)
	if err != nil {
		return dossier.Event{}, err
	}
	ev, err := dossier.ParseLinked(v, prev)
	if err != nil {
		return ev, fmt.Errorf("%w: journal event: %w", errCorrupt, err)
	}
	return ev, nil
}

// hashAt is the hash of event seq: GenesisPrev of the dossier's ID for 0.
func hashAt(btx *bbolt.Tx, seq uint64) (string, error) {
	if seq == 0 {
		var in dossier.Info
		_, err := get(btx.Bucket(bucketDossier), keyInfo, &in)
		return dossier.GenesisPrev(in.ID), err
	}
	k := u64(seq)
	v := btx.Bucket(bucketJournal).Get(k)
	if t := btx.Bucket(bucketJournalTail); v == nil && t != nil {
		v = t.Get(k)
	}
	if v == nil {
		return "", fmt.Errorf("%w: journal event %d missing", errCorrupt, seq)
	}
	_, h, err := lastLink(k, v)
	return h, err
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
	if dossier.IsLinked(v) {
		return fromU64(k), dossier.LinkedHash(v), nil
	}
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
		ev, err = decodeAt(btx, k, v)
		return err
	})
	return ev, err
}

// Journal implements dossier.Store: the events from sequence number
// from, decoded one at a time in a read transaction — journal/'s, then
// the tail's, which follow them (each tail event chained from the one
// read before it).
func (s *Store) Journal(from uint64, fn func(dossier.Event) error) error {
	from = max(from, 1)
	return s.view(func(btx *bbolt.Tx) error {
		j := btx.Bucket(bucketJournal)
		if j == nil {
			return nil
		}
		prev := ""
		n := 0
		// Events lie on pages spread over the file, as evidence records
		// do (see releaseRecordsEvery): released now and then.
		release := func() {
			if n++; n%releaseRecordsEvery == 0 {
				releaseMapping(btx)
			}
		}
		// emit hands ev on and remembers it as the previous event.
		emit := func(ev dossier.Event) error {
			if err := fn(ev); err != nil {
				return err
			}
			prev = ev.Hash
			release()
			return nil
		}
		c := j.Cursor()
		for k, v := c.Seek(u64(from)); k != nil; k, v = c.Next() {
			ev, err := decodeEvent(v)
			if err != nil {
				return err
			}
			if err := emit(ev); err != nil {
				return err
			}
		}
		tail := btx.Bucket(bucketJournalTail)
		if tail == nil {
			return nil
		}
		c = tail.Cursor()
		for k, v := c.Seek(u64(from)); k != nil; k, v = c.Next() {
			var ev dossier.Event
			var err error
			if prev == "" || !dossier.IsLinked(v) {
				ev, err = decodeAt(btx, k, v)
			} else if ev, err = dossier.ParseLinked(v, prev); err != nil {
				err = fmt.Errorf("%w: journal event: %w", errCorrupt, err)
			}
			if err != nil {
				return err
			}
			if err := emit(ev); err != nil {
				return err
			}
		}
		return nil
	})
}
