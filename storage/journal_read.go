package storage

import (
	"fmt"
	"strconv"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// An event is stored, in journal/ or the tail, in one of five forms: in
// a block (journal_block.go: packed events, what version 9 writes),
// packed alone (dossier.Event.AppendPacked: version 8), linked
// (AppendLinked: the tail of versions 6 and 7), stored (AppendStored:
// journal/ before) or JSON (the first builds of version 5). A block is
// kept under its first event's number, the others under their own.
// Packed and linked events name neither the hash of the event before nor,
// packed, always their operator: those come from the event before, which
// readers going in order already hold (eventReader) and the others look
// up.

// eventReader decodes events in order, each from the one before it.
type eventReader struct {
	btx *bbolt.Tx
	// prev is the event before (read is false until one was read).
	prev dossier.Event
	read bool
}

// entry decodes the events stored as v under key k — one, or a block's —
// and hands each to fn.
func (r *eventReader) entry(k, v []byte, fn func(dossier.Event) error) error {
	if !isBlock(v) {
		ev, err := r.next(fromU64(k), v)
		if err != nil {
			return err
		}
		return fn(ev)
	}
	w, err := walkBlock(k, v)
	if err != nil {
		return err
	}
	for {
		seq, packed, done, err := w.next()
		if err != nil || done {
			return err
		}
		ev, err := r.next(seq, packed)
		if err != nil {
			return err
		}
		if err := fn(ev); err != nil {
			return err
		}
	}
}

// next decodes event seq, stored alone as v (or packed in a block).
func (r *eventReader) next(seq uint64, v []byte) (dossier.Event, error) {
	var ev dossier.Event
	var err error
	switch {
	case !r.read:
		ev, err = decodeAt(r.btx, seq, v)
	case dossier.IsPacked(v):
		ev, err = dossier.ParsePacked(v, seq, r.prev.Hash, r.prev.Operator)
	case dossier.IsLinked(v):
		ev, err = dossier.ParseLinked(v, r.prev.Hash)
	default:
		ev, err = decodeEvent(v)
	}
	if err != nil {
		return ev, brokenAt(seq, err)
	}
	r.prev, r.read = ev, true
	return ev, nil
}

// brokenEvent is the error for the event stored under key k that does
// not read: the journal is broken there, as if the event had been edited
// (it was, or the file was damaged); verify names it.
func brokenEvent(k []byte, err error) error { return brokenAt(fromU64(k), err) }

// brokenAt is brokenEvent for event seq.
func brokenAt(seq uint64, err error) error {
	if err == nil || dossier.FaultOf(err) == dossier.FaultJournalBroken {
		return err
	}
	return dossier.ED(dossier.FaultJournalBroken, strconv.FormatUint(seq, 10), dossier.BreakHash, err)
}

// decodeAt reads event seq, stored alone as v (or packed in a block), on
// its own, looking up what its form leaves to the event before.
func decodeAt(btx *bbolt.Tx, seq uint64, v []byte) (dossier.Event, error) {
	if !dossier.IsLinked(v) && !dossier.IsPacked(v) {
		ev, err := decodeEvent(v)
		return ev, brokenAt(seq, err)
	}
	prev, err := hashAt(btx, seq-1)
	if err != nil {
		return dossier.Event{}, err
	}
	if dossier.IsLinked(v) {
		ev, err := dossier.ParseLinked(v, prev)
		return ev, brokenAt(seq, err)
	}
	var before string
	if _, same, err := dossier.PackedOperator(v); err != nil {
		return dossier.Event{}, brokenAt(seq, err)
	} else if same {
		if before, err = operatorAt(btx, seq-1); err != nil {
			return dossier.Event{}, err
		}
	}
	ev, err := dossier.ParsePacked(v, seq, prev, before)
	return ev, brokenAt(seq, err)
}

// storedAt is the stored form of event seq, in the tail (the newest, in
// the root page: looked up first), journal_mid/ or journal/: its value,
// or its packed form within its block.
func storedAt(btx *bbolt.Tx, seq uint64) ([]byte, error) {
	var v []byte
	var err error
	for _, b := range journalBuckets(btx) {
		if v != nil || err != nil {
			break
		}
		v, err = storedIn(b, seq)
	}
	if v == nil && err == nil {
		err = fmt.Errorf("%w: journal event %d missing", errCorrupt, seq)
	}
	return v, err
}

// storedIn is the stored form of event seq in b, nil if b does not hold
// it.
func storedIn(b *bbolt.Bucket, seq uint64) ([]byte, error) {
	k, v := entryFrom(b.Cursor(), seq)
	switch {
	case k == nil || fromU64(k) > seq:
		return nil, nil
	case !isBlock(v):
		if fromU64(k) != seq {
			return nil, nil
		}
		return v, nil
	}
	w, err := walkBlock(k, v)
	if err != nil {
		return nil, err
	}
	for {
		at, packed, done, err := w.next()
		if err != nil || done || at == seq {
			return packed, err
		}
	}
}

// entryFrom is the entry of c's bucket that holds event seq if there is
// one — seq's own, or the last one before it, a block that may hold it —
// else the first after it.
func entryFrom(c *bbolt.Cursor, seq uint64) (k, v []byte) {
	k, v = c.Seek(u64(seq))
	if k != nil && fromU64(k) == seq {
		return k, v
	}
	var pk, pv []byte
	if k == nil {
		pk, pv = c.Last()
	} else {
		pk, pv = c.Prev()
	}
	if pk != nil {
		return pk, pv
	}
	return c.First()
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
				return ev.Operator, brokenAt(seq, err)
			}
			ev, err := decodeEvent(v)
			return ev.Operator, brokenAt(seq, err)
		}
		op, same, err := dossier.PackedOperator(v)
		if err != nil || !same {
			return op, brokenAt(seq, err)
		}
		seq--
	}
	return "", fmt.Errorf("%w: journal event %d: no operator", errCorrupt, seq)
}

// journalBuckets are the buckets that hold btx's journal, newest first:
// the tail, journal_mid/ and journal/ (those the file has).
func journalBuckets(btx *bbolt.Tx) []*bbolt.Bucket {
	bs := make([]*bbolt.Bucket, 0, 3)
	for _, name := range [][]byte{bucketJournalTail, bucketJournalMid, bucketJournal} {
		if b := btx.Bucket(name); b != nil {
			bs = append(bs, b)
		}
	}
	return bs
}

// lastStored is the journal's last entry, key and value: the tail's, or
// journal_mid/'s or journal/'s when those after it are empty; nil when
// the journal is empty.
func lastStored(btx *bbolt.Tx) (k, v []byte) {
	for _, b := range journalBuckets(btx) {
		if k, v = b.Cursor().Last(); k != nil {
			return k, v
		}
	}
	return nil, nil
}

// lastLink is what the next event chains from when the entry v under key
// k is the journal's last: its last event's number and hash, read from
// the end of its stored form without parsing the rest.
func lastLink(k, v []byte) (uint64, string, error) {
	switch {
	case isBlock(v):
		return blockLink(k, v)
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
// without going through the others (but those of its block).
func (s *Store) JournalHead() (dossier.Event, error) {
	var ev dossier.Event
	err := s.view(func(btx *bbolt.Tx) error {
		k, v := lastStored(btx)
		if k == nil {
			return nil
		}
		r := eventReader{btx: btx}
		return r.entry(k, v, func(e dossier.Event) error { ev = e; return nil })
	})
	return ev, err
}

// Journal implements dossier.Store: the events from sequence number
// from, decoded one at a time in a read transaction — journal/'s, then
// journal_mid/'s and the tail's, which follow them (each chained from the
// one read before).
func (s *Store) Journal(from uint64, fn func(dossier.Event) error) error {
	from = max(from, 1)
	return s.view(func(btx *bbolt.Tx) error {
		r := eventReader{btx: btx}
		n := 0
		each := func(ev dossier.Event) error {
			// Those before from, in the block that holds it, are read
			// for the chain but not handed on.
			if ev.Seq < from {
				return nil
			}
			if err := fn(ev); err != nil {
				return err
			}
			// Events lie on pages spread over the file, as evidence
			// records do (see releaseRecordsEvery): released now and then.
			if n++; n%releaseRecordsEvery == 0 {
				releaseMapping(btx)
			}
			return nil
		}
		bs := journalBuckets(btx)
		for i := range bs {
			c := bs[len(bs)-1-i].Cursor() // oldest first
			k, v := c.First()
			if !r.read {
				// The first bucket that reaches from, from the entry
				// holding it; the next ones whole, each following on.
				if lk, lv := c.Last(); lk != nil {
					if last, _, err := lastLink(lk, lv); err == nil && last < from {
						continue
					}
				}
				k, v = entryFrom(c, from)
			}
			for ; k != nil; k, v = c.Next() {
				if err := r.entry(k, v, each); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
