//go:build unix

package storage

import "syscall"

// newChunkBuffer makes one chunk buffer of the ingest pool outside the Go
// heap (an anonymous mapping), and what frees it. The pool's buffers live
// as long as the ingest and are reused all along: in the heap they would
// count toward the garbage collector's goal and memory limit, which then
// kept collecting and returning to the system the page buffers that bbolt
// allocates at each commit (measured: 50 % more CPU for the same bound on
// the resident set). free must not run while any slice of the buffer may
// still be read (see pipeline.free).
func newChunkBuffer() (buf []byte, free func()) {
	b, err := syscall.Mmap(-1, 0, chunkSize, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]byte, chunkSize), func() {}
	}
	return b, func() { _ = syscall.Munmap(b) }
}
