//go:build !linux

package storage

import "go.etcd.io/bbolt"

// releasePages is a no-op where the kernel gives no cheap way to drop
// file-backed pages from the process; they remain reclaimable cache.
func releasePages(*bbolt.Tx, []byte) {}

// releaseMapping is a no-op there too.
func releaseMapping(*bbolt.Tx) {}

// prefetchPages is a no-op there: the copy faults the pages in.
func prefetchPages(*bbolt.Tx, []byte, int64) {}
