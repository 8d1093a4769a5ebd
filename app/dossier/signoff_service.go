package dossier

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// Review records a reviewer's decision on a requirement, in one
// transaction that reads the requirement (in the catalogue in use then),
// its state and proofs as they are then: the decision is tied to exactly
// those. It refuses (nothing
// written) an unknown or out-of-scope requirement, a dossier with review
// off, a requirement not ready for review (Prête with a proof, or Non
// applicable with a justification), "à corriger" without a comment, and a
// validation by someone who added proofs of the requirement themselves —
// or, for Non applicable or a proof filed outside the application, who
// wrote the text standing for the proof (ReqState.PreparedBy) — unless
// the dossier allows it (the decision is then marked Self). The
// reviewer is operator, or the service's operator (SetOperator) when it is
// empty; the decision is recorded in the journal (EventReview) in the
// same transaction.
func (s *Service) Review(reqID string, d SignoffDecision, comment, operator string) (ReqState, error) {
	seen := s.Catalogue()
	operator, comment = strings.TrimSpace(operator), strings.TrimSpace(comment)
	if operator == "" {
		operator = s.Operator()
	}
	if operator == "" {
		return ReqState{}, E(FaultNoOperator, "", nil)
	}
	var st ReqState
	err := s.update(func(tx Tx) error {
		req, cat, err := s.requirementIn(tx, seen, reqID)
		if err != nil {
			return err
		}
		if d == ACorriger && comment == "" {
			return E(FaultNoComment, req.ID, nil)
		}
		info, err := tx.Info()
		if err != nil {
			return err
		}
		rules := info.SignoffRules()
		if !rules.Required {
			return E(FaultSignoffOff, req.ID, nil)
		}
		if !cat.Applies(req, info.Profiles) {
			return E(FaultOutOfScope, req.ID, nil)
		}
		if req.Nature == Preconisation {
			return E(FaultPreconisation, req.ID, nil)
		}
		if st, err = tx.State(req.ID); err != nil {
			return err
		}
		evs, err := tx.ListEvidence(req.ID)
		if err != nil {
			return err
		}
		if !reviewable(st, len(evs)) {
			return ED(FaultNotReviewable, req.ID, st.Status.Label(), nil)
		}
		self := authoredBy(evs, operator) || (signoffText(st) != "" && KnownAuthor(st.PreparedBy) && sameOperator(st.PreparedBy, operator))
		if self && d == Valide && !rules.AllowSelf {
			return ED(FaultSelfReview, req.ID, operator, nil)
		}
		before := st
		st.ReqID = req.ID
		st.Signoff = &Signoff{Decision: d, By: operator, At: tx.Now(), Comment: comment, Status: st.Status,
			Proofs: proofDigests(evs), Text: signoffText(st), Self: self && d == Valide}
		st.UpdatedAt = tx.Now()
		if err := tx.SaveState(st); err != nil {
			return err
		}
		return record(tx, reviewEvent(before, st))
	})
	if err != nil {
		return ReqState{}, err
	}
	return st, nil
}

// authoredBy tells whether operator added one of the evidence items (an
// unknown author never matches).
func authoredBy(evs []Evidence, operator string) bool {
	for _, ev := range evs {
		if KnownAuthor(ev.AddedBy) && sameOperator(ev.AddedBy, operator) {
			return true
		}
	}
	return false
}

// SetSignoffRules changes the dossier's review rules, in one transaction
// that records the change (EventSettingsChanged, fields review_required
// and review_allow_self).
func (s *Service) SetSignoffRules(rules SignoffSettings) error {
	return s.update(func(tx Tx) error {
		in, err := tx.Info()
		if err != nil {
			return err
		}
		old := in.SignoffRules()
		in.Signoff = &rules
		if err := tx.SaveInfo(in); err != nil {
			return err
		}
		var f []FieldChange
		f = Changed(f, FieldReviewRequired, strconv.FormatBool(old.Required), strconv.FormatBool(rules.Required))
		f = Changed(f, FieldReviewAllowSelf, strconv.FormatBool(old.AllowSelf), strconv.FormatBool(rules.AllowSelf))
		return record(tx, Event{Kind: EventSettingsChanged, Fields: f})
	})
}

// resubmitted is the review decision that remains when a status is chosen
// for a requirement in state st: none when the status changes (the
// decision was about another status) or when the author chooses the same
// status again after an "à corriger" (the corrections are done).
func resubmitted(st ReqState, next Status) *Signoff {
	if st.Signoff == nil || next != st.Status || st.Signoff.Decision == ACorriger {
		return nil
	}
	return st.Signoff
}

// Fields of a review (EventReview, and EventState when a status change
// drops a decision) and of the review rules (EventSettingsChanged).
const (
	FieldReview          = "review"  // the decision: valide, a_corriger, "" (none)
	FieldReviewComment   = "comment" // the reviewer's comment
	FieldReviewProofs    = "proofs"  // the proof digests reviewed, sorted, comma-separated
	FieldReviewSelf      = "self"    // "true": validated by the proofs' author, as the dossier allows
	FieldReviewRequired  = "review_required"
	FieldReviewAllowSelf = "review_allow_self"
)

// reviewEvent is the journal event of a decision: by the reviewer, the
// requirement as subject; fields the decision (old and new), the comment, the status
// reviewed, the proof digests and whether the reviewer was their author;
// SHA256 the digest of the proof list (ProofSetDigest), so that the event
// names exactly what was reviewed.
func reviewEvent(before, after ReqState) Event {
	so := after.Signoff
	f := []FieldChange{{Field: FieldReview, Old: decisionOf(before), New: string(so.Decision)}}
	f = Changed(f, FieldReviewComment, "", so.Comment)
	f = append(f, FieldChange{Field: FieldStatus, Old: string(so.Status), New: string(so.Status)},
		FieldChange{Field: FieldReviewProofs, New: strings.Join(so.Proofs, ",")})
	if so.Self {
		f = append(f, FieldChange{Field: FieldReviewSelf, New: "true"})
	}
	return Event{Kind: EventReview, Operator: so.By, Subject: after.ReqID, SHA256: ProofSetDigest(so.Proofs), Fields: f}
}

// reviewDropped is the field change of a state change that dropped a
// review decision (none when it kept it).
func reviewDropped(before, after ReqState) []FieldChange {
	return Changed(nil, FieldReview, decisionOf(before), decisionOf(after))
}

// decisionOf is the decision a state holds, "" for none.
func decisionOf(st ReqState) string {
	if st.Signoff == nil {
		return ""
	}
	return string(st.Signoff.Decision)
}

// ProofSetDigest is the SHA-256 (hex) of a requirement's proof digests,
// sorted, one per line: what a review event records as its SHA256.
func ProofSetDigest(proofs []string) string {
	sum := sha256.Sum256([]byte(strings.Join(proofs, "\n")))
	return hex.EncodeToString(sum[:])
}

// preparedBy is who prepared the requirement after a state change by
// operator: operator when the status, the justification, the offline flag
// or (for a proof filed outside the application) the note changed; else
// whoever did before.
func preparedBy(before, after ReqState, operator string) string {
	changed := before.Status != after.Status || before.Justification != after.Justification ||
		before.Offline != after.Offline || (after.Offline && before.Note != after.Note)
	if changed && operator != "" {
		return operator
	}
	return before.PreparedBy
}
