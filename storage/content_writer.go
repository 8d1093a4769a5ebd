package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

type digest = [sha256.Size]byte

// ingestItem is one content on its way into the store.
type ingestItem struct {
	index int
	ev    dossier.Evidence
	link  func(dossier.Tx, dossier.Evidence) error
	// pending is pending/<seq> once a transaction has listed part of the
	// content there; next is how many entries it lists.
	pending []byte
	next    uint64
	// tail holds the digests of chunks not listed yet.
	tail []digest
	sum  digest
	size int64
	read int64 // bytes read so far
}

// batchWriter is the last stage of an ingest: it gathers new chunks and
// finished items and writes them in few transactions.
type batchWriter struct {
	s        *Store
	items    []dossier.Incoming
	results  []dossier.Added
	settled  []bool
	progress dossier.Progress
	p        *pipeline
	read     int64

	fresh       map[digest]piece // new chunks, not stored yet
	freshBytes  int
	freshPooled int
	cur         *ingestItem
	linked      []*ingestItem // read whole, to link at the next commit
	release     [][]byte      // pending keys of failed items
	inflight    *commit       // the batch being committed, if any
}

func newBatchWriter(s *Store, items []dossier.Incoming, progress dossier.Progress) *batchWriter {
	return &batchWriter{
		s: s, items: items, progress: progress,
		results: make([]dossier.Added, len(items)), settled: make([]bool, len(items)),
		fresh: map[digest]piece{},
	}
}

func cancelled(err error) error {
	return dossier.E(dossier.FaultCancelled, "", err)
}

// run drives the pipeline to its end, or to the first failed transaction
// or cancellation.
func (w *batchWriter) run(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	w.p = startPipeline(ctx, w.items)
	defer func() {
		cancel()
		for range w.p.out { // let the stages see ctx and end
		}
	}()
	var fatal error
	for pc := range w.p.out {
		if err := parent.Err(); err != nil {
			fatal = cancelled(err)
			break
		}
		if fatal = w.take(pc); fatal != nil {
			break
		}
	}
	if fatal == nil {
		if err := parent.Err(); err != nil {
			fatal = cancelled(err)
		} else if fatal = w.flush(); fatal == nil {
			fatal = w.wait()
		}
	}
	if fatal != nil {
		_ = w.wait() // its items, if it failed too, report fatal
		w.fail(fatal)
	}
}

// take handles one piece; an error stops the batch.
func (w *batchWriter) take(pc piece) error {
	cur := w.cur
	if pc.kind != pieceStart && pc.kind != pieceFail && (cur == nil || cur.index != pc.item) {
		// The rest of an item refused at its start.
		if pc.pooled {
			w.p.give(pc.buf)
		}
		return nil
	}
	switch pc.kind {
	case pieceStart:
		if pc.ev.ReqID == "" {
			w.settle(pc.item, dossier.Evidence{}, dossier.ED(dossier.FaultInvalid, "req", "", dossier.ErrInvalid))
			return nil
		}
		w.cur = &ingestItem{index: pc.item, ev: pc.ev, link: pc.link}
	case pieceChunk:
		w.chunk(pc)
		if w.progress != nil {
			w.progress(w.read, -1)
		}
		if w.freshBytes >= batchBytes || w.freshPooled >= batchChunks || len(cur.tail) >= maxTail {
			return w.flush()
		}
	case pieceEnd:
		cur.sum, cur.size = pc.sum, pc.size
		w.linked = append(w.linked, cur)
		w.cur = nil
		if len(w.linked) >= batchItems {
			return w.flush()
		}
	case pieceFail:
		w.settle(pc.item, dossier.Evidence{}, pc.err)
		if cur != nil && cur.index == pc.item {
			if cur.pending != nil {
				w.release = append(w.release, cur.pending)
			}
			w.cur = nil
		}
	}
	return nil
}

// chunk records one chunk of the current item; a chunk not stored yet is
// kept until the next commit.
func (w *batchWriter) chunk(pc piece) {
	w.read += int64(len(pc.buf))
	w.cur.read += int64(len(pc.buf))
	w.cur.tail = append(w.cur.tail, pc.digest)
	if _, ok := w.fresh[pc.digest]; ok || w.stored(pc.digest) {
		if pc.pooled {
			w.p.give(pc.buf)
		}
		return
	}
	w.fresh[pc.digest] = pc
	w.freshBytes += len(pc.buf)
	if pc.pooled {
		w.freshPooled++
	}
}

// stored tells whether the chunk is in the store, from the index.
func (w *batchWriter) stored(d digest) bool {
	var ok bool
	_ = w.s.view(func(tx *bbolt.Tx) error {
		ok = tx.Bucket(bucketChunkIndex).Get(d[:]) != nil
		return nil
	})
	return ok
}

func (w *batchWriter) settle(i int, ev dossier.Evidence, err error) {
	w.results[i] = dossier.Added{Evidence: ev, Err: err}
	w.settled[i] = true
}

// linkItem stores one content read whole (or finds it stored), writes its
// evidence record, runs the item's link (its transaction reading the
// store's decoded catalogue cats) and stamps the dossier's updated_at.
func linkItem(tx *bbolt.Tx, lw *listWriter, it *ingestItem, cats *catalogueCache) (dossier.Evidence, error) {
	contents, pending := tx.Bucket(bucketContents), tx.Bucket(bucketPending)
	var info contentInfo
	if c := contents.Bucket(it.sum[:]); c != nil {
		// Identical content is stored once: count one more reference.
		if _, err := get(c, keyInfo, &info); err != nil {
			return dossier.Evidence{}, err
		}
		if it.pending != nil {
			if err := releasePending(pending, lw.t, it.pending); err != nil {
				return dossier.Evidence{}, err
			}
		}
		info.Refs++
		if err := put(c, keyInfo, info); err != nil {
			return dossier.Evidence{}, err
		}
	} else {
		c, err := contents.CreateBucket(it.sum[:])
		if err != nil {
			return dossier.Evidence{}, err
		}
		var list *bbolt.Bucket
		if it.pending != nil {
			if err := pending.Bucket(it.pending).MoveBucket(keyList, c); err != nil {
				return dossier.Evidence{}, err
			}
			if err := pending.DeleteBucket(it.pending); err != nil {
				return dossier.Evidence{}, err
			}
			list = c.Bucket(keyList)
		} else if list, err = c.CreateBucket(keyList); err != nil {
			return dossier.Evidence{}, err
		}
		if err := lw.append(list, it.next, it.tail); err != nil {
			return dossier.Evidence{}, err
		}
		if err := put(c, keyInfo, contentInfo{Size: it.size, Refs: 1}); err != nil {
			return dossier.Evidence{}, err
		}
	}
	ev := it.ev
	ev.Size, ev.SHA256 = it.size, hex.EncodeToString(it.sum[:])
	ev, err := putNewEvidence(tx, ev)
	if err != nil {
		return dossier.Evidence{}, err
	}
	return ev, inTxWith(tx, false, cats, func(t dossier.Tx) error {
		if it.link == nil {
			return nil
		}
		return it.link(t, ev)
	})
}

// dropFresh gives the buffers of new chunks back: written or not needed.
func (w *batchWriter) dropFresh() {
	w.p.drop(w.fresh)
	w.freshBytes, w.freshPooled = 0, 0
}

// fail reports err for every item not linked yet and releases the pending
// lists written for them; if that fails too, the next open sweeps them.
func (w *batchWriter) fail(err error) {
	for i := range w.results {
		if !w.settled[i] {
			w.results[i].Err = err
		}
	}
	keys := w.release
	if w.cur != nil && w.cur.pending != nil {
		keys = append(keys, w.cur.pending)
	}
	for _, it := range w.linked {
		if it.pending != nil {
			keys = append(keys, it.pending)
		}
	}
	w.dropFresh()
	if len(keys) == 0 {
		return
	}
	_ = w.s.update(func(tx *bbolt.Tx) error {
		t := newChunkTable(tx, true)
		pending := tx.Bucket(bucketPending)
		for _, k := range keys {
			if err := releasePending(pending, t, k); err != nil {
				return err
			}
		}
		return nil
	})
}
