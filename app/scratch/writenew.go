package scratch

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteNew creates path with what fill writes, never overwriting: the
// content goes to a temporary file of ours in the same folder (Create:
// held, so Sweep leaves it alone), synced, then linked to path, which
// fails with an error wrapping os.ErrExist if path appeared meanwhile. A
// failure leaves nothing behind. fill's own error is returned as it is;
// the others are the operating system's, for the caller to classify.
func WriteNew(path string, fill func(io.Writer) error) error {
	dir := filepath.Dir(path)
	Sweep(dir)
	tmp, err := Create(dir, filepath.Base(path))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = fill(WriteBehind(tmp))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if _, serr := os.Lstat(path); serr == nil {
			return fmt.Errorf("%s: %w", path, os.ErrExist)
		}
		// File systems without hard links (FAT, some shares).
		if rerr := os.Rename(tmp.Name(), path); rerr != nil {
			return rerr
		}
	}
	return nil
}
