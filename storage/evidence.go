package storage

import (
	"bytes"
	"fmt"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// byReqKey is the evidence_by_req key: requirement ID, 0x00, evidence ID.
func byReqKey(reqID string, id uint64) []byte {
	return append(append([]byte(reqID), 0), u64(id)...)
}

// putNewEvidence gives ev the next evidence ID and writes its record and
// index entry (with its facts).
func putNewEvidence(tx *bbolt.Tx, ev dossier.Evidence) (dossier.Evidence, error) {
	b := tx.Bucket(bucketEvidence)
	id, err := b.NextSequence()
	if err != nil {
		return ev, err
	}
	ev.ID = id
	if err := put(b, u64(id), ev); err != nil {
		return ev, err
	}
	return ev, putIndex(tx, ev)
}

// releaseRecordsEvery is how many evidence records a listing decodes
// between two releases of the file mapping (releaseMapping). Each record
// read from a page not yet mapped faults in up to 64 KiB around it (the
// kernel's fault-around), so 128 records map at most 8 MiB: at 1,024,
// listing 20,000 scattered records held up to 64 MiB.
const releaseRecordsEvery = 128

// ListEvidence implements dossier.EvidenceStore.
func (s *Store) ListEvidence(reqID string) ([]dossier.Evidence, error) {
	var out []dossier.Evidence
	err := s.view(func(tx *bbolt.Tx) error {
		var err error
		out, err = listEvidence(tx, reqID)
		return err
	})
	return out, err
}

// ListEvidence implements dossier.Tx.
func (t *tx) ListEvidence(reqID string) ([]dossier.Evidence, error) {
	return listEvidence(t.btx, reqID)
}

// listEvidence lists one requirement's evidence in the order added, or
// every item (ordered by ID) when reqID is "".
func listEvidence(tx *bbolt.Tx, reqID string) ([]dossier.Evidence, error) {
	out := []dossier.Evidence{}
	evs := tx.Bucket(bucketEvidence)
	if reqID == "" {
		err := evs.ForEach(func(_, v []byte) error {
			var ev dossier.Evidence
			if err := decode(v, &ev); err != nil {
				return err
			}
			out = append(out, ev)
			// The records lie on pages spread over the whole file, each
			// fault mapping its neighbours too: released now and then,
			// they do not grow the resident set with the dossier's size
			// (the decoded copies stay valid).
			if len(out)%releaseRecordsEvery == 0 {
				releaseMapping(tx)
			}
			return nil
		})
		return out, err
	}
	prefix := append([]byte(reqID), 0)
	c := tx.Bucket(bucketEvidenceByReq).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		var ev dossier.Evidence
		ok, err := get(evs, k[len(prefix):], &ev)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("%w: evidence index %d without record", errCorrupt, fromU64(k[len(prefix):]))
		}
		out = append(out, ev)
	}
	return out, nil
}

// GetEvidence implements dossier.EvidenceStore.
func (s *Store) GetEvidence(id uint64) (dossier.Evidence, error) {
	var ev dossier.Evidence
	err := s.view(func(tx *bbolt.Tx) error {
		var err error
		ev, err = getEvidence(tx, id)
		return err
	})
	return ev, err
}

func getEvidence(tx *bbolt.Tx, id uint64) (dossier.Evidence, error) {
	var ev dossier.Evidence
	ok, err := get(tx.Bucket(bucketEvidence), u64(id), &ev)
	if err == nil && !ok {
		err = fmt.Errorf("evidence %d: %w", id, dossier.ErrNotFound)
	}
	return ev, err
}
