package storage

import (
	"fmt"
	"strconv"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// An event is stored, in journal/ or the tail, in one of four forms:
// packed (dossier.Event.AppendPacked: what this version writes), linked
// (AppendLinked: the tail of versions 6 and 7), stored (AppendStored:
// journal/ before) or JSON (the first builds of version 5). Packed and
// linked events name neither the hash of the event before nor, packed,
// always their operator: those come from the event before, which readers
// going in order already hold (eventReader) and the others look up.

// eventReader decodes events in order, each from the one before it.
type eventReader struct {
	btx *bbolt.Tx
	// prev is the event before (read is false until one was read).
	prev dossier.Event
	read bool
}

// next decodes the event stored as v under key k.
func (r *eventReader) next(k, v []byte) (dossier.Event, error) {
	var ev dossier.Event
	var err error
	switch {
	case !r.read:
		ev, err = decodeAt(r.btx, k, v)
	case dossier.IsPacked(v):
		ev, err = dossier.ParsePacked(v, fromU64(k), r.prev.Hash, r.prev.Operator)
	case dossier.IsLinked(v):
		ev, err = dossier.ParseLinked(v, r.prev.Hash)
	default:
		ev, err = decodeEvent(v)
	}
	if err != nil {
		return ev, brokenEvent(k, err)
	}
	r.prev, r.read = ev, true
	return ev, nil
}

// brokenEvent is the error for the event stored under key k that does
// not read: the journal is broken there, as if the event had been edited
// (it was, or the file was damaged); verify names it.
func brokenEvent(k []byte, err error) error {
	if err == nil || dossier.FaultOf(err) == dossier.FaultJournalBroken {
		return err
	}
	return dossier.ED(dossier.FaultJournalBroken, strconv.FormatUint(fromU64(k), 10), dossier.BreakHash, err)
}

// decodeAt reads the event stored as v under key k on its own, looking
// up what its form leaves to the event before.
func decodeAt(btx *bbolt.Tx, k, v []byte) (dossier.Event, error) {
	if !dossier.IsLinked(v) && !dossier.IsPacked(v) {
		ev, err := decodeEvent(v)
		return ev, brokenEvent(k, err)
	}
	seq := fromU64(k)
	prev, err := hashAt(btx, seq-1)
	if err != nil {
		return dossier.Event{}, err
	}
	if dossier.IsLinked(v) {
		ev, err := dossier.ParseLinked(v, prev)
		return ev, brokenEvent(k, err)
	}
	var before string
	if _, same, err := dossier.PackedOperator(v); err != nil {
		return dossier.Event{}, brokenEvent(k, err)
	} else if same {
		if before, err = operatorAt(btx, seq-1); err != nil {
			return dossier.Event{}, err
		}
	}
	ev, err := dossier.ParsePacked(v, seq, prev, before)
	return ev, brokenEvent(k, err)
}

// storedAt is the stored value of event seq, in the tail (the newest,
// in the root page: looked up first) or journal/.
func storedAt(btx *bbolt.Tx, seq uint64) ([]byte, error) {
	k := u64(seq)
	var v []byte
	if t := btx.Bucket(bucketJournalTail); t != nil {
		v = t.Get(k)
	}
	if v == nil {
		v = btx.Bucket(bucketJournal).Get(k)
	}
	if v == nil {
		return nil, fmt.Errorf("%w: journal event %d missing", errCorrupt, seq)
	}
	return v, nil
}

// hashAt is the hash of event seq: GenesisPrev of the dossier's ID for 0.
func hashAt(btx *bbolt.Tx, seq uint64) (string, error) {
	if seq == 0 {
		var in dossier.Info
		_, err := get(btx.Bucket(bucketDossier), keyInfo, &in)
		return dossier.GenesisPrev(in.ID), err
	}
	v, err := storedAt(btx, seq)
	if err != nil {
		return "", err
	}
	_, h, err := lastLink(u64(seq), v)
	return h, err
}

// operatorAt is the operator of event seq, walking back over the packed
// events that name none (at most dossier.MaxSameOperator of them).
func operatorAt(btx *bbolt.Tx, seq uint64) (string, error) {
	for range dossier.MaxSameOperator {
		if seq == 0 {
			break
		}
		v, err := storedAt(btx, seq)
		if err != nil {
			return "", err
		}
		if !dossier.IsPacked(v) {
			if dossier.IsLinked(v) {
				ev, err := dossier.ParseLinked(v, "")
				return ev.Operator, brokenEvent(u64(seq), err)
			}
			ev, err := decodeEvent(v)
			return ev.Operator, brokenEvent(u64(seq), err)
		}
		op, same, err := dossier.PackedOperator(v)
		if err != nil || !same {
			return op, brokenEvent(u64(seq), err)
		}
		seq--
	}
	return "", fmt.Errorf("%w: journal event %d: no operator", errCorrupt, seq)
}

// lastStored is the last event's key and stored form: the tail's last
// (inTail), or journal/'s when the tail is empty (or absent); nil when
// the journal is empty.
func lastStored(j, tail *bbolt.Bucket) (k, v []byte, inTail bool) {
	if tail != nil {
		if k, v = tail.Cursor().Last(); k != nil {
			return k, v, true
		}
	}
	k, v = j.Cursor().Last()
	return k, v, false
}

// lastLink is what the next event chains from: the last event's number
// (its key) and hash, read from the end of its stored form without
// parsing the rest.
func lastLink(k, v []byte) (uint64, string, error) {
	switch {
	case dossier.IsPacked(v):
		return fromU64(k), dossier.PackedHash(v), nil
	case dossier.IsLinked(v):
		return fromU64(k), dossier.LinkedHash(v), nil
	}
	const tail = len("64:,") + 64
	if n := len(v); n > tail && v[0] != '{' && string(v[n-tail:n-64-1]) == "64:" && v[n-1] == ',' {
		return fromU64(k), string(v[n-65 : n-1]), nil
	}
	last, err := decodeEvent(v)
	return last.Seq, last.Hash, brokenEvent(k, err)
}

// decodeEvent reads a stored event: its stored form (dossier.Event.
// AppendStored), or a JSON record as the first builds of schema 5 wrote.
func decodeEvent(v []byte) (dossier.Event, error) {
	if len(v) > 0 && v[0] == '{' {
		var ev dossier.Event
		err := decode(v, &ev)
		return ev, err
	}
	return dossier.ParseStored(v)
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
		k, v, _ := lastStored(j, btx.Bucket(bucketJournalTail))
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
// the tail's, which follow them (each chained from the one read before).
func (s *Store) Journal(from uint64, fn func(dossier.Event) error) error {
	from = max(from, 1)
	return s.view(func(btx *bbolt.Tx) error {
		j := btx.Bucket(bucketJournal)
		if j == nil {
			return nil
		}
		r := eventReader{btx: btx}
		n := 0
		for _, b := range []*bbolt.Bucket{j, btx.Bucket(bucketJournalTail)} {
			if b == nil {
				continue
			}
			c := b.Cursor()
			for k, v := c.Seek(u64(from)); k != nil; k, v = c.Next() {
				ev, err := r.next(k, v)
				if err != nil {
					return err
				}
				if err := fn(ev); err != nil {
					return err
				}
				// Events lie on pages spread over the file, as evidence
				// records do (see releaseRecordsEvery): released now and then.
				if n++; n%releaseRecordsEvery == 0 {
					releaseMapping(btx)
				}
			}
		}
		return nil
	})
}
