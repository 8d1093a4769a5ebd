package dossier

import (
	"context"
	"io"
	"os"
	"path/filepath"
)

// ExtractToFile writes evidence id's content (checked against its
// SHA-256) to a new file at path, never overwriting one: a failed or
// cancelled extraction leaves nothing behind.
func (s *Service) ExtractToFile(ctx context.Context, id uint64, path string) error {
	return writeNew(path, func(w io.Writer) error { return s.ExtractEvidence(ctx, id, w) })
}

// writeNew creates path with what fill writes, never overwriting: the
// content goes to a temporary file in the same folder, synced, then
// linked to path, which fails if path appeared meanwhile. A failure
// leaves nothing behind.
func writeNew(path string, fill func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.partiel")
	if err != nil {
		return PathError(dir, err, true)
	}
	defer os.Remove(tmp.Name())
	err = fill(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return PathError(path, err, true)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if _, serr := os.Lstat(path); serr == nil {
			return E(FaultExists, path, err)
		}
		// File systems without hard links (FAT, some shares).
		if rerr := os.Rename(tmp.Name(), path); rerr != nil {
			return PathError(path, rerr, true)
		}
	}
	return nil
}
