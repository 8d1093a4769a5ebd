package dossier

import (
	"context"
	"io"
	"strconv"
	"strings"
)

// ReplaceReader stores what r yields (an image proof annotated again) as
// a new evidence item of the requirement of evidence oldID, in its place:
// in the transaction that records the new item, the old one is deleted
// unless keepOld (the journal then records its deletion, replaced_by the
// new item). Caption and expected proof default to the old item's.
// Nothing is stored if the old item disappeared meanwhile
// (FaultEvidenceNotFound) or moved to another requirement
// (FaultEvidenceMoved), or the content is refused.
func (s *Service) ReplaceReader(ctx context.Context, oldID uint64, name string, r io.Reader, capture *CaptureInfo, opt AttachOptions, keepOld bool) (Evidence, error) {
	old, err := s.Evidence(oldID)
	if err != nil {
		return Evidence{}, err
	}
	if strings.TrimSpace(opt.ProofID) == "" {
		opt.ProofID = old.ProofID
	}
	if strings.TrimSpace(opt.Caption) == "" {
		opt.Caption = old.Caption
	}
	req, proof, err := s.checkTarget(old.ReqID, opt.ProofID)
	if err != nil {
		return Evidence{}, err
	}
	if name, err = evidenceName(name); err != nil {
		return Evidence{}, err
	}
	drop := func(tx Tx, saved Evidence) error {
		old, err := tx.GetEvidence(oldID)
		if err != nil {
			return evidenceError(oldID, err)
		}
		// Moved meanwhile: the new item would stay under the requirement
		// the old one has left.
		if old.ReqID != saved.ReqID {
			return ED(FaultEvidenceMoved, strconv.FormatUint(oldID, 10), old.ReqID, nil)
		}
		if keepOld {
			return nil
		}
		if err := tx.DeleteEvidence(oldID); err != nil {
			return err
		}
		return record(s.recording(tx), evidenceEvent(EventEvidenceDeleted, old, FieldChange{Field: "name", Old: old.Name},
			FieldChange{Field: "replaced_by", New: strconv.FormatUint(saved.ID, 10)}))
	}
	ev := Evidence{Name: name, Capture: capture}
	return s.attachLinked(ctx, req, proof, ev, &nonEmptyReader{r: r, name: name}, opt, nil, drop)
}
