package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

const (
	// chunkSize is the largest chunk. Two chunks, their 8-byte keys and
	// the leaf headers fill exactly 512 pages of 4 KiB (a leaf holds at
	// least two values), so no page is half empty.
	chunkSize = 1<<20 - 32
	// batchChunks is how many chunks one write transaction holds (8 MiB).
	// Until the commit, bbolt keeps references to our chunk buffers and
	// builds its dirty pages beside them, so a batch costs twice its size
	// in heap; each commit costs two fdatasync calls. 8 MiB keeps the
	// attach CLI's peak RSS near 60 MiB for 1 GiB (with a 32 MiB Go memory
	// limit, see app/cli) while staying at disk speed; 16 MiB measured
	// about 100 MiB.
	batchChunks = 8
)

var keyChunks = []byte("chunks")

// boltOptions are the options every dossier file is opened with. NoSync is
// never set: each commit is on disk before it returns. The hashmap
// freelist stays fast when deleted evidence leaves many free pages.
func boltOptions() *bbolt.Options {
	return &bbolt.Options{Timeout: lockTimeout, FreelistType: bbolt.FreelistMapType}
}

// blobInfo describes one stored content.
type blobInfo struct {
	Size int64 `json:"size"`
	// Refs is the number of evidence records holding this content.
	Refs int `json:"refs"`
}

// ingest is one content being streamed into pending/<seq>.
type ingest struct {
	s     *Store
	key   []byte // pending/<key>
	bufs  [][]byte
	hash  hash.Hash
	size  int64
	index uint64 // next chunk index
}

// AddEvidence implements dossier.EvidenceStore. Chunks are written under
// pending/<seq>/chunks/<first index>/<index>, one nested bucket per write
// transaction so that a transaction never rewrites the previous one's
// pages. The final transaction moves the chunks bucket under
// blobs/<sha256>/ (or drops it when that content is already stored),
// writes the evidence record and its index entry, runs link and stamps the
// dossier's updated_at.
func (s *Store) AddEvidence(ctx context.Context, r io.Reader, ev dossier.Evidence, link func(dossier.Tx, dossier.Evidence) error, progress dossier.Progress) (dossier.Evidence, error) {
	if ev.ReqID == "" {
		return dossier.Evidence{}, dossier.E(dossier.FaultInternal, "", errors.New("evidence without requirement"))
	}
	in, err := s.startIngest()
	if err != nil {
		return dossier.Evidence{}, err
	}
	for {
		if err := ctx.Err(); err != nil {
			return dossier.Evidence{}, in.abort(dossier.E(dossier.FaultCancelled, "", err))
		}
		n, rerr := in.fill(r)
		if n > 0 {
			if err := in.writeBatch(n); err != nil {
				return dossier.Evidence{}, in.abort(err)
			}
			if progress != nil {
				progress(in.size, -1)
			}
		}
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			return dossier.Evidence{}, in.abort(rerr)
		}
	}
	if err := ctx.Err(); err != nil {
		return dossier.Evidence{}, in.abort(dossier.E(dossier.FaultCancelled, "", err))
	}
	ev, err = in.commit(ev, link)
	if err != nil {
		return dossier.Evidence{}, in.abort(err)
	}
	return ev, nil
}

func (s *Store) startIngest() (*ingest, error) {
	in := &ingest{s: s, hash: sha256.New()}
	err := s.update(func(tx *bbolt.Tx) error {
		p := tx.Bucket(bucketPending)
		seq, err := p.NextSequence()
		if err != nil {
			return err
		}
		in.key = u64(seq)
		b, err := p.CreateBucket(in.key)
		if err != nil {
			return err
		}
		_, err = b.CreateBucket(keyChunks)
		return err
	})
	return in, err
}

// fill reads up to batchChunks chunks from r and hashes them. It returns
// how many buffers hold data (the last one may be short) and io.EOF once
// r is exhausted.
func (in *ingest) fill(r io.Reader) (int, error) {
	for i := range batchChunks {
		if i == len(in.bufs) {
			in.bufs = append(in.bufs, make([]byte, chunkSize))
		}
		k, err := io.ReadFull(r, in.bufs[i][:chunkSize])
		in.bufs[i] = in.bufs[i][:k]
		in.hash.Write(in.bufs[i])
		in.size += int64(k)
		switch {
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			if k > 0 {
				i++
			}
			return i, io.EOF
		case err != nil:
			return i, err
		}
	}
	return batchChunks, nil
}

// writeBatch stores the first n buffers in one write transaction. bbolt
// keeps references to the values until the commit, hence buffers owned by
// the ingest and reused only after it.
func (in *ingest) writeBatch(n int) error {
	return in.s.update(func(tx *bbolt.Tx) error {
		chunks := tx.Bucket(bucketPending).Bucket(in.key).Bucket(keyChunks)
		batch, err := chunks.CreateBucket(u64(in.index))
		if err != nil {
			return err
		}
		batch.FillPercent = 1 // keys only ever grow
		for _, buf := range in.bufs[:n] {
			if err := batch.Put(u64(in.index), buf); err != nil {
				return err
			}
			in.index++
		}
		return nil
	})
}

// commit links the content to its digest and records the evidence.
func (in *ingest) commit(ev dossier.Evidence, link func(dossier.Tx, dossier.Evidence) error) (dossier.Evidence, error) {
	sum := in.hash.Sum(nil)
	ev.Size, ev.SHA256 = in.size, hex.EncodeToString(sum)
	err := in.s.update(func(tx *bbolt.Tx) error {
		pending := tx.Bucket(bucketPending)
		blobs := tx.Bucket(bucketBlobs)
		var info blobInfo
		blob := blobs.Bucket(sum)
		if blob != nil {
			// Identical content is stored once: count one more reference.
			if _, err := get(blob, keyInfo, &info); err != nil {
				return err
			}
		} else {
			var err error
			if blob, err = blobs.CreateBucket(sum); err != nil {
				return err
			}
			if err := pending.Bucket(in.key).MoveBucket(keyChunks, blob); err != nil {
				return err
			}
			info.Size = in.size
		}
		info.Refs++
		if err := put(blob, keyInfo, info); err != nil {
			return err
		}
		if err := pending.DeleteBucket(in.key); err != nil {
			return err
		}
		var err error
		if ev, err = putNewEvidence(tx, ev); err != nil {
			return err
		}
		return inTx(tx, func(t dossier.Tx) error {
			if link == nil {
				return nil
			}
			return link(t, ev)
		})
	})
	in.bufs = nil
	return ev, err
}

// abort drops the pending chunks and returns err. When the drop itself
// fails (disk full), the next open sweeps them.
func (in *ingest) abort(err error) error {
	in.bufs = nil
	_ = in.s.update(func(tx *bbolt.Tx) error {
		p := tx.Bucket(bucketPending)
		if p.Bucket(in.key) == nil {
			return nil
		}
		return p.DeleteBucket(in.key)
	})
	return err
}

// digestKey parses a hex SHA-256.
func digestKey(sha string) ([]byte, error) {
	k, err := hex.DecodeString(sha)
	if err != nil || len(k) != sha256.Size {
		return nil, dossier.E(dossier.FaultInternal, "", fmt.Errorf("malformed SHA-256 %q", sha))
	}
	return k, nil
}
