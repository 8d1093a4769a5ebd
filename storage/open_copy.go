package storage

import (
	"errors"
	"fmt"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

var _ dossier.CopyOpener = Opener{}

// OpenCopy implements dossier.CopyOpener: OpenReadOnly, except that a file
// of an older schema is refused instead of converted, so that the file is
// never written.
func (o Opener) OpenCopy(path string) (st dossier.Store, err error) {
	if err := precheck(path); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			st, err = nil, dossier.E(dossier.FaultNotDossier, path, fmt.Errorf("bbolt panic: %v", r))
		}
	}()
	opts := boltOptions()
	opts.ReadOnly = true
	db, err := bbolt.Open(path, 0o600, opts)
	if err != nil {
		if errors.Is(err, bbolt.ErrTimeout) {
			return nil, dossier.E(dossier.FaultLocked, path, err)
		}
		return nil, fsError(path, err, false)
	}
	version, err := schemaVersion(db)
	db.Close()
	switch {
	case err != nil:
		return nil, about(path, err)
	case version < SchemaVersion:
		return nil, dossier.E(dossier.FaultCopyOld, path, fmt.Errorf("schema %d", version))
	}
	return openProgress(path, true, nil)
}
