package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// lockTimeout is how long Open waits for another instance to release the
// file before it reports dossier.ErrLocked.
const lockTimeout = time.Second

// errCorrupt marks damage found inside a dossier file.
var errCorrupt = dossier.ErrDamaged

// Opener implements dossier.Opener over bbolt files.
type Opener struct{}

// Create makes a new dossier file. It is built under a temporary name and
// linked into place at the end, so a crash never leaves a half-made dossier
// at path, and an existing file is never overwritten.
func (Opener) Create(path string, info dossier.Info, cat *dossier.Catalogue) (dossier.Store, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, dossier.E(dossier.FaultExists, path, nil)
	}
	tmp := fmt.Sprintf("%s.creation-%d", path, os.Getpid())
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
		_, err := addCatalogue(tx, cat)
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
	return Opener{}.Open(path)
}

// Open opens an existing dossier, migrating it to the current schema.
func (Opener) Open(path string) (dossier.Store, error) {
	return open(path)
}

func open(path string) (st *Store, err error) {
	if err := precheck(path); err != nil {
		return nil, err
	}
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
	db, err = bbolt.Open(path, 0o600, boltOptions())
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
		return open(path)
	}
	if err := prepare(db); err != nil {
		db.Close()
		return nil, about(path, err)
	}
	return &Store{db: db, path: path}, nil
}

// prepare checks the schema version and migrates an older file.
func prepare(db *bbolt.DB) error {
	var version int
	err := db.View(func(tx *bbolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return dossier.ErrNotDossier
		}
		version = int(fromU64(meta.Get(keySchemaVersion)))
		return nil
	})
	switch {
	case err != nil:
		return err
	case version == 0:
		return dossier.ErrNotDossier
	case version > SchemaVersion:
		return dossier.E(dossier.FaultNewerVersion, "", fmt.Errorf("schema %d, this version reads up to %d", version, SchemaVersion))
	case version < SchemaVersion:
		if err := db.Update(func(tx *bbolt.Tx) error { return migrate(tx, version) }); err != nil {
			return err
		}
	}
	return sweepPending(db)
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
