package storage

import (
	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// commit is one batch of an ingest on its way to disk: its transaction
// runs on a goroutine of its own while the writer gathers the next batch,
// so that the hashing of the next chunks overlaps the two fdatasync calls
// of this one. One commit at a time: the writer waits for it (wait)
// before it starts the next, and only then reads what it changed.
type commit struct {
	done chan struct{}
	err  error

	// The batch, handed over by the writer, which no longer touches it.
	fresh   map[digest]piece
	cur     *ingestItem // the item whose tail goes under pending, or nil
	curKey  []byte      // its pending key before the commit (nil: a new one)
	next    uint64      // how many entries its pending list holds
	tail    []digest
	linked  []*ingestItem
	release [][]byte
	room    int64 // bytes of cur still to come, when known: see makeRoom

	// What the writer applies once the commit has succeeded.
	newKey []byte // cur's pending key
	added  []dossier.Evidence
}

// flush hands the batch gathered so far to a commit: the new chunks that
// lists name, the tail of the current item (under its pending key) and
// the items read whole, each with its evidence record. It first waits for
// the commit before, and returns its error.
func (w *batchWriter) flush() error {
	if err := w.wait(); err != nil {
		return err
	}
	cur := w.cur
	if cur != nil && len(cur.tail) == 0 {
		cur = nil
	}
	if cur == nil && len(w.linked) == 0 && len(w.release) == 0 {
		w.dropFresh()
		return nil
	}
	// Chunks outside the pool (those of small files) are not bounded by
	// it: such a batch commits before the next is gathered, so that two
	// of them are never in memory at once.
	unpooled := w.freshBytes - w.freshPooled*chunkSize
	c := &commit{done: make(chan struct{}), fresh: w.fresh, cur: cur, linked: w.linked, release: w.release}
	if cur != nil {
		c.curKey, c.next, c.tail = cur.pending, cur.next, cur.tail
		c.room = cur.ev.Size - cur.read
		// A new slice: the writer appends to it while c lists the old one.
		cur.next, cur.tail = cur.next+uint64(len(cur.tail)), nil
	}
	w.fresh, w.freshBytes, w.freshPooled = map[digest]piece{}, 0, 0
	w.linked, w.release = nil, nil
	w.inflight = c
	go c.run(w.s, w.p)
	if unpooled >= chunkSize {
		return w.wait()
	}
	return nil
}

// wait waits for the commit under way, if any, and settles its items. When it failed, its items and pending keys go back to
// the writer, for fail to report and release.
func (w *batchWriter) wait() error {
	c := w.inflight
	if c == nil {
		return nil
	}
	<-c.done
	w.inflight = nil
	if c.err != nil {
		w.linked = append(c.linked, w.linked...)
		w.release = append(c.release, w.release...)
		return c.err
	}
	if c.cur != nil {
		c.cur.pending = c.newKey
	}
	for i, it := range c.linked {
		w.settle(it.index, c.added[i], nil)
	}
	return nil
}

// run writes the batch in one transaction, then gives its buffers back at
// once: the reading stages may be waiting for them while the writer
// gathers the next batch.
func (c *commit) run(s *Store, p *pipeline) {
	defer close(c.done)
	defer p.drop(c.fresh)
	added := make([]dossier.Evidence, len(c.linked))
	var key []byte
	c.err = s.update(func(tx *bbolt.Tx) error {
		if c.room > 0 {
			// What is left of a large content, and its lists.
			if err := growAhead(tx, c.room+c.room/32+4<<20, attachRoomStep); err != nil {
				return err
			}
		}
		lw := &listWriter{t: newChunkTable(tx, true), fresh: c.fresh, written: map[digest]bool{}}
		pending := tx.Bucket(bucketPending)
		for _, k := range c.release {
			if err := releasePending(pending, lw.t, k); err != nil {
				return err
			}
		}
		if c.cur != nil {
			list, k, err := pendingList(pending, c.curKey)
			if err != nil {
				return err
			}
			if err := lw.append(list, c.next, c.tail); err != nil {
				return err
			}
			key = k
		}
		for i, it := range c.linked {
			ev, err := linkItem(tx, lw, it, &s.cats)
			if err != nil {
				return err
			}
			added[i] = ev
		}
		return nil
	})
	c.newKey, c.added = key, added
	// The pages of the dossier's mapping that bbolt read meanwhile (index,
	// lists, branches) would stay in the resident set: 1-2 MiB by the end
	// of a 1 GiB attach. They fault back in when needed.
	_ = s.view(func(tx *bbolt.Tx) error { releaseMapping(tx); return nil })
}
