package storage

import "go.etcd.io/bbolt"

// listWriter appends chunk digests to content lists in one write
// transaction, storing each new chunk the first time a list names it:
// a new chunk that no list names (its item failed, or its content turned
// out to be stored) is never written.
type listWriter struct {
	t       *chunkTable
	fresh   map[digest]piece
	written map[digest]bool
}

// append lists ds under indexes start, start+1, … of list. The keys and
// values refer to ds, which must not change before the commit.
func (lw *listWriter) append(list *bbolt.Bucket, start uint64, ds []digest) error {
	list.FillPercent = 1 // indexes only ever grow
	for i := range ds {
		d := ds[i][:]
		if pc, ok := lw.fresh[ds[i]]; ok && !lw.written[ds[i]] {
			lw.written[ds[i]] = true
			if !lw.t.has(d) {
				if err := lw.t.store(d, pc.buf); err != nil {
					return err
				}
			}
		}
		if err := lw.t.ref(d); err != nil {
			return err
		}
		if err := list.Put(u64(start+uint64(i)), d); err != nil {
			return err
		}
	}
	return nil
}

// pendingList is the list of pending/<key>, made with a new key when key
// is nil.
func pendingList(pending *bbolt.Bucket, key []byte) (*bbolt.Bucket, []byte, error) {
	if key != nil {
		b := pending.Bucket(key)
		if b == nil || b.Bucket(keyList) == nil {
			return nil, nil, damagedAt(pending.Tx().DB().Path(), "pending ingest without list")
		}
		return b.Bucket(keyList), key, nil
	}
	seq, err := pending.NextSequence()
	if err != nil {
		return nil, nil, err
	}
	key = u64(seq)
	b, err := pending.CreateBucket(key)
	if err != nil {
		return nil, nil, err
	}
	list, err := b.CreateBucket(keyList)
	return list, key, err
}

// releasePending drops pending/<key> and the references its list holds.
func releasePending(pending *bbolt.Bucket, t *chunkTable, key []byte) error {
	b := pending.Bucket(key)
	if b == nil {
		return nil
	}
	if list := b.Bucket(keyList); list != nil {
		if err := t.release(list); err != nil {
			return err
		}
	}
	return pending.DeleteBucket(key)
}
