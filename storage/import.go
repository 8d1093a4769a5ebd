package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"runtime"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

var _ dossier.Importer = (*Store)(nil)

// importBatchBytes is how many bytes of new chunks one transaction of an
// import writes. Each commit waits for the disk twice (bbolt's two
// fdatasync calls; the file's growth, a third, is made once ahead: see
// makeRoom); at the commit bbolt holds the batch in heap (its dirty
// pages) beside the other file's mapped chunks, so a merge's peak RSS is
// about 45 MiB (the process) plus twice the batch: 16 MiB, 77-79 MiB;
// 24 MiB, 93 MiB; 32 MiB, 108 MiB, over the 100 MiB bound (30 Nov, with
// the garbage collected at each commit). Larger batches cost no more CPU
// since then (they used to: the collector ran again and again against the
// CLI's memory limit), but 24 MiB leaves too little room under the bound.
var importBatchBytes = 16 << 20

// ImportEvidence implements dossier.Importer. The contents of evs that the
// dossier lacks are copied from from's file, a chunk at a time: only the
// chunks it does not hold are written, and each content read is checked
// against its SHA-256 (a damaged copy brings nothing in), in transactions of at most batchBytes, listed under pending/<seq> like
// an attach in progress. One final transaction then turns those lists
// into contents, records evs (new IDs) and runs fn: a crash before it
// leaves the dossier as it was plus pending lists, which the next open
// sweeps (see sweepPending).
func (s *Store) ImportEvidence(ctx context.Context, from dossier.Store, evs []dossier.Evidence, fn func(dossier.Tx, []dossier.Evidence) error, progress dossier.Progress) error {
	src, ok := from.(*Store)
	if !ok {
		return dossier.E(dossier.FaultInternal, s.path, errors.New("import from a store of another kind"))
	}
	return s.importEvidence(ctx, src, evs, false, fn, progress)
}

// importEvidence is ImportEvidence; keepIDs records evs under their own
// IDs (a working copy) instead of new ones.
func (s *Store) importEvidence(ctx context.Context, src *Store, evs []dossier.Evidence, keepIDs bool, fn func(dossier.Tx, []dossier.Evidence) error, progress dossier.Progress) (err error) {
	if s.readOnly {
		return dossier.E(dossier.FaultInternal, s.path, bbolt.ErrDatabaseReadOnly)
	}
	if sameFile(s.path, src.path) {
		return dossier.E(dossier.FaultMergeSelf, s.path, nil)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	src.mu.RLock()
	defer src.mu.RUnlock()
	// bbolt panics on some damaged pages: the copy's, here.
	defer src.recoverCorrupt(&err)
	return src.db.View(func(stx *bbolt.Tx) error {
		im := &importer{ctx: ctx, s: s, stx: stx, progress: progress}
		im.total = im.plan(evs)
		if err := im.begin(); err != nil {
			return fsError(s.path, err, true)
		}
		err := im.run(evs, keepIDs, fn)
		if err != nil {
			im.abort()
		}
		return err
	})
}

// sameFile tells whether two paths name one file.
func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// importer copies contents from the read transaction stx of another
// dossier into s, in bounded write transactions.
type importer struct {
	ctx      context.Context
	s        *Store
	stx      *bbolt.Tx
	tx       *bbolt.Tx // the open write transaction of s
	bytes    int       // chunk bytes written in tx
	done     int64
	total    int64
	progress dossier.Progress
	// copies are the contents being copied, in order, with their pending
	// key in s once listed.
	copies  []importCopy
	written [][]byte // pending keys committed, to release on failure
}

type importCopy struct {
	sha     string
	key     []byte // content digest
	size    int64
	pending []byte
}

// plan lists the contents of evs that s lacks, once each, and returns
// their total size.
func (im *importer) plan(evs []dossier.Evidence) int64 {
	seen := map[string]bool{}
	var total int64
	_ = im.s.db.View(func(tx *bbolt.Tx) error {
		contents := tx.Bucket(bucketContents)
		for _, ev := range evs {
			key, err := hex.DecodeString(ev.SHA256)
			if err != nil || seen[ev.SHA256] || contents.Bucket(key) != nil {
				continue
			}
			seen[ev.SHA256] = true
			im.copies = append(im.copies, importCopy{sha: ev.SHA256, key: key, size: ev.Size})
			total += ev.Size
		}
		return nil
	})
	return total
}

// begin begins the next write transaction, with room in the file for
// what is left to copy when that takes more than one transaction (see
// makeRoom; lists, index and tree pages take well under 1/128 more). One
// transaction's worth is left to bbolt: an import that fits in the final
// transaction, refused there (a damaged copy), then writes nothing at all.
func (im *importer) begin() error {
	tx, err := im.s.db.Begin(true)
	im.tx, im.bytes = tx, 0
	if err != nil {
		return err
	}
	if left := im.total - im.done; left > int64(importBatchBytes) {
		return makeRoom(tx, left+left/128+2<<20)
	}
	return nil
}

// commit commits the open write transaction and begins the next one,
// letting go of the pages both files mapped meanwhile.
func (im *importer) commit() error {
	if err := im.tx.Commit(); err != nil {
		im.tx = nil
		return fsError(im.s.path, err, true)
	}
	for i := range im.copies {
		if im.copies[i].pending != nil && !containsKey(im.written, im.copies[i].pending) {
			im.written = append(im.written, im.copies[i].pending)
		}
	}
	releaseMapping(im.stx)
	im.s.db.View(func(tx *bbolt.Tx) error { releaseMapping(tx); return nil })
	// The batch's pages, which bbolt built in the heap, are garbage now:
	// collected here, between two commits, their memory goes to the next
	// batch (no fresh pages to fault in and zero) and no collection runs
	// in the middle of the next commit. A process that turns the
	// collector's own pacing off for a merge (the CLI: see cmdMerge)
	// relies on this to keep its heap to one batch.
	runtime.GC()
	if err := im.ctx.Err(); err != nil {
		im.tx = nil
		return dossier.E(dossier.FaultCancelled, "", err)
	}
	if im.progress != nil {
		im.progress(im.done, im.total)
	}
	if err := im.begin(); err != nil {
		return fsError(im.s.path, err, true)
	}
	return nil
}

func containsKey(keys [][]byte, k []byte) bool {
	for _, x := range keys {
		if bytes.Equal(x, k) {
			return true
		}
	}
	return false
}

// run copies every content, then links them and evs in the final
// transaction.
func (im *importer) run(evs []dossier.Evidence, keepIDs bool, fn func(dossier.Tx, []dossier.Evidence) error) error {
	for i := range im.copies {
		if err := im.copyContent(&im.copies[i]); err != nil {
			return err
		}
	}
	if err := im.link(evs, keepIDs, fn); err != nil {
		return err
	}
	if err := flushSummaries(im.tx); err != nil {
		return err
	}
	err := im.tx.Commit()
	im.tx = nil
	if err != nil {
		return fsError(im.s.path, err, true)
	}
	if im.progress != nil {
		im.progress(im.total, im.total)
	}
	return nil
}

// damagedCopy is the error of a source dossier whose content fails its
// checks.
func (im *importer) damagedCopy(detail string) error {
	return damagedAt(im.stx.DB().Path(), detail)
}

// copyContent lists one content's chunks under a new pending key of s,
// writing each chunk s lacks.
func (im *importer) copyContent(c *importCopy) error {
	sc := im.stx.Bucket(bucketContents).Bucket(c.key)
	if sc == nil || sc.Bucket(keyList) == nil {
		return im.damagedCopy("content " + c.sha + " missing")
	}
	var info contentInfo
	if _, err := get(sc, keyInfo, &info); err != nil {
		return err
	}
	if info.Size != c.size {
		return im.damagedCopy(fmt.Sprintf("content %s: size %d, recorded %d", c.sha, info.Size, c.size))
	}
	srcIndex, srcChunks := im.stx.Bucket(bucketChunkIndex), im.stx.Bucket(bucketChunks)
	list, key, err := pendingList(im.tx.Bucket(bucketPending), nil)
	if err != nil {
		return err
	}
	c.pending = key
	t := newChunkTable(im.tx, im.s.ingests.Load() > 0)
	var n uint64
	var size int64
	// The content's SHA-256 is computed beside the copy, while commits
	// wait for the disk.
	sums := make(chan []byte, 64)
	digest := make(chan string, 1)
	go func() {
		whole := sha256.New()
		for v := range sums {
			whole.Write(v)
		}
		digest <- hex.EncodeToString(whole.Sum(nil))
	}()
	defer func() {
		if sums != nil {
			close(sums)
			<-digest
		}
	}()
	cur := sc.Bucket(keyList).Cursor()
	for k, d := cur.First(); k != nil; k, d = cur.Next() {
		if fromU64(k) != n || len(d) != sha256.Size {
			return im.damagedCopy(fmt.Sprintf("content %s: bad chunk list at %d", c.sha, n))
		}
		e, ok := lookupChunk(srcIndex, d)
		v := chunkData(srcChunks, e)
		if !ok || v == nil || len(v) > chunkSize {
			return im.damagedCopy(fmt.Sprintf("content %s: chunk %d missing", c.sha, n))
		}
		size += int64(len(v))
		sums <- v
		if !t.has(d) {
			if err := t.store(d, v); err != nil {
				return err
			}
			im.bytes += len(v)
		}
		if err := t.ref(d); err != nil {
			return err
		}
		list.FillPercent = 1
		if err := list.Put(u64(n), d); err != nil {
			return err
		}
		n++
		im.done += int64(len(v))
		if im.bytes >= importBatchBytes {
			if err := im.commit(); err != nil {
				return err
			}
			t = newChunkTable(im.tx, im.s.ingests.Load() > 0)
			list = im.tx.Bucket(bucketPending).Bucket(key).Bucket(keyList)
		}
	}
	close(sums)
	sum := <-digest
	sums = nil
	if size != c.size || sum != c.sha {
		return im.damagedCopy(fmt.Sprintf("content %s: %d bytes read, digest differs or size %d", c.sha, size, c.size))
	}
	return nil
}

// link turns the pending lists into contents and records evs, then runs
// fn, all in the open transaction.
func (im *importer) link(evs []dossier.Evidence, keepIDs bool, fn func(dossier.Tx, []dossier.Evidence) error) error {
	tx := im.tx
	contents, pending := tx.Bucket(bucketContents), tx.Bucket(bucketPending)
	t := newChunkTable(tx, im.s.ingests.Load() > 0)
	for _, c := range im.copies {
		if contents.Bucket(c.key) != nil {
			// Attached meanwhile by this process: keep that one.
			if err := releasePending(pending, t, c.pending); err != nil {
				return err
			}
			continue
		}
		b, err := contents.CreateBucket(c.key)
		if err != nil {
			return err
		}
		// The list's entries pass to the content with their references.
		// Copied, not moved: MoveBucket of a list written in this same
		// transaction left an empty list in our tests.
		list, err := b.CreateBucket(keyList)
		if err != nil {
			return err
		}
		list.FillPercent = 1
		if err := pending.Bucket(c.pending).Bucket(keyList).ForEach(func(k, d []byte) error {
			return list.Put(bytes.Clone(k), bytes.Clone(d))
		}); err != nil {
			return err
		}
		if err := pending.DeleteBucket(c.pending); err != nil {
			return err
		}
		if err := put(b, keyInfo, contentInfo{Size: c.size}); err != nil {
			return err
		}
	}
	added := make([]dossier.Evidence, 0, len(evs))
	for _, ev := range evs {
		ev, err := linkEvidence(tx, ev, keepIDs)
		if err != nil {
			return err
		}
		added = append(added, ev)
	}
	return inTxWith(tx, false, &im.s.cats, func(t dossier.Tx) error {
		if fn == nil {
			return nil
		}
		return fn(t, added)
	})
}

// linkEvidence records ev, whose content is stored, as one more reference
// to it.
func linkEvidence(tx *bbolt.Tx, ev dossier.Evidence, keepID bool) (dossier.Evidence, error) {
	key, err := digestKey(ev.SHA256)
	if err != nil {
		return ev, err
	}
	c := tx.Bucket(bucketContents).Bucket(key)
	if c == nil {
		return ev, damagedAt(tx.DB().Path(), "content "+ev.SHA256+" missing")
	}
	var info contentInfo
	if _, err := get(c, keyInfo, &info); err != nil {
		return ev, err
	}
	info.Refs++
	if err := put(c, keyInfo, info); err != nil {
		return ev, err
	}
	if !keepID {
		return putNewEvidence(tx, ev)
	}
	if err := put(tx.Bucket(bucketEvidence), u64(ev.ID), ev); err != nil {
		return ev, err
	}
	return ev, putIndex(tx, ev)
}

// abort rolls the open transaction back and releases the pending lists
// committed so far; if that fails too, the next open sweeps them.
func (im *importer) abort() {
	if im.tx != nil {
		im.tx.Rollback()
		im.tx = nil
	}
	if len(im.written) == 0 {
		return
	}
	_ = im.s.db.Update(func(tx *bbolt.Tx) error {
		t := newChunkTable(tx, im.s.ingests.Load() > 0)
		for _, k := range im.written {
			if err := releasePending(tx.Bucket(bucketPending), t, k); err != nil {
				return err
			}
		}
		return nil
	})
}
