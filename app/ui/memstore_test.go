package ui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"slices"
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

	// evidence by ID, and content by SHA-256 (stored once, counted).
	evidence map[uint64]dossier.Evidence
	content  map[string][]byte
	nextID   uint64
	// compacted counts Compact calls.
	compacted int
}

func newMemOpener() *memOpener {
	return &memOpener{files: map[string]*memFile{}}
}

func (o *memOpener) Create(path string, info dossier.Info, cat *dossier.Catalogue) (dossier.Store, error) {
	o.mu.Lock()
	if _, ok := o.files[path]; ok {
		o.mu.Unlock()
		return nil, dossier.E(dossier.FaultExists, path, nil)
	}
	o.files[path] = &memFile{info: info, cat: cat, states: map[string]dossier.ReqState{},
		evidence: map[uint64]dossier.Evidence{}, content: map[string][]byte{}}
	o.mu.Unlock()
	return o.Open(path)
}

func (o *memOpener) Open(path string) (dossier.Store, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	f, ok := o.files[path]
	switch {
	case !ok:
		return nil, dossier.E(dossier.FaultNotDossier, path, nil)
	case f.open:
		return nil, dossier.E(dossier.FaultLocked, path, nil)
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

func (s *memStore) EvidenceCounts() (map[string]int, error) {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	out := map[string]int{}
	for _, ev := range s.f.evidence {
		out[ev.ReqID]++
	}
	return out, nil
}

func (s *memStore) Close() error {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	s.f.open = false
	return nil
}

// Evidence is kept in memory (test files are small); reads copy it out as
// the real store does.

func (s *memStore) AddEvidence(ctx context.Context, r io.Reader, ev dossier.Evidence, promote *dossier.ReqState, progress dossier.Progress) (dossier.Evidence, error) {
	var buf bytes.Buffer
	h := sha256.New()
	p := make([]byte, 32<<10)
	for {
		if err := ctx.Err(); err != nil {
			return dossier.Evidence{}, dossier.E(dossier.FaultCancelled, "", err)
		}
		n, err := r.Read(p)
		buf.Write(p[:n])
		h.Write(p[:n])
		if progress != nil && n > 0 {
			progress(int64(buf.Len()), -1)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return dossier.Evidence{}, err
		}
	}
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	s.f.nextID++
	ev.ID = s.f.nextID
	ev.Size = int64(buf.Len())
	ev.SHA256 = hex.EncodeToString(h.Sum(nil))
	s.f.content[ev.SHA256] = buf.Bytes()
	s.f.evidence[ev.ID] = ev
	if promote != nil {
		s.f.states[promote.ReqID] = *promote
	}
	return ev, nil
}

func (s *memStore) ListEvidence(reqID string) ([]dossier.Evidence, error) {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	var out []dossier.Evidence
	for _, ev := range s.f.evidence {
		if reqID == "" || ev.ReqID == reqID {
			out = append(out, ev)
		}
	}
	slices.SortFunc(out, func(a, b dossier.Evidence) int { return int(a.ID) - int(b.ID) })
	return out, nil
}

func (s *memStore) GetEvidence(id uint64) (dossier.Evidence, error) {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	ev, ok := s.f.evidence[id]
	if !ok {
		return dossier.Evidence{}, dossier.ErrNotFound
	}
	return ev, nil
}

func (s *memStore) UpdateEvidence(ev dossier.Evidence, promote *dossier.ReqState) error {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	old, ok := s.f.evidence[ev.ID]
	if !ok {
		return dossier.ErrNotFound
	}
	ev.Size, ev.SHA256, ev.AddedAt = old.Size, old.SHA256, old.AddedAt
	s.f.evidence[ev.ID] = ev
	if promote != nil {
		s.f.states[promote.ReqID] = *promote
	}
	return nil
}

func (s *memStore) DeleteEvidence(id uint64) error {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	ev, ok := s.f.evidence[id]
	if !ok {
		return dossier.ErrNotFound
	}
	delete(s.f.evidence, id)
	for _, other := range s.f.evidence {
		if other.SHA256 == ev.SHA256 {
			return nil
		}
	}
	delete(s.f.content, ev.SHA256)
	return nil
}

func (s *memStore) OpenContent(sum string) (io.ReadCloser, error) {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	b, ok := s.f.content[sum]
	if !ok {
		return nil, dossier.ErrNotFound
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

// LiveBytes pretends 3 MiB would be given back by a compaction.
func (s *memStore) LiveBytes() int64 { return fileSize(s.Path()) - 3<<20 }

func (s *memStore) Compact(_ context.Context, progress dossier.Progress) error {
	s.o.mu.Lock()
	s.f.compacted++
	s.o.mu.Unlock()
	if progress != nil {
		progress(1, 1)
	}
	return nil
}
