package storage

import "go.etcd.io/bbolt"

// sweepPending drops the chunks of ingests that never reached their final
// transaction (the process crashed or was killed midway). It writes only
// when there is something to sweep.
func sweepPending(db *bbolt.DB) error {
	var dirty bool
	if err := db.View(func(tx *bbolt.Tx) error {
		k, _ := tx.Bucket(bucketPending).Cursor().First()
		dirty = k != nil
		return nil
	}); err != nil || !dirty {
		return err
	}
	return db.Update(func(tx *bbolt.Tx) error {
		if err := tx.DeleteBucket(bucketPending); err != nil {
			return err
		}
		_, err := tx.CreateBucket(bucketPending)
		return err
	})
}
