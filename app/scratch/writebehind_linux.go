package scratch

import (
	"os"
	"syscall"
)

const writeBehindSupported = true

// sync_file_range(2) flags.
const (
	syncFileRangeWaitBefore = 1
	syncFileRangeWrite      = 2
	syncFileRangeWaitAfter  = 4
)

func syncFileRange(f *os.File, off, n int64, flags int) {
	_, _, _ = syscall.Syscall6(syscall.SYS_SYNC_FILE_RANGE, f.Fd(), uintptr(off), uintptr(n), uintptr(flags), 0, 0)
}

// startWriteBack starts writing the range out without waiting.
func startWriteBack(f *os.File, off, n int64) { syncFileRange(f, off, n, syncFileRangeWrite) }

// waitWriteBack waits until the range is written out.
func waitWriteBack(f *os.File, off, n int64) {
	syncFileRange(f, off, n, syncFileRangeWaitBefore|syncFileRangeWrite|syncFileRangeWaitAfter)
}
