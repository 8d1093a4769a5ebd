package dossier

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
)

// WorkingCopier is a Store that can make a working copy of its dossier.
type WorkingCopier interface {
	// WorkingCopy writes a new dossier file at path (refused if it
	// exists) holding everything the dossier holds (its ID and keys
	// included) but only the evidence evs, under their own IDs; fn runs
	// in the copy's final transaction. path holds the whole copy or
	// nothing, whatever happens.
	WorkingCopy(ctx context.Context, path string, evs []Evidence, fn func(Tx) error, progress Progress) error
}

// WorkingCopyReport says what a working copy holds.
type WorkingCopyReport struct {
	Path     string   `json:"path"`
	Sections []string `json:"sections"`
	Evidence int      `json:"evidence"`
	Bytes    int64    `json:"bytes"`
	Left     int      `json:"evidence_left"`
}

// WorkingCopy makes a copy of the dossier at path for a teammate: the same
// dossier (same ID, so that it merges back with Merge), with the evidence
// of the given sections only (every section when none is given; the group
// mandate always). The copy's journal goes on from the dossier's with a
// working-copy event, recorded as the service's operator.
func (s *Service) WorkingCopy(ctx context.Context, path string, sections []string, progress Progress) (WorkingCopyReport, error) {
	keep, codes, err := s.sectionFilter(sections)
	if err != nil {
		return WorkingCopyReport{}, err
	}
	wc, ok := s.store.(WorkingCopier)
	if !ok {
		return WorkingCopyReport{}, E(FaultInternal, path, errors.New("store cannot make working copies"))
	}
	all, err := s.store.ListEvidence("")
	if err != nil {
		return WorkingCopyReport{}, err
	}
	rep := WorkingCopyReport{Path: path, Sections: codes}
	var evs []Evidence
	held := map[string]bool{}
	for _, ev := range all {
		if !keep(ev.ReqID) {
			rep.Left++
			continue
		}
		evs = append(evs, ev)
		if !held[ev.SHA256] {
			held[ev.SHA256] = true
			rep.Bytes += ev.Size
		}
	}
	rep.Evidence = len(evs)
	record := func(tx Tx) error {
		_, err := s.recording(tx).Record(Event{Kind: EventWorkingCopy, Fields: []FieldChange{
			{Field: "from", New: filepath.Base(s.Path())}, {Field: "sections", New: strings.Join(codes, ",")}}})
		return err
	}
	if err := wc.WorkingCopy(ctx, path, evs, record, progress); err != nil {
		return WorkingCopyReport{}, err
	}
	return rep, nil
}

// sectionFilter tells which requirements' evidence a working copy keeps,
// with the section codes as the catalogue spells them.
func (s *Service) sectionFilter(sections []string) (func(reqID string) bool, []string, error) {
	cat := s.Catalogue()
	if len(sections) == 0 {
		return func(string) bool { return true }, []string{}, nil
	}
	want := map[string]bool{}
	var codes []string
	for _, q := range sections {
		q = strings.TrimSpace(q)
		if q == "" {
			continue
		}
		found := false
		for _, sec := range cat.Sections {
			if Fold(sec.Code) == Fold(q) {
				want[sec.Code], found = true, true
				codes = append(codes, sec.Code)
			}
		}
		if !found {
			var all []string
			for _, sec := range cat.Sections {
				all = append(all, sec.Code)
			}
			return nil, nil, ED(FaultUnknownSection, q, strings.Join(all, ", "), nil)
		}
	}
	return func(reqID string) bool {
		if reqID == MandateReqID {
			return true
		}
		r, err := cat.Requirement(reqID)
		return err == nil && want[r.Section]
	}, codes, nil
}
