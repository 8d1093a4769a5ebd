package storage

import (
	"os"
	"sync"
	"unsafe"

	"go.etcd.io/bbolt"
)

// Read-ahead of content streams (readAhead): the window grows from
// minAhead to maxAhead while the reads follow each other in the file,
// and the kernel is asked for more once half of it, at most aheadStep,
// has been read.
const (
	minAhead  = 1 << 20
	maxAhead  = 32 << 20
	aheadStep = 8 << 20
	// seqGap is how far from the end of the last read the next one may
	// start and still count as following it: an export's contents lie
	// mostly in the plan's order in the file, a few MiB apart at most.
	seqGap = 16 << 20
)

// openBolt opens a dossier file with bbolt and returns, beside the
// database, the file bbolt reads and writes it through (see readValue).
func openBolt(path string, opts *bbolt.Options) (*bbolt.DB, *os.File, error) {
	var file *os.File
	opts.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		// bbolt opens its file once at Open; later calls (tx.WriteTo,
		// tx.CopyFile) open other handles, not this one.
		if file == nil && err == nil {
			file = f
		}
		return f, err
	}
	db, err := bbolt.Open(path, 0o600, opts)
	return db, file, err
}

// fileOffset is where v, a value read in tx, lies in the file, when it
// lies in tx's mapping: bbolt hands out some values from the heap (those
// of a small, inline bucket, which it copies when unaligned).
func fileOffset(tx *bbolt.Tx, v []byte) (int64, bool) {
	if len(v) == 0 {
		return 0, false
	}
	start := uintptr(unsafe.Pointer(&v[0]))
	data := tx.DB().Info().Data
	if data == 0 || start < data || start+uintptr(len(v)) > data+uintptr(tx.Size()) {
		return 0, false
	}
	return int64(start - data), true
}

// readValue copies v, a chunk read in tx, into dst (which holds it), and
// asks the kernel to read ahead what the stream will read next (rest: the
// bytes of this content still to come). A value in the mapping is read
// from the file with pread(2) rather than copied out of the mapping:
// bbolt maps the file for random access, so each page the copy touched
// was a fault and, out of the page cache, a small synchronous read (and
// a page of this process's resident set to release after). The read
// happens in tx, whose pages no writer reuses until it ends.
func (s *Store) readValue(tx *bbolt.Tx, dst, v []byte, rest int64) (int, error) {
	off, ok := fileOffset(tx, v)
	if !ok || s.file == nil || tx.DB() != s.db {
		return copy(dst, v), nil
	}
	if from, n := s.ahead.advance(off, int64(len(v)), rest); n > 0 {
		willNeed(s.file, from, n)
	}
	return s.file.ReadAt(dst[:len(v)], off)
}

// readAhead follows the reads of content streams through one file and
// asks the kernel (willNeed) to read the file ahead of them in large
// requests, so that the disk works while the reader copies, across the
// contents an export reads one after the other. A read far from the last
// one starts again with only what is left of its content (at most
// prefetchAhead); reads that follow each other double the window up to
// maxAhead. Each byte is asked for once: end is where the last request
// ended.
type readAhead struct {
	mu        sync.Mutex
	next, end int64
	win       int64
}

// advance records a read of n bytes at off, rest more of the same
// content to come, and returns the range to ask the kernel for (none
// when size is 0): what the window now covers and was not asked for yet,
// once it is worth a request.
func (ra *readAhead) advance(off, n, rest int64) (from, size int64) {
	ra.mu.Lock()
	defer ra.mu.Unlock()
	if ra.next > 0 && off >= ra.next-seqGap && off <= ra.next+seqGap {
		ra.win = min(max(2*ra.win, minAhead), maxAhead)
	} else {
		ra.win, ra.end = 0, off
	}
	e := off + n
	ra.next = e
	want := e + max(ra.win, min(rest, prefetchAhead))
	from = max(ra.end, off)
	// Nothing past this read (its own pread reads it), or, this read
	// being covered, too little yet (at most aheadStep, half the window).
	if want <= e || (e <= from && want-from < min(aheadStep, ra.win/2)) {
		return 0, 0
	}
	ra.end = want
	return from, want - from
}
