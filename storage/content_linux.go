package storage

import (
	"os"
	"syscall"
	"unsafe"

	"go.etcd.io/bbolt"
)

// releasePages tells the kernel this process no longer needs the mapped
// pages under v, a value read from bbolt's read-only file mapping, so that
// streaming a large content out does not grow the resident set by its
// size. The pages stay in the page cache; a later read maps them again.
//
// Only a value inside tx's mapping is released: bbolt hands out some
// values from the heap (those of a small, inline bucket, which it copies
// when unaligned), and dropping heap pages would zero other objects.
func releasePages(tx *bbolt.Tx, v []byte) {
	if len(v) == 0 {
		return
	}
	ps := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(&v[0]))
	data := tx.DB().Info().Data
	if data == 0 || start < data || start+uintptr(len(v)) > data+uintptr(tx.Size()) {
		return
	}
	lead := start % ps
	length := (lead + uintptr(len(v)) + ps - 1) / ps * ps
	region := unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(&v[0]), -int(lead))), length)
	_ = syscall.Madvise(region, syscall.MADV_DONTNEED)
}

// prefetchAhead is how far past a chunk prefetchPages asks the kernel
// to read: the chunks of one content mostly follow each other in the
// file, so the next ones arrive while this one is copied out.
const prefetchAhead = 4 << 20

// prefetchPages asks the kernel to read the pages under v, a value in
// tx's mapping, and the prefetchAhead bytes after it, in the background
// and in large requests. bbolt maps the file for random access (no
// read-ahead): without this, copying a chunk that is not in the page
// cache faults its pages in one at a time, each a small synchronous read.
func prefetchPages(tx *bbolt.Tx, v []byte) {
	if len(v) == 0 {
		return
	}
	ps := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(&v[0]))
	data := tx.DB().Info().Data
	end := data + uintptr(tx.Size())
	if data == 0 || start < data || start+uintptr(len(v)) > end {
		return
	}
	from := start - start%ps
	to := min(start+uintptr(len(v))+prefetchAhead, end)
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, from, to-from, syscall.MADV_WILLNEED)
}

// releaseMapping drops every page of the database mapping from this
// process's resident set. Per-value release leaves behind the pages the
// kernel mapped around each fault (fault-around, read-ahead); dropping the
// whole read-only mapping now and then keeps a long stream bounded. The
// pages stay in the page cache and fault back in when read again.
func releaseMapping(tx *bbolt.Tx) {
	addr := tx.DB().Info().Data
	size := uintptr(tx.Size())
	if addr == 0 || size == 0 {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, addr, size, syscall.MADV_DONTNEED)
}
