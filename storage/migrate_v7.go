package storage

import (
	"bytes"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// factsBatch is how many index entries migrateV6toV7 rewrites between two
// repositionings of its cursor (bbolt cursors do not survive a Put).
const factsBatch = 1000

// migrateV6toV7 writes the facts of every evidence (see encodeFacts) into
// its evidence_by_req entry, recomputed from the record, in one
// transaction that also sets version 7: a crash leaves the file at
// version 6, and the next opening runs it again. step, when not nil, is
// called after each batch with the entries done (a test kills the
// process there).
func migrateV6toV7(db *bbolt.DB, step func(done int)) error {
	return db.Update(func(btx *bbolt.Tx) error {
		meta := btx.Bucket(bucketMeta)
		if fromU64(meta.Get(keySchemaVersion)) >= 7 {
			return nil
		}
		idx, evb := btx.Bucket(bucketEvidenceByReq), btx.Bucket(bucketEvidence)
		type entry struct{ k, v []byte }
		var from []byte
		done := 0
		for {
			var batch []entry
			c := idx.Cursor()
			k, _ := c.First()
			if from != nil {
				if k, _ = c.Seek(from); bytes.Equal(k, from) {
					k, _ = c.Next()
				}
			}
			for ; k != nil && len(batch) < factsBatch; k, _ = c.Next() {
				if len(k) < 9 {
					continue
				}
				var v []byte
				if raw := evb.Get(k[len(k)-8:]); raw != nil {
					var ev dossier.Evidence
					if err := decode(raw, &ev); err != nil {
						return err
					}
					v = encodeFacts(ev)
				}
				batch = append(batch, entry{append([]byte(nil), k...), v})
			}
			for _, e := range batch {
				if err := idx.Put(e.k, e.v); err != nil {
					return err
				}
			}
			if len(batch) == 0 {
				break
			}
			from = batch[len(batch)-1].k
			done += len(batch)
			// The records read lie all over the file: release them.
			releaseMapping(btx)
			if step != nil {
				step(done)
			}
		}
		return meta.Put(keySchemaVersion, u64(7))
	})
}
