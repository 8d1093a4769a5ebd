package storage

import (
	"bytes"
	"context"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// copyInto copies every bucket, key and sequence of src into the empty dst,
// committing every txMaxSize bytes. It is bbolt.Compact's algorithm with
// three things a multi-GiB dossier needs: cancellation between two
// commits, progress in bytes copied, and the release of src's mapped pages
// at each commit so that the resident set stays bounded (see
// releaseMapping) instead of growing to the size of the dossier.
func copyInto(ctx context.Context, dst, src *bbolt.DB, txMaxSize, total int64, progress dossier.Progress) error {
	return src.View(func(stx *bbolt.Tx) error {
		c := &copier{ctx: ctx, dst: dst, src: stx, max: txMaxSize, total: total, progress: progress}
		if err := c.begin(); err != nil {
			return err
		}
		defer func() { c.tx.Rollback() }()
		err := stx.ForEach(func(name []byte, b *bbolt.Bucket) error {
			return c.bucket(nil, name, b)
		})
		if err != nil {
			return err
		}
		return c.tx.Commit()
	})
}

// prefetchMin is the size from which the copy prefetches a value's pages
// (prefetchPages): chunks, not the small records.
const prefetchMin = 64 << 10

type copier struct {
	ctx      context.Context
	dst      *bbolt.DB
	src      *bbolt.Tx
	tx       *bbolt.Tx
	max      int64
	size     int64 // weight of the open destination transaction (see account)
	items    int   // keys and buckets copied
	copied   int64
	total    int64
	progress dossier.Progress
}

func (c *copier) begin() error {
	tx, err := c.dst.Begin(true)
	c.tx = tx
	return err
}

// copyReleaseEvery is how many keys and buckets the copy reads between
// two releases of the source's mapping: at most 64 KiB each, 8 MiB.
const copyReleaseEvery = 128

// bucketCost is what a bucket weighs in a destination transaction besides
// its name: bbolt keeps, for every bucket a write transaction creates, a
// Bucket, its two maps and a node until the commit (about 3 KiB of heap,
// measured). Counted in bytes alone, the 40,000 small buckets of 20,000
// small proofs fitted in one 8 MiB transaction and took 120 MiB of heap.
const bucketCost = 4 << 10

// account adds n to the destination transaction's weight (the bytes
// copied, plus bucketCost for a bucket) and copied to the bytes copied;
// when n would take the weight over its bound, it first commits, checks
// cancellation and reports progress.
func (c *copier) account(n, copied int64) error {
	if c.size+n > c.max && c.size > 0 {
		if err := c.tx.Commit(); err != nil {
			return err
		}
		releaseMapping(c.src)
		// The destination's pages read back to append to a bucket stay
		// mapped too.
		c.dst.View(func(tx *bbolt.Tx) error { releaseMapping(tx); return nil })
		if err := c.ctx.Err(); err != nil {
			return dossier.E(dossier.FaultCancelled, "", err)
		}
		if c.progress != nil {
			c.progress(min(c.copied, c.total), c.total)
		}
		if err := c.begin(); err != nil {
			return err
		}
		c.size = 0
	}
	c.size += n
	c.copied += copied
	// The small values of the source lie on pages all over the file, and
	// each fault maps its neighbours too (up to 64 KiB): released every
	// copyReleaseEvery items, not only at each commit, they keep the
	// resident set bounded.
	if c.items++; c.items%copyReleaseEvery == 0 {
		releaseMapping(c.src)
	}
	return nil
}

// target returns the destination bucket at path (nil for the root).
func (c *copier) target(path [][]byte) *bbolt.Bucket {
	if len(path) == 0 {
		return nil
	}
	b := c.tx.Bucket(path[0])
	for _, k := range path[1:] {
		b = b.Bucket(k)
	}
	b.FillPercent = 1.0 // written in key order: fill pages completely
	return b
}

// bucket recreates bucket name (with its sequence) under path, then copies
// its content. The destination bucket is looked up again after each
// possible commit, since handles do not outlive their transaction.
func (c *copier) bucket(path [][]byte, name []byte, src *bbolt.Bucket) error {
	if err := c.account(int64(len(name))+bucketCost, int64(len(name))); err != nil {
		return err
	}
	var nb *bbolt.Bucket
	var err error
	if parent := c.target(path); parent == nil {
		nb, err = c.tx.CreateBucket(name)
	} else {
		nb, err = parent.CreateBucket(name)
	}
	if err != nil {
		return err
	}
	if err := nb.SetSequence(src.Sequence()); err != nil {
		return err
	}
	path = append(path[:len(path):len(path)], name)
	return src.ForEach(func(k, v []byte) error {
		if v == nil {
			return c.bucket(path, k, src.Bucket(k))
		}
		n := int64(len(k) + len(v))
		if err := c.account(n, n); err != nil {
			return err
		}
		if len(v) >= prefetchMin {
			// A chunk: read it, and the ones after it, in large requests.
			prefetchPages(c.src, v, prefetchAhead)
		} else {
			// bbolt keeps the value, not a copy, until the commit writes
			// it: a small one is copied, so that the commit does not fault
			// back in (with their neighbours) the source pages released
			// since.
			v = bytes.Clone(v)
		}
		return c.target(path).Put(k, v)
	})
}
