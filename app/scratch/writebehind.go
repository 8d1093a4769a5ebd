package scratch

import (
	"io"
	"os"
)

// writeBehindWindow is how many bytes a WriteBehind writer lets pile up
// before it asks the kernel to start writing them out.
const writeBehindWindow = 16 << 20

// WriteBehind wraps f, a file about to be written in full and then synced,
// so that its bytes go to the disk while the writing goes on instead of
// all at the final Sync: after each window of writes it starts the
// write-back of that window and waits for the one before (Linux:
// sync_file_range), which also bounds the dirty pages one large file
// leaves in the page cache. The final f.Sync() is still what makes the
// file durable; elsewhere it returns f as it is.
func WriteBehind(f *os.File) io.Writer {
	if !writeBehindSupported {
		return f
	}
	return &writeBehind{f: f}
}

// writeBehind is the writer of WriteBehind; off counts the bytes written,
// started where the last window ended.
type writeBehind struct {
	f            *os.File
	off, started int64
}

func (w *writeBehind) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.off += int64(n)
	if err == nil && w.off-w.started >= writeBehindWindow {
		// Hints only: a failure shows again at the final Sync.
		startWriteBack(w.f, w.started, w.off-w.started)
		if w.started >= writeBehindWindow {
			waitWriteBack(w.f, w.started-writeBehindWindow, writeBehindWindow)
		}
		w.started = w.off
	}
	return n, err
}
