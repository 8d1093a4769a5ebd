package storage

import (
	"bytes"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

var _ dossier.CatalogueStore = (*Store)(nil)

// SwitchCatalogue runs sw.Check, adds a catalogue version, makes it
// current, moves the state and evidence of renamed requirements and runs
// sw.Apply, all in one transaction stamped like Update's. Nothing of the old catalogue is
// deleted.
func (s *Store) SwitchCatalogue(sw dossier.CatalogueSwitch) error {
	var (
		applyErr error
		seq      uint64
	)
	err := s.update(func(tx *bbolt.Tx) (err error) {
		if sw.Check != nil {
			if applyErr = sw.Check(s.readTx(tx)); applyErr != nil {
				return applyErr
			}
		}
		seq, err = addCatalogue(tx, sw.Catalogue)
		if err != nil {
			return err
		}
		for oldID, newID := range sw.Renames {
			if err := renameRequirement(tx, oldID, newID); err != nil {
				return err
			}
		}
		// No cache here: what Apply would read is not committed yet.
		applyErr = inTx(tx, sw.Apply)
		return applyErr
	})
	if applyErr != nil {
		return applyErr
	}
	if err == nil {
		// The catalogue the service now holds is the store's.
		s.cats.put(seq, sw.Catalogue)
	}
	return err
}

// renameRequirement moves a requirement's state and evidence to a new ID.
func renameRequirement(tx *bbolt.Tx, oldID, newID string) error {
	if oldID == newID {
		return nil
	}
	states := tx.Bucket(bucketStates)
	if raw := states.Get([]byte(oldID)); raw != nil {
		var st dossier.ReqState
		if err := decode(raw, &st); err != nil {
			return err
		}
		st.ReqID = newID
		if err := put(states, []byte(newID), st); err != nil {
			return err
		}
		if err := states.Delete([]byte(oldID)); err != nil {
			return err
		}
	}
	idx := tx.Bucket(bucketEvidenceByReq)
	evb := tx.Bucket(bucketEvidence)
	prefix := append([]byte(oldID), 0)
	var ids [][]byte
	c := idx.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		ids = append(ids, append([]byte(nil), k[len(prefix):]...))
	}
	for _, id := range ids {
		if err := deleteIndex(tx, oldID, id); err != nil {
			return err
		}
		var ev dossier.Evidence
		ok, err := get(evb, id, &ev)
		if err != nil {
			return err
		}
		if !ok {
			if err := idx.Put(append(append([]byte(newID), 0), id...), nil); err != nil {
				return err
			}
			if err := touchSummary(tx, newID); err != nil {
				return err
			}
			continue
		}
		ev.ReqID = newID
		if err := put(evb, id, ev); err != nil {
			return err
		}
		if err := putIndex(tx, ev); err != nil {
			return err
		}
	}
	return nil
}

// CatalogueVersions lists the catalogues the dossier used, oldest first.
func (s *Store) CatalogueVersions() ([]dossier.CatalogueVersion, error) {
	var out []dossier.CatalogueVersion
	err := s.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketCatalogues)
		cur := b.Get(keyCurrent)
		return b.ForEach(func(k, v []byte) error {
			if bytes.Equal(k, keyCurrent) {
				return nil
			}
			var cat dossier.Catalogue
			if err := decode(v, &cat); err != nil {
				return err
			}
			out = append(out, dossier.CatalogueVersion{
				Seq: fromU64(k), Title: cat.Title, Version: cat.Version, Source: cat.Source,
				Current: bytes.Equal(k, cur), Requirements: len(cat.Requirements),
			})
			return nil
		})
	})
	return out, err
}
