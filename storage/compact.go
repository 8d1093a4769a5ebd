package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// compactTxBytes bounds each transaction of the compaction copy.
const compactTxBytes = 8 << 20

// Compact implements dossier.EvidenceStore. bbolt never shrinks its file:
// space freed by deleted evidence is only reused. Compact copies every
// bucket into a new file next to the dossier (bbolt.Compact, in bounded
// transactions) and renames it over the dossier, so that a crash at any
// moment leaves either the old file or the new one, both whole.
//
// The store keeps the file locked throughout: on Unix the new file is
// opened (and locked) before the rename and becomes the store's handle;
// the old handle, now on an unlinked file, is closed after. Other calls on
// the store wait for the compaction. Cancelling ctx stops the copy at its
// next commit and leaves the dossier as it was.
func (s *Store) Compact(ctx context.Context, progress dossier.Progress) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return dossier.E(dossier.FaultCancelled, "", err)
	}
	tmp := s.path + ".compactage"
	// A leftover of an interrupted compaction: we hold the dossier's lock,
	// so no one else is writing it.
	os.Remove(tmp)
	dst, err := bbolt.Open(tmp, 0o600, boltOptions())
	if err != nil {
		return fsError(s.path, err, true)
	}
	fail := func(err error) error {
		dst.Close()
		os.Remove(tmp)
		return err
	}
	total := s.liveBytes()
	if err := copyInto(ctx, dst, s.db, compactTxBytes, total, progress); err != nil {
		if errors.Is(err, dossier.ErrCancelled) {
			return fail(err)
		}
		return fail(fsError(s.path, err, true))
	}
	if err := ctx.Err(); err != nil {
		return fail(dossier.E(dossier.FaultCancelled, "", err))
	}
	if runtime.GOOS == "windows" {
		// Windows renames neither over an open file nor an open one.
		dst.Close()
		s.db.Close()
		err = os.Rename(tmp, s.path)
		db, oerr := bbolt.Open(s.path, 0o600, boltOptions())
		if oerr != nil {
			return fsError(s.path, oerr, true)
		}
		s.db = db
	} else {
		if err = os.Rename(tmp, s.path); err == nil {
			syncDir(filepath.Dir(s.path))
			old := s.db
			s.db = dst
			old.Close()
		}
	}
	if err != nil {
		return fail(fsError(s.path, err, true))
	}
	if progress != nil {
		progress(total, total)
	}
	return nil
}

// LiveBytes estimates the size of the file once compacted (see
// dossier.Service.CompactEstimate).
func (s *Store) LiveBytes() int64 { return s.liveBytes() }

// liveBytes estimates the bytes the compacted file will hold: the data
// size less the free pages.
func (s *Store) liveBytes() int64 {
	var size int64
	s.db.View(func(tx *bbolt.Tx) error {
		size = tx.Size()
		return nil
	})
	st := s.db.Stats()
	free := int64(st.FreePageN+st.PendingPageN) * int64(s.db.Info().PageSize)
	return max(size-free, 0)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
