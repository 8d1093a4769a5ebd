package storage

import "go.etcd.io/bbolt"

// migrateV5toV6 gives a version 5 dossier its journal tail (see
// appendEvent): an empty journal_tail/ bucket, and version 6, in one
// transaction. The events already in journal/ stay there; the next ones
// go to the tail.
func migrateV5toV6(db *bbolt.DB) error {
	return db.Update(func(btx *bbolt.Tx) error {
		meta := btx.Bucket(bucketMeta)
		if fromU64(meta.Get(keySchemaVersion)) >= 6 {
			return nil
		}
		if _, err := btx.CreateBucketIfNotExists(bucketJournalTail); err != nil {
			return err
		}
		return meta.Put(keySchemaVersion, u64(6))
	})
}
