// Package dossiertest holds test doubles of the app/dossier interfaces: an
// in-memory Store (and Opener) for the tests of the packages above the
// storage, and StoreContract, the behaviour every dossier.Store must have,
// run against this fake and against the real bbolt store.
package dossiertest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// ErrReadOnly is what a MemStore opened read-only answers to a write.
var ErrReadOnly = errors.New("dossiertest: store opened read-only")

// data is one dossier's content. Update works on a copy and swaps it in at
// commit, so a failed transaction leaves nothing behind.
type data struct {
	info     dossier.Info
	cat      *dossier.Catalogue
	older    []*dossier.Catalogue // the catalogues used before cat, oldest first
	states   map[string]dossier.ReqState
	evidence map[uint64]dossier.Evidence
	content  map[string][]byte // by SHA-256, shared by identical items
	nextID   uint64
	deposits []dossier.Deposit
	requests []dossier.Request
	journal  []dossier.Event
	key      ed25519.PrivateKey
}

func (d data) clone() data {
	d.info.Profiles = slices.Clone(d.info.Profiles)
	d.states = maps.Clone(d.states)
	d.evidence = maps.Clone(d.evidence)
	d.content = maps.Clone(d.content)
	d.deposits = slices.Clone(d.deposits)
	d.requests = slices.Clone(d.requests)
	d.journal = slices.Clone(d.journal)
	return d
}

// file is one in-memory dossier file: it survives Close, so a test can
// reopen it.
type file struct {
	mu      sync.Mutex
	d       data
	writers int // open read-write (0 or 1)
	readers int // open read-only
	writes  int // committed write transactions
	compact int // Compact calls
}

// MemStore is an in-memory dossier.Store. Writes are transactions on a
// copy, reads copy out, like the real store.
type MemStore struct {
	f        *file
	o        *MemOpener // nil for a store made by NewMemStore
	path     string
	readOnly bool
}

var _ dossier.Store = (*MemStore)(nil)

// NewMemStore is a fresh store holding info and cat, not tied to an opener.
func NewMemStore(info dossier.Info, cat *dossier.Catalogue) *MemStore {
	return &MemStore{f: newFile(info, cat), path: "mem.segur"}
}

func newFile(info dossier.Info, cat *dossier.Catalogue) *file {
	_, key, _ := ed25519.GenerateKey(nil)
	return &file{writers: 1, d: data{info: info, cat: cat, states: map[string]dossier.ReqState{},
		evidence: map[uint64]dossier.Evidence{}, content: map[string][]byte{}, key: key}}
}

// Writes counts the committed write transactions.
func (s *MemStore) Writes() int {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	return s.f.writes
}

// Tamper replaces a stored content, as damage on disk would.
func (s *MemStore) Tamper(sha string, content []byte) {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	s.f.d.content[sha] = content
}

// Path implements dossier.Store.
func (s *MemStore) Path() string { return s.path }

// read runs fn on the committed data.
func (s *MemStore) read(fn func(d *data)) {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	fn(&s.f.d)
}

func (s *MemStore) Info() (in dossier.Info, err error) {
	s.read(func(d *data) { in = d.info; in.Profiles = slices.Clone(in.Profiles) })
	return in, nil
}

func (s *MemStore) Catalogue() (c *dossier.Catalogue, err error) {
	s.read(func(d *data) { c = d.cat })
	return c, nil
}

func (s *MemStore) States() (m map[string]dossier.ReqState, err error) {
	s.read(func(d *data) { m = maps.Clone(d.states) })
	return m, nil
}

func (s *MemStore) EvidenceCounts() (map[string]int, error) {
	out := map[string]int{}
	s.read(func(d *data) {
		for _, ev := range d.evidence {
			out[ev.ReqID]++
		}
	})
	return out, nil
}

func (s *MemStore) ListEvidence(reqID string) (out []dossier.Evidence, err error) {
	s.read(func(d *data) { out, err = (&memTx{d: d}).ListEvidence(reqID) })
	return out, err
}

// EvidenceFacts implements dossier.EvidenceStore: like the real store, it
// keeps only the facts, so that a use case reading a field that is not
// one fails its tests here too.
func (s *MemStore) EvidenceFacts() ([]dossier.Evidence, error) {
	all, err := s.ListEvidence("")
	for i := range all {
		all[i] = dossier.Facts(all[i])
	}
	return all, err
}

func (s *MemStore) GetEvidence(id uint64) (ev dossier.Evidence, err error) {
	s.read(func(d *data) { ev, err = (&memTx{d: d}).GetEvidence(id) })
	return ev, err
}

func (s *MemStore) OpenContent(sha string) (io.ReadCloser, error) {
	var b []byte
	var ok bool
	s.read(func(d *data) { b, ok = d.content[sha] })
	if !ok {
		return nil, fmt.Errorf("content %s: %w", sha, dossier.ErrNotFound)
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

// Update implements dossier.Store.
func (s *MemStore) Update(fn func(dossier.Tx) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	return s.commit(func(tx *memTx) error { return fn(tx) })
}

// commit runs fn on a copy of the data, stamps it and swaps it in; the
// caller holds s.f.mu.
func (s *MemStore) commit(fn func(*memTx) error) error {
	d := s.f.d.clone()
	tx := &memTx{d: &d, now: time.Now().UTC().Truncate(time.Second)}
	if err := fn(tx); err != nil {
		return err
	}
	d.info.UpdatedAt = tx.now
	s.f.d = d
	s.f.writes++
	return nil
}

// AddEvidence implements dossier.Store: the content is read whole (test
// files are small), then recorded in one transaction with link.
func (s *MemStore) AddEvidence(ctx context.Context, r io.Reader, ev dossier.Evidence, link func(dossier.Tx, dossier.Evidence) error, progress dossier.Progress) (dossier.Evidence, error) {
	if s.readOnly {
		return dossier.Evidence{}, ErrReadOnly
	}
	if ev.ReqID == "" {
		return dossier.Evidence{}, dossier.E(dossier.FaultInternal, "", errors.New("evidence without requirement"))
	}
	var buf bytes.Buffer
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(&buf, h, &progressWriter{progress: progress}), dossier.CancelReader(ctx, r)); err != nil {
		return dossier.Evidence{}, err
	}
	if err := ctx.Err(); err != nil {
		return dossier.Evidence{}, dossier.E(dossier.FaultCancelled, "", err)
	}
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	err := s.commit(func(tx *memTx) error {
		tx.d.nextID++
		ev.ID, ev.Size, ev.SHA256 = tx.d.nextID, int64(buf.Len()), hex.EncodeToString(h.Sum(nil))
		tx.d.evidence[ev.ID] = ev
		if _, ok := tx.d.content[ev.SHA256]; !ok {
			tx.d.content[ev.SHA256] = buf.Bytes()
		}
		if link != nil {
			return link(tx, ev)
		}
		return nil
	})
	if err != nil {
		return dossier.Evidence{}, err
	}
	return ev, nil
}

// progressWriter reports the bytes written so far.
type progressWriter struct {
	progress dossier.Progress
	n        int64
}

func (p *progressWriter) Write(b []byte) (int, error) {
	p.n += int64(len(b))
	if p.progress != nil {
		p.progress(p.n, -1)
	}
	return len(b), nil
}

// LiveBytes is what a compacted file would hold: the bytes of the stored
// contents (the fake has no file of its own).
func (s *MemStore) LiveBytes() int64 {
	var n int64
	s.read(func(d *data) {
		for _, c := range d.content {
			n += int64(len(c))
		}
	})
	return n
}

// Compact implements dossier.Store: it counts the calls.
func (s *MemStore) Compact(ctx context.Context, progress dossier.Progress) error {
	if s.readOnly {
		return ErrReadOnly
	}
	if err := ctx.Err(); err != nil {
		return dossier.E(dossier.FaultCancelled, "", err)
	}
	s.f.mu.Lock()
	s.f.compact++
	s.f.mu.Unlock()
	if progress != nil {
		progress(1, 1)
	}
	return nil
}

// Close implements dossier.Store.
func (s *MemStore) Close() error {
	if s.o != nil {
		s.o.mu.Lock()
		defer s.o.mu.Unlock()
	}
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	if s.readOnly {
		s.f.readers--
	} else {
		s.f.writers--
	}
	return nil
}
