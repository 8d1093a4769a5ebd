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
		return n, fmt.Errorf("le fichier %s a grossi pendant sa lecture (%d octets au départ) : attendez qu'il soit complet (fin d'enregistrement ?) puis recommencez : %w", s.path, s.start.Size(), ErrUnsupportedFile)
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
		return fmt.Errorf("le fichier %s a rétréci pendant sa lecture (%d octets lus sur %d) : il a été modifié ou tronqué ; recommencez quand il ne change plus : %w", s.path, s.n, s.start.Size(), ErrUnsupportedFile)
	}
	now, err := os.Stat(s.path)
	if err != nil {
		return fmt.Errorf("le fichier %s a disparu pendant sa lecture : il n'a pas été ajouté : %w", s.path, ErrUnsupportedFile)
	}
	if !os.SameFile(now, s.start) || now.Size() != s.start.Size() || !now.ModTime().Equal(s.start.ModTime()) {
		return fmt.Errorf("le fichier %s a été modifié ou remplacé pendant sa lecture : il n'a pas été ajouté ; recommencez quand il ne change plus : %w", s.path, ErrUnsupportedFile)
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
		return n, fmt.Errorf("%s est vide (0 octet) : rien n'a été ajouté : %w", e.name, ErrUnsupportedFile)
	}
	return n, err
}
