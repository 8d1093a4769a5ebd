package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

const (
	// chunkSize is the largest chunk, as schema version 3 cut them: a
	// content cut the same way yields the same chunks, so a content
	// attached before the migration and again after shares them.
	chunkSize = 1<<20 - 32
	// batchBytes is how many bytes of new chunks one write transaction
	// holds. Until the commit ends bbolt keeps references to our chunk
	// buffers and builds its dirty pages beside them (garbage once it
	// ends), while the stages read and hash the next batch into the other
	// half of the pool: about three times the batch in memory. Each commit
	// waits for the disk twice (bbolt's two fdatasync calls): larger
	// batches save commits, but 8 MiB took the attach CLI's peak RSS to
	// 69-71 MiB where 6 MiB keeps it near 62 MiB (the 64 MiB bound; 30
	// Nov, runs side by side). 8 MiB with one batch in the pool (until 30
	// Nov) left the disk idle a quarter of the time (see poolBuffers).
	batchBytes = 6 << 20
	// batchChunks is batchBytes in whole chunks.
	batchChunks = batchBytes / chunkSize
	// batchItems is how many contents one transaction links at most:
	// thousands of small files then cost a few commits, not one each.
	batchItems = 500
	// maxTail bounds the chunk digests an ingest keeps in memory before a
	// transaction lists them (32 bytes each): a re-attached content whose
	// chunks are all stored writes nothing until its link.
	maxTail = 1 << 16
)

// boltOptions are the options every dossier file is opened with. NoSync is
// never set: each commit is on disk before it returns. The hashmap
// freelist stays fast when deleted evidence leaves many free pages.
func boltOptions() *bbolt.Options {
	return &bbolt.Options{Timeout: lockTimeout, FreelistType: bbolt.FreelistMapType}
}

var _ dossier.BatchAdder = (*Store)(nil)

// AddEvidence implements dossier.EvidenceStore: a batch of one.
func (s *Store) AddEvidence(ctx context.Context, r io.Reader, ev dossier.Evidence, link func(dossier.Tx, dossier.Evidence) error, progress dossier.Progress) (dossier.Evidence, error) {
	if ev.ReqID == "" {
		return dossier.Evidence{}, dossier.E(dossier.FaultInternal, "", errors.New("evidence without requirement"))
	}
	item := dossier.Incoming{
		Open: func() (dossier.Evidence, io.ReadCloser, error) { return ev, io.NopCloser(r), nil },
		Link: link,
	}
	if progress != nil {
		user := progress
		progress = func(done, _ int64) { user(done, -1) }
	}
	out := s.AddEvidenceBatch(ctx, []dossier.Incoming{item}, progress)
	return out[0].Evidence, out[0].Err
}

// AddEvidenceBatch implements dossier.BatchAdder. Each content is read and
// hashed whole (its SHA-256) and by chunk (each chunk's SHA-256) on two
// goroutines while this one writes: a chunk already stored is not written
// again. Write transactions gather up to batchBytes of new chunks and
// batchItems contents: a content that fits in one is written and linked
// atomically; a larger one lists its chunks under pending/<seq> until the
// transaction that links it. A failed item leaves nothing behind and does
// not stop the others; a failed transaction (disk full) or a cancellation
// stops the batch, and every item not yet linked reports the error.
func (s *Store) AddEvidenceBatch(ctx context.Context, items []dossier.Incoming, progress dossier.Progress) []dossier.Added {
	s.beginIngest()
	defer s.endIngest()
	w := newBatchWriter(s, items, progress)
	w.run(ctx)
	w.p.free()
	return w.results
}

// beginIngest counts a running ingest. It takes the store's lock for
// writing so that every transaction begun before (a deletion that might
// free a chunk this ingest is about to find) has ended.
func (s *Store) beginIngest() {
	s.mu.Lock()
	s.ingests.Add(1)
	s.mu.Unlock()
}

// endIngest ends an ingest; the last one sweeps the chunks that deletions
// left at zero references meanwhile.
func (s *Store) endIngest() {
	if s.ingests.Add(-1) == 0 && s.orphansMarked() {
		_ = s.update(func(tx *bbolt.Tx) error {
			if s.ingests.Load() > 0 {
				return nil
			}
			return sweepOrphans(tx)
		})
	}
}

// orphansMarked tells whether a deletion left chunks for endIngest to
// sweep; reading first keeps an ingest that added nothing (every file
// refused) from writing to the dossier at all.
func (s *Store) orphansMarked() bool {
	marked := true // when in doubt, sweep
	_ = s.db.View(func(tx *bbolt.Tx) error {
		marked = tx.Bucket(bucketMeta).Get(keyOrphans) != nil
		return nil
	})
	return marked
}

// digestKey parses a hex SHA-256.
func digestKey(sha string) ([]byte, error) {
	k, err := hex.DecodeString(sha)
	if err != nil || len(k) != sha256.Size {
		return nil, dossier.E(dossier.FaultInternal, "", fmt.Errorf("malformed SHA-256 %q", sha))
	}
	return k, nil
}
