package storage

import (
	"bytes"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Each requirement's evidence summary (dossier.ProofSummary) lives in
// evidence_summary, so that `status`, `check`, the dashboard and the
// requirement list read one record per requirement, not one index entry
// per proof. Every change of a requirement's evidence_by_req entries
// marks it in evidence_summary_dirty (touchSummary); the end of the
// write transaction recomputes the summaries marked, from their entries
// (flushSummaries), so a summary always equals what its entries give.
// A write path that did not flush leaves its marks: readers then compute
// those requirements from their entries, and the next flush writes them.

var _ dossier.SummaryStore = (*Store)(nil)

// touchSummary marks reqID's summary for flushSummaries. A file not yet
// at version 8 has no such bucket: migrateV7toV8 computes every summary.
func touchSummary(tx *bbolt.Tx, reqID string) error {
	b := tx.Bucket(bucketSummaryDirty)
	if b == nil {
		return nil
	}
	return b.Put([]byte(reqID), []byte{})
}

// flushSummaries writes the summary of every requirement touchSummary
// marked in tx, recomputed from its entries, and clears the marks.
func flushSummaries(tx *bbolt.Tx) error {
	dirty := tx.Bucket(bucketSummaryDirty)
	if dirty == nil {
		return nil
	}
	if k, _ := dirty.Cursor().First(); k == nil {
		return nil
	}
	var ids [][]byte
	if err := dirty.ForEach(func(k, _ []byte) error {
		ids = append(ids, bytes.Clone(k))
		return nil
	}); err != nil {
		return err
	}
	for _, id := range ids {
		if err := putSummary(tx, string(id)); err != nil {
			return err
		}
		if err := dirty.Delete(id); err != nil {
			return err
		}
	}
	return nil
}

// flushLeftSummaries flushes the marks a write path left (see above),
// writing only when there are some.
func flushLeftSummaries(db *bbolt.DB) error {
	var left bool
	if err := db.View(func(tx *bbolt.Tx) error {
		k, _ := tx.Bucket(bucketSummaryDirty).Cursor().First()
		left = k != nil
		return nil
	}); err != nil || !left {
		return err
	}
	return db.Update(flushSummaries)
}

// putSummary writes reqID's summary, recomputed from its entries; a
// requirement without evidence has none.
func putSummary(tx *bbolt.Tx, reqID string) error {
	evs, err := requirementFacts(tx, reqID)
	if err != nil {
		return err
	}
	b := tx.Bucket(bucketSummaries)
	if len(evs) == 0 {
		return b.Delete([]byte(reqID))
	}
	return put(b, []byte(reqID), dossier.SummaryOf(evs))
}

// requirementFacts lists the facts of reqID's evidence, ordered by ID
// (the index's order within a requirement).
func requirementFacts(tx *bbolt.Tx, reqID string) ([]dossier.Evidence, error) {
	return appendFacts(tx, reqID, nil)
}

// appendFacts is requirementFacts appending to out.
func appendFacts(tx *bbolt.Tx, reqID string, out []dossier.Evidence) ([]dossier.Evidence, error) {
	prefix := append([]byte(reqID), 0)
	c := tx.Bucket(bucketEvidenceByReq).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if len(k) != len(prefix)+8 {
			continue
		}
		ev, ok, _, err := entryFacts(tx, reqID, k, v)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, ev)
		}
	}
	return out, nil
}

// ProofSummaries implements dossier.SummaryStore: the stored summaries,
// and those of requirements a write left marked, from their entries.
func (s *Store) ProofSummaries(detail func(map[string]dossier.ProofSummary) []string) (map[string]dossier.ProofSummary, []dossier.Evidence, error) {
	out := map[string]dossier.ProofSummary{}
	var facts []dossier.Evidence
	err := s.view(func(tx *bbolt.Tx) error {
		if err := tx.Bucket(bucketSummaries).ForEach(func(k, v []byte) error {
			var sum dossier.ProofSummary
			if err := decode(v, &sum); err != nil {
				return err
			}
			out[string(k)] = sum
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketSummaryDirty).ForEach(func(k, _ []byte) error {
			evs, err := requirementFacts(tx, string(k))
			if err != nil {
				return err
			}
			delete(out, string(k))
			if len(evs) > 0 {
				out[string(k)] = dossier.SummaryOf(evs)
			}
			return nil
		}); err != nil || detail == nil {
			return err
		}
		var err error
		facts, err = factsOf(tx, detail(out))
		return err
	})
	return out, facts, err
}

// factsOf lists the facts of the evidence of the requirements ids,
// ordered by ID.
func factsOf(tx *bbolt.Tx, ids []string) ([]dossier.Evidence, error) {
	var out []dossier.Evidence
	released := 0
	for _, id := range ids {
		var err error
		if out, err = appendFacts(tx, id, out); err != nil {
			return nil, err
		}
		// As listFacts: the pages read are let go now and then.
		if len(out)-released >= releaseEntriesEvery {
			releaseMapping(tx)
			released = len(out)
		}
	}
	return byID(out), nil
}
