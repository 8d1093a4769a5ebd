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
// new item). Caption and expected proof default to the old item's, as
// that transaction sees it (a caption written meanwhile is kept).
// Nothing is stored if the old item disappeared meanwhile
// (FaultEvidenceNotFound) or moved to another requirement
// (FaultEvidenceMoved), or the content is refused.
func (s *Service) ReplaceReader(ctx context.Context, oldID uint64, name string, r io.Reader, capture *CaptureInfo, opt AttachOptions, keepOld bool) (Evidence, error) {
	old, err := s.Evidence(oldID)
	if err != nil {
		return Evidence{}, err
	}
	ownProof, ownCaption := strings.TrimSpace(opt.ProofID) != "", strings.TrimSpace(opt.Caption) != ""
	if !ownProof {
		opt.ProofID = old.ProofID
	}
	if !ownCaption {
		opt.Caption = old.Caption
	}
	req, proof, err := s.checkTarget(old.ReqID, opt.ProofID)
	if err != nil {
		return Evidence{}, err
	}
	if name, err = evidenceName(name); err != nil {
		return Evidence{}, err
	}
	drop := func(tx Tx, saved Evidence) (Evidence, error) {
		old, err := tx.GetEvidence(oldID)
		if err != nil {
			return saved, evidenceError(oldID, err)
		}
		// Moved meanwhile: the new item would stay under the requirement
		// the old one has left.
		if old.ReqID != saved.ReqID {
			return saved, ED(FaultEvidenceMoved, strconv.FormatUint(oldID, 10), old.ReqID, nil)
		}
		if saved, err = inherit(tx, saved, old, !ownProof, !ownCaption); err != nil || keepOld {
			return saved, err
		}
		if err := tx.DeleteEvidence(oldID); err != nil {
			return saved, err
		}
		return saved, record(s.recording(tx), evidenceEvent(EventEvidenceDeleted, old, FieldChange{Field: "name", Old: old.Name},
			FieldChange{Field: "replaced_by", New: strconv.FormatUint(saved.ID, 10)}))
	}
	ev := Evidence{Name: name, Capture: capture}
	return s.attachLinked(ctx, req, proof, ev, &nonEmptyReader{r: r, name: name}, opt, nil, drop)
}

// inherit gives the replacement saved, in tx, the proof number and the
// caption the old item has then, for those the user did not give: a
// change made to the old item while the replacement streamed is kept.
func inherit(tx Tx, saved, old Evidence, proof, caption bool) (Evidence, error) {
	next := saved
	if proof {
		next.ProofID = old.ProofID
	}
	if caption {
		next.Caption = old.Caption
	}
	if next.ProofID == saved.ProofID && next.Caption == saved.Caption {
		return saved, nil
	}
	return next, tx.UpdateEvidence(next)
}
