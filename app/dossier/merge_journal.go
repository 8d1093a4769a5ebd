package dossier

import (
	"path/filepath"
	"strconv"
)

// What a merge reads in the two journals. An event is known across copies
// by its identity: its Hash where it was first recorded (Origin, for an
// event a merge copied in; its own Hash otherwise). The events of one
// copy whose identity the other lacks are what that copy did since their
// common point; they tell, field by field, which side changed what.

// identity is the hash that names ev in every copy of the dossier.
func identity(ev Event) string {
	if ev.Origin != "" {
		return ev.Origin
	}
	return ev.Hash
}

// anyReq stands for every requirement in a Divergence (a catalogue switch
// flags requirements "à revoir" wholesale).
const anyReq = "*"

// stateFieldNames are the fields of a requirement's state that events
// name (see StateChanges).
var stateFieldNames = map[string]bool{FieldStatus: true, FieldNote: true, FieldJustification: true, FieldOffline: true, FieldReview: true}

// journalIDs reads a journal's identities, in order, and its head. With
// check set, the chain is verified from dossierID as it is read.
func journalIDs(st Store, dossierID string, check bool) (map[string]bool, string, error) {
	ids := map[string]bool{}
	var head string
	var c *ChainChecker
	if check {
		c = NewChainChecker(dossierID)
	}
	err := st.Journal(1, func(ev Event) error {
		if c != nil {
			if err := c.Next(ev); err != nil {
				return err
			}
		}
		ids[identity(ev)] = true
		head = ev.Hash
		return nil
	})
	return ids, head, err
}

// divergence reads what each copy did since their common point. The other
// copy's journal must verify (its chain from the dossier's ID): a copy
// whose journal was altered is refused.
func (s *Service) divergence(other *Service) (Divergence, error) {
	div := Divergence{Mine: map[string]map[string]bool{}, Theirs: map[string]map[string]bool{}, MineRemoved: map[ProofKey]bool{},
		MineCaptions: map[ProofKey]bool{}, TheirsCaptions: map[ProofKey]bool{}}
	mineIDs, mineHead, err := journalIDs(s.store, s.Info().ID, false)
	if err != nil {
		return div, err
	}
	theirIDs, theirHead, err := journalIDs(other.store, other.Info().ID, true)
	if err != nil {
		if FaultOf(err) == FaultJournalBroken {
			return div, ED(FaultCopyJournal, other.Path(), AsError(err).Subject, err)
		}
		return div, copyFault(other.Path(), err)
	}
	div.MineHead, div.TheirsHead = mineHead, theirHead
	err = s.store.Journal(1, func(ev Event) error {
		if !theirIDs[identity(ev)] {
			markChanges(div.Mine, ev)
			markRemoved(div.MineRemoved, ev)
			markCaption(div.MineCaptions, ev)
		}
		return nil
	})
	if err != nil {
		return div, err
	}
	err = other.store.Journal(1, func(ev Event) error {
		if mineIDs[identity(ev)] {
			div.Known = true
			return nil
		}
		markChanges(div.Theirs, ev)
		markCaption(div.TheirsCaptions, ev)
		div.Import = append(div.Import, ev)
		return nil
	})
	return div, copyFault(other.Path(), err)
}

// markChanges notes in m the requirement fields ev changed.
func markChanges(m map[string]map[string]bool, ev Event) {
	mark := func(req, field string) {
		if m[req] == nil {
			m[req] = map[string]bool{}
		}
		m[req][field] = true
	}
	switch ev.Kind {
	case EventCatalogue:
		mark(anyReq, FieldRecheck)
	case EventState:
		// Acting on a requirement clears its "à revoir" flag.
		mark(ev.Subject, FieldRecheck)
	}
	if ev.Subject == "" {
		markDossier(m, ev)
		return
	}
	for _, f := range ev.Fields {
		// A review lists the status it saw, unchanged: not a change.
		if stateFieldNames[f.Field] && f.Old != f.New {
			mark(ev.Subject, f.Field)
		}
	}
}

// markRemoved notes the proofs ev took away from a requirement.
func markRemoved(m map[ProofKey]bool, ev Event) {
	switch ev.Kind {
	case EventEvidenceDeleted:
		m[ProofKey{ev.Subject, ev.SHA256}] = true
	case EventEvidenceMoved:
		if f, ok := ev.Field("requirement"); ok {
			m[ProofKey{f.Old, ev.SHA256}] = true
		}
	}
}

// onlyMerges tells whether every event is a merge's own: a copy that only
// recorded merging this dossier brings nothing (merging back and forth
// stops there).
func onlyMerges(evs []Event) bool {
	for _, ev := range evs {
		if ev.Kind != EventMerge {
			return false
		}
	}
	return true
}

// recordMerge joins the other copy's events to the journal (each keeps
// its time, operator, summary and fields, and names its identity as
// Origin) and records the merge, naming both heads and each conflict's
// decision. raw records as it is; tx fills in this service's operator;
// head is the journal's head when the merge was planned.
func (p *mergePlan) recordMerge(raw, tx Tx, other, head string, div Divergence) error {
	// The first event must follow head: else the dossier changed since it
	// was read, and the merge, planned on what was read, is refused.
	follows := func(ev Event, err error) error {
		if err == nil && head != "" && ev.Prev != head {
			err = E(FaultChangedMeanwhile, "", nil)
		}
		head = ""
		return err
	}
	for _, ev := range div.Import {
		if err := follows(raw.Record(Event{Time: ev.Time, Operator: ev.Operator, Kind: ev.Kind, Subject: ev.Subject,
			Summary: ev.Summary, SHA256: ev.SHA256, Fields: ev.Fields, Origin: identity(ev)})); err != nil {
			return err
		}
	}
	f := []FieldChange{
		{Field: "mine_head", New: div.MineHead},
		{Field: "theirs_head", New: div.TheirsHead},
		{Field: "evidence_added", New: strconv.Itoa(p.report.EvidenceAdded)},
		{Field: "events_added", New: strconv.Itoa(len(div.Import))},
	}
	for _, c := range p.report.Conflicts {
		kept := c.Mine
		if c.Resolved == Theirs {
			kept = c.Theirs
		}
		f = append(f, FieldChange{Field: "conflict " + conflictKey(c) + " " + string(c.Resolved), Old: c.Mine, New: kept})
	}
	return follows(tx.Record(Event{Kind: EventMerge, Subject: filepath.Base(other), Fields: f}))
}
