package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// memOpener is an in-memory dossier.Opener: the UI tests may not import
// the storage package. Files survive Close, so a test can reopen them; a
// file open twice reports dossier.ErrLocked like the real storage.
type memOpener struct {
	mu    sync.Mutex
	files map[string]*memFile
}

type memFile struct {
	info   dossier.Info
	cat    *dossier.Catalogue
	states map[string]dossier.ReqState
	open   bool
}

func newMemOpener() *memOpener {
	return &memOpener{files: map[string]*memFile{}}
}

func (o *memOpener) Create(path string, info dossier.Info, cat *dossier.Catalogue) (dossier.Store, error) {
	o.mu.Lock()
	if _, ok := o.files[path]; ok {
		o.mu.Unlock()
		return nil, fmt.Errorf("le fichier %s existe déjà : choisissez un autre nom ou ouvrez-le", path)
	}
	o.files[path] = &memFile{info: info, cat: cat, states: map[string]dossier.ReqState{}}
	o.mu.Unlock()
	return o.Open(path)
}

func (o *memOpener) Open(path string) (dossier.Store, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	f, ok := o.files[path]
	switch {
	case !ok:
		return nil, fmt.Errorf("%s : %w", path, dossier.ErrNotDossier)
	case f.open:
		return nil, fmt.Errorf("%s : %w", path, dossier.ErrLocked)
	}
	f.open = true
	return &memStore{o: o, f: f, path: path}, nil
}

// exists tells whether a dossier was created at path.
func (o *memOpener) exists(path string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	_, ok := o.files[path]
	return ok
}

type memStore struct {
	o    *memOpener
	f    *memFile
	path string
}

func (s *memStore) Path() string { return s.path }

func (s *memStore) Info() (dossier.Info, error) {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	in := s.f.info
	in.Profiles = append([]string(nil), in.Profiles...)
	return in, nil
}

func (s *memStore) SaveInfo(in dossier.Info) error {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	in.Profiles = append([]string(nil), in.Profiles...)
	s.f.info = in
	return nil
}

func (s *memStore) Catalogue() (*dossier.Catalogue, error) { return s.f.cat, nil }

func (s *memStore) States() (map[string]dossier.ReqState, error) {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	out := make(map[string]dossier.ReqState, len(s.f.states))
	for k, v := range s.f.states {
		out[k] = v
	}
	return out, nil
}

func (s *memStore) SaveState(st dossier.ReqState) error {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	s.f.states[st.ReqID] = st
	return nil
}

func (s *memStore) EvidenceCounts() (map[string]int, error) { return map[string]int{}, nil }

func (s *memStore) Close() error {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	s.f.open = false
	return nil
}

// The fake keeps no evidence: the walk-through never attaches any.

func (s *memStore) AddEvidence(context.Context, io.Reader, dossier.Evidence, *dossier.ReqState, dossier.Progress) (dossier.Evidence, error) {
	return dossier.Evidence{}, errors.ErrUnsupported
}

func (s *memStore) ListEvidence(string) ([]dossier.Evidence, error) { return nil, nil }

func (s *memStore) GetEvidence(uint64) (dossier.Evidence, error) {
	return dossier.Evidence{}, dossier.ErrNotFound
}

func (s *memStore) UpdateEvidence(dossier.Evidence, *dossier.ReqState) error {
	return dossier.ErrNotFound
}

func (s *memStore) DeleteEvidence(uint64) error { return dossier.ErrNotFound }

func (s *memStore) OpenContent(string) (io.ReadCloser, error) { return nil, dossier.ErrNotFound }

func (s *memStore) Compact(context.Context, dossier.Progress) error { return nil }
