package storage

import (
	"bytes"
	"fmt"

	"go.etcd.io/bbolt"
)

// contentInfo describes one stored content.
type contentInfo struct {
	Size int64 `json:"size"`
	// Refs is the number of evidence records holding this content.
	Refs int `json:"refs"`
}

// chunkTable is the chunk store of one write transaction: chunks/ and
// chunk_refs/. Every list entry naming a chunk counts one reference; the
// chunk goes with its last reference, unless an ingest is running (see
// Store.ingests), which may have seen it and counts on finding it: the
// count then stays at zero and the orphan sweep removes it later.
type chunkTable struct {
	chunks, refs *bbolt.Bucket
	meta         *bbolt.Bucket
	keepOrphans  bool
}

func newChunkTable(tx *bbolt.Tx, keepOrphans bool) *chunkTable {
	return &chunkTable{chunks: tx.Bucket(bucketChunks), refs: tx.Bucket(bucketChunkRefs), meta: tx.Bucket(bucketMeta), keepOrphans: keepOrphans}
}

// ref counts one more reference to the chunk with digest d, which must be
// stored.
func (c *chunkTable) ref(d []byte) error {
	n := fromU64(c.refs.Get(d))
	if n == 0 && c.chunks.Get(d) == nil {
		return damagedAt(c.chunks.Tx().DB().Path(), fmt.Sprintf("chunk %x missing", d))
	}
	return c.refs.Put(d, u64(n+1))
}

// unref drops one reference to the chunk with digest d.
func (c *chunkTable) unref(d []byte) error {
	n := fromU64(c.refs.Get(d))
	if n > 1 {
		return c.refs.Put(d, u64(n-1))
	}
	if c.keepOrphans {
		if err := c.meta.Put(keyOrphans, []byte{1}); err != nil {
			return err
		}
		return c.refs.Put(d, u64(0))
	}
	if err := c.refs.Delete(d); err != nil {
		return err
	}
	return c.chunks.Delete(d)
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
	refs, chunks := tx.Bucket(bucketChunkRefs), tx.Bucket(bucketChunks)
	var zero [][]byte
	if err := refs.ForEach(func(k, v []byte) error {
		if fromU64(v) == 0 {
			zero = append(zero, bytes.Clone(k))
		}
		return nil
	}); err != nil {
		return err
	}
	for _, k := range zero {
		if err := refs.Delete(k); err != nil {
			return err
		}
		if err := chunks.Delete(k); err != nil {
			return err
		}
	}
	return meta.Delete(keyOrphans)
}

// unrefContent drops one evidence reference to a content and, with the
// last one, releases its chunks and deletes it.
func (s *Store) unrefContent(tx *bbolt.Tx, sha string) error {
	key, err := digestKey(sha)
	if err != nil {
		return err
	}
	contents := tx.Bucket(bucketContents)
	content := contents.Bucket(key)
	if content == nil {
		return damagedAt(s.path, "content "+sha+" missing")
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
		if err := newChunkTable(tx, s.ingests.Load() > 0).release(list); err != nil {
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
