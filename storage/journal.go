package storage

import (
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Record implements dossier.Tx: ev is chained after the last event of
// journal/ and stored under its sequence number, in this transaction.
func (t *tx) Record(ev dossier.Event) (dossier.Event, error) {
	return appendEvent(t.btx, ev, t.now)
}

// appendEvent chains ev after the last event of btx's journal (or from
// the dossier's ID when it is empty), dated now, and stores it.
func appendEvent(btx *bbolt.Tx, ev dossier.Event, now time.Time) (dossier.Event, error) {
	b := btx.Bucket(bucketJournal)
	if b == nil {
		return dossier.Event{}, fmt.Errorf("%w: no journal bucket", errCorrupt)
	}
	// Append-only keys: full pages (bbolt's default half-fills them).
	b.FillPercent = 1
	var seq uint64
	var prev string
	if k, v := b.Cursor().Last(); k != nil {
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
	ev = ev.Chained(seq+1, now, prev)
	return ev, b.Put(u64(ev.Seq), ev.AppendStored(nil))
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
		b := btx.Bucket(bucketJournal)
		if b == nil {
			return nil
		}
		k, v := b.Cursor().Last()
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
// from, decoded one at a time in a read transaction.
func (s *Store) Journal(from uint64, fn func(dossier.Event) error) error {
	return s.view(func(btx *bbolt.Tx) error {
		b := btx.Bucket(bucketJournal)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		n := 0
		for k, v := c.Seek(u64(max(from, 1))); k != nil; k, v = c.Next() {
			ev, err := decodeEvent(v)
			if err != nil {
				return err
			}
			if err := fn(ev); err != nil {
				return err
			}
			// Events lie on pages spread over the file, as evidence
			// records do (see releaseRecordsEvery).
			if n++; n%releaseRecordsEvery == 0 {
				releaseMapping(btx)
			}
		}
		return nil
	})
}
