//go:build !linux

package storage

import (
	"os"

	"go.etcd.io/bbolt"
)

// releaseMapping is a no-op where the kernel gives no cheap way to drop
// file-backed pages from the process; they remain reclaimable cache.
func releaseMapping(*bbolt.Tx) {}

// prefetchPages is a no-op there: the copy faults the pages in.
func prefetchPages(*bbolt.Tx, []byte, int64) {}

// willNeed is a no-op there: the reads wait for the disk as they come.
func willNeed(*os.File, int64, int64) {}
