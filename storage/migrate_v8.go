package storage

import (
	"bytes"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// migrateV7toV8 writes every requirement's evidence summary (see
// evidence_summary.go), computed from its evidence_by_req entries, in one
// transaction that also sets version 8: a crash leaves the file at
// version 7, and the next opening runs it again. progress, when not nil,
// follows the entries read (of all of them); step, when not nil, is
// called after each requirement with the entries done (a test kills the
// process there).
func migrateV7toV8(db *bbolt.DB, progress dossier.Progress, step func(done int)) error {
	return db.Update(func(tx *bbolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if fromU64(meta.Get(keySchemaVersion)) >= 8 {
			return nil
		}
		// Left by an older migration's bucket creation: rebuilt whole.
		for _, name := range [][]byte{bucketSummaries, bucketSummaryDirty} {
			if tx.Bucket(name) != nil {
				if err := tx.DeleteBucket(name); err != nil {
					return err
				}
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		idx := tx.Bucket(bucketEvidenceByReq)
		total := int64(idx.Stats().KeyN)
		done, released := 0, 0
		if progress != nil {
			progress(0, total)
		}
		c := idx.Cursor()
		for k, _ := c.First(); k != nil; {
			i := bytes.IndexByte(k, 0)
			if i < 0 {
				k, _ = c.Next()
				continue
			}
			reqID := string(k[:i])
			evs, err := requirementFacts(tx, reqID)
			if err != nil {
				return err
			}
			if len(evs) > 0 {
				if err := put(tx.Bucket(bucketSummaries), []byte(reqID), dossier.SummaryOf(evs)); err != nil {
					return err
				}
			}
			done += len(evs)
			// The records read for entries without facts lie all over
			// the file: released now and then (see listFacts).
			if done-released >= releaseEntriesEvery {
				releaseMapping(tx)
				released = done
			}
			if progress != nil {
				progress(int64(done), total)
			}
			if step != nil {
				step(done)
			}
			k, _ = c.Seek(append([]byte(reqID), 1))
		}
		return meta.Put(keySchemaVersion, u64(8))
	})
}
