package dossier

import (
	"bytes"
	"encoding/json"
)

// catalogueIn is the catalogue the dossier uses as tx sees it: what an
// action checks what it writes against. The service's copy, which reads
// use, follows it.
func (s *Service) catalogueIn(tx Tx) (*Catalogue, error) {
	cur, err := tx.Catalogue()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.cat = cur
	s.mu.Unlock()
	return cur, nil
}

// requirementIn resolves reqID in the catalogue tx sees. seen is the
// catalogue the action was asked on (the service's copy when it began):
// when a catalogue switch committed since then dropped the requirement
// seen under that name, or changed it, the action is refused
// (FaultRequirementChanged) rather than written for a requirement the
// dossier no longer has, or on a statement it no longer holds.
func (s *Service) requirementIn(tx Tx, seen *Catalogue, reqID string) (*Requirement, *Catalogue, error) {
	cur, err := s.catalogueIn(tx)
	if err != nil {
		return nil, nil, err
	}
	req, err := cur.Requirement(reqID)
	if cur != seen && seen != nil {
		if before, berr := seen.Requirement(reqID); berr == nil && (err != nil || !sameRequirement(before, req)) {
			return nil, nil, E(FaultRequirementChanged, reqID, err)
		}
	}
	if err != nil {
		return nil, nil, err
	}
	return req, cur, nil
}

// sameRequirement tells whether a and b, from two catalogues, are the
// same requirement, field for field.
func sameRequirement(a, b *Requirement) bool { return a == b || sameStored(a, b) }

// sameCatalogue tells whether a and b are the same catalogue.
func sameCatalogue(a, b *Catalogue) bool { return a == b || sameStored(a, b) }

// sameStored tells whether a and b are stored alike (compared as stored,
// since a value read back from the dossier may spell an empty list
// differently from the one written).
func sameStored(a, b any) bool {
	ja, erra := json.Marshal(a)
	jb, errb := json.Marshal(b)
	return erra == nil && errb == nil && bytes.Equal(ja, jb)
}
