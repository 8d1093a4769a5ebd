package storage

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"sync/atomic"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Store is one open dossier file. Each write method is one transaction.
type Store struct {
	// mu guards db, which Compact replaces; every transaction holds it
	// for reading.
	mu   sync.RWMutex
	db   *bbolt.DB
	path string
	// file is the handle bbolt reads and writes db through (openBolt),
	// which content streams read from (readValue); nil: they copy out of
	// the mapping. Replaced with db.
	file *os.File
	// ahead follows content streams to read the file ahead of them.
	ahead readAhead
	// readOnly: opened with OpenReadOnly; every write fails.
	readOnly bool
	// chunksRead counts content chunks streamed out, across readers, to
	// release the mapping every releaseEvery chunks (see releaseMapping).
	chunksRead atomic.Uint64
	// ingests counts the ingests running (see beginIngest).
	ingests atomic.Int32
	// cats is the catalogue in use, decoded (see catalogueCache).
	cats catalogueCache
}

var _ dossier.Store = (*Store)(nil)

// Path is the dossier file.
func (s *Store) Path() string { return s.path }

// Close releases the file and its lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.db.Close()
}

// Info reads the dossier's identity.
func (s *Store) Info() (dossier.Info, error) {
	var in dossier.Info
	err := s.view(func(tx *bbolt.Tx) error {
		ok, err := get(tx.Bucket(bucketDossier), keyInfo, &in)
		if err == nil && !ok {
			err = fmt.Errorf("%w: no dossier identity", errCorrupt)
		}
		return err
	})
	return in, err
}

// Catalogue reads the catalogue in use. It is the one the write
// transactions see (Tx.Catalogue), decoded once per version.
func (s *Store) Catalogue() (*dossier.Catalogue, error) {
	var cat *dossier.Catalogue
	err := s.view(func(tx *bbolt.Tx) (err error) {
		cat, err = s.cats.current(tx)
		return err
	})
	return cat, err
}

// addCatalogue stores a new catalogue version and makes it current.
func addCatalogue(tx *bbolt.Tx, cat *dossier.Catalogue) (uint64, error) {
	b := tx.Bucket(bucketCatalogues)
	seq, err := b.NextSequence()
	if err != nil {
		return 0, err
	}
	if err := put(b, u64(seq), cat); err != nil {
		return 0, err
	}
	return seq, b.Put(keyCurrent, u64(seq))
}

// States reads every recorded requirement state.
func (s *Store) States() (map[string]dossier.ReqState, error) {
	out := map[string]dossier.ReqState{}
	err := s.view(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketStates).ForEach(func(k, v []byte) error {
			var st dossier.ReqState
			if err := decode(v, &st); err != nil {
				return err
			}
			out[string(k)] = st
			return nil
		})
	})
	return out, err
}

// EvidenceCounts counts evidence per requirement from the index bucket,
// without reading any evidence record.
func (s *Store) EvidenceCounts() (map[string]int, error) {
	out := map[string]int{}
	err := s.view(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketEvidenceByReq).ForEach(func(k, _ []byte) error {
			if i := bytes.IndexByte(k, 0); i > 0 {
				out[string(k[:i])]++
			}
			return nil
		})
	})
	return out, err
}

// view runs fn in a read transaction; a panic from a corrupted page
// becomes an error.
func (s *Store) view(fn func(tx *bbolt.Tx) error) (err error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	defer s.recoverCorrupt(&err)
	return s.db.View(fn)
}

// update runs fn in one write transaction, then recomputes the evidence
// summaries fn marked (flushSummaries), and classifies storage failures.
func (s *Store) update(fn func(tx *bbolt.Tx) error) (err error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	defer s.recoverCorrupt(&err)
	err = s.db.Update(func(tx *bbolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return flushSummaries(tx)
	})
	if err != nil {
		return fsError(s.path, err, true)
	}
	return nil
}

func (s *Store) recoverCorrupt(err *error) {
	if r := recover(); r != nil {
		*err = dossier.E(dossier.FaultDamaged, s.path, fmt.Errorf("bbolt panic: %v", r))
	}
}
