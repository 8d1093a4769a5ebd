package dossier

import (
	"strings"
)

// Review records a reviewer's decision on a requirement, in one
// transaction that reads the requirement's state and proofs as they are
// then: the decision is tied to exactly those. It refuses (nothing
// written) an unknown or out-of-scope requirement, a dossier with review
// off, a requirement not ready for review (Prête with a proof, or Non
// applicable with a justification), "à corriger" without a comment, and a
// validation by someone who added proofs of the requirement themselves,
// unless the dossier allows it (the decision is then marked Self).
func (s *Service) Review(reqID string, d SignoffDecision, comment, operator string) (ReqState, error) {
	req, err := s.Catalogue().Requirement(reqID)
	if err != nil {
		return ReqState{}, err
	}
	operator, comment = strings.TrimSpace(operator), strings.TrimSpace(comment)
	if operator == "" {
		return ReqState{}, E(FaultNoOperator, "", nil)
	}
	if d == ACorriger && comment == "" {
		return ReqState{}, E(FaultNoComment, req.ID, nil)
	}
	var st ReqState
	err = s.update(func(tx Tx) error {
		info, err := tx.Info()
		if err != nil {
			return err
		}
		rules := info.SignoffRules()
		if !rules.Required {
			return E(FaultSignoffOff, req.ID, nil)
		}
		if !s.Catalogue().Applies(req, info.Profiles) {
			return E(FaultOutOfScope, req.ID, nil)
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
		self := authoredBy(evs, operator)
		if self && d == Valide && !rules.AllowSelf {
			return ED(FaultSelfReview, req.ID, operator, nil)
		}
		st.ReqID = req.ID
		st.Signoff = &Signoff{Decision: d, By: operator, At: tx.Now(), Comment: comment, Status: st.Status,
			Proofs: proofDigests(evs), Text: signoffText(st), Self: self && d == Valide}
		st.UpdatedAt = tx.Now()
		return tx.SaveState(st)
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

// SetSignoffRules changes the dossier's review rules, in one transaction.
func (s *Service) SetSignoffRules(rules SignoffSettings) error {
	return s.modifyInfo(func(in *Info) error {
		in.Signoff = &rules
		return nil
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
