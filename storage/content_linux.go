package storage

import (
	"os"
	"syscall"
	"unsafe"

	"go.etcd.io/bbolt"
)

// mappedPages is the start of the page holding v's first byte and the end
// of tx's mapping, when v lies in that mapping (fileOffset): advice on
// heap pages would zero other objects.
func mappedPages(tx *bbolt.Tx, v []byte) (from, end uintptr, ok bool) {
	off, ok := fileOffset(tx, v)
	if !ok {
		return 0, 0, false
	}
	data := tx.DB().Info().Data
	return data + uintptr(off) - uintptr(off)%uintptr(os.Getpagesize()), data + uintptr(tx.Size()), true
}

func madvise(addr, length uintptr, advice int) {
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, addr, length, uintptr(advice))
}

// prefetchPages asks the kernel to read the pages under v, a value in
// tx's mapping, and up to ahead bytes after it (at most prefetchAhead),
// in the background and in large requests. bbolt maps the file for random
// access (no read-ahead): without this, copying a chunk that is not in
// the page cache faults its pages in one at a time, each a small
// synchronous read. The caller bounds ahead by what it will read next
// (the rest of a content): asking 4 MiB past each of 20,000 small files
// cost more system time than their copy.
func prefetchPages(tx *bbolt.Tx, v []byte, ahead int64) {
	if from, end, ok := mappedPages(tx, v); ok {
		to := min(uintptr(unsafe.Pointer(&v[0]))+uintptr(len(v))+uintptr(min(max(ahead, 0), prefetchAhead)), end)
		madvise(from, to-from, syscall.MADV_WILLNEED)
	}
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
	madvise(addr, size, syscall.MADV_DONTNEED)
}

// willNeed asks the kernel to read n bytes of f at off into the page
// cache in the background (posix_fadvise POSIX_FADV_WILLNEED).
func willNeed(f *os.File, off, n int64) {
	const posixFadvWillNeed = 3
	_, _, _ = syscall.Syscall6(syscall.SYS_FADVISE64, f.Fd(), uintptr(off), uintptr(n), posixFadvWillNeed, 0, 0)
}
