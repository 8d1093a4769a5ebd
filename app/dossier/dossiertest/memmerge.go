package dossiertest

import (
	"context"
	"errors"
	"io"
	"maps"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

var (
	_ dossier.Importer      = (*MemStore)(nil)
	_ dossier.WorkingCopier = (*MemStore)(nil)
)

// ImportEvidence implements dossier.Importer: the missing contents are
// read whole from from (test contents are small), then recorded with evs
// and fn in one transaction.
func (s *MemStore) ImportEvidence(ctx context.Context, from dossier.Store, evs []dossier.Evidence, fn func(dossier.Tx, []dossier.Evidence) error, progress dossier.Progress) error {
	if s.readOnly {
		return ErrReadOnly
	}
	fetched := map[string][]byte{}
	for _, ev := range evs {
		var held bool
		s.read(func(d *data) { _, held = d.content[ev.SHA256] })
		if held || fetched[ev.SHA256] != nil {
			continue
		}
		rc, err := from.OpenContent(ev.SHA256)
		if err != nil {
			return err
		}
		b, err := io.ReadAll(dossier.CancelReader(ctx, rc))
		rc.Close()
		if err != nil {
			return err
		}
		fetched[ev.SHA256] = b
	}
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	return s.commit(func(tx *memTx) error {
		maps.Copy(tx.d.content, fetched)
		added := make([]dossier.Evidence, 0, len(evs))
		for _, ev := range evs {
			tx.d.nextID++
			ev.ID = tx.d.nextID
			tx.d.evidence[ev.ID] = ev
			added = append(added, ev)
		}
		if fn == nil {
			return nil
		}
		return fn(tx, added)
	})
}

// WorkingCopy implements dossier.WorkingCopier: a new file of the same
// opener holding the same data but only evs (same IDs) and their
// contents.
func (s *MemStore) WorkingCopy(ctx context.Context, path string, evs []dossier.Evidence, fn func(dossier.Tx) error, progress dossier.Progress) error {
	if s.o == nil {
		return errors.New("dossiertest: working copy of a store without opener")
	}
	var d data
	s.read(func(src *data) { d = src.clone() })
	d.evidence, d.content = map[uint64]dossier.Evidence{}, map[string][]byte{}
	var all map[string][]byte
	s.read(func(src *data) { all = src.content })
	for _, ev := range evs {
		d.evidence[ev.ID] = ev
		d.content[ev.SHA256] = all[ev.SHA256]
	}
	tx := &memTx{d: &d, now: d.info.UpdatedAt}
	if fn != nil {
		if err := fn(tx); err != nil {
			return err
		}
	}
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	if _, ok := s.o.files[path]; ok {
		return dossier.E(dossier.FaultExists, path, nil)
	}
	f := newFile(d.info, d.cat)
	f.d, f.writers = d, 0
	s.o.files[path] = f
	return nil
}
