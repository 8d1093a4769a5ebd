package storage

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// releaseEvery is how many chunks the store streams out between two
// releases of the whole mapping (see releaseMapping): the chunks are read
// from the file (readValue), but the records that find them are mapped,
// with the pages the kernel maps around each fault.
const releaseEvery = 16

// prefetchAhead is how far past a chunk the kernel is asked to read when
// nothing says more will follow (prefetchPages for the compaction's copy,
// readAhead for a lone content): the chunks of one content mostly follow
// each other in the file, so the next ones arrive while this one is
// copied out.
const prefetchAhead = 4 << 20

// contentReader streams one content a chunk at a time, each chunk read in
// its own short read transaction and copied out, so that a long read
// never holds a transaction (nor the file) open.
type contentReader struct {
	s     *Store
	key   []byte // content digest
	size  int64  // expected total
	read  int64
	index uint64 // next list entry
	buf   []byte
	// pooled is buf's array when it came from readBuffers.
	pooled *[chunkSize]byte
	off    int
	done   bool
}

// OpenContent implements dossier.EvidenceStore.
func (s *Store) OpenContent(sha string) (io.ReadCloser, error) {
	key, err := digestKey(sha)
	if err != nil {
		return nil, err
	}
	var info contentInfo
	err = s.view(func(tx *bbolt.Tx) error {
		content := tx.Bucket(bucketContents).Bucket(key)
		if content == nil {
			return fmt.Errorf("content %s: %w", sha, dossier.ErrNotFound)
		}
		_, err := get(content, keyInfo, &info)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &contentReader{s: s, key: key, size: info.Size}, nil
}

// Read implements io.Reader. A p that holds a whole chunk receives it
// straight from the mapping (an export reads 1 MiB at a time): only a
// smaller p goes through the reader's own buffer.
func (r *contentReader) Read(p []byte) (int, error) {
	for r.off == len(r.buf) {
		if r.done {
			return 0, io.EOF
		}
		if len(p) >= chunkSize {
			return r.next(p)
		}
		if r.buf == nil {
			r.buf = r.newBuffer()
		}
		n, err := r.next(r.buf[:cap(r.buf)])
		r.buf, r.off = r.buf[:n], 0
		if err != nil {
			return 0, err
		}
	}
	n := copy(p, r.buf[r.off:])
	r.off += n
	return n, nil
}

// damagedAt is the error of a dossier whose content fails its checks.
func damagedAt(path, detail string) error {
	return dossier.ED(dossier.FaultDamaged, path, detail, errCorrupt)
}

// next copies the next chunk into dst, which holds a whole chunk or
// the whole of a content smaller than one; io.EOF after the last.
func (r *contentReader) next(dst []byte) (int, error) {
	n := 0
	err := r.s.view(func(tx *bbolt.Tx) error {
		content := tx.Bucket(bucketContents).Bucket(r.key)
		if content == nil {
			return fmt.Errorf("content deleted while read: %w", dossier.ErrNotFound)
		}
		list := content.Bucket(keyList)
		if list == nil {
			return damagedAt(r.s.path, "content without chunk list")
		}
		d := list.Get(u64(r.index))
		if d == nil {
			r.done = true
			return nil
		}
		var v []byte
		if e, ok := lookupChunk(tx.Bucket(bucketChunkIndex), d); ok {
			v = chunkData(tx.Bucket(bucketChunks), e)
		}
		if v == nil {
			return damagedAt(r.s.path, fmt.Sprintf("chunk %d missing", r.index))
		}
		if len(v) > chunkSize {
			return damagedAt(r.s.path, fmt.Sprintf("chunk %d too large", r.index))
		}
		if len(v) > len(dst) {
			return damagedAt(r.s.path, fmt.Sprintf("chunk %d larger than the recorded size", r.index))
		}
		var err error
		n, err = r.s.readValue(tx, dst, v, r.size-r.read-int64(len(v)))
		if errors.Is(err, io.EOF) {
			return damagedAt(r.s.path, fmt.Sprintf("chunk %d past the end of the file", r.index))
		}
		if err != nil {
			return fsError(r.s.path, err, false)
		}
		// Counted across readers: an export streams many small contents.
		if r.s.chunksRead.Add(1)%releaseEvery == 0 {
			releaseMapping(tx)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	r.index++
	r.read += int64(n)
	if r.read > r.size || r.done && r.read != r.size {
		return 0, damagedAt(r.s.path, fmt.Sprintf("read %d bytes, recorded size %d", r.read, r.size))
	}
	if r.done {
		return 0, io.EOF
	}
	return n, nil
}

// readBuffers recycles the chunk buffers of the readers of large
// contents: an export opens thousands of contents one after the other.
var readBuffers = sync.Pool{New: func() any { return new([chunkSize]byte) }}

// newBuffer is a buffer for one chunk: the exact size of a content that
// fits in less, else a recycled whole chunk.
func (r *contentReader) newBuffer() []byte {
	if r.size < chunkSize {
		return make([]byte, r.size)
	}
	r.pooled = readBuffers.Get().(*[chunkSize]byte)
	return r.pooled[:]
}

// Close implements io.Closer; nothing is held between reads but the
// buffer, recycled here.
func (r *contentReader) Close() error {
	if r.pooled != nil {
		readBuffers.Put(r.pooled)
	}
	r.buf, r.pooled, r.done = nil, nil, true
	return nil
}
