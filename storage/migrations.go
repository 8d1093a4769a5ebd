package storage

import (
	"fmt"

	"go.etcd.io/bbolt"
)

// migration brings a file from version From to From+1. Migrations run in
// order, all in the one transaction that opens the file, so a crash leaves
// the file at its old version.
type migration struct {
	From int
	Name string
	Run  func(tx *bbolt.Tx) error
}

// migrations is the ordered plan; append, never edit a released step.
var migrations = []migration{
	{From: 1, Name: "versioned catalogues and evidence buckets", Run: migrateV1toV2},
	{From: 2, Name: "deposit rounds, ANS requests and dossier ID", Run: migrateV2toV3},
}

// migrateV1toV2 moves the single catalogue (catalogue/current) under
// catalogues/<1> and creates the evidence and content buckets.
func migrateV1toV2(tx *bbolt.Tx) error {
	cats, err := tx.CreateBucketIfNotExists(bucketCatalogues)
	if err != nil {
		return err
	}
	if old := tx.Bucket([]byte("catalogue")); old != nil {
		raw := old.Get(keyCurrent)
		if raw == nil {
			return fmt.Errorf("%w: no catalogue", errCorrupt)
		}
		seq, err := cats.NextSequence()
		if err != nil {
			return err
		}
		if err := cats.Put(u64(seq), append([]byte(nil), raw...)); err != nil {
			return err
		}
		if err := cats.Put(keyCurrent, u64(seq)); err != nil {
			return err
		}
		if err := tx.DeleteBucket([]byte("catalogue")); err != nil {
			return err
		}
	}
	for _, name := range topBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}

// migrate runs every step needed to bring tx from version `from` to
// SchemaVersion and records the new version.
func migrate(tx *bbolt.Tx, from int) error {
	v := from
	for _, m := range migrations {
		if m.From != v {
			continue
		}
		if err := m.Run(tx); err != nil {
			return fmt.Errorf("migration %d→%d (%s): %w", m.From, m.From+1, m.Name, err)
		}
		v++
	}
	if v != SchemaVersion {
		return fmt.Errorf("%w: no migration from version %d", errCorrupt, v)
	}
	return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(uint64(v)))
}
