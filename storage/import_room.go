package storage

import (
	"os"
	"runtime"

	"go.etcd.io/bbolt"
)

// importRoomStep bounds one growth of the file made ahead of an import's
// commits (see makeRoom): a large import grows it in a few steps, and a
// cancelled one leaves at most this much unused room (a hole: no disk
// blocks, only a larger file size until the next compaction).
const importRoomStep = 256 << 20

// attachRoomStep bounds one growth of the file made ahead of the commits
// of a large content being attached: a 1 GiB file grows the dossier once
// (five times in 256 MiB steps, each waiting for the disk).
const attachRoomStep = 1 << 30

// makeRoom grows the file, when the next commits need it, to hold about
// want more bytes, at most importRoomStep (an import's commits; those of a
// large content being attached grow it by attachRoomStep: growAhead). bbolt grows the file itself at
// each commit that writes past its end, and each growth waits for the disk
// (a truncate then an fsync, so that a power cut cannot lose the new size):
// one growth ahead of many 16 MiB transactions saves one disk wait each.
// The growth is bbolt's own (truncate, then fsync before any page is
// written there), so a crash or a power cut leaves at most unused room at
// the end, which bbolt ignores. tx is the open write transaction: its
// lock keeps bbolt's own growth from running meanwhile. Only on Linux and
// macOS, where bbolt locks the file with flock, which closing our second
// descriptor leaves alone (fcntl locks, elsewhere, would go); Windows is
// left to bbolt, which sizes the file with its mapping there.
func makeRoom(tx *bbolt.Tx, want int64) error {
	return growAhead(tx, want, importRoomStep)
}

// growAhead is makeRoom with at most step bytes of growth.
func growAhead(tx *bbolt.Tx, want, step int64) error {
	if (runtime.GOOS != "linux" && runtime.GOOS != "darwin") || want <= 0 {
		return nil
	}
	f, err := os.OpenFile(tx.DB().Path(), os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	used := tx.Size()
	if fi.Size()-used >= min(want, 2*int64(importBatchBytes)) {
		return nil
	}
	size := used + min(want, step)
	if size <= fi.Size() {
		return nil
	}
	if err := f.Truncate(size); err != nil {
		return err
	}
	return f.Sync()
}
