package storage

import (
	"context"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"
)

// TestCompactCopyBoundsBucketsPerTransaction: a dossier of many small
// proofs holds as many small buckets (contents/<sha256>/ and its list/),
// which weigh little in bytes but much in bbolt's memory while their
// transaction is open; the copy must commit by their count too, not let
// thousands of them into one transaction (20,000 proofs: 40,000 buckets in
// one 8 MiB transaction, 120 MiB of heap, a compaction at 300 MiB RSS).
func TestCompactCopyBoundsBucketsPerTransaction(t *testing.T) {
	dir := t.TempDir()
	src, err := bbolt.Open(filepath.Join(dir, "src"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	const contents = 2000
	err = src.Update(func(tx *bbolt.Tx) error {
		top, err := tx.CreateBucket([]byte("contents"))
		if err != nil {
			return err
		}
		for i := range contents {
			b, err := top.CreateBucket(fmt.Appendf(nil, "%064x", i))
			if err != nil {
				return err
			}
			if err := b.Put([]byte("info"), make([]byte, 200)); err != nil {
				return err
			}
			l, err := b.CreateBucket([]byte("list"))
			if err != nil {
				return err
			}
			if err := l.Put(binary.BigEndian.AppendUint64(nil, 0), make([]byte, 32)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	dst, err := bbolt.Open(filepath.Join(dir, "dst"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	const txMax = 256 << 10
	commits := 0
	if err := copyInto(context.Background(), dst, src, txMax, 1, func(int64, int64) { commits++ }); err != nil {
		t.Fatal(err)
	}
	// 4,001 buckets, at most txMax/bucketCost of them per transaction.
	if want := (2*contents + 1) * bucketCost / txMax; commits < want {
		t.Fatalf("%d buckets copied in %d transactions, want at least %d", 2*contents+1, commits+1, want+1)
	}
	err = dst.View(func(tx *bbolt.Tx) error {
		n := 0
		err := tx.Bucket([]byte("contents")).ForEachBucket(func(k []byte) error {
			b := tx.Bucket([]byte("contents")).Bucket(k)
			if len(b.Get([]byte("info"))) != 200 || b.Bucket([]byte("list")).Stats().KeyN != 1 {
				return fmt.Errorf("content %s not copied whole", k)
			}
			n++
			return nil
		})
		if err == nil && n != contents {
			err = fmt.Errorf("%d contents copied, want %d", n, contents)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
