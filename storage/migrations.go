package storage

import (
	"fmt"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// migration brings a file from version From to From+1. These migrations
// run in order, all in one transaction, so a crash leaves the file at its
// old version; then migrateV3toV4, too large for one transaction, runs in
// bounded ones (see there), and migrateV4toV5, migrateV5toV6,
// migrateV6toV7, migrateV7toV8 and migrateV8toV9 in one of their own each.
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

// lastSmallVersion is the version the one-transaction migrations reach.
const lastSmallVersion = 3

// migrateAll brings db from version `from` (or from a conversion to
// version 4 left midway) to SchemaVersion, reporting the conversion's
// progress.
func migrateAll(db *bbolt.DB, from int, progress dossier.Progress) error {
	if from < lastSmallVersion {
		if err := db.Update(func(tx *bbolt.Tx) error { return migrate(tx, from) }); err != nil {
			return err
		}
	}
	if err := migrateV3toV4(db, progress); err != nil {
		return fmt.Errorf("migration 3→4 (shared chunks): %w", err)
	}
	if err := migrateV4toV5(db); err != nil {
		return fmt.Errorf("migration 4→5 (journal and signing key): %w", err)
	}
	if err := migrateV5toV6(db); err != nil {
		return fmt.Errorf("migration 5→6 (journal tail): %w", err)
	}
	if err := migrateV6toV7(db, factsStep); err != nil {
		return fmt.Errorf("migration 6→7 (evidence facts in the index): %w", err)
	}
	if err := migrateV7toV8(db, progress, summaryStep); err != nil {
		return fmt.Errorf("migration 7→8 (evidence summaries): %w", err)
	}
	if err := migrateV8toV9(db, tailStep); err != nil {
		return fmt.Errorf("migration 8→9 (journal blocks): %w", err)
	}
	return nil
}

// factsStep, summaryStep and tailStep are migrateV6toV7's, migrateV7toV8's
// and migrateV8toV9's step callbacks: nil, but for the kill -9 tests'
// children.
var factsStep, summaryStep, tailStep func(done int)

// migrate runs every one-transaction step needed to bring tx from version
// `from` to lastSmallVersion and records the new version.
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
	if v != lastSmallVersion {
		return fmt.Errorf("%w : aucune migration depuis la version %d", errCorrupt, v)
	}
	return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(uint64(v)))
}
