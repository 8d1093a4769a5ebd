package storage

import (
	"bytes"
	"crypto/sha256"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Version 3's content buckets, which only migrateV3toV4 reads.
var (
	bucketBlobs = []byte("blobs")
	keyChunks   = []byte("chunks")
)

// migrateTxBytes bounds the chunk bytes each transaction of migrateV3toV4
// moves (bbolt holds a transaction's dirty pages in memory).
const migrateTxBytes = 8 << 20

// migrateV3toV4 converts version 3's per-content chunks
// (blobs/<sha256>/chunks/<batch>/<index>) to chunks shared by their own
// digest (chunks/, chunk_refs/, contents/<sha256>/list/). A dossier of
// 20 GiB cannot be converted in one transaction (bbolt holds it in
// memory), so the conversion runs in bounded transactions:
//
//   - the first one sets the schema version to 4 with meta/migrating: from
//     then on an older application refuses the file (newer version), and
//     this one finishes the conversion before anything else;
//   - each next one moves up to migrateTxBytes of chunks, in order, from
//     the first remaining content of blobs/ to the end of its list (the
//     old chunks are deleted in the same transaction, so the file does not
//     grow by the dossier's size); a content's info is written and its
//     blob deleted with its last chunk;
//   - the last one deletes blobs/ and meta/migrating.
//
// A crash between two transactions leaves either the old layout (before
// the first), or a marked file that the next opening resumes where it
// stopped: every chunk is always either still under blobs/ or listed.
func migrateV3toV4(db *bbolt.DB, progress dossier.Progress) error {
	var total, done int64
	err := db.Update(func(tx *bbolt.Tx) error {
		for _, name := range topBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if fromU64(meta.Get(keySchemaVersion)) == 3 {
			if err := meta.Put(keyMigrating, []byte{1}); err != nil {
				return err
			}
			if err := meta.Put(keySchemaVersion, u64(4)); err != nil {
				return err
			}
		}
		total = blobBytes(tx)
		return nil
	})
	if err == nil && progress != nil {
		// Told at once, so that a window can show the conversion has begun.
		progress(0, total)
	}
	for err == nil {
		var moved int64
		var finished bool
		err = db.Update(func(tx *bbolt.Tx) error {
			var err error
			moved, finished, err = migrateStep(tx, migrateTxBytes)
			return err
		})
		if err != nil || finished {
			break
		}
		done += moved
		if progress != nil {
			progress(min(done, total), total)
		}
	}
	return err
}

// blobBytes is the size of the contents still under blobs/.
func blobBytes(tx *bbolt.Tx) int64 {
	var n int64
	blobs := tx.Bucket(bucketBlobs)
	if blobs == nil {
		return 0
	}
	blobs.ForEachBucket(func(k []byte) error {
		var info contentInfo
		if _, err := get(blobs.Bucket(k), keyInfo, &info); err == nil {
			n += info.Size
		}
		return nil
	})
	return n
}

// migrateStep moves up to budget bytes of chunks of the first content
// remaining under blobs/; finished once blobs/ is gone.
func migrateStep(tx *bbolt.Tx, budget int64) (moved int64, finished bool, err error) {
	blobs := tx.Bucket(bucketBlobs)
	meta := tx.Bucket(bucketMeta)
	if blobs == nil {
		return 0, true, meta.Delete(keyMigrating)
	}
	sha, _ := blobs.Cursor().First()
	if sha == nil {
		if err := tx.DeleteBucket(bucketBlobs); err != nil {
			return 0, false, err
		}
		return 0, true, meta.Delete(keyMigrating)
	}
	sha = bytes.Clone(sha)
	blob := blobs.Bucket(sha)
	if blob == nil {
		return 0, false, damagedAt(tx.DB().Path(), "blob is not a bucket")
	}
	contents := tx.Bucket(bucketContents)
	content, err := contents.CreateBucketIfNotExists(sha)
	if err != nil {
		return 0, false, err
	}
	list, err := content.CreateBucketIfNotExists(keyList)
	if err != nil {
		return 0, false, err
	}
	list.FillPercent = 1
	next := uint64(0)
	if k, _ := list.Cursor().Last(); k != nil {
		next = fromU64(k) + 1
	}
	t := newChunkTable(tx, false)
	if old := blob.Bucket(keyChunks); old != nil {
		moved, err = moveChunks(old, t, list, next, budget)
		if err != nil || moved >= budget {
			return moved, false, err
		}
		if k, _ := old.Cursor().First(); k != nil {
			return moved, false, nil // more chunks: next transaction
		}
	}
	var info contentInfo
	if _, err := get(blob, keyInfo, &info); err != nil {
		return moved, false, err
	}
	if err := put(content, keyInfo, info); err != nil {
		return moved, false, err
	}
	return moved, false, blobs.DeleteBucket(sha)
}

// moveChunks moves chunks of old (batch buckets of indexed chunks, in
// order) to the end of list until budget bytes are moved, deleting each
// batch bucket once empty.
func moveChunks(old *bbolt.Bucket, t *chunkTable, list *bbolt.Bucket, next uint64, budget int64) (int64, error) {
	var moved int64
	for moved < budget {
		bk, _ := old.Cursor().First()
		if bk == nil {
			return moved, nil
		}
		bk = bytes.Clone(bk)
		batch := old.Bucket(bk)
		if batch == nil {
			return moved, damagedAt(t.path(), "chunk batch is not a bucket")
		}
		var done [][]byte
		c := batch.Cursor()
		for k, v := c.First(); k != nil && moved < budget; k, v = c.Next() {
			d := sha256.Sum256(v)
			key := d[:]
			if !t.has(key) {
				// v stays valid for the transaction: bbolt copies what
				// still points into its mapping before remapping.
				if err := t.store(key, v); err != nil {
					return moved, err
				}
			}
			if err := t.ref(key); err != nil {
				return moved, err
			}
			if err := list.Put(u64(next), key); err != nil {
				return moved, err
			}
			next++
			moved += int64(len(v))
			done = append(done, bytes.Clone(k))
		}
		for _, k := range done {
			if err := batch.Delete(k); err != nil {
				return moved, err
			}
		}
		if k, _ := batch.Cursor().First(); k == nil {
			if err := old.DeleteBucket(bk); err != nil {
				return moved, err
			}
		}
	}
	return moved, nil
}
