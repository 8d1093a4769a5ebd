package dossier

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// steadyReader reads a file that must not change while it is read: it
// fails when the file yields more or fewer bytes than its size when the
// attach started, and when, at the end, the path is gone or names a file
// of another size or date. The content store then drops what it wrote.
type steadyReader struct {
	r     io.Reader
	path  string
	start os.FileInfo
	n     int64
}

func (s *steadyReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.n += int64(n)
	if s.n > s.start.Size() {
		return n, E(FaultFileGrew, s.path, fmt.Errorf("more than %d bytes", s.start.Size()))
	}
	if errors.Is(err, io.EOF) {
		if cerr := s.check(); cerr != nil {
			return n, cerr
		}
	}
	return n, err
}

// check runs at end of file.
func (s *steadyReader) check() error {
	if s.n < s.start.Size() {
		return E(FaultFileShrank, s.path, fmt.Errorf("%d bytes read of %d", s.n, s.start.Size()))
	}
	now, err := os.Stat(s.path)
	if err != nil {
		return E(FaultFileGone, s.path, err)
	}
	if !os.SameFile(now, s.start) || now.Size() != s.start.Size() || !now.ModTime().Equal(s.start.ModTime()) {
		return E(FaultFileChanged, s.path, nil)
	}
	return nil
}

// nonEmptyReader fails at end of input when nothing was read.
type nonEmptyReader struct {
	r    io.Reader
	name string
	n    int64
}

func (e *nonEmptyReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	e.n += int64(n)
	if errors.Is(err, io.EOF) && e.n == 0 {
		return n, E(FaultEmptyEvidence, e.name, nil)
	}
	return n, err
}
