package dossiertest

import (
	"slices"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

var _ dossier.CatalogueStore = (*MemStore)(nil)

// SwitchCatalogue implements dossier.CatalogueStore like the real store:
// once sw.Check passes, the new version becomes current, renamed requirements take their state
// and evidence along, and sw.Apply runs, all in one transaction.
func (s *MemStore) SwitchCatalogue(sw dossier.CatalogueSwitch) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	return s.commit(func(tx *memTx) error {
		if sw.Check != nil {
			if err := sw.Check(tx); err != nil {
				return err
			}
		}
		d := tx.d
		d.older = append(slices.Clone(d.older), d.cat)
		d.cat = sw.Catalogue
		for oldID, newID := range sw.Renames {
			if oldID == newID {
				continue
			}
			if st, ok := d.states[oldID]; ok {
				st.ReqID = newID
				d.states[newID] = st
				delete(d.states, oldID)
			}
			for id, ev := range d.evidence {
				if ev.ReqID == oldID {
					ev.ReqID = newID
					d.evidence[id] = ev
				}
			}
		}
		if sw.Apply == nil {
			return nil
		}
		return sw.Apply(tx)
	})
}

// CatalogueVersions implements dossier.CatalogueStore.
func (s *MemStore) CatalogueVersions() (out []dossier.CatalogueVersion, err error) {
	s.read(func(d *data) {
		for i, c := range append(slices.Clone(d.older), d.cat) {
			out = append(out, dossier.CatalogueVersion{Seq: uint64(i + 1), Title: c.Title, Version: c.Version,
				Source: c.Source, Current: i == len(d.older), Requirements: len(c.Requirements)})
		}
	})
	return out, nil
}
