//go:build !unix

package storage

// newChunkBuffer makes one chunk buffer of the ingest pool, in the Go heap
// where there is no mmap (see content_buffers_unix.go).
func newChunkBuffer() (buf []byte, free func()) {
	return make([]byte, chunkSize), func() {}
}
