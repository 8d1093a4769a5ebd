package storage

import "go.etcd.io/bbolt"

// migrateV8toV9 moves the events versions 6 to 8 left in journal_tail/,
// one per key, into journal/ as they are (where they read as before),
// adds the empty journal_mid/ and sets version 9, in one transaction: a crash leaves the file at version
// 8 with its tail, and the next opening runs it again. From then on the
// tail holds one block (see appendEvent). step, when not nil, is called
// after each event moved (a test kills the process there).
func migrateV8toV9(db *bbolt.DB, step func(done int)) error {
	return db.Update(func(btx *bbolt.Tx) error {
		meta := btx.Bucket(bucketMeta)
		if fromU64(meta.Get(keySchemaVersion)) >= 9 {
			return nil
		}
		j, err := journalBucket(btx)
		if err != nil {
			return err
		}
		if tail := btx.Bucket(bucketJournalTail); tail != nil {
			if err := moveTail(j, tail, step); err != nil {
				return err
			}
		}
		if _, err := btx.CreateBucketIfNotExists(bucketJournalMid); err != nil {
			return err
		}
		return meta.Put(keySchemaVersion, u64(9))
	})
}
