package storage

import (
	"bytes"
	"testing"

	"go.etcd.io/bbolt"
)

// TestReleasePagesLeavesHeapAlone: bbolt returns the values of a small
// inline bucket from a heap copy; releasing "their" pages must not zero
// the heap around them (it did, and corrupted unrelated strings).
func TestReleasePagesLeavesHeapAlone(t *testing.T) {
	s, _ := storeOf(t)
	heap := bytes.Repeat([]byte{0xAA}, 1<<16)
	s.view(func(tx *bbolt.Tx) error {
		releasePages(tx, heap[5000:5100])
		return nil
	})
	if i := bytes.IndexByte(heap, 0); i >= 0 {
		t.Fatalf("heap bytes zeroed from offset %d", i)
	}
}
