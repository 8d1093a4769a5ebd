package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"go.etcd.io/bbolt"
)

// contentInfo describes one stored content.
type contentInfo struct {
	Size int64 `json:"size"`
	// Refs is the number of evidence records holding this content.
	Refs int `json:"refs"`
}

// chunkTable is the chunk store of one write transaction: chunk_index/
// and chunks/. Every list entry naming a chunk counts one reference; the
// chunk goes with its last reference, unless an ingest is running (see
// Store.ingests), which may have seen it and counts on finding it: the
// count then stays at zero and the orphan sweep removes it later.
//
// Chunks are stored under sequential keys in a bucket of their own per
// transaction (chunks/<seq>/<n>), never under their digest: a random key
// would land in a leaf holding other chunks, which bbolt would then read
// and write again whole (two 1 MiB chunks per leaf).
type chunkTable struct {
	index, chunks *bbolt.Bucket
	meta          *bbolt.Bucket
	keepOrphans   bool
	batch         *bbolt.Bucket // this transaction's chunks/<seq>, once made
	batchKey      []byte
	next          uint64
}

// chunkEntry is the value of chunk_index/<digest>: where the chunk is and
// how many list entries name it.
type chunkEntry struct {
	batch, n, refs uint64
}

func (e chunkEntry) bytes() []byte {
	b := make([]byte, 24)
	binary.BigEndian.PutUint64(b, e.batch)
	binary.BigEndian.PutUint64(b[8:], e.n)
	binary.BigEndian.PutUint64(b[16:], e.refs)
	return b
}

// lookupChunk reads the entry of digest d in index.
func lookupChunk(index *bbolt.Bucket, d []byte) (chunkEntry, bool) {
	v := index.Get(d)
	if len(v) != 24 {
		return chunkEntry{}, false
	}
	return chunkEntry{binary.BigEndian.Uint64(v), binary.BigEndian.Uint64(v[8:]), binary.BigEndian.Uint64(v[16:])}, true
}

// chunkData is the stored chunk of e, or nil.
func chunkData(chunks *bbolt.Bucket, e chunkEntry) []byte {
	b := chunks.Bucket(u64(e.batch))
	if b == nil {
		return nil
	}
	return b.Get(u64(e.n))
}

func newChunkTable(tx *bbolt.Tx, keepOrphans bool) *chunkTable {
	return &chunkTable{index: tx.Bucket(bucketChunkIndex), chunks: tx.Bucket(bucketChunks), meta: tx.Bucket(bucketMeta), keepOrphans: keepOrphans}
}

func (c *chunkTable) path() string { return c.index.Tx().DB().Path() }

// has tells whether the chunk with digest d is stored.
func (c *chunkTable) has(d []byte) bool { return c.index.Get(d) != nil }

// store writes a new chunk, without reference; data must stay unchanged
// until the commit.
func (c *chunkTable) store(d, data []byte) error {
	if c.batch == nil {
		seq, err := c.chunks.NextSequence()
		if err != nil {
			return err
		}
		c.batchKey = u64(seq)
		if c.batch, err = c.chunks.CreateBucket(c.batchKey); err != nil {
			return err
		}
		c.batch.FillPercent = 1 // keys only ever grow
	}
	if err := c.batch.Put(u64(c.next), data); err != nil {
		return err
	}
	e := chunkEntry{batch: fromU64(c.batchKey), n: c.next}
	c.next++
	return c.index.Put(d, e.bytes())
}

// ref counts one more reference to the chunk with digest d, which must be
// stored.
func (c *chunkTable) ref(d []byte) error {
	e, ok := lookupChunk(c.index, d)
	if !ok {
		return damagedAt(c.path(), fmt.Sprintf("chunk %x missing", d))
	}
	e.refs++
	return c.index.Put(d, e.bytes())
}

// unref drops one reference to the chunk with digest d.
func (c *chunkTable) unref(d []byte) error {
	e, ok := lookupChunk(c.index, d)
	if !ok {
		return damagedAt(c.path(), fmt.Sprintf("chunk %x missing", d))
	}
	if e.refs > 1 || c.keepOrphans {
		if e.refs <= 1 {
			if err := c.meta.Put(keyOrphans, []byte{1}); err != nil {
				return err
			}
		}
		e.refs = max(e.refs, 1) - 1
		return c.index.Put(d, e.bytes())
	}
	return c.drop(d, e)
}

// drop deletes a chunk and its entry; its batch bucket goes with its last
// chunk.
func (c *chunkTable) drop(d []byte, e chunkEntry) error {
	if err := c.index.Delete(d); err != nil {
		return err
	}
	b := c.chunks.Bucket(u64(e.batch))
	if b == nil {
		return nil
	}
	if err := b.Delete(u64(e.n)); err != nil {
		return err
	}
	if k, _ := b.Cursor().First(); k == nil {
		return c.chunks.DeleteBucket(u64(e.batch))
	}
	return nil
}

// release drops the reference of every entry of list.
func (c *chunkTable) release(list *bbolt.Bucket) error {
	return list.ForEach(func(_, d []byte) error { return c.unref(d) })
}

// sweepOrphans deletes the chunks left at zero references while ingests
// were running.
func sweepOrphans(tx *bbolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta.Get(keyOrphans) == nil {
		return nil
	}
	t := newChunkTable(tx, false)
	var zero [][]byte
	var entries []chunkEntry
	if err := t.index.ForEach(func(k, _ []byte) error {
		if e, ok := lookupChunk(t.index, k); ok && e.refs == 0 {
			zero, entries = append(zero, bytes.Clone(k)), append(entries, e)
		}
		return nil
	}); err != nil {
		return err
	}
	for i, k := range zero {
		if err := t.drop(k, entries[i]); err != nil {
			return err
		}
	}
	return meta.Delete(keyOrphans)
}

// unrefContent drops one evidence reference to a content and, with the
// last one, releases its chunks and deletes it.
func unrefContent(tx *bbolt.Tx, sha string, keepOrphans bool) error {
	key, err := digestKey(sha)
	if err != nil {
		return err
	}
	contents := tx.Bucket(bucketContents)
	content := contents.Bucket(key)
	if content == nil {
		return damagedAt(tx.DB().Path(), "content "+sha+" missing")
	}
	var info contentInfo
	if _, err := get(content, keyInfo, &info); err != nil {
		return err
	}
	if info.Refs > 1 {
		info.Refs--
		return put(content, keyInfo, info)
	}
	if list := content.Bucket(keyList); list != nil {
		if err := newChunkTable(tx, keepOrphans).release(list); err != nil {
			return err
		}
	}
	return contents.DeleteBucket(key)
}

// sweepPending releases the chunks of ingests that never reached their
// linking transaction (the process crashed or was killed midway) and the
// orphan chunks. It writes only when there is something to sweep.
func sweepPending(db *bbolt.DB) error {
	var dirty bool
	if err := db.View(func(tx *bbolt.Tx) error {
		k, _ := tx.Bucket(bucketPending).Cursor().First()
		dirty = k != nil || tx.Bucket(bucketMeta).Get(keyOrphans) != nil
		return nil
	}); err != nil || !dirty {
		return err
	}
	return db.Update(func(tx *bbolt.Tx) error {
		pending := tx.Bucket(bucketPending)
		table := newChunkTable(tx, false)
		var keys [][]byte
		if err := pending.ForEachBucket(func(k []byte) error {
			keys = append(keys, bytes.Clone(k))
			return nil
		}); err != nil {
			return err
		}
		for _, k := range keys {
			if err := releasePending(pending, table, k); err != nil {
				return err
			}
		}
		return sweepOrphans(tx)
	})
}
