package dossier

import (
	"context"
	"io"
	"strings"
)

// ReplaceReader stores what r yields (an image proof annotated again) as
// a new evidence item of the requirement of evidence oldID, in its place:
// in the transaction that records the new item, the old one is deleted
// unless keepOld. Caption and expected proof default to the old item's.
// Nothing is stored if the old item disappeared meanwhile
// (FaultEvidenceNotFound) or the content is refused.
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
	drop := func(tx Tx) error {
		if _, err := tx.GetEvidence(oldID); err != nil {
			return evidenceError(oldID, err)
		}
		if keepOld {
			return nil
		}
		return tx.DeleteEvidence(oldID)
	}
	ev := Evidence{Name: name, Capture: capture}
	return s.attachLinked(ctx, req, proof, ev, &nonEmptyReader{r: r, name: name}, opt, nil, drop)
}
