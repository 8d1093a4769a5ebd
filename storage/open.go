package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/scratch"
)

// lockTimeout is how long Open waits for another instance to release the
// file before it reports dossier.ErrLocked.
const lockTimeout = time.Second

// errCorrupt marks damage found inside a dossier file.
var errCorrupt = dossier.ErrDamaged

// Opener implements dossier.Opener over bbolt files.
type Opener struct {
	// Progress, when not nil, follows the conversion of a dossier written
	// by an older version (bytes of content converted, total).
	Progress dossier.Progress
}

// Create makes a new dossier file. It is built under a temporary name and
// linked into place at the end, so a crash never leaves a half-made dossier
// at path, and an existing file is never overwritten.
// The file gets its signing key, and its journal the event first (with
// the key's fingerprint), in the creating transaction.
func (o Opener) Create(path string, info dossier.Info, cat *dossier.Catalogue, first dossier.Event) (dossier.Store, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, dossier.E(dossier.FaultExists, path, nil)
	}
	scratch.Sweep(filepath.Dir(path))
	tmp := scratch.CreatingName(path)
	db, err := bbolt.Open(tmp, 0o600, boltOptions())
	if err != nil {
		return nil, fsError(path, err, true)
	}
	err = db.Update(func(tx *bbolt.Tx) error {
		for _, name := range topBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(SchemaVersion)); err != nil {
			return err
		}
		if err := put(tx.Bucket(bucketDossier), keyInfo, info); err != nil {
			return err
		}
		if _, err := addCatalogue(tx, cat); err != nil {
			return err
		}
		fp, err := ensureSigningKey(tx)
		if err != nil {
			return err
		}
		first.Fields = append(first.Fields, dossier.FieldChange{Field: dossier.FieldKey, New: fp})
		at := info.CreatedAt
		if at.IsZero() {
			at = time.Now().UTC()
		}
		_, err = appendEvent(tx, first, at)
		return err
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Link(tmp, path)
	}
	os.Remove(tmp)
	if err != nil {
		return nil, fsError(path, err, true)
	}
	return o.Open(path)
}

// Open opens an existing dossier, migrating it to the current schema.
func (o Opener) Open(path string) (dossier.Store, error) {
	return openProgress(path, false, o.Progress)
}

// OpenReadOnly implements dossier.Opener: bbolt's read-only mode takes a
// shared lock, so readers run side by side and a writer waits for them
// (and they for it). Nothing is written: pending chunks of an interrupted
// attach stay (reads never see them) until the next read-write open. A
// file of an older schema is first migrated by a read-write open, as any
// command did before; if a reader holds it, the user is told it is busy.
func (o Opener) OpenReadOnly(path string) (dossier.Store, error) {
	return openProgress(path, true, o.Progress)
}

// OpenProgress implements dossier.ProgressOpener: Open, with progress
// following the conversion instead of o.Progress.
func (o Opener) OpenProgress(path string, progress dossier.Progress) (dossier.Store, error) {
	return openProgress(path, false, progress)
}

func open(path string, readOnly bool) (*Store, error) { return openProgress(path, readOnly, nil) }

func openProgress(path string, readOnly bool, progress dossier.Progress) (st *Store, err error) {
	if err := precheck(path); err != nil {
		return nil, err
	}
	// What dead processes left beside the dossier (a compaction's copy,
	// an export being written) goes; a live process's work stays.
	scratch.Sweep(filepath.Dir(path))
	var db *bbolt.DB
	// bbolt panics on some corrupted pages (at open or later reads); a
	// hostile file must give an error, not a crash.
	defer func() {
		if r := recover(); r != nil {
			if db != nil {
				db.Close()
			}
			st, err = nil, dossier.E(dossier.FaultNotDossier, path, fmt.Errorf("bbolt panic: %v", r))
		}
	}()
	before, _ := os.Stat(path)
	opts := boltOptions()
	opts.ReadOnly = readOnly
	var file *os.File
	db, file, err = openBolt(path, opts)
	if err != nil {
		if errors.Is(err, bbolt.ErrTimeout) {
			return nil, dossier.E(dossier.FaultLocked, path, err)
		}
		return nil, fsError(path, err, false)
	}
	if after, err := os.Stat(path); err == nil && before != nil && !os.SameFile(before, after) {
		// The file was replaced while we waited for the lock (another
		// instance compacted it): we may hold the old, unlinked file.
		// Open the current one instead, which waits for its lock in turn.
		db.Close()
		return openProgress(path, readOnly, progress)
	}
	version, err := schemaVersion(db)
	if err != nil {
		db.Close()
		return nil, about(path, err)
	}
	if readOnly && version < SchemaVersion {
		db.Close()
		w, err := openProgress(path, false, progress)
		if err != nil {
			return nil, err
		}
		w.Close()
		return open(path, true)
	}
	if !readOnly {
		if err := prepare(db, version, progress); err != nil {
			db.Close()
			return nil, about(path, err)
		}
	}
	return &Store{db: db, file: file, path: path, readOnly: readOnly}, nil
}

// schemaVersion reads the file's schema version and refuses a file this
// code cannot read.
func schemaVersion(db *bbolt.DB) (int, error) {
	var version int
	err := db.View(func(tx *bbolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return dossier.ErrNotDossier
		}
		version = int(fromU64(meta.Get(keySchemaVersion)))
		if meta.Get(keyMigrating) != nil {
			// A conversion left midway: not yet at its version.
			version--
		}
		return nil
	})
	switch {
	case err != nil:
		return 0, err
	case version == 0:
		return 0, dossier.ErrNotDossier
	case version > SchemaVersion:
		return 0, dossier.E(dossier.FaultNewerVersion, "", fmt.Errorf("schema %d, this version reads up to %d", version, SchemaVersion))
	}
	return version, nil
}

// prepare migrates an older file, sweeps what interrupted ingests left
// and writes the summaries a write path left marked.
func prepare(db *bbolt.DB, version int, progress dossier.Progress) error {
	if version < SchemaVersion {
		if err := migrateAll(db, version, progress); err != nil {
			return err
		}
	}
	if err := sweepPending(db); err != nil {
		return err
	}
	return flushLeftSummaries(db)
}

// fsError classifies a file-system error about the dossier at path: a
// missing folder, a file that is not a bbolt file, or what
// dossier.PathError tells.
func fsError(path string, err error, writing bool) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		if dir := filepath.Dir(path); !exists(dir) {
			return dossier.E(dossier.FaultFolderNotFound, dir, err)
		}
	case errors.Is(err, bbolt.ErrInvalid), errors.Is(err, bbolt.ErrVersionMismatch), errors.Is(err, bbolt.ErrChecksum):
		return dossier.E(dossier.FaultNotDossier, path, err)
	}
	return dossier.PathError(path, err, writing)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// about names the dossier at path in err: a fault without a subject gets
// path as its subject; an error without a fault is classified by fsError.
func about(path string, err error) error {
	e := dossier.AsError(err)
	switch {
	case e == nil:
		return fsError(path, err, true)
	case e.Subject == "":
		return dossier.ED(e.Fault, path, e.Detail, err)
	}
	return err
}
