package storage

import (
	"fmt"
	"io"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// releaseEvery is how many chunks the store streams out between two
// releases of the whole mapping (see releaseMapping): about 16 MiB of
// resident mapped pages at most.
const releaseEvery = 16

// contentReader streams one content a chunk at a time, each chunk read in
// its own short read transaction and copied out, so that a long read
// never holds a transaction (nor the file) open.
type contentReader struct {
	s     *Store
	key   []byte // blob digest
	size  int64  // expected total
	read  int64
	batch []byte // key of the current batch bucket; nil before the first
	index uint64 // next chunk index
	buf   []byte
	off   int
	done  bool
}

// OpenContent implements dossier.EvidenceStore.
func (s *Store) OpenContent(sha string) (io.ReadCloser, error) {
	key, err := digestKey(sha)
	if err != nil {
		return nil, err
	}
	var info blobInfo
	err = s.view(func(tx *bbolt.Tx) error {
		blob := tx.Bucket(bucketBlobs).Bucket(key)
		if blob == nil {
			return fmt.Errorf("content %s: %w", sha, dossier.ErrNotFound)
		}
		_, err := get(blob, keyInfo, &info)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &contentReader{s: s, key: key, size: info.Size}, nil
}

func (r *contentReader) Read(p []byte) (int, error) {
	for r.off == len(r.buf) {
		if r.done {
			return 0, io.EOF
		}
		if err := r.next(); err != nil {
			return 0, err
		}
	}
	n := copy(p, r.buf[r.off:])
	r.off += n
	return n, nil
}

// next loads the next chunk into r.buf.
func (r *contentReader) next() error {
	err := r.s.view(func(tx *bbolt.Tx) error {
		blob := tx.Bucket(bucketBlobs).Bucket(r.key)
		if blob == nil {
			return fmt.Errorf("content deleted while read: %w", dossier.ErrNotFound)
		}
		chunks := blob.Bucket(keyChunks)
		if chunks == nil {
			return fmt.Errorf("%w: content without chunks", errCorrupt)
		}
		v := r.chunk(chunks)
		if v == nil {
			// End of this batch: the next batch must start at r.index.
			c := chunks.Cursor()
			var k []byte
			if r.batch == nil {
				k, _ = c.First()
			} else if k, _ = c.Seek(r.batch); k != nil {
				k, _ = c.Next()
			}
			if k == nil {
				r.done = true
				return nil
			}
			r.batch = append(r.batch[:0], k...)
			if v = r.chunk(chunks); v == nil {
				return fmt.Errorf("%w: chunk %d missing", errCorrupt, r.index)
			}
		}
		if len(v) > chunkSize {
			return fmt.Errorf("%w: chunk %d too large", errCorrupt, r.index)
		}
		if r.buf == nil {
			r.buf = make([]byte, chunkSize)
		}
		r.buf = r.buf[:copy(r.buf[:cap(r.buf)], v)]
		r.off = 0
		releasePages(v)
		// Counted across readers: an export streams many small contents.
		if r.s.chunksRead.Add(1)%releaseEvery == 0 {
			releaseMapping(tx)
		}
		return nil
	})
	if err != nil {
		return err
	}
	r.index++
	if !r.done {
		r.read += int64(len(r.buf))
	}
	if r.read > r.size || r.done && r.read != r.size {
		return fmt.Errorf("%w: %d bytes read, %d recorded", errCorrupt, r.read, r.size)
	}
	if r.done {
		return io.EOF
	}
	return nil
}

// chunk returns chunk r.index of the current batch, or nil.
func (r *contentReader) chunk(chunks *bbolt.Bucket) []byte {
	if r.batch == nil {
		return nil
	}
	b := chunks.Bucket(r.batch)
	if b == nil {
		return nil
	}
	return b.Get(u64(r.index))
}

// Close implements io.Closer; nothing is held between reads.
func (r *contentReader) Close() error {
	r.buf, r.done = nil, true
	return nil
}
