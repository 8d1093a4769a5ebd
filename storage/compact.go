package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/scratch"
)

// freeSpace is scratch.FreeSpace, replaced in tests.
var freeSpace = scratch.FreeSpace

// compactTxBytes bounds each transaction of the compaction copy. A
// transaction holds its large values as references into the source's
// mapping, then bbolt's page buffers at its commit: at 8 MiB the
// compaction of a 1.5 GiB dossier peaked at 108 MiB of RSS, at 4 MiB at
// 85 MiB. Its commits do not wait for the disk (see Compact), so that
// twice as many cost little.
const compactTxBytes = 4 << 20

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
	if s.readOnly {
		return dossier.E(dossier.FaultInternal, s.path, bbolt.ErrDatabaseReadOnly)
	}
	tmp := s.path + scratch.CompactSuffix
	// A leftover of an interrupted compaction: we hold the dossier's lock,
	// so no one else is writing it.
	os.Remove(tmp)
	total := s.liveBytes()
	if need, free, err := s.room(total); err == nil && free < need {
		return dossier.ED(dossier.FaultNoRoom, s.path, strconv.FormatInt(need, 10),
			fmt.Errorf("compaction needs %d bytes, %d free", need, free))
	}
	dst, dstFile, err := openBolt(tmp, boltOptions())
	if err != nil {
		return fsError(s.path, err, true)
	}
	fail := func(err error) error {
		dst.Close()
		os.Remove(tmp)
		return err
	}
	// The copy is nobody's dossier until renamed: its commits need not
	// wait for the disk (two fdatasync each, thousands of them for a
	// large dossier). One Sync makes the whole copy durable before the
	// rename; a crash before it leaves a leftover the next compaction
	// (or open) removes.
	dst.NoSync = true
	if err := copyInto(ctx, dst, s.db, compactTxBytes, total, progress); err != nil {
		if errors.Is(err, dossier.ErrCancelled) {
			return fail(err)
		}
		return fail(fsError(s.path, err, true))
	}
	if err := ctx.Err(); err != nil {
		return fail(dossier.E(dossier.FaultCancelled, "", err))
	}
	if err := dst.Sync(); err != nil {
		return fail(fsError(s.path, err, true))
	}
	dst.NoSync = false
	if runtime.GOOS == "windows" {
		// Windows renames neither over an open file nor an open one.
		dst.Close()
		s.db.Close()
		err = os.Rename(tmp, s.path)
		db, file, oerr := openBolt(s.path, boltOptions())
		if oerr != nil {
			return fsError(s.path, oerr, true)
		}
		s.db, s.file = db, file
	} else {
		if err = os.Rename(tmp, s.path); err == nil {
			syncDir(filepath.Dir(s.path))
			old := s.db
			s.db, s.file = dst, dstFile
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

// CompactRoom implements dossier.RoomEstimator: the free disk space a
// compaction needs for its copy, and the space free beside the dossier.
func (s *Store) CompactRoom() (need, free int64, err error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.room(s.liveBytes())
}

// CheckRoom implements dossier.RoomEstimator: a content of size bytes
// fits in the pages freed inside the file plus the free disk space.
func (s *Store) CheckRoom(size int64) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	// Pages freed inside the file are reused; the file's tail past its
	// high-water mark is usually sparse and needs disk blocks like any
	// new page.
	st := s.db.Stats()
	inFile := int64(st.FreePageN+st.PendingPageN) * int64(s.db.Info().PageSize)
	free, err := freeSpace(filepath.Dir(s.path))
	need := size + size/20 + 16<<20
	if err != nil || free+inFile >= need {
		return nil
	}
	return dossier.ED(dossier.FaultNoRoom, s.path, strconv.FormatInt(need-inFile, 10),
		fmt.Errorf("storing %d bytes needs %d, %d free on disk and %d in the file", size, need, free, inFile))
}

// room is what a copy of live bytes needs (bbolt's page overhead and file
// growth step on top) and what the dossier's file system has free.
func (s *Store) room(live int64) (need, free int64, err error) {
	need = live + live/20 + 16<<20
	free, err = freeSpace(filepath.Dir(s.path))
	return need, free, err
}

// LiveBytes estimates the size of the file once compacted (see
// dossier.Service.CompactEstimate).
func (s *Store) LiveBytes() int64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.liveBytes()
}

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
