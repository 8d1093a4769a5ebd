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
	var seq uint64
	var prev string
	if k, v := b.Cursor().Last(); k != nil {
		var last dossier.Event
		if err := decode(v, &last); err != nil {
			return dossier.Event{}, err
		}
		seq, prev = last.Seq, last.Hash
	} else {
		var in dossier.Info
		if _, err := get(btx.Bucket(bucketDossier), keyInfo, &in); err != nil {
			return dossier.Event{}, err
		}
		prev = dossier.GenesisPrev(in.ID)
	}
	ev = ev.Chained(seq+1, now, prev)
	return ev, put(b, u64(ev.Seq), ev)
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
		for k, v := c.Seek(u64(max(from, 1))); k != nil; k, v = c.Next() {
			var ev dossier.Event
			if err := decode(v, &ev); err != nil {
				return err
			}
			if err := fn(ev); err != nil {
				return err
			}
		}
		return nil
	})
}
